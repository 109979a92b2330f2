/* The round in the store: each change its own small transaction, written before it takes effect
 * in memory, checked against the store's versions; concurrent writers in real processes. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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

#define WRITERS 8
#define CHANGES 50
#define RACERS 6

static char tmpdir[64];
static char path[128];

static void make_store_path(void)
{
  strcpy(tmpdir, "/tmp/tertial-rstore-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(tmpdir));
  snprintf(path, sizeof path, "%s/round.db", tmpdir);
}

static void remove_tmpdir(void)
{
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  ck_assert_int_eq(system(cmd), 0);
}

/* Run SQL on the store through a connection of its own. */
static void sql(const char *statements)
{
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 30000);
  char *err = NULL;
  int rc = sqlite3_exec(db, statements, NULL, NULL, &err);
  ck_assert_msg(rc == SQLITE_OK, "%s: %s", statements, err ? err : "");
  sqlite3_close(db);
}

/* One integer a query on the store gives. */
static long long sql_int(const char *query)
{
  sqlite3 *db;
  sqlite3_stmt *q;
  ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, query, -1, &q, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  long long v = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(db);
  return v;
}

/* K with eight units U0..U7 below it; boss is head of K, eva economist on K, m<i> manager of U<i>,
 * r0..r5 managers of U0 as well (the racers). */
static tertial_model *round_model(void)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2026, 1));
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id k, u;
  T_OK(tertial_org_add_unit(&k, org, "K", "Kommun", TERTIAL_NO_UNIT, 0, NULL));
  tertial_account_id a;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), "5010"));
  for (int i = 0; i < WRITERS; i++) {
    char code[8], name[16];
    snprintf(code, sizeof code, "U%d", i);
    snprintf(name, sizeof name, "Enhet %d", i);
    T_OK(tertial_org_add_unit(&u, org, code, name, k, 1, NULL));
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, tertial_model_current_budget(m), KR(1000)));
  }
  return m;
}

static const char people_csv[] = "key;name;role;unit\n"
                                 "boss;Bo Chef;head;K\n"
                                 "eva;Eva Ekonom;economist;K\n"
                                 "m0;Mia Noll;manager;U0\nm1;Max Ett;manager;U1\nm2;Mo Två;manager;U2\n"
                                 "m3;Mi Tre;manager;U3\nm4;Må Fyra;manager;U4\nm5;Ma Fem;manager;U5\n"
                                 "m6;Me Sex;manager;U6\nm7;Mu Sju;manager;U7\n"
                                 "r0;Racer Noll;manager;U0\nr1;Racer Ett;manager;U0\nr2;Racer Två;manager;U0\n"
                                 "r3;Racer Tre;manager;U0\nr4;Racer Fyra;manager;U0\nr5;Racer Fem;manager;U0\n";

/* A store holding the model and its round's people, written through a binding. */
static void make_store(void)
{
  make_store_path();
  tertial_store *st;
  tertial_model *m = round_model();
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, m));
  T_OK(tertial_store_bind_round(st, m));
  T_OK(tertial_round_people_parse(tertial_model_round(m), NULL, people_csv, "people.csv"));
  tertial_model_free(m); /* before the store: the binding ends with the model */
  tertial_store_free(st);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_person WHERE year = 2026"), 16);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_assignment WHERE year = 2026"), 16);
}

/* Open the store, load the year and bind its round. */
static tertial_model *open_bound(tertial_store **st)
{
  tertial_model *m;
  T_OK(tertial_store_open(st, path, 0));
  T_OK(tertial_store_load_year(&m, *st, 2026));
  T_OK(tertial_store_bind_round(*st, m));
  return m;
}

static tertial_actor as(tertial_round *r, const char *key)
{
  tertial_actor a = {TERTIAL_NO_PERSON, TERTIAL_NO_PERSON};
  T_OK(tertial_round_find_person(&a.person, r, key));
  return a;
}

static tertial_unit_id unit(tertial_model *m, const char *code)
{
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(m), code));
  return u;
}

static uint64_t text_version(tertial_round *r, tertial_unit_id u)
{
  const tertial_text_version *v = tertial_round_text(r, u, "T1", TERTIAL_TEXT_SUMMARY, NULL);
  return v ? v->version : 0;
}

static uint64_t status_version(tertial_round *r, tertial_unit_id u)
{
  tertial_unit_status s;
  T_OK(tertial_round_status(&s, r, u, "T1"));
  return s.version;
}

/* Wait on the barrier: tell the parent we are ready, then block until it closes `go`. */
static void barrier(int ready, int go)
{
  char c = 1;
  if (write(ready, &c, 1) != 1)
    _exit(101);
  close(ready);
  if (read(go, &c, 1) != 0)
    _exit(102);
  close(go);
}

/* Writer i: 50 changes of its own unit U<i>, in turn a text (as its manager), a submission (as
 * its manager) and a return (as the head): every text moves the status to in progress. */
static void writer(int i, int ready, int go)
{
  tertial_store *st;
  tertial_model *m = open_bound(&st);
  tertial_round *r = tertial_model_round(m);
  char key[8], code[8];
  snprintf(key, sizeof key, "m%d", i);
  snprintf(code, sizeof code, "U%d", i);
  tertial_actor me = as(r, key), boss = as(r, "boss");
  tertial_unit_id u = unit(m, code);
  barrier(ready, go);
  for (int k = 0; k < CHANGES; k++) {
    char text[64];
    int rc;
    switch (k % 3) {
    case 0:
      snprintf(text, sizeof text, "writer %d change %d", i, k);
      rc = tertial_round_text_set_as(r, &me, u, "T1", TERTIAL_TEXT_SUMMARY, NULL, text, text_version(r, u), NULL);
      break;
    case 1:
      rc = tertial_round_submit_as(r, &me, u, "T1", status_version(r, u), NULL);
      break;
    default:
      snprintf(text, sizeof text, "return %d", k);
      rc = tertial_round_return_as(r, &boss, u, "T1", status_version(r, u), text);
      break;
    }
    if (rc != 0) {
      fprintf(stderr, "writer %d change %d: %s\n", i, k, tertial_error_last());
      _exit(1);
    }
  }
  tertial_model_free(m);
  tertial_store_free(st);
  _exit(0);
}

static void run_children(int n, void (*child)(int, int, int), pid_t *pids)
{
  int ready[2], go[2];
  ck_assert_int_eq(pipe(ready), 0);
  ck_assert_int_eq(pipe(go), 0);
  for (int i = 0; i < n; i++) {
    pids[i] = fork();
    ck_assert_int_ge(pids[i], 0);
    if (pids[i] == 0) {
      close(ready[0]);
      close(go[1]);
      child(i, ready[1], go[0]);
    }
  }
  close(ready[1]);
  close(go[0]);
  char c;
  for (int i = 0; i < n; i++)
    ck_assert_int_eq(read(ready[0], &c, 1), 1);
  close(go[1]); /* everyone has loaded: go */
  close(ready[0]);
}

static double seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 8 processes x 50 changes on their own units at once: every change and its audit entries in
 * the store, the sequence numbers 1..n. */
START_TEST(test_concurrent_writers)
{
  make_store();
  pid_t pids[WRITERS];
  double t0 = seconds();
  run_children(WRITERS, writer, pids);
  for (int i = 0; i < WRITERS; i++) {
    int status;
    ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d: status %d", i, status);
  }
  double t = seconds() - t0;
  printf("# %d writers x %d round changes: %.3f s, %.0f changes/s\n", WRITERS, CHANGES, t, WRITERS * CHANGES / t);
  tertial_store *st;
  tertial_model *m;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load_year(&m, st, 2026));
  tertial_round *r = tertial_model_round(m);
  /* per writer: 17 texts, each moving the status to in progress, 17 submissions, 16 returns */
  const size_t texts = (CHANGES + 2) / 3, submits = (CHANGES + 1) / 3, returns = CHANGES / 3;
  ck_assert_uint_eq(texts + submits + returns, CHANGES);
  ck_assert_uint_eq(tertial_round_audit_count(r), WRITERS * (CHANGES + texts));
  for (size_t i = 0; i < tertial_round_audit_count(r); i++)
    ck_assert_uint_eq(tertial_round_audit_at(r, i)->seq, i + 1);
  for (int i = 0; i < WRITERS; i++) {
    char code[8];
    snprintf(code, sizeof code, "U%d", i);
    tertial_unit_id u = unit(m, code);
    ck_assert_uint_eq(tertial_round_text_history_count(r, u, "T1", TERTIAL_TEXT_SUMMARY, NULL), texts);
    for (size_t k = 0; k < texts; k++) {
      char want[64];
      snprintf(want, sizeof want, "writer %d change %zu", i, 3 * k);
      const tertial_text_version *v = tertial_round_text_history_at(r, u, "T1", TERTIAL_TEXT_SUMMARY, NULL, k);
      ck_assert_str_eq(v->text, want);
      ck_assert_uint_eq(v->version, k + 1);
    }
    tertial_unit_status s;
    T_OK(tertial_round_status(&s, r, u, "T1"));
    ck_assert_int_eq(s.status, TERTIAL_STATUS_SUBMITTED); /* change 49 is a submission */
    ck_assert_uint_eq(s.version, texts + submits + returns); /* each text moved it */
    /* the unit's entries: every one of its changes, in its order */
    tertial_audit_filter f = TERTIAL_AUDIT_FILTER_ALL;
    f.unit = u;
    size_t *idx, n;
    T_OK(tertial_round_audit_query(&idx, &n, r, &f));
    ck_assert_uint_eq(n, CHANGES + texts);
    size_t moves = 0;
    for (size_t k = 0; k < n; k++)
      moves += strcmp(tertial_round_audit_at(r, idx[k])->item, "status") == 0 &&
               strcmp(tertial_round_audit_at(r, idx[k])->after, "in progress") == 0;
    ck_assert_uint_eq(moves, texts);
    tertial_free(idx);
  }
  tertial_model_free(m);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

