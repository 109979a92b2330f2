#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "report_fixture.h"

static char *render(fixture *f, tertial_unit_id u, int cutoff, tertial_followup_view view,
                    const tertial_text_options *o)
{
  tertial_followup_options fo = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  fo.view = view;
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, f->model, u, cutoff, &fo));
  char *s = NULL;
  T_OK(tertial_render_text(&s, t, o));
  tertial_followup_free(t);
  if (getenv("TERTIAL_SHOW"))
    fputs(s, stderr);
  return s;
}

/* The line of the rendered text that starts with `prefix` (after indentation). */
static const char *line_starting(const char *text, const char *prefix)
{
  for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
    const char *q = p;
    while (*q == ' ')
      q++;
    if (strncmp(q, prefix, strlen(prefix)) == 0)
      return p;
  }
  ck_abort_msg("no line starting with %s in:\n%s", prefix, text);
  return NULL;
}

/* A line with indentation dropped and every gap of two or more spaces written as '|'
 * (a blank cell widens a gap, so it shows as one field fewer). */
static void expect_fields(const char *text, const char *prefix, const char *fields)
{
  const char *l = line_starting(text, prefix);
  char norm[512];
  size_t k = 0;
  while (*l == ' ')
    l++;
  for (; *l && *l != '\n' && k + 1 < sizeof norm; l++) {
    if (l[0] == ' ' && l[1] == ' ') {
      while (l[1] == ' ')
        l++;
      norm[k++] = '|';
    } else {
      norm[k++] = *l;
    }
  }
  norm[k] = '\0';
  ck_assert_str_eq(norm, fields);
}

START_TEST(test_children_table)
{
  fixture f;
  fixture_build(&f);
  char *s = render(&f, f.sn, 4, TERTIAL_VIEW_CHILDREN, NULL);
  ck_assert_ptr_nonnull(strstr(s, "Socialnämnden: utfall t.o.m. april 2026, tkr\n"));
  ck_assert_ptr_nonnull(strstr(s, "Ack utfall  Ack budget  Ack budgetavvikelse  Årets budget  Förbrukat %"));
  /* tkr with a space between thousands, share with a decimal comma, '*' where the budget stood in */
  expect_fields(s, "Socialnämnden (egen)", "Socialnämnden (egen)|400|400|0|1 200|33,33|1 200*|0|0");
  expect_fields(s, "Individ- och", "Individ- och familjeomsorg|2 610|4 000|1 390|12 000|21,75|10 000*|2 000|0");
  expect_fields(s, "Summa", "Summa|6 810|8 400|1 590|25 200|27,02|23 200*|2 000|11 800");
  ck_assert_ptr_nonnull(strstr(s, "* prognos saknas: årets budget används\n"));
  tertial_free(s);
  fixture_free(&f);
}
END_TEST

START_TEST(test_rows_table_english)
{
  fixture f;
  fixture_build(&f);
  tertial_text_options o = TERTIAL_TEXT_OPTIONS_INIT;
  o.english = 1;
  o.unit = TERTIAL_UNIT_MKR;
  o.decimals = 1;
  char *s = render(&f, f.sn, 4, TERTIAL_VIEW_ROWS, &o);
  /* the scale in English words (issue 19), as the workbook's title says it */
  ck_assert_ptr_nonnull(strstr(s, "Socialnämnden: outcome to April 2026, SEK million\n"));
  ck_assert_ptr_null(strstr(s, "mkr"));
  /* Revenue: -7,69 mkr -> -7,7; deviation from the displayed figures: -4,0 - (-7,7) = 3,7 */
  expect_fields(s, "Bidrag", "Bidrag|-7,7|-4,0|3,7|-12,0|64,08|-20,0|8,0|0,0");
  /* Zero budget: the share is blank. Internal rows have no forecast: blank cells. */
  expect_fields(s, "Övriga intäkter", "Övriga intäkter|0,0|0,0|0,0|0,0|0,0|0,0|0,0" /* 7 fields: share blank */);
  expect_fields(s, "varav interna kostnader", "varav interna kostnader|0,4|0,4|0,0|1,2|33,33|1,2|0,0|0,0" /* forecast at the budget */);
  expect_fields(s, "NETTORESULTAT", "NETTORESULTAT|6,8|8,4|1,6|25,2|27,02|23,2*|2,0|11,8");
  tertial_free(s);
  fixture_free(&f);
}
END_TEST

