#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"
#include "model_internal.h"

/* Where each unit's forecast of a row is kept: [unit][row] -> index in forecasts + 1, 0 for none.
 * Dense, so that setting and reading the forecasts of every unit and row (the forecast engine,
 * the follow-up tables) costs an array access each; grown as units or rows appear. */
typedef struct slot_index {
  uint32_t *at;
  size_t units, rows;
} slot_index;

typedef struct forecast {
  tertial_unit_id unit;
  int row;
  int set;
  int64_t amount;
} forecast;

struct tertial_model {
  tertial_fiscal_year fy;
  tertial_calendar *calendar;
  tertial_org *org;
  tertial_chart *chart;
  tertial_rowmap *rowmap;
  tertial_ledger *ledger;
  int current_budget;
  forecast *forecasts;
  size_t nforecasts, cap_forecasts;
  slot_index forecast_index;
  tertial_forecast_plan *plan;
  unsigned long revision;
  void *cache;
  tertial__cache_free_fn cache_free;
  tertial__budget_state *budget; /* budget versions' metadata and the key set (budget.c) */
  tertial__round *round;         /* the follow-up round (round.c) */
  tertial__goals *goals;         /* goals and indicators (goals.c) */
  tertial__store_origin origin;  /* the store it came from or went to (store.c) */
};

int tertial_model_new(tertial_model **out, int first_year, int start_month)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_model_new: out is NULL");
  *out = NULL;
  tertial_model *m = tertial__calloc(1, sizeof *m);
  if (!m)
    return TERTIAL_ERR_NOMEM;
  int rc = tertial_fiscal_year_init(&m->fy, first_year, start_month);
  if (rc == 0)
    rc = tertial_calendar_new_default(&m->calendar, start_month);
  if (rc == 0)
    rc = tertial_org_new(&m->org);
  if (rc == 0)
    rc = tertial_chart_new(&m->chart);
  if (rc == 0)
    rc = tertial_rowmap_new_kommunbas(&m->rowmap);
  if (rc == 0)
    rc = tertial_ledger_new(&m->ledger, m->org, m->chart, &m->fy);
  if (rc == 0)
    rc = tertial_ledger_add_measure(&m->current_budget, m->ledger, "Budget");
  if (rc == 0)
    rc = tertial__forecast_plan_new(&m->plan, m);
  if (rc < 0) {
    tertial_model_free(m);
    return rc;
  }
  *out = m;
  return 0;
}

void tertial_model_free(tertial_model *model)
{
  if (!model)
    return;
  if (model->cache_free)
    model->cache_free(model->cache);
  tertial__forecast_plan_free(model->plan);
  tertial__budget_state_free(model->budget);
  tertial__round_free(model->round);
  tertial__goals_free(model->goals);
  tertial_ledger_free(model->ledger);
  tertial_rowmap_free(model->rowmap);
  tertial_chart_free(model->chart);
  tertial_org_free(model->org);
  tertial_calendar_free(model->calendar);
  free(model->forecasts);
  free(model->forecast_index.at);
  free(model->origin.plan_versions);
  free(model);
}

const tertial_fiscal_year *tertial_model_fiscal_year(const tertial_model *model)
{
  return model ? &model->fy : NULL;
}

tertial_org *tertial_model_org(tertial_model *model)
{
  return model ? model->org : NULL;
}

tertial_chart *tertial_model_chart(tertial_model *model)
{
  return model ? model->chart : NULL;
}

tertial_rowmap *tertial_model_rowmap(tertial_model *model)
{
  return model ? model->rowmap : NULL;
}

tertial_calendar *tertial_model_calendar(tertial_model *model)
{
  return model ? model->calendar : NULL;
}

tertial_ledger *tertial_model_ledger(tertial_model *model)
{
  return model ? model->ledger : NULL;
}

int tertial_model_current_budget(const tertial_model *model)
{
  return model ? model->current_budget : -1;
}

int tertial_model_set_current_budget(tertial_model *model, int measure)
{
  if (!model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_model_set_current_budget: model is NULL");
  if (measure <= TERTIAL_MEASURE_PRIOR || (size_t)measure >= tertial_ledger_measure_count(model->ledger))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "measure %d is not a budget measure", measure);
  model->current_budget = measure;
  model->revision++;
  return 0;
}

