/**
 * @file forecast.h
 * @brief The full-year forecast (helårsprognos): base methods, volume drivers, adjustments and
 *        the reasons table.
 *
 * A forecast is a base method applied to a unit's own monthly amounts plus explicit, explained
 * adjustments (DOMAIN.md §6): a projection of the outcome so far, known factors that will affect
 * the rest of the year, the effect of measures already taken, and planned measures.
 *
 * Methods (p = cut-off, the number of months with outcome; amounts in the ledger's signs):
 * | method | forecast | fallback |
 * |---|---|---|
 * | remaining budget | outcome(1..p) + budget(p+1..12) | — |
 * | linear | outcome(1..p) × 12 / p | — |
 * | budget profile | outcome(1..p) × budget(year) / budget(1..p) | linear, when budget(1..p) is 0 or its sign differs from budget(year) |
 * | last year's profile | outcome(1..p) × prior(year) / prior(1..p) | budget profile (then linear), when prior(1..p) is 0 or its sign differs from prior(year) |
 * | run rate | outcome(1..p) + (12 − p) × mean of the last n months (n clamped to 1..p) | — |
 * | volume driver | outcome(1..p) + Σ months p+1..12 of planned volume × unit cost | — |
 * | manual | the manager's figure | — |
 * Every division is done exactly on 128 bits and rounded half away from zero; no method ever
 * yields NaN or a silent zero, and the fallback used is reported.
 *
 * The plan (tertial_forecast_plan) belongs to a model: method rules per unit and report row,
 * inherited down the organisation tree; manual figures; drivers; adjustments. Applying it at a
 * cut-off computes every unit's own forecast per line row and sets it on the model
 * (tertial_model_set_forecast), so follow-up tables show it and roll it up.
 */
#ifndef TERTIAL_FORECAST_H
#define TERTIAL_FORECAST_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** Base methods of a forecast. */
typedef enum tertial_forecast_method {
  TERTIAL_METHOD_REMAINING_BUDGET = 0, /**< outcome so far + budget for the remaining months */
  TERTIAL_METHOD_LINEAR = 1,           /**< outcome so far × 12 / p */
  TERTIAL_METHOD_BUDGET_PROFILE = 2,   /**< outcome so far / share of the annual budget due by p */
  TERTIAL_METHOD_LAST_YEAR_PROFILE = 3,/**< outcome so far × last year / last year up to p */
  TERTIAL_METHOD_RUN_RATE = 4,         /**< outcome so far + remaining months × mean of the last n */
  TERTIAL_METHOD_VOLUME_DRIVER = 5,    /**< outcome so far + planned volume × unit cost */
  TERTIAL_METHOD_MANUAL = 6,           /**< the manager's own figure */
} tertial_forecast_method;

/** Which fallback a method used (see the table in forecast.h). */
typedef enum tertial_forecast_fallback {
  TERTIAL_FALLBACK_NONE = 0,
  TERTIAL_FALLBACK_LINEAR = 1,
  TERTIAL_FALLBACK_BUDGET_PROFILE = 2,
} tertial_forecast_fallback;

/** Version of ::tertial_forecast_input. */
#define TERTIAL_FORECAST_INPUT_VERSION 1

/** Monthly figures a base method works on (twelve months from the fiscal-year start). */
typedef struct tertial_forecast_input {
  unsigned int version;    /**< ::TERTIAL_FORECAST_INPUT_VERSION */
  int64_t outcome[12];     /**< outcome per month (months after the cut-off are ignored) */
  int64_t budget[12];      /**< budget per month */
  int64_t prior[12];       /**< last year's outcome per month */
  int cutoff;              /**< 1..12 */
  int run_rate_months;     /**< n of the run-rate method, 1..12 (clamped to the cut-off) */
  int64_t manual;          /**< the figure of the manual method */
  int64_t driver_remaining;/**< volume driver: Σ remaining planned volume × unit cost */
} tertial_forecast_input;

/** Zeroed input with version set and a run rate over 3 months. */
#define TERTIAL_FORECAST_INPUT_INIT { TERTIAL_FORECAST_INPUT_VERSION, {0}, {0}, {0}, 1, 3, 0, 0 }

