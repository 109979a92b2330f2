/* Internal: the model creates and frees its forecast plan. */
#ifndef TERTIAL_FORECAST_INTERNAL_H
#define TERTIAL_FORECAST_INTERNAL_H

#include "internal.h"

int tertial__forecast_plan_new(tertial_forecast_plan **out, tertial_model *model);
void tertial__forecast_plan_free(tertial_forecast_plan *plan);

/* What the last tertial_forecast_apply() computed for one unit and line row. */
typedef struct tertial__computed {
  tertial_unit_id unit;
  int row;
  int64_t base, adjustments, planned, forecast, outcome_to_date, budget_year;
  int method, fallback;
} tertial__computed;

size_t tertial__plan_computed_count(const tertial_forecast_plan *plan);
const tertial__computed *tertial__plan_computed(const tertial_forecast_plan *plan, size_t i);
/* The cut-off of the last apply (0 if none) and whether the model changed since (1 = fresh). */
int tertial__plan_applied_cutoff(const tertial_forecast_plan *plan);
int tertial__plan_is_fresh(const tertial_forecast_plan *plan);

/* The snapshots of a plan (owned by it; see snapshot.c). */
typedef struct tertial__snapshots tertial__snapshots;
tertial__snapshots **tertial__plan_snapshots(tertial_forecast_plan *plan);
void tertial__snapshots_free(tertial__snapshots *snapshots);

/* Measures and adherence plans (measures.c) and accruals (accrual.c), owned by the plan. */
typedef struct tertial__measures tertial__measures;
tertial__measures **tertial__plan_measures(tertial_forecast_plan *plan);
void tertial__measures_free(tertial__measures *measures);
/* Adjustment `index` of the plan was removed: the measure that had become it is out of the
 * forecast, and the adjustments after it moved down by one. */
void tertial__measures_adjustment_removed(tertial__measures *measures, size_t index);
/* Set a measure's status and follow-up comment as stored, without moving its adjustment (the
 * store restores both as they were saved). */
int tertial__measure_restore_status(tertial_model *model, size_t index, tertial_measure_status status,
                                    const char *follow_up);
/* Link measure `index` to the goal with code goal_code ("" or NULL: none), as stored: the caller
 * (goals.c, the store) has checked the code. ::TERTIAL_ERR_RANGE for no such measure. */
int tertial__measure_set_goal(tertial_model *model, size_t index, const char *goal_code);
/* Change the kind of adjustment `index` (a measure's, as its status moves); refused as any change
 * of the plan is (tertial__plan_check_open()). */
int tertial__plan_set_adjustment_kind(tertial_forecast_plan *plan, size_t index, tertial_adjustment_kind kind);
typedef struct tertial__accruals tertial__accruals;
tertial__accruals **tertial__plan_accruals(tertial_forecast_plan *plan);
void tertial__accruals_free(tertial__accruals *accruals);

/* The gate every change of the plan's methods, manual figures, volume drivers and adjustments
 * passes (adjustments of measures and their kinds too): 0 if the plan may change for its cut-off
 * (tertial_forecast_set_cutoff()), TERTIAL_ERR_STATE naming the frozen follow-up point it would
 * alter if a snapshot was taken at or after that cut-off. */
int tertial__plan_check_open(tertial_forecast_plan *plan);

/* The change from a snapshot to the forecast the last apply computed (what the follow-up tables
 * show), for a subtree: TERTIAL_ERR_STATE unless that apply was at `cutoff` and is fresh. */
int tertial__snapshot_compare_applied(tertial_snapshot_change *out, tertial_model *model,
                                      const tertial_snapshot *previous, tertial_unit_id unit, int cutoff);

/* The reasons of `unit`'s subtree grouped per unit: each unit of the subtree goes to the nearest
 * of `groups` at or above it (the structure at the cut-off), else to `unit`. Lines: first what
 * stays with `unit` when it is not a group, then each group of the subtree in the given order, each with its projection "Framskrivning av utfall" (when it has
 * computed rows) and its adjustments in the plan's order. The lines sum to the forecast deviation
 * of `unit`. With no groups it is tertial_reasons_from_model(). */
int tertial__reasons_grouped(tertial_reasons **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                             const tertial_unit_id *groups, size_t ngroups);
/* A line's unit (the adjustment's; the group's for a projection), its group and whether it is a
 * projection; TERTIAL_NO_UNIT and 0 for a line added with tertial_reasons_add(). */
void tertial__reasons_line_info(const tertial_reasons *reasons, size_t index, tertial_unit_id *unit,
                                tertial_unit_id *group, int *projection);

/* Whether a report row adds into the mapping's result row. */
int tertial__row_in_result(const tertial_rowmap *map, int row);

#endif
