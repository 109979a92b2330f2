/**
 * @file render_xlsx.h
 * @brief An xlsx workbook of a report (tertial_report), in the style of a Hypergene/Stratsys export.
 *
 * First an overview sheet ("Översikt", "Overview"): the root report's "Ekonomiskt resultat per
 * verksamhet" table, its "Ackumulerat per månad" table and a bar chart beside the first: a bar
 * per activity for Ack budgetavvikelse and Prognosavvikelse, fed by that table (title and axis
 * titles in the report's language, the amount format on the value axis).
 * Then one sheet per report: the root report's unit, each child report (see
 * tertial_report_options::child_depth) and any further reports from
 * tertial_xlsx_options::next_report. A sheet has the report's title and subtitle, one header
 * row shared by the follow-up tables (the eight columns, frozen with the label column), then
 * each section under its title; other tables (reasons, measures, findings, the monthly table)
 * have their own header row.
 *
 * - Amounts are written in tkr (or the chosen unit), rounded so that lines add up to their
 *   totals (largest remainder along `parent_line`), with the number format
 *   `#,##0;-#,##0` (US-style codes: Swedish Excel shows "12 500"; no red, which means worse
 *   than budget in the deviations' conditional formats); shares use `0.00`.
 * - Derived columns are formulas with cached values computed from the displayed amounts:
 *   Ack budgetavvikelse `=C−B`, Prognosavvikelse `=E−G`, Förbrukat %
 *   `=IF(E=0,"",ROUND(B/E*100,2))`, and every line with lines added into it is a `SUM` of them.
 * - Rows are grouped in outline levels along `parent_line`; deviation columns get three
 *   cell-value conditional formats (green, yellow, red) from configurable thresholds.
 * - Print setup: A4 landscape, fit to one page wide, the title and header rows repeated, a
 *   footer with the unit and the follow-up point. Document properties are set, and defined
 *   names point at the unit's totals (workbook names for the first sheet, sheet-local names for
 *   the others): Swedish `Ack_utfall`, `Ack_budget`, `Ack_budgetavvikelse`, `Arets_budget`,
 *   `Forbrukat_procent`, `Arets_prognos`, `Prognosavvikelse`, `Fg_bokslut`; English
 *   `Outcome_to_date`, `Budget_to_date`, `Deviation_to_date`, `Annual_budget`, `Share_used`,
 *   `Forecast`, `Forecast_deviation`, `Prior_year`.
 * - All text (unit names, reasons, measures) is written as text, never as a formula, whatever
 *   it starts with (`=`, `+`, `-`, `@`). Invalid UTF-8 is replaced by U+FFFD.
 * - The workbook is written to a temporary file in the target folder and renamed over the
 *   target only when complete: a failure leaves no partial file and any earlier file intact.
 * - Numbers are written with a decimal point whatever the caller's locale (Tertial's own
 *   SpreadsheetML writer formats them without printf; no locale is touched).
 * - The workbook is streamed: each sheet is compressed into the zip as it is written; until the
 *   end the export keeps the styles, the sheet names taken (a few dozen bytes a sheet, to keep
 *   them unique) and the writer's temporary files (the sheet list, the defined names, the zip's
 *   directory; unlinked at once), so memory does not grow with the sheets, and the files open
 *   are the same few whatever the number of sheets.
 */
#ifndef TERTIAL_RENDER_XLSX_H
#define TERTIAL_RENDER_XLSX_H

#include "common.h"
#include "money.h"
#include "presentation.h"
#include "report.h"

TERTIAL_BEGIN_DECLS

/** Version of ::tertial_xlsx_options (2 added `overview`, `next_report`, `next_context`,
 * `local_names` and `tmpdir`; 3 added `red_share`; 4 added `presentation`). */
#define TERTIAL_XLSX_OPTIONS_VERSION 5

/**
 * Supplies further reports for tertial_xlsx_options::next_report.
 * @param next receives the report for the next sheet(s), or NULL when there are no more.
 * @param index 0 for the first call, then 1, 2, ...
 * @param context tertial_xlsx_options::next_context.
 * @return 0, or a negative ::tertial_error_code that stops the export (tertial_render_xlsx()
 *         returns it and writes no file).
 */
typedef int (*tertial_xlsx_next_report)(const tertial_report **next, size_t index, void *context);

