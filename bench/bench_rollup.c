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
#include <sys/resource.h>
#include <time.h>

#include "tertial/tertial.h"

#define N_LEVELS 6
#define N_MONTHS 12
#define N_MEASURES 3 /* dump order: outcome, budget, prior */
#define CHECK_KIND_UNIT 0
#define CHECK_KIND_ROW 2
#define CHECK_KIND_TOTAL 3

/* ---- deterministic generator ------------------------------------------------------- */

static uint64_t splitmix64_next(uint64_t *state)
{
  uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static uint64_t hash64(uint64_t x)
{
  uint64_t s = x;
  return splitmix64_next(&s);
}

/* Kommun-Bas account groups (first two digits) that map to operating report rows.
 * 78 (financial) and 80-89 (financing) are outside NETTORESULTAT and left out. */
static const int account_groups[] = {
  30, 31, 34, 35, 36, 37, 38, 39,                     /* revenue */
  40, 41, 45, 46,                                     /* purchases, grants given */
  50, 51, 52, 53, 54, 55, 56, 57, 58, 59,             /* personnel */
  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, /* premises, other */
  73, 74, 75, 76, 77, 79,                             /* other, depreciation */
};
#define N_GROUPS ((int)(sizeof account_groups / sizeof account_groups[0]))

static const int season[N_MONTHS] = { 100, 96, 104, 100, 98, 102, 55, 85, 104, 102, 100, 154 };

typedef struct bench_params {
  uint64_t seed;
  uint32_t units;
  uint32_t accounts;
  int cutoff;
  int prior;
} bench_params;

/* Account i: number, revenue flag, internal flag. */
static int account_number(int i)
{
  return account_groups[i % N_GROUPS] * 100 + i / N_GROUPS;
}

static int account_is_revenue(int i)
{
  return account_groups[i % N_GROUPS] < 40;
}

static int account_is_internal(int i)
{
  return i % 11 == 5;
}

/* The amount of (leaf index, account, measure, month); measure 0 outcome, 1 budget, 2 prior.
 * Never zero; revenue negative, cost positive. */
static int64_t gen_amount(const bench_params *p, uint32_t leaf, uint32_t account, int measure, int month)
{
  uint64_t h = hash64(p->seed ^ (((uint64_t)leaf << 24) | account));
  int64_t base = 10000 + (int64_t)(h % 4000000u); /* 100 .. 40 100 kr per month */
  int64_t budget = base * season[month] / 100;
  int64_t v;
  if (measure == 1) {
    v = budget;
  } else {
    uint64_t r = hash64(h + (uint64_t)(measure * N_MONTHS + month) * UINT64_C(0x2545F4914F6CDD1D));
    int pct = measure == 0 ? 85 + (int)(r % 31u) : 80 + (int)(r % 31u);
    v = budget * pct / 100 + (int64_t)((r >> 32) % 997u) + 1;
  }
  return account_is_revenue((int)account) ? -v : v;
}

/* ---- organisation shape ----------------------------------------------------------- */

/* Units per level for n units: 1 kommun, then roughly 0.2 %, 0.8 %, 4 %, 18 %, rest enheter. */
static int level_sizes(uint32_t n, uint32_t sizes[N_LEVELS])
{
  static const double frac[N_LEVELS - 2] = { 0.002, 0.008, 0.04, 0.18 };
  uint32_t used = 1;
  sizes[0] = 1;
  for (int k = 1; k < N_LEVELS - 1; k++) {
    double want = frac[k - 1] * (double)n;
    uint32_t s = want < 1.0 ? 1u : (uint32_t)(want + 0.5);
    if (s < sizes[k - 1])
      s = sizes[k - 1];
    sizes[k] = s;
    used += s;
  }
  if (n < used + sizes[N_LEVELS - 2])
    return -1;
  sizes[N_LEVELS - 1] = n - used;
  return 0;
}

/* ---- helpers ------------------------------------------------------------------------ */

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long maxrss_kb(void)
{
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0)
    return -1;
  return ru.ru_maxrss; /* kilobytes on Linux */
}

static void die_tertial(const char *what, int rc)
{
  fprintf(stderr, "bench_rollup: %s failed: %s (%s)\n", what, tertial_strerror(rc), tertial_error_last());
  exit(1);
}

