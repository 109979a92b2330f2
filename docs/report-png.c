/* The workbook behind docs/report-sheet.png (built and run by docs/report-png.sh).
 *
 * The demo municipality (tertial_demo_new(), "Exempelkommun") with outcome January–August 2026,
 * forecasts applied at Tertial 2 with the default method (outcome so far plus the remaining
 * budget), and the kommun's report with a sheet per committee (lines without amounts left out),
 * written with a fixed creation time so that the file is reproducible.
 *
 * Usage: report-png OUT.xlsx [CUT-OFF]   (default 8: Tertial 2)
 *
 * With OUT.docx it writes the document behind docs/report-docx.png instead: the demo of 2026
 * with its follow-up round at JANOKT (tertial_demo_round(): the units' texts and statuses), the
 * forecasts applied at October, and Socialnämnden's committee document with a chapter for each
 * unit one level down, handläggare and date fixed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tertial/tertial.h>

static int fail(const char *what)
{
  fprintf(stderr, "report-png: %s: %s\n", what, tertial_error_last());
  return EXIT_FAILURE;
}

static int committee_document(const char *path)
{
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  tertial_model *m;
  if (tertial_demo_year(&m, &d, d.year, 0) < 0 || tertial_demo_round(m, "JANOKT") < 0)
    return fail("demo municipality and its round");
  tertial_unit_id sn;
  if (tertial_org_find(&sn, tertial_model_org(m), "3") < 0 || tertial_forecast_apply(m, 10, -1) < 0)
    return fail("forecast");
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.child_depth = 1;
  o.skip_empty = 1;
  tertial_report *r;
  if (tertial_report_new(&r, m, sn, 10, &o) < 0)
    return fail("report");
  tertial_docx_options x = TERTIAL_DOCX_OPTIONS_INIT;
  x.created = INT64_C(1794441600); /* 2026-11-12T00:00:00Z */
  x.author = "Eva Andersson";
  x.municipality = "Exempelkommun";
  int rc = tertial_render_docx(r, path, &x);
  tertial_report_free(r);
  tertial_model_free(m);
  return rc < 0 ? fail("docx") : EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: report-png OUT.xlsx [CUT-OFF] | OUT.docx\n");
    return 2;
  }
  size_t n = strlen(argv[1]);
  if (n > 5 && strcmp(argv[1] + n - 5, ".docx") == 0)
    return committee_document(argv[1]);
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
