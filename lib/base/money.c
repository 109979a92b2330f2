/* Exact money: int64 öre with checked arithmetic, parsing, formatting and rounding.
 *
 * Everything here is integer arithmetic. Intermediates that can leave the int64 range
 * (products, sums of vectors, parsed digits) are held in tertial_i128 so that scaling
 * and rounding are exact and overflow is detected instead of wrapping. */
#include "internal.h"

#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------- */
/* Checked arithmetic                                                                  */
/* ---------------------------------------------------------------------------------- */

int tertial_money_add(int64_t *out, int64_t a, int64_t b)
{
  int64_t r;
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_money_add: out is NULL");
  if (__builtin_add_overflow(a, b, &r))
    return tertial__error(TERTIAL_ERR_OVERFLOW,
                          "tertial_money_add: %" PRId64 " + %" PRId64
                          " öre does not fit in int64 öre",
                          a, b);
  *out = r;
  return 0;
}

int tertial_money_sub(int64_t *out, int64_t a, int64_t b)
{
  int64_t r;
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_money_sub: out is NULL");
  if (__builtin_sub_overflow(a, b, &r))
    return tertial__error(TERTIAL_ERR_OVERFLOW,
                          "tertial_money_sub: %" PRId64 " - %" PRId64
                          " öre does not fit in int64 öre",
                          a, b);
  *out = r;
  return 0;
}

int tertial_money_mul(int64_t *out, int64_t amount, int64_t factor)
{
  int64_t r;
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_money_mul: out is NULL");
  if (__builtin_mul_overflow(amount, factor, &r))
    return tertial__error(TERTIAL_ERR_OVERFLOW,
                          "tertial_money_mul: %" PRId64 " öre * %" PRId64
                          " does not fit in int64 öre",
                          amount, factor);
  *out = r;
  return 0;
}

static bool fits_int64(tertial_i128 v)
{
  return v >= INT64_MIN && v <= INT64_MAX;
}

int tertial_money_scale(int64_t *out, int64_t amount, int64_t num, int64_t den)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_money_scale: out is NULL");
  if (den == 0)
    return tertial__error(TERTIAL_ERR_INVALID,
                          "tertial_money_scale: denominator is 0, expected a non-zero "
                          "denominator (amount %" PRId64 " öre * %" PRId64 " / 0)",
                          amount, num);
  /* |amount * num| <= 2^126, so the product and the division are exact on 128 bits. */
  tertial_i128 r = tertial__div_round((tertial_i128)amount * num, den);
  if (!fits_int64(r))
    return tertial__error(TERTIAL_ERR_OVERFLOW,
                          "tertial_money_scale: %" PRId64 " öre * %" PRId64 " / %" PRId64
                          " does not fit in int64 öre",
                          amount, num, den);
  *out = (int64_t)r;
  return 0;
}

/* ---------------------------------------------------------------------------------- */
/* Parsing                                                                             */
/* ---------------------------------------------------------------------------------- */

#define NBSP "\xC2\xA0"          /* U+00A0 NO-BREAK SPACE */
#define NARROW_NBSP "\xE2\x80\xAF" /* U+202F NARROW NO-BREAK SPACE */
#define MINUS_SIGN "\xE2\x88\x92"  /* U+2212 MINUS SIGN */

/* How much of the input an error message quotes, so a huge input cannot push the
 * column information out of the fixed-size message buffer. */
enum { QUOTE_MAX = 60 };

typedef struct money_parser {
  const char *text;   /* whole input, quoted in messages */
  const char *p;      /* next byte to read */
  bool swedish;       /* decimal comma, digit groups and U+2212 are accepted */
  bool neg;           /* a minus sign was read */
  bool grouped;       /* at least one group separator was read */
  tertial_i128 whole; /* whole kronor; saturates just above INT64_MAX */
  int64_t cents;      /* the first two decimals, in öre */
} money_parser;

/* Length of the group separator at p (space, NBSP, narrow NBSP), 0 if there is none. */
static size_t group_sep_len(const char *p)
{
  if (*p == ' ')
    return 1;
  if (strncmp(p, NBSP, 2) == 0)
    return 2;
  if (strncmp(p, NARROW_NBSP, 3) == 0)
    return 3;
  return 0;
}

