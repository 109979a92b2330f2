/**
 * @file snapshot.h
 * @brief Forecasts frozen at follow-up points, and the change from one to the next.
 *
 * At each follow-up point the forecasts the model has (after tertial_forecast_apply()) are frozen:
 * for every unit and line row the method, the base, the adjustments, the forecast, the outcome
 * to date and the annual budget, with the cut-off they were made on. A snapshot can never be
 * changed or taken again for the same point; it lives as long as its model.
 * @code
 * tertial_forecast_apply(model, 4, -1);
 * const tertial_snapshot *t1;
 * tertial_snapshot_take(&t1, model, "T1", (tertial_date){2026, 5, 12});
 * @endcode
 */
#ifndef TERTIAL_SNAPSHOT_H
#define TERTIAL_SNAPSHOT_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** A frozen set of forecasts (borrowed from its model; immutable). */
typedef struct tertial_snapshot tertial_snapshot;

/** One unit and line row of a snapshot. */
typedef struct tertial_snapshot_entry {
  tertial_unit_id unit;    /**< the unit */
  const char *row_code;    /**< the line row */
  int method;              /**< ::tertial_forecast_method */
  int fallback;            /**< ::tertial_forecast_fallback */
  int64_t base;            /**< the base method's figure */
  int64_t adjustments;     /**< known factors + measures taken */
  int64_t planned;         /**< planned measures (not in the forecast) */
  int64_t forecast;        /**< base + adjustments */
  int64_t outcome_to_date; /**< outcome up to the cut-off */
  int64_t budget_year;     /**< the annual budget it was compared with */
} tertial_snapshot_entry;

/**
 * Freeze the model's forecasts at a follow-up point.
 * @param out receives the snapshot (borrowed from the model; may be NULL).
 * @param point_code e.g. "T1" (copied); one snapshot per point.
 * @param taken_on the date the forecast was made.
 * @return 0, ::TERTIAL_ERR_EXISTS (the point is already frozen: snapshots cannot be changed),
 *         ::TERTIAL_ERR_STATE (no tertial_forecast_apply() since the model last changed),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_snapshot_take(const tertial_snapshot **out, tertial_model *model, const char *point_code,
                                      tertial_date taken_on);

/**
 * Restore a stored snapshot (e.g. read back from a store): a frozen snapshot of a follow-up
 * point with the given cut-off, date and entries, appended to the model's snapshots.
 * @param out receives the snapshot (borrowed from the model; may be NULL).
 * @param cutoff 1..12. @param entries copied (row codes too); may be NULL when @p n is 0.
 * @return 0, ::TERTIAL_ERR_EXISTS (the point is already frozen), ::TERTIAL_ERR_RANGE (cut-off),
 *         ::TERTIAL_ERR_NOT_FOUND (an entry's unit), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_snapshot_restore(const tertial_snapshot **out, tertial_model *model, const char *point_code,
                                         int cutoff, tertial_date taken_on, const tertial_snapshot_entry *entries,
                                         size_t n);

/** Number of snapshots of a model, in the order taken. */
TERTIAL_API size_t tertial_snapshot_count(tertial_model *model);

/** Snapshot @p index (borrowed), NULL if out of range. */
TERTIAL_API const tertial_snapshot *tertial_snapshot_at(tertial_model *model, size_t index);

/**
 * Find the snapshot of a follow-up point.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_snapshot_find(const tertial_snapshot **out, tertial_model *model, const char *point_code);

/** The follow-up point's code (borrowed). */
TERTIAL_API const char *tertial_snapshot_point(const tertial_snapshot *snapshot);

/** The cut-off the forecasts were made on (1..12). */
TERTIAL_API int tertial_snapshot_cutoff(const tertial_snapshot *snapshot);

/** The date the snapshot was taken. */
TERTIAL_API tertial_date tertial_snapshot_taken_on(const tertial_snapshot *snapshot);

/** Number of entries. */
TERTIAL_API size_t tertial_snapshot_entry_count(const tertial_snapshot *snapshot);

/** Entry @p index (borrowed), NULL if out of range. */
TERTIAL_API const tertial_snapshot_entry *tertial_snapshot_entry_at(const tertial_snapshot *snapshot, size_t index);

/**
 * The frozen forecast of a unit's subtree (result rows), the subtree taken as it stands in the
 * snapshot's cut-off month.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_snapshot_total(int64_t *out, tertial_model *model, const tertial_snapshot *snapshot,
                                       tertial_unit_id unit);

/** The change of a subtree's forecast between two snapshots. */
typedef struct tertial_snapshot_change {
  int64_t previous;            /**< forecast at the earlier snapshot */
  int64_t current;             /**< forecast at the later snapshot */
  int64_t change;              /**< current − previous (for costs: positive is a worsening) */
  int64_t new_outcome;         /**< the part from the projection of new outcome (bases, methods) */
  int64_t changed_adjustments; /**< the part from changed adjustments */
} tertial_snapshot_change;

/**
 * Compare two snapshots for a unit's subtree (as it stands in @p current's cut-off month).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_snapshot_compare(tertial_snapshot_change *out, tertial_model *model,
                                         const tertial_snapshot *previous, const tertial_snapshot *current,
                                         tertial_unit_id unit);

TERTIAL_END_DECLS

#endif
