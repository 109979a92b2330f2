/* Tests of the SIE reader: the project's own fixtures (tests/fixtures/sie/, one per quirk of
 * SIE4.md, expectations checked by hand) and the shared corpus of real files, whose counts and
 * sums come from an independent counter (tests/sie_oracle.py -> tests/sie_corpus_expected.h). */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen, dirent */

#include "testutil.h"

#include "sie_corpus_expected.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURES TERTIAL_SOURCE_ROOT "/tests/fixtures/sie/"
#define CORPUS TERTIAL_SOURCE_ROOT "/../shared/corpus/sie"

/* ---------------------------------------------------------------------------------- */
/* Helpers                                                                             */
/* ---------------------------------------------------------------------------------- */

static tertial_sie_reader *open_with(const char *name, tertial_sie_mode mode, size_t block_size)
{
  char path[512];
  snprintf(path, sizeof path, "%s%s", FIXTURES, name);
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.mode = mode;
  o.block_size = block_size;
  tertial_sie_reader *r = NULL;
  T_OK(tertial_sie_reader_new_file(&r, path, &o));
  return r;
}

static tertial_sie_reader *open_fixture(const char *name, tertial_sie_mode mode)
{
  return open_with(name, mode, 0);
}

static const tertial_sie_record *next(tertial_sie_reader *r)
{
  const tertial_sie_record *rec = NULL;
  int rc = tertial_sie_reader_next(&rec, r);
  ck_assert_msg(rc == 1, "expected a record, got %d: %s", rc, tertial_error_last());
  return rec;
}

/* The record on line `line` (the records before it are read and dropped). */
static const tertial_sie_record *at_line(tertial_sie_reader *r, size_t line)
{
  const tertial_sie_record *rec;
  do
    rec = next(r);
  while (rec->line < line);
  ck_assert_uint_eq(rec->line, line);
  return rec;
}

static void read_to_end(tertial_sie_reader *r)
{
  const tertial_sie_record *rec;
  int rc;
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1)
    ;
  ck_assert_msg(rc == 0, "reading ended with %d: %s", rc, tertial_error_last());
}

/* Read in strict mode until the error; returns the diagnostic that stopped it. */
static const tertial_sie_diagnostic *strict_stop(tertial_sie_reader *r)
{
  const tertial_sie_record *rec;
  int rc;
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1)
    ;
  ck_assert_int_eq(rc, TERTIAL_ERR_PARSE);
  size_t n = tertial_sie_reader_diagnostic_count(r);
  ck_assert_uint_ge(n, 1);
  const tertial_sie_diagnostic *d = tertial_sie_reader_diagnostic(r, n - 1);
  ck_assert_int_eq(d->action, TERTIAL_SIE_STOPPED);
  ck_assert_int_eq(d->is_error, 1);
  return d;
}

static void expect_diag(const tertial_sie_reader *r, size_t i, tertial_sie_problem problem, size_t line,
                        size_t column, tertial_sie_action action)
{
  const tertial_sie_diagnostic *d = tertial_sie_reader_diagnostic(r, i);
  ck_assert_msg(d != NULL, "no diagnostic %zu", i);
  ck_assert_msg(d->problem == problem && d->line == line && d->action == action &&
                    (column == (size_t)-1 || d->column == column),
                "diagnostic %zu: got %s line %zu column %zu action %d, "
                "expected %s line %zu column %lld action %d: %s",
                i,
                tertial_sie_problem_name(d->problem), d->line, d->column, (int)d->action,
                tertial_sie_problem_name(problem), line, (long long)column, (int)action, d->message);
}

#define ANY_COLUMN ((size_t)-1)

static int64_t ore(int64_t kr, int64_t ore_part)
{
  return kr * 100 + ore_part;
}

/* ---------------------------------------------------------------------------------- */
/* Fixtures                                                                            */
/* ---------------------------------------------------------------------------------- */

/* A clean type 4E file: every record of SIE4.md's table and its typed fields. */
START_TEST(test_basic_records)
{
  tertial_sie_reader *r = open_fixture("basic.se", TERTIAL_SIE_STRICT);
  const tertial_sie_record *rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_FLAGGA);
  ck_assert_str_eq(rec->tag, "#FLAGGA");
  ck_assert_int_eq(rec->number, 0);
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_PROGRAM);
  ck_assert_str_eq(rec->text, "Tertial test");
  ck_assert_str_eq(rec->text2, "1.0");
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_FORMAT);
  ck_assert_str_eq(rec->text, "PC8");
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_GEN);
  ck_assert(rec->has_date && rec->date.year == 2024 && rec->date.month == 1 && rec->date.day == 15);
  ck_assert_str_eq(rec->sign, "Anna Berg");
  rec = at_line(r, 8); /* #RAR 0 20230701 20240630: a broken fiscal year */
  ck_assert_int_eq(rec->label, TERTIAL_SIE_RAR);
  ck_assert_int_eq(rec->year, 0);
  ck_assert(rec->date.year == 2023 && rec->date.month == 7 && rec->date.day == 1);
  ck_assert(rec->has_date2 && rec->date2.year == 2024 && rec->date2.month == 6 && rec->date2.day == 30);
  rec = next(r);
  ck_assert_int_eq(rec->year, -1);
  rec = at_line(r, 13);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_UNDERDIM);
  ck_assert_int_eq(rec->dimension, 21);
  ck_assert_int_eq(rec->superdimension, 1);
  ck_assert_str_eq(rec->text, "Verksamhet");
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_OBJEKT);
  ck_assert_int_eq(rec->dimension, 1);
  ck_assert_str_eq(rec->object, "6410");
  ck_assert_str_eq(rec->text, "HVB barn");
  rec = next(r);
  ck_assert_str_eq(rec->object, "6420"); /* unquoted object code */
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_KONTO);
  ck_assert_str_eq(rec->account, "1930");
  ck_assert_str_eq(rec->text, "Bank");
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_KTYP);
  ck_assert_str_eq(rec->text, "T");
  rec = at_line(r, 22);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_SRU);
  ck_assert_str_eq(rec->text, "7699");
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_ENHET);
  ck_assert_str_eq(rec->text, "st");
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_IB);
  ck_assert_int_eq(rec->amount, ore(1000000, 0));
  ck_assert_int_eq(rec->has_quantity, 0);
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_UB);
  ck_assert_int_eq(rec->amount, ore(1250000, 50));
  ck_assert(rec->has_quantity && rec->quantity == 3000000);
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_RES);
  ck_assert_int_eq(rec->amount, ore(-500000, 0));
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_OIB);
  ck_assert_int_eq(rec->amount, ore(10, 50)); /* one decimal */
  ck_assert_uint_eq(rec->object_count, 1);
  ck_assert_int_eq(rec->objects[0].dimension, 1);
  ck_assert_str_eq(rec->objects[0].object, "6410");
  rec = next(r);
  ck_assert_int_eq(rec->amount, -ore(10, 25));
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_PSALDO);
  ck_assert_int_eq(rec->period, 202307);
  ck_assert_str_eq(rec->account, "4610");
  ck_assert(rec->has_objects && rec->object_count == 0);
  ck_assert_int_eq(rec->amount, ore(250000, 0));
  rec = next(r);
  ck_assert_uint_eq(rec->object_count, 1);
  ck_assert(rec->has_quantity && rec->quantity == 12000000);
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_PBUDGET);
  ck_assert_int_eq(rec->period, 202308);
  ck_assert_str_eq(tertial_sie_record_object(rec, 0)->object, "6420");
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_VER);
  ck_assert_str_eq(rec->series, "A");
  ck_assert_str_eq(rec->voucher_number, "1");
  ck_assert_str_eq(rec->text, "Faktura 17");
  ck_assert(rec->has_date2 && rec->date2.day == 16);
  ck_assert_str_eq(rec->sign, "Anna Berg");
  rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_TRANS);
  ck_assert_uint_eq(rec->line, 34);
  ck_assert_str_eq(rec->series, "A"); /* the voucher's */
  ck_assert_str_eq(rec->voucher_number, "1");
  ck_assert_int_eq(rec->amount, -ore(1250, 50));
  ck_assert(rec->has_date && rec->date.day == 15); /* no transdate: the voucher's date */
  rec = next(r);
  ck_assert_uint_eq(rec->object_count, 2);
  ck_assert_int_eq(rec->objects[1].dimension, 21);
  ck_assert_str_eq(rec->objects[1].object, "IFO");
  ck_assert(rec->date.day == 14);
  ck_assert_str_eq(rec->text, "Kop");
  ck_assert(rec->has_quantity && rec->quantity == 2500000);
  ck_assert_str_eq(rec->sign, "Anna Berg");
  ck_assert_uint_eq(rec->field_count, 7);
  ck_assert_str_eq(tertial_sie_record_field(rec, 1), "1 \"6410\" 21 \"IFO\"");
  ck_assert_ptr_null(tertial_sie_record_field(rec, 7));
  rec = next(r);
  ck_assert(rec->has_date && rec->date.day == 15); /* transdate "" is absent */
  ck_assert_str_eq(rec->text, "");
  read_to_end(r);
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  ck_assert_uint_eq(s->records, 35);
  ck_assert_uint_eq(s->lines, 37);
  ck_assert_uint_eq(s->vouchers, 1);
  ck_assert_uint_eq(s->transactions, 3);
  ck_assert_int_eq(s->sie_type, 4);
  ck_assert_uint_eq(s->warnings + s->errors, 0);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 0);
  ck_assert_int_eq(tertial_sie_reader_encoding(r), TERTIAL_SIE_ENCODING_ASCII);
  ck_assert_int_eq(tertial_sie_reader_declared_encoding(r), TERTIAL_SIE_ENCODING_CP437);
  tertial_sie_reader_free(r);
}
END_TEST

