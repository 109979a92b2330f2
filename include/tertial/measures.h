/**
 * @file measures.h
 * @brief Deviations and escalation, measures (åtgärder) and budget-adherence plans.
 *
 * The escalation rule (DOMAIN.md §7, from a social services administration's routine): a unit
 * manager who sees a deviation reports it to the head above, who may accept it only if the
 * level above as a whole is in balance; otherwise measures must be proposed. So at a follow-up
 * point every unit whose forecast deviation (Årets budget − Årets prognos of its subtree) is
 * negative is either *covered within its parent* (the parent's deviation is ≥ 0) or *needs
 * measures*.
 */
#ifndef TERTIAL_MEASURES_H
#define TERTIAL_MEASURES_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** How a unit's forecast deviation is to be handled. */
typedef enum tertial_deviation_class {
  TERTIAL_DEVIATION_IN_BALANCE = 0,    /**< deviation ≥ 0 */
  TERTIAL_DEVIATION_COVERED = 1,       /**< negative, but the parent is in balance */
  TERTIAL_DEVIATION_NEEDS_MEASURES = 2,/**< negative and the parent is not in balance (or it has none) */
} tertial_deviation_class;

/** One unit's verdict (borrowed from its list). */
typedef struct tertial_deviation {
  tertial_unit_id unit;       /**< the unit */
  const char *unit_code;      /**< its code */
  int depth;                  /**< depth below the classified root */
  int64_t forecast_deviation; /**< Årets budget − Årets prognos of the unit's subtree */
  int64_t parent_deviation;   /**< the same for its parent (0 for a root) */
  tertial_deviation_class verdict; /**< the classification */
} tertial_deviation;

/** A list of verdicts. */
typedef struct tertial_deviations tertial_deviations;

/**
 * Classify every unit of a subtree (as it stands in the cut-off month) at a cut-off, from the
 * forecasts the model has. The root is classified against its own parent when it has one.
 * @param out receives the list (pre-order); free with tertial_deviations_free().
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_deviations_classify(tertial_deviations **out, tertial_model *model, tertial_unit_id root,
                                            int cutoff);

/** Free a list (NULL-safe). */
TERTIAL_API void tertial_deviations_free(tertial_deviations *deviations);

/** Number of units in the list. */
TERTIAL_API size_t tertial_deviations_count(const tertial_deviations *deviations);

/** Verdict @p index (borrowed), NULL if out of range. */
TERTIAL_API const tertial_deviation *tertial_deviations_at(const tertial_deviations *deviations, size_t index);

/** Status of a measure. */
typedef enum tertial_measure_status {
  TERTIAL_MEASURE_PROPOSED = 0,    /**< föreslagen */
  TERTIAL_MEASURE_DECIDED = 1,     /**< beslutad */
  TERTIAL_MEASURE_IN_PROGRESS = 2, /**< pågår */
  TERTIAL_MEASURE_DONE = 3,        /**< genomförd */
  TERTIAL_MEASURE_CANCELLED = 4,   /**< avbruten */
} tertial_measure_status;

/** What a measure is for: the report lists them apart. */
typedef enum tertial_measure_kind {
  TERTIAL_MEASURE_FOR_DEVIATION = 0, /**< an åtgärd vid avvikelse: to bring a forecast deficit back to balance */
  TERTIAL_MEASURE_EFFICIENCY = 1,    /**< an effektiviseringsåtgärd: a planned efficiency saving (often in the budget) */
} tertial_measure_kind;

/** A measure (åtgärd), borrowed from its model. */
typedef struct tertial_measure {
  tertial_unit_id unit;    /**< the unit it belongs to */
  const char *row_code;    /**< the line row its effect lands on */
  const char *description; /**< what is done */
  const char *cause;       /**< the cause it addresses */
  int64_t effect;          /**< expected economic effect in öre: the improvement of the result (positive is better) */
  const char *consequence; /**< consequences for the activity */
  tertial_date due;        /**< timeline: when it takes effect */
  tertial_measure_status status; /**< proposed, decided, in progress, done or cancelled */
  const char *follow_up;   /**< the latest follow-up comment ("" if none) */
  int in_forecast;         /**< 1 while it is in the forecast as an adjustment */
  long adjustment;         /**< that adjustment: its index for tertial_forecast_adjustment_at(), -1 when
                                the measure is not in the forecast */
  const char *goal;        /**< the code of the goal (goals.h) the measure serves, "" when none: set with
                                tertial_measure_set_goal() */
  tertial_measure_kind kind; /**< an åtgärd vid avvikelse (the default) or an effektiviseringsåtgärd:
                                  tertial_measure_set_kind() */
} tertial_measure;

