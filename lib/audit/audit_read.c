/* Reading printed tables from CSV and xlsx files (through io/table_read.c) into an audit: the
 * rows of a sheet are split into tables at titles, headers and blank rows. The files are read
 * here, at the edge; the model and the checks do no I/O. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"
#include "fileio.h"
#include "table_internal.h"

/* What a cell shows: an xlsx number rounded to its format's decimals (times 100 with a '%' for a
 * percent format); the text otherwise. NULL on no memory. */
static char *shown(const tertial__table *g, size_t row, size_t col)
{
  const char *raw = tertial__table_cell(g, row, col);
  if (!g->styles || col >= g->rows[row].n)
    return tertial__strdup(raw);
  tertial__table_style st = g->styles[g->rows[row].first + col];
  tertial_audit_value v;
  tertial_audit_value_parse(&v, raw);
  if (v.kind != TERTIAL_AUDIT_NUMBER || (st.decimals < 0 && !st.percent))
    return tertial__strdup(raw);
  int shift = st.percent ? 2 : 0;
  int d = st.decimals >= 0 ? st.decimals : (v.decimals - shift > 0 ? v.decimals - shift : 0);
  if (d > 9)
    return tertial__strdup(raw);
  int e = d + shift - v.decimals;
  tertial_i128 x = v.scaled;
  for (int i = 0; i < e; i++)
    x *= 10;
  if (e < 0) {
    tertial_i128 den = 1;
    for (int i = 0; i < -e; i++)
      den *= 10;
    x = tertial__div_round(x, den);
  }
  if (x > INT64_MAX || x < -INT64_MAX)
    return tertial__strdup(raw);
  tertial_strbuf sb = {0};
  if (tertial__format_fixed(&sb, (int64_t)x, d, '.') < 0 || (st.percent && tertial__sb_append(&sb, "%") < 0)) {
    tertial__sb_clear(&sb);
    return tertial__strdup(raw);
  }
  return tertial__sb_steal(&sb);
}

typedef struct grid {
  const tertial__table *g;
  char **cells;  /* the shown texts, row by row */
  size_t ncells;
  size_t *first; /* per row: its first cell in `cells` */
  size_t *width; /* per row: its cells without trailing blanks */
} grid;

static const char *cell(const grid *gr, size_t row, size_t col)
{
  return col < gr->width[row] ? gr->cells[gr->first[row] + col] : "";
}

static size_t width(const grid *gr, size_t row)
{
  return gr->width[row];
}

static int is_number(const char *s)
{
  tertial_audit_value v;
  tertial_audit_value_parse(&v, s);
  return v.kind == TERTIAL_AUDIT_NUMBER;
}

static int is_blank(const char *s)
{
  tertial_audit_value v;
  tertial_audit_value_parse(&v, s);
  return v.kind == TERTIAL_AUDIT_EMPTY;
}

/* Headers of text columns, known so that their rows read as headers. */
static int text_header(const char *norm)
{
  static const char *const words[] = {"del", "rad", "status", "datum", "text", "kommentar", "mål", "slag",
                                      "målvärde", "åtgärd", "orsak", "månad", "verksamhet", "konsekvens", "tidplan",
                                      "uppföljning", "allvarlighet", "kontroll", "kolumn", "volym", "fg bokslut",
                                      "comment", "reason", "month", "measure", NULL};
  for (const char *const *w = words; *w; w++)
    if (strcmp(norm, *w) == 0)
      return 1;
  return 0;
}

