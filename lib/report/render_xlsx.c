/* uselocale, newlocale */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <errno.h>
#include <glib.h>
#include <locale.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "internal.h"

#include "casefold.h"
#include "fileio.h"
#include "presentation_internal.h"
#include "rounded_internal.h"
#include "strmap.h"

#define MAX_INDENT 7
#define SHEET_NAME_CHARS 31
#define HEADER_ROW 3


typedef struct formats {
  lxw_format *title, *subtitle, *section, *header, *header_right;
  lxw_format *label[2][MAX_INDENT + 1]; /* [bold][indent] */
  lxw_format *amount[2], *share[2], *date, *text;
  lxw_format *green, *yellow, *red;
} formats;

typedef struct xw {
  lxw_workbook *wb;
  const tertial_xlsx_options *o;
  formats f;
  int64_t step;             /* öre per display step */
  int64_t per_unit;         /* display steps per display unit (10^decimals) */
  char amount_format[160];  /* the number format of amounts */
  tertial_strmap names;     /* sheet names taken so far, case-folded (the keys in name_keys) */
  char **name_keys;         /* owned */
  size_t nname_keys, name_keys_cap;
  size_t sheets;            /* sheets added so far */
  struct defined_name *defined; /* defined names, given to libxlsxwriter at the end (define_all()) */
  size_t ndefined, defined_cap;
  int direct_names;         /* 1: define_all() stores them in libxlsxwriter's list itself */
  struct parked *parked;    /* finished sheets' temporary files, kept as descriptors (park_sheet()) */
  size_t nparked, parked_cap;
} xw;

/* A finished sheet whose temporary file is held by a descriptor until the workbook is closed. */
typedef struct parked {
  lxw_worksheet *ws;
  int fd;
} parked;

/* A defined name, with what libxlsxwriter 1.1.4's _store_defined_name() would make of it. */
typedef struct defined_name {
  char *arg;       /* what workbook_define_name() takes: "Name" or "'Sheet'!Name" */
  int16_t index;   /* the sheet of a sheet-local name, -1 for a workbook name */
  char *name;      /* "Ack_utfall", "_xlnm.Print_Titles" */
  char *app_name;  /* docProps/app.xml's name: "Ack_utfall", "'Sheet'!Ack_utfall", "'Sheet'!Print_Titles" */
  char *formula;   /* without the leading '=' */
  char *key_name, *key_sheet; /* the sort key: the name without "_xlnm.", the sheet, in lower case */
  size_t seq;      /* the order pushed: equal keys keep it, as a stable sort would */
} defined_name;

#if defined(LXW_VERSION_ID) && LXW_VERSION_ID == 114
#define DIRECT_NAMES 1
#else
#define DIRECT_NAMES 0
#endif

/* Tests compare the direct way of storing defined names with libxlsxwriter's own. */
void tertial__xlsx_public_names(int on);
static int public_names;

void tertial__xlsx_public_names(int on)
{
  public_names = on != 0;
}

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
  lxw_row_t first; /* sheet row of line 0 */
  lxw_col_t span_to; /* the texts section: its last (text) column spans to this sheet column */
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

static int lxw_check(lxw_error e, const char *what)
{
  if (e == LXW_NO_ERROR)
    return 0;
  int code = TERTIAL_ERR_IO;
  if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
    code = TERTIAL_ERR_NOMEM;
  else if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED || e == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE ||
           e == LXW_ERROR_255_STRING_LENGTH_EXCEEDED || e == LXW_ERROR_128_STRING_LENGTH_EXCEEDED ||
           e == LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED)
    code = TERTIAL_ERR_RANGE;
  return tertial__error(code, "xlsx: %s: %s", what, lxw_strerror(e));
}

/* ---- formats ---- */

static lxw_format *fmt(xw *w, int bold, int size, const char *num, int indent)
{
  lxw_format *f = workbook_add_format(w->wb);
  if (!f)
    return NULL;
  if (bold)
    format_set_bold(f);
  if (size)
    format_set_font_size(f, size);
  if (num)
    format_set_num_format(f, num);
  if (indent)
    format_set_indent(f, (uint8_t)indent);
  return f;
}

static lxw_format *fill(xw *w, lxw_color_t bg, lxw_color_t font)
{
  lxw_format *f = workbook_add_format(w->wb);
  if (f) {
    format_set_bg_color(f, bg);
    format_set_font_color(f, font);
  }
  return f;
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
  f->title = fmt(w, 1, 14, NULL, 0);
  f->subtitle = fmt(w, 0, 0, NULL, 0);
  if (f->subtitle)
    format_set_italic(f->subtitle);
  f->section = fmt(w, 1, 12, NULL, 0);
  f->header = fmt(w, 1, 0, NULL, 0);
  f->header_right = fmt(w, 1, 0, NULL, 0);
  int ok = f->title && f->subtitle && f->section && f->header && f->header_right;
  if (ok) {
    format_set_bottom(f->header, LXW_BORDER_THIN);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bottom(f->header_right, LXW_BORDER_THIN);
    format_set_text_wrap(f->header_right);
    format_set_align(f->header_right, LXW_ALIGN_RIGHT);
    format_set_align(f->header_right, LXW_ALIGN_VERTICAL_BOTTOM);
  }
  for (int b = 0; ok && b < 2; b++) {
    for (int i = 0; ok && i <= MAX_INDENT; i++)
      ok = (f->label[b][i] = fmt(w, b, 0, NULL, i)) != NULL;
    ok = ok && (f->amount[b] = fmt(w, b, 0, signed_amount, 0)) && (f->share[b] = fmt(w, b, 0, "0.00", 0));
    if (ok && b) {
      format_set_top(f->amount[b], LXW_BORDER_THIN);
      format_set_top(f->share[b], LXW_BORDER_THIN);
      format_set_top(f->label[b][0], LXW_BORDER_THIN);
    }
  }
  ok = ok && (f->date = fmt(w, 0, 0, "yyyy-mm-dd", 0)) && (f->text = fmt(w, 0, 0, NULL, 0));
  if (ok) {
    format_set_text_wrap(f->text);
    format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
  }
  ok = ok && (f->green = fill(w, 0xC6EFCE, 0x006100)) && (f->yellow = fill(w, 0xFFEB9C, 0x9C5700)) &&
       (f->red = fill(w, 0xFFC7CE, 0x9C0006));
  return ok ? 0 : tertial__error(TERTIAL_ERR_NOMEM, "xlsx: cannot create cell formats");
}

/* ---- cell references ---- */

