/**
 * @file wheel.h
 * @brief The annual wheel (årshjul) of the planning and follow-up process: processes and their
 *        activities from a municipality's template, the election-year variant, and the concrete
 *        calendar of a year in Swedish (ISO 8601) weeks with the follow-up deadlines beside it.
 *
 * A *wheel* is a template: the planning process's sub-processes (Motala: starta upp, analysera,
 * prioritera inom nämnd, prioritera och besluta kommunövergripande, planera övergripande,
 * detaljplanera) and the follow-up process's (samla in och strukturera, analysera, rapportera,
 * besluta), each with activities that have a time, a responsible role, participants, the
 * organisation level that does them, objects in and out and, for decisions, the deciding body.
 * Times are written as in the municipality's guidelines, without a year: weeks ("v48-5"), months
 * ("okt", "jan-mar"), days ("15 okt"), or "uppföljning" (at every follow-up point). A template
 * describes one *cycle* of the process, named by its *year*: the calendar year in which most of
 * it runs (the cycle of 2026 prepares the budget of 2027). A time's `year` offset places its
 * start in the year before (-1) or after (+1) the cycle's year; its end is the first such week or
 * day at or after the start, so "v48-5" with offset -1 runs from week 48 of 2025 to week 5 of
 * 2026 in the cycle of 2026.
 *
 * An activity may hold in every year, only in ordinary years, or only in election years (the
 * Swedish general elections in September: every fourth year since 1994 — 2022, 2026, 2030 —
 * and every third from 1970 to 1994). tertial_wheel_schedule() picks the variant by the year and
 * gives the dated calendar; tertial_schedule_due() answers "what is due this week for role X".
 * The text form of a template is read by tertial_wheel_parse() (docs/planning.md describes it;
 * examples/wheel/motala.csv is Motala's wheel).
 * @code
 * tertial_wheel *w;
 * tertial_schedule *s, *due;
 * tertial_date mon, sun = {2026, 6, 21};
 * tertial_wheel_load(&w, "examples/wheel/motala.csv");
 * tertial_wheel_schedule(&s, w, 2026, TERTIAL_YEAR_AUTO, NULL);  // 2026: an election year
 * tertial_iso_week_start(&mon, 2026, 25);                         // 2026-06-15
 * tertial_schedule_due(&due, s, &mon, &sun, "kommunstyrelsen", NULL);
 * // the preliminary MoR of week 25 and June's decision on the management system
 * @endcode
 */
#ifndef TERTIAL_WHEEL_H
#define TERTIAL_WHEEL_H

#include <stddef.h>

#include "calendar.h"
#include "common.h"

TERTIAL_BEGIN_DECLS

/* ---- Swedish weeks (ISO 8601) ---- */

/**
 * The number of ISO weeks of an ISO week-numbering year: 53 when 1 January is a Thursday, or a
 * Wednesday in a leap year (2020 and 2026 have 53), else 52.
 * @param year 1900..9998.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_iso_week_count(int *out, int year);

/**
 * The Monday of ISO week @p week of ISO year @p year: week 1 is the week with 4 January, so
 * week 1 of 2026 starts on Monday 29 December 2025 and week 53 of 2026 on 28 December 2026.
 * @param week 1..tertial_iso_week_count().
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_iso_week_start(tertial_date *out, int year, int week);

/**
 * The ISO year and week of a date (31 December 2024 is in week 1 of 2025).
 * @return 0, ::TERTIAL_ERR_RANGE (not a date of 1900..9998), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_iso_week_of(int *out_year, int *out_week, const tertial_date *date);

/**
 * Whether the Swedish general elections (and with them the municipal ones) are held in
 * @p year: every fourth year from 1994 (1994, 1998, ..., 2022, 2026), every third from 1970
 * to 1991.
 * @return 1 or 0.
 */
TERTIAL_API int tertial_election_year_is(int year);

/* ---- the template ---- */

/** Which process a sub-process belongs to. */
typedef enum tertial_wheel_flow {
  TERTIAL_FLOW_PLANNING = 0, /**< planeringsprocessen */
  TERTIAL_FLOW_FOLLOWUP = 1, /**< uppföljningsprocessen */
} tertial_wheel_flow;

/** In which years an activity holds. */
typedef enum tertial_wheel_variant {
  TERTIAL_VARIANT_EVERY_YEAR = 0, /**< every year */
  TERTIAL_VARIANT_ORDINARY = 1,   /**< only in years without general elections */
  TERTIAL_VARIANT_ELECTION = 2,   /**< only in election years */
} tertial_wheel_variant;

