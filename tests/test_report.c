#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "report_fixture.h"

static const tertial_report_section *section_of(const tertial_report *r, tertial_report_section_kind kind)
{
  size_t i;
  T_OK(tertial_report_find_section(&i, r, kind));
  return tertial_report_section_at(r, i);
}

static const char *text_at(const tertial_report_section *s, size_t line, size_t col)
{
  return tertial_report_cell_at(s, line, col)->text;
}

static int64_t value_at(const tertial_report_section *s, size_t line, size_t col)
{
  const tertial_report_cell *c = tertial_report_cell_at(s, line, col);
  ck_assert_msg(c->present, "cell %zu,%zu of %s is empty", line, col, s->key);
  return c->value;
}

static tertial_report *fixture_report(fixture *f, const tertial_report_options *o)
{
  tertial_report *r;
  T_OK(tertial_report_new(&r, f->model, f->sn, 4, o));
  return r;
}

START_TEST(test_sections_and_key_figures)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.previous_point = "JANFEB";
  tertial_report *r = fixture_report(&f, &o);
  ck_assert_str_eq(tertial_report_title(r), "Socialnämnden");
  ck_assert_str_eq(tertial_report_unit_code(r), "SN");
  ck_assert_str_eq(tertial_report_subtitle(r), "Utfall t.o.m. april 2026, Tertial 1");
  ck_assert_str_eq(tertial_report_point_code(r), "T1");
  ck_assert_str_eq(tertial_report_point_name(r), "Tertial 1");
  ck_assert_int_eq(tertial_report_cutoff(r), 4);
  ck_assert_int_eq(tertial_report_cutoff_period(r), 202604);
  ck_assert_int_eq(tertial_report_english(r), 0);
  ck_assert_int_eq(tertial_report_depth(r), 0);
  ck_assert_uint_eq(tertial_report_unit(r), f.sn);
  static const char *const keys[] = {"key_figures", "units", "rows", "reasons", "change",
                                     "measures_followup", "measures_new", "findings", "monthly"};
  ck_assert_uint_eq(tertial_report_section_count(r), 9);
  for (size_t i = 0; i < 9; i++) {
    ck_assert_str_eq(tertial_report_section_at(r, i)->key, keys[i]);
    ck_assert_int_eq(tertial_report_section_at(r, i)->kind, (int)i);
  }
  ck_assert_str_eq(tertial_report_section_at(r, 1)->title, "Ekonomiskt resultat per verksamhet");
  ck_assert_str_eq(tertial_report_section_at(r, 5)->title, "Tidigare planerade åtgärder — Uppföljning");
  ck_assert_str_eq(tertial_report_section_at(r, 6)->title, "Nya åtgärder — Tidplan");

  /* Key figures: the total line, after planned measures, and the change since JANFEB. */
  const tertial_report_section *k = section_of(r, TERTIAL_SECTION_KEY_FIGURES);
  ck_assert_uint_eq(k->line_count, 1);
  ck_assert_uint_eq(k->column_count, 11);
  ck_assert_str_eq(text_at(k, 0, 0), "Socialnämnden");
  ck_assert_int_eq(value_at(k, 0, 1), KR(6810000));
  ck_assert_int_eq(value_at(k, 0, 3), KR(1590000));
  ck_assert_int_eq(value_at(k, 0, 5), 2702);
  ck_assert_int_eq(value_at(k, 0, 6), KR(24110000));
  ck_assert_int_eq(value_at(k, 0, 7), KR(1090000));
  ck_assert_int_eq(value_at(k, 0, 8), KR(11800000));
  ck_assert_int_eq(value_at(k, 0, 9), KR(24110000)); /* the decided measure is not fed yet */
  ck_assert_int_eq(value_at(k, 0, 10), KR(-445000));
  ck_assert_str_eq(tertial_report_column_at(k, 9)->key, "after_planned");
  ck_assert_int_eq(tertial_report_column_at(k, 9)->source, -1);
  ck_assert_int_eq(tertial_report_column_at(k, 6)->source, TERTIAL_COL_FORECAST);
  ck_assert_int_eq(tertial_report_column_at(k, 5)->type, TERTIAL_REPORT_SHARE);
  ck_assert_str_eq(tertial_report_column_at(k, 1)->header, "Ack utfall");
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