/* True if only ASCII white space remains: trailing space is allowed, not a separator. */
static bool only_space(const char *p)
{
  while (g_ascii_isspace(*p))
    p++;
  return *p == '\0';
}

/* 1-based column in characters (not bytes), so NBSP and U+2212 count as one. */
static size_t column_of(const char *text, const char *at)
{
  size_t col = 1;
  for (const char *q = text; q < at; q++)
    if (((unsigned char)*q & 0xC0) != 0x80)
      col++;
  return col;
}

/* Decode one UTF-8 character; returns its length, or 0 if the bytes are malformed. */
static size_t utf8_decode(const char *p, uint32_t *cp)
{
  const unsigned char *s = (const unsigned char *)p;
  size_t len;
  if (s[0] >= 0xC2 && s[0] <= 0xDF)
    len = 2;
  else if (s[0] >= 0xE0 && s[0] <= 0xEF)
    len = 3;
  else if (s[0] >= 0xF0 && s[0] <= 0xF4)
    len = 4;
  else
    return 0;
  uint32_t v = s[0] & (0x7Fu >> len);
  /* A NUL fails the continuation test, so this never reads past the string. */
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    v = (v << 6) | (s[i] & 0x3Fu);
  }
  *cp = v;
  return len;
}

/* Name the character at p for a message: 'x', end of text, or a UTF-8 character
 * with its code point (so an NBSP where none is allowed is visible). */
static void describe_char(const char *p, char *buf, size_t size)
{
  unsigned char c = (unsigned char)*p;
  uint32_t cp = 0;
  size_t len;
  if (c == '\0')
    snprintf(buf, size, "end of text");
  else if (c >= 0x20 && c < 0x7F)
    snprintf(buf, size, "'%c'", c);
  else if (c < 0x80)
    snprintf(buf, size, "control character 0x%02X", c);
  else if ((len = utf8_decode(p, &cp)) > 0)
    snprintf(buf, size, "'%.*s' (U+%04" PRIX32 ")", (int)len, p, cp);
  else
    snprintf(buf, size, "byte 0x%02X", c);
}

/* Bytes of text to quote: at most QUOTE_MAX, cut on a character boundary. */
static int quote_len(const char *text, bool *cut)
{
  size_t n = 0;
  while (n < QUOTE_MAX && text[n] != '\0')
    n++;
  *cut = text[n] != '\0';
  if (*cut)
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
      n--;
  return (int)n;
}

/* Record a parse error at `at`, naming the column and the offending character. */
static int parse_fail(const money_parser *ps, const char *at, const char *expected)
{
  char what[48];
  bool cut;
  int qlen = quote_len(ps->text, &cut);
  describe_char(at, what, sizeof what);
  return tertial__error(TERTIAL_ERR_PARSE,
                        "amount \"%.*s%s\": unexpected %s at column %zu, expected %s", qlen,
                        ps->text, cut ? "..." : "", what, column_of(ps->text, at),
                        expected);
}

static void parse_sign(money_parser *ps)
{
  if (*ps->p == '+' || *ps->p == '-') {
    ps->neg = *ps->p == '-';
    ps->p++;
  } else if (ps->swedish && strncmp(ps->p, MINUS_SIGN, 3) == 0) {
    ps->neg = true;
    ps->p += 3;
  }
}

/* Consume a run of digits into the whole kronor; returns how many there were.
 * Accumulation stops once past INT64_MAX: the value will overflow anyway, and the
 * rest of the text must still be checked for syntax. */
static size_t take_digits(money_parser *ps)
{
  size_t n = 0;
  for (; g_ascii_isdigit(*ps->p); ps->p++, n++)
    if (ps->whole <= INT64_MAX)
      ps->whole = ps->whole * 10 + (*ps->p - '0');
  return n;
}

/* Swedish whole part: "1243", or groups "1 243 000" where the first group has 1..3
 * digits and every later group exactly 3. A separator followed only by white space
 * is trailing space, not a separator. */
