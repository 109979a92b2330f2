#include <string.h>

#include "testutil.h"

static const tertial_date MAR12 = {2026, 3, 12}, MAY12 = {2026, 5, 12};

/* January-February, remaining budget everywhere:
 * HVB 4610 5 000 000 + 10 x 2 000 000 = 25 000 000; 3511 -3 845 000 - 10 000 000 = -13 845 000;
 * 6420 300 000; 6510 1 900 000 + 10 000 000 = 11 900 000; SN rent 200 000 + 1 000 000.
 * Socialnämnden: 24 555 000. */
static const tertial_snapshot *take_janfeb(fixture *f)
{
  const tertial_snapshot *s;
  T_OK(tertial_forecast_apply(f->model, 2, -1));
  T_OK(tertial_snapshot_take(&s, f->model, "JANFEB", MAR12));
  return s;
}

/* Tertial 1 with a known factor of +500 000 on Hemtjänst's salaries:
 * 23 610 000 (remaining budget at April) + 500 000 = 24 110 000. */
static const tertial_snapshot *take_t1(fixture *f)
{
  const tertial_snapshot *s;
  T_OK(tertial_forecast_add_adjustment(tertial_model_forecast_plan(f->model), f->ht, "KOST_PERS", KR(500000),
                                       TERTIAL_ADJUST_KNOWN_FACTOR, "Ökade vikariekostnader"));
  T_OK(tertial_forecast_apply(f->model, 4, -1));
  T_OK(tertial_snapshot_take(&s, f->model, "T1", MAY12));
  return s;
}

START_TEST(test_take_and_freeze)
{
  fixture f;
  fixture_build(&f);
  const tertial_snapshot *s;
  T_ERR(tertial_snapshot_take(&s, f.model, "JANFEB", MAR12), TERTIAL_ERR_STATE);
  s = take_janfeb(&f);
  ck_assert_str_eq(tertial_snapshot_point(s), "JANFEB");
  ck_assert_int_eq(tertial_snapshot_cutoff(s), 2);
  ck_assert_int_eq(tertial_snapshot_taken_on(s).day, 12);
  ck_assert_uint_eq(tertial_snapshot_entry_count(s), 5);
  int64_t v;
  T_OK(tertial_snapshot_total(&v, f.model, s, f.sn));
  ck_assert_int_eq(v, KR(24555000));
  /* A frozen point cannot be taken again. */
  T_ERR(tertial_snapshot_take(NULL, f.model, "JANFEB", MAR12), TERTIAL_ERR_EXISTS);
  /* A change to the model needs a new apply before the next snapshot. */
  tertial_account_id a;
  T_OK(tertial_chart_find(&a, tertial_model_chart(f.model), "5011"));
  T_OK(tertial_ledger_add(tertial_model_ledger(f.model), f.ht, a, 2, TERTIAL_MEASURE_OUTCOME, KR(1)));
  T_ERR(tertial_snapshot_take(NULL, f.model, "T1", MAY12), TERTIAL_ERR_STATE);
  T_OK(tertial_ledger_add(tertial_model_ledger(f.model), f.ht, a, 2, TERTIAL_MEASURE_OUTCOME, KR(-1)));
  const tertial_snapshot *t1 = take_t1(&f);
  ck_assert_uint_eq(tertial_snapshot_count(f.model), 2);
  ck_assert_ptr_eq(tertial_snapshot_at(f.model, 1), t1);
  T_OK(tertial_snapshot_find(&s, f.model, "JANFEB"));
  /* The earlier snapshot did not move when the forecast was applied again. */
  T_OK(tertial_snapshot_total(&v, f.model, s, f.sn));
  ck_assert_int_eq(v, KR(24555000));
  T_OK(tertial_snapshot_total(&v, f.model, t1, f.sn));
  ck_assert_int_eq(v, KR(24110000));
  /* IFO at T1: 26 000 000 - 15 690 000 + 300 000 */
  T_OK(tertial_snapshot_total(&v, f.model, t1, f.ifo));
  ck_assert_int_eq(v, KR(10610000));
  T_ERR(tertial_snapshot_find(&s, f.model, "T2"), TERTIAL_ERR_NOT_FOUND);
  fixture_free(&f);
}
END_TEST

START_TEST(test_entries)
{
  fixture f;
  fixture_build(&f);
  take_janfeb(&f);
  const tertial_snapshot *t1 = take_t1(&f);
  int found = 0;
  for (size_t i = 0; i < tertial_snapshot_entry_count(t1); i++) {
    const tertial_snapshot_entry *e = tertial_snapshot_entry_at(t1, i);
    if (e->unit == f.ht && strcmp(e->row_code, "KOST_PERS") == 0) {
      ck_assert_int_eq(e->method, TERTIAL_METHOD_REMAINING_BUDGET);
      ck_assert_int_eq(e->base, KR(11800000));
      ck_assert_int_eq(e->adjustments, KR(500000));
      ck_assert_int_eq(e->forecast, KR(12300000));
      ck_assert_int_eq(e->outcome_to_date, KR(3800000));
      ck_assert_int_eq(e->budget_year, KR(12000000));
      found++;
    }
  }
  ck_assert_int_eq(found, 1);
  ck_assert_ptr_null(tertial_snapshot_entry_at(t1, 99));
  fixture_free(&f);
}
END_TEST

