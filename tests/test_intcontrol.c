/* Internal control: risk values and decisions by the threshold, the plan and its results, the
 * tables read from CSV all or nothing, and bad input. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "failalloc_each.h"

static const char *const risks_csv =
  "Kod;Nämnd;Process;Risk;Sannolikhet;Konsekvens\n"
  "R1;Socialnämnden;Fakturahantering;Felaktiga utbetalningar;3;4\n"
  "R2;Socialnämnden;Placeringar;Avtal saknas;2;4\n"
  "# a comment line\n"
  "R3;Socialnämnden;Attest;Jäv vid attest;1;2\n"
  "R4;Socialnämnden;Ekonomiskt bistånd;Bidragsbrott;4;4\n";

static const char *const plan_csv =
  "kod;risk;kontrollmoment;metod;frekvens;ansvarig;rapporteras\n"
  "K1;R1;Kontroll av utbetalningar;Stickprov 20 fakturor;Per tertial;Controller;T1\n"
  "K2;R1;Kontroll av leverantörsregister;Genomgång;Årligen;Ekonom;T2\n"
  "K3;R4;Kontroll av beslut;Stickprov 10 akter;Per tertial;Enhetschef;T2\n";

static const char *const results_csv =
  "kontroll;uppföljning;resultat;avvikelser;åtgärder\n"
  "K1;T1;Två fakturor utan attest;2;Påminnelse om attestordningen\n"
  "K1;T2;Inga avvikelser;0;\n"
  "K3;T2;Ett beslut utan utredning;1;Utbildning\n";

static tertial_intcontrol *loaded(void)
{
  tertial_intcontrol *ic;
  T_OK(tertial_intcontrol_new(&ic));
  T_OK(tertial_intcontrol_parse(ic, TERTIAL_INTCONTROL_RISKS, risks_csv, strlen(risks_csv), "r.csv"));
  T_OK(tertial_intcontrol_parse(ic, TERTIAL_INTCONTROL_PLAN, plan_csv, strlen(plan_csv), "k.csv"));
  T_OK(tertial_intcontrol_parse(ic, TERTIAL_INTCONTROL_RESULTS, results_csv, strlen(results_csv), "u.csv"));
  return ic;
}

START_TEST(test_values_and_decisions)
{
  tertial_intcontrol *ic = loaded();
  ck_assert_uint_eq(tertial_intcontrol_risk_count(ic), 4);
  ck_assert_int_eq(tertial_intcontrol_threshold(ic), 9);
  const int values[] = {12, 8, 2, 16}, controlled[] = {1, 0, 0, 1}, controls[] = {2, 0, 0, 1};
  for (size_t i = 0; i < 4; i++) {
    int v, c;
    T_OK(tertial_intcontrol_risk_value(&v, &c, ic, i));
    ck_assert_int_eq(v, values[i]);
    ck_assert_int_eq(c, controlled[i]);
    ck_assert_int_eq(tertial_intcontrol_risk_controls(ic, i), controls[i]);
  }
  /* the threshold is data: from 8, R2 is controlled too */
  T_OK(tertial_intcontrol_set_threshold(ic, 8));
  int v, c;
  T_OK(tertial_intcontrol_risk_value(&v, &c, ic, 1));
  ck_assert_int_eq(c, 1);
  T_OK(tertial_intcontrol_set_threshold(ic, 17));
  T_OK(tertial_intcontrol_risk_value(NULL, &c, ic, 3));
  ck_assert_int_eq(c, 0);
  T_ERR(tertial_intcontrol_set_threshold(ic, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_intcontrol_set_threshold(ic, 18), TERTIAL_ERR_RANGE);
  T_ERR(tertial_intcontrol_risk_value(&v, &c, ic, 4), TERTIAL_ERR_RANGE);
  T_ERR(tertial_intcontrol_risk_controls(ic, 4), TERTIAL_ERR_RANGE);
  const tertial_risk *r = tertial_intcontrol_risk_at(ic, 0);
  ck_assert_str_eq(r->committee, "Socialnämnden");
  ck_assert_str_eq(r->process, "Fakturahantering");
  ck_assert_str_eq(r->risk, "Felaktiga utbetalningar");
  const tertial_control *k = tertial_intcontrol_control_at(ic, 2);
  ck_assert_str_eq(k->risk, "R4");
  ck_assert_str_eq(k->method, "Stickprov 10 akter");
  ck_assert_str_eq(k->point, "T2");
  ck_assert_uint_eq(tertial_intcontrol_result_count(ic), 3);
  const tertial_control_result *res = tertial_intcontrol_result_at(ic, 0);
  ck_assert_str_eq(res->control, "K1");
  ck_assert_int_eq(res->deviations, 2);
  ck_assert_str_eq(res->measures, "Påminnelse om attestordningen");
  ck_assert_ptr_null(tertial_intcontrol_result_at(ic, 3));
  tertial_intcontrol_free(ic);
}
END_TEST

