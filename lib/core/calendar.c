/* Fiscal years, periods (yyyymm) and follow-up calendars.
 *
 * Months are counted internally as "absolute months" (year * 12 + month - 1) so that
 * fiscal years crossing a calendar year (July–June) need no special cases. */
#include "internal.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define YEAR_MIN 1900
#define YEAR_MAX 9999
/* A fiscal year must end by December 9999 whatever its start month. */
#define FIRST_YEAR_MAX 9998
#define AFTER_MAX 24
/* Longest field quoted back in a parse error, so messages stay readable. */
#define QUOTE_MAX 40

/* ---- fiscal years and periods ------------------------------------------------------ */

static bool month_ok(int month)
{
  return month >= 1 && month <= 12;
}

static bool leap_year(int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* A fiscal-year struct filled in by hand must still satisfy tertial_fiscal_year_init(). */
static int check_fy(const tertial_fiscal_year *fy)
{
  if (!fy)
    return tertial__error(TERTIAL_ERR_INVALID, "fiscal year is NULL");
  if (fy->first_year < YEAR_MIN || fy->first_year > FIRST_YEAR_MAX || !month_ok(fy->start_month))
    return tertial__error(TERTIAL_ERR_INVALID,
                          "fiscal year is not initialised: expected first year %d..%d and "
                          "start month 1..12, got %d and %d",
                          YEAR_MIN, FIRST_YEAR_MAX, fy->first_year, fy->start_month);
  return 0;
}

static int check_index(int index)
{
  if (index < 0 || index > 11)
    return tertial__error(TERTIAL_ERR_RANGE, "expected a month index 0..11, got %d", index);
  return 0;
}

/* Calendar year and month of month @p index of a valid fiscal year. */
static void fy_month(const tertial_fiscal_year *fy, int index, int *year, int *month)
{
  int abs = fy->first_year * 12 + (fy->start_month - 1) + index;
  *year = abs / 12;
  *month = abs % 12 + 1;
}

int tertial_fiscal_year_init(tertial_fiscal_year *out, int first_year, int start_month)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "fiscal year output is NULL");
  if (first_year < YEAR_MIN || first_year > FIRST_YEAR_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "expected a first year %d..%d, got %d", YEAR_MIN,
                          FIRST_YEAR_MAX, first_year);
  if (!month_ok(start_month))
    return tertial__error(TERTIAL_ERR_RANGE, "expected a start month 1..12, got %d", start_month);
  out->first_year = first_year;
  out->start_month = start_month;
  return 0;
}

int tertial_fiscal_year_containing(tertial_fiscal_year *out, int start_month, int year, int month)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "fiscal year output is NULL");
  if (!month_ok(start_month))
    return tertial__error(TERTIAL_ERR_RANGE, "expected a start month 1..12, got %d", start_month);
  if (year < YEAR_MIN || year > YEAR_MAX || !month_ok(month))
    return tertial__error(TERTIAL_ERR_RANGE, "expected a year %d..%d and a month 1..12, got %d-%d",
                          YEAR_MIN, YEAR_MAX, year, month);
  /* Months before the start month belong to the year that began the previous calendar year. */
  int first_year = month >= start_month ? year : year - 1;
  return tertial_fiscal_year_init(out, first_year, start_month);
}

int tertial_fiscal_year_period(int *out_period, const tertial_fiscal_year *fy, int index)
{
  int rc;
  if (!out_period)
    return tertial__error(TERTIAL_ERR_INVALID, "period output is NULL");
  if ((rc = check_fy(fy)) < 0 || (rc = check_index(index)) < 0)
    return rc;
  int year, month;
  fy_month(fy, index, &year, &month);
  *out_period = year * 100 + month;
  return 0;
}

