/**
 * @file audit.h
 * Auditor mode: checking the arithmetic of printed follow-up tables (docs/audit.md).
 *
 * An audit holds printed tables, independent of any ledger: each table has a name and a source,
 * columns (a header, a meaning, a unit) and lines (a label, an optional code, a depth or an
 * explicit parent, a kind). Values are kept exactly as printed: "12,3" is 123 with 1 decimal,
 * "-1 234" is -1234 with none, "−" (U+2212) is a minus; an empty cell and a text such as
 * `#DIVISION/0!` stay what they are and are never read as zero.
 *
 * tertial_audit_run() infers what was not declared (the columns' meanings from their Swedish or
 * English headers, units from headers and captions, totals from labels, the hierarchy from
 * depths, "varav" lines from their labels, each deviation column's sign convention from the
 * numbers) and checks the relations:
 * - a line with children equals their sum, a total the sum of the lines above it (varav lines
 *   not counted);
 * - deviation = budget − outcome (or outcome − budget), forecast deviation = annual budget −
 *   forecast (or the reverse), Förbrukat % = 100 × outcome / annual budget, Återstår = annual
 *   budget − outcome;
 * - the same item printed in two tables agrees (a table's total and the line that names that
 *   table elsewhere);
 * - a reasons table's total, and each unit's lines in it, equal that unit's forecast deviation.
 *
 * A printed value with d decimals stands for every number within half a unit of its last place;
 * a relation holds when the printed result lies within the interval its printed inputs allow
 * (exact integer arithmetic). A finding that does not hold is classed as rounding (off by less
 * than one more unit of the last place), sign (holds when one or more signs are flipped) or
 * error.
 *
 * @code
 * tertial_audit *a;
 * tertial_audit_new(&a);
 * tertial_audit_read_file(a, "uppfoljning.xlsx", NULL);
 * tertial_audit_run(a);
 * for (size_t i = 0; i < tertial_audit_finding_count(a); i++)
 *   puts(tertial_audit_finding_at(a, i)->explanation);
 * tertial_audit_free(a);
 * @endcode
 */
#ifndef TERTIAL_AUDIT_H
#define TERTIAL_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "report.h"

TERTIAL_BEGIN_DECLS

/** A set of printed tables (one report) and, after tertial_audit_run(), its findings (opaque). */
typedef struct tertial_audit tertial_audit;

/** What a column holds. */
typedef enum tertial_audit_meaning {
  TERTIAL_AUDIT_INFER = -1,             /**< infer it from the header (tertial_audit_column_add()) */
  TERTIAL_AUDIT_OTHER = 0,              /**< an amount without a known relation (e.g. Fg bokslut) */
  TERTIAL_AUDIT_OUTCOME = 1,            /**< Ack utfall, Utfall, Outcome */
  TERTIAL_AUDIT_BUDGET = 2,             /**< Ack budget, Budget */
  TERTIAL_AUDIT_ANNUAL_BUDGET = 3,      /**< Årets budget, Budget helår, Annual budget */
  TERTIAL_AUDIT_DEVIATION = 4,          /**< Avvikelse, Ack budgetavvikelse, Deviation */
  TERTIAL_AUDIT_FORECAST = 5,           /**< Årets prognos, Prognos, Forecast */
  TERTIAL_AUDIT_FORECAST_DEVIATION = 6, /**< Prognosavvikelse, Budgetavvikelse helår */
  TERTIAL_AUDIT_USED_PERCENT = 7,       /**< Förbrukat %, Used % */
  TERTIAL_AUDIT_REMAINING = 8,          /**< Återstår, Remaining */
  TERTIAL_AUDIT_REASON_AMOUNT = 9,      /**< the amount of a reasons table (Belopp) */
  TERTIAL_AUDIT_IDENTIFIER = 10,        /**< not an amount: a code, a unit's number, a level */
} tertial_audit_meaning;

/** The unit amounts are printed in. */
typedef enum tertial_audit_unit {
  TERTIAL_AUDIT_UNIT_UNKNOWN = 0, /**< not stated (the table's or, failing that, kr) */
  TERTIAL_AUDIT_KR = 1,
  TERTIAL_AUDIT_TKR = 2,
  TERTIAL_AUDIT_MNKR = 3,
  TERTIAL_AUDIT_PERCENT = 4,
} tertial_audit_unit;