START_TEST(test_followup_tables)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report *r = fixture_report(&f, NULL);
  ck_assert_uint_eq(tertial_report_section_count(r), 8); /* no previous point: no change section */
  const tertial_report_section *u = section_of(r, TERTIAL_SECTION_UNITS);
  ck_assert_uint_eq(u->line_count, 4);
  ck_assert_str_eq(text_at(u, 0, 0), "Socialnämnden (egen)");
  ck_assert_str_eq(text_at(u, 1, 0), "Individ- och familjeomsorg");
  ck_assert_str_eq(text_at(u, 3, 0), "Summa");
  const tertial_report_line *l = tertial_report_line_at(u, 1);
  ck_assert_str_eq(l->code, "IFO");
  ck_assert_int_eq(l->depth, 1);
  ck_assert_int_eq(l->parent_line, 3);
  ck_assert_int_eq(l->style, TERTIAL_STYLE_NORMAL);
  ck_assert_int_eq(tertial_report_line_at(u, 3)->style, TERTIAL_STYLE_TOTAL);
  ck_assert_int_eq(tertial_report_line_at(u, 3)->parent_line, -1);
  /* IFO: 2 610 000 outcome, 4 000 000 budget, 21,75 %, forecast 26 000 000 - 15 690 000 + 300 000 */
  ck_assert_int_eq(value_at(u, 1, 1), KR(2610000));
  ck_assert_int_eq(value_at(u, 1, 3), KR(1390000));
  ck_assert_int_eq(value_at(u, 1, 5), 2175);
  ck_assert_int_eq(value_at(u, 1, 6), KR(10610000));
  /* Lines add up to the total in every amount column. */
  for (size_t c = 1; c <= 8; c++) {
    if (c == 5)
      continue;
    ck_assert_int_eq(value_at(u, 0, c) + value_at(u, 1, c) + value_at(u, 2, c), value_at(u, 3, c));
  }

  const tertial_report_section *rows = section_of(r, TERTIAL_SECTION_ROWS);
  size_t netto = 0, varav = 0, kost = 0, bidr = 0;
  for (size_t i = 0; i < rows->line_count; i++) {
    const char *code = tertial_report_line_at(rows, i)->code;
    netto = strcmp(code, "NETTO") == 0 ? i : netto;
    varav = strcmp(code, "KOST_VARAV") == 0 ? i : varav;
    kost = strcmp(code, "KOST") == 0 ? i : kost;
    bidr = strcmp(code, "KOST_BIDR") == 0 ? i : bidr;
  }
  ck_assert_str_eq(text_at(rows, netto, 0), "NETTORESULTAT");
  ck_assert_int_eq(tertial_report_line_at(rows, netto)->style, TERTIAL_STYLE_TOTAL);
  ck_assert_int_eq(tertial_report_line_at(rows, kost)->style, TERTIAL_STYLE_SUBTOTAL);
  ck_assert_int_eq(tertial_report_line_at(rows, kost)->parent_line, (int)netto);
  ck_assert_int_eq(value_at(rows, netto, 1), KR(6810000));
  ck_assert_int_eq(value_at(rows, netto, 6), KR(24110000));
  /* "varav interna kostnader": shown under KOST, not added, with a forecast. */
  ck_assert_str_eq(text_at(rows, varav, 0), "varav interna kostnader");
  ck_assert_int_eq(tertial_report_line_at(rows, varav)->informational, 1);
  ck_assert_int_eq(tertial_report_line_at(rows, varav)->parent_line, (int)kost);
  ck_assert_int_eq(value_at(rows, varav, 1), KR(400000));
  ck_assert_int_eq(value_at(rows, varav, 6), KR(1200000)); /* forecast at its annual budget */
  ck_assert_int_eq(value_at(rows, varav, 7), 0);
  /* Bidrag (given) has no budget: Förbrukat % is empty. */
  ck_assert_int_eq(tertial_report_cell_at(rows, bidr, 5)->present, 0);
  ck_assert_int_eq(value_at(rows, bidr, 1), KR(300000));

  /* Reasons: the projection and the known factor, summing to the forecast deviation. */
  /* Reasons grouped per line of the units table: each group's projection and adjustments, the
   * group's line adding them up to its forecast deviation; the projections add up to the one
   * lump line of before (1 590 000), and Summa is the forecast deviation. */
  const tertial_report_section *why = section_of(r, TERTIAL_SECTION_REASONS);
  ck_assert_uint_eq(why->line_count, 8);
  ck_assert_uint_eq(why->column_count, 4);
  ck_assert_str_eq(tertial_report_column_at(why, 2)->key, "unit_code");
  ck_assert_str_eq(tertial_report_column_at(why, 3)->key, "unit");
  static const size_t group_at[] = {0, 2, 4};
  for (size_t g = 0; g < 3; g++) {
    const tertial_report_line *gl = tertial_report_line_at(why, group_at[g]);
    ck_assert_str_eq(gl->code, tertial_report_line_at(u, g)->code);
    ck_assert_int_eq(gl->style, TERTIAL_STYLE_SUBTOTAL);
    ck_assert_int_eq(gl->parent_line, 7);
    ck_assert_int_eq(value_at(why, group_at[g], 1), value_at(u, g, 7));
  }
  ck_assert_str_eq(text_at(why, 0, 0), "Socialnämnden (egen)");
  ck_assert_str_eq(text_at(why, 2, 0), "Individ- och familjeomsorg");
  ck_assert_str_eq(text_at(why, 3, 0), "Framskrivning av utfall");
  ck_assert_str_eq(text_at(why, 3, 2), "IFO");
  ck_assert_str_eq(tertial_report_line_at(why, 3)->code, "projection");
  ck_assert_int_eq(tertial_report_line_at(why, 3)->parent_line, 2);
  ck_assert_int_eq(value_at(why, 1, 1), 0);
  ck_assert_int_eq(value_at(why, 3, 1), KR(1390000));
  ck_assert_int_eq(value_at(why, 5, 1), KR(200000));
  ck_assert_int_eq(value_at(why, 1, 1) + value_at(why, 3, 1) + value_at(why, 5, 1), KR(1590000));
  ck_assert_str_eq(text_at(why, 6, 0), "Ökade vikariekostnader");
  ck_assert_str_eq(tertial_report_line_at(why, 6)->code, "adjustment");
  ck_assert_str_eq(text_at(why, 6, 2), "6510");
  ck_assert_str_eq(text_at(why, 6, 3), "Hemtjänst");
  ck_assert_int_eq(value_at(why, 6, 1), KR(-500000));
  ck_assert_int_eq(tertial_report_line_at(why, 6)->parent_line, 4);
  ck_assert_int_eq(tertial_report_line_at(why, 6)->depth, 2);
  ck_assert_str_eq(text_at(why, 7, 0), "Summa");
  ck_assert_int_eq(value_at(why, 7, 1), value_at(u, 3, 7));
  ck_assert_int_eq(value_at(why, 7, 1), KR(1090000));
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

/* The change section of a report against its tables: the current forecast is the units table's
 * Årets prognos, and previous + changed adjustments + new outcome = current. */
static void assert_change_agrees(const tertial_report *r, const char *label, int64_t changed_adjustments)
{
  const tertial_report_section *c = section_of(r, TERTIAL_SECTION_CHANGE);
  const tertial_report_section *u = section_of(r, TERTIAL_SECTION_UNITS);
  ck_assert_uint_eq(c->line_count, 5);
  ck_assert_str_eq(text_at(c, 1, 0), label);
  ck_assert_int_eq(value_at(c, 1, 1), value_at(u, u->line_count - 1, 6));
  ck_assert_int_eq(value_at(c, 2, 1), value_at(c, 1, 1) - value_at(c, 0, 1));
  ck_assert_int_eq(value_at(c, 3, 1) + value_at(c, 4, 1), value_at(c, 2, 1));
  ck_assert_int_eq(value_at(c, 4, 1), changed_adjustments);
}

