/**
 * @file ledger.h
 * @brief Amounts by (unit, account, month, measure), accumulation and roll-up.
 *
 * A ledger covers one fiscal year. A *measure* says what an amount is: outcome (utfall),
 * prior-year outcome (the same months of the previous fiscal year), or a budget version.
 * Amounts follow the finance system's sign: revenue negative, cost positive.
 *
 * Roll-up adds every unit's amounts to all its ancestors, month by month, using the parent
 * in force in that month (see tertial_org_move()). Prior-year outcome is rolled up by the
 * current year's organisation of the same month, so comparison figures follow a moved unit
 * (restated comparatives). Roll-up happens on demand after any change; call
 * tertial_ledger_rollup() to do it at a chosen moment (afterwards reads do not modify the ledger
 * and may run concurrently in several threads).
 *
 * The ledger borrows the organisation and chart it was made with: they must outlive it.
 * Units and accounts added to them later can be used at once.
 */
#ifndef TERTIAL_LEDGER_H
#define TERTIAL_LEDGER_H

#include "common.h"
#include "accounts.h"
#include "calendar.h"
#include "org.h"

TERTIAL_BEGIN_DECLS

/** Measure id of outcome (utfall). */
#define TERTIAL_MEASURE_OUTCOME 0
/** Measure id of prior-year outcome (föregående års utfall). */
#define TERTIAL_MEASURE_PRIOR 1
/** Account argument meaning "all accounts" in tertial_ledger_total(). */
#define TERTIAL_ALL_ACCOUNTS ((tertial_account_id)0xffffffffu)

/** A ledger of one fiscal year. */
typedef struct tertial_ledger tertial_ledger;

/**
 * Create an empty ledger with the measures outcome and prior-year outcome.
 * @param out receives the ledger; free with tertial_ledger_free().
 * @param org, chart borrowed; must outlive the ledger.
 * @param fy the fiscal year (copied).
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_new(tertial_ledger **out, const tertial_org *org, const tertial_chart *chart,
                                   const tertial_fiscal_year *fy);

/** Free a ledger (NULL-safe). */
TERTIAL_API void tertial_ledger_free(tertial_ledger *ledger);

/** The ledger's fiscal year (borrowed). */
TERTIAL_API const tertial_fiscal_year *tertial_ledger_fiscal_year(const tertial_ledger *ledger);

/**
 * Add a budget measure (a budget version's monthly amounts).
 * @param out_measure receives its id (2, 3, ...).
 * @param name unique name, e.g. "Budget 2026" (copied).
 * @return 0, ::TERTIAL_ERR_EXISTS, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_add_measure(int *out_measure, tertial_ledger *ledger, const char *name);

/** Number of measures (at least 2). */
TERTIAL_API size_t tertial_ledger_measure_count(const tertial_ledger *ledger);

/** Name of a measure ("Utfall", "Föregående år", or the budget's name); NULL if out of range. */
TERTIAL_API const char *tertial_ledger_measure_name(const tertial_ledger *ledger, int measure);

/**
 * Find a measure by name.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_find_measure(int *out_measure, const tertial_ledger *ledger, const char *name);

/**
 * Accumulate an amount (adds to what is there).
 * @param month 0..11, index within the fiscal year.
 * @return 0, ::TERTIAL_ERR_OVERFLOW (nothing changed), ::TERTIAL_ERR_NOT_FOUND (unit, account
 *         or measure), ::TERTIAL_ERR_RANGE (month), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_add(tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account,
                                   int month, int measure, int64_t amount);

/**
 * Replace an amount (the amount booked on the unit itself for that account, month and measure).
 * @return as tertial_ledger_add().
 */
TERTIAL_API int tertial_ledger_set(tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account,
                                   int month, int measure, int64_t amount);

/**
 * Add every amount of measure @p src into measure @p dst (e.g. a budget revision starting from
 * the version it revises). On overflow nothing is changed.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (measure), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_copy_measure(tertial_ledger *ledger, int dst, int src);

/**
 * Accumulate an amount of a period (yyyymm). For ::TERTIAL_MEASURE_PRIOR the period may lie
 * in the previous fiscal year (it is stored at the same month index); for other measures it
 * must lie in the ledger's year.
 * @return as tertial_ledger_add(); ::TERTIAL_ERR_RANGE for a period outside the year.
 */
TERTIAL_API int tertial_ledger_add_period(tertial_ledger *ledger, tertial_unit_id unit,
                                          tertial_account_id account, int period, int measure,
                                          int64_t amount);

/**
 * Accumulate an amount addressed by codes (unit code, account number); both must exist.
 * @return as tertial_ledger_add(); ::TERTIAL_ERR_NOT_FOUND names the unknown code.
 */
TERTIAL_API int tertial_ledger_add_by_code(tertial_ledger *ledger, const char *unit_code,
                                           const char *account_number, int month, int measure,
                                           int64_t amount);

/**
 * The amount booked on a unit itself (not its descendants) for one account and month.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_get(int64_t *out, const tertial_ledger *ledger, tertial_unit_id unit,
                                   tertial_account_id account, int month, int measure);

/**
 * Roll up now. Needed only to control when the work is done; reads roll up on demand.
 * @return 0, ::TERTIAL_ERR_OVERFLOW (a total does not fit; totals are then unavailable),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_rollup(tertial_ledger *ledger);

/**
 * Rolled-up total of a unit's subtree (the unit itself plus descendants in force in each month)
 * for one account or ::TERTIAL_ALL_ACCOUNTS, one measure, months @p first..@p last (inclusive).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_total(int64_t *out, tertial_ledger *ledger, tertial_unit_id unit,
                                     tertial_account_id account, int measure, int first, int last);

/**
 * Rolled-up total of a unit's subtree for one report row of @p map (a line row: its accounts;
 * a sum row: its lines; an internal row: the internal accounts among its parent's lines).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_STATE (invalid map),
 *         ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_row_total(int64_t *out, tertial_ledger *ledger, const tertial_rowmap *map,
                                         tertial_unit_id unit, int row, int measure, int first, int last);

/** Number of (unit, account) lines with amounts booked directly. */
TERTIAL_API size_t tertial_ledger_line_count(const tertial_ledger *ledger);

TERTIAL_END_DECLS

#endif
