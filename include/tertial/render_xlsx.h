/**
 * @file render_xlsx.h
 * @brief An xlsx workbook of a report (tertial_report), in the style of a Hypergene/Stratsys export.
 *
 * One sheet per report: the root report's unit first, then each child report (see
 * tertial_report_options::child_depth). A sheet has the report's title and subtitle, one header
 * row shared by the follow-up tables (the eight columns, frozen with the label column), then
 * each section under its title; other tables (reasons, measures, findings) have their own
 * header row.
 *
 * - Amounts are written in tkr (or the chosen unit), rounded so that lines add up to their
 *   totals (largest remainder along `parent_line`), with the number format
 *   `#,##0;[Red]-#,##0` (US-style codes: Swedish Excel shows "12 500"); shares use `0.00`.
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
 * - Numbers are written in the C numeric locale whatever the caller's locale (the calling
 *   thread's locale is switched with uselocale() during the export and restored; the process
 *   locale is never changed).
 */
#ifndef TERTIAL_RENDER_XLSX_H
#define TERTIAL_RENDER_XLSX_H

#include "common.h"
#include "money.h"
#include "report.h"

TERTIAL_BEGIN_DECLS

/** Version of ::tertial_xlsx_options. */
#define TERTIAL_XLSX_OPTIONS_VERSION 1

/** Options of tertial_render_xlsx(). Initialise with ::TERTIAL_XLSX_OPTIONS_INIT. */
typedef struct tertial_xlsx_options {
  unsigned int version;     /**< ::TERTIAL_XLSX_OPTIONS_VERSION */
  tertial_money_unit unit;  /**< display unit of amounts, default tkr */
  int decimals;             /**< decimals of amounts, 0..3 (0..2 in kr), default 0 */
  int children;             /**< 1 (default): a sheet per child report */
  int constant_memory;      /**< 1: libxlsxwriter's constant-memory mode (rows are flushed as
                                 written; for large reports); default 0 */
  int64_t green_from;       /**< öre: a deviation ≥ this is green (default 0) */
  int64_t red_below;        /**< öre: a deviation < this is red, between the two yellow
                                 (default −1 000 000 kr); must be ≤ green_from */
  int64_t created;          /**< creation time in seconds since 1970 (UTC) for the document
                                 properties; 0 (default): now. A fixed time makes the output
                                 byte-for-byte reproducible. */
  const char *author;       /**< document author; NULL: none */
  const char *company;      /**< document company (e.g. the municipality); NULL: none */
} tertial_xlsx_options;

/** Default options: tkr without decimals, child sheets, green from 0, red below −1 mkr, created now. */
#define TERTIAL_XLSX_OPTIONS_INIT \
  { TERTIAL_XLSX_OPTIONS_VERSION, TERTIAL_UNIT_TKR, 0, 1, 0, 0, INT64_C(-100000000), 0, NULL, NULL }

/**
 * Write a report as an xlsx workbook.
 * @param report the report (and, with options->children, its child reports as further sheets).
 * @param path the workbook to create or replace (its folder must exist and be writable).
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_IO (creating, writing or renaming the file; message names the path),
 *         ::TERTIAL_ERR_RANGE (a text longer than Excel's 32 767 characters, too many rows,
 *         decimals), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL
 *         argument, unknown version or unit, thresholds in the wrong order).
 */
TERTIAL_API int tertial_render_xlsx(const tertial_report *report, const char *path,
                                    const tertial_xlsx_options *options);

TERTIAL_END_DECLS

#endif
