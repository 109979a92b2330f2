#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* The fixture's year, frozen at January-February and tertial 1 (remaining budget; +500 000 known
 * factor on Hemtjänst at T1: see test_snapshot.c), then completed with May-December outcome:
 * Hemtjänst 950 000 a month (11 400 000), HVB 4610 2 500 000 (30 000 000), HVB 3511 -1 922 500
 * (-23 070 000), SN rent 100 000 (1 200 000), Försörjningsstöd 300 000.
 * Socialnämnden's actual: 19 830 000. */
static void year_with_snapshots(fixture *f)
{
  fixture_build(f);
  tertial_model *m = f->model;
  T_OK(tertial_forecast_apply(m, 2, -1));
  T_OK(tertial_snapshot_take(NULL, m, "JANFEB", (tertial_date){2026, 3, 12}));
  T_OK(tertial_forecast_add_adjustment(tertial_model_forecast_plan(m), f->ht, "KOST_PERS", KR(500000),
                                       TERTIAL_ADJUST_KNOWN_FACTOR, "Ökade vikariekostnader"));
  T_OK(tertial_forecast_apply(m, 4, -1));
  T_OK(tertial_snapshot_take(NULL, m, "T1", (tertial_date){2026, 5, 12}));
  tertial_ledger *l = tertial_model_ledger(m);
  for (int month = 4; month < 12; month++) {
    T_OK(tertial_ledger_add_by_code(l, "6510", "5011", month, TERTIAL_MEASURE_OUTCOME, KR(950000)));
    T_OK(tertial_ledger_add_by_code(l, "6410", "4610", month, TERTIAL_MEASURE_OUTCOME, KR(2500000)));
    T_OK(tertial_ledger_add_by_code(l, "6410", "3511", month, TERTIAL_MEASURE_OUTCOME, KR(-1922500)));
    T_OK(tertial_ledger_add_by_code(l, "SN", "6110", month, TERTIAL_MEASURE_OUTCOME, KR(100000)));
  }
}

START_TEST(test_accuracy_per_point)
{
  fixture f;
  year_with_snapshots(&f);
  tertial_accuracy a;
  const tertial_snapshot *s;
  /* JANFEB: 24 555 000 - 19 830 000 = 4 725 000; 4 725 000 / 19 830 000 = 23,8275 % -> 2383 */
  T_OK(tertial_snapshot_find(&s, f.model, "JANFEB"));
  T_OK(tertial_accuracy_of(&a, f.model, s, f.sn));
  ck_assert_int_eq(a.forecast, KR(24555000));
  ck_assert_int_eq(a.actual, KR(19830000));
  ck_assert_int_eq(a.error, KR(4725000));
  ck_assert_int_eq(a.ape_valid, 1);
  ck_assert_int_eq(a.ape, 2383);
  /* T1: 24 110 000 - 19 830 000 = 4 280 000; 21,5835 % -> 2158 */
  T_OK(tertial_snapshot_find(&s, f.model, "T1"));
  T_OK(tertial_accuracy_of(&a, f.model, s, f.sn));
  ck_assert_int_eq(a.error, KR(4280000));
  ck_assert_int_eq(a.ape, 2158);
  /* Försörjningsstöd: forecast 300 000 at both points, actual 300 000: no error. */
  T_OK(tertial_accuracy_of(&a, f.model, s, f.fs));
  ck_assert_int_eq(a.error, 0);
  ck_assert_int_eq(a.ape, 0);
  fixture_free(&f);
}
END_TEST

