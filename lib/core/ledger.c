#define _DEFAULT_SOURCE /* madvise */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#  include <sys/mman.h>
#  include <unistd.h>
#endif

#include "accounts_internal.h"
#include "ledger_internal.h"
#include "org_internal.h"
#include "u64map.h"

#define MONTHS 12

/* A set of lines with the values of every measure; lines of one unit are chained so the
 * roll-up can walk a unit's lines without searching. While every unit's lines are consecutive
 * (a loader adding one unit's amounts after another's), oldest..first of a unit is its run.
 * Values are kept in 32 bits while they fit (a narrow line) and in 64 bits once one does not
 * (the line becomes wide for good): see tertial__own_view in ledger_internal.h. */
typedef struct lineset {
  uint64_t *keys;      /* (unit << 32) | account */
  int32_t *vals;       /* narrow values: line * width + measure * 12 + month (0 on a wide line) */
  int32_t *wide_of;    /* [line]: the line's block in wvals, -1 for a narrow line */
  int64_t *wvals;      /* wide lines' values: block * width + measure * 12 + month */
  size_t nwide, cap_wide; /* blocks in wvals and room for them */
  int32_t *next;       /* next line of the same unit, -1 at the end */
  size_t cap;
  int32_t *first;      /* first line of each unit, -1 if none */
  int32_t *oldest;     /* the unit's line added first, -1 if none */
  size_t nunits;
  /* What adding a line writes every time, on cache lines of its own: while one thread adds lines
   * (tertial__ledger_line()), another fills them (tertial__ledger_add12_line()) reading the
   * fields above, which would otherwise move between the two processors' caches at every line. */
  char apart_[64];
  size_t n;
  size_t last;         /* 1 + the line lineset_get() gave last (0: none): rows of a file come in runs */
  int scattered;       /* some unit's lines are not consecutive */
  tertial_u64map index;
  char apart_after_[64];
} lineset;

/* Rolled-up totals. Every unit that is a parent in some month of the year gets one block of
 * lines, one per account of its subtree (in account order), nmeasures * 12 values each. An
 * account's line in a block is found by its rank in the unit's account bitset, so adding a child
 * into its parent needs no search. */
typedef struct rollup {
  size_t nunits, words;       /* words: 64-bit words per account bitset */
  uint64_t *bits;             /* [unit][word]: accounts present in the unit's subtree */
  uint32_t *rank;             /* [unit][word]: accounts in the words before */
  int64_t *start;             /* [unit]: first line of its block, -1 for a unit that is never a parent */
  tertial_account_id *account; /* [line] */
  int64_t *vals;              /* [line][measure][month] */
  size_t nlines;
} rollup;

struct tertial_ledger {
  const tertial_org *org;
  const tertial_chart *chart;
  tertial_fiscal_year fy;
  char **measures;
  size_t nmeasures, cap_measures;
  lineset own;          /* booked amounts; lines are cap_measures * 12 wide */
  rollup rolled;        /* parents' totals; a unit that is never a parent reads its own lines */
  int rolled_valid;
  unsigned long rolled_org_rev;
  unsigned long revision;
  /* An upper bound of |v| over every own value ever stored (see tertial__ledger_abs_bound). */
  uint64_t abs_bound;
  /* cached account -> line row for one mapping */
  const tertial_rowmap *rows_map;
  unsigned long rows_map_rev, rows_chart_rev;
  int *rows;
  size_t nrows;
};

static void rollup_free(rollup *r)
{
  free(r->bits);
  free(r->rank);
  free(r->start);
  free(r->account);
  free(r->vals);
  memset(r, 0, sizeof *r);
}

static uint64_t line_key(tertial_unit_id u, tertial_account_id a)
{
  return ((uint64_t)u << 32) | a;
}

static int64_t lineset_find(const lineset *s, uint64_t key)
{
  uint32_t v;
  return tertial__u64map_get(&s->index, key, &v) ? (int64_t)v : -1;
}

static void lineset_free(lineset *s)
{
  free(s->keys);
  free(s->vals);
  free(s->wide_of);
  free(s->wvals);
  free(s->next);
  free(s->first);
  free(s->oldest);
  tertial__u64map_free(&s->index);
  memset(s, 0, sizeof *s);
}

/* Make room for unit u in the per-unit chain heads. */
static int lineset_units(lineset *s, size_t nunits)
{
  if (nunits <= s->nunits)
    return 0;
  size_t cap = s->nunits, cap_oldest = s->nunits;
  int rc = tertial__grow((void **)&s->first, &cap, nunits, sizeof *s->first);
  if (rc == 0)
    rc = tertial__grow((void **)&s->oldest, &cap_oldest, nunits, sizeof *s->oldest);
  if (rc < 0)
    return rc;
  for (size_t i = s->nunits; i < cap; i++)
    s->first[i] = s->oldest[i] = -1;
  s->nunits = cap;
  return 0;
}

/* Room for `cap` lines of `width` values (cap > s->cap). */
static int lineset_room(lineset *s, size_t cap, size_t width)
{
  uint64_t *keys = realloc(s->keys, cap * sizeof *keys);
  if (keys)
    s->keys = keys;
  int32_t *next = keys ? realloc(s->next, cap * sizeof *next) : NULL;
  if (next)
    s->next = next;
  int32_t *wide_of = next ? realloc(s->wide_of, cap * sizeof *wide_of) : NULL;
  if (wide_of)
    s->wide_of = wide_of;
  int32_t *vals = wide_of ? realloc(s->vals, cap * width * sizeof *vals) : NULL;
  if (!vals)
    return tertial__nomem("ledger lines");
  s->vals = vals;
  s->cap = cap;
  return 0;
}

/* Find or append the line for key, with `width` values per line. A new line's values and wide
 * index are not set (*fresh = 1): the caller clears them (lineset_clear()). With grow 0 the room
 * must be there already (the arrays do not move). */
