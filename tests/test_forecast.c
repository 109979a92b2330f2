#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "forecast_internal.h"
#include "ledger_internal.h"

/* Outcome Jan-Apr 100, 120, 110, 130 (460 so far); budget 100 a month and 200 in December
 * (1 300 a year, 400 by April); last year 90 a month and 210 in December (1 200, 360 by April). */
static tertial_forecast_input sample(void)
{
  tertial_forecast_input in = TERTIAL_FORECAST_INPUT_INIT;
  int64_t out[4] = {100, 120, 110, 130};
  for (int m = 0; m < 12; m++) {
    in.outcome[m] = m < 4 ? out[m] : 999999; /* months after the cut-off are ignored */
    in.budget[m] = m == 11 ? 200 : 100;
    in.prior[m] = m == 11 ? 210 : 90;
  }
  in.cutoff = 4;
  return in;
}

static int64_t base(tertial_forecast_method method, const tertial_forecast_input *in, int expected_fallback)
{
  int64_t v = 0;
  int fallback = -1;
  T_OK(tertial_forecast_base(&v, &fallback, method, in));
  ck_assert_int_eq(fallback, expected_fallback);
  return v;
}

START_TEST(test_methods)
{
  tertial_forecast_input in = sample();
  /* 460 + 7 x 100 + 200 */
  ck_assert_int_eq(base(TERTIAL_METHOD_REMAINING_BUDGET, &in, 0), 1360);
  /* 460 x 12 / 4 */
  ck_assert_int_eq(base(TERTIAL_METHOD_LINEAR, &in, 0), 1380);
  /* 460 x 1 300 / 400 = 1 495 */
  ck_assert_int_eq(base(TERTIAL_METHOD_BUDGET_PROFILE, &in, 0), 1495);
  /* 460 x 1 200 / 360 = 1 533,33 -> 1 533 */
  ck_assert_int_eq(base(TERTIAL_METHOD_LAST_YEAR_PROFILE, &in, 0), 1533);
  /* 460 + 8 x (120 + 110 + 130) / 3 = 460 + 960 */
  ck_assert_int_eq(base(TERTIAL_METHOD_RUN_RATE, &in, 0), 1420);
  in.run_rate_months = 9; /* clamped to the 4 months there are: 460 + 8 x 115 */
  ck_assert_int_eq(base(TERTIAL_METHOD_RUN_RATE, &in, 0), 1380);
  in.driver_remaining = 500;
  ck_assert_int_eq(base(TERTIAL_METHOD_VOLUME_DRIVER, &in, 0), 960);
  in.manual = 777;
  ck_assert_int_eq(base(TERTIAL_METHOD_MANUAL, &in, 0), 777);
  ck_assert_str_eq(tertial_forecast_method_name(TERTIAL_METHOD_LAST_YEAR_PROFILE), "last-year-profile");
}
END_TEST

START_TEST(test_fallbacks)
{
  tertial_forecast_input in = sample();
  /* No outcome last year by April: the budget's profile instead (1 495). */
  for (int m = 0; m < 4; m++)
    in.prior[m] = 0;
  ck_assert_int_eq(base(TERTIAL_METHOD_LAST_YEAR_PROFILE, &in, TERTIAL_FALLBACK_BUDGET_PROFILE), 1495);
  /* ...and no budget by April either: linear (1 380). */
  for (int m = 0; m < 4; m++)
    in.budget[m] = 0;
  ck_assert_int_eq(base(TERTIAL_METHOD_LAST_YEAR_PROFILE, &in, TERTIAL_FALLBACK_LINEAR), 1380);
  ck_assert_int_eq(base(TERTIAL_METHOD_BUDGET_PROFILE, &in, TERTIAL_FALLBACK_LINEAR), 1380);
  /* A budget that changes sign (a credit by April, a cost for the year) is no profile either. */
  in = sample();
  in.budget[0] = -500;
  ck_assert_int_eq(base(TERTIAL_METHOD_BUDGET_PROFILE, &in, TERTIAL_FALLBACK_LINEAR), 1380);
  /* A zero annual budget: remaining budget still works and gives the outcome so far. */
  in = sample();
  memset(in.budget, 0, sizeof in.budget);
  ck_assert_int_eq(base(TERTIAL_METHOD_REMAINING_BUDGET, &in, 0), 460);
}
END_TEST

START_TEST(test_revenue_and_rounding)
{
  /* Revenue is negative: -100 a month so far, budget -100 a month. */
  tertial_forecast_input in = TERTIAL_FORECAST_INPUT_INIT;
  for (int m = 0; m < 12; m++)
    in.outcome[m] = in.budget[m] = in.prior[m] = -100;
  in.outcome[3] = -160; /* -460 by April */
  in.cutoff = 4;
  ck_assert_int_eq(base(TERTIAL_METHOD_BUDGET_PROFILE, &in, 0), -1380);  /* -460 x -1200 / -400 */
  ck_assert_int_eq(base(TERTIAL_METHOD_REMAINING_BUDGET, &in, 0), -1260);
  /* 7 öre over 8 months: 7 x 12 / 8 = 10,5 -> 11, and -10,5 -> -11 (half away from zero). */
  tertial_forecast_input r = TERTIAL_FORECAST_INPUT_INIT;
  r.cutoff = 8;
  r.outcome[0] = 7;
  ck_assert_int_eq(base(TERTIAL_METHOD_LINEAR, &r, 0), 11);
  r.outcome[0] = -7;
  ck_assert_int_eq(base(TERTIAL_METHOD_LINEAR, &r, 0), -11);
  int64_t v;
  r.outcome[0] = INT64_MAX;
  r.cutoff = 1;
  T_ERR(tertial_forecast_base(&v, NULL, TERTIAL_METHOD_LINEAR, &r), TERTIAL_ERR_OVERFLOW);
  r.cutoff = 0;
  T_ERR(tertial_forecast_base(&v, NULL, TERTIAL_METHOD_LINEAR, &r), TERTIAL_ERR_RANGE);
  r.cutoff = 4;
  r.run_rate_months = 0;
  T_ERR(tertial_forecast_base(&v, NULL, TERTIAL_METHOD_RUN_RATE, &r), TERTIAL_ERR_RANGE);
  T_ERR(tertial_forecast_base(&v, NULL, (tertial_forecast_method)42, &r), TERTIAL_ERR_INVALID);
  /* Sums of months beyond int64 (12 x INT64_MAX): the profile's product passes 128 bits, which
   * is an overflow like any result that does not fit. */
  tertial_forecast_input big = TERTIAL_FORECAST_INPUT_INIT;
  for (int m = 0; m < 12; m++)
    big.outcome[m] = big.budget[m] = big.prior[m] = INT64_MAX;
  big.cutoff = 12;
  T_ERR(tertial_forecast_base(&v, NULL, TERTIAL_METHOD_BUDGET_PROFILE, &big), TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_forecast_base(&v, NULL, TERTIAL_METHOD_LAST_YEAR_PROFILE, &big), TERTIAL_ERR_OVERFLOW);
  /* a month back to zero: 11 x INT64_MAX x 12 x INT64_MAX / (11 x INT64_MAX) is still too large */
  big.outcome[11] = 0;
  T_ERR(tertial_forecast_base(&v, NULL, TERTIAL_METHOD_BUDGET_PROFILE, &big), TERTIAL_ERR_OVERFLOW);
}
END_TEST

