#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "parallel.h"

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

/* A past year: the running totals of its months and, only when one of them does not fit in int64,
 * its months as input for tertial_forecast_base() (otherwise year_input() takes the months back
 * from the running totals). */
typedef struct past_year {
  tertial_forecast_input input; /* outcome, budget and prior when !cum_ok; the cut-off is set per run */
  tertial_i128 actual;          /* the year's total outcome */
  int64_t cum[3][MONTHS];       /* outcome, budget, prior: sum of months 0..k */
  int cum_ok;                   /* every running total fits in int64 */
} past_year;

struct tertial_backtest {
  past_year *years;
  size_t n, cap;
  int all_ok; /* every year's running totals fit in int64 */
};

int tertial_backtest_new(tertial_backtest **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_backtest_new: out is NULL");
  *out = tertial__calloc(1, sizeof **out);
  if (!*out)
    return TERTIAL_ERR_NOMEM;
  (*out)->all_ok = 1;
  return 0;
}

void tertial_backtest_free(tertial_backtest *backtest)
{
  if (!backtest)
    return;
  free(backtest->years);
  free(backtest);
}

/* Running totals of 12 months; 0 if one does not fit in int64. */
static int running_totals(int64_t *cum, const int64_t *v)
{
  int64_t s = 0;
  int ovf = 0;
  for (int k = 0; k < MONTHS; k++) {
    ovf |= tertial__add_ovf(s, v[k], &s);
    cum[k] = s;
  }
  return !ovf;
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
  y->actual = 0;
  for (int k = 0; k < MONTHS; k++)
    y->actual += outcome[k];
  y->cum_ok = running_totals(y->cum[0], outcome) & running_totals(y->cum[1], budget) &
              running_totals(y->cum[2], prior);
  backtest->all_ok &= y->cum_ok;
  if (!y->cum_ok) {
    y->input = (tertial_forecast_input)TERTIAL_FORECAST_INPUT_INIT;
    memcpy(y->input.outcome, outcome, sizeof y->input.outcome);
    memcpy(y->input.budget, budget, sizeof y->input.budget);
    memcpy(y->input.prior, prior, sizeof y->input.prior);
  }
  return 0;
}

/* A past year's input for tertial_forecast_base(): as stored, or, when every running total fits,
 * each month back as the difference of two running totals (exact: it is the month added). */
static void year_input(tertial_forecast_input *in, const past_year *y)
{
  if (!y->cum_ok) {
    *in = y->input;
    return;
  }
  *in = (tertial_forecast_input)TERTIAL_FORECAST_INPUT_INIT;
  int64_t *months[3] = {in->outcome, in->budget, in->prior};
  for (int m = 0; m < 3; m++)
    for (int k = 0; k < MONTHS; k++)
      months[m][k] = y->cum[m][k] - (k > 0 ? y->cum[m][k - 1] : 0);
}

size_t tertial_backtest_year_count(const tertial_backtest *backtest)
{
  return backtest ? backtest->n : 0;
}

/* n / d rounded half away from zero for a divisor 1..12 known to the compiler in each case, so
 * that the division becomes a multiplication (d is the same all through a backtest run). */
#define DIV_ROUND_BY(n, d) ((n) >= 0 ? ((n) + (d) / 2) / (d) : -((-(n) + (d) / 2) / (d)))
static inline int64_t div_round_small(int64_t n, int d)
{
  /* |n| <= INT64_MAX / 12 here (the callers' products), so n + d / 2 cannot overflow */
  switch (d) {
  case 1: return n;
  case 2: return DIV_ROUND_BY(n, 2);
  case 3: return DIV_ROUND_BY(n, 3);
  case 4: return DIV_ROUND_BY(n, 4);
  case 5: return DIV_ROUND_BY(n, 5);
  case 6: return DIV_ROUND_BY(n, 6);
  case 7: return DIV_ROUND_BY(n, 7);
  case 8: return DIV_ROUND_BY(n, 8);
  case 9: return DIV_ROUND_BY(n, 9);
  case 10: return DIV_ROUND_BY(n, 10);
  case 11: return DIV_ROUND_BY(n, 11);
  default: return DIV_ROUND_BY(n, 12);
  }
}

