#include <glib.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include "fileio.h"

#include "followup_internal.h"
#include "forecast_internal.h"
#include "ledger_internal.h"
#include "org_internal.h"
#include "presentation_internal.h"

typedef struct csv {
  tertial_strbuf sb;
  const tertial_csv_options *o;
  tertial_csv_options opts; /* the caller's, a version-1 struct completed */
  char sep, dec;
  int guard; /* guard formulas (guard_formulas resolved by style) */
} csv;

static int field_sep(csv *w, int first)
{
  return first ? 0 : tertial__sb_append_len(&w->sb, &w->sep, 1);
}

/* A text field, the one place user text is written: control characters replaced (see
 * render_csv.h), quoted when RFC 4180 requires it, guarded with a leading ' when asked. */
static int text_field(csv *w, const char *s, int first)
{
  tertial_strbuf text = {0};
  int rc = field_sep(w, first);
  if (rc == 0)
    rc = tertial__sb_append_text(&text, s, TERTIAL__TEXT_FIELD);
  const char *t = text.data ? text.data : "";
  int guard = w->guard && t[0] && strchr("=+-@\t\r", t[0]);
  int quote = guard || strchr(t, w->sep) || strchr(t, '"') || strchr(t, '\r') || strchr(t, '\n');
  if (rc == 0 && quote)
    rc = tertial__sb_append(&w->sb, guard ? "\"'" : "\"");
  for (const char *p = t, *q; rc == 0 && *p; p = q) {
    q = quote ? strchr(p, '"') : NULL;
    q = q ? q + 1 : p + strlen(p);
    rc = tertial__sb_append_len(&w->sb, p, (size_t)(q - p));
    if (rc == 0 && q[-1] == '"')
      rc = tertial__sb_append(&w->sb, "\"");
  }
  if (rc == 0 && quote)
    rc = tertial__sb_append(&w->sb, "\"");
  tertial__sb_clear(&text);
  return rc;
}

static int end_record(csv *w)
{
  return tertial__sb_append(&w->sb, "\r\n");
}

static const char *style_name(tertial_report_style s)
{
  return s == TERTIAL_STYLE_TOTAL ? "total" : s == TERTIAL_STYLE_SUBTOTAL ? "subtotal" : "normal";
}

static int value_field(csv *w, const tertial_report_column *col, const tertial_report_cell *c)
{
  if (col->type == TERTIAL_REPORT_TEXT)
    return text_field(w, c->present ? c->text : "", 0);
  int rc = field_sep(w, 0);
  if (rc < 0 || !c->present)
    return rc;
  const tertial_presentation *p = w->o->presentation;
  switch (col->type) {
  case TERTIAL_REPORT_TEXT:
    break;
  case TERTIAL_REPORT_AMOUNT:
    if (tertial_presentation_unit(p) >= 0) {
      int64_t steps;
      int decimals = tertial_presentation_decimals(p);
      rc = tertial_money_round(&steps, c->value, (tertial_money_unit)tertial_presentation_unit(p), decimals);
      return rc < 0 ? rc : tertial__format_fixed(&w->sb, steps, decimals, w->dec);
    }
    return tertial__format_fixed2(&w->sb, c->value, w->dec);
  case TERTIAL_REPORT_SHARE:
    return tertial__format_fixed2(&w->sb, c->value, w->dec);
  case TERTIAL_REPORT_DATE:
    return tertial__sb_printf(&w->sb, "%04d-%02d-%02d", c->date.year, c->date.month, c->date.day);
  }
  return 0;
}

static int header(csv *w, const tertial_report_section *s, const tertial__pcol *cols, size_t ncols)
{
  static const char *const keys[] = {"code", "depth", "style", "parent", "informational"};
  static const char *const sv[] = {"Kod", "Nivå", "Radtyp", "Överordnad rad", "Ingår ej i summan"};
  static const char *const en[] = {"Code", "Level", "Line type", "Parent line", "Not in the sum"};
  int machine = w->o->style == TERTIAL_CSV_MACHINE;
  int rc = 0;
  for (int k = 0; rc == 0 && k < 5; k++)
    rc = text_field(w, machine ? keys[k] : s->english ? en[k] : sv[k], k == 0);
  for (size_t c = 0; rc == 0 && c < ncols; c++)
    rc = text_field(w, machine ? cols[c].col.key : cols[c].col.header, 0);
  return rc < 0 ? rc : end_record(w);
}