START_TEST(test_sum_preserving)
{
  /* Three units of 1 400 kr: rounded alone 1 + 1 + 1 tkr, but the total is 4 tkr. */
  tertial_model *m;
  tertial_unit_id p = small_model(&m, KR(1400), 1, 0);
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, m, p, 1, NULL));
  char *s;
  T_OK(tertial_render_text(&s, t, NULL));
  /* Largest remainder gives the extra thousand to C (1 402 kr has the largest remainder). */
  expect_fields(s, "A ", "A|1|0|-1|0|0*|0|0");
  expect_fields(s, "C ", "C|2|0|-2|0|0*|0|0");
  expect_fields(s, "Summa", "Summa|4|0|-4|0|0*|0|0");
  tertial_free(s);
  tertial_text_options o = TERTIAL_TEXT_OPTIONS_INIT;
  o.sum_preserving = 0;
  T_OK(tertial_render_text(&s, t, &o));
  expect_fields(s, "C ", "C|1|0|-1|0|0*|0|0");
  tertial_free(s);
  o = (tertial_text_options)TERTIAL_TEXT_OPTIONS_INIT;
  o.decimals = 4;
  T_ERR(tertial_render_text(&s, t, &o), TERTIAL_ERR_RANGE);
  o.decimals = 0;
  o.version = 0;
  T_ERR(tertial_render_text(&s, t, &o), TERTIAL_ERR_INVALID);
  tertial_followup_free(t);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_unallocated_budget)
{
  fixture f;
  fixture_build(&f);
  /* IFO keeps 500 000 kr of its budget unallocated (booked on IFO itself). */
  tertial_account_id a;
  T_OK(tertial_chart_find(&a, tertial_model_chart(f.model), "4610"));
  T_OK(tertial_ledger_add(tertial_model_ledger(f.model), f.ifo, a, 11, tertial_model_current_budget(f.model),
                          KR(500000)));
  char *s = render(&f, f.ifo, 4, TERTIAL_VIEW_CHILDREN, NULL);
  expect_fields(s, "Ej fördelat", "Ej fördelat|0|0|0|500|0,00|500*|0|0");
  /* forecast: HVB 10 000 + 6420 0 + the unallocated 500 standing in for itself */
  expect_fields(s, "Summa", "Summa|2 610|4 000|1 390|12 500|20,88|10 500*|2 000|0");
  tertial_free(s);
  fixture_free(&f);
}
END_TEST

START_TEST(test_subtree_and_partial)
{
  fixture f;
  fixture_build(&f);
  T_OK(tertial_org_move(tertial_model_org(f.model), f.fs, f.ao, 202603));
  char *s = render(&f, f.k, 4, TERTIAL_VIEW_SUBTREE, NULL);
  /* indentation by depth */
  ck_assert_ptr_nonnull(strstr(s, "\n      HVB barn och unga "));
  tertial_free(s);
  s = render(&f, f.ifo, 4, TERTIAL_VIEW_CHILDREN, NULL);
  ck_assert_ptr_nonnull(strstr(s, "Försörjningsstöd (del av året)"));
  tertial_free(s);
  fixture_free(&f);
}
END_TEST

/* User text on a terminal: a name with ESC (colours, an xterm title), a newline that would forge a
 * table line, TAB, CR, a C1 CSI, U+2028, a bidi override and invalid UTF-8. Each control shows as
 * one U+FFFD, so the label keeps its place and width. */
START_TEST(test_hostile_labels)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2026, 1));
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id p, u;
  T_OK(tertial_org_add_unit(&p, org, "P", "N\xc3\xa4mnd\x1b]0;x\x07", TERTIAL_NO_UNIT, 0, NULL));
  static const char *const names[] = {
    "a\x1b[31mred", "ny\nSumma  999", "t\tc\rr", "c1\xc2\x9b" "2J", "ls\xe2\x80\xa8x", "\xe2\x80\xae" "bidi",
    "bad\xff",
  };
  tertial_account_id a;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), "4010"));
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    char code[4];
    snprintf(code, sizeof code, "U%zu", i);
    T_OK(tertial_org_add_unit(&u, org, code, names[i], p, 1, NULL));
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, TERTIAL_MEASURE_OUTCOME, KR(1000)));
  }
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, m, p, 1, NULL));
  char *s;
  T_OK(tertial_render_text(&s, t, NULL));
#define FFFD "\xef\xbf\xbd"
#define FIGURES "1           0                   -1             0                          0*                 0           0\n"
  ck_assert_str_eq(s, "N\xc3\xa4mnd" FFFD "]0;x" FFFD ": utfall t.o.m. januari 2026, tkr\n"
                      "                 Ack utfall  Ack budget  Ack budgetavvikelse  \xc3\x85rets budget  "
                      "F\xc3\xb6rbrukat %  \xc3\x85rets prognos  Prognosavvikelse  Fg bokslut\n"
                      "  a" FFFD "[31mred               " FIGURES
                      "  ny" FFFD "Summa  999           " FIGURES
                      "  t" FFFD "c" FFFD "r                   " FIGURES
                      "  c1" FFFD "2J                   " FIGURES
                      "  ls" FFFD "x                    " FIGURES
                      "  " FFFD "bidi                   " FIGURES
                      "  bad" FFFD "                    " FIGURES
                      "Summa                     7           0                   -7             0                          0*"
                      "                 0           0\n"
                      "* prognos saknas: \xc3\xa5rets budget anv\xc3\xa4nds\n");
  tertial_free(s);
  tertial_followup_free(t);
  tertial_model_free(m);
}
END_TEST

