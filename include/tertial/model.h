/**
 * @file model.h
 * @brief One municipality's data for one fiscal year, owned by one handle.
 *
 * A model owns a follow-up calendar, an organisation, a chart of accounts, a report-row
 * mapping (Kommun-Bas by default), a ledger with a budget measure "Budget", and the
 * full-year forecasts set through the API. Everything hangs off the handle: two models can
 * live in one process, each used by one thread at a time.
 * @code
 * tertial_model *m;
 * tertial_model_new(&m, 2026, 1);
 * tertial_org *org = tertial_model_org(m);
 * ...
 * tertial_model_free(m);
 * @endcode
 */
#ifndef TERTIAL_MODEL_H
#define TERTIAL_MODEL_H

#include "common.h"
#include "accounts.h"
#include "calendar.h"
#include "ledger.h"
#include "org.h"

TERTIAL_BEGIN_DECLS

/** A municipality's model for one fiscal year. */
typedef struct tertial_model tertial_model;

/**
 * Create a model for the fiscal year starting in @p start_month of @p first_year, with the
 * default calendar, default organisation levels, an empty chart, the Kommun-Bas mapping and a
 * budget measure named "Budget" that is the current budget.
 * @param out receives the model; free with tertial_model_free().
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_model_new(tertial_model **out, int first_year, int start_month);

/** Free a model and everything it owns (NULL-safe). */
TERTIAL_API void tertial_model_free(tertial_model *model);

/** The model's fiscal year (borrowed). */
TERTIAL_API const tertial_fiscal_year *tertial_model_fiscal_year(const tertial_model *model);

/** The model's organisation (borrowed; owned by the model). */
TERTIAL_API tertial_org *tertial_model_org(tertial_model *model);

/** The model's chart of accounts (borrowed; owned by the model). */
TERTIAL_API tertial_chart *tertial_model_chart(tertial_model *model);

/** The model's report-row mapping (borrowed; owned by the model). */
TERTIAL_API tertial_rowmap *tertial_model_rowmap(tertial_model *model);

/** The model's follow-up calendar (borrowed; owned by the model). */
TERTIAL_API tertial_calendar *tertial_model_calendar(tertial_model *model);

/** The model's ledger (borrowed; owned by the model). */
TERTIAL_API tertial_ledger *tertial_model_ledger(tertial_model *model);

/**
 * Replace the report-row mapping; the model takes ownership of @p map (also on error, when it
 * is freed). Forecasts are kept by row code; a forecast whose code the new mapping lacks
 * (::TERTIAL_ERR_NOT_FOUND) or has as another kind of row (::TERTIAL_ERR_STATE) makes this fail and
 * leaves the model unchanged (then @p map is freed).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_STATE (also for an invalid mapping),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_model_set_rowmap(tertial_model *model, tertial_rowmap *map);

/** The current budget measure used by follow-up tables by default. */
TERTIAL_API int tertial_model_current_budget(const tertial_model *model);

/**
 * Choose the current budget measure.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (not a budget measure), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_model_set_current_budget(tertial_model *model, int measure);

/**
 * Set a unit's own full-year forecast (årets prognos) for one line row of the mapping, in öre.
 * A parent's forecast is its children's plus its own. Where no forecast is set for a unit and
 * row that has amounts, follow-up tables use the annual budget and count it as missing.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit or row), ::TERTIAL_ERR_STATE (not a line row),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_model_set_forecast(tertial_model *model, tertial_unit_id unit, const char *row_code,
                                           int64_t amount);

/**
 * Remove a forecast set with tertial_model_set_forecast().
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (nothing was set), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_model_clear_forecast(tertial_model *model, tertial_unit_id unit, const char *row_code);

/**
 * The forecast set for a unit and row.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (none set), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_model_forecast(int64_t *out, const tertial_model *model, tertial_unit_id unit,
                                       const char *row_code);

TERTIAL_END_DECLS

#endif