/**
 * Add a measure (status proposed). @p due is a date of 1900–2199, or {0, 0, 0} for none.
 * @param out_index receives its index (may be NULL).
 * @param row_code a line row of the model's mapping.
 * @param description, cause, consequence copied; description is required.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_STATE (not a line row), ::TERTIAL_ERR_RANGE (not a
 *         date), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_measure_add(size_t *out_index, tertial_model *model, tertial_unit_id unit,
                                    const char *row_code, const char *description, const char *cause,
                                    int64_t effect, const char *consequence, tertial_date due);

/**
 * Change a measure's status and record a follow-up comment. A measure in the forecast moves with
 * its status: done makes its adjustment a measure taken (in Årets prognos), decided or in
 * progress a planned measure; proposed or cancelled takes it out of the forecast (the adjustment
 * is removed, and the measure can be fed again later).
 * @param follow_up copied; NULL keeps the previous comment.
 * @return 0, ::TERTIAL_ERR_RANGE (index), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID;
 *         ::TERTIAL_ERR_STATE (nothing changes) for a measure in the forecast while the plan is frozen
 *         (tertial_forecast_set_cutoff()).
 */
TERTIAL_API int tertial_measure_set_status(tertial_model *model, size_t index, tertial_measure_status status,
                                           const char *follow_up);

/**
 * Say what a measure is for: an åtgärd vid avvikelse (the default) or an effektiviseringsåtgärd,
 * which the report lists in its own section ("Effektiviseringsåtgärder"). Its effect, status and
 * place in the forecast are unchanged.
 * @return 0, ::TERTIAL_ERR_RANGE (index), ::TERTIAL_ERR_INVALID (kind, NULL model).
 */
TERTIAL_API int tertial_measure_set_kind(tertial_model *model, size_t index, tertial_measure_kind kind);

/** Number of measures. */
TERTIAL_API size_t tertial_measure_count(tertial_model *model);

/** Measure @p index (borrowed, valid until the next measure is added), NULL if out of range. */
TERTIAL_API const tertial_measure *tertial_measure_at(tertial_model *model, size_t index);

/**
 * Feed a measure into the forecast plan as an adjustment of −effect on its unit and row:
 * decided or in-progress measures as planned measures, done ones as measures taken (the next
 * tertial_forecast_apply() counts them). A measure is in the forecast once: tertial_measure::adjustment
 * names its adjustment until tertial_forecast_remove_adjustment() removes that, or its status
 * takes it out (tertial_measure_set_status()).
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_STATE (proposed, cancelled or already fed, or the plan
 *         frozen: tertial_forecast_set_cutoff()),
 *         ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_measure_feed_forecast(tertial_model *model, size_t index);

/** A budget-adherence plan (plan för budgetföljsamhet) of one manager, borrowed from its model. */
typedef struct tertial_adherence_plan tertial_adherence_plan;

/** A risk of an adherence plan. */
typedef struct tertial_adherence_risk {
  const char *cause;       /**< orsak */
  const char *measures;    /**< åtgärder för att nå ekonomisk balans */
  int64_t expected_effect; /**< förväntad ekonomisk effekt, öre */
  const char *consequences;/**< konsekvensbeskrivning */
} tertial_adherence_risk;

/**
 * Add (or get) the adherence plan of a unit and its manager.
 * @param out receives the plan (borrowed).
 * @param manager copied; the unit's manager when NULL.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_adherence_plan_get(tertial_adherence_plan **out, tertial_model *model, tertial_unit_id unit,
                                           const char *manager);

/** The plan's manager (borrowed). */
TERTIAL_API const char *tertial_adherence_plan_manager(const tertial_adherence_plan *plan);

/** The plan's unit. */
TERTIAL_API tertial_unit_id tertial_adherence_plan_unit(const tertial_adherence_plan *plan);

/**
 * Add a critical moment (kritiskt moment), e.g. "Sommarvikarier juni–augusti".
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_adherence_plan_add_moment(tertial_adherence_plan *plan, const char *moment);

/**
 * Add a risk with its cause, measures, expected effect and consequences (texts copied; cause required).
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_adherence_plan_add_risk(tertial_adherence_plan *plan, const char *cause, const char *measures,
                                                int64_t expected_effect, const char *consequences);

/** Number of critical moments. */
TERTIAL_API size_t tertial_adherence_plan_moment_count(const tertial_adherence_plan *plan);

/** Critical moment @p index (borrowed), NULL if out of range. */
TERTIAL_API const char *tertial_adherence_plan_moment(const tertial_adherence_plan *plan, size_t index);

/** Number of risks. */
TERTIAL_API size_t tertial_adherence_plan_risk_count(const tertial_adherence_plan *plan);

/** Risk @p index (borrowed), NULL if out of range. */
TERTIAL_API const tertial_adherence_risk *tertial_adherence_plan_risk(const tertial_adherence_plan *plan, size_t index);

/** Number of adherence plans of a model. */
TERTIAL_API size_t tertial_adherence_plan_count(tertial_model *model);

/** Adherence plan @p index (borrowed), NULL if out of range. */
TERTIAL_API tertial_adherence_plan *tertial_adherence_plan_at(tertial_model *model, size_t index);

TERTIAL_END_DECLS

#endif
