#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "internal.h"
#include "testutil.h"

/* Schema 8's tables, schema 9's and 10's columns and schema 11's, 12's, 13's and 14's tables, dropped to make a store of an
 * older schema. */
#define GOAL_TABLES_DROP                                                                               \
  "DROP TABLE goal_indicator; DROP TABLE goal_target; DROP TABLE goal_value; DROP TABLE goal_node;" \
  " DROP TABLE goal_link; DROP TABLE goal_rule; DROP TABLE goal_setting; DROP TABLE goal_volume;"  \
  " DROP TABLE goal_budget_volume; ALTER TABLE measure DROP COLUMN goal; ALTER TABLE measure DROP COLUMN kind;" \
  " DROP TABLE budget_applied; DROP TABLE plan_proposal; DROP TABLE unfunded_decision; DROP TABLE ic_setting;" \
  " DROP TABLE ic_risk; DROP TABLE ic_control; DROP TABLE ic_result;"                              \
  " DROP TABLE invest_project; DROP TABLE wheel_template; DROP TABLE wheel_process; DROP TABLE wheel_activity; DROP TABLE ic_report;" \
  " DROP TABLE frame_line;"

static char tmpdir[64];

static void make_tmpdir(void)
{
  strcpy(tmpdir, "/tmp/tertial-store-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  ck_assert_int_eq(system(cmd), 0);
}

static const char *tmp_path(const char *name)
{
  static char buf[128];
  snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
  return buf;
}

/* Two tables are equal in every line and every column. */
static void assert_same_table(tertial_model *a, tertial_model *b, tertial_unit_id u, int cutoff,
                              tertial_followup_view view)
{
  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = view;
  tertial_followup *ta, *tb;
  T_OK(tertial_followup_new(&ta, a, u, cutoff, &o));
  T_OK(tertial_followup_new(&tb, b, u, cutoff, &o));
  ck_assert_str_eq(tertial_followup_title(ta), tertial_followup_title(tb));
  ck_assert_uint_eq(tertial_followup_line_count(ta), tertial_followup_line_count(tb));
  for (size_t i = 0; i < tertial_followup_line_count(ta); i++) {
    const tertial_followup_line *x = tertial_followup_line_at(ta, i), *y = tertial_followup_line_at(tb, i);
    ck_assert_int_eq(x->kind, y->kind);
    ck_assert_str_eq(x->code, y->code);
    ck_assert_str_eq(x->label, y->label);
    ck_assert_int_eq(x->depth, y->depth);
    ck_assert_uint_eq(x->present, y->present);
    ck_assert_int_eq(x->forecast_missing, y->forecast_missing);
    ck_assert_int_eq(x->partial, y->partial);
    ck_assert_int_eq(x->parent_line, y->parent_line);
    for (int c = 0; c < TERTIAL_COL_COUNT; c++)
      ck_assert_msg(x->value[c] == y->value[c], "unit %u view %d line %zu (%s) column %d: %lld != %lld", (unsigned)u,
                    (int)view, i, x->code, c, (long long)x->value[c], (long long)y->value[c]);
  }
  tertial_followup_free(ta);
  tertial_followup_free(tb);
}

static void assert_same_snapshots(tertial_model *a, tertial_model *b)
{
  ck_assert_uint_eq(tertial_snapshot_count(a), tertial_snapshot_count(b));
  for (size_t i = 0; i < tertial_snapshot_count(a); i++) {
    const tertial_snapshot *x = tertial_snapshot_at(a, i), *y = tertial_snapshot_at(b, i);
    ck_assert_str_eq(tertial_snapshot_point(x), tertial_snapshot_point(y));
    ck_assert_int_eq(tertial_snapshot_cutoff(x), tertial_snapshot_cutoff(y));
    tertial_date dx = tertial_snapshot_taken_on(x), dy = tertial_snapshot_taken_on(y);
    ck_assert(dx.year == dy.year && dx.month == dy.month && dx.day == dy.day);
    ck_assert_uint_eq(tertial_snapshot_entry_count(x), tertial_snapshot_entry_count(y));
    for (size_t k = 0; k < tertial_snapshot_entry_count(x); k++) {
      const tertial_snapshot_entry *e = tertial_snapshot_entry_at(x, k), *f = tertial_snapshot_entry_at(y, k);
      ck_assert_uint_eq(e->unit, f->unit);
      ck_assert_str_eq(e->row_code, f->row_code);
      ck_assert(e->method == f->method && e->fallback == f->fallback && e->base == f->base &&
                e->adjustments == f->adjustments && e->planned == f->planned && e->forecast == f->forecast &&
                e->outcome_to_date == f->outcome_to_date && e->budget_year == f->budget_year);
    }
  }
}

/* Everything a follow-up reads is the same in both models. */
static void assert_same_model(tertial_model *a, tertial_model *b, int cutoff)
{
  tertial_org *oa = tertial_model_org(a), *ob = tertial_model_org(b);
  ck_assert_uint_eq(tertial_org_unit_count(oa), tertial_org_unit_count(ob));
  ck_assert_uint_eq(tertial_org_level_count(oa), tertial_org_level_count(ob));
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(oa); u++) {
    const tertial_unit *x = tertial_org_unit(oa, u), *y = tertial_org_unit(ob, u);
    ck_assert_str_eq(x->code, y->code);
    ck_assert_str_eq(x->name, y->name);
    ck_assert_str_eq(x->manager, y->manager);
    ck_assert_int_eq(x->level, y->level);
  }
  char *ma, *mb;
  T_OK(tertial_rowmap_format(&ma, tertial_model_rowmap(a)));
  T_OK(tertial_rowmap_format(&mb, tertial_model_rowmap(b)));
  ck_assert_str_eq(ma, mb);
  tertial_free(ma);
  tertial_free(mb);
  tertial_chart *ca = tertial_model_chart(a), *cb = tertial_model_chart(b);
  ck_assert_uint_eq(tertial_chart_count(ca), tertial_chart_count(cb));
  for (tertial_account_id i = 0; i < tertial_chart_count(ca); i++) {
    const tertial_account *x = tertial_chart_account(ca, i), *y = tertial_chart_account(cb, i);
    ck_assert_str_eq(x->number, y->number);
    ck_assert_str_eq(x->name, y->name);
    ck_assert(x->type == y->type && x->internal == y->internal);
  }
  tertial_calendar *ka = tertial_model_calendar(a), *kb = tertial_model_calendar(b);
  ck_assert_uint_eq(tertial_calendar_point_count(ka), tertial_calendar_point_count(kb));
  for (size_t i = 0; i < tertial_calendar_point_count(ka); i++) {
    const tertial_followup_point *x = tertial_calendar_point(ka, i), *y = tertial_calendar_point(kb, i);
    ck_assert_str_eq(x->code, y->code);
    ck_assert_str_eq(x->name, y->name);
    ck_assert(x->cutoff == y->cutoff && x->deadline_months_after == y->deadline_months_after &&
              x->deadline_day == y->deadline_day);
    ck_assert_uint_eq(tertial_calendar_level_deadline_count(ka, i), tertial_calendar_level_deadline_count(kb, i));
    for (size_t k = 0; k < tertial_calendar_level_deadline_count(ka, i); k++) {
      const tertial_level_deadline *e = tertial_calendar_level_deadline_at(ka, i, k),
                                   *f = tertial_calendar_level_deadline_at(kb, i, k);
      ck_assert(e->level == f->level && e->deadline_months_after == f->deadline_months_after &&
                e->deadline_day == f->deadline_day);
    }
  }
  ck_assert_int_eq(tertial_model_current_budget(a), tertial_model_current_budget(b));
  ck_assert_uint_eq(tertial_budget_version_count(a), tertial_budget_version_count(b));
  for (size_t i = 0; i < tertial_budget_version_count(a); i++) {
    tertial_budget_version x, y;
    T_OK(tertial_budget_version_at(&x, a, i));
    T_OK(tertial_budget_version_at(&y, b, i));
    ck_assert_str_eq(x.name, y.name);
    ck_assert_str_eq(x.reason, y.reason);
    ck_assert_str_eq(x.decided_by, y.decided_by);
    ck_assert(x.kind == y.kind && x.revises == y.revises && x.revised_by == y.revised_by &&
              x.decided.year == y.decided.year && x.decided.day == y.decided.day);
  }
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(oa); u++) {
    assert_same_table(a, b, u, cutoff, TERTIAL_VIEW_CHILDREN);
    assert_same_table(a, b, u, cutoff, TERTIAL_VIEW_ROWS);
  }
  assert_same_snapshots(a, b);
}

static tertial_model *round_trip(tertial_model *m, const char *name)
{
  tertial_store *st;
  T_OK(tertial_store_open(&st, tmp_path(name), TERTIAL_STORE_CREATE));
  ck_assert_int_eq(tertial_store_schema_version(st), TERTIAL_STORE_SCHEMA_VERSION);
  ck_assert_int_eq(tertial_store_has_model(st), 0);
  T_OK(tertial_store_save(st, m));
  tertial_store_free(st);
  T_OK(tertial_store_open(&st, tmp_path(name), 0));
  ck_assert_int_eq(tertial_store_has_model(st), 1);
  tertial_model *back;
  T_OK(tertial_store_load(&back, st));
  tertial_store_free(st);
  return back;
}

