#include <glib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#include "casefold.h"
#include "fileio.h"
#include "presentation_internal.h"
#include "rounded_internal.h"
#include "strmap.h"
#include "xlsx_write.h"

#define MAX_INDENT 7
#define SHEET_NAME_CHARS 31
#define HEADER_ROW 3

/* Cell formats (xf indices of the workbook's styles) and the traffic lights' differential formats. */
typedef struct formats {
  unsigned title, subtitle, section, header, header_right;
  unsigned label[2][MAX_INDENT + 1]; /* [bold][indent] */
  unsigned amount[2], share[2], date, text;
  unsigned green, yellow, red; /* dxfs */
} formats;

typedef struct xw {
  tertial__xlw_book *b;
  const tertial_xlsx_options *o;
  formats f;
  int64_t step;             /* öre per display step */
  int64_t per_unit;         /* display steps per display unit (10^decimals) */
  char amount_format[160];  /* the number format of amounts */
  tertial_strmap names;     /* sheet names taken so far, case-folded (the keys in name_keys) */
  char **name_keys;         /* owned */
  size_t nname_keys, name_keys_cap;
} xw;

/* What a sheet shows: a report's own sheet, or the overview of the root report. */
enum { SHEET_REPORT = 0, SHEET_ROOT = 1, SHEET_OVERVIEW = 2 };

/* One sheet's section being written. */
typedef struct table {
  const tertial_report_section *s;
  int followup;
  size_t nl, nc;
  int64_t *disp;   /* nl × nc display steps of amount columns */
  int *level;      /* length of each line's parent_line chain */
  size_t *kid_at;  /* nl + 1: line p's children are kids[kid_at[p] .. kid_at[p + 1]) */
  size_t *kids;    /* the lines that add into their parent_line (not informational), ascending */
  uint32_t first;  /* sheet row of line 0 */
  uint16_t span_to; /* the texts section: its last (text) column spans to this sheet column */
  tertial__fcols cols;           /* a follow-up table's columns, found by key (any presentation's order) */
  const tertial_presentation *p; /* how the amounts are shown (NULL: as the report has them) */
  int pin_col;                   /* the reasons' unit lines pinned to the per-activity table's */
  int64_t *pin;                  /* figures (tertial__reasons_pins()); -1 / NULL: none */
  unsigned char *pinned;
} table;

/* The round's texts wrap in a cell spanning at least this many of the sheet's columns. */
#define TEXT_SPAN 4
/* The width of columns after the first, in characters of the default font. */
#define COL_WIDTH 18

static const char *const name_sv[TERTIAL_COL_COUNT] = {
  "Ack_utfall", "Ack_budget", "Ack_budgetavvikelse", "Arets_budget",
  "Forbrukat_procent", "Arets_prognos", "Prognosavvikelse", "Fg_bokslut",
};
static const char *const name_en[TERTIAL_COL_COUNT] = {
  "Outcome_to_date", "Budget_to_date", "Deviation_to_date", "Annual_budget",
  "Share_used", "Forecast", "Forecast_deviation", "Prior_year",
};

/* ---- formats ---- */

/* A cell format: bold, size, number format and indent (the rest of `base`, NULL: none). */
static int fmt(xw *w, unsigned *xf, int bold, int size, const char *num, int indent, const tertial__xlw_format *base)
{
  tertial__xlw_format f;
  if (base)
    f = *base;
  else
    memset(&f, 0, sizeof f);
  f.bold = bold;
  f.font_size = size;
  f.num_format = num;
  f.indent = indent;
  return tertial__xlw_format_add(w->b, &f, xf);
}

static int make_formats(xw *w)
{
  formats *f = &w->f;
  char amount[64] = "#,##0";
  if (w->o->decimals > 0) {
    strcat(amount, ".");
    for (int d = 0; d < w->o->decimals; d++)
      strcat(amount, "0");
  }
  char *signed_amount = w->amount_format;
  /* no [Red]: red means worse than budget (the deviations' conditional formats), and a revenue
   * line is negative in the ledger's signs without being bad */
  snprintf(signed_amount, sizeof w->amount_format, "%s;-%s", amount, amount);
  tertial__xlw_format italic = {0}, header = {0}, header_right = {0}, top = {0}, text = {0};
  italic.italic = 1;
  header.border_bottom = header.wrap = 1;
  header.valign = TERTIAL__XLW_VBOTTOM;
  header_right = header;
  header_right.align_right = 1;
  top.border_top = 1; /* the totals' line */
  text.wrap = 1;
  text.valign = TERTIAL__XLW_VTOP;
  int rc = fmt(w, &f->title, 1, 14, NULL, 0, NULL);
  if (rc == 0)
    rc = fmt(w, &f->subtitle, 0, 0, NULL, 0, &italic);
  if (rc == 0)
    rc = fmt(w, &f->section, 1, 12, NULL, 0, NULL);
  if (rc == 0)
    rc = fmt(w, &f->header, 1, 0, NULL, 0, &header);
  if (rc == 0)
    rc = fmt(w, &f->header_right, 1, 0, NULL, 0, &header_right);
  for (int b = 0; rc == 0 && b < 2; b++) {
    const tertial__xlw_format *line = b ? &top : NULL;
    for (int i = 0; rc == 0 && i <= MAX_INDENT; i++)
      rc = fmt(w, &f->label[b][i], b, 0, NULL, i, i == 0 ? line : NULL);
    if (rc == 0)
      rc = fmt(w, &f->amount[b], b, 0, signed_amount, 0, line);
    if (rc == 0)
      rc = fmt(w, &f->share[b], b, 0, "0.00", 0, line);
  }
  if (rc == 0)
    rc = fmt(w, &f->date, 0, 0, "yyyy-mm-dd", 0, NULL);
  if (rc == 0)
    rc = fmt(w, &f->text, 0, 0, NULL, 0, &text);
  if (rc == 0)
    rc = tertial__xlw_dxf(w->b, 0xC6EFCE, 0x006100, &f->green);
  if (rc == 0)
    rc = tertial__xlw_dxf(w->b, 0xFFEB9C, 0x9C5700, &f->yellow);
  if (rc == 0)
    rc = tertial__xlw_dxf(w->b, 0xFFC7CE, 0x9C0006, &f->red);
  return rc;
}

/* ---- cell references ---- */

static void cell_ref(char *buf, size_t size, uint32_t row, int col, int absolute)
{
  char ref[16];
  tertial__xlw_cell_ref(ref, row, (uint16_t)col, absolute);
  snprintf(buf, size, "%s", ref);
}

/* A sheet's name as a formula refers to it: quoted ('Blad 1') unless it is only letters, digits,
 * '_' and '.' (as libxlsxwriter quotes), and also when it starts with a digit or '.' or reads as a
 * cell reference (A1, R1C1), which Excel would take for one. Sheet names have no '\'' (sheet_name()).
 * Not static: tests/test_render_xlsx.c checks it. */
void tertial__xlsx_quoted_sheet(char *buf, size_t size, const char *name);
void tertial__xlsx_quoted_sheet(char *buf, size_t size, const char *name)
{
  size_t n = strlen(name), letters = 0, digits = 0;
  int plain = n > 0 && !g_ascii_isdigit(name[0]) && name[0] != '.';
  for (size_t i = 0; plain && i < n; i++)
    plain = g_ascii_isalnum(name[i]) || name[i] == '_' || name[i] == '.';
  while (letters < n && g_ascii_isalpha(name[letters]))
    letters++;
  while (letters + digits < n && g_ascii_isdigit(name[letters + digits]))
    digits++;
  int a1 = letters >= 1 && letters <= 3 && digits > 0 && letters + digits == n;
  int r1c1 = g_ascii_toupper(name[0]) == 'R' || g_ascii_toupper(name[0]) == 'C';
  for (size_t i = 1; r1c1 && i < n; i++)
    r1c1 = g_ascii_isdigit(name[i]) || (g_ascii_toupper(name[i]) == 'C' && g_ascii_toupper(name[0]) == 'R');
  if (plain && !a1 && !r1c1)
    snprintf(buf, size, "%s", name);
  else
    snprintf(buf, size, "'%s'", name);
}

/* ---- rounding ---- */

