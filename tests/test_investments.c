/* Tests of the investment budget (investments.h): totals per year for a unit, a category and in
 * total, a project's remaining budget, the checks of add, the table's import and its errors. */
#include "testutil.h"
#include "failalloc_each.h"

#include <glib.h>
#include <string.h>

static const char header[] = "projekt;namn;nämnd;kategori;status;2027 (tkr);2028 (tkr);2029;budget (total, tkr);"
                             "utfall hittills (tkr)\n";
static const char rows[] = "A1;Skola;BUN;Fastigheter;beslutad;1 000;2 500,5;;4 000;250\n"
                           "A2;Gatuljus;TN;Gator och vägar;pågående;300;;100 000;;\n"
                           "A3;Datorer;bun;IT;;50;50;0;100;0\n";

static tertial_investments *read_rows(const char *head, const char *body)
{
  tertial_investments *inv;
  T_OK(tertial_investments_new(&inv));
  char *text = g_strconcat(head, body, NULL);
  T_OK(tertial_investments_parse(inv, text, strlen(text), "i.csv"));
  g_free(text);
  return inv;
}

START_TEST(test_totals)
{
  tertial_investments *inv = read_rows(header, rows);
  ck_assert_uint_eq(tertial_investments_count(inv), 3);
  const tertial_investment *p = tertial_investments_at(inv, 0);
  ck_assert_str_eq(p->code, "A1");
  ck_assert_str_eq(p->name, "Skola");
  ck_assert_str_eq(p->category, "Fastigheter");
  ck_assert_int_eq(p->status, TERTIAL_INVESTMENT_DECIDED);
  ck_assert(p->first_year == 2027 && p->years == 3);
  ck_assert_int_eq(p->amounts[0], KR(1000000));
  ck_assert_int_eq(p->amounts[1], KR(2500500));
  ck_assert_int_eq(p->amounts[2], 0);
  ck_assert(p->has_budget && p->budget == KR(4000000));
  ck_assert(p->has_spent && p->spent == KR(250000));
  /* the 2029 column has no "tkr": kronor */
  ck_assert_int_eq(tertial_investments_at(inv, 1)->amounts[2], KR(100000));
  ck_assert(!tertial_investments_at(inv, 1)->has_budget && !tertial_investments_at(inv, 1)->has_spent);
  ck_assert_int_eq(tertial_investments_at(inv, 2)->status, TERTIAL_INVESTMENT_PROPOSED);
  int first = 0, last = 0;
  T_OK(tertial_investments_span(&first, &last, inv));
  ck_assert(first == 2027 && last == 2029);
  int64_t sum = -1;
  /* 2027: 1 000 000 + 300 000 + 50 000 kr; 2028: 2 500 500 + 50 000 kr */
  T_OK(tertial_investments_total(&sum, inv, 2027, NULL, NULL));
  ck_assert_int_eq(sum, KR(1350000));
  T_OK(tertial_investments_total(&sum, inv, 2028, NULL, NULL));
  ck_assert_int_eq(sum, KR(2550500));
  /* BUN (letter case ignored): A1 and A3 */
  T_OK(tertial_investments_total(&sum, inv, 2027, "BUN", NULL));
  ck_assert_int_eq(sum, KR(1050000));
  T_OK(tertial_investments_total(&sum, inv, 2027, "bun", "it"));
  ck_assert_int_eq(sum, KR(50000));
  T_OK(tertial_investments_total(&sum, inv, 2029, NULL, "Gator och vägar"));
  ck_assert_int_eq(sum, KR(100000));
  T_OK(tertial_investments_total(&sum, inv, 2031, NULL, NULL));
  ck_assert_int_eq(sum, 0);
  /* remaining: 4 000 000 - 250 000 - (1 000 000 + 2 500 500) = 249 500 kr from 2027; from 2028
   * 1 249 500 kr; A3: 100 000 - 0 - 100 000 = 0 */
  int64_t left = -1;
  T_OK(tertial_investments_remaining(&left, inv, 0, 2027));
  ck_assert_int_eq(left, KR(249500));
  T_OK(tertial_investments_remaining(&left, inv, 0, 2028));
  ck_assert_int_eq(left, KR(1249500));
  T_OK(tertial_investments_remaining(&left, inv, 2, 2027));
  ck_assert_int_eq(left, 0);
  T_ERR(tertial_investments_remaining(&left, inv, 1, 2027), TERTIAL_ERR_NOT_FOUND);
  ck_assert_str_eq(tertial_error_last(), "investment project A2 has no decided total budget");
  T_ERR(tertial_investments_remaining(&left, inv, 3, 2027), TERTIAL_ERR_RANGE);
  ck_assert_str_eq(tertial_investment_status_name(TERTIAL_INVESTMENT_IN_PROGRESS), "pågående");
  ck_assert_str_eq(tertial_investment_status_name((tertial_investment_status)9), "");
  tertial_investments_free(inv);
}
END_TEST