/* Racer i sets U0's summary against version 0, as r<i>; its error message goes to a file. */
static void racer(int i, int ready, int go)
{
  tertial_store *st;
  tertial_model *m = open_bound(&st);
  tertial_round *r = tertial_model_round(m);
  char key[8], text[32], file[160];
  snprintf(key, sizeof key, "r%d", i);
  snprintf(text, sizeof text, "racer %d", i);
  tertial_actor me = as(r, key);
  tertial_unit_id u = unit(m, "U0");
  barrier(ready, go);
  int rc = tertial_round_text_set_as(r, &me, u, "T1", TERTIAL_TEXT_SUMMARY, NULL, text, 0, NULL);
  snprintf(file, sizeof file, "%s/racer%d.txt", tmpdir, i);
  FILE *f = fopen(file, "w");
  if (!f)
    _exit(103);
  fprintf(f, "%s", rc == 0 ? "" : tertial_error_last());
  fclose(f);
  /* memory follows the store: a refused change left no text and no entry */
  if (rc != 0 && (tertial_round_text(r, u, "T1", TERTIAL_TEXT_SUMMARY, NULL) || tertial_round_audit_count(r) != 0))
    _exit(104);
  tertial_model_free(m);
  tertial_store_free(st);
  _exit(rc == 0 ? 0 : rc == TERTIAL_ERR_CONFLICT ? 1 : 100);
}

/* N processes set one text against one version at once: one wins, the others get a conflict
 * naming the winner; the history holds the winner's text only. */
START_TEST(test_same_text_race)
{
  make_store();
  pid_t pids[RACERS];
  run_children(RACERS, racer, pids);
  int won = -1, conflicts = 0;
  for (int i = 0; i < RACERS; i++) {
    int status;
    ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) <= 1, "racer %d: status %d", i, status);
    if (WEXITSTATUS(status) == 0) {
      ck_assert_int_eq(won, -1);
      won = i;
    } else {
      conflicts++;
    }
  }
  ck_assert_int_ge(won, 0);
  ck_assert_int_eq(conflicts, RACERS - 1);
  char winner[32];
  snprintf(winner, sizeof winner, "by r%d (Racer ", won);
  for (int i = 0; i < RACERS; i++) {
    if (i == won)
      continue;
    char file[160], msg[1024] = "";
    snprintf(file, sizeof file, "%s/racer%d.txt", tmpdir, i);
    FILE *f = fopen(file, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(msg, 1, sizeof msg - 1, f);
    msg[n] = '\0';
    fclose(f);
    ck_assert_msg(strstr(msg, winner) && strstr(msg, "the text summary of U0 at T1"), "racer %d: %s", i, msg);
  }
  tertial_store *st;
  tertial_model *m;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load_year(&m, st, 2026));
  tertial_round *r = tertial_model_round(m);
  tertial_unit_id u = unit(m, "U0");
  ck_assert_uint_eq(tertial_round_text_history_count(r, u, "T1", TERTIAL_TEXT_SUMMARY, NULL), 1);
  char want[32];
  snprintf(want, sizeof want, "racer %d", won);
  ck_assert_str_eq(tertial_round_text(r, u, "T1", TERTIAL_TEXT_SUMMARY, NULL)->text, want);
  ck_assert_uint_eq(tertial_round_audit_count(r), 2); /* the text and the move to in progress */
  tertial_model_free(m);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

/* A loads; B (another connection) changes a text; A's change against what it read conflicts,
 * naming B, and changes nothing; after a reload A's change goes through. */
START_TEST(test_stale_round)
{
  make_store();
  tertial_store *sa, *sb;
  tertial_model *a = open_bound(&sa), *b = open_bound(&sb);
  tertial_round *ra = tertial_model_round(a), *rb = tertial_model_round(b);
  tertial_unit_id u = unit(a, "U1");
  tertial_actor m1a = as(ra, "m1"), m1b = as(rb, "m1"), eva = as(rb, "eva");
  tertial_actor for_m1 = {eva.person, m1b.person};
  T_OK(tertial_round_text_set_as(rb, &for_m1, u, "T1", TERTIAL_TEXT_ANALYSIS, NULL, "B:s analys", 0, NULL));
  T_ERR(tertial_round_text_set_as(ra, &m1a, u, "T1", TERTIAL_TEXT_ANALYSIS, NULL, "A:s analys", 0, NULL),
        TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "the text analysis of U1 at T1 was changed by eva (Eva Ekonom)"));
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "version 1 there, the change was made against version 0"));
  ck_assert_ptr_null(tertial_round_text(ra, u, "T1", TERTIAL_TEXT_ANALYSIS, NULL));
  ck_assert_uint_eq(tertial_round_audit_count(ra), 0);
  ck_assert_uint_eq(status_version(ra, u), 0);
  /* another item of the same unit: its status moved elsewhere, so this one conflicts too */
  T_ERR(tertial_round_text_set_as(ra, &m1a, u, "T1", TERTIAL_TEXT_SUMMARY, NULL, "A", 0, NULL), TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "the status of U1 at T1 was changed by eva"));
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_text"), 1);
  tertial_model_free(a);
  tertial_store_free(sa);
  a = open_bound(&sa);
  ra = tertial_model_round(a);
  m1a = as(ra, "m1");
  const tertial_text_version *v = tertial_round_text(ra, u, "T1", TERTIAL_TEXT_ANALYSIS, NULL);
  ck_assert_str_eq(v->text, "B:s analys");
  ck_assert_uint_eq(v->person, eva.person);
  ck_assert_uint_eq(v->on_behalf_of, m1b.person);
  uint64_t got = 0;
  T_OK(tertial_round_text_set_as(ra, &m1a, u, "T1", TERTIAL_TEXT_ANALYSIS, NULL, "A:s analys", v->version, &got));
  ck_assert_uint_eq(got, 2);
  ck_assert_uint_eq(tertial_round_audit_at(ra, tertial_round_audit_count(ra) - 1)->seq, 3);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_text"), 2);
  /* B is stale now: its status change against the status it holds still goes through (the text
   * did not move the status), a text change against its old version does not */
  T_ERR(tertial_round_text_set_as(rb, &for_m1, u, "T1", TERTIAL_TEXT_ANALYSIS, NULL, "B igen", 1, NULL),
        TERTIAL_ERR_CONFLICT);
  tertial_model_free(a);
  tertial_model_free(b);
  tertial_store_free(sa);
  tertial_store_free(sb);
  remove_tmpdir();
}
END_TEST

/* A write that fails (a trigger aborts it; the store made read-only) leaves memory and store as
 * they were. */