static int lineset_line(lineset *s, uint64_t key, size_t width, int grow, int64_t *out_line, int *fresh)
{
  *fresh = 0;
  if (s->last > 0 && s->last <= s->n && s->keys[s->last - 1] == key) {
    *out_line = (int64_t)(s->last - 1);
    return 0;
  }
  int64_t found = lineset_find(s, key);
  if (found >= 0) {
    *out_line = found;
    s->last = (size_t)found + 1;
    return 0;
  }
  if (s->n >= INT32_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "too many ledger lines");
  if (s->n + 1 > s->cap && !grow)
    return tertial__error(TERTIAL_ERR_STATE, "ledger: internal error: no room reserved for a new line");
  int rc = s->n + 1 > s->cap ? lineset_room(s, s->cap ? s->cap * 2 : 1024, width) : 0;
  if (rc < 0)
    return rc;
  tertial_unit_id u = (tertial_unit_id)(key >> 32);
  rc = lineset_units(s, (size_t)u + 1);
  if (rc == 0)
    rc = tertial__u64map_put(&s->index, key, (uint32_t)s->n);
  if (rc < 0)
    return rc;
  size_t line = s->n++;
  s->keys[line] = key;
  *fresh = 1;
  if (s->first[u] < 0)
    s->oldest[u] = (int32_t)line;
  else if ((size_t)s->first[u] + 1 != line)
    s->scattered = 1;
  s->next[line] = s->first[u];
  s->first[u] = (int32_t)line;
  s->last = line + 1;
  *out_line = (int64_t)line;
  return 0;
}

/* A new line's values: zero and narrow. */
static void lineset_clear(lineset *s, size_t line, size_t width)
{
  s->wide_of[line] = -1;
  memset(&s->vals[line * width], 0, width * sizeof *s->vals);
}

/* Find or append the line for key, with `width` values per line (zeroed when new). */
static int lineset_get(lineset *s, uint64_t key, size_t width, int64_t *out_line)
{
  int fresh;
  int rc = lineset_line(s, key, width, 1, out_line, &fresh);
  if (rc == 0 && fresh)
    lineset_clear(s, (size_t)*out_line, width);
  return rc;
}

/* Own values are stored with room for cap_measures measures per line so that adding a
 * measure does not move them; this widens every line when that room runs out. */
static int widen_own(tertial_ledger *l, size_t ncap)
{
  size_t owidth = l->cap_measures * MONTHS, nwidth = ncap * MONTHS;
  size_t lines = l->own.cap ? l->own.cap : 0;
  char **names = realloc(l->measures, ncap * sizeof *names);
  if (!names)
    return tertial__nomem("measures");
  l->measures = names;
  if (lines) {
    int32_t *vals = tertial__calloc(lines * nwidth, sizeof *vals);
    int64_t *wvals = vals && l->own.cap_wide ? tertial__calloc(l->own.cap_wide * nwidth, sizeof *wvals) : NULL;
    if (!vals || (l->own.cap_wide && !wvals)) {
      free(vals);
      return TERTIAL_ERR_NOMEM;
    }
    for (size_t i = 0; i < l->own.n; i++)
      memcpy(&vals[i * nwidth], &l->own.vals[i * owidth], owidth * sizeof *vals);
    for (size_t b = 0; b < l->own.nwide; b++)
      memcpy(&wvals[b * nwidth], &l->own.wvals[b * owidth], owidth * sizeof *wvals);
    free(l->own.vals);
    l->own.vals = vals;
    if (wvals) {
      free(l->own.wvals);
      l->own.wvals = wvals;
    }
  }
  l->cap_measures = ncap;
  return 0;
}

static int push_measure(tertial_ledger *l, const char *name)
{
  if (l->nmeasures == l->cap_measures) {
    /* Exactly as wide as needed: every own line is read in full by roll-ups and tables. */
    int rc = widen_own(l, l->cap_measures + 1);
    if (rc < 0)
      return rc;
  }
  char *copy = tertial__strdup(name);
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  l->measures[l->nmeasures++] = copy;
  l->rolled_valid = 0;
  l->revision++;
  return 0;
}

int tertial_ledger_new(tertial_ledger **out, const tertial_org *org, const tertial_chart *chart,
                       const tertial_fiscal_year *fy)
{
  if (!out || !org || !chart || !fy)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_new: NULL argument");
  *out = NULL;
  tertial_fiscal_year check;
  int rc = tertial_fiscal_year_init(&check, fy->first_year, fy->start_month);
  if (rc < 0)
    return rc;
  tertial_ledger *l = tertial__calloc(1, sizeof *l);
  if (!l)
    return TERTIAL_ERR_NOMEM;
  l->org = org;
  l->chart = chart;
  l->fy = *fy;
  if ((rc = push_measure(l, "Utfall")) < 0 || (rc = push_measure(l, "Föregående år")) < 0) {
    tertial_ledger_free(l);
    return rc;
  }
  *out = l;
  return 0;
}

void tertial_ledger_free(tertial_ledger *ledger)
{
  if (!ledger)
    return;
  for (size_t i = 0; i < ledger->nmeasures; i++)
    free(ledger->measures[i]);
  free(ledger->measures);
  lineset_free(&ledger->own);
  rollup_free(&ledger->rolled);
  free(ledger->rows);
  free(ledger);
}

const tertial_fiscal_year *tertial_ledger_fiscal_year(const tertial_ledger *ledger)
{
  return ledger ? &ledger->fy : NULL;
}

int tertial_ledger_add_measure(int *out_measure, tertial_ledger *ledger, const char *name)
{
  if (!out_measure || !ledger || !name || !*name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_add_measure: a ledger and a non-empty name are required");
  if (tertial__ledger_lookup_measure(ledger, name) >= 0)
    return tertial__error(TERTIAL_ERR_EXISTS, "measure \"%s\" already exists", name);
  int rc = push_measure(ledger, name);
  if (rc < 0)
    return rc;
  *out_measure = (int)ledger->nmeasures - 1;
  return 0;
}

size_t tertial_ledger_measure_count(const tertial_ledger *ledger)
{
  return ledger ? ledger->nmeasures : 0;
}

const char *tertial_ledger_measure_name(const tertial_ledger *ledger, int measure)
{
  if (!ledger || measure < 0 || (size_t)measure >= ledger->nmeasures)
    return NULL;
  return ledger->measures[measure];
}

int tertial__ledger_lookup_measure(const tertial_ledger *ledger, const char *name)
{
  for (size_t i = 0; ledger && name && i < ledger->nmeasures; i++)
    if (strcmp(ledger->measures[i], name) == 0)
      return (int)i;
  return -1;
}

int tertial_ledger_find_measure(int *out_measure, const tertial_ledger *ledger, const char *name)
{
  if (!out_measure || !ledger || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_find_measure: NULL argument");
  int i = tertial__ledger_lookup_measure(ledger, name);
  if (i < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no measure named \"%s\"", name);
  *out_measure = i;
  return 0;
}

static int check_cell(const tertial_ledger *l, tertial_unit_id unit, tertial_account_id account, int month,
                      int measure)
{
  if (unit >= tertial_org_unit_count(l->org))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "ledger: no unit with id %u", (unsigned)unit);
  if (account >= tertial_chart_count(l->chart))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "ledger: no account with id %u", (unsigned)account);
  if (measure < 0 || (size_t)measure >= l->nmeasures)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "ledger: no measure %d", measure);
  if (month < 0 || month >= MONTHS)
    return tertial__error(TERTIAL_ERR_RANGE, "ledger: month index %d outside 0..11", month);
  return 0;
}

