/* Chart of accounts and the mapping of account ranges to report rows. */
#include "accounts_internal.h"
#include "internal.h"
#include "strmap.h"

#include <glib.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Account numbers and range prefixes have at most this many digits, so they fit in uint64_t. */
#define MAX_DIGITS 10
/* Size of the stack buffers messages are composed in (the error slot holds 1024 bytes). */
#define MSG_SIZE 768

/* Length of a well-formed account number or prefix (1..MAX_DIGITS ASCII digits), 0 otherwise. */
static size_t digits_len(const char *s)
{
  if (!s)
    return 0;
  size_t n = 0;
  for (; s[n] && n <= MAX_DIGITS; n++)
    if (!g_ascii_isdigit(s[n]))
      return 0;
  return n <= MAX_DIGITS ? n : 0;
}

static int check_number(const char *number)
{
  if (!number)
    return tertial__error(TERTIAL_ERR_INVALID, "account number is NULL");
  if (!digits_len(number))
    return tertial__error(TERTIAL_ERR_INVALID, "invalid account number \"%s\": expected 1 to %d digits",
                          number, MAX_DIGITS);
  return 0;
}

int tertial_account_type_guess(tertial_account_type *out, const char *number)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_account_type_guess: out is NULL");
  int rc = check_number(number);
  if (rc < 0)
    return rc;
  /* A one-digit number is padded with zeros like a range prefix: "8" is group 80. */
  char group = number[1] ? number[1] : '0';
  switch (number[0]) {
  case '1': *out = TERTIAL_ACCOUNT_ASSET; break;
  case '2': *out = TERTIAL_ACCOUNT_LIABILITY; break;
  case '3': *out = TERTIAL_ACCOUNT_REVENUE; break;
  case '8': *out = group <= '4' ? TERTIAL_ACCOUNT_REVENUE : TERTIAL_ACCOUNT_COST; break;
  /* 4-7 are costs; classes 0 and 9 are free for local cost accounting, booked like costs. */
  default: *out = TERTIAL_ACCOUNT_COST; break;
  }
  return 0;
}

/* ---- chart ---- */

struct tertial_chart {
  tertial_account *accounts; /* by dense id, in insertion order; strings owned */
  size_t count, cap;
  tertial_strmap by_number;  /* number -> id; keys point into the accounts' strings */
  unsigned long revision;
};

int tertial_chart_new(tertial_chart **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_chart_new: out is NULL");
  *out = NULL;
  tertial_chart *chart = tertial__calloc(1, sizeof *chart);
  if (!chart)
    return TERTIAL_ERR_NOMEM;
  chart->revision = 1;
  *out = chart;
  return 0;
}

void tertial_chart_free(tertial_chart *chart)
{
  if (!chart)
    return;
  /* number and name share one allocation that starts at number. */
  for (size_t id = 0; id < chart->count; id++)
    free((void *)chart->accounts[id].number);
  free(chart->accounts);
  tertial__strmap_free(&chart->by_number);
  free(chart);
}

/* Append a new account (its number is known to be absent). */
static int chart_insert(tertial_account_id *out_id, tertial_chart *chart, const char *number, const char *name,
                        tertial_account_type type, int internal)
{
  if (chart->count >= UINT32_MAX - 1)
    return tertial__error(TERTIAL_ERR_NOMEM, "too many accounts in one chart");
  int rc = tertial__grow((void **)&chart->accounts, &chart->cap, chart->count + 1, sizeof *chart->accounts);
  if (rc < 0)
    return rc;
  size_t nlen = strlen(number) + 1, mlen = strlen(name) + 1;
  char *text = tertial__malloc(nlen + mlen);
  if (!text)
    return TERTIAL_ERR_NOMEM;
  memcpy(text, number, nlen);
  memcpy(text + nlen, name, mlen);
  tertial_account_id id = (tertial_account_id)chart->count;
  if (tertial__strmap_put(&chart->by_number, text, id) < 0) {
    free(text);
    return TERTIAL_ERR_NOMEM;
  }
  chart->accounts[id] = (tertial_account){text, text + nlen, type, internal != 0};
  chart->count++;
  chart->revision++;
  if (out_id)
    *out_id = id;
  return 0;
}

