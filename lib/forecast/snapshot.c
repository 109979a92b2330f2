#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"

struct tertial_snapshot {
  char *point;
  int cutoff;
  tertial_date taken_on;
  tertial_snapshot_entry *entries;
  size_t n;
};

struct tertial__snapshots {
  tertial_snapshot **items;
  size_t n, cap;
};

static void snapshot_free(tertial_snapshot *s)
{
  if (!s)
    return;
  for (size_t i = 0; i < s->n; i++)
    free((char *)s->entries[i].row_code);
  free(s->entries);
  free(s->point);
  free(s);
}

void tertial__snapshots_free(tertial__snapshots *snapshots)
{
  if (!snapshots)
    return;
  for (size_t i = 0; i < snapshots->n; i++)
    snapshot_free(snapshots->items[i]);
  free(snapshots->items);
  free(snapshots);
}

static tertial__snapshots *list_of(tertial_model *model)
{
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  return plan ? *tertial__plan_snapshots(plan) : NULL;
}

/* The snapshot of a point, NULL if none; records no error (the library's own probes). */
static const tertial_snapshot *lookup(tertial_model *model, const char *point_code)
{
  const tertial__snapshots *list = list_of(model);
  for (size_t i = 0; list && i < list->n; i++)
    if (strcmp(list->items[i]->point, point_code) == 0)
      return list->items[i];
  return NULL;
}

int tertial_snapshot_find(const tertial_snapshot **out, tertial_model *model, const char *point_code)
{
  if (!out || !model || !point_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_snapshot_find: NULL argument");
  if (!(*out = lookup(model, point_code)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "follow-up point %s has no frozen forecast (no snapshot)", point_code);
  return 0;
}

/* Copy what the last apply computed into a new snapshot. */
static int freeze(tertial_snapshot *s, tertial_model *model)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  const tertial_rowmap *map = tertial_model_rowmap(model);
  size_t n = tertial__plan_computed_count(plan);
  s->entries = tertial__calloc(n, sizeof *s->entries);
  if (!s->entries)
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    const tertial__computed *c = tertial__plan_computed(plan, i);
    char *code = tertial__strdup(tertial_rowmap_row(map, (size_t)c->row)->code);
    if (!code)
      return TERTIAL_ERR_NOMEM;
    s->entries[s->n++] = (tertial_snapshot_entry){c->unit, code, c->method, c->fallback, c->base,
                                                  c->adjustments, c->planned, c->forecast,
                                                  c->outcome_to_date, c->budget_year};
  }
  return 0;
}