START_TEST(test_open_errors)
{
  make_tmpdir();
  tertial_store *st;
  T_ERR(tertial_store_open(&st, tmp_path("missing.db"), 0), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "missing.db"));
  T_ERR(tertial_store_open(&st, "/nonexistent-dir/x.db", TERTIAL_STORE_CREATE), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "/nonexistent-dir/x.db"));
  FILE *f = fopen(tmp_path("junk.db"), "w");
  ck_assert_ptr_nonnull(f);
  fputs("this is not a database, just some text that is long enough to be looked at by SQLite\n", f);
  fclose(f);
  T_ERR(tertial_store_open(&st, tmp_path("junk.db"), 0), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "junk.db"));
  T_OK(tertial_store_open(&st, tmp_path("empty.db"), TERTIAL_STORE_CREATE));
  tertial_model *m = NULL;
  T_ERR(tertial_store_load(&m, st), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_null(m);
  tertial_store_free(st);
  /* reopening runs no migration twice */
  T_OK(tertial_store_open(&st, tmp_path("empty.db"), 0));
  ck_assert_int_eq(tertial_store_schema_version(st), TERTIAL_STORE_SCHEMA_VERSION);
  ck_assert_str_eq(tertial_store_path(st), tmp_path("empty.db"));
  tertial_store_free(st);
  T_ERR(tertial_store_open(NULL, "x", 0), TERTIAL_ERR_INVALID);
  tertial_store_free(NULL);
  remove_tmpdir();
}
END_TEST

