/* libFuzzer target for the streaming load of facts from a CSV file (tertial_ledger_load_csv(),
 * lib/io/load_csv.c). The input is written to a temporary file and loaded into a model that has
 * units and accounts; the last byte chooses the delimiter (bits 0-1: detected, ',', ';', tab).
 * A failed load must leave every amount at zero (the rows added are taken out again); a load
 * that succeeds, made again, must double every amount exactly, or fail and leave them as the
 * first load left them. See docs/fuzzing.md. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tertial/tertial.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const units[] = {"K", "SN", "6410", "6420"};
static const char *const accounts[] = {"3511", "4610", "6110"};

static tertial_model *base(void)
{
  tertial_model *m = NULL;
  if (tertial_model_new(&m, 2026, 1) < 0)
    abort();
  tertial_unit_id parent = TERTIAL_NO_UNIT;
  for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
    tertial_unit_id u;
    if (tertial_org_add_unit(&u, tertial_model_org(m), units[i], units[i], parent, i ? 1 : 0, NULL) < 0)
      abort();
    if (i < 2)
      parent = u;
  }
  for (size_t i = 0; i < sizeof accounts / sizeof *accounts; i++) {
    tertial_account_id a;
    if (tertial_chart_ensure(&a, tertial_model_chart(m), accounts[i]) < 0)
      abort();
  }
  return m;
}

/* Every own amount of the model, in a fixed order. */
static void amounts(int64_t *out, tertial_model *m)
{
  tertial_ledger *l = tertial_model_ledger(m);
  size_t k = 0, nmeasures = tertial_ledger_measure_count(l);
  for (tertial_unit_id u = 0; u < 4; u++)
    for (tertial_account_id a = 0; a < 3; a++)
      for (int mo = 0; mo < 12; mo++)
        for (size_t me = 0; me < 3; me++)
          if (me >= nmeasures || tertial_ledger_get(&out[k++], l, u, a, mo, (int)me) < 0)
            out[k - 1] = 0;
}

#define NAMOUNTS (4 * 3 * 12 * 3)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  static const char delimiters[] = {0, ',', ';', '\t'};
  tertial_load_csv_options o = TERTIAL_LOAD_CSV_OPTIONS_INIT;
  o.delimiter = delimiters[data[size - 1] & 3];
  char path[] = "/tmp/fuzz-load-csv-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    abort();
  FILE *f = fdopen(fd, "wb");
  if (!f || fwrite(data, 1, size - 1, f) != size - 1 || fclose(f) != 0)
    abort();
  tertial_model *m = base();
  static int64_t first[NAMOUNTS], again[NAMOUNTS];
  size_t rows = 0;
  int rc = tertial_ledger_load_csv(&rows, tertial_model_ledger(m), path, &o);
  amounts(first, m);
  if (rc < 0) {
    if (rows != 0)
      abort();
    for (size_t i = 0; i < NAMOUNTS; i++)
      if (first[i] != 0)
        abort(); /* a failed load left an amount behind */
  } else {
    size_t rows2 = 0;
    int rc2 = tertial_ledger_load_csv(&rows2, tertial_model_ledger(m), path, &o);
    amounts(again, m);
    for (size_t i = 0; i < NAMOUNTS; i++)
      if (rc2 == 0 ? again[i] != 2 * first[i] : again[i] != first[i])
        abort(); /* the second load did not add exactly the first's amounts, or a failed one changed them */
    if (rc2 == 0 && rows2 != rows)
      abort();
  }
  tertial_model_free(m);
  unlink(path);
  return 0;
}
