#include <stdlib.h>
#include <string.h>

#include "accounts_internal.h"
#include "followup_internal.h"
#include "ledger_internal.h"
#include "model_internal.h"
#include "org_internal.h"

#define ALL_MONTHS 0xfffu
#define MAX_TARGETS 64

struct tertial_followup {
  tertial_followup_view view;
  tertial_unit_id unit;
  int cutoff, cutoff_period;
  tertial_followup_line *lines;
  size_t n, cap;
  size_t *label_at, *code_at; /* offsets into text until finish() sets the pointers */
  tertial_strbuf text;
  size_t title_at;
  const char *title;
};

static const char *const headers_sv[TERTIAL_COL_COUNT] = {
  "Ack utfall", "Ack budget", "Ack budgetavvikelse", "Årets budget",
  "Förbrukat %", "Årets prognos", "Prognosavvikelse", "Fg bokslut",
};
static const char *const headers_en[TERTIAL_COL_COUNT] = {
  "Accumulated outcome", "Accumulated budget", "Accumulated deviation", "Annual budget",
  "Share used %", "Full-year forecast", "Forecast deviation", "Prior year outcome",
};

const char *tertial_column_header(tertial_column column, int english)
{
  if ((int)column < 0 || column >= TERTIAL_COL_COUNT)
    return NULL;
  return english ? headers_en[column] : headers_sv[column];
}

static void cube_free(void *p)
{
  tertial_cube *c = p;
  if (!c)
    return;
  free(c->rolled);
  free(c->own_result);
  free(c->fc_default);
  free(c->missing_own);
  free(c->missing_rolled);
  free(c->parents);
  free(c->child_first);
  free(c->child_ids);
  free(c);
}

static int add_block(int64_t *dst, const int64_t *src, unsigned first_month, unsigned last_month)
{
  int ovf = 0;
  for (size_t m = 0; m < CUBE_MEASURES; m++)
    for (unsigned k = first_month; k <= last_month; k++)
      ovf |= tertial__add_ovf(dst[m * CUBE_MONTHS + k], src[m * CUBE_MONTHS + k], &dst[m * CUBE_MONTHS + k]);
  return ovf;
}

/* For every account, the rows its amounts go to directly: its line row and, for an internal
 * account, the internal rows of the groups above it (sum rows are added up afterwards).
 * CSR: rows first[a] .. first[a + 1] of list. */
static int account_targets(const tertial_cube *c, tertial_ledger *ledger, size_t **out_first, int **out_list)
{
  const int *rows;
  size_t nacc;
  int rc = tertial__ledger_account_rows(ledger, c->map, &rows, &nacc);
  if (rc < 0)
    return rc;
  const tertial_chart *chart = tertial__ledger_chart(ledger);
  size_t *first = tertial__calloc(nacc + 1, sizeof *first);
  int *list = tertial__malloc((nacc ? nacc : 1) * MAX_TARGETS * sizeof *list);
  if (!first || !list) {
    free(first);
    free(list);
    return TERTIAL_ERR_NOMEM;
  }
  int targets[MAX_TARGETS];
  for (size_t a = 0; a < nacc; a++) {
    first[a + 1] = first[a];
    if (rows[a] < 0)
      continue;
    int nt = tertial__row_targets(c->map, rows[a], tertial_chart_account(chart, (tertial_account_id)a)->internal,
                                  targets, MAX_TARGETS);
    for (int t = 0; t < nt; t++)
      if (tertial_rowmap_row(c->map, (size_t)targets[t])->kind != TERTIAL_ROW_SUM)
        list[first[a + 1]++] = targets[t];
  }
  *out_first = first;
  *out_list = list;
  return 0;
}