START_TEST(test_failed_write)
{
  make_store();
  tertial_store *st;
  tertial_model *m = open_bound(&st);
  tertial_round *r = tertial_model_round(m);
  tertial_unit_id u = unit(m, "U2");
  tertial_actor m2 = as(r, "m2"), eva = as(r, "eva");
  T_OK(tertial_round_text_set_as(r, &m2, u, "T1", TERTIAL_TEXT_SUMMARY, NULL, "första", 0, NULL));
  long long audit = sql_int("SELECT count(*) FROM round_audit");
  ck_assert_int_eq(audit, 2);
  sql("CREATE TRIGGER fail_audit BEFORE INSERT ON round_audit BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
  T_ERR(tertial_round_text_set_as(r, &m2, u, "T1", TERTIAL_TEXT_SUMMARY, NULL, "andra", 1, NULL), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "disk on fire"));
  T_ERR(tertial_round_submit_as(r, &m2, u, "T1", 1, NULL), TERTIAL_ERR_IO);
  T_ERR(tertial_round_lock_as(r, &eva, "T1", 1), TERTIAL_ERR_IO);
  T_ERR(tertial_round_add_person_as(NULL, r, &eva, "ny", "Ny Person", NULL), TERTIAL_ERR_IO);
  /* memory: as before */
  ck_assert_uint_eq(tertial_round_text_history_count(r, u, "T1", TERTIAL_TEXT_SUMMARY, NULL), 1);
  ck_assert_str_eq(tertial_round_text(r, u, "T1", TERTIAL_TEXT_SUMMARY, NULL)->text, "första");
  tertial_unit_status s;
  T_OK(tertial_round_status(&s, r, u, "T1"));
  ck_assert_int_eq(s.status, TERTIAL_STATUS_IN_PROGRESS);
  ck_assert_uint_eq(s.version, 1);
  ck_assert_int_eq(tertial_round_is_locked(r, "T1", NULL, NULL), 0);
  ck_assert_uint_eq(tertial_round_person_count(r), 16);
  ck_assert_uint_eq(tertial_round_audit_count(r), 2);
  /* store: as before */
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_text"), 1);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_audit"), audit);
  ck_assert_int_eq(sql_int("SELECT version FROM round_status WHERE unit = 'U2'"), 1);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_lock"), 0);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_person"), 16);
  /* a store opened read-only cannot be bound */
  tertial_store *ro;
  T_OK(tertial_store_open(&ro, path, TERTIAL_STORE_READONLY));
  T_ERR(tertial_store_bind_round(ro, m), TERTIAL_ERR_INVALID);
  tertial_store_free(ro);
  sql("DROP TRIGGER fail_audit");
  T_OK(tertial_round_submit_as(r, &m2, u, "T1", 1, "klar"));
  T_OK(tertial_round_status(&s, r, u, "T1"));
  ck_assert_int_eq(s.status, TERTIAL_STATUS_SUBMITTED);
  ck_assert_uint_eq(tertial_round_audit_at(r, 2)->seq, 3);
  /* the audit trail and the texts' history are append-only in the store itself */
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
  ck_assert_int_ne(sqlite3_exec(db, "DELETE FROM round_audit", NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_ne(sqlite3_exec(db, "UPDATE round_text SET text = 'x'", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  /* a change of the model refused by the store's checks is not made in memory either */
  tertial_unit_id u3 = unit(m, "U3");
  tertial_actor m3 = as(r, "m3");
  sql("INSERT INTO round_lock VALUES(2026, 'T1', 1, 'eva', 0)"); /* locked by another process */
  T_ERR(tertial_round_adjustment_add_as(NULL, r, &m3, "T1", u3, "KOST_PERS", KR(5), TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_NOT_PERMITTED);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "locked"));
  ck_assert_uint_eq(tertial_forecast_adjustment_count(tertial_model_forecast_plan(m)), 0);
  sql("DELETE FROM round_lock");
  /* a write that fails after the change was made in memory: said, and the round refuses more */
  sql("CREATE TRIGGER fail_adjustment BEFORE INSERT ON adjustment BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  size_t audit_now = tertial_round_audit_count(r);
  T_ERR(tertial_round_adjustment_add_as(NULL, r, &m3, "T1", u3, "KOST_PERS", KR(5), TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "disk full"));
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "not written: load the year again"));
  ck_assert_uint_eq(tertial_round_audit_count(r), audit_now);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM adjustment"), 0);
  sql("DROP TRIGGER fail_adjustment");
  T_ERR(tertial_round_text_set_as(r, &m3, u3, "T1", TERTIAL_TEXT_SUMMARY, NULL, "x", 0, NULL), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "load the year again"));
  tertial_model_free(m);
  tertial_store_free(st);
  /* loaded again, the year takes the change */
  m = open_bound(&st);
  r = tertial_model_round(m);
  m3 = as(r, "m3");
  T_OK(tertial_round_adjustment_add_as(NULL, r, &m3, "T1", u3, "KOST_PERS", KR(5), TERTIAL_ADJUST_KNOWN_FACTOR, "x"));
  ck_assert_int_eq(sql_int("SELECT count(*) FROM adjustment"), 1);
  tertial_model_free(m);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

/* Everything of the round survives a reload; a save of the model leaves the round's rows alone
 * and round changes leave the year's save version alone. */
START_TEST(test_round_trip)
{
  make_store();
  tertial_store *st;
  tertial_model *m = open_bound(&st);
  tertial_round *r = tertial_model_round(m);
  long long saved = sql_int("SELECT version FROM year_version WHERE year = 2026");
  tertial_unit_id u3 = unit(m, "U3"), u4 = unit(m, "U4");
  tertial_actor m3 = as(r, "m3"), boss = as(r, "boss"), eva = as(r, "eva");
  tertial_person_id ny;
  T_OK(tertial_round_add_person_as(&ny, r, &eva, "ny", "Ny Person", "ny@exempel.se"));
  T_OK(tertial_round_assign_as(r, &eva, ny, TERTIAL_ROLE_READER, u4));
  T_OK(tertial_round_unassign_as(r, &eva, ny, TERTIAL_ROLE_READER, u4));
  T_OK(tertial_round_assign_as(r, &eva, ny, TERTIAL_ROLE_MANAGER, u4));
  T_OK(tertial_round_text_set_as(r, &m3, u3, "T1", TERTIAL_TEXT_SUMMARY, NULL, "ett", 0, NULL));
  T_OK(tertial_round_text_set_as(r, &m3, u3, "T1", TERTIAL_TEXT_SUMMARY, NULL, "två", 1, NULL));
  T_OK(tertial_round_submit_as(r, &m3, u3, "T1", 1, "klar"));
  T_OK(tertial_round_return_as(r, &boss, u3, "T1", 2, "gör om"));
  T_OK(tertial_round_set_threshold(r, 1, KR(70000), 5));
  T_OK(tertial_round_lock_as(r, &eva, "T2", 1));
  size_t audit = tertial_round_audit_count(r);
  ck_assert_uint_eq(audit, 10);
  /* round changes do not bump the year's save version; a save of the model leaves the round */
  ck_assert_int_eq(sql_int("SELECT version FROM year_version WHERE year = 2026"), saved);
  long long rows = sql_int("SELECT (SELECT count(*) FROM round_person) + (SELECT count(*) FROM round_assignment) +"
                           " (SELECT count(*) FROM round_text) + (SELECT count(*) FROM round_status) +"
                           " (SELECT count(*) FROM round_lock) + (SELECT count(*) FROM round_threshold) +"
                           " (SELECT count(*) FROM round_audit)");
  T_OK(tertial_store_save(st, m));
  ck_assert_int_eq(sql_int("SELECT version FROM year_version WHERE year = 2026"), saved + 1);
  ck_assert_int_eq(sql_int("SELECT (SELECT count(*) FROM round_person) + (SELECT count(*) FROM round_assignment) +"
                           " (SELECT count(*) FROM round_text) + (SELECT count(*) FROM round_status) +"
                           " (SELECT count(*) FROM round_lock) + (SELECT count(*) FROM round_threshold) +"
                           " (SELECT count(*) FROM round_audit)"),
                   rows);
  tertial_store *st2;
  tertial_model *b;
  T_OK(tertial_store_open(&st2, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load_year(&b, st2, 2026));
  tertial_round *rb = tertial_model_round(b);
  ck_assert_uint_eq(tertial_round_person_count(rb), tertial_round_person_count(r));
  for (tertial_person_id p = 0; p < tertial_round_person_count(r); p++) {
    ck_assert_str_eq(tertial_round_person_at(rb, p)->key, tertial_round_person_at(r, p)->key);
    ck_assert_str_eq(tertial_round_person_at(rb, p)->name, tertial_round_person_at(r, p)->name);
    ck_assert_str_eq(tertial_round_person_at(rb, p)->email, tertial_round_person_at(r, p)->email);
  }
  ck_assert_uint_eq(tertial_round_assignment_count(rb), tertial_round_assignment_count(r));
  for (size_t i = 0; i < tertial_round_assignment_count(r); i++) {
    const tertial_assignment *x = tertial_round_assignment_at(r, i), *y = tertial_round_assignment_at(rb, i);
    ck_assert(x->person == y->person && x->role == y->role && x->unit == y->unit);
  }
  ck_assert_uint_eq(tertial_round_text_history_count(rb, u3, "T1", TERTIAL_TEXT_SUMMARY, NULL), 2);
  for (size_t k = 0; k < 2; k++) {
    const tertial_text_version *x = tertial_round_text_history_at(r, u3, "T1", TERTIAL_TEXT_SUMMARY, NULL, k);
    const tertial_text_version *y = tertial_round_text_history_at(rb, u3, "T1", TERTIAL_TEXT_SUMMARY, NULL, k);
    ck_assert_str_eq(x->text, y->text);
    ck_assert(x->person == y->person && x->on_behalf_of == y->on_behalf_of && x->when == y->when &&
              x->version == y->version);
  }
  tertial_unit_status x, y;
  T_OK(tertial_round_status(&x, r, u3, "T1"));
  T_OK(tertial_round_status(&y, rb, u3, "T1"));
  ck_assert_int_eq(y.status, TERTIAL_STATUS_RETURNED);
  ck_assert_str_eq(y.comment, "gör om");
  ck_assert(x.status == y.status && x.version == y.version && x.person == y.person && x.when == y.when &&
            x.escalated == y.escalated);
  tertial_person_id by;
  ck_assert_int_eq(tertial_round_is_locked(rb, "T2", &by, NULL), 1);
  ck_assert_uint_eq(by, eva.person);
  ck_assert_uint_eq(tertial_round_audit_count(rb), audit);
  for (size_t i = 0; i < audit; i++) {
    const tertial_audit_entry *e = tertial_round_audit_at(r, i), *f = tertial_round_audit_at(rb, i);
    ck_assert(e->seq == f->seq && e->when == f->when && e->person == f->person && e->action == f->action &&
              e->unit == f->unit && e->on_behalf_of == f->on_behalf_of);
    ck_assert_str_eq(e->point, f->point);
    ck_assert_str_eq(e->item, f->item);
    ck_assert_str_eq(e->before, f->before);
    ck_assert_str_eq(e->after, f->after);
  }
  /* the threshold: 70 000 kr at level 1 lets U3's approval of a small deficit through is the
   * balance rule's business; here it is the stored value */
  ck_assert_int_eq(sql_int("SELECT amount FROM round_threshold WHERE level = 1"), KR(70000));
  /* a store not bound to this model's round refuses to bind a round it did not load */
  tertial_model *fresh = round_model();
  T_OK(tertial_round_add_person(NULL, tertial_model_round(fresh), "x", "X", NULL));
  tertial_store *st3;
  T_OK(tertial_store_open(&st3, path, 0));
  T_ERR(tertial_store_bind_round(st3, fresh), TERTIAL_ERR_STATE);
  tertial_model_free(fresh);
  fresh = round_model();
  T_ERR(tertial_store_bind_round(st3, fresh), TERTIAL_ERR_STATE); /* empty, but the store has a round */
  tertial_model_free(fresh);
  T_OK(tertial_model_new(&fresh, 2030, 1));
  T_ERR(tertial_store_bind_round(st3, fresh), TERTIAL_ERR_NOT_FOUND); /* the year is not stored */
  tertial_model_free(fresh);
  /* the store freed before the model: the round stays, no longer written */
  T_OK(tertial_store_bind_round(st3, b)); /* moved from no store to st3 */
  T_OK(tertial_store_unbind_round(st3, b));
  T_ERR(tertial_store_unbind_round(st3, b), TERTIAL_ERR_NOT_FOUND);
  T_OK(tertial_store_bind_round(st3, b));
  tertial_store_free(st3);
  T_OK(tertial_round_set_threshold(rb, 1, KR(1), 0));
  ck_assert_int_eq(sql_int("SELECT amount FROM round_threshold WHERE level = 1"), KR(70000));
  tertial_model_free(b);
  tertial_store_free(st2);
  tertial_model_free(m);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

/* A save of the whole model while another process writes round changes: both go through (each
 * waits for the other's transaction), the save does not touch the round's rows, the round's
 * changes do not move the save version, so neither conflicts. */
/* The forecast plan's items of unit `code` as the model holds them, as one text to compare. */
static void plan_text(char *buf, size_t size, tertial_model *m, const char *code)
{
  tertial_unit_id u = unit(m, code);
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(m);
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < tertial_forecast_adjustment_count(plan); i++) {
    const tertial_adjustment *a = tertial_forecast_adjustment_at(plan, i);
    if (a->unit == u)
      n += (size_t)snprintf(buf + n, size - n, "adj %s %lld %d %s|", a->row_code, (long long)a->amount, (int)a->kind,
                            a->reason);
  }
  for (size_t i = 0; i < tertial_measure_count(m); i++) {
    const tertial_measure *x = tertial_measure_at(m, i);
    if (x->unit == u)
      n += (size_t)snprintf(buf + n, size - n, "measure %s %lld %d %d fed %d|", x->description, (long long)x->effect,
                            (int)x->status, x->in_forecast,
                            x->adjustment >= 0 ? (int)tertial_forecast_adjustment_at(plan, (size_t)x->adjustment)->amount
                                               : 0);
  }
  for (size_t i = 0; i < tertial_accrual_count(m); i++) {
    const tertial_accrual *a = tertial_accrual_at(m, i);
    if (a->unit == u)
      n += (size_t)snprintf(buf + n, size - n, "accrual %s %d %lld|", a->account, a->month, (long long)a->amount);
  }
  for (size_t i = 0; i < tertial_forecast_rule_count(plan); i++) {
    tertial_unit_id ru;
    const char *row;
    int method, k;
    T_OK(tertial_forecast_rule_at(&ru, &row, &method, &k, plan, i));
    if (ru == u)
      n += (size_t)snprintf(buf + n, size - n, "rule %s %d %d|", row ? row : "*", method, k);
  }
  ck_assert_uint_lt(n, size);
}

/* Changes of the model while bound: each written as it is made, unit by unit, with its audit
 * entries; a reload holds exactly what the model holds; the snapshot freezes what it computed. */
START_TEST(test_model_changes_written)
{
  make_store();
  tertial_store *st;
  tertial_model *m = open_bound(&st);
  tertial_round *r = tertial_model_round(m);
  tertial_actor m3 = as(r, "m3"), m4 = as(r, "m4"), eva = as(r, "eva");
  tertial_unit_id u3 = unit(m, "U3"), u4 = unit(m, "U4");
  long long saved = sql_int("SELECT version FROM year_version WHERE year = 2026");
  size_t a0, mi, mj;
  T_OK(tertial_round_adjustment_add_as(&a0, r, &m3, "T1", u3, "KOST_PERS", KR(120000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Vikarier under sommaren"));
  T_OK(tertial_round_method_set_as(r, &m3, "T1", u3, "KOST_PERS", TERTIAL_METHOD_RUN_RATE, 3));
  T_OK(tertial_round_measure_add_as(&mi, r, &m3, "T1", u3, "KOST_PERS", "Färre timvikarier", "Sjukfrånvaro",
                                    KR(40000), "", (tertial_date){2026, 6, 30}));
  T_OK(tertial_round_measure_add_as(&mj, r, &m4, "T1", u4, "KOST_PERS", "Vakans hålls", "", KR(25000), "",
                                    (tertial_date){0, 0, 0}));
  T_OK(tertial_round_measure_set_status_as(r, &m3, "T1", mi, TERTIAL_MEASURE_DECIDED, "Beslutad 12/3"));
  T_OK(tertial_round_measure_feed_as(r, &m3, "T1", mi));
  T_OK(tertial_round_accrual_add_as(r, &m4, "T1", u4, "5010", 1, KR(3000), "Faktura för februari"));
  size_t a1;
  T_OK(tertial_round_adjustment_add_as(&a1, r, &m4, "T1", u4, "KOST_PERS", KR(-5000), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Lägre hyra"));
  T_OK(tertial_round_adjustment_remove_as(r, &m4, "T1", a1));
  /* nine changes of the model: nine entries, each unit's first change moved its status too */
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_audit WHERE year = 2026"), 9 + 2);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_audit WHERE item LIKE 'adjustment%' AND unit = 'U4'"), 2);
  ck_assert_int_eq(sql_int("SELECT version FROM plan_version WHERE year = 2026 AND unit = 'U3'"), 5);
  ck_assert_int_eq(sql_int("SELECT version FROM plan_version WHERE year = 2026 AND unit = 'U4'"), 4);
  ck_assert_int_eq(sql_int("SELECT version FROM year_version WHERE year = 2026"), saved + 9);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM adjustment WHERE year = 2026"), 2);
  ck_assert_int_eq(sql_int("SELECT amount FROM adjustment WHERE year = 2026 AND from_measure IS NOT NULL"), -KR(40000));
  /* U3's items are written again after U4's last change: they keep their numbers (U3's measure
   * stays the first, its adjustments before U4's) */
  T_OK(tertial_round_measure_set_status_as(r, &m3, "T1", mi, TERTIAL_MEASURE_DECIDED, "Beslutad 12/3"));
  ck_assert_int_eq(sql_int("SELECT min(seq) FROM measure WHERE year = 2026 AND unit = (SELECT id FROM unit WHERE "
                           "year = 2026 AND code = 'U3')"), 0);
  /* the economist freezes T1 from the forecast applied at its cut-off to this model, which is current */
  size_t pi;
  T_OK(tertial_calendar_find_point(&pi, tertial_model_calendar(m), "T1"));
  int cutoff = tertial_calendar_point(tertial_model_calendar(m), pi)->cutoff;
  T_OK(tertial_forecast_apply(m, cutoff - 1, -1));
  T_ERR(tertial_round_snapshot_take_as(r, &eva, "T1", (tertial_date){2026, 4, 10}), TERTIAL_ERR_STATE);
  T_OK(tertial_forecast_apply(m, cutoff, -1));
  T_OK(tertial_round_snapshot_take_as(r, &eva, "T1", (tertial_date){2026, 4, 10}));
  ck_assert_int_eq(sql_int("SELECT count(*) FROM snapshot WHERE year = 2026 AND point = 'T1'"), 1);
  const tertial_snapshot *snap;
  T_OK(tertial_snapshot_find(&snap, m, "T1"));
  ck_assert_int_eq(sql_int("SELECT count(*) FROM snapshot_entry WHERE year = 2026"),
                   (long long)tertial_snapshot_entry_count(snap));
  /* a reload holds the same items, the measure still feeding its adjustment */
  tertial_store *st2;
  tertial_model *b;
  T_OK(tertial_store_open(&st2, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load_year(&b, st2, 2026));
  char want[1024], got[1024];
  for (int i = 3; i <= 4; i++) {
    char code[8];
    snprintf(code, sizeof code, "U%d", i);
    plan_text(want, sizeof want, m, code);
    plan_text(got, sizeof got, b, code);
    ck_assert_str_eq(got, want);
  }
  /* every item keeps its number: U3's measure, rewritten after U4's was added, is still the first */
  ck_assert_uint_eq(tertial_measure_count(b), tertial_measure_count(m));
  for (size_t k = 0; k < tertial_measure_count(m); k++)
    ck_assert_str_eq(tertial_measure_at(b, k)->description, tertial_measure_at(m, k)->description);
  ck_assert_str_eq(tertial_measure_at(b, mi)->description, "Färre timvikarier");
  ck_assert_uint_eq(tertial_forecast_adjustment_count(tertial_model_forecast_plan(b)),
                    tertial_forecast_adjustment_count(tertial_model_forecast_plan(m)));
  for (size_t k = 0; k < tertial_forecast_adjustment_count(tertial_model_forecast_plan(m)); k++)
    ck_assert_str_eq(tertial_forecast_adjustment_at(tertial_model_forecast_plan(b), k)->reason,
                     tertial_forecast_adjustment_at(tertial_model_forecast_plan(m), k)->reason);
  for (size_t k = 0; k < tertial_accrual_count(m); k++)
    ck_assert_str_eq(tertial_accrual_at(b, k)->reason, tertial_accrual_at(m, k)->reason);
  plan_text(got, sizeof got, b, "U3");
  ck_assert_str_eq(got, "adj KOST_PERS 12000000 0 Vikarier under sommaren|adj KOST_PERS -4000000 2 Färre timvikarier|"
                        "measure Färre timvikarier 4000000 1 1 fed -4000000|rule KOST_PERS 4 3|");
  plan_text(got, sizeof got, b, "U4");
  ck_assert_str_eq(got, "measure Vakans hålls 2500000 0 0 fed 0|accrual 5010 1 300000|");
  ck_assert_ptr_nonnull(strstr(tertial_measure_at(b, 0)->follow_up, "Beslutad"));
  const tertial_snapshot *back;
  T_OK(tertial_snapshot_find(&back, b, "T1"));
  ck_assert_uint_eq(tertial_snapshot_entry_count(back), tertial_snapshot_entry_count(snap));
  tertial_round *rb = tertial_model_round(b);
  ck_assert_uint_eq(tertial_round_audit_count(rb), tertial_round_audit_count(r));
  ck_assert_str_eq(tertial_round_audit_at(rb, 0)->after, tertial_round_audit_at(r, 0)->after);
  /* the frozen point refuses a change of the plan; the model bound is current, so it saves whole */
  T_ERR(tertial_round_adjustment_add_as(NULL, r, &m3, "T1", u3, "KOST_PERS", KR(1), TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_STATE);
  T_OK(tertial_store_save(st, m));
  tertial_model_free(b);
  tertial_store_free(st2);
  tertial_model_free(m);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

/* Two models of the year from the store: changes of different units both persist; the same unit's
 * items changed in the other model meanwhile is a conflict naming who, with nothing changed; a
 * snapshot and a whole save of the stale model are refused. */
START_TEST(test_model_change_conflicts)
{
  make_store();
  tertial_store *sa, *sb;
  tertial_model *a = open_bound(&sa), *b = open_bound(&sb);
  tertial_round *ra = tertial_model_round(a), *rb = tertial_model_round(b);
  tertial_actor a3 = as(ra, "m3"), b3 = as(rb, "m3"), b4 = as(rb, "m4"), eva = as(rb, "eva");
  tertial_unit_id u3 = unit(a, "U3"), u4 = unit(a, "U4");
  T_OK(tertial_round_adjustment_add_as(NULL, ra, &a3, "T1", u3, "KOST_PERS", KR(100), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "från A"));
  size_t audit = tertial_round_audit_count(rb);
  /* B read U3's status before A moved it to in progress: the status conflicts first */
  T_ERR(tertial_round_adjustment_add_as(NULL, rb, &b3, "T1", u3, "KOST_PERS", KR(200), TERTIAL_ADJUST_KNOWN_FACTOR,
                                        "från B"),
        TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "m3 (Mi Tre)"));
  ck_assert_uint_eq(tertial_forecast_adjustment_count(tertial_model_forecast_plan(b)), 0);
  ck_assert_uint_eq(tertial_round_audit_count(rb), audit);
  /* another unit goes through */
  T_OK(tertial_round_adjustment_add_as(NULL, rb, &b4, "T1", u4, "KOST_PERS", KR(300), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "från B"));
  /* A's unit again, once its status is as B reads it: the plan's version conflicts */
  T_OK(tertial_round_adjustment_add_as(NULL, ra, &a3, "T1", u3, "KOST_PERS", KR(101), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "från A igen"));
  tertial_model *c;
  tertial_store *sc;
  c = open_bound(&sc);
  tertial_round *rc3 = tertial_model_round(c);
  tertial_actor c3 = as(rc3, "m3");
  T_OK(tertial_round_adjustment_add_as(NULL, ra, &a3, "T1", u3, "KOST_PERS", KR(102), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "från A en tredje gång"));
  T_ERR(tertial_round_method_set_as(rc3, &c3, "T1", u3, "KOST_PERS", TERTIAL_METHOD_LINEAR, 0),
        TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "the forecast plan"));
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "version 3 there"));
  ck_assert_uint_eq(tertial_forecast_rule_count(tertial_model_forecast_plan(c)), 0);
  /* B's model lacks A's changes: its snapshot and its whole save would lose them */
  size_t pi;
  T_OK(tertial_calendar_find_point(&pi, tertial_model_calendar(b), "T1"));
  T_OK(tertial_forecast_apply(b, tertial_calendar_point(tertial_model_calendar(b), pi)->cutoff, -1));
  T_ERR(tertial_round_snapshot_take_as(rb, &eva, "T1", (tertial_date){2026, 4, 10}), TERTIAL_ERR_CONFLICT);
  ck_assert_uint_eq(tertial_snapshot_count(b), 0);
  T_OK(tertial_store_unbind_round(sb, b));
  T_ERR(tertial_store_save(sb, b), TERTIAL_ERR_CONFLICT);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM adjustment WHERE year = 2026"), 4);
  ck_assert_int_eq(sql_int("SELECT sum(amount) FROM adjustment WHERE year = 2026"), KR(100 + 300 + 101 + 102));
  /* a whole save by a current model makes the others' next change a conflict */
  tertial_model_free(c);
  tertial_store_free(sc);
  c = open_bound(&sc);
  T_OK(tertial_store_unbind_round(sc, c));
  T_OK(tertial_store_save(sc, c));
  T_ERR(tertial_round_adjustment_add_as(NULL, ra, &a3, "T1", u3, "KOST_PERS", KR(1), TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "saved whole"));
  ck_assert_int_eq(sql_int("SELECT count(*) FROM adjustment WHERE year = 2026"), 4);
  tertial_model_free(c);
  tertial_store_free(sc);
  tertial_model_free(a);
  tertial_model_free(b);
  tertial_store_free(sa);
  tertial_store_free(sb);
  remove_tmpdir();
}
END_TEST

/* Writer i: 30 adjustments and 10 measures of its own unit, as its manager. */
static void plan_writer(int i, int ready, int go)
{
  tertial_store *st;
  tertial_model *m = open_bound(&st);
  tertial_round *r = tertial_model_round(m);
  char key[8], code[8];
  snprintf(key, sizeof key, "m%d", i);
  snprintf(code, sizeof code, "U%d", i);
  tertial_actor me = as(r, key);
  tertial_unit_id u = unit(m, code);
  barrier(ready, go);
  for (int k = 0; k < 40; k++) {
    char why[64];
    snprintf(why, sizeof why, "writer %d change %d", i, k);
    int rc = k % 4 == 3 ? tertial_round_measure_add_as(NULL, r, &me, "T1", u, "KOST_PERS", why, "", KR(k), "",
                                                         (tertial_date){0, 0, 0})
                        : tertial_round_adjustment_add_as(NULL, r, &me, "T1", u, "KOST_PERS", KR(1000 * i + k),
                                                          TERTIAL_ADJUST_KNOWN_FACTOR, why);
    if (rc != 0) {
      fprintf(stderr, "plan writer %d change %d: %s\n", i, k, tertial_error_last());
      _exit(1);
    }
  }
  tertial_model_free(m);
  tertial_store_free(st);
  _exit(0);
}

/* 8 processes x 40 changes of the plan of their own units at once: all 320 in the store, in each
 * unit's order, with their audit entries. */
START_TEST(test_concurrent_plan_writers)
{
  make_store();
  pid_t pids[WRITERS];
  run_children(WRITERS, plan_writer, pids);
  for (int i = 0; i < WRITERS; i++) {
    int status;
    ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "plan writer %d: status %d", i, status);
  }
  tertial_store *st;
  tertial_model *m;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load_year(&m, st, 2026));
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(m);
  ck_assert_uint_eq(tertial_forecast_adjustment_count(plan), WRITERS * 30);
  ck_assert_uint_eq(tertial_measure_count(m), WRITERS * 10);
  for (int i = 0; i < WRITERS; i++) {
    char code[8];
    snprintf(code, sizeof code, "U%d", i);
    tertial_unit_id u = unit(m, code);
    int k = 0;
    for (size_t j = 0; j < tertial_forecast_adjustment_count(plan); j++) {
      const tertial_adjustment *a = tertial_forecast_adjustment_at(plan, j);
      if (a->unit != u)
        continue;
      if (k % 4 == 3)
        k++;
      char want[64];
      snprintf(want, sizeof want, "writer %d change %d", i, k);
      ck_assert_str_eq(a->reason, want);
      ck_assert_int_eq(a->amount, KR(1000 * i + k));
      k++;
    }
    ck_assert_int_eq(k, 40 - 1); /* the last change, 39, is a measure */
  }
  /* every change and each unit's first move to in progress */
  ck_assert_uint_eq(tertial_round_audit_count(tertial_model_round(m)), WRITERS * (40 + 1));
  ck_assert_int_eq(sql_int("SELECT count(DISTINCT seq) FROM round_audit WHERE year = 2026"), WRITERS * (40 + 1));
  tertial_model_free(m);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

START_TEST(test_save_races_round)
{
  make_store();
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    tertial_store *st;
    tertial_model *m = open_bound(&st);
    tertial_round *r = tertial_model_round(m);
    tertial_actor m5 = as(r, "m5");
    tertial_unit_id u = unit(m, "U5");
    for (int k = 0; k < 60; k++) {
      char text[32];
      snprintf(text, sizeof text, "text %d", k);
      if (tertial_round_text_set_as(r, &m5, u, "T1", TERTIAL_TEXT_ANALYSIS, NULL, text, (uint64_t)k, NULL) != 0)
        _exit(1);
    }
    tertial_model_free(m);
    tertial_store_free(st);
    _exit(0);
  }
  tertial_store *st;
  tertial_model *m;
  T_OK(tertial_store_open(&st, path, 0));
  T_OK(tertial_store_load_year(&m, st, 2026));
  long long v0 = sql_int("SELECT version FROM year_version WHERE year = 2026");
  for (int k = 0; k < 20; k++)
    T_OK(tertial_store_save(st, m));
  int status;
  ck_assert_int_eq(waitpid(pid, &status, 0), pid);
  ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "round writer: status %d", status);
  ck_assert_int_eq(sql_int("SELECT version FROM year_version WHERE year = 2026"), v0 + 20);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_text WHERE unit = 'U5'"), 60);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_audit"), 61);
  tertial_model_free(m);
  T_OK(tertial_store_load_year(&m, st, 2026));
  ck_assert_uint_eq(tertial_round_text_history_count(tertial_model_round(m), unit(m, "U5"), "T1",
                                                    TERTIAL_TEXT_ANALYSIS, NULL),
                    60);
  tertial_model_free(m);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