int tertial_fiscal_year_index(int *out_index, const tertial_fiscal_year *fy, int period)
{
  int rc;
  if (!out_index)
    return tertial__error(TERTIAL_ERR_INVALID, "index output is NULL");
  if ((rc = check_fy(fy)) < 0)
    return rc;
  int year = period / 100, month = period % 100;
  if (period < 0 || year < YEAR_MIN || year > YEAR_MAX || !month_ok(month))
    return tertial__error(TERTIAL_ERR_RANGE, "expected a period yyyymm (e.g. 202604), got %d",
                          period);
  int index = (year * 12 + month - 1) - (fy->first_year * 12 + fy->start_month - 1);
  if (index < 0 || index > 11) {
    int first, last;
    tertial_fiscal_year_period(&first, fy, 0);
    tertial_fiscal_year_period(&last, fy, 11);
    return tertial__error(TERTIAL_ERR_RANGE, "expected a period %d..%d of the fiscal year, got %d",
                          first, last, period);
  }
  *out_index = index;
  return 0;
}

int tertial_fiscal_year_days_in_month(int *out_days, const tertial_fiscal_year *fy, int index)
{
  int rc;
  if (!out_days)
    return tertial__error(TERTIAL_ERR_INVALID, "days output is NULL");
  if ((rc = check_fy(fy)) < 0 || (rc = check_index(index)) < 0)
    return rc;
  int year, month;
  fy_month(fy, index, &year, &month);
  return tertial_days_in_month(out_days, year, month);
}

int tertial_fiscal_year_label(char *buf, size_t size, const tertial_fiscal_year *fy)
{
  int rc;
  if (!buf)
    return tertial__error(TERTIAL_ERR_INVALID, "label buffer is NULL");
  if ((rc = check_fy(fy)) < 0)
    return rc;
  char tmp[16];
  int n;
  if (fy->start_month == 1)
    n = snprintf(tmp, sizeof tmp, "%d", fy->first_year);
  else /* two-digit second year: 1999/2000 is written "1999/00" */
    n = snprintf(tmp, sizeof tmp, "%d/%02d", fy->first_year, (fy->first_year + 1) % 100);
  if (n < 0 || (size_t)n >= size) {
    if (size > 0)
      buf[0] = '\0';
    return tertial__error(TERTIAL_ERR_BUFFER, "label needs %d bytes, buffer has %zu", n + 1, size);
  }
  memcpy(buf, tmp, (size_t)n + 1);
  return n;
}

int tertial_period_make(int *out_period, int year, int month)
{
  if (!out_period)
    return tertial__error(TERTIAL_ERR_INVALID, "period output is NULL");
  if (year < YEAR_MIN || year > YEAR_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "expected a year %d..%d, got %d", YEAR_MIN, YEAR_MAX,
                          year);
  if (!month_ok(month))
    return tertial__error(TERTIAL_ERR_RANGE, "expected a month 1..12, got %d", month);
  *out_period = year * 100 + month;
  return 0;
}

int tertial_days_in_month(int *out_days, int year, int month)
{
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (!out_days)
    return tertial__error(TERTIAL_ERR_INVALID, "days output is NULL");
  if (year < YEAR_MIN || year > YEAR_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "expected a year %d..%d, got %d", YEAR_MIN, YEAR_MAX,
                          year);
  if (!month_ok(month))
    return tertial__error(TERTIAL_ERR_RANGE, "expected a month 1..12, got %d", month);
  *out_days = days[month - 1] + (month == 2 && leap_year(year));
  return 0;
}

/* ---- follow-up calendars ----------------------------------------------------------- */

/* A point's own deadlines per organisation level, sorted by level. */
typedef struct level_list {
  tertial_level_deadline *items;
  size_t count, cap;
} level_list;

/* A point and its level deadlines; `pub` first, so that what tertial_calendar_point() lends is
 * the public struct. The code and name strings are owned by the calendar; the public struct
 * declares them const only so that borrowers cannot modify them. */
typedef struct point_rec {
  tertial_followup_point pub;
  level_list levels;
} point_rec;

struct tertial_calendar {
  int start_month;
  point_rec *points;
  size_t count;
  size_t cap;
};

