/* Tests of the planning process in the store (schema 11): decided proposals applied to a budget
 * version saved with the model, and proposals, unfunded decisions and internal control saved and
 * loaded by fiscal year; an older store read without them and migrated. */
#define _GNU_SOURCE
#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static void sql(const char *path, const char *statement)
{
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
  ck_assert_msg(sqlite3_exec(db, statement, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
  sqlite3_close(db);
}

static const char proposals_csv[] =
  "kod;typ;åtgärd;kostnad (tkr);svårighetsgrad;nytta;kostnadseffektivitet;status;enhet;konto;problem;ansvarig\n"
  "P1;prioritering;Fler platser HVB;1 200;stor;stor;hög;beslutad;6410;4610;Köer;Socialnämnden\n"
  "P2;effektivisering;Schemaläggning;-600,50;liten;måttlig;mycket hög;lyft;6510;5011;;Socialnämnden\n"
  "P3;ransonering;Striktare bedömning;-300;liten;ingen;låg;föreslagen;;;;\n";

static tertial_proposals *read_proposals(void)
{
  tertial_proposals *list;
  T_OK(tertial_proposals_new(&list));
  T_OK(tertial_proposals_parse(list, proposals_csv, strlen(proposals_csv), "p.csv"));
  return list;
}

static int64_t year_total(tertial_model *m, tertial_unit_id u, int measure)
{
  int64_t v = -1;
  T_OK(tertial_ledger_total(&v, tertial_model_ledger(m), u, TERTIAL_ALL_ACCOUNTS, measure, 0, 11));
  return v;
}

/* The applied proposals are saved with the model: loaded back, applying again doubles nothing. */
START_TEST(test_applied_round_trip)
{
  testutil_tmpdir_make("tertial-store-plan");
  fixture f;
  fixture_build(&f);
  int v = -1;
  T_OK(tertial_budget_revise(&v, f.model, tertial_model_current_budget(f.model), "Förslag 2026", NULL));
  tertial_proposals *list = read_proposals();
  tertial_proposals_applied sum;
  T_OK(tertial_proposals_apply(&sum, f.model, v, list));
  ck_assert_int_eq(sum.total, KR(1200000) - KR(600500));
  int64_t k = year_total(f.model, f.k, v);
  tertial_store *st;
  T_OK(tertial_store_open(&st, testutil_tmp_path("a.db"), TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, f.model));
  tertial_model *back;
  T_OK(tertial_store_load(&back, st));
  ck_assert_uint_eq(tertial_applied_proposal_count(back), 2);
  tertial_applied_proposal r;
  T_OK(tertial_applied_proposal_at(&r, back, 0));
  ck_assert_str_eq(r.code, "P1");
  ck_assert(r.measure == v && r.unit == f.hvb && r.amount == KR(1200000));
  T_OK(tertial_applied_proposal_at(&r, back, 1));
  ck_assert_str_eq(r.code, "P2");
  ck_assert(r.unit == f.ht && r.amount == -KR(600500));
  ck_assert_int_eq(year_total(back, f.k, v), k);
  T_OK(tertial_proposals_apply(&sum, back, v, list));
  ck_assert(sum.applied == 0 && sum.already == 2);
  ck_assert_int_eq(year_total(back, f.k, v), k);
  tertial_model_free(back);
  tertial_store_free(st);
  tertial_proposals_free(list);
  fixture_free(&f);
  testutil_tmpdir_remove();
}
END_TEST

START_TEST(test_proposals_round_trip)
{
  testutil_tmpdir_make("tertial-store-plan");
  tertial_store *st;
  T_OK(tertial_store_open(&st, testutil_tmp_path("p.db"), TERTIAL_STORE_CREATE));
  tertial_proposals *list = read_proposals(), *back, *other;
  T_OK(tertial_store_save_proposals(st, 2027, list));
  T_OK(tertial_proposals_new(&other));
  tertial_proposal p = TERTIAL_PROPOSAL_INIT;
  p.code = "X1";
  p.measure = "Annat år";
  p.cost = KR(5);
  T_OK(tertial_proposals_add(other, &p));
  T_OK(tertial_store_save_proposals(st, 2028, other));
  T_OK(tertial_proposals_new(&back));
  T_OK(tertial_store_load_proposals(st, 2027, back));
  ck_assert_uint_eq(tertial_proposals_count(back), 3);
  const tertial_proposal *q = tertial_proposals_at(back, 1);
  ck_assert_str_eq(q->code, "P2");
  ck_assert_int_eq(q->kind, TERTIAL_PROPOSAL_EFFICIENCY);
  ck_assert_int_eq(q->cost, -KR(600500));
  ck_assert_int_eq(q->difficulty, TERTIAL_DIFFICULTY_SMALL);
  ck_assert_int_eq(q->benefit, TERTIAL_BENEFIT_MODERATE);
  ck_assert_int_eq(q->cost_effectiveness, TERTIAL_COST_EFFECTIVENESS_VERY_HIGH);
  ck_assert_int_eq(q->status, TERTIAL_PROPOSAL_LIFTED);
  ck_assert_str_eq(q->unit, "6510");
  ck_assert_str_eq(q->account, "5011");
  ck_assert_str_eq(q->owner, "Socialnämnden");
  ck_assert_str_eq(tertial_proposals_at(back, 0)->problem, "Köer");
  /* loading again into the same list: every code is taken, nothing is added */
  T_ERR(tertial_store_load_proposals(st, 2027, back), TERTIAL_ERR_EXISTS);
  ck_assert_uint_eq(tertial_proposals_count(back), 3);
  tertial_proposals_free(back);
  /* a save replaces the year's proposals; other years stay */
  T_OK(tertial_store_save_proposals(st, 2027, other));
  T_OK(tertial_proposals_new(&back));
  T_OK(tertial_store_load_proposals(st, 2027, back));
  ck_assert_uint_eq(tertial_proposals_count(back), 1);
  ck_assert_str_eq(tertial_proposals_at(back, 0)->code, "X1");
  tertial_proposals_free(back);
  T_OK(tertial_proposals_new(&back));
  T_OK(tertial_store_load_proposals(st, 2030, back));
  ck_assert_uint_eq(tertial_proposals_count(back), 0);
  T_ERR(tertial_store_load_proposals(st, 0, back), TERTIAL_ERR_RANGE);
  T_ERR(tertial_store_save_proposals(st, 2027, NULL), TERTIAL_ERR_INVALID);
  tertial_store_free(st);
  /* read-only: loads, does not save */
  T_OK(tertial_store_open(&st, testutil_tmp_path("p.db"), TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load_proposals(st, 2028, back));
  ck_assert_uint_eq(tertial_proposals_count(back), 1);
  T_ERR(tertial_store_save_proposals(st, 2028, list), TERTIAL_ERR_INVALID);
  tertial_store_free(st);
  tertial_proposals_free(back);
  tertial_proposals_free(other);
  tertial_proposals_free(list);
  testutil_tmpdir_remove();
}
END_TEST

START_TEST(test_unfunded_round_trip)
{
  testutil_tmpdir_make("tertial-store-plan");
  tertial_unfunded *u, *back;
  T_OK(tertial_unfunded_new(&u));
  T_OK(tertial_unfunded_load(u, TERTIAL_SOURCE_ROOT "/examples/unfunded/decisions.csv"));
  tertial_store *st;
  T_OK(tertial_store_open(&st, testutil_tmp_path("u.db"), TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save_unfunded(st, 2025, u));
  T_OK(tertial_unfunded_new(&back));
  T_OK(tertial_store_load_unfunded(st, 2025, back));
  ck_assert_uint_eq(tertial_unfunded_count(back), 5);
  const tertial_unfunded_decision *d = tertial_unfunded_at(back, 1);
  ck_assert_str_eq(d->code, "SN 2024/150");
  ck_assert_str_eq(d->committee, "Socialnämnden");
  ck_assert(d->decided.year == 2024 && d->decided.month == 9 && d->decided.day == 18);
  ck_assert_str_eq(d->decided_by, "Socialnämnden");
  ck_assert_str_eq(d->description, "Trygg hemgång blir permanent");
  ck_assert(d->cost == KR(1800000) && d->funding == TERTIAL_FUNDING_PARTIAL && d->funded == KR(600000));
  int64_t sum;
  T_OK(tertial_unfunded_total(&sum, back, NULL));
  ck_assert_int_eq(sum, KR(7350000));
  /* again into the same list: a code taken, nothing added */
  T_ERR(tertial_store_load_unfunded(st, 2025, back), TERTIAL_ERR_EXISTS);
  ck_assert_uint_eq(tertial_unfunded_count(back), 5);
  tertial_store_free(st);
  tertial_unfunded_free(back);
  tertial_unfunded_free(u);
  testutil_tmpdir_remove();
}
END_TEST

START_TEST(test_intcontrol_round_trip)
{
  testutil_tmpdir_make("tertial-store-plan");
  tertial_intcontrol *ic, *back;
  T_OK(tertial_intcontrol_new(&ic));
  T_OK(tertial_intcontrol_set_threshold(ic, 8));
  T_OK(tertial_intcontrol_load(ic, TERTIAL_INTCONTROL_RISKS, TERTIAL_SOURCE_ROOT "/examples/intcontrol/risks.csv"));
  T_OK(tertial_intcontrol_load(ic, TERTIAL_INTCONTROL_PLAN, TERTIAL_SOURCE_ROOT "/examples/intcontrol/plan.csv"));
  T_OK(tertial_intcontrol_load(ic, TERTIAL_INTCONTROL_RESULTS, TERTIAL_SOURCE_ROOT "/examples/intcontrol/results.csv"));
  tertial_store *st;
  T_OK(tertial_store_open(&st, testutil_tmp_path("i.db"), TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save_intcontrol(st, 2026, ic));
  T_OK(tertial_intcontrol_new(&back));
  T_OK(tertial_store_load_intcontrol(st, 2026, back));
  ck_assert_int_eq(tertial_intcontrol_threshold(back), 8);
  ck_assert_uint_eq(tertial_intcontrol_risk_count(back), tertial_intcontrol_risk_count(ic));
  ck_assert_uint_eq(tertial_intcontrol_control_count(back), tertial_intcontrol_control_count(ic));
  ck_assert_uint_eq(tertial_intcontrol_result_count(back), tertial_intcontrol_result_count(ic));
  const tertial_risk *r = tertial_intcontrol_risk_at(back, 0);
  ck_assert_str_eq(r->code, "R1");
  ck_assert_str_eq(r->risk, "Felaktiga utbetalningar till leverantörer");
  ck_assert(r->likelihood == 3 && r->consequence == 4);
  int value = 0, control = 0;
  T_OK(tertial_intcontrol_risk_value(&value, &control, back, 0));
  ck_assert(value == 12 && control == 1);
  const tertial_control *c = tertial_intcontrol_control_at(back, 0);
  ck_assert_str_eq(c->method, "Stickprov 20 fakturor");
  ck_assert_str_eq(c->point, "T1");
  const tertial_control_result *res = tertial_intcontrol_result_at(back, 0);
  ck_assert_str_eq(res->result, "Två fakturor saknade attest");
  ck_assert_int_eq(res->deviations, 2);
  /* again: the risks' codes are taken; nothing is added and the threshold is as before */
  T_OK(tertial_intcontrol_set_threshold(back, 12));
  size_t risks = tertial_intcontrol_risk_count(back);
  T_ERR(tertial_store_load_intcontrol(st, 2026, back), TERTIAL_ERR_EXISTS);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "table ic_risk"));
  ck_assert_uint_eq(tertial_intcontrol_risk_count(back), risks);
  ck_assert_int_eq(tertial_intcontrol_threshold(back), 12);
  tertial_store_free(st);
  tertial_intcontrol_free(back);
  tertial_intcontrol_free(ic);
  testutil_tmpdir_remove();
}
END_TEST

/* A store of schema 10 opened read-only has no planning and loads the model; a writable open
 * migrates it to 11. */
START_TEST(test_older_schema)
{
  testutil_tmpdir_make("tertial-store-plan");
  fixture f;
  fixture_build(&f);
  char path[128];
  snprintf(path, sizeof path, "%s", testutil_tmp_path("old.db"));
  tertial_store *st;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, f.model));
  tertial_store_free(st);
  sql(path, "DROP TABLE budget_applied; DROP TABLE plan_proposal; DROP TABLE unfunded_decision;"
            " DROP TABLE ic_setting; DROP TABLE ic_risk; DROP TABLE ic_control; DROP TABLE ic_result;"
            " DROP TABLE invest_project; DROP TABLE wheel_template; DROP TABLE wheel_process;"
            " DROP TABLE wheel_activity; DROP TABLE ic_report; DROP TABLE frame_line;"
            " DELETE FROM schema_version WHERE version >= 11");
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  ck_assert_int_eq(tertial_store_schema_version(st), 10);
  tertial_model *back;
  T_OK(tertial_store_load(&back, st));
  ck_assert_uint_eq(tertial_applied_proposal_count(back), 0);
  ck_assert_int_eq(year_total(back, f.k, tertial_model_current_budget(back)),
                   year_total(f.model, f.k, tertial_model_current_budget(f.model)));
  tertial_model_free(back);
  tertial_proposals *list;
  T_OK(tertial_proposals_new(&list));
  T_OK(tertial_store_load_proposals(st, 2026, list));
  ck_assert_uint_eq(tertial_proposals_count(list), 0);
  tertial_investments *inv;
  T_OK(tertial_investments_new(&inv));
  T_OK(tertial_store_load_investments(st, 2027, inv)); /* schema 10: none */
  ck_assert_uint_eq(tertial_investments_count(inv), 0);
  tertial_investments_free(inv);
  tertial_wheel *w = NULL;
  T_ERR(tertial_store_load_wheel(&w, st, NULL), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_null(w);
  tertial_store_free(st);
  /* writable: migrated, and the planning goes in */
  T_OK(tertial_store_open(&st, path, 0));
  ck_assert_int_eq(tertial_store_schema_version(st), TERTIAL_STORE_SCHEMA_VERSION);
  tertial_proposals_free(list);
  list = read_proposals();
  T_OK(tertial_store_save_proposals(st, 2026, list));
  tertial_proposals_free(list);
  T_OK(tertial_proposals_new(&list));
  T_OK(tertial_store_load_proposals(st, 2026, list));
  ck_assert_uint_eq(tertial_proposals_count(list), 3);
  T_OK(tertial_store_load(&back, st));
  T_OK(tertial_store_save(st, back));
  tertial_model_free(back);
  tertial_store_free(st);
  tertial_proposals_free(list);
  fixture_free(&f);
  testutil_tmpdir_remove();
}
END_TEST

/* Every field of two projects the same after a round trip. */
static void same_project(const tertial_investment *a, const tertial_investment *b)
{
  ck_assert_str_eq(a->code, b->code);
  ck_assert_str_eq(a->name, b->name);
  ck_assert_str_eq(a->unit, b->unit);
  ck_assert_str_eq(a->category, b->category);
  ck_assert_int_eq(a->status, b->status);
  ck_assert_int_eq(a->first_year, b->first_year);
  ck_assert_int_eq(a->years, b->years);
  for (int k = 0; k < TERTIAL_INVESTMENT_YEARS; k++)
    ck_assert_int_eq(a->amounts[k], b->amounts[k]);
  ck_assert(a->has_spent == b->has_spent && a->spent == b->spent);
  ck_assert(a->has_budget == b->has_budget && a->budget == b->budget);
}

START_TEST(test_investments_round_trip)
{
  testutil_tmpdir_make("tertial-store-plan");
  tertial_investments *inv, *back;
  T_OK(tertial_investments_new(&inv));
  T_OK(tertial_investments_load(inv, TERTIAL_SOURCE_ROOT "/examples/investments/plan.csv"));
  tertial_store *st;
  T_OK(tertial_store_open(&st, testutil_tmp_path("inv.db"), TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save_investments(st, 2027, inv));
  tertial_store_free(st);
  T_OK(tertial_store_open(&st, testutil_tmp_path("inv.db"), TERTIAL_STORE_READONLY));
  T_OK(tertial_investments_new(&back));
  T_OK(tertial_store_load_investments(st, 2027, back));
  ck_assert_uint_eq(tertial_investments_count(back), 7);
  for (size_t i = 0; i < 7; i++)
    same_project(tertial_investments_at(back, i), tertial_investments_at(inv, i));
  const tertial_investment *p = tertial_investments_at(back, 0);
  ck_assert_str_eq(p->code, "P1001");
  ck_assert_str_eq(p->name, "Tillbyggnad Ekbackeskolan, sex klassrum");
  ck_assert_str_eq(p->unit, "Barn- och utbildningsnämnden");
  ck_assert_int_eq(p->status, TERTIAL_INVESTMENT_DECIDED);
  ck_assert(p->first_year == 2027 && p->years == 4);
  ck_assert(p->amounts[0] == KR(12000000) && p->amounts[1] == KR(18000000) && p->amounts[2] == KR(4000000));
  ck_assert_int_eq(p->amounts[3], 0);
  ck_assert(p->has_budget && p->budget == KR(36000000) && p->has_spent && p->spent == KR(2500000));
  p = tertial_investments_at(back, 1); /* P1002: no total, nothing spent known */
  ck_assert(!p->has_budget && p->budget == 0 && !p->has_spent && p->spent == 0);
  int64_t y2028;
  T_OK(tertial_investments_total(&y2028, back, 2028, NULL, NULL));
  ck_assert_int_eq(y2028, KR(57600000));
  /* another year holds none; loading again into the list: a code taken, nothing added */
  tertial_investments *none;
  T_OK(tertial_investments_new(&none));
  T_OK(tertial_store_load_investments(st, 2026, none));
  ck_assert_uint_eq(tertial_investments_count(none), 0);
  T_ERR(tertial_store_load_investments(st, 2027, back), TERTIAL_ERR_EXISTS);
  ck_assert_uint_eq(tertial_investments_count(back), 7);
  /* read-only: no save */
  T_ERR(tertial_store_save_investments(st, 2027, inv), TERTIAL_ERR_INVALID);
  tertial_store_free(st);
  /* a save replaces the year's projects: one left */
  tertial_investment one = *tertial_investments_at(inv, 4);
  one.amounts[1] = -KR(1234567) - 89;
  T_OK(tertial_investments_add(none, &one));
  T_OK(tertial_store_open(&st, testutil_tmp_path("inv.db"), 0));
  T_OK(tertial_store_save_investments(st, 2027, none));
  tertial_investments_free(back);
  T_OK(tertial_investments_new(&back));
  T_OK(tertial_store_load_investments(st, 2027, back));
  ck_assert_uint_eq(tertial_investments_count(back), 1);
  same_project(tertial_investments_at(back, 0), &one);
  ck_assert_str_eq(tertial_investments_at(back, 0)->code, "P3001");
  ck_assert_int_eq(tertial_investments_at(back, 0)->amounts[1], -123456789);
  T_ERR(tertial_store_save_investments(st, 0, none), TERTIAL_ERR_RANGE);
  T_ERR(tertial_store_load_investments(st, 2027, NULL), TERTIAL_ERR_INVALID);
  tertial_store_free(st);
  tertial_investments_free(none);
  tertial_investments_free(back);
  tertial_investments_free(inv);
  testutil_tmpdir_remove();
}
END_TEST

static void same_when(const tertial_wheel_when *a, const tertial_wheel_when *b)
{
  ck_assert(a->kind == b->kind && a->year == b->year && a->from_week == b->from_week && a->to_week == b->to_week);
  ck_assert(a->from_month == b->from_month && a->from_day == b->from_day && a->to_month == b->to_month &&
            a->to_day == b->to_day);
}

START_TEST(test_wheel_round_trip)
{
  testutil_tmpdir_make("tertial-store-plan");
  tertial_wheel *w, *back = NULL;
  T_OK(tertial_wheel_load(&w, TERTIAL_SOURCE_ROOT "/examples/wheel/motala.csv"));
  tertial_store *st;
  T_OK(tertial_store_open(&st, testutil_tmp_path("w.db"), TERTIAL_STORE_CREATE));
  T_ERR(tertial_store_load_wheel(&back, st, NULL), TERTIAL_ERR_NOT_FOUND);
  T_OK(tertial_store_save_wheel(st, "Motala", w));
  T_OK(tertial_store_load_wheel(&back, st, "Motala"));
  ck_assert_uint_eq(tertial_wheel_process_count(back), tertial_wheel_process_count(w));
  ck_assert_uint_eq(tertial_wheel_activity_count(back), tertial_wheel_activity_count(w));
  ck_assert_uint_ge(tertial_wheel_activity_count(back), 20);
  for (size_t i = 0; i < tertial_wheel_process_count(w); i++) {
    const tertial_wheel_process *a = tertial_wheel_process_at(w, i), *b = tertial_wheel_process_at(back, i);
    ck_assert_str_eq(a->name, b->name);
    ck_assert(a->flow == b->flow && a->line == b->line);
    same_when(&a->when, &b->when);
    ck_assert_str_eq(a->objects_in, b->objects_in);
    ck_assert_str_eq(a->objects_out, b->objects_out);
  }
  for (size_t i = 0; i < tertial_wheel_activity_count(w); i++) {
    const tertial_wheel_activity *a = tertial_wheel_activity_at(w, i), *b = tertial_wheel_activity_at(back, i);
    ck_assert(a->process == b->process && a->variant == b->variant && a->line == b->line);
    ck_assert_str_eq(a->name, b->name);
    same_when(&a->when, &b->when);
    ck_assert_str_eq(a->responsible, b->responsible);
    ck_assert_str_eq(a->participants, b->participants);
    ck_assert_str_eq(a->unit, b->unit);
    ck_assert_str_eq(a->decided_by, b->decided_by);
    ck_assert_str_eq(a->objects_in, b->objects_in);
    ck_assert_str_eq(a->objects_out, b->objects_out);
  }
  ck_assert_str_eq(tertial_wheel_process_at(back, 0)->name, "Starta upp");
  /* the stored wheel gives the same calendar: 2026, an election year */
  tertial_schedule *s1, *s2;
  T_OK(tertial_wheel_schedule(&s1, w, 2026, TERTIAL_YEAR_AUTO, NULL));
  T_OK(tertial_wheel_schedule(&s2, back, 2026, TERTIAL_YEAR_AUTO, NULL));
  ck_assert_uint_eq(tertial_schedule_count(s1), tertial_schedule_count(s2));
  for (size_t i = 0; i < tertial_schedule_count(s1); i++) {
    const tertial_schedule_entry *e1 = tertial_schedule_at(s1, i), *e2 = tertial_schedule_at(s2, i);
    ck_assert_str_eq(e1->name, e2->name);
    ck_assert(e1->start.year == e2->start.year && e1->start.month == e2->start.month && e1->start.day == e2->start.day);
    ck_assert(e1->end.year == e2->end.year && e1->end.month == e2->end.month && e1->end.day == e2->end.day);
  }
  tertial_schedule_free(s1);
  tertial_schedule_free(s2);
  tertial_wheel_free(back);
  /* a second wheel: the last saved is the default; saving Motala again replaces it and makes it the last */
  static const char small[] = "typ;process;aktivitet;när;ansvarig\n"
                              "planering;Budget;;v10-20;\n"
                              "aktivitet;Budget;Ramar;v12;Ekonomichef\n";
  tertial_wheel *w2;
  T_OK(tertial_wheel_parse(&w2, small, strlen(small), "small.csv"));
  T_OK(tertial_store_save_wheel(st, "Liten", w2));
  T_OK(tertial_store_load_wheel(&back, st, NULL));
  ck_assert_uint_eq(tertial_wheel_activity_count(back), 1);
  ck_assert_str_eq(tertial_wheel_activity_at(back, 0)->responsible, "Ekonomichef");
  tertial_wheel_free(back);
  T_OK(tertial_store_save_wheel(st, "Motala", w));
  T_OK(tertial_store_load_wheel(&back, st, NULL));
  ck_assert_uint_eq(tertial_wheel_activity_count(back), tertial_wheel_activity_count(w));
  tertial_wheel_free(back);
  T_OK(tertial_store_save_wheel(st, "Liten", w2)); /* replaced, not doubled */
  T_OK(tertial_store_load_wheel(&back, st, "Liten"));
  ck_assert_uint_eq(tertial_wheel_process_count(back), 1);
  ck_assert_uint_eq(tertial_wheel_activity_count(back), 1);
  tertial_wheel_free(back);
  back = NULL;
  T_ERR(tertial_store_load_wheel(&back, st, "Linköping"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "Linköping"));
  ck_assert_ptr_null(back);
  T_ERR(tertial_store_save_wheel(st, "", w), TERTIAL_ERR_INVALID);
  T_ERR(tertial_store_save_wheel(st, "X", NULL), TERTIAL_ERR_INVALID);
  tertial_store_free(st);
  tertial_wheel_free(w2);
  tertial_wheel_free(w);
  testutil_tmpdir_remove();
}
END_TEST

int main(void)
{
  Suite *s = suite_create("store_plan");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_applied_round_trip);
  tcase_add_test(tc, test_proposals_round_trip);
  tcase_add_test(tc, test_unfunded_round_trip);
  tcase_add_test(tc, test_intcontrol_round_trip);
  tcase_add_test(tc, test_older_schema);
  tcase_add_test(tc, test_investments_round_trip);
  tcase_add_test(tc, test_wheel_round_trip);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
