/* Tests of fiscal years, periods and follow-up calendars. Expectations are computed by hand. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

/* Assert the last error message mentions a fragment (messages carry file:line context). */
#define T_MSG(fragment)                                                               \
  ck_assert_msg(strstr(tertial_error_last(), (fragment)) != NULL,                     \
                "message \"%s\" lacks \"%s\"", tertial_error_last(), (fragment))

static void assert_date(tertial_date d, int year, int month, int day)
{
  ck_assert_msg(d.year == year && d.month == month && d.day == day,
                "got %04d-%02d-%02d, expected %04d-%02d-%02d", d.year, d.month, d.day, year,
                month, day);
}

/* Deadline of the point with @p code in the fiscal year starting in first_year. */
static tertial_date deadline_of(const tertial_calendar *cal, const char *code, int first_year)
{
  size_t i = 0;
  tertial_date d = {0, 0, 0};
  T_OK(tertial_calendar_find_point(&i, cal, code));
  T_OK(tertial_calendar_deadline(&d, cal, i, first_year));
  return d;
}

/* ---- fiscal years ------------------------------------------------------------------ */

START_TEST(test_init)
{
  tertial_fiscal_year fy;
  T_OK(tertial_fiscal_year_init(&fy, 2026, 1));
  ck_assert_int_eq(fy.first_year, 2026);
  ck_assert_int_eq(fy.start_month, 1);
  T_OK(tertial_fiscal_year_init(&fy, 1900, 12));
  T_OK(tertial_fiscal_year_init(&fy, 9998, 7));
  T_ERR(tertial_fiscal_year_init(&fy, 1899, 1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_fiscal_year_init(&fy, 9999, 1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_fiscal_year_init(&fy, 2026, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_fiscal_year_init(&fy, 2026, 13), TERTIAL_ERR_RANGE);
  T_MSG("start month 1..12");
  T_ERR(tertial_fiscal_year_init(NULL, 2026, 1), TERTIAL_ERR_INVALID);
}
END_TEST

START_TEST(test_july_june_year)
{
  tertial_fiscal_year fy;
  int period = 0, index = -1;
  T_OK(tertial_fiscal_year_init(&fy, 2025, 7));
  T_OK(tertial_fiscal_year_period(&period, &fy, 0));
  ck_assert_int_eq(period, 202507);
  T_OK(tertial_fiscal_year_period(&period, &fy, 5));
  ck_assert_int_eq(period, 202512);
  T_OK(tertial_fiscal_year_period(&period, &fy, 6));
  ck_assert_int_eq(period, 202601);
  T_OK(tertial_fiscal_year_period(&period, &fy, 11));
  ck_assert_int_eq(period, 202606);
  T_OK(tertial_fiscal_year_index(&index, &fy, 202606));
  ck_assert_int_eq(index, 11);
  T_OK(tertial_fiscal_year_index(&index, &fy, 202507));
  ck_assert_int_eq(index, 0);
  T_OK(tertial_fiscal_year_index(&index, &fy, 202601));
  ck_assert_int_eq(index, 6);
  T_ERR(tertial_fiscal_year_index(&index, &fy, 202607), TERTIAL_ERR_RANGE);
  T_MSG("202507..202606");
  T_ERR(tertial_fiscal_year_index(&index, &fy, 202506), TERTIAL_ERR_RANGE);
  T_ERR(tertial_fiscal_year_period(&period, &fy, 12), TERTIAL_ERR_RANGE);
  T_ERR(tertial_fiscal_year_period(&period, &fy, -1), TERTIAL_ERR_RANGE);
}
END_TEST

START_TEST(test_calendar_year)
{
  tertial_fiscal_year fy;
  int period = 0, index = -1;
  T_OK(tertial_fiscal_year_init(&fy, 2026, 1));
  T_OK(tertial_fiscal_year_period(&period, &fy, 3));
  ck_assert_int_eq(period, 202604);
  T_OK(tertial_fiscal_year_index(&index, &fy, 202612));
  ck_assert_int_eq(index, 11);
  T_ERR(tertial_fiscal_year_index(&index, &fy, 202701), TERTIAL_ERR_RANGE);
  T_ERR(tertial_fiscal_year_index(&index, &fy, 202513), TERTIAL_ERR_RANGE);
  T_ERR(tertial_fiscal_year_index(&index, &fy, 202600), TERTIAL_ERR_RANGE);
  T_MSG("yyyymm");
  T_ERR(tertial_fiscal_year_index(&index, &fy, -202604), TERTIAL_ERR_RANGE);
  /* A year starting in December runs into the next calendar year from index 1. */
  T_OK(tertial_fiscal_year_init(&fy, 2025, 12));
  T_OK(tertial_fiscal_year_period(&period, &fy, 1));
  ck_assert_int_eq(period, 202601);
}
END_TEST

START_TEST(test_invalid_fiscal_year)
{
  tertial_fiscal_year bad = {2026, 13};
  int v;
  char buf[16];
  T_ERR(tertial_fiscal_year_period(&v, &bad, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_fiscal_year_index(&v, &bad, 202601), TERTIAL_ERR_INVALID);
  T_ERR(tertial_fiscal_year_days_in_month(&v, &bad, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_fiscal_year_label(buf, sizeof buf, &bad), TERTIAL_ERR_INVALID);
  T_ERR(tertial_fiscal_year_period(&v, NULL, 0), TERTIAL_ERR_INVALID);
  tertial_fiscal_year fy = {2026, 1};
  T_ERR(tertial_fiscal_year_period(NULL, &fy, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_fiscal_year_index(NULL, &fy, 202601), TERTIAL_ERR_INVALID);
  T_ERR(tertial_fiscal_year_days_in_month(NULL, &fy, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_fiscal_year_label(NULL, 16, &fy), TERTIAL_ERR_INVALID);
}
END_TEST

START_TEST(test_containing)
{
  tertial_fiscal_year fy;
  T_OK(tertial_fiscal_year_containing(&fy, 7, 2026, 3));
  ck_assert_int_eq(fy.first_year, 2025);
  ck_assert_int_eq(fy.start_month, 7);
  T_OK(tertial_fiscal_year_containing(&fy, 7, 2026, 7));
  ck_assert_int_eq(fy.first_year, 2026);
  T_OK(tertial_fiscal_year_containing(&fy, 7, 2026, 6));
  ck_assert_int_eq(fy.first_year, 2025);
  T_OK(tertial_fiscal_year_containing(&fy, 1, 2026, 12));
  ck_assert_int_eq(fy.first_year, 2026);
  T_OK(tertial_fiscal_year_containing(&fy, 1, 2026, 1));
  ck_assert_int_eq(fy.first_year, 2026);
  T_ERR(tertial_fiscal_year_containing(&fy, 0, 2026, 1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_fiscal_year_containing(&fy, 7, 2026, 13), TERTIAL_ERR_RANGE);
  T_ERR(tertial_fiscal_year_containing(&fy, 7, 1900, 3), TERTIAL_ERR_RANGE); /* 1899/00 */
  T_ERR(tertial_fiscal_year_containing(NULL, 7, 2026, 3), TERTIAL_ERR_INVALID);
}
END_TEST

START_TEST(test_labels)
{
  tertial_fiscal_year fy;
  char buf[16];
  T_OK(tertial_fiscal_year_init(&fy, 2026, 1));
  ck_assert_int_eq(tertial_fiscal_year_label(buf, sizeof buf, &fy), 4);
  ck_assert_str_eq(buf, "2026");
  T_OK(tertial_fiscal_year_init(&fy, 2025, 7));
  ck_assert_int_eq(tertial_fiscal_year_label(buf, sizeof buf, &fy), 7);
  ck_assert_str_eq(buf, "2025/26");
  T_OK(tertial_fiscal_year_init(&fy, 1999, 7));
  ck_assert_int_eq(tertial_fiscal_year_label(buf, sizeof buf, &fy), 7);
  ck_assert_str_eq(buf, "1999/00");
  T_OK(tertial_fiscal_year_init(&fy, 2009, 9));
  tertial_fiscal_year_label(buf, sizeof buf, &fy);
  ck_assert_str_eq(buf, "2009/10");
  /* Exactly fitting buffer works; one byte less fails and leaves an empty string. */
  ck_assert_int_eq(tertial_fiscal_year_label(buf, 8, &fy), 7);
  T_ERR(tertial_fiscal_year_label(buf, 7, &fy), TERTIAL_ERR_BUFFER);
  ck_assert_str_eq(buf, "");
  T_ERR(tertial_fiscal_year_label(buf, 0, &fy), TERTIAL_ERR_BUFFER);
}
END_TEST

/* ---- days and periods -------------------------------------------------------------- */

START_TEST(test_days_in_month)
{
  int d = 0;
  T_OK(tertial_days_in_month(&d, 2024, 2));
  ck_assert_int_eq(d, 29);
  T_OK(tertial_days_in_month(&d, 2100, 2));
  ck_assert_int_eq(d, 28);
  T_OK(tertial_days_in_month(&d, 2000, 2));
  ck_assert_int_eq(d, 29);
  T_OK(tertial_days_in_month(&d, 1900, 2));
  ck_assert_int_eq(d, 28);
  T_OK(tertial_days_in_month(&d, 2026, 2));
  ck_assert_int_eq(d, 28);
  T_OK(tertial_days_in_month(&d, 2026, 4));
  ck_assert_int_eq(d, 30);
  T_OK(tertial_days_in_month(&d, 2026, 12));
  ck_assert_int_eq(d, 31);
  T_ERR(tertial_days_in_month(&d, 2026, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_days_in_month(&d, 2026, 13), TERTIAL_ERR_RANGE);
  T_ERR(tertial_days_in_month(&d, 10000, 1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_days_in_month(NULL, 2026, 1), TERTIAL_ERR_INVALID);
}
END_TEST

START_TEST(test_fiscal_days_in_month)
{
  tertial_fiscal_year fy;
  int d = 0, total = 0;
  /* 2023/24: index 7 is February 2024, a leap month. */
  T_OK(tertial_fiscal_year_init(&fy, 2023, 7));
  T_OK(tertial_fiscal_year_days_in_month(&d, &fy, 7));
  ck_assert_int_eq(d, 29);
  for (int i = 0; i < 12; i++) {
    T_OK(tertial_fiscal_year_days_in_month(&d, &fy, i));
    total += d;
  }
  ck_assert_int_eq(total, 366);
  T_OK(tertial_fiscal_year_init(&fy, 2099, 7));
  T_OK(tertial_fiscal_year_days_in_month(&d, &fy, 7));
  ck_assert_int_eq(d, 28);
  T_ERR(tertial_fiscal_year_days_in_month(&d, &fy, 12), TERTIAL_ERR_RANGE);
}
END_TEST

START_TEST(test_period_make)
{
  int p = 0;
  T_OK(tertial_period_make(&p, 2026, 4));
  ck_assert_int_eq(p, 202604);
  T_OK(tertial_period_make(&p, 1900, 1));
  ck_assert_int_eq(p, 190001);
  T_OK(tertial_period_make(&p, 9999, 12));
  ck_assert_int_eq(p, 999912);
  T_ERR(tertial_period_make(&p, 1899, 12), TERTIAL_ERR_RANGE);
  T_ERR(tertial_period_make(&p, 10000, 1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_period_make(&p, 2026, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_period_make(&p, 2026, 13), TERTIAL_ERR_RANGE);
  T_MSG("month 1..12");
  T_ERR(tertial_period_make(NULL, 2026, 1), TERTIAL_ERR_INVALID);
}
END_TEST

/* ---- calendars --------------------------------------------------------------------- */

START_TEST(test_new_and_free)
{
  tertial_calendar *cal = NULL;
  T_OK(tertial_calendar_new(&cal, 7));
  ck_assert_int_eq(tertial_calendar_start_month(cal), 7);
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 0);
  ck_assert_ptr_null(tertial_calendar_point(cal, 0));
  tertial_calendar_free(NULL);
  ck_assert_int_eq(tertial_calendar_start_month(NULL), 0);
  ck_assert_uint_eq(tertial_calendar_point_count(NULL), 0);
  ck_assert_ptr_null(tertial_calendar_point(NULL, 0));
  tertial_calendar *out = cal; /* a failed call resets the output */
  T_ERR(tertial_calendar_new(&out, 13), TERTIAL_ERR_RANGE);
  ck_assert_ptr_null(out);
  tertial_calendar_free(cal);
  T_ERR(tertial_calendar_new(&cal, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_new(NULL, 1), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_new_default(&cal, 13), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_new_default(NULL, 1), TERTIAL_ERR_INVALID);
}
END_TEST

START_TEST(test_add_sorted_stable)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new(&cal, 1));
  T_OK(tertial_calendar_add_point(cal, "B", "Bokslut", 12, 2, 15));
  T_OK(tertial_calendar_add_point(cal, "X", "Första vid 4", 4, 1, 15));
  T_OK(tertial_calendar_add_point(cal, "A", "Januari–februari", 2, 1, 15));
  T_OK(tertial_calendar_add_point(cal, "Y", "Andra vid 4", 4, 0, 30));
  static const char *const order[] = {"A", "X", "Y", "B"};
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 4);
  for (size_t i = 0; i < 4; i++)
    ck_assert_str_eq(tertial_calendar_point(cal, i)->code, order[i]);
  const tertial_followup_point *p = tertial_calendar_point(cal, 2);
  ck_assert_str_eq(p->name, "Andra vid 4");
  ck_assert_int_eq(p->cutoff, 4);
  ck_assert_int_eq(p->deadline_months_after, 0);
  ck_assert_int_eq(p->deadline_day, 30);
  ck_assert_ptr_null(tertial_calendar_point(cal, 4));
  size_t i = 99;
  T_OK(tertial_calendar_find_point(&i, cal, "B"));
  ck_assert_uint_eq(i, 3);
  T_ERR(tertial_calendar_find_point(&i, cal, "b"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_calendar_find_point(NULL, cal, "B"), TERTIAL_ERR_INVALID);
  tertial_calendar_free(cal);
}
END_TEST

START_TEST(test_add_errors)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new(&cal, 1));
  T_OK(tertial_calendar_add_point(cal, "T1", "Tertial 1", 4, 1, 15));
  T_ERR(tertial_calendar_add_point(cal, "T1", "Igen", 8, 1, 15), TERTIAL_ERR_EXISTS);
  T_MSG("\"T1\"");
  T_ERR(tertial_calendar_add_point(cal, "Q", "Q", 0, 1, 15), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_add_point(cal, "Q", "Q", 13, 1, 15), TERTIAL_ERR_RANGE);
  T_MSG("cut-off 1..12");
  T_ERR(tertial_calendar_add_point(cal, "Q", "Q", 3, -1, 15), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_add_point(cal, "Q", "Q", 3, 25, 15), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_add_point(cal, "Q", "Q", 3, 1, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_add_point(cal, "Q", "Q", 3, 1, 32), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_add_point(cal, "", "Q", 3, 1, 15), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_add_point(cal, NULL, "Q", 3, 1, 15), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_add_point(cal, "Q", NULL, 3, 1, 15), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_add_point(NULL, "Q", "Q", 3, 1, 15), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_add_point(cal, "Q", "Kvartal \xE5", 3, 1, 15), TERTIAL_ERR_INVALID);
  T_MSG("UTF-8");
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 1);
  T_OK(tertial_calendar_add_point(cal, "Q", "", 3, 24, 31)); /* limits; empty name allowed */
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 2);
  tertial_calendar_free(cal);
}
END_TEST

START_TEST(test_remove)
{
  tertial_calendar *cal;
  size_t i;
  T_OK(tertial_calendar_new_default(&cal, 1));
  T_OK(tertial_calendar_remove_point(cal, "JANJUN"));
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 5);
  T_ERR(tertial_calendar_find_point(&i, cal, "JANJUN"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_calendar_remove_point(cal, "JANJUN"), TERTIAL_ERR_NOT_FOUND);
  T_MSG("JANJUN");
  T_OK(tertial_calendar_find_point(&i, cal, "T2"));
  ck_assert_uint_eq(i, 2);
  ck_assert_str_eq(tertial_calendar_point(cal, 2)->code, "T2");
  T_OK(tertial_calendar_remove_point(cal, "BOKSLUT")); /* last */
  T_OK(tertial_calendar_remove_point(cal, "JANFEB"));  /* first */
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 3);
  ck_assert_str_eq(tertial_calendar_point(cal, 0)->code, "T1");
  ck_assert_str_eq(tertial_calendar_point(cal, 2)->code, "JANOKT");
  /* A removed code can be added again. */
  T_OK(tertial_calendar_add_point(cal, "JANJUN", "Januari–juni", 6, 2, 15));
  ck_assert_str_eq(tertial_calendar_point(cal, 1)->code, "JANJUN");
  T_ERR(tertial_calendar_remove_point(cal, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_remove_point(NULL, "T1"), TERTIAL_ERR_INVALID);
  tertial_calendar_free(cal);
}
END_TEST

/* ---- the default calendar and deadlines ----------------------------------------------- */

static const struct {
  const char *code, *name;
  int cutoff;
} default_points[] = {
  {"JANFEB", "Januari–februari", 2},
  {"T1", "Tertial 1", 4},
  {"JANJUN", "Januari–juni", 6},
  {"T2", "Tertial 2 (delårsrapport)", 8},
  {"JANOKT", "Januari–oktober", 10},
  {"BOKSLUT", "Bokslut (årsredovisning)", 12},
};

START_TEST(test_default_points)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new_default(&cal, 1));
  ck_assert_int_eq(tertial_calendar_start_month(cal), 1);
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 6);
  for (size_t i = 0; i < 6; i++) {
    const tertial_followup_point *p = tertial_calendar_point(cal, i);
    ck_assert_str_eq(p->code, default_points[i].code);
    ck_assert_str_eq(p->name, default_points[i].name);
    ck_assert_int_eq(p->cutoff, default_points[i].cutoff);
    ck_assert_int_eq(p->deadline_day, 15);
  }
  tertial_calendar_free(cal);
}
END_TEST

START_TEST(test_default_deadlines_2026)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new_default(&cal, 1));
  assert_date(deadline_of(cal, "JANFEB", 2026), 2026, 3, 15);
  assert_date(deadline_of(cal, "T1", 2026), 2026, 5, 15);
  assert_date(deadline_of(cal, "JANJUN", 2026), 2026, 8, 15);
  assert_date(deadline_of(cal, "T2", 2026), 2026, 9, 15);
  assert_date(deadline_of(cal, "JANOKT", 2026), 2026, 11, 15);
  assert_date(deadline_of(cal, "BOKSLUT", 2026), 2027, 2, 15);
  tertial_date d;
  T_ERR(tertial_calendar_deadline(&d, cal, 6, 2026), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_deadline(&d, cal, 0, 1899), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_deadline(NULL, cal, 0, 2026), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_deadline(&d, NULL, 0, 2026), TERTIAL_ERR_INVALID);
  tertial_calendar_free(cal);
}
END_TEST

START_TEST(test_default_deadlines_july_june)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new_default(&cal, 7));
  ck_assert_int_eq(tertial_calendar_start_month(cal), 7);
  /* 2025/26: cut-off 4 is October 2025; one month later is November. */
  assert_date(deadline_of(cal, "JANFEB", 2025), 2025, 9, 15);
  assert_date(deadline_of(cal, "T1", 2025), 2025, 11, 15);
  assert_date(deadline_of(cal, "JANJUN", 2025), 2026, 2, 15);
  assert_date(deadline_of(cal, "T2", 2025), 2026, 3, 15);
  assert_date(deadline_of(cal, "JANOKT", 2025), 2026, 5, 15);
  assert_date(deadline_of(cal, "BOKSLUT", 2025), 2026, 8, 15);
  /* The cut-off period agrees with the fiscal-year functions. */
  tertial_fiscal_year fy;
  int period;
  T_OK(tertial_fiscal_year_init(&fy, 2025, 7));
  T_OK(tertial_fiscal_year_period(&period, &fy, tertial_calendar_point(cal, 1)->cutoff - 1));
  ck_assert_int_eq(period, 202510);
  tertial_calendar_free(cal);
}
END_TEST

