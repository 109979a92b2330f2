/* Models shared by the report and renderer suites (header-only; include after testutil.h). */
#ifndef TERTIAL_REPORT_FIXTURE_H
#define TERTIAL_REPORT_FIXTURE_H

/* needs testutil.h, included first (it may not be included twice) */

/* The fixture municipality through two follow-up points (see testutil.h and test_snapshot.c):
 * JANFEB applied and frozen (Socialnämnden 24 555 000), then a known factor of +500 000 on
 * Hemtjänst's salaries, T1 applied (24 110 000) and frozen. Then two measures: a proposed one on
 * HVB whose description starts with '=' (1 000 000 kr, due 1 September) and a decided one on
 * Hemtjänst (300 000 kr) with a follow-up comment. At T1 Socialnämnden shows (kr):
 *   Ack utfall 6 810 000, Ack budget 8 400 000, Årets budget 25 200 000, Förbrukat 27,02 %,
 *   Årets prognos 24 110 000, Prognosavvikelse 1 090 000, Fg bokslut 11 800 000;
 *   reasons: projection 1 590 000 and "Ökade vikariekostnader" -500 000. */
static inline void report_fixture_build(fixture *f)
{
  fixture_build(f);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f->model);
  T_OK(tertial_forecast_apply(f->model, 2, -1));
  T_OK(tertial_snapshot_take(NULL, f->model, "JANFEB", (tertial_date){2026, 3, 12}));
  T_OK(tertial_forecast_add_adjustment(plan, f->ht, "KOST_PERS", KR(500000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Ökade vikariekostnader"));
  T_OK(tertial_forecast_apply(f->model, 4, -1));
  T_OK(tertial_snapshot_take(NULL, f->model, "T1", (tertial_date){2026, 5, 12}));
  size_t i;
  T_OK(tertial_measure_add(&i, f->model, f->hvb, "KOST_KOP", "=HYPERLINK(\"http://x\",\"Färre placeringar\")",
                           "Höga kostnader", KR(1000000), "Längre kö", (tertial_date){2026, 9, 1}));
  T_OK(tertial_measure_add(&i, f->model, f->ht, "KOST_PERS", "Vakanshållning", "Personalbrist", KR(300000),
                           "Vikarier", (tertial_date){2026, 6, 1}));
  T_OK(tertial_measure_set_status(f->model, i, TERTIAL_MEASURE_DECIDED, "Beslutad i nämnden"));
}

/* A small model for golden output: "P" Förvaltning with three units whose names need quoting or
 * escaping; in January each has 1 400,00 kr + i öre of outcome on 4010 (Personalkostnader) and
 * 1 000 kr of budget; the forecast is applied at cut-off 1 (remaining budget: the outcome). */
static inline tertial_unit_id report_small_model(tertial_model **out)
{
  T_OK(tertial_model_new(out, 2026, 1));
  tertial_model *m = *out;
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id p, u;
  T_OK(tertial_org_add_unit(&p, org, "P", "Förvaltning", TERTIAL_NO_UNIT, 0, NULL));
  tertial_account_id a;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), "4010"));
  const char *codes[] = {"A", "B", "C"};
  const char *names[] = {"Hem, \"vård\"", "=1+2", "Rad\nett"};
  for (int i = 0; i < 3; i++) {
    T_OK(tertial_org_add_unit(&u, org, codes[i], names[i], p, 1, NULL));
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, TERTIAL_MEASURE_OUTCOME, KR(1400) + i));
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, tertial_model_current_budget(m), KR(1000)));
  }
  T_OK(tertial_forecast_apply(m, 1, -1));
  return p;
}

/* The demo of 2026 with its round at JANOKT (cut-off 10), and the comment "=1+1" on Köp av
 * verksamhet of unit 4331 (in progress there) by its manager, for the formula guard. */
static inline tertial_model *report_demo_round(void)
{
  tertial_model *m;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &d, 2026, 0));
  T_OK(tertial_demo_round(m, "JANOKT"));
  tertial_round *round = tertial_model_round(m);
  tertial_actor me = {TERTIAL_NO_PERSON, TERTIAL_NO_PERSON};
  tertial_unit_id u;
  T_OK(tertial_round_find_person(&me.person, round, "chef4331"));
  T_OK(tertial_org_find(&u, tertial_model_org(m), "4331"));
  T_OK(tertial_round_text_set_as(round, &me, u, "JANOKT", TERTIAL_TEXT_ROW_COMMENT, "KOST_KOP", "=1+1", 0, NULL));
  return m;
}

/* The report of a unit of report_demo_round() at JANOKT with the texts section only. */
static inline tertial_report *report_demo_texts(tertial_model *m, const char *unit_code)
{
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(m), unit_code));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_TEXTS);
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, u, 10, &o));
  return r;
}

#endif
