/*
 * bench_rollup: Tertial's roll-up and follow-up tables on a synthetic municipality.
 *
 * Builds a deterministic municipality (one kommun, six levels, N units, amounts on the
 * leaves for every account and month: outcome, budget and prior-year outcome), then times
 *   (a) loading it into a model (reported, not part of the target),
 *   (b) tertial_ledger_rollup(),
 *   (c) for EVERY unit the children view and the report-rows view at cut-off 4.
 * A checksum over the tables keeps the compiler from dropping work and lets bench/peer.py
 * prove that it computed the same numbers (see bench/README.md for the exact definition).
 *
 * Options: --units N (5000) --accounts N (300) --cutoff N (4) --seed N
 *          --dump FILE (the dataset, for the peer) --verify FILE (every checksummed line as CSV)
 *          --no-prior (leave out prior-year outcome)
 *          --facts FILE (untimed: the amounts as a long CSV of facts, for the end-to-end job)
 *          --e2e FACTS --out RESULT: the end-to-end job instead, timed as a whole: the facts file
 *          read into the ledger (tertial_ledger_load_csv), the roll-up, every unit's two tables
 *          and every line written to RESULT (bench/run_e2e.sh runs it against bench/peer.py --e2e)
 *
 * All generation is a pure function of (seed, leaf, account, measure, month), so the dump is
 * written in a separate, untimed pass that regenerates the same amounts.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tertial/tertial.h"

#include "bench_common.h"

#define N_MEASURES 3 /* dump order: outcome, budget, prior */
#define CHECK_KIND_UNIT 0
#define CHECK_KIND_ROW 2
#define CHECK_KIND_TOTAL 3

const char bench_prog[] = "bench_rollup";

/* The generator and the set-up shared with bench_forecast are in bench_common.c. */
typedef struct bench_params {
  uint64_t seed;
  uint32_t units;
  uint32_t accounts;
  int cutoff;
  int prior;
} bench_params;

/* ---- checksum ----------------------------------------------------------------------- */

/* Weight of a checksummed line; the same formula is in bench/peer.py. */
static uint64_t line_weight(uint32_t table_unit, int kind, uint32_t key)
{
  return odd_weight(table_unit, (uint64_t)kind * UINT64_C(7919) + (uint64_t)key + 1);
}

/* Columns that enter the checksum: present ones, except the forecast columns of
 * "varav interna" rows (informational rows without a forecast). */
static unsigned int check_mask(const tertial_followup_line *line)
{
  unsigned int mask = line->present & ((1u << TERTIAL_COL_COUNT) - 1u);
  if (line->kind == TERTIAL_LINE_ROW && line->row_kind == TERTIAL_ROW_INTERNAL)
    mask &= ~((1u << TERTIAL_COL_FORECAST) | (1u << TERTIAL_COL_FORECAST_DEVIATION));
  return mask;
}

static uint64_t line_checksum(uint32_t table_unit, int kind, uint32_t key, const tertial_followup_line *line)
{
  uint64_t w = line_weight(table_unit, kind, key), h = 0;
  unsigned int mask = check_mask(line);
  for (int c = 0; c < TERTIAL_COL_COUNT; c++)
    if (mask & (1u << c))
      h += (uint64_t)line->value[c] * w * (uint64_t)(c + 1);
  return h;
}

static void verify_line(FILE *f, uint32_t table_unit, int kind, uint32_t key, const tertial_followup_line *line)
{
  unsigned int mask = check_mask(line);
  fprintf(f, "%" PRIu32 ",%d,%" PRIu32, table_unit, kind, key);
  for (int c = 0; c < TERTIAL_COL_COUNT; c++) {
    if (mask & (1u << c))
      fprintf(f, ",%" PRId64, line->value[c]);
    else
      fputs(",", f);
  }
  fputc('\n', f);
}

/* Walk the two tables of every unit; returns the checksum, counts lines. If vf is set,
 * every checksummed line is written to it. */