/** Options of tertial_render_xlsx(). Initialise with ::TERTIAL_XLSX_OPTIONS_INIT. */
typedef struct tertial_xlsx_options {
  unsigned int version;     /**< ::TERTIAL_XLSX_OPTIONS_VERSION (1 is accepted: the fields up to
                                 `company`, and no overview sheet; 2: the fields up to `tmpdir`,
                                 and the absolute `red_below`; 3: up to `red_share`; 4: up to
                                 `presentation`) */
  tertial_money_unit unit;  /**< display unit of amounts, default tkr */
  int decimals;             /**< decimals of amounts, 0..3 (0..2 in kr), default 0 */
  int children;             /**< 1 (default): a sheet per child report */
  int constant_memory;      /**< no effect (kept for compatibility): every export streams its
                                 rows and keeps memory flat; 0 and 1 write the same bytes */
  int64_t green_from;       /**< öre: a deviation ≥ this is green (default 0) */
  int64_t red_below;        /**< öre: with `red_share` 0, a deviation < this is red, between the
                                 two yellow (default −1 000 000 kr); must be ≤ green_from */
  int64_t created;          /**< creation time in seconds since 1970 (UTC) for the document
                                 properties; 0 (default): now. A fixed time makes the output
                                 byte-for-byte reproducible. */
  const char *author;       /**< document author; NULL: none */
  const char *company;      /**< document company (e.g. the municipality); NULL: none */
  int overview;             /**< 1 (default): the overview sheet first, when the root report has
                                 the units or the monthly section (the chart needs the monthly
                                 section); 0: none */
  /** Further reports written after the root report's sheets, each as a sheet (with its child
   * reports when `children` is set), so a workbook of thousands of units never holds more
   * than one of their reports: it is called with index 0, 1, 2, ... until it stores NULL.
   * A report it returns must stay valid until the next call or until tertial_render_xlsx()
   * returns; the callback may free the previous one when it is called again. Their sheets are
   * like child sheets (sheet-local defined names when `local_names` is set). NULL (default):
   * none. */
  tertial_xlsx_next_report next_report;
  void *next_context;       /**< passed to next_report */
  int local_names;          /**< 1 (default): every report sheet after the root's gets
                                 sheet-local defined names for its totals; 0: only the root
                                 report's workbook names (a smaller workbook: eight names
                                 fewer per sheet) */
  const char *tmpdir;       /**< folder for the writer's temporary files (the sheet list, the
                                 defined names and the zip's directory until the end, unlinked
                                 at once); NULL (default): $TMPDIR or /tmp. The workbook itself
                                 is always written beside its target first. */
  /** Hundredths of a percent, 0..10000 (default 100 = 1 %): a deviation worse than this share of
   * the line's own Årets budget is red (Ack budgetavvikelse and Prognosavvikelse alike; a line
   * with no budget is red at any negative deviation), other deviations below `green_from` are
   * yellow; so the threshold follows the level: 1 % is 4,6 mkr for a committee of 460 mkr and
   * 150 tkr for a unit of 15 mkr. 0: the absolute `red_below` instead. */
  int red_share;
  /** How amounts are shown (presentation.h): its headers, and its unit and decimals instead of
   * `unit` and `decimals` when it has them. When it chooses columns or changes a sign, the
   * follow-up tables are plain tables of values with their own header rows (no formulas, traffic
   * lights, defined names or chart, which need the eight columns in their order and the ledger's
   * signs), each column rounded along `parent_line`. NULL (default): the report as it is.
   * Borrowed for the call; applies to the reports of `next_report` too. */
  const tertial_presentation *presentation;
  /** The model the root report was built from: with it, and when the root report's "Mål och
   * styrtal" section has styrtal, a sheet "Mål och styrtal" follows the root report's sheets: each
   * styrtal at its goal's unit month by month up to the cut-off, its target, and a line chart of
   * the two. NULL (default): no such sheet. Borrowed for the call (the goals' evaluation may fill
   * their caches). */
  tertial_model *model;
} tertial_xlsx_options;

/** Default options: tkr without decimals, an overview sheet, child sheets, green from 0, red
 * worse than 1 % of the line's annual budget, created now, no further reports, sheet-local names. */
#define TERTIAL_XLSX_OPTIONS_INIT \
  { TERTIAL_XLSX_OPTIONS_VERSION, TERTIAL_UNIT_TKR, 0, 1, 0, 0, INT64_C(-100000000), 0, NULL, NULL, 1, NULL, NULL, 1, NULL, 100, NULL, NULL }

/**
 * Write a report as an xlsx workbook.
 * @param report the report (and, with options->children, its child reports as further sheets).
 * @param path the workbook to create or replace (its folder must exist and be writable).
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_IO (creating, writing or renaming the file, message naming the path),
 *         ::TERTIAL_ERR_RANGE (a text longer than Excel's 32 767 characters, too many rows,
 *         decimals), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL
 *         argument, unknown version or unit, thresholds in the wrong order), or what
 *         tertial_xlsx_options::next_report returned.
 */
TERTIAL_API int tertial_render_xlsx(const tertial_report *report, const char *path,
                                    const tertial_xlsx_options *options);

TERTIAL_END_DECLS

#endif