/** The sign convention of a deviation column. */
typedef enum tertial_audit_sign {
  TERTIAL_AUDIT_SIGN_INFER = 0,             /**< infer it from the numbers */
  TERTIAL_AUDIT_BUDGET_MINUS_ACTUAL = 1,    /**< budget − outcome (or annual budget − forecast) */
  TERTIAL_AUDIT_ACTUAL_MINUS_BUDGET = 2,    /**< outcome − budget (or forecast − annual budget) */
} tertial_audit_sign;

/** What a line is. */
typedef enum tertial_audit_line_kind {
  TERTIAL_AUDIT_LINE_INFER = -1,   /**< infer it from the label */
  TERTIAL_AUDIT_LINE_NORMAL = 0,   /**< an item (it may have children) */
  TERTIAL_AUDIT_LINE_TOTAL = 1,    /**< a total of everything above it (Summa, Totalt, NETTORESULTAT) */
  TERTIAL_AUDIT_LINE_SUBTOTAL = 2, /**< a total of the items since the previous total (Summa kostnader) */
  TERTIAL_AUDIT_LINE_VARAV = 3,    /**< informational, not part of any sum ("varav ...") */
  TERTIAL_AUDIT_LINE_HEADING = 4,  /**< a heading over the lines below it, without values */
} tertial_audit_line_kind;

/** What a printed cell holds. */
typedef enum tertial_audit_value_kind {
  TERTIAL_AUDIT_EMPTY = 0,  /**< nothing printed */
  TERTIAL_AUDIT_NUMBER = 1, /**< a number */
  TERTIAL_AUDIT_TEXT = 2,   /**< anything else, e.g. "#DIVISION/0!" or "–" */
} tertial_audit_value_kind;

/** A printed value: exact, as an integer scaled by 10^decimals. */
typedef struct tertial_audit_value {
  tertial_audit_value_kind kind; /**< empty, a number or a text */
  int64_t scaled;  /**< ::TERTIAL_AUDIT_NUMBER: "-1 234,5" is -12345 */
  int decimals;    /**< ::TERTIAL_AUDIT_NUMBER: the printed decimals (0..9) */
  int percent;     /**< 1 when printed with a "%" sign */
} tertial_audit_value;

/**
 * Read a printed number: spaces (also no-break and thin ones) group thousands; ',' or '.' is the
 * decimal sign (the last of the two when both appear, the other grouping thousands); '-', '−'
 * (U+2212) or parentheses make it negative; a trailing '%' sets `percent`. Anything else, and
 * more than 18 digits or 9 decimals, is ::TERTIAL_AUDIT_TEXT; blanks only are ::TERTIAL_AUDIT_EMPTY.
 * @return 0, ::TERTIAL_ERR_INVALID (NULL).
 */
TERTIAL_API int tertial_audit_value_parse(tertial_audit_value *out, const char *text);

/** A new, empty audit; free with tertial_audit_free(). @return 0, ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM. */
TERTIAL_API int tertial_audit_new(tertial_audit **out);

/** Free an audit and everything it owns (NULL is allowed). */
TERTIAL_API void tertial_audit_free(tertial_audit *a);

/**
 * Add a table.
 * @param out receives its index (may be NULL).
 * @param name its title, e.g. "Ekonomiskt resultat per verksamhet" (may be "").
 * @param source where it was printed, e.g. "rapport.xlsx:Blad1" (may be NULL).
 * @return 0, ::TERTIAL_ERR_INVALID (NULL a or name, not UTF-8), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_audit_table_add(size_t *out, tertial_audit *a, const char *name, const char *source);

/** The unit a table's amounts are printed in when its columns do not say (a caption such as
 * "Belopp i tkr"). @return 0, ::TERTIAL_ERR_RANGE (no such table or unit). */
TERTIAL_API int tertial_audit_table_set_unit(tertial_audit *a, size_t table, tertial_audit_unit unit);

/** Number of tables. */
TERTIAL_API size_t tertial_audit_table_count(const tertial_audit *a);

/** A table's name (borrowed), NULL if out of range. */
TERTIAL_API const char *tertial_audit_table_name(const tertial_audit *a, size_t table);