int tertial_chart_add(tertial_account_id *out_id, tertial_chart *chart, const char *number, const char *name,
                      tertial_account_type type, int internal)
{
  if (!chart)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_chart_add: chart is NULL");
  int rc = check_number(number);
  if (rc < 0)
    return rc;
  if (type < TERTIAL_ACCOUNT_ASSET || type > TERTIAL_ACCOUNT_COST)
    return tertial__error(TERTIAL_ERR_INVALID, "account %s: invalid account type %d", number, (int)type);
  uint32_t id;
  if (tertial__strmap_get(&chart->by_number, number, &id))
    return tertial__error(TERTIAL_ERR_EXISTS, "account %s already exists", number);
  return chart_insert(out_id, chart, number, name ? name : "", type, internal);
}

int tertial_chart_ensure(tertial_account_id *out_id, tertial_chart *chart, const char *number)
{
  if (!chart)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_chart_ensure: chart is NULL");
  tertial_account_type type;
  int rc = tertial_account_type_guess(&type, number);
  if (rc < 0)
    return rc;
  uint32_t id;
  if (tertial__strmap_get(&chart->by_number, number, &id)) {
    if (out_id)
      *out_id = id;
    return 0;
  }
  return chart_insert(out_id, chart, number, "", type, 0);
}

int tertial__chart_lookup(tertial_account_id *out_id, const tertial_chart *chart, const char *number)
{
  uint32_t id;
  if (!chart || !number || !tertial__strmap_get(&chart->by_number, number, &id))
    return 0;
  *out_id = id;
  return 1;
}

int tertial_chart_find(tertial_account_id *out_id, const tertial_chart *chart, const char *number)
{
  if (!chart)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_chart_find: chart is NULL");
  int rc = check_number(number);
  if (rc < 0)
    return rc;
  uint32_t id;
  if (!tertial__strmap_get(&chart->by_number, number, &id))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no account %s in the chart", number);
  if (out_id)
    *out_id = id;
  return 0;
}

size_t tertial_chart_count(const tertial_chart *chart)
{
  return chart ? chart->count : 0;
}

const tertial_account *tertial_chart_account(const tertial_chart *chart, tertial_account_id id)
{
  if (!chart || id >= chart->count)
    return NULL;
  return &chart->accounts[id];
}

int tertial_chart_set_internal(tertial_chart *chart, tertial_account_id id, int internal)
{
  if (!chart)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_chart_set_internal: chart is NULL");
  if (id >= chart->count)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no account with id %" PRIu32 " (the chart has %zu)", id,
                          chart->count);
  int flag = internal != 0;
  if (chart->accounts[id].internal != flag) {
    chart->accounts[id].internal = flag;
    chart->revision++;
  }
  return 0;
}

int tertial_chart_set_name(tertial_chart *chart, tertial_account_id id, const char *name)
{
  if (!chart || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_chart_set_name: %s is NULL", chart ? "name" : "chart");
  if (id >= chart->count)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no account with id %" PRIu32 " (the chart has %zu)", id,
                          chart->count);
  tertial_account *a = &chart->accounts[id];
  size_t nlen = strlen(a->number) + 1, mlen = strlen(name) + 1;
  char *text = tertial__malloc(nlen + mlen);
  if (!text)
    return TERTIAL_ERR_NOMEM;
  memcpy(text, a->number, nlen);
  memcpy(text + nlen, name, mlen);
  /* the number is the map's key: point it at the new allocation before the old one goes */
  if (tertial__strmap_put(&chart->by_number, text, id) < 0) {
    free(text);
    return TERTIAL_ERR_NOMEM;
  }
  free((void *)a->number);
  a->number = text;
  a->name = text + nlen;
  chart->revision++;
  return 0;
}

unsigned long tertial__chart_revision(const tertial_chart *chart)
{
  return chart ? chart->revision : 0;
}

/* ---- row mapping ---- */

