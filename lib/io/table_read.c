/* Tables of text cells from CSV and xlsx files: the input of import.c. The files are untrusted:
 * sizes and cell counts are limited, a broken zip or XML is an error with its position, and
 * numbers are kept as the text they were written as (an amount never passes through a double). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <unzip.h>

#include "internal.h"
#include "table_internal.h"
#include "xml_scan.h"

/* ---- the table ---- */

static int table_new(tertial__table **out, const char *source)
{
  tertial__table *t = tertial__calloc(1, sizeof *t);
  if (!t)
    return TERTIAL_ERR_NOMEM;
  if (!(t->source = tertial__strdup(source))) {
    free(t);
    return TERTIAL_ERR_NOMEM;
  }
  *out = t;
  return 0;
}

void tertial__table_free(tertial__table *t)
{
  if (!t)
    return;
  free(t->text);
  free(t->cells);
  free(t->lines);
  free(t->rows);
  free(t->source);
  free(t->styles);
  free(t);
}

static int begin_row(tertial__table *t, uint32_t line)
{
  if (tertial__grow((void **)&t->rows, &t->cap_rows, t->nrows + 1, sizeof *t->rows) < 0)
    return TERTIAL_ERR_NOMEM;
  t->rows[t->nrows++] = (tertial__table_row){t->ncells, 0, line};
  return 0;
}

/* Append a cell of n bytes to the last row. */
static int add_cell(tertial__table *t, const char *s, size_t n, uint32_t line)
{
  if (t->ncells >= TERTIAL__TABLE_MAX_CELLS)
    return tertial__error(TERTIAL_ERR_RANGE, "%s: more than %zu cells", t->source, TERTIAL__TABLE_MAX_CELLS);
  if (t->text_len + n + 1 > TERTIAL__TABLE_MAX_BYTES)
    return tertial__error(TERTIAL_ERR_RANGE, "%s: more than %zu MiB of text", t->source,
                          TERTIAL__TABLE_MAX_BYTES >> 20);
  size_t cap = t->cap_cells;
  if (tertial__grow((void **)&t->cells, &t->cap_cells, t->ncells + 1, sizeof *t->cells) < 0)
    return TERTIAL_ERR_NOMEM;
  if (cap != t->cap_cells) {
    uint32_t *lines = realloc(t->lines, t->cap_cells * sizeof *lines);
    if (!lines)
      return tertial__nomem("table lines");
    t->lines = lines;
  }
  if (tertial__grow((void **)&t->text, &t->text_cap, t->text_len + n + 1, 1) < 0)
    return TERTIAL_ERR_NOMEM;
  memcpy(t->text + t->text_len, s, n);
  t->text[t->text_len + n] = '\0';
  t->cells[t->ncells] = t->text_len;
  t->lines[t->ncells] = line;
  t->text_len += n + 1;
  t->ncells++;
  t->rows[t->nrows - 1].n++;
  return 0;
}

const char *tertial__table_cell(const tertial__table *t, size_t row, size_t col)
{
  if (!t || row >= t->nrows || col >= t->rows[row].n)
    return "";
  return t->text + t->cells[t->rows[row].first + col];
}

/* "A", "B", ..., "Z", "AA", ... for a 0-based column. */
static void column_letters(char *buf, size_t col)
{
  char tmp[8];
  size_t n = 0;
  for (col++; col && n < sizeof tmp; col = (col - 1) / 26)
    tmp[n++] = (char)('A' + (col - 1) % 26);
  for (size_t i = 0; i < n; i++)
    buf[i] = tmp[n - 1 - i];
  buf[n] = '\0';
}

void tertial__table_where(char *buf, size_t size, const tertial__table *t, size_t row, size_t col)
{
  uint32_t line = row < t->nrows ? t->rows[row].line : 0;
  if (t->xlsx) {
    char letters[8];
    column_letters(letters, col);
    snprintf(buf, size, "%s!%s%u", t->source, letters, (unsigned)line);
    return;
  }
  if (row < t->nrows && col < t->rows[row].n)
    line = t->lines[t->rows[row].first + col];
  snprintf(buf, size, "%s:%u:%zu", t->source, (unsigned)line, col + 1);
}

/* ---- CSV ---- */

/* The delimiter the first lines (a title may stand above the header) use most outside quotes:
 * ';', ',' or TAB (',' when none). */
static char sniff_delimiter(const char *p, const char *end)
{
  size_t semi = 0, comma = 0, tab = 0, lines = 0;
  int quoted = 0;
  for (; p < end && lines < 10; p++) {
    if (*p == '"')
      quoted = !quoted;
    else if (!quoted && *p == '\n')
      lines++;
    else if (!quoted)
      semi += *p == ';', comma += *p == ',', tab += *p == '\t';
  }
  if (semi >= comma && semi >= tab && semi)
    return ';';
  return tab > comma ? '\t' : ',';
}

