/* The audit of printed tables (audit.h): printed values, the C API, and the fixtures of
 * tests/fixtures/audit with their exact findings and classes. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "failalloc.h"
#include "testutil.h"
#include "report_fixture.h"
#include "xlsx_write.h"

/* A finding expected: table, line, column, class, printed and expected (scaled). */
typedef struct want {
  const char *table, *line, *column;
  tertial_audit_class cls;
  int64_t printed, expected;
  int decimals;
} want;

static tertial_audit *audit_fixture(const char *name, const char *spec)
{
  tertial_audit *a;
  T_OK(tertial_audit_new(&a));
  if (spec)
    T_OK(tertial_audit_spec_parse(a, spec, strlen(spec), "spec"));
  char *path = g_build_filename(TERTIAL_SOURCE_ROOT, "tests", "fixtures", "audit", name, NULL);
  T_OK(tertial_audit_read_file(a, path, NULL));
  g_free(path);
  T_OK(tertial_audit_run(a));
  return a;
}

static void expect_findings(const tertial_audit *a, const want *w, size_t n)
{
  ck_assert_uint_eq(tertial_audit_finding_count(a), n);
  for (size_t i = 0; i < n; i++) {
    const tertial_audit_finding *f = tertial_audit_finding_at(a, i);
    ck_assert_str_eq(f->table_name, w[i].table);
    ck_assert_str_eq(f->line_label, w[i].line);
    ck_assert_str_eq(f->column_header, w[i].column);
    ck_assert_int_eq(f->cls, w[i].cls);
    ck_assert_int_eq(f->printed, w[i].printed);
    ck_assert_int_eq(f->expected, w[i].expected);
    ck_assert_int_eq(f->difference, w[i].printed - w[i].expected);
    ck_assert_int_eq(f->decimals, w[i].decimals);
    ck_assert(strlen(f->explanation) > 20 && strlen(f->explanation_en) > 20);
  }
  ck_assert_ptr_null(tertial_audit_finding_at(a, n));
}

/* Whether an assumption contains the text. */
static int assumed(const tertial_audit *a, const char *text)
{
  for (size_t i = 0; i < tertial_audit_assumption_count(a); i++)
    if (strstr(tertial_audit_assumption_at(a, i), text))
      return 1;
  return 0;
}

START_TEST(test_values_as_printed)
{
  tertial_audit_value v;
  T_OK(tertial_audit_value_parse(&v, "12,3"));
  ck_assert_int_eq(v.kind, TERTIAL_AUDIT_NUMBER);
  ck_assert_int_eq(v.scaled, 123);
  ck_assert_int_eq(v.decimals, 1);
  T_OK(tertial_audit_value_parse(&v, "-1 234"));
  ck_assert_int_eq(v.scaled, -1234);
  ck_assert_int_eq(v.decimals, 0);
  T_OK(tertial_audit_value_parse(&v, "\xe2\x88\x92" "5,250")); /* U+2212 minus */
  ck_assert_int_eq(v.scaled, -5250);
  ck_assert_int_eq(v.decimals, 3);
  T_OK(tertial_audit_value_parse(&v, "1\xc2\xa0" "234\xc2\xa0" "567,89")); /* no-break spaces */
  ck_assert_int_eq(v.scaled, 123456789);
  ck_assert_int_eq(v.decimals, 2);
  T_OK(tertial_audit_value_parse(&v, "1,234.5"));
  ck_assert_int_eq(v.scaled, 12345);
  ck_assert_int_eq(v.decimals, 1);
  T_OK(tertial_audit_value_parse(&v, "(300)"));
  ck_assert_int_eq(v.scaled, -300);
  T_OK(tertial_audit_value_parse(&v, "64,3 %"));
  ck_assert_int_eq(v.scaled, 643);
  ck_assert_int_eq(v.percent, 1);
  T_OK(tertial_audit_value_parse(&v, "-0,00"));
  ck_assert_int_eq(v.kind, TERTIAL_AUDIT_NUMBER);
  ck_assert_int_eq(v.scaled, 0);
  ck_assert_int_eq(v.decimals, 2);
  T_OK(tertial_audit_value_parse(&v, "  "));
  ck_assert_int_eq(v.kind, TERTIAL_AUDIT_EMPTY);
  const char *texts[] = {"#DIVISION/0!", "\xe2\x80\x93", "-", "12 st", "1,", "abc", "1234567890123456789"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    T_OK(tertial_audit_value_parse(&v, texts[i]));
    ck_assert_msg(v.kind == TERTIAL_AUDIT_TEXT, "%s is not text", texts[i]);
  }
  T_ERR(tertial_audit_value_parse(NULL, "1"), TERTIAL_ERR_INVALID);
}
END_TEST

/* A table built from the C API: a total 1 unit off beyond rounding is a rounding finding, 0,5
 * within the intervals of the printed inputs is none; declared meanings and kinds are kept. */