static void cell_ref(char *buf, size_t size, lxw_row_t row, int col, int absolute)
{
  char letters[8];
  int n = 0;
  for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
    letters[n++] = (char)('A' + (c - 1) % 26);
  char name[8];
  for (int i = 0; i < n; i++)
    name[i] = letters[n - 1 - i];
  name[n] = '\0';
  snprintf(buf, size, absolute ? "$%s$%lu" : "%s%lu", name, (unsigned long)row + 1);
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

static int write_text(xw *w, lxw_worksheet *ws, lxw_row_t row, int col, const char *s, lxw_format *f)
{
  (void)w;
  if (!s || !*s)
    return 0;
  tertial_strbuf sb = {0};
  int rc = tertial__sb_append_utf8(&sb, s);
  /* worksheet_write_string() always makes a string cell, never a formula, whatever the text
   * starts with; that is the defence against formula injection. */
  if (rc == 0)
    rc = lxw_check(worksheet_write_string(ws, row, (lxw_col_t)col, sb.data, f), "writing a text");
  tertial__sb_clear(&sb);
  return rc;
}

static double shown(const xw *w, int64_t steps)
{
  return (double)steps / (double)w->per_unit;
}

/* "=SUM(B5:B7,B9)" over the rows of the lines added into line p. */
static int sum_formula(tertial_strbuf *sb, const table *t, size_t p, size_t c)
{
  int rc = tertial__sb_append(sb, "=SUM(");
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
    cell_ref(a, sizeof a, t->first + (lxw_row_t)j, (int)c, 0);
    cell_ref(b, sizeof b, t->first + (lxw_row_t)end, (int)c, 0);
    rc = end > j ? tertial__sb_printf(sb, "%s%s:%s", first ? "" : ",", a, b)
                 : tertial__sb_printf(sb, "%s%s", first ? "" : ",", a);
    first = 0;
  }
  return rc < 0 ? rc : tertial__sb_append(sb, ")");
}

static int write_amount(xw *w, lxw_worksheet *ws, const table *t, size_t i, size_t c, int bold)
{
  lxw_row_t row = t->first + (lxw_row_t)i;
  int64_t d = t->disp[i * t->nc + c];
  lxw_format *f = w->f.amount[bold];
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
    snprintf(formula, sizeof formula, "=%s-%s", a, b);
    return lxw_check(worksheet_write_formula_num(ws, row, (lxw_col_t)c, formula, f, shown(w, d)), "writing a formula");
  }
  if (has_children(t, i, c)) {
    tertial_strbuf sb = {0};
    int rc = sum_formula(&sb, t, i, c);
    if (rc == 0)
      rc = lxw_check(worksheet_write_formula_num(ws, row, (lxw_col_t)c, sb.data, f, shown(w, d)), "writing a sum");
    tertial__sb_clear(&sb);
    return rc;
  }
  return lxw_check(worksheet_write_number(ws, row, (lxw_col_t)c, shown(w, d), f), "writing an amount");
}

/* Förbrukat % from the displayed amounts, rounded to two decimals; "" when the budget shows 0. */
static int write_share_formula(xw *w, lxw_worksheet *ws, const table *t, size_t i, size_t c, int bold)
{
  lxw_row_t row = t->first + (lxw_row_t)i;
  char out[32], bud[32], formula[128];
  cell_ref(out, sizeof out, row, t->cols.pos[TERTIAL_COL_OUTCOME_ACC], 0);
  cell_ref(bud, sizeof bud, row, t->cols.pos[TERTIAL_COL_BUDGET_YEAR], 0);
  snprintf(formula, sizeof formula, "=IF(%s=0,\"\",ROUND(%s/%s*100,2))", bud, out, bud);
  int64_t o = t->disp[i * t->nc + (size_t)t->cols.pos[TERTIAL_COL_OUTCOME_ACC]];
  int64_t b = t->disp[i * t->nc + (size_t)t->cols.pos[TERTIAL_COL_BUDGET_YEAR]];
  lxw_format *f = w->f.share[bold];
  if (b == 0)
    return lxw_check(worksheet_write_formula_str(ws, row, (lxw_col_t)c, formula, f, ""), "writing a share");
  double v = (double)tertial__div_round((tertial_i128)o * 10000, b) / 100.0;
  return lxw_check(worksheet_write_formula_num(ws, row, (lxw_col_t)c, formula, f, v), "writing a share");
}

/* A wrapped text over columns c..t->span_to, its row tall enough for the lines it wraps into:
 * Excel does not fit a row's height to a merged cell. */
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

static int write_spanning_text(xw *w, lxw_worksheet *ws, const table *t, lxw_row_t row, size_t c, const char *text)
{
  double height = 15.0 * (double)wrapped_lines(text, (double)(t->span_to - c + 1) * COL_WIDTH);
  int rc = lxw_check(worksheet_set_row(ws, row, height, NULL), "setting a text's row height");
  tertial_strbuf sb = {0};
  if (rc == 0)
    rc = tertial__sb_append_utf8(&sb, text);
  /* worksheet_merge_range() writes a string cell, never a formula (see write_text()). */
  if (rc == 0)
    rc = lxw_check(worksheet_merge_range(ws, row, (lxw_col_t)c, row, t->span_to, sb.data, w->f.text),
                   "writing a text");
  tertial__sb_clear(&sb);
  return rc;
}

static int write_line(xw *w, lxw_worksheet *ws, const table *t, size_t i)
{
  const tertial_report_line *l = tertial_report_line_at(t->s, i);
  lxw_row_t row = t->first + (lxw_row_t)i;
  int bold = l->style != TERTIAL_STYLE_NORMAL;
  int rc = 0;
  /* Text beside the label column (a measure's description, cause and follow-up, a reason's unit)
   * wraps in its cell: make the row tall enough, as Excel does not fit rows when it opens a file.
   * (The texts section's text spans the sheet and sets its own height.) */
  size_t lines = 1;
  for (size_t c = 1; !t->followup && c < t->nc; c++) {
    const tertial_report_cell *x = tertial_report_cell_at(t->s, i, c);
    size_t n = 1;
    if (x->present && tertial_report_column_at(t->s, c)->type == TERTIAL_REPORT_TEXT &&
        !(t->span_to > c && c + 1 == t->nc))
      n = wrapped_lines(x->text, COL_WIDTH);
    lines = n > lines ? n : lines;
  }
  double height = lines > 1 ? 15.0 * (double)lines : LXW_DEF_ROW_HEIGHT;
  if (t->level[i] > 0) {
    lxw_row_col_options opt = {0, (uint8_t)(t->level[i] > 7 ? 7 : t->level[i]), 0};
    rc = lxw_check(worksheet_set_row_opt(ws, row, height, NULL, &opt), "grouping rows");
  } else if (lines > 1) {
    rc = lxw_check(worksheet_set_row(ws, row, height, NULL), "setting a row's height");
  }
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
      if (t->span_to > c && c + 1 == t->nc && x->text[0]) {
        rc = write_spanning_text(w, ws, t, row, c, x->text);
        break;
      }
      int indent = l->depth < 0 ? 0 : l->depth > MAX_INDENT ? MAX_INDENT : l->depth;
      rc = write_text(w, ws, row, (int)c, x->text, c == 0 ? w->f.label[bold][indent] : w->f.text);
      break;
    }
    case TERTIAL_REPORT_AMOUNT:
      rc = write_amount(w, ws, t, i, c, bold);
      break;
    case TERTIAL_REPORT_SHARE:
      rc = share ? write_share_formula(w, ws, t, i, c, bold)
                 : lxw_check(worksheet_write_number(ws, row, (lxw_col_t)c, (double)x->value / 100.0, w->f.share[bold]),
                             "writing a share");
      break;
    case TERTIAL_REPORT_DATE: {
      lxw_datetime dt = {x->date.year, x->date.month, x->date.day, 0, 0, 0.0};
      rc = lxw_check(worksheet_write_datetime(ws, row, (lxw_col_t)c, &dt, w->f.date), "writing a date");
      break;
    }
    }
  }
  return rc;
}

