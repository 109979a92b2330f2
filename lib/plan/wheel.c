/* The annual wheel: the template (processes, activities), Swedish weeks, and the dated calendar
 * of a cycle (wheel.h). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "casefold.h"
#include "internal.h"
#include "plan_internal.h"

#define YEAR_MIN 1900
#define YEAR_MAX 9998

/* ---- dates and ISO weeks ---- */

/* 0 = Monday .. 6 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(int64_t days)
{
  return (int)(((days % 7) + 7 + 3) % 7);
}

/* The Monday of week 1 of an ISO year: the week with 4 January. */
static int64_t week1_monday(int year)
{
  int64_t jan4 = tertial__day_number(year, 1, 4);
  return jan4 - weekday(jan4);
}

static int weeks_in(int year)
{
  return (int)((week1_monday(year + 1) - week1_monday(year)) / 7);
}

int tertial_iso_week_count(int *out, int year)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_iso_week_count: out is NULL");
  if (year < YEAR_MIN || year > YEAR_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "year %d out of range (%d..%d)", year, YEAR_MIN, YEAR_MAX);
  *out = weeks_in(year);
  return 0;
}

int tertial_iso_week_start(tertial_date *out, int year, int week)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_iso_week_start: out is NULL");
  if (year < YEAR_MIN || year > YEAR_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "year %d out of range (%d..%d)", year, YEAR_MIN, YEAR_MAX);
  int n = weeks_in(year);
  if (week < 1 || week > n)
    return tertial__error(TERTIAL_ERR_RANGE, "week %d out of range (%d has weeks 1..%d)", week, year, n);
  *out = tertial__date_of(week1_monday(year) + 7 * (week - 1));
  return 0;
}

static int valid_date(const tertial_date *d)
{
  int dim;
  return d->year >= YEAR_MIN && d->year <= YEAR_MAX && tertial_days_in_month(&dim, d->year, d->month) == 0 &&
         d->day >= 1 && d->day <= dim;
}

/* The ISO year and week of a day number. */
static void week_of_days(int *year, int *week, int64_t days, int calendar_year)
{
  int y = calendar_year;
  if (days < week1_monday(y))
    y--;
  else if (days >= week1_monday(y + 1))
    y++;
  *year = y;
  *week = (int)((days - week1_monday(y)) / 7 + 1);
}

int tertial_iso_week_of(int *out_year, int *out_week, const tertial_date *date)
{
  if (!out_year || !out_week || !date)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_iso_week_of: NULL argument");
  if (!valid_date(date))
    return tertial__error(TERTIAL_ERR_RANGE, "%04d-%02d-%02d is not a date of %d..%d", date->year, date->month,
                          date->day, YEAR_MIN, YEAR_MAX);
  week_of_days(out_year, out_week, tertial__day_number(date->year, date->month, date->day), date->year);
  return 0;
}

int tertial_election_year_is(int year)
{
  if (year >= 1994)
    return year % 4 == 2;
  return year >= 1970 && (year - 1970) % 3 == 0;
}

/* ---- the template ---- */

/* Items carry their place in the template so the calendar keeps its order on a day. */
typedef struct process_item {
  tertial_wheel_process pub;
  size_t seq;
} process_item;

typedef struct activity_item {
  tertial_wheel_activity pub;
  size_t seq;
} activity_item;

struct tertial_wheel {
  process_item *processes;
  size_t nprocesses, cap_processes;
  activity_item *activities;
  size_t nactivities, cap_activities;
  size_t seq;
};

int tertial__wheel_new(tertial_wheel **out)
{
  *out = tertial__calloc(1, sizeof **out);
  return *out ? 0 : tertial__nomem("a wheel");
}

void tertial__strs_free(const char **s[], size_t n)
{
  for (size_t i = 0; i < n; i++)
    free((char *)*s[i]);
}

void tertial_wheel_free(tertial_wheel *w)
{
  if (!w)
    return;
  for (size_t i = 0; i < w->nprocesses; i++) {
    tertial_wheel_process *p = &w->processes[i].pub;
    const char **s[] = {&p->name, &p->objects_in, &p->objects_out};
    tertial__strs_free(s, 3);
  }
  for (size_t i = 0; i < w->nactivities; i++) {
    tertial_wheel_activity *a = &w->activities[i].pub;
    const char **s[] = {&a->name, &a->responsible, &a->participants, &a->unit, &a->decided_by, &a->objects_in,
                        &a->objects_out};
    tertial__strs_free(s, 7);
  }
  free(w->processes);
  free(w->activities);
  free(w);
}

