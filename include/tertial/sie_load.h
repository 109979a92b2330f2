/**
 * @file sie_load.h
 * @brief Loading an SIE file into a model: accounts, units, outcome, prior-year outcome and a
 *        budget version, with a summary, notes and a reconciliation of the file's figures.
 *
 * tertial_sie_load_file() reads a file with the streaming reader (sie.h) and puts what it
 * holds into an existing model whose fiscal year is the file's year 0 (or the year number
 * chosen in the options):
 * - company information (\#FNAMN, \#ORGNR, \#PROGRAM, ...) goes to the load summary;
 * - \#KONTO with \#KTYP adds accounts to the model's chart (an account the chart already has is
 *   left as it is; an account used by amounts but never declared gets the Kommun-Bas default
 *   type);
 * - the objects of one dimension (the responsibility dimension, 1 by default) are units: each
 *   is matched by code to a unit of the model's organisation. The caller builds the hierarchy
 *   above the flat SIE objects beforehand, or passes it as a mapping text
 *   (tertial_sie_hierarchy_parse()). An object with no unit becomes a new unit under the
 *   *catch-all unit*, and amounts without an object of the dimension are put on the catch-all
 *   unit itself; both are reported in the notes and the summary, never dropped. Other
 *   dimensions are counted only;
 * - \#PSALDO of the loaded year becomes monthly outcome, of the year before prior-year outcome;
 * - \#VER/\#TRANS lines are added up to monthly outcome by transaction date (the voucher's date
 *   when the line has none): dates in the loaded fiscal year give outcome, dates in the year
 *   before give prior-year outcome. \#RTRANS lines count, the \#TRANS repeating an \#RTRANS does
 *   not, \#BTRANS (removed lines) never counts;
 * - \#PBUDGET of the loaded year becomes a budget version (tertial_budget_create()) named by
 *   the options;
 * - \#IB, \#UB, \#RES, \#OIB and \#OUB are yearly figures: they are counted and summed in the
 *   figures of the load (tertial_sie_load_figures()) and used by the reconciliation, but not
 *   put into the ledger, which holds months.
 *
 * **Which source gives the outcome.** A file can hold the same outcome twice, as \#PSALDO and
 * as \#TRANS. For each of the two loaded years one source is chosen: the preferred one
 * (tertial_sie_load_options::outcome_source; by default \#TRANS in type 4 files and \#PSALDO in
 * the others) if the file has records of it for that year, otherwise the other. The records
 * of the source not chosen are not loaded; their amounts are counted as `not_chosen` and a
 * note says so.
 *
 * **Records with and without objects are not double counted.** For \#PSALDO and \#PBUDGET one
 * month of one account is a *cell*. Under the specification's rule
 * (::TERTIAL_SIE_ROWS_TOTAL, the default) the record without objects is the account total of
 * the cell and the records with objects break it down: each record with an object of the unit
 * dimension goes to that unit, what the total has beyond them goes to the catch-all unit, and
 * records whose objects are all of other dimensions (a breakdown by project, say) add nothing.
 * A cell without a record without objects has no stated total: then every record of it counts
 * once, those without a unit object on the catch-all unit. Some programs write every record
 * as a separate part, the record without objects holding only what was booked without objects
 * (SIE-Gruppen's "Övningsbolaget" files from Avendo); ::TERTIAL_SIE_ROWS_PARTITION loads such
 * files: every record counts once. Either way the account total loaded for a cell is the one
 * the rule defines, and the reconciliation compares it with \#TRANS and \#RES.
 *
 * **Placing amounts.** The year number of \#PSALDO/\#PBUDGET decides the measure, its period the
 * month. Where the two disagree strict mode refuses the record. Lenient: a year number the file
 * has no \#RAR for (a \#PSALDO 5) is decided by the period, with a note
 * (::TERTIAL_SIE_LOAD_YEAR_MISMATCH); a period outside the \#RAR of its year number is not
 * placed (a note, ::TERTIAL_SIE_LOAD_OUTSIDE_YEAR, and `unplaced`): files repeat year 0's
 * records under year -1 with year 0's periods, which placing by period would count twice. Every amount read is loaded, or
 * noted and counted as `unplaced`: amounts of years other than the two loaded (and a budget of
 * the year before, which is not kept) get one note per label and year, an amount on an account
 * number the chart cannot hold (1 to 10 digits) or a \#TRANS dated outside both years one per
 * record.
 *
 * **A load replaces the months it holds.** For each measure it loads (outcome, prior-year
 * outcome, the budget version) the load first clears that measure, on every line of the
 * ledger, in exactly the months the file has amounts of it for, then adds the file's amounts:
 * importing this month's export again, or after last month's, gives each month once. A file of
 * April alone replaces April and leaves January to March as they were. The summary tells which
 * months were replaced and the net result (revenue and cost accounts) of those months before
 * and after. To combine several files of the same months, load the first as usual and pass the
 * months it replaced (tertial_sie_summary::outcome_months, ...) in
 * tertial_sie_load_options::add_outcome_months (...) of the next loads: those months are then
 * added to, not cleared again. ::TERTIAL_SIE_ALL_MONTHS in all three adds every amount to what
 * the model holds, as before version 2 of the options. Accruals (a measure of their own) are
 * never touched.
 *
 * **Errors.** While the file is read nothing in the model changes: everything is gathered
 * first and applied at the end. A strict-mode parse error, an I/O error, a fiscal year that
 * does not match, a bad hierarchy text or an amount that would overflow leave the model as it
 * was. Only running out of memory while applying can leave part of a file loaded.
 * @code
 * tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
 * o.hierarchy = "IFO;SN;Individ- och familjeomsorg;4\n6410;IFO;;5\n";
 * o.budget_name = "Budget 2026";
 * tertial_sie_load *load;
 * if (tertial_sie_load_file(&load, model, "export.se", &o) < 0)
 *     return fprintf(stderr, "%s\n", tertial_error_last()), -1;
 * const tertial_sie_summary *s = tertial_sie_load_summary(load);
 * printf("%s: %zu units matched, %.2f kr on the catch-all unit\n", s->company,
 *        s->units_matched, s->catch_all_outcome / 100.0);
 * for (size_t i = 0; i < tertial_sie_load_note_count(load); i++)
 *     puts(tertial_sie_load_note(load, i)->message);
 * tertial_sie_load_free(load);
 * @endcode
 */