/* num / den rounded half away from zero (den != 0), as tertial__div_round(), on 64 bits when num
 * fits in them (whatever den's sign); *ok is cleared if the quotient does not fit in int64. */
static inline int64_t div_round_128_64(tertial_i128 num, int64_t den, int *ok)
{
  if (num >= -(tertial_i128)INT64_MAX && num <= INT64_MAX && den != INT64_MIN) {
    int64_t n = (int64_t)num, q = n / den, r = n % den;
    uint64_t ar = (uint64_t)(r < 0 ? -r : r), ad = (uint64_t)(den < 0 ? -den : den);
    /* |q| = INT64_MAX only for |den| = 1, where r = 0: the step cannot overflow. Without a
     * branch: whether to round away from zero is a coin toss the predictor cannot learn. */
    int64_t away = 1 - 2 * (int64_t)((n < 0) != (den < 0));
    return q + away * (int64_t)(2 * ar >= ad);
  }
  tertial_i128 v = tertial__div_round(num, den);
  if (v > INT64_MAX || v < INT64_MIN) {
    *ok = 0;
    return 0;
  }
  return (int64_t)v;
}

/* so_far x whole / part rounded, when part and whole are usable (non-zero, one sign); else 0.
 * The product is exact on 128 bits; *ok is cleared if the quotient does not fit in int64. */
static inline int profile64(int64_t *out, int64_t so_far, int64_t whole, int64_t part, int *ok)
{
  if (part == 0 || whole == 0 || (part < 0) != (whole < 0))
    return 0;
  /* nothing left to come (every cut-off 12): so_far x whole / whole, no division needed */
  *out = part == whole ? so_far : div_round_128_64((tertial_i128)so_far * whole, part, ok);
  return 1;
}

/* The five candidate methods of one year at cut-off p with run rate over n (1..p) months, from the
 * running totals, exactly as tertial_forecast_base() computes them: f[method]. Returns 0 if some
 * intermediate value or result does not fit in int64; the caller then asks
 * tertial_forecast_base() (which computes on 128 bits and reports what does not fit). */
static inline int year_forecasts(int64_t f[5], const past_year *y, int p, int n)
{
  const int64_t *co = y->cum[0], *cb = y->cum[1], *cp = y->cum[2];
  int64_t so_far = co[p - 1], t;
  int ok = 1;
  /* remaining budget: outcome so far + budget of months p..11 */
  ok &= !__builtin_sub_overflow(cb[MONTHS - 1], cb[p - 1], &t);
  ok &= !__builtin_add_overflow(so_far, t, &f[TERTIAL_METHOD_REMAINING_BUDGET]);
  /* linear */
  ok &= so_far <= INT64_MAX / MONTHS && so_far >= -(INT64_MAX / MONTHS);
  int64_t linear = ok ? div_round_small(so_far * MONTHS, p) : 0;
  f[TERTIAL_METHOD_LINEAR] = linear;
  /* budget profile, falling back to linear; last year's profile, falling back to the budget's */
  int64_t bprof = linear, lyprof;
  profile64(&bprof, so_far, cb[MONTHS - 1], cb[p - 1], &ok);
  f[TERTIAL_METHOD_BUDGET_PROFILE] = bprof;
  if (!profile64(&lyprof, so_far, cp[MONTHS - 1], cp[p - 1], &ok))
    lyprof = bprof;
  f[TERTIAL_METHOD_LAST_YEAR_PROFILE] = lyprof;
  /* run rate: outcome so far + the mean of the last n months x the months left */
  int64_t last = so_far;
  if (p - n - 1 >= 0)
    ok &= !__builtin_sub_overflow(so_far, co[p - n - 1], &last);
  ok &= last <= INT64_MAX / MONTHS && last >= -(INT64_MAX / MONTHS);
  if (ok)
    ok &= !__builtin_add_overflow(so_far, div_round_small(last * (MONTHS - p), n), &f[TERTIAL_METHOD_RUN_RATE]);
  return ok;
}

/* Sums of absolute errors of the five candidates over the years at cut-off p, run rate over n,
 * into s; 0 where some value does not fit in int64. Inlined with constant p and n below. */