/* A header row: texts only, two or more, one of them a known header. 1, 0 or TERTIAL_ERR_NOMEM. */
static int is_header(const grid *gr, size_t row)
{
  size_t texts = 0, known = 0;
  for (size_t c = 0; c < width(gr, row); c++) {
    const char *s = cell(gr, row, c);
    if (is_blank(s))
      continue;
    if (is_number(s))
      return 0;
    texts++;
    char *n = tertial__audit_norm(s, 1);
    if (!n)
      return TERTIAL_ERR_NOMEM;
    known += tertial__audit_meaning_of(n) != TERTIAL_AUDIT_OTHER || text_header(n);
    free(n);
  }
  if (texts < 2)
    return 0;
  if (known)
    return 1;
  /* unknown headers: a row of texts just above a row with numbers */
  if (row + 1 < gr->g->nrows)
    for (size_t c = 0; c < width(gr, row + 1); c++)
      if (is_number(cell(gr, row + 1, c)))
        return 1;
  return 0;
}

/* The structure columns Tertial writes. */
enum { S_CODE, S_LEVEL, S_TYPE, S_PARENT, S_VARAV, S_COUNT };

/* The S_ structure a header names, -1 for none, S_NOMEM on no memory. */
#define S_NOMEM (-2)
static int structure_of(const char *header)
{
  /* Swedish, English (as Tertial's English reports name them too), the machine keys */
  static const char *const names[S_COUNT][5] = {
    {"kod", "code", "konto", "account", NULL},
    {"nivå", "level", "depth", NULL, NULL},
    {"radtyp", "row type", "line type", "style", NULL},
    {"överordnad rad", "parent row", "parent line", "parent", NULL},
    {"ingår ej i summan", "not in the sum", "informational", NULL, NULL}};
  char *n = tertial__audit_norm(header, 0);
  if (!n)
    return S_NOMEM;
  int r = -1;
  for (int s = 0; s < S_COUNT && r < 0; s++)
    for (int k = 0; k < 5 && names[s][k]; k++)
      if (strcmp(n, names[s][k]) == 0)
        r = s;
  free(n);
  return r;
}

typedef struct pending {
  char *name;
  long header;   /* the header row, -1 none */
  audit_vec rows; /* size_t */
  tertial_audit_unit unit;
} pending;

static tertial_audit_line_kind kind_named(const char *s)
{
  if (strcmp(s, "total") == 0)
    return TERTIAL_AUDIT_LINE_TOTAL;
  if (strcmp(s, "subtotal") == 0 || strcmp(s, "normal") == 0)
    return TERTIAL_AUDIT_LINE_NORMAL;
  if (strcmp(s, "heading") == 0)
    return TERTIAL_AUDIT_LINE_HEADING;
  return TERTIAL_AUDIT_LINE_INFER;
}

/* The pending table's header: its number of cells, and cell c. */
static size_t header_len(const grid *gr, const pending *p)
{
  return p->header >= 0 ? width(gr, (size_t)p->header) : 0;
}

static const char *header_at(const grid *gr, const pending *p, size_t c)
{
  return p->header >= 0 ? cell(gr, (size_t)p->header, c) : "";
}

