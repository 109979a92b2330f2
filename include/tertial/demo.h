/**
 * @file demo.h
 * @brief A deterministic, realistic fictional municipality for demonstrations and tests.
 *
 * "Exempelkommun": 8 committees, about 300 units in 6 levels (kommun, nämnd, förvaltning,
 * avdelning, verksamhet, enhet), Kommun-Bas accounts, a budget for the year, last year's outcome
 * and this year's outcome up to a cut-off, with seasonality (salaries dip in July when staff are
 * on leave, heating peaks in winter, fees follow the school year) and a deficit developing in
 * social services (placements at HVB homes rising from the spring). The same seed always gives
 * the same municipality, to the öre.
 */
#ifndef TERTIAL_DEMO_H
#define TERTIAL_DEMO_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** Version of ::tertial_demo_options. */
#define TERTIAL_DEMO_OPTIONS_VERSION 1

/** Options of tertial_demo_new(). */
typedef struct tertial_demo_options {
  unsigned int version; /**< ::TERTIAL_DEMO_OPTIONS_VERSION */
  int year;             /**< the fiscal (calendar) year, default 2026 */
  int outcome_months;   /**< months of outcome this year, 0..12, default 10 (January–October) */
  uint64_t seed;        /**< default 20260101 */
} tertial_demo_options;

/** Default options. */
#define TERTIAL_DEMO_OPTIONS_INIT { TERTIAL_DEMO_OPTIONS_VERSION, 2026, 10, UINT64_C(20260101) }

/**
 * Build the demo municipality.
 * @param out receives a new model; free with tertial_model_free().
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_RANGE (year, months), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_demo_new(tertial_model **out, const tertial_demo_options *options);

TERTIAL_END_DECLS

#endif
