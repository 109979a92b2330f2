/* Tests of periodisation keys and key sets. Expectations are computed by hand in the comments. */
#include "testutil.h"

#include <string.h>

static const tertial_fiscal_year FY2024 = {2024, 1};   /* leap year */
static const tertial_fiscal_year FY2025 = {2025, 1};
static const tertial_fiscal_year FY2026 = {2026, 1};
static const tertial_fiscal_year FY2023_24 = {2023, 7}; /* July 2023 - June 2024, holds 29 February */
static const tertial_fiscal_year FY2025_26 = {2025, 7}; /* July 2025 - June 2026 */

static void assert_months(const int64_t got[12], const int64_t expected[12])
{
  for (int i = 0; i < 12; i++)
    ck_assert_msg(got[i] == expected[i], "month %d: got %lld, expected %lld", i, (long long)got[i],
                  (long long)expected[i]);
}

/* Distribute and check that the months sum to the annual amount (exactly, in 128 bits). */
static void distribute(int64_t out[12], const tertial_key *key, const tertial_fiscal_year *fy, int64_t annual)
{
  T_OK(tertial_key_distribute(out, key, fy, annual));
  __extension__ __int128 sum = 0;
  for (int i = 0; i < 12; i++)
    sum += out[i];
  ck_assert_msg(sum == annual, "months do not sum to %lld", (long long)annual);
}

static int64_t negated(int64_t v)
{
  return -v;
}

/* The months of -annual must be the negated months of annual (revenue mirrors cost). */
static void assert_symmetric(const tertial_key *key, const tertial_fiscal_year *fy, int64_t annual)
{
  int64_t pos[12], neg[12];
  distribute(pos, key, fy, annual);
  distribute(neg, key, fy, -annual);
  for (int i = 0; i < 12; i++)
    ck_assert_int_eq(neg[i], negated(pos[i]));
}

/* ---- equal twelfths ------------------------------------------------------------------- */

/* 100 öre / 12 = 8 rem 4: every remainder is the same (4/12), so the 4 missing öre go to the
 * earliest months 0-3: 9 9 9 9 8 8 8 8 8 8 8 8. -100 öre mirrors it. 0 gives zeros. */
START_TEST(test_equal_rounding)
{
  tertial_key *k;
  T_OK(tertial_key_new_equal(&k, "Tolftedelar"));
  ck_assert_str_eq(tertial_key_name(k), "Tolftedelar");
  ck_assert_int_eq(tertial_key_kind_of(k), TERTIAL_KEY_EQUAL);
  int64_t m[12];
  distribute(m, k, &FY2026, 100);
  assert_months(m, (int64_t[12]){9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8});
  distribute(m, k, &FY2026, -100);
  assert_months(m, (int64_t[12]){-9, -9, -9, -9, -8, -8, -8, -8, -8, -8, -8, -8});
  distribute(m, k, &FY2026, 0);
  assert_months(m, (int64_t[12]){0});
  /* 12 000 000 kr: 1 000 000 kr every month; the same in a leap year and a July-June year. */
  distribute(m, k, &FY2024, KR(12000000));
  for (int i = 0; i < 12; i++)
    ck_assert_int_eq(m[i], KR(1000000));
  distribute(m, k, &FY2025_26, KR(12000000));
  for (int i = 0; i < 12; i++)
    ck_assert_int_eq(m[i], KR(1000000));
  /* 11 öre: months 0-10 get 1, month 11 gets 0. */
  distribute(m, k, &FY2025_26, 11);
  assert_months(m, (int64_t[12]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0});
  assert_symmetric(k, &FY2026, 1234567);
  tertial_key_free(k);
}
END_TEST

/* The extremes of int64 still sum exactly: INT64_MAX = 768614336404564650 * 12 + 7, so months
 * 0-6 get one öre more; INT64_MIN = -(768614336404564650 * 12 + 8): months 0-7 one öre more. */
START_TEST(test_equal_extremes)
{
  tertial_key *k;
  T_OK(tertial_key_new_equal(&k, "Tolftedelar"));
  int64_t m[12];
  distribute(m, k, &FY2026, INT64_MAX);
  ck_assert_int_eq(m[0], INT64_C(768614336404564651));
  ck_assert_int_eq(m[6], INT64_C(768614336404564651));
  ck_assert_int_eq(m[7], INT64_C(768614336404564650));
  distribute(m, k, &FY2026, INT64_MIN);
  ck_assert_int_eq(m[7], INT64_C(-768614336404564651));
  ck_assert_int_eq(m[8], INT64_C(-768614336404564650));
  tertial_key_free(k);
}
END_TEST

/* ---- calendar days -------------------------------------------------------------------- */

/* 2024 has 366 days: 36 600 öre is 100 öre a day, February (29 days) 2 900. */
START_TEST(test_calendar_days_leap_year)
{
  tertial_key *k;
  T_OK(tertial_key_new_calendar_days(&k, "Kalenderdagar"));
  int64_t m[12], w[12];
  T_OK(tertial_key_weights(w, k, &FY2024));
  assert_months(w, (int64_t[12]){31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31});
  distribute(m, k, &FY2024, 36600);
  assert_months(m, (int64_t[12]){3100, 2900, 3100, 3000, 3100, 3000, 3100, 3100, 3000, 3100, 3000, 3100});
  T_OK(tertial_key_weights(w, k, &FY2025));
  ck_assert_int_eq(w[1], 28);
  tertial_key_free(k);
}
END_TEST

