/* Internal: a report section's amounts as a renderer displays them, rounded to the display unit
 * along `parent_line` so that the shown lines add up to their shown totals (the Word document and
 * the terminal; the workbook keeps its own copy, which also writes the formulas). */
#ifndef TERTIAL_ROUNDED_INTERNAL_H
#define TERTIAL_ROUNDED_INTERNAL_H

#include "internal.h"

/* The displayed amounts of a section in steps: lines without a parent and informational lines
 * are rounded alone, the lines added into a parent are rounded to add up to the parent's
 * displayed amount (largest remainder), a parent then shows their sum, and a follow-up table's
 * deviations are the displayed budget less the displayed outcome or forecast. */
typedef struct tertial__rounded {
  const tertial_report_section *s;
  size_t nl, nc;
  int followup;    /* the eight columns in their places (their `source`): deviations are derived */
  int64_t *disp;   /* nl × nc */
  int *level;      /* length of each line's parent_line chain */
  size_t *kid_at;  /* nl + 2: the lines adding into p are kids[kid_at[p] .. kid_at[p + 1]) */
  size_t *kids;
  tertial_money_unit unit;
  int decimals;
  int64_t step;    /* öre per display step */
} tertial__rounded;

/* Round section s to unit with decimals; sum_preserving 0 rounds every amount alone. Free with
 * tertial__rounded_free() also on failure. */
int tertial__rounded_new(tertial__rounded *t, const tertial_report_section *s, tertial_money_unit unit, int decimals,
                         int sum_preserving);
void tertial__rounded_free(tertial__rounded *t);

/* The text of cell (i, c) in buf (at least 64 bytes), "" when empty: amounts in the unit with
 * Swedish notation ('*' after a forecast that defaulted to the budget), shares with two decimals
 * (Förbrukat % of the displayed amounts in a follow-up table), dates as yyyy-mm-dd; text cells
 * are not written (their text is the cell's). */
int tertial__rounded_cell(char *buf, size_t size, const tertial__rounded *t, size_t i, size_t c);

#endif
