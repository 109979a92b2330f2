#include <string.h>

#include "followup_internal.h"
#include "testutil.h"

static size_t count_kind(const tertial_findings *f, tertial_finding_kind kind, const char *unit, const char *row)
{
  size_t n = 0;
  for (size_t i = 0; i < tertial_findings_count(f); i++) {
    const tertial_finding *x = tertial_findings_at(f, i);
    if (x->kind == kind && (!unit || strcmp(x->unit_code, unit) == 0) && (!row || strcmp(x->row_code, row) == 0))
      n++;
  }
  return n;
}

START_TEST(test_consistent_model)
{
  fixture f;
  fixture_build(&f);
  tertial_findings *fs;
  T_OK(tertial_check_model(&fs, f.model, f.k, 4, -1));
  ck_assert_uint_eq(tertial_findings_error_count(fs), 0);
  /* Three unit/row pairs have amounts but no forecast: warnings with the budget used instead. */
  ck_assert_uint_eq(tertial_findings_count(fs), 3);
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_FORECAST_MISSING, "SN", "KOST_HYRA"), 1);
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_FORECAST_MISSING, "6420", "KOST_BIDR"), 1);
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_FORECAST_MISSING, "6510", "KOST_PERS"), 1);
  const tertial_finding *x = tertial_findings_at(fs, 0);
  ck_assert_int_eq(x->severity, TERTIAL_SEVERITY_WARNING);
  ck_assert_int_eq(x->column, TERTIAL_COL_FORECAST);
  for (size_t i = 0; i < 3; i++)
    if (strcmp(tertial_findings_at(fs, i)->unit_code, "6510") == 0)
      ck_assert_int_eq(tertial_findings_at(fs, i)->found, KR(12000000));
  ck_assert_str_eq(tertial_finding_kind_name(TERTIAL_FINDING_FORECAST_MISSING), "forecast-missing");
  tertial_findings_free(fs);
  fixture_free(&f);
}
END_TEST

START_TEST(test_consistent_after_reorganisation)
{
  fixture f;
  fixture_build(&f);
  T_OK(tertial_org_move(tertial_model_org(f.model), f.fs, f.ao, 202603));
  T_OK(tertial_org_move(tertial_model_org(f.model), f.hvb, f.ao, 202607));
  for (int cutoff = 1; cutoff <= 12; cutoff++) {
    tertial_findings *fs;
    T_OK(tertial_check_model(&fs, f.model, f.k, cutoff, -1));
    ck_assert_msg(tertial_findings_error_count(fs) == 0, "cut-off %d: %zu errors", cutoff,
                  tertial_findings_error_count(fs));
    tertial_findings_free(fs);
  }
  fixture_free(&f);
}
END_TEST

START_TEST(test_unmapped_account)
{
  fixture f;
  fixture_build(&f);
  tertial_account_id a;
  /* A cost account outside every range, and a balance-sheet account (not expected in any row). */
  T_OK(tertial_chart_add(&a, tertial_model_chart(f.model), "9110", "Lokal kostnad", TERTIAL_ACCOUNT_COST, 0));
  T_OK(tertial_ledger_add(tertial_model_ledger(f.model), f.ht, a, 2, TERTIAL_MEASURE_OUTCOME, KR(5000)));
  T_OK(tertial_chart_add(&a, tertial_model_chart(f.model), "1510", "Kundfordringar", TERTIAL_ACCOUNT_ASSET, 0));
  T_OK(tertial_ledger_add(tertial_model_ledger(f.model), f.ht, a, 2, TERTIAL_MEASURE_OUTCOME, KR(777)));
  tertial_findings *fs;
  T_OK(tertial_check_model(&fs, f.model, f.sn, 4, -1));
  ck_assert_uint_eq(tertial_findings_error_count(fs), 1);
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_UNMAPPED, "6510", "9110"), 1);
  for (size_t i = 0; i < tertial_findings_count(fs); i++) {
    const tertial_finding *x = tertial_findings_at(fs, i);
    if (x->kind == TERTIAL_FINDING_UNMAPPED) {
      ck_assert_int_eq(x->found, KR(5000));
      ck_assert_int_eq(x->column, TERTIAL_COL_OUTCOME_ACC);
    }
  }
  tertial_findings_free(fs);
  /* Outside the checked subtree it is not reported. */
  T_OK(tertial_check_model(&fs, f.model, f.ifo, 4, -1));
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_UNMAPPED, NULL, NULL), 0);
  tertial_findings_free(fs);
  fixture_free(&f);
}
END_TEST

START_TEST(test_catches_a_corrupt_rollup)
{
  fixture f;
  fixture_build(&f);
  /* Corrupt the cached roll-up of IFO (one öre of January outcome on NETTORESULTAT) to prove the
   * checker compares independent paths rather than a figure with itself. */
  const tertial_cube *c;
  T_OK(tertial__cube_get(&c, f.model, 4, tertial_model_current_budget(f.model)));
  int netto = tertial_rowmap_result_row(tertial_model_rowmap(f.model));
  int64_t *cell = (int64_t *)tertial__cube_block(c, c->rolled, f.ifo, (size_t)netto) + CUBE_OUT * CUBE_MONTHS;
  *cell += 1;
  tertial_findings *fs;
  T_OK(tertial_check_model(&fs, f.model, f.k, 4, -1));
  ck_assert_uint_ge(tertial_findings_error_count(fs), 4);
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_PARENT_SUM, "IFO", NULL), 1);
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_PARENT_SUM, "SN", NULL), 1);
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_CATEGORY_TOTAL, "IFO", "NETTO"), 1);
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_ACCOUNT_ROLLUP, "IFO", "NETTO"), 1);
  for (size_t i = 0; i < tertial_findings_count(fs); i++) {
    const tertial_finding *x = tertial_findings_at(fs, i);
    if (x->kind == TERTIAL_FINDING_ACCOUNT_ROLLUP) {
      ck_assert_int_eq(x->column, TERTIAL_COL_OUTCOME_ACC);
      ck_assert_int_eq(x->expected, KR(2610000));
      ck_assert_int_eq(x->found, KR(2610000) + 1);
    }
  }
  tertial_findings_free(fs);
  fixture_free(&f);
}
END_TEST