/* 1 000 öre over 2025 (365 days). A 31-day month: 31 000 / 365 = 84 rem 340; February:
 * 28 000 / 365 = 76 rem 260; a 30-day month: 30 000 / 365 = 82 rem 70. Floors: 7*84 + 76 + 4*82
 * = 992, so 8 öre go to the largest remainders: the seven 31-day months (340) and February (260).
 * Result: 85 77 85 82 85 82 85 85 82 85 82 85. */
START_TEST(test_calendar_days_rounding)
{
  tertial_key *k;
  T_OK(tertial_key_new_calendar_days(&k, "Kalenderdagar"));
  int64_t m[12];
  distribute(m, k, &FY2025, 1000);
  assert_months(m, (int64_t[12]){85, 77, 85, 82, 85, 82, 85, 85, 82, 85, 82, 85});
  distribute(m, k, &FY2025, -1000);
  assert_months(m, (int64_t[12]){-85, -77, -85, -82, -85, -82, -85, -85, -82, -85, -82, -85});
  tertial_key_free(k);
}
END_TEST

/* July 2023 - June 2024: 31 31 30 31 30 31 | 31 29 31 30 31 30 = 366 days; 36 600 öre gives
 * 100 a day and February 2024, month index 7, 2 900. */
START_TEST(test_calendar_days_july_june)
{
  tertial_key *k;
  T_OK(tertial_key_new_calendar_days(&k, "Kalenderdagar"));
  int64_t m[12];
  distribute(m, k, &FY2023_24, 36600);
  assert_months(m, (int64_t[12]){3100, 3100, 3000, 3100, 3000, 3100, 3100, 2900, 3100, 3000, 3100, 3000});
  distribute(m, k, &FY2023_24, 0);
  assert_months(m, (int64_t[12]){0});
  tertial_key_free(k);
}
END_TEST

/* ---- working days --------------------------------------------------------------------- */

/* 2025 by hand (see test_holidays): 21 20 21 20 20 19 23 21 22 23 20 19 = 249 working days.
 * 249 000 kr gives 1 000 kr a working day; April (Easter: långfredag 18, annandag påsk 21)
 * 20 000 kr. With the eves as working days June and December get one and two more: 252. */
START_TEST(test_working_days_2025)
{
  tertial_key *k, *eves;
  T_OK(tertial_key_new_working_days(&k, "Arbetsdagar", TERTIAL_HOLIDAYS_DEFAULT));
  T_OK(tertial_key_new_working_days(&eves, "Arbetsdagar inkl aftnar", TERTIAL_HOLIDAYS_EVES_WORKING));
  int64_t m[12], w[12];
  T_OK(tertial_key_weights(w, k, &FY2025));
  assert_months(w, (int64_t[12]){21, 20, 21, 20, 20, 19, 23, 21, 22, 23, 20, 19});
  distribute(m, k, &FY2025, KR(249000));
  for (int i = 0; i < 12; i++)
    ck_assert_int_eq(m[i], w[i] * KR(1000));
  ck_assert_int_eq(m[3], KR(20000));
  T_OK(tertial_key_weights(w, eves, &FY2025));
  assert_months(w, (int64_t[12]){21, 20, 21, 20, 20, 20, 23, 21, 22, 23, 20, 21});
  distribute(m, eves, &FY2025, KR(-252000));
  ck_assert_int_eq(m[11], KR(-21000));
  assert_symmetric(k, &FY2025, 987654321);
  tertial_key_free(k);
  tertial_key_free(eves);
}
END_TEST

/* Easter months: April 2025 (Easter 20 April) and April 2026 (Easter 5 April) both have 20
 * working days; in 2024 Easter straddles two months: March 20 (långfredag 29 March), April 21
 * (annandag påsk 1 April). 2024 (a leap year) by hand, weekdays minus weekday days off:
 * Jan 23-1 (1 Jan; 6 Jan a Saturday) = 22, Feb 21 (29 days from Thursday), Mar 21-1 = 20,
 * Apr 22-1 = 21, May 23-2 (1 May, Kristi himmelsfärdsdag 9 May) = 21, Jun 20-2 (nationaldagen 6,
 * midsommarafton 21) = 18, Jul 23, Aug 22, Sep 21, Oct 23, Nov 21 (alla helgons dag a Saturday),
 * Dec 22-4 (24, 25, 26, 31) = 18: 251 days. 251 kr is 1 kr a working day. */
START_TEST(test_working_days_easter_and_leap)
{
  tertial_key *k;
  T_OK(tertial_key_new_working_days(&k, "Arbetsdagar", TERTIAL_HOLIDAYS_DEFAULT));
  int64_t w[12], m[12];
  T_OK(tertial_key_weights(w, k, &FY2024));
  assert_months(w, (int64_t[12]){22, 21, 20, 21, 21, 18, 23, 22, 21, 23, 21, 18});
  distribute(m, k, &FY2024, KR(251));
  assert_months(m, (int64_t[12]){2200, 2100, 2000, 2100, 2100, 1800, 2300, 2200, 2100, 2300, 2100, 1800});
  T_OK(tertial_key_weights(w, k, &FY2026));
  ck_assert_int_eq(w[3], 20);
  T_OK(tertial_key_weights(w, k, &FY2025));
  ck_assert_int_eq(w[3], 20);
  tertial_key_free(k);
}
END_TEST

