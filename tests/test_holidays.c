/* Tests of Swedish public holidays and working days.
 *
 * Two kinds of expectations:
 * - an independent list for 2020–2030 from python3-holidays (below, generated once);
 * - historical years and Easter dates checked by hand (comments say how).
 */
#include "testutil.h"

#include <stdbool.h>
#include <string.h>

typedef struct oracle_day {
  int year, month, day;
  const char *names; /* python3-holidays joins two holidays on one date with ", " */
} oracle_day;

/* The independent list: every day off (public holidays except ordinary Sundays, plus
 * midsommarafton, julafton and nyårsafton) of 2020–2030 according to python3-holidays 0.10.1
 * (Debian package python3-holidays), holidays.Sweden(include_sundays=False). Generated once,
 * from the source root, with
 *     /usr/bin/python3 tests/holidays_oracle.py 2020 2030
 * and pasted between the markers. */
/* ORACLE BEGIN: /usr/bin/python3 tests/holidays_oracle.py 2020 2030 (python3-holidays 0.10.1) */
static const oracle_day oracle[] = {
  {2020, 1, 1, "Nyårsdagen"},
  {2020, 1, 6, "Trettondedag jul"},
  {2020, 4, 10, "Långfredagen"},
  {2020, 4, 12, "Påskdagen"},
  {2020, 4, 13, "Annandag påsk"},
  {2020, 5, 1, "Första maj"},
  {2020, 5, 21, "Kristi himmelsfärdsdag"},
  {2020, 5, 31, "Pingstdagen"},
  {2020, 6, 6, "Sveriges nationaldag"},
  {2020, 6, 19, "Midsommarafton"},
  {2020, 6, 20, "Midsommardagen"},
  {2020, 10, 31, "Alla helgons dag"},
  {2020, 12, 24, "Julafton"},
  {2020, 12, 25, "Juldagen"},
  {2020, 12, 26, "Annandag jul"},
  {2020, 12, 31, "Nyårsafton"},
  {2021, 1, 1, "Nyårsdagen"},
  {2021, 1, 6, "Trettondedag jul"},
  {2021, 4, 2, "Långfredagen"},
  {2021, 4, 4, "Påskdagen"},
  {2021, 4, 5, "Annandag påsk"},
  {2021, 5, 1, "Första maj"},
  {2021, 5, 13, "Kristi himmelsfärdsdag"},
  {2021, 5, 23, "Pingstdagen"},
  {2021, 6, 6, "Sveriges nationaldag"},
  {2021, 6, 25, "Midsommarafton"},
  {2021, 6, 26, "Midsommardagen"},
  {2021, 11, 6, "Alla helgons dag"},
  {2021, 12, 24, "Julafton"},
  {2021, 12, 25, "Juldagen"},
  {2021, 12, 26, "Annandag jul"},
  {2021, 12, 31, "Nyårsafton"},
  {2022, 1, 1, "Nyårsdagen"},
  {2022, 1, 6, "Trettondedag jul"},
  {2022, 4, 15, "Långfredagen"},
  {2022, 4, 17, "Påskdagen"},
  {2022, 4, 18, "Annandag påsk"},
  {2022, 5, 1, "Första maj"},
  {2022, 5, 26, "Kristi himmelsfärdsdag"},
  {2022, 6, 5, "Pingstdagen"},
  {2022, 6, 6, "Sveriges nationaldag"},
  {2022, 6, 24, "Midsommarafton"},
  {2022, 6, 25, "Midsommardagen"},
  {2022, 11, 5, "Alla helgons dag"},
  {2022, 12, 24, "Julafton"},
  {2022, 12, 25, "Juldagen"},
  {2022, 12, 26, "Annandag jul"},
  {2022, 12, 31, "Nyårsafton"},
  {2023, 1, 1, "Nyårsdagen"},
  {2023, 1, 6, "Trettondedag jul"},
  {2023, 4, 7, "Långfredagen"},
  {2023, 4, 9, "Påskdagen"},
  {2023, 4, 10, "Annandag påsk"},
  {2023, 5, 1, "Första maj"},
  {2023, 5, 18, "Kristi himmelsfärdsdag"},
  {2023, 5, 28, "Pingstdagen"},
  {2023, 6, 6, "Sveriges nationaldag"},
  {2023, 6, 23, "Midsommarafton"},
  {2023, 6, 24, "Midsommardagen"},
  {2023, 11, 4, "Alla helgons dag"},
  {2023, 12, 24, "Julafton"},
  {2023, 12, 25, "Juldagen"},
  {2023, 12, 26, "Annandag jul"},
  {2023, 12, 31, "Nyårsafton"},
  {2024, 1, 1, "Nyårsdagen"},
  {2024, 1, 6, "Trettondedag jul"},
  {2024, 3, 29, "Långfredagen"},
  {2024, 3, 31, "Påskdagen"},
  {2024, 4, 1, "Annandag påsk"},
  {2024, 5, 1, "Första maj"},
  {2024, 5, 9, "Kristi himmelsfärdsdag"},
  {2024, 5, 19, "Pingstdagen"},
  {2024, 6, 6, "Sveriges nationaldag"},
  {2024, 6, 21, "Midsommarafton"},
  {2024, 6, 22, "Midsommardagen"},
  {2024, 11, 2, "Alla helgons dag"},
  {2024, 12, 24, "Julafton"},
  {2024, 12, 25, "Juldagen"},
  {2024, 12, 26, "Annandag jul"},
  {2024, 12, 31, "Nyårsafton"},
  {2025, 1, 1, "Nyårsdagen"},
  {2025, 1, 6, "Trettondedag jul"},
  {2025, 4, 18, "Långfredagen"},
  {2025, 4, 20, "Påskdagen"},
  {2025, 4, 21, "Annandag påsk"},
  {2025, 5, 1, "Första maj"},
  {2025, 5, 29, "Kristi himmelsfärdsdag"},
  {2025, 6, 6, "Sveriges nationaldag"},
  {2025, 6, 8, "Pingstdagen"},
  {2025, 6, 20, "Midsommarafton"},
  {2025, 6, 21, "Midsommardagen"},
  {2025, 11, 1, "Alla helgons dag"},
  {2025, 12, 24, "Julafton"},
  {2025, 12, 25, "Juldagen"},
  {2025, 12, 26, "Annandag jul"},
  {2025, 12, 31, "Nyårsafton"},
  {2026, 1, 1, "Nyårsdagen"},
  {2026, 1, 6, "Trettondedag jul"},
  {2026, 4, 3, "Långfredagen"},
  {2026, 4, 5, "Påskdagen"},
  {2026, 4, 6, "Annandag påsk"},
  {2026, 5, 1, "Första maj"},
  {2026, 5, 14, "Kristi himmelsfärdsdag"},
  {2026, 5, 24, "Pingstdagen"},
  {2026, 6, 6, "Sveriges nationaldag"},
  {2026, 6, 19, "Midsommarafton"},
  {2026, 6, 20, "Midsommardagen"},
  {2026, 10, 31, "Alla helgons dag"},
  {2026, 12, 24, "Julafton"},
  {2026, 12, 25, "Juldagen"},
  {2026, 12, 26, "Annandag jul"},
  {2026, 12, 31, "Nyårsafton"},
  {2027, 1, 1, "Nyårsdagen"},
  {2027, 1, 6, "Trettondedag jul"},
  {2027, 3, 26, "Långfredagen"},
  {2027, 3, 28, "Påskdagen"},
  {2027, 3, 29, "Annandag påsk"},
  {2027, 5, 1, "Första maj"},
  {2027, 5, 6, "Kristi himmelsfärdsdag"},
  {2027, 5, 16, "Pingstdagen"},
  {2027, 6, 6, "Sveriges nationaldag"},
  {2027, 6, 25, "Midsommarafton"},
  {2027, 6, 26, "Midsommardagen"},
  {2027, 11, 6, "Alla helgons dag"},
  {2027, 12, 24, "Julafton"},
  {2027, 12, 25, "Juldagen"},
  {2027, 12, 26, "Annandag jul"},
  {2027, 12, 31, "Nyårsafton"},
  {2028, 1, 1, "Nyårsdagen"},
  {2028, 1, 6, "Trettondedag jul"},
  {2028, 4, 14, "Långfredagen"},
  {2028, 4, 16, "Påskdagen"},
  {2028, 4, 17, "Annandag påsk"},
  {2028, 5, 1, "Första maj"},
  {2028, 5, 25, "Kristi himmelsfärdsdag"},
  {2028, 6, 4, "Pingstdagen"},
  {2028, 6, 6, "Sveriges nationaldag"},
  {2028, 6, 23, "Midsommarafton"},
  {2028, 6, 24, "Midsommardagen"},
  {2028, 11, 4, "Alla helgons dag"},
  {2028, 12, 24, "Julafton"},
  {2028, 12, 25, "Juldagen"},
  {2028, 12, 26, "Annandag jul"},
  {2028, 12, 31, "Nyårsafton"},
  {2029, 1, 1, "Nyårsdagen"},
  {2029, 1, 6, "Trettondedag jul"},
  {2029, 3, 30, "Långfredagen"},
  {2029, 4, 1, "Påskdagen"},
  {2029, 4, 2, "Annandag påsk"},
  {2029, 5, 1, "Första maj"},
  {2029, 5, 10, "Kristi himmelsfärdsdag"},
  {2029, 5, 20, "Pingstdagen"},
  {2029, 6, 6, "Sveriges nationaldag"},
  {2029, 6, 22, "Midsommarafton"},
  {2029, 6, 23, "Midsommardagen"},
  {2029, 11, 3, "Alla helgons dag"},
  {2029, 12, 24, "Julafton"},
  {2029, 12, 25, "Juldagen"},
  {2029, 12, 26, "Annandag jul"},
  {2029, 12, 31, "Nyårsafton"},
  {2030, 1, 1, "Nyårsdagen"},
  {2030, 1, 6, "Trettondedag jul"},
  {2030, 4, 19, "Långfredagen"},
  {2030, 4, 21, "Påskdagen"},
  {2030, 4, 22, "Annandag påsk"},
  {2030, 5, 1, "Första maj"},
  {2030, 5, 30, "Kristi himmelsfärdsdag"},
  {2030, 6, 6, "Sveriges nationaldag"},
  {2030, 6, 9, "Pingstdagen"},
  {2030, 6, 21, "Midsommarafton"},
  {2030, 6, 22, "Midsommardagen"},
  {2030, 11, 2, "Alla helgons dag"},
  {2030, 12, 24, "Julafton"},
  {2030, 12, 25, "Juldagen"},
  {2030, 12, 26, "Annandag jul"},
  {2030, 12, 31, "Nyårsafton"},
};
/* ORACLE END */

