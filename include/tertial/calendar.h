/**
 * @file calendar.h
 * @brief Fiscal years with any start month, months as periods, and follow-up calendars.
 *
 * Months inside a fiscal year are addressed by a 0-based index (0 = first month of the
 * fiscal year). A *cut-off* is the number of months included from the start of the fiscal
 * year (1..12): the cut-off of tertial 1 in a calendar year is 4 (January–April).
 * Absolute months are *periods* written yyyymm (202604 = April 2026), as in SIE files.
 * @code
 * tertial_fiscal_year fy;
 * tertial_fiscal_year_init(&fy, 2025, 7);           // July 2025 - June 2026
 * int period;
 * tertial_fiscal_year_period(&period, &fy, 6);      // 202601
 * @endcode
 */
#ifndef TERTIAL_CALENDAR_H
#define TERTIAL_CALENDAR_H

#include "common.h"

TERTIAL_BEGIN_DECLS

/** A fiscal year: twelve months from start_month of first_year. */
typedef struct tertial_fiscal_year {
  int first_year;  /**< calendar year of the first month, 1900..9998 */
  int start_month; /**< 1..12; 1 for calendar years, 7 for July-June years */
} tertial_fiscal_year;

/**
 * Initialise a fiscal year.
 * @param out receives the fiscal year.
 * @param first_year calendar year of its first month (1900..9998).
 * @param start_month first month, 1..12.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_fiscal_year_init(tertial_fiscal_year *out, int first_year, int start_month);

/**
 * The fiscal year (with the given start month) that contains a calendar month.
 * @param out receives the fiscal year.
 * @param start_month 1..12.
 * @param year, month the calendar month.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_fiscal_year_containing(tertial_fiscal_year *out, int start_month,
                                               int year, int month);

/**
 * The period (yyyymm) of month @p index (0..11) of a fiscal year.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_fiscal_year_period(int *out_period, const tertial_fiscal_year *fy, int index);

/**
 * The 0-based month index of a period (yyyymm) within a fiscal year.
 * @return 0, ::TERTIAL_ERR_RANGE if the period is malformed or outside the year,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_fiscal_year_index(int *out_index, const tertial_fiscal_year *fy, int period);

/**
 * Number of days in month @p index (0..11) of a fiscal year (leap years honoured).
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_fiscal_year_days_in_month(int *out_days, const tertial_fiscal_year *fy, int index);

/**
 * The usual label of a fiscal year: "2026" for a calendar year, "2025/26" otherwise.
 * @param buf receives the NUL-terminated label (16 bytes suffice).
 * @return the length, or ::TERTIAL_ERR_BUFFER, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_fiscal_year_label(char *buf, size_t size, const tertial_fiscal_year *fy);

/**
 * Check and build a period number yyyymm.
 * @return 0, ::TERTIAL_ERR_RANGE (year outside 1900..9999 or month outside 1..12),
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_period_make(int *out_period, int year, int month);

/**
 * Number of days in a calendar month (Gregorian leap years).
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_days_in_month(int *out_days, int year, int month);

/** A named follow-up point of a calendar (borrowed from its calendar). */
typedef struct tertial_followup_point {
  const char *code;          /**< short unique code, e.g. "T1" */
  const char *name;          /**< display name, e.g. "Tertial 1 (januari–april)" */
  int cutoff;                /**< months included from the fiscal-year start, 1..12 */
  int deadline_months_after; /**< deadline month, counted in months after the cut-off month (0..24) */
  int deadline_day;          /**< deadline day of that month, 1..31 (clamped to the month's length) */
} tertial_followup_point;

/** A follow-up calendar: a fiscal-year start month and named follow-up points (data, not code). */
typedef struct tertial_calendar tertial_calendar;

/**
 * Create an empty calendar.
 * @param out receives the calendar; free with tertial_calendar_free().
 * @param start_month first month of the fiscal year, 1..12.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_new(tertial_calendar **out, int start_month);

/**
 * Create the default Swedish municipal calendar with the points
 * JANFEB (cut-off 2, deadline 15 March), T1 (4, 15 May), JANJUN (6, 15 August),
 * T2 "delårsrapport" (8, 15 September), JANOKT (10, 15 November) and BOKSLUT (12, 15 February
 * of the next year) for a calendar year. Cut-offs count from the fiscal-year start, so with
 * @p start_month 7 the same points mean July–August, July–October, ... and deadlines move
 * with them.
 * @param start_month first month of the fiscal year, 1..12.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_new_default(tertial_calendar **out, int start_month);

/** Free a calendar (NULL-safe). */
TERTIAL_API void tertial_calendar_free(tertial_calendar *cal);

/** The fiscal-year start month (1..12). @return 0 if @p cal is NULL. */
TERTIAL_API int tertial_calendar_start_month(const tertial_calendar *cal);

/**
 * Add a follow-up point. Points are kept sorted by cut-off, then by insertion.
 * @param code unique code (copied), non-empty.
 * @param name display name (copied).
 * @param cutoff 1..12.
 * @param deadline_months_after 0..24, @param deadline_day 1..31.
 * @return 0, ::TERTIAL_ERR_EXISTS, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_add_point(tertial_calendar *cal, const char *code, const char *name,
                                           int cutoff, int deadline_months_after, int deadline_day);

/**
 * Remove a follow-up point by code.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_remove_point(tertial_calendar *cal, const char *code);

/**
 * Add points from text, one per line: `code;name;cutoff;deadline_months_after;deadline_day`.
 * Blank lines and lines starting with '#' are ignored. On error nothing is added and the
 * message names @p source, the line and what was expected.
 * @param source name used in messages (e.g. a file name).
 * @return 0, ::TERTIAL_ERR_PARSE, ::TERTIAL_ERR_EXISTS, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_parse(tertial_calendar *cal, const char *text, const char *source);

/** Number of follow-up points. */
TERTIAL_API size_t tertial_calendar_point_count(const tertial_calendar *cal);

/**
 * The follow-up point at @p index (in cut-off order).
 * @return a pointer borrowed from @p cal, valid until the calendar changes; NULL if out of range.
 */
TERTIAL_API const tertial_followup_point *tertial_calendar_point(const tertial_calendar *cal, size_t index);

/**
 * Find a follow-up point by code.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_find_point(size_t *out_index, const tertial_calendar *cal, const char *code);

/**
 * The deadline date of point @p index in the fiscal year starting in @p first_year.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_deadline(tertial_date *out, const tertial_calendar *cal, size_t index,
                                          int first_year);

TERTIAL_END_DECLS

#endif
