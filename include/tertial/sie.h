/**
 * @file sie.h
 * @brief A streaming reader for SIE 1–4 files (types 1, 2, 3, 4E and 4I).
 *
 * SIE is the Swedish exchange format for accounting data. The reader is a pull parser:
 * open a file or a memory buffer, then call tertial_sie_reader_next() until it returns 0.
 * Each call hands back one record as a ::tertial_sie_record whose strings (UTF-8) are
 * borrowed from the reader until the next call. Memory stays constant whatever the size of
 * the file: the input is read in large blocks and the buffers are reused.
 *
 * What the reader does on its own:
 * - detects the encoding (IBM code page 437 "PC8", UTF-8 or Latin-1) from the bytes,
 *   whatever \#FORMAT claims, and converts every string to UTF-8;
 * - applies the quoting rules (fields in double quotes, a backslash before a quote inside
 *   them) and parses object lists in all the forms seen in real files (`{}`, `{ }`,
 *   `{1 "0123"}`, `{"1" "456" "7" "47"}`, ...);
 * - parses amounts to int64 öre, dates and periods, and checks them;
 * - follows \#VER { ... } blocks: marks the \#TRANS that merely repeats an \#RTRANS
 *   (tertial_sie_record::duplicate), checks that every voucher balances;
 * - verifies \#KSUMMA (CRC-32 over the fields between the two \#KSUMMA records);
 * - ignores (and counts) unknown labels and unknown trailing fields.
 *
 * Problems are collected as ::tertial_sie_diagnostic data (file, line, column, what was
 * expected, what was found, what the reader did). In ::TERTIAL_SIE_STRICT mode the first
 * departure from the specification stops the reader with ::TERTIAL_ERR_PARSE; in
 * ::TERTIAL_SIE_LENIENT mode (the default) the reader repairs what has a clear intent, skips
 * what it cannot read, and carries on. Nothing is dropped silently: every repaired or
 * skipped record has a diagnostic, and unreadable amounts are counted in
 * tertial_sie_stats::bad_amounts.
 * @code
 * tertial_sie_reader *r;
 * const tertial_sie_record *rec;
 * int rc;
 * if (tertial_sie_reader_new_file(&r, "export.se", NULL) < 0)
 *     return -1;
 * while ((rc = tertial_sie_reader_next(&rec, r)) == 1)
 *     if (rec->label == TERTIAL_SIE_TRANS && !rec->duplicate)
 *         total += rec->amount;
 * for (size_t i = 0; i < tertial_sie_reader_diagnostic_count(r); i++)
 *     fprintf(stderr, "%s\n", tertial_sie_reader_diagnostic(r, i)->message);
 * tertial_sie_reader_free(r);
 * @endcode
 */
#ifndef TERTIAL_SIE_H
#define TERTIAL_SIE_H

#include "common.h"

TERTIAL_BEGIN_DECLS

