/* Tests of the money module: checked arithmetic, parsing, rounding, formatting and
 * sum-preserving rounding. Expected values are computed by hand in the comments. */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"
#define MINUS "\xE2\x88\x92"

/* Assert that the last error message contains a fragment. */
static void assert_msg_has(const char *fragment)
{
  const char *msg = tertial_error_last();
  ck_assert_msg(strstr(msg, fragment) != NULL, "message \"%s\" lacks \"%s\"", msg, fragment);
}

/* ---------------------------------------------------------------------------------- */
/* Arithmetic                                                                          */
/* ---------------------------------------------------------------------------------- */

START_TEST(test_add_sub)
{
  int64_t r = 7;
  T_OK(tertial_money_add(&r, 124350, -4350));
  ck_assert_int_eq(r, 120000);
  T_OK(tertial_money_sub(&r, 1000, 2500));
  ck_assert_int_eq(r, -1500);
  T_OK(tertial_money_add(&r, INT64_MAX, INT64_MIN));
  ck_assert_int_eq(r, -1);
  T_OK(tertial_money_sub(&r, -1, INT64_MAX));
  ck_assert_int_eq(r, INT64_MIN);
}
END_TEST

START_TEST(test_add_sub_overflow)
{
  int64_t r = 7;
  T_ERR(tertial_money_add(&r, INT64_MAX, 1), TERTIAL_ERR_OVERFLOW);
  ck_assert_int_eq(tertial_error_last_code(), TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_add(&r, INT64_MIN, -1), TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_sub(&r, INT64_MIN, 1), TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_sub(&r, 0, INT64_MIN), TERTIAL_ERR_OVERFLOW);
  ck_assert_int_eq(r, 7); /* unchanged on error */
  T_ERR(tertial_money_add(NULL, 1, 2), TERTIAL_ERR_INVALID);
  T_ERR(tertial_money_sub(NULL, 1, 2), TERTIAL_ERR_INVALID);
}
END_TEST

START_TEST(test_mul)
{
  int64_t r = 7;
  T_OK(tertial_money_mul(&r, 12345, 31)); /* 31 days at 123,45 kr */
  ck_assert_int_eq(r, 382695);
  T_OK(tertial_money_mul(&r, -250, 4));
  ck_assert_int_eq(r, -1000);
  T_ERR(tertial_money_mul(&r, INT64_MAX / 2 + 1, 2), TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_mul(&r, INT64_MIN, -1), TERTIAL_ERR_OVERFLOW);
  ck_assert_int_eq(r, -1000);
  T_ERR(tertial_money_mul(NULL, 1, 2), TERTIAL_ERR_INVALID);
}
END_TEST

START_TEST(test_scale)
{
  int64_t r = 7;
  T_OK(tertial_money_scale(&r, 100000, 1234, 1000)); /* 1000 kr * 1,234 */
  ck_assert_int_eq(r, 123400);
  T_OK(tertial_money_scale(&r, 1000, 1, 3)); /* 333,33.. */
  ck_assert_int_eq(r, 333);
  T_OK(tertial_money_scale(&r, 200, 1, 3)); /* 66,67 */
  ck_assert_int_eq(r, 67);
  T_OK(tertial_money_scale(&r, 5, 1, 2)); /* 2,5 -> 3 */
  ck_assert_int_eq(r, 3);
  T_OK(tertial_money_scale(&r, -5, 1, 2)); /* -2,5 -> -3 */
  ck_assert_int_eq(r, -3);
  T_OK(tertial_money_scale(&r, 5, -1, 2));
  ck_assert_int_eq(r, -3);
  T_OK(tertial_money_scale(&r, 5, 1, -2));
  ck_assert_int_eq(r, -3);
  T_OK(tertial_money_scale(&r, -5, -1, 2));
  ck_assert_int_eq(r, 3);
  T_OK(tertial_money_scale(&r, -7, 1, 3)); /* -2,33 -> -2 */
  ck_assert_int_eq(r, -2);
  /* The product needs more than 64 bits but the result fits. */
  T_OK(tertial_money_scale(&r, INT64_MAX, 3, 3));
  ck_assert_int_eq(r, INT64_MAX);
  T_OK(tertial_money_scale(&r, INT64_MIN, INT64_MIN, INT64_MIN));
  ck_assert_int_eq(r, INT64_MIN);
}
END_TEST