START_TEST(test_add_checks)
{
  tertial_investments *inv;
  T_OK(tertial_investments_new(&inv));
  tertial_investment p = TERTIAL_INVESTMENT_INIT;
  p.code = "X";
  p.unit = "TN";
  p.first_year = 2027;
  p.years = 0;
  T_ERR(tertial_investments_add(inv, &p), TERTIAL_ERR_RANGE);
  ck_assert_str_eq(tertial_error_last(), "investment project X: expected 1–10 plan years ending by 9999, not 0 from 2027");
  p.years = 2;
  p.amounts[2] = KR(5);
  T_ERR(tertial_investments_add(inv, &p), TERTIAL_ERR_RANGE);
  ck_assert_str_eq(tertial_error_last(), "investment project X: an amount for 2029, after its last plan year 2028");
  p.amounts[2] = 0;
  p.amounts[1] = TERTIAL_MONEY_MAX_AMOUNT + 1;
  T_ERR(tertial_investments_add(inv, &p), TERTIAL_ERR_RANGE);
  p.amounts[1] = TERTIAL_MONEY_MAX_AMOUNT;
  p.first_year = 1899;
  T_ERR(tertial_investments_add(inv, &p), TERTIAL_ERR_RANGE);
  p.first_year = 2027;
  p.budget = KR(10);
  T_ERR(tertial_investments_add(inv, &p), TERTIAL_ERR_RANGE); /* a budget without has_budget */
  p.has_budget = 1;
  p.has_spent = 1;
  p.spent = -1;
  T_ERR(tertial_investments_add(inv, &p), TERTIAL_ERR_RANGE);
  p.spent = KR(20);
  p.unit = "";
  T_ERR(tertial_investments_add(inv, &p), TERTIAL_ERR_INVALID);
  p.unit = "TN";
  p.status = (tertial_investment_status)4;
  T_ERR(tertial_investments_add(inv, &p), TERTIAL_ERR_INVALID);
  p.status = TERTIAL_INVESTMENT_FINISHED;
  T_OK(tertial_investments_add(inv, &p));
  T_ERR(tertial_investments_add(inv, &p), TERTIAL_ERR_EXISTS);
  ck_assert_str_eq(tertial_error_last(), "investment project X already exists");
  /* the amounts as added; the remaining budget may go far below 0 */
  int64_t sum = 0;
  T_OK(tertial_investments_total(&sum, inv, 2028, NULL, NULL));
  ck_assert_int_eq(sum, TERTIAL_MONEY_MAX_AMOUNT);
  int64_t left = 0;
  T_OK(tertial_investments_remaining(&left, inv, 0, 2027));
  ck_assert_int_eq(left, KR(10) - KR(20) - TERTIAL_MONEY_MAX_AMOUNT);
  tertial_investments_free(inv);
}
END_TEST

