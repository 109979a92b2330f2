#include <stdlib.h>
#include <string.h>

#include "followup_internal.h"
#include "ledger_internal.h"
#include "org_internal.h"

/* The columns that are amounts in their own right (the others are derived from them). */
static const tertial_column base_columns[] = {
  TERTIAL_COL_OUTCOME_ACC, TERTIAL_COL_BUDGET_ACC, TERTIAL_COL_BUDGET_YEAR, TERTIAL_COL_FORECAST,
  TERTIAL_COL_PRIOR_YEAR,
};
#define NBASE (sizeof base_columns / sizeof *base_columns)

struct tertial_findings {
  tertial_finding *items;
  size_t n, cap, errors;
};

static const char *const kind_names[] = {
  "parent-sum", "category-total", "view-mismatch", "account-rollup", "months-sum",
  "unmapped", "forecast-missing", "rounding", "formula",
};

const char *tertial_finding_kind_name(tertial_finding_kind kind)
{
  if ((int)kind < 0 || (size_t)kind >= sizeof kind_names / sizeof *kind_names)
    return NULL;
  return kind_names[kind];
}

static int add_finding(tertial_findings *f, tertial_finding_kind kind, tertial_severity severity, const char *unit,
                       const char *row, int column, int64_t expected, int64_t found)
{
  int rc = tertial__grow((void **)&f->items, &f->cap, f->n + 1, sizeof *f->items);
  if (rc < 0)
    return rc;
  char *u = tertial__strdup(unit), *r = tertial__strdup(row);
  if (!u || !r) {
    free(u);
    free(r);
    return TERTIAL_ERR_NOMEM;
  }
  f->items[f->n++] = (tertial_finding){kind, severity, u, r, column, expected, found};
  if (severity == TERTIAL_SEVERITY_ERROR)
    f->errors++;
  return 0;
}

/* Report every base column where two lines disagree. */
static int compare_lines(tertial_findings *f, tertial_finding_kind kind, const char *unit, const char *row,
                         const int64_t *expected, const int64_t *found)
{
  for (size_t k = 0; k < NBASE; k++) {
    tertial_column c = base_columns[k];
    if (expected[c] != found[c]) {
      int rc = add_finding(f, kind, TERTIAL_SEVERITY_ERROR, unit, row, (int)c, expected[c], found[c]);
      if (rc < 0)
        return rc;
    }
  }
  return 0;
}

/* Sum the base columns of the lines whose parent_line is `parent` (internal rows excluded). */
static int sum_children(const tertial_followup *t, int parent, int64_t *sum)
{
  memset(sum, 0, TERTIAL_COL_COUNT * sizeof *sum);
  int ovf = 0;
  for (size_t i = 0; i < tertial_followup_line_count(t); i++) {
    const tertial_followup_line *l = tertial_followup_line_at(t, i);
    if (l->parent_line != parent || l->row_kind == TERTIAL_ROW_INTERNAL)
      continue;
    for (size_t k = 0; k < NBASE; k++)
      ovf |= tertial__add_ovf(sum[base_columns[k]], l->value[base_columns[k]], &sum[base_columns[k]]);
  }
  return ovf ? tertial__error(TERTIAL_ERR_OVERFLOW, "check: a sum of lines overflows") : 0;
}

typedef struct check_ctx {
  tertial_model *model;
  tertial_ledger *ledger;
  const tertial_rowmap *map;
  const tertial_org *org;
  int cutoff, budget, result;
  tertial_findings *f;
  int64_t (*totals)[TERTIAL_COL_COUNT]; /* per unit: its children-view total line */
} check_ctx;

static int table_for(tertial_followup **out, check_ctx *cx, tertial_unit_id u, tertial_followup_view view)
{
  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = view;
  o.budget_measure = cx->budget;
  return tertial_followup_new(out, cx->model, u, cx->cutoff, &o);
}

/* Parent = own + children, in the children view; remember the total for the view check. */
static int check_parent_sum(check_ctx *cx, tertial_unit_id u, const tertial_followup *t)
{
  const tertial_followup_line *total = tertial_followup_line_at(t, tertial_followup_line_count(t) - 1);
  int64_t sum[TERTIAL_COL_COUNT];
  int rc = sum_children(t, (int)tertial_followup_line_count(t) - 1, sum);
  if (rc == 0)
    rc = compare_lines(cx->f, TERTIAL_FINDING_PARENT_SUM, total->code, "", total->value, sum);
  memcpy(cx->totals[u], total->value, sizeof cx->totals[u]);
  return rc;
}

