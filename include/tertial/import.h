/**
 * @file import.h
 * @brief A municipality's own tables (CSV and xlsx) into a model: organisation, accounts,
 * budget and outcome, all or nothing.
 *
 * A table's first non-empty row names its columns; columns are found by their header, in
 * Swedish or English, in any case and with or without accents (docs/cli.md lists the names).
 * The whole file is read and checked before anything changes: every error is collected with
 * its position ("budget.csv:7:3" or "budget.xlsx:Blad1!C7"), and a file with errors changes
 * nothing. Importing the same file again changes nothing: amounts replace the months they name
 * (rows of one unit, account and month in a file add up), units and accounts that are the same
 * stay as they are.
 */
#ifndef TERTIAL_IMPORT_H
#define TERTIAL_IMPORT_H

#include "common.h"
#include "model.h"
#include "round.h"

TERTIAL_BEGIN_DECLS

/** What a table holds. */
typedef enum tertial_import_kind {
  /** units: code, parent, name, level, manager */
  TERTIAL_IMPORT_ORGANISATION = 0,
  /** the chart of accounts: number, name, type, internal */
  TERTIAL_IMPORT_ACCOUNTS = 1,
  /** budget of a unit and account: an annual amount (with an optional periodisation key), an
   *  amount per month or period, or twelve month columns */
  TERTIAL_IMPORT_BUDGET = 2,
  /** outcome of a unit and account per month or period */
  TERTIAL_IMPORT_OUTCOME = 3,
  /** people of the follow-up round and their roles: key, name, email, role, unit, imported
   *  through tertial_round_people_parse() (all or nothing, as the round allows) */
  TERTIAL_IMPORT_PEOPLE = 4,
  /** values of the model's indicators (goals.h): indicator code, unit, period (yyyymm, yyyy-mm, a
   *  date, or a month of the fiscal year), value (in the indicator's decimals, Swedish or plain
   *  notation), an optional source (default: the file's name); a value replaces the unit's own
   *  value of that period */
  TERTIAL_IMPORT_INDICATORS = 5,
} tertial_import_kind;

/** Options of tertial_import_file(); start from ::TERTIAL_IMPORT_OPTIONS_INIT. */
typedef struct tertial_import_options {
  unsigned int version; /**< ::TERTIAL_IMPORT_OPTIONS_VERSION */
  const char *sheet;    /**< xlsx: the sheet by name; NULL for the first */
  int dry_run;          /**< non-zero: check and summarise, change nothing */
  int budget_measure;   /**< budget: the version (a ledger measure); -1 for the current budget */
  const tertial_actor *actor; /**< people: who imports them (an economist on a root); NULL only
                                   while the round's directory is empty */
} tertial_import_options;

/** The version of ::tertial_import_options this header declares. */
#define TERTIAL_IMPORT_OPTIONS_VERSION 1
/** Default options: the first sheet, a real run, the current budget, no person acting. */
#define TERTIAL_IMPORT_OPTIONS_INIT {TERTIAL_IMPORT_OPTIONS_VERSION, NULL, 0, -1, NULL}

/** What an import changed (or, in a dry run, would change). */
typedef struct tertial_import_summary {
  tertial_import_kind kind; /**< what the table held */
  size_t rows;               /**< data rows read (empty rows not counted) */
  size_t units_added;        /**< organisation */
  size_t units_updated;      /**< organisation: another name or manager */
  size_t units_unchanged;    /**< organisation */
  size_t accounts_added;     /**< accounts */
  size_t accounts_updated;   /**< accounts: another name or the internal flag */
  size_t accounts_unchanged; /**< accounts */
  size_t amounts_changed;    /**< budget, outcome: months of a unit and account whose amount changes */
  size_t amounts_unchanged;  /**< budget, outcome: months that keep their amount */
  int64_t amount_total;      /**< budget, outcome: the sum of the amounts imported, öre */
  int64_t change_total;      /**< budget, outcome: the sum of new − old over the changed months, öre */
  size_t people_added;       /**< people: people new in the round's directory */
  int applied;               /**< 1 when the model was changed (not a dry run, something to change) */
  size_t values_changed;     /**< indicators: values new or changed */
  size_t values_unchanged;   /**< indicators: values the model holds already */
} tertial_import_summary;

/** The result of an import: its summary and its errors. */
typedef struct tertial_import tertial_import;

/**
 * Import a table file (xlsx when it is a zip archive, CSV otherwise) into @p model. People go
 * into the model's round (tertial_model_round()); a dry run of people is refused
 * (::TERTIAL_ERR_INVALID): the round checks and makes an import in one step.
 * @param out receives the result (also when the file has errors, so that they can be listed);
 *        free it with tertial_import_free(). NULL only when the arguments are invalid or memory
 *        runs out.
 * @return 0; ::TERTIAL_ERR_PARSE when the file has errors (the model is unchanged; the message
 *         is the first error and how many more there are; tertial_import_error() lists them);
 *         ::TERTIAL_ERR_IO, ::TERTIAL_ERR_RANGE (a size limit), ::TERTIAL_ERR_NOT_FOUND (no
 *         such sheet), ::TERTIAL_ERR_STATE (a revised budget version), ::TERTIAL_ERR_NOT_PERMITTED
 *         (people: the actor's roles), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_import_file(tertial_import **out, tertial_model *model, const char *path,
                                    tertial_import_kind kind, const tertial_import_options *opts);

/**
 * Import CSV text, as tertial_import_file() does a CSV file; @p source names it in messages.
 * @return as tertial_import_file().
 */
