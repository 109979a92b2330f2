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

/* A test's temporary folder: made fresh under /tmp with `prefix` in its name (mkdtemp), a file's
 * path in it (a static buffer, valid until the next call), and its removal with all it holds. */
void testutil_tmpdir_make(const char *prefix);
const char *testutil_tmp_path(const char *name);
void testutil_tmpdir_remove(void);

/* Tertial's own report passes the audit of its printed figures: its own findings are none. */
void testutil_audit_clean(tertial_report *r);
/* The report as machine-style CSV (free() it). */
char *testutil_machine_csv(const tertial_report *r);

#endif

/* The fixture municipality used by several suites (fiscal year 2026, calendar year):
 *
 *   K  Exempelkommun (kommun)
 *   └─ SN  Socialnämnden (nämnd)        own: 6110 Hyror (internal cost) 100 000 kr/month budget and outcome
 *      ├─ IFO  Individ- och familjeomsorg (verksamhet)
 *      │   ├─ 6410  HVB barn och unga (enhet)
 *      │   │     3511 Bidrag (revenue): budget -1 000 000 kr/month, outcome -1 922 500 kr in Jan-Apr
 *      │   │     4610 Köp av verksamhet: budget 2 000 000 kr/month, outcome 2 500 000 kr in Jan-Apr
 *      │   │     forecasts: INT_BIDR -20 000 000 kr, KOST_KOP 30 000 000 kr
 *      │   └─ 6420  Försörjningsstöd (enhet)
 *      │         4511 Bidrag (given): budget 0, outcome 300 000 kr in February
 *      └─ AO  Äldreomsorg (verksamhet)
 *          └─ 6510  Hemtjänst (enhet)
 *                5011 Personal: budget 1 000 000 kr/month, outcome 950 000 kr in Jan-Apr,
 *                prior year 1 000 000 kr/month Jan-Nov and 800 000 kr in December
 */
typedef struct fixture {
  tertial_model *model;
  tertial_unit_id k, sn, ifo, hvb, fs, ao, ht;
} fixture;

/* Build the fixture (asserts on failure). */
void fixture_build(fixture *f);
void fixture_free(fixture *f);

/* 1 if the folder dir exists (the shared SIE corpus, read in place); else 0, and a TAP comment
 * says the tests that need it are skipped. */
int corpus_present(const char *dir);

/* Kronor to öre. */
#define KR(x) ((int64_t)(x) * 100)

/* A model with one parent "P" and three children A, B, C; child i has `outcome + i * step` öre
 * of outcome and `budget` öre of budget on account 4010 in January. Returns the parent. */
tertial_unit_id small_model(tertial_model **out, int64_t outcome, int64_t step, int64_t budget);