#ifndef TERTIAL_SIE_LOAD_H
#define TERTIAL_SIE_LOAD_H

#include "common.h"
#include "calendar.h"
#include "model.h"
#include "org.h"
#include "sie.h"

TERTIAL_BEGIN_DECLS

/** Which records give the monthly outcome of a year. */
typedef enum tertial_sie_source {
  TERTIAL_SIE_SOURCE_AUTO = 0,   /**< in options: \#TRANS in type 4 files, \#PSALDO in others;
                                      in the summary: no source (the file had neither) */
  TERTIAL_SIE_SOURCE_TRANS = 1,  /**< the lines of the \#VER blocks (\#TRANS, \#RTRANS) */
  TERTIAL_SIE_SOURCE_PSALDO = 2, /**< the period balances (\#PSALDO) */
} tertial_sie_source;

/** How \#PSALDO and \#PBUDGET records with and without objects relate (see the file's text). */
typedef enum tertial_sie_object_rows {
  TERTIAL_SIE_ROWS_TOTAL = 0,     /**< the specification: without objects = the account total */
  TERTIAL_SIE_ROWS_PARTITION = 1, /**< every record is a separate part of the account's month */
} tertial_sie_object_rows;

/** Current version of ::tertial_sie_load_options (2 added @ref tertial_sie_load_options::hierarchy_name
 *  and the add_*_months fields: a load replaces the months it holds unless told to add). */
#define TERTIAL_SIE_LOAD_OPTIONS_VERSION 2

/** Every month of a fiscal year, as a mask of tertial_sie_load_options::add_outcome_months. */
#define TERTIAL_SIE_ALL_MONTHS 0xFFFu

