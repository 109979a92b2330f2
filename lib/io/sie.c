/* The streaming SIE reader.
 *
 * Layers, bottom up:
 *   input     blocks of 1 MiB from a FILE (or one caller-owned buffer) and lines found with
 *             memchr; a line that straddles two blocks is moved to the front of the buffer;
 *   encoding  decided from the first block that holds a byte above 127 (until then every
 *             candidate reads the same), see tertial__sie_detect();
 *   tokens    the fields of one line as (pointer, length) ranges into the buffer, object lists
 *             as ranges of items; nothing is copied yet;
 *   record    the fields decoded to UTF-8 into an arena sized for the worst case before the
 *             line is decoded, then typed by a per-label schema;
 *   checks    #VER blocks, #RTRANS duplicates, voucher balance, #KSUMMA, #RAR periods.
 *
 * The arena, token and object arrays grow to the longest line seen and are then reused, so
 * the steady state allocates nothing. Every departure from the specification goes through
 * report(): in strict mode it stops the reader, in lenient mode it records a diagnostic and
 * the caller repairs, keeps or skips as the diagnostic says. */
#define _POSIX_C_SOURCE 200809L /* fileno */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <sys/stat.h>

#include "sie_internal.h"

enum {
  DEFAULT_BLOCK = 1 << 20,
  DEFAULT_MAX_LINE = 1 << 20,
  DEFAULT_MAX_DIAGNOSTICS = 1000,
  DETECT_WINDOW = 1 << 20, /* bytes examined to decide the encoding */
  EXCERPT_CHARS = 60,
  RAR_YEARS = 16,          /* year numbers 0 .. -15 whose #RAR is remembered */
  SKIP = 1,                /* returned by checks: the record is not returned (lenient) */
};

enum { TOK_WORD, TOK_QUOTED, TOK_LIST };
enum { BLOCK_NONE, BLOCK_EXPECT, BLOCK_OPEN }; /* after a #VER: waiting for '{', inside */
enum { KSUMMA_NONE, KSUMMA_OPEN, KSUMMA_CLOSED };

/* One field of a line: a byte range of the buffer. For a quoted field the range is what
 * stands between the quotes, escapes still in place. */
typedef struct sie_token {
  const unsigned char *p;
  size_t len;
  size_t col;              /* offset of the field (its opening quote or brace) in the line */
  unsigned char kind;      /* TOK_* */
  unsigned char escaped;   /* holds \" */
  unsigned char special;   /* holds bytes above 127 or control characters */
  size_t first, count;     /* TOK_LIST: its items */
} sie_token;

/* Field types of the per-label schemas: what a field is and where it goes in the record. */
enum {
  FT_TEXT, FT_TEXT2, FT_SIGN, FT_SERIES, FT_VNUM, FT_SKIP, /* strings: a missing one is "" */
  FT_OBJECT, FT_DATE, FT_DATE2, FT_NUMBER, FT_DIM, FT_SUPER, FT_YEAR, FT_PERIOD,
  FT_ACCOUNT, FT_AMOUNT, FT_QTY, FT_LIST, FT_CRC,
};

typedef struct label_spec {
  const char *name;
  const char *form;        /* the syntax, for "expected ..." */
  unsigned char min, n;    /* mandatory fields, all fields */
  unsigned char f[7];
} label_spec;

#define TRANS_FIELDS {FT_ACCOUNT, FT_LIST, FT_AMOUNT, FT_DATE, FT_TEXT, FT_QTY, FT_SIGN}
#define TRANS_FORM "account {objects} amount [transdate] [text] [quantity] [sign]"

/* Sorted by name, in the order of tertial_sie_label: specs[i] is label i + 1. */
static const label_spec specs[] = {
  {"#ADRESS", "contact street postal-address phone", 0, 4, {FT_TEXT, FT_SKIP, FT_SKIP, FT_SKIP}},
  {"#BKOD", "industry-code", 1, 1, {FT_TEXT}},
  {"#BTRANS", TRANS_FORM, 3, 7, TRANS_FIELDS},
  {"#DIM", "dimension name", 2, 2, {FT_DIM, FT_TEXT}},
  {"#ENHET", "account unit", 2, 2, {FT_ACCOUNT, FT_TEXT}},
  {"#FLAGGA", "flag", 1, 1, {FT_NUMBER}},
  {"#FNAMN", "company-name", 1, 1, {FT_TEXT}},
  {"#FNR", "company-id", 1, 1, {FT_TEXT}},
  {"#FORMAT", "PC8", 1, 1, {FT_TEXT}},
  {"#FTYP", "company-type", 1, 1, {FT_TEXT}},
  {"#GEN", "date [sign]", 1, 2, {FT_DATE, FT_SIGN}},
  {"#IB", "year account balance [quantity]", 3, 4, {FT_YEAR, FT_ACCOUNT, FT_AMOUNT, FT_QTY}},
  {"#KONTO", "account name", 2, 2, {FT_ACCOUNT, FT_TEXT}},
  {"#KPTYP", "chart-type", 1, 1, {FT_TEXT}},
  {"#KSUMMA", "[checksum]", 0, 1, {FT_CRC}},
  {"#KTYP", "account T|S|K|I", 2, 2, {FT_ACCOUNT, FT_TEXT}},
  {"#OBJEKT", "dimension object name", 3, 3, {FT_DIM, FT_OBJECT, FT_TEXT}},
  {"#OIB", "year account {objects} balance [quantity]", 4, 5,
   {FT_YEAR, FT_ACCOUNT, FT_LIST, FT_AMOUNT, FT_QTY}},
  {"#OMFATTN", "date", 1, 1, {FT_DATE}},
  {"#ORGNR", "orgnr [acquisition-no] [activity-no]", 1, 3, {FT_TEXT, FT_TEXT2, FT_SKIP}},
  {"#OUB", "year account {objects} balance [quantity]", 4, 5,
   {FT_YEAR, FT_ACCOUNT, FT_LIST, FT_AMOUNT, FT_QTY}},
  {"#PBUDGET", "year period account {objects} amount [quantity]", 5, 6,
   {FT_YEAR, FT_PERIOD, FT_ACCOUNT, FT_LIST, FT_AMOUNT, FT_QTY}},
  {"#PROGRAM", "name version", 2, 2, {FT_TEXT, FT_TEXT2}},
  {"#PROSA", "text", 1, 1, {FT_TEXT}},
  {"#PSALDO", "year period account {objects} amount [quantity]", 5, 6,
   {FT_YEAR, FT_PERIOD, FT_ACCOUNT, FT_LIST, FT_AMOUNT, FT_QTY}},
  {"#RAR", "year first-day last-day", 3, 3, {FT_YEAR, FT_DATE, FT_DATE2}},
  {"#RES", "year account balance [quantity]", 3, 4, {FT_YEAR, FT_ACCOUNT, FT_AMOUNT, FT_QTY}},
  {"#RTRANS", TRANS_FORM, 3, 7, TRANS_FIELDS},
  {"#SIETYP", "type", 1, 1, {FT_NUMBER}},
  {"#SRU", "account code", 2, 2, {FT_ACCOUNT, FT_TEXT}},
  {"#TAXAR", "year", 1, 1, {FT_NUMBER}},
  {"#TRANS", TRANS_FORM, 3, 7, TRANS_FIELDS},
  {"#UB", "year account balance [quantity]", 3, 4, {FT_YEAR, FT_ACCOUNT, FT_AMOUNT, FT_QTY}},
  {"#UNDERDIM", "dimension name superdimension", 3, 3, {FT_DIM, FT_TEXT, FT_SUPER}},
  {"#VALUTA", "currency", 1, 1, {FT_TEXT}},
  {"#VER", "series number date [text] [regdate] [sign]", 3, 6,
   {FT_SERIES, FT_VNUM, FT_DATE, FT_TEXT, FT_DATE2, FT_SIGN}},
};
enum { NSPECS = sizeof specs / sizeof specs[0] };

/* Records every file must carry (the identification records). */
static const tertial_sie_label required_labels[] = {
  TERTIAL_SIE_FLAGGA, TERTIAL_SIE_PROGRAM, TERTIAL_SIE_FORMAT,
  TERTIAL_SIE_GEN, TERTIAL_SIE_SIETYP, TERTIAL_SIE_FNAMN,
};

typedef struct sie_line {
  const unsigned char *p;
  size_t len;
  uint64_t no;     /* 1-based */
  uint64_t offset; /* of the line's first byte in the input */
} sie_line;

/* A growable byte buffer for the few strings kept across records. */
typedef struct sie_bytes {
  char *data;
  size_t len, cap;
} sie_bytes;

struct tertial_sie_reader {
  tertial_sie_options opt;
  char *name;
  FILE *fp;
  uint64_t size; /* the file's size when known (a regular file), else 0 */

  unsigned char *buf; /* owned for files, the caller's bytes for memory */
  size_t cap, pos, end;
  int eof, skipping;  /* skipping: discarding the rest of a line too long */
  uint64_t consumed;  /* input offset of buf[0] */
  sie_line ln;

  int enc, declared, format_seen, mismatch_pending;
  uint64_t first_high; /* input offset of the first byte above 127, UINT64_MAX if none */
  unsigned char table[128][4];

  sie_token *tok, *items;
  size_t ntok, tok_cap, nitems, item_cap;
  size_t quotes_total, quotes_seen; /* unescaped quotes of the line (SIZE_MAX: not counted) */
  char *arena;
  size_t arena_len, arena_cap;
  const char **fields;
  size_t *flen;
  size_t fields_cap, flen_cap;
  tertial_sie_object *objects;
  size_t objects_cap;
  tertial_sie_record rec;
  const char *cur_tag;
  const label_spec *recent[2]; /* the last two labels: #TRANS lines repeat, #VER comes between */
  size_t recent_len[2];

  int block;
  uint64_t ver_line;
  tertial_date ver_date;
  int ver_has_date;
  sie_bytes ver;       /* series '\0' number '\0' */
  size_t ver_number_at;
  tertial_i128 ver_sum;
  int expect_dup;
  uint64_t rtrans_line;
  sie_bytes rtrans_key, trans_key;
  size_t rtrans_core;

  int ksumma;
  uint32_t crc;
  tertial_date rar_first[RAR_YEARS], rar_last[RAR_YEARS];
  unsigned rar_known;
  uint64_t seen;       /* bit per label seen */

  tertial_sie_stats stats;
  tertial_sie_diagnostic *diags;
  size_t ndiags, diag_cap;
  int failed, done;
};

