/* The annual wheel: Swedish weeks, election years, Motala's template, the calendar of a cycle
 * (ordinary and election years, weeks across year ends, 53-week years), follow-up deadlines,
 * what is due, and bad templates. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "failalloc_each.h"
#include "testutil.h"
#include "internal.h"

static tertial_date date(int y, int m, int d)
{
  tertial_date x = {y, m, d};
  return x;
}

#define ASSERT_DATE(got, y, m, d)                                                                          \
  do {                                                                                                     \
    tertial_date g_ = (got);                                                                               \
    ck_assert_msg(g_.year == (y) && g_.month == (m) && g_.day == (d), "got %04d-%02d-%02d, expected %04d-%02d-%02d", \
                  g_.year, g_.month, g_.day, (y), (m), (d));                                               \
  } while (0)

START_TEST(test_week_counts)
{
  /* years of 53 weeks: 1 January a Thursday, or a Wednesday in a leap year */
  const int long_years[] = {2004, 2009, 2015, 2020, 2026, 2032, 2037};
  const int short_years[] = {2016, 2021, 2024, 2025, 2027, 2100};
  int n;
  for (size_t i = 0; i < G_N_ELEMENTS(long_years); i++) {
    T_OK(tertial_iso_week_count(&n, long_years[i]));
    ck_assert_msg(n == 53, "%d has %d weeks", long_years[i], n);
  }
  for (size_t i = 0; i < G_N_ELEMENTS(short_years); i++) {
    T_OK(tertial_iso_week_count(&n, short_years[i]));
    ck_assert_msg(n == 52, "%d has %d weeks", short_years[i], n);
  }
  /* Python's date(y, 12, 28).isocalendar() finds 53 such years in 1901..2199 */
  int total = 0;
  for (int y = 1901; y < 2200; y++) {
    T_OK(tertial_iso_week_count(&n, y));
    total += n == 53;
  }
  ck_assert_int_eq(total, 53);
  T_ERR(tertial_iso_week_count(&n, 1899), TERTIAL_ERR_RANGE);
  T_ERR(tertial_iso_week_count(NULL, 2026), TERTIAL_ERR_INVALID);
}
END_TEST

START_TEST(test_week_dates)
{
  tertial_date d;
  T_OK(tertial_iso_week_start(&d, 2026, 1));
  ASSERT_DATE(d, 2025, 12, 29);
  T_OK(tertial_iso_week_start(&d, 2026, 53));
  ASSERT_DATE(d, 2026, 12, 28);
  T_OK(tertial_iso_week_start(&d, 2027, 1));
  ASSERT_DATE(d, 2027, 1, 4);
  T_OK(tertial_iso_week_start(&d, 2025, 34));
  ASSERT_DATE(d, 2025, 8, 18);
  T_OK(tertial_iso_week_start(&d, 2020, 53));
  ASSERT_DATE(d, 2020, 12, 28);
  T_ERR(tertial_iso_week_start(&d, 2025, 53), TERTIAL_ERR_RANGE);
  T_ERR(tertial_iso_week_start(&d, 2026, 54), TERTIAL_ERR_RANGE);
  T_ERR(tertial_iso_week_start(&d, 2026, 0), TERTIAL_ERR_RANGE);

  int y, w;
  const struct {
    tertial_date d;
    int year, week;
  } cases[] = {
    {{2024, 12, 31}, 2025, 1}, {{2027, 1, 1}, 2026, 53}, {{2021, 1, 3}, 2020, 53},
    {{2026, 6, 15}, 2026, 25}, {{2025, 11, 24}, 2025, 48}, {{2026, 12, 28}, 2026, 53},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    T_OK(tertial_iso_week_of(&y, &w, &cases[i].d));
    ck_assert_int_eq(y, cases[i].year);
    ck_assert_int_eq(w, cases[i].week);
  }
  tertial_date bad = {2026, 2, 29};
  T_ERR(tertial_iso_week_of(&y, &w, &bad), TERTIAL_ERR_RANGE);

  /* every day of three centuries lies in the week whose Monday is at most six days before it */
  int64_t first = tertial__day_number(1901, 1, 1), last = tertial__day_number(2199, 12, 31);
  for (int64_t day = first; day <= last; day++) {
    d = tertial__date_of(day);
    T_OK(tertial_iso_week_of(&y, &w, &d));
    tertial_date mon;
    T_OK(tertial_iso_week_start(&mon, y, w));
    int64_t m = tertial__day_number(mon.year, mon.month, mon.day);
    ck_assert_msg(m <= day && day - m < 7, "%04d-%02d-%02d: week %d of %d starts %04d-%02d-%02d", d.year, d.month,
                  d.day, w, y, mon.year, mon.month, mon.day);
    ck_assert_int_eq(((m % 7) + 7 + 3) % 7, 0); /* a Monday */
  }
}
END_TEST

