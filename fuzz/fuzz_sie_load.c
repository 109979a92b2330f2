/* libFuzzer target for the whole import: the reader, the loader (lib/io/sie_load.c) into a fresh
 * model, and the writer (lib/io/sie_write.c) on what was loaded.
 *
 * The last byte of an input chooses the options (the bytes before it are the SIE text):
 *   bit 0     strict mode
 *   bit 1     records with objects as parts (TERTIAL_SIE_ROWS_PARTITION)
 *   bits 2-3  outcome source: 0 automatic, 1 #TRANS, 2 #PSALDO, 3 automatic
 *   bit 4     load year -1 (else year 0)
 *   bit 5     unit dimension 6 (else 1)
 *   bit 6     a hierarchy text that names objects of the fixtures
 *   bit 7     at most 2 notes
 * The model's fiscal year is taken from the text's #RAR when it has one (so that loads get
 * past the year check), else 2024. After a successful load the model is written as SIE and
 * the result must read back in strict mode with a matching #KSUMMA: the writer's output is
 * valid whatever the model holds. See docs/fuzzing.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tertial/tertial.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char hierarchy[] = "SN;;Socialnämnden;1\nIFO;SN;;4\n6410;IFO;;5\n6420;IFO;;\n1;SN;Ett;\n";

/* The fiscal year of the loaded year number, if the text has a #RAR for it. */
static tertial_fiscal_year year_of(const uint8_t *data, size_t size, int year)
{
  tertial_fiscal_year fy = {2024, 1};
  tertial_sie_reader *r;
  if (tertial_sie_reader_new_memory(&r, data, size, NULL) < 0)
    return fy;
  const tertial_sie_record *rec;
  while (tertial_sie_reader_next(&rec, r) == 1)
    if (rec->label == TERTIAL_SIE_RAR && rec->year == year && rec->has_date) {
      if (tertial_fiscal_year_init(&fy, rec->date.year, rec->date.month) < 0)
        fy = (tertial_fiscal_year){2024, 1};
      break;
    }
  tertial_sie_reader_free(r);
  return fy;
}

static void write_and_check(tertial_model *m)
{
  char *out;
  size_t len;
  if (tertial_sie_write_buffer(&out, &len, NULL, m, NULL) < 0)
    return; /* an account total that does not fit is an error, not a crash */
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.mode = TERTIAL_SIE_STRICT;
  /* PC8 by declaration: text that came in mis-decoded can hold letters like σ or Σ, whose PC8
   * bytes are Latin-1's å and ä, and the reader's detection would then call the file Latin-1 */
  o.encoding = TERTIAL_SIE_ENCODING_CP437;
  tertial_sie_reader *r;
  if (tertial_sie_reader_new_memory(&r, out, len, &o) < 0)
    abort();
  const tertial_sie_record *rec;
  int rc;
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1)
    ;
  if (rc != 0 || !tertial_sie_reader_stats(r)->checksum_ok)
    abort(); /* the writer wrote something its own reader refuses */
  tertial_sie_reader_free(r);
  tertial_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  unsigned flags = data[size - 1];
  size--;
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.reader.mode = (flags & 1) ? TERTIAL_SIE_STRICT : TERTIAL_SIE_LENIENT;
  o.object_rows = (flags & 2) ? TERTIAL_SIE_ROWS_PARTITION : TERTIAL_SIE_ROWS_TOTAL;
  unsigned source = (flags >> 2) & 3;
  o.outcome_source = source == 3 ? TERTIAL_SIE_SOURCE_AUTO : (tertial_sie_source)source;
  o.year = (flags & 0x10) ? -1 : 0;
  o.unit_dimension = (flags & 0x20) ? 6 : 1;
  o.hierarchy = (flags & 0x40) ? hierarchy : NULL;
  o.max_notes = (flags & 0x80) ? 2 : 0;

  tertial_fiscal_year fy = year_of(data, size, o.year);
  tertial_model *m;
  if (tertial_model_new(&m, fy.first_year, fy.start_month) < 0)
    return 0;
  tertial_sie_load *l;
  if (tertial_sie_load_memory(&l, m, data, size, &o) == 0) {
    const tertial_sie_summary *s = tertial_sie_load_summary(l);
    size_t sink = strlen(s->company) + strlen(s->file);
    for (size_t i = 0; i < tertial_sie_load_note_count(l); i++)
      sink += strlen(tertial_sie_load_note(l, i)->message);
    for (size_t i = 0; i < tertial_sie_load_difference_count(l); i++)
      sink += strlen(tertial_sie_load_difference(l, i)->account);
    tertial_sie_figures f;
    /* modulo 2^64: the parts fit in int64, their sums need not */
    if (tertial_sie_load_figures(&f, l, TERTIAL_SIE_PSALDO) == 0 &&
        (uint64_t)f.current + (uint64_t)f.prior !=
            (uint64_t)f.loaded + (uint64_t)f.covered + (uint64_t)f.not_chosen + (uint64_t)f.unplaced)
      abort(); /* an amount neither loaded nor accounted for */
    (void)sink;
    tertial_sie_load_free(l);
    write_and_check(m);
  }
  tertial_model_free(m);
  return 0;
}