static int header_cells(xw *w, lxw_worksheet *ws, lxw_row_t row, const tertial_report_section *s, size_t from)
{
  int rc = 0;
  for (size_t c = from; rc == 0 && c < s->column_count; c++) {
    const tertial_report_column *col = tertial_report_column_at(s, c);
    rc = write_text(w, ws, row, (int)c, col->header,
                    col->type == TERTIAL_REPORT_TEXT ? w->f.header : w->f.header_right);
  }
  return rc;
}

/* ---- conditional formats ---- */

/* The rows of deviation column c of a table that have a value, as ranges "D9:D12" appended to
 * `chunks` (a list of range lists, each short enough for libxlsxwriter's 2 080-character sqref). */
#define SQREF_MAX 2000

/* Range lists, each a string buffer. */
typedef struct chunk_list {
  tertial_strbuf *items;
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
    cell_ref(a, sizeof a, t->first + (lxw_row_t)i, (int)c, 0);
    cell_ref(b, sizeof b, t->first + (lxw_row_t)end, (int)c, 0);
    if (end > i)
      snprintf(range, sizeof range, "%s:%s", a, b);
    else
      snprintf(range, sizeof range, "%s", a);
    tertial_strbuf *last = chunks->len ? &chunks->items[chunks->len - 1] : NULL;
    if (!last || last->len + 1 + strlen(range) > SQREF_MAX) {
      if (tertial__grow((void **)&chunks->items, &chunks->cap, chunks->len + 1, sizeof *chunks->items) < 0)
        return TERTIAL_ERR_NOMEM;
      last = &chunks->items[chunks->len++];
      memset(last, 0, sizeof *last);
    }
    rc = tertial__sb_printf(last, "%s%s", last->len ? " " : "", range);
    i = end;
  }
  return rc;
}

static void free_chunks(chunk_list *chunks)
{
  for (size_t k = 0; k < chunks->len; k++)
    tertial__sb_clear(&chunks->items[k]);
  free(chunks->items);
}

/* Traffic lights: three cell-value rules (green, red, yellow between) over both deviation
 * columns of every follow-up table of a sheet, as one range list (libxlsxwriter keeps about
 * 4 kB per rule and range list until the workbook is closed, so a sheet has three rules, not
 * three per table and column). */
static int traffic_lights(xw *w, lxw_worksheet *ws, const table *tables, size_t n)
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
  lxw_conditional_format rules[3];
  memset(rules, 0, sizeof rules);
  for (int j = 0; j < 3; j++)
    rules[j].type = LXW_CONDITIONAL_TYPE_CELL;
  rules[0].criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
  rules[0].value = green;
  rules[0].format = w->f.green;
  rules[1].criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN;
  rules[1].value = red;
  rules[1].format = w->f.red;
  rules[2].criteria = LXW_CONDITIONAL_CRITERIA_BETWEEN;
  rules[2].min_value = red;
  rules[2].max_value = green;
  rules[2].format = w->f.yellow;
  char formula[160];
  if (share > 0) {
    /* Relative: red first (and alone) where the deviation is worse than the share of the line's
     * own annual budget, then yellow below green, then green. */
    rules[0].type = LXW_CONDITIONAL_TYPE_FORMULA;
    rules[0].value_string = formula;
    rules[0].format = w->f.red;
    rules[0].stop_if_true = 1;
    rules[1].criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN;
    rules[1].value = green;
    rules[1].format = w->f.yellow;
    rules[2].criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    rules[2].value = green;
    rules[2].format = w->f.green;
  }
  for (size_t k = 0; rc == 0 && k < chunks.len; k++) {
    tertial_strbuf *list = &chunks.items[k];
    /* the first range of the list is the rules' own range */
    char first[72];
    size_t len = strcspn(list->data, " ");
    snprintf(first, sizeof first, "%.*s", (int)len, list->data);
    lxw_row_t r1 = lxw_name_to_row(first), r2 = strchr(first, ':') ? lxw_name_to_row_2(first) : r1;
    lxw_col_t c1 = lxw_name_to_col(first), c2 = strchr(first, ':') ? lxw_name_to_col_2(first) : c1;
    if (share > 0) { /* relative to the list's first cell, its row's budget in column E */
      char cell[32], budget[32];
      cell_ref(cell, sizeof cell, r1, c1, 0);
      cell_ref(budget, sizeof budget, r1, budget_col, 0);
      snprintf(formula, sizeof formula, "=%s<-ABS($%s)*%d.%04d", cell, budget, share / 10000, share % 10000);
    }
    for (int j = 0; rc == 0 && j < 3; j++) {
      /* libxlsxwriter 1.1.4 takes the range list as a non-const string it only reads. */
      rules[j].multi_range = list->data[len] ? list->data : NULL;
      rc = lxw_check(worksheet_conditional_format_range(ws, r1, c1, r2, c2, &rules[j]),
                     "adding a conditional format");
    }
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

static int push_name(xw *w, int16_t index, const char *arg, const char *name, const char *app_name,
                     const char *formula, const char *sheet);

static int page_setup(xw *w, lxw_worksheet *ws, const tertial_report *r, lxw_row_t repeat_to)
{
  int en = tertial_report_english(r);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9); /* A4 */
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_outline_settings(ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
  int rc = 0;
  if (w->direct_names) {
    /* what worksheet_repeat_rows() makes of it when the workbook is closed */
    char app[160], range[160];
    snprintf(app, sizeof app, "%s!Print_Titles", ws->quoted_name);
    snprintf(range, sizeof range, "%s!$%d:$%d", ws->quoted_name, 1, (int)repeat_to + 1);
    rc = push_name(w, (int16_t)ws->index, NULL, "_xlnm.Print_Titles", app, range, app);
  } else {
    rc = lxw_check(worksheet_repeat_rows(ws, 0, repeat_to), "repeating header rows");
  }
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
  if (rc == 0)
    rc = lxw_check(worksheet_set_footer(ws, footer.data), "setting the footer");
  tertial__sb_clear(&footer);
  tertial__sb_clear(&title);
  (void)w;
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
static int total_row(lxw_row_t *row, const table *tables, size_t n)
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
          *row = t->first + (lxw_row_t)j;
          return 1;
        }
    }
  return 0;
}

