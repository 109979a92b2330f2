#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "org_internal.h"

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

/* ---- the round ---- */

/* The demo's round in progress, as on the morning of the tenth of the month after the cut-off. */
typedef struct demo_round {
  tertial_model *model;
  tertial_round *round;
  const char *point;
  int period;
  time_t now;
  tertial_person_id kd;
} demo_round;

/* Seconds since 1970 of a UTC date and hour (days from the civil calendar; timegm() is not C). */
static time_t utc(int year, int month, int day, int hour)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400, mp = (month + 9) % 12;
  int doy = (153 * mp + 2) / 5 + day - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return ((time_t)era * 146097 + doe - 719468) * 86400 + (time_t)hour * 3600;
}

static time_t demo_clock(void *ctx)
{
  return ((demo_round *)ctx)->now;
}

/* The person assigned a role exactly on a unit, TERTIAL_NO_PERSON when none. */
static tertial_person_id holder(const demo_round *d, tertial_unit_id u, tertial_role role)
{
  for (size_t i = 0; i < tertial_round_assignment_count(d->round); i++) {
    const tertial_assignment *a = tertial_round_assignment_at(d->round, i);
    if (a->unit == u && a->role == role)
      return a->person;
  }
  return TERTIAL_NO_PERSON;
}

/* The nearest manager or head at (or, strictly, above) a unit. */
static tertial_person_id nearest(const demo_round *d, tertial_unit_id u, int strictly_above, int heads_only)
{
  const tertial_org *org = tertial_model_org(d->model);
  for (tertial_unit_id a = strictly_above ? tertial__org_parent_at(org, u, d->period) : u; a != TERTIAL_NO_UNIT;
       a = tertial__org_parent_at(org, a, d->period)) {
    tertial_person_id p = holder(d, a, TERTIAL_ROLE_HEAD);
    if (p == TERTIAL_NO_PERSON && !heads_only)
      p = holder(d, a, TERTIAL_ROLE_MANAGER);
    if (p != TERTIAL_NO_PERSON)
      return p;
  }
  return TERTIAL_NO_PERSON;
}

/* People: the municipal director (head of the municipality), a förvaltningschef per committee
 * (head from the committee down), a head per department, a budget manager per activity and unit,
 * two economists, Socialnämnden's secretary and an auditor. */
static int demo_people(demo_round *d)
{
  const tertial_org *org = tertial_model_org(d->model);
  tertial_round *r = d->round;
  char key[32], email[64];
  int rc = 0;
  for (tertial_unit_id u = 0; rc == 0 && u < tertial_org_unit_count(org); u++) {
    const tertial_unit *unit = tertial_org_unit(org, u);
    if (unit->level == 2)
      continue; /* the administration is the committee's förvaltningschef's */
    tertial_role role = unit->level >= 4 ? TERTIAL_ROLE_MANAGER : TERTIAL_ROLE_HEAD;
    tertial_person_id p;
    snprintf(key, sizeof key, unit->level == 0 ? "kd" : "chef%s", unit->code);
    snprintf(email, sizeof email, "%s@exempelkommun.se", key);
    rc = tertial_round_add_person(&p, r, key, unit->manager && *unit->manager ? unit->manager : unit->name, email);
    if (rc == 0)
      rc = tertial_round_assign(r, p, role, u);
    if (rc == 0 && unit->level == 0)
      d->kd = p;
  }
  static const struct {
    const char *key, *name, *unit;
    tertial_role role;
  } staff[] = {
    {"ekonom1", "Elin Ström", "0", TERTIAL_ROLE_ECONOMIST},
    {"ekonom2", "Oskar Falk", "0", TERTIAL_ROLE_ECONOMIST},
    {"sekr3", "Sofia Wall", "3", TERTIAL_ROLE_SECRETARY},
    {"revisor", "Rut Berglund", "0", TERTIAL_ROLE_READER},
  };
  for (size_t i = 0; rc == 0 && i < sizeof staff / sizeof *staff; i++) {
    tertial_person_id p;
    tertial_unit_id u;
    snprintf(email, sizeof email, "%s@exempelkommun.se", staff[i].key);
    rc = tertial_org_find(&u, org, staff[i].unit);
    if (rc == 0)
      rc = tertial_round_add_person(&p, r, staff[i].key, staff[i].name, email);
    if (rc == 0)
      rc = tertial_round_assign(r, p, staff[i].role, u);
  }
  return rc;
}