START_TEST(test_scale_errors)
{
  int64_t r = 7;
  T_ERR(tertial_money_scale(&r, INT64_MAX, 3, 2), TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_scale(&r, INT64_MIN, 1, -1), TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_scale(&r, 100, 1, 0), TERTIAL_ERR_INVALID);
  assert_msg_has("denominator is 0");
  T_ERR(tertial_money_scale(NULL, 100, 1, 2), TERTIAL_ERR_INVALID);
  ck_assert_int_eq(r, 7);
}
END_TEST

/* ---------------------------------------------------------------------------------- */
/* Parsing                                                                             */
/* ---------------------------------------------------------------------------------- */

static void check_parse(const char *text, tertial_money_style style, int64_t expected)
{
  int64_t r = 12345;
  int rc = tertial_money_parse(&r, text, style);
  ck_assert_msg(rc == 0, "parse \"%s\" (style %d) returned %d: %s", text, (int)style, rc,
                tertial_error_last());
  ck_assert_msg(r == expected, "parse \"%s\" (style %d) gave %lld, expected %lld", text,
                (int)style, (long long)r, (long long)expected);
}

/* Expect a PARSE error whose message names the given column; out stays unchanged. */
static void check_parse_error(const char *text, tertial_money_style style, int column)
{
  int64_t r = 12345;
  char col[32];
  int rc = tertial_money_parse(&r, text, style);
  ck_assert_msg(rc == TERTIAL_ERR_PARSE, "parse \"%s\" (style %d) returned %d, expected PARSE",
                text, (int)style, rc);
  ck_assert_int_eq(tertial_error_last_code(), TERTIAL_ERR_PARSE);
  snprintf(col, sizeof col, "at column %d,", column);
  assert_msg_has(col);
  ck_assert_int_eq(r, 12345);
}

START_TEST(test_parse_sie)
{
  check_parse("-1243.50", TERTIAL_MONEY_SIE, -124350);
  check_parse("1243", TERTIAL_MONEY_SIE, 124300);
  check_parse("1243.5", TERTIAL_MONEY_SIE, 124350);
  check_parse("+12.34", TERTIAL_MONEY_SIE, 1234);
  check_parse("  -0.05 \t\n", TERTIAL_MONEY_SIE, -5);
  check_parse("0", TERTIAL_MONEY_SIE, 0);
  check_parse("-0.00", TERTIAL_MONEY_SIE, 0);
  check_parse("007.1", TERTIAL_MONEY_SIE, 710);
  check_parse("12.500", TERTIAL_MONEY_SIE, 1250); /* extra zero decimals are exact */
  check_parse("12.50000", TERTIAL_MONEY_SIE, 1250);
}
END_TEST

START_TEST(test_parse_swedish)
{
  check_parse("-1 243,50", TERTIAL_MONEY_SWEDISH, -124350);
  check_parse("1243,50", TERTIAL_MONEY_SWEDISH, 124350);
  check_parse("1243", TERTIAL_MONEY_SWEDISH, 124300);
  check_parse("1" NBSP "243" NBSP "567,8", TERTIAL_MONEY_SWEDISH, 124356780);
  check_parse("12" NNBSP "500", TERTIAL_MONEY_SWEDISH, 1250000);
  check_parse(MINUS "8 449", TERTIAL_MONEY_SWEDISH, -844900);
  check_parse(MINUS "0,5", TERTIAL_MONEY_SWEDISH, -50);
  check_parse("1 000" NBSP "000" NNBSP "000", TERTIAL_MONEY_SWEDISH, 100000000000);
  check_parse("  1 243 \t", TERTIAL_MONEY_SWEDISH, 124300); /* trailing space, not a group */
  check_parse("+78,40", TERTIAL_MONEY_SWEDISH, 7840);
  check_parse("12,500", TERTIAL_MONEY_SWEDISH, 1250);
}
END_TEST

START_TEST(test_parse_any)
{
  check_parse("1243.50", TERTIAL_MONEY_ANY, 124350);
  check_parse("-12.5", TERTIAL_MONEY_ANY, -1250);
  check_parse("1 243,50", TERTIAL_MONEY_ANY, 124350);
  check_parse("1243", TERTIAL_MONEY_ANY, 124300);
  check_parse("1 243", TERTIAL_MONEY_ANY, 124300);
  check_parse(MINUS "5", TERTIAL_MONEY_ANY, -500);
  check_parse_error("1.243,50", TERTIAL_MONEY_ANY, 2);
  check_parse_error("1,243.50", TERTIAL_MONEY_ANY, 5); /* third decimal 3 */
  check_parse_error("1,200.50", TERTIAL_MONEY_ANY, 6);
}
END_TEST