int tertial__strs_copy(const char **s[], size_t n)
{
  for (size_t i = 0; i < n; i++) {
    char *c = tertial__strdup(*s[i] ? *s[i] : "");
    if (!c) {
      tertial__strs_free(s, i);
      return TERTIAL_ERR_NOMEM;
    }
    *s[i] = c;
  }
  return 0;
}

int tertial__records_add(void **items, size_t *n, size_t *cap, size_t size, const void *record,
                         tertial__texts_fn texts, size_t ntexts)
{
  if (tertial__grow(items, cap, *n + 1, size) < 0)
    return TERTIAL_ERR_NOMEM;
  void *slot = (char *)*items + *n * size;
  memcpy(slot, record, size);
  const char **s[16];
  texts(slot, s);
  if (tertial__strs_copy(s, ntexts) < 0)
    return TERTIAL_ERR_NOMEM;
  (*n)++;
  return 0;
}

void tertial__records_truncate(void *items, size_t *n, size_t keep, size_t size, tertial__texts_fn texts,
                               size_t ntexts)
{
  while (*n > keep) {
    const char **s[16];
    texts((char *)items + --*n * size, s);
    tertial__strs_free(s, ntexts);
  }
}

int tertial__same_name(const char *a, const char *b)
{
  return tertial__casefold_equal(a ? a : "", b ? b : "");
}

int tertial__wheel_add_process(tertial_wheel *w, const tertial_wheel_process *p)
{
  if (tertial__grow((void **)&w->processes, &w->cap_processes, w->nprocesses + 1, sizeof *w->processes) < 0)
    return TERTIAL_ERR_NOMEM;
  process_item *it = &w->processes[w->nprocesses];
  it->pub = *p;
  it->seq = w->seq;
  const char **s[] = {&it->pub.name, &it->pub.objects_in, &it->pub.objects_out};
  int rc = tertial__strs_copy(s, 3);
  if (rc < 0)
    return rc;
  w->nprocesses++;
  w->seq++;
  return 0;
}

int tertial__wheel_add_activity(tertial_wheel *w, const tertial_wheel_activity *a)
{
  if (a->process >= w->nprocesses)
    return tertial__error(TERTIAL_ERR_INVALID, "an activity of process %zu, which the wheel does not have", a->process);
  if (tertial__grow((void **)&w->activities, &w->cap_activities, w->nactivities + 1, sizeof *w->activities) < 0)
    return TERTIAL_ERR_NOMEM;
  activity_item *it = &w->activities[w->nactivities];
  it->pub = *a;
  it->seq = w->seq;
  tertial_wheel_activity *c = &it->pub;
  const char **s[] = {&c->name, &c->responsible, &c->participants, &c->unit, &c->decided_by, &c->objects_in,
                      &c->objects_out};
  int rc = tertial__strs_copy(s, 7);
  if (rc < 0)
    return rc;
  w->nactivities++;
  w->seq++;
  return 0;
}

size_t tertial__wheel_order(const tertial_wheel *w, int activity, size_t index)
{
  return activity ? w->activities[index].seq : w->processes[index].seq;
}

size_t tertial_wheel_process_count(const tertial_wheel *w)
{
  return w ? w->nprocesses : 0;
}

const tertial_wheel_process *tertial_wheel_process_at(const tertial_wheel *w, size_t index)
{
  return w && index < w->nprocesses ? &w->processes[index].pub : NULL;
}

size_t tertial_wheel_activity_count(const tertial_wheel *w)
{
  return w ? w->nactivities : 0;
}

const tertial_wheel_activity *tertial_wheel_activity_at(const tertial_wheel *w, size_t index)
{
  return w && index < w->nactivities ? &w->activities[index].pub : NULL;
}

/* ---- the schedule ---- */

enum { NSTR = 7 }; /* process, name, responsible, participants, unit, decided_by, point */

typedef struct entry {
  tertial_schedule_entry pub;
  size_t seq;
  char *text; /* the entry's strings, each NUL-terminated, one after the other */
  size_t text_len;
} entry;