#define TRY(what, call)              \
  do {                               \
    int rc_ = (call);                \
    if (rc_ < 0)                     \
      die_tertial((what), rc_);      \
  } while (0)

static void *xcalloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) {
    fprintf(stderr, "bench_rollup: out of memory\n");
    exit(1);
  }
  return p;
}

static uint32_t parse_u32(const char *opt, const char *s)
{
  char *end;
  errno = 0;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || *end || end == s || v > 100000000ul) {
    fprintf(stderr, "bench_rollup: bad value for %s: %s\n", opt, s);
    exit(2);
  }
  return (uint32_t)v;
}

/* Weight of a checksummed line; the same formula is in bench/peer.py. */
static uint64_t line_weight(uint32_t table_unit, int kind, uint32_t key)
{
  return (((uint64_t)table_unit + 1) * UINT64_C(1000003) + (uint64_t)kind * UINT64_C(7919) + (uint64_t)key + 1) *
           2 +
         1;
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
    if (!u || !r || !a) {
      fprintf(stderr, "bench_rollup: out of memory\n");
      exit(1);
    }
    d->cap_forecasts = cap;
  }
  d->fc_unit[d->n_forecasts] = (int32_t)unit;
  d->fc_row[d->n_forecasts] = row;
  d->fc_amount[d->n_forecasts] = amount;
  d->n_forecasts++;
}

