/* The follow-up round: people, roles, texts, statuses, the lock and the audit trail. Every
 * change of the round passes gate(): role (may_at), lock, version, the change prepared, the
 * bound store's write (its own small transaction), the change made, the audit entry. */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"
#include "internal.h"
#include "model_internal.h"
#include "org_internal.h"
#include "plan_internal.h"
#include "round_internal.h"
#include <tertial/goals.h>
#include "strmap.h"
#include "u64map.h"

typedef struct person_rec {
  tertial_person pub;
  char *key, *name, *email;
} person_rec;

typedef struct text_rec {
  char *key; /* "unit/point/kind/row": the map's key */
  tertial_text_version *versions;
  size_t n, cap;
} text_rec;

typedef struct status_rec {
  tertial_unit_status pub;
  char *comment;
} status_rec;

typedef struct point_rec {
  char *code;
  int locked;
  tertial_person_id by;
  time_t since;
} point_rec;

typedef struct audit_rec {
  tertial_audit_entry pub;
  char *point, *item, *before, *after;
} audit_rec;

/* A control's result at a point as reported through the round: its version, who, when. */
typedef struct control_rec {
  char *control, *point;
  tertial_control_report pub;
} control_rec;

typedef struct threshold {
  int64_t amount;
  int per_mille;
} threshold;

struct tertial__round {
  tertial_model *model;
  time_t (*clock)(void *ctx);
  void *clock_ctx;
  person_rec *people;
  size_t npeople, cap_people;
  tertial_strmap people_by_key;
  tertial_assignment *assignments;
  size_t nassign, cap_assign;
  text_rec **texts;
  size_t ntexts, cap_texts;
  tertial_strmap texts_by_key;
  status_rec **statuses;
  size_t nstatuses, cap_statuses;
  tertial_u64map status_by_key; /* point << 32 | unit -> index */
  point_rec *points;
  size_t npoints, cap_points;
  audit_rec **audit;
  size_t naudit, cap_audit;
  threshold *thresholds;
  size_t nthresholds;
  tertial__round_hook hook; /* the bound store (write NULL: none) */
  /* every unit's children as the organisation stood at kids_period in revision kids_revision (a
   * submission looks at the unit's children; building them for each was most of its cost) */
  size_t *kids_first;
  tertial_unit_id *kids;
  int kids_period;
  unsigned long kids_revision;
  size_t kids_units;
  /* each person's assignments (indices), as of assign_rev: a role check looks at one person's few */
  uint32_t *pa_first, *pa;
  size_t pa_people, pa_cap;
  unsigned long pa_rev, assign_rev;
  int pa_built;
  /* a change of the model was made in memory but the bound store failed to write it: the model
   * and the store differ, and every further change is refused until the year is loaded again */
  int diverged;
  uint64_t origin_dev, origin_ino;
  /* internal control followed up through the round: the year's analysis and plan (owned), and the
   * version of every result reported through the round */
  tertial_intcontrol *ic;
  control_rec *reports;
  size_t nreports, cap_reports;
};

/* ---- the round's life ---- */

void tertial__round_free(tertial__round *r)
{
  if (!r)
    return;
  if (r->hook.round_freed)
    r->hook.round_freed(r->hook.ctx, r);
  free(r->kids_first);
  free(r->kids);
  free(r->pa_first);
  free(r->pa);
  for (size_t i = 0; i < r->npeople; i++) {
    free(r->people[i].key);
    free(r->people[i].name);
    free(r->people[i].email);
  }
  free(r->people);
  tertial__strmap_free(&r->people_by_key);
  free(r->assignments);
  for (size_t i = 0; i < r->ntexts; i++) {
    for (size_t j = 0; j < r->texts[i]->n; j++)
      free((char *)r->texts[i]->versions[j].text);
    free(r->texts[i]->versions);
    free(r->texts[i]->key);
    free(r->texts[i]);
  }
  free(r->texts);
  tertial__strmap_free(&r->texts_by_key);
  for (size_t i = 0; i < r->nstatuses; i++) {
    free(r->statuses[i]->comment);
    free(r->statuses[i]);
  }
  free(r->statuses);
  tertial__u64map_free(&r->status_by_key);
  for (size_t i = 0; i < r->npoints; i++)
    free(r->points[i].code);
  free(r->points);
  for (size_t i = 0; i < r->naudit; i++) {
    audit_rec *a = r->audit[i];
    free(a->point);
    free(a->item);
    free(a->before);
    free(a->after);
    free(a);
  }
  free(r->audit);
  free(r->thresholds);
  tertial_intcontrol_free(r->ic);
  for (size_t i = 0; i < r->nreports; i++) {
    free(r->reports[i].control);
    free(r->reports[i].point);
  }
  free(r->reports);
  free(r);
}

tertial_round *tertial_model_round(tertial_model *model)
{
  if (!model)
    return NULL;
  tertial__round *r = tertial__model_round(model);
  if (!r) {
    r = tertial__calloc(1, sizeof *r);
    if (!r)
      return NULL;
    r->model = model;
    tertial__model_set_round(model, r);
  }
  return (tertial_round *)r;
}

#define R(round) ((tertial__round *)(round))

void tertial__round_set_hook(tertial__round *r, const tertial__round_hook *hook)
{
  r->hook = hook ? *hook : (tertial__round_hook){NULL, NULL, NULL, NULL, NULL};
}

void *tertial__round_hook_ctx(const tertial__round *r)
{
  return r->hook.write ? r->hook.ctx : NULL;
}

int tertial__round_is_empty(const tertial__round *r)
{
  return !r->npeople && !r->nassign && !r->ntexts && !r->nstatuses && !r->npoints && !r->naudit && !r->nthresholds &&
         !r->nreports;
}

void tertial__round_origin(const tertial__round *r, uint64_t *dev, uint64_t *ino)
{
  *dev = r->origin_dev;
  *ino = r->origin_ino;
}

void tertial__round_set_origin(tertial__round *r, uint64_t dev, uint64_t ino)
{
  r->origin_dev = dev;
  r->origin_ino = ino;
}

int tertial_round_set_clock(tertial_round *round, time_t (*clock)(void *ctx), void *ctx)
{
  if (!round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_set_clock: NULL round");
  R(round)->clock = clock;
  R(round)->clock_ctx = ctx;
  return 0;
}

static time_t now_of(const tertial__round *r)
{
  return r->clock ? r->clock(r->clock_ctx) : time(NULL);
}

/* A time as "2026-05-12 14:05" (UTC) for messages and audit texts. */
static const char *time_text(char buf[32], time_t t)
{
  struct tm tm;
  if (!gmtime_r(&t, &tm) || strftime(buf, 32, "%Y-%m-%d %H:%M", &tm) == 0)
    snprintf(buf, 32, "%lld", (long long)t);
  return buf;
}

static const char *kr_text(char buf[40], int64_t ore)
{
  if (tertial_money_format(buf, 40, ore, TERTIAL_UNIT_KR, 0) < 0)
    snprintf(buf, 40, "%lld öre", (long long)ore);
  return buf;
}

/* ---- names for messages ---- */

static const char *action_words[] = {
  "read", "change the forecast", "change the texts", "change the measures", "add accruals", "submit",
  "approve", "return", "lock or unlock", "manage people and roles", "freeze the forecast",
  "set the goals' statuses", "report the internal control",
};

const char *tertial_action_name(tertial_action action)
{
  return (unsigned)action < sizeof action_words / sizeof *action_words ? action_words[action] : NULL;
}

static const char *status_words[] = {"not started", "in progress", "submitted", "approved", "returned"};

const char *tertial_status_name(tertial_status status)
{
  return (unsigned)status < TERTIAL_STATUS_COUNT ? status_words[status] : NULL;
}

static const char *text_kind_words[] = {"summary", "analysis", "comment"};

/* "anna (Anna Andersson)" */
static int person_text(tertial_strbuf *sb, const tertial__round *r, tertial_person_id p)
{
  if (p >= r->npeople)
    return tertial__sb_append(sb, "nobody");
  return tertial__sb_printf(sb, "%s (%s)", r->people[p].key, r->people[p].name);
}

/* "6410 (HVB barn och unga)" */
static int unit_text(tertial_strbuf *sb, const tertial__round *r, tertial_unit_id u)
{
  const tertial_org *org = tertial_model_org(r->model);
  return tertial__sb_printf(sb, "%s (%s)", tertial__unit_code(org, u), tertial__unit_name(org, u));
}

/* Record an error whose message was built in sb (freed here). */
static int fail_sb(int code, tertial_strbuf *sb)
{
  int rc = tertial__error(code, "%s", sb->data ? sb->data : tertial_strerror(code));
  tertial__sb_clear(sb);
  return rc;
}

/* ---- points ---- */

typedef struct point_info {
  const char *code;
  int cutoff, period;
  long index; /* in r->points, -1 while the round has not met the point */
} point_info;

static long point_index_of(const tertial__round *r, const char *code)
{
  for (size_t i = 0; i < r->npoints; i++)
    if (strcmp(r->points[i].code, code) == 0)
      return (long)i;
  return -1;
}

/* The point of the model's calendar; NOT_FOUND for a code it does not have. */
static int point_of(point_info *out, const tertial__round *r, const char *code)
{
  const tertial_calendar *cal = tertial_model_calendar(r->model);
  size_t idx;
  if (!code || tertial_calendar_find_point(&idx, cal, code) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no follow-up point \"%s\" in the calendar", code ? code : "");
  out->code = tertial_calendar_point(cal, idx)->code;
  out->cutoff = tertial_calendar_point(cal, idx)->cutoff;
  tertial_fiscal_year_period(&out->period, tertial_model_fiscal_year(r->model), out->cutoff - 1);
  out->index = point_index_of(r, code);
  return 0;
}

/* The period roles and statuses are read in when no point is named: the year's last month. */
static int year_end_period(const tertial__round *r)
{
  int period;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(r->model), 11);
  return period;
}

/* Make the round know the point (for locks, statuses and texts). */
static int point_intern(tertial__round *r, point_info *pt)
{
  if (pt->index >= 0)
    return 0;
  char *code = tertial__strdup(pt->code);
  if (!code || tertial__grow((void **)&r->points, &r->cap_points, r->npoints + 1, sizeof *r->points) < 0) {
    free(code);
    return TERTIAL_ERR_NOMEM;
  }
  r->points[r->npoints] = (point_rec){code, 0, TERTIAL_NO_PERSON, 0};
  pt->index = (long)r->npoints++;
  return 0;
}

/* ---- statuses ---- */

static status_rec *status_find(const tertial__round *r, long point, tertial_unit_id unit)
{
  uint32_t idx;
  if (point < 0 || !tertial__u64map_get(&r->status_by_key, (uint64_t)point << 32 | unit, &idx))
    return NULL;
  return r->statuses[idx];
}

static int status_make(status_rec **out, tertial__round *r, long point, tertial_unit_id unit)
{
  if ((*out = status_find(r, point, unit)))
    return 0;
  status_rec *s = tertial__calloc(1, sizeof *s);
  if (!s || tertial__grow((void **)&r->statuses, &r->cap_statuses, r->nstatuses + 1, sizeof *r->statuses) < 0 ||
      tertial__u64map_put(&r->status_by_key, (uint64_t)point << 32 | unit, (uint32_t)r->nstatuses) < 0) {
    free(s);
    return tertial__nomem("round status");
  }
  s->pub = (tertial_unit_status){TERTIAL_STATUS_NOT_STARTED, 0, 0, TERTIAL_NO_PERSON, TERTIAL_NO_PERSON, 0, ""};
  r->statuses[r->nstatuses++] = s;
  *out = s;
  return 0;
}

static tertial_status status_at(const tertial__round *r, long point, tertial_unit_id unit)
{
  const status_rec *s = status_find(r, point, unit);
  return s ? s->pub.status : TERTIAL_STATUS_NOT_STARTED;
}

/* ---- people and roles ---- */

static int check_person(const tertial__round *r, tertial_person_id p, const char *what)
{
  if (p >= r->npeople)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: no person with id %u in the directory", what, (unsigned)p);
  return 0;
}

static int valid_text(const char *s)
{
  return s && g_utf8_validate(s, -1, NULL);
}

/* Add a person; the checks are the caller's (key free, texts valid). */
static int person_put(tertial_person_id *out_id, tertial__round *r, const char *key, const char *name,
                      const char *email)
{
  person_rec p = {{0}, tertial__strdup(key), tertial__strdup(name), tertial__strdup(email ? email : "")};
  int rc = p.key && p.name && p.email ? 0 : TERTIAL_ERR_NOMEM;
  if (rc == 0 && r->npeople >= UINT32_MAX - 1)
    rc = tertial__error(TERTIAL_ERR_RANGE, "too many people");
  if (rc == 0)
    rc = tertial__grow((void **)&r->people, &r->cap_people, r->npeople + 1, sizeof *r->people);
  if (rc == 0)
    rc = tertial__strmap_put(&r->people_by_key, p.key, (uint32_t)r->npeople);
  if (rc < 0) {
    free(p.key);
    free(p.name);
    free(p.email);
    return rc;
  }
  p.pub = (tertial_person){(tertial_person_id)r->npeople, p.key, p.name, p.email};
  r->people[r->npeople] = p;
  if (out_id)
    *out_id = (tertial_person_id)r->npeople;
  r->npeople++;
  return 0;
}

static int check_new_person(const tertial__round *r, const char *key, const char *name, const char *email)
{
  if (!key || !*key || !name || !*name)
    return tertial__error(TERTIAL_ERR_INVALID, "a person needs a key and a name");
  if (!valid_text(key) || !valid_text(name) || (email && !valid_text(email)))
    return tertial__error(TERTIAL_ERR_INVALID, "a person's key, name and e-mail must be UTF-8");
  uint32_t id;
  if (tertial__strmap_get(&r->people_by_key, key, &id))
    return tertial__error(TERTIAL_ERR_EXISTS, "the key \"%s\" is already %s", key, r->people[id].name);
  return 0;
}

static int add_person(tertial_person_id *out_id, tertial__round *r, const tertial_actor *actor, const char *key,
                      const char *name, const char *email);
static int assign_change(tertial__round *r, const tertial_actor *actor, tertial_person_id person, tertial_role role,
                         tertial_unit_id unit, int remove);

int tertial_round_add_person(tertial_person_id *out_id, tertial_round *round, const char *key, const char *name,
                             const char *email)
{
  if (!round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_add_person: NULL round");
  return add_person(out_id, R(round), NULL, key, name, email);
}

size_t tertial_round_person_count(const tertial_round *round)
{
  return round ? R(round)->npeople : 0;
}

const tertial_person *tertial_round_person_at(const tertial_round *round, tertial_person_id id)
{
  return round && id < R(round)->npeople ? &R(round)->people[id].pub : NULL;
}

int tertial_round_find_person(tertial_person_id *out_id, const tertial_round *round, const char *key)
{
  if (!out_id || !round || !key)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_find_person: NULL argument");
  uint32_t id;
  if (!tertial__strmap_get(&R(round)->people_by_key, key, &id))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no person with key \"%s\"", key);
  *out_id = id;
  return 0;
}

static int one_role(tertial_role role)
{
  return role == TERTIAL_ROLE_MANAGER || role == TERTIAL_ROLE_HEAD || role == TERTIAL_ROLE_ECONOMIST ||
         role == TERTIAL_ROLE_SECRETARY || role == TERTIAL_ROLE_READER;
}

static const char *role_name(tertial_role role)
{
  switch (role) {
  case TERTIAL_ROLE_MANAGER: return "manager";
  case TERTIAL_ROLE_HEAD: return "head";
  case TERTIAL_ROLE_ECONOMIST: return "economist";
  case TERTIAL_ROLE_SECRETARY: return "secretary";
  case TERTIAL_ROLE_READER: return "reader";
  }
  return "?";
}

/* The indices of a person's assignments (*list), and how many; SIZE_MAX when the index could not
 * be built (out of memory): then every assignment is to be looked at. The index is a cache,
 * rebuilt after the assignments changed. */
