/* Tests of unfunded decisions (ofinansierade beslut, unfunded.h): the unfunded part of each, the
 * sums per committee and in total, the table's import and its errors. */
#include "testutil.h"
#include "failalloc_each.h"

#include <glib.h>
#include <string.h>

static const char header[] =
  "kod;nämnd;datum;beslutsorgan;beskrivning;kostnad (tkr);finansiering;finansierat (tkr)\n";
static const char rows[] = "SN 2017/45;Socialnämnden;2017-06-14;Kommunfullmäktige;Utökad hemtjänst;2 400;ingen;\n"
                           "SN 2017/60;Socialnämnden;2017-09-20;Socialnämnden;Trygg hemgång;1 500,5;delvis;500\n"
                           "BUN 2017/12;Barn- och ungdomsnämnden;2017-10-02;Kommunfullmäktige;Ny förskola;3 000;"
                           "delvis;1 000\n"
                           "SN 2017/71;socialnämnden;2017-11-30;Kommunstyrelsen;Boendestöd;120;;\n";

static tertial_unfunded *read_rows(const char *head, const char *body)
{
  tertial_unfunded *u;
  T_OK(tertial_unfunded_new(&u));
  char *text = g_strconcat(head, body, NULL);
  T_OK(tertial_unfunded_parse(u, text, strlen(text), "u.csv"));
  g_free(text);
  return u;
}

START_TEST(test_sums)
{
  tertial_unfunded *u = read_rows(header, rows);
  ck_assert_uint_eq(tertial_unfunded_count(u), 4);
  const tertial_unfunded_decision *d = tertial_unfunded_at(u, 1);
  ck_assert_str_eq(d->code, "SN 2017/60");
  ck_assert_str_eq(d->decided_by, "Socialnämnden");
  ck_assert_str_eq(d->description, "Trygg hemgång");
  ck_assert(d->decided.year == 2017 && d->decided.month == 9 && d->decided.day == 20);
  ck_assert_int_eq(d->cost, KR(1500500));
  ck_assert_int_eq(d->funding, TERTIAL_FUNDING_PARTIAL);
  ck_assert_int_eq(d->funded, KR(500000));
  ck_assert_int_eq(tertial_unfunded_at(u, 3)->funding, TERTIAL_FUNDING_NONE);
  int64_t gap = -1;
  T_OK(tertial_unfunded_gap(&gap, u, 0));
  ck_assert_int_eq(gap, KR(2400000));
  T_OK(tertial_unfunded_gap(&gap, u, 1));
  ck_assert_int_eq(gap, KR(1000500));
  T_ERR(tertial_unfunded_gap(&gap, u, 4), TERTIAL_ERR_RANGE);
  /* Socialnämnden: 2 400 000 + 1 000 500 + 120 000 kr (letter case ignored); BUN 2 000 000 kr */
  int64_t sum = -1;
  T_OK(tertial_unfunded_total(&sum, u, "SOCIALNÄMNDEN"));
  ck_assert_int_eq(sum, KR(3520500));
  T_OK(tertial_unfunded_total(&sum, u, NULL));
  ck_assert_int_eq(sum, KR(5520500));
  T_OK(tertial_unfunded_total(&sum, u, "Kulturnämnden"));
  ck_assert_int_eq(sum, 0);
  ck_assert_uint_eq(tertial_unfunded_committee_count(u), 2);
  const char *name = NULL;
  size_t n = 0;
  T_OK(tertial_unfunded_committee_at(&name, &n, &sum, u, 0));
  ck_assert_str_eq(name, "Socialnämnden");
  ck_assert(n == 3 && sum == KR(3520500));
  T_OK(tertial_unfunded_committee_at(&name, &n, &sum, u, 1));
  ck_assert_str_eq(name, "Barn- och ungdomsnämnden");
  ck_assert(n == 1 && sum == KR(2000000));
  T_ERR(tertial_unfunded_committee_at(&name, &n, &sum, u, 2), TERTIAL_ERR_RANGE);
  ck_assert_str_eq(tertial_funding_name(TERTIAL_FUNDING_PARTIAL), "delvis");
  ck_assert_str_eq(tertial_funding_name((tertial_funding)7), "");
  tertial_unfunded_free(u);
}
END_TEST

START_TEST(test_add_checks)
{
  tertial_unfunded *u;
  T_OK(tertial_unfunded_new(&u));
  tertial_unfunded_decision d = TERTIAL_UNFUNDED_DECISION_INIT;
  d.code = "A";
  d.committee = "SN";
  d.decided = (tertial_date){2026, 2, 29};
  d.cost = KR(100);
  T_ERR(tertial_unfunded_add(u, &d), TERTIAL_ERR_RANGE);
  d.decided.day = 28;
  d.cost = 0;
  T_ERR(tertial_unfunded_add(u, &d), TERTIAL_ERR_RANGE);
  d.cost = KR(100);
  d.funded = KR(10);
  T_ERR(tertial_unfunded_add(u, &d), TERTIAL_ERR_RANGE);
  d.funding = TERTIAL_FUNDING_PARTIAL;
  d.funded = KR(100);
  T_ERR(tertial_unfunded_add(u, &d), TERTIAL_ERR_RANGE);
  d.funded = KR(40);
  d.committee = "";
  T_ERR(tertial_unfunded_add(u, &d), TERTIAL_ERR_INVALID);
  d.committee = "SN";
  T_OK(tertial_unfunded_add(u, &d));
  T_ERR(tertial_unfunded_add(u, &d), TERTIAL_ERR_EXISTS);
  int64_t gap;
  T_OK(tertial_unfunded_gap(&gap, u, 0));
  ck_assert_int_eq(gap, KR(60));
  tertial_unfunded_free(u);
}
END_TEST