/* July 2025 - June 2026: 23 21 22 23 20 19 | 20 20 22 20 19 21 = 250 working days (2026 by hand:
 * January 1 Thursday, 22 weekdays minus 1 and 6 January = 20; February 20; March 22; April 20;
 * May 19; June: 22 weekdays minus midsommarafton 19 June = 21). 1 öre over 250 days goes to the
 * largest remainder: every month has remainder w (1 * w mod 250 = w), the largest 23, first
 * in July: month 0 gets it. */
START_TEST(test_working_days_july_june)
{
  tertial_key *k;
  T_OK(tertial_key_new_working_days(&k, "Arbetsdagar", TERTIAL_HOLIDAYS_DEFAULT));
  int64_t w[12], m[12];
  T_OK(tertial_key_weights(w, k, &FY2025_26));
  assert_months(w, (int64_t[12]){23, 21, 22, 23, 20, 19, 20, 20, 22, 20, 19, 21});
  distribute(m, k, &FY2025_26, KR(250000));
  ck_assert_int_eq(m[0], KR(23000));
  ck_assert_int_eq(m[9], KR(20000));
  distribute(m, k, &FY2025_26, 1);
  assert_months(m, (int64_t[12]){1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  distribute(m, k, &FY2025_26, -1);
  assert_months(m, (int64_t[12]){-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  /* A fiscal year reaching 2200 is outside the holiday years. */
  const tertial_fiscal_year late = {2199, 7};
  T_ERR(tertial_key_distribute(m, k, &late, 100), TERTIAL_ERR_RANGE);
  T_ERR(tertial_key_weights(w, k, &late), TERTIAL_ERR_RANGE);
  tertial_key_free(k);
  T_ERR(tertial_key_new_working_days(&k, "x", 4u), TERTIAL_ERR_INVALID);
  ck_assert_ptr_null(k);
}
END_TEST

/* ---- salary profile ------------------------------------------------------------------- */

/* 100 for every calendar month, 40 for July: Σ = 1 140. 1 140 000 kr: 100 000 kr a month,
 * July 40 000 kr; in a July-June year July is month 0. 1 000 öre: 100 000 / 1 140 = 87 rem 820
 * for a 100-month, 40 000 / 1 140 = 35 rem 100 for July; floors 11*87 + 35 = 992; the 8 öre go
 * to the 100-months (remainder 820), the earliest 8 by fiscal order. Calendar year: Jan-Jun,
 * Aug, Sep get 88; Oct-Dec 87; July 35. July-June year: Aug-Mar get 88, Apr-Jun 87, July 35. */
START_TEST(test_salary)
{
  const int64_t weights[12] = {100, 100, 100, 100, 100, 100, 40, 100, 100, 100, 100, 100};
  tertial_key *k;
  T_OK(tertial_key_new_salary(&k, "Lön", weights));
  ck_assert_int_eq(tertial_key_kind_of(k), TERTIAL_KEY_SALARY);
  int64_t m[12];
  distribute(m, k, &FY2026, KR(1140000));
  assert_months(m, (int64_t[12]){KR(100000), KR(100000), KR(100000), KR(100000), KR(100000), KR(100000),
                                 KR(40000), KR(100000), KR(100000), KR(100000), KR(100000), KR(100000)});
  distribute(m, k, &FY2025_26, KR(1140000));
  ck_assert_int_eq(m[0], KR(40000));
  ck_assert_int_eq(m[6], KR(100000));
  distribute(m, k, &FY2026, 1000);
  assert_months(m, (int64_t[12]){88, 88, 88, 88, 88, 88, 35, 88, 88, 87, 87, 87});
  distribute(m, k, &FY2025_26, 1000);
  assert_months(m, (int64_t[12]){35, 88, 88, 88, 88, 88, 88, 88, 88, 87, 87, 87});
  distribute(m, k, &FY2024, -1000);
  assert_months(m, (int64_t[12]){-88, -88, -88, -88, -88, -88, -35, -88, -88, -87, -87, -87});
  distribute(m, k, &FY2026, 0);
  assert_months(m, (int64_t[12]){0});
  tertial_key_free(k);
}
END_TEST

START_TEST(test_weight_errors)
{
  const int64_t negative[12] = {1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1};
  const int64_t zeros[12] = {0};
  tertial_key *k = (tertial_key *)1;
  T_ERR(tertial_key_new_salary(&k, "Lön", negative), TERTIAL_ERR_INVALID);
  ck_assert_ptr_null(k);
  T_ERR(tertial_key_new_salary(&k, "Lön", zeros), TERTIAL_ERR_INVALID);
  T_ERR(tertial_key_new_custom(&k, "Egen", zeros), TERTIAL_ERR_INVALID);
  T_ERR(tertial_key_new_custom(&k, "Egen", NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_key_new_equal(&k, ""), TERTIAL_ERR_INVALID);
  T_ERR(tertial_key_new_equal(&k, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_key_new_equal(NULL, "x"), TERTIAL_ERR_INVALID);
  int64_t min[12] = {0};
  min[5] = INT64_MIN;
  T_ERR(tertial_key_new_last_year(&k, "Fjolår", min), TERTIAL_ERR_INVALID);
  T_OK(tertial_key_new_equal(&k, "x"));
  int64_t m[12];
  const tertial_fiscal_year bad = {2026, 13};
  T_ERR(tertial_key_distribute(m, k, &bad, 100), TERTIAL_ERR_INVALID);
  T_ERR(tertial_key_distribute(m, k, NULL, 100), TERTIAL_ERR_INVALID);
  T_ERR(tertial_key_distribute(NULL, k, &FY2026, 100), TERTIAL_ERR_INVALID);
  T_ERR(tertial_key_distribute(m, NULL, &FY2026, 100), TERTIAL_ERR_INVALID);
  tertial_key_free(k);
  tertial_key_free(NULL);
  ck_assert_ptr_null(tertial_key_name(NULL));
}
END_TEST

/* ---- last year's outcome -------------------------------------------------------------- */

/* Last year 1 000 000 kr a month Jan-Nov and 800 000 kr in December (11 800 000 kr); this year
 * 5 900 000 kr is half of it: 500 000 kr Jan-Nov, 400 000 kr December. */
START_TEST(test_last_year_profile)
{
  int64_t last[12];
  for (int i = 0; i < 11; i++)
    last[i] = KR(1000000);
  last[11] = KR(800000);
  tertial_key *k;
  T_OK(tertial_key_new_last_year(&k, "Fjolår", last));
  ck_assert_int_eq(tertial_key_falls_back(k), 0);
  int64_t m[12];
  distribute(m, k, &FY2026, KR(5900000));
  for (int i = 0; i < 11; i++)
    ck_assert_int_eq(m[i], KR(500000));
  ck_assert_int_eq(m[11], KR(400000));
  /* Revenue this year, same shape. */
  distribute(m, k, &FY2026, KR(-5900000));
  ck_assert_int_eq(m[11], KR(-400000));
  /* The key follows fiscal months, so in a July-June year month 11 (June) is the small one. */
  distribute(m, k, &FY2025_26, KR(5900000));
  ck_assert_int_eq(m[11], KR(400000));
  tertial_key_free(k);
}
END_TEST

/* Last year was revenue: -300 in months 0-2, 0 elsewhere (total -900; every month is 0 or has
 * the total's sign, so no fallback): -900 öre this year goes -300 -300 -300 and 0 elsewhere. */
START_TEST(test_last_year_revenue_and_zero_months)
{
  const int64_t last[12] = {-300, -300, -300, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  tertial_key *k;
  T_OK(tertial_key_new_last_year(&k, "Fjolår", last));
  int64_t m[12];
  distribute(m, k, &FY2026, -900);
  assert_months(m, (int64_t[12]){-300, -300, -300, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  /* 100 öre: 33 rem 300 in each of months 0-2 (100 * 300 = 30 000 = 33 * 900 + 300); the 1 öre
   * left goes to month 0 (equal remainders: the earliest). */
  distribute(m, k, &FY2026, 100);
  assert_months(m, (int64_t[12]){34, 33, 33, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  tertial_key_free(k);
}
END_TEST

/* The documented fallback to equal twelfths: an empty year, a total of 0, a sign change. */
START_TEST(test_last_year_fallbacks)
{
  const int64_t empty[12] = {0};
  const int64_t cancels[12] = {500, -500, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const int64_t sign_change[12] = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, -50};
  const int64_t *cases[3] = {empty, cancels, sign_change};
  for (int c = 0; c < 3; c++) {
    tertial_key *k;
    T_OK(tertial_key_new_last_year(&k, "Fjolår", cases[c]));
    ck_assert_int_eq(tertial_key_falls_back(k), 1);
    int64_t m[12], w[12];
    T_OK(tertial_key_weights(w, k, &FY2026));
    assert_months(w, (int64_t[12]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    distribute(m, k, &FY2026, 100);
    assert_months(m, (int64_t[12]){9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8});
    tertial_key_free(k);
  }
  /* A key without its own amounts: falls back alone, follows the row's year when given one. */
  tertial_key *row;
  T_OK(tertial_key_new_last_year(&row, "Radens fjolår", NULL));
  ck_assert_int_eq(tertial_key_falls_back(row), 0);
  int64_t m[12];
  distribute(m, row, &FY2026, 100);
  assert_months(m, (int64_t[12]){9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8});
  const int64_t row_year[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7};
  T_OK(tertial_key_distribute_row(m, row, &FY2026, 100, row_year));
  assert_months(m, (int64_t[12]){0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100});
  T_OK(tertial_key_distribute_row(m, row, &FY2026, 100, sign_change));
  assert_months(m, (int64_t[12]){9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8});
  /* Other keys ignore the row's year. */
  tertial_key *eq;
  T_OK(tertial_key_new_equal(&eq, "Tolftedelar"));
  T_OK(tertial_key_distribute_row(m, eq, &FY2026, 12, row_year));
  assert_months(m, (int64_t[12]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  tertial_key_free(eq);
  tertial_key_free(row);
}
END_TEST

/* ---- custom weights ------------------------------------------------------------------- */

/* Weights by fiscal month 3 1 1 1 1 1 1 1 1 1 1 0 (Σ 13): 1 300 öre gives 300 100 ... 100 0.
 * In a July-June year the same key puts 300 in July. 10 öre: 30/13 = 2 rem 4, 10/13 = 0 rem 10
 * (ten months), 0 for the last; floors 2, 8 öre missing go to the remainder-10 months 1-8. */
START_TEST(test_custom)
{
  const int64_t w[12] = {3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
  tertial_key *k;
  T_OK(tertial_key_new_custom(&k, "Egen", w));
  ck_assert_int_eq(tertial_key_kind_of(k), TERTIAL_KEY_CUSTOM);
  int64_t m[12];
  distribute(m, k, &FY2024, 1300);
  assert_months(m, (int64_t[12]){300, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0});
  distribute(m, k, &FY2025_26, 1300);
  ck_assert_int_eq(m[0], 300);
  distribute(m, k, &FY2026, 10);
  assert_months(m, (int64_t[12]){2, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0});
  distribute(m, k, &FY2026, -10);
  assert_months(m, (int64_t[12]){-2, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0});
  distribute(m, k, &FY2026, 0);
  assert_months(m, (int64_t[12]){0});
  /* Huge weights stay exact. */
  const int64_t big[12] = {INT64_MAX, INT64_MAX, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  tertial_key *b;
  T_OK(tertial_key_new_custom(&b, "Stor", big));
  distribute(m, b, &FY2026, 3);
  assert_months(m, (int64_t[12]){2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  distribute(m, b, &FY2026, INT64_MIN);
  ck_assert_int_eq(m[11], 0);
  tertial_key_free(b);
  tertial_key_free(k);
}
END_TEST

/* ---- every key ------------------------------------------------------------------------ */

/* Properties every key keeps, on a leap year with Easter in March/April (2024) and a July-June
 * year with Easter in April (2025/26), for zero, small, odd and revenue amounts: the months sum
 * to the year, revenue mirrors cost, zero gives zeros, and each month is its exact share
 * annual * w / W rounded down or up (never further off than one öre). */
START_TEST(test_every_key_properties)
{
  const int64_t salary[12] = {100, 100, 100, 100, 100, 100, 40, 100, 100, 100, 100, 100};
  const int64_t last[12] = {-5, -7, -9, -11, -13, -15, -17, -19, -21, -23, -25, 0};
  const int64_t custom[12] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
  tertial_key *keys[6];
  T_OK(tertial_key_new_equal(&keys[0], "Tolftedelar"));
  T_OK(tertial_key_new_calendar_days(&keys[1], "Kalenderdagar"));
  T_OK(tertial_key_new_working_days(&keys[2], "Arbetsdagar", TERTIAL_HOLIDAYS_DEFAULT));
  T_OK(tertial_key_new_salary(&keys[3], "Lön", salary));
  T_OK(tertial_key_new_last_year(&keys[4], "Fjolår", last));
  T_OK(tertial_key_new_custom(&keys[5], "Egen", custom));
  const tertial_fiscal_year *years[2] = {&FY2024, &FY2025_26};
  const int64_t amounts[5] = {0, 100, 1234567, KR(-1000000) - 7, INT64_MAX};
  for (int k = 0; k < 6; k++)
    for (int y = 0; y < 2; y++)
      for (int a = 0; a < 5; a++) {
        int64_t m[12], w[12];
        distribute(m, keys[k], years[y], amounts[a]);
        assert_symmetric(keys[k], years[y], amounts[a]);
        T_OK(tertial_key_weights(w, keys[k], years[y]));
        __extension__ __int128 total = 0;
        for (int i = 0; i < 12; i++)
          total += w[i];
        for (int i = 0; i < 12; i++) {
          __extension__ __int128 share = (__int128)amounts[a] * w[i];
          __extension__ __int128 exact_floor = share / total - (share % total != 0 && share < 0);
          ck_assert_msg(m[i] == exact_floor || m[i] == exact_floor + 1, "key %s, month %d: %lld is not a rounding",
                        tertial_key_name(keys[k]), i, (long long)m[i]);
          if (amounts[a] == 0)
            ck_assert_int_eq(m[i], 0);
        }
      }
  for (int k = 0; k < 6; k++)
    tertial_key_free(keys[k]);
}
END_TEST

/* ---- key sets ------------------------------------------------------------------------- */

/* The fixture's organisation: K > SN > {IFO > {6410 HVB, 6420 FS}, AO > 6510 HT}. */
static tertial_keyset *fixture_keyset(void)
{
  const int64_t salary[12] = {100, 100, 100, 100, 100, 100, 40, 100, 100, 100, 100, 100};
  const int64_t custom[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  tertial_keyset *set;
  tertial_key *k;
  T_OK(tertial_keyset_new(&set));
  T_OK(tertial_key_new_salary(&k, "Lön", salary));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_calendar_days(&k, "Kalenderdagar"));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_working_days(&k, "Arbetsdagar", TERTIAL_HOLIDAYS_DEFAULT));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_custom(&k, "Egen", custom));
  T_OK(tertial_keyset_add(set, k));
  return set;
}

static const char *resolve(const tertial_keyset *set, const fixture *f, tertial_unit_id u, const char *account,
                           int period)
{
  const tertial_key *k = NULL;
  T_OK(tertial_keyset_resolve(&k, set, tertial_model_org(f->model), u, account, period));
  return tertial_key_name(k);
}

/* Rules: every unit, accounts 50-59 -> Lön; SN, every account -> Kalenderdagar; IFO, 46 ->
 * Arbetsdagar; HVB, 4610 -> Egen.
 * - (HVB, 4610): HVB's own rule -> Egen.
 * - (HVB, 4620): HVB has no matching rule, its parent IFO has 46 -> Arbetsdagar.
 * - (HVB, 5011): IFO's rule does not match; SN's rule for every account does, and a unit rule
 *   beats a rule for every unit whatever the prefix -> Kalenderdagar.
 * - (K, 5011): K has no rule and no ancestor -> the every-unit rule 50-59 -> Lön.
 * - (K, 3511): nothing matches -> the default Tolftedelar. */
START_TEST(test_resolve_inheritance)
{
  fixture f;
  fixture_build(&f);
  tertial_keyset *set = fixture_keyset();
  T_OK(tertial_keyset_assign(set, TERTIAL_NO_UNIT, "50", "59", "Lön"));
  T_OK(tertial_keyset_assign(set, f.sn, NULL, NULL, "Kalenderdagar"));
  T_OK(tertial_keyset_assign(set, f.ifo, "46", "46", "Arbetsdagar"));
  T_OK(tertial_keyset_assign(set, f.hvb, "4610", "4610", "Egen"));
  ck_assert_uint_eq(tertial_keyset_rule_count(set), 4);
  ck_assert_str_eq(resolve(set, &f, f.hvb, "4610", 202601), "Egen");
  ck_assert_str_eq(resolve(set, &f, f.hvb, "4620", 202601), "Arbetsdagar");
  ck_assert_str_eq(resolve(set, &f, f.fs, "4610", 202601), "Arbetsdagar");
  ck_assert_str_eq(resolve(set, &f, f.hvb, "5011", 202601), "Kalenderdagar");
  ck_assert_str_eq(resolve(set, &f, f.ht, "5011", 202601), "Kalenderdagar");
  ck_assert_str_eq(resolve(set, &f, f.k, "5011", 202601), "Lön");
  ck_assert_str_eq(resolve(set, &f, f.k, "3511", 202601), "Tolftedelar");
  /* An account shorter than a prefix is padded with zeros: "5" reads as 50. */
  ck_assert_str_eq(resolve(set, &f, f.k, "5", 202601), "Lön");
  /* A new default. */
  T_OK(tertial_keyset_set_default(set, "Egen"));
  ck_assert_str_eq(tertial_key_name(tertial_keyset_default(set)), "Egen");
  ck_assert_str_eq(resolve(set, &f, f.k, "3511", 202601), "Egen");
  tertial_keyset_free(set);
  fixture_free(&f);
}
END_TEST

/* Within one unit: the longest prefix wins, then the rule added last; re-assigning the same
 * unit and range replaces the key. SN: every account -> Kalenderdagar, 50-59 -> Lön (longer
 * prefix, wins for 5011), then 50-50 -> Egen (same length, added later: wins for 5011 but not
 * for 5511), then 5011-5011 -> Arbetsdagar (longest). */
START_TEST(test_resolve_prefix_specificity)
{
  fixture f;
  fixture_build(&f);
  tertial_keyset *set = fixture_keyset();
  T_OK(tertial_keyset_assign(set, f.sn, NULL, NULL, "Kalenderdagar"));
  T_OK(tertial_keyset_assign(set, f.sn, "50", "59", "Lön"));
  ck_assert_str_eq(resolve(set, &f, f.ht, "5011", 202601), "Lön");
  ck_assert_str_eq(resolve(set, &f, f.ht, "4010", 202601), "Kalenderdagar");
  T_OK(tertial_keyset_assign(set, f.sn, "50", "50", "Egen"));
  ck_assert_str_eq(resolve(set, &f, f.ht, "5011", 202601), "Egen");
  ck_assert_str_eq(resolve(set, &f, f.ht, "5511", 202601), "Lön");
  T_OK(tertial_keyset_assign(set, f.sn, "5011", "5011", "Arbetsdagar"));
  ck_assert_str_eq(resolve(set, &f, f.ht, "5011", 202601), "Arbetsdagar");
  ck_assert_str_eq(resolve(set, &f, f.ht, "50110", 202601), "Arbetsdagar");
  ck_assert_uint_eq(tertial_keyset_rule_count(set), 4);
  T_OK(tertial_keyset_assign(set, f.sn, "50", "59", "Tolftedelar"));
  ck_assert_uint_eq(tertial_keyset_rule_count(set), 4);
  ck_assert_str_eq(resolve(set, &f, f.ht, "5511", 202601), "Tolftedelar");
  tertial_keyset_free(set);
  fixture_free(&f);
}
END_TEST

/* The organisation of the period decides the ancestors: HT moves from AO to IFO in July 2026.
 * IFO's accounts 46 -> Arbetsdagar, AO every account -> Lön. */
START_TEST(test_resolve_reorganisation)
{
  fixture f;
  fixture_build(&f);
  tertial_keyset *set = fixture_keyset();
  T_OK(tertial_keyset_assign(set, f.ifo, "46", "46", "Arbetsdagar"));
  T_OK(tertial_keyset_assign(set, f.ao, NULL, NULL, "Lön"));
  T_OK(tertial_org_move(tertial_model_org(f.model), f.ht, f.ifo, 202607));
  ck_assert_str_eq(resolve(set, &f, f.ht, "4610", 202601), "Lön");
  ck_assert_str_eq(resolve(set, &f, f.ht, "4610", 202607), "Arbetsdagar");
  ck_assert_str_eq(resolve(set, &f, f.ht, "5011", 202607), "Tolftedelar");
  tertial_keyset_free(set);
  fixture_free(&f);
}
END_TEST

START_TEST(test_keyset_api)
{
  fixture f;
  fixture_build(&f);
  tertial_keyset *set = fixture_keyset();
  ck_assert_uint_eq(tertial_keyset_count(set), 5);
  ck_assert_str_eq(tertial_key_name(tertial_keyset_key(set, 0)), "Tolftedelar");
  ck_assert_str_eq(tertial_key_name(tertial_keyset_key(set, 4)), "Egen");
  ck_assert_ptr_null(tertial_keyset_key(set, 5));
  const tertial_key *found = NULL;
  T_OK(tertial_keyset_find(&found, set, "Arbetsdagar"));
  ck_assert_int_eq(tertial_key_kind_of(found), TERTIAL_KEY_WORKING_DAYS);
  T_ERR(tertial_keyset_find(&found, set, "Saknas"), TERTIAL_ERR_NOT_FOUND);
  /* A duplicate name: the set frees the key it was given (valgrind checks). */
  tertial_key *dup;
  T_OK(tertial_key_new_equal(&dup, "Lön"));
  T_ERR(tertial_keyset_add(set, dup), TERTIAL_ERR_EXISTS);
  T_ERR(tertial_keyset_add(set, NULL), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_keyset_count(set), 5);
  T_ERR(tertial_keyset_assign(set, f.sn, "50", "59", "Saknas"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_keyset_assign(set, f.sn, "5", "59", "Lön"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_keyset_assign(set, f.sn, "59", "50", "Lön"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_keyset_assign(set, f.sn, "5a", "59", "Lön"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_keyset_assign(set, f.sn, "50", NULL, "Lön"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_keyset_assign(set, f.sn, "12345678901", "12345678901", "Lön"), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_keyset_rule_count(set), 0);
  T_ERR(tertial_keyset_set_default(set, "Saknas"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_str_eq(tertial_key_name(tertial_keyset_default(set)), "Tolftedelar");
  const tertial_key *k = NULL;
  tertial_org *org = tertial_model_org(f.model);
  T_ERR(tertial_keyset_resolve(&k, set, org, 99, "4610", 202601), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_keyset_resolve(&k, set, org, f.hvb, "46x0", 202601), TERTIAL_ERR_INVALID);
  T_ERR(tertial_keyset_resolve(&k, set, org, f.hvb, "", 202601), TERTIAL_ERR_INVALID);
  T_ERR(tertial_keyset_resolve(&k, set, NULL, f.hvb, "4610", 202601), TERTIAL_ERR_INVALID);
  tertial_keyset_free(set);
  tertial_keyset_free(NULL);
  ck_assert_uint_eq(tertial_keyset_count(NULL), 0);
  fixture_free(&f);
}
END_TEST

/* The values and flags a key was made with come back as given: a salary key's weights by
 * calendar month even when the fiscal year starts in July (its weights there start with July's),
 * a last-year key's amounts with their signs (not the magnitudes it distributes by), and none
 * for the kinds made without values. */
START_TEST(test_key_values)
{
  const int64_t salary[12] = {100, 100, 100, 100, 100, 100, 40, 90, 100, 100, 100, 120};
  const int64_t revenue[12] = {-5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16};
  const int64_t mixed[12] = {10, -20, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const int64_t custom[12] = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
  int64_t v[12], w[12];
  tertial_key *k;
  T_OK(tertial_key_new_salary(&k, "Lön", salary));
  ck_assert_int_eq(tertial_key_values(v, k), 1);
  assert_months(v, salary);
  T_OK(tertial_key_weights(w, k, &FY2025_26));
  ck_assert_int_eq(w[0], 40); /* July first: the weights are not the values */
  ck_assert_int_eq(w[5], 120);
  ck_assert_uint_eq(tertial_key_holiday_flags(k), TERTIAL_HOLIDAYS_DEFAULT);
  tertial_key_free(k);
  T_OK(tertial_key_new_last_year(&k, "Fg år", revenue));
  ck_assert_int_eq(tertial_key_values(v, k), 1);
  assert_months(v, revenue);
  T_OK(tertial_key_weights(w, k, &FY2026));
  ck_assert_int_eq(w[0], 5);
  tertial_key_free(k);
  T_OK(tertial_key_new_last_year(&k, "Blandat", mixed));
  ck_assert_int_eq(tertial_key_falls_back(k), 1);
  ck_assert_int_eq(tertial_key_values(v, k), 1);
  assert_months(v, mixed);
  tertial_key_free(k);
  T_OK(tertial_key_new_custom(&k, "Egen", custom));
  ck_assert_int_eq(tertial_key_values(v, k), 1);
  assert_months(v, custom);
  tertial_key_free(k);
  T_OK(tertial_key_new_last_year(&k, "Radens fg år", NULL));
  v[3] = 77;
  ck_assert_int_eq(tertial_key_values(v, k), 0);
  assert_months(v, (int64_t[12]){0});
  tertial_key_free(k);
  T_OK(tertial_key_new_working_days(&k, "Aftnar", TERTIAL_HOLIDAYS_EVES_WORKING));
  ck_assert_int_eq(tertial_key_values(v, k), 0);
  ck_assert_uint_eq(tertial_key_holiday_flags(k), TERTIAL_HOLIDAYS_EVES_WORKING);
  tertial_key_free(k);
  T_OK(tertial_key_new_working_days(&k, "Arbetsdagar", TERTIAL_HOLIDAYS_DEFAULT));
  ck_assert_uint_eq(tertial_key_holiday_flags(k), TERTIAL_HOLIDAYS_DEFAULT);
  tertial_key_free(k);
  T_OK(tertial_key_new_calendar_days(&k, "Dagar"));
  ck_assert_int_eq(tertial_key_values(v, k), 0);
  T_ERR(tertial_key_values(NULL, k), TERTIAL_ERR_INVALID);
  T_ERR(tertial_key_values(v, NULL), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_key_holiday_flags(NULL), TERTIAL_HOLIDAYS_DEFAULT);
  tertial_key_free(k);
}
END_TEST

/* The rules read back in the order added, a replaced key in its rule's place, and assigning
 * them in that order to another set rebuilds a set that resolves alike. */
START_TEST(test_rule_at)
{
  fixture f;
  fixture_build(&f);
  tertial_keyset *set = fixture_keyset();
  T_OK(tertial_keyset_assign(set, TERTIAL_NO_UNIT, "50", "59", "Lön"));
  T_OK(tertial_keyset_assign(set, f.sn, NULL, NULL, "Kalenderdagar"));
  T_OK(tertial_keyset_assign(set, f.ifo, "46", "46", "Arbetsdagar"));
  T_OK(tertial_keyset_assign(set, f.hvb, "4610", "4610", "Egen"));
  T_OK(tertial_keyset_assign(set, f.sn, "50", "50", "Egen"));
  T_OK(tertial_keyset_assign(set, TERTIAL_NO_UNIT, "50", "59", "Arbetsdagar")); /* replaces rule 0's key */
  ck_assert_uint_eq(tertial_keyset_rule_count(set), 5);
  tertial_unit_id u = 0;
  const char *from = "x", *to = "x";
  const tertial_key *key = NULL;
  T_OK(tertial_keyset_rule_at(&u, &from, &to, &key, set, 0));
  ck_assert_uint_eq(u, TERTIAL_NO_UNIT);
  ck_assert_str_eq(from, "50");
  ck_assert_str_eq(to, "59");
  ck_assert_str_eq(tertial_key_name(key), "Arbetsdagar");
  T_OK(tertial_keyset_rule_at(&u, &from, &to, &key, set, 1));
  ck_assert_uint_eq(u, f.sn);
  ck_assert_ptr_null(from);
  ck_assert_ptr_null(to);
  ck_assert_str_eq(tertial_key_name(key), "Kalenderdagar");
  T_OK(tertial_keyset_rule_at(&u, &from, &to, &key, set, 3));
  ck_assert_uint_eq(u, f.hvb);
  ck_assert_str_eq(from, "4610");
  ck_assert_str_eq(tertial_key_name(key), "Egen");
  T_OK(tertial_keyset_rule_at(&u, NULL, &to, NULL, set, 4));
  ck_assert_uint_eq(u, f.sn);
  ck_assert_str_eq(to, "50");
  T_ERR(tertial_keyset_rule_at(&u, &from, &to, &key, set, 5), TERTIAL_ERR_RANGE);
  T_ERR(tertial_keyset_rule_at(&u, &from, &to, &key, NULL, 0), TERTIAL_ERR_INVALID);
  /* rebuild */
  tertial_keyset *copy = fixture_keyset();
  for (size_t i = 0; i < tertial_keyset_rule_count(set); i++) {
    T_OK(tertial_keyset_rule_at(&u, &from, &to, &key, set, i));
    T_OK(tertial_keyset_assign(copy, u, from, to, tertial_key_name(key)));
  }
  ck_assert_uint_eq(tertial_keyset_rule_count(copy), 5);
  const tertial_unit_id units[] = {f.k, f.sn, f.ifo, f.hvb, f.fs, f.ao, f.ht};
  const char *accounts[] = {"3511", "4610", "4620", "5011", "5", "5511", "59999"};
  for (size_t a = 0; a < sizeof units / sizeof *units; a++)
    for (size_t b = 0; b < sizeof accounts / sizeof *accounts; b++)
      ck_assert_str_eq(resolve(copy, &f, units[a], accounts[b], 202601),
                       resolve(set, &f, units[a], accounts[b], 202601));
  /* hand-checked: HT (under AO under SN) 5011 -> SN's 50-50 Egen; K 5011 -> every unit's
   * 50-59, now Arbetsdagar; HVB 4620 -> IFO's 46 */
  ck_assert_str_eq(resolve(copy, &f, f.ht, "5011", 202601), "Egen");
  ck_assert_str_eq(resolve(copy, &f, f.k, "5011", 202601), "Arbetsdagar");
  ck_assert_str_eq(resolve(copy, &f, f.hvb, "4620", 202601), "Arbetsdagar");
  tertial_keyset_free(copy);
  tertial_keyset_free(set);
  fixture_free(&f);
}
END_TEST

static Suite *keys_suite(void)
{
  Suite *s = suite_create("keys");
  TCase *tc = tcase_create("equal");
  tcase_add_test(tc, test_equal_rounding);
  tcase_add_test(tc, test_equal_extremes);
  suite_add_tcase(s, tc);

  tc = tcase_create("days");
  tcase_add_test(tc, test_calendar_days_leap_year);
  tcase_add_test(tc, test_calendar_days_rounding);
  tcase_add_test(tc, test_calendar_days_july_june);
  tcase_add_test(tc, test_working_days_2025);
  tcase_add_test(tc, test_working_days_easter_and_leap);
  tcase_add_test(tc, test_working_days_july_june);
  suite_add_tcase(s, tc);

  tc = tcase_create("weights");
  tcase_add_test(tc, test_salary);
  tcase_add_test(tc, test_weight_errors);
  tcase_add_test(tc, test_last_year_profile);
  tcase_add_test(tc, test_last_year_revenue_and_zero_months);
  tcase_add_test(tc, test_last_year_fallbacks);
  tcase_add_test(tc, test_custom);
  tcase_add_test(tc, test_every_key_properties);
  tcase_add_test(tc, test_key_values);
  suite_add_tcase(s, tc);

  tc = tcase_create("keyset");
  tcase_add_test(tc, test_resolve_inheritance);
  tcase_add_test(tc, test_resolve_prefix_specificity);
  tcase_add_test(tc, test_resolve_reorganisation);
  tcase_add_test(tc, test_keyset_api);
  tcase_add_test(tc, test_rule_at);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return testutil_run(keys_suite());
}
