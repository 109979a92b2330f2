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

int main(void)
{
  Suite *s = suite_create("accuracy");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_accuracy_per_point);
  tcase_add_test(tc, test_summary);
  tcase_add_test(tc, test_backtest);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