START_TEST(test_quarterly_calendar)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new(&cal, 1));
  T_OK(tertial_calendar_add_point(cal, "Q4", "Kvartal 4 (bokslut)", 12, 2, 20));
  T_OK(tertial_calendar_add_point(cal, "Q1", "Kvartal 1", 3, 1, 10));
  T_OK(tertial_calendar_add_point(cal, "Q3", "Delårsrapport januari–september", 9, 1, 25));
  T_OK(tertial_calendar_add_point(cal, "Q2", "Kvartal 2", 6, 2, 10));
  static const char *const order[] = {"Q1", "Q2", "Q3", "Q4"};
  for (size_t i = 0; i < 4; i++)
    ck_assert_str_eq(tertial_calendar_point(cal, i)->code, order[i]);
  assert_date(deadline_of(cal, "Q1", 2026), 2026, 4, 10);
  assert_date(deadline_of(cal, "Q2", 2026), 2026, 8, 10);
  assert_date(deadline_of(cal, "Q3", 2026), 2026, 10, 25);
  assert_date(deadline_of(cal, "Q4", 2026), 2027, 2, 20);
  tertial_calendar_free(cal);
}
END_TEST

START_TEST(test_deadline_clamping)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new(&cal, 1));
  T_OK(tertial_calendar_add_point(cal, "APR", "Lands in April", 3, 1, 31));
  T_OK(tertial_calendar_add_point(cal, "FEB", "Lands in February", 12, 2, 31));
  T_OK(tertial_calendar_add_point(cal, "SAME", "Same month", 1, 0, 31));
  T_OK(tertial_calendar_add_point(cal, "LATE", "Two years on", 12, 24, 1));
  assert_date(deadline_of(cal, "APR", 2026), 2026, 4, 30);
  assert_date(deadline_of(cal, "FEB", 2026), 2027, 2, 28);
  assert_date(deadline_of(cal, "FEB", 2023), 2024, 2, 29); /* leap */
  assert_date(deadline_of(cal, "FEB", 2099), 2100, 2, 28); /* not leap */
  assert_date(deadline_of(cal, "FEB", 1999), 2000, 2, 29); /* leap */
  assert_date(deadline_of(cal, "SAME", 2026), 2026, 1, 31);
  assert_date(deadline_of(cal, "LATE", 2026), 2028, 12, 1);
  /* A deadline past year 9999 is out of range. */
  size_t i;
  tertial_date d;
  T_OK(tertial_calendar_find_point(&i, cal, "LATE"));
  T_ERR(tertial_calendar_deadline(&d, cal, i, 9998), TERTIAL_ERR_RANGE);
  tertial_calendar_free(cal);
}
END_TEST

