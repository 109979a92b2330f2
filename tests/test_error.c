#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "testutil.h"

START_TEST(test_last_error)
{
  tertial_error_clear();
  ck_assert_str_eq(tertial_error_last(), "");
  ck_assert_int_eq(tertial_error_last_code(), TERTIAL_OK);
  int64_t v;
  T_ERR(tertial_money_parse(&v, "12,5x", TERTIAL_MONEY_SWEDISH), TERTIAL_ERR_PARSE);
  ck_assert_int_eq(tertial_error_last_code(), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "12,5x"));
  tertial_error_clear();
  ck_assert_str_eq(tertial_error_last(), "");
}
END_TEST

/* A successful call leaves no error behind, also when it probed for something on the way (a
 * measure, snapshot, unit or account that is not there yet). */
#define CLEAN(expr)                                                                                   \
  do {                                                                                                \
    T_OK(expr);                                                                                       \
    ck_assert_msg(tertial_error_last_code() == 0 && !*tertial_error_last(), "%s left %d \"%s\"", #expr, \
                  tertial_error_last_code(), tertial_error_last());                                   \
  } while (0)

START_TEST(test_success_leaves_no_error)
{
  tertial_error_clear();
  tertial_model *m = NULL, *demo = NULL, *loaded = NULL;
  CLEAN(tertial_model_new(&m, 2026, 1));
  tertial_unit_id u;
  tertial_account_id a;
  int measure;
  CLEAN(tertial_org_add_unit(&u, tertial_model_org(m), "1", "Enhet", TERTIAL_NO_UNIT, 0, NULL));
  CLEAN(tertial_chart_ensure(&a, tertial_model_chart(m), "4010"));
  CLEAN(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, TERTIAL_MEASURE_OUTCOME, 100000));
  CLEAN(tertial_ledger_add_measure(&measure, tertial_model_ledger(m), "Tilläggsbudget"));
  CLEAN(tertial_accrual_add(m, u, "4010", 0, 500, "Periodisering"));
  CLEAN(tertial_forecast_add_adjustment(tertial_model_forecast_plan(m), u, "KOST_PERS", 100,
                                        TERTIAL_ADJUST_KNOWN_FACTOR, "Känd faktor"));
  CLEAN(tertial_forecast_apply(m, 2, -1));
  CLEAN(tertial_snapshot_take(NULL, m, "JANFEB", (tertial_date){2026, 3, 12}));
  CLEAN(tertial_forecast_apply(m, 4, -1));
  CLEAN(tertial_snapshot_take(NULL, m, "T1", (tertial_date){2026, 5, 12}));
  tertial_report *r = NULL;
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.previous_point = "JANFEB";
  CLEAN(tertial_report_new(&r, m, u, 4, &o));
  tertial_report_free(r);
  char dir[] = "/tmp/tertial-error-XXXXXX", path[64];
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/e.db", dir);
  tertial_store *st = NULL;
  CLEAN(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  CLEAN(tertial_store_save(st, m));
  CLEAN(tertial_store_load(&loaded, st));
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  d.outcome_months = 4;
  CLEAN(tertial_demo_year(&demo, &d, d.year - 1, 0));
  CLEAN(tertial_store_save(st, demo));
  tertial_store_free(st);
  tertial_model_free(loaded);
  tertial_model_free(demo);
  tertial_model_free(m);
  unlink(path);
  rmdir(dir);
}
END_TEST

START_TEST(test_strerror)
{
  ck_assert_str_eq(tertial_strerror(TERTIAL_OK), "success");
  ck_assert_str_eq(tertial_strerror(TERTIAL_ERR_OVERFLOW), "amount out of range");
  ck_assert_str_eq(tertial_strerror(TERTIAL_ERR_BUFFER), "buffer too small");
  ck_assert_str_eq(tertial_strerror(-999), "unknown error");
  ck_assert_str_eq(tertial_strerror(12), "unknown error");
  /* every code up to the newest has its own text */
  for (int c = TERTIAL_ERR_INVALID; c >= TERTIAL_ERR_NOT_PERMITTED; c--)
    ck_assert_str_ne(tertial_strerror(c), "unknown error");
  ck_assert_str_eq(tertial_strerror(TERTIAL_ERR_NOT_PERMITTED), "not permitted");
  ck_assert_str_eq(tertial_strerror(-14), "unknown error");
}
END_TEST

static void *fail_in_thread(void *arg)
{
  (void)arg;
  tertial_org *org = NULL;
  tertial_unit_id id;
  tertial_org_new(&org);
  int rc = tertial_org_find(&id, org, "other-thread");
  tertial_org_free(org);
  return (void *)(intptr_t)(rc == TERTIAL_ERR_NOT_FOUND && strstr(tertial_error_last(), "other-thread"));
}

START_TEST(test_thread_local)
{
  int64_t v;
  T_ERR(tertial_money_parse(&v, "", TERTIAL_MONEY_SIE), TERTIAL_ERR_PARSE);
  char before[256];
  snprintf(before, sizeof before, "%s", tertial_error_last());
  pthread_t th;
  void *ok = NULL;
  ck_assert_int_eq(pthread_create(&th, NULL, fail_in_thread, NULL), 0);
  ck_assert_int_eq(pthread_join(th, &ok), 0);
  ck_assert_ptr_nonnull(ok);
  /* the other thread's error did not touch this thread's */
  ck_assert_str_eq(tertial_error_last(), before);
  ck_assert_int_eq(tertial_error_last_code(), TERTIAL_ERR_PARSE);
}
END_TEST

/* tertial__zeroed(): zeroed like calloc (here 3 MiB, past malloc's mmap threshold, so that a
 * compiler that folded it back into calloc would still pass: the values are what is checked),
 * and a size that does not fit is NOMEM, not a short array. */
START_TEST(test_zeroed)
{
  size_t n = 3 * 1024 * 1024 / sizeof(int64_t);
  int64_t *a = tertial__zeroed(n, sizeof *a);
  ck_assert_ptr_nonnull(a);
  int64_t any = 0;
  for (size_t i = 0; i < n; i++)
    any |= a[i];
  ck_assert_int_eq(any, 0);
  a[n - 1] = 7;
  free(a);
  ck_assert_ptr_null(tertial__zeroed(SIZE_MAX / 2, 4));
  ck_assert_int_eq(tertial_error_last_code(), TERTIAL_ERR_NOMEM);
  void *one = tertial__zeroed(0, 8); /* like calloc(0): a pointer that can be freed */
  ck_assert_ptr_nonnull(one);
  free(one);
}
END_TEST

START_TEST(test_version)
{
  ck_assert_str_eq(tertial_version(), TERTIAL_VERSION_STRING);
  ck_assert_str_eq(tertial_version(), "0.1.0");
  ck_assert_int_eq(TERTIAL_VERSION_NUMBER, 100);
  ck_assert(TERTIAL_CHECK_VERSION(0, 1, 0));
  ck_assert(!TERTIAL_CHECK_VERSION(0, 2, 0));
  tertial_free(NULL);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("error");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_last_error);
  tcase_add_test(tc, test_strerror);
  tcase_add_test(tc, test_success_leaves_no_error);
  tcase_add_test(tc, test_thread_local);
  tcase_add_test(tc, test_version);
  tcase_add_test(tc, test_zeroed);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
