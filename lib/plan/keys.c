/* Periodisation keys and key sets. The distribution and resolution rules are documented in
 * include/tertial/keys.h. */
#include "internal.h"
#include "org_internal.h"
#include "u64map.h"

#include <stdlib.h>
#include <string.h>

#define MONTHS 12
/* Account numbers have 1..10 digits (accounts.h). */
#define PREFIX_MAX 10
#define DEFAULT_KEY_NAME "Tolftedelar"

struct tertial_key {
  char *name;
  tertial_key_kind kind;
  unsigned int flags;     /* holiday flags of a working-days key */
  int has_values;         /* weights or last year's amounts given */
  int64_t values[MONTHS]; /* salary: by calendar month; last year and custom: by fiscal month */
};

typedef struct rule {
  tertial_unit_id unit; /* TERTIAL_NO_UNIT: every unit */
  int len;              /* prefix length; 0: every account */
  char from[PREFIX_MAX + 1], to[PREFIX_MAX + 1];
  size_t key;
  uint32_t older; /* the previous rule of the same unit, UINT32_MAX for none */
} rule;

struct tertial_keyset {
  tertial_key **keys;
  size_t nkeys, cap_keys;
  size_t default_key;
  rule *rules;
  size_t nrules, cap_rules;
  tertial_u64map newest; /* unit -> its newest rule */
};

/* ---- keys ---------------------------------------------------------------------------- */

static int make_key(tertial_key **out, const char *name, tertial_key_kind kind, const char *fn)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: out is NULL", fn);
  *out = NULL;
  if (!name || !*name)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: expected a non-empty key name", fn);
  tertial_key *k = tertial__calloc(1, sizeof *k);
  if (!k)
    return TERTIAL_ERR_NOMEM;
  k->name = tertial__strdup(name);
  if (!k->name) {
    free(k);
    return TERTIAL_ERR_NOMEM;
  }
  k->kind = kind;
  *out = k;
  return 0;
}

/* Weights must be >= 0 and not all 0, so every distribution has a positive divisor. */
static int check_weights(const int64_t w[MONTHS], const char *name)
{
  if (!w)
    return tertial__error(TERTIAL_ERR_INVALID, "key \"%s\": expected twelve weights, got NULL", name ? name : "");
  int64_t any = 0;
  for (int i = 0; i < MONTHS; i++) {
    if (w[i] < 0)
      return tertial__error(TERTIAL_ERR_INVALID, "key \"%s\": expected weights >= 0, month %d has %lld",
                            name ? name : "", i + 1, (long long)w[i]);
    any |= w[i];
  }
  if (!any)
    return tertial__error(TERTIAL_ERR_INVALID, "key \"%s\": expected at least one weight above 0", name ? name : "");
  return 0;
}

static int key_with_values(tertial_key **out, const char *name, tertial_key_kind kind, const int64_t v[MONTHS],
                           const char *fn)
{
  int rc = make_key(out, name, kind, fn);
  if (rc < 0 || !v)
    return rc;
  memcpy((*out)->values, v, sizeof (*out)->values);
  (*out)->has_values = 1;
  return 0;
}

int tertial_key_new_equal(tertial_key **out, const char *name)
{
  return make_key(out, name, TERTIAL_KEY_EQUAL, "tertial_key_new_equal");
}

int tertial_key_new_calendar_days(tertial_key **out, const char *name)
{
  return make_key(out, name, TERTIAL_KEY_CALENDAR_DAYS, "tertial_key_new_calendar_days");
}

int tertial_key_new_working_days(tertial_key **out, const char *name, unsigned int holiday_flags)
{
  if (holiday_flags & ~TERTIAL_HOLIDAYS_EVES_WORKING) {
    if (out)
      *out = NULL;
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_key_new_working_days: unknown holiday flags 0x%x",
                          holiday_flags);
  }
  int rc = make_key(out, name, TERTIAL_KEY_WORKING_DAYS, "tertial_key_new_working_days");
  if (rc == 0)
    (*out)->flags = holiday_flags;
  return rc;
}

