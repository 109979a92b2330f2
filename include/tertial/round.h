/**
 * @file round.h
 * @brief The follow-up round: people and their roles on units, every change made as a named
 *        person through one gate (role, lock, version, audit entry), texts with history, the
 *        status of each unit at each follow-up point up the line, the lock of a point, and the
 *        audit trail.
 *
 * A round belongs to a model (one municipality, one fiscal year): tertial_model_round() gives it,
 * made on first use and freed with the model. Authentication is the host system's job; the round
 * does the authorisation: every checked call (`..._as`) takes a ::tertial_actor (who acts, and for
 * whom) and is refused with ::TERTIAL_ERR_NOT_PERMITTED, changing nothing, when the person's roles
 * do not allow it, the point is locked, or the unit is submitted or approved at the point; and —
 * for items with a version (texts, statuses) — with ::TERTIAL_ERR_CONFLICT when the item changed
 * since the version the caller read. Each accepted change appends one audit entry (who, on whose
 * behalf, when, what, before, after); a refused or failed change appends nothing. The unchecked
 * functions of the other headers stay for integrators that do their own authorisation. A round
 * bound to a store (tertial_store_bind_round()) has every change written there, in its own
 * transaction, before it takes effect in memory (store.h says what is checked and written).
 *
 * Roles are assigned on units and hold for the unit's whole subtree (as it stands in the
 * point's cut-off month):
 * | role      | may |
 * |-----------|-----|
 * | manager   | (budgetansvarig) read; change forecast, texts, measures, accruals of the subtree; report its internal control (round_control.h); submit its units |
 * | head      | (avdelnings-/sektor-/förvaltningschef) what a manager may, and approve or return the units strictly below the unit assigned (never the unit assigned: that is for the level above) |
 * | economist | (ekonom, controller) read everything; enter what a manager may on behalf of a person who is manager or head of the unit (recorded), never directly and never approvals; assigned on a root: also manage people, lock and unlock points, take snapshots |
 * | secretary | (nämndsekreterare) read the subtree; change the texts of the unit assigned (the committee's own texts) |
 * | reader    | (revisor, politician) read the subtree |
 *
 * Status per unit and point: not started → in progress → submitted (klarmarkerad) → approved, or
 * returned with a comment, which the next change of the unit's items makes in progress again. A
 * unit is submitted only when every child is submitted or approved. While a unit is submitted or
 * approved its own forecast, texts, measures and accruals at the point are read-only for everyone
 * (the head reviews what was submitted; a change needs the unit returned first).
 *
 * Approval follows the balance rule of the routine: when the unit's forecast deviation (Årets
 * budget − Årets prognos of its subtree at the point's cut-off, from the forecasts the model holds:
 * apply the forecast first; where a unit and row has none, the annual budget stands in and
 * deviates by 0) is negative beyond the materiality threshold of the unit's level, the approval
 * needs the approver's own subtree in balance, or decided/in-progress measures in the unit's
 * subtree whose expected effect covers the deviation, or an escalation with a comment.
 */
#ifndef TERTIAL_ROUND_H
#define TERTIAL_ROUND_H

#include <stdint.h>
#include <time.h>

#include "common.h"
#include "forecast.h"
#include "measures.h"
#include "model.h"
#include "snapshot.h"

TERTIAL_BEGIN_DECLS

/** The round of a model (opaque). */
typedef struct tertial_round tertial_round;

/** A person of the round's directory: a dense index. */
typedef uint32_t tertial_person_id;
/** No person. */
#define TERTIAL_NO_PERSON ((tertial_person_id)UINT32_MAX)

/** Give as the version read to overwrite an item without checking its version (integrators). */
#define TERTIAL_ANY_VERSION UINT64_MAX