START_TEST(test_parse_style_mismatch)
{
  check_parse_error("1 243.50", TERTIAL_MONEY_SIE, 2);
  check_parse_error("1243,50", TERTIAL_MONEY_SIE, 5);
  check_parse_error(MINUS "5", TERTIAL_MONEY_SIE, 1);
  assert_msg_has("U+2212");
  check_parse_error("1" NBSP "243", TERTIAL_MONEY_SIE, 2);
  assert_msg_has("U+00A0");
  check_parse_error("1243.50", TERTIAL_MONEY_SWEDISH, 5);
}
END_TEST

START_TEST(test_parse_malformed)
{
  int64_t r = 0;
  T_ERR(tertial_money_parse(&r, "12,5x", TERTIAL_MONEY_SWEDISH), TERTIAL_ERR_PARSE);
  assert_msg_has("amount \"12,5x\": unexpected 'x' at column 5, expected a digit");

  check_parse_error("", TERTIAL_MONEY_SIE, 1);
  assert_msg_has("end of text");
  check_parse_error("   ", TERTIAL_MONEY_SWEDISH, 4);
  check_parse_error("-", TERTIAL_MONEY_SIE, 2);
  check_parse_error("+", TERTIAL_MONEY_SWEDISH, 2);
  check_parse_error(MINUS, TERTIAL_MONEY_SWEDISH, 2);
  check_parse_error("- 5", TERTIAL_MONEY_SIE, 2);
  check_parse_error("--5", TERTIAL_MONEY_SIE, 2);
  /* two decimal marks */
  check_parse_error("1.2.3", TERTIAL_MONEY_SIE, 4);
  assert_msg_has("only one decimal mark");
  check_parse_error("1,2,3", TERTIAL_MONEY_SWEDISH, 4);
  /* a decimal mark needs digits on both sides */
  check_parse_error("12.", TERTIAL_MONEY_SIE, 4);
  check_parse_error(".5", TERTIAL_MONEY_SIE, 1);
  check_parse_error("-.5", TERTIAL_MONEY_SIE, 2);
  check_parse_error("12,", TERTIAL_MONEY_SWEDISH, 4);
  check_parse_error(",5", TERTIAL_MONEY_SWEDISH, 1);
  /* letters */
  check_parse_error("abc", TERTIAL_MONEY_SIE, 1);
  check_parse_error("12kr", TERTIAL_MONEY_SIE, 3);
  check_parse_error("1e5", TERTIAL_MONEY_ANY, 2);
  check_parse_error("12.5 kr", TERTIAL_MONEY_SIE, 5);
  /* non-zero third decimal would need rounding */
  check_parse_error("12.505", TERTIAL_MONEY_SIE, 6);
  assert_msg_has("unexpected '5'");
  check_parse_error("1 243,5001", TERTIAL_MONEY_SWEDISH, 10);
}
END_TEST

START_TEST(test_parse_groups)
{
  check_parse_error("1 24,00", TERTIAL_MONEY_SWEDISH, 5);
  assert_msg_has("exactly 3 digits");
  check_parse_error("12  000", TERTIAL_MONEY_SWEDISH, 4);
  check_parse_error("1 2434", TERTIAL_MONEY_SWEDISH, 6);
  check_parse_error("1234 567", TERTIAL_MONEY_SWEDISH, 5);
}
END_TEST

START_TEST(test_parse_groups_more)
{
  check_parse(" 1 243", TERTIAL_MONEY_SWEDISH, 124300);
  check_parse_error("12" NBSP, TERTIAL_MONEY_SWEDISH, 4); /* NBSP is no trailing space */
  check_parse_error("1 243 ,50", TERTIAL_MONEY_SWEDISH, 7);
  check_parse_error("1 ,50", TERTIAL_MONEY_SWEDISH, 3);
  check_parse_error(" 1\t243", TERTIAL_MONEY_SWEDISH, 3);
  check_parse_error("1,200 5", TERTIAL_MONEY_SWEDISH, 6);
  /* Columns count characters: the NBSP is one column. "1", NBSP, "243", ",", "5", "x". */
  check_parse_error("1" NBSP "243,5x", TERTIAL_MONEY_SWEDISH, 8);
  check_parse_error(MINUS "1" NNBSP "24", TERTIAL_MONEY_SWEDISH, 6);
}
END_TEST