START_TEST(test_built_from_the_api)
{
  tertial_audit *a;
  T_OK(tertial_audit_new(&a));
  size_t t, c;
  T_OK(tertial_audit_table_add(&t, a, "Nämnderna", "api"));
  T_OK(tertial_audit_table_set_unit(a, t, TERTIAL_AUDIT_MNKR));
  T_OK(tertial_audit_column_add(&c, a, t, "Kol 1", TERTIAL_AUDIT_OUTCOME, TERTIAL_AUDIT_UNIT_UNKNOWN));
  T_OK(tertial_audit_column_add(&c, a, t, "Kol 2", TERTIAL_AUDIT_BUDGET, TERTIAL_AUDIT_UNIT_UNKNOWN));
  T_OK(tertial_audit_column_add(&c, a, t, "Kol 3", TERTIAL_AUDIT_DEVIATION, TERTIAL_AUDIT_UNIT_UNKNOWN));
  T_OK(tertial_audit_column_set_sign(a, t, c, TERTIAL_AUDIT_ACTUAL_MINUS_BUDGET));
  const char *l1[] = {"1,5", "1,0", "0,5"}, *l2[] = {"2,5", "3,0", "-0,5"}, *l3[] = {"4,9", "4,0", "0,0"};
  tertial_audit_line_spec s = TERTIAL_AUDIT_LINE_SPEC_INIT;
  s.label = "  A";
  T_OK(tertial_audit_line_add(NULL, a, t, &s, l1, 3));
  s.label = "  B";
  T_OK(tertial_audit_line_add(NULL, a, t, &s, l2, 3));
  s.label = "Alla nämnder";
  s.kind = TERTIAL_AUDIT_LINE_TOTAL;
  T_OK(tertial_audit_line_add(NULL, a, t, &s, l3, 3));
  /* errors */
  const char *four[] = {"1", "2", "3", "4"};
  T_ERR(tertial_audit_line_add(NULL, a, t, &s, four, 4), TERTIAL_ERR_RANGE);
  T_ERR(tertial_audit_column_add(NULL, a, t, "late", TERTIAL_AUDIT_INFER, 0), TERTIAL_ERR_STATE);
  T_ERR(tertial_audit_line_add(NULL, a, 7, &s, l1, 3), TERTIAL_ERR_RANGE);
  s.version = 99;
  T_ERR(tertial_audit_line_add(NULL, a, t, &s, l1, 3), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_audit_line_count(a, t), 3);
  T_OK(tertial_audit_run(a));
  /* outcome 4,0 in its intervals (1,45..1,55 + 2,45..2,55) cannot be shown as 4,9: error;
   * budget 4,0 holds; deviation 0,0 = outcome − budget of the total's printed 4,9 − 4,0 = 0,9: error,
   * and of the lines 0,5 and -0,5: sum 0,0 holds */
  const want w[] = {
    {"Nämnderna", "Alla nämnder", "Kol 1", TERTIAL_AUDIT_ERROR, 49, 40, 1},
    {"Nämnderna", "Alla nämnder", "Kol 3", TERTIAL_AUDIT_ERROR, 0, 9, 1},
  };
  expect_findings(a, w, 2);
  ck_assert_int_eq(tertial_audit_column_meaning(a, t, 2), TERTIAL_AUDIT_DEVIATION);
  char *text;
  T_OK(tertial_audit_format(&text, a, 1));
  ck_assert_ptr_nonnull(strstr(text, "\"class\":\"error\",\"printed\":4.9,\"expected\":4.0,\"difference\":0.9"));
  tertial_free(text);
  tertial_audit_free(a);
}
END_TEST

/* The intervals of printed values: 1 tkr apart is rounding, a total within the inputs' half
 * units is none, the edge is exclusive. */
START_TEST(test_rounding_intervals)
{
  tertial_audit *a;
  T_OK(tertial_audit_new(&a));
  size_t t;
  T_OK(tertial_audit_table_add(&t, a, "T", NULL));
  T_OK(tertial_audit_column_add(NULL, a, t, "Ack utfall", TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_TKR));
  tertial_audit_line_spec s = TERTIAL_AUDIT_LINE_SPEC_INIT;
  const char *v[][1] = {{"1"}, {"1"}, {"1"}, {"4"}};
  const char *labels[] = {"a", "b", "c", "Summa"};
  for (int i = 0; i < 4; i++) {
    s.label = labels[i];
    T_OK(tertial_audit_line_add(NULL, a, t, &s, v[i], 1));
  }
  T_OK(tertial_audit_run(a));
  /* 1 + 1 + 1 stands for 1,5..4,5; 4 for 3,5..4,5: consistent */
  ck_assert_uint_eq(tertial_audit_finding_count(a), 0);
  ck_assert_uint_eq(tertial_audit_checked_count(a), 1);
  ck_assert(assumed(a, "\"Summa\" is a total"));
  tertial_audit_free(a);

  /* 3 decimals in mnkr against 0 in tkr: the same item */
  T_OK(tertial_audit_new(&a));
  size_t x, y;
  T_OK(tertial_audit_table_add(&x, a, "Kultur", NULL));
  T_OK(tertial_audit_column_add(NULL, a, x, "Utfall", TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_MNKR));
  T_OK(tertial_audit_table_add(&y, a, "Nämnden", NULL));
  T_OK(tertial_audit_column_add(NULL, a, y, "Utfall (tkr)", TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_UNIT_UNKNOWN));
  const char *k1[] = {"12,345"}, *k2[] = {"Summa"}, *ks[] = {"12,345"};
  s.label = "Bibliotek";
  T_OK(tertial_audit_line_add(NULL, a, x, &s, k1, 1));
  s.label = k2[0];
  T_OK(tertial_audit_line_add(NULL, a, x, &s, ks, 1));
  const char *n1[] = {"12 346"};
  s.label = "Kultur";
  T_OK(tertial_audit_line_add(NULL, a, y, &s, n1, 1));
  T_OK(tertial_audit_run(a));
  /* 12,345 mnkr is 12 344,5..12 345,5 tkr; 12 346 is 12 345,5..12 346,5: one unit off */
  const want w[] = {{"Nämnden", "Kultur", "Utfall (tkr)", TERTIAL_AUDIT_ROUNDING, 12346, 12345, 0}};
  expect_findings(a, w, 1);
  tertial_audit_free(a);

  /* 18-digit amounts in mnkr: a sum of 120 of them is beyond exact comparison and not checked
   * (never overflowing); two of them are */
  T_OK(tertial_audit_new(&a));
  T_OK(tertial_audit_table_add(&x, a, "Stora tal", NULL));
  T_OK(tertial_audit_column_add(NULL, a, x, "Utfall", TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_MNKR));
  T_OK(tertial_audit_table_add(&y, a, "Två stora tal", NULL));
  T_OK(tertial_audit_column_add(NULL, a, y, "Utfall", TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_MNKR));
  const char *big[] = {"999 999 999 999 999 999"}, *two[] = {"-999 999 999 999 999 998"};
  s.label = "rad";
  for (int i = 0; i < 120; i++)
    T_OK(tertial_audit_line_add(NULL, a, x, &s, big, 1));
  T_OK(tertial_audit_line_add(NULL, a, y, &s, big, 1));
  T_OK(tertial_audit_line_add(NULL, a, y, &s, big, 1));
  s.label = "Summa";
  T_OK(tertial_audit_line_add(NULL, a, x, &s, big, 1));
  T_OK(tertial_audit_line_add(NULL, a, y, &s, two, 1));
  T_OK(tertial_audit_run(a));
  ck_assert_uint_eq(tertial_audit_checked_count(a), 1);
  ck_assert_uint_eq(tertial_audit_finding_count(a), 1);
  ck_assert_int_eq(tertial_audit_finding_at(a, 0)->cls, TERTIAL_AUDIT_ERROR);
  tertial_audit_free(a);
}
END_TEST