static size_t person_assignments(const tertial__round *rc_, tertial_person_id p, const uint32_t **list)
{
  tertial__round *r = (tertial__round *)rc_; /* the cache only */
  if (!r->pa_built || r->pa_rev != r->assign_rev || r->pa_people != r->npeople) {
    uint32_t *first = tertial__calloc(r->npeople + 2, sizeof *first);
    uint32_t *pa = tertial__calloc(r->nassign + 1, sizeof *pa);
    if (!first || !pa || r->nassign > UINT32_MAX) {
      free(first);
      free(pa);
      tertial_error_clear();
      return SIZE_MAX;
    }
    for (size_t i = 0; i < r->nassign; i++)
      if (r->assignments[i].person < r->npeople)
        first[r->assignments[i].person + 1]++;
    for (size_t k = 0; k < r->npeople; k++)
      first[k + 1] += first[k];
    /* each person's in the order made */
    uint32_t *cursor = tertial__calloc(r->npeople + 1, sizeof *cursor);
    if (!cursor) {
      free(first);
      free(pa);
      tertial_error_clear();
      return SIZE_MAX;
    }
    for (size_t i = 0; i < r->nassign; i++) {
      tertial_person_id q = r->assignments[i].person;
      if (q < r->npeople)
        pa[first[q] + cursor[q]++] = (uint32_t)i;
    }
    free(cursor);
    free(r->pa_first);
    free(r->pa);
    r->pa_first = first;
    r->pa = pa;
    r->pa_people = r->npeople;
    r->pa_rev = r->assign_rev;
    r->pa_built = 1;
  }
  if (p >= r->pa_people) {
    *list = NULL;
    return 0;
  }
  *list = r->pa + r->pa_first[p];
  return r->pa_first[p + 1] - r->pa_first[p];
}

/* Iterate a person's assignments: `a` each of them (declared by the caller). */
#define FOR_PERSON_ASSIGNMENTS(r, p, a)                                                                       \
  for (const uint32_t *pa_list_ = NULL, *pa_once_ = NULL; !pa_once_; pa_once_ = (const uint32_t *)1)            \
    for (size_t pa_n_ = person_assignments((r), (p), &pa_list_), pa_k_ = 0,                                    \
                pa_total_ = pa_n_ == SIZE_MAX ? (r)->nassign : pa_n_;                                          \
         pa_k_ < pa_total_ && ((a) = &(r)->assignments[pa_n_ == SIZE_MAX ? pa_k_ : pa_list_[pa_k_]], 1); pa_k_++)

static long assignment_find(const tertial__round *r, tertial_person_id p, tertial_role role, tertial_unit_id u)
{
  const tertial_assignment *a;
  FOR_PERSON_ASSIGNMENTS(r, p, a)
    if (a->person == p && a->role == role && a->unit == u)
      return (long)(a - r->assignments);
  return -1;
}

