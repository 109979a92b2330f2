/* libFuzzer target for the import of a municipality's own tables (lib/io/import.c and
 * table_read.c): the input is a CSV file, or, when it starts as a zip archive, an xlsx workbook
 * (written to a temporary file, as minizip reads files).
 *
 * The last byte of an input chooses what it is imported as (bits 0-1: organisation, accounts,
 * budget, outcome), bit 2 a dry run, bit 3 the sheet "Blad2" rather than the first, into a model
 * that has an organisation and accounts. A failed import must leave the model as it was (the
 * units and accounts counted); an import that succeeds must change nothing when it is made again
 * (amounts replace, units and accounts stay). See docs/fuzzing.md. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tertial/tertial.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char org[] = "kod;förälder;namn;nivå\nK;;Kommun;kommun\nSN;K;Socialnämnden;\n6410;SN;HVB;enhet\n";
static const char accounts[] = "konto;namn\n3511;Bidrag\n4610;Köp\n6110;Hyror\n";

static tertial_model *base(void)
{
  tertial_model *m = NULL;
  tertial_import *imp = NULL;
  if (tertial_model_new(&m, 2026, 1) < 0)
    return NULL;
  if (tertial_import_csv(&imp, m, org, sizeof org - 1, "org", TERTIAL_IMPORT_ORGANISATION, NULL) < 0)
    abort();
  tertial_import_free(imp);
  if (tertial_import_csv(&imp, m, accounts, sizeof accounts - 1, "acc", TERTIAL_IMPORT_ACCOUNTS, NULL) < 0)
    abort();
  tertial_import_free(imp);
  return m;
}

static int run(tertial_import **imp, tertial_model *m, const uint8_t *data, size_t size, const char *path,
               tertial_import_kind kind, const tertial_import_options *o)
{
  if (path)
    return tertial_import_file(imp, m, path, kind, o);
  return tertial_import_csv(imp, m, (const char *)data, size, "fuzz.csv", kind, o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  uint8_t opts = data[size - 1];
  size--;
  char path[] = "/tmp/fuzz-import-XXXXXX";
  const char *file = NULL;
  if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
    int fd = mkstemp(path);
    if (fd < 0)
      return 0;
    if (write(fd, data, size) != (ssize_t)size) {
      close(fd);
      unlink(path);
      return 0;
    }
    close(fd);
    file = path;
  }
  tertial_model *m = base();
  if (!m)
    abort();
  tertial_import_kind kind = (tertial_import_kind)(opts & 3);
  tertial_import_options o = TERTIAL_IMPORT_OPTIONS_INIT;
  o.dry_run = (opts >> 2) & 1;
  o.sheet = (opts >> 3) & 1 ? "Blad2" : NULL;
  size_t units = tertial_org_unit_count(tertial_model_org(m));
  size_t accs = tertial_chart_count(tertial_model_chart(m));
  tertial_import *imp = NULL;
  int rc = run(&imp, m, data, size, file, kind, &o);
  if (rc < 0 || o.dry_run) {
    if (tertial_org_unit_count(tertial_model_org(m)) != units || tertial_chart_count(tertial_model_chart(m)) != accs)
      abort(); /* a failed import or a dry run changed the model */
    if (rc == TERTIAL_ERR_PARSE && (!imp || tertial_import_error_count(imp) == 0))
      abort(); /* a parse error lists its errors */
  } else {
    tertial_import_free(imp);
    imp = NULL;
    if (run(&imp, m, data, size, file, kind, &o) < 0)
      abort(); /* what was imported once imports again */
    const tertial_import_summary *s = tertial_import_summary_of(imp);
    if (s->applied || s->units_added || s->units_updated || s->accounts_added || s->accounts_updated ||
        s->amounts_changed)
      abort(); /* the second time changes nothing */
  }
  tertial_import_free(imp);
  tertial_model_free(m);
  if (file)
    unlink(path);
  return 0;
}