static inline __attribute__((always_inline)) int sums_at(uint64_t s[5], const tertial_backtest *backtest, int p,
                                                         int n)
{
  for (int m = 0; m < 5; m++)
    s[m] = 0;
  int ok = 1;
  for (size_t i = 0; ok && i < backtest->n; i++) {
    int64_t f[5];
    if (!year_forecasts(f, &backtest->years[i], p, n))
      return 0;
    int64_t actual = backtest->years[i].cum[0][MONTHS - 1]; /* = .actual, which fits */
    for (int m = 0; m < 5; m++) {
      /* |f - actual| and the sums on 64 bits while they fit (they do unless amounts near 2^62) */
      int64_t e;
      ok &= !__builtin_sub_overflow(f[m], actual, &e) && e != INT64_MIN;
      ok &= !__builtin_add_overflow(s[m], (uint64_t)(e < 0 ? -e : e), &s[m]);
    }
  }
  return ok;
}

/* Sums of absolute errors of the five candidates over the years from the running totals (fast path):
 * 0, or -1 where some value does not fit in 64 bits (the caller takes tertial_forecast_base()). */
static int candidate_sums(uint64_t sum[5], const tertial_backtest *backtest, int cutoff, int run_rate_months)
{
  if (!backtest->all_ok || cutoff < 1 || cutoff > MONTHS || run_rate_months < 1 || run_rate_months > MONTHS)
    return -1;
  int n = run_rate_months > cutoff ? cutoff : run_rate_months, ok = 0;
  if (run_rate_months == 3) {
    /* tertial_backtest_best's run rate: one copy per cut-off, so that every division by the
     * cut-off or by n is by a constant (a multiplication) */
    switch (cutoff) {
#define AT(P) case P: ok = sums_at(sum, backtest, P, P < 3 ? P : 3); break;
      AT(1) AT(2) AT(3) AT(4) AT(5) AT(6) AT(7) AT(8) AT(9) AT(10) AT(11) AT(12)
#undef AT
    default:
      break;
    }
  } else {
    ok = sums_at(sum, backtest, cutoff, n);
  }
  return ok ? 0 : -1;
}

/* Mean absolute errors of several methods at a cut-off, in one pass over the years: from the
 * running totals where every value fits in 64 bits, by tertial_forecast_base() otherwise. */
