/**
 * @file render_json.h
 * @brief JSON rendering of a report (tertial_report) for BI tools and other programs.
 *
 * The document is one object:
 * @code
 * {"format":"tertial-report","version":1,"language":"sv",
 *  "unit":{"code":"SN","name":"Socialnämnden"},"title":"Socialnämnden",
 *  "subtitle":"Utfall t.o.m. april 2026, Tertial 1","cutoff":4,"period":"2026-04",
 *  "point":{"code":"T1","name":"Tertial 1"},"depth":0,
 *  "sections":[{"kind":"units","title":"Ekonomiskt resultat per verksamhet",
 *    "columns":[{"key":"label","header":"Verksamhet","type":"text","source":null},
 *               {"key":"outcome_acc","header":"Ack utfall","type":"amount","source":0}, ...],
 *    "lines":[{"code":"IFO","depth":1,"style":"normal","parent":3,"informational":false,
 *              "forecast_missing":0,"cells":["Individ- och familjeomsorg",261000000, ...]}, ...]}],
 *  "children":[ ...child reports, same shape without "format" and "version"... ]}
 * @endcode
 * Cells are positional, one per column: amounts are integers in öre (never floating point),
 * shares integers in hundredths of a percent, dates "YYYY-MM-DD", text strings, and an empty
 * cell is null. "point" is null when the calendar has no follow-up point at the cut-off;
 * "source" is the ::tertial_column of a follow-up column, else null. Output is valid UTF-8:
 * strings are escaped (quotes, backslashes, control characters, U+2028/U+2029) and invalid
 * UTF-8 in the input is replaced by U+FFFD.
 *
 * With a presentation (tertial_json_options::presentation, presentation.h) other than the
 * default, the columns, signs, deviation sign and headers are the presentation's, and the root
 * object has a member after "version" that says how to read the amounts:
 * `"presentation":{"columns":["outcome_acc",...],"signs":"ledger","deviation":"budget-minus-outcome",
 * "unit":"mnkr","decimals":1}` ("unit" and "decimals" null without a unit). With a unit, amounts
 * are decimal numbers in that unit with exactly that many decimals (`-7.7`), rounded half away
 * from zero from the exact öre; without one, integers in öre.
 */
#ifndef TERTIAL_RENDER_JSON_H
#define TERTIAL_RENDER_JSON_H

#include "common.h"
#include "presentation.h"
#include "report.h"

TERTIAL_BEGIN_DECLS

/** Version of ::tertial_json_options (2 added `presentation`; 1 is accepted without it). */
#define TERTIAL_JSON_OPTIONS_VERSION 2

/** Options of the JSON renderers. Initialise with ::TERTIAL_JSON_OPTIONS_INIT. */
typedef struct tertial_json_options {
  unsigned int version; /**< ::TERTIAL_JSON_OPTIONS_VERSION */
  int pretty;           /**< 1: one line per line of a table, indented; 0 (default): compact */
  int children;         /**< 1 (default): include the child reports */
  /** How amounts are shown (see above); NULL (default): the report as it is. Borrowed for the call. */
  const tertial_presentation *presentation;
} tertial_json_options;

/** Default options: compact, child reports included. */
#define TERTIAL_JSON_OPTIONS_INIT { TERTIAL_JSON_OPTIONS_VERSION, 0, 1, NULL }

/**
 * Render a report (and its child reports) as JSON.
 * @param out receives a NUL-terminated UTF-8 string ending in a newline; free with tertial_free().
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL argument, unknown version).
 */
TERTIAL_API int tertial_render_json(char **out, const tertial_report *report, const tertial_json_options *options);

/**
 * Write tertial_render_json() output to a file, through a temporary file in the target
 * folder renamed over @p path only when complete (a failure leaves any earlier file intact).
 * @return 0, ::TERTIAL_ERR_IO (message names the path), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_render_json_file(const tertial_report *report, const char *path,
                                         const tertial_json_options *options);

TERTIAL_END_DECLS

#endif