/* The own line of (unit, account), created when missing; checks every index of the cell. */
static int own_line(size_t *out, tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account, int month,
                    int measure, const char *fn)
{
  if (!ledger)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: ledger is NULL", fn);
  int rc = check_cell(ledger, unit, account, month, measure);
  if (rc < 0)
    return rc;
  int64_t line = 0;
  rc = lineset_get(&ledger->own, line_key(unit, account), ledger->cap_measures * MONTHS, &line);
  if (rc < 0)
    return rc;
  *out = (size_t)line;
  return 0;
}

/* Value `at` (measure * 12 + month) of an own line. */
static int64_t own_value(const tertial_ledger *l, size_t line, size_t at)
{
  size_t width = l->cap_measures * MONTHS;
  int32_t b = l->own.wide_of[line];
  return b < 0 ? (int64_t)l->own.vals[line * width + at] : l->own.wvals[(size_t)b * width + at];
}

/* Every value of an own line (measure * 12 + month, nmeasures measures) into out. */
static void own_line_values(const tertial_ledger *l, size_t line, int64_t *out)
{
  size_t width = l->cap_measures * MONTHS, n = l->nmeasures * MONTHS;
  int32_t b = l->own.wide_of[line];
  if (b >= 0) {
    memcpy(out, &l->own.wvals[(size_t)b * width], n * sizeof *out);
    return;
  }
  const int32_t *v = &l->own.vals[line * width];
  for (size_t k = 0; k < n; k++)
    out[k] = v[k];
}

/* Room for `more` wide lines beyond those there are, so that widening them cannot fail. */
static int reserve_wide(tertial_ledger *l, size_t more)
{
  return tertial__grow((void **)&l->own.wvals, &l->own.cap_wide, l->own.nwide + more,
                       l->cap_measures * MONTHS * sizeof *l->own.wvals);
}

/* Make a narrow own line wide (its values copied to 64 bits); room must be reserved. */
static void widen_line(tertial_ledger *l, size_t line)
{
  size_t width = l->cap_measures * MONTHS, b = l->own.nwide++;
  int32_t *v = &l->own.vals[line * width];
  int64_t *w = &l->own.wvals[b * width];
  for (size_t k = 0; k < width; k++) {
    w[k] = v[k];
    v[k] = 0;
  }
  l->own.wide_of[line] = (int32_t)b;
}

static int fits32(int64_t v)
{
  return v >= INT32_MIN && v <= INT32_MAX;
}

/* Store value `at` of an own line, widening the line when v needs it. Changes nothing on failure. */
static int own_store(tertial_ledger *l, size_t line, size_t at, int64_t v)
{
  size_t width = l->cap_measures * MONTHS;
  if (l->own.wide_of[line] < 0 && !fits32(v)) {
    if (l->own.nwide >= INT32_MAX)
      return tertial__error(TERTIAL_ERR_RANGE, "too many ledger lines with large amounts");
    int rc = reserve_wide(l, 1);
    if (rc < 0)
      return rc;
    widen_line(l, line);
  }
  int32_t b = l->own.wide_of[line];
  if (b < 0)
    l->own.vals[line * width + at] = (int32_t)v;
  else
    l->own.wvals[(size_t)b * width + at] = v;
  return 0;
}

static void changed(tertial_ledger *ledger)
{
  ledger->rolled_valid = 0;
  ledger->revision++;
}

/* Widen the bound of |own values| to cover a value just stored. */
static void note_value(tertial_ledger *ledger, int64_t v)
{
  uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  if (a > ledger->abs_bound)
    ledger->abs_bound = a;
}

/* The error of an amount whose sum with a cell overflows. */
static int add_overflow(const tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account, int month,
                        int64_t amount)
{
  const tertial_unit *u = tertial_org_unit(ledger->org, unit);
  const tertial_account *a = tertial_chart_account(ledger->chart, account);
  return tertial__error(TERTIAL_ERR_OVERFLOW, "ledger: adding %lld öre to unit \"%s\", account %s, month %d overflows",
                        (long long)amount, u->code, a->number, month + 1);
}

int tertial_ledger_add(tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account, int month,
                       int measure, int64_t amount)
{
  int64_t sum;
  size_t line = 0, at = (size_t)measure * MONTHS + (size_t)month;
  int rc = own_line(&line, ledger, unit, account, month, measure, "tertial_ledger_add");
  if (rc < 0)
    return rc;
  if (tertial__add_ovf(own_value(ledger, line, at), amount, &sum))
    return add_overflow(ledger, unit, account, month, amount);
  rc = own_store(ledger, line, at, sum);
  if (rc < 0)
    return rc;
  note_value(ledger, sum);
  changed(ledger);
  return 0;
}

/* add[k] to month k of measure on an own line, every sum checked first; changed() is the
 * caller's. */
static int add12_at(tertial_ledger *ledger, size_t line, tertial_unit_id unit, tertial_account_id account, int measure,
                    const int64_t add[12])
{
  size_t at = (size_t)measure * MONTHS;
  int rc;
  int64_t sum[MONTHS];
  int narrow = 1;
  for (int k = 0; k < MONTHS; k++) {
    if (tertial__add_ovf(own_value(ledger, line, at + (size_t)k), add[k], &sum[k]))
      return add_overflow(ledger, unit, account, k, add[k]);
    narrow &= fits32(sum[k]);
  }
  if (!narrow && ledger->own.wide_of[line] < 0) {
    if (ledger->own.nwide >= INT32_MAX)
      return tertial__error(TERTIAL_ERR_RANGE, "too many ledger lines with large amounts");
    if ((rc = reserve_wide(ledger, 1)) < 0)
      return rc;
    widen_line(ledger, line);
  }
  for (int k = 0; k < MONTHS; k++) {
    own_store(ledger, line, at + (size_t)k, sum[k]); /* cannot fail: the line is wide if it must be */
    note_value(ledger, sum[k]);
  }
  return 0;
}