START_TEST(test_change_since_previous)
{
  fixture f;
  fixture_build(&f);
  const tertial_snapshot *janfeb = take_janfeb(&f), *t1 = take_t1(&f);
  /* 24 110 000 - 24 555 000 = -445 000: +500 000 from the new known factor and -945 000 from new
   * outcome (HVB 4610 +1 000 000, 3511 -1 845 000, 6510 -100 000). */
  tertial_snapshot_change c;
  T_OK(tertial_snapshot_compare(&c, f.model, janfeb, t1, f.sn));
  ck_assert_int_eq(c.previous, KR(24555000));
  ck_assert_int_eq(c.current, KR(24110000));
  ck_assert_int_eq(c.change, KR(-445000));
  ck_assert_int_eq(c.changed_adjustments, KR(500000));
  ck_assert_int_eq(c.new_outcome, KR(-945000));
  /* Äldreomsorg alone: Hemtjänst 11 900 000 -> 12 300 000. */
  T_OK(tertial_snapshot_compare(&c, f.model, janfeb, t1, f.ao));
  ck_assert_int_eq(c.change, KR(400000));
  ck_assert_int_eq(c.new_outcome, KR(-100000));
  T_ERR(tertial_snapshot_compare(&c, f.model, janfeb, t1, 99), TERTIAL_ERR_NOT_FOUND);
  fixture_free(&f);
}
END_TEST

/* Every change of the plan passes one gate: while the plan's cut-off is at or before a frozen
 * point, methods, manual figures, drivers, adjustments and measures are refused, and nothing moves. */
START_TEST(test_frozen_plan_is_read_only)
{
  fixture f;
  fixture_build(&f);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f.model);
  T_OK(tertial_forecast_set_driver(plan, f.hvb, "KOST_KOP", "Placeringar", "dygn", KR(4000)));
  T_OK(tertial_forecast_add_adjustment(plan, f.ht, "KOST_PERS", KR(100), TERTIAL_ADJUST_KNOWN_FACTOR, "a"));
  size_t i;
  T_OK(tertial_measure_add(&i, f.model, f.ht, "KOST_PERS", "Vakanser", "", KR(300000), "", (tertial_date){0, 0, 0}));
  T_OK(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_DECIDED, NULL));
  T_OK(tertial_measure_feed_forecast(f.model, i));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  T_OK(tertial_snapshot_take(NULL, f.model, "T1", (tertial_date){2026, 5, 12}));
  ck_assert_int_eq(tertial_forecast_cutoff(plan), 0);
  T_ERR(tertial_forecast_set_cutoff(plan, 13), TERTIAL_ERR_RANGE);
  T_ERR(tertial_forecast_set_cutoff(NULL, 4), TERTIAL_ERR_INVALID);
  for (int cutoff = 2; cutoff <= 4; cutoff += 2) {
    T_OK(tertial_forecast_set_cutoff(plan, cutoff));
    T_ERR(tertial_forecast_set_method(plan, f.ifo, NULL, TERTIAL_METHOD_LINEAR, 3), TERTIAL_ERR_STATE);
    ck_assert_ptr_nonnull(strstr(tertial_error_last(), "follow-up point T1 was frozen on 2026-05-12"));
    T_ERR(tertial_forecast_set_manual(plan, f.hvb, "KOST_KOP", KR(1)), TERTIAL_ERR_STATE);
    T_ERR(tertial_forecast_set_driver(plan, f.hvb, "KOST_KOP", "x", "y", 1), TERTIAL_ERR_STATE);
    T_ERR(tertial_forecast_set_volume(plan, f.hvb, "KOST_KOP", 0, 1000), TERTIAL_ERR_STATE);
    T_ERR(tertial_forecast_add_adjustment(plan, f.ht, "KOST_PERS", 1, TERTIAL_ADJUST_KNOWN_FACTOR, "b"),
          TERTIAL_ERR_STATE);
    T_ERR(tertial_forecast_remove_adjustment(plan, 0), TERTIAL_ERR_STATE);
    /* a measure in the forecast keeps its status and its adjustment */
    T_ERR(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_DONE, "klar"), TERTIAL_ERR_STATE);
    ck_assert_int_eq(tertial_measure_at(f.model, i)->status, TERTIAL_MEASURE_DECIDED);
    ck_assert_int_eq(tertial_forecast_adjustment_at(plan, 1)->kind, TERTIAL_ADJUST_PLANNED_MEASURE);
    T_ERR(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_CANCELLED, NULL), TERTIAL_ERR_STATE);
    ck_assert_uint_eq(tertial_forecast_adjustment_count(plan), 2);
    ck_assert_uint_eq(tertial_forecast_rule_count(plan), 0);
    ck_assert_uint_eq(tertial_forecast_manual_count(plan), 0);
  }
  /* the next point is open */
  T_OK(tertial_forecast_set_cutoff(plan, 6));
  ck_assert_int_eq(tertial_forecast_cutoff(plan), 6);
  T_OK(tertial_measure_set_status(f.model, i, TERTIAL_MEASURE_DONE, "klar"));
  ck_assert_int_eq(tertial_forecast_adjustment_at(plan, 1)->kind, TERTIAL_ADJUST_MEASURE_TAKEN);
  T_OK(tertial_forecast_set_volume(plan, f.hvb, "KOST_KOP", 0, 1000));
  T_OK(tertial_forecast_remove_adjustment(plan, 0));
  fixture_free(&f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("snapshot");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_take_and_freeze);
  tcase_add_test(tc, test_entries);
  tcase_add_test(tc, test_change_since_previous);
  tcase_add_test(tc, test_frozen_plan_is_read_only);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