START_TEST(test_summary)
{
  fixture f;
  year_with_snapshots(&f);
  /* bias = MAE = (4 725 000 + 4 280 000) / 2 = 4 502 500; MAPE = (2383 + 2158) / 2 = 2270,5 -> 2271 */
  tertial_accuracy_summary s;
  T_OK(tertial_accuracy_summarise(&s, f.model, f.sn));
  ck_assert_uint_eq(s.points, 2);
  ck_assert_int_eq(s.bias, KR(4502500));
  ck_assert_int_eq(s.mean_abs_error, KR(4502500));
  ck_assert_uint_eq(s.mape_points, 2);
  ck_assert_int_eq(s.mape, 2271);
  /* A unit with no outcome at all: APE undefined. Kommunen's sibling-free root equals SN here. */
  tertial_unit_id empty;
  T_OK(tertial_org_add_unit(&empty, tertial_model_org(f.model), "TOM", "Tom enhet", f.sn, 5, NULL));
  T_OK(tertial_accuracy_summarise(&s, f.model, empty));
  ck_assert_uint_eq(s.mape_points, 0);
  ck_assert_int_eq(s.bias, 0);
  fixture_free(&f);
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2026, 1));
  T_ERR(tertial_accuracy_summarise(&s, m, 0), TERTIAL_ERR_NOT_FOUND);
  tertial_model_free(m);
}
END_TEST

/* Three past years of one unit (amounts in öre, small numbers for clarity):
 * A: outcome, budget and the year before all 100 a month (1 200).
 * B: outcome 100 a month January-June and 150 July-December (1 500); budget 100 a month; the
 *    year before = A.
 * C: outcome and budget 80 a month January-April and 130 May-December (1 360); the year before = B.
 *
 * Cut-off 4 (so far: A 400, B 400, C 320):
 *   remaining budget  A 1 200 (0)  B 1 200 (-300)  C 320 + 8 x 130 = 1 360 (0)     MAE 100
 *   linear            A 1 200 (0)  B 1 200 (-300)  C 960 (-400)                    MAE 233
 *   budget profile    A 1 200 (0)  B 1 200 (-300)  C 320 x 1 360 / 320 = 1 360 (0) MAE 100
 *   last year         A 1 200 (0)  B 1 200 (-300)  C 320 x 1 500 / 400 = 1 200 (-160) MAE 153
 *   run rate (3)      A 1 200 (0)  B 1 200 (-300)  C 320 + 8 x 80 = 960 (-400)     MAE 233
 *   -> remaining budget (ties with budget profile; the earlier method wins), 100.
 * Cut-off 8 (so far: A 800, B 900, C 840):
 *   remaining budget  B 900 + 400 = 1 300 (-200)  C 1 360 (0)                      MAE 67
 *   linear            B 1 350 (-150)  C 1 260 (-100)                               MAE 83
 *   budget profile    B 900 x 1 200 / 800 = 1 350 (-150)  C 1 360 (0)              MAE 50
 *   last year         B 900 x 1 200 / 800 = 1 350 (-150)  C 840 x 1 500 / 900 = 1 400 (+40)  MAE 63
 *   run rate (3)      B 900 + 4 x 400 / 3 = 1 433 (-67)  C 840 + 4 x 130 = 1 360 (0)  MAE 22
 *   (A is flat: every method is exact.) -> run rate, 22. */
static tertial_backtest *three_years(void)
{
  int64_t a[12], b[12], c[12], bud_c[12];
  for (int m = 0; m < 12; m++) {
    a[m] = 100;
    b[m] = m < 6 ? 100 : 150;
    c[m] = bud_c[m] = m < 4 ? 80 : 130;
  }
  tertial_backtest *bt;
  T_OK(tertial_backtest_new(&bt));
  T_OK(tertial_backtest_add_year(bt, a, a, a));
  T_OK(tertial_backtest_add_year(bt, b, a, a));
  T_OK(tertial_backtest_add_year(bt, c, bud_c, b));
  return bt;
}