int tertial__ledger_add12(tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account, int measure,
                          const int64_t add[12])
{
  size_t line = 0;
  int rc = own_line(&line, ledger, unit, account, 0, measure, "tertial_ledger_add");
  if (rc == 0)
    rc = add12_at(ledger, line, unit, account, measure, add);
  if (rc < 0)
    return rc;
  changed(ledger);
  return 0;
}

int tertial__ledger_line(size_t *out, int *fresh, tertial_ledger *ledger, tertial_unit_id unit,
                         tertial_account_id account)
{
  *fresh = 0;
  if (!ledger)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial__ledger_line: ledger is NULL");
  int rc = check_cell(ledger, unit, account, 0, 0);
  int64_t line = 0;
  if (rc == 0)
    rc = lineset_line(&ledger->own, line_key(unit, account), ledger->cap_measures * MONTHS, 0, &line, fresh);
  if (rc < 0)
    return rc;
  *out = (size_t)line;
  return 0;
}

int tertial__ledger_add12_line(tertial_ledger *ledger, size_t line, int fresh, int measure, const int64_t add[12])
{
  if (fresh) /* first: a fresh line is never left unwritten */
    lineset_clear(&ledger->own, line, ledger->cap_measures * MONTHS);
  if (measure < 0 || (size_t)measure >= ledger->nmeasures)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "ledger: no measure %d", measure);
  uint64_t key = ledger->own.keys[line];
  return add12_at(ledger, line, (tertial_unit_id)(key >> 32), (tertial_account_id)(key & 0xffffffffu), measure, add);
}

void tertial__ledger_touched(tertial_ledger *ledger)
{
  changed(ledger);
}

void tertial__ledger_prefetch(const tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account)
{
  tertial__u64map_prefetch(&ledger->own.index, line_key(unit, account));
}

int tertial_ledger_set(tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account, int month,
                       int measure, int64_t amount)
{
  size_t line = 0;
  int rc = own_line(&line, ledger, unit, account, month, measure, "tertial_ledger_set");
  if (rc == 0)
    rc = own_store(ledger, line, (size_t)measure * MONTHS + (size_t)month, amount);
  if (rc < 0)
    return rc;
  note_value(ledger, amount);
  changed(ledger);
  return 0;
}

int tertial_ledger_copy_measure(tertial_ledger *ledger, int dst, int src)
{
  if (!ledger)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_copy_measure: ledger is NULL");
  if (dst < 0 || src < 0 || (size_t)dst >= ledger->nmeasures || (size_t)src >= ledger->nmeasures)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "ledger: no measure %d", dst < 0 || (size_t)dst >= ledger->nmeasures ? dst : src);
  /* check every sum first, and make room for the lines that become wide, so that an overflow
   * or a failed allocation leaves everything unchanged */
  size_t d = (size_t)dst * MONTHS, sr = (size_t)src * MONTHS, widened = 0;
  for (size_t i = 0; i < ledger->own.n; i++) {
    int narrow = ledger->own.wide_of[i] < 0, fits = 1;
    for (size_t k = 0; k < MONTHS; k++) {
      int64_t sum;
      if (tertial__add_ovf(own_value(ledger, i, d + k), own_value(ledger, i, sr + k), &sum))
        return tertial__error(TERTIAL_ERR_OVERFLOW, "ledger: copying measure %d into %d overflows", src, dst);
      fits &= fits32(sum);
    }
    widened += narrow && !fits;
  }
  if (widened > 0 && ledger->own.nwide + widened > INT32_MAX)
    return tertial__error(TERTIAL_ERR_RANGE, "too many ledger lines with large amounts");
  int rc = widened > 0 ? reserve_wide(ledger, widened) : 0;
  if (rc < 0)
    return rc;
  for (size_t i = 0; i < ledger->own.n; i++)
    for (size_t k = 0; k < MONTHS; k++)
      own_store(ledger, i, d + k, own_value(ledger, i, d + k) + own_value(ledger, i, sr + k));
  /* |dst + src| <= 2 x the bound; the sums fit in int64, so the bound stays below 2^63 */
  ledger->abs_bound =
      ledger->abs_bound > (uint64_t)INT64_MAX / 2 ? (uint64_t)INT64_MAX + 1 : ledger->abs_bound * 2;
  changed(ledger);
  return 0;
}

int tertial_ledger_add_period(tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account,
                              int period, int measure, int64_t amount)
{
  if (!ledger)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_add_period: ledger is NULL");
  int index;
  int rc = tertial_fiscal_year_index(&index, &ledger->fy, period);
  if (rc < 0 && measure == TERTIAL_MEASURE_PRIOR) {
    tertial_fiscal_year prev = ledger->fy;
    prev.first_year--;
    rc = tertial_fiscal_year_index(&index, &prev, period);
  }
  if (rc < 0)
    return tertial__error(TERTIAL_ERR_RANGE, "ledger: period %d is outside the fiscal year starting %04d-%02d",
                          period, ledger->fy.first_year, ledger->fy.start_month);
  return tertial_ledger_add(ledger, unit, account, index, measure, amount);
}

int tertial_ledger_add_by_code(tertial_ledger *ledger, const char *unit_code, const char *account_number,
                               int month, int measure, int64_t amount)
{
  if (!ledger || !unit_code || !account_number)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_add_by_code: NULL argument");
  tertial_unit_id u;
  tertial_account_id a;
  int rc = tertial_org_find(&u, ledger->org, unit_code);
  if (rc == 0)
    rc = tertial_chart_find(&a, ledger->chart, account_number);
  if (rc < 0)
    return rc;
  return tertial_ledger_add(ledger, u, a, month, measure, amount);
}

int tertial_ledger_get(int64_t *out, const tertial_ledger *ledger, tertial_unit_id unit,
                       tertial_account_id account, int month, int measure)
{
  if (!out || !ledger)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_get: NULL argument");
  int rc = check_cell(ledger, unit, account, month, measure);
  if (rc < 0)
    return rc;
  int64_t line = lineset_find(&ledger->own, line_key(unit, account));
  *out = line < 0 ? 0 : own_value(ledger, (size_t)line, (size_t)measure * MONTHS + (size_t)month);
  return 0;
}