/** Options of a load. Initialise with ::TERTIAL_SIE_LOAD_OPTIONS_INIT, then change fields. */
typedef struct tertial_sie_load_options {
  unsigned int version;               /**< ::TERTIAL_SIE_LOAD_OPTIONS_VERSION */
  tertial_sie_options reader;         /**< the reader's options (mode, encoding, name, ...) */
  int year;                           /**< the SIE year number that is the model's fiscal year:
                                           0 (default), -1, ...; the one before it gives
                                           prior-year outcome */
  int unit_dimension;                 /**< the dimension whose objects are units; 0 means 1 */
  tertial_sie_source outcome_source;  /**< the preferred outcome source; AUTO by default */
  tertial_sie_object_rows object_rows; /**< ::TERTIAL_SIE_ROWS_TOTAL by default */
  const char *hierarchy;              /**< units to add first, in the text form of
                                           tertial_sie_hierarchy_parse() (an empty name takes
                                           the \#OBJEKT name); NULL for none */
  const char *catch_all_code;         /**< code of the catch-all unit; NULL means "SIE" */
  const char *catch_all_name;         /**< its name if it is created; NULL: "Ej placerat (SIE)" */
  const char *catch_all_parent;       /**< code of its parent if it is created (a unit of the
                                           organisation or of @ref hierarchy); NULL: the root
                                           when the organisation has exactly one, else none */
  const char *budget_name;            /**< the budget version for \#PBUDGET: created, or added to
                                           if a budget measure has that name; NULL: "Budget SIE" */
  size_t max_notes;                   /**< notes kept (the rest only counted); 0 means 1000 */
  const char *hierarchy_name;         /**< (version 2) the name of @ref hierarchy in messages,
                                           e.g. its file's path; NULL: "hierarchy" */
  unsigned add_outcome_months;        /**< (version 2) months (bit i: month i of the fiscal
                                           year) whose outcome is added to what the model holds
                                           instead of replaced; 0 (default): replace every month
                                           the file has outcome for */
  unsigned add_prior_months;          /**< (version 2) the same for prior-year outcome */
  unsigned add_budget_months;         /**< (version 2) the same for the budget version */
} tertial_sie_load_options;

/** Default options: year 0, dimension 1, automatic source, the specification's object rule,
 *  replacing the months the file holds. */
#define TERTIAL_SIE_LOAD_OPTIONS_INIT                                                             \
  { TERTIAL_SIE_LOAD_OPTIONS_VERSION, TERTIAL_SIE_OPTIONS_INIT, 0, 1, TERTIAL_SIE_SOURCE_AUTO,     \
    TERTIAL_SIE_ROWS_TOTAL, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0, 0 }

/**
 * What a load did, as a whole. Strings are UTF-8, "" when the file had no such record,
 * borrowed from the load (valid until tertial_sie_load_free()).
 */