typedef struct row_def {
  tertial_report_row pub; /* code and label owned; parent and depth filled by validation */
  char *parent_code;      /* "" for a top row */
  int line;               /* line in map->source, 0 if added through the API */
} row_def;

typedef struct range_def {
  uint64_t lo, hi; /* the FROM and TO prefixes as numbers */
  int len;         /* digits in each prefix */
  char *row_code;
  int row;         /* filled by validation */
  int line;
} range_def;

struct tertial_rowmap {
  char *name, *version;
  char *source;       /* name of the parsed text, for messages; NULL if built through the API */
  row_def *rows;
  size_t nrows, rows_cap;
  range_def *ranges;
  size_t nranges, ranges_cap;
  char *result_code;  /* NULL: the last top-level sum row is the result row */
  int result_line;
  int result;         /* filled by validation */
  bool valid;         /* false after every change: derived fields are stale */
  unsigned long revision;
};

static const char *const kind_names[] = {"line", "sum", "internal"};

/* Record an error about something defined at @p line of the map's source ("rows.txt:7: ..."). */
TERTIAL_PRINTF(4, 5)
static int map_error(const tertial_rowmap *map, int line, int code, const char *fmt, ...)
{
  char msg[MSG_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (map->source && line > 0)
    return tertial__error(code, "%s:%d: %s", map->source, line, msg);
  return tertial__error(code, "%s", msg);
}

/* Why @p s cannot be a field of the text form, or NULL if it can. */
static const char *field_problem(const char *s)
{
  if (!g_utf8_validate(s, -1, NULL))
    return "is not valid UTF-8";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == ';')
      return "contains ';', the field separator";
    if (*p < 0x20 || *p == 0x7f)
      return "contains a control character";
  }
  return NULL;
}

static int check_field(const char *what, const char *s, bool required)
{
  if (!s || !*s)
    return required ? tertial__error(TERTIAL_ERR_INVALID, "%s is empty", what) : 0;
  const char *why = field_problem(s);
  return why ? tertial__error(TERTIAL_ERR_INVALID, "%s %s", what, why) : 0;
}

/* Why FROM..TO is not a range, or NULL if it is one. */
static const char *range_problem(const char *from, const char *to)
{
  size_t a = digits_len(from), b = digits_len(to);
  if (!a || !b)
    return "expected account prefixes of 1 to 10 digits";
  if (a != b)
    return "expected account prefixes of equal length";
  if (strcmp(from, to) > 0)
    return "expected FROM <= TO";
  return NULL;
}

static int find_row(const tertial_rowmap *map, const char *code)
{
  for (size_t i = 0; i < map->nrows; i++)
    if (strcmp(map->rows[i].pub.code, code) == 0)
      return (int)i;
  return -1;
}

static void mark_changed(tertial_rowmap *map)
{
  map->valid = false;
  map->revision++;
}

static int replace_string(char **slot, const char *value)
{
  char *copy = tertial__strdup(value ? value : "");
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  free(*slot);
  *slot = copy;
  return 0;
}

static int rowmap_create(tertial_rowmap **out)
{
  tertial_rowmap *map = tertial__calloc(1, sizeof *map);
  if (!map)
    return TERTIAL_ERR_NOMEM;
  map->name = tertial__strdup("");
  map->version = tertial__strdup("");
  if (!map->name || !map->version) {
    tertial_rowmap_free(map);
    return TERTIAL_ERR_NOMEM;
  }
  map->result = -1;
  map->revision = 1;
  *out = map;
  return 0;
}

int tertial_rowmap_new(tertial_rowmap **out, const char *name, const char *version)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_rowmap_new: out is NULL");
  *out = NULL;
  int rc = check_field("mapping name", name, false);
  if (rc == 0)
    rc = check_field("mapping version", version, false);
  tertial_rowmap *map = NULL;
  if (rc == 0)
    rc = rowmap_create(&map);
  if (rc == 0 && (rc = replace_string(&map->name, name)) == 0)
    rc = replace_string(&map->version, version);
  if (rc < 0) {
    tertial_rowmap_free(map);
    return rc;
  }
  *out = map;
  return 0;
}

