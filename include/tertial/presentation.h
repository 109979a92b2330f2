/**
 * @file presentation.h
 * @brief How a report's numbers are shown: columns, signs, deviation sign, unit, decimals and
 * headers (presentation as data).
 *
 * A presentation changes only how a renderer shows a report (tertial_report): the report keeps
 * exact öre in the ledger's signs. Every renderer takes one in its options
 * (tertial_csv_options::presentation, tertial_json_options::presentation, the xlsx, DOCX and
 * text options' `presentation`); NULL or a new presentation (tertial_presentation_new()) shows
 * the report as before.
 *
 * - **columns**: the column set and order of the follow-up tables (Nyckeltal, Ekonomiskt
 *   resultat per verksamhet, Ekonomiskt resultat), by key: `outcome_acc` (Ack utfall),
 *   `budget_acc` (Ack budget), `deviation_acc` (Ack budgetavvikelse), `budget_year` (Årets
 *   budget), `share_used` (Förbrukat %), `forecast` (Årets prognos), `forecast_deviation`
 *   (Prognosavvikelse), `prior_year` (Fg bokslut: the previous year's outcome, whole year),
 *   `prior_year_acc` (Utfall fg år samma period: the previous year's outcome to the same month; only
 *   in a report built with tertial_report_options::prior_year_acc, left out of others),
 *   `previous_forecast` (Fg prognos) and `forecast_change` (Förändring mot fg prognos = Årets
 *   prognos − Fg prognos; both only in a report built with
 *   tertial_report_options::previous_forecast), `forecast_after_measures` (Prognos efter
 *   planerade åtgärder; only with tertial_report_options::forecast_after_measures) and
 *   `remaining` (Återstår = Årets budget − Ack utfall). The label column stays first and the key
 *   figures' own columns (`after_planned`, `change_since_previous`) last. Default: the eight.
 * - **signs**: ::TERTIAL_SIGNS_LEDGER (the ledger's: revenue negative, costs positive, so a net
 *   is a net cost), ::TERTIAL_SIGNS_COSTS_NEGATIVE (every amount negated: costs negative,
 *   revenue positive, a net is a surplus) or ::TERTIAL_SIGNS_POSITIVE (revenue and costs
 *   positive: the revenue lines of "Ekonomiskt resultat" negated, nets as net cost). They apply
 *   to the amounts of the follow-up tables, the monthly table and the change table; the
 *   measures' effects and the checker's findings stay as they are.
 * - **deviation**: ::TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME (default, Swedish practice: a
 *   negative deviation is worse than budget, for costs and revenue alike, whatever the signs)
 *   or ::TERTIAL_DEVIATION_OUTCOME_MINUS_BUDGET (negative is better). It applies to Ack
 *   budgetavvikelse, Prognosavvikelse and the reasons table's amounts, and not the signs.
 * - **unit** and **decimals**: kr, tkr or mnkr with 0–3 decimals (0–2 in kr); unset (-1), the
 *   renderer's own (CSV: kronor with two decimals; JSON: öre).
 * - **headers**: a header text per column key, replacing the report's in every section.
 *
 * The text form, one setting a line (`#` starts a comment line; blank lines are ignored):
 * @code
 * columns = outcome_acc, budget_acc, deviation_acc, remaining, forecast, forecast_deviation
 * signs = costs-negative          # ledger | costs-negative | positive
 * deviation = outcome-minus-budget # budget-minus-outcome | outcome-minus-budget
 * unit = mnkr                      # kr | tkr | mnkr
 * decimals = 1                     # 0..3
 * header.forecast = Helårsprognos
 * @endcode
 */
#ifndef TERTIAL_PRESENTATION_H
#define TERTIAL_PRESENTATION_H

#include "common.h"
#include "money.h"

TERTIAL_BEGIN_DECLS

/** The signs amounts are shown in. */
typedef enum tertial_sign_convention {
  TERTIAL_SIGNS_LEDGER = 0,         /**< revenue negative, costs positive (the report's own) */
  TERTIAL_SIGNS_COSTS_NEGATIVE = 1, /**< costs negative, revenue positive */
  TERTIAL_SIGNS_POSITIVE = 2,       /**< revenue and costs positive, nets as net cost */
} tertial_sign_convention;

