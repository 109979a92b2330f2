/* Tests of the lines of applied frame updates kept in the store (schema 14, store_plan.h) and shown
 * as Ramförändringar (report_plan.h): the examples' preliminary frames and MoR (examples/frames)
 * applied to the demo municipality's budget of 2026, saved, read back field by field, kept per
 * version, absent from an older store, and reported per subtree with a Summa that adds up. */
#define _GNU_SOURCE
#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#define EX TERTIAL_SOURCE_ROOT "/examples/frames/"

static void sql(const char *path, const char *statement)
{
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
  ck_assert_msg(sqlite3_exec(db, statement, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
  sqlite3_close(db);
}

/* The demo of 2026 with the preliminary frames applied to its budget (*prelim, lines in *pu) and
 * the MoR applied to them (*mor, lines in *mu). */
static tertial_model *demo_with_stages(int *prelim, tertial_frame_update **pu, int *mor, tertial_frame_update **mu)
{
  tertial_model *m;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &d, 2026, 0));
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_PRELIMINARY;
  T_OK(tertial_frame_update_new(pu));
  T_OK(tertial_frame_update_load(*pu, EX "preliminara.csv"));
  T_OK(tertial_frame_update_apply(prelim, m, tertial_model_current_budget(m), "Preliminära ramar 2027", &o, *pu));
  o.kind = TERTIAL_BUDGET_MOR;
  T_OK(tertial_frame_update_new(mu));
  T_OK(tertial_frame_update_load(*mu, EX "mor.csv"));
  T_OK(tertial_frame_update_apply(mor, m, *prelim, "MoR 2027", &o, *mu));
  return m;
}

/* Every field of two lines the same. */
static void same_line(const tertial_frame_line *a, const tertial_frame_line *b)
{
  ck_assert_str_eq(a->unit, b->unit);
  ck_assert_str_eq(a->account, b->account);
  ck_assert_int_eq(a->kind, b->kind);
  ck_assert_int_eq(a->rate, b->rate);
  ck_assert_int_eq(a->persons, b->persons);
  ck_assert_int_eq(a->per_person, b->per_person);
  ck_assert_int_eq(a->amount, b->amount);
  ck_assert_str_eq(a->group ? a->group : "", b->group ? b->group : "");
  ck_assert_str_eq(a->text ? a->text : "", b->text ? b->text : "");
  ck_assert_int_eq(a->base, b->base);
  ck_assert_int_eq(a->change, b->change);
}

static tertial_frame_update *load_lines(tertial_store *st, int year, int measure)
{
  tertial_frame_update *u;
  T_OK(tertial_frame_update_new(&u));
  T_OK(tertial_store_load_frame_lines(st, year, measure, u));
  return u;
}