static void sql(const char *path, const char *statement)
{
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
  ck_assert_msg(sqlite3_exec(db, statement, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
  sqlite3_close(db);
}

START_TEST(test_schema_versions)
{
  make_tmpdir();
  tertial_store *st;
  /* a SQLite file of another program is not taken over */
  sql(tmp_path("other.db"), "CREATE TABLE t(x)");
  T_ERR(tertial_store_open(&st, tmp_path("other.db"), 0), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "not a Tertial store"));
  /* each migration (nothing -> 1 -> ... -> 5) is recorded once */
  T_OK(tertial_store_open(&st, tmp_path("v.db"), TERTIAL_STORE_CREATE));
  tertial_store_free(st);
  T_OK(tertial_store_open(&st, tmp_path("v.db"), 0));
  tertial_store_free(st);
  sqlite3 *db;
  sqlite3_stmt *q;
  ck_assert_int_eq(sqlite3_open(tmp_path("v.db"), &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*), max(version) FROM schema_version", -1, &q, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  ck_assert_int_eq(sqlite3_column_int(q, 0), TERTIAL_STORE_SCHEMA_VERSION);
  ck_assert_int_eq(sqlite3_column_int(q, 1), TERTIAL_STORE_SCHEMA_VERSION);
  sqlite3_finalize(q);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  ck_assert_str_eq((const char *)sqlite3_column_text(q, 0), "wal");
  sqlite3_finalize(q);
  sqlite3_close(db);
  /* a store written by a newer library is refused, not rewritten */
  sql(tmp_path("v.db"), "INSERT INTO schema_version VALUES(99, 'later')");
  T_ERR(tertial_store_open(&st, tmp_path("v.db"), 0), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "99"));
  T_ERR(tertial_store_open(&st, tmp_path("v.db"), TERTIAL_STORE_READONLY), TERTIAL_ERR_STATE);
  remove_tmpdir();
}
END_TEST

/* What both the round-trip test and the version-2 fixture put on the fixture municipality: a
 * reorganisation, a budget revision, an accrual, an adjustment, a decided measure feeding the
 * forecast and an adherence plan. */
static void add_planning(fixture *f)
{
  tertial_model *m = f->model;
  T_OK(tertial_org_move(tertial_model_org(m), f->ht, f->ifo, 202605));
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.decided = (tertial_date){2026, 3, 10};
  o.decided_by = "Socialnämnden";
  o.kind = TERTIAL_BUDGET_REVISED;
  o.reason = "Tilläggsanslag HVB";
  int rev;
  T_OK(tertial_budget_revise(&rev, m, tertial_model_current_budget(m), "Budget rev 1", &o));
  tertial_account_id acc;
  T_OK(tertial_chart_find(&acc, tertial_model_chart(m), "4610"));
  T_OK(tertial_budget_set_annual(m, rev, f->hvb, acc, KR(26000000), NULL));
  T_OK(tertial_model_set_current_budget(m, rev));
  T_OK(tertial_accrual_add(m, f->hvb, "3511", 3, KR(-400000), "Migrationsverket kvartal 1"));
  tertial_forecast_plan *plan = tertial_model_forecast_plan(m);
  T_OK(tertial_forecast_add_adjustment(plan, f->hvb, "KOST_KOP", KR(500000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Två nya placeringar"));
  size_t mi;
  T_OK(tertial_measure_add(&mi, m, f->hvb, "KOST_KOP", "Hemmaplanslösning", "Fler placeringar", KR(300000),
                           "Längre väntetid", (tertial_date){2026, 9, 1}));
  T_OK(tertial_measure_set_status(m, mi, TERTIAL_MEASURE_DECIDED, "Beslut i nämnden"));
  T_OK(tertial_measure_feed_forecast(m, mi));
  tertial_adherence_plan *ap;
  T_OK(tertial_adherence_plan_get(&ap, m, f->ifo, NULL));
  T_OK(tertial_adherence_plan_add_moment(ap, "Sommarvikarier juni–augusti"));
  T_OK(tertial_adherence_plan_add_risk(ap, "Placeringar", "Hemmaplan", KR(200000), "Väntetid"));
}

/* The forecasts frozen at JANFEB and T1. */
static void take_two_snapshots(tertial_model *m)
{
  T_OK(tertial_forecast_apply(m, 2, -1));
  T_OK(tertial_snapshot_take(NULL, m, "JANFEB", (tertial_date){2026, 3, 12}));
  T_OK(tertial_forecast_apply(m, 4, -1));
  T_OK(tertial_snapshot_take(NULL, m, "T1", (tertial_date){2026, 5, 12}));
}

/* The model tests/fixtures/store/v2-fixture.sql holds: the fixture municipality with
 * add_planning(), a method rule and two snapshots (written by the library of schema version 2). */
static void make_v2_model(fixture *f)
{
  fixture_build(f);
  add_planning(f);
  T_OK(tertial_forecast_set_method(tertial_model_forecast_plan(f->model), f->ht, "KOST_PERS",
                                   TERTIAL_METHOD_RUN_RATE, 2));
  take_two_snapshots(f->model);
}

START_TEST(test_fixture_round_trip)
{
  make_tmpdir();
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  add_planning(&f);
  T_OK(tertial_measure_add(NULL, m, f.ht, "KOST_PERS", "Färre timvikarier", "", KR(100000), NULL,
                           (tertial_date){0, 0, 0}));
  take_two_snapshots(m);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(m);
  tertial_adherence_plan *ap;

  tertial_model *back = round_trip(m, "fixture.db");
  assert_same_model(m, back, 4);
  assert_same_model(m, back, 12);
  ck_assert_uint_eq(tertial_accrual_count(back), 1);
  ck_assert_str_eq(tertial_accrual_at(back, 0)->reason, "Migrationsverket kvartal 1");
  ck_assert_uint_eq(tertial_measure_count(back), 2);
  const tertial_measure *me = tertial_measure_at(back, 0);
  ck_assert_int_eq(me->in_forecast, 1);
  ck_assert_int_eq(me->status, TERTIAL_MEASURE_DECIDED);
  ck_assert_str_eq(me->follow_up, "Beslut i nämnden");
  ck_assert_int_eq(me->due.month, 9);
  ck_assert_int_eq(tertial_measure_at(back, 1)->in_forecast, 0);
  tertial_forecast_plan *pb = tertial_model_forecast_plan(back);
  ck_assert_uint_eq(tertial_forecast_adjustment_count(pb), 2);
  for (size_t j = 0; j < 2; j++) {
    const tertial_adjustment *x = tertial_forecast_adjustment_at(plan, j), *y = tertial_forecast_adjustment_at(pb, j);
    ck_assert(x->unit == y->unit && x->amount == y->amount && x->kind == y->kind);
    ck_assert_str_eq(x->reason, y->reason);
  }
  ck_assert_uint_eq(tertial_adherence_plan_count(back), 1);
  ap = tertial_adherence_plan_at(back, 0);
  ck_assert_str_eq(tertial_adherence_plan_moment(ap, 0), "Sommarvikarier juni–augusti");
  ck_assert_int_eq(tertial_adherence_plan_risk(ap, 0)->expected_effect, KR(200000));
  /* the organisation moved in May, in the loaded model too */
  tertial_unit_id parent;
  T_OK(tertial_org_parent(&parent, tertial_model_org(back), f.ht, 202604));
  ck_assert_uint_eq(parent, f.ao);
  T_OK(tertial_org_parent(&parent, tertial_model_org(back), f.ht, 202605));
  ck_assert_uint_eq(parent, f.ifo);
  /* re-applying the loaded plan gives the same forecasts; a frozen point stays frozen */
  T_OK(tertial_forecast_apply(back, 4, -1));
  assert_same_model(m, back, 4);
  T_ERR(tertial_snapshot_take(NULL, back, "T1", (tertial_date){2026, 5, 13}), TERTIAL_ERR_EXISTS);
  tertial_model_free(back);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* Measures in another order: accruals before a budget version, a fed measure whose adjustment was
 * removed since (out of the forecast), a measure done, and two measures alike in every field, both
 * in the forecast, one of them planned and one taken: each keeps its own adjustment. */
START_TEST(test_order_round_trip)
{
  make_tmpdir();
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  T_OK(tertial_accrual_add(m, f.ht, "5011", 0, KR(1000), "Sen faktura"));
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_FRAME;
  o.decided_by = "Kommunfullmäktige";
  int frame;
  T_OK(tertial_budget_create(&frame, m, "Ram 2026", &o));
  ck_assert_int_eq(frame, 4);
  size_t a, b;
  T_OK(tertial_measure_add(&a, m, f.hvb, "KOST_KOP", "Åtgärd A", "Orsak", KR(1000), "", (tertial_date){2026, 6, 1}));
  T_OK(tertial_measure_add(&b, m, f.ht, "KOST_PERS", "Åtgärd B", "Orsak", KR(2000), "", (tertial_date){2026, 7, 1}));
  T_OK(tertial_measure_set_status(m, a, TERTIAL_MEASURE_DONE, NULL));
  T_OK(tertial_measure_feed_forecast(m, a));
  T_OK(tertial_measure_set_status(m, b, TERTIAL_MEASURE_DECIDED, NULL));
  T_OK(tertial_measure_feed_forecast(m, b));
  T_OK(tertial_forecast_remove_adjustment(tertial_model_forecast_plan(m), 1));
  T_OK(tertial_measure_set_status(m, b, TERTIAL_MEASURE_CANCELLED, "Stoppad"));
  size_t c, d;
  for (int k = 0; k < 2; k++)
    T_OK(tertial_measure_add(k ? &d : &c, m, f.ht, "KOST_PERS", "Samma åtgärd", "Orsak", KR(500), "",
                             (tertial_date){2026, 8, 1}));
  T_OK(tertial_measure_set_status(m, c, TERTIAL_MEASURE_DECIDED, NULL));
  T_OK(tertial_measure_feed_forecast(m, c)); /* adjustment 1, planned */
  T_OK(tertial_measure_set_status(m, d, TERTIAL_MEASURE_DECIDED, NULL));
  T_OK(tertial_measure_feed_forecast(m, d)); /* adjustment 2 */
  T_OK(tertial_measure_set_status(m, d, TERTIAL_MEASURE_DONE, NULL)); /* now taken */
  T_OK(tertial_forecast_apply(m, 4, -1));
  tertial_model *back = round_trip(m, "order.db");
  assert_same_model(m, back, 4);
  ck_assert_int_eq(tertial_accrual_measure(back), 3);
  tertial_budget_version v;
  T_OK(tertial_budget_version_of(&v, back, 4));
  ck_assert_int_eq(v.kind, TERTIAL_BUDGET_FRAME);
  ck_assert_str_eq(v.decided_by, "Kommunfullmäktige");
  const tertial_forecast_plan *bp = tertial_model_forecast_plan(back);
  ck_assert_uint_eq(tertial_forecast_adjustment_count(bp), 3);
  ck_assert_int_eq(tertial_forecast_adjustment_at(bp, 0)->kind, TERTIAL_ADJUST_MEASURE_TAKEN);
  ck_assert_int_eq(tertial_measure_at(back, a)->adjustment, 0);
  const tertial_measure *mb = tertial_measure_at(back, b);
  ck_assert_int_eq(mb->in_forecast, 0);
  ck_assert_int_eq(mb->adjustment, -1);
  ck_assert_int_eq(mb->status, TERTIAL_MEASURE_CANCELLED);
  ck_assert_int_eq(tertial_measure_at(back, c)->adjustment, 1);
  ck_assert_int_eq(tertial_measure_at(back, d)->adjustment, 2);
  ck_assert_int_eq(tertial_forecast_adjustment_at(bp, 1)->kind, TERTIAL_ADJUST_PLANNED_MEASURE);
  ck_assert_int_eq(tertial_forecast_adjustment_at(bp, 2)->kind, TERTIAL_ADJUST_MEASURE_TAKEN);
  /* the links are live after loading: cancelling the taken one removes adjustment 2 */
  T_OK(tertial_measure_set_status(back, d, TERTIAL_MEASURE_CANCELLED, NULL));
  ck_assert_uint_eq(tertial_forecast_adjustment_count(bp), 2);
  ck_assert_int_eq(tertial_measure_at(back, c)->adjustment, 1);
  ck_assert_str_eq(mb->follow_up, "Stoppad");
  ck_assert_int_eq(tertial_measure_at(back, a)->status, TERTIAL_MEASURE_DONE);
  tertial_model_free(back);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

START_TEST(test_demo_round_trip)
{
  make_tmpdir();
  tertial_model *m;
  T_OK(tertial_demo_new(&m, NULL));
  T_OK(tertial_forecast_apply(m, 8, -1));
  T_OK(tertial_snapshot_take(NULL, m, "T2", (tertial_date){2026, 9, 10}));
  T_OK(tertial_forecast_apply(m, 10, -1));
  T_OK(tertial_snapshot_take(NULL, m, "JANOKT", (tertial_date){2026, 11, 10}));
  tertial_model *back = round_trip(m, "demo.db");
  assert_same_model(m, back, 10);
  tertial_model_free(back);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

START_TEST(test_save_replaces_and_refuses)
{
  make_tmpdir();
  fixture f;
  fixture_build(&f);
  tertial_store *st;
  T_OK(tertial_store_open(&st, tmp_path("s.db"), TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, f.model));
  /* a second save replaces the first */
  T_OK(tertial_org_set_manager(tertial_model_org(f.model), f.hvb, "Ny chef"));
  T_OK(tertial_store_save(st, f.model));
  tertial_model *back;
  T_OK(tertial_store_load(&back, st));
  ck_assert_str_eq(tertial_org_unit(tertial_model_org(back), f.hvb)->manager, "Ny chef");
  tertial_model_free(back);
  tertial_store_free(st);
  /* read-only stores refuse to save */
  T_OK(tertial_store_open(&st, tmp_path("s.db"), TERTIAL_STORE_READONLY));
  T_ERR(tertial_store_save(st, f.model), TERTIAL_ERR_INVALID);
  tertial_store_free(st);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* Method rules (for all rows and for one row), a manual figure and a volume driver survive a save
 * and a load: applying the forecast afterwards gives the same figures as before. */
START_TEST(test_forecast_plan_round_trip)
{
  make_tmpdir();
  fixture f;
  fixture_build(&f);
  tertial_forecast_plan *plan = tertial_model_forecast_plan(f.model);
  T_OK(tertial_forecast_set_method(plan, f.ifo, NULL, TERTIAL_METHOD_LINEAR, 0));
  T_OK(tertial_forecast_set_method(plan, f.ht, "KOST_PERS", TERTIAL_METHOD_RUN_RATE, 2));
  T_OK(tertial_forecast_set_method(plan, f.fs, "KOST_BIDR", TERTIAL_METHOD_MANUAL, 0));
  T_OK(tertial_forecast_set_manual(plan, f.fs, "KOST_BIDR", KR(1000000)));
  T_OK(tertial_forecast_set_method(plan, f.hvb, "KOST_KOP", TERTIAL_METHOD_VOLUME_DRIVER, 0));
  T_OK(tertial_forecast_set_driver(plan, f.hvb, "KOST_KOP", "HVB-placeringar", "dygn", KR(4500)));
  for (int m = 0; m < 12; m++)
    T_OK(tertial_forecast_set_volume(plan, f.hvb, "KOST_KOP", m, 600000 + m));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  tertial_store *st;
  T_OK(tertial_store_open(&st, tmp_path("p.db"), TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, f.model));
  tertial_model *back;
  T_OK(tertial_store_load(&back, st));
  tertial_store_free(st);
  tertial_forecast_plan *bp = tertial_model_forecast_plan(back);
  ck_assert_uint_eq(tertial_forecast_rule_count(bp), 4);
  ck_assert_uint_eq(tertial_forecast_manual_count(bp), 1);
  ck_assert_uint_eq(tertial_forecast_driver_count(bp), 1);
  tertial_forecast_method method;
  int n;
  T_OK(tertial_forecast_method_of(&method, &n, bp, f.hvb, "INT_BIDR"));
  ck_assert_int_eq(method, TERTIAL_METHOD_LINEAR);
  T_OK(tertial_forecast_method_of(&method, &n, bp, f.ht, "KOST_PERS"));
  ck_assert_int_eq(method, TERTIAL_METHOD_RUN_RATE);
  ck_assert_int_eq(n, 2);
  tertial_unit_id u;
  const char *row, *name, *vu;
  int64_t cost, v;
  T_OK(tertial_forecast_driver_at(&u, &row, &name, &vu, &cost, bp, 0));
  ck_assert_str_eq(name, "HVB-placeringar");
  ck_assert_str_eq(vu, "dygn");
  ck_assert_int_eq(cost, KR(4500));
  T_OK(tertial_forecast_driver_volume(&v, bp, 0, 11));
  ck_assert_int_eq(v, 600011);
  T_OK(tertial_forecast_apply(back, 4, -1));
  const char *rows[] = {"INT_BIDR", "KOST_KOP", "KOST_BIDR", "KOST_PERS", "KOST_HYRA"};
  tertial_unit_id units[] = {f.hvb, f.hvb, f.fs, f.ht, f.sn};
  for (size_t i = 0; i < 5; i++) {
    int64_t a, b;
    T_OK(tertial_model_forecast(&a, f.model, units[i], rows[i]));
    T_OK(tertial_model_forecast(&b, back, units[i], rows[i]));
    ck_assert_int_eq(a, b);
  }
  int64_t fs_fc;
  T_OK(tertial_model_forecast(&fs_fc, back, f.fs, "KOST_BIDR"));
  ck_assert_int_eq(fs_fc, KR(1000000));
  tertial_model_free(back);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

START_TEST(test_snapshot_restore)
{
  fixture f;
  fixture_build(&f);
  tertial_snapshot_entry e = {f.hvb, "KOST_KOP", TERTIAL_METHOD_LINEAR, 0, 1, 2, 3, 3, 4, 5};
  const tertial_snapshot *s;
  T_OK(tertial_snapshot_restore(&s, f.model, "T1", 4, (tertial_date){2026, 5, 1}, &e, 1));
  ck_assert_str_eq(tertial_snapshot_entry_at(s, 0)->row_code, "KOST_KOP");
  ck_assert_int_eq(tertial_snapshot_cutoff(s), 4);
  T_ERR(tertial_snapshot_restore(NULL, f.model, "T1", 4, (tertial_date){2026, 5, 1}, &e, 1), TERTIAL_ERR_EXISTS);
  T_ERR(tertial_snapshot_restore(NULL, f.model, "T2", 13, (tertial_date){2026, 5, 1}, &e, 1), TERTIAL_ERR_RANGE);
  e.unit = 999;
  T_ERR(tertial_snapshot_restore(NULL, f.model, "T2", 8, (tertial_date){2026, 5, 1}, &e, 1), TERTIAL_ERR_NOT_FOUND);
  T_OK(tertial_snapshot_restore(NULL, f.model, "T2", 8, (tertial_date){2026, 9, 1}, NULL, 0));
  ck_assert_uint_eq(tertial_snapshot_count(f.model), 2);
  fixture_free(&f);
}
END_TEST

/* A model of another fiscal year: small_model() moved to first_year. */
static tertial_model *year_model(int first_year, int64_t outcome)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, first_year, 1));
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id p, u;
  T_OK(tertial_org_add_unit(&p, org, "P", "Förvaltning", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_org_add_unit(&u, org, "A", "Enhet A", p, 1, "Chef A"));
  tertial_account_id a;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), "4010"));
  for (int k = 0; k < 12; k++) {
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, k, TERTIAL_MEASURE_OUTCOME, outcome + k));
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, k, tertial_model_current_budget(m), KR(1000)));
  }
  return m;
}

