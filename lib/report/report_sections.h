/* Internal: whole sections added to a built report by another module (the planning objects of
 * lib/plan/report_plan.c: Prioriteringar, Intern kontroll, Ofinansierade beslut), without the report
 * depending on that module. The report offers its subtree (which units it covers), its options'
 * sections and the means to make a section of a kind; the module decides the lines. */
#ifndef TERTIAL_REPORT_SECTIONS_H
#define TERTIAL_REPORT_SECTIONS_H

#include <stdint.h>

#include "tertial/report.h"

/* A column: its key, its Swedish and English headers and its type. */
typedef struct tertial__colspec {
  const char *key, *sv, *en;
  tertial_report_type type;
} tertial__colspec;

/* 1 when @p unit names a unit of @p r's subtree (as it stood at the report's cut-off): its code
 * exactly, or its name with letter case ignored; 0 otherwise (NULL and "" name none). The report
 * of a root of the organisation (the municipality's) covers every name. */
int tertial__report_covers(const tertial_report *r, const char *unit);

/* The first calendar year of the report's fiscal year (2026 for 2026 or 2026/27). */
int tertial__report_fiscal_year(const tertial_report *r);

/* 1 when the report's options asked for sections of @p kind (tertial_report_options::sections). */
int tertial__report_wants(const tertial_report *r, tertial_report_section_kind kind);

/* Child report @p index, to add to (NULL if out of range). */
tertial_report *tertial__report_child(tertial_report *r, size_t index);

/* Make the section of @p kind empty with these columns: the one the report has is cleared in its
 * place (its lines and cells go), else a new one is appended as the report's last section. The
 * title is the kind's. Pointers into that section taken before are invalid after, and an appended
 * section may move the others (a report has room for one of each kind, so it does not while it
 * has no more). Returns 0, TERTIAL_ERR_NOMEM (the report then has no section of the kind). */
int tertial__report_begin_section(tertial_report_section **out, tertial_report *r, tertial_report_section_kind kind,
                                  const tertial__colspec *cols, size_t ncols);

/* Remove the section of @p kind, if the report has one (the sections after it move up). */
void tertial__report_drop_section(tertial_report *r, tertial_report_section_kind kind);

/* Append a line with empty cells to @p s (a section of @p r); its index is line_count - 1.
 * Returns 0, TERTIAL_ERR_NOMEM. */
int tertial__report_add_line(tertial_report_section *s, tertial_report *r, const char *code, int depth,
                             tertial_report_style style);

/* Set a cell of the last line (the column must be of the type). set_text copies the text and
 * returns 0 or TERTIAL_ERR_NOMEM. */
int tertial__report_set_text(tertial_report_section *s, tertial_report *r, size_t col, const char *text);
void tertial__report_set_amount(tertial_report_section *s, size_t col, int64_t value);
void tertial__report_set_date(tertial_report_section *s, size_t col, tertial_date date);

/* Line @p line adds into line @p parent (-1: none). */
void tertial__report_set_parent(tertial_report_section *s, size_t line, int parent);

#endif
