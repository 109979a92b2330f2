/**
 * @file budget.h
 * @brief Budget versions, periodisation of annual budgets and "ej fördelat".
 *
 * A *budget version* (the council's frame, a committee's adopted budget, the detailed budget
 * per unit, a revision) is a budget measure of the model's ledger plus metadata the model
 * keeps: kind, decision date, reason and who decided. A revision (ombudgetering,
 * tilläggsanslag) is a new version that starts as a copy of the version it revises; the earlier
 * version is never overwritten, and once revised it can no longer be changed through
 * tertial_budget_set_annual(). Follow-up uses the model's current budget
 * (tertial_model_set_current_budget()).
 *
 * Budget measures made without this module (the model's own "Budget", or
 * tertial_ledger_add_measure()) are versions too: of kind ::TERTIAL_BUDGET_ADOPTED, without a
 * decision date, reason or decision maker.
 *
 * An annual budget is set per (version, unit, account) and periodised into twelve months with
 * a key (keys.h): the one given, or the one the model's key set resolves for the unit and
 * account (with the organisation as it stands in the first month of the fiscal year).
 * @code
 * int adopted, revised;
 * tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
 * o.decided = (tertial_date){2025, 11, 20};
 * o.decided_by = "Socialnämnden";
 * tertial_budget_create(&adopted, model, "Budget 2026", &o);
 * tertial_budget_set_annual(model, adopted, hvb, acc_4610, 24000000 * 100LL, NULL);
 * o.kind = TERTIAL_BUDGET_REVISED;
 * o.reason = "Tilläggsanslag HVB";
 * tertial_budget_revise(&revised, model, adopted, "Budget 2026 rev 1", &o);
 * tertial_model_set_current_budget(model, revised);
 * @endcode
 */
#ifndef TERTIAL_BUDGET_H
#define TERTIAL_BUDGET_H

#include "common.h"
#include "keys.h"
#include "ledger.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** Kinds of budget versions. Append-only. */
typedef enum tertial_budget_kind {
  TERTIAL_BUDGET_FRAME = 0,    /**< the council's frame (KF:s ram) */
  TERTIAL_BUDGET_ADOPTED = 1,  /**< a committee's adopted budget (nämndbudget) */
  TERTIAL_BUDGET_DETAILED = 2, /**< the detailed budget per unit (detaljbudget) */
  TERTIAL_BUDGET_REVISED = 3,  /**< an in-year revision (ombudgetering, tilläggsanslag) */
  /** Budget preparation's first stage: the administrations' preliminary frames (förvaltningarnas
   *  preliminära ramar), from the financial goals; made new or revising any version but a
   *  later stage or an alternative. */
  TERTIAL_BUDGET_PRELIMINARY = 4,
  /** The council's Mål och resursplan (MoR, the goals and resources plan): revises a
   *  preliminary frame (or an earlier MoR). */
  TERTIAL_BUDGET_MOR = 5,
  /** The finansplan (financial plan): revises a MoR (or an earlier finansplan). */
  TERTIAL_BUDGET_FINANSPLAN = 6,
  /** An alternative budget (the opposition's, oppositionens budgetförslag): revises the version
   *  the majority's proposal revises; never continued by the chain, only by another alternative. */
  TERTIAL_BUDGET_ALTERNATIVE = 7,
} tertial_budget_kind;

/** Metadata of a new budget version. */
typedef struct tertial_budget_options {
  unsigned int version;     /**< ::TERTIAL_BUDGET_OPTIONS_VERSION */
  tertial_budget_kind kind; /**< what the version is */
  tertial_date decided;     /**< decision date; {0, 0, 0} when not known */
  const char *reason;       /**< why (copied; NULL means "") */
  const char *decided_by;   /**< who decided, e.g. "Kommunfullmäktige" (copied; NULL means "") */
} tertial_budget_options;

/** The current version of ::tertial_budget_options. */
#define TERTIAL_BUDGET_OPTIONS_VERSION 1
/** Defaults: an adopted budget with no decision date, reason or decision maker. */
#define TERTIAL_BUDGET_OPTIONS_INIT {TERTIAL_BUDGET_OPTIONS_VERSION, TERTIAL_BUDGET_ADOPTED, {0, 0, 0}, NULL, NULL}