/* A follow-up table (Nyckeltal, per verksamhet, Ekonomiskt resultat): a label, then follow-up columns. */
static int is_followup(const tertial_report_section *s)
{
  return (s->kind == TERTIAL_SECTION_KEY_FIGURES || s->kind == TERTIAL_SECTION_UNITS ||
          s->kind == TERTIAL_SECTION_ROWS) &&
         s->column_count > 1 && tertial_report_column_at(s, 0)->type == TERTIAL_REPORT_TEXT;
}

/* Whether column c is computed from two others of its line (tertial__fcols_derived()). */
static int derived_of(const table *t, size_t c, int *minuend, int *subtrahend, int *deviation)
{
  *deviation = 0;
  return t->followup && tertial__fcols_derived(&t->cols, c, minuend, subtrahend, deviation);
}

static int is_derived(const table *t, size_t c)
{
  int a, b, dev;
  return derived_of(t, c, &a, &b, &dev);
}

static int deviation_dir(const table *t, size_t i)
{
  return tertial__deviation_dir(t->p, tertial_report_line_at(t->s, i));
}

/* Index every line's children (the lines that add into it), so that a table of n lines is
 * rounded and written in O(n) per column, whatever its shape (a kommun with 10 000 enheter). */
static int index_children(table *t)
{
  t->kid_at = tertial__calloc(t->nl + 2, sizeof *t->kid_at);
  t->kids = tertial__calloc(t->nl + 1, sizeof *t->kids);
  if (!t->kid_at || !t->kids)
    return TERTIAL_ERR_NOMEM;
  for (size_t j = 0; j < t->nl; j++) {
    const tertial_report_line *l = tertial_report_line_at(t->s, j);
    if (l->parent_line >= 0 && (size_t)l->parent_line < t->nl && !l->informational)
      t->kid_at[(size_t)l->parent_line + 2]++;
  }
  for (size_t p = 0; p < t->nl; p++)
    t->kid_at[p + 2] += t->kid_at[p + 1];
  for (size_t j = 0; j < t->nl; j++) { /* kid_at[p + 1] is where p's next child goes */
    const tertial_report_line *l = tertial_report_line_at(t->s, j);
    if (l->parent_line >= 0 && (size_t)l->parent_line < t->nl && !l->informational)
      t->kids[t->kid_at[(size_t)l->parent_line + 1]++] = j;
  }
  return 0;
}

/* Whether line j adds into its parent in column c (it is one of the parent's kids). */
static int kid_adds(const table *t, size_t j, size_t c)
{
  return tertial_report_cell_at(t->s, j, c)->present;
}

static int has_children(const table *t, size_t p, size_t c)
{
  for (size_t k = t->kid_at[p]; k < t->kid_at[p + 1]; k++)
    if (kid_adds(t, t->kids[k], c))
      return 1;
  return 0;
}

/* The children of p get display steps that add up to p's. */
static int allocate(table *t, xw *w, size_t p, size_t c, int64_t *vals, int64_t *out, size_t *idx)
{
  size_t k = 0;
  for (size_t q = t->kid_at[p]; q < t->kid_at[p + 1]; q++) {
    size_t j = t->kids[q];
    if (kid_adds(t, j, c)) {
      vals[k] = tertial_report_cell_at(t->s, j, c)->value;
      idx[k++] = j;
    }
  }
  if (k == 0)
    return 0;
  int pinned = (int)c == t->pin_col && t->pinned[p]; /* p shows another table's figure */
  int rc = pinned ? tertial__round_to_pin(out, vals, k, w->step, t->disp[p * t->nc + c])
                  : tertial__round_to_target(out, vals, k, w->step, t->disp[p * t->nc + c]);
  if (rc == TERTIAL_ERR_RANGE) {
    /* p is not the exact sum of these lines: round each alone; p becomes their sum below. */
    tertial_error_clear();
    rc = 0;
    for (size_t j = 0; rc == 0 && j < k; j++)
      rc = tertial_money_round(&out[j], vals[j], w->o->unit, w->o->decimals);
  }
  for (size_t j = 0; rc == 0 && j < k; j++)
    t->disp[idx[j] * t->nc + c] = (int)c == t->pin_col && t->pinned[idx[j]] ? t->pin[idx[j]] : out[j];
  return rc;
}

static int round_table(table *t, xw *w)
{
  int max_level = 0, rc = 0;
  for (size_t i = 0; i < t->nl; i++) {
    int lvl = 0;
    for (int p = tertial_report_line_at(t->s, i)->parent_line; p >= 0 && lvl <= (int)t->nl;
         p = tertial_report_line_at(t->s, (size_t)p)->parent_line)
      lvl++;
    t->level[i] = lvl;
    max_level = lvl > max_level ? lvl : max_level;
  }
  int64_t *vals = tertial__malloc((t->nl + 1) * sizeof *vals), *out = tertial__malloc((t->nl + 1) * sizeof *out);
  size_t *idx = tertial__malloc((t->nl + 1) * sizeof *idx);
  if (!vals || !out || !idx)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t c = 0; rc == 0 && c < t->nc; c++) {
    if (tertial_report_column_at(t->s, c)->type != TERTIAL_REPORT_AMOUNT || is_derived(t, c))
      continue;
    for (size_t i = 0; rc == 0 && i < t->nl; i++) {
      const tertial_report_cell *x = tertial_report_cell_at(t->s, i, c);
      if (x->present && (t->level[i] == 0 || tertial_report_line_at(t->s, i)->informational))
        rc = tertial_money_round(&t->disp[i * t->nc + c], x->value, w->o->unit, w->o->decimals);
    }
    for (int lvl = 0; rc == 0 && lvl <= max_level; lvl++)
      for (size_t p = 0; rc == 0 && p < t->nl; p++)
        if (t->level[p] == lvl)
          rc = allocate(t, w, p, c, vals, out, idx);
    /* A line with lines added into it shows their sum (it is written as a SUM formula). */
    for (int lvl = max_level; rc == 0 && lvl >= 0; lvl--)
      for (size_t p = 0; rc == 0 && p < t->nl; p++) {
        if (t->level[p] != lvl || !has_children(t, p, c))
          continue;
        int64_t sum = 0;
        for (size_t q = t->kid_at[p]; q < t->kid_at[p + 1]; q++) {
          size_t j = t->kids[q];
          if (kid_adds(t, j, c) && tertial__add_ovf(sum, t->disp[j * t->nc + c], &sum))
            rc = tertial__error(TERTIAL_ERR_OVERFLOW, "xlsx: a total overflows");
        }
        t->disp[p * t->nc + c] = sum;
      }
  }
  for (size_t c = 0; rc == 0 && c < t->nc; c++) {
    int a, b, dev;
    if (!derived_of(t, c, &a, &b, &dev))
      continue;
    for (size_t i = 0; i < t->nl; i++) {
      int64_t *d = &t->disp[i * t->nc];
      d[c] = (dev ? deviation_dir(t, i) : 1) * (d[a] - d[b]);
    }
  }
  free(vals);
  free(out);
  free(idx);
  return rc;
}

/* ---- writing cells ---- */

static int write_text(tertial__xlw_sheet *ws, uint32_t row, int col, const char *s, unsigned f)
{
  if (!s || !*s)
    return 0;
  tertial_strbuf sb = {0};
  int rc = tertial__sb_append_utf8(&sb, s);
  /* tertial__xlw_string() always makes a string cell, never a formula, whatever the text starts
   * with; that is the defence against formula injection. */
  if (rc == 0)
    rc = tertial__xlw_string(ws, row, (uint16_t)col, sb.data, f);
  tertial__sb_clear(&sb);
  return rc;
}

static double shown(const xw *w, int64_t steps)
{
  return (double)steps / (double)w->per_unit;
}

/* "SUM(B5:B7,B9)" over the rows of the lines added into line p. */
static int sum_formula(tertial_strbuf *sb, const table *t, size_t p, size_t c)
{
  int rc = tertial__sb_append(sb, "SUM(");
  int first = 1;
  const size_t *kid = t->kids + t->kid_at[p];
  size_t nkids = t->kid_at[p + 1] - t->kid_at[p];
  for (size_t q = 0; rc == 0 && q < nkids; q++) {
    size_t j = kid[q];
    if (!kid_adds(t, j, c))
      continue;
    /* a run of consecutive lines that all add in */
    size_t end = j;
    while (q + 1 < nkids && kid[q + 1] == end + 1 && kid_adds(t, end + 1, c)) {
      end++;
      q++;
    }
    char a[32], b[32];
    cell_ref(a, sizeof a, t->first + (uint32_t)j, (int)c, 0);
    cell_ref(b, sizeof b, t->first + (uint32_t)end, (int)c, 0);
    rc = end > j ? tertial__sb_printf(sb, "%s%s:%s", first ? "" : ",", a, b)
                 : tertial__sb_printf(sb, "%s%s", first ? "" : ",", a);
    first = 0;
  }
  return rc < 0 ? rc : tertial__sb_append(sb, ")");
}