START_TEST(test_election_years)
{
  const int yes[] = {1970, 1973, 1988, 1991, 1994, 1998, 2018, 2022, 2026, 2030};
  const int no[] = {1969, 1992, 1993, 1995, 2021, 2023, 2024, 2025, 2027, 2028};
  for (size_t i = 0; i < G_N_ELEMENTS(yes); i++)
    ck_assert_msg(tertial_election_year_is(yes[i]) == 1, "%d", yes[i]);
  for (size_t i = 0; i < G_N_ELEMENTS(no); i++)
    ck_assert_msg(tertial_election_year_is(no[i]) == 0, "%d", no[i]);
}
END_TEST

static tertial_wheel *motala(void)
{
  const char *root = g_getenv("TERTIAL_SOURCE_ROOT");
  char *path = g_build_filename(root ? root : TERTIAL_SOURCE_ROOT, "examples", "wheel", "motala.csv", NULL);
  tertial_wheel *w;
  T_OK(tertial_wheel_load(&w, path));
  g_free(path);
  return w;
}

static const tertial_wheel_process *process_named(const tertial_wheel *w, const char *name)
{
  for (size_t i = 0; i < tertial_wheel_process_count(w); i++)
    if (strcmp(tertial_wheel_process_at(w, i)->name, name) == 0)
      return tertial_wheel_process_at(w, i);
  return NULL;
}

/* The entry of an activity whose name begins with `name` (NULL if none). */
static const tertial_schedule_entry *entry_named(const tertial_schedule *s, const char *name)
{
  for (size_t i = 0; i < tertial_schedule_count(s); i++) {
    const tertial_schedule_entry *e = tertial_schedule_at(s, i);
    if (e->kind == TERTIAL_SCHEDULE_ACTIVITY && g_str_has_prefix(e->name, name))
      return e;
  }
  return NULL;
}

START_TEST(test_motala_template)
{
  tertial_wheel *w = motala();
  /* the six planning sub-processes with the seed's weeks */
  const struct {
    const char *name;
    int year, from, to;
  } planning[] = {
    {"Starta upp", -1, 48, 5}, {"Analysera", 0, 6, 11}, {"Prioritera inom nämnd", 0, 12, 16},
    {"Prioritera och besluta kommunövergripande", 0, 17, 46}, {"Planera övergripande", 0, 23, 42},
    {"Detaljplanera", 0, 43, 52},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(planning); i++) {
    const tertial_wheel_process *p = tertial_wheel_process_at(w, i);
    ck_assert_str_eq(p->name, planning[i].name);
    ck_assert_int_eq(p->flow, TERTIAL_FLOW_PLANNING);
    ck_assert_int_eq(p->when.kind, TERTIAL_WHEN_WEEKS);
    ck_assert_int_eq(p->when.year, planning[i].year);
    ck_assert_int_eq(p->when.from_week, planning[i].from);
    ck_assert_int_eq(p->when.to_week, planning[i].to);
  }
  /* the four follow-up sub-processes */
  const char *followup[] = {"Samla in och strukturera", "Analysera (uppföljning)", "Rapportera", "Besluta"};
  for (size_t i = 0; i < 4; i++) {
    const tertial_wheel_process *p = process_named(w, followup[i]);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(p->flow, TERTIAL_FLOW_FOLLOWUP);
  }
  ck_assert_str_eq(process_named(w, "Starta upp")->objects_in, "Beslutad process");
  ck_assert_str_eq(process_named(w, "Detaljplanera")->objects_out, "Detaljerad verksamhetsplan och budget per enhet");
  /* the decisions of weeks 25, 34, 39 (an update), 43 and 46 */
  const tertial_wheel_activity *a = NULL;
  for (size_t i = 0; i < tertial_wheel_activity_count(w); i++)
    if (strcmp(tertial_wheel_activity_at(w, i)->name, "Besluta om Finansplan i kommunfullmäktige") == 0)
      a = tertial_wheel_activity_at(w, i);
  ck_assert_ptr_nonnull(a);
  ck_assert_int_eq(a->when.from_week, 46);
  ck_assert_str_eq(a->decided_by, "Kommunfullmäktige");
  ck_assert_int_eq(a->variant, TERTIAL_VARIANT_ORDINARY);
  tertial_wheel_free(w);
}
END_TEST