/**
 * Compute a base forecast.
 * @param out receives the full-year figure in öre.
 * @param out_fallback receives a ::tertial_forecast_fallback (may be NULL).
 * @return 0, ::TERTIAL_ERR_RANGE (cut-off or n), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID
 *         (unknown method or input version).
 */
TERTIAL_API int tertial_forecast_base(int64_t *out, int *out_fallback, tertial_forecast_method method,
                                      const tertial_forecast_input *input);

/** A short English name of a method ("remaining-budget", ...); NULL if unknown. */
TERTIAL_API const char *tertial_forecast_method_name(tertial_forecast_method method);

/** Kinds of forecast adjustments. */
typedef enum tertial_adjustment_kind {
  TERTIAL_ADJUST_KNOWN_FACTOR = 0,    /**< känd faktor: will affect the rest of the year */
  TERTIAL_ADJUST_MEASURE_TAKEN = 1,   /**< effekt av genomförd åtgärd */
  TERTIAL_ADJUST_PLANNED_MEASURE = 2, /**< planerad åtgärd: shown separately, not in the forecast */
} tertial_adjustment_kind;

/** An adjustment (borrowed from its plan). */
typedef struct tertial_adjustment {
  tertial_unit_id unit;  /**< the unit */
  const char *row_code;  /**< a line row of the model's mapping */
  int64_t amount;        /**< in the ledger's sign: +100 000 kr more cost is +10 000 000 */
  tertial_adjustment_kind kind; /**< known factor, effect of a measure taken, or planned measure */
  const char *reason;    /**< e.g. "Två nya placeringar HVB från juni" */
} tertial_adjustment;

/** A forecast plan: method rules, manual figures, drivers and adjustments of one model. */
typedef struct tertial_forecast_plan tertial_forecast_plan;

/**
 * The model's forecast plan (created with the model; owned by it).
 * @return a borrowed pointer, NULL if @p model is NULL.
 */
TERTIAL_API tertial_forecast_plan *tertial_model_forecast_plan(tertial_model *model);

/**
 * Choose the base method for a unit and its descendants, for one line row or all rows.
 * The nearest rule up the tree wins; at one unit a rule for the row beats a rule for all rows.
 * Without any rule the method is remaining budget.
 * @param row_code a line row code, or NULL for every row.
 * @param run_rate_months n for ::TERTIAL_METHOD_RUN_RATE (1..12), ignored otherwise.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit, row), ::TERTIAL_ERR_STATE (not a line row),
 *         ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID;
 *         ::TERTIAL_ERR_STATE also when the plan is frozen (tertial_forecast_set_cutoff()).
 */
TERTIAL_API int tertial_forecast_set_method(tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code,
                                            tertial_forecast_method method, int run_rate_months);

/**
 * The method that applies to a unit and line row, after inheritance.
 * @param out_run_rate_months receives n (may be NULL).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_method_of(tertial_forecast_method *out, int *out_run_rate_months,
                                           const tertial_forecast_plan *plan, tertial_unit_id unit,
                                           const char *row_code);

/** Number of method rules of a plan (in the order they were first set). */
TERTIAL_API size_t tertial_forecast_rule_count(const tertial_forecast_plan *plan);

/**
 * Method rule @p index.
 * @param out_row_code receives the row code, or NULL for a rule on every row (borrowed).
 * @param out_method receives a ::tertial_forecast_method; @param out_run_rate_months its n.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_rule_at(tertial_unit_id *out_unit, const char **out_row_code, int *out_method,
                                         int *out_run_rate_months, const tertial_forecast_plan *plan, size_t index);

/** Number of manual figures of a plan. */
TERTIAL_API size_t tertial_forecast_manual_count(const tertial_forecast_plan *plan);

/**
 * Manual figure @p index (row code borrowed).
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_manual_at(tertial_unit_id *out_unit, const char **out_row_code, int64_t *out_amount,
                                           const tertial_forecast_plan *plan, size_t index);

/** Number of volume drivers of a plan. */
TERTIAL_API size_t tertial_forecast_driver_count(const tertial_forecast_plan *plan);