static int parse_csv(tertial__table *t, const char *p, size_t len)
{
  const char *end = p + len;
  char delim;
  tertial_strbuf field = {0};
  uint32_t line = 1;
  if (len >= 5 && memcmp(p, "sep=", 4) == 0 && (len == 5 || p[5] == '\r' || p[5] == '\n')) {
    /* Excel's hint line "sep=;" names the delimiter; it is no row */
    delim = p[4];
    p += 5;
    p += p < end && *p == '\r';
    p += p < end && *p == '\n';
    line = 2;
  } else {
    delim = sniff_delimiter(p, end);
  }
  int rc = 0;
  while (rc == 0 && p < end) {
    /* one record */
    if ((rc = begin_row(t, line)) < 0)
      break;
    for (;;) {
      uint32_t at = line;
      field.len = 0;
      if (field.data)
        field.data[0] = '\0';
      if (p < end && *p == '"') {
        p++;
        for (;;) {
          if (p >= end) {
            rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%u: a quoted field is not closed (expected '\"' before "
                                "the end of the file)", t->source, (unsigned)at);
            break;
          }
          if (*p == '"' && p + 1 < end && p[1] == '"') {
            rc = tertial__sb_append_len(&field, "\"", 1);
            p += 2;
          } else if (*p == '"') {
            p++;
            break;
          } else {
            /* a line break inside quotes is part of the field: CRLF stays one break */
            if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
              line++;
            rc = tertial__sb_append_len(&field, p, 1);
            p++;
          }
          if (rc < 0)
            break;
        }
        if (rc < 0)
          break;
      }
      /* unquoted text, or what follows a closing quote up to the delimiter, as Excel reads it */
      const char *s = p;
      while (p < end && *p != delim && *p != '\n' && *p != '\r')
        p++;
      if (p > s && (rc = tertial__sb_append_len(&field, s, (size_t)(p - s))) < 0)
        break;
      if ((rc = add_cell(t, field.data ? field.data : "", field.len, at)) < 0)
        break;
      if (p < end && *p == delim) {
        p++;
        continue;
      }
      break;
    }
    if (rc < 0)
      break;
    if (p < end && *p == '\r')
      p++;
    if (p < end && *p == '\n')
      p++;
    line++;
  }
  tertial__sb_clear(&field);
  return rc;
}

/* Windows-1252's characters for the bytes 0x80..0x9F (0: none); 0xA0..0xFF are U+00A0..U+00FF. */
static const uint16_t cp1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Windows-1252 text as UTF-8 (malloc'ed, NUL-terminated): 0 and *out; *out NULL with *undefined
 * the offset of a byte Windows-1252 has no character for; TERTIAL_ERR_NOMEM. */
static int from_cp1252(char **out, size_t *out_len, size_t *undefined, const char *text, size_t n)
{
  *out = NULL;
  if (n > (SIZE_MAX - 1) / 3)
    return tertial__error(TERTIAL_ERR_RANGE, "a text too large to convert");
  unsigned char *u = malloc(3 * n + 1), *w = u;
  if (!u)
    return tertial__nomem("Windows-1252 text");
  for (size_t i = 0; i < n; i++) {
    unsigned c = (unsigned char)text[i];
    unsigned cp = c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80] : c;
    if (!cp && c) {
      free(u);
      *undefined = i;
      return 0;
    }
    if (cp < 0x80) {
      *w++ = (unsigned char)cp;
    } else if (cp < 0x800) {
      *w++ = (unsigned char)(0xC0 | cp >> 6);
      *w++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
      *w++ = (unsigned char)(0xE0 | cp >> 12);
      *w++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
      *w++ = (unsigned char)(0x80 | (cp & 0x3F));
    }
  }
  *w = '\0';
  *out = (char *)u;
  *out_len = (size_t)(w - u);
  return 0;
}