/* ---- parsing ----------------------------------------------------------------------- */

START_TEST(test_parse_ok)
{
  static const char text[] =
      "\xEF\xBB\xBF# Kvartalsuppföljning, Exempelkommun\n"
      "\n"
      "Q1;Kvartal 1;3;1;10\r\n"
      "  # indented comment\n"
      "Q3 ; Delårsrapport januari–september ; 9 ; 1 ; 25\n"
      "Q2;Kvartal 2;6;2;10\n"
      "   \t\n"
      "Q4;Bokslut;12;2;31"; /* no final newline */
  tertial_calendar *cal;
  T_OK(tertial_calendar_new(&cal, 1));
  T_OK(tertial_calendar_parse(cal, text, "kvartal.txt"));
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 4);
  const tertial_followup_point *p = tertial_calendar_point(cal, 2);
  ck_assert_str_eq(p->code, "Q3");
  ck_assert_str_eq(p->name, "Delårsrapport januari–september");
  ck_assert_int_eq(p->cutoff, 9);
  ck_assert_int_eq(p->deadline_months_after, 1);
  ck_assert_int_eq(p->deadline_day, 25);
  ck_assert_str_eq(tertial_calendar_point(cal, 0)->name, "Kvartal 1");
  ck_assert_str_eq(tertial_calendar_point(cal, 1)->code, "Q2");
  assert_date(deadline_of(cal, "Q4", 2026), 2027, 2, 28);
  /* Empty and comment-only inputs add nothing and succeed. */
  T_OK(tertial_calendar_parse(cal, "", "empty.txt"));
  T_OK(tertial_calendar_parse(cal, "# nothing\n\n", NULL));
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 4);
  T_ERR(tertial_calendar_parse(cal, NULL, "x"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_parse(NULL, "", "x"), TERTIAL_ERR_INVALID);
  tertial_calendar_free(cal);
}
END_TEST

