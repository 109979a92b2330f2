/**
 * @file sie_write.h
 * @brief Writing a model's figures as an SIE type 3 file (outcome as \#PSALDO) or type 4 file
 *        (outcome as vouchers, \#VER/\#TRANS), a budget or forecast as \#PBUDGET, for the units
 *        as objects of a dimension, in PC8 with \#KSUMMA.
 *
 * The file a finance system imports: identification records, \#RAR for the model's fiscal
 * year (and the year before when prior-year outcome is written), \#DIM and one \#OBJEKT per
 * unit of the organisation, \#KONTO and \#KTYP for every account of the chart, then per
 * account and month:
 * - `#PSALDO 0 period account {} total` with the sum over all units, followed by
 *   `#PSALDO 0 period account {1 "unit"} amount` for every unit with an amount booked on the
 *   unit itself (its own amounts, not rolled up: SIE objects are flat), as type 3 files do
 *   (tertial_sie_load_file() reads this back without double counting);
 * - the same with year -1 for prior-year outcome, and as \#PBUDGET for a budget measure.
 * A forecast is written the same way once it is held at account level in a budget measure
 * (e.g. a measure "Prognos T2" made with tertial_ledger_add_measure()); the row-level
 * forecasts of tertial_model_set_forecast() have no accounts and are not written.
 *
 * **Type 4** (tertial_sie_write_options::sie_type = 4): the file says `#SIETYP 4` and the
 * outcome of year 0 is written as vouchers instead of \#PSALDO, one per month with outcome:
 * @code
 * #VER "A" 1 20260131 "Utfall januari 2026"
 * {
 * #TRANS 3511 {1 "6410"} -1922500.00
 * ...
 * #TRANS 1930 {1 "K"} -1627500.00
 * }
 * @endcode
 * series "A", number = the month of the fiscal year (1 to 12), date = the month's last day,
 * one \#TRANS per account and unit with an own amount that month (in account, then unit
 * order), and one balancing \#TRANS on tertial_sie_write_options::balance_account, on the first
 * root unit of the organisation, so that the voucher sums to 0 (a month whose amounts sum to 0
 * has no balancing line). The balancing account is written as \#KONTO "Bank" (or "Motkonto"
 * for another number) with \#KTYP T when the chart lacks it. Prior-year outcome stays
 * \#PSALDO of year -1 (allowed in type 4) and the budget \#PBUDGET. tertial_sie_load_file()
 * reads such a file back with the outcome from \#TRANS (its default for type 4): every amount
 * on its unit, account and month, and the balancing amounts on the root unit's balance-sheet
 * account, which the Kommun-Bas row mapping leaves unmapped (classes 1-2), so the reports do
 * not show them.
 *
 * Text is converted from UTF-8 to IBM code page 437 ("PC8", the only character set the
 * specification allows). A character PC8 lacks is written as '?', a control character as a
 * space, and a backslash that would stand before a quote as '/'; each is counted in
 * tertial_sie_write_summary::replaced. The file carries a \#KSUMMA pair whose CRC-32 the reader
 * verifies. The unit's manager and an account's internal flag have no place in SIE and are
 * not written.
 * @code
 * tertial_sie_write_options o = TERTIAL_SIE_WRITE_OPTIONS_INIT;
 * o.company = "Exempelkommun";
 * o.budget_measure = revised;           // or -1: the model's current budget
 * if (tertial_sie_write_file(NULL, model, "budget.se", &o) < 0)
 *     fprintf(stderr, "%s\n", tertial_error_last());
 * @endcode
 */
#ifndef TERTIAL_SIE_WRITE_H
#define TERTIAL_SIE_WRITE_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** Value of tertial_sie_write_options::budget_measure: the model's current budget. */
#define TERTIAL_SIE_CURRENT_BUDGET (-1)
/** Value of tertial_sie_write_options::budget_measure: write no \#PBUDGET. */
#define TERTIAL_SIE_NO_BUDGET (-2)

/** Current version of ::tertial_sie_write_options (2 added @ref
 *  tertial_sie_write_options::sie_type and @ref tertial_sie_write_options::balance_account; a
 *  version-1 struct is accepted and written as type 3). */
#define TERTIAL_SIE_WRITE_OPTIONS_VERSION 2