/** Roles, as bits: a person may hold several on one unit. */
typedef enum tertial_role {
  TERTIAL_ROLE_MANAGER = 1,   /**< budgetansvarig */
  TERTIAL_ROLE_HEAD = 2,      /**< chef över ett delträd */
  TERTIAL_ROLE_ECONOMIST = 4, /**< ekonom, controller */
  TERTIAL_ROLE_SECRETARY = 8, /**< nämndsekreterare */
  TERTIAL_ROLE_READER = 16,   /**< läsare: revisor, förtroendevald */
} tertial_role;

/** What a person does; the gate decides by action, unit and point. */
typedef enum tertial_action {
  TERTIAL_ACTION_READ = 0,
  TERTIAL_ACTION_FORECAST,  /**< the forecast plan: methods, adjustments */
  TERTIAL_ACTION_TEXT,      /**< a text of the round */
  TERTIAL_ACTION_MEASURE,   /**< add a measure, change its status, feed it */
  TERTIAL_ACTION_ACCRUAL,   /**< add an accrual */
  TERTIAL_ACTION_SUBMIT,    /**< klarmarkera a unit */
  TERTIAL_ACTION_APPROVE,   /**< approve a submitted unit (or record it as escalated) */
  TERTIAL_ACTION_RETURN,    /**< return a submitted or approved unit with a comment */
  TERTIAL_ACTION_LOCK,      /**< lock or unlock a follow-up point */
  TERTIAL_ACTION_PEOPLE,    /**< add people, assign and remove roles */
  TERTIAL_ACTION_SNAPSHOT,  /**< freeze a point's forecast */
  TERTIAL_ACTION_GOAL,      /**< set a goal's status and comment at a point (goals.h) */
  TERTIAL_ACTION_CONTROL,   /**< report an internal control's result at a point (intcontrol.h) */
} tertial_action;

/** Who acts: a person, and when an economist enters for a manager, that manager. */
typedef struct tertial_actor {
  tertial_person_id person;       /**< who makes the change */
  tertial_person_id on_behalf_of; /**< ::TERTIAL_NO_PERSON, or the manager it is entered for */
} tertial_actor;

/** A person (borrowed from the round). */
typedef struct tertial_person {
  tertial_person_id id; /**< its index in the directory */
  const char *key;   /**< unique, e.g. the login or employee number */
  const char *name;  /**< display name */
  const char *email; /**< "" when none */
} tertial_person;

/** A role assignment (borrowed from the round). */
typedef struct tertial_assignment {
  tertial_person_id person; /**< who holds the role */
  tertial_role role;        /**< one role */
  tertial_unit_id unit; /**< the role holds for this unit's subtree */
} tertial_assignment;

/** The round of a model: made on first use, owned and freed by the model. NULL on NULL or out of memory. */
TERTIAL_API tertial_round *tertial_model_round(tertial_model *model);

/**
 * Set the clock the round stamps changes with (tests make it deterministic). It is asked once
 * per change, before the change is made; when it returns (time_t)-1 the change is refused with
 * ::TERTIAL_ERR_CANCELLED and nothing is changed. It must not call the round.
 * @param clock NULL for time(NULL). @param ctx passed to @p clock.
 * @return 0, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_set_clock(tertial_round *round, time_t (*clock)(void *ctx), void *ctx);

/* ---- people and roles ---- */

/**
 * Add a person to the directory (an unchecked call: the directory's first people are added
 * before anyone can act; see tertial_round_add_person_as()).
 * @param out_id receives the id (may be NULL). @param email may be NULL.
 * @return 0, ::TERTIAL_ERR_EXISTS (the key is taken), ::TERTIAL_ERR_INVALID (empty key or name, not
 *         UTF-8), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_round_add_person(tertial_person_id *out_id, tertial_round *round, const char *key,
                                         const char *name, const char *email);

/**
 * Add a person as @p actor (an economist on a root), recorded in the audit trail.
 * @return as tertial_round_add_person(), and ::TERTIAL_ERR_NOT_PERMITTED.
 */
