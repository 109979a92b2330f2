/* Reading the JSON report Tertial writes (render_json.h) into an audit: a small strict JSON
 * parser (RFC 8259; numbers kept as their text, so amounts never pass through a double) and the
 * sections of the report and its child reports as printed tables. */
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"

typedef enum { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } jtype;

typedef struct jv {
  jtype type;
  char *text;      /* a number's or string's text */
  audit_vec kids;  /* jv*: an array's values; an object's keys (J_STRING) and values, alternating */
} jv;

static void jv_free(void *p)
{
  jv *v = p;
  if (!v)
    return;
  free(v->text);
  tertial__audit_vec_free(&v->kids, jv_free);
  free(v);
}

typedef struct jparser {
  const char *p, *start, *end, *source;
  int depth;
} jparser;

static int jerror(const jparser *j, const char *what)
{
  return tertial__error(TERTIAL_ERR_PARSE, "%s: byte %ld: expected %s", j->source, (long)(j->p - j->start) + 1,
                        what);
}

static void skip_ws(jparser *j)
{
  while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
    j->p++;
}

static int hex4(const char *p, unsigned *out)
{
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0)
      return -1;
    v = v * 16 + (unsigned)d;
  }
  *out = v;
  return 0;
}

static int parse_string(jparser *j, char **out)
{
  tertial_strbuf s = {0};
  int rc = 0;
  j->p++; /* the quote */
  while (rc == 0 && j->p < j->end && *j->p != '"') {
    unsigned char c = (unsigned char)*j->p;
    if (c < 0x20) {
      rc = jerror(j, "a string without control characters");
      break;
    }
    if (c != '\\') {
      const char *run = j->p; /* the plain characters up to the next quote, escape or control */
      while (j->p < j->end && *j->p != '"' && *j->p != '\\' && (unsigned char)*j->p >= 0x20)
        j->p++;
      rc = tertial__sb_append_len(&s, run, (size_t)(j->p - run));
      continue;
    }
    if (j->end - j->p < 2) {
      rc = jerror(j, "an escape");
      break;
    }
    char e = j->p[1];
    j->p += 2;
    const char *simple = strchr("\"\\/bfnrt", e);
    if (simple && e) {
      static const char map[] = "\"\\/\b\f\n\r\t";
      rc = tertial__sb_append_len(&s, &map[simple - "\"\\/bfnrt"], 1);
    } else if (e == 'u') {
      unsigned u, lo;
      if (j->end - j->p < 4 || hex4(j->p, &u) < 0) {
        rc = jerror(j, "four hex digits after \\u");
        break;
      }
      j->p += 4;
      if (u >= 0xd800 && u < 0xdc00) {
        if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' || hex4(j->p + 2, &lo) < 0 || lo < 0xdc00 ||
            lo > 0xdfff) {
          rc = jerror(j, "the low half of a surrogate pair");
          break;
        }
        j->p += 6;
        u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
      } else if (u >= 0xdc00 && u < 0xe000) {
        rc = jerror(j, "no lone low surrogate");
        break;
      }
      char utf8[6];
      rc = tertial__sb_append_len(&s, utf8, (size_t)g_unichar_to_utf8((gunichar)u, utf8));
    } else {
      rc = jerror(j, "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u");
    }
  }
  if (rc == 0 && j->p >= j->end)
    rc = jerror(j, "the end of a string");
  if (rc == 0) {
    j->p++;
    if (!g_utf8_validate(s.data ? s.data : "", (gssize)s.len, NULL))
      rc = jerror(j, "UTF-8 text");
  }
  char *text = rc == 0 ? tertial__sb_steal(&s) : NULL;
  tertial__sb_clear(&s);
  if (rc == 0 && !text)
    rc = TERTIAL_ERR_NOMEM;
  *out = text;
  return rc;
}

static int parse_number(jparser *j, char **out)
{
  const char *q = j->p;
  if (q < j->end && *q == '-')
    q++;
  if (q < j->end && *q == '0')
    q++;
  else if (q < j->end && *q >= '1' && *q <= '9')
    while (q < j->end && g_ascii_isdigit(*q))
      q++;
  else
    return jerror(j, "a value");
  if (q < j->end && *q == '.') {
    const char *f = ++q;
    while (q < j->end && g_ascii_isdigit(*q))
      q++;
    if (q == f)
      return jerror(j, "digits after the decimal point");
  }
  if (q < j->end && (*q == 'e' || *q == 'E')) {
    q++;
    if (q < j->end && (*q == '+' || *q == '-'))
      q++;
    const char *f = q;
    while (q < j->end && g_ascii_isdigit(*q))
      q++;
    if (q == f)
      return jerror(j, "digits of an exponent");
  }
  size_t n = (size_t)(q - j->p);
  *out = tertial__malloc(n + 1);
  if (!*out)
    return TERTIAL_ERR_NOMEM;
  memcpy(*out, j->p, n);
  (*out)[n] = 0;
  j->p = q;
  return 0;
}