START_TEST(test_parse_merges_into_existing)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new_default(&cal, 1));
  T_OK(tertial_calendar_parse(cal, "JANSEP;Januari–september;9;1;15\n", "extra.txt"));
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 7);
  ck_assert_str_eq(tertial_calendar_point(cal, 4)->code, "JANSEP");
  assert_date(deadline_of(cal, "JANSEP", 2026), 2026, 10, 15);
  tertial_calendar_free(cal);
}
END_TEST

/* Parse @p text into a calendar holding one point, expect @p code and a message fragment,
 * and check that nothing was added. */
static void expect_parse_error(const char *text, int code, const char *fragment)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new(&cal, 1));
  T_OK(tertial_calendar_add_point(cal, "T1", "Tertial 1", 4, 1, 15));
  T_ERR(tertial_calendar_parse(cal, text, "calendar.txt"), code);
  T_MSG(fragment);
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 1);
  ck_assert_str_eq(tertial_calendar_point(cal, 0)->code, "T1");
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 0), 0);
  tertial_calendar_free(cal);
}

START_TEST(test_parse_errors)
{
  expect_parse_error("A;a;2;1;15\n\nB;b;13;1;15\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:3: expected a cut-off 1..12, got \"13\"");
  expect_parse_error("A;a;0;1;15\n", TERTIAL_ERR_PARSE, "calendar.txt:1: expected a cut-off");
  expect_parse_error("# c\nA;a;x;1;15\n", TERTIAL_ERR_PARSE, "calendar.txt:2: expected a cut-off");
  expect_parse_error("A;a;-2;1;15\n", TERTIAL_ERR_PARSE, "got \"-2\"");
  expect_parse_error("A;a;2;25;15\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:1: expected deadline months after 0..24, got \"25\"");
  expect_parse_error("A;a;2;1;32\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:1: expected a deadline day 1..31, got \"32\"");
  expect_parse_error("A;a;2;1;99999999999999999999\n", TERTIAL_ERR_PARSE, "deadline day");
  expect_parse_error("A;a;2;1;\n", TERTIAL_ERR_PARSE, "deadline day 1..31, got \"\"");
  expect_parse_error("A;a;2;1\n", TERTIAL_ERR_PARSE, "calendar.txt:1: expected 5 fields");
  expect_parse_error("A;a;2;1;15;x\n", TERTIAL_ERR_PARSE, "got 6");
  expect_parse_error("\n\n\n\njust text\n", TERTIAL_ERR_PARSE, "calendar.txt:5:");
  expect_parse_error(";a;2;1;15\n", TERTIAL_ERR_PARSE, "calendar.txt:1: expected a point code");
  expect_parse_error("A; ;2;1;15\n", TERTIAL_ERR_PARSE, "calendar.txt:1: expected a point name");
  expect_parse_error("A;Kvartal \xE5;2;1;15\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:1: expected a UTF-8 point name");
  expect_parse_error("\xFF;a;2;1;15\n", TERTIAL_ERR_PARSE, "expected a UTF-8 point code");
}
END_TEST