/* Amounts booked on each unit, by line and internal row. */
TERTIAL_CLONES_AVX2 static int fill_own(tertial_cube *c, tertial_ledger *ledger, int budget)
{
  size_t *first;
  int *list;
  int rc = account_targets(c, ledger, &first, &list);
  if (rc < 0)
    return rc;
  const size_t measure_of[3] = {TERTIAL_MEASURE_OUTCOME, (size_t)budget, TERTIAL_MEASURE_PRIOR};
  size_t nacc = tertial_chart_count(tertial__ledger_chart(ledger)), nlines = tertial__ledger_own_count(ledger);
  const uint64_t *keys = tertial__ledger_own_keys(ledger);
  tertial__own_view view;
  tertial__ledger_own_view(ledger, &view);
  uint64_t ovf = 0;
  for (size_t i = 0; i < nlines; i++) {
    tertial_unit_id u = (tertial_unit_id)(keys[i] >> 32);
    tertial_account_id a = (tertial_account_id)(keys[i] & 0xffffffffu);
    if (a >= nacc)
      continue;
    for (size_t t = first[a]; t < first[a + 1]; t++) {
      int64_t *dst = (int64_t *)tertial__cube_block(c, c->rolled, u, (size_t)list[t]);
      for (size_t meas = 0; meas < 3; meas++)
        ovf |= tertial__own_add12_checked(&dst[meas * CUBE_MONTHS], &view, i, measure_of[meas]);
    }
  }
  free(first);
  free(list);
  return ovf ? tertial__error(TERTIAL_ERR_OVERFLOW, "follow-up: a unit's row total overflows") : 0;
}

/* Sum rows of every unit's own amounts: each line and sum row added into its parent, deepest
 * rows first, so every sum row holds its whole subtree of rows. */
static int fill_sums(tertial_cube *c)
{
  int max_depth = 0, ovf = 0;
  for (size_t r = 0; r < c->nrows; r++)
    if (tertial_rowmap_row(c->map, r)->depth > max_depth)
      max_depth = tertial_rowmap_row(c->map, r)->depth;
  for (int d = max_depth; d > 0; d--)
    for (size_t r = 0; r < c->nrows; r++) {
      const tertial_report_row *row = tertial_rowmap_row(c->map, r);
      if (row->depth != d || row->kind == TERTIAL_ROW_INTERNAL)
        continue;
      for (tertial_unit_id u = 0; u < c->nunits; u++) {
        ovf |= add_block((int64_t *)tertial__cube_block(c, c->rolled, u, (size_t)row->parent),
                         tertial__cube_block(c, c->rolled, u, r), 0, CUBE_MONTHS - 1);
        c->missing_own[(size_t)u * c->nrows + (size_t)row->parent] += c->missing_own[(size_t)u * c->nrows + r];
      }
    }
  return ovf ? tertial__error(TERTIAL_ERR_OVERFLOW, "follow-up: a sum row overflows") : 0;
}

/* The forecast as monthly amounts: outcome up to the cut-off, budget after it, and the rest of
 * the full-year figure in the last month. Rolling these up month by month splits a moved unit's
 * forecast between its parents the same way as its outcome and budget. */
static int forecast_months(int64_t *fc, const int64_t *block, int cutoff, int64_t annual)
{
  int64_t sum = 0;
  int ovf = 0;
  for (int k = 0; k < CUBE_MONTHS - 1; k++) {
    fc[k] = k < cutoff ? block[CUBE_OUT * CUBE_MONTHS + k] : block[CUBE_BUD * CUBE_MONTHS + k];
    ovf |= tertial__add_ovf(sum, fc[k], &sum);
  }
  ovf |= __builtin_sub_overflow(annual, sum, &fc[CUBE_MONTHS - 1]);
  return ovf;
}

static int block_is_zero(const int64_t *block)
{
  for (int k = 0; k < 3 * CUBE_MONTHS; k++)
    if (block[k])
      return 0;
  return 1;
}

/* Forecasts of every unit and line row, with the budget standing in where none was set; and of
 * every "varav interna" row, whose accounts are forecast at their annual budget (interna poster
 * are planned charges between the municipality's own units; the model holds forecasts of line
 * rows only). For an internal row the budget is the rule, not a missing forecast. */