static int table(csv *w, const tertial_report_section *s)
{
  tertial__pcol *cols;
  size_t ncols;
  int rc = tertial__present_columns(&cols, &ncols, w->o->presentation, s);
  if (rc == 0)
    rc = header(w, s, cols, ncols);
  for (size_t i = 0; rc == 0 && i < s->line_count; i++) {
    const tertial_report_line *l = tertial_report_line_at(s, i);
    rc = text_field(w, l->code, 1);
    if (rc == 0)
      rc = tertial__sb_printf(&w->sb, "%c%d%c%s%c", w->sep, l->depth, w->sep, style_name(l->style), w->sep);
    int parent = tertial__present_parent(w->o->presentation, s, i);
    if (rc == 0 && parent >= 0)
      rc = tertial__sb_printf(&w->sb, "%d", parent);
    if (rc == 0)
      rc = tertial__sb_printf(&w->sb, "%c%d", w->sep, l->informational ? 1 : 0);
    for (size_t c = 0; rc == 0 && c < ncols; c++) {
      tertial_report_cell cell;
      rc = tertial__present_cell(&cell, w->o->presentation, s, i, &cols[c]);
      if (rc == 0)
        rc = value_field(w, &cols[c].col, &cell);
    }
    if (rc == 0)
      rc = end_record(w);
  }
  free(cols);
  return rc;
}

static int report(csv *w, const tertial_report *r, int with_title)
{
  int rc = 0;
  if (with_title) {
    rc = text_field(w, tertial_report_title(r), 1);
    if (rc == 0)
      rc = text_field(w, tertial_report_subtitle(r), 0);
    if (rc == 0)
      rc = end_record(w);
    if (rc == 0)
      rc = end_record(w);
  }
  for (size_t i = 0; rc == 0 && i < tertial_report_section_count(r); i++) {
    const tertial_report_section *s = tertial_report_section_at(r, i);
    rc = text_field(w, w->o->style == TERTIAL_CSV_MACHINE ? s->key : s->title, 1);
    if (rc == 0)
      rc = end_record(w);
    if (rc == 0)
      rc = table(w, s);
    if (rc == 0)
      rc = end_record(w);
  }
  for (size_t i = 0; rc == 0 && w->o->children && i < tertial_report_child_count(r); i++)
    rc = report(w, tertial_report_child_at(r, i), 1);
  return rc;
}

static int start(csv *w, const tertial_csv_options *options, const tertial_csv_options *defaults)
{
  memset(w, 0, sizeof *w);
  const tertial_csv_options *given = options ? options : defaults;
  if (given->version != 1 && given->version != TERTIAL_CSV_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "CSV options version %u is not supported (expected 1 to %u)",
                          given->version, TERTIAL_CSV_OPTIONS_VERSION);
  /* a version-1 struct ends before `presentation` */
  tertial_csv_options o_ = *defaults;
  memcpy(&o_, given, given->version == 1 ? offsetof(tertial_csv_options, presentation) : sizeof o_);
  const tertial_csv_options *o = &o_;
  if (o->style != TERTIAL_CSV_MACHINE && o->style != TERTIAL_CSV_SWEDISH)
    return tertial__error(TERTIAL_ERR_INVALID, "unknown CSV style %d", (int)o->style);
  int swedish = o->style == TERTIAL_CSV_SWEDISH;
  int guard = o->guard_formulas == TERTIAL_CSV_GUARD_BY_STYLE ? swedish : o->guard_formulas != 0;
  *w = (csv){{0}, NULL, o_, swedish ? ';' : ',', swedish ? ',' : '.', guard};
  w->o = &w->opts;
  return o->bom ? tertial__sb_append(&w->sb, "\xEF\xBB\xBF") : 0;
}