static uint64_t all_tables(tertial_model *model, uint32_t n_units, int cutoff, size_t *out_lines, FILE *vf)
{
  tertial_followup_options children = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  tertial_followup_options rows = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  children.view = TERTIAL_VIEW_CHILDREN;
  rows.view = TERTIAL_VIEW_ROWS;
  uint64_t sum = 0;
  size_t lines = 0;
  for (uint32_t u = 0; u < n_units; u++) {
    tertial_followup *t;
    TRY("tertial_followup_new (children)", tertial_followup_new(&t, model, u, cutoff, &children));
    size_t n = tertial_followup_line_count(t);
    for (size_t i = 0; i < n; i++) {
      const tertial_followup_line *line = tertial_followup_line_at(t, i);
      int kind;
      uint32_t key;
      if (line->kind == TERTIAL_LINE_UNIT) {
        kind = CHECK_KIND_UNIT;
        key = line->unit;
      } else if (line->kind == TERTIAL_LINE_TOTAL) {
        kind = CHECK_KIND_TOTAL;
        key = u;
      } else {
        continue; /* the unit's own amounts: none in this dataset */
      }
      sum += line_checksum(u, kind, key, line);
      if (vf)
        verify_line(vf, u, kind, key, line);
    }
    lines += n;
    tertial_followup_free(t);

    TRY("tertial_followup_new (rows)", tertial_followup_new(&t, model, u, cutoff, &rows));
    n = tertial_followup_line_count(t);
    for (size_t i = 0; i < n; i++) {
      const tertial_followup_line *line = tertial_followup_line_at(t, i);
      if (line->kind != TERTIAL_LINE_ROW)
        continue;
      sum += line_checksum(u, CHECK_KIND_ROW, (uint32_t)line->row, line);
      if (vf)
        verify_line(vf, u, CHECK_KIND_ROW, (uint32_t)line->row, line);
    }
    lines += n;
    tertial_followup_free(t);
  }
  *out_lines = lines;
  return sum;
}

/* ---- the dataset ------------------------------------------------------------------ */

typedef struct dataset {
  uint32_t n_units, n_accounts, n_rows, n_leaves;
  int32_t *parent, *level;
  int32_t *acc_row, *acc_internal, *acc_number;
  int32_t *row_kind, *row_parent;
  const char **row_code;
  int32_t result_row;
  uint32_t *leaf_unit;
  size_t n_forecasts, cap_forecasts;
  int32_t *fc_unit, *fc_row;
  int64_t *fc_amount;
} dataset;

static void add_forecast_record(dataset *d, uint32_t unit, int row, int64_t amount)
{
  if (d->n_forecasts == d->cap_forecasts) {
    size_t cap = d->cap_forecasts ? 2 * d->cap_forecasts : 1024;
    int32_t *u = realloc(d->fc_unit, cap * sizeof *u);
    if (u)
      d->fc_unit = u;
    int32_t *r = realloc(d->fc_row, cap * sizeof *r);
    if (r)
      d->fc_row = r;
    int64_t *a = realloc(d->fc_amount, cap * sizeof *a);
    if (a)
      d->fc_amount = a;
    if (!u || !r || !a)
      die_oom();
    d->cap_forecasts = cap;
  }
  d->fc_unit[d->n_forecasts] = (int32_t)unit;
  d->fc_row[d->n_forecasts] = row;
  d->fc_amount[d->n_forecasts] = amount;
  d->n_forecasts++;
}

static void dataset_free(dataset *d)
{
  free(d->parent);
  free(d->level);
  free(d->leaf_unit);
  free(d->acc_row);
  free(d->acc_internal);
  free(d->acc_number);
  free(d->row_kind);
  free(d->row_parent);
  free(d->row_code);
  free(d->fc_unit);
  free(d->fc_row);
  free(d->fc_amount);
}

