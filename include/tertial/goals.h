/**
 * @file goals.h
 * Goals, indicators and activities (mål, styrtal, delmål, aktiviteter) of a model.
 *
 * The goal tree runs from the council's strategic areas (strategiska inriktningsområden) through
 * council goals and committee goals (nämndmål) to sub-goals (delmål) and activities
 * (aktiviteter); every node has an owning unit, a responsible person (a key of the round's
 * directory, round.h), a validity in years and a text. The "red thread" of a node is its chain
 * up to the strategic area and everything below it.
 *
 * An indicator (styrtal, nyckeltal, or a volume such as placements) has a unit of measure, a
 * number of decimals, a direction (higher is better, lower is better, within an interval), a
 * target per year, margins for green and yellow (in the indicator's units or in per mille of the
 * target), a periodicity and a rule that aggregates it across units. Values are exact: an integer
 * scaled by 10^decimals (73,4 % with one decimal is 734), never a floating-point number; they are
 * kept per unit and period (yyyymm) with their source and time of import.
 *
 * A unit's value at a period is its own value when it has one; otherwise it aggregates the values
 * of the units below it as the organisation stands in that period: each branch contributes the
 * value of its highest unit that has one of its own. Sum adds them; mean is their mean and the
 * weighted mean their mean weighted by another indicator's own values at the same units (a unit
 * without a weight is left out), both rounded half away from zero to the decimals; min and max
 * take the least and the greatest; "none" uses own values only.
 *
 * The light of a value against the year's target: higher is better — green at or above
 * target − green margin, yellow at or above target − yellow margin, else red; lower is better
 * the mirror image; an interval — green within [low − green margin, high + green margin], yellow
 * within the yellow margins, else red. No value or no target: no light.
 *
 * A goal's status at a follow-up point is proposed from the lights of its indicators (at the
 * goal's unit, the point's cut-off month) by a rule that is data (tertial_goal_rule), or, for a
 * goal without indicators, from its children's statuses; a person may set another status with a
 * reason, which is kept with every earlier setting.
 */
#ifndef TERTIAL_GOALS_H
#define TERTIAL_GOALS_H

#include <stdint.h>
#include <time.h>

#include "common.h"
#include "model.h"
#include "round.h"

TERTIAL_BEGIN_DECLS

/** The goals and indicators of a model (opaque). */
typedef struct tertial_goals tertial_goals;

/** The goals and indicators of a model: made on first use, owned and freed by the model. NULL on
 * NULL or out of memory. */
TERTIAL_API tertial_goals *tertial_model_goals(tertial_model *model);

/* ---- indicators ---- */

/** An indicator: a dense index. */
typedef uint32_t tertial_indicator_id;

/** Which way an indicator is better. */
typedef enum tertial_direction {
  TERTIAL_HIGHER_IS_BETTER = 0,
  TERTIAL_LOWER_IS_BETTER = 1,
  TERTIAL_WITHIN_INTERVAL = 2, /**< the target is an interval (target .. target_high) */
} tertial_direction;

/** How an indicator aggregates across units (see the file comment). */
typedef enum tertial_aggregation {
  TERTIAL_AGGREGATE_SUM = 0,
  TERTIAL_AGGREGATE_MEAN = 1,
  TERTIAL_AGGREGATE_WEIGHTED_MEAN = 2, /**< weighted by tertial_indicator_spec::weight */
  TERTIAL_AGGREGATE_MIN = 3,
  TERTIAL_AGGREGATE_MAX = 4,
  TERTIAL_AGGREGATE_NONE = 5, /**< own values only */
} tertial_aggregation;

/** How often an indicator is measured: the previous period of a trend is one such step back. */
typedef enum tertial_periodicity {
  TERTIAL_MONTHLY = 0,
  TERTIAL_PER_TERTIAL = 1, /**< every four months */
  TERTIAL_YEARLY = 2,
} tertial_periodicity;

/** Version of ::tertial_indicator_spec. */
#define TERTIAL_INDICATOR_SPEC_VERSION 1