static int64_t outcome_of(tertial_model *m)
{
  int64_t v;
  T_OK(tertial_ledger_total(&v, tertial_model_ledger(m), 0, TERTIAL_ALL_ACCOUNTS, TERTIAL_MEASURE_OUTCOME, 0, 11));
  return v;
}

static void assert_years(tertial_store *st, const int *years, int n)
{
  ck_assert_int_eq(tertial_store_year_count(st), n);
  for (int i = 0; i < n; i++) {
    int y = 0;
    T_OK(tertial_store_year_at(&y, st, (size_t)i));
    ck_assert_int_eq(y, years[i]);
    ck_assert_int_eq(tertial_store_has_year(st, years[i]), 1);
  }
  int y;
  T_ERR(tertial_store_year_at(&y, st, (size_t)n), TERTIAL_ERR_RANGE);
}

/* One model per fiscal year: a save replaces its own year only, the latest year loads by default. */
START_TEST(test_multi_year)
{
  make_tmpdir();
  tertial_store *st;
  T_OK(tertial_store_open(&st, tmp_path("years.db"), TERTIAL_STORE_CREATE));
  ck_assert_int_eq(tertial_store_year_count(st), 0);
  ck_assert_int_eq(tertial_store_has_year(st, 2026), 0);
  fixture f;
  fixture_build(&f);
  tertial_model *y24 = year_model(2024, KR(100)), *y25 = year_model(2025, KR(200));
  /* saved out of order; two years in one transaction */
  T_OK(tertial_store_save(st, f.model));
  tertial_model *pair[] = {y25, y24};
  T_OK(tertial_store_save_years(st, pair, 2));
  const int three[] = {2024, 2025, 2026};
  assert_years(st, three, 3);
  /* the latest year is the default */
  tertial_model *back;
  T_OK(tertial_store_load(&back, st));
  ck_assert_int_eq(tertial_model_fiscal_year(back)->first_year, 2026);
  assert_same_model(f.model, back, 4);
  tertial_model_free(back);
  T_OK(tertial_store_load_year(&back, st, 2024));
  ck_assert_int_eq(tertial_model_fiscal_year(back)->first_year, 2024);
  ck_assert_int_eq(outcome_of(back), 12 * KR(100) + 66);
  ck_assert_str_eq(tertial_org_unit(tertial_model_org(back), 1)->manager, "Chef A");
  tertial_model_free(back);
  T_ERR(tertial_store_load_year(&back, st, 2023), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "2023"));
  ck_assert_ptr_null(back);
  /* saving 2025 again replaces 2025 and nothing else */
  tertial_model_free(y25);
  y25 = year_model(2025, KR(300));
  T_OK(tertial_org_set_manager(tertial_model_org(y25), 1, "Ny chef"));
  T_OK(tertial_store_save(st, y25));
  assert_years(st, three, 3);
  T_OK(tertial_store_load_year(&back, st, 2025));
  ck_assert_int_eq(outcome_of(back), 12 * KR(300) + 66);
  ck_assert_str_eq(tertial_org_unit(tertial_model_org(back), 1)->manager, "Ny chef");
  ck_assert_uint_eq(tertial_org_unit_count(tertial_model_org(back)), 2);
  tertial_model_free(back);
  T_OK(tertial_store_load_year(&back, st, 2024));
  ck_assert_int_eq(outcome_of(back), 12 * KR(100) + 66);
  ck_assert_str_eq(tertial_org_unit(tertial_model_org(back), 1)->manager, "Chef A");
  tertial_model_free(back);
  T_OK(tertial_store_load_year(&back, st, 2026));
  assert_same_model(f.model, back, 4);
  tertial_model_free(back);
  /* two models of one year are refused before anything is written */
  tertial_model *dup[] = {y24, y24};
  T_ERR(tertial_store_save_years(st, dup, 2), TERTIAL_ERR_INVALID);
  T_ERR(tertial_store_save_years(st, NULL, 1), TERTIAL_ERR_INVALID);
  T_OK(tertial_store_save_years(st, NULL, 0));
  /* removing a year */
  T_OK(tertial_store_remove_year(st, 2024));
  const int two[] = {2025, 2026};
  assert_years(st, two, 2);
  T_ERR(tertial_store_remove_year(st, 2024), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "2024"));
  tertial_store_free(st);
  /* a read-only store lists and loads years but refuses changes */
  T_OK(tertial_store_open(&st, tmp_path("years.db"), TERTIAL_STORE_READONLY));
  assert_years(st, two, 2);
  T_ERR(tertial_store_remove_year(st, 2025), TERTIAL_ERR_INVALID);
  T_ERR(tertial_store_save_years(st, pair, 2), TERTIAL_ERR_INVALID);
  tertial_store_free(st);
  tertial_model_free(y24);
  tertial_model_free(y25);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* Saving several years is all or nothing: a failure in the second year leaves the first as it was. */
START_TEST(test_save_years_atomic)
{
  make_tmpdir();
  tertial_store *st;
  T_OK(tertial_store_open(&st, tmp_path("atomic.db"), TERTIAL_STORE_CREATE));
  tertial_model *y24 = year_model(2024, KR(100)), *y25 = year_model(2025, KR(200));
  tertial_model *both[] = {y24, y25};
  T_OK(tertial_store_save_years(st, both, 2));
  tertial_store_free(st);
  /* SQLite refuses any account row of 2025 from now on */
  sql(tmp_path("atomic.db"), "CREATE TRIGGER no_2025 BEFORE INSERT ON account WHEN NEW.year = 2025"
                             " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  T_OK(tertial_store_open(&st, tmp_path("atomic.db"), 0));
  tertial_model *n24 = year_model(2024, KR(500)), *n25 = year_model(2025, KR(600));
  tertial_model *next[] = {n24, n25};
  T_ERR(tertial_store_save_years(st, next, 2), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "refused by the test"));
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "atomic.db"));
  tertial_model *back;
  T_OK(tertial_store_load_year(&back, st, 2024));
  ck_assert_int_eq(outcome_of(back), 12 * KR(100) + 66);
  tertial_model_free(back);
  T_OK(tertial_store_load_year(&back, st, 2025));
  ck_assert_int_eq(outcome_of(back), 12 * KR(200) + 66);
  tertial_model_free(back);
  /* and the store is still usable: 2024 alone saves */
  T_OK(tertial_store_save(st, n24));
  T_OK(tertial_store_load_year(&back, st, 2024));
  ck_assert_int_eq(outcome_of(back), 12 * KR(500) + 66);
  tertial_model_free(back);
  tertial_store_free(st);
  tertial_model_free(y24);
  tertial_model_free(y25);
  tertial_model_free(n24);
  tertial_model_free(n25);
  remove_tmpdir();
}
END_TEST