int tertial__table_read_csv(tertial__table **out, const char *data, size_t len, const char *source)
{
  if (!out || (!data && len))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial__table_read_csv: NULL argument");
  *out = NULL;
  if (!source)
    source = "table";
  if (len > TERTIAL__TABLE_MAX_BYTES)
    return tertial__error(TERTIAL_ERR_RANGE, "%s: larger than %zu MiB", source, TERTIAL__TABLE_MAX_BYTES >> 20);
  const char *nul = memchr(data ? data : "", '\0', len);
  if (nul) {
    size_t line = 1;
    for (const char *q = data; q < nul; q++)
      line += *q == '\n';
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: a NUL byte: expected a text file (CSV) or an xlsx workbook",
                          source, line);
  }
  tertial__table *t;
  int rc = table_new(&t, source);
  if (rc < 0)
    return rc;
  int bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
  const char *text = data + (bom ? 3 : 0);
  size_t n = len - (bom ? 3 : 0);
  char *converted = NULL;
  t->encoding = bom ? "UTF-8 with BOM" : "UTF-8";
  if (!g_utf8_validate(text, (gssize)n, NULL)) {
    /* Excel's "CSV (semicolon separated)" is the Windows code page: Windows-1252 in Sweden */
    size_t written = 0, undefined = n;
    rc = bom ? 0 : from_cp1252(&converted, &written, &undefined, text, n);
    if (rc == 0 && !converted) {
      const char *bad = text;
      g_utf8_validate(text, (gssize)n, &bad);
      if (!bom && undefined < n)
        bad = text + undefined; /* the byte Windows-1252 has no character for */
      size_t line = 1;
      for (const char *q = text; q < bad; q++)
        line += *q == '\n';
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: byte 0x%02X is neither UTF-8%s: expected UTF-8 text (with or "
                          "without a byte-order mark) or Windows-1252 as Excel writes it",
                          source, line, (unsigned char)*bad, bom ? " (the file starts with a UTF-8 byte-order mark)"
                                                                 : " nor Windows-1252");
    }
    if (rc < 0) {
      tertial__table_free(t);
      return rc;
    }
    text = converted;
    n = written;
    t->encoding = "Windows-1252";
  }
  rc = parse_csv(t, text, n);
  free(converted);
  if (rc < 0) {
    tertial__table_free(t);
    return rc;
  }
  *out = t;
  return 0;
}

/* ---- xlsx ---- */

/* The local name of an XML element or attribute ("x:sheet" -> "sheet"). */
static const char *local(const char *name)
{
  const char *c = strchr(name, ':');
  return c ? c + 1 : name;
}

static const char *attr(const char **names, const char **values, const char *want)
{
  for (size_t i = 0; names[i]; i++)
    if (strcmp(local(names[i]), want) == 0)
      return values[i];
  return NULL;
}

/* The scanner's callbacks of one part. */
typedef struct part_parser {
  tertial__xml_start_fn start;
  tertial__xml_end_fn end;
  tertial__xml_text_fn text;
} part_parser;

/* Stream one part of the archive through the XML scanner, counting its uncompressed bytes
 * against the limit (the sizes in the zip's directory are not trusted). Returns 1 when the part
 * is missing and not required. */