START_TEST(test_tables_without_errors)
{
  const char *files[] = {"tkr_ok.csv", "mnkr3.csv", "reasons_ok.csv", "indent.csv", "cells.csv"};
  const size_t checked[] = {18, 14, 10, 18, 8};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    tertial_audit *a = audit_fixture(files[i], NULL);
    ck_assert_msg(tertial_audit_finding_count(a) == 0, "%s: %s", files[i],
                  tertial_audit_finding_count(a) ? tertial_audit_finding_at(a, 0)->explanation : "");
    ck_assert_msg(tertial_audit_checked_count(a) == checked[i], "%s: %zu relations", files[i],
                  tertial_audit_checked_count(a));
    tertial_audit_free(a);
  }
  /* mnkr with three decimals: outcome − budget, costs negative, inferred from the numbers */
  tertial_audit *a = audit_fixture("mnkr3.csv", NULL);
  ck_assert(assumed(a, "\"Deviation\" = Outcome − Budget (holds on 4 of 4 lines)"));
  ck_assert(assumed(a, "\"Forecast deviation\" = Forecast − Annual budget (holds on 4 of 4 lines)"));
  ck_assert(assumed(a, "\"Outcome\" is outcome, in mnkr"));
  tertial_audit_free(a);
  /* the empty cell and the error text are kept, not read as zero */
  a = audit_fixture("cells.csv", NULL);
  ck_assert_uint_eq(tertial_audit_line_count(a, 0), 4);
  tertial_audit_free(a);
  a = audit_fixture("indent.csv", NULL);
  ck_assert(assumed(a, "\"varav sociala avgifter\" is a varav line"));
  ck_assert(assumed(a, "\"Summa kostnader\" is a subtotal"));
  tertial_audit_free(a);
}
END_TEST

START_TEST(test_tkr_errors)
{
  tertial_audit *a = audit_fixture("tkr_errors.csv", NULL);
  const char *t = "Ekonomiskt resultat per verksamhet";
  const want w[] = {
    {t, "Summa", "Ack utfall", TERTIAL_AUDIT_ERROR, 358341, 358241, 0},
    {t, "Summa", "Avvikelse", TERTIAL_AUDIT_SIGN, -2991, -4383, 0},
    {t, "Äldreomsorg", "Avvikelse", TERTIAL_AUDIT_SIGN, -696, 696, 0},
    {t, "Summa", "Avvikelse", TERTIAL_AUDIT_ERROR, -2991, -3091, 0},
    {t, "LSS", "Förbrukat %", TERTIAL_AUDIT_ERROR, 992, 662, 1},
  };
  expect_findings(a, w, 5);
  ck_assert_ptr_nonnull(strstr(tertial_audit_finding_at(a, 1)->explanation, "Äldreomsorg"));
  ck_assert(g_str_has_suffix(tertial_audit_finding_at(a, 0)->where, "/tkr_errors.csv:9"));
  ck_assert(assumed(a, "\"Avvikelse\" = Ack budget − Ack utfall (holds on 2 of 4 lines)"));
  char *text;
  T_OK(tertial_audit_format(&text, a, 0));
  ck_assert_ptr_nonnull(strstr(text, " | Summa | Avvikelse: printed -2 991, expected -4 383, difference 1 392 (sign)\n"));
  ck_assert_ptr_nonnull(strstr(text, "\n5 findings in 18 relations checked.\nAssumed:\n"));
  tertial_free(text);
  tertial_audit_free(a);
}
END_TEST

START_TEST(test_mnkr_one_decimal)
{
  tertial_audit *a = audit_fixture("mnkr1.csv", NULL);
  /* Driftredovisning: 12,3 + 4,6 + 7,9 = 24,8 printed as 24,9 is within rounding: no finding */
  const want w[] = {
    {"Investeringar", "Summa", "Utfall", TERTIAL_AUDIT_ERROR, 300, 216, 1},
    {"Investeringar", "Summa", "Avvikelse", TERTIAL_AUDIT_ERROR, -1, -85, 1},
  };
  expect_findings(a, w, 2);
  ck_assert(assumed(a, "Driftredovisning: \"Utfall\" is outcome, in mnkr"));
  tertial_audit_free(a);
}
END_TEST

START_TEST(test_committee_and_units)
{
  tertial_audit *a = audit_fixture("committee.csv", NULL);
  const char *t = "Nettokostnad per verksamhet";
  const want w[] = {
    {t, "Individ- och familjeomsorg", "Ack utfall", TERTIAL_AUDIT_ROUNDING, 84312, 84313, 0},
    {t, "Individ- och familjeomsorg", "Avvikelse", TERTIAL_AUDIT_ROUNDING, -4162, -4163, 0},
    {t, "Äldreomsorg", "Ack utfall", TERTIAL_AUDIT_ERROR, 212904, 210904, 0},
    {t, "Äldreomsorg", "Ack budget", TERTIAL_AUDIT_ERROR, 213600, 211600, 0},
  };
  expect_findings(a, w, 4);
  tertial_audit_free(a);
}
END_TEST

START_TEST(test_reasons)
{
  const char *t = "Orsaker till prognosavvikelse, Individ- och familjeomsorg";
  tertial_audit *a = audit_fixture("reasons_one_flipped.csv", NULL);
  const want one[] = {{t, "Summa", "Belopp", TERTIAL_AUDIT_SIGN, -6175, -4675, 0}};
  expect_findings(a, one, 1);
  ck_assert_ptr_nonnull(strstr(tertial_audit_finding_at(a, 0)->explanation_en, "Vakanser socialsekreterare"));
  ck_assert_int_eq(tertial_audit_finding_at(a, 0)->relation, TERTIAL_AUDIT_SUM);
  tertial_audit_free(a);
  a = audit_fixture("reasons_all_flipped.csv", NULL);
  const want all[] = {{t, "Summa", "Belopp", TERTIAL_AUDIT_SIGN, 6175, -6175, 0}};
  expect_findings(a, all, 1);
  ck_assert_int_eq(tertial_audit_finding_at(a, 0)->relation, TERTIAL_AUDIT_REASONS);
  tertial_audit_free(a);
}
END_TEST