/**
 * Add a column to a table (before its lines).
 * @param meaning ::TERTIAL_AUDIT_INFER to infer it from the header.
 * @param unit ::TERTIAL_AUDIT_UNIT_UNKNOWN to infer it from the header or the table.
 * @return 0, ::TERTIAL_ERR_RANGE (no such table, an unknown meaning or unit),
 *         ::TERTIAL_ERR_STATE (the table has lines), ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_audit_column_add(size_t *out, tertial_audit *a, size_t table, const char *header,
                                         tertial_audit_meaning meaning, tertial_audit_unit unit);

/** Declare a deviation or forecast deviation column's sign convention (otherwise inferred).
 * @return 0, ::TERTIAL_ERR_RANGE. */
TERTIAL_API int tertial_audit_column_set_sign(tertial_audit *a, size_t table, size_t column, tertial_audit_sign sign);

/** Version of ::tertial_audit_line_spec. */
#define TERTIAL_AUDIT_LINE_SPEC_VERSION 1
/** ::tertial_audit_line_spec::parent: infer the parent from depths and totals. */
#define TERTIAL_AUDIT_PARENT_INFER (-1L)
/** ::tertial_audit_line_spec::parent: declared at the top, in no other line's sum. */
#define TERTIAL_AUDIT_PARENT_NONE (-2L)

/** A line of a table. Initialise with ::TERTIAL_AUDIT_LINE_SPEC_INIT. */
typedef struct tertial_audit_line_spec {
  unsigned int version;          /**< ::TERTIAL_AUDIT_LINE_SPEC_VERSION */
  const char *label;             /**< as printed; leading spaces give the depth when depth is -1 */
  const char *code;              /**< e.g. "31" or "KOST_PERS"; NULL or "" for none */
  int depth;                     /**< 0 top; -1: infer from leading spaces (two per level) or a code "1.2" */
  tertial_audit_line_kind kind;  /**< ::TERTIAL_AUDIT_LINE_INFER: from the label */
  long parent;                   /**< a line index of the table, or ::TERTIAL_AUDIT_PARENT_INFER / _NONE */
  const char *where;             /**< where it was printed, for findings ("rapport.csv:12"); may be NULL */
} tertial_audit_line_spec;

/** Defaults: depth, kind and parent inferred. */
#define TERTIAL_AUDIT_LINE_SPEC_INIT                                                                          \
  {                                                                                                           \
    TERTIAL_AUDIT_LINE_SPEC_VERSION, NULL, NULL, -1, TERTIAL_AUDIT_LINE_INFER, TERTIAL_AUDIT_PARENT_INFER, NULL \
  }

/**
 * Add a line: its cells as printed, one per column (fewer are empty; more are an error).
 * @param out receives its index in the table (may be NULL).
 * @return 0, ::TERTIAL_ERR_RANGE (no such table, too many cells, a bad depth or kind),
 *         ::TERTIAL_ERR_INVALID (NULL, not UTF-8, an unknown version), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_audit_line_add(size_t *out, tertial_audit *a, size_t table, const tertial_audit_line_spec *spec,
                                       const char *const *cells, size_t ncells);

/** Number of lines of a table (0 if out of range). */
TERTIAL_API size_t tertial_audit_line_count(const tertial_audit *a, size_t table);

/** Version of ::tertial_audit_read_options. */
#define TERTIAL_AUDIT_READ_OPTIONS_VERSION 1
/** How to read a file. Initialise with ::TERTIAL_AUDIT_READ_OPTIONS_INIT. */
typedef struct tertial_audit_read_options {
  unsigned int version; /**< ::TERTIAL_AUDIT_READ_OPTIONS_VERSION */
  const char *sheet;    /**< xlsx: the one sheet to read; NULL: every sheet */
} tertial_audit_read_options;
/** Defaults: every sheet. */
#define TERTIAL_AUDIT_READ_OPTIONS_INIT { TERTIAL_AUDIT_READ_OPTIONS_VERSION, NULL }

/**
 * Read the printed tables of a CSV file (';' with ',' decimals, ',' with '.' decimals, or TAB),
 * an xlsx workbook (what each cell shows: its number format's decimals, its indent) or JSON,
 * Tertial's report or a plain table (tertial_audit_read_json()), and add them. A row with one text is a title, a row of texts with a known header is a header, a blank
 * row ends a table; the structure columns Tertial writes (Kod, Nivå, Radtyp, Överordnad rad,
 * Ingår ej i summan) are read as such.
 * @param options NULL for the defaults.
 * @return 0, ::TERTIAL_ERR_IO, ::TERTIAL_ERR_PARSE (message with file and line),
 *         ::TERTIAL_ERR_NOT_FOUND (no such sheet), ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID,
 *         ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_audit_read_file(tertial_audit *a, const char *path, const tertial_audit_read_options *options);

/** As tertial_audit_read_file() for CSV text in memory; @p source names it in messages. */
TERTIAL_API int tertial_audit_read_csv(tertial_audit *a, const char *data, size_t len, const char *source);

