/**
 * @file render_text.h
 * @brief Terminal rendering of a follow-up table: aligned columns, tkr, Swedish separators.
 */
#ifndef TERTIAL_RENDER_TEXT_H
#define TERTIAL_RENDER_TEXT_H

#include "common.h"
#include "followup.h"
#include "money.h"
#include "presentation.h"
#include "report.h"

TERTIAL_BEGIN_DECLS

/** Version of ::tertial_text_options. */
#define TERTIAL_TEXT_OPTIONS_VERSION 2

/** Options of tertial_render_text(). Initialise with ::TERTIAL_TEXT_OPTIONS_INIT. */
typedef struct tertial_text_options {
  unsigned int version;    /**< ::TERTIAL_TEXT_OPTIONS_VERSION */
  tertial_money_unit unit; /**< default tkr */
  int decimals;            /**< 0..3, default 0 */
  int sum_preserving;      /**< 1 (default): round so lines add up to the displayed total */
  int english;             /**< 1: English headers */
  int label_width;         /**< width of the label column in characters; 0 = fit the labels */
  /** How tertial_render_text_report() shows a report's amounts (presentation.h): the columns and
   * their order, signs, deviation sign, headers, and the unit and decimals (instead of `unit` and
   * `decimals` when it sets them); NULL: the report as it is. tertial_render_text() draws a
   * follow-up table as it is and ignores it. (Since version 2; a version-1 struct has none.) */
  const tertial_presentation *presentation;
} tertial_text_options;

/** Default options: tkr, no decimals, sum-preserving, Swedish headers, no presentation. */
#define TERTIAL_TEXT_OPTIONS_INIT { TERTIAL_TEXT_OPTIONS_VERSION, TERTIAL_UNIT_TKR, 0, 1, 0, 0, NULL }

/**
 * Render a table as UTF-8 text: a title line, a header, one line per table line with labels
 * indented by depth, numbers right-aligned with Swedish separators, "Förbrukat %" with two
 * decimals and blank when empty; forecasts that defaulted to the budget are marked with '*'
 * and explained under the table. Amounts booked on the table's unit itself show as
 * "<name> (egen)", or as "Ej fördelat" when they are budget only (budget the unit holds above
 * what it has allocated to its children).
 * Names (the title's unit, the lines' labels) are user text: invalid UTF-8 and every control
 * character (ESC, TAB, CR, LF among them), U+2028/U+2029 and the bidirectional controls are shown
 * as U+FFFD, so a name can neither forge a line nor drive the terminal.
 * With sum_preserving, amounts are rounded with largest remainder so that the displayed lines
 * add up to the displayed total (children view) and report lines to the displayed result row
 * (rows view); deviations are computed from the displayed amounts. Each displayed figure is its
 * exact value rounded down or up, so a unit shown as a line in its parent's table may differ by
 * one step from its own table's total; without sum_preserving every figure is rounded on its
 * own (the same everywhere) and lines may miss the total by a step (tertial_check_table() finds
 * those gaps).
 * @param out receives a NUL-terminated string; free with tertial_free().
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_render_text(char **out, const tertial_followup *table, const tertial_text_options *options);

/**
 * Render a report's follow-up tables (its ::TERTIAL_SECTION_KEY_FIGURES, ::TERTIAL_SECTION_UNITS
 * and ::TERTIAL_SECTION_ROWS sections, then those of its child reports) for a terminal, as
 * tertial_render_text() draws a table: per section a title line ("Socialnämnden: Ekonomiskt
 * resultat per verksamhet, utfall t.o.m. oktober 2026, tkr"), a header of the shown columns, one
 * line per report line with its label indented by depth, amounts right-aligned with Swedish
 * separators, shares with two decimals, '*' after a forecast that defaulted to the budget with
 * the note under the table; sections separated by an empty line. The options' presentation
 * chooses the columns (including those the report was built with: Utfall fg år samma period, Fg
 * prognos, Förändring mot fg prognos, Prognos efter planerade åtgärder, and Återstår), signs,
 * deviation sign, unit, decimals and headers, as for the other renderers. With sum_preserving the
 * amounts are rounded along the lines' `parent_line` (largest remainder) as in the Word document:
 * lines add up to their displayed totals, and with the eight columns in place the deviations and
 * Förbrukat % are computed from the displayed amounts. Labels are user text, shown as
 * tertial_render_text() shows names. label_width 0 fits the labels. The language is the report's
 * (tertial_report_options::english); the options' `english` is for tertial_render_text().
 * @param out receives a NUL-terminated string ("" when the report has no follow-up table); free
 *        with tertial_free().
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_render_text_report(char **out, const tertial_report *report,
                                           const tertial_text_options *options);

/**
 * Render the round's texts of a report (its ::TERTIAL_SECTION_TEXTS section: Sammanfattning,
 * Ekonomisk analys och prognos, row comments and the unit's status) as UTF-8 text for a
 * terminal: a title line ("Socialnämnden: Kommentarer, Januari–oktober"), then per item a
 * heading with who and when ("Kommentar: Köp av verksamhet — Eva Andersson, 2026-11-02") and its
 * text indented by two spaces, word-wrapped to @p width characters (a word longer than a line is
 * broken), items separated by an empty line. A line break in a text starts a new line. The texts
 * are user text: invalid UTF-8 and every other control character (ESC, TAB, CR among them),
 * U+2028/U+2029 and the bidirectional controls are shown as U+FFFD.
 * @param out receives a NUL-terminated string, "" when the report has no texts section; free
 *        with tertial_free().
 * @param width the line width in characters, 20..1000; 0 for 100.
 * @return 0, ::TERTIAL_ERR_RANGE (width), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_render_text_comments(char **out, const tertial_report *report, int width);

TERTIAL_END_DECLS

#endif
