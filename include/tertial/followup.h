/**
 * @file followup.h
 * @brief The follow-up table: the eight columns of a Swedish budget follow-up.
 *
 * | column | header | formula |
 * |---|---|---|
 * | ::TERTIAL_COL_OUTCOME_ACC | Ack utfall | outcome, first month .. cut-off |
 * | ::TERTIAL_COL_BUDGET_ACC | Ack budget | budget, same months |
 * | ::TERTIAL_COL_DEVIATION_ACC | Ack budgetavvikelse | Ack budget − Ack utfall |
 * | ::TERTIAL_COL_BUDGET_YEAR | Årets budget | budget, whole year |
 * | ::TERTIAL_COL_SHARE_USED | Förbrukat % | 100 × Ack utfall / Årets budget; empty when the budget is 0 |
 * | ::TERTIAL_COL_FORECAST | Årets prognos | full-year forecast |
 * | ::TERTIAL_COL_FORECAST_DEVIATION | Prognosavvikelse | Årets budget − Årets prognos |
 * | ::TERTIAL_COL_PRIOR_YEAR | Fg bokslut | previous year's outcome, whole year |
 *
 * Revenue is negative and cost positive, so "budget − outcome" is positive when the result is
 * better than budget for both revenue and cost rows.
 *
 * Three views: the unit's children (plus amounts booked on the unit itself) with a total line;
 * the whole subtree depth-first; the report rows of the mapping for the unit's subtree.
 * Amounts are in öre; "Förbrukat %" is in hundredths of a percent (7840 = 78,40 %).
 * @code
 * tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
 * tertial_followup *t;
 * if (tertial_followup_new(&t, model, committee, 4, &o) == 0) {
 *     const tertial_followup_line *total = tertial_followup_line_at(t, tertial_followup_line_count(t) - 1);
 *     ...
 *     tertial_followup_free(t);
 * }
 * @endcode
 */
#ifndef TERTIAL_FOLLOWUP_H
#define TERTIAL_FOLLOWUP_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** The columns of a follow-up table, in their default order. */
typedef enum tertial_column {
  TERTIAL_COL_OUTCOME_ACC = 0,        /**< Ack utfall */
  TERTIAL_COL_BUDGET_ACC = 1,         /**< Ack budget */
  TERTIAL_COL_DEVIATION_ACC = 2,      /**< Ack budgetavvikelse */
  TERTIAL_COL_BUDGET_YEAR = 3,        /**< Årets budget */
  TERTIAL_COL_SHARE_USED = 4,         /**< Förbrukat % */
  TERTIAL_COL_FORECAST = 5,           /**< Årets prognos */
  TERTIAL_COL_FORECAST_DEVIATION = 6, /**< Prognosavvikelse */
  TERTIAL_COL_PRIOR_YEAR = 7,         /**< Fg bokslut */
  TERTIAL_COL_COUNT = 8               /**< the number of columns */
} tertial_column;

/** Which table to build. */
typedef enum tertial_followup_view {
  TERTIAL_VIEW_CHILDREN = 0, /**< one line per child unit (and the unit's own amounts), then the total */
  TERTIAL_VIEW_SUBTREE = 1,  /**< every unit of the subtree depth-first, the unit itself first */
  TERTIAL_VIEW_ROWS = 2,     /**< one line per report row of the mapping */
} tertial_followup_view;

/** What a line stands for. */
typedef enum tertial_line_kind {
  TERTIAL_LINE_UNIT = 0,  /**< a unit's subtree (in the children view: its contribution to this parent) */
  TERTIAL_LINE_OWN = 1,   /**< amounts booked on the unit itself, not on a child */
  TERTIAL_LINE_ROW = 2,   /**< a report row */
  TERTIAL_LINE_TOTAL = 3, /**< the total of the unit's subtree (children view) */
} tertial_line_kind;