/** The record labels of SIE 4B. Append-only: existing values never change. */
typedef enum tertial_sie_label {
  TERTIAL_SIE_UNKNOWN = 0, /**< a label the reader does not know (returned only on request) */
  TERTIAL_SIE_ADRESS,      /**< contact, street, postal address, phone: in `fields` */
  TERTIAL_SIE_BKOD,        /**< SNI industry code: `text` */
  TERTIAL_SIE_BTRANS,      /**< removed transaction line: as \#TRANS; not part of the balance */
  TERTIAL_SIE_DIM,         /**< dimension: `dimension`, `text` = name */
  TERTIAL_SIE_ENHET,       /**< unit of quantity: `account`, `text` = unit */
  TERTIAL_SIE_FLAGGA,      /**< import flag: `number` */
  TERTIAL_SIE_FNAMN,       /**< company name: `text` */
  TERTIAL_SIE_FNR,         /**< the program's company id: `text` */
  TERTIAL_SIE_FORMAT,      /**< character set, "PC8": `text` */
  TERTIAL_SIE_FTYP,        /**< company type (AB, E, ...): `text` */
  TERTIAL_SIE_GEN,         /**< generated: `date`, `sign` */
  TERTIAL_SIE_IB,          /**< opening balance: `year`, `account`, `amount`, quantity */
  TERTIAL_SIE_KONTO,       /**< account: `account`, `text` = name */
  TERTIAL_SIE_KPTYP,       /**< chart type (BAS95, EUBAS97, ...): `text` */
  TERTIAL_SIE_KSUMMA,      /**< checksum: `checksum` on the closing record (has_checksum) */
  TERTIAL_SIE_KTYP,        /**< account type: `account`, `text` = T, S, K or I */
  TERTIAL_SIE_OBJEKT,      /**< object: `dimension`, `object`, `text` = name */
  TERTIAL_SIE_OIB,         /**< opening balance per object: `year`, `account`, objects, `amount` */
  TERTIAL_SIE_OMFATTN,     /**< balances as of: `date` */
  TERTIAL_SIE_ORGNR,       /**< organisation number: `text`; `text2` = acquisition number */
  TERTIAL_SIE_OUB,         /**< closing balance per object: as \#OIB */
  TERTIAL_SIE_PBUDGET,     /**< monthly budget: `year`, `period`, `account`, objects, `amount` */
  TERTIAL_SIE_PROGRAM,     /**< exporting program: `text` = name, `text2` = version */
  TERTIAL_SIE_PROSA,       /**< free text: `text` */
  TERTIAL_SIE_PSALDO,      /**< monthly outcome (the change): as \#PBUDGET */
  TERTIAL_SIE_RAR,         /**< fiscal year: `year`, `date` = first day, `date2` = last day */
  TERTIAL_SIE_RES,         /**< full-year result: `year`, `account`, `amount`, quantity */
  TERTIAL_SIE_RTRANS,      /**< added transaction line: as \#TRANS; part of the balance */
  TERTIAL_SIE_SIETYP,      /**< file type 1–4: `number` */
  TERTIAL_SIE_SRU,         /**< tax code: `account`, `text` = code */
  TERTIAL_SIE_TAXAR,       /**< tax year: `number` */
  TERTIAL_SIE_TRANS,       /**< transaction line: `account`, objects, `amount`, `date`, `text`,
                                quantity, `sign`; `series`/`voucher_number` of its voucher */
  TERTIAL_SIE_UB,          /**< closing balance: as \#IB */
  TERTIAL_SIE_UNDERDIM,    /**< sub-dimension: `dimension`, `text` = name, `superdimension` */
  TERTIAL_SIE_VALUTA,      /**< currency code: `text` */
  TERTIAL_SIE_VER,         /**< voucher: `series`, `voucher_number`, `date`, `text`,
                                `date2` = registration date, `sign` */
} tertial_sie_label;

/** Character encodings. */
typedef enum tertial_sie_encoding {
  /** In options: detect from the bytes. As the declared encoding: no \#FORMAT record. */
  TERTIAL_SIE_ENCODING_AUTO = 0,
  TERTIAL_SIE_ENCODING_ASCII = 1,  /**< detected: no byte above 127 so far */
  TERTIAL_SIE_ENCODING_CP437 = 2,  /**< IBM code page 437, SIE's "PC8" */
  TERTIAL_SIE_ENCODING_UTF8 = 3,   /**< UTF-8 (a leading byte-order mark is skipped) */
  TERTIAL_SIE_ENCODING_LATIN1 = 4, /**< ISO-8859-1/-15, decoded as ISO-8859-15 (with €) */
  TERTIAL_SIE_ENCODING_OTHER = 5,  /**< declared: a \#FORMAT value the reader does not know */
} tertial_sie_encoding;

/** How the reader treats departures from the specification. */
typedef enum tertial_sie_mode {
  TERTIAL_SIE_LENIENT = 0, /**< repair or skip, record a diagnostic, carry on */
  TERTIAL_SIE_STRICT = 1,  /**< stop at the first departure with ::TERTIAL_ERR_PARSE */
} tertial_sie_mode;