static int parse_groups(money_parser *ps)
{
  size_t n = take_digits(ps), len;
  while ((len = group_sep_len(ps->p)) > 0 && !only_space(ps->p)) {
    if (n > 3)
      return parse_fail(ps, ps->p,
                        "a digit, ',' or end of text (a group separator may follow at "
                        "most 3 digits)");
    ps->p += len;
    ps->grouped = true;
    const char *group = ps->p;
    n = take_digits(ps);
    if (n < 3)
      return parse_fail(ps, ps->p,
                        "a digit (groups after a separator have exactly 3 digits)");
    if (n > 3)
      return parse_fail(ps, group + 3,
                        "a group separator, ',' or end of text (groups after a "
                        "separator have exactly 3 digits)");
  }
  return 0;
}

static int parse_whole(money_parser *ps, bool signed_)
{
  const char *start = ps->p;
  if (!g_ascii_isdigit(*start))
    return parse_fail(ps, start, signed_ ? "a digit" : "a digit or a sign");
  if (ps->swedish)
    return parse_groups(ps);
  take_digits(ps);
  return 0;
}

/* Decimals after the mark: at least one; beyond the second only zeros, because
 * dropping a non-zero digit would round silently. */
static int parse_fraction(money_parser *ps)
{
  size_t n = 0;
  for (; g_ascii_isdigit(*ps->p); ps->p++, n++) {
    int d = *ps->p - '0';
    if (n < 2)
      ps->cents += d * (n == 0 ? 10 : 1);
    else if (d != 0)
      return parse_fail(ps, ps->p,
                        "'0' (only 2 decimals are kept, further decimals must be zero "
                        "since amounts are never rounded silently)");
  }
  if (n == 0)
    return parse_fail(ps, ps->p, "a digit after the decimal mark");
  return 0;
}

/* What may follow the number, for the message when something else does. */
static const char *expected_after(const money_parser *ps, bool had_fraction)
{
  if (had_fraction && (*ps->p == ',' || *ps->p == '.'))
    return "a digit or end of text (only one decimal mark is allowed)";
  if (had_fraction)
    return "a digit or end of text";
  if (!ps->swedish)
    return "a digit, '.' or end of text";
  if (ps->grouped)
    return "a group separator, ',' or end of text";
  return "a digit, a group separator, ',' or end of text";
}

static int parse_number(money_parser *ps)
{
  const char mark = ps->swedish ? ',' : '.';
  while (g_ascii_isspace(*ps->p))
    ps->p++;
  const char *before_sign = ps->p;
  parse_sign(ps);
  int rc = parse_whole(ps, ps->p != before_sign);
  if (rc < 0)
    return rc;
  bool had_fraction = *ps->p == mark;
  if (had_fraction) {
    ps->p++;
    if ((rc = parse_fraction(ps)) < 0)
      return rc;
  }
  if (!only_space(ps->p))
    return parse_fail(ps, ps->p, expected_after(ps, had_fraction));
  return 0;
}

/* ANY: a ',' means Swedish (so "1.243,50" fails at the '.'), else a '.' means SIE;
 * text with neither mark is read as Swedish, which accepts every such SIE text. */
static bool any_is_swedish(const char *text)
{
  return strchr(text, ',') != NULL || strchr(text, '.') == NULL;
}

int tertial_money_parse(int64_t *out, const char *text, tertial_money_style style)
{
  if (!out || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_money_parse: %s is NULL",
                          !out ? "out" : "text");
  money_parser ps = {.text = text, .p = text};
  switch ((int)style) {
  case TERTIAL_MONEY_SIE: ps.swedish = false; break;
  case TERTIAL_MONEY_SWEDISH: ps.swedish = true; break;
  case TERTIAL_MONEY_ANY: ps.swedish = any_is_swedish(text); break;
  default:
    return tertial__error(TERTIAL_ERR_INVALID,
                          "tertial_money_parse: style %d is not SIE, SWEDISH or ANY",
                          (int)style);
  }
  int rc = parse_number(&ps);
  if (rc < 0)
    return rc;
  tertial_i128 ore = ps.whole * 100 + ps.cents;
  if (ps.neg)
    ore = -ore;
  if (!fits_int64(ore)) {
    bool cut;
    int qlen = quote_len(text, &cut);
    return tertial__error(TERTIAL_ERR_OVERFLOW,
                          "amount \"%.*s%s\" does not fit in int64 öre (expected "
                          "-92233720368547758.08 to 92233720368547758.07 kr)",
                          qlen, text, cut ? "..." : "");
  }
  *out = (int64_t)ore;
  return 0;
}