static int parse_value(jparser *j, jv **out);

static int parse_container(jparser *j, jv *v, char close)
{
  j->p++;
  skip_ws(j);
  if (j->p < j->end && *j->p == close) {
    j->p++;
    return 0;
  }
  for (;;) {
    skip_ws(j);
    int rc;
    if (close == '}') {
      if (j->p >= j->end || *j->p != '"')
        return jerror(j, "a member's name in quotes");
      jv *key = tertial__calloc(1, sizeof *key);
      if (!key || tertial__audit_vec_add_ptr(&v->kids, key) < 0) {
        free(key);
        return TERTIAL_ERR_NOMEM;
      }
      key->type = J_STRING;
      if ((rc = parse_string(j, &key->text)) < 0)
        return rc;
      skip_ws(j);
      if (j->p >= j->end || *j->p != ':')
        return jerror(j, "':' after a member's name");
      j->p++;
    }
    jv *item = NULL;
    rc = parse_value(j, &item);
    if (item && tertial__audit_vec_add_ptr(&v->kids, item) < 0) {
      jv_free(item);
      return TERTIAL_ERR_NOMEM;
    }
    if (rc < 0)
      return rc;
    skip_ws(j);
    if (j->p < j->end && *j->p == ',') {
      j->p++;
      continue;
    }
    if (j->p < j->end && *j->p == close) {
      j->p++;
      return 0;
    }
    return jerror(j, close == '}' ? "',' or '}'" : "',' or ']'");
  }
}

static int parse_value(jparser *j, jv **out)
{
  skip_ws(j);
  if (j->p >= j->end)
    return jerror(j, "a value");
  if (++j->depth > 64)
    return jerror(j, "no more than 64 levels of nesting");
  jv *v = tertial__calloc(1, sizeof *v);
  *out = v;
  if (!v)
    return TERTIAL_ERR_NOMEM;
  int rc = 0;
  char c = *j->p;
  if (c == '{' || c == '[') {
    v->type = c == '{' ? J_OBJECT : J_ARRAY;
    rc = parse_container(j, v, c == '{' ? '}' : ']');
  } else if (c == '"') {
    v->type = J_STRING;
    rc = parse_string(j, &v->text);
  } else if (j->end - j->p >= 4 && strncmp(j->p, "null", 4) == 0) {
    v->type = J_NULL, j->p += 4;
  } else if (j->end - j->p >= 4 && strncmp(j->p, "true", 4) == 0) {
    v->type = J_TRUE, j->p += 4;
  } else if (j->end - j->p >= 5 && strncmp(j->p, "false", 5) == 0) {
    v->type = J_FALSE, j->p += 5;
  } else {
    v->type = J_NUMBER;
    rc = parse_number(j, &v->text);
  }
  j->depth--;
  return rc;
}

/* An object's member, NULL when it has none. */
static const jv *member(const jv *o, const char *name)
{
  if (!o || o->type != J_OBJECT)
    return NULL;
  for (size_t i = 0; i + 1 < o->kids.len; i += 2)
    if (strcmp(AUDIT_AT(o->kids, jv *, i)->text, name) == 0)
      return AUDIT_AT(o->kids, jv *, i + 1);
  return NULL;
}

static const char *text_of(const jv *v)
{
  return v && (v->type == J_STRING || v->type == J_NUMBER) ? v->text : NULL;
}

static size_t len_of(const jv *v, jtype type)
{
  return v && v->type == type ? v->kids.len : 0;
}

static const jv *item(const jv *a, size_t i)
{
  return AUDIT_AT(a->kids, jv *, i);
}

/* An integer in hundredths as printed text with two decimals: "-592833620" -> "-5928336.20"
 * (NULL on no memory). */