static const char empty[] = "";

/* Bytes that need no attention: bit 1 in an unquoted field (printable ASCII but '"' and '}'),
 * bit 2 inside quotes (printable ASCII and space, but '"' and '\\'). One lookup per byte in
 * the loops that see most of the input. */
enum { PLAIN_WORD = 1, PLAIN_QUOTED = 2 };
static const unsigned char plain[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  2, 3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3, 0,
};

/* The end of the run of bytes plain inside quotes from p[j] (at most n), eight bytes at a
 * time: texts are long enough for it to pay (words are not: read_word() goes byte by byte).
 * `stop` has the top bit set in each byte that ends the run: a control character, '"', '\\',
 * DEL or a byte above 127. Each term flags bytes exactly up to the first one it flags (a
 * borrow only starts at a flagged byte), so the lowest set bit of the union is the first stop. */
static inline size_t quoted_run(const unsigned char *p, size_t j, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
  while (j + 8 <= n) {
    uint64_t x, q, b, d;
    memcpy(&x, p + j, 8);
    q = x ^ ones * '"';
    b = x ^ ones * '\\';
    d = x ^ ones * 0x7F;
    uint64_t stop = (x & high) | ((x - ones * 0x20) & ~x & high) | ((q - ones) & ~q & high) |
                    ((b - ones) & ~b & high) | ((d - ones) & ~d & high);
    if (stop)
      return j + (size_t)(__builtin_ctzll(stop) >> 3);
    j += 8;
  }
#endif
  while (j < n && (plain[p[j]] & PLAIN_QUOTED))
    j++;
  return j;
}

/* ---------------------------------------------------------------------------------- */
/* Small helpers                                                                       */
/* ---------------------------------------------------------------------------------- */

static int is_space(unsigned char c)
{
  return c == ' ' || c == '\t';
}

static size_t skip_space(const unsigned char *p, size_t n, size_t i)
{
  while (i < n && is_space(p[i]))
    i++;
  return i;
}

static int all_digits(const unsigned char *p, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (p[i] < '0' || p[i] > '9')
      return 0;
  return n > 0;
}

static int is_trans(int label)
{
  return label == TERTIAL_SIE_TRANS || label == TERTIAL_SIE_RTRANS || label == TERTIAL_SIE_BTRANS;
}

static int bytes_append(sie_bytes *b, const void *p, size_t n)
{
  if (tertial__grow((void **)&b->data, &b->cap, b->len + n + 1, 1) < 0)
    return TERTIAL_ERR_NOMEM;
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

/* Index of the first byte above 127, n if none; eight bytes at a time. */
static size_t find_high(const unsigned char *p, size_t n)
{
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    if (w & UINT64_C(0x8080808080808080))
      break;
  }
  while (i < n && p[i] < 0x80)
    i++;
  return i;
}

/* ---------------------------------------------------------------------------------- */
/* Diagnostics                                                                         */
/* ---------------------------------------------------------------------------------- */

/* 1-based column in characters of byte offset col of the current line; 0 for SIZE_MAX. */
static size_t char_column(const tertial_sie_reader *r, size_t col)
{
  if (col == SIZE_MAX)
    return 0;
  size_t chars = 1;
  for (size_t i = 0; i < col && i < r->ln.len; i++)
    chars += r->enc != TERTIAL_SIE_ENCODING_UTF8 || (r->ln.p[i] & 0xC0) != 0x80;
  return chars;
}

/* A printable UTF-8 excerpt of raw bytes, at most EXCERPT_CHARS characters. */
static void excerpt(const tertial_sie_reader *r, char *out, size_t size, const unsigned char *p, size_t n)
{
  size_t o = 0, chars = 0, i = 0;
  for (; i < n && chars < EXCERPT_CHARS && o + 8 < size; i++, chars++) {
    unsigned c = p[i];
    size_t len = c >= 0x80 && r->enc == TERTIAL_SIE_ENCODING_UTF8 ? tertial__sie_utf8_len(p + i, n - i) : 0;
    if (len) {
      memcpy(out + o, p + i, len);
      o += len;
      i += len - 1;
    } else if (c >= 0x80 && r->enc != TERTIAL_SIE_ENCODING_UTF8) {
      memcpy(out + o, r->table[c - 0x80], 3);
      o += r->table[c - 0x80][3] & 0x7F;
    } else {
      out[o++] = c < 0x20 || c >= 0x7F ? '?' : (char)c;
    }
  }
  if (i < n) {
    memcpy(out + o, "...", 3);
    o += 3;
  }
  out[o] = '\0';
}

/* " (what the reader did)" for the message. `what` may end in " -> repair"; the repair is
 * only told when it was made. */
static void action_note(char *buf, size_t size, tertial_sie_action action, const char *repair)
{
  if (action == TERTIAL_SIE_STOPPED)
    snprintf(buf, size, " (reading stopped)");
  else if (action == TERTIAL_SIE_SKIPPED)
    snprintf(buf, size, " (record skipped)");
  else if (repair)
    snprintf(buf, size, " (%s)", repair);
  else
    buf[0] = '\0';
}

/* Keep a diagnostic: its strings are one allocation hanging off `message`. */
static int keep_diagnostic(tertial_sie_reader *r, const tertial_sie_diagnostic *d, char *what, const char *found)
{
  if (r->ndiags >= r->opt.max_diagnostics) {
    r->stats.diagnostics_dropped++;
    return 0;
  }
  if (tertial__grow((void **)&r->diags, &r->diag_cap, r->ndiags + 1, sizeof *r->diags) < 0)
    return TERTIAL_ERR_NOMEM;
  char head[64], note[160];
  char *arrow = strstr(what, " -> ");
  if (arrow)
    *arrow = '\0';
  action_note(note, sizeof note, d->action, arrow ? arrow + 4 : NULL);
  if (d->column)
    snprintf(head, sizeof head, ":%zu:%zu: ", d->line, d->column);
  else
    snprintf(head, sizeof head, ":%zu: ", d->line);
  size_t nl = strlen(d->label) + 1, ne = strlen(d->expected) + 1, nf = strlen(found) + 1;
  size_t nm = strlen(r->name) + strlen(head) + strlen(what) + ne + nf + strlen(note) + 32;
  char *s = tertial__malloc(nl + ne + nf + nm);
  if (!s)
    return TERTIAL_ERR_NOMEM;
  tertial_sie_diagnostic *k = &r->diags[r->ndiags++];
  *k = *d;
  k->message = s;
  snprintf(s, nm, "%s%s%s: expected %s, found \"%s\"%s", r->name, head, what, d->expected, found, note);
  s += strlen(s) + 1;
  k->label = memcpy(s, d->label, nl);
  k->expected = memcpy(s + nl, d->expected, ne);
  k->found = memcpy(s + nl + ne, found, nf);
  return 0;
}

/* Record a problem at line `line`. In strict mode it stops the reader: returns
 * TERTIAL_ERR_PARSE with the message as the thread's last error. Otherwise returns 0 and the
 * caller does what `action` says. */
static int vreport(tertial_sie_reader *r, uint64_t line, tertial_sie_problem kind, tertial_sie_action action,
                   size_t col, const char *expected, const unsigned char *fp, size_t fn, const char *fmt,
                   va_list ap) TERTIAL_PRINTF(9, 0);
static int vreport(tertial_sie_reader *r, uint64_t line, tertial_sie_problem kind, tertial_sie_action action,
                   size_t col, const char *expected, const unsigned char *fp, size_t fn, const char *fmt,
                   va_list ap)
{
  int strict = r->opt.mode == TERTIAL_SIE_STRICT;
  char what[256], found[256];
  vsnprintf(what, sizeof what, fmt, ap);
  excerpt(r, found, sizeof found, fp, fn);
  tertial_sie_diagnostic d = {kind, strict ? TERTIAL_SIE_STOPPED : action, 0, r->name, (size_t)line,
                              line == r->ln.no ? char_column(r, col) : 0, r->cur_tag, expected, found, empty};
  d.is_error = d.action >= TERTIAL_SIE_SKIPPED;
  if (d.is_error)
    r->stats.errors++;
  else
    r->stats.warnings++;
  if (keep_diagnostic(r, &d, what, found) < 0)
    return TERTIAL_ERR_NOMEM;
  if (!strict)
    return 0;
  const tertial_sie_diagnostic *k = r->ndiags ? &r->diags[r->ndiags - 1] : NULL;
  return tertial__error(TERTIAL_ERR_PARSE, "%s", k ? k->message : what);
}

/* A problem tied to a whole line, possibly not the current one (a voucher's #VER). */
static int report_at(tertial_sie_reader *r, uint64_t line, tertial_sie_problem kind, tertial_sie_action action,
                     const char *expected, const char *found, const char *fmt, ...) TERTIAL_PRINTF(7, 8);
static int report_at(tertial_sie_reader *r, uint64_t line, tertial_sie_problem kind, tertial_sie_action action,
                     const char *expected, const char *found, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int rc = vreport(r, line, kind, action, SIZE_MAX, expected, (const unsigned char *)found, strlen(found), fmt, ap);
  va_end(ap);
  return rc;
}

/* A problem with the bytes p[0..n) of the current line (NULL: the whole line). */
static int report(tertial_sie_reader *r, tertial_sie_problem kind, tertial_sie_action action,
                  const char *expected, const unsigned char *p, size_t n, const char *fmt, ...)
  TERTIAL_PRINTF(7, 8);
static int report(tertial_sie_reader *r, tertial_sie_problem kind, tertial_sie_action action,
                  const char *expected, const unsigned char *p, size_t n, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  size_t col = p ? (size_t)(p - r->ln.p) : SIZE_MAX;
  if (!p) {
    p = r->ln.p;
    n = r->ln.len;
  }
  int rc = vreport(r, r->ln.no, kind, action, col, expected, p, n, fmt, ap);
  va_end(ap);
  return rc;
}

/* The same for a token (the field's bytes from its opening quote or brace). */
static int report_tok(tertial_sie_reader *r, tertial_sie_problem kind, tertial_sie_action action,
                      const char *expected, const sie_token *t, const char *what)
{
  const unsigned char *start = r->ln.p + t->col;
  size_t n = (size_t)(t->p - start) + t->len + (t->kind != TOK_WORD);
  if (t->col + n > r->ln.len)
    n = r->ln.len - t->col;
  return report(r, kind, action, expected, start, n, "%s", what);
}