/** How a time is given. */
typedef enum tertial_when_kind {
  TERTIAL_WHEN_UNSCHEDULED = 0, /**< no time (continuous work): not in the calendar */
  TERTIAL_WHEN_WEEKS = 1,       /**< ISO weeks from_week..to_week */
  TERTIAL_WHEN_DATES = 2,       /**< days from_month/from_day..to_month/to_day (a month: its first to last day) */
  TERTIAL_WHEN_FOLLOWUP = 3,    /**< at every follow-up point: after its cut-off month until its deadline */
} tertial_when_kind;

/** A time of a template, without a year. */
typedef struct tertial_wheel_when {
  tertial_when_kind kind; /**< how it is given */
  int year;               /**< the start's year relative to the cycle's year: -1, 0 or +1 */
  int from_week;          /**< ::TERTIAL_WHEN_WEEKS: 1..53 (53 is week 52 in a year of 52 weeks) */
  int to_week;            /**< ::TERTIAL_WHEN_WEEKS: 1..53 */
  int from_month;         /**< ::TERTIAL_WHEN_DATES: 1..12 */
  int from_day;           /**< ::TERTIAL_WHEN_DATES: 1..31 (clamped to the month) */
  int to_month;           /**< ::TERTIAL_WHEN_DATES: 1..12 */
  int to_day;             /**< ::TERTIAL_WHEN_DATES: 1..31 (clamped to the month) */
} tertial_wheel_when;

/** A sub-process (delprocess) of a wheel (borrowed from it). */
typedef struct tertial_wheel_process {
  const char *name;        /**< e.g. "Starta upp" */
  tertial_wheel_flow flow; /**< planning or follow-up */
  tertial_wheel_when when; /**< its span, e.g. weeks 48-5 */
  const char *objects_in;  /**< "Objekt in", "" when none; several are separated by '|' */
  const char *objects_out; /**< "Objekt ut", "" when none */
  unsigned line;           /**< the template's line (0 when not from a text) */
} tertial_wheel_process;

/** An activity of a sub-process (borrowed from its wheel). */
typedef struct tertial_wheel_activity {
  size_t process;               /**< index of its sub-process */
  const char *name;             /**< e.g. "Besluta om Mål och Resursplan (MoR) i kommunstyrelsen" */
  tertial_wheel_when when;      /**< when it is done */
  const char *responsible;      /**< the responsible role ("Ansvarig"), "" when none */
  const char *participants;     /**< "Deltagare", "" when none */
  const char *unit;             /**< who in the organisation does it (kommun, nämnd, förvaltning, enhet ...), "" */
  const char *decided_by;       /**< the deciding body when it is a decision (e.g. "Kommunfullmäktige"), "" */
  const char *objects_in;       /**< "" when none */
  const char *objects_out;      /**< "" when none */
  tertial_wheel_variant variant; /**< in which years it holds */
  unsigned line;                /**< the template's line (0 when not from a text) */
} tertial_wheel_activity;

/** A municipality's annual wheel (opaque). */
typedef struct tertial_wheel tertial_wheel;

/**
 * Read a wheel from the text of a template: a table (';', ',' or TAB separated, the first line
 * naming the columns; lines whose first cell starts with '#' are comments). Columns, by header in
 * Swedish or English: typ/type (planering, uppföljning or aktivitet), process, aktivitet/activity,
 * när/when, år/year, ansvarig/responsible, deltagare/participants, enhet/unit, objekt in/objects
 * in, objekt ut/objects out, beslutsorgan/decided by, variant (alla, ordinarie, valår). A process
 * line comes before its activities. docs/planning.md gives the details.
 * @param out receives the wheel; free with tertial_wheel_free().
 * @param source the file's name in messages.
 * @return 0, ::TERTIAL_ERR_PARSE (the message names source:line:column, the column and what was
 *         expected), ::TERTIAL_ERR_RANGE (a size limit), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_wheel_parse(tertial_wheel **out, const char *text, size_t len, const char *source);

/**
 * Read a wheel from a template file (as tertial_wheel_parse()).
 * @return as tertial_wheel_parse(), and ::TERTIAL_ERR_IO.
 */
TERTIAL_API int tertial_wheel_load(tertial_wheel **out, const char *path);

/** Free a wheel (NULL-safe). */
TERTIAL_API void tertial_wheel_free(tertial_wheel *w);

/** Number of sub-processes (0 for NULL). */
TERTIAL_API size_t tertial_wheel_process_count(const tertial_wheel *w);

/** Sub-process @p index (borrowed from @p w), NULL if out of range. */
TERTIAL_API const tertial_wheel_process *tertial_wheel_process_at(const tertial_wheel *w, size_t index);