/** Kinds of problems. Append-only. */
typedef enum tertial_sie_problem {
  TERTIAL_SIE_BAD_LINE = 1,          /**< a line that is not a record, a brace or blank */
  TERTIAL_SIE_BAD_LABEL,             /**< a label not in upper case */
  TERTIAL_SIE_BAD_QUOTE,             /**< unterminated quotes, a quote inside a field, or a text
                                          with spaces but no quotes */
  TERTIAL_SIE_CONTROL_CHAR,          /**< a control character inside a field */
  TERTIAL_SIE_BAD_ENCODING,          /**< bytes that are invalid in the detected encoding */
  TERTIAL_SIE_ENCODING_MISMATCH,     /**< \#FORMAT is not PC8, or the bytes are not PC8 */
  TERTIAL_SIE_MISSING_FIELD,         /**< a mandatory field is absent */
  TERTIAL_SIE_BAD_AMOUNT,            /**< an amount that cannot be read (counted in bad_amounts) */
  TERTIAL_SIE_AMOUNT_FORM,           /**< a readable amount in a non-standard form ("+5", "5.000") */
  TERTIAL_SIE_BAD_QUANTITY,          /**< a quantity that cannot be read */
  TERTIAL_SIE_BAD_DATE,              /**< not a valid YYYYMMDD date */
  TERTIAL_SIE_BAD_PERIOD,            /**< not a valid YYYYMM period */
  TERTIAL_SIE_BAD_NUMBER,            /**< a bad year number, dimension, flag, type or account */
  TERTIAL_SIE_BAD_OBJECT_LIST,       /**< an object list that cannot be read */
  TERTIAL_SIE_MISSING_OBJECT_LIST,   /**< a record without its `{...}` object list */
  TERTIAL_SIE_SWAPPED_FIELDS,        /**< account and period written in each other's place */
  TERTIAL_SIE_PERIOD_OUTSIDE_YEAR,   /**< a period outside the \#RAR of its year number */
  TERTIAL_SIE_BAD_BLOCK,             /**< `{`/`}` misplaced, \#TRANS outside a \#VER block, ... */
  TERTIAL_SIE_UNBALANCED_VOUCHER,    /**< a voucher whose lines do not sum to 0 */
  TERTIAL_SIE_RTRANS_MISMATCH,       /**< an \#RTRANS not followed by an identical \#TRANS */
  TERTIAL_SIE_CHECKSUM,              /**< \#KSUMMA differs from the computed CRC, or is incomplete */
  TERTIAL_SIE_MISSING_RECORD,        /**< a mandatory record (\#FLAGGA, \#FORMAT, ...) is absent */
  TERTIAL_SIE_LINE_TOO_LONG,         /**< a line longer than tertial_sie_options::max_line */
} tertial_sie_problem;

/** What the reader did about a problem. */
typedef enum tertial_sie_action {
  TERTIAL_SIE_KEPT = 0,     /**< the record was returned as read */
  TERTIAL_SIE_REPAIRED = 1, /**< the record was returned after a repair the message describes */
  TERTIAL_SIE_SKIPPED = 2,  /**< the record (or line) was not returned */
  TERTIAL_SIE_STOPPED = 3,  /**< strict mode: reading stopped here */
} tertial_sie_action;

/** One problem found in the input. All strings are UTF-8, owned by the reader. */
typedef struct tertial_sie_diagnostic {
  tertial_sie_problem problem; /**< what kind of problem */
  tertial_sie_action action;   /**< what the reader did about it */
  int is_error;          /**< 1 if the record was skipped or reading stopped, else 0 (a warning) */
  const char *file;      /**< the path, tertial_sie_options::name, or "<memory>" */
  size_t line;           /**< 1-based line; for end-of-file checks the number of lines */
  size_t column;         /**< 1-based column in characters; 0 when the whole line is meant */
  const char *label;     /**< the record's label, e.g. "\#PBUDGET"; "" if none */
  const char *expected;  /**< what the specification wants there, e.g. "a period YYYYMM" */
  const char *found;     /**< an excerpt of what was there (at most 60 characters) */
  const char *message;   /**< "file:line:column: ..." in English, for people */
} tertial_sie_diagnostic;