/* Build the organisation, chart and ledger. Returns the number of ledger cells added. */
static size_t load(tertial_model *model, const bench_params *p, dataset *d, int measure_budget, int amounts)
{
  tertial_org *org = tertial_model_org(model);
  tertial_chart *chart = tertial_model_chart(model);
  tertial_rowmap *map = tertial_model_rowmap(model);
  tertial_ledger *ledger = tertial_model_ledger(model);
  uint32_t sizes[N_LEVELS];

  /* Units on six levels, and the accounts (bench_common.c). */
  d->n_units = p->units;
  add_units(org, p->seed, p->units, sizes, &d->parent, &d->level, &d->leaf_unit);
  d->n_leaves = sizes[N_LEVELS - 1];

  d->n_accounts = p->accounts;
  d->acc_row = add_accounts(chart, map, p->accounts);
  d->acc_internal = xcalloc(p->accounts, sizeof *d->acc_internal);
  d->acc_number = xcalloc(p->accounts, sizeof *d->acc_number);
  for (uint32_t i = 0; i < p->accounts; i++) {
    d->acc_internal[i] = account_is_internal((int)i);
    d->acc_number[i] = account_number((int)i);
  }

  /* Report rows (as the library sees them; the peer gets them through the dump). */
  d->n_rows = report_rows(map, &d->row_kind, &d->row_parent, &d->row_code);
  d->result_row = tertial_rowmap_result_row(map);

  /* Amounts on the leaves, and forecasts on every third leaf for every line row it uses. */
  int64_t *row_budget = xcalloc(d->n_rows, sizeof *row_budget);
  size_t cells = 0;
  for (uint32_t li = 0; li < d->n_leaves; li++) {
    tertial_unit_id u = d->leaf_unit[li];
    memset(row_budget, 0, d->n_rows * sizeof *row_budget);
    for (uint32_t a = 0; a < d->n_accounts; a++) {
      for (int m = 0; m < N_MONTHS; m++) {
        int64_t b = gen_amount(p->seed, li, a, 1, m);
        if (d->acc_row[a] >= 0)
          row_budget[d->acc_row[a]] += b;
        if (!amounts)
          continue; /* --e2e: the amounts come from the facts file */
        TRY("tertial_ledger_add (outcome)",
            tertial_ledger_add(ledger, u, a, m, TERTIAL_MEASURE_OUTCOME, gen_amount(p->seed, li, a, 0, m)));
        TRY("tertial_ledger_add (budget)", tertial_ledger_add(ledger, u, a, m, measure_budget, b));
        cells += 2;
        if (p->prior) {
          TRY("tertial_ledger_add (prior)",
              tertial_ledger_add(ledger, u, a, m, TERTIAL_MEASURE_PRIOR, gen_amount(p->seed, li, a, 2, m)));
          cells++;
        }
      }
    }
    if (li % 3 == 0) {
      for (uint32_t r = 0; r < d->n_rows; r++) {
        if (d->row_kind[r] != TERTIAL_ROW_LINE || row_budget[r] == 0)
          continue;
        uint64_t h = hash64(p->seed ^ UINT64_C(0xF0CA57) ^ ((uint64_t)li << 16) ^ r);
        int64_t f = row_budget[r] / 100 * (90 + (int64_t)(h % 26u)) + (int64_t)((h >> 40) % 100u);
        TRY("tertial_model_set_forecast", tertial_model_set_forecast(model, u, d->row_code[r], f));
        add_forecast_record(d, u, (int)r, f);
      }
    }
  }
  free(row_budget);
  return cells;
}

/* ---- dump ------------------------------------------------------------------------------ */

static void wr_u32(FILE *f, uint32_t v, const char *path)
{
  wr(f, &v, sizeof v, 1, path);
}

