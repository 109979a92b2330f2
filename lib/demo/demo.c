#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* splitmix64: small, fast and the same everywhere, so a seed gives the same municipality. */
static uint64_t next(uint64_t *state)
{
  uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* A whole number in [lo, hi]. */
static int64_t between(uint64_t *state, int64_t lo, int64_t hi)
{
  return lo + (int64_t)(next(state) % (uint64_t)(hi - lo + 1));
}

typedef struct account_def {
  const char *number, *name;
  tertial_account_type type;
  int internal;
} account_def;

static const account_def accounts[] = {
  {"3110", "Barnomsorgsavgifter", TERTIAL_ACCOUNT_REVENUE, 0},
  {"3120", "Äldreomsorgsavgifter", TERTIAL_ACCOUNT_REVENUE, 0},
  {"3410", "Lokalhyror", TERTIAL_ACCOUNT_REVENUE, 0},
  {"3510", "Statsbidrag", TERTIAL_ACCOUNT_REVENUE, 0},
  {"3590", "Ersättning från Migrationsverket", TERTIAL_ACCOUNT_REVENUE, 0},
  {"3610", "Försäljning av verksamhet", TERTIAL_ACCOUNT_REVENUE, 0},
  {"3690", "Interna intäkter", TERTIAL_ACCOUNT_REVENUE, 1},
  {"4010", "Förbrukningsmaterial", TERTIAL_ACCOUNT_COST, 0},
  {"4510", "Försörjningsstöd", TERTIAL_ACCOUNT_COST, 0},
  {"4610", "Köp av huvudverksamhet", TERTIAL_ACCOUNT_COST, 0},
  {"5010", "Månadslöner", TERTIAL_ACCOUNT_COST, 0},
  {"5060", "Timlöner", TERTIAL_ACCOUNT_COST, 0},
  {"5410", "Sociala avgifter", TERTIAL_ACCOUNT_COST, 0},
  {"5810", "Utbildning", TERTIAL_ACCOUNT_COST, 0},
  {"6110", "Lokalhyror", TERTIAL_ACCOUNT_COST, 0},
  {"6190", "Interna lokalhyror", TERTIAL_ACCOUNT_COST, 1},
  {"6410", "Energi", TERTIAL_ACCOUNT_COST, 0},
  {"6910", "Övriga tjänster", TERTIAL_ACCOUNT_COST, 0},
  {"7910", "Avskrivningar", TERTIAL_ACCOUNT_COST, 0},
};
#define NACCOUNTS (sizeof accounts / sizeof *accounts)

typedef struct committee_def {
  const char *code, *name, *administration;
  int departments, activities, units; /* per parent */
} committee_def;

/* 1 + 8 + 8 + 20 + 57 + 206 = 300 units */
static const committee_def committees[] = {
  {"1", "Kommunstyrelsen", "Kommunledningsförvaltningen", 2, 2, 2},
  {"2", "Barn- och utbildningsnämnden", "Barn- och utbildningsförvaltningen", 4, 4, 5},
  {"3", "Socialnämnden", "Socialförvaltningen", 3, 3, 5},
  {"4", "Vård- och omsorgsnämnden", "Vård- och omsorgsförvaltningen", 3, 3, 5},
  {"5", "Kultur- och fritidsnämnden", "Kultur- och fritidsförvaltningen", 2, 2, 3},
  {"6", "Samhällsbyggnadsnämnden", "Samhällsbyggnadsförvaltningen", 2, 2, 2},
  {"7", "Miljö- och byggnadsnämnden", "Miljö- och byggförvaltningen", 2, 2, 1},
  {"8", "Tekniska nämnden", "Tekniska förvaltningen", 2, 3, 1},
};
#define NCOMMITTEES (sizeof committees / sizeof *committees)

/* Monthly weights (sum 1200) for seasonal accounts. */
static const int salary_season[12] = {103, 101, 102, 101, 102, 101, 70, 95, 106, 106, 106, 107};
static const int energy_season[12] = {150, 140, 120, 95, 70, 50, 45, 50, 70, 100, 140, 170};
static const int flat_season[12] = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100};
static const int fee_season[12] = {105, 105, 105, 105, 105, 95, 50, 90, 110, 110, 110, 110};

typedef struct gen {
  tertial_model *model;
  tertial_account_id acc[NACCOUNTS];
  uint64_t rng, seed;
  int outcome_months; /* of the options' year */
  int back;           /* the year built: 0 the options' year, 1 the year before, 2 two years before */
  int no_outcome;     /* leave outcome and prior-year outcome out */
  int budget;
} gen;