typedef struct tertial_sie_summary {
  const char *file;                   /**< the name used in messages */
  int sie_type;                       /**< \#SIETYP; 0 if absent */
  tertial_sie_encoding encoding;      /**< the encoding the reader detected (or was given) */
  const char *company;                /**< \#FNAMN */
  const char *orgnr;                  /**< \#ORGNR */
  const char *program;                /**< \#PROGRAM name */
  const char *program_version;        /**< \#PROGRAM version */
  const char *chart_type;             /**< \#KPTYP */
  const char *currency;               /**< \#VALUTA ("" means SEK) */
  tertial_date generated;             /**< \#GEN; {0, 0, 0} if absent */
  size_t fiscal_year_line;            /**< line of the \#RAR of the loaded year (it matched the
                                           model's fiscal year); 0: the file has none, and the
                                           model's year was assumed (a note says so) */
  tertial_sie_source outcome_source;  /**< the source of the loaded year's outcome; AUTO: none */
  tertial_sie_source prior_source;    /**< the source of prior-year outcome; AUTO: none */
  size_t accounts_added;              /**< accounts added to the chart */
  size_t accounts_existing;           /**< accounts of the file the chart already had */
  size_t units_added;                 /**< units added: hierarchy text, catch-all, objects under it */
  size_t units_matched;               /**< objects of the unit dimension that were units already
                                           (or came from the hierarchy text) */
  size_t objects_unmatched;           /**< objects of the unit dimension put under the catch-all */
  tertial_unit_id catch_all;          /**< the catch-all unit; ::TERTIAL_NO_UNIT if unused */
  int budget_measure;                 /**< the measure holding \#PBUDGET; -1 if none was loaded */
  int64_t outcome;                    /**< öre loaded as outcome */
  int64_t prior;                      /**< öre loaded as prior-year outcome */
  int64_t budget;                     /**< öre loaded into the budget version */
  int64_t catch_all_outcome;          /**< of @ref outcome, on the catch-all unit or under it */
  int64_t catch_all_prior;            /**< of @ref prior, on the catch-all unit or under it */
  int64_t catch_all_budget;           /**< of @ref budget, on the catch-all unit or under it */
  uint64_t dimensions;                /**< \#DIM records */
  uint64_t objects;                   /**< \#OBJEKT records, all dimensions */
  uint64_t notes;                     /**< notes made, kept or not */
  uint64_t notes_dropped;             /**< notes counted but not kept (over max_notes) */
  tertial_sie_stats reader;           /**< the reader's counters at the end */
  int64_t unplaced;                   /**< öre read but not loaded (Σ tertial_sie_figures::unplaced
                                           of all labels): each such amount has a note */
  uint64_t unreadable;                /**< records with an amount that the reader skipped (a bad
                                           amount, date, account, ...): their amounts are not
                                           known and in no sum; each has a diagnostic */
  uint64_t problems;                  /**< diagnostics and notes that are problems: every
                                           reader error (a skipped record), the warnings of a
                                           voucher that does not balance, an end of file inside
                                           a block and bytes replaced in text, and every note
                                           with tertial_sie_note::is_problem */
  unsigned outcome_months;            /**< months whose outcome was replaced (bit i: month i) */
  unsigned prior_months;              /**< months whose prior-year outcome was replaced */
  unsigned budget_months;             /**< months of the budget version replaced */
  int64_t outcome_before;             /**< net result (revenue and cost accounts, all units) of
                                           the outcome in @ref outcome_months before the load */
  int64_t outcome_after;              /**< the same after the load */
  int64_t prior_before;               /**< as @ref outcome_before for prior-year outcome */
  int64_t prior_after;                /**< as @ref outcome_after for prior-year outcome */
  int64_t budget_before;              /**< as @ref outcome_before for the budget version */
  int64_t budget_after;               /**< as @ref outcome_after for the budget version */
} tertial_sie_summary;

/**
 * The records of one label and what became of their amounts, in öre. For every label:
 * `read = current + prior + other_years`. For \#PSALDO, \#PBUDGET, \#TRANS and \#RTRANS
 * `read = loaded + covered + not_chosen + unplaced` (a budget of the year before and amounts of
 * other years are unplaced). Other labels are not loaded (`loaded` is 0). Records the reader
 * could not read are in no sum: they are counted in `unreadable`.
 */
typedef struct tertial_sie_figures {
  uint64_t records;    /**< records read (records the reader skipped are in its diagnostics) */
  int64_t read;        /**< sum of their amounts */
  int64_t current;     /**< of which in the loaded year (by year number, or by period where the
                            file has no \#RAR of the number; \#TRANS by date) */
  int64_t prior;       /**< of which in the year before */
  int64_t other_years; /**< of which in other years (\#TRANS: dated outside both, or undated) */
  int64_t loaded;      /**< put into the ledger */
  int64_t catch_all;   /**< of @ref loaded, on the catch-all unit or under it */
  int64_t covered;     /**< represented by another record, not added again: records with
                            objects inside an account total, a \#TRANS repeating an \#RTRANS */
  int64_t not_chosen;  /**< outcome records of the source not chosen for their year */
  int64_t unplaced;    /**< not loaded: another year, a bad account (each has a note) */
  uint64_t unreadable; /**< records of this label the reader skipped (their amounts unknown;
                            counted from the diagnostics kept) */
} tertial_sie_figures;