static const tertial_followup_line *total_line(tertial_followup *t)
{
  return tertial_followup_line_at(t, tertial_followup_line_count(t) - 1);
}

START_TEST(test_apply_defaults)
{
  fixture f;
  fixture_build(&f);
  /* Every unit and row with amounts gets remaining budget (cut-off April):
   * HVB 4610: 10 000 000 + 8 x 2 000 000 = 26 000 000; 3511: -7 690 000 - 8 000 000 = -15 690 000;
   * 6420: 300 000; 6510: 3 800 000 + 8 000 000 = 11 800 000; SN rent 400 000 + 800 000. */
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  int64_t v;
  T_OK(tertial_model_forecast(&v, f.model, f.hvb, "KOST_KOP"));
  ck_assert_int_eq(v, KR(26000000));
  T_OK(tertial_model_forecast(&v, f.model, f.hvb, "INT_BIDR"));
  ck_assert_int_eq(v, KR(-15690000));
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, f.model, f.sn, 4, NULL));
  const tertial_followup_line *tot = total_line(t);
  ck_assert_int_eq(tot->value[TERTIAL_COL_FORECAST], KR(23610000));
  ck_assert_int_eq(tot->value[TERTIAL_COL_FORECAST_DEVIATION], KR(1590000));
  ck_assert_int_eq(tot->forecast_missing, 0);
  tertial_followup_free(t);
  int method, fallback;
  T_OK(tertial_forecast_base_of(&v, &method, &fallback, tertial_model_forecast_plan(f.model), f.ht, "KOST_PERS"));
  ck_assert_int_eq(v, KR(11800000));
  ck_assert_int_eq(method, TERTIAL_METHOD_REMAINING_BUDGET);
  T_ERR(tertial_forecast_base_of(&v, NULL, NULL, tertial_model_forecast_plan(f.model), f.ht, "KOST_KOP"),
        TERTIAL_ERR_NOT_FOUND);
  fixture_free(&f);
}
END_TEST

/* IFO projects linearly, Hemtjänst's salaries follow last year's profile, and Hemtjänst has a
 * known factor (+500 000), a measure taken (-200 000) and a planned measure (-300 000). */
static void plan_b(fixture *f)
{
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f->model);
  T_OK(tertial_forecast_set_method(plan, f->ifo, NULL, TERTIAL_METHOD_LINEAR, 0));
  T_OK(tertial_forecast_set_method(plan, f->ht, "KOST_PERS", TERTIAL_METHOD_LAST_YEAR_PROFILE, 0));
  T_OK(tertial_forecast_add_adjustment(plan, f->ht, "KOST_PERS", KR(500000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Ökade vikariekostnader"));
  T_OK(tertial_forecast_add_adjustment(plan, f->ht, "KOST_PERS", KR(-200000), TERTIAL_ADJUST_MEASURE_TAKEN,
                                       "Minskad övertid"));
  T_OK(tertial_forecast_add_adjustment(plan, f->ht, "KOST_PERS", KR(-300000), TERTIAL_ADJUST_PLANNED_MEASURE,
                                       "Vakanshållning"));
  T_OK(tertial_forecast_apply(f->model, 4, -1));
}

START_TEST(test_apply_rules_and_adjustments)
{
  fixture f;
  fixture_build(&f);
  plan_b(&f);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f.model);
  tertial_forecast_method method;
  T_OK(tertial_forecast_method_of(&method, NULL, plan, f.hvb, "KOST_KOP"));
  ck_assert_int_eq(method, TERTIAL_METHOD_LINEAR); /* inherited from IFO */
  T_OK(tertial_forecast_method_of(&method, NULL, plan, f.ht, "KOST_KOP"));
  ck_assert_int_eq(method, TERTIAL_METHOD_REMAINING_BUDGET);
  /* HVB: 10 000 000 x 3 and -7 690 000 x 3; 6420: 900 000;
   * 6510: 3 800 000 x 11 800 000 / 4 000 000 = 11 210 000, + 500 000 - 200 000 = 11 510 000;
   * SN rent 1 200 000. Total 6 930 000 + 900 000 + 11 510 000 + 1 200 000 = 20 540 000. */
  int64_t v;
  T_OK(tertial_model_forecast(&v, f.model, f.ht, "KOST_PERS"));
  ck_assert_int_eq(v, KR(11510000));
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, f.model, f.sn, 4, NULL));
  ck_assert_int_eq(total_line(t)->value[TERTIAL_COL_FORECAST], KR(20540000));
  ck_assert_int_eq(total_line(t)->value[TERTIAL_COL_FORECAST_DEVIATION], KR(4660000));
  tertial_followup_free(t);
  /* Prognos efter planerade åtgärder: 20 540 000 - 300 000. */
  T_OK(tertial_forecast_after_planned(&v, f.model, f.sn, 4));
  ck_assert_int_eq(v, KR(20240000));
  T_OK(tertial_forecast_after_planned(&v, f.model, f.ifo, 4));
  ck_assert_int_eq(v, KR(7830000));
  ck_assert_uint_eq(tertial_forecast_adjustment_count(plan), 3);
  ck_assert_str_eq(tertial_forecast_adjustment_at(plan, 1)->reason, "Minskad övertid");
  /* The checker sees no missing forecast any more. */
  tertial_findings *fs;
  T_OK(tertial_check_model(&fs, f.model, f.k, 4, -1));
  ck_assert_uint_eq(tertial_findings_count(fs), 0);
  tertial_findings_free(fs);
  fixture_free(&f);
}
END_TEST