/* Binary, native little-endian; the layout is documented in bench/README.md and read by peer.py. */
static void dump(const char *path, const bench_params *p, const dataset *d)
{
  FILE *f = dump_open(path);
  wr(f, "TRTLBN01", 1, 8, path);
  uint32_t header[8] = { d->n_units, d->n_accounts, d->n_rows, d->n_leaves, (uint32_t)d->n_forecasts,
                         (uint32_t)p->cutoff, N_MONTHS, N_MEASURES };
  wr(f, header, sizeof header[0], 8, path);
  int32_t result_row = d->result_row, has_prior = p->prior;
  wr(f, &result_row, sizeof result_row, 1, path);
  wr(f, &has_prior, sizeof has_prior, 1, path);
  wr(f, &p->seed, sizeof p->seed, 1, path);
  wr(f, d->parent, sizeof *d->parent, d->n_units, path);
  wr(f, d->level, sizeof *d->level, d->n_units, path);
  wr(f, d->acc_row, sizeof *d->acc_row, d->n_accounts, path);
  wr(f, d->acc_internal, sizeof *d->acc_internal, d->n_accounts, path);
  wr(f, d->acc_number, sizeof *d->acc_number, d->n_accounts, path);
  wr(f, d->row_kind, sizeof *d->row_kind, d->n_rows, path);
  wr(f, d->row_parent, sizeof *d->row_parent, d->n_rows, path);
  for (uint32_t r = 0; r < d->n_rows; r++) {
    uint32_t len = (uint32_t)strlen(d->row_code[r]);
    wr_u32(f, len, path);
    wr(f, d->row_code[r], 1, len, path);
  }
  wr(f, d->leaf_unit, sizeof *d->leaf_unit, d->n_leaves, path);
  wr(f, d->fc_unit, sizeof *d->fc_unit, d->n_forecasts, path);
  wr(f, d->fc_row, sizeof *d->fc_row, d->n_forecasts, path);
  wr(f, d->fc_amount, sizeof *d->fc_amount, d->n_forecasts, path);
  dump_pad8(f);
  /* amounts[leaf][account][measure][month], measures outcome, budget, prior (0 if absent) */
  int64_t cell[N_MEASURES * N_MONTHS];
  for (uint32_t li = 0; li < d->n_leaves; li++) {
    for (uint32_t a = 0; a < d->n_accounts; a++) {
      for (int m = 0; m < N_MONTHS; m++) {
        cell[m] = gen_amount(p->seed, li, a, 0, m);
        cell[N_MONTHS + m] = gen_amount(p->seed, li, a, 1, m);
        cell[2 * N_MONTHS + m] = p->prior ? gen_amount(p->seed, li, a, 2, m) : 0;
      }
      wr(f, cell, sizeof cell[0], N_MEASURES * N_MONTHS, path);
    }
  }
  dump_close(f, path);
}

/* ---- main ------------------------------------------------------------------------------ */

static void usage(FILE *f)
{
  fputs("usage: bench_rollup [--units N] [--accounts N] [--cutoff N] [--seed N] [--no-prior]\n"
        "                    [--dump FILE] [--verify FILE] [--facts FILE]\n"
        "       bench_rollup [same options] --e2e FACTS.csv --out RESULT.csv   (the end-to-end job)\n",
        f);
}

/* ---- the end-to-end job -------------------------------------------------------------- */

/* An amount in öre as kronor with two decimals ("-1234.05"), into buf; returns its length. */
static int kronor(char *buf, int64_t ore)
{
  uint64_t a = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
  return sprintf(buf, "%s%" PRIu64 ".%02u", ore < 0 ? "-" : "", a / 100, (unsigned)(a % 100));
}

/* Untimed: every amount of the leaves as a long CSV of facts, one row per unit, account, month
 * and measure (what a finance system exports; what tertial_ledger_load_csv() and pandas'
 * read_csv() read in the end-to-end job): enhet,konto,månad,measure,belopp. */