/* Socialnämndens texts, by its förvaltningschef. */
static int demo_texts(demo_round *d, tertial_unit_id sn)
{
  tertial_actor fc = {nearest(d, sn, 0, 1), TERTIAL_NO_PERSON};
  static const char summary[] =
    "Socialnämnden prognostiserar ett underskott mot budget för helåret. Underskottet finns inom "
    "individ- och familjeomsorgen, där placeringarna av barn och unga på HVB-hem har ökat sedan "
    "våren. Övriga verksamheter håller i stort sin budget.";
  static const char analysis[] =
    "Kostnaderna för köp av verksamhet har ökat varje månad sedan april och ligger över budget. "
    "Prognosen bygger på de tre senaste månadernas kostnadsnivå. Förvaltningen ser över "
    "placeringarna och prövar egna jourhem i stället för konsulentstödda familjehem. Underskottet "
    "kan inte täckas inom nämndens ram i år.";
  static const char kop[] =
    "Fler placeringar på HVB-hem för barn och unga än budgeterat, i genomsnitt fyra fler än i fjol.";
  d->now += 60;
  int rc = tertial_round_text_set_as(d->round, &fc, sn, d->point, TERTIAL_TEXT_SUMMARY, NULL, summary, 0, NULL);
  d->now += 60;
  if (rc == 0)
    rc = tertial_round_text_set_as(d->round, &fc, sn, d->point, TERTIAL_TEXT_ANALYSIS, NULL, analysis, 0, NULL);
  d->now += 60;
  if (rc == 0)
    rc = tertial_round_text_set_as(d->round, &fc, sn, d->point, TERTIAL_TEXT_ROW_COMMENT, "KOST_KOP", kop, 0, NULL);
  return rc;
}

/* Submit a unit (its nearest manager or head) when its children are done, and have the head
 * above approve it: by the balance rule, or escalated with a comment where the rule is not met. */
static int demo_submit_approve(demo_round *d, tertial_unit_id u)
{
  static const char returned[] = "2111", in_progress[] = "4331";
  const tertial_unit *unit = tertial_org_unit(tertial_model_org(d->model), u);
  tertial_unit_status st;
  int rc = tertial_round_status(&st, d->round, u, d->point);
  if (rc < 0 || strcmp(unit->code, "5223") == 0 || strcmp(unit->code, "7221") == 0)
    return rc; /* not started */
  tertial_actor me = {nearest(d, u, 0, 0), TERTIAL_NO_PERSON};
  d->now += 120;
  if (strcmp(unit->code, in_progress) == 0)
    return tertial_round_text_set_as(d->round, &me, u, d->point, TERTIAL_TEXT_SUMMARY, NULL,
                                     "Prognosen är inte klar: personalkostnaderna för hösten ses över.", 0, NULL);
  rc = tertial_round_submit_as(d->round, &me, u, d->point, st.version, NULL);
  if (rc == TERTIAL_ERR_STATE) { /* a child is not done: this unit waits, as in life */
    tertial_error_clear();
    return 0;
  }
  tertial_actor head = {nearest(d, u, 1, 1), TERTIAL_NO_PERSON};
  if (rc < 0 || head.person == TERTIAL_NO_PERSON || head.person == d->kd)
    return rc; /* the committees wait for the municipal director's decision below */
  d->now += 120;
  if (strcmp(unit->code, returned) == 0)
    return tertial_round_return_as(d->round, &head, u, d->point, st.version + 1,
                                   "Prognosen för bemanningen saknar underlag: komplettera analysen.");
  rc = tertial_round_approve_as(d->round, &head, u, d->point, st.version + 1, 0, NULL);
  if (rc == TERTIAL_ERR_STATE) {
    tertial_error_clear();
    rc = tertial_round_approve_as(d->round, &head, u, d->point, st.version + 1, 1,
                                  "Avvikelsen ryms inte inom avdelningen: rapporteras vidare med åtgärdsförslag.");
  }
  return rc;
}

