#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"
#include "org_internal.h"

struct tertial_adherence_plan {
  tertial_unit_id unit;
  char *manager;
  char **moments;
  size_t nmoments, cap_moments;
  tertial_adherence_risk *risks;
  size_t nrisks, cap_risks;
};

struct tertial__measures {
  tertial_measure *items;
  size_t n, cap;
  tertial_adherence_plan **plans; /* pointers: plans are handed out and must not move */
  size_t nplans, cap_plans;
};

struct tertial_deviations {
  tertial_deviation *items;
  size_t n;
};

static void free_measure(tertial_measure *m)
{
  free((char *)m->row_code);
  free((char *)m->description);
  free((char *)m->cause);
  free((char *)m->consequence);
  free((char *)m->follow_up);
  free((char *)m->goal);
}

static void free_plan(tertial_adherence_plan *p)
{
  if (!p)
    return;
  for (size_t i = 0; i < p->nmoments; i++)
    free(p->moments[i]);
  for (size_t i = 0; i < p->nrisks; i++) {
    free((char *)p->risks[i].cause);
    free((char *)p->risks[i].measures);
    free((char *)p->risks[i].consequences);
  }
  free(p->moments);
  free(p->risks);
  free(p->manager);
  free(p);
}

void tertial__measures_free(tertial__measures *measures)
{
  if (!measures)
    return;
  for (size_t i = 0; i < measures->n; i++)
    free_measure(&measures->items[i]);
  for (size_t i = 0; i < measures->nplans; i++)
    free_plan(measures->plans[i]);
  free(measures->items);
  free(measures->plans);
  free(measures);
}

static tertial__measures *store_of(tertial_model *model, int create)
{
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  if (!plan)
    return NULL;
  tertial__measures **store = tertial__plan_measures(plan);
  if (!*store && create)
    *store = tertial__calloc(1, sizeof **store);
  return *store;
}

/* ---- deviations ---- */

/* The forecast deviation of a unit's subtree at a cut-off (the children view's total). */
static int deviation_of(int64_t *out, tertial_model *model, tertial_unit_id unit, int cutoff)
{
  tertial_followup *t;
  int rc = tertial_followup_new(&t, model, unit, cutoff, NULL);
  if (rc < 0)
    return rc;
  *out = tertial_followup_line_at(t, tertial_followup_line_count(t) - 1)->value[TERTIAL_COL_FORECAST_DEVIATION];
  tertial_followup_free(t);
  return 0;
}

static tertial_deviation_class classify(int64_t own, int has_parent, int64_t parent)
{
  if (own >= 0)
    return TERTIAL_DEVIATION_IN_BALANCE;
  return has_parent && parent >= 0 ? TERTIAL_DEVIATION_COVERED : TERTIAL_DEVIATION_NEEDS_MEASURES;
}

int tertial_deviations_classify(tertial_deviations **out, tertial_model *model, tertial_unit_id root, int cutoff)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_deviations_classify: NULL argument");
  *out = NULL;
  const tertial_org *org = tertial_model_org(model);
  if (root >= tertial_org_unit_count(org))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "deviations: no unit with id %u", (unsigned)root);
  if (cutoff < 1 || cutoff > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "deviations: cut-off %d outside 1..12", cutoff);
  int period;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), cutoff - 1);
  tertial_unit_id *ids = NULL;
  int *depths = NULL;
  size_t count = 0, n = tertial_org_unit_count(org);
  int64_t *dev = tertial__calloc(n, sizeof *dev);
  tertial_deviations *d = tertial__calloc(1, sizeof *d);
  int rc = dev && d ? tertial__org_preorder(org, root, period, &ids, &depths, &count) : TERTIAL_ERR_NOMEM;
  if (rc == 0 && !(d->items = tertial__calloc(count, sizeof *d->items)))
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < count; i++)
    rc = deviation_of(&dev[ids[i]], model, ids[i], cutoff);
  tertial_unit_id top = tertial__org_parent_at(org, root, period);
  int64_t top_dev = 0;
  if (rc == 0 && top != TERTIAL_NO_UNIT)
    rc = deviation_of(&top_dev, model, top, cutoff);
  for (size_t i = 0; rc == 0 && i < count; i++) {
    tertial_unit_id u = ids[i], p = tertial__org_parent_at(org, u, period);
    int64_t pd = p == TERTIAL_NO_UNIT ? 0 : (i == 0 ? top_dev : dev[p]);
    d->items[d->n++] = (tertial_deviation){u, tertial_org_unit(org, u)->code, depths[i], dev[u], pd,
                                           classify(dev[u], p != TERTIAL_NO_UNIT, pd)};
  }
  free(ids);
  free(depths);
  free(dev);
  if (rc < 0) {
    tertial_deviations_free(d);
    return rc;
  }
  *out = d;
  return 0;
}