/** One entry of an object list: dimension number and object code. */
typedef struct tertial_sie_object {
  int dimension;      /**< e.g. 1 (cost centre) */
  const char *object; /**< the object code, e.g. "0123" */
} tertial_sie_object;

/**
 * One record. Which fields are set depends on the label (see ::tertial_sie_label); the others
 * are 0 or "". Strings are UTF-8, never NULL, borrowed from the reader until the next call
 * of tertial_sie_reader_next() or tertial_sie_reader_free().
 */
typedef struct tertial_sie_record {
  tertial_sie_label label;      /**< the record's label; ::TERTIAL_SIE_UNKNOWN for others */
  const char *tag;              /**< the label as written, upper-cased, e.g. "\#TRANS" */
  size_t line;                  /**< 1-based line of the record */
  int year;                     /**< year number: 0 current fiscal year, -1 previous, ... */
  int period;                   /**< YYYYMM, e.g. 201301 */
  int number;                   /**< \#FLAGGA, \#SIETYP, \#TAXAR */
  int dimension;                /**< \#DIM, \#UNDERDIM, \#OBJEKT */
  int superdimension;           /**< \#UNDERDIM */
  const char *account;          /**< account number (digits in a valid file) */
  const char *object;           /**< \#OBJEKT object code */
  const char *text;             /**< name or text (see the label) */
  const char *text2;            /**< \#PROGRAM version, \#ORGNR acquisition number */
  const char *series;           /**< \#VER series; on \#TRANS/\#RTRANS/\#BTRANS the voucher's */
  const char *voucher_number;   /**< \#VER number; on transaction lines the voucher's */
  const char *sign;             /**< \#GEN, \#VER, \#TRANS: who made it */
  tertial_date date;            /**< \#GEN, \#OMFATTN, \#VER; \#RAR first day; \#TRANS
                                     transaction date, or the voucher's date if absent */
  tertial_date date2;           /**< \#RAR last day; \#VER registration date */
  int has_date;                 /**< 1 if @ref date is set */
  int has_date2;                /**< 1 if @ref date2 is set */
  int64_t amount;               /**< öre; credit is negative */
  int has_amount;               /**< 1 on records with an amount */
  int64_t quantity;             /**< quantity in millionths (10.5 is 10500000) */
  int has_quantity;             /**< 1 if the quantity field was given */
  uint32_t checksum;            /**< the closing \#KSUMMA's stated CRC-32 */
  int has_checksum;             /**< 1 on the closing \#KSUMMA */
  int has_objects;              /**< 1 if the record carries an object list (even empty) */
  size_t object_count;          /**< entries in @ref objects */
  const tertial_sie_object *objects; /**< the object list */
  int duplicate;                /**< \#TRANS repeating the \#RTRANS before it: skip it in sums */
  size_t field_count;           /**< raw fields after the label */
  const char *const *fields;    /**< raw fields, unquoted and decoded; an object list is
                                     given as the text between its braces */
} tertial_sie_record;

/** Counters of one reading, updated as it goes. */
typedef struct tertial_sie_stats {
  uint64_t bytes;               /**< bytes read */
  uint64_t lines;               /**< lines read */
  uint64_t records;             /**< records returned */
  uint64_t unknown_records;     /**< records with unknown labels (ignored unless asked for) */
  uint64_t skipped_records;     /**< records not returned because of a problem */
  uint64_t bad_amounts;         /**< amounts that could not be read */
  uint64_t warnings;            /**< diagnostics that are not errors */
  uint64_t errors;              /**< diagnostics that skipped a record or stopped reading */
  uint64_t diagnostics_dropped; /**< diagnostics counted but not kept (over max_diagnostics) */
  uint64_t vouchers;            /**< \#VER records */
  uint64_t transactions;        /**< \#TRANS records, duplicates included */
  uint64_t duplicates;          /**< \#TRANS records marked duplicate */
  int sie_type;                 /**< from \#SIETYP; 0 if absent */
  int checksum_present;         /**< 1 if the file has a \#KSUMMA pair */
  int checksum_ok;              /**< 1 if it matches */
  uint32_t checksum_stated;     /**< the value in the closing \#KSUMMA */
  uint32_t checksum_computed;   /**< the CRC-32 the reader computed */
} tertial_sie_stats;

