/* Shared helpers of the Check test suites. */
#ifndef TERTIAL_TESTUTIL_H
#define TERTIAL_TESTUTIL_H

#include <check.h>
#include <stdint.h>

#include "tertial/tertial.h"

/* Assert that a call returned 0, printing the library's last error otherwise. */
#define T_OK(expr)                                                                     \
  do {                                                                                 \
    int t_rc_ = (expr);                                                                \
    ck_assert_msg(t_rc_ == 0, "%s returned %d: %s", #expr, t_rc_, tertial_error_last()); \
  } while (0)

/* Assert that a call failed with a given code. */
#define T_ERR(expr, code)                                                             \
  do {                                                                                \
    int t_rc_ = (expr);                                                               \
    ck_assert_msg(t_rc_ == (code), "%s returned %d, expected %d (%s)", #expr, t_rc_,  \
                  (int)(code), tertial_error_last());                                 \
  } while (0)

/* Run one suite with TAP output; returns the process exit status. */
int testutil_run(Suite *s);

#endif