/** One line of a follow-up table (borrowed from the table). */
typedef struct tertial_followup_line {
  tertial_line_kind kind; /**< a unit, the unit's own amounts, a report row or the total */
  const char *code;       /**< unit code or row code */
  const char *label;      /**< unit name or row label */
  tertial_unit_id unit;   /**< the unit (TERTIAL_LINE_UNIT/OWN/TOTAL), else the table's unit */
  int row;                /**< report row index (TERTIAL_LINE_ROW), else -1 */
  int row_kind;           /**< ::tertial_row_kind for rows, else -1 */
  int depth;              /**< indentation: subtree depth, or report-row depth */
  int64_t value[TERTIAL_COL_COUNT]; /**< öre; share in hundredths of a percent */
  unsigned int present;   /**< bit c set when column c has a value (share: budget ≠ 0) */
  int forecast_missing;   /**< number of (unit, row) pairs in this line whose forecast defaulted to the budget */
  int partial;            /**< 1 if the unit belonged to this parent only part of the year */
  int parent_line;        /**< index of the line this one adds into (the total, the parent unit or the
                               parent sum row); -1 if none. Internal rows point to their group but are
                               not added into it. */
  /** The previous year's outcome of the same months (the first month to the cut-off), öre: not
   * one of the eight columns; the report's "Utfall fg år samma period"
   * (tertial_report_options::prior_year_acc). */
  int64_t prior_year_acc;
} tertial_followup_line;

/** Version of ::tertial_followup_options. */
#define TERTIAL_FOLLOWUP_OPTIONS_VERSION 1

/** Options of tertial_followup_new(). Initialise with ::TERTIAL_FOLLOWUP_OPTIONS_INIT. */
typedef struct tertial_followup_options {
  unsigned int version;       /**< ::TERTIAL_FOLLOWUP_OPTIONS_VERSION */
  tertial_followup_view view; /**< default ::TERTIAL_VIEW_CHILDREN */
  int budget_measure;         /**< -1 (default): the model's current budget */
  int skip_empty;             /**< 1: leave out lines whose columns are all 0 (not the total) */
  int max_depth;              /**< subtree view: deepest relative depth shown, -1 for all */
} tertial_followup_options;

/** Default options. */
#define TERTIAL_FOLLOWUP_OPTIONS_INIT { TERTIAL_FOLLOWUP_OPTIONS_VERSION, TERTIAL_VIEW_CHILDREN, -1, 0, -1 }

/** A computed follow-up table. */
typedef struct tertial_followup tertial_followup;

/**
 * Compute a follow-up table for @p unit at a cut-off.
 * The table is a snapshot: later changes to the model do not affect it.
 * @param out receives the table; free with tertial_followup_free().
 * @param cutoff months included from the fiscal-year start, 1..12.
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit, measure), ::TERTIAL_ERR_RANGE (cut-off),
 *         ::TERTIAL_ERR_STATE (invalid mapping), ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID (also for an unknown options version).
 */
TERTIAL_API int tertial_followup_new(tertial_followup **out, tertial_model *model, tertial_unit_id unit,
                                     int cutoff, const tertial_followup_options *options);

/** Free a table (NULL-safe). */
TERTIAL_API void tertial_followup_free(tertial_followup *table);

/** Number of lines. */
TERTIAL_API size_t tertial_followup_line_count(const tertial_followup *table);

/**
 * Line @p index.
 * @return a pointer borrowed from @p table; NULL if out of range.
 */
TERTIAL_API const tertial_followup_line *tertial_followup_line_at(const tertial_followup *table, size_t index);

/**
 * One value of a line.
 * @param out receives the value (unchanged when empty).
 * @return 1 when present, 0 when empty (e.g. "Förbrukat %" with a zero budget),
 *         ::TERTIAL_ERR_RANGE (column), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_followup_value(int64_t *out, const tertial_followup_line *line, tertial_column column);

/** The table's view. */
TERTIAL_API tertial_followup_view tertial_followup_view_of(const tertial_followup *table);

/** The table's unit. */
TERTIAL_API tertial_unit_id tertial_followup_unit(const tertial_followup *table);

/** The table's cut-off (1..12). */
TERTIAL_API int tertial_followup_cutoff(const tertial_followup *table);

/** The period (yyyymm) of the table's cut-off month. */
TERTIAL_API int tertial_followup_cutoff_period(const tertial_followup *table);

/** The title of the table's unit (its name; borrowed). */
TERTIAL_API const char *tertial_followup_title(const tertial_followup *table);

/**
 * Header of a column.
 * @param english 0 for Swedish ("Ack utfall"), 1 for English ("Accumulated outcome").
 * @return a static string, NULL for an unknown column.
 */
TERTIAL_API const char *tertial_column_header(tertial_column column, int english);

TERTIAL_END_DECLS

#endif