#define ORACLE_N (sizeof oracle / sizeof oracle[0])

static tertial_date date_of(int y, int m, int d)
{
  return (tertial_date){y, m, d};
}

static bool same_date(tertial_date a, int y, int m, int d)
{
  return a.year == y && a.month == m && a.day == d;
}

/* Whether the oracle lists a date. */
static bool oracle_has(int y, int m, int d)
{
  for (size_t i = 0; i < ORACLE_N; i++)
    if (oracle[i].year == y && oracle[i].month == m && oracle[i].day == d)
      return true;
  return false;
}

/* Whether `name` is one of the ", "-separated names of an oracle entry. */
static bool oracle_names_have(const char *names, const char *name)
{
  size_t n = strlen(name);
  for (const char *p = names; (p = strstr(p, name)) != NULL; p += n)
    if ((p == names || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
      return true;
  return false;
}

static size_t count_names(const char *names)
{
  size_t n = 1;
  for (const char *p = names; (p = strstr(p, ", ")) != NULL; p += 2)
    n++;
  return n;
}

/* Our list of each year equals the oracle's: the same dates, and on each date the same names. */
START_TEST(test_oracle_2020_2030)
{
  size_t checked = 0;
  for (int year = 2020; year <= 2030; year++) {
    tertial_holiday h[TERTIAL_HOLIDAYS_MAX];
    size_t n = 0;
    T_OK(tertial_holidays_of_year(&n, h, TERTIAL_HOLIDAYS_MAX, year, TERTIAL_HOLIDAYS_DEFAULT));
    size_t expected = 0;
    for (size_t i = 0; i < ORACLE_N; i++) {
      if (oracle[i].year != year)
        continue;
      expected += count_names(oracle[i].names);
      size_t found = 0;
      for (size_t j = 0; j < n; j++)
        if (same_date(h[j].date, oracle[i].year, oracle[i].month, oracle[i].day)) {
          ck_assert_msg(oracle_names_have(oracle[i].names, h[j].name), "%d-%02d-%02d: we say %s, the oracle %s",
                        year, oracle[i].month, oracle[i].day, h[j].name, oracle[i].names);
          found++;
        }
      ck_assert_msg(found == count_names(oracle[i].names), "%d-%02d-%02d (%s): we list %zu entries", year,
                    oracle[i].month, oracle[i].day, oracle[i].names, found);
    }
    ck_assert_msg(n == expected, "%d: we list %zu days off, the oracle %zu", year, n, expected);
    checked += n;
  }
  /* 11 years x 16 days off (13 public holidays, Sunday ones included, plus 3 eves). */
  ck_assert_uint_eq(checked, 176);
  ck_assert_uint_eq(ORACLE_N, 176);
}
END_TEST

/* Every day of 2020–2030: a working day exactly when it is Monday–Friday and not in the oracle. */
START_TEST(test_working_days_against_oracle)
{
  int working = 0;
  for (int year = 2020; year <= 2030; year++)
    for (int month = 1; month <= 12; month++) {
      int days = 0, in_month = 0, count = -1;
      T_OK(tertial_days_in_month(&days, year, month));
      for (int day = 1; day <= days; day++) {
        int wd = 0;
        T_OK(tertial_holiday_weekday(&wd, date_of(year, month, day)));
        int expected = wd <= 5 && !oracle_has(year, month, day);
        int got = tertial_working_day_is(date_of(year, month, day), TERTIAL_HOLIDAYS_DEFAULT);
        ck_assert_msg(got == expected, "%d-%02d-%02d: working day %d, expected %d", year, month, day, got, expected);
        in_month += expected;
      }
      T_OK(tertial_working_days_in_month(&count, year, month, TERTIAL_HOLIDAYS_DEFAULT));
      ck_assert_msg(count == in_month, "%d-%02d: %d working days, the oracle gives %d", year, month, count, in_month);
      working += count;
    }
  /* 2020..2030 has 4018 days = 574 weeks, so 2870 Mondays–Fridays; the same count in Python,
   * `sum(d.weekday() < 5 and d not in holidays.Sweden(include_sundays=False) for d in days)`,
   * gives 2764. */
  ck_assert_int_eq(working, 2764);
}
END_TEST

/* Easter by hand with the anonymous Gregorian algorithm (a=Y%19, b=Y/100, c=Y%100, ...):
 * 1900: a=0 b=19 c=0 d=4 e=3 f=1 g=6 h=(0+19-4-6+15)%30=24 i=0 k=0 l=(32+6+0-24-0)%7=0
 *       m=(0+264+0)/451=0 -> (24+0+114)=138: month 138/31=4, day 138%31+1=15: 15 April.
 * 2038: a=5 b=20 c=38 d=5 e=0 f=1 g=6 h=(95+20-5-6+15)%30=29 i=9 k=2 l=(32+0+18-29-2)%7=5
 *       m=(5+319+110)/451=0 -> 29+5+114=148: 148/31=4, 148%31+1=25: 25 April (the latest possible).
 * 2199: a=14 b=21 c=99 d=5 e=1 f=1 g=7 h=(266+21-5-7+15)%30=20 i=24 k=3 l=(32+2+48-20-3)%7=3
 *       m=(14+220+66)/451=0 -> 20+3+114=137: 137/31=4, 137%31+1=14: 14 April.
 * 2285: 22 March, the earliest possible, but outside 1900..2199. */
START_TEST(test_easter)
{
  tertial_date d;
  T_OK(tertial_holiday_easter(&d, 1900));
  ck_assert(same_date(d, 1900, 4, 15));
  T_OK(tertial_holiday_easter(&d, 2038));
  ck_assert(same_date(d, 2038, 4, 25));
  T_OK(tertial_holiday_easter(&d, 2199));
  ck_assert(same_date(d, 2199, 4, 14));
  T_OK(tertial_holiday_easter(&d, 2024));
  ck_assert(same_date(d, 2024, 3, 31));
  T_OK(tertial_holiday_easter(&d, 2025));
  ck_assert(same_date(d, 2025, 4, 20));
  T_OK(tertial_holiday_easter(&d, 2026));
  ck_assert(same_date(d, 2026, 4, 5));
  T_ERR(tertial_holiday_easter(&d, 2285), TERTIAL_ERR_RANGE);
  T_ERR(tertial_holiday_easter(&d, 1899), TERTIAL_ERR_RANGE);
  T_ERR(tertial_holiday_easter(NULL, 2026), TERTIAL_ERR_INVALID);
  /* Every Easter of the range is a Sunday between 22 March and 25 April. */
  for (int y = TERTIAL_HOLIDAY_YEAR_MIN; y <= TERTIAL_HOLIDAY_YEAR_MAX; y++) {
    int wd = 0;
    T_OK(tertial_holiday_easter(&d, y));
    T_OK(tertial_holiday_weekday(&wd, d));
    ck_assert_int_eq(wd, 7);
    ck_assert((d.month == 3 && d.day >= 22) || (d.month == 4 && d.day <= 25));
  }
}
END_TEST

/* Whether a date is a day off and, if so, its name. */
static void assert_day_off(int y, int m, int d, const char *name)
{
  tertial_holiday h;
  int rc = tertial_holiday_is(&h, date_of(y, m, d), TERTIAL_HOLIDAYS_DEFAULT);
  ck_assert_msg(rc == 1, "%d-%02d-%02d should be %s (rc %d)", y, m, d, name, rc);
  ck_assert_str_eq(h.name, name);
}

static void assert_not_day_off(int y, int m, int d)
{
  int rc = tertial_holiday_is(NULL, date_of(y, m, d), TERTIAL_HOLIDAYS_DEFAULT);
  ck_assert_msg(rc == 0, "%d-%02d-%02d should not be a day off (rc %d)", y, m, d, rc);
}

/* The 1953 reform. 1952: midsommardagen 24 June (a Tuesday), midsommarafton 23 June; alla
 * helgons dag on the first Sunday of November (1 November 1952 was a Saturday, so 2 November);
 * Marie bebådelsedag 25 March (a Tuesday). 1953: midsommardagen the Saturday 20–26 June = 20 June
 * (1 January 1953 was a Thursday; 20 June is day 171, 170 days later, 170 % 7 = 2: Saturday),
 * midsommarafton 19 June, alla helgons dag Saturday 31 October, no Marie bebådelsedag. */
START_TEST(test_reform_1953)
{
  assert_day_off(1952, 6, 24, "Midsommardagen");
  assert_day_off(1952, 6, 23, "Midsommarafton");
  assert_day_off(1952, 11, 2, "Alla helgons dag");
  assert_not_day_off(1952, 11, 1);
  assert_day_off(1952, 3, 25, "Jungfru Marie bebådelsedag");
  ck_assert_int_eq(tertial_working_day_is(date_of(1952, 6, 24), TERTIAL_HOLIDAYS_DEFAULT), 0);
  assert_day_off(1953, 6, 20, "Midsommardagen");
  assert_day_off(1953, 6, 19, "Midsommarafton");
  assert_not_day_off(1953, 6, 24);
  ck_assert_int_eq(tertial_working_day_is(date_of(1953, 6, 24), TERTIAL_HOLIDAYS_DEFAULT), 1);
  assert_day_off(1953, 10, 31, "Alla helgons dag");
  assert_not_day_off(1953, 3, 25);
  size_t n1952 = 0, n1953 = 0;
  T_OK(tertial_holidays_of_year(&n1952, NULL, 0, 1952, TERTIAL_HOLIDAYS_EVES_WORKING));
  T_OK(tertial_holidays_of_year(&n1953, NULL, 0, 1953, TERTIAL_HOLIDAYS_EVES_WORKING));
  /* 1952: 12 + Marie bebådelsedag + annandag pingst = 14; 1953: 13. */
  ck_assert_uint_eq(n1952, 14);
  ck_assert_uint_eq(n1953, 13);
}
END_TEST

/* Lag (2004:1320), in force 2005. 2004: Easter 11 April, pingst 30 May, annandag pingst Monday
 * 31 May; 6 June 2004 a Sunday but not a holiday of its own. 2005: Easter 27 March, annandag
 * pingst would be Monday 16 May: a working day; nationaldagen Monday 6 June. */
START_TEST(test_national_day_2005)
{
  assert_day_off(2004, 5, 31, "Annandag pingst");
  assert_not_day_off(2004, 6, 6);
  assert_not_day_off(2005, 5, 16);
  ck_assert_int_eq(tertial_working_day_is(date_of(2005, 5, 16), TERTIAL_HOLIDAYS_DEFAULT), 1);
  assert_day_off(2005, 6, 6, "Sveriges nationaldag");
  ck_assert_int_eq(tertial_working_day_is(date_of(2005, 6, 6), TERTIAL_HOLIDAYS_DEFAULT), 0);
  /* June 2004: 1 June a Tuesday, 22 weekdays; minus midsommarafton Friday 25 June = 21.
   * June 2005: 1 June a Wednesday, 22 weekdays; minus 6 June and midsommarafton 24 June = 20. */
  int n = 0;
  T_OK(tertial_working_days_in_month(&n, 2004, 6, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 21);
  T_OK(tertial_working_days_in_month(&n, 2005, 6, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 20);
}
END_TEST

/* Första maj from 1939: 1 May 1938 was a Sunday anyway, so check 1937 (Saturday) vs 1939 (Monday). */
START_TEST(test_may_day_1939)
{
  assert_not_day_off(1937, 5, 1);
  assert_day_off(1939, 5, 1, "Första maj");
  ck_assert_int_eq(tertial_working_day_is(date_of(1939, 5, 1), TERTIAL_HOLIDAYS_DEFAULT), 0);
}
END_TEST

/* Two holidays on one date: 2008 Easter 23 March, Kristi himmelsfärdsdag 23 March + 39 = 1 May.
 * May 2008: 1 May a Thursday; 22 weekdays; the shared day off counts once = 21. */
START_TEST(test_shared_date)
{
  tertial_holiday h[TERTIAL_HOLIDAYS_MAX];
  size_t n = 0, both = 0;
  T_OK(tertial_holidays_of_year(&n, h, TERTIAL_HOLIDAYS_MAX, 2008, TERTIAL_HOLIDAYS_DEFAULT));
  for (size_t i = 0; i < n; i++)
    if (same_date(h[i].date, 2008, 5, 1)) {
      ck_assert_int_eq(h[i].id, both == 0 ? TERTIAL_HOLIDAY_MAY_DAY : TERTIAL_HOLIDAY_ASCENSION);
      both++;
    }
  ck_assert_uint_eq(both, 2);
  assert_day_off(2008, 5, 1, "Första maj");
  int days = 0;
  T_OK(tertial_working_days_in_month(&days, 2008, 5, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(days, 21);
}
END_TEST

/* April with Easter, counted by hand. April 2025: 1 April a Tuesday, 22 weekdays; långfredag
 * 18 April and annandag påsk 21 April -> 20. April 2026: 1 April a Wednesday, 22 weekdays;
 * långfredag 3 April and annandag påsk 6 April -> 20. Easter 2024 straddles two months:
 * March 2024 (1 March a Friday, 21 weekdays, långfredag 29 March) -> 20; April 2024 (1 April a
 * Monday, 22 weekdays, annandag påsk 1 April) -> 21. May 2026: 1 May a Friday, 21 weekdays,
 * första maj and Kristi himmelsfärdsdag 14 May -> 19. */
START_TEST(test_easter_months)
{
  int n = 0;
  T_OK(tertial_working_days_in_month(&n, 2025, 4, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 20);
  T_OK(tertial_working_days_in_month(&n, 2026, 4, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 20);
  T_OK(tertial_working_days_in_month(&n, 2024, 3, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 20);
  T_OK(tertial_working_days_in_month(&n, 2024, 4, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 21);
  T_OK(tertial_working_days_in_month(&n, 2026, 5, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 19);
  assert_day_off(2025, 4, 18, "Långfredagen");
  assert_day_off(2025, 4, 21, "Annandag påsk");
  assert_day_off(2026, 5, 14, "Kristi himmelsfärdsdag");
}
END_TEST

/* The eves. December 2025: 1 December a Monday, 23 weekdays; julafton (Wed 24), juldagen (Thu),
 * annandag jul (Fri) and nyårsafton (Wed 31) -> 19 by default; with the eves as working days
 * only juldagen and annandag jul -> 21. June 2025: 1 June a Sunday, 21 weekdays; nationaldagen
 * (Fri 6) and midsommarafton (Fri 20) -> 19; with the eves working -> 20. The year 2025 has
 * 249 working days by default (21 20 21 20 20 19 23 21 22 23 20 19) and 252 with the eves. */
START_TEST(test_eves_flag)
{
  int n = 0;
  T_OK(tertial_working_days_in_month(&n, 2025, 12, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 19);
  T_OK(tertial_working_days_in_month(&n, 2025, 12, TERTIAL_HOLIDAYS_EVES_WORKING));
  ck_assert_int_eq(n, 21);
  T_OK(tertial_working_days_in_month(&n, 2025, 6, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 19);
  T_OK(tertial_working_days_in_month(&n, 2025, 6, TERTIAL_HOLIDAYS_EVES_WORKING));
  ck_assert_int_eq(n, 20);
  static const int by_hand[12] = {21, 20, 21, 20, 20, 19, 23, 21, 22, 23, 20, 19};
  int year = 0, year_eves = 0;
  for (int m = 1; m <= 12; m++) {
    T_OK(tertial_working_days_in_month(&n, 2025, m, TERTIAL_HOLIDAYS_DEFAULT));
    ck_assert_msg(n == by_hand[m - 1], "2025-%02d: %d working days, expected %d", m, n, by_hand[m - 1]);
    year += n;
    T_OK(tertial_working_days_in_month(&n, 2025, m, TERTIAL_HOLIDAYS_EVES_WORKING));
    year_eves += n;
  }
  ck_assert_int_eq(year, 249);
  ck_assert_int_eq(year_eves, 252);

  tertial_holiday h;
  ck_assert_int_eq(tertial_holiday_is(&h, date_of(2025, 12, 24), TERTIAL_HOLIDAYS_DEFAULT), 1);
  ck_assert_int_eq(h.id, TERTIAL_HOLIDAY_CHRISTMAS_EVE);
  ck_assert_int_eq(h.official, 0);
  ck_assert_int_eq(tertial_holiday_is(&h, date_of(2025, 12, 24), TERTIAL_HOLIDAYS_EVES_WORKING), 0);
  ck_assert_int_eq(tertial_working_day_is(date_of(2025, 12, 24), TERTIAL_HOLIDAYS_DEFAULT), 0);
  ck_assert_int_eq(tertial_working_day_is(date_of(2025, 12, 24), TERTIAL_HOLIDAYS_EVES_WORKING), 1);
  ck_assert_int_eq(tertial_working_day_is(date_of(2025, 6, 20), TERTIAL_HOLIDAYS_EVES_WORKING), 1);
  ck_assert_int_eq(tertial_holiday_is(&h, date_of(2025, 12, 25), TERTIAL_HOLIDAYS_EVES_WORKING), 1);
  ck_assert_int_eq(h.official, 1);
  /* A Saturday eve is not a working day either way: nyårsafton 2022 (Saturday). */
  ck_assert_int_eq(tertial_working_day_is(date_of(2022, 12, 31), TERTIAL_HOLIDAYS_EVES_WORKING), 0);

  size_t all = 0, official = 0;
  T_OK(tertial_holidays_of_year(&all, NULL, 0, 2025, TERTIAL_HOLIDAYS_DEFAULT));
  T_OK(tertial_holidays_of_year(&official, NULL, 0, 2025, TERTIAL_HOLIDAYS_EVES_WORKING));
  ck_assert_uint_eq(all, 16);
  ck_assert_uint_eq(official, 13);
}
END_TEST

/* A leap day and the weekday function: 2024-02-29 was a Thursday, 2026-01-01 a Thursday,
 * 1900-01-01 a Monday, 2199-12-31 a Tuesday. February 2024: 1 February a Thursday, 29 days,
 * 21 weekdays, no holidays. */
START_TEST(test_weekday_and_leap)
{
  int wd = 0, n = 0;
  T_OK(tertial_holiday_weekday(&wd, date_of(2024, 2, 29)));
  ck_assert_int_eq(wd, 4);
  T_OK(tertial_holiday_weekday(&wd, date_of(2026, 1, 1)));
  ck_assert_int_eq(wd, 4);
  T_OK(tertial_holiday_weekday(&wd, date_of(1900, 1, 1)));
  ck_assert_int_eq(wd, 1);
  T_OK(tertial_holiday_weekday(&wd, date_of(2199, 12, 31)));
  ck_assert_int_eq(wd, 2);
  T_OK(tertial_working_days_in_month(&n, 2024, 2, TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_int_eq(n, 21);
  ck_assert_int_eq(tertial_working_day_is(date_of(2024, 2, 29), TERTIAL_HOLIDAYS_DEFAULT), 1);
}
END_TEST

START_TEST(test_errors)
{
  tertial_holiday h[TERTIAL_HOLIDAYS_MAX];
  size_t n = 0;
  int v = 0;
  T_ERR(tertial_holidays_of_year(&n, h, 5, 2025, TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_BUFFER);
  ck_assert_uint_eq(n, 16);
  T_ERR(tertial_holidays_of_year(&n, NULL, 5, 2025, TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_INVALID);
  T_ERR(tertial_holidays_of_year(NULL, h, TERTIAL_HOLIDAYS_MAX, 2025, TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_INVALID);
  T_ERR(tertial_holidays_of_year(&n, h, TERTIAL_HOLIDAYS_MAX, 1899, TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_RANGE);
  T_ERR(tertial_holidays_of_year(&n, h, TERTIAL_HOLIDAYS_MAX, 2200, TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_RANGE);
  T_ERR(tertial_holiday_is(NULL, date_of(2025, 2, 29), TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_RANGE);
  T_ERR(tertial_holiday_is(NULL, date_of(2025, 13, 1), TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_RANGE);
  T_ERR(tertial_holiday_is(NULL, date_of(2200, 1, 1), TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_RANGE);
  T_ERR(tertial_working_day_is(date_of(2025, 4, 31), TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_RANGE);
  T_ERR(tertial_working_days_in_month(&v, 2025, 0, TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_RANGE);
  T_ERR(tertial_working_days_in_month(&v, 1899, 12, TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_RANGE);
  T_ERR(tertial_working_days_in_month(NULL, 2025, 1, TERTIAL_HOLIDAYS_DEFAULT), TERTIAL_ERR_INVALID);
  T_ERR(tertial_holiday_weekday(&v, date_of(1899, 12, 31)), TERTIAL_ERR_RANGE);
  T_ERR(tertial_holidays_of_year(&n, h, TERTIAL_HOLIDAYS_MAX, 2025, 2u), TERTIAL_ERR_INVALID);
  T_ERR(tertial_holiday_is(NULL, date_of(2025, 1, 1), 2u), TERTIAL_ERR_INVALID);
  T_ERR(tertial_working_day_is(date_of(2025, 1, 1), 2u), TERTIAL_ERR_INVALID);
  T_ERR(tertial_working_days_in_month(&v, 2025, 1, 2u), TERTIAL_ERR_INVALID);
  T_ERR(tertial_holiday_weekday(NULL, date_of(2025, 1, 1)), TERTIAL_ERR_INVALID);
  ck_assert_str_eq(tertial_holiday_name(TERTIAL_HOLIDAY_ALL_SAINTS), "Alla helgons dag");
  ck_assert_str_eq(tertial_holiday_name((tertial_holiday_id)99), "");
  ck_assert_str_eq(tertial_holiday_name((tertial_holiday_id)-1), "");
}
END_TEST

/* Every year of the range lists its days off in date order, within the documented maximum. */
START_TEST(test_sorted_every_year)
{
  for (int y = TERTIAL_HOLIDAY_YEAR_MIN; y <= TERTIAL_HOLIDAY_YEAR_MAX; y++) {
    tertial_holiday h[TERTIAL_HOLIDAYS_MAX];
    size_t n = 0;
    T_OK(tertial_holidays_of_year(&n, h, TERTIAL_HOLIDAYS_MAX, y, TERTIAL_HOLIDAYS_DEFAULT));
    ck_assert(n >= 15 && n <= 17);
    for (size_t i = 0; i < n; i++) {
      ck_assert_int_eq(h[i].date.year, y);
      if (i > 0) {
        const tertial_date a = h[i - 1].date, b = h[i].date;
        ck_assert(a.month < b.month || (a.month == b.month && a.day <= b.day));
      }
    }
  }
}
END_TEST

static Suite *holidays_suite(void)
{
  Suite *s = suite_create("holidays");
  TCase *tc = tcase_create("oracle");
  tcase_add_test(tc, test_oracle_2020_2030);
  tcase_add_test(tc, test_working_days_against_oracle);
  suite_add_tcase(s, tc);

  tc = tcase_create("by_hand");
  tcase_add_test(tc, test_easter);
  tcase_add_test(tc, test_reform_1953);
  tcase_add_test(tc, test_national_day_2005);
  tcase_add_test(tc, test_may_day_1939);
  tcase_add_test(tc, test_shared_date);
  tcase_add_test(tc, test_easter_months);
  tcase_add_test(tc, test_eves_flag);
  tcase_add_test(tc, test_weekday_and_leap);
  suite_add_tcase(s, tc);

  tc = tcase_create("api");
  tcase_add_test(tc, test_errors);
  tcase_add_test(tc, test_sorted_every_year);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return testutil_run(holidays_suite());
}