static void point_clear(tertial_followup_point *p)
{
  free((void *)p->code);
  free((void *)p->name);
  p->code = p->name = NULL;
}

static void rec_clear(point_rec *r)
{
  point_clear(&r->pub);
  free(r->levels.items);
  r->levels = (level_list){NULL, 0, 0};
}

int tertial_calendar_new(tertial_calendar **out, int start_month)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "calendar output is NULL");
  *out = NULL;
  if (!month_ok(start_month))
    return tertial__error(TERTIAL_ERR_RANGE, "expected a start month 1..12, got %d", start_month);
  tertial_calendar *cal = tertial__calloc(1, sizeof *cal);
  if (!cal)
    return TERTIAL_ERR_NOMEM;
  cal->start_month = start_month;
  *out = cal;
  return 0;
}

int tertial_calendar_new_default(tertial_calendar **out, int start_month)
{
  /* The names are data: they describe a calendar-year municipality ("Januari–juni"). With
   * start_month 7 the cut-offs still count from July, and a July–June municipality renames
   * the points (remove + add, or its own calendar file). */
  static const struct {
    const char *code, *name;
    int cutoff, after, day;
  } defaults[] = {
    {"JANFEB", "Januari–februari", 2, 1, 15},
    {"T1", "Tertial 1", 4, 1, 15},
    {"JANJUN", "Januari–juni", 6, 2, 15}, /* July is the holiday month */
    {"T2", "Tertial 2 (delårsrapport)", 8, 1, 15},
    {"JANOKT", "Januari–oktober", 10, 1, 15},
    {"BOKSLUT", "Bokslut (årsredovisning)", 12, 2, 15},
  };
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "calendar output is NULL");
  *out = NULL;
  tertial_calendar *cal;
  int rc = tertial_calendar_new(&cal, start_month);
  if (rc < 0)
    return rc;
  for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
    rc = tertial_calendar_add_point(cal, defaults[i].code, defaults[i].name, defaults[i].cutoff,
                                    defaults[i].after, defaults[i].day);
    if (rc < 0) {
      tertial_calendar_free(cal);
      return rc;
    }
  }
  *out = cal;
  return 0;
}

void tertial_calendar_free(tertial_calendar *cal)
{
  if (!cal)
    return;
  for (size_t i = 0; i < cal->count; i++)
    rec_clear(&cal->points[i]);
  free(cal->points);
  free(cal);
}

int tertial_calendar_start_month(const tertial_calendar *cal)
{
  return cal ? cal->start_month : 0;
}

/* Codes are compared exactly (case-sensitive), like account and unit codes. */
static bool find_code(const tertial_calendar *cal, const char *code, size_t *out)
{
  for (size_t i = 0; i < cal->count; i++) {
    if (strcmp(cal->points[i].pub.code, code) == 0) {
      if (out)
        *out = i;
      return true;
    }
  }
  return false;
}

/* Insert an owned point after all points with the same or a smaller cut-off, which keeps
 * the order stable. The caller has ensured capacity, so this cannot fail. */
static void insert_sorted(tertial_calendar *cal, point_rec p)
{
  size_t at = cal->count;
  while (at > 0 && cal->points[at - 1].pub.cutoff > p.pub.cutoff)
    at--;
  memmove(&cal->points[at + 1], &cal->points[at], (cal->count - at) * sizeof p);
  cal->points[at] = p;
  cal->count++;
}

static int check_numbers(int cutoff, int after, int day)
{
  if (cutoff < 1 || cutoff > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "expected a cut-off 1..12, got %d", cutoff);
  if (after < 0 || after > AFTER_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "expected deadline months after 0..%d, got %d",
                          AFTER_MAX, after);
  if (day < 1 || day > 31)
    return tertial__error(TERTIAL_ERR_RANGE, "expected a deadline day 1..31, got %d", day);
  return 0;
}