/* A spec declares what the headers do not say. */
START_TEST(test_spec)
{
  const char *csv = "Nämnd;Kol A;Kol B;Kol C\nA;100;90;10\nB;50;60;-10\nAlla;150;150;5\n";
  tertial_audit *a;
  T_OK(tertial_audit_new(&a));
  const char *spec = "# the columns of the committee's table\ncolumn Kol A = outcome tkr\ncolumn Kol B = budget\n"
                     "column Kol C = deviation\ndeviation = outcome-budget\ntotal = Alla\n";
  T_OK(tertial_audit_spec_parse(a, spec, strlen(spec), "spec.txt"));
  T_OK(tertial_audit_read_csv(a, csv, strlen(csv), "nämnder.csv"));
  T_OK(tertial_audit_run(a));
  /* Kol C of "Alla": 10 + -10 = 0 and 150 − 150 = 0, printed 5 */
  ck_assert_uint_eq(tertial_audit_finding_count(a), 2);
  ck_assert_str_eq(tertial_audit_finding_at(a, 0)->table_name, "nämnder.csv");
  ck_assert_str_eq(tertial_audit_finding_at(a, 0)->line_label, "Alla");
  ck_assert_str_eq(tertial_audit_finding_at(a, 0)->column_header, "Kol C");
  ck_assert(assumed(a, "\"Kol B\" is budget, in tkr"));
  ck_assert_int_eq(tertial_audit_column_meaning(a, 0, 0), TERTIAL_AUDIT_OUTCOME);
  ck_assert_int_eq(tertial_audit_finding_at(a, 0)->relation, TERTIAL_AUDIT_SUM);
  ck_assert_int_eq(tertial_audit_finding_at(a, 1)->relation, TERTIAL_AUDIT_REL_DEVIATION);
  ck_assert_int_eq(tertial_audit_finding_at(a, 1)->expected, 0);
  ck_assert_int_eq(tertial_audit_finding_at(a, 1)->printed, 5);
  tertial_audit_free(a);
  /* bad specs name the line */
  T_OK(tertial_audit_new(&a));
  const char *bad = "unit = tkr\ncolumn X = profit\n";
  T_ERR(tertial_audit_spec_parse(a, bad, strlen(bad), "s.txt"), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "s.txt:2:"));
  T_ERR(tertial_audit_spec_parse(a, "colour = red\n", strlen("colour = red\n"), "s.txt"), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "s.txt:1: unknown key \"colour\""));
  T_ERR(tertial_audit_read_file(a, "/nonexistent/x.csv", NULL), TERTIAL_ERR_IO);
  tertial_audit_free(a);
}
END_TEST


/* Each JSON document is a parse error whose message contains its reason. */
static void expect_json_errors(const char *const *bad, const char *const *why, size_t n, const char *source)
{
  for (size_t i = 0; i < n; i++) {
    tertial_audit *a;
    T_OK(tertial_audit_new(&a));
    T_ERR(tertial_audit_read_json(a, bad[i], strlen(bad[i]), source), TERTIAL_ERR_PARSE);
    ck_assert_msg(strstr(tertial_error_last(), why[i]), "%s: %s", bad[i], tertial_error_last());
    tertial_audit_free(a);
  }
}

/* Tertial's JSON report (render_json.h): sections as tables, amounts in öre or in a
 * presentation's unit, the structure declared; strict parsing. */
START_TEST(test_json_report)
{
  const char *doc =
    "{\"format\":\"tertial-report\",\"version\":1,\"sections\":[{\"kind\":\"units\",\"title\":\"Verksamheter\","
    "\"columns\":[{\"key\":\"label\",\"header\":\"Verksamhet\",\"type\":\"text\",\"source\":null},"
    "{\"key\":\"outcome_acc\",\"header\":\"Utfall\",\"type\":\"amount\",\"source\":0},"
    "{\"key\":\"budget_acc\",\"header\":\"Budget\",\"type\":\"amount\",\"source\":1},"
    "{\"key\":\"deviation_acc\",\"header\":\"Avvikelse\",\"type\":\"amount\",\"source\":2},"
    "{\"key\":\"share_used\",\"header\":\"Andel\",\"type\":\"share\",\"source\":4}],"
    "\"lines\":[{\"code\":\"A\",\"depth\":1,\"style\":\"normal\",\"parent\":2,\"informational\":false,"
    "\"cells\":[\"A \\u00e5\",150,250,100,null]},"
    "{\"code\":\"V\",\"depth\":2,\"style\":\"normal\",\"parent\":0,\"informational\":true,"
    "\"cells\":[\"varav\",999,0,-999,null]},"
    "{\"code\":\"S\",\"depth\":0,\"style\":\"total\",\"parent\":null,\"informational\":false,"
    "\"cells\":[\"Summa\",151,250,-100,6040]}]}]}";
  tertial_audit *a;
  T_OK(tertial_audit_new(&a));
  T_OK(tertial_audit_read_json(a, doc, strlen(doc), "r.json"));
  ck_assert_uint_eq(tertial_audit_table_count(a), 1);
  ck_assert_uint_eq(tertial_audit_line_count(a, 0), 3);
  T_OK(tertial_audit_run(a));
  /* 1,50 kr (the varav line not counted) printed as 1,51; the deviation 1,00 of its one line, and
   * 2,50 − 1,51 = 0,99 within rounding, both printed -1,00 */
  const want w[] = {
    {"Verksamheter", "Summa", "Utfall", TERTIAL_AUDIT_ROUNDING, 151, 150, 2},
    {"Verksamheter", "Summa", "Avvikelse", TERTIAL_AUDIT_SIGN, -100, 100, 2},
    {"Verksamheter", "Summa", "Avvikelse", TERTIAL_AUDIT_SIGN, -100, 99, 2},
  };
  expect_findings(a, w, 3);
  ck_assert_str_eq(tertial_audit_finding_at(a, 0)->where, "r.json: sections[0] line 3");
  tertial_audit_free(a);
  /* malformed JSON names the byte; another document is refused */
  const char *bad[] = {"{\"format\":\"tertial-report\",\"sections\":[1,]}", "[1, 2]", "{\"a\":\"\\x\"}",
                       "{\"format\":\"tertial-report\"} x", "{\"s\":\"\\ud800\"}", "{\"n\":01}",
                       "{\"a\":1}"};
  const char *why[] = {"byte 42: expected a value", "b.json: row 1: expected an object with the columns as keys",
                       "byte 9: expected one of", "byte 29: expected the end of the document",
                       "the low half of a surrogate pair", "byte 7: expected ',' or '}'",
                       "expected a Tertial report (\"format\":\"tertial-report\", render_json.h) or a table"};
  expect_json_errors(bad, why, sizeof bad / sizeof *bad, "b.json");
}
END_TEST

/* An xlsx sheet is read as it is shown: numbers rounded to their format's decimals, a percent
 * format times 100, the label's indent as the depth (which makes "Verksamheten" the sum of A
 * and B). */