START_TEST(test_ordinary_year)
{
  tertial_wheel *w = motala();
  tertial_schedule *s;
  T_OK(tertial_wheel_schedule(&s, w, 2025, TERTIAL_YEAR_AUTO, NULL));
  ck_assert_int_eq(tertial_schedule_election(s), 0);
  ck_assert_int_eq(tertial_schedule_year(s), 2025);
  const tertial_schedule_entry *e = entry_named(s, "Besluta om Mål och Resursplan (MoR) i kommunfullmäktige");
  ck_assert_ptr_nonnull(e);
  ASSERT_DATE(e->start, 2025, 8, 18);
  ASSERT_DATE(e->end, 2025, 8, 24);
  ck_assert_int_eq(e->start_week, 34);
  e = entry_named(s, "Besluta om Finansplan i kommunfullmäktige");
  ck_assert_ptr_nonnull(e);
  ASSERT_DATE(e->start, 2025, 11, 10);
  ck_assert_ptr_null(entry_named(s, "Preliminärt"));
  ck_assert_ptr_null(entry_named(s, "Definitivt"));
  ck_assert_ptr_null(entry_named(s, "Resursfördelning per nämnd"));
  /* the election year's own sub-processes are not in an ordinary year's calendar */
  for (size_t i = 0; i < tertial_schedule_count(s); i++)
    ck_assert_str_ne(tertial_schedule_at(s, i)->process, "Mål för mandatperioden");
  /* start up of the cycle 2025 runs from week 48 of 2024 to week 5 of 2025 */
  ck_assert_int_eq(tertial_schedule_at(s, 0)->kind, TERTIAL_SCHEDULE_PROCESS);
  ck_assert_str_eq(tertial_schedule_at(s, 0)->name, "Starta upp");
  ASSERT_DATE(tertial_schedule_at(s, 0)->start, 2024, 11, 25);
  ASSERT_DATE(tertial_schedule_at(s, 0)->end, 2025, 2, 2);
  ck_assert_int_eq(tertial_schedule_at(s, 0)->start_week_year, 2024);
  ck_assert_int_eq(tertial_schedule_at(s, 0)->end_week, 5);
  /* in order of the first day */
  for (size_t i = 1; i < tertial_schedule_count(s); i++) {
    tertial_date a = tertial_schedule_at(s, i - 1)->start, b = tertial_schedule_at(s, i)->start;
    ck_assert_int_le(tertial__day_number(a.year, a.month, a.day), tertial__day_number(b.year, b.month, b.day));
  }
  tertial_schedule_free(s);
  tertial_wheel_free(w);
}
END_TEST