int tertial_calendar_add_point(tertial_calendar *cal, const char *code, const char *name,
                               int cutoff, int deadline_months_after, int deadline_day)
{
  if (!cal || !code || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "calendar, code and name must not be NULL");
  if (!*code)
    return tertial__error(TERTIAL_ERR_INVALID, "expected a non-empty point code");
  if (!g_utf8_validate(code, -1, NULL) || !g_utf8_validate(name, -1, NULL))
    return tertial__error(TERTIAL_ERR_INVALID, "expected UTF-8 text in the point's code and name");
  int rc = check_numbers(cutoff, deadline_months_after, deadline_day);
  if (rc < 0)
    return rc;
  if (find_code(cal, code, NULL))
    return tertial__error(TERTIAL_ERR_EXISTS, "follow-up point \"%s\" already exists", code);
  rc = tertial__grow((void **)&cal->points, &cal->cap, cal->count + 1, sizeof *cal->points);
  if (rc < 0)
    return rc;
  tertial_followup_point p = {tertial__strdup(code), tertial__strdup(name), cutoff,
                              deadline_months_after, deadline_day};
  if (!p.code || !p.name) {
    point_clear(&p);
    return TERTIAL_ERR_NOMEM;
  }
  insert_sorted(cal, (point_rec){p, {NULL, 0, 0}});
  return 0;
}

int tertial_calendar_remove_point(tertial_calendar *cal, const char *code)
{
  size_t i;
  if (!cal || !code)
    return tertial__error(TERTIAL_ERR_INVALID, "calendar and code must not be NULL");
  if (!find_code(cal, code, &i))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no follow-up point \"%s\"", code);
  rec_clear(&cal->points[i]);
  memmove(&cal->points[i], &cal->points[i + 1], (cal->count - i - 1) * sizeof *cal->points);
  cal->count--;
  return 0;
}

size_t tertial_calendar_point_count(const tertial_calendar *cal)
{
  return cal ? cal->count : 0;
}

const tertial_followup_point *tertial_calendar_point(const tertial_calendar *cal, size_t index)
{
  if (!cal || index >= cal->count)
    return NULL;
  return &cal->points[index].pub;
}

int tertial_calendar_find_point(size_t *out_index, const tertial_calendar *cal, const char *code)
{
  if (!out_index || !cal || !code)
    return tertial__error(TERTIAL_ERR_INVALID, "index output, calendar and code must not be NULL");
  if (!find_code(cal, code, out_index))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no follow-up point \"%s\"", code);
  return 0;
}

/* The date `after` months after the cut-off month of point p, on `day` clamped to the month's
 * length, in the fiscal year starting in first_year. */
static int date_after_cutoff(tertial_date *out, const tertial_calendar *cal, const tertial_followup_point *p,
                             int after, int day, int first_year)
{
  tertial_fiscal_year fy;
  int rc = tertial_fiscal_year_init(&fy, first_year, cal->start_month);
  if (rc < 0)
    return rc;
  /* Absolute month of the cut-off month (cut-off 1 = the first month), then months after. */
  int abs = first_year * 12 + (cal->start_month - 1) + (p->cutoff - 1) + after;
  int year = abs / 12, month = abs % 12 + 1, days;
  if (year > YEAR_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "deadline of \"%s\" falls after year %d", p->code,
                          YEAR_MAX);
  if ((rc = tertial_days_in_month(&days, year, month)) < 0)
    return rc;
  out->year = year;
  out->month = month;
  out->day = day < days ? day : days;
  return 0;
}

int tertial_calendar_deadline(tertial_date *out, const tertial_calendar *cal, size_t index,
                              int first_year)
{
  if (!out || !cal)
    return tertial__error(TERTIAL_ERR_INVALID, "date output and calendar must not be NULL");
  if (index >= cal->count)
    return tertial__error(TERTIAL_ERR_RANGE, "expected a point index 0..%zu, got %zu",
                          cal->count ? cal->count - 1 : 0, index);
  const tertial_followup_point *p = &cal->points[index].pub;
  return date_after_cutoff(out, cal, p, p->deadline_months_after, p->deadline_day, first_year);
}