START_TEST(test_manual_and_driver)
{
  fixture f;
  fixture_build(&f);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f.model);
  T_OK(tertial_forecast_set_method(plan, f.hvb, "KOST_KOP", TERTIAL_METHOD_MANUAL, 0));
  T_OK(tertial_forecast_set_manual(plan, f.hvb, "KOST_KOP", KR(28000000)));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  int64_t v;
  T_OK(tertial_model_forecast(&v, f.model, f.hvb, "KOST_KOP"));
  ck_assert_int_eq(v, KR(28000000));
  /* 600 dygn a month May-December at 4 500 kr: 10 000 000 + 8 x 2 700 000 = 31 600 000. */
  T_OK(tertial_forecast_set_method(plan, f.hvb, "KOST_KOP", TERTIAL_METHOD_VOLUME_DRIVER, 0));
  T_OK(tertial_forecast_set_driver(plan, f.hvb, "KOST_KOP", "HVB-placeringar", "dygn", KR(4500)));
  for (int m = 0; m < 12; m++)
    T_OK(tertial_forecast_set_volume(plan, f.hvb, "KOST_KOP", m, m < 4 ? 555000 : 600000));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  T_OK(tertial_model_forecast(&v, f.model, f.hvb, "KOST_KOP"));
  ck_assert_int_eq(v, KR(31600000));
  /* Half a dygn: 0,5 x 4 500 kr = 2 250 kr more. */
  T_OK(tertial_forecast_set_volume(plan, f.hvb, "KOST_KOP", 11, 600500));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  T_OK(tertial_model_forecast(&v, f.model, f.hvb, "KOST_KOP"));
  ck_assert_int_eq(v, KR(31602250));
  T_ERR(tertial_forecast_set_volume(plan, f.ht, "KOST_PERS", 0, 1), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_forecast_set_volume(plan, f.hvb, "KOST_KOP", 12, 1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_forecast_set_method(plan, f.hvb, "KOST", TERTIAL_METHOD_LINEAR, 0), TERTIAL_ERR_STATE);
  T_ERR(tertial_forecast_set_method(plan, f.hvb, NULL, TERTIAL_METHOD_RUN_RATE, 13), TERTIAL_ERR_RANGE);
  T_ERR(tertial_forecast_add_adjustment(plan, f.hvb, "KOST_KOP", 1, TERTIAL_ADJUST_KNOWN_FACTOR, ""),
        TERTIAL_ERR_INVALID);
  fixture_free(&f);
}
END_TEST

START_TEST(test_reasons)
{
  fixture f;
  fixture_build(&f);
  plan_b(&f);
  /* Projection: HVB 24 000 000 - 30 000 000 and -12 000 000 + 23 070 000, 6420 -900 000,
   * 6510 12 000 000 - 11 210 000, SN 0: 4 960 000; then -500 000 and +200 000 = 4 660 000. */
  tertial_reasons *r;
  T_OK(tertial_reasons_from_model(&r, f.model, f.sn, 4));
  ck_assert_uint_eq(tertial_reasons_count(r), 3);
  const char *why;
  int64_t amount;
  T_OK(tertial_reasons_at(&why, &amount, r, 0));
  ck_assert_str_eq(why, "Framskrivning av utfall");
  ck_assert_int_eq(amount, KR(4960000));
  T_OK(tertial_reasons_at(&why, &amount, r, 1));
  ck_assert_str_eq(why, "Ökade vikariekostnader");
  ck_assert_int_eq(amount, KR(-500000));
  int verdict;
  long line;
  int64_t diff;
  T_OK(tertial_reasons_check(&verdict, &line, &diff, r, KR(4660000)));
  ck_assert_int_eq(verdict, TERTIAL_REASONS_OK);
  ck_assert_int_eq(diff, 0);
  tertial_reasons_free(r);

  /* A manager's table for a deviation of -1 000 tkr with one line's sign wrong. */
  T_OK(tertial_reasons_new(&r, "6410"));
  T_OK(tertial_reasons_add(r, "Fler placeringar", KR(-1500000)));
  T_OK(tertial_reasons_add(r, "Vakanser", KR(-500000)));  /* should be +500 000 */
  T_OK(tertial_reasons_check(&verdict, &line, &diff, r, KR(-1000000)));
  ck_assert_int_eq(verdict, TERTIAL_REASONS_SIGN_ERROR);
  ck_assert_int_eq(line, 1);
  ck_assert_int_eq(diff, KR(1000000));
  T_OK(tertial_reasons_add(r, "Övrigt", KR(300000)));
  T_OK(tertial_reasons_check(&verdict, &line, &diff, r, KR(-1000000)));
  ck_assert_int_eq(verdict, TERTIAL_REASONS_MISMATCH);
  ck_assert_int_eq(line, -1);
  ck_assert_int_eq(diff, KR(700000));
  T_ERR(tertial_reasons_at(&why, &amount, r, 3), TERTIAL_ERR_RANGE);
  tertial_reasons_free(r);
  fixture_free(&f);
}
END_TEST

/* Book an amount on months first..last of a unit and account (the account made if new). */
static void book(tertial_model *m, tertial_unit_id u, const char *account, int measure, int first, int last,
                 int64_t amount)
{
  tertial_account_id a;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), account));
  for (int month = first; month <= last; month++)
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, month, measure, amount));
}

static int64_t forecast_of(tertial_model *m, tertial_unit_id u, const char *row)
{
  int64_t v;
  T_OK(tertial_model_forecast(&v, m, u, row));
  return v;
}

