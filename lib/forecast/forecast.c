#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"
#include "ledger_internal.h"
#include "model_internal.h"
#include "org_internal.h"
#include "parallel.h"
#include "u64map.h"

#define MONTHS 12
#define ALL_ROWS (-1)

/* ---- base methods ---- */

static const char *const method_names[] = {
  "remaining-budget", "linear", "budget-profile", "last-year-profile", "run-rate", "volume-driver", "manual",
};

const char *tertial_forecast_method_name(tertial_forecast_method method)
{
  if ((int)method < 0 || (size_t)method >= sizeof method_names / sizeof *method_names)
    return NULL;
  return method_names[method];
}

/* Sum months [first, last] exactly (128 bits cannot overflow for twelve int64 values). */
static tertial_i128 months_sum(const int64_t *v, int first, int last)
{
  tertial_i128 s = 0;
  for (int k = first; k <= last; k++)
    s += v[k];
  return s;
}

static int to_int64(int64_t *out, tertial_i128 v)
{
  if (v > INT64_MAX || v < INT64_MIN)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "forecast: the result does not fit in int64 öre");
  *out = (int64_t)v;
  return 0;
}

/* outcome so far × whole / part: 0; 1 when part is 0 or its sign differs from whole's (no
 * profile); TERTIAL_ERR_OVERFLOW when the product does not fit in 128 bits. so_far and whole are
 * sums of 12 months (below 2^67); that needs one above 2^63 and the other above 2^60, and the
 * quotient then fits in int64 only if part is beyond 2^64 too, so it is an overflow either way. */
static int scaled_by_profile(tertial_i128 *out, tertial_i128 so_far, tertial_i128 whole, tertial_i128 part)
{
  if (part == 0 || (part < 0) != (whole < 0) || whole == 0)
    return 1;
  tertial_i128 product;
  if (__builtin_mul_overflow(so_far, whole, &product))
    return tertial__error(TERTIAL_ERR_OVERFLOW, "forecast: the result does not fit in int64 öre");
  *out = tertial__div_round(product, part);
  return 0;
}

int tertial_forecast_base(int64_t *out, int *out_fallback, tertial_forecast_method method,
                          const tertial_forecast_input *in)
{
  if (!out || !in)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_base: NULL argument");
  if (in->version != TERTIAL_FORECAST_INPUT_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "forecast input version %u is not supported", in->version);
  int p = in->cutoff;
  if (p < 1 || p > MONTHS)
    return tertial__error(TERTIAL_ERR_RANGE, "forecast: cut-off %d outside 1..12", p);
  tertial_i128 so_far = months_sum(in->outcome, 0, p - 1), v = 0;
  int fallback = TERTIAL_FALLBACK_NONE, rc = 0;
  switch (method) {
  case TERTIAL_METHOD_REMAINING_BUDGET:
    v = so_far + (p < MONTHS ? months_sum(in->budget, p, MONTHS - 1) : 0);
    break;
  case TERTIAL_METHOD_LAST_YEAR_PROFILE:
    rc = scaled_by_profile(&v, so_far, months_sum(in->prior, 0, MONTHS - 1), months_sum(in->prior, 0, p - 1));
    if (rc <= 0)
      break;
    fallback = TERTIAL_FALLBACK_BUDGET_PROFILE;
    /* fall through - last year cannot be used: try the budget profile */
  case TERTIAL_METHOD_BUDGET_PROFILE:
    rc = scaled_by_profile(&v, so_far, months_sum(in->budget, 0, MONTHS - 1), months_sum(in->budget, 0, p - 1));
    if (rc <= 0)
      break;
    fallback = TERTIAL_FALLBACK_LINEAR;
    /* fall through - no usable profile at all: project linearly */
  case TERTIAL_METHOD_LINEAR:
    rc = 0;
    v = tertial__div_round(so_far * MONTHS, p);
    break;
  case TERTIAL_METHOD_RUN_RATE: {
    int n = in->run_rate_months;
    if (n < 1 || n > MONTHS)
      return tertial__error(TERTIAL_ERR_RANGE, "forecast: run rate over %d months, expected 1..12", n);
    if (n > p)
      n = p;
    v = so_far + tertial__div_round(months_sum(in->outcome, p - n, p - 1) * (MONTHS - p), n);
    break;
  }
  case TERTIAL_METHOD_VOLUME_DRIVER:
    v = so_far + in->driver_remaining;
    break;
  case TERTIAL_METHOD_MANUAL:
    v = in->manual;
    break;
  default:
    return tertial__error(TERTIAL_ERR_INVALID, "unknown forecast method %d", (int)method);
  }
  if (rc == 0)
    rc = to_int64(out, v);
  if (rc == 0 && out_fallback)
    *out_fallback = fallback;
  return rc;
}

/* ---- the plan ---- */

typedef struct rule {
  tertial_unit_id unit;
  char *row;  /* NULL: every row */
  tertial_forecast_method method;
  int n;
} rule;

typedef struct manual_figure {
  tertial_unit_id unit;
  char *row;
  int64_t amount;
} manual_figure;

typedef struct driver {
  tertial_unit_id unit;
  char *row, *name, *volume_unit;
  int64_t unit_cost;
  int64_t volume[MONTHS]; /* thousandths */
} driver;

typedef tertial__computed computed;

/* Computed forecasts in chunks of COMPUTED_CHUNK, so that growing never moves them: the plan's
 * list, and each part's list while an apply runs on several threads. */
typedef struct computed_list {
  computed **chunks;
  size_t n, nchunks, cap_chunks;
} computed_list;

#define COMPUTED_CHUNK 1024

static int record(computed_list *l, computed c)
{
  if (l->n >= UINT32_MAX - 1)
    return tertial__error(TERTIAL_ERR_RANGE, "forecast: too many units and rows");
  if (l->n == l->nchunks * COMPUTED_CHUNK) {
    int rc = tertial__grow((void **)&l->chunks, &l->cap_chunks, l->nchunks + 1, sizeof *l->chunks);
    computed *chunk = rc == 0 ? tertial__malloc(COMPUTED_CHUNK * sizeof *chunk) : NULL;
    if (!chunk)
      return TERTIAL_ERR_NOMEM;
    l->chunks[l->nchunks++] = chunk;
  }
  l->chunks[l->n / COMPUTED_CHUNK][l->n % COMPUTED_CHUNK] = c;
  l->n++;
  return 0;
}

static void computed_list_free(computed_list *l)
{
  for (size_t i = 0; i < l->nchunks; i++)
    free(l->chunks[i]);
  free(l->chunks);
  memset(l, 0, sizeof *l);
}

struct tertial_forecast_plan {
  tertial_model *model;
  rule *rules;
  size_t nrules, cap_rules;
  manual_figure *manuals;
  size_t nmanuals, cap_manuals;
  driver *drivers;
  size_t ndrivers, cap_drivers;
  tertial_adjustment *adjustments;
  size_t nadjustments, cap_adjustments;
  computed_list computed; /* what the last apply computed, in unit and row order */
  int applied_cutoff;
  int threads; /* tertial_forecast_set_threads(): 1 by default, 0 one per processor */
  int cutoff;  /* tertial_forecast_set_cutoff(): the point the plan is changed for, 0 not said */
  unsigned long applied_ledger_rev, applied_model_rev, applied_org_rev;
  tertial__snapshots *snapshots;
  tertial__measures *measures;
  tertial__accruals *accruals;
};

int tertial__forecast_plan_new(tertial_forecast_plan **out, tertial_model *model)
{
  tertial_forecast_plan *plan = tertial__calloc(1, sizeof *plan);
  if (!plan)
    return TERTIAL_ERR_NOMEM;
  plan->model = model;
  plan->threads = 1;
  *out = plan;
  return 0;
}

void tertial__forecast_plan_free(tertial_forecast_plan *plan)
{
  if (!plan)
    return;
  for (size_t i = 0; i < plan->nrules; i++)
    free(plan->rules[i].row);
  for (size_t i = 0; i < plan->nmanuals; i++)
    free(plan->manuals[i].row);
  for (size_t i = 0; i < plan->ndrivers; i++) {
    free(plan->drivers[i].row);
    free(plan->drivers[i].name);
    free(plan->drivers[i].volume_unit);
  }
  for (size_t i = 0; i < plan->nadjustments; i++) {
    free((char *)plan->adjustments[i].row_code);
    free((char *)plan->adjustments[i].reason);
  }
  free(plan->rules);
  free(plan->manuals);
  free(plan->drivers);
  free(plan->adjustments);
  computed_list_free(&plan->computed);
  tertial__snapshots_free(plan->snapshots);
  tertial__measures_free(plan->measures);
  tertial__accruals_free(plan->accruals);
  free(plan);
}