/** A budget version as listed (strings borrowed from the model, valid while it lives). */
typedef struct tertial_budget_version {
  int measure;              /**< the ledger measure holding its amounts */
  const char *name;         /**< the measure's name */
  tertial_budget_kind kind; /**< what the version is */
  tertial_date decided;     /**< decision date; {0, 0, 0} when not known */
  const char *reason;       /**< "" when none */
  const char *decided_by;   /**< "" when none */
  int revises;              /**< the measure this version was derived from, -1 for none */
  int revised_by;           /**< the first version derived from this one, -1 for none; once a version that is
                                 not an alternative revises it, that one (the chain goes on there) */
} tertial_budget_version;

/**
 * Create an empty budget version (a new ledger budget measure with metadata).
 * @param out_measure receives the version's measure.
 * @param name unique measure name, e.g. "Budget 2026" (copied).
 * @param opts metadata; NULL means ::TERTIAL_BUDGET_OPTIONS_INIT.
 * @return 0, ::TERTIAL_ERR_EXISTS (name taken), ::TERTIAL_ERR_RANGE (invalid decision date),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL or empty name, unknown kind or options
 *         version), ::TERTIAL_ERR_STATE (a MoR, finansplan or alternative, which revise a version:
 *         tertial_budget_revise()).
 */
TERTIAL_API int tertial_budget_create(int *out_measure, tertial_model *model, const char *name,
                                      const tertial_budget_options *opts);

/**
 * Create a revision: a new version whose amounts start as a copy of version @p from. Version
 * @p from is left unchanged and is from now on closed for tertial_budget_set_annual().
 *
 * The stages of budget preparation follow each other (frames.h): a ::TERTIAL_BUDGET_MOR revises
 * a preliminary frame or a MoR, a ::TERTIAL_BUDGET_FINANSPLAN a MoR or a finansplan, a
 * ::TERTIAL_BUDGET_PRELIMINARY anything but a later stage or an alternative; a version of one of
 * these three kinds is the only such revision of @p from (the chain does not fork). An
 * alternative (::TERTIAL_BUDGET_ALTERNATIVE) is revised only by another alternative.
 * @param from the budget measure revised.
 * @return as tertial_budget_create(), and ::TERTIAL_ERR_NOT_FOUND (@p from is not a budget
 *         measure), ::TERTIAL_ERR_STATE (a stage out of order, a second continuation of the
 *         chain, an alternative continued by another kind: the message names both versions).
 */
TERTIAL_API int tertial_budget_revise(int *out_measure, tertial_model *model, int from, const char *name,
                                      const tertial_budget_options *opts);

/** Number of budget versions (the ledger's budget measures: measures 2, 3, ...). */
TERTIAL_API size_t tertial_budget_version_count(const tertial_model *model);

/**
 * Budget version @p index (0 is measure 2) with its metadata.
 * @param out receives the version.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_budget_version_at(tertial_budget_version *out, const tertial_model *model, size_t index);

/**
 * The budget version held in a measure.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (not a budget measure), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_budget_version_of(tertial_budget_version *out, const tertial_model *model, int measure);

/**
 * The model's key set, which tertial_budget_set_annual() resolves keys from. Created on first
 * use with the default "Tolftedelar" (equal twelfths).
 * @return the key set, borrowed (owned by the model); NULL if @p model is NULL or memory ran out.
 */
TERTIAL_API tertial_keyset *tertial_model_keys(tertial_model *model);

/**
 * The key tertial_budget_set_annual() would use for a unit and account without an explicit key.
 * @param out receives the key, borrowed from the model's key set.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit or account), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_budget_key_for(const tertial_key **out, tertial_model *model, tertial_unit_id unit,
                                       tertial_account_id account);

/**
 * The largest magnitude of an annual budget amount, in öre: 10^15 öre = 10 000 000 000 000 kr,
 * over a hundred times a year of the largest Swedish municipality. A larger amount is refused
 * with ::TERTIAL_ERR_OVERFLOW, so that the roll-ups of the periodised months cannot overflow
 * int64 öre: about 9 200 amounts at the bound still sum within it (INT64_MAX is 9.2 * 10^18).
 */