static int backtest_errors(int64_t *out, const tertial_backtest *backtest, const tertial_forecast_method *methods,
                           size_t nmethods, int cutoff, int run_rate_months)
{
  if (!backtest)
    return tertial__error(TERTIAL_ERR_INVALID, "backtest: NULL argument");
  if (backtest->n == 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "backtest: no past year added");
  tertial_i128 sum[8] = {0};
  uint64_t cand[5];
  int fast = nmethods <= 8 && candidate_sums(cand, backtest, cutoff, run_rate_months) == 0;
  for (size_t m = 0; fast && m < nmethods; m++) {
    fast = methods[m] >= TERTIAL_METHOD_REMAINING_BUDGET && methods[m] <= TERTIAL_METHOD_RUN_RATE;
    if (fast)
      sum[m] = cand[methods[m]];
  }
  if (!fast) {
    memset(sum, 0, sizeof sum);
    for (size_t i = 0; i < backtest->n; i++) {
      tertial_forecast_input in;
      year_input(&in, &backtest->years[i]);
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
  enum { NC = sizeof candidates / sizeof *candidates };
  /* The fast path: the sums of absolute errors, and only the means that can decide. A mean is
   * the sum / years rounded, which never decreases as the sum grows, so the smallest mean is
   * that of the smallest sum, and an earlier candidate ties with it only if its sum is less
   * than the smallest + years. */
  uint64_t sum[NC];
  if (backtest && backtest->n > 0 && candidate_sums(sum, backtest, cutoff, 3) == 0) {
    size_t best = 0;
    int fits = 1;
    for (size_t i = 0; i < NC; i++) {
      fits &= sum[i] <= INT64_MAX;
      if (sum[i] < sum[best])
        best = i;
    }
    if (fits) { /* every mean fits in int64 too; for sums >= 0 half away from zero is half up */
      uint64_t years = backtest->n, mean = sum[best] / years + (sum[best] % years >= years - years / 2);
      for (size_t i = 0; i < best; i++)
        if (sum[i] - sum[best] < years && sum[i] / years + (sum[i] % years >= years - years / 2) == mean) {
          best = i;
          break;
        }
      *out_method = (int)candidates[best];
      if (out_error)
        *out_error = (int64_t)mean;
      return 0;
    }
  }
  int64_t errors[NC];
  int rc = backtest_errors(errors, backtest, candidates, NC, cutoff, 3);
  if (rc < 0)
    return rc;
  size_t best = 0;
  for (size_t i = 1; i < NC; i++)
    if (errors[i] < errors[best])
      best = i;
  *out_method = (int)candidates[best];
  if (out_error)
    *out_error = errors[best];
  return 0;
}

/* Series below which tertial_backtest_best_table() stays on one thread. */
#define MIN_SERIES_PER_PART 256

typedef struct best_table_job {
  int *methods;
  int64_t *errors;
  const int64_t *past;
  size_t nseries, nyears, nparts;
  tertial__part_error err[TERTIAL__MAX_THREADS];
} best_table_job;

/* The series of one part, through one backtest filled anew for each series. */
static int best_table_series(best_table_job *job, size_t lo, size_t hi)
{
  tertial_backtest *bt;
  int rc = tertial_backtest_new(&bt);
  for (size_t s = lo; rc == 0 && s < hi; s++) {
    bt->n = 0;
    bt->all_ok = 1;
    for (size_t y = 0; rc == 0 && y < job->nyears; y++) {
      const int64_t *yr = &job->past[(s * job->nyears + y) * 3 * MONTHS];
      rc = tertial_backtest_add_year(bt, yr, yr + MONTHS, yr + 2 * MONTHS);
    }
    for (int c = 1; rc == 0 && c <= MONTHS; c++) {
      size_t at = s * MONTHS + (size_t)(c - 1);
      int64_t error;
      rc = tertial_backtest_best(&job->methods[at], &error, bt, c);
      if (rc == 0 && job->errors)
        job->errors[at] = error;
    }
    if (rc < 0) {
      char message[900];
      snprintf(message, sizeof message, "%s", tertial_error_last());
      tertial__error(rc, "backtest of series %zu: %s", s, message);
    }
  }
  tertial_backtest_free(bt);
  return rc;
}

static void best_table_part(void *data, size_t part)
{
  best_table_job *job = data;
  int rc = best_table_series(job, job->nseries * part / job->nparts, job->nseries * (part + 1) / job->nparts);
  if (rc < 0)
    tertial__part_error_keep(&job->err[part], rc);
}

int tertial_backtest_best_table(int *out_methods, int64_t *out_errors, const int64_t *past, size_t nseries,
                                size_t nyears, int threads)
{
  if (!out_methods || (nseries > 0 && !past))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_backtest_best_table: NULL argument");
  if (nyears == 0 && nseries > 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "backtest: no past year");
  if (threads < 0 || threads > TERTIAL__MAX_THREADS)
    return tertial__error(TERTIAL_ERR_RANGE, "backtest: %d threads outside 0..%d", threads, TERTIAL__MAX_THREADS);
  if (nyears > SIZE_MAX / 36 / (nseries ? nseries : 1))
    return tertial__error(TERTIAL_ERR_RANGE, "backtest: %zu series of %zu years are too many", nseries, nyears);
  best_table_job *job = tertial__calloc(1, sizeof *job);
  if (!job)
    return TERTIAL_ERR_NOMEM;
  *job = (best_table_job){.methods = out_methods, .errors = out_errors, .past = past, .nseries = nseries,
                          .nyears = nyears};
  size_t nparts = (size_t)tertial__threads_effective(threads);
  if (nparts > nseries / MIN_SERIES_PER_PART)
    nparts = nseries / MIN_SERIES_PER_PART > 1 ? nseries / MIN_SERIES_PER_PART : 1;
  job->nparts = nparts;
  tertial__parallel(nparts, best_table_part, job);
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < nparts; i++)
    rc = tertial__part_error_raise(&job->err[i]);
  free(job);
  return rc;
}