START_TEST(test_change_agrees_with_tables)
{
  fixture f;
  report_fixture_build(&f);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f.model);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.previous_point = "JANFEB";
  /* at the frozen T1: the known factor of +500 000 is the changed adjustment */
  tertial_report *r = fixture_report(&f, &o);
  assert_change_agrees(r, "Aktuell prognos (T1)", KR(500000));
  ck_assert_int_eq(value_at(section_of(r, TERTIAL_SECTION_CHANGE), 1, 1), KR(24110000));
  tertial_report_free(r);
  /* T1 is frozen: changes for it are refused, with the point and the date */
  T_OK(tertial_forecast_set_cutoff(plan, 4));
  T_ERR(tertial_forecast_add_adjustment(plan, f.ht, "KOST_PERS", KR(1), TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "follow-up point T1 was frozen on 2026-05-12"));
  /* the open point JANJUN after T1 was frozen: a new known factor, applied there */
  T_OK(tertial_forecast_set_cutoff(plan, 6));
  T_OK(tertial_forecast_add_adjustment(plan, f.ht, "KOST_PERS", KR(200000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Fler brukare"));
  T_OK(tertial_forecast_apply(f.model, 6, -1));
  o.previous_point = "T1";
  T_OK(tertial_report_new(&r, f.model, f.sn, 6, &o));
  assert_change_agrees(r, "Aktuell prognos (JANJUN)", KR(200000));
  ck_assert_int_eq(value_at(section_of(r, TERTIAL_SECTION_CHANGE), 0, 1), KR(24110000));
  tertial_report_free(r);
  /* frozen too; then a report at T1 again (applied there): its section follows its tables, which
   * now hold the JANJUN known factor as well */
  T_OK(tertial_snapshot_take(NULL, f.model, "JANJUN", (tertial_date){2026, 8, 15}));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  o.previous_point = "JANFEB";
  r = fixture_report(&f, &o);
  assert_change_agrees(r, "Aktuell prognos (T1)", KR(700000));
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

START_TEST(test_change_and_measures)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.previous_point = "JANFEB";
  o.current_point = "T1";
  tertial_report *r = fixture_report(&f, &o);
  const tertial_report_section *c = section_of(r, TERTIAL_SECTION_CHANGE);
  ck_assert_uint_eq(c->line_count, 5);
  ck_assert_str_eq(text_at(c, 0, 0), "Föregående prognos (JANFEB)");
  ck_assert_int_eq(value_at(c, 0, 1), KR(24555000));
  ck_assert_str_eq(text_at(c, 1, 0), "Aktuell prognos (T1)");
  ck_assert_int_eq(value_at(c, 1, 1), KR(24110000));
  ck_assert_int_eq(value_at(c, 2, 1), KR(-445000));
  ck_assert_int_eq(value_at(c, 3, 1), KR(-945000));
  ck_assert_int_eq(value_at(c, 4, 1), KR(500000));
  ck_assert_int_eq(tertial_report_line_at(c, 3)->parent_line, 2);
  ck_assert_int_eq(value_at(c, 3, 1) + value_at(c, 4, 1), value_at(c, 2, 1));

  const tertial_report_section *done = section_of(r, TERTIAL_SECTION_MEASURES_FOLLOWUP);
  ck_assert_uint_eq(done->line_count, 2);
  ck_assert_str_eq(text_at(done, 0, 0), "Hemtjänst");
  ck_assert_str_eq(text_at(done, 0, 1), "Vakanshållning");
  ck_assert_int_eq(value_at(done, 0, 2), KR(300000));
  ck_assert_str_eq(text_at(done, 0, 3), "Beslutad");
  ck_assert_str_eq(text_at(done, 0, 4), "Beslutad i nämnden");
  ck_assert_int_eq(value_at(done, 1, 2), KR(300000));
  const tertial_report_section *planned = section_of(r, TERTIAL_SECTION_MEASURES_NEW);
  ck_assert_uint_eq(planned->line_count, 2);
  ck_assert_str_eq(text_at(planned, 0, 1), "=HYPERLINK(\"http://x\",\"Färre placeringar\")");
  ck_assert_str_eq(text_at(planned, 0, 2), "Höga kostnader");
  ck_assert_str_eq(text_at(planned, 0, 4), "Längre kö");
  ck_assert_int_eq(tertial_report_column_at(planned, 5)->type, TERTIAL_REPORT_DATE);
  ck_assert_int_eq(tertial_report_cell_at(planned, 0, 5)->date.month, 9);
  ck_assert_int_eq(section_of(r, TERTIAL_SECTION_FINDINGS)->line_count, 0);
  tertial_report_free(r);

  /* A cancelled measure is listed but not counted; a measure outside the subtree is not listed. */
  T_OK(tertial_measure_add(NULL, f.model, f.fs, "KOST_BIDR", "Striktare prövning", "", KR(200000), "",
                           (tertial_date){2026, 7, 1}));
  T_OK(tertial_measure_set_status(f.model, 2, TERTIAL_MEASURE_CANCELLED, "Stoppad"));
  T_OK(tertial_report_new(&r, f.model, f.ifo, 4, NULL));
  done = section_of(r, TERTIAL_SECTION_MEASURES_FOLLOWUP);
  ck_assert_uint_eq(done->line_count, 2);
  ck_assert_str_eq(text_at(done, 0, 3), "Avbruten");
  ck_assert_int_eq(tertial_report_line_at(done, 0)->informational, 1);
  ck_assert_int_eq(value_at(done, 1, 2), 0);
  ck_assert_uint_eq(section_of(r, TERTIAL_SECTION_MEASURES_NEW)->line_count, 2);
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

START_TEST(test_english)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.english = 1;
  o.previous_point = "JANFEB";
  tertial_report *r = fixture_report(&f, &o);
  ck_assert_str_eq(tertial_report_subtitle(r), "Outcome to April 2026, Tertial 1");
  const tertial_report_section *u = section_of(r, TERTIAL_SECTION_UNITS);
  ck_assert_str_eq(u->title, "Financial result by activity");
  ck_assert_int_eq(u->english, 1);
  ck_assert_str_eq(text_at(u, 0, 0), "Socialnämnden (own)");
  ck_assert_str_eq(text_at(u, 3, 0), "Total");
  ck_assert_str_eq(tertial_report_column_at(u, 1)->header, tertial_column_header(TERTIAL_COL_OUTCOME_ACC, 1));
  const tertial_report_section *why = section_of(r, TERTIAL_SECTION_REASONS);
  ck_assert_str_eq(text_at(why, 0, 0), "Socialnämnden (own)");
  ck_assert_str_eq(text_at(why, 1, 0), "Projection of the outcome to date");
  ck_assert_str_eq(tertial_report_column_at(why, 3)->header, "Unit name");
  ck_assert_str_eq(text_at(section_of(r, TERTIAL_SECTION_CHANGE), 0, 0), "Previous forecast (JANFEB)");
  ck_assert_str_eq(text_at(section_of(r, TERTIAL_SECTION_MEASURES_FOLLOWUP), 0, 3), "Decided");
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

START_TEST(test_options_and_children)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_ROWS);
  o.skip_empty = 1;
  tertial_report *r = fixture_report(&f, &o);
  ck_assert_uint_eq(tertial_report_section_count(r), 1);
  /* Without empty rows: INT, Bidrag, KOST, personnel, purchases, grants given, rent, internal, NETTO. */
  ck_assert_uint_eq(section_of(r, TERTIAL_SECTION_ROWS)->line_count, 9);
  size_t i;
  T_ERR(tertial_report_find_section(&i, r, TERTIAL_SECTION_UNITS), TERTIAL_ERR_NOT_FOUND);
  tertial_report_free(r);

  o = (tertial_report_options)TERTIAL_REPORT_OPTIONS_INIT;
  o.child_depth = 2;
  r = fixture_report(&f, &o);
  ck_assert_uint_eq(tertial_report_child_count(r), 5);
  const tertial_report *c = tertial_report_child_at(r, 0);
  ck_assert_str_eq(tertial_report_unit_code(c), "IFO");
  ck_assert_int_eq(tertial_report_depth(c), 1);
  ck_assert_str_eq(tertial_report_unit_code(tertial_report_child_at(r, 1)), "6410");
  ck_assert_int_eq(tertial_report_depth(tertial_report_child_at(r, 1)), 2);
  ck_assert_str_eq(tertial_report_unit_code(tertial_report_child_at(r, 4)), "6510");
  ck_assert_ptr_null(tertial_report_child_at(r, 5));
  /* Child reports have no findings (the root's cover the subtree) and no children. */
  ck_assert_uint_eq(tertial_report_section_count(c), 7);
  T_ERR(tertial_report_find_section(&i, c, TERTIAL_SECTION_FINDINGS), TERTIAL_ERR_NOT_FOUND);
  ck_assert_uint_eq(tertial_report_child_count(c), 0);
  ck_assert_int_eq(value_at(section_of(c, TERTIAL_SECTION_KEY_FIGURES), 0, 1), KR(2610000));
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

/* Ackumulerat per månad: Socialnämnden's result row month by month at Tertial 1. Outcome a month:
 * Hyror 100 000, HVB -1 922 500 + 2 500 000, Hemtjänst 950 000 (1 627 500), and 300 000 of
 * Bidrag in February; budget 100 000 + 1 000 000 + 1 000 000 = 2 100 000 a month; the forecast
 * is the outcome to April, the budget from May, and the rest of 24 110 000 in December. */
START_TEST(test_monthly)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report *r = fixture_report(&f, NULL);
  const tertial_report_section *m = section_of(r, TERTIAL_SECTION_MONTHLY);
  ck_assert_str_eq(m->key, "monthly");
  ck_assert_str_eq(m->title, "Ackumulerat per månad");
  ck_assert_uint_eq(m->column_count, 4);
  ck_assert_uint_eq(m->line_count, 12);
  static const char *const keys[] = {"month", "outcome_acc", "budget_acc", "forecast_acc"};
  static const char *const headers[] = {"Månad", "Ack utfall", "Ack budget", "Ack prognos"};
  for (size_t c = 0; c < 4; c++) {
    ck_assert_str_eq(tertial_report_column_at(m, c)->key, keys[c]);
    ck_assert_str_eq(tertial_report_column_at(m, c)->header, headers[c]);
    ck_assert_int_eq(tertial_report_column_at(m, c)->source, -1);
    ck_assert_int_eq(tertial_report_column_at(m, c)->type, c ? TERTIAL_REPORT_AMOUNT : TERTIAL_REPORT_TEXT);
  }
  static const int64_t outcome[4] = {KR(1627500), KR(3555000), KR(5182500), KR(6810000)};
  static const char *const labels[] = {"jan", "feb", "mar", "apr", "maj", "jun",
                                       "jul", "aug", "sep", "okt", "nov", "dec"};
  for (size_t i = 0; i < 12; i++) {
    const tertial_report_line *l = tertial_report_line_at(m, i);
    char code[16];
    snprintf(code, sizeof code, "2026-%02zu", i + 1);
    ck_assert_str_eq(l->code, code);
    ck_assert_str_eq(text_at(m, i, 0), labels[i]);
    ck_assert_int_eq(l->depth, 0);
    ck_assert_int_eq(l->parent_line, -1);
    ck_assert_int_eq(l->style, TERTIAL_STYLE_NORMAL);
    ck_assert_int_eq(value_at(m, i, 2), KR(2100000) * (int64_t)(i + 1));
    if (i < 4) {
      ck_assert_int_eq(value_at(m, i, 1), outcome[i]);
      ck_assert_int_eq(value_at(m, i, 3), outcome[i]);
    } else {
      ck_assert_int_eq(tertial_report_cell_at(m, i, 1)->present, 0);
      if (i < 11)
        ck_assert_int_eq(value_at(m, i, 3), KR(6810000) + KR(2100000) * (int64_t)(i - 3));
    }
  }
  /* They end where the key figures are: Ack utfall at the cut-off, Årets budget and prognos. */
  const tertial_report_section *k = section_of(r, TERTIAL_SECTION_KEY_FIGURES);
  ck_assert_int_eq(value_at(m, 3, 1), value_at(k, 0, 1 + TERTIAL_COL_OUTCOME_ACC));
  ck_assert_int_eq(value_at(m, 3, 2), value_at(k, 0, 1 + TERTIAL_COL_BUDGET_ACC));
  ck_assert_int_eq(value_at(m, 11, 2), value_at(k, 0, 1 + TERTIAL_COL_BUDGET_YEAR));
  ck_assert_int_eq(value_at(m, 11, 3), value_at(k, 0, 1 + TERTIAL_COL_FORECAST));
  ck_assert_int_eq(value_at(m, 11, 3), KR(24110000));
  tertial_report_free(r);

  /* English labels; a child report has its own; the section can be left out. */
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.english = 1;
  o.child_depth = 1;
  r = fixture_report(&f, &o);
  m = section_of(r, TERTIAL_SECTION_MONTHLY);
  ck_assert_str_eq(m->title, "Accumulated by month");
  ck_assert_str_eq(tertial_report_column_at(m, 3)->header, "Accumulated forecast");
  ck_assert_str_eq(text_at(m, 4, 0), "May");
  const tertial_report *ifo = tertial_report_child_at(r, 0);
  m = section_of(ifo, TERTIAL_SECTION_MONTHLY);
  ck_assert_int_eq(value_at(m, 3, 1), KR(2610000));
  ck_assert_int_eq(value_at(m, 11, 3), value_at(section_of(ifo, TERTIAL_SECTION_KEY_FIGURES), 0, 6));
  tertial_report_free(r);
  o = (tertial_report_options)TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_REPORT_ALL_SECTIONS & ~TERTIAL_SECTION_BIT(TERTIAL_SECTION_MONTHLY);
  r = fixture_report(&f, &o);
  size_t i;
  T_ERR(tertial_report_find_section(&i, r, TERTIAL_SECTION_MONTHLY), TERTIAL_ERR_NOT_FOUND);
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

/* Without tertial_forecast_apply() the budget stands in for missing forecasts and the checker warns. */
START_TEST(test_missing_forecasts)
{
  fixture f;
  fixture_build(&f);
  tertial_report *r = fixture_report(&f, NULL);
  const tertial_report_section *u = section_of(r, TERTIAL_SECTION_UNITS);
  ck_assert_int_eq(tertial_report_line_at(u, 0)->forecast_missing, 1);
  ck_assert_int_eq(tertial_report_line_at(u, 3)->forecast_missing, 3);
  ck_assert_int_eq(value_at(u, 3, 6), KR(23200000));
  const tertial_report_section *x = section_of(r, TERTIAL_SECTION_FINDINGS);
  ck_assert_uint_eq(x->line_count, 3);
  ck_assert_str_eq(tertial_report_line_at(x, 0)->code, "forecast-missing");
  ck_assert_str_eq(text_at(x, 0, 0), "Varning");
  ck_assert_str_eq(text_at(x, 0, 1), "Prognos saknas");
  ck_assert_str_eq(text_at(x, 0, 4), "Årets prognos");
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

START_TEST(test_errors)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report *r = NULL;
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  T_ERR(tertial_report_new(NULL, f.model, f.sn, 4, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_report_new(&r, NULL, f.sn, 4, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_report_new(&r, f.model, f.sn, 0, NULL), TERTIAL_ERR_RANGE);
  T_ERR(tertial_report_new(&r, f.model, f.sn, 13, NULL), TERTIAL_ERR_RANGE);
  T_ERR(tertial_report_new(&r, f.model, 99, 4, NULL), TERTIAL_ERR_NOT_FOUND);
  o.version = TERTIAL_REPORT_OPTIONS_VERSION + 1; /* unknown */
  T_ERR(tertial_report_new(&r, f.model, f.sn, 4, &o), TERTIAL_ERR_INVALID);
  o.version = 0;
  T_ERR(tertial_report_new(&r, f.model, f.sn, 4, &o), TERTIAL_ERR_INVALID);
  o = (tertial_report_options)TERTIAL_REPORT_OPTIONS_INIT;
  o.child_depth = -1;
  T_ERR(tertial_report_new(&r, f.model, f.sn, 4, &o), TERTIAL_ERR_RANGE);
  o.child_depth = 0;
  o.previous_point = "T2";
  T_ERR(tertial_report_new(&r, f.model, f.sn, 4, &o), TERTIAL_ERR_NOT_FOUND);
  o.previous_point = NULL;
  o.current_point = "T1";
  T_ERR(tertial_report_new(&r, f.model, f.sn, 4, &o), TERTIAL_ERR_INVALID);
  /* The change section's current forecast is the tables': the last apply was at cut-off 4, not 6. */
  o.current_point = NULL;
  o.previous_point = "JANFEB";
  T_ERR(tertial_report_new(&r, f.model, f.sn, 6, &o), TERTIAL_ERR_STATE);
  /* a current point must be at the report's cut-off */
  o.current_point = "JANFEB";
  o.previous_point = "T1";
  T_ERR(tertial_report_new(&r, f.model, f.sn, 4, &o), TERTIAL_ERR_INVALID);
  o.current_point = NULL;
  o.budget_measure = 42;
  o.previous_point = NULL;
  T_ERR(tertial_report_new(&r, f.model, f.sn, 4, &o), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_null(r);
  /* NULL-safe accessors */
  tertial_report_free(NULL);
  ck_assert_str_eq(tertial_report_title(NULL), "");
  ck_assert_uint_eq(tertial_report_section_count(NULL), 0);
  ck_assert_ptr_null(tertial_report_section_at(NULL, 0));
  ck_assert_ptr_null(tertial_report_line_at(NULL, 0));
  ck_assert_ptr_null(tertial_report_column_at(NULL, 0));
  ck_assert_ptr_null(tertial_report_cell_at(NULL, 0, 0));
  ck_assert_ptr_null(tertial_report_child_at(NULL, 0));
  size_t i;
  T_ERR(tertial_report_find_section(&i, NULL, TERTIAL_SECTION_UNITS), TERTIAL_ERR_INVALID);
  r = fixture_report(&f, NULL);
  const tertial_report_section *u = tertial_report_section_at(r, 1);
  ck_assert_ptr_null(tertial_report_section_at(r, 99));
  ck_assert_ptr_null(tertial_report_line_at(u, 4));
  ck_assert_ptr_null(tertial_report_column_at(u, 9));
  ck_assert_ptr_null(tertial_report_cell_at(u, 0, 9));
  ck_assert_ptr_null(tertial_report_cell_at(u, 4, 0));
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

static tertial_report *demo_report(tertial_model *m, const char *unit_code, const tertial_report_options *o)
{
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(m), unit_code));
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, u, 10, o));
  return r;
}

/* Socialnämnden (3) has one förvaltning (30) above its three departments: passed through, the
 * per-activity table lists 31, 32 and 33 with the same total; without, only 30 and the total. */
START_TEST(test_pass_through)
{
  tertial_model *m = report_demo_round();
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  ck_assert_int_eq(o.pass_through, 1);
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS);
  tertial_report *through = demo_report(m, "3", &o);
  o.pass_through = 0;
  tertial_report *direct = demo_report(m, "3", &o);
  const tertial_report_section *t = section_of(through, TERTIAL_SECTION_UNITS);
  const tertial_report_section *d = section_of(direct, TERTIAL_SECTION_UNITS);
  ck_assert_uint_eq(d->line_count, 2);
  ck_assert_str_eq(tertial_report_line_at(d, 0)->code, "30");
  ck_assert_uint_eq(t->line_count, 4);
  static const char *const codes[] = {"31", "32", "33"};
  /* the lines are the departments' own subtree totals, read from their follow-up tables */
  for (size_t i = 0; i < 3; i++) {
    ck_assert_str_eq(tertial_report_line_at(t, i)->code, codes[i]);
    ck_assert_int_eq(tertial_report_line_at(t, i)->parent_line, 3);
    tertial_unit_id u;
    T_OK(tertial_org_find(&u, tertial_model_org(m), codes[i]));
    tertial_followup *ft;
    T_OK(tertial_followup_new(&ft, m, u, 10, NULL));
    const tertial_followup_line *total = tertial_followup_line_at(ft, tertial_followup_line_count(ft) - 1);
    for (size_t c = 1; c <= 8; c++)
      if (c != 5)
        ck_assert_int_eq(value_at(t, i, c), total->value[c - 1]);
    tertial_followup_free(ft);
  }
  ck_assert_str_eq(text_at(t, 3, 0), "Summa");
  ck_assert_str_eq(tertial_report_line_at(t, 3)->code, "3");
  ck_assert_int_eq(tertial_report_line_at(t, 3)->style, TERTIAL_STYLE_TOTAL);
  for (size_t c = 1; c <= 8; c++) {
    ck_assert_int_eq(value_at(t, 3, c), value_at(d, 1, c)); /* the total as before */
    if (c != 5)
      ck_assert_int_eq(value_at(t, 0, c) + value_at(t, 1, c) + value_at(t, 2, c), value_at(t, 3, c));
  }
  ck_assert_int_eq(value_at(t, 3, 1), 38633097079); /* Ack utfall 386 331 tkr, as `tertial report` prints it */
  /* a version-1 caller keeps the table it had */
  o.version = 1;
  o.pass_through = 1; /* past the end of a version-1 struct: not read */
  tertial_report *v1 = demo_report(m, "3", &o);
  ck_assert_uint_eq(section_of(v1, TERTIAL_SECTION_UNITS)->line_count, 2);
  /* a unit with its own amounts or several children is not passed through (the municipality) */
  o = (tertial_report_options)TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS);
  tertial_report *top = demo_report(m, "0", &o);
  ck_assert_str_eq(tertial_report_line_at(section_of(top, TERTIAL_SECTION_UNITS), 0)->code, "1");
  tertial_report_free(top);
  tertial_report_free(v1);
  tertial_report_free(through);
  tertial_report_free(direct);
  tertial_model_free(m);
}
END_TEST