/* Lower case as libxlsxwriter's lxw_str_tolower() makes it (tolower() of each byte). */
static char *lower(const char *s)
{
  char *t = tertial__strdup(s);
  for (char *p = t; p && *p; p++)
    *p = (char)tolower((unsigned char)*p);
  return t;
}

static void clear_defined_name(defined_name *d)
{
  free(d->arg);
  free(d->name);
  free(d->app_name);
  free(d->formula);
  free(d->key_name);
  free(d->key_sheet);
}

/* Remember a defined name; `sheet` is the sort key's sheet part (NULL: a workbook name).
 * Returns 0 or TERTIAL_ERR_NOMEM (then nothing is kept). */
static int push_name(xw *w, int16_t index, const char *arg, const char *name, const char *app_name,
                     const char *formula, const char *sheet)
{
  if (tertial__grow((void **)&w->defined, &w->defined_cap, w->ndefined + 1, sizeof *w->defined) < 0)
    return TERTIAL_ERR_NOMEM;
  defined_name d;
  d.arg = arg ? tertial__strdup(arg) : NULL;
  d.index = index;
  d.name = tertial__strdup(name);
  d.app_name = tertial__strdup(app_name);
  d.formula = tertial__strdup(formula);
  d.key_name = lower(strncmp(name, "_xlnm.", 6) == 0 ? name + 6 : name);
  d.key_sheet = lower(sheet ? sheet : "");
  d.seq = w->ndefined;
  if ((arg && !d.arg) || !d.name || !d.app_name || !d.formula || !d.key_name || !d.key_sheet) {
    clear_defined_name(&d);
    return TERTIAL_ERR_NOMEM;
  }
  w->defined[w->ndefined++] = d;
  return 0;
}

static int define_names(xw *w, lxw_worksheet *ws, const char *sheet, const tertial_report *r, const table *tables,
                        size_t n, int root)
{
  lxw_row_t row;
  if (!total_row(&row, tables, n))
    return 0;
  const table *t = NULL; /* the names' table: the follow-up tables of a sheet share their columns */
  for (size_t i = 0; !t && i < n; i++)
    t = tables[i].followup ? &tables[i] : NULL;
  int rc = 0;
  for (int c = 0; rc == 0 && t && c < TERTIAL_COL_COUNT; c++) {
    char ref[32], arg[160], formula[160];
    if (t->cols.pos[c] < 0)
      continue;
    cell_ref(ref, sizeof ref, row, t->cols.pos[c], 1);
    const char *id = tertial_report_english(r) ? name_en[c] : name_sv[c];
    if (root)
      snprintf(arg, sizeof arg, "%s", id);
    else
      snprintf(arg, sizeof arg, "'%s'!%s", sheet, id);
    snprintf(formula, sizeof formula, "'%s'!%s", sheet, ref);
    rc = push_name(w, root ? -1 : (int16_t)ws->index, arg, id, arg, formula, root ? NULL : sheet);
  }
  return rc;
}

/* libxlsxwriter's order of defined names: the lower-case name, then the lower-case sheet. */
static int defined_cmp(const defined_name *x, const defined_name *y)
{
  int c = strcmp(x->key_name, y->key_name);
  return c ? c : strcmp(x->key_sheet, y->key_sheet);
}

/* The sorts: names of equal keys stay in the order pushed (qsort() is not stable). */
static int by_seq(const defined_name *x, const defined_name *y)
{
  return (x->seq > y->seq) - (x->seq < y->seq);
}

static int defined_asc(const void *a, const void *b)
{
  int c = defined_cmp(a, b);
  return c ? c : by_seq(a, b);
}

static int defined_desc(const void *a, const void *b)
{
  int c = defined_cmp(b, a);
  return c ? c : by_seq(a, b);
}

/* Give the defined names to libxlsxwriter. Through workbook_define_name(), 1.1.4 finds the sheet
 * of a sheet-local name by comparing every sheet's name, and inserts each name into a sorted
 * list by walking it from the head; the print titles of worksheet_repeat_rows() are inserted
 * the same way when the workbook is closed. With thousands of sheets that took most of the
 * export's time (seconds to minutes). So for 1.1.4 the names, print titles included, are
 * stored in that list directly, sorted, with the fields _store_defined_name() would give them
 * (tests compare the two ways byte for byte); for other versions they go through
 * workbook_define_name() in descending order, which at least makes each insertion go to the
 * head of the list. */
static int define_all(xw *w)
{
  int rc = 0;
  if (!w->direct_names) {
    if (w->ndefined)
      qsort(w->defined, w->ndefined, sizeof *w->defined, defined_desc);
    tertial_strbuf formula = {0};
    for (size_t i = 0; rc == 0 && i < w->ndefined; i++) {
      defined_name *d = &w->defined[i];
      formula.len = 0;
      rc = tertial__sb_printf(&formula, "=%s", d->formula);
      if (rc == 0)
        rc = lxw_check(workbook_define_name(w->wb, d->arg, formula.data), "defining a name");
    }
    tertial__sb_clear(&formula);
    return rc;
  }
#if DIRECT_NAMES
  if (!TAILQ_EMPTY(w->wb->defined_names))
    return tertial__error(TERTIAL_ERR_STATE, "xlsx: the workbook already has defined names");
  if (w->ndefined)
    qsort(w->defined, w->ndefined, sizeof *w->defined, defined_asc);
  for (size_t i = 0; rc == 0 && i < w->ndefined; i++) {
    defined_name *d = &w->defined[i];
    if (strlen(d->name) >= LXW_DEFINED_NAME_LENGTH || strlen(d->app_name) >= LXW_DEFINED_NAME_LENGTH ||
        strlen(d->formula) >= LXW_DEFINED_NAME_LENGTH || strlen(d->key_sheet) >= LXW_DEFINED_NAME_LENGTH)
      return lxw_check(LXW_ERROR_128_STRING_LENGTH_EXCEEDED, "defining a name");
    if (i > 0 && defined_cmp(d - 1, d) == 0)
      return tertial__error(TERTIAL_ERR_STATE, "xlsx: the defined name %s is there twice", d->arg ? d->arg : d->name);
    lxw_defined_name *x = calloc(1, sizeof *x);
    if (!x)
      return tertial__nomem("xlsx: a defined name");
    x->index = d->index;
    x->hidden = LXW_FALSE;
    snprintf(x->name, sizeof x->name, "%s", d->name);
    snprintf(x->app_name, sizeof x->app_name, "%s", d->app_name);
    snprintf(x->formula, sizeof x->formula, "%s", d->formula);
    snprintf(x->normalised_name, sizeof x->normalised_name, "%s", d->key_name);
    snprintf(x->normalised_sheetname, sizeof x->normalised_sheetname, "%s", d->key_sheet);
    TAILQ_INSERT_TAIL(w->wb->defined_names, x, list_pointers);
  }
#endif
  return rc;
}

