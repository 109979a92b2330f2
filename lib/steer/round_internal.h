/* Internal: the model owns its round (round.c makes it on first use and frees it); a store bound
 * to the round writes every change of it (store.c), and loads a round back. */
#ifndef TERTIAL_ROUND_INTERNAL_H
#define TERTIAL_ROUND_INTERNAL_H

#include "internal.h"

typedef struct tertial__round tertial__round;
void tertial__round_free(tertial__round *round);

/* ---- the hook: what a change of the round writes ---- */

typedef enum tertial__rw_kind {
  TERTIAL__RW_PERSON,    /* people[0] is new */
  TERTIAL__RW_ASSIGN,    /* roles[0] is given (already held: nothing to write) */
  TERTIAL__RW_UNASSIGN,  /* roles[0] is taken away */
  TERTIAL__RW_IMPORT,    /* people are new, roles given */
  TERTIAL__RW_TEXT,      /* a new version of a text */
  TERTIAL__RW_STATUS,    /* a unit's status at a point */
  TERTIAL__RW_LOCK,      /* a point's lock */
  TERTIAL__RW_THRESHOLD, /* a level's materiality threshold */
  TERTIAL__RW_PLAN,      /* a change of the model: a unit's forecast plan items (rules, adjustments,
                            measures, accruals) as the model now holds them */
  TERTIAL__RW_SNAPSHOT,  /* a change of the model: the point's snapshot, just taken */
  TERTIAL__RW_GOAL,      /* a change of the model: a goal's status at the point, just set */
  TERTIAL__RW_CONTROL,   /* an internal control's result at the point (a new version) */
} tertial__rw_kind;

typedef struct tertial__rw_person {
  const char *key, *name, *email;
} tertial__rw_person;

typedef struct tertial__rw_role {
  const char *person; /* key */
  tertial_role role;
  tertial_unit_id unit;
} tertial__rw_role;

/* One change of the round as the rows it writes. round.c fills it in the gate before the change
 * takes effect in memory; the bound store writes it in one transaction, checking the versions the
 * change was made against in the database, and fills the out fields. */
typedef struct tertial__round_write {
  tertial__rw_kind kind;
  tertial_unit_id unit; /* TERTIAL_NO_UNIT: none */
  const char *point;    /* NULL: none */
  time_t when;
  const char *person, *on_behalf_of; /* keys of who acts; NULL (unchecked calls, no one for) */
  const tertial__rw_person *people;
  size_t npeople;
  const tertial__rw_role *roles;
  size_t nroles;
  tertial_text_kind text_kind; /* TEXT */
  const char *row, *text;      /* TEXT: the row ("" for none) and the text; STATUS: text is the comment */
  tertial_status status;       /* STATUS */
  int escalated;
  int locked;                  /* LOCK: the lock after; the point was the other way as this round holds it */
  int level;                   /* THRESHOLD */
  int64_t amount;
  int per_mille;
  uint64_t version_read; /* TEXT, STATUS, GOAL: the item's version read, or TERTIAL_ANY_VERSION */
  uint32_t goal;         /* GOAL: the goal's id */
  const tertial_control_result *control; /* CONTROL: the result (version_read is checked) */
  /* a change of a unit's items at a point: the unit's status version as this round holds it (checked:
   * a unit submitted elsewhere is read-only), and whether the change moves it to in progress */
  int guard_status;
  uint64_t status_version;
  int move;
  const tertial_audit_entry *audit[2]; /* the entries (seq not yet known) */
  size_t naudit;
  /* out */
  uint64_t version;      /* TEXT, STATUS, CONTROL: the version written */
  uint64_t move_version; /* the status's version after the move */
  uint64_t seq[2];       /* the audit entries' sequence numbers */
} tertial__round_write;

/* A store bound to a round: write() writes a change (0, or an error and nothing written);
 * round_freed() is called when the round is freed (the model is), so the store forgets it. */