/** Options of the writer. Initialise with ::TERTIAL_SIE_WRITE_OPTIONS_INIT. */
typedef struct tertial_sie_write_options {
  unsigned int version;       /**< ::TERTIAL_SIE_WRITE_OPTIONS_VERSION */
  int budget_measure;         /**< the measure written as \#PBUDGET: a budget measure (2, 3, ...),
                                   ::TERTIAL_SIE_CURRENT_BUDGET (default) or ::TERTIAL_SIE_NO_BUDGET */
  int outcome;                /**< 1 (default): outcome of year 0 (\#PSALDO, or vouchers in type 4);
                                   0: not written */
  int prior;                  /**< 1 (default): prior-year outcome as \#PSALDO of year -1 */
  int dimension;              /**< the dimension the units are objects of; 0 means 1 */
  const char *dimension_name; /**< \#DIM name; NULL: "Ansvar" */
  const char *company;        /**< \#FNAMN; NULL: "" */
  const char *orgnr;          /**< \#ORGNR; NULL: no \#ORGNR record */
  const char *program;        /**< \#PROGRAM name; NULL: "Tertial" (the version is the library's) */
  tertial_date generated;     /**< \#GEN; {0, 0, 0}: today (local time) */
  int sie_type;               /**< (version 2) 3 (default; 0 means 3): outcome as \#PSALDO;
                                   4: outcome as vouchers (\#VER/\#TRANS), see the file's text */
  const char *balance_account; /**< (version 2) type 4: the balance-sheet account that balances each
                                    voucher (1 to 10 digits; if in the chart, an asset or liability
                                    account without outcome of its own); NULL: "1930" */
} tertial_sie_write_options;

/** Defaults: type 3, outcome, prior-year outcome and the current budget, units as dimension 1. */
#define TERTIAL_SIE_WRITE_OPTIONS_INIT                                                          \
  { TERTIAL_SIE_WRITE_OPTIONS_VERSION, TERTIAL_SIE_CURRENT_BUDGET, 1, 1, 1, NULL, NULL, NULL, \
    NULL, { 0, 0, 0 }, 3, NULL }

/** What the writer wrote. */
typedef struct tertial_sie_write_summary {
  size_t units;              /**< \#OBJEKT records */
  size_t accounts;           /**< \#KONTO records (with a balancing account the chart lacks) */
  uint64_t psaldo;           /**< \#PSALDO records, account totals included */
  uint64_t pbudget;          /**< \#PBUDGET records, account totals included */
  int64_t outcome;           /**< öre of outcome written on units (the sum of the totals too; in
                                  type 4 without the balancing lines) */
  int64_t prior;             /**< öre of prior-year outcome written on units */
  int64_t budget;            /**< öre of budget written on units */
  uint64_t replaced;         /**< characters replaced ('?', space or '/', see the file's text) */
  uint32_t checksum;         /**< the CRC-32 in the closing \#KSUMMA */
  size_t bytes;              /**< size of the file */
  uint64_t vouchers;         /**< \#VER records (type 4: months with outcome) */
  uint64_t trans;            /**< \#TRANS records, the balancing lines included */
  int64_t balance;           /**< öre written on the balancing account (type 4: -outcome) */
} tertial_sie_write_summary;

/**
 * Write a model's outcome, prior-year outcome and a budget as an SIE type 3 or 4 file, atomically:
 * the file appears complete or not at all (an existing file is replaced only on success).
 * @param out_summary receives what was written; may be NULL.
 * @param model the model (read; not changed).
 * @param path the file to write.
 * @param options NULL for ::TERTIAL_SIE_WRITE_OPTIONS_INIT.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (budget_measure is no budget measure),
 *         ::TERTIAL_ERR_OVERFLOW (an account total of a month, or the sum of a type-4 voucher's
 *         amounts, does not fit in int64 öre),
 *         ::TERTIAL_ERR_IO (the message names the file), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID (NULL argument, bad options; a balance_account that is a revenue
 *         or cost account of the chart or carries outcome of year 0).
 */
TERTIAL_API int tertial_sie_write_file(tertial_sie_write_summary *out_summary, tertial_model *model,
                                       const char *path, const tertial_sie_write_options *options);

/**
 * The same file as bytes in memory (PC8, not NUL-terminated text in general).
 * @param out receives the bytes (with a NUL after them); free with tertial_free().
 * @param out_len receives the number of bytes.
 * @param out_summary receives what was written; may be NULL.
 * @param model the model (read; not changed).
 * @param options NULL for ::TERTIAL_SIE_WRITE_OPTIONS_INIT.
 * @return as tertial_sie_write_file() (no ::TERTIAL_ERR_IO).
 */
TERTIAL_API int tertial_sie_write_buffer(char **out, size_t *out_len, tertial_sie_write_summary *out_summary,
                                         tertial_model *model, const tertial_sie_write_options *options);

TERTIAL_END_DECLS

#endif