static int title_rows(xw *w, lxw_worksheet *ws, const tertial_report *r, int overview)
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
    rc = write_text(w, ws, 0, 0, title.data, w->f.title);
  if (rc == 0)
    rc = write_text(w, ws, 1, 0, sb.data, w->f.subtitle);
  tertial__sb_clear(&sb);
  tertial__sb_clear(&title);
  return rc;
}

/* Give a chart range the values of its first `lines` cells (the chart's <c:numCache>/
 * <c:strCache>) from the report: without them a reader that does not recalculate (a viewer, a
 * preview, an embedding) shows an empty chart. libxlsxwriter cannot read them back from a sheet
 * in constant-memory mode, and in normal mode caches a formula's result as 0; with the range's
 * ignore_cache set it leaves data_cache alone and writes whatever it holds. The points are
 * freed by libxlsxwriter with the chart. */
static int chart_cache(const xw *w, lxw_series_range *range, const table *t, size_t c, int header, size_t lines)
{
  if (!range || !range->data_cache || !STAILQ_EMPTY(range->data_cache))
    return 0;
  size_t n = header ? 1 : lines;
  for (size_t i = 0; i < n; i++) {
    lxw_series_data_point *p = tertial__calloc(1, sizeof *p);
    if (!p)
      return TERTIAL_ERR_NOMEM;
    STAILQ_INSERT_TAIL(range->data_cache, p, list_pointers);
    range->num_data_points++;
    const tertial_report_column *col = tertial_report_column_at(t->s, c);
    const char *text = NULL;
    if (header)
      text = col->header;
    else if (col->type == TERTIAL_REPORT_TEXT)
      text = tertial_report_cell_at(t->s, i, c)->present ? tertial_report_cell_at(t->s, i, c)->text : "";
    if (text) {
      if (!(p->string = tertial__strdup(text)))
        return TERTIAL_ERR_NOMEM;
      p->is_string = 1;
      range->has_string_cache = 1;
    } else if (tertial_report_cell_at(t->s, i, c)->present) {
      p->number = shown(w, t->disp[i * t->nc + c]);
    } else {
      p->no_data = 1;
    }
  }
  return 0;
}

/* The overview's chart: a column per unit of the per-activity table (not Summa) for Ack
 * budgetavvikelse and Prognosavvikelse, read from the table's cells and named by the shared
 * header row; negative is worse than budget. (Three accumulated lines of outcome, budget and
 * forecast lay on top of each other: they differ by a percent or two.) */
static int units_chart(xw *w, lxw_worksheet *ws, const char *sheet, const tertial_report *r, const table *t,
                       lxw_row_t header_row)
{
  static const char *const units_sv[] = {"kr", "tkr", "mkr"};
  static const char *const units_en[] = {"SEK", "SEK thousand", "SEK million"};
  /* Ack budgetavvikelse: blue-grey; Prognosavvikelse: dark orange */
  static const lxw_color_t colour[2] = {0x8497B0, 0xC55A11};
  const int column[2] = {t->cols.pos[TERTIAL_COL_DEVIATION_ACC], t->cols.pos[TERTIAL_COL_FORECAST_DEVIATION]};
  int en = tertial_report_english(r);
  /* the two deviations, negative worse than budget (a presentation may leave them out or turn them) */
  if (t->nl < 2 || !t->followup || column[0] < 0 || column[1] < 0 ||
      tertial_presentation_deviation(t->p) != TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME)
    return 0;
  lxw_chart *chart = workbook_add_chart(w->wb, LXW_CHART_BAR);
  if (!chart)
    return tertial__error(TERTIAL_ERR_NOMEM, "xlsx: cannot create the chart");
  size_t n = t->nl - 1; /* the lines above Summa */
  lxw_row_t first = t->first, last = t->first + (lxw_row_t)n - 1;
  for (int k = 0; k < 2; k++) {
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    if (!series)
      return tertial__error(TERTIAL_ERR_NOMEM, "xlsx: cannot create a chart series");
    lxw_col_t c = (lxw_col_t)column[k];
    chart_series_set_categories(series, sheet, first, 0, last, 0);
    chart_series_set_values(series, sheet, first, c, last, c);
    chart_series_set_name_range(series, sheet, header_row, c);
    /* The deviations are formulas, whose results libxlsxwriter 1.1.4 caches as 0 when it fills a
     * chart's caches from the sheet: fill them from the report in both modes, and tell it not to. */
    int rc = chart_cache(w, series->categories, t, 0, 0, n);
    if (rc == 0)
      rc = chart_cache(w, series->values, t, c, 0, n);
    if (rc == 0)
      rc = chart_cache(w, series->title.range, t, c, 1, n);
    if (rc < 0)
      return rc;
    series->categories->ignore_cache = series->values->ignore_cache = series->title.range->ignore_cache = 1;
    lxw_chart_fill fill;
    memset(&fill, 0, sizeof fill);
    fill.color = colour[k];
    chart_series_set_fill(series, &fill);
  }
  char axis[96];
  snprintf(axis, sizeof axis, en ? "Amount, %s (negative: worse than budget)" : "Belopp, %s (negativt: sämre än budget)",
           (en ? units_en : units_sv)[w->o->unit]);
  chart_title_set_name(chart, en ? "Deviation from budget by activity" : "Avvikelse mot budget per verksamhet");
  /* horizontal bars, so the units' names read across. In a bar chart libxlsxwriter's x_axis is
   * the horizontal value axis and y_axis the vertical category axis: the first unit on top (the
   * categories reversed), their names at the left edge, clear of bars below zero */
  chart_axis_set_name(chart->x_axis, axis);
  chart_axis_set_num_format(chart->x_axis, w->amount_format);
  chart_axis_set_name(chart->y_axis, en ? "Activity" : "Verksamhet");
  chart_axis_set_reverse(chart->y_axis);
  chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options opt;
  memset(&opt, 0, sizeof opt);
  opt.x_offset = 24;
  opt.y_offset = 4;
  opt.x_scale = 1.5;  /* 720 × 360 pixels */
  opt.y_scale = 1.25;
  /* beside the table, from its title row */
  return lxw_check(worksheet_insert_chart_opt(ws, first - 1, (lxw_col_t)t->nc, chart, &opt), "inserting the chart");
}