/** What an indicator is. Initialise with ::TERTIAL_INDICATOR_SPEC_INIT. */
typedef struct tertial_indicator_spec {
  unsigned int version;          /**< ::TERTIAL_INDICATOR_SPEC_VERSION */
  const char *code;              /**< unique, e.g. "PLAC" */
  const char *name;              /**< e.g. "Antal placeringar HVB" */
  const char *unit_of_measure;   /**< e.g. "st", "%", "kr", "dygn"; may be "" */
  int decimals;                  /**< 0..6: a value is an integer scaled by 10^decimals */
  tertial_direction direction;   /**< which way is better */
  tertial_aggregation aggregation; /**< across units */
  const char *weight;            /**< ::TERTIAL_AGGREGATE_WEIGHTED_MEAN: the weight indicator's code */
  tertial_periodicity periodicity; /**< how often it is measured */
  int relative;                  /**< 1: the margins are in per mille of the target; 0: in values */
  int64_t green_margin;          /**< how far on the worse side of the target is still green (≥ 0) */
  int64_t yellow_margin;         /**< how far is yellow (≥ green_margin) */
  const char *external_id;       /**< e.g. a Kolada KPI id "N00945"; "" or NULL for none */
} tertial_indicator_spec;

/** Defaults: higher is better, summed, monthly, no margins (green from the target on, no yellow). */
#define TERTIAL_INDICATOR_SPEC_INIT                                                                       \
  {                                                                                                       \
    TERTIAL_INDICATOR_SPEC_VERSION, NULL, NULL, "", 0, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_SUM, NULL, \
      TERTIAL_MONTHLY, 0, 0, 0, ""                                                                        \
  }

/**
 * Add an indicator (the spec is copied).
 * @param out_id receives its id (may be NULL).
 * @return 0, ::TERTIAL_ERR_EXISTS (the code is taken), ::TERTIAL_ERR_NOT_FOUND (the weight
 *         indicator), ::TERTIAL_ERR_RANGE (decimals, margins), ::TERTIAL_ERR_INVALID (an empty code
 *         or name, not UTF-8, an unknown version or enum, a weight with another aggregation or
 *         none with the weighted mean), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_indicator_add(tertial_indicator_id *out_id, tertial_goals *goals,
                                      const tertial_indicator_spec *spec);

/** Number of indicators. */
TERTIAL_API size_t tertial_indicator_count(const tertial_goals *goals);

/** Indicator @p id's spec (borrowed; `weight` is the weight's code or NULL), NULL if out of range. */
TERTIAL_API const tertial_indicator_spec *tertial_indicator_at(const tertial_goals *goals, tertial_indicator_id id);

/**
 * Find an indicator by code.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_find(tertial_indicator_id *out_id, const tertial_goals *goals, const char *code);

/**
 * Set an indicator's target for a fiscal year (its first calendar year); @p high is the upper end
 * of an interval (::TERTIAL_WITHIN_INTERVAL, ≥ @p target) and ignored otherwise. Replaces an earlier
 * target of the year.
 * @return 0, ::TERTIAL_ERR_RANGE (year outside 1900..9999, high below target), ::TERTIAL_ERR_INVALID,
 *         ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_indicator_set_target(tertial_goals *goals, tertial_indicator_id id, int year, int64_t target,
                                             int64_t high);

/**
 * An indicator's target for a year.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no target that year), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_target(int64_t *out_target, int64_t *out_high, const tertial_goals *goals,
                                         tertial_indicator_id id, int year);

/**
 * Set a unit's own value of an indicator for a period (yyyymm), replacing an earlier one.
 * @param source where it came from, e.g. "Procapita 2026-11-03" (may be NULL).
 * @param imported when it was imported (0: unknown).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit), ::TERTIAL_ERR_RANGE (period), ::TERTIAL_ERR_INVALID,
 *         ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_indicator_set_value(tertial_goals *goals, tertial_indicator_id id, tertial_unit_id unit,
                                            int period, int64_t value, const char *source, time_t imported);

/**
 * Set the own values of many units for one indicator and period at once (a file's column): as
 * tertial_indicator_set_value() for each, all or nothing, with room made first (the fast way to
 * load a series).
 * @param units @p n unit ids. @param values @p n values.
 * @return as tertial_indicator_set_value().
 */
TERTIAL_API int tertial_indicator_set_values(tertial_goals *goals, tertial_indicator_id id, int period,
                                             const tertial_unit_id *units, const int64_t *values, size_t n,
                                             const char *source, time_t imported);

/** A unit's own value of an indicator (borrowed strings). */
typedef struct tertial_indicator_value {
  int64_t value;        /**< scaled by 10^decimals */
  const char *source;   /**< "" when none */
  time_t imported;      /**< 0 when unknown */
} tertial_indicator_value;

