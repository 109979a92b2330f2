/* Case folding without allocation (lib/base/casefold.c) against GLib's, which it replaces in the
 * readers of plan files: every character folded as g_utf8_casefold() folds it, and every
 * character's key as g_utf8_casefold() + g_utf8_normalize(NFKD) + letters and digits make it. */
#include <glib.h>
#include <string.h>

#include "testutil.h"

#include "casefold.h"

/* The key as plan_read.c made it with GLib's allocating functions. */
static char *glib_key(const char *s)
{
  char *folded = g_utf8_casefold(s, -1), *decomposed = g_utf8_normalize(folded, -1, G_NORMALIZE_NFKD);
  GString *key = g_string_new(NULL);
  for (const char *p = decomposed; *p; p = g_utf8_next_char(p))
    if (g_unichar_isalnum(g_utf8_get_char(p)))
      g_string_append_unichar(key, g_utf8_get_char(p));
  g_free(folded);
  g_free(decomposed);
  return g_string_free(key, FALSE);
}

static void expect_key(const char *s, const char *want)
{
  tertial_strbuf sb = {0};
  T_OK(tertial__sb_append_fold_key(&sb, s));
  char *glib = glib_key(s);
  ck_assert_str_eq(sb.data, glib);
  if (want)
    ck_assert_str_eq(sb.data, want);
  g_free(glib);
  tertial__sb_clear(&sb);
}

START_TEST(test_every_character_folds_as_glib)
{
  long special = 0, checked = 0;
  for (uint32_t c = 1; c < 0x110000; c++) {
    if (c >= 0xD800 && c < 0xE000)
      continue;
    char in[8] = "", mine[32] = "";
    in[g_unichar_to_utf8(c, in)] = '\0';
    uint32_t f[3];
    int n = tertial__casefold_char(c, f), len = 0;
    ck_assert_int_ge(n, 1);
    ck_assert_int_le(n, 3);
    for (int i = 0; i < n; i++)
      len += g_unichar_to_utf8(f[i], mine + len);
    char *glib = g_utf8_casefold(in, -1);
    ck_assert_msg(strcmp(mine, glib) == 0, "U+%04X folds to %s, GLib to %s", c, mine, glib);
    special += n > 1 || f[0] != g_unichar_tolower(c);
    g_free(glib);
    expect_key(in, NULL);
    checked++;
  }
  ck_assert_int_eq(checked, 0x110000 - 1 - 0x800);
  ck_assert_int_eq(special, 254); /* the characters whose folding is not their lower case */
}
END_TEST

START_TEST(test_keys_of_headers)
{
  expect_key("Objekt in", "objektin");
  expect_key("Nämnd", "namnd");
  expect_key("Kostnad (tkr)", "kostnadtkr");
  expect_key("2028 (tkr)", "2028tkr");
  expect_key("Proceß", "process");
  expect_key("\xe2\x85\xa0n", "in");         /* Roman numeral one, then n */
  expect_key("\xe2\x92\xb6r", "ar");         /* circled A */
  expect_key("\xe3\x8e\x85", "KB");          /* SQUARE KB decomposes to capitals after folding */
  expect_key("#  ", "");
  expect_key("", "");
}
END_TEST

START_TEST(test_equal_once_folded)
{
  ck_assert_int_eq(tertial__casefold_equal("MÅTTLIG", "måttlig"), 1);
  ck_assert_int_eq(tertial__casefold_equal("PROCESS", "proceß"), 1);
  ck_assert_int_eq(tertial__casefold_equal("\xef\xac\x81nal", "FINAL"), 1); /* the ligature fi */
  ck_assert_int_eq(tertial__casefold_equal("\xc4\xb0ndivid", "individ"), 0); /* İ folds to i + dot above */
  ck_assert_int_eq(tertial__casefold_equal("okt", "oktober"), 0);
  ck_assert_int_eq(tertial__casefold_equal("oktober", "okt"), 0);
  ck_assert_int_eq(tertial__casefold_equal("", ""), 1);
}
END_TEST

/* A text folded into a buffer, and a search in folded texts, as g_utf8_casefold() and strstr()
 * of its results give them. */
static void expect_contains(const char *text, const char *part, int want)
{
  char *t = g_utf8_casefold(text, -1), *p = g_utf8_casefold(part, -1);
  ck_assert_msg((strstr(t, p) != NULL) == want, "\"%s\" in \"%s\"", part, text); /* the expectation is GLib's too */
  ck_assert_int_eq(tertial__casefold_contains(text, part), want);
  tertial_strbuf sb = {0};
  T_OK(tertial__sb_append_casefold(&sb, text));
  ck_assert_str_eq(sb.data, t);
  tertial__sb_clear(&sb);
  g_free(t);
  g_free(p);
}

START_TEST(test_folded_text_and_search)
{
  expect_contains("Kommunstyrelsen", "STYR", 1);
  expect_contains("Barn- och utbildningsnämnden", "NÄMND", 1);
  expect_contains("Barn- och utbildningsnämnden", "namnd", 0);
  expect_contains("Straße", "SSE", 1);   /* ß folds to ss */
  expect_contains("Maß", "as", 1);       /* a match that starts inside ß's folding */
  expect_contains("Maß", "ß", 1);
  expect_contains("\xef\xac\x81nans", "FIN", 1); /* the ligature fi folds to f, i */
  expect_contains("ekonom", "ekonomer", 0);
  expect_contains("abc", "", 1);
  expect_contains("", "a", 0);
  expect_contains("", "", 1);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("casefold");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_every_character_folds_as_glib);
  tcase_add_test(tc, test_keys_of_headers);
  tcase_add_test(tc, test_equal_once_folded);
  tcase_add_test(tc, test_folded_text_and_search);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