START_TEST(test_xlsx_as_shown)
{
  char *dir = g_dir_make_tmp("audit-XXXXXX", NULL);
  ck_assert_ptr_nonnull(dir);
  char *path = g_build_filename(dir, "t.xlsx", NULL);
  tertial__xlw_book *wb;
  tertial__xlw_sheet *ws, *empty;
  T_OK(tertial__xlw_open(&wb, path, NULL));
  tertial__xlw_format f1 = {0}, f2 = {0}, f3 = {0};
  f1.num_format = "#,##0.0";
  f2.num_format = "0.0%";
  f3.indent = 1;
  unsigned one, pct, ind;
  T_OK(tertial__xlw_format_add(wb, &f1, &one));
  T_OK(tertial__xlw_format_add(wb, &f2, &pct));
  T_OK(tertial__xlw_format_add(wb, &f3, &ind));
  T_OK(tertial__xlw_sheet_add(wb, "Blad1", &ws));
  T_OK(tertial__xlw_string(ws, 0, 0, "Driftredovisning", 0));
  T_OK(tertial__xlw_string(ws, 1, 1, "Utfall", 0));
  T_OK(tertial__xlw_string(ws, 1, 2, "Årets budget", 0));
  T_OK(tertial__xlw_string(ws, 1, 3, "Förbrukat %", 0));
  const char *labels[] = {"Verksamheten", "A", "B"};
  const double outcome[] = {1600.04, 1000.44, 499.64}, budget[] = {3000, 2000, 1000}, used[] = {0.53, 0.5002, 0.4996};
  for (uint32_t i = 0; i < 3; i++) {
    T_OK(tertial__xlw_string(ws, 2 + i, 0, labels[i], i ? ind : 0));
    T_OK(tertial__xlw_number(ws, 2 + i, 1, outcome[i], one));
    T_OK(tertial__xlw_number(ws, 2 + i, 2, budget[i], 0));
    T_OK(tertial__xlw_number(ws, 2 + i, 3, used[i], pct));
  }
  T_OK(tertial__xlw_sheet_add(wb, "Tom", &empty));
  T_OK(tertial__xlw_close(wb));
  tertial_audit *a;
  T_OK(tertial_audit_new(&a));
  T_OK(tertial_audit_read_file(a, path, NULL));
  ck_assert_uint_eq(tertial_audit_table_count(a), 1); /* the empty sheet has none */
  T_OK(tertial_audit_run(a));
  /* 1 000,4 + 499,6 = 1 500,0 against 1 600,0 shown; 100 × 1 600,0 / 3 000 = 53,3 against 53,0 % */
  const want w[] = {
    {"Driftredovisning", "Verksamheten", "Utfall", TERTIAL_AUDIT_ERROR, 16000, 15000, 1},
    {"Driftredovisning", "Verksamheten", "Förbrukat %", TERTIAL_AUDIT_ERROR, 530, 533, 1},
  };
  expect_findings(a, w, 2);
  ck_assert(g_str_has_suffix(tertial_audit_finding_at(a, 0)->where, "t.xlsx:Blad1!A3"));
  tertial_audit_free(a);
  /* one sheet by name; an unknown one is an error naming the sheets */
  T_OK(tertial_audit_new(&a));
  tertial_audit_read_options o = TERTIAL_AUDIT_READ_OPTIONS_INIT;
  o.sheet = "Nej";
  T_ERR(tertial_audit_read_file(a, path, &o), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "\"Blad1\", \"Tom\""));
  tertial_audit_free(a);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
}
END_TEST

/* A plain JSON table, not Tertial's: an array of objects with the same keys, or columns and rows
 * (several under "tables"); numbers as written, strings as printed, null empty; each with its
 * exact findings, and the errors naming the row and key. */
START_TEST(test_json_plain_tables)
{
  /* Socialnämnden's activities in tkr: Äldreomsorg's outcome 2 000 off the sum, IFO's deviation
   * with its sign flipped */
  const char *objects =
    "[{\"Kod\":\"IFO\",\"Verksamhet\":\"Individ- och familjeomsorg\",\"Ack utfall (tkr)\":84312,"
    "\"Ack budget (tkr)\":80150,\"Avvikelse\":\"4 162\"},"
    "{\"Kod\":\"AO\",\"Verksamhet\":\"Äldreomsorg\",\"Ack utfall (tkr)\":212904,\"Ack budget (tkr)\":213600,"
    "\"Avvikelse\":\"696\"},"
    "{\"Kod\":\"SN\",\"Verksamhet\":\"Summa\",\"Ack utfall (tkr)\":299216,\"Ack budget (tkr)\":293750,"
    "\"Avvikelse\":\"-3 466\"}]";
  tertial_audit *a;
  T_OK(tertial_audit_new(&a));
  T_OK(tertial_audit_read_json(a, objects, strlen(objects), "data/sn.json"));
  ck_assert_uint_eq(tertial_audit_table_count(a), 1);
  ck_assert_str_eq(tertial_audit_table_name(a, 0), "sn.json");
  ck_assert_uint_eq(tertial_audit_line_count(a, 0), 3);
  T_OK(tertial_audit_run(a));
  /* columns: the code and the label are not amounts; Avvikelse is the third */
  ck_assert_int_eq(tertial_audit_column_meaning(a, 0, 0), TERTIAL_AUDIT_OUTCOME);
  ck_assert_int_eq(tertial_audit_column_meaning(a, 0, 2), TERTIAL_AUDIT_DEVIATION);
  /* the sum is 2 000 off, so is Summa's deviation; with IFO's sign flipped its deviation holds and
   * so does Summa's sum of the deviations, as a sign finding */
  const want w[] = {
    {"sn.json", "Summa", "Ack utfall (tkr)", TERTIAL_AUDIT_ERROR, 299216, 297216, 0},
    {"sn.json", "Summa", "Avvikelse", TERTIAL_AUDIT_SIGN, -3466, 4858, 0},
    {"sn.json", "Individ- och familjeomsorg", "Avvikelse", TERTIAL_AUDIT_SIGN, 4162, -4162, 0},
    {"sn.json", "Summa", "Avvikelse", TERTIAL_AUDIT_ERROR, -3466, -5466, 0},
  };
  expect_findings(a, w, 4);
  ck_assert_str_eq(tertial_audit_finding_at(a, 0)->where, "data/sn.json: row 3");
  ck_assert_str_eq(tertial_audit_finding_at(a, 2)->where, "data/sn.json: row 1");
  tertial_audit_free(a);

  /* columns and rows, two tables under "tables", mnkr with one decimal; the second holds */
  const char *rows =
    "{\"tables\":[{\"title\":\"Driftredovisning\",\"unit\":\"mnkr\",\"columns\":[\"Nämnd\",\"Utfall\",\"Budget\","
    "\"Avvikelse\"],\"rows\":[[\"Kommunstyrelsen\",\"12,3\",\"12,0\",\"-0,3\"],[\"Barn- och utbildning\",\"4,6\","
    "\"4,9\",\"0,3\"],[\"Summa\",\"16,9\",\"17,1\",null]]},"
    "{\"name\":\"Investeringar\",\"columns\":[{\"header\":\"Projekt\"},{\"header\":\"Utfall (tkr)\"}],"
    "\"rows\":[[\"Skola\",1200.5],[\"Väg\",800],[\"Totalt\",2100.5]]}]}";
  T_OK(tertial_audit_new(&a));
  T_OK(tertial_audit_read_json(a, rows, strlen(rows), "r.json"));
  ck_assert_uint_eq(tertial_audit_table_count(a), 2);
  ck_assert_str_eq(tertial_audit_table_name(a, 0), "Driftredovisning");
  ck_assert_str_eq(tertial_audit_table_name(a, 1), "Investeringar");
  T_OK(tertial_audit_run(a));
  /* Budget's 17,1 against 12,0 + 4,9: 0,2 mnkr, less than one more unit of the last place beyond
   * the intervals (rounding); the investments' total 100 tkr off (error) */
  const want w2[] = {
    {"Driftredovisning", "Summa", "Budget", TERTIAL_AUDIT_ROUNDING, 171, 169, 1},
    {"Investeringar", "Totalt", "Utfall (tkr)", TERTIAL_AUDIT_ERROR, 21005, 20005, 1},
  };
  expect_findings(a, w2, 2);
  ck_assert_uint_eq(tertial_audit_checked_count(a), 5);
  tertial_audit_free(a);

  /* errors name the row and the key */
  const char *bad[] = {"[{\"a\":\"x\",\"b\":1},{\"a\":\"y\"}]", "[{\"a\":\"x\",\"b\":1},{\"a\":\"y\",\"b\":2,\"c\":3}]",
                       "{\"columns\":[\"a\",\"b\"],\"rows\":[[\"x\",1],[\"y\"]]}", "{\"columns\":[1],\"rows\":[]}",
                       "[]"};
  const char *why[] = {"j.json: row 2: no key \"b\" (every row has the keys of the first)",
                       "j.json: row 2: key \"c\" is not a key of the first row",
                       "j.json: row 2: expected an array of 2 cells, one per column",
                       "j.json: column 1: expected a header",
                       "j.json: row 1: expected an object with the columns as keys"};
  expect_json_errors(bad, why, sizeof bad / sizeof *bad, "j.json");
}
END_TEST