void tertial_rowmap_free(tertial_rowmap *map)
{
  if (!map)
    return;
  for (size_t i = 0; i < map->nrows; i++) {
    free((void *)map->rows[i].pub.code);
    free((void *)map->rows[i].pub.label);
    free(map->rows[i].parent_code);
  }
  for (size_t i = 0; i < map->nranges; i++)
    free(map->ranges[i].row_code);
  free(map->rows);
  free(map->ranges);
  free(map->name);
  free(map->version);
  free(map->source);
  free(map->result_code);
  free(map);
}

const char *tertial_rowmap_name(const tertial_rowmap *map)
{
  return map ? map->name : "";
}

const char *tertial_rowmap_version(const tertial_rowmap *map)
{
  return map ? map->version : "";
}

/* Append a row whose fields are already checked; @p line is its line in map->source or 0. */
static int row_insert(tertial_rowmap *map, const char *code, const char *label, tertial_row_kind kind,
                      const char *parent_code, int line)
{
  int prev = find_row(map, code);
  if (prev >= 0 && line > 0 && map->rows[prev].line > 0)
    return map_error(map, line, TERTIAL_ERR_EXISTS, "row code \"%s\" is already defined at line %d", code,
                     map->rows[prev].line);
  if (prev >= 0)
    return map_error(map, line, TERTIAL_ERR_EXISTS, "row code \"%s\" already exists", code);
  if (map->nrows >= INT_MAX)
    return tertial__error(TERTIAL_ERR_NOMEM, "too many report rows");
  int rc = tertial__grow((void **)&map->rows, &map->rows_cap, map->nrows + 1, sizeof *map->rows);
  if (rc < 0)
    return rc;
  row_def row = {{tertial__strdup(code), tertial__strdup(label), kind, -1, -1}, tertial__strdup(parent_code), line};
  if (!row.pub.code || !row.pub.label || !row.parent_code) {
    free((void *)row.pub.code);
    free((void *)row.pub.label);
    free(row.parent_code);
    return TERTIAL_ERR_NOMEM;
  }
  map->rows[map->nrows++] = row;
  mark_changed(map);
  return 0;
}

int tertial_rowmap_add_row(tertial_rowmap *map, const char *code, const char *label, tertial_row_kind kind,
                           const char *parent_code)
{
  if (!map)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_rowmap_add_row: map is NULL");
  int rc = check_field("row code", code, true);
  if (rc == 0)
    rc = check_field("row label", label, false);
  if (rc == 0)
    rc = check_field("parent row code", parent_code, false);
  if (rc < 0)
    return rc;
  if (kind < TERTIAL_ROW_LINE || kind > TERTIAL_ROW_INTERNAL)
    return tertial__error(TERTIAL_ERR_INVALID, "row %s: invalid row kind %d", code, (int)kind);
  return row_insert(map, code, label ? label : "", kind, parent_code ? parent_code : "", 0);
}

/* Append a range whose prefixes and row code are already checked. */
static int range_insert(tertial_rowmap *map, const char *from, const char *to, const char *row_code, int line)
{
  int rc = tertial__grow((void **)&map->ranges, &map->ranges_cap, map->nranges + 1, sizeof *map->ranges);
  if (rc < 0)
    return rc;
  char *code = tertial__strdup(row_code);
  if (!code)
    return TERTIAL_ERR_NOMEM;
  range_def range = {strtoull(from, NULL, 10), strtoull(to, NULL, 10), (int)strlen(from), code, -1, line};
  map->ranges[map->nranges++] = range;
  mark_changed(map);
  return 0;
}

int tertial_rowmap_add_range(tertial_rowmap *map, const char *from, const char *to, const char *row_code)
{
  if (!map)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_rowmap_add_range: map is NULL");
  const char *why = range_problem(from, to);
  if (why)
    return tertial__error(TERTIAL_ERR_INVALID, "invalid account range \"%s\"-\"%s\": %s", from ? from : "(null)",
                          to ? to : "(null)", why);
  int rc = check_field("row code of a range", row_code, true);
  return rc < 0 ? rc : range_insert(map, from, to, row_code, 0);
}