#define TERTIAL_MONEY_MAX_AMOUNT INT64_C(1000000000000000)

/**
 * Set the annual budget of a version for the amount booked on a unit itself and one account:
 * periodise it with @p key (NULL: the key the model's key set resolves) and replace the twelve
 * months with tertial_ledger_set(). A last-year key without amounts takes the prior-year outcome
 * booked on the same unit and account (::TERTIAL_MEASURE_PRIOR).
 * @param measure a budget version that has not been revised.
 * @param annual the annual amount in öre (negative for revenue); the months sum to it.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit, account, not a budget measure), ::TERTIAL_ERR_STATE
 *         (the version has been revised: change the revision instead), ::TERTIAL_ERR_RANGE
 *         (a working-days key outside the holiday years), ::TERTIAL_ERR_OVERFLOW (@p annual
 *         beyond ±::TERTIAL_MONEY_MAX_AMOUNT), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID. On error
 *         nothing is changed.
 */
TERTIAL_API int tertial_budget_set_annual(tertial_model *model, int measure, tertial_unit_id unit,
                                          tertial_account_id account, int64_t annual, const tertial_key *key);

/**
 * "Ej fördelat": the budget a parent holds that is not allocated to its children, i.e. the
 * budget booked on the unit itself (its total minus its children's totals). A month in which
 * the unit has no children counts 0: a leaf's own budget is allocated by definition.
 * @param out_year receives the sum over the fiscal year (may be NULL).
 * @param out_months receives the twelve months in fiscal-month order (may be NULL).
 * @param account one account or ::TERTIAL_ALL_ACCOUNTS.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit, account, not a budget measure),
 *         ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_budget_unallocated(int64_t *out_year, int64_t out_months[12], tertial_model *model,
                                           int measure, tertial_unit_id unit, tertial_account_id account);

/** One line of a comparison of two budget versions (tertial_budget_compare()). */
typedef struct tertial_budget_compare_line {
  tertial_unit_id unit; /**< the unit: the totals are of its subtree */
  int depth;            /**< levels below the comparison's root (0: the root) */
  int row;              /**< the report row, an index of the model's mapping (tertial_rowmap_row()) */
  int64_t a;            /**< version a's annual total of the row (öre, ledger sign: revenue negative) */
  int64_t b;            /**< version b's */
  int64_t difference;   /**< b − a */
} tertial_budget_compare_line;

/** A comparison of two budget versions: its lines, owned by it. */
typedef struct tertial_budget_comparison tertial_budget_comparison;

/**
 * Compare two budget versions (e.g. the administration's proposal and the council's frame, or
 * the majority's budget and the opposition's alternative) per unit and report row: for each unit
 * of @p root's subtree down to @p max_depth levels below it (in pre-order, the organisation as
 * it stands in the last month of the fiscal year), each row of the model's mapping in its order
 * where either version has an annual total other than zero: both totals (the unit's subtree,
 * the whole fiscal year) and their difference b − a. Exact; rows that are sums are sums of the
 * rows below them as in every follow-up table.
 * @param max_depth levels below the root, 0 for the root alone; negative for the whole subtree.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (a version that is not a budget measure, the unit),
 *         ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_budget_compare(tertial_budget_comparison **out, tertial_model *model, int version_a,
                                       int version_b, tertial_unit_id root, int max_depth);

/** Number of lines of a comparison. */
TERTIAL_API size_t tertial_budget_comparison_count(const tertial_budget_comparison *comparison);

/** Line @p index of a comparison (borrowed), NULL if out of range. */
TERTIAL_API const tertial_budget_compare_line *tertial_budget_comparison_at(const tertial_budget_comparison *comparison,
                                                                           size_t index);

/** Free a comparison (NULL is allowed). */
TERTIAL_API void tertial_budget_comparison_free(tertial_budget_comparison *comparison);

TERTIAL_END_DECLS

#endif