START_TEST(test_parse_duplicates)
{
  /* Against the calendar's existing T1. */
  expect_parse_error("A;a;2;1;15\nT1;igen;4;1;15\n", TERTIAL_ERR_EXISTS,
                     "calendar.txt:2: follow-up point \"T1\" already exists");
  /* Within the text itself. */
  expect_parse_error("A;a;2;1;15\n# c\nA;b;3;1;15\n", TERTIAL_ERR_EXISTS,
                     "calendar.txt:3: follow-up point \"A\" already defined on line 1");
}
END_TEST

START_TEST(test_parse_nothing_added_on_late_error)
{
  /* Many valid lines before a bad last line: none of them may be added. */
  tertial_calendar *cal;
  T_OK(tertial_calendar_new(&cal, 7));
  T_OK(tertial_calendar_parse(cal,
                              "M1;m;1;0;28\nM2;m;2;0;28\nM3;m;3;0;28\nM4;m;4;0;28\n"
                              "M5;m;5;0;28\nM6;m;6;0;28\nM7;m;7;0;28\nM8;m;8;0;28\n"
                              "M9;m;9;0;28\n",
                              "months.txt"));
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 9);
  T_ERR(tertial_calendar_parse(cal, "N1;n;10;0;28\nN2;n;11;0;28\nN3;n;12;0;40\n", NULL),
        TERTIAL_ERR_PARSE);
  T_MSG("<text>:3:");
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 9);
  size_t i;
  T_ERR(tertial_calendar_find_point(&i, cal, "N1"), TERTIAL_ERR_NOT_FOUND);
  tertial_calendar_free(cal);
}
END_TEST

/* ---- deadlines per organisation level --------------------------------------------- */

/* The date level @p level is due at the point with @p code. */
static tertial_date level_due(const tertial_calendar *cal, const char *code, int level, int first_year)
{
  size_t i = 0;
  tertial_date d = {0, 0, 0};
  T_OK(tertial_calendar_find_point(&i, cal, code));
  T_OK(tertial_calendar_level_deadline(&d, cal, i, level, first_year));
  return d;
}

