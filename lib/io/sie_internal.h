/* Internal: the text layer of the SIE reader (sie_text.c: encodings, CRC, field parsers) used
 * by the record layer (sie.c). Not installed. */
#ifndef TERTIAL_SIE_INTERNAL_H
#define TERTIAL_SIE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tertial/common.h"

/* Quirks tertial__sie_parse_amount() reports: a '+' sign, more than two decimals, a '.' in
 * an amount written with a decimal comma elsewhere. */
enum { SIE_AMOUNT_PLUS = 1, SIE_AMOUNT_DECIMALS = 2, SIE_AMOUNT_DOT = 4 };
void tertial__sie_codec_table(unsigned char table[128][4], int encoding);
size_t tertial__sie_utf8_len(const unsigned char *p, size_t n);
int tertial__sie_detect(const unsigned char *p, size_t n, int declared);
uint32_t tertial__sie_crc32(uint32_t crc, const unsigned char *p, size_t n);
int tertial__sie_parse_amount(int64_t *out, const unsigned char *p, size_t n, unsigned *quirks);
int tertial__sie_parse_quantity(int64_t *out, const unsigned char *p, size_t n);
int tertial__sie_parse_date(tertial_date *out, const unsigned char *p, size_t n);
int tertial__sie_parse_period(int *out, const unsigned char *p, size_t n);
int tertial__sie_parse_int(int *out, const unsigned char *p, size_t n, int min, int max);

/* Call the options' progress callback (if any) with the bytes read of `total`; a non-zero answer
 * cancels: TERTIAL_ERR_CANCELLED naming `name` and the bytes. The reader calls it per block, the
 * loader reading ahead per batch of records (on the caller's thread). */
int tertial__sie_progress(const tertial_sie_options *o, const char *name, uint64_t bytes, uint64_t total);

/* Inputs of this many bytes or more are read on a second thread, ahead of the loader
 * (sie_load.c); tests set 0 to read every input ahead. */
extern size_t tertial__sie_ahead_min;

/* Loads of this many cells or more fault in the ledger's new lines on a second thread, ahead of
 * the lines being added (sie_load.c); tests set 0 to do it for every load. */
extern size_t tertial__sie_populate_min;

#endif