int tertial__ledger_month_parents(const tertial_ledger *ledger, tertial_unit_id **out, size_t *out_units)
{
  size_t n = tertial_org_unit_count(ledger->org);
  tertial_unit_id *parents = tertial__malloc((n ? n : 1) * MONTHS * sizeof *parents);
  if (!parents)
    return TERTIAL_ERR_NOMEM;
  for (int m = 0; m < MONTHS; m++) {
    int period;
    tertial_fiscal_year_period(&period, &ledger->fy, m);
    tertial__org_parents_at(ledger->org, period, &parents[(size_t)m * n]);
  }
  *out = parents;
  *out_units = n;
  return 0;
}

/* Iterates the lines of a unit's rolled view: its block, or its own lines for a non-parent. */
typedef struct line_cursor {
  const tertial_ledger *l;
  int64_t next;      /* next own line, or next block line */
  int64_t end;       /* end of the block; -1 when walking own lines */
  int64_t *buf;      /* an own line's values in 64 bits (nmeasures * 12) */
  int measure;       /* the one measure the caller reads of an own line, -1: every measure */
} line_cursor;

/* A cursor over unit u's lines, for one measure or (-1) all; buf has room for the ledger's
 * nmeasures * 12 values. */
static line_cursor cursor_of(const tertial_ledger *l, tertial_unit_id u, int64_t *buf, int measure)
{
  const rollup *r = &l->rolled;
  if (u < r->nunits && r->start[u] >= 0) {
    size_t last = (size_t)u * r->words + r->words - 1;
    int64_t len = (int64_t)r->rank[last] + __builtin_popcountll(r->bits[last]);
    return (line_cursor){l, r->start[u], r->start[u] + len, buf, measure};
  }
  return (line_cursor){l, u < l->own.nunits ? l->own.first[u] : -1, -1, buf, measure};
}

/* Room for one line's values of every measure, for cursor_of(); NULL (NOMEM recorded) on failure. */
static int64_t *line_buffer(const tertial_ledger *l)
{
  return tertial__malloc((l->nmeasures ? l->nmeasures : 1) * MONTHS * sizeof(int64_t));
}

/* The next line's account and values ([measure * 12 + month]; of an own line only the cursor's
 * measure, when it has one, is filled in); 0 at the end. */
static int cursor_next(line_cursor *c, tertial_account_id *account, const int64_t **vals)
{
  const tertial_ledger *l = c->l;
  if (c->end >= 0) {
    if (c->next >= c->end)
      return 0;
    *account = l->rolled.account[c->next];
    *vals = &l->rolled.vals[(size_t)c->next * l->nmeasures * MONTHS];
    c->next++;
    return 1;
  }
  if (c->next < 0)
    return 0;
  *account = (tertial_account_id)(l->own.keys[c->next] & 0xffffffffu);
  if (c->measure < 0)
    own_line_values(l, (size_t)c->next, c->buf);
  else
    tertial__ledger_own_months(l, (size_t)c->next, c->measure, &c->buf[(size_t)c->measure * MONTHS]);
  *vals = c->buf;
  c->next = l->own.next[c->next];
  return 1;
}

/* Line index of an account in a parent's block (the account must be in its bitset). */
static size_t block_line(const rollup *r, tertial_unit_id u, tertial_account_id a)
{
  size_t w = a / 64;
  uint64_t below = r->bits[(size_t)u * r->words + w] & ((UINT64_C(1) << (a % 64)) - 1);
  return (size_t)r->start[u] + r->rank[(size_t)u * r->words + w] + (size_t)__builtin_popcountll(below);
}

static int has_account(const rollup *r, tertial_unit_id u, tertial_account_id a)
{
  return (r->bits[(size_t)u * r->words + a / 64] >> (a % 64)) & 1;
}

/* Account sets: own accounts, then each unit's set added to its parents' in every segment
 * (children before parents), so a parent's set covers its subtree in every month. */
static int collect_accounts(tertial_ledger *l, const tertial_unit_id *parents, const int *seg_first, int nseg)
{
  rollup *r = &l->rolled;
  size_t n = r->nunits, w = r->words;
  for (size_t i = 0; i < l->own.n; i++) {
    tertial_unit_id u = (tertial_unit_id)(l->own.keys[i] >> 32);
    tertial_account_id a = (tertial_account_id)(l->own.keys[i] & 0xffffffffu);
    r->bits[(size_t)u * w + a / 64] |= UINT64_C(1) << (a % 64);
  }
  for (int s = 0; s < nseg; s++) {
    int period;
    tertial_fiscal_year_period(&period, &l->fy, seg_first[s]);
    tertial_unit_id *order;
    size_t count;
    int rc = tertial__org_preorder(l->org, TERTIAL_NO_UNIT, period, &order, NULL, &count);
    if (rc < 0)
      return rc;
    for (size_t i = count; i-- > 0;) {
      tertial_unit_id u = order[i], p = parents[(size_t)seg_first[s] * n + u];
      if (p != TERTIAL_NO_UNIT)
        for (size_t k = 0; k < w; k++)
          r->bits[(size_t)p * w + k] |= r->bits[(size_t)u * w + k];
    }
    free(order);
  }
  return 0;
}

/* Lay out the parents' blocks and put their own amounts in them. */
static int layout_blocks(tertial_ledger *l, const tertial_unit_id *parents)
{
  rollup *r = &l->rolled;
  size_t n = r->nunits, w = r->words, nm = l->nmeasures, lines = 0;
  for (size_t u = 0; u < n; u++)
    r->start[u] = -1;
  for (size_t m = 0; m < MONTHS; m++)
    for (size_t u = 0; u < n; u++)
      if (parents[m * n + u] != TERTIAL_NO_UNIT)
        r->start[parents[m * n + u]] = 0;
  for (size_t u = 0; u < n; u++) {
    if (r->start[u] < 0)
      continue;
    r->start[u] = (int64_t)lines;
    for (size_t k = 0; k < w; k++) {
      r->rank[u * w + k] = (uint32_t)(lines - (size_t)r->start[u]);
      lines += (size_t)__builtin_popcountll(r->bits[u * w + k]);
    }
  }
  r->nlines = lines;
  r->account = tertial__malloc((lines ? lines : 1) * sizeof *r->account);
  r->vals = tertial__zeroed(lines * nm * MONTHS, sizeof *r->vals); /* summed into at once */
  if (!r->account || !r->vals)
    return TERTIAL_ERR_NOMEM;
  for (size_t u = 0; u < n; u++) {
    if (r->start[u] < 0)
      continue;
    size_t line = (size_t)r->start[u];
    for (size_t k = 0; k < w; k++)
      for (uint64_t b = r->bits[u * w + k]; b; b &= b - 1)
        r->account[line++] = (tertial_account_id)(k * 64 + (size_t)__builtin_ctzll(b));
  }
  for (size_t i = 0; i < l->own.n; i++) {
    tertial_unit_id u = (tertial_unit_id)(l->own.keys[i] >> 32);
    if (r->start[u] < 0)
      continue;
    int64_t *dst = &r->vals[block_line(r, u, (tertial_account_id)(l->own.keys[i] & 0xffffffffu)) * nm * MONTHS];
    own_line_values(l, i, dst);
  }
  return 0;
}