/* Quotes and escapes; object lists as {}, { }, {"1" "456" "7" "47"}, {1   AO}, TABs. */
START_TEST(test_quotes_and_object_lists)
{
  tertial_sie_reader *r = open_fixture("quotes.si", TERTIAL_SIE_STRICT);
  const tertial_sie_record *rec = at_line(r, 2);
  ck_assert_str_eq(rec->text, "Kassa \"Ozelot\"");
  ck_assert_str_eq(rec->text2, "1.0 - \"alpha\"");
  rec = next(r);
  ck_assert_str_eq(rec->text, "PC8"); /* #FORMAT "PC8" quoted */
  rec = at_line(r, 7);
  ck_assert_str_eq(rec->text, "C:\\Program\\Bolag"); /* a backslash alone is a backslash */
  rec = next(r);
  ck_assert_str_eq(rec->series, "");
  ck_assert_str_eq(rec->voucher_number, "");
  rec = next(r);
  ck_assert_int_eq(rec->amount, ore(100, 0));
  ck_assert(rec->has_objects && rec->object_count == 0);
  rec = next(r);
  ck_assert(rec->has_objects && rec->object_count == 0);
  ck_assert_str_eq(rec->fields[1], "");
  rec = next(r);
  ck_assert_uint_eq(rec->object_count, 2);
  ck_assert(rec->objects[0].dimension == 1 && strcmp(rec->objects[0].object, "456") == 0);
  ck_assert(rec->objects[1].dimension == 7 && strcmp(rec->objects[1].object, "47") == 0);
  rec = next(r);
  ck_assert_uint_eq(rec->object_count, 1);
  ck_assert_str_eq(rec->objects[0].object, "AO");
  rec = next(r);
  ck_assert_uint_eq(rec->object_count, 1);
  ck_assert_str_eq(rec->objects[0].object, "A B");
  ck_assert_str_eq(rec->fields[1], "1 \"A B\""); /* TABs in a list are separators */
  read_to_end(r);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 0);
  tertial_sie_reader_free(r);
}
END_TEST

static void check_swedish(tertial_sie_reader *r)
{
  ck_assert_str_eq(at_line(r, 6)->text, "Fören. Åsa Öberg");
  ck_assert_str_eq(next(r)->text, "Avgifter äldreomsorg");
  ck_assert_str_eq(next(r)->text, "Café");
  const tertial_sie_record *rec = next(r);
  ck_assert_str_eq(rec->object, "Å1");
  ck_assert_str_eq(rec->text, "Årsta");
}

/* PC8 bytes 0x94 ö, 0x8F Å, 0x99 Ö, 0x84 ä, 0x82 é come out as UTF-8. */
START_TEST(test_pc8)
{
  tertial_sie_reader *r = open_fixture("pc8.se", TERTIAL_SIE_STRICT);
  check_swedish(r);
  read_to_end(r);
  ck_assert_int_eq(tertial_sie_reader_encoding(r), TERTIAL_SIE_ENCODING_CP437);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 0);
  tertial_sie_reader_free(r);
}
END_TEST

/* The same text in UTF-8 under #FORMAT PC8: detected, read right, the claim reported. */
START_TEST(test_utf8_claiming_pc8)
{
  tertial_sie_reader *r = open_fixture("utf8.se", TERTIAL_SIE_LENIENT);
  check_swedish(r);
  read_to_end(r);
  ck_assert_int_eq(tertial_sie_reader_encoding(r), TERTIAL_SIE_ENCODING_UTF8);
  ck_assert_int_eq(tertial_sie_reader_declared_encoding(r), TERTIAL_SIE_ENCODING_CP437);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 1);
  expect_diag(r, 0, TERTIAL_SIE_ENCODING_MISMATCH, 6, 10, TERTIAL_SIE_KEPT); /* at the ö of "Fören." */
  tertial_sie_reader_free(r);

  r = open_fixture("utf8.se", TERTIAL_SIE_STRICT);
  const tertial_sie_diagnostic *d = strict_stop(r);
  ck_assert_int_eq(d->problem, TERTIAL_SIE_ENCODING_MISMATCH);
  ck_assert_uint_eq(d->line, 6);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "utf8.se:6:10: #FORMAT says PC8 but the bytes are UTF-8"));
  tertial_sie_reader_free(r);
}
END_TEST

/* ISO-8859-15: Swedish letters at 0xE5.. and € at 0xA4. */
START_TEST(test_latin1)
{
  tertial_sie_reader *r = open_fixture("latin1.se", TERTIAL_SIE_LENIENT);
  check_swedish(r);
  ck_assert_str_eq(next(r)->text, "Pris i €");
  read_to_end(r);
  ck_assert_int_eq(tertial_sie_reader_encoding(r), TERTIAL_SIE_ENCODING_LATIN1);
  expect_diag(r, 0, TERTIAL_SIE_ENCODING_MISMATCH, 6, 10, TERTIAL_SIE_KEPT);
  tertial_sie_reader_free(r);
}
END_TEST

/* Forcing an encoding skips detection: UTF-8 bytes read as CP437 give other letters. */
START_TEST(test_forced_encoding)
{
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.encoding = TERTIAL_SIE_ENCODING_CP437;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_file(&r, FIXTURES "utf8.se", &o));
  ck_assert_str_eq(at_line(r, 6)->text, "F├╢ren. ├àsa ├ûberg");
  read_to_end(r);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 0);
  tertial_sie_reader_free(r);
}
END_TEST