static char *hundredths(const char *n)
{
  int neg = n[0] == '-';
  const char *d = n + neg;
  if (strspn(d, "0123456789") != strlen(d))
    return tertial__strdup(n); /* not an integer: as written */
  size_t len = strlen(d), pad = len < 3 ? 3 - len : 0, whole = len + pad - 2;
  char *o = tertial__malloc((size_t)neg + pad + len + 2), *w = o;
  if (!o)
    return NULL;
  if (neg)
    *w++ = '-';
  memset(w, '0', pad); /* "5" -> "005" -> "0.05" */
  memcpy(w + pad, d, len);
  memmove(w + whole + 1, w + whole, 2);
  w[whole] = '.';
  w[whole + 3] = 0;
  return o;
}

typedef struct jreport {
  tertial_audit *a;
  const char *source;
  tertial_audit_unit unit; /* a presentation's, or KR for öre */
  int in_ore;
} jreport;

static int read_section(jreport *r, const jv *sec, const char *where_prefix)
{
  const jv *cols = member(sec, "columns"), *lines = member(sec, "lines");
  size_t ncols = len_of(cols, J_ARRAY), nlines = len_of(lines, J_ARRAY);
  if (!ncols || !nlines)
    return 0;
  const char *title = text_of(member(sec, "title"));
  size_t t;
  int rc = tertial_audit_table_add(&t, r->a, title ? title : "", r->source);
  long label = -1;
  int *kinds = tertial__calloc(ncols, sizeof *kinds); /* 0 text, 1 amount, 2 share, -1 the label */
  char **cells = tertial__calloc(ncols, sizeof *cells);
  if (!kinds || !cells) {
    free(kinds);
    free(cells);
    return TERTIAL_ERR_NOMEM;
  }
  for (size_t c = 0; rc == 0 && c < ncols; c++) {
    const jv *col = item(cols, c);
    const char *key = text_of(member(col, "key")), *type = text_of(member(col, "type"));
    const char *header = text_of(member(col, "header"));
    int k = type && strcmp(type, "amount") == 0 ? 1 : type && strcmp(type, "share") == 0 ? 2 : 0;
    if (label < 0 && key && strcmp(key, "label") == 0) {
      label = (long)c;
      k = -1;
    } else {
      tertial_audit_meaning m = key ? tertial__audit_meaning_of(key) : TERTIAL_AUDIT_OTHER;
      rc = tertial_audit_column_add(NULL, r->a, t, header ? header : (key ? key : ""),
                                    m == TERTIAL_AUDIT_OTHER || m == TERTIAL_AUDIT_IDENTIFIER ? TERTIAL_AUDIT_INFER : m,
                                    k == 1 ? r->unit : k == 2 ? TERTIAL_AUDIT_PERCENT : TERTIAL_AUDIT_UNIT_UNKNOWN);
    }
    kinds[c] = k;
  }
  for (size_t i = 0; rc == 0 && i < nlines; i++) {
    const jv *line = item(lines, i), *values = member(line, "cells");
    if (len_of(values, J_ARRAY) != ncols) {
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s: %s line %zu: expected %zu cells", r->source, where_prefix, i + 1,
                          ncols);
      break;
    }
    size_t ncells = 0;
    const char *label_text = "";
    for (size_t c = 0; rc == 0 && c < ncols; c++) {
      const jv *v = item(values, c);
      int k = kinds[c];
      if (k == -1) {
        label_text = text_of(v) ? text_of(v) : "";
        continue;
      }
      const char *s = text_of(v);
      cells[ncells] = !s ? tertial__strdup("")
                      : v->type == J_NUMBER && (k == 2 || (k == 1 && r->in_ore)) ? hundredths(s)
                                                                                : tertial__strdup(s);
      if (!cells[ncells])
        rc = TERTIAL_ERR_NOMEM;
      else
        ncells++;
    }
    char *where = rc == 0 ? tertial__audit_printf("%s: %s line %zu", r->source, where_prefix, i + 1) : NULL;
    if (rc == 0 && !where)
      rc = TERTIAL_ERR_NOMEM;
    tertial_audit_line_spec ls = TERTIAL_AUDIT_LINE_SPEC_INIT;
    ls.label = label_text;
    ls.code = text_of(member(line, "code"));
    ls.where = where;
    const char *depth = text_of(member(line, "depth")), *style = text_of(member(line, "style"));
    const jv *parent = member(line, "parent"), *info = member(line, "informational");
    if (depth && strlen(depth) <= 2 && g_ascii_isdigit(depth[0]))
      ls.depth = atoi(depth);
    if (style && strcmp(style, "total") == 0)
      ls.kind = TERTIAL_AUDIT_LINE_TOTAL;
    else if (style)
      ls.kind = TERTIAL_AUDIT_LINE_NORMAL;
    if (info && info->type == J_TRUE)
      ls.kind = TERTIAL_AUDIT_LINE_VARAV;
    if (parent) {
      const char *p = text_of(parent);
      long n = p && strspn(p, "0123456789") == strlen(p) && strlen(p) < 9 ? atol(p) : -1;
      ls.parent = n >= 0 && n < (long)nlines ? n : TERTIAL_AUDIT_PARENT_NONE;
    }
    if (rc == 0)
      rc = tertial_audit_line_add(NULL, r->a, t, &ls, (const char *const *)cells, ncells);
    free(where);
    for (size_t c = 0; c < ncells; c++)
      free(cells[c]);
  }
  free(cells);
  free(kinds);
  return rc;
}