START_TEST(test_store_round_trip)
{
  testutil_tmpdir_make("tertial-frame-lines");
  int prelim, mor;
  tertial_frame_update *pu, *mu;
  tertial_model *m = demo_with_stages(&prelim, &pu, &mor, &mu);
  /* what the apply set, as `tertial frames --stage preliminary` prints it */
  ck_assert_uint_eq(tertial_frame_update_count(pu), 11);
  const tertial_frame_line *ks = tertial_frame_update_at(pu, 0);
  ck_assert_int_eq(ks->rate, 250);
  ck_assert_int_eq(ks->base, 5348274330);   /* 53 482 743,30 kr */
  ck_assert_int_eq(ks->change, 133706858);  /* 2,50 % of it: 1 337 068,5825 kr, to the öre */
  const tertial_frame_line *forskola = tertial_frame_update_at(pu, 8);
  ck_assert_int_eq(forskola->persons, 35);
  ck_assert_int_eq(forskola->per_person, KR(142000));
  ck_assert_str_eq(forskola->group, "1–5 år");
  ck_assert_int_eq(forskola->change, KR(4970000)); /* 35 × 142 000 kr */
  ck_assert_int_eq(tertial_frame_update_at(mu, 0)->change, -KR(2000000));

  tertial_store *st;
  T_OK(tertial_store_open(&st, testutil_tmp_path("lines.db"), TERTIAL_STORE_CREATE));
  ck_assert_int_eq(tertial_store_schema_version(st), 14);
  T_OK(tertial_store_save(st, m));
  T_OK(tertial_store_save_frame_lines(st, 2026, prelim, "Preliminära ramar 2027", pu));
  T_OK(tertial_store_save_frame_lines(st, 2026, mor, "MoR 2027", mu));
  tertial_store_free(st);

  T_OK(tertial_store_open(&st, testutil_tmp_path("lines.db"), TERTIAL_STORE_READONLY));
  tertial_frame_update *back = load_lines(st, 2026, prelim);
  ck_assert_uint_eq(tertial_frame_update_count(back), 11);
  for (size_t i = 0; i < 11; i++)
    same_line(tertial_frame_update_at(back, i), tertial_frame_update_at(pu, i));
  int64_t sum;
  T_OK(tertial_frame_update_total(&sum, back, NULL));
  ck_assert_int_eq(sum, 5129475067); /* 51 294 750,67 kr */
  T_OK(tertial_frame_update_total(&sum, back, "2"));
  ck_assert_int_eq(sum, KR(13927322)); /* 11 327 322 + 4 970 000 − 2 370 000 */
  /* a load adds to what the update has: the MoR's two after the eleven */
  T_OK(tertial_store_load_frame_lines(st, 2026, mor, back));
  ck_assert_uint_eq(tertial_frame_update_count(back), 13);
  same_line(tertial_frame_update_at(back, 11), tertial_frame_update_at(mu, 0));
  same_line(tertial_frame_update_at(back, 12), tertial_frame_update_at(mu, 1));
  ck_assert_str_eq(tertial_frame_update_at(back, 12)->text, "Satsning på förebyggande arbete");
  tertial_frame_update_free(back);
  /* the year's budget and another year hold none */
  back = load_lines(st, 2026, tertial_model_current_budget(m));
  ck_assert_uint_eq(tertial_frame_update_count(back), 0);
  T_OK(tertial_store_load_frame_lines(st, 2027, prelim, back));
  ck_assert_uint_eq(tertial_frame_update_count(back), 0);
  /* bad arguments; a read-only store takes no save */
  T_ERR(tertial_store_load_frame_lines(st, 0, prelim, back), TERTIAL_ERR_RANGE);
  T_ERR(tertial_store_load_frame_lines(st, 2026, -1, back), TERTIAL_ERR_RANGE);
  T_ERR(tertial_store_load_frame_lines(st, 2026, prelim, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_store_load_frame_lines(NULL, 2026, prelim, back), TERTIAL_ERR_INVALID);
  T_ERR(tertial_store_save_frame_lines(st, 2026, prelim, "P", pu), TERTIAL_ERR_INVALID);
  tertial_frame_update_free(back);
  tertial_store_free(st);

  /* saving a version's lines again replaces them and keeps the other version's */
  T_OK(tertial_store_open(&st, testutil_tmp_path("lines.db"), 0));
  T_ERR(tertial_store_save_frame_lines(st, 2026, prelim, "", pu), TERTIAL_ERR_INVALID);
  T_ERR(tertial_store_save_frame_lines(st, 10000, prelim, "P", pu), TERTIAL_ERR_RANGE);
  T_ERR(tertial_store_save_frame_lines(st, 2026, prelim, "P", NULL), TERTIAL_ERR_INVALID);
  T_OK(tertial_store_save_frame_lines(st, 2026, prelim, "Preliminära ramar 2027", mu));
  back = load_lines(st, 2026, prelim);
  ck_assert_uint_eq(tertial_frame_update_count(back), 2);
  same_line(tertial_frame_update_at(back, 1), tertial_frame_update_at(mu, 1));
  tertial_frame_update_free(back);
  back = load_lines(st, 2026, mor);
  ck_assert_uint_eq(tertial_frame_update_count(back), 2);
  tertial_frame_update_free(back);
  /* the model saved again leaves the lines alone */
  T_OK(tertial_store_save(st, m));
  back = load_lines(st, 2026, mor);
  ck_assert_uint_eq(tertial_frame_update_count(back), 2);
  tertial_frame_update_free(back);
  /* removing the year's model removes its versions' lines */
  T_OK(tertial_store_remove_year(st, 2026));
  back = load_lines(st, 2026, mor);
  ck_assert_uint_eq(tertial_frame_update_count(back), 0);
  tertial_frame_update_free(back);
  tertial_store_free(st);
  tertial_frame_update_free(pu);
  tertial_frame_update_free(mu);
  tertial_model_free(m);
  testutil_tmpdir_remove();
}
END_TEST

/* A stage saved with its lines (tertial_store_save_with_frame_lines()), as `tertial frames
 * --stage` saves it: when writing the lines fails, the new version is not saved either, and the
 * same save goes through once the failure is gone. */
START_TEST(test_saved_with_the_version)
{
  testutil_tmpdir_make("tertial-frame-lines");
  const char *path = testutil_tmp_path("stage.db");
  tertial_model *m;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &d, 2026, 0));
  tertial_store *st;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, m));
  size_t versions = tertial_budget_version_count(m);
  tertial_model_free(m);
  T_OK(tertial_store_load(&m, st));
  tertial_frame_update *pu;
  T_OK(tertial_frame_update_new(&pu));
  T_OK(tertial_frame_update_load(pu, EX "preliminara.csv"));
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_PRELIMINARY;
  int prelim;
  T_OK(tertial_frame_update_apply(&prelim, m, tertial_model_current_budget(m), "Preliminära ramar 2027", &o, pu));
  ck_assert_uint_eq(tertial_budget_version_count(m), versions + 1);

  /* the lines cannot be written: nothing of the save is kept */
  sql(path, "CREATE TRIGGER no_lines BEFORE INSERT ON frame_line BEGIN SELECT RAISE(ABORT, 'no lines'); END");
  T_ERR(tertial_store_save_with_frame_lines(st, m, prelim, "Preliminära ramar 2027", pu), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "no lines"));
  tertial_store *other;
  tertial_model *back;
  T_OK(tertial_store_open(&other, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load(&back, other));
  ck_assert_uint_eq(tertial_budget_version_count(back), versions); /* not the preliminary frames */
  tertial_frame_update *none = load_lines(other, 2026, prelim);
  ck_assert_uint_eq(tertial_frame_update_count(none), 0);
  tertial_frame_update_free(none);
  tertial_model_free(back);
  tertial_store_free(other);

  /* without the failure the same save goes through: the version and its 11 lines */
  sql(path, "DROP TRIGGER no_lines");
  T_OK(tertial_store_save_with_frame_lines(st, m, prelim, "Preliminära ramar 2027", pu));
  T_OK(tertial_store_open(&other, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load(&back, other));
  ck_assert_uint_eq(tertial_budget_version_count(back), versions + 1);
  tertial_budget_version v;
  T_OK(tertial_budget_version_of(&v, back, prelim));
  ck_assert_str_eq(v.name, "Preliminära ramar 2027");
  tertial_frame_update *lines = load_lines(other, 2026, prelim);
  ck_assert_uint_eq(tertial_frame_update_count(lines), 11);
  ck_assert_int_eq(tertial_frame_update_at(lines, 0)->change, 133706858); /* 2,50 % of 53 482 743,30 kr */
  tertial_frame_update_free(lines);
  tertial_model_free(back);
  tertial_store_free(other);

  /* arguments: as tertial_store_save_frame_lines() */
  T_ERR(tertial_store_save_with_frame_lines(st, NULL, prelim, "P", pu), TERTIAL_ERR_INVALID);
  T_ERR(tertial_store_save_with_frame_lines(st, m, prelim, "", pu), TERTIAL_ERR_INVALID);
  T_ERR(tertial_store_save_with_frame_lines(st, m, -1, "P", pu), TERTIAL_ERR_RANGE);
  tertial_frame_update_free(pu);
  tertial_model_free(m);
  tertial_store_free(st);
  testutil_tmpdir_remove();
}
END_TEST

/* A process staging the preliminary frames of the store's year as "Ramar P<i>", saved with its
 * lines once, after every such process has read the year: exit 0 saved, 2 a conflict, 100 and
 * more another failure (1 is valgrind's for an error it found). */
static void stager(const char *path, int i, int ready, int go)
{
  tertial_store *st;
  tertial_model *m;
  tertial_frame_update *u;
  if (tertial_store_open(&st, path, 0) < 0 || tertial_store_load(&m, st) < 0 || tertial_frame_update_new(&u) < 0 ||
      tertial_frame_update_load(u, EX "preliminara.csv") < 0)
    _exit(100);
  char name[32];
  snprintf(name, sizeof name, "Ramar P%d", i);
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_PRELIMINARY;
  int measure;
  if (tertial_frame_update_apply(&measure, m, tertial_model_current_budget(m), name, &o, u) < 0)
    _exit(101);
  char c = 'r';
  if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 0) /* go: the parent closes the pipe */
    _exit(102);
  int rc = tertial_store_save_with_frame_lines(st, m, measure, name, u);
  tertial_frame_update_free(u); /* nothing left to leak: valgrind's exit code is 1 on a leak */
  tertial_model_free(m);
  tertial_store_free(st);
  _exit(rc == 0 ? 0 : rc == TERTIAL_ERR_CONFLICT ? 2 : 103);
}

