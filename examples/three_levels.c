/* A three-level organisation (committee, activities, units), a month of outcome against a
 * periodised budget, one forecast, the follow-up table printed in tkr, and the checker's verdict.
 *
 * Build: part of the Meson build (examples/three_levels). Run: ./build/examples/three_levels
 */
#include <stdio.h>
#include <stdlib.h>

#include <tertial/tertial.h>

#define KR(x) ((int64_t)(x) * 100)

static int fail(const char *what)
{
  fprintf(stderr, "three_levels: %s: %s\n", what, tertial_error_last());
  return EXIT_FAILURE;
}

/* Book the same amount in every month from first to last (0-based, inclusive). */
static int book(tertial_ledger *l, tertial_unit_id u, tertial_account_id a, int measure, int first, int last,
                int64_t per_month)
{
  for (int m = first; m <= last; m++)
    if (tertial_ledger_add(l, u, a, m, measure, per_month) < 0)
      return -1;
  return 0;
}

static int print_table(tertial_model *m, tertial_unit_id u, int cutoff, tertial_followup_view view)
{
  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = view;
  tertial_followup *t;
  char *text;
  if (tertial_followup_new(&t, m, u, cutoff, &o) < 0)
    return -1;
  int rc = tertial_render_text(&text, t, NULL);
  tertial_followup_free(t);
  if (rc < 0)
    return -1;
  printf("%s\n", text);
  tertial_free(text);
  return 0;
}

int main(void)
{
  tertial_model *m;
  if (tertial_model_new(&m, 2026, 1) < 0)
    return fail("model");
  tertial_org *org = tertial_model_org(m);
  tertial_chart *chart = tertial_model_chart(m);
  tertial_ledger *ledger = tertial_model_ledger(m);
  int budget = tertial_model_current_budget(m);

  tertial_unit_id bun, gr, fsk, skola_a, skola_b, fritids;
  tertial_account_id salaries, purchases, fees;
  if (tertial_org_add_unit(&bun, org, "3", "Barn- och utbildningsnämnden", TERTIAL_NO_UNIT, 1, "Karin Lund") < 0 ||
      tertial_org_add_unit(&gr, org, "310", "Grundskola", bun, 4, "Olof Ek") < 0 ||
      tertial_org_add_unit(&fsk, org, "320", "Förskola", bun, 4, "Maria Holm") < 0 ||
      tertial_org_add_unit(&skola_a, org, "3110", "Ängsskolan", gr, 5, "Sara Berg") < 0 ||
      tertial_org_add_unit(&skola_b, org, "3120", "Backaskolan", gr, 5, "Jonas Dahl") < 0 ||
      tertial_org_add_unit(&fritids, org, "3210", "Förskolan Solen", fsk, 5, "Lena Ros") < 0)
    return fail("organisation");
  if (tertial_chart_add(&salaries, chart, "5011", "Månadslöner", TERTIAL_ACCOUNT_COST, 0) < 0 ||
      tertial_chart_add(&purchases, chart, "4610", "Köp av huvudverksamhet", TERTIAL_ACCOUNT_COST, 0) < 0 ||
      tertial_chart_add(&fees, chart, "3110", "Barnomsorgsavgifter", TERTIAL_ACCOUNT_REVENUE, 0) < 0)
    return fail("chart");

  /* Annual budgets in twelfths; outcome January to April (cut-off 4, tertial 1). */
  if (book(ledger, skola_a, salaries, budget, 0, 11, KR(1500000)) < 0 ||
      book(ledger, skola_a, salaries, TERTIAL_MEASURE_OUTCOME, 0, 3, KR(1580000)) < 0 ||
      book(ledger, skola_b, salaries, budget, 0, 11, KR(1200000)) < 0 ||
      book(ledger, skola_b, salaries, TERTIAL_MEASURE_OUTCOME, 0, 3, KR(1150000)) < 0 ||
      book(ledger, skola_b, purchases, budget, 0, 11, KR(250000)) < 0 ||
      book(ledger, skola_b, purchases, TERTIAL_MEASURE_OUTCOME, 0, 3, KR(310000)) < 0 ||
      book(ledger, fritids, salaries, budget, 0, 11, KR(800000)) < 0 ||
      book(ledger, fritids, salaries, TERTIAL_MEASURE_OUTCOME, 0, 3, KR(790000)) < 0 ||
      book(ledger, fritids, fees, budget, 0, 11, KR(-120000)) < 0 ||
      book(ledger, fritids, fees, TERTIAL_MEASURE_OUTCOME, 0, 3, KR(-131000)) < 0)
    return fail("ledger");

  /* Ängsskolan's manager forecasts salaries 1 000 000 kr over budget for the year. */
  if (tertial_model_set_forecast(m, skola_a, "KOST_PERS", KR(19000000)) < 0)
    return fail("forecast");

  if (print_table(m, bun, 4, TERTIAL_VIEW_CHILDREN) < 0 || print_table(m, bun, 4, TERTIAL_VIEW_SUBTREE) < 0 ||
      print_table(m, bun, 4, TERTIAL_VIEW_ROWS) < 0)
    return fail("follow-up table");

  tertial_findings *findings;
  if (tertial_check_model(&findings, m, bun, 4, -1) < 0)
    return fail("check");
  printf("Kontroll: %zu fel, %zu varningar\n", tertial_findings_error_count(findings),
         tertial_findings_count(findings) - tertial_findings_error_count(findings));
  for (size_t i = 0; i < tertial_findings_count(findings); i++) {
    const tertial_finding *f = tertial_findings_at(findings, i);
    printf("  %s %s %s\n", tertial_finding_kind_name(f->kind), f->unit_code, f->row_code);
  }
  int errors = (int)tertial_findings_error_count(findings);
  tertial_findings_free(findings);
  tertial_model_free(m);
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