static int read_report(jreport *r, const jv *rep, const char *path, int depth)
{
  if (depth > 32)
    return tertial__error(TERTIAL_ERR_PARSE, "%s: child reports nested more than 32 deep", r->source);
  const jv *sections = member(rep, "sections"), *children = member(rep, "children");
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < len_of(sections, J_ARRAY); i++) {
    char *where = tertial__audit_printf("%ssections[%zu]", path, i);
    rc = where ? read_section(r, item(sections, i), where) : TERTIAL_ERR_NOMEM;
    free(where);
  }
  for (size_t i = 0; rc == 0 && i < len_of(children, J_ARRAY); i++) {
    char *where = tertial__audit_printf("%schildren[%zu].", path, i);
    rc = where ? read_report(r, item(children, i), where, depth + 1) : TERTIAL_ERR_NOMEM;
    free(where);
  }
  return rc;
}

/* ---- plain JSON tables ----
 * An array of objects with the same keys ([{"Verksamhet":"IFO","Ack utfall":84312}, ...]), or
 * {"columns":[headers],"rows":[[cells], ...]} with an optional "title" (or "name") and "unit", or
 * {"tables":[such objects]}. A cell is a number (kept as written), a string (read as printed),
 * null (empty) or true/false (text). The label is the first column mostly of texts; a column
 * headed Kod or Code gives the lines' codes. */

/* A cell's text: a number's or string's as written, "" for null, the word for true or false. */
static const char *plain_text(const jv *v)
{
  if (!v || v->type == J_NULL)
    return "";
  if (v->type == J_TRUE)
    return "true";
  if (v->type == J_FALSE)
    return "false";
  return text_of(v) ? text_of(v) : "";
}

typedef struct plain_table {
  const char *source, *title;
  tertial_audit_unit unit;
  const char **headers; /* ncols */
  const jv **cells;     /* nrows × ncols, NULL for an empty cell */
  size_t ncols, nrows;
} plain_table;

/* Whether a header names the code column. */
static int plain_is_code(const char *header)
{
  char *n = tertial__audit_norm(header, 0);
  if (!n)
    return -1;
  int r = strcmp(n, "kod") == 0 || strcmp(n, "code") == 0;
  free(n);
  return r;
}

static int plain_add(tertial_audit *a, const plain_table *p)
{
  /* the code: a column headed Kod or Code; the label: the first other column with more texts than
   * numbers */
  long label = -1, code = -1;
  for (size_t c = 0; c < p->ncols && code < 0; c++) {
    int k = plain_is_code(p->headers[c]);
    if (k < 0)
      return TERTIAL_ERR_NOMEM;
    if (k)
      code = (long)c;
  }
  for (size_t c = 0; c < p->ncols && label < 0; c++) {
    size_t texts = 0, numbers = 0;
    for (size_t i = 0; i < p->nrows && (long)c != code; i++) {
      tertial_audit_value val;
      tertial_audit_value_parse(&val, plain_text(p->cells[i * p->ncols + c]));
      numbers += val.kind == TERTIAL_AUDIT_NUMBER;
      texts += val.kind == TERTIAL_AUDIT_TEXT;
    }
    if (texts > numbers)
      label = (long)c;
  }
  if (label < 0)
    label = code == 0 && p->ncols > 1 ? 1 : 0;
  size_t t;
  const char *base = strrchr(p->source, '/');
  int rc = tertial_audit_table_add(&t, a, p->title ? p->title : base ? base + 1 : p->source, p->source);
  if (rc == 0 && p->unit)
    rc = tertial_audit_table_set_unit(a, t, p->unit);
  for (size_t c = 0; rc == 0 && c < p->ncols; c++)
    if ((long)c != label && (long)c != code)
      rc = tertial_audit_column_add(NULL, a, t, p->headers[c], TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_UNIT_UNKNOWN);
  const char **cells = tertial__calloc(p->ncols + 1, sizeof *cells);
  if (rc == 0 && !cells)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < p->nrows; i++) {
    size_t n = 0;
    for (size_t c = 0; c < p->ncols; c++)
      if ((long)c != label && (long)c != code)
        cells[n++] = plain_text(p->cells[i * p->ncols + c]);
    char *where = tertial__audit_printf("%s: row %zu", p->source, i + 1);
    if (!where) {
      rc = TERTIAL_ERR_NOMEM;
      break;
    }
    tertial_audit_line_spec ls = TERTIAL_AUDIT_LINE_SPEC_INIT;
    ls.label = plain_text(p->cells[i * p->ncols + (size_t)label]);
    ls.code = code >= 0 ? plain_text(p->cells[i * p->ncols + (size_t)code]) : NULL;
    ls.where = where;
    rc = tertial_audit_line_add(NULL, a, t, &ls, cells, n);
    free(where);
  }
  free(cells);
  return rc;
}

