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
 * Remove a follow-up point by code, with its deadlines per level.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_remove_point(tertial_calendar *cal, const char *code);

/**
 * Add points and level deadlines from text, one per line. A point has five fields,
 * `code;name;cutoff;deadline_months_after;deadline_day`. A level deadline has four,
 * `code;level N;deadline_months_after;deadline_day`: the second field is the word `level` and
 * an organisation level (0 = the root, see org.h), and the line gives point `code` (in the
 * calendar or anywhere in the text) its own deadline for that level, as by
 * tertial_calendar_set_level_deadline(). Texts with only point lines parse as they always did.
 * @code
 * T1;Tertial 1;4;1;15
 * T1;level 5;0;15       # enheter senast 15 april
 * T1;level 4;0;25       # verksamheter senast 25 april
 * T1;level 3;1;10       # sektorer senast 10 maj
 * @endcode
 * Blank lines and lines starting with '#' are ignored. On error nothing is added and the
 * message names @p source, the line and what was expected. docs/calendar-example.txt is a
 * whole calendar in this form.
 * @param source name used in messages (e.g. a file name).
 * @return 0, ::TERTIAL_ERR_PARSE (also a level deadline of an unknown point), ::TERTIAL_ERR_EXISTS
 *         (a point, or a point's deadline for a level, that the calendar or the text already has),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
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
 * The deadline date of point @p index in the fiscal year starting in @p first_year: the point's
 * own, which levels without one of their own fall back to (tertial_calendar_level_deadline()).
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_deadline(tertial_date *out, const tertial_calendar *cal, size_t index,
                                          int first_year);

/** A follow-up point's own deadline for one organisation level (borrowed from its calendar). */
typedef struct tertial_level_deadline {
  int level;                 /**< organisation level, 0 = the root (0..::TERTIAL_LEVEL_MAX) */
  int deadline_months_after; /**< deadline month, counted in months after the cut-off month (0..24) */
  int deadline_day;          /**< deadline day of that month, 1..31 (clamped to the month's length) */
} tertial_level_deadline;

/** The deepest organisation level a calendar gives a deadline. */
#define TERTIAL_LEVEL_MAX 99

/**
 * Give a follow-up point its own deadline for one organisation level, or replace the one it
 * has. The seed's round reads "units by 15 April, activities by 25 April, sectors by 10 May":
 * with the default levels of org.h that is level 5 (enhet) 0 months after the cut-off day 15,
 * level 4 (verksamhet) 0 and 25, level 3 (sektor) 1 and 10. The calendar does not check that
 * deeper levels are due first; that is the municipality's data.
 * @param code the point's code.
 * @param level 0..::TERTIAL_LEVEL_MAX, 0 = the root.
 * @param deadline_months_after 0..24, @param deadline_day 1..31.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no such point), ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_set_level_deadline(tertial_calendar *cal, const char *code, int level,
                                                    int deadline_months_after, int deadline_day);

/**
 * Remove a follow-up point's own deadline for a level; the level then falls back as
 * tertial_calendar_level_deadline() describes.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no such point, or it has no deadline of its own for the
 *         level), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_remove_level_deadline(tertial_calendar *cal, const char *code, int level);

/** Number of levels with a deadline of their own at point @p point_index (0 if out of range). */
TERTIAL_API size_t tertial_calendar_level_deadline_count(const tertial_calendar *cal, size_t point_index);

/**
 * The @p k th own level deadline of point @p point_index, in level order (the root first).
 * @return a pointer borrowed from @p cal, valid until the calendar changes; NULL if out of range.
 */
TERTIAL_API const tertial_level_deadline *tertial_calendar_level_deadline_at(const tertial_calendar *cal,
                                                                              size_t point_index, size_t k);

/**
 * The date by which organisation level @p level is due at point @p point_index, in the fiscal
 * year starting in @p first_year: the level's own deadline if it has one; else that of the
 * nearest level *above* it (a smaller level number, towards the root) that has one; else the
 * point's deadline (tertial_calendar_deadline()).
 *
 * Why above: the round goes bottom-up ("i tur och ordning"), each level reconciling after the
 * levels beneath it, so the seed gives units the earliest date and each level above a later
 * one. A level without a date of its own must be done before the level above it can finish,
 * and cannot be asked to finish together with the units it waits for: the date of the nearest
 * level above is the latest that still works. Levels above every stated one (nämnd, kommun)
 * are due by the point's deadline, and levels below the deepest stated one by its date.
 * @param level 0..::TERTIAL_LEVEL_MAX.
 * @return 0, ::TERTIAL_ERR_RANGE (point index, level or year), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_calendar_level_deadline(tertial_date *out, const tertial_calendar *cal, size_t point_index,
                                                int level, int first_year);

TERTIAL_END_DECLS

#endif