void tertial_deviations_free(tertial_deviations *deviations)
{
  if (!deviations)
    return;
  free(deviations->items);
  free(deviations);
}

size_t tertial_deviations_count(const tertial_deviations *deviations)
{
  return deviations ? deviations->n : 0;
}

const tertial_deviation *tertial_deviations_at(const tertial_deviations *deviations, size_t index)
{
  return deviations && index < deviations->n ? &deviations->items[index] : NULL;
}

/* ---- measures ---- */

static int check_line_row(tertial_model *model, tertial_unit_id unit, const char *row_code)
{
  if (unit >= tertial_org_unit_count(tertial_model_org(model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "measure: no unit with id %u", (unsigned)unit);
  const tertial_rowmap *map = tertial_model_rowmap(model);
  int row, rc = tertial_rowmap_find_row(&row, map, row_code);
  if (rc == 0 && tertial_rowmap_row(map, (size_t)row)->kind != TERTIAL_ROW_LINE)
    rc = tertial__error(TERTIAL_ERR_STATE, "report row \"%s\" is not a line row", row_code);
  return rc;
}

int tertial_measure_add(size_t *out_index, tertial_model *model, tertial_unit_id unit, const char *row_code,
                        const char *description, const char *cause, int64_t effect, const char *consequence,
                        tertial_date due)
{
  if (!model || !row_code || !description || !*description)
    return tertial__error(TERTIAL_ERR_INVALID, "a measure needs a model, a row and a description");
  int rc = check_line_row(model, unit, row_code), days = 0;
  if (rc < 0)
    return rc;
  /* a date, or none at all ({0, 0, 0}) */
  if ((due.year || due.month || due.day) &&
      (due.year < 1900 || due.year > 2199 || tertial_days_in_month(&days, due.year, due.month) < 0 || due.day < 1 ||
       due.day > days)) {
    tertial_error_clear();
    return tertial__error(TERTIAL_ERR_RANGE, "measure: %04d-%02d-%02d is not a date", due.year, due.month, due.day);
  }
  tertial__measures *s = store_of(model, 1);
  if (!s || tertial__grow((void **)&s->items, &s->cap, s->n + 1, sizeof *s->items) < 0)
    return TERTIAL_ERR_NOMEM;
  tertial_measure m = {unit, tertial__strdup(row_code), tertial__strdup(description), tertial__strdup(cause),
                       effect, tertial__strdup(consequence), due, TERTIAL_MEASURE_PROPOSED, tertial__strdup(""), 0,
                       -1, tertial__strdup(""), TERTIAL_MEASURE_FOR_DEVIATION};
  if (!m.row_code || !m.description || !m.cause || !m.consequence || !m.follow_up || !m.goal) {
    free_measure(&m);
    return TERTIAL_ERR_NOMEM;
  }
  if (out_index)
    *out_index = s->n;
  s->items[s->n++] = m;
  return 0;
}

static tertial_measure *measure_at(tertial_model *model, size_t index)
{
  tertial__measures *s = model ? store_of(model, 0) : NULL;
  return s && index < s->n ? &s->items[index] : NULL;
}

int tertial__measure_restore_status(tertial_model *model, size_t index, tertial_measure_status status,
                                    const char *follow_up)
{
  if (!model || status < TERTIAL_MEASURE_PROPOSED || status > TERTIAL_MEASURE_CANCELLED)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_measure_set_status: bad model or status");
  tertial_measure *m = measure_at(model, index);
  if (!m)
    return tertial__error(TERTIAL_ERR_RANGE, "no measure %zu", index);
  if (follow_up) {
    char *copy = tertial__strdup(follow_up);
    if (!copy)
      return TERTIAL_ERR_NOMEM;
    free((char *)m->follow_up);
    m->follow_up = copy;
  }
  m->status = status;
  return 0;
}

int tertial_measure_set_status(tertial_model *model, size_t index, tertial_measure_status status,
                               const char *follow_up)
{
  tertial_measure *m = model ? measure_at(model, index) : NULL;
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  /* a measure in the forecast moves its adjustment: refused before the status changes when the
   * plan is frozen, so that the measure and the forecast never disagree */
  int rc = m && m->adjustment >= 0 ? tertial__plan_check_open(plan) : 0;
  if (rc == 0)
    rc = tertial__measure_restore_status(model, index, status, follow_up);
  if (rc < 0 || m->adjustment < 0)
    return rc;
  if (status == TERTIAL_MEASURE_PROPOSED || status == TERTIAL_MEASURE_CANCELLED)
    return tertial_forecast_remove_adjustment(plan, (size_t)m->adjustment); /* clears m->adjustment */
  return tertial__plan_set_adjustment_kind(plan, (size_t)m->adjustment,
                                           status == TERTIAL_MEASURE_DONE ? TERTIAL_ADJUST_MEASURE_TAKEN
                                                                          : TERTIAL_ADJUST_PLANNED_MEASURE);
}

int tertial_measure_set_kind(tertial_model *model, size_t index, tertial_measure_kind kind)
{
  if (!model || (kind != TERTIAL_MEASURE_FOR_DEVIATION && kind != TERTIAL_MEASURE_EFFICIENCY))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_measure_set_kind: no model, or kind %d is not a kind of "
                          "measure", (int)kind);
  tertial_measure *m = measure_at(model, index);
  if (!m)
    return tertial__error(TERTIAL_ERR_RANGE, "no measure %zu", index);
  m->kind = kind;
  return 0;
}

int tertial__measure_set_goal(tertial_model *model, size_t index, const char *goal_code)
{
  tertial_measure *m = measure_at(model, index);
  if (!m)
    return tertial__error(TERTIAL_ERR_RANGE, "no measure %zu", index);
  char *copy = tertial__strdup(goal_code ? goal_code : "");
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  free((char *)m->goal);
  m->goal = copy;
  return 0;
}

void tertial__measures_adjustment_removed(tertial__measures *measures, size_t index)
{
  for (size_t i = 0; measures && i < measures->n; i++) {
    tertial_measure *m = &measures->items[i];
    if (m->adjustment == (long)index) {
      m->adjustment = -1;
      m->in_forecast = 0;
    } else if (m->adjustment > (long)index) {
      m->adjustment--;
    }
  }
}

size_t tertial_measure_count(tertial_model *model)
{
  tertial__measures *s = model ? store_of(model, 0) : NULL;
  return s ? s->n : 0;
}

const tertial_measure *tertial_measure_at(tertial_model *model, size_t index)
{
  return measure_at(model, index);
}

int tertial_measure_feed_forecast(tertial_model *model, size_t index)
{
  tertial_measure *m = model ? measure_at(model, index) : NULL;
  if (!model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_measure_feed_forecast: model is NULL");
  if (!m)
    return tertial__error(TERTIAL_ERR_RANGE, "no measure %zu", index);
  if (m->in_forecast)
    return tertial__error(TERTIAL_ERR_STATE, "measure \"%s\" is already in the forecast", m->description);
  if (m->status == TERTIAL_MEASURE_PROPOSED || m->status == TERTIAL_MEASURE_CANCELLED)
    return tertial__error(TERTIAL_ERR_STATE,
                          "measure \"%s\" is %s: only a decided, in-progress or done measure feeds the forecast",
                          m->description, m->status == TERTIAL_MEASURE_PROPOSED ? "proposed, not decided" : "cancelled");
  if (m->effect == INT64_MIN)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "measure \"%s\": effect out of range", m->description);
  tertial_adjustment_kind kind =
    m->status == TERTIAL_MEASURE_DONE ? TERTIAL_ADJUST_MEASURE_TAKEN : TERTIAL_ADJUST_PLANNED_MEASURE;
  /* a positive effect improves the result: it lowers a cost (or raises a revenue, more negative) */
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  int rc = tertial_forecast_add_adjustment(plan, m->unit, m->row_code, -m->effect, kind, m->description);
  if (rc == 0) {
    m->in_forecast = 1;
    m->adjustment = (long)tertial_forecast_adjustment_count(plan) - 1;
  }
  return rc;
}

/* ---- adherence plans ---- */

int tertial_adherence_plan_get(tertial_adherence_plan **out, tertial_model *model, tertial_unit_id unit,
                               const char *manager)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_adherence_plan_get: NULL argument");
  const tertial_unit *info = tertial_org_unit(tertial_model_org(model), unit);
  if (!info)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "adherence plan: no unit with id %u", (unsigned)unit);
  const char *who = manager ? manager : info->manager;
  tertial__measures *s = store_of(model, 1);
  if (!s)
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; i < s->nplans; i++)
    if (s->plans[i]->unit == unit && strcmp(s->plans[i]->manager, who) == 0) {
      *out = s->plans[i];
      return 0;
    }
  tertial_adherence_plan *p = tertial__calloc(1, sizeof *p);
  if (!p || !(p->manager = tertial__strdup(who)) ||
      tertial__grow((void **)&s->plans, &s->cap_plans, s->nplans + 1, sizeof *s->plans) < 0) {
    free_plan(p);
    return TERTIAL_ERR_NOMEM;
  }
  p->unit = unit;
  s->plans[s->nplans++] = p;
  *out = p;
  return 0;
}