/** What a load note is about. Append-only. */
typedef enum tertial_sie_load_problem {
  TERTIAL_SIE_LOAD_UNKNOWN_OBJECT = 1, /**< an object of the unit dimension that is no unit:
                                            added under the catch-all unit (one note per object
                                            and measure, with its amount) */
  TERTIAL_SIE_LOAD_NO_OBJECT,          /**< amounts with no object of the unit dimension, or
                                            the part of account totals beyond their objects:
                                            put on the catch-all unit (one note per label and
                                            measure, with the amount) */
  TERTIAL_SIE_LOAD_OUTSIDE_YEAR,       /**< a period outside the year of its year number, or a
                                            \#TRANS dated outside both loaded years (or undated) */
  TERTIAL_SIE_LOAD_BAD_ACCOUNT,        /**< an account number the chart cannot hold: not placed */
  TERTIAL_SIE_LOAD_ACCOUNT_TYPE,       /**< a \#KTYP that is not T, S, K or I, or that differs
                                            from the chart's existing account (kept as it was) */
  TERTIAL_SIE_LOAD_NO_FISCAL_YEAR,     /**< no usable \#RAR for the loaded year: not checked */
  TERTIAL_SIE_LOAD_NOT_CHOSEN,         /**< outcome records of the source not chosen for a year */
  TERTIAL_SIE_LOAD_SEVERAL_UNITS,      /**< an object list with several objects of the unit
                                            dimension: the first was used */
  TERTIAL_SIE_LOAD_YEAR_MISMATCH,      /**< a \#PSALDO/\#PBUDGET of a year number without \#RAR
                                            whose period lies in another year: placed by its
                                            period */
  TERTIAL_SIE_LOAD_OTHER_YEAR,         /**< \#PSALDO/\#PBUDGET amounts of a year that is not
                                            loaded (one note per label and year, with the sum) */
  TERTIAL_SIE_LOAD_BAD_TEXT,           /**< a hierarchy line that is not UTF-8: the bad bytes
                                            were replaced by U+FFFD */
} tertial_sie_load_problem;

/** One note of a load. Strings are UTF-8, never NULL, borrowed from the load. */
typedef struct tertial_sie_note {
  tertial_sie_load_problem problem; /**< what kind of note */
  tertial_sie_label label;  /**< the kind of record concerned; ::TERTIAL_SIE_UNKNOWN if none */
  size_t line;              /**< the record's line; 0 for a note about the whole file */
  int year;                 /**< SIE year number concerned (0 if none) */
  int period;               /**< yyyymm concerned, 0 if none */
  int measure;              /**< the ledger measure concerned, -1 if none */
  const char *account;      /**< account number, "" if none */
  const char *object;       /**< object code, "" if none */
  int64_t amount;           /**< öre concerned */
  const char *message;      /**< "file:line: ..." (or "file: ..."), in English, for people */
  int is_problem;           /**< 1 if an amount or a text is not in the model as the file has
                               it (unplaced, placed by its period, bytes replaced); 0 for a
                               note that only informs (catch-all unit, source not chosen, ...) */
} tertial_sie_note;

/** Bits of tertial_sie_difference::compared: the figures a year has in the file. */
enum {
  TERTIAL_SIE_HAS_TRANS = 1,  /**< \#TRANS/\#RTRANS dated in the year */
  TERTIAL_SIE_HAS_PSALDO = 2, /**< \#PSALDO of the year */
  TERTIAL_SIE_HAS_YEARLY = 4, /**< \#RES, \#IB or \#UB of the year */
};

/**
 * One account of one year whose figures in the file disagree. Only years with at least two
 * of the three kinds of figures are compared; within such a year an account missing from one
 * kind counts 0 there.
 */
typedef struct tertial_sie_difference {
  int year;            /**< SIE year number */
  const char *account; /**< account number, borrowed from the load */
  unsigned compared;   /**< TERTIAL_SIE_HAS_* bits: the kinds the year has (and that are compared) */
  unsigned present;    /**< TERTIAL_SIE_HAS_* bits: the kinds this account has records of in the
                            year (e.g. files that give \#PSALDO for result accounts only) */
  int64_t trans;       /**< Σ \#TRANS and \#RTRANS dated in the year (repeats of \#RTRANS left out) */
  int64_t psaldo;      /**< Σ of the \#PSALDO account totals of the year's months (see the
                            object rule) */
  int64_t yearly;      /**< \#RES; for an account without \#RES but with \#IB/\#UB: \#UB − \#IB */
} tertial_sie_difference;

/** The result of a load: summary, figures, notes, the reader's diagnostics, reconciliation. */
typedef struct tertial_sie_load tertial_sie_load;