struct tertial_schedule {
  int year, election;
  entry *entries;
  size_t n, cap;
};

void tertial_schedule_free(tertial_schedule *s)
{
  if (!s)
    return;
  for (size_t i = 0; i < s->n; i++)
    free(s->entries[i].text);
  free(s->entries);
  free(s);
}

static const char **entry_strings(tertial_schedule_entry *e, const char **s[NSTR])
{
  s[0] = &e->process;
  s[1] = &e->name;
  s[2] = &e->responsible;
  s[3] = &e->participants;
  s[4] = &e->unit;
  s[5] = &e->decided_by;
  s[6] = &e->point;
  return *s;
}

/* Point the entry's strings into its text block. */
static void point_strings(entry *e)
{
  const char **s[NSTR];
  entry_strings(&e->pub, s);
  const char *p = e->text;
  for (size_t i = 0; i < NSTR; i++) {
    *s[i] = p;
    p += strlen(p) + 1;
  }
}

/* Append an entry, copying its strings (NULL is "") into one block of its own. */
static int push(tertial_schedule *s, const tertial_schedule_entry *pub, size_t seq)
{
  tertial_strbuf sb = {0};
  tertial_schedule_entry copy = *pub;
  const char **str[NSTR];
  entry_strings(&copy, str);
  for (size_t i = 0; i < NSTR; i++)
    if (tertial__sb_append_len(&sb, *str[i] ? *str[i] : "", (*str[i] ? strlen(*str[i]) : 0) + 1) < 0) {
      tertial__sb_clear(&sb);
      return TERTIAL_ERR_NOMEM;
    }
  if (tertial__grow((void **)&s->entries, &s->cap, s->n + 1, sizeof *s->entries) < 0) {
    tertial__sb_clear(&sb);
    return TERTIAL_ERR_NOMEM;
  }
  entry *e = &s->entries[s->n++];
  e->pub = copy;
  e->seq = seq;
  e->text_len = sb.len;
  e->text = tertial__sb_steal(&sb);
  point_strings(e);
  return 0;
}

static int clamp_day(int year, int month, int day)
{
  int dim = 31;
  tertial_days_in_month(&dim, year, month);
  return day > dim ? dim : day;
}

/* The first and last day of a time in the cycle of `year`. */
static void resolve(int64_t *first, int64_t *last, const tertial_wheel_when *w, int year)
{
  int sy = year + w->year;
  if (w->kind == TERTIAL_WHEN_WEEKS) {
    int ey = w->to_week >= w->from_week ? sy : sy + 1;
    int sw = w->from_week > weeks_in(sy) ? weeks_in(sy) : w->from_week;
    int ew = w->to_week > weeks_in(ey) ? weeks_in(ey) : w->to_week;
    *first = week1_monday(sy) + 7 * (sw - 1);
    *last = week1_monday(ey) + 7 * (ew - 1) + 6;
    return;
  }
  int ey = (w->to_month > w->from_month || (w->to_month == w->from_month && w->to_day >= w->from_day)) ? sy : sy + 1;
  *first = tertial__day_number(sy, w->from_month, clamp_day(sy, w->from_month, w->from_day));
  *last = tertial__day_number(ey, w->to_month, clamp_day(ey, w->to_month, w->to_day));
}

static void set_days(tertial_schedule_entry *e, int64_t first, int64_t last)
{
  e->start = tertial__date_of(first);
  e->end = tertial__date_of(last);
  week_of_days(&e->start_week_year, &e->start_week, first, e->start.year);
  week_of_days(&e->end_week_year, &e->end_week, last, e->end.year);
}

static int64_t date_days(const tertial_date *d)
{
  return tertial__day_number(d->year, d->month, d->day);
}

static int holds(tertial_wheel_variant v, int election)
{
  return v == TERTIAL_VARIANT_EVERY_YEAR || (v == TERTIAL_VARIANT_ELECTION) == (election != 0);
}

/* A follow-up point of the fiscal year starting in `first`: its deadline and the first day after
 * its cut-off month. Returns 0 or an error. */