int tertial_demo_round(tertial_model *model, const char *point_code)
{
  if (!model || !point_code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_demo_round: NULL argument");
  tertial_round *r = tertial_model_round(model);
  if (!r)
    return TERTIAL_ERR_NOMEM;
  if (tertial_round_person_count(r) > 0)
    return tertial__error(TERTIAL_ERR_STATE, "the demo's round needs a model whose round has no people yet");
  tertial_calendar *cal = tertial_model_calendar(model);
  const tertial_org *org = tertial_model_org(model);
  size_t pi;
  int rc = tertial_calendar_find_point(&pi, cal, point_code);
  if (rc < 0)
    return rc;
  const tertial_followup_point *pt = tertial_calendar_point(cal, pi);
  int year, month;
  demo_round d = {model, r, pt->code, 0, 0, TERTIAL_NO_PERSON};
  tertial_fiscal_year_period(&d.period, tertial_model_fiscal_year(model), pt->cutoff - 1);
  year = d.period / 100 + (d.period % 100 == 12);
  month = d.period % 100 % 12 + 1;
  /* units by the 3rd of the month after the cut-off, activities by the 5th, departments by the
   * 9th, committees and their administrations by the 12th; the municipality keeps the point's */
  static const int days[] = {0, 12, 12, 9, 5, 3};
  for (int level = 1; rc == 0 && level <= 5; level++)
    rc = tertial_calendar_set_level_deadline(cal, pt->code, level, 1, days[level]);
  /* materiality per level: units 50 000 kr, activities 100 000 kr, departments 250 000 kr, the
   * administrations and committees 5 per mille of their annual budget */
  static const int64_t amounts[] = {0, 0, 0, 25000000, 10000000, 5000000};
  for (int level = 1; rc == 0 && level <= 5; level++)
    rc = tertial_round_set_threshold(r, level, amounts[level], level <= 2 ? 5 : 0);
  if (rc == 0)
    rc = demo_people(&d);
  if (rc == 0)
    rc = tertial_forecast_apply(model, pt->cutoff, -1);
  d.now = utc(year, month, 2, 7);
  if (rc == 0)
    rc = tertial_round_set_clock(r, demo_clock, &d);
  tertial_unit_id sn = TERTIAL_NO_UNIT;
  if (rc == 0)
    rc = tertial_org_find(&sn, org, committees[2].code);
  if (rc == 0)
    rc = demo_texts(&d, sn);
  /* bottom-up, level by level, a working day each: a unit of Barn- och utbildningsnämnden is
   * returned, one of Vård- och omsorgsnämnden is still being written, one each of Kultur- och
   * fritidsnämnden and Miljö- och byggnadsnämnden has not started (their parents wait) */
  tertial_unit_id *ids = NULL;
  size_t n = 0;
  if (rc == 0)
    rc = tertial__org_preorder(org, TERTIAL_NO_UNIT, d.period, &ids, NULL, &n);
  for (int level = 5; rc == 0 && level >= 1; level--) {
    d.now = utc(year, month, level == 1 ? 9 : 2 + 2 * (5 - level), 7); /* the committees on the 9th */
    for (size_t i = 0; rc == 0 && i < n; i++)
      if (tertial_org_unit(org, ids[i])->level == level)
        rc = demo_submit_approve(&d, ids[i]);
  }
  free(ids);
  /* the municipal director: Socialnämnden's deficit is escalated to the municipal board */
  d.now = utc(year, month, 10, 7);
  tertial_actor kd = {d.kd, TERTIAL_NO_PERSON};
  tertial_unit_status st;
  if (rc == 0)
    rc = tertial_round_status(&st, r, sn, pt->code);
  if (rc == 0 && st.status == TERTIAL_STATUS_SUBMITTED)
    rc = tertial_round_approve_as(r, &kd, sn, pt->code, st.version, 1,
                                  "Underskottet kan inte täckas inom Socialnämndens ram i år; nämnden "
                                  "redovisar en åtgärdsplan till kommunstyrelsen.");
  tertial_round_set_clock(r, NULL, NULL);
  return rc;
}

/* ---- goals and indicators ---- */

/* What a placement on an HVB home costs a month: the demo's volumes are its purchases over this. */
#define DEMO_PLACEMENT_COST INT64_C(9500000)

typedef struct demo_goals {
  tertial_model *model, *outcome;
  tertial_goals *g;
  const tertial_org *org;
  tertial_unit_id root, sn;
  int row;
} demo_goals;

static int demo_add_indicator(tertial_indicator_id *id, tertial_goals *g, const char *code, const char *name,
                              const char *uom, int decimals, tertial_direction dir, tertial_aggregation agg,
                              const char *weight, tertial_periodicity per, int relative, int64_t green,
                              int64_t yellow, const char *external)
{
  tertial_indicator_spec s = TERTIAL_INDICATOR_SPEC_INIT;
  s.code = code;
  s.name = name;
  s.unit_of_measure = uom;
  s.decimals = decimals;
  s.direction = dir;
  s.aggregation = agg;
  s.weight = weight;
  s.periodicity = per;
  s.relative = relative;
  s.green_margin = green;
  s.yellow_margin = yellow;
  s.external_id = external;
  return tertial_indicator_add(id, g, &s);
}

/* Placements per unit below Socialnämnden from the outcome on Köp av verksamhet (this year's and,
 * as the prior year's, last year's), and the budgeted volume from the budget; the target is their
 * sum at Socialnämnden. */
static int demo_placements(demo_goals *d, tertial_indicator_id plac)
{
  tertial_ledger *ledger = tertial_model_ledger(d->outcome);
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(d->model);
  const tertial_rowmap *map = tertial_model_rowmap(d->outcome);
  int rc = tertial_indicator_set_cost_row(d->g, plac, "KOST_KOP"), year_end;
  int64_t target = 0;
  tertial_fiscal_year_period(&year_end, fy, 11);
  for (tertial_unit_id u = 0; rc == 0 && u < tertial_org_unit_count(d->org); u++) {
    if (tertial_org_is_within(d->org, u, d->sn, year_end) != 1)
      continue;
    int leaf = 1;
    for (tertial_unit_id c = 0; c < tertial_org_unit_count(d->org) && leaf; c++)
      leaf = tertial__org_parent_at(d->org, c, year_end) != u;
    if (!leaf)
      continue;
    int64_t budget = 0;
    rc = tertial_ledger_row_total(&budget, ledger, map, u, d->row, tertial_model_current_budget(d->outcome), 0, 11);
    if (rc == 0 && budget > 0) {
      int64_t per_month = (budget + 6 * DEMO_PLACEMENT_COST) / (12 * DEMO_PLACEMENT_COST);
      rc = tertial_indicator_set_budget_volume(d->g, plac, u, per_month);
      target += per_month;
    }
    for (int k = 0; rc == 0 && k < 12; k++)
      for (int prior = 0; rc == 0 && prior <= 1; prior++) {
        int64_t cost = 0;
        int period;
        rc = tertial_ledger_row_total(&cost, ledger, map, u, d->row, prior ? TERTIAL_MEASURE_PRIOR : TERTIAL_MEASURE_OUTCOME,
                                      k, k);
        tertial_fiscal_year_period(&period, fy, k);
        if (prior)
          period -= 100;
        if (rc == 0 && cost > 0)
          rc = tertial_indicator_set_value(d->g, plac, u, period, (cost + DEMO_PLACEMENT_COST / 2) / DEMO_PLACEMENT_COST,
                                           prior ? "Verksamhetssystemet (föregående år)" : "Verksamhetssystemet", 0);
      }
  }
  if (rc == 0)
    rc = tertial_indicator_set_target(d->g, plac, fy->first_year, target, 0);
  return rc;
}

/* Sick leave and hours worked for every unit below Socialnämnden, this year and last. */
static int demo_sick_leave(demo_goals *d, tertial_indicator_id sick, tertial_indicator_id hours, int months)
{
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(d->model);
  int rc = tertial_indicator_set_target(d->g, sick, fy->first_year, 60, 0), year_end;
  tertial_fiscal_year_period(&year_end, fy, 11);
  for (tertial_unit_id u = 0; rc == 0 && u < tertial_org_unit_count(d->org); u++) {
    if (tertial_org_is_within(d->org, u, d->sn, year_end) != 1 || u == d->sn)
      continue;
    uint64_t state = UINT64_C(0x51c4) * (u + 1);
    int64_t base = between(&state, 45, 80), staff = between(&state, 1400, 3200);
    for (int prior = 1; rc == 0 && prior >= 0; prior--)
      for (int k = 0; rc == 0 && k < (prior ? 12 : months); k++) {
        int period;
        tertial_fiscal_year_period(&period, fy, k);
        if (prior)
          period -= 100;
        int month = period % 100;
        int64_t winter = month <= 3 || month == 12 ? 15 : month >= 6 && month <= 8 ? -10 : 0;
        rc = tertial_indicator_set_value(d->g, sick, u, period, base + winter + between(&state, -6, 6) - 3 * !prior,
                                         "HR-systemet", 0);
        if (rc == 0)
          rc = tertial_indicator_set_value(d->g, hours, u, period, staff + between(&state, -150, 150), "HR-systemet", 0);
      }
  }
  return rc;
}

int tertial_demo_goals(tertial_model *model, tertial_model *outcome)
{
  if (!model || !outcome)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_demo_goals: NULL argument");
  demo_goals d = {model, outcome, tertial_model_goals(model), tertial_model_org(model), 0, 0, 0};
  if (!d.g)
    return TERTIAL_ERR_NOMEM;
  if (tertial_indicator_count(d.g) || tertial_goal_count(d.g))
    return tertial__error(TERTIAL_ERR_STATE, "the demo's goals need a model without goals or indicators");
  int rc = tertial_org_find(&d.root, d.org, "0");
  if (rc == 0)
    rc = tertial_org_find(&d.sn, d.org, committees[2].code);
  if (rc == 0)
    rc = tertial_rowmap_find_row(&d.row, tertial_model_rowmap(outcome), "KOST_KOP");
  if (rc < 0)
    return rc;
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(model);
  int y = fy->first_year, months = 0;
  tertial_indicator_id plac, hours, sick, nki;
  rc = demo_add_indicator(&plac, d.g, "PLAC", "Placeringar på HVB, barn och unga", "st", 0, TERTIAL_LOWER_IS_BETTER,
                          TERTIAL_AGGREGATE_SUM, NULL, TERTIAL_MONTHLY, 0, 0, 2, "");
  if (rc == 0)
    rc = demo_add_indicator(&hours, d.g, "TIM", "Arbetade timmar", "h", 0, TERTIAL_HIGHER_IS_BETTER,
                            TERTIAL_AGGREGATE_SUM, NULL, TERTIAL_MONTHLY, 0, 0, 0, "");
  if (rc == 0)
    rc = demo_add_indicator(&sick, d.g, "SJUK", "Sjukfrånvaro", "%", 1, TERTIAL_LOWER_IS_BETTER,
                            TERTIAL_AGGREGATE_WEIGHTED_MEAN, "TIM", TERTIAL_MONTHLY, 1, 0, 100, "N00090");
  if (rc == 0)
    rc = demo_add_indicator(&nki, d.g, "NKI", "Brukarbedömning, helhetssyn", "index", 0, TERTIAL_HIGHER_IS_BETTER,
                            TERTIAL_AGGREGATE_MEAN, NULL, TERTIAL_YEARLY, 0, 0, 5, "U21468");
  /* the months this year has outcome in: the volumes, and sick leave as far as they go */
  for (int k = 0; rc == 0 && k < 12; k++) {
    int64_t any = 0;
    if (tertial_ledger_row_total(&any, tertial_model_ledger(outcome), tertial_model_rowmap(outcome), d.sn, d.row,
                                 TERTIAL_MEASURE_OUTCOME, k, k) == 0 &&
        any != 0)
      months = k + 1;
    tertial_error_clear();
  }
  if (rc == 0)
    rc = demo_placements(&d, plac);
  if (rc == 0)
    rc = demo_sick_leave(&d, sick, hours, months);
  if (rc == 0)
    rc = tertial_indicator_set_target(d.g, nki, y, 75, 0);
  if (rc == 0)
    rc = tertial_indicator_set_target(d.g, nki, y - 1, 75, 0);
  if (rc == 0)
    rc = tertial_indicator_set_value(d.g, nki, d.sn, (y - 1) * 100 + 12, 72, "Kolada", 0);
  tertial_goal_id s1, s2, s3, kf1, kf2, kf3, n1, n2, d1;
  const int from = y - ((y - 2023) % 4 + 4) % 4, to = from + 3; /* the mandate period (2023-2026, ...) */
  if (rc == 0)
    rc = tertial_goal_add(&s1, d.g, TERTIAL_GOAL_STRATEGIC_AREA, "S1", "Barn och unga ska ha en trygg uppväxt", NULL,
                          TERTIAL_NO_GOAL, d.root, "kd", from, to);
  if (rc == 0)
    rc = tertial_goal_add(&s2, d.g, TERTIAL_GOAL_STRATEGIC_AREA, "S2", "Ekonomi i balans", NULL, TERTIAL_NO_GOAL,
                          d.root, "kd", from, to);
  if (rc == 0)
    rc = tertial_goal_add(&s3, d.g, TERTIAL_GOAL_STRATEGIC_AREA, "S3", "Attraktiv arbetsgivare", NULL, TERTIAL_NO_GOAL,
                          d.root, "kd", from, to);
  if (rc == 0)
    rc = tertial_goal_add(&kf1, d.g, TERTIAL_GOAL_COUNCIL, "KF1", "Färre barn och unga placeras utanför hemmet",
                          "Behovet av placeringar ska mötas med tidiga insatser och egna jourhem.", s1, d.root, "kd",
                          from, to);
  if (rc == 0)
    rc = tertial_goal_add(&kf2, d.g, TERTIAL_GOAL_COUNCIL, "KF2", "Varje nämnd bedriver sin verksamhet inom ramen",
                          NULL, s2, d.root, "kd", from, to);
  if (rc == 0)
    rc = tertial_goal_add(&kf3, d.g, TERTIAL_GOAL_COUNCIL, "KF3", "Sjukfrånvaron ska minska", NULL, s3, d.root, "kd",
                          from, to);
  if (rc == 0)
    rc = tertial_goal_add(&n1, d.g, TERTIAL_GOAL_COMMITTEE, "SN1", "Placeringarna på HVB ska inte öka",
                          "Socialnämnden ska hålla antalet placeringar inom budgeterad volym.", kf1, d.sn, "chef3", y,
                          y);
  if (rc == 0)
    rc = tertial_goal_add(&n2, d.g, TERTIAL_GOAL_COMMITTEE, "SN2", "Lägre sjukfrånvaro i socialförvaltningen", NULL,
                          kf3, d.sn, "chef3", y, y);
  tertial_unit_id vo1 = 0, u1 = 0, u2 = 0;
  if (rc == 0)
    rc = tertial_org_find(&vo1, d.org, "31");
  if (rc == 0)
    rc = tertial_org_find(&u1, d.org, "3111");
  if (rc == 0)
    rc = tertial_org_find(&u2, d.org, "3112");
  if (rc == 0)
    rc = tertial_goal_add(&d1, d.g, TERTIAL_GOAL_SUB, "SN1.1", "Egna jourhem i stället för konsulentstödda familjehem",
                          NULL, n1, vo1, "chef31", y, y);
  if (rc == 0)
    rc = tertial_goal_add(NULL, d.g, TERTIAL_GOAL_ACTIVITY, "SN1.1.1", "Rekrytera fem egna jourhemsfamiljer", NULL,
                          d1, u1, "chef3111", y, y);
  if (rc == 0)
    rc = tertial_goal_add(NULL, d.g, TERTIAL_GOAL_ACTIVITY, "SN1.1.2", "Tidiga insatser i samverkan med skolan",
                          NULL, d1, u2, "chef3112", y, y);
  if (rc == 0)
    rc = tertial_goal_link_indicator(d.g, kf1, plac);
  if (rc == 0)
    rc = tertial_goal_link_indicator(d.g, n1, plac);
  if (rc == 0)
    rc = tertial_goal_link_indicator(d.g, kf3, sick);
  if (rc == 0)
    rc = tertial_goal_link_indicator(d.g, n2, sick);
  if (rc == 0)
    rc = tertial_goal_link_indicator(d.g, n2, nki);
  return rc;
}