/* The reasons of the demo at JANOKT, grouped per line of the per-activity table: Socialnämnden's
 * three departments (passed through) and the municipality's eight committees. Each group line is
 * its unit's forecast deviation in the units table, its lines add up to it, and Summa is the
 * forecast deviation of the report's unit, to the öre. A leaf has its lines without a group. */
static void assert_reasons_per_unit(tertial_model *m, const char *code, size_t ngroups, int64_t deviation)
{
  tertial_report *r = demo_report(m, code, NULL);
  const tertial_report_section *u = section_of(r, TERTIAL_SECTION_UNITS);
  const tertial_report_section *why = section_of(r, TERTIAL_SECTION_REASONS);
  ck_assert_uint_eq(u->line_count, ngroups + 1);
  size_t g = 0, last = why->line_count - 1;
  int group_line = -1;
  int64_t in_group = 0, total = 0;
  for (size_t i = 0; i <= last; i++) {
    const tertial_report_line *l = tertial_report_line_at(why, i);
    if (l->style != TERTIAL_STYLE_NORMAL && group_line >= 0) /* the group before adds up */
      ck_assert_int_eq(in_group, value_at(why, (size_t)group_line, 1));
    if (l->style == TERTIAL_STYLE_SUBTOTAL) {
      ck_assert_str_eq(l->code, tertial_report_line_at(u, g)->code);
      ck_assert_str_eq(text_at(why, i, 2), l->code);
      ck_assert_int_eq(value_at(why, i, 1), value_at(u, g, 7));
      ck_assert_int_eq(l->parent_line, (int)last);
      total += value_at(why, i, 1);
      in_group = 0;
      group_line = (int)i;
      g++;
    } else if (l->style == TERTIAL_STYLE_NORMAL) {
      ck_assert_int_eq(l->parent_line, group_line);
      in_group += value_at(why, i, 1);
    }
  }
  ck_assert_uint_eq(g, ngroups);
  ck_assert_int_eq(total, deviation);
  ck_assert_int_eq(value_at(why, last, 1), deviation);
  ck_assert_int_eq(value_at(u, ngroups, 7), deviation);
  tertial_report_free(r);
}