/** Current version of ::tertial_sie_options (2 added @ref tertial_sie_options::progress). */
#define TERTIAL_SIE_OPTIONS_VERSION 2

/**
 * Progress of a file reader: called after each block read from a file (about every
 * tertial_sie_options::block_size bytes) and once at the end of the file.
 * @param bytes_read bytes read from the file so far.
 * @param bytes_total the file's size when it could be known (a regular file), else 0.
 * @param data tertial_sie_options::progress_data.
 * @return 0 to go on; non-zero to stop: the reader then fails with ::TERTIAL_ERR_CANCELLED.
 */
typedef int (*tertial_sie_progress_fn)(uint64_t bytes_read, uint64_t bytes_total, void *data);

/** Options of a reader. Initialise with ::TERTIAL_SIE_OPTIONS_INIT, then change fields. */
typedef struct tertial_sie_options {
  unsigned int version;          /**< ::TERTIAL_SIE_OPTIONS_VERSION */
  tertial_sie_mode mode;         /**< lenient (default) or strict */
  tertial_sie_encoding encoding; /**< AUTO (default) detects; otherwise forced */
  int return_unknown;            /**< 1: return records with unknown labels as ::TERTIAL_SIE_UNKNOWN */
  size_t max_diagnostics;        /**< diagnostics kept (the rest only counted); 0 means 1000 */
  size_t block_size;             /**< bytes per read; 0 means 1 MiB */
  size_t max_line;               /**< longest line accepted; 0 means 1 MiB */
  const char *name;              /**< file name used in diagnostics (copied); NULL: the path,
                                      or "<memory>" for a buffer */
  tertial_sie_progress_fn progress; /**< (version 2) called as a file is read; NULL: never.
                                         Not called for memory readers. */
  void *progress_data;           /**< (version 2) passed to @ref progress */
} tertial_sie_options;

/** Default options: lenient, detect the encoding, 1 MiB blocks. */
#define TERTIAL_SIE_OPTIONS_INIT \
  { TERTIAL_SIE_OPTIONS_VERSION, TERTIAL_SIE_LENIENT, TERTIAL_SIE_ENCODING_AUTO, 0, 0, 0, 0, NULL, NULL, NULL }

/** A streaming SIE reader. */
typedef struct tertial_sie_reader tertial_sie_reader;

/**
 * Open a file for reading. Nothing is read until the first tertial_sie_reader_next().
 * @param out receives the reader; free with tertial_sie_reader_free().
 * @param path the file (copied).
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_IO (cannot open; the message names the file and the reason),
 *         ::TERTIAL_ERR_INVALID (NULL argument, unknown options version),
 *         ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_sie_reader_new_file(tertial_sie_reader **out, const char *path,
                                            const tertial_sie_options *options);

/**
 * Read from a buffer in memory (not copied).
 * @param out receives the reader; free with tertial_sie_reader_free().
 * @param data the bytes; borrowed: they must stay unchanged until the reader is freed.
 * @param size number of bytes.
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_INVALID, ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_sie_reader_new_memory(tertial_sie_reader **out, const void *data,
                                              size_t size, const tertial_sie_options *options);

/**
 * Free a reader with its records and diagnostics; closes its file.
 * @param reader the reader; NULL is allowed.
 */
TERTIAL_API void tertial_sie_reader_free(tertial_sie_reader *reader);

/**
 * Read the next record.
 * @param out receives a record borrowed from @p reader until the next call; NULL at the end.
 * @param reader the reader.
 * @return 1 with a record, 0 at the end of the input, or a negative code:
 *         ::TERTIAL_ERR_PARSE (strict mode: the first departure from the specification,
 *         message "file:line:column: ..."), ::TERTIAL_ERR_IO, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID. After an error every further call returns the same code.
 */