static int point_days(int64_t *after_cutoff, int64_t *deadline, const tertial_calendar *cal, size_t i, int first)
{
  tertial_fiscal_year fy;
  tertial_date d;
  int period, rc;
  const tertial_followup_point *p = tertial_calendar_point(cal, i);
  if ((rc = tertial_fiscal_year_init(&fy, first, tertial_calendar_start_month(cal))) < 0 ||
      (rc = tertial_fiscal_year_period(&period, &fy, p->cutoff - 1)) < 0 ||
      (rc = tertial_calendar_deadline(&d, cal, i, first)) < 0)
    return rc;
  int y = period / 100, m = period % 100;
  *after_cutoff = tertial__day_number(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);
  *deadline = date_days(&d);
  return 0;
}

/* The deadlines of the points (and their levels) that fall in `year`, and the follow-up
 * activities at those points. */
static int add_followup(tertial_schedule *s, const tertial_wheel *w, const tertial_calendar *cal, int year)
{
  size_t dseq = (size_t)-1 / 2;
  for (int first = year - 1; first <= year; first++)
    for (size_t i = 0; i < tertial_calendar_point_count(cal); i++) {
      const tertial_followup_point *p = tertial_calendar_point(cal, i);
      int64_t after, deadline;
      int rc = point_days(&after, &deadline, cal, i, first);
      if (rc < 0)
        return rc;
      tertial_date d;
      d = tertial__date_of(deadline);
      if (d.year != year)
        continue;
      tertial_schedule_entry e = {TERTIAL_SCHEDULE_DEADLINE, i, "", p->name, "", "", "", "", p->code, -1, {0, 0, 0},
                                  {0, 0, 0}, 0, 0, 0, 0};
      set_days(&e, deadline, deadline);
      if ((rc = push(s, &e, dseq++)) < 0)
        return rc;
      for (size_t k = 0; k < tertial_calendar_level_deadline_count(cal, i); k++) {
        e.level = tertial_calendar_level_deadline_at(cal, i, k)->level;
        if ((rc = tertial_calendar_level_deadline(&d, cal, i, e.level, first)) < 0)
          return rc;
        set_days(&e, date_days(&d), date_days(&d));
        if ((rc = push(s, &e, dseq++)) < 0)
          return rc;
      }
      for (size_t a = 0; a < w->nactivities; a++) {
        const tertial_wheel_activity *x = &w->activities[a].pub;
        if (x->when.kind != TERTIAL_WHEN_FOLLOWUP || !holds(x->variant, s->election))
          continue;
        tertial_schedule_entry f = {TERTIAL_SCHEDULE_ACTIVITY, a, w->processes[x->process].pub.name, x->name,
                                    x->responsible, x->participants, x->unit, x->decided_by, p->code, -1,
                                    {0, 0, 0}, {0, 0, 0}, 0, 0, 0, 0};
        set_days(&f, after, deadline);
        if ((rc = push(s, &f, w->activities[a].seq)) < 0)
          return rc;
      }
    }
  return 0;
}