TERTIAL_API int tertial_round_add_person_as(tertial_person_id *out_id, tertial_round *round,
                                            const tertial_actor *actor, const char *key, const char *name,
                                            const char *email);

/** Number of people in the directory. */
TERTIAL_API size_t tertial_round_person_count(const tertial_round *round);

/** Person @p id (borrowed), NULL if out of range. */
TERTIAL_API const tertial_person *tertial_round_person_at(const tertial_round *round, tertial_person_id id);

/**
 * Find a person by key.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_find_person(tertial_person_id *out_id, const tertial_round *round, const char *key);

/**
 * Give a person a role on a unit and its subtree (unchecked; see tertial_round_assign_as()).
 * Assigning a role the person already holds there changes nothing.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (person, unit), ::TERTIAL_ERR_INVALID (not one role bit),
 *         ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_round_assign(tertial_round *round, tertial_person_id person, tertial_role role,
                                     tertial_unit_id unit);

/**
 * Give a role as @p actor (an economist on a root), recorded in the audit trail.
 * @return as tertial_round_assign(), and ::TERTIAL_ERR_NOT_PERMITTED.
 */
TERTIAL_API int tertial_round_assign_as(tertial_round *round, const tertial_actor *actor, tertial_person_id person,
                                        tertial_role role, tertial_unit_id unit);

/**
 * Take a role away as @p actor (an economist on a root), recorded in the audit trail.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no such assignment), ::TERTIAL_ERR_NOT_PERMITTED,
 *         ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_round_unassign_as(tertial_round *round, const tertial_actor *actor,
                                          tertial_person_id person, tertial_role role, tertial_unit_id unit);

/** Number of role assignments. */
TERTIAL_API size_t tertial_round_assignment_count(const tertial_round *round);

/** Assignment @p index (borrowed), NULL if out of range. */
TERTIAL_API const tertial_assignment *tertial_round_assignment_at(const tertial_round *round, size_t index);

/**
 * The roles a person holds on a unit: the bits of every assignment on the unit or an ancestor
 * as the organisation stands in @p period (yyyymm).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (person, unit), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_roles(unsigned *out, const tertial_round *round, tertial_person_id person,
                                    tertial_unit_id unit, int period);

/**
 * Import people and role assignments from CSV text, all or nothing. The first line names the
 * columns: `key` and `name` are required, `email`, `role` and `unit` (a unit code) optional
 * (role and unit together); fields are separated by `;` or `,` (the header's choice), may be
 * quoted with double quotes; UTF-8 with or without a byte-order mark. A line adds its person unless the key
 * is known (then the name must be the same or empty) and, with a role, assigns it. Roles: manager
 * (budgetansvarig), head (chef), economist (ekonom), secretary (sekreterare), reader (läsare).
 * @param actor an economist on a root; NULL only while the directory is empty (bootstrapping).
 * @param source named in messages ("people.csv:4: ...").
 * @return 0, ::TERTIAL_ERR_PARSE (a malformed line: nothing changes), ::TERTIAL_ERR_NOT_PERMITTED,
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_people_parse(tertial_round *round, const tertial_actor *actor, const char *text,
                                           const char *source);

/**
 * Whether @p actor may do @p action on @p unit at follow-up point @p point_code, by the table in
 * round.h, the lock of the point and the unit's status there (a submitted or approved unit's
 * items are read-only). @p unit is ::TERTIAL_NO_UNIT for LOCK, PEOPLE and SNAPSHOT; @p point_code
 * may be NULL for READ and PEOPLE.
 * @return 0; ::TERTIAL_ERR_NOT_PERMITTED with a message naming the person (key and name), the
 *         action, the unit (code and name), the point and why; ::TERTIAL_ERR_INVALID (a person not
 *         in the directory, NULL); ::TERTIAL_ERR_NOT_FOUND (unit, point).
 */
TERTIAL_API int tertial_round_may(tertial_round *round, const tertial_actor *actor, tertial_action action,
                                  tertial_unit_id unit, const char *point_code);