START_TEST(test_backtest)
{
  tertial_backtest *bt = three_years();
  ck_assert_uint_eq(tertial_backtest_year_count(bt), 3);
  int64_t e;
  const struct { tertial_forecast_method m; int cutoff; int64_t mae; } cases[] = {
    {TERTIAL_METHOD_REMAINING_BUDGET, 4, 100}, {TERTIAL_METHOD_LINEAR, 4, 233},
    {TERTIAL_METHOD_BUDGET_PROFILE, 4, 100},   {TERTIAL_METHOD_LAST_YEAR_PROFILE, 4, 153},
    {TERTIAL_METHOD_RUN_RATE, 4, 233},         {TERTIAL_METHOD_REMAINING_BUDGET, 8, 67},
    {TERTIAL_METHOD_LINEAR, 8, 83},            {TERTIAL_METHOD_BUDGET_PROFILE, 8, 50},
    {TERTIAL_METHOD_LAST_YEAR_PROFILE, 8, 63}, {TERTIAL_METHOD_RUN_RATE, 8, 22},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    T_OK(tertial_backtest_error(&e, bt, cases[i].m, cases[i].cutoff, 3));
    ck_assert_msg(e == cases[i].mae, "method %d cut-off %d: %lld", (int)cases[i].m, cases[i].cutoff, (long long)e);
  }
  int best;
  T_OK(tertial_backtest_best(&best, &e, bt, 4));
  ck_assert_int_eq(best, TERTIAL_METHOD_REMAINING_BUDGET);
  ck_assert_int_eq(e, 100);
  T_OK(tertial_backtest_best(&best, &e, bt, 8));
  ck_assert_int_eq(best, TERTIAL_METHOD_RUN_RATE);
  ck_assert_int_eq(e, 22);
  T_ERR(tertial_backtest_error(&e, bt, TERTIAL_METHOD_MANUAL, 4, 3), TERTIAL_ERR_INVALID);
  T_ERR(tertial_backtest_error(&e, bt, TERTIAL_METHOD_LINEAR, 13, 3), TERTIAL_ERR_RANGE);
  tertial_backtest_free(bt);
  T_OK(tertial_backtest_new(&bt));
  T_ERR(tertial_backtest_best(&best, &e, bt, 4), TERTIAL_ERR_NOT_FOUND);
  tertial_backtest_free(bt);
}
END_TEST

/* Ties go to the earlier method, also when the sums of errors differ but the rounded means do
 * not. Two years, cut-off June, outcome 100 a month (600 so far) and 101 / 102 in December:
 *   remaining budget  budget of Jul-Dec 600 and 599: 1 200 (-1), 1 199 (-3): sum 4, mean 2
 *   linear            600 x 2 = 1 200: -1, -2: sum 3, mean 1,5 -> 2
 *   budget profile    600 x 900 / 300 = 1 800 and 600 x 899 / 300 = 1 798: mean 598
 *   last year         no prior outcome by June: the budget profile again
 *   run rate (3)      600 + 6 x 300 / 3 = 1 200, as linear: sum 3, mean 2
 * Remaining budget, linear and run rate all have the mean 2: remaining budget wins. */
START_TEST(test_backtest_ties)
{
  int64_t out_a[12], out_b[12], bud_a[12], bud_b[12], prior[12];
  for (int m = 0; m < 12; m++) {
    out_a[m] = out_b[m] = 100;
    bud_a[m] = bud_b[m] = m < 6 ? 50 : 100;
    prior[m] = m < 6 ? 0 : 100;
  }
  out_a[11] = 101;
  out_b[11] = 102;
  bud_b[11] = 99;
  tertial_backtest *bt;
  T_OK(tertial_backtest_new(&bt));
  T_OK(tertial_backtest_add_year(bt, out_a, bud_a, prior));
  T_OK(tertial_backtest_add_year(bt, out_b, bud_b, prior));
  int64_t e;
  const int64_t mae[5] = {2, 2, 598, 598, 2};
  for (int m = 0; m < 5; m++) {
    T_OK(tertial_backtest_error(&e, bt, (tertial_forecast_method)m, 6, 3));
    ck_assert_msg(e == mae[m], "method %d: %lld", m, (long long)e);
  }
  int best;
  T_OK(tertial_backtest_best(&best, &e, bt, 6));
  ck_assert_int_eq(best, TERTIAL_METHOD_REMAINING_BUDGET);
  ck_assert_int_eq(e, 2);
  tertial_backtest_free(bt);
}
END_TEST

/* ---- the backtest against a plain reference: tertial_forecast_base() for every year ---- */

__extension__ typedef __int128 i128;

