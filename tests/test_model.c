#include <string.h>

#include "testutil.h"

START_TEST(test_new_model)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2025, 7));
  ck_assert_int_eq(tertial_model_fiscal_year(m)->first_year, 2025);
  ck_assert_int_eq(tertial_model_fiscal_year(m)->start_month, 7);
  ck_assert_int_eq(tertial_calendar_start_month(tertial_model_calendar(m)), 7);
  ck_assert_uint_eq(tertial_calendar_point_count(tertial_model_calendar(m)), 6);
  ck_assert_uint_eq(tertial_org_level_count(tertial_model_org(m)), 6);
  ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 0);
  ck_assert_str_eq(tertial_rowmap_row(tertial_model_rowmap(m), (size_t)tertial_rowmap_result_row(tertial_model_rowmap(m)))->code,
                   "NETTO");
  int b = tertial_model_current_budget(m);
  ck_assert_str_eq(tertial_ledger_measure_name(tertial_model_ledger(m), b), "Budget");
  tertial_model_free(m);
  T_ERR(tertial_model_new(&m, 2025, 13), TERTIAL_ERR_RANGE);
  ck_assert_ptr_null(m);
  tertial_model_free(NULL);
}
END_TEST

START_TEST(test_july_june_year)
{
  /* A July-June fiscal year: cut-off 4 is July-October 2025. */
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2025, 7));
  tertial_unit_id u;
  T_OK(tertial_org_add_unit(&u, tertial_model_org(m), "1", "Nämnd", TERTIAL_NO_UNIT, 1, NULL));
  tertial_account_id a;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), "5011"));
  tertial_ledger *l = tertial_model_ledger(m);
  T_OK(tertial_ledger_add_period(l, u, a, 202507, TERTIAL_MEASURE_OUTCOME, KR(100)));
  T_OK(tertial_ledger_add_period(l, u, a, 202510, TERTIAL_MEASURE_OUTCOME, KR(200)));
  T_OK(tertial_ledger_add_period(l, u, a, 202511, TERTIAL_MEASURE_OUTCOME, KR(400)));
  T_OK(tertial_ledger_add_period(l, u, a, 202606, tertial_model_current_budget(m), KR(1000)));
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, m, u, 4, NULL));
  ck_assert_int_eq(tertial_followup_cutoff_period(t), 202510);
  const tertial_followup_line *tot = tertial_followup_line_at(t, tertial_followup_line_count(t) - 1);
  ck_assert_int_eq(tot->value[TERTIAL_COL_OUTCOME_ACC], KR(300));
  ck_assert_int_eq(tot->value[TERTIAL_COL_BUDGET_YEAR], KR(1000));
  tertial_followup_free(t);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_forecasts)
{
  fixture f;
  fixture_build(&f);
  int64_t v;
  T_OK(tertial_model_forecast(&v, f.model, f.hvb, "KOST_KOP"));
  ck_assert_int_eq(v, KR(30000000));
  T_ERR(tertial_model_forecast(&v, f.model, f.ht, "KOST_PERS"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_model_set_forecast(f.model, f.ht, "KOST", KR(1)), TERTIAL_ERR_STATE);
  T_ERR(tertial_model_set_forecast(f.model, f.ht, "NOPE", KR(1)), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_model_set_forecast(f.model, 99, "KOST_PERS", KR(1)), TERTIAL_ERR_NOT_FOUND);
  T_OK(tertial_model_set_forecast(f.model, f.hvb, "KOST_KOP", KR(31000000)));
  T_OK(tertial_model_forecast(&v, f.model, f.hvb, "KOST_KOP"));
  ck_assert_int_eq(v, KR(31000000));
  T_OK(tertial_model_clear_forecast(f.model, f.hvb, "KOST_KOP"));
  T_ERR(tertial_model_forecast(&v, f.model, f.hvb, "KOST_KOP"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_model_clear_forecast(f.model, f.hvb, "KOST_KOP"), TERTIAL_ERR_NOT_FOUND);
  fixture_free(&f);
}
END_TEST

START_TEST(test_replace_rowmap_and_budget)
{
  fixture f;
  fixture_build(&f);
  /* A local mapping with the same line codes keeps the forecasts. */
  tertial_rowmap *map;
  T_OK(tertial_rowmap_parse(&map,
                            "row;INT;Intäkter;sum;NETTO\n"
                            "row;INT_BIDR;Bidrag;line;INT\n"
                            "row;KOST;Kostnader;sum;NETTO\n"
                            "row;KOST_KOP;Köp;line;KOST\n"
                            "row;KOST_OVR;Övrigt;line;KOST\n"
                            "row;NETTO;Netto;sum;\n"
                            "map;3;3;INT_BIDR\nmap;46;46;KOST_KOP\nmap;4;7;KOST_OVR\n",
                            "local.txt"));
  T_OK(tertial_model_set_rowmap(f.model, map));
  int64_t v;
  T_OK(tertial_model_forecast(&v, f.model, f.hvb, "KOST_KOP"));
  ck_assert_int_eq(v, KR(30000000));
  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = TERTIAL_VIEW_ROWS;
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, f.model, f.sn, 4, &o));
  ck_assert_uint_eq(tertial_followup_line_count(t), 6);
  ck_assert_int_eq(tertial_followup_line_at(t, 4)->value[TERTIAL_COL_OUTCOME_ACC], KR(3800000 + 300000 + 400000));
  ck_assert_int_eq(tertial_followup_line_at(t, 5)->value[TERTIAL_COL_OUTCOME_ACC], KR(6810000));
  tertial_followup_free(t);
  /* A mapping without KOST_KOP as a line row is refused: the forecast on it would be lost. */
  T_OK(tertial_rowmap_parse(&map, "row;NETTO;Netto;sum;\nrow;ALL;Allt;line;NETTO\nmap;3;7;ALL\n", "bad.txt"));
  T_ERR(tertial_model_set_rowmap(f.model, map), TERTIAL_ERR_NOT_FOUND);
  T_OK(tertial_model_forecast(&v, f.model, f.hvb, "KOST_KOP"));
  /* A revised budget version becomes the current one. */
  int rev;
  T_OK(tertial_ledger_add_measure(&rev, tertial_model_ledger(f.model), "Budget efter ombudgetering"));
  T_OK(tertial_model_set_current_budget(f.model, rev));
  ck_assert_int_eq(tertial_model_current_budget(f.model), rev);
  T_ERR(tertial_model_set_current_budget(f.model, TERTIAL_MEASURE_PRIOR), TERTIAL_ERR_NOT_FOUND);
  T_OK(tertial_followup_new(&t, f.model, f.sn, 4, NULL));
  ck_assert_int_eq(tertial_followup_line_at(t, tertial_followup_line_count(t) - 1)->value[TERTIAL_COL_BUDGET_YEAR], 0);
  tertial_followup_free(t);
  fixture_free(&f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("model");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_new_model);
  tcase_add_test(tc, test_july_june_year);
  tcase_add_test(tc, test_forecasts);
  tcase_add_test(tc, test_replace_rowmap_and_budget);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