/* An amount as its exact displayed decimal: a number, or a formula with that cached value. */
static int write_amount(xw *w, tertial__xlw_sheet *ws, const table *t, size_t i, size_t c, int bold)
{
  uint32_t row = t->first + (uint32_t)i;
  int64_t d = t->disp[i * t->nc + c];
  unsigned f = w->f.amount[bold];
  int decimals = w->o->decimals;
  char a[32], b[32], formula[96];
  int minuend, subtrahend, dev;
  if (derived_of(t, c, &minuend, &subtrahend, &dev)) {
    if (dev && deviation_dir(t, i) < 0) {
      int turn = minuend;
      minuend = subtrahend;
      subtrahend = turn;
    }
    cell_ref(a, sizeof a, row, minuend, 0);
    cell_ref(b, sizeof b, row, subtrahend, 0);
    snprintf(formula, sizeof formula, "%s-%s", a, b);
    return tertial__xlw_formula_decimal(ws, row, (uint16_t)c, formula, d, decimals, f);
  }
  if (has_children(t, i, c)) {
    tertial_strbuf sb = {0};
    int rc = sum_formula(&sb, t, i, c);
    if (rc == 0)
      rc = tertial__xlw_formula_decimal(ws, row, (uint16_t)c, sb.data, d, decimals, f);
    tertial__sb_clear(&sb);
    return rc;
  }
  return tertial__xlw_decimal(ws, row, (uint16_t)c, d, decimals, f);
}

/* Förbrukat % from the displayed amounts, rounded to two decimals; "" when the budget shows 0. */
static int write_share_formula(xw *w, tertial__xlw_sheet *ws, const table *t, size_t i, size_t c, int bold)
{
  uint32_t row = t->first + (uint32_t)i;
  char out[32], bud[32], formula[128];
  cell_ref(out, sizeof out, row, t->cols.pos[TERTIAL_COL_OUTCOME_ACC], 0);
  cell_ref(bud, sizeof bud, row, t->cols.pos[TERTIAL_COL_BUDGET_YEAR], 0);
  snprintf(formula, sizeof formula, "IF(%s=0,\"\",ROUND(%s/%s*100,2))", bud, out, bud);
  int64_t o = t->disp[i * t->nc + (size_t)t->cols.pos[TERTIAL_COL_OUTCOME_ACC]];
  int64_t b = t->disp[i * t->nc + (size_t)t->cols.pos[TERTIAL_COL_BUDGET_YEAR]];
  unsigned f = w->f.share[bold];
  if (b == 0)
    return tertial__xlw_formula_text(ws, row, (uint16_t)c, formula, "", f);
  double v = (double)tertial__div_round((tertial_i128)o * 10000, b) / 100.0;
  return tertial__xlw_formula(ws, row, (uint16_t)c, formula, v, f);
}

/* The lines a text wraps into in a cell `columns` column widths wide (about 1,1 characters per
 * unit of width: prose is narrower than digits), at most 27. */
static size_t wrapped_lines(const char *text, double columns)
{
  double width = columns * 1.1;
  size_t lines = 0;
  for (const char *p = text; p;) {
    const char *nl = strchr(p, '\n');
    size_t chars = 0;
    for (const char *q = p; *q && q != nl; q++)
      chars += ((unsigned char)*q & 0xC0) != 0x80;
    lines += chars ? (size_t)((double)chars / width) + 1 : 1;
    p = nl ? nl + 1 : NULL;
  }
  return lines > 27 ? 27 : lines;
}

/* Whether column c of a line is the texts section's text that spans to t->span_to. */
static int spans(const table *t, size_t c)
{
  return t->span_to > c && c + 1 == t->nc;
}

/* A wrapped text over columns c..t->span_to (merged: the text in the first cell, blank cells of
 * the same format over the rest; write_line() makes its row tall enough). */
static int write_spanning_text(xw *w, tertial__xlw_sheet *ws, const table *t, uint32_t row, size_t c, const char *text)
{
  int rc = write_text(ws, row, (int)c, text, w->f.text);
  for (size_t k = c + 1; rc == 0 && k <= t->span_to; k++)
    rc = tertial__xlw_blank(ws, row, (uint16_t)k, w->f.text);
  if (rc == 0)
    rc = tertial__xlw_merge(ws, row, (uint16_t)c, row, t->span_to);
  return rc;
}

static int write_line(xw *w, tertial__xlw_sheet *ws, const table *t, size_t i)
{
  const tertial_report_line *l = tertial_report_line_at(t->s, i);
  uint32_t row = t->first + (uint32_t)i;
  int bold = l->style != TERTIAL_STYLE_NORMAL;
  int rc = 0;
  /* Text beside the label column (a measure's description, cause and follow-up, a reason's unit)
   * wraps in its cell: make the row tall enough, as Excel does not fit rows when it opens a file,
   * nor a row's height to a merged cell (the texts section's text spanning the sheet). */
  size_t lines = 1;
  for (size_t c = 1; !t->followup && c < t->nc; c++) {
    const tertial_report_cell *x = tertial_report_cell_at(t->s, i, c);
    size_t n = 1;
    if (x->present && tertial_report_column_at(t->s, c)->type == TERTIAL_REPORT_TEXT)
      n = !spans(t, c) ? wrapped_lines(x->text, COL_WIDTH)
          : x->text[0] ? wrapped_lines(x->text, (double)(t->span_to - c + 1) * COL_WIDTH) : 1;
    lines = n > lines ? n : lines;
  }
  int level = t->level[i] > 7 ? 7 : t->level[i];
  if (level > 0 || lines > 1)
    rc = tertial__xlw_row(ws, row, lines > 1 ? 15.0 * (double)lines : -1, level);
  for (size_t c = 0; rc == 0 && c < t->nc; c++) {
    const tertial_report_column *col = tertial_report_column_at(t->s, c);
    const tertial_report_cell *x = tertial_report_cell_at(t->s, i, c);
    /* Förbrukat % as a formula where Ack utfall and Årets budget are shown */
    const int *pos = t->cols.pos;
    int share = t->followup && (int)c == pos[TERTIAL_COL_SHARE_USED] && pos[TERTIAL_COL_OUTCOME_ACC] >= 0 &&
                pos[TERTIAL_COL_BUDGET_YEAR] >= 0;
    if (!x->present && !share)
      continue;
    switch (col->type) {
    case TERTIAL_REPORT_TEXT: {
      if (spans(t, c) && x->text[0]) {
        rc = write_spanning_text(w, ws, t, row, c, x->text);
        break;
      }
      int indent = l->depth < 0 ? 0 : l->depth > MAX_INDENT ? MAX_INDENT : l->depth;
      rc = write_text(ws, row, (int)c, x->text, c == 0 ? w->f.label[bold][indent] : w->f.text);
      break;
    }
    case TERTIAL_REPORT_AMOUNT:
      rc = write_amount(w, ws, t, i, c, bold);
      break;
    case TERTIAL_REPORT_SHARE:
      rc = share ? write_share_formula(w, ws, t, i, c, bold)
                 : tertial__xlw_number(ws, row, (uint16_t)c, (double)x->value / 100.0, w->f.share[bold]);
      break;
    case TERTIAL_REPORT_DATE:
      rc = tertial__xlw_number(ws, row, (uint16_t)c,
                               tertial__xlw_date_serial(x->date.year, x->date.month, x->date.day), w->f.date);
      break;
    }
  }
  return rc;
}

static int header_cells(xw *w, tertial__xlw_sheet *ws, uint32_t row, const tertial_report_section *s, size_t from)
{
  int rc = 0;
  for (size_t c = from; rc == 0 && c < s->column_count; c++) {
    const tertial_report_column *col = tertial_report_column_at(s, c);
    rc = write_text(ws, row, (int)c, col->header, col->type == TERTIAL_REPORT_TEXT ? w->f.header : w->f.header_right);
  }
  return rc;
}