static int fill_forecasts(tertial_cube *c, const tertial_model *model)
{
  int ovf = 0;
  for (size_t r = 0; r < c->nrows; r++) {
    tertial_row_kind kind = tertial_rowmap_row(c->map, r)->kind;
    if (kind != TERTIAL_ROW_LINE && kind != TERTIAL_ROW_INTERNAL)
      continue;
    for (tertial_unit_id u = 0; u < c->nunits; u++) {
      const int64_t *block = tertial__cube_block(c, c->rolled, u, r);
      int64_t annual = 0, fc[CUBE_MONTHS];
      int set = tertial__model_forecast_get(model, u, (int)r, &annual);
      if (!set) {
        if (block_is_zero(block))
          continue;
        for (int k = 0; k < CUBE_MONTHS; k++)
          ovf |= tertial__add_ovf(annual, block[CUBE_BUD * CUBE_MONTHS + k], &annual);
      }
      ovf |= forecast_months(fc, block, c->cutoff, annual);
      int64_t *dst = (int64_t *)block + CUBE_FC * CUBE_MONTHS;
      memcpy(dst, fc, sizeof fc);
      if (!set && kind == TERTIAL_ROW_LINE) {
        c->missing_own[(size_t)u * c->nrows + r] = 1;
        c->fc_default[(size_t)u * c->nrows + r] = annual;
      }
    }
  }
  return ovf ? tertial__error(TERTIAL_ERR_OVERFLOW, "follow-up: a forecast total overflows") : 0;
}

/* Roll months [a, b] up the structure those months share, children before parents. */
static int roll_segment(tertial_cube *c, const tertial_org *org, int period, int a, int b)
{
  tertial_unit_id *order;
  size_t count;
  int rc = tertial__org_preorder(org, TERTIAL_NO_UNIT, period, &order, NULL, &count);
  if (rc < 0)
    return rc;
  int ovf = 0;
  size_t stride = c->nrows * CUBE_MEASURES * CUBE_MONTHS;
  for (size_t i = count; i-- > 0;) {
    tertial_unit_id u = order[i], p = c->parents[(size_t)a * c->nunits + u];
    if (p == TERTIAL_NO_UNIT)
      continue;
    for (size_t r = 0; r < c->nrows; r++)
      ovf |= add_block(&c->rolled[(size_t)p * stride + r * CUBE_MEASURES * CUBE_MONTHS],
                       &c->rolled[(size_t)u * stride + r * CUBE_MEASURES * CUBE_MONTHS], (unsigned)a, (unsigned)b);
  }
  free(order);
  return ovf ? tertial__error(TERTIAL_ERR_OVERFLOW, "follow-up: a roll-up total overflows") : 0;
}

static int roll_up(tertial_cube *c, const tertial_org *org, const tertial_fiscal_year *fy)
{
  size_t n = c->nunits;
  int rc = 0;
  for (int a = 0; rc == 0 && a < CUBE_MONTHS;) {
    int b = a;
    while (b + 1 < CUBE_MONTHS &&
           memcmp(&c->parents[(size_t)a * n], &c->parents[(size_t)(b + 1) * n], n * sizeof *c->parents) == 0)
      b++;
    int period;
    tertial_fiscal_year_period(&period, fy, a);
    rc = roll_segment(c, org, period, a, b);
    a = b + 1;
  }
  if (rc < 0)
    return rc;
  /* Missing-forecast counts go to the parents in force at the cut-off. */
  memcpy(c->missing_rolled, c->missing_own, n * c->nrows * sizeof *c->missing_rolled);
  int period;
  tertial_fiscal_year_period(&period, fy, c->cutoff - 1);
  tertial_unit_id *order;
  size_t count;
  rc = tertial__org_preorder(org, TERTIAL_NO_UNIT, period, &order, NULL, &count);
  if (rc < 0)
    return rc;
  for (size_t i = count; i-- > 0;) {
    tertial_unit_id u = order[i], p = c->parents[(size_t)(c->cutoff - 1) * n + u];
    if (p != TERTIAL_NO_UNIT)
      for (size_t r = 0; r < c->nrows; r++)
        c->missing_rolled[(size_t)p * c->nrows + r] += c->missing_rolled[(size_t)u * c->nrows + r];
  }
  free(order);
  return 0;
}