/* Check a unit and a line-row code of the plan's model. */
static int check_target(const tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code, int *out_row)
{
  if (unit >= tertial_org_unit_count(tertial_model_org(plan->model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "forecast: no unit with id %u", (unsigned)unit);
  tertial_rowmap *map = tertial_model_rowmap(plan->model);
  int row, rc = tertial_rowmap_find_row(&row, map, row_code);
  if (rc < 0)
    return rc;
  if (tertial_rowmap_row(map, (size_t)row)->kind != TERTIAL_ROW_LINE)
    return tertial__error(TERTIAL_ERR_STATE, "report row \"%s\" is not a line row", row_code);
  if (out_row)
    *out_row = row;
  return 0;
}

static int same_row(const char *a, const char *b)
{
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int tertial__plan_check_open(tertial_forecast_plan *plan)
{
  /* the frozen point the change would alter: the earliest at or after the cut-off the plan is
   * changed for (an apply there or later would use the change); none said: not tied to a point */
  const tertial_snapshot *hit = NULL;
  for (size_t i = 0; plan->cutoff && i < tertial_snapshot_count(plan->model); i++) {
    const tertial_snapshot *s = tertial_snapshot_at(plan->model, i);
    int c = tertial_snapshot_cutoff(s);
    if (c >= plan->cutoff && (!hit || c < tertial_snapshot_cutoff(hit)))
      hit = s;
  }
  if (!hit)
    return 0;
  tertial_date on = tertial_snapshot_taken_on(hit);
  return tertial__error(TERTIAL_ERR_STATE,
                        "follow-up point %s was frozen on %04d-%02d-%02d: its forecast methods and adjustments "
                        "cannot change; make the change at a later follow-up point (and freeze that one with a new "
                        "snapshot)",
                        tertial_snapshot_point(hit), on.year, on.month, on.day);
}

int tertial_forecast_set_cutoff(tertial_forecast_plan *plan, int cutoff)
{
  if (!plan)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_set_cutoff: plan is NULL");
  if (cutoff < 0 || cutoff > MONTHS)
    return tertial__error(TERTIAL_ERR_RANGE, "forecast: cut-off %d outside 1..12 (0: none)", cutoff);
  plan->cutoff = cutoff;
  return 0;
}

int tertial_forecast_cutoff(const tertial_forecast_plan *plan)
{
  return plan ? plan->cutoff : 0;
}

int tertial_forecast_set_method(tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code,
                                tertial_forecast_method method, int run_rate_months)
{
  if (!plan)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_set_method: plan is NULL");
  if (!tertial_forecast_method_name(method))
    return tertial__error(TERTIAL_ERR_INVALID, "unknown forecast method %d", (int)method);
  if (method == TERTIAL_METHOD_RUN_RATE && (run_rate_months < 1 || run_rate_months > MONTHS))
    return tertial__error(TERTIAL_ERR_RANGE, "run rate over %d months, expected 1..12", run_rate_months);
  int rc = row_code ? check_target(plan, unit, row_code, NULL)
                    : unit < tertial_org_unit_count(tertial_model_org(plan->model))
                          ? 0
                          : tertial__error(TERTIAL_ERR_NOT_FOUND, "forecast: no unit with id %u", (unsigned)unit);
  if (rc == 0)
    rc = tertial__plan_check_open(plan);
  if (rc < 0)
    return rc;
  for (size_t i = 0; i < plan->nrules; i++)
    if (plan->rules[i].unit == unit && same_row(plan->rules[i].row, row_code)) {
      plan->rules[i].method = method;
      plan->rules[i].n = run_rate_months;
      return 0;
    }
  rc = tertial__grow((void **)&plan->rules, &plan->cap_rules, plan->nrules + 1, sizeof *plan->rules);
  char *row = row_code ? tertial__strdup(row_code) : NULL;
  if (rc < 0 || (row_code && !row))
    return TERTIAL_ERR_NOMEM;
  plan->rules[plan->nrules++] = (rule){unit, row, method, run_rate_months};
  return 0;
}

static const rule *rule_at(const tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code)
{
  for (size_t i = 0; i < plan->nrules; i++)
    if (plan->rules[i].unit == unit && same_row(plan->rules[i].row, row_code))
      return &plan->rules[i];
  return NULL;
}

/* The rule that applies at a period: walk up from the unit; a row rule beats an all-rows rule. */
static const rule *resolve_rule(const tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code,
                                int period)
{
  const tertial_org *org = tertial_model_org(plan->model);
  for (tertial_unit_id u = unit; u != TERTIAL_NO_UNIT; u = tertial__org_parent_at(org, u, period)) {
    const rule *r = rule_at(plan, u, row_code);
    if (!r)
      r = rule_at(plan, u, NULL);
    if (r)
      return r;
  }
  return NULL;
}

static int cutoff_period(const tertial_forecast_plan *plan, int cutoff)
{
  int period = 0;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(plan->model), cutoff - 1);
  return period;
}

int tertial_forecast_method_of(tertial_forecast_method *out, int *out_run_rate_months,
                               const tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code)
{
  if (!out || !plan || !row_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_method_of: NULL argument");
  int rc = check_target(plan, unit, row_code, NULL);
  if (rc < 0)
    return rc;
  /* the structure at the end of the year: the one the forecast is about */
  const rule *r = resolve_rule(plan, unit, row_code, cutoff_period(plan, MONTHS));
  *out = r ? r->method : TERTIAL_METHOD_REMAINING_BUDGET;
  if (out_run_rate_months)
    *out_run_rate_months = r ? r->n : 3;
  return 0;
}

size_t tertial_forecast_rule_count(const tertial_forecast_plan *plan)
{
  return plan ? plan->nrules : 0;
}

int tertial_forecast_rule_at(tertial_unit_id *out_unit, const char **out_row_code, int *out_method,
                             int *out_run_rate_months, const tertial_forecast_plan *plan, size_t index)
{
  if (!out_unit || !out_row_code || !out_method || !out_run_rate_months || !plan)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_rule_at: NULL argument");
  if (index >= plan->nrules)
    return tertial__error(TERTIAL_ERR_RANGE, "no method rule %zu", index);
  const rule *r = &plan->rules[index];
  *out_unit = r->unit;
  *out_row_code = r->row;
  *out_method = (int)r->method;
  *out_run_rate_months = r->n;
  return 0;
}

size_t tertial_forecast_manual_count(const tertial_forecast_plan *plan)
{
  return plan ? plan->nmanuals : 0;
}

int tertial_forecast_manual_at(tertial_unit_id *out_unit, const char **out_row_code, int64_t *out_amount,
                               const tertial_forecast_plan *plan, size_t index)
{
  if (!out_unit || !out_row_code || !out_amount || !plan)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_manual_at: NULL argument");
  if (index >= plan->nmanuals)
    return tertial__error(TERTIAL_ERR_RANGE, "no manual figure %zu", index);
  *out_unit = plan->manuals[index].unit;
  *out_row_code = plan->manuals[index].row;
  *out_amount = plan->manuals[index].amount;
  return 0;
}

size_t tertial_forecast_driver_count(const tertial_forecast_plan *plan)
{
  return plan ? plan->ndrivers : 0;
}

int tertial_forecast_driver_at(tertial_unit_id *out_unit, const char **out_row_code, const char **out_name,
                               const char **out_volume_unit, int64_t *out_unit_cost, const tertial_forecast_plan *plan,
                               size_t index)
{
  if (!out_unit || !out_row_code || !out_name || !out_volume_unit || !out_unit_cost || !plan)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_driver_at: NULL argument");
  if (index >= plan->ndrivers)
    return tertial__error(TERTIAL_ERR_RANGE, "no volume driver %zu", index);
  const driver *d = &plan->drivers[index];
  *out_unit = d->unit;
  *out_row_code = d->row;
  *out_name = d->name;
  *out_volume_unit = d->volume_unit;
  *out_unit_cost = d->unit_cost;
  return 0;
}

int tertial_forecast_driver_volume(int64_t *out, const tertial_forecast_plan *plan, size_t index, int month)
{
  if (!out || !plan)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_driver_volume: NULL argument");
  if (index >= plan->ndrivers || month < 0 || month >= MONTHS)
    return tertial__error(TERTIAL_ERR_RANGE, "no volume driver %zu or month %d", index, month);
  *out = plan->drivers[index].volume[month];
  return 0;
}

int tertial_forecast_set_manual(tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code,
                                int64_t amount)
{
  if (!plan || !row_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_set_manual: NULL argument");
  int rc = check_target(plan, unit, row_code, NULL);
  if (rc == 0)
    rc = tertial__plan_check_open(plan);
  if (rc < 0)
    return rc;
  for (size_t i = 0; i < plan->nmanuals; i++)
    if (plan->manuals[i].unit == unit && strcmp(plan->manuals[i].row, row_code) == 0) {
      plan->manuals[i].amount = amount;
      return 0;
    }
  rc = tertial__grow((void **)&plan->manuals, &plan->cap_manuals, plan->nmanuals + 1, sizeof *plan->manuals);
  char *row = tertial__strdup(row_code);
  if (rc < 0 || !row) {
    free(row);
    return TERTIAL_ERR_NOMEM;
  }
  plan->manuals[plan->nmanuals++] = (manual_figure){unit, row, amount};
  return 0;
}

static driver *find_driver(const tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code)
{
  for (size_t i = 0; i < plan->ndrivers; i++)
    if (plan->drivers[i].unit == unit && strcmp(plan->drivers[i].row, row_code) == 0)
      return &plan->drivers[i];
  return NULL;
}

int tertial_forecast_set_driver(tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code,
                                const char *name, const char *volume_unit, int64_t unit_cost)
{
  if (!plan || !row_code || !name || !*name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_set_driver: a plan, a row and a name are required");
  int rc = check_target(plan, unit, row_code, NULL);
  if (rc == 0)
    rc = tertial__plan_check_open(plan);
  if (rc < 0)
    return rc;
  char *n = tertial__strdup(name), *vu = tertial__strdup(volume_unit), *row = tertial__strdup(row_code);
  driver *d = find_driver(plan, unit, row_code);
  if (!d && (rc = tertial__grow((void **)&plan->drivers, &plan->cap_drivers, plan->ndrivers + 1,
                                sizeof *plan->drivers)) == 0) {
    d = &plan->drivers[plan->ndrivers++];
    memset(d, 0, sizeof *d);
    d->unit = unit;
  }
  if (!n || !vu || !row || !d) {
    free(n);
    free(vu);
    free(row);
    return TERTIAL_ERR_NOMEM;
  }
  free(d->name);
  free(d->volume_unit);
  free(d->row);
  d->name = n;
  d->volume_unit = vu;
  d->row = row;
  d->unit_cost = unit_cost;
  return 0;
}

int tertial_forecast_set_volume(tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code, int month,
                                int64_t volume_thousandths)
{
  if (!plan || !row_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_set_volume: NULL argument");
  if (month < 0 || month >= MONTHS)
    return tertial__error(TERTIAL_ERR_RANGE, "forecast: month index %d outside 0..11", month);
  driver *d = find_driver(plan, unit, row_code);
  if (!d)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no volume driver for unit %u and row \"%s\"", (unsigned)unit,
                          row_code);
  int rc = tertial__plan_check_open(plan);
  if (rc < 0)
    return rc;
  d->volume[month] = volume_thousandths;
  return 0;
}

int tertial_forecast_add_adjustment(tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code,
                                    int64_t amount, tertial_adjustment_kind kind, const char *reason)
{
  if (!plan || !row_code || !reason || !*reason)
    return tertial__error(TERTIAL_ERR_INVALID, "an adjustment needs a row and a reason");
  if (kind < TERTIAL_ADJUST_KNOWN_FACTOR || kind > TERTIAL_ADJUST_PLANNED_MEASURE)
    return tertial__error(TERTIAL_ERR_INVALID, "unknown adjustment kind %d", (int)kind);
  int rc = check_target(plan, unit, row_code, NULL);
  if (rc == 0)
    rc = tertial__plan_check_open(plan);
  if (rc < 0)
    return rc;
  rc = tertial__grow((void **)&plan->adjustments, &plan->cap_adjustments, plan->nadjustments + 1,
                     sizeof *plan->adjustments);
  char *row = tertial__strdup(row_code), *why = tertial__strdup(reason);
  if (rc < 0 || !row || !why) {
    free(row);
    free(why);
    return TERTIAL_ERR_NOMEM;
  }
  plan->adjustments[plan->nadjustments++] = (tertial_adjustment){unit, row, amount, kind, why};
  return 0;
}

size_t tertial_forecast_adjustment_count(const tertial_forecast_plan *plan)
{
  return plan ? plan->nadjustments : 0;
}

const tertial_adjustment *tertial_forecast_adjustment_at(const tertial_forecast_plan *plan, size_t index)
{
  if (!plan || index >= plan->nadjustments)
    return NULL;
  return &plan->adjustments[index];
}

int tertial_forecast_remove_adjustment(tertial_forecast_plan *plan, size_t index)
{
  if (!plan)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_remove_adjustment: plan is NULL");
  if (index >= plan->nadjustments)
    return tertial__error(TERTIAL_ERR_RANGE, "no adjustment %zu", index);
  int rc = tertial__plan_check_open(plan);
  if (rc < 0)
    return rc;
  free((char *)plan->adjustments[index].row_code);
  free((char *)plan->adjustments[index].reason);
  memmove(&plan->adjustments[index], &plan->adjustments[index + 1],
          (plan->nadjustments - index - 1) * sizeof *plan->adjustments);
  plan->nadjustments--;
  tertial__measures_adjustment_removed(plan->measures, index);
  return 0;
}

int tertial__plan_set_adjustment_kind(tertial_forecast_plan *plan, size_t index, tertial_adjustment_kind kind)
{
  int rc = tertial__plan_check_open(plan);
  if (rc == 0 && index < plan->nadjustments)
    plan->adjustments[index].kind = kind;
  return rc;
}

/* ---- applying the plan ---- */

/* Measures of a block of own months, in order: outcome, budget, prior-year outcome. */
#define BLOCK (3 * MONTHS)

/* Every unit's own outcome, budget and prior-year months per report row: [unit][row][3][12].
 * Used when the ledger's amounts are so large that a sum of them might overflow, so that an
 * overflow is reported before anything changes (see tertial_forecast_apply). */
static int own_months(int64_t **out, tertial_model *model, int budget)
{
  tertial_ledger *ledger = tertial_model_ledger(model);
  const int *rows;
  size_t nacc;
  int rc = tertial__ledger_account_rows(ledger, tertial_model_rowmap(model), &rows, &nacc);
  if (rc < 0)
    return rc;
  size_t nrows = tertial_rowmap_row_count(tertial_model_rowmap(model));
  size_t nunits = tertial_org_unit_count(tertial_model_org(model));
  int64_t *m = tertial__calloc(nunits * nrows * BLOCK, sizeof *m);
  if (!m)
    return TERTIAL_ERR_NOMEM;
  const uint64_t *keys = tertial__ledger_own_keys(ledger);
  tertial__own_view view;
  tertial__ledger_own_view(ledger, &view);
  const size_t measure_of[3] = {TERTIAL_MEASURE_OUTCOME, (size_t)budget, TERTIAL_MEASURE_PRIOR};
  uint64_t ovf = 0;
  for (size_t i = 0; i < tertial__ledger_own_count(ledger); i++) {
    tertial_unit_id u = (tertial_unit_id)(keys[i] >> 32);
    tertial_account_id a = (tertial_account_id)(keys[i] & 0xffffffffu);
    if (a >= nacc || rows[a] < 0 || u >= nunits)
      continue;
    int64_t *dst = &m[((size_t)u * nrows + (size_t)rows[a]) * BLOCK];
    for (size_t k = 0; k < 3; k++)
      ovf |= tertial__own_add12_checked(&dst[k * MONTHS], &view, i, measure_of[k]);
  }
  if (ovf) {
    free(m);
    return tertial__error(TERTIAL_ERR_OVERFLOW, "forecast: a unit's row total overflows");
  }
  *out = m;
  return 0;
}

static int64_t driver_remaining(const driver *d, int cutoff, int *ovf)
{
  /* each volume x cost is below 2^126; twelve of them could pass 2^127 */
  tertial_i128 s = 0;
  int wide = 0;
  for (int k = cutoff; k < MONTHS; k++)
    wide |= __builtin_add_overflow(s, (tertial_i128)d->volume[k] * d->unit_cost, &s);
  tertial_i128 v = wide ? 0 : tertial__div_round(s, 1000);
  if (wide || v > INT64_MAX || v < INT64_MIN) {
    *ovf = 1;
    return 0;
  }
  return (int64_t)v;
}

/* What the plan says about a unit and line row (the bits of plan_index.named). */
enum { NAMED_RULE = 1, NAMED_MANUAL = 2, NAMED_DRIVER = 4, NAMED_SUMS = 8 };

/* Lookup tables built once per apply, so each unit and row costs a table read and, only where
 * the plan names the pair, a few hash lookups, instead of scans of the whole plan.
 * Keys: unit << 32 | (row index + 1); row part 0 means every row. */
typedef struct plan_index {
  tertial_u64map rules, manuals, drivers, sums;
  int64_t (*sum)[2]; /* [known factors + measures taken, planned measures] */
  size_t nsum, cap_sum;
  size_t nunits, nrows;
  unsigned char *named; /* [unit][row]: NAMED_* bits */
  /* [unit] -> [row]: the rule that applies (index in plan->rules), -1: none. Units below the
   * same nearest units with rules share one table. */
  const int32_t **rules_of;
  int32_t *tables; /* the tables: one of no rule, then one per unit with rules */
} plan_index;

static uint64_t pkey(tertial_unit_id unit, int row)
{
  return ((uint64_t)unit << 32) | (uint32_t)(row + 1);
}

static void index_free(plan_index *ix)
{
  tertial__u64map_free(&ix->rules);
  tertial__u64map_free(&ix->manuals);
  tertial__u64map_free(&ix->drivers);
  tertial__u64map_free(&ix->sums);
  free(ix->sum);
  free(ix->named);
  free(ix->rules_of);
  free(ix->tables);
}

/* The current mapping's index of a row code; -1 when the mapping no longer has it. */
static int row_index(const tertial_rowmap *map, const char *code)
{
  int row;
  if (tertial_rowmap_find_row(&row, map, code) < 0) {
    tertial_error_clear();
    return -1;
  }
  return row;
}

static int index_adjustment(plan_index *ix, uint64_t key, const tertial_adjustment *a, const tertial_org *org)
{
  uint32_t i;
  if (!tertial__u64map_get(&ix->sums, key, &i)) {
    int rc = tertial__grow((void **)&ix->sum, &ix->cap_sum, ix->nsum + 1, sizeof *ix->sum);
    if (rc == 0)
      rc = tertial__u64map_put(&ix->sums, key, (uint32_t)ix->nsum);
    if (rc < 0)
      return rc;
    i = (uint32_t)ix->nsum++;
    ix->sum[i][0] = ix->sum[i][1] = 0;
  }
  int64_t *slot = &ix->sum[i][a->kind == TERTIAL_ADJUST_PLANNED_MEASURE];
  if (tertial__add_ovf(*slot, a->amount, slot))
    return tertial__error(TERTIAL_ERR_OVERFLOW, "the forecast adjustments of unit %s (%s) on row %s add up to more "
                          "than an amount can hold (int64 öre)", tertial__unit_code(org, a->unit),
                          tertial__unit_name(org, a->unit), a->row_code);
  return 0;
}

/* Mark a unit and row as named by the plan. */
static void index_name(plan_index *ix, tertial_unit_id unit, int row, unsigned bit)
{
  if (unit < ix->nunits && row >= 0 && (size_t)row < ix->nrows)
    ix->named[(size_t)unit * ix->nrows + (size_t)row] |= (unsigned char)bit;
}

/* The rule of every unit and row: the nearest unit up the tree (as it stands in `period`) with a
 * rule for the row or for every row, a rule for the row beating one for every row at the same
 * unit. Each unit is resolved once, from its parent's table. has_rule[u]: u has rules (then u
 * gets a table of its own); nowner: how many units have rules. */
static int resolve_rules(plan_index *ix, const tertial_forecast_plan *plan, const unsigned char *has_rule,
                         size_t nowner, int period)
{
  const tertial_org *org = tertial_model_org(plan->model);
  size_t n = ix->nunits, nr = ix->nrows, ntables = 1;
  unsigned char *done = tertial__calloc(n ? n : 1, 1);
  tertial_unit_id *path = tertial__malloc((n ? n : 1) * sizeof *path);
  ix->rules_of = tertial__malloc((n ? n : 1) * sizeof *ix->rules_of);
  ix->tables = tertial__malloc(((nowner + 1) * nr > 0 ? (nowner + 1) * nr : 1) * sizeof *ix->tables);
  int rc = done && path && ix->rules_of && ix->tables ? 0 : TERTIAL_ERR_NOMEM;
  for (size_t r = 0; rc == 0 && r < nr; r++)
    ix->tables[r] = -1; /* table 0: no rule */
  for (tertial_unit_id u = 0; rc == 0 && u < n; u++) {
    if (done[u])
      continue;
    /* the units up from u that are not resolved yet, then down again from the first that is */
    size_t len = 0;
    tertial_unit_id v = u;
    while (rc == 0 && v != TERTIAL_NO_UNIT && !done[v]) {
      if (len == n)
        rc = tertial__error(TERTIAL_ERR_STATE, "the organisation has a cycle of parents above unit %s (%s)",
                            tertial__unit_code(org, u), tertial__unit_name(org, u));
      else
        path[len++] = v;
      v = tertial__org_parent_at(org, v, period);
    }
    while (rc == 0 && len > 0) {
      tertial_unit_id w = path[--len];
      const int32_t *above = v == TERTIAL_NO_UNIT ? ix->tables : ix->rules_of[v];
      if (has_rule[w]) {
        int32_t *own = &ix->tables[ntables++ * nr];
        uint32_t i;
        int32_t all = tertial__u64map_get(&ix->rules, pkey(w, -1), &i) ? (int32_t)i : -1;
        for (size_t r = 0; r < nr; r++)
          own[r] = tertial__u64map_get(&ix->rules, pkey(w, (int)r), &i) ? (int32_t)i : all >= 0 ? all : above[r];
        ix->rules_of[w] = own;
      } else {
        ix->rules_of[w] = above;
      }
      done[w] = 1;
      v = w;
    }
  }
  free(done);
  free(path);
  return rc;
}

static int index_build(plan_index *ix, const tertial_forecast_plan *plan, size_t nunits, size_t nrows, int period)
{
  const tertial_rowmap *map = tertial_model_rowmap(plan->model);
  ix->nunits = nunits;
  ix->nrows = nrows;
  size_t cells = nunits * nrows > 0 ? nunits * nrows : 1;
  ix->named = tertial__calloc(cells, 1);
  unsigned char *has_rule = tertial__calloc(nunits ? nunits : 1, 1);
  size_t nowner = 0;
  int rc = ix->named && has_rule ? 0 : TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < plan->nrules; i++) {
    int row = plan->rules[i].row ? row_index(map, plan->rules[i].row) : -1;
    if (!plan->rules[i].row || row >= 0) {
      rc = tertial__u64map_put(&ix->rules, pkey(plan->rules[i].unit, row), (uint32_t)i);
      index_name(ix, plan->rules[i].unit, row, NAMED_RULE);
      if (plan->rules[i].unit < nunits && !has_rule[plan->rules[i].unit]) {
        has_rule[plan->rules[i].unit] = 1;
        nowner++;
      }
    }
  }
  for (size_t i = 0; rc == 0 && i < plan->nmanuals; i++) {
    int row = row_index(map, plan->manuals[i].row);
    if (row >= 0) {
      rc = tertial__u64map_put(&ix->manuals, pkey(plan->manuals[i].unit, row), (uint32_t)i);
      index_name(ix, plan->manuals[i].unit, row, NAMED_MANUAL);
    }
  }
  for (size_t i = 0; rc == 0 && i < plan->ndrivers; i++) {
    int row = row_index(map, plan->drivers[i].row);
    if (row >= 0) {
      rc = tertial__u64map_put(&ix->drivers, pkey(plan->drivers[i].unit, row), (uint32_t)i);
      index_name(ix, plan->drivers[i].unit, row, NAMED_DRIVER);
    }
  }
  for (size_t i = 0; rc == 0 && i < plan->nadjustments; i++) {
    int row = row_index(map, plan->adjustments[i].row_code);
    if (row >= 0) {
      rc = index_adjustment(ix, pkey(plan->adjustments[i].unit, row), &plan->adjustments[i],
                            tertial_model_org(plan->model));
      index_name(ix, plan->adjustments[i].unit, row, NAMED_SUMS);
    }
  }
  if (rc == 0)
    rc = resolve_rules(ix, plan, has_rule, nowner, period);
  free(has_rule);
  return rc;
}

/* The base and final forecast of one unit and line row, recorded in the plan (the caller sets
 * them on the model). */
static int apply_one(computed_list *out, const tertial_forecast_plan *plan, const plan_index *ix,
                     tertial_unit_id u, int r, const int64_t *months, int cutoff)
{
  size_t at = (size_t)u * ix->nrows + (size_t)r;
  /* field by field, not zeroed first: this runs for every unit and row (the block is outcome,
   * budget, prior, twelve months each, as the input's arrays) */
  tertial_forecast_input in;
  in.version = TERTIAL_FORECAST_INPUT_VERSION;
  memcpy(in.outcome, months, sizeof in.outcome);
  memcpy(in.budget, months + MONTHS, sizeof in.budget);
  memcpy(in.prior, months + 2 * MONTHS, sizeof in.prior);
  in.cutoff = cutoff;
  in.manual = 0;
  in.driver_remaining = 0;
  int32_t ri = ix->rules_of[u][r];
  const rule *ru = ri >= 0 ? &plan->rules[ri] : NULL;
  tertial_forecast_method method = ru ? ru->method : TERTIAL_METHOD_REMAINING_BUDGET;
  in.run_rate_months = ru && ru->method == TERTIAL_METHOD_RUN_RATE ? ru->n : 3;
  int ovf = 0;
  unsigned named = ix->named[at];
  uint32_t i;
  uint64_t k = pkey(u, r);
  if ((named & NAMED_DRIVER) && tertial__u64map_get(&ix->drivers, k, &i))
    in.driver_remaining = driver_remaining(&plan->drivers[i], cutoff, &ovf);
  if ((named & NAMED_MANUAL) && tertial__u64map_get(&ix->manuals, k, &i))
    in.manual = plan->manuals[i].amount;
  int64_t base, total, adj = 0, planned = 0;
  if ((named & NAMED_SUMS) && tertial__u64map_get(&ix->sums, k, &i)) {
    adj = ix->sum[i][0];
    planned = ix->sum[i][1];
  }
  int fallback, rc = tertial_forecast_base(&base, &fallback, method, &in);
  if (rc < 0)
    return rc;
  if (ovf || tertial__add_ovf(base, adj, &total))
    return tertial__error(TERTIAL_ERR_OVERFLOW, "the forecast of unit %s (%s) on row %s is more than an amount can "
                          "hold (int64 öre)", tertial__unit_code(tertial_model_org(plan->model), u),
                          tertial__unit_name(tertial_model_org(plan->model), u),
                          tertial_rowmap_row(tertial_model_rowmap(plan->model), (size_t)r)->code);
  computed c = {u, r, base, adj, planned, total, 0, 0, method, fallback};
  rc = to_int64(&c.outcome_to_date, months_sum(months, 0, cutoff - 1));
  if (rc == 0)
    rc = to_int64(&c.budget_year, months_sum(months + MONTHS, 0, MONTHS - 1));
  if (rc == 0)
    rc = record(out, c);
  return rc;
}

static int block_active(const int64_t *months)
{
  for (int k = 0; k < BLOCK; k++)
    if (months[k])
      return 1;
  return 0;
}

/* Scratch space of an apply: one unit's own months per row, where each unit's own lines lie. */
/* Where each unit's own lines lie (tertial__ledger_own_runs()). */
typedef struct line_runs {
  const int32_t *oldest, *newest; /* each unit's run of lines, when `grouped` */
  size_t n;               /* units with entries in oldest and newest */
  int grouped;            /* each unit's lines are one run of consecutive lines */
} line_runs;

typedef struct unit_work {
  int64_t *acc;           /* [row][3][12], zero between units */
  unsigned char *touched; /* [row]: acc has amounts of the row */
  size_t *touched_rows, ntouched;
  const line_runs *runs;
  int32_t *lines;         /* a unit's lines, oldest first, when not grouped */
  size_t cap_lines;
} unit_work;

/* Add one own line into its row of w->acc (if its account maps to a row). */
static inline void add_line(unit_work *w, const uint64_t *keys, const tertial__own_view *v, size_t line,
                            const int *rows, size_t nacc, size_t budget)
{
  tertial_account_id a = (tertial_account_id)(keys[line] & 0xffffffffu);
  if (a >= nacc || rows[a] < 0)
    return;
  size_t r = (size_t)rows[a];
  if (!w->touched[r]) {
    w->touched[r] = 1;
    w->touched_rows[w->ntouched++] = r;
  }
  int64_t *dst = &w->acc[r * BLOCK];
  tertial__own_add12(dst, v, line, TERTIAL_MEASURE_OUTCOME);
  tertial__own_add12(dst + MONTHS, v, line, budget);
  tertial__own_add12(dst + 2 * MONTHS, v, line, TERTIAL_MEASURE_PRIOR);
}

/* How many ledger lines ahead unit_months() asks for (about 1 kB at three measures). 32 lines
 * ahead kept more misses in flight than the core has room for: its prefetches stalled, and the
 * apply at 5 000 units took 0.0254 s (median of 7) against 0.0222 s at 8 or 12 lines. */
#define PREFETCH_LINES 8

/* A unit's own months per report row, summed from its own ledger lines into w->acc; marks the
 * rows touched. Lines are read oldest first: in memory order when the ledger holds them unit by
 * unit, else by the ledger's chain of the unit's lines (newest first) turned round. No sum can
 * overflow (the caller checked the ledger's bound), so the additions need no checks. */
TERTIAL_CLONES_AVX2 static int unit_months(unit_work *w, const tertial_ledger *ledger, tertial_unit_id u, const int *rows, size_t nacc,
                       int budget)
{
  const uint64_t *keys = tertial__ledger_own_keys(ledger);
  tertial__own_view v;
  tertial__ledger_own_view(ledger, &v);
  if (w->runs->grouped) {
    if (u >= w->runs->n || w->runs->oldest[u] < 0)
      return 0;
    size_t last = (size_t)w->runs->newest[u];
    for (size_t line = (size_t)w->runs->oldest[u]; line <= last; line++) {
      /* fetch ahead: the hardware's prefetch stops at page boundaries (about 10 % faster) */
      const char *ahead = (const char *)&v.narrow[(line + PREFETCH_LINES <= last ? line + PREFETCH_LINES : last) * v.width];
      for (size_t b = 0; b < v.width * sizeof *v.narrow; b += 64)
        __builtin_prefetch(ahead + b);
      add_line(w, keys, &v, line, rows, nacc, (size_t)budget);
    }
    return 0;
  }
  const int32_t *first;
  size_t nchain, n = 0;
  const int32_t *next = tertial__ledger_own_chain(ledger, &first, &nchain);
  if (u >= nchain)
    return 0;
  for (int32_t line = first[u]; line >= 0; line = next[line]) {
    if (n == w->cap_lines && tertial__grow((void **)&w->lines, &w->cap_lines, n + 1, sizeof *w->lines) < 0)
      return TERTIAL_ERR_NOMEM;
    w->lines[n++] = line;
  }
  while (n-- > 0)
    add_line(w, keys, &v, (size_t)w->lines[n], rows, nacc, (size_t)budget);
  return 0;
}

/* Zero what unit_months() summed, for the next unit. */
static void unit_clear(unit_work *w)
{
  for (size_t i = 0; i < w->ntouched; i++) {
    memset(&w->acc[w->touched_rows[i] * BLOCK], 0, BLOCK * sizeof *w->acc);
    w->touched[w->touched_rows[i]] = 0;
  }
  w->ntouched = 0;
}

static void unit_work_free(unit_work *w)
{
  free(w->acc);
  free(w->touched);
  free(w->touched_rows);
  free(w->lines);
}

/* Work below which an apply stays on one thread: starting a thread costs about what summing a
 * few thousand ledger lines does. */
#define MIN_LINES_PER_PART 32768

/* One part of an apply: units lo..hi-1, on a thread of its own. */
typedef struct apply_part {
  tertial_unit_id lo, hi;
  computed_list own; /* results of parts after the first (the first writes the plan's list) */
  computed_list *out;
  tertial__part_error err;
} apply_part;

/* What every part of an apply reads; nothing here changes while the parts run. */
typedef struct apply_job {
  const tertial_forecast_plan *plan;
  const plan_index *ix;
  const tertial_ledger *ledger;
  const int *rows;
  size_t nacc, nrows;
  const unsigned char *is_line;
  const int64_t *months; /* all sums, when not fast */
  int fast, budget, cutoff;
  line_runs runs;
  apply_part *parts;
} apply_job;

/* The forecasts of units part->lo..hi-1, in unit and row order, into part->out. */
static int apply_units(const apply_job *job, apply_part *part)
{
  size_t nr = job->nrows ? job->nrows : 1;
  unit_work w = {0};
  w.acc = tertial__calloc(nr * BLOCK, sizeof *w.acc);
  w.touched = tertial__calloc(nr, 1);
  w.touched_rows = tertial__malloc(nr * sizeof *w.touched_rows);
  w.runs = &job->runs;
  int rc = w.acc && w.touched && w.touched_rows ? 0 : TERTIAL_ERR_NOMEM;
  for (tertial_unit_id u = part->lo; rc == 0 && u < part->hi; u++) {
    if (job->fast)
      rc = unit_months(&w, job->ledger, u, job->rows, job->nacc, job->budget);
    for (size_t r = 0; rc == 0 && r < job->nrows; r++) {
      if (!job->is_line[r])
        continue;
      const int64_t *block = job->fast ? &w.acc[r * BLOCK] : &job->months[((size_t)u * job->nrows + r) * BLOCK];
      int active = (job->fast ? w.touched[r] : 1) && block_active(block);
      if (active || job->ix->named[(size_t)u * job->nrows + r])
        rc = apply_one(part->out, job->plan, job->ix, u, (int)r, block, job->cutoff);
    }
    unit_clear(&w);
  }
  unit_work_free(&w);
  return rc;
}

static void apply_part_run(void *data, size_t i)
{
  apply_job *job = data;
  int rc = apply_units(job, &job->parts[i]);
  if (rc < 0)
    tertial__part_error_keep(&job->parts[i].err, rc);
}

/* Split the units into at most `nparts` ranges of about equal work: by ledger lines when each
 * unit's lines are one run, else by units. Fewer parts when there is too little work for them
 * (MIN_LINES_PER_PART each). Returns how many parts there are. */
static size_t split_units(apply_part *parts, size_t nparts, const apply_job *job, size_t nunits, size_t nlines)
{
  size_t work = job->fast ? nlines : nunits * job->nrows;
  if (nparts > work / MIN_LINES_PER_PART)
    nparts = work / MIN_LINES_PER_PART > 1 ? work / MIN_LINES_PER_PART : 1;
  int by_lines = job->fast && job->runs.grouped;
  size_t total = by_lines ? nlines : nunits, done = 0, k = 0;
  tertial_unit_id lo = 0;
  for (tertial_unit_id u = 0; u < nunits && k + 1 < nparts; u++) {
    if (!by_lines)
      done++;
    else if (u < job->runs.n && job->runs.oldest[u] >= 0)
      done += (size_t)(job->runs.newest[u] - job->runs.oldest[u]) + 1;
    if (done * nparts >= total * (k + 1)) {
      parts[k++] = (apply_part){.lo = lo, .hi = u + 1};
      lo = u + 1;
    }
  }
  parts[k] = (apply_part){.lo = lo, .hi = (tertial_unit_id)nunits};
  return k + 1;
}

int tertial_forecast_apply(tertial_model *model, int cutoff, int budget_measure)
{
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  if (!plan)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_apply: model is NULL");
  if (cutoff < 1 || cutoff > MONTHS)
    return tertial__error(TERTIAL_ERR_RANGE, "forecast: cut-off %d outside 1..12", cutoff);
  tertial_ledger *ledger = tertial_model_ledger(model);
  int budget = budget_measure < 0 ? tertial_model_current_budget(model) : budget_measure;
  if (budget <= TERTIAL_MEASURE_PRIOR || (size_t)budget >= tertial_ledger_measure_count(ledger))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "forecast: measure %d is not a budget measure", budget);
  tertial_rowmap *map = tertial_model_rowmap(model);
  int rc = tertial_rowmap_validate(map);
  if (rc < 0)
    return rc;
  size_t nrows = tertial_rowmap_row_count(map), nunits = tertial_org_unit_count(tertial_model_org(model));
  size_t nlines = tertial__ledger_own_count(ledger);
  apply_job job = {.plan = plan, .ledger = ledger, .nrows = nrows, .budget = budget, .cutoff = cutoff};
  /* When no sum of own values can overflow, each unit's months are summed from its own lines as
   * the unit comes (one pass over the ledger, nothing the size of units x rows); otherwise all
   * sums are made and checked first, so that an overflow changes nothing. */
  job.fast = nlines == 0 || tertial__ledger_abs_bound(ledger) <= (uint64_t)INT64_MAX / nlines;
  int64_t *months = NULL;
  unsigned char *is_line = NULL;
  plan_index ix = {0};
  /* on the heap: the parts' kept errors make some 270 kB at TERTIAL__MAX_THREADS, too much for
   * the stack of a thread the caller started with a small one */
  size_t maxparts = (size_t)tertial__threads_effective(plan->threads);
  apply_part *parts = tertial__calloc(maxparts, sizeof *parts);
  rc = parts ? tertial__ledger_account_rows(ledger, map, &job.rows, &job.nacc) : TERTIAL_ERR_NOMEM;
  if (rc == 0)
    rc = index_build(&ix, plan, nunits, nrows, cutoff_period(plan, cutoff));
  if (rc == 0 && !job.fast)
    rc = own_months(&months, model, budget);
  if (rc == 0 && !(is_line = tertial__calloc(nrows ? nrows : 1, 1)))
    rc = TERTIAL_ERR_NOMEM;
  if (rc < 0) {
    free(parts);
    free(months);
    index_free(&ix);
    return rc;
  }
  for (size_t r = 0; r < nrows; r++)
    is_line[r] = tertial_rowmap_row(map, r)->kind == TERTIAL_ROW_LINE;
  job.ix = &ix;
  job.is_line = is_line;
  job.months = months;
  job.runs.grouped = tertial__ledger_own_runs(ledger, &job.runs.oldest, &job.runs.newest, &job.runs.n);
  job.parts = parts;
  tertial__model_clear_forecasts(model);
  plan->computed.n = 0;
  /* Parts of the units on threads of their own, each into a list of its own (the first into the
   * plan's), joined in unit order: the same results and the same first error on any number of
   * threads. */
  size_t nparts = split_units(parts, maxparts, &job, nunits, nlines);
  for (size_t i = 0; i < nparts; i++)
    parts[i].out = i == 0 ? &plan->computed : &parts[i].own;
  tertial__parallel(nparts, apply_part_run, &job);
  for (size_t i = 0; i < nparts; i++) {
    for (size_t k = 0; i > 0 && rc == 0 && k < parts[i].own.n; k++)
      rc = record(&plan->computed, parts[i].own.chunks[k / COMPUTED_CHUNK][k % COMPUTED_CHUNK]);
    if (rc == 0 && parts[i].err.code < 0)
      rc = tertial__part_error_raise(&parts[i].err);
  }
  for (size_t i = 1; i < nparts; i++)
    computed_list_free(&parts[i].own);
  free(parts);
  /* Set the forecasts on the model in one go (its storage grows once, for the new ones). */
  size_t fresh = 0;
  for (size_t i = 0; i < plan->computed.n; i++) {
    const computed *c = tertial__plan_computed(plan, i);
    fresh += !tertial__model_has_forecast_slot(model, c->unit, c->row);
  }
  int rc_put = tertial__model_reserve_forecasts(model, fresh);
  for (size_t i = 0; rc_put == 0 && i < plan->computed.n; i++) {
    const computed *c = tertial__plan_computed(plan, i);
    rc_put = tertial__model_put_forecast(model, c->unit, c->row, c->forecast);
  }
  if (rc == 0)
    rc = rc_put;
  free(months);
  free(is_line);
  index_free(&ix);
  if (rc == 0) {
    plan->applied_cutoff = cutoff;
    plan->applied_ledger_rev = tertial__ledger_revision(ledger);
    plan->applied_model_rev = tertial__model_revision(model);
    plan->applied_org_rev = tertial__org_revision(tertial_model_org(model));
  } else {
    plan->applied_cutoff = 0;
  }
  return rc;
}

int tertial_forecast_set_threads(tertial_forecast_plan *plan, int threads)
{
  if (!plan)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_set_threads: plan is NULL");
  if (threads < 0 || threads > TERTIAL__MAX_THREADS)
    return tertial__error(TERTIAL_ERR_RANGE, "forecast: %d threads outside 0..%d", threads, TERTIAL__MAX_THREADS);
  plan->threads = threads;
  return 0;
}

int tertial_forecast_threads(const tertial_forecast_plan *plan)
{
  return plan ? plan->threads : 1;
}

size_t tertial__plan_computed_count(const tertial_forecast_plan *plan)
{
  return plan->computed.n;
}

const tertial__computed *tertial__plan_computed(const tertial_forecast_plan *plan, size_t i)
{
  return &plan->computed.chunks[i / COMPUTED_CHUNK][i % COMPUTED_CHUNK];
}

/* The first entry of what the last apply computed at or after (unit, row): apply computes units
 * in order and each unit's rows in order, so the entries are sorted. */
static size_t computed_lower(const tertial_forecast_plan *plan, tertial_unit_id unit, int row)
{
  size_t lo = 0, hi = plan->computed.n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const computed *c = tertial__plan_computed(plan, mid);
    if (c->unit < unit || (c->unit == unit && c->row < row))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

int tertial__plan_applied_cutoff(const tertial_forecast_plan *plan)
{
  return plan->applied_cutoff;
}

int tertial__plan_is_fresh(const tertial_forecast_plan *plan)
{
  const tertial_model *m = plan->model;
  return plan->applied_cutoff > 0 &&
         plan->applied_ledger_rev == tertial__ledger_revision(tertial_model_ledger((tertial_model *)m)) &&
         plan->applied_model_rev == tertial__model_revision(m) &&
         plan->applied_org_rev == tertial__org_revision(tertial_model_org((tertial_model *)m));
}

tertial__snapshots **tertial__plan_snapshots(tertial_forecast_plan *plan)
{
  return &plan->snapshots;
}

tertial__measures **tertial__plan_measures(tertial_forecast_plan *plan)
{
  return &plan->measures;
}

tertial__accruals **tertial__plan_accruals(tertial_forecast_plan *plan)
{
  return &plan->accruals;
}

int tertial_forecast_base_of(int64_t *out, int *out_method, int *out_fallback, const tertial_forecast_plan *plan,
                             tertial_unit_id unit, const char *row_code)
{
  if (!out || !plan || !row_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_base_of: NULL argument");
  int row, rc = check_target(plan, unit, row_code, &row);
  if (rc < 0)
    return rc;
  size_t i = computed_lower(plan, unit, row);
  const computed *found = i < plan->computed.n ? tertial__plan_computed(plan, i) : NULL;
  if (!found || found->unit != unit || found->row != row)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no forecast has been computed for unit %s (%s) and row \"%s\"",
                          tertial__unit_code(tertial_model_org(plan->model), unit),
                          tertial__unit_name(tertial_model_org(plan->model), unit), row_code);
  *out = found->base;
  if (out_method)
    *out_method = found->method;
  if (out_fallback)
    *out_fallback = found->fallback;
  return 0;
}

/* ---- planned measures and the reasons table ---- */

/* Whether a row adds into the mapping's result row (NETTORESULTAT). */
int tertial__row_in_result(const tertial_rowmap *map, int row)
{
  int result = tertial_rowmap_result_row(map);
  for (int r = row; r >= 0; r = tertial_rowmap_row(map, (size_t)r)->parent)
    if (r == result)
      return 1;
  return 0;
}

/* The result row's figures of a unit's subtree at a cut-off (the children view's total line). */
static int subtree_total(int64_t *forecast, int64_t *deviation, tertial_model *model, tertial_unit_id unit, int cutoff)
{
  tertial_followup *t;
  int rc = tertial_followup_new(&t, model, unit, cutoff, NULL);
  if (rc < 0)
    return rc;
  const tertial_followup_line *total = tertial_followup_line_at(t, tertial_followup_line_count(t) - 1);
  *forecast = total->value[TERTIAL_COL_FORECAST];
  *deviation = total->value[TERTIAL_COL_FORECAST_DEVIATION];
  tertial_followup_free(t);
  return 0;
}

/* Which units lie within `unit` as the structure stands at `period`: one walk of the subtree, so
 * that callers test each entry in O(1) instead of walking up the tree for every one. */
static int scope_of(unsigned char **out, tertial_model *model, tertial_unit_id unit, int period)
{
  const tertial_org *org = tertial_model_org(model);
  unsigned char *in = tertial__calloc(tertial_org_unit_count(org), 1);
  tertial_unit_id *ids = NULL;
  size_t count = 0;
  int rc = in ? tertial__org_preorder(org, unit, period, &ids, NULL, &count) : TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < count; i++)
    in[ids[i]] = 1;
  free(ids);
  if (rc < 0) {
    free(in);
    return rc;
  }
  *out = in;
  return 0;
}

/* Whether an adjustment is on a result line row. */
static int adjustment_in_result(tertial_model *model, const tertial_adjustment *a)
{
  int row;
  const tertial_rowmap *map = tertial_model_rowmap(model);
  return tertial_rowmap_find_row(&row, map, a->row_code) == 0 && tertial__row_in_result(map, row);
}

/* Whether an adjustment is on a result line row of a unit in scope. */
static int adjustment_in_scope(tertial_model *model, const tertial_adjustment *a, const unsigned char *in_scope)
{
  return in_scope[a->unit] && adjustment_in_result(model, a);
}

int tertial_forecast_after_planned(int64_t *out, tertial_model *model, tertial_unit_id unit, int cutoff)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_forecast_after_planned: NULL argument");
  int64_t forecast, deviation;
  int rc = subtree_total(&forecast, &deviation, model, unit, cutoff);
  if (rc < 0)
    return rc;
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  unsigned char *in_scope = NULL;
  rc = scope_of(&in_scope, model, unit, cutoff_period(plan, cutoff));
  for (size_t i = 0; rc == 0 && i < plan->nadjustments; i++) {
    const tertial_adjustment *a = &plan->adjustments[i];
    if (a->kind == TERTIAL_ADJUST_PLANNED_MEASURE && adjustment_in_scope(model, a, in_scope) &&
        tertial__add_ovf(forecast, a->amount, &forecast))
      rc = tertial__error(TERTIAL_ERR_OVERFLOW, "forecast after planned measures overflows");
  }
  free(in_scope);
  if (rc == 0)
    *out = forecast;
  return rc;
}

typedef struct reason_line {
  char *reason;
  int64_t amount;
  tertial_unit_id unit, group; /* the adjustment's unit (the group's for a projection); TERTIAL_NO_UNIT if added */
  int projection;              /* 1: the base methods' deviation of the group's units */
} reason_line;

struct tertial_reasons {
  char *unit_code;
  reason_line *lines;
  size_t n, cap;
};

int tertial_reasons_new(tertial_reasons **out, const char *unit_code)
{
  if (!out || !unit_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_reasons_new: NULL argument");
  *out = NULL;
  tertial_reasons *r = tertial__calloc(1, sizeof *r);
  if (!r || !(r->unit_code = tertial__strdup(unit_code))) {
    free(r);
    return TERTIAL_ERR_NOMEM;
  }
  *out = r;
  return 0;
}

void tertial_reasons_free(tertial_reasons *reasons)
{
  if (!reasons)
    return;
  for (size_t i = 0; i < reasons->n; i++)
    free(reasons->lines[i].reason);
  free(reasons->lines);
  free(reasons->unit_code);
  free(reasons);
}

int tertial_reasons_add(tertial_reasons *reasons, const char *reason, int64_t amount)
{
  if (!reasons || !reason || !*reason)
    return tertial__error(TERTIAL_ERR_INVALID, "a reasons line needs a reason");
  int rc = tertial__grow((void **)&reasons->lines, &reasons->cap, reasons->n + 1, sizeof *reasons->lines);
  char *copy = rc == 0 ? tertial__strdup(reason) : NULL;
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  reasons->lines[reasons->n++] = (reason_line){copy, amount, TERTIAL_NO_UNIT, TERTIAL_NO_UNIT, 0};
  return 0;
}

static int add_attributed(tertial_reasons *reasons, const char *reason, int64_t amount, tertial_unit_id unit,
                          tertial_unit_id group, int projection)
{
  int rc = tertial_reasons_add(reasons, reason, amount);
  if (rc == 0) {
    reason_line *l = &reasons->lines[reasons->n - 1];
    l->unit = unit;
    l->group = group;
    l->projection = projection;
  }
  return rc;
}

void tertial__reasons_line_info(const tertial_reasons *reasons, size_t index, tertial_unit_id *unit,
                                tertial_unit_id *group, int *projection)
{
  const reason_line *l = &reasons->lines[index];
  *unit = l->unit;
  *group = l->group;
  *projection = l->projection;
}

size_t tertial_reasons_count(const tertial_reasons *reasons)
{
  return reasons ? reasons->n : 0;
}

int tertial_reasons_at(const char **out_reason, int64_t *out_amount, const tertial_reasons *reasons, size_t index)
{
  if (!out_reason || !out_amount || !reasons)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_reasons_at: NULL argument");
  if (index >= reasons->n)
    return tertial__error(TERTIAL_ERR_RANGE, "no reasons line %zu", index);
  *out_reason = reasons->lines[index].reason;
  *out_amount = reasons->lines[index].amount;
  return 0;
}

/* For every unit of `unit`'s subtree as it stands at `period`, the group its lines go to: itself
 * if it is one of `groups`, else its parent's group, `unit` at the top; TERTIAL_NO_UNIT outside
 * the subtree. One walk in pre-order, so that each entry is placed in O(1). */
static int group_units(tertial_unit_id **out, tertial_model *model, tertial_unit_id unit, int period,
                       const tertial_unit_id *groups, size_t ngroups)
{
  const tertial_org *org = tertial_model_org(model);
  size_t nunits = tertial_org_unit_count(org);
  tertial_unit_id *group_of = tertial__malloc((nunits ? nunits : 1) * sizeof *group_of);
  unsigned char *is_group = tertial__calloc(nunits ? nunits : 1, 1);
  tertial_unit_id *ids = NULL, *at_depth = NULL;
  int *depths = NULL;
  size_t count = 0;
  int rc = group_of && is_group ? tertial__org_preorder(org, unit, period, &ids, &depths, &count) : TERTIAL_ERR_NOMEM;
  if (rc == 0 && !(at_depth = tertial__malloc((count + 1) * sizeof *at_depth)))
    rc = TERTIAL_ERR_NOMEM;
  for (size_t u = 0; rc == 0 && u < nunits; u++)
    group_of[u] = TERTIAL_NO_UNIT;
  for (size_t g = 0; rc == 0 && g < ngroups; g++)
    if (groups[g] < nunits)
      is_group[groups[g]] = 1;
  /* at_depth[d]: the group of the latest unit seen at depth d, inherited by what follows deeper */
  for (size_t i = 0; rc == 0 && i < count; i++) {
    int d = depths[i];
    tertial_unit_id g = is_group[ids[i]] || d == 0 ? ids[i] : at_depth[d - 1];
    at_depth[d] = group_of[ids[i]] = g;
  }
  free(ids);
  free(depths);
  free(at_depth);
  free(is_group);
  if (rc < 0) {
    free(group_of);
    return rc;
  }
  *out = group_of;
  return 0;
}

/* The projection of every group: budget − base of its units' computed result rows, in one pass
 * over what the last apply computed (`any`: whether the group has any). */
static int group_projections(tertial_i128 **out_sum, unsigned char **out_any, tertial_model *model,
                             const tertial_unit_id *group_of)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  const tertial_rowmap *map = tertial_model_rowmap(model);
  size_t nunits = tertial_org_unit_count(tertial_model_org(model));
  tertial_i128 *sum = tertial__calloc(nunits ? nunits : 1, sizeof *sum);
  unsigned char *any = tertial__calloc(nunits ? nunits : 1, 1);
  if (!sum || !any) {
    free(sum);
    free(any);
    return TERTIAL_ERR_NOMEM;
  }
  /* only the subtree's entries (a report per unit of a big municipality must not read every
   * unit's), found by unit: the entries are sorted */
  for (size_t u = 0; u < nunits; u++) {
    tertial_unit_id g = group_of[u];
    if (g == TERTIAL_NO_UNIT)
      continue;
    for (size_t i = computed_lower(plan, (tertial_unit_id)u, -1); i < plan->computed.n; i++) {
      const computed *c = tertial__plan_computed(plan, i);
      if (c->unit != u)
        break;
      if (tertial__row_in_result(map, c->row)) {
        sum[g] += (tertial_i128)c->budget_year - c->base;
        any[g] = 1;
      }
    }
  }
  *out_sum = sum;
  *out_any = any;
  return 0;
}

/* One group's lines: its projection (always when `always`, else only if it has computed rows)
 * and its adjustments, in the plan's order. */
static int group_lines(tertial_reasons *r, tertial_model *model, const tertial_unit_id *group_of, tertial_unit_id g,
                       const tertial_i128 *sum, const unsigned char *any, int always)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  int64_t projection = 0;
  int rc = any[g] || always ? to_int64(&projection, sum[g]) : 0;
  if (rc == 0 && (any[g] || always))
    rc = add_attributed(r, "Framskrivning av utfall", projection, g, g, 1);
  for (size_t i = 0; rc == 0 && i < plan->nadjustments; i++) {
    const tertial_adjustment *a = &plan->adjustments[i];
    if (a->kind != TERTIAL_ADJUST_PLANNED_MEASURE && group_of[a->unit] == g && adjustment_in_result(model, a))
      rc = a->amount == INT64_MIN ? tertial__error(TERTIAL_ERR_OVERFLOW, "adjustment amount out of range")
                                  : add_attributed(r, a->reason, -a->amount, a->unit, g, 0);
  }
  return rc;
}

int tertial__reasons_grouped(tertial_reasons **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                             const tertial_unit_id *groups, size_t ngroups)
{
  *out = NULL;
  int64_t forecast, deviation;
  int rc = subtree_total(&forecast, &deviation, model, unit, cutoff);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  tertial_unit_id *group_of = NULL;
  if (rc == 0)
    rc = group_units(&group_of, model, unit, cutoff_period(plan, cutoff), groups, ngroups);
  tertial_i128 *sum = NULL;
  unsigned char *any = NULL;
  if (rc == 0)
    rc = group_projections(&sum, &any, model, group_of);
  tertial_reasons *r = NULL;
  if (rc == 0)
    rc = tertial_reasons_new(&r, tertial_org_unit(tertial_model_org(model), unit)->code);
  /* What no group holds stays with the unit, first (like its "(egen)" line); alone, it always has
   * its projection line. */
  int unit_is_group = 0;
  for (size_t g = 0; g < ngroups; g++)
    unit_is_group |= groups[g] == unit;
  if (rc == 0 && !unit_is_group)
    rc = group_lines(r, model, group_of, unit, sum, any, ngroups == 0);
  for (size_t g = 0; rc == 0 && g < ngroups; g++)
    if (groups[g] < tertial_org_unit_count(tertial_model_org(model)) && group_of[groups[g]] == groups[g])
      rc = group_lines(r, model, group_of, groups[g], sum, any, 0);
  free(sum);
  free(any);
  free(group_of);
  if (rc < 0) {
    tertial_reasons_free(r);
    return rc;
  }
  *out = r;
  return 0;
}

int tertial_reasons_from_model(tertial_reasons **out, tertial_model *model, tertial_unit_id unit, int cutoff)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_reasons_from_model: NULL argument");
  return tertial__reasons_grouped(out, model, unit, cutoff, NULL, 0);
}