/* ---- conditional formats ---- */

/* The rows of deviation column c of a table that have a value, as ranges "D9:D12" appended to
 * `chunks` (range lists of at most SQREF_MAX characters each, so that no sqref gets long). */
#define SQREF_MAX 2000

/* A range list and its first cell (the one a rule's formula is relative to). */
typedef struct chunk {
  tertial_strbuf list;
  uint32_t row;
  int col;
} chunk;

typedef struct chunk_list {
  chunk *items;
  size_t len, cap;
} chunk_list;

static int deviation_ranges(chunk_list *chunks, const table *t, size_t c)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < t->nl; i++) {
    if (!tertial_report_cell_at(t->s, i, c)->present)
      continue;
    size_t end = i;
    while (end + 1 < t->nl && tertial_report_cell_at(t->s, end + 1, c)->present)
      end++;
    char a[32], b[32], range[72];
    cell_ref(a, sizeof a, t->first + (uint32_t)i, (int)c, 0);
    cell_ref(b, sizeof b, t->first + (uint32_t)end, (int)c, 0);
    if (end > i)
      snprintf(range, sizeof range, "%s:%s", a, b);
    else
      snprintf(range, sizeof range, "%s", a);
    chunk *last = chunks->len ? &chunks->items[chunks->len - 1] : NULL;
    if (!last || last->list.len + 1 + strlen(range) > SQREF_MAX) {
      if (tertial__grow((void **)&chunks->items, &chunks->cap, chunks->len + 1, sizeof *chunks->items) < 0)
        return TERTIAL_ERR_NOMEM;
      last = &chunks->items[chunks->len++];
      memset(last, 0, sizeof *last);
      last->row = t->first + (uint32_t)i;
      last->col = (int)c;
    }
    rc = tertial__sb_printf(&last->list, "%s%s", last->list.len ? " " : "", range);
    i = end;
  }
  return rc;
}

static void free_chunks(chunk_list *chunks)
{
  for (size_t k = 0; k < chunks->len; k++)
    tertial__sb_clear(&chunks->items[k].list);
  free(chunks->items);
}

/* Traffic lights: three cell-value rules (green, red, yellow between) over both deviation
 * columns of every follow-up table of a sheet, as one range list (so a sheet has three rules,
 * not three per table and column). */
static int traffic_lights(xw *w, tertial__xlw_sheet *ws, const table *tables, size_t n)
{
  chunk_list chunks = {0};
  int rc = 0;
  /* negative is worse than budget only with the deviation budget − outcome; the relative rule
   * needs Årets budget beside the deviations (the follow-up tables of a sheet share their columns) */
  int budget_col = -1;
  for (size_t i = 0; rc == 0 && i < n; i++)
    if (tables[i].followup &&
        tertial_presentation_deviation(w->o->presentation) == TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME) {
      const int *pos = tables[i].cols.pos;
      const int dev[2] = {pos[TERTIAL_COL_DEVIATION_ACC], pos[TERTIAL_COL_FORECAST_DEVIATION]};
      for (int k = 0; rc == 0 && k < 2; k++)
        if (dev[k] >= 0)
          rc = deviation_ranges(&chunks, &tables[i], (size_t)dev[k]);
      budget_col = pos[TERTIAL_COL_BUDGET_YEAR];
    }
  double green = (double)w->o->green_from / (double)w->step / (double)w->per_unit;
  double red = (double)w->o->red_below / (double)w->step / (double)w->per_unit;
  int share = budget_col >= 0 ? w->o->red_share : 0;
  tertial__xlw_cf_rule rules[3];
  memset(rules, 0, sizeof rules);
  rules[0] = (tertial__xlw_cf_rule){TERTIAL__XLW_CF_GE, green, 0, NULL, w->f.green, 0};
  rules[1] = (tertial__xlw_cf_rule){TERTIAL__XLW_CF_LT, red, 0, NULL, w->f.red, 0};
  rules[2] = (tertial__xlw_cf_rule){TERTIAL__XLW_CF_BETWEEN, red, green, NULL, w->f.yellow, 0};
  char formula[160];
  if (share > 0) {
    /* Relative: red first (and alone) where the deviation is worse than the share of the line's
     * own annual budget, then yellow below green, then green. */
    rules[0] = (tertial__xlw_cf_rule){TERTIAL__XLW_CF_FORMULA, 0, 0, formula, w->f.red, 1};
    rules[1] = (tertial__xlw_cf_rule){TERTIAL__XLW_CF_LT, green, 0, NULL, w->f.yellow, 0};
    rules[2] = (tertial__xlw_cf_rule){TERTIAL__XLW_CF_GE, green, 0, NULL, w->f.green, 0};
  }
  for (size_t k = 0; rc == 0 && k < chunks.len; k++) {
    const chunk *list = &chunks.items[k];
    if (share > 0) { /* relative to the list's first cell, its row's budget in column E */
      char cell[32], budget[32];
      cell_ref(cell, sizeof cell, list->row, list->col, 0);
      cell_ref(budget, sizeof budget, list->row, budget_col, 0);
      snprintf(formula, sizeof formula, "%s<-ABS($%s)*%d.%04d", cell, budget, share / 10000, share % 10000);
    }
    rc = tertial__xlw_cond_format(ws, list->list.data, rules, 3);
  }
  free_chunks(&chunks);
  return rc;
}

/* ---- sheets ---- */

/* A valid, unique sheet name from a title: no []:*?/\\'! and at most 31 characters. Excel
 * compares sheet names without case, so they are kept case-folded. */
static int sheet_name(tertial_strbuf *out, xw *w, const char *title)
{
  tertial_strbuf clean = {0};
  int rc = tertial__sb_append_utf8(&clean, title[0] ? title : "Blad");
  for (size_t i = 0; rc == 0 && i < clean.len; i++)
    if (strchr("[]:*?/\\'!", clean.data[i]) || (unsigned char)clean.data[i] < 0x20)
      clean.data[i] = '_';
  for (int n = 1; rc == 0; n++) {
    char suffix[16] = "";
    if (n > 1)
      snprintf(suffix, sizeof suffix, " (%d)", n);
    long keep = SHEET_NAME_CHARS - (long)strlen(suffix);
    const char *end = g_utf8_strlen(clean.data, -1) > keep ? g_utf8_offset_to_pointer(clean.data, keep)
                                                          : clean.data + clean.len;
    out->len = 0;
    rc = tertial__sb_append_len(out, clean.data, (size_t)(end - clean.data));
    if (rc == 0)
      rc = tertial__sb_append(out, suffix);
    if (rc < 0)
      break;
    tertial_strbuf key = {0};
    uint32_t at;
    rc = tertial__sb_append_casefold(&key, out->data);
    int taken = rc == 0 && (tertial__strmap_get(&w->names, key.data, &at) || strcmp(key.data, "history") == 0);
    if (rc == 0 && !taken) {
      rc = tertial__grow((void **)&w->name_keys, &w->name_keys_cap, w->nname_keys + 1, sizeof *w->name_keys);
      if (rc == 0)
        rc = tertial__strmap_put(&w->names, key.data, (uint32_t)w->nname_keys);
      if (rc == 0)
        w->name_keys[w->nname_keys++] = tertial__sb_steal(&key);
    }
    tertial__sb_clear(&key);
    if (!taken)
      break;
  }
  tertial__sb_clear(&clean);
  return rc;
}

/* A footer part: the text with '&' doubled, cut to at most 80 characters. */
static int footer_part(tertial_strbuf *sb, const char *code, const char *text)
{
  int rc = tertial__sb_append(sb, code);
  long n = 0;
  for (const char *p = text; rc == 0 && *p && n < 80; p = g_utf8_next_char(p), n++)
    rc = *p == '&' ? tertial__sb_append(sb, "&&") : tertial__sb_append_len(sb, p, (size_t)(g_utf8_next_char(p) - p));
  return rc;
}


/* A4 landscape, one page wide, the rows above the tables repeated on every page, a footer with
 * the report's title and subtitle and the page number, outline summaries above their details. */
