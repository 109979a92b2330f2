/*
 * sie_gen: the deterministic SIE 4 generator of the import benchmark (see README.md).
 *
 * Writes a municipality's SIE 4 export of one fiscal year: header records, objects of two
 * dimensions (dimension 1 "Ansvar" = the units, dimension 6 "Projekt"), Kommun-Bas-like
 * accounts with #KTYP, #IB/#UB/#RES for the year and the one before, then #VER blocks of
 * 2–6 balanced #TRANS lines until the file has the size asked for. Everything is a pure
 * function of the parameters (splitmix64, no rand()).
 *
 * Beside the SIE file it writes the hierarchy text that a user would give the loader
 * (tertial_sie_load_options::hierarchy) and a "sums" file with what the generator wrote:
 * counts, per-account monthly sums, per-unit sums and a weighted checksum over
 * (unit code, account, month), so that bench_sie can check a load independently of it.
 */
#ifndef TERTIAL_BENCH_SIE_GEN_H
#define TERTIAL_BENCH_SIE_GEN_H

#include <stdint.h>

typedef struct sie_gen_params {
  uint64_t seed;
  uint64_t target_bytes; /* #VER blocks are written until the vouchers have at least this many bytes */
  uint32_t units;        /* objects of dimension 1 (units) */
  uint32_t projects;     /* objects of dimension 6 (projects) */
  uint32_t accounts;     /* accounts in all (balance + result), 40 .. 400 */
  int year;              /* the fiscal year (#RAR 0), a calendar year */
  int spread;            /* 0: each unit books on a fixed profile of about 40 accounts; 1: on every
                            result account of the kind (a realistic spread: units x hundreds of
                            accounts, as a municipality's ledger has) */
} sie_gen_params;

#define SIE_GEN_PARAMS_INIT { UINT64_C(20260522), UINT64_C(1100) * 1000000, 2000, 300, 300, 2025, 0 }

typedef struct sie_gen_result {
  uint64_t bytes;    /* of the SIE file */
  uint64_t lines;    /* of the SIE file (what `wc -l` prints) */
  uint64_t vouchers; /* #VER blocks */
  uint64_t trans;    /* #TRANS lines */
} sie_gen_result;

/* The catch-all unit's code: lines without a unit object are loaded there (the loader's
 * default tertial_sie_load_options::catch_all_code). */
#define SIE_GEN_CATCH_ALL "SIE"

/* Write the SIE file, the hierarchy text and the sums file. Returns 0, or -1 after printing
 * the reason to stderr. */
int sie_gen_write(sie_gen_result *out, const sie_gen_params *p, const char *sie_path, const char *hierarchy_path,
                  const char *sums_path);

/* The weight of (unit code, account number, month 0..11) in the sums file's checksum:
 * checksum = Σ weight * (uint64_t)amount, modulo 2^64. */
uint64_t sie_gen_weight(const char *unit_code, const char *account, int month);

#endif