/* For every unit, the units that are its child in at least one month (CSR lists, id order). */
static int index_children(tertial_cube *c)
{
  size_t n = c->nunits;
  c->child_first = tertial__calloc(n + 2, sizeof *c->child_first);
  tertial_unit_id *last = tertial__malloc((n ? n : 1) * sizeof *last);
  size_t total = 0;
  if (!c->child_first || !last) {
    free(last);
    return TERTIAL_ERR_NOMEM;
  }
  for (int pass = 0; pass < 2; pass++) {
    memset(last, 0xff, (n ? n : 1) * sizeof *last);
    size_t *fill = pass ? tertial__calloc(n + 1, sizeof *fill) : NULL;
    if (pass && !fill) {
      free(last);
      return TERTIAL_ERR_NOMEM;
    }
    for (tertial_unit_id u = 0; u < n; u++)
      for (int m = 0; m < CUBE_MONTHS; m++) {
        tertial_unit_id p = c->parents[(size_t)m * n + u];
        if (p == TERTIAL_NO_UNIT || last[p] == u)
          continue;
        last[p] = u;
        if (!pass)
          c->child_first[p + 1]++;
        else
          c->child_ids[c->child_first[p] + fill[p]++] = u;
      }
    if (!pass) {
      for (size_t i = 0; i < n; i++)
        c->child_first[i + 1] += c->child_first[i];
      total = c->child_first[n];
      c->child_ids = tertial__malloc((total ? total : 1) * sizeof *c->child_ids);
      if (!c->child_ids) {
        free(last);
        return TERTIAL_ERR_NOMEM;
      }
    }
    free(fill);
  }
  free(last);
  return 0;
}

static int cube_fresh(const tertial_cube *c, tertial_model *model, int cutoff, int budget)
{
  tertial_ledger *ledger = tertial_model_ledger(model);
  return c && c->cutoff == cutoff && c->budget == budget && c->map == tertial_model_rowmap(model) &&
         c->ledger_rev == tertial__ledger_revision(ledger) &&
         c->org_rev == tertial__org_revision(tertial_model_org(model)) &&
         c->model_rev == tertial__model_revision(model) &&
         c->map_rev == tertial__rowmap_revision(c->map) &&
         c->chart_rev == tertial__chart_revision(tertial_model_chart(model));
}

/* Before the roll-up overwrites them in place, keep each unit's own result row (the "egen" line
 * of a children table). */
static void keep_own_result(tertial_cube *c)
{
  int result = tertial_rowmap_result_row(c->map);
  size_t block = CUBE_MEASURES * CUBE_MONTHS;
  for (tertial_unit_id u = 0; result >= 0 && u < c->nunits; u++)
    memcpy(&c->own_result[(size_t)u * block], tertial__cube_block(c, c->rolled, u, (size_t)result),
           block * sizeof *c->own_result);
}

static int cube_build(tertial_cube *c, tertial_model *model)
{
  tertial_ledger *ledger = tertial_model_ledger(model);
  size_t n = c->nunits, nr = c->nrows, vals = n * nr * CUBE_MEASURES * CUBE_MONTHS;
  c->rolled = tertial__zeroed(vals, sizeof *c->rolled); /* summed into at once */
  c->own_result = tertial__calloc(n * CUBE_MEASURES * CUBE_MONTHS, sizeof *c->own_result);
  c->fc_default = tertial__calloc(n * nr, sizeof *c->fc_default);
  c->missing_own = tertial__calloc(n * nr, sizeof *c->missing_own);
  c->missing_rolled = tertial__calloc(n * nr, sizeof *c->missing_rolled);
  if (!c->rolled || !c->own_result || !c->fc_default || !c->missing_own || !c->missing_rolled)
    return TERTIAL_ERR_NOMEM;
  size_t nunits;
  int rc = tertial__ledger_month_parents(ledger, &c->parents, &nunits);
  if (rc == 0)
    rc = fill_own(c, ledger, c->budget);
  if (rc == 0)
    rc = fill_forecasts(c, model);
  if (rc == 0)
    rc = fill_sums(c);
  if (rc == 0)
    keep_own_result(c);
  if (rc == 0)
    rc = roll_up(c, tertial_model_org(model), tertial_model_fiscal_year(model));
  if (rc == 0)
    rc = index_children(c);
  return rc;
}