static char *read_text(const char *path)
{
  FILE *f = fopen(path, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", path);
  ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
  long n = ftell(f);
  ck_assert_int_ge(n, 0);
  rewind(f);
  char *text = malloc((size_t)n + 1);
  ck_assert_ptr_nonnull(text);
  ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
  text[n] = '\0';
  fclose(f);
  return text;
}

/* A store written by the version-2 library (one model, no year column) migrates to version 3 in
 * one step and reads back as the same model, as fiscal year 2026. */
START_TEST(test_migrate_v2)
{
  make_tmpdir();
  char *dump = read_text(TERTIAL_SOURCE_ROOT "/tests/fixtures/store/v2-fixture.sql");
  sql(tmp_path("v2.db"), dump);
  free(dump);
  sqlite3 *db;
  sqlite3_stmt *q;
  ck_assert_int_eq(sqlite3_open(tmp_path("v2.db"), &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT max(version) FROM schema_version", -1, &q, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  ck_assert_int_eq(sqlite3_column_int(q, 0), 2);
  sqlite3_finalize(q);
  sqlite3_close(db);
  tertial_store *st;
  /* read-only opening does not migrate */
  T_ERR(tertial_store_open(&st, tmp_path("v2.db"), TERTIAL_STORE_READONLY), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "schema version 2"));
  T_OK(tertial_store_open(&st, tmp_path("v2.db"), 0));
  ck_assert_int_eq(tertial_store_schema_version(st), TERTIAL_STORE_SCHEMA_VERSION);
  const int one[] = {2026};
  assert_years(st, one, 1);
  tertial_model *back;
  T_OK(tertial_store_load(&back, st));
  fixture f;
  make_v2_model(&f);
  /* the store keeps the mapping it was saved with (then the default mapped 78 to financing): a
   * change of the library's default never rewrites a municipality's stored mapping */
  tertial_rowmap *kept;
  char *kept_text;
  int row;
  T_OK(tertial_rowmap_format(&kept_text, tertial_model_rowmap(back)));
  ck_assert_ptr_nonnull(strstr(kept_text, "map;78;78;FIN"));
  T_OK(tertial_rowmap_parse(&kept, kept_text, "v2.db"));
  tertial_free(kept_text);
  T_OK(tertial_model_set_rowmap(f.model, kept));
  T_OK(tertial_rowmap_find_row(&row, tertial_model_rowmap(back), "FIN"));
  assert_same_model(f.model, back, 4);
  assert_same_model(f.model, back, 12);
  /* the migrated plan forecasts as the original: the run-rate rule and the fed measure survived */
  T_OK(tertial_forecast_apply(back, 4, -1));
  T_OK(tertial_forecast_apply(f.model, 4, -1));
  assert_same_model(f.model, back, 4);
  ck_assert_uint_eq(tertial_forecast_rule_count(tertial_model_forecast_plan(back)), 1);
  ck_assert_int_eq(tertial_measure_at(back, 0)->in_forecast, 1);
  /* the key set starts with its default */
  ck_assert_str_eq(tertial_key_name(tertial_keyset_default(tertial_model_keys(back))), "Tolftedelar");
  tertial_model_free(back);
  /* a second year joins the migrated one */
  tertial_model *y25 = year_model(2025, KR(1));
  T_OK(tertial_store_save(st, y25));
  const int two[] = {2025, 2026};
  assert_years(st, two, 2);
  tertial_model_free(y25);
  tertial_store_free(st);
  /* the migrations are recorded once, as versions 3, 4 and 5 */
  ck_assert_int_eq(sqlite3_open(tmp_path("v2.db"), &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT group_concat(version) FROM schema_version", -1, &q, NULL),
                   SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  ck_assert_str_eq((const char *)sqlite3_column_text(q, 0), "1,2,3,4,5,6,7,8,9,10,11,12,13,14");
  sqlite3_finalize(q);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM amount WHERE year = 2026", -1, &q, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  ck_assert_int_gt(sqlite3_column_int(q, 0), 0);
  sqlite3_finalize(q);
  sqlite3_close(db);
  /* a migration that fails leaves the store at version 2 */
  dump = read_text(TERTIAL_SOURCE_ROOT "/tests/fixtures/store/v2-fixture.sql");
  sql(tmp_path("bad.db"), dump);
  free(dump);
  sql(tmp_path("bad.db"), "DELETE FROM meta WHERE key = 'first_year'"); /* rows without a year */
  T_ERR(tertial_store_open(&st, tmp_path("bad.db"), 0), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "bad.db"));
  ck_assert_int_eq(sqlite3_open(tmp_path("bad.db"), &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT max(version), (SELECT count(*) FROM unit) FROM schema_version", -1,
                                      &q, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  ck_assert_int_eq(sqlite3_column_int(q, 0), 2);
  ck_assert_int_eq(sqlite3_column_int(q, 1), 7);
  sqlite3_finalize(q);
  sqlite3_close(db);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* Distribute 1 200 000 öre with a key, with a row's last year of 1..12 öre. */
static void spread(int64_t out[12], const tertial_key *key, const tertial_fiscal_year *fy)
{
  const int64_t row[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  T_OK(tertial_key_distribute_row(out, key, fy, 1200000, row));
}

/* The periodisation keys of every kind and the default key survive a save and a load. */
START_TEST(test_keys_round_trip)
{
  make_tmpdir();
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2026, 7)); /* a fiscal year from July: salary weights are by calendar month */
  tertial_keyset *set = tertial_model_keys(m);
  const int64_t salary[12] = {100, 100, 100, 100, 100, 100, 40, 90, 100, 100, 100, 120};
  const int64_t custom[12] = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
  const int64_t last[12] = {-5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16}; /* revenue */
  const int64_t mixed[12] = {10, -20, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0};                /* falls back */
  tertial_key *k;
  T_OK(tertial_key_new_calendar_days(&k, "Dagar"));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_working_days(&k, "Arbetsdagar", TERTIAL_HOLIDAYS_DEFAULT));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_working_days(&k, "Arbetsdagar aftnar", TERTIAL_HOLIDAYS_EVES_WORKING));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_salary(&k, "Lön", salary));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_custom(&k, "Egen", custom));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_last_year(&k, "Fg år rad", NULL));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_last_year(&k, "Fg år", last));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_last_year(&k, "Fg år blandat", mixed));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_equal(&k, "Jämnt"));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_keyset_set_default(set, "Lön"));
  tertial_model *back = round_trip(m, "keys.db");
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(m);
  tertial_keyset *bs = tertial_model_keys(back);
  ck_assert_uint_eq(tertial_keyset_count(bs), 10);
  ck_assert_str_eq(tertial_key_name(tertial_keyset_default(bs)), "Lön");
  for (size_t i = 0; i < tertial_keyset_count(set); i++) {
    const tertial_key *a = tertial_keyset_key(set, i), *b = tertial_keyset_key(bs, i);
    ck_assert_str_eq(tertial_key_name(a), tertial_key_name(b));
    ck_assert_int_eq(tertial_key_kind_of(a), tertial_key_kind_of(b));
    ck_assert_int_eq(tertial_key_falls_back(a), tertial_key_falls_back(b));
    int64_t x[12], y[12];
    spread(x, a, fy);
    spread(y, b, fy);
    for (int mo = 0; mo < 12; mo++)
      ck_assert_msg(x[mo] == y[mo], "key %s month %d: %lld != %lld", tertial_key_name(a), mo, (long long)x[mo],
                    (long long)y[mo]);
    /* the same in another fiscal year: the salary weights went back to calendar months */
    tertial_fiscal_year other = {2027, 1};
    spread(x, a, &other);
    spread(y, b, &other);
    for (int mo = 0; mo < 12; mo++)
      ck_assert_msg(x[mo] == y[mo], "key %s in 2027, month %d", tertial_key_name(a), mo);
  }
  /* hand-checked: the weights sum to 1150; July (40) gets 1 200 000 × 40 / 1150 = 41 739,13,
   * December (120) 125 217,39; the 8 öre left go to the first eight months weighing 100 (,83
   * each), in fiscal order September..May, so June keeps 104 347 */
  const tertial_key *lon;
  T_OK(tertial_keyset_find(&lon, bs, "Lön"));
  int64_t months[12];
  spread(months, lon, fy);
  ck_assert_int_eq(months[0], 41739);
  ck_assert_int_eq(months[5], 125217);
  ck_assert_int_eq(months[2], 104348);
  ck_assert_int_eq(months[11], 104347);
  /* the row-following last-year key still follows the row being budgeted */
  const tertial_key *row;
  T_OK(tertial_keyset_find(&row, bs, "Fg år rad"));
  spread(months, row, fy);
  ck_assert_int_eq(months[0], 1200000 * 1 / 78 + 1);
  ck_assert_int_eq(months[11], 1200000 * 12 / 78);
  tertial_model_free(back);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* The months of an annual budget set on a model's current budget with the key its key set
 * resolves (key NULL). */
static void set_annual_months(int64_t out[12], tertial_model *m, tertial_unit_id u, const char *number,
                              int64_t annual)
{
  tertial_account_id a;
  int budget = tertial_model_current_budget(m);
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), number));
  T_OK(tertial_budget_set_annual(m, budget, u, a, annual, NULL));
  for (int mo = 0; mo < 12; mo++)
    T_OK(tertial_ledger_get(&out[mo], tertial_model_ledger(m), u, a, mo, budget));
}

/* The key set's assignment rules survive a save and a load in their order: every (unit,
 * account) resolves to the same key, and annual budgets periodised through the set get the
 * same months. Rules: every unit 50-59 -> Lön, then Egen (replacing the key in place); SN every
 * account -> Kalenderdagar; AO 50-50 -> Lön; IFO 46 -> Arbetsdagar; HVB 4610 -> Egen. */
