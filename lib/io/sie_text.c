/* The text layer of the SIE reader: bytes to values.
 *
 * Character sets (CP437, ISO-8859-15, UTF-8) and their detection, the CRC-32 of #KSUMMA,
 * and the parsers of amounts, quantities, dates, periods and small integers. Everything here
 * works on (pointer, length) byte ranges straight out of the read buffer, allocates nothing
 * and keeps no state, so the reader can call it in its hot loop.
 *
 * GLib's g_convert is not used: it allocates with g_malloc, which aborts on failure. The two
 * single-byte tables are small enough to carry here. */
#include "internal.h"

#include <string.h>

#include "sie_internal.h"

/* ---------------------------------------------------------------------------------- */
/* Character sets                                                                      */
/* ---------------------------------------------------------------------------------- */

/* Unicode code points of CP437 bytes 0x80..0xFF. */
static const uint16_t cp437_high[128] = {
  0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
  0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
  0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
  0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
  0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
  0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
  0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
  0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
  0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
  0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
  0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
  0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
  0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
  0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
  0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

/* Code point of an ISO-8859-15 byte >= 0x80; 0 for the C1 control characters 0x80..0x9F,
 * which no text should contain. ISO-8859-15 differs from -1 in eight places (€ among them);
 * for Swedish letters the two agree. */
static uint32_t latin9_code_point(unsigned c)
{
  switch (c) {
  case 0xA4: return 0x20AC;
  case 0xA6: return 0x0160;
  case 0xA8: return 0x0161;
  case 0xB4: return 0x017D;
  case 0xB8: return 0x017E;
  case 0xBC: return 0x0152;
  case 0xBD: return 0x0153;
  case 0xBE: return 0x0178;
  default: return c < 0xA0 ? 0 : c;
  }
}

/* Encode a code point below U+10000 as UTF-8 into e[0..2]; e[3] = length. */
static void utf8_entry(unsigned char e[4], uint32_t cp)
{
  memset(e, 0, 4);
  if (cp < 0x800) {
    e[0] = (unsigned char)(0xC0 | (cp >> 6));
    e[1] = (unsigned char)(0x80 | (cp & 0x3F));
    e[3] = 2;
    return;
  }
  e[0] = (unsigned char)(0xE0 | (cp >> 12));
  e[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  e[2] = (unsigned char)(0x80 | (cp & 0x3F));
  e[3] = 3;
}

/* Fill the UTF-8 of bytes 0x80..0xFF for a single-byte encoding. A byte with no character
 * becomes U+FFFD and its length gets bit 0x80, so the decoder can count it. */
void tertial__sie_codec_table(unsigned char table[128][4], int encoding)
{
  for (unsigned c = 0x80; c <= 0xFF; c++) {
    uint32_t cp = encoding == TERTIAL_SIE_ENCODING_CP437 ? cp437_high[c - 0x80] : latin9_code_point(c);
    utf8_entry(table[c - 0x80], cp ? cp : 0xFFFD);
    if (!cp)
      table[c - 0x80][3] |= 0x80;
  }
}

/* Length of the well-formed UTF-8 sequence at p (2..4 bytes), 0 if it is not one:
 * no overlong forms, no surrogates, nothing above U+10FFFF (RFC 3629). */
size_t tertial__sie_utf8_len(const unsigned char *p, size_t n)
{
  unsigned c = p[0];
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (c < 0xC2 || c > 0xF4 || n < len)
    return 0;
  unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
  if (c == 0xE0)
    lo = 0xA0;
  else if (c == 0xED)
    hi = 0x9F;
  else if (c == 0xF0)
    lo = 0x90;
  else if (c == 0xF4)
    hi = 0x8F;
  if (p[1] < lo || p[1] > hi)
    return 0;
  for (size_t i = 2; i < len; i++)
    if ((p[i] & 0xC0) != 0x80)
      return 0;
  return len;
}

/* Swedish letters as CP437 writes them (å ä ö Å Ä Ö é ü) ... */
static int is_cp437_letter(unsigned c)
{
  return c == 0x86 || c == 0x84 || c == 0x94 || c == 0x8F || c == 0x8E || c == 0x99 || c == 0x82 ||
         c == 0x81;
}

/* ... and as ISO-8859-1/-15 writes them. */
static int is_latin_letter(unsigned c)
{
  return c == 0xE5 || c == 0xE4 || c == 0xF6 || c == 0xC5 || c == 0xC4 || c == 0xD6 || c == 0xE9 ||
         c == 0xFC;
}

/* Decide the encoding of a sample that starts with a byte above 127. The bytes decide, not
 * the #FORMAT record, because real files declare PC8 whatever they are: well-formed UTF-8
 * with multi-byte sequences is UTF-8; otherwise the single-byte encoding whose Swedish
 * letters are the more frequent; with no letters to go by, the declared one, else PC8 (the
 * spec's). Returns 0 (undecided) when the only high bytes are a sequence cut by the end of
 * the sample: the caller looks again with more bytes, or at the end of the input takes PC8. */
int tertial__sie_detect(const unsigned char *p, size_t n, int declared)
{
  size_t multi = 0, broken = 0, cp437 = 0, latin = 0;
  for (size_t i = 0; i < n;) {
    unsigned c = p[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t len = tertial__sie_utf8_len(p + i, n - i);
    if (len) {
      multi++;
      i += len; /* its continuation bytes are not CP437 letters */
      continue;
    }
    if (n - i < 4)
      break; /* a sequence cut by the end of the sample is no evidence */
    broken++;
    cp437 += (size_t)is_cp437_letter(c);
    latin += (size_t)is_latin_letter(c);
    i++;
  }
  if (!multi && !broken)
    return TERTIAL_SIE_ENCODING_AUTO;
  if (multi && !broken)
    return TERTIAL_SIE_ENCODING_UTF8;
  if (cp437 && cp437 >= latin)
    return TERTIAL_SIE_ENCODING_CP437;
  if (latin)
    return TERTIAL_SIE_ENCODING_LATIN1;
  return declared == TERTIAL_SIE_ENCODING_LATIN1 ? declared : TERTIAL_SIE_ENCODING_CP437;
}

/* ---------------------------------------------------------------------------------- */
/* CRC-32 (zlib's: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF)   */
/* ---------------------------------------------------------------------------------- */

/* A 16-entry table, two lookups per byte: small, and fast enough for the few files that
 * carry #KSUMMA. */
static const uint32_t crc_nibble[16] = {
  0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u,
  0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
  0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu,
};

/* Continue a CRC-32 (start with 0), like zlib's crc32(crc, p, n). */
uint32_t tertial__sie_crc32(uint32_t crc, const unsigned char *p, size_t n)
{
  crc = ~crc;
  for (size_t i = 0; i < n; i++) {
    crc = (crc >> 4) ^ crc_nibble[(crc ^ p[i]) & 0x0F];
    crc = (crc >> 4) ^ crc_nibble[(crc ^ (p[i] >> 4)) & 0x0F];
  }
  return ~crc;
}

/* ---------------------------------------------------------------------------------- */
/* Numbers                                                                             */
/* ---------------------------------------------------------------------------------- */

static int is_digit(unsigned char c)
{
  return c >= '0' && c <= '9';
}

/* Whole digits of [*i, n) into *whole; returns the count, or SIZE_MAX past UINT64_MAX. */
static size_t read_digits(uint64_t *whole, const unsigned char *p, size_t n, size_t *i)
{
  size_t start = *i;
  uint64_t v = 0;
  for (; *i < n && *i - start < 19 && is_digit(p[*i]); (*i)++) /* 19 digits always fit */
    v = v * 10 + (uint64_t)(p[*i] - '0');
  for (; *i < n && is_digit(p[*i]); (*i)++) {
    unsigned d = (unsigned)(p[*i] - '0');
    if (v > (UINT64_MAX - d) / 10)
      return SIZE_MAX;
    v = v * 10 + d;
  }
  *whole = v;
  return *i - start;
}

/* [-+]digits[.decimals] to an integer scaled by 10^scale. Decimals beyond the scale must be
 * zeros (else -1: the value is not representable); quirks collects what the strict form
 * forbids. Returns 0, -1 malformed, -2 out of int64. */
static int parse_decimal(int64_t *out, const unsigned char *p, size_t n, unsigned scale, unsigned *quirks)
{
  size_t i = 0;
  int neg = 0;
  *quirks = 0;
  if (i < n && (p[i] == '-' || p[i] == '+')) {
    neg = p[i] == '-';
    *quirks |= neg ? 0 : SIE_AMOUNT_PLUS;
    i++;
  }
  uint64_t whole, frac = 0;
  size_t digits = read_digits(&whole, p, n, &i), decimals = 0;
  if (digits == SIZE_MAX)
    return -2;
  if (i < n && p[i] == '.') {
    for (i++; i < n && is_digit(p[i]); i++, decimals++) {
      if (decimals < scale)
        frac = frac * 10 + (uint64_t)(p[i] - '0');
      else if (p[i] != '0')
        return -1;
      else
        *quirks |= SIE_AMOUNT_DECIMALS;
    }
    if (!decimals || !digits)
      *quirks |= SIE_AMOUNT_DOT;
  }
  if (i != n || (!digits && !decimals))
    return -1;
  static const uint64_t pow10[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  uint64_t unit = pow10[scale];
  frac *= pow10[scale - (decimals < scale ? decimals : scale)];
  if (whole > (UINT64_MAX - frac) / unit)
    return -2;
  uint64_t t = whole * unit + frac;
  if (t > (uint64_t)INT64_MAX + (uint64_t)neg)
    return -2;
  *out = neg ? (t == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)t) : (int64_t)t;
  return 0;
}

/* An SIE amount to öre: optional '-', digits, optional '.' and up to two decimals. Returns
 * 0 (check *quirks for a '+' sign, extra zero decimals or a bare '.'), -1 malformed, -2 too
 * large for int64 öre. */
int tertial__sie_parse_amount(int64_t *out, const unsigned char *p, size_t n, unsigned *quirks)
{
  /* The usual form, -1234.50 with at most 16 whole digits (no overflow possible), here;
   * everything else by the general parser. */
  size_t i = n > 0 && p[0] == '-', start = i;
  int64_t v = 0;
  for (; i < n && i - start < 16 && is_digit(p[i]); i++)
    v = v * 10 + (p[i] - '0');
  size_t dec = n - i - 1; /* digits after a '.' at p[i] */
  if (i == start || (i < n && (p[i] != '.' || dec < 1 || dec > 2 || !is_digit(p[i + 1]) ||
                                (dec == 2 && !is_digit(p[i + 2])))))
    return parse_decimal(out, p, n, 2, quirks);
  v *= 100;
  if (i < n)
    v += (p[i + 1] - '0') * 10 + (dec == 2 ? p[i + 2] - '0' : 0);
  *out = start ? -v : v;
  *quirks = 0;
  return 0;
}

/* A quantity to millionths (files show up to six decimals). Returns 0, -1, -2. */
int tertial__sie_parse_quantity(int64_t *out, const unsigned char *p, size_t n)
{
  unsigned quirks;
  return parse_decimal(out, p, n, 6, &quirks);
}

/* Exactly n digits to an int (n <= 9). */
static int fixed_digits(const unsigned char *p, size_t n)
{
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (!is_digit(p[i]))
      return -1;
    v = v * 10 + (p[i] - '0');
  }
  return v;
}

static int days_in(int year, int month)
{
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return days[month - 1] + (month == 2 && leap);
}

/* YYYYMMDD, a real calendar date. Returns 0 or -1. */
int tertial__sie_parse_date(tertial_date *out, const unsigned char *p, size_t n)
{
  if (n != 8)
    return -1;
  int y = fixed_digits(p, 4), m = fixed_digits(p + 4, 2), d = fixed_digits(p + 6, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
    return -1;
  out->year = y;
  out->month = m;
  out->day = d;
  return 0;
}

/* YYYYMM with a month 1..12, returned as the int YYYYMM. Returns 0 or -1. */
int tertial__sie_parse_period(int *out, const unsigned char *p, size_t n)
{
  if (n != 6)
    return -1;
  int y = fixed_digits(p, 4), m = fixed_digits(p + 4, 2);
  if (y < 1 || m < 1 || m > 12)
    return -1;
  *out = y * 100 + m;
  return 0;
}

/* Optional '-' and 1..9 digits, within [min, max]. Returns 0 or -1. */
int tertial__sie_parse_int(int *out, const unsigned char *p, size_t n, int min, int max)
{
  int neg = n > 0 && p[0] == '-';
  if (n - (size_t)neg < 1 || n - (size_t)neg > 9)
    return -1;
  int v = fixed_digits(p + neg, n - (size_t)neg);
  if (v < 0)
    return -1;
  v = neg ? -v : v;
  if (v < min || v > max)
    return -1;
  *out = v;
  return 0;
}

/* ---------------------------------------------------------------------------------- */
/* Names                                                                               */
/* ---------------------------------------------------------------------------------- */

static const char *const label_names[] = {
  "#?",      "#ADRESS", "#BKOD",   "#BTRANS", "#DIM",     "#ENHET",    "#FLAGGA",
  "#FNAMN",  "#FNR",    "#FORMAT", "#FTYP",   "#GEN",     "#IB",       "#KONTO",
  "#KPTYP",  "#KSUMMA", "#KTYP",   "#OBJEKT", "#OIB",     "#OMFATTN",  "#ORGNR",
  "#OUB",    "#PBUDGET", "#PROGRAM", "#PROSA", "#PSALDO", "#RAR",      "#RES",
  "#RTRANS", "#SIETYP", "#SRU",    "#TAXAR",  "#TRANS",   "#UB",       "#UNDERDIM",
  "#VALUTA", "#VER",
};

const char *tertial_sie_label_name(tertial_sie_label label)
{
  size_t i = (size_t)label;
  return i < sizeof label_names / sizeof label_names[0] ? label_names[i] : label_names[0];
}

const char *tertial_sie_encoding_name(tertial_sie_encoding encoding)
{
  switch (encoding) {
  case TERTIAL_SIE_ENCODING_AUTO: return "none";
  case TERTIAL_SIE_ENCODING_ASCII: return "ASCII";
  case TERTIAL_SIE_ENCODING_CP437: return "CP437";
  case TERTIAL_SIE_ENCODING_UTF8: return "UTF-8";
  case TERTIAL_SIE_ENCODING_LATIN1: return "ISO-8859-15";
  case TERTIAL_SIE_ENCODING_OTHER: return "other";
  default: return "unknown";
  }
}

const char *tertial_sie_problem_name(tertial_sie_problem problem)
{
  static const char *const names[] = {
    "unknown problem", "bad line", "bad label", "bad quote", "control character",
    "bad encoding", "encoding mismatch", "missing field", "bad amount", "amount form",
    "bad quantity", "bad date", "bad period", "bad number", "bad object list",
    "missing object list", "swapped fields", "period outside year", "bad block",
    "unbalanced voucher", "RTRANS mismatch", "checksum", "missing record", "line too long",
  };
  size_t i = (size_t)problem;
  return i < sizeof names / sizeof names[0] ? names[i] : names[0];
}