/* A store of schema 5 (before the rounds) is read read-only without a round, and migrated. */
START_TEST(test_schema_5)
{
  make_store();
  sql("DROP TABLE round_person; DROP TABLE round_assignment; DROP TABLE round_status; DROP TABLE round_text;"
      " DROP TABLE round_lock; DROP TABLE round_threshold; DROP TABLE round_audit;"
      " DROP TABLE plan_version; DROP INDEX forecast_rule_unit; DROP INDEX adjustment_unit;"
      " DROP INDEX measure_unit; DROP INDEX accrual_unit; " GOAL_TABLES_DROP
      " DELETE FROM schema_version WHERE version >= 6");
  tertial_store *st;
  tertial_model *m;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  ck_assert_int_eq(tertial_store_schema_version(st), 5);
  T_OK(tertial_store_load_year(&m, st, 2026));
  ck_assert_uint_eq(tertial_round_person_count(tertial_model_round(m)), 0);
  tertial_model_free(m);
  tertial_store_free(st);
  T_OK(tertial_store_open(&st, path, 0));
  ck_assert_int_eq(tertial_store_schema_version(st), TERTIAL_STORE_SCHEMA_VERSION);
  tertial_store_free(st);
  m = open_bound(&st);
  tertial_store_free(st);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* A round made in memory (the demo's) is written whole, then reads back the same, binds, and
 * takes further changes one by one; a second whole write is refused. */
START_TEST(test_save_round_whole)
{
  make_store_path();
  tertial_model *m, *back;
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &o, 2026, 0));
  T_OK(tertial_demo_round(m, "JANOKT"));
  tertial_store *st;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_ERR(tertial_store_save_round(st, m), TERTIAL_ERR_NOT_FOUND);
  T_OK(tertial_store_save(st, m));
  T_OK(tertial_store_save_round(st, m));
  T_ERR(tertial_store_save_round(st, m), TERTIAL_ERR_STATE);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_person"), 297);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_audit"), 565);
  ck_assert_int_eq(sql_int("SELECT max(seq) FROM round_audit"), 565);
  T_OK(tertial_store_load_year(&back, st, 2026));
  tertial_round *a = tertial_model_round(m), *b = tertial_model_round(back);
  ck_assert_uint_eq(tertial_round_person_count(b), tertial_round_person_count(a));
  ck_assert_uint_eq(tertial_round_assignment_count(b), tertial_round_assignment_count(a));
  ck_assert_uint_eq(tertial_round_audit_count(b), 565);
  for (size_t i = 0; i < 565; i++) {
    const tertial_audit_entry *x = tertial_round_audit_at(a, i), *y = tertial_round_audit_at(b, i);
    ck_assert_uint_eq(x->seq, y->seq);
    ck_assert_int_eq((long long)x->when, (long long)y->when);
    ck_assert_uint_eq(x->person, y->person);
    ck_assert_str_eq(x->after, y->after);
  }
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(tertial_model_org(m)); u++) {
    tertial_unit_status x, y;
    T_OK(tertial_round_status(&x, a, u, "JANOKT"));
    T_OK(tertial_round_status(&y, b, u, "JANOKT"));
    ck_assert_int_eq(x.status, y.status);
    ck_assert_uint_eq(x.version, y.version);
    ck_assert_int_eq(x.escalated, y.escalated);
    ck_assert_str_eq(x.comment, y.comment);
  }
  tertial_unit_id sn;
  T_OK(tertial_org_find(&sn, tertial_model_org(back), "3"));
  const tertial_text_version *t = tertial_round_text(b, sn, "JANOKT", TERTIAL_TEXT_ROW_COMMENT, "KOST_KOP");
  ck_assert_ptr_nonnull(t);
  ck_assert_str_eq(t->text, tertial_round_text(a, sn, "JANOKT", TERTIAL_TEXT_ROW_COMMENT, "KOST_KOP")->text);
  /* the loaded round binds, and its next change is written on its own (4331 is in progress) */
  T_OK(tertial_store_bind_round(st, back));
  tertial_person_id chef;
  tertial_unit_id busy;
  T_OK(tertial_round_find_person(&chef, b, "chef4331"));
  T_OK(tertial_org_find(&busy, tertial_model_org(back), "4331"));
  tertial_actor me = {chef, TERTIAL_NO_PERSON};
  T_OK(tertial_round_text_set_as(b, &me, busy, "JANOKT", TERTIAL_TEXT_SUMMARY, NULL, "Prognosen är klar.", 1, NULL));
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_audit"), 566);
  ck_assert_int_eq(sql_int("SELECT max(version) FROM round_text WHERE kind = 0 AND unit = '4331'"), 2);
  /* a round already bound is written change by change, not whole */
  T_ERR(tertial_store_save_round(st, back), TERTIAL_ERR_STATE);
  tertial_model_free(back);
  tertial_model_free(m);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

