/**
 * @file demo.h
 * @brief A deterministic, realistic fictional municipality for demonstrations and tests.
 *
 * "Exempelkommun": 8 committees, about 300 units in 6 levels (kommun, nämnd, förvaltning,
 * avdelning, verksamhet, enhet), Kommun-Bas accounts, a budget for the year, last year's outcome
 * and this year's outcome up to a cut-off, with seasonality (salaries dip in July when staff are
 * on leave, heating peaks in winter, fees follow the school year) and a deficit developing in
 * social services (placements at HVB homes rising from the spring). The same seed always gives
 * the same municipality, to the öre.
 *
 * The municipality has a history: tertial_demo_year() builds the options' year Y and the two
 * years before it. Each closed year (Y-1, Y-2) has twelve months of outcome, its own budget
 * (budgets grow 3 % a year) and the forecasts frozen at its follow-up points before year end,
 * made by the demo's rules (social services by the run rate of the last three months, the rest
 * by the remaining budget), so forecast accuracy and backtests have real numbers. The years fit
 * together to the öre: a year's prior-year outcome is the outcome of the year before. The
 * social-services deficit develops over the years: its costs drift a quarter as fast as in Y
 * two years before, half as fast last year.
 * @code
 * tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;           // Y = 2026, outcome to October
 * tertial_model *last_year;
 * tertial_demo_year(&last_year, &o, o.year - 1, 0);             // 2025, closed, with snapshots
 * @endcode
 */
#ifndef TERTIAL_DEMO_H
#define TERTIAL_DEMO_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** Version of ::tertial_demo_options. */
#define TERTIAL_DEMO_OPTIONS_VERSION 1

/** Options of tertial_demo_new(). */
typedef struct tertial_demo_options {
  unsigned int version; /**< ::TERTIAL_DEMO_OPTIONS_VERSION */
  int year;             /**< the fiscal (calendar) year, default 2026 */
  int outcome_months;   /**< months of outcome this year, 0..12, default 10 (January–October) */
  uint64_t seed;        /**< default 20260101 */
} tertial_demo_options;

/** Default options. */
#define TERTIAL_DEMO_OPTIONS_INIT { TERTIAL_DEMO_OPTIONS_VERSION, 2026, 10, UINT64_C(20260101) }

/**
 * Build the demo municipality.
 * @param out receives a new model; free with tertial_model_free().
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_RANGE (year, months), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_demo_new(tertial_model **out, const tertial_demo_options *options);

/** Number of fiscal years of the demo's history: the options' year and the two before it. */
#define TERTIAL_DEMO_YEARS 3

/** Flag of tertial_demo_year(): no outcome and no prior-year outcome in the model (load them
 *  from SIE files written from a model built without the flag). */
#define TERTIAL_DEMO_NO_OUTCOME 1u

/**
 * Build one fiscal year of the demo municipality's history. The options' year gives the same
 * model as tertial_demo_new() (outcome up to tertial_demo_options::outcome_months); a year
 * before it is closed: twelve months of outcome, the demo's forecast rules in its forecast plan
 * and a snapshot at every follow-up point with a cut-off before month 12, taken on the point's
 * deadline. Every year has the same organisation, accounts and calendar.
 * @param out receives a new model; free with tertial_model_free().
 * @param options NULL for defaults; tertial_demo_options::year is the latest year Y.
 * @param year Y - ::TERTIAL_DEMO_YEARS + 1 .. Y.
 * @param flags 0 or ::TERTIAL_DEMO_NO_OUTCOME (the snapshots of a closed year are still the ones
 *        forecast with its outcome).
 * @return 0, ::TERTIAL_ERR_RANGE (year, months), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID
 *         (options version, unknown flags).
 */
TERTIAL_API int tertial_demo_year(tertial_model **out, const tertial_demo_options *options, int year,
                                  unsigned int flags);

/**
 * Give a demo model of the current year the people of its follow-up round and a round at a
 * follow-up point that is partly done, as on the morning of the tenth of the month after the
 * point's cut-off. People: the municipal director ("kd", head of the municipality), a
 * förvaltningschef per committee ("chef3": head from the committee down), a head per department
 * ("chef31"), a budget manager per activity and unit ("chef311", "chef3111"), two economists
 * ("ekonom1", "ekonom2"), Socialnämnden's secretary ("sekr3") and an auditor ("revisor"); the
 * names are the units' managers. The point gets deadlines per level (units by the 3rd of the
 * month after the cut-off, activities by the 5th, departments by the 9th, committees by the
 * 12th), each level a materiality threshold, and the round, made through the checked calls:
 * Socialnämnden's summary, analysis and a comment on Köp av verksamhet; bottom-up, units
 * submitted by their managers and approved by the heads above (escalated with a comment where the
 * balance rule is not met); unit 2111 returned with a comment; unit 4331 in progress; units 5223
 * and 7221 not started, so their parents wait and are late; Socialnämnden approved by the
 * municipal director as escalated to the municipal board. The forecast is applied at the
 * point's cut-off with the model's plan first.
 * @param model a model of tertial_demo_new() or tertial_demo_year() (of the options' year) whose
 *        round has no people yet.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no such point, or not the demo's organisation),
 *         ::TERTIAL_ERR_STATE (the round has people), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_demo_round(tertial_model *model, const char *point_code);

/**
 * Give the demo municipality's model its goals and indicators (goals.h): three strategic areas of
 * the council, council goals with their styrtal, Socialnämnden's committee goals, a sub-goal at
 * Verksamhetsområde 1 and activities at two of its units; the indicators
 *  - PLAC, placements of children and young people on HVB homes (a volume whose cost row is
 *    Köp av verksamhet, KOST_KOP): each unit's monthly volume is its outcome on that row divided
 *    by 95 000 kr a placement, rounded (so cost per user follows the ledger), for this year's
 *    months with outcome and last year's (the prior-year outcome); the budgeted volume of each
 *    unit is its annual budget on the row over 12 × 95 000 kr; the target is the sum of
 *    Socialnämnden's budgeted volumes — the deficit in social services shows as a growing volume
 *    that the early warning catches;
 *  - SJUK, sick leave in per cent (one decimal) weighted by TIM, hours worked, for every unit of
 *    Socialnämnden and both years, with winter peaks, against a target of 6,0 %;
 *  - NKI, the users' satisfaction index (Kolada U21468), yearly at Socialnämnden for last year.
 * Deterministic (the options' seed).
 * @param model the model to give them (its goals must be empty).
 * @param outcome the model whose outcome the volumes are computed from: @p model itself, or the
 *        same year's demo model with outcome when @p model was made without it.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (not the demo's organisation or mapping), ::TERTIAL_ERR_STATE
 *         (the model has goals or indicators), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_demo_goals(tertial_model *model, tertial_model *outcome);

TERTIAL_END_DECLS

#endif