/* ---------------------------------------------------------------------------------- */
/* Input: blocks, lines, encoding detection                                            */
/* ---------------------------------------------------------------------------------- */

static void set_encoding(tertial_sie_reader *r, int enc)
{
  r->enc = enc;
  if (enc == TERTIAL_SIE_ENCODING_LATIN1 || enc == TERTIAL_SIE_ENCODING_CP437)
    tertial__sie_codec_table(r->table, enc);
}

/* #FORMAT and the bytes disagree: say so on the line of the first byte above 127. */
static void update_mismatch(tertial_sie_reader *r)
{
  r->mismatch_pending = r->opt.encoding == TERTIAL_SIE_ENCODING_AUTO && r->format_seen &&
                        r->declared == TERTIAL_SIE_ENCODING_CP437 && r->first_high != UINT64_MAX &&
                        (r->enc == TERTIAL_SIE_ENCODING_UTF8 || r->enc == TERTIAL_SIE_ENCODING_LATIN1);
}

/* Look at newly read bytes: until the first byte above 127 nothing is decided. */
static void detect(tertial_sie_reader *r, size_t from)
{
  if (r->opt.encoding != TERTIAL_SIE_ENCODING_AUTO || r->enc != TERTIAL_SIE_ENCODING_ASCII)
    return;
  size_t i = from + find_high(r->buf + from, r->end - from);
  if (i == r->end)
    return;
  size_t n = r->end - i < DETECT_WINDOW ? r->end - i : DETECT_WINDOW;
  int enc = tertial__sie_detect(r->buf + i, n, r->declared);
  if (enc == TERTIAL_SIE_ENCODING_AUTO && !r->eof)
    return; /* a sequence cut by the end of the block: its line is not read before the next */
  r->first_high = r->consumed + i;
  set_encoding(r, enc == TERTIAL_SIE_ENCODING_AUTO ? TERTIAL_SIE_ENCODING_CP437 : enc);
  update_mismatch(r);
}

/* At the very start: a UTF-8 byte-order mark is skipped and settles the encoding. */
static void skip_bom(tertial_sie_reader *r)
{
  if (r->consumed == 0 && r->pos == 0 && r->end >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
    r->pos = 3;
    if (r->opt.encoding == TERTIAL_SIE_ENCODING_AUTO) {
      set_encoding(r, TERTIAL_SIE_ENCODING_UTF8);
      r->first_high = 0; /* the mark itself: a PC8 file has none */
    }
  }
}

int tertial__sie_progress(const tertial_sie_options *o, const char *name, uint64_t bytes, uint64_t total)
{
  if (!o->progress || o->progress(bytes, total, o->progress_data) == 0)
    return 0;
  return tertial__error(TERTIAL_ERR_CANCELLED, "%s: reading cancelled by the progress callback after %llu bytes",
                        name, (unsigned long long)bytes);
}

/* Tell the caller's progress callback how far the file is read; a non-zero answer cancels. */
static int report_progress(tertial_sie_reader *r)
{
  return tertial__sie_progress(&r->opt, r->name, r->stats.bytes, r->size);
}

/* Move the unread tail to the front and read more. The buffer grows only when one line
 * fills it, up to max_line + 1 bytes (next_line() never asks for more). */
static int refill(tertial_sie_reader *r)
{
  if (r->pos > 0) {
    memmove(r->buf, r->buf + r->pos, r->end - r->pos);
    r->consumed += r->pos;
    r->end -= r->pos;
    r->pos = 0;
  }
  if (r->end == r->cap) {
    size_t want = r->cap * 2 > r->opt.max_line + 1 ? r->opt.max_line + 1 : r->cap * 2;
    if (tertial__grow((void **)&r->buf, &r->cap, want, 1) < 0)
      return TERTIAL_ERR_NOMEM;
  }
  errno = 0;
  size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
  if (got == 0) {
    if (ferror(r->fp))
      return tertial__error(TERTIAL_ERR_IO, "%s: read error after %llu bytes: %s", r->name,
                            (unsigned long long)r->stats.bytes, errno ? strerror(errno) : "unknown reason");
    r->eof = 1;
    detect(r, r->pos); /* a decision put off until the end */
    return report_progress(r);
  }
  r->end += got;
  r->stats.bytes += got;
  if (report_progress(r) < 0)
    return TERTIAL_ERR_CANCELLED;
  skip_bom(r);
  detect(r, r->pos); /* from the unread tail: a decision put off for a cut sequence is retried */
  return 0;
}

static void set_line(tertial_sie_reader *r, const unsigned char *s, size_t len)
{
  r->ln.p = s;
  r->ln.offset = r->consumed + (uint64_t)(s - r->buf);
  r->ln.len = len > 0 && s[len - 1] == '\r' ? len - 1 : len;
  r->ln.no++;
  r->stats.lines++;
}

/* A line longer than max_line: reported with its first 200 bytes and skipped. The caller
 * moves past it (or sets r->skipping to discard it as it arrives). */
static int line_too_long(tertial_sie_reader *r)
{
  size_t avail = r->end - r->pos;
  set_line(r, r->buf + r->pos, avail < 200 ? avail : 200);
  r->cur_tag = empty;
  r->stats.skipped_records++;
  return report(r, TERTIAL_SIE_LINE_TOO_LONG, TERTIAL_SIE_SKIPPED, "a line of at most max_line bytes", NULL, 0,
                "line longer than %zu bytes", r->opt.max_line);
}

/* Discard input up to and including the next newline. */
static int discard_line(tertial_sie_reader *r)
{
  const unsigned char *nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);
  r->pos = nl ? (size_t)(nl - r->buf) + 1 : r->end;
  r->skipping = nl == NULL;
  return r->skipping && !r->eof ? refill(r) : 0;
}

/* The next line into r->ln. Returns 1, 0 at the end of the input, or an error. */
static int next_line(tertial_sie_reader *r)
{
  for (;;) {
    int rc;
    if (r->skipping) {
      if (r->eof && r->pos == r->end)
        return 0;
      if ((rc = discard_line(r)) < 0)
        return rc;
      continue;
    }
    const unsigned char *s = r->buf + r->pos;
    size_t avail = r->end - r->pos;
    const unsigned char *nl = memchr(s, '\n', avail);
    size_t len = nl ? (size_t)(nl - s) : avail;
    if (len > r->opt.max_line) {
      if ((rc = line_too_long(r)) < 0 || (rc = discard_line(r)) < 0)
        return rc;
      continue;
    }
    if (nl || (r->eof && avail)) {
      r->pos += len + (nl != NULL);
      set_line(r, s, len);
      return 1;
    }
    if (r->eof)
      return 0;
    if ((rc = refill(r)) < 0)
      return rc;
  }
}

/* ---------------------------------------------------------------------------------- */
/* Tokens                                                                              */
/* ---------------------------------------------------------------------------------- */

/* A new slot at the end of a token array, NULL if out of memory. Tokens are read straight
 * into their slot: building one on the stack and copying it costs a store-forwarding stall. */
static inline sie_token *new_token(sie_token **arr, size_t *n, size_t *cap)
{
  if (*n == *cap && tertial__grow((void **)arr, cap, *n + 1, sizeof **arr) < 0)
    return NULL;
  return &(*arr)[(*n)++];
}

/* Quotes of the current line that are not escaped as \". */
static size_t count_quotes(const sie_line *ln)
{
  size_t count = 0;
  for (const unsigned char *q = ln->p, *end = ln->p + ln->len; (q = memchr(q, '"', (size_t)(end - q))); q++)
    count += q == ln->p || q[-1] != '\\';
  return count;
}

/* Whether the quote at p[j] closes the field. It must be followed by a space, the end of the
 * line or (in a list) '}'. When the quotes after it do not pair up, one of them is stray:
 * if the next one starts a field, the stray quote is further on (a field left unterminated
 * at the end of the line); if not, this quote is the stray one, as SoftOne XE writes ö
 * ("Lind" Park" for "Lindö Park"). */
static int closes(tertial_sie_reader *r, size_t j, int in_list)
{
  const unsigned char *p = r->ln.p;
  size_t n = r->ln.len;
  if (j + 1 == n)
    return 1; /* the quotes after it pair up: there are none */
  if (!(is_space(p[j + 1]) || (in_list && p[j + 1] == '}')))
    return 0;
  if (in_list)
    return 1; /* object codes are short codes, not the texts where the stray quotes occur */
  if (r->quotes_total == SIZE_MAX)
    r->quotes_total = count_quotes(&r->ln);
  if ((r->quotes_total - r->quotes_seen) % 2 == 0)
    return 1;
  size_t q = j + 1;
  while (q < n && (p[q] != '"' || p[q - 1] == '\\'))
    q++;
  return q < n && (is_space(p[q - 1]) || p[q - 1] == '{');
}

/* A quoted field from the opening quote at *i. A quote that does not close the field (see
 * closes()) is taken as a character of it; a field without a closing quote runs to the end
 * of the line. Both are repaired with a warning. */
static int read_quoted(tertial_sie_reader *r, size_t *i, int in_list, sie_token *t)
{
  const unsigned char *p = r->ln.p;
  size_t n = r->ln.len, j = *i + 1;
  unsigned char special = 0;
  t->p = p + j;
  t->kind = TOK_QUOTED;
  r->quotes_seen++;
  for (;; j++) {
    j = quoted_run(p, j, n);
    if (j >= n)
      break;
    unsigned char c = p[j];
    if (c == '\\' && j + 1 < n && p[j + 1] == '"') {
      t->escaped = 1;
      j++;
    } else if (c == '"') {
      r->quotes_seen++;
      if (closes(r, j, in_list))
        break;
      int rc = report(r, TERTIAL_SIE_BAD_QUOTE, TERTIAL_SIE_REPAIRED,
                      "a space or the end of the line after a closing quote", p + j, n - j,
                      "quote inside a quoted field -> read as a character");
      if (rc < 0)
        return rc;
    } else {
      special |= c < 0x20 || c >= 0x7F;
    }
  }
  t->special = special;
  if (j >= n) {
    size_t end = n;
    while (end > *i + 1 && is_space(p[end - 1]))
      end--;
    t->len = end - (*i + 1);
    *i = n;
    return report(r, TERTIAL_SIE_BAD_QUOTE, TERTIAL_SIE_REPAIRED, "a closing quote", p + t->col, n - t->col,
                  "unterminated quoted field -> read to the end of the line");
  }
  t->len = j - (*i + 1);
  *i = j + 1;
  return 0;
}

