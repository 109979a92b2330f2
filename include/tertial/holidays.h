/**
 * @file holidays.h
 * @brief Swedish public holidays (allmänna helgdagar) for 1900–2199, and working days.
 *
 * The rules applied, by year (sources: lag (1989:253) om allmänna helgdagar and its
 * amendment lag (2004:1320), in force 1 April 2005; lag (1938:107) on första maj; the calendar
 * reform decided in 1952 and in force from 1953, which moved midsommardagen, made alla
 * helgons dag a Saturday holiday and moved Jungfru Marie bebådelsedag to a Sunday):
 *
 * | holiday | date | years |
 * |---|---|---|
 * | nyårsdagen | 1 January | all |
 * | trettondedag jul | 6 January | all |
 * | Jungfru Marie bebådelsedag | 25 March | until 1952 (from 1953 a Sunday, so not listed) |
 * | långfredagen | Friday before Easter Sunday | all |
 * | påskdagen | Easter Sunday (Gregorian computus) | all |
 * | annandag påsk | Easter Monday | all |
 * | första maj | 1 May | from 1939 |
 * | Kristi himmelsfärdsdag | Easter + 39 days (a Thursday) | all |
 * | pingstdagen | Easter + 49 days (a Sunday) | all |
 * | annandag pingst | Easter + 50 days (a Monday) | until 2004 |
 * | Sveriges nationaldag | 6 June | from 2005 |
 * | midsommardagen | 24 June until 1952; from 1953 the Saturday 20–26 June | all |
 * | alla helgons dag | the first Sunday of November until 1952 (1 November stopped being a holiday in 1772); from 1953 the Saturday 31 October–6 November | all |
 * | juldagen | 25 December | all |
 * | annandag jul | 26 December | all |
 *
 * Easter follows the Gregorian computus (the "anonymous Gregorian" algorithm of Meeus, Jones
 * and Butcher), which is what the law's "the Sunday after the full moon on or after 21 March"
 * means in practice for these years.
 *
 * Ordinary Sundays are holidays by law but are not listed: they are never working days anyway.
 * Before 1953 the church moved Marie bebådelsedag when 25 March fell in Holy Week or Easter
 * week; that transfer is not modelled (the day is always 25 March).
 *
 * **De facto days off.** Midsommarafton (the day before midsommardagen: the Friday 19–25 June
 * from 1953, 23 June before), julafton (24 December) and nyårsafton (31 December) are not
 * public holidays, but semesterlagen (1977:480) treats them like Sundays and almost every
 * employer, municipalities included, closes. By default they are days off: listed (with `official` = 0) and not working days.
 * Pass ::TERTIAL_HOLIDAYS_EVES_WORKING to treat them as ordinary days.
 *
 * A *working day* is a Monday–Friday that is not a day off.
 * @code
 * int n;
 * tertial_working_days_in_month(&n, 2025, 4, TERTIAL_HOLIDAYS_DEFAULT); // 20
 * @endcode
 */
#ifndef TERTIAL_HOLIDAYS_H
#define TERTIAL_HOLIDAYS_H

#include "common.h"

TERTIAL_BEGIN_DECLS

/** First year the holiday functions accept. */
#define TERTIAL_HOLIDAY_YEAR_MIN 1900
/** Last year the holiday functions accept. */
#define TERTIAL_HOLIDAY_YEAR_MAX 2199
/** No year lists more days off than this (a caller array of this size always suffices). */
#define TERTIAL_HOLIDAYS_MAX 20

/** Flags: the default (midsommarafton, julafton and nyårsafton are days off). */
#define TERTIAL_HOLIDAYS_DEFAULT 0u
/** Flags: count midsommarafton, julafton and nyårsafton as ordinary (working) days. */
#define TERTIAL_HOLIDAYS_EVES_WORKING 1u

/** Which day off a date is. Append-only. */
typedef enum tertial_holiday_id {
  TERTIAL_HOLIDAY_NEW_YEARS_DAY = 0,  /**< nyårsdagen */
  TERTIAL_HOLIDAY_EPIPHANY = 1,       /**< trettondedag jul */
  TERTIAL_HOLIDAY_ANNUNCIATION = 2,   /**< Jungfru Marie bebådelsedag (until 1952) */
  TERTIAL_HOLIDAY_GOOD_FRIDAY = 3,    /**< långfredagen */
  TERTIAL_HOLIDAY_EASTER_SUNDAY = 4,  /**< påskdagen */
  TERTIAL_HOLIDAY_EASTER_MONDAY = 5,  /**< annandag påsk */
  TERTIAL_HOLIDAY_MAY_DAY = 6,        /**< första maj (from 1939) */
  TERTIAL_HOLIDAY_ASCENSION = 7,      /**< Kristi himmelsfärdsdag */
  TERTIAL_HOLIDAY_WHIT_SUNDAY = 8,    /**< pingstdagen */
  TERTIAL_HOLIDAY_WHIT_MONDAY = 9,    /**< annandag pingst (until 2004) */
  TERTIAL_HOLIDAY_NATIONAL_DAY = 10,  /**< Sveriges nationaldag (from 2005) */
  TERTIAL_HOLIDAY_MIDSUMMER_EVE = 11, /**< midsommarafton (de facto day off) */
  TERTIAL_HOLIDAY_MIDSUMMER_DAY = 12, /**< midsommardagen */
  TERTIAL_HOLIDAY_ALL_SAINTS = 13,    /**< alla helgons dag */
  TERTIAL_HOLIDAY_CHRISTMAS_EVE = 14, /**< julafton (de facto day off) */
  TERTIAL_HOLIDAY_CHRISTMAS_DAY = 15, /**< juldagen */
  TERTIAL_HOLIDAY_BOXING_DAY = 16,    /**< annandag jul */
  TERTIAL_HOLIDAY_NEW_YEARS_EVE = 17, /**< nyårsafton (de facto day off) */
} tertial_holiday_id;