/**
 * Volume driver @p index (strings borrowed).
 * @param out_unit_cost receives öre per unit of volume.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_driver_at(tertial_unit_id *out_unit, const char **out_row_code, const char **out_name,
                                           const char **out_volume_unit, int64_t *out_unit_cost,
                                           const tertial_forecast_plan *plan, size_t index);

/**
 * A volume driver's volume in one month (0..11), in thousandths of a unit.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_driver_volume(int64_t *out, const tertial_forecast_plan *plan, size_t index,
                                               int month);

/**
 * Set the manual figure of a unit and line row (used where the method is manual).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_STATE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID;
 *         ::TERTIAL_ERR_STATE also when the plan is frozen (tertial_forecast_set_cutoff()).
 */
TERTIAL_API int tertial_forecast_set_manual(tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code,
                                            int64_t amount);

/**
 * Add or replace a volume driver of a unit and line row (used where the method is volume driver):
 * e.g. "HVB-placeringar" in "dygn" at 4 500 kr per dygn.
 * @param name the driver's name (copied), @param volume_unit e.g. "dygn" (copied).
 * @param unit_cost öre per unit of volume.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_STATE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID;
 *         ::TERTIAL_ERR_STATE also when the plan is frozen (tertial_forecast_set_cutoff()).
 */
TERTIAL_API int tertial_forecast_set_driver(tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code,
                                            const char *name, const char *volume_unit, int64_t unit_cost);

/**
 * Set a driver's volume for one month (0..11): actual volume for months up to the cut-off, planned
 * volume after it. Volumes are in thousandths of a unit (2,5 dygn = 2500).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no driver), ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID;
 *         ::TERTIAL_ERR_STATE also when the plan is frozen (tertial_forecast_set_cutoff()).
 */
TERTIAL_API int tertial_forecast_set_volume(tertial_forecast_plan *plan, tertial_unit_id unit, const char *row_code,
                                            int month, int64_t volume_thousandths);

/**
 * Add an adjustment.
 * @param reason the explanation (copied; required, non-empty).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_STATE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID;
 *         ::TERTIAL_ERR_STATE also when the plan is frozen (tertial_forecast_set_cutoff()).
 */
TERTIAL_API int tertial_forecast_add_adjustment(tertial_forecast_plan *plan, tertial_unit_id unit,
                                                const char *row_code, int64_t amount, tertial_adjustment_kind kind,
                                                const char *reason);

/** Number of adjustments. */
TERTIAL_API size_t tertial_forecast_adjustment_count(const tertial_forecast_plan *plan);

/**
 * Adjustment @p index (in the order added).
 * @return a pointer borrowed from the plan, valid until the next adjustment is added; NULL if out of range.
 */
TERTIAL_API const tertial_adjustment *tertial_forecast_adjustment_at(const tertial_forecast_plan *plan, size_t index);

/**
 * Remove adjustment @p index.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID;
 *         ::TERTIAL_ERR_STATE also when the plan is frozen (tertial_forecast_set_cutoff()).
 */
TERTIAL_API int tertial_forecast_remove_adjustment(tertial_forecast_plan *plan, size_t index);

/**
 * Compute every unit's own forecast per line row at a cut-off and set it on the model:
 * base (method of the unit and row) + known factors + effects of measures taken. A unit and row
 * gets a forecast when it has amounts, a rule of its own, a manual figure, a driver or an
 * adjustment. Planned measures are kept apart (tertial_forecast_after_planned()).
 * @param budget_measure -1 for the model's current budget.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_apply(tertial_model *model, int cutoff, int budget_measure);

/**
 * How many threads tertial_forecast_apply() may use: it splits the units into parts of about
 * equal ledger lines, one per thread, and joins their results in unit order, so the forecasts,
 * their order and the first error reported are the same on any number of threads. A small model
 * (below about 32 000 ledger lines a thread) stays on fewer threads. Only the apply runs on the
 * threads, and it returns when they have ended; the plan and model must not be used from another
 * thread meanwhile (as always). A thread the system cannot start costs time, never the result:
 * its part runs on the calling thread.
 * @param threads 1 (the default: the calling thread only), up to 256, or 0 for one per processor.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_set_threads(tertial_forecast_plan *plan, int threads);

/** The thread setting of tertial_forecast_set_threads() (0: one per processor); 1 for NULL. */
TERTIAL_API int tertial_forecast_threads(const tertial_forecast_plan *plan);