/* A forecast follows the ledger: apply again after amounts change and the new amounts count. */
START_TEST(test_apply_after_change)
{
  fixture f;
  fixture_build(&f);
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  /* Hemtjänst: 4 x 950 000 + 8 x 1 000 000 */
  ck_assert_int_eq(forecast_of(f.model, f.ht, "KOST_PERS"), KR(11800000));
  int64_t v;
  T_ERR(tertial_model_forecast(&v, f.model, f.fs, "KOST_KOP"), TERTIAL_ERR_NOT_FOUND);
  /* 50 000 kr more salaries in April; Försörjningsstöd buys 10 000 kr of care in March */
  T_OK(tertial_ledger_add_by_code(tertial_model_ledger(f.model), "6510", "5011", 3, TERTIAL_MEASURE_OUTCOME,
                                  KR(50000)));
  book(f.model, f.fs, "4610", TERTIAL_MEASURE_OUTCOME, 2, 2, KR(10000));
  ck_assert_int_eq(forecast_of(f.model, f.ht, "KOST_PERS"), KR(11800000)); /* not before the next apply */
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  ck_assert_int_eq(forecast_of(f.model, f.ht, "KOST_PERS"), KR(11850000));
  ck_assert_int_eq(forecast_of(f.model, f.fs, "KOST_KOP"), KR(10000));
  int method;
  T_OK(tertial_forecast_base_of(&v, &method, NULL, tertial_model_forecast_plan(f.model), f.fs, "KOST_KOP"));
  ck_assert_int_eq(v, KR(10000));
  ck_assert_int_eq(method, TERTIAL_METHOD_REMAINING_BUDGET);
  /* a correction back to zero: the pair has no amounts and nothing in the plan, so no forecast */
  book(f.model, f.fs, "4610", TERTIAL_MEASURE_OUTCOME, 2, 2, KR(-10000));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  T_ERR(tertial_model_forecast(&v, f.model, f.fs, "KOST_KOP"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_forecast_base_of(&v, NULL, NULL, tertial_model_forecast_plan(f.model), f.fs, "KOST_KOP"),
        TERTIAL_ERR_NOT_FOUND);
  fixture_free(&f);
}
END_TEST

/* The fixture's amounts booked unit by unit in another order, so that units' ledger lines are
 * interleaved (the engine then follows each unit's chain of lines instead of one run). */
static void fixture_interleaved(fixture *f)
{
  T_OK(tertial_model_new(&f->model, 2026, 1));
  tertial_model *m = f->model;
  tertial_org *org = tertial_model_org(m);
  T_OK(tertial_org_add_unit(&f->k, org, "K", "Exempelkommun", TERTIAL_NO_UNIT, 0, "Chef"));
  T_OK(tertial_org_add_unit(&f->sn, org, "SN", "Socialnämnden", f->k, 1, "Chef"));
  T_OK(tertial_org_add_unit(&f->ifo, org, "IFO", "Individ- och familjeomsorg", f->sn, 4, "Chef"));
  T_OK(tertial_org_add_unit(&f->hvb, org, "6410", "HVB barn och unga", f->ifo, 5, "Chef"));
  T_OK(tertial_org_add_unit(&f->fs, org, "6420", "Försörjningsstöd", f->ifo, 5, "Chef"));
  T_OK(tertial_org_add_unit(&f->ao, org, "AO", "Äldreomsorg", f->sn, 4, "Chef"));
  T_OK(tertial_org_add_unit(&f->ht, org, "6510", "Hemtjänst", f->ao, 5, "Chef"));
  T_OK(tertial_chart_add(NULL, tertial_model_chart(m), "6110", "Lokalhyror interna", TERTIAL_ACCOUNT_COST, 1));
  int bud = tertial_model_current_budget(m);
  book(m, f->hvb, "4610", TERTIAL_MEASURE_OUTCOME, 0, 3, KR(2500000));
  book(m, f->ht, "5011", TERTIAL_MEASURE_PRIOR, 0, 10, KR(1000000));
  book(m, f->hvb, "3511", bud, 0, 11, KR(-1000000));
  book(m, f->sn, "6110", bud, 0, 11, KR(100000));
  book(m, f->ht, "5011", bud, 0, 11, KR(1000000));
  book(m, f->hvb, "4610", bud, 0, 11, KR(2000000));
  book(m, f->fs, "4511", TERTIAL_MEASURE_OUTCOME, 1, 1, KR(300000));
  book(m, f->hvb, "3511", TERTIAL_MEASURE_OUTCOME, 0, 3, KR(-1922500));
  book(m, f->ht, "5011", TERTIAL_MEASURE_OUTCOME, 0, 3, KR(950000));
  book(m, f->sn, "6110", TERTIAL_MEASURE_OUTCOME, 0, 3, KR(100000));
  book(m, f->ht, "5011", TERTIAL_MEASURE_PRIOR, 11, 11, KR(800000));
}

/* Every unit's forecast and base of every line row in a and b are the same. */
static void assert_same_forecasts(tertial_model *a, tertial_model *b, size_t nunits)
{
  const tertial_rowmap *map = tertial_model_rowmap(a);
  size_t found = 0;
  for (tertial_unit_id u = 0; u < nunits; u++)
    for (size_t r = 0; r < tertial_rowmap_row_count(map); r++) {
      const tertial_report_row *row = tertial_rowmap_row(map, r);
      if (row->kind != TERTIAL_ROW_LINE)
        continue;
      int64_t fa = 0, fb = 0, ba = 0, bb = 0;
      int ma = -1, mb = -1, ka = -1, kb = -1;
      int rfa = tertial_model_forecast(&fa, a, u, row->code), rfb = tertial_model_forecast(&fb, b, u, row->code);
      int rba = tertial_forecast_base_of(&ba, &ma, &ka, tertial_model_forecast_plan(a), u, row->code);
      int rbb = tertial_forecast_base_of(&bb, &mb, &kb, tertial_model_forecast_plan(b), u, row->code);
      ck_assert_msg(rfa == rfb && fa == fb && rba == rbb && ba == bb && ma == mb && ka == kb,
                    "unit %u row %s: %d %lld / %d %lld", (unsigned)u, row->code, rfa, (long long)fa, rfb,
                    (long long)fb);
      found += rfa == 0;
    }
  ck_assert_uint_gt(found, 0);
}

START_TEST(test_apply_interleaved_lines)
{
  fixture f, g;
  fixture_build(&f);
  fixture_interleaved(&g);
  const int32_t *oldest, *newest;
  size_t n;
  ck_assert_int_eq(tertial__ledger_own_runs(tertial_model_ledger(f.model), &oldest, &newest, &n), 1);
  ck_assert_int_eq(tertial__ledger_own_runs(tertial_model_ledger(g.model), &oldest, &newest, &n), 0);
  plan_b(&f);
  plan_b(&g);
  assert_same_forecasts(f.model, g.model, 7);
  /* as in test_apply_rules_and_adjustments: HVB linear, Hemtjänst's salaries last year's profile */
  ck_assert_int_eq(forecast_of(g.model, g.hvb, "KOST_KOP"), KR(30000000));
  ck_assert_int_eq(forecast_of(g.model, g.hvb, "INT_BIDR"), KR(-23070000));
  ck_assert_int_eq(forecast_of(g.model, g.ht, "KOST_PERS"), KR(11510000));
  ck_assert_int_eq(forecast_of(g.model, g.sn, "KOST_HYRA"), KR(1200000));
  fixture_free(&f);
  fixture_free(&g);
}
END_TEST

/* Amounts so large that a sum of them could overflow int64: every row total is made and checked
 * before anything changes; the forecasts are the same as on the fast path. */
START_TEST(test_apply_huge_amounts)
{
  fixture f, g;
  fixture_build(&f);
  fixture_build(&g);
  plan_b(&f);
  /* 2^61 öre on an account outside every row: nothing to forecast, but the ledger's bound
   * no longer rules an overflow out */
  book(g.model, g.ht, "1910", TERTIAL_MEASURE_OUTCOME, 0, 0, INT64_C(1) << 61);
  ck_assert_uint_gt(tertial__ledger_abs_bound(tertial_model_ledger(g.model)),
                    (uint64_t)INT64_MAX / tertial__ledger_own_count(tertial_model_ledger(g.model)));
  plan_b(&g);
  assert_same_forecasts(f.model, g.model, 7);
  ck_assert_int_eq(forecast_of(g.model, g.ht, "KOST_PERS"), KR(11510000));

  /* Hemtjänst: 2^62 of care bought in January; remaining budget (no budget): 2^62 */
  book(g.model, g.ht, "4610", TERTIAL_MEASURE_OUTCOME, 0, 0, INT64_C(1) << 62);
  T_OK(tertial_forecast_apply(g.model, 4, -1));
  ck_assert_int_eq(forecast_of(g.model, g.ht, "KOST_KOP"), INT64_C(1) << 62);
  /* another 2^62 on another account of the row: the row's total overflows; nothing changes */
  book(g.model, g.ht, "4620", TERTIAL_MEASURE_OUTCOME, 0, 0, INT64_C(1) << 62);
  T_ERR(tertial_forecast_apply(g.model, 4, -1), TERTIAL_ERR_OVERFLOW);
  ck_assert_int_eq(forecast_of(g.model, g.ht, "KOST_KOP"), INT64_C(1) << 62);
  ck_assert_int_eq(forecast_of(g.model, g.ht, "KOST_PERS"), KR(11510000));
  fixture_free(&f);
  fixture_free(&g);
}
END_TEST

/* The method of a unit and row: the nearest unit up the tree with a rule for the row or for
 * every row; at one unit the row's rule wins. */
START_TEST(test_rule_resolution)
{
  fixture f;
  fixture_build(&f);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f.model);
  T_OK(tertial_forecast_set_method(plan, f.k, NULL, TERTIAL_METHOD_LINEAR, 0));
  T_OK(tertial_forecast_set_method(plan, f.k, "KOST_PERS", TERTIAL_METHOD_BUDGET_PROFILE, 0));
  T_OK(tertial_forecast_set_method(plan, f.ifo, NULL, TERTIAL_METHOD_RUN_RATE, 2));
  T_OK(tertial_forecast_set_method(plan, f.hvb, "INT_BIDR", TERTIAL_METHOD_REMAINING_BUDGET, 0));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  int64_t v;
  int method;
  /* HVB: its own row rule for INT_BIDR: -7 690 000 - 8 x 1 000 000 */
  T_OK(tertial_forecast_base_of(&v, &method, NULL, plan, f.hvb, "INT_BIDR"));
  ck_assert_int_eq(method, TERTIAL_METHOD_REMAINING_BUDGET);
  ck_assert_int_eq(v, KR(-15690000));
  /* HVB KOST_KOP: IFO's every-row rule (run rate over 2 months) beats K's: 10 000 000 + 8 x 2 500 000 */
  T_OK(tertial_forecast_base_of(&v, &method, NULL, plan, f.hvb, "KOST_KOP"));
  ck_assert_int_eq(method, TERTIAL_METHOD_RUN_RATE);
  ck_assert_int_eq(v, KR(30000000));
  /* Hemtjänst's salaries: K's rule for the row (budget profile): 3 800 000 x 12 000 000 / 4 000 000 */
  T_OK(tertial_forecast_base_of(&v, &method, NULL, plan, f.ht, "KOST_PERS"));
  ck_assert_int_eq(method, TERTIAL_METHOD_BUDGET_PROFILE);
  ck_assert_int_eq(v, KR(11400000));
  /* SN's rent: K's every-row rule (linear): 400 000 x 3 */
  T_OK(tertial_forecast_base_of(&v, &method, NULL, plan, f.sn, "KOST_HYRA"));
  ck_assert_int_eq(method, TERTIAL_METHOD_LINEAR);
  ck_assert_int_eq(v, KR(1200000));
  fixture_free(&f);
}
END_TEST

