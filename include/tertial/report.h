/**
 * @file report.h
 * @brief A follow-up report independent of output format: sections of typed tables.
 *
 * A report is made for one unit's subtree at a cut-off, from a model after
 * tertial_forecast_apply(). Its sections, in this order (each can be left out with
 * tertial_report_options::sections):
 * | kind | Swedish title | content |
 * |---|---|---|
 * | ::TERTIAL_SECTION_KEY_FIGURES | Nyckeltal | the unit's total line, "Prognos efter planerade åtgärder" and, with a previous snapshot, the change since it |
 * | ::TERTIAL_SECTION_UNITS | Ekonomiskt resultat per verksamhet | the children view (tertial_followup), eight columns, total last; chains of single children passed through (tertial_report_options::pass_through) |
 * | ::TERTIAL_SECTION_ROWS | Ekonomiskt resultat | the report rows, "varav interna" rows (forecast at their budget) and NETTORESULTAT |
 * | ::TERTIAL_SECTION_REASONS | Prognosens avvikelse mot budget | per unit of the per-activity table (a subtotal line each): the projection of its outcome and its adjustments, with the unit's code and name; their total |
 * | ::TERTIAL_SECTION_CHANGE | Förändring sedan föregående prognos | the change from a previous snapshot to the forecast of the tables (only when a previous point is named) |
 * | ::TERTIAL_SECTION_MEASURES_FOLLOWUP | Tidigare planerade åtgärder — Uppföljning | measures of the subtree that are decided, in progress, done or cancelled |
 * | ::TERTIAL_SECTION_MEASURES_NEW | Nya åtgärder — Tidplan | proposed measures of the subtree with their timeline |
 * | ::TERTIAL_SECTION_FINDINGS | Kontroll av rapporten | tertial_check_model() findings (root report only); tertial_report_add_audit_findings() (audit.h) adds the audit's of the printed figures |
 * | ::TERTIAL_SECTION_MONTHLY | Ackumulerat per månad | the unit's result row (NETTORESULTAT) month by month: accumulated outcome (months up to the cut-off), budget and forecast |
 * | ::TERTIAL_SECTION_TEXTS | Kommentarer | the round's texts (summary, analysis, row comments) and status of the unit at the report's point, with who and when (only when there are any) |
 * | ::TERTIAL_SECTION_GOALS | Mål och styrtal | the goals of the unit's subtree with their status and comment at the report's point, and their styrtal with value, target, light and trend (only when there are any) |
 * | ::TERTIAL_SECTION_EFFICIENCY | Effektiviseringsåtgärder | the subtree's efficiency measures (tertial_measure_set_kind()), with effect, status, timeline and follow-up (only when there are any) |
 * | ::TERTIAL_SECTION_WARNINGS | Tidiga varningar | the volumes whose trend passes the budgeted volume before year end, with the cost to year end (only when one warns) |
 * | ::TERTIAL_SECTION_PRIORITIES | Prioriteringar | the subtree's proposals of the prioritisation model, ranked (added after the build by tertial_report_add_priorities(), report_plan.h) |
 * | ::TERTIAL_SECTION_INTCONTROL | Intern kontroll | the subtree's controls of the internal control plan with their results at the report's point (tertial_report_add_intcontrol()) |
 * | ::TERTIAL_SECTION_UNFUNDED | Ofinansierade beslut | the subtree's committees' unfunded decisions and a Summa (tertial_report_add_unfunded()) |
 * | ::TERTIAL_SECTION_INVESTMENTS | Investeringar | the subtree's investment projects with the report's year's budget, all years, spent, remaining and a Summa (tertial_report_add_investments()) |
 * | ::TERTIAL_SECTION_FRAME_CHANGES | Ramförändringar | the subtree's lines of an applied frame update with base, change and a Summa (tertial_report_add_frame_changes()) |
 *
 * Every section is a table: columns with a key, a header and a ::tertial_report_type; lines
 * with a depth, a ::tertial_report_style and the line they add into (`parent_line`); one
 * cell per line and column with a present flag. Columns of follow-up tables carry their
 * ::tertial_column in `source`, so a renderer can write derived columns as formulas.
 * Amounts are exact öre in the ledger's signs (revenue negative, cost positive); renderers
 * round at the edge. Labels are Swedish unless tertial_report_options::english is set.
 *
 * A report may hold child reports (tertial_report_options::child_depth): one per unit of the
 * subtree down to that many levels, in pre-order, so a workbook can have a sheet per unit.
 * @code
 * tertial_forecast_apply(model, 4, -1);
 * tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
 * tertial_report *r;
 * if (tertial_report_new(&r, model, committee, 4, &o) == 0) {
 *     char *csv;
 *     if (tertial_render_csv(&csv, r, NULL) == 0) { fputs(csv, stdout); tertial_free(csv); }
 *     tertial_report_free(r);
 * }
 * @endcode
 */