START_TEST(test_reasons_per_unit)
{
  tertial_model *m = report_demo_round();
  assert_reasons_per_unit(m, "3", 3, -592833620);  /* Socialnämnden: 31, 32, 33 */
  assert_reasons_per_unit(m, "0", 8, -639953728);  /* the municipality: its committees */
  /* Socialnämnden's departments: 31 -2 096 257,61 kr, all of it the projection of its outcome */
  tertial_report *r = demo_report(m, "3", NULL);
  const tertial_report_section *why = section_of(r, TERTIAL_SECTION_REASONS);
  ck_assert_str_eq(text_at(why, 0, 0), "Verksamhetsområde 1");
  ck_assert_str_eq(text_at(why, 1, 0), "Framskrivning av utfall");
  ck_assert_str_eq(text_at(why, 1, 2), "31");
  ck_assert_str_eq(text_at(why, 1, 3), "Verksamhetsområde 1");
  ck_assert_int_eq(value_at(why, 1, 1), -209625761);
  tertial_report_free(r);
  /* a leaf: one group, so no group line */
  r = demo_report(m, "3111", NULL);
  why = section_of(r, TERTIAL_SECTION_REASONS);
  ck_assert_str_eq(tertial_report_line_at(why, 0)->code, "projection");
  ck_assert_int_eq(tertial_report_line_at(why, 0)->depth, 1);
  ck_assert_str_eq(text_at(why, 0, 2), "3111");
  ck_assert_int_eq(value_at(why, why->line_count - 1, 1),
                   value_at(section_of(r, TERTIAL_SECTION_KEY_FIGURES), 0, 7));
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* "varav interna" rows of the demo at JANOKT carry a forecast: the internal accounts' annual
 * budget, read here from the ledger's own roll-up (not the follow-up cube), so the forecast
 * deviation is 0 and the forecast lies within the parent row's. */
START_TEST(test_internal_rows_forecast)
{
  tertial_model *m = report_demo_round();
  tertial_ledger *ledger = tertial_model_ledger(m);
  const tertial_rowmap *map = tertial_model_rowmap(m);
  int budget = tertial_model_current_budget(m);
  static const char *const units[] = {"3", "0", "3111"};
  for (size_t k = 0; k < 3; k++) {
    tertial_report *r = demo_report(m, units[k], NULL);
    tertial_unit_id u = tertial_report_unit(r);
    const tertial_report_section *rows = section_of(r, TERTIAL_SECTION_ROWS);
    size_t internal = 0;
    for (size_t i = 0; i < rows->line_count; i++) {
      const tertial_report_line *l = tertial_report_line_at(rows, i);
      if (!l->informational)
        continue;
      int row;
      T_OK(tertial_rowmap_find_row(&row, map, l->code));
      ck_assert_int_eq(tertial_rowmap_row(map, (size_t)row)->kind, TERTIAL_ROW_INTERNAL);
      int64_t year_budget, outcome;
      T_OK(tertial_ledger_row_total(&year_budget, ledger, map, u, row, budget, 0, 11));
      T_OK(tertial_ledger_row_total(&outcome, ledger, map, u, row, TERTIAL_MEASURE_OUTCOME, 0, 9));
      ck_assert_int_eq(value_at(rows, i, 1), outcome);
      ck_assert_int_eq(value_at(rows, i, 4), year_budget);
      ck_assert_int_eq(value_at(rows, i, 6), year_budget);
      ck_assert_int_eq(value_at(rows, i, 7), 0);
      ck_assert_int_eq(l->forecast_missing, 0);
      int64_t parent = value_at(rows, (size_t)l->parent_line, 6);
      ck_assert_int_le(year_budget < 0 ? -year_budget : year_budget, parent < 0 ? -parent : parent);
      internal++;
    }
    ck_assert_uint_gt(internal, 0);
    tertial_report_free(r);
  }
  /* Socialnämnden's "varav interna kostnader": 2 399 999,04 kr a year, 1 999 739,83 kr booked to October */
  tertial_report *r = demo_report(m, "3", NULL);
  const tertial_report_section *rows = section_of(r, TERTIAL_SECTION_ROWS);
  for (size_t i = 0; i < rows->line_count; i++)
    if (strcmp(tertial_report_line_at(rows, i)->code, "KOST_VARAV") == 0) {
      ck_assert_str_eq(text_at(rows, i, 0), "varav interna kostnader");
      ck_assert_int_eq(value_at(rows, i, 6), value_at(rows, i, 4));
      ck_assert_int_eq(value_at(rows, i, 6), 239999904);
      ck_assert_int_eq(value_at(rows, i, 1), 199973983);
    }
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* The report is a snapshot: changing the model afterwards does not change it. */
START_TEST(test_snapshot_semantics)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report *r = fixture_report(&f, NULL);
  tertial_account_id a;
  T_OK(tertial_chart_find(&a, tertial_model_chart(f.model), "5011"));
  T_OK(tertial_ledger_add(tertial_model_ledger(f.model), f.ht, a, 1, TERTIAL_MEASURE_OUTCOME, KR(1000)));
  ck_assert_int_eq(value_at(section_of(r, TERTIAL_SECTION_UNITS), 3, 1), KR(6810000));
  tertial_report_free(r);
  r = fixture_report(&f, NULL);
  ck_assert_int_eq(value_at(section_of(r, TERTIAL_SECTION_UNITS), 3, 1), KR(6811000));
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

/* The demo's round at JANOKT (cut-off 10): Socialnämnden's texts and its escalated approval, read
 * back from the round, one line each; a unit without texts or status gets no section. */
START_TEST(test_round_texts)
{
  tertial_model *m;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &d, 2026, 0));
  /* before the round has anything: no section */
  tertial_unit_id sn, u5223;
  T_OK(tertial_org_find(&sn, tertial_model_org(m), "3"));
  T_OK(tertial_org_find(&u5223, tertial_model_org(m), "5223"));
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, sn, 10, NULL));
  size_t i;
  T_ERR(tertial_report_find_section(&i, r, TERTIAL_SECTION_TEXTS), TERTIAL_ERR_NOT_FOUND);
  tertial_report_free(r);
  T_OK(tertial_demo_round(m, "JANOKT"));
  tertial_round *round = tertial_model_round(m);
  const tertial_text_version *summary = tertial_round_text(round, sn, "JANOKT", TERTIAL_TEXT_SUMMARY, NULL);
  ck_assert_ptr_nonnull(summary);
  ck_assert_str_eq(tertial_round_person_at(round, summary->person)->name, "Eva Andersson");

  T_OK(tertial_report_new(&r, m, sn, 10, NULL));
  ck_assert_str_eq(tertial_report_point_code(r), "JANOKT");
  const tertial_report_section *t = section_of(r, TERTIAL_SECTION_TEXTS);
  ck_assert_str_eq(t->key, "texts");
  ck_assert_str_eq(t->title, "Kommentarer");
  ck_assert_uint_eq(tertial_report_section_count(r), 9); /* no change section without a previous point */
  ck_assert_ptr_eq(tertial_report_section_at(r, 8), t); /* last */
  ck_assert_uint_eq(t->column_count, 6);
  ck_assert_str_eq(tertial_report_column_at(t, 0)->key, "item");
  ck_assert_str_eq(tertial_report_column_at(t, 5)->key, "text");
  ck_assert_int_eq(tertial_report_column_at(t, 4)->type, TERTIAL_REPORT_DATE);
  ck_assert_uint_eq(t->line_count, 4);
  ck_assert_str_eq(tertial_report_line_at(t, 0)->code, "summary");
  ck_assert_str_eq(text_at(t, 0, 0), "Sammanfattning");
  ck_assert_str_eq(text_at(t, 0, 3), "Eva Andersson");
  ck_assert_str_eq(text_at(t, 0, 5), summary->text);
  ck_assert(strncmp(text_at(t, 0, 5), "Socialnämnden prognostiserar ett underskott mot budget för helåret.", 68) == 0);
  const tertial_report_cell *date = tertial_report_cell_at(t, 0, 4);
  ck_assert(date->present);
  ck_assert_int_eq(date->date.year, 2026);
  ck_assert_int_eq(date->date.month, 11);
  ck_assert_int_eq(date->date.day, 2);
  ck_assert_str_eq(tertial_report_line_at(t, 1)->code, "analysis");
  ck_assert_str_eq(text_at(t, 1, 0), "Ekonomisk analys och prognos");
  ck_assert_str_eq(text_at(t, 1, 5), tertial_round_text(round, sn, "JANOKT", TERTIAL_TEXT_ANALYSIS, NULL)->text);
  ck_assert_str_eq(tertial_report_line_at(t, 2)->code, "KOST_KOP");
  ck_assert_str_eq(text_at(t, 2, 0), "Kommentar");
  ck_assert_str_eq(text_at(t, 2, 1), "Köp av verksamhet");
  ck_assert_str_eq(text_at(t, 2, 5), "Fler placeringar på HVB-hem för barn och unga än budgeterat, i genomsnitt fyra "
                                     "fler än i fjol.");
  tertial_unit_status st;
  T_OK(tertial_round_status(&st, round, sn, "JANOKT"));
  ck_assert_str_eq(tertial_report_line_at(t, 3)->code, "status");
  ck_assert_str_eq(text_at(t, 3, 2), "Godkänd, eskalerad till nästa nivå");
  ck_assert_str_eq(text_at(t, 3, 3), "Karin Lind");
  ck_assert_str_eq(text_at(t, 3, 3), tertial_round_person_at(round, st.person)->name);
  ck_assert_str_eq(text_at(t, 3, 5), st.comment);
  ck_assert_int_eq(tertial_report_cell_at(t, 3, 4)->date.day, 10);
  ck_assert(!tertial_report_cell_at(t, 3, 1)->present);
  tertial_report_free(r);

  /* English labels; the users' texts as they are */
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.english = 1;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_TEXTS);
  T_OK(tertial_report_new(&r, m, sn, 10, &o));
  ck_assert_uint_eq(tertial_report_section_count(r), 1);
  t = section_of(r, TERTIAL_SECTION_TEXTS);
  ck_assert_str_eq(t->title, "Comments");
  ck_assert_str_eq(text_at(t, 1, 0), "Financial analysis and forecast");
  ck_assert_str_eq(text_at(t, 3, 2), "Approved, escalated to the next level");
  ck_assert_str_eq(text_at(t, 0, 5), summary->text);
  tertial_report_free(r);

  /* left out: not asked for; a unit never started; a cut-off without a follow-up point */
  o = (tertial_report_options)TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_REPORT_ALL_SECTIONS & ~TERTIAL_SECTION_BIT(TERTIAL_SECTION_TEXTS);
  T_OK(tertial_report_new(&r, m, sn, 10, &o));
  T_ERR(tertial_report_find_section(&i, r, TERTIAL_SECTION_TEXTS), TERTIAL_ERR_NOT_FOUND);
  tertial_report_free(r);
  T_OK(tertial_report_new(&r, m, u5223, 10, NULL));
  T_ERR(tertial_report_find_section(&i, r, TERTIAL_SECTION_TEXTS), TERTIAL_ERR_NOT_FOUND);
  tertial_report_free(r);
  T_OK(tertial_report_new(&r, m, sn, 9, NULL));
  ck_assert_str_eq(tertial_report_point_code(r), "");
  T_ERR(tertial_report_find_section(&i, r, TERTIAL_SECTION_TEXTS), TERTIAL_ERR_NOT_FOUND);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("report");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_sections_and_key_figures);
  tcase_add_test(tc, test_followup_tables);
  tcase_add_test(tc, test_change_and_measures);
  tcase_add_test(tc, test_change_agrees_with_tables);
  tcase_add_test(tc, test_english);
  tcase_add_test(tc, test_options_and_children);
  tcase_add_test(tc, test_monthly);
  tcase_add_test(tc, test_missing_forecasts);
  tcase_add_test(tc, test_errors);
  tcase_add_test(tc, test_snapshot_semantics);
  tcase_add_test(tc, test_round_texts);
  tcase_add_test(tc, test_pass_through);
  tcase_add_test(tc, test_reasons_per_unit);
  tcase_add_test(tc, test_internal_rows_forecast);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