/* The row index of a line row code in a mapping. */
static int line_row(int *out, const tertial_rowmap *map, const char *code)
{
  int rc = tertial_rowmap_find_row(out, map, code);
  if (rc < 0)
    return rc;
  const tertial_report_row *row = tertial_rowmap_row(map, (size_t)*out);
  if (!row)
    return tertial__error(TERTIAL_ERR_STATE, "the report-row mapping is not valid");
  if (row->kind != TERTIAL_ROW_LINE)
    return tertial__error(TERTIAL_ERR_STATE, "report row \"%s\" is not a line row; forecasts are set on line rows",
                          code);
  return 0;
}

/* The slot of a unit and row + 1, 0 for none. */
static uint32_t slot_get(const slot_index *x, tertial_unit_id unit, int row)
{
  if (unit >= x->units || row < 0 || (size_t)row >= x->rows)
    return 0;
  return x->at[(size_t)unit * x->rows + (size_t)row];
}

/* Make room for a unit and row (and for at least `units` x `rows`), keeping every entry. */
static int slot_room(slot_index *x, tertial_unit_id unit, int row, size_t units, size_t rows)
{
  if (unit < x->units && (size_t)row < x->rows && units <= x->units && rows <= x->rows)
    return 0;
  if (units < (size_t)unit + 1)
    units = (size_t)unit + 1;
  if (unit >= x->units && units < 2 * x->units) /* units added one by one: grow geometrically */
    units = 2 * x->units;
  if (units < x->units)
    units = x->units;
  if (rows < (size_t)row + 1)
    rows = (size_t)row + 1;
  if (rows < x->rows)
    rows = x->rows;
  if (units > SIZE_MAX / rows / sizeof *x->at)
    return tertial__nomem("forecast index");
  uint32_t *at = tertial__calloc(units * rows, sizeof *at);
  if (!at)
    return TERTIAL_ERR_NOMEM;
  for (size_t u = 0; u < x->units; u++)
    memcpy(&at[u * rows], &x->at[u * x->rows], x->rows * sizeof *at);
  free(x->at);
  x->at = at;
  x->units = units;
  x->rows = rows;
  return 0;
}