/* The sums are exact and overflow is an error, not a wrapped sum. */
START_TEST(test_overflow)
{
  tertial_investments *inv;
  T_OK(tertial_investments_new(&inv));
  tertial_investment p = TERTIAL_INVESTMENT_INIT;
  p.unit = "TN";
  p.first_year = 2027;
  p.years = 1;
  p.amounts[0] = TERTIAL_MONEY_MAX_AMOUNT;
  char code[16];
  for (int i = 0; i < 9224; i++) {
    g_snprintf(code, sizeof code, "P%d", i);
    p.code = code;
    T_OK(tertial_investments_add(inv, &p));
  }
  int64_t sum = 42;
  T_ERR(tertial_investments_total(&sum, inv, 2027, NULL, NULL), TERTIAL_ERR_OVERFLOW);
  ck_assert_int_eq(sum, 42);
  ck_assert_str_eq(tertial_error_last(), "the investments of 2027 do not sum within int64 öre");
  /* a filter that keeps none sums nothing */
  T_OK(tertial_investments_total(&sum, inv, 2027, "nobody", NULL));
  ck_assert_int_eq(sum, 0);
  tertial_investments_free(inv);
}
END_TEST

/* A bad row: the error names file, line, column and what was expected; nothing is added. */
static void bad_csv(const char *row, const char *want)
{
  tertial_investments *inv = read_rows(header, rows);
  char *text = g_strconcat(header, "OK;x;TN;IT;;1;1;1;;\n", row, NULL);
  T_ERR(tertial_investments_parse(inv, text, strlen(text), "i.csv"), TERTIAL_ERR_PARSE);
  ck_assert_msg(strncmp(tertial_error_last(), want, strlen(want)) == 0, "got '%s', expected '%s'",
                tertial_error_last(), want);
  ck_assert_uint_eq(tertial_investments_count(inv), 3);
  g_free(text);
  tertial_investments_free(inv);
}

static void bad_header(const char *text, const char *want)
{
  tertial_investments *inv;
  T_OK(tertial_investments_new(&inv));
  T_ERR(tertial_investments_parse(inv, text, strlen(text), "i.csv"), TERTIAL_ERR_PARSE);
  ck_assert_str_eq(tertial_error_last(), want);
  ck_assert_uint_eq(tertial_investments_count(inv), 0);
  tertial_investments_free(inv);
}

START_TEST(test_bad_import)
{
  bad_csv("B;x;TN;IT;klar;1;1;1;;\n", "i.csv:3:5: column \"status\": expected föreslagen, beslutad, pågående or "
                                       "avslutad, not 'klar'");
  bad_csv("B;x;TN;IT;;1;mycket;1;;\n", "i.csv:3:7: column \"2028 (tkr)\": expected an amount in tkr with at most two "
                                        "decimals, not 'mycket'");
  bad_csv("B;x;TN;IT;;1;1;1,555;;\n", "i.csv:3:8: column \"2029\": expected an amount in kr");
  bad_csv("B;x;;IT;;1;1;1;;\n", "i.csv:3:3: column \"nämnd\": expected the committee or unit");
  bad_csv(";x;TN;IT;;1;1;1;;\n", "i.csv:3:1: column \"projekt\": expected the project's code");
  bad_csv("B;x;TN;IT;;1;1;1;-5;\n", "i.csv:3:9: column \"budget (total, tkr)\": expected an amount of 0 or more, "
                                     "not '-5'");
  bad_csv("A2;x;TN;IT;;1;1;1;;\n", "i.csv:3:1: column \"projekt\": investment project A2 already exists");
  bad_csv("B;x;TN;IT;;2000000000000;;;;\n", "i.csv:3:1: column \"projekt\": investment project B: the amount for "
                                            "2027");
  bad_header("projekt;nämnd;budget\nA;TN;1\n",
             "i.csv:1: expected a column per plan year (\"2027\", \"2028 tkr\", ...) among the headers of investments");
  bad_header("projekt;nämnd;2027;2029\nA;TN;1;1\n", "i.csv:1:4: expected the plan year 2028 after 2027, not \"2029\"");
  bad_header("projekt;2027;2028\nA;1;1\n", "i.csv:1: expected a column \"nämnd\" among the headers of investments");
  bad_header("projekt;nämnd;2020;2021;2022;2023;2024;2025;2026;2027;2028;2029;2030\n",
             "i.csv:1:13: at most 10 plan years, not a further column \"2030\"");
  /* a year's amounts in a unit the reader does not take are an error, not a column left out */
  bad_header("projekt;nämnd;2027;2028 (mnkr)\nA;TN;1;1\n",
             "i.csv:1:4: column \"2028 (mnkr)\": expected a plan year alone or with kr or tkr (\"2027\", "
             "\"2027 (tkr)\"), not in another unit");
  tertial_investments *inv;
  T_OK(tertial_investments_new(&inv));
  T_ERR(tertial_investments_load(inv, "/nonexistent/i.csv"), TERTIAL_ERR_IO);
  tertial_investments_free(inv);
}
END_TEST

