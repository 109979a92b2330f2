/* Decided proposals feed the budget version they change (priorities_budget.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "plan_internal.h"
#include "tertial/budget.h"

/* What one decided proposal changes, resolved before anything is changed. */
typedef struct change {
  const tertial_proposal *p;
  tertial_unit_id unit;
  tertial_account_id account;
  int skip; /* applied before, unchanged */
  int64_t old[12];
} change;

static int decided(const tertial_proposal *p)
{
  return p->status == TERTIAL_PROPOSAL_DECIDED || p->status == TERTIAL_PROPOSAL_LIFTED;
}

/* The record of a proposal applied to `measure` or a version it revises; NULL when none. */
static const tertial_applied_proposal *applied_before(const tertial_model *model, int measure, const char *code)
{
  for (int m = measure, steps = 0; m >= 0 && steps < 1 << 20; m = tertial__budget_revises(model, m), steps++)
    for (size_t i = 0; i < tertial__budget_applied_count(model); i++) {
      const tertial_applied_proposal *r = tertial__budget_applied_at(model, i);
      if (r->measure == m && strcmp(r->code, code) == 0)
        return r;
    }
  return NULL;
}

/* Resolve a decided proposal's unit and account and whether it was applied before. */
static int resolve(change *c, tertial_model *model, int measure, const char *version)
{
  const tertial_proposal *p = c->p;
  if (!p->unit || !*p->unit || !p->account || !*p->account)
    return tertial__error(TERTIAL_ERR_INVALID,
                          "proposal %s is %s but has no %s: the budget it changes needs a unit (enhet) and an "
                          "account (konto)",
                          p->code, tertial_proposal_status_name(p->status), !p->unit || !*p->unit ? "unit" : "account");
  if (tertial_org_find(&c->unit, tertial_model_org(model), p->unit) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "proposal %s: the model has no unit \"%s\"", p->code, p->unit);
  if (tertial_chart_find(&c->account, tertial_model_chart(model), p->account) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "proposal %s: the model has no account \"%s\"", p->code, p->account);
  const tertial_applied_proposal *r = applied_before(model, measure, p->code);
  if (!r)
    return 0;
  if (r->unit != c->unit || r->account != c->account || r->amount != p->cost)
    return tertial__error(TERTIAL_ERR_EXISTS,
                          "proposal %s was applied to budget version \"%s\" before with another unit, account or "
                          "cost (%lld öre); make a new version rather than change it twice",
                          p->code, version, (long long)r->amount);
  c->skip = 1;
  return 0;
}

int tertial_proposals_apply(tertial_proposals_applied *out, tertial_model *model, int measure,
                            const tertial_proposals *list)
{
  if (!model || !list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_proposals_apply: expected a model and proposals");
  tertial_budget_version v;
  int rc = tertial_budget_version_of(&v, model, measure);
  if (rc < 0)
    return rc;
  if (v.revised_by >= 0)
    return tertial__error(TERTIAL_ERR_STATE, "budget: version \"%s\" has been revised by \"%s\"; apply to the revision",
                          v.name, tertial_ledger_measure_name(tertial_model_ledger(model), v.revised_by));
  size_t n = tertial_proposals_count(list), nchanges = 0;
  tertial_proposals_applied sum = {0, 0, 0, 0};
  change *changes = tertial__calloc(n ? n : 1, sizeof *changes);
  if (!changes)
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const tertial_proposal *p = tertial_proposals_at(list, i);
    if (!decided(p)) {
      sum.not_decided++;
      continue;
    }
    change *c = &changes[nchanges++];
    c->p = p;
    rc = resolve(c, model, measure, v.name);
    if (rc == 0 && c->skip)
      sum.already++;
    else if (rc == 0 && (rc = tertial_money_add(&sum.total, sum.total, p->cost)) < 0)
      rc = tertial__error(TERTIAL_ERR_OVERFLOW, "the decided proposals' costs do not sum within int64 öre");
  }
  /* apply, keeping each change's months before for a rollback */
  size_t records = tertial__budget_applied_count(model), done = 0;
  for (; rc == 0 && done < nchanges; done++) {
    change *c = &changes[done];
    if (c->skip)
      continue;
    tertial_applied_proposal r = {measure, c->p->code, c->unit, c->account, c->p->cost};
    rc = tertial__budget_add_annual(model, measure, c->unit, c->account, c->p->cost, c->old);
    if (rc < 0) {
      char why[512]; /* copied: the error's buffer is written again */
      snprintf(why, sizeof why, "%s", tertial_error_last());
      rc = tertial__error(rc, "proposal %s: %s", c->p->code, why);
      break;
    }
    if ((rc = tertial__budget_applied_add(model, &r)) < 0) {
      tertial__budget_put_months(model, measure, c->unit, c->account, c->old);
      break;
    }
    sum.applied++;
  }
  if (rc < 0) {
    while (done-- > 0)
      if (!changes[done].skip)
        tertial__budget_put_months(model, measure, changes[done].unit, changes[done].account, changes[done].old);
    tertial__budget_applied_truncate(model, records);
  }
  free(changes);
  if (rc == 0 && out)
    *out = sum;
  return rc;
}

size_t tertial_applied_proposal_count(const tertial_model *model)
{
  return tertial__budget_applied_count(model);
}

int tertial_applied_proposal_at(tertial_applied_proposal *out, const tertial_model *model, size_t index)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_applied_proposal_at: NULL argument");
  const tertial_applied_proposal *r = tertial__budget_applied_at(model, index);
  if (!r)
    return tertial__error(TERTIAL_ERR_RANGE, "no applied proposal %zu (the model has %zu)", index,
                          tertial__budget_applied_count(model));
  *out = *r;
  return 0;
}