/**
 * Read the JSON report Tertial writes (render_json.h): each section of the report and of its
 * child reports is a table, its columns' keys give their meanings, amounts in öre (or in the
 * presentation's unit and decimals) and shares in hundredths of a percent are read exactly, and
 * each line's depth, style, parent and informational flag are declared. tertial_audit_read_file()
 * reads a file that starts with '{' or '[' so. The parser is strict (RFC 8259).
 * Other JSON is read as a plain table (docs/audit.md): an array of objects with the same keys (the
 * first object's keys are the columns), or {"columns": [headers], "rows": [[cells], ...]} with an
 * optional "title" (or "name") and "unit", or {"tables": [either, ...]}; numbers as written,
 * strings as printed, null empty; a column headed Kod or Code gives the codes, the first other
 * column mostly of texts the labels; where: "SOURCE: row N".
 * @return 0, ::TERTIAL_ERR_PARSE (the byte where the JSON is malformed, a row without a key of the
 *         first or of another width, naming the row; or neither a Tertial report nor a table),
 *         ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_audit_read_json(tertial_audit *a, const char *data, size_t len, const char *source);

/**
 * Declare what inference cannot see, in a small text (docs/audit.md): one declaration a line,
 * `#` comments, blank lines ignored:
 * - `column HEADER = MEANING [UNIT]` (MEANING: outcome, budget, annual-budget, deviation,
 *   forecast, forecast-deviation, used-percent, remaining, reason-amount, other, identifier);
 * - `unit = kr|tkr|mnkr` for every table that does not state one;
 * - `deviation = budget-outcome|outcome-budget` and `forecast-deviation = ...`;
 * - `total = LABEL` and `varav = LABEL` for lines whose labels say nothing.
 * Applies to the tables already added and to those added later.
 * @return 0, ::TERTIAL_ERR_PARSE (message "SOURCE:LINE: ..."), ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_audit_spec_parse(tertial_audit *a, const char *text, size_t len, const char *source);

/** tertial_audit_spec_parse() of a file. @return as it, and ::TERTIAL_ERR_IO. */
TERTIAL_API int tertial_audit_spec_file(tertial_audit *a, const char *path);

/** The class of a finding. */
typedef enum tertial_audit_class {
  TERTIAL_AUDIT_ROUNDING = 1, /**< off by less than one more unit of the last printed place */
  TERTIAL_AUDIT_SIGN = 2,     /**< holds when one or more signs are flipped */
  TERTIAL_AUDIT_ERROR = 3,    /**< neither */
} tertial_audit_class;

/** Which relation a finding breaks. */
typedef enum tertial_audit_relation {
  TERTIAL_AUDIT_SUM = 1,                /**< a line and its children, a total and the lines above */
  TERTIAL_AUDIT_REL_DEVIATION = 2,      /**< deviation and outcome, budget */
  TERTIAL_AUDIT_REL_FORECAST_DEVIATION = 3, /**< forecast deviation and forecast, annual budget */
  TERTIAL_AUDIT_REL_USED_PERCENT = 4,   /**< Förbrukat % and outcome, annual budget */
  TERTIAL_AUDIT_REL_REMAINING = 5,      /**< Återstår and annual budget, outcome */
  TERTIAL_AUDIT_SAME_ITEM = 6,          /**< the same item in two tables */
  TERTIAL_AUDIT_REASONS = 7,            /**< a reasons table and the forecast deviation */
} tertial_audit_relation;

/** A relation that does not hold. Owned by the audit; valid until the next run or the free. */
typedef struct tertial_audit_finding {
  size_t table;                   /**< the table of the printed value */
  size_t line;                    /**< its line */
  size_t column;                  /**< its column */
  const char *table_name;         /**< the table's title */
  const char *line_label;         /**< without leading spaces */
  const char *column_header;      /**< as printed */
  const char *where;              /**< where it was printed, or "" */
  tertial_audit_relation relation; /**< the relation that does not hold */
  tertial_audit_class cls;        /**< rounding, sign or error */
  int64_t printed;                /**< the printed value, scaled by 10^decimals */
  int64_t expected;               /**< what the relation gives, rounded to the same decimals and unit */
  int64_t difference;             /**< printed − expected */
  int decimals;                   /**< of the three */
  const char *explanation;        /**< Swedish, one sentence a person can read */
  const char *explanation_en;     /**< the same in English */
} tertial_audit_finding;