static int page_setup(xw *w, tertial__xlw_sheet *ws, const tertial_report *r, uint32_t repeat_to)
{
  int en = tertial_report_english(r);
  char sheet[136], range[176];
  tertial__xlsx_quoted_sheet(sheet, sizeof sheet, tertial__xlw_sheet_name(ws));
  snprintf(range, sizeof range, "%s!$%d:$%lu", sheet, 1, (unsigned long)repeat_to + 1);
  int rc = tertial__xlw_define_name(w->b, tertial__xlw_sheet_index(ws), "_xlnm.Print_Titles", range);
  tertial_strbuf footer = {0}, title = {0};
  if (rc == 0)
    rc = tertial__sb_append_utf8(&title, tertial_report_title(r));
  if (rc == 0)
    rc = footer_part(&footer, "&L", title.data);
  if (rc == 0)
    rc = tertial__sb_append(&footer, en ? "&CPage &P of &N" : "&CSida &P av &N");
  tertial__sb_clear(&title);
  if (rc == 0)
    rc = tertial__sb_append_utf8(&title, tertial_report_subtitle(r));
  if (rc == 0)
    rc = footer_part(&footer, "&R", title.data);
  if (rc == 0) {
    tertial__xlw_page p = {0};
    p.landscape = 1;
    p.paper = 9; /* A4 */
    p.fit_to_page = 1;
    p.fit_width = 1;
    p.fit_height = 0;
    p.footer = footer.data;
    p.summary_above = 1;
    rc = tertial__xlw_page_setup(ws, &p);
  }
  tertial__sb_clear(&footer);
  tertial__sb_clear(&title);
  return rc;
}

static const tertial_report_section *widest_followup(const tertial_report_section *const *sel, size_t n)
{
  const tertial_report_section *best = NULL;
  for (size_t i = 0; i < n; i++)
    if (is_followup(sel[i]) && (!best || sel[i]->column_count > best->column_count))
      best = sel[i];
  return best;
}

/* The row of the unit's total: the total of the units table, else the key figures, else the
 * result row of the report rows. */
static int total_row(uint32_t *row, const table *tables, size_t n)
{
  static const tertial_report_section_kind order[] = {TERTIAL_SECTION_UNITS, TERTIAL_SECTION_KEY_FIGURES,
                                                      TERTIAL_SECTION_ROWS};
  for (size_t k = 0; k < 3; k++)
    for (size_t i = 0; i < n; i++) {
      const table *t = &tables[i];
      if (t->s->kind != order[k] || !t->followup)
        continue;
      for (size_t j = 0; j < t->nl; j++)
        if (tertial_report_line_at(t->s, j)->style == TERTIAL_STYLE_TOTAL &&
            tertial_report_line_at(t->s, j)->parent_line < 0) {
          *row = t->first + (uint32_t)j;
          return 1;
        }
    }
  return 0;
}


/* The defined names of the unit's totals: workbook names on the root report's sheet, sheet-local
 * names on the others. */
static int define_names(xw *w, tertial__xlw_sheet *ws, const tertial_report *r, const table *tables, size_t n,
                        int root)
{
  uint32_t row;
  if (!total_row(&row, tables, n))
    return 0;
  const table *t = NULL; /* the names' table: the follow-up tables of a sheet share their columns */
  for (size_t i = 0; !t && i < n; i++)
    t = tables[i].followup ? &tables[i] : NULL;
  int rc = 0;
  for (int c = 0; rc == 0 && t && c < TERTIAL_COL_COUNT; c++) {
    char ref[32], formula[176];
    if (t->cols.pos[c] < 0)
      continue;
    cell_ref(ref, sizeof ref, row, t->cols.pos[c], 1);
    snprintf(formula, sizeof formula, "'%s'!%s", tertial__xlw_sheet_name(ws), ref);
    rc = tertial__xlw_define_name(w->b, root ? -1 : tertial__xlw_sheet_index(ws),
                                  tertial_report_english(r) ? name_en[c] : name_sv[c], formula);
  }
  return rc;
}

static int title_rows(xw *w, tertial__xlw_sheet *ws, const tertial_report *r, int overview)
{
  static const char *const units_sv[] = {"kr", "tkr", "mkr"};
  static const char *const units_en[] = {"SEK", "SEK thousand", "SEK million"};
  int en = tertial_report_english(r);
  tertial_strbuf sb = {0};
  int rc = tertial__sb_printf(&sb, en ? "%s, amounts in %s" : "%s, belopp i %s", tertial_report_subtitle(r),
                              (en ? units_en : units_sv)[w->o->unit]);
  tertial_strbuf title = {0};
  if (rc == 0)
    rc = tertial__sb_append(&title, tertial_report_title(r));
  if (rc == 0 && overview)
    rc = tertial__sb_append(&title, en ? " — overview" : " — översikt");
  if (rc == 0)
    rc = write_text(ws, 0, 0, title.data, w->f.title);
  if (rc == 0)
    rc = write_text(ws, 1, 0, sb.data, w->f.subtitle);
  tertial__sb_clear(&sb);
  tertial__sb_clear(&title);
  return rc;
}

/* ---- charts ---- */

/* A chart range over rows r1..r2 and columns c1..c2 of a sheet: "'Översikt'!$A$6:$A$13". */
static void chart_range(char *buf, size_t size, const char *sheet, uint32_t r1, int c1, uint32_t r2, int c2)
{
  char a[16], b[16], quoted[136];
  cell_ref(a, sizeof a, r1, c1, 1);
  cell_ref(b, sizeof b, r2, c2, 1);
  tertial__xlsx_quoted_sheet(quoted, sizeof quoted, sheet);
  if (r1 == r2 && c1 == c2)
    snprintf(buf, size, "%s!%s", quoted, a);
  else
    snprintf(buf, size, "%s!%s:%s", quoted, a, b);
}

/* The values of a chart range's first `lines` cells of column c (its header's text when
 * `header`) from the report: the chart's <c:numCache>/<c:strCache>. Without them a reader that
 * does not recalculate (a viewer, a preview, an embedding) shows an empty chart, and the
 * deviations are formulas. The texts are borrowed from the report. */
static void chart_cache(const xw *w, tertial__xlw_point *p, const table *t, size_t c, int header, size_t lines)
{
  size_t n = header ? 1 : lines;
  const tertial_report_column *col = tertial_report_column_at(t->s, c);
  for (size_t i = 0; i < n; i++) {
    const tertial_report_cell *x = header ? NULL : tertial_report_cell_at(t->s, i, c);
    const char *text = NULL;
    if (header)
      text = col->header;
    else if (col->type == TERTIAL_REPORT_TEXT)
      text = x->present ? x->text : "";
    if (text)
      p[i] = (tertial__xlw_point){2, 0, text};
    else if (x->present)
      p[i] = (tertial__xlw_point){1, shown(w, t->disp[i * t->nc + c]), NULL};
    else
      p[i] = (tertial__xlw_point){0, 0, NULL};
  }
}

/* The overview's chart: a column per unit of the per-activity table (not Summa) for Ack
 * budgetavvikelse and Prognosavvikelse, read from the table's cells and named by the shared
 * header row; negative is worse than budget. (Three accumulated lines of outcome, budget and
 * forecast lay on top of each other: they differ by a percent or two.) */
