/* Budget versions (ledger budget measures with metadata kept by the model), periodisation of
 * annual budgets with keys, and "ej fördelat". */
#include "internal.h"
#include "model_internal.h"
#include "org_internal.h"
#include "plan_internal.h"

#include <stdlib.h>
#include <string.h>

#define MONTHS 12
/* Measures 0 and 1 are outcome and prior-year outcome; budgets follow. */
#define FIRST_BUDGET 2

/* Metadata of one measure. Entries exist for every measure up to the highest one touched;
 * measures made outside this module keep the defaults (adopted, no date, no texts). */
typedef struct version_meta {
  tertial_budget_kind kind;
  tertial_date decided;
  char *reason, *decided_by; /* NULL means "" */
  int revises, revised_by;   /* measures, -1 for none */
} version_meta;

struct tertial__budget_state {
  tertial_keyset *keys;
  version_meta *meta; /* indexed by measure */
  size_t nmeta, cap_meta;
  tertial_applied_proposal *applied; /* decided proposals applied to versions (codes owned) */
  size_t napplied, cap_applied;
};

void tertial__budget_state_free(tertial__budget_state *state)
{
  if (!state)
    return;
  tertial_keyset_free(state->keys);
  for (size_t i = 0; i < state->nmeta; i++) {
    free(state->meta[i].reason);
    free(state->meta[i].decided_by);
  }
  free(state->meta);
  for (size_t i = 0; i < state->napplied; i++)
    free((char *)state->applied[i].code);
  free(state->applied);
  free(state);
}

/* The model's budget state, made on first use. NULL (with NOMEM recorded) when out of memory. */
static tertial__budget_state *state_of(tertial_model *model)
{
  tertial__budget_state *s = tertial__model_budget(model);
  if (s)
    return s;
  s = tertial__calloc(1, sizeof *s);
  if (!s)
    return NULL;
  if (tertial_keyset_new(&s->keys) < 0) {
    free(s);
    return NULL;
  }
  tertial__model_set_budget(model, s);
  return s;
}

/* Make room for metadata of measures 0..n-1, new entries holding the defaults. */
static int reserve_meta(tertial__budget_state *s, size_t n)
{
  if (n <= s->nmeta)
    return 0;
  int rc = tertial__grow((void **)&s->meta, &s->cap_meta, n, sizeof *s->meta);
  if (rc < 0)
    return rc;
  for (size_t i = s->nmeta; i < n; i++)
    s->meta[i] = (version_meta){TERTIAL_BUDGET_ADOPTED, {0, 0, 0}, NULL, NULL, -1, -1};
  s->nmeta = n;
  return 0;
}

/* The model's getters are not const; reading the ledger through them changes nothing. */
static int check_budget_measure(const tertial_model *model, int measure)
{
  tertial_ledger *ledger = tertial_model_ledger((tertial_model *)model);
  if (measure < FIRST_BUDGET || (size_t)measure >= tertial_ledger_measure_count(ledger))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "budget: measure %d is not a budget version", measure);
  return 0;
}

static int check_date(tertial_date d)
{
  if (d.year == 0 && d.month == 0 && d.day == 0)
    return 0;
  int days = 0;
  if (tertial_days_in_month(&days, d.year, d.month) < 0 || d.day < 1 || d.day > days)
    return tertial__error(TERTIAL_ERR_RANGE, "budget: expected a decision date or {0, 0, 0}, got %04d-%02d-%02d",
                          d.year, d.month, d.day);
  return 0;
}

static int check_options(const tertial_budget_options *o)
{
  if (o->version != TERTIAL_BUDGET_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "budget: expected options version %d, got %u",
                          TERTIAL_BUDGET_OPTIONS_VERSION, o->version);
  if ((int)o->kind < TERTIAL_BUDGET_FRAME || (int)o->kind > TERTIAL_BUDGET_ALTERNATIVE)
    return tertial__error(TERTIAL_ERR_INVALID, "budget: unknown version kind %d", (int)o->kind);
  return check_date(o->decided);
}

/* The kind of a measure's version (adopted for one made outside this module). */
static tertial_budget_kind kind_of(const tertial__budget_state *s, int measure)
{
  return s && measure >= 0 && (size_t)measure < s->nmeta ? s->meta[measure].kind : TERTIAL_BUDGET_ADOPTED;
}