/* An unquoted field: up to a space (or, in a list, '}'). */
static int read_word(tertial_sie_reader *r, size_t *i, int in_list, sie_token *t)
{
  const unsigned char *p = r->ln.p;
  size_t n = r->ln.len, j = *i;
  unsigned char special = 0, quote = 0;
  for (;; j++) {
    while (j < n && (plain[p[j]] & PLAIN_WORD))
      j++;
    if (j >= n || is_space(p[j]) || (in_list && p[j] == '}'))
      break;
    special |= p[j] < 0x20 || p[j] >= 0x7F;
    if (p[j] == '"' && (j == 0 || p[j - 1] != '\\')) {
      quote = 1;
      r->quotes_seen++;
    }
  }
  t->p = p + *i;
  t->len = j - *i;
  t->kind = TOK_WORD;
  t->special = special;
  *i = j;
  if (!quote)
    return 0;
  return report(r, TERTIAL_SIE_BAD_QUOTE, TERTIAL_SIE_KEPT, "quotes around the whole field", t->p, t->len,
                "quote inside an unquoted field -> read as a character");
}

static int read_field(tertial_sie_reader *r, size_t *i, int in_list, sie_token *t)
{
  memset(t, 0, sizeof *t);
  t->col = *i;
  return r->ln.p[*i] == '"' ? read_quoted(r, i, in_list, t) : read_word(r, i, in_list, t);
}

/* An object list from the '{' at *i: items up to the matching '}'. */
static int read_list(tertial_sie_reader *r, size_t *i)
{
  const unsigned char *p = r->ln.p;
  size_t n = r->ln.len, start = *i, j = start + 1;
  sie_token *list = new_token(&r->tok, &r->ntok, &r->tok_cap);
  if (!list)
    return TERTIAL_ERR_NOMEM;
  *list = (sie_token){p + start + 1, 0, start, TOK_LIST, 0, 0, r->nitems, 0};
  unsigned char tab = 0;
  for (;;) {
    for (; j < n && is_space(p[j]); j++)
      tab |= p[j] == '\t';
    if (j >= n) {
      int rc = report(r, TERTIAL_SIE_BAD_OBJECT_LIST, TERTIAL_SIE_SKIPPED, "'}' closing the object list",
                      p + start, n - start, "unterminated object list");
      return rc < 0 ? rc : SKIP;
    }
    if (p[j] == '}')
      break;
    sie_token *item = new_token(&r->items, &r->nitems, &r->item_cap);
    int rc = item ? read_field(r, &j, 1, item) : TERTIAL_ERR_NOMEM;
    if (rc < 0)
      return rc;
    list->special |= item->special;
  }
  list->count = r->nitems - list->first;
  list->len = j - (start + 1);
  list->special |= tab; /* TABs between items: the slow decoder makes them spaces */
  *i = j + 1;
  return 0;
}

/* Split the current line from *i (after the label) into tokens. Returns 0, SKIP or an error. */
static int tokenize(tertial_sie_reader *r, size_t i)
{
  const unsigned char *p = r->ln.p;
  size_t n = r->ln.len;
  r->ntok = r->nitems = 0;
  r->quotes_total = SIZE_MAX;
  r->quotes_seen = 0;
  for (;;) {
    i = skip_space(p, n, i);
    if (i >= n)
      return 0;
    int rc;
    if (p[i] == '{') {
      rc = read_list(r, &i);
    } else {
      sie_token *t = new_token(&r->tok, &r->ntok, &r->tok_cap);
      rc = t ? read_field(r, &i, 0, t) : TERTIAL_ERR_NOMEM;
    }
    if (rc != 0)
      return rc;
  }
}

/* ---------------------------------------------------------------------------------- */
/* #KSUMMA: CRC-32 of labels and fields without separators, quotes and braces            */
/* ---------------------------------------------------------------------------------- */

static uint32_t crc_token(uint32_t crc, const sie_token *t)
{
  if (!t->escaped)
    return tertial__sie_crc32(crc, t->p, t->len);
  size_t from = 0;
  for (size_t j = 0; j + 1 < t->len; j++) {
    if (t->p[j] == '\\' && t->p[j + 1] == '"') { /* the escaped quote counts, its backslash not */
      crc = tertial__sie_crc32(crc, t->p + from, j - from);
      from = ++j;
    }
  }
  return tertial__sie_crc32(crc, t->p + from, t->len - from);
}

static void crc_line(tertial_sie_reader *r, const unsigned char *label, size_t label_len)
{
  uint32_t crc = tertial__sie_crc32(r->crc, label, label_len);
  for (size_t k = 0; k < r->ntok; k++) {
    const sie_token *t = &r->tok[k];
    if (t->kind != TOK_LIST) {
      crc = crc_token(crc, t);
      continue;
    }
    for (size_t m = 0; m < t->count; m++)
      crc = crc_token(crc, &r->items[t->first + m]);
  }
  r->crc = crc;
}

/* ---------------------------------------------------------------------------------- */
/* Decoding fields to UTF-8                                                             */
/* ---------------------------------------------------------------------------------- */

/* Make room for the worst case of one line before any pointer into the arena is handed out:
 * every byte decodes to at most 3 bytes and is decoded at most twice (as a list and as an
 * item), plus a NUL per field and 4 bytes of slack for the table copies. */
static int prepare(tertial_sie_reader *r)
{
  size_t need = 6 * r->ln.len + 2 * (r->ntok + r->nitems) + 64;
  r->arena_len = 0;
  if (need <= r->arena_cap && r->ntok < r->fields_cap && r->ntok < r->flen_cap && r->nitems / 2 < r->objects_cap)
    return 0; /* the steady state */
  if (tertial__grow((void **)&r->arena, &r->arena_cap, need, 1) < 0 ||
      tertial__grow((void **)&r->fields, &r->fields_cap, r->ntok + 1, sizeof *r->fields) < 0 ||
      tertial__grow((void **)&r->flen, &r->flen_cap, r->ntok + 1, sizeof *r->flen) < 0 ||
      tertial__grow((void **)&r->objects, &r->objects_cap, r->nitems / 2 + 1, sizeof *r->objects) < 0)
    return TERTIAL_ERR_NOMEM;
  r->arena_len = 0;
  return 0;
}

/* Decode one byte above 127 at p[0..n) to d; returns bytes consumed, counts bad bytes. */
static size_t decode_high(const tertial_sie_reader *r, const unsigned char *p, size_t n, char **d, size_t *bad)
{
  if (r->enc == TERTIAL_SIE_ENCODING_UTF8) {
    size_t len = tertial__sie_utf8_len(p, n);
    if (len) {
      memcpy(*d, p, len);
      *d += len;
      return len;
    }
    memcpy(*d, "\xEF\xBF\xBD", 3);
    *d += 3;
    (*bad)++;
    return 1;
  }
  const unsigned char *e = r->table[p[0] - 0x80];
  memcpy(*d, e, 4);
  *d += e[3] & 0x7F;
  *bad += e[3] >> 7;
  return 1;
}

/* The slow path: escapes, control characters and bytes above 127. */
__attribute__((noinline)) static int decode_special(tertial_sie_reader *r, const sie_token *t, char *d, size_t *out_len)
{
  char *start = d;
  size_t ctrl = 0, bad = 0;
  for (size_t k = 0; k < t->len;) {
    unsigned char c = t->p[k];
    if (c == '\\' && t->escaped && k + 1 < t->len && t->p[k + 1] == '"') {
      *d++ = '"';
      k += 2;
    } else if (c >= 0x80) {
      k += decode_high(r, t->p + k, t->len - k, &d, &bad);
    } else {
      int is_ctrl = (c < 0x20 || c == 0x7F) && !(c == '\t' && t->special == 2);
      ctrl += (size_t)is_ctrl;
      *d++ = is_ctrl || c == '\t' ? ' ' : (char)c; /* strings hold no control characters */
      k++;
    }
  }
  *out_len = (size_t)(d - start);
  int rc = 0;
  if (ctrl)
    rc = report_tok(r, TERTIAL_SIE_CONTROL_CHAR, TERTIAL_SIE_REPAIRED, "no control characters in a field", t,
                    "control character in a field -> replaced by a space");
  if (rc == 0 && bad)
    rc = report_tok(r, TERTIAL_SIE_BAD_ENCODING, TERTIAL_SIE_REPAIRED, tertial_sie_encoding_name(r->enc), t,
                    "bytes invalid in the file's encoding -> replaced by U+FFFD");
  return rc;
}

/* Decode a token into the arena as a NUL-terminated UTF-8 string. Inline: most tokens are
 * plain and only copied. */
static inline int decode(tertial_sie_reader *r, const sie_token *t, const char **out, size_t *out_len)
{
  char *d = r->arena + r->arena_len;
  size_t len = t->len;
  int rc = 0;
  if (t->special || t->escaped)
    rc = decode_special(r, t, d, &len);
  else
    memcpy(d, t->p, len);
  d[len] = '\0';
  r->arena_len += len + 1;
  *out = d;
  *out_len = len;
  return rc;
}

/* ---------------------------------------------------------------------------------- */
/* Typed fields                                                                        */
/* ---------------------------------------------------------------------------------- */

static int expected_field(char *buf, size_t size, const label_spec *s, size_t k)
{
  return snprintf(buf, size, "field %zu of %s %s", k + 1, s->name, s->form);
}

/* A mandatory field is absent. Strings become "" (the record is kept), others skip it. */
static int missing(tertial_sie_reader *r, const label_spec *s, size_t k)
{
  char exp[160];
  expected_field(exp, sizeof exp, s, k);
  int keep = s->f[k] <= FT_SKIP;
  r->stats.bad_amounts += s->f[k] == FT_AMOUNT; /* an absent amount is one that could not be read */
  int rc = report(r, TERTIAL_SIE_MISSING_FIELD, keep ? TERTIAL_SIE_REPAIRED : TERTIAL_SIE_SKIPPED, exp, NULL, 0,
                  "missing field%s", keep ? " -> read as \"\"" : "");
  return rc < 0 ? rc : keep ? 0 : SKIP;
}

static int bad_field(tertial_sie_reader *r, tertial_sie_problem kind, const char *expected, const sie_token *t,
                     int mandatory)
{
  char what[64]; /* "unreadable amount", from the problem's name "bad amount" */
  snprintf(what, sizeof what, "unreadable %s%s", tertial_sie_problem_name(kind) + 4, mandatory ? "" : " -> ignored");
  int rc = report_tok(r, kind, mandatory ? TERTIAL_SIE_SKIPPED : TERTIAL_SIE_REPAIRED, expected, t, what);
  return rc < 0 ? rc : mandatory ? SKIP : 0;
}