/* ---- deadlines per organisation level ----------------------------------------------- */

static int check_level(int level)
{
  if (level < 0 || level > TERTIAL_LEVEL_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "expected an organisation level 0..%d, got %d",
                          TERTIAL_LEVEL_MAX, level);
  return 0;
}

/* Where level's entry is in l, or where it would go; *found tells which. */
static size_t level_slot(const level_list *l, int level, bool *found)
{
  size_t at = 0;
  while (at < l->count && l->items[at].level < level)
    at++;
  *found = at < l->count && l->items[at].level == level;
  return at;
}

/* Set or replace level d.level in l; the caller has ensured room for one more, so this
 * cannot fail. */
static void level_put(level_list *l, tertial_level_deadline d)
{
  bool found;
  size_t at = level_slot(l, d.level, &found);
  if (!found) {
    memmove(&l->items[at + 1], &l->items[at], (l->count - at) * sizeof d);
    l->count++;
  }
  l->items[at] = d;
}

int tertial_calendar_set_level_deadline(tertial_calendar *cal, const char *code, int level,
                                        int deadline_months_after, int deadline_day)
{
  size_t i;
  if (!cal || !code)
    return tertial__error(TERTIAL_ERR_INVALID, "calendar and code must not be NULL");
  int rc = check_level(level);
  if (rc == 0)
    rc = check_numbers(1, deadline_months_after, deadline_day);
  if (rc < 0)
    return rc;
  if (!find_code(cal, code, &i))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no follow-up point \"%s\"", code);
  level_list *l = &cal->points[i].levels;
  if ((rc = tertial__grow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items)) < 0)
    return rc;
  level_put(l, (tertial_level_deadline){level, deadline_months_after, deadline_day});
  return 0;
}

int tertial_calendar_remove_level_deadline(tertial_calendar *cal, const char *code, int level)
{
  size_t i;
  bool found;
  if (!cal || !code)
    return tertial__error(TERTIAL_ERR_INVALID, "calendar and code must not be NULL");
  if (!find_code(cal, code, &i))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no follow-up point \"%s\"", code);
  level_list *l = &cal->points[i].levels;
  size_t at = level_slot(l, level, &found);
  if (!found)
    return tertial__error(TERTIAL_ERR_NOT_FOUND,
                          "follow-up point \"%s\" has no deadline of its own for level %d", code, level);
  memmove(&l->items[at], &l->items[at + 1], (l->count - at - 1) * sizeof *l->items);
  l->count--;
  return 0;
}

size_t tertial_calendar_level_deadline_count(const tertial_calendar *cal, size_t point_index)
{
  return cal && point_index < cal->count ? cal->points[point_index].levels.count : 0;
}

const tertial_level_deadline *tertial_calendar_level_deadline_at(const tertial_calendar *cal,
                                                                  size_t point_index, size_t k)
{
  if (!cal || point_index >= cal->count || k >= cal->points[point_index].levels.count)
    return NULL;
  return &cal->points[point_index].levels.items[k];
}

int tertial_calendar_level_deadline(tertial_date *out, const tertial_calendar *cal, size_t point_index,
                                    int level, int first_year)
{
  if (!out || !cal)
    return tertial__error(TERTIAL_ERR_INVALID, "date output and calendar must not be NULL");
  if (point_index >= cal->count)
    return tertial__error(TERTIAL_ERR_RANGE, "expected a point index 0..%zu, got %zu",
                          cal->count ? cal->count - 1 : 0, point_index);
  int rc = check_level(level);
  if (rc < 0)
    return rc;
  const point_rec *r = &cal->points[point_index];
  /* The list is sorted by level: the last entry at or above (<=) the level is its own or the
   * nearest above it (see the header for why above). */
  const tertial_level_deadline *own = NULL;
  for (size_t k = 0; k < r->levels.count && r->levels.items[k].level <= level; k++)
    own = &r->levels.items[k];
  if (!own)
    return date_after_cutoff(out, cal, &r->pub, r->pub.deadline_months_after, r->pub.deadline_day,
                             first_year);
  return date_after_cutoff(out, cal, &r->pub, own->deadline_months_after, own->deadline_day,
                           first_year);
}

