/*
 * bench_forecast: Tertial's full-year forecast and 5-year backtest on a synthetic municipality.
 *
 * Builds the deterministic municipality of bench_rollup (same seed, same organisation of N units
 * on six levels, same accounts, same amounts): on every leaf and account the outcome for months
 * 1..cut-off, the budget and last year's outcome, with a few (unit, row) blocks made awkward on
 * purpose so that every fallback of the base methods is used. A forecast plan gives the
 * committees different base methods (remaining budget, linear, budget profile, last year's
 * profile, run rate, volume driver, manual), with overrides further down and adjustments.
 * Then it times
 *   (a) tertial_forecast_apply() at the cut-off: every unit's own forecast per line row;
 *   (b) a backtest: for every unit and the result row (or every line row, --backtest lines),
 *       5 past years of monthly outcome, budget and prior-year outcome (leaves generated,
 *       parents the sums of their children), tertial_backtest_best() at every cut-off 1..12.
 * Checksums of the results (see bench/README.md, "Forecast benchmark") let
 * bench/peer_forecast.py prove it computed the same numbers.
 *
 * Options: --units N (5000) --accounts N (300) --cutoff N (4) --seed N --years N (5)
 *          --backtest result|lines (result) --leaf-rules (every leaf also gets a rule of its own)
 *          --threads N (1; 0 = one per processor: tertial_forecast_set_threads() and the threads
 *          of tertial_backtest_best_all())
 *          --dump FILE (the inputs, for the peer; untimed)
 *          --verify FILE (every forecast and backtest result as CSV; untimed)
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tertial/accounts.h"
#include "tertial/accuracy.h"
#include "tertial/error.h"
#include "tertial/forecast.h"
#include "tertial/ledger.h"
#include "tertial/model.h"
#include "tertial/org.h"

#include "bench_common.h"

#define N_METHODS 7
#define N_BEST 5 /* candidates of tertial_backtest_best: methods 0..4 */

const char bench_prog[] = "bench_forecast";

/* ---- deterministic generator (bench_rollup's, in bench_common.c, and the special cases) --- */

enum { SCOPE_RESULT = 0, SCOPE_LINES = 1 };

typedef struct bench_params {
  uint64_t seed;
  uint32_t units;
  uint32_t accounts;
  int cutoff;
  int years;
  int scope;
  int leaf_rules; /* 1: every leaf also gets a rule of its own (a larger plan) */
} bench_params;

/* Awkward (leaf, line row) blocks of the current year, so every fallback is used:
 *   NEW           a new activity: no prior year, no budget before month 6, outcome from month 4
 *                 (last year's profile -> budget profile -> linear);
 *   PRIOR_LATE    started last July: no prior-year outcome in months 1..6 (-> budget profile);
 *   BUDGET_CREDIT the first four budget months are credits of a quarter of the amount, so the
 *                 budget to the cut-off has the other sign than the annual budget (-> linear);
 *   PRIOR_CREDIT  the same in last year's outcome (-> budget profile). */
enum { SPECIAL_NONE, SPECIAL_NEW, SPECIAL_PRIOR_LATE, SPECIAL_BUDGET_CREDIT, SPECIAL_PRIOR_CREDIT };

static int special_of(const bench_params *p, uint32_t leaf, int row)
{
  unsigned h = (unsigned)(hash64(p->seed ^ UINT64_C(0x5EC1A1) ^ ((uint64_t)leaf << 20) ^ (uint64_t)(row + 1)) % 100u);
  if (h < 2)
    return SPECIAL_NEW;
  if (h < 5)
    return SPECIAL_PRIOR_LATE;
  if (h < 7)
    return SPECIAL_BUDGET_CREDIT;
  if (h < 9)
    return SPECIAL_PRIOR_CREDIT;
  return SPECIAL_NONE;
}

/* The current year's amount: outcome only up to the cut-off. */
static int64_t gen_current(const bench_params *p, uint32_t leaf, uint32_t account, int special, int measure, int month)
{
  if (measure == 0 && month >= p->cutoff)
    return 0;
  int64_t v = gen_amount(p->seed, leaf, account, measure, month);
  switch (special) {
  case SPECIAL_NEW:
    if (measure == 2 || (measure == 1 && month < 5) || (measure == 0 && month < 3))
      return 0;
    break;
  case SPECIAL_PRIOR_LATE:
    if (measure == 2 && month < 6)
      return 0;
    break;
  case SPECIAL_BUDGET_CREDIT:
    if (measure == 1 && month < 4)
      return -v / 4;
    break;
  case SPECIAL_PRIOR_CREDIT:
    if (measure == 2 && month < 4)
      return -v / 4;
    break;
  default:
    break;
  }
  return v;
}