static int check_assignment(const tertial__round *r, tertial_person_id p, tertial_role role, tertial_unit_id u)
{
  if (p >= r->npeople)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no person with id %u in the directory", (unsigned)p);
  if (!one_role(role))
    return tertial__error(TERTIAL_ERR_INVALID, "role %d is not one role", (int)role);
  if (u >= tertial_org_unit_count(tertial_model_org(r->model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)u);
  return 0;
}

static int assignment_put(tertial__round *r, tertial_person_id p, tertial_role role, tertial_unit_id u)
{
  /* a plain scan: the person index would be rebuilt for every assignment of a directory loaded */
  for (size_t i = 0; i < r->nassign; i++)
    if (r->assignments[i].person == p && r->assignments[i].role == role && r->assignments[i].unit == u)
      return 0;
  int rc = tertial__grow((void **)&r->assignments, &r->cap_assign, r->nassign + 1, sizeof *r->assignments);
  if (rc == 0) {
    r->assignments[r->nassign++] = (tertial_assignment){p, role, u};
    r->assign_rev++;
  }
  return rc;
}

int tertial_round_assign(tertial_round *round, tertial_person_id person, tertial_role role, tertial_unit_id unit)
{
  if (!round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_assign: NULL round");
  return assign_change(R(round), NULL, person, role, unit, 0);
}

size_t tertial_round_assignment_count(const tertial_round *round)
{
  return round ? R(round)->nassign : 0;
}

const tertial_assignment *tertial_round_assignment_at(const tertial_round *round, size_t index)
{
  return round && index < R(round)->nassign ? &R(round)->assignments[index] : NULL;
}

/* The role bits of a person on a unit: assignments on the unit or (strict: only) its ancestors. */
static unsigned roles_of(const tertial__round *r, tertial_person_id p, tertial_unit_id u, int period, int strict)
{
  const tertial_org *org = tertial_model_org(r->model);
  unsigned bits = 0;
  const tertial_assignment *a;
  FOR_PERSON_ASSIGNMENTS(r, p, a) {
    if (a->person != p || (bits & a->role) || (strict && a->unit == u))
      continue;
    if (u != TERTIAL_NO_UNIT && tertial_org_is_within(org, u, a->unit, period) == 1)
      bits |= a->role;
  }
  return bits;
}

static int has_role_exactly(const tertial__round *r, tertial_person_id p, tertial_role role, tertial_unit_id u)
{
  return assignment_find(r, p, role, u) >= 0;
}

/* Whether the person holds the role on a root of the organisation. */
static int role_on_root(const tertial__round *r, tertial_person_id p, tertial_role role, int period)
{
  const tertial_org *org = tertial_model_org(r->model);
  const tertial_assignment *a;
  FOR_PERSON_ASSIGNMENTS(r, p, a)
    if (a->person == p && a->role == role && tertial__org_parent_at(org, a->unit, period) == TERTIAL_NO_UNIT)
      return 1;
  return 0;
}

static int holds_role_anywhere(const tertial__round *r, tertial_person_id p, tertial_role role)
{
  const tertial_assignment *a;
  FOR_PERSON_ASSIGNMENTS(r, p, a)
    if (a->person == p && a->role == role)
      return 1;
  return 0;
}

int tertial_round_roles(unsigned *out, const tertial_round *round, tertial_person_id person, tertial_unit_id unit,
                        int period)
{
  if (!out || !round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_roles: NULL argument");
  const tertial__round *r = R(round);
  if (person >= r->npeople)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no person with id %u in the directory", (unsigned)person);
  if (unit >= tertial_org_unit_count(tertial_model_org(r->model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  *out = roles_of(r, person, unit, period, 0);
  return 0;
}

/* The nearest unit strictly above u on which the person is head (TERTIAL_NO_UNIT: none). */
static tertial_unit_id head_unit_above(const tertial__round *r, tertial_person_id p, tertial_unit_id u, int period)
{
  const tertial_org *org = tertial_model_org(r->model);
  for (tertial_unit_id a = tertial__org_parent_at(org, u, period); a != TERTIAL_NO_UNIT;
       a = tertial__org_parent_at(org, a, period))
    if (has_role_exactly(r, p, TERTIAL_ROLE_HEAD, a))
      return a;
  return TERTIAL_NO_UNIT;
}

/* ---- permission ---- */

static int is_item_action(tertial_action a)
{
  return a == TERTIAL_ACTION_FORECAST || a == TERTIAL_ACTION_TEXT || a == TERTIAL_ACTION_MEASURE ||
         a == TERTIAL_ACTION_ACCRUAL || a == TERTIAL_ACTION_GOAL || a == TERTIAL_ACTION_CONTROL;
}

/* Refuse: "anna (Anna Andersson) may not change the forecast of 6410 (HVB) at T1: why". */
static int refuse(const tertial__round *r, const tertial_actor *actor, tertial_action action, tertial_unit_id unit,
                  const char *point, const char *fmt, ...) TERTIAL_PRINTF(6, 7);
static int refuse(const tertial__round *r, const tertial_actor *actor, tertial_action action, tertial_unit_id unit,
                  const char *point, const char *fmt, ...)
{
  tertial_strbuf sb = {0};
  int rc = person_text(&sb, r, actor->person);
  if (rc == 0 && actor->on_behalf_of != TERTIAL_NO_PERSON) {
    rc = tertial__sb_append(&sb, " on behalf of ");
    if (rc == 0)
      rc = person_text(&sb, r, actor->on_behalf_of);
  }
  if (rc == 0)
    rc = tertial__sb_printf(&sb, " may not %s", tertial_action_name(action));
  /* "may not submit 6510 (…)", "may not change the texts of 6510 (…)" */
  int object = action == TERTIAL_ACTION_READ || action == TERTIAL_ACTION_SUBMIT || action == TERTIAL_ACTION_APPROVE ||
               action == TERTIAL_ACTION_RETURN;
  if (rc == 0 && unit != TERTIAL_NO_UNIT) {
    rc = tertial__sb_append(&sb, object ? " " : " of ");
    if (rc == 0)
      rc = unit_text(&sb, r, unit);
  }
  if (rc == 0 && point)
    rc = tertial__sb_printf(&sb, " at follow-up point %s", point);
  if (rc == 0)
    rc = tertial__sb_append(&sb, ": ");
  if (rc == 0) {
    va_list ap;
    va_start(ap, fmt);
    rc = tertial__sb_vprintf(&sb, fmt, ap);
    va_end(ap);
  }
  return rc < 0 ? tertial__nomem("message") : fail_sb(TERTIAL_ERR_NOT_PERMITTED, &sb);
}

/* The permission rules (the table in round.h), the lock and the read-only rule of a submitted
 * unit. pt is the point (NULL for none). */
static int may_at(const tertial__round *r, const tertial_actor *actor, tertial_action action, tertial_unit_id unit,
                  const point_info *pt)
{
  if (!actor)
    return tertial__error(TERTIAL_ERR_INVALID, "no actor: a checked change is made as a person");
  int rc = check_person(r, actor->person, "actor");
  if (rc == 0 && actor->on_behalf_of != TERTIAL_NO_PERSON)
    rc = check_person(r, actor->on_behalf_of, "on behalf of");
  if (rc < 0)
    return rc;
  if ((unsigned)action > TERTIAL_ACTION_CONTROL)
    return tertial__error(TERTIAL_ERR_INVALID, "unknown action %d", (int)action);
  const tertial_org *org = tertial_model_org(r->model);
  if (unit != TERTIAL_NO_UNIT && unit >= tertial_org_unit_count(org))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  int whole = action == TERTIAL_ACTION_LOCK || action == TERTIAL_ACTION_PEOPLE || action == TERTIAL_ACTION_SNAPSHOT;
  if (!whole && action != TERTIAL_ACTION_READ && unit == TERTIAL_NO_UNIT)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: no unit given", tertial_action_name(action));
  if (!pt && action != TERTIAL_ACTION_READ && action != TERTIAL_ACTION_PEOPLE)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: no follow-up point given", tertial_action_name(action));
  int period = pt ? pt->period : year_end_period(r);
  const char *pc = pt ? pt->code : NULL;
  tertial_person_id p = actor->person;

  if (action == TERTIAL_ACTION_READ) {
    int any = 0;
    for (size_t i = 0; i < r->nassign && !any; i++)
      any = r->assignments[i].person == p;
    if (unit == TERTIAL_NO_UNIT ? any : roles_of(r, p, unit, period, 0) != 0)
      return 0;
    if (holds_role_anywhere(r, p, TERTIAL_ROLE_ECONOMIST))
      return 0;
    return refuse(r, actor, action, unit, pc, "no role on the unit or above it");
  }
  /* a locked point: every change for it by anyone (unlocking excepted) */
  if (pt && action != TERTIAL_ACTION_LOCK && pt->index >= 0 && r->points[pt->index].locked) {
    const point_rec *l = &r->points[pt->index];
    char when[32];
    return refuse(r, actor, action, unit, pc, "follow-up point %s is locked since %s by %s (%s)", pc,
                  time_text(when, l->since), l->by < r->npeople ? r->people[l->by].key : "?",
                  l->by < r->npeople ? r->people[l->by].name : "?");
  }
  if (whole) {
    if (actor->on_behalf_of != TERTIAL_NO_PERSON)
      return refuse(r, actor, action, unit, pc, "this is not entered on behalf of someone");
    if (!role_on_root(r, p, TERTIAL_ROLE_ECONOMIST, period))
      return refuse(r, actor, action, unit, pc, "only an economist assigned on a root may");
    return 0;
  }
  unsigned bits;
  if (actor->on_behalf_of != TERTIAL_NO_PERSON) {
    if (!(roles_of(r, p, unit, period, 0) & TERTIAL_ROLE_ECONOMIST))
      return refuse(r, actor, action, unit, pc, "only an economist of the unit enters on behalf of someone");
    if (!is_item_action(action) && action != TERTIAL_ACTION_SUBMIT)
      return refuse(r, actor, action, unit, pc, "an economist enters only what a manager may");
    bits = roles_of(r, actor->on_behalf_of, unit, period, 0);
    if (!(bits & (TERTIAL_ROLE_MANAGER | TERTIAL_ROLE_HEAD))) {
      tertial_strbuf sb = {0};
      person_text(&sb, r, actor->on_behalf_of);
      int e = refuse(r, actor, action, unit, pc, "%s is not a manager of the unit", sb.data ? sb.data : "?");
      tertial__sb_clear(&sb);
      return e;
    }
  } else {
    bits = roles_of(r, p, unit, period, 0);
  }
  switch (action) {
  case TERTIAL_ACTION_FORECAST:
  case TERTIAL_ACTION_MEASURE:
  case TERTIAL_ACTION_ACCRUAL:
  case TERTIAL_ACTION_SUBMIT:
  case TERTIAL_ACTION_TEXT:
  case TERTIAL_ACTION_GOAL:
  case TERTIAL_ACTION_CONTROL:
    if (!(bits & (TERTIAL_ROLE_MANAGER | TERTIAL_ROLE_HEAD)) &&
        !(action == TERTIAL_ACTION_TEXT && actor->on_behalf_of == TERTIAL_NO_PERSON &&
          has_role_exactly(r, p, TERTIAL_ROLE_SECRETARY, unit))) {
      if (bits & TERTIAL_ROLE_ECONOMIST)
        return refuse(r, actor, action, unit, pc, "an economist enters on behalf of a manager of the unit");
      return refuse(r, actor, action, unit, pc, bits ? "the role held there (%s) does not allow it"
                                                     : "no role on the unit or above it%s",
                    bits ? (bits & TERTIAL_ROLE_SECRETARY ? "secretary" : "reader") : "");
    }
    break;
  case TERTIAL_ACTION_APPROVE:
  case TERTIAL_ACTION_RETURN:
    if (head_unit_above(r, p, unit, period) == TERTIAL_NO_UNIT)
      return refuse(r, actor, action, unit, pc,
                    has_role_exactly(r, p, TERTIAL_ROLE_HEAD, unit)
                        ? "a head's own unit is approved and returned by the level above"
                        : "only a head of a unit above it may");
    break;
  default:
    break;
  }
  /* a submitted or approved unit's items are read-only until it is returned */
  if (is_item_action(action) && pt && pt->index >= 0) {
    tertial_status s = status_at(r, pt->index, unit);
    if (s == TERTIAL_STATUS_SUBMITTED || s == TERTIAL_STATUS_APPROVED)
      return refuse(r, actor, action, unit, pc, "the unit is %s there; it is read-only until it is returned",
                    tertial_status_name(s));
  }
  return 0;
}

int tertial_round_may(tertial_round *round, const tertial_actor *actor, tertial_action action, tertial_unit_id unit,
                      const char *point_code)
{
  if (!round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_may: NULL round");
  point_info pt;
  if (point_code) {
    int rc = point_of(&pt, R(round), point_code);
    if (rc < 0)
      return rc;
  }
  return may_at(R(round), actor, action, unit, point_code ? &pt : NULL);
}

/* ---- the gate ---- */

/* An item with a version: what the conflict message needs. */
typedef struct versioned {
  uint64_t version;
  tertial_person_id person;
  time_t when;
} versioned;

typedef struct change change;
struct change {
  tertial_action action;
  tertial_unit_id unit;
  point_info *pt;           /* NULL: no point (people) */
  const char *item;         /* "text summary", "status", "adjustment 3", ... */
  const versioned *ver;     /* NULL: the item has no version */
  uint64_t version_read;
  /* the checks and what the change needs, prepared so that commit cannot fail and nothing visible
   * changed yet (fills before, after and w); with commit NULL (a change of the model, saved with
   * the model) apply makes the change itself: 0, or an error and nothing changed */
  int (*apply)(tertial__round *r, change *c, void *ctx);
  void *ctx;
  tertial_strbuf before, after;
  void (*commit)(tertial__round *r, change *c, void *ctx);  /* make the prepared change; never fails */
  void (*discard)(tertial__round *r, change *c, void *ctx); /* free what apply prepared (may be NULL) */
  int unchecked;            /* an unchecked call: no actor, no permission, no audit entry */
  time_t when;              /* the round's clock at the change */
  tertial__round_write w;   /* the rows for the bound store (apply fills the item's part) */
};

static audit_rec *audit_new(const tertial__round *r, const tertial_actor *actor, const change *c, const char *item)
{
  audit_rec *a = tertial__calloc(1, sizeof *a);
  if (!a)
    return NULL;
  a->point = tertial__strdup(c->pt ? c->pt->code : "");
  a->item = tertial__strdup(item);
  if (!a->point || !a->item) {
    free(a->point);
    free(a->item);
    free(a);
    return NULL;
  }
  a->pub = (tertial_audit_entry){0, 0, actor->person, actor->on_behalf_of, c->action, c->unit, a->point, a->item,
                                 "", ""};
  (void)r;
  return a;
}

static void audit_drop(audit_rec *a)
{
  if (a) {
    free(a->point);
    free(a->item);
    free(a->before);
    free(a->after);
    free(a);
  }
}

/* The next sequence number of an entry made without a store (one with a store is the store's). */
static uint64_t next_seq(const tertial__round *r)
{
  return r->naudit ? r->audit[r->naudit - 1]->pub.seq + 1 : 1;
}

/* Append a prepared entry (room was made before the change). */
static void audit_push(tertial__round *r, audit_rec *a, uint64_t seq, time_t when, char *before, char *after)
{
  a->before = before;
  a->after = after;
  a->pub.seq = seq;
  a->pub.when = when;
  a->pub.before = before ? before : "";
  a->pub.after = after ? after : "";
  r->audit[r->naudit++] = a;
}

static const char *key_of(const tertial__round *r, tertial_person_id p)
{
  return p < r->npeople ? r->people[p].key : NULL;
}

/* The one way a change of the round is made: (1) the role by the assignments, (2) the lock,
 * (3) the item's version, (4) the change checked and prepared, (5) with a store bound, the change
 * and its audit entries written in the store's own small transaction, which checks the versions
 * in the database, (6) the change made in memory, (7) the audit entries. A change of a unit's
 * items moves its status from not started or returned to in progress (a second entry).
 * Everything that can fail is done before (6), so an accepted change is always recorded and
 * written, and a refused or failed one leaves neither a change nor an entry, in memory or in the
 * store. Unchecked calls (no actor) pass (4) to (6) only.
 * A change of the model (the forecast plan's items, measures, accruals, a snapshot) is made in
 * memory by the model's own function, so with a store bound its transaction is opened and checked
 * (lock, status, the versions the model read) before the change and written after it; should the
 * write itself fail then (a full disk), the model holds a change the store does not, which the
 * error says, and the round refuses every further change until the year is loaded again. */
static int gate(tertial__round *r, const tertial_actor *actor, change *c)
{
  /* a change of the model: apply makes it in memory (no commit step), so a bound store checks it
   * before (hook begin) and writes it after */
  int of_model = !c->commit, stored = r->hook.write != NULL, began = 0;
  int rc = c->unchecked ? 0 : may_at(r, actor, c->action, c->unit, c->pt);
  if (rc == 0 && stored && r->diverged)
    rc = tertial__error(TERTIAL_ERR_STATE, "an earlier change was made in this model but its store did not write it: "
                                           "the model and the store differ; load the year again");
  if (rc == 0 && c->ver && c->version_read != TERTIAL_ANY_VERSION && c->version_read != c->ver->version) {
    tertial_strbuf sb = {0};
    char when[32];
    rc = tertial__sb_printf(&sb, "%s", c->item);
    if (rc == 0 && c->unit != TERTIAL_NO_UNIT) {
      rc = tertial__sb_append(&sb, " of ");
      if (rc == 0)
        rc = unit_text(&sb, r, c->unit);
    }
    if (rc == 0 && c->pt)
      rc = tertial__sb_printf(&sb, " at %s", c->pt->code);
    if (rc == 0)
      rc = tertial__sb_printf(&sb, " was changed by ");
    if (rc == 0)
      rc = person_text(&sb, r, c->ver->person);
    if (rc == 0)
      rc = tertial__sb_printf(&sb, " on %s: it is at version %llu, the change was made against version %llu",
                              time_text(when, c->ver->when), (unsigned long long)c->ver->version,
                              (unsigned long long)c->version_read);
    rc = rc < 0 ? tertial__nomem("message") : fail_sb(TERTIAL_ERR_CONFLICT, &sb);
  }
  status_rec *st = NULL;
  int moves = 0, prepared = 0;
  audit_rec *entry = NULL, *moved = NULL;
  if (rc == 0 && c->pt)
    rc = point_intern(r, c->pt);
  if (rc == 0 && !c->unchecked && is_item_action(c->action) && c->pt) {
    rc = status_make(&st, r, c->pt->index, c->unit);
    moves = rc == 0 && (st->pub.status == TERTIAL_STATUS_NOT_STARTED || st->pub.status == TERTIAL_STATUS_RETURNED);
  }
  if (rc == 0 && !c->unchecked)
    rc = tertial__grow((void **)&r->audit, &r->cap_audit, r->naudit + 2, sizeof *r->audit);
  if (rc == 0 && !c->unchecked && !(entry = audit_new(r, actor, c, c->item)))
    rc = TERTIAL_ERR_NOMEM;
  char *moved_before = NULL, *moved_after = NULL;
  if (rc == 0 && moves) {
    moved = audit_new(r, actor, c, "status");
    moved_before = tertial__strdup(tertial_status_name(st->pub.status));
    moved_after = tertial__strdup(tertial_status_name(TERTIAL_STATUS_IN_PROGRESS));
    if (!moved || !moved_before || !moved_after)
      rc = TERTIAL_ERR_NOMEM;
  }
  c->when = now_of(r);
  if (rc == 0 && c->when == (time_t)-1)
    rc = tertial__error(TERTIAL_ERR_CANCELLED, "the round's clock gave no time: nothing was changed");
  tertial__round_write *w = &c->w;
  if (rc == 0 && stored) {
    w->unit = c->unit;
    w->point = c->pt ? c->pt->code : NULL;
    w->when = c->when;
    w->person = actor && !c->unchecked ? key_of(r, actor->person) : NULL;
    w->on_behalf_of = actor && !c->unchecked ? key_of(r, actor->on_behalf_of) : NULL;
    /* a goal's setting is versioned by the goals (goals.c), checked there and in the store */
    w->version_read = c->ver || c->action == TERTIAL_ACTION_GOAL ? c->version_read : TERTIAL_ANY_VERSION;
    w->guard_status = st != NULL;
    w->status_version = st ? st->pub.version : 0;
    w->move = moves;
  }
  if (rc == 0 && stored && of_model) {
    w->kind = c->action == TERTIAL_ACTION_GOAL   ? TERTIAL__RW_GOAL
              : c->unit == TERTIAL_NO_UNIT         ? TERTIAL__RW_SNAPSHOT
                                                   : TERTIAL__RW_PLAN;
    rc = r->hook.begin(r->hook.ctx, w);
    began = rc == 0;
  }
  if (rc == 0) {
    rc = c->apply(r, c, c->ctx);
    prepared = 1;
  }
  if (rc < 0 && began)
    r->hook.abort(r->hook.ctx);
  if (rc == 0 && stored) {
    if (entry) {
      entry->pub.when = c->when;
      entry->pub.before = c->before.data ? c->before.data : "";
      entry->pub.after = c->after.data ? c->after.data : "";
      w->audit[w->naudit++] = &entry->pub;
    }
    if (moved) {
      moved->pub.when = c->when;
      moved->pub.before = moved_before;
      moved->pub.after = moved_after;
      w->audit[w->naudit++] = &moved->pub;
    }
    rc = r->hook.write(r->hook.ctx, w);
    if (rc < 0 && of_model) {
      /* the model holds the change, the store does not: say so, and refuse what follows */
      r->diverged = 1;
      tertial_strbuf sb = {0};
      rc = tertial__sb_printf(&sb, "%s; the change was made in this model but not written: load the year again",
                              tertial_error_last()) < 0
             ? tertial__nomem("message")
             : fail_sb(rc, &sb);
    }
  }
  if (rc < 0) {
    if (prepared && c->discard)
      c->discard(r, c, c->ctx);
    audit_drop(entry);
    audit_drop(moved);
    free(moved_before);
    free(moved_after);
    tertial__sb_clear(&c->before);
    tertial__sb_clear(&c->after);
    return rc;
  }
  /* the change is written: from here nothing fails */
  if (c->commit)
    c->commit(r, c, c->ctx);
  if (entry)
    audit_push(r, entry, stored ? c->w.seq[0] : next_seq(r), c->when, tertial__sb_steal(&c->before),
               tertial__sb_steal(&c->after));
  tertial__sb_clear(&c->before);
  tertial__sb_clear(&c->after);
  if (moves) {
    st->pub.status = TERTIAL_STATUS_IN_PROGRESS;
    st->pub.version = stored ? c->w.move_version : st->pub.version + 1;
    st->pub.person = actor->person;
    st->pub.on_behalf_of = actor->on_behalf_of;
    st->pub.when = c->when;
    audit_push(r, moved, stored ? c->w.seq[1] : next_seq(r), c->when, moved_before, moved_after);
  }
  return 0;
}

static int need_round(const tertial_round *round, const char *fn)
{
  return round ? 0 : tertial__error(TERTIAL_ERR_INVALID, "%s: NULL round", fn);
}

/* The prologue of a checked call at a point: a round, and the point of its calendar. */
static int round_point(point_info *pt, const tertial_round *round, const char *point_code, const char *fn)
{
  int rc = need_round(round, fn);
  return rc < 0 ? rc : point_of(pt, R(round), point_code);
}

/* ---- people as an actor ---- */

typedef struct person_args {
  tertial_person_id *out_id;
  const char *key, *name, *email;
  person_rec rec;             /* prepared */
  tertial__rw_person rw;
} person_args;

static int apply_add_person(tertial__round *r, change *c, void *ctx)
{
  person_args *a = ctx;
  int rc = check_new_person(r, a->key, a->name, a->email);
  if (rc == 0)
    rc = tertial__sb_printf(&c->after, "%s; %s; %s", a->key, a->name, a->email ? a->email : "");
  if (rc == 0 && r->npeople >= UINT32_MAX - 1)
    rc = tertial__error(TERTIAL_ERR_RANGE, "too many people");
  if (rc == 0) {
    a->rec = (person_rec){{0}, tertial__strdup(a->key), tertial__strdup(a->name), tertial__strdup(a->email ? a->email : "")};
    rc = a->rec.key && a->rec.name && a->rec.email ? 0 : TERTIAL_ERR_NOMEM;
  }
  if (rc == 0)
    rc = tertial__grow((void **)&r->people, &r->cap_people, r->npeople + 1, sizeof *r->people);
  if (rc == 0)
    rc = tertial__strmap_reserve(&r->people_by_key, 1);
  a->rw = (tertial__rw_person){a->rec.key, a->rec.name, a->rec.email};
  c->w.kind = TERTIAL__RW_PERSON;
  c->w.people = &a->rw;
  c->w.npeople = 1;
  return rc;
}

static void commit_add_person(tertial__round *r, change *c, void *ctx)
{
  (void)c;
  person_args *a = ctx;
  tertial__strmap_put(&r->people_by_key, a->rec.key, (uint32_t)r->npeople); /* room was reserved */
  a->rec.pub = (tertial_person){(tertial_person_id)r->npeople, a->rec.key, a->rec.name, a->rec.email};
  r->people[r->npeople] = a->rec;
  if (a->out_id)
    *a->out_id = (tertial_person_id)r->npeople;
  r->npeople++;
}

static void discard_add_person(tertial__round *r, change *c, void *ctx)
{
  (void)r;
  (void)c;
  person_args *a = ctx;
  free(a->rec.key);
  free(a->rec.name);
  free(a->rec.email);
}

static int add_person(tertial_person_id *out_id, tertial__round *r, const tertial_actor *actor, const char *key,
                      const char *name, const char *email)
{
  person_args a = {out_id, key, name, email, {{0}, NULL, NULL, NULL}, {NULL, NULL, NULL}};
  change c = {TERTIAL_ACTION_PEOPLE, TERTIAL_NO_UNIT, NULL, "person", NULL, 0, apply_add_person, &a, {0}, {0}, NULL, NULL, 0, 0, {0}};
  c.commit = commit_add_person;
  c.discard = discard_add_person;
  c.unchecked = actor == NULL;
  return gate(r, actor, &c);
}

int tertial_round_add_person_as(tertial_person_id *out_id, tertial_round *round, const tertial_actor *actor,
                                const char *key, const char *name, const char *email)
{
  int rc = need_round(round, "tertial_round_add_person_as");
  if (rc == 0 && !actor)
    rc = tertial__error(TERTIAL_ERR_INVALID, "no actor: a checked change is made as a person");
  return rc < 0 ? rc : add_person(out_id, R(round), actor, key, name, email);
}

typedef struct assign_args {
  tertial_person_id person;
  tertial_role role;
  tertial_unit_id unit;
  int remove;
  long at;
  tertial__rw_role rw;
} assign_args;

static int apply_assign(tertial__round *r, change *c, void *ctx)
{
  assign_args *a = ctx;
  int rc = check_assignment(r, a->person, a->role, a->unit);
  long at = rc == 0 ? assignment_find(r, a->person, a->role, a->unit) : -1;
  if (rc == 0 && a->remove && at < 0)
    rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "%s is not %s of %s", r->people[a->person].key, role_name(a->role),
                        tertial__unit_code(tertial_model_org(r->model), a->unit));
  if (rc == 0)
    rc = tertial__sb_printf(a->remove ? &c->before : &c->after, "%s %s %s", r->people[a->person].key,
                            role_name(a->role), tertial__unit_code(tertial_model_org(r->model), a->unit));
  if (rc == 0 && !a->remove)
    rc = tertial__grow((void **)&r->assignments, &r->cap_assign, r->nassign + 1, sizeof *r->assignments);
  if (rc < 0)
    return rc;
  a->at = at;
  a->rw = (tertial__rw_role){r->people[a->person].key, a->role, a->unit};
  c->w.kind = a->remove ? TERTIAL__RW_UNASSIGN : TERTIAL__RW_ASSIGN;
  c->w.roles = &a->rw;
  c->w.nroles = 1;
  return 0;
}

static void commit_assign(tertial__round *r, change *c, void *ctx)
{
  (void)c;
  assign_args *a = ctx;
  if (a->remove) {
    memmove(&r->assignments[a->at], &r->assignments[a->at + 1],
            (r->nassign - (size_t)a->at - 1) * sizeof *r->assignments);
    r->nassign--;
    r->assign_rev++;
  } else {
    assignment_put(r, a->person, a->role, a->unit); /* room was made */
  }
}

static int assign_change(tertial__round *r, const tertial_actor *actor, tertial_person_id person, tertial_role role,
                         tertial_unit_id unit, int remove)
{
  assign_args a = {person, role, unit, remove, -1, {NULL, 0, 0}};
  change c = {TERTIAL_ACTION_PEOPLE, TERTIAL_NO_UNIT, NULL, "role", NULL, 0, apply_assign, &a, {0}, {0}, NULL, NULL, 0, 0, {0}};
  c.commit = commit_assign;
  c.unchecked = actor == NULL;
  return gate(r, actor, &c);
}

static int assign_as(tertial_round *round, const tertial_actor *actor, tertial_person_id person, tertial_role role,
                     tertial_unit_id unit, int remove)
{
  int rc = need_round(round, remove ? "tertial_round_unassign_as" : "tertial_round_assign_as");
  if (rc == 0 && !actor)
    rc = tertial__error(TERTIAL_ERR_INVALID, "no actor: a checked change is made as a person");
  return rc < 0 ? rc : assign_change(R(round), actor, person, role, unit, remove);
}

int tertial_round_assign_as(tertial_round *round, const tertial_actor *actor, tertial_person_id person,
                            tertial_role role, tertial_unit_id unit)
{
  return assign_as(round, actor, person, role, unit, 0);
}

int tertial_round_unassign_as(tertial_round *round, const tertial_actor *actor, tertial_person_id person,
                              tertial_role role, tertial_unit_id unit)
{
  return assign_as(round, actor, person, role, unit, 1);
}

/* ---- the CSV import of people ---- */

typedef struct csv_line {
  int line;
  char *f[5]; /* key, name, email, role, unit */
  tertial_role role;
  tertial_unit_id unit;
  int new_person; /* 1: the first line of a person not yet in the directory */
} csv_line;

enum { COL_KEY, COL_NAME, COL_EMAIL, COL_ROLE, COL_UNIT, NCOLS };
static const char *col_names[NCOLS] = {"key", "name", "email", "role", "unit"};

#define MAX_CSV_FIELDS 64

static int role_of_word(tertial_role *out, const char *w)
{
  static const struct {
    const char *word;
    tertial_role role;
  } words[] = {
    {"manager", TERTIAL_ROLE_MANAGER}, {"budgetansvarig", TERTIAL_ROLE_MANAGER},
    {"head", TERTIAL_ROLE_HEAD}, {"chef", TERTIAL_ROLE_HEAD},
    {"economist", TERTIAL_ROLE_ECONOMIST}, {"ekonom", TERTIAL_ROLE_ECONOMIST},
    {"controller", TERTIAL_ROLE_ECONOMIST}, {"secretary", TERTIAL_ROLE_SECRETARY},
    {"sekreterare", TERTIAL_ROLE_SECRETARY}, {"nämndsekreterare", TERTIAL_ROLE_SECRETARY},
    {"reader", TERTIAL_ROLE_READER}, {"läsare", TERTIAL_ROLE_READER},
  };
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (g_ascii_strcasecmp(w, words[i].word) == 0) {
      *out = words[i].role;
      return 0;
    }
  return -1;
}

typedef struct import_args {
  csv_line *lines;
  size_t n;
  size_t people, roles;
  /* prepared: the new key map and the records added beyond r->npeople; the rows for a store */
  tertial_strmap map;
  size_t added;
  tertial__rw_person *rw_people;
  tertial__rw_role *rw_roles;
} import_args;

/* Read every line into `lines`, checked against the directory and the organisation; nothing
 * changes here. */
static int import_read(import_args *out, const tertial__round *r, const char *text, const char *source)
{
  const tertial_org *org = tertial_model_org(r->model);
  if (g_str_has_prefix(text, "\xEF\xBB\xBF"))
    text += 3;
  if (!g_utf8_validate(text, -1, NULL))
    return tertial__error(TERTIAL_ERR_PARSE, "%s: not UTF-8 text", source);
  int col[NCOLS] = {-1, -1, -1, -1, -1};
  char sep = 0;
  int lineno = 0, rc = 0;
  tertial_strmap seen = {0}; /* keys of new people -> the line that named them */
  tertial_strbuf line = {0};
  size_t cap = 0;
  for (const char *p = text; rc == 0 && *p;) {
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) : strlen(p);
    const char *next = eol ? eol + 1 : p + len;
    lineno++;
    if (len && p[len - 1] == '\r')
      len--;
    size_t blank = 0;
    while (blank < len && (p[blank] == ' ' || p[blank] == '\t'))
      blank++;
    if (blank == len) {
      p = next;
      continue;
    }
    if (!sep) {
      /* the header: its separator is the file's */
      size_t semis = 0, commas = 0;
      for (size_t i = 0; i < len; i++)
        semis += p[i] == ';', commas += p[i] == ',';
      sep = semis >= commas ? ';' : ',';
    }
    /* the line, NUL-terminated, split in place */
    char *fv[MAX_CSV_FIELDS];
    size_t fl[MAX_CSV_FIELDS];
    int bad = 0;
    line.len = 0;
    if (tertial__sb_append_len(&line, p, len) < 0) {
      rc = tertial__nomem("people CSV");
      break;
    }
    int split = tertial__csv_split(line.data, sep, fv, fl, MAX_CSV_FIELDS, &bad);
    size_t nf = split < 0 ? 0 : (size_t)split;
    if (split < 0) {
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: an unterminated quote, text after a closing quote or more than %d "
                          "fields", source, lineno, MAX_CSV_FIELDS);
    } else if (col[COL_KEY] < 0) {
      for (size_t i = 0; i < nf; i++)
        for (int c = 0; c < NCOLS; c++)
          if (g_ascii_strcasecmp(fv[i], col_names[c]) == 0)
            col[c] = (int)i;
      if (col[COL_KEY] < 0 || col[COL_NAME] < 0)
        rc = tertial__error(TERTIAL_ERR_PARSE,
                            "%s:%d: expected a header line naming the columns key;name[;email][;role;unit]", source,
                            lineno);
      else if ((col[COL_ROLE] < 0) != (col[COL_UNIT] < 0))
        rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: the columns role and unit come together", source, lineno);
    } else {
      csv_line l = {lineno, {NULL}, 0, TERTIAL_NO_UNIT, 0};
      for (int c = 0; c < NCOLS; c++)
        if (!(l.f[c] = tertial__strdup(col[c] >= 0 && (size_t)col[c] < nf ? fv[col[c]] : "")))
          rc = tertial__nomem("people CSV");
      uint32_t known, seen_line;
      const char *seen_name = NULL;
      if (rc < 0)
        ;
      else if (nf < 2)
        rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected %d fields separated by '%c', found %zu", source,
                            lineno, col[COL_UNIT] >= 0 ? 5 : 2, sep, nf);
      else if (!*l.f[COL_KEY])
        rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected a key", source, lineno);
      else if (tertial__strmap_get(&r->people_by_key, l.f[COL_KEY], &known)) {
        if (*l.f[COL_NAME] && strcmp(l.f[COL_NAME], r->people[known].name) != 0)
          rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: the key \"%s\" is already %s, not %s", source, lineno,
                              l.f[COL_KEY], r->people[known].name, l.f[COL_NAME]);
      } else if (tertial__strmap_get(&seen, l.f[COL_KEY], &seen_line) &&
                 (seen_name = out->lines[seen_line].f[COL_NAME]) != NULL) {
        if (*l.f[COL_NAME] && strcmp(l.f[COL_NAME], seen_name) != 0)
          rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: the key \"%s\" is %s on an earlier line, not %s", source,
                              lineno, l.f[COL_KEY], seen_name, l.f[COL_NAME]);
      } else if (!*l.f[COL_NAME]) {
        rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected a name for the new person \"%s\"", source, lineno,
                            l.f[COL_KEY]);
      } else {
        l.new_person = 1;
        if (tertial__strmap_put(&seen, l.f[COL_KEY], (uint32_t)out->n) < 0)
          rc = tertial__nomem("people CSV");
        else
          out->people++;
      }
      if (rc == 0 && (*l.f[COL_ROLE] || *l.f[COL_UNIT])) {
        if (role_of_word(&l.role, l.f[COL_ROLE]) < 0)
          rc = tertial__error(TERTIAL_ERR_PARSE,
                              "%s:%d: expected a role (manager, head, economist, secretary, reader), found \"%s\"",
                              source, lineno, l.f[COL_ROLE]);
        else if (tertial_org_find(&l.unit, org, l.f[COL_UNIT]) < 0)
          rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected a unit code of the organisation, found \"%s\"",
                              source, lineno, l.f[COL_UNIT]);
        else
          out->roles++;
      }
      if (rc == 0 && tertial__grow((void **)&out->lines, &cap, out->n + 1, sizeof *out->lines) < 0)
        rc = TERTIAL_ERR_NOMEM;
      if (rc == 0)
        out->lines[out->n++] = l;
      else
        for (int c = 0; c < NCOLS; c++)
          free(l.f[c]);
    }
    p = next;
  }
  tertial__sb_clear(&line);
  tertial__strmap_free(&seen);
  if (rc == 0 && col[COL_KEY] < 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected a header line naming the columns key;name[;email][;role;unit]",
                        source, lineno ? lineno : 1);
  return rc;
}