#ifndef TERTIAL_REPORT_H
#define TERTIAL_REPORT_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** The kinds of sections, in the order a report has them. */
typedef enum tertial_report_section_kind {
  TERTIAL_SECTION_KEY_FIGURES = 0,       /**< Nyckeltal */
  TERTIAL_SECTION_UNITS = 1,             /**< Ekonomiskt resultat per verksamhet */
  TERTIAL_SECTION_ROWS = 2,              /**< Ekonomiskt resultat (report rows) */
  TERTIAL_SECTION_REASONS = 3,           /**< Prognosens avvikelse mot budget */
  TERTIAL_SECTION_CHANGE = 4,            /**< Förändring sedan föregående prognos */
  TERTIAL_SECTION_MEASURES_FOLLOWUP = 5, /**< Tidigare planerade åtgärder — Uppföljning */
  TERTIAL_SECTION_MEASURES_NEW = 6,      /**< Nya åtgärder — Tidplan */
  TERTIAL_SECTION_FINDINGS = 7,          /**< the consistency checker's findings */
  /** Ackumulerat per månad: one line per month of the fiscal year (code "yyyy-mm", label the
   * month's short name), columns `month`, `outcome_acc` (only up to the cut-off),
   * `budget_acc` and `forecast_acc` of the unit's result row. The forecast by month is the
   * outcome up to the cut-off, the budget after it and the rest of Årets prognos in the last
   * month, so the last line's accumulated budget and forecast are Årets budget and Årets
   * prognos, and the cut-off month's accumulated outcome is Ack utfall. */
  TERTIAL_SECTION_MONTHLY = 8,
  /** Kommentarer: the texts of the follow-up round (round.h) for the report's unit at the
   * report's follow-up point (the calendar's point at the cut-off): one line each for the
   * Sammanfattning (code "summary"), the Ekonomisk analys och prognos ("analysis") and each row
   * comment (the report row's code, in the mapping's order), then the unit's status ("status")
   * once it has changed. Columns `item`, `row` (the report row's label), `status`, `by` (the
   * name of who wrote it or changed the status, "name (för name)" when entered on someone's
   * behalf), `date` (when, UTC) and `text` (the text, or the status's comment). Only in a report
   * whose round has a text or a status for the unit at the point: never an empty section. */
  TERTIAL_SECTION_TEXTS = 9,
  /** Mål och styrtal: the goals (goals.h) owned by the report's unit or a unit below it, valid in
   * the fiscal year, in the tree's order (depth by the goals included above them), each with its
   * status at the report's point (set or proposed) and comment, and under each goal its styrtal
   * at the goal's unit: value, target, light, the previous period and the same period last year.
   * Lines have code the goal's or indicator's code; columns `item`, `kind`, `status`, `value`,
   * `target`, `previous`, `last_year`, `comment`, all text (values in the indicator's decimals
   * and unit of measure, Swedish notation). Only when there are such goals. */
  TERTIAL_SECTION_GOALS = 10,
  /** Tidiga varningar: the volumes whose trend passes the budgeted volume before the year ends,
   * at the report's unit and the units of its first level below, at the report's cut-off
   * (tertial_volume_warning()): columns `unit` (code and name), `indicator`, `volume` (the last
   * month's), `budgeted`, `trend` (at year end), `first_month`, text, and `cost_per_unit`,
   * `consequence`, amounts. Only when a volume warns. */
  TERTIAL_SECTION_WARNINGS = 11,
  /** Effektiviseringsåtgärder: the measures of kind ::TERTIAL_MEASURE_EFFICIENCY of the unit's
   * subtree (which the two measures sections leave out): columns `unit`, `description`, `effect`
   * (amount; a Summa line adds the ones not cancelled), `status`, `due` (date) and `follow_up`.
   * Only when there are such measures. */
  TERTIAL_SECTION_EFFICIENCY = 12,
  /** Prioriteringar: the proposals of the prioritisation model (priorities.h) whose unit or owner
   * is of the report's subtree (all of them in a root's report), ranked by a rule: columns `rank`,
   * `proposal` (its code), `kind`, `measure`, `owner`, `unit`, text, `cost`, amount (negative for a saving),
   * `difficulty`, `benefit`, `cost_effectiveness`, `status`, text. Never made by
   * tertial_report_new(): tertial_report_add_priorities() (report_plan.h) adds it. */
  TERTIAL_SECTION_PRIORITIES = 13,
  /** Intern kontroll: the controls of the internal control plan (intcontrol.h) whose risk's
   * committee is of the report's subtree, with the result at the report's follow-up point: columns
   * `control`, `risk`, `risk_value`, `activity`, `responsible`, `point`, `result`, `deviations`,
   * `measures`, all text ("ej rapporterad" / "not reported" when the control has no result at the
   * point). Added by tertial_report_add_intcontrol() (report_plan.h). */
  TERTIAL_SECTION_INTCONTROL = 14,
  /** Ofinansierade beslut: the unfunded decisions (unfunded.h) of the committees of the report's
   * subtree: columns `reference` (its code), `committee`, `date` (date), `decided_by`, `description`, text, `cost`,
   * `funded`, `unfunded`, amounts a year; a Summa line adds them up. Added by
   * tertial_report_add_unfunded() (report_plan.h). */
  TERTIAL_SECTION_UNFUNDED = 15,
  /** Investeringar: the investment projects (investments.h) of the units of the report's subtree:
   * columns `project` (its code), `name`, `unit`, `category`, `status`, text, `year_budget` (the
   * amount planned for the report's fiscal year), `total` (all plan years), `frame` (the decided
   * total budget), `spent` (spent so far) and `remaining` (the frame less spent and less planned
   * from the report's year on), amounts, empty when the project has none; a Summa line adds them
   * up. Added by tertial_report_add_investments() (report_plan.h). */
  TERTIAL_SECTION_INVESTMENTS = 16,
  /** Ramförändringar: the lines of the frame update applied to make a budget version (frames.h,
   * e.g. read back with tertial_store_load_frame_lines()) whose unit is of the report's subtree:
   * columns `unit` (its code and name), `kind`, `account`, `text`, text, `base` (an indexation line's
   * net frame indexed; empty for other lines) and `change`, amounts; a Summa line adds them up.
   * Added by tertial_report_add_frame_changes() (report_plan.h). */
  TERTIAL_SECTION_FRAME_CHANGES = 17,
  TERTIAL_SECTION_KIND_COUNT = 18
} tertial_report_section_kind;

