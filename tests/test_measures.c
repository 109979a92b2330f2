#include <string.h>

#include "testutil.h"

static const tertial_deviation *verdict_of(const tertial_deviations *d, const char *code)
{
  for (size_t i = 0; i < tertial_deviations_count(d); i++)
    if (strcmp(tertial_deviations_at(d, i)->unit_code, code) == 0)
      return tertial_deviations_at(d, i);
  ck_abort_msg("no verdict for %s", code);
  return NULL;
}

START_TEST(test_escalation_rule)
{
  fixture f;
  fixture_build(&f);
  /* Remaining budget at April, plus a known factor of +500 000 on Hemtjänst's salaries:
   * 6510 forecasts 12 300 000 against 12 000 000 (-300 000), so does Äldreomsorg;
   * 6420 forecasts 300 000 against 0 (-300 000) but IFO is +1 390 000; SN is +1 090 000. */
  T_OK(tertial_forecast_add_adjustment(tertial_model_forecast_plan(f.model), f.ht, "KOST_PERS", KR(500000),
                                       TERTIAL_ADJUST_KNOWN_FACTOR, "Ökade vikariekostnader"));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  tertial_deviations *d;
  T_OK(tertial_deviations_classify(&d, f.model, f.sn, 4));
  ck_assert_uint_eq(tertial_deviations_count(d), 6);
  ck_assert_str_eq(tertial_deviations_at(d, 0)->unit_code, "SN");
  const tertial_deviation *x = verdict_of(d, "SN");
  ck_assert_int_eq(x->verdict, TERTIAL_DEVIATION_IN_BALANCE);
  ck_assert_int_eq(x->forecast_deviation, KR(1090000));
  x = verdict_of(d, "6420");
  ck_assert_int_eq(x->verdict, TERTIAL_DEVIATION_COVERED);
  ck_assert_int_eq(x->forecast_deviation, KR(-300000));
  ck_assert_int_eq(x->parent_deviation, KR(1390000));
  ck_assert_int_eq(x->depth, 2);
  x = verdict_of(d, "AO");
  ck_assert_int_eq(x->verdict, TERTIAL_DEVIATION_COVERED);
  x = verdict_of(d, "6510");
  ck_assert_int_eq(x->verdict, TERTIAL_DEVIATION_NEEDS_MEASURES);
  ck_assert_int_eq(x->parent_deviation, KR(-300000));
  tertial_deviations_free(d);
  /* A root with a negative deviation has no one to cover it. */
  T_OK(tertial_deviations_classify(&d, f.model, f.ht, 4));
  ck_assert_uint_eq(tertial_deviations_count(d), 1);
  ck_assert_int_eq(tertial_deviations_at(d, 0)->verdict, TERTIAL_DEVIATION_NEEDS_MEASURES);
  tertial_deviations_free(d);
  T_ERR(tertial_deviations_classify(&d, f.model, 99, 4), TERTIAL_ERR_NOT_FOUND);
  fixture_free(&f);
}
END_TEST