static int result_set(tertial_rowmap *map, const char *row_code, int line)
{
  int rc = replace_string(&map->result_code, row_code);
  if (rc < 0)
    return rc;
  map->result_line = line;
  mark_changed(map);
  return 0;
}

int tertial_rowmap_set_result(tertial_rowmap *map, const char *row_code)
{
  if (!map)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_rowmap_set_result: map is NULL");
  int rc = check_field("result row code", row_code, true);
  return rc < 0 ? rc : result_set(map, row_code, 0);
}

/* ---- validation ---- */

static int resolve_parents(tertial_rowmap *map)
{
  for (size_t i = 0; i < map->nrows; i++) {
    row_def *row = &map->rows[i];
    row->pub.parent = -1;
    row->pub.depth = -1;
    if (!*row->parent_code) {
      if (row->pub.kind == TERTIAL_ROW_INTERNAL)
        return map_error(map, row->line, TERTIAL_ERR_STATE,
                         "internal row \"%s\" needs a parent sum row (it lists internal accounts of its lines)",
                         row->pub.code);
      continue;
    }
    int parent = find_row(map, row->parent_code);
    if (parent < 0)
      return map_error(map, row->line, TERTIAL_ERR_NOT_FOUND, "row \"%s\": unknown parent row \"%s\"",
                       row->pub.code, row->parent_code);
    if (map->rows[parent].pub.kind != TERTIAL_ROW_SUM)
      return map_error(map, row->line, TERTIAL_ERR_STATE, "row \"%s\": parent \"%s\" is a %s row, expected a sum row",
                       row->pub.code, row->parent_code, kind_names[map->rows[parent].pub.kind]);
    row->pub.parent = parent;
  }
  return 0;
}

/* Depth from the parent chain; a chain longer than the number of rows is a cycle. */
static int compute_depths(tertial_rowmap *map)
{
  for (size_t i = 0; i < map->nrows; i++) {
    int at = (int)i;
    size_t steps = 0;
    while (at >= 0 && map->rows[at].pub.depth < 0) {
      at = map->rows[at].pub.parent;
      if (++steps > map->nrows) {
        const row_def *row = &map->rows[at]; /* after nrows steps the walk is inside the cycle */
        return map_error(map, row->line, TERTIAL_ERR_STATE, "row \"%s\": its parent chain is a cycle",
                         row->pub.code);
      }
    }
    /* Walk again, filling in depths from the known ancestor down to row i. */
    int depth = (at < 0 ? -1 : map->rows[at].pub.depth) + (int)steps;
    for (int j = (int)i; j >= 0 && map->rows[j].pub.depth < 0; j = map->rows[j].pub.parent)
      map->rows[j].pub.depth = depth--;
  }
  return 0;
}

static int resolve_ranges(tertial_rowmap *map)
{
  for (size_t i = 0; i < map->nranges; i++) {
    range_def *range = &map->ranges[i];
    int row = find_row(map, range->row_code);
    if (row < 0)
      return map_error(map, range->line, TERTIAL_ERR_NOT_FOUND, "range %0*" PRIu64 "-%0*" PRIu64 ": unknown row \"%s\"",
                       range->len, range->lo, range->len, range->hi, range->row_code);
    if (map->rows[row].pub.kind != TERTIAL_ROW_LINE)
      return map_error(map, range->line, TERTIAL_ERR_STATE,
                       "range %0*" PRIu64 "-%0*" PRIu64 ": row \"%s\" is a %s row, expected a line row", range->len,
                       range->lo, range->len, range->hi, range->row_code, kind_names[map->rows[row].pub.kind]);
    range->row = row;
  }
  return 0;
}

