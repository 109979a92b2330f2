/* Internal access to the ledger for follow-up tables and the checker. */
#ifndef TERTIAL_LEDGER_INTERNAL_H
#define TERTIAL_LEDGER_INTERNAL_H

#include "internal.h"

/* The index of the measure named `name`, -1 if none: a lookup that records no error, for the
 * library's own probes (an expected miss must not leave an error behind a successful call). */
int tertial__ledger_lookup_measure(const tertial_ledger *ledger, const char *name);

/* Own (directly booked) lines: count, key and the 12 monthly values of a measure (copied into
 * out: the ledger keeps values narrow where they fit, see tertial__own_view). */
size_t tertial__ledger_own_count(const tertial_ledger *ledger);
void tertial__ledger_own_key(const tertial_ledger *ledger, size_t line, tertial_unit_id *unit,
                             tertial_account_id *account);
void tertial__ledger_own_months(const tertial_ledger *ledger, size_t line, int measure, int64_t out[12]);
int64_t tertial__ledger_own_value(const tertial_ledger *ledger, size_t line, int measure, int month);

/* The keys of the own lines as a raw array: (unit << 32 | account) per line. */
const uint64_t *tertial__ledger_own_keys(const tertial_ledger *ledger);

/* The own lines' values as raw arrays for bulk reads. A line is narrow while every value it holds
 * fits in 32 bits (nearly all do: 21 million kronor a month on one unit and account), its values
 * then in narrow[line * width + measure * 12 + month]; a line that ever held a larger value is
 * wide, its values in wide[wide_of[line] * width + measure * 12 + month] (wide_of[line] is -1
 * for a narrow line). Half the memory, and half the memory traffic of a pass over the ledger. */
typedef struct tertial__own_view {
  size_t width;           /* values per line: measures (with room) x 12 */
  const int32_t *narrow;
  const int32_t *wide_of;
  const int64_t *wide;
  size_t nwide;           /* how many lines are wide (0: every line is narrow) */
} tertial__own_view;

/* The view of the ledger's own lines; valid until the next change of the ledger. */
void tertial__ledger_own_view(const tertial_ledger *ledger, tertial__own_view *out);

/* dst[k] += the line's value of `measure` in month k, for 12 months, wrapping (the caller knows
 * the sums fit). */
static inline void tertial__own_add12(int64_t *restrict dst, const tertial__own_view *v, size_t line, size_t measure)
{
  if (v->nwide == 0 || v->wide_of[line] < 0) {
    const int32_t *src = &v->narrow[line * v->width + measure * 12];
    for (size_t k = 0; k < 12; k++)
      dst[k] = (int64_t)((uint64_t)dst[k] + (uint64_t)(int64_t)src[k]);
  } else {
    const int64_t *src = &v->wide[(size_t)v->wide_of[line] * v->width + measure * 12];
    for (size_t k = 0; k < 12; k++)
      dst[k] = (int64_t)((uint64_t)dst[k] + (uint64_t)src[k]);
  }
}

/* As tertial__own_add12(), checked: non-zero if some sum overflowed (dst must then be discarded). */
static inline uint64_t tertial__own_add12_checked(int64_t *restrict dst, const tertial__own_view *v, size_t line,
                                                  size_t measure)
{
  if (v->wide_of[line] >= 0)
    return tertial__add_vec(dst, &v->wide[(size_t)v->wide_of[line] * v->width + measure * 12], 12);
  const int32_t *src = &v->narrow[line * v->width + measure * 12];
  uint64_t ovf = 0;
  for (size_t k = 0; k < 12; k++) {
    uint64_t a = (uint64_t)dst[k], b = (uint64_t)(int64_t)src[k], r = a + b;
    ovf |= (a ^ r) & (b ^ r);
    dst[k] = (int64_t)r;
  }
  return ovf >> 63;
}

/* The own lines of each unit, chained: first[u] is the newest line of unit u (-1: none; units
 * from *out_units on have no lines) and the returned next[line] the line added before it of the
 * same unit (-1 at the end). Valid until the next change of the ledger. */
const int32_t *tertial__ledger_own_chain(const tertial_ledger *ledger, const int32_t **out_first, size_t *out_units);

/* 1 if every unit's own lines are consecutive lines (as when amounts are added unit by unit), and
 * then unit u's lines are oldest[u]..newest[u] (-1: none; units from *out_units on have none);
 * 0 if some unit's lines are interleaved with another's. Valid until the next change. */
int tertial__ledger_own_runs(const tertial_ledger *ledger, const int32_t **out_oldest, const int32_t **out_newest,
                             size_t *out_units);

/* An upper bound of |v| over every own value (every amount of every measure and month) the
 * ledger holds: the largest |value| ever stored in a cell, doubled by each copy of a measure.
 * It never decreases, so a caller can tell in O(1) that no sum of k own values can overflow
 * (bound <= INT64_MAX / k); at most 2^63. */
uint64_t tertial__ledger_abs_bound(const tertial_ledger *ledger);

/* Revision: increases on every change of amounts or measures. */
unsigned long tertial__ledger_revision(const tertial_ledger *ledger);

