#include <string.h>

#include "testutil.h"

START_TEST(test_adjusted_outcome)
{
  fixture f;
  fixture_build(&f);
  ck_assert_int_eq(tertial_accrual_measure(f.model), -1);
  /* bad input before the first accrual creates no ledger measure for accruals */
  size_t measures = tertial_ledger_measure_count(tertial_model_ledger(f.model));
  T_ERR(tertial_accrual_add(f.model, f.hvb, "3511", 12, 1, "x"), TERTIAL_ERR_RANGE);
  T_ERR(tertial_accrual_add(f.model, 99, "3511", 1, 1, "x"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_int_eq(tertial_accrual_measure(f.model), -1);
  ck_assert_uint_eq(tertial_ledger_measure_count(tertial_model_ledger(f.model)), measures);
  /* HVB expects 600 000 kr from the Migration Agency for March (revenue: negative). */
  T_OK(tertial_accrual_add(f.model, f.hvb, "3511", 2, KR(-600000), "Ersättning Migrationsverket mars"));
  /* and 50 000 kr for June, after the cut-off */
  T_OK(tertial_accrual_add(f.model, f.hvb, "3511", 5, KR(-50000), "Ersättning Migrationsverket juni"));
  ck_assert_uint_eq(tertial_accrual_count(f.model), 2);
  const tertial_accrual *a = tertial_accrual_at(f.model, 0);
  ck_assert_str_eq(a->reason, "Ersättning Migrationsverket mars");
  ck_assert_str_eq(a->account, "3511");
  ck_assert_int_eq(a->month, 2);
  ck_assert_int_ge(tertial_accrual_measure(f.model), 3);
  /* booked 6 810 000, accrued -600 000, adjusted 6 210 000 */
  tertial_adjusted_outcome o;
  T_OK(tertial_accrual_adjusted_outcome(&o, f.model, f.sn, 4));
  ck_assert_int_eq(o.booked, KR(6810000));
  ck_assert_int_eq(o.accrued, KR(-600000));
  ck_assert_int_eq(o.adjusted, KR(6210000));
  T_OK(tertial_accrual_adjusted_outcome(&o, f.model, f.ao, 4));
  ck_assert_int_eq(o.accrued, 0);
  /* The booked outcome in the follow-up table is untouched. */
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, f.model, f.sn, 4, NULL));
  ck_assert_int_eq(tertial_followup_line_at(t, 3)->value[TERTIAL_COL_OUTCOME_ACC], KR(6810000));
  tertial_followup_free(t);
  /* Bad input changes nothing. */
  T_ERR(tertial_accrual_add(f.model, f.hvb, "9999", 2, 1, "x"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_accrual_add(f.model, f.hvb, "3511", 12, 1, "x"), TERTIAL_ERR_RANGE);
  T_ERR(tertial_accrual_add(f.model, f.hvb, "3511", 1, 1, ""), TERTIAL_ERR_INVALID);
  T_ERR(tertial_accrual_add(f.model, 99, "3511", 1, 1, "x"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_uint_eq(tertial_accrual_count(f.model), 2);
  T_ERR(tertial_accrual_adjusted_outcome(&o, f.model, f.sn, 0), TERTIAL_ERR_RANGE);
  fixture_free(&f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("accrual");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_adjusted_outcome);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