/* ---- findings in the report's Kontroll av rapporten ---- */

/* The section of a kind, NULL when the report has none. */
static const tertial_report_section *section_of(const tertial_report *r, tertial_report_section_kind kind)
{
  for (size_t i = 0; i < tertial_report_section_count(r); i++)
    if (tertial_report_section_at(r, i)->kind == kind)
      return tertial_report_section_at(r, i);
  return NULL;
}

/* The demo's report (the municipality at JANOKT, a child report per committee, as `tertial report
 * -o` makes it) holds as printed: the audit adds no line to its Kontroll av rapporten. */
START_TEST(test_report_demo_clean)
{
  tertial_model *m;
  T_OK(tertial_demo_new(&m, NULL));
  T_OK(tertial_forecast_apply(m, 10, -1));
  ck_assert_int_eq(tertial_org_unit(tertial_model_org(m), 0)->level, 0); /* the municipality */
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.skip_empty = 1;
  o.child_depth = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, 0, 10, &o));
  const tertial_report_section *f = section_of(r, TERTIAL_SECTION_FINDINGS);
  ck_assert_ptr_nonnull(f);
  size_t before = f->line_count, sections = tertial_report_section_count(r), added = 99;
  T_OK(tertial_report_add_audit_findings(r, &added));
  ck_assert_uint_eq(added, 0);
  ck_assert_uint_eq(tertial_report_section_count(r), sections);
  ck_assert_uint_eq(section_of(r, TERTIAL_SECTION_FINDINGS)->line_count, before);
  T_ERR(tertial_report_add_audit_findings(NULL, &added), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* A printed tkr table with a deviation off by 100 tkr (error) and one off by 2 tkr (rounding of
 * the printed inputs): each is one line of the report's Kontroll av rapporten, amounts in öre. */
static tertial_audit *audit_two_findings(void)
{
  tertial_audit *a;
  T_OK(tertial_audit_new(&a));
  size_t t, dev;
  T_OK(tertial_audit_table_add(&t, a, "Resultat per enhet", "nämnden.csv"));
  T_OK(tertial_audit_column_add(NULL, a, t, "Ack utfall", TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_TKR));
  T_OK(tertial_audit_column_add(NULL, a, t, "Ack budget", TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_TKR));
  T_OK(tertial_audit_column_add(&dev, a, t, "Avvikelse", TERTIAL_AUDIT_INFER, TERTIAL_AUDIT_TKR));
  T_OK(tertial_audit_column_set_sign(a, t, dev, TERTIAL_AUDIT_BUDGET_MINUS_ACTUAL));
  const char *l1[] = {"3 800", "4 000", "300"}, *l2[] = {"1 000", "1 201", "199"};
  tertial_audit_line_spec s = TERTIAL_AUDIT_LINE_SPEC_INIT;
  s.label = "Hemtjänst";
  T_OK(tertial_audit_line_add(NULL, a, t, &s, l1, 3));
  s.label = "Hemsjukvård";
  T_OK(tertial_audit_line_add(NULL, a, t, &s, l2, 3));
  T_OK(tertial_audit_run(a));
  const want w[] = {
    {"Resultat per enhet", "Hemtjänst", "Avvikelse", TERTIAL_AUDIT_ERROR, 300, 200, 0},
    {"Resultat per enhet", "Hemsjukvård", "Avvikelse", TERTIAL_AUDIT_ROUNDING, 199, 201, 0},
  };
  expect_findings(a, w, 2);
  return a;
}

static void expect_finding_line(const tertial_report_section *f, size_t line, const char *code, const char *severity,
                                const char *check, const char *row, int64_t expected, int64_t found)
{
  ck_assert_str_eq(tertial_report_line_at(f, line)->code, code);
  ck_assert_str_eq(tertial_report_cell_at(f, line, 0)->text, severity);
  ck_assert_str_eq(tertial_report_cell_at(f, line, 1)->text, check);
  ck_assert_int_eq(tertial_report_cell_at(f, line, 2)->present, 0);
  ck_assert_str_eq(tertial_report_cell_at(f, line, 3)->text, row);
  ck_assert_str_eq(tertial_report_cell_at(f, line, 4)->text, "Avvikelse");
  ck_assert_int_eq(tertial_report_cell_at(f, line, 5)->present, 1);
  ck_assert_int_eq(tertial_report_cell_at(f, line, 5)->value, expected);
  ck_assert_int_eq(tertial_report_cell_at(f, line, 6)->present, 1);
  ck_assert_int_eq(tertial_report_cell_at(f, line, 6)->value, found);
}

START_TEST(test_report_audit_lines)
{
  fixture fx;
  report_fixture_build(&fx);
  tertial_report *r;
  T_OK(tertial_report_new(&r, fx.model, fx.sn, 4, NULL));
  const tertial_report_section *f = section_of(r, TERTIAL_SECTION_FINDINGS);
  ck_assert_ptr_nonnull(f);
  size_t before = f->line_count, added = 0;
  /* the fixture's own report holds as printed */
  T_OK(tertial_report_add_audit_findings(r, &added));
  ck_assert_uint_eq(added, 0);
  tertial_audit *a = audit_two_findings();
  T_OK(tertial_report_add_audit_findings_of(r, a, &added));
  ck_assert_uint_eq(added, 2);
  f = section_of(r, TERTIAL_SECTION_FINDINGS);
  ck_assert_uint_eq(f->line_count, before + 2);
  expect_finding_line(f, before, "audit_error", "Fel",
                      "Granskning: Resultat per enhet rad Hemtjänst kolumn Avvikelse: tryckt 300, väntat 200 (fel)",
                      "Hemtjänst", KR(200000), KR(300000));
  expect_finding_line(f, before + 1, "audit_rounding", "Varning",
                      "Granskning: Resultat per enhet rad Hemsjukvård kolumn Avvikelse: tryckt 199, väntat 201 "
                      "(avrundning)",
                      "Hemsjukvård", KR(201000), KR(199000));
  T_ERR(tertial_report_add_audit_findings_of(r, NULL, &added), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(added, 0);
  tertial_report_free(r);
  tertial_audit_free(a);
  fixture_free(&fx);
}
END_TEST

/* A report made without Kontroll av rapporten gets the section, its last, with its columns, and
 * its other sections stay where they were; an English report's lines are English. */
START_TEST(test_report_audit_section_made)
{
  fixture fx;
  report_fixture_build(&fx);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_REPORT_ALL_SECTIONS & ~TERTIAL_SECTION_BIT(TERTIAL_SECTION_FINDINGS);
  o.english = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, fx.model, fx.sn, 4, &o));
  ck_assert_ptr_null(section_of(r, TERTIAL_SECTION_FINDINGS));
  size_t n = tertial_report_section_count(r), added = 0;
  ck_assert_uint_ge(n, 5);
  const tertial_report_section *first = tertial_report_section_at(r, 0), *fifth = tertial_report_section_at(r, 4);
  tertial_report_section_kind fifth_kind = fifth->kind;
  tertial_audit *a = audit_two_findings();
  T_OK(tertial_report_add_audit_findings_of(r, a, &added));
  ck_assert_uint_eq(added, 2);
  ck_assert_uint_eq(tertial_report_section_count(r), n + 1);
  ck_assert_ptr_eq(tertial_report_section_at(r, 0), first);
  ck_assert_ptr_eq(tertial_report_section_at(r, 4), fifth);
  ck_assert_int_eq(fifth->kind, fifth_kind);
  const tertial_report_section *f = tertial_report_section_at(r, n);
  ck_assert_int_eq(f->kind, TERTIAL_SECTION_FINDINGS);
  ck_assert_str_eq(f->title, "Consistency check");
  ck_assert_uint_eq(f->column_count, 7);
  ck_assert_str_eq(tertial_report_column_at(f, 1)->key, "check");
  ck_assert_str_eq(tertial_report_column_at(f, 5)->key, "expected");
  ck_assert_uint_eq(f->line_count, 2);
  expect_finding_line(f, 0, "audit_error", "Error",
                      "Audit: Resultat per enhet line Hemtjänst column Avvikelse: printed 300, expected 200 (error)",
                      "Hemtjänst", KR(200000), KR(300000));
  ck_assert_str_eq(tertial_report_cell_at(f, 1, 1)->text,
                   "Audit: Resultat per enhet line Hemsjukvård column Avvikelse: printed 199, expected 201 (rounding)");
  /* the renderers show the section made */
  char *json = NULL;
  T_OK(tertial_render_json(&json, r, NULL));
  ck_assert_ptr_nonnull(strstr(json, "printed 300, expected 200 (error)"));
  tertial_free(json);
  char *csv = NULL;
  T_OK(tertial_render_csv(&csv, r, NULL));
  ck_assert_ptr_nonnull(strstr(csv, "Audit: Resultat per enhet line Hemsjukvård column Avvikelse: printed 199, "
                                    "expected 201 (rounding)"));
  tertial_free(csv);
  char *docx = NULL;
  size_t docx_len = 0;
  T_OK(tertial_render_docx_buffer(&docx, &docx_len, r, NULL));
  ck_assert_uint_gt(docx_len, 1000);
  tertial_free(docx);
  char *dir = g_dir_make_tmp("audit-report-XXXXXX", NULL), *path = g_build_filename(dir, "r.xlsx", NULL);
  T_OK(tertial_render_xlsx(r, path, NULL));
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  tertial_report_free(r);
  tertial_audit_free(a);
  fixture_free(&fx);
}
END_TEST