static size_t index_of(const tertial_calendar *cal, const char *code)
{
  size_t i = 0;
  T_OK(tertial_calendar_find_point(&i, cal, code));
  return i;
}

static char *read_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", path);
  static char buf[16384];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  ck_assert(feof(f));
  fclose(f);
  buf[n] = '\0';
  return buf;
}

/* docs/calendar-example.txt states the annual cycle of the seed (001): at T1 units (level 5)
 * by 15 April, activities (verksamheter, level 4) by 25 April, sectors (level 3) by 10 May;
 * at T2 15 August, 25 August, 10 September; at the year end 10 December, 20 December,
 * 15 January. Its points are the default calendar's. */
START_TEST(test_level_deadlines_seed_example)
{
  tertial_calendar *cal, *def;
  T_OK(tertial_calendar_new(&cal, 1));
  T_OK(tertial_calendar_parse(cal, read_file(TERTIAL_SOURCE_ROOT "/docs/calendar-example.txt"),
                              "calendar-example.txt"));
  T_OK(tertial_calendar_new_default(&def, 1));
  ck_assert_uint_eq(tertial_calendar_point_count(cal), tertial_calendar_point_count(def));
  for (size_t i = 0; i < tertial_calendar_point_count(def); i++) {
    const tertial_followup_point *a = tertial_calendar_point(cal, i), *b = tertial_calendar_point(def, i);
    ck_assert_str_eq(a->code, b->code);
    ck_assert_str_eq(a->name, b->name);
    ck_assert_int_eq(a->cutoff, b->cutoff);
    ck_assert_int_eq(a->deadline_months_after, b->deadline_months_after);
    ck_assert_int_eq(a->deadline_day, b->deadline_day);
    ck_assert_uint_eq(tertial_calendar_level_deadline_count(def, i), 0);
  }
  /* 2026, tertial 1 */
  assert_date(level_due(cal, "T1", 5, 2026), 2026, 4, 15);
  assert_date(level_due(cal, "T1", 4, 2026), 2026, 4, 25);
  assert_date(level_due(cal, "T1", 3, 2026), 2026, 5, 10);
  /* förvaltning, nämnd and kommun: the point's deadline */
  assert_date(level_due(cal, "T1", 2, 2026), 2026, 5, 15);
  assert_date(level_due(cal, "T1", 1, 2026), 2026, 5, 15);
  assert_date(level_due(cal, "T1", 0, 2026), 2026, 5, 15);
  /* a level below units: by the units' date */
  assert_date(level_due(cal, "T1", 6, 2026), 2026, 4, 15);
  /* tertial 2 (delårsrapport) */
  assert_date(level_due(cal, "T2", 5, 2026), 2026, 8, 15);
  assert_date(level_due(cal, "T2", 4, 2026), 2026, 8, 25);
  assert_date(level_due(cal, "T2", 3, 2026), 2026, 9, 10);
  assert_date(level_due(cal, "T2", 1, 2026), 2026, 9, 15);
  /* the year end: units and activities before the year closes, sectors in January */
  assert_date(level_due(cal, "BOKSLUT", 5, 2026), 2026, 12, 10);
  assert_date(level_due(cal, "BOKSLUT", 4, 2026), 2026, 12, 20);
  assert_date(level_due(cal, "BOKSLUT", 3, 2026), 2027, 1, 15);
  assert_date(level_due(cal, "BOKSLUT", 1, 2026), 2027, 2, 15);
  /* the monthly points state no level dates: every level by the point's deadline */
  assert_date(level_due(cal, "JANFEB", 5, 2026), 2026, 3, 15);
  assert_date(level_due(cal, "JANOKT", 3, 2026), 2026, 11, 15);
  /* the listing, root first */
  size_t t1 = index_of(cal, "T1");
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, t1), 3);
  const tertial_level_deadline *d = tertial_calendar_level_deadline_at(cal, t1, 0);
  ck_assert_int_eq(d->level, 3);
  ck_assert_int_eq(d->deadline_months_after, 1);
  ck_assert_int_eq(d->deadline_day, 10);
  ck_assert_int_eq(tertial_calendar_level_deadline_at(cal, t1, 1)->level, 4);
  ck_assert_int_eq(tertial_calendar_level_deadline_at(cal, t1, 2)->level, 5);
  ck_assert_int_eq(tertial_calendar_level_deadline_at(cal, t1, 2)->deadline_day, 15);
  ck_assert_ptr_null(tertial_calendar_level_deadline_at(cal, t1, 3));
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, index_of(cal, "JANFEB")), 0);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 99), 0);
  ck_assert_ptr_null(tertial_calendar_level_deadline_at(cal, 99, 0));
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(NULL, 0), 0);
  tertial_calendar_free(def);
  tertial_calendar_free(cal);
}
END_TEST

/* A level without its own deadline is due by the nearest level above it that has one, else by
 * the point's deadline; never by a level below it. */