/* The deficit grows from April: `drift` per mille of the month's budget a month. */
static int64_t trend(int64_t budget, int drift, int m)
{
  return m >= 3 ? budget * drift * (m - 2) / 1000 : 0;
}

/* The budget of a month of the year `back` years before the options' year: budgets grow 3 % a
 * year, so each year back is 97 % of the next (in whole kronor a year). */
static int64_t budget_of(int64_t annual_kr, const int *season, int back, int m)
{
  for (int b = 0; b < back; b++)
    annual_kr = annual_kr * 97 / 100;
  return annual_kr * 100 * season[m] / 1200;
}

/* A stream of its own for each unit, account and past year, so the years before the options'
 * year do not change the options' year's numbers. */
static uint64_t cell_stream(const gen *g, tertial_unit_id u, size_t account, int year)
{
  uint64_t s = g->seed ^ ((uint64_t)u << 24) ^ ((uint64_t)account << 8) ^ (uint64_t)year;
  next(&s);
  return s;
}

/* Book one account of a unit. Every year has a budget by a season and outcome around the budget
 * of the year before ~3 % lower; the outcome of one year is the prior-year outcome of the next,
 * to the öre. In the options' year Y, outcome is the budget plus noise plus `drift` (per mille a
 * month from April: the deficit), up to the cut-off; year Y-1 (last year, Y's prior-year outcome)
 * drifted half as fast, Y-2 a quarter, Y-3 (Y-2's prior year) not at all. */
static int book(gen *g, tertial_unit_id u, size_t account, int64_t annual_kr, const int *season, int drift)
{
  tertial_ledger *l = tertial_model_ledger(g->model);
  int64_t spread = annual_kr / 40 > 0 ? annual_kr / 40 : -annual_kr / 40;
  uint64_t y2 = cell_stream(g, u, account, 2), y3 = cell_stream(g, u, account, 3);
  for (int m = 0; m < 12; m++) {
    int64_t budget = annual_kr * 100 * season[m] / 1200, b1 = budget_of(annual_kr, season, 1, m),
            b2 = budget_of(annual_kr, season, 2, m);
    /* drawn in this order whatever the year built, so that every year sees the same Y */
    int64_t out_y1 = budget * 97 / 100 + between(&g->rng, -spread, spread) * 100 / 12 + trend(b1, drift / 2, m);
    int64_t out_y = 0;
    if (m < g->outcome_months)
      out_y = budget + between(&g->rng, -spread, spread) * 100 / 12 + trend(budget, drift, m);
    int64_t out_y2 = b1 * 97 / 100 + between(&y2, -spread, spread) * 100 / 12 + trend(b2, drift / 4, m);
    int64_t out_y3 = b2 * 97 / 100 + between(&y3, -spread, spread) * 100 / 12;
    int64_t bud = g->back == 0 ? budget : g->back == 1 ? b1 : b2;
    int64_t outcome = g->back == 0 ? out_y : g->back == 1 ? out_y1 : out_y2;
    int64_t prior = g->back == 0 ? out_y1 : g->back == 1 ? out_y2 : out_y3;
    int has_outcome = g->back > 0 || m < g->outcome_months;
    int rc = tertial_ledger_add(l, u, g->acc[account], m, g->budget, bud);
    if (rc == 0 && !g->no_outcome)
      rc = tertial_ledger_add(l, u, g->acc[account], m, TERTIAL_MEASURE_PRIOR, prior);
    if (rc == 0 && !g->no_outcome && has_outcome)
      rc = tertial_ledger_add(l, u, g->acc[account], m, TERTIAL_MEASURE_OUTCOME, outcome);
    if (rc < 0)
      return rc;
  }
  return 0;
}