int tertial_reasons_check(int *out_verdict, long *out_line, int64_t *out_difference, const tertial_reasons *reasons,
                          int64_t forecast_deviation)
{
  if (!out_verdict || !reasons)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_reasons_check: NULL argument");
  tertial_i128 sum = 0;
  for (size_t i = 0; i < reasons->n; i++)
    sum += reasons->lines[i].amount;
  tertial_i128 diff = (tertial_i128)forecast_deviation - sum;
  long line = -1;
  int verdict = diff == 0 ? TERTIAL_REASONS_OK : TERTIAL_REASONS_MISMATCH;
  /* Turning line i's sign changes the sum by -2 × amount: a sign error if that closes the gap. */
  for (size_t i = 0; verdict == TERTIAL_REASONS_MISMATCH && i < reasons->n; i++)
    if (reasons->lines[i].amount != 0 && diff == -2 * (tertial_i128)reasons->lines[i].amount) {
      verdict = TERTIAL_REASONS_SIGN_ERROR;
      line = (long)i;
    }
  int64_t d = 0;
  int rc = to_int64(&d, diff);
  if (rc < 0)
    return rc;
  *out_verdict = verdict;
  if (out_line)
    *out_line = line;
  if (out_difference)
    *out_difference = d;
  return 0;
}