/* Processes staging the same year at once: one saves its version with its lines, every other
 * gets a conflict and leaves nothing, neither a version nor a line. */
START_TEST(test_concurrent_stages)
{
  enum { STAGERS = 4 };
  testutil_tmpdir_make("tertial-frame-lines");
  char path[256];
  snprintf(path, sizeof path, "%s", testutil_tmp_path("race.db"));
  tertial_model *m;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &d, 2026, 0));
  size_t versions = tertial_budget_version_count(m);
  tertial_store *st;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, m));
  tertial_store_free(st);
  tertial_model_free(m);
  int ready[2], go[2];
  ck_assert_int_eq(pipe(ready), 0);
  ck_assert_int_eq(pipe(go), 0);
  pid_t pids[STAGERS];
  for (int i = 0; i < STAGERS; i++) {
    pids[i] = fork();
    ck_assert_int_ge(pids[i], 0);
    if (pids[i] == 0) {
      close(ready[0]);
      close(go[1]);
      stager(path, i, ready[1], go[0]);
    }
  }
  close(ready[1]);
  close(go[0]);
  char c;
  for (int i = 0; i < STAGERS; i++)
    ck_assert_int_eq(read(ready[0], &c, 1), 1);
  close(go[1]); /* every stager has read the year: go */
  close(ready[0]);
  int saved = 0, winner = -1;
  for (int i = 0; i < STAGERS; i++) {
    int status;
    ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
    ck_assert_msg(WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 2), "stager %d: status %d",
                  i, status);
    if (WEXITSTATUS(status) == 0) {
      saved++;
      winner = i;
    }
  }
  ck_assert_int_eq(saved, 1);
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load(&m, st));
  ck_assert_uint_eq(tertial_budget_version_count(m), versions + 1); /* the winner's alone */
  tertial_budget_version v;
  T_OK(tertial_budget_version_at(&v, m, versions));
  char want[32];
  snprintf(want, sizeof want, "Ramar P%d", winner);
  ck_assert_str_eq(v.name, want);
  tertial_frame_update *lines = load_lines(st, 2026, v.measure);
  ck_assert_uint_eq(tertial_frame_update_count(lines), 11);
  tertial_frame_update_free(lines);
  tertial_model_free(m);
  tertial_store_free(st);
  /* and every stored line is the winner's: no loser wrote any */
  sqlite3 *db;
  sqlite3_stmt *q;
  ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*), min(version), max(version) FROM frame_line", -1, &q, NULL),
                   SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  ck_assert_int_eq(sqlite3_column_int(q, 0), 11);
  ck_assert_str_eq((const char *)sqlite3_column_text(q, 1), want);
  ck_assert_str_eq((const char *)sqlite3_column_text(q, 2), want);
  sqlite3_finalize(q);
  sqlite3_close(db);
  testutil_tmpdir_remove();
}
END_TEST