/* Rows view: every sum row equals its children, and the result row equals the unit total. */
static int check_rows(check_ctx *cx, tertial_unit_id u, const tertial_followup *rows)
{
  const char *code = tertial_org_unit(cx->org, u)->code;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < tertial_followup_line_count(rows); i++) {
    const tertial_followup_line *l = tertial_followup_line_at(rows, i);
    if (l->row_kind == TERTIAL_ROW_SUM) {
      int64_t sum[TERTIAL_COL_COUNT];
      rc = sum_children(rows, (int)i, sum);
      if (rc == 0)
        rc = compare_lines(cx->f, TERTIAL_FINDING_CATEGORY_TOTAL, code, l->code, l->value, sum);
    }
    if (rc == 0 && l->row == cx->result)
      rc = compare_lines(cx->f, TERTIAL_FINDING_CATEGORY_TOTAL, code, l->code, cx->totals[u], l->value);
  }
  return rc;
}

/* Rows view figures against the ledger's account-level roll-up, and months against the year.
 * The ledger's row totals of the unit are computed for every row at once, per measure and
 * span (tertial__ledger_row_totals(), the same sums as tertial_ledger_row_total()). */
enum { SPAN_OUTCOME_ACC, SPAN_BUDGET_ACC, SPAN_BUDGET_YEAR, SPAN_PRIOR_YEAR, SPAN_COUNT };

static int row_total_of(int64_t *out, const int64_t *totals, const unsigned char *overflowed, int index,
                        const char *code)
{
  if (overflowed[index])
    return tertial__error(TERTIAL_ERR_OVERFLOW, "ledger: row total of unit \"%s\" overflows", code);
  *out = totals[index];
  return 0;
}

static int check_against_ledger(check_ctx *cx, tertial_unit_id u, const tertial_followup *rows)
{
  const char *code = tertial_org_unit(cx->org, u)->code;
  int last = cx->cutoff - 1, rc = 0;
  size_t nr = tertial_rowmap_row_count(cx->map);
  int64_t *tot = tertial__calloc(SPAN_COUNT * nr + 1, sizeof *tot);
  unsigned char *ovf = tertial__calloc(SPAN_COUNT * nr + 1, 1);
  if (!tot || !ovf)
    rc = TERTIAL_ERR_NOMEM;
  static const int col_of[SPAN_COUNT] = {TERTIAL_COL_OUTCOME_ACC, TERTIAL_COL_BUDGET_ACC, TERTIAL_COL_BUDGET_YEAR,
                                         TERTIAL_COL_PRIOR_YEAR};
  const int measure[SPAN_COUNT] = {TERTIAL_MEASURE_OUTCOME, cx->budget, cx->budget, TERTIAL_MEASURE_PRIOR};
  const int span_last[SPAN_COUNT] = {last, last, 11, 11};
  for (int k = 0; rc == 0 && k < SPAN_COUNT; k++)
    rc = tertial__ledger_row_totals(tot + (size_t)k * nr, ovf + (size_t)k * nr, cx->ledger, cx->map, u, measure[k], 0,
                                    span_last[k]);
  for (size_t i = 0; rc == 0 && i < tertial_followup_line_count(rows); i++) {
    const tertial_followup_line *l = tertial_followup_line_at(rows, i);
    int64_t ledger[TERTIAL_COL_COUNT] = {0};
    for (int k = 0; rc == 0 && k < SPAN_COUNT; k++)
      rc = row_total_of(&ledger[col_of[k]], tot + (size_t)k * nr, ovf + (size_t)k * nr, l->row, code);
    /* the forecast is not in the ledger: compare it with itself */
    ledger[TERTIAL_COL_FORECAST] = l->value[TERTIAL_COL_FORECAST];
    if (rc == 0)
      rc = compare_lines(cx->f, TERTIAL_FINDING_ACCOUNT_ROLLUP, code, l->code, ledger, l->value);
    if (rc == 0 && l->row == cx->result) {
      int64_t months = 0, month = 0, mt[12];
      unsigned char mo[12];
      rc = tertial__ledger_row_months(mt, mo, cx->ledger, cx->map, u, l->row, cx->budget);
      for (int m = 0; rc == 0 && m < 12; m++) {
        rc = row_total_of(&month, mt, mo, m, code);
        if (rc == 0 && tertial__add_ovf(months, month, &months))
          rc = tertial__error(TERTIAL_ERR_OVERFLOW, "check: monthly budgets of \"%s\" overflow", code);
      }
      if (rc == 0 && months != l->value[TERTIAL_COL_BUDGET_YEAR])
        rc = add_finding(cx->f, TERTIAL_FINDING_MONTHS_SUM, TERTIAL_SEVERITY_ERROR, code, l->code,
                         TERTIAL_COL_BUDGET_YEAR, l->value[TERTIAL_COL_BUDGET_YEAR], months);
    }
  }
  free(tot);
  free(ovf);
  return rc;
}