static uint64_t rnd(uint64_t *state)
{
  uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* A month's amount: zero, tiny, moderate (products of sums fit in 64 bits), large (they need 128)
 * or, when `huge`, near the int64 limits; costs and revenue (negative). */
static int64_t amount(uint64_t *st, int huge, int revenue)
{
  uint64_t r = rnd(st);
  int64_t v;
  switch (r % 16) {
  case 0:
    return 0;
  case 1:
    v = (int64_t)(r >> 40) % 7 - 3;
    break;
  case 2:
    v = huge ? (int64_t)(rnd(st) >> 2) * ((r >> 8) & 1 ? 1 : -1) : (int64_t)(r >> 20);
    break;
  case 3:
  case 4:
    v = (int64_t)((r >> 24) % 1000000000u) + (int64_t)(rnd(st) >> 14);
    break;
  default:
    v = 1000 + (int64_t)((r >> 24) % 2000000u);
    break;
  }
  return revenue ? -v : v;
}

/* round(num / den) half away from zero, den > 0 */
static i128 ref_div(i128 num, i128 den)
{
  i128 a = num < 0 ? -num : num, q = a / den;
  if (2 * (a % den) >= den)
    q++;
  return num < 0 ? -q : q;
}

/* Mean absolute error of a method over the years as the backtest defines it, or an error code. */
static int ref_error(int64_t *out, const int64_t (*years)[3][12], size_t n, int method, int cutoff, int run_rate)
{
  i128 sum = 0;
  for (size_t y = 0; y < n; y++) {
    tertial_forecast_input in = TERTIAL_FORECAST_INPUT_INIT;
    memcpy(in.outcome, years[y][0], sizeof in.outcome);
    memcpy(in.budget, years[y][1], sizeof in.budget);
    memcpy(in.prior, years[y][2], sizeof in.prior);
    in.cutoff = cutoff;
    in.run_rate_months = run_rate;
    int64_t f;
    int rc = tertial_forecast_base(&f, NULL, (tertial_forecast_method)method, &in);
    if (rc < 0)
      return rc;
    i128 actual = 0;
    for (int m = 0; m < 12; m++)
      actual += years[y][0][m];
    i128 err = (i128)f - actual;
    sum += err < 0 ? -err : err;
  }
  i128 mean = ref_div(sum, (i128)n);
  if (mean > INT64_MAX)
    return TERTIAL_ERR_OVERFLOW;
  *out = (int64_t)mean;
  return 0;
}

START_TEST(test_backtest_reference)
{
  uint64_t st = UINT64_C(0xACC0) + (uint64_t)_i;
  int huge = _i % 4 == 3; /* every fourth case: amounts up to 2^62, so sums and products overflow */
  size_t n = 1 + rnd(&st) % 6;
  int64_t years[6][3][12];
  tertial_backtest *bt;
  T_OK(tertial_backtest_new(&bt));
  for (size_t y = 0; y < n; y++) {
    int shape = (int)(rnd(&st) % 4); /* 0: as drawn; 1: a flat year; 2: no budget to June; 3: credits */
    int revenue = rnd(&st) % 3 == 0;
    for (int k = 0; k < 3; k++)
      for (int m = 0; m < 12; m++) {
        int64_t v = amount(&st, huge, revenue);
        if (shape == 1)
          v = years[y][k][0] = m == 0 ? v : years[y][k][0];
        if (shape == 2 && k == 1 && m < 6)
          v = 0;
        if (shape == 3 && k > 0 && m < 3 && v != INT64_MIN)
          v = -v;
        years[y][k][m] = v;
      }
    T_OK(tertial_backtest_add_year(bt, years[y][0], years[y][1], years[y][2]));
  }
  for (int cutoff = 1; cutoff <= 12; cutoff++) {
    for (int run_rate = 1; run_rate <= 12; run_rate++)
      for (int m = 0; m < 5; m++) {
        int64_t want = -1, got = -1;
        int rw = ref_error(&want, (const int64_t(*)[3][12])years, n, m, cutoff, run_rate);
        int rg = tertial_backtest_error(&got, bt, (tertial_forecast_method)m, cutoff, run_rate);
        ck_assert_msg(rw == rg && (rw < 0 || want == got), "case %d method %d cut-off %d n %d: %d %lld / %d %lld", _i,
                      m, cutoff, run_rate, rw, (long long)want, rg, (long long)got);
      }
    int64_t mae[5];
    int rw = 0, best_want = 0;
    for (int m = 0; m < 5 && rw == 0; m++)
      rw = ref_error(&mae[m], (const int64_t(*)[3][12])years, n, m, cutoff, 3);
    for (int m = 1; rw == 0 && m < 5; m++)
      if (mae[m] < mae[best_want])
        best_want = m;
    int best = -1;
    int64_t e = -1;
    int rg = tertial_backtest_best(&best, &e, bt, cutoff);
    ck_assert_msg(rw == rg, "case %d cut-off %d: best %d / %d", _i, cutoff, rw, rg);
    if (rw == 0) {
      ck_assert_msg(best == best_want && e == mae[best_want], "case %d cut-off %d: %d %lld / %d %lld", _i, cutoff,
                    best_want, (long long)mae[best_want], best, (long long)e);
    }
  }
  tertial_backtest_free(bt);
}
END_TEST

/* ---- many series at once: tertial_backtest_best_table() ---- */

/* Three parts of MIN_SERIES_PER_PART (256, lib/forecast/accuracy.c) series. */
#define TABLE_SERIES 768

/* Where series s, year y, measure k (0 outcome, 1 budget, 2 prior) starts in a table. */
static int64_t *table_at(int64_t *past, size_t nyears, size_t s, size_t y, int k)
{
  return &past[((s * nyears + y) * 3 + (size_t)k) * 12];
}

/* nseries series of nyears years: amounts of -1 000 000..9 999 999 öre, an eighth of them zero;
 * some years flat, some without budget or prior-year outcome to June, some series revenue
 * (negative). Small enough for every method's result to fit. */
static int64_t *series_table(size_t nseries, size_t nyears, uint64_t seed)
{
  int64_t *past = malloc(nseries * nyears * 36 * sizeof *past);
  ck_assert_ptr_nonnull(past);
  uint64_t st = seed;
  for (size_t s = 0; s < nseries; s++) {
    int64_t sign = rnd(&st) % 4 == 0 ? -1 : 1;
    for (size_t y = 0; y < nyears; y++) {
      int shape = (int)(rnd(&st) % 5); /* 0-2: as drawn; 3: a flat year; 4: no budget and prior to June */
      for (int k = 0; k < 3; k++) {
        int64_t *v = table_at(past, nyears, s, y, k);
        for (int m = 0; m < 12; m++) {
          uint64_t r = rnd(&st);
          v[m] = r % 8 == 0 ? 0 : sign * ((int64_t)((r >> 8) % 11000000) - 1000000);
          if (shape == 3 && m > 0)
            v[m] = v[0];
          if (shape == 4 && k > 0 && m < 6)
            v[m] = 0;
        }
      }
    }
  }
  return past;
}

/* Series s of a table through tertial_backtest_new(), _add_year() and _best() at every cut-off:
 * its methods and errors (s * 12 + cut-off - 1), or the first error code. */
static int best_by_series(int *methods, int64_t *errors, int64_t *past, size_t nyears, size_t s)
{
  tertial_backtest *bt;
  int rc = tertial_backtest_new(&bt);
  for (size_t y = 0; rc == 0 && y < nyears; y++)
    rc = tertial_backtest_add_year(bt, table_at(past, nyears, s, y, 0), table_at(past, nyears, s, y, 1),
                                   table_at(past, nyears, s, y, 2));
  for (int c = 1; rc == 0 && c <= 12; c++)
    rc = tertial_backtest_best(&methods[s * 12 + (size_t)c - 1], &errors[s * 12 + (size_t)c - 1], bt, c);
  tertial_backtest_free(bt);
  return rc;
}

/* The table on 1, 2, 3 and one per processor threads gives what a backtest of each series does;
 * with 3 years, series 700 (the last part) holds three_years() above. */
START_TEST(test_backtest_best_table)
{
  const size_t nyears = _i == 0 ? 3 : 5;
  int64_t *past = series_table(TABLE_SERIES, nyears, UINT64_C(0x7AB1E) + (uint64_t)_i);
  if (nyears == 3) {
    int64_t a[12], b[12], c[12];
    for (int m = 0; m < 12; m++) {
      a[m] = 100;
      b[m] = m < 6 ? 100 : 150;
      c[m] = m < 4 ? 80 : 130;
    }
    const int64_t *years[3][3] = {{a, a, a}, {b, a, a}, {c, c, b}};
    for (size_t y = 0; y < 3; y++)
      for (int k = 0; k < 3; k++)
        memcpy(table_at(past, nyears, 700, y, k), years[y][k], sizeof a);
  }
  int *want_m = malloc(TABLE_SERIES * 12 * sizeof *want_m), *got_m = malloc(TABLE_SERIES * 12 * sizeof *got_m);
  int64_t *want_e = malloc(TABLE_SERIES * 12 * sizeof *want_e), *got_e = malloc(TABLE_SERIES * 12 * sizeof *got_e);
  ck_assert(want_m && got_m && want_e && got_e);
  int rc = 0;
  for (size_t s = 0; rc == 0 && s < TABLE_SERIES; s++)
    rc = best_by_series(want_m, want_e, past, nyears, s);
  T_OK(rc);
  /* the data is no one-method affair */
  size_t used[5] = {0};
  for (size_t i = 0; i < TABLE_SERIES * 12; i++)
    used[want_m[i]]++;
  for (int m = 0; m < 5; m++)
    ck_assert_msg(used[m] > 0, "no series has method %d at best", m);
  const int threads[] = {1, 2, 3, 0};
  for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
    memset(got_m, 0xff, TABLE_SERIES * 12 * sizeof *got_m);
    memset(got_e, 0xff, TABLE_SERIES * 12 * sizeof *got_e);
    T_OK(tertial_backtest_best_table(got_m, got_e, past, TABLE_SERIES, nyears, threads[t]));
    ck_assert_msg(memcmp(got_m, want_m, TABLE_SERIES * 12 * sizeof *got_m) == 0, "%d threads: methods differ",
                  threads[t]);
    ck_assert_msg(memcmp(got_e, want_e, TABLE_SERIES * 12 * sizeof *got_e) == 0, "%d threads: errors differ",
                  threads[t]);
  }
  /* without the errors */
  memset(got_m, 0xff, TABLE_SERIES * 12 * sizeof *got_m);
  T_OK(tertial_backtest_best_table(got_m, NULL, past, TABLE_SERIES, nyears, 3));
  ck_assert(memcmp(got_m, want_m, TABLE_SERIES * 12 * sizeof *got_m) == 0);
  if (nyears == 3) {
    /* test_backtest's figures: cut-off 4 remaining budget (100), cut-off 8 run rate (22) */
    ck_assert_int_eq(got_m[700 * 12 + 3], TERTIAL_METHOD_REMAINING_BUDGET);
    ck_assert_int_eq(want_e[700 * 12 + 3], 100);
    ck_assert_int_eq(got_m[700 * 12 + 7], TERTIAL_METHOD_RUN_RATE);
    ck_assert_int_eq(want_e[700 * 12 + 7], 22);
  }
  free(past);
  free(want_m);
  free(got_m);
  free(want_e);
  free(got_e);
}
END_TEST