/* A past year's amount of a leaf series: k is 0 for the result row, else the line row's ordinal;
 * year 0..years (years is last year), measure 0 outcome or 1 budget. Kinds of series:
 * revenue-heavy (negative net), break-even (monthly budget changing sign), new six years ago
 * (nothing before July of year 0), budget from March only, and ordinary cost units. */
static int64_t gen_past(const bench_params *p, uint32_t leaf, int k, int revenue_row, int year, int measure, int month)
{
  uint64_t h = hash64(p->seed ^ UINT64_C(0xBAC7E57) ^ ((uint64_t)leaf << 24) ^ ((uint64_t)k << 8));
  int kind = (int)(h % 100u);
  int64_t level = p->scope == SCOPE_RESULT ? 1000000 + (int64_t)((h >> 8) % 200000000u)
                                           : 100000 + (int64_t)((h >> 8) % 20000000u);
  int growth = 100 + year * (1 + (int)((h >> 40) % 5u));
  int64_t budget;
  if (kind >= 5 && kind < 10 && !revenue_row) { /* break-even: fee-funded */
    budget = level * growth / 100 * (season[month] - 100) / 100 + level / 200;
  } else {
    int seas = season[month] + (int)(hash64(h ^ (uint64_t)(month + 1)) % 21u) - 10;
    budget = level * growth / 100 * seas / 100;
  }
  if (kind >= 13 && kind < 15 && month < 2)
    budget = 0;
  if (kind >= 10 && kind < 13 && year == 0 && month < 6)
    return 0;
  int64_t v = budget;
  if (measure == 0) {
    uint64_t r = hash64(h ^ ((uint64_t)(year * N_MONTHS + month + 1) * UINT64_C(0x2545F4914F6CDD1D)));
    int bias = (int)(hash64(h ^ (uint64_t)(year + 77)) % 11u) - 5;
    int noise = (int)(r % 21u) - 10;
    v = budget * (100 + bias + noise) / 100 + (int64_t)((r >> 32) % 99701u) + 1;
  }
  if ((p->scope == SCOPE_RESULT && kind < 5) || revenue_row)
    v = -v;
  return v;
}

/* ---- the dataset and the plan ------------------------------------------------------------- */

typedef struct dataset {
  uint32_t n_units, n_accounts, n_rows, n_leaves;
  int32_t *parent, *level, *committee; /* committee: index of the level-1 ancestor, -1 for the root */
  uint32_t level_first[N_LEVELS], level_n[N_LEVELS];
  int32_t *acc_row;
  int32_t *row_kind;
  const char **row_code;
  int32_t result_row;
  uint32_t *leaf_unit;
  int32_t *leaf_of_unit; /* leaf index of a unit, -1 for a parent */
  /* the line rows the accounts map to, in row order */
  int n_used_rows;
  int32_t used_row[64];
  /* the plan, as the peer sees it */
  size_t n_rules, n_manuals, n_drivers, n_adjust;
  int32_t *rule_unit, *rule_row, *rule_method, *rule_n;
  int32_t *man_unit, *man_row;
  int64_t *man_amount;
  int32_t *drv_unit, *drv_row;
  int64_t *drv_cost, *drv_volume; /* drv_volume[n_drivers][12] */
  int32_t *adj_unit, *adj_row, *adj_kind;
  int64_t *adj_amount;
  /* backtest series: series s is (unit, row); data[s][year][outcome, budget, prior][month] */
  size_t n_series;
  int32_t *ser_unit, *ser_row;
  int64_t *past;
} dataset;

/* Append one element to a plan array (untimed set-up; realloc to n + 1 is fine here). */
static void *push(void *arr, size_t n, size_t size, const void *value)
{
  char *q = realloc(arr, (n + 1) * size);
  if (!q)
    die_oom();
  memcpy(q + n * size, value, size);
  return q;
}

#define PUSH(arr, n, value)                                    \
  do {                                                         \
    __typeof__(*(arr)) v_ = (value);                           \
    (arr) = push((arr), (n), sizeof *(arr), &v_);              \
  } while (0)

static int row_index(const dataset *d, const char *code)
{
  for (uint32_t r = 0; r < d->n_rows; r++)
    if (strcmp(d->row_code[r], code) == 0)
      return (int)r;
  fprintf(stderr, "bench_forecast: the mapping has no row %s\n", code);
  exit(1);
}