int tertial__cube_get(const tertial_cube **out, tertial_model *model, int cutoff, int budget)
{
  tertial_cube *cached = tertial__model_cache(model);
  if (cube_fresh(cached, model, cutoff, budget)) {
    *out = cached;
    return 0;
  }
  tertial_rowmap *map = tertial_model_rowmap(model);
  int rc = tertial_rowmap_validate(map);
  if (rc < 0)
    return rc;
  tertial_cube *c = tertial__calloc(1, sizeof *c);
  if (!c)
    return TERTIAL_ERR_NOMEM;
  c->map = map;
  c->budget = budget;
  c->cutoff = cutoff;
  c->nunits = tertial_org_unit_count(tertial_model_org(model));
  c->nrows = tertial_rowmap_row_count(map);
  rc = cube_build(c, model);
  if (rc < 0) {
    cube_free(c);
    return rc;
  }
  c->ledger_rev = tertial__ledger_revision(tertial_model_ledger(model));
  c->org_rev = tertial__org_revision(tertial_model_org(model));
  c->model_rev = tertial__model_revision(model);
  c->map_rev = tertial__rowmap_revision(map);
  c->chart_rev = tertial__chart_revision(tertial_model_chart(model));
  tertial__model_set_cache(model, c, cube_free);
  *out = c;
  return 0;
}

int tertial__followup_fill(tertial_followup_line *line, const int64_t *block, int cutoff, unsigned mask)
{
  int64_t acc[CUBE_MEASURES] = {0}, year[CUBE_MEASURES] = {0};
  int ovf = 0;
  for (int m = 0; m < CUBE_MEASURES; m++)
    for (int k = 0; k < CUBE_MONTHS; k++) {
      if (!(mask & (1u << k)))
        continue;
      int64_t v = block[m * CUBE_MONTHS + k];
      ovf |= tertial__add_ovf(year[m], v, &year[m]);
      if (k < cutoff)
        ovf |= tertial__add_ovf(acc[m], v, &acc[m]);
    }
  int64_t *val = line->value;
  val[TERTIAL_COL_OUTCOME_ACC] = acc[CUBE_OUT];
  val[TERTIAL_COL_BUDGET_ACC] = acc[CUBE_BUD];
  ovf |= __builtin_sub_overflow(acc[CUBE_BUD], acc[CUBE_OUT], &val[TERTIAL_COL_DEVIATION_ACC]);
  val[TERTIAL_COL_BUDGET_YEAR] = year[CUBE_BUD];
  val[TERTIAL_COL_PRIOR_YEAR] = year[CUBE_PRIOR];
  line->prior_year_acc = acc[CUBE_PRIOR];
  line->present = (1u << TERTIAL_COL_COUNT) - 1;
  line->present &= ~(1u << TERTIAL_COL_SHARE_USED);
  val[TERTIAL_COL_SHARE_USED] = 0;
  if (year[CUBE_BUD] != 0) {
    /* hundredths of a percent: 100 * 100 * outcome / budget, half away from zero */
    tertial_i128 share = tertial__div_round((tertial_i128)acc[CUBE_OUT] * 10000, year[CUBE_BUD]);
    if (share > INT64_MAX || share < INT64_MIN)
      ovf = 1;
    val[TERTIAL_COL_SHARE_USED] = (int64_t)share;
    line->present |= 1u << TERTIAL_COL_SHARE_USED;
  }
  val[TERTIAL_COL_FORECAST] = year[CUBE_FC];
  ovf |= __builtin_sub_overflow(year[CUBE_BUD], year[CUBE_FC], &val[TERTIAL_COL_FORECAST_DEVIATION]);
  return ovf ? tertial__error(TERTIAL_ERR_OVERFLOW, "follow-up: a column total overflows") : 0;
}

