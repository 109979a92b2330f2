/**
 * @file round_control.h
 * @brief Internal control followed up through the round (issue 19): the round holds the fiscal
 *        year's internal control (intcontrol.h), and a control's result at a follow-up point is
 *        reported as a person through the round's gate (round.h): role, lock, version, audit entry,
 *        written change by change to a bound store.
 *
 * The control's unit is its risk's committee (tertial_risk::committee names a unit by code, or by
 * name with letter case ignored); the managers and heads of that unit or a unit above it report
 * its results, an economist of it on behalf of one. Every report is kept in a bound store (one row
 * per version, append-only); the latest is the result, in tertial_round_intcontrol() and in what
 * tertial_store_load_intcontrol() gives.
 * @code
 * tertial_round *r = tertial_model_round(model);
 * tertial_intcontrol_load(tertial_round_intcontrol(r), TERTIAL_INTCONTROL_RISKS, "risker.csv");
 * tertial_intcontrol_load(tertial_round_intcontrol(r), TERTIAL_INTCONTROL_PLAN, "ikplan.csv");
 * tertial_actor chef = {person, TERTIAL_NO_PERSON};
 * uint64_t v;
 * tertial_round_control_result_set_as(r, &chef, "T1", "K1", "Två fakturor saknade attest", 2,
 *                                     "Påminnelse om attestordningen", 0, &v);
 * @endcode
 */
#ifndef TERTIAL_ROUND_CONTROL_H
#define TERTIAL_ROUND_CONTROL_H

#include <stdint.h>
#include <time.h>

#include "common.h"
#include "intcontrol.h"
#include "round.h"

TERTIAL_BEGIN_DECLS

/**
 * The round's internal control: the fiscal year's risk analysis, control plan and results,
 * owned by the round (made on first use, freed with the model). Loading a year from a store
 * (tertial_store_load()) fills it with what the store holds of the year (store_plan.h) and the
 * results reported through the round. Fill the analysis and the plan with the unchecked functions
 * of intcontrol.h (an administrator's import); results reported by people go through
 * tertial_round_control_result_set_as().
 * @return the analysis (borrowed), NULL on NULL or out of memory.
 */
TERTIAL_API tertial_intcontrol *tertial_round_intcontrol(tertial_round *round);

/**
 * The unit a control is reported for: the unit of its risk's committee (tertial_risk::committee
 * names a unit by code, or by name with letter case ignored). Roles on it or above it decide who
 * may report the control's results.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no such control; its committee names no unit: the message
 *         says which), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_control_unit(tertial_unit_id *out_unit, tertial_round *round, const char *control);

/** Who reported a control's result at a point through the round, and its version. */
typedef struct tertial_control_report {
  uint64_t version;               /**< 0 while not reported through the round; +1 per report */
  tertial_person_id person;       /**< who (::TERTIAL_NO_PERSON when version is 0) */
  tertial_person_id on_behalf_of; /**< for whom (::TERTIAL_NO_PERSON when none) */
  time_t when;                    /**< the round's clock (0 when version is 0) */
} tertial_control_report;

/**
 * Report a control's result at a follow-up point as @p actor (the follow-up of the internal
 * control plan), through the round's gate: allowed to the managers and heads of the control's
 * unit (tertial_round_control_unit()) or a unit above it, and to an economist of it on behalf of
 * one; refused at a locked point and while the unit is submitted or approved there; checked
 * against the version read (a second report replaces the first: the caller says which version it
 * replaces); recorded in the audit trail (action ::TERTIAL_ACTION_CONTROL, item "control CODE",
 * before and after as "RESULT; N deviations; measures: MEASURES", the measures left out when
 * none); with a store bound, written in its own transaction, checked against the version in the
 * store. The result replaces the control's result at the point in tertial_round_intcontrol()
 * (one imported from a table is version 0).
 * @param measures the measures taken; NULL or "" when none.
 * @param version_read 0 when not yet reported, the version read, or ::TERTIAL_ANY_VERSION.
 * @param out_version receives the new version (may be NULL).
 * @return 0, ::TERTIAL_ERR_CONFLICT (reported since: the message names who and when),
 *         ::TERTIAL_ERR_NOT_PERMITTED, ::TERTIAL_ERR_NOT_FOUND (control, point, the control's
 *         unit), ::TERTIAL_ERR_RANGE (negative deviations), ::TERTIAL_ERR_INVALID (an empty result,
 *         not UTF-8, NULL), ::TERTIAL_ERR_CANCELLED, ::TERTIAL_ERR_IO, ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_round_control_result_set_as(tertial_round *round, const tertial_actor *actor,
                                                    const char *point_code, const char *control, const char *result,
                                                    int deviations, const char *measures, uint64_t version_read,
                                                    uint64_t *out_version);

/**
 * Who reported a control's result at a point through the round, and its version (all 0 and
 * ::TERTIAL_NO_PERSON when it was not).
 * @return 0, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_control_report(tertial_control_report *out_report, const tertial_round *round,
                                             const char *control, const char *point_code);

TERTIAL_END_DECLS

#endif