/* ---- out of memory ----
 * The n-th allocation after arming fails (failalloc.h); under AddressSanitizer, which interposes
 * the allocator itself, the tests are left out. */
#if FAILALLOC
#  define AUDIT_FAIL_ALLOC 1

/* A whole audit through the C API, the spec, a plain JSON table, the run and both formats; 0 or
 * the first error. */
static int audit_everything(size_t *findings)
{
  tertial_audit *a = NULL;
  char *text = NULL, *json = NULL;
  static const char spec[] = "column Kol A = outcome tkr\ncolumn Kol B = budget\ndeviation = budget-outcome\n"
                             "total = Alla\nvarav = därav hyror\n";
  size_t t, dev;
  const char *l1[] = {"3 800", "4 000", "200"}, *l2[] = {"1 000", "1 201", "-199"}, *l3[] = {"4 801", "5 201", "399"};
  tertial_audit_line_spec s = TERTIAL_AUDIT_LINE_SPEC_INIT;
  int rc = tertial_audit_new(&a);
  if (rc == 0)
    rc = tertial_audit_spec_parse(a, spec, strlen(spec), "spec");
  if (rc == 0)
    rc = tertial_audit_table_add(&t, a, "Resultat per enhet (tkr)", "api");
  if (rc == 0)
    rc = tertial_audit_column_add(NULL, a, t, "Kol A", TERTIAL_AUDIT_INFER, 0);
  if (rc == 0)
    rc = tertial_audit_column_add(NULL, a, t, "Kol B", TERTIAL_AUDIT_INFER, 0);
  if (rc == 0)
    rc = tertial_audit_column_add(&dev, a, t, "Avvikelse", TERTIAL_AUDIT_INFER, 0);
  s.label = "Hemtjänst";
  if (rc == 0)
    rc = tertial_audit_line_add(NULL, a, t, &s, l1, 3);
  s.label = "Hemsjukvård";
  if (rc == 0)
    rc = tertial_audit_line_add(NULL, a, t, &s, l2, 3);
  s.label = "Alla";
  if (rc == 0)
    rc = tertial_audit_line_add(NULL, a, t, &s, l3, 3);
  static const char plain[] = "[{\"Kod\":\"1\",\"Projekt\":\"Skola\",\"Utfall (tkr)\":1200.5},"
                              "{\"Kod\":\"2\",\"Projekt\":\"Väg\",\"Utfall (tkr)\":\"800\"},"
                              "{\"Kod\":\"9\",\"Projekt\":\"Totalt\",\"Utfall (tkr)\":2100.5}]";
  if (rc == 0)
    rc = tertial_audit_read_json(a, plain, strlen(plain), "investeringar.json");
  if (rc == 0)
    rc = tertial_audit_run(a);
  if (rc == 0)
    rc = tertial_audit_format(&text, a, 0);
  if (rc == 0)
    rc = tertial_audit_format(&json, a, 1);
  *findings = a ? tertial_audit_finding_count(a) : 0;
  tertial_free(text);
  tertial_free(json);
  tertial_audit_free(a);
  return rc;
}

