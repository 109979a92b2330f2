/*
 * bench_goals: indicators on a synthetic municipality, against SQLite computing the same
 * aggregates in the same process.
 *
 * Builds the municipality of bench_common (one kommun, six levels, N units), 60 indicators (a
 * third summed, a third averaged, a third weighted by the first summed one) with values on every
 * leaf for 36 months, and times, in alternating runs,
 *   (a) Tertial: loading every value (tertial_indicator_set_value), then every indicator at every
 *       unit for every month (tertial_indicator_evaluate_all: aggregated up the tree, lit against
 *       the target);
 *   (b) SQLite: the same values inserted into value(ind, unit, month, v) in one transaction, then
 *       the sums and counts per ancestor by a join with the closure table anc(unit, ancestor)
 *       (prepared, in memory, indexed), grouped by indicator, month and ancestor;
 * and prints medians, min-max and the ratio. The sums of every summed indicator at every unit
 * must agree (MATCH).
 *
 * Options: --units N (300) --indicators N (60) --months N (36) --runs N (7) --seed N
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tertial/tertial.h"

#include "bench_common.h"

const char bench_prog[] = "bench_goals";

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *t, int n, double *lo, double *hi)
{
  qsort(t, (size_t)n, sizeof *t, cmp_double);
  *lo = t[0];
  *hi = t[n - 1];
  return t[n / 2];
}

static void check(int rc, const char *what)
{
  if (rc < 0) {
    fprintf(stderr, "%s: %s: %s\n", bench_prog, what, tertial_error_last());
    exit(1);
  }
}

static void sql_ok(sqlite3 *db, int rc, const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    fprintf(stderr, "%s: %s: %s\n", bench_prog, what, sqlite3_errmsg(db));
    exit(1);
  }
}

static int64_t value_of(uint32_t ind, uint32_t leaf, int month)
{
  uint64_t h = (uint64_t)ind * 0x9e3779b97f4a7c15u ^ (uint64_t)leaf * 0xbf58476d1ce4e5b9u ^ (uint64_t)month * 31;
  h ^= h >> 29;
  return 100 + (int64_t)(h % 900);
}

int main(int argc, char **argv)
{
  uint32_t units = 300, nind = 60, months = 36, runs = 7;
  uint64_t seed = 20261207;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--units") == 0)
      units = parse_u32("--units", argv[i + 1]);
    else if (strcmp(argv[i], "--indicators") == 0)
      nind = parse_u32("--indicators", argv[i + 1]);
    else if (strcmp(argv[i], "--months") == 0)
      months = parse_u32("--months", argv[i + 1]);
    else if (strcmp(argv[i], "--runs") == 0)
      runs = parse_u32("--runs", argv[i + 1]);
    else if (strcmp(argv[i], "--seed") == 0)
      seed = parse_u32("--seed", argv[i + 1]);
  }
  if (nind < 3 || months < 1 || months > 120 || runs < 1) {
    fprintf(stderr, "%s: --indicators 3 or more, --months 1..120, --runs 1 or more\n", bench_prog);
    return 2;
  }
  tertial_model *m;
  check(tertial_model_new(&m, 2026, 1), "tertial_model_new");
  uint32_t sizes[N_LEVELS], *leaf;
  int32_t *parent, *level;
  add_units(tertial_model_org(m), seed, units, sizes, &parent, &level, &leaf);
  uint32_t nleaves = sizes[N_LEVELS - 1];
  int first_month = 2024 * 12; /* January 2024 on */
  double *tt = calloc(runs, sizeof *tt), *ts = calloc(runs, sizeof *ts), *tl = calloc(runs, sizeof *tl);
  tertial_indicator_result *res = calloc(units, sizeof *res);
  int64_t *colv = calloc(units, sizeof *colv);
  int64_t *tsum = calloc((size_t)units * nind / 3 * months, sizeof *tsum);
  int64_t *ssum = calloc((size_t)units * nind / 3 * months, sizeof *ssum);
  if (!tt || !ts || !res || !tsum || !ssum || !colv)
    return 1;
  size_t values = (size_t)nleaves * nind * months;
  for (uint32_t run = 0; run < runs; run++) {
    /* (a) Tertial: a fresh model's goals each run, loaded and evaluated */
    tertial_model *mm;
    check(tertial_model_new(&mm, 2026, 1), "tertial_model_new");
    uint32_t s2[N_LEVELS], *leaf2;
    int32_t *p2, *l2;
    add_units(tertial_model_org(mm), seed, units, s2, &p2, &l2, &leaf2);
    double t0 = now_s();
    tertial_goals *g = tertial_model_goals(mm);
    for (uint32_t i = 0; i < nind; i++) {
      char code[16];
      snprintf(code, sizeof code, "I%u", i);
      tertial_indicator_spec s = TERTIAL_INDICATOR_SPEC_INIT;
      s.code = code;
      s.name = code;
      s.decimals = 1;
      s.aggregation = i % 3 == 0 ? TERTIAL_AGGREGATE_SUM : i % 3 == 1 ? TERTIAL_AGGREGATE_MEAN
                                                                     : TERTIAL_AGGREGATE_WEIGHTED_MEAN;
      s.weight = i % 3 == 2 ? "I0" : NULL;
      check(tertial_indicator_add(NULL, g, &s), "tertial_indicator_add");
      check(tertial_indicator_set_target(g, i, 2026, 500, 0), "tertial_indicator_set_target");
    }
    /* a column at a time, as a file of one indicator and month arrives */
    for (uint32_t i = 0; i < nind; i++)
      for (uint32_t k = 0; k < months; k++) {
        int mo = first_month + (int)k;
        for (uint32_t li = 0; li < nleaves; li++)
          colv[li] = value_of(i, li, (int)k);
        check(tertial_indicator_set_values(g, i, (mo / 12) * 100 + mo % 12 + 1, leaf2, colv, nleaves, "bench", 0),
              "tertial_indicator_set_values");
      }
    tl[run] = now_s() - t0;
    for (uint32_t i = 0; i < nind; i++)
      for (uint32_t k = 0; k < months; k++) {
        int mo = first_month + (int)k;
        check(tertial_indicator_evaluate_all(res, g, i, (mo / 12) * 100 + mo % 12 + 1, 2026),
              "tertial_indicator_evaluate_all");
        if (i % 3 == 0)
          for (uint32_t u = 0; u < units; u++)
            tsum[((size_t)(i / 3) * months + k) * units + u] = res[u].has_value ? res[u].value : 0;
      }
    tt[run] = now_s() - t0;
    tertial_model_free(mm);
    free(p2);
    free(l2);
    free(leaf2);

    /* (b) SQLite: the same values in, the sums and counts per ancestor out */
    t0 = now_s();
    sqlite3 *db;
    sqlite3_open(":memory:", &db);
    sql_ok(db, sqlite3_exec(db,
                            "CREATE TABLE value(ind INTEGER, unit INTEGER, month INTEGER, v INTEGER);"
                            "CREATE TABLE anc(unit INTEGER, ancestor INTEGER);"
                            "CREATE INDEX anc_unit ON anc(unit)",
                            NULL, NULL, NULL),
           "schema");
    sqlite3_stmt *ins, *anc, *q;
    sql_ok(db, sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), "begin");
    sql_ok(db, sqlite3_prepare_v2(db, "INSERT INTO anc VALUES(?, ?)", -1, &anc, NULL), "prepare");
    for (uint32_t u = 0; u < units; u++)
      for (int32_t a = (int32_t)u; a >= 0; a = parent[a]) {
        sqlite3_bind_int(anc, 1, (int)u);
        sqlite3_bind_int(anc, 2, a);
        sql_ok(db, sqlite3_step(anc), "anc");
        sqlite3_reset(anc);
      }
    sql_ok(db, sqlite3_prepare_v2(db, "INSERT INTO value VALUES(?, ?, ?, ?)", -1, &ins, NULL), "prepare");
    for (uint32_t i = 0; i < nind; i++)
      for (uint32_t li = 0; li < nleaves; li++)
        for (uint32_t k = 0; k < months; k++) {
          sqlite3_bind_int(ins, 1, (int)i);
          sqlite3_bind_int(ins, 2, (int)leaf[li]);
          sqlite3_bind_int(ins, 3, (int)k);
          sqlite3_bind_int64(ins, 4, value_of(i, li, (int)k));
          sql_ok(db, sqlite3_step(ins), "insert");
          sqlite3_reset(ins);
        }
    sql_ok(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
    sql_ok(db, sqlite3_prepare_v2(db, "SELECT v.ind, v.month, a.ancestor, sum(v.v), count(*) FROM value v"
                                      " JOIN anc a ON a.unit = v.unit GROUP BY v.ind, v.month, a.ancestor", -1, &q,
                                  NULL),
           "prepare");
    int step;
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
      int i = sqlite3_column_int(q, 0), k = sqlite3_column_int(q, 1), u = sqlite3_column_int(q, 2);
      if (i % 3 == 0)
        ssum[((size_t)(i / 3) * months + (size_t)k) * units + (size_t)u] = sqlite3_column_int64(q, 3);
    }
    sql_ok(db, step, "query");
    sqlite3_finalize(ins);
    sqlite3_finalize(anc);
    sqlite3_finalize(q);
    sqlite3_close(db);
    ts[run] = now_s() - t0;
  }
  int match = memcmp(tsum, ssum, (size_t)units * nind / 3 * months * sizeof *tsum) == 0;
  double lo_t, hi_t, lo_s, hi_s, lo_l, hi_l, mt = median(tt, (int)runs, &lo_t, &hi_t),
                                               ms = median(ts, (int)runs, &lo_s, &hi_s),
                                               ml = median(tl, (int)runs, &lo_l, &hi_l);
  printf("%u units (%u leaves), %u indicators, %u months: %zu values\n", units, nleaves, nind, months, values);
  printf("Tertial: load + aggregate + light every unit, indicator and month: median %.1f ms (min %.1f, max %.1f)\n",
         mt * 1e3, lo_t * 1e3, hi_t * 1e3);
  printf("  of it loading the values:                                     median %.1f ms (min %.1f, max %.1f)\n",
         ml * 1e3, lo_l * 1e3, hi_l * 1e3);
  printf("SQLite:  load + sums and counts per ancestor:                     median %.1f ms (min %.1f, max %.1f)\n",
         ms * 1e3, lo_s * 1e3, hi_s * 1e3);
  printf("ratio (SQLite / Tertial): %.1fx  sums %s\n", ms / mt, match ? "MATCH" : "DIFFER");
  free(tt);
  free(ts);
  free(tl);
  free(res);
  free(colv);
  free(tsum);
  free(ssum);
  free(parent);
  free(level);
  free(leaf);
  tertial_model_free(m);
  return match ? 0 : 1;
}