static int finish(char **out, csv *w, int rc)
{
  if (rc < 0) {
    tertial__sb_clear(&w->sb);
    return rc;
  }
  *out = tertial__sb_steal(&w->sb);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

int tertial_render_csv(char **out, const tertial_report *report_, const tertial_csv_options *options)
{
  if (!out || !report_)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_csv: NULL argument");
  *out = NULL;
  tertial_csv_options defaults = TERTIAL_CSV_OPTIONS_INIT;
  csv w;
  int rc = start(&w, options, &defaults);
  if (rc == 0)
    rc = report(&w, report_, 1);
  return finish(out, &w, rc);
}

int tertial_render_csv_section(char **out, const tertial_report_section *section, const tertial_csv_options *options)
{
  if (!out || !section)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_csv_section: NULL argument");
  *out = NULL;
  tertial_csv_options defaults = TERTIAL_CSV_OPTIONS_INIT;
  csv w;
  int rc = start(&w, options, &defaults);
  if (rc == 0)
    rc = table(&w, section);
  return finish(out, &w, rc);
}

int tertial_render_csv_file(const tertial_report *report_, const char *path, const tertial_csv_options *options)
{
  if (!path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_csv_file: NULL path");
  char *text = NULL;
  int rc = tertial_render_csv(&text, report_, options);
  if (rc == 0)
    rc = tertial__write_file_atomic(path, text, strlen(text));
  free(text);
  return rc;
}

/* ---- the long fact table ---- */

enum { LONG_MEASURES = 3 };

/* A unit's own amounts of a row by measure and month: its subtree's less those of the units that
 * were its children in each month (the cube rolls up month by month along that structure). */
static int own_block(int64_t own[LONG_MEASURES][CUBE_MONTHS], const tertial_cube *c, tertial_unit_id u, size_t row)
{
  static const int measure[LONG_MEASURES] = {CUBE_OUT, CUBE_BUD, CUBE_FC};
  const int64_t *mine = tertial__cube_block(c, c->rolled, u, row);
  int ovf = 0;
  for (int k = 0; k < LONG_MEASURES; k++)
    for (int m = 0; m < CUBE_MONTHS; m++)
      own[k][m] = mine[measure[k] * CUBE_MONTHS + m];
  for (size_t i = c->child_first[u]; i < c->child_first[u + 1]; i++) {
    tertial_unit_id child = c->child_ids[i];
    const int64_t *theirs = tertial__cube_block(c, c->rolled, child, row);
    for (int m = 0; m < CUBE_MONTHS; m++)
      if (c->parents[(size_t)m * c->nunits + child] == u)
        for (int k = 0; k < LONG_MEASURES; k++)
          ovf |= __builtin_sub_overflow(own[k][m], theirs[measure[k] * CUBE_MONTHS + m], &own[k][m]);
  }
  return ovf ? tertial__error(TERTIAL_ERR_OVERFLOW, "CSV: an amount of unit %u overflows", (unsigned)u) : 0;
}

static int long_header(csv *w)
{
  static const char *const keys[] = {"unit", "unit_name", "parent", "path", "row", "row_label", "row_group",
                                     "in_result", "account", "month", "measure", "value"};
  static const char *const sv[] = {"Enhet", "Enhetens namn", "Överordnad enhet", "Sökväg", "Rad", "Radens namn",
                                   "Radgrupp", "I resultatet", "Konto", "Månad", "Mått", "Belopp"};
  int rc = 0;
  for (size_t k = 0; rc == 0 && k < sizeof keys / sizeof *keys; k++)
    rc = text_field(w, w->o->style == TERTIAL_CSV_MACHINE ? keys[k] : sv[k], k == 0);
  return rc < 0 ? rc : end_record(w);
}

/* What the records of a unit are made from. */
typedef struct facts {
  csv *w;
  const tertial_cube *c;
  const tertial_org *org;
  const tertial_fiscal_year *fy;
  tertial_ledger *ledger;
  const tertial_chart *chart;
  const int *account_row;        /* account -> line row (-1 unmapped); with accounts only */
  size_t *line_first, *lines;    /* CSR: the unit's own ledger lines; with accounts only */
  int budget;
} facts;

/* The records of one block: the fields up to the row's once (`prefix`), the account, then one
 * record per month of each measure in `mask` (bit k: outcome, budget, forecast). */
static int long_block(facts *f, const tertial_strbuf *prefix, const char *account, int64_t v[LONG_MEASURES][CUBE_MONTHS],
                      unsigned mask)
{
  static const char *const names[LONG_MEASURES] = {"outcome", "budget", "forecast"};
  csv *w = f->w;
  int rc = 0;
  for (int k = 0; rc == 0 && k < LONG_MEASURES; k++) {
    if (!(mask & (1u << k)))
      continue;
    for (int m = 0; rc == 0 && m < CUBE_MONTHS; m++) {
      int period = 0;
      if (k == 0 && m >= f->c->cutoff) /* no outcome after the cut-off */
        break;
      rc = tertial_fiscal_year_period(&period, f->fy, m);
      if (rc == 0)
        rc = tertial__sb_append_len(&w->sb, prefix->data, prefix->len);
      if (rc == 0)
        rc = text_field(w, account, 0);
      if (rc == 0)
        rc = tertial__sb_printf(&w->sb, "%c%04d-%02d%c%s%c", w->sep, period / 100, period % 100, w->sep, names[k],
                                w->sep);
      if (rc == 0)
        rc = tertial__format_fixed2(&w->sb, v[k][m], w->dec);
      if (rc == 0)
        rc = end_record(w);
    }
  }
  return rc;
}

static int by_account_number(const void *a, const void *b, void *chart)
{
  const tertial_account *x = tertial_chart_account(chart, *(const tertial_account_id *)a);
  const tertial_account *y = tertial_chart_account(chart, *(const tertial_account_id *)b);
  return strcmp(x->number, y->number);
}

/* The records of one unit and row: with accounts, outcome and budget per account of the unit on
 * the row (in account order) and the forecast, which is the row's, with no account; else the
 * three measures of the row. */
static int long_records(facts *f, tertial_unit_id u, const char *parent, const char *path, size_t r)
{
  const tertial_cube *c = f->c;
  int64_t own[LONG_MEASURES][CUBE_MONTHS];
  int rc = own_block(own, c, u, r), any = 0;
  for (int k = 0; k < LONG_MEASURES; k++)
    for (int m = 0; m < CUBE_MONTHS; m++)
      any |= own[k][m] != 0;
  if (rc < 0 || !any)
    return rc;
  const tertial_unit *unit = tertial_org_unit(f->org, u);
  const tertial_report_row *row = tertial_rowmap_row(c->map, r);
  const tertial_report_row *group = row->parent >= 0 ? tertial_rowmap_row(c->map, (size_t)row->parent) : NULL;
  /* The fields before the account are the same in every record of the unit and row. */
  csv prefix = *f->w;
  memset(&prefix.sb, 0, sizeof prefix.sb);
  rc = text_field(&prefix, unit->code, 1);
  if (rc == 0)
    rc = text_field(&prefix, unit->name, 0);
  if (rc == 0)
    rc = text_field(&prefix, parent, 0);
  if (rc == 0)
    rc = text_field(&prefix, path, 0);
  if (rc == 0)
    rc = text_field(&prefix, row->code, 0);
  if (rc == 0)
    rc = text_field(&prefix, row->label, 0);
  if (rc == 0)
    rc = text_field(&prefix, group ? group->code : "", 0);
  if (rc == 0)
    rc = tertial__sb_printf(&prefix.sb, "%c%d", f->w->sep, tertial__row_in_result(c->map, (int)r));
  if (!f->account_row) {
    if (rc == 0)
      rc = long_block(f, &prefix.sb, "", own, 7);
    tertial__sb_clear(&prefix.sb);
    return rc;
  }
  size_t n = f->line_first[u + 1] - f->line_first[u], k = 0;
  tertial_account_id *accounts = tertial__malloc((n ? n : 1) * sizeof *accounts);
  if (rc == 0 && !accounts)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = f->line_first[u]; rc == 0 && i < f->line_first[u + 1]; i++) {
    tertial_unit_id lu;
    tertial_account_id a;
    tertial__ledger_own_key(f->ledger, f->lines[i], &lu, &a);
    if (f->account_row[a] == (int)r)
      accounts[k++] = a;
  }
  if (rc == 0)
    g_qsort_with_data(accounts, (gint)k, sizeof *accounts, by_account_number, (void *)f->chart);
  for (size_t j = 0; rc == 0 && j < k; j++) {
    int64_t v[LONG_MEASURES][CUBE_MONTHS] = {{0}};
    for (size_t i = f->line_first[u]; i < f->line_first[u + 1]; i++) {
      tertial_unit_id lu;
      tertial_account_id a;
      tertial__ledger_own_key(f->ledger, f->lines[i], &lu, &a);
      if (a == accounts[j]) {
        tertial__ledger_own_months(f->ledger, f->lines[i], TERTIAL_MEASURE_OUTCOME, v[0]);
        tertial__ledger_own_months(f->ledger, f->lines[i], f->budget, v[1]);
      }
    }
    rc = long_block(f, &prefix.sb, tertial_chart_account(f->chart, accounts[j])->number, v, 3);
  }
  if (rc == 0)
    rc = long_block(f, &prefix.sb, "", own, 4);
  free(accounts);
  tertial__sb_clear(&prefix.sb);
  return rc;
}

/* With accounts: every unit's own ledger lines on an account of the chart (CSR by unit) and the
 * accounts' rows. */
static int index_lines(facts *f)
{
  size_t nunits = tertial_org_unit_count(f->org), nlines = tertial__ledger_own_count(f->ledger), nacc = 0;
  int rc = tertial__ledger_account_rows(f->ledger, f->c->map, &f->account_row, &nacc);
  f->line_first = rc == 0 ? tertial__calloc(nunits + 2, sizeof *f->line_first) : NULL;
  f->lines = rc == 0 ? tertial__malloc((nlines ? nlines : 1) * sizeof *f->lines) : NULL;
  if (rc == 0 && (!f->line_first || !f->lines))
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < nlines; i++) {
    tertial_unit_id u;
    tertial_account_id a;
    tertial__ledger_own_key(f->ledger, i, &u, &a);
    if (u < nunits && a < nacc)
      f->line_first[u + 2]++;
  }
  for (size_t u = 0; rc == 0 && u < nunits; u++)
    f->line_first[u + 2] += f->line_first[u + 1];
  for (size_t i = 0; rc == 0 && i < nlines; i++) {
    tertial_unit_id u;
    tertial_account_id a;
    tertial__ledger_own_key(f->ledger, i, &u, &a);
    if (u < nunits && a < nacc)
      f->lines[f->line_first[u + 1]++] = i;
  }
  return rc;
}

