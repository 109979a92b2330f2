#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"
#include "ledger_internal.h"

struct tertial__accruals {
  tertial_accrual *items;
  size_t n, cap;
};

void tertial__accruals_free(tertial__accruals *accruals)
{
  if (!accruals)
    return;
  for (size_t i = 0; i < accruals->n; i++) {
    free((char *)accruals->items[i].account);
    free((char *)accruals->items[i].reason);
  }
  free(accruals->items);
  free(accruals);
}

static tertial__accruals *list_of(tertial_model *model)
{
  tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  return plan ? *tertial__plan_accruals(plan) : NULL;
}

int tertial_accrual_measure(tertial_model *model)
{
  return model ? tertial__ledger_lookup_measure(tertial_model_ledger(model), TERTIAL_ACCRUAL_MEASURE_NAME) : -1;
}

int tertial_accrual_add(tertial_model *model, tertial_unit_id unit, const char *account_number, int month,
                        int64_t amount, const char *reason)
{
  if (!model || !account_number || !reason || !*reason)
    return tertial__error(TERTIAL_ERR_INVALID, "an accrual needs a model, an account and a reason");
  tertial_account_id account;
  int rc = tertial_chart_find(&account, tertial_model_chart(model), account_number);
  if (rc < 0)
    return rc;
  /* checked before the first accrual creates its ledger measure, so bad input leaves no trace */
  if (unit >= tertial_org_unit_count(tertial_model_org(model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "accrual: no unit with id %u", (unsigned)unit);
  if (month < 0 || month > 11)
    return tertial__error(TERTIAL_ERR_RANGE, "accrual: month index %d outside 0..11", month);
  tertial_ledger *ledger = tertial_model_ledger(model);
  int measure = tertial_accrual_measure(model);
  if (measure < 0 && (rc = tertial_ledger_add_measure(&measure, ledger, TERTIAL_ACCRUAL_MEASURE_NAME)) < 0)
    return rc;
  tertial__accruals **list = tertial__plan_accruals(tertial_model_forecast_plan(model));
  if (!*list && !(*list = tertial__calloc(1, sizeof **list)))
    return TERTIAL_ERR_NOMEM;
  rc = tertial__grow((void **)&(*list)->items, &(*list)->cap, (*list)->n + 1, sizeof *(*list)->items);
  char *acc = rc == 0 ? tertial__strdup(account_number) : NULL, *why = acc ? tertial__strdup(reason) : NULL;
  if (!why) {
    free(acc);
    return TERTIAL_ERR_NOMEM;
  }
  /* the ledger checks the unit and month and refuses an overflow before anything is recorded */
  rc = tertial_ledger_add(ledger, unit, account, month, measure, amount);
  if (rc < 0) {
    free(acc);
    free(why);
    return rc;
  }
  (*list)->items[(*list)->n++] = (tertial_accrual){unit, acc, month, amount, why};
  return 0;
}

size_t tertial_accrual_count(tertial_model *model)
{
  const tertial__accruals *list = model ? list_of(model) : NULL;
  return list ? list->n : 0;
}

const tertial_accrual *tertial_accrual_at(tertial_model *model, size_t index)
{
  const tertial__accruals *list = model ? list_of(model) : NULL;
  return list && index < list->n ? &list->items[index] : NULL;
}

int tertial_accrual_adjusted_outcome(tertial_adjusted_outcome *out, tertial_model *model, tertial_unit_id unit,
                                     int cutoff)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_accrual_adjusted_outcome: NULL argument");
  if (cutoff < 1 || cutoff > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "accruals: cut-off %d outside 1..12", cutoff);
  tertial_ledger *ledger = tertial_model_ledger(model);
  tertial_rowmap *map = tertial_model_rowmap(model);
  int result = tertial_rowmap_result_row(map), measure = tertial_accrual_measure(model);
  tertial_adjusted_outcome a = {0, 0, 0};
  int rc = tertial_ledger_row_total(&a.booked, ledger, map, unit, result, TERTIAL_MEASURE_OUTCOME, 0, cutoff - 1);
  if (rc == 0 && measure >= 0)
    rc = tertial_ledger_row_total(&a.accrued, ledger, map, unit, result, measure, 0, cutoff - 1);
  if (rc < 0)
    return rc;
  if (tertial__add_ovf(a.booked, a.accrued, &a.adjusted))
    return tertial__error(TERTIAL_ERR_OVERFLOW, "accruals: the adjusted outcome overflows");
  *out = a;
  return 0;
}