static void write_facts(const char *path, const bench_params *p, const dataset *d, int measure_budget)
{
  FILE *f = dump_open(path);
  fputs("enhet,konto,månad,measure,belopp\n", f);
  const int measure_of[N_MEASURES] = {TERTIAL_MEASURE_OUTCOME, measure_budget, TERTIAL_MEASURE_PRIOR};
  uint32_t first_leaf = d->n_units - d->n_leaves; /* the leaves are the last level, in order */
  char amount[32];
  for (uint32_t li = 0; li < d->n_leaves; li++)
    for (uint32_t a = 0; a < d->n_accounts; a++)
      for (int k = 0; k < (p->prior ? N_MEASURES : 2); k++)
        for (int m = 0; m < N_MONTHS; m++) {
          kronor(amount, gen_amount(p->seed, li, a, k, m));
          fprintf(f, "%d%05" PRIu32 ",%" PRId32 ",%d,%d,%s\n", N_LEVELS - 1, d->leaf_unit[li] - first_leaf + 1,
                  d->acc_number[a], m + 1, measure_of[k], amount);
        }
  dump_close(f, path);
}

/* The end-to-end job, timed as a whole: read the facts file into the ledger, roll up, compute
 * every unit's two tables and write every line to `out` (the --verify format). The organisation,
 * chart and forecasts are set up first, untimed (the peer reads them from the dump, untimed). */
static int end_to_end(const bench_params *p, const char *facts, const char *out)
{
  dataset d;
  memset(&d, 0, sizeof d);
  tertial_model *model;
  TRY("tertial_model_new", tertial_model_new(&model, 2026, 1));
  load(model, p, &d, tertial_model_current_budget(model), 0);
  long rss_setup = maxrss_kb();

  double t0 = now_s();
  size_t rows = 0;
  TRY("tertial_ledger_load_csv", tertial_ledger_load_csv(&rows, tertial_model_ledger(model), facts, NULL));
  double t1 = now_s();
  TRY("tertial_ledger_rollup", tertial_ledger_rollup(tertial_model_ledger(model)));
  FILE *vf = fopen(out, "w");
  if (!vf) {
    fprintf(stderr, "bench_rollup: %s: %s\n", out, strerror(errno));
    return 1;
  }
  size_t lines;
  uint64_t checksum = all_tables(model, d.n_units, p->cutoff, &lines, vf);
  if (fclose(vf) != 0) {
    fprintf(stderr, "bench_rollup: %s: %s\n", out, strerror(errno));
    return 1;
  }
  double t2 = now_s();
  printf("tertial e2e units=%" PRIu32 " leaves=%" PRIu32 " accounts=%" PRIu32 " fact_rows=%zu table_lines=%zu\n",
         d.n_units, d.n_leaves, d.n_accounts, rows, lines);
  printf("tertial e2e read_s=%.4f compute_write_s=%.4f total_s=%.4f rss_setup_kb=%ld maxrss_kb=%ld"
         " checksum=%016" PRIx64 "\n",
         t1 - t0, t2 - t1, t2 - t0, rss_setup, maxrss_kb(), checksum);
  tertial_model_free(model);
  dataset_free(&d);
  return 0;
}

