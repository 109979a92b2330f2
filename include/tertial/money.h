/**
 * @file money.h
 * @brief Exact money: int64 öre with checked arithmetic, parsing, formatting and rounding.
 *
 * An amount is an `int64_t` number of öre (1/100 SEK). Arithmetic that would overflow
 * returns ::TERTIAL_ERR_OVERFLOW instead of wrapping. Rounding is half away from zero.
 * @code
 * int64_t ore;
 * tertial_money_parse(&ore, "-1 243,50", TERTIAL_MONEY_SWEDISH);  // ore == -124350
 * char buf[64];
 * tertial_money_format(buf, sizeof buf, 1250000000, TERTIAL_UNIT_TKR, 0); // "12 500"
 * @endcode
 */
#ifndef TERTIAL_MONEY_H
#define TERTIAL_MONEY_H

#include "common.h"

TERTIAL_BEGIN_DECLS

/** Öre per krona. */
#define TERTIAL_ORE_PER_KR INT64_C(100)
/** Öre per thousand kronor (tkr). */
#define TERTIAL_ORE_PER_TKR INT64_C(100000)
/** Öre per million kronor (mkr). */
#define TERTIAL_ORE_PER_MKR INT64_C(100000000)

/** Decimal text styles accepted by tertial_money_parse(). */
typedef enum tertial_money_style {
  /** SIE style: optional '-', digits, optional '.' and up to 2 decimals: "-1243.50". */
  TERTIAL_MONEY_SIE = 0,
  /** Swedish style: optional '-' (or U+2212), digit groups separated by space, NBSP or
   *  narrow NBSP, optional ',' and up to 2 decimals: "-1 243,50". */
  TERTIAL_MONEY_SWEDISH = 1,
  /** Either of the above, decided by the text ('.' means SIE, ',' Swedish). */
  TERTIAL_MONEY_ANY = 2,
} tertial_money_style;

/** Display units for formatting. */
typedef enum tertial_money_unit {
  TERTIAL_UNIT_KR = 0,  /**< kronor */
  TERTIAL_UNIT_TKR = 1, /**< thousands of kronor */
  TERTIAL_UNIT_MKR = 2, /**< millions of kronor */
} tertial_money_unit;

/**
 * a + b, checked.
 * @param out receives the sum (unchanged on error).
 * @return 0, or ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID if @p out is NULL.
 */
TERTIAL_API int tertial_money_add(int64_t *out, int64_t a, int64_t b);

/**
 * a − b, checked.
 * @return 0, or ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_money_sub(int64_t *out, int64_t a, int64_t b);

/**
 * amount × factor (an integer quantity, e.g. days × cost per day), checked.
 * @return 0, or ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_money_mul(int64_t *out, int64_t amount, int64_t factor);

/**
 * amount × num / den, computed exactly and rounded half away from zero.
 * Used for shares, proportions and prices with decimals (e.g. num/den = 1234/1000).
 * @return 0, or ::TERTIAL_ERR_OVERFLOW if the result does not fit,
 *         ::TERTIAL_ERR_INVALID if @p den is 0 or @p out is NULL.
 */
TERTIAL_API int tertial_money_scale(int64_t *out, int64_t amount, int64_t num, int64_t den);

/**
 * Parse decimal text into öre.
 * Leading and trailing white space is allowed; anything else malformed is an error
 * (empty text, a lone sign, two decimal marks, misplaced group separators, more than two
 * decimals unless they are all zero, letters). Values outside int64 öre overflow.
 * @param out receives the amount in öre.
 * @param text NUL-terminated text.
 * @param style which notation is accepted.
 * @return 0, ::TERTIAL_ERR_PARSE (message names the offending column), ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_money_parse(int64_t *out, const char *text, tertial_money_style style);

/**
 * Round an amount to a whole number of display units, half away from zero.
 * @param out receives the rounded amount expressed in units of 10^-decimals of @p unit,
 *        e.g. 1 234 567 öre in TKR with 1 decimal gives 123 (12,3 tkr).
 * @param decimals 0..3.
 * @return 0, or ::TERTIAL_ERR_RANGE for bad @p decimals, ::TERTIAL_ERR_INVALID for a bad unit.
 */
TERTIAL_API int tertial_money_round(int64_t *out, int64_t ore, tertial_money_unit unit,
                                    int decimals);

/**
 * Format an amount in kr, tkr or mkr with Swedish separators: a space between groups of
 * three digits, a comma before decimals and '-' for negatives; rounded half away from zero.
 * Zero never prints as "-0".
 * @param buf receives NUL-terminated text (32 bytes always suffice).
 * @param size size of @p buf.
 * @param ore the amount.
 * @param unit kr, tkr or mkr.
 * @param decimals 0..3.
 * @return the length written, or ::TERTIAL_ERR_BUFFER, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_money_format(char *buf, size_t size, int64_t ore,
                                     tertial_money_unit unit, int decimals);

/**
 * Sum-preserving rounding (largest remainder) of a vector of amounts to display units.
 * Each output is the input rounded down or up to a whole step of the unit and decimals,
 * such that the outputs sum to the rounded sum of the inputs (rounded half away from zero).
 * Steps go to the entries with the largest remainders; ties go to the earlier entry.
 * @param out receives @p n rounded values in steps (same scale as tertial_money_round()).
 * @param values @p n amounts in öre.
 * @param n number of amounts (0 is allowed).
 * @param unit, decimals as for tertial_money_round().
 * @return 0, or ::TERTIAL_ERR_OVERFLOW, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_INVALID,
 *         ::TERTIAL_ERR_NOMEM.
 */
TERTIAL_API int tertial_money_round_vector(int64_t *out, const int64_t *values, size_t n,
                                           tertial_money_unit unit, int decimals);

TERTIAL_END_DECLS

#endif