/* A unit named by a JSON text ("tkr", "mnkr", "kr"), or UNKNOWN. */
static tertial_audit_unit plain_unit(const jv *v)
{
  const char *u = text_of(v);
  return !u ? TERTIAL_AUDIT_UNIT_UNKNOWN
         : strcmp(u, "mnkr") == 0 ? TERTIAL_AUDIT_MNKR
         : strcmp(u, "tkr") == 0 ? TERTIAL_AUDIT_TKR
         : strcmp(u, "kr") == 0 ? TERTIAL_AUDIT_KR : TERTIAL_AUDIT_UNIT_UNKNOWN;
}

/* An array of objects with the same keys: the first object's keys, in order, are the columns. */
static int plain_objects(tertial_audit *a, const jv *rows, const char *source, const char *where)
{
  size_t nrows = len_of(rows, J_ARRAY);
  const jv *first = nrows ? item(rows, 0) : NULL;
  if (!first || first->type != J_OBJECT || !first->kids.len)
    return tertial__error(TERTIAL_ERR_PARSE, "%s: %srow 1: expected an object with the columns as keys", source,
                          where);
  plain_table p = {source, NULL, TERTIAL_AUDIT_UNIT_UNKNOWN, NULL, NULL, first->kids.len / 2, nrows};
  p.headers = tertial__calloc(p.ncols, sizeof *p.headers);
  p.cells = tertial__calloc(p.ncols * nrows, sizeof *p.cells);
  int rc = p.headers && p.cells ? 0 : TERTIAL_ERR_NOMEM;
  for (size_t c = 0; rc == 0 && c < p.ncols; c++)
    p.headers[c] = item(first, 2 * c)->text;
  for (size_t i = 0; rc == 0 && i < nrows; i++) {
    const jv *o = item(rows, i);
    if (o->type != J_OBJECT) {
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s: %srow %zu: expected an object like the first row", source, where,
                          i + 1);
      break;
    }
    for (size_t k = 0; rc == 0 && k + 1 < o->kids.len; k += 2) {
      const char *key = item(o, k)->text;
      size_t c = 0;
      while (c < p.ncols && strcmp(p.headers[c], key) != 0)
        c++;
      if (c == p.ncols)
        rc = tertial__error(TERTIAL_ERR_PARSE, "%s: %srow %zu: key \"%s\" is not a key of the first row (every row "
                            "has the same keys)", source, where, i + 1, key);
      else
        p.cells[i * p.ncols + c] = item(o, k + 1);
    }
    for (size_t c = 0; rc == 0 && c < p.ncols; c++)
      if (!member(o, p.headers[c]))
        rc = tertial__error(TERTIAL_ERR_PARSE, "%s: %srow %zu: no key \"%s\" (every row has the keys of the first)",
                            source, where, i + 1, p.headers[c]);
  }
  if (rc == 0)
    rc = plain_add(a, &p);
  free(p.headers);
  free(p.cells);
  return rc;
}

