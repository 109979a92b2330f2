/* The round in the store (issue 13): one checked change persisted through a bound store, in its
 * own transaction, with a store holding 3 fiscal years of a generated municipality; and the
 * throughput of 8 processes writing round changes at once. Printed, not a timed test:
 *   bench_round_store --units 5000 --accounts 20 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>
#include <tertial/tertial.h>

#include "bench_common.h"

#define YEARS 3
#define WRITERS 8

const char bench_prog[] = "bench_round_store";

static void check(const char *what, int rc)
{
  if (rc < 0)
    die_tertial(what, rc);
}

/* A year of the generated municipality: units, accounts, budget and outcome on the leaves. */
static tertial_model *year_model(int year, uint32_t units, uint32_t accounts, uint32_t **leaf, uint32_t *nleaves)
{
  tertial_model *m;
  uint32_t sizes[N_LEVELS];
  int32_t *parent, *level;
  check("tertial_model_new", tertial_model_new(&m, year, 1));
  add_units(tertial_model_org(m), 42, units, sizes, &parent, &level, leaf);
  int32_t *acc_row = add_accounts(tertial_model_chart(m), tertial_model_rowmap(m), accounts);
  *nleaves = sizes[N_LEVELS - 1];
  for (uint32_t li = 0; li < *nleaves; li++)
    for (uint32_t a = 0; a < accounts; a++)
      for (int k = 0; k < N_MONTHS; k++) {
        check("tertial_ledger_add", tertial_ledger_add(tertial_model_ledger(m), (*leaf)[li], a, k,
                                                      TERTIAL_MEASURE_OUTCOME, gen_amount(42, li, a, 0, k)));
        check("tertial_ledger_add", tertial_ledger_add(tertial_model_ledger(m), (*leaf)[li], a, k,
                                                      tertial_model_current_budget(m), gen_amount(42, li, a, 1, k)));
      }
  free(parent);
  free(level);
  free(acc_row);
  return m;
}

static const char *code_of(tertial_model *m, uint32_t u)
{
  return tertial_org_unit(tertial_model_org(m), u)->code;
}

static tertial_model *load_bound(tertial_store **st, const char *path)
{
  tertial_model *m;
  check("tertial_store_open", tertial_store_open(st, path, 0));
  check("tertial_store_load_year", tertial_store_load_year(&m, *st, 2026));
  check("tertial_store_bind_round", tertial_store_bind_round(*st, m));
  return m;
}

/* The peer: the least a store must do for the same change, by hand on a connection of its own
 * (synchronous=FULL in WAL, as the store): in one IMMEDIATE transaction read the text's version,
 * write the new version and an audit entry numbered after the last. */
static sqlite3_stmt *peer_stmt[4];

static void peer_open(sqlite3 **db, const char *path)
{
  static const char *const sql[4] = {
    "SELECT coalesce(max(version), 0) FROM round_text WHERE year = 2026 AND point = 'T2' AND unit = ?1 AND kind = 0"
    " AND row = ''",
    "INSERT INTO round_text VALUES(2026, 'T2', ?1, 0, '', ?2, ?3, ?4, NULL, ?5)",
    "SELECT coalesce(max(seq), 0) + 1 FROM round_audit WHERE year = 2026",
    "INSERT INTO round_audit VALUES(2026, ?1, ?2, ?3, NULL, 2, ?4, 'T2', 'text summary', ?5, ?6)",
  };
  if (sqlite3_open(path, db) != SQLITE_OK || sqlite3_exec(*db, "PRAGMA synchronous = FULL", NULL, NULL, NULL))
    exit(1);
  sqlite3_busy_timeout(*db, 30000);
  for (int i = 0; i < 4; i++)
    if (sqlite3_prepare_v2(*db, sql[i], -1, &peer_stmt[i], NULL) != SQLITE_OK) {
      fprintf(stderr, "%s: peer: %s\n", bench_prog, sqlite3_errmsg(*db));
      exit(1);
    }
}

static sqlite3_int64 peer_one(sqlite3_stmt *q)
{
  sqlite3_int64 v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
  sqlite3_reset(q);
  return v;
}

