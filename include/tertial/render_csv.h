/**
 * @file render_csv.h
 * @brief CSV rendering of a report (tertial_report) for BI tools and spreadsheets.
 *
 * Each section becomes one table: a record with the section's title, a header record, one
 * record per line, then an empty record. A report with child reports continues with each
 * child, each starting with a record of its title and subtitle. Records end with CRLF and
 * fields are quoted as RFC 4180 says (a field holding the separator, a double quote, CR or LF
 * is enclosed in double quotes, and its double quotes are doubled).
 *
 * Every table starts with five structural columns, then the section's columns:
 * `code` (unit or row code), `depth`, `style` (`normal`, `subtotal` or `total`), `parent`
 * (0-based index of the line this one adds into, empty if none) and `informational`
 * (1 for a line that is not added into its parent, such as "varav interna").
 *
 * Two styles:
 * | | ::TERTIAL_CSV_MACHINE (default) | ::TERTIAL_CSV_SWEDISH |
 * |---|---|---|
 * | separator | `,` | `;` |
 * | decimal mark | `.` | `,` |
 * | section title, headers | stable keys (`units`, `outcome_acc`) | the report's language (`Ack utfall`) |
 * | text starting with `=`, `+`, `-`, `@`, TAB or CR | kept as it is | prefixed with `'` (by default) |
 * Both write amounts exactly in kronor with two decimals and no thousands separator
 * (`-7690000.00` / `-7690000,00`), shares in percent with two decimals (`27.02`), dates as
 * ISO 8601 (`2026-06-30`) and empty cells as empty fields. Numbers never depend on the
 * process locale.
 *
 * Text (names, codes, titles, descriptions) is written as valid UTF-8: invalid bytes, the C0
 * control characters other than TAB, LF and CR (ESC among them), DEL and the C1 controls become
 * U+FFFD; TAB, LF and CR are kept, and a field holding LF or CR is quoted.
 *
 * Formula guard (the OWASP rule against CSV injection): a spreadsheet runs a cell whose text
 * starts with `=`, `+`, `-`, `@`, TAB or CR as a formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`).
 * With the guard such a text field is written with a leading `'` (`"'=1+2"`), which a
 * spreadsheet shows as text. Only text fields are guarded: amounts, shares and dates (such as
 * `-1243,50`) are numbers and never are. By default (::TERTIAL_CSV_GUARD_BY_STYLE) the Swedish
 * style, meant to be opened in a spreadsheet, is guarded and the machine style, meant for
 * programs, keeps text as it is.
 */
#ifndef TERTIAL_RENDER_CSV_H
#define TERTIAL_RENDER_CSV_H

#include "common.h"
#include "presentation.h"
#include "report.h"

TERTIAL_BEGIN_DECLS

/** CSV dialects. */
typedef enum tertial_csv_style {
  TERTIAL_CSV_MACHINE = 0, /**< `,` and a decimal point, keys as headers */
  TERTIAL_CSV_SWEDISH = 1, /**< `;` and a decimal comma, headers in the report's language */
} tertial_csv_style;

/** Version of ::tertial_csv_options. */
/** Version of ::tertial_csv_options (2 added `presentation`; 1 is accepted without it). */
#define TERTIAL_CSV_OPTIONS_VERSION 2

/** Options of the CSV renderers. Initialise with ::TERTIAL_CSV_OPTIONS_INIT. */
typedef struct tertial_csv_options {
  unsigned int version;    /**< ::TERTIAL_CSV_OPTIONS_VERSION */
  tertial_csv_style style; /**< default ::TERTIAL_CSV_MACHINE */
  int bom;                 /**< 1: start with a UTF-8 byte-order mark (helps Excel detect UTF-8) */
  int guard_formulas;      /**< 1: text starting with =, +, -, @, TAB or CR gets a leading ' so a
                                spreadsheet shows it as text (changes the data); 0: text as it is;
                                ::TERTIAL_CSV_GUARD_BY_STYLE (-1, default): 1 in the Swedish
                                style, 0 in the machine style */
  int children;            /**< 1 (default): include the child reports */
  /** How amounts are shown (presentation.h): the follow-up columns, signs, deviation sign,
   * headers (in the Swedish style; the machine style keeps keys as headers) and unit: with a
   * unit, amounts are that unit rounded half away from zero to the presentation's decimals
   * (`-7.690` mnkr); without, kronor with two decimals. NULL (default): the report as it is.
   * Borrowed for the call. */
  const tertial_presentation *presentation;
} tertial_csv_options;

/** tertial_csv_options::guard_formulas: guard the Swedish style, not the machine style. */
#define TERTIAL_CSV_GUARD_BY_STYLE (-1)

/** Default options: machine style, no BOM, formulas guarded by style (so text unchanged in the
 * machine style, guarded in the Swedish style), child reports included. */