static int long_table(csv *w, tertial_model *model, tertial_unit_id unit, int cutoff, unsigned flags)
{
  facts f = {w, NULL, tertial_model_org(model), tertial_model_fiscal_year(model), tertial_model_ledger(model),
             tertial_model_chart(model), NULL, NULL, NULL, tertial_model_current_budget(model)};
  int rc = tertial__cube_get(&f.c, model, cutoff, f.budget);
  if (rc == 0 && (flags & TERTIAL_CSV_LONG_ACCOUNTS))
    rc = index_lines(&f);
  int period = 0;
  if (rc == 0)
    rc = tertial_fiscal_year_period(&period, f.fy, cutoff - 1);
  tertial_unit_id *ids = NULL;
  int *depths = NULL;
  size_t count = 0;
  if (rc == 0)
    rc = tertial__org_preorder(f.org, unit, period, &ids, &depths, &count);
  /* at[d]: the length of `path` up to the unit at depth d, whose code it ends with */
  size_t *at = rc == 0 ? tertial__malloc((count + 1) * sizeof *at) : NULL;
  if (rc == 0 && !at)
    rc = TERTIAL_ERR_NOMEM;
  tertial_strbuf path = {0}, parent = {0};
  if (rc == 0)
    rc = long_header(w);
  for (size_t i = 0; rc == 0 && i < count; i++) {
    int d = depths[i];
    path.len = d > 0 ? at[d - 1] : 0;
    tertial__sb_clear(&parent);
    if (d > 0) {
      rc = tertial__sb_append_len(&parent, path.data + (d > 1 ? at[d - 2] + 1 : 0),
                                  at[d - 1] - (d > 1 ? at[d - 2] + 1 : 0));
      if (rc == 0)
        rc = tertial__sb_append(&path, "/");
    }
    if (rc == 0)
      rc = tertial__sb_append(&path, tertial_org_unit(f.org, ids[i])->code);
    at[d] = path.len;
    for (size_t r = 0; rc == 0 && r < f.c->nrows; r++)
      if (tertial_rowmap_row(f.c->map, r)->kind == TERTIAL_ROW_LINE)
        rc = long_records(&f, ids[i], parent.data ? parent.data : "", path.data, r);
  }
  tertial__sb_clear(&path);
  tertial__sb_clear(&parent);
  free(at);
  free(ids);
  free(depths);
  free(f.line_first);
  free(f.lines);
  return rc;
}

