#include <string.h>

#include "testutil.h"

static int64_t total(tertial_model *m, const char *code, int measure, int last)
{
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(m), code));
  int64_t v;
  T_OK(tertial_ledger_total(&v, tertial_model_ledger(m), u, TERTIAL_ALL_ACCOUNTS, measure, 0, last));
  return v;
}

START_TEST(test_shape)
{
  tertial_model *m;
  T_OK(tertial_demo_new(&m, NULL));
  tertial_org *org = tertial_model_org(m);
  /* 1 + 8 committees with 300 units below the root in total: see lib/demo.c */
  ck_assert_uint_eq(tertial_org_unit_count(org), 301);
  ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 19);
  tertial_org_iter *it;
  T_OK(tertial_org_iter_new(&it, org, 0, 202610));
  int depth, max_depth = 0, committees = 0;
  tertial_unit_id u;
  while (tertial_org_iter_next(it, &u, &depth) == 1) {
    if (depth > max_depth)
      max_depth = depth;
    committees += depth == 1;
    ck_assert_int_eq(tertial_org_unit(org, u)->level, depth);
    ck_assert_str_ne(tertial_org_unit(org, u)->manager, "");
  }
  tertial_org_iter_free(it);
  ck_assert_int_eq(max_depth, 5);
  ck_assert_int_eq(committees, 8);
  /* Outcome January-October only. */
  tertial_unit_id root = 0;
  int64_t nov;
  T_OK(tertial_ledger_total(&nov, tertial_model_ledger(m), root, TERTIAL_ALL_ACCOUNTS, TERTIAL_MEASURE_OUTCOME, 10, 11));
  ck_assert_int_eq(nov, 0);
  ck_assert_int_gt(total(m, "0", TERTIAL_MEASURE_OUTCOME, 9), 0);
  /* The deficit: social services over budget by October, the others close to it. */
  int bud = tertial_model_current_budget(m);
  int64_t sn_dev = total(m, "3", bud, 9) - total(m, "3", TERTIAL_MEASURE_OUTCOME, 9);
  ck_assert_int_lt(sn_dev, KR(-3000000));
  int64_t ks_dev = total(m, "1", bud, 9) - total(m, "1", TERTIAL_MEASURE_OUTCOME, 9);
  ck_assert_int_lt(ks_dev < 0 ? -ks_dev : ks_dev, KR(500000));
  /* Every figure is consistent. */
  tertial_findings *f;
  T_OK(tertial_check_model(&f, m, root, 10, -1));
  ck_assert_uint_eq(tertial_findings_error_count(f), 0);
  tertial_findings_free(f);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_deterministic)
{
  tertial_model *a, *b, *c;
  T_OK(tertial_demo_new(&a, NULL));
  T_OK(tertial_demo_new(&b, NULL));
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  o.seed = 7;
  T_OK(tertial_demo_new(&c, &o));
  const char *codes[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "3111"};
  int differs = 0;
  for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
    for (int measure = 0; measure < 3; measure++) {
      ck_assert_int_eq(total(a, codes[i], measure, 11), total(b, codes[i], measure, 11));
      differs |= total(a, codes[i], measure, 11) != total(c, codes[i], measure, 11);
    }
  ck_assert(differs);
  tertial_model_free(a);
  tertial_model_free(b);
  tertial_model_free(c);
}
END_TEST

START_TEST(test_options)
{
  tertial_model *m = NULL;
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  o.outcome_months = 13;
  T_ERR(tertial_demo_new(&m, &o), TERTIAL_ERR_RANGE);
  ck_assert_ptr_null(m);
  o.outcome_months = 0;
  o.year = 2027;
  T_OK(tertial_demo_new(&m, &o));
  ck_assert_int_eq(tertial_model_fiscal_year(m)->first_year, 2027);
  ck_assert_int_eq(total(m, "0", TERTIAL_MEASURE_OUTCOME, 11), 0);
  ck_assert_int_gt(total(m, "0", tertial_model_current_budget(m), 11), 0);
  tertial_model_free(m);
  o.version = 9;
  T_ERR(tertial_demo_new(&m, &o), TERTIAL_ERR_INVALID);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("demo");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_shape);
  tcase_add_test(tc, test_deterministic);
  tcase_add_test(tc, test_options);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