/* Add the pending table to the audit (nothing when it has no rows). */
static int flush(tertial_audit *a, const grid *gr, pending *p, const char *source)
{
  if (!p->rows.len)
    return 0;
  size_t nh = header_len(gr, p), ncols = nh;
  for (size_t i = 0; i < p->rows.len; i++) {
    size_t w = width(gr, AUDIT_AT(p->rows, size_t, i));
    ncols = w > ncols ? w : ncols;
  }
  long st[S_COUNT] = {-1, -1, -1, -1, -1};
  for (size_t c = 0; c < nh; c++) {
    int s = structure_of(header_at(gr, p, c));
    if (s == S_NOMEM)
      return TERTIAL_ERR_NOMEM;
    if (s >= 0 && st[s] < 0)
      st[s] = (long)c;
  }
  /* the label: the first other column mostly of texts */
  long label = -1, code = st[S_CODE];
  for (size_t c = 0; c < ncols && label < 0; c++) {
    int structural = 0;
    for (int s = 0; s < S_COUNT; s++)
      structural |= st[s] == (long)c;
    if (structural)
      continue;
    size_t texts = 0, numbers = 0;
    for (size_t i = 0; i < p->rows.len; i++) {
      const char *s = cell(gr, AUDIT_AT(p->rows, size_t, i), c);
      if (is_number(s))
        numbers++;
      else if (!is_blank(s))
        texts++;
    }
    if (texts > numbers)
      label = (long)c;
  }
  if (label < 0)
    label = 0;
  /* no code column: an identifier column (Enhet) of numbers serves */
  for (size_t c = 0; c < nh && code < 0; c++) {
    char *n = tertial__audit_norm(header_at(gr, p, c), 1);
    int s = n ? structure_of(n) : S_NOMEM;
    if (s != S_NOMEM && (long)c != label && tertial__audit_meaning_of(n) == TERTIAL_AUDIT_IDENTIFIER && s < 0)
      code = (long)c;
    free(n);
    if (s == S_NOMEM)
      return TERTIAL_ERR_NOMEM;
  }
  size_t t;
  const char *base = strrchr(source, '/');
  int rc = tertial_audit_table_add(&t, a, p->name ? p->name : base ? base + 1 : source, source);
  if (rc == 0 && p->unit)
    rc = tertial_audit_table_set_unit(a, t, p->unit);
  size_t *cols = tertial__calloc(ncols + 1, sizeof *cols), ncol = 0;
  const char **cells = tertial__calloc(ncols + 1, sizeof *cells);
  if (rc == 0 && (!cols || !cells))
    rc = TERTIAL_ERR_NOMEM;
  for (size_t c = 0; rc == 0 && c < ncols; c++) {
    int skip = (long)c == label || (long)c == code;
    for (int s = 0; s < S_COUNT; s++)
      skip |= st[s] == (long)c;
    if (skip)
      continue;
    rc = tertial_audit_column_add(NULL, a, t, header_at(gr, p, c), TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_UNIT_UNKNOWN);
    cols[ncol++] = c;
  }
  for (size_t i = 0; rc == 0 && i < p->rows.len; i++) {
    size_t row = AUDIT_AT(p->rows, size_t, i);
    for (size_t k = 0; k < ncol; k++)
      cells[k] = cell(gr, row, cols[k]);
    char where[512];
    tertial__table_where(where, sizeof where, gr->g, row, (size_t)label);
    char *w = strrchr(where, ':');
    if (!gr->g->xlsx && w)
      *w = 0; /* "file.csv:12" */
    tertial_audit_line_spec ls = TERTIAL_AUDIT_LINE_SPEC_INIT;
    ls.label = cell(gr, row, (size_t)label);
    ls.code = code >= 0 ? cell(gr, row, (size_t)code) : NULL;
    ls.where = where;
    if (st[S_LEVEL] >= 0 && is_number(cell(gr, row, (size_t)st[S_LEVEL])))
      ls.depth = atoi(cell(gr, row, (size_t)st[S_LEVEL]));
    else if (gr->g->styles && (size_t)label < gr->g->rows[row].n)
      ls.depth = gr->g->styles[gr->g->rows[row].first + (size_t)label].indent;
    if (ls.depth > 64 || ls.depth < -1)
      ls.depth = -1;
    if (st[S_TYPE] >= 0)
      ls.kind = kind_named(cell(gr, row, (size_t)st[S_TYPE]));
    if (st[S_VARAV] >= 0 && strcmp(cell(gr, row, (size_t)st[S_VARAV]), "1") == 0)
      ls.kind = TERTIAL_AUDIT_LINE_VARAV;
    if (st[S_PARENT] >= 0) {
      const char *pr = cell(gr, row, (size_t)st[S_PARENT]);
      long n = atol(pr);
      ls.parent = is_number(pr) && n >= 0 && n < (long)p->rows.len ? n : TERTIAL_AUDIT_PARENT_NONE;
    }
    rc = tertial_audit_line_add(NULL, a, t, &ls, cells, ncol);
  }
  free(cells);
  free(cols);
  p->rows.len = 0;
  return rc;
}