START_TEST(test_older_schema)
{
  testutil_tmpdir_make("tertial-frame-lines");
  int prelim, mor;
  tertial_frame_update *pu, *mu;
  tertial_model *m = demo_with_stages(&prelim, &pu, &mor, &mu);
  char path[128];
  snprintf(path, sizeof path, "%s", testutil_tmp_path("old.db"));
  tertial_store *st;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, m));
  T_OK(tertial_store_save_frame_lines(st, 2026, prelim, "Preliminära ramar 2027", pu));
  tertial_store_free(st);
  /* a store of schema 13: no table of lines */
  sql(path, "DROP TABLE frame_line; DELETE FROM schema_version WHERE version >= 14");
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  ck_assert_int_eq(tertial_store_schema_version(st), 13);
  tertial_frame_update *back = load_lines(st, 2026, prelim);
  ck_assert_uint_eq(tertial_frame_update_count(back), 0);
  tertial_frame_update_free(back);
  tertial_store_free(st);
  /* writable: migrated to 14, still none, and the lines go in */
  T_OK(tertial_store_open(&st, path, 0));
  ck_assert_int_eq(tertial_store_schema_version(st), 14);
  back = load_lines(st, 2026, prelim);
  ck_assert_uint_eq(tertial_frame_update_count(back), 0);
  T_OK(tertial_store_save_frame_lines(st, 2026, prelim, "Preliminära ramar 2027", pu));
  T_OK(tertial_store_load_frame_lines(st, 2026, prelim, back));
  ck_assert_uint_eq(tertial_frame_update_count(back), 11);
  tertial_frame_update_free(back);
  /* a stored line the library refuses: an I/O error naming the table, nothing added */
  tertial_store_free(st);
  sql(path, "UPDATE frame_line SET kind = 7 WHERE seq = 3");
  T_OK(tertial_store_open(&st, path, 0));
  T_OK(tertial_frame_update_new(&back));
  T_ERR(tertial_store_load_frame_lines(st, 2026, prelim, back), TERTIAL_ERR_INVALID);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "frame_line"));
  ck_assert_uint_eq(tertial_frame_update_count(back), 0);
  tertial_frame_update_free(back);
  tertial_store_free(st);
  tertial_frame_update_free(pu);
  tertial_frame_update_free(mu);
  tertial_model_free(m);
  testutil_tmpdir_remove();
}
END_TEST

