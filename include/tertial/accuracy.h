/**
 * @file accuracy.h
 * @brief Forecast accuracy after year end, and a backtest of the base methods on past years.
 *
 * Error = forecast − actual full-year outcome (for costs, positive means the forecast was too
 * high). Absolute percentage error = |error| / |actual|, in hundredths of a percent, undefined
 * when the actual is 0. Bias is the mean error over follow-up points; MAPE the mean absolute
 * percentage error over the points where it is defined. Means are rounded half away from zero.
 */
#ifndef TERTIAL_ACCURACY_H
#define TERTIAL_ACCURACY_H

#include "common.h"
#include "forecast.h"
#include "snapshot.h"

TERTIAL_BEGIN_DECLS

/** Accuracy of one forecast. */
typedef struct tertial_accuracy {
  int64_t forecast; /**< the frozen forecast (öre) */
  int64_t actual;   /**< the full-year outcome (öre) */
  int64_t error;    /**< forecast − actual */
  int ape_valid;    /**< 0 when the actual is 0 */
  int64_t ape;      /**< |error| / |actual| in hundredths of a percent */
} tertial_accuracy;

/**
 * Accuracy of a snapshot's forecast for a unit's subtree (result rows), against the model's
 * outcome for the whole year (so use it once the year's outcome is complete).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_accuracy_of(tertial_accuracy *out, tertial_model *model, const tertial_snapshot *snapshot,
                                    tertial_unit_id unit);

/** Accuracy over every follow-up point of a year. */
typedef struct tertial_accuracy_summary {
  size_t points;             /**< number of snapshots */
  int64_t bias;              /**< mean error (öre) */
  int64_t mean_abs_error;    /**< mean |error| (öre) */
  size_t mape_points;        /**< points where the APE is defined */
  int64_t mape;              /**< mean APE in hundredths of a percent (0 when mape_points is 0) */
} tertial_accuracy_summary;

/**
 * Accuracy of a unit's forecasts over all snapshots of the model.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit, or no snapshot), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_accuracy_summarise(tertial_accuracy_summary *out, tertial_model *model, tertial_unit_id unit);

/** Past years of one unit, to test which base method would have forecast it best. */
typedef struct tertial_backtest tertial_backtest;

/**
 * Create an empty backtest.
 * @param out receives it; free with tertial_backtest_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_backtest_new(tertial_backtest **out);

/** Free a backtest (NULL-safe). */
TERTIAL_API void tertial_backtest_free(tertial_backtest *backtest);

/**
 * Add a past year: its monthly outcome, budget and the year before's outcome (12 values each,
 * from the fiscal-year start; copied).
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_backtest_add_year(tertial_backtest *backtest, const int64_t *outcome, const int64_t *budget,
                                          const int64_t *prior);

/** Number of years added. */
TERTIAL_API size_t tertial_backtest_year_count(const tertial_backtest *backtest);

/**
 * Mean absolute error of a method at a cut-off over the years (the method forecast from each
 * year's months up to the cut-off, compared with that year's total).
 * @param run_rate_months n for the run-rate method.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no year), ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_INVALID (also for the volume-driver and manual methods, which need data
 *         past years do not have).
 */
TERTIAL_API int tertial_backtest_error(int64_t *out, const tertial_backtest *backtest, tertial_forecast_method method,
                                       int cutoff, int run_rate_months);

/**
 * The method with the smallest mean absolute error at a cut-off among remaining budget, linear,
 * budget profile, last year's profile and run rate over 3 months; ties go to the earlier of these.
 * @param out_method receives a ::tertial_forecast_method; @param out_error its mean absolute error (may be NULL).
 * @return as tertial_backtest_error().
 */
TERTIAL_API int tertial_backtest_best(int *out_method, int64_t *out_error, const tertial_backtest *backtest, int cutoff);

/**
 * tertial_backtest_best() of many series (e.g. every unit of a municipality) at every cut-off
 * 1..12, from a table of their past years, split over threads. Series s at cut-off c goes to
 * index s * 12 + c - 1. The results and the error reported (that of the first failing series,
 * its index named in the message) are the same on any number of threads. Fewer than about 256
 * series a thread stay on fewer threads.
 * @param out_methods receives nseries * 12 ::tertial_forecast_method values.
 * @param out_errors receives their nseries * 12 mean absolute errors (may be NULL).
 * @param past nseries * nyears * 36 amounts: for each series, each past year's outcome, budget
 *        and the year before's outcome, twelve months each from the fiscal-year start (as
 *        tertial_backtest_add_year() takes them): past[((s * nyears + y) * 3 + k) * 12 + month].
 * @param nseries number of series; @param nyears past years of each (at least 1).
 * @param threads 1 for the calling thread only, up to 256, or 0 for one per processor.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no year), ::TERTIAL_ERR_RANGE (threads, sizes), the errors of
 *         tertial_backtest_best(), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_backtest_best_table(int *out_methods, int64_t *out_errors, const int64_t *past,
                                            size_t nseries, size_t nyears, int threads);

TERTIAL_END_DECLS

#endif
