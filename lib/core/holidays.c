/* Swedish public holidays and working days. The rules and their sources are documented in
 * include/tertial/holidays.h; the years where a rule changes are named constants below. */
#include "internal.h"

/* Calendar reform in force 1953: midsommardagen and alla helgons dag became Saturdays,
 * Marie bebådelsedag moved to a Sunday. */
#define REFORM_1953 1953
/* Lag (1938:107): första maj a holiday from 1939. */
#define MAY_DAY_FROM 1939
/* Lag (2004:1320), in force 1 April 2005: nationaldagen in, annandag pingst out. */
#define NATIONAL_DAY_FROM 2005
/* Day number of a holiday that does not exist in a year (day numbers before 1970 are negative). */
#define NONE INT64_MIN

static const char *const names[] = {
  "Nyårsdagen",     "Trettondedag jul", "Jungfru Marie bebådelsedag", "Långfredagen",
  "Påskdagen",      "Annandag påsk",    "Första maj",                 "Kristi himmelsfärdsdag",
  "Pingstdagen",    "Annandag pingst",  "Sveriges nationaldag",       "Midsommarafton",
  "Midsommardagen", "Alla helgons dag", "Julafton",                   "Juldagen",
  "Annandag jul",   "Nyårsafton",
};

/* Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil). */
int64_t tertial__day_number(int year, int month, int day)
{
  int64_t y = year - (month <= 2);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The inverse of tertial__day_number() (civil_from_days). */
tertial_date tertial__date_of(int64_t z)
{
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int month = (int)(mp < 10 ? mp + 3 : mp - 9);
  return (tertial_date){(int)(yoe + era * 400 + (month <= 2)), month, (int)(doy - (153 * mp + 2) / 5 + 1)};
}

/* ISO weekday (1 Monday .. 7 Sunday) of a day number; 1970-01-01 was a Thursday. */
static int weekday_of(int64_t z)
{
  return (int)(((z + 3) % 7 + 7) % 7) + 1;
}

/* The first day with ISO weekday `wd` on or after day number z. */
static int64_t on_or_after(int64_t z, int wd)
{
  return z + (wd - weekday_of(z) + 7) % 7;
}

static bool leap(int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int month_days(int year, int month)
{
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : days[month - 1];
}

static int check_year(int year)
{
  if (year < TERTIAL_HOLIDAY_YEAR_MIN || year > TERTIAL_HOLIDAY_YEAR_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "holidays: expected a year %d..%d, got %d", TERTIAL_HOLIDAY_YEAR_MIN,
                          TERTIAL_HOLIDAY_YEAR_MAX, year);
  return 0;
}

/* Unknown bits are refused so that new flags can be added without changing old callers' results. */
static int check_flags(unsigned int flags)
{
  if (flags & ~TERTIAL_HOLIDAYS_EVES_WORKING)
    return tertial__error(TERTIAL_ERR_INVALID, "holidays: unknown flags 0x%x", flags);
  return 0;
}

static int check_date(tertial_date d, int min_year, int max_year)
{
  if (d.year < min_year || d.year > max_year)
    return tertial__error(TERTIAL_ERR_RANGE, "holidays: expected a year %d..%d, got %d", min_year, max_year, d.year);
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > month_days(d.year, d.month))
    return tertial__error(TERTIAL_ERR_RANGE, "holidays: %04d-%02d-%02d is not a valid date", d.year, d.month, d.day);
  return 0;
}

/* Easter Sunday as a day number: the anonymous Gregorian algorithm (Meeus, Jones, Butcher). */
static int64_t easter_day(int year)
{
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  return tertial__day_number(year, month, day);
}

/* Day number of each id in `year`, or NONE when the id is not a day off that year. Ids are
 * listed in the order of the enum; the caller sorts by date. */
static void days_off(int64_t when[TERTIAL_HOLIDAY_NEW_YEARS_EVE + 1], int year)
{
  int64_t easter = easter_day(year);
  bool reformed = year >= REFORM_1953;
  int64_t midsummer = reformed ? on_or_after(tertial__day_number(year, 6, 20), 6) : tertial__day_number(year, 6, 24);
  when[TERTIAL_HOLIDAY_NEW_YEARS_DAY] = tertial__day_number(year, 1, 1);
  when[TERTIAL_HOLIDAY_EPIPHANY] = tertial__day_number(year, 1, 6);
  when[TERTIAL_HOLIDAY_ANNUNCIATION] = reformed ? NONE : tertial__day_number(year, 3, 25);
  when[TERTIAL_HOLIDAY_GOOD_FRIDAY] = easter - 2;
  when[TERTIAL_HOLIDAY_EASTER_SUNDAY] = easter;
  when[TERTIAL_HOLIDAY_EASTER_MONDAY] = easter + 1;
  when[TERTIAL_HOLIDAY_MAY_DAY] = year >= MAY_DAY_FROM ? tertial__day_number(year, 5, 1) : NONE;
  when[TERTIAL_HOLIDAY_ASCENSION] = easter + 39;
  when[TERTIAL_HOLIDAY_WHIT_SUNDAY] = easter + 49;
  when[TERTIAL_HOLIDAY_WHIT_MONDAY] = year < NATIONAL_DAY_FROM ? easter + 50 : NONE;
  when[TERTIAL_HOLIDAY_NATIONAL_DAY] = year >= NATIONAL_DAY_FROM ? tertial__day_number(year, 6, 6) : NONE;
  when[TERTIAL_HOLIDAY_MIDSUMMER_EVE] = midsummer - 1;
  when[TERTIAL_HOLIDAY_MIDSUMMER_DAY] = midsummer;
  /* Before 1953 the church kept alla helgons dag on the first Sunday of November. */
  when[TERTIAL_HOLIDAY_ALL_SAINTS] = reformed ? on_or_after(tertial__day_number(year, 10, 31), 6)
                                              : on_or_after(tertial__day_number(year, 11, 1), 7);
  when[TERTIAL_HOLIDAY_CHRISTMAS_EVE] = tertial__day_number(year, 12, 24);
  when[TERTIAL_HOLIDAY_CHRISTMAS_DAY] = tertial__day_number(year, 12, 25);
  when[TERTIAL_HOLIDAY_BOXING_DAY] = tertial__day_number(year, 12, 26);
  when[TERTIAL_HOLIDAY_NEW_YEARS_EVE] = tertial__day_number(year, 12, 31);
}

static bool is_eve(int id)
{
  return id == TERTIAL_HOLIDAY_MIDSUMMER_EVE || id == TERTIAL_HOLIDAY_CHRISTMAS_EVE ||
         id == TERTIAL_HOLIDAY_NEW_YEARS_EVE;
}

/* The days off of a year sorted by date, then id (insertion sort: at most 18 entries). */
static size_t list_year(tertial_holiday out[TERTIAL_HOLIDAYS_MAX], int year, unsigned int flags)
{
  int64_t when[TERTIAL_HOLIDAY_NEW_YEARS_EVE + 1];
  int64_t keys[TERTIAL_HOLIDAYS_MAX];
  days_off(when, year);
  size_t n = 0;
  for (int id = 0; id <= TERTIAL_HOLIDAY_NEW_YEARS_EVE; id++) {
    if (when[id] == NONE || (is_eve(id) && (flags & TERTIAL_HOLIDAYS_EVES_WORKING)))
      continue;
    tertial_holiday h = {tertial__date_of(when[id]), (tertial_holiday_id)id, names[id], !is_eve(id)};
    size_t j = n++;
    for (; j > 0 && keys[j - 1] > when[id]; j--) {
      keys[j] = keys[j - 1];
      out[j] = out[j - 1];
    }
    keys[j] = when[id];
    out[j] = h;
  }
  return n;
}

int tertial_holiday_easter(tertial_date *out, int year)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_holiday_easter: out is NULL");
  int rc = check_year(year);
  if (rc < 0)
    return rc;
  *out = tertial__date_of(easter_day(year));
  return 0;
}

