/* Internal: what the planning modules (wheel.c, priorities.c, intcontrol.c) share with their text
 * forms (io/plan_read.c). Not installed. */
#ifndef TERTIAL_PLAN_INTERNAL_H
#define TERTIAL_PLAN_INTERNAL_H

#include "tertial/intcontrol.h"
#include "tertial/priorities.h"
#include "tertial/priorities_budget.h"
#include "tertial/unfunded.h"
#include "tertial/investments.h"
#include "tertial/wheel.h"
#include "tertial/frames.h"

/* An empty wheel. Returns 0 or TERTIAL_ERR_NOMEM. */
int tertial__wheel_new(tertial_wheel **out);

/* Add a sub-process or an activity (strings copied; NULL strings are ""). An activity's process
 * must exist. Returns 0, TERTIAL_ERR_INVALID or TERTIAL_ERR_NOMEM. */
int tertial__wheel_add_process(tertial_wheel *w, const tertial_wheel_process *p);
int tertial__wheel_add_activity(tertial_wheel *w, const tertial_wheel_activity *a);
/* The place of sub-process (activity 0) or activity (1) @p index in the order the wheel's
 * sub-processes and activities were added together (the schedule's order of equal days). */
size_t tertial__wheel_order(const tertial_wheel *w, int activity, size_t index);

/* Replace each of n strings by a malloc'ed copy (NULL becomes ""); on failure the copies made
 * are freed and the result is TERTIAL_ERR_NOMEM. */
int tertial__strs_copy(const char **s[], size_t n);
/* Free n strings made by tertial__strs_copy(). */
void tertial__strs_free(const char **s[], size_t n);

/* Points s[0..n-1] at a record's string fields (the plan lists: proposals, unfunded decisions,
 * investment projects). */
typedef void (*tertial__texts_fn)(void *record, const char **s[]);

/* Append a copy of *record (`size` bytes) to the list items[0..*n), its `ntexts` (at most 16) strings copied.
 * Returns 0 or TERTIAL_ERR_NOMEM (nothing added). */
int tertial__records_add(void **items, size_t *n, size_t *cap, size_t size, const void *record,
                         tertial__texts_fn texts, size_t ntexts);

/* Drop the records from `keep` on, freeing their strings. */
void tertial__records_truncate(void *items, size_t *n, size_t keep, size_t size, tertial__texts_fn texts,
                               size_t ntexts);

/* Whether two names are the same, letter case ignored (NULL reads as ""). */
int tertial__same_name(const char *a, const char *b);

/* The Swedish names of the priorities' scales by value (NULL where a value is unused), each list
 * ending in NULL at index `count` below. */
extern const char *const tertial__kind_names[];           /* 3 */
extern const char *const tertial__difficulty_names[];     /* 5 */
extern const char *const tertial__benefit_names[];        /* 5 */
extern const char *const tertial__cost_effectiveness_names[]; /* 5 */
extern const char *const tertial__perspective_names[];    /* 3 */
extern const char *const tertial__status_names[];         /* 3 */

/* Check a proposal as tertial_proposals_add() would add it to `list`. */
int tertial__proposal_check(const tertial_proposals *list, const tertial_proposal *p);
/* Remove the proposals after the first `keep`. */
void tertial__proposals_truncate(tertial_proposals *list, size_t keep);

/* Remove the risks, controls or results after the first `keep` (a failed read takes back what it
 * added). */
void tertial__intcontrol_truncate(tertial_intcontrol *ic, tertial_intcontrol_table table, size_t keep);

/* A control's result at a point replaced in place, for the round's checked change (round.c) and
 * the results reported through it (store.c): find its index (-1: none); prepare a checked copy
 * with room for one more result (0, or an error and nothing made); then commit it (replacing the
 * result of the same control and point, or adding it; never fails) or discard it. */
long tertial__intcontrol_find_result(const tertial_intcontrol *ic, const char *control, const char *point);
int tertial__intcontrol_result_prepare(tertial_intcontrol *ic, const tertial_control_result *result,
                                       tertial_control_result *out);
void tertial__intcontrol_result_commit(tertial_intcontrol *ic, tertial_control_result *prepared);
void tertial__intcontrol_result_discard(tertial_control_result *prepared);

/* Decided proposals applied to budget versions, kept in the model's budget state (budget.c). The
 * record's code is copied. */
size_t tertial__budget_applied_count(const tertial_model *model);
const tertial_applied_proposal *tertial__budget_applied_at(const tertial_model *model, size_t index);
int tertial__budget_applied_add(tertial_model *model, const tertial_applied_proposal *rec);
/* Forget the records after the first `keep`. */
void tertial__budget_applied_truncate(tertial_model *model, size_t keep);
/* Add an annual amount to a version's (open) unit and account, periodised with the key the model
 * resolves; `old` receives the months before. 0 or an error (nothing changed then). */
int tertial__budget_add_annual(tertial_model *model, int measure, tertial_unit_id unit, tertial_account_id account,
                               int64_t amount, int64_t old[12]);
/* Put back twelve months (a rollback). */
int tertial__budget_put_months(tertial_model *model, int measure, tertial_unit_id unit, tertial_account_id account,
                               const int64_t months[12]);
/* The version a budget measure revises, -1 for none. */
int tertial__budget_revises(const tertial_model *model, int measure);

/* Check an unfunded decision as tertial_unfunded_add() would add it to `list`. */
int tertial__unfunded_check(const tertial_unfunded *list, const tertial_unfunded_decision *d);
/* Remove the decisions after the first `keep`. */
void tertial__unfunded_truncate(tertial_unfunded *list, size_t keep);

/* The investment budget (investments.h): the statuses' Swedish names, and removing the projects
 * after the first `keep`. */
extern const char *const tertial__investment_status_names[4];
void tertial__investments_truncate(tertial_investments *list, size_t keep);

/* Frame updates (frames.h): remove the lines after the first `keep`. */
void tertial__frame_update_truncate(tertial_frame_update *update, size_t keep);
/* Add a line as tertial_frame_update_add() does, keeping its base and change (a line applied
 * before, read back from the store). */
int tertial__frame_update_add_applied(tertial_frame_update *update, const tertial_frame_line *line);

#endif