static int set_date(tertial_sie_reader *r, const sie_token *t, int second, int mandatory)
{
  tertial_date d;
  if (tertial__sie_parse_date(&d, t->p, t->len) < 0)
    return bad_field(r, TERTIAL_SIE_BAD_DATE, "a date YYYYMMDD", t, mandatory);
  if (second) {
    r->rec.date2 = d;
    r->rec.has_date2 = 1;
  } else {
    r->rec.date = d;
    r->rec.has_date = 1;
  }
  return 0;
}

static int set_int(tertial_sie_reader *r, const sie_token *t, int *out, int min, int max, const char *what)
{
  if (tertial__sie_parse_int(out, t->p, t->len, min, max) < 0)
    return bad_field(r, TERTIAL_SIE_BAD_NUMBER, what, t, 1);
  return 0;
}

static int set_amount(tertial_sie_reader *r, const sie_token *t)
{
  unsigned quirks = 0;
  int rc = tertial__sie_parse_amount(&r->rec.amount, t->p, t->len, &quirks);
  if (rc < 0) {
    r->stats.bad_amounts++;
    return bad_field(r, TERTIAL_SIE_BAD_AMOUNT,
                     rc == -2 ? "an amount within +-92 233 720 368 547 758 kr" : "an amount like -1234.50", t, 1);
  }
  r->rec.has_amount = 1;
  if (!quirks)
    return 0;
  return report_tok(r, TERTIAL_SIE_AMOUNT_FORM, TERTIAL_SIE_KEPT, "an amount like -1234.50", t,
                    quirks & SIE_AMOUNT_PLUS       ? "amount with a plus sign"
                    : quirks & SIE_AMOUNT_DECIMALS ? "amount with more than two decimals (all zero)"
                                                   : "amount with a bare decimal point");
}

static int set_quantity(tertial_sie_reader *r, const sie_token *t)
{
  if (tertial__sie_parse_quantity(&r->rec.quantity, t->p, t->len) < 0)
    return bad_field(r, TERTIAL_SIE_BAD_QUANTITY, "a quantity like 10.5 (up to 6 decimals)", t, 0);
  r->rec.has_quantity = 1;
  return 0;
}

static int set_checksum(tertial_sie_reader *r, const sie_token *t)
{
  uint64_t v = 0;
  int ok = t->len > 0 && t->len <= 10 && all_digits(t->p, t->len);
  for (size_t i = 0; ok && i < t->len; i++)
    v = v * 10 + (uint64_t)(t->p[i] - '0');
  if (!ok || v > UINT32_MAX)
    return bad_field(r, TERTIAL_SIE_BAD_NUMBER, "a CRC-32 from 0 to 4294967295", t, 1);
  r->rec.checksum = (uint32_t)v;
  r->rec.has_checksum = 1;
  return 0;
}

static int set_account(tertial_sie_reader *r, const sie_token *t, const char *s)
{
  r->rec.account = s;
  if (all_digits(t->p, t->len))
    return 0;
  return report_tok(r, TERTIAL_SIE_BAD_NUMBER, TERTIAL_SIE_KEPT, "an account number of digits", t,
                    "account that is not a number");
}

/* An object list: pairs of dimension number and object code. */
static int set_list(tertial_sie_reader *r, const sie_token *t)
{
  r->rec.has_objects = 1;
  r->rec.objects = r->objects;
  if (t->count % 2)
    return bad_field(r, TERTIAL_SIE_BAD_OBJECT_LIST, "pairs of dimension and object", t, 1);
  for (size_t m = 0; m < t->count; m += 2) {
    const sie_token *dim = &r->items[t->first + m], *obj = dim + 1;
    tertial_sie_object *o = &r->objects[m / 2];
    size_t len;
    if (tertial__sie_parse_int(&o->dimension, dim->p, dim->len, 1, 999999) < 0)
      return bad_field(r, TERTIAL_SIE_BAD_OBJECT_LIST, "a dimension number", dim, 1);
    int rc = decode(r, obj, &o->object, &len);
    if (rc != 0)
      return rc;
  }
  r->rec.object_count = t->count / 2;
  return 0;
}

static int set_string(tertial_sie_reader *r, int ft, const char *s)
{
  tertial_sie_record *rec = &r->rec;
  switch (ft) {
  case FT_TEXT: rec->text = s; break;
  case FT_TEXT2: rec->text2 = s; break;
  case FT_SIGN: rec->sign = s; break;
  case FT_SERIES: rec->series = s; break;
  case FT_VNUM: rec->voucher_number = s; break;
  case FT_OBJECT: rec->object = s; break;
  default: break;
  }
  return 0;
}

/* Convert token k to the field type ft. An empty optional field counts as absent. */
static int set_field(tertial_sie_reader *r, const label_spec *s, size_t k, const sie_token *t, size_t idx)
{
  int ft = s->f[k], mandatory = k < s->min;
  if (t->len == 0 && t->kind != TOK_LIST && ft > FT_SKIP && ft != FT_AMOUNT)
    return mandatory ? missing(r, s, k) : 0;
  switch (ft) {
  case FT_DATE: return set_date(r, t, 0, mandatory);
  case FT_DATE2: return set_date(r, t, 1, mandatory);
  case FT_NUMBER: return set_int(r, t, &r->rec.number, -999999999, 999999999, "a number");
  case FT_DIM: return set_int(r, t, &r->rec.dimension, 1, 999999, "a dimension number");
  case FT_SUPER: return set_int(r, t, &r->rec.superdimension, 1, 999999, "a dimension number");
  case FT_YEAR: return set_int(r, t, &r->rec.year, -999, 999, "a year number like 0 or -1");
  case FT_PERIOD:
    if (tertial__sie_parse_period(&r->rec.period, t->p, t->len) < 0)
      return bad_field(r, TERTIAL_SIE_BAD_PERIOD, "a period YYYYMM", t, 1);
    return 0;
  case FT_ACCOUNT: return set_account(r, t, r->fields[idx]);
  case FT_AMOUNT: return set_amount(r, t);
  case FT_QTY: return set_quantity(r, t);
  case FT_LIST: return set_list(r, t);
  case FT_CRC: return set_checksum(r, t);
  default: return set_string(r, ft, r->fields[idx]);
  }
}

/* A record that should carry an object list has none: BL Administration writes
 * "#PBUDGET 0 201701 1119 -1666.00". Read it as an empty list. */
static int no_list(tertial_sie_reader *r, const label_spec *s, size_t k)
{
  char exp[160];
  expected_field(exp, sizeof exp, s, k);
  r->rec.has_objects = 1;
  r->rec.objects = r->objects;
  return report(r, TERTIAL_SIE_MISSING_OBJECT_LIST, TERTIAL_SIE_REPAIRED, exp, NULL, 0,
                "object list missing -> read as {}");
}

/* Fill the record from the tokens by the label's schema. */
static int fill(tertial_sie_reader *r, const label_spec *s)
{
  size_t ti = 0;
  for (size_t k = 0; k < s->n; k++) {
    int rc;
    if (s->f[k] == FT_LIST && (ti >= r->ntok || r->tok[ti].kind != TOK_LIST))
      rc = ti < r->ntok ? no_list(r, s, k) : missing(r, s, k);
    else if (ti >= r->ntok)
      rc = k < s->min ? missing(r, s, k) : 0;
    else {
      rc = set_field(r, s, k, &r->tok[ti], ti);
      ti++;
    }
    if (rc != 0)
      return rc;
  }
  return 0;
}

/* BL Administration's ISO-8859-15 export writes "#PBUDGET 0 1119 201701 -1666.00": account
 * and period swapped. When the period field is no period but the account field is one,
 * swap them back. */
static int unswap(tertial_sie_reader *r)
{
  int period;
  if (r->ntok < 3 || r->tok[1].kind == TOK_LIST || r->tok[2].kind == TOK_LIST ||
      tertial__sie_parse_period(&period, r->tok[1].p, r->tok[1].len) == 0 ||
      tertial__sie_parse_period(&period, r->tok[2].p, r->tok[2].len) < 0 || !all_digits(r->tok[1].p, r->tok[1].len))
    return 0;
  sie_token t = r->tok[1];
  r->tok[1] = r->tok[2];
  r->tok[2] = t;
  return report(r, TERTIAL_SIE_SWAPPED_FIELDS, TERTIAL_SIE_REPAIRED, "year period account", t.p, t.len,
                "account and period in each other's place -> swapped back");
}

/* "#PROSA Kontoplanstyp är BAS2011": a one-field text with spaces but no quotes. The words
 * are one text: read it to the end of the line. */
static int join_text(tertial_sie_reader *r, const label_spec *s)
{
  if (s->n != 1 || s->f[0] != FT_TEXT || r->ntok < 2)
    return 0;
  for (size_t k = 0; k < r->ntok; k++)
    if (r->tok[k].kind != TOK_WORD)
      return 0;
  const sie_token *last = &r->tok[r->ntok - 1];
  sie_token all = r->tok[0];
  all.len = (size_t)(last->p + last->len - all.p);
  all.special = 2; /* TABs between the words are separators, not control characters */
  size_t len;
  int rc = report(r, TERTIAL_SIE_BAD_QUOTE, TERTIAL_SIE_REPAIRED, "quotes around a text with spaces", all.p, all.len,
                  "unquoted text with spaces -> read to the end of the line");
  return rc < 0 ? rc : decode(r, &all, &r->rec.text, &len);
}

/* Decode every field into r->fields (object lists as their inner text). */
static int decode_fields(tertial_sie_reader *r)
{
  for (size_t k = 0; k < r->ntok; k++) {
    const sie_token *t = &r->tok[k];
    sie_token inner = *t;
    if (t->kind == TOK_LIST) { /* the text between the braces, trimmed */
      while (inner.len && is_space(inner.p[inner.len - 1]))
        inner.len--;
      while (inner.len && is_space(inner.p[0])) {
        inner.p++;
        inner.len--;
      }
      inner.escaped = 0;
      inner.special = inner.special ? 2 : 0; /* 2: the slow path, where TABs are separators */
    }
    int rc = decode(r, &inner, &r->fields[k], &r->flen[k]);
    if (rc != 0)
      return rc;
  }
  return 0;
}