START_TEST(test_level_deadline_fallback)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new(&cal, 1));
  T_OK(tertial_calendar_add_point(cal, "T1", "Tertial 1", 4, 1, 15));
  assert_date(level_due(cal, "T1", 5, 2026), 2026, 5, 15); /* nothing stated: the point's */
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 5, 0, 15));
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 3, 1, 10));
  assert_date(level_due(cal, "T1", 5, 2026), 2026, 4, 15);
  /* level 4 has none: the sectors' 10 May (above), not the units' 15 April (below) */
  assert_date(level_due(cal, "T1", 4, 2026), 2026, 5, 10);
  assert_date(level_due(cal, "T1", 2, 2026), 2026, 5, 15);
  /* replacing keeps one entry per level */
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 5, 0, 20));
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 0), 2);
  assert_date(level_due(cal, "T1", 5, 2026), 2026, 4, 20);
  /* removing the sectors' date: levels 4 and 3 fall back to the point's */
  T_OK(tertial_calendar_remove_level_deadline(cal, "T1", 3));
  assert_date(level_due(cal, "T1", 3, 2026), 2026, 5, 15);
  assert_date(level_due(cal, "T1", 4, 2026), 2026, 5, 15);
  assert_date(level_due(cal, "T1", 5, 2026), 2026, 4, 20);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 0), 1);
  T_ERR(tertial_calendar_remove_level_deadline(cal, "T1", 3), TERTIAL_ERR_NOT_FOUND);
  T_MSG("no deadline of its own for level 3");
  /* the root may have one too */
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 0, 2, 1));
  assert_date(level_due(cal, "T1", 0, 2026), 2026, 6, 1);
  assert_date(level_due(cal, "T1", 2, 2026), 2026, 6, 1);
  assert_date(level_due(cal, "T1", TERTIAL_LEVEL_MAX, 2026), 2026, 4, 20);
  /* errors */
  tertial_date d;
  T_ERR(tertial_calendar_set_level_deadline(cal, "T9", 5, 0, 15), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_calendar_set_level_deadline(cal, "T1", -1, 0, 15), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_set_level_deadline(cal, "T1", TERTIAL_LEVEL_MAX + 1, 0, 15), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_set_level_deadline(cal, "T1", 5, 25, 15), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_set_level_deadline(cal, "T1", 5, 0, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_set_level_deadline(cal, "T1", 5, 0, 32), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_set_level_deadline(NULL, "T1", 5, 0, 15), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_set_level_deadline(cal, NULL, 5, 0, 15), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_remove_level_deadline(cal, "T9", 5), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_calendar_level_deadline(&d, cal, 1, 5, 2026), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_level_deadline(&d, cal, 0, -1, 2026), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_level_deadline(&d, cal, 0, 5, 1899), TERTIAL_ERR_RANGE);
  T_ERR(tertial_calendar_level_deadline(NULL, cal, 0, 5, 2026), TERTIAL_ERR_INVALID);
  T_ERR(tertial_calendar_level_deadline(&d, NULL, 0, 5, 2026), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 0), 2);
  /* a removed point takes its level deadlines along; a new one of the same code has none */
  T_OK(tertial_calendar_remove_point(cal, "T1"));
  T_OK(tertial_calendar_add_point(cal, "T1", "Tertial 1", 4, 1, 15));
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 0), 0);
  /* level deadlines move with their point when a point is inserted before it */
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 5, 0, 15));
  T_OK(tertial_calendar_add_point(cal, "JANFEB", "Januari–februari", 2, 1, 15));
  assert_date(level_due(cal, "T1", 5, 2026), 2026, 4, 15);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 0), 0);
  tertial_calendar_free(cal);
}
END_TEST

/* Months after the cut-off count across the calendar year end, and a day past the month's end
 * is its last day. */
START_TEST(test_level_deadline_year_end_and_clamping)
{
  tertial_calendar *cal;
  /* July-June: T1 is July-October 2025, JULDEC July-December 2025 */
  T_OK(tertial_calendar_new(&cal, 7));
  T_OK(tertial_calendar_add_point(cal, "T1", "Tertial 1", 4, 1, 15));
  T_OK(tertial_calendar_add_point(cal, "JULDEC", "Juli–december", 6, 1, 15));
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 5, 0, 31));
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 3, 3, 15));
  T_OK(tertial_calendar_set_level_deadline(cal, "JULDEC", 4, 1, 31));
  assert_date(level_due(cal, "T1", 5, 2025), 2025, 10, 31);
  assert_date(level_due(cal, "T1", 3, 2025), 2026, 1, 15);
  assert_date(level_due(cal, "T1", 1, 2025), 2025, 11, 15);
  assert_date(level_due(cal, "JULDEC", 4, 2025), 2026, 1, 31);
  assert_date(level_due(cal, "JULDEC", 5, 2025), 2026, 1, 31);
  tertial_calendar_free(cal);
  /* day 31 in a 30-day month and in February */
  T_OK(tertial_calendar_new(&cal, 1));
  T_OK(tertial_calendar_add_point(cal, "Q1", "Kvartal 1", 3, 1, 15));
  T_OK(tertial_calendar_add_point(cal, "JAN", "Januari", 1, 1, 15));
  T_OK(tertial_calendar_set_level_deadline(cal, "Q1", 5, 1, 31));
  T_OK(tertial_calendar_set_level_deadline(cal, "JAN", 5, 1, 31));
  assert_date(level_due(cal, "Q1", 5, 2026), 2026, 4, 30);
  assert_date(level_due(cal, "JAN", 5, 2026), 2026, 2, 28);
  assert_date(level_due(cal, "JAN", 5, 2028), 2028, 2, 29);
  /* 24 months after December 9998 is past year 9999 */
  T_OK(tertial_calendar_add_point(cal, "B", "Bokslut", 12, 0, 15));
  T_OK(tertial_calendar_set_level_deadline(cal, "B", 5, 24, 15));
  tertial_date d;
  T_ERR(tertial_calendar_level_deadline(&d, cal, index_of(cal, "B"), 5, 9998), TERTIAL_ERR_RANGE);
  assert_date(level_due(cal, "B", 4, 9998), 9998, 12, 15);
  tertial_calendar_free(cal);
}
END_TEST