START_TEST(test_backtest_best_table_arguments)
{
  int methods[24];
  int64_t errors[24], past[2 * 36];
  for (int i = 0; i < 2 * 36; i++)
    past[i] = 100 + i;
  T_ERR(tertial_backtest_best_table(NULL, errors, past, 2, 1, 1), TERTIAL_ERR_INVALID);
  T_ERR(tertial_backtest_best_table(methods, errors, NULL, 2, 1, 1), TERTIAL_ERR_INVALID);
  T_ERR(tertial_backtest_best_table(NULL, NULL, NULL, 0, 0, 1), TERTIAL_ERR_INVALID);
  T_ERR(tertial_backtest_best_table(methods, errors, past, 2, 0, 1), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_backtest_best_table(methods, errors, past, 2, 1, -1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_backtest_best_table(methods, errors, past, 2, 1, 257), TERTIAL_ERR_RANGE);
  /* a table too large to address: refused before it is read */
  T_ERR(tertial_backtest_best_table(methods, errors, past, 2, SIZE_MAX / 36, 1), TERTIAL_ERR_RANGE);
  /* no series: nothing to do (no past needed, and no year) */
  T_OK(tertial_backtest_best_table(methods, NULL, NULL, 0, 0, 0));
  T_OK(tertial_backtest_best_table(methods, errors, past, 0, 3, 4));
  /* two series of one year on "256 threads" (they stay on one) */
  memset(methods, 0xff, sizeof methods);
  T_OK(tertial_backtest_best_table(methods, errors, past, 2, 1, 256));
  for (size_t s = 0; s < 2; s++) {
    int want_m[24];
    int64_t want_e[24];
    T_OK(best_by_series(want_m, want_e, past, 1, s));
    for (size_t c = 0; c < 12; c++) {
      ck_assert_int_eq(methods[s * 12 + c], want_m[s * 12 + c]);
      ck_assert_int_eq(errors[s * 12 + c], want_e[s * 12 + c]);
    }
  }
}
END_TEST

/* A failing series is reported by its index: the first failing one in series order, whatever
 * the number of threads and whichever part the others lie in (2 threads: 384-767 one part; 3:
 * 256-511 and 512-767). */
START_TEST(test_backtest_best_table_first_error)
{
  const size_t nyears = 4;
  int64_t *past = series_table(TABLE_SERIES, nyears, 450);
  int *methods = malloc(TABLE_SERIES * 12 * sizeof *methods);
  int64_t *errors = malloc(TABLE_SERIES * 12 * sizeof *errors);
  ck_assert(methods && errors);
  /* January's outcome a quarter of INT64_MAX in every year: at cut-off 1 the linear projection
   * (x 12) does not fit */
  int64_t jan200[4];
  const size_t bad[] = {700, 450, 200};
  for (size_t i = 0; i < 3; i++)
    for (size_t y = 0; y < nyears; y++) {
      int64_t *jan = table_at(past, nyears, bad[i], y, 0);
      if (bad[i] == 200)
        jan200[y] = *jan;
      *jan = INT64_MAX / 4;
    }
  T_ERR(best_by_series(methods, errors, past, nyears, 450), TERTIAL_ERR_OVERFLOW);
  char reason[512];
  snprintf(reason, sizeof reason, "%s", tertial_error_last());
  ck_assert_str_eq(reason, "forecast: the result does not fit in int64 öre");
  /* series 200 mended: 450 is the first failing series (2 threads: with 700 in its part; 3: 700
   * in the next part); then, 200 broken again, 200 (the first part) */
  for (int round = 0; round < 2; round++) {
    for (size_t y = 0; y < nyears; y++)
      table_at(past, nyears, 200, y, 0)[0] = round == 0 ? jan200[y] : INT64_MAX / 4;
    char want[600];
    snprintf(want, sizeof want, "backtest of series %d: %s", round == 0 ? 450 : 200, reason);
    const int threads[] = {1, 2, 3, 0};
    for (size_t t = 0; t < sizeof threads / sizeof *threads; t++)
      for (int with_errors = 0; with_errors < 2; with_errors++) {
        tertial_error_clear();
        T_ERR(tertial_backtest_best_table(methods, with_errors ? errors : NULL, past, TABLE_SERIES, nyears,
                                          threads[t]),
              TERTIAL_ERR_OVERFLOW);
        ck_assert_int_eq(tertial_error_last_code(), TERTIAL_ERR_OVERFLOW);
        ck_assert_msg(strcmp(tertial_error_last(), want) == 0, "%d threads: \"%s\"", threads[t],
                      tertial_error_last());
      }
  }
  free(past);
  free(methods);
  free(errors);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("accuracy");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_accuracy_per_point);
  tcase_add_test(tc, test_summary);
  tcase_add_test(tc, test_backtest);
  tcase_add_test(tc, test_backtest_ties);
  tcase_add_loop_test(tc, test_backtest_reference, 0, 400);
  suite_add_tcase(s, tc);
  tc = tcase_create("table");
  tcase_add_loop_test(tc, test_backtest_best_table, 0, 2);
  tcase_add_test(tc, test_backtest_best_table_arguments);
  tcase_add_test(tc, test_backtest_best_table_first_error);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