/**
 * A unit's own value at a period.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no value), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_own_value(tertial_indicator_value *out, const tertial_goals *goals,
                                            tertial_indicator_id id, tertial_unit_id unit, int period);

/**
 * Parse a value as written ("73,4", "73.4", "1 234", "-2,05") exactly to the indicator's
 * decimals (more decimals than it has is an error, never a rounding).
 * @return 0, ::TERTIAL_ERR_PARSE, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_parse_value(int64_t *out, const tertial_goals *goals, tertial_indicator_id id,
                                              const char *text);

/**
 * Format a value in Swedish style with the indicator's decimals ("73,4", "−1 234"; a minus sign
 * "-"), NUL-terminated.
 * @return the length, or ::TERTIAL_ERR_RANGE when @p size is too small, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_format_value(char *buf, size_t size, const tertial_goals *goals,
                                               tertial_indicator_id id, int64_t value);

/** A traffic light. */
typedef enum tertial_light {
  TERTIAL_LIGHT_NONE = 0, /**< no value or no target */
  TERTIAL_LIGHT_GREEN = 1,
  TERTIAL_LIGHT_YELLOW = 2,
  TERTIAL_LIGHT_RED = 3,
} tertial_light;

/** An indicator at a unit and period. */
typedef struct tertial_indicator_result {
  int has_value;          /**< 0 when neither the unit nor any unit below it has a value */
  int64_t value;          /**< the unit's value (own or aggregated) */
  int own;                /**< 1 when it is the unit's own value */
  size_t units;           /**< how many units' own values it stands for */
  int has_target;         /**< the period's year has a target */
  int64_t target;         /**< the target (an interval's lower end) */
  int64_t target_high;    /**< an interval's upper end (the target otherwise) */
  tertial_light light;    /**< the value against the target */
  int has_previous;       /**< a value one step back (by the periodicity) */
  int64_t previous;       /**< that value */
  int has_last_year;      /**< a value twelve months back */
  int64_t last_year;      /**< that value */
} tertial_indicator_result;

/**
 * Evaluate an indicator at a unit and period: the value (own or aggregated), the year's target,
 * the light, and the trend against the previous period and the same period last year.
 * @param year the fiscal year whose target applies (its first calendar year).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit), ::TERTIAL_ERR_RANGE (period), ::TERTIAL_ERR_OVERFLOW
 *         (a sum out of range), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_evaluate(tertial_indicator_result *out, tertial_goals *goals,
                                           tertial_indicator_id id, tertial_unit_id unit, int period, int year);

/**
 * Evaluate an indicator at every unit at once (one pass up the tree): @p out has one entry per
 * unit of the organisation (tertial_org_unit_count()), indexed by unit id; the trend fields are
 * not filled (has_previous and has_last_year 0).
 * @return as tertial_indicator_evaluate().
 */
TERTIAL_API int tertial_indicator_evaluate_all(tertial_indicator_result *out, tertial_goals *goals,
                                               tertial_indicator_id id, int period, int year);

/** The light of a value against a target by an indicator's direction and margins. */
TERTIAL_API tertial_light tertial_indicator_light(const tertial_goals *goals, tertial_indicator_id id, int64_t value,
                                                  int64_t target, int64_t target_high);

/* ---- volumes: cost per user and the early warning ---- */

/**
 * Make an indicator a volume (placements, care days, hours, users) whose cost is booked on a line
 * row of the model's report-row mapping (e.g. "KOST_KOP"): cost per user is that row's outcome for
 * the unit's subtree divided by the volume. Replaces an earlier row.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no such row), ::TERTIAL_ERR_STATE (not a line row),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_set_cost_row(tertial_goals *goals, tertial_indicator_id id, const char *row_code);

/** The volume's cost row (borrowed), NULL when the indicator is not a volume. */
TERTIAL_API const char *tertial_indicator_cost_row(const tertial_goals *goals, tertial_indicator_id id);