int tertial_key_new_salary(tertial_key **out, const char *name, const int64_t weights[12])
{
  if (out)
    *out = NULL;
  int rc = check_weights(weights, name);
  return rc < 0 ? rc : key_with_values(out, name, TERTIAL_KEY_SALARY, weights, "tertial_key_new_salary");
}

int tertial_key_new_custom(tertial_key **out, const char *name, const int64_t weights[12])
{
  if (out)
    *out = NULL;
  int rc = check_weights(weights, name);
  return rc < 0 ? rc : key_with_values(out, name, TERTIAL_KEY_CUSTOM, weights, "tertial_key_new_custom");
}

int tertial_key_new_last_year(tertial_key **out, const char *name, const int64_t amounts[12])
{
  for (int i = 0; amounts && i < MONTHS; i++)
    if (amounts[i] == INT64_MIN) {
      if (out)
        *out = NULL;
      return tertial__error(TERTIAL_ERR_INVALID, "key \"%s\": month %d of last year is INT64_MIN öre",
                            name ? name : "", i + 1);
    }
  return key_with_values(out, name, TERTIAL_KEY_LAST_YEAR, amounts, "tertial_key_new_last_year");
}

void tertial_key_free(tertial_key *key)
{
  if (!key)
    return;
  free(key->name);
  free(key);
}

const char *tertial_key_name(const tertial_key *key)
{
  return key ? key->name : NULL;
}

tertial_key_kind tertial_key_kind_of(const tertial_key *key)
{
  return key ? key->kind : TERTIAL_KEY_EQUAL;
}

int tertial_key_values(int64_t out[12], const tertial_key *key)
{
  if (!out || !key)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_key_values: %s is NULL", !out ? "out" : "key");
  if (!key->has_values) {
    memset(out, 0, MONTHS * sizeof *out);
    return 0;
  }
  memcpy(out, key->values, MONTHS * sizeof *out);
  return 1;
}

unsigned int tertial_key_holiday_flags(const tertial_key *key)
{
  return key && key->kind == TERTIAL_KEY_WORKING_DAYS ? key->flags : TERTIAL_HOLIDAYS_DEFAULT;
}

/* Last year's amounts as weights: |amount| when every month has the sign of the total (or is 0),
 * else 0 (the caller then falls back to equal twelfths). Exact in 128 bits. */
static int last_year_weights(tertial_i128 w[MONTHS], const int64_t *amounts)
{
  if (!amounts)
    return 0;
  tertial_i128 total = 0;
  for (int i = 0; i < MONTHS; i++)
    total += amounts[i];
  if (total == 0)
    return 0;
  int sign = total > 0 ? 1 : -1;
  for (int i = 0; i < MONTHS; i++) {
    if ((tertial_i128)amounts[i] * sign < 0)
      return 0;
    w[i] = (tertial_i128)amounts[i] * sign;
  }
  return 1;
}

int tertial_key_falls_back(const tertial_key *key)
{
  if (!key || key->kind != TERTIAL_KEY_LAST_YEAR || !key->has_values)
    return 0;
  tertial_i128 w[MONTHS];
  return !last_year_weights(w, key->values);
}

/* Calendar year and month of fiscal month i (the fiscal year was checked). */
static void fiscal_month(const tertial_fiscal_year *fy, int i, int *year, int *month)
{
  int period = 0;
  tertial_fiscal_year_period(&period, fy, i);
  *year = period / 100;
  *month = period % 100;
}

static int working_day_weights(tertial_i128 w[MONTHS], const tertial_key *key, const tertial_fiscal_year *fy)
{
  for (int i = 0; i < MONTHS; i++) {
    int year, month, days = 0;
    fiscal_month(fy, i, &year, &month);
    int rc = tertial_working_days_in_month(&days, year, month, key->flags);
    if (rc < 0)
      return tertial__error(rc, "key \"%s\": working days are known for %d..%d, the fiscal year reaches %04d-%02d",
                            key->name, TERTIAL_HOLIDAY_YEAR_MIN, TERTIAL_HOLIDAY_YEAR_MAX, year, month);
    w[i] = days;
  }
  return 0;
}