const char *tertial_adherence_plan_manager(const tertial_adherence_plan *plan)
{
  return plan ? plan->manager : NULL;
}

tertial_unit_id tertial_adherence_plan_unit(const tertial_adherence_plan *plan)
{
  return plan ? plan->unit : TERTIAL_NO_UNIT;
}

int tertial_adherence_plan_add_moment(tertial_adherence_plan *plan, const char *moment)
{
  if (!plan || !moment || !*moment)
    return tertial__error(TERTIAL_ERR_INVALID, "a critical moment needs a text");
  char *copy = tertial__strdup(moment);
  if (!copy || tertial__grow((void **)&plan->moments, &plan->cap_moments, plan->nmoments + 1, sizeof *plan->moments) < 0) {
    free(copy);
    return TERTIAL_ERR_NOMEM;
  }
  plan->moments[plan->nmoments++] = copy;
  return 0;
}

int tertial_adherence_plan_add_risk(tertial_adherence_plan *plan, const char *cause, const char *measures,
                                    int64_t expected_effect, const char *consequences)
{
  if (!plan || !cause || !*cause)
    return tertial__error(TERTIAL_ERR_INVALID, "a risk needs a cause");
  tertial_adherence_risk r = {tertial__strdup(cause), tertial__strdup(measures), expected_effect,
                              tertial__strdup(consequences)};
  if (!r.cause || !r.measures || !r.consequences ||
      tertial__grow((void **)&plan->risks, &plan->cap_risks, plan->nrisks + 1, sizeof *plan->risks) < 0) {
    free((char *)r.cause);
    free((char *)r.measures);
    free((char *)r.consequences);
    return TERTIAL_ERR_NOMEM;
  }
  plan->risks[plan->nrisks++] = r;
  return 0;
}

size_t tertial_adherence_plan_moment_count(const tertial_adherence_plan *plan)
{
  return plan ? plan->nmoments : 0;
}

const char *tertial_adherence_plan_moment(const tertial_adherence_plan *plan, size_t index)
{
  return plan && index < plan->nmoments ? plan->moments[index] : NULL;
}

size_t tertial_adherence_plan_risk_count(const tertial_adherence_plan *plan)
{
  return plan ? plan->nrisks : 0;
}

const tertial_adherence_risk *tertial_adherence_plan_risk(const tertial_adherence_plan *plan, size_t index)
{
  return plan && index < plan->nrisks ? &plan->risks[index] : NULL;
}

size_t tertial_adherence_plan_count(tertial_model *model)
{
  tertial__measures *s = model ? store_of(model, 0) : NULL;
  return s ? s->nplans : 0;
}

tertial_adherence_plan *tertial_adherence_plan_at(tertial_model *model, size_t index)
{
  tertial__measures *s = model ? store_of(model, 0) : NULL;
  return s && index < s->nplans ? s->plans[index] : NULL;
}