/* Add months [a, b] of every line of u's rolled view into its parent p's block. */
static int add_to_parent(tertial_ledger *l, tertial_unit_id u, tertial_unit_id p, int a, int b, int64_t *buf)
{
  rollup *r = &l->rolled;
  size_t nm = l->nmeasures, width = nm * MONTHS;
  line_cursor c = cursor_of(l, u, buf, -1);
  tertial_account_id acc;
  const int64_t *src;
  uint64_t ovf = 0;
  if (c.end < 0 && a == 0 && b == MONTHS - 1) {
    /* a unit that is no parent (most are leaves): its own lines straight from their 32 or 64
     * bits into the parent's block, without widening each line into a buffer first */
    tertial__own_view v;
    tertial__ledger_own_view(l, &v);
    for (int64_t i = c.next; i >= 0; i = l->own.next[i]) {
      int64_t *dst = &r->vals[block_line(r, p, (tertial_account_id)(l->own.keys[i] & 0xffffffffu)) * width];
      for (size_t m = 0; m < nm; m++)
        ovf |= tertial__own_add12_checked(&dst[m * MONTHS], &v, (size_t)i, m);
    }
    return ovf != 0;
  }
  while (cursor_next(&c, &acc, &src)) {
    int64_t *dst = &r->vals[block_line(r, p, acc) * width];
    if (a == 0 && b == MONTHS - 1) {
      ovf |= tertial__add_vec(dst, src, width);
      continue;
    }
    for (size_t m = 0; m < nm; m++)
      ovf |= tertial__add_vec(&dst[m * MONTHS + (size_t)a], &src[m * MONTHS + (size_t)a], (size_t)(b - a + 1));
  }
  return ovf != 0;
}

/* Roll up the months [a, b], which share one organisational structure. */
static int rollup_segment(tertial_ledger *l, const tertial_unit_id *parents, int a, int b)
{
  size_t n = l->rolled.nunits;
  int period;
  tertial_fiscal_year_period(&period, &l->fy, a);
  tertial_unit_id *order = NULL;
  size_t count = 0;
  int64_t *buf = line_buffer(l);
  int rc = buf ? tertial__org_preorder(l->org, TERTIAL_NO_UNIT, period, &order, NULL, &count) : TERTIAL_ERR_NOMEM;
  /* Reverse pre-order visits every unit after all of its descendants. */
  for (size_t i = count; rc == 0 && i-- > 0;) {
    tertial_unit_id u = order[i], p = parents[(size_t)a * n + u];
    if (p != TERTIAL_NO_UNIT && add_to_parent(l, u, p, a, b, buf))
      rc = tertial__error(TERTIAL_ERR_OVERFLOW, "ledger roll-up: the total of unit \"%s\" overflows",
                          tertial_org_unit(l->org, p)->code);
  }
  free(order);
  free(buf);
  return rc;
}

static int rollup_build(tertial_ledger *l, const tertial_unit_id *parents)
{
  rollup *r = &l->rolled;
  size_t n = tertial_org_unit_count(l->org);
  r->nunits = n;
  r->words = (tertial_chart_count(l->chart) + 63) / 64;
  if (!r->words)
    r->words = 1;
  r->bits = tertial__calloc(n * r->words, sizeof *r->bits);
  r->rank = tertial__calloc(n * r->words, sizeof *r->rank);
  r->start = tertial__calloc(n, sizeof *r->start);
  if (!r->bits || !r->rank || !r->start)
    return TERTIAL_ERR_NOMEM;
  int seg_first[MONTHS], seg_last[MONTHS], nseg = 0;
  for (int a = 0; a < MONTHS;) {
    int b = a;
    while (b + 1 < MONTHS && memcmp(&parents[(size_t)a * n], &parents[(size_t)(b + 1) * n], n * sizeof *parents) == 0)
      b++;
    seg_first[nseg] = a;
    seg_last[nseg++] = b;
    a = b + 1;
  }
  int rc = collect_accounts(l, parents, seg_first, nseg);
  if (rc == 0)
    rc = layout_blocks(l, parents);
  for (int s = 0; rc == 0 && s < nseg; s++)
    rc = rollup_segment(l, parents, seg_first[s], seg_last[s]);
  return rc;
}

int tertial_ledger_rollup(tertial_ledger *ledger)
{
  if (!ledger)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_rollup: ledger is NULL");
  if (ledger->rolled_valid && ledger->rolled_org_rev == tertial__org_revision(ledger->org))
    return 0;
  ledger->rolled_valid = 0;
  rollup_free(&ledger->rolled);
  tertial_unit_id *parents = NULL;
  size_t n = 0;
  int rc = tertial__ledger_month_parents(ledger, &parents, &n);
  if (rc == 0)
    rc = rollup_build(ledger, parents);
  free(parents);
  if (rc < 0) {
    rollup_free(&ledger->rolled);
    return rc;
  }
  ledger->rolled_valid = 1;
  ledger->rolled_org_rev = tertial__org_revision(ledger->org);
  return 0;
}

static int check_span(const tertial_ledger *l, tertial_unit_id unit, int measure, int first, int last)
{
  if (unit >= tertial_org_unit_count(l->org))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "ledger: no unit with id %u", (unsigned)unit);
  if (measure < 0 || (size_t)measure >= l->nmeasures)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "ledger: no measure %d", measure);
  if (first < 0 || last >= MONTHS || first > last)
    return tertial__error(TERTIAL_ERR_RANGE, "ledger: months %d..%d are not within 0..11", first, last);
  return 0;
}

