/* Every allocation of a call failing in turn (failalloc.h), with the checks each suite makes of
 * its out-of-memory paths. */
#ifndef TERTIAL_TESTS_FAILALLOC_EACH_H
#define TERTIAL_TESTS_FAILALLOC_EACH_H

#include <check.h>
#include <string.h>

#include "failalloc.h"
#include "tertial/tertial.h"

/* Run call(ctx) with the k-th allocation failing, for k = 0, 1, ... until a run completes without
 * the failure firing. A run that failed must return TERTIAL_ERR_NOMEM with "out of memory" in the
 * last error, or 0 (then drop(ctx) frees what it made), and leave as many blocks live as before
 * it: on an error, call() frees what it made itself. The last run's result is left in ctx for the
 * caller to check, its return code asserted 0. Returns the failure points visited. */
static inline long failalloc_each(int (*call)(void *ctx), void (*drop)(void *ctx), void *ctx)
{
  for (long k = 0;; k++) {
    long live = failalloc_live();
    failalloc_arm(k);
    int rc = call(ctx);
    int fired = failalloc_disarm();
    if (!fired) {
      ck_assert_msg(rc == 0, "the run without a failure returned %d: %s", rc, tertial_error_last());
      return k;
    }
    ck_assert_msg(rc == 0 || rc == TERTIAL_ERR_NOMEM, "allocation %ld failing: %d (%s)", k, rc, tertial_error_last());
    if (rc == 0)
      drop(ctx);
    else
      ck_assert_msg(strstr(tertial_error_last(), "out of memory"), "allocation %ld failing: '%s'", k,
                    tertial_error_last());
    ck_assert_msg(failalloc_live() == live, "allocation %ld failing: %ld blocks leaked", k, failalloc_live() - live);
  }
}

#endif