START_TEST(test_parse_overflow)
{
  int64_t r = 5;
  check_parse("92233720368547758.07", TERTIAL_MONEY_SIE, INT64_MAX);
  check_parse("-92233720368547758.08", TERTIAL_MONEY_SIE, INT64_MIN);
  check_parse(MINUS "92 233 720 368 547 758,08", TERTIAL_MONEY_SWEDISH, INT64_MIN);
  T_ERR(tertial_money_parse(&r, "-92233720368547758.09", TERTIAL_MONEY_SIE),
        TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_parse(&r, "92233720368547758.08", TERTIAL_MONEY_SIE),
        TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_parse(&r, "100000000000000000", TERTIAL_MONEY_SIE),
        TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_parse(&r, "123456789012345678901234567890123456789012",
                            TERTIAL_MONEY_ANY),
        TERTIAL_ERR_OVERFLOW);
  T_ERR(tertial_money_parse(&r, "-1 000 000 000 000 000 000", TERTIAL_MONEY_SWEDISH),
        TERTIAL_ERR_OVERFLOW);
  ck_assert_int_eq(r, 5);
  /* Syntax is checked before range: a malformed huge number is a PARSE error. */
  check_parse_error("99999999999999999999x", TERTIAL_MONEY_SIE, 21);
}
END_TEST

START_TEST(test_parse_invalid)
{
  int64_t r = 5;
  T_ERR(tertial_money_parse(NULL, "1", TERTIAL_MONEY_SIE), TERTIAL_ERR_INVALID);
  T_ERR(tertial_money_parse(&r, NULL, TERTIAL_MONEY_SIE), TERTIAL_ERR_INVALID);
  T_ERR(tertial_money_parse(&r, "1", (tertial_money_style)9), TERTIAL_ERR_INVALID);
  ck_assert_int_eq(r, 5);
}
END_TEST

/* ---------------------------------------------------------------------------------- */
/* Rounding and formatting                                                             */
/* ---------------------------------------------------------------------------------- */

static int64_t rounded(int64_t ore, tertial_money_unit unit, int decimals)
{
  int64_t r = 0;
  T_OK(tertial_money_round(&r, ore, unit, decimals));
  return r;
}

START_TEST(test_round)
{
  ck_assert_int_eq(rounded(1234567, TERTIAL_UNIT_TKR, 1), 123); /* 12,34567 tkr */
  ck_assert_int_eq(rounded(150, TERTIAL_UNIT_KR, 0), 2);
  ck_assert_int_eq(rounded(-150, TERTIAL_UNIT_KR, 0), -2);
  ck_assert_int_eq(rounded(149, TERTIAL_UNIT_KR, 0), 1);
  ck_assert_int_eq(rounded(-149, TERTIAL_UNIT_KR, 0), -1);
  ck_assert_int_eq(rounded(50000, TERTIAL_UNIT_TKR, 0), 1);
  ck_assert_int_eq(rounded(-50000, TERTIAL_UNIT_TKR, 0), -1);
  ck_assert_int_eq(rounded(49999, TERTIAL_UNIT_TKR, 0), 0);
  ck_assert_int_eq(rounded(1234567890, TERTIAL_UNIT_MKR, 1), 123);   /* 12,3456789 mkr */
  ck_assert_int_eq(rounded(1234567890, TERTIAL_UNIT_MKR, 3), 12346); /* 12,346 */
  ck_assert_int_eq(rounded(12345678, TERTIAL_UNIT_TKR, 3), 123457); /* 123,457 tkr */
  ck_assert_int_eq(rounded(-124350, TERTIAL_UNIT_KR, 2), -124350);
  ck_assert_int_eq(rounded(INT64_MIN, TERTIAL_UNIT_KR, 2), INT64_MIN);
  /* 92 233 720 368 547,75807 tkr */
  ck_assert_int_eq(rounded(INT64_MAX, TERTIAL_UNIT_TKR, 0), 92233720368548);
  ck_assert_int_eq(rounded(INT64_MIN, TERTIAL_UNIT_TKR, 0), -92233720368548);
}
END_TEST