static int is_stage(tertial_budget_kind k)
{
  return k == TERTIAL_BUDGET_PRELIMINARY || k == TERTIAL_BUDGET_MOR || k == TERTIAL_BUDGET_FINANSPLAN;
}

/* The stages of budget preparation in order (budget.h): may a version of kind `kind` revise
 * `from` (-1: a new version)? */
static int check_stage(tertial_model *model, tertial_budget_kind kind, int from, const char *name)
{
  static const char *const what[] = {"a frame", "an adopted budget", "a detailed budget", "a revision",
                                     "a preliminary frame", "a MoR", "a finansplan", "an alternative budget"};
  const tertial__budget_state *s = tertial__model_budget(model);
  tertial_ledger *l = tertial_model_ledger(model);
  if (from < 0) {
    if (kind == TERTIAL_BUDGET_MOR || kind == TERTIAL_BUDGET_FINANSPLAN || kind == TERTIAL_BUDGET_ALTERNATIVE)
      return tertial__error(TERTIAL_ERR_STATE, "budget: \"%s\" is %s, which revises a version (a %s); "
                            "make it with tertial_budget_revise()", name, what[kind],
                            kind == TERTIAL_BUDGET_MOR ? "preliminary frame" : kind == TERTIAL_BUDGET_FINANSPLAN ? "MoR"
                                                                                                   : "stage of the chain");
    return 0;
  }
  tertial_budget_kind fk = kind_of(s, from);
  const char *fname = tertial_ledger_measure_name(l, from);
  int ok = 1;
  const char *expected = "";
  if (fk == TERTIAL_BUDGET_ALTERNATIVE && kind != TERTIAL_BUDGET_ALTERNATIVE) {
    ok = 0;
    expected = "an alternative budget is continued only by another alternative, never into the chain";
  } else if (kind == TERTIAL_BUDGET_MOR && fk != TERTIAL_BUDGET_PRELIMINARY && fk != TERTIAL_BUDGET_MOR) {
    ok = 0;
    expected = "a MoR follows a preliminary frame";
  } else if (kind == TERTIAL_BUDGET_FINANSPLAN && fk != TERTIAL_BUDGET_MOR && fk != TERTIAL_BUDGET_FINANSPLAN) {
    ok = 0;
    expected = "the finansplan follows the council's MoR";
  } else if (kind == TERTIAL_BUDGET_PRELIMINARY && (fk == TERTIAL_BUDGET_MOR || fk == TERTIAL_BUDGET_FINANSPLAN)) {
    ok = 0;
    expected = "a preliminary frame comes before the MoR and the finansplan";
  }
  if (!ok)
    return tertial__error(TERTIAL_ERR_STATE, "budget: \"%s\" (%s) cannot revise \"%s\" (%s): %s", name, what[kind],
                          fname, what[fk], expected);
  /* the chain does not fork: one stage continues a version */
  for (size_t m = FIRST_BUDGET; is_stage(kind) && s && m < s->nmeta; m++)
    if (s->meta[m].revises == from && is_stage(s->meta[m].kind))
      return tertial__error(TERTIAL_ERR_STATE, "budget: \"%s\" already continues in \"%s\" (%s); revise that one "
                            "rather than \"%s\"", fname, tertial_ledger_measure_name(l, (int)m),
                            what[s->meta[m].kind], fname);
  return 0;
}