/* The round's texts of Socialnämnden at JANOKT wrapped to 60 columns: headings with who and
 * when, texts indented by two spaces, words whole; the row comment "=1+1" of 4331 as it is. */
START_TEST(test_comments)
{
  tertial_model *m = report_demo_round();
  tertial_report *r = report_demo_texts(m, "3");
  char *s;
  T_OK(tertial_render_text_comments(&s, r, 60));
  static const char expected_head[] =
      "Socialnämnden: Kommentarer, Januari–oktober\n"
      "\n"
      "Sammanfattning — Eva Andersson, 2026-11-02\n"
      "  Socialnämnden prognostiserar ett underskott mot budget för\n"
      "  helåret. Underskottet finns inom individ- och\n"
      "  familjeomsorgen, där placeringarna av barn och unga på\n"
      "  HVB-hem har ökat sedan våren. Övriga verksamheter håller i\n"
      "  stort sin budget.\n"
      "\n"
      "Ekonomisk analys och prognos — Eva Andersson, 2026-11-02\n";
  ck_assert_int_eq(strncmp(s, expected_head, strlen(expected_head)), 0);
  ck_assert_ptr_nonnull(strstr(s, "\nKommentar: Köp av verksamhet — Eva Andersson, 2026-11-02\n"
                                  "  Fler placeringar på HVB-hem för barn och unga än\n"
                                  "  budgeterat, i genomsnitt fyra fler än i fjol.\n"));
  ck_assert_ptr_nonnull(strstr(s, "\nStatus: Godkänd, eskalerad till nästa nivå — Karin Lind,\n2026-11-10\n"));
  size_t chars = 0; /* no line is wider than 60 characters (UTF-8 lead bytes) */
  for (const char *p = s; *p; p++) {
    if (*p == '\n')
      chars = 0;
    else if (((unsigned char)*p & 0xC0) != 0x80)
      ck_assert_uint_le(++chars, 60);
  }
  ck_assert_int_eq(s[strlen(s) - 1], '\n');
  tertial_free(s);
  T_OK(tertial_render_text_comments(&s, r, 0)); /* 100 columns */
  ck_assert_ptr_nonnull(strstr(s, "\n  Socialnämnden prognostiserar ett underskott mot budget för helåret. Underskottet finns inom\n"));
  tertial_free(s);
  T_ERR(tertial_render_text_comments(&s, r, 19), TERTIAL_ERR_RANGE);
  T_ERR(tertial_render_text_comments(&s, r, -1), TERTIAL_ERR_RANGE);
  T_ERR(tertial_render_text_comments(&s, NULL, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_text_comments(NULL, r, 0), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  r = report_demo_texts(m, "4331");
  T_OK(tertial_render_text_comments(&s, r, 0));
  ck_assert_ptr_nonnull(strstr(s, "\nKommentar: Köp av verksamhet — Maria Andersson, 2026-"));
  ck_assert_ptr_nonnull(strstr(s, "\n  =1+1\n"));
  tertial_free(s);
  tertial_report_free(r);
  /* no texts section: nothing */
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(m), "5223"));
  T_OK(tertial_report_new(&r, m, u, 10, NULL));
  T_OK(tertial_render_text_comments(&s, r, 0));
  ck_assert_str_eq(s, "");
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST


static char *render_report(fixture *f, const tertial_text_options *o)
{
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_ROWS) |
                TERTIAL_SECTION_BIT(TERTIAL_SECTION_REASONS);
  tertial_report *r;
  T_OK(tertial_report_new(&r, f->model, f->sn, 4, &ro));
  char *s = NULL;
  T_OK(tertial_render_text_report(&s, r, o));
  tertial_report_free(r);
  if (getenv("TERTIAL_SHOW"))
    fputs(s, stderr);
  return s;
}

/* A report's follow-up tables in the terminal: as tertial_render_text() draws the tables, and as
 * a presentation shows them (columns, signs, deviation sign, unit, headers). */