START_TEST(test_election_year)
{
  tertial_wheel *w = motala();
  tertial_schedule *s;
  T_OK(tertial_wheel_schedule(&s, w, 2026, TERTIAL_YEAR_AUTO, NULL));
  ck_assert_int_eq(tertial_schedule_election(s), 1);
  /* the council's decision of week 34 and the finance plan are not taken */
  ck_assert_ptr_null(entry_named(s, "Besluta om Mål och Resursplan (MoR) i kommunfullmäktige"));
  ck_assert_ptr_null(entry_named(s, "Besluta om Finansplan"));
  /* week 25: only a preliminary decision in the executive committee */
  const tertial_schedule_entry *e = entry_named(s, "Preliminärt beslut om Mål och Resursplan");
  ck_assert_ptr_nonnull(e);
  ASSERT_DATE(e->start, 2026, 6, 15);
  ASSERT_DATE(e->end, 2026, 6, 21);
  ck_assert_str_eq(e->decided_by, "Kommunstyrelsen");
  /* the definitive MoR in October (executive committee) and November (council) */
  e = entry_named(s, "Definitivt beslut om Mål och Resursplan (MoR) i den nyvalda kommunstyrelsen");
  ck_assert_ptr_nonnull(e);
  ASSERT_DATE(e->start, 2026, 10, 1);
  ASSERT_DATE(e->end, 2026, 10, 31);
  e = entry_named(s, "Definitivt beslut om Mål och Resursplan (MoR) i det nyvalda kommunfullmäktige");
  ck_assert_ptr_nonnull(e);
  ASSERT_DATE(e->start, 2026, 11, 1);
  ASSERT_DATE(e->end, 2026, 11, 30);
  /* the allocation per committee in January after the election year: week 53 of 2026 */
  e = entry_named(s, "Resursfördelning per nämnd");
  ck_assert_ptr_nonnull(e);
  ASSERT_DATE(e->start, 2027, 1, 1);
  ASSERT_DATE(e->end, 2027, 1, 31);
  ck_assert_int_eq(e->start_week_year, 2026);
  ck_assert_int_eq(e->start_week, 53);
  /* detail planning v43-52 ends before week 53 of 2026 */
  e = entry_named(s, "Upprätta verksamhetsplan och budget per enhet");
  ASSERT_DATE(e->start, 2026, 10, 19);
  ASSERT_DATE(e->end, 2026, 12, 27);
  tertial_schedule_free(s);
  /* the kind overrides the year */
  T_OK(tertial_wheel_schedule(&s, w, 2025, TERTIAL_YEAR_ELECTION, NULL));
  ck_assert_ptr_nonnull(entry_named(s, "Preliminärt beslut"));
  tertial_schedule_free(s);
  T_OK(tertial_wheel_schedule(&s, w, 2026, TERTIAL_YEAR_ORDINARY, NULL));
  ck_assert_ptr_nonnull(entry_named(s, "Besluta om Finansplan i kommunfullmäktige"));
  tertial_schedule_free(s);
  T_ERR(tertial_wheel_schedule(&s, w, 2026, (tertial_year_kind)7, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_wheel_schedule(&s, w, 1900, TERTIAL_YEAR_AUTO, NULL), TERTIAL_ERR_RANGE);
  tertial_wheel_free(w);
}
END_TEST

static tertial_wheel *parse(const char *text)
{
  tertial_wheel *w;
  T_OK(tertial_wheel_parse(&w, text, strlen(text), "w.csv"));
  return w;
}

START_TEST(test_week_53_and_dates)
{
  tertial_wheel *w = parse("typ;process;aktivitet;när;år\n"
                           "planering;Bokslut;;v50-53;0\n"
                           "aktivitet;Bokslut;Årsskifte;v 52–2;0\n"
                           "aktivitet;Bokslut;Dagar;15 dec-10 jan;0\n"
                           "aktivitet;Bokslut;Hela februari;feb;+1\n"
                           "aktivitet;Bokslut;Löpande;;0\n");
  tertial_schedule *s;
  /* 2025 has 52 weeks: week 53 is its week 52 */
  T_OK(tertial_wheel_schedule(&s, w, 2025, TERTIAL_YEAR_ORDINARY, NULL));
  ck_assert_uint_eq(tertial_schedule_count(s), 4); /* the unscheduled activity is left out */
  ASSERT_DATE(tertial_schedule_at(s, 0)->start, 2025, 12, 8);
  ASSERT_DATE(tertial_schedule_at(s, 0)->end, 2025, 12, 28);
  const tertial_schedule_entry *e = entry_named(s, "Årsskifte");
  ASSERT_DATE(e->start, 2025, 12, 22);
  ASSERT_DATE(e->end, 2026, 1, 11);
  e = entry_named(s, "Dagar");
  ASSERT_DATE(e->start, 2025, 12, 15);
  ASSERT_DATE(e->end, 2026, 1, 10);
  e = entry_named(s, "Hela februari");
  ASSERT_DATE(e->start, 2026, 2, 1);
  ASSERT_DATE(e->end, 2026, 2, 28);
  tertial_schedule_free(s);
  /* 2026 has 53 weeks; February of a leap year has 29 days */
  T_OK(tertial_wheel_schedule(&s, w, 2027, TERTIAL_YEAR_ORDINARY, NULL));
  ASSERT_DATE(entry_named(s, "Hela februari")->end, 2028, 2, 29);
  tertial_schedule_free(s);
  T_OK(tertial_wheel_schedule(&s, w, 2026, TERTIAL_YEAR_ORDINARY, NULL));
  ASSERT_DATE(tertial_schedule_at(s, 0)->end, 2027, 1, 3);
  tertial_schedule_free(s);
  tertial_wheel_free(w);
}
END_TEST

START_TEST(test_followup_deadlines)
{
  tertial_wheel *w = motala();
  tertial_calendar *cal;
  T_OK(tertial_calendar_new_default(&cal, 1));
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 5, 0, 15));
  tertial_schedule *s;
  T_OK(tertial_wheel_schedule(&s, w, 2026, TERTIAL_YEAR_AUTO, cal));
  /* BOKSLUT of 2025 and JANFEB, T1, JANJUN, T2, JANOKT of 2026, and T1's deadline for units */
  const char *codes[] = {"BOKSLUT", "JANFEB", "T1", "T1", "JANJUN", "T2", "JANOKT"};
  const int months[] = {2, 3, 4, 5, 8, 9, 11};
  size_t k = 0;
  for (size_t i = 0; i < tertial_schedule_count(s); i++) {
    const tertial_schedule_entry *e = tertial_schedule_at(s, i);
    if (e->kind != TERTIAL_SCHEDULE_DEADLINE)
      continue;
    ck_assert_uint_lt(k, G_N_ELEMENTS(codes));
    ck_assert_str_eq(e->point, codes[k]);
    ASSERT_DATE(e->start, 2026, months[k], 15);
    ck_assert_int_eq(e->level, k == 2 ? 5 : -1);
    k++;
  }
  ck_assert_uint_eq(k, G_N_ELEMENTS(codes));
  /* a follow-up activity at each point: after the cut-off month until the deadline */
  size_t at_points = 0;
  for (size_t i = 0; i < tertial_schedule_count(s); i++) {
    const tertial_schedule_entry *e = tertial_schedule_at(s, i);
    if (e->kind != TERTIAL_SCHEDULE_ACTIVITY || strcmp(e->name, "Konstatera avvikelse") != 0)
      continue;
    at_points++;
    if (strcmp(e->point, "T1") == 0) {
      ASSERT_DATE(e->start, 2026, 5, 1);
      ASSERT_DATE(e->end, 2026, 5, 15);
    }
    if (strcmp(e->point, "BOKSLUT") == 0) {
      ASSERT_DATE(e->start, 2026, 1, 1);
      ASSERT_DATE(e->end, 2026, 2, 15);
    }
  }
  ck_assert_uint_eq(at_points, 6);
  tertial_schedule_free(s);
  tertial_calendar_free(cal);
  tertial_wheel_free(w);
}
END_TEST