START_TEST(test_measures_feed_forecast)
{
  fixture f;
  fixture_build(&f);
  T_OK(tertial_forecast_add_adjustment(tertial_model_forecast_plan(f.model), f.ht, "KOST_PERS", KR(500000),
                                       TERTIAL_ADJUST_KNOWN_FACTOR, "Ökade vikariekostnader"));
  size_t i;
  T_OK(tertial_measure_add(&i, f.model, f.ht, "KOST_PERS", "Minskad bemanning nattetid", "Ökade vikariekostnader",
                           KR(400000), "Färre anställda nattetid", (tertial_date){2026, 6, 1}));
  ck_assert_uint_eq(i, 0);
  T_ERR(tertial_measure_feed_forecast(f.model, i), TERTIAL_ERR_STATE); /* only proposed */
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "proposed, not decided"));
  T_OK(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_DECIDED, "Beslutad i nämnden 20 maj"));
  T_OK(tertial_measure_feed_forecast(f.model, i));
  T_ERR(tertial_measure_feed_forecast(f.model, i), TERTIAL_ERR_STATE);
  const tertial_measure *m = tertial_measure_at(f.model, i);
  ck_assert_int_eq(m->in_forecast, 1);
  ck_assert_str_eq(m->follow_up, "Beslutad i nämnden 20 maj");
  ck_assert_int_eq(m->due.month, 6);
  /* A second measure, already done: 100 000 kr less overtime, counted in the forecast. */
  T_OK(tertial_measure_add(&i, f.model, f.ht, "KOST_PERS", "Minskad övertid", "Ökade vikariekostnader", KR(100000),
                           "", (tertial_date){2026, 4, 1}));
  T_OK(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_DONE, NULL));
  T_OK(tertial_measure_feed_forecast(f.model, i));
  ck_assert_uint_eq(tertial_measure_count(f.model), 2);
  /* a cancelled measure is said to be cancelled, not "not decided" */
  size_t c;
  T_OK(tertial_measure_add(&c, f.model, f.ht, "KOST_PERS", "Stängd avdelning", "Ökade vikariekostnader", KR(1),
                           "", (tertial_date){2026, 9, 1}));
  T_OK(tertial_measure_set_status(f.model, c, TERTIAL_MEASURE_CANCELLED, "Avbruten"));
  T_ERR(tertial_measure_feed_forecast(f.model, c), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "is cancelled"));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  /* 11 800 000 + 500 000 - 100 000 = 12 200 000; after the planned measure 11 800 000. */
  int64_t v;
  T_OK(tertial_model_forecast(&v, f.model, f.ht, "KOST_PERS"));
  ck_assert_int_eq(v, KR(12200000));
  T_OK(tertial_forecast_after_planned(&v, f.model, f.ao, 4));
  ck_assert_int_eq(v, KR(11800000));
  T_ERR(tertial_measure_add(NULL, f.model, f.ht, "KOST", "x", "", 0, "", (tertial_date){2026, 1, 1}), TERTIAL_ERR_STATE);
  T_ERR(tertial_measure_set_status(f.model, 9, TERTIAL_MEASURE_DONE, NULL), TERTIAL_ERR_RANGE);
  fixture_free(&f);
}
END_TEST

START_TEST(test_adherence_plan)
{
  fixture f;
  fixture_build(&f);
  tertial_adherence_plan *p, *again;
  T_OK(tertial_adherence_plan_get(&p, f.model, f.hvb, NULL));
  ck_assert_str_eq(tertial_adherence_plan_manager(p), "Chef");
  ck_assert_uint_eq(tertial_adherence_plan_unit(p), f.hvb);
  T_OK(tertial_adherence_plan_add_moment(p, "Placeringar under sommaren"));
  T_OK(tertial_adherence_plan_add_risk(p, "Fler placeringar än budgeterat", "Utökad öppenvård i egen regi",
                                       KR(800000), "Längre väntetid till öppenvården"));
  T_OK(tertial_adherence_plan_get(&again, f.model, f.hvb, "Chef"));
  ck_assert_ptr_eq(again, p);
  ck_assert_uint_eq(tertial_adherence_plan_moment_count(p), 1);
  ck_assert_str_eq(tertial_adherence_plan_moment(p, 0), "Placeringar under sommaren");
  const tertial_adherence_risk *r = tertial_adherence_plan_risk(p, 0);
  ck_assert_str_eq(r->measures, "Utökad öppenvård i egen regi");
  ck_assert_int_eq(r->expected_effect, KR(800000));
  ck_assert_ptr_null(tertial_adherence_plan_risk(p, 1));
  T_ERR(tertial_adherence_plan_add_risk(p, "", "", 0, ""), TERTIAL_ERR_INVALID);
  T_OK(tertial_adherence_plan_get(&again, f.model, f.hvb, "Ny chef"));
  ck_assert_ptr_ne(again, p);
  ck_assert_uint_eq(tertial_adherence_plan_count(f.model), 2);
  ck_assert_ptr_eq(tertial_adherence_plan_at(f.model, 0), p);
  fixture_free(&f);
}
END_TEST


/* A measure in the forecast moves with its status; cancelling it or removing its adjustment
 * takes it out, and it can be fed again; the adjustments after a removed one move down. */