/* A whole-year child's line in its parent's table equals the child's own total. */
static int check_children_lines(check_ctx *cx, const tertial_followup *t, const unsigned char *in_scope)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && i + 1 < tertial_followup_line_count(t); i++) {
    const tertial_followup_line *l = tertial_followup_line_at(t, i);
    if (l->kind == TERTIAL_LINE_UNIT && !l->partial && in_scope[l->unit])
      rc = compare_lines(cx->f, TERTIAL_FINDING_VIEW_MISMATCH, l->code, "", cx->totals[l->unit], l->value);
  }
  return rc;
}

static int check_subtree_view(check_ctx *cx, tertial_unit_id root)
{
  tertial_followup *t;
  int rc = table_for(&t, cx, root, TERTIAL_VIEW_SUBTREE);
  for (size_t i = 0; rc == 0 && i < tertial_followup_line_count(t); i++) {
    const tertial_followup_line *l = tertial_followup_line_at(t, i);
    rc = compare_lines(cx->f, TERTIAL_FINDING_VIEW_MISMATCH, l->code, "", cx->totals[l->unit], l->value);
  }
  tertial_followup_free(t);
  return rc;
}

static int month_sum(const int64_t *v, int first, int last, int64_t *out)
{
  int64_t s = 0;
  int ovf = 0;
  for (int k = first; k <= last; k++)
    ovf |= tertial__add_ovf(s, v[k], &s);
  *out = s;
  return ovf;
}

/* Revenue and cost accounts with amounts that no report row shows. */
static int check_unmapped(check_ctx *cx, const unsigned char *in_scope)
{
  const int *rows;
  size_t nacc;
  int rc = tertial__ledger_account_rows(cx->ledger, cx->map, &rows, &nacc);
  const tertial_chart *chart = tertial_model_chart(cx->model);
  for (size_t i = 0; rc == 0 && i < tertial__ledger_own_count(cx->ledger); i++) {
    tertial_unit_id u;
    tertial_account_id a;
    tertial__ledger_own_key(cx->ledger, i, &u, &a);
    const tertial_account *acc = tertial_chart_account(chart, a);
    if (!in_scope[u] || rows[a] >= 0 ||
        (acc->type != TERTIAL_ACCOUNT_REVENUE && acc->type != TERTIAL_ACCOUNT_COST))
      continue;
    struct { int measure, first, last; tertial_column col; } probes[] = {
      {TERTIAL_MEASURE_OUTCOME, 0, cx->cutoff - 1, TERTIAL_COL_OUTCOME_ACC},
      {cx->budget, 0, 11, TERTIAL_COL_BUDGET_YEAR},
      {TERTIAL_MEASURE_PRIOR, 0, 11, TERTIAL_COL_PRIOR_YEAR},
      {TERTIAL_MEASURE_OUTCOME, 0, 11, TERTIAL_COL_OUTCOME_ACC},
    };
    for (size_t p = 0; p < sizeof probes / sizeof *probes; p++) {
      int64_t v, months[12];
      tertial__ledger_own_months(cx->ledger, i, probes[p].measure, months);
      if (month_sum(months, probes[p].first, probes[p].last, &v))
        return tertial__error(TERTIAL_ERR_OVERFLOW, "check: amounts on account %s overflow", acc->number);
      if (v != 0) {
        rc = add_finding(cx->f, TERTIAL_FINDING_UNMAPPED, TERTIAL_SEVERITY_ERROR, tertial_org_unit(cx->org, u)->code,
                         acc->number, (int)probes[p].col, 0, v);
        break;
      }
    }
  }
  return rc;
}