/* The first letter above 127 is cut by the end of a block: the decision waits for the rest. */
START_TEST(test_detection_across_blocks)
{
  char text[128];
  int n = snprintf(text, sizeof text, "#FLAGGA 0\n#FNAMN \"%045d\xC3\xA4\"\n#SIETYP 4\n", 0);
  ck_assert_uint_eq((unsigned char)text[63], 0xC3);
  char path[] = "/tmp/sie_cut_XXXXXX";
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  FILE *f = fdopen(fd, "wb");
  fwrite(text, 1, (size_t)n, f);
  fclose(f);
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.block_size = 64;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_file(&r, path, &o));
  const tertial_sie_record *rec = at_line(r, 2);
  ck_assert_str_eq(rec->text + 45, "ä");
  ck_assert_int_eq(tertial_sie_reader_encoding(r), TERTIAL_SIE_ENCODING_UTF8);
  tertial_sie_reader_free(r);
  remove(path);
}
END_TEST

/* A byte-order mark is skipped and means UTF-8; bytes that are not UTF-8 become U+FFFD. */
START_TEST(test_bom_and_invalid_utf8)
{
  static const char text[] = "\xEF\xBB\xBF#FLAGGA 0\n#FNAMN \"K\xC3\xA5ren \xFF\"\n";
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_memory(&r, text, sizeof text - 1, NULL));
  ck_assert_int_eq(next(r)->label, TERTIAL_SIE_FLAGGA);
  ck_assert_str_eq(next(r)->text, "Kåren \xEF\xBF\xBD");
  read_to_end(r);
  ck_assert_int_eq(tertial_sie_reader_encoding(r), TERTIAL_SIE_ENCODING_UTF8);
  expect_diag(r, 0, TERTIAL_SIE_BAD_ENCODING, 2, 8, TERTIAL_SIE_REPAIRED);
  tertial_sie_reader_free(r);
}
END_TEST

/* #RTRANS is followed by a #TRANS repeating it (marked duplicate); #BTRANS does not count. */
START_TEST(test_rtrans_btrans)
{
  tertial_sie_reader *r = open_fixture("rtrans.se", TERTIAL_SIE_LENIENT);
  int64_t sum = 0;
  int dups = 0;
  const tertial_sie_record *rec;
  while (tertial_sie_reader_next(&rec, r) == 1) {
    if (rec->label == TERTIAL_SIE_BTRANS) {
      ck_assert_uint_eq(rec->line, 10);
      ck_assert_str_eq(rec->sign, "Eva");
    }
    if (rec->label == TERTIAL_SIE_RTRANS || (rec->label == TERTIAL_SIE_TRANS && !rec->duplicate))
      sum += rec->amount;
    if (rec->duplicate) {
      ck_assert(rec->line == 12 || rec->line == 18);
      dups++;
    }
  }
  ck_assert_int_eq(sum, 0);
  ck_assert_int_eq(dups, 2);
  ck_assert_uint_eq(tertial_sie_reader_stats(r)->duplicates, 2);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 2); /* every voucher balances */
  expect_diag(r, 0, TERTIAL_SIE_RTRANS_MISMATCH, 18, 0, TERTIAL_SIE_REPAIRED); /* date differs */
  expect_diag(r, 1, TERTIAL_SIE_RTRANS_MISMATCH, 23, 0, TERTIAL_SIE_KEPT);     /* not repeated */
  tertial_sie_reader_free(r);

  r = open_fixture("rtrans.se", TERTIAL_SIE_STRICT);
  ck_assert_uint_eq(strict_stop(r)->line, 18);
  tertial_sie_reader_free(r);
}
END_TEST

START_TEST(test_ksumma)
{
  tertial_sie_reader *r = open_fixture("ksumma_good.se", TERTIAL_SIE_STRICT);
  read_to_end(r);
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  ck_assert(s->checksum_present && s->checksum_ok);
  ck_assert_uint_eq(s->checksum_stated, 572122845u); /* zlib.crc32 of the fields, by sie_oracle.py's rule */
  ck_assert_uint_eq(s->checksum_computed, 572122845u);
  tertial_sie_reader_free(r);

  r = open_fixture("ksumma_bad.se", TERTIAL_SIE_LENIENT); /* one amount changed after summing */
  read_to_end(r);
  s = tertial_sie_reader_stats(r);
  ck_assert(s->checksum_present && !s->checksum_ok);
  ck_assert_uint_ne(s->checksum_computed, 572122845u);
  expect_diag(r, 0, TERTIAL_SIE_CHECKSUM, 12, 9, TERTIAL_SIE_KEPT);
  tertial_sie_reader_free(r);

  r = open_fixture("ksumma_bad.se", TERTIAL_SIE_STRICT);
  ck_assert_uint_eq(strict_stop(r)->line, 12);
  tertial_sie_reader_free(r);
}
END_TEST

/* CRC-32 as zlib computes it (check value of "123456789"). */
uint32_t tertial__sie_crc32(uint32_t crc, const unsigned char *p, size_t n);
START_TEST(test_crc32)
{
  ck_assert_uint_eq(tertial__sie_crc32(0, (const unsigned char *)"123456789", 9), 0xCBF43926u);
  uint32_t part = tertial__sie_crc32(0, (const unsigned char *)"1234", 4);
  ck_assert_uint_eq(tertial__sie_crc32(part, (const unsigned char *)"56789", 5), 0xCBF43926u);
  ck_assert_uint_eq(tertial__sie_crc32(0, NULL, 0), 0);
}
END_TEST

/* The text layer's parsers, directly (internal functions of lib/io/sie_text.c). */
int tertial__sie_parse_amount(int64_t *out, const unsigned char *p, size_t n, unsigned *quirks);
int tertial__sie_parse_quantity(int64_t *out, const unsigned char *p, size_t n);
int tertial__sie_parse_date(tertial_date *out, const unsigned char *p, size_t n);
int tertial__sie_parse_period(int *out, const unsigned char *p, size_t n);

START_TEST(test_number_parsers)
{
  /* quirks: 1 plus sign, 2 extra zero decimals, 4 bare decimal point */
  static const struct { const char *text; int rc; int64_t ore; unsigned quirks; } amounts[] = {
    {"0", 0, 0, 0},
    {"-0.05", 0, -5, 0},
    {"1.5", 0, 150, 0},
    {"1234.56", 0, 123456, 0},
    {"-1234.5", 0, -123450, 0},
    {"9999999999999999.99", 0, INT64_C(999999999999999999), 0},
    {"92233720368547758.07", 0, INT64_MAX, 0},
    {"-92233720368547758.08", 0, INT64_MIN, 0},
    {"92233720368547758.08", -2, 0, 0},
    {"-92233720368547758.09", -2, 0, 0},
    {"99999999999999999999999", -2, 0, 0},
    {"00000000000000000000001.00", 0, 100, 0},
    {"12.", 0, 1200, 4},
    {".5", 0, 50, 4},
    {"+5", 0, 500, 1},
    {"5.000", 0, 500, 2},
    {"5.001", -1, 0, 0},
    {"", -1, 0, 0},
    {"-", -1, 0, 0},
    {".", -1, 0, 0},
    {"1.2.3", -1, 0, 0},
    {"1,5", -1, 0, 0},
    {"1e3", -1, 0, 0},
    {" 1", -1, 0, 0},
    {"1.5x", -1, 0, 0},
  };
  for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
    int64_t v = 0;
    unsigned q = 0;
    const char *t = amounts[i].text;
    int rc = tertial__sie_parse_amount(&v, (const unsigned char *)t, strlen(t), &q);
    ck_assert_msg(rc == amounts[i].rc, "\"%s\": rc %d", t, rc);
    if (rc == 0)
      ck_assert_msg(v == amounts[i].ore && q == amounts[i].quirks, "\"%s\": %lld quirks %u", t, (long long)v, q);
  }
  int64_t qty;
  ck_assert_int_eq(tertial__sie_parse_quantity(&qty, (const unsigned char *)"10.000000", 9), 0);
  ck_assert_int_eq(qty, 10000000);
  ck_assert_int_eq(tertial__sie_parse_quantity(&qty, (const unsigned char *)"-0.0000015", 10), -1);
  tertial_date d;
  ck_assert_int_eq(tertial__sie_parse_date(&d, (const unsigned char *)"20240229", 8), 0);
  ck_assert(d.year == 2024 && d.month == 2 && d.day == 29);
  ck_assert_int_eq(tertial__sie_parse_date(&d, (const unsigned char *)"20230229", 8), -1);
  ck_assert_int_eq(tertial__sie_parse_date(&d, (const unsigned char *)"20241301", 8), -1);
  ck_assert_int_eq(tertial__sie_parse_date(&d, (const unsigned char *)"2024010", 7), -1);
  int period;
  ck_assert_int_eq(tertial__sie_parse_period(&period, (const unsigned char *)"202412", 6), 0);
  ck_assert_int_eq(period, 202412);
  ck_assert_int_eq(tertial__sie_parse_period(&period, (const unsigned char *)"202413", 6), -1);
  ck_assert_int_eq(tertial__sie_parse_period(&period, (const unsigned char *)"1119", 4), -1);
}
END_TEST