/** The action in words ("change the forecast", ...); NULL if unknown. */
TERTIAL_API const char *tertial_action_name(tertial_action action);

/* ---- texts ---- */

/** Kinds of texts of a unit at a point. */
typedef enum tertial_text_kind {
  TERTIAL_TEXT_SUMMARY = 0,     /**< Sammanfattning */
  TERTIAL_TEXT_ANALYSIS = 1,    /**< Ekonomisk analys och prognos */
  TERTIAL_TEXT_ROW_COMMENT = 2, /**< a comment on one report row (by row code) */
} tertial_text_kind;

/** One version of a text (borrowed from the round). */
typedef struct tertial_text_version {
  const char *text;               /**< UTF-8, any length */
  tertial_person_id person;       /**< who wrote it */
  tertial_person_id on_behalf_of; /**< ::TERTIAL_NO_PERSON or the manager it was entered for */
  time_t when;                    /**< the round's clock */
  uint64_t version;               /**< 1 for the first */
} tertial_text_version;

/**
 * Set a text as @p actor, against the version the caller read.
 * @param row_code a report row of the model's mapping for ::TERTIAL_TEXT_ROW_COMMENT, else NULL.
 * @param version_read 0 when the text does not exist yet, the version read, or ::TERTIAL_ANY_VERSION.
 * @param out_version receives the new version (may be NULL).
 * @return 0, ::TERTIAL_ERR_CONFLICT (the text moved on: the message names who changed it last and
 *         when), ::TERTIAL_ERR_NOT_PERMITTED, ::TERTIAL_ERR_INVALID (not UTF-8, NULL, kind),
 *         ::TERTIAL_ERR_NOT_FOUND (unit, point, row), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_round_text_set_as(tertial_round *round, const tertial_actor *actor, tertial_unit_id unit,
                                          const char *point_code, tertial_text_kind kind, const char *row_code,
                                          const char *text, uint64_t version_read, uint64_t *out_version);

/**
 * The current version of a text (borrowed), NULL when it does not exist (its version is 0).
 */
TERTIAL_API const tertial_text_version *tertial_round_text(const tertial_round *round, tertial_unit_id unit,
                                                           const char *point_code, tertial_text_kind kind,
                                                           const char *row_code);

/** Number of versions of a text (0 when it does not exist). */
TERTIAL_API size_t tertial_round_text_history_count(const tertial_round *round, tertial_unit_id unit,
                                                    const char *point_code, tertial_text_kind kind,
                                                    const char *row_code);

/** Version @p index (0 = the first) of a text (borrowed), NULL if out of range. */
TERTIAL_API const tertial_text_version *tertial_round_text_history_at(const tertial_round *round,
                                                                      tertial_unit_id unit, const char *point_code,
                                                                      tertial_text_kind kind, const char *row_code,
                                                                      size_t index);

/* ---- status up the line ---- */

/** The status of a unit at a point. */
typedef enum tertial_status {
  TERTIAL_STATUS_NOT_STARTED = 0, /**< ej påbörjad */
  TERTIAL_STATUS_IN_PROGRESS = 1, /**< pågår */
  TERTIAL_STATUS_SUBMITTED = 2,   /**< klarmarkerad */
  TERTIAL_STATUS_APPROVED = 3,    /**< godkänd */
  TERTIAL_STATUS_RETURNED = 4,    /**< återsänd */
} tertial_status;

/** Number of statuses. */
#define TERTIAL_STATUS_COUNT 5

/** A unit's status at a point. */
typedef struct tertial_unit_status {
  tertial_status status;          /**< where the unit stands */
  int escalated;                  /**< approved and escalated to the next level (balance rule) */
  uint64_t version;               /**< 0 while never changed; +1 per change */
  tertial_person_id person;       /**< who changed it last (::TERTIAL_NO_PERSON when never) */
  tertial_person_id on_behalf_of; /**< for whom */
  time_t when;                    /**< when */
  const char *comment;            /**< the comment of the last change ("" if none; borrowed) */
} tertial_unit_status;