static int keep_string(tertial_followup *t, const char *s, size_t *out_at)
{
  *out_at = t->text.len;
  return tertial__sb_append_len(&t->text, s, strlen(s) + 1);
}

static int push_line(tertial_followup *t, const tertial_followup_line *line, const char *code, const char *label)
{
  size_t cap = t->cap;
  int rc = tertial__grow((void **)&t->lines, &t->cap, t->n + 1, sizeof *t->lines);
  if (rc == 0 && t->cap != cap) {
    size_t c1 = cap, c2 = cap;
    rc = tertial__grow((void **)&t->label_at, &c1, t->cap, sizeof *t->label_at);
    if (rc == 0)
      rc = tertial__grow((void **)&t->code_at, &c2, t->cap, sizeof *t->code_at);
  }
  if (rc == 0)
    rc = keep_string(t, code, &t->code_at[t->n]);
  if (rc == 0)
    rc = keep_string(t, label, &t->label_at[t->n]);
  if (rc < 0)
    return rc;
  t->lines[t->n++] = *line;
  return 0;
}

static int line_is_empty(const tertial_followup_line *line)
{
  for (int k = 0; k < TERTIAL_COL_COUNT; k++)
    if (line->value[k])
      return 0;
  return 1;
}

static int unit_line(tertial_followup *t, const tertial_cube *c, const tertial_org *org, tertial_line_kind kind,
                     tertial_unit_id u, int result, unsigned mask, int depth, int skip_empty)
{
  tertial_followup_line line = {0};
  line.kind = kind;
  line.unit = u;
  line.row = -1;
  line.row_kind = -1;
  line.depth = depth;
  line.partial = mask != ALL_MONTHS;
  line.parent_line = -1;
  const int64_t *block = kind == TERTIAL_LINE_OWN ? &c->own_result[(size_t)u * CUBE_MEASURES * CUBE_MONTHS]
                                                  : tertial__cube_block(c, c->rolled, u, (size_t)result);
  int rc = tertial__followup_fill(&line, block, t->cutoff, mask);
  if (rc < 0)
    return rc;
  const int *missing = kind == TERTIAL_LINE_OWN ? c->missing_own : c->missing_rolled;
  line.forecast_missing = missing[(size_t)u * c->nrows + (size_t)result];
  if (skip_empty && kind != TERTIAL_LINE_TOTAL && line_is_empty(&line))
    return 0;
  const tertial_unit *info = tertial_org_unit(org, u);
  return push_line(t, &line, info->code, info->name);
}

static int build_children(tertial_followup *t, const tertial_cube *c, const tertial_org *org, int result,
                          int skip_empty)
{
  tertial_unit_id u = t->unit;
  tertial_followup_line own = {0};
  int rc = tertial__followup_fill(&own, &c->own_result[(size_t)u * CUBE_MEASURES * CUBE_MONTHS], t->cutoff,
                                  ALL_MONTHS);
  if (rc == 0 && !line_is_empty(&own))
    rc = unit_line(t, c, org, TERTIAL_LINE_OWN, u, result, ALL_MONTHS, 1, 0);
  for (size_t i = c->child_first[u]; rc == 0 && i < c->child_first[u + 1]; i++) {
    tertial_unit_id child = c->child_ids[i];
    unsigned mask = 0;
    for (int m = 0; m < CUBE_MONTHS; m++)
      if (c->parents[(size_t)m * c->nunits + child] == u)
        mask |= 1u << m;
    rc = unit_line(t, c, org, TERTIAL_LINE_UNIT, child, result, mask, 1, skip_empty);
    if (rc == 0 && t->n > 0 && t->lines[t->n - 1].unit == child &&
        c->parents[(size_t)(t->cutoff - 1) * c->nunits + child] != u)
      t->lines[t->n - 1].forecast_missing = 0; /* counted under its parent at the cut-off */
  }
  if (rc == 0)
    rc = unit_line(t, c, org, TERTIAL_LINE_TOTAL, u, result, ALL_MONTHS, 0, 0);
  for (size_t i = 0; rc == 0 && i + 1 < t->n; i++)
    t->lines[i].parent_line = (int)(t->n - 1);
  return rc;
}