/* A sheet could not be added: in constant-memory mode usually the open-file limit. */
static int sheet_failed(xw *w, const char *name, int err)
{
  if (w->o->constant_memory && (err == EMFILE || err == ENFILE)) {
    struct rlimit rl;
    long limit = getrlimit(RLIMIT_NOFILE, &rl) == 0 ? (long)rl.rlim_cur : -1;
    return tertial__error(TERTIAL_ERR_IO,
                          "xlsx: cannot add sheet %zu (%s): constant-memory mode keeps a temporary file per sheet "
                          "open and the open-file limit (%ld) is reached; raise it (ulimit -n, setrlimit "
                          "RLIMIT_NOFILE) or write without constant_memory",
                          w->sheets + 1, name, limit);
  }
  if (w->o->constant_memory && err != 0 && err != ENOMEM)
    return tertial__error(TERTIAL_ERR_IO, "xlsx: cannot create the temporary file of sheet %zu (%s) in %s: %s",
                          w->sheets + 1, name, w->o->tmpdir ? w->o->tmpdir : "the temporary folder",
                          strerror(err));
  return tertial__error(err == ENOMEM ? TERTIAL_ERR_NOMEM : TERTIAL_ERR_INVALID, "xlsx: cannot add a sheet named %s",
                        name);
}

/* A sheet named `name` (from sheet_name()) added to the workbook. */
static int add_sheet(lxw_worksheet **out, xw *w, const char *name)
{
  errno = 0;
  *out = workbook_add_worksheet(w->wb, name);
  if (!*out)
    return sheet_failed(w, name, errno);
  w->sheets++;
  return 0;
}

/* Whether a section goes on a sheet. */
static int on_sheet(const tertial_report_section *s, int kind)
{
  return kind != SHEET_OVERVIEW || s->kind == TERTIAL_SECTION_UNITS || s->kind == TERTIAL_SECTION_MONTHLY;
}

/* A sheet is complete (every row written). In constant-memory mode libxlsxwriter 1.1.4 keeps,
 * for every sheet until the workbook is closed, the last row's cells and an array of 16 384
 * cell pointers (128 kB) that only the row being written needs: write that last row now (what
 * the close would do first; the row is then empty, so the close skips it) and free the array
 * (lxw_worksheet_free() checks it for NULL), so that memory stays flat as sheets are added. The
 * layout of these internals is known for 1.1.4 only; other versions keep the memory. */
static void park_sheet(xw *w, lxw_worksheet *ws);

static void finish_sheet(xw *w, lxw_worksheet *ws)
{
#if defined(LXW_VERSION_ID) && LXW_VERSION_ID == 114
  if (w->o->constant_memory && ws->optimize && ws->array) {
    lxw_worksheet_write_single_row(ws);
    free(ws->array);
    ws->array = NULL;
    park_sheet(w, ws);
  }
#else
  (void)w;
  (void)ws;
#endif
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
  lxw_worksheet *ws = NULL;
  if (rc == 0)
    rc = add_sheet(&ws, w, name.data);
  const tertial_report_section *shared = widest_followup(sel, n);
  lxw_row_t header_row = shared ? HEADER_ROW : HEADER_ROW - 1;
  /* Everything that libxlsxwriter's constant-memory mode needs before the first row. */
  size_t ncols = 1;
  for (size_t i = 0; i < n; i++) {
    size_t nc = sel[i]->column_count + (sel[i]->kind == TERTIAL_SECTION_TEXTS ? TEXT_SPAN - 1 : 0);
    if (nc > ncols)
      ncols = nc;
  }
  if (rc == 0)
    rc = lxw_check(worksheet_set_column(ws, 0, 0, 44, NULL), "setting column widths");
  if (rc == 0 && ncols > 1)
    rc = lxw_check(worksheet_set_column(ws, 1, (lxw_col_t)(ncols - 1), COL_WIDTH, NULL), "setting column widths");
  if (rc == 0) {
    worksheet_freeze_panes(ws, header_row + 1, 1);
    rc = page_setup(w, ws, r, header_row);
  }
  if (rc == 0)
    rc = title_rows(w, ws, r, kind == SHEET_OVERVIEW);
  if (rc == 0 && shared) {
    rc = lxw_check(worksheet_set_row(ws, header_row, 45, NULL), "setting the header row");
    if (rc == 0)
      rc = header_cells(w, ws, header_row, shared, 1);
  }
  lxw_row_t row = header_row + 1;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    table *t = &tables[i];
    t->s = sel[i];
    t->followup = is_followup(t->s);
    t->nl = t->s->line_count;
    t->nc = t->s->column_count;
    t->p = w->o->presentation;
    tertial__fcols_of(&t->cols, t->s);
    if (t->s->kind == TERTIAL_SECTION_TEXTS)
      t->span_to = (lxw_col_t)(ncols - 1);
    t->disp = tertial__calloc(t->nl * t->nc + 1, sizeof *t->disp);
    t->level = tertial__calloc(t->nl + 1, sizeof *t->level);
    rc = t->disp && t->level ? index_children(t) : TERTIAL_ERR_NOMEM;
    /* the reasons' unit lines show the per-activity table's Prognosavvikelse */
    t->pin_col = -1;
    if (rc == 0)
      rc = tertial__reasons_pins(&t->pin, &t->pinned, &t->pin_col, r, t->s, t->p, w->o->unit, w->o->decimals);
    if (rc == 0)
      rc = round_table(t, w);
    if (rc == 0)
      rc = write_text(w, ws, row++, 0, t->s->title, w->f.section);
    if (rc == 0 && !t->followup)
      rc = header_cells(w, ws, row++, t->s, 0);
    t->first = row;
    for (size_t j = 0; rc == 0 && j < t->nl; j++)
      rc = write_line(w, ws, t, j);
    row += (lxw_row_t)t->nl + 1;
    if (row > LXW_ROW_MAX - 4 && rc == 0)
      rc = tertial__error(TERTIAL_ERR_RANGE, "xlsx: the sheet of %s has too many rows", tertial_report_title(r));
  }
  if (rc == 0)
    rc = traffic_lights(w, ws, tables, n);
  for (size_t i = 0; rc == 0 && kind == SHEET_OVERVIEW && i < n; i++)
    if (tables[i].s->kind == TERTIAL_SECTION_UNITS)
      rc = units_chart(w, ws, name.data, r, &tables[i], header_row);
  if (rc == 0 && (kind == SHEET_ROOT || (kind == SHEET_REPORT && w->o->local_names)))
    rc = define_names(w, ws, name.data, r, tables, n, kind == SHEET_ROOT);
  if (rc == 0)
    finish_sheet(w, ws);
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
    lxw_doc_properties p;
    memset(&p, 0, sizeof p);
    /* libxlsxwriter 1.1.4 declares these fields non-const; it only copies them. */
    p.title = title.data;
    p.subject = (char *)(en ? "Budget follow-up" : "Budgetuppföljning");
    p.author = author.data;
    p.company = company.data;
    p.comments = comments.data;
    p.created = (time_t)w->o->created;
    rc = lxw_check(workbook_set_properties(w->wb, &p), "setting document properties");
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