START_TEST(test_due)
{
  tertial_wheel *w = motala();
  tertial_schedule *s, *due;
  T_OK(tertial_wheel_schedule(&s, w, 2026, TERTIAL_YEAR_AUTO, NULL));
  tertial_date mon = date(2026, 6, 15), sun = date(2026, 6, 21);
  T_OK(tertial_schedule_due(&due, s, &mon, &sun, "kommunstyrelsen", NULL));
  /* week 25: the preliminary MoR and June's decision on the management system */
  ck_assert_uint_eq(tertial_schedule_count(due), 2);
  ck_assert_ptr_nonnull(entry_named(due, "Preliminärt beslut"));
  ck_assert_ptr_nonnull(entry_named(due, "Besluta om revideringar i ledningssystemet i kommunstyrelsen"));
  tertial_schedule_free(due);
  /* letter case is ignored; participants count */
  T_OK(tertial_schedule_due(&due, s, NULL, NULL, "ENHETSCHEF", NULL));
  ck_assert_uint_eq(tertial_schedule_count(due), 1);
  ck_assert_str_eq(tertial_schedule_at(due, 0)->name, "Upprätta verksamhetsplan och budget per enhet");
  tertial_schedule_free(due);
  T_OK(tertial_schedule_due(&due, s, NULL, NULL, "controller", "förvaltning"));
  size_t n = tertial_schedule_count(due);
  ck_assert_uint_eq(n, 5); /* uppstartsmöte, bereda, riskanalys, kvalitetssäkra, startmöte */
  for (size_t i = 0; i < n; i++)
    ck_assert_str_eq(tertial_schedule_at(due, i)->unit, "förvaltning");
  tertial_schedule_free(due);
  /* a date filter alone keeps sub-processes */
  mon = date(2026, 3, 2);
  T_OK(tertial_schedule_due(&due, s, &mon, &mon, NULL, NULL));
  /* the management system's review (process, activity), analyse, and quality assurance from week 10 */
  ck_assert_uint_eq(tertial_schedule_count(due), 4);
  ck_assert_int_eq(tertial_schedule_at(due, 2)->kind, TERTIAL_SCHEDULE_PROCESS);
  ck_assert_str_eq(tertial_schedule_at(due, 2)->name, "Analysera");
  ck_assert_int_eq(tertial_schedule_at(due, 3)->start_week, 10);
  tertial_schedule_free(due);
  tertial_date bad = {2026, 13, 1};
  T_ERR(tertial_schedule_due(&due, s, &bad, NULL, NULL, NULL), TERTIAL_ERR_INVALID);
  tertial_schedule_free(s);
  tertial_wheel_free(w);
}
END_TEST

