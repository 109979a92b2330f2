/* The audit's findings in a report's "Kontroll av rapporten" section: Tertial's own report audited
 * as the printed tables it is (its JSON, read as tertial_audit_read_json() reads any), or the
 * findings of an audit of other tables. The audit depends on the report, not the reverse: the
 * report only offers to take a findings line (report_findings.h). */
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"
#include "report_findings.h"
#include "tertial/render_json.h"

/* öre per unit of a printed amount (unknown: kr, as the checks take it); 0: not an amount */
static const int64_t ore_per_unit[] = {100, 100, 100000, 100000000, 0};

/* A printed value (scaled by 10^decimals, in a unit) in öre, rounded half away from zero to the
 * öre; 0 when it is no amount or beyond int64. */
static int to_ore(int64_t *out, int64_t scaled, int decimals, tertial_audit_unit unit)
{
  if ((int)unit < 0 || (size_t)unit >= sizeof ore_per_unit / sizeof *ore_per_unit || !ore_per_unit[unit] ||
      decimals < 0 || decimals > 18)
    return 0;
  tertial_i128 den = 1;
  for (int i = 0; i < decimals; i++)
    den *= 10;
  tertial_i128 v = tertial__div_round((tertial_i128)scaled * ore_per_unit[unit], den);
  if (v > INT64_MAX || v < -INT64_MAX)
    return 0;
  *out = (int64_t)v;
  return 1;
}

static const char *const class_sv[] = {"", "avrundning", "tecken", "fel"};
static const char *const class_en[] = {"", "rounding", "sign", "error"};

static int add_one(tertial_report *r, const tertial_audit *a, const tertial_audit_finding *f, int english)
{
  int cls = f->cls >= TERTIAL_AUDIT_ROUNDING && f->cls <= TERTIAL_AUDIT_ERROR ? (int)f->cls : TERTIAL_AUDIT_ERROR;
  char *printed = tertial__audit_format_value(f->printed, f->decimals);
  char *expected = tertial__audit_format_value(f->expected, f->decimals);
  char *text = printed && expected
                 ? tertial__audit_printf(english ? "Audit: %s line %s column %s: printed %s, expected %s (%s)"
                                                 : "Granskning: %s rad %s kolumn %s: tryckt %s, väntat %s (%s)",
                                         f->table_name, f->line_label, f->column_header, printed, expected,
                                         english ? class_en[cls] : class_sv[cls])
                 : NULL;
  char *code = tertial__audit_printf("audit_%s", class_en[cls]);
  int rc = TERTIAL_ERR_NOMEM;
  if (text && code) {
    const audit_table *t = audit_table_at(a, f->table);
    tertial_audit_unit unit = audit_column_at(t, f->column)->unit;
    int64_t exp_ore = 0, found_ore = 0;
    int amounts = to_ore(&exp_ore, f->expected, f->decimals, unit) && to_ore(&found_ore, f->printed, f->decimals, unit);
    tertial__finding_line line = {code,
                                  cls == TERTIAL_AUDIT_ERROR ? (english ? "Error" : "Fel")
                                                             : (english ? "Warning" : "Varning"),
                                  text,
                                  NULL,
                                  f->line_label,
                                  f->column_header,
                                  amounts ? &exp_ore : NULL,
                                  amounts ? &found_ore : NULL};
    rc = tertial__report_add_finding_line(r, &line);
  }
  free(printed);
  free(expected);
  free(text);
  free(code);
  return rc == TERTIAL_ERR_NOMEM ? tertial__nomem("tertial_report_add_audit_findings: a line") : rc;
}

int tertial_report_add_audit_findings_of(tertial_report *report, const tertial_audit *audit, size_t *added)
{
  if (added)
    *added = 0;
  if (!report || !audit)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_report_add_audit_findings_of: NULL argument");
  int english = tertial_report_english(report), rc = 0;
  size_t n = tertial_audit_finding_count(audit), i;
  for (i = 0; rc == 0 && i < n; i++)
    rc = add_one(report, audit, tertial_audit_finding_at(audit, i), english);
  if (added)
    *added = rc == 0 ? n : i - 1;
  return rc;
}

int tertial_report_add_audit_findings(tertial_report *report, size_t *added)
{
  if (added)
    *added = 0;
  if (!report)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_report_add_audit_findings: NULL argument");
  char *json = NULL;
  tertial_audit *a = NULL;
  int rc = tertial_render_json(&json, report, NULL);
  if (rc == 0)
    rc = tertial_audit_new(&a);
  if (rc == 0)
    rc = tertial_audit_read_json(a, json, strlen(json), tertial_report_english(report) ? "report" : "rapport");
  if (rc == 0)
    rc = tertial_audit_run(a);
  if (rc == 0)
    rc = tertial_report_add_audit_findings_of(report, a, added);
  tertial_free(json);
  tertial_audit_free(a);
  return rc;
}