/* The example file: its totals per year, a committee's, a category's, and remaining budgets. */
START_TEST(test_example)
{
  tertial_investments *inv;
  T_OK(tertial_investments_new(&inv));
  T_OK(tertial_investments_load(inv, TERTIAL_SOURCE_ROOT "/examples/investments/plan.csv"));
  ck_assert_uint_eq(tertial_investments_count(inv), 7);
  /* in tkr, by hand from the file: 2027 12 000 + 3 000 + 2 500 + 8 000 + 1 800 + 1 500 = 28 800;
   * 2028 18 000 + 25 000 + 2 500 + 8 500 + 1 200 + 1 500 + 900 = 57 600; 2029 4 000 + 20 000 +
   * 2 000 + 9 000 + 1 500 = 36 500; 2030 2 000 + 9 500 + 1 500 = 13 000 */
  static const int64_t tkr[4] = {28800, 57600, 36500, 13000};
  int64_t sum;
  for (int i = 0; i < 4; i++) {
    T_OK(tertial_investments_total(&sum, inv, 2027 + i, NULL, NULL));
    ck_assert_int_eq(sum, KR(tkr[i] * 1000));
  }
  /* Barn- och utbildningsnämnden 2028: 18 000 + 25 000 + 1 500 tkr */
  T_OK(tertial_investments_total(&sum, inv, 2028, "Barn- och utbildningsnämnden", NULL));
  ck_assert_int_eq(sum, KR(44500000));
  T_OK(tertial_investments_total(&sum, inv, 2028, NULL, "Inventarier"));
  ck_assert_int_eq(sum, KR(2400000));
  /* P1001: 36 000 - 2 500 - (12 000 + 18 000 + 4 000) = -500 tkr: over its frame */
  int64_t left;
  T_OK(tertial_investments_remaining(&left, inv, 0, 2027));
  ck_assert_int_eq(left, KR(-500000));
  /* P2002 from 2028: 42 000 - 6 000 - (8 500 + 9 000 + 9 500) = 9 000 tkr */
  T_OK(tertial_investments_remaining(&left, inv, 3, 2028));
  ck_assert_int_eq(left, KR(9000000));
  tertial_investments_free(inv);
}
END_TEST

#if FAILALLOC
/* ---- out of memory: every allocation of loading the example failing in turn ---- */

static int load_example(void *inv)
{
  tertial_investments **out = inv;
  int rc = tertial_investments_new(out);
  if (rc == 0 && (rc = tertial_investments_load(*out, TERTIAL_SOURCE_ROOT "/examples/investments/plan.csv")) < 0) {
    tertial_investments_free(*out);
    *out = NULL;
  }
  return rc;
}

static void drop_example(void *inv)
{
  tertial_investments_free(*(tertial_investments **)inv);
}

START_TEST(test_load_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial_investments *inv = NULL;
  ck_assert_int_ge(failalloc_each(load_example, drop_example, &inv), 90); /* 100 when written */
  ck_assert_uint_eq(tertial_investments_count(inv), 7);
  int64_t sum;
  T_OK(tertial_investments_total(&sum, inv, 2028, NULL, NULL)); /* as test_example: 57 600 tkr */
  ck_assert_int_eq(sum, KR(57600000));
  int64_t left;
  T_OK(tertial_investments_remaining(&left, inv, 0, 2027)); /* P1001 over its frame by 500 tkr */
  ck_assert_int_eq(left, KR(-500000));
  tertial_investments_free(inv);
}
END_TEST
#endif

int main(void)
{
  Suite *s = suite_create("investments");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_totals);
  tcase_add_test(tc, test_add_checks);
  tcase_add_test(tc, test_overflow);
  tcase_add_test(tc, test_bad_import);
  tcase_add_test(tc, test_example);
#if FAILALLOC
  tcase_add_test(tc, test_load_out_of_memory);
#endif
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
