/* The monthly follow-up on the demo municipality ("Exempelkommun"): forecasts by run rate for
 * social services and remaining budget elsewhere, the committees' table, Socialnämnden's table by
 * report row and its reasons, the units that need measures, and the consistency check.
 *
 * Usage: demo_report [CUT-OFF]   (months of outcome, default 10 = January–October)
 */
#include <stdio.h>
#include <stdlib.h>

#include <tertial/tertial.h>

static int fail(const char *what)
{
  fprintf(stderr, "demo_report: %s: %s\n", what, tertial_error_last());
  return EXIT_FAILURE;
}

static int print_table(tertial_model *m, tertial_unit_id u, int cutoff, tertial_followup_view view)
{
  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = view;
  o.skip_empty = 1;
  tertial_followup *t;
  char *text = NULL;
  int rc = tertial_followup_new(&t, m, u, cutoff, &o);
  if (rc == 0)
    rc = tertial_render_text(&text, t, NULL);
  tertial_followup_free(t);
  if (rc == 0)
    printf("%s\n", text);
  tertial_free(text);
  return rc;
}

static int print_reasons(tertial_model *m, tertial_unit_id u, int cutoff)
{
  tertial_reasons *r;
  int rc = tertial_reasons_from_model(&r, m, u, cutoff);
  if (rc < 0)
    return rc;
  printf("Orsak till prognosavvikelse (tkr)\n");
  for (size_t i = 0; i < tertial_reasons_count(r); i++) {
    const char *why;
    int64_t amount;
    char buf[32];
    tertial_reasons_at(&why, &amount, r, i);
    tertial_money_format(buf, sizeof buf, amount, TERTIAL_UNIT_TKR, 0);
    printf("  %-50s %12s\n", why, buf);
  }
  tertial_reasons_free(r);
  printf("\n");
  return 0;
}

static int print_escalation(tertial_model *m, tertial_unit_id kommun, int cutoff)
{
  tertial_deviations *d;
  int rc = tertial_deviations_classify(&d, m, kommun, cutoff);
  if (rc < 0)
    return rc;
  size_t needs = 0;
  printf("Enheter med negativ prognosavvikelse som kräver åtgärder:\n");
  for (size_t i = 0; i < tertial_deviations_count(d); i++) {
    const tertial_deviation *x = tertial_deviations_at(d, i);
    if (x->verdict != TERTIAL_DEVIATION_NEEDS_MEASURES)
      continue;
    char buf[32];
    tertial_money_format(buf, sizeof buf, x->forecast_deviation, TERTIAL_UNIT_TKR, 0);
    if (needs++ < 10)
      printf("  %-8s %-40s %10s tkr\n", x->unit_code,
             tertial_org_unit(tertial_model_org(m), x->unit)->name, buf);
  }
  printf("  (%zu enheter)\n\n", needs);
  tertial_deviations_free(d);
  return 0;
}

int main(int argc, char **argv)
{
  int cutoff = argc > 1 ? atoi(argv[1]) : 10;
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  o.outcome_months = cutoff;
  tertial_model *m;
  if (tertial_demo_new(&m, &o) < 0)
    return fail("demo municipality");
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id kommun, sn;
  if (tertial_org_find(&kommun, org, "0") < 0 || tertial_org_find(&sn, org, "3") < 0)
    return fail("units");
  /* Social services project their run rate over the last three months; the rest remaining budget. */
  if (tertial_forecast_set_method(tertial_model_forecast_plan(m), sn, NULL, TERTIAL_METHOD_RUN_RATE, 3) < 0 ||
      tertial_forecast_apply(m, cutoff, -1) < 0)
    return fail("forecast");
  if (print_table(m, kommun, cutoff, TERTIAL_VIEW_CHILDREN) < 0 || print_table(m, sn, cutoff, TERTIAL_VIEW_ROWS) < 0 ||
      print_reasons(m, sn, cutoff) < 0 || print_escalation(m, kommun, cutoff) < 0)
    return fail("report");
  tertial_findings *f;
  if (tertial_check_model(&f, m, kommun, cutoff, -1) < 0)
    return fail("check");
  printf("Kontroll: %zu fel, %zu varningar\n", tertial_findings_error_count(f),
         tertial_findings_count(f) - tertial_findings_error_count(f));
  int errors = (int)tertial_findings_error_count(f);
  tertial_findings_free(f);
  tertial_model_free(m);
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