/* A submission checks the children in the store too: a child returned by another process after
 * this one read it stops the parent's submission (it would go up the line with a returned child). */
START_TEST(test_submit_sees_a_child_returned_elsewhere)
{
  make_store();
  tertial_store *sa, *sb;
  tertial_model *a = open_bound(&sa);
  tertial_round *ra = tertial_model_round(a);
  for (int i = 0; i < WRITERS; i++) {
    char key[8], code[8];
    snprintf(key, sizeof key, "m%d", i);
    snprintf(code, sizeof code, "U%d", i);
    tertial_actor m = as(ra, key);
    T_OK(tertial_round_submit_as(ra, &m, unit(a, code), "T1", 0, NULL));
  }
  tertial_model *b = open_bound(&sb);
  tertial_round *rb = tertial_model_round(b);
  tertial_actor boss_a = as(ra, "boss"), boss_b = as(rb, "boss");
  T_OK(tertial_round_return_as(ra, &boss_a, unit(a, "U3"), "T1", 1, "Komplettera"));
  /* b still holds U3 as submitted: memory lets it through, the store does not */
  T_ERR(tertial_round_submit_as(rb, &boss_b, unit(b, "K"), "T1", 0, NULL), TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "K cannot be submitted at T1: its child U3 is returned there "
                                                     "(changed by boss (Bo Chef)"));
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_status WHERE unit = 'K'"), 0);
  tertial_unit_status st;
  T_OK(tertial_round_status(&st, rb, unit(b, "K"), "T1"));
  ck_assert_int_eq(st.status, TERTIAL_STATUS_NOT_STARTED);
  /* once U3 is submitted again, K goes */
  tertial_actor m3 = as(ra, "m3");
  T_OK(tertial_round_submit_as(ra, &m3, unit(a, "U3"), "T1", 2, NULL));
  T_OK(tertial_round_submit_as(rb, &boss_b, unit(b, "K"), "T1", 0, NULL));
  ck_assert_int_eq(sql_int("SELECT status FROM round_status WHERE unit = 'K'"), TERTIAL_STATUS_SUBMITTED);
  tertial_model_free(a);
  tertial_model_free(b);
  tertial_store_free(sa);
  tertial_store_free(sb);
  remove_tmpdir();
}
END_TEST