/** Bit of a section kind in tertial_report_options::sections. */
#define TERTIAL_SECTION_BIT(kind) (1u << (unsigned int)(kind))
/** Every section (the default). */
#define TERTIAL_REPORT_ALL_SECTIONS 0x3ffffu

/** The type of a column's cells. */
typedef enum tertial_report_type {
  TERTIAL_REPORT_TEXT = 0,   /**< UTF-8 text in `text` */
  TERTIAL_REPORT_AMOUNT = 1, /**< öre in `value` */
  TERTIAL_REPORT_SHARE = 2,  /**< hundredths of a percent in `value` (7840 = 78,40 %) */
  TERTIAL_REPORT_DATE = 3,   /**< a date in `date` */
} tertial_report_type;

/** How a line is shown. */
typedef enum tertial_report_style {
  TERTIAL_STYLE_NORMAL = 0,   /**< an ordinary line */
  TERTIAL_STYLE_SUBTOTAL = 1, /**< a sum of the lines under it (e.g. VERKSAMHETENS INTÄKTER) */
  TERTIAL_STYLE_TOTAL = 2,    /**< the table's total (Summa, NETTORESULTAT) */
} tertial_report_style;

/** A column of a section (borrowed from its report). */
typedef struct tertial_report_column {
  const char *key;         /**< a stable machine name, e.g. "outcome_acc", "label", "reason" */
  const char *header;      /**< the header in the report's language, e.g. "Ack utfall" */
  tertial_report_type type; /**< the type of the column's cells */
  int source;              /**< the ::tertial_column of a follow-up column, -1 for other columns */
} tertial_report_column;