/** The sign of the deviation columns. */
typedef enum tertial_deviation_sign {
  TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME = 0, /**< negative = worse than budget (default) */
  TERTIAL_DEVIATION_OUTCOME_MINUS_BUDGET = 1, /**< negative = better than budget */
} tertial_deviation_sign;

/** A presentation (see the file's description). */
typedef struct tertial_presentation tertial_presentation;

/**
 * A default presentation: the eight columns, the ledger's signs, budget − outcome, the
 * renderer's unit and decimals, the report's headers.
 * @param out receives it; free with tertial_presentation_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_presentation_new(tertial_presentation **out);

/** Free a presentation (NULL-safe). */
TERTIAL_API void tertial_presentation_free(tertial_presentation *p);

/**
 * Choose the follow-up columns and their order.
 * @param keys column keys (see the file's description), each at most once.
 * @param n their number; 0: the eight columns (the default).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (an unknown key; the message names it),
 *         ::TERTIAL_ERR_EXISTS (a key twice), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_presentation_set_columns(tertial_presentation *p, const char *const *keys, size_t n);

/** Choose the sign convention. @return 0, ::TERTIAL_ERR_INVALID. */
TERTIAL_API int tertial_presentation_set_signs(tertial_presentation *p, tertial_sign_convention signs);

/** Choose the deviation sign. @return 0, ::TERTIAL_ERR_INVALID. */
TERTIAL_API int tertial_presentation_set_deviation(tertial_presentation *p, tertial_deviation_sign deviation);

/**
 * Choose the unit and decimals of amounts.
 * @param unit a ::tertial_money_unit, or -1 for the renderer's own (then @p decimals must be -1).
 * @param decimals 0..3 (0..2 in kr).
 * @return 0, ::TERTIAL_ERR_RANGE (decimals), ::TERTIAL_ERR_INVALID (unit).
 */
TERTIAL_API int tertial_presentation_set_unit(tertial_presentation *p, int unit, int decimals);

/**
 * Set the header of the columns with a key (copied); NULL or "" restores the report's header.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL or empty key).
 */
TERTIAL_API int tertial_presentation_set_header(tertial_presentation *p, const char *key, const char *header);

/**
 * Read a presentation from its text form (see the file's description).
 * @param out receives it; free with tertial_presentation_free().
 * @param text NUL-terminated UTF-8.
 * @param source the name messages start with ("source:line: ...").
 * @return 0, ::TERTIAL_ERR_PARSE (the message names source, line and what was expected),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_presentation_parse(tertial_presentation **out, const char *text, const char *source);

/**
 * Read a presentation from a file in the text form.
 * @return as tertial_presentation_parse(), and ::TERTIAL_ERR_IO (the message names the path),
 *         ::TERTIAL_ERR_RANGE (a file over 512 MiB).
 */
TERTIAL_API int tertial_presentation_load(tertial_presentation **out, const char *path);

/** Number of chosen follow-up columns (the eight when none were chosen); 0 for NULL. */
TERTIAL_API size_t tertial_presentation_column_count(const tertial_presentation *p);

/** Key of chosen column @p index (borrowed); NULL if out of range. */
TERTIAL_API const char *tertial_presentation_column_at(const tertial_presentation *p, size_t index);

/** The sign convention (::TERTIAL_SIGNS_LEDGER for NULL). */
TERTIAL_API tertial_sign_convention tertial_presentation_signs(const tertial_presentation *p);

/** The deviation sign (::TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME for NULL). */
TERTIAL_API tertial_deviation_sign tertial_presentation_deviation(const tertial_presentation *p);

/** The unit, -1 for the renderer's own (and for NULL). */
TERTIAL_API int tertial_presentation_unit(const tertial_presentation *p);

/** The decimals, -1 for the renderer's own (and for NULL). */
TERTIAL_API int tertial_presentation_decimals(const tertial_presentation *p);

/** The header set for a column key (borrowed), or NULL when the report's header stands. */
TERTIAL_API const char *tertial_presentation_header(const tertial_presentation *p, const char *key);

TERTIAL_END_DECLS

#endif