TERTIAL_API int tertial_import_csv(tertial_import **out, tertial_model *model, const char *data, size_t len,
                                   const char *source, tertial_import_kind kind, const tertial_import_options *opts);

/** The summary of an import (of what would change, in a dry run). */
TERTIAL_API const tertial_import_summary *tertial_import_summary_of(const tertial_import *imp);

/** How many errors the file had (0 when it was imported). */
TERTIAL_API size_t tertial_import_error_count(const tertial_import *imp);

/** One error, "budget.csv:7:3: column \"belopp\": expected an amount ..., found \"12,3,4\"";
 *  NULL beyond the last. */
TERTIAL_API const char *tertial_import_error(const tertial_import *imp, size_t index);

/** The encoding the file was read in: "UTF-8", "UTF-8 with BOM", "Windows-1252" or "xlsx". */
TERTIAL_API const char *tertial_import_encoding(const tertial_import *imp);

/** Free an import's result (NULL is ignored). */
TERTIAL_API void tertial_import_free(tertial_import *imp);

/**
 * A kind by name: "organisation" (or "organization", "org"), "accounts", "budget", "outcome",
 * "people".
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (the message lists the kinds), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_import_kind_parse(tertial_import_kind *out, const char *name);

/** The name of a kind ("organisation", ...), "?" for another value. */
TERTIAL_API const char *tertial_import_kind_name(tertial_import_kind kind);

/** Options of tertial_ledger_load_csv(); start from ::TERTIAL_LOAD_CSV_OPTIONS_INIT. */
typedef struct tertial_load_csv_options {
  unsigned int version; /**< ::TERTIAL_LOAD_CSV_OPTIONS_VERSION */
  char delimiter;       /**< ',', ';' or a tab; 0: the one the first line has most of */
  int measure;          /**< the ledger measure of rows when the file has no measure column */
} tertial_load_csv_options;

/** The current version of ::tertial_load_csv_options. */
#define TERTIAL_LOAD_CSV_OPTIONS_VERSION 1
/** Defaults: the delimiter found in the file, amounts as outcome. */
#define TERTIAL_LOAD_CSV_OPTIONS_INIT {TERTIAL_LOAD_CSV_OPTIONS_VERSION, 0, TERTIAL_MEASURE_OUTCOME}

/**
 * Add the amounts of a CSV file of facts to a ledger, streaming: the file is read in pieces of a
 * mebibyte and each row goes straight into the ledger, so that loading millions of rows takes
 * little more memory than the ledger's own lines (the bulk path of Python's Ledger.load_csv();
 * tertial_import_file() is the checked import of a municipality's tables, which replaces
 * amounts and reports what changed).
 *
 * A row is a unit's code, an account's number, a month, optionally a measure, and an amount;
 * amounts of the same unit, account, month and measure add up, as tertial_ledger_add() does.
 * The first line is a header when it names the columns (as tertial_import_file() names them:
 * enhet/unit, konto/account, månad/month or period, belopp/amount/utfall, and measure or
 * version for the measure: a name of the ledger or its number); otherwise the columns are unit,
 * account, month, [measure,] amount in that order. A month is a calendar month of the fiscal
 * year (1–12), yyyymm or yyyy-mm; an amount is kronor with at most two decimals in Swedish
 * ("-1 243,50") or plain ("-1243.50") notation. Fields may be quoted ("..." with "" for a
 * quote, on one line); surrounding blanks are ignored; empty lines are skipped; CRLF and LF
 * line ends; UTF-8 with or without a byte-order mark.
 *
 * All or nothing: at the first bad row the rows already added are taken out again (by reading
 * the file a second time up to that row) and the ledger is as it was.
 *
 * @param out_rows receives the number of rows added (may be NULL)
 * @param opts NULL for the defaults
 * @return 0; ::TERTIAL_ERR_PARSE with "file:line:column: column \"belopp\": expected ..., found
 *         ..." (an unknown unit, account or measure, a month outside the fiscal year, an amount
 *         that cannot be read, a row with another number of fields than the header); ::TERTIAL_ERR_IO
 *         (the file cannot be read); ::TERTIAL_ERR_OVERFLOW (a sum too large: nothing added);
 *         ::TERTIAL_ERR_RANGE (a line longer than 1 MiB); ::TERTIAL_ERR_NOMEM; ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_ledger_load_csv(size_t *out_rows, tertial_ledger *ledger, const char *path,
                                        const tertial_load_csv_options *opts);

TERTIAL_END_DECLS

#endif