/* ---- parsing ------------------------------------------------------------------------ */

/* A slice of the input text (not NUL-terminated). */
typedef struct slice {
  const char *p;
  size_t n;
} slice;

/* A point read from the text, owned until it is moved into the calendar. */
typedef struct pending {
  point_rec rec;
  size_t line;
} pending;

/* A level deadline read from the text; in_text: its point is one of the text's points. */
typedef struct pending_level {
  char *code;
  tertial_level_deadline d;
  size_t line;
  bool in_text;
} pending_level;

typedef struct parser {
  const char *source;
  size_t line;
  pending *items;
  size_t count;
  size_t cap;
  pending_level *levels;
  size_t nlevels;
  size_t cap_levels;
} parser;

static slice trim(slice s)
{
  while (s.n > 0 && (s.p[0] == ' ' || s.p[0] == '\t'))
    s.p++, s.n--;
  while (s.n > 0 && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t' || s.p[s.n - 1] == '\r'))
    s.n--;
  return s;
}

/* Split a line at ';' into at most max fields; returns the number of fields found. */
static size_t split_fields(slice line, slice *fields, size_t max)
{
  size_t k = 0;
  const char *start = line.p, *end = line.p + line.n;
  for (const char *c = line.p; c <= end; c++) {
    if (c == end || *c == ';') {
      if (k < max)
        fields[k] = trim((slice){start, (size_t)(c - start)});
      k++;
      start = c + 1;
    }
  }
  return k;
}

/* A small non-negative decimal number; values above 999 are reported as 999 so that
 * absurd inputs fail the range check instead of overflowing. */
static bool parse_small(slice s, int *out)
{
  if (s.n == 0)
    return false;
  int v = 0;
  for (size_t i = 0; i < s.n; i++) {
    if (!g_ascii_isdigit(s.p[i]))
      return false;
    v = v * 10 + (s.p[i] - '0');
    if (v > 999)
      v = 999;
  }
  *out = v;
  return true;
}

static int parse_error(const parser *ps, const char *what, slice got)
{
  int n = got.n > QUOTE_MAX ? QUOTE_MAX : (int)got.n;
  return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: expected %s, got \"%.*s%s\"", ps->source,
                        ps->line, what, n, got.p, got.n > QUOTE_MAX ? "..." : "");
}

static int parse_number(const parser *ps, slice s, int lo, int hi, const char *what, int *out)
{
  if (!parse_small(s, out) || *out < lo || *out > hi)
    return parse_error(ps, what, s);
  return 0;
}

static char *slice_dup(slice s)
{
  char *p = tertial__malloc(s.n + 1);
  if (p) {
    memcpy(p, s.p, s.n);
    p[s.n] = '\0';
  }
  return p;
}

/* A code already in the calendar or earlier in the same text. */
static int check_duplicate(const parser *ps, const tertial_calendar *cal, const char *code)
{
  if (find_code(cal, code, NULL))
    return tertial__error(TERTIAL_ERR_EXISTS, "%s:%zu: follow-up point \"%s\" already exists",
                          ps->source, ps->line, code);
  for (size_t i = 0; i < ps->count; i++)
    if (strcmp(ps->items[i].rec.pub.code, code) == 0)
      return tertial__error(TERTIAL_ERR_EXISTS,
                            "%s:%zu: follow-up point \"%s\" already defined on line %zu",
                            ps->source, ps->line, code, ps->items[i].line);
  return 0;
}

static int parse_code(const parser *ps, slice code)
{
  if (code.n == 0)
    return parse_error(ps, "a point code", code);
  if (!g_utf8_validate(code.p, (gssize)code.n, NULL))
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: expected a UTF-8 point code", ps->source,
                          ps->line);
  return 0;
}