static void import_free(import_args *a)
{
  for (size_t i = 0; i < a->n; i++)
    for (int c = 0; c < NCOLS; c++)
      free(a->lines[i].f[c]);
  free(a->lines);
  free(a->rw_people);
  free(a->rw_roles);
}

static void discard_import(tertial__round *r, change *c, void *ctx)
{
  (void)c;
  import_args *a = ctx;
  for (size_t i = 0; i < a->added; i++) {
    free(r->people[r->npeople + i].key);
    free(r->people[r->npeople + i].name);
    free(r->people[r->npeople + i].email);
  }
  a->added = 0;
  tertial__strmap_free(&a->map);
}

/* Prepare a read import: the new people's records, a new key map and room for the roles are made
 * first, so that it is all or nothing. */
static int apply_import(tertial__round *r, change *c, void *ctx)
{
  import_args *a = ctx;
  size_t nrw = 0;
  int rc = r->npeople + a->people >= UINT32_MAX - 1 ? tertial__error(TERTIAL_ERR_RANGE, "too many people") : 0;
  if (rc == 0)
    rc = tertial__grow((void **)&r->people, &r->cap_people, r->npeople + a->people, sizeof *r->people);
  if (rc == 0)
    rc = tertial__grow((void **)&r->assignments, &r->cap_assign, r->nassign + a->roles, sizeof *r->assignments);
  if (rc == 0 && !(a->rw_people = tertial__calloc(a->people + 1, sizeof *a->rw_people)))
    rc = TERTIAL_ERR_NOMEM;
  if (rc == 0 && !(a->rw_roles = tertial__calloc(a->roles + 1, sizeof *a->rw_roles)))
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < r->npeople; i++)
    rc = tertial__strmap_put(&a->map, r->people[i].key, (uint32_t)i);
  for (size_t i = 0; rc == 0 && i < a->n; i++) {
    const csv_line *l = &a->lines[i];
    if (l->unit != TERTIAL_NO_UNIT)
      a->rw_roles[nrw++] = (tertial__rw_role){l->f[COL_KEY], l->role, l->unit};
    if (!l->new_person)
      continue;
    size_t at = r->npeople + a->added;
    person_rec *p = &r->people[at];
    *p = (person_rec){{0}, tertial__strdup(l->f[COL_KEY]), tertial__strdup(l->f[COL_NAME]),
                      tertial__strdup(l->f[COL_EMAIL])};
    a->rw_people[a->added] = (tertial__rw_person){p->key, p->name, p->email};
    a->added++;
    rc = p->key && p->name && p->email ? tertial__strmap_put(&a->map, p->key, (uint32_t)at) : TERTIAL_ERR_NOMEM;
    p->pub = (tertial_person){(tertial_person_id)at, p->key, p->name, p->email};
  }
  if (rc == 0)
    rc = tertial__sb_printf(&c->after, "%zu people, %zu roles from the import", a->people, a->roles);
  c->w.kind = TERTIAL__RW_IMPORT;
  c->w.people = a->rw_people;
  c->w.npeople = a->added;
  c->w.roles = a->rw_roles;
  c->w.nroles = nrw;
  return rc;
}

static void commit_import(tertial__round *r, change *c, void *ctx)
{
  (void)c;
  import_args *a = ctx;
  /* nothing fails: the roles have room */
  r->npeople += a->added;
  a->added = 0;
  tertial__strmap_free(&r->people_by_key);
  r->people_by_key = a->map;
  a->map = (tertial_strmap){0};
  for (size_t i = 0; i < a->n; i++) {
    const csv_line *l = &a->lines[i];
    uint32_t id;
    if (l->unit != TERTIAL_NO_UNIT && tertial__strmap_get(&r->people_by_key, l->f[COL_KEY], &id))
      assignment_put(r, id, l->role, l->unit);
  }
}