/* The weights of a key for a fiscal year; row_last_year serves a last-year key without amounts. */
static int weights_of(tertial_i128 w[MONTHS], const tertial_key *key, const tertial_fiscal_year *fy,
                      const int64_t *row_last_year)
{
  int period;
  int rc = tertial_fiscal_year_period(&period, fy, 0);
  if (rc < 0)
    return rc;
  for (int i = 0; i < MONTHS; i++)
    w[i] = 1;
  switch (key->kind) {
  case TERTIAL_KEY_EQUAL:
    return 0;
  case TERTIAL_KEY_CALENDAR_DAYS:
    for (int i = 0; i < MONTHS; i++) {
      int days = 0;
      tertial_fiscal_year_days_in_month(&days, fy, i);
      w[i] = days;
    }
    return 0;
  case TERTIAL_KEY_WORKING_DAYS:
    return working_day_weights(w, key, fy);
  case TERTIAL_KEY_SALARY:
    for (int i = 0; i < MONTHS; i++) {
      int year, month;
      fiscal_month(fy, i, &year, &month);
      w[i] = key->values[month - 1];
    }
    return 0;
  case TERTIAL_KEY_LAST_YEAR:
    if (!last_year_weights(w, key->has_values ? key->values : row_last_year))
      for (int i = 0; i < MONTHS; i++)
        w[i] = 1;
    return 0;
  case TERTIAL_KEY_CUSTOM:
    for (int i = 0; i < MONTHS; i++)
      w[i] = key->values[i];
    return 0;
  }
  return tertial__error(TERTIAL_ERR_INVALID, "key \"%s\" has an unknown kind %d", key->name, (int)key->kind);
}

int tertial_key_weights(int64_t out[12], const tertial_key *key, const tertial_fiscal_year *fy)
{
  if (!out || !key)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_key_weights: NULL argument");
  tertial_i128 w[MONTHS];
  int rc = weights_of(w, key, fy, NULL);
  if (rc < 0)
    return rc;
  /* Fits: amounts of a key are never INT64_MIN, other weights are int64 or small. */
  for (int i = 0; i < MONTHS; i++)
    out[i] = (int64_t)w[i];
  return 0;
}

/* Largest remainder on the magnitude, so that distribute(-a) = -distribute(a): each month gets
 * floor(|a| w / W), then the missing öre go to the largest remainders, ties to the earlier
 * month. |a| w < 2^126 and W < 2^68, so everything is exact in 128 bits. */
static void largest_remainder(int64_t out[MONTHS], const tertial_i128 w[MONTHS], int64_t annual)
{
  tertial_i128 total = 0, mag = annual < 0 ? -(tertial_i128)annual : annual, given = 0;
  tertial_i128 part[MONTHS], rem[MONTHS];
  for (int i = 0; i < MONTHS; i++)
    total += w[i];
  for (int i = 0; i < MONTHS; i++) {
    part[i] = mag * w[i] / total;
    rem[i] = mag * w[i] % total;
    given += part[i];
  }
  for (tertial_i128 extra = mag - given; extra > 0; extra--) {
    int best = -1;
    for (int i = 0; i < MONTHS; i++)
      if (rem[i] >= 0 && (best < 0 || rem[i] > rem[best]))
        best = i;
    part[best]++;
    rem[best] = -1; /* one extra öre per month at most */
  }
  for (int i = 0; i < MONTHS; i++)
    out[i] = (int64_t)(annual < 0 ? -part[i] : part[i]);
}

int tertial_key_distribute_row(int64_t out[12], const tertial_key *key, const tertial_fiscal_year *fy, int64_t annual,
                               const int64_t row_last_year[12])
{
  if (!out || !key)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_key_distribute: %s is NULL", !out ? "out" : "key");
  tertial_i128 w[MONTHS];
  int rc = weights_of(w, key, fy, row_last_year);
  if (rc < 0)
    return rc;
  largest_remainder(out, w, annual);
  return 0;
}

int tertial_key_distribute(int64_t out[12], const tertial_key *key, const tertial_fiscal_year *fy, int64_t annual)
{
  return tertial_key_distribute_row(out, key, fy, annual, NULL);
}

/* ---- key sets ------------------------------------------------------------------------ */