START_TEST(test_round_errors)
{
  int64_t r = 5;
  T_ERR(tertial_money_round(&r, 100, TERTIAL_UNIT_KR, 3), TERTIAL_ERR_RANGE);
  assert_msg_has("below 1 öre");
  T_ERR(tertial_money_round(&r, 100, TERTIAL_UNIT_TKR, 4), TERTIAL_ERR_RANGE);
  T_ERR(tertial_money_round(&r, 100, TERTIAL_UNIT_TKR, -1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_money_round(&r, 100, (tertial_money_unit)3, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_money_round(NULL, 100, TERTIAL_UNIT_KR, 0), TERTIAL_ERR_INVALID);
  ck_assert_int_eq(r, 5);
}
END_TEST

/* Format into a roomy buffer and compare; also checks the returned length. */
static void check_format(int64_t ore, tertial_money_unit unit, int decimals,
                         const char *expected)
{
  char buf[32];
  int n = tertial_money_format(buf, sizeof buf, ore, unit, decimals);
  ck_assert_msg(n >= 0, "format %lld returned %d: %s", (long long)ore, n,
                tertial_error_last());
  ck_assert_str_eq(buf, expected);
  ck_assert_int_eq(n, (int)strlen(expected));
}

START_TEST(test_format_reports)
{
  check_format(1250000000, TERTIAL_UNIT_TKR, 0, "12 500");
  check_format(-844900000, TERTIAL_UNIT_TKR, 0, "-8 449");
  check_format(7840, TERTIAL_UNIT_KR, 2, "78,40");
  check_format(7840000, TERTIAL_UNIT_TKR, 2, "78,40");
  check_format(1234567890, TERTIAL_UNIT_MKR, 1, "12,3");
  check_format(-1234567890, TERTIAL_UNIT_MKR, 1, "-12,3");
  check_format(12345678, TERTIAL_UNIT_TKR, 3, "123,457");
  check_format(123456789012, TERTIAL_UNIT_KR, 0, "1 234 567 890");
  check_format(100000000, TERTIAL_UNIT_KR, 0, "1 000 000");
  check_format(99999, TERTIAL_UNIT_KR, 0, "1 000"); /* 999,99 kr */
  check_format(100, TERTIAL_UNIT_KR, 2, "1,00");
  check_format(5, TERTIAL_UNIT_KR, 2, "0,05");
  check_format(-5, TERTIAL_UNIT_KR, 2, "-0,05");
  check_format(INT64_MAX, TERTIAL_UNIT_KR, 2, "92 233 720 368 547 758,07");
  check_format(INT64_MIN, TERTIAL_UNIT_KR, 2, "-92 233 720 368 547 758,08");
}
END_TEST

START_TEST(test_format_half_away_no_minus_zero)
{
  check_format(50000, TERTIAL_UNIT_TKR, 0, "1");   /* 0,5 tkr */
  check_format(-50000, TERTIAL_UNIT_TKR, 0, "-1"); /* -0,5 tkr */
  check_format(125000000, TERTIAL_UNIT_MKR, 1, "1,3");   /* 1,25 mkr */
  check_format(-125000000, TERTIAL_UNIT_MKR, 1, "-1,3"); /* -1,25 mkr */
  check_format(150, TERTIAL_UNIT_KR, 0, "2");
  check_format(-250, TERTIAL_UNIT_KR, 0, "-3");
  check_format(-400, TERTIAL_UNIT_TKR, 0, "0");
  check_format(-49999, TERTIAL_UNIT_TKR, 0, "0");
  check_format(-4999, TERTIAL_UNIT_TKR, 1, "0,0");
  check_format(0, TERTIAL_UNIT_MKR, 2, "0,00");
  check_format(0, TERTIAL_UNIT_KR, 0, "0");
}
END_TEST

START_TEST(test_format_buffer)
{
  char buf[8];
  memset(buf, 'X', sizeof buf);
  T_ERR(tertial_money_format(buf, 6, 1250000000, TERTIAL_UNIT_TKR, 0), TERTIAL_ERR_BUFFER);
  ck_assert_str_eq(buf, "");
  ck_assert_int_eq(tertial_money_format(buf, 7, 1250000000, TERTIAL_UNIT_TKR, 0), 6);
  ck_assert_str_eq(buf, "12 500");
  memset(buf, 'X', sizeof buf);
  T_ERR(tertial_money_format(buf, 0, 0, TERTIAL_UNIT_KR, 0), TERTIAL_ERR_BUFFER);
  ck_assert_int_eq(buf[0], 'X'); /* size 0: nothing written */
  T_ERR(tertial_money_format(buf, sizeof buf, 1, TERTIAL_UNIT_KR, 3), TERTIAL_ERR_RANGE);
  ck_assert_str_eq(buf, "");
  T_ERR(tertial_money_format(buf, sizeof buf, 1, (tertial_money_unit)-1, 0),
        TERTIAL_ERR_INVALID);
  T_ERR(tertial_money_format(NULL, 8, 1, TERTIAL_UNIT_KR, 0), TERTIAL_ERR_INVALID);
}
END_TEST

/* ---------------------------------------------------------------------------------- */
/* Sum-preserving rounding                                                             */
/* ---------------------------------------------------------------------------------- */

/* Round a vector and compare with hand-computed parts. */
static void check_vector(const int64_t *values, size_t n, tertial_money_unit unit,
                         int decimals, const int64_t *expected)
{
  int64_t out[8];
  ck_assert_uint_le(n, 8);
  T_OK(tertial_money_round_vector(out, values, n, unit, decimals));
  for (size_t i = 0; i < n; i++)
    ck_assert_msg(out[i] == expected[i], "part %zu is %lld, expected %lld", i,
                  (long long)out[i], (long long)expected[i]);
}

START_TEST(test_vector_fixes_total)
{
  /* 1 234,56 + 2 345,67 + 3 456,78 tkr = 7 037,01 tkr. Rounded one by one the rows
   * show 1 235 + 2 346 + 3 457 = 7 038, one tkr more than the rounded total 7 037.
   * Floors 1 234 + 2 345 + 3 456 = 7 035; the 2 missing tkr go to the largest
   * remainders (0,78 and 0,67), so the first row shows 1 234. */
  const int64_t v[] = {123456000, 234567000, 345678000};
  const int64_t naive[] = {1235, 2346, 3457};
  const int64_t want[] = {1234, 2346, 3457};
  int64_t total, sum = 0, naive_sum = 0;
  check_vector(v, 3, TERTIAL_UNIT_TKR, 0, want);
  T_OK(tertial_money_round(&total, v[0] + v[1] + v[2], TERTIAL_UNIT_TKR, 0));
  ck_assert_int_eq(total, 7037);
  for (size_t i = 0; i < 3; i++) {
    ck_assert_int_eq(rounded(v[i], TERTIAL_UNIT_TKR, 0), naive[i]);
    naive_sum += naive[i];
    sum += want[i];
  }
  ck_assert_int_eq(naive_sum, total + 1);
  ck_assert_int_eq(sum, total);
}
END_TEST

START_TEST(test_vector_in_place)
{
  int64_t v[] = {123456000, 234567000, 345678000};
  T_OK(tertial_money_round_vector(v, v, 3, TERTIAL_UNIT_TKR, 0));
  ck_assert_int_eq(v[0], 1234);
  ck_assert_int_eq(v[1], 2346);
  ck_assert_int_eq(v[2], 3457);
}
END_TEST

START_TEST(test_vector_negative)
{
  /* -1 234,56 + 2 345,67 - 0,5 tkr = 1 110,61 -> 1 111. Floors -1 235 (rest 0,44),
   * 2 345 (rest 0,67), -1 (rest 0,5) sum to 1 109; +1 to rests 0,67 and 0,5. */
  const int64_t v[] = {-123456000, 234567000, -50000};
  const int64_t want[] = {-1235, 2346, 0};
  check_vector(v, 3, TERTIAL_UNIT_TKR, 0, want);
  /* -1,4 tkr x 3 = -4,2 -> -4. Floors -2 each (rest 0,6); two get +1, earlier first.
   * Naive rounding would show -1 -1 -1 = -3. */
  const int64_t w[] = {-140000, -140000, -140000};
  const int64_t want_w[] = {-1, -1, -2};
  check_vector(w, 3, TERTIAL_UNIT_TKR, 0, want_w);
  /* -0,5 tkr alone: the total rounds half away to -1. */
  const int64_t x[] = {-50000, 0};
  const int64_t want_x[] = {-1, 0};
  check_vector(x, 2, TERTIAL_UNIT_TKR, 0, want_x);
}
END_TEST

START_TEST(test_vector_ties)
{
  /* 4 x 0,5 tkr = 2: two steps for four equal remainders go to the first two. */
  const int64_t v[] = {50000, 50000, 50000, 50000};
  const int64_t want[] = {1, 1, 0, 0};
  check_vector(v, 4, TERTIAL_UNIT_TKR, 0, want);
  /* -0,5 - 0,5 = -1: floors -1, -1; the one step goes to the earlier entry. */
  const int64_t w[] = {-50000, -50000};
  const int64_t want_w[] = {0, -1};
  check_vector(w, 2, TERTIAL_UNIT_TKR, 0, want_w);
  /* 0,5 tkr total rounds up (half away): the tie between 0,25 and 0,25 goes first. */
  const int64_t x[] = {25000, 25000, 0};
  const int64_t want_x[] = {1, 0, 0};
  check_vector(x, 3, TERTIAL_UNIT_TKR, 0, want_x);
  /* Larger remainder beats earlier index: 0,3 vs 0,7 -> the second one gets the step. */
  const int64_t y[] = {30000, 70000};
  const int64_t want_y[] = {0, 1};
  check_vector(y, 2, TERTIAL_UNIT_TKR, 0, want_y);
}
END_TEST

START_TEST(test_vector_edges)
{
  /* 0,99 + 0,99 kr = 1,98 -> 2: every entry gets a step. */
  const int64_t v[] = {99, 99};
  const int64_t want[] = {1, 1};
  check_vector(v, 2, TERTIAL_UNIT_KR, 0, want);
  /* Öre precision is the identity, even at the int64 limits. */
  const int64_t w[] = {INT64_MIN, INT64_MAX, -1};
  check_vector(w, 3, TERTIAL_UNIT_KR, 2, w);
  /* The sum exceeds int64 but is exact on 128 bits: 2 x 92 233 720 368 547,75807 tkr
   * = 184 467 440 737 095,51614 -> ...096; floors sum to ...094, both get a step. */
  const int64_t x[] = {INT64_MAX, INT64_MAX};
  const int64_t want_x[] = {92233720368548, 92233720368548};
  check_vector(x, 2, TERTIAL_UNIT_TKR, 0, want_x);
  /* mkr with 1 decimal: 1,24 + 1,24 + 1,24 = 3,72 -> 37 tenths; floors 12 x 3 = 36. */
  const int64_t y[] = {124000000, 124000000, 124000000};
  const int64_t want_y[] = {13, 12, 12};
  check_vector(y, 3, TERTIAL_UNIT_MKR, 1, want_y);
}
END_TEST

START_TEST(test_vector_errors)
{
  int64_t out[2] = {5, 5};
  const int64_t v[] = {1, 2};
  T_OK(tertial_money_round_vector(NULL, NULL, 0, TERTIAL_UNIT_TKR, 0));
  T_ERR(tertial_money_round_vector(out, NULL, 2, TERTIAL_UNIT_TKR, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_money_round_vector(NULL, v, 2, TERTIAL_UNIT_TKR, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_money_round_vector(out, v, 2, TERTIAL_UNIT_KR, 3), TERTIAL_ERR_RANGE);
  T_ERR(tertial_money_round_vector(out, v, 2, TERTIAL_UNIT_TKR, 4), TERTIAL_ERR_RANGE);
  T_ERR(tertial_money_round_vector(out, v, 2, (tertial_money_unit)5, 0), TERTIAL_ERR_INVALID);
  ck_assert_int_eq(out[0], 5);
  ck_assert_int_eq(out[1], 5);
}
END_TEST

/* Deterministic pseudo-random numbers (64-bit LCG), so failures reproduce. */
static uint64_t lcg_next(uint64_t *state)
{
  *state = *state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
  return *state >> 11;
}

/* Reference largest remainder: O(n^2), picking the max remainder (earliest on ties). */
static void reference_round(int64_t *out, const int64_t *v, size_t n, int64_t step)
{
  int64_t rem[16], sum = 0, floors = 0;
  bool given[16] = {false};
  for (size_t i = 0; i < n; i++) {
    out[i] = v[i] / step;
    rem[i] = v[i] % step;
    if (rem[i] < 0) {
      out[i]--;
      rem[i] += step;
    }
    sum += v[i];
    floors += out[i];
  }
  int64_t total = sum >= 0 ? (sum + step / 2) / step : -((-sum + step / 2) / step);
  for (int64_t k = total - floors; k > 0; k--) {
    size_t best = n;
    for (size_t i = 0; i < n; i++)
      if (!given[i] && (best == n || rem[i] > rem[best]))
        best = i;
    given[best] = true;
    out[best]++;
  }
}

START_TEST(test_vector_matches_reference)
{
  uint64_t seed = 42;
  int64_t v[16], got[16], want[16];
  for (int round = 0; round < 500; round++) {
    size_t n = (size_t)(lcg_next(&seed) % 17);
    for (size_t i = 0; i < n; i++) /* ±10 tkr, on a coarse grid so ties happen */
      v[i] = (int64_t)(lcg_next(&seed) % 2001) * 1000 - 1000000;
    T_OK(tertial_money_round_vector(got, v, n, TERTIAL_UNIT_TKR, 0));
    reference_round(want, v, n, 100000);
    for (size_t i = 0; i < n; i++)
      ck_assert_msg(got[i] == want[i], "round %d part %zu: %lld, expected %lld", round, i,
                    (long long)got[i], (long long)want[i]);
  }
}
END_TEST

START_TEST(test_vector_large)
{
  /* 200 000 rows: checks the sum property and that it runs in O(n log n) time. */
  enum { N = 200000 };
  int64_t *v = malloc(N * sizeof *v), *out = malloc(N * sizeof *out);
  ck_assert_ptr_nonnull(v);
  ck_assert_ptr_nonnull(out);
  uint64_t seed = 7;
  int64_t sum = 0, total, parts = 0;
  for (size_t i = 0; i < N; i++) {
    v[i] = (int64_t)(lcg_next(&seed) % 100000000) - 50000000;
    sum += v[i];
  }
  T_OK(tertial_money_round_vector(out, v, N, TERTIAL_UNIT_TKR, 1));
  T_OK(tertial_money_round(&total, sum, TERTIAL_UNIT_TKR, 1));
  for (size_t i = 0; i < N; i++) {
    int64_t lo = v[i] >= 0 ? v[i] / 10000 : -((-v[i] + 9999) / 10000);
    ck_assert(out[i] == lo || out[i] == lo + 1);
    parts += out[i];
  }
  ck_assert_int_eq(parts, total);
  free(v);
  free(out);
}
END_TEST

static Suite *money_suite(void)
{
  Suite *s = suite_create("money");
  TCase *tc = tcase_create("arithmetic");
  tcase_add_test(tc, test_add_sub);
  tcase_add_test(tc, test_add_sub_overflow);
  tcase_add_test(tc, test_mul);
  tcase_add_test(tc, test_scale);
  tcase_add_test(tc, test_scale_errors);
  suite_add_tcase(s, tc);

  tc = tcase_create("parse");
  tcase_add_test(tc, test_parse_sie);
  tcase_add_test(tc, test_parse_swedish);
  tcase_add_test(tc, test_parse_any);
  tcase_add_test(tc, test_parse_style_mismatch);
  tcase_add_test(tc, test_parse_malformed);
  tcase_add_test(tc, test_parse_groups);
  tcase_add_test(tc, test_parse_groups_more);
  tcase_add_test(tc, test_parse_overflow);
  tcase_add_test(tc, test_parse_invalid);
  suite_add_tcase(s, tc);

  tc = tcase_create("round_format");
  tcase_add_test(tc, test_round);
  tcase_add_test(tc, test_round_errors);
  tcase_add_test(tc, test_format_reports);
  tcase_add_test(tc, test_format_half_away_no_minus_zero);
  tcase_add_test(tc, test_format_buffer);
  suite_add_tcase(s, tc);

  tc = tcase_create("round_vector");
  tcase_add_test(tc, test_vector_fixes_total);
  tcase_add_test(tc, test_vector_in_place);
  tcase_add_test(tc, test_vector_negative);
  tcase_add_test(tc, test_vector_ties);
  tcase_add_test(tc, test_vector_edges);
  tcase_add_test(tc, test_vector_errors);
  tcase_add_test(tc, test_vector_matches_reference);
  tcase_add_test(tc, test_vector_large);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return testutil_run(money_suite());
}
