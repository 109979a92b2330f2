/**
 * @file accounts.h
 * @brief Chart of accounts and the mapping of account ranges to report rows (as data).
 *
 * Accounts are numbered with digits as in the finance system ("3011", "45110").
 * Report rows form a small tree: *sum* rows (group headings with subtotals, and totals such
 * as NETTORESULTAT) add up their children; *line* rows receive accounts through ranges;
 * *internal* rows ("varav interna intäkter") show the internal accounts among the lines of
 * their parent and are informational: never added into any sum.
 *
 * Ranges are written with digit prefixes: `30`–`30` matches every account whose first two
 * digits are 30 (3000, 3011, 30110); `3450`–`3459` matches on the first four digits. An
 * account shorter than the prefix is padded with zeros on the right. When several ranges
 * match, the one with the longest prefix wins, then the one defined last, so a local chart
 * can override a group default with a single account.
 *
 * The text form (tertial_rowmap_parse(), tertial_rowmap_format()), one record per line,
 * fields separated by ';', '#' starts a comment line:
 * @code
 * name;Kommun-Bas default
 * version;2026.1
 * row;INT;VERKSAMHETENS INTÄKTER;sum;NETTO
 * row;INT_FORS;Försäljning;line;INT
 * row;INT_VARAV;varav interna intäkter;internal;INT
 * row;NETTO;NETTORESULTAT;sum;
 * map;30;30;INT_FORS
 * result;NETTO
 * @endcode
 * Rows are displayed in the order they are defined; a parent may be defined after its
 * children (so NETTORESULTAT can come last).
 */
#ifndef TERTIAL_ACCOUNTS_H
#define TERTIAL_ACCOUNTS_H

#include "common.h"

TERTIAL_BEGIN_DECLS

/** Kind of account. */
typedef enum tertial_account_type {
  TERTIAL_ACCOUNT_ASSET = 0,     /**< tillgång (SIE \#KTYP T) */
  TERTIAL_ACCOUNT_LIABILITY = 1, /**< skuld or eget kapital (SIE S) */
  TERTIAL_ACCOUNT_REVENUE = 2,   /**< intäkt (SIE I); booked negative */
  TERTIAL_ACCOUNT_COST = 3,      /**< kostnad (SIE K); booked positive */
} tertial_account_type;

/** An account of a chart (borrowed from the chart). */
typedef struct tertial_account {
  const char *number;       /**< digits, e.g. "4610" */
  const char *name;         /**< account name */
  tertial_account_type type; /**< asset, liability, revenue or cost */
  int internal;             /**< 1 if internal (intern intäkt/kostnad, eliminated at kommun level) */
} tertial_account;

/** A chart of accounts. */
typedef struct tertial_chart tertial_chart;

/**
 * Create an empty chart.
 * @param out receives the chart; free with tertial_chart_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_chart_new(tertial_chart **out);

/** Free a chart (NULL-safe). */
TERTIAL_API void tertial_chart_free(tertial_chart *chart);

/**
 * Add an account.
 * @param out_id receives the account's dense id (may be NULL).
 * @param number 1..10 digits (copied).
 * @param name account name (copied; NULL means "").
 * @return 0, ::TERTIAL_ERR_EXISTS, ::TERTIAL_ERR_INVALID (bad number), ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_chart_add(tertial_account_id *out_id, tertial_chart *chart, const char *number,
                                  const char *name, tertial_account_type type, int internal);

/**
 * Find an account by number, adding it with the Kommun-Bas default type
 * (tertial_account_type_guess()), an empty name and internal = 0 when missing.
 * @return 0, ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_chart_ensure(tertial_account_id *out_id, tertial_chart *chart, const char *number);

/**
 * Find an account by number.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_chart_find(tertial_account_id *out_id, const tertial_chart *chart, const char *number);

/** Number of accounts. */
TERTIAL_API size_t tertial_chart_count(const tertial_chart *chart);

/**
 * The account with dense id @p id.
 * @return a pointer borrowed from @p chart, valid until the chart is changed or freed; NULL if out of range.
 */
TERTIAL_API const tertial_account *tertial_chart_account(const tertial_chart *chart, tertial_account_id id);

/**
 * Mark an account internal or not.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_chart_set_internal(tertial_chart *chart, tertial_account_id id, int internal);

/**
 * Set an account's name (copied).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_chart_set_name(tertial_chart *chart, tertial_account_id id, const char *name);

/**
 * The Kommun-Bas default type of an account number by its first digit(s): 1 asset,
 * 2 liability, 3 revenue, 4–7 cost, 80–84 revenue (taxes, equalisation, financial income),
 * 85–89 cost; classes 0 and 9 (free for local cost accounting) cost. A one-digit number is
 * padded with a zero ("8" is group 80).
 * @return 0, ::TERTIAL_ERR_INVALID for a malformed number.
 */
TERTIAL_API int tertial_account_type_guess(tertial_account_type *out, const char *number);

/** Kind of report row. */
typedef enum tertial_row_kind {
  TERTIAL_ROW_LINE = 0,     /**< receives accounts through ranges */
  TERTIAL_ROW_SUM = 1,      /**< sum of its line and sum children */
  TERTIAL_ROW_INTERNAL = 2, /**< "varav interna": internal accounts among its parent's lines; not added */
} tertial_row_kind;