/* A bad row: the error names file, line, column and what was expected; nothing is added. */
static void bad_csv(const char *row, const char *want)
{
  tertial_unfunded *u = read_rows(header, rows);
  char *text = g_strconcat(header, "OK 1;SN;2026-01-01;KF;x;1;;\n", row, NULL);
  T_ERR(tertial_unfunded_parse(u, text, strlen(text), "u.csv"), TERTIAL_ERR_PARSE);
  ck_assert_msg(strncmp(tertial_error_last(), want, strlen(want)) == 0, "got '%s', expected '%s'",
                tertial_error_last(), want);
  ck_assert_uint_eq(tertial_unfunded_count(u), 4);
  g_free(text);
  tertial_unfunded_free(u);
}

START_TEST(test_bad_import)
{
  bad_csv("B;SN;2017-02-30;KF;x;1;;\n", "u.csv:3:3: column \"datum\": expected a date YYYY-MM-DD, not '2017-02-30'");
  bad_csv("B;SN;14/6 2017;KF;x;1;;\n", "u.csv:3:3: column \"datum\": expected a date YYYY-MM-DD");
  bad_csv("B;;2017-06-14;KF;x;1;;\n", "u.csv:3:2: column \"nämnd\": expected the committee");
  bad_csv("B;SN;2017-06-14;KF;x;-5;;\n", "u.csv:3:6: column \"kostnad (tkr)\": expected a cost per year above 0");
  bad_csv("B;SN;2017-06-14;KF;x;mycket;;\n", "u.csv:3:6: column \"kostnad (tkr)\": expected an amount in tkr");
  bad_csv("B;SN;2017-06-14;KF;x;10;helt;\n", "u.csv:3:7: column \"finansiering\": expected ingen or delvis, not 'helt'");
  bad_csv("B;SN;2017-06-14;KF;x;10;delvis;10\n", "u.csv:3:8: column \"finansierat (tkr)\": expected the funded part of a "
                                                 "partial funding, above 0 and below the cost '10', not '10'");
  bad_csv("B;SN;2017-06-14;KF;x;10;ingen;4\n", "u.csv:3:8: column \"finansierat (tkr)\": a decision without funding");
  bad_csv("SN 2017/45;SN;2017-06-14;KF;x;10;;\n", "u.csv:3:1: column \"kod\": unfunded decision SN 2017/45 already "
                                                  "exists");
  /* a required column missing */
  tertial_unfunded *u;
  T_OK(tertial_unfunded_new(&u));
  const char *text = "kod;nämnd;kostnad\nA;SN;1\n";
  T_ERR(tertial_unfunded_parse(u, text, strlen(text), "u.csv"), TERTIAL_ERR_PARSE);
  ck_assert_str_eq(tertial_error_last(), "u.csv:1: expected a column \"datum\" among the headers of unfunded decisions");
  T_ERR(tertial_unfunded_load(u, "/nonexistent/u.csv"), TERTIAL_ERR_IO);
  ck_assert_uint_eq(tertial_unfunded_count(u), 0);
  tertial_unfunded_free(u);
}
END_TEST

/* The example file: its sums. */
START_TEST(test_example)
{
  tertial_unfunded *u;
  T_OK(tertial_unfunded_new(&u));
  T_OK(tertial_unfunded_load(u, TERTIAL_SOURCE_ROOT "/examples/unfunded/decisions.csv"));
  ck_assert_uint_eq(tertial_unfunded_count(u), 5);
  int64_t sum;
  T_OK(tertial_unfunded_total(&sum, u, NULL));
  ck_assert_int_eq(sum, KR(7350000));
  T_OK(tertial_unfunded_total(&sum, u, "Socialnämnden"));
  ck_assert_int_eq(sum, KR(5350000));
  tertial_unfunded_free(u);
}
END_TEST

#if FAILALLOC
/* ---- out of memory: every allocation of loading the example failing in turn ---- */

static int load_example(void *u)
{
  tertial_unfunded **out = u;
  int rc = tertial_unfunded_new(out);
  if (rc == 0 && (rc = tertial_unfunded_load(*out, TERTIAL_SOURCE_ROOT "/examples/unfunded/decisions.csv")) < 0) {
    tertial_unfunded_free(*out);
    *out = NULL;
  }
  return rc;
}

static void drop_example(void *u)
{
  tertial_unfunded_free(*(tertial_unfunded **)u);
}

START_TEST(test_load_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial_unfunded *u = NULL;
  ck_assert_int_ge(failalloc_each(load_example, drop_example, &u), 50); /* 57 when written */
  ck_assert_uint_eq(tertial_unfunded_count(u), 5);
  int64_t sum;
  T_OK(tertial_unfunded_total(&sum, u, NULL)); /* 2 400 + 1 800 + 1 750 + 2 500 + 500 - 600 - 1 000 tkr */
  ck_assert_int_eq(sum, KR(7350000));
  tertial_unfunded_free(u);
}
END_TEST
#endif

int main(void)
{
  Suite *s = suite_create("unfunded");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_sums);
  tcase_add_test(tc, test_add_checks);
  tcase_add_test(tc, test_bad_import);
  tcase_add_test(tc, test_example);
#if FAILALLOC
  tcase_add_test(tc, test_load_out_of_memory);
#endif
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