/* ---- internal control followed up through the round (issue 19) ---- */

/* The round's internal control: risk R<i> of the committee "Enhet <i>" (U<i> by name), control
 * K<i> of it reported at T1; risk RK of "K" (by code) with control KK. */
static void fill_intcontrol(tertial_intcontrol *ic)
{
  for (int i = 0; i < WRITERS; i++) {
    char code[8], committee[16], control[8];
    snprintf(code, sizeof code, "R%d", i);
    snprintf(committee, sizeof committee, "enhet %d", i); /* the name, letter case aside */
    snprintf(control, sizeof control, "K%d", i);
    tertial_risk r = {code, committee, "Fakturahantering", "Felaktiga utbetalningar", 3, 4};
    T_OK(tertial_intcontrol_add_risk(ic, &r));
    tertial_control c = {control, code, "Kontroll av utbetalningar", "Stickprov", "Per tertial", "Controller", "T1"};
    T_OK(tertial_intcontrol_add_control(ic, &c));
  }
  tertial_risk rk = {"RK", "K", "Attest", "Jäv vid attest", 2, 4};
  T_OK(tertial_intcontrol_add_risk(ic, &rk));
  tertial_control kk = {"KK", "RK", "Kontroll av attester", "Stickprov", "Per tertial", "Controller", "T2"};
  T_OK(tertial_intcontrol_add_control(ic, &kk));
  tertial_risk rx = {"RX", "Nämnd som saknas", "Attest", "Jäv", 2, 4};
  T_OK(tertial_intcontrol_add_risk(ic, &rx));
  tertial_control kx = {"KX", "RX", "Kontroll", "Stickprov", "", "", "T1"};
  T_OK(tertial_intcontrol_add_control(ic, &kx));
}