/** A report row (borrowed from its mapping). */
typedef struct tertial_report_row {
  const char *code;  /**< unique code, e.g. "INT_FORS" */
  const char *label; /**< display label, e.g. "Försäljning" */
  tertial_row_kind kind; /**< a line, sum or "varav interna" row */
  int parent;        /**< index of the parent sum row, -1 for a top row */
  int depth;         /**< 0 for top rows, parent's depth + 1 otherwise */
} tertial_report_row;

/**
 * A mapping from account ranges to report rows.
 *
 * Changing a mapping marks it for validation again; the const getters (tertial_rowmap_row(),
 * tertial_rowmap_result_row(), tertial_rowmap_lookup(), tertial_rowmap_format()) validate a
 * changed mapping on first use, which writes derived fields. So a mapping must not be changed
 * while it is read, and should be validated (tertial_rowmap_validate()) before it is read
 * from several threads at once.
 */
typedef struct tertial_rowmap tertial_rowmap;

/**
 * Create an empty mapping.
 * @param out receives the mapping; free with tertial_rowmap_free().
 * @param name, version descriptive metadata (copied; NULL means "").
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_rowmap_new(tertial_rowmap **out, const char *name, const char *version);

/**
 * Create the default Kommun-Bas mapping: the rows of VERKSAMHETENS INTÄKTER and
 * VERKSAMHETENS KOSTNADER with their "varav interna" rows, NETTORESULTAT as the result row,
 * and a separate top row for financing, taxes and equalisation (78, 80–89) outside the result.
 * Its text form is in docs/kommunbas-rows.txt.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_rowmap_new_kommunbas(tertial_rowmap **out);

/**
 * Parse a complete mapping from its text form.
 * @param out receives the mapping.
 * @param text NUL-terminated text.
 * @param source name used in messages ("source:line: expected ...").
 * @return 0, ::TERTIAL_ERR_PARSE, ::TERTIAL_ERR_EXISTS, ::TERTIAL_ERR_NOT_FOUND (unknown row),
 *         ::TERTIAL_ERR_STATE (a rule of tertial_rowmap_validate() is broken: a cycle, a row under
 *         a non-sum row, ...), ::TERTIAL_ERR_NOMEM. Every message names @p source and the line.
 */
TERTIAL_API int tertial_rowmap_parse(tertial_rowmap **out, const char *text, const char *source);

/**
 * The text form of a mapping, which tertial_rowmap_parse() reads back to the same mapping.
 * @param out receives a NUL-terminated string; free with tertial_free().
 * @return 0, ::TERTIAL_ERR_STATE (invalid mapping), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_rowmap_format(char **out, const tertial_rowmap *map);

/** Free a mapping (NULL-safe). */
TERTIAL_API void tertial_rowmap_free(tertial_rowmap *map);

/** The mapping's name ("" if none). */
TERTIAL_API const char *tertial_rowmap_name(const tertial_rowmap *map);

/** The mapping's version ("" if none). */
TERTIAL_API const char *tertial_rowmap_version(const tertial_rowmap *map);

/**
 * Add a row. The parent may be added later; tertial_rowmap_validate() resolves it.
 * @param parent_code code of the parent sum row, or NULL/"" for a top row.
 * @return 0, ::TERTIAL_ERR_EXISTS, ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_rowmap_add_row(tertial_rowmap *map, const char *code, const char *label,
                                       tertial_row_kind kind, const char *parent_code);

/**
 * Map the accounts from @p from to @p to (digit prefixes of equal length, from <= to) to a line row.
 * @return 0, ::TERTIAL_ERR_INVALID (malformed range), ::TERTIAL_ERR_NOMEM.
 *         The row is checked by tertial_rowmap_validate().
 */
TERTIAL_API int tertial_rowmap_add_range(tertial_rowmap *map, const char *from, const char *to,
                                         const char *row_code);

/**
 * Choose the result row (the unit total of follow-up tables, e.g. NETTORESULTAT).
 * Without one, the last top-level sum row is the result row.
 * @return 0, ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM (checked by tertial_rowmap_validate()).
 */
TERTIAL_API int tertial_rowmap_set_result(tertial_rowmap *map, const char *row_code);

/**
 * Resolve parents and check the mapping: every parent exists and is a sum row, no cycles,
 * internal rows have a parent, ranges point to line rows, the result row is a sum row.
 * Other functions call this when needed (and report a failure as ::TERTIAL_ERR_STATE);
 * call it to get the error early.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (unknown parent, range or result row), ::TERTIAL_ERR_STATE
 *         (any other broken rule), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_rowmap_validate(tertial_rowmap *map);

/** Number of rows. */
TERTIAL_API size_t tertial_rowmap_row_count(const tertial_rowmap *map);

/**
 * Row @p index in display order.
 * @return a pointer borrowed from @p map, valid until the mapping changes; NULL if out of range
 *         or the mapping does not validate.
 */
TERTIAL_API const tertial_report_row *tertial_rowmap_row(const tertial_rowmap *map, size_t index);

/**
 * Find a row by code.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_rowmap_find_row(int *out_index, const tertial_rowmap *map, const char *code);

/**
 * The result row's index, or -1 if the mapping has no sum row or does not validate.
 */
TERTIAL_API int tertial_rowmap_result_row(const tertial_rowmap *map);

/**
 * The line row an account number maps to.
 * @param out_row receives the row index, or -1 when unmapped.
 * @return 0 (mapped), ::TERTIAL_ERR_NOT_FOUND (unmapped; *out_row = -1), ::TERTIAL_ERR_STATE
 *         (mapping invalid), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_rowmap_lookup(int *out_row, const tertial_rowmap *map, const char *number);

TERTIAL_END_DECLS

#endif