/* Unreadable amounts are reported and counted, never dropped silently. */
START_TEST(test_bad_amounts)
{
  tertial_sie_reader *r = open_fixture("bad_amount.se", TERTIAL_SIE_LENIENT);
  const tertial_sie_record *rec = at_line(r, 10);
  ck_assert_int_eq(rec->amount, ore(100, 0)); /* "+100.00" */
  ck_assert_int_eq(next(r)->amount, -ore(5, 0)); /* "-5.000" */
  rec = at_line(r, 15);
  ck_assert_int_eq(rec->amount, INT64_MAX);
  ck_assert_int_eq(next(r)->amount, INT64_MIN);
  ck_assert_int_eq(next(r)->amount, ore(12, 0)); /* "12." */
  read_to_end(r);
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  ck_assert_uint_eq(s->bad_amounts, 6);
  ck_assert_uint_eq(s->skipped_records, 6);
  ck_assert_uint_eq(s->records, 13);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 9);
  expect_diag(r, 0, TERTIAL_SIE_BAD_AMOUNT, 9, 12, TERTIAL_SIE_SKIPPED);  /* 12,50 */
  expect_diag(r, 1, TERTIAL_SIE_AMOUNT_FORM, 10, 12, TERTIAL_SIE_KEPT);   /* +100.00 */
  expect_diag(r, 2, TERTIAL_SIE_AMOUNT_FORM, 11, 13, TERTIAL_SIE_KEPT);   /* -5.000 */
  expect_diag(r, 3, TERTIAL_SIE_BAD_AMOUNT, 12, 13, TERTIAL_SIE_SKIPPED); /* 1.234 */
  expect_diag(r, 4, TERTIAL_SIE_BAD_AMOUNT, 13, 26, TERTIAL_SIE_SKIPPED); /* abc */
  expect_diag(r, 5, TERTIAL_SIE_BAD_AMOUNT, 14, 27, TERTIAL_SIE_SKIPPED); /* overflow */
  expect_diag(r, 6, TERTIAL_SIE_AMOUNT_FORM, 17, 27, TERTIAL_SIE_KEPT);   /* 12. */
  expect_diag(r, 7, TERTIAL_SIE_BAD_AMOUNT, 18, 27, TERTIAL_SIE_SKIPPED); /* "" */
  expect_diag(r, 8, TERTIAL_SIE_MISSING_FIELD, 19, 0, TERTIAL_SIE_SKIPPED);
  const tertial_sie_diagnostic *d = tertial_sie_reader_diagnostic(r, 0);
  ck_assert_str_eq(d->label, "#IB");
  ck_assert_str_eq(d->found, "12,50");
  ck_assert_str_eq(d->expected, "an amount like -1234.50");
  ck_assert_int_eq(d->is_error, 1);
  ck_assert_str_eq(d->message, FIXTURES "bad_amount.se:9:12: unreadable amount: expected an amount like "
                               "-1234.50, found \"12,50\" (record skipped)");
  tertial_sie_reader_free(r);

  r = open_fixture("bad_amount.se", TERTIAL_SIE_STRICT);
  d = strict_stop(r);
  ck_assert(d->line == 9 && d->column == 12 && d->problem == TERTIAL_SIE_BAD_AMOUNT);
  ck_assert_uint_eq(tertial_sie_reader_stats(r)->records, 8);
  tertial_sie_reader_free(r);
}
END_TEST

/* Unknown labels and trailing fields are ignored and counted; returned on request. */
START_TEST(test_unknown_labels)
{
  tertial_sie_reader *r = open_fixture("unknown.se", TERTIAL_SIE_STRICT);
  const tertial_sie_record *rec = at_line(r, 8);
  ck_assert_str_eq(rec->text, "Intakt");
  ck_assert_uint_eq(rec->field_count, 4);
  read_to_end(r);
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  ck_assert_uint_eq(s->unknown_records, 3);
  ck_assert_uint_eq(s->transactions, 2);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 0); /* #XTRANS inside a voucher is harmless */
  tertial_sie_reader_free(r);

  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.return_unknown = 1;
  T_OK(tertial_sie_reader_new_file(&r, FIXTURES "unknown.se", &o));
  rec = at_line(r, 7);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_UNKNOWN);
  ck_assert_str_eq(rec->tag, "#FOO");
  ck_assert_uint_eq(rec->field_count, 3);
  ck_assert_str_eq(rec->fields[1], "two words");
  ck_assert_str_eq(rec->fields[2], "3 \"x\"");
  ck_assert_str_eq(at_line(r, 12)->tag, "#XTRANS");
  ck_assert_str_eq(at_line(r, 15)->tag, "#BAR");
  read_to_end(r);
  tertial_sie_reader_free(r);
}
END_TEST

/* CRLF, blank and white lines, braces followed by TABs, no newline at the end. */
START_TEST(test_crlf)
{
  tertial_sie_reader *r = open_fixture("crlf.se", TERTIAL_SIE_STRICT);
  ck_assert_str_eq(at_line(r, 6)->text, "Exempelkommun");
  ck_assert_int_eq(at_line(r, 11)->amount, ore(10, 0));
  const tertial_sie_record *rec = at_line(r, 14);
  ck_assert_str_eq(rec->text, "Intakt");
  read_to_end(r);
  ck_assert_uint_eq(tertial_sie_reader_stats(r)->lines, 14);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 0);
  tertial_sie_reader_free(r);
}
END_TEST

