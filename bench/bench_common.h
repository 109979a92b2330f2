/*
 * bench_common: what bench_rollup and bench_forecast share.
 *
 * The deterministic synthetic municipality (splitmix64, one kommun on six levels, Kommun-Bas
 * accounts, the amounts of bench_rollup), the organisation, chart and report rows built from it,
 * command-line, timing, peak-RSS, checksum and dump helpers.
 *
 * Every program linked with bench_common.c defines bench_prog, the name its messages start with.
 */
#ifndef TERTIAL_BENCH_COMMON_H
#define TERTIAL_BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>

#include "tertial/accounts.h"
#include "tertial/model.h"
#include "tertial/org.h"

#define N_LEVELS 6
#define N_MONTHS 12

/* The program's name, for messages ("bench_rollup: ..."); defined by the program. */
extern const char bench_prog[];

/* ---- deterministic generator ------------------------------------------------------- */

/* All generation is a pure function of the seed and its arguments, so the programs can
 * regenerate the same amounts in an untimed pass (the dumps for the peers). It is defined
 * here, static inline, because the programs call it for every ledger cell. */

static inline uint64_t splitmix64_next(uint64_t *state)
{
  uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline uint64_t hash64(uint64_t x)
{
  uint64_t s = x;
  return splitmix64_next(&s);
}

/* Kommun-Bas account groups (first two digits) that map to operating report rows; account i
 * is in group i % N_GROUPS.
 * 78 (financial) and 80-89 (financing) are outside NETTORESULTAT and left out. */
static const int account_groups[] = {
  30, 31, 34, 35, 36, 37, 38, 39,                     /* revenue */
  40, 41, 45, 46,                                     /* purchases, grants given */
  50, 51, 52, 53, 54, 55, 56, 57, 58, 59,             /* personnel */
  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, /* premises, other */
  73, 74, 75, 76, 77, 79,                             /* other, depreciation */
};
#define N_GROUPS ((int)(sizeof account_groups / sizeof account_groups[0]))

/* The seasonal profile of the budget, in percent of an average month. */
static const int season[N_MONTHS] = { 100, 96, 104, 100, 98, 102, 55, 85, 104, 102, 100, 154 };

/* Account i: number, revenue flag, internal flag. */
static inline int account_number(int i)
{
  return account_groups[i % N_GROUPS] * 100 + i / N_GROUPS;
}

static inline int account_is_revenue(int i)
{
  return account_groups[i % N_GROUPS] < 40;
}

static inline int account_is_internal(int i)
{
  return i % 11 == 5;
}

/* The amount of (leaf index, account, measure, month); measure 0 outcome, 1 budget, 2 prior.
 * Never zero; revenue negative, cost positive. */
static inline int64_t gen_amount(uint64_t seed, uint32_t leaf, uint32_t account, int measure, int month)
{
  uint64_t h = hash64(seed ^ (((uint64_t)leaf << 24) | account));
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

/* ---- organisation, chart, report rows ------------------------------------------------ */

/* Units per level for n units: 1 kommun, then roughly 0.2 %, 0.8 %, 4 %, 18 %, rest enheter.
 * Returns -1 if n is too small for six levels. */
int level_sizes(uint32_t n, uint32_t sizes[N_LEVELS]);

/* Adds the units to org level by level; each parent gets at least one child, the rest go to
 * random parents, so every leaf is an enhet at level 5. Fills sizes (see level_sizes) and
 * allocates parent[units] (-1 for the kommun), level[units] and leaf_unit[sizes[N_LEVELS - 1]].
 * Units are numbered level by level, so children come after their parents.
 * Exits with status 2 if units is too small for six levels. */
void add_units(tertial_org *org, uint64_t seed, uint32_t units, uint32_t sizes[N_LEVELS], int32_t **parent,
               int32_t **level, uint32_t **leaf_unit);

/* The same with the units per level given (sizes[0] must be 1; a level may be empty, and the
 * levels after an empty one must be too); leaf_unit lists the last level's units. */
void add_units_sized(tertial_org *org, uint64_t seed, const uint32_t sizes[N_LEVELS], int32_t **parent,
                     int32_t **level, uint32_t **leaf_unit);

/* Adds accounts 0..n-1 to chart and returns acc_row[n] (allocated), the report row of each
 * account in map (-1 for none). Exits with status 2 if n is more than the generator has. */
int32_t *add_accounts(tertial_chart *chart, const tertial_rowmap *map, uint32_t n);

/* The synthetic municipality in a model: the units of sizes (add_units_sized), accounts 0..n-1 and,
 * on every unit of the last non-empty level (the leaves), outcome, budget (the current budget
 * measure) and prior-year outcome of every account and month (gen_amount). Exits on failure. */
void load_municipality(tertial_model *model, uint64_t seed, const uint32_t sizes[N_LEVELS], uint32_t accounts);

/* The report rows of map, as the library sees them: returns their number and allocates
 * row_kind, row_code and, unless it is NULL, row_parent. */
uint32_t report_rows(const tertial_rowmap *map, int32_t **row_kind, int32_t **row_parent, const char ***row_code);

/* ---- helpers ------------------------------------------------------------------------ */

/* CLOCK_MONOTONIC in seconds. */
double now_s(void);

/* Peak resident set size in kilobytes, -1 if unknown. */
long maxrss_kb(void);

/* Resident memory now (kB), from /proc/self/statm; -1 if unknown. */
long rss_now_kb(void);

/* Reset the peak resident memory to the current one (Linux >= 4.0); returns the resident memory
 * now (kB), or -1 when the peak cannot be reset. */
long reset_peak_rss(void);

/* The peak resident memory since the last reset (VmHWM, kB), or -1. */
long peak_rss_kb(void);

/* Print "<prog>: <what> failed: <error> (<detail>)" and exit with status 1. */
void die_tertial(const char *what, int rc);

/* Print "<prog>: out of memory" and exit with status 1. */
void die_oom(void);

#define TRY(what, call)              \
  do {                               \
    int rc_ = (call);                \
    if (rc_ < 0)                     \
      die_tertial((what), rc_);      \
  } while (0)

/* calloc that never returns NULL (nor fails for n or size 0). */
void *xcalloc(size_t n, size_t size);

/* A decimal number 0..100 000 000 given to option opt; exits with status 2 if s is not one. */
uint32_t parse_u32(const char *opt, const char *s);

/* The options both benchmarks take, with their defaults. */
typedef struct bench_args {
  uint64_t seed;
  uint32_t units;
  uint32_t accounts;
  int cutoff;
  const char *dump_path, *verify_path;
} bench_args;

#define BENCH_ARGS_INIT { UINT64_C(20260430), 5000, 300, 4, NULL, NULL }

/* If argv[*i] is one of the common options (--units --accounts --cutoff --seed --dump
 * --verify) with its value, stores it in a, moves *i to the value and returns 1; else 0. */
int common_arg(int argc, char **argv, int *i, bench_args *a);

/* An odd weight for a checksummed item: ((major + 1) * 1000003 + minor) * 2 + 1, mod 2^64. */
static inline uint64_t odd_weight(uint64_t major, uint64_t minor)
{
  return ((major + 1) * UINT64_C(1000003) + minor) * 2 + 1;
}

/* ---- dump --------------------------------------------------------------------------- */

/* Opens path for a binary dump (fully buffered); exits with status 1 if it cannot. */
FILE *dump_open(const char *path);

/* Writes n items of size bytes; exits with status 1 on an error. */
void wr(FILE *f, const void *ptr, size_t size, size_t n, const char *path);

/* Pads the file with zero bytes to a multiple of 8 bytes. */
void dump_pad8(FILE *f);

/* Closes the dump; exits with status 1 on an error. */
void dump_close(FILE *f, const char *path);

#endif