/* A copy of an optional text; *out stays NULL for NULL or "". */
static int copy_text(char **out, const char *s)
{
  *out = NULL;
  if (!s || !*s)
    return 0;
  *out = tertial__strdup(s);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

/* Create the measure and its metadata. Everything that can fail runs before the ledger gets
 * the measure, so a failure leaves no version behind. */
static int add_version(int *out, tertial_model *model, const char *name, const tertial_budget_options *opts,
                       int revises)
{
  static const tertial_budget_options defaults = TERTIAL_BUDGET_OPTIONS_INIT;
  const tertial_budget_options *o = opts ? opts : &defaults;
  int rc = check_options(o);
  if (rc == 0)
    rc = check_stage(model, o->kind, revises, name);
  if (rc < 0)
    return rc;
  tertial__budget_state *s = state_of(model);
  if (!s)
    return TERTIAL_ERR_NOMEM;
  tertial_ledger *ledger = tertial_model_ledger(model);
  char *reason = NULL, *decided_by = NULL;
  rc = reserve_meta(s, tertial_ledger_measure_count(ledger) + 1);
  if (rc == 0)
    rc = copy_text(&reason, o->reason);
  if (rc == 0)
    rc = copy_text(&decided_by, o->decided_by);
  int measure = -1;
  if (rc == 0)
    rc = tertial_ledger_add_measure(&measure, ledger, name);
  if (rc < 0) {
    free(reason);
    free(decided_by);
    return rc;
  }
  s->meta[measure] = (version_meta){o->kind, o->decided, reason, decided_by, revises, -1};
  *out = measure;
  return 0;
}

int tertial_budget_create(int *out_measure, tertial_model *model, const char *name,
                          const tertial_budget_options *opts)
{
  if (!out_measure || !model || !name || !*name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_create: expected a model and a non-empty name");
  return add_version(out_measure, model, name, opts, -1);
}

int tertial_budget_revise(int *out_measure, tertial_model *model, int from, const char *name,
                          const tertial_budget_options *opts)
{
  if (!out_measure || !model || !name || !*name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_revise: expected a model and a non-empty name");
  int rc = check_budget_measure(model, from);
  if (rc < 0)
    return rc;
  int measure;
  rc = add_version(&measure, model, name, opts, from);
  if (rc < 0)
    return rc;
  /* The new measure is all zeros, so copying cannot overflow. */
  rc = tertial_ledger_copy_measure(tertial_model_ledger(model), measure, from);
  if (rc < 0)
    return rc;
  tertial__budget_state *s = tertial__model_budget(model);
  version_meta *source = &s->meta[from];
  /* an alternative closes the version it revises, and gives way to the chain's next stage */
  if (source->revised_by < 0 || (s->meta[source->revised_by].kind == TERTIAL_BUDGET_ALTERNATIVE &&
                                 s->meta[measure].kind != TERTIAL_BUDGET_ALTERNATIVE))
    source->revised_by = measure;
  *out_measure = measure;
  return 0;
}

size_t tertial_budget_version_count(const tertial_model *model)
{
  if (!model)
    return 0;
  return tertial_ledger_measure_count(tertial_model_ledger((tertial_model *)model)) - FIRST_BUDGET;
}

int tertial_budget_version_of(tertial_budget_version *out, const tertial_model *model, int measure)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_version_of: NULL argument");
  int rc = check_budget_measure(model, measure);
  if (rc < 0)
    return rc;
  const tertial__budget_state *s = tertial__model_budget(model);
  version_meta m = {TERTIAL_BUDGET_ADOPTED, {0, 0, 0}, NULL, NULL, -1, -1};
  if (s && (size_t)measure < s->nmeta)
    m = s->meta[measure];
  *out = (tertial_budget_version){measure,
                                  tertial_ledger_measure_name(tertial_model_ledger((tertial_model *)model), measure),
                                  m.kind,
                                  m.decided,
                                  m.reason ? m.reason : "",
                                  m.decided_by ? m.decided_by : "",
                                  m.revises,
                                  m.revised_by};
  return 0;
}

int tertial_budget_version_at(tertial_budget_version *out, const tertial_model *model, size_t index)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_version_at: NULL argument");
  if (index >= tertial_budget_version_count(model))
    return tertial__error(TERTIAL_ERR_RANGE, "budget: no version %zu (the model has %zu)", index,
                          tertial_budget_version_count(model));
  return tertial_budget_version_of(out, model, (int)index + FIRST_BUDGET);
}

tertial_keyset *tertial_model_keys(tertial_model *model)
{
  if (!model)
    return NULL;
  tertial__budget_state *s = state_of(model);
  return s ? s->keys : NULL;
}

static int check_unit_account(tertial_model *model, tertial_unit_id unit, tertial_account_id account)
{
  if (unit >= tertial_org_unit_count(tertial_model_org(model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "budget: no unit with id %u", (unsigned)unit);
  if (account != TERTIAL_ALL_ACCOUNTS && !tertial_chart_account(tertial_model_chart(model), account))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "budget: no account with id %u", (unsigned)account);
  return 0;
}

int tertial_budget_key_for(const tertial_key **out, tertial_model *model, tertial_unit_id unit,
                           tertial_account_id account)
{
  if (!out || !model || account == TERTIAL_ALL_ACCOUNTS)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_key_for: expected a key output, a model and one account");
  int rc = check_unit_account(model, unit, account);
  if (rc < 0)
    return rc;
  tertial_keyset *keys = tertial_model_keys(model);
  if (!keys)
    return TERTIAL_ERR_NOMEM;
  int period;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), 0);
  const tertial_account *a = tertial_chart_account(tertial_model_chart(model), account);
  return tertial_keyset_resolve(out, keys, tertial_model_org(model), unit, a->number, period);
}