static int check_forecasts(check_ctx *cx, const tertial_unit_id *ids, size_t count)
{
  const tertial_cube *c;
  int rc = tertial__cube_get(&c, cx->model, cx->cutoff, cx->budget);
  for (size_t i = 0; rc == 0 && i < count; i++)
    for (size_t r = 0; rc == 0 && r < c->nrows; r++) {
      const tertial_report_row *row = tertial_rowmap_row(c->map, r);
      if (row->kind != TERTIAL_ROW_LINE || !c->missing_own[(size_t)ids[i] * c->nrows + r])
        continue;
      rc = add_finding(cx->f, TERTIAL_FINDING_FORECAST_MISSING, TERTIAL_SEVERITY_WARNING,
                       tertial_org_unit(cx->org, ids[i])->code, row->code, TERTIAL_COL_FORECAST, 0,
                       c->fc_default[(size_t)ids[i] * c->nrows + r]);
    }
  return rc;
}

static int check_unit(check_ctx *cx, tertial_unit_id u)
{
  tertial_followup *children = NULL, *rows = NULL;
  int rc = table_for(&children, cx, u, TERTIAL_VIEW_CHILDREN);
  if (rc == 0)
    rc = check_parent_sum(cx, u, children);
  if (rc == 0)
    rc = table_for(&rows, cx, u, TERTIAL_VIEW_ROWS);
  if (rc == 0)
    rc = check_rows(cx, u, rows);
  if (rc == 0)
    rc = check_against_ledger(cx, u, rows);
  tertial_followup_free(children);
  tertial_followup_free(rows);
  return rc;
}

static int run_checks(check_ctx *cx, tertial_unit_id unit)
{
  int period;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(cx->model), cx->cutoff - 1);
  tertial_unit_id *ids = NULL;
  size_t count = 0, n = tertial_org_unit_count(cx->org);
  unsigned char *in_scope = tertial__calloc(n, 1);
  cx->totals = tertial__calloc(n, sizeof *cx->totals);
  int rc = in_scope && cx->totals ? tertial__org_preorder(cx->org, unit, period, &ids, NULL, &count)
                                  : TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < count; i++)
    in_scope[ids[i]] = 1;
  /* Children before parents, so a parent's check can compare with its children's totals. */
  for (size_t i = count; rc == 0 && i-- > 0;)
    rc = check_unit(cx, ids[i]);
  for (size_t i = 0; rc == 0 && i < count; i++) {
    tertial_followup *t;
    rc = table_for(&t, cx, ids[i], TERTIAL_VIEW_CHILDREN);
    if (rc == 0)
      rc = check_children_lines(cx, t, in_scope);
    tertial_followup_free(t);
  }
  if (rc == 0)
    rc = check_subtree_view(cx, unit);
  if (rc == 0)
    rc = check_unmapped(cx, in_scope);
  if (rc == 0)
    rc = check_forecasts(cx, ids, count);
  free(ids);
  free(in_scope);
  free(cx->totals);
  return rc;
}

int tertial_check_model(tertial_findings **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                        int budget_measure)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_check_model: NULL argument");
  *out = NULL;
  check_ctx cx = {0};
  cx.model = model;
  cx.ledger = tertial_model_ledger(model);
  cx.map = tertial_model_rowmap(model);
  cx.org = tertial_model_org(model);
  cx.cutoff = cutoff;
  cx.budget = budget_measure < 0 ? tertial_model_current_budget(model) : budget_measure;
  if (unit >= tertial_org_unit_count(cx.org))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "check: no unit with id %u", (unsigned)unit);
  if (cutoff < 1 || cutoff > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "check: cut-off %d outside 1..12", cutoff);
  int rc = tertial_rowmap_validate(tertial_model_rowmap(model));
  if (rc < 0)
    return rc;
  cx.result = tertial_rowmap_result_row(cx.map);
  cx.f = tertial__calloc(1, sizeof *cx.f);
  if (!cx.f)
    return TERTIAL_ERR_NOMEM;
  rc = run_checks(&cx, unit);
  if (rc < 0) {
    tertial_findings_free(cx.f);
    return rc;
  }
  *out = cx.f;
  return 0;
}