static int resolve_result(tertial_rowmap *map)
{
  map->result = -1;
  if (!map->result_code) {
    for (size_t i = 0; i < map->nrows; i++)
      if (map->rows[i].pub.kind == TERTIAL_ROW_SUM && map->rows[i].pub.parent < 0)
        map->result = (int)i;
    return 0;
  }
  int row = find_row(map, map->result_code);
  if (row < 0)
    return map_error(map, map->result_line, TERTIAL_ERR_NOT_FOUND, "result: unknown row \"%s\"", map->result_code);
  if (map->rows[row].pub.kind != TERTIAL_ROW_SUM)
    return map_error(map, map->result_line, TERTIAL_ERR_STATE, "result: row \"%s\" is a %s row, expected a sum row",
                     map->result_code, kind_names[map->rows[row].pub.kind]);
  map->result = row;
  return 0;
}

int tertial_rowmap_validate(tertial_rowmap *map)
{
  if (!map)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_rowmap_validate: map is NULL");
  if (map->valid)
    return 0;
  int rc = resolve_parents(map);
  if (rc == 0)
    rc = compute_depths(map);
  if (rc == 0)
    rc = resolve_ranges(map);
  if (rc == 0)
    rc = resolve_result(map);
  map->valid = rc == 0;
  return rc;
}

/* Validate lazily for the const getters. Validation only fills derived fields (parents,
 * depths, range rows, result row) and never allocates, so casting away const is safe as long
 * as the map is not changed, or first read while dirty, from two threads at once: validate a
 * map before sharing it. An invalid mapping is reported as STATE, keeping the reason. */
static int rowmap_ready(const tertial_rowmap *map)
{
  if (map->valid)
    return 0;
  int rc = tertial_rowmap_validate((tertial_rowmap *)map);
  if (rc == 0 || rc == TERTIAL_ERR_STATE)
    return rc;
  char why[MSG_SIZE];
  snprintf(why, sizeof why, "%s", tertial_error_last());
  return tertial__error(TERTIAL_ERR_STATE, "invalid row mapping: %s", why);
}

size_t tertial_rowmap_row_count(const tertial_rowmap *map)
{
  return map ? map->nrows : 0;
}

const tertial_report_row *tertial_rowmap_row(const tertial_rowmap *map, size_t index)
{
  if (!map || index >= map->nrows || rowmap_ready(map) < 0)
    return NULL;
  return &map->rows[index].pub;
}