/** A cell (borrowed from its report). Only the member of the column's type is meaningful. */
typedef struct tertial_report_cell {
  int present;             /**< 0 for an empty cell (e.g. Förbrukat % with a zero budget) */
  int64_t value;           /**< ::TERTIAL_REPORT_AMOUNT and ::TERTIAL_REPORT_SHARE */
  const char *text;        /**< ::TERTIAL_REPORT_TEXT; "" when empty, never NULL */
  tertial_date date;       /**< ::TERTIAL_REPORT_DATE */
} tertial_report_cell;

/** A line of a section (borrowed from its report). */
typedef struct tertial_report_line {
  const char *code;        /**< unit code, report-row code or finding kind; "" if none */
  int depth;               /**< indentation level, 0 for top lines */
  tertial_report_style style; /**< normal, subtotal or total */
  int parent_line;         /**< index of the line this one adds into, -1 if none */
  int informational;       /**< 1: shown under parent_line but not added into it ("varav interna") */
  int forecast_missing;    /**< (unit, row) pairs whose forecast defaulted to the annual budget */
  /** 1: a revenue row of "Ekonomiskt resultat" (every account mapped to it or to the rows under
   * it is a revenue account; a "varav interna" row as its parent), which
   * ::TERTIAL_SIGNS_POSITIVE shows positive; 0 for other lines */
  int revenue;
} tertial_report_line;

/** A section: a titled table (borrowed from its report). */
typedef struct tertial_report_section {
  tertial_report_section_kind kind; /**< what the section shows */
  const char *key;         /**< "key_figures", "units", "rows", "reasons", "change",
                                "measures_followup", "measures_new", "findings", "monthly", "texts", "goals",
                                "warnings", "efficiency", "priorities", "intcontrol" or "unfunded" */
  const char *title;       /**< in the report's language */
  int english;             /**< 1 if the title and headers are English */
  size_t column_count;     /**< number of columns (tertial_report_column_at()) */
  size_t line_count;       /**< number of lines (tertial_report_line_at()) */
} tertial_report_section;

/** Version of ::tertial_report_options. */
#define TERTIAL_REPORT_OPTIONS_VERSION 4