START_TEST(test_report_presentation)
{
  fixture f;
  fixture_build(&f);
  char *s = render_report(&f, NULL);
  ck_assert_ptr_nonnull(strstr(s, "Socialnämnden: Ekonomiskt resultat per verksamhet, utfall t.o.m. april 2026, tkr\n"));
  ck_assert_ptr_nonnull(strstr(s, "\n\nSocialnämnden: Ekonomiskt resultat, utfall t.o.m. april 2026, tkr\n"));
  ck_assert_ptr_null(strstr(s, "Prognosens avvikelse")); /* not a follow-up table */
  expect_fields(s, "Socialnämnden (egen)", "Socialnämnden (egen)|400|400|0|1 200|33,33|1 200*|0|0");
  expect_fields(s, "Individ- och", "Individ- och familjeomsorg|2 610|4 000|1 390|12 000|21,75|10 000*|2 000|0");
  expect_fields(s, "Summa", "Summa|6 810|8 400|1 590|25 200|27,02|23 200*|2 000|11 800");
  expect_fields(s, "NETTORESULTAT", "NETTORESULTAT|6 810|8 400|1 590|25 200|27,02|23 200*|2 000|11 800");
  ck_assert_ptr_nonnull(strstr(s, "* prognos saknas: årets budget används\n"));
  tertial_free(s);

  /* kronor, costs negative, outcome − budget, four columns in the presentation's order */
  tertial_presentation *p;
  T_OK(tertial_presentation_parse(&p, "columns = forecast, outcome_acc, remaining, deviation_acc\n"
                                      "signs = costs-negative\ndeviation = outcome-minus-budget\nunit = kr\n"
                                      "header.forecast = Helårsprognos\nheader.remaining = \x1b[31mKvar\n", "p.txt"));
  tertial_text_options o = TERTIAL_TEXT_OPTIONS_INIT;
  o.presentation = p;
  s = render_report(&f, &o);
  ck_assert_ptr_nonnull(strstr(s, "Socialnämnden: Ekonomiskt resultat per verksamhet, utfall t.o.m. april 2026, kr\n"));
  /* the header is shown safely: ESC as U+FFFD */
  ck_assert_ptr_nonnull(strstr(s, "Helårsprognos  Ack utfall    \xEF\xBF\xBD[31mKvar  Ack budgetavvikelse\n"));
  ck_assert_ptr_null(strstr(s, "\x1b"));
  /* 23 200 tkr of forecast, 6 810 of outcome, 25 200 − 6 810 = 18 390 remaining, negated; the
   * deviation 8 400 − 6 810 = 1 590 turned to outcome − budget */
  expect_fields(s, "Summa", "Summa|-23 200 000*|-6 810 000|-18 390 000|-1 590 000");
  expect_fields(s, "Individ- och", "Individ- och familjeomsorg|-10 000 000*|-2 610 000|-9 390 000|-1 390 000");
  tertial_free(s);
  tertial_presentation_free(p);

  /* Återstår and the deviation from the shown amounts (both turned: costs negative, outcome −
   * budget, so the deviation is the shown Ack budget less the shown Ack utfall) */
  T_OK(tertial_presentation_parse(&p, "columns = budget_year, outcome_acc, remaining, budget_acc, deviation_acc\n"
                                      "signs = costs-negative\ndeviation = outcome-minus-budget\nunit = mnkr\n"
                                      "decimals = 1\n", "p.txt"));
  o.presentation = p;
  s = render_report(&f, &o);
  expect_fields(s, "Summa", "Summa|-25,2|-6,8|-18,4|-8,4|-1,6");
  expect_fields(s, "Individ- och", "Individ- och familjeomsorg|-12,0|-2,6|-9,4|-4,0|-1,4");
  tertial_free(s);
  tertial_presentation_free(p);

  /* a version-1 struct (no presentation) and an unknown version */
  tertial_text_options v1 = TERTIAL_TEXT_OPTIONS_INIT;
  v1.version = 1;
  v1.unit = TERTIAL_UNIT_MKR;
  v1.decimals = 1;
  s = render_report(&f, &v1);
  /* Förbrukat % of the shown amounts, as in the Word document: 6,8 / 25,2 */
  expect_fields(s, "Summa", "Summa|6,8|8,4|1,6|25,2|26,98|23,2*|2,0|11,8");
  tertial_free(s);
  tertial_report *r;
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, NULL));
  v1.version = TERTIAL_TEXT_OPTIONS_VERSION + 1;
  T_ERR(tertial_render_text_report(&s, r, &v1), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_text_report(NULL, r, NULL), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("render_text");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_children_table);
  tcase_add_test(tc, test_rows_table_english);
  tcase_add_test(tc, test_sum_preserving);
  tcase_add_test(tc, test_subtree_and_partial);
  tcase_add_test(tc, test_unallocated_budget);
  tcase_add_test(tc, test_hostile_labels);
  tcase_add_test(tc, test_comments);
  tcase_add_test(tc, test_report_presentation);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