/* Who may report, the lock, the version, the audit entries' text (no store). */
START_TEST(test_control_result_checked)
{
  tertial_model *m = round_model();
  tertial_round *r = tertial_model_round(m);
  T_OK(tertial_round_people_parse(r, NULL, people_csv, "people.csv"));
  fill_intcontrol(tertial_round_intcontrol(r));
  tertial_unit_id u0 = unit(m, "U0"), k = unit(m, "K"), got;
  T_OK(tertial_round_control_unit(&got, r, "K0"));
  ck_assert_uint_eq(got, u0);
  T_OK(tertial_round_control_unit(&got, r, "KK"));
  ck_assert_uint_eq(got, k);
  T_ERR(tertial_round_control_unit(&got, r, "KX"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "\"Nämnd som saknas\", which is no unit's code or name"));
  tertial_actor m0 = as(r, "m0"), m1 = as(r, "m1"), boss = as(r, "boss"), eva = as(r, "eva");
  /* refused: a manager of another unit, an economist directly; nothing changes, no entry */
  T_ERR(tertial_round_control_result_set_as(r, &m1, "T1", "K0", "Inga avvikelser", 0, NULL, 0, NULL),
        TERTIAL_ERR_NOT_PERMITTED);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "m1 (Max Ett) may not report the internal control of U0"));
  T_ERR(tertial_round_control_result_set_as(r, &eva, "T1", "K0", "Inga avvikelser", 0, NULL, 0, NULL),
        TERTIAL_ERR_NOT_PERMITTED);
  ck_assert_uint_eq(tertial_round_audit_count(r), 0);
  ck_assert_uint_eq(tertial_intcontrol_result_count(tertial_round_intcontrol(r)), 0);
  /* bad input */
  T_ERR(tertial_round_control_result_set_as(r, &m0, "T1", "K9", "x", 0, NULL, 0, NULL), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_round_control_result_set_as(r, &m0, "T1", "K0", "x", -1, NULL, 0, NULL), TERTIAL_ERR_RANGE);
  T_ERR(tertial_round_control_result_set_as(r, &m0, "T1", "K0", "", 0, NULL, 0, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_round_control_result_set_as(r, &m0, "T9", "K0", "x", 0, NULL, 0, NULL), TERTIAL_ERR_NOT_FOUND);
  ck_assert_uint_eq(tertial_round_audit_count(r), 0);
  /* allowed: the unit's manager; the entry's text */
  uint64_t v = 0;
  T_OK(tertial_round_control_result_set_as(r, &m0, "T1", "K0", "Två fakturor saknade attest", 2,
                                           "Påminnelse om attestordningen", 0, &v));
  ck_assert_uint_eq(v, 1);
  ck_assert_uint_eq(tertial_round_audit_count(r), 2); /* the result, U0 to in progress */
  const tertial_audit_entry *e = tertial_round_audit_at(r, 0);
  ck_assert_int_eq(e->action, TERTIAL_ACTION_CONTROL);
  ck_assert_uint_eq(e->unit, u0);
  ck_assert_uint_eq(e->person, m0.person);
  ck_assert_str_eq(e->point, "T1");
  ck_assert_str_eq(e->item, "control K0");
  ck_assert_str_eq(e->before, "");
  ck_assert_str_eq(e->after, "Två fakturor saknade attest; 2 deviations; measures: Påminnelse om attestordningen");
  ck_assert_str_eq(tertial_round_audit_at(r, 1)->item, "status");
  ck_assert_str_eq(tertial_action_name(TERTIAL_ACTION_CONTROL), "report the internal control");
  /* a stale version is refused, not overwritten */
  T_ERR(tertial_round_control_result_set_as(r, &boss, "T1", "K0", "Inga avvikelser", 0, NULL, 0, NULL),
        TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "control K0 of U0 (Enhet 0) at T1 was changed by m0 (Mia Noll)"));
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "it is at version 1, the change was made against version 0"));
  /* the head above replaces it against version 1; an economist for the manager after that */
  T_OK(tertial_round_control_result_set_as(r, &boss, "T1", "K0", "En faktura saknade attest", 1, "", 1, &v));
  ck_assert_uint_eq(v, 2);
  e = tertial_round_audit_at(r, 2);
  ck_assert_str_eq(e->before, "Två fakturor saknade attest; 2 deviations; measures: Påminnelse om attestordningen");
  ck_assert_str_eq(e->after, "En faktura saknade attest; 1 deviation");
  tertial_actor eva_for_m0 = {eva.person, m0.person};
  T_OK(tertial_round_control_result_set_as(r, &eva_for_m0, "T1", "K0", "Inga avvikelser", 0, NULL, 2, &v));
  ck_assert_uint_eq(v, 3);
  ck_assert_uint_eq(tertial_round_audit_at(r, 3)->on_behalf_of, m0.person);
  tertial_control_report rep;
  T_OK(tertial_round_control_report(&rep, r, "K0", "T1"));
  ck_assert_uint_eq(rep.version, 3);
  ck_assert_uint_eq(rep.person, eva.person);
  ck_assert_uint_eq(rep.on_behalf_of, m0.person);
  T_OK(tertial_round_control_report(&rep, r, "K1", "T1"));
  ck_assert_uint_eq(rep.version, 0);
  ck_assert_uint_eq(rep.person, TERTIAL_NO_PERSON);
  /* one result of K0 at T1, the last */
  const tertial_intcontrol *ic = tertial_round_intcontrol(r);
  ck_assert_uint_eq(tertial_intcontrol_result_count(ic), 1);
  ck_assert_str_eq(tertial_intcontrol_result_at(ic, 0)->result, "Inga avvikelser");
  ck_assert_int_eq(tertial_intcontrol_result_at(ic, 0)->deviations, 0);
  ck_assert_str_eq(tertial_intcontrol_result_at(ic, 0)->measures, "");
  /* a submitted unit is read-only; a locked point refuses everyone */
  tertial_actor m2 = as(r, "m2");
  T_OK(tertial_round_submit_as(r, &m2, unit(m, "U2"), "T1", TERTIAL_ANY_VERSION, NULL));
  T_ERR(tertial_round_control_result_set_as(r, &m2, "T1", "K2", "x", 0, NULL, 0, NULL), TERTIAL_ERR_NOT_PERMITTED);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "the unit is submitted there"));
  T_OK(tertial_round_lock_as(r, &eva, "T1", 1));
  size_t before = tertial_round_audit_count(r);
  T_ERR(tertial_round_control_result_set_as(r, &m1, "T1", "K1", "Inga avvikelser", 0, NULL, 0, NULL),
        TERTIAL_ERR_NOT_PERMITTED);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "follow-up point T1 is locked"));
  ck_assert_uint_eq(tertial_round_audit_count(r), before);
  ck_assert_uint_eq(tertial_intcontrol_result_count(ic), 1);
  tertial_model_free(m);
}
END_TEST

/* Reported results go to the store change by change and come back with the year; the
 * standalone load (store_plan.h) gives the reported result over the imported one. */