/** Number of activities (0 for NULL). */
TERTIAL_API size_t tertial_wheel_activity_count(const tertial_wheel *w);

/** Activity @p index in the template's order (borrowed from @p w), NULL if out of range. */
TERTIAL_API const tertial_wheel_activity *tertial_wheel_activity_at(const tertial_wheel *w, size_t index);

/* ---- the calendar of a year ---- */

/** Whether a year is taken as an election year. */
typedef enum tertial_year_kind {
  TERTIAL_YEAR_AUTO = 0,     /**< by tertial_election_year_is() */
  TERTIAL_YEAR_ORDINARY = 1, /**< an ordinary year whatever the year */
  TERTIAL_YEAR_ELECTION = 2, /**< an election year whatever the year (e.g. an extra election) */
} tertial_year_kind;

/** What an entry of a schedule is. */
typedef enum tertial_schedule_kind {
  TERTIAL_SCHEDULE_PROCESS = 0,  /**< a sub-process's span */
  TERTIAL_SCHEDULE_ACTIVITY = 1, /**< an activity */
  TERTIAL_SCHEDULE_DEADLINE = 2, /**< a follow-up point's deadline (calendar.h), or a level's own */
} tertial_schedule_kind;

/** A dated entry of a schedule (borrowed from it; its strings are the schedule's own). */
typedef struct tertial_schedule_entry {
  tertial_schedule_kind kind; /**< what it is */
  size_t index;            /**< the wheel's process or activity index; a deadline: the point's index */
  const char *process;     /**< the sub-process's name; "" for a deadline */
  const char *name;        /**< the activity's, the sub-process's or the follow-up point's name */
  const char *responsible; /**< "" when none */
  const char *participants; /**< "" when none */
  const char *unit;        /**< "" when none */
  const char *decided_by;  /**< "" when none */
  const char *point;       /**< the follow-up point's code (deadlines, follow-up activities), else "" */
  int level;               /**< a level's own deadline: the organisation level; else -1 */
  tertial_date start;      /**< first day */
  tertial_date end;        /**< last day (a week's Sunday) */
  int start_week_year;     /**< ISO year of the first day */
  int start_week;          /**< ISO week of the first day */
  int end_week_year;       /**< ISO year of the last day */
  int end_week;            /**< ISO week of the last day */
} tertial_schedule_entry;

/** A dated calendar (opaque). */
typedef struct tertial_schedule tertial_schedule;

/**
 * The calendar of one cycle of a wheel: every activity that holds in the year (by @p kind) and
 * every sub-process but those whose activities all hold only in the other kind of year, with
 * their days and weeks, and, with @p followup, the deadlines of its follow-up
 * points (and of their levels) that fall in the year @p year, from the fiscal years starting in
 * @p year − 1 and @p year, and the follow-up activities at each of those points. Entries are in
 * order of their first day, then the template's order (a sub-process before its activities),
 * deadlines after what starts on the same day. Activities without a time are left out, and so are
 * follow-up activities without @p followup.
 * @param out receives the schedule; free with tertial_schedule_free(). It does not borrow from
 *        @p w or @p followup.
 * @param year the cycle's year, 1901..9997.
 * @param followup a follow-up calendar, or NULL.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_wheel_schedule(tertial_schedule **out, const tertial_wheel *w, int year, tertial_year_kind kind,
                                       const tertial_calendar *followup);

/**
 * What is due in a period for a role or a unit: the entries of @p s that overlap @p from..@p to
 * (both days included; NULL: open) and whose responsible role or participants contain @p role, and
 * whose unit contains @p unit (case and accents as written, letter case ignored; NULL: any).
 * Sub-processes and deadlines have no role or unit, so they are kept only when both are NULL.
 * @param out receives a new schedule of the entries kept, in the same order; free with
 *        tertial_schedule_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_schedule_due(tertial_schedule **out, const tertial_schedule *s, const tertial_date *from,
                                     const tertial_date *to, const char *role, const char *unit);

/** Free a schedule (NULL-safe). */
TERTIAL_API void tertial_schedule_free(tertial_schedule *s);

/** The cycle's year of a schedule (0 for NULL). */
TERTIAL_API int tertial_schedule_year(const tertial_schedule *s);

/** 1 when the schedule is an election year's, 0 otherwise. */
TERTIAL_API int tertial_schedule_election(const tertial_schedule *s);

/** Number of entries (0 for NULL). */
TERTIAL_API size_t tertial_schedule_count(const tertial_schedule *s);

/** Entry @p index (borrowed from @p s), NULL if out of range. */
TERTIAL_API const tertial_schedule_entry *tertial_schedule_at(const tertial_schedule *s, size_t index);

TERTIAL_END_DECLS

#endif
