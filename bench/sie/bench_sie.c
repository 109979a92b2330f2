/*
 * bench_sie: the SIE import benchmark (issue 4; see README.md).
 *
 *   bench_sie [--mode load|read] [--no-check] FILE.se HIERARCHY.txt SUMS.txt
 *   bench_sie [--mode load|read] --gen-size MB [--units N] [--projects N] [--accounts N] [--spread 0|1]
 *
 * Imports a file written by gen_sie with tertial_sie_load_file() into a fresh model (fiscal
 * year from the file's #RAR 0, the organisation from the hierarchy text, units missing from it
 * under the catch-all unit), as a user would, and times it. `--mode read` times the streaming
 * reader alone. Then, untimed, it checks what was loaded against the generator's sums file:
 * counts, every account's monthly sums over all units, every unit's sum, a weighted checksum
 * over (unit, account, month), the matched/unmatched units and the file's own reconciliation
 * (#RES and #UB − #IB against Σ #TRANS). With --gen-size it first writes a file of that many
 * MB (1e6 bytes) into $TMPDIR and removes it afterwards.
 *
 * Prints one line of key=value pairs starting with "sie " (what run.sh reads), and exits 1 if
 * a check fails.
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../bench_common.h"
#include "sie_gen.h"
#include "tertial/tertial.h"

const char bench_prog[] = "bench_sie";

/* ---- the sums file -------------------------------------------------------------------- */

typedef struct sum_account {
  char number[16];
  int64_t total, month[12];
} sum_account;

typedef struct sum_unit {
  char code[32];
  int mapped;
  int64_t total;
} sum_unit;

typedef struct sums {
  uint64_t bytes, lines, vouchers, trans, checksum;
  int year;
  sum_account *acc;
  size_t nacc;
  sum_unit *units;
  size_t nunits;
} sums;

static void read_sums(sums *s, const char *path)
{
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "bench_sie: cannot read %s\n", path);
    exit(1);
  }
  memset(s, 0, sizeof *s);
  char line[1024];
  size_t cap_acc = 0, cap_units = 0;
  while (fgets(line, sizeof line, f)) {
    char key[32];
    int at;
    if (line[0] == '#' || sscanf(line, "%31s %n", key, &at) != 1)
      continue;
    const char *v = line + at;
    if (strcmp(key, "bytes") == 0)
      s->bytes = strtoull(v, NULL, 10);
    else if (strcmp(key, "lines") == 0)
      s->lines = strtoull(v, NULL, 10);
    else if (strcmp(key, "vouchers") == 0)
      s->vouchers = strtoull(v, NULL, 10);
    else if (strcmp(key, "trans") == 0)
      s->trans = strtoull(v, NULL, 10);
    else if (strcmp(key, "checksum") == 0)
      s->checksum = strtoull(v, NULL, 10);
    else if (strcmp(key, "year") == 0)
      s->year = atoi(v);
    else if (strcmp(key, "account") == 0) {
      if (s->nacc == cap_acc) {
        cap_acc = cap_acc ? cap_acc * 2 : 512;
        s->acc = realloc(s->acc, cap_acc * sizeof *s->acc);
        if (!s->acc)
          die_oom();
      }
      sum_account *a = &s->acc[s->nacc++];
      char *p;
      int n;
      if (sscanf(v, "%15s %" SCNd64 "%n", a->number, &a->total, &n) != 2)
        goto bad;
      p = (char *)v + n;
      for (int m = 0; m < 12; m++) {
        char *end;
        a->month[m] = strtoll(p, &end, 10);
        if (end == p)
          goto bad;
        p = end;
      }
    } else if (strcmp(key, "unit") == 0) {
      if (s->nunits == cap_units) {
        cap_units = cap_units ? cap_units * 2 : 1024;
        s->units = realloc(s->units, cap_units * sizeof *s->units);
        if (!s->units)
          die_oom();
      }
      sum_unit *u = &s->units[s->nunits++];
      if (sscanf(v, "%31s %d %" SCNd64, u->code, &u->mapped, &u->total) != 3)
        goto bad;
    }
  }
  fclose(f);
  if (!s->bytes || !s->year || !s->nacc || !s->nunits) {
    fprintf(stderr, "bench_sie: %s is incomplete\n", path);
    exit(1);
  }
  return;