/** Options of tertial_report_new(). Initialise with ::TERTIAL_REPORT_OPTIONS_INIT. */
typedef struct tertial_report_options {
  unsigned int version;       /**< ::TERTIAL_REPORT_OPTIONS_VERSION */
  int english;                /**< 1: English titles, headers and labels (default Swedish) */
  int budget_measure;         /**< -1 (default): the model's current budget */
  unsigned int sections;      /**< TERTIAL_SECTION_BIT()s of the sections wanted; default all */
  /** snapshot point to compare with (e.g. "JANFEB"); NULL: no change section. The section's current
   * forecast is the one the tables show (the last tertial_forecast_apply(), which must be at the
   * report's cut-off and fresh, else ::TERTIAL_ERR_STATE), so its lines add up to the tables' change */
  const char *previous_point;
  /** the point the current forecast is labelled with: a snapshot at the report's cut-off
   * (::TERTIAL_ERR_INVALID otherwise); NULL: the latest snapshot there, else the calendar's point */
  const char *current_point;
  int skip_empty;             /**< 1: leave out all-zero lines of the follow-up tables (not totals);
                                   a leaf unit's report (no children) always does */
  int child_depth;            /**< 0 (default): no child reports; n: one per unit down to n levels below */
  /** 1 (default): the "Ekonomiskt resultat per verksamhet" table passes through chains of single
   * children: while the unit's children view would be one child line (nothing of the unit's own,
   * the child under it all year), it lists that child's children instead, so a committee with one
   * administration (förvaltning) lists the administration's activities. The total is the same.
   * 0: always the unit's own children. (Since version 2; a version-1 struct gets 0.) */
  int pass_through;
  /** 1: the follow-up tables (Nyckeltal, per verksamhet, Ekonomiskt resultat) have a ninth amount
   * column after the eight, key `prior_year_acc`, "Utfall fg år samma period" ("Prior year outcome
   * to date"): the previous year's outcome of the same months, the first to the cut-off (Fg
   * bokslut is the whole year). A presentation (presentation.h) can choose it. 0 (default): the
   * eight. (Since version 3.) */
  int prior_year_acc;
  /** 1: the follow-up tables have two more amount columns after the eight (and prior_year_acc),
   * key `previous_forecast`, "Fg prognos" ("Previous forecast"): each line's Årets prognos in the
   * snapshot of previous_point (which must be set, ::TERTIAL_ERR_INVALID otherwise), and
   * `forecast_change`, "Förändring mot fg prognos" ("Change from previous forecast"): Årets prognos
   * − Fg prognos. A unit's line counts the snapshot's entries on the result's rows of its subtree
   * (as the structure stands at the cut-off), the own line the unit's own, a report row's line
   * the entries on it and the rows under it, so a total line is the sum of the lines added into it
   * and the key figures' line gives the change section's previous forecast. A "varav interna" row
   * has empty cells (snapshots hold line rows only). 0 (default): none. (Since version 4.) */
  int previous_forecast;
  /** 1: the follow-up tables have an amount column after those, key `forecast_after_measures`,
   * "Prognos efter planerade åtgärder" ("Forecast after planned measures"): each line's Årets
   * prognos plus the planned measures (::TERTIAL_ADJUST_PLANNED_MEASURE) of its units (a report
   * row's line: on it and the rows under it); the key figures' line equals its `after_planned`.
   * 0 (default): none. (Since version 4.) */
  int forecast_after_measures;
} tertial_report_options;

/** Default options: Swedish, current budget, every section, no comparison, no child reports,
 * single children passed through. */
#define TERTIAL_REPORT_OPTIONS_INIT \
  { TERTIAL_REPORT_OPTIONS_VERSION, 0, -1, TERTIAL_REPORT_ALL_SECTIONS, NULL, NULL, 0, 0, 1, 0, 0, 0 }

/** A follow-up report (immutable once built). */
typedef struct tertial_report tertial_report;

/**
 * Build the report of @p unit's subtree at a cut-off. The report is a snapshot: later
 * changes to the model do not affect it. Forecasts are what the model holds (run
 * tertial_forecast_apply() first; where none is set the annual budget stands in and lines
 * count it in `forecast_missing`).
 * @param out receives the report; free with tertial_report_free().
 * @param cutoff months included from the fiscal-year start, 1..12.
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unit, budget measure, a named snapshot, or no snapshot at
 *         the cut-off when only a previous point is named), ::TERTIAL_ERR_RANGE (cut-off,
 *         child_depth), ::TERTIAL_ERR_STATE (invalid mapping), ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (also for an unknown options version, and for
 *         previous_forecast without a previous point).
 */
