/**
 * @file accrual.h
 * @brief Accruals: expected late invoices or revenue, shown as "justerat utfall" beside the
 *        booked outcome and never mixed into it.
 *
 * Outcome to date can be distorted by invoices or grants that arrive late (e.g. compensation
 * from the Migration Agency lagging months). A manager records the expected amount on the unit,
 * account and month it belongs to, with a reason. Accruals are kept in their own ledger measure
 * ("Periodiseringar"), so the booked outcome is untouched; the adjusted outcome is booked +
 * accrued.
 */
#ifndef TERTIAL_ACCRUAL_H
#define TERTIAL_ACCRUAL_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** Name of the ledger measure that holds accruals. */
#define TERTIAL_ACCRUAL_MEASURE_NAME "Periodiseringar"

/** An accrual (borrowed from its model). */
typedef struct tertial_accrual {
  tertial_unit_id unit; /**< the unit */
  const char *account; /**< account number */
  int month;           /**< 0..11 */
  int64_t amount;      /**< in the ledger's sign: expected revenue is negative */
  const char *reason;  /**< e.g. "Ersättning från Migrationsverket för kvartal 1" */
} tertial_accrual;

/**
 * Record an accrual.
 * @param account_number an account of the model's chart.
 * @param month 0..11. @param reason required (copied).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit, account), ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_accrual_add(tertial_model *model, tertial_unit_id unit, const char *account_number, int month,
                                    int64_t amount, const char *reason);

/** Number of accruals recorded. */
TERTIAL_API size_t tertial_accrual_count(tertial_model *model);

/** Accrual @p index in the order recorded (borrowed), NULL if out of range. */
TERTIAL_API const tertial_accrual *tertial_accrual_at(tertial_model *model, size_t index);

/**
 * The ledger measure holding accruals, or -1 when none has been recorded.
 */
TERTIAL_API int tertial_accrual_measure(tertial_model *model);

/** Booked, accrued and adjusted outcome of a subtree up to a cut-off. */
typedef struct tertial_adjusted_outcome {
  int64_t booked;   /**< Ack utfall */
  int64_t accrued;  /**< accruals up to the cut-off */
  int64_t adjusted; /**< justerat utfall = booked + accrued */
} tertial_adjusted_outcome;

/**
 * The adjusted outcome of a unit's subtree (result rows) from the first month to the cut-off.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_accrual_adjusted_outcome(tertial_adjusted_outcome *out, tertial_model *model,
                                                 tertial_unit_id unit, int cutoff);

TERTIAL_END_DECLS

#endif