const char *tertial_holiday_name(tertial_holiday_id id)
{
  if ((int)id < 0 || (size_t)id >= sizeof names / sizeof names[0])
    return "";
  return names[id];
}

int tertial_holidays_of_year(size_t *out_count, tertial_holiday *out, size_t cap, int year, unsigned int flags)
{
  if (!out_count || (cap > 0 && !out))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_holidays_of_year: %s is NULL",
                          !out_count ? "out_count" : "out");
  int rc = check_year(year);
  if (rc == 0)
    rc = check_flags(flags);
  if (rc < 0)
    return rc;
  tertial_holiday all[TERTIAL_HOLIDAYS_MAX];
  size_t n = list_year(all, year, flags);
  *out_count = n;
  if (!out)
    return 0; /* a query for the count only */
  if (cap < n)
    return tertial__error(TERTIAL_ERR_BUFFER, "tertial_holidays_of_year: %d has %zu days off, the array holds %zu",
                          year, n, cap);
  for (size_t i = 0; i < n; i++)
    out[i] = all[i];
  return 0;
}

/* 1 and *out when `z` (a day number in `year`) is a day off, else 0. */
static int day_off(tertial_holiday *out, int64_t z, int year, unsigned int flags)
{
  tertial_holiday all[TERTIAL_HOLIDAYS_MAX];
  size_t n = list_year(all, year, flags);
  for (size_t i = 0; i < n; i++)
    if (tertial__day_number(all[i].date.year, all[i].date.month, all[i].date.day) == z) {
      if (out)
        *out = all[i];
      return 1;
    }
  return 0;
}