/* The departures of real files (SIE4.md), one per line, and how lenient mode repairs them. */
START_TEST(test_quirks_lenient)
{
  tertial_sie_reader *r = open_fixture("quirks.se", TERTIAL_SIE_LENIENT);
  ck_assert_int_eq(at_line(r, 9)->date.year, 1970); /* #OMFATTN placeholder is a valid date */
  ck_assert_str_eq(next(r)->text, "Fordringar hos leverant\"r");
  ck_assert_str_eq(next(r)->text, "F\"rskott till Lind\" Park");
  const tertial_sie_record *rec = next(r);
  ck_assert_int_eq(rec->label, TERTIAL_SIE_KONTO); /* #konto */
  rec = next(r);
  ck_assert(rec->label == TERTIAL_SIE_PBUDGET && rec->has_objects && rec->object_count == 0);
  ck_assert_int_eq(rec->amount, -ore(1000, 0));
  rec = next(r);
  ck_assert(rec->period == 202402 && strcmp(rec->account, "3010") == 0); /* swapped back */
  rec = next(r);
  ck_assert(rec->label == TERTIAL_SIE_PSALDO && rec->year == -1 && rec->period == 202401);
  rec = next(r);
  ck_assert(rec->label == TERTIAL_SIE_VER && strcmp(rec->text, "Unterminated") == 0);
  ck_assert_str_eq(next(r)->series, "A"); /* the block opened without '{' */
  rec = at_line(r, 21);
  ck_assert(rec->label == TERTIAL_SIE_OIB && !rec->has_quantity);
  ck_assert_str_eq(at_line(r, 26)->text, "Tab inside");
  ck_assert_str_eq(next(r)->text, "X");
  ck_assert_str_eq(at_line(r, 29)->text, "Kontoplanstyp BAS 2024");
  read_to_end(r);

  static const struct { tertial_sie_problem problem; size_t line, column; tertial_sie_action action; } want[] = {
    {TERTIAL_SIE_BAD_QUOTE, 10, 37, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_BAD_QUOTE, 11, 15, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_BAD_QUOTE, 11, 32, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_BAD_LABEL, 12, 1, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_MISSING_OBJECT_LIST, 13, 0, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_SWAPPED_FIELDS, 14, 12, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_MISSING_OBJECT_LIST, 14, 0, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_PERIOD_OUTSIDE_YEAR, 15, 12, TERTIAL_SIE_KEPT},
    {TERTIAL_SIE_BAD_LINE, 16, 1, TERTIAL_SIE_SKIPPED},
    {TERTIAL_SIE_BAD_QUOTE, 17, 19, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_BAD_BLOCK, 18, 0, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_UNBALANCED_VOUCHER, 17, 0, TERTIAL_SIE_KEPT},
    {TERTIAL_SIE_BAD_QUANTITY, 21, 26, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_BAD_BLOCK, 22, 0, TERTIAL_SIE_KEPT},
    {TERTIAL_SIE_BAD_BLOCK, 23, 1, TERTIAL_SIE_SKIPPED},
    {TERTIAL_SIE_BAD_OBJECT_LIST, 24, 13, TERTIAL_SIE_SKIPPED},
    {TERTIAL_SIE_BAD_OBJECT_LIST, 25, 13, TERTIAL_SIE_SKIPPED},
    {TERTIAL_SIE_CONTROL_CHAR, 26, 13, TERTIAL_SIE_REPAIRED},
    {TERTIAL_SIE_BAD_NUMBER, 27, 12, TERTIAL_SIE_KEPT},
    {TERTIAL_SIE_BAD_DATE, 28, 6, TERTIAL_SIE_SKIPPED},
    {TERTIAL_SIE_BAD_QUOTE, 29, 8, TERTIAL_SIE_REPAIRED},
  };
  size_t n = sizeof want / sizeof want[0];
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), n);
  for (size_t i = 0; i < n; i++)
    expect_diag(r, i, want[i].problem, want[i].line, want[i].column, want[i].action);
  const tertial_sie_diagnostic *d = tertial_sie_reader_diagnostic(r, 11);
  ck_assert_str_eq(d->found, "10.00");
  ck_assert_ptr_nonnull(strstr(d->message, "voucher \"A\" \"1\" does not balance"));
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  ck_assert_uint_eq(s->skipped_records, 5);
  ck_assert_uint_eq(s->errors, 5);
  ck_assert_uint_eq(s->warnings, n - 5);
  ck_assert_uint_eq(s->bad_amounts, 0);
  tertial_sie_reader_free(r);
}
END_TEST

START_TEST(test_quirks_strict)
{
  tertial_sie_reader *r = open_fixture("quirks.se", TERTIAL_SIE_STRICT);
  const tertial_sie_diagnostic *d = strict_stop(r);
  ck_assert(d->problem == TERTIAL_SIE_BAD_QUOTE && d->line == 10 && d->column == 37);
  ck_assert_uint_eq(tertial_sie_reader_stats(r)->records, 9);
  const tertial_sie_record *rec = (const tertial_sie_record *)1;
  T_ERR(tertial_sie_reader_next(&rec, r), TERTIAL_ERR_PARSE); /* the error sticks */
  ck_assert_ptr_null(rec);
  tertial_sie_reader_free(r);
}
END_TEST

/* Mandatory identification records and an unclosed block at the end of the file. */
START_TEST(test_end_of_file_checks)
{
  static const char text[] = "#FLAGGA 0\n#VER A 1 20240101\n{\n#TRANS 1930 {} 1.00\n#TRANS 3010 {} -1.00\n";
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_memory(&r, text, sizeof text - 1, NULL));
  read_to_end(r);
  expect_diag(r, 0, TERTIAL_SIE_BAD_BLOCK, 5, 0, TERTIAL_SIE_REPAIRED);
  static const char *const missing[] = {"#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#FNAMN"};
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 6);
  for (size_t i = 0; i < 5; i++) {
    expect_diag(r, i + 1, TERTIAL_SIE_MISSING_RECORD, 5, 0, TERTIAL_SIE_KEPT);
    ck_assert_str_eq(tertial_sie_reader_diagnostic(r, i + 1)->expected, missing[i]);
  }
  const tertial_sie_record *rec;
  T_ERR(tertial_sie_reader_next(&rec, r), 0); /* the end stays the end */
  tertial_sie_reader_free(r);
}
END_TEST

/* A digest of everything a reading returned, to compare readings (wrapping arithmetic). */
static uint64_t digest(tertial_sie_reader *r)
{
  const tertial_sie_record *rec;
  uint64_t h = 0;
  while (tertial_sie_reader_next(&rec, r) == 1) {
    h = h * 31 + rec->line + (uint64_t)rec->label + (uint64_t)rec->amount + rec->object_count;
    for (const char *c = rec->text; *c; c++)
      h = h * 31 + (unsigned char)*c;
  }
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  return h * 31 + s->lines + s->warnings * 7 + s->errors * 13 + (uint64_t)s->checksum_ok;
}

/* Fixtures read the same through blocks of many small sizes (lines across block ends). */
START_TEST(test_block_boundaries)
{
  static const char *const names[] = {"basic.se", "quotes.si", "pc8.se", "utf8.se", "rtrans.se",
                                      "ksumma_good.se", "quirks.se", "crlf.se", "bad_amount.se"};
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
    tertial_sie_reader *ref = open_fixture(names[k], TERTIAL_SIE_LENIENT);
    uint64_t want = digest(ref);
    for (size_t block = 64; block < 200; block += 7) {
      tertial_sie_reader *r = open_with(names[k], TERTIAL_SIE_LENIENT, block);
      ck_assert_msg(digest(r) == want, "%s with blocks of %zu", names[k], block);
      ck_assert_int_eq(tertial_sie_reader_encoding(r), tertial_sie_reader_encoding(ref));
      tertial_sie_reader_free(r);
    }
    tertial_sie_reader_free(ref);
  }
}
END_TEST

/* The progress callback: called per block with the bytes so far and the file's size; at the
 * end once more with everything read; a non-zero answer stops the reader. */
typedef struct progress_log {
  uint64_t calls, last, total, stop_after;
  int decreasing;
} progress_log;

static int on_progress(uint64_t done, uint64_t total, void *data)
{
  progress_log *p = data;
  if (done < p->last)
    p->decreasing = 1;
  p->calls++;
  p->last = done;
  p->total = total;
  return p->stop_after && p->calls >= p->stop_after;
}