/**
 * Set a unit's budgeted volume for the model's fiscal year: the volume the budget pays for in an
 * average month (scaled like the indicator's values). Replaces an earlier one.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit), ::TERTIAL_ERR_RANGE (negative), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_set_budget_volume(tertial_goals *goals, tertial_indicator_id id,
                                                    tertial_unit_id unit, int64_t per_month);

/**
 * A unit's budgeted volume per month.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (none), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_budget_volume(int64_t *out, const tertial_goals *goals, tertial_indicator_id id,
                                                tertial_unit_id unit);

/**
 * Cost per user (kostnad per brukare) of a volume at a unit: the cost row's outcome of the unit's
 * subtree divided by the unit's volume (own or aggregated), in öre per one volume unit, rounded
 * half away from zero. @p month is 1..12 of the model's fiscal year; with @p accumulated the
 * months 1..month (the cost of them all over the sum of their volumes: the cost of a user-month).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit; no volume in those months, or it is 0),
 *         ::TERTIAL_ERR_STATE (not a volume), ::TERTIAL_ERR_RANGE (month), ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_indicator_cost_per_unit(int64_t *out, tertial_goals *goals, tertial_indicator_id id,
                                                tertial_unit_id unit, int month, int accumulated);

/** What the volume's trend says about the rest of the year (tertial_volume_warning()). */
typedef struct tertial_volume_outlook {
  int months;             /**< months with a volume, 1..cut-off, the trend is fitted on */
  int64_t budgeted;       /**< the budgeted volume per month */
  int64_t latest;         /**< the volume in the last month with one */
  int64_t trend_year_end; /**< the trend's volume in the fiscal year's last month */
  int warns;              /**< 1 when the trend exceeds the budgeted volume before the year ends */
  int first_month;        /**< the first month after the cut-off (1..12) where it does; 0 if none */
  int64_t cost_per_unit;  /**< öre per volume unit and month, accumulated to the cut-off */
  int64_t consequence;    /**< öre: the cost of the volume above budget from the cut-off to year end */
} tertial_volume_outlook;

/**
 * The early warning of a volume at a unit at a cut-off (months 1..@p cutoff of the model's fiscal
 * year): the budgeted volume is the unit's own or, without one, the sum of those below it (each
 * branch's highest unit that has one); a least-squares line through the months with a volume,
 * projected to the year's end; it
 * warns when the projected volume exceeds the budgeted volume in a month before the year ends,
 * with the forecast consequence in kr: the volume above budget in each remaining month times the
 * cost per user to the cut-off, summed and rounded once. Exact (integer arithmetic).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit; no budgeted volume at or below it; no volume to the cut-off),
 *         ::TERTIAL_ERR_STATE (not a volume), ::TERTIAL_ERR_RANGE (cut-off 1..12), ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_volume_warning(tertial_volume_outlook *out, tertial_goals *goals, tertial_indicator_id id,
                                       tertial_unit_id unit, int cutoff);

/**
 * Let a volume drive the forecast of its cost row at a unit (the volume-driver method reads the
 * series, so nobody enters the same numbers twice): the forecast plan gets a driver on the unit and
 * cost row named as the indicator, at the cost per user accumulated to the cut-off, with the
 * volumes (in thousandths) of months 1..@p cutoff as measured and those after it on the volume's
 * trend (tertial_volume_warning()'s line, not below 0). The unit's method for the row is the
 * caller's (tertial_forecast_set_method() with ::TERTIAL_METHOD_VOLUME_DRIVER); applying the
 * forecast then gives outcome so far plus the trend's volumes at the cost per user.
 * @return 0, as tertial_volume_warning() (but needs no budgeted volume), and the errors of
 *         tertial_forecast_set_driver() (a frozen plan: ::TERTIAL_ERR_STATE).
 */
TERTIAL_API int tertial_indicator_drive_forecast(tertial_goals *goals, tertial_indicator_id id, tertial_unit_id unit,
                                                 int cutoff);

/* ---- the goal tree ---- */

/** A node of the goal tree: a dense index. */
typedef uint32_t tertial_goal_id;
/** No goal (a strategic area's parent). */
#define TERTIAL_NO_GOAL ((tertial_goal_id)UINT32_MAX)

/** The kinds of nodes, from the top. */
typedef enum tertial_goal_kind {
  TERTIAL_GOAL_STRATEGIC_AREA = 0, /**< strategiskt inriktningsområde (the council's) */
  TERTIAL_GOAL_COUNCIL = 1,        /**< kommunfullmäktiges mål, with styrtal */
  TERTIAL_GOAL_COMMITTEE = 2,      /**< nämndmål */
  TERTIAL_GOAL_SUB = 3,            /**< delmål (at sector level) */
  TERTIAL_GOAL_ACTIVITY = 4,       /**< aktivitet (at unit level) */
} tertial_goal_kind;