/* Sum months [first, last] of one measure of a line's values into *acc. Returns 1 on overflow. */
static int sum_months(const int64_t *vals, int measure, int first, int last, int64_t *acc)
{
  const int64_t *v = &vals[(size_t)measure * MONTHS];
  int ovf = 0;
  for (int k = first; k <= last; k++)
    ovf |= tertial__add_ovf(*acc, v[k], acc);
  return ovf;
}

int tertial_ledger_total(int64_t *out, tertial_ledger *ledger, tertial_unit_id unit, tertial_account_id account,
                         int measure, int first, int last)
{
  if (!out || !ledger)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_total: NULL argument");
  int rc = check_span(ledger, unit, measure, first, last);
  if (rc == 0 && account != TERTIAL_ALL_ACCOUNTS && account >= tertial_chart_count(ledger->chart))
    rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "ledger: no account with id %u", (unsigned)account);
  if (rc == 0)
    rc = tertial_ledger_rollup(ledger);
  if (rc < 0)
    return rc;
  int64_t acc = 0;
  int ovf = 0;
  const rollup *r = &ledger->rolled;
  if (account == TERTIAL_ALL_ACCOUNTS) {
    int64_t *buf = line_buffer(ledger);
    if (!buf)
      return TERTIAL_ERR_NOMEM;
    line_cursor c = cursor_of(ledger, unit, buf, measure);
    tertial_account_id a;
    const int64_t *vals;
    while (cursor_next(&c, &a, &vals))
      ovf |= sum_months(vals, measure, first, last, &acc);
    free(buf);
  } else if (unit < r->nunits && r->start[unit] >= 0) {
    if (account < r->words * 64 && has_account(r, unit, account))
      ovf = sum_months(&r->vals[block_line(r, unit, account) * ledger->nmeasures * MONTHS], measure, first, last, &acc);
  } else {
    int64_t line = lineset_find(&ledger->own, line_key(unit, account));
    for (int k = first; line >= 0 && k <= last; k++)
      ovf |= tertial__add_ovf(acc, own_value(ledger, (size_t)line, (size_t)measure * MONTHS + (size_t)k), &acc);
  }
  if (ovf)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "ledger: total of unit \"%s\" overflows",
                          tertial_org_unit(ledger->org, unit)->code);
  *out = acc;
  return 0;
}

int tertial__row_targets(const tertial_rowmap *map, int line_row, int internal, int *rows, int max)
{
  int n = 0;
  for (int r = line_row; r >= 0 && n < max; r = tertial_rowmap_row(map, (size_t)r)->parent)
    rows[n++] = r;
  if (!internal)
    return n;
  int above = n;
  size_t count = tertial_rowmap_row_count(map);
  for (size_t i = 0; i < count && n < max; i++) {
    const tertial_report_row *row = tertial_rowmap_row(map, i);
    if (row->kind != TERTIAL_ROW_INTERNAL)
      continue;
    for (int k = 1; k < above; k++)
      if (rows[k] == row->parent) {
        rows[n++] = (int)i;
        break;
      }
  }
  return n;
}

int tertial__ledger_account_rows(tertial_ledger *ledger, const tertial_rowmap *map, const int **out, size_t *out_n)
{
  int rc = tertial_rowmap_validate((tertial_rowmap *)map);
  if (rc < 0)
    return rc;
  size_t n = tertial_chart_count(ledger->chart);
  if (ledger->rows && ledger->rows_map == map && ledger->rows_map_rev == tertial__rowmap_revision(map) &&
      ledger->rows_chart_rev == tertial__chart_revision(ledger->chart) && ledger->nrows == n) {
    *out = ledger->rows;
    *out_n = n;
    return 0;
  }
  int *rows = tertial__malloc((n ? n : 1) * sizeof *rows);
  if (!rows)
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    const tertial_account *a = tertial_chart_account(ledger->chart, (tertial_account_id)i);
    if (tertial_rowmap_lookup(&rows[i], map, a->number) < 0)
      rows[i] = -1;
  }
  tertial_error_clear();
  free(ledger->rows);
  ledger->rows = rows;
  ledger->nrows = n;
  ledger->rows_map = map;
  ledger->rows_map_rev = tertial__rowmap_revision(map);
  ledger->rows_chart_rev = tertial__chart_revision(ledger->chart);
  *out = rows;
  *out_n = n;
  return 0;
}

/* What row_pass() adds up, in one pass over a unit's lines. */
typedef enum row_pass_mode {
  ROWS_ALL,   /* every row's total over the span in out[row] */
  ROW_ONE,    /* row `only`'s total over the span in out[0] */
  ROW_MONTHS, /* row `only`'s total of each month of the span in out[month - first] */
} row_pass_mode;

/* The report-row totals of a unit in one pass over its lines, as `mode` says; overflowed[i] is
 * set when out[i] overflows. */
static int row_pass(int64_t *out, unsigned char *overflowed, tertial_ledger *ledger, const tertial_rowmap *map,
                    tertial_unit_id unit, row_pass_mode mode, int only, int measure, int first, int last)
{
  int rc = check_span(ledger, unit, measure, first, last);
  const int *rows = NULL;
  size_t nacc = 0, nrows = tertial_rowmap_row_count(map);
  if (rc == 0)
    rc = tertial__ledger_account_rows(ledger, map, &rows, &nacc);
  if (rc == 0 && mode != ROWS_ALL && (only < 0 || (size_t)only >= nrows))
    rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "ledger: no report row %d", only);
  if (rc == 0)
    rc = tertial_ledger_rollup(ledger);
  if (rc < 0)
    return rc;
  size_t nout = mode == ROWS_ALL ? nrows : mode == ROW_ONE ? 1 : (size_t)(last - first + 1);
  memset(out, 0, nout * sizeof *out);
  memset(overflowed, 0, nout);
  int targets[64];
  int64_t *buf = line_buffer(ledger);
  if (!buf)
    return TERTIAL_ERR_NOMEM;
  line_cursor c = cursor_of(ledger, unit, buf, measure);
  tertial_account_id a;
  const int64_t *vals;
  while (cursor_next(&c, &a, &vals)) {
    if (a >= nacc || rows[a] < 0)
      continue;
    int nt = tertial__row_targets(map, rows[a], tertial_chart_account(ledger->chart, a)->internal, targets, 64);
    for (int k = 0; k < nt; k++) { /* a row is a target at most once (its parents, then its "varav") */
      if (mode == ROWS_ALL) {
        overflowed[targets[k]] |= (unsigned char)sum_months(vals, measure, first, last, &out[targets[k]]);
      } else if (targets[k] == only && mode == ROW_ONE) {
        overflowed[0] |= (unsigned char)sum_months(vals, measure, first, last, &out[0]);
      } else if (targets[k] == only) {
        for (int m = first; m <= last; m++)
          overflowed[m - first] |= (unsigned char)sum_months(vals, measure, m, m, &out[m - first]);
      }
    }
  }
  free(buf);
  return 0;
}