/**
 * Say which follow-up point the following changes of the plan are for, by its cut-off. A frozen
 * point's figures came from the plan as it was when its snapshot was taken, so its methods and
 * adjustments are read-only: every change of the plan (tertial_forecast_set_method(),
 * tertial_forecast_set_manual(), tertial_forecast_set_driver(), tertial_forecast_set_volume(),
 * tertial_forecast_add_adjustment(), tertial_forecast_remove_adjustment(), and measures fed into
 * the forecast or moving with their status) is refused with ::TERTIAL_ERR_STATE, naming the point
 * and the date it was frozen, while a snapshot has been taken at this cut-off or a later one
 * (an apply at any of those would use the change). Changes for a later point go ahead once the
 * cut-off is set to that point's. While no cut-off is set (0, the default) the plan is tied to no
 * point and changes go ahead. The store keeps the setting, so a point stays frozen after a reload;
 * the CLI's `tertial forecast --point P` sets it to P's cut-off.
 * @param cutoff 1..12, or 0 for none.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_set_cutoff(tertial_forecast_plan *plan, int cutoff);

/** The cut-off of tertial_forecast_set_cutoff() (0: none); 0 for NULL. */
TERTIAL_API int tertial_forecast_cutoff(const tertial_forecast_plan *plan);

/**
 * One unit's own base forecast for a line row as the last tertial_forecast_apply() computed it.
 * @param out_method, out_fallback receive the method and fallback used (may be NULL).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (nothing computed), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_base_of(int64_t *out, int *out_method, int *out_fallback,
                                         const tertial_forecast_plan *plan, tertial_unit_id unit,
                                         const char *row_code);

/**
 * "Prognos efter planerade åtgärder" of a unit's subtree: its Årets prognos (result row, at the
 * cut-off) plus the planned measures on line rows of the result of the unit and its descendants
 * as they stand in the cut-off month.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_forecast_after_planned(int64_t *out, tertial_model *model, tertial_unit_id unit, int cutoff);

/** A reasons table ("Orsak till prognosavvikelse | Belopp") of one unit. */
typedef struct tertial_reasons tertial_reasons;

/**
 * Create an empty reasons table for a unit.
 * @param out receives the table; free with tertial_reasons_free().
 * @param unit_code copied.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_reasons_new(tertial_reasons **out, const char *unit_code);

/** Free a reasons table (NULL-safe). */
TERTIAL_API void tertial_reasons_free(tertial_reasons *reasons);

/**
 * Add a line: a reason and its effect on the forecast deviation (budget − forecast), so a cost
 * that rises by 1 mkr is written -1 000 000 kr.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (empty reason).
 */
TERTIAL_API int tertial_reasons_add(tertial_reasons *reasons, const char *reason, int64_t amount);

/**
 * Fill a reasons table from a model after tertial_forecast_apply(): one line per adjustment of
 * the unit's subtree (known factors and measures taken, with their reasons), one line
 * "Framskrivning av utfall" for the base methods' deviation from budget, so the lines sum to the
 * forecast deviation of the unit's result row.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_reasons_from_model(tertial_reasons **out, tertial_model *model, tertial_unit_id unit,
                                           int cutoff);

/** Number of lines. */
TERTIAL_API size_t tertial_reasons_count(const tertial_reasons *reasons);

/**
 * Line @p index: its reason (borrowed) and amount.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_reasons_at(const char **out_reason, int64_t *out_amount, const tertial_reasons *reasons,
                                   size_t index);

/** Outcome of checking a reasons table against a forecast deviation. */
typedef enum tertial_reasons_verdict {
  TERTIAL_REASONS_OK = 0,         /**< the lines sum to the forecast deviation */
  TERTIAL_REASONS_MISMATCH = 1,   /**< they do not */
  TERTIAL_REASONS_SIGN_ERROR = 2, /**< they would if one line's sign were turned (that line is named) */
} tertial_reasons_verdict;

/**
 * Check that the lines sum to the forecast deviation (Årets budget − Årets prognos).
 * @param out_verdict receives a ::tertial_reasons_verdict.
 * @param out_line receives the line with the wrong sign for ::TERTIAL_REASONS_SIGN_ERROR, else -1 (may be NULL).
 * @param out_difference receives deviation − sum of lines (may be NULL).
 * @return 0, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_reasons_check(int *out_verdict, long *out_line, int64_t *out_difference,
                                      const tertial_reasons *reasons, int64_t forecast_deviation);

TERTIAL_END_DECLS

#endif
