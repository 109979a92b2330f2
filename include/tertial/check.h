/**
 * @file check.h
 * @brief The consistency checker: relations a controller expects a report to satisfy.
 *
 * Each check recomputes a figure along a second path and compares:
 * - ::TERTIAL_FINDING_PARENT_SUM: a unit's total equals its own amounts plus its children's
 *   contributions (per column);
 * - ::TERTIAL_FINDING_CATEGORY_TOTAL: the result row of the report-row view equals the unit total;
 * - ::TERTIAL_FINDING_VIEW_MISMATCH: the same unit shows the same figures in the children view
 *   of its parent, in the subtree view and in its own table;
 * - ::TERTIAL_FINDING_ACCOUNT_ROLLUP: report-row figures equal the account-level ledger roll-up;
 * - ::TERTIAL_FINDING_MONTHS_SUM: the twelve monthly budgets sum to the annual budget;
 * - ::TERTIAL_FINDING_UNMAPPED: a revenue or cost account with amounts maps to no report row
 *   (its amounts are in no table; `row_code` is the account number, `found` the amount of the
 *   first non-zero column among Ack utfall, Årets budget and Fg bokslut);
 * - ::TERTIAL_FINDING_FORECAST_MISSING: a unit and row with amounts has no forecast (a warning;
 *   `found` is the annual budget used in its place, `expected` 0);
 * - ::TERTIAL_FINDING_ROUNDING, ::TERTIAL_FINDING_FORMULA: found by tertial_check_table() in a
 *   table as displayed.
 * Findings are data (unit, row, column, expected, found), not text.
 */
#ifndef TERTIAL_CHECK_H
#define TERTIAL_CHECK_H

#include "common.h"
#include "followup.h"
#include "money.h"

TERTIAL_BEGIN_DECLS

/** What a finding is about. */
typedef enum tertial_finding_kind {
  TERTIAL_FINDING_PARENT_SUM = 0,       /**< a total is not its own amounts plus its children's */
  TERTIAL_FINDING_CATEGORY_TOTAL = 1,   /**< the result row differs from the unit total */
  TERTIAL_FINDING_VIEW_MISMATCH = 2,    /**< a unit shows different figures in two views */
  TERTIAL_FINDING_ACCOUNT_ROLLUP = 3,   /**< report rows differ from the account-level roll-up */
  TERTIAL_FINDING_MONTHS_SUM = 4,       /**< the monthly budgets do not sum to the annual one */
  TERTIAL_FINDING_UNMAPPED = 5,         /**< an account with amounts maps to no report row */
  TERTIAL_FINDING_FORECAST_MISSING = 6, /**< a unit and row with amounts has no forecast */
  TERTIAL_FINDING_ROUNDING = 7,         /**< displayed parts do not add up to the displayed total */
  TERTIAL_FINDING_FORMULA = 8,          /**< a displayed derived column contradicts its formula */
} tertial_finding_kind;

/** Severity of a finding. */
typedef enum tertial_severity {
  TERTIAL_SEVERITY_ERROR = 0,   /**< the figures contradict each other */
  TERTIAL_SEVERITY_WARNING = 1, /**< figures hold, but something needs attention */
} tertial_severity;

/** One finding (borrowed from its list). */
typedef struct tertial_finding {
  tertial_finding_kind kind; /**< what the finding is about */
  tertial_severity severity; /**< error or warning */
  const char *unit_code;  /**< the unit concerned */
  const char *row_code;   /**< the report row or account number concerned, "" if none */
  int column;             /**< a ::tertial_column, or -1 */
  int64_t expected;       /**< the value the relation requires (öre, or display steps for ROUNDING) */
  int64_t found;          /**< the value found */
} tertial_finding;

/** A list of findings. */
typedef struct tertial_findings tertial_findings;

/**
 * Check the subtree under @p unit at a cut-off (every unit of the subtree as it stands at the
 * cut-off month, and every child it had during the year).
 * @param out receives the findings (possibly none); free with tertial_findings_free().
 * @param budget_measure -1 for the model's current budget.
 * @return 0 (whatever was found), ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_RANGE,
 *         ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_check_model(tertial_findings **out, tertial_model *model, tertial_unit_id unit,
                                    int cutoff, int budget_measure);

/**
 * Check a table as it would be displayed, rounded to @p unit and @p decimals half away from
 * zero line by line: that lines add up to the total (children view) or sum rows to their
 * children (rows view), and that deviation columns follow their formulas.
 * @param out receives the findings; free with tertial_findings_free().
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_check_table(tertial_findings **out, const tertial_followup *table,
                                    tertial_money_unit unit, int decimals);

/** Free a findings list (NULL-safe). */
TERTIAL_API void tertial_findings_free(tertial_findings *findings);

/** Number of findings. */
TERTIAL_API size_t tertial_findings_count(const tertial_findings *findings);

/** Number of findings of severity ::TERTIAL_SEVERITY_ERROR. */
TERTIAL_API size_t tertial_findings_error_count(const tertial_findings *findings);

/**
 * Finding @p index.
 * @return a pointer borrowed from @p findings; NULL if out of range.
 */
TERTIAL_API const tertial_finding *tertial_findings_at(const tertial_findings *findings, size_t index);

/** A short English name of a finding kind ("parent-sum", ...); NULL if unknown. */
TERTIAL_API const char *tertial_finding_kind_name(tertial_finding_kind kind);

TERTIAL_END_DECLS

#endif