/* ---------------------------------------------------------------------------------- */
/* Rounding and formatting                                                             */
/* ---------------------------------------------------------------------------------- */

static const int64_t pow10_table[] = {1, 10, 100, 1000};

/* The rounding step in öre for a unit and a number of decimals. A step below 1 öre
 * (kr with 3 decimals) cannot be represented and is a RANGE error. */
static int step_of(int64_t *step, tertial_money_unit unit, int decimals, const char *fn)
{
  int64_t per;
  const char *name;
  switch ((int)unit) {
  case TERTIAL_UNIT_KR: per = TERTIAL_ORE_PER_KR; name = "kr"; break;
  case TERTIAL_UNIT_TKR: per = TERTIAL_ORE_PER_TKR; name = "tkr"; break;
  case TERTIAL_UNIT_MKR: per = TERTIAL_ORE_PER_MKR; name = "mkr"; break;
  default:
    return tertial__error(TERTIAL_ERR_INVALID, "%s: unit %d is not KR, TKR or MKR", fn,
                          (int)unit);
  }
  if (decimals < 0 || decimals > 3)
    return tertial__error(TERTIAL_ERR_RANGE, "%s: decimals is %d, expected 0..3", fn,
                          decimals);
  if (per % pow10_table[decimals] != 0)
    return tertial__error(TERTIAL_ERR_RANGE,
                          "%s: %d decimals of %s is a step below 1 öre, expected at most "
                          "2 decimals for kr",
                          fn, decimals, name);
  *step = per / pow10_table[decimals];
  return 0;
}

int tertial_money_round(int64_t *out, int64_t ore, tertial_money_unit unit, int decimals)
{
  int64_t step = 1;
  int rc = step_of(&step, unit, decimals, "tertial_money_round");
  if (rc < 0)
    return rc;
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_money_round: out is NULL");
  /* step >= 1, so the quotient always fits in int64. */
  *out = (int64_t)tertial__div_round(ore, step);
  return 0;
}

/* Longest text: '-', 19 digits, 6 group spaces, ',' and NUL. */
enum { FORMAT_MAX = 32 };

/* Write steps (a count of 10^-decimals units) as Swedish text; returns its length.
 * Digits are produced least significant first, then reversed. */
static size_t render_steps(char *dst, int64_t steps, int decimals)
{
  char rev[FORMAT_MAX];
  size_t n = 0;
  /* Unsigned magnitude: INT64_MIN has no positive int64 counterpart. */
  uint64_t mag = steps < 0 ? 0 - (uint64_t)steps : (uint64_t)steps;
  for (int i = 0; i < decimals; i++, mag /= 10)
    rev[n++] = (char)('0' + mag % 10);
  if (decimals > 0)
    rev[n++] = ',';
  int in_group = 0;
  do {
    if (in_group == 3) {
      rev[n++] = ' ';
      in_group = 0;
    }
    rev[n++] = (char)('0' + mag % 10);
    mag /= 10;
    in_group++;
  } while (mag > 0);
  /* Rounding happened before, so a value that rounds to 0 has no sign: never "-0". */
  if (steps < 0)
    rev[n++] = '-';
  for (size_t i = 0; i < n; i++)
    dst[i] = rev[n - 1 - i];
  dst[n] = '\0';
  return n;
}

int tertial_money_format(char *buf, size_t size, int64_t ore, tertial_money_unit unit,
                         int decimals)
{
  if (!buf)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_money_format: buf is NULL");
  if (size > 0)
    buf[0] = '\0';
  int64_t step = 1;
  int rc = step_of(&step, unit, decimals, "tertial_money_format");
  if (rc < 0)
    return rc;
  char text[FORMAT_MAX];
  size_t len = render_steps(text, (int64_t)tertial__div_round(ore, step), decimals);
  if (len + 1 > size)
    return tertial__error(TERTIAL_ERR_BUFFER,
                          "tertial_money_format: \"%s\" needs %zu bytes, buffer has %zu",
                          text, len + 1, size);
  memcpy(buf, text, len + 1);
  return (int)len;
}

