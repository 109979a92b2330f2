/* Internal: lines added to a built report's "Kontroll av rapporten" section by another module
 * (the audit's findings, lib/audit/audit_report.c), without the report depending on that module. */
#ifndef TERTIAL_REPORT_FINDINGS_H
#define TERTIAL_REPORT_FINDINGS_H

#include <stdint.h>

#include "tertial/report.h"

/* The texts of a findings line, one per column of the section before the two amounts. */
typedef struct tertial__finding_line {
  const char *code;     /* the line's code, e.g. "audit_error" */
  const char *severity; /* "Fel" / "Varning" (in the report's language) */
  const char *check;    /* what was checked and found */
  const char *unit;     /* NULL or "": empty */
  const char *row;
  const char *column;
  const int64_t *expected, *found; /* öre; NULL: an empty cell */
} tertial__finding_line;

/* Append a line to @p r's findings section, which is made (columns as tertial_report_new() makes
 * them) as the report's last section when it has none; the other sections stay where they are.
 * Pointers to the findings section's lines and cells taken before the call are invalid after it.
 * Returns 0, TERTIAL_ERR_INVALID or TERTIAL_ERR_NOMEM (the report then holds the lines added
 * before). */
int tertial__report_add_finding_line(tertial_report *r, const tertial__finding_line *line);

#endif