static int units_chart(xw *w, tertial__xlw_sheet *ws, const tertial_report *r, const table *t, uint32_t header_row)
{
  static const char *const units_sv[] = {"kr", "tkr", "mkr"};
  static const char *const units_en[] = {"SEK", "SEK thousand", "SEK million"};
  /* Ack budgetavvikelse: blue-grey; Prognosavvikelse: dark orange */
  static const uint32_t colour[2] = {0x8497B0, 0xC55A11};
  const int column[2] = {t->cols.pos[TERTIAL_COL_DEVIATION_ACC], t->cols.pos[TERTIAL_COL_FORECAST_DEVIATION]};
  int en = tertial_report_english(r);
  /* the two deviations, negative worse than budget (a presentation may leave them out or turn them) */
  if (t->nl < 2 || !t->followup || column[0] < 0 || column[1] < 0 ||
      tertial_presentation_deviation(t->p) != TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME)
    return 0;
  size_t n = t->nl - 1; /* the lines above Summa */
  uint32_t first = t->first, last = t->first + (uint32_t)n - 1;
  const char *sheet = tertial__xlw_sheet_name(ws);
  /* per series: the categories, the values and the name */
  tertial__xlw_point *points = tertial__calloc(2 * (2 * n + 1), sizeof *points);
  if (!points)
    return TERTIAL_ERR_NOMEM;
  char categories[176], values[2][176], names[2][176];
  chart_range(categories, sizeof categories, sheet, first, 0, last, 0);
  tertial__xlw_series series[2];
  memset(series, 0, sizeof series);
  for (int k = 0; k < 2; k++) {
    tertial__xlw_point *cat = points + (size_t)k * (2 * n + 1), *val = cat + n, *name = val + n;
    chart_range(values[k], sizeof values[k], sheet, first, column[k], last, column[k]);
    chart_range(names[k], sizeof names[k], sheet, header_row, column[k], header_row, column[k]);
    chart_cache(w, cat, t, 0, 0, n);
    chart_cache(w, val, t, (size_t)column[k], 0, n);
    chart_cache(w, name, t, (size_t)column[k], 1, n);
    series[k].categories = (tertial__xlw_range){categories, cat, n, 1};
    series[k].values = (tertial__xlw_range){values[k], val, n, 0};
    series[k].name = (tertial__xlw_range){names[k], name, 1, 1};
    series[k].has_fill = 1;
    series[k].fill = colour[k];
  }
  char axis[96];
  snprintf(axis, sizeof axis, en ? "Amount, %s (negative: worse than budget)" : "Belopp, %s (negativt: sämre än budget)",
           (en ? units_en : units_sv)[w->o->unit]);
  /* horizontal bars, so the units' names read across: the first unit on top (the categories
   * reversed), their names at the left edge, clear of bars below zero */
  tertial__xlw_chart chart = {0};
  chart.type = TERTIAL__XLW_CHART_BAR;
  chart.title = en ? "Deviation from budget by activity" : "Avvikelse mot budget per verksamhet";
  chart.series = series;
  chart.nseries = 2;
  chart.value_axis_name = axis;
  chart.value_num_format = w->amount_format;
  chart.category_axis_name = en ? "Activity" : "Verksamhet";
  chart.category_reverse = 1;
  chart.category_labels_low = 1;
  chart.legend_bottom = 1;
  /* beside the table, from its title row, 720 × 360 pixels */
  chart.row = first - 1;
  chart.col = (uint16_t)t->nc;
  chart.x_offset = 24;
  chart.y_offset = 4;
  chart.width = 720;
  chart.height = 360;
  int rc = tertial__xlw_chart_add(ws, &chart);
  free(points);
  return rc;
}

/* ---- sheets ---- */

/* A sheet named `name` (from sheet_name()) added to the workbook, its label column's width set. */
static int add_sheet(tertial__xlw_sheet **out, xw *w, const char *name)
{
  int rc = tertial__xlw_sheet_add(w->b, name, out);
  if (rc == 0)
    rc = tertial__xlw_columns(*out, 0, 0, 44);
  return rc;
}

/* Whether a section goes on a sheet. */
static int on_sheet(const tertial_report_section *s, int kind)
{
  return kind != SHEET_OVERVIEW || s->kind == TERTIAL_SECTION_UNITS || s->kind == TERTIAL_SECTION_MONTHLY;
}

static int write_sheet(xw *w, const tertial_report *r, int kind)
{
  size_t total = tertial_report_section_count(r), n = 0;
  tertial_strbuf name = {0};
  table *tables = tertial__calloc(total + 1, sizeof *tables);
  const tertial_report_section **sel = tertial__calloc(total + 1, sizeof *sel);
  int en = tertial_report_english(r);
  int rc = tables && sel ? 0 : TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < total; i++)
    if (on_sheet(tertial_report_section_at(r, i), kind))
      sel[n++] = tertial_report_section_at(r, i);
  if (rc == 0)
    rc = sheet_name(&name, w, kind == SHEET_OVERVIEW ? (en ? "Overview" : "Översikt") : tertial_report_title(r));
  tertial__xlw_sheet *ws = NULL;
  if (rc == 0)
    rc = add_sheet(&ws, w, name.data);
  const tertial_report_section *shared = widest_followup(sel, n);
  uint32_t header_row = shared ? HEADER_ROW : HEADER_ROW - 1;
  /* Everything that goes before the first row. */
  size_t ncols = 1;
  for (size_t i = 0; i < n; i++) {
    size_t nc = sel[i]->column_count + (sel[i]->kind == TERTIAL_SECTION_TEXTS ? TEXT_SPAN - 1 : 0);
    if (nc > ncols)
      ncols = nc;
  }
  if (rc == 0 && ncols > 1)
    rc = tertial__xlw_columns(ws, 1, (uint16_t)(ncols - 1), COL_WIDTH);
  if (rc == 0)
    rc = tertial__xlw_freeze(ws, header_row + 1, 1);
  if (rc == 0)
    rc = page_setup(w, ws, r, header_row);
  if (rc == 0)
    rc = title_rows(w, ws, r, kind == SHEET_OVERVIEW);
  if (rc == 0 && shared) {
    rc = tertial__xlw_row(ws, header_row, 45, 0);
    if (rc == 0)
      rc = header_cells(w, ws, header_row, shared, 1);
  }
  uint32_t row = header_row + 1;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    table *t = &tables[i];
    t->s = sel[i];
    t->followup = is_followup(t->s);
    t->nl = t->s->line_count;
    t->nc = t->s->column_count;
    t->p = w->o->presentation;
    tertial__fcols_of(&t->cols, t->s);
    if (t->s->kind == TERTIAL_SECTION_TEXTS)
      t->span_to = (uint16_t)(ncols - 1);
    t->disp = tertial__calloc(t->nl * t->nc + 1, sizeof *t->disp);
    t->level = tertial__calloc(t->nl + 1, sizeof *t->level);
    rc = t->disp && t->level ? index_children(t) : TERTIAL_ERR_NOMEM;
    /* the reasons' unit lines show the per-activity table's Prognosavvikelse */
    t->pin_col = -1;
    if (rc == 0)
      rc = tertial__reasons_pins(&t->pin, &t->pinned, &t->pin_col, r, t->s, t->p, w->o->unit, w->o->decimals);
    if (rc == 0)
      rc = round_table(t, w);
    if (rc == 0 && t->nl + 4 > TERTIAL__XLW_ROW_MAX - row)
      rc = tertial__error(TERTIAL_ERR_RANGE, "xlsx: the sheet of %s has too many rows", tertial_report_title(r));
    if (rc == 0)
      rc = write_text(ws, row++, 0, t->s->title, w->f.section);
    if (rc == 0 && !t->followup)
      rc = header_cells(w, ws, row++, t->s, 0);
    t->first = row;
    for (size_t j = 0; rc == 0 && j < t->nl; j++)
      rc = write_line(w, ws, t, j);
    row += (uint32_t)t->nl + 1;
  }
  if (rc == 0)
    rc = traffic_lights(w, ws, tables, n);
  for (size_t i = 0; rc == 0 && kind == SHEET_OVERVIEW && i < n; i++)
    if (tables[i].s->kind == TERTIAL_SECTION_UNITS)
      rc = units_chart(w, ws, r, &tables[i], header_row);
  if (rc == 0 && (kind == SHEET_ROOT || (kind == SHEET_REPORT && w->o->local_names)))
    rc = define_names(w, ws, r, tables, n, kind == SHEET_ROOT);
  if (rc == 0)
    rc = tertial__xlw_sheet_end(ws);
  for (size_t i = 0; tables && i < n; i++) {
    free(tables[i].disp);
    free(tables[i].level);
    free(tables[i].kid_at);
    free(tables[i].kids);
    free(tables[i].pin);
    free(tables[i].pinned);
  }
  free(tables);
  free(sel);
  tertial__sb_clear(&name);
  return rc;
}

/* Whether the root report has something for the overview sheet. */
static int has_overview(const tertial_report *r)
{
  size_t i;
  return tertial_report_find_section(&i, r, TERTIAL_SECTION_UNITS) == 0 ||
         tertial_report_find_section(&i, r, TERTIAL_SECTION_MONTHLY) == 0;
}

/* A report's sheet and its children's. */
static int write_report(xw *w, const tertial_report *r, int root)
{
  int rc = write_sheet(w, r, root ? SHEET_ROOT : SHEET_REPORT);
  for (size_t i = 0; rc == 0 && w->o->children && i < tertial_report_child_count(r); i++)
    rc = write_sheet(w, tertial_report_child_at(r, i), SHEET_REPORT);
  return rc;
}