/* ---------------------------------------------------------------------------------- */
/* Sum-preserving rounding                                                             */
/* ---------------------------------------------------------------------------------- */

typedef struct remainder_entry {
  int64_t rem;  /* v - floor(v / step) * step, in [0, step) */
  size_t index; /* position in the input, for the tie rule */
} remainder_entry;

/* Largest remainder first; equal remainders keep input order (earlier index wins). */
static int by_remainder_desc(const void *a, const void *b)
{
  const remainder_entry *x = a, *y = b;
  if (x->rem != y->rem)
    return x->rem > y->rem ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

/* Floor division (C division truncates toward zero); step > 0. */
static int64_t floor_div(int64_t v, int64_t step, int64_t *rem)
{
  int64_t q = v / step, r = v % step;
  if (r < 0) {
    q--;
    r += step;
  }
  *rem = r;
  return q;
}

/* Give one extra step to the `extra` entries with the largest remainders.
 * Sorting makes this O(n log n); the remainders are collected before out is written,
 * so out may be the same array as values. */
static int give_extra_steps(int64_t *out, const int64_t *values, size_t n, int64_t step,
                            size_t extra)
{
  remainder_entry *e = tertial__calloc(n, sizeof *e);
  if (!e)
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    floor_div(values[i], step, &e[i].rem);
    e[i].index = i;
  }
  qsort(e, n, sizeof *e, by_remainder_desc);
  for (size_t i = 0; i < n; i++) {
    int64_t rem;
    out[i] = floor_div(values[i], step, &rem);
  }
  for (size_t i = 0; i < extra; i++)
    out[e[i].index]++;
  free(e);
  return 0;
}

int tertial_money_round_vector(int64_t *out, const int64_t *values, size_t n,
                               tertial_money_unit unit, int decimals)
{
  int64_t step = 1;
  int rc = step_of(&step, unit, decimals, "tertial_money_round_vector");
  if (rc < 0)
    return rc;
  if (n > 0 && (!out || !values))
    return tertial__error(TERTIAL_ERR_INVALID,
                          "tertial_money_round_vector: %s is NULL with n = %zu",
                          !out ? "out" : "values", n);
  tertial_i128 sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += values[i];
  return tertial__round_to_target(out, values, n, step, tertial__div_round(sum, step));
}

int tertial__round_to_target(int64_t *out, const int64_t *values, size_t n, int64_t step, tertial_i128 target)
{
  tertial_i128 floors = 0;
  for (size_t i = 0; i < n; i++) {
    int64_t rem;
    floors += floor_div(values[i], step, &rem);
  }
  /* For a target of round(sum / step): sum/step lies in [floors, floors + n) and rounds to at
   * most floors + n, so this is 0..n; an extra step only goes to an entry with a non-zero
   * remainder, hence every output stays within int64 (step 1 never needs an extra step). */
  if (target < floors || target > floors + (tertial_i128)n)
    return tertial__error(TERTIAL_ERR_RANGE, "rounding: a total of %lld steps cannot be reached from these parts",
                          (long long)target);
  size_t extra = (size_t)(target - floors);
  if (extra > 0 && extra < n)
    return give_extra_steps(out, values, n, step, extra);
  for (size_t i = 0; i < n; i++) {
    int64_t rem;
    out[i] = floor_div(values[i], step, &rem) + (extra == n ? 1 : 0);
  }
  return 0;
}

int tertial__round_to_pin(int64_t *out, const int64_t *values, size_t n, int64_t step, tertial_i128 target)
{
  int rc = tertial__round_to_target(out, values, n, step, target);
  if (rc != TERTIAL_ERR_RANGE)
    return rc;
  tertial_error_clear();
  tertial_i128 sum = 0;
  size_t big = 0;
  for (size_t i = 0; i < n; i++) {
    out[i] = (int64_t)tertial__div_round((tertial_i128)values[i], step);
    sum += out[i];
    if ((values[i] < 0 ? -(tertial_i128)values[i] : values[i]) > (values[big] < 0 ? -(tertial_i128)values[big] : values[big]))
      big = i;
  }
  if (n)
    out[big] = (int64_t)(out[big] + (target - sum));
  return 0;
}