/* ---- applying on several threads ---- */

/* The thread setting: 1 by default, 0 (one per processor) up to 256; a small model's forecasts
 * are the same on any setting (it stays on one thread). */
START_TEST(test_threads_setting)
{
  fixture f;
  fixture_build(&f);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f.model);
  ck_assert_int_eq(tertial_forecast_threads(plan), 1);
  ck_assert_int_eq(tertial_forecast_threads(NULL), 1);
  T_OK(tertial_forecast_set_threads(plan, 0));
  ck_assert_int_eq(tertial_forecast_threads(plan), 0);
  T_OK(tertial_forecast_set_threads(plan, 256));
  ck_assert_int_eq(tertial_forecast_threads(plan), 256);
  T_ERR(tertial_forecast_set_threads(plan, 257), TERTIAL_ERR_RANGE);
  T_ERR(tertial_forecast_set_threads(plan, -1), TERTIAL_ERR_RANGE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "-1 threads"));
  T_ERR(tertial_forecast_set_threads(plan, INT32_MIN), TERTIAL_ERR_RANGE);
  ck_assert_int_eq(tertial_forecast_threads(plan), 256); /* a refused setting changes nothing */
  T_ERR(tertial_forecast_set_threads(NULL, 2), TERTIAL_ERR_INVALID);
  T_OK(tertial_forecast_set_threads(plan, 8));
  /* as test_apply_rules_and_adjustments, on "8 threads": HVB linear, Hemtjänst last year's profile */
  plan_b(&f);
  ck_assert_int_eq(forecast_of(f.model, f.hvb, "KOST_KOP"), KR(30000000));
  ck_assert_int_eq(forecast_of(f.model, f.ht, "KOST_PERS"), KR(11510000));
  ck_assert_int_eq(forecast_of(f.model, f.sn, "KOST_HYRA"), KR(1200000));
  ck_assert_int_eq(tertial_forecast_threads(plan), 8);
  fixture_free(&f);
}
END_TEST