/* A template that fails with a message containing `where` and `what`. */
static void bad_template(const char *text, const char *where, const char *what)
{
  tertial_wheel *w = (tertial_wheel *)&w;
  T_ERR(tertial_wheel_parse(&w, text, strlen(text), "w.csv"), TERTIAL_ERR_PARSE);
  ck_assert_ptr_null(w);
  ck_assert_msg(strstr(tertial_error_last(), where) && strstr(tertial_error_last(), what), "'%s' lacks '%s' or '%s'",
                tertial_error_last(), where, what);
}

START_TEST(test_bad_templates)
{
  bad_template("", "w.csv", "expected a line naming the columns");
  bad_template("# only a comment\n", "w.csv", "expected a line naming the columns");
  bad_template("typ;process;aktivitet\n", "w.csv:1", "expected a column \"när\"");
  bad_template("typ;process;när;When\n", "w.csv:1:4", "a second column");
  bad_template("typ;process;aktivitet;när\nplanering;A;;v54\n", "w.csv:2:4: column \"när\"", "expected weeks");
  bad_template("typ;process;aktivitet;när\nplanering;A;;v10-x\n", "w.csv:2:4", "not 'v10-x'");
  bad_template("typ;process;aktivitet;när\nplanering;A;;32 okt\n", "w.csv:2:4", "expected weeks");
  bad_template("typ;process;aktivitet;när\nprojekt;A;;v10\n", "w.csv:2:1: column \"typ\"",
               "expected planering, uppföljning or aktivitet, not 'projekt'");
  bad_template("typ;process;aktivitet;när\n\n# c\naktivitet;A;X;v10\n", "w.csv:4:2: column \"process\"",
               "expected a process given on an earlier line, not 'A'");
  bad_template("typ;process;aktivitet;när\nplanering;A;;v10\nplanering;A;;v11\n", "w.csv:3:2", "given twice");
  bad_template("typ;process;aktivitet;när\nplanering;A;;v10\naktivitet;A;;v10\n", "w.csv:3:3",
               "expected the activity's name");
  bad_template("typ;process;aktivitet;när;år\nplanering;A;;v10;2\n", "w.csv:2:5: column \"år\"", "expected -1, 0 or +1");
  bad_template("typ;process;aktivitet;när;variant\nplanering;A;;v10;\naktivitet;A;X;v10;valåret\n",
               "w.csv:3:5: column \"variant\"", "expected alla, ordinarie or valår");
  bad_template("typ;process;aktivitet;när\nplanering;A;;uppföljning\n", "w.csv:2:4", "a process's span");
  bad_template("typ;process;aktivitet;när\nplanering;A;Något;v10\n", "w.csv:2:3: column \"aktivitet\"",
               "expected nothing on a process's line");
  bad_template("typ;process;aktivitet;när;variant\nplanering;A;;v10;valår\n", "w.csv:2:5: column \"variant\"",
               "expected nothing on a process's line");
  /* English headers and values read as well */
  tertial_wheel *w = parse("Type,Process,Activity,When,Year,Responsible,Variant\n"
                           "planning,Start,,v48-5,-1,,\n"
                           "activity,Start,Kick-off,v4,0,Director,election\n");
  ck_assert_uint_eq(tertial_wheel_activity_count(w), 1);
  ck_assert_int_eq(tertial_wheel_activity_at(w, 0)->variant, TERTIAL_VARIANT_ELECTION);
  ck_assert_uint_eq(tertial_wheel_activity_at(w, 0)->line, 3);
  tertial_wheel_free(w);
  T_ERR(tertial_wheel_load(&w, "/nonexistent/wheel.csv"), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "/nonexistent/wheel.csv"));
}
END_TEST

