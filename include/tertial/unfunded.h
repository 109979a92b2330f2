/**
 * @file unfunded.h
 * @brief Unfunded decisions (ofinansierade beslut): decisions that commit a committee to a cost
 *        without, or with only part of, the funding for it.
 *
 * Seed 003 (Vallentuna's social services) names unfunded decisions among the causes of a deficit
 * that the forecasts did not foresee, and asks how they are to be handled. Each decision here has
 * the committee it burdens, the date, the body that decided it, a description, the cost per year
 * (öre) and its funding: none, or a part of the cost. The *unfunded part* of a decision is its cost
 * less its funded amount; the list sums it per committee and in total, exactly.
 * @code
 * tertial_unfunded *u;
 * tertial_unfunded_new(&u);
 * tertial_unfunded_load(u, "ofinansierade.csv");
 * int64_t total;
 * tertial_unfunded_total(&total, u, "Socialnämnden"); // NULL for every committee
 * tertial_unfunded_free(u);
 * @endcode
 */
#ifndef TERTIAL_UNFUNDED_H
#define TERTIAL_UNFUNDED_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

TERTIAL_BEGIN_DECLS

/** How a decision is funded. */
typedef enum tertial_funding {
  TERTIAL_FUNDING_NONE = 0,    /**< ingen: no funding at all */
  TERTIAL_FUNDING_PARTIAL = 1, /**< delvis: part of the cost is funded */
} tertial_funding;

/** The version of ::tertial_unfunded_decision this header declares. */
#define TERTIAL_UNFUNDED_DECISION_VERSION 1

/** An unfunded decision. Initialise with ::TERTIAL_UNFUNDED_DECISION_INIT; strings may be NULL (""). */
typedef struct tertial_unfunded_decision {
  unsigned int version;    /**< ::TERTIAL_UNFUNDED_DECISION_VERSION */
  const char *code;        /**< unique, non-empty, e.g. a diarienummer "SN 2017/45" */
  const char *committee;   /**< the committee that bears the cost, non-empty, e.g. "Socialnämnden" */
  tertial_date decided;    /**< the decision's date (a valid date) */
  const char *decided_by;  /**< the body that decided, e.g. "Kommunfullmäktige" */
  const char *description; /**< what was decided */
  int64_t cost;            /**< the cost per year, öre, more than 0 */
  tertial_funding funding; /**< none or partial */
  int64_t funded;          /**< öre a year funded: 0 for none; more than 0 and less than the cost for partial */
} tertial_unfunded_decision;

/** A decision without funding, cost 0 (to be set), no texts. */
#define TERTIAL_UNFUNDED_DECISION_INIT                                                                    \
  {                                                                                                       \
    TERTIAL_UNFUNDED_DECISION_VERSION, NULL, NULL, {0, 0, 0}, NULL, NULL, 0, TERTIAL_FUNDING_NONE, 0       \
  }

/** A list of unfunded decisions (opaque). */
typedef struct tertial_unfunded tertial_unfunded;

/**
 * Create an empty list.
 * @param out receives it; free with tertial_unfunded_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_unfunded_new(tertial_unfunded **out);

/** Free a list (NULL-safe). */
TERTIAL_API void tertial_unfunded_free(tertial_unfunded *list);

/**
 * Add a decision (copied).
 * @return 0, ::TERTIAL_ERR_EXISTS (the code is taken), ::TERTIAL_ERR_RANGE (a date that is not a
 *         date; a cost of 0 or less or beyond ±::TERTIAL_MONEY_MAX_AMOUNT (budget.h); a funded amount that
 *         does not fit the funding), ::TERTIAL_ERR_INVALID (an empty code or committee, text that
 *         is not UTF-8, an unknown version or funding), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_unfunded_add(tertial_unfunded *list, const tertial_unfunded_decision *d);

/**
 * Read decisions from a table (';', ',' or TAB separated; the first line names the columns, in
 * Swedish or English: kod/code (or diarienummer), nämnd/committee, datum/date (YYYY-MM-DD),
 * beslutsorgan/decided by, beskrivning/description, kostnad/cost (per year; in tkr when the
 * header says "tkr", else in kr), finansiering/funding (ingen/none or delvis/partial; empty is
 * ingen) and finansierat/funded (the funded amount per year, in tkr when its header says so))
 * and add them, all or none.
 * @param source the file's name in messages.
 * @return 0, ::TERTIAL_ERR_PARSE (source:line:column, the column and what was expected),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID. On an error nothing is added.
 */
TERTIAL_API int tertial_unfunded_parse(tertial_unfunded *list, const char *text, size_t len, const char *source);

/**
 * Read decisions from a file (as tertial_unfunded_parse()).
 * @return as tertial_unfunded_parse(), and ::TERTIAL_ERR_IO.
 */
TERTIAL_API int tertial_unfunded_load(tertial_unfunded *list, const char *path);

/** Number of decisions (0 for NULL). */
TERTIAL_API size_t tertial_unfunded_count(const tertial_unfunded *list);

/** Decision @p index in the order added (borrowed), NULL if out of range. */
TERTIAL_API const tertial_unfunded_decision *tertial_unfunded_at(const tertial_unfunded *list, size_t index);

/**
 * The unfunded part of decision @p index: its cost less its funded amount, öre a year.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_unfunded_gap(int64_t *out, const tertial_unfunded *list, size_t index);

/**
 * The sum of the unfunded parts of one committee's decisions, or of all.
 * @param committee a committee as the decisions name it (letter case ignored), NULL for all.
 * @return 0 (0 öre for a committee without decisions), ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_unfunded_total(int64_t *out, const tertial_unfunded *list, const char *committee);

/** Number of committees the decisions name (each once, letter case ignored). */
TERTIAL_API size_t tertial_unfunded_committee_count(const tertial_unfunded *list);

/**
 * Committee @p index, in the order of its first decision, with its decisions' count and the sum of
 * their unfunded parts.
 * @param name receives the committee as its first decision names it (borrowed).
 * @param decisions receives the number of its decisions (may be NULL).
 * @param total receives the sum of their unfunded parts, öre a year (may be NULL).
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_unfunded_committee_at(const char **name, size_t *decisions, int64_t *total,
                                              const tertial_unfunded *list, size_t index);

/** The Swedish name of a funding: "ingen", "delvis"; "" if unknown. */
TERTIAL_API const char *tertial_funding_name(tertial_funding funding);

TERTIAL_END_DECLS

#endif