static int build_subtree(tertial_followup *t, const tertial_cube *c, const tertial_org *org, int result,
                         const tertial_followup_options *o)
{
  tertial_unit_id *ids = NULL;
  int *depths = NULL;
  size_t count = 0;
  int rc = tertial__org_preorder(org, t->unit, t->cutoff_period, &ids, &depths, &count);
  /* last_at[d]: the line of the latest unit shown at depth d, the parent of what follows deeper */
  int *last_at = rc == 0 ? tertial__malloc((count + 1) * sizeof *last_at) : NULL;
  if (rc == 0 && !last_at)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < count; i++) {
    if (o->max_depth >= 0 && depths[i] > o->max_depth)
      continue;
    size_t before = t->n;
    rc = unit_line(t, c, org, TERTIAL_LINE_UNIT, ids[i], result, ALL_MONTHS, depths[i],
                   o->skip_empty && i > 0);
    last_at[depths[i]] = t->n > before ? (int)before : -1;
    if (t->n > before && depths[i] > 0)
      t->lines[before].parent_line = last_at[depths[i] - 1];
  }
  free(last_at);
  free(ids);
  free(depths);
  return rc;
}

static int build_rows(tertial_followup *t, const tertial_cube *c, int skip_empty)
{
  int *line_of_row = tertial__malloc(c->nrows * sizeof *line_of_row);
  if (!line_of_row)
    return TERTIAL_ERR_NOMEM;
  int rc = 0;
  for (size_t r = 0; rc == 0 && r < c->nrows; r++) {
    line_of_row[r] = -1;
    const tertial_report_row *row = tertial_rowmap_row(c->map, r);
    tertial_followup_line line = {0};
    line.kind = TERTIAL_LINE_ROW;
    line.unit = t->unit;
    line.row = (int)r;
    line.row_kind = (int)row->kind;
    line.depth = row->depth;
    rc = tertial__followup_fill(&line, tertial__cube_block(c, c->rolled, t->unit, r), t->cutoff, ALL_MONTHS);
    if (rc < 0)
      break;
    line.forecast_missing = row->kind == TERTIAL_ROW_INTERNAL ? 0 : c->missing_rolled[(size_t)t->unit * c->nrows + r];
    if (skip_empty && line_is_empty(&line))
      continue;
    line_of_row[r] = (int)t->n;
    rc = push_line(t, &line, row->code, row->label);
  }
  for (size_t i = 0; rc == 0 && i < t->n; i++) {
    int parent = tertial_rowmap_row(c->map, (size_t)t->lines[i].row)->parent;
    t->lines[i].parent_line = parent >= 0 ? line_of_row[parent] : -1;
  }
  free(line_of_row);
  return rc;
}

/* Point the lines' strings into the (now final) text buffer. */
static void finish(tertial_followup *t)
{
  for (size_t i = 0; i < t->n; i++) {
    t->lines[i].code = t->text.data + t->code_at[i];
    t->lines[i].label = t->text.data + t->label_at[i];
  }
  t->title = t->text.data + t->title_at;
}

static int check_options(const tertial_followup_options *o)
{
  if (o->version != TERTIAL_FOLLOWUP_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "follow-up options version %u is not supported (expected %u)",
                          o->version, TERTIAL_FOLLOWUP_OPTIONS_VERSION);
  if (o->view != TERTIAL_VIEW_CHILDREN && o->view != TERTIAL_VIEW_SUBTREE && o->view != TERTIAL_VIEW_ROWS)
    return tertial__error(TERTIAL_ERR_INVALID, "unknown follow-up view %d", (int)o->view);
  return 0;
}