int tertial_ledger_row_total(int64_t *out, tertial_ledger *ledger, const tertial_rowmap *map, tertial_unit_id unit,
                             int row, int measure, int first, int last)
{
  if (!out || !ledger || !map)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_row_total: NULL argument");
  int64_t acc;
  unsigned char ovf;
  int rc = row_pass(&acc, &ovf, ledger, map, unit, ROW_ONE, row, measure, first, last);
  if (rc < 0)
    return rc;
  if (ovf)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "ledger: row total of unit \"%s\" overflows",
                          tertial_org_unit(ledger->org, unit)->code);
  *out = acc;
  return 0;
}

int tertial__ledger_row_totals(int64_t *out, unsigned char *overflowed, tertial_ledger *ledger,
                               const tertial_rowmap *map, tertial_unit_id unit, int measure, int first, int last)
{
  return row_pass(out, overflowed, ledger, map, unit, ROWS_ALL, 0, measure, first, last);
}

int tertial__ledger_row_months(int64_t out[12], unsigned char overflowed[12], tertial_ledger *ledger,
                               const tertial_rowmap *map, tertial_unit_id unit, int row, int measure)
{
  return row_pass(out, overflowed, ledger, map, unit, ROW_MONTHS, row, measure, 0, 11);
}

size_t tertial_ledger_line_count(const tertial_ledger *ledger)
{
  return ledger ? ledger->own.n : 0;
}

size_t tertial__ledger_own_count(const tertial_ledger *ledger)
{
  return ledger->own.n;
}

void tertial__ledger_own_key(const tertial_ledger *ledger, size_t line, tertial_unit_id *unit,
                             tertial_account_id *account)
{
  *unit = (tertial_unit_id)(ledger->own.keys[line] >> 32);
  *account = (tertial_account_id)(ledger->own.keys[line] & 0xffffffffu);
}

void tertial__ledger_own_months(const tertial_ledger *ledger, size_t line, int measure, int64_t out[12])
{
  for (size_t k = 0; k < MONTHS; k++)
    out[k] = own_value(ledger, line, (size_t)measure * MONTHS + k);
}

int64_t tertial__ledger_own_value(const tertial_ledger *ledger, size_t line, int measure, int month)
{
  return own_value(ledger, line, (size_t)measure * MONTHS + (size_t)month);
}

const uint64_t *tertial__ledger_own_keys(const tertial_ledger *ledger)
{
  return ledger->own.keys;
}

void tertial__ledger_own_view(const tertial_ledger *ledger, tertial__own_view *out)
{
  out->width = ledger->cap_measures * MONTHS;
  out->narrow = ledger->own.vals;
  out->wide_of = ledger->own.wide_of;
  out->wide = ledger->own.wvals;
  out->nwide = ledger->own.nwide;
}

const int32_t *tertial__ledger_own_chain(const tertial_ledger *ledger, const int32_t **out_first, size_t *out_units)
{
  *out_first = ledger->own.first;
  *out_units = ledger->own.nunits;
  return ledger->own.next;
}

int tertial__ledger_own_runs(const tertial_ledger *ledger, const int32_t **out_oldest, const int32_t **out_newest,
                             size_t *out_units)
{
  *out_oldest = ledger->own.oldest;
  *out_newest = ledger->own.first;
  *out_units = ledger->own.nunits;
  return !ledger->own.scattered;
}

uint64_t tertial__ledger_abs_bound(const tertial_ledger *ledger)
{
  return ledger->abs_bound;
}

unsigned long tertial__ledger_revision(const tertial_ledger *ledger)
{
  return ledger->revision;
}

int tertial__ledger_reserve(tertial_ledger *ledger, size_t more)
{
  lineset *s = &ledger->own;
  if (more > (size_t)INT32_MAX - s->n)
    return tertial__error(TERTIAL_ERR_RANGE, "too many ledger lines");
  int rc = s->n + more > s->cap ? lineset_room(s, s->n + more, ledger->cap_measures * MONTHS) : 0;
  if (rc == 0)
    rc = tertial__u64map_reserve(&s->index, more);
  return rc < 0 ? tertial__nomem("ledger lines") : 0;
}

/* Fault in the whole pages of [p, p + bytes) for writing, without changing what they hold. */
static int populate(const void *p, size_t bytes)
{
#if defined(MADV_POPULATE_WRITE)
  long size = sysconf(_SC_PAGESIZE);
  uintptr_t page = size > 0 ? (uintptr_t)size : 4096;
  uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1), b = ((uintptr_t)p + bytes) & ~(page - 1);
  return b <= a || madvise((void *)a, b - a, MADV_POPULATE_WRITE) == 0 ? 0 : -1;
#else
  (void)p;
  (void)bytes;
  return -1;
#endif
}

int tertial__ledger_populate(const tertial_ledger *ledger, size_t from, size_t to)
{
  const lineset *s = &ledger->own;
  if (to > s->cap)
    to = s->cap;
  if (from >= to)
    return 0;
  size_t n = to - from, width = ledger->cap_measures * MONTHS;
  int rc = populate(&s->vals[from * width], n * width * sizeof *s->vals);
  if (rc == 0)
    rc = populate(&s->keys[from], n * sizeof *s->keys);
  if (rc == 0)
    rc = populate(&s->next[from], n * sizeof *s->next);
  if (rc == 0)
    rc = populate(&s->wide_of[from], n * sizeof *s->wide_of);
  return rc;
}

const tertial_org *tertial__ledger_org(const tertial_ledger *ledger)
{
  return ledger->org;
}

const tertial_chart *tertial__ledger_chart(const tertial_ledger *ledger)
{
  return ledger->chart;
}