static int by_start(const void *a, const void *b)
{
  const entry *x = a, *y = b;
  int64_t dx = date_days(&x->pub.start), dy = date_days(&y->pub.start);
  if (dx != dy)
    return dx < dy ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int dated(tertial_when_kind k)
{
  return k == TERTIAL_WHEN_WEEKS || k == TERTIAL_WHEN_DATES;
}

/* A sub-process is in the year's calendar unless all its activities are of the other variant. */
static int process_holds(const tertial_wheel *w, size_t process, int election)
{
  int any = 0;
  for (size_t i = 0; i < w->nactivities; i++)
    if (w->activities[i].pub.process == process) {
      if (holds(w->activities[i].pub.variant, election))
        return 1;
      any = 1;
    }
  return !any;
}

static int schedule_items(tertial_schedule *s, const tertial_wheel *w)
{
  int64_t first, last;
  int rc;
  for (size_t i = 0; i < w->nprocesses; i++) {
    const tertial_wheel_process *p = &w->processes[i].pub;
    if (!dated(p->when.kind) || !process_holds(w, i, s->election))
      continue;
    tertial_schedule_entry e = {TERTIAL_SCHEDULE_PROCESS, i, p->name, p->name, "", "", "", "", "", -1,
                                {0, 0, 0}, {0, 0, 0}, 0, 0, 0, 0};
    resolve(&first, &last, &p->when, s->year);
    set_days(&e, first, last);
    if ((rc = push(s, &e, w->processes[i].seq)) < 0)
      return rc;
  }
  for (size_t i = 0; i < w->nactivities; i++) {
    const tertial_wheel_activity *a = &w->activities[i].pub;
    if (!dated(a->when.kind) || !holds(a->variant, s->election))
      continue;
    tertial_schedule_entry e = {TERTIAL_SCHEDULE_ACTIVITY, i, w->processes[a->process].pub.name, a->name,
                                a->responsible, a->participants, a->unit, a->decided_by, "", -1,
                                {0, 0, 0}, {0, 0, 0}, 0, 0, 0, 0};
    resolve(&first, &last, &a->when, s->year);
    set_days(&e, first, last);
    if ((rc = push(s, &e, w->activities[i].seq)) < 0)
      return rc;
  }
  return 0;
}

int tertial_wheel_schedule(tertial_schedule **out, const tertial_wheel *w, int year, tertial_year_kind kind,
                           const tertial_calendar *followup)
{
  if (!out || !w)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_wheel_schedule: NULL argument");
  *out = NULL;
  if (kind != TERTIAL_YEAR_AUTO && kind != TERTIAL_YEAR_ORDINARY && kind != TERTIAL_YEAR_ELECTION)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_wheel_schedule: unknown year kind %d", (int)kind);
  /* offsets of -1 and +1 and ends in the next year stay within 1900..9998 */
  if (year < YEAR_MIN + 1 || year > YEAR_MAX - 1)
    return tertial__error(TERTIAL_ERR_RANGE, "year %d out of range (%d..%d)", year, YEAR_MIN + 1, YEAR_MAX - 1);
  tertial_schedule *s = tertial__calloc(1, sizeof *s);
  if (!s)
    return tertial__nomem("a schedule");
  s->year = year;
  s->election = kind == TERTIAL_YEAR_AUTO ? tertial_election_year_is(year) : kind == TERTIAL_YEAR_ELECTION;
  int rc = schedule_items(s, w);
  if (rc == 0 && followup)
    rc = add_followup(s, w, followup, year);
  if (rc < 0) {
    tertial_schedule_free(s);
    return rc;
  }
  if (s->n > 1)
    qsort(s->entries, s->n, sizeof *s->entries, by_start);
  *out = s;
  return 0;
}

static int matches(const tertial_schedule_entry *e, const tertial_date *from, const tertial_date *to, const char *role,
                   const char *unit)
{
  if ((from && date_days(&e->end) < date_days(from)) || (to && date_days(&e->start) > date_days(to)))
    return 0;
  if (role && !tertial__casefold_contains(e->responsible, role) && !tertial__casefold_contains(e->participants, role))
    return 0;
  return !unit || tertial__casefold_contains(e->unit, unit); /* letter case ignored */
}

int tertial_schedule_due(tertial_schedule **out, const tertial_schedule *s, const tertial_date *from,
                         const tertial_date *to, const char *role, const char *unit)
{
  if (!out || !s)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_schedule_due: NULL argument");
  *out = NULL;
  if ((from && !valid_date(from)) || (to && !valid_date(to)))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_schedule_due: not a date");
  tertial_schedule *d = tertial__calloc(1, sizeof *d);
  if (!d)
    return tertial__nomem("a schedule");
  d->year = s->year;
  d->election = s->election;
  for (size_t i = 0; i < s->n; i++) {
    const entry *e = &s->entries[i];
    if (!matches(&e->pub, from, to, role, unit))
      continue;
    char *text = tertial__malloc(e->text_len);
    if (!text || tertial__grow((void **)&d->entries, &d->cap, d->n + 1, sizeof *d->entries) < 0) {
      free(text);
      tertial_schedule_free(d);
      return TERTIAL_ERR_NOMEM;
    }
    memcpy(text, e->text, e->text_len);
    entry *c = &d->entries[d->n++];
    *c = *e;
    c->text = text;
    point_strings(c);
  }
  *out = d;
  return 0;
}

int tertial_schedule_year(const tertial_schedule *s)
{
  return s ? s->year : 0;
}

int tertial_schedule_election(const tertial_schedule *s)
{
  return s ? s->election : 0;
}

size_t tertial_schedule_count(const tertial_schedule *s)
{
  return s ? s->n : 0;
}

const tertial_schedule_entry *tertial_schedule_at(const tertial_schedule *s, size_t index)
{
  return s && index < s->n ? &s->entries[index].pub : NULL;
}