/**
 * Load an SIE file into a model (see the file's text for the rules).
 *
 * An input of 4 MiB or more is read and parsed on a second thread, a few thousand records ahead
 * of the thread that places them (the caller's): the same result and the same first error as
 * reading in line, in about the time of the slower of the two halves. The reader options'
 * progress callback is still called on the caller's thread only (then after each batch of about
 * four thousand records). A load that books 65 536 (unit, account, measure) cells or more fills
 * the new ledger lines' values on a second thread while the caller's finds or makes the lines:
 * the same ledger as booking on one thread. When no thread can be started the caller's thread
 * does the work.
 * @param out receives the result; free with tertial_sie_load_free(). NULL on error.
 * @param model the model; its fiscal year must be the file's year @p options->year (\#RAR).
 * @param path the file.
 * @param options NULL for ::TERTIAL_SIE_LOAD_OPTIONS_INIT.
 * @return 0 (also when notes or lenient diagnostics were made: see
 *         tertial_sie_summary::problems), or
 *         ::TERTIAL_ERR_PARSE (strict mode: the reader's first departure, "file:line:column:
 *         ...", or a \#PSALDO/\#PBUDGET whose year number and period disagree; or a bad
 *         hierarchy text, "hierarchy:line: ...", named by tertial_sie_load_options::hierarchy_name,
 *         including a line that is not UTF-8 in strict mode),
 *         ::TERTIAL_ERR_STATE (the file's \#RAR is not the model's fiscal year, "file:line: ..."),
 *         ::TERTIAL_ERR_NOT_FOUND (tertial_sie_load_options::catch_all_parent is no unit),
 *         ::TERTIAL_ERR_EXISTS (the budget name is a measure that is not a budget, or a
 *         hierarchy line names a unit the organisation has under another parent),
 *         ::TERTIAL_ERR_OVERFLOW (a sum does not fit in int64 öre), ::TERTIAL_ERR_IO,
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL argument, bad options). On error the
 *         model is unchanged, except after ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_sie_load_file(tertial_sie_load **out, tertial_model *model, const char *path,
                                      const tertial_sie_load_options *options);

/**
 * Load SIE text from memory; as tertial_sie_load_file().
 * @param out receives the result; free with tertial_sie_load_free().
 * @param model the model.
 * @param data the bytes (borrowed during the call).
 * @param size number of bytes.
 * @param options NULL for defaults; tertial_sie_options::name names the text in messages.
 * @return as tertial_sie_load_file() (no ::TERTIAL_ERR_IO).
 */
TERTIAL_API int tertial_sie_load_memory(tertial_sie_load **out, tertial_model *model, const void *data,
                                        size_t size, const tertial_sie_load_options *options);

/**
 * Free a load result.
 * @param load the result; NULL is allowed.
 */
TERTIAL_API void tertial_sie_load_free(tertial_sie_load *load);

/**
 * The summary of a load.
 * @param load the result.
 * @return a pointer borrowed from @p load; NULL for NULL.
 */
TERTIAL_API const tertial_sie_summary *tertial_sie_load_summary(const tertial_sie_load *load);

/**
 * The records of one label and what became of their amounts.
 * @param out receives the figures (zeros for a label the file does not have).
 * @param load the result.
 * @param label any label, e.g. ::TERTIAL_SIE_PSALDO; counts are kept for all, amounts for
 *        those with an amount.
 * @return 0, ::TERTIAL_ERR_INVALID (NULL argument), ::TERTIAL_ERR_RANGE (unknown label).
 */
TERTIAL_API int tertial_sie_load_figures(tertial_sie_figures *out, const tertial_sie_load *load,
                                         tertial_sie_label label);

/**
 * Number of notes kept (at most tertial_sie_load_options::max_notes).
 * @param load the result.
 * @return the count; 0 for NULL.
 */
TERTIAL_API size_t tertial_sie_load_note_count(const tertial_sie_load *load);

/**
 * One note: the notes made while reading, in file order, then those made when applying
 * (about the whole file, the catch-all unit, accounts the chart already has).
 * @param load the result.
 * @param index 0 .. tertial_sie_load_note_count() - 1.
 * @return a pointer borrowed from @p load; NULL if out of range.
 */
TERTIAL_API const tertial_sie_note *tertial_sie_load_note(const tertial_sie_load *load, size_t index);

/**
 * Number of the reader's diagnostics kept (see tertial_sie_reader_diagnostic_count()).
 * @param load the result.
 * @return the count; 0 for NULL.
 */
TERTIAL_API size_t tertial_sie_load_diagnostic_count(const tertial_sie_load *load);