START_TEST(test_measure_lifecycle)
{
  fixture f;
  fixture_build(&f);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f.model);
  T_OK(tertial_forecast_add_adjustment(plan, f.ht, "KOST_PERS", KR(500000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Ökade vikariekostnader"));
  size_t i;
  T_OK(tertial_measure_add(&i, f.model, f.ht, "KOST_PERS", "Minskad övertid", "Ökade vikariekostnader", KR(100000),
                           "", (tertial_date){2026, 4, 1}));
  ck_assert_int_eq(tertial_measure_at(f.model, i)->adjustment, -1);
  /* a due date is a date, or none */
  T_ERR(tertial_measure_add(NULL, f.model, f.ht, "KOST_PERS", "x", "", 1, "", (tertial_date){2026, 2, 30}),
        TERTIAL_ERR_RANGE);
  T_ERR(tertial_measure_add(NULL, f.model, f.ht, "KOST_PERS", "x", "", 1, "", (tertial_date){2026, 13, 1}),
        TERTIAL_ERR_RANGE);
  T_OK(tertial_measure_add(NULL, f.model, f.ht, "KOST_PERS", "Utan datum", "", 1, "", (tertial_date){0, 0, 0}));
  T_OK(tertial_measure_add(NULL, f.model, f.ht, "KOST_PERS", "Skottdag", "", 1, "", (tertial_date){2028, 2, 29}));
  ck_assert_uint_eq(tertial_measure_count(f.model), 3);
  T_OK(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_IN_PROGRESS, NULL));
  T_OK(tertial_measure_feed_forecast(f.model, i));
  ck_assert_int_eq(tertial_measure_at(f.model, i)->adjustment, 1);
  ck_assert_int_eq(tertial_forecast_adjustment_at(plan, 1)->kind, TERTIAL_ADJUST_PLANNED_MEASURE);
  ck_assert_int_eq(tertial_forecast_adjustment_at(plan, 1)->amount, KR(-100000));
  int64_t v;
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  T_OK(tertial_model_forecast(&v, f.model, f.ht, "KOST_PERS"));
  ck_assert_int_eq(v, KR(12300000)); /* 11 800 000 + 500 000; the planned measure kept apart */
  T_OK(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_DONE, "Genomförd"));
  ck_assert_int_eq(tertial_forecast_adjustment_at(plan, 1)->kind, TERTIAL_ADJUST_MEASURE_TAKEN);
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  T_OK(tertial_model_forecast(&v, f.model, f.ht, "KOST_PERS"));
  ck_assert_int_eq(v, KR(12200000)); /* taken: in Årets prognos */
  T_OK(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_CANCELLED, "Avbruten"));
  ck_assert_uint_eq(tertial_forecast_adjustment_count(plan), 1);
  ck_assert_int_eq(tertial_measure_at(f.model, i)->adjustment, -1);
  ck_assert_int_eq(tertial_measure_at(f.model, i)->in_forecast, 0);
  T_ERR(tertial_measure_feed_forecast(f.model, i), TERTIAL_ERR_STATE); /* cancelled */
  T_OK(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_DECIDED, NULL));
  T_OK(tertial_measure_feed_forecast(f.model, i));
  ck_assert_int_eq(tertial_measure_at(f.model, i)->adjustment, 1);
  T_OK(tertial_forecast_remove_adjustment(plan, 0)); /* the known factor: the measure's moves down */
  ck_assert_int_eq(tertial_measure_at(f.model, i)->adjustment, 0);
  ck_assert_str_eq(tertial_forecast_adjustment_at(plan, 0)->reason, "Minskad övertid");
  T_OK(tertial_forecast_remove_adjustment(plan, 0));
  ck_assert_int_eq(tertial_measure_at(f.model, i)->adjustment, -1);
  ck_assert_int_eq(tertial_measure_at(f.model, i)->in_forecast, 0);
  T_OK(tertial_measure_feed_forecast(f.model, i)); /* out of the forecast: it can be fed again */
  fixture_free(&f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("measures");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_escalation_rule);
  tcase_add_test(tc, test_measures_feed_forecast);
  tcase_add_test(tc, test_measure_lifecycle);
  tcase_add_test(tc, test_adherence_plan);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