START_TEST(test_key_rules_round_trip)
{
  make_tmpdir();
  fixture f;
  fixture_build(&f);
  tertial_keyset *set = tertial_model_keys(f.model);
  const int64_t salary[12] = {100, 100, 100, 100, 100, 100, 40, 100, 100, 100, 100, 100};
  const int64_t custom[12] = {2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  tertial_key *k;
  T_OK(tertial_key_new_salary(&k, "Lön", salary));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_calendar_days(&k, "Kalenderdagar"));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_working_days(&k, "Arbetsdagar", TERTIAL_HOLIDAYS_EVES_WORKING));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_key_new_custom(&k, "Egen", custom));
  T_OK(tertial_keyset_add(set, k));
  T_OK(tertial_keyset_assign(set, TERTIAL_NO_UNIT, "50", "59", "Lön"));
  T_OK(tertial_keyset_assign(set, f.sn, NULL, NULL, "Kalenderdagar"));
  T_OK(tertial_keyset_assign(set, f.ao, "50", "50", "Lön"));
  T_OK(tertial_keyset_assign(set, f.ifo, "46", "46", "Arbetsdagar"));
  T_OK(tertial_keyset_assign(set, f.hvb, "4610", "4610", "Egen"));
  T_OK(tertial_keyset_assign(set, TERTIAL_NO_UNIT, "50", "59", "Egen"));
  T_OK(tertial_keyset_set_default(set, "Arbetsdagar"));
  tertial_model *back = round_trip(f.model, "rules.db");
  tertial_keyset *bs = tertial_model_keys(back);
  ck_assert_uint_eq(tertial_keyset_rule_count(bs), 5);
  for (size_t i = 0; i < 5; i++) {
    tertial_unit_id ua, ub;
    const char *fa, *ta, *fb, *tb;
    const tertial_key *ka, *kb;
    T_OK(tertial_keyset_rule_at(&ua, &fa, &ta, &ka, set, i));
    T_OK(tertial_keyset_rule_at(&ub, &fb, &tb, &kb, bs, i));
    ck_assert_uint_eq(ua, ub);
    ck_assert_str_eq(fa ? fa : "-", fb ? fb : "-");
    ck_assert_str_eq(ta ? ta : "-", tb ? tb : "-");
    ck_assert_str_eq(tertial_key_name(ka), tertial_key_name(kb));
  }
  const char *numbers[] = {"3511", "4511", "4610", "4620", "46", "5011", "5", "5511", "59999", "6110", "9"};
  tertial_org *org = tertial_model_org(f.model);
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(org); u++)
    for (size_t n = 0; n < sizeof numbers / sizeof *numbers; n++) {
      const tertial_key *a, *b;
      T_OK(tertial_keyset_resolve(&a, set, org, u, numbers[n], 202601));
      T_OK(tertial_keyset_resolve(&b, bs, tertial_model_org(back), u, numbers[n], 202601));
      ck_assert_msg(strcmp(tertial_key_name(a), tertial_key_name(b)) == 0, "unit %u account %s: %s != %s",
                    (unsigned)u, numbers[n], tertial_key_name(a), tertial_key_name(b));
    }
  /* Hand-checked months of 2026, each budget set on both models:
   * - HT 5011: AO's 50-50 -> Lön: 1 140 000 kr is 100 000 kr a month, July 40 000 kr;
   * - HVB 4610: its own rule -> Egen (2, then 1 × 11): 1 300 000 kr is 200 000 kr in January,
   *   100 000 kr after;
   * - FS 4511: IFO's 46 does not match, SN's every-account rule -> Kalenderdagar: 365 000 kr is
   *   1 000 kr a day, February 28 000 kr;
   * - K 5011: no unit rule; every unit's 50-59, its key replaced by Egen: 13 kr gives 2 kr in January;
   * - K 3511: nothing matches -> the default Arbetsdagar, eves working: 2026 has 254 working days
   *   counting the eves (20 20 22 20 19 22 23 21 22 22 21 22), so -254 000 kr is -20 000 kr in
   *   January and February, -23 000 kr in July. */
  struct {
    tertial_unit_id unit;
    const char *number;
    int64_t annual, january, february, july;
  } cases[] = {
    {f.ht, "5011", KR(1140000), KR(100000), KR(100000), KR(40000)},
    {f.hvb, "4610", KR(1300000), KR(200000), KR(100000), KR(100000)},
    {f.fs, "4511", KR(365000), KR(31000), KR(28000), KR(31000)},
    {f.k, "5011", KR(13), KR(2), KR(1), KR(1)},
    {f.k, "3511", KR(-254000), KR(-20000), KR(-20000), KR(-23000)},
  };
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
    int64_t a[12], b[12];
    set_annual_months(a, f.model, cases[c].unit, cases[c].number, cases[c].annual);
    set_annual_months(b, back, cases[c].unit, cases[c].number, cases[c].annual);
    for (int mo = 0; mo < 12; mo++)
      ck_assert_msg(a[mo] == b[mo], "case %zu month %d: %lld != %lld", c, mo, (long long)a[mo], (long long)b[mo]);
    ck_assert_int_eq(b[0], cases[c].january);
    ck_assert_int_eq(b[1], cases[c].february);
    ck_assert_int_eq(b[6], cases[c].july);
  }
  tertial_model_free(back);
  /* a rule naming a unit the store does not hold is refused on load, naming the table */
  sql(tmp_path("rules.db"), "UPDATE period_key_rule SET unit = 99 WHERE seq = 4");
  tertial_store *st;
  T_OK(tertial_store_open(&st, tmp_path("rules.db"), 0));
  T_ERR(tertial_store_load(&back, st), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "period_key_rule"));
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "unit 99"));
  tertial_store_free(st);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST


/* The save version SQLite holds for a year (0: none). */
static long long stored_version(const char *path, int year)
{
  sqlite3 *db;
  sqlite3_stmt *q;
  long long v = 0;
  ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT version FROM year_version WHERE year = ?", -1, &q, NULL), SQLITE_OK);
  sqlite3_bind_int(q, 1, year);
  if (sqlite3_step(q) == SQLITE_ROW)
    v = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(db);
  return v;
}

/* Add 1 öre of outcome in the first month on account `number` of unit A (created when new). */
static int add_outcome(tertial_model *m, const char *number)
{
  tertial_account_id a;
  tertial_unit_id u;
  int rc = tertial_org_find(&u, tertial_model_org(m), "A");
  if (rc == 0)
    rc = tertial_chart_ensure(&a, tertial_model_chart(m), number);
  return rc < 0 ? rc : tertial_ledger_add(tertial_model_ledger(m), u, a, 0, TERTIAL_MEASURE_OUTCOME, 1);
}

static int64_t account_outcome(tertial_model *m, const char *number)
{
  tertial_account_id a;
  int64_t v;
  if (tertial_chart_find(&a, tertial_model_chart(m), number) < 0)
    return -1;
  T_OK(tertial_ledger_total(&v, tertial_model_ledger(m), 0, a, TERTIAL_MEASURE_OUTCOME, 0, 11));
  return v;
}

/* Two handles on one store: a save over a read that another handle saved after is refused with a
 * conflict and changes nothing; loading again and repeating the change saves it. */
START_TEST(test_conflict)
{
  make_tmpdir();
  const char *path = tmp_path("c.db");
  char p[128];
  snprintf(p, sizeof p, "%s", path);
  tertial_store *a, *b;
  tertial_model *y = year_model(2026, KR(1)), *ma, *mb, *back;
  T_OK(tertial_store_open(&a, p, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(a, y)); /* a new year: nothing read, nothing to conflict with */
  ck_assert_int_eq(stored_version(p, 2026), 1);
  T_OK(tertial_store_open(&b, p, 0));
  T_OK(tertial_store_load(&ma, a));
  T_OK(tertial_store_load(&mb, b));
  T_OK(add_outcome(ma, "5010"));
  T_OK(add_outcome(mb, "5020"));
  T_OK(tertial_store_save(a, ma));
  ck_assert_int_eq(stored_version(p, 2026), 2);
  T_ERR(tertial_store_save(b, mb), TERTIAL_ERR_CONFLICT);
  const char *msg = tertial_error_last();
  ck_assert_msg(strstr(msg, "c.db") && strstr(msg, "fiscal year 2026") && strstr(msg, "version 2") &&
                  strstr(msg, "version 1") && strstr(msg, "UTC") && strstr(msg, "load it again"),
                "%s", msg);
  ck_assert_int_eq(stored_version(p, 2026), 2);
  T_OK(tertial_store_load(&back, a));
  ck_assert_int_eq(account_outcome(back, "5010"), 1);
  ck_assert_int_eq(account_outcome(back, "5020"), -1);
  tertial_model_free(back);
  /* a's own later saves go on from the version it wrote */
  T_OK(add_outcome(ma, "5030"));
  T_OK(tertial_store_save(a, ma));
  /* b loads again, repeats its change and saves */
  tertial_model_free(mb);
  T_OK(tertial_store_load_year(&mb, b, 2026));
  T_OK(add_outcome(mb, "5020"));
  T_OK(tertial_store_save(b, mb));
  ck_assert_int_eq(stored_version(p, 2026), 4);
  T_OK(tertial_store_load(&back, a));
  ck_assert_int_eq(account_outcome(back, "5010"), 1);
  ck_assert_int_eq(account_outcome(back, "5020"), 1);
  ck_assert_int_eq(account_outcome(back, "5030"), 1);
  tertial_model_free(back);
  /* a removal by b conflicts with a's save of what it read before, and the other way round */
  T_OK(tertial_store_load(&back, a));
  T_OK(tertial_store_remove_year(b, 2026));
  T_ERR(tertial_store_save(a, back), TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "removed"));
  ck_assert_int_eq(tertial_store_has_model(a), 0);
  /* y still holds what it saved at version 1: saving it over the removal is a conflict too */
  T_ERR(tertial_store_save(b, y), TERTIAL_ERR_CONFLICT);
  tertial_model *fresh = year_model(2026, KR(1));
  T_OK(tertial_store_save(b, fresh));
  tertial_model_free(fresh);
  T_ERR(tertial_store_remove_year(a, 2026), TERTIAL_ERR_CONFLICT);
  ck_assert_int_eq(tertial_store_has_year(a, 2026), 1);
  tertial_model_free(back);
  /* asking whether a year is there is a read: two creations of one year do not both succeed */
  tertial_model *y27 = year_model(2027, KR(7)), *other27 = year_model(2027, KR(8));
  ck_assert_int_eq(tertial_store_has_year(a, 2027), 0);
  ck_assert_int_eq(tertial_store_has_year(b, 2027), 0);
  T_OK(tertial_store_save(b, y27));
  T_ERR(tertial_store_save(a, other27), TERTIAL_ERR_CONFLICT);
  T_OK(tertial_store_load_year(&back, a, 2027));
  ck_assert_int_eq(outcome_of(back), 12 * KR(7) + 66);
  tertial_model_free(back);
  /* a model remembers the version it was read at: one handle that loads the year twice and saves
   * both copies loses neither's change, nor does a copy saved through another handle */
  tertial_model *first, *second;
  T_OK(tertial_store_load_year(&first, a, 2027));
  T_OK(tertial_store_load_year(&second, a, 2027));
  T_OK(add_outcome(second, "5040"));
  T_OK(tertial_store_save(a, second));
  T_OK(add_outcome(first, "5050"));
  T_ERR(tertial_store_save(a, first), TERTIAL_ERR_CONFLICT);
  T_ERR(tertial_store_save(b, first), TERTIAL_ERR_CONFLICT);
  T_OK(tertial_store_save(b, second)); /* through another handle, from what it saved */
  T_OK(tertial_store_load_year(&back, b, 2027));
  ck_assert_int_eq(account_outcome(back, "5040"), 1);
  ck_assert_int_eq(account_outcome(back, "5050"), -1); /* no such account: the change was refused */
  tertial_model_free(back);
  tertial_model_free(first);
  tertial_model_free(second);
  /* a model of another store saves into this one as a year this handle never read */
  tertial_store *c;
  T_OK(tertial_store_open(&c, tmp_path("other.db"), TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(c, ma));
  T_OK(tertial_store_load(&back, c));
  ck_assert_int_eq(account_outcome(back, "5030"), 1);
  tertial_model_free(back);
  tertial_store_free(c);
  tertial_store_free(a);
  tertial_store_free(b);
  tertial_model_free(ma);
  tertial_model_free(mb);
  tertial_model_free(y);
  tertial_model_free(y27);
  tertial_model_free(other27);
  remove_tmpdir();
}
END_TEST

enum { WRITERS = 4, CHANGES = 8 };

/* One writer process: CHANGES times load the year, add its own account, save; on a conflict load
 * again and repeat the change. The first load of every writer happens before any save (the
 * barrier), so the first round conflicts. Exits with the number of conflicts, or 100 and more
 * for an error. */
static void writer(const char *path, int id, int ready, int go)
{
  tertial_store *st;
  int conflicts = 0;
  if (tertial_store_open(&st, path, 0) < 0)
    _exit(100);
  for (int k = 0; k < CHANGES; k++) {
    for (;;) {
      tertial_model *m;
      char number[8];
      snprintf(number, sizeof number, "6%d%02d", id, k);
      if (tertial_store_load(&m, st) < 0 || add_outcome(m, number) < 0)
        _exit(101);
      if (k == 0 && conflicts == 0) {
        char c = 1, d;
        if (write(ready, &c, 1) != 1 || read(go, &d, 1) != 0) /* EOF: every writer has loaded */
          _exit(102);
      }
      int rc = tertial_store_save(st, m);
      tertial_model_free(m);
      if (rc == 0)
        break;
      if (rc != TERTIAL_ERR_CONFLICT)
        _exit(103);
      conflicts++;
    }
  }
  tertial_store_free(st);
  _exit(conflicts > 99 ? 99 : conflicts);
}

/* Processes, not threads, save one store at once: every change of every writer is in the store
 * afterwards, conflicts were seen, and the year's version counts exactly the saves that
 * succeeded (no save went through over a stale read). */
START_TEST(test_concurrent_writers)
{
  make_tmpdir();
  char path[128];
  snprintf(path, sizeof path, "%s", tmp_path("w.db"));
  tertial_store *st;
  tertial_model *y = year_model(2026, KR(1));
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, y));
  tertial_store_free(st);
  tertial_model_free(y);
  int ready[2], go[2];
  ck_assert_int_eq(pipe(ready), 0);
  ck_assert_int_eq(pipe(go), 0);
  pid_t pids[WRITERS];
  for (int i = 0; i < WRITERS; i++) {
    pids[i] = fork();
    ck_assert_int_ge(pids[i], 0);
    if (pids[i] == 0) {
      close(ready[0]);
      close(go[1]);
      writer(path, i, ready[1], go[0]);
    }
  }
  close(ready[1]);
  close(go[0]);
  char c;
  for (int i = 0; i < WRITERS; i++)
    ck_assert_int_eq(read(ready[0], &c, 1), 1);
  close(go[1]); /* every writer has read version 1: go */
  close(ready[0]);
  int conflicts = 0;
  for (int i = 0; i < WRITERS; i++) {
    int status;
    ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) < 100, "writer %d: status %d", i, status);
    conflicts += WEXITSTATUS(status);
  }
  printf("# %d writers x %d changes: %d conflicts\n", WRITERS, CHANGES, conflicts);
  ck_assert_int_ge(conflicts, WRITERS - 1);
  ck_assert_int_eq(stored_version(path, 2026), 1 + WRITERS * CHANGES);
  tertial_model *back;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load(&back, st));
  for (int i = 0; i < WRITERS; i++)
    for (int k = 0; k < CHANGES; k++) {
      char number[8];
      snprintf(number, sizeof number, "6%d%02d", i, k);
      ck_assert_msg(account_outcome(back, number) == 1, "writer %d change %d lost", i, k);
    }
  tertial_model_free(back);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

