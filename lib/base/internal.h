/* Internal helpers shared by the library's modules. Not installed. */
#ifndef TERTIAL_INTERNAL_H
#define TERTIAL_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tertial/tertial.h"

#if defined(__GNUC__)
#  define TERTIAL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define TERTIAL_PRINTF(f, a)
#endif

/* A hot loop compiled twice, for AVX2 and for the baseline, the right one chosen when the library
 * is loaded (GCC's target_clones; needs x86-64 and glibc's ifunc). Elsewhere: the one build. */
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute)
#  if __has_attribute(target_clones)
#    define TERTIAL_CLONES_AVX2 __attribute__((target_clones("avx2", "default")))
#  endif
#endif
#ifndef TERTIAL_CLONES_AVX2
#  define TERTIAL_CLONES_AVX2
#endif

/* Record the calling thread's last error and return code (negative). */
int tertial__error(int code, const char *fmt, ...) TERTIAL_PRINTF(2, 3);

/* The allocation error, recorded with what was being allocated. */
int tertial__nomem(const char *what);

/* malloc-family wrappers that never abort: they return NULL (and record NOMEM) on failure.
 * GLib's g_malloc aborts on failure, so library code allocates only through these. */
void *tertial__malloc(size_t size);
void *tertial__calloc(size_t n, size_t size);
/* A zeroed array that is written (memset) rather than left to calloc's untouched zero pages: for
 * a big array that is read-modified-written right away (sums added into it). A page of a calloc'd
 * array that is read first maps the kernel's shared zero page and faults a second time on the
 * write (copy on write); written first, each page faults once. */
void *tertial__zeroed(size_t n, size_t size);
/* Grow *ptr to hold at least need elements of size elem (capacity in *cap, doubles). */
int tertial__grow(void **ptr, size_t *cap, size_t need, size_t elem);
char *tertial__strdup(const char *s);

/* A growable NUL-terminated string. All functions return 0 or TERTIAL_ERR_NOMEM. */
typedef struct tertial_strbuf {
  char *data;
  size_t len;
  size_t cap;
} tertial_strbuf;

int tertial__sb_append(tertial_strbuf *sb, const char *s);
int tertial__sb_append_len(tertial_strbuf *sb, const char *s, size_t n);
int tertial__sb_printf(tertial_strbuf *sb, const char *fmt, ...) TERTIAL_PRINTF(2, 3);
int tertial__sb_vprintf(tertial_strbuf *sb, const char *fmt, va_list ap) TERTIAL_PRINTF(2, 0);

/* The next line of a text being split in place: the line at *next, its '\n' made the end of
 * the string; *next moves past it (NULL after the last line). *next must not be NULL. */
char *tertial__next_line(char **next);

/* Split one NUL-terminated line at `delimiter` into at most `max` fields, in place: blanks around
 * a field dropped (a tab too, unless it is the delimiter), a field in quotes unquoted ("" is a
 * quote; the quote closes on the line). fields[i] points into the line, lens[i] is its length.
 * Returns the number of fields, or -1 with *bad the 1-based field that is wrong (a quote not
 * closed, text after a closing quote, more than max fields). */
int tertial__csv_split(char *line, char delimiter, char **fields, size_t *lens, int max, int *bad);
int tertial__sb_pad(tertial_strbuf *sb, char c, size_t count);
/* Hand the string to the caller (freed with tertial_free()); the buffer becomes empty. */
char *tertial__sb_steal(tertial_strbuf *sb);
void tertial__sb_clear(tertial_strbuf *sb);

/* Checked int64 arithmetic without recording an error (for hot loops). */
static inline bool tertial__add_ovf(int64_t a, int64_t b, int64_t *out)
{
  return __builtin_add_overflow(a, b, out);
}

/* dst[i] += src[i] for n values with wrap-around arithmetic the compiler can vectorise; returns
 * non-zero if any addition overflowed (then dst holds wrapped values and must be discarded). */
static inline uint64_t tertial__add_vec(int64_t *restrict dst, const int64_t *restrict src, size_t n)
{
  uint64_t ovf = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t a = (uint64_t)dst[i], b = (uint64_t)src[i], r = a + b;
    /* signed overflow iff both operands have the same sign and the result's differs */
    ovf |= (a ^ r) & (b ^ r);
    dst[i] = (int64_t)r;
  }
  return ovf >> 63;
}

/* 128-bit integer for exact intermediate products (GCC/Clang extension). */
__extension__ typedef __int128 tertial_i128;

/* Divide rounding half away from zero; den != 0. Exact on 128-bit integers. */
static inline tertial_i128 tertial__div_round(tertial_i128 num, tertial_i128 den)
{
  if (num >= INT64_MIN + 1 && num <= INT64_MAX && den > 0 && den <= INT64_MAX) {
    /* the common case: 64-bit division is several times faster than 128-bit */
    int64_t n = (int64_t)num, d = (int64_t)den, q = n / d, r = n % d;
    /* |r| < d <= INT64_MAX, so 2|r| fits in 64 unsigned bits; rounding away from zero without a
     * branch, as whether to round is a coin toss the branch predictor cannot learn */
    uint64_t ar = (uint64_t)(r < 0 ? -r : r);
    return q + (1 - 2 * (int64_t)(n < 0)) * (int64_t)(2 * ar >= (uint64_t)d);
  }
  if (den < 0) {
    num = -num;
    den = -den;
  }
  tertial_i128 q = num / den, r = num % den;
  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += (num < 0) ? -1 : 1;
  return q;
}

/* Largest-remainder rounding of values to steps of `step` öre so that the outputs sum to
 * `target` steps, which must lie between the sum of the floors and that sum + n
 * (round(sum / step) always does; so does either neighbour of a parent's exact total).
 * Returns 0, TERTIAL_ERR_RANGE or TERTIAL_ERR_NOMEM. out may equal values. */
int tertial__round_to_target(int64_t *out, const int64_t *values, size_t n, int64_t step, tertial_i128 target);

/* As tertial__round_to_target(), for any target: when it is out of that range (a parent pinned to
 * a figure another table shows), each value is rounded on its own (half away from zero) and the
 * difference to the target goes to the value of the largest magnitude. Returns 0 or
 * TERTIAL_ERR_NOMEM. */
int tertial__round_to_pin(int64_t *out, const int64_t *values, size_t n, int64_t step, tertial_i128 target);

/* Days since 1970-01-01 of a Gregorian date, and back (holidays.c; the wheel's weeks use them). */
int64_t tertial__day_number(int year, int month, int day);
tertial_date tertial__date_of(int64_t day);

#endif