int tertial_snapshot_take(const tertial_snapshot **out, tertial_model *model, const char *point_code,
                          tertial_date taken_on)
{
  if (!model || !point_code || !*point_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_snapshot_take: a model and a point code are required");
  if (lookup(model, point_code))
    return tertial__error(TERTIAL_ERR_EXISTS, "follow-up point \"%s\" is already frozen; a snapshot cannot be changed",
                          point_code);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  if (!tertial__plan_is_fresh(plan))
    return tertial__error(TERTIAL_ERR_STATE, "snapshot \"%s\": apply the forecast (tertial_forecast_apply) after the "
                                             "last change to the model first", point_code);
  tertial__snapshots **list = tertial__plan_snapshots(plan);
  if (!*list && !(*list = tertial__calloc(1, sizeof **list)))
    return TERTIAL_ERR_NOMEM;
  tertial_snapshot *s = tertial__calloc(1, sizeof *s);
  int rc = s ? tertial__grow((void **)&(*list)->items, &(*list)->cap, (*list)->n + 1, sizeof *(*list)->items)
             : TERTIAL_ERR_NOMEM;
  if (rc == 0 && !(s->point = tertial__strdup(point_code)))
    rc = TERTIAL_ERR_NOMEM;
  if (rc == 0)
    rc = freeze(s, model);
  if (rc < 0) {
    snapshot_free(s);
    return rc;
  }
  s->cutoff = tertial__plan_applied_cutoff(plan);
  s->taken_on = taken_on;
  (*list)->items[(*list)->n++] = s;
  if (out)
    *out = s;
  return 0;
}

int tertial_snapshot_restore(const tertial_snapshot **out, tertial_model *model, const char *point_code, int cutoff,
                             tertial_date taken_on, const tertial_snapshot_entry *entries, size_t n)
{
  if (!model || !point_code || !*point_code || (n && !entries))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_snapshot_restore: a model, a point code and entries are required");
  if (cutoff < 1 || cutoff > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "snapshot \"%s\": cut-off %d outside 1..12", point_code, cutoff);
  if (lookup(model, point_code))
    return tertial__error(TERTIAL_ERR_EXISTS, "follow-up point \"%s\" is already frozen; a snapshot cannot be changed",
                          point_code);
  size_t nunits = tertial_org_unit_count(tertial_model_org(model));
  for (size_t i = 0; i < n; i++) {
    if (!entries[i].row_code)
      return tertial__error(TERTIAL_ERR_INVALID, "snapshot \"%s\": entry %zu has no row code", point_code, i);
    if (entries[i].unit >= nunits)
      return tertial__error(TERTIAL_ERR_NOT_FOUND, "the forecast frozen at %s names a unit (id %u) the organisation "
                            "does not have", point_code,
                            (unsigned)entries[i].unit);
  }
  tertial__snapshots **list = tertial__plan_snapshots(tertial_model_forecast_plan(model));
  if (!*list && !(*list = tertial__calloc(1, sizeof **list)))
    return TERTIAL_ERR_NOMEM;
  tertial_snapshot *s = tertial__calloc(1, sizeof *s);
  int rc = s ? tertial__grow((void **)&(*list)->items, &(*list)->cap, (*list)->n + 1, sizeof *(*list)->items)
             : TERTIAL_ERR_NOMEM;
  if (rc == 0 && (!(s->point = tertial__strdup(point_code)) || !(s->entries = tertial__calloc(n ? n : 1, sizeof *s->entries))))
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    s->entries[i] = entries[i];
    if (!(s->entries[i].row_code = tertial__strdup(entries[i].row_code)))
      rc = TERTIAL_ERR_NOMEM;
    else
      s->n++;
  }
  if (rc < 0) {
    snapshot_free(s);
    return rc;
  }
  s->cutoff = cutoff;
  s->taken_on = taken_on;
  (*list)->items[(*list)->n++] = s;
  if (out)
    *out = s;
  return 0;
}

size_t tertial_snapshot_count(tertial_model *model)
{
  const tertial__snapshots *list = model ? list_of(model) : NULL;
  return list ? list->n : 0;
}

const tertial_snapshot *tertial_snapshot_at(tertial_model *model, size_t index)
{
  const tertial__snapshots *list = model ? list_of(model) : NULL;
  return list && index < list->n ? list->items[index] : NULL;
}

const char *tertial_snapshot_point(const tertial_snapshot *snapshot)
{
  return snapshot ? snapshot->point : NULL;
}

int tertial_snapshot_cutoff(const tertial_snapshot *snapshot)
{
  return snapshot ? snapshot->cutoff : 0;
}

tertial_date tertial_snapshot_taken_on(const tertial_snapshot *snapshot)
{
  return snapshot ? snapshot->taken_on : (tertial_date){0, 0, 0};
}

size_t tertial_snapshot_entry_count(const tertial_snapshot *snapshot)
{
  return snapshot ? snapshot->n : 0;
}

const tertial_snapshot_entry *tertial_snapshot_entry_at(const tertial_snapshot *snapshot, size_t index)
{
  return snapshot && index < snapshot->n ? &snapshot->entries[index] : NULL;
}

/* Sums of forecast and adjustments over a subtree's result rows, the subtree at `period`. */
static int subtree_sums(int64_t *forecast, int64_t *adjustments, tertial_model *model, const tertial_snapshot *s,
                        tertial_unit_id unit, int period)
{
  const tertial_rowmap *map = tertial_model_rowmap(model);
  const tertial_org *org = tertial_model_org(model);
  tertial_i128 f = 0, a = 0;
  for (size_t i = 0; i < s->n; i++) {
    const tertial_snapshot_entry *e = &s->entries[i];
    int row;
    if (tertial_rowmap_find_row(&row, map, e->row_code) < 0 || !tertial__row_in_result(map, row) ||
        tertial_org_is_within(org, e->unit, unit, period) != 1)
      continue;
    f += e->forecast;
    a += e->adjustments;
  }
  tertial_error_clear();
  if (f > INT64_MAX || f < INT64_MIN || a > INT64_MAX || a < INT64_MIN)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "snapshot \"%s\": a subtree total overflows", s->point);
  *forecast = (int64_t)f;
  if (adjustments)
    *adjustments = (int64_t)a;
  return 0;
}

