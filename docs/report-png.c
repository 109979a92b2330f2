/* The workbook behind docs/report-sheet.png (built and run by docs/report-png.sh).
 *
 * The demo municipality (tertial_demo_new(), "Exempelkommun") with outcome January–August 2026,
 * forecasts applied at Tertial 2 with the default method (outcome so far plus the remaining
 * budget), and the kommun's report with a sheet per committee (lines without amounts left out),
 * written with a fixed creation time so that the file is reproducible.
 *
 * Usage: report-png OUT.xlsx [CUT-OFF]   (default 8: Tertial 2)
 */
#include <stdio.h>
#include <stdlib.h>

#include <tertial/tertial.h>

static int fail(const char *what)
{
  fprintf(stderr, "report-png: %s: %s\n", what, tertial_error_last());
  return EXIT_FAILURE;
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: report-png OUT.xlsx [CUT-OFF]\n");
    return 2;
  }
  int cutoff = argc > 2 ? atoi(argv[2]) : 8;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  d.outcome_months = cutoff;
  tertial_model *m;
  if (tertial_demo_new(&m, &d) < 0)
    return fail("demo municipality");
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id kommun;
  if (tertial_org_find(&kommun, org, "0") < 0)
    return fail("units");
  if (tertial_forecast_apply(m, cutoff, -1) < 0)
    return fail("forecast");
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.child_depth = 1; /* a sheet per committee */
  o.skip_empty = 1;
  tertial_report *r;
  if (tertial_report_new(&r, m, kommun, cutoff, &o) < 0)
    return fail("report");
  tertial_xlsx_options x = TERTIAL_XLSX_OPTIONS_INIT;
  x.created = INT64_C(1788220800); /* 2026-09-01T00:00:00Z */
  x.author = "Ekonomiavdelningen";
  x.company = "Exempelkommun";
  int rc = tertial_render_xlsx(r, argv[1], &x);
  tertial_report_free(r);
  tertial_model_free(m);
  return rc < 0 ? fail("xlsx") : EXIT_SUCCESS;
}