int tertial_round_people_parse(tertial_round *round, const tertial_actor *actor, const char *text,
                               const char *source)
{
  if (!round || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_people_parse: NULL argument");
  tertial__round *r = R(round);
  if (!source)
    source = "people";
  if (!actor && r->npeople > 0)
    return tertial__error(TERTIAL_ERR_NOT_PERMITTED,
                          "%s: an import without a person acting is only for an empty directory; it has %zu people",
                          source, r->npeople);
  import_args a = {NULL, 0, 0, 0, {0}, 0, NULL, NULL};
  int rc = actor ? may_at(r, actor, TERTIAL_ACTION_PEOPLE, TERTIAL_NO_UNIT, NULL) : 0;
  if (rc == 0)
    rc = import_read(&a, r, text, source);
  if (rc == 0) {
    change c = {TERTIAL_ACTION_PEOPLE, TERTIAL_NO_UNIT, NULL, "people import", NULL, 0, apply_import, &a, {0}, {0}, NULL, NULL, 0, 0, {0}};
    c.commit = commit_import;
    c.discard = discard_import;
    c.unchecked = actor == NULL;
    rc = gate(r, actor, &c);
  }
  import_free(&a);
  return rc;
}

/* ---- texts ---- */

/* The key of a text in texts_by_key (malloc'ed; NULL when memory runs out, with the error set). */
static char *text_key(unsigned unit, long point, tertial_text_kind kind, const char *row)
{
  tertial_strbuf sb = {0};
  if (tertial__sb_printf(&sb, "%u/%ld/%d/%s", unit, point, (int)kind, row ? row : "") < 0) {
    tertial__sb_clear(&sb);
    tertial__nomem("text key");
    return NULL;
  }
  return tertial__sb_steal(&sb);
}

static text_rec *text_find(const tertial__round *r, tertial_unit_id unit, const char *point_code,
                           tertial_text_kind kind, const char *row)
{
  if (!point_code)
    return NULL;
  long p = point_index_of(r, point_code);
  if (p < 0)
    return NULL;
  char *key = text_key(unit, p, kind, kind == TERTIAL_TEXT_ROW_COMMENT ? row : NULL);
  uint32_t idx;
  int found = key && tertial__strmap_get(&r->texts_by_key, key, &idx);
  free(key);
  return found ? r->texts[idx] : NULL;
}

typedef struct text_args {
  tertial_text_kind kind;
  const char *row, *text;
  uint64_t *out_version;
  const tertial_actor *actor;
  text_rec *t; /* prepared: the record (made empty if new: it reads as no text) and the copy */
  char *copy;
} text_args;

static int apply_text(tertial__round *r, change *c, void *ctx)
{
  text_args *a = ctx;
  text_rec *t = text_find(r, c->unit, c->pt->code, a->kind, a->row);
  if (!t) {
    t = tertial__calloc(1, sizeof *t);
    if (t)
      t->key = text_key(c->unit, c->pt->index, a->kind, a->kind == TERTIAL_TEXT_ROW_COMMENT ? a->row : NULL);
    if (!t || !t->key || tertial__grow((void **)&r->texts, &r->cap_texts, r->ntexts + 1, sizeof *r->texts) < 0 ||
        tertial__strmap_put(&r->texts_by_key, t->key, (uint32_t)r->ntexts) < 0) {
      if (t)
        free(t->key);
      free(t);
      return tertial__nomem("text");
    }
    r->texts[r->ntexts++] = t;
  }
  a->t = t;
  a->copy = tertial__strdup(a->text);
  int rc = a->copy ? tertial__grow((void **)&t->versions, &t->cap, t->n + 1, sizeof *t->versions) : TERTIAL_ERR_NOMEM;
  if (rc == 0 && t->n)
    rc = tertial__sb_append(&c->before, t->versions[t->n - 1].text);
  if (rc == 0)
    rc = tertial__sb_append(&c->after, a->text);
  c->w.kind = TERTIAL__RW_TEXT;
  c->w.text_kind = a->kind;
  c->w.row = a->kind == TERTIAL_TEXT_ROW_COMMENT ? a->row : "";
  c->w.text = a->text;
  return rc;
}

static void commit_text(tertial__round *r, change *c, void *ctx)
{
  text_args *a = ctx;
  text_rec *t = a->t;
  /* a store numbers the versions (another process's versions not loaded here leave a gap) */
  uint64_t version = r->hook.write ? c->w.version : t->n ? t->versions[t->n - 1].version + 1 : 1;
  t->versions[t->n++] = (tertial_text_version){a->copy, a->actor->person, a->actor->on_behalf_of, c->when, version};
  a->copy = NULL;
  if (a->out_version)
    *a->out_version = version;
}

static void discard_text(tertial__round *r, change *c, void *ctx)
{
  (void)r;
  (void)c;
  text_args *a = ctx;
  free(a->copy);
  a->copy = NULL;
}

int tertial_round_text_set_as(tertial_round *round, const tertial_actor *actor, tertial_unit_id unit,
                              const char *point_code, tertial_text_kind kind, const char *row_code, const char *text,
                              uint64_t version_read, uint64_t *out_version)
{
  if (!round || !text || !point_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_text_set_as: NULL argument");
  tertial__round *r = R(round);
  if ((unsigned)kind > TERTIAL_TEXT_ROW_COMMENT)
    return tertial__error(TERTIAL_ERR_INVALID, "unknown text kind %d", (int)kind);
  if (!g_utf8_validate(text, -1, NULL))
    return tertial__error(TERTIAL_ERR_INVALID, "a text must be UTF-8");
  int row;
  if (kind == TERTIAL_TEXT_ROW_COMMENT &&
      (!row_code || tertial_rowmap_find_row(&row, tertial_model_rowmap(r->model), row_code) < 0))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "a row comment needs a report row of the mapping; \"%s\" is none",
                          row_code ? row_code : "");
  point_info pt;
  int rc = point_of(&pt, r, point_code);
  if (rc < 0)
    return rc;
  const text_rec *t = text_find(r, unit, point_code, kind, row_code);
  versioned v = {0, TERTIAL_NO_PERSON, 0};
  if (t && t->n)
    v = (versioned){t->versions[t->n - 1].version, t->versions[t->n - 1].person, t->versions[t->n - 1].when};
  char item[160];
  snprintf(item, sizeof item, "text %s%s%.100s", text_kind_words[kind], kind == TERTIAL_TEXT_ROW_COMMENT ? " " : "",
           kind == TERTIAL_TEXT_ROW_COMMENT ? row_code : "");
  text_args a = {kind, row_code, text, out_version, actor, NULL, NULL};
  change c = {TERTIAL_ACTION_TEXT, unit, &pt, item, &v, version_read, apply_text, &a, {0}, {0}, NULL, NULL, 0, 0, {0}};
  c.commit = commit_text;
  c.discard = discard_text;
  return gate(r, actor, &c);
}

const tertial_text_version *tertial_round_text(const tertial_round *round, tertial_unit_id unit,
                                               const char *point_code, tertial_text_kind kind, const char *row_code)
{
  const text_rec *t = round ? text_find(R(round), unit, point_code, kind, row_code) : NULL;
  return t && t->n ? &t->versions[t->n - 1] : NULL;
}

size_t tertial_round_text_history_count(const tertial_round *round, tertial_unit_id unit, const char *point_code,
                                        tertial_text_kind kind, const char *row_code)
{
  const text_rec *t = round ? text_find(R(round), unit, point_code, kind, row_code) : NULL;
  return t ? t->n : 0;
}

const tertial_text_version *tertial_round_text_history_at(const tertial_round *round, tertial_unit_id unit,
                                                          const char *point_code, tertial_text_kind kind,
                                                          const char *row_code, size_t index)
{
  const text_rec *t = round ? text_find(R(round), unit, point_code, kind, row_code) : NULL;
  return t && index < t->n ? &t->versions[index] : NULL;
}

/* ---- statuses up the line ---- */

int tertial_round_status(tertial_unit_status *out, tertial_round *round, tertial_unit_id unit, const char *point_code)
{
  if (!out || !round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_status: NULL argument");
  tertial__round *r = R(round);
  point_info pt;
  int rc = point_of(&pt, r, point_code);
  if (rc < 0)
    return rc;
  if (unit >= tertial_org_unit_count(tertial_model_org(r->model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  const status_rec *s = status_find(r, pt.index, unit);
  *out = s ? s->pub
           : (tertial_unit_status){TERTIAL_STATUS_NOT_STARTED, 0, 0, TERTIAL_NO_PERSON, TERTIAL_NO_PERSON, 0, ""};
  return 0;
}

typedef struct status_args status_args;

/* The checks of a status change that are not the gate's: the state and the order up the line,
 * the balance rule. They run inside the gate after the version check (a caller who read an old
 * version is told of the conflict, not of the state it did not see). */
typedef int (*status_check_fn)(tertial__round *r, const tertial_actor *actor, tertial_unit_id unit,
                               const point_info *pt, status_args *a);

struct status_args {
  tertial_status to;
  int escalated;
  const char *comment;
  const tertial_actor *actor;
  status_check_fn check;
  status_rec *st; /* prepared */
  char *copy;
};

static int apply_status(tertial__round *r, change *c, void *ctx)
{
  status_args *a = ctx;
  status_rec *st = NULL;
  int rc = a->check(r, a->actor, c->unit, c->pt, a);
  if (rc == 0)
    rc = status_make(&st, r, c->pt->index, c->unit);
  char *comment = rc == 0 ? tertial__strdup(a->comment ? a->comment : "") : NULL;
  if (rc == 0 && !comment)
    rc = TERTIAL_ERR_NOMEM;
  if (rc == 0)
    rc = tertial__sb_printf(&c->before, "%s%s", tertial_status_name(st->pub.status),
                            st->pub.escalated ? " (escalated)" : "");
  if (rc == 0)
    rc = tertial__sb_printf(&c->after, "%s%s%s%s", tertial_status_name(a->to), a->escalated ? " (escalated)" : "",
                            comment && *comment ? ": " : "", comment ? comment : "");
  a->st = rc == 0 ? st : NULL;
  a->copy = comment;
  c->w.kind = TERTIAL__RW_STATUS;
  c->w.status = a->to;
  c->w.escalated = a->escalated;
  c->w.text = comment ? comment : "";
  return rc;
}

static void commit_status(tertial__round *r, change *c, void *ctx)
{
  status_args *a = ctx;
  status_rec *st = a->st;
  free(st->comment);
  st->comment = a->copy;
  a->copy = NULL;
  st->pub.comment = st->comment;
  st->pub.status = a->to;
  st->pub.escalated = a->escalated;
  st->pub.version = r->hook.write ? c->w.version : st->pub.version + 1;
  st->pub.person = a->actor->person;
  st->pub.on_behalf_of = a->actor->on_behalf_of;
  st->pub.when = c->when;
}

static void discard_status(tertial__round *r, change *c, void *ctx)
{
  (void)r;
  (void)c;
  status_args *a = ctx;
  free(a->copy);
  a->copy = NULL;
}

static int status_change(tertial_round *round, const tertial_actor *actor, tertial_unit_id unit,
                         const char *point_code, uint64_t version_read, status_args *a, status_check_fn check,
                         tertial_action action)
{
  if (!round)
    return tertial__error(TERTIAL_ERR_INVALID, "status change: NULL round");
  tertial__round *r = R(round);
  point_info pt;
  int rc = point_of(&pt, r, point_code);
  if (rc < 0)
    return rc;
  if (a->comment && !valid_text(a->comment))
    return tertial__error(TERTIAL_ERR_INVALID, "a comment must be UTF-8");
  a->actor = actor;
  a->check = check;
  if (unit >= tertial_org_unit_count(tertial_model_org(r->model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  const status_rec *s = status_find(r, pt.index, unit);
  versioned v = {s ? s->pub.version : 0, s ? s->pub.person : TERTIAL_NO_PERSON, s ? s->pub.when : 0};
  change c = {action, unit, &pt, "status", &v, version_read, apply_status, a, {0}, {0}, NULL, NULL, 0, 0, {0}};
  c.commit = commit_status;
  c.discard = discard_status;
  return gate(r, actor, &c);
}

static int check_submit(tertial__round *r, const tertial_actor *actor, tertial_unit_id unit, const point_info *pt,
                        status_args *a)
{
  (void)actor;
  (void)a;
  tertial_status s = status_at(r, pt->index, unit);
  if (s == TERTIAL_STATUS_SUBMITTED || s == TERTIAL_STATUS_APPROVED)
    return tertial__error(TERTIAL_ERR_STATE, "%s is already %s at %s",
                          tertial__unit_code(tertial_model_org(r->model), unit), tertial_status_name(s), pt->code);
  /* every child, as the organisation stands at the point's cut-off, submitted or approved */
  const tertial_org *org = tertial_model_org(r->model);
  size_t nunits = tertial_org_unit_count(org);
  int rc = 0;
  if (!r->kids || r->kids_period != pt->period || r->kids_revision != tertial__org_revision(org) ||
      r->kids_units != nunits) {
    size_t *first = NULL;
    tertial_unit_id *kids = NULL;
    if ((rc = tertial__org_children(org, pt->period, &first, &kids)) < 0)
      return rc;
    free(r->kids_first);
    free(r->kids);
    r->kids_first = first;
    r->kids = kids;
    r->kids_period = pt->period;
    r->kids_revision = tertial__org_revision(org);
    r->kids_units = nunits;
  }
  tertial_strbuf sb = {0};
  size_t open = 0;
  for (size_t i = r->kids_first[unit]; rc == 0 && i < r->kids_first[unit + 1]; i++) {
    tertial_status cs = status_at(r, pt->index, r->kids[i]);
    if (cs == TERTIAL_STATUS_SUBMITTED || cs == TERTIAL_STATUS_APPROVED)
      continue;
    rc = tertial__sb_append(&sb, open++ ? ", " : "");
    if (rc == 0)
      rc = unit_text(&sb, r, r->kids[i]);
    if (rc == 0)
      rc = tertial__sb_printf(&sb, " %s", tertial_status_name(cs));
  }
  if (rc == 0 && open) {
    char *list = tertial__sb_steal(&sb);
    rc = tertial__error(TERTIAL_ERR_STATE, "%s cannot be submitted at %s before its children: %zu not submitted: %s",
                        tertial__unit_code(org, unit), pt->code, open, list);
    free(list);
  }
  tertial__sb_clear(&sb);
  return rc;
}

int tertial_round_submit_as(tertial_round *round, const tertial_actor *actor, tertial_unit_id unit,
                            const char *point_code, uint64_t version_read, const char *comment)
{
  status_args a = {TERTIAL_STATUS_SUBMITTED, 0, comment, NULL, NULL, NULL, NULL};
  return status_change(round, actor, unit, point_code, version_read, &a, check_submit, TERTIAL_ACTION_SUBMIT);
}

/* The deviation (Årets budget − Årets prognos) and annual budget of a unit's subtree. */
static int subtree_figures(int64_t *dev, int64_t *budget, tertial_model *model, tertial_unit_id unit, int cutoff)
{
  tertial_followup *t;
  int rc = tertial_followup_new(&t, model, unit, cutoff, NULL);
  if (rc < 0)
    return rc;
  const tertial_followup_line *total = tertial_followup_line_at(t, tertial_followup_line_count(t) - 1);
  *dev = total->value[TERTIAL_COL_FORECAST_DEVIATION];
  if (budget)
    *budget = total->value[TERTIAL_COL_BUDGET_YEAR];
  tertial_followup_free(t);
  return 0;
}

static int check_approve(tertial__round *r, const tertial_actor *actor, tertial_unit_id unit, const point_info *pt,
                         status_args *a)
{
  const tertial_org *org = tertial_model_org(r->model);
  tertial_status s = status_at(r, pt->index, unit);
  if (s != TERTIAL_STATUS_SUBMITTED)
    return tertial__error(TERTIAL_ERR_STATE, "%s is %s at %s; only a submitted unit is approved",
                          tertial__unit_code(org, unit), tertial_status_name(s), pt->code);
  if (a->escalated && (!a->comment || !*a->comment))
    return tertial__error(TERTIAL_ERR_INVALID, "an escalation needs a comment");
  /* the balance rule */
  int64_t dev, budget;
  int rc = subtree_figures(&dev, &budget, r->model, unit, pt->cutoff);
  if (rc < 0)
    return rc;
  int level = tertial_org_unit(org, unit)->level;
  threshold th = level >= 0 && (size_t)level < r->nthresholds ? r->thresholds[level] : (threshold){0, 0};
  int64_t limit = th.amount, share = 0;
  if (th.per_mille) {
    tertial_i128 b = budget < 0 ? -(tertial_i128)budget : budget;
    share = (int64_t)tertial__div_round(b * th.per_mille, 1000);
    if (share > limit)
      limit = share;
  }
  if (dev >= 0 || -(tertial_i128)dev <= limit) {
    a->escalated = 0; /* nothing to escalate */
    return 0;
  }
  tertial_unit_id head = head_unit_above(r, actor->person, unit, pt->period);
  int64_t head_dev = 0;
  if ((rc = subtree_figures(&head_dev, NULL, r->model, head, pt->cutoff)) < 0)
    return rc;
  if (head_dev >= 0) {
    a->escalated = 0;
    return 0;
  }
  int64_t effect = 0;
  for (size_t i = 0; i < tertial_measure_count(r->model); i++) {
    const tertial_measure *m = tertial_measure_at(r->model, i);
    if ((m->status == TERTIAL_MEASURE_DECIDED || m->status == TERTIAL_MEASURE_IN_PROGRESS) &&
        tertial_org_is_within(org, m->unit, unit, pt->period) == 1 && tertial_money_add(&effect, effect, m->effect) < 0)
      return TERTIAL_ERR_OVERFLOW;
  }
  if ((tertial_i128)effect + dev >= 0) {
    a->escalated = 0;
    return 0;
  }
  if (a->escalated)
    return 0;
  char d[40], l[40], h[40], e[40];
  return tertial__error(TERTIAL_ERR_STATE,
                        "the balance rule: %s (%s) forecasts a deviation of %s kr at %s, beyond the threshold of %s kr "
                        "of its level; the approver's %s is not in balance (%s kr) and the decided or ongoing "
                        "measures cover %s kr: add measures, or escalate with a comment",
                        tertial__unit_code(org, unit), tertial__unit_name(org, unit), kr_text(d, dev), pt->code,
                        kr_text(l, limit), tertial__unit_code(org, head), kr_text(h, head_dev), kr_text(e, effect));
}

int tertial_round_approve_as(tertial_round *round, const tertial_actor *actor, tertial_unit_id unit,
                             const char *point_code, uint64_t version_read, int escalate, const char *comment)
{
  status_args a = {TERTIAL_STATUS_APPROVED, escalate ? 1 : 0, comment, NULL, NULL, NULL, NULL};
  return status_change(round, actor, unit, point_code, version_read, &a, check_approve, TERTIAL_ACTION_APPROVE);
}

static int check_return(tertial__round *r, const tertial_actor *actor, tertial_unit_id unit, const point_info *pt,
                        status_args *a)
{
  (void)actor;
  tertial_status s = status_at(r, pt->index, unit);
  if (s != TERTIAL_STATUS_SUBMITTED && s != TERTIAL_STATUS_APPROVED)
    return tertial__error(TERTIAL_ERR_STATE, "%s is %s at %s; only a submitted or approved unit is returned",
                          tertial__unit_code(tertial_model_org(r->model), unit), tertial_status_name(s), pt->code);
  if (!a->comment || !*a->comment)
    return tertial__error(TERTIAL_ERR_INVALID, "a unit is returned with a comment saying why");
  return 0;
}

int tertial_round_return_as(tertial_round *round, const tertial_actor *actor, tertial_unit_id unit,
                            const char *point_code, uint64_t version_read, const char *comment)
{
  status_args a = {TERTIAL_STATUS_RETURNED, 0, comment, NULL, NULL, NULL, NULL};
  return status_change(round, actor, unit, point_code, version_read, &a, check_return, TERTIAL_ACTION_RETURN);
}

typedef struct threshold_args {
  int level;
  threshold value;
} threshold_args;

/* Room for every level is made first (the new ones at 0 and 0, as before). */
static int apply_threshold(tertial__round *r, change *c, void *ctx)
{
  threshold_args *a = ctx;
  size_t levels = tertial_org_level_count(tertial_model_org(r->model));
  if (a->level < 0 || (size_t)a->level >= levels || a->value.amount < 0 || a->value.per_mille < 0 ||
      a->value.per_mille > 1000)
    return tertial__error(TERTIAL_ERR_RANGE, "threshold: level %d of %zu, amount ≥ 0 and 0..1000 per mille", a->level,
                          levels);
  if ((size_t)a->level >= r->nthresholds) {
    threshold *t = realloc(r->thresholds, levels * sizeof *t);
    if (!t)
      return tertial__nomem("thresholds");
    for (size_t i = r->nthresholds; i < levels; i++)
      t[i] = (threshold){0, 0};
    r->thresholds = t;
    r->nthresholds = levels;
  }
  c->w.kind = TERTIAL__RW_THRESHOLD;
  c->w.level = a->level;
  c->w.amount = a->value.amount;
  c->w.per_mille = a->value.per_mille;
  return 0;
}

static void commit_threshold(tertial__round *r, change *c, void *ctx)
{
  (void)c;
  threshold_args *a = ctx;
  r->thresholds[a->level] = a->value;
}

int tertial_round_set_threshold(tertial_round *round, int level, int64_t amount, int per_mille)
{
  if (!round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_set_threshold: NULL round");
  threshold_args a = {level, {amount, per_mille}};
  change c = {TERTIAL_ACTION_READ, TERTIAL_NO_UNIT, NULL, "threshold", NULL, 0, apply_threshold, &a, {0}, {0}, NULL, NULL, 0, 0, {0}};
  c.commit = commit_threshold;
  c.unchecked = 1;
  return gate(R(round), NULL, &c);
}

/* ---- the lock ---- */

typedef struct lock_args {
  int locked;
  const tertial_actor *actor;
} lock_args;

static int apply_lock(tertial__round *r, change *c, void *ctx)
{
  lock_args *a = ctx;
  point_rec *p = &r->points[c->pt->index];
  if (p->locked == a->locked)
    return tertial__error(TERTIAL_ERR_STATE, "follow-up point %s is already %s", p->code,
                          a->locked ? "locked" : "unlocked");
  int rc = tertial__sb_append(&c->before, p->locked ? "locked" : "open");
  if (rc == 0)
    rc = tertial__sb_append(&c->after, a->locked ? "locked" : "open");
  c->w.kind = TERTIAL__RW_LOCK;
  c->w.locked = a->locked;
  return rc;
}

static void commit_lock(tertial__round *r, change *c, void *ctx)
{
  lock_args *a = ctx;
  point_rec *p = &r->points[c->pt->index];
  p->locked = a->locked;
  p->by = a->actor->person;
  p->since = c->when;
}

int tertial_round_lock_as(tertial_round *round, const tertial_actor *actor, const char *point_code, int locked)
{
  point_info pt;
  int rc = round_point(&pt, round, point_code, "tertial_round_lock_as");
  if (rc < 0)
    return rc;
  lock_args a = {locked ? 1 : 0, actor};
  change c = {TERTIAL_ACTION_LOCK, TERTIAL_NO_UNIT, &pt, "lock", NULL, 0, apply_lock, &a, {0}, {0}, NULL, NULL, 0, 0, {0}};
  c.commit = commit_lock;
  return gate(R(round), actor, &c);
}

int tertial_round_is_locked(const tertial_round *round, const char *point_code, tertial_person_id *out_by,
                            time_t *out_since)
{
  if (!round || !point_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_is_locked: NULL argument");
  point_info pt;
  int rc = point_of(&pt, R(round), point_code);
  if (rc < 0)
    return rc;
  const point_rec *p = pt.index >= 0 ? &R(round)->points[pt.index] : NULL;
  if (out_by)
    *out_by = p && p->locked ? p->by : TERTIAL_NO_PERSON;
  if (out_since)
    *out_since = p && p->locked ? p->since : 0;
  return p && p->locked;
}

/* ---- the checked changes of the forecast plan, measures, accruals and snapshots ---- */

/* Run a change of the forecast plan with the plan's cut-off at the point's, so that a frozen
 * point refuses it (TERTIAL_ERR_STATE); the plan's own setting is restored after. */
typedef struct plan_call {
  int (*call)(tertial__round *r, change *c, void *args);
  void *args;
} plan_call;

static int apply_at_cutoff(tertial__round *r, change *c, void *ctx)
{
  plan_call *pc = ctx;
  tertial_forecast_plan *plan = tertial_model_forecast_plan(r->model);
  int saved = tertial_forecast_cutoff(plan);
  int rc = tertial_forecast_set_cutoff(plan, c->pt->cutoff);
  if (rc == 0)
    rc = pc->call(r, c, pc->args);
  tertial_forecast_set_cutoff(plan, saved);
  return rc;
}

static const char *adjust_kind_words[] = {"known factor", "measure taken", "planned measure"};

static int adjustment_text(tertial_strbuf *sb, const tertial_adjustment *a)
{
  char kr[40];
  return tertial__sb_printf(sb, "%s %s kr %s: %s", a->row_code, kr_text(kr, a->amount),
                            (unsigned)a->kind < 3 ? adjust_kind_words[a->kind] : "?", a->reason);
}

typedef struct adjustment_args {
  size_t *out_index;
  const char *row_code, *reason;
  int64_t amount;
  tertial_adjustment_kind kind;
  size_t index;
} adjustment_args;

static int call_add_adjustment(tertial__round *r, change *c, void *args)
{
  adjustment_args *a = args;
  tertial_forecast_plan *plan = tertial_model_forecast_plan(r->model);
  tertial_adjustment preview = {c->unit, a->row_code ? a->row_code : "", a->amount, a->kind,
                                a->reason ? a->reason : ""};
  int rc = adjustment_text(&c->after, &preview);
  if (rc == 0)
    rc = tertial_forecast_add_adjustment(plan, c->unit, a->row_code, a->amount, a->kind, a->reason);
  if (rc == 0 && a->out_index)
    *a->out_index = tertial_forecast_adjustment_count(plan) - 1;
  return rc;
}

int tertial_round_adjustment_add_as(size_t *out_index, tertial_round *round, const tertial_actor *actor,
                                    const char *point_code, tertial_unit_id unit, const char *row_code, int64_t amount,
                                    tertial_adjustment_kind kind, const char *reason)
{
  point_info pt;
  int rc = round_point(&pt, round, point_code, "tertial_round_adjustment_add_as");
  if (rc < 0)
    return rc;
  char item[48];
  snprintf(item, sizeof item, "adjustment %zu", tertial_forecast_adjustment_count(
                                                    tertial_model_forecast_plan(R(round)->model)));
  adjustment_args a = {out_index, row_code, reason, amount, kind, 0};
  plan_call pc = {call_add_adjustment, &a};
  change c = {TERTIAL_ACTION_FORECAST, unit, &pt, item, NULL, 0, apply_at_cutoff, &pc, {0}, {0}, NULL, NULL, 0, 0, {0}};
  return gate(R(round), actor, &c);
}

static int call_remove_adjustment(tertial__round *r, change *c, void *args)
{
  adjustment_args *a = args;
  tertial_forecast_plan *plan = tertial_model_forecast_plan(r->model);
  int rc = adjustment_text(&c->before, tertial_forecast_adjustment_at(plan, a->index));
  if (rc == 0)
    rc = tertial__sb_append(&c->after, "");
  return rc == 0 ? tertial_forecast_remove_adjustment(plan, a->index) : rc;
}

int tertial_round_adjustment_remove_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                       size_t index)
{
  point_info pt;
  int rc = round_point(&pt, round, point_code, "tertial_round_adjustment_remove_as");
  if (rc < 0)
    return rc;
  const tertial_adjustment *adj = tertial_forecast_adjustment_at(tertial_model_forecast_plan(R(round)->model), index);
  if (!adj)
    return tertial__error(TERTIAL_ERR_RANGE, "no adjustment %zu", index);
  char item[48];
  snprintf(item, sizeof item, "adjustment %zu", index);
  adjustment_args a = {NULL, NULL, NULL, 0, 0, index};
  plan_call pc = {call_remove_adjustment, &a};
  change c = {TERTIAL_ACTION_FORECAST, adj->unit, &pt, item, NULL, 0, apply_at_cutoff, &pc, {0}, {0}, NULL, NULL, 0, 0, {0}};
  return gate(R(round), actor, &c);
}

typedef struct method_args {
  const char *row_code;
  tertial_forecast_method method;
  int n;
} method_args;

static int call_set_method(tertial__round *r, change *c, void *args)
{
  method_args *a = args;
  tertial_forecast_plan *plan = tertial_model_forecast_plan(r->model);
  tertial_forecast_method old;
  int oldn = 0, rc = 0;
  if (a->row_code && tertial_forecast_method_of(&old, &oldn, plan, c->unit, a->row_code) == 0)
    rc = tertial__sb_printf(&c->before, "%s", tertial_forecast_method_name(old) ? tertial_forecast_method_name(old)
                                                                                : "?");
  tertial_error_clear();
  if (rc == 0)
    rc = tertial__sb_printf(&c->after, "%s %s", a->row_code ? a->row_code : "every row",
                            tertial_forecast_method_name(a->method) ? tertial_forecast_method_name(a->method) : "?");
  return rc == 0 ? tertial_forecast_set_method(plan, c->unit, a->row_code, a->method, a->n) : rc;
}

int tertial_round_method_set_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                tertial_unit_id unit, const char *row_code, tertial_forecast_method method,
                                int run_rate_months)
{
  point_info pt;
  int rc = round_point(&pt, round, point_code, "tertial_round_method_set_as");
  if (rc < 0)
    return rc;
  method_args a = {row_code, method, run_rate_months};
  plan_call pc = {call_set_method, &a};
  change c = {TERTIAL_ACTION_FORECAST, unit, &pt, "method", NULL, 0, apply_at_cutoff, &pc, {0}, {0}, NULL, NULL, 0, 0, {0}};
  return gate(R(round), actor, &c);
}

typedef struct measure_args {
  size_t *out_index;
  const char *row_code, *description, *cause, *consequence, *follow_up;
  int64_t effect;
  tertial_date due;
  size_t index;
  tertial_measure_status status;
} measure_args;

static const char *measure_status_words[] = {"proposed", "decided", "in progress", "done", "cancelled"};

static const char *measure_status_name(tertial_measure_status s)
{
  return (unsigned)s < 5 ? measure_status_words[s] : "?";
}

static int call_measure_add(tertial__round *r, change *c, void *args)
{
  measure_args *a = args;
  char kr[40];
  int rc = tertial__sb_printf(&c->after, "%s: %s, effect %s kr", a->row_code ? a->row_code : "",
                              a->description ? a->description : "", kr_text(kr, a->effect));
  return rc == 0 ? tertial_measure_add(a->out_index, r->model, c->unit, a->row_code, a->description, a->cause,
                                       a->effect, a->consequence, a->due)
                 : rc;
}

int tertial_round_measure_add_as(size_t *out_index, tertial_round *round, const tertial_actor *actor,
                                 const char *point_code, tertial_unit_id unit, const char *row_code,
                                 const char *description, const char *cause, int64_t effect, const char *consequence,
                                 tertial_date due)
{
  point_info pt;
  int rc = round_point(&pt, round, point_code, "tertial_round_measure_add_as");
  if (rc < 0)
    return rc;
  char item[48];
  /* the trail numbers measures as the CLI does, from 1 */
  snprintf(item, sizeof item, "measure %zu", tertial_measure_count(R(round)->model) + 1);
  measure_args a = {out_index, row_code, description, cause, consequence, NULL, effect, due, 0, 0};
  change c = {TERTIAL_ACTION_MEASURE, unit, &pt, item, NULL, 0, call_measure_add, &a, {0}, {0}, NULL, NULL, 0, 0, {0}};
  return gate(R(round), actor, &c);
}

static int call_measure_status(tertial__round *r, change *c, void *args)
{
  measure_args *a = args;
  const tertial_measure *m = tertial_measure_at(r->model, a->index);
  int rc = tertial__sb_printf(&c->before, "%s", measure_status_name(m->status));
  if (rc == 0)
    rc = tertial__sb_printf(&c->after, "%s%s%s", measure_status_name(a->status), a->follow_up ? ": " : "",
                            a->follow_up ? a->follow_up : "");
  return rc == 0 ? tertial_measure_set_status(r->model, a->index, a->status, a->follow_up) : rc;
}

static int call_measure_feed(tertial__round *r, change *c, void *args)
{
  measure_args *a = args;
  int rc = tertial__sb_append(&c->before, "not in the forecast");
  if (rc == 0)
    rc = tertial__sb_append(&c->after, "in the forecast");
  return rc == 0 ? tertial_measure_feed_forecast(r->model, a->index) : rc;
}

static int measure_change(tertial_round *round, const tertial_actor *actor, const char *point_code, measure_args *a,
                          int (*call)(tertial__round *, change *, void *), const char *what)
{
  int rc = need_round(round, what);
  point_info pt;
  if (rc == 0)
    rc = point_of(&pt, R(round), point_code);
  if (rc < 0)
    return rc;
  const tertial_measure *m = tertial_measure_at(R(round)->model, a->index);
  if (!m)
    return tertial__error(TERTIAL_ERR_RANGE, "no measure %zu", a->index);
  char item[48];
  snprintf(item, sizeof item, "measure %zu", a->index + 1); /* numbered from 1, as the CLI does */
  /* a measure in the forecast moves its adjustment: the plan's gate for a frozen point holds */
  plan_call pc = {call, a};
  change c = {TERTIAL_ACTION_MEASURE, m->unit, &pt, item, NULL, 0, apply_at_cutoff, &pc, {0}, {0}, NULL, NULL, 0, 0, {0}};
  return gate(R(round), actor, &c);
}

int tertial_round_measure_set_status_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                        size_t index, tertial_measure_status status, const char *follow_up)
{
  measure_args a = {NULL, NULL, NULL, NULL, NULL, follow_up, 0, {0, 0, 0}, index, status};
  return measure_change(round, actor, point_code, &a, call_measure_status, "tertial_round_measure_set_status_as");
}

int tertial_round_measure_feed_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                  size_t index)
{
  measure_args a = {NULL, NULL, NULL, NULL, NULL, NULL, 0, {0, 0, 0}, index, 0};
  return measure_change(round, actor, point_code, &a, call_measure_feed, "tertial_round_measure_feed_as");
}

static int call_measure_goal(tertial__round *r, change *c, void *args)
{
  measure_args *a = args;
  const tertial_measure *m = tertial_measure_at(r->model, a->index);
  int rc = tertial__sb_printf(&c->before, "goal %s", *m->goal ? m->goal : "none");
  if (rc == 0)
    rc = tertial__sb_printf(&c->after, "goal %s", a->description && *a->description ? a->description : "none");
  return rc == 0 ? tertial_measure_set_goal(r->model, a->index, a->description) : rc;
}

int tertial_round_measure_set_goal_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                      size_t index, const char *goal_code)
{
  measure_args a = {NULL, NULL, goal_code, NULL, NULL, NULL, 0, {0, 0, 0}, index, 0};
  return measure_change(round, actor, point_code, &a, call_measure_goal, "tertial_round_measure_set_goal_as");
}

static const char *measure_kind_name(tertial_measure_kind k)
{
  return k == TERTIAL_MEASURE_EFFICIENCY ? "efficiency" : "for a deviation";
}

static int call_measure_kind(tertial__round *r, change *c, void *args)
{
  measure_args *a = args;
  const tertial_measure *m = tertial_measure_at(r->model, a->index);
  tertial_measure_kind kind = (tertial_measure_kind)a->status; /* the kind rides in the status field */
  int rc = tertial__sb_printf(&c->before, "kind %s", measure_kind_name(m->kind));
  if (rc == 0)
    rc = tertial__sb_printf(&c->after, "kind %s", measure_kind_name(kind));
  return rc == 0 ? tertial_measure_set_kind(r->model, a->index, kind) : rc;
}

int tertial_round_measure_set_kind_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                      size_t index, tertial_measure_kind kind)
{
  measure_args a = {NULL, NULL, NULL, NULL, NULL, NULL, 0, {0, 0, 0}, index, (tertial_measure_status)kind};
  return measure_change(round, actor, point_code, &a, call_measure_kind, "tertial_round_measure_set_kind_as");
}

typedef struct accrual_args {
  const char *account, *reason;
  int month;
  int64_t amount;
} accrual_args;

static int apply_accrual(tertial__round *r, change *c, void *ctx)
{
  accrual_args *a = ctx;
  char kr[40];
  int rc = tertial__sb_printf(&c->after, "%s month %d %s kr: %s", a->account ? a->account : "", a->month + 1,
                              kr_text(kr, a->amount), a->reason ? a->reason : "");
  return rc == 0 ? tertial_accrual_add(r->model, c->unit, a->account, a->month, a->amount, a->reason) : rc;
}

int tertial_round_accrual_add_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                 tertial_unit_id unit, const char *account_number, int month, int64_t amount,
                                 const char *reason)
{
  point_info pt;
  int rc = round_point(&pt, round, point_code, "tertial_round_accrual_add_as");
  if (rc < 0)
    return rc;
  char item[48];
  snprintf(item, sizeof item, "accrual %zu", tertial_accrual_count(R(round)->model));
  accrual_args a = {account_number, reason, month, amount};
  change c = {TERTIAL_ACTION_ACCRUAL, unit, &pt, item, NULL, 0, apply_accrual, &a, {0}, {0}, NULL, NULL, 0, 0, {0}};
  return gate(R(round), actor, &c);
}

static int apply_snapshot(tertial__round *r, change *c, void *ctx)
{
  const tertial_date *on = ctx;
  /* the point's snapshot is its forecast: the one applied at its cut-off */
  int applied = tertial__plan_applied_cutoff(tertial_model_forecast_plan(r->model));
  if (applied != c->pt->cutoff)
    return tertial__error(TERTIAL_ERR_STATE, "snapshot of %s: the forecast was applied at cut-off %d, the point's is "
                          "%d: apply it at the point's cut-off first (tertial_forecast_apply())", c->pt->code, applied,
                          c->pt->cutoff);
  int rc = tertial__sb_printf(&c->after, "frozen at cut-off %d on %04d-%02d-%02d", c->pt->cutoff, on->year, on->month,
                              on->day);
  return rc == 0 ? tertial_snapshot_take(NULL, r->model, c->pt->code, *on) : rc;
}

int tertial_round_snapshot_take_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                   tertial_date taken_on)
{
  point_info pt;
  int rc = round_point(&pt, round, point_code, "tertial_round_snapshot_take_as");
  if (rc < 0)
    return rc;
  change c = {TERTIAL_ACTION_SNAPSHOT, TERTIAL_NO_UNIT, &pt, "snapshot", NULL, 0, apply_snapshot, &taken_on, {0}, {0}, NULL, NULL, 0, 0, {0}};
  return gate(R(round), actor, &c);
}

/* ---- a round as a store holds it ---- */

/* A person by key for loading: "" or NULL is nobody. */
static int load_person_of(tertial_person_id *out, const tertial__round *r, const char *key)
{
  uint32_t id;
  *out = TERTIAL_NO_PERSON;
  if (!key || !*key)
    return 0;
  if (!tertial__strmap_get(&r->people_by_key, key, &id))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no person with key \"%s\" in the directory", key);
  *out = id;
  return 0;
}

static int load_point(point_info *pt, tertial__round *r, const char *code)
{
  int rc = point_of(pt, r, code);
  return rc < 0 ? rc : point_intern(r, pt);
}

int tertial__round_load_person(tertial__round *r, const char *key, const char *name, const char *email)
{
  uint32_t id;
  if (tertial__strmap_get(&r->people_by_key, key, &id))
    return tertial__error(TERTIAL_ERR_EXISTS, "the key \"%s\" twice", key);
  return person_put(NULL, r, key, name, email);
}

int tertial__round_load_role(tertial__round *r, const char *person, tertial_role role, tertial_unit_id unit)
{
  tertial_person_id p;
  int rc = load_person_of(&p, r, person);
  if (rc == 0)
    rc = check_assignment(r, p, role, unit);
  return rc < 0 ? rc : assignment_put(r, p, role, unit);
}

int tertial__round_load_text(tertial__round *r, tertial_unit_id unit, const char *point, tertial_text_kind kind,
                             const char *row, const char *text, const char *person, const char *on_behalf_of,
                             time_t when, uint64_t version)
{
  point_info pt;
  tertial_person_id p = TERTIAL_NO_PERSON, obo = TERTIAL_NO_PERSON;
  int rc = load_point(&pt, r, point);
  if (rc == 0)
    rc = load_person_of(&p, r, person);
  if (rc == 0)
    rc = load_person_of(&obo, r, on_behalf_of);
  if (rc == 0 && (unsigned)kind > TERTIAL_TEXT_ROW_COMMENT)
    rc = tertial__error(TERTIAL_ERR_INVALID, "unknown text kind %d", (int)kind);
  if (rc < 0)
    return rc;
  tertial_actor actor = {p, obo};
  text_args a = {kind, row, text, NULL, &actor, NULL, NULL};
  change c = {TERTIAL_ACTION_TEXT, unit, &pt, "text", NULL, 0, apply_text, &a, {0}, {0}, NULL, NULL, 0, 0, {0}};
  c.when = when;
  rc = apply_text(r, &c, &a);
  tertial__sb_clear(&c.before);
  tertial__sb_clear(&c.after);
  if (rc < 0) {
    discard_text(r, &c, &a);
    return rc;
  }
  c.w.version = version;
  a.t->versions[a.t->n++] = (tertial_text_version){a.copy, p, obo, when, version};
  return 0;
}

int tertial__round_load_status(tertial__round *r, tertial_unit_id unit, const char *point, tertial_status status,
                               int escalated, uint64_t version, const char *person, const char *on_behalf_of,
                               time_t when, const char *comment)
{
  point_info pt;
  tertial_person_id p = TERTIAL_NO_PERSON, obo = TERTIAL_NO_PERSON;
  status_rec *st = NULL;
  int rc = load_point(&pt, r, point);
  if (rc == 0)
    rc = load_person_of(&p, r, person);
  if (rc == 0)
    rc = load_person_of(&obo, r, on_behalf_of);
  if (rc == 0 && (unsigned)status >= TERTIAL_STATUS_COUNT)
    rc = tertial__error(TERTIAL_ERR_INVALID, "unknown status %d", (int)status);
  if (rc == 0 && unit >= tertial_org_unit_count(tertial_model_org(r->model)))
    rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  if (rc == 0)
    rc = status_make(&st, r, pt.index, unit);
  char *copy = rc == 0 ? tertial__strdup(comment ? comment : "") : NULL;
  if (rc < 0 || !copy)
    return rc < 0 ? rc : TERTIAL_ERR_NOMEM;
  free(st->comment);
  st->comment = copy;
  st->pub = (tertial_unit_status){status, escalated != 0, version, p, obo, when, copy};
  return 0;
}

int tertial__round_load_lock(tertial__round *r, const char *point, int locked, const char *person, time_t since)
{
  point_info pt;
  tertial_person_id p = TERTIAL_NO_PERSON;
  int rc = load_point(&pt, r, point);
  if (rc == 0)
    rc = load_person_of(&p, r, person);
  if (rc < 0)
    return rc;
  r->points[pt.index].locked = locked != 0;
  r->points[pt.index].by = p;
  r->points[pt.index].since = since;
  return 0;
}

int tertial__round_load_audit(tertial__round *r, uint64_t seq, time_t when, const char *person,
                              const char *on_behalf_of, tertial_action action, tertial_unit_id unit, const char *point,
                              const char *item, const char *before, const char *after)
{
  tertial_person_id p = TERTIAL_NO_PERSON, obo = TERTIAL_NO_PERSON;
  int rc = load_person_of(&p, r, person);
  if (rc == 0)
    rc = load_person_of(&obo, r, on_behalf_of);
  if (rc == 0)
    rc = tertial__grow((void **)&r->audit, &r->cap_audit, r->naudit + 1, sizeof *r->audit);
  if (rc < 0)
    return rc;
  audit_rec *a = tertial__calloc(1, sizeof *a);
  char *b = tertial__strdup(before), *f = tertial__strdup(after);
  if (a) {
    a->point = tertial__strdup(point);
    a->item = tertial__strdup(item);
  }
  if (!a || !a->point || !a->item || !b || !f) {
    audit_drop(a);
    free(b);
    free(f);
    return TERTIAL_ERR_NOMEM;
  }
  a->pub = (tertial_audit_entry){0, 0, p, obo, action, unit, a->point, a->item, "", ""};
  audit_push(r, a, seq, when, b, f);
  return 0;
}

/* ---- the audit trail ---- */

size_t tertial_round_audit_count(const tertial_round *round)
{
  return round ? R(round)->naudit : 0;
}

const tertial_audit_entry *tertial_round_audit_at(const tertial_round *round, size_t index)
{
  return round && index < R(round)->naudit ? &R(round)->audit[index]->pub : NULL;
}

int tertial_round_audit_query(size_t **out, size_t *out_n, const tertial_round *round,
                              const tertial_audit_filter *filter)
{
  if (!out || !out_n || !round || !filter)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_audit_query: NULL argument");
  const tertial__round *r = R(round);
  const tertial_org *org = tertial_model_org(r->model);
  int period = year_end_period(r);
  *out = NULL;
  *out_n = 0;
  size_t n = 0, cap = 0;
  size_t *idx = NULL;
  for (size_t i = 0; i < r->naudit; i++) {
    const tertial_audit_entry *e = &r->audit[i]->pub;
    if (filter->unit != TERTIAL_NO_UNIT &&
        !(e->unit == filter->unit ||
          (filter->subtree && e->unit != TERTIAL_NO_UNIT && tertial_org_is_within(org, e->unit, filter->unit, period) == 1)))
      continue;
    if (filter->person != TERTIAL_NO_PERSON && e->person != filter->person && e->on_behalf_of != filter->person)
      continue;
    if (filter->point && strcmp(filter->point, e->point) != 0)
      continue;
    if ((filter->from && e->when < filter->from) || (filter->to && e->when >= filter->to))
      continue;
    if (tertial__grow((void **)&idx, &cap, n + 1, sizeof *idx) < 0) {
      free(idx);
      return TERTIAL_ERR_NOMEM;
    }
    idx[n++] = i;
  }
  *out = idx;
  *out_n = n;
  return 0;
}

/* ---- progress ---- */

/* The point, and the units under root (pre-order) as the organisation stands at its cut-off;
 * *ids is malloc'ed. */
static int point_subtree(point_info *pt, tertial_unit_id **ids, size_t *n, const tertial__round *r,
                         tertial_unit_id root, const char *point_code)
{
  int rc = point_of(pt, r, point_code);
  return rc < 0 ? rc : tertial__org_preorder(tertial_model_org(r->model), root, pt->period, ids, NULL, n);
}

int tertial_round_progress(tertial_level_progress **out, size_t *out_n, tertial_round *round, tertial_unit_id root,
                           const char *point_code)
{
  if (!out || !out_n || !round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_progress: NULL argument");
  *out = NULL;
  *out_n = 0;
  tertial__round *r = R(round);
  point_info pt;
  const tertial_org *org = tertial_model_org(r->model);
  size_t levels = tertial_org_level_count(org), n = 0;
  tertial_unit_id *ids = NULL;
  int rc = point_subtree(&pt, &ids, &n, r, root, point_code);
  if (rc < 0)
    return rc;
  tertial_level_progress *p = tertial__calloc(levels ? levels : 1, sizeof *p);
  if (!p) {
    free(ids);
    return TERTIAL_ERR_NOMEM;
  }
  for (size_t l = 0; l < levels; l++)
    p[l].level = (int)l;
  for (size_t i = 0; i < n; i++) {
    int level = tertial_org_unit(org, ids[i])->level;
    if (level < 0 || (size_t)level >= levels)
      continue;
    p[level].units++;
    p[level].count[status_at(r, pt.index, ids[i])]++;
  }
  free(ids);
  *out = p;
  *out_n = levels;
  return 0;
}

int tertial_round_not_submitted(tertial_unit_id **out, size_t *out_n, tertial_round *round, tertial_unit_id root,
                                const char *point_code)
{
  if (!out || !out_n || !round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_not_submitted: NULL argument");
  *out = NULL;
  *out_n = 0;
  tertial__round *r = R(round);
  point_info pt;
  tertial_unit_id *ids = NULL;
  size_t n = 0, k = 0;
  int rc = point_subtree(&pt, &ids, &n, r, root, point_code);
  if (rc < 0)
    return rc;
  for (size_t i = 0; i < n; i++) {
    tertial_status s = status_at(r, pt.index, ids[i]);
    if (s != TERTIAL_STATUS_SUBMITTED && s != TERTIAL_STATUS_APPROVED)
      ids[k++] = ids[i];
  }
  if (k == 0) {
    free(ids);
    ids = NULL;
  }
  *out = ids;
  *out_n = k;
  return 0;
}

/* ---- deadlines ---- */

static int date_cmp(tertial_date a, tertial_date b)
{
  if (a.year != b.year)
    return a.year < b.year ? -1 : 1;
  if (a.month != b.month)
    return a.month < b.month ? -1 : 1;
  return a.day < b.day ? -1 : a.day > b.day;
}

/* The roles anyone holds on each unit, and those the person holds (one pass over the
 * assignments, so a walk up the tree is a few lookups). */
typedef struct holders {
  unsigned char *any, *mine;
} holders;

static int holders_make(holders *h, const tertial__round *r, tertial_person_id p, size_t units)
{
  h->any = tertial__calloc(units ? units : 1, 1);
  h->mine = tertial__calloc(units ? units : 1, 1);
  if (!h->any || !h->mine)
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; i < r->nassign; i++) {
    const tertial_assignment *a = &r->assignments[i];
    if (a->unit < units) {
      h->any[a->unit] |= (unsigned char)a->role;
      if (a->person == p)
        h->mine[a->unit] |= (unsigned char)a->role;
    }
  }
  return 0;
}

/* Whether the person is among the holders of `roles` on the nearest unit, from u upwards (or
 * strictly above u), on which anyone holds one of them. */
static int nearest_holder(const tertial__round *r, const holders *h, unsigned roles, tertial_unit_id u, int period,
                          int strictly_above)
{
  const tertial_org *org = tertial_model_org(r->model);
  for (tertial_unit_id a = strictly_above ? tertial__org_parent_at(org, u, period) : u; a != TERTIAL_NO_UNIT;
       a = tertial__org_parent_at(org, a, period))
    if (h->any[a] & roles)
      return (h->mine[a] & roles) != 0;
  return 0;
}

int tertial_round_due(tertial_due **out, size_t *out_n, tertial_round *round, tertial_person_id person,
                      tertial_unit_id root, const char *point_code, tertial_date date)
{
  if (!out || !out_n || !round)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_due: NULL argument");
  *out = NULL;
  *out_n = 0;
  tertial__round *r = R(round);
  point_info pt;
  int days, rc = point_of(&pt, r, point_code);
  if (rc < 0)
    return rc;
  if (person != TERTIAL_NO_PERSON && person >= r->npeople)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no person with id %u in the directory", (unsigned)person);
  if (tertial_days_in_month(&days, date.year, date.month) < 0 || date.day < 1 || date.day > days)
    return tertial__error(TERTIAL_ERR_RANGE, "%04d-%02d-%02d is not a date", date.year, date.month, date.day);
  const tertial_calendar *cal = tertial_model_calendar(r->model);
  const tertial_org *org = tertial_model_org(r->model);
  int first_year = tertial_model_fiscal_year(r->model)->first_year;
  size_t point_index, n = 0, k = 0;
  tertial_calendar_find_point(&point_index, cal, pt.code);
  tertial_unit_id *ids = NULL;
  if ((rc = point_subtree(&pt, &ids, &n, r, root, point_code)) < 0)
    return rc;
  tertial_due *due = n ? tertial__calloc(n, sizeof *due) : NULL;
  holders h = {NULL, NULL};
  if ((n && !due) || (person != TERTIAL_NO_PERSON && holders_make(&h, r, person, tertial_org_unit_count(org)) < 0))
    rc = TERTIAL_ERR_NOMEM;
  const unsigned submitters = TERTIAL_ROLE_MANAGER | TERTIAL_ROLE_HEAD;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    tertial_unit_id u = ids[i], parent = tertial__org_parent_at(org, u, pt.period);
    tertial_status s = status_at(r, pt.index, u);
    tertial_due d = {u, TERTIAL_ACTION_SUBMIT, {0, 0, 0}, s, 0};
    int level;
    if (s == TERTIAL_STATUS_APPROVED)
      continue;
    if (s == TERTIAL_STATUS_SUBMITTED) {
      if (parent == TERTIAL_NO_UNIT ||
          (person != TERTIAL_NO_PERSON && !nearest_holder(r, &h, TERTIAL_ROLE_HEAD, u, pt.period, 1)))
        continue;
      d.action = TERTIAL_ACTION_APPROVE;
      level = tertial_org_unit(org, parent)->level;
    } else {
      if (person != TERTIAL_NO_PERSON && !nearest_holder(r, &h, submitters, u, pt.period, 0))
        continue;
      level = tertial_org_unit(org, u)->level;
    }
    if ((rc = tertial_calendar_level_deadline(&d.deadline, cal, point_index, level, first_year)) < 0)
      break;
    if (date_cmp(d.deadline, date) > 0)
      continue;
    d.late = date_cmp(d.deadline, date) < 0;
    due[k++] = d;
  }
  free(ids);
  free(h.any);
  free(h.mine);
  if (rc < 0 || k == 0) {
    free(due);
    return rc;
  }
  *out = due;
  *out_n = k;
  return 0;
}

/* ---- everything the round holds, for a store that writes it whole ---- */

int tertial__round_visit_all(const tertial__round *r, const tertial__round_visit *v)
{
  const tertial_org *org = tertial_model_org(r->model);
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < r->npeople; i++)
    rc = v->person(v->ctx, &r->people[i].pub);
  for (size_t i = 0; rc == 0 && i < r->nassign; i++)
    rc = v->role(v->ctx, &r->assignments[i]);
  for (size_t i = 0; rc == 0 && i < r->nthresholds; i++)
    if (r->thresholds[i].amount || r->thresholds[i].per_mille)
      rc = v->threshold(v->ctx, (int)i, r->thresholds[i].amount, r->thresholds[i].per_mille);
  for (size_t i = 0; rc == 0 && i < r->npoints; i++)
    if (r->points[i].locked || r->points[i].by != TERTIAL_NO_PERSON)
      rc = v->lock(v->ctx, r->points[i].code, r->points[i].locked, r->points[i].by, r->points[i].since);
  for (size_t i = 0; rc == 0 && i < r->npoints; i++)
    for (tertial_unit_id u = 0; rc == 0 && u < tertial_org_unit_count(org); u++) {
      const status_rec *st = status_find(r, (long)i, u);
      if (st && st->pub.version > 0)
        rc = v->status(v->ctx, r->points[i].code, u, &st->pub);
    }
  for (size_t i = 0; rc == 0 && i < r->ntexts; i++) {
    const text_rec *t = r->texts[i];
    unsigned unit;
    long point;
    int kind, end = 0;
    if (sscanf(t->key, "%u/%ld/%d/%n", &unit, &point, &kind, &end) != 3 || point < 0 || (size_t)point >= r->npoints)
      return tertial__error(TERTIAL_ERR_STATE, "round: a text's key \"%s\" is not one", t->key);
    for (size_t k = 0; rc == 0 && k < t->n; k++)
      rc = v->text(v->ctx, r->points[point].code, unit, (tertial_text_kind)kind, t->key + end, &t->versions[k]);
  }
  for (size_t i = 0; rc == 0 && i < r->naudit; i++)
    rc = v->audit(v->ctx, &r->audit[i]->pub);
  for (size_t i = 0; rc == 0 && i < r->nreports; i++) {
    long k = tertial__intcontrol_find_result(r->ic, r->reports[i].control, r->reports[i].point);
    if (k >= 0)
      rc = v->report(v->ctx, tertial_intcontrol_result_at(r->ic, (size_t)k), &r->reports[i].pub);
  }
  return rc;
}