/* Build the organisation, chart and ledger. Returns the number of ledger cells added. */
static size_t load(tertial_model *model, const bench_params *p, dataset *d, int measure_budget)
{
  tertial_org *org = tertial_model_org(model);
  tertial_chart *chart = tertial_model_chart(model);
  tertial_rowmap *map = tertial_model_rowmap(model);
  tertial_ledger *ledger = tertial_model_ledger(model);
  uint32_t sizes[N_LEVELS];
  char code[32], name[64];

  if (level_sizes(p->units, sizes) != 0) {
    fprintf(stderr, "bench_rollup: --units %" PRIu32 " is too small for six levels\n", p->units);
    exit(2);
  }
  d->n_units = p->units;
  d->parent = xcalloc(p->units, sizeof *d->parent);
  d->level = xcalloc(p->units, sizeof *d->level);
  d->n_leaves = sizes[N_LEVELS - 1];
  d->leaf_unit = xcalloc(d->n_leaves, sizeof *d->leaf_unit);

  /* Units level by level; each parent gets at least one child, the rest go to random
   * parents, so every leaf is an enhet at level 5. */
  static const char *level_name[N_LEVELS] = { "Kommun", "Nämnd", "Förvaltning", "Sektor", "Verksamhet",
                                              "Enhet" };
  uint64_t rng = p->seed ^ UINT64_C(0x5EED0000);
  uint32_t first_of_level = 0, next = 0;
  for (int k = 0; k < N_LEVELS; k++) {
    uint32_t prev_first = first_of_level, prev_n = k ? sizes[k - 1] : 0;
    first_of_level = next;
    for (uint32_t j = 0; j < sizes[k]; j++) {
      tertial_unit_id parent = TERTIAL_NO_UNIT, id;
      if (k > 0)
        parent = prev_first + (j < prev_n ? j : (uint32_t)(splitmix64_next(&rng) % prev_n));
      snprintf(code, sizeof code, "%d%05" PRIu32, k, j + 1);
      snprintf(name, sizeof name, "%s %" PRIu32, level_name[k], j + 1);
      TRY("tertial_org_add_unit", tertial_org_add_unit(&id, org, code, name, parent, k, NULL));
      if (id != next) {
        fprintf(stderr, "bench_rollup: unexpected unit id %" PRIu32 "\n", id);
        exit(1);
      }
      d->parent[id] = parent == TERTIAL_NO_UNIT ? -1 : (int32_t)parent;
      d->level[id] = k;
      if (k == N_LEVELS - 1)
        d->leaf_unit[j] = id;
      next++;
    }
  }

  /* Accounts. */
  if (p->accounts > (uint32_t)N_GROUPS * 100u) {
    fprintf(stderr, "bench_rollup: at most %d accounts\n", N_GROUPS * 100);
    exit(2);
  }
  d->n_accounts = p->accounts;
  d->acc_row = xcalloc(p->accounts, sizeof *d->acc_row);
  d->acc_internal = xcalloc(p->accounts, sizeof *d->acc_internal);
  d->acc_number = xcalloc(p->accounts, sizeof *d->acc_number);
  for (uint32_t i = 0; i < p->accounts; i++) {
    tertial_account_id id;
    int num = account_number((int)i), row = -1;
    snprintf(code, sizeof code, "%d", num);
    snprintf(name, sizeof name, "Konto %d", num);
    TRY("tertial_chart_add",
        tertial_chart_add(&id, chart, code, name, account_is_revenue((int)i) ? TERTIAL_ACCOUNT_REVENUE : TERTIAL_ACCOUNT_COST,
                          account_is_internal((int)i)));
    if (id != i) {
      fprintf(stderr, "bench_rollup: unexpected account id %" PRIu32 "\n", id);
      exit(1);
    }
    int rc = tertial_rowmap_lookup(&row, map, code);
    if (rc < 0 && rc != TERTIAL_ERR_NOT_FOUND)
      die_tertial("tertial_rowmap_lookup", rc);
    d->acc_row[i] = rc < 0 ? -1 : row;
    d->acc_internal[i] = account_is_internal((int)i);
    d->acc_number[i] = num;
  }

  /* Report rows (as the library sees them; the peer gets them through the dump). */
  d->n_rows = (uint32_t)tertial_rowmap_row_count(map);
  d->row_kind = xcalloc(d->n_rows, sizeof *d->row_kind);
  d->row_parent = xcalloc(d->n_rows, sizeof *d->row_parent);
  d->row_code = xcalloc(d->n_rows, sizeof *d->row_code);
  for (uint32_t r = 0; r < d->n_rows; r++) {
    const tertial_report_row *row = tertial_rowmap_row(map, r);
    if (!row) {
      fprintf(stderr, "bench_rollup: report row %" PRIu32 " unavailable: %s\n", r, tertial_error_last());
      exit(1);
    }
    d->row_kind[r] = (int32_t)row->kind;
    d->row_parent[r] = row->parent;
    d->row_code[r] = row->code;
  }
  d->result_row = tertial_rowmap_result_row(map);

  /* Amounts on the leaves, and forecasts on every third leaf for every line row it uses. */
  int64_t *row_budget = xcalloc(d->n_rows, sizeof *row_budget);
  size_t cells = 0;
  for (uint32_t li = 0; li < d->n_leaves; li++) {
    tertial_unit_id u = d->leaf_unit[li];
    memset(row_budget, 0, d->n_rows * sizeof *row_budget);
    for (uint32_t a = 0; a < d->n_accounts; a++) {
      for (int m = 0; m < N_MONTHS; m++) {
        int64_t b = gen_amount(p, li, a, 1, m);
        TRY("tertial_ledger_add (outcome)",
            tertial_ledger_add(ledger, u, a, m, TERTIAL_MEASURE_OUTCOME, gen_amount(p, li, a, 0, m)));
        TRY("tertial_ledger_add (budget)", tertial_ledger_add(ledger, u, a, m, measure_budget, b));
        cells += 2;
        if (p->prior) {
          TRY("tertial_ledger_add (prior)",
              tertial_ledger_add(ledger, u, a, m, TERTIAL_MEASURE_PRIOR, gen_amount(p, li, a, 2, m)));
          cells++;
        }
        if (d->acc_row[a] >= 0)
          row_budget[d->acc_row[a]] += b;
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

static void wr(FILE *f, const void *p, size_t size, size_t n, const char *path)
{
  if (n && fwrite(p, size, n, f) != n) {
    fprintf(stderr, "bench_rollup: writing %s: %s\n", path, strerror(errno));
    exit(1);
  }
}

static void wr_u32(FILE *f, uint32_t v, const char *path)
{
  wr(f, &v, sizeof v, 1, path);
}

/* Binary, native little-endian; the layout is documented in bench/README.md and read by peer.py. */
static void dump(const char *path, const bench_params *p, const dataset *d)
{
  FILE *f = fopen(path, "wb");
  if (!f) {
    fprintf(stderr, "bench_rollup: %s: %s\n", path, strerror(errno));
    exit(1);
  }
  static char buf[1 << 20];
  setvbuf(f, buf, _IOFBF, sizeof buf);
  long pos = 0;
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
  pos = ftell(f);
  while (pos % 8) {
    fputc(0, f);
    pos++;
  }
  /* amounts[leaf][account][measure][month], measures outcome, budget, prior (0 if absent) */
  int64_t cell[N_MEASURES * N_MONTHS];
  for (uint32_t li = 0; li < d->n_leaves; li++) {
    for (uint32_t a = 0; a < d->n_accounts; a++) {
      for (int m = 0; m < N_MONTHS; m++) {
        cell[m] = gen_amount(p, li, a, 0, m);
        cell[N_MONTHS + m] = gen_amount(p, li, a, 1, m);
        cell[2 * N_MONTHS + m] = p->prior ? gen_amount(p, li, a, 2, m) : 0;
      }
      wr(f, cell, sizeof cell[0], N_MEASURES * N_MONTHS, path);
    }
  }
  if (fclose(f) != 0) {
    fprintf(stderr, "bench_rollup: writing %s: %s\n", path, strerror(errno));
    exit(1);
  }
}

/* ---- main ------------------------------------------------------------------------------ */

static void usage(FILE *f)
{
  fputs("usage: bench_rollup [--units N] [--accounts N] [--cutoff N] [--seed N] [--no-prior]\n"
        "                    [--dump FILE] [--verify FILE]\n",
        f);
}

int main(int argc, char **argv)
{
  bench_params p = { UINT64_C(20260430), 5000, 300, 4, 1 };
  const char *dump_path = NULL, *verify_path = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int has_arg = i + 1 < argc;
    if (!strcmp(a, "--units") && has_arg)
      p.units = parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--accounts") && has_arg)
      p.accounts = parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--cutoff") && has_arg)
      p.cutoff = (int)parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--seed") && has_arg)
      p.seed = parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--dump") && has_arg)
      dump_path = argv[++i];
    else if (!strcmp(a, "--verify") && has_arg)
      verify_path = argv[++i];
    else if (!strcmp(a, "--no-prior"))
      p.prior = 0;
    else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    } else {
      usage(stderr);
      return 2;
    }
  }
  if (p.accounts < 1 || p.cutoff < 1 || p.cutoff > 12) {
    usage(stderr);
    return 2;
  }

  dataset d;
  memset(&d, 0, sizeof d);
  tertial_model *model;

  double t0 = now_s();
  TRY("tertial_model_new", tertial_model_new(&model, 2026, 1));
  size_t cells = load(model, &p, &d, tertial_model_current_budget(model));
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

  printf("tertial units=%" PRIu32 " leaves=%" PRIu32 " accounts=%" PRIu32 " rows=%" PRIu32
         " forecasts=%zu cells=%zu table_lines=%zu cutoff=%d\n",
         d.n_units, d.n_leaves, d.n_accounts, d.n_rows, d.n_forecasts, cells, lines, p.cutoff);
  printf("tertial load_s=%.4f rollup_s=%.4f tables_s=%.4f total_s=%.4f"
         " rss_load_kb=%ld rss_rollup_kb=%ld maxrss_kb=%ld checksum=%016" PRIx64 "\n",
         t1 - t0, t2 - t1, t3 - t2, t3 - t1, rss_load, rss_rollup, rss_tables, checksum);
  /* CLOCK_MONOTONIC phase boundaries, for `perf record -k mono` + `perf report --time t1,t2`. */
  printf("tertial phases_mono load=%.6f rollup=%.6f tables=%.6f end=%.6f\n", t0, t1, t2, t3);

  tertial_model_free(model);
  free(d.parent);
  free(d.level);
  free(d.leaf_unit);
  free(d.acc_row);
  free(d.acc_internal);
  free(d.acc_number);
  free(d.row_kind);
  free(d.row_parent);
  free(d.row_code);
  free(d.fc_unit);
  free(d.fc_row);
  free(d.fc_amount);
  return 0;
}