bad:
  fprintf(stderr, "bench_sie: %s: cannot read the line \"%s\"\n", path, line);
  exit(1);
}

static char *read_text(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "bench_sie: cannot read %s\n", path);
    exit(1);
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *t = xcalloc((size_t)n + 1, 1);
  if (fread(t, 1, (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "bench_sie: cannot read %s\n", path);
    exit(1);
  }
  fclose(f);
  return t;
}

/* ---- checks --------------------------------------------------------------------------- */

static int failures;

static void check_u64(const char *what, uint64_t got, uint64_t want)
{
  if (got != want) {
    fprintf(stderr, "bench_sie: CHECK FAILED: %s is %" PRIu64 ", the generator wrote %" PRIu64 "\n", what, got, want);
    failures++;
  }
}

static void check_i64(const char *what, const char *of, int64_t got, int64_t want)
{
  if (got != want) {
    fprintf(stderr, "bench_sie: CHECK FAILED: %s %s is %" PRId64 ", the generator wrote %" PRId64 "\n", what, of, got,
            want);
    failures++;
  }
}

static const sum_unit *find_unit(const sums *s, const char *code)
{
  for (size_t i = 0; i < s->nunits; i++)
    if (strcmp(s->units[i].code, code) == 0)
      return &s->units[i];
  return NULL;
}

/* What was loaded, read back from the model's ledger, against the generator's sums. */
static void check_load(const sums *s, tertial_model *m, const tertial_sie_load *load)
{
  const tertial_sie_summary *sum = tertial_sie_load_summary(load);
  check_u64("the reader's byte count", sum->reader.bytes, s->bytes);
  check_u64("the reader's line count", sum->reader.lines, s->lines);
  check_u64("the number of #VER", sum->reader.vouchers, s->vouchers);
  check_u64("the number of #TRANS", sum->reader.transactions, s->trans);
  check_u64("the reader's diagnostics", tertial_sie_load_diagnostic_count(load), 0);
  check_u64("the reconciliation's differences (#RES, #UB - #IB vs #TRANS)", tertial_sie_load_difference_count(load), 0);
  check_u64("the outcome source", (uint64_t)sum->outcome_source, TERTIAL_SIE_SOURCE_TRANS);
  size_t mapped = 0;
  for (size_t i = 0; i < s->nunits; i++)
    mapped += s->units[i].mapped && strcmp(s->units[i].code, SIE_GEN_CATCH_ALL) != 0;
  check_u64("units matched (from the hierarchy text)", sum->units_matched, mapped);
  check_u64("objects put under the catch-all unit", sum->objects_unmatched, s->nunits - 1 - mapped);

  tertial_org *org = tertial_model_org(m);
  tertial_chart *chart = tertial_model_chart(m);
  tertial_ledger *ledger = tertial_model_ledger(m);
  size_t nunits = tertial_org_unit_count(org), naccts = tertial_chart_count(chart);
  int64_t *unit_total = xcalloc(nunits, sizeof *unit_total);
  uint64_t checksum = 0;
  int64_t loaded = 0;
  for (size_t a = 0; a < naccts; a++) {
    const char *number = tertial_chart_account(chart, (tertial_account_id)a)->number;
    const sum_account *want = NULL;
    for (size_t k = 0; k < s->nacc && !want; k++)
      if (strcmp(s->acc[k].number, number) == 0)
        want = &s->acc[k];
    int64_t month[12] = {0}, total = 0;
    for (size_t u = 0; u < nunits; u++) {
      const char *code = tertial_org_unit(org, (tertial_unit_id)u)->code;
      for (int mo = 0; mo < 12; mo++) {
        int64_t v;
        TRY("tertial_ledger_get", tertial_ledger_get(&v, ledger, (tertial_unit_id)u, (tertial_account_id)a, mo,
                                                     TERTIAL_MEASURE_OUTCOME));
        if (!v)
          continue;
        month[mo] += v;
        total += v;
        unit_total[u] += v;
        checksum += sie_gen_weight(code, number, mo) * (uint64_t)v;
        loaded += v < 0 ? -v : v;
      }
    }
    if (!want) {
      fprintf(stderr, "bench_sie: CHECK FAILED: account %s is in the chart but not in the sums file\n", number);
      failures++;
      continue;
    }
    check_i64("the outcome of account", number, total, want->total);
    for (int mo = 0; mo < 12; mo++) {
      char what[64];
      snprintf(what, sizeof what, "%s month %d", number, mo + 1);
      check_i64("the outcome of account", what, month[mo], want->month[mo]);
    }
  }
  check_u64("the accounts in the chart", naccts, s->nacc);
  for (size_t u = 0; u < nunits; u++) {
    const char *code = tertial_org_unit(org, (tertial_unit_id)u)->code;
    const sum_unit *want = find_unit(s, code);
    if (want)
      check_i64("the outcome of unit", code, unit_total[u], want->total);
    else if (unit_total[u])
      check_i64("the outcome of unit (not an object of the file)", code, unit_total[u], 0);
  }
  check_u64("the checksum over (unit, account, month)", checksum, s->checksum);
  if (loaded == 0) {
    fprintf(stderr, "bench_sie: CHECK FAILED: nothing was loaded\n");
    failures++;
  }
  free(unit_total);
}