START_TEST(test_catches_months_not_summing_to_the_year)
{
  fixture f;
  fixture_build(&f);
  /* One öre more December budget on IFO's NETTORESULTAT in the cached roll-up: the table's
   * annual budget no longer equals the twelve monthly budgets the ledger holds. */
  int netto = tertial_rowmap_result_row(tertial_model_rowmap(f.model));
  int budget = tertial_model_current_budget(f.model);
  int64_t year;
  T_OK(tertial_ledger_row_total(&year, tertial_model_ledger(f.model), tertial_model_rowmap(f.model), f.ifo, netto,
                                budget, 0, 11));
  const tertial_cube *c;
  T_OK(tertial__cube_get(&c, f.model, 4, budget));
  int64_t *cell = (int64_t *)tertial__cube_block(c, c->rolled, f.ifo, (size_t)netto) + CUBE_BUD * CUBE_MONTHS + 11;
  *cell += 1;
  tertial_findings *fs;
  T_OK(tertial_check_model(&fs, f.model, f.k, 4, -1));
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_MONTHS_SUM, "IFO", "NETTO"), 1);
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_MONTHS_SUM, NULL, NULL), 1);
  for (size_t i = 0; i < tertial_findings_count(fs); i++) {
    const tertial_finding *x = tertial_findings_at(fs, i);
    if (x->kind == TERTIAL_FINDING_MONTHS_SUM) {
      ck_assert_int_eq(x->column, TERTIAL_COL_BUDGET_YEAR);
      ck_assert_int_eq(x->expected, year + 1); /* the table's annual budget */
      ck_assert_int_eq(x->found, year);        /* the ledger's twelve months */
    }
  }
  tertial_findings_free(fs);
  fixture_free(&f);
}
END_TEST

START_TEST(test_table_rounding_gap)
{
  /* Three units with 1 400 kr each: 1 tkr each when rounded alone, but 4 tkr in total. */
  tertial_model *m;
  tertial_unit_id p = small_model(&m, KR(1400), 0, KR(600));
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, m, p, 1, NULL));
  tertial_findings *fs;
  T_OK(tertial_check_table(&fs, t, TERTIAL_UNIT_TKR, 0));
  ck_assert_uint_eq(tertial_findings_error_count(fs), 0);
  /* Outcome: lines 1 + 1 + 1 = 3 against a total of 4. */
  size_t gaps = 0;
  for (size_t i = 0; i < tertial_findings_count(fs); i++) {
    const tertial_finding *x = tertial_findings_at(fs, i);
    if (x->kind == TERTIAL_FINDING_ROUNDING && x->column == TERTIAL_COL_OUTCOME_ACC) {
      ck_assert_str_eq(x->unit_code, "P");
      ck_assert_int_eq(x->expected, 4);
      ck_assert_int_eq(x->found, 3);
      gaps++;
    }
  }
  ck_assert_uint_eq(gaps, 1);
  /* Per line: budget 0,6 -> 1, outcome 1,4 -> 1, deviation -0,8 -> -1, but 1 - 1 = 0. */
  ck_assert_uint_eq(count_kind(fs, TERTIAL_FINDING_FORMULA, "A", NULL), 1);
  tertial_findings_free(fs);
  /* In kronor everything adds up. */
  T_OK(tertial_check_table(&fs, t, TERTIAL_UNIT_KR, 0));
  ck_assert_uint_eq(tertial_findings_count(fs), 0);
  tertial_findings_free(fs);
  T_ERR(tertial_check_table(&fs, t, TERTIAL_UNIT_TKR, 7), TERTIAL_ERR_RANGE);
  tertial_followup_free(t);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_arguments)
{
  fixture f;
  fixture_build(&f);
  tertial_findings *fs = NULL;
  T_ERR(tertial_check_model(&fs, f.model, 99, 4, -1), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_check_model(&fs, f.model, f.k, 0, -1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_check_model(NULL, f.model, f.k, 4, -1), TERTIAL_ERR_INVALID);
  ck_assert_ptr_null(fs);
  ck_assert_uint_eq(tertial_findings_count(NULL), 0);
  ck_assert_ptr_null(tertial_findings_at(NULL, 0));
  tertial_findings_free(NULL);
  fixture_free(&f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("check");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_consistent_model);
  tcase_add_test(tc, test_consistent_after_reorganisation);
  tcase_add_test(tc, test_unmapped_account);
  tcase_add_test(tc, test_catches_a_corrupt_rollup);
  tcase_add_test(tc, test_catches_months_not_summing_to_the_year);
  tcase_add_test(tc, test_table_rounding_gap);
  tcase_add_test(tc, test_arguments);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