static void plan_rule(tertial_forecast_plan *plan, dataset *d, uint32_t unit, int row, tertial_forecast_method m, int n)
{
  TRY("tertial_forecast_set_method",
      tertial_forecast_set_method(plan, unit, row < 0 ? NULL : d->row_code[row], m, n));
  PUSH(d->rule_unit, d->n_rules, (int32_t)unit);
  PUSH(d->rule_row, d->n_rules, (int32_t)row);
  PUSH(d->rule_method, d->n_rules, (int32_t)m);
  PUSH(d->rule_n, d->n_rules, (int32_t)n);
  d->n_rules++;
}

static void plan_manual(tertial_forecast_plan *plan, dataset *d, uint32_t unit, int row, int64_t amount)
{
  TRY("tertial_forecast_set_manual", tertial_forecast_set_manual(plan, unit, d->row_code[row], amount));
  PUSH(d->man_unit, d->n_manuals, (int32_t)unit);
  PUSH(d->man_row, d->n_manuals, (int32_t)row);
  PUSH(d->man_amount, d->n_manuals, amount);
  d->n_manuals++;
}

static void plan_driver(tertial_forecast_plan *plan, dataset *d, uint32_t unit, int row, int64_t cost,
                        const int64_t volume[N_MONTHS])
{
  TRY("tertial_forecast_set_driver",
      tertial_forecast_set_driver(plan, unit, d->row_code[row], "Placeringar HVB", "dygn", cost));
  for (int m = 0; m < N_MONTHS; m++)
    TRY("tertial_forecast_set_volume", tertial_forecast_set_volume(plan, unit, d->row_code[row], m, volume[m]));
  PUSH(d->drv_unit, d->n_drivers, (int32_t)unit);
  PUSH(d->drv_row, d->n_drivers, (int32_t)row);
  PUSH(d->drv_cost, d->n_drivers, cost);
  for (int m = 0; m < N_MONTHS; m++)
    PUSH(d->drv_volume, d->n_drivers * N_MONTHS + (size_t)m, volume[m]);
  d->n_drivers++;
}

static void plan_adjust(tertial_forecast_plan *plan, dataset *d, uint32_t unit, int row, int64_t amount,
                        tertial_adjustment_kind kind, const char *reason)
{
  TRY("tertial_forecast_add_adjustment",
      tertial_forecast_add_adjustment(plan, unit, d->row_code[row], amount, kind, reason));
  PUSH(d->adj_unit, d->n_adjust, (int32_t)unit);
  PUSH(d->adj_row, d->n_adjust, (int32_t)row);
  PUSH(d->adj_kind, d->n_adjust, (int32_t)kind);
  PUSH(d->adj_amount, d->n_adjust, amount);
  d->n_adjust++;
}

/* Build the organisation, chart and ledger (outcome to the cut-off, budget, prior year). */
static size_t load(tertial_model *model, const bench_params *p, dataset *d, int measure_budget)
{
  tertial_org *org = tertial_model_org(model);
  tertial_chart *chart = tertial_model_chart(model);
  tertial_rowmap *map = tertial_model_rowmap(model);
  tertial_ledger *ledger = tertial_model_ledger(model);
  uint32_t sizes[N_LEVELS];

  /* Units level by level and the accounts, exactly as bench_rollup.c (bench_common.c). */
  d->n_units = p->units;
  add_units(org, p->seed, p->units, sizes, &d->parent, &d->level, &d->leaf_unit);
  d->n_leaves = sizes[N_LEVELS - 1];
  d->committee = xcalloc(p->units, sizeof *d->committee);
  d->leaf_of_unit = xcalloc(p->units, sizeof *d->leaf_of_unit);
  for (uint32_t k = 0, first = 0; k < N_LEVELS; first += sizes[k], k++) {
    d->level_first[k] = first;
    d->level_n[k] = sizes[k];
  }
  for (uint32_t u = 0; u < d->n_units; u++) { /* parents come before their children */
    int k = d->level[u];
    d->committee[u] = k == 0 ? -1 : k == 1 ? (int32_t)(u - d->level_first[1]) : d->committee[d->parent[u]];
    d->leaf_of_unit[u] = -1;
  }
  for (uint32_t li = 0; li < d->n_leaves; li++)
    d->leaf_of_unit[d->leaf_unit[li]] = (int32_t)li;

  d->n_accounts = p->accounts;
  d->acc_row = add_accounts(chart, map, p->accounts);

  /* Report rows. */
  d->n_rows = report_rows(map, &d->row_kind, NULL, &d->row_code);
  d->result_row = tertial_rowmap_result_row(map);
  for (uint32_t r = 0; r < d->n_rows; r++) {
    int used = 0;
    for (uint32_t a = 0; a < d->n_accounts && !used; a++)
      used = d->acc_row[a] == (int32_t)r;
    if (used && d->n_used_rows < 64)
      d->used_row[d->n_used_rows++] = (int32_t)r;
  }

  /* Amounts on the leaves: outcome months 1..cut-off, budget and prior year for all twelve. */
  size_t cells = 0;
  for (uint32_t li = 0; li < d->n_leaves; li++) {
    tertial_unit_id u = d->leaf_unit[li];
    for (uint32_t a = 0; a < d->n_accounts; a++) {
      int special = d->acc_row[a] >= 0 ? special_of(p, li, d->acc_row[a]) : SPECIAL_NONE;
      for (int m = 0; m < N_MONTHS; m++) {
        for (int k = 0; k < 3; k++) {
          int64_t v = gen_current(p, li, a, special, k, m);
          if (v == 0)
            continue;
          int measure = k == 0 ? TERTIAL_MEASURE_OUTCOME : k == 1 ? measure_budget : TERTIAL_MEASURE_PRIOR;
          TRY("tertial_ledger_add", tertial_ledger_add(ledger, u, a, m, measure, v));
          cells++;
        }
      }
    }
  }
  return cells;
}