/* ---------------------------------------------------------------------------------- */
/* Vouchers                                                                            */
/* ---------------------------------------------------------------------------------- */

/* "-12.50" from öre (the magnitude as unsigned, so INT64_MIN prints too). */
static void format_ore(char *buf, size_t size, tertial_i128 v)
{
  int neg = v < 0;
  tertial_i128 m = neg ? -v : v;
  unsigned long long kr = m / 100 > (tertial_i128)ULLONG_MAX ? ULLONG_MAX : (unsigned long long)(m / 100);
  snprintf(buf, size, "%s%llu.%02u", neg ? "-" : "", kr, (unsigned)(m % 100));
}

static int close_voucher(tertial_sie_reader *r)
{
  int rc = 0;
  r->block = BLOCK_NONE;
  if (r->expect_dup) {
    r->expect_dup = 0;
    rc = report_at(r, r->rtrans_line, TERTIAL_SIE_RTRANS_MISMATCH, TERTIAL_SIE_KEPT,
                   "an #RTRANS followed by an identical #TRANS", "", "#RTRANS not repeated by a #TRANS");
  }
  if (rc == 0 && r->ver_sum != 0) {
    char sum[64];
    format_ore(sum, sizeof sum, r->ver_sum);
    rc = report_at(r, r->ver_line, TERTIAL_SIE_UNBALANCED_VOUCHER, TERTIAL_SIE_KEPT,
                   "transaction lines summing to 0", sum,
                   "voucher \"%s\" \"%s\" does not balance: its lines sum to %s", r->ver.data,
                   r->ver.data + r->ver_number_at, sum);
  }
  return rc;
}

/* The voucher state before a record with this label. */
static int before_record(tertial_sie_reader *r, int label)
{
  int rc = 0;
  if (r->expect_dup && label != TERTIAL_SIE_TRANS) {
    r->expect_dup = 0;
    rc = report_at(r, r->rtrans_line, TERTIAL_SIE_RTRANS_MISMATCH, TERTIAL_SIE_KEPT,
                   "an #RTRANS followed by an identical #TRANS", "", "#RTRANS not repeated by a #TRANS");
  }
  if (rc < 0)
    return rc;
  if (r->block == BLOCK_EXPECT && is_trans(label)) {
    r->block = BLOCK_OPEN;
    return report(r, TERTIAL_SIE_BAD_BLOCK, TERTIAL_SIE_REPAIRED, "'{' on the line after #VER", NULL, 0,
                  "transaction line without '{' after #VER on line %llu -> block opened",
                  (unsigned long long)r->ver_line);
  }
  if (r->block != BLOCK_NONE && !is_trans(label)) {
    rc = report(r, TERTIAL_SIE_BAD_BLOCK, TERTIAL_SIE_REPAIRED, r->block == BLOCK_OPEN ? "'}'" : "'{'", NULL, 0,
                "the block of #VER on line %llu is not closed -> closed here", (unsigned long long)r->ver_line);
    return rc < 0 ? rc : close_voucher(r);
  }
  if (r->block == BLOCK_NONE && is_trans(label))
    return report(r, TERTIAL_SIE_BAD_BLOCK, TERTIAL_SIE_KEPT, "transaction lines inside a #VER { } block", NULL, 0,
                  "transaction line outside a voucher");
  return 0;
}

static int open_voucher(tertial_sie_reader *r, int ok)
{
  const char *series = ok ? r->rec.series : empty, *number = ok ? r->rec.voucher_number : empty;
  r->ver.len = 0;
  if (bytes_append(&r->ver, series, strlen(series) + 1) < 0 || bytes_append(&r->ver, number, strlen(number)) < 0)
    return TERTIAL_ERR_NOMEM;
  r->ver_number_at = strlen(series) + 1;
  r->ver_line = r->ln.no;
  r->ver_date = r->rec.date;
  r->ver_has_date = ok && r->rec.has_date;
  r->ver_sum = 0;
  r->block = BLOCK_EXPECT;
  r->stats.vouchers += (uint64_t)ok;
  return 0;
}

/* A canonical key of a transaction line, to compare an #RTRANS with the #TRANS after it.
 * Its first *core bytes are account, objects and amount; the rest date, text and quantity
 * as written. */
static int trans_key(tertial_sie_reader *r, sie_bytes *b, int has_transdate, size_t *core)
{
  const tertial_sie_record *rec = &r->rec;
  char num[96];
  b->len = 0;
  int rc = bytes_append(b, rec->account, strlen(rec->account) + 1);
  for (size_t m = 0; rc == 0 && m < rec->object_count; m++) {
    snprintf(num, sizeof num, "%d", rec->objects[m].dimension);
    rc = bytes_append(b, num, strlen(num) + 1);
    if (rc == 0)
      rc = bytes_append(b, rec->objects[m].object, strlen(rec->objects[m].object) + 1);
  }
  snprintf(num, sizeof num, "%lld", (long long)rec->amount);
  if (rc == 0)
    rc = bytes_append(b, num, strlen(num) + 1);
  *core = b->len;
  snprintf(num, sizeof num, "%d-%d-%d-%d|%d-%lld", has_transdate, rec->date.year, rec->date.month, rec->date.day,
           rec->has_quantity, (long long)rec->quantity);
  if (rc == 0)
    rc = bytes_append(b, num, strlen(num) + 1);
  if (rc == 0)
    rc = bytes_append(b, rec->text, strlen(rec->text));
  return rc;
}

/* The #TRANS after an #RTRANS repeats it for readers that do not know #RTRANS. It is marked
 * duplicate when account, objects and amount agree; other differences are reported. */
static int check_duplicate(tertial_sie_reader *r, int has_transdate)
{
  const sie_bytes *a = &r->rtrans_key, *b = &r->trans_key;
  size_t core;
  r->expect_dup = 0;
  if (trans_key(r, &r->trans_key, has_transdate, &core) < 0)
    return TERTIAL_ERR_NOMEM;
  if (a->len == b->len && memcmp(a->data, b->data, a->len) == 0) {
    r->rec.duplicate = 1;
    return 0;
  }
  int same_core = core == r->rtrans_core && memcmp(a->data, b->data, core) == 0;
  r->rec.duplicate = same_core;
  return report(r, TERTIAL_SIE_RTRANS_MISMATCH, same_core ? TERTIAL_SIE_REPAIRED : TERTIAL_SIE_KEPT,
                "a #TRANS identical to the #RTRANS before it", NULL, 0,
                same_core
                    ? "#TRANS after #RTRANS of line %llu differs in date, text or quantity -> taken as its repetition"
                    : "#TRANS after #RTRANS of line %llu differs in account, objects or amount -> taken as a new line",
                (unsigned long long)r->rtrans_line);
}

static int after_trans(tertial_sie_reader *r, int label)
{
  tertial_sie_record *rec = &r->rec;
  int has_transdate = rec->has_date, rc = 0;
  if (r->block == BLOCK_OPEN) {
    rec->series = r->ver.data;
    rec->voucher_number = r->ver.data + r->ver_number_at;
    if (!rec->has_date && r->ver_has_date) {
      rec->date = r->ver_date;
      rec->has_date = 1;
    }
  }
  if (label == TERTIAL_SIE_TRANS) {
    r->stats.transactions++;
    if (r->expect_dup)
      rc = check_duplicate(r, has_transdate);
    r->stats.duplicates += (uint64_t)rec->duplicate;
  } else if (label == TERTIAL_SIE_RTRANS) {
    if (trans_key(r, &r->rtrans_key, has_transdate, &r->rtrans_core) < 0)
      return TERTIAL_ERR_NOMEM;
    r->expect_dup = 1;
    r->rtrans_line = r->ln.no;
  }
  if (label != TERTIAL_SIE_BTRANS && !rec->duplicate)
    r->ver_sum += rec->amount;
  return rc;
}