/* Round a line's base columns to display steps, half away from zero. */
static int round_line(int64_t *out, const tertial_followup_line *l, tertial_money_unit unit, int decimals)
{
  for (int c = 0; c < TERTIAL_COL_COUNT; c++) {
    out[c] = 0;
    if (c == TERTIAL_COL_SHARE_USED)
      continue;
    int rc = tertial_money_round(&out[c], l->value[c], unit, decimals);
    if (rc < 0)
      return rc;
  }
  return 0;
}

static int check_rounded(tertial_findings *f, const tertial_followup *t, int64_t (*disp)[TERTIAL_COL_COUNT])
{
  size_t n = tertial_followup_line_count(t);
  int rc = 0;
  for (size_t p = 0; rc == 0 && p < n; p++) {
    const tertial_followup_line *parent = tertial_followup_line_at(t, p);
    int has_children = 0;
    int64_t sum[TERTIAL_COL_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
      const tertial_followup_line *l = tertial_followup_line_at(t, i);
      if (l->parent_line != (int)p || l->row_kind == TERTIAL_ROW_INTERNAL)
        continue;
      has_children = 1;
      for (size_t k = 0; k < NBASE; k++)
        sum[base_columns[k]] += disp[i][base_columns[k]];
    }
    /* In the subtree view a parent also holds its own bookings, so only exact views add up. */
    if (has_children && tertial_followup_view_of(t) != TERTIAL_VIEW_SUBTREE)
      for (size_t k = 0; rc == 0 && k < NBASE; k++)
        if (sum[base_columns[k]] != disp[p][base_columns[k]])
          rc = add_finding(f, TERTIAL_FINDING_ROUNDING, TERTIAL_SEVERITY_WARNING, parent->code, "",
                           (int)base_columns[k], disp[p][base_columns[k]], sum[base_columns[k]]);
    int64_t dev = disp[p][TERTIAL_COL_BUDGET_ACC] - disp[p][TERTIAL_COL_OUTCOME_ACC];
    if (rc == 0 && dev != disp[p][TERTIAL_COL_DEVIATION_ACC])
      rc = add_finding(f, TERTIAL_FINDING_FORMULA, TERTIAL_SEVERITY_WARNING, parent->code, "",
                       TERTIAL_COL_DEVIATION_ACC, dev, disp[p][TERTIAL_COL_DEVIATION_ACC]);
    int64_t fdev = disp[p][TERTIAL_COL_BUDGET_YEAR] - disp[p][TERTIAL_COL_FORECAST];
    if (rc == 0 && (parent->present & (1u << TERTIAL_COL_FORECAST)) && fdev != disp[p][TERTIAL_COL_FORECAST_DEVIATION])
      rc = add_finding(f, TERTIAL_FINDING_FORMULA, TERTIAL_SEVERITY_WARNING, parent->code, "",
                       TERTIAL_COL_FORECAST_DEVIATION, fdev, disp[p][TERTIAL_COL_FORECAST_DEVIATION]);
  }
  return rc;
}

int tertial_check_table(tertial_findings **out, const tertial_followup *table, tertial_money_unit unit, int decimals)
{
  if (!out || !table)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_check_table: NULL argument");
  *out = NULL;
  size_t n = tertial_followup_line_count(table);
  int64_t(*disp)[TERTIAL_COL_COUNT] = tertial__calloc(n, sizeof *disp);
  tertial_findings *f = tertial__calloc(1, sizeof *f);
  int rc = disp && f ? 0 : TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < n; i++)
    rc = round_line(disp[i], tertial_followup_line_at(table, i), unit, decimals);
  if (rc == 0)
    rc = check_rounded(f, table, disp);
  free(disp);
  if (rc < 0) {
    tertial_findings_free(f);
    return rc;
  }
  *out = f;
  return 0;
}

void tertial_findings_free(tertial_findings *findings)
{
  if (!findings)
    return;
  for (size_t i = 0; i < findings->n; i++) {
    free((char *)findings->items[i].unit_code);
    free((char *)findings->items[i].row_code);
  }
  free(findings->items);
  free(findings);
}

size_t tertial_findings_count(const tertial_findings *findings)
{
  return findings ? findings->n : 0;
}

size_t tertial_findings_error_count(const tertial_findings *findings)
{
  return findings ? findings->errors : 0;
}

const tertial_finding *tertial_findings_at(const tertial_findings *findings, size_t index)
{
  if (!findings || index >= findings->n)
    return NULL;
  return &findings->items[index];
}
