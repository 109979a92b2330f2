#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MONTHS 12

static int64_t abs64(int64_t v, int *ovf)
{
  if (v == INT64_MIN) {
    *ovf = 1;
    return 0;
  }
  return v < 0 ? -v : v;
}

int tertial_accuracy_of(tertial_accuracy *out, tertial_model *model, const tertial_snapshot *snapshot,
                        tertial_unit_id unit)
{
  if (!out || !model || !snapshot)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_accuracy_of: NULL argument");
  tertial_accuracy a = {0};
  int rc = tertial_snapshot_total(&a.forecast, model, snapshot, unit);
  tertial_rowmap *map = tertial_model_rowmap(model);
  if (rc == 0)
    rc = tertial_ledger_row_total(&a.actual, tertial_model_ledger(model), map, unit, tertial_rowmap_result_row(map),
                                  TERTIAL_MEASURE_OUTCOME, 0, MONTHS - 1);
  if (rc < 0)
    return rc;
  int ovf = __builtin_sub_overflow(a.forecast, a.actual, &a.error);
  int64_t abs_error = abs64(a.error, &ovf), abs_actual = abs64(a.actual, &ovf);
  if (ovf)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "accuracy: the error is out of range");
  if (abs_actual != 0) {
    a.ape_valid = 1;
    a.ape = (int64_t)tertial__div_round((tertial_i128)abs_error * 10000, abs_actual);
  }
  *out = a;
  return 0;
}

int tertial_accuracy_summarise(tertial_accuracy_summary *out, tertial_model *model, tertial_unit_id unit)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_accuracy_summarise: NULL argument");
  size_t n = tertial_snapshot_count(model);
  if (n == 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "accuracy: the model has no snapshot");
  tertial_i128 errors = 0, abs_errors = 0, apes = 0;
  tertial_accuracy_summary s = {0};
  for (size_t i = 0; i < n; i++) {
    tertial_accuracy a;
    int rc = tertial_accuracy_of(&a, model, tertial_snapshot_at(model, i), unit);
    if (rc < 0)
      return rc;
    errors += a.error;
    abs_errors += a.error < 0 ? -(tertial_i128)a.error : a.error;
    if (a.ape_valid) {
      apes += a.ape;
      s.mape_points++;
    }
  }
  s.points = n;
  s.bias = (int64_t)tertial__div_round(errors, (tertial_i128)n);
  s.mean_abs_error = (int64_t)tertial__div_round(abs_errors, (tertial_i128)n);
  s.mape = s.mape_points ? (int64_t)tertial__div_round(apes, (tertial_i128)s.mape_points) : 0;
  *out = s;
  return 0;
}

typedef struct past_year {
  tertial_forecast_input input; /* outcome, budget and prior; the cut-off is set per run */
  tertial_i128 actual;          /* the year's total outcome */
} past_year;

struct tertial_backtest {
  past_year *years;
  size_t n, cap;
};

int tertial_backtest_new(tertial_backtest **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_backtest_new: out is NULL");
  *out = tertial__calloc(1, sizeof **out);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

void tertial_backtest_free(tertial_backtest *backtest)
{
  if (!backtest)
    return;
  free(backtest->years);
  free(backtest);
}

int tertial_backtest_add_year(tertial_backtest *backtest, const int64_t *outcome, const int64_t *budget,
                              const int64_t *prior)
{
  if (!backtest || !outcome || !budget || !prior)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_backtest_add_year: NULL argument");
  int rc = tertial__grow((void **)&backtest->years, &backtest->cap, backtest->n + 1, sizeof *backtest->years);
  if (rc < 0)
    return rc;
  past_year *y = &backtest->years[backtest->n++];
  y->input = (tertial_forecast_input)TERTIAL_FORECAST_INPUT_INIT;
  memcpy(y->input.outcome, outcome, sizeof y->input.outcome);
  memcpy(y->input.budget, budget, sizeof y->input.budget);
  memcpy(y->input.prior, prior, sizeof y->input.prior);
  y->actual = 0;
  for (int k = 0; k < MONTHS; k++)
    y->actual += outcome[k];
  return 0;
}

size_t tertial_backtest_year_count(const tertial_backtest *backtest)
{
  return backtest ? backtest->n : 0;
}

/* Mean absolute errors of several methods at a cut-off, in one pass over the years. */
static int backtest_errors(int64_t *out, const tertial_backtest *backtest, const tertial_forecast_method *methods,
                           size_t nmethods, int cutoff, int run_rate_months)
{
  if (!backtest)
    return tertial__error(TERTIAL_ERR_INVALID, "backtest: NULL argument");
  if (backtest->n == 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "backtest: no past year added");
  tertial_i128 sum[8] = {0};
  for (size_t i = 0; i < backtest->n; i++) {
    tertial_forecast_input in = backtest->years[i].input;
    in.cutoff = cutoff;
    in.run_rate_months = run_rate_months;
    for (size_t m = 0; m < nmethods; m++) {
      int64_t forecast;
      int rc = tertial_forecast_base(&forecast, NULL, methods[m], &in);
      if (rc < 0)
        return rc;
      tertial_i128 err = (tertial_i128)forecast - backtest->years[i].actual;
      sum[m] += err < 0 ? -err : err;
    }
  }
  for (size_t m = 0; m < nmethods; m++) {
    tertial_i128 mean = tertial__div_round(sum[m], (tertial_i128)backtest->n);
    if (mean > INT64_MAX)
      return tertial__error(TERTIAL_ERR_OVERFLOW, "backtest: the mean error is out of range");
    out[m] = (int64_t)mean;
  }
  return 0;
}

int tertial_backtest_error(int64_t *out, const tertial_backtest *backtest, tertial_forecast_method method, int cutoff,
                           int run_rate_months)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_backtest_error: out is NULL");
  if (method == TERTIAL_METHOD_VOLUME_DRIVER || method == TERTIAL_METHOD_MANUAL)
    return tertial__error(TERTIAL_ERR_INVALID, "backtest: the %s method needs data past years do not have",
                          tertial_forecast_method_name(method));
  return backtest_errors(out, backtest, &method, 1, cutoff, run_rate_months);
}

int tertial_backtest_best(int *out_method, int64_t *out_error, const tertial_backtest *backtest, int cutoff)
{
  if (!out_method)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_backtest_best: out_method is NULL");
  static const tertial_forecast_method candidates[] = {
    TERTIAL_METHOD_REMAINING_BUDGET, TERTIAL_METHOD_LINEAR, TERTIAL_METHOD_BUDGET_PROFILE,
    TERTIAL_METHOD_LAST_YEAR_PROFILE, TERTIAL_METHOD_RUN_RATE,
  };
  int64_t errors[sizeof candidates / sizeof *candidates];
  int rc = backtest_errors(errors, backtest, candidates, sizeof candidates / sizeof *candidates, cutoff, 3);
  if (rc < 0)
    return rc;
  size_t best = 0;
  for (size_t i = 1; i < sizeof candidates / sizeof *candidates; i++)
    if (errors[i] < errors[best])
      best = i;
  *out_method = (int)candidates[best];
  if (out_error)
    *out_error = errors[best];
  return 0;
}