/* ---- Ramförändringar ---- */

static const tertial_report_section *find(const tertial_report *r, tertial_report_section_kind kind)
{
  for (size_t i = 0; i < tertial_report_section_count(r); i++)
    if (tertial_report_section_at(r, i)->kind == kind)
      return tertial_report_section_at(r, i);
  return NULL;
}

static size_t col(const tertial_report_section *s, const char *key)
{
  for (size_t i = 0; i < s->column_count; i++)
    if (strcmp(tertial_report_column_at(s, i)->key, key) == 0)
      return i;
  ck_abort_msg("no column %s", key);
  return 0;
}

static const char *text(const tertial_report_section *s, size_t line, const char *key)
{
  return tertial_report_cell_at(s, line, col(s, key))->text;
}

static int64_t amount(const tertial_report_section *s, size_t line, const char *key)
{
  const tertial_report_cell *c = tertial_report_cell_at(s, line, col(s, key));
  ck_assert_msg(c->present, "line %zu, %s is empty", line, key);
  return c->value;
}

static tertial_report *report_of(tertial_model *m, const char *code, int depth, int english)
{
  T_OK(tertial_forecast_apply(m, 4, -1));
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(m), code));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.skip_empty = 1;
  o.child_depth = depth;
  o.english = english;
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, u, 4, &o));
  return r;
}