START_TEST(test_progress)
{
  char path[512];
  snprintf(path, sizeof path, "%s%s", FIXTURES, "basic.se");
  FILE *f = fopen(path, "rb");
  ck_assert_ptr_nonnull(f);
  fseek(f, 0, SEEK_END);
  uint64_t size = (uint64_t)ftell(f);
  fclose(f);

  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  progress_log log = {0};
  o.block_size = 64;
  o.progress = on_progress;
  o.progress_data = &log;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_file(&r, path, &o));
  read_to_end(r);
  tertial_sie_reader_free(r);
  /* one call per 64-byte block (the buffer keeps an unread tail, so a block can be shorter)
   * and one at the end of the file */
  ck_assert_uint_ge(log.calls, size / 64 + 1);
  ck_assert_uint_eq(log.last, size);
  ck_assert_uint_eq(log.total, size);
  ck_assert_int_eq(log.decreasing, 0);

  /* stop at the third call: the reader fails with CANCELLED, naming the file */
  progress_log stop = {.stop_after = 3};
  o.progress_data = &stop;
  T_OK(tertial_sie_reader_new_file(&r, path, &o));
  const tertial_sie_record *rec;
  int rc;
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1)
    ;
  ck_assert_int_eq(rc, TERTIAL_ERR_CANCELLED);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "basic.se: reading cancelled"));
  ck_assert_uint_eq(stop.calls, 3);
  tertial_sie_reader_free(r);

  /* a version-1 caller's options (no progress fields) are still accepted */
  tertial_sie_options v1 = TERTIAL_SIE_OPTIONS_INIT;
  v1.version = 1;
  v1.progress = on_progress; /* beyond a version-1 struct: ignored */
  T_OK(tertial_sie_reader_new_file(&r, path, &v1));
  read_to_end(r);
  tertial_sie_reader_free(r);
}
END_TEST

START_TEST(test_memory_source)
{
  static const char text[] = "#FLAGGA 0\n#KONTO 1930 \"Bank\"\n#IB 0 1930 1.50";
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.name = "inline.se";
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_memory(&r, text, sizeof text - 1, &o));
  ck_assert_str_eq(at_line(r, 2)->text, "Bank");
  ck_assert_int_eq(next(r)->amount, 150);
  read_to_end(r);
  ck_assert_str_eq(tertial_sie_reader_diagnostic(r, 0)->file, "inline.se");
  tertial_sie_reader_free(r);

  T_OK(tertial_sie_reader_new_memory(&r, NULL, 0, NULL)); /* empty input */
  read_to_end(r);
  ck_assert_uint_eq(tertial_sie_reader_stats(r)->lines, 0);
  tertial_sie_reader_free(r);
}
END_TEST

/* Fields are scanned eight bytes at a time: every byte that ends a run (a PC8 letter, an
 * escaped quote, a control character, a closing quote, a '}', a TAB) is found at each offset
 * of the eight, and the text around it is kept whole. */
START_TEST(test_scan_offsets)
{
  char text[8192], want[17][7][64];
  size_t n = 0;
  for (int k = 0; k < 17; k++) {
    char a[24], b[24];
    memset(a, 'a', (size_t)k);
    a[k] = '\0';
    memset(b, 'b', (size_t)(16 - k));
    b[16 - k] = '\0';
    n += (size_t)snprintf(text + n, sizeof text - n, "#FNAMN \"%s\x84%s\"\n", a, b); /* PC8 ä */
    snprintf(want[k][0], sizeof want[k][0], "%s\xC3\xA4%s", a, b);
    n += (size_t)snprintf(text + n, sizeof text - n, "#FNAMN \"%s\\\"%s\"\n", a, b);
    snprintf(want[k][1], sizeof want[k][1], "%s\"%s", a, b);
    n += (size_t)snprintf(text + n, sizeof text - n, "#FNAMN \"%s\x01%s\"\n", a, b);
    snprintf(want[k][2], sizeof want[k][2], "%s %s", a, b);
    n += (size_t)snprintf(text + n, sizeof text - n, "#FNAMN \"%s\" x%s\n", a, b);
    snprintf(want[k][3], sizeof want[k][3], "%s", a);
    n += (size_t)snprintf(text + n, sizeof text - n, "#TRANS 1930 {1 %s1} 1.00\n", a);
    snprintf(want[k][4], sizeof want[k][4], "%s1", a);
    const char *digits = "2345678901234567" + 16 - k;
    n += (size_t)snprintf(text + n, sizeof text - n, "#KONTO 1%s\t\"x%s\"\n", digits, b);
    snprintf(want[k][5], sizeof want[k][5], "1%s", digits);
    snprintf(want[k][6], sizeof want[k][6], "x%s", b);
  }
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.encoding = TERTIAL_SIE_ENCODING_CP437;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_memory(&r, text, n, &o));
  for (int k = 0; k < 17; k++) {
    for (int v = 0; v < 4; v++)
      ck_assert_str_eq(next(r)->text, want[k][v]);
    const tertial_sie_record *rec = next(r);
    ck_assert_uint_eq(rec->object_count, 1);
    ck_assert_str_eq(rec->objects[0].object, want[k][4]);
    rec = next(r);
    ck_assert_str_eq(rec->account, want[k][5]);
    ck_assert_str_eq(rec->text, want[k][6]);
    ck_assert_uint_eq(rec->field_count, 2);
  }
  read_to_end(r);
  /* the control characters were replaced, each with its diagnostic */
  size_t ctrl = 0;
  for (size_t i = 0; i < tertial_sie_reader_diagnostic_count(r); i++)
    ctrl += tertial_sie_reader_diagnostic(r, i)->problem == TERTIAL_SIE_CONTROL_CHAR;
  ck_assert_uint_eq(ctrl, 17);
  tertial_sie_reader_free(r);
}
END_TEST

/* A line longer than max_line is skipped with a diagnostic, from memory and from a file. */
START_TEST(test_long_line)
{
  char text[600];
  int n = snprintf(text, sizeof text, "#FLAGGA 0\n#FNAMN \"%0300d\"\n#SIETYP 4\n", 7);
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.max_line = 100;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_memory(&r, text, (size_t)n, &o));
  ck_assert_int_eq(next(r)->label, TERTIAL_SIE_FLAGGA);
  const tertial_sie_record *rec = next(r);
  ck_assert(rec->label == TERTIAL_SIE_SIETYP && rec->line == 3);
  expect_diag(r, 0, TERTIAL_SIE_LINE_TOO_LONG, 2, 0, TERTIAL_SIE_SKIPPED);
  tertial_sie_reader_free(r);

  char path[] = "/tmp/sie_long_XXXXXX";
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  FILE *f = fdopen(fd, "wb");
  fwrite(text, 1, (size_t)n, f);
  fclose(f);
  o.block_size = 64;
  T_OK(tertial_sie_reader_new_file(&r, path, &o));
  ck_assert_int_eq(next(r)->label, TERTIAL_SIE_FLAGGA);
  rec = next(r);
  ck_assert(rec->label == TERTIAL_SIE_SIETYP && rec->line == 3);
  expect_diag(r, 0, TERTIAL_SIE_LINE_TOO_LONG, 2, 0, TERTIAL_SIE_SKIPPED);
  read_to_end(r);
  tertial_sie_reader_free(r);
  remove(path);
}
END_TEST

START_TEST(test_max_diagnostics)
{
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.max_diagnostics = 3;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_file(&r, FIXTURES "quirks.se", &o));
  read_to_end(r);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 3);
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  ck_assert_uint_eq(s->diagnostics_dropped, 18);
  ck_assert_uint_eq(s->warnings + s->errors, 21);
  tertial_sie_reader_free(r);
}
END_TEST