int tertial_keyset_new(tertial_keyset **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_keyset_new: out is NULL");
  *out = NULL;
  tertial_keyset *set = tertial__calloc(1, sizeof *set);
  if (!set)
    return TERTIAL_ERR_NOMEM;
  tertial_key *equal;
  int rc = tertial_key_new_equal(&equal, DEFAULT_KEY_NAME);
  if (rc == 0)
    rc = tertial_keyset_add(set, equal);
  if (rc < 0) {
    tertial_keyset_free(set);
    return rc;
  }
  *out = set;
  return 0;
}

void tertial_keyset_free(tertial_keyset *set)
{
  if (!set)
    return;
  for (size_t i = 0; i < set->nkeys; i++)
    tertial_key_free(set->keys[i]);
  free(set->keys);
  free(set->rules);
  tertial__u64map_free(&set->newest);
  free(set);
}

static bool lookup(size_t *out, const tertial_keyset *set, const char *name)
{
  for (size_t i = 0; i < set->nkeys; i++)
    if (strcmp(set->keys[i]->name, name) == 0) {
      *out = i;
      return true;
    }
  return false;
}

static int find_key(size_t *out, const tertial_keyset *set, const char *name)
{
  if (!lookup(out, set, name))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "key set: no key named \"%s\"", name);
  return 0;
}

int tertial_keyset_add(tertial_keyset *set, tertial_key *key)
{
  if (!set || !key) {
    tertial_key_free(key);
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_keyset_add: NULL argument");
  }
  size_t existing = 0;
  int rc = lookup(&existing, set, key->name)
               ? tertial__error(TERTIAL_ERR_EXISTS, "key set: a key named \"%s\" already exists", key->name)
               : tertial__grow((void **)&set->keys, &set->cap_keys, set->nkeys + 1, sizeof *set->keys);
  if (rc < 0) {
    tertial_key_free(key);
    return rc;
  }
  set->keys[set->nkeys++] = key;
  return 0;
}

size_t tertial_keyset_count(const tertial_keyset *set)
{
  return set ? set->nkeys : 0;
}

const tertial_key *tertial_keyset_key(const tertial_keyset *set, size_t index)
{
  return set && index < set->nkeys ? set->keys[index] : NULL;
}