int tertial_holiday_is(tertial_holiday *out, tertial_date date, unsigned int flags)
{
  int rc = check_date(date, TERTIAL_HOLIDAY_YEAR_MIN, TERTIAL_HOLIDAY_YEAR_MAX);
  if (rc == 0)
    rc = check_flags(flags);
  if (rc < 0)
    return rc;
  return day_off(out, tertial__day_number(date.year, date.month, date.day), date.year, flags);
}

int tertial_holiday_weekday(int *out, tertial_date date)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_holiday_weekday: out is NULL");
  int rc = check_date(date, 1900, 9999);
  if (rc < 0)
    return rc;
  *out = weekday_of(tertial__day_number(date.year, date.month, date.day));
  return 0;
}

int tertial_working_day_is(tertial_date date, unsigned int flags)
{
  int rc = check_date(date, TERTIAL_HOLIDAY_YEAR_MIN, TERTIAL_HOLIDAY_YEAR_MAX);
  if (rc == 0)
    rc = check_flags(flags);
  if (rc < 0)
    return rc;
  int64_t z = tertial__day_number(date.year, date.month, date.day);
  return weekday_of(z) <= 5 && !day_off(NULL, z, date.year, flags);
}

int tertial_working_days_in_month(int *out, int year, int month, unsigned int flags)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_working_days_in_month: out is NULL");
  int rc = check_year(year);
  if (rc < 0)
    return rc;
  if (month < 1 || month > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "holidays: expected a month 1..12, got %d", month);
  rc = check_flags(flags);
  if (rc < 0)
    return rc;
  int64_t first = tertial__day_number(year, month, 1), last = first + month_days(year, month) - 1;
  int count = 0;
  for (int64_t z = first; z <= last; z++)
    count += weekday_of(z) <= 5;
  /* Subtract each weekday day off in the month once, even where two holidays share a date. */
  tertial_holiday all[TERTIAL_HOLIDAYS_MAX];
  size_t n = list_year(all, year, flags);
  int64_t previous = NONE;
  for (size_t i = 0; i < n; i++) {
    int64_t z = tertial__day_number(all[i].date.year, all[i].date.month, all[i].date.day);
    if (z >= first && z <= last && z != previous && weekday_of(z) <= 5)
      count--;
    previous = z;
  }
  *out = count;
  return 0;
}