static void peer_change(sqlite3 *db, const char *unit, const char *person, const char *text)
{
  int ok = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
  sqlite3_bind_text(peer_stmt[0], 1, unit, -1, SQLITE_STATIC);
  sqlite3_int64 version = peer_one(peer_stmt[0]) + 1, seq = peer_one(peer_stmt[2]), now = (sqlite3_int64)time(NULL);
  sqlite3_stmt *t = peer_stmt[1], *a = peer_stmt[3];
  sqlite3_bind_text(t, 1, unit, -1, SQLITE_STATIC);
  sqlite3_bind_int64(t, 2, version);
  sqlite3_bind_text(t, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_text(t, 4, person, -1, SQLITE_STATIC);
  sqlite3_bind_int64(t, 5, now);
  ok = ok && sqlite3_step(t) == SQLITE_DONE;
  sqlite3_reset(t);
  sqlite3_bind_int64(a, 1, seq);
  sqlite3_bind_int64(a, 2, now);
  sqlite3_bind_text(a, 3, person, -1, SQLITE_STATIC);
  sqlite3_bind_text(a, 4, unit, -1, SQLITE_STATIC);
  sqlite3_bind_text(a, 5, "", -1, SQLITE_STATIC);
  sqlite3_bind_text(a, 6, text, -1, SQLITE_STATIC);
  ok = ok && sqlite3_step(a) == SQLITE_DONE;
  sqlite3_reset(a);
  if (!ok || sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "%s: peer: %s\n", bench_prog, sqlite3_errmsg(db));
    exit(1);
  }
}

/* The peer of a change of a unit's forecast plan: what the store does for it, by hand (in a fiscal
 * year the store does not hold, so that it never meets Tertial's rows): in one IMMEDIATE transaction read
 * the unit's plan version, replace its adjustments (here: delete them and write the one), write
 * the version on, the year's save version on, and an audit entry. */
static sqlite3_stmt *plan_stmt[6];

static void peer_plan_open(sqlite3 *db)
{
  static const char *const sql[6] = {
    "SELECT coalesce(max(version), 0) FROM plan_version WHERE year = 2099 AND unit = ?1",
    "DELETE FROM adjustment WHERE year = 2099 AND unit = ?1",
    "INSERT INTO adjustment VALUES(2099, (SELECT coalesce(max(seq) + 1, 0) FROM adjustment WHERE year = 2099), ?1,"
    " 'KOST_PERS', ?2, 0, ?3, NULL)",
    "INSERT OR REPLACE INTO plan_version VALUES(2099, ?1, ?2, ?3, ?4)",
    "INSERT INTO year_version VALUES(2099, 1, datetime('now')) ON CONFLICT DO UPDATE SET version = version + 1",
    "INSERT INTO round_audit VALUES(2099, (SELECT coalesce(max(seq), 0) + 1 FROM round_audit WHERE year = 2099), ?1,"
    " ?2, NULL, 1, ?3, 'T2', 'adjustment', '', ?4)",
  };
  for (int i = 0; i < 6; i++)
    if (sqlite3_prepare_v2(db, sql[i], -1, &plan_stmt[i], NULL) != SQLITE_OK) {
      fprintf(stderr, "%s: peer: %s\n", bench_prog, sqlite3_errmsg(db));
      exit(1);
    }
}

static void peer_plan_change(sqlite3 *db, sqlite3_int64 unit, const char *code, const char *person, int64_t amount,
                             const char *reason)
{
  sqlite3_int64 now = (sqlite3_int64)time(NULL);
  int ok = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
  sqlite3_bind_text(plan_stmt[0], 1, code, -1, SQLITE_STATIC);
  sqlite3_int64 version = peer_one(plan_stmt[0]) + 1;
  sqlite3_bind_int64(plan_stmt[1], 1, unit);
  ok = ok && sqlite3_step(plan_stmt[1]) == SQLITE_DONE;
  sqlite3_bind_int64(plan_stmt[2], 1, unit);
  sqlite3_bind_int64(plan_stmt[2], 2, amount);
  sqlite3_bind_text(plan_stmt[2], 3, reason, -1, SQLITE_STATIC);
  ok = ok && sqlite3_step(plan_stmt[2]) == SQLITE_DONE;
  sqlite3_bind_text(plan_stmt[3], 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64(plan_stmt[3], 2, version);
  sqlite3_bind_text(plan_stmt[3], 3, person, -1, SQLITE_STATIC);
  sqlite3_bind_int64(plan_stmt[3], 4, now);
  ok = ok && sqlite3_step(plan_stmt[3]) == SQLITE_DONE;
  ok = ok && sqlite3_step(plan_stmt[4]) == SQLITE_DONE;
  sqlite3_bind_int64(plan_stmt[5], 1, now);
  sqlite3_bind_text(plan_stmt[5], 2, person, -1, SQLITE_STATIC);
  sqlite3_bind_text(plan_stmt[5], 3, code, -1, SQLITE_STATIC);
  sqlite3_bind_text(plan_stmt[5], 4, reason, -1, SQLITE_STATIC);
  ok = ok && sqlite3_step(plan_stmt[5]) == SQLITE_DONE;
  for (int i = 1; i < 6; i++)
    sqlite3_reset(plan_stmt[i]);
  if (!ok || sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "%s: peer: %s\n", bench_prog, sqlite3_errmsg(db));
    exit(1);
  }
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Writer w: `changes` texts on leaves w, w + 8, ... as their managers. */
static void writer(const char *path, int w, int changes, const uint32_t *leaf, uint32_t nleaves, int ready, int go)
{
  tertial_store *st;
  tertial_model *m = load_bound(&st, path);
  tertial_round *r = tertial_model_round(m);
  char c = 1;
  if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 0)
    _exit(2);
  for (int k = 0; k < changes; k++) {
    uint32_t li = (uint32_t)(w + WRITERS * (k % 25)) % nleaves;
    char key[16], text[64];
    snprintf(key, sizeof key, "m%u", li);
    tertial_actor a = {TERTIAL_NO_PERSON, TERTIAL_NO_PERSON};
    check("find person", tertial_round_find_person(&a.person, r, key));
    const tertial_text_version *v = tertial_round_text(r, leaf[li], "T1", TERTIAL_TEXT_ANALYSIS, NULL);
    snprintf(text, sizeof text, "writer %d change %d", w, k);
    check("tertial_round_text_set_as", tertial_round_text_set_as(r, &a, leaf[li], "T1", TERTIAL_TEXT_ANALYSIS, NULL,
                                                                 text, v ? v->version : 0, NULL));
  }
  tertial_model_free(m);
  tertial_store_free(st);
  _exit(0);
}