/* The accounts a unit books on, by committee: (account index, annual kr, season, drift). */
static int book_unit(gen *g, tertial_unit_id u, size_t committee, int unit_no)
{
  int64_t scale = between(&g->rng, 80, 120); /* units differ in size */
  int64_t staff = 4000000 * scale / 100;
  int rc = book(g, u, 10, staff, salary_season, 0);
  if (rc == 0)
    rc = book(g, u, 12, staff * 3147 / 10000, salary_season, 0);
  if (rc == 0)
    rc = book(g, u, 11, staff / 12, salary_season, committee == 3 ? 4 : 0);
  if (rc == 0)
    rc = book(g, u, 14, 600000 * scale / 100, flat_season, 0);
  if (rc == 0)
    rc = book(g, u, 16, 120000 * scale / 100, energy_season, 0);
  if (rc == 0)
    rc = book(g, u, 7, 150000 * scale / 100, flat_season, 0);
  if (rc == 0 && unit_no % 4 == 0)
    rc = book(g, u, 15, 200000, flat_season, 0);
  if (rc < 0)
    return rc;
  switch (committee) {
  case 1: /* schools and pre-schools: fees and grants */
    rc = book(g, u, 0, -350000 * scale / 100, fee_season, 0);
    if (rc == 0)
      rc = book(g, u, 3, -500000, flat_season, 0);
    break;
  case 2: /* social services: placements and income support; the deficit */
    rc = book(g, u, 9, 3000000 * scale / 100, flat_season, unit_no % 3 == 0 ? 25 : 5);
    if (rc == 0)
      rc = book(g, u, 8, 1500000 * scale / 100, flat_season, 8);
    if (rc == 0)
      rc = book(g, u, 4, -800000, flat_season, -10); /* compensation lags: less than budgeted */
    break;
  case 3: /* elderly care: fees */
    rc = book(g, u, 1, -400000 * scale / 100, flat_season, 0);
    break;
  case 7: /* technical services sell internally */
    rc = book(g, u, 6, -300000, flat_season, 0);
    break;
  default:
    rc = book(g, u, 17, 300000 * scale / 100, flat_season, 0);
  }
  return rc;
}

static int add_unit(tertial_unit_id *out, gen *g, const char *code, const char *name, tertial_unit_id parent,
                    int level)
{
  static const char *const first[] = {"Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Lena", "Nils"};
  static const char *const last[] = {"Andersson", "Berg", "Lind", "Holm", "Ek", "Nyström", "Sjöberg", "Dahl"};
  char manager[64];
  snprintf(manager, sizeof manager, "%s %s", first[next(&g->rng) % 10], last[next(&g->rng) % 8]);
  return tertial_org_add_unit(out, tertial_model_org(g->model), code, name, parent, level, manager);
}

static int build_committee(gen *g, tertial_unit_id kommun, size_t c)
{
  static const char *const kinds[] = {"Stab", "Verksamhetsområde", "Avdelning", "Sektor"};
  const committee_def *d = &committees[c];
  tertial_unit_id nmd, forv;
  char code[32], name[128];
  int rc = add_unit(&nmd, g, d->code, d->name, kommun, 1);
  snprintf(code, sizeof code, "%s0", d->code);
  if (rc == 0)
    rc = add_unit(&forv, g, code, d->administration, nmd, 2);
  int unit_no = 0;
  for (int a = 1; rc == 0 && a <= d->departments; a++) {
    tertial_unit_id dep;
    snprintf(code, sizeof code, "%s%d", d->code, a);
    snprintf(name, sizeof name, "%s %d", kinds[a % 4], a);
    rc = add_unit(&dep, g, code, name, forv, 3);
    for (int v = 1; rc == 0 && v <= d->activities; v++) {
      tertial_unit_id act;
      snprintf(code, sizeof code, "%s%d%d", d->code, a, v);
      snprintf(name, sizeof name, "Verksamhet %d.%d", a, v);
      rc = add_unit(&act, g, code, name, dep, 4);
      for (int e = 1; rc == 0 && e <= d->units; e++) {
        tertial_unit_id unit;
        snprintf(code, sizeof code, "%s%d%d%d", d->code, a, v, e);
        snprintf(name, sizeof name, "Enhet %d.%d.%d", a, v, e);
        rc = add_unit(&unit, g, code, name, act, 5);
        if (rc == 0)
          rc = book_unit(g, unit, c, unit_no++);
      }
    }
  }
  return rc;
}

/* Build the model of the year `back` years before the options' year. */
static int build(tertial_model **out, const tertial_demo_options *o, int back, int no_outcome)
{
  gen g = {0};
  g.rng = g.seed = o->seed;
  g.outcome_months = o->outcome_months;
  g.back = back;
  g.no_outcome = no_outcome;
  int rc = tertial_model_new(&g.model, o->year - back, 1);
  if (rc < 0)
    return rc;
  g.budget = tertial_model_current_budget(g.model);
  for (size_t i = 0; rc == 0 && i < NACCOUNTS; i++)
    rc = tertial_chart_add(&g.acc[i], tertial_model_chart(g.model), accounts[i].number, accounts[i].name,
                           accounts[i].type, accounts[i].internal);
  tertial_unit_id kommun = 0;
  if (rc == 0)
    rc = add_unit(&kommun, &g, "0", "Exempelkommun", TERTIAL_NO_UNIT, 0);
  for (size_t c = 0; rc == 0 && c < NCOMMITTEES; c++)
    rc = build_committee(&g, kommun, c);
  if (rc < 0) {
    tertial_model_free(g.model);
    return rc;
  }
  *out = g.model;
  return 0;
}