/* Fail each allocation in turn: every call returns 0 or TERTIAL_ERR_NOMEM with its message, and
 * never aborts (GLib's allocators would); the run that fails keeps no findings. */
START_TEST(test_out_of_memory)
{
  if (!failalloc_works()) /* under valgrind: it says so, nothing is checked */
    return;
  size_t clean = 0;
  ck_assert_int_eq(audit_everything(&clean), 0);
  /* Hemsjukvård's deviation (-199, not 201), Alla's (399, not 1) and the investments' total
   * (2 100,5, not 2 000,5) */
  ck_assert_uint_eq(clean, 3);
  long points = 0;
  for (long k = 0;; k++) {
    size_t n = 99;
    failalloc_arm(k);
    int rc = audit_everything(&n);
    int failed = failalloc_disarm();
    if (!failed) {
      ck_assert_int_eq(rc, 0);
      ck_assert_uint_eq(n, clean);
      break;
    }
    points++;
    ck_assert_msg(rc == 0 || rc == TERTIAL_ERR_NOMEM, "allocation %ld: %d %s", k, rc, tertial_error_last());
    if (rc == TERTIAL_ERR_NOMEM) {
      ck_assert_ptr_nonnull(strstr(tertial_error_last(), "out of memory"));
      ck_assert(n == 0 || n == clean);
    } else {
      ck_assert_uint_eq(n, clean);
    }
  }
  ck_assert_int_gt(points, 40);
}
END_TEST

/* The same for a report's own audit (rendered as JSON, read back, run) and another audit's
 * findings added to it: a failure leaves the lines added before it, none half made. */
START_TEST(test_out_of_memory_report)
{
  if (!failalloc_works()) /* under valgrind: it says so, nothing is checked */
    return;
  fixture fx;
  report_fixture_build(&fx);
  tertial_audit *other = audit_two_findings();
  long points = 0;
  for (long k = 0;; k++) {
    tertial_report *r;
    T_OK(tertial_report_new(&r, fx.model, fx.sn, 4, NULL));
    size_t before = section_of(r, TERTIAL_SECTION_FINDINGS)->line_count, own = 99, added = 99;
    failalloc_arm(k);
    int rc = tertial_report_add_audit_findings(r, &own);
    if (rc == 0)
      rc = tertial_report_add_audit_findings_of(r, other, &added);
    int failed = failalloc_disarm();
    size_t lines = section_of(r, TERTIAL_SECTION_FINDINGS)->line_count;
    tertial_report_free(r);
    if (!failed) {
      ck_assert_int_eq(rc, 0);
      ck_assert_uint_eq(own, 0);
      ck_assert_uint_eq(added, 2);
      ck_assert_uint_eq(lines, before + 2);
      break;
    }
    points++;
    ck_assert_msg(rc == 0 || rc == TERTIAL_ERR_NOMEM, "allocation %ld: %d %s", k, rc, tertial_error_last());
    if (rc == TERTIAL_ERR_NOMEM) {
      ck_assert_ptr_nonnull(strstr(tertial_error_last(), "out of memory"));
      ck_assert_uint_le(lines, before + 2); /* the lines added before, none half made */
      ck_assert(added == 99 || added == lines - before);
    }
  }
  ck_assert_int_gt(points, 1000);
  tertial_audit_free(other);
  fixture_free(&fx);
}
END_TEST
#endif

int main(void)
{
  Suite *s = suite_create("audit");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_values_as_printed);
  tcase_add_test(tc, test_built_from_the_api);
  tcase_add_test(tc, test_rounding_intervals);
  tcase_add_test(tc, test_tables_without_errors);
  tcase_add_test(tc, test_tkr_errors);
  tcase_add_test(tc, test_mnkr_one_decimal);
  tcase_add_test(tc, test_committee_and_units);
  tcase_add_test(tc, test_reasons);
  tcase_add_test(tc, test_spec);
  tcase_add_test(tc, test_json_report);
  tcase_add_test(tc, test_xlsx_as_shown);
  tcase_add_test(tc, test_json_plain_tables);
  tcase_add_test(tc, test_report_demo_clean);
  tcase_add_test(tc, test_report_audit_lines);
  tcase_add_test(tc, test_report_audit_section_made);
#ifdef AUDIT_FAIL_ALLOC
  tcase_add_test(tc, test_out_of_memory);
  tcase_add_test(tc, test_out_of_memory_report);
#endif
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