/* A store of schema 3 (before the save versions) is read read-only as it is, and migrated by a
 * writable open, its years starting at version 0. */
START_TEST(test_readonly_schema_3)
{
  make_tmpdir();
  char p[128];
  snprintf(p, sizeof p, "%s", tmp_path("v3.db"));
  tertial_store *st;
  tertial_model *y = year_model(2026, KR(2)), *back;
  T_OK(tertial_store_open(&st, p, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, y));
  tertial_store_free(st);
  sql(p, "DROP TABLE year_version; DROP TABLE followup_level_deadline; DROP TABLE round_person;"
         " DROP TABLE round_assignment; DROP TABLE round_status; DROP TABLE round_text; DROP TABLE round_lock;"
         " DROP TABLE round_threshold; DROP TABLE round_audit; DROP TABLE plan_version;"
         " DROP INDEX forecast_rule_unit; DROP INDEX adjustment_unit; DROP INDEX measure_unit;"
         " DROP INDEX accrual_unit; " GOAL_TABLES_DROP " DELETE FROM schema_version WHERE version >= 4");
  T_OK(tertial_store_open(&st, p, TERTIAL_STORE_READONLY));
  ck_assert_int_eq(tertial_store_schema_version(st), 3);
  ck_assert_int_eq(tertial_store_has_year(st, 2026), 1);
  T_OK(tertial_store_load(&back, st));
  ck_assert_int_eq(outcome_of(back), 12 * KR(2) + 66);
  tertial_model_free(back);
  tertial_store_free(st);
  T_OK(tertial_store_open(&st, p, 0));
  ck_assert_int_eq(tertial_store_schema_version(st), TERTIAL_STORE_SCHEMA_VERSION);
  T_OK(tertial_store_load(&back, st));
  T_OK(tertial_store_save(st, back));
  ck_assert_int_eq(stored_version(p, 2026), 1);
  tertial_model_free(back);
  tertial_store_free(st);
  tertial_model_free(y);
  remove_tmpdir();
}
END_TEST

/* The follow-up points' deadlines per organisation level are saved and loaded with the
 * calendar, per fiscal year; a save replaces the year's level deadlines. */
START_TEST(test_level_deadlines_round_trip)
{
  make_tmpdir();
  char p[128];
  snprintf(p, sizeof p, "%s", tmp_path("levels.db"));
  tertial_model *y26 = year_model(2026, KR(2)), *y25 = year_model(2025, KR(1)), *back;
  tertial_calendar *cal = tertial_model_calendar(y26);
  T_OK(tertial_calendar_parse(cal,
                              "T1;level 5;0;15\nT1;level 4;0;25\nT1;level 3;1;10\n"
                              "BOKSLUT;level 5;0;10\nBOKSLUT;level 3;1;15\n",
                              "levels.txt"));
  T_OK(tertial_calendar_set_level_deadline(tertial_model_calendar(y25), "T2", 5, 0, 14));
  tertial_store *st;
  T_OK(tertial_store_open(&st, p, TERTIAL_STORE_CREATE));
  tertial_model *both[] = {y26, y25};
  T_OK(tertial_store_save_years(st, both, 2));
  T_OK(tertial_store_load_year(&back, st, 2026));
  assert_same_model(y26, back, 4);
  tertial_calendar *kb = tertial_model_calendar(back);
  size_t t1, bokslut, t2;
  T_OK(tertial_calendar_find_point(&t1, kb, "T1"));
  T_OK(tertial_calendar_find_point(&bokslut, kb, "BOKSLUT"));
  T_OK(tertial_calendar_find_point(&t2, kb, "T2"));
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(kb, t1), 3);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(kb, t2), 0);
  tertial_date d;
  T_OK(tertial_calendar_level_deadline(&d, kb, t1, 4, 2026));
  ck_assert(d.year == 2026 && d.month == 4 && d.day == 25);
  T_OK(tertial_calendar_level_deadline(&d, kb, bokslut, 3, 2026));
  ck_assert(d.year == 2027 && d.month == 1 && d.day == 15);
  T_OK(tertial_calendar_level_deadline(&d, kb, bokslut, 4, 2026)); /* none: the sectors' */
  ck_assert(d.year == 2027 && d.month == 1 && d.day == 15);
  /* the other year keeps its own */
  tertial_model *b25;
  T_OK(tertial_store_load_year(&b25, st, 2025));
  kb = tertial_model_calendar(b25);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(kb, t1), 0);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(kb, t2), 1);
  ck_assert_int_eq(tertial_calendar_level_deadline_at(kb, t2, 0)->deadline_day, 14);
  tertial_model_free(b25);
  /* a removed level deadline is gone after the next save */
  T_OK(tertial_calendar_remove_level_deadline(tertial_model_calendar(back), "T1", 4));
  T_OK(tertial_store_save(st, back));
  tertial_model_free(back);
  T_OK(tertial_store_load_year(&back, st, 2026));
  kb = tertial_model_calendar(back);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(kb, t1), 2);
  T_OK(tertial_calendar_level_deadline(&d, kb, t1, 4, 2026));
  ck_assert(d.year == 2026 && d.month == 5 && d.day == 10);
  tertial_model_free(back);
  tertial_store_free(st);
  tertial_model_free(y26);
  tertial_model_free(y25);
  remove_tmpdir();
}
END_TEST

/* A store of schema 4 (before the level deadlines) is read read-only as it is, without level
 * deadlines, and migrated by a writable open, after which they are kept. */
START_TEST(test_readonly_schema_4)
{
  make_tmpdir();
  char p[128];
  snprintf(p, sizeof p, "%s", tmp_path("v4.db"));
  tertial_store *st;
  tertial_model *y = year_model(2026, KR(2)), *back;
  T_OK(tertial_store_open(&st, p, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, y));
  tertial_store_free(st);
  sql(p, "DROP TABLE followup_level_deadline; DROP TABLE round_person; DROP TABLE round_assignment;"
         " DROP TABLE round_status; DROP TABLE round_text; DROP TABLE round_lock; DROP TABLE round_threshold;"
         " DROP TABLE round_audit; DROP TABLE plan_version; DROP INDEX forecast_rule_unit; DROP INDEX adjustment_unit;"
         " DROP INDEX measure_unit; DROP INDEX accrual_unit; " GOAL_TABLES_DROP
         " DELETE FROM schema_version WHERE version >= 5");
  T_OK(tertial_store_open(&st, p, TERTIAL_STORE_READONLY));
  ck_assert_int_eq(tertial_store_schema_version(st), 4);
  T_OK(tertial_store_load(&back, st));
  ck_assert_int_eq(outcome_of(back), 12 * KR(2) + 66);
  ck_assert_uint_eq(tertial_calendar_point_count(tertial_model_calendar(back)), 6);
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(tertial_model_calendar(back), 1), 0);
  tertial_model_free(back);
  tertial_store_free(st);
  T_OK(tertial_store_open(&st, p, 0));
  ck_assert_int_eq(tertial_store_schema_version(st), TERTIAL_STORE_SCHEMA_VERSION);
  T_OK(tertial_store_load(&back, st));
  T_OK(tertial_calendar_set_level_deadline(tertial_model_calendar(back), "T1", 5, 0, 15));
  T_OK(tertial_store_save(st, back));
  tertial_model_free(back);
  T_OK(tertial_store_load(&back, st));
  ck_assert_uint_eq(tertial_calendar_level_deadline_count(tertial_model_calendar(back), 1), 1);
  tertial_model_free(back);
  tertial_store_free(st);
  tertial_model_free(y);
  remove_tmpdir();
}
END_TEST