/**
 * Infer what was not declared and check every relation; replaces an earlier run's findings.
 * @return 0, ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_OVERFLOW (a value beyond
 *         what can be compared exactly).
 */
TERTIAL_API int tertial_audit_run(tertial_audit *a);

/** Number of findings of the last run. */
TERTIAL_API size_t tertial_audit_finding_count(const tertial_audit *a);

/** Finding @p i (borrowed), NULL if out of range. */
TERTIAL_API const tertial_audit_finding *tertial_audit_finding_at(const tertial_audit *a, size_t i);

/** Number of relations the last run checked (held or not). */
TERTIAL_API size_t tertial_audit_checked_count(const tertial_audit *a);

/** Number of assumptions the last run made (which column means what, which sign convention a
 * deviation follows, which lines are totals). */
TERTIAL_API size_t tertial_audit_assumption_count(const tertial_audit *a);

/** Assumption @p i as a sentence (borrowed), NULL if out of range. */
TERTIAL_API const char *tertial_audit_assumption_at(const tertial_audit *a, size_t i);

/** A finding's class as a word: "rounding", "sign", "error" (NULL if unknown). */
TERTIAL_API const char *tertial_audit_class_name(tertial_audit_class cls);

/** A meaning as a word of the spec format: "outcome", "annual-budget", ... (NULL if unknown). */
TERTIAL_API const char *tertial_audit_meaning_name(tertial_audit_meaning meaning);

/** The meaning a column was given by the last run (declared or inferred); -1 if out of range. */
TERTIAL_API int tertial_audit_column_meaning(const tertial_audit *a, size_t table, size_t column);

/**
 * The last run's findings and assumptions as text (one finding a line, then the assumptions) or
 * as JSON (`{"checked":N,"findings":[...],"assumptions":[...]}`).
 * @param out receives the text; free with tertial_free().
 * @return 0, ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_audit_format(char **out, const tertial_audit *a, int json);

/**
 * Audit a report of Tertial's as the printed tables it is (its JSON, tertial_render_json() without
 * a presentation, read as tertial_audit_read_json() reads it, child reports included) and add each
 * finding as a line of the report's "Kontroll av rapporten" section (::TERTIAL_SECTION_FINDINGS),
 * made when the report has none (e.g. left out by tertial_report_options::sections): see
 * tertial_report_add_audit_findings_of(). A report whose figures hold gets no line. Each call adds
 * the findings again: call it once per report, before rendering.
 * @param added receives the number of lines added (may be NULL).
 * Pointers to the findings section's lines and cells taken before the call are invalid after it.
 * @return 0, ::TERTIAL_ERR_INVALID (NULL report), ::TERTIAL_ERR_NOMEM (the report then holds the
 *         lines added before), ::TERTIAL_ERR_OVERFLOW.
 */
TERTIAL_API int tertial_report_add_audit_findings(tertial_report *report, size_t *added);

/**
 * Add the findings of an audit's last run (tertial_audit_run()) to a report's "Kontroll av
 * rapporten" section, made as the report's last section when it has none (the other sections stay
 * where they are, so their pointers stay valid). One line a finding, code "audit_rounding",
 * "audit_sign" or "audit_error"; columns: severity "Fel" for an error and "Varning" for rounding or
 * a sign ("Error", "Warning" in an English report); check the text "Granskning: TABLE rad LINE
 * kolumn COLUMN: tryckt X, väntat Y (avrundning|tecken|fel)" ("Audit: TABLE line LINE column
 * COLUMN: printed X, expected Y (rounding|sign|error)"), the values as printed; unit empty; row the
 * line's label; column the column's header; expected and found in öre (a printed tkr or mnkr
 * amount times its unit; empty for a percent).
 * Pointers to the findings section's lines and cells taken before the call are invalid after it.
 * @param added receives the number of lines added (may be NULL).
 * @return 0, ::TERTIAL_ERR_INVALID (NULL argument), ::TERTIAL_ERR_NOMEM (the report then holds the
 *         lines added before).
 */
TERTIAL_API int tertial_report_add_audit_findings_of(tertial_report *report, const tertial_audit *audit,
                                                     size_t *added);

TERTIAL_END_DECLS

#endif