/* The second field of a level-deadline line: the word "level" (what marks the line as one). */
static bool is_level_field(slice s)
{
  return s.n >= 5 && memcmp(s.p, "level", 5) == 0;
}

/* A level-deadline line `code;level N;deadline_months_after;deadline_day`, appended to the
 * pending level deadlines; its point is looked up once every line is read. */
static int parse_level_line(parser *ps, const slice f[4])
{
  int rc = parse_code(ps, f[0]);
  if (rc < 0)
    return rc;
  slice n = {f[1].p + 5, f[1].n - 5};
  tertial_level_deadline d;
  /* "level" and its number are two words */
  if (n.n == 0 || (n.p[0] != ' ' && n.p[0] != '\t'))
    return parse_error(ps, "\"level N\" with an organisation level 0..99", f[1]);
  if ((rc = parse_number(ps, trim(n), 0, TERTIAL_LEVEL_MAX, "an organisation level 0..99 after \"level\"",
                         &d.level)) < 0 ||
      (rc = parse_number(ps, f[2], 0, AFTER_MAX, "deadline months after 0..24",
                         &d.deadline_months_after)) < 0 ||
      (rc = parse_number(ps, f[3], 1, 31, "a deadline day 1..31", &d.deadline_day)) < 0)
    return rc;
  rc = tertial__grow((void **)&ps->levels, &ps->cap_levels, ps->nlevels + 1, sizeof *ps->levels);
  char *code = rc < 0 ? NULL : slice_dup(f[0]);
  if (!code)
    return TERTIAL_ERR_NOMEM;
  ps->levels[ps->nlevels++] = (pending_level){code, d, ps->line, false};
  return 0;
}

/* Validate one data line and append it to the pending points or level deadlines. */
static int parse_line(parser *ps, const tertial_calendar *cal, slice line)
{
  slice f[5];
  size_t k = split_fields(line, f, 5);
  if (k == 4 && is_level_field(f[1]))
    return parse_level_line(ps, f);
  if (k != 5)
    return tertial__error(TERTIAL_ERR_PARSE,
                          "%s:%zu: expected 5 fields "
                          "code;name;cutoff;deadline_months_after;deadline_day (or 4 for a level "
                          "deadline: code;level N;deadline_months_after;deadline_day), got %zu",
                          ps->source, ps->line, k);
  int rc = parse_code(ps, f[0]);
  if (rc < 0)
    return rc;
  if (f[1].n == 0)
    return parse_error(ps, "a point name", f[1]);
  if (!g_utf8_validate(f[1].p, (gssize)f[1].n, NULL))
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: expected a UTF-8 point name", ps->source,
                          ps->line);
  tertial_followup_point p = {NULL, NULL, 0, 0, 0};
  if ((rc = parse_number(ps, f[2], 1, 12, "a cut-off 1..12", &p.cutoff)) < 0 ||
      (rc = parse_number(ps, f[3], 0, AFTER_MAX, "deadline months after 0..24",
                         &p.deadline_months_after)) < 0 ||
      (rc = parse_number(ps, f[4], 1, 31, "a deadline day 1..31", &p.deadline_day)) < 0)
    return rc;
  if ((rc = tertial__grow((void **)&ps->items, &ps->cap, ps->count + 1, sizeof *ps->items)) < 0)
    return rc;
  p.code = slice_dup(f[0]);
  p.name = slice_dup(f[1]);
  if (!p.code || !p.name) {
    point_clear(&p);
    return TERTIAL_ERR_NOMEM;
  }
  if ((rc = check_duplicate(ps, cal, p.code)) < 0) {
    point_clear(&p);
    return rc;
  }
  ps->items[ps->count++] = (pending){{p, {NULL, 0, 0}}, ps->line};
  return 0;
}