/* A caption rather than a title: it states the unit ("Belopp i tkr", "Utfall ..., belopp i tkr").
 * 1, 0 or TERTIAL_ERR_NOMEM. */
static int is_caption(const char *s)
{
  char *n = tertial__audit_norm(s, 0);
  int u = tertial__audit_unit_of(s);
  if (!n || u < 0) {
    free(n);
    return TERTIAL_ERR_NOMEM;
  }
  int r = strstr(n, "belopp i") != NULL || strstr(n, "amounts in") != NULL || u != 0;
  free(n);
  return r;
}

static void grid_free(grid *gr)
{
  for (size_t i = 0; gr->cells && i < gr->ncells; i++)
    free(gr->cells[i]);
  free(gr->cells);
  free(gr->first);
  free(gr->width);
}

/* What each cell of the sheet shows, rows without their trailing blanks. */
static int grid_fill(grid *gr)
{
  const tertial__table *g = gr->g;
  size_t n = 0;
  for (size_t r = 0; r < g->nrows; r++)
    n += g->rows[r].n;
  gr->cells = tertial__calloc(n + 1, sizeof *gr->cells);
  gr->first = tertial__calloc(g->nrows + 1, sizeof *gr->first);
  gr->width = tertial__calloc(g->nrows + 1, sizeof *gr->width);
  if (!gr->cells || !gr->first || !gr->width)
    return TERTIAL_ERR_NOMEM;
  gr->ncells = n;
  size_t at = 0;
  for (size_t r = 0; r < g->nrows; r++) {
    gr->first[r] = at;
    for (size_t c = 0; c < g->rows[r].n; c++)
      if (!(gr->cells[at + c] = shown(g, r, c)))
        return TERTIAL_ERR_NOMEM;
    size_t w = g->rows[r].n;
    while (w && is_blank(gr->cells[at + w - 1]))
      w--;
    gr->width[r] = w;
    at += g->rows[r].n;
  }
  return 0;
}

static int read_rows(tertial_audit *a, const grid *gr, pending *p, const char *source)
{
  const tertial__table *g = gr->g;
  tertial_audit_unit caption = TERTIAL_AUDIT_UNIT_UNKNOWN;
  int rc = 0, prev_break = 1; /* the previous row: 1 blank or a title, 2 a header, 0 a line */
  for (size_t r = 0; rc == 0 && r < g->nrows; r++) {
    size_t nonempty = 0, numbers = 0;
    const char *first = NULL;
    for (size_t c = 0; c < width(gr, r); c++) {
      const char *s = cell(gr, r, c);
      if (is_blank(s))
        continue;
      nonempty++;
      numbers += is_number(s);
      first = first ? first : s;
    }
    /* an xlsx sheet leaves its blank rows out */
    if (!nonempty || (r > 0 && g->rows[r].line > g->rows[r - 1].line + 1 && g->xlsx))
      prev_break = 1; /* a title may follow */
    if (!nonempty)
      continue;
    int header = is_header(gr, r);
    if (header < 0)
      return header;
    if (header) {
      rc = flush(a, gr, p, source);
      p->header = (long)r;
      prev_break = 2;
    } else if (!numbers && (prev_break == 1 || !header_len(gr, p))) {
      rc = flush(a, gr, p, source);
      int cap = is_caption(first), unit = tertial__audit_unit_of(first);
      if (cap < 0 || unit < 0)
        return TERTIAL_ERR_NOMEM;
      if (cap && unit)
        caption = (tertial_audit_unit)unit;
      if (!cap || !p->name) {
        char *name = tertial__strdup(first);
        if (!name)
          return TERTIAL_ERR_NOMEM;
        free(p->name);
        p->name = name;
      }
      prev_break = 1;
    } else {
      if (!p->rows.len)
        p->unit = caption;
      rc = tertial__audit_vec_add(&p->rows, &r, sizeof r);
      prev_break = 0;
    }
  }
  if (rc == 0)
    rc = flush(a, gr, p, source);
  return rc;
}

