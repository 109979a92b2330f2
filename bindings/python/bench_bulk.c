/* The C side of bench_bulk.py: load the same outcome rows into a model with
 * tertial_ledger_add_by_code(), one call per row, and print the best time.
 *
 * Usage: bench_bulk_c [--rows N] [--repeat R]
 * Output: one line "rows=N units=U accounts=A best_seconds=S total_ore=T".
 * The rows follow the formula of bench_bulk.py (row i: unit i/480, account i/12 mod 40,
 * month i mod 12), so both sides do the same work.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tertial/tertial.h>

enum { ACCOUNTS = 40, ROWS_PER_UNIT = 12 * ACCOUNTS };

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int64_t amount_of(long i)
{
  return (int64_t)((i * 7919L) % 1000000L) - 500000;
}

static int build(tertial_model **out, long units, char (*unit_codes)[24], char (*account_numbers)[8])
{
  if (tertial_model_new(out, 2026, 1) < 0)
    return -1;
  tertial_org *org = tertial_model_org(*out);
  tertial_unit_id root;
  if (tertial_org_add_unit(&root, org, "K", "Kommunen", TERTIAL_NO_UNIT, 0, NULL) < 0)
    return -1;
  for (long u = 0; u < units; u++)
    if (tertial_org_add_unit(NULL, org, unit_codes[u], unit_codes[u], root, 5, NULL) < 0)
      return -1;
  for (int a = 0; a < ACCOUNTS; a++)
    if (tertial_chart_ensure(NULL, tertial_model_chart(*out), account_numbers[a]) < 0)
      return -1;
  return 0;
}

int main(int argc, char **argv)
{
  long rows = 1000000, repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--rows") == 0)
      rows = strtol(argv[i + 1], NULL, 10);
    else if (strcmp(argv[i], "--repeat") == 0)
      repeat = strtol(argv[i + 1], NULL, 10);
  }
  long units = (rows + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT;
  char (*unit_codes)[24] = calloc((size_t)units, sizeof *unit_codes);
  char (*account_numbers)[8] = calloc(ACCOUNTS, sizeof *account_numbers);
  const char **row_unit = malloc((size_t)rows * sizeof *row_unit);
  const char **row_account = malloc((size_t)rows * sizeof *row_account);
  int *row_month = malloc((size_t)rows * sizeof *row_month);
  int64_t *row_amount = malloc((size_t)rows * sizeof *row_amount);
  if (!unit_codes || !account_numbers || !row_unit || !row_account || !row_month || !row_amount) {
    fputs("bench_bulk_c: out of memory\n", stderr);
    return 1;
  }
  for (long u = 0; u < units; u++)
    snprintf(unit_codes[u], sizeof unit_codes[u], "E%05ld", u);
  for (int a = 0; a < ACCOUNTS; a++)
    snprintf(account_numbers[a], sizeof account_numbers[a], "%d", 4000 + 100 * a);
  int64_t expected = 0;
  for (long i = 0; i < rows; i++) {
    row_unit[i] = unit_codes[i / ROWS_PER_UNIT];
    row_account[i] = account_numbers[(i / 12) % ACCOUNTS];
    row_month[i] = (int)(i % 12);
    row_amount[i] = amount_of(i);
    expected += row_amount[i];
  }

  double best = -1;
  int64_t total = 0;
  for (long r = 0; r < repeat; r++) {
    tertial_model *m;
    if (build(&m, units, unit_codes, account_numbers) < 0) {
      fprintf(stderr, "bench_bulk_c: %s\n", tertial_error_last());
      return 1;
    }
    tertial_ledger *l = tertial_model_ledger(m);
    double t0 = now();
    for (long i = 0; i < rows; i++)
      if (tertial_ledger_add_by_code(l, row_unit[i], row_account[i], row_month[i], TERTIAL_MEASURE_OUTCOME,
                                     row_amount[i]) < 0) {
        fprintf(stderr, "bench_bulk_c: row %ld: %s\n", i, tertial_error_last());
        return 1;
      }
    double t = now() - t0;
    if (best < 0 || t < best)
      best = t;
    tertial_unit_id root = 0;
    if (tertial_ledger_total(&total, l, root, TERTIAL_ALL_ACCOUNTS, TERTIAL_MEASURE_OUTCOME, 0, 11) < 0) {
      fprintf(stderr, "bench_bulk_c: %s\n", tertial_error_last());
      return 1;
    }
    tertial_model_free(m);
  }
  if (total != expected) {
    fprintf(stderr, "bench_bulk_c: total %" PRId64 " != %" PRId64 "\n", total, expected);
    return 1;
  }
  printf("rows=%ld units=%ld accounts=%d best_seconds=%.6f total_ore=%" PRId64 "\n", rows, units, ACCOUNTS, best,
         total);
  free(unit_codes);
  free(account_numbers);
  free(row_unit);
  free(row_account);
  free(row_month);
  free(row_amount);
  return 0;
}
