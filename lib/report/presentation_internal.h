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

/* The text form's names of signs, deviation signs and units, by their enum values. */
extern const char *const tertial__sign_names[3];
extern const char *const tertial__deviation_names[2];
extern const char *const tertial__unit_names[3];

/* 1 when p (or NULL) shows a report as it is. */
int tertial__presentation_is_default(const tertial_presentation *p);

#endif