TERTIAL_API int tertial_report_new(tertial_report **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                                   const tertial_report_options *options);

/** Free a report and its child reports (NULL-safe). */
TERTIAL_API void tertial_report_free(tertial_report *report);

/** The report's unit (::TERTIAL_NO_UNIT for NULL). */
TERTIAL_API tertial_unit_id tertial_report_unit(const tertial_report *report);

/** The unit's code (borrowed; "" for NULL). */
TERTIAL_API const char *tertial_report_unit_code(const tertial_report *report);

/** The report's title: the unit's name (borrowed; "" for NULL). */
TERTIAL_API const char *tertial_report_title(const tertial_report *report);

/**
 * The report's subtitle, e.g. "Utfall t.o.m. april 2026, Tertial 1" or
 * "Outcome to April 2026, Tertial 1" (the follow-up point's name when the calendar has a point
 * at the cut-off). Borrowed; "" for NULL.
 */
TERTIAL_API const char *tertial_report_subtitle(const tertial_report *report);

/** The follow-up point at the report's cut-off: its code, or "" if the calendar has none (borrowed). */
TERTIAL_API const char *tertial_report_point_code(const tertial_report *report);

/** The follow-up point's name, or the period ("januari–april 2026") if there is none (borrowed). */
TERTIAL_API const char *tertial_report_point_name(const tertial_report *report);

/** The cut-off (1..12); 0 for NULL. */
TERTIAL_API int tertial_report_cutoff(const tertial_report *report);

/** The period (yyyymm) of the cut-off month; 0 for NULL. */
TERTIAL_API int tertial_report_cutoff_period(const tertial_report *report);

/** 1 if the report's labels are English, 0 if Swedish. */
TERTIAL_API int tertial_report_english(const tertial_report *report);

/** Depth of the report's unit below the root report's unit (0 for the root report). */
TERTIAL_API int tertial_report_depth(const tertial_report *report);

/** Number of sections. */
TERTIAL_API size_t tertial_report_section_count(const tertial_report *report);

/**
 * Section @p index.
 * @return a pointer borrowed from @p report; NULL if out of range.
 */
TERTIAL_API const tertial_report_section *tertial_report_section_at(const tertial_report *report, size_t index);

/**
 * Find the section of a kind.
 * @param out_index receives its index.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (the report has no such section), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_report_find_section(size_t *out_index, const tertial_report *report,
                                            tertial_report_section_kind kind);

/**
 * Column @p index of a section.
 * @return a pointer borrowed from the report; NULL if out of range.
 */
TERTIAL_API const tertial_report_column *tertial_report_column_at(const tertial_report_section *section,
                                                                  size_t index);

/**
 * Line @p index of a section.
 * @return a pointer borrowed from the report; NULL if out of range.
 */
TERTIAL_API const tertial_report_line *tertial_report_line_at(const tertial_report_section *section, size_t index);

/**
 * The cell of a section at @p line and @p column.
 * @return a pointer borrowed from the report; NULL if out of range.
 */
TERTIAL_API const tertial_report_cell *tertial_report_cell_at(const tertial_report_section *section, size_t line,
                                                              size_t column);

/** Number of child reports (one per unit of the subtree down to the chosen depth, pre-order). */
TERTIAL_API size_t tertial_report_child_count(const tertial_report *report);

/**
 * Child report @p index.
 * @return a pointer borrowed from @p report; NULL if out of range.
 */
TERTIAL_API const tertial_report *tertial_report_child_at(const tertial_report *report, size_t index);

TERTIAL_END_DECLS

#endif