/** The status's name in English ("not started", ...); NULL if unknown. */
TERTIAL_API const char *tertial_status_name(tertial_status status);

/**
 * A unit's status at a point.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit, point), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_status(tertial_unit_status *out, tertial_round *round, tertial_unit_id unit,
                                     const char *point_code);

/**
 * Submit (klarmarkera) a unit as @p actor: it must be not started, in progress or returned, and
 * every child (as the organisation stands at the point's cut-off) submitted or approved.
 * @param version_read the status's version the caller read, or ::TERTIAL_ANY_VERSION.
 * @return 0, ::TERTIAL_ERR_STATE (already submitted or approved; children not submitted: the
 *         message lists them), ::TERTIAL_ERR_CONFLICT, ::TERTIAL_ERR_NOT_PERMITTED,
 *         ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_submit_as(tertial_round *round, const tertial_actor *actor, tertial_unit_id unit,
                                        const char *point_code, uint64_t version_read, const char *comment);

/**
 * Approve a submitted unit as @p actor (a head above it), by the balance rule (round.h). With
 * @p escalate 1 and a comment the approval of a deviation the rule does not cover is recorded as
 * escalated to the next level.
 * @return 0, ::TERTIAL_ERR_STATE (not submitted; the balance rule refuses: the message gives the
 *         deviation, the threshold, the approver's subtree's deviation and the measures' effect;
 *         escalation without a comment), ::TERTIAL_ERR_CONFLICT, ::TERTIAL_ERR_NOT_PERMITTED,
 *         ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_approve_as(tertial_round *round, const tertial_actor *actor, tertial_unit_id unit,
                                         const char *point_code, uint64_t version_read, int escalate,
                                         const char *comment);

/**
 * Return a submitted or approved unit as @p actor (a head above it) with a comment (required).
 * @return 0, ::TERTIAL_ERR_STATE, ::TERTIAL_ERR_CONFLICT, ::TERTIAL_ERR_NOT_PERMITTED,
 *         ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (no comment).
 */
TERTIAL_API int tertial_round_return_as(tertial_round *round, const tertial_actor *actor, tertial_unit_id unit,
                                        const char *point_code, uint64_t version_read, const char *comment);

/**
 * The materiality threshold of an organisation level: a negative deviation up to the larger of
 * @p amount öre and @p per_mille ‰ of the unit's annual budget (absolute) needs no decision by the
 * balance rule. Default 0 and 0 (any negative deviation counts).
 * @return 0, ::TERTIAL_ERR_RANGE (a negative amount, per mille outside 0..1000, no such level),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_set_threshold(tertial_round *round, int level, int64_t amount, int per_mille);

/* ---- the lock ---- */

/**
 * Lock (@p locked 1) or unlock (0) a follow-up point as @p actor (an economist on a root). While a
 * point is locked every change for it by anyone is refused with ::TERTIAL_ERR_NOT_PERMITTED.
 * @return 0, ::TERTIAL_ERR_STATE (already so), ::TERTIAL_ERR_NOT_PERMITTED, ::TERTIAL_ERR_NOT_FOUND,
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_lock_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                      int locked);

/**
 * Whether a point is locked (1) or not (0), and by whom and since when (either may be NULL).
 * @return 1, 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_is_locked(const tertial_round *round, const char *point_code,
                                        tertial_person_id *out_by, time_t *out_since);

/* ---- the checked changes of the round (each through the gate) ---- */

/**
 * tertial_forecast_add_adjustment() as @p actor for a point (the plan's cut-off is the point's
 * for the call, so a frozen point refuses with ::TERTIAL_ERR_STATE).
 * @param out_index receives the adjustment's index (may be NULL).
 */