static int parse_part(unzFile zf, const char *xlsx, const char *part, const part_parser *parser, void *data,
                      int required)
{
  if (unzLocateFile(zf, part, 1) != UNZ_OK) {
    if (!required)
      return 1;
    return tertial__error(TERTIAL_ERR_PARSE, "%s: not an xlsx workbook (no part %s)", xlsx, part);
  }
  if (unzOpenCurrentFile(zf) != UNZ_OK)
    return tertial__error(TERTIAL_ERR_PARSE, "%s: cannot read part %s of the zip archive", xlsx, part);
  tertial_strbuf name = {0};
  int rc = tertial__sb_printf(&name, "%s: %s", xlsx, part);
  tertial__xml_scan x;
  tertial__xml_scan_init(&x, name.data, parser->start, parser->end, parser->text, data);
  char buf[65536];
  size_t total = 0;
  int n = 0;
  while (rc == 0 && (n = unzReadCurrentFile(zf, buf, sizeof buf)) > 0) {
    total += (size_t)n;
    if (total > TERTIAL__TABLE_MAX_BYTES)
      rc = tertial__error(TERTIAL_ERR_RANGE, "%s: part %s is larger than %zu MiB uncompressed", xlsx, part,
                          TERTIAL__TABLE_MAX_BYTES >> 20);
    else
      rc = tertial__xml_scan_feed(&x, buf, (size_t)n);
  }
  if (rc == 0 && n < 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s: part %s of the zip archive is damaged (zip error %d)", xlsx, part, n);
  if (rc == 0)
    rc = tertial__xml_scan_finish(&x);
  tertial__xml_scan_clear(&x);
  tertial__sb_clear(&name);
  if (unzCloseCurrentFile(zf) == UNZ_CRCERROR && rc == 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s: part %s of the zip archive is damaged (CRC error)", xlsx, part);
  return rc;
}

/* A growable vector of malloc'ed strings, NULL-terminated when not empty. */
typedef struct strv {
  char **v;
  size_t n, cap;
} strv;

static int strv_add(strv *a, const char *s)
{
  if (tertial__grow((void **)&a->v, &a->cap, a->n + 2, sizeof *a->v) < 0 || !(a->v[a->n] = tertial__strdup(s)))
    return TERTIAL_ERR_NOMEM;
  a->v[++a->n] = NULL;
  return 0;
}

static void strv_free(strv *a)
{
  tertial__table_sheets_free(a->v); /* NULL-terminated, as the sheet list it becomes */
  *a = (strv){0};
}

/* workbook.xml: the sheets' names and relationship ids, in order. */
typedef struct workbook {
  strv names, rids;
} workbook;

static int workbook_start(void *data, const char *el, const char **an, const char **av, size_t n)
{
  (void)n;
  workbook *w = data;
  if (strcmp(local(el), "sheet") != 0)
    return 0;
  const char *name = attr(an, av, "name"), *rid = attr(an, av, "id");
  if (!name || !rid)
    return 0;
  int rc = strv_add(&w->names, name);
  return rc < 0 ? rc : strv_add(&w->rids, rid);
}

/* workbook.xml.rels: the target of one relationship id, and the shared strings' part. */
typedef struct rels {
  const char *want;
  char *target, *shared;
} rels;

/* A target relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml"). */
static int part_name(char **out, const char *target)
{
  tertial_strbuf sb = {0};
  int rc = tertial__sb_printf(&sb, "%s%s", target[0] == '/' ? "" : "xl/", target + (target[0] == '/'));
  *out = sb.data;
  return rc;
}

static int rels_start(void *data, const char *el, const char **an, const char **av, size_t n)
{
  (void)n;
  rels *r = data;
  if (strcmp(local(el), "Relationship") != 0)
    return 0;
  const char *id = attr(an, av, "Id"), *target = attr(an, av, "Target"), *type = attr(an, av, "Type");
  if (!id || !target)
    return 0;
  static const char suffix[] = "/sharedStrings";
  size_t tl = type ? strlen(type) : 0;
  int rc = 0;
  if (r->want && strcmp(id, r->want) == 0 && !r->target)
    rc = part_name(&r->target, target);
  if (rc == 0 && tl >= sizeof suffix - 1 && strcmp(type + tl - (sizeof suffix - 1), suffix) == 0 && !r->shared)
    rc = part_name(&r->shared, target);
  return rc;
}

/* sharedStrings.xml: each <si>'s text, the <t> of its runs joined (phonetic <rPh> left out). */
typedef struct shared {
  tertial__table strings; /* one row; its cells the strings */
  tertial_strbuf cur;
  int in_si, in_t, in_rph;
  const char *xlsx;
} shared;

static int shared_start(void *data, const char *el, const char **an, const char **av, size_t n)
{
  (void)an, (void)av, (void)n;
  shared *s = data;
  const char *l = local(el);
  if (strcmp(l, "si") == 0) {
    s->in_si = 1;
    s->cur.len = 0;
  } else if (strcmp(l, "rPh") == 0) {
    s->in_rph = 1;
  } else if (strcmp(l, "t") == 0) {
    s->in_t = 1;
  }
  return 0;
}

static int shared_end(void *data, const char *el)
{
  shared *s = data;
  const char *l = local(el);
  if (strcmp(l, "si") == 0 && s->in_si) {
    s->in_si = 0;
    return add_cell(&s->strings, s->cur.data ? s->cur.data : "", s->cur.len, 0);
  }
  if (strcmp(l, "rPh") == 0)
    s->in_rph = 0;
  else if (strcmp(l, "t") == 0)
    s->in_t = 0;
  return 0;
}

static int shared_text(void *data, const char *text, size_t len)
{
  shared *s = data;
  if (s->in_si && s->in_t && !s->in_rph)
    return tertial__sb_append_len(&s->cur, text, len);
  return 0;
}

/* The sheet: rows of cells by reference, gaps filled with empty cells. */
typedef struct sheet {
  tertial__table *t;
  const tertial__table *strings;
  tertial_strbuf v, is;
  long row;        /* the current row's number, 0 outside a row */
  long col;        /* the next column of the current row */
  long cell_col;   /* the column of the current cell */
  char type[16];
  int in_c, in_v, in_is, in_t, in_rph;
  const char *xlsx;
  int with_styles;  /* styles are read: xfs[style index], nxfs of them */
  const tertial__table_style *xfs;
  size_t nxfs;
  size_t styles_cap, styled;
  long style;        /* the current cell's style index */
} sheet;

/* "C7" -> column 2, row 7; 0 when it is not a cell reference. */
static int cell_ref(const char *r, long *col, long *row)
{
  long c = 0, w = 0;
  const char *p = r;
  for (; *p >= 'A' && *p <= 'Z'; p++)
    if ((c = c * 26 + (*p - 'A' + 1)) > TERTIAL__TABLE_MAX_COLUMNS)
      return 0;
  if (p == r || !*p)
    return 0;
  for (; *p >= '0' && *p <= '9'; p++)
    if ((w = w * 10 + (*p - '0')) > TERTIAL__TABLE_MAX_ROW)
      return 0;
  if (*p || w < 1)
    return 0;
  *col = c - 1;
  *row = w;
  return 1;
}

static int sheet_error(sheet *s, const char *what, const char *found)
{
  return tertial__error(TERTIAL_ERR_PARSE, "%s: row %ld: %s \"%s\"", s->t->source, s->row, what, found);
}

static int sheet_start(void *data, const char *el, const char **an, const char **av, size_t n_attr)
{
  (void)n_attr;
  sheet *s = data;
  const char *l = local(el);
  if (strcmp(l, "row") == 0) {
    const char *r = attr(an, av, "r");
    long n = s->row + 1;
    if (r) {
      char *end;
      errno = 0;
      n = strtol(r, &end, 10);
      if (*end || errno || n < 1 || n > TERTIAL__TABLE_MAX_ROW)
        return sheet_error(s, "expected a row number, found", r);
    }
    if (n <= (s->t->nrows ? (long)s->t->rows[s->t->nrows - 1].line : 0))
      return sheet_error(s, "rows out of order: expected a row after the previous one, found", r ? r : "");
    s->row = n;
    s->col = 0;
    return begin_row(s->t, (uint32_t)n);
  } else if (strcmp(l, "c") == 0 && s->row) {
    const char *r = attr(an, av, "r"), *t = attr(an, av, "t");
    long col = s->col, row = s->row;
    if (r && (!cell_ref(r, &col, &row) || row != s->row || col < s->col))
      return sheet_error(s, "expected a cell reference of this row after the previous cell, found", r);
    s->cell_col = col;
    const char *st = attr(an, av, "s");
    s->style = st ? strtol(st, NULL, 10) : 0;
    snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
    s->in_c = 1;
    s->v.len = 0;
    s->is.len = 0;
  } else if (s->in_c && strcmp(l, "v") == 0) {
    s->in_v = 1;
  } else if (s->in_c && strcmp(l, "is") == 0) {
    s->in_is = 1;
  } else if (s->in_is && strcmp(l, "rPh") == 0) {
    s->in_rph = 1;
  } else if (s->in_is && strcmp(l, "t") == 0) {
    s->in_t = 1;
  }
  return 0;
}

/* A number as written in the XML, "1234.5" or "1.2345E3", as plain decimal text ("1234.5") in out
 * (at least 64 + 2 * 400 bytes, see the caller), exactly: the exponent moves the decimal point in
 * the digits, and digits beyond the 15 significant ones a spreadsheet shows are rounded. Returns
 * 0, or 1 when it is no number; TERTIAL_ERR_NOMEM. */
static int plain_number(tertial_strbuf *out, const char *v)
{
  const char *p = v;
  int neg = 0;
  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  /* the digits, with room before them for the leading zeros of a negative exponent and a carry */
  size_t ndig = 0;
  const char *start = p;
  for (; (*p >= '0' && *p <= '9') || *p == '.'; p++)
    ndig += *p != '.';
  long point = -1;
  long exp = 0;
  const char *q = p;
  if (*q == 'e' || *q == 'E') {
    char *end;
    errno = 0;
    exp = strtol(q + 1, &end, 10);
    if (end == q + 1 || errno || exp > 400 || exp < -400)
      exp = LONG_MAX;
    q = end;
  }
  if (*q || !ndig || exp == LONG_MAX)
    return 1;
  size_t room = 2 + 402; /* sign or carry, leading zeros */
  out->len = 0;
  if (tertial__sb_pad(out, '0', room + ndig + 402 + 2) < 0)
    return TERTIAL_ERR_NOMEM;
  char *d = out->data + room; /* the digits d[0..len) */
  size_t len = 0;
  for (const char *r = start; r < p; r++) {
    if (*r == '.') {
      if (point >= 0)
        return 1; /* cannot be: a second '.' ends the digits */
      point = (long)len;
    } else {
      d[len++] = *r;
    }
  }
  if (point < 0)
    point = (long)len;
  point += exp;
  while (point <= 0) { /* leading zeros for a negative exponent */
    *--d = '0';
    len++;
    point++;
  }
  while ((long)len < point)
    d[len++] = '0';
  /* a spreadsheet shows 15 significant digits: what is stored beyond them is the noise of a
   * double (a formula's 1020.0000000000001), rounded away half up, in the digits */
  size_t first = 0;
  while (first < len && d[first] == '0')
    first++;
  if (len - first > 15) {
    size_t cut = first + 15;
    int up = d[cut] >= '5';
    for (size_t k = cut; k < len; k++)
      d[k] = '0';
    for (size_t k = cut; up && k-- > 0;) {
      if (d[k] == '9') {
        d[k] = '0';
      } else {
        d[k]++;
        up = 0;
      }
    }
    if (up) {
      *--d = '1';
      len++;
      point++;
    }
  }
  /* the point inserted */
  memmove(d + point + 1, d + point, len - (size_t)point);
  d[point] = '.';
  len++;
  /* trim: leading zeros before the point, trailing zeros after it, a bare point */
  size_t lead = 0;
  while (lead + 1 < (size_t)point && d[lead] == '0')
    lead++;
  d += lead;
  len -= lead;
  while (len && d[len - 1] == '0')
    len--;
  if (len && d[len - 1] == '.')
    len--;
  int zero = 1;
  for (size_t k = 0; k < len; k++)
    zero &= d[k] == '0' || d[k] == '.';
  if (neg && !zero)
    *--d = '-', len++;
  memmove(out->data, d, len);
  out->data[len] = '\0';
  out->len = len;
  return 0;
}

/* The styles of the cells added since the last call: the gaps' General, the cell's its own. */
static int note_styles(sheet *s)
{
  tertial__table *t = s->t;
  if (tertial__grow((void **)&t->styles, &s->styles_cap, t->ncells, sizeof *t->styles) < 0)
    return TERTIAL_ERR_NOMEM;
  const tertial__table_style general = {-1, 0, 0};
  for (; s->styled + 1 < t->ncells; s->styled++)
    t->styles[s->styled] = general;
  s->styled = t->ncells;
  t->styles[t->ncells - 1] = s->style >= 0 && (size_t)s->style < s->nxfs ? s->xfs[s->style] : general;
  return 0;
}

static int sheet_end(void *data, const char *el)
{
  sheet *s = data;
  const char *l = local(el);
  if (strcmp(l, "row") == 0)
    return 0;
  if (strcmp(l, "v") == 0) {
    s->in_v = 0;
  } else if (strcmp(l, "rPh") == 0) {
    s->in_rph = 0;
  } else if (strcmp(l, "t") == 0) {
    s->in_t = 0;
  } else if (strcmp(l, "is") == 0) {
    s->in_is = 0;
  }
  if (strcmp(l, "c") != 0 || !s->in_c)
    return 0;
  s->in_c = 0;
  int rc = 0;
  /* gaps before the cell */
  for (; rc == 0 && s->col < s->cell_col; s->col++)
    rc = add_cell(s->t, "", 0, (uint32_t)s->row);
  const char *v = s->v.data ? s->v.data : "";
  const char *text = v;
  size_t len = s->v.len;
  tertial_strbuf number = {0};
  if (rc < 0) {
    /* the gaps failed */
  } else if (strcmp(s->type, "s") == 0) {
    char *end;
    errno = 0;
    unsigned long i = strtoul(v, &end, 10);
    if (!s->v.len || *end || errno || i >= s->strings->ncells)
      return sheet_error(s, "expected the index of a shared string, found", v);
    text = s->strings->text + s->strings->cells[i];
    len = strlen(text);
  } else if (strcmp(s->type, "inlineStr") == 0) {
    text = s->is.data ? s->is.data : "";
    len = s->is.len;
  } else if (strcmp(s->type, "b") == 0) {
    text = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
    len = strlen(text);
  } else if (strcmp(s->type, "n") == 0 && s->v.len) {
    if ((rc = plain_number(&number, v)) > 0) {
      tertial__sb_clear(&number);
      return sheet_error(s, "expected a number, found", v);
    }
    text = number.data;
    len = number.len;
  }
  if (rc == 0)
    rc = add_cell(s->t, text, len, (uint32_t)s->row);
  if (rc == 0 && s->with_styles)
    rc = note_styles(s);
  tertial__sb_clear(&number);
  s->col = s->cell_col + 1;
  return rc;
}

static int sheet_text(void *data, const char *text, size_t len)
{
  sheet *s = data;
  if (s->in_v)
    return tertial__sb_append_len(&s->v, text, len);
  if (s->in_is && s->in_t && !s->in_rph)
    return tertial__sb_append_len(&s->is, text, len);
  return 0;
}

/* styles.xml: the number formats' decimals and percent, and each cell format's (xf of cellXfs)
 * format and indent. */
typedef struct num_format {
  long id;
  char *code;
} num_format;

typedef struct styles {
  num_format *formats; /* numFmtId -> formatCode, the last one given for an id */
  size_t nformats, cap_formats;
  tertial__table_style *xfs;
  size_t nxfs, cap_xfs;
  int in_cell_xfs;
} styles;

/* The decimals a number format shows ("#,##0.00" 2, "0%" 0 and percent; -1 General or text). */
static tertial__table_style format_style(long id, const char *code)
{
  tertial__table_style st = {-1, 0, 0};
  static const signed char builtin[] = {-1, 0, 2, 0, 2, 0, 0, 2, 2, 0, 2, 2};
  if (!code) {
    if (id >= 0 && id < (long)sizeof builtin)
      st.decimals = builtin[id];
    st.percent = id == 9 || id == 10;
    return st;
  }
  if (g_ascii_strcasecmp(code, "General") == 0 || strchr(code, '@'))
    return st;
  int quoted = 0, point = 0, decimals = 0, digits = 0;
  for (const char *p = code; *p && *p != ';'; p++) {
    if (*p == '"')
      quoted = !quoted;
    else if (quoted)
      continue;
    else if (*p == '\\' && p[1])
      p++;
    else if (*p == '.')
      point = 1;
    else if (*p == '0' || *p == '#' || *p == '?')
      digits = 1, decimals += point;
    else if (*p == '%')
      st.percent = 1;
  }
  st.decimals = digits ? (signed char)decimals : -1;
  return st;
}

static num_format *find_format(styles *s, long id)
{
  for (size_t i = 0; i < s->nformats; i++)
    if (s->formats[i].id == id)
      return &s->formats[i];
  return NULL;
}

static int styles_start(void *data, const char *el, const char **an, const char **av, size_t n_attr)
{
  (void)n_attr;
  styles *s = data;
  const char *l = local(el);
  if (strcmp(l, "numFmt") == 0) {
    const char *id = attr(an, av, "numFmtId"), *code = attr(an, av, "formatCode");
    if (!id || !code)
      return 0;
    long n = strtol(id, NULL, 10);
    num_format *f = find_format(s, n);
    char *copy = tertial__strdup(code);
    if (!copy)
      return TERTIAL_ERR_NOMEM;
    if (!f) {
      if (tertial__grow((void **)&s->formats, &s->cap_formats, s->nformats + 1, sizeof *s->formats) < 0) {
        free(copy);
        return TERTIAL_ERR_NOMEM;
      }
      f = &s->formats[s->nformats++];
      *f = (num_format){n, NULL};
    }
    free(f->code);
    f->code = copy;
  } else if (strcmp(l, "cellXfs") == 0) {
    s->in_cell_xfs = 1;
  } else if (s->in_cell_xfs && strcmp(l, "xf") == 0) {
    const char *id = attr(an, av, "numFmtId");
    long n = id ? strtol(id, NULL, 10) : 0;
    const num_format *f = find_format(s, n);
    if (tertial__grow((void **)&s->xfs, &s->cap_xfs, s->nxfs + 1, sizeof *s->xfs) < 0)
      return TERTIAL_ERR_NOMEM;
    s->xfs[s->nxfs++] = format_style(n, f ? f->code : NULL);
  } else if (s->in_cell_xfs && strcmp(l, "alignment") == 0 && s->nxfs) {
    const char *indent = attr(an, av, "indent");
    long n = indent ? strtol(indent, NULL, 10) : 0;
    s->xfs[s->nxfs - 1].indent = (unsigned char)(n < 0 ? 0 : n > 250 ? 250 : n);
  }
  return 0;
}

static int styles_end(void *data, const char *el)
{
  if (strcmp(local(el), "cellXfs") == 0)
    ((styles *)data)->in_cell_xfs = 0;
  return 0;
}

static int read_xlsx(tertial__table **out, const char *path, const char *sheet_name, int styled);

int tertial__table_read_xlsx(tertial__table **out, const char *path, const char *sheet_name)
{
  return read_xlsx(out, path, sheet_name, 0);
}

int tertial__table_read_xlsx_styled(tertial__table **out, const char *path, const char *sheet_name)
{
  return read_xlsx(out, path, sheet_name, 1);
}

static const part_parser workbook_parser = {workbook_start, NULL, NULL};

void tertial__table_sheets_free(char **sheets)
{
  for (size_t i = 0; sheets && sheets[i]; i++)
    free(sheets[i]);
  free(sheets);
}

int tertial__table_xlsx_sheets(char ***out, const char *path)
{
  if (!out || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial__table_xlsx_sheets: NULL argument");
  unzFile zf = unzOpen64(path);
  if (!zf)
    return tertial__error(TERTIAL_ERR_PARSE, "%s: not an xlsx workbook (not a readable zip archive)", path);
  workbook w = {0};
  int rc = parse_part(zf, path, "xl/workbook.xml", &workbook_parser, &w, 1);
  unzClose(zf);
  strv_free(&w.rids);
  if (rc == 0 && !w.names.v && !(w.names.v = tertial__calloc(1, sizeof *w.names.v)))
    rc = TERTIAL_ERR_NOMEM;
  if (rc < 0) {
    strv_free(&w.names);
    return rc;
  }
  *out = w.names.v;
  return 0;
}

static int read_xlsx(tertial__table **out, const char *path, const char *sheet_name, int styled)
{
  if (!out || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial__table_read_xlsx: NULL argument");
  *out = NULL;
  unzFile zf = unzOpen64(path);
  if (!zf)
    return tertial__error(TERTIAL_ERR_PARSE, "%s: not an xlsx workbook (not a readable zip archive)", path);
  workbook w = {0};
  rels r = {0};
  shared sh = {.xlsx = path};
  sheet s = {0};
  styles st = {0};
  tertial__table *t = NULL;
  tertial_strbuf source = {0};
  int rc = parse_part(zf, path, "xl/workbook.xml", &workbook_parser, &w, 1);
  size_t which = 0;
  if (rc == 0 && w.names.n == 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s: the workbook has no sheets", path);
  if (rc == 0 && sheet_name) {
    while (which < w.names.n && strcmp(w.names.v[which], sheet_name) != 0)
      which++;
    if (which == w.names.n) {
      tertial_strbuf list = {0};
      for (size_t i = 0; rc == 0 && i < w.names.n; i++)
        rc = tertial__sb_printf(&list, "%s\"%s\"", i ? ", " : "", w.names.v[i]);
      if (rc == 0)
        rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "%s: no sheet \"%s\"; the sheets are %s", path, sheet_name,
                            list.data);
      tertial__sb_clear(&list);
    }
  }
  if (rc == 0) {
    static const part_parser rp = {rels_start, NULL, NULL};
    r.want = w.rids.v[which];
    rc = parse_part(zf, path, "xl/_rels/workbook.xml.rels", &rp, &r, 1);
    if (rc == 0 && !r.target)
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s: sheet \"%s\" has no part in the workbook's relationships", path,
                          w.names.v[which]);
  }
  if (rc == 0) {
    static const part_parser sp = {shared_start, shared_end, shared_text};
    sh.strings.source = (char *)path;
    rc = begin_row(&sh.strings, 0);
    if (rc == 0)
      rc = parse_part(zf, path, r.shared ? r.shared : "xl/sharedStrings.xml", &sp, &sh, r.shared != NULL);
    rc = rc > 0 ? 0 : rc; /* a workbook without text has no shared strings */
  }
  if (rc == 0)
    rc = tertial__sb_printf(&source, "%s:%s", path, w.names.v[which]);
  if (rc == 0)
    rc = table_new(&t, source.data);
  if (rc == 0 && styled) {
    static const part_parser stp = {styles_start, styles_end, NULL};
    rc = parse_part(zf, path, "xl/styles.xml", &stp, &st, 0);
    rc = rc > 0 ? 0 : rc; /* no styles: every cell General */
  }
  if (rc == 0) {
    static const part_parser shp = {sheet_start, sheet_end, sheet_text};
    t->xlsx = 1;
    t->encoding = "xlsx";
    s = (sheet){.t = t, .strings = &sh.strings, .xlsx = path, .with_styles = styled, .xfs = st.xfs,
                .nxfs = st.nxfs};
    rc = parse_part(zf, path, r.target, &shp, &s, 1);
    tertial__sb_clear(&s.v);
    tertial__sb_clear(&s.is);
  }
  unzClose(zf);
  for (size_t i = 0; i < st.nformats; i++)
    free(st.formats[i].code);
  free(st.formats);
  free(st.xfs);
  strv_free(&w.names);
  strv_free(&w.rids);
  free(r.target);
  free(r.shared);
  tertial__sb_clear(&sh.cur);
  free(sh.strings.text);
  free(sh.strings.cells);
  free(sh.strings.lines);
  free(sh.strings.rows);
  tertial__sb_clear(&source);
  if (rc < 0) {
    tertial__table_free(t);
    return rc;
  }
  *out = t;
  return 0;
}

/* ---- files ---- */

int tertial__table_read_all(char **out, size_t *out_len, const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return errno == ENOMEM ? tertial__nomem(path) : tertial__error(TERTIAL_ERR_IO, "%s: %s", path, strerror(errno));
  tertial_strbuf sb = {0};
  char buf[65536];
  size_t n;
  int rc = 0;
  while (rc == 0 && (n = fread(buf, 1, sizeof buf, f)) > 0) {
    if (sb.len + n > TERTIAL__TABLE_MAX_BYTES)
      rc = tertial__error(TERTIAL_ERR_RANGE, "%s: larger than %zu MiB", path, TERTIAL__TABLE_MAX_BYTES >> 20);
    else
      rc = tertial__sb_append_len(&sb, buf, n);
  }
  if (rc == 0 && ferror(f))
    rc = tertial__error(TERTIAL_ERR_IO, "%s: %s", path, strerror(errno));
  fclose(f);
  if (rc < 0) {
    tertial__sb_clear(&sb);
    return rc;
  }
  *out_len = sb.len;
  *out = sb.data ? sb.data : tertial__strdup("");
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

int tertial__table_read_file(tertial__table **out, const char *path, const char *sheet_name)
{
  if (!out || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial__table_read_file: NULL argument");
  *out = NULL;
  char *data = NULL;
  size_t len = 0;
  int rc = tertial__table_read_all(&data, &len, path);
  if (rc < 0)
    return rc;
  if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
    free(data);
    return tertial__table_read_xlsx(out, path, sheet_name);
  }
  if (sheet_name)
    rc = tertial__error(TERTIAL_ERR_INVALID, "%s: a sheet (\"%s\") is chosen in an xlsx workbook, and this is a CSV "
                        "file", path, sheet_name);
  else
    rc = tertial__table_read_csv(out, data, len, path);
  free(data);
  return rc;
}
