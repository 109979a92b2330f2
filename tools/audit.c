/* tertial audit: check the arithmetic of printed follow-up tables in CSV, xlsx or JSON files (audit.h,
 * docs/audit.md). It works on files, not on a store. */
#include <stdio.h>

#include "cli.h"

int cmd_audit(int argc, char **argv)
{
  char *spec = NULL, *sheet = NULL;
  gboolean json = FALSE;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"spec", 0, 0, G_OPTION_ARG_FILENAME, &spec, "Declare column meanings, units, sign conventions and totals "
                                                  "that the headers and labels do not show (docs/audit.md)", "FILE"},
    {"sheet", 's', 0, G_OPTION_ARG_STRING, &sheet, "Only this sheet of an xlsx workbook (default: every sheet)",
     "NAME"},
    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the findings and assumptions as JSON", NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("FILE…", "Check the arithmetic of the printed follow-up tables in CSV, xlsx or "
                                         "JSON files (Tertial's report or a plain table; one report): totals and subtotals, deviations, Förbrukat %, Återstår, the "
                                         "same item in two tables, a reasons table against the forecast deviation. "
                                         "Prints one finding per relation that does not hold within the rounding "
                                         "of the printed values, classed as rounding, sign or error, and what was "
                                         "assumed. Exits 1 when there are findings.",
                                entries, FALSE);
  tertial_audit *a = NULL;
  char *text = NULL;
  int rc;
  if (!parse(ctx, &argc, &argv, &code))
    goto out;
  if (argc < 2) {
    code = usage_error(ctx, "audit takes one or more files");
    goto out;
  }
  if ((rc = tertial_audit_new(&a)) < 0) {
    code = fail(rc, "audit");
    goto out;
  }
  if (spec && (rc = tertial_audit_spec_file(a, spec)) < 0) {
    code = fail(rc, spec);
    goto out;
  }
  tertial_audit_read_options o = TERTIAL_AUDIT_READ_OPTIONS_INIT;
  o.sheet = sheet;
  for (int i = 1; i < argc; i++)
    if ((rc = tertial_audit_read_file(a, argv[i], &o)) < 0) {
      code = fail(rc, argv[i]);
      goto out;
    }
  if ((rc = tertial_audit_run(a)) < 0 || (rc = tertial_audit_format(&text, a, json)) < 0) {
    code = fail(rc, "audit");
    goto out;
  }
  fputs(text, stdout);
  code = tertial_audit_finding_count(a) ? EXIT_FINDINGS : EXIT_OK;
out:
  tertial_free(text);
  tertial_audit_free(a);
  g_free(spec);
  g_free(sheet);
  g_option_context_free(ctx);
  return code;
}