/* ---- a goal's status as a person (goals.h) ---- */

typedef struct goal_args {
  tertial_goal_id goal;
  tertial_goal_status status;
  const char *comment, *reason, *by;
  uint64_t version_read;
} goal_args;

static int apply_goal(tertial__round *r, change *c, void *ctx)
{
  goal_args *a = ctx;
  tertial_goals *g = tertial_model_goals(r->model);
  tertial_goal_state before;
  int rc = g ? tertial_goal_state_at(&before, g, a->goal, c->pt->code) : TERTIAL_ERR_NOMEM;
  if (rc == 0 && before.set)
    rc = tertial__sb_printf(&c->before, "%s%s%s", tertial_goal_status_name(before.status), *before.comment ? ": " : "",
                            before.comment);
  if (rc == 0)
    rc = tertial__sb_printf(&c->after, "%s%s%s", tertial_goal_status_name(a->status), a->comment ? ": " : "",
                            a->comment ? a->comment : "");
  if (rc == 0 && (unsigned)a->status < TERTIAL_GOAL_STATUS_COUNT && a->status != before.proposed)
    rc = tertial__sb_printf(&c->after, " (proposed: %s; %s)", tertial_goal_status_name(before.proposed),
                            a->reason ? a->reason : "");
  if (rc == 0)
    rc = tertial_goal_set_status(g, a->goal, c->pt->code, a->status, a->comment, a->reason, a->by, c->when,
                                 a->version_read);
  return rc;
}