static int properties(xw *w, const tertial_report *r)
{
  tertial_strbuf title = {0}, comments = {0};
  int en = tertial_report_english(r);
  int rc = tertial__sb_append_utf8(&title, tertial_report_title(r));
  if (rc == 0)
    rc = tertial__sb_append(&title, " — ");
  if (rc == 0)
    rc = tertial__sb_append_utf8(&title, tertial_report_subtitle(r));
  if (rc == 0)
    rc = tertial__sb_printf(&comments, "Tertial %s", tertial_version());
  tertial_strbuf author = {0}, company = {0};
  if (rc == 0 && w->o->author)
    rc = tertial__sb_append_utf8(&author, w->o->author);
  if (rc == 0 && w->o->company)
    rc = tertial__sb_append_utf8(&company, w->o->company);
  if (rc == 0) {
    tertial__xlw_props p;
    memset(&p, 0, sizeof p);
    p.title = title.data;
    p.subject = en ? "Budget follow-up" : "Budgetuppföljning";
    p.author = author.data;
    p.company = company.data;
    p.comments = comments.data;
    p.created = (time_t)w->o->created; /* 0: now */
    rc = tertial__xlw_properties(w->b, &p);
  }
  tertial__sb_clear(&title);
  tertial__sb_clear(&comments);
  tertial__sb_clear(&author);
  tertial__sb_clear(&company);
  return rc;
}

static int check_options(const tertial_xlsx_options *o)
{
  if (o->version != TERTIAL_XLSX_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "xlsx options version %u is not supported (expected %u)", o->version,
                          TERTIAL_XLSX_OPTIONS_VERSION);
  if ((int)o->unit < TERTIAL_UNIT_KR || o->unit > TERTIAL_UNIT_MKR)
    return tertial__error(TERTIAL_ERR_INVALID, "xlsx: unknown display unit %d", (int)o->unit);
  if (o->decimals < 0 || o->decimals > 3 || (o->unit == TERTIAL_UNIT_KR && o->decimals > 2))
    return tertial__error(TERTIAL_ERR_RANGE, "xlsx: %d decimals is not possible in that unit", o->decimals);
  if (o->red_below > o->green_from)
    return tertial__error(TERTIAL_ERR_INVALID, "xlsx: the red threshold is above the green one");
  if (o->red_share < 0 || o->red_share > 10000)
    return tertial__error(TERTIAL_ERR_RANGE, "xlsx: red_share %d is outside 0..10000 (hundredths of a percent)",
                          o->red_share);
  return 0;
}

/* Write report r's sheets, in the options' presentation when it is not the default. */
static int write_presented(xw *w, const tertial_report *r, int root)
{
  const tertial_presentation *p = w->o->presentation;
  if (tertial__presentation_is_default(p))
    return write_report(w, r, root);
  tertial_report *shown = NULL;
  int rc = tertial__report_present(&shown, r, p);
  if (rc == 0)
    rc = write_report(w, shown, root);
  tertial_report_free(shown);
  return rc;
}

/* A styrtal of the goals section, at its goal's unit. */
typedef struct goal_series {
  tertial_indicator_id id;
  tertial_unit_id unit;
  const char *goal; /* the goal's code */
} goal_series;

/* The styrtal of a report's goals section, each at the unit of the goal it stands under (the
 * nearest goal line above it with a smaller depth), as the section evaluates them. */
static int goal_series_of(goal_series **out, size_t *n, tertial_goals *g, const tertial_report_section *s)
{
  size_t kind = s->column_count, cap = 0;
  for (size_t c = 0; c < s->column_count; c++)
    if (strcmp(tertial_report_column_at(s, c)->key, "kind") == 0)
      kind = c;
  const char **goal_at = tertial__calloc(s->line_count + 1, sizeof *goal_at); /* the goal of each depth */
  int rc = goal_at ? 0 : TERTIAL_ERR_NOMEM;
  *out = NULL;
  *n = 0;
  for (size_t i = 0; rc == 0 && kind < s->column_count && i < s->line_count; i++) {
    const tertial_report_line *l = tertial_report_line_at(s, i);
    const char *k = tertial_report_cell_at(s, i, kind)->text;
    tertial_goal_id goal;
    tertial_indicator_id id;
    if (strcmp(k, "Styrtal") != 0 && strcmp(k, "Indicator") != 0) {
      if (tertial_goal_find(&goal, g, l->code) == 0 && (size_t)l->depth < s->line_count)
        goal_at[l->depth] = l->code;
      else
        tertial_error_clear();
      continue;
    }
    const char *owner = l->depth > 0 ? goal_at[l->depth - 1] : NULL;
    if (!owner || tertial_goal_find(&goal, g, owner) < 0 || tertial_indicator_find(&id, g, l->code) < 0) {
      tertial_error_clear();
      continue;
    }
    if ((rc = tertial__grow((void **)out, &cap, *n + 1, sizeof **out)) == 0)
      (*out)[(*n)++] = (goal_series){id, tertial_goal_at(g, goal)->unit, owner};
  }
  free(goal_at);
  return rc;
}

/* "Mål och styrtal": the root report's styrtal month by month (the months of the fiscal year up
 * to the cut-off), each with its target, and a line chart of each against its target. Only with
 * the model (tertial_xlsx_options::model) and a goals section that has styrtal. */