int main(int argc, char **argv)
{
  uint32_t units = 5000, accounts = 20;
  int changes = 200, per_writer = 100;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--units") == 0)
      units = (uint32_t)atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--accounts") == 0)
      accounts = (uint32_t)atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--changes") == 0)
      changes = per_writer = atoi(argv[i + 1]);
  }
  char dir[] = "/tmp/tertial-bench-round-XXXXXX", path[64];
  if (!mkdtemp(dir))
    return 1;
  snprintf(path, sizeof path, "%s/round.db", dir);

  /* three years in the store, the round's people (a manager per leaf) through the binding */
  tertial_model *years[YEARS];
  uint32_t *leaf = NULL, nleaves = 0;
  for (int y = 0; y < YEARS; y++) {
    free(leaf);
    years[y] = year_model(2024 + y, units, accounts, &leaf, &nleaves);
  }
  tertial_store *st;
  check("tertial_store_open", tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  double t0 = now_s();
  check("tertial_store_save_years", tertial_store_save_years(st, years, YEARS));
  double t_save = now_s() - t0;
  check("tertial_store_bind_round", tertial_store_bind_round(st, years[YEARS - 1]));
  GString *csv = g_string_new("key;name;role;unit\neva;Eva Ekonom;economist;");
  g_string_append_printf(csv, "%s\n", code_of(years[YEARS - 1], 0));
  for (uint32_t li = 0; li < nleaves; li++)
    g_string_append_printf(csv, "m%u;Manager %u;manager;%s\n", li, li, code_of(years[YEARS - 1], leaf[li]));
  check("tertial_round_people_parse",
        tertial_round_people_parse(tertial_model_round(years[YEARS - 1]), NULL, csv->str, "people.csv"));
  g_string_free(csv, TRUE);
  for (int y = 0; y < YEARS; y++)
    tertial_model_free(years[y]);
  tertial_store_free(st);

  /* one checked change at a time, each persisted in its own transaction */
  t0 = now_s();
  tertial_model *m = load_bound(&st, path);
  double t_load = now_s() - t0;
  tertial_round *r = tertial_model_round(m);
  double *t = calloc((size_t)changes, sizeof *t), *tp = calloc((size_t)changes, sizeof *tp);
  sqlite3 *peer;
  peer_open(&peer, path);
  for (int k = 0; k < changes; k++) {
    uint32_t li = (uint32_t)k % nleaves;
    char key[16], text[64];
    snprintf(key, sizeof key, "m%u", li);
    tertial_actor a = {TERTIAL_NO_PERSON, TERTIAL_NO_PERSON};
    check("find person", tertial_round_find_person(&a.person, r, key));
    const tertial_text_version *v = tertial_round_text(r, leaf[li], "T1", TERTIAL_TEXT_SUMMARY, NULL);
    snprintf(text, sizeof text, "Sammanfattning %d", k);
    double s = now_s();
    check("tertial_round_text_set_as", tertial_round_text_set_as(r, &a, leaf[li], "T1", TERTIAL_TEXT_SUMMARY, NULL,
                                                                 text, v ? v->version : 0, NULL));
    t[k] = now_s() - s;
    /* alternating: the peer's change of the same size right after */
    s = now_s();
    peer_change(peer, code_of(m, leaf[li]), key, text);
    tp[k] = now_s() - s;
  }
  /* a change of the model: one adjustment of a unit's forecast plan, against the peer's */
  double *ta = calloc((size_t)changes, sizeof *ta), *tap = calloc((size_t)changes, sizeof *tap);
  peer_plan_open(peer);
  for (int k = 0; k < changes; k++) {
    uint32_t li = (uint32_t)k % nleaves;
    char key[16], reason[64], peer_code[32];
    snprintf(key, sizeof key, "m%u", li);
    snprintf(reason, sizeof reason, "Justering %d", k);
    snprintf(peer_code, sizeof peer_code, "%s", code_of(m, leaf[li]));
    tertial_actor a = {TERTIAL_NO_PERSON, TERTIAL_NO_PERSON};
    check("find person", tertial_round_find_person(&a.person, r, key));
    double s = now_s();
    check("tertial_round_adjustment_add_as",
          tertial_round_adjustment_add_as(NULL, r, &a, "T1", leaf[li], "KOST_PERS", 100000 + k,
                                          TERTIAL_ADJUST_KNOWN_FACTOR, reason));
    ta[k] = now_s() - s;
    s = now_s();
    peer_plan_change(peer, leaf[li], peer_code, key, 100000 + k, reason);
    tap[k] = now_s() - s;
  }
  for (int i = 0; i < 6; i++)
    sqlite3_finalize(plan_stmt[i]);
  for (int i = 0; i < 4; i++)
    sqlite3_finalize(peer_stmt[i]);
  sqlite3_close(peer);
  qsort(t, (size_t)changes, sizeof *t, cmp_double);
  qsort(tp, (size_t)changes, sizeof *tp, cmp_double);
  qsort(ta, (size_t)changes, sizeof *ta, cmp_double);
  qsort(tap, (size_t)changes, sizeof *tap, cmp_double);
  double sum = 0;
  for (int k = 0; k < changes; k++)
    sum += t[k];
  printf("store: %u units, %u accounts, %d fiscal years (saved in %.2f s; a year with its round loaded in %.2f s)\n",
         units, accounts, YEARS, t_save, t_load);
  printf("one checked change persisted (a text, with its audit entries, in its own transaction), %d changes:\n"
         "  mean %.2f ms, median %.2f ms, p99 %.2f ms, max %.2f ms\n",
         changes, 1e3 * sum / changes, 1e3 * t[changes / 2], 1e3 * t[changes * 99 / 100], 1e3 * t[changes - 1]);
  printf("  peer (the same rows by hand in SQLite, alternating): median %.2f ms (min %.2f, max %.2f); "
         "Tertial / peer %.2fx\n",
         1e3 * tp[changes / 2], 1e3 * tp[0], 1e3 * tp[changes - 1], t[changes / 2] / tp[changes / 2]);
  printf("one checked change of the model persisted (an adjustment of a unit's forecast plan: the unit's items "
         "rewritten, with its audit entries, in its own transaction), %d changes:\n"
         "  median %.2f ms (min %.2f, p99 %.2f, max %.2f)\n",
         changes, 1e3 * ta[changes / 2], 1e3 * ta[0], 1e3 * ta[changes * 99 / 100], 1e3 * ta[changes - 1]);
  printf("  peer (the same rows by hand in SQLite, alternating): median %.2f ms (min %.2f, max %.2f); "
         "Tertial / peer %.2fx\n",
         1e3 * tap[changes / 2], 1e3 * tap[0], 1e3 * tap[changes - 1], ta[changes / 2] / tap[changes / 2]);
  free(t);
  free(tp);
  free(ta);
  free(tap);
  tertial_model_free(m);
  tertial_store_free(st);

  /* 8 processes at once, each on its own units (what is printed so far is not printed again by them) */
  fflush(stdout);
  int ready[2], go[2];
  if (pipe(ready) || pipe(go))
    return 1;
  pid_t pids[WRITERS];
  for (int w = 0; w < WRITERS; w++) {
    if ((pids[w] = fork()) == 0) {
      close(ready[0]);
      close(go[1]);
      writer(path, w, per_writer, leaf, nleaves, ready[1], go[0]);
    }
  }
  close(ready[1]);
  close(go[0]);
  char c;
  for (int w = 0; w < WRITERS; w++)
    if (read(ready[0], &c, 1) != 1)
      return 1;
  t0 = now_s();
  close(go[1]);
  int failed = 0;
  for (int w = 0; w < WRITERS; w++) {
    int status;
    waitpid(pids[w], &status, 0);
    failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  double wall = now_s() - t0;
  printf("%d concurrent writers x %d changes: %.2f s, %.0f changes/s%s\n", WRITERS, per_writer, wall,
         WRITERS * per_writer / wall, failed ? " (WRITERS FAILED)" : "");
  free(leaf);
  char cmd[96];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    return 1;
  return failed ? 1 : 0;
}
