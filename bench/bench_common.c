/*
 * bench_common: what bench_rollup and bench_forecast share (see bench_common.h); the
 * generator itself is in the header, to be inlined.
 */
#define _POSIX_C_SOURCE 200809L

#include "bench_common.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "tertial/error.h"
#include "tertial/ledger.h"

/* ---- organisation, chart, report rows ------------------------------------------------ */

int level_sizes(uint32_t n, uint32_t sizes[N_LEVELS])
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

void add_units(tertial_org *org, uint64_t seed, uint32_t units, uint32_t sizes[N_LEVELS], int32_t **parent,
               int32_t **level, uint32_t **leaf_unit)
{
  if (level_sizes(units, sizes) != 0) {
    fprintf(stderr, "%s: --units %" PRIu32 " is too small for six levels\n", bench_prog, units);
    exit(2);
  }
  add_units_sized(org, seed, sizes, parent, level, leaf_unit);
}

void add_units_sized(tertial_org *org, uint64_t seed, const uint32_t sizes[N_LEVELS], int32_t **parent,
                     int32_t **level, uint32_t **leaf_unit)
{
  char code[32], name[64];
  uint32_t units = 0;
  for (int k = 0; k < N_LEVELS; k++)
    units += sizes[k];
  int32_t *par = xcalloc(units, sizeof *par);
  int32_t *lev = xcalloc(units, sizeof *lev);
  uint32_t *leaves = xcalloc(sizes[N_LEVELS - 1] ? sizes[N_LEVELS - 1] : 1, sizeof *leaves);

  static const char *level_name[N_LEVELS] = { "Kommun", "Nämnd", "Förvaltning", "Sektor", "Verksamhet",
                                              "Enhet" };
  uint64_t rng = seed ^ UINT64_C(0x5EED0000);
  uint32_t first_of_level = 0, next = 0;
  for (int k = 0; k < N_LEVELS; k++) {
    uint32_t prev_first = first_of_level, prev_n = k ? sizes[k - 1] : 0;
    first_of_level = next;
    for (uint32_t j = 0; j < sizes[k]; j++) {
      tertial_unit_id p = TERTIAL_NO_UNIT, id;
      if (k > 0)
        p = prev_first + (j < prev_n ? j : (uint32_t)(splitmix64_next(&rng) % prev_n));
      snprintf(code, sizeof code, "%d%05" PRIu32, k, j + 1);
      snprintf(name, sizeof name, "%s %" PRIu32, level_name[k], j + 1);
      TRY("tertial_org_add_unit", tertial_org_add_unit(&id, org, code, name, p, k, NULL));
      if (id != next) {
        fprintf(stderr, "%s: unexpected unit id %" PRIu32 "\n", bench_prog, id);
        exit(1);
      }
      par[id] = p == TERTIAL_NO_UNIT ? -1 : (int32_t)p;
      lev[id] = k;
      if (k == N_LEVELS - 1)
        leaves[j] = id;
      next++;
    }
  }
  *parent = par;
  *level = lev;
  *leaf_unit = leaves;
}

int32_t *add_accounts(tertial_chart *chart, const tertial_rowmap *map, uint32_t n)
{
  char code[32], name[64];
  if (n > (uint32_t)N_GROUPS * 100u) {
    fprintf(stderr, "%s: at most %d accounts\n", bench_prog, N_GROUPS * 100);
    exit(2);
  }
  int32_t *acc_row = xcalloc(n, sizeof *acc_row);
  for (uint32_t i = 0; i < n; i++) {
    tertial_account_id id;
    int num = account_number((int)i), row = -1;
    snprintf(code, sizeof code, "%d", num);
    snprintf(name, sizeof name, "Konto %d", num);
    TRY("tertial_chart_add",
        tertial_chart_add(&id, chart, code, name, account_is_revenue((int)i) ? TERTIAL_ACCOUNT_REVENUE : TERTIAL_ACCOUNT_COST,
                          account_is_internal((int)i)));
    if (id != i) {
      fprintf(stderr, "%s: unexpected account id %" PRIu32 "\n", bench_prog, id);
      exit(1);
    }
    int rc = tertial_rowmap_lookup(&row, map, code);
    if (rc < 0 && rc != TERTIAL_ERR_NOT_FOUND)
      die_tertial("tertial_rowmap_lookup", rc);
    acc_row[i] = rc < 0 ? -1 : row;
  }
  return acc_row;
}

uint32_t report_rows(const tertial_rowmap *map, int32_t **row_kind, int32_t **row_parent, const char ***row_code)
{
  uint32_t n = (uint32_t)tertial_rowmap_row_count(map);
  int32_t *kind = xcalloc(n, sizeof *kind);
  int32_t *parent = row_parent ? xcalloc(n, sizeof *parent) : NULL;
  const char **code = xcalloc(n, sizeof *code);
  for (uint32_t r = 0; r < n; r++) {
    const tertial_report_row *row = tertial_rowmap_row(map, r);
    if (!row) {
      fprintf(stderr, "%s: report row %" PRIu32 " unavailable: %s\n", bench_prog, r, tertial_error_last());
      exit(1);
    }
    kind[r] = (int32_t)row->kind;
    if (parent)
      parent[r] = row->parent;
    code[r] = row->code;
  }
  *row_kind = kind;
  if (row_parent)
    *row_parent = parent;
  *row_code = code;
  return n;
}