/* A finished sheet's temporary file (constant-memory mode, libxlsxwriter 1.1.4) is parked: its
 * stream is closed and its descriptor kept, and the streams are opened again just before the
 * workbook is closed (unpark_all()), in reverse order. glibc keeps open streams in a list, newest
 * first, and a close walks it to the stream; libxlsxwriter closes the sheets' files oldest first,
 * so with thousands of sheets open as streams each close walked past all the others (quadratic
 * in the sheets), and every open stream held its 4 kB buffer until the end. Parked, a sheet costs
 * a descriptor (as before) and no buffer, and the close finds each stream at the head of the
 * list. When a descriptor cannot be duplicated or the list cannot grow, the sheet keeps its
 * stream, as without parking. */
static int parking = 1;

/* Tests compare workbooks written with and without parking. */
void tertial__xlsx_parking(int on);
void tertial__xlsx_parking(int on)
{
  parking = on;
}

static void park_sheet(xw *w, lxw_worksheet *ws)
{
  FILE *f = ws->optimize_tmpfile;
  if (!parking || !f || ws->file != f || fflush(f) != 0 ||
      tertial__grow((void **)&w->parked, &w->parked_cap, w->nparked + 1, sizeof *w->parked) < 0) {
    tertial_error_clear();
    return;
  }
  int fd = dup(fileno(f));
  if (fd < 0)
    return;
  fclose(f); /* the newest stream but one or two: found at once */
  ws->optimize_tmpfile = ws->file = NULL;
  w->parked[w->nparked++] = (parked){ws, fd};
}

/* Open the parked sheets' files again, the last sheet first, so that the first sheet's stream
 * is the newest when libxlsxwriter copies and closes it. On failure (out of memory for a stream)
 * the descriptors not yet opened are closed, their sheets have no file, and the workbook must
 * be discarded (discard_book() skips sheets without a file). */
static int unpark_all(xw *w)
{
  int rc = 0;
  for (size_t i = w->nparked; i-- > 0;) {
    parked *p = &w->parked[i];
    FILE *f = rc == 0 ? fdopen(p->fd, "w+b") : NULL; /* keeps the offset: libxlsxwriter rewinds */
    if (!f) {
      if (rc == 0)
        rc = tertial__error(TERTIAL_ERR_NOMEM, "xlsx: cannot open the temporary file of a sheet again");
      close(p->fd);
      continue;
    }
    p->ws->optimize_tmpfile = p->ws->file = f;
  }
  w->nparked = 0;
  return rc;
}

/* Give a workbook up after a failure without writing it. In constant-memory mode libxlsxwriter
 * 1.1.4 closes a sheet's temporary file only when it copies the sheet into the package, and
 * lxw_workbook_free() does not: close them here, or a failed export of thousands of sheets
 * would leave thousands of files open. */
static void discard_book(lxw_workbook *wb)
{
  lxw_worksheet *ws;
  LXW_FOREACH_WORKSHEET(ws, wb)
  {
    if (ws->optimize_tmpfile) {
      fclose(ws->optimize_tmpfile);
      ws->optimize_tmpfile = NULL;
      ws->file = NULL;
    }
  }
  lxw_workbook_free(wb);
}

/* Write the workbook. When libxlsxwriter cannot even create the package (e.g. no file
 * descriptor left), it has not touched the sheets' temporary files: close them. */