#define TERTIAL_CSV_OPTIONS_INIT \
  { TERTIAL_CSV_OPTIONS_VERSION, TERTIAL_CSV_MACHINE, 0, TERTIAL_CSV_GUARD_BY_STYLE, 1, NULL }

/**
 * Render a report (and its child reports) as CSV.
 * @param out receives a NUL-terminated UTF-8 string; free with tertial_free().
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL argument, unknown version or style).
 */
TERTIAL_API int tertial_render_csv(char **out, const tertial_report *report, const tertial_csv_options *options);

/**
 * Render one section as a single CSV table: the header record and one record per line, no
 * title record (the shape most BI tools load directly).
 * @param out receives a NUL-terminated UTF-8 string; free with tertial_free().
 * @param section a section borrowed from a report (tertial_report_section_at()).
 * @param options NULL for defaults (`children` is ignored).
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_render_csv_section(char **out, const tertial_report_section *section,
                                           const tertial_csv_options *options);

/**
 * Write tertial_render_csv() output to a file. The text goes to a temporary file
 * `.NAME.tertial-PID-XXXXXX` in the target folder that is renamed over @p path only when
 * complete, so a failure leaves no partial file and any earlier file intact; a temporary left
 * by a writer that was killed (its process is gone) is removed by the next write of the file.
 * A new file gets the permissions 0666 less the umask, as open(2) gives; a replaced file keeps
 * its permissions (and, when run as root, its owner and group). When @p path is a symbolic
 * link, its target is written (as cp and editors do) and the link stays; a link to a missing
 * file, or a path that is not a regular file, is an error.
 * @param path the file to create or replace.
 * @return 0, ::TERTIAL_ERR_IO (message names the path), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_render_csv_file(const tertial_report *report, const char *path,
                                        const tertial_csv_options *options);

/** Flag of tertial_render_csv_long(): outcome and budget per account. */
#define TERTIAL_CSV_LONG_ACCOUNTS 1u

/**
 * The follow-up facts of @p unit's subtree as one long ("tidy") CSV table for BI tools (Power BI,
 * `pandas.read_csv`): a header record, then one record per unit, line row of the mapping, month
 * and measure, with one value column.
 *
 * Columns (machine style keys; Swedish headers in the Swedish style): `unit` (code), `unit_name`,
 * `parent` (the parent's code, "" for @p unit), `path` (the codes from @p unit down to the unit,
 * joined by "/"), `row` (code), `row_label`, `row_group` (the sum row it adds into, e.g. KOST),
 * `in_result` (1 if the row adds into the result row, NETTORESULTAT), `account` (with
 * ::TERTIAL_CSV_LONG_ACCOUNTS the account of an outcome or budget record, else ""), `month` (ISO "yyyy-mm"),
 * `measure` (`outcome`, `budget` or `forecast`) and `value`: exact kronor with two decimals in
 * the ledger's signs (revenue negative), `-7690000.00` (a decimal comma in the Swedish style).
 *
 * The amounts are each unit's own (booked on the unit itself, not its children), so the records
 * of a subtree add up to its totals without counting anything twice: the `outcome` of a unit's
 * subtree (by `path`) in the months up to the cut-off is the report's Ack utfall, `budget` in
 * all months Årets budget, `forecast` Årets prognos (for a unit that did not move during the
 * year). `outcome` has the months up to the cut-off, `budget` and `forecast` all twelve (the
 * forecast by month: outcome up to the cut-off, budget after it, the rest of the full-year forecast
 * in the last month). A unit and row with nothing in any measure has no records; the "varav
 * interna" rows, a part of their line rows, are left out. Units and structure are the
 * organisation at the cut-off. Run tertial_forecast_apply() first, as for a report.
 *
 * With ::TERTIAL_CSV_LONG_ACCOUNTS the outcome and budget records are one per account of the
 * unit on the row (in account-number order, `account` its number), and the forecast records,
 * which are the row's (the forecast is made per report row), have an empty `account`; the sums
 * are the same.
 * @param out receives a NUL-terminated UTF-8 string; free with tertial_free().
 * @param cutoff months included from the fiscal-year start, 1..12.
 * @param flags 0 or ::TERTIAL_CSV_LONG_ACCOUNTS.
 * @param options NULL for defaults (the machine style; `children` is ignored).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit), ::TERTIAL_ERR_RANGE (cut-off), ::TERTIAL_ERR_STATE
 *         (invalid mapping), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID
 *         (also unknown flags).
 */
TERTIAL_API int tertial_render_csv_long(char **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                                        unsigned int flags, const tertial_csv_options *options);

/**
 * Write tertial_render_csv_long() output to a file, atomically as tertial_render_csv_file().
 * @return 0, ::TERTIAL_ERR_IO (message names the path) and the errors of tertial_render_csv_long().
 */
TERTIAL_API int tertial_render_csv_long_file(tertial_model *model, tertial_unit_id unit, int cutoff,
                                             unsigned int flags, const char *path,
                                             const tertial_csv_options *options);

TERTIAL_END_DECLS

#endif