/* {"columns":[...],"rows":[[...], ...]} with an optional "title" or "name" and "unit". */
static int plain_columns_rows(tertial_audit *a, const jv *t, const char *source, const char *where)
{
  const jv *cols = member(t, "columns"), *rows = member(t, "rows");
  size_t ncols = len_of(cols, J_ARRAY), nrows = len_of(rows, J_ARRAY);
  if (!ncols || !rows || rows->type != J_ARRAY)
    return tertial__error(TERTIAL_ERR_PARSE, "%s: %sexpected \"columns\": [headers] and \"rows\": [[cells], ...]",
                          source, where);
  const char *title = text_of(member(t, "title"));
  plain_table p = {source, title ? title : text_of(member(t, "name")), plain_unit(member(t, "unit")), NULL, NULL,
                   ncols, nrows};
  p.headers = tertial__calloc(ncols, sizeof *p.headers);
  p.cells = tertial__calloc(ncols * (nrows ? nrows : 1), sizeof *p.cells);
  int rc = p.headers && p.cells ? 0 : TERTIAL_ERR_NOMEM;
  for (size_t c = 0; rc == 0 && c < ncols; c++) {
    const jv *h = item(cols, c);
    p.headers[c] = h->type == J_STRING ? h->text : text_of(member(h, "header"));
    if (!p.headers[c])
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s: %scolumn %zu: expected a header (a string, or an object with "
                          "\"header\")", source, where, c + 1);
  }
  for (size_t i = 0; rc == 0 && i < nrows; i++) {
    const jv *r = item(rows, i);
    if (len_of(r, J_ARRAY) != ncols) {
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s: %srow %zu: expected an array of %zu cells, one per column", source,
                          where, i + 1, ncols);
      break;
    }
    for (size_t c = 0; c < ncols; c++)
      p.cells[i * ncols + c] = item(r, c);
  }
  if (rc == 0)
    rc = plain_add(a, &p);
  free(p.headers);
  free(p.cells);
  return rc;
}

/* A plain table, or {"tables":[...]}; 1 when root is none of them (nothing read). */
static int read_plain(tertial_audit *a, const jv *root, const char *source)
{
  if (root->type == J_ARRAY)
    return plain_objects(a, root, source, "");
  const jv *tables = member(root, "tables");
  if (tables && tables->type == J_ARRAY) {
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < tables->kids.len; i++) {
      char *where = tertial__audit_printf("tables[%zu]: ", i);
      if (!where)
        return TERTIAL_ERR_NOMEM;
      const jv *t = item(tables, i);
      rc = t->type == J_ARRAY ? plain_objects(a, t, source, where) : plain_columns_rows(a, t, source, where);
      free(where);
    }
    return rc;
  }
  if (member(root, "columns") || member(root, "rows"))
    return plain_columns_rows(a, root, source, "");
  return 1;
}

int tertial_audit_read_json(tertial_audit *a, const char *data, size_t len, const char *source)
{
  if (!a || (!data && len))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_read_json: NULL argument");
  source = source ? source : "JSON";
  data = data ? data : "";
  jparser j = {data, data, data + len, source, 0};
  if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
    j.p += 3;
  jv *root = NULL;
  int rc = parse_value(&j, &root);
  skip_ws(&j);
  if (rc == 0 && j.p != j.end)
    rc = jerror(&j, "the end of the document");
  const char *format = rc == 0 ? text_of(member(root, "format")) : NULL;
  if (rc == 0 && (!format || strcmp(format, "tertial-report") != 0)) {
    /* not Tertial's report: a plain table */
    rc = read_plain(a, root, source);
    if (rc == 1)
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s: expected a Tertial report (\"format\":\"tertial-report\", "
                          "render_json.h) or a table: an array of objects with the same keys, or {\"columns\": "
                          "[...], \"rows\": [[...]]}", source);
    jv_free(root);
    return rc == TERTIAL_ERR_NOMEM ? tertial__nomem("tertial_audit_read_json") : rc;
  }
  jreport r = {a, source, TERTIAL_AUDIT_KR, 1};
  const jv *pres = rc == 0 ? member(root, "presentation") : NULL;
  const char *unit = text_of(member(pres, "unit"));
  if (unit) {
    r.unit = strcmp(unit, "mnkr") == 0 ? TERTIAL_AUDIT_MNKR : strcmp(unit, "tkr") == 0 ? TERTIAL_AUDIT_TKR
                                                                                       : TERTIAL_AUDIT_KR;
    r.in_ore = 0;
  }
  if (rc == 0)
    rc = read_report(&r, root, "", 0);
  jv_free(root);
  return rc == TERTIAL_ERR_NOMEM ? tertial__nomem("tertial_audit_read_json") : rc;
}