static int build(tertial_followup *t, tertial_model *model, const tertial_followup_options *o, int budget)
{
  const tertial_cube *c;
  int rc = tertial__cube_get(&c, model, t->cutoff, budget);
  if (rc < 0)
    return rc;
  const tertial_org *org = tertial_model_org(model);
  int result = tertial_rowmap_result_row(c->map);
  if (result < 0)
    return tertial__error(TERTIAL_ERR_STATE, "the report-row mapping has no result row");
  rc = keep_string(t, tertial_org_unit(org, t->unit)->name, &t->title_at);
  if (rc < 0)
    return rc;
  switch (o->view) {
  case TERTIAL_VIEW_CHILDREN:
    return build_children(t, c, org, result, o->skip_empty);
  case TERTIAL_VIEW_SUBTREE:
    return build_subtree(t, c, org, result, o);
  default:
    return build_rows(t, c, o->skip_empty);
  }
}

int tertial_followup_new(tertial_followup **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                         const tertial_followup_options *options)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_followup_new: NULL argument");
  *out = NULL;
  tertial_followup_options defaults = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  const tertial_followup_options *o = options ? options : &defaults;
  int rc = check_options(o);
  if (rc < 0)
    return rc;
  if (unit >= tertial_org_unit_count(tertial_model_org(model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "follow-up: no unit with id %u", (unsigned)unit);
  if (cutoff < 1 || cutoff > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "follow-up: cut-off %d outside 1..12", cutoff);
  int budget = o->budget_measure < 0 ? tertial_model_current_budget(model) : o->budget_measure;
  tertial_ledger *ledger = tertial_model_ledger(model);
  if (budget <= TERTIAL_MEASURE_PRIOR || (size_t)budget >= tertial_ledger_measure_count(ledger))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "follow-up: measure %d is not a budget measure", budget);
  tertial_followup *t = tertial__calloc(1, sizeof *t);
  if (!t)
    return TERTIAL_ERR_NOMEM;
  t->view = o->view;
  t->unit = unit;
  t->cutoff = cutoff;
  tertial_fiscal_year_period(&t->cutoff_period, tertial_model_fiscal_year(model), cutoff - 1);
  rc = build(t, model, o, budget);
  if (rc < 0) {
    tertial_followup_free(t);
    return rc;
  }
  finish(t);
  *out = t;
  return 0;
}

void tertial_followup_free(tertial_followup *table)
{
  if (!table)
    return;
  free(table->lines);
  free(table->label_at);
  free(table->code_at);
  tertial__sb_clear(&table->text);
  free(table);
}

size_t tertial_followup_line_count(const tertial_followup *table)
{
  return table ? table->n : 0;
}

const tertial_followup_line *tertial_followup_line_at(const tertial_followup *table, size_t index)
{
  if (!table || index >= table->n)
    return NULL;
  return &table->lines[index];
}

int tertial_followup_value(int64_t *out, const tertial_followup_line *line, tertial_column column)
{
  if (!out || !line)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_followup_value: NULL argument");
  if ((int)column < 0 || column >= TERTIAL_COL_COUNT)
    return tertial__error(TERTIAL_ERR_RANGE, "column %d outside 0..%d", (int)column, TERTIAL_COL_COUNT - 1);
  if (!(line->present & (1u << column)))
    return 0;
  *out = line->value[column];
  return 1;
}

tertial_followup_view tertial_followup_view_of(const tertial_followup *table)
{
  return table ? table->view : TERTIAL_VIEW_CHILDREN;
}

tertial_unit_id tertial_followup_unit(const tertial_followup *table)
{
  return table ? table->unit : TERTIAL_NO_UNIT;
}

int tertial_followup_cutoff(const tertial_followup *table)
{
  return table ? table->cutoff : 0;
}

int tertial_followup_cutoff_period(const tertial_followup *table)
{
  return table ? table->cutoff_period : 0;
}

const char *tertial_followup_title(const tertial_followup *table)
{
  return table ? table->title : NULL;
}