/** A day off in a given year. */
typedef struct tertial_holiday {
  tertial_date date;     /**< the date */
  tertial_holiday_id id; /**< which day off */
  const char *name;      /**< Swedish name, e.g. "Annandag påsk" (static string) */
  int official;          /**< 1 for a public holiday by law, 0 for a de facto day off (an eve) */
} tertial_holiday;

/**
 * Easter Sunday (påskdagen) of a year by the Gregorian computus.
 * @param out receives the date.
 * @param year ::TERTIAL_HOLIDAY_YEAR_MIN..::TERTIAL_HOLIDAY_YEAR_MAX.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID (@p out is NULL).
 */
TERTIAL_API int tertial_holiday_easter(tertial_date *out, int year);

/**
 * The Swedish name of a day off, e.g. "Midsommardagen".
 * @return a static string; "" for an unknown id.
 */
TERTIAL_API const char *tertial_holiday_name(tertial_holiday_id id);

/**
 * The days off of a year in date order (on a date with two holidays, such as 1 May 2008 with
 * första maj and Kristi himmelsfärdsdag, both are listed, in ::tertial_holiday_id order).
 * @param out_count receives the number of days off (also when @p cap is too small).
 * @param out receives up to @p cap entries; ::TERTIAL_HOLIDAYS_MAX entries always suffice.
 *        NULL with @p cap 0 asks for the count only.
 * @param year ::TERTIAL_HOLIDAY_YEAR_MIN..::TERTIAL_HOLIDAY_YEAR_MAX.
 * @param flags ::TERTIAL_HOLIDAYS_DEFAULT lists the public holidays and the three eves;
 *        ::TERTIAL_HOLIDAYS_EVES_WORKING only the public holidays.
 * @return 0, ::TERTIAL_ERR_BUFFER (@p cap too small; *out_count says how many are needed),
 *         ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID (also for unknown flags).
 */
TERTIAL_API int tertial_holidays_of_year(size_t *out_count, tertial_holiday *out, size_t cap, int year,
                                         unsigned int flags);

/**
 * Whether a date is a day off (a public holiday other than an ordinary Sunday, or, unless
 * @p flags has ::TERTIAL_HOLIDAYS_EVES_WORKING, one of the three eves).
 * @param out receives the day off when there is one (may be NULL). When two holidays share
 *        the date, the one listed first by tertial_holidays_of_year().
 * @param date a valid date in ::TERTIAL_HOLIDAY_YEAR_MIN..::TERTIAL_HOLIDAY_YEAR_MAX.
 * @return 1 (a day off), 0 (not), ::TERTIAL_ERR_RANGE (invalid date or year),
 *         ::TERTIAL_ERR_INVALID (unknown flags).
 */
TERTIAL_API int tertial_holiday_is(tertial_holiday *out, tertial_date date, unsigned int flags);

/**
 * ISO weekday of a date: 1 Monday .. 7 Sunday.
 * @param out receives the weekday.
 * @param date a valid Gregorian date in 1900..9999.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_holiday_weekday(int *out, tertial_date date);

/**
 * Whether a date is a working day: Monday–Friday and not a day off (see tertial_holiday_is()).
 * @return 1 (working day), 0 (not), ::TERTIAL_ERR_RANGE (invalid date or year),
 *         ::TERTIAL_ERR_INVALID (unknown flags).
 */
TERTIAL_API int tertial_working_day_is(tertial_date date, unsigned int flags);

/**
 * Number of working days in a calendar month.
 * @param out receives the count (e.g. 20 for April 2025 and April 2026, both with Easter;
 *        21 for February 2024, a leap month).
 * @param year ::TERTIAL_HOLIDAY_YEAR_MIN..::TERTIAL_HOLIDAY_YEAR_MAX.
 * @param month 1..12.
 * @param flags ::TERTIAL_HOLIDAYS_DEFAULT or ::TERTIAL_HOLIDAYS_EVES_WORKING.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID (also for unknown flags).
 */
TERTIAL_API int tertial_working_days_in_month(int *out, int year, int month, unsigned int flags);

TERTIAL_END_DECLS

#endif
