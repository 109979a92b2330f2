/* Internal: a report section's amounts as a renderer displays them, rounded to the display unit
 * along `parent_line` so that the shown lines add up to their shown totals (the Word document and
 * the terminal; the workbook keeps its own copy, which also writes the formulas). */
#ifndef TERTIAL_ROUNDED_INTERNAL_H
#define TERTIAL_ROUNDED_INTERNAL_H

#include "internal.h"

/* Where a follow-up table's columns are (Nyckeltal, per verksamhet, Ekonomiskt resultat), found
 * by key: the report's order, or any a presentation chooses. -1 where a column is not shown; all
 * -1 for other sections. */
typedef struct tertial__fcols {
  int pos[TERTIAL_COL_COUNT];      /* the eight */
  int remaining, previous, change; /* Återstår, Fg prognos, Förändring mot fg prognos */
} tertial__fcols;

void tertial__fcols_of(tertial__fcols *m, const tertial_report_section *s);

/* Whether column c is computed from two others of its line that are shown: Ack budgetavvikelse
 * and Prognosavvikelse from the budget and the outcome or forecast, Återstår (Årets budget − Ack
 * utfall), Förändring mot fg prognos (Årets prognos − Fg prognos). Then *minuend and *subtrahend
 * are their columns, and *deviation is 1 for the two deviations, whose sign on a line is
 * tertial__deviation_dir()'s. */
int tertial__fcols_derived(const tertial__fcols *m, size_t c, int *minuend, int *subtrahend, int *deviation);

/* A deviation of line l as p shows it, from the shown budget and outcome (or forecast): +1 when
 * it is budget − outcome, -1 when outcome − budget. The report's is budget − outcome in the
 * ledger's signs; p may turn the deviation, and the signs of the line's amounts (costs-negative:
 * every line; positive: revenue lines), which turns the difference of the shown amounts. */
int tertial__deviation_dir(const tertial_presentation *p, const tertial_report_line *l);

/* The displayed amounts of a section in steps: lines without a parent and informational lines
 * are rounded alone, the lines added into a parent are rounded to add up to the parent's
 * displayed amount (largest remainder), a parent then shows their sum, and a follow-up table's
 * deviations are the displayed budget less the displayed outcome or forecast. */
typedef struct tertial__rounded {
  const tertial_report_section *s;
  size_t nl, nc;
  tertial__fcols cols;                /* a follow-up table's columns: derived ones are computed */
  const tertial_presentation *p;      /* the presentation the section is shown in (its signs) */
  int64_t *disp;   /* nl × nc */
  int *level;      /* length of each line's parent_line chain */
  size_t *kid_at;  /* nl + 2: the lines adding into p are kids[kid_at[p] .. kid_at[p + 1]) */
  size_t *kids;
  tertial_money_unit unit;
  int decimals;
  int64_t step;    /* öre per display step */
  /* pinned lines of one column (pin_col; -1: none): a line with pinned[i] shows pin[i], and the
   * lines adding into it are rounded to add up to it */
  int pin_col;
  const int64_t *pin;
  const unsigned char *pinned;
} tertial__rounded;

/* Round section s, shown in presentation p (NULL: as the report has it), to unit with decimals;
 * sum_preserving 0 rounds every amount alone. Free with tertial__rounded_free() also on failure. */
int tertial__rounded_new(tertial__rounded *t, const tertial_report_section *s, const tertial_presentation *p,
                         tertial_money_unit unit, int decimals, int sum_preserving);
void tertial__rounded_free(tertial__rounded *t);

/* Pins for a reasons section (Prognosens avvikelse mot budget) of report r: each unit's line there
 * shows the Prognosavvikelse that the report's per-activity table (Ekonomiskt resultat per
 * verksamhet) displays for the unit, rounded as tertial__rounded_new() rounds that table in
 * presentation p, unit and decimals, and the reasons are rounded to add up to it; so the two
 * tables show one figure for a unit. *pin and *pinned (reasons->line_count entries, free() both)
 * are NULL and *col -1 when there is nothing to pin. */
int tertial__reasons_pins(int64_t **pin, unsigned char **pinned, int *col, const tertial_report *r,
                          const tertial_report_section *reasons, const tertial_presentation *p,
                          tertial_money_unit unit, int decimals);

/* tertial__rounded_new() for a section of report r: a reasons section with its unit lines pinned
 * to the per-activity table's figures (tertial__reasons_pins()). */
int tertial__rounded_in_report(tertial__rounded *t, const tertial_report *r, const tertial_report_section *s,
                               const tertial_presentation *p, tertial_money_unit unit, int decimals,
                               int sum_preserving);

/* The text of cell (i, c) in buf (at least 64 bytes), "" when empty: amounts in the unit with
 * Swedish notation ('*' after a forecast that defaulted to the budget), shares with two decimals
 * (Förbrukat % of the displayed amounts in a follow-up table), dates as yyyy-mm-dd; text cells
 * are not written (their text is the cell's). */
int tertial__rounded_cell(char *buf, size_t size, const tertial__rounded *t, size_t i, size_t c);

#endif