START_TEST(test_report_committee)
{
  int prelim, mor;
  tertial_frame_update *pu, *mu;
  tertial_model *m = demo_with_stages(&prelim, &pu, &mor, &mu);
  tertial_report *r = report_of(m, "2", 0, 0); /* Barn- och utbildningsnämnden */
  T_OK(tertial_report_add_frame_changes(r, pu));
  const tertial_report_section *s = find(r, TERTIAL_SECTION_FRAME_CHANGES);
  ck_assert_ptr_nonnull(s);
  ck_assert_str_eq(s->key, "frame-changes");
  ck_assert_str_eq(s->title, "Ramförändringar");
  ck_assert_ptr_eq(tertial_report_section_at(r, tertial_report_section_count(r) - 1), s); /* the last */
  ck_assert_uint_eq(s->column_count, 7);
  ck_assert_str_eq(tertial_report_column_at(s, col(s, "change"))->header, "Förändring");
  ck_assert_uint_eq(s->line_count, 4);
  ck_assert_str_eq(tertial_report_line_at(s, 0)->code, "2");
  ck_assert_str_eq(text(s, 0, "unit"), "2");
  ck_assert_str_eq(text(s, 0, "kind"), "uppräkning");
  ck_assert_str_eq(text(s, 0, "account"), "5010");
  ck_assert_str_eq(text(s, 0, "text"), "Pris- och löneuppräkning");
  ck_assert_str_eq(text(s, 0, "basis"), "2,50 %");
  ck_assert_int_eq(amount(s, 0, "base"), 45309288016);  /* 453 092 880,16 kr */
  ck_assert_int_eq(amount(s, 0, "change"), KR(11327322)); /* 2,50 % of it */
  ck_assert_str_eq(text(s, 1, "kind"), "volym");
  ck_assert_str_eq(text(s, 1, "basis"), "+35 × 142 000 kr (1–5 år)");
  ck_assert(!tertial_report_cell_at(s, 1, col(s, "base"))->present);
  ck_assert_int_eq(amount(s, 1, "change"), KR(4970000));
  ck_assert_str_eq(text(s, 2, "basis"), "-20 × 118 500 kr (6–15 år)");
  ck_assert_int_eq(amount(s, 2, "change"), -KR(2370000));
  /* Summa: the three lines add into it; it is the committee's frame change */
  ck_assert_int_eq(tertial_report_line_at(s, 3)->style, TERTIAL_STYLE_TOTAL);
  ck_assert_str_eq(text(s, 3, "unit"), "Summa");
  ck_assert_int_eq(amount(s, 3, "base"), 45309288016);
  ck_assert_int_eq(amount(s, 3, "change"), KR(13927322));
  for (size_t i = 0; i < 3; i++)
    ck_assert_int_eq(tertial_report_line_at(s, i)->parent_line, 3);
  int64_t frame_before, frame_after;
  tertial_unit_id bun;
  T_OK(tertial_org_find(&bun, tertial_model_org(m), "2"));
  T_OK(tertial_ledger_total(&frame_before, tertial_model_ledger(m), bun, TERTIAL_ALL_ACCOUNTS,
                            tertial_model_current_budget(m), 0, 11));
  T_OK(tertial_ledger_total(&frame_after, tertial_model_ledger(m), bun, TERTIAL_ALL_ACCOUNTS, prelim, 0, 11));
  ck_assert_int_eq(frame_after - frame_before, KR(13927322));
  /* again, with the MoR's lines: replaced, one section */
  size_t n = tertial_report_section_count(r);
  T_OK(tertial_report_add_frame_changes(r, mu));
  ck_assert_uint_eq(tertial_report_section_count(r), n);
  s = find(r, TERTIAL_SECTION_FRAME_CHANGES);
  ck_assert_uint_eq(s->line_count, 2);
  ck_assert_str_eq(text(s, 0, "kind"), "belopp");
  ck_assert_str_eq(text(s, 0, "basis"), "");
  ck_assert_int_eq(amount(s, 1, "change"), -KR(2000000));
  T_OK(tertial_report_add_frame_changes(r, pu));
  /* Tertial's own report passes the audit of its printed figures, the Summa included */
  testutil_audit_clean(r);
  char *csv = testutil_machine_csv(r);
  ck_assert_ptr_nonnull(strstr(csv, "\r\nframe-changes\r\ncode,depth,style,parent,informational,unit,kind,account,"
                                    "text,basis,base,change\r\n"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\n2,0,normal,3,0,2,uppräkning,5010,Pris- och löneuppräkning,\"2,50 %\","
                                    "453092880.16,11327322.00\r\n"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\n,0,total,,0,Summa,,,,,453092880.16,13927322.00\r\n"));
  tertial_free(csv);
  T_ERR(tertial_report_add_frame_changes(r, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_report_add_frame_changes(NULL, pu), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  /* Kommunstyrelsen has no line in the MoR: no section */
  r = report_of(m, "1", 0, 0);
  T_OK(tertial_report_add_frame_changes(r, mu));
  ck_assert_ptr_null(find(r, TERTIAL_SECTION_FRAME_CHANGES));
  tertial_report_free(r);
  tertial_frame_update_free(pu);
  tertial_frame_update_free(mu);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_report_subtree)
{
  int prelim, mor;
  tertial_frame_update *pu, *mu;
  tertial_model *m = demo_with_stages(&prelim, &pu, &mor, &mu);
  /* the municipality's report in English with its committees' reports */
  tertial_report *r = report_of(m, "0", 1, 1);
  T_OK(tertial_report_add_frame_changes(r, pu));
  const tertial_report_section *s = find(r, TERTIAL_SECTION_FRAME_CHANGES);
  ck_assert_str_eq(s->title, "Frame changes");
  ck_assert_str_eq(tertial_report_column_at(s, col(s, "base"))->header, "Base");
  ck_assert_uint_eq(s->line_count, 12);
  ck_assert_str_eq(text(s, 0, "kind"), "indexation");
  ck_assert_str_eq(text(s, 10, "kind"), "volume");
  ck_assert_str_eq(text(s, 10, "basis"), "+48 × 265 000 kr (80+ år)");
  ck_assert_int_eq(amount(s, 10, "change"), KR(12720000));
  ck_assert_str_eq(text(s, 11, "unit"), "Total");
  ck_assert_int_eq(amount(s, 11, "change"), 5129475067); /* 51 294 750,67 kr */
  int64_t all;
  T_OK(tertial_frame_update_total(&all, pu, NULL));
  ck_assert_int_eq(all, 5129475067);
  /* the committees' reports: each its own lines and Total */
  size_t with = 0;
  for (size_t i = 0; i < tertial_report_child_count(r); i++) {
    const tertial_report *c = tertial_report_child_at(r, i);
    const tertial_report_section *cs = find(c, TERTIAL_SECTION_FRAME_CHANGES);
    const char *unit = tertial_report_unit_code(c);
    if (strcmp(unit, "2") == 0)
      ck_assert_uint_eq(cs->line_count, 4);
    else if (strcmp(unit, "4") == 0) {
      ck_assert_uint_eq(cs->line_count, 3); /* indexation, volume 80+, Total */
      ck_assert_int_eq(amount(cs, 2, "change"), 1958474421); /* 6 864 744,21 + 12 720 000 kr */
    } else if (cs) {
      ck_assert_uint_eq(cs->line_count, 2); /* indexation and Total */
    }
    with += cs != NULL;
  }
  ck_assert_uint_eq(with, 8);
  testutil_audit_clean(r);
  tertial_report_free(r);
  /* a unit below a committee: the committee's lines are not of its subtree */
  r = report_of(m, "2", 1, 0);
  T_OK(tertial_report_add_frame_changes(r, pu));
  ck_assert_uint_gt(tertial_report_child_count(r), 0);
  for (size_t i = 0; i < tertial_report_child_count(r); i++)
    ck_assert_ptr_null(find(tertial_report_child_at(r, i), TERTIAL_SECTION_FRAME_CHANGES));
  tertial_report_free(r);
  /* a section left out by the options is not made */
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(m), "2"));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_REPORT_ALL_SECTIONS & ~TERTIAL_SECTION_BIT(TERTIAL_SECTION_FRAME_CHANGES);
  T_OK(tertial_report_new(&r, m, u, 4, &o));
  T_OK(tertial_report_add_frame_changes(r, pu));
  ck_assert_ptr_null(find(r, TERTIAL_SECTION_FRAME_CHANGES));
  tertial_report_free(r);
  tertial_frame_update_free(pu);
  tertial_frame_update_free(mu);
  tertial_model_free(m);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("frame_lines");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_store_round_trip);
  tcase_add_test(tc, test_saved_with_the_version);
  tcase_add_test(tc, test_concurrent_stages);
  tcase_add_test(tc, test_older_schema);
  tcase_add_test(tc, test_report_committee);
  tcase_add_test(tc, test_report_subtree);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