#if FAILALLOC
/* ---- out of memory: every allocation of loading Motala's template failing in turn ---- */

static int load_motala(void *w)
{
  const char *root = g_getenv("TERTIAL_SOURCE_ROOT");
  char path[4096];
  snprintf(path, sizeof path, "%s/examples/wheel/motala.csv", root ? root : TERTIAL_SOURCE_ROOT);
  int rc = tertial_wheel_load(w, path);
  if (rc < 0)
    ck_assert_ptr_null(*(tertial_wheel **)w);
  return rc;
}

static void drop_wheel(void *w)
{
  tertial_wheel_free(*(tertial_wheel **)w);
}

START_TEST(test_load_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial_wheel *w = NULL;
  long points = failalloc_each(load_motala, drop_wheel, &w);
  ck_assert_int_ge(points, 500); /* 545 when written: the file, the table, each process and activity */
  ck_assert_uint_eq(tertial_wheel_process_count(w), 12);
  ck_assert_uint_eq(tertial_wheel_activity_count(w), 59);
  ck_assert_str_eq(tertial_wheel_process_at(w, 5)->name, "Detaljplanera");
  ck_assert_int_eq(tertial_wheel_process_at(w, 5)->when.from_week, 43);
  tertial_wheel_free(w);
}
END_TEST
#endif

int main(void)
{
  Suite *s = suite_create("wheel");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_week_counts);
  tcase_add_test(tc, test_week_dates);
  tcase_add_test(tc, test_election_years);
  tcase_add_test(tc, test_motala_template);
  tcase_add_test(tc, test_ordinary_year);
  tcase_add_test(tc, test_election_year);
  tcase_add_test(tc, test_week_53_and_dates);
  tcase_add_test(tc, test_followup_deadlines);
  tcase_add_test(tc, test_due);
  tcase_add_test(tc, test_bad_templates);
#if FAILALLOC
  tcase_add_test(tc, test_load_out_of_memory);
#endif
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
