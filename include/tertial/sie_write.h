/**
 * @file sie_write.h
 * @brief Writing a model's figures as an SIE type 3 file: outcome as \#PSALDO, a budget or
 *        forecast as \#PBUDGET, for the units as objects of a dimension, in PC8 with \#KSUMMA.
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

/** Current version of ::tertial_sie_write_options. */
#define TERTIAL_SIE_WRITE_OPTIONS_VERSION 1

/** Options of the writer. Initialise with ::TERTIAL_SIE_WRITE_OPTIONS_INIT. */
typedef struct tertial_sie_write_options {
  unsigned int version;       /**< ::TERTIAL_SIE_WRITE_OPTIONS_VERSION */
  int budget_measure;         /**< the measure written as \#PBUDGET: a budget measure (2, 3, ...),
                                   ::TERTIAL_SIE_CURRENT_BUDGET (default) or ::TERTIAL_SIE_NO_BUDGET */
  int outcome;                /**< 1 (default): outcome as \#PSALDO of year 0; 0: not written */
  int prior;                  /**< 1 (default): prior-year outcome as \#PSALDO of year -1 */
  int dimension;              /**< the dimension the units are objects of; 0 means 1 */
  const char *dimension_name; /**< \#DIM name; NULL: "Ansvar" */
  const char *company;        /**< \#FNAMN; NULL: "" */
  const char *orgnr;          /**< \#ORGNR; NULL: no \#ORGNR record */
  const char *program;        /**< \#PROGRAM name; NULL: "Tertial" (the version is the library's) */
  tertial_date generated;     /**< \#GEN; {0, 0, 0}: today (local time) */
} tertial_sie_write_options;

/** Defaults: outcome, prior-year outcome and the current budget, units as dimension 1. */
#define TERTIAL_SIE_WRITE_OPTIONS_INIT                                                          \
  { TERTIAL_SIE_WRITE_OPTIONS_VERSION, TERTIAL_SIE_CURRENT_BUDGET, 1, 1, 1, NULL, NULL, NULL, \
    NULL, { 0, 0, 0 } }

/** What the writer wrote. */
typedef struct tertial_sie_write_summary {
  size_t units;              /**< \#OBJEKT records */
  size_t accounts;           /**< \#KONTO records */
  uint64_t psaldo;           /**< \#PSALDO records, account totals included */
  uint64_t pbudget;          /**< \#PBUDGET records, account totals included */
  int64_t outcome;           /**< öre of outcome written on units (the sum of the totals too) */
  int64_t prior;             /**< öre of prior-year outcome written on units */
  int64_t budget;            /**< öre of budget written on units */
  uint64_t replaced;         /**< characters replaced ('?', space or '/', see the file's text) */
  uint32_t checksum;         /**< the CRC-32 in the closing \#KSUMMA */
  size_t bytes;              /**< size of the file */
} tertial_sie_write_summary;

/**
 * Write a model's outcome, prior-year outcome and a budget as an SIE type 3 file, atomically:
 * the file appears complete or not at all (an existing file is replaced only on success).
 * @param out_summary receives what was written; may be NULL.
 * @param model the model (read; not changed).
 * @param path the file to write.
 * @param options NULL for ::TERTIAL_SIE_WRITE_OPTIONS_INIT.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (budget_measure is no budget measure),
 *         ::TERTIAL_ERR_OVERFLOW (an account total of a month does not fit in int64 öre),
 *         ::TERTIAL_ERR_IO (the message names the file), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID (NULL argument, bad options).
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