/* Read every line into ps->items; nothing touches the calendar yet. */
static int parse_all(parser *ps, const tertial_calendar *cal, const char *text)
{
  /* Spreadsheet programs often save UTF-8 text with a byte-order mark. */
  if (strncmp(text, "\xEF\xBB\xBF", 3) == 0)
    text += 3;
  for (const char *c = text; *c;) {
    const char *nl = strchr(c, '\n');
    size_t n = nl ? (size_t)(nl - c) : strlen(c);
    slice line = trim((slice){c, n});
    ps->line++;
    if (line.n > 0 && line.p[0] != '#') {
      int rc = parse_line(ps, cal, line);
      if (rc < 0)
        return rc;
    }
    c += n + (nl ? 1 : 0);
  }
  return 0;
}

/* Find each level deadline's point, in the text or the calendar, and refuse one given twice.
 * Those of the text's points go into their pending lists; for those of the calendar's points
 * only room is made, so that the calendar itself is not changed yet. */
static int resolve_levels(parser *ps, tertial_calendar *cal)
{
  for (size_t i = 0; i < ps->nlevels; i++) {
    pending_level *pl = &ps->levels[i];
    size_t same = 0, at;
    for (size_t j = 0; j < i; j++) {
      if (strcmp(ps->levels[j].code, pl->code) != 0)
        continue;
      if (ps->levels[j].d.level == pl->d.level)
        return tertial__error(TERTIAL_ERR_EXISTS,
                              "%s:%zu: follow-up point \"%s\" already has a deadline for level %d on "
                              "line %zu",
                              ps->source, pl->line, pl->code, pl->d.level, ps->levels[j].line);
      same++;
    }
    level_list *l = NULL;
    for (size_t j = 0; !l && j < ps->count; j++)
      if (strcmp(ps->items[j].rec.pub.code, pl->code) == 0)
        l = &ps->items[j].rec.levels;
    pl->in_text = l != NULL;
    if (!l && !find_code(cal, pl->code, &at))
      return tertial__error(TERTIAL_ERR_PARSE,
                            "%s:%zu: expected the code of a follow-up point in the calendar or "
                            "this text, got \"%s\"",
                            ps->source, pl->line, pl->code);
    if (!l) {
      l = &cal->points[at].levels;
      bool found;
      level_slot(l, pl->d.level, &found);
      if (found)
        return tertial__error(TERTIAL_ERR_EXISTS,
                              "%s:%zu: follow-up point \"%s\" already has a deadline for level %d",
                              ps->source, pl->line, pl->code, pl->d.level);
    }
    /* the text's earlier lines for this point are already in l, or still to come for the
     * calendar's point */
    int rc = tertial__grow((void **)&l->items, &l->cap, l->count + (pl->in_text ? 1 : same + 1),
                           sizeof *l->items);
    if (rc < 0)
      return rc;
    if (pl->in_text)
      level_put(l, pl->d);
  }
  return 0;
}

int tertial_calendar_parse(tertial_calendar *cal, const char *text, const char *source)
{
  if (!cal || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "calendar and text must not be NULL");
  parser ps = {source ? source : "<text>", 0, NULL, 0, 0, NULL, 0, 0};
  int rc = parse_all(&ps, cal, text);
  if (rc == 0)
    rc = resolve_levels(&ps, cal);
  /* Reserve room for all points first so that moving them in cannot fail halfway. */
  if (rc == 0)
    rc = tertial__grow((void **)&cal->points, &cal->cap, cal->count + ps.count,
                       sizeof *cal->points);
  for (size_t i = 0; i < ps.nlevels; i++) {
    size_t at;
    if (rc == 0 && !ps.levels[i].in_text && find_code(cal, ps.levels[i].code, &at))
      level_put(&cal->points[at].levels, ps.levels[i].d);
    free(ps.levels[i].code);
  }
  for (size_t i = 0; i < ps.count; i++) {
    if (rc == 0)
      insert_sorted(cal, ps.items[i].rec);
    else
      rec_clear(&ps.items[i].rec);
  }
  free(ps.items);
  free(ps.levels);
  return rc;
}