START_TEST(test_api_errors)
{
  tertial_sie_reader *r = NULL;
  const tertial_sie_record *rec;
  T_ERR(tertial_sie_reader_new_file(NULL, "x", NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_sie_reader_new_file(&r, NULL, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_sie_reader_new_memory(&r, NULL, 5, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_sie_reader_new_file(&r, FIXTURES "no-such-file.se", NULL), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "no-such-file.se: cannot open"));
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.version = 99;
  T_ERR(tertial_sie_reader_new_memory(&r, "", 0, &o), TERTIAL_ERR_INVALID);
  o.version = TERTIAL_SIE_OPTIONS_VERSION;
  o.mode = (tertial_sie_mode)7;
  T_ERR(tertial_sie_reader_new_memory(&r, "", 0, &o), TERTIAL_ERR_INVALID);
  T_ERR(tertial_sie_reader_next(&rec, NULL), TERTIAL_ERR_INVALID);
  T_OK(tertial_sie_reader_new_memory(&r, "", 0, NULL));
  T_ERR(tertial_sie_reader_next(NULL, r), TERTIAL_ERR_INVALID);
  tertial_sie_reader_free(r);
  tertial_sie_reader_free(NULL);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(NULL), 0);
  ck_assert_ptr_null(tertial_sie_reader_diagnostic(NULL, 0));
  ck_assert_ptr_null(tertial_sie_reader_stats(NULL));
  ck_assert_int_eq(tertial_sie_reader_encoding(NULL), TERTIAL_SIE_ENCODING_AUTO);
  ck_assert_ptr_null(tertial_sie_record_field(NULL, 0));
  ck_assert_ptr_null(tertial_sie_record_object(NULL, 0));
  ck_assert_str_eq(tertial_sie_label_name(TERTIAL_SIE_PBUDGET), "#PBUDGET");
  ck_assert_str_eq(tertial_sie_label_name(TERTIAL_SIE_VER), "#VER");
  ck_assert_str_eq(tertial_sie_label_name((tertial_sie_label)999), "#?");
  ck_assert_str_eq(tertial_sie_encoding_name(TERTIAL_SIE_ENCODING_CP437), "CP437");
  ck_assert_str_eq(tertial_sie_problem_name(TERTIAL_SIE_LINE_TOO_LONG), "line too long");
  ck_assert_str_eq(tertial_sie_problem_name(TERTIAL_SIE_BAD_AMOUNT), "bad amount");
}
END_TEST

/* ---------------------------------------------------------------------------------- */
/* The corpus of real files                                                            */
/* ---------------------------------------------------------------------------------- */


static int count_index(int label)
{
  switch (label) {
  case TERTIAL_SIE_KONTO: return X_KONTO;
  case TERTIAL_SIE_OBJEKT: return X_OBJEKT;
  case TERTIAL_SIE_DIM: return X_DIM;
  case TERTIAL_SIE_VER: return X_VER;
  case TERTIAL_SIE_TRANS: return X_TRANS;
  case TERTIAL_SIE_RTRANS: return X_RTRANS;
  case TERTIAL_SIE_BTRANS: return X_BTRANS;
  case TERTIAL_SIE_PSALDO: return X_PSALDO;
  case TERTIAL_SIE_PBUDGET: return X_PBUDGET;
  case TERTIAL_SIE_IB: return X_IB;
  case TERTIAL_SIE_UB: return X_UB;
  case TERTIAL_SIE_RES: return X_RES;
  case TERTIAL_SIE_OIB: return X_OIB;
  case TERTIAL_SIE_OUB: return X_OUB;
  default: return -1;
  }
}

typedef struct tally {
  long count[X_LABELS];
  int64_t sum[S_LABELS], magnitude[S_LABELS];
  long pairs;
} tally;

/* Read one corpus file in lenient mode and count as the oracle does. */
static tertial_sie_reader *read_corpus_file(tally *t, const char *file, size_t block_size)
{
  char path[512];
  snprintf(path, sizeof path, "%s/%s", CORPUS, file);
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.block_size = block_size;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_file(&r, path, &o));
  memset(t, 0, sizeof *t);
  const tertial_sie_record *rec;
  int rc;
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1) {
    int x = count_index(rec->label);
    if (x < 0)
      continue;
    t->count[x]++;
    if (x >= X_TRANS) { /* the amount records, in the same order in both enums */
      int s = x - X_TRANS;
      ck_assert_msg(rec->has_amount, "%s:%zu: no amount", file, rec->line);
      t->sum[s] += rec->amount;
      t->magnitude[s] += rec->amount < 0 ? -rec->amount : rec->amount;
      t->pairs += (long)rec->object_count;
    }
  }
  ck_assert_msg(rc == 0, "%s: %s", file, tertial_error_last());
  return r;
}

static const char *encoding_of(const tertial_sie_reader *r)
{
  return tertial_sie_encoding_name(tertial_sie_reader_encoding(r));
}

static void compare_with_oracle(const sie_corpus_expected *e, size_t block_size)
{
  tally t;
  tertial_sie_reader *r = read_corpus_file(&t, e->file, block_size);
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  for (int x = 0; x < X_LABELS; x++)
    ck_assert_msg(t.count[x] == e->count[x], "%s: count %d is %ld, oracle %ld", e->file, x, t.count[x], e->count[x]);
  for (int k = 0; k < S_LABELS; k++) {
    ck_assert_msg(t.sum[k] == e->sum[k], "%s: sum %d", e->file, k);
    ck_assert_msg(t.magnitude[k] == e->magnitude[k], "%s: magnitude %d", e->file, k);
  }
  ck_assert_msg(t.pairs == e->pairs, "%s: %ld object pairs, oracle %ld", e->file, t.pairs, e->pairs);
  ck_assert_msg(strcmp(encoding_of(r), e->encoding) == 0, "%s: encoding %s, oracle %s", e->file, encoding_of(r),
                e->encoding);
  ck_assert_msg(s->lines == (uint64_t)e->lines, "%s: %llu lines, oracle %ld", e->file, (unsigned long long)s->lines,
                e->lines);
  ck_assert_int_eq(s->checksum_present ? s->checksum_ok : -1, e->ksumma);
  ck_assert_uint_eq(s->bad_amounts, 0);
  tertial_sie_reader_free(r);
}

/* Every corpus file loads in lenient mode and agrees with sie_oracle.py. */
START_TEST(test_corpus_lenient)
{
  if (!corpus_present(CORPUS))
    return;
  for (size_t i = 0; i < sizeof sie_corpus / sizeof sie_corpus[0]; i++)
    compare_with_oracle(&sie_corpus[i], 0);
}
END_TEST

/* The same through 100-byte blocks: nearly every line crosses a block end. */
START_TEST(test_corpus_small_blocks)
{
  if (!corpus_present(CORPUS))
    return;
  for (size_t i = 0; i < sizeof sie_corpus / sizeof sie_corpus[0]; i++)
    compare_with_oracle(&sie_corpus[i], 100);
}
END_TEST

/* The table covers exactly the files of the folder. */
START_TEST(test_corpus_complete)
{
  if (!corpus_present(CORPUS))
    return;
  DIR *d = opendir(CORPUS);
  struct dirent *ent;
  size_t files = 0;
  while ((ent = readdir(d))) {
    if (ent->d_name[0] == '.' || strcmp(ent->d_name, "SOURCES.md") == 0)
      continue;
    files++;
    size_t i = 0;
    while (i < sizeof sie_corpus / sizeof sie_corpus[0] && strcmp(sie_corpus[i].file, ent->d_name) != 0)
      i++;
    ck_assert_msg(i < sizeof sie_corpus / sizeof sie_corpus[0], "%s is not in tests/sie_corpus_expected.h",
                  ent->d_name);
  }
  closedir(d);
  ck_assert_uint_eq(files, sizeof sie_corpus / sizeof sie_corpus[0]);
}
END_TEST

/* Strict mode: the files that depart from the specification, where and how. 0 = accepted.
 * Each line was checked by eye against the file. */