START_TEST(test_parse_level_deadlines)
{
  tertial_calendar *cal;
  T_OK(tertial_calendar_new(&cal, 1));
  /* a point's level lines may come before the point; spaces around fields and in "level  4" */
  T_OK(tertial_calendar_parse(cal,
                              "T1 ; level 5 ; 0 ; 15\n"
                              "T1;Tertial 1;4;1;15\n"
                              "T1;level\t 4;0;25\r\n",
                              "t1.txt"));
  ck_assert_uint_eq(tertial_calendar_point_count(cal), 1);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 0), 2);
  assert_date(level_due(cal, "T1", 5, 2026), 2026, 4, 15);
  assert_date(level_due(cal, "T1", 4, 2026), 2026, 4, 25);
  /* a later text adds to a point of the calendar */
  T_OK(tertial_calendar_parse(cal, "T1;level 3;1;10\n", "more.txt"));
  assert_date(level_due(cal, "T1", 3, 2026), 2026, 5, 10);
  /* but does not silently replace one it has; nothing of that text is added */
  T_ERR(tertial_calendar_parse(cal, "T1;level 2;1;12\nT1;level 5;0;20\n", "again.txt"), TERTIAL_ERR_EXISTS);
  T_MSG("again.txt:2: follow-up point \"T1\" already has a deadline for level 5");
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 0), 3);
  assert_date(level_due(cal, "T1", 5, 2026), 2026, 4, 15);
  assert_date(level_due(cal, "T1", 2, 2026), 2026, 5, 15);
  /* two lines for a point of the calendar, both added */
  T_OK(tertial_calendar_parse(cal, "T1;level 2;1;12\nT1;level 1;1;14\n", "two.txt"));
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(cal, 0), 5);
  assert_date(level_due(cal, "T1", 1, 2026), 2026, 5, 14);
  assert_date(level_due(cal, "T1", 2, 2026), 2026, 5, 12);
  tertial_calendar_free(cal);
}
END_TEST

START_TEST(test_parse_level_errors)
{
  expect_parse_error("T1;level 5;0;15\nT1;level x;0;15\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:2: expected an organisation level 0..99 after \"level\", got \"x\"");
  expect_parse_error("T1;level;0;15\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:1: expected \"level N\" with an organisation level 0..99, got \"level\"");
  expect_parse_error("T1;level5;0;15\n", TERTIAL_ERR_PARSE, "got \"level5\"");
  expect_parse_error("T1;level 100;0;15\n", TERTIAL_ERR_PARSE, "got \"100\"");
  expect_parse_error("T1;level -1;0;15\n", TERTIAL_ERR_PARSE, "got \"-1\"");
  expect_parse_error("T1;level 5;25;15\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:1: expected deadline months after 0..24, got \"25\"");
  expect_parse_error("# c\nT1;level 5;0;32\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:2: expected a deadline day 1..31, got \"32\"");
  expect_parse_error(";level 5;0;15\n", TERTIAL_ERR_PARSE, "calendar.txt:1: expected a point code");
  expect_parse_error("T1;level 5;0\n", TERTIAL_ERR_PARSE, "calendar.txt:1: expected 5 fields");
  expect_parse_error("T1;Tertial;0;15\n", TERTIAL_ERR_PARSE, "or 4 for a level deadline");
  /* the point must exist in the calendar or the text */
  expect_parse_error("A;a;2;1;15\nX;level 5;0;15\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:2: expected the code of a follow-up point in the calendar or this text, "
                     "got \"X\"");
  expect_parse_error("t1;level 5;0;15\n", TERTIAL_ERR_PARSE, "got \"t1\"");
  /* the same level twice in the text */
  expect_parse_error("T1;level 5;0;15\n\nT1;level 5;0;20\n", TERTIAL_ERR_EXISTS,
                     "calendar.txt:3: follow-up point \"T1\" already has a deadline for level 5 on line 1");
  expect_parse_error("A;a;2;1;15\nA;level 5;0;15\nA;level 5;0;20\n", TERTIAL_ERR_EXISTS,
                     "calendar.txt:3: follow-up point \"A\" already has a deadline for level 5 on line 2");
  /* a late error adds neither the points nor the level deadlines before it */
  expect_parse_error("A;a;2;1;15\nT1;level 5;0;15\nA;level 5;0;10\nT1;level 4;0;99\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:4: expected a deadline day");
  expect_parse_error("A;a;2;1;15\nT1;level 5;0;15\nA;level 5;0;10\nB;level 4;0;9\n", TERTIAL_ERR_PARSE,
                     "calendar.txt:4: expected the code");
}
END_TEST

static Suite *calendar_suite(void)
{
  Suite *s = suite_create("calendar");

  TCase *tc = tcase_create("fiscal_year");
  tcase_add_test(tc, test_init);
  tcase_add_test(tc, test_july_june_year);
  tcase_add_test(tc, test_calendar_year);
  tcase_add_test(tc, test_invalid_fiscal_year);
  tcase_add_test(tc, test_containing);
  tcase_add_test(tc, test_labels);
  suite_add_tcase(s, tc);

  tc = tcase_create("days_and_periods");
  tcase_add_test(tc, test_days_in_month);
  tcase_add_test(tc, test_fiscal_days_in_month);
  tcase_add_test(tc, test_period_make);
  suite_add_tcase(s, tc);

  tc = tcase_create("calendar");
  tcase_add_test(tc, test_new_and_free);
  tcase_add_test(tc, test_add_sorted_stable);
  tcase_add_test(tc, test_add_errors);
  tcase_add_test(tc, test_remove);
  suite_add_tcase(s, tc);

  tc = tcase_create("deadlines");
  tcase_add_test(tc, test_default_points);
  tcase_add_test(tc, test_default_deadlines_2026);
  tcase_add_test(tc, test_default_deadlines_july_june);
  tcase_add_test(tc, test_quarterly_calendar);
  tcase_add_test(tc, test_deadline_clamping);
  suite_add_tcase(s, tc);

  tc = tcase_create("parse");
  tcase_add_test(tc, test_parse_ok);
  tcase_add_test(tc, test_parse_merges_into_existing);
  tcase_add_test(tc, test_parse_errors);
  tcase_add_test(tc, test_parse_duplicates);
  tcase_add_test(tc, test_parse_nothing_added_on_late_error);
  tcase_add_test(tc, test_parse_level_deadlines);
  tcase_add_test(tc, test_parse_level_errors);
  suite_add_tcase(s, tc);

  tc = tcase_create("level_deadlines");
  tcase_add_test(tc, test_level_deadlines_seed_example);
  tcase_add_test(tc, test_level_deadline_fallback);
  tcase_add_test(tc, test_level_deadline_year_end_and_clamping);
  suite_add_tcase(s, tc);

  return s;
}

int main(void)
{
  return testutil_run(calendar_suite());
}