/* The forecast plan: base methods by committee with overrides further down, volume drivers,
 * manual figures and adjustments. Recorded in d for the peer. */
static void make_plan(tertial_model *model, const bench_params *p, dataset *d)
{
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  int r_pers = row_index(d, "KOST_PERS"), r_kop = row_index(d, "KOST_KOP"), r_ovr = row_index(d, "KOST_OVR");
  /* Committees (level 1): the method for all rows, by committee index modulo 10. */
  for (uint32_t j = 0; j < d->level_n[1]; j++) {
    uint32_t u = d->level_first[1] + j;
    switch (j % 10) {
    case 0: /* no rule: remaining budget by default */
      break;
    case 1:
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_LINEAR, 3);
      break;
    case 2:
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_BUDGET_PROFILE, 3);
      break;
    case 3:
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_LAST_YEAR_PROFILE, 3);
      break;
    case 4:
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_RUN_RATE, 3);
      break;
    case 5: /* remaining budget, placements by a volume driver */
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_REMAINING_BUDGET, 3);
      plan_rule(plan, d, u, r_kop, TERTIAL_METHOD_VOLUME_DRIVER, 3);
      break;
    case 6:
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_BUDGET_PROFILE, 3);
      plan_rule(plan, d, u, r_pers, TERTIAL_METHOD_LAST_YEAR_PROFILE, 3);
      break;
    case 7:
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_LAST_YEAR_PROFILE, 3);
      break;
    case 8:
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_RUN_RATE, 3);
      break;
    default:
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_LAST_YEAR_PROFILE, 3);
      break;
    }
  }
  /* Overrides further down. */
  for (uint32_t j = 0; j < d->level_n[2]; j++) { /* förvaltningar of committee 4: run rate over 6 months */
    uint32_t u = d->level_first[2] + j;
    if (d->committee[u] % 10 == 4 && j % 2 == 1)
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_RUN_RATE, 6);
  }
  for (uint32_t j = 0; j < d->level_n[3]; j++) { /* every third sektor of committee 8: linear */
    uint32_t u = d->level_first[3] + j;
    if (d->committee[u] % 10 == 8 && j % 3 == 0)
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_LINEAR, 3);
  }
  int manual_verks = 0;
  for (uint32_t j = 0; j < d->level_n[4]; j++) { /* four verksamheter of committee 7: manual */
    uint32_t u = d->level_first[4] + j;
    if (d->committee[u] % 10 == 7 && manual_verks < 4 && j % 5 == 2) {
      plan_rule(plan, d, u, -1, TERTIAL_METHOD_MANUAL, 3);
      manual_verks++;
    }
  }
  /* Leaves: manual figures under a manual rule, drivers under committee 5, remaining budget on
   * personnel for every fifth leaf of committee 9, adjustments on every tenth leaf. */
  static const char *const reasons[3] = { "Två nya placeringar HVB från juni", "Vakanser efter omorganisation",
                                          "Planerad neddragning av bemanning" };
  for (uint32_t li = 0; li < d->n_leaves; li++) {
    uint32_t u = d->leaf_unit[li];
    int c = d->committee[u] % 10;
    uint64_t h = hash64(p->seed ^ UINT64_C(0x91A7) ^ li);
    if (c == 7 && d->level_n[4] > 0) {
      tertial_forecast_method m;
      TRY("tertial_forecast_method_of", tertial_forecast_method_of(&m, NULL, plan, u, d->row_code[r_pers]));
      if (m == TERTIAL_METHOD_MANUAL) {
        for (int k = 0; k < d->n_used_rows; k++) {
          int r = d->used_row[k];
          int64_t year = 0;
          for (uint32_t a = 0; a < d->n_accounts; a++)
            if (d->acc_row[a] == r)
              for (int mo = 0; mo < N_MONTHS; mo++)
                year += gen_current(p, li, a, special_of(p, li, r), 1, mo);
          plan_manual(plan, d, u, r, year / 100 * (95 + (int64_t)((h >> (k * 3)) % 16u)));
        }
      }
    }
    if (c == 5 && li % 7 != 3) {
      int64_t vol[N_MONTHS];
      int64_t per_month = 2000 + (int64_t)(h % 40000u); /* 2..42 dygn a month, in thousandths */
      for (int m = 0; m < N_MONTHS; m++)
        vol[m] = per_month * (90 + (int64_t)((h >> (m * 4)) % 21u)) / 100 + (m >= 5 && (h & 1) ? 1000 : 0);
      plan_driver(plan, d, u, r_kop, 300000 + (int64_t)((h >> 20) % 300001u), vol);
    }
    if (c == 9 && li % 5 == 0)
      plan_rule(plan, d, u, r_pers, TERTIAL_METHOD_REMAINING_BUDGET, 3);
    if (p->leaf_rules && c != 5 && c != 7) /* not where drivers or manual figures apply */
      plan_rule(plan, d, u, -1, (tertial_forecast_method)((h >> 50) % 5u), 1 + (int)((h >> 56) % 6u));
    if (li % 10 == 0) {
      int kind = (int)((h >> 8) % 3u);
      int r = d->used_row[(h >> 16) % (uint64_t)d->n_used_rows];
      int64_t amount = (1000000 + (int64_t)((h >> 24) % 49000000u)) * ((h >> 60) & 1 ? -1 : 1);
      plan_adjust(plan, d, u, r, amount, (tertial_adjustment_kind)kind, reasons[kind]);
    }
  }
  /* A known factor on every committee, on a row the committee has no amounts of. */
  for (uint32_t j = 0; j < d->level_n[1]; j++)
    plan_adjust(plan, d, d->level_first[1] + j, r_ovr, 250000000 + (int64_t)j * 1000000, TERTIAL_ADJUST_KNOWN_FACTOR,
                "Ökade energikostnader");
}

