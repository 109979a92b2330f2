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

typedef void (*part_start)(GMarkupParseContext *, const char *, const char **, const char **, gpointer, GError **);

/* Stream one part of the archive through a GMarkup parser, counting its uncompressed bytes
 * against the limit (the sizes in the zip's directory are not trusted). */
static int parse_part(unzFile zf, const char *xlsx, const char *part, const GMarkupParser *parser, void *data,
                      int required)
{
  if (unzLocateFile(zf, part, 1) != UNZ_OK) {
    if (!required)
      return 1;
    return tertial__error(TERTIAL_ERR_PARSE, "%s: not an xlsx workbook (no part %s)", xlsx, part);
  }
  if (unzOpenCurrentFile(zf) != UNZ_OK)
    return tertial__error(TERTIAL_ERR_PARSE, "%s: cannot read part %s of the zip archive", xlsx, part);
  GMarkupParseContext *ctx = g_markup_parse_context_new(parser, 0, data, NULL);
  char buf[65536];
  size_t total = 0;
  int rc = 0, n;
  GError *err = NULL;
  while ((n = unzReadCurrentFile(zf, buf, sizeof buf)) > 0) {
    total += (size_t)n;
    if (total > TERTIAL__TABLE_MAX_BYTES) {
      rc = tertial__error(TERTIAL_ERR_RANGE, "%s: part %s is larger than %zu MiB uncompressed", xlsx, part,
                          TERTIAL__TABLE_MAX_BYTES >> 20);
      break;
    }
    if (!g_markup_parse_context_parse(ctx, buf, n, &err))
      break;
  }
  if (rc == 0 && !err && n < 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s: part %s of the zip archive is damaged (zip error %d)", xlsx, part, n);
  if (rc == 0 && !err)
    g_markup_parse_context_end_parse(ctx, &err);
  if (rc == 0 && err) {
    /* a handler's error already recorded its message (TERTIAL_ERR_* in err->code) */
    if (err->domain == g_quark_from_static_string("tertial-table"))
      rc = err->code;
    else
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s: %s: malformed XML: %s", xlsx, part, err->message);
  }
  if (err)
    g_error_free(err);
  g_markup_parse_context_free(ctx);
  if (unzCloseCurrentFile(zf) == UNZ_CRCERROR && rc == 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s: part %s of the zip archive is damaged (CRC error)", xlsx, part);
  return rc;
}

static void fail_xml(GError **error, int rc)
{
  g_set_error_literal(error, g_quark_from_static_string("tertial-table"), rc, tertial_error_last());
}

/* workbook.xml: the sheets' names and relationship ids, in order. */
typedef struct workbook {
  GPtrArray *names, *rids;
} workbook;

static void workbook_start(GMarkupParseContext *c, const char *el, const char **an, const char **av, gpointer data,
                           GError **error)
{
  (void)c, (void)error;
  workbook *w = data;
  if (strcmp(local(el), "sheet") != 0)
    return;
  const char *name = attr(an, av, "name"), *rid = attr(an, av, "id");
  if (name && rid) {
    g_ptr_array_add(w->names, g_strdup(name));
    g_ptr_array_add(w->rids, g_strdup(rid));
  }
}

/* workbook.xml.rels: the target of one relationship id, and the shared strings' part. */
typedef struct rels {
  const char *want;
  char *target, *shared;
} rels;

/* A target relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml"). */
static char *part_name(const char *target)
{
  return target[0] == '/' ? g_strdup(target + 1) : g_strconcat("xl/", target, NULL);
}

static void rels_start(GMarkupParseContext *c, const char *el, const char **an, const char **av, gpointer data,
                       GError **error)
{
  (void)c, (void)error;
  rels *r = data;
  if (strcmp(local(el), "Relationship") != 0)
    return;
  const char *id = attr(an, av, "Id"), *target = attr(an, av, "Target"), *type = attr(an, av, "Type");
  if (!id || !target)
    return;
  if (r->want && strcmp(id, r->want) == 0 && !r->target)
    r->target = part_name(target);
  if (type && g_str_has_suffix(type, "/sharedStrings") && !r->shared)
    r->shared = part_name(target);
}

/* sharedStrings.xml: each <si>'s text, the <t> of its runs joined (phonetic <rPh> left out). */
typedef struct shared {
  tertial__table strings; /* one row; its cells the strings */
  GString *cur;
  int in_si, in_t, in_rph;
  const char *xlsx;
} shared;

static void shared_start(GMarkupParseContext *c, const char *el, const char **an, const char **av, gpointer data,
                         GError **error)
{
  (void)c, (void)an, (void)av, (void)error;
  shared *s = data;
  const char *l = local(el);
  if (strcmp(l, "si") == 0) {
    s->in_si = 1;
    g_string_truncate(s->cur, 0);
  } else if (strcmp(l, "rPh") == 0) {
    s->in_rph = 1;
  } else if (strcmp(l, "t") == 0) {
    s->in_t = 1;
  }
}

static void shared_end(GMarkupParseContext *c, const char *el, gpointer data, GError **error)
{
  (void)c;
  shared *s = data;
  const char *l = local(el);
  int rc = 0;
  if (strcmp(l, "si") == 0 && s->in_si) {
    s->in_si = 0;
    rc = add_cell(&s->strings, s->cur->str, s->cur->len, 0);
  } else if (strcmp(l, "rPh") == 0) {
    s->in_rph = 0;
  } else if (strcmp(l, "t") == 0) {
    s->in_t = 0;
  }
  if (rc < 0)
    fail_xml(error, rc);
}

static void shared_text(GMarkupParseContext *c, const char *text, gsize len, gpointer data, GError **error)
{
  (void)c, (void)error;
  shared *s = data;
  if (s->in_si && s->in_t && !s->in_rph)
    g_string_append_len(s->cur, text, (gssize)len);
}

/* The sheet: rows of cells by reference, gaps filled with empty cells. */
typedef struct sheet {
  tertial__table *t;
  const tertial__table *strings;
  GString *v, *is;
  long row;        /* the current row's number, 0 outside a row */
  long col;        /* the next column of the current row */
  long cell_col;   /* the column of the current cell */
  char type[16];
  int in_c, in_v, in_is, in_t, in_rph;
  const char *xlsx;
  const GArray *xfs; /* tertial__table_style by style index, when styled */
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

static int sheet_error(sheet *s, GError **error, const char *what, const char *found)
{
  int rc = tertial__error(TERTIAL_ERR_PARSE, "%s: row %ld: %s \"%s\"", s->t->source, s->row, what, found);
  fail_xml(error, rc);
  return rc;
}

static void sheet_start(GMarkupParseContext *c, const char *el, const char **an, const char **av, gpointer data,
                        GError **error)
{
  (void)c;
  sheet *s = data;
  const char *l = local(el);
  if (strcmp(l, "row") == 0) {
    const char *r = attr(an, av, "r");
    long n = s->row + 1;
    if (r) {
      char *end;
      errno = 0;
      n = strtol(r, &end, 10);
      if (*end || errno || n < 1 || n > TERTIAL__TABLE_MAX_ROW) {
        sheet_error(s, error, "expected a row number, found", r);
        return;
      }
    }
    if (n <= (s->t->nrows ? (long)s->t->rows[s->t->nrows - 1].line : 0)) {
      sheet_error(s, error, "rows out of order: expected a row after the previous one, found", r ? r : "");
      return;
    }
    s->row = n;
    s->col = 0;
    int rc = begin_row(s->t, (uint32_t)n);
    if (rc < 0)
      fail_xml(error, rc);
  } else if (strcmp(l, "c") == 0 && s->row) {
    const char *r = attr(an, av, "r"), *t = attr(an, av, "t");
    long col = s->col, row = s->row;
    if (r && (!cell_ref(r, &col, &row) || row != s->row || col < s->col)) {
      sheet_error(s, error, "expected a cell reference of this row after the previous cell, found", r);
      return;
    }
    s->cell_col = col;
    const char *st = attr(an, av, "s");
    s->style = st ? strtol(st, NULL, 10) : 0;
    snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
    s->in_c = 1;
    g_string_truncate(s->v, 0);
    g_string_truncate(s->is, 0);
  } else if (s->in_c && strcmp(l, "v") == 0) {
    s->in_v = 1;
  } else if (s->in_c && strcmp(l, "is") == 0) {
    s->in_is = 1;
  } else if (s->in_is && strcmp(l, "rPh") == 0) {
    s->in_rph = 1;
  } else if (s->in_is && strcmp(l, "t") == 0) {
    s->in_t = 1;
  }
}

/* A number as written in the XML, "1234.5" or "1.2345E3", as plain decimal text ("1234.5"),
 * exactly: the exponent moves the decimal point in the digits, and digits beyond the 15
 * significant ones a spreadsheet shows are rounded. NULL when it is no number. */
static char *plain_number(const char *v)
{
  const char *p = v;
  int neg = 0;
  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  GString *digits = g_string_new(NULL);
  long point = -1;
  for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
    if (*p == '.') {
      if (point >= 0)
        break;
      point = (long)digits->len;
    } else {
      g_string_append_c(digits, *p);
    }
  }
  if (point < 0)
    point = (long)digits->len;
  long exp = 0;
  if (*p == 'e' || *p == 'E') {
    char *end;
    errno = 0;
    exp = strtol(p + 1, &end, 10);
    if (end == p + 1 || errno || exp > 400 || exp < -400)
      exp = LONG_MAX;
    p = end;
  }
  if (*p || !digits->len || exp == LONG_MAX) {
    g_string_free(digits, TRUE);
    return NULL;
  }
  point += exp;
  while (point <= 0) { /* leading zeros for a negative exponent */
    g_string_prepend_c(digits, '0');
    point++;
  }
  while ((long)digits->len < point)
    g_string_append_c(digits, '0');
  /* a spreadsheet shows 15 significant digits: what is stored beyond them is the noise of a
   * double (a formula's 1020.0000000000001), rounded away half up, in the digits */
  size_t first = 0;
  while (first < digits->len && digits->str[first] == '0')
    first++;
  if (digits->len - first > 15) {
    size_t cut = first + 15;
    int up = digits->str[cut] >= '5';
    for (size_t k = cut; k < digits->len; k++)
      digits->str[k] = '0';
    for (size_t k = cut; up && k-- > 0;) {
      if (digits->str[k] == '9') {
        digits->str[k] = '0';
      } else {
        digits->str[k]++;
        up = 0;
      }
    }
    if (up) {
      g_string_prepend_c(digits, '1');
      point++;
    }
  }
  g_string_insert_c(digits, point, '.');
  /* trim: leading zeros before the point, trailing zeros after it, a bare point */
  size_t lead = 0;
  while (lead + 1 < (size_t)point && digits->str[lead] == '0')
    lead++;
  g_string_erase(digits, 0, (gssize)lead);
  while (digits->len && digits->str[digits->len - 1] == '0' && strchr(digits->str, '.'))
    g_string_truncate(digits, digits->len - 1);
  if (digits->len && digits->str[digits->len - 1] == '.')
    g_string_truncate(digits, digits->len - 1);
  if (neg && strspn(digits->str, "0.") != digits->len)
    g_string_prepend_c(digits, '-');
  return g_string_free(digits, FALSE);
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
  t->styles[t->ncells - 1] = s->style >= 0 && (guint)s->style < s->xfs->len
                               ? g_array_index(s->xfs, tertial__table_style, s->style)
                               : general;
  return 0;
}

static void sheet_end(GMarkupParseContext *c, const char *el, gpointer data, GError **error)
{
  (void)c;
  sheet *s = data;
  const char *l = local(el);
  if (strcmp(l, "row") == 0)
    return;
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
    return;
  s->in_c = 0;
  int rc = 0;
  /* gaps before the cell */
  for (; rc == 0 && s->col < s->cell_col; s->col++)
    rc = add_cell(s->t, "", 0, (uint32_t)s->row);
  const char *text = s->v->str;
  size_t len = s->v->len;
  char *owned = NULL;
  if (strcmp(s->type, "s") == 0) {
    char *end;
    errno = 0;
    unsigned long i = strtoul(s->v->str, &end, 10);
    if (!s->v->len || *end || errno || i >= s->strings->ncells) {
      sheet_error(s, error, "expected the index of a shared string, found", s->v->str);
      return;
    }
    text = s->strings->text + s->strings->cells[i];
    len = strlen(text);
  } else if (strcmp(s->type, "inlineStr") == 0) {
    text = s->is->str;
    len = s->is->len;
  } else if (strcmp(s->type, "b") == 0) {
    text = strcmp(s->v->str, "1") == 0 ? "TRUE" : "FALSE";
    len = strlen(text);
  } else if (strcmp(s->type, "n") == 0 && s->v->len) {
    if (!(owned = plain_number(s->v->str))) {
      sheet_error(s, error, "expected a number, found", s->v->str);
      return;
    }
    text = owned;
    len = strlen(owned);
  }
  if (rc == 0)
    rc = add_cell(s->t, text, len, (uint32_t)s->row);
  if (rc == 0 && s->xfs)
    rc = note_styles(s);
  g_free(owned);
  s->col = s->cell_col + 1;
  if (rc < 0)
    fail_xml(error, rc);
}

static void sheet_text(GMarkupParseContext *c, const char *text, gsize len, gpointer data, GError **error)
{
  (void)c, (void)error;
  sheet *s = data;
  if (s->in_v)
    g_string_append_len(s->v, text, (gssize)len);
  else if (s->in_is && s->in_t && !s->in_rph)
    g_string_append_len(s->is, text, (gssize)len);
}

/* styles.xml: the number formats' decimals and percent, and each cell format's (xf of cellXfs)
 * format and indent. */
typedef struct styles {
  GHashTable *formats; /* numFmtId -> formatCode */
  GArray *xfs;         /* tertial__table_style */
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

static void styles_start(GMarkupParseContext *c, const char *el, const char **an, const char **av, gpointer data,
                         GError **error)
{
  (void)c, (void)error;
  styles *s = data;
  const char *l = local(el);
  if (strcmp(l, "numFmt") == 0) {
    const char *id = attr(an, av, "numFmtId"), *code = attr(an, av, "formatCode");
    if (id && code)
      g_hash_table_insert(s->formats, GINT_TO_POINTER(strtol(id, NULL, 10)), g_strdup(code));
  } else if (strcmp(l, "cellXfs") == 0) {
    s->in_cell_xfs = 1;
  } else if (s->in_cell_xfs && strcmp(l, "xf") == 0) {
    const char *id = attr(an, av, "numFmtId");
    long n = id ? strtol(id, NULL, 10) : 0;
    tertial__table_style st = format_style(n, g_hash_table_lookup(s->formats, GINT_TO_POINTER(n)));
    g_array_append_val(s->xfs, st);
  } else if (s->in_cell_xfs && strcmp(l, "alignment") == 0 && s->xfs->len) {
    const char *indent = attr(an, av, "indent");
    long n = indent ? strtol(indent, NULL, 10) : 0;
    g_array_index(s->xfs, tertial__table_style, s->xfs->len - 1).indent = (unsigned char)(n < 0 ? 0 : n > 250 ? 250 : n);
  }
}

static void styles_end(GMarkupParseContext *c, const char *el, gpointer data, GError **error)
{
  (void)c, (void)error;
  if (strcmp(local(el), "cellXfs") == 0)
    ((styles *)data)->in_cell_xfs = 0;
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

int tertial__table_xlsx_sheets(char ***out, const char *path)
{
  if (!out || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial__table_xlsx_sheets: NULL argument");
  unzFile zf = unzOpen64(path);
  if (!zf)
    return tertial__error(TERTIAL_ERR_PARSE, "%s: not an xlsx workbook (not a readable zip archive)", path);
  workbook w = {g_ptr_array_new_with_free_func(g_free), g_ptr_array_new_with_free_func(g_free)};
  const GMarkupParser wp = {workbook_start, NULL, NULL, NULL, NULL};
  int rc = parse_part(zf, path, "xl/workbook.xml", &wp, &w, 1);
  unzClose(zf);
  g_ptr_array_free(w.rids, TRUE);
  g_ptr_array_add(w.names, NULL);
  char **names = (char **)g_ptr_array_free(w.names, FALSE);
  if (rc < 0) {
    g_strfreev(names);
    return rc;
  }
  *out = names;
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
  workbook w = {g_ptr_array_new_with_free_func(g_free), g_ptr_array_new_with_free_func(g_free)};
  rels r = {0};
  shared sh = {.cur = g_string_new(NULL), .xlsx = path};
  sheet s = {0};
  tertial__table *t = NULL;
  char *source = NULL;
  const GMarkupParser wp = {workbook_start, NULL, NULL, NULL, NULL};
  int rc = parse_part(zf, path, "xl/workbook.xml", &wp, &w, 1);
  guint which = 0;
  if (rc == 0 && w.names->len == 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s: the workbook has no sheets", path);
  if (rc == 0 && sheet_name) {
    while (which < w.names->len && strcmp(g_ptr_array_index(w.names, which), sheet_name) != 0)
      which++;
    if (which == w.names->len) {
      GString *list = g_string_new(NULL);
      for (guint i = 0; i < w.names->len; i++)
        g_string_append_printf(list, "%s\"%s\"", i ? ", " : "", (const char *)g_ptr_array_index(w.names, i));
      rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "%s: no sheet \"%s\"; the sheets are %s", path, sheet_name,
                          list->str);
      g_string_free(list, TRUE);
    }
  }
  if (rc == 0) {
    const GMarkupParser rp = {rels_start, NULL, NULL, NULL, NULL};
    r.want = g_ptr_array_index(w.rids, which);
    rc = parse_part(zf, path, "xl/_rels/workbook.xml.rels", &rp, &r, 1);
    if (rc == 0 && !r.target)
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s: sheet \"%s\" has no part in the workbook's relationships", path,
                          (const char *)g_ptr_array_index(w.names, which));
  }
  if (rc == 0) {
    const GMarkupParser sp = {shared_start, shared_end, shared_text, NULL, NULL};
    sh.strings.source = (char *)path;
    rc = begin_row(&sh.strings, 0);
    if (rc == 0)
      rc = parse_part(zf, path, r.shared ? r.shared : "xl/sharedStrings.xml", &sp, &sh, r.shared != NULL);
    rc = rc > 0 ? 0 : rc; /* a workbook without text has no shared strings */
  }
  if (rc == 0 && !(source = g_strdup_printf("%s:%s", path, (const char *)g_ptr_array_index(w.names, which))))
    rc = TERTIAL_ERR_NOMEM;
  if (rc == 0)
    rc = table_new(&t, source);
  styles st = {g_hash_table_new_full(NULL, NULL, NULL, g_free), g_array_new(FALSE, FALSE, sizeof(tertial__table_style)),
               0};
  if (rc == 0 && styled) {
    const GMarkupParser stp = {styles_start, styles_end, NULL, NULL, NULL};
    rc = parse_part(zf, path, "xl/styles.xml", &stp, &st, 0);
    rc = rc > 0 ? 0 : rc; /* no styles: every cell General */
  }
  if (rc == 0) {
    const GMarkupParser shp = {sheet_start, sheet_end, sheet_text, NULL, NULL};
    t->xlsx = 1;
    t->encoding = "xlsx";
    s = (sheet){.t = t, .strings = &sh.strings, .v = g_string_new(NULL), .is = g_string_new(NULL), .xlsx = path,
                .xfs = styled ? st.xfs : NULL};
    rc = parse_part(zf, path, r.target, &shp, &s, 1);
    g_string_free(s.v, TRUE);
    g_string_free(s.is, TRUE);
  }
  unzClose(zf);
  g_hash_table_destroy(st.formats);
  g_array_free(st.xfs, TRUE);
  g_ptr_array_free(w.names, TRUE);
  g_ptr_array_free(w.rids, TRUE);
  g_free(r.target);
  g_free(r.shared);
  g_string_free(sh.cur, TRUE);
  free(sh.strings.text);
  free(sh.strings.cells);
  free(sh.strings.lines);
  free(sh.strings.rows);
  g_free(source);
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
