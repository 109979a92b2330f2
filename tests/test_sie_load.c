#include "testutil.h"
START_TEST(test_placeholder_sie_load) { ck_assert_int_eq(1, 1); }
END_TEST
int main(void) { Suite *s = suite_create("sie_load"); TCase *tc = tcase_create("core"); tcase_add_test(tc, test_placeholder_sie_load); suite_add_tcase(s, tc); return testutil_run(s); }