/* The twelve amounts booked on a unit itself for one account and measure (checked cell). */
static void own_months(int64_t out[MONTHS], tertial_model *model, tertial_unit_id unit, tertial_account_id account,
                       int measure)
{
  for (int m = 0; m < MONTHS; m++)
    tertial_ledger_get(&out[m], tertial_model_ledger(model), unit, account, m, measure);
}

static int check_open_version(tertial_model *model, int measure)
{
  int rc = check_budget_measure(model, measure);
  if (rc < 0)
    return rc;
  const tertial__budget_state *s = tertial__model_budget(model);
  if (s && (size_t)measure < s->nmeta && s->meta[measure].revised_by >= 0) {
    tertial_ledger *l = tertial_model_ledger(model);
    return tertial__error(TERTIAL_ERR_STATE, "budget: version \"%s\" has been revised by \"%s\"; change the revision",
                          tertial_ledger_measure_name(l, measure),
                          tertial_ledger_measure_name(l, s->meta[measure].revised_by));
  }
  return 0;
}

/* Replace twelve months; on a failure the months already written are put back. */
static int write_months(tertial_model *model, int measure, tertial_unit_id unit, tertial_account_id account,
                        const int64_t months[MONTHS])
{
  tertial_ledger *l = tertial_model_ledger(model);
  int64_t old[MONTHS];
  own_months(old, model, unit, account, measure);
  for (int m = 0; m < MONTHS; m++) {
    int rc = tertial_ledger_set(l, unit, account, m, measure, months[m]);
    if (rc < 0) {
      while (m-- > 0)
        tertial_ledger_set(l, unit, account, m, measure, old[m]);
      return rc;
    }
  }
  return 0;
}

int tertial_budget_set_annual(tertial_model *model, int measure, tertial_unit_id unit, tertial_account_id account,
                              int64_t annual, const tertial_key *key)
{
  if (!model || account == TERTIAL_ALL_ACCOUNTS)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_set_annual: expected a model and one account");
  int rc = check_open_version(model, measure);
  if (rc == 0)
    rc = check_unit_account(model, unit, account);
  if (rc == 0 && !key)
    rc = tertial_budget_key_for(&key, model, unit, account);
  if (rc == 0 && (annual > TERTIAL_MONEY_MAX_AMOUNT || annual < -TERTIAL_MONEY_MAX_AMOUNT)) {
    char kr[48] = "", max[48] = "";
    tertial_money_format(kr, sizeof kr, annual, TERTIAL_UNIT_KR, 2);
    tertial_money_format(max, sizeof max, TERTIAL_MONEY_MAX_AMOUNT, TERTIAL_UNIT_KR, 0);
    rc = tertial__error(TERTIAL_ERR_OVERFLOW, "the annual budget %s kr of unit %s, account %s is beyond the largest "
                                              "amount a model takes, ±%s kr",
                        kr, tertial_org_unit(tertial_model_org(model), unit)->code,
                        tertial_chart_account(tertial_model_chart(model), account)->number, max);
  }
  if (rc < 0)
    return rc;
  int64_t prior[MONTHS], months[MONTHS];
  if (tertial_key_kind_of(key) == TERTIAL_KEY_LAST_YEAR)
    own_months(prior, model, unit, account, TERTIAL_MEASURE_PRIOR);
  rc = tertial_key_distribute_row(months, key, tertial_model_fiscal_year(model), annual,
                                  tertial_key_kind_of(key) == TERTIAL_KEY_LAST_YEAR ? prior : NULL);
  if (rc < 0)
    return rc;
  return write_months(model, measure, unit, account, months);
}

/* The budget booked on a unit itself, month by month, over one account or all (exact sums). */
static void own_budget(tertial_i128 out[MONTHS], tertial_model *model, int measure, tertial_unit_id unit,
                      tertial_account_id account)
{
  size_t first = account == TERTIAL_ALL_ACCOUNTS ? 0 : account;
  size_t end = account == TERTIAL_ALL_ACCOUNTS ? tertial_chart_count(tertial_model_chart(model)) : (size_t)account + 1;
  for (int m = 0; m < MONTHS; m++)
    out[m] = 0;
  for (size_t a = first; a < end; a++) {
    int64_t v[MONTHS];
    own_months(v, model, unit, (tertial_account_id)a, measure);
    for (int m = 0; m < MONTHS; m++)
      out[m] += v[m];
  }
}