TERTIAL_API int tertial_round_adjustment_add_as(size_t *out_index, tertial_round *round, const tertial_actor *actor,
                                                const char *point_code, tertial_unit_id unit, const char *row_code,
                                                int64_t amount, tertial_adjustment_kind kind, const char *reason);

/** tertial_forecast_remove_adjustment() as @p actor for a point (the adjustment's unit decides). */
TERTIAL_API int tertial_round_adjustment_remove_as(tertial_round *round, const tertial_actor *actor,
                                                   const char *point_code, size_t index);

/** tertial_forecast_set_method() as @p actor for a point. */
TERTIAL_API int tertial_round_method_set_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                            tertial_unit_id unit, const char *row_code,
                                            tertial_forecast_method method, int run_rate_months);

/** tertial_measure_add() as @p actor for a point. */
TERTIAL_API int tertial_round_measure_add_as(size_t *out_index, tertial_round *round, const tertial_actor *actor,
                                             const char *point_code, tertial_unit_id unit, const char *row_code,
                                             const char *description, const char *cause, int64_t effect,
                                             const char *consequence, tertial_date due);

/** tertial_measure_set_status() as @p actor for a point (the measure's unit decides). */
TERTIAL_API int tertial_round_measure_set_status_as(tertial_round *round, const tertial_actor *actor,
                                                    const char *point_code, size_t index,
                                                    tertial_measure_status status, const char *follow_up);

/** tertial_measure_feed_forecast() as @p actor for a point. */
TERTIAL_API int tertial_round_measure_feed_as(tertial_round *round, const tertial_actor *actor,
                                              const char *point_code, size_t index);

/** tertial_measure_set_goal() as @p actor for a point (the measure's unit decides): linking a
 * measure to the goal it serves is a change of the measure, recorded in the log with the goal
 * before and after. */
TERTIAL_API int tertial_round_measure_set_goal_as(tertial_round *round, const tertial_actor *actor,
                                                  const char *point_code, size_t index, const char *goal_code);

/** tertial_measure_set_kind() as @p actor for a point (the measure's unit decides), logged as a
 * change of the measure. */
TERTIAL_API int tertial_round_measure_set_kind_as(tertial_round *round, const tertial_actor *actor,
                                                  const char *point_code, size_t index, tertial_measure_kind kind);

/** tertial_accrual_add() as @p actor for a point. */
TERTIAL_API int tertial_round_accrual_add_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                             tertial_unit_id unit, const char *account_number, int month,
                                             int64_t amount, const char *reason);

/** tertial_snapshot_take() of the point as @p actor (an economist on a root). */
TERTIAL_API int tertial_round_snapshot_take_as(tertial_round *round, const tertial_actor *actor,
                                               const char *point_code, tertial_date taken_on);

/* ---- the audit trail ---- */

/** One audit entry (borrowed from the round). Entries are only ever appended. */
typedef struct tertial_audit_entry {
  uint64_t seq;                   /**< 1, 2, ... */
  time_t when;                    /**< the round's clock */
  tertial_person_id person;       /**< who made the change */
  tertial_person_id on_behalf_of; /**< ::TERTIAL_NO_PERSON when none */
  tertial_action action;          /**< what kind of change */
  tertial_unit_id unit;           /**< ::TERTIAL_NO_UNIT for a point's lock, people, snapshots */
  const char *point;              /**< the point's code, "" for people */
  const char *item;               /**< e.g. "text summary", "status", "adjustment 3" */
  const char *before;             /**< the value before, as text ("" when new) */
  const char *after;              /**< the value after, as text */
} tertial_audit_entry;

/** Number of audit entries. */
TERTIAL_API size_t tertial_round_audit_count(const tertial_round *round);

/** Audit entry @p index (borrowed), NULL if out of range. */
TERTIAL_API const tertial_audit_entry *tertial_round_audit_at(const tertial_round *round, size_t index);

