/*
 * bench_round: the follow-up round's status views on a synthetic municipality, against SQLite
 * computing the same counts in the same process.
 *
 * Builds the municipality of bench_common (one kommun, six levels, N units), a person per unit
 * (heads on levels 0-3, budget managers on 4-5), then makes the round at point T2 through the
 * checked calls: every leaf's manager submits it except one in ten, and the head above approves
 * every other submitted leaf (timed: checked changes per second, in memory). Then it times, in
 * alternating runs,
 *   (a) tertial_round_progress() for the whole municipality (units per level and status),
 *   (b) the same counts by SQLite: the subtree by a recursive query over unit(id, parent, level)
 *       joined with status(point, unit, status), grouped by level and status (a prepared
 *       statement, the tables in memory, indexed),
 * and tertial_round_due() (everything due by the deadline, with a person's filter too), and
 * prints medians, min-max and the ratio. The two counts must agree (MATCH).
 *
 * Options: --units N (5000) --runs N (21) --seed N
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tertial/tertial.h"

#include "bench_common.h"

const char bench_prog[] = "bench_round";

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void summary(const char *what, double *t, int n)
{
  qsort(t, (size_t)n, sizeof *t, cmp_double);
  printf("%-34s median %9.3f ms  (min %.3f, max %.3f)\n", what, t[n / 2] * 1e3, t[0] * 1e3, t[n - 1] * 1e3);
}

static void sql_ok(sqlite3 *db, int rc, const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    fprintf(stderr, "%s: %s: %s\n", bench_prog, what, sqlite3_errmsg(db));
    exit(1);
  }
}

int main(int argc, char **argv)
{
  uint32_t units = 5000, runs = 21;
  uint64_t seed = 20261207;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--units") == 0 && i + 1 < argc)
      units = parse_u32("--units", argv[++i]);
    else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = parse_u32("--runs", argv[++i]);
    else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
      seed = parse_u32("--seed", argv[++i]);
    else {
      fprintf(stderr, "usage: %s [--units N] [--runs N] [--seed N]\n", bench_prog);
      return 2;
    }
  }
  if (runs < 1)
    runs = 1;

  tertial_model *m;
  TRY("tertial_model_new", tertial_model_new(&m, 2026, 1));
  tertial_org *org = tertial_model_org(m);
  uint32_t sizes[N_LEVELS];
  int32_t *parent, *level;
  uint32_t *leaves;
  add_units(org, seed, units, sizes, &parent, &level, &leaves);
  tertial_round *r = tertial_model_round(m);

  /* people: a person per unit, heads on levels 0-3, managers on 4-5 */
  double t0 = now_s();
  char key[32];
  for (uint32_t u = 0; u < units; u++) {
    tertial_person_id p;
    snprintf(key, sizeof key, "p%" PRIu32, u);
    TRY("tertial_round_add_person", tertial_round_add_person(&p, r, key, tertial_org_unit(org, u)->name, NULL));
    TRY("tertial_round_assign", tertial_round_assign(r, p, level[u] <= 3 ? TERTIAL_ROLE_HEAD : TERTIAL_ROLE_MANAGER,
                                                     u));
  }
  double t_people = now_s() - t0;

  /* the round at T2: leaves submitted by their managers (but one in ten), every other one
   * approved by the head of the nearest level-3 unit above */
  t0 = now_s();
  size_t changes = 0;
  for (uint32_t j = 0; j < sizes[N_LEVELS - 1]; j++) {
    if (j % 10 == 9)
      continue;
    tertial_unit_id u = leaves[j];
    tertial_actor me = {u, TERTIAL_NO_PERSON};
    TRY("tertial_round_submit_as", tertial_round_submit_as(r, &me, u, "T2", 0, NULL));
    changes++;
    if (j % 2 == 0) {
      tertial_unit_id head = (tertial_unit_id)parent[parent[u]];
      tertial_actor h = {head, TERTIAL_NO_PERSON};
      TRY("tertial_round_approve_as", tertial_round_approve_as(r, &h, u, "T2", 1, 0, NULL));
      changes++;
    }
  }
  double t_changes = now_s() - t0;

  /* the peer's tables */
  sqlite3 *db;
  sqlite3_stmt *ins, *q;
  sql_ok(NULL, sqlite3_open(":memory:", &db), "open");
  sql_ok(db, sqlite3_exec(db, "CREATE TABLE unit(id INTEGER PRIMARY KEY, parent INTEGER, level INTEGER);"
                              "CREATE INDEX unit_parent ON unit(parent);"
                              "CREATE TABLE status(point TEXT, unit INTEGER, status INTEGER, PRIMARY KEY(point, unit));"
                              "BEGIN",
                          NULL, NULL, NULL), "schema");
  sql_ok(db, sqlite3_prepare_v2(db, "INSERT INTO unit VALUES(?, ?, ?)", -1, &ins, NULL), "prepare");
  for (uint32_t u = 0; u < units; u++) {
    sqlite3_bind_int(ins, 1, (int)u);
    if (parent[u] < 0)
      sqlite3_bind_null(ins, 2);
    else
      sqlite3_bind_int(ins, 2, parent[u]);
    sqlite3_bind_int(ins, 3, level[u]);
    sql_ok(db, sqlite3_step(ins), "insert unit");
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sql_ok(db, sqlite3_prepare_v2(db, "INSERT INTO status VALUES('T2', ?, ?)", -1, &ins, NULL), "prepare");
  for (uint32_t u = 0; u < units; u++) {
    tertial_unit_status st;
    TRY("tertial_round_status", tertial_round_status(&st, r, u, "T2"));
    if (st.status == TERTIAL_STATUS_NOT_STARTED)
      continue;
    sqlite3_bind_int(ins, 1, (int)u);
    sqlite3_bind_int(ins, 2, (int)st.status);
    sql_ok(db, sqlite3_step(ins), "insert status");
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sql_ok(db, sqlite3_exec(db, "COMMIT; ANALYZE", NULL, NULL, NULL), "commit");
  sql_ok(db, sqlite3_prepare_v2(db,
                                "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT u.id FROM unit u JOIN sub "
                                "ON u.parent = sub.id) SELECT u.level, coalesce(s.status, 0), count(*) FROM sub "
                                "JOIN unit u ON u.id = sub.id LEFT JOIN status s ON s.point = 'T2' AND s.unit = u.id "
                                "GROUP BY 1, 2",
                                -1, &q, NULL),
         "prepare query");

  double *tt = xcalloc(runs, sizeof *tt), *ts = xcalloc(runs, sizeof *ts), *td = xcalloc(runs, sizeof *td),
         *tp = xcalloc(runs, sizeof *tp);
  size_t ours[N_LEVELS][TERTIAL_STATUS_COUNT] = {{0}}, theirs[N_LEVELS][TERTIAL_STATUS_COUNT] = {{0}};
  size_t ndue = 0, nmine = 0;
  tertial_date on = {2026, 9, 16}; /* the day after T2's deadline: everything not done is late */
  for (uint32_t k = 0; k < runs; k++) {
    tertial_level_progress *lp;
    size_t n;
    t0 = now_s();
    TRY("tertial_round_progress", tertial_round_progress(&lp, &n, r, 0, "T2"));
    tt[k] = now_s() - t0;
    for (size_t l = 0; l < n && l < N_LEVELS; l++)
      memcpy(ours[l], lp[l].count, sizeof ours[l]);
    tertial_free(lp);

    memset(theirs, 0, sizeof theirs);
    t0 = now_s();
    sqlite3_bind_int(q, 1, 0);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
      theirs[sqlite3_column_int(q, 0)][sqlite3_column_int(q, 1)] = (size_t)sqlite3_column_int64(q, 2);
    sql_ok(db, rc, "query");
    sqlite3_reset(q);
    ts[k] = now_s() - t0;

    tertial_due *d;
    t0 = now_s();
    TRY("tertial_round_due", tertial_round_due(&d, &ndue, r, TERTIAL_NO_PERSON, TERTIAL_NO_UNIT, "T2", on));
    td[k] = now_s() - t0;
    tertial_free(d);
    t0 = now_s();
    TRY("tertial_round_due", tertial_round_due(&d, &nmine, r, 3, TERTIAL_NO_UNIT, "T2", on));
    tp[k] = now_s() - t0;
    tertial_free(d);
  }
  int match = memcmp(ours, theirs, sizeof ours) == 0;
  size_t submitted = 0, approved = 0;
  for (int l = 0; l < N_LEVELS; l++) {
    submitted += ours[l][TERTIAL_STATUS_SUBMITTED];
    approved += ours[l][TERTIAL_STATUS_APPROVED];
  }
  printf("bench_round: %" PRIu32 " units, %zu people; %zu submitted, %zu approved; %u runs each, alternating\n",
         units, tertial_round_person_count(r), submitted, approved, runs);
  printf("%-34s %9.3f ms  (%.0f people and roles per second)\n", "people and roles (build)", t_people * 1e3,
         units / t_people);
  printf("%-34s %9.3f ms  (%.0f checked changes per second, in memory)\n", "submit and approve (the gate)",
         t_changes * 1e3, changes / t_changes);
  double med_t, med_s;
  summary("tertial_round_progress", tt, (int)runs);
  med_t = tt[runs / 2];
  summary("SQLite, the same counts", ts, (int)runs);
  med_s = ts[runs / 2];
  summary("tertial_round_due (everyone)", td, (int)runs);
  summary("tertial_round_due (one head)", tp, (int)runs);
  printf("due by %04d-%02d-%02d: %zu, of them for p3 (head of unit 3, a nämnd): %zu\n", on.year, on.month, on.day, ndue,
         nmine);
  printf("ratio (SQLite / Tertial, progress medians): %.1fx  %s\n", med_s / med_t, match ? "MATCH" : "MISMATCH");
  sqlite3_finalize(q);
  sqlite3_close(db);
  tertial_model_free(m);
  free(tt);
  free(ts);
  free(td);
  free(tp);
  free(parent);
  free(level);
  free(leaves);
  return match ? 0 : 1;
}