/* ---- helpers ------------------------------------------------------------------------ */

double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

long maxrss_kb(void)
{
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0)
    return -1;
  return ru.ru_maxrss; /* kilobytes on Linux */
}

void die_tertial(const char *what, int rc)
{
  fprintf(stderr, "%s: %s failed: %s (%s)\n", bench_prog, what, tertial_strerror(rc), tertial_error_last());
  exit(1);
}

void die_oom(void)
{
  fprintf(stderr, "%s: out of memory\n", bench_prog);
  exit(1);
}

void *xcalloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p)
    die_oom();
  return p;
}

uint32_t parse_u32(const char *opt, const char *s)
{
  char *end;
  errno = 0;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || *end || end == s || v > 100000000ul) {
    fprintf(stderr, "%s: bad value for %s: %s\n", bench_prog, opt, s);
    exit(2);
  }
  return (uint32_t)v;
}

int common_arg(int argc, char **argv, int *i, bench_args *a)
{
  const char *opt = argv[*i];
  if (*i + 1 >= argc)
    return 0;
  const char *val = argv[*i + 1];
  if (!strcmp(opt, "--units"))
    a->units = parse_u32(opt, val);
  else if (!strcmp(opt, "--accounts"))
    a->accounts = parse_u32(opt, val);
  else if (!strcmp(opt, "--cutoff"))
    a->cutoff = (int)parse_u32(opt, val);
  else if (!strcmp(opt, "--seed"))
    a->seed = parse_u32(opt, val);
  else if (!strcmp(opt, "--dump"))
    a->dump_path = val;
  else if (!strcmp(opt, "--verify"))
    a->verify_path = val;
  else
    return 0;
  ++*i;
  return 1;
}

/* ---- dump --------------------------------------------------------------------------- */

FILE *dump_open(const char *path)
{
  FILE *f = fopen(path, "wb");
  if (!f) {
    fprintf(stderr, "%s: %s: %s\n", bench_prog, path, strerror(errno));
    exit(1);
  }
  static char buf[1 << 20];
  setvbuf(f, buf, _IOFBF, sizeof buf);
  return f;
}

void wr(FILE *f, const void *ptr, size_t size, size_t n, const char *path)
{
  if (n && fwrite(ptr, size, n, f) != n) {
    fprintf(stderr, "%s: writing %s: %s\n", bench_prog, path, strerror(errno));
    exit(1);
  }
}

void dump_pad8(FILE *f)
{
  long pos = ftell(f);
  while (pos % 8) {
    fputc(0, f);
    pos++;
  }
}

void dump_close(FILE *f, const char *path)
{
  if (fclose(f) != 0) {
    fprintf(stderr, "%s: writing %s: %s\n", bench_prog, path, strerror(errno));
    exit(1);
  }
}

/* Resident memory now (kB), from /proc/self/statm. */
long rss_now_kb(void)
{
  FILE *f = fopen("/proc/self/statm", "r");
  long pages = -1, resident = -1;
  if (f) {
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
      resident = -1;
    fclose(f);
  }
  return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Reset the peak resident memory to the current one (Linux ≥ 4.0: "5" to clear_refs); returns
 * the resident memory now (kB), or -1 when the peak cannot be reset. */
long reset_peak_rss(void)
{
  FILE *f = fopen("/proc/self/clear_refs", "w");
  if (!f)
    return -1;
  int ok = fputs("5", f) >= 0;
  ok = fclose(f) == 0 && ok;
  return ok ? rss_now_kb() : -1;
}

/* The peak resident memory since the last reset (VmHWM, kB), or -1. */
long peak_rss_kb(void)
{
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  while (f && fgets(line, sizeof line, f))
    if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
      break;
  if (f)
    fclose(f);
  return kb;
}

void load_municipality(tertial_model *model, uint64_t seed, const uint32_t sizes[N_LEVELS], uint32_t accounts)
{
  tertial_ledger *ledger = tertial_model_ledger(model);
  int budget = tertial_model_current_budget(model);
  int32_t *parent, *level;
  uint32_t *leaf_unit;
  add_units_sized(tertial_model_org(model), seed, sizes, &parent, &level, &leaf_unit);
  free(parent);
  free(level);
  free(leaf_unit);
  free(add_accounts(tertial_model_chart(model), tertial_model_rowmap(model), accounts));
  uint32_t units = 0, last = 0;
  for (int k = 0; k < N_LEVELS; k++) {
    units += sizes[k];
    if (sizes[k] > 0)
      last = (uint32_t)k;
  }
  uint32_t n_leaves = sizes[last], first_leaf = units - n_leaves;
  for (uint32_t li = 0; li < n_leaves; li++) {
    tertial_unit_id u = first_leaf + li;
    for (uint32_t a = 0; a < accounts; a++)
      for (int m = 0; m < N_MONTHS; m++) {
        TRY("tertial_ledger_add", tertial_ledger_add(ledger, u, a, m, TERTIAL_MEASURE_OUTCOME, gen_amount(seed, li, a, 0, m)));
        TRY("tertial_ledger_add", tertial_ledger_add(ledger, u, a, m, budget, gen_amount(seed, li, a, 1, m)));
        TRY("tertial_ledger_add", tertial_ledger_add(ledger, u, a, m, TERTIAL_MEASURE_PRIOR, gen_amount(seed, li, a, 2, m)));
      }
  }
}