/* A line holding '{' or '}'. */
static int brace_line(tertial_sie_reader *r, size_t i)
{
  const unsigned char *p = r->ln.p;
  int rc = 0;
  r->cur_tag = empty;
  if (skip_space(p, r->ln.len, i + 1) != r->ln.len)
    rc = report(r, TERTIAL_SIE_BAD_BLOCK, TERTIAL_SIE_REPAIRED, "a brace alone on its line", p + i, r->ln.len - i,
                "text after a brace -> ignored");
  if (rc < 0)
    return rc;
  if (p[i] == '{' && r->block == BLOCK_EXPECT) {
    r->block = BLOCK_OPEN;
    return 0;
  }
  if (p[i] == '}' && r->block == BLOCK_OPEN)
    return close_voucher(r);
  if (p[i] == '}' && r->block == BLOCK_EXPECT) {
    rc = report(r, TERTIAL_SIE_BAD_BLOCK, TERTIAL_SIE_REPAIRED, "'{'", p + i, 1, "'}' without '{' -> voucher closed");
    return rc < 0 ? rc : close_voucher(r);
  }
  rc = report(r, TERTIAL_SIE_BAD_BLOCK, TERTIAL_SIE_SKIPPED,
              p[i] == '{' ? "'{' after a #VER record" : "'}' closing a block",
              p + i, 1, "brace where no block opens or closes");
  r->stats.skipped_records++;
  return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------------------------- */
/* Checks after a record                                                               */
/* ---------------------------------------------------------------------------------- */

static int after_rar(tertial_sie_reader *r)
{
  int y = -r->rec.year;
  if (y >= 0 && y < RAR_YEARS) {
    r->rar_first[y] = r->rec.date;
    r->rar_last[y] = r->rec.date2;
    r->rar_known |= 1u << y;
  }
  return 0;
}

static int after_period(tertial_sie_reader *r)
{
  int y = -r->rec.year;
  if (y < 0 || y >= RAR_YEARS || !(r->rar_known & (1u << y)))
    return 0;
  int first = r->rar_first[y].year * 100 + r->rar_first[y].month;
  int last = r->rar_last[y].year * 100 + r->rar_last[y].month;
  if (r->rec.period >= first && r->rec.period <= last)
    return 0;
  char exp[96];
  snprintf(exp, sizeof exp, "a period from %06d to %06d (year %d)", first, last, r->rec.year);
  return report(r, TERTIAL_SIE_PERIOD_OUTSIDE_YEAR, TERTIAL_SIE_KEPT, exp, r->tok[1].p, r->tok[1].len,
                "period %06d outside year %d", r->rec.period, r->rec.year);
}

static int after_ksumma(tertial_sie_reader *r)
{
  const tertial_sie_record *rec = &r->rec;
  if (!rec->has_checksum) {
    if (r->ksumma == KSUMMA_NONE) {
      r->ksumma = KSUMMA_OPEN;
      r->crc = 0;
      return 0;
    }
    return report(r, TERTIAL_SIE_CHECKSUM, TERTIAL_SIE_KEPT, "#KSUMMA with a checksum", NULL, 0,
                  "#KSUMMA without a checksum after the opening one");
  }
  if (r->ksumma != KSUMMA_OPEN)
    return report(r, TERTIAL_SIE_CHECKSUM, TERTIAL_SIE_KEPT, "an opening #KSUMMA before the closing one", NULL, 0,
                  "#KSUMMA with a checksum but no opening #KSUMMA");
  r->ksumma = KSUMMA_CLOSED;
  r->stats.checksum_present = 1;
  r->stats.checksum_stated = rec->checksum;
  r->stats.checksum_computed = r->crc;
  r->stats.checksum_ok = rec->checksum == r->crc;
  if (r->stats.checksum_ok)
    return 0;
  char exp[64];
  snprintf(exp, sizeof exp, "%lu (the CRC-32 of the file)", (unsigned long)r->crc);
  return report(r, TERTIAL_SIE_CHECKSUM, TERTIAL_SIE_KEPT, exp, r->tok[0].p, r->tok[0].len, "#KSUMMA does not match");
}

static int mismatch_here(tertial_sie_reader *r, const unsigned char *p, size_t n)
{
  r->mismatch_pending = 0;
  return report(r, TERTIAL_SIE_ENCODING_MISMATCH, TERTIAL_SIE_KEPT, "PC8 (IBM code page 437) bytes", p, n,
                "#FORMAT says PC8 but the bytes are %s", tertial_sie_encoding_name(r->enc));
}

static int after_format(tertial_sie_reader *r)
{
  const char *v = r->rec.text;
  r->format_seen = 1;
  if (strcmp(v, "PC8") == 0) {
    r->declared = TERTIAL_SIE_ENCODING_CP437;
    update_mismatch(r);
    if (r->mismatch_pending && r->first_high < r->ln.offset + r->ln.len) /* the bytes came first */
      return mismatch_here(r, r->tok[0].p, r->tok[0].len);
    return 0;
  }
  int utf8 = strcmp(v, "UTF-8") == 0 || strcmp(v, "UTF8") == 0;
  r->declared = utf8 ? TERTIAL_SIE_ENCODING_UTF8 : TERTIAL_SIE_ENCODING_OTHER;
  if (r->ntok == 0) /* "#FORMAT" alone: already reported as a missing field */
    return 0;
  return report_tok(r, TERTIAL_SIE_ENCODING_MISMATCH, TERTIAL_SIE_KEPT, "PC8", &r->tok[0], "unknown #FORMAT");
}

/* Values the specification restricts: flag 0/1, type 1-4, account type T/S/K/I. */
static int after_value(tertial_sie_reader *r, int label)
{
  const tertial_sie_record *rec = &r->rec;
  if (label == TERTIAL_SIE_FLAGGA && (rec->number == 0 || rec->number == 1))
    return 0;
  if (label == TERTIAL_SIE_SIETYP && rec->number >= 1 && rec->number <= 4) {
    r->stats.sie_type = rec->number;
    return 0;
  }
  if (label == TERTIAL_SIE_KTYP && (rec->text[0] == '\0' || (strchr("TSKI", rec->text[0]) && rec->text[1] == '\0')))
    return 0;
  const sie_token *t = &r->tok[label == TERTIAL_SIE_KTYP ? 1 : 0];
  return report_tok(r, TERTIAL_SIE_BAD_NUMBER, TERTIAL_SIE_KEPT,
                    label == TERTIAL_SIE_FLAGGA   ? "0 or 1"
                    : label == TERTIAL_SIE_SIETYP ? "1, 2, 3 or 4"
                                                  : "T, S, K or I",
                    t,
                    "value outside the specification");
}

static int after_record(tertial_sie_reader *r)
{
  int label = r->rec.label;
  switch (label) {
  case TERTIAL_SIE_VER: return open_voucher(r, 1);
  case TERTIAL_SIE_TRANS:
  case TERTIAL_SIE_RTRANS:
  case TERTIAL_SIE_BTRANS: return after_trans(r, label);
  case TERTIAL_SIE_RAR: return after_rar(r);
  case TERTIAL_SIE_PSALDO:
  case TERTIAL_SIE_PBUDGET: return after_period(r);
  case TERTIAL_SIE_KSUMMA: return after_ksumma(r);
  case TERTIAL_SIE_FORMAT: return after_format(r);
  case TERTIAL_SIE_FLAGGA:
  case TERTIAL_SIE_SIETYP:
  case TERTIAL_SIE_KTYP: return after_value(r, label);
  default: return 0;
  }
}

/* A record that could not be read still shapes the voucher structure around it. */
static int skipped_record(tertial_sie_reader *r, int label)
{
  r->stats.skipped_records++;
  if (label == TERTIAL_SIE_VER)
    return open_voucher(r, 0);
  if (label == TERTIAL_SIE_TRANS)
    r->expect_dup = 0;
  return 0;
}

/* ---------------------------------------------------------------------------------- */
/* Lines to records                                                                    */
/* ---------------------------------------------------------------------------------- */

static int compare_label(const unsigned char *p, size_t n, const char *name)
{
  size_t m = strlen(name);
  int c = memcmp(p, name, n < m ? n : m);
  return c ? c : (n > m) - (n < m);
}

static const label_spec *find_spec(const unsigned char *p, size_t n)
{
  size_t lo = 0, hi = NSPECS;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = compare_label(p, n, specs[mid].name);
    if (c == 0)
      return &specs[mid];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

/* The spec of the label at p[0..n); a label in lower case is found with a warning. */
static int lookup(tertial_sie_reader *r, const unsigned char *p, size_t n, const label_spec **out)
{
  for (int k = 0; k < 2; k++) {
    if (r->recent[k] && n == r->recent_len[k] && memcmp(p, r->recent[k]->name, n) == 0) {
      *out = r->recent[k];
      return 0;
    }
  }
  const label_spec *s = find_spec(p, n);
  *out = s;
  if (s) {
    r->recent[1] = r->recent[0];
    r->recent_len[1] = r->recent_len[0];
    r->recent[0] = s;
    r->recent_len[0] = n;
    return 0;
  }
  if (n > 15)
    return 0;
  unsigned char up[16];
  for (size_t i = 0; i < n; i++)
    up[i] = p[i] >= 'a' && p[i] <= 'z' ? (unsigned char)(p[i] - 32) : p[i];
  if (!(*out = find_spec(up, n)))
    return 0;
  r->cur_tag = (*out)->name;
  return report(r, TERTIAL_SIE_BAD_LABEL, TERTIAL_SIE_REPAIRED, (*out)->name, p, n,
                "label not in upper case -> read as %s", (*out)->name);
}

static void reset_record(tertial_sie_reader *r, int label, const char *tag);

/* A record with a label the reader does not know: counted, returned only on request. */
static int unknown_record(tertial_sie_reader *r, const unsigned char *label, size_t n)
{
  r->stats.unknown_records++;
  if (!r->opt.return_unknown)
    return 0;
  int rc = prepare(r);
  if (rc < 0)
    return rc;
  reset_record(r, TERTIAL_SIE_UNKNOWN, empty);
  sie_token t = {label, n, 0, TOK_WORD, 0, 1, 0, 0};
  const char *tag;
  size_t len;
  if ((rc = decode(r, &t, &tag, &len)) != 0 || (rc = decode_fields(r)) != 0)
    return rc < 0 ? rc : 0;
  for (char *c = r->arena + (tag - r->arena); *c; c++) /* upper-cased like the known tags */
    *c = *c >= 'a' && *c <= 'z' ? (char)(*c - 32) : *c;
  r->rec.tag = tag;
  return 1;
}

/* Field by field on purpose: a memset or a copy of the whole record compiles to "rep stos",
 * whose start-up cost was a sixth of the reading time. */
static void reset_record(tertial_sie_reader *r, int label, const char *tag)
{
  tertial_sie_record *rec = &r->rec;
  rec->label = (tertial_sie_label)label;
  rec->tag = tag;
  rec->line = (size_t)r->ln.no;
  rec->year = rec->period = rec->number = rec->dimension = rec->superdimension = 0;
  rec->account = rec->object = rec->text = rec->text2 = empty;
  rec->series = rec->voucher_number = rec->sign = empty;
  rec->date = rec->date2 = (tertial_date){0, 0, 0};
  rec->has_date = rec->has_date2 = rec->has_amount = rec->has_quantity = 0;
  rec->amount = rec->quantity = 0;
  rec->checksum = 0;
  rec->has_checksum = rec->has_objects = rec->duplicate = 0;
  rec->object_count = 0;
  rec->objects = r->objects;
  rec->field_count = r->ntok;
  rec->fields = r->fields;
}

/* Build the record of a known label from the tokens. Returns 1, SKIP or an error. */
static int known_record(tertial_sie_reader *r, const label_spec *s)
{
  int label = (int)(s - specs) + 1;
  int rc = before_record(r, label);
  if (rc < 0)
    return rc;
  if ((label == TERTIAL_SIE_PSALDO || label == TERTIAL_SIE_PBUDGET) && (rc = unswap(r)) < 0)
    return rc;
  if ((rc = prepare(r)) < 0)
    return rc;
  reset_record(r, label, s->name);
  r->seen |= UINT64_C(1) << label; /* even if skipped below: the record is there */
  rc = decode_fields(r);
  if (rc == 0)
    rc = fill(r, s);
  if (rc == 0)
    rc = join_text(r, s);
  if (rc == 0)
    rc = after_record(r);
  if (rc == SKIP)
    return (rc = skipped_record(r, label)) < 0 ? rc : 0;
  return rc < 0 ? rc : 1;
}

/* A line starting with '#' at p[i]. Returns 1 with a record, 0 without, or an error. */
static int record_line(tertial_sie_reader *r, size_t i)
{
  const unsigned char *p = r->ln.p;
  size_t n = r->ln.len, j = i;
  while (j < n && !is_space(p[j]) && p[j] != '{' && p[j] != '"')
    j++;
  const label_spec *s;
  r->cur_tag = empty;
  int rc = lookup(r, p + i, j - i, &s);
  if (rc < 0)
    return rc;
  r->cur_tag = s ? s->name : empty;
  if (!s && !r->opt.return_unknown && r->ksumma != KSUMMA_OPEN) {
    r->stats.unknown_records++;
    return 0;
  }
  rc = tokenize(r, j);
  if (rc == SKIP) {
    int label = s ? (int)(s - specs) + 1 : 0;
    if (s && (rc = before_record(r, label)) < 0)
      return rc;
    return (rc = skipped_record(r, label)) < 0 ? rc : 0;
  }
  if (rc < 0)
    return rc;
  if (r->ksumma == KSUMMA_OPEN && (!s || s - specs + 1 != TERTIAL_SIE_KSUMMA))
    crc_line(r, p + i, j - i);
  return s ? known_record(r, s) : unknown_record(r, p + i, j - i);
}

/* Reached the first byte above 127 (or #FORMAT after it): its line gets the mismatch. */
static int check_line_mismatch(tertial_sie_reader *r)
{
  if (!r->mismatch_pending || r->first_high >= r->ln.offset + r->ln.len)
    return 0;
  size_t at = r->first_high >= r->ln.offset ? (size_t)(r->first_high - r->ln.offset) : 0;
  r->cur_tag = empty;
  return mismatch_here(r, r->ln.p + at, r->ln.len - at);
}

/* One line. Returns 1 with a record, 0 without, or an error. */
static int process_line(tertial_sie_reader *r)
{
  const unsigned char *p = r->ln.p;
  size_t n = r->ln.len, i = skip_space(p, n, 0);
  if (i == n)
    return 0;
  int rc = check_line_mismatch(r);
  if (rc < 0)
    return rc;
  if (p[i] == '{' || p[i] == '}')
    return brace_line(r, i);
  if (p[i] == '#')
    return record_line(r, i);
  r->cur_tag = empty;
  rc = report(r, TERTIAL_SIE_BAD_LINE, TERTIAL_SIE_SKIPPED, "a record starting with #LABEL", p + i, n - i,
              "line is not a record");
  r->stats.skipped_records++;
  return rc < 0 ? rc : 0;
}

/* End of input: open blocks, an unclosed #KSUMMA, mandatory records. */
static int finish(tertial_sie_reader *r)
{
  int rc = 0;
  uint64_t last = r->ln.no;
  r->cur_tag = empty;
  r->ln.len = 0;
  if (r->block != BLOCK_NONE) {
    rc = report_at(r, last, TERTIAL_SIE_BAD_BLOCK, TERTIAL_SIE_REPAIRED, "'}'", "",
                   "end of file inside the block of #VER on line %llu -> closed", (unsigned long long)r->ver_line);
    if (rc == 0)
      rc = close_voucher(r);
  }
  if (rc == 0 && r->ksumma == KSUMMA_OPEN)
    rc = report_at(r, last, TERTIAL_SIE_CHECKSUM, TERTIAL_SIE_KEPT, "a closing #KSUMMA with the checksum", "",
                   "end of file before the closing #KSUMMA");
  for (size_t k = 0; rc == 0 && k < sizeof required_labels / sizeof required_labels[0]; k++) {
    const char *name = tertial_sie_label_name(required_labels[k]);
    if (!(r->seen & (UINT64_C(1) << required_labels[k])))
      rc = report_at(r, last, TERTIAL_SIE_MISSING_RECORD, TERTIAL_SIE_KEPT, name, "", "the file has no %s record",
                     name);
  }
  return rc;
}

/* ---------------------------------------------------------------------------------- */
/* Public API                                                                          */
/* ---------------------------------------------------------------------------------- */

static int check_options(tertial_sie_options *dst, const tertial_sie_options *src)
{
  tertial_sie_options def = TERTIAL_SIE_OPTIONS_INIT;
  if (src && (src->version < 1 || src->version > TERTIAL_SIE_OPTIONS_VERSION))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_options: version %u, expected 1 to %d", src->version,
                          TERTIAL_SIE_OPTIONS_VERSION);
  *dst = def;
  if (src) /* a version-1 caller's struct ends before the progress fields */
    memcpy(dst, src, src->version >= 2 ? sizeof *dst : offsetof(tertial_sie_options, progress));
  if (dst->mode != TERTIAL_SIE_LENIENT && dst->mode != TERTIAL_SIE_STRICT)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_options: mode %d, expected LENIENT or STRICT",
                          (int)dst->mode);
  if ((int)dst->encoding < TERTIAL_SIE_ENCODING_AUTO || dst->encoding > TERTIAL_SIE_ENCODING_LATIN1)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_options: encoding %d, expected AUTO to LATIN1",
                          (int)dst->encoding);
  dst->block_size = dst->block_size ? dst->block_size : DEFAULT_BLOCK;
  dst->max_line = dst->max_line ? dst->max_line : DEFAULT_MAX_LINE;
  dst->max_diagnostics = dst->max_diagnostics ? dst->max_diagnostics : DEFAULT_MAX_DIAGNOSTICS;
  if (dst->block_size < 64)
    dst->block_size = 64;
  return 0;
}