int tertial_render_csv_long(char **out, tertial_model *model, tertial_unit_id unit, int cutoff, unsigned int flags,
                            const tertial_csv_options *options)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_csv_long: NULL argument");
  *out = NULL;
  if (flags & ~(unsigned)TERTIAL_CSV_LONG_ACCOUNTS)
    return tertial__error(TERTIAL_ERR_INVALID, "CSV: unknown flags 0x%x", flags);
  if (!tertial_org_unit(tertial_model_org(model), unit))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "CSV: the organisation has no unit with id %u", (unsigned)unit);
  if (cutoff < 1 || cutoff > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "CSV: cut-off %d is outside 1..12", cutoff);
  tertial_csv_options defaults = TERTIAL_CSV_OPTIONS_INIT;
  csv w;
  int rc = start(&w, options, &defaults);
  if (rc == 0)
    rc = long_table(&w, model, unit, cutoff, flags);
  return finish(out, &w, rc);
}

int tertial_render_csv_long_file(tertial_model *model, tertial_unit_id unit, int cutoff, unsigned int flags,
                                 const char *path, const tertial_csv_options *options)
{
  if (!path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_csv_long_file: NULL path");
  char *text = NULL;
  int rc = tertial_render_csv_long(&text, model, unit, cutoff, flags, options);
  if (rc == 0)
    rc = tertial__write_file_atomic(path, text, strlen(text));
  free(text);
  return rc;
}