int tertial_round_goal_status_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                 tertial_goal_id goal, tertial_goal_status status, const char *comment,
                                 const char *reason, uint64_t version_read)
{
  point_info pt;
  int rc = round_point(&pt, round, point_code, "tertial_round_goal_status_as");
  if (rc < 0)
    return rc;
  tertial_goals *g = tertial_model_goals(R(round)->model);
  const tertial_goal *x = g ? tertial_goal_at(g, goal) : NULL;
  if (!g)
    return TERTIAL_ERR_NOMEM;
  if (!x)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no goal with id %u", (unsigned)goal);
  if (!actor)
    return tertial__error(TERTIAL_ERR_INVALID, "no actor: a checked change is made as a person");
  char item[160];
  snprintf(item, sizeof item, "goal %s", x->code);
  goal_args a = {goal, status, comment, reason, key_of(R(round), actor->person), version_read};
  change c = {TERTIAL_ACTION_GOAL, x->unit, &pt, item, NULL, version_read, apply_goal, &a, {0}, {0}, NULL, NULL, 0,
              0, {0}};
  c.w.goal = goal;
  return gate(R(round), actor, &c);
}

/* ---- internal control followed up through the round (intcontrol.h) ---- */

tertial_intcontrol *tertial_round_intcontrol(tertial_round *round)
{
  if (!round)
    return NULL;
  tertial__round *r = R(round);
  if (!r->ic && tertial_intcontrol_new(&r->ic) < 0)
    return NULL;
  return r->ic;
}