static uint64_t rnd(uint64_t *state)
{
  uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* A model large enough for three parts of an apply (MIN_LINES_PER_PART in lib/forecast/forecast.c is 32 768
 * ledger lines): K, four committees N1-N4 (ids 1-4) and units 5..BIG_UNITS-1 under them; every unit
 * but the two hand-checked ones has BIG_ACCOUNTS accounts with an outcome month (January-
 * September), a budget month and a prior-year month each, revenue (class 3) negative. Booked unit
 * by unit, so that each unit's lines are one run.
 *
 * The hand-checked units: H1 (id 5, under N2: the first part) and H2 (the last unit, under N4:
 * the last part), each with account 4610 (Köp av verksamhet): outcome 2 500 000 kr a month
 * January-April and budget 2 000 000 kr a month; H2 also 5011 (Personal): outcome 950 000 kr a
 * month January-April.
 *
 * The plan: N1 linear for every row, N2 the budget profile for KOST_PERS, N3 the run rate over 2
 * months, every ninth unit last year's profile, every 17th a manual KOST_KOP, every 23rd three
 * adjustments on KOST_OVR, unit 100 a volume driver on KOST_BIDR; H1 a manual KOST_HYRA (a row
 * without amounts); H2 linear for KOST_PERS and a known factor of +500 000 kr on KOST_KOP. */
#define BIG_UNITS 340
#define BIG_ACCOUNTS 300
#define H1 5
#define H2 (BIG_UNITS - 1)

static void big_model(tertial_model **out)
{
  T_OK(tertial_model_new(out, 2026, 1));
  tertial_model *m = *out;
  tertial_org *org = tertial_model_org(m);
  tertial_ledger *l = tertial_model_ledger(m);
  int bud = tertial_model_current_budget(m);
  tertial_account_id acc[BIG_ACCOUNTS], kop, pers;
  for (int a = 0; a < BIG_ACCOUNTS; a++) {
    char number[8];
    snprintf(number, sizeof number, "%d", (30 + a % 50) * 100 + a / 50); /* groups 30-79 */
    T_OK(tertial_chart_ensure(&acc[a], tertial_model_chart(m), number));
  }
  T_OK(tertial_chart_ensure(&kop, tertial_model_chart(m), "4610"));
  T_OK(tertial_chart_ensure(&pers, tertial_model_chart(m), "5011"));
  /* about 300 000 amounts: checked once at the end (an assertion a call would cost more than the
   * call under valgrind) */
  uint64_t st = 20260101;
  int rc = 0;
  for (tertial_unit_id u = 0; u < BIG_UNITS; u++) {
    char code[16];
    tertial_unit_id id;
    if (u == H1 || u == H2)
      snprintf(code, sizeof code, "H%d", u == H1 ? 1 : 2);
    else
      snprintf(code, sizeof code, "%s%u", u == 0 ? "K" : u < 5 ? "N" : "E", (unsigned)u);
    T_OK(tertial_org_add_unit(&id, org, code, code, u == 0 ? TERTIAL_NO_UNIT : u < 5 ? 0 : 1 + u % 4, u < 5 ? u > 0 : 2,
                              NULL));
    ck_assert_uint_eq(id, u);
    if (u == H1 || u == H2) {
      for (int month = 0; month < 12; month++) {
        T_OK(tertial_ledger_add(l, u, kop, month, bud, KR(2000000)));
        if (month < 4)
          T_OK(tertial_ledger_add(l, u, kop, month, TERTIAL_MEASURE_OUTCOME, KR(2500000)));
        if (month < 4 && u == H2)
          T_OK(tertial_ledger_add(l, u, pers, month, TERTIAL_MEASURE_OUTCOME, KR(950000)));
      }
      continue;
    }
    for (int a = 0; rc == 0 && a < BIG_ACCOUNTS; a++) {
      int64_t sign = a % 50 < 10 ? -1 : 1;
      uint64_t r = rnd(&st);
      rc = tertial_ledger_add(l, u, acc[a], (int)(r % 9), TERTIAL_MEASURE_OUTCOME,
                              sign * (int64_t)(1 + (r >> 8) % 5000000));
      if (rc == 0)
        rc = tertial_ledger_add(l, u, acc[a], (int)((r >> 4) % 12), bud, sign * (int64_t)(1 + (r >> 30) % 6000000));
      if (rc == 0)
        rc = tertial_ledger_add(l, u, acc[a], (int)((r >> 40) % 12), TERTIAL_MEASURE_PRIOR,
                                sign * (int64_t)((r >> 44) % 5000000));
    }
  }
  T_OK(rc);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(m);
  T_OK(tertial_forecast_set_method(plan, 1, NULL, TERTIAL_METHOD_LINEAR, 0));
  T_OK(tertial_forecast_set_method(plan, 2, "KOST_PERS", TERTIAL_METHOD_BUDGET_PROFILE, 0));
  T_OK(tertial_forecast_set_method(plan, 3, NULL, TERTIAL_METHOD_RUN_RATE, 2));
  for (tertial_unit_id u = 5; u < BIG_UNITS; u++) {
    if (u == H1 || u == H2)
      continue;
    if (u % 9 == 0)
      T_OK(tertial_forecast_set_method(plan, u, NULL, TERTIAL_METHOD_LAST_YEAR_PROFILE, 0));
    if (u % 17 == 3) {
      T_OK(tertial_forecast_set_method(plan, u, "KOST_KOP", TERTIAL_METHOD_MANUAL, 0));
      T_OK(tertial_forecast_set_manual(plan, u, "KOST_KOP", KR(1000) * u));
    }
    if (u % 23 == 7) {
      T_OK(tertial_forecast_add_adjustment(plan, u, "KOST_OVR", KR(50000), TERTIAL_ADJUST_KNOWN_FACTOR, "Faktor"));
      T_OK(tertial_forecast_add_adjustment(plan, u, "KOST_OVR", KR(-20000), TERTIAL_ADJUST_MEASURE_TAKEN, "Vidtagen"));
      T_OK(tertial_forecast_add_adjustment(plan, u, "KOST_OVR", KR(-30000), TERTIAL_ADJUST_PLANNED_MEASURE,
                                           "Planerad"));
    }
  }
  T_OK(tertial_forecast_set_method(plan, 100, "KOST_BIDR", TERTIAL_METHOD_VOLUME_DRIVER, 0));
  T_OK(tertial_forecast_set_driver(plan, 100, "KOST_BIDR", "Ärenden", "st", KR(1500)));
  for (int month = 0; month < 12; month++)
    T_OK(tertial_forecast_set_volume(plan, 100, "KOST_BIDR", month, 10000 + 1000 * month));
  T_OK(tertial_forecast_set_method(plan, H1, "KOST_HYRA", TERTIAL_METHOD_MANUAL, 0));
  T_OK(tertial_forecast_set_manual(plan, H1, "KOST_HYRA", KR(123456)));
  T_OK(tertial_forecast_set_method(plan, H2, "KOST_PERS", TERTIAL_METHOD_LINEAR, 0));
  T_OK(tertial_forecast_add_adjustment(plan, H2, "KOST_KOP", KR(500000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Fler placeringar"));
}

/* Everything an apply left: the plan's computed list, and each unit's forecast and base (with
 * method and fallback, or the error code) of every line row as the public API gives them. */
typedef struct apply_result {
  tertial__computed *computed;
  size_t ncomputed;
  int64_t (*pub)[6]; /* [unit * nrows + row]: rc of forecast, forecast, rc of base, base, method, fallback */
  size_t npub;
} apply_result;

static apply_result apply_result_of(tertial_model *m)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(m);
  const tertial_rowmap *map = tertial_model_rowmap(m);
  size_t nunits = tertial_org_unit_count(tertial_model_org(m)), nrows = tertial_rowmap_row_count(map);
  apply_result r = {.ncomputed = tertial__plan_computed_count(plan), .npub = nunits * nrows};
  r.computed = malloc((r.ncomputed ? r.ncomputed : 1) * sizeof *r.computed);
  r.pub = calloc(r.npub, sizeof *r.pub);
  ck_assert(r.computed && r.pub);
  for (size_t i = 0; i < r.ncomputed; i++)
    r.computed[i] = *tertial__plan_computed(plan, i);
  for (tertial_unit_id u = 0; u < nunits; u++)
    for (size_t row = 0; row < nrows; row++) {
      const tertial_report_row *rr = tertial_rowmap_row(map, row);
      if (rr->kind != TERTIAL_ROW_LINE)
        continue;
      int64_t *p = r.pub[u * nrows + row];
      int method = -1, fallback = -1;
      p[0] = tertial_model_forecast(&p[1], m, u, rr->code);
      p[2] = tertial_forecast_base_of(&p[3], &method, &fallback, plan, u, rr->code);
      p[4] = method;
      p[5] = fallback;
    }
  return r;
}

static void apply_result_free(apply_result *r)
{
  free(r->computed);
  free(r->pub);
}

static void assert_same_result(const apply_result *want, const apply_result *got, const char *what)
{
  ck_assert_msg(want->ncomputed == got->ncomputed, "%s: %zu computed, expected %zu", what, got->ncomputed,
                want->ncomputed);
  size_t i = 0;
  for (const tertial__computed *a = want->computed, *b = got->computed; i < want->ncomputed; i++, a++, b++)
    if (a->unit != b->unit || a->row != b->row || a->base != b->base || a->adjustments != b->adjustments ||
        a->planned != b->planned || a->forecast != b->forecast || a->outcome_to_date != b->outcome_to_date ||
        a->budget_year != b->budget_year || a->method != b->method || a->fallback != b->fallback)
      break;
  ck_assert_msg(i == want->ncomputed, "%s: computed %zu (unit %u row %d) differs", what, i,
                (unsigned)got->computed[i].unit, got->computed[i].row);
  ck_assert_uint_eq(want->npub, got->npub);
  ck_assert_msg(memcmp(want->pub, got->pub, want->npub * sizeof *want->pub) == 0, "%s: forecasts differ", what);
}

static void apply_on(tertial_model *m, int threads, int cutoff)
{
  T_OK(tertial_forecast_set_threads(tertial_model_forecast_plan(m), threads));
  T_OK(tertial_forecast_apply(m, cutoff, -1));
}

static int64_t base_of(tertial_model *m, tertial_unit_id u, const char *row, int *method, int *fallback)
{
  int64_t v;
  T_OK(tertial_forecast_base_of(&v, method, fallback, tertial_model_forecast_plan(m), u, row));
  return v;
}

/* The forecasts of an apply on 2, 3 and one per processor threads are those on one thread, at
 * two cut-offs, when each unit's lines are one run (parts by lines) and when they are not (parts
 * by units). */
START_TEST(test_apply_threads_same_results)
{
  tertial_model *m;
  big_model(&m);
  tertial_ledger *l = tertial_model_ledger(m);
  const int32_t *oldest, *newest;
  size_t n;
  /* enough lines for three parts, and one run a unit */
  ck_assert_uint_ge(tertial__ledger_own_count(l), 3 * 32768);
  ck_assert_int_eq(tertial__ledger_own_runs(l, &oldest, &newest, &n), 1);
  apply_on(m, 1, 9);
  apply_result at9 = apply_result_of(m);
  apply_on(m, 1, 4);
  apply_result at4 = apply_result_of(m);
  ck_assert_uint_ge(at4.ncomputed, (BIG_UNITS - 2) * 12); /* 12 line rows a unit (78 is a capital cost) */

  /* hand-checked, cut-off April: H1 (first part) remaining budget 4 x 2 500 000 + 8 x 2 000 000 */
  int method, fallback;
  ck_assert_int_eq(forecast_of(m, H1, "KOST_KOP"), KR(26000000));
  ck_assert_int_eq(base_of(m, H1, "KOST_KOP", &method, &fallback), KR(26000000));
  ck_assert_int_eq(method, TERTIAL_METHOD_REMAINING_BUDGET);
  ck_assert_int_eq(fallback, TERTIAL_FALLBACK_NONE);
  /* H1's manual rent, on a row without amounts */
  ck_assert_int_eq(forecast_of(m, H1, "KOST_HYRA"), KR(123456));
  ck_assert_int_eq(base_of(m, H1, "KOST_HYRA", &method, NULL), KR(123456));
  ck_assert_int_eq(method, TERTIAL_METHOD_MANUAL);
  /* H2 (last part): the same base, + 500 000 known factor; salaries linear 3 800 000 x 12 / 4 */
  ck_assert_int_eq(base_of(m, H2, "KOST_KOP", &method, NULL), KR(26000000));
  ck_assert_int_eq(forecast_of(m, H2, "KOST_KOP"), KR(26500000));
  ck_assert_int_eq(forecast_of(m, H2, "KOST_PERS"), KR(11400000));
  ck_assert_int_eq(base_of(m, H2, "KOST_PERS", &method, NULL), KR(11400000));
  ck_assert_int_eq(method, TERTIAL_METHOD_LINEAR);
  int64_t v;
  T_ERR(tertial_model_forecast(&v, m, H2, "KOST_OVR"), TERTIAL_ERR_NOT_FOUND);
  /* unit 100's driver: the outcome so far + (14 000 + ... + 21 000) thousandths May-December x
   * 1 500 kr = 140 x 1 500 kr */
  int row;
  T_OK(tertial_rowmap_find_row(&row, tertial_model_rowmap(m), "KOST_BIDR"));
  size_t k = 0;
  while (k < at4.ncomputed && (at4.computed[k].unit != 100 || at4.computed[k].row != row))
    k++;
  ck_assert_uint_lt(k, at4.ncomputed);
  ck_assert_int_eq(at4.computed[k].method, TERTIAL_METHOD_VOLUME_DRIVER);
  ck_assert_int_ne(at4.computed[k].outcome_to_date, 0);
  ck_assert_int_eq(at4.computed[k].base - at4.computed[k].outcome_to_date, KR(210000));
  ck_assert_int_eq(base_of(m, 100, "KOST_BIDR", &method, NULL), at4.computed[k].base);
  /* the methods the plan spreads over the units */
  base_of(m, 6, "KOST_PERS", &method, NULL); /* under N3: run rate */
  ck_assert_int_eq(method, TERTIAL_METHOD_RUN_RATE);
  base_of(m, 9, "KOST_PERS", &method, NULL); /* N2's row rule... but unit 9's own last-year rule wins */
  ck_assert_int_eq(method, TERTIAL_METHOD_LAST_YEAR_PROFILE);
  base_of(m, 13, "KOST_PERS", &method, NULL); /* under N2 */
  ck_assert_int_eq(method, TERTIAL_METHOD_BUDGET_PROFILE);
  base_of(m, 12, "KOST_OVR", &method, NULL); /* under N1 */
  ck_assert_int_eq(method, TERTIAL_METHOD_LINEAR);
  ck_assert_int_eq(forecast_of(m, 20, "KOST_KOP"), KR(20000)); /* 20 % 17 == 3: manual */

  /* 2, 3 and one per processor threads, at both cut-offs, each apply after one at the other */
  const struct { int threads, cutoff; } runs[] = {{2, 9}, {3, 4}, {0, 9}, {2, 4}, {3, 9}, {0, 4}};
  for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
    char what[64];
    snprintf(what, sizeof what, "%d threads, cut-off %d", runs[i].threads, runs[i].cutoff);
    apply_on(m, runs[i].threads, runs[i].cutoff);
    apply_result r = apply_result_of(m);
    assert_same_result(runs[i].cutoff == 4 ? &at4 : &at9, &r, what);
    apply_result_free(&r);
  }
  apply_result_free(&at9);
  apply_result_free(&at4);

  /* a new line of H1 (4620, Köp av verksamhet too) booked last: H1's lines are no run any more,
   * the parts go by units */
  size_t nlines = tertial__ledger_own_count(l);
  book(m, H1, "4620", TERTIAL_MEASURE_OUTCOME, 3, 3, KR(100000));
  ck_assert_uint_eq(tertial__ledger_own_count(l), nlines + 1);
  ck_assert_int_eq(tertial__ledger_own_runs(l, &oldest, &newest, &n), 0);
  apply_on(m, 1, 4);
  ck_assert_int_eq(forecast_of(m, H1, "KOST_KOP"), KR(26100000));
  apply_result want = apply_result_of(m);
  const int threads[] = {3, 2};
  for (size_t i = 0; i < sizeof threads / sizeof *threads; i++) {
    char what[64];
    snprintf(what, sizeof what, "%d threads, lines not in runs", threads[i]);
    apply_on(m, threads[i], 4);
    apply_result r = apply_result_of(m);
    assert_same_result(&want, &r, what);
    apply_result_free(&r);
  }
  apply_result_free(&want);
  tertial_model_free(m);
}
END_TEST

/* The first error in unit order wins, whatever the number of threads: H1 (in the first part) and
 * H2 (the last unit, in the last part) both overflow; the code, the message and what the failed
 * apply leaves are those of one thread. Without H1's error, H2's is reported from its part. */
START_TEST(test_apply_threads_first_error)
{
  tertial_model *m;
  big_model(&m);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(m);
  size_t first = tertial_forecast_adjustment_count(plan);
  /* 26 000 000 kr of base + almost INT64_MAX (H2: + 500 000 kr already there) */
  T_OK(tertial_forecast_add_adjustment(plan, H1, "KOST_KOP", INT64_MAX - KR(1000000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Felbokning"));
  T_OK(tertial_forecast_add_adjustment(plan, H2, "KOST_KOP", INT64_MAX - KR(1000000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Felbokning"));
  int kop;
  T_OK(tertial_rowmap_find_row(&kop, tertial_model_rowmap(m), "KOST_KOP"));
  const int threads[] = {1, 2, 3, 0};
  for (int round = 0; round < 2; round++) {
    /* the unit by its code and name, not its id (5 and 339) */
    const char *want = round == 0 ? "the forecast of unit H1 (H1) on row KOST_KOP is more than an amount can hold "
                                    "(int64 öre)"
                                  : "the forecast of unit H2 (H2) on row KOST_KOP is more than an amount can hold "
                                    "(int64 öre)";
    apply_result one = {0};
    for (size_t i = 0; i < sizeof threads / sizeof *threads; i++) {
      T_OK(tertial_forecast_set_threads(plan, threads[i]));
      tertial_error_clear();
      T_ERR(tertial_forecast_apply(m, 4, -1), TERTIAL_ERR_OVERFLOW);
      ck_assert_int_eq(tertial_error_last_code(), TERTIAL_ERR_OVERFLOW);
      ck_assert_msg(strcmp(tertial_error_last(), want) == 0, "%d threads: \"%s\"", threads[i], tertial_error_last());
      char what[32];
      snprintf(what, sizeof what, "%d threads, failed", threads[i]);
      apply_result r = apply_result_of(m);
      if (i == 0)
        one = r;
      else
        assert_same_result(&one, &r, what);
      if (i > 0)
        apply_result_free(&r);
    }
    /* one thread stops at the failing unit and row: nothing from there on is computed */
    ck_assert_uint_gt(one.ncomputed, 0);
    const tertial__computed *last = &one.computed[one.ncomputed - 1];
    tertial_unit_id failing = round == 0 ? H1 : H2;
    ck_assert(last->unit < failing || (last->unit == failing && last->row < kop));
    int64_t v;
    T_ERR(tertial_forecast_base_of(&v, NULL, NULL, plan, H2, "KOST_KOP"), TERTIAL_ERR_NOT_FOUND);
    apply_result_free(&one);
    T_OK(tertial_forecast_remove_adjustment(plan, first)); /* H1's, then H2's */
  }
  apply_on(m, 2, 4);
  ck_assert_int_eq(forecast_of(m, H1, "KOST_KOP"), KR(26000000));
  ck_assert_int_eq(forecast_of(m, H2, "KOST_KOP"), KR(26500000));
  tertial_model_free(m);
}
END_TEST

/* An apply on a thread with a small stack (a server's worker, Python's threading.stack_size()):
 * the apply keeps its parts on the heap, not some 270 kB of them on the stack. */
typedef struct stack_job {
  tertial_model *model;
  int rc;
} stack_job;

static void *apply_in_thread(void *data)
{
  stack_job *job = data;
  job->rc = tertial_forecast_apply(job->model, 4, -1);
  return NULL;
}

START_TEST(test_apply_on_small_stack)
{
  fixture f;
  fixture_build(&f);
  T_OK(tertial_forecast_set_threads(tertial_model_forecast_plan(f.model), 256));
  stack_job job = {f.model, -999};
  pthread_attr_t attr;
  pthread_t thread;
  ck_assert_int_eq(pthread_attr_init(&attr), 0);
  ck_assert_int_eq(pthread_attr_setstacksize(&attr, 192 * 1024), 0);
  ck_assert_int_eq(pthread_create(&thread, &attr, apply_in_thread, &job), 0);
  ck_assert_int_eq(pthread_join(thread, NULL), 0);
  pthread_attr_destroy(&attr);
  T_OK(job.rc);
  ck_assert_int_eq(forecast_of(f.model, f.ht, "KOST_PERS"), KR(11800000));
  fixture_free(&f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("forecast");
  TCase *tc = tcase_create("methods");
  tcase_add_test(tc, test_methods);
  tcase_add_test(tc, test_fallbacks);
  tcase_add_test(tc, test_revenue_and_rounding);
  suite_add_tcase(s, tc);
  tc = tcase_create("plan");
  tcase_add_test(tc, test_apply_defaults);
  tcase_add_test(tc, test_apply_rules_and_adjustments);
  tcase_add_test(tc, test_manual_and_driver);
  tcase_add_test(tc, test_reasons);
  tcase_add_test(tc, test_apply_after_change);
  tcase_add_test(tc, test_apply_interleaved_lines);
  tcase_add_test(tc, test_apply_huge_amounts);
  tcase_add_test(tc, test_rule_resolution);
  suite_add_tcase(s, tc);
  tc = tcase_create("threads");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_threads_setting);
  tcase_add_test(tc, test_apply_threads_same_results);
  tcase_add_test(tc, test_apply_threads_first_error);
  tcase_add_test(tc, test_apply_on_small_stack);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