/** A node (borrowed from the goals). */
typedef struct tertial_goal {
  tertial_goal_id id;        /**< its index */
  tertial_goal_kind kind;    /**< its kind */
  const char *code;          /**< unique, e.g. "KF2.1" */
  const char *name;          /**< a short title */
  const char *text;          /**< the goal's text ("" when none) */
  tertial_goal_id parent;    /**< ::TERTIAL_NO_GOAL for a strategic area */
  tertial_unit_id unit;      /**< the owning unit */
  const char *responsible;   /**< a person's key in the round's directory ("" when none) */
  int first_year;            /**< valid from this year (e.g. the mandate period's first) */
  int last_year;             /**< valid through this year */
} tertial_goal;

/**
 * Add a node below @p parent (a node of a kind above it; ::TERTIAL_NO_GOAL for a strategic area,
 * which has none). An activity may sit under a sub-goal or directly under a committee goal.
 * @param text may be NULL. @param responsible may be NULL.
 * @return 0, ::TERTIAL_ERR_EXISTS (the code), ::TERTIAL_ERR_NOT_FOUND (parent, unit),
 *         ::TERTIAL_ERR_RANGE (years), ::TERTIAL_ERR_INVALID (kind against the parent's, an empty
 *         code or name, not UTF-8), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_goal_add(tertial_goal_id *out_id, tertial_goals *goals, tertial_goal_kind kind,
                                 const char *code, const char *name, const char *text, tertial_goal_id parent,
                                 tertial_unit_id unit, const char *responsible, int first_year, int last_year);

/** Number of goal nodes. */
TERTIAL_API size_t tertial_goal_count(const tertial_goals *goals);

/** Goal node @p id (borrowed), NULL if out of range. */
TERTIAL_API const tertial_goal *tertial_goal_at(const tertial_goals *goals, tertial_goal_id id);

/**
 * Find a goal node by code.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_goal_find(tertial_goal_id *out_id, const tertial_goals *goals, const char *code);

/**
 * Link an indicator to a goal (its styrtal); linking it again changes nothing.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_goal_link_indicator(tertial_goals *goals, tertial_goal_id goal, tertial_indicator_id indicator);

/**
 * The indicators linked to a goal, in the order linked.
 * @param out receives a malloc'ed array (free with tertial_free(); NULL when none).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_goal_indicators(tertial_indicator_id **out, size_t *out_n, const tertial_goals *goals,
                                        tertial_goal_id goal);

/**
 * Link measure @p measure_index (measures.h: an åtgärd of the model) to the goal it serves, by the
 * goal's code; NULL or "" removes the link. The goal's owning unit must be on the measure's unit's
 * branch: the unit itself, a unit above it (a committee goal served by a unit's measure) or a unit
 * below it, as the organisation stands at the end of the model's fiscal year. The link shows in
 * tertial_measure::goal and, in a report, under the goal in "Mål och styrtal". Changes made by a
 * person go through tertial_round_measure_set_goal_as().
 * @return 0, ::TERTIAL_ERR_RANGE (no such measure), ::TERTIAL_ERR_NOT_FOUND (no such goal),
 *         ::TERTIAL_ERR_STATE (the goal's unit is on another branch), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_measure_set_goal(tertial_model *model, size_t measure_index, const char *goal_code);

/**
 * The red thread of a node: the chain from it up to its strategic area (the node first), then
 * every node below it (pre-order, children in the order added), each valid in @p year
 * (0: any year).
 * @param out receives a malloc'ed array (free with tertial_free()). @param out_up receives how
 *        many of them are the chain up (the node and its ancestors).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_goal_red_thread(tertial_goal_id **out, size_t *out_n, size_t *out_up,
                                        const tertial_goals *goals, tertial_goal_id goal, int year);

/* ---- status at a follow-up point ---- */

/** A goal's status. */
typedef enum tertial_goal_status {
  TERTIAL_GOAL_NOT_STARTED = 0, /**< ej påbörjat: nothing to judge by yet */
  TERTIAL_GOAL_MET = 1,         /**< uppfyllt */
  TERTIAL_GOAL_PARTLY_MET = 2,  /**< delvis uppfyllt */
  TERTIAL_GOAL_NOT_MET = 3,     /**< ej uppfyllt */
} tertial_goal_status;

/** Number of statuses. */
#define TERTIAL_GOAL_STATUS_COUNT 4

/** The status's name in Swedish ("uppfyllt", ...); NULL if unknown. */
TERTIAL_API const char *tertial_goal_status_name(tertial_goal_status status);

