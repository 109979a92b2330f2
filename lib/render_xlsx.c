/* uselocale, newlocale */
#define _POSIX_C_SOURCE 200809L

#include <glib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "internal.h"

#include "fileio.h"

#define MAX_INDENT 7
#define SHEET_NAME_CHARS 31
#define HEADER_ROW 3

/* Columns of a follow-up-shaped section (label, then the eight columns in order). */
#define COL(c) (1 + (int)(c))

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
  tertial_strbuf names;     /* sheet names taken so far, each followed by '\n' (lower-case ASCII) */
  int sheet_index;
} xw;

/* One sheet's section being written. */
typedef struct table {
  const tertial_report_section *s;
  int followup;
  size_t nl, nc;
  int64_t *disp;   /* nl × nc display steps of amount columns */
  int *level;      /* length of each line's parent_line chain */
  lxw_row_t first; /* sheet row of line 0 */
} table;

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
  char signed_amount[160];
  snprintf(signed_amount, sizeof signed_amount, "%s;[Red]-%s", amount, amount);
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

static int is_followup(const tertial_report_section *s)
{
  if (s->column_count < 1 + TERTIAL_COL_COUNT || tertial_report_column_at(s, 0)->type != TERTIAL_REPORT_TEXT)
    return 0;
  for (int c = 0; c < TERTIAL_COL_COUNT; c++)
    if (tertial_report_column_at(s, (size_t)COL(c))->source != c)
      return 0;
  return 1;
}

/* Deviations and shares are derived from the displayed amounts; the others are rounded. */
static int is_derived(const table *t, size_t c)
{
  int src = tertial_report_column_at(t->s, c)->source;
  return t->followup && (src == TERTIAL_COL_DEVIATION_ACC || src == TERTIAL_COL_FORECAST_DEVIATION);
}

/* Whether line j adds into line p in column c. */
static int adds_into(const table *t, size_t j, size_t p, size_t c)
{
  const tertial_report_line *l = tertial_report_line_at(t->s, j);
  return l->parent_line == (int)p && !l->informational && tertial_report_cell_at(t->s, j, c)->present;
}

static int has_children(const table *t, size_t p, size_t c)
{
  for (size_t j = 0; j < t->nl; j++)
    if (adds_into(t, j, p, c))
      return 1;
  return 0;
}

/* The children of p get display steps that add up to p's. */
static int allocate(table *t, xw *w, size_t p, size_t c, int64_t *vals, int64_t *out, size_t *idx)
{
  size_t k = 0;
  for (size_t j = 0; j < t->nl; j++)
    if (adds_into(t, j, p, c)) {
      vals[k] = tertial_report_cell_at(t->s, j, c)->value;
      idx[k++] = j;
    }
  if (k == 0)
    return 0;
  int rc = tertial__round_to_target(out, vals, k, w->step, t->disp[p * t->nc + c]);
  if (rc == TERTIAL_ERR_RANGE) {
    /* p is not the exact sum of these lines: round each alone; p becomes their sum below. */
    tertial_error_clear();
    rc = 0;
    for (size_t j = 0; rc == 0 && j < k; j++)
      rc = tertial_money_round(&out[j], vals[j], w->o->unit, w->o->decimals);
  }
  for (size_t j = 0; rc == 0 && j < k; j++)
    t->disp[idx[j] * t->nc + c] = out[j];
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
        for (size_t j = 0; j < t->nl; j++)
          if (adds_into(t, j, p, c) && tertial__add_ovf(sum, t->disp[j * t->nc + c], &sum))
            rc = tertial__error(TERTIAL_ERR_OVERFLOW, "xlsx: a total overflows");
        t->disp[p * t->nc + c] = sum;
      }
  }
  for (size_t i = 0; rc == 0 && t->followup && i < t->nl; i++) {
    int64_t *d = &t->disp[i * t->nc];
    d[COL(TERTIAL_COL_DEVIATION_ACC)] = d[COL(TERTIAL_COL_BUDGET_ACC)] - d[COL(TERTIAL_COL_OUTCOME_ACC)];
    d[COL(TERTIAL_COL_FORECAST_DEVIATION)] = d[COL(TERTIAL_COL_BUDGET_YEAR)] - d[COL(TERTIAL_COL_FORECAST)];
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
  for (size_t j = 0; rc == 0 && j < t->nl; j++) {
    if (!adds_into(t, j, p, c))
      continue;
    size_t end = j;
    while (end + 1 < t->nl && adds_into(t, end + 1, p, c))
      end++;
    char a[32], b[32];
    cell_ref(a, sizeof a, t->first + (lxw_row_t)j, (int)c, 0);
    cell_ref(b, sizeof b, t->first + (lxw_row_t)end, (int)c, 0);
    rc = end > j ? tertial__sb_printf(sb, "%s%s:%s", first ? "" : ",", a, b)
                 : tertial__sb_printf(sb, "%s%s", first ? "" : ",", a);
    first = 0;
    j = end;
  }
  return rc < 0 ? rc : tertial__sb_append(sb, ")");
}