/* The backtest series: leaves generated, parents the sums of their children. */
static void make_series(const bench_params *p, dataset *d)
{
  int nk = p->scope == SCOPE_RESULT ? 1 : d->n_used_rows;
  int Y = p->years;
  size_t block = (size_t)Y * 3 * N_MONTHS;
  d->n_series = (size_t)d->n_units * (size_t)nk;
  d->ser_unit = xcalloc(d->n_series, sizeof *d->ser_unit);
  d->ser_row = xcalloc(d->n_series, sizeof *d->ser_row);
  d->past = xcalloc(d->n_series * block, sizeof *d->past);
  int64_t *outcome = xcalloc((size_t)(Y + 1) * N_MONTHS, sizeof *outcome);
  for (uint32_t u = 0; u < d->n_units; u++)
    for (int k = 0; k < nk; k++) {
      d->ser_unit[(size_t)u * nk + k] = (int32_t)u;
      d->ser_row[(size_t)u * nk + k] = p->scope == SCOPE_RESULT ? d->result_row : d->used_row[k];
    }
  for (uint32_t li = 0; li < d->n_leaves; li++) {
    uint32_t u = d->leaf_unit[li];
    for (int k = 0; k < nk; k++) {
      int revenue = p->scope == SCOPE_LINES && strncmp(d->row_code[d->used_row[k]], "INT", 3) == 0;
      for (int y = 0; y <= Y; y++)
        for (int m = 0; m < N_MONTHS; m++)
          outcome[y * N_MONTHS + m] = gen_past(p, li, k, revenue, y, 0, m);
      int64_t *dst = &d->past[((size_t)u * nk + k) * block];
      for (int y = 1; y <= Y; y++) {
        int64_t *yr = &dst[(size_t)(y - 1) * 3 * N_MONTHS];
        for (int m = 0; m < N_MONTHS; m++) {
          yr[m] = outcome[y * N_MONTHS + m];
          yr[N_MONTHS + m] = gen_past(p, li, k, revenue, y, 1, m);
          yr[2 * N_MONTHS + m] = outcome[(y - 1) * N_MONTHS + m];
        }
      }
    }
  }
  free(outcome);
  /* units are numbered level by level, so children come after their parents */
  for (uint32_t u = d->n_units; u-- > 1;) {
    const int64_t *src = &d->past[(size_t)u * nk * block];
    int64_t *dst = &d->past[(size_t)d->parent[u] * nk * block];
    for (size_t i = 0; i < (size_t)nk * block; i++)
      dst[i] += src[i];
  }
}

