/* Internal: a report section's columns and cells as a presentation shows them, shared by the
 * renderers so that each applies a presentation the same way. */
#ifndef TERTIAL_PRESENTATION_INTERNAL_H
#define TERTIAL_PRESENTATION_INTERNAL_H

#include "internal.h"

/* A column as shown: a column of the section, or Återstår derived from two of them. */
typedef struct tertial__pcol {
  tertial_report_column col; /* key, header (the presentation's if set), type, source */
  size_t index;              /* the section's column (for Återstår: Årets budget) */
  size_t minus;              /* Återstår: the section's Ack utfall; else unused */
  int derived;               /* 1: Återstår = column index − column minus */
  int sign;                  /* 0: as is; 1: an amount (signs apply); 2: a deviation */
} tertial__pcol;

/* The columns of a section under p (NULL: the section's own). *out is freed with free(). */
int tertial__present_columns(tertial__pcol **out, size_t *n, const tertial_presentation *p,
                             const tertial_report_section *s);

/* The cell of a line in a shown column: the amount in öre with p's signs. 0 or
 * TERTIAL_ERR_OVERFLOW. */
int tertial__present_cell(tertial_report_cell *out, const tertial_presentation *p, const tertial_report_section *s,
                          size_t line, const tertial__pcol *c);

/* The line that line i of s adds into as p shows it (tertial_report_line::parent_line): with
 * ::TERTIAL_SIGNS_POSITIVE, the lines under a line whose lines are not all of its kind (revenue
 * or not: NETTORESULTAT over VERKSAMHETENS INTÄKTER and KOSTNADER) add into none, for the net
 * is their difference there. */
int tertial__present_parent(const tertial_presentation *p, const tertial_report_section *s, size_t i);

/* A copy of a report (and its child reports) with the columns, signs and headers of p, for the
 * renderers that lay a report out from its sections (xlsx, DOCX). It borrows r's strings and p's
 * headers: free it with tertial_report_free() before either. When p chooses columns or changes
 * a sign, the copy's columns have no `source` (-1), so no renderer derives them from the eight
 * columns' layout; the workbook finds them by key and applies p's signs itself. */
int tertial__report_present(tertial_report **out, const tertial_report *r, const tertial_presentation *p);

/* The text form's names of signs, deviation signs and units, by their enum values. */
extern const char *const tertial__sign_names[3];
extern const char *const tertial__deviation_names[2];
extern const char *const tertial__unit_names[3];
/* The display units' names in an English report ("SEK", "SEK thousand", "SEK million", as the
 * workbook's titles) and a Swedish one ("kr", "tkr", "mkr"), by tertial_money_unit. */
extern const char *const tertial__unit_words_en[3];
extern const char *const tertial__unit_words_sv[3];

/* 1 when p (or NULL) shows a report as it is. */
int tertial__presentation_is_default(const tertial_presentation *p);

#endif