/* User + system CPU time of the process, in seconds. */
static double cpu_s(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec +
         (double)ru.ru_stime.tv_usec * 1e-6;
}

/* ---- main ----------------------------------------------------------------------------- */

static void usage(void)
{
  fprintf(stderr, "usage: bench_sie [--mode load|read] [--no-check] FILE.se HIERARCHY.txt SUMS.txt\n"
                  "       bench_sie [--mode load|read] --gen-size MB [--units N] [--projects N] [--accounts N] [--spread 0|1]\n");
  exit(2);
}

int main(int argc, char **argv)
{
  const char *paths[3];
  int npaths = 0, read_only = 0, no_check = 0;
  uint32_t gen_size = 0;
  sie_gen_params gp = SIE_GEN_PARAMS_INIT;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] == '-' && i + 1 >= argc && strcmp(a, "--no-check") != 0)
      usage();
    if (strcmp(a, "--mode") == 0) {
      const char *v = argv[++i];
      if (strcmp(v, "read") != 0 && strcmp(v, "load") != 0)
        usage();
      read_only = strcmp(v, "read") == 0;
    } else if (strcmp(a, "--no-check") == 0) { /* for profiling the load alone */
      no_check = 1;
    } else if (strcmp(a, "--gen-size") == 0) {
      gen_size = parse_u32(a, argv[++i]);
    } else if (strcmp(a, "--units") == 0) {
      gp.units = parse_u32(a, argv[++i]);
    } else if (strcmp(a, "--projects") == 0) {
      gp.projects = parse_u32(a, argv[++i]);
    } else if (strcmp(a, "--accounts") == 0) {
      gp.accounts = parse_u32(a, argv[++i]);
    } else if (strcmp(a, "--spread") == 0) {
      gp.spread = parse_u32(a, argv[++i]) != 0;
    } else if (a[0] != '-' && npaths < 3) {
      paths[npaths++] = a;
    } else {
      usage();
    }
  }
  char dir[4096] = "", files[3][4200];
  if (gen_size) {
    if (npaths)
      usage();
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/bench_sie.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
      fprintf(stderr, "bench_sie: cannot make a directory in %s\n", tmp && *tmp ? tmp : "/tmp");
      return 1;
    }
    static const char *const names[3] = {"bench.se", "hierarchy.txt", "sums.txt"};
    for (int k = 0; k < 3; k++) {
      snprintf(files[k], sizeof files[k], "%s/%s", dir, names[k]);
      paths[k] = files[k];
    }
    gp.target_bytes = (uint64_t)gen_size * 1000000;
    sie_gen_result gr;
    double g0 = now_s();
    if (sie_gen_write(&gr, &gp, paths[0], paths[1], paths[2]) < 0)
      return 1;
    printf("generated %s: %" PRIu64 " bytes, %" PRIu64 " #VER, %" PRIu64 " #TRANS in %.2f s\n", paths[0], gr.bytes,
           gr.vouchers, gr.trans, now_s() - g0);
    npaths = 3;
  }
  if (npaths != 3)
    usage();

  sums s;
  read_sums(&s, paths[2]);
  char *hierarchy = read_text(paths[1]);
  struct stat st;
  if (stat(paths[0], &st) != 0) {
    fprintf(stderr, "bench_sie: cannot stat %s\n", paths[0]);
    return 1;
  }
  uint64_t bytes = (uint64_t)st.st_size;
  long rss_before = maxrss_kb();

  double t0 = now_s(), c0 = cpu_s(), seconds, cpu = 0;
  uint64_t trans = 0;
  size_t cells = 0, units = 0;
  if (read_only) {
    tertial_sie_reader *r;
    const tertial_sie_record *rec;
    int rc;
    int64_t sum = 0;
    TRY("tertial_sie_reader_new_file", tertial_sie_reader_new_file(&r, paths[0], NULL));
    while ((rc = tertial_sie_reader_next(&rec, r)) == 1)
      if (rec->label == TERTIAL_SIE_TRANS)
        sum += rec->amount;
    TRY("tertial_sie_reader_next", rc);
    seconds = now_s() - t0;
    cpu = cpu_s() - c0;
    const tertial_sie_stats *st2 = tertial_sie_reader_stats(r);
    trans = st2->transactions;
    check_u64("the number of #TRANS", st2->transactions, s.trans);
    check_u64("the number of #VER", st2->vouchers, s.vouchers);
    check_u64("the reader's diagnostics", tertial_sie_reader_diagnostic_count(r), 0);
    check_i64("the sum of all #TRANS", "(balanced vouchers)", sum, 0);
    tertial_sie_reader_free(r);
  } else {
    tertial_model *m;
    TRY("tertial_model_new", tertial_model_new(&m, s.year, 1));
    tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
    o.hierarchy = hierarchy;
    tertial_sie_load *load;
    TRY("tertial_sie_load_file", tertial_sie_load_file(&load, m, paths[0], &o));
    seconds = now_s() - t0;
    cpu = cpu_s() - c0;
    trans = tertial_sie_load_summary(load)->reader.transactions;
    cells = tertial_ledger_line_count(tertial_model_ledger(m));
    units = tertial_org_unit_count(tertial_model_org(m));
    if (no_check)
      printf("(not checked: --no-check)\n");
    else
      check_load(&s, m, load);
    tertial_sie_load_free(load);
    tertial_model_free(m);
  }
  long rss = maxrss_kb();
  double mb_s = (double)bytes / 1e6 / seconds, trans_s = (double)trans / seconds;
  printf("%s %s: %.1f MB, %" PRIu64 " #TRANS in %.3f s (CPU %.3f s): %.1f MB/s, %.2f M #TRANS/s, peak RSS %.1f MB (%.1f MB "
         "before), %zu ledger lines, %zu units: %s\n",
         read_only ? "read" : "load", paths[0], (double)bytes / 1e6, trans, seconds, cpu, mb_s, trans_s / 1e6,
         (double)rss / 1024, (double)rss_before / 1024, cells, units, failures ? "CHECK FAILED" : "checks ok");
  printf("sie mode=%s bytes=%" PRIu64 " trans=%" PRIu64 " seconds=%.4f cpu_s=%.4f mb_s=%.2f trans_s=%.0f maxrss_kb=%ld "
         "rss_before_kb=%ld ledger_lines=%zu units=%zu check=%s\n",
         read_only ? "read" : "load", bytes, trans, seconds, cpu, mb_s, trans_s, rss, rss_before, cells, units,
         failures ? "failed" : "ok");
  free(hierarchy);
  free(s.acc);
  free(s.units);
  if (gen_size) {
    for (int k = 0; k < 3; k++)
      unlink(files[k]);
    rmdir(dir);
  }
  return failures ? 1 : 0;
}