static int read_grid(tertial_audit *a, const tertial__table *g, const char *source)
{
  grid gr = {g, NULL, 0, NULL, NULL};
  pending p = {NULL, -1, {0}, 0};
  int rc = grid_fill(&gr);
  if (rc == 0)
    rc = read_rows(a, &gr, &p, source);
  free(p.name);
  tertial__audit_vec_free(&p.rows, NULL);
  grid_free(&gr);
  return rc == TERTIAL_ERR_NOMEM ? tertial__nomem("reading the printed tables") : rc;
}

int tertial_audit_read_csv(tertial_audit *a, const char *data, size_t len, const char *source)
{
  if (!a || (!data && len))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_read_csv: NULL argument");
  source = source ? source : "CSV";
  tertial__table *g;
  int rc = tertial__table_read_csv(&g, data ? data : "", len, source);
  if (rc < 0)
    return rc;
  rc = read_grid(a, g, source);
  tertial__table_free(g);
  return rc;
}

static int is_zip(const char *path, int *out)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return tertial__error(TERTIAL_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
  unsigned char magic[4] = {0};
  size_t n = fread(magic, 1, 4, f);
  fclose(f);
  *out = n == 4 && memcmp(magic, "PK\x03\x04", 4) == 0;
  return 0;
}

/* A CSV file, or a JSON report when it starts with '{'. */
static int read_text_file(tertial_audit *a, const char *path, const char *sheet)
{
  if (sheet)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: a sheet (\"%s\") is chosen, and this is no xlsx workbook", path,
                          sheet);
  char *data;
  size_t len;
  int rc = tertial__table_read_all(&data, &len, path);
  if (rc < 0)
    return rc;
  const char *p = data;
  if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < data + len && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  if (p < data + len && (*p == '{' || *p == '[')) {
    rc = tertial_audit_read_json(a, data, len, path);
  } else {
    tertial__table *g;
    rc = tertial__table_read_csv(&g, data, len, path);
    if (rc == 0) {
      rc = read_grid(a, g, path);
      tertial__table_free(g);
    }
  }
  free(data);
  return rc;
}

int tertial_audit_read_file(tertial_audit *a, const char *path, const tertial_audit_read_options *options)
{
  if (!a || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_read_file: NULL argument");
  tertial_audit_read_options defaults = TERTIAL_AUDIT_READ_OPTIONS_INIT;
  const tertial_audit_read_options *o = options ? options : &defaults;
  if (o->version != TERTIAL_AUDIT_READ_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_read_file: unknown options version %u", o->version);
  int zip, rc = is_zip(path, &zip);
  if (rc < 0)
    return rc;
  if (!zip)
    return read_text_file(a, path, o->sheet);
  /* every sheet's name (lib/io's list), or the one chosen */
  char **sheets = NULL;
  const char *one[2] = {o->sheet, NULL};
  if (!o->sheet && (rc = tertial__table_xlsx_sheets(&sheets, path)) < 0)
    return rc;
  const char *const *names = o->sheet ? one : (const char *const *)sheets;
  for (size_t i = 0; rc == 0 && names[i]; i++) {
    tertial__table *g;
    if ((rc = tertial__table_read_xlsx_styled(&g, path, names[i])) < 0)
      break;
    rc = read_grid(a, g, g->source);
    tertial__table_free(g);
  }
  tertial__table_sheets_free(sheets);
  return rc;
}

int tertial_audit_spec_file(tertial_audit *a, const char *path)
{
  if (!a || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_spec_file: NULL argument");
  char *text = NULL;
  size_t len = 0;
  int rc = tertial__table_read_all(&text, &len, path);
  if (rc == 0)
    rc = tertial_audit_spec_parse(a, text, len, path);
  free(text);
  return rc;
}