static int write_amount(xw *w, lxw_worksheet *ws, const table *t, size_t i, size_t c, int bold)
{
  lxw_row_t row = t->first + (lxw_row_t)i;
  int64_t d = t->disp[i * t->nc + c];
  lxw_format *f = w->f.amount[bold];
  int src = tertial_report_column_at(t->s, c)->source;
  char a[32], b[32], formula[96];
  if (is_derived(t, c)) {
    int minuend = src == TERTIAL_COL_DEVIATION_ACC ? TERTIAL_COL_BUDGET_ACC : TERTIAL_COL_BUDGET_YEAR;
    int subtrahend = src == TERTIAL_COL_DEVIATION_ACC ? TERTIAL_COL_OUTCOME_ACC : TERTIAL_COL_FORECAST;
    cell_ref(a, sizeof a, row, COL(minuend), 0);
    cell_ref(b, sizeof b, row, COL(subtrahend), 0);
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
  cell_ref(out, sizeof out, row, COL(TERTIAL_COL_OUTCOME_ACC), 0);
  cell_ref(bud, sizeof bud, row, COL(TERTIAL_COL_BUDGET_YEAR), 0);
  snprintf(formula, sizeof formula, "=IF(%s=0,\"\",ROUND(%s/%s*100,2))", bud, out, bud);
  int64_t o = t->disp[i * t->nc + (size_t)COL(TERTIAL_COL_OUTCOME_ACC)];
  int64_t b = t->disp[i * t->nc + (size_t)COL(TERTIAL_COL_BUDGET_YEAR)];
  lxw_format *f = w->f.share[bold];
  if (b == 0)
    return lxw_check(worksheet_write_formula_str(ws, row, (lxw_col_t)c, formula, f, ""), "writing a share");
  double v = (double)tertial__div_round((tertial_i128)o * 10000, b) / 100.0;
  return lxw_check(worksheet_write_formula_num(ws, row, (lxw_col_t)c, formula, f, v), "writing a share");
}

static int write_line(xw *w, lxw_worksheet *ws, const table *t, size_t i)
{
  const tertial_report_line *l = tertial_report_line_at(t->s, i);
  lxw_row_t row = t->first + (lxw_row_t)i;
  int bold = l->style != TERTIAL_STYLE_NORMAL;
  int rc = 0;
  if (t->level[i] > 0) {
    lxw_row_col_options opt = {0, (uint8_t)(t->level[i] > 7 ? 7 : t->level[i]), 0};
    rc = lxw_check(worksheet_set_row_opt(ws, row, LXW_DEF_ROW_HEIGHT, NULL, &opt), "grouping rows");
  }
  for (size_t c = 0; rc == 0 && c < t->nc; c++) {
    const tertial_report_column *col = tertial_report_column_at(t->s, c);
    const tertial_report_cell *x = tertial_report_cell_at(t->s, i, c);
    int share = t->followup && col->source == TERTIAL_COL_SHARE_USED;
    if (!x->present && !share)
      continue;
    switch (col->type) {
    case TERTIAL_REPORT_TEXT: {
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

/* Three cell-value rules over the rows of a deviation column that have a value. */
static int traffic_lights(xw *w, lxw_worksheet *ws, const table *t, size_t c)
{
  tertial_strbuf ranges = {0};
  lxw_row_t first = 0, last = 0;
  int any = 0, rc = 0;
  for (size_t i = 0; rc == 0 && i < t->nl; i++) {
    if (!tertial_report_cell_at(t->s, i, c)->present)
      continue;
    size_t end = i;
    while (end + 1 < t->nl && tertial_report_cell_at(t->s, end + 1, c)->present)
      end++;
    char a[32], b[32];
    cell_ref(a, sizeof a, t->first + (lxw_row_t)i, (int)c, 0);
    cell_ref(b, sizeof b, t->first + (lxw_row_t)end, (int)c, 0);
    rc = tertial__sb_printf(&ranges, "%s%s:%s", any ? " " : "", a, b);
    if (!any) {
      first = t->first + (lxw_row_t)i;
      last = t->first + (lxw_row_t)end;
    }
    any = 1;
    i = end;
  }
  double green = (double)w->o->green_from / (double)w->step / (double)w->per_unit;
  double red = (double)w->o->red_below / (double)w->step / (double)w->per_unit;
  lxw_conditional_format rules[3];
  memset(rules, 0, sizeof rules);
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
  for (int k = 0; rc == 0 && any && k < 3; k++) {
    rules[k].type = LXW_CONDITIONAL_TYPE_CELL;
    /* libxlsxwriter 1.1.4 takes the range list as a non-const string it only reads. */
    rules[k].multi_range = strchr(ranges.data, ' ') ? (char *)ranges.data : NULL;
    rc = lxw_check(worksheet_conditional_format_range(ws, first, (lxw_col_t)c, last, (lxw_col_t)c, &rules[k]),
                   "adding a conditional format");
  }
  tertial__sb_clear(&ranges);
  return rc;
}

/* ---- sheets ---- */

/* A valid, unique sheet name from a title: no []:*?/\'! and at most 31 characters. */
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
    /* Excel compares sheet names without case; libxlsxwriter does so for ASCII letters. */
    tertial_strbuf key = {0};
    rc = tertial__sb_append(&key, "\n");
    if (rc == 0)
      rc = tertial__sb_append(&key, out->data);
    if (rc == 0)
      rc = tertial__sb_append(&key, "\n");
    for (size_t i = 0; rc == 0 && i < key.len; i++)
      key.data[i] = g_ascii_tolower(key.data[i]);
    int taken = rc == 0 && (strstr(w->names.data ? w->names.data : "", key.data) ||
                            strcmp(key.data, "\nhistory\n") == 0);
    if (rc == 0 && !taken)
      rc = tertial__sb_append(&w->names, key.data + (w->names.len ? 1 : 0));
    if (rc == 0 && !w->names.len)
      rc = TERTIAL_ERR_NOMEM;
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

static int page_setup(xw *w, lxw_worksheet *ws, const tertial_report *r, lxw_row_t repeat_to)
{
  int en = tertial_report_english(r);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9); /* A4 */
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_outline_settings(ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
  int rc = lxw_check(worksheet_repeat_rows(ws, 0, repeat_to), "repeating header rows");
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

static const tertial_report_section *widest_followup(const tertial_report *r)
{
  const tertial_report_section *best = NULL;
  for (size_t i = 0; i < tertial_report_section_count(r); i++) {
    const tertial_report_section *s = tertial_report_section_at(r, i);
    if (is_followup(s) && (!best || s->column_count > best->column_count))
      best = s;
  }
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

static int define_names(xw *w, const char *sheet, const tertial_report *r, const table *tables, size_t n, int root)
{
  lxw_row_t row;
  if (!total_row(&row, tables, n))
    return 0;
  int rc = 0;
  for (int c = 0; rc == 0 && c < TERTIAL_COL_COUNT; c++) {
    char ref[32], name[256], formula[256];
    cell_ref(ref, sizeof ref, row, COL(c), 1);
    const char *id = tertial_report_english(r) ? name_en[c] : name_sv[c];
    if (root)
      snprintf(name, sizeof name, "%s", id);
    else
      snprintf(name, sizeof name, "'%s'!%s", sheet, id);
    snprintf(formula, sizeof formula, "='%s'!%s", sheet, ref);
    rc = lxw_check(workbook_define_name(w->wb, name, formula), "defining a name");
  }
  return rc;
}

static int title_rows(xw *w, lxw_worksheet *ws, const tertial_report *r)
{
  static const char *const units_sv[] = {"kr", "tkr", "mkr"};
  static const char *const units_en[] = {"SEK", "SEK thousand", "SEK million"};
  int en = tertial_report_english(r);
  tertial_strbuf sb = {0};
  int rc = tertial__sb_printf(&sb, en ? "%s, amounts in %s" : "%s, belopp i %s", tertial_report_subtitle(r),
                              (en ? units_en : units_sv)[w->o->unit]);
  if (rc == 0)
    rc = write_text(w, ws, 0, 0, tertial_report_title(r), w->f.title);
  if (rc == 0)
    rc = write_text(w, ws, 1, 0, sb.data, w->f.subtitle);
  tertial__sb_clear(&sb);
  return rc;
}

static int write_sheet(xw *w, const tertial_report *r)
{
  size_t n = tertial_report_section_count(r);
  tertial_strbuf name = {0};
  table *tables = tertial__calloc(n + 1, sizeof *tables);
  int rc = tables ? sheet_name(&name, w, tertial_report_title(r)) : TERTIAL_ERR_NOMEM;
  lxw_worksheet *ws = NULL;
  if (rc == 0 && !(ws = workbook_add_worksheet(w->wb, name.data)))
    rc = tertial__error(TERTIAL_ERR_INVALID, "xlsx: cannot add a sheet named %s", name.data);
  const tertial_report_section *shared = widest_followup(r);
  lxw_row_t header_row = shared ? HEADER_ROW : HEADER_ROW - 1;
  /* Everything that libxlsxwriter's constant-memory mode needs before the first row. */
  size_t ncols = 1;
  for (size_t i = 0; i < n; i++)
    if (tertial_report_section_at(r, i)->column_count > ncols)
      ncols = tertial_report_section_at(r, i)->column_count;
  if (rc == 0)
    rc = lxw_check(worksheet_set_column(ws, 0, 0, 44, NULL), "setting column widths");
  if (rc == 0 && ncols > 1)
    rc = lxw_check(worksheet_set_column(ws, 1, (lxw_col_t)(ncols - 1), 18, NULL), "setting column widths");
  if (rc == 0) {
    worksheet_freeze_panes(ws, header_row + 1, 1);
    rc = page_setup(w, ws, r, header_row);
  }
  if (rc == 0)
    rc = title_rows(w, ws, r);
  if (rc == 0 && shared) {
    rc = lxw_check(worksheet_set_row(ws, header_row, 45, NULL), "setting the header row");
    if (rc == 0)
      rc = header_cells(w, ws, header_row, shared, 1);
  }
  lxw_row_t row = header_row + 1;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    table *t = &tables[i];
    t->s = tertial_report_section_at(r, i);
    t->followup = is_followup(t->s);
    t->nl = t->s->line_count;
    t->nc = t->s->column_count;
    t->disp = tertial__calloc(t->nl * t->nc + 1, sizeof *t->disp);
    t->level = tertial__calloc(t->nl + 1, sizeof *t->level);
    rc = t->disp && t->level ? round_table(t, w) : TERTIAL_ERR_NOMEM;
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
  for (size_t i = 0; rc == 0 && i < n; i++)
    if (tables[i].followup && tables[i].nl > 0) {
      rc = traffic_lights(w, ws, &tables[i], (size_t)COL(TERTIAL_COL_DEVIATION_ACC));
      if (rc == 0)
        rc = traffic_lights(w, ws, &tables[i], (size_t)COL(TERTIAL_COL_FORECAST_DEVIATION));
    }
  if (rc == 0)
    rc = define_names(w, name.data, r, tables, n, w->sheet_index == 0);
  w->sheet_index++;
  for (size_t i = 0; tables && i < n; i++) {
    free(tables[i].disp);
    free(tables[i].level);
  }
  free(tables);
  tertial__sb_clear(&name);
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
  return 0;
}

static int export_book(xw *w, const tertial_report *r, const char *temp)
{
  lxw_workbook_options lo;
  memset(&lo, 0, sizeof lo);
  lo.constant_memory = w->o->constant_memory ? LXW_TRUE : LXW_FALSE;
  w->wb = workbook_new_opt(temp, &lo);
  if (!w->wb)
    return tertial__error(TERTIAL_ERR_NOMEM, "xlsx: cannot create a workbook");
  int rc = make_formats(w);
  if (rc == 0)
    rc = properties(w, r);
  if (rc == 0)
    rc = write_sheet(w, r);
  for (size_t i = 0; rc == 0 && w->o->children && i < tertial_report_child_count(r); i++)
    rc = write_sheet(w, tertial_report_child_at(r, i));
  /* Closing also frees the workbook; after a failure its file is removed by the caller. */
  int closed = lxw_check(workbook_close(w->wb), "writing the workbook");
  w->wb = NULL;
  return rc < 0 ? rc : closed;
}

int tertial_render_xlsx(const tertial_report *report, const char *path, const tertial_xlsx_options *options)
{
  if (!report || !path || !*path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_xlsx: NULL argument");
  tertial_xlsx_options defaults = TERTIAL_XLSX_OPTIONS_INIT;
  const tertial_xlsx_options *o = options ? options : &defaults;
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

  /* libxlsxwriter formats numbers with printf: write them in the C numeric locale on this
   * thread only, and restore the caller's locale afterwards. */
  locale_t base = duplocale(uselocale((locale_t)0));
  locale_t c_numeric = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
  if (!c_numeric) {
    if (base)
      freelocale(base);
    return tertial__error(TERTIAL_ERR_NOMEM, "xlsx: cannot create the C numeric locale");
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
  tertial__sb_clear(&w.names);

  uselocale(previous);
  freelocale(c_numeric);
  return rc;
}