static int reader_new(tertial_sie_reader **out, const char *name, const tertial_sie_options *options)
{
  tertial_sie_reader *r = tertial__calloc(1, sizeof *r);
  if (!r)
    return TERTIAL_ERR_NOMEM;
  int rc = check_options(&r->opt, options);
  const char *shown = r->opt.name ? r->opt.name : name;
  if (rc == 0 && !(r->name = tertial__strdup(shown)))
    rc = TERTIAL_ERR_NOMEM;
  if (rc < 0) {
    free(r);
    return rc;
  }
  r->opt.name = NULL; /* not kept: the caller's string may go */
  r->first_high = UINT64_MAX;
  r->cur_tag = empty;
  set_encoding(r, TERTIAL_SIE_ENCODING_CP437); /* fills the table; reset below */
  r->enc = r->opt.encoding == TERTIAL_SIE_ENCODING_AUTO ? TERTIAL_SIE_ENCODING_ASCII : (int)r->opt.encoding;
  if (r->enc == TERTIAL_SIE_ENCODING_LATIN1)
    set_encoding(r, r->enc);
  *out = r;
  return 0;
}

int tertial_sie_reader_new_file(tertial_sie_reader **out, const char *path, const tertial_sie_options *options)
{
  if (!out || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_reader_new_file: %s is NULL", out ? "path" : "out");
  tertial_sie_reader *r;
  int rc = reader_new(&r, path, options);
  if (rc < 0)
    return rc;
  r->fp = fopen(path, "rb");
  if (!r->fp) {
    rc = tertial__error(TERTIAL_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    tertial_sie_reader_free(r);
    return rc;
  }
  struct stat st;
  if (fstat(fileno(r->fp), &st) == 0 && S_ISREG(st.st_mode))
    r->size = (uint64_t)st.st_size;
  setvbuf(r->fp, NULL, _IONBF, 0); /* we read whole blocks: stdio's buffer would be a copy */
  r->cap = r->opt.block_size;
  if (!(r->buf = tertial__malloc(r->cap))) {
    tertial_sie_reader_free(r);
    return TERTIAL_ERR_NOMEM;
  }
  *out = r;
  return 0;
}

int tertial_sie_reader_new_memory(tertial_sie_reader **out, const void *data, size_t size,
                                  const tertial_sie_options *options)
{
  if (!out || (!data && size))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_reader_new_memory: %s is NULL", out ? "data" : "out");
  tertial_sie_reader *r;
  int rc = reader_new(&r, "<memory>", options);
  if (rc < 0)
    return rc;
  /* Read only: the reader never writes to a memory source. */
  r->buf = (unsigned char *)(uintptr_t)(data ? data : empty);
  r->cap = r->end = size;
  r->eof = 1;
  r->stats.bytes = size;
  if (size) {
    skip_bom(r);
    detect(r, r->pos);
  }
  *out = r;
  return 0;
}

void tertial_sie_reader_free(tertial_sie_reader *r)
{
  if (!r)
    return;
  if (r->fp) {
    fclose(r->fp);
    free(r->buf);
  }
  for (size_t i = 0; i < r->ndiags; i++)
    free((void *)(uintptr_t)r->diags[i].message);
  free(r->diags);
  free(r->tok);
  free(r->items);
  free(r->arena);
  free(r->fields);
  free(r->flen);
  free(r->objects);
  free(r->ver.data);
  free(r->rtrans_key.data);
  free(r->trans_key.data);
  free(r->name);
  free(r);
}

static int fail(tertial_sie_reader *r, int rc)
{
  r->failed = rc;
  return rc;
}

int tertial_sie_reader_next(const tertial_sie_record **out, tertial_sie_reader *r)
{
  if (!out || !r)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_reader_next: %s is NULL", out ? "reader" : "out");
  *out = NULL;
  if (r->failed)
    return r->failed;
  if (r->done)
    return 0;
  for (;;) {
    int rc = next_line(r);
    if (rc == 0) {
      r->done = 1;
      rc = finish(r);
      return rc < 0 ? fail(r, rc) : 0;
    }
    if (rc > 0)
      rc = process_line(r);
    if (rc < 0)
      return fail(r, rc);
    if (rc > 0) {
      r->stats.records++;
      *out = &r->rec;
      return 1;
    }
  }
}

size_t tertial_sie_reader_diagnostic_count(const tertial_sie_reader *r)
{
  return r ? r->ndiags : 0;
}

const tertial_sie_diagnostic *tertial_sie_reader_diagnostic(const tertial_sie_reader *r, size_t index)
{
  return r && index < r->ndiags ? &r->diags[index] : NULL;
}

const tertial_sie_stats *tertial_sie_reader_stats(const tertial_sie_reader *r)
{
  return r ? &r->stats : NULL;
}

tertial_sie_encoding tertial_sie_reader_encoding(const tertial_sie_reader *r)
{
  return r ? (tertial_sie_encoding)r->enc : TERTIAL_SIE_ENCODING_AUTO;
}

tertial_sie_encoding tertial_sie_reader_declared_encoding(const tertial_sie_reader *r)
{
  return r ? (tertial_sie_encoding)r->declared : TERTIAL_SIE_ENCODING_AUTO;
}

const char *tertial_sie_record_field(const tertial_sie_record *record, size_t index)
{
  return record && index < record->field_count ? record->fields[index] : NULL;
}

const tertial_sie_object *tertial_sie_record_object(const tertial_sie_record *record, size_t index)
{
  return record && index < record->object_count ? &record->objects[index] : NULL;
}