/* ---- checksums (the same formulas are in bench/peer_forecast.py) -------------------------- */

static uint64_t forecast_weight(uint32_t unit, int row)
{
  return odd_weight(unit, (uint64_t)row + 1);
}

static uint64_t forecast_term(int64_t forecast, int64_t base, int method, int fallback)
{
  return (uint64_t)forecast * 3u + (uint64_t)base * 5u + 7u * (uint64_t)(16 * method + fallback + 1);
}

static uint64_t backtest_weight(size_t series, int cutoff)
{
  return odd_weight(series, (uint64_t)cutoff);
}

static uint64_t backtest_term(int method, int64_t error)
{
  return (uint64_t)error * 8u + (uint64_t)method + 1u;
}

/* ---- dump ------------------------------------------------------------------------------- */

/* Binary, native little-endian; the layout is in bench/README.md and read by peer_forecast.py. */
static void dump(const char *path, const bench_params *p, const dataset *d)
{
  FILE *f = dump_open(path);
  wr(f, "TRTLFC01", 1, 8, path);
  uint32_t header[12] = { d->n_units,          d->n_accounts,          d->n_rows,           d->n_leaves,
                          (uint32_t)p->cutoff, (uint32_t)d->n_rules,   (uint32_t)d->n_manuals,
                          (uint32_t)d->n_drivers, (uint32_t)d->n_adjust, (uint32_t)d->n_series,
                          (uint32_t)p->years,  (uint32_t)d->result_row };
  wr(f, header, sizeof header[0], 12, path);
  wr(f, &p->seed, sizeof p->seed, 1, path);
  wr(f, d->parent, sizeof *d->parent, d->n_units, path);
  wr(f, d->acc_row, sizeof *d->acc_row, d->n_accounts, path);
  wr(f, d->row_kind, sizeof *d->row_kind, d->n_rows, path);
  wr(f, d->leaf_unit, sizeof *d->leaf_unit, d->n_leaves, path);
  wr(f, d->rule_unit, sizeof(int32_t), d->n_rules, path);
  wr(f, d->rule_row, sizeof(int32_t), d->n_rules, path);
  wr(f, d->rule_method, sizeof(int32_t), d->n_rules, path);
  wr(f, d->rule_n, sizeof(int32_t), d->n_rules, path);
  wr(f, d->man_unit, sizeof(int32_t), d->n_manuals, path);
  wr(f, d->man_row, sizeof(int32_t), d->n_manuals, path);
  wr(f, d->drv_unit, sizeof(int32_t), d->n_drivers, path);
  wr(f, d->drv_row, sizeof(int32_t), d->n_drivers, path);
  wr(f, d->adj_unit, sizeof(int32_t), d->n_adjust, path);
  wr(f, d->adj_row, sizeof(int32_t), d->n_adjust, path);
  wr(f, d->adj_kind, sizeof(int32_t), d->n_adjust, path);
  wr(f, d->ser_unit, sizeof(int32_t), d->n_series, path);
  wr(f, d->ser_row, sizeof(int32_t), d->n_series, path);
  dump_pad8(f);
  wr(f, d->man_amount, sizeof(int64_t), d->n_manuals, path);
  wr(f, d->drv_cost, sizeof(int64_t), d->n_drivers, path);
  wr(f, d->drv_volume, sizeof(int64_t), d->n_drivers * N_MONTHS, path);
  wr(f, d->adj_amount, sizeof(int64_t), d->n_adjust, path);
  int64_t cell[3 * N_MONTHS];
  for (uint32_t li = 0; li < d->n_leaves; li++)
    for (uint32_t a = 0; a < d->n_accounts; a++) {
      int special = d->acc_row[a] >= 0 ? special_of(p, li, d->acc_row[a]) : SPECIAL_NONE;
      for (int k = 0; k < 3; k++)
        for (int m = 0; m < N_MONTHS; m++)
          cell[k * N_MONTHS + m] = gen_current(p, li, a, special, k, m);
      wr(f, cell, sizeof cell[0], 3 * N_MONTHS, path);
    }
  wr(f, d->past, sizeof *d->past, d->n_series * (size_t)p->years * 3 * N_MONTHS, path);
  dump_close(f, path);
}