int tertial_keyset_find(const tertial_key **out, const tertial_keyset *set, const char *name)
{
  if (!out || !set || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_keyset_find: NULL argument");
  size_t i = 0;
  int rc = find_key(&i, set, name);
  if (rc == 0)
    *out = set->keys[i];
  return rc;
}

int tertial_keyset_set_default(tertial_keyset *set, const char *name)
{
  if (!set || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_keyset_set_default: NULL argument");
  return find_key(&set->default_key, set, name);
}

const tertial_key *tertial_keyset_default(const tertial_keyset *set)
{
  return set ? set->keys[set->default_key] : NULL;
}

static bool all_digits(const char *s, size_t max)
{
  size_t n = strlen(s);
  if (n == 0 || n > max)
    return false;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

static int parse_range(rule *r, const char *from, const char *to)
{
  if (!from && !to)
    return 0;
  if (!from || !to || !all_digits(from, PREFIX_MAX) || !all_digits(to, PREFIX_MAX) || strlen(from) != strlen(to) ||
      strcmp(from, to) > 0)
    return tertial__error(TERTIAL_ERR_INVALID,
                          "key set: expected an account range of two digit prefixes of equal length (1..%d) "
                          "with from <= to, or both NULL; got \"%s\"-\"%s\"",
                          PREFIX_MAX, from ? from : "(null)", to ? to : "(null)");
  r->len = (int)strlen(from);
  memcpy(r->from, from, (size_t)r->len + 1);
  memcpy(r->to, to, (size_t)r->len + 1);
  return 0;
}

static uint32_t newest_rule(const tertial_keyset *set, tertial_unit_id unit)
{
  uint32_t idx;
  return tertial__u64map_get(&set->newest, unit, &idx) ? idx : UINT32_MAX;
}

int tertial_keyset_assign(tertial_keyset *set, tertial_unit_id unit, const char *from, const char *to,
                          const char *key_name)
{
  if (!set || !key_name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_keyset_assign: NULL argument");
  rule r = {unit, 0, "", "", 0, newest_rule(set, unit)};
  int rc = parse_range(&r, from, to);
  if (rc == 0)
    rc = find_key(&r.key, set, key_name);
  if (rc < 0)
    return rc;
  for (uint32_t i = r.older; i != UINT32_MAX; i = set->rules[i].older)
    if (strcmp(set->rules[i].from, r.from) == 0 && strcmp(set->rules[i].to, r.to) == 0) {
      set->rules[i].key = r.key;
      return 0;
    }
  if (set->nrules >= UINT32_MAX - 1)
    return tertial__error(TERTIAL_ERR_NOMEM, "key set: too many rules");
  rc = tertial__grow((void **)&set->rules, &set->cap_rules, set->nrules + 1, sizeof *set->rules);
  if (rc == 0)
    rc = tertial__u64map_put(&set->newest, unit, (uint32_t)set->nrules);
  if (rc < 0)
    return rc;
  set->rules[set->nrules++] = r;
  return 0;
}

size_t tertial_keyset_rule_count(const tertial_keyset *set)
{
  return set ? set->nrules : 0;
}

int tertial_keyset_rule_at(tertial_unit_id *out_unit, const char **out_from, const char **out_to,
                           const tertial_key **out_key, const tertial_keyset *set, size_t index)
{
  if (!set)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_keyset_rule_at: set is NULL");
  if (index >= set->nrules)
    return tertial__error(TERTIAL_ERR_RANGE, "key set: no rule %zu (the set has %zu)", index, set->nrules);
  const rule *r = &set->rules[index];
  if (out_unit)
    *out_unit = r->unit;
  if (out_from)
    *out_from = r->len ? r->from : NULL;
  if (out_to)
    *out_to = r->len ? r->to : NULL;
  if (out_key)
    *out_key = set->keys[r->key];
  return 0;
}

/* Whether an account number lies in a rule's range: its first len digits (padded with zeros
 * when shorter) between from and to. */
static bool rule_matches(const rule *r, const char *account)
{
  if (r->len == 0)
    return true;
  char head[PREFIX_MAX + 1];
  size_t n = strlen(account);
  for (int i = 0; i < r->len; i++)
    head[i] = (size_t)i < n ? account[i] : '0';
  head[r->len] = '\0';
  return strcmp(head, r->from) >= 0 && strcmp(head, r->to) <= 0;
}

/* The best matching rule of one unit: the longest prefix, then the newest (rules are chained
 * newest first, so the first of a length wins). UINT32_MAX when none matches. */
static uint32_t best_rule_of(const tertial_keyset *set, tertial_unit_id unit, const char *account)
{
  uint32_t best = UINT32_MAX;
  for (uint32_t i = newest_rule(set, unit); i != UINT32_MAX; i = set->rules[i].older)
    if (rule_matches(&set->rules[i], account) && (best == UINT32_MAX || set->rules[i].len > set->rules[best].len))
      best = i;
  return best;
}

int tertial_keyset_resolve(const tertial_key **out, const tertial_keyset *set, const tertial_org *org,
                           tertial_unit_id unit, const char *account_number, int period)
{
  if (!out || !set || !org || !account_number)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_keyset_resolve: NULL argument");
  if (!all_digits(account_number, PREFIX_MAX))
    return tertial__error(TERTIAL_ERR_INVALID, "key set: expected an account number of 1..%d digits, got \"%s\"",
                          PREFIX_MAX, account_number);
  if (unit >= tertial_org_unit_count(org))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "key set: no unit with id %u", (unsigned)unit);
  /* Nearest unit first: the unit, its ancestors in `period`, then rules for every unit. */
  for (tertial_unit_id u = unit;; u = tertial__org_parent_at(org, u, period)) {
    uint32_t best = best_rule_of(set, u, account_number);
    if (best != UINT32_MAX) {
      *out = set->keys[set->rules[best].key];
      return 0;
    }
    if (u == TERTIAL_NO_UNIT)
      break;
  }
  *out = set->keys[set->default_key];
  return 0;
}
