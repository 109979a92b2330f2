#include <pthread.h>
#include <stdio.h>
#include <string.h>

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

START_TEST(test_strerror)
{
  ck_assert_str_eq(tertial_strerror(TERTIAL_OK), "success");
  ck_assert_str_eq(tertial_strerror(TERTIAL_ERR_OVERFLOW), "amount out of range");
  ck_assert_str_eq(tertial_strerror(TERTIAL_ERR_BUFFER), "buffer too small");
  ck_assert_str_eq(tertial_strerror(-999), "unknown error");
  ck_assert_str_eq(tertial_strerror(12), "unknown error");
  /* every code up to the newest has its own text */
  for (int c = TERTIAL_ERR_INVALID; c >= TERTIAL_ERR_CANCELLED; c--)
    ck_assert_str_ne(tertial_strerror(c), "unknown error");
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
  tcase_add_test(tc, test_thread_local);
  tcase_add_test(tc, test_version);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