START_TEST(test_add_checks)
{
  tertial_intcontrol *ic;
  T_OK(tertial_intcontrol_new(&ic));
  tertial_risk r = {"R1", "SN", "P", "Risk", 5, 1};
  T_ERR(tertial_intcontrol_add_risk(ic, &r), TERTIAL_ERR_RANGE);
  r.likelihood = 0;
  T_ERR(tertial_intcontrol_add_risk(ic, &r), TERTIAL_ERR_RANGE);
  r.likelihood = 4;
  r.risk = "";
  T_ERR(tertial_intcontrol_add_risk(ic, &r), TERTIAL_ERR_INVALID);
  r.risk = "Risk";
  T_OK(tertial_intcontrol_add_risk(ic, &r));
  T_ERR(tertial_intcontrol_add_risk(ic, &r), TERTIAL_ERR_EXISTS);
  tertial_control k = {"K1", "R9", "Kontroll", NULL, NULL, NULL, "T1"};
  T_ERR(tertial_intcontrol_add_control(ic, &k), TERTIAL_ERR_NOT_FOUND);
  k.risk = "R1";
  k.point = NULL;
  T_ERR(tertial_intcontrol_add_control(ic, &k), TERTIAL_ERR_INVALID);
  k.point = "T1";
  T_OK(tertial_intcontrol_add_control(ic, &k));
  ck_assert_str_eq(tertial_intcontrol_control_at(ic, 0)->method, "");
  tertial_control_result res = {"K1", "T1", "Utfört", -1, NULL};
  T_ERR(tertial_intcontrol_add_result(ic, &res), TERTIAL_ERR_RANGE);
  res.deviations = 0;
  T_OK(tertial_intcontrol_add_result(ic, &res));
  T_ERR(tertial_intcontrol_add_result(ic, &res), TERTIAL_ERR_EXISTS);
  res.control = "K2";
  T_ERR(tertial_intcontrol_add_result(ic, &res), TERTIAL_ERR_NOT_FOUND);
  tertial_intcontrol_free(ic);
}
END_TEST

/* A table that fails with a message containing `want`, leaving the analysis as it was. */
static void bad_table(tertial_intcontrol_table table, const char *text, const char *want)
{
  tertial_intcontrol *ic = loaded();
  T_ERR(tertial_intcontrol_parse(ic, table, text, strlen(text), "x.csv"), TERTIAL_ERR_PARSE);
  ck_assert_msg(strstr(tertial_error_last(), want), "'%s' lacks '%s'", tertial_error_last(), want);
  ck_assert_uint_eq(tertial_intcontrol_risk_count(ic), 4);
  ck_assert_uint_eq(tertial_intcontrol_control_count(ic), 3);
  ck_assert_uint_eq(tertial_intcontrol_result_count(ic), 3);
  tertial_intcontrol_free(ic);
}

