/**
 * @file priorities_budget.h
 * @brief Decided proposals of the prioritisation model (priorities.h) feed the budget version they
 *        change.
 *
 * A proposal that the committee has decided (::TERTIAL_PROPOSAL_DECIDED) or lifted to the council
 * (::TERTIAL_PROPOSAL_LIFTED) changes next year's budget by its cost: tertial_proposals_apply()
 * adds each such proposal's cost, as an annual amount, to a budget version on the proposal's
 * unit and account, periodised with the key the model's key set resolves for them (budget.h),
 * exactly: the version's totals at the unit and each of its parents change by the sum of the
 * costs. Proposals still proposed by the administration change nothing.
 *
 * The model records every proposal applied to a version (its code, unit, account and amount), so
 * applying the same list again does not double an amount: a proposal already applied to the
 * version, or to a version it revises, with the same unit, account and cost is skipped; one
 * applied with another unit, account or cost is an error. The records are saved with the model
 * (store.h, schema 11).
 * @code
 * tertial_proposals_applied sum;
 * int rc = tertial_proposals_apply(&sum, model, proposal_version, proposals);
 * // sum.applied proposals, sum.total öre added
 * @endcode
 */
#ifndef TERTIAL_PRIORITIES_BUDGET_H
#define TERTIAL_PRIORITIES_BUDGET_H

#include "common.h"
#include "model.h"
#include "priorities.h"

TERTIAL_BEGIN_DECLS

/** What tertial_proposals_apply() did. */
typedef struct tertial_proposals_applied {
  size_t applied;     /**< decided proposals applied now */
  int64_t total;      /**< the sum of their costs, öre (negative: a net saving) */
  size_t already;     /**< decided proposals skipped: applied before, unchanged */
  size_t not_decided; /**< proposals left out: proposed by the administration only */
} tertial_proposals_applied;

/** A decided proposal as applied to a budget version (strings borrowed from the model). */
typedef struct tertial_applied_proposal {
  int measure;                /**< the budget version it was applied to */
  const char *code;           /**< the proposal's code */
  tertial_unit_id unit;       /**< the unit changed */
  tertial_account_id account; /**< the account changed */
  int64_t amount;             /**< the annual amount added, öre (the proposal's cost) */
} tertial_applied_proposal;

/**
 * Apply the decided proposals of a list (status decided or lifted) to a budget version: each
 * proposal's cost is added as an annual amount on its unit (tertial_proposal.unit, a unit code)
 * and account (tertial_proposal.account, an account number), periodised with the key the model
 * resolves for them, and recorded. All or nothing: on an error the version and the records are
 * as before.
 * @param out receives the summary (may be NULL).
 * @param measure a budget version that has not been revised.
 * @return 0; ::TERTIAL_ERR_INVALID (a decided proposal without a unit or account: the message
 *         names it; NULL model or list); ::TERTIAL_ERR_NOT_FOUND (not a budget version; a unit or
 *         account the model does not have, named with the proposal); ::TERTIAL_ERR_EXISTS (a
 *         proposal applied to the version before with another unit, account or cost);
 *         ::TERTIAL_ERR_STATE (the version has been revised); ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_proposals_apply(tertial_proposals_applied *out, tertial_model *model, int measure,
                                        const tertial_proposals *list);

/** Number of proposals applied to the model's budget versions (0 for NULL). */
TERTIAL_API size_t tertial_applied_proposal_count(const tertial_model *model);

/**
 * Applied proposal @p index, in the order applied.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_applied_proposal_at(tertial_applied_proposal *out, const tertial_model *model, size_t index);

TERTIAL_END_DECLS

#endif
