/*
 * gen_sie: write the synthetic SIE 4 file of the import benchmark, its hierarchy text and its
 * sums file (see sie_gen.h and README.md).
 *
 *   gen_sie [--size MB] [--units N] [--projects N] [--accounts N] [--seed N] [--year YYYY] [--spread 0|1]
 *           FILE.se HIERARCHY.txt SUMS.txt
 *
 * Prints one line: gen bytes=... lines=... vouchers=... trans=... seconds=...
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sie_gen.h"

static uint64_t number(const char *opt, const char *s, uint64_t max)
{
  char *end;
  unsigned long long v = strtoull(s, &end, 10);
  if (!*s || *end || v > max) {
    fprintf(stderr, "gen_sie: %s wants a number up to %" PRIu64 ", not \"%s\"\n", opt, max, s);
    exit(2);
  }
  return v;
}

int main(int argc, char **argv)
{
  sie_gen_params p = SIE_GEN_PARAMS_INIT;
  const char *paths[3];
  int npaths = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] == '-' && i + 1 >= argc) {
      fprintf(stderr, "gen_sie: %s wants a value\n", a);
      return 2;
    }
    if (strcmp(a, "--size") == 0)
      p.target_bytes = number(a, argv[++i], 1000000) * 1000000;
    else if (strcmp(a, "--units") == 0)
      p.units = (uint32_t)number(a, argv[++i], 80000);
    else if (strcmp(a, "--projects") == 0)
      p.projects = (uint32_t)number(a, argv[++i], 9999);
    else if (strcmp(a, "--accounts") == 0)
      p.accounts = (uint32_t)number(a, argv[++i], 400);
    else if (strcmp(a, "--seed") == 0)
      p.seed = number(a, argv[++i], UINT64_MAX);
    else if (strcmp(a, "--year") == 0)
      p.year = (int)number(a, argv[++i], 9998);
    else if (strcmp(a, "--spread") == 0)
      p.spread = (int)number(a, argv[++i], 1);
    else if (a[0] != '-' && npaths < 3)
      paths[npaths++] = a;
    else {
      fprintf(stderr, "usage: gen_sie [--size MB] [--units N] [--projects N] [--accounts N] [--seed N] "
                      "[--year YYYY] [--spread 0|1] FILE.se HIERARCHY.txt SUMS.txt\n");
      return 2;
    }
  }
  if (npaths != 3) {
    fprintf(stderr, "gen_sie: expected FILE.se HIERARCHY.txt SUMS.txt\n");
    return 2;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  sie_gen_result r;
  if (sie_gen_write(&r, &p, paths[0], paths[1], paths[2]) < 0)
    return 1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("gen bytes=%" PRIu64 " lines=%" PRIu64 " vouchers=%" PRIu64 " trans=%" PRIu64 " seconds=%.2f\n", r.bytes,
         r.lines, r.vouchers, r.trans, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9);
  return 0;
}