/** What an audit query selects; every field may be left open. */
typedef struct tertial_audit_filter {
  tertial_unit_id unit;     /**< ::TERTIAL_NO_UNIT: any */
  int subtree;              /**< 1: the unit and its subtree (as the organisation stands at the year's end) */
  tertial_person_id person; /**< ::TERTIAL_NO_PERSON: any; else who acted or on whose behalf */
  const char *point;        /**< NULL: any */
  time_t from;              /**< from ≤ when; 0: open */
  time_t to;                /**< when < to; 0: open */
} tertial_audit_filter;

/** A filter that selects everything. */
#define TERTIAL_AUDIT_FILTER_ALL { TERTIAL_NO_UNIT, 0, TERTIAL_NO_PERSON, NULL, 0, 0 }

/**
 * The indices of the audit entries a filter selects, in order.
 * @param out receives a malloc'ed array (free with tertial_free(); NULL when none).
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_audit_query(size_t **out, size_t *out_n, const tertial_round *round,
                                          const tertial_audit_filter *filter);

/* ---- progress ---- */

/** Progress of one organisation level at a point. */
typedef struct tertial_level_progress {
  int level;                           /**< index into the organisation's levels */
  size_t units;                        /**< units of that level under the root */
  size_t count[TERTIAL_STATUS_COUNT];  /**< of them, in each ::tertial_status */
} tertial_level_progress;

/**
 * Progress per level of the subtree under @p root at a point ("214 of 301 units submitted": the
 * submitted count plus the approved).
 * @param out receives a malloc'ed array with one entry per level of the organisation (free with
 *        tertial_free()). @param out_n receives its length.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_progress(tertial_level_progress **out, size_t *out_n, tertial_round *round,
                                       tertial_unit_id root, const char *point_code);

/**
 * The units under @p root (pre-order) not yet submitted or approved at a point.
 * @param out receives a malloc'ed array (free with tertial_free(); NULL when none).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_not_submitted(tertial_unit_id **out, size_t *out_n, tertial_round *round,
                                            tertial_unit_id root, const char *point_code);

/* ---- deadlines: what is due, who is late ---- */

/** One thing due at a follow-up point (see tertial_round_due()). */
typedef struct tertial_due {
  tertial_unit_id unit;    /**< the unit */
  tertial_action action;   /**< ::TERTIAL_ACTION_SUBMIT (the unit's managers klarmarkera it) or
                                ::TERTIAL_ACTION_APPROVE (the head above approves or returns it) */
  tertial_date deadline;   /**< its deadline */
  tertial_status status;   /**< the unit's status now */
  int late;                /**< 1 when the deadline is before the date asked about */
} tertial_due;

/**
 * What is due at a follow-up point by a date, and what is late on it: for every unit under
 * @p root (pre-order, as the organisation stands in the point's cut-off month) that is not yet
 * submitted or approved, its submission, due by the deadline of the unit's organisation level
 * (tertial_calendar_level_deadline()); for every submitted unit, its approval, due by the
 * deadline of its parent's level (the level above reviews before its own deadline; a root's
 * approval is the committee's and is not listed). Only what is due on or before @p date is
 * listed; `late` marks what was due before it.
 *
 * With a person, only what that person is responsible for: a submission when the person is a
 * manager or head assigned on the nearest unit at or above the unit that has a manager or head;
 * an approval when the person is a head assigned on the nearest unit strictly above that has a
 * head.
 * @param person a person, or ::TERTIAL_NO_PERSON for everyone's.
 * @param root the subtree, or ::TERTIAL_NO_UNIT for the whole organisation.
 * @param out receives a malloc'ed array (free with tertial_free(); NULL when none).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (point, unit or person), ::TERTIAL_ERR_RANGE (a date that
 *         is not one), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_round_due(tertial_due **out, size_t *out_n, tertial_round *round, tertial_person_id person,
                                  tertial_unit_id root, const char *point_code, tertial_date date);

TERTIAL_END_DECLS

#endif