/* The same sums over what the last apply computed (the figures of the follow-up tables). */
static int live_sums(int64_t *forecast, int64_t *adjustments, tertial_model *model, tertial_unit_id unit, int period)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  const tertial_rowmap *map = tertial_model_rowmap(model);
  const tertial_org *org = tertial_model_org(model);
  tertial_i128 f = 0, a = 0;
  for (size_t i = 0; i < tertial__plan_computed_count(plan); i++) {
    const tertial__computed *c = tertial__plan_computed(plan, i);
    if (!tertial__row_in_result(map, c->row) || tertial_org_is_within(org, c->unit, unit, period) != 1)
      continue;
    f += c->forecast;
    a += c->adjustments;
  }
  if (f > INT64_MAX || f < INT64_MIN || a > INT64_MAX || a < INT64_MIN)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "forecast: a subtree total overflows");
  *forecast = (int64_t)f;
  *adjustments = (int64_t)a;
  return 0;
}

/* current - previous, split into changed adjustments and the rest (new outcome, projection). */
static int change_of(tertial_snapshot_change *out, int64_t pf, int64_t pa, int64_t cf, int64_t ca)
{
  tertial_snapshot_change c = {pf, cf, 0, 0, 0};
  if (__builtin_sub_overflow(cf, pf, &c.change) || __builtin_sub_overflow(ca, pa, &c.changed_adjustments) ||
      __builtin_sub_overflow(c.change, c.changed_adjustments, &c.new_outcome))
    return tertial__error(TERTIAL_ERR_OVERFLOW, "snapshot comparison overflows");
  *out = c;
  return 0;
}

int tertial__snapshot_compare_applied(tertial_snapshot_change *out, tertial_model *model,
                                      const tertial_snapshot *previous, tertial_unit_id unit, int cutoff)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  if (tertial__plan_applied_cutoff(plan) != cutoff || !tertial__plan_is_fresh(plan))
    return tertial__error(TERTIAL_ERR_STATE, "comparing with \"%s\": apply the forecast at cut-off %d "
                                             "(tertial_forecast_apply) after the last change to the model first",
                          previous->point, cutoff);
  int period, rc = tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), cutoff - 1);
  int64_t pf = 0, pa = 0, cf = 0, ca = 0;
  if (rc == 0)
    rc = subtree_sums(&pf, &pa, model, previous, unit, period);
  if (rc == 0)
    rc = live_sums(&cf, &ca, model, unit, period);
  return rc < 0 ? rc : change_of(out, pf, pa, cf, ca);
}

static int check_args(tertial_model *model, const tertial_snapshot *s, tertial_unit_id unit, int *period)
{
  if (!model || !s)
    return tertial__error(TERTIAL_ERR_INVALID, "snapshot: NULL argument");
  if (unit >= tertial_org_unit_count(tertial_model_org(model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "snapshot: no unit with id %u", (unsigned)unit);
  return tertial_fiscal_year_period(period, tertial_model_fiscal_year(model), s->cutoff - 1);
}

int tertial_snapshot_total(int64_t *out, tertial_model *model, const tertial_snapshot *snapshot, tertial_unit_id unit)
{
  int period, rc = out ? check_args(model, snapshot, unit, &period)
                       : tertial__error(TERTIAL_ERR_INVALID, "tertial_snapshot_total: out is NULL");
  return rc < 0 ? rc : subtree_sums(out, NULL, model, snapshot, unit, period);
}

int tertial_snapshot_compare(tertial_snapshot_change *out, tertial_model *model, const tertial_snapshot *previous,
                             const tertial_snapshot *current, tertial_unit_id unit)
{
  if (!out || !previous)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_snapshot_compare: NULL argument");
  int period, rc = check_args(model, current, unit, &period);
  int64_t pf = 0, pa = 0, cf = 0, ca = 0;
  if (rc == 0)
    rc = subtree_sums(&pf, &pa, model, previous, unit, period);
  if (rc == 0)
    rc = subtree_sums(&cf, &ca, model, current, unit, period);
  return rc < 0 ? rc : change_of(out, pf, pa, cf, ca);
}