static int check_options(const tertial_demo_options *o)
{
  if (o->version != TERTIAL_DEMO_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "demo options version %u is not supported", o->version);
  if (o->outcome_months < 0 || o->outcome_months > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "demo: %d months of outcome, expected 0..12", o->outcome_months);
  return 0;
}

int tertial_demo_new(tertial_model **out, const tertial_demo_options *options)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_demo_new: out is NULL");
  *out = NULL;
  tertial_demo_options defaults = TERTIAL_DEMO_OPTIONS_INIT;
  const tertial_demo_options *o = options ? options : &defaults;
  int rc = check_options(o);
  return rc < 0 ? rc : build(out, o, 0, 0);
}

/* The demo's forecast rules: social services (committee 3), where the deficit grows, by the run
 * rate of the last three months; the rest by the remaining budget (the default). */
static int set_rules(tertial_model *model)
{
  tertial_unit_id sn;
  int rc = tertial_org_find(&sn, tertial_model_org(model), committees[2].code);
  return rc < 0 ? rc : tertial_forecast_set_method(tertial_model_forecast_plan(model), sn, NULL,
                                                   TERTIAL_METHOD_RUN_RATE, 3);
}

/* Forecast a closed year at every follow-up point before year end and freeze each forecast on
 * the point's deadline. */
static int take_snapshots(tertial_model *model)
{
  const tertial_calendar *cal = tertial_model_calendar(model);
  int rc = set_rules(model);
  for (size_t i = 0; rc == 0 && i < tertial_calendar_point_count(cal); i++) {
    const tertial_followup_point *p = tertial_calendar_point(cal, i);
    tertial_date on;
    if (p->cutoff >= 12)
      continue;
    rc = tertial_calendar_deadline(&on, cal, i, tertial_model_fiscal_year(model)->first_year);
    if (rc == 0)
      rc = tertial_forecast_apply(model, p->cutoff, -1);
    if (rc == 0)
      rc = tertial_snapshot_take(NULL, model, p->code, on);
  }
  return rc;
}

/* Copy the snapshots of one model to another of the same organisation. */
static int copy_snapshots(tertial_model *to, tertial_model *from)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < tertial_snapshot_count(from); i++) {
    const tertial_snapshot *s = tertial_snapshot_at(from, i);
    size_t n = tertial_snapshot_entry_count(s);
    tertial_snapshot_entry *entries = tertial__calloc(n ? n : 1, sizeof *entries);
    if (!entries)
      return TERTIAL_ERR_NOMEM;
    for (size_t k = 0; k < n; k++)
      entries[k] = *tertial_snapshot_entry_at(s, k);
    rc = tertial_snapshot_restore(NULL, to, tertial_snapshot_point(s), tertial_snapshot_cutoff(s),
                                  tertial_snapshot_taken_on(s), entries, n);
    free(entries);
  }
  return rc;
}

int tertial_demo_year(tertial_model **out, const tertial_demo_options *options, int year, unsigned int flags)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_demo_year: out is NULL");
  *out = NULL;
  tertial_demo_options defaults = TERTIAL_DEMO_OPTIONS_INIT;
  const tertial_demo_options *o = options ? options : &defaults;
  int rc = check_options(o);
  if (rc < 0)
    return rc;
  if (flags & ~TERTIAL_DEMO_NO_OUTCOME)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_demo_year: unknown flags 0x%x", flags);
  int back = o->year - year, no_outcome = (flags & TERTIAL_DEMO_NO_OUTCOME) != 0;
  if (back < 0 || back >= TERTIAL_DEMO_YEARS)
    return tertial__error(TERTIAL_ERR_RANGE, "demo: year %d, expected %d..%d", year, o->year - TERTIAL_DEMO_YEARS + 1,
                          o->year);
  if (back == 0)
    return build(out, o, 0, no_outcome);
  /* a closed year: forecast with its outcome; without outcome the frozen forecasts are kept */
  tertial_model *full = NULL, *empty = NULL;
  rc = build(&full, o, back, 0);
  if (rc == 0)
    rc = take_snapshots(full);
  if (rc == 0 && no_outcome) {
    rc = build(&empty, o, back, 1);
    if (rc == 0)
      rc = set_rules(empty);
    if (rc == 0)
      rc = copy_snapshots(empty, full);
    tertial_model_free(full);
    full = empty;
  }
  if (rc < 0) {
    tertial_model_free(full);
    return rc;
  }
  *out = full;
  return 0;
}