int tertial_model_set_forecast(tertial_model *model, tertial_unit_id unit, const char *row_code, int64_t amount)
{
  if (!model || !row_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_model_set_forecast: NULL argument");
  if (unit >= tertial_org_unit_count(model->org))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  int row, rc = line_row(&row, model->rowmap, row_code);
  if (rc < 0)
    return rc;
  return tertial__model_put_forecast(model, unit, row, amount);
}

int tertial__model_has_forecast_slot(const tertial_model *model, tertial_unit_id unit, int row)
{
  return slot_get(&model->forecast_index, unit, row) != 0;
}

int tertial__model_reserve_forecasts(tertial_model *model, size_t n)
{
  if (n > SIZE_MAX - model->nforecasts)
    return tertial__nomem("forecasts");
  int rc = tertial__grow((void **)&model->forecasts, &model->cap_forecasts, model->nforecasts + n,
                         sizeof *model->forecasts);
  if (rc == 0)
    rc = slot_room(&model->forecast_index, 0, 0, tertial_org_unit_count(model->org),
                   tertial_rowmap_row_count(model->rowmap));
  return rc;
}

int tertial__model_put_forecast(tertial_model *model, tertial_unit_id unit, int row, int64_t amount)
{
  uint32_t idx = slot_get(&model->forecast_index, unit, row);
  if (idx == 0) {
    if (model->nforecasts >= UINT32_MAX - 1)
      return tertial__error(TERTIAL_ERR_RANGE, "too many forecasts");
    int rc = tertial__grow((void **)&model->forecasts, &model->cap_forecasts, model->nforecasts + 1,
                           sizeof *model->forecasts);
    if (rc == 0)
      rc = slot_room(&model->forecast_index, unit, row, tertial_org_unit_count(model->org),
                     tertial_rowmap_row_count(model->rowmap));
    if (rc < 0)
      return rc;
    idx = (uint32_t)++model->nforecasts;
    model->forecast_index.at[(size_t)unit * model->forecast_index.rows + (size_t)row] = idx;
  }
  model->forecasts[idx - 1] = (forecast){unit, row, 1, amount};
  model->revision++;
  return 0;
}

static forecast *find_forecast(const tertial_model *model, tertial_unit_id unit, const char *row_code)
{
  int row;
  if (tertial_rowmap_find_row(&row, model->rowmap, row_code) < 0)
    return NULL;
  uint32_t idx = slot_get(&model->forecast_index, unit, row);
  if (idx == 0 || !model->forecasts[idx - 1].set)
    return NULL;
  return &model->forecasts[idx - 1];
}

int tertial_model_clear_forecast(tertial_model *model, tertial_unit_id unit, const char *row_code)
{
  if (!model || !row_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_model_clear_forecast: NULL argument");
  forecast *f = find_forecast(model, unit, row_code);
  if (!f)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no forecast set for unit %u and row \"%s\"", (unsigned)unit, row_code);
  f->set = 0;
  model->revision++;
  return 0;
}

int tertial_model_forecast(int64_t *out, const tertial_model *model, tertial_unit_id unit, const char *row_code)
{
  if (!out || !model || !row_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_model_forecast: NULL argument");
  const forecast *f = find_forecast(model, unit, row_code);
  if (!f)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no forecast set for unit %u and row \"%s\"", (unsigned)unit, row_code);
  *out = f->amount;
  return 0;
}

/* Re-key every set forecast from the old mapping's row indexes to the new one's, by code. */
static int rekey_forecasts(tertial_model *model, const tertial_rowmap *map, slot_index *index)
{
  int rc = slot_room(index, 0, 0, model->forecast_index.units, tertial_rowmap_row_count(map));
  for (size_t i = 0; rc == 0 && i < model->nforecasts; i++) {
    forecast *f = &model->forecasts[i];
    if (!f->set)
      continue;
    const char *code = tertial_rowmap_row(model->rowmap, (size_t)f->row)->code;
    int row;
    rc = line_row(&row, map, code);
    if (rc == 0)
      rc = slot_room(index, f->unit, row, 0, 0);
    if (rc == 0)
      index->at[(size_t)f->unit * index->rows + (size_t)row] = (uint32_t)i + 1;
  }
  return rc;
}

int tertial_model_set_rowmap(tertial_model *model, tertial_rowmap *map)
{
  if (!model || !map) {
    tertial_rowmap_free(map);
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_model_set_rowmap: NULL argument");
  }
  slot_index index = {0};
  int rc = tertial_rowmap_validate(map);
  if (rc == 0)
    rc = rekey_forecasts(model, map, &index);
  if (rc < 0) {
    free(index.at);
    tertial_rowmap_free(map);
    return rc;
  }
  for (size_t i = 0; i < model->nforecasts; i++) {
    forecast *f = &model->forecasts[i];
    if (f->set) {
      const char *code = tertial_rowmap_row(model->rowmap, (size_t)f->row)->code;
      tertial_rowmap_find_row(&f->row, map, code);
    }
  }
  free(model->forecast_index.at);
  model->forecast_index = index;
  tertial_rowmap_free(model->rowmap);
  model->rowmap = map;
  model->revision++;
  return 0;
}

tertial_forecast_plan *tertial_model_forecast_plan(tertial_model *model)
{
  return model ? model->plan : NULL;
}

void tertial__model_clear_forecasts(tertial_model *model)
{
  for (size_t i = 0; i < model->nforecasts; i++)
    model->forecasts[i].set = 0;
  model->revision++;
}

unsigned long tertial__model_revision(const tertial_model *model)
{
  return model->revision;
}

int tertial__model_forecast_get(const tertial_model *model, tertial_unit_id unit, int row, int64_t *out)
{
  uint32_t idx = slot_get(&model->forecast_index, unit, row);
  if (idx == 0 || !model->forecasts[idx - 1].set)
    return 0;
  *out = model->forecasts[idx - 1].amount;
  return 1;
}

size_t tertial__model_forecast_slots(const tertial_model *model)
{
  return model->nforecasts;
}

int tertial__model_forecast_slot(const tertial_model *model, size_t i, tertial_unit_id *unit, int *row,
                                 int64_t *amount)
{
  const forecast *f = &model->forecasts[i];
  *unit = f->unit;
  *row = f->row;
  *amount = f->amount;
  return f->set;
}

void *tertial__model_cache(const tertial_model *model)
{
  return model->cache;
}

void tertial__model_set_cache(tertial_model *model, void *cache, tertial__cache_free_fn fn)
{
  if (model->cache_free)
    model->cache_free(model->cache);
  model->cache = cache;
  model->cache_free = fn;
}

tertial__budget_state *tertial__model_budget(const tertial_model *model)
{
  return model->budget;
}

void tertial__model_set_budget(tertial_model *model, tertial__budget_state *state)
{
  model->budget = state;
}

tertial__round *tertial__model_round(const tertial_model *model)
{
  return model->round;
}

void tertial__model_set_round(tertial_model *model, tertial__round *round)
{
  model->round = round;
}

tertial__goals *tertial__model_goals(const tertial_model *model)
{
  return model->goals;
}

void tertial__model_set_goals(tertial_model *model, tertial__goals *goals)
{
  model->goals = goals;
}

tertial__store_origin *tertial__model_store_origin(tertial_model *model)
{
  return &model->origin;
}