START_TEST(test_bad_tables)
{
  bad_table(TERTIAL_INTCONTROL_RISKS, "kod;risk;sannolikhet;konsekvens\nR8;A;2;3\nR9;B;5;1\n",
            "x.csv:3:3: column \"sannolikhet\": expected 1, 2, 3 or 4, not '5'");
  bad_table(TERTIAL_INTCONTROL_RISKS, "kod;risk;sannolikhet\nR8;A;2\n", "x.csv:1: expected a column \"konsekvens\"");
  bad_table(TERTIAL_INTCONTROL_RISKS, "kod;risk;sannolikhet;konsekvens\nR1;A;2;3\n",
            "x.csv:2:1: column \"kod\": risk R1 already exists");
  bad_table(TERTIAL_INTCONTROL_RISKS, "kod;risk;sannolikhet;konsekvens\nR8;;2;3\n",
            "x.csv:2:2: column \"risk\": expected the risk");
  bad_table(TERTIAL_INTCONTROL_PLAN, "kod;risk;kontrollmoment;rapporteras\nK8;R2;A;T1\nK9;R7;B;T2\n",
            "x.csv:3:2: column \"risk\": control K9: no risk R7 in the analysis");
  bad_table(TERTIAL_INTCONTROL_PLAN, "kod;risk;kontrollmoment;rapporteras\nK8;R2;A;\n",
            "x.csv:2:4: column \"rapporteras\": expected a text");
  bad_table(TERTIAL_INTCONTROL_RESULTS, "kontroll;uppföljning;resultat;avvikelser\nK2;T2;Ok;x\n",
            "x.csv:2:4: column \"avvikelser\": expected the number of deviations found");
  bad_table(TERTIAL_INTCONTROL_RESULTS, "kontroll;uppföljning;resultat\nK3;T1;Ok\nK1;T1;Igen\n",
            "x.csv:3:1: column \"kontroll\": control K1 has a result at T1 already");
  tertial_intcontrol *ic;
  T_OK(tertial_intcontrol_new(&ic));
  T_ERR(tertial_intcontrol_parse(ic, (tertial_intcontrol_table)3, "a", 1, "x"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_intcontrol_load(ic, TERTIAL_INTCONTROL_RISKS, "/nonexistent/r.csv"), TERTIAL_ERR_IO);
  tertial_intcontrol_free(ic);
}
END_TEST

#if FAILALLOC
/* ---- out of memory: every allocation of loading the example's three tables failing in turn ---- */

static int load_example(void *ic)
{
  static const char *const files[] = {"risks.csv", "plan.csv", "results.csv"};
  tertial_intcontrol **out = ic;
  int rc = tertial_intcontrol_new(out);
  for (int t = 0; rc == 0 && t < 3; t++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/intcontrol/%s", TERTIAL_SOURCE_ROOT, files[t]);
    rc = tertial_intcontrol_load(*out, (tertial_intcontrol_table)t, path);
  }
  if (rc < 0) {
    tertial_intcontrol_free(*out);
    *out = NULL;
  }
  return rc;
}

static void drop_example(void *ic)
{
  tertial_intcontrol_free(*(tertial_intcontrol **)ic);
}

START_TEST(test_load_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial_intcontrol *ic = NULL;
  ck_assert_int_ge(failalloc_each(load_example, drop_example, &ic), 100); /* 109 when written */
  ck_assert_uint_eq(tertial_intcontrol_risk_count(ic), 4);
  ck_assert_uint_eq(tertial_intcontrol_control_count(ic), 2);
  ck_assert_uint_eq(tertial_intcontrol_result_count(ic), 2);
  const tertial_risk *r = tertial_intcontrol_risk_at(ic, 0);
  ck_assert_str_eq(r->risk, "Felaktiga utbetalningar till leverantörer");
  ck_assert_int_eq(r->likelihood, 3);
  ck_assert_int_eq(r->consequence, 4);
  ck_assert_str_eq(tertial_intcontrol_control_at(ic, 1)->risk, "R4");
  ck_assert_int_eq(tertial_intcontrol_result_at(ic, 0)->deviations, 2);
  tertial_intcontrol_free(ic);
}
END_TEST
#endif

int main(void)
{
  Suite *s = suite_create("intcontrol");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_values_and_decisions);
  tcase_add_test(tc, test_add_checks);
  tcase_add_test(tc, test_bad_tables);
#if FAILALLOC
  tcase_add_test(tc, test_load_out_of_memory);
#endif
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