/** The rule that proposes a status from lights (green, yellow, red counted; no light is left out):
 * met when at least @p met_green per mille are green and none is red; partly met when at least
 * @p partly_green_yellow per mille are green or yellow; else not met; nothing lit: not started.
 * For a goal without indicators the children's statuses count the same way (met as green, partly
 * met as yellow, not met as red). */
typedef struct tertial_goal_rule {
  int met_green;           /**< per mille, 1..1000 (default 1000: all green) */
  int partly_green_yellow; /**< per mille, 1..1000 (default 500) */
} tertial_goal_rule;

/** The default rule. */
#define TERTIAL_GOAL_RULE_INIT { 1000, 500 }

/**
 * Set the rule that proposes statuses.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_goals_set_rule(tertial_goals *goals, const tertial_goal_rule *rule);

/** The rule in force. */
TERTIAL_API tertial_goal_rule tertial_goals_rule(const tertial_goals *goals);

/** A goal's status at a point. */
typedef struct tertial_goal_state {
  tertial_goal_status proposed; /**< by the rule, from its indicators (or children) */
  size_t lights[4];             /**< what the proposal counted, by ::tertial_light (index 0: unlit) */
  tertial_goal_status status;   /**< set by a person, else the proposal */
  int set;                      /**< 1 when a person set it */
  int overridden;               /**< 1 when the status set differs from the proposal at the time */
  const char *reason;           /**< why it differs ("" when it does not) */
  const char *comment;          /**< the comment of the last setting ("" when none) */
  const char *by;               /**< who set it (a person's key; "" when none) */
  time_t when;                  /**< when (0 when never) */
  uint64_t version;             /**< 0 while never set; +1 per setting */
} tertial_goal_state;

/**
 * A goal's status at a follow-up point of the model's calendar: the proposal at the point's
 * cut-off month (indicators at the goal's unit), and what a person set.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (goal, point), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_goal_state_at(tertial_goal_state *out, tertial_goals *goals, tertial_goal_id goal,
                                      const char *point_code);

/**
 * Set a goal's status and comment at a point as a person (a key; the round's checks are the
 * caller's: see round.h). A status other than the proposal needs a reason, which is kept; every
 * setting is kept (tertial_goal_history_count()).
 * @param version_read the state's version the caller read, or ::TERTIAL_ANY_VERSION.
 * @return 0, ::TERTIAL_ERR_CONFLICT (another setting came first), ::TERTIAL_ERR_STATE (another
 *         status than proposed without a reason), ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID (not UTF-8, an unknown status, no person).
 */
TERTIAL_API int tertial_goal_set_status(tertial_goals *goals, tertial_goal_id goal, const char *point_code,
                                        tertial_goal_status status, const char *comment, const char *reason,
                                        const char *by, time_t when, uint64_t version_read);

/**
 * tertial_goal_set_status() as @p actor through the round's gate (round.h): allowed to the
 * managers and heads of the goal's unit or above it (an economist on behalf of one); refused at a
 * locked point and while the unit is submitted or approved; recorded in the audit trail (item
 * "goal CODE"); with a store bound to the round, written in its own transaction, checked against
 * the setting's version in the store. The setting's `by` is the actor's key.
 * @return as tertial_goal_set_status(), and ::TERTIAL_ERR_NOT_PERMITTED, ::TERTIAL_ERR_CANCELLED.
 */
TERTIAL_API int tertial_round_goal_status_as(tertial_round *round, const tertial_actor *actor,
                                             const char *point_code, tertial_goal_id goal,
                                             tertial_goal_status status, const char *comment, const char *reason,
                                             uint64_t version_read);

/** Number of settings of a goal's status at a point. */
TERTIAL_API size_t tertial_goal_history_count(const tertial_goals *goals, tertial_goal_id goal,
                                              const char *point_code);

/**
 * Setting @p index (0 = the first) of a goal's status at a point; its `lights` and `proposed` are
 * those at the time.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_goal_history_at(tertial_goal_state *out, const tertial_goals *goals, tertial_goal_id goal,
                                        const char *point_code, size_t index);

/**
 * Attainment at a point: how many goals of a kind owned by @p unit or a unit below it (as the
 * organisation stands at the point's cut-off) are in each status (set or proposed), e.g. a
 * committee's goals met, partly met and not met.
 * @param out counts indexed by ::tertial_goal_status.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit, point), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_goal_attainment(size_t out[TERTIAL_GOAL_STATUS_COUNT], tertial_goals *goals,
                                        tertial_unit_id unit, tertial_goal_kind kind, const char *point_code);

TERTIAL_END_DECLS

#endif