/**
 * One of the reader's diagnostics, copied into the load.
 * @param load the result.
 * @param index 0 .. tertial_sie_load_diagnostic_count() - 1.
 * @return a pointer borrowed from @p load; NULL if out of range.
 */
TERTIAL_API const tertial_sie_diagnostic *tertial_sie_load_diagnostic(const tertial_sie_load *load, size_t index);

/**
 * Number of differences the reconciliation found (see ::tertial_sie_difference): per year
 * and account, Σ \#TRANS vs Σ \#PSALDO vs \#RES (or \#UB − \#IB) where the year has several.
 * @param load the result.
 * @return the count; 0 for NULL.
 */
TERTIAL_API size_t tertial_sie_load_difference_count(const tertial_sie_load *load);

/**
 * One difference; sorted by year (latest first), then account number.
 * @param load the result.
 * @param index 0 .. tertial_sie_load_difference_count() - 1.
 * @return a pointer borrowed from @p load; NULL if out of range.
 */
TERTIAL_API const tertial_sie_difference *tertial_sie_load_difference(const tertial_sie_load *load,
                                                                      size_t index);

/**
 * Number of (year, account) pairs the reconciliation compared, differing or not.
 * @param load the result.
 * @return the count; 0 for NULL.
 */
TERTIAL_API size_t tertial_sie_load_compared_count(const tertial_sie_load *load);

/**
 * The fiscal year of a file's year number, from its \#RAR, to make a model for it.
 * Reading stops at that \#RAR.
 * @param out receives the fiscal year.
 * @param path the file.
 * @param year the year number (0 the current year, -1 the previous, ...).
 * @param options the reader's options; NULL for defaults.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no \#RAR with dates for @p year), ::TERTIAL_ERR_RANGE
 *         (the \#RAR is not twelve whole months, "file:line: ..."), ::TERTIAL_ERR_PARSE (strict
 *         mode), ::TERTIAL_ERR_IO, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_sie_fiscal_year(tertial_fiscal_year *out, const char *path, int year,
                                        const tertial_sie_options *options);

/**
 * Add units to an organisation from a mapping text that puts the flat SIE objects into a
 * hierarchy. One unit per line, `code;parent;name;level`:
 * - code: the unit's code, which SIE objects are matched by (non-empty, no ';');
 * - parent: the parent's code, a unit of @p org or of another line (in any order); empty for
 *   a root;
 * - name: the display name (may contain ';'); empty means the code (tertial_sie_load_file()
 *   takes the name of the file's \#OBJEKT instead);
 * - level: a level index or name of @p org; empty means one below the parent (0 for a root),
 *   the last level at most.
 * Blank lines and lines starting with '#' are ignored; spaces around fields are trimmed. A
 * line for a unit @p org already has is accepted when it names the same parent, and skipped.
 * All lines are checked before any unit is added: on error nothing is added.
 * @code
 * # code;parent;name;level
 * SN;;Socialnämnden;nämnd
 * IFO;SN;Individ- och familjeomsorg;4
 * 6410;IFO;HVB barn och unga;5
 * @endcode
 * @param org the organisation.
 * @param text NUL-terminated text.
 * @param source name used in messages ("source:line: ...").
 * @return 0, ::TERTIAL_ERR_PARSE (a malformed line, a line that is not UTF-8, an unknown level
 *         or parent, a cycle, a code given twice), ::TERTIAL_ERR_EXISTS (a unit the organisation has under another
 *         parent), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_sie_hierarchy_parse(tertial_org *org, const char *text, const char *source);

/**
 * The mapping text of an organisation as it stands in one period, which
 * tertial_sie_hierarchy_parse() reads back into the same tree (codes, names, levels).
 * @param out receives NUL-terminated UTF-8 text; free with tertial_free().
 * @param org the organisation.
 * @param period yyyymm whose parents are written.
 * @return 0, ::TERTIAL_ERR_STATE (a code holding ';', or a code or name holding a line break),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_sie_hierarchy_format(char **out, const tertial_org *org, int period);

/**
 * A short English name of a load problem, e.g. "unknown object".
 * @param problem a problem kind.
 * @return a static string; never NULL.
 */
TERTIAL_API const char *tertial_sie_load_problem_name(tertial_sie_load_problem problem);

TERTIAL_END_DECLS

#endif