int main(int argc, char **argv)
{
  bench_args args = BENCH_ARGS_INIT;
  int prior = 1;
  const char *facts_out = NULL, *e2e = NULL, *out = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (common_arg(argc, argv, &i, &args))
      continue;
    if (i + 1 < argc && !strcmp(a, "--facts"))
      facts_out = argv[++i];
    else if (i + 1 < argc && !strcmp(a, "--e2e"))
      e2e = argv[++i];
    else if (i + 1 < argc && !strcmp(a, "--out"))
      out = argv[++i];
    else if (!strcmp(a, "--no-prior"))
      prior = 0;
    else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    } else {
      usage(stderr);
      return 2;
    }
  }
  bench_params p = { args.seed, args.units, args.accounts, args.cutoff, prior };
  const char *dump_path = args.dump_path, *verify_path = args.verify_path;
  if (p.accounts < 1 || p.cutoff < 1 || p.cutoff > 12) {
    usage(stderr);
    return 2;
  }

  if (e2e || out) {
    if (!e2e || !out) {
      usage(stderr);
      return 2;
    }
    return end_to_end(&p, e2e, out);
  }

  dataset d;
  memset(&d, 0, sizeof d);
  tertial_model *model;

  double t0 = now_s();
  TRY("tertial_model_new", tertial_model_new(&model, 2026, 1));
  size_t cells = load(model, &p, &d, tertial_model_current_budget(model), 1);
  double t1 = now_s();
  long rss_load = maxrss_kb();

  TRY("tertial_ledger_rollup", tertial_ledger_rollup(tertial_model_ledger(model)));
  double t2 = now_s();
  long rss_rollup = maxrss_kb();

  size_t lines;
  uint64_t checksum = all_tables(model, d.n_units, p.cutoff, &lines, NULL);
  double t3 = now_s();
  long rss_tables = maxrss_kb();

  /* Untimed: the root's children view for the eye, the verification file and the dump. */
  {
    tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
    tertial_followup *t;
    TRY("tertial_followup_new (root)", tertial_followup_new(&t, model, 0, p.cutoff, &o));
    printf("# root children view, cut-off %d (öre): code ack_utfall ack_budget arets_budget prognos fg_bokslut\n",
           p.cutoff);
    for (size_t i = 0; i < tertial_followup_line_count(t); i++) {
      const tertial_followup_line *l = tertial_followup_line_at(t, i);
      if (l->kind != TERTIAL_LINE_UNIT && l->kind != TERTIAL_LINE_TOTAL)
        continue;
      printf("# %-8s %16" PRId64 " %16" PRId64 " %16" PRId64 " %16" PRId64 " %16" PRId64 "\n",
             l->kind == TERTIAL_LINE_TOTAL ? "TOTAL" : l->code, l->value[TERTIAL_COL_OUTCOME_ACC],
             l->value[TERTIAL_COL_BUDGET_ACC], l->value[TERTIAL_COL_BUDGET_YEAR], l->value[TERTIAL_COL_FORECAST],
             l->value[TERTIAL_COL_PRIOR_YEAR]);
    }
    tertial_followup_free(t);
  }
  if (verify_path) {
    FILE *vf = fopen(verify_path, "w");
    if (!vf) {
      fprintf(stderr, "bench_rollup: %s: %s\n", verify_path, strerror(errno));
      return 1;
    }
    size_t vlines;
    uint64_t again = all_tables(model, d.n_units, p.cutoff, &vlines, vf);
    if (fclose(vf) != 0 || again != checksum) {
      fprintf(stderr, "bench_rollup: verification pass failed or differs\n");
      return 1;
    }
  }
  if (dump_path)
    dump(dump_path, &p, &d);
  if (facts_out)
    write_facts(facts_out, &p, &d, tertial_model_current_budget(model));

  printf("tertial units=%" PRIu32 " leaves=%" PRIu32 " accounts=%" PRIu32 " rows=%" PRIu32
         " forecasts=%zu cells=%zu table_lines=%zu cutoff=%d\n",
         d.n_units, d.n_leaves, d.n_accounts, d.n_rows, d.n_forecasts, cells, lines, p.cutoff);
  printf("tertial load_s=%.4f rollup_s=%.4f tables_s=%.4f total_s=%.4f"
         " rss_load_kb=%ld rss_rollup_kb=%ld maxrss_kb=%ld checksum=%016" PRIx64 "\n",
         t1 - t0, t2 - t1, t3 - t2, t3 - t1, rss_load, rss_rollup, rss_tables, checksum);
  /* CLOCK_MONOTONIC phase boundaries, for `perf record -k mono` + `perf report --time t1,t2`. */
  printf("tertial phases_mono load=%.6f rollup=%.6f tables=%.6f end=%.6f\n", t0, t1, t2, t3);

  tertial_model_free(model);
  dataset_free(&d);
  return 0;
}