typedef struct tertial__round_hook {
  int (*write)(void *ctx, tertial__round_write *w);
  /* A change of the model (PLAN, SNAPSHOT) is made in memory by the function it calls, so the
   * store checks it first: begin() opens the store's transaction and checks the lock, the unit's
   * status and the versions the model read (0, or an error and no transaction); the change is then
   * made in memory; write() writes it and commits, or abort() ends the transaction when the change
   * failed in memory. */
  int (*begin)(void *ctx, tertial__round_write *w);
  void (*abort)(void *ctx);
  void (*round_freed)(void *ctx, tertial__round *round);
  void *ctx;
} tertial__round_hook;

/* Bind (hook) or unbind (NULL) a store; the hook is copied. */
void tertial__round_set_hook(tertial__round *r, const tertial__round_hook *hook);
/* The bound hook's context, NULL when none. */
void *tertial__round_hook_ctx(const tertial__round *r);
/* Whether the round holds nothing (no people, roles, texts, statuses, locks, thresholds, audit). */
int tertial__round_is_empty(const tertial__round *r);
/* The store file the round was loaded from or bound to (0 0: none). */
void tertial__round_origin(const tertial__round *r, uint64_t *dev, uint64_t *ino);
void tertial__round_set_origin(tertial__round *r, uint64_t dev, uint64_t ino);

/* ---- loading a round as stored (no checks of the rules, no audit entries) ---- */

int tertial__round_load_person(tertial__round *r, const char *key, const char *name, const char *email);
int tertial__round_load_role(tertial__round *r, const char *person, tertial_role role, tertial_unit_id unit);
int tertial__round_load_text(tertial__round *r, tertial_unit_id unit, const char *point, tertial_text_kind kind,
                             const char *row, const char *text, const char *person, const char *on_behalf_of,
                             time_t when, uint64_t version);
int tertial__round_load_status(tertial__round *r, tertial_unit_id unit, const char *point, tertial_status status,
                               int escalated, uint64_t version, const char *person, const char *on_behalf_of,
                               time_t when, const char *comment);
int tertial__round_load_lock(tertial__round *r, const char *point, int locked, const char *person, time_t since);
int tertial__round_load_audit(tertial__round *r, uint64_t seq, time_t when, const char *person,
                              const char *on_behalf_of, tertial_action action, tertial_unit_id unit, const char *point,
                              const char *item, const char *before, const char *after);

/* A control's result at a point as reported through the round (ic_report): it replaces the
 * result the round's internal control holds; a control no longer in the plan is left out (its
 * rows stay in the store). */
int tertial__round_load_control(tertial__round *r, const tertial_control_result *result, uint64_t version,
                                const char *person, const char *on_behalf_of, time_t when);

/* Everything the round holds, in the order a load puts it back: people (by id), role
 * assignments, thresholds set, points' locks, statuses that changed (version > 0), every version
 * of every text, audit entries, the controls' results reported through the round. A callback's error stops the walk and is returned. */
typedef struct tertial__round_visit {
  int (*person)(void *ctx, const tertial_person *p);
  int (*role)(void *ctx, const tertial_assignment *a);
  int (*threshold)(void *ctx, int level, int64_t amount, int per_mille);
  int (*lock)(void *ctx, const char *point, int locked, tertial_person_id by, time_t since);
  int (*status)(void *ctx, const char *point, tertial_unit_id unit, const tertial_unit_status *st);
  int (*text)(void *ctx, const char *point, tertial_unit_id unit, tertial_text_kind kind, const char *row,
              const tertial_text_version *v);
  int (*audit)(void *ctx, const tertial_audit_entry *e);
  /* a control's result reported through the round (its latest version: the round keeps no older) */
  int (*report)(void *ctx, const tertial_control_result *x, const tertial_control_report *rep);
  void *ctx;
} tertial__round_visit;
int tertial__round_visit_all(const tertial__round *r, const tertial__round_visit *v);

#endif