static const struct {
  const char *file;
  size_t line;
  tertial_sie_problem problem;
} strict_expected[] = {
  /* #PSALDO 0 201601: year 0 is 2017 (#RAR 0 20170101 20171231) */
  {"blinfo_Sie4j__BLBLOV_SIE2.SE", 761, TERTIAL_SIE_PERIOD_OUTSIDE_YEAR},
  /* #FORMAT PC8 but the bytes are ISO-8859-15 / UTF-8; first non-ASCII on #FNAMN */
  {"blinfo_Sie4j__BLBLOV_SIE4_ISO_8859_15.SE", 9, TERTIAL_SIE_ENCODING_MISMATCH},
  {"blinfo_Sie4j__BLBLOV_SIE4_UTF_8_1.SE", 9, TERTIAL_SIE_ENCODING_MISMATCH},
  {"blinfo_Sie4j__Quotes_test.si", 6, TERTIAL_SIE_ENCODING_MISMATCH},
  {"blinfo_Sie4j__SIE_test_av_KST_projekt_Testbolaget_e_-_kopia.SE", 0, 0},
  /* #PROGRAM SIR: no version field (the file also has no #FORMAT) */
  {"blinfo_Sie4j__SIE_with_missing_program_version.se", 6, TERTIAL_SIE_MISSING_FIELD},
  {"blinfo_Sie4j__Transaktioner_per_Z-rapport.se", 0, 0},
  {"idstam_jsisie__BL0001_typ1.SE", 0, 0},
  {"idstam_jsisie__BL0001_typ2.SE", 0, 0},
  {"idstam_jsisie__BL0001_typ3.SE", 0, 0},
  /* the #TRANS after #RTRANS on line 615 has another date */
  {"idstam_jsisie__BL0001_typ4.SE", 616, TERTIAL_SIE_RTRANS_MISMATCH},
  /* #RAR 0 without its dates */
  {"idstam_jsisie__BL0001_typ4I.SI", 7, TERTIAL_SIE_MISSING_FIELD},
  {"idstam_jsisie__Bokslut_Norstedts_SIE_4E.se", 0, 0},
  {"idstam_jsisie__FAKT.SI", 0, 0},
  {"idstam_jsisie__LON_Lonekorning.SI", 0, 0},
  {"idstam_jsisie__MAMUT_SIE3_EXPORT.SE", 0, 0},
  {"idstam_jsisie__MAMUT_SIE4_EXPORT.SE", 0, 0},
  {"idstam_jsisie__Norstedts_Revision_SIE_1.SE", 0, 0},
  {"idstam_jsisie__SIE-fil_fran_Visma_Eget_Aktiebolag_2010.se", 0, 0},
  /* #OUB 0 FEL: account "FEL" is not a number */
  {"idstam_jsisie__Sie3.se", 670, TERTIAL_SIE_BAD_NUMBER},
  /* #KONTO DIFF */
  {"idstam_jsisie__Sie4.se", 592, TERTIAL_SIE_BAD_NUMBER},
  /* #ORGNR with no value */
  {"idstam_jsisie__Sie4.si", 9, TERTIAL_SIE_MISSING_FIELD},
  {"idstam_jsisie__Test2.SE", 0, 0},
  {"idstam_jsisie__Test3.SE", 0, 0},
  {"idstam_jsisie__Test4.SE", 0, 0},
  /* "F"rskott till Lind" Park": ö written as a quote */
  {"idstam_jsisie__XE_SIE_3_20151125094952.SE", 140, TERTIAL_SIE_BAD_QUOTE},
  {"idstam_jsisie__XE_SIE_4_20151125095119.SE", 140, TERTIAL_SIE_BAD_QUOTE},
  {"idstam_jsisie__arsaldo_ovnbolag.se", 0, 0},
  /* #PROSA Kontoplanstyp är BAS2011: a text with spaces, unquoted */
  {"idstam_jsisie__magenta_bokforing_SIE4E.se", 10, TERTIAL_SIE_BAD_QUOTE},
  /* #PBUDGET -1 201101: year -1 is 2010 */
  {"idstam_jsisie__objektsaldo_ovnbolag.se", 3551, TERTIAL_SIE_PERIOD_OUTSIDE_YEAR},
  {"idstam_jsisie__periodsaldo_ovnbolag.se", 3264, TERTIAL_SIE_PERIOD_OUTSIDE_YEAR},
  {"idstam_jsisie__sie_4.SE", 0, 0},
  {"idstam_jsisie__transaktioner_ovnbolag.se", 3281, TERTIAL_SIE_PERIOD_OUTSIDE_YEAR},
  {"idstam_jsisie__typ2.se", 0, 0},
  {"idstam_jsisie__typ3.se", 0, 0},
  {"idstam_jsisie__typ4.se", 0, 0},
};

START_TEST(test_corpus_strict)
{
  if (!corpus_present(CORPUS))
    return;
  ck_assert_uint_eq(sizeof strict_expected / sizeof strict_expected[0], sizeof sie_corpus / sizeof sie_corpus[0]);
  for (size_t i = 0; i < sizeof strict_expected / sizeof strict_expected[0]; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", CORPUS, strict_expected[i].file);
    tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
    o.mode = TERTIAL_SIE_STRICT;
    tertial_sie_reader *r;
    T_OK(tertial_sie_reader_new_file(&r, path, &o));
    const tertial_sie_record *rec;
    int rc;
    while ((rc = tertial_sie_reader_next(&rec, r)) == 1)
      ;
    if (strict_expected[i].line == 0) {
      ck_assert_msg(rc == 0, "%s: %s", strict_expected[i].file, tertial_error_last());
    } else {
      ck_assert_msg(rc == TERTIAL_ERR_PARSE, "%s accepted in strict mode", strict_expected[i].file);
      const tertial_sie_diagnostic *d = tertial_sie_reader_diagnostic(r, 0);
      ck_assert_msg(d->line == strict_expected[i].line && d->problem == strict_expected[i].problem,
                    "%s: stopped at line %zu (%s), expected %zu", strict_expected[i].file, d->line,
                    tertial_sie_problem_name(d->problem), strict_expected[i].line);
    }
    tertial_sie_reader_free(r);
  }
}
END_TEST

int main(void)
{
  Suite *s = suite_create("sie");
  TCase *fixtures = tcase_create("fixtures");
  tcase_add_test(fixtures, test_basic_records);
  tcase_add_test(fixtures, test_quotes_and_object_lists);
  tcase_add_test(fixtures, test_pc8);
  tcase_add_test(fixtures, test_utf8_claiming_pc8);
  tcase_add_test(fixtures, test_latin1);
  tcase_add_test(fixtures, test_forced_encoding);
  tcase_add_test(fixtures, test_detection_across_blocks);
  tcase_add_test(fixtures, test_bom_and_invalid_utf8);
  tcase_add_test(fixtures, test_rtrans_btrans);
  tcase_add_test(fixtures, test_ksumma);
  tcase_add_test(fixtures, test_crc32);
  tcase_add_test(fixtures, test_number_parsers);
  tcase_add_test(fixtures, test_bad_amounts);
  tcase_add_test(fixtures, test_unknown_labels);
  tcase_add_test(fixtures, test_crlf);
  tcase_add_test(fixtures, test_scan_offsets);
  tcase_add_test(fixtures, test_quirks_lenient);
  tcase_add_test(fixtures, test_quirks_strict);
  tcase_add_test(fixtures, test_end_of_file_checks);
  tcase_add_test(fixtures, test_block_boundaries);
  tcase_add_test(fixtures, test_progress);
  tcase_add_test(fixtures, test_memory_source);
  tcase_add_test(fixtures, test_long_line);
  tcase_add_test(fixtures, test_max_diagnostics);
  tcase_add_test(fixtures, test_api_errors);
  suite_add_tcase(s, fixtures);
  TCase *corpus = tcase_create("corpus");
  tcase_set_timeout(corpus, 120);
  tcase_add_test(corpus, test_corpus_lenient);
  tcase_add_test(corpus, test_corpus_small_blocks);
  tcase_add_test(corpus, test_corpus_complete);
  tcase_add_test(corpus, test_corpus_strict);
  suite_add_tcase(s, corpus);
  return testutil_run(s);
}