START_TEST(test_control_result_store)
{
  make_store();
  tertial_store *st;
  tertial_intcontrol *plan;
  T_OK(tertial_intcontrol_new(&plan));
  fill_intcontrol(plan);
  tertial_control_result imported = {"K4", "T1", "Importerat", 5, "Utbildning"};
  T_OK(tertial_intcontrol_add_result(plan, &imported));
  T_OK(tertial_store_open(&st, path, 0));
  T_OK(tertial_store_save_intcontrol(st, 2026, plan));
  tertial_store_free(st);
  tertial_intcontrol_free(plan);
  tertial_model *m = open_bound(&st);
  tertial_round *r = tertial_model_round(m);
  tertial_actor m3 = as(r, "m3"), m4 = as(r, "m4");
  ck_assert_uint_eq(tertial_intcontrol_control_count(tertial_round_intcontrol(r)), WRITERS + 2);
  T_OK(tertial_round_control_result_set_as(r, &m3, "T1", "K3", "Två avvikelser", 2, "Rutin ses över", 0, NULL));
  T_OK(tertial_round_control_result_set_as(r, &m3, "T1", "K3", "En avvikelse", 1, NULL, 1, NULL));
  T_OK(tertial_round_control_result_set_as(r, &m4, "T1", "K4", "Rättat", 0, NULL, 0, NULL));
  ck_assert_int_eq(sql_int("SELECT count(*) FROM ic_report WHERE year = 2026 AND control = 'K3'"), 2);
  ck_assert_int_eq(sql_int("SELECT max(version) FROM ic_report WHERE control = 'K3' AND point = 'T1'"), 2);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_audit WHERE year = 2026 AND item LIKE 'control K%'"), 3);
  tertial_model_free(m);
  tertial_store_free(st);
  /* a new process reads it back */
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load_year(&m, st, 2026));
  r = tertial_model_round(m);
  const tertial_intcontrol *ic = tertial_round_intcontrol(r);
  ck_assert_uint_eq(tertial_intcontrol_result_count(ic), 2);
  for (size_t i = 0; i < 2; i++) {
    const tertial_control_result *x = tertial_intcontrol_result_at(ic, i);
    ck_assert_str_eq(x->point, "T1");
    if (strcmp(x->control, "K3") == 0) {
      ck_assert_str_eq(x->result, "En avvikelse");
      ck_assert_int_eq(x->deviations, 1);
      ck_assert_str_eq(x->measures, "");
    } else {
      ck_assert_str_eq(x->control, "K4");
      ck_assert_str_eq(x->result, "Rättat"); /* the report replaced the import */
      ck_assert_int_eq(x->deviations, 0);
    }
  }
  tertial_control_report rep;
  T_OK(tertial_round_control_report(&rep, r, "K3", "T1"));
  ck_assert_uint_eq(rep.version, 2);
  ck_assert_str_eq(tertial_round_person_at(r, rep.person)->key, "m3");
  size_t n = tertial_round_audit_count(r);
  ck_assert_uint_eq(n, 5); /* three results, U3 and U4 to in progress */
  ck_assert_str_eq(tertial_round_audit_at(r, 0)->after, "Två avvikelser; 2 deviations; measures: Rutin ses över");
  ck_assert_str_eq(tertial_round_audit_at(r, 1)->item, "status");
  tertial_intcontrol *alone;
  T_OK(tertial_intcontrol_new(&alone));
  T_OK(tertial_store_load_intcontrol(st, 2026, alone));
  ck_assert_uint_eq(tertial_intcontrol_result_count(alone), 2);
  ck_assert_str_eq(tertial_intcontrol_result_at(alone, 0)->result, "Rättat");
  ck_assert_str_eq(tertial_intcontrol_result_at(alone, 1)->result, "En avvikelse");
  tertial_intcontrol_free(alone);
  tertial_model_free(m);
  tertial_store_free(st);
  /* the reports are append-only */
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
  ck_assert_int_ne(sqlite3_exec(db, "DELETE FROM ic_report", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  remove_tmpdir();
}
END_TEST

/* A round with reported results saved whole (tertial_store_save_round()) keeps them, each at its
 * version, with who reported it. */
START_TEST(test_control_result_saved_whole)
{
  make_store_path();
  tertial_model *m = round_model();
  tertial_round *r = tertial_model_round(m);
  T_OK(tertial_round_people_parse(r, NULL, people_csv, "people.csv"));
  fill_intcontrol(tertial_round_intcontrol(r));
  tertial_actor m5 = as(r, "m5");
  T_OK(tertial_round_control_result_set_as(r, &m5, "T1", "K5", "Första", 3, "Åtgärd", 0, NULL));
  T_OK(tertial_round_control_result_set_as(r, &m5, "T1", "K5", "Andra", 1, NULL, 1, NULL));
  tertial_store *st;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, m));
  T_OK(tertial_store_save_intcontrol(st, 2026, tertial_round_intcontrol(r)));
  T_OK(tertial_store_save_round(st, m));
  tertial_model_free(m);
  ck_assert_int_eq(sql_int("SELECT version FROM ic_report WHERE control = 'K5'"), 2);
  T_OK(tertial_store_load_year(&m, st, 2026));
  r = tertial_model_round(m);
  tertial_control_report rep;
  T_OK(tertial_round_control_report(&rep, r, "K5", "T1"));
  ck_assert_uint_eq(rep.version, 2);
  ck_assert_str_eq(tertial_round_person_at(r, rep.person)->key, "m5");
  ck_assert_uint_eq(tertial_intcontrol_result_count(tertial_round_intcontrol(r)), 1);
  ck_assert_str_eq(tertial_intcontrol_result_at(tertial_round_intcontrol(r), 0)->result, "Andra");
  /* the next report goes on from version 2 */
  T_OK(tertial_store_bind_round(st, m));
  m5 = as(r, "m5");
  uint64_t v;
  T_OK(tertial_round_control_result_set_as(r, &m5, "T1", "K5", "Tredje", 0, NULL, 2, &v));
  ck_assert_uint_eq(v, 3);
  tertial_model_free(m);
  tertial_store_free(st);
  remove_tmpdir();
}
END_TEST

#define REPORTS 10

/* A reporting child: the store opened and bound, acting as person `prefix` followed by i, then
 * waiting for the others. */
static tertial_round *control_child(tertial_store **st, tertial_model **m, tertial_actor *me, const char *prefix,
                                    int i, int ready, int go)
{
  *m = open_bound(st);
  tertial_round *r = tertial_model_round(*m);
  char key[8];
  snprintf(key, sizeof key, "%s%d", prefix, i);
  *me = as(r, key);
  barrier(ready, go);
  return r;
}

/* Writer i: REPORTS reports of control K<i>, each against the version before, as U<i>'s manager. */
static void control_writer(int i, int ready, int go)
{
  tertial_store *st;
  tertial_model *m;
  tertial_actor me;
  tertial_round *r = control_child(&st, &m, &me, "m", i, ready, go);
  char control[8];
  snprintf(control, sizeof control, "K%d", i);
  for (int k = 0; k < REPORTS; k++) {
    char result[64];
    snprintf(result, sizeof result, "writer %d report %d", i, k);
    if (tertial_round_control_result_set_as(r, &me, "T1", control, result, k, NULL, (uint64_t)k, NULL) != 0) {
      fprintf(stderr, "control writer %d report %d: %s\n", i, k, tertial_error_last());
      _exit(1);
    }
  }
  tertial_model_free(m);
  tertial_store_free(st);
  _exit(0);
}

/* Racer i (r0..r5, managers of U0): one report of K0 against version REPORTS, all at once. */
static void control_racer(int i, int ready, int go)
{
  tertial_store *st;
  tertial_model *m;
  tertial_actor me;
  tertial_round *r = control_child(&st, &m, &me, "r", i, ready, go);
  char result[32];
  snprintf(result, sizeof result, "racer %d", i);
  int rc = tertial_round_control_result_set_as(r, &me, "T1", "K0", result, i, NULL, REPORTS, NULL);
  tertial_model_free(m);
  tertial_store_free(st);
  _exit(rc == 0 ? 0 : rc == TERTIAL_ERR_CONFLICT ? 10 : 1);
}

static void save_plan_to_store(void)
{
  tertial_store *st;
  tertial_intcontrol *plan;
  T_OK(tertial_intcontrol_new(&plan));
  fill_intcontrol(plan);
  T_OK(tertial_store_open(&st, path, 0));
  T_OK(tertial_store_save_intcontrol(st, 2026, plan));
  tertial_store_free(st);
  tertial_intcontrol_free(plan);
}

/* 8 processes report their own controls at once, 10 versions each: none lost. Then 6 report the
 * same control against the same version: one wins, the others get a conflict. */
START_TEST(test_concurrent_control_reports)
{
  make_store();
  save_plan_to_store();
  pid_t pids[WRITERS];
  run_children(WRITERS, control_writer, pids);
  for (int i = 0; i < WRITERS; i++) {
    int status;
    ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "control writer %d: status %d", i, status);
  }
  ck_assert_int_eq(sql_int("SELECT count(*) FROM ic_report WHERE year = 2026"), WRITERS * REPORTS);
  ck_assert_int_eq(sql_int("SELECT count(DISTINCT control) FROM ic_report WHERE version = 10"), WRITERS);
  /* every report and each unit's move to in progress */
  ck_assert_int_eq(sql_int("SELECT count(DISTINCT seq) FROM round_audit WHERE year = 2026"), WRITERS * (REPORTS + 1));
  tertial_store *st;
  tertial_model *m;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load_year(&m, st, 2026));
  const tertial_intcontrol *ic = tertial_round_intcontrol(tertial_model_round(m));
  ck_assert_uint_eq(tertial_intcontrol_result_count(ic), WRITERS);
  for (size_t i = 0; i < WRITERS; i++) {
    const tertial_control_result *x = tertial_intcontrol_result_at(ic, i);
    char want[64];
    snprintf(want, sizeof want, "writer %c report 9", x->control[1]);
    ck_assert_str_eq(x->result, want);
    ck_assert_int_eq(x->deviations, 9);
  }
  tertial_model_free(m);
  tertial_store_free(st);

  /* the race: K0 is at version 10; six report it once more against 10 at once */
  pid_t racers[RACERS];
  int won = 0, lost = 0;
  run_children(RACERS, control_racer, racers);
  for (int i = 0; i < RACERS; i++) {
    int status;
    ck_assert_int_eq(waitpid(racers[i], &status, 0), racers[i]);
    ck_assert(WIFEXITED(status));
    won += WEXITSTATUS(status) == 0;
    lost += WEXITSTATUS(status) == 10;
  }
  ck_assert_int_eq(won, 1);
  ck_assert_int_eq(lost, RACERS - 1);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM ic_report WHERE control = 'K0'"), REPORTS + 1);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM ic_report WHERE control = 'K0' AND version = 11"), 1);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM round_audit WHERE item = 'control K0'"), REPORTS + 1);
  remove_tmpdir();
}
END_TEST

int main(void)
{
  Suite *s = suite_create("round_store");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_concurrent_writers);
  tcase_add_test(tc, test_same_text_race);
  tcase_add_test(tc, test_stale_round);
  tcase_add_test(tc, test_failed_write);
  tcase_add_test(tc, test_round_trip);
  tcase_add_test(tc, test_save_races_round);
  tcase_add_test(tc, test_schema_5);
  tcase_add_test(tc, test_model_changes_written);
  tcase_add_test(tc, test_model_change_conflicts);
  tcase_add_test(tc, test_concurrent_plan_writers);
  tcase_add_test(tc, test_save_round_whole);
  tcase_add_test(tc, test_submit_sees_a_child_returned_elsewhere);
  tcase_add_test(tc, test_control_result_checked);
  tcase_add_test(tc, test_control_result_store);
  tcase_add_test(tc, test_control_result_saved_whole);
  tcase_add_test(tc, test_concurrent_control_reports);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