TERTIAL_API int tertial_sie_reader_next(const tertial_sie_record **out, tertial_sie_reader *reader);

/**
 * Number of diagnostics kept so far (at most tertial_sie_options::max_diagnostics; the rest
 * are counted in tertial_sie_stats::diagnostics_dropped).
 * @param reader the reader.
 * @return the count; 0 for a NULL reader.
 */
TERTIAL_API size_t tertial_sie_reader_diagnostic_count(const tertial_sie_reader *reader);

/**
 * One diagnostic, in the order found.
 * @param reader the reader.
 * @param index 0 .. tertial_sie_reader_diagnostic_count() - 1.
 * @return a pointer borrowed from @p reader, valid until it is freed; NULL if out of range.
 */
TERTIAL_API const tertial_sie_diagnostic *tertial_sie_reader_diagnostic(const tertial_sie_reader *reader,
                                                                      size_t index);

/**
 * The counters of this reading so far.
 * @param reader the reader.
 * @return a pointer borrowed from @p reader, valid until it is freed (the values change as
 *         reading goes on); NULL for a NULL reader.
 */
TERTIAL_API const tertial_sie_stats *tertial_sie_reader_stats(const tertial_sie_reader *reader);

/**
 * The encoding detected from the bytes (or forced by the options). ::TERTIAL_SIE_ENCODING_ASCII
 * while no byte above 127 has been seen: until then every encoding reads the same.
 * @param reader the reader.
 * @return the encoding; ::TERTIAL_SIE_ENCODING_AUTO for a NULL reader.
 */
TERTIAL_API tertial_sie_encoding tertial_sie_reader_encoding(const tertial_sie_reader *reader);

/**
 * The encoding \#FORMAT declares.
 * @param reader the reader.
 * @return ::TERTIAL_SIE_ENCODING_CP437 for PC8, ::TERTIAL_SIE_ENCODING_UTF8 for "UTF-8"
 *         (not in the specification), ::TERTIAL_SIE_ENCODING_OTHER for another value,
 *         ::TERTIAL_SIE_ENCODING_AUTO if no \#FORMAT was read (yet) or @p reader is NULL.
 */
TERTIAL_API tertial_sie_encoding tertial_sie_reader_declared_encoding(const tertial_sie_reader *reader);

/**
 * A field of a record by position (SWIG-friendly access to tertial_sie_record::fields).
 * @param record a record from tertial_sie_reader_next().
 * @param index 0 .. field_count - 1.
 * @return a string borrowed like the record's; NULL if out of range or @p record is NULL.
 */
TERTIAL_API const char *tertial_sie_record_field(const tertial_sie_record *record, size_t index);

/**
 * An entry of a record's object list (SWIG-friendly access to tertial_sie_record::objects).
 * @param record a record from tertial_sie_reader_next().
 * @param index 0 .. object_count - 1.
 * @return a pointer borrowed like the record's strings; NULL if out of range.
 */
TERTIAL_API const tertial_sie_object *tertial_sie_record_object(const tertial_sie_record *record,
                                                                size_t index);

/**
 * The name of a label, e.g. "\#KONTO".
 * @param label a label.
 * @return a static string; "#?" for ::TERTIAL_SIE_UNKNOWN and unknown values.
 */
TERTIAL_API const char *tertial_sie_label_name(tertial_sie_label label);

/**
 * The name of an encoding, e.g. "CP437", "UTF-8", "ISO-8859-15".
 * @param encoding an encoding.
 * @return a static string; never NULL.
 */
TERTIAL_API const char *tertial_sie_encoding_name(tertial_sie_encoding encoding);

/**
 * A short English name of a problem kind, e.g. "bad amount".
 * @param problem a problem kind.
 * @return a static string; never NULL.
 */
TERTIAL_API const char *tertial_sie_problem_name(tertial_sie_problem problem);

TERTIAL_END_DECLS

#endif