static long report_find(const tertial__round *r, const char *control, const char *point)
{
  for (size_t i = 0; control && point && i < r->nreports; i++)
    if (strcmp(r->reports[i].control, control) == 0 && strcmp(r->reports[i].point, point) == 0)
      return (long)i;
  return -1;
}

int tertial_round_control_unit(tertial_unit_id *out, tertial_round *round, const char *control)
{
  if (!out || !round || !control)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_control_unit: NULL argument");
  const tertial_intcontrol *ic = R(round)->ic;
  const tertial_control *c = NULL;
  for (size_t i = 0; ic && !c && i < tertial_intcontrol_control_count(ic); i++)
    if (strcmp(tertial_intcontrol_control_at(ic, i)->code, control) == 0)
      c = tertial_intcontrol_control_at(ic, i);
  if (!c)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no control %s in the round's internal control plan", control);
  const tertial_risk *risk = NULL;
  for (size_t i = 0; !risk && i < tertial_intcontrol_risk_count(ic); i++)
    if (strcmp(tertial_intcontrol_risk_at(ic, i)->code, c->risk) == 0)
      risk = tertial_intcontrol_risk_at(ic, i);
  const tertial_org *org = tertial_model_org(R(round)->model);
  const char *committee = risk ? risk->committee : "";
  if (*committee && tertial_org_find(out, org, committee) == 0)
    return 0;
  tertial_error_clear();
  for (tertial_unit_id u = 0; *committee && u < tertial_org_unit_count(org); u++)
    if (tertial__same_name(tertial_org_unit(org, u)->name, committee)) {
      *out = u;
      return 0;
    }
  return tertial__error(TERTIAL_ERR_NOT_FOUND,
                        "control %s: its risk %s names the committee \"%s\", which is no unit's code or name in the "
                        "organisation", control, c->risk, committee);
}

/* "Två fakturor saknade attest; 2 deviations; measures: Påminnelse" */
static int result_text(tertial_strbuf *sb, const tertial_control_result *x)
{
  int rc = tertial__sb_printf(sb, "%s; %d deviation%s", x->result, x->deviations, x->deviations == 1 ? "" : "s");
  if (rc == 0 && x->measures && *x->measures)
    rc = tertial__sb_printf(sb, "; measures: %s", x->measures);
  return rc;
}

typedef struct control_args {
  const tertial_control_result *result;
  const tertial_actor *actor;
  uint64_t *out_version;
  tertial_control_result copy; /* prepared */
  int prepared;
} control_args;

static int apply_control(tertial__round *r, change *c, void *ctx)
{
  control_args *a = ctx;
  long i = tertial__intcontrol_find_result(r->ic, a->result->control, a->result->point);
  int rc = tertial__grow((void **)&r->reports, &r->cap_reports, r->nreports + 1, sizeof *r->reports);
  if (rc == 0)
    r->reports[r->nreports].control = r->reports[r->nreports].point = NULL; /* the slot a new one takes */
  if (rc == 0 && i >= 0)
    rc = result_text(&c->before, tertial_intcontrol_result_at(r->ic, (size_t)i));
  if (rc == 0)
    rc = result_text(&c->after, a->result);
  if (rc == 0 && report_find(r, a->result->control, a->result->point) < 0) {
    control_rec *n = &r->reports[r->nreports];
    n->control = tertial__strdup(a->result->control);
    n->point = tertial__strdup(a->result->point);
    if (!n->control || !n->point) {
      free(n->control);
      free(n->point);
      n->control = n->point = NULL;
      rc = TERTIAL_ERR_NOMEM;
    }
  }
  if (rc == 0)
    rc = tertial__intcontrol_result_prepare(r->ic, a->result, &a->copy);
  a->prepared = rc == 0;
  c->w.kind = TERTIAL__RW_CONTROL;
  c->w.control = a->result;
  return rc;
}

static void commit_control(tertial__round *r, change *c, void *ctx)
{
  control_args *a = ctx;
  long k = report_find(r, a->result->control, a->result->point);
  control_rec *x = k >= 0 ? &r->reports[k] : &r->reports[r->nreports++]; /* made by apply */
  uint64_t version = r->hook.write ? c->w.version : k >= 0 ? x->pub.version + 1 : 1;
  x->pub = (tertial_control_report){version, a->actor->person, a->actor->on_behalf_of, c->when};
  tertial__intcontrol_result_commit(r->ic, &a->copy);
  a->prepared = 0;
  if (a->out_version)
    *a->out_version = version;
}

static void discard_control(tertial__round *r, change *c, void *ctx)
{
  (void)c;
  control_args *a = ctx;
  if (report_find(r, a->result->control, a->result->point) < 0 && r->nreports < r->cap_reports) {
    free(r->reports[r->nreports].control);
    free(r->reports[r->nreports].point);
    r->reports[r->nreports].control = r->reports[r->nreports].point = NULL;
  }
  if (a->prepared)
    tertial__intcontrol_result_discard(&a->copy);
  a->prepared = 0;
}

int tertial_round_control_result_set_as(tertial_round *round, const tertial_actor *actor, const char *point_code,
                                        const char *control, const char *result, int deviations, const char *measures,
                                        uint64_t version_read, uint64_t *out_version)
{
  if (!round || !point_code || !control || !result)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_control_result_set_as: NULL argument");
  tertial__round *r = R(round);
  if (!g_utf8_validate(control, -1, NULL))
    return tertial__error(TERTIAL_ERR_INVALID, "a control's code must be UTF-8");
  point_info pt;
  tertial_unit_id unit;
  int rc = point_of(&pt, r, point_code);
  if (rc == 0)
    rc = tertial_round_control_unit(&unit, round, control);
  if (rc < 0)
    return rc;
  long k = report_find(r, control, point_code);
  versioned v = {0, TERTIAL_NO_PERSON, 0};
  if (k >= 0)
    v = (versioned){r->reports[k].pub.version, r->reports[k].pub.person, r->reports[k].pub.when};
  char item[160];
  snprintf(item, sizeof item, "control %.100s", control);
  tertial_control_result x = {control, pt.code, result, deviations, measures ? measures : ""};
  control_args a = {&x, actor, out_version, {0}, 0};
  change c = {TERTIAL_ACTION_CONTROL, unit, &pt, item, &v, version_read, apply_control, &a, {0}, {0}, NULL, NULL, 0, 0,
              {0}};
  c.commit = commit_control;
  c.discard = discard_control;
  return gate(r, actor, &c);
}

int tertial_round_control_report(tertial_control_report *out, const tertial_round *round, const char *control,
                                 const char *point_code)
{
  if (!out || !round || !control || !point_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_round_control_report: NULL argument");
  long k = report_find(R(round), control, point_code);
  *out = k >= 0 ? R(round)->reports[k].pub
                : (tertial_control_report){0, TERTIAL_NO_PERSON, TERTIAL_NO_PERSON, 0};
  return 0;
}

int tertial__round_load_control(tertial__round *r, const tertial_control_result *result, uint64_t version,
                                const char *person, const char *on_behalf_of, time_t when)
{
  tertial_person_id p, o;
  int rc = load_person_of(&p, r, person);
  if (rc == 0)
    rc = load_person_of(&o, r, on_behalf_of);
  if (rc < 0)
    return rc;
  if (!tertial_round_intcontrol((tertial_round *)r))
    return tertial__nomem("the round's internal control");
  long k = report_find(r, result->control, result->point);
  tertial_control_result copy;
  if (k < 0 && tertial__grow((void **)&r->reports, &r->cap_reports, r->nreports + 1, sizeof *r->reports) < 0)
    return TERTIAL_ERR_NOMEM;
  rc = tertial__intcontrol_result_prepare(r->ic, result, &copy);
  if (rc == TERTIAL_ERR_NOT_FOUND) {
    tertial_error_clear(); /* a control no longer in the plan: its rows stay in the store */
    return 0;
  }
  if (rc < 0)
    return rc;
  control_rec *x = k >= 0 ? &r->reports[k] : &r->reports[r->nreports];
  if (k < 0) {
    x->control = tertial__strdup(result->control);
    x->point = tertial__strdup(result->point);
    if (!x->control || !x->point) {
      free(x->control);
      free(x->point);
      tertial__intcontrol_result_discard(&copy);
      return tertial__nomem("a control's result");
    }
    r->nreports++;
  }
  x->pub = (tertial_control_report){version, p, o, when};
  tertial__intcontrol_result_commit(r->ic, &copy);
  return 0;
}