/* ---- main ------------------------------------------------------------------------------- */

static void usage(FILE *f)
{
  fputs("usage: bench_forecast [--units N] [--accounts N] [--cutoff N] [--seed N] [--years N]\n"
        "                      [--backtest result|lines] [--leaf-rules] [--threads N] [--dump FILE]\n"
        "                      [--verify FILE]\n",
        f);
}

int main(int argc, char **argv)
{
  bench_args args = BENCH_ARGS_INIT;
  bench_params p = { .years = 5, .scope = SCOPE_RESULT, .leaf_rules = 0 };
  int threads = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int has_arg = i + 1 < argc;
    if (common_arg(argc, argv, &i, &args))
      continue;
    if (!strcmp(a, "--years") && has_arg)
      p.years = (int)parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--backtest") && has_arg) {
      const char *s = argv[++i];
      if (!strcmp(s, "result"))
        p.scope = SCOPE_RESULT;
      else if (!strcmp(s, "lines"))
        p.scope = SCOPE_LINES;
      else {
        usage(stderr);
        return 2;
      }
    } else if (!strcmp(a, "--threads") && has_arg)
      threads = (int)parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--leaf-rules"))
      p.leaf_rules = 1;
    else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    } else {
      usage(stderr);
      return 2;
    }
  }
  p.seed = args.seed;
  p.units = args.units;
  p.accounts = args.accounts;
  p.cutoff = args.cutoff;
  const char *dump_path = args.dump_path, *verify_path = args.verify_path;
  if (p.accounts < 1 || p.cutoff < 1 || p.cutoff > 12 || p.years < 1 || p.years > 50) {
    usage(stderr);
    return 2;
  }

  dataset d;
  memset(&d, 0, sizeof d);
  tertial_model *model;

  /* Untimed: the model, the plan and the past years. */
  double t0 = now_s();
  TRY("tertial_model_new", tertial_model_new(&model, 2026, 1));
  size_t cells = load(model, &p, &d, tertial_model_current_budget(model));
  make_plan(model, &p, &d);
  make_series(&p, &d);
  double t1 = now_s();
  long rss_load = maxrss_kb();

  /* (a) every unit's forecast at the cut-off */
  TRY("tertial_forecast_set_threads", tertial_forecast_set_threads(tertial_model_forecast_plan(model), threads));
  TRY("tertial_forecast_apply", tertial_forecast_apply(model, p.cutoff, -1));
  double t2 = now_s();
  long rss_apply = maxrss_kb();

  /* (b) the backtest: the best method of every series at every cut-off */
  size_t Y = (size_t)p.years;
  int *bt_method = xcalloc(d.n_series * N_MONTHS, sizeof *bt_method);
  int64_t *bt_error = xcalloc(d.n_series * N_MONTHS, sizeof *bt_error);
  TRY("tertial_backtest_best_table",
      tertial_backtest_best_table(bt_method, bt_error, d.past, d.n_series, Y, threads));
  double t3 = now_s();
  long rss_backtest = maxrss_kb();

  /* Untimed: read the forecasts back, checksums, the verification file and the dump. */
  FILE *vf = NULL;
  if (verify_path && !(vf = fopen(verify_path, "w"))) {
    fprintf(stderr, "bench_forecast: %s: %s\n", verify_path, strerror(errno));
    return 1;
  }
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  size_t n_forecasts = 0, by_method[N_METHODS] = { 0 }, by_fallback[3] = { 0 }, by_method_fb[N_METHODS][3];
  memset(by_method_fb, 0, sizeof by_method_fb);
  int64_t forecast_sum = 0, adjustment_sum = 0;
  uint64_t forecast_hash = 0;
  for (uint32_t u = 0; u < d.n_units; u++)
    for (uint32_t r = 0; r < d.n_rows; r++) {
      if (d.row_kind[r] != TERTIAL_ROW_LINE)
        continue;
      int64_t base, forecast;
      int method, fallback;
      int rc = tertial_forecast_base_of(&base, &method, &fallback, plan, u, d.row_code[r]);
      if (rc == TERTIAL_ERR_NOT_FOUND)
        continue;
      TRY("tertial_forecast_base_of", rc);
      TRY("tertial_model_forecast", tertial_model_forecast(&forecast, model, u, d.row_code[r]));
      n_forecasts++;
      by_method[method]++;
      by_fallback[fallback]++;
      by_method_fb[method][fallback]++;
      forecast_sum += forecast;
      adjustment_sum += forecast - base;
      forecast_hash += forecast_weight(u, (int)r) * forecast_term(forecast, base, method, fallback);
      if (vf)
        fprintf(vf, "F,%" PRIu32 ",%" PRIu32 ",%d,%d,%" PRId64 ",%" PRId64 "\n", u, r, method, fallback, base,
                forecast);
    }
  size_t bt_by_method[N_BEST] = { 0 };
  uint64_t backtest_hash = 0;
  int64_t backtest_error_sum = 0;
  for (size_t s = 0; s < d.n_series; s++)
    for (int c = 1; c <= N_MONTHS; c++) {
      int m = bt_method[s * N_MONTHS + (size_t)(c - 1)];
      int64_t e = bt_error[s * N_MONTHS + (size_t)(c - 1)];
      if (m >= 0 && m < N_BEST)
        bt_by_method[m]++;
      backtest_error_sum += e;
      backtest_hash += backtest_weight(s, c) * backtest_term(m, e);
      if (vf)
        fprintf(vf, "B,%zu,%d,%d,%" PRId64 "\n", s, c, m, e);
    }
  if (vf && fclose(vf) != 0) {
    fprintf(stderr, "bench_forecast: writing %s: %s\n", verify_path, strerror(errno));
    return 1;
  }
  if (dump_path)
    dump(dump_path, &p, &d);

  printf("# forecasts by method (fallback none/linear/budget-profile):");
  for (int m = 0; m < N_METHODS; m++)
    printf(" %s=%zu(%zu/%zu/%zu)", tertial_forecast_method_name((tertial_forecast_method)m), by_method[m],
           by_method_fb[m][0], by_method_fb[m][1], by_method_fb[m][2]);
  printf("\n# backtest best method over %zu series x 12 cut-offs:", d.n_series);
  for (int m = 0; m < N_BEST; m++)
    printf(" %s=%zu", tertial_forecast_method_name((tertial_forecast_method)m), bt_by_method[m]);
  printf("\n");
  printf("tertial units=%" PRIu32 " leaves=%" PRIu32 " accounts=%" PRIu32 " rows=%" PRIu32 " cells=%zu cutoff=%d"
         " rules=%zu manuals=%zu drivers=%zu adjustments=%zu forecasts=%zu fallbacks=%zu/%zu series=%zu years=%d"
         " backtests=%zu scope=%s threads=%d\n",
         d.n_units, d.n_leaves, d.n_accounts, d.n_rows, cells, p.cutoff, d.n_rules, d.n_manuals, d.n_drivers,
         d.n_adjust, n_forecasts, by_fallback[1], by_fallback[2], d.n_series, p.years, d.n_series * N_MONTHS,
         p.scope == SCOPE_RESULT ? "result" : "lines", threads);
  printf("tertial load_s=%.4f apply_s=%.4f backtest_s=%.4f total_s=%.4f rss_load_kb=%ld rss_apply_kb=%ld"
         " maxrss_kb=%ld forecast_sum=%" PRId64 " adjustment_sum=%" PRId64 " forecast_hash=%016" PRIx64
         " backtest_error_sum=%" PRId64 " backtest_hash=%016" PRIx64 "\n",
         t1 - t0, t2 - t1, t3 - t2, t3 - t1, rss_load, rss_apply, rss_backtest, forecast_sum, adjustment_sum,
         forecast_hash, backtest_error_sum, backtest_hash);
  /* CLOCK_MONOTONIC phase boundaries, for `perf record -k mono` + `perf report --time t1,t2`. */
  printf("tertial phases_mono load=%.6f apply=%.6f backtest=%.6f end=%.6f\n", t0, t1, t2, t3);

  tertial_model_free(model);
  free(bt_method);
  free(bt_error);
  free(d.parent);
  free(d.level);
  free(d.committee);
  free(d.leaf_of_unit);
  free(d.leaf_unit);
  free(d.acc_row);
  free(d.row_kind);
  free(d.row_code);
  free(d.rule_unit);
  free(d.rule_row);
  free(d.rule_method);
  free(d.rule_n);
  free(d.man_unit);
  free(d.man_row);
  free(d.man_amount);
  free(d.drv_unit);
  free(d.drv_row);
  free(d.drv_cost);
  free(d.drv_volume);
  free(d.adj_unit);
  free(d.adj_row);
  free(d.adj_kind);
  free(d.adj_amount);
  free(d.ser_unit);
  free(d.ser_row);
  free(d.past);
  return 0;
}