/* Zero the months in which `unit` has no children (the organisation of each month). */
static int keep_parent_months(tertial_i128 own[MONTHS], tertial_model *model, tertial_unit_id unit)
{
  const tertial_org *org = tertial_model_org(model);
  size_t n = tertial_org_unit_count(org);
  tertial_unit_id *parents = tertial__malloc(n * sizeof *parents);
  if (!parents)
    return TERTIAL_ERR_NOMEM;
  for (int m = 0; m < MONTHS; m++) {
    if (own[m] == 0)
      continue;
    int period;
    tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), m);
    tertial__org_parents_at(org, period, parents);
    bool has_child = false;
    for (size_t u = 0; u < n && !has_child; u++)
      has_child = parents[u] == unit;
    if (!has_child)
      own[m] = 0;
  }
  free(parents);
  return 0;
}

int tertial_budget_unallocated(int64_t *out_year, int64_t out_months[12], tertial_model *model, int measure,
                               tertial_unit_id unit, tertial_account_id account)
{
  if (!model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_unallocated: model is NULL");
  int rc = check_budget_measure(model, measure);
  if (rc == 0)
    rc = check_unit_account(model, unit, account);
  tertial_i128 own[MONTHS], year = 0;
  if (rc == 0) {
    own_budget(own, model, measure, unit, account);
    rc = keep_parent_months(own, model, unit);
  }
  if (rc < 0)
    return rc;
  for (int m = 0; m < MONTHS; m++) {
    year += own[m];
    if (own[m] < INT64_MIN || own[m] > INT64_MAX || year < INT64_MIN || year > INT64_MAX)
      return tertial__error(TERTIAL_ERR_OVERFLOW, "the unallocated budget of unit %s (%s) does not fit in int64 öre",
                            tertial__unit_code(tertial_model_org(model), unit),
                            tertial__unit_name(tertial_model_org(model), unit));
  }
  for (int m = 0; out_months && m < MONTHS; m++)
    out_months[m] = (int64_t)own[m];
  if (out_year)
    *out_year = (int64_t)year;
  return 0;
}

/* ---- comparison of two versions ---- */

struct tertial_budget_comparison {
  tertial_budget_compare_line *lines;
  size_t n, cap;
};

int tertial_budget_compare(tertial_budget_comparison **out, tertial_model *model, int version_a, int version_b,
                           tertial_unit_id root, int max_depth)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_compare: NULL argument");
  *out = NULL;
  int rc = check_budget_measure(model, version_a);
  if (rc == 0)
    rc = check_budget_measure(model, version_b);
  const tertial_org *org = tertial_model_org(model);
  if (rc == 0 && root >= tertial_org_unit_count(org))
    rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "tertial_budget_compare: no unit with id %u", (unsigned)root);
  if (rc < 0)
    return rc;
  tertial_budget_comparison *c = tertial__calloc(1, sizeof *c);
  if (!c)
    return TERTIAL_ERR_NOMEM;
  tertial_ledger *ledger = tertial_model_ledger(model);
  const tertial_rowmap *map = tertial_model_rowmap(model);
  size_t nrows = tertial_rowmap_row_count(map);
  int period;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), MONTHS - 1);
  tertial_org_iter *it = NULL;
  tertial_unit_id u;
  int depth;
  rc = tertial_org_iter_new(&it, org, root, period);
  while (rc == 0 && tertial_org_iter_next(it, &u, &depth) == 1) {
    if (max_depth >= 0 && depth > max_depth)
      continue;
    for (size_t row = 0; rc == 0 && row < nrows; row++) {
      int64_t a, b, d;
      if ((rc = tertial_ledger_row_total(&a, ledger, map, u, (int)row, version_a, 0, MONTHS - 1)) < 0 ||
          (rc = tertial_ledger_row_total(&b, ledger, map, u, (int)row, version_b, 0, MONTHS - 1)) < 0)
        break;
      if (!a && !b)
        continue;
      if ((rc = tertial_money_sub(&d, b, a)) < 0 ||
          (rc = tertial__grow((void **)&c->lines, &c->cap, c->n + 1, sizeof *c->lines)) < 0)
        break;
      c->lines[c->n++] = (tertial_budget_compare_line){u, depth, (int)row, a, b, d};
    }
  }
  tertial_org_iter_free(it);
  if (rc < 0) {
    tertial_budget_comparison_free(c);
    return rc;
  }
  *out = c;
  return 0;
}