static int goals_sheet(xw *w, const tertial_report *r)
{
  /* one table, indexed [english][month]: GCC's object-size check misjudges a pointer chosen
   * between two arrays (a false "insufficient space" under UBSan) */
  static const char *const months[2][12] = {
      {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
      {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}};
  tertial_model *m = w->o->model;
  size_t gi;
  if (!m || tertial_report_find_section(&gi, r, TERTIAL_SECTION_GOALS) < 0) {
    tertial_error_clear();
    return 0;
  }
  tertial_goals *g = tertial_model_goals(m);
  goal_series *series = NULL;
  size_t n = 0;
  int rc = g ? goal_series_of(&series, &n, g, tertial_report_section_at(r, gi)) : TERTIAL_ERR_NOMEM;
  if (rc < 0 || n == 0) {
    free(series);
    return rc;
  }
  int en = tertial_report_english(r), cutoff = tertial_report_cutoff(r);
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(m);
  tertial_strbuf name = {0}, title = {0};
  tertial__xlw_sheet *ws = NULL;
  rc = sheet_name(&name, w, en ? "Goals and indicators" : "Mål och styrtal");
  if (rc == 0)
    rc = add_sheet(&ws, w, name.data);
  if (rc == 0)
    rc = tertial__xlw_columns(ws, 1, 2, 12);
  if (rc == 0)
    rc = tertial__xlw_columns(ws, 3, 3 + (uint16_t)cutoff, 8);
  if (rc == 0)
    rc = tertial__sb_printf(&title, en ? "%s: indicators by month" : "%s: styrtal per månad", tertial_report_title(r));
  if (rc == 0)
    rc = write_text(ws, 0, 0, title.data, w->f.title);
  if (rc == 0)
    rc = write_text(ws, 1, 0, tertial_report_subtitle(r), w->f.subtitle);
  /* the header: Styrtal, Enhet, Mål, the months, Målvärde */
  const uint32_t head = 3;
  const char *heads[3] = {en ? "Indicator" : "Styrtal", en ? "Unit" : "Enhet", en ? "Goal" : "Mål"};
  for (int c = 0; rc == 0 && c < 3; c++)
    rc = write_text(ws, head, c, heads[c], w->f.header);
  /* the months, also the charts' categories; then per styrtal its values and targets */
  tertial__xlw_point *points = rc == 0 ? tertial__calloc(3 * (size_t)cutoff + 1, sizeof *points) : NULL;
  if (rc == 0 && !points)
    rc = TERTIAL_ERR_NOMEM;
  for (int k = 0; rc == 0 && k < cutoff; k++) {
    int period = 0;
    rc = tertial_fiscal_year_period(&period, fy, k);
    if (rc == 0) {
      points[k] = (tertial__xlw_point){2, 0, months[en ? 1 : 0][period % 100 - 1]};
      rc = write_text(ws, head, 3 + k, points[k].text, w->f.header_right);
    }
  }
  char months_range[176];
  chart_range(months_range, sizeof months_range, name.data, head, 3, head, 2 + cutoff);
  /* two rows a styrtal: its values, then its target in every month (the chart's second line) */
  unsigned number[7] = {0};
  int have[7] = {0};
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const tertial_indicator_spec *spec = tertial_indicator_at(g, series[i].id);
    int d = spec->decimals < 0 ? 0 : spec->decimals > 6 ? 6 : spec->decimals;
    if (!have[d]) {
      char f[16] = "0";
      if (d)
        snprintf(f, sizeof f, "0.%.*s", d, "000000");
      rc = fmt(w, &number[d], 0, 0, f, 0, NULL);
      have[d] = rc == 0;
    }
    double scale = 1;
    for (int k = 0; k < d; k++)
      scale *= 10;
    uint32_t row = head + 1 + (uint32_t)(2 * i);
    tertial_strbuf label = {0};
    if (rc == 0)
      rc = *spec->unit_of_measure ? tertial__sb_printf(&label, "%s (%s)", spec->name, spec->unit_of_measure)
                                  : tertial__sb_append(&label, spec->name);
    if (rc == 0)
      rc = write_text(ws, row, 0, label.data, w->f.label[0][0]);
    tertial__sb_clear(&label);
    if (rc == 0)
      rc = write_text(ws, row, 1, tertial_org_unit(tertial_model_org(m), series[i].unit)->code, w->f.text);
    if (rc == 0)
      rc = write_text(ws, row, 2, series[i].goal, w->f.text);
    /* the values and the targets by month (also the chart's caches), the values' row first */
    tertial__xlw_point *line[2] = {points + cutoff, points + 2 * (size_t)cutoff};
    for (int k = 0; rc == 0 && k < cutoff; k++) {
      int period;
      tertial_indicator_result x;
      tertial_fiscal_year_period(&period, fy, k);
      rc = tertial_indicator_evaluate(&x, g, series[i].id, series[i].unit, period, fy->first_year);
      line[0][k] = (tertial__xlw_point){x.has_value ? 1 : 0, (double)x.value / scale, NULL};
      line[1][k] = (tertial__xlw_point){x.has_target ? 1 : 0, (double)x.target / scale, NULL};
    }
    for (int l = 0; rc == 0 && l < 2; l++) {
      if (l)
        rc = write_text(ws, row + 1, 0, en ? "Target" : "Målvärde", w->f.label[0][0]);
      for (int k = 0; rc == 0 && k < cutoff; k++)
        if (line[l][k].kind)
          rc = tertial__xlw_number(ws, row + (uint32_t)l, (uint16_t)(3 + k), line[l][k].number, number[d]);
    }
    /* the chart: the values and the target over the months, below the table */
    char values[2][176];
    tertial__xlw_series cs[2];
    memset(cs, 0, sizeof cs);
    for (int k = 0; k < 2; k++) {
      chart_range(values[k], sizeof values[k], name.data, row + (uint32_t)k, 3, row + (uint32_t)k, 2 + cutoff);
      cs[k].categories = (tertial__xlw_range){months_range, points, (size_t)cutoff, 1};
      cs[k].values = (tertial__xlw_range){values[k], line[k], (size_t)cutoff, 0};
      cs[k].name_text = k ? (en ? "Target" : "Målvärde") : spec->name;
    }
    cs[1].has_line = 1;
    cs[1].line = 0xC00000;
    cs[1].dash = 1;
    tertial__xlw_chart chart = {0};
    chart.type = TERTIAL__XLW_CHART_LINE;
    chart.title = spec->name;
    chart.series = cs;
    chart.nseries = 2;
    chart.legend_bottom = 1;
    chart.row = head + 2 * (uint32_t)n + 2 + 16 * (uint32_t)i;
    chart.col = 0;
    chart.x_offset = 24;
    if (rc == 0)
      rc = tertial__xlw_chart_add(ws, &chart);
  }
  if (rc == 0)
    rc = tertial__xlw_sheet_end(ws);
  free(points);
  free(series);
  tertial__sb_clear(&name);
  tertial__sb_clear(&title);
  return rc;
}

static int export_book(xw *w, const tertial_report *r, const char *temp)
{
  int rc = tertial__xlw_open(&w->b, temp, w->o->tmpdir);
  if (rc < 0)
    return rc;
  rc = make_formats(w);
  if (rc == 0)
    rc = properties(w, r);
  tertial_report *shown = NULL; /* the root report in the presentation, for the overview too */
  if (rc == 0 && !tertial__presentation_is_default(w->o->presentation))
    rc = tertial__report_present(&shown, r, w->o->presentation);
  if (rc == 0 && w->o->overview && has_overview(r))
    rc = write_sheet(w, shown ? shown : r, SHEET_OVERVIEW);
  if (rc == 0)
    rc = write_report(w, shown ? shown : r, 1);
  if (rc == 0)
    rc = goals_sheet(w, r);
  tertial_report_free(shown);
  for (size_t i = 0; rc == 0 && w->o->next_report; i++) {
    const tertial_report *next = NULL;
    rc = w->o->next_report(&next, i, w->o->next_context);
    if (rc > 0)
      rc = 0;
    if (rc == 0 && !next)
      break;
    if (rc == 0)
      rc = write_presented(w, next, 0);
  }
  /* Closing or discarding frees the workbook; after a failure the caller removes its file. */
  if (rc < 0)
    tertial__xlw_discard(w->b);
  else
    rc = tertial__xlw_close(w->b);
  w->b = NULL;
  return rc;
}

int tertial_render_xlsx(const tertial_report *report, const char *path, const tertial_xlsx_options *options)
{
  if (!report || !path || !*path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_xlsx: NULL argument");
  tertial_xlsx_options defaults = TERTIAL_XLSX_OPTIONS_INIT;
  const tertial_xlsx_options *o = options ? options : &defaults;
  if (options && options->version == 1) {
    /* A version-1 caller's struct ends at `company`: take those and no overview sheet. */
    memcpy(&defaults, options, offsetof(tertial_xlsx_options, overview));
    defaults.version = TERTIAL_XLSX_OPTIONS_VERSION;
    defaults.overview = 0;
    defaults.local_names = 1;
    defaults.tmpdir = NULL;
    defaults.red_share = 0;
    o = &defaults;
  } else if (options && options->version == 2) {
    /* A version-2 struct ends at `tmpdir`: its red threshold is the absolute one. */
    memcpy(&defaults, options, offsetof(tertial_xlsx_options, red_share));
    defaults.version = TERTIAL_XLSX_OPTIONS_VERSION;
    defaults.red_share = 0;
    o = &defaults;
  } else if (options && options->version == 3) {
    /* A version-3 struct ends at `red_share`: no presentation. */
    memcpy(&defaults, options, offsetof(tertial_xlsx_options, presentation));
    defaults.version = TERTIAL_XLSX_OPTIONS_VERSION;
    o = &defaults;
  } else if (options && options->version == 4) {
    /* A version-4 struct ends at `presentation`: no model, no goals sheet. */
    memcpy(&defaults, options, offsetof(tertial_xlsx_options, model));
    defaults.version = TERTIAL_XLSX_OPTIONS_VERSION;
    o = &defaults;
  }
  if (o->version == TERTIAL_XLSX_OPTIONS_VERSION && tertial_presentation_unit(o->presentation) >= 0) {
    /* the presentation's unit and decimals win */
    if (o != &defaults)
      defaults = *o;
    defaults.unit = (tertial_money_unit)tertial_presentation_unit(o->presentation);
    defaults.decimals = tertial_presentation_decimals(o->presentation);
    o = &defaults;
  }
  int rc = check_options(o);
  if (rc < 0)
    return rc;
  xw w;
  memset(&w, 0, sizeof w);
  w.o = o;
  static const int64_t unit_ore[] = {TERTIAL_ORE_PER_KR, TERTIAL_ORE_PER_TKR, TERTIAL_ORE_PER_MKR};
  w.per_unit = 1;
  for (int d = 0; d < o->decimals; d++)
    w.per_unit *= 10;
  w.step = unit_ore[o->unit] / w.per_unit;

  char *temp = NULL;
  rc = tertial__temp_file_for(&temp, path);
  if (rc == 0)
    rc = export_book(&w, report, temp);
  if (rc == 0)
    rc = tertial__commit_file(temp, path);
  else if (temp)
    unlink(temp);
  free(temp);
  tertial__strmap_free(&w.names);
  for (size_t i = 0; i < w.nname_keys; i++)
    free(w.name_keys[i]);
  free(w.name_keys);
  return rc;
}