/* The names in a directory, sorted, as one string. */
static char *listing(const char *dir)
{
  char cmd[256];
  snprintf(cmd, sizeof cmd, "ls -a '%s'", dir);
  FILE *f = popen(cmd, "r");
  ck_assert_ptr_nonnull(f);
  static char buf[4][1024];
  static int next;
  char *out = buf[next++ % 4];
  size_t n = fread(out, 1, sizeof buf[0] - 1, f);
  out[n] = '\0';
  pclose(f);
  return out;
}

/* A file that is not a store is refused, by every kind of open but a creating one of an empty
 * file, and left as it was: same size, same modification time, no file beside it. */
START_TEST(test_not_a_store_unchanged)
{
  make_tmpdir();
  static const char *const contents[] = {"", "just some text, long enough for SQLite to look at it as a header\n"};
  static const unsigned int opens[] = {TERTIAL_STORE_READONLY, 0};
  for (size_t c = 0; c < 2; c++) {
    const char *p = tmp_path("f.db");
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fputs(contents[c], f);
    fclose(f);
    struct timespec old[2] = {{0, 0}, {1000000000, 0}};
    ck_assert_int_eq(utimensat(AT_FDCWD, p, old, 0), 0);
    struct stat before, after;
    ck_assert_int_eq(stat(p, &before), 0);
    char *dir_before = listing(tmpdir);
    for (size_t o = 0; o < 2; o++) {
      tertial_store *st = NULL;
      T_ERR(tertial_store_open(&st, p, opens[o]), TERTIAL_ERR_IO);
      ck_assert_msg(strstr(tertial_error_last(), "not a Tertial store") != NULL, "%s", tertial_error_last());
      ck_assert_ptr_nonnull(strstr(tertial_error_last(), "f.db"));
      ck_assert_int_eq(stat(p, &after), 0);
      ck_assert_int_eq(after.st_size, before.st_size);
      ck_assert_int_eq(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
      ck_assert_str_eq(listing(tmpdir), dir_before);
    }
    ck_assert_int_eq(remove(p), 0);
  }
  /* creating makes an empty file a store */
  FILE *f = fopen(tmp_path("new.db"), "w");
  ck_assert_ptr_nonnull(f);
  fclose(f);
  tertial_store *st;
  T_OK(tertial_store_open(&st, tmp_path("new.db"), TERTIAL_STORE_CREATE));
  tertial_store_free(st);
  T_OK(tertial_store_open(&st, tmp_path("new.db"), TERTIAL_STORE_READONLY));
  ck_assert_int_eq(tertial_store_has_model(st), 0);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

/* Make dir read-only for this process: chmod 0555 where permissions apply; as root, a read-only
 * bind mount in a mount namespace of its own. Proven by a file that cannot be created.
 * 0 when it is, -1 when neither works here. */
static int make_readonly(const char *dir)
{
  if (geteuid() != 0) {
    if (chmod(dir, 0555) < 0)
      return -1;
  } else if (unshare(CLONE_NEWNS) < 0 || mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0 ||
             mount(dir, dir, "none", MS_BIND, NULL) < 0 ||
             mount("none", dir, "none", MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) < 0) {
    return -1;
  }
  char probe[256];
  snprintf(probe, sizeof probe, "%s/probe", dir);
  int fd = open(probe, O_CREAT | O_WRONLY, 0644);
  if (fd >= 0) {
    close(fd);
    return -1;
  }
  return errno == EACCES || errno == EROFS ? 0 : -1;
}

/* In a child process (the mount namespace stays there): read the store in a read-only
 * directory. Exits 0, 77 when the directory cannot be made read-only here, or the step that
 * failed. */
static void read_in_readonly_dir(const char *dir, const char *path, int64_t outcome)
{
  if (make_readonly(dir) < 0)
    _exit(77);
  tertial_store *st;
  tertial_model *m;
  if (tertial_store_open(&st, path, TERTIAL_STORE_READONLY) < 0) {
    fprintf(stderr, "%s\n", tertial_error_last());
    _exit(1);
  }
  if (tertial_store_year_count(st) != 1 || tertial_store_has_year(st, 2026) != 1)
    _exit(2);
  if (tertial_store_load(&m, st) < 0) {
    fprintf(stderr, "%s\n", tertial_error_last());
    _exit(3);
  }
  int64_t v;
  if (tertial_ledger_total(&v, tertial_model_ledger(m), 0, TERTIAL_ALL_ACCOUNTS, TERTIAL_MEASURE_OUTCOME, 0, 11) < 0 ||
      v != outcome)
    _exit(4);
  if (tertial_store_save(st, m) != TERTIAL_ERR_INVALID)
    _exit(5);
  tertial_model_free(m);
  tertial_store_free(st);
  /* a writable open cannot work here and says so */
  if (tertial_store_open(&st, path, 0) != TERTIAL_ERR_IO)
    _exit(6);
  _exit(0);
}

/* A store in a read-only directory (or mount) is read read-only, and nothing is created in it. */
START_TEST(test_readonly_directory)
{
  make_tmpdir();
  char dir[160], path[192];
  snprintf(dir, sizeof dir, "%s/ro", tmpdir);
  ck_assert_int_eq(mkdir(dir, 0755), 0);
  snprintf(path, sizeof path, "%s/k.db", dir);
  tertial_store *st;
  tertial_model *y = year_model(2026, KR(3));
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, y));
  tertial_store_free(st); /* the last connection: SQLite removes the -wal and -shm files */
  tertial_model_free(y);
  char *before = listing(dir);
  ck_assert_str_eq(before, ".\n..\nk.db\n");
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0)
    read_in_readonly_dir(dir, path, 12 * KR(3) + 66);
  int status;
  ck_assert_int_eq(waitpid(pid, &status, 0), pid);
  chmod(dir, 0755);
  ck_assert(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) {
    printf("# skipped: this process can make no directory read-only (not root with mount namespaces, and "
           "chmod does not bind it)\n");
  } else {
    ck_assert_msg(WEXITSTATUS(status) == 0, "reading in a read-only directory failed at step %d",
                  WEXITSTATUS(status));
    ck_assert_str_eq(listing(dir), ".\n..\nk.db\n");
  }
  remove_tmpdir();
}
END_TEST

/* Opening waits while another connection holds the database (from the first read of the schema
 * on): a child holds an exclusive lock for 300 ms; the open in the parent waits and succeeds
 * instead of failing with "database is locked" (seen in the CLI's concurrent test). */
START_TEST(test_open_waits_for_a_lock)
{
  make_tmpdir();
  const char *path = tmp_path("w.db");
  tertial_store *st;
  tertial_model *y = year_model(2026, KR(2));
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, y));
  tertial_store_free(st);
  tertial_model_free(y); /* before the fork: the child leaves by _exit() */
  int ready[2];
  ck_assert_int_eq(pipe(ready), 0);
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    sqlite3 *db;
    int ok = sqlite3_open(path, &db) == SQLITE_OK &&
             sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                              "UPDATE meta SET value = value WHERE key = 'first_year'", NULL, NULL, NULL) == SQLITE_OK;
    char c = ok ? '1' : '0';
    if (write(ready[1], &c, 1) != 1)
      _exit(2);
    usleep(300000);
    ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    _exit(ok ? 0 : 1);
  }
  char c = 0;
  ck_assert_int_eq(read(ready[0], &c, 1), 1);
  ck_assert_int_eq(c, '1');
  tertial_model *back;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load(&back, st));
  ck_assert_int_eq(outcome_of(back), 12 * KR(2) + 66);
  int status;
  ck_assert_int_eq(waitpid(pid, &status, 0), pid);
  ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  tertial_model_free(back);
  tertial_store_free(st);
  close(ready[0]);
  close(ready[1]);
  remove_tmpdir();
}
END_TEST

int main(void)
{
  Suite *s = suite_create("store");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_open_errors);
  tcase_add_test(tc, test_snapshot_restore);
  tcase_add_test(tc, test_schema_versions);
  tcase_add_test(tc, test_fixture_round_trip);
  tcase_add_test(tc, test_save_replaces_and_refuses);
  tcase_add_test(tc, test_forecast_plan_round_trip);
  tcase_add_test(tc, test_order_round_trip);
  tcase_add_test(tc, test_demo_round_trip);
  tcase_add_test(tc, test_multi_year);
  tcase_add_test(tc, test_save_years_atomic);
  tcase_add_test(tc, test_migrate_v2);
  tcase_add_test(tc, test_level_deadlines_round_trip);
  tcase_add_test(tc, test_keys_round_trip);
  tcase_add_test(tc, test_key_rules_round_trip);
  tcase_add_test(tc, test_conflict);
  tcase_add_test(tc, test_concurrent_writers);
  tcase_add_test(tc, test_not_a_store_unchanged);
  tcase_add_test(tc, test_readonly_directory);
  tcase_add_test(tc, test_readonly_schema_3);
  tcase_add_test(tc, test_readonly_schema_4);
  tcase_add_test(tc, test_open_waits_for_a_lock);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