size_t tertial_budget_comparison_count(const tertial_budget_comparison *comparison)
{
  return comparison ? comparison->n : 0;
}

const tertial_budget_compare_line *tertial_budget_comparison_at(const tertial_budget_comparison *comparison,
                                                               size_t index)
{
  return comparison && index < comparison->n ? &comparison->lines[index] : NULL;
}

void tertial_budget_comparison_free(tertial_budget_comparison *comparison)
{
  if (!comparison)
    return;
  free(comparison->lines);
  free(comparison);
}

/* ---- decided proposals applied to versions (priorities_budget.c, the store) ---- */

size_t tertial__budget_applied_count(const tertial_model *model)
{
  const tertial__budget_state *s = model ? tertial__model_budget(model) : NULL;
  return s ? s->napplied : 0;
}

const tertial_applied_proposal *tertial__budget_applied_at(const tertial_model *model, size_t index)
{
  const tertial__budget_state *s = model ? tertial__model_budget(model) : NULL;
  return s && index < s->napplied ? &s->applied[index] : NULL;
}

int tertial__budget_applied_add(tertial_model *model, const tertial_applied_proposal *rec)
{
  tertial__budget_state *s = state_of(model);
  if (!s || tertial__grow((void **)&s->applied, &s->cap_applied, s->napplied + 1, sizeof *s->applied) < 0)
    return TERTIAL_ERR_NOMEM;
  tertial_applied_proposal c = *rec;
  if (!(c.code = tertial__strdup(rec->code)))
    return TERTIAL_ERR_NOMEM;
  s->applied[s->napplied++] = c;
  return 0;
}

void tertial__budget_applied_truncate(tertial_model *model, size_t keep)
{
  tertial__budget_state *s = tertial__model_budget(model);
  while (s && s->napplied > keep)
    free((char *)s->applied[--s->napplied].code);
}

int tertial__budget_add_annual(tertial_model *model, int measure, tertial_unit_id unit, tertial_account_id account,
                               int64_t amount, int64_t old[12])
{
  int rc = check_open_version(model, measure);
  if (rc == 0)
    rc = check_unit_account(model, unit, account);
  const tertial_key *key = NULL;
  if (rc == 0)
    rc = tertial_budget_key_for(&key, model, unit, account);
  if (rc < 0)
    return rc;
  own_months(old, model, unit, account, measure);
  int64_t annual = amount;
  for (int m = 0; m < MONTHS && rc == 0; m++)
    rc = tertial_money_add(&annual, annual, old[m]);
  if (rc < 0 || annual > TERTIAL_MONEY_MAX_AMOUNT || annual < -TERTIAL_MONEY_MAX_AMOUNT || amount > TERTIAL_MONEY_MAX_AMOUNT ||
      amount < -TERTIAL_MONEY_MAX_AMOUNT)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "the annual budget of unit %s, account %s with %lld öre added is beyond "
                                                "the largest amount a model takes",
                          tertial_org_unit(tertial_model_org(model), unit)->code,
                          tertial_chart_account(tertial_model_chart(model), account)->number, (long long)amount);
  int64_t prior[MONTHS], months[MONTHS];
  if (tertial_key_kind_of(key) == TERTIAL_KEY_LAST_YEAR)
    own_months(prior, model, unit, account, TERTIAL_MEASURE_PRIOR);
  rc = tertial_key_distribute_row(months, key, tertial_model_fiscal_year(model), amount,
                                  tertial_key_kind_of(key) == TERTIAL_KEY_LAST_YEAR ? prior : NULL);
  /* each month stays within the annual bound's sum of at most 12 such amounts: no overflow */
  for (int m = 0; rc == 0 && m < MONTHS; m++)
    rc = tertial_money_add(&months[m], months[m], old[m]);
  return rc < 0 ? rc : write_months(model, measure, unit, account, months);
}

int tertial__budget_put_months(tertial_model *model, int measure, tertial_unit_id unit, tertial_account_id account,
                               const int64_t months[12])
{
  return write_months(model, measure, unit, account, months);
}

int tertial__budget_revises(const tertial_model *model, int measure)
{
  const tertial__budget_state *s = tertial__model_budget(model);
  return s && measure >= 0 && (size_t)measure < s->nmeta ? s->meta[measure].revises : -1;
}