/* Room for `more` new own lines at once (a loader that knows how many it may add: an upper
 * bound is fine, the room is address space until lines use it), so that the line arrays and
 * their index are not grown and rehashed again and again. Returns 0, TERTIAL_ERR_NOMEM,
 * TERTIAL_ERR_RANGE. */
int tertial__ledger_reserve(tertial_ledger *ledger, size_t more);

/* Fault in, for writing, the memory of own lines from..to-1 (clamped to the room reserved),
 * without changing what it holds: another thread can do it ahead of a loader adding lines into
 * room that tertial__ledger_reserve() made (the arrays do not move while lines fit the room),
 * so that the loader does not stop at a page fault every few lines. Returns 0, or -1 if the
 * system cannot (Linux before 5.14, or no memory: the pages then fault when written). */
int tertial__ledger_populate(const tertial_ledger *ledger, size_t from, size_t to);

/* tertial_ledger_add() of twelve months of one measure at once (add[k] to month k), with one
 * lookup of the line: every sum is checked first, so an overflow changes nothing. Errors as
 * tertial_ledger_add(). */
int tertial__ledger_add12(tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account, int measure,
                          const int64_t add[12]);

/* tertial__ledger_add12() in two halves, which a bulk loader can run on two threads:
 * - tertial__ledger_line() finds or appends the line of (unit, account) and touches only the
 *   index, the keys and the per-unit chains. A new line (*fresh = 1) has no values yet: nothing may
 *   read it before tertial__ledger_add12_line() has run on it with fresh = 1. Room must have been
 *   made with tertial__ledger_reserve(): without it the call fails with TERTIAL_ERR_STATE rather
 *   than move the arrays. Errors: TERTIAL_ERR_INVALID (NULL), TERTIAL_ERR_NOT_FOUND (unit or
 *   account), TERTIAL_ERR_RANGE, TERTIAL_ERR_NOMEM.
 * - tertial__ledger_add12_line() clears a fresh line, then adds add[k] to month k of measure, every
 *   sum checked first (an overflow changes nothing), widening the line if it must. It touches only
 *   that line's values, the wide values and the bound of the values, so it can run on another
 *   thread for lines tertial__ledger_line() has returned, while that goes on. Errors as
 *   tertial_ledger_add().
 * - tertial__ledger_touched() marks the ledger changed (as every other change does itself): call
 *   it once afterwards. */
int tertial__ledger_line(size_t *line, int *fresh, tertial_ledger *ledger, tertial_unit_id unit,
                         tertial_account_id account);
int tertial__ledger_add12_line(tertial_ledger *ledger, size_t line, int fresh, int measure, const int64_t add[12]);
void tertial__ledger_touched(tertial_ledger *ledger);

/* Fetch the index slot of the line of (unit, account) ahead of a tertial__ledger_add12() (a hint:
 * no effect on the ledger; unit and account need not be valid). */
void tertial__ledger_prefetch(const tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account);

const tertial_org *tertial__ledger_org(const tertial_ledger *ledger);
const tertial_chart *tertial__ledger_chart(const tertial_ledger *ledger);

/* Every unit's parent in each month of the fiscal year, as used by the roll-up:
 * parents[month * n_units + unit]. Computes it into a caller-freed array. */
int tertial__ledger_month_parents(const tertial_ledger *ledger, tertial_unit_id **out, size_t *out_units);

/* Account -> line row of a mapping (-1 unmapped), for every account of the ledger's chart.
 * The array is cached in the ledger and valid until the next call or change. */
int tertial__ledger_account_rows(tertial_ledger *ledger, const tertial_rowmap *map, const int **out,
                                 size_t *out_n);

/* Rows that an amount on an account with line row `line_row` adds into: the line row, the sum
 * rows above it and, when `internal`, the internal rows whose parent is above it. */
int tertial__row_targets(const tertial_rowmap *map, int line_row, int internal, int *rows, int max);

/* Every report row's total of a unit at once: what tertial_ledger_row_total() gives for each row
 * of map, in one pass over the unit's lines. out and overflowed have one element per row of map
 * (tertial_rowmap_row_count()); overflowed[r] is 1 when row r's total overflows (out[r] is then
 * meaningless), which is not an error here: the caller decides for the rows it uses. Returns 0
 * or the errors of tertial_ledger_row_total() other than the overflow. */
int tertial__ledger_row_totals(int64_t *out, unsigned char *overflowed, tertial_ledger *ledger,
                               const tertial_rowmap *map, tertial_unit_id unit, int measure, int first, int last);

/* One report row's total of each month of a unit (out[m] is what tertial_ledger_row_total() gives
 * for the span m..m), in one pass; overflowed[m] as above. Errors as tertial__ledger_row_totals()
 * and ::TERTIAL_ERR_NOT_FOUND for a row the mapping does not have. */
int tertial__ledger_row_months(int64_t out[12], unsigned char overflowed[12], tertial_ledger *ledger,
                               const tertial_rowmap *map, tertial_unit_id unit, int row, int measure);

#endif
