/* libFuzzer target for the SIE reader (lib/io/sie.c, lib/io/sie_text.c).
 *
 * The last byte of an input chooses the reader's options, the bytes before it are the SIE
 * text. (The last byte, so that the files of the corpus are good seeds as they are: most end
 * in a line feed, 0x0A, which means lenient, detected encoding, from memory.)
 *   bit 0     strict mode (else lenient)
 *   bits 1-3  forced encoding: 0 and 5-7 detect, 1-4 force ASCII, CP437, UTF-8, Latin-1
 *   bit 4     read through a file in 64-byte blocks (else from memory), so lines straddle
 *             block ends and the refill paths run
 *   bit 5     a short maximum line (80 bytes)
 *   bit 6     return records with unknown labels
 *   bit 7     keep at most 3 diagnostics
 * Every record is read to the end and its strings, objects and fields are touched, so
 * AddressSanitizer sees any pointer the reader hands out that is not valid. See
 * docs/fuzzing.md. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tertial/tertial.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char temp_path[64];
static volatile size_t fuzz_sink; /* keeps the reads from being optimised away */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  snprintf(temp_path, sizeof temp_path, "/tmp/tertial-fuzz-sie-%ld.se", (long)getpid());
  return 0;
}

static size_t touch(const char *s)
{
  return s ? strlen(s) : 0;
}

static void consume(const tertial_sie_record *rec, size_t *sink)
{
  *sink += touch(rec->tag) + touch(rec->account) + touch(rec->object) + touch(rec->text) + touch(rec->text2);
  *sink += touch(rec->series) + touch(rec->voucher_number) + touch(rec->sign);
  *sink += (size_t)rec->amount + (size_t)rec->quantity + (size_t)rec->period + (size_t)rec->year;
  for (size_t i = 0; i < rec->object_count; i++)
    *sink += (size_t)rec->objects[i].dimension + touch(rec->objects[i].object);
  for (size_t i = 0; i < rec->field_count; i++)
    *sink += touch(tertial_sie_record_field(rec, i));
  *sink += touch(tertial_sie_label_name(rec->label));
}

static int write_temp(const uint8_t *data, size_t size)
{
  FILE *f = fopen(temp_path, "wb");
  if (!f)
    return -1;
  int ok = fwrite(data, 1, size, f) == size;
  ok &= fclose(f) == 0;
  return ok ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  unsigned flags = data[size - 1];
  size--;
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.mode = (flags & 1) ? TERTIAL_SIE_STRICT : TERTIAL_SIE_LENIENT;
  unsigned enc = (flags >> 1) & 7;
  o.encoding = enc <= 4 ? (tertial_sie_encoding)enc : TERTIAL_SIE_ENCODING_AUTO;
  if (flags & 0x20)
    o.max_line = 80;
  o.return_unknown = (flags & 0x40) != 0;
  if (flags & 0x80)
    o.max_diagnostics = 3;

  tertial_sie_reader *r = NULL;
  if (flags & 0x10) {
    if (write_temp(data, size) < 0)
      return 0;
    o.block_size = 64;
    if (tertial_sie_reader_new_file(&r, temp_path, &o) < 0)
      return 0;
  } else if (tertial_sie_reader_new_memory(&r, data, size, &o) < 0) {
    return 0;
  }
  const tertial_sie_record *rec;
  size_t sink = 0;
  int rc;
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1)
    consume(rec, &sink);
  /* after the end (or an error) the reader keeps answering the same */
  if (tertial_sie_reader_next(&rec, r) != (rc < 0 ? rc : 0))
    abort();
  for (size_t i = 0; i < tertial_sie_reader_diagnostic_count(r); i++) {
    const tertial_sie_diagnostic *d = tertial_sie_reader_diagnostic(r, i);
    sink += touch(d->file) + touch(d->label) + touch(d->expected) + touch(d->found) + touch(d->message);
    sink += touch(tertial_sie_problem_name(d->problem));
  }
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  sink += (size_t)s->records + touch(tertial_sie_encoding_name(tertial_sie_reader_encoding(r)));
  tertial_sie_reader_free(r);
  fuzz_sink += sink;
  return 0;
}