static int close_book(lxw_workbook *wb)
{
  size_t n = 0, k = 0;
  lxw_worksheet *ws;
  LXW_FOREACH_WORKSHEET(ws, wb)
  {
    n += ws->optimize_tmpfile != NULL;
  }
  FILE **files = n ? tertial__calloc(n, sizeof *files) : NULL;
  LXW_FOREACH_WORKSHEET(ws, wb)
  {
    if (files && ws->optimize_tmpfile)
      files[k++] = ws->optimize_tmpfile;
  }
  lxw_error e = workbook_close(wb);
  if (e == LXW_ERROR_CREATING_XLSX_FILE)
    for (size_t i = 0; i < k; i++)
      fclose(files[i]);
  free(files);
  return lxw_check(e, "writing the workbook");
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
  lxw_worksheet *ws = NULL;
  rc = sheet_name(&name, w, en ? "Goals and indicators" : "Mål och styrtal");
  if (rc == 0)
    rc = add_sheet(&ws, w, name.data);
  if (rc == 0)
    rc = lxw_check(worksheet_set_column(ws, 0, 0, 44, NULL), "setting column widths");
  if (rc == 0)
    rc = lxw_check(worksheet_set_column(ws, 1, 2, 12, NULL), "setting column widths");
  if (rc == 0)
    rc = lxw_check(worksheet_set_column(ws, 3, 3 + (lxw_col_t)cutoff, 8, NULL), "setting column widths");
  if (rc == 0)
    rc = tertial__sb_printf(&title, en ? "%s: indicators by month" : "%s: styrtal per månad", tertial_report_title(r));
  if (rc == 0)
    rc = write_text(w, ws, 0, 0, title.data, w->f.title);
  if (rc == 0)
    rc = write_text(w, ws, 1, 0, tertial_report_subtitle(r), w->f.subtitle);
  /* the header: Styrtal, Enhet, Mål, the months, Målvärde */
  const lxw_row_t head = 3;
  const char *heads[3] = {en ? "Indicator" : "Styrtal", en ? "Unit" : "Enhet", en ? "Goal" : "Mål"};
  for (int c = 0; rc == 0 && c < 3; c++)
    rc = write_text(w, ws, head, c, heads[c], w->f.header);
  for (int k = 0; rc == 0 && k < cutoff; k++) {
    int period = 0;
    rc = tertial_fiscal_year_period(&period, fy, k);
    if (rc == 0)
      rc = write_text(w, ws, head, 3 + k, months[en ? 1 : 0][period % 100 - 1], w->f.header_right);
  }
  /* two rows a styrtal: its values, then its target in every month (the chart's second line) */
  lxw_format *number[7] = {NULL};
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const tertial_indicator_spec *spec = tertial_indicator_at(g, series[i].id);
    int d = spec->decimals < 0 ? 0 : spec->decimals > 6 ? 6 : spec->decimals;
    if (!number[d]) {
      char f[16] = "0";
      if (d)
        snprintf(f, sizeof f, "0.%.*s", d, "000000");
      if (!(number[d] = fmt(w, 0, 0, f, 0)))
        rc = TERTIAL_ERR_NOMEM;
    }
    double scale = 1;
    for (int k = 0; k < d; k++)
      scale *= 10;
    lxw_row_t row = head + 1 + (lxw_row_t)(2 * i);
    tertial_strbuf label = {0};
    if (rc == 0)
      rc = *spec->unit_of_measure ? tertial__sb_printf(&label, "%s (%s)", spec->name, spec->unit_of_measure)
                                  : tertial__sb_append(&label, spec->name);
    if (rc == 0)
      rc = write_text(w, ws, row, 0, label.data, w->f.label[0][0]);
    tertial__sb_clear(&label);
    if (rc == 0)
      rc = write_text(w, ws, row, 1, tertial_org_unit(tertial_model_org(m), series[i].unit)->code, w->f.text);
    if (rc == 0)
      rc = write_text(w, ws, row, 2, series[i].goal, w->f.text);
    if (rc == 0)
      rc = write_text(w, ws, row + 1, 0, en ? "Target" : "Målvärde", w->f.label[0][0]);
    for (int k = 0; rc == 0 && k < cutoff; k++) {
      int period;
      tertial_indicator_result x;
      tertial_fiscal_year_period(&period, fy, k);
      rc = tertial_indicator_evaluate(&x, g, series[i].id, series[i].unit, period, fy->first_year);
      if (rc == 0 && x.has_value)
        rc = lxw_check(worksheet_write_number(ws, row, (lxw_col_t)(3 + k), (double)x.value / scale, number[d]),
                       "writing a value");
      if (rc == 0 && x.has_target)
        rc = lxw_check(worksheet_write_number(ws, row + 1, (lxw_col_t)(3 + k), (double)x.target / scale, number[d]),
                       "writing a target");
    }
    /* the chart: the values and the target over the months, beside the table */
    lxw_chart *chart = rc == 0 ? workbook_add_chart(w->wb, LXW_CHART_LINE) : NULL;
    if (rc == 0 && !chart)
      rc = tertial__error(TERTIAL_ERR_NOMEM, "xlsx: cannot create the chart");
    for (int k = 0; rc == 0 && k < 2; k++) {
      lxw_chart_series *cs = chart_add_series(chart, NULL, NULL);
      if (!cs) {
        rc = tertial__error(TERTIAL_ERR_NOMEM, "xlsx: cannot create a chart series");
        break;
      }
      chart_series_set_categories(cs, name.data, head, 3, head, (lxw_col_t)(2 + cutoff));
      chart_series_set_values(cs, name.data, row + (lxw_row_t)k, 3, row + (lxw_row_t)k, (lxw_col_t)(2 + cutoff));
      chart_series_set_name(cs, k ? (en ? "Target" : "Målvärde") : spec->name);
      if (k) {
        lxw_chart_line line;
        memset(&line, 0, sizeof line);
        line.dash_type = LXW_CHART_LINE_DASH_DASH;
        line.color = 0xC00000;
        chart_series_set_line(cs, &line);
      }
    }
    if (rc == 0) {
      chart_title_set_name(chart, spec->name);
      chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
      lxw_chart_options opt;
      memset(&opt, 0, sizeof opt);
      opt.x_offset = 24;
      rc = lxw_check(worksheet_insert_chart_opt(ws, head + 2 * (lxw_row_t)n + 2 + 16 * (lxw_row_t)i, 0, chart, &opt),
                     "inserting the chart");
    }
  }
  if (rc == 0)
    finish_sheet(w, ws);
  free(series);
  tertial__sb_clear(&name);
  tertial__sb_clear(&title);
  return rc;
}

static int export_book(xw *w, const tertial_report *r, const char *temp)
{
  lxw_workbook_options lo;
  memset(&lo, 0, sizeof lo);
  lo.constant_memory = w->o->constant_memory ? LXW_TRUE : LXW_FALSE;
  /* libxlsxwriter 1.1.4 declares the folder non-const; it only reads it. */
  lo.tmpdir = (char *)w->o->tmpdir;
  w->wb = workbook_new_opt(temp, &lo);
  if (!w->wb)
    return tertial__error(TERTIAL_ERR_NOMEM, "xlsx: cannot create a workbook");
  int rc = make_formats(w);
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
  if (rc == 0)
    rc = define_all(w);
  if (rc == 0)
    rc = unpark_all(w);
  for (size_t i = 0; i < w->nparked; i++) /* after a failure: nothing to write */
    close(w->parked[i].fd);
  w->nparked = 0;
  /* Closing or discarding frees the workbook; after a failure the caller removes its file. */
  if (rc < 0)
    discard_book(w->wb);
  else
    rc = close_book(w->wb);
  w->wb = NULL;
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
  w.direct_names = DIRECT_NAMES && !public_names;
  static const int64_t unit_ore[] = {TERTIAL_ORE_PER_KR, TERTIAL_ORE_PER_TKR, TERTIAL_ORE_PER_MKR};
  w.per_unit = 1;
  for (int d = 0; d < o->decimals; d++)
    w.per_unit *= 10;
  w.step = unit_ore[o->unit] / w.per_unit;

  /* libxlsxwriter formats numbers with printf: write them in the C numeric locale on this
   * thread only, and restore the caller's locale afterwards. */
  locale_t base = duplocale(uselocale((locale_t)0));
  locale_t c_numeric = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
  if (!c_numeric) {
    if (base)
      freelocale(base);
    return tertial__nomem("xlsx: the C numeric locale");
  }
  locale_t previous = uselocale(c_numeric);

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
  for (size_t i = 0; i < w.ndefined; i++)
    clear_defined_name(&w.defined[i]);
  free(w.defined);
  free(w.parked);

  uselocale(previous);
  freelocale(c_numeric);
  return rc;
}