int tertial_rowmap_find_row(int *out_index, const tertial_rowmap *map, const char *code)
{
  if (!map || !code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_rowmap_find_row: map or code is NULL");
  int row = find_row(map, code);
  if (row < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no report row \"%s\"", code);
  if (out_index)
    *out_index = row;
  return 0;
}

int tertial_rowmap_result_row(const tertial_rowmap *map)
{
  if (!map || rowmap_ready(map) < 0)
    return -1;
  return map->result;
}

/* The first @p len digits of an account number for len = 1..MAX_DIGITS, as numbers; a short
 * number is padded with zeros on the right, so "3" matches the prefix "30". */
static void prefix_values(uint64_t pv[MAX_DIGITS + 1], const char *number, size_t n)
{
  uint64_t v = 0;
  pv[0] = 0;
  for (size_t len = 1; len <= MAX_DIGITS; len++) {
    v = v * 10 + (len <= n ? (uint64_t)(number[len - 1] - '0') : 0);
    pv[len] = v;
  }
}

/* A linear scan over the ranges: lookups run once per account of a chart, not per amount,
 * and comparing two integers per range keeps a few thousand ranges cheap. */
int tertial_rowmap_lookup(int *out_row, const tertial_rowmap *map, const char *number)
{
  if (out_row)
    *out_row = -1;
  if (!out_row || !map)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_rowmap_lookup: out_row or map is NULL");
  int rc = check_number(number);
  if (rc == 0)
    rc = rowmap_ready(map);
  if (rc < 0)
    return rc;
  uint64_t pv[MAX_DIGITS + 1];
  prefix_values(pv, number, strlen(number));
  int best = -1, best_len = 0;
  for (size_t i = 0; i < map->nranges; i++) {
    const range_def *r = &map->ranges[i];
    /* >= so that among equally long prefixes the range defined last wins. */
    if (r->len >= best_len && pv[r->len] >= r->lo && pv[r->len] <= r->hi) {
      best = r->row;
      best_len = r->len;
    }
  }
  if (best < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "account %s is not mapped to a report row", number);
  *out_row = best;
  return 0;
}

unsigned long tertial__rowmap_revision(const tertial_rowmap *map)
{
  return map ? map->revision : 0;
}

/* ---- text form ---- */

static int format_records(tertial_strbuf *sb, const tertial_rowmap *map)
{
  int rc = tertial__sb_printf(sb, "name;%s\nversion;%s\n", map->name, map->version);
  for (size_t i = 0; rc == 0 && i < map->nrows; i++) {
    const row_def *row = &map->rows[i];
    rc = tertial__sb_printf(sb, "row;%s;%s;%s;%s\n", row->pub.code, row->pub.label, kind_names[row->pub.kind],
                            row->parent_code);
  }
  for (size_t i = 0; rc == 0 && i < map->nranges; i++) {
    const range_def *r = &map->ranges[i];
    rc = tertial__sb_printf(sb, "map;%0*" PRIu64 ";%0*" PRIu64 ";%s\n", r->len, r->lo, r->len, r->hi, r->row_code);
  }
  if (rc == 0 && map->result_code)
    rc = tertial__sb_printf(sb, "result;%s\n", map->result_code);
  return rc;
}

int tertial_rowmap_format(char **out, const tertial_rowmap *map)
{
  if (out)
    *out = NULL;
  if (!out || !map)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_rowmap_format: out or map is NULL");
  int rc = rowmap_ready(map);
  if (rc < 0)
    return rc;
  tertial_strbuf sb = {0};
  rc = format_records(&sb, map);
  if (rc < 0) {
    tertial__sb_clear(&sb);
    return rc;
  }
  *out = tertial__sb_steal(&sb);
  return 0;
}

#define MAX_FIELDS 5

typedef struct parser {
  tertial_rowmap *map;
  const char *source;
  int line;
  char *buf; /* the current line, split into fields in place */
  size_t buf_cap;
  char *field[MAX_FIELDS];
  size_t nfields;
  int name_line, version_line;
} parser;

TERTIAL_PRINTF(3, 4)
static int parse_error(const parser *p, int code, const char *fmt, ...)
{
  char msg[MSG_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return tertial__error(code, "%s:%d: %s", p->source, p->line, msg);
}

static int expect_fields(const parser *p, size_t n, const char *form)
{
  if (p->nfields == n)
    return 0;
  return parse_error(p, TERTIAL_ERR_PARSE, "expected %zu fields (%s), got %zu", n, form, p->nfields);
}

static int expect_code(const parser *p, const char *code, const char *what)
{
  return *code ? 0 : parse_error(p, TERTIAL_ERR_PARSE, "expected %s, got \"\"", what);
}

/* name;TEXT or version;TEXT, each at most once. */
static int parse_meta(parser *p, char **slot, int *seen_line, const char *form)
{
  int rc = expect_fields(p, 2, form);
  if (rc < 0)
    return rc;
  if (*seen_line)
    return parse_error(p, TERTIAL_ERR_PARSE, "%s is already given at line %d", p->field[0], *seen_line);
  *seen_line = p->line;
  if (replace_string(slot, p->field[1]) < 0)
    return TERTIAL_ERR_NOMEM;
  return 0;
}

static int parse_row(parser *p)
{
  int rc = expect_fields(p, 5, "row;CODE;LABEL;KIND;PARENT");
  if (rc == 0)
    rc = expect_code(p, p->field[1], "a row code");
  if (rc < 0)
    return rc;
  const char *kind = p->field[3];
  size_t k = 0, nkinds = sizeof kind_names / sizeof *kind_names;
  while (k < nkinds && strcmp(kind, kind_names[k]) != 0)
    k++;
  if (k == nkinds)
    return parse_error(p, TERTIAL_ERR_PARSE, "expected a row kind (line, sum or internal), got \"%s\"", kind);
  return row_insert(p->map, p->field[1], p->field[2], (tertial_row_kind)k, p->field[4], p->line);
}

static int parse_range(parser *p)
{
  int rc = expect_fields(p, 4, "map;FROM;TO;ROW");
  if (rc < 0)
    return rc;
  const char *why = range_problem(p->field[1], p->field[2]);
  if (why)
    return parse_error(p, TERTIAL_ERR_PARSE, "%s, got \"%s\" and \"%s\"", why, p->field[1], p->field[2]);
  if ((rc = expect_code(p, p->field[3], "a row code")) < 0)
    return rc;
  return range_insert(p->map, p->field[1], p->field[2], p->field[3], p->line);
}

static int parse_result(parser *p)
{
  int rc = expect_fields(p, 2, "result;ROW");
  if (rc == 0)
    rc = expect_code(p, p->field[1], "a row code");
  if (rc < 0)
    return rc;
  if (p->map->result_code)
    return parse_error(p, TERTIAL_ERR_PARSE, "result is already given at line %d", p->map->result_line);
  return result_set(p->map, p->field[1], p->line);
}

/* Copy a line into the parser's buffer and split it at ';'. */
static int split_line(parser *p, const char *line, size_t len)
{
  int rc = tertial__grow((void **)&p->buf, &p->buf_cap, len + 1, 1);
  if (rc < 0)
    return rc;
  memcpy(p->buf, line, len);
  p->buf[len] = '\0';
  p->nfields = 0;
  for (char *f = p->buf;; f++) {
    char *end = strchr(f, ';');
    if (p->nfields < MAX_FIELDS)
      p->field[p->nfields] = f;
    p->nfields++;
    if (!end)
      break;
    *end = '\0';
    f = end;
  }
  for (size_t i = 0; i < p->nfields && i < MAX_FIELDS; i++) {
    const char *why = field_problem(p->field[i]);
    if (why)
      return parse_error(p, TERTIAL_ERR_PARSE, "field %zu %s", i + 1, why);
  }
  return 0;
}

static bool is_blank_or_comment(const char *line, size_t len)
{
  size_t i = 0;
  while (i < len && (line[i] == ' ' || line[i] == '\t'))
    i++;
  return i == len || line[i] == '#';
}

static int parse_line(parser *p, const char *line, size_t len)
{
  if (len > 0 && line[len - 1] == '\r')
    len--;
  if (is_blank_or_comment(line, len))
    return 0;
  int rc = split_line(p, line, len);
  if (rc < 0)
    return rc;
  const char *kind = p->field[0];
  if (strcmp(kind, "row") == 0)
    return parse_row(p);
  if (strcmp(kind, "map") == 0)
    return parse_range(p);
  if (strcmp(kind, "result") == 0)
    return parse_result(p);
  if (strcmp(kind, "name") == 0)
    return parse_meta(p, &p->map->name, &p->name_line, "name;TEXT");
  if (strcmp(kind, "version") == 0)
    return parse_meta(p, &p->map->version, &p->version_line, "version;TEXT");
  return parse_error(p, TERTIAL_ERR_PARSE, "expected a record (name, version, row, map or result), got \"%s\"", kind);
}

static int parse_text(parser *p, const char *text)
{
  if (strncmp(text, "\xEF\xBB\xBF", 3) == 0) /* a UTF-8 byte order mark from an editor */
    text += 3;
  for (p->line = 1; *text; p->line++) {
    const char *nl = strchr(text, '\n');
    size_t len = nl ? (size_t)(nl - text) : strlen(text);
    int rc = parse_line(p, text, len);
    if (rc < 0)
      return rc;
    text += nl ? len + 1 : len;
  }
  return tertial_rowmap_validate(p->map);
}

int tertial_rowmap_parse(tertial_rowmap **out, const char *text, const char *source)
{
  if (out)
    *out = NULL;
  if (!out || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_rowmap_parse: out or text is NULL");
  parser p = {0};
  int rc = rowmap_create(&p.map);
  if (rc < 0)
    return rc;
  p.source = p.map->source = tertial__strdup(source && *source ? source : "<text>");
  rc = p.source ? parse_text(&p, text) : TERTIAL_ERR_NOMEM;
  free(p.buf);
  if (rc < 0) {
    tertial_rowmap_free(p.map);
    return rc;
  }
  *out = p.map;
  return 0;
}
