/* Internal access to the model for follow-up tables and the checker. */
#ifndef TERTIAL_MODEL_INTERNAL_H
#define TERTIAL_MODEL_INTERNAL_H

#include "internal.h"

/* Increases whenever forecasts, the mapping or the current budget change. */
unsigned long tertial__model_revision(const tertial_model *model);

/* The forecast of a unit and line row (index in the current mapping): 1 and *out when set, else 0. */
int tertial__model_forecast_get(const tertial_model *model, tertial_unit_id unit, int row, int64_t *out);

/* tertial_model_set_forecast() without its checks: unit must be a unit of the model and row
 * the index of a line row of its current mapping. Returns 0, TERTIAL_ERR_NOMEM or
 * TERTIAL_ERR_RANGE (2^32 - 2 forecasts). */
int tertial__model_put_forecast(tertial_model *model, tertial_unit_id unit, int row, int64_t amount);

/* Whether the model has a place for a forecast of the unit and row (set now or before). */
int tertial__model_has_forecast_slot(const tertial_model *model, tertial_unit_id unit, int row);

/* Make room for n more forecasts and for every unit and row of the model, so that the next n
 * tertial__model_put_forecast() calls do not grow anything one by one. 0 or TERTIAL_ERR_NOMEM. */
int tertial__model_reserve_forecasts(tertial_model *model, size_t n);

/* Forget every forecast set on the model (the forecast engine sets them all anew). */
void tertial__model_clear_forecasts(tertial_model *model);

/* All set forecasts: count, and entry i (unset entries report 0). */
size_t tertial__model_forecast_slots(const tertial_model *model);
int tertial__model_forecast_slot(const tertial_model *model, size_t i, tertial_unit_id *unit, int *row, int64_t *amount);

/* One cache slot for derived data (the follow-up cube); freed with the model. */
typedef void (*tertial__cache_free_fn)(void *);
void *tertial__model_cache(const tertial_model *model);
void tertial__model_set_cache(tertial_model *model, void *cache, tertial__cache_free_fn fn);

/* The budget module's state (versions' metadata and the key set): made by budget.c on first
 * use, owned by the model and freed with it by tertial__budget_state_free() (in budget.c). */
typedef struct tertial__budget_state tertial__budget_state;
tertial__budget_state *tertial__model_budget(const tertial_model *model);
void tertial__model_set_budget(tertial_model *model, tertial__budget_state *state);
void tertial__budget_state_free(tertial__budget_state *state);

/* The round of the model (people, texts, statuses, audit trail): made by round.c on first use,
 * owned by the model and freed with it by tertial__round_free() (in round.c). */
typedef struct tertial__round tertial__round;
tertial__round *tertial__model_round(const tertial_model *model);
void tertial__model_set_round(tertial_model *model, tertial__round *round);
void tertial__round_free(tertial__round *round);

/* The goals and indicators of the model: made by goals.c on first use, owned by the model and
 * freed with it by tertial__goals_free() (in goals.c). */
typedef struct tertial__goals tertial__goals;
tertial__goals *tertial__model_goals(const tertial_model *model);
void tertial__model_set_goals(tertial_model *model, tertial__goals *goals);
void tertial__goals_free(tertial__goals *goals);

/* Where a model was last loaded from or saved to, and the fiscal year's save version there: a
 * later save into the same store file is refused as a conflict when the version moved on since
 * (another process or handle saved the year). `known` 0: the model never met a store. */
typedef struct tertial__store_origin {
  int known;
  uint64_t dev, ino; /* the store file */
  int64_t version;
  /* the forecast plan's items (method rules, adjustments, measures, accruals) are written unit by
   * unit while a round is bound (store.c): the version of each unit's items as read (indexed by
   * unit id; a unit past the end is at 0), and the year's generation, bumped by every whole save
   * or removal of the year, which rewrites every unit's items */
  uint64_t *plan_versions;
  size_t n_plan_versions;
  int64_t plan_generation;
} tertial__store_origin;
tertial__store_origin *tertial__model_store_origin(tertial_model *model);

#endif
