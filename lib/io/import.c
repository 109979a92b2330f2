/* A municipality's own tables into a model (import.h): the table (table_read.c) is checked
 * whole into a plan, every error collected with its position; only a plan without errors is
 * applied, so a file with errors changes nothing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "internal.h"
#include "strmap.h"
#include "table_internal.h"
#include "u64map.h"

/* Errors kept of one file; more are counted and named by the last message. */
#define MAX_ERRORS 1000

struct tertial_import {
  tertial_import_summary sum;
  char **errors;
  size_t nerrors, cap_errors, more;
  const char *encoding;
};

/* ---- columns by header ---- */

enum field {
  F_UNIT, F_PARENT, F_NAME, F_LEVEL, F_MANAGER, F_ACCOUNT, F_TYPE, F_INTERNAL, F_AMOUNT, F_MONTH, F_PERIOD, F_KEY,
  F_PERSON, F_EMAIL, F_ROLE, F_INDICATOR, F_VALUE, F_SOURCE, NFIELDS
};

/* What each field is called in messages. */
static const char *const field_names[NFIELDS] = {
  "unit code", "parent", "name", "level", "manager", "account", "account type", "internal flag", "amount",
  "month", "period", "periodisation key", "person's key", "e-mail", "role", "indicator", "value", "source",
};

/* Header names, normalised (lower-case letters and digits without accents), per field. An
 * amount's name may end in "kr" ("Belopp (kr)"), never in "tkr" or "mkr". */
static const struct {
  enum field f;
  const char *name;
} aliases[] = {
  {F_UNIT, "kod"}, {F_UNIT, "code"}, {F_UNIT, "enhet"}, {F_UNIT, "enhetskod"}, {F_UNIT, "unit"},
  {F_UNIT, "unitcode"}, {F_UNIT, "ansvar"}, {F_UNIT, "ansvarskod"}, {F_UNIT, "ansvarsenhet"},
  {F_PARENT, "foralder"}, {F_PARENT, "overordnad"}, {F_PARENT, "overordnadenhet"}, {F_PARENT, "parent"},
  {F_PARENT, "parentcode"},
  {F_NAME, "namn"}, {F_NAME, "name"}, {F_NAME, "benamning"}, {F_NAME, "enhetsnamn"}, {F_NAME, "kontonamn"},
  {F_LEVEL, "niva"}, {F_LEVEL, "level"},
  {F_MANAGER, "chef"}, {F_MANAGER, "ansvarig"}, {F_MANAGER, "budgetansvarig"}, {F_MANAGER, "manager"},
  {F_ACCOUNT, "konto"}, {F_ACCOUNT, "kontonummer"}, {F_ACCOUNT, "kontonr"}, {F_ACCOUNT, "account"},
  {F_ACCOUNT, "accountnumber"}, {F_ACCOUNT, "number"}, {F_ACCOUNT, "nummer"},
  {F_TYPE, "typ"}, {F_TYPE, "kontotyp"}, {F_TYPE, "type"}, {F_TYPE, "accounttype"},
  {F_INTERNAL, "intern"}, {F_INTERNAL, "internal"},
  {F_AMOUNT, "belopp"}, {F_AMOUNT, "amount"}, {F_AMOUNT, "budget"}, {F_AMOUNT, "arsbudget"}, {F_AMOUNT, "utfall"},
  {F_AMOUNT, "outcome"}, {F_AMOUNT, "kr"}, {F_AMOUNT, "kronor"},
  {F_MONTH, "manad"}, {F_MONTH, "month"},
  {F_PERIOD, "period"},
  {F_KEY, "nyckel"}, {F_KEY, "periodiseringsnyckel"}, {F_KEY, "fordelningsnyckel"}, {F_KEY, "key"},
  {F_PERSON, "key"}, {F_PERSON, "nyckel"}, {F_PERSON, "person"}, {F_PERSON, "anvandare"},
  {F_PERSON, "anvandarnamn"}, {F_PERSON, "login"}, {F_PERSON, "id"},
  {F_EMAIL, "epost"}, {F_EMAIL, "email"}, {F_EMAIL, "mail"},
  {F_ROLE, "roll"}, {F_ROLE, "role"},
  {F_INDICATOR, "indikator"}, {F_INDICATOR, "indicator"}, {F_INDICATOR, "styrtal"}, {F_INDICATOR, "nyckeltal"},
  {F_INDICATOR, "matt"}, {F_INDICATOR, "kpi"}, {F_INDICATOR, "kod"}, {F_INDICATOR, "code"},
  {F_VALUE, "varde"}, {F_VALUE, "value"}, {F_VALUE, "utfall"}, {F_VALUE, "antal"}, {F_VALUE, "volym"},
  {F_SOURCE, "kalla"}, {F_SOURCE, "source"}, {F_SOURCE, "system"},
};

/* Month names, normalised: month m (1..12) as Swedish and English names and abbreviations. */
static const char *const month_names[12][5] = {
  {"jan", "januari", "january", NULL}, {"feb", "februari", "february", NULL},
  {"mar", "mars", "march", NULL},      {"apr", "april", NULL},
  {"maj", "may", NULL},                {"jun", "juni", "june", NULL},
  {"jul", "juli", "july", NULL},       {"aug", "augusti", "august", NULL},
  {"sep", "sept", "september", NULL},  {"okt", "oktober", "oct", "october", NULL},
  {"nov", "november", NULL},           {"dec", "december", NULL},
};

/* The base letter of a Latin-1 letter with a diacritic (U+00C0..U+00FF; 0: none). */
static const char latin1_base[64] = "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";

/* Enough for any name compared against (a longer text cannot equal one). */
#define NORM_MAX 128

/* Lower-case letters and digits without accents: "Förälder" -> "foralder", "Belopp (kr)" -> "beloppkr",
 * into buf (cut at NORM_MAX - 1 bytes; no allocation). Other letters than Latin-1's are kept,
 * lower-cased. Returns buf. */
static char *normalise(char buf[NORM_MAX], const char *s)
{
  size_t n = 0;
  for (const char *p = s; *p && n + 6 < NORM_MAX;) {
    gunichar c = g_utf8_get_char_validated(p, -1);
    if (c == (gunichar)-1 || c == (gunichar)-2) { /* not UTF-8: skip the byte */
      p++;
      continue;
    }
    p = g_utf8_next_char(p);
    if (c >= 0xC0 && c <= 0xFF && latin1_base[c - 0xC0]) {
      buf[n++] = latin1_base[c - 0xC0];
      continue;
    }
    if (!g_unichar_isalnum(c)) /* spaces, punctuation, combining marks */
      continue;
    n += (size_t)g_unichar_to_utf8(g_unichar_tolower(c), buf + n);
  }
  buf[n] = '\0';
  return buf;
}

/* ---- the run ---- */

typedef struct run {
  tertial_import *imp;
  tertial__table *t;
  tertial_model *model;
  tertial_import_kind kind;
  size_t header;        /* the header's row */
  int col[NFIELDS];     /* each field's column, -1 when absent */
  int month_col[12];    /* month columns (fiscal month index), -1 when absent */
  int wide;             /* the table has month columns */
  int dry;              /* a dry run: plan, change nothing */
  int measure;          /* the ledger measure of amounts: outcome, or the budget version */
  int quiet;            /* trying a row as the header: errors are only counted */
  size_t quiet_errors;
} run;

static int add_error(run *r, size_t row, int col, const char *fmt, ...) TERTIAL_PRINTF(4, 5);

/* The message after `text` (its start, written with status rc) onto the import's errors. */
static int push_error(tertial_import *imp, tertial_strbuf *text, int rc, const char *fmt, va_list ap)
  TERTIAL_PRINTF(4, 0);
static int push_error(tertial_import *imp, tertial_strbuf *text, int rc, const char *fmt, va_list ap)
{
  if (rc == 0)
    rc = tertial__sb_vprintf(text, fmt, ap);
  if (rc == 0)
    rc = tertial__grow((void **)&imp->errors, &imp->cap_errors, imp->nerrors + 1, sizeof *imp->errors);
  if (rc < 0) {
    tertial__sb_clear(text);
    return tertial__nomem("import errors");
  }
  imp->errors[imp->nerrors++] = tertial__sb_steal(text);
  return 0;
}

/* Record an error at a cell (col -1: at the row) "where: column "hdr": message". */
static int add_error(run *r, size_t row, int col, const char *fmt, ...)
{
  tertial_import *imp = r->imp;
  if (r->quiet) {
    r->quiet_errors++;
    return 0;
  }
  if (imp->nerrors >= MAX_ERRORS) {
    imp->more++;
    return 0;
  }
  char where[512];
  if (col >= 0)
    tertial__table_where(where, sizeof where, r->t, row, (size_t)col);
  else
    snprintf(where, sizeof where, r->t->xlsx ? "%s!%u:%u" : "%s:%u", r->t->source,
             row < r->t->nrows ? (unsigned)r->t->rows[row].line : 0, row < r->t->nrows ? (unsigned)r->t->rows[row].line : 0);
  tertial_strbuf text = {0};
  int rc = col >= 0 ? tertial__sb_printf(&text, "%s: column \"%s\": ", where,
                                         tertial__table_cell(r->t, r->header, (size_t)col))
                    : tertial__sb_printf(&text, "%s: ", where);
  va_list ap;
  va_start(ap, fmt);
  rc = push_error(imp, &text, rc, fmt, ap);
  va_end(ap);
  return rc;
}

/* Record an error of the whole file, "source: message" (returns 0 or TERTIAL_ERR_NOMEM). */
static int add_file_error(tertial_import *imp, const char *fmt, ...) TERTIAL_PRINTF(2, 3);
static int add_file_error(tertial_import *imp, const char *fmt, ...)
{
  tertial_strbuf text = {0};
  va_list ap;
  va_start(ap, fmt);
  int rc = push_error(imp, &text, 0, fmt, ap);
  va_end(ap);
  return rc;
}

/* A field's cell (the table is trimmed: trim_cells()); "" for a column the table does not have. */
static const char *cell(const run *r, size_t row, enum field f)
{
  return r->col[f] < 0 ? "" : tertial__table_cell(r->t, row, (size_t)r->col[f]);
}

/* Every cell of the table without surrounding white space, in place (the import owns its table). */
static void trim_cells(tertial__table *t)
{
  for (size_t i = 0; i < t->ncells; i++) {
    char *start = t->text + t->cells[i], *end = start + strlen(start);
    char *p = start;
    while (g_ascii_isspace(*p))
      p++;
    while (end > p && g_ascii_isspace(end[-1]))
      end--;
    *end = '\0';
    t->cells[i] = (size_t)(p - t->text);
  }
}

static int blank_row(const tertial__table *t, size_t row)
{
  for (size_t c = 0; c < t->rows[row].n; c++)
    for (const char *p = tertial__table_cell(t, row, c); *p; p++)
      if (!g_ascii_isspace(*p))
        return 0;
  return 1;
}

/* A month of the fiscal year from "3" (a calendar month), "mars", "2026-03", "2026-03-31" or "202603";
 * `period_only`: only the last two; `xlsx`: also a date cell's serial number ("46082", any day
 * of the month). Returns the fiscal month index, or -1. */
static int month_index(const tertial_fiscal_year *fy, const char *text, int period_only, int xlsx)
{
  int y = 0, m = 0, idx;
  char tail;
  size_t n = strlen(text);
  if (xlsx && n == 5 && strspn(text, "0123456789") == 5) {
    /* a date cell: days since 1899-12-30 (Excel's and LibreOffice's serial numbers) */
    GDate d;
    g_date_clear(&d, 1);
    g_date_set_dmy(&d, 30, G_DATE_DECEMBER, 1899);
    g_date_add_days(&d, (guint)atoi(text));
    y = g_date_get_year(&d);
    m = g_date_get_month(&d);
  } else if (n == 6 && strspn(text, "0123456789") == 6) {
    y = atoi(text) / 100;
    m = atoi(text) % 100;
  } else if ((n == 7 && sscanf(text, "%4d-%2d%c", &y, &m, &tail) == 2 && text[4] == '-') ||
             (n >= 10 && g_ascii_isdigit(text[0]) && text[4] == '-' && text[7] == '-' &&
              sscanf(text, "%4d-%2d-", &y, &m) == 2)) {
    /* yyyy-mm, or a date yyyy-mm-dd (any day; an xlsx's date cell t="d") */
  } else if (!period_only && n >= 1 && n <= 2 && strspn(text, "0123456789") == n) {
    m = atoi(text);
    if (m < 1 || m > 12)
      return -1;
    y = m >= fy->start_month ? fy->first_year : fy->first_year + 1;
  } else if (!period_only) {
    char norm[NORM_MAX];
  normalise(norm, text);
    for (int i = 0; i < 12 && !m; i++)
      for (int k = 0; month_names[i][k] && !m; k++)
        if (strcmp(norm, month_names[i][k]) == 0)
          m = i + 1;
    if (!m)
      return -1;
    y = m >= fy->start_month ? fy->first_year : fy->first_year + 1;
  } else {
    return -1;
  }
  int period;
  if (m < 1 || m > 12 || tertial_period_make(&period, y, m) < 0 || tertial_fiscal_year_index(&idx, fy, period) < 0)
    return -1;
  return idx;
}

int tertial__import_month_index(const tertial_fiscal_year *fy, const char *text, int period_only)
{
  return month_index(fy, text, period_only, 0);
}

int tertial__import_fact_column(const char *header)
{
  static const struct {
    enum field f;
    int column;
  } facts[] = {{F_UNIT, TERTIAL__FACT_UNIT}, {F_ACCOUNT, TERTIAL__FACT_ACCOUNT}, {F_MONTH, TERTIAL__FACT_MONTH},
               {F_PERIOD, TERTIAL__FACT_PERIOD}, {F_AMOUNT, TERTIAL__FACT_AMOUNT}};
  char norm[NORM_MAX];
  normalise(norm, header);
  int column = -1;
  if (strcmp(norm, "measure") == 0 || strcmp(norm, "version") == 0 || strcmp(norm, "budgetversion") == 0)
    column = TERTIAL__FACT_MEASURE;
  for (size_t i = 0; column < 0 && i < sizeof aliases / sizeof *aliases; i++)
    for (size_t k = 0; column < 0 && k < sizeof facts / sizeof *facts; k++)
      if (aliases[i].f == facts[k].f && strcmp(norm, aliases[i].name) == 0)
        column = facts[k].column;
  size_t len = strlen(norm);
  /* "Belopp (kr)" */
  for (size_t i = 0; column < 0 && len > 2 && i < sizeof aliases / sizeof *aliases; i++)
    if (aliases[i].f == F_AMOUNT && len == strlen(aliases[i].name) + 2 && strncmp(norm, aliases[i].name, len - 2) == 0 &&
        strcmp(norm + len - 2, "kr") == 0)
      column = TERTIAL__FACT_AMOUNT;
  return column;
}

/* The fields a kind reads, and which it needs. */
static int reads(tertial_import_kind kind, enum field f)
{
  switch (kind) {
  case TERTIAL_IMPORT_ORGANISATION: return f == F_UNIT || f == F_PARENT || f == F_NAME || f == F_LEVEL || f == F_MANAGER;
  case TERTIAL_IMPORT_ACCOUNTS: return f == F_ACCOUNT || f == F_NAME || f == F_TYPE || f == F_INTERNAL;
  case TERTIAL_IMPORT_BUDGET: return f == F_UNIT || f == F_ACCOUNT || f == F_AMOUNT || f == F_MONTH || f == F_PERIOD ||
                                     f == F_KEY;
  case TERTIAL_IMPORT_OUTCOME: return f == F_UNIT || f == F_ACCOUNT || f == F_AMOUNT || f == F_MONTH || f == F_PERIOD;
  case TERTIAL_IMPORT_PEOPLE: return f == F_PERSON || f == F_NAME || f == F_EMAIL || f == F_ROLE || f == F_UNIT;
  case TERTIAL_IMPORT_INDICATORS:
    return f == F_INDICATOR || f == F_UNIT || f == F_PERIOD || f == F_MONTH || f == F_VALUE || f == F_SOURCE;
  }
  return 0;
}

static int list_aliases(tertial_strbuf *s, enum field f)
{
  int first = 1, rc = 0;
  for (size_t i = 0; rc == 0 && i < sizeof aliases / sizeof *aliases; i++)
    if (aliases[i].f == f) {
      rc = tertial__sb_printf(s, "%s\"%s\"", first ? "" : ", ", aliases[i].name);
      first = 0;
    }
  return rc;
}

static int missing_column(run *r, enum field f)
{
  tertial_strbuf s = {0};
  int rc = list_aliases(&s, f);
  if (rc == 0)
    rc = tertial__sb_append(&s, " (the header has ");
  for (size_t c = 0; rc == 0 && c < r->t->rows[r->header].n; c++)
    rc = tertial__sb_printf(&s, "%s\"%s\"", c ? ", " : "", tertial__table_cell(r->t, r->header, c));
  if (rc == 0)
    rc = tertial__sb_append(&s, ")");
  if (rc == 0)
    rc = add_error(r, r->header, -1, "no column for the %s: expected one of %s", field_names[f], s.data);
  tertial__sb_clear(&s);
  return rc < 0 ? tertial__nomem("import errors") : rc;
}

/* The columns of the header row r->header; errors for what the kind needs and lacks. */
static int header_columns(run *r)
{
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(r->model);
  int rc = 0;
  for (int f = 0; f < NFIELDS; f++)
    r->col[f] = -1;
  for (int m = 0; m < 12; m++)
    r->month_col[m] = -1;
  r->wide = 0;
  size_t ncols = r->t->rows[r->header].n;
  for (size_t c = 0; rc == 0 && c < ncols; c++) {
    char norm[NORM_MAX];
  normalise(norm, tertial__table_cell(r->t, r->header, c));
    int f = -1;
    size_t len = strlen(norm);
    for (size_t i = 0; f < 0 && i < sizeof aliases / sizeof *aliases; i++)
      if (reads(r->kind, aliases[i].f) &&
          (strcmp(norm, aliases[i].name) == 0 ||
           (aliases[i].f == F_AMOUNT && len == strlen(aliases[i].name) + 2 &&
            strncmp(norm, aliases[i].name, len - 2) == 0 && strcmp(norm + len - 2, "kr") == 0)))
        f = (int)aliases[i].f;
    if (f >= 0 && r->col[f] >= 0) {
      rc = add_error(r, r->header, (int)c, "a second column for the %s (the first is \"%s\"): expected one",
                     field_names[f], tertial__table_cell(r->t, r->header, (size_t)r->col[f]));
    } else if (f >= 0) {
      r->col[f] = (int)c;
    } else if (r->kind == TERTIAL_IMPORT_BUDGET || r->kind == TERTIAL_IMPORT_OUTCOME) {
      /* a month column: "jan", "januari", "2026-01", "202601" */
      const char *text = tertial__table_cell(r->t, r->header, c);
      int m = *text && !(strlen(text) <= 2 && g_ascii_isdigit(*text)) ? month_index(fy, text, 0, r->t->xlsx) : -1;
      if (m >= 0 && r->month_col[m] >= 0)
        rc = add_error(r, r->header, (int)c, "a second column for the same month (the first is \"%s\")",
                       tertial__table_cell(r->t, r->header, (size_t)r->month_col[m]));
      else if (m >= 0)
        r->month_col[m] = (int)c, r->wide = 1;
    }
  }
  /* what each kind needs */
  switch (r->kind) {
  case TERTIAL_IMPORT_ORGANISATION:
    if (rc == 0 && r->col[F_UNIT] < 0)
      rc = missing_column(r, F_UNIT);
    break;
  case TERTIAL_IMPORT_ACCOUNTS:
    if (rc == 0 && r->col[F_ACCOUNT] < 0)
      rc = missing_column(r, F_ACCOUNT);
    break;
  case TERTIAL_IMPORT_BUDGET:
  case TERTIAL_IMPORT_OUTCOME:
    if (rc == 0 && r->col[F_UNIT] < 0)
      rc = missing_column(r, F_UNIT);
    if (rc == 0 && r->col[F_ACCOUNT] < 0)
      rc = missing_column(r, F_ACCOUNT);
    if (rc == 0 && r->wide && (r->col[F_AMOUNT] >= 0 || r->col[F_MONTH] >= 0 || r->col[F_PERIOD] >= 0))
      rc = add_error(r, r->header, -1, "month columns and a column for the %s: expected either an amount (with a "
                     "month or period) or one column per month", r->col[F_AMOUNT] >= 0 ? "amount" : "month");
    else if (rc == 0 && !r->wide && r->col[F_AMOUNT] < 0)
      rc = missing_column(r, F_AMOUNT);
    if (rc == 0 && r->col[F_MONTH] >= 0 && r->col[F_PERIOD] >= 0)
      rc = add_error(r, r->header, r->col[F_PERIOD], "a column for the month (\"%s\") and one for the period: "
                     "expected one of them", tertial__table_cell(r->t, r->header, (size_t)r->col[F_MONTH]));
    if (rc == 0 && r->kind == TERTIAL_IMPORT_OUTCOME && !r->wide && r->col[F_MONTH] < 0 && r->col[F_PERIOD] < 0)
      rc = missing_column(r, F_MONTH);
    if (rc == 0 && r->col[F_KEY] >= 0 && (r->wide || r->col[F_MONTH] >= 0 || r->col[F_PERIOD] >= 0))
      rc = add_error(r, r->header, r->col[F_KEY], "a periodisation key goes with an annual amount: expected no "
                     "month, period or month columns beside it");
    break;
  case TERTIAL_IMPORT_INDICATORS:
    if (rc == 0 && r->col[F_INDICATOR] < 0)
      rc = missing_column(r, F_INDICATOR);
    if (rc == 0 && r->col[F_UNIT] < 0)
      rc = missing_column(r, F_UNIT);
    if (rc == 0 && r->col[F_VALUE] < 0)
      rc = missing_column(r, F_VALUE);
    if (rc == 0 && r->col[F_PERIOD] < 0 && r->col[F_MONTH] < 0)
      rc = missing_column(r, F_PERIOD);
    break;
  case TERTIAL_IMPORT_PEOPLE:
    if (rc == 0 && r->col[F_PERSON] < 0)
      rc = missing_column(r, F_PERSON);
    if (rc == 0 && r->col[F_NAME] < 0)
      rc = missing_column(r, F_NAME);
    if (rc == 0 && (r->col[F_ROLE] < 0) != (r->col[F_UNIT] < 0))
      rc = add_error(r, r->header, r->col[F_ROLE] >= 0 ? r->col[F_ROLE] : r->col[F_UNIT], "a role goes with a unit: "
                     "expected columns for both or neither");
    break;
  }
  return rc;
}

/* Rows tried as the header: a title or notes may stand above it. */
#define HEADER_SEARCH 10

/* Find the header row and the columns: the first of the first non-empty rows that names every
 * column the kind needs; when none does, the first non-empty row, with its errors. */
static int find_columns(run *r)
{
  while (r->header < r->t->nrows && blank_row(r->t, r->header))
    r->header++;
  if (r->header == r->t->nrows) {
    r->header = 0;
    return add_file_error(r->imp, "%s: the table is empty: expected a header row naming the columns", r->t->source);
  }
  size_t first = r->header, tried = 0;
  for (size_t row = first; row < r->t->nrows && tried < HEADER_SEARCH; row++) {
    if (blank_row(r->t, row))
      continue;
    tried++;
    r->header = row;
    r->quiet = 1;
    r->quiet_errors = 0;
    int rc = header_columns(r);
    r->quiet = 0;
    if (rc < 0 || r->quiet_errors == 0)
      return rc;
  }
  r->header = first;
  return header_columns(r);
}

/* ---- organisation ---- */

typedef struct org_row {
  size_t row;
  const char *code, *parent, *name, *level, *manager; /* cells of the table */
  tertial_unit_id existing; /* TERTIAL_NO_UNIT for a new unit */
  int parent_row;           /* the parent's row in the file (a new unit), -1 otherwise */
  int level_index;
  int state;                /* walking: 0 not seen, 1 on the path, 2 done */
  int bad;
} org_row;

static void org_rows_free(org_row *rows)
{
  free(rows);
}

/* A level by name or index; -1 when the organisation has no such level. */
static int level_named(const tertial_org *org, const char *text)
{
  int count = (int)tertial_org_level_count(org);
  if (*text && strspn(text, "0123456789") == strlen(text) && strlen(text) < 5)
    return atoi(text) < count ? atoi(text) : -1;
  char want[NORM_MAX];
  normalise(want, text);
  int found = -1;
  for (int l = 0; l < count && found < 0; l++) {
    char have[NORM_MAX];
  normalise(have, tertial_org_level_name(org, l));
    if (strcmp(want, have) == 0)
      found = l;
  }
  return found;
}

static int import_org(run *r)
{
  tertial_org *org = tertial_model_org(r->model);
  tertial_import_summary *sum = &r->imp->sum;
  org_row *rows = tertial__calloc(r->t->nrows ? r->t->nrows : 1, sizeof *rows);
  tertial_strmap codes = {0};
  size_t n = 0, *order = NULL, norder = 0;
  int rc = rows ? 0 : TERTIAL_ERR_NOMEM;
  int levels = (int)tertial_org_level_count(org);
  for (size_t row = r->header + 1; rc == 0 && row < r->t->nrows; row++) {
    if (blank_row(r->t, row))
      continue;
    org_row *o = &rows[n++];
    *o = (org_row){row, cell(r, row, F_UNIT), cell(r, row, F_PARENT), cell(r, row, F_NAME), cell(r, row, F_LEVEL),
                   cell(r, row, F_MANAGER), TERTIAL_NO_UNIT, -1, -1, 0, 0};
    uint32_t j;
    if (!*o->code) {
      rc = add_error(r, row, r->col[F_UNIT], "expected a unit code");
      o->bad = 1;
    } else if (tertial__strmap_get(&codes, o->code, &j)) {
      rc = add_error(r, row, r->col[F_UNIT], "unit \"%s\" is already given on line %u", o->code,
                     (unsigned)r->t->rows[rows[j].row].line);
      o->bad = 1;
    } else {
      rc = tertial__strmap_put(&codes, o->code, (uint32_t)(n - 1));
      tertial_org_find(&o->existing, org, o->code);
    }
  }
  sum->rows = n;
  /* parents */
  for (size_t i = 0; rc == 0 && i < n; i++) {
    org_row *o = &rows[i];
    uint32_t j;
    tertial_unit_id want = TERTIAL_NO_UNIT;
    if (o->bad)
      continue;
    if (*o->parent && tertial__strmap_get(&codes, o->parent, &j) && rows[j].existing == TERTIAL_NO_UNIT) {
      o->parent_row = (int)j;
      want = TERTIAL_NO_UNIT - 1; /* a new unit: never the parent an existing unit has */
    } else if (*o->parent && tertial_org_find(&want, org, o->parent) < 0) {
      rc = add_error(r, o->row, r->col[F_PARENT], "expected the code of a unit in the file or the organisation, "
                     "found \"%s\"", o->parent);
      o->bad = 1;
      continue;
    }
    if (o->existing != TERTIAL_NO_UNIT && *o->parent) { /* an empty cell keeps the unit's parent */
      tertial_unit_id have;
      tertial_org_parent(&have, org, o->existing, 999912);
      if (have != want) {
        const tertial_unit *hu = have == TERTIAL_NO_UNIT ? NULL : tertial_org_unit(org, have);
        rc = add_error(r, o->row, r->col[F_PARENT],
                       "unit \"%s\" is under %s%s%s in the organisation, the file puts it under \"%s\": moving a unit "
                       "is a reorganisation from a period on, not made by an import", o->code, hu ? "\"" : "",
                       hu ? hu->code : "no parent (a root)", hu ? "\"" : "", o->parent);
        o->bad = 1;
      }
    }
  }
  /* cycles among the new units: walk up each chain of parents in the file */
  for (size_t i = 0; rc == 0 && i < n; i++) {
    size_t j = i;
    while (rows[j].state == 0) {
      rows[j].state = 1;
      if (rows[j].parent_row < 0)
        break;
      j = (size_t)rows[j].parent_row;
    }
    if (rows[j].state == 1 && rows[j].parent_row >= 0) { /* back on the path: j starts a cycle */
      size_t k = j;
      do {
        tertial_strbuf chain = {0};
        rc = tertial__sb_append(&chain, rows[k].code);
        for (size_t q = (size_t)rows[k].parent_row; rc == 0 && q != k; q = (size_t)rows[q].parent_row)
          rc = tertial__sb_printf(&chain, " -> %s", rows[q].code);
        if (rc == 0)
          rc = tertial__sb_printf(&chain, " -> %s", rows[k].code);
        if (rc == 0)
          rc = add_error(r, rows[k].row, r->col[F_PARENT], "unit \"%s\" is part of a cycle of parents (%s): expected "
                         "a chain of parents that ends at a root", rows[k].code, chain.data);
        tertial__sb_clear(&chain);
        rows[k].bad = 1;
        k = (size_t)rows[k].parent_row;
      } while (rc == 0 && k != j);
    }
    for (j = i; rows[j].state == 1;) {
      rows[j].state = 2;
      if (rows[j].parent_row < 0)
        break;
      j = (size_t)rows[j].parent_row;
    }
  }
  for (size_t i = 0; rc == 0 && levels == 0 && i < n; i++)
    if (!rows[i].bad && rows[i].existing == TERTIAL_NO_UNIT) {
      rc = add_error(r, rows[i].row, r->col[F_UNIT], "the organisation has no levels: expected levels to put unit "
                     "\"%s\" on (tertial_org_add_level)", rows[i].code);
      break;
    }
  if (rc < 0 || (levels == 0 && r->imp->nerrors))
    goto out;
  /* levels, and the order to add the new units in (parents first) */
  order = rc == 0 ? tertial__calloc(n ? n : 1, sizeof *order) : NULL;
  if (rc == 0 && !order)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    org_row *o = &rows[i];
    if (o->bad || o->existing == TERTIAL_NO_UNIT)
      continue;
    int have = tertial_org_unit(org, o->existing)->level;
    if (*o->level && level_named(org, o->level) != have)
      rc = add_error(r, o->row, r->col[F_LEVEL], "unit \"%s\" is at level \"%s\" in the organisation: expected "
                     "that level or none, found \"%s\"", o->code, tertial_org_level_name(org, have), o->level);
    o->level_index = have;
  }
  for (size_t i = 0; rc == 0 && i < n; i++) {
    /* up to the first unit whose level is known, then down again */
    size_t path[64], np = 0, j = i;
    int bad = 0;
    while (!rows[j].bad && rows[j].existing == TERTIAL_NO_UNIT && rows[j].level_index < 0 && !bad) {
      if (np == sizeof path / sizeof *path)
        break; /* deeper than any organisation */
      path[np++] = j;
      if (rows[j].parent_row < 0)
        break;
      j = (size_t)rows[j].parent_row;
      bad = rows[j].bad;
    }
    if (np == sizeof path / sizeof *path) {
      rc = add_error(r, rows[i].row, r->col[F_PARENT], "unit \"%s\" is more than %zu levels deep: expected a "
                     "shallower organisation", rows[i].code, sizeof path / sizeof *path);
      rows[i].bad = 1;
      continue;
    }
    while (rc == 0 && np--) {
      org_row *o = &rows[path[np]];
      if (bad) {
        o->bad = 1; /* under a unit with an error: its own errors would only repeat it */
        continue;
      }
      int parent_level = -1;
      tertial_unit_id pid;
      if (o->parent_row >= 0)
        parent_level = rows[o->parent_row].level_index;
      else if (*o->parent && tertial_org_find(&pid, org, o->parent) == 0)
        parent_level = tertial_org_unit(org, pid)->level;
      if (*o->level) {
        o->level_index = level_named(org, o->level);
        if (o->level_index < 0) {
          tertial_strbuf s = {0};
          for (int l = 0; rc == 0 && l < levels; l++)
            rc = tertial__sb_printf(&s, "%s\"%s\"", l ? ", " : "", tertial_org_level_name(org, l));
          if (rc == 0)
            rc = add_error(r, o->row, r->col[F_LEVEL], "expected a level of the organisation (%s, or its index "
                           "0..%d), found \"%s\"", s.data, levels - 1, o->level);
          tertial__sb_clear(&s);
          o->bad = bad = 1;
          continue;
        }
      } else {
        o->level_index = parent_level + 1 < levels ? parent_level + 1 : levels - 1;
      }
      order[norder++] = path[np];
    }
  }
  if (rc < 0 || r->imp->nerrors)
    goto out;
  for (size_t i = 0; i < n; i++) {
    org_row *o = &rows[i];
    if (o->existing == TERTIAL_NO_UNIT) {
      sum->units_added++;
      continue;
    }
    const tertial_unit *u = tertial_org_unit(org, o->existing);
    if ((*o->name && strcmp(o->name, u->name) != 0) || (*o->manager && strcmp(o->manager, u->manager) != 0))
      sum->units_updated++;
    else
      sum->units_unchanged++;
  }
  if (r->dry || (sum->units_added == 0 && sum->units_updated == 0))
    goto out;
  for (size_t k = 0; rc == 0 && k < norder; k++) {
    org_row *o = &rows[order[k]];
    tertial_unit_id parent = TERTIAL_NO_UNIT;
    if (*o->parent)
      tertial_org_find(&parent, org, o->parent);
    rc = tertial_org_add_unit(NULL, org, o->code, *o->name ? o->name : o->code, parent, o->level_index, o->manager);
  }
  for (size_t i = 0; rc == 0 && i < n; i++) {
    org_row *o = &rows[i];
    if (o->existing == TERTIAL_NO_UNIT)
      continue;
    const tertial_unit *u = tertial_org_unit(org, o->existing);
    if (*o->name && strcmp(o->name, u->name) != 0)
      rc = tertial_org_set_name(org, o->existing, o->name);
    if (rc == 0 && *o->manager && strcmp(o->manager, u->manager) != 0)
      rc = tertial_org_set_manager(org, o->existing, o->manager);
  }
  sum->applied = rc == 0;
out:
  free(order);
  tertial__strmap_free(&codes);
  org_rows_free(rows);
  return rc;
}

/* ---- accounts ---- */

/* An account type: "I", "intäkt", "revenue", ... -1 when it is none. */
static int account_type(const char *text)
{
  static const struct {
    const char *name;
    tertial_account_type type;
  } types[] = {
    {"t", TERTIAL_ACCOUNT_ASSET},     {"tillgang", TERTIAL_ACCOUNT_ASSET},   {"asset", TERTIAL_ACCOUNT_ASSET},
    {"s", TERTIAL_ACCOUNT_LIABILITY}, {"skuld", TERTIAL_ACCOUNT_LIABILITY},  {"liability", TERTIAL_ACCOUNT_LIABILITY},
    {"i", TERTIAL_ACCOUNT_REVENUE},   {"intakt", TERTIAL_ACCOUNT_REVENUE},   {"revenue", TERTIAL_ACCOUNT_REVENUE},
    {"k", TERTIAL_ACCOUNT_COST},      {"kostnad", TERTIAL_ACCOUNT_COST},     {"cost", TERTIAL_ACCOUNT_COST},
  };
  char norm[NORM_MAX];
  normalise(norm, text);
  int found = -1;
  for (size_t i = 0; found < 0 && i < sizeof types / sizeof *types; i++)
    if (strcmp(norm, types[i].name) == 0)
      found = (int)types[i].type;
  return found;
}

static const char *const type_names[] = {"asset", "liability", "revenue", "cost"};

/* A yes/no cell: 1, 0, or -1 when it is neither. Empty is no. */
static int flag(const char *text)
{
  static const char *const yes[] = {"1", "x", "ja", "j", "yes", "y", "true", "sant"};
  static const char *const no[] = {"", "0", "nej", "n", "no", "false", "falskt"};
  char norm[NORM_MAX];
  normalise(norm, text);
  int found = -1;
  for (size_t i = 0; found < 0 && i < sizeof yes / sizeof *yes; i++)
    if (strcmp(norm, yes[i]) == 0)
      found = 1;
  for (size_t i = 0; found < 0 && i < sizeof no / sizeof *no; i++)
    if (strcmp(norm, no[i]) == 0)
      found = 0;
  return found;
}

typedef struct acc_row {
  const char *number, *name; /* cells of the table */
  int type, internal;       /* internal -1: not given */
  tertial_account_id existing;
  int exists;
} acc_row;

static int import_accounts(run *r)
{
  tertial_chart *chart = tertial_model_chart(r->model);
  tertial_import_summary *sum = &r->imp->sum;
  acc_row *rows = tertial__calloc(r->t->nrows ? r->t->nrows : 1, sizeof *rows);
  tertial_strmap numbers = {0};
  size_t n = 0;
  int rc = rows ? 0 : TERTIAL_ERR_NOMEM;
  size_t *row_of = rc == 0 ? tertial__calloc(r->t->nrows ? r->t->nrows : 1, sizeof *row_of) : NULL;
  if (rc == 0 && !row_of)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t row = r->header + 1; rc == 0 && row < r->t->nrows; row++) {
    if (blank_row(r->t, row))
      continue;
    acc_row *a = &rows[n];
    row_of[n++] = row;
    const char *type = cell(r, row, F_TYPE), *internal = cell(r, row, F_INTERNAL);
    *a = (acc_row){cell(r, row, F_ACCOUNT), cell(r, row, F_NAME), -1, -1, 0, 0};
    uint32_t j;
    size_t len = strlen(a->number);
    if (!len || len > 20 || strspn(a->number, "0123456789") != len) {
      rc = add_error(r, row, r->col[F_ACCOUNT], "expected an account number (digits), found \"%s\"", a->number);
    } else if (tertial__strmap_get(&numbers, a->number, &j)) {
      rc = add_error(r, row, r->col[F_ACCOUNT], "account %s is already given on line %u", a->number,
                     (unsigned)r->t->rows[row_of[j]].line);
    } else {
      rc = tertial__strmap_put(&numbers, a->number, (uint32_t)(n - 1));
      a->exists = tertial_chart_find(&a->existing, chart, a->number) == 0;
    }
    if (rc == 0 && *type && (a->type = account_type(type)) < 0)
      rc = add_error(r, row, r->col[F_TYPE], "expected an account type: T (tillgång, asset), S (skuld, liability), "
                     "I (intäkt, revenue) or K (kostnad, cost), found \"%s\"", type);
    else if (rc == 0 && !*type && len && strspn(a->number, "0123456789") == len) {
      tertial_account_type guess;
      if (a->exists)
        a->type = (int)tertial_chart_account(chart, a->existing)->type;
      else if (tertial_account_type_guess(&guess, a->number) == 0)
        a->type = (int)guess;
      else
        rc = add_error(r, row, r->col[F_ACCOUNT], "the type of account %s does not follow from its number: expected "
                       "a column for the account type", a->number);
    }
    if (rc == 0 && r->col[F_INTERNAL] >= 0 && *internal && (a->internal = flag(internal)) < 0)
      rc = add_error(r, row, r->col[F_INTERNAL], "expected yes or no (ja, nej, x, 1, 0), found \"%s\"", internal);
    if (rc == 0 && a->exists && a->type >= 0 && a->type != (int)tertial_chart_account(chart, a->existing)->type)
      rc = add_error(r, row, r->col[F_TYPE], "account %s is a %s account in the chart: expected that type, found "
                     "\"%s\"", a->number, type_names[tertial_chart_account(chart, a->existing)->type], type);
  }
  sum->rows = n;
  if (rc < 0 || r->imp->nerrors)
    goto out;
  for (size_t i = 0; i < n; i++) {
    acc_row *a = &rows[i];
    if (!a->exists) {
      sum->accounts_added++;
      continue;
    }
    const tertial_account *have = tertial_chart_account(chart, a->existing);
    if ((*a->name && strcmp(a->name, have->name) != 0) || (a->internal >= 0 && a->internal != have->internal))
      sum->accounts_updated++;
    else
      sum->accounts_unchanged++;
  }
  if (r->dry || (sum->accounts_added == 0 && sum->accounts_updated == 0))
    goto out;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    acc_row *a = &rows[i];
    if (!a->exists) {
      rc = tertial_chart_add(NULL, chart, a->number, a->name, (tertial_account_type)a->type, a->internal > 0);
      continue;
    }
    const tertial_account *have = tertial_chart_account(chart, a->existing);
    if (*a->name && strcmp(a->name, have->name) != 0)
      rc = tertial_chart_set_name(chart, a->existing, a->name);
    if (rc == 0 && a->internal >= 0 && a->internal != have->internal)
      rc = tertial_chart_set_internal(chart, a->existing, a->internal);
  }
  sum->applied = rc == 0;
out:
  free(rows);
  free(row_of);
  tertial__strmap_free(&numbers);
  return rc;
}

/* ---- budget and outcome ---- */

typedef struct amounts {
  tertial_unit_id unit;
  tertial_account_id account;
  int64_t months[12];
  unsigned given; /* a bit per fiscal month */
} amounts;

typedef struct amount_plan {
  amounts *lines;
  size_t n, cap;
  tertial_u64map index;
} amount_plan;

/* Add an amount to a month of a unit and account in the plan (amounts of one month add up). */
static int plan_add(run *r, amount_plan *p, size_t row, int col, tertial_unit_id unit, tertial_account_id account,
                    int month, int64_t amount)
{
  uint32_t at;
  int added;
  int rc = tertial__u64map_get_or_put(&p->index, ((uint64_t)unit << 32) | account, (uint32_t)p->n, &at, &added);
  if (rc < 0)
    return rc;
  if (added) {
    if ((rc = tertial__grow((void **)&p->lines, &p->cap, p->n + 1, sizeof *p->lines)) < 0)
      return rc;
    p->lines[p->n++] = (amounts){unit, account, {0}, 0};
  }
  amounts *a = &p->lines[at];
  int64_t sum;
  if (__builtin_add_overflow(a->months[month], amount, &sum) || sum > TERTIAL_MONEY_MAX_AMOUNT ||
      sum < -TERTIAL_MONEY_MAX_AMOUNT)
    return add_error(r, row, col, "the amounts of this unit, account and month add up beyond the largest amount a "
                     "model takes");
  a->months[month] = sum;
  a->given |= 1u << month;
  return 0;
}

/* An amount cell: 0 and *out, or an error recorded (1). */
static int amount_of(run *r, int64_t *out, size_t row, int col, const char *text)
{
  if (tertial_money_parse(out, text, TERTIAL_MONEY_ANY) == 0 && *out <= TERTIAL_MONEY_MAX_AMOUNT &&
      *out >= -TERTIAL_MONEY_MAX_AMOUNT)
    return 0;
  int rc = add_error(r, row, col, "expected an amount in kronor such as 1 234,50, −1234 or 1234.50, found \"%s\"",
                     text);
  return rc < 0 ? rc : 1;
}

static int import_amounts(run *r)
{
  tertial_model *model = r->model;
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(model);
  tertial_ledger *ledger = tertial_model_ledger(model);
  tertial_import_summary *sum = &r->imp->sum;
  int measure = r->measure, rc = 0;
  amount_plan p = {0};
  char label[16];
  tertial_fiscal_year_label(label, sizeof label, fy);
  for (size_t row = r->header + 1; rc == 0 && row < r->t->nrows; row++) {
    if (blank_row(r->t, row))
      continue;
    sum->rows++;
    const char *ucode = cell(r, row, F_UNIT), *anum = cell(r, row, F_ACCOUNT);
    tertial_unit_id unit;
    tertial_account_id account;
    int ok = 1;
    if (tertial_org_find(&unit, tertial_model_org(model), ucode) < 0) {
      rc = add_error(r, row, r->col[F_UNIT], "expected a unit of the organisation, found \"%s\"", ucode);
      ok = 0;
    }
    if (rc == 0 && tertial_chart_find(&account, tertial_model_chart(model), anum) < 0) {
      rc = add_error(r, row, r->col[F_ACCOUNT], "expected an account of the chart (import the accounts first), "
                     "found \"%s\"", anum);
      ok = 0;
    }
    if (r->wide) {
      for (int m = 0; rc == 0 && m < 12; m++) {
        if (r->month_col[m] < 0)
          continue;
        const char *text = tertial__table_cell(r->t, row, (size_t)r->month_col[m]);
        int64_t v;
        int bad = 0;
        if (*text && (bad = amount_of(r, &v, row, r->month_col[m], text)) < 0)
          rc = bad;
        else if (*text && !bad && ok)
          rc = plan_add(r, &p, row, r->month_col[m], unit, account, m, v);
      }
      continue;
    }
    const char *text = cell(r, row, F_AMOUNT);
    int64_t v = 0;
    int bad = 0;
    if (rc == 0 && (bad = amount_of(r, &v, row, r->col[F_AMOUNT], text)) < 0)
      rc = bad;
    ok &= !bad;
    int mcol = r->col[F_MONTH] >= 0 ? r->col[F_MONTH] : r->col[F_PERIOD];
    if (rc == 0 && mcol >= 0) {
      const char *mt = tertial__table_cell(r->t, row, (size_t)mcol);
      int m = month_index(fy, mt, mcol == r->col[F_PERIOD], r->t->xlsx);
      if (m < 0)
        rc = add_error(r, row, mcol, "expected a month of the fiscal year %s (%s), found \"%s\"", label,
                       mcol == r->col[F_PERIOD] ? "a period yyyymm or yyyy-mm" : "1-12, a month's name, yyyy-mm or "
                       "a period yyyymm", mt);
      else if (ok)
        rc = plan_add(r, &p, row, mcol, unit, account, m, v);
      continue;
    }
    /* an annual budget, periodised with the row's key or the key set's for the unit and account */
    const char *kname = cell(r, row, F_KEY);
    const tertial_key *key = NULL;
    if (rc == 0 && *kname && tertial_keyset_find(&key, tertial_model_keys(model), kname) < 0) {
      rc = add_error(r, row, r->col[F_KEY], "expected a periodisation key of the model (tertial budget --keys), "
                     "found \"%s\"", kname);
      ok = 0;
    }
    if (rc < 0 || !ok)
      continue;
    if (!key && (rc = tertial_budget_key_for(&key, model, unit, account)) < 0)
      break;
    int64_t prior[12], months[12];
    for (int m = 0; m < 12; m++)
      tertial_ledger_get(&prior[m], ledger, unit, account, m, TERTIAL_MEASURE_PRIOR);
    if ((rc = tertial_key_distribute_row(months, key, fy, v,
                                         tertial_key_kind_of(key) == TERTIAL_KEY_LAST_YEAR ? prior : NULL)) < 0)
      break;
    for (int m = 0; rc == 0 && m < 12; m++)
      rc = plan_add(r, &p, row, r->col[F_AMOUNT], unit, account, m, months[m]);
  }
  if (rc < 0 || r->imp->nerrors)
    goto out;
  for (size_t i = 0; i < p.n; i++) {
    amounts *a = &p.lines[i];
    for (int m = 0; m < 12; m++) {
      int64_t old;
      if (!(a->given & (1u << m)))
        continue;
      tertial_ledger_get(&old, ledger, a->unit, a->account, m, measure);
      sum->amount_total += a->months[m];
      if (old == a->months[m]) {
        sum->amounts_unchanged++;
        a->given &= ~(1u << m);
      } else {
        sum->amounts_changed++;
        sum->change_total += a->months[m] - old;
      }
    }
  }
  for (size_t i = 0; rc == 0 && !r->dry && i < p.n; i++)
    for (int m = 0; rc == 0 && m < 12; m++)
      if (p.lines[i].given & (1u << m))
        rc = tertial_ledger_set(ledger, p.lines[i].unit, p.lines[i].account, m, measure, p.lines[i].months[m]);
  sum->applied = rc == 0 && !r->dry && sum->amounts_changed > 0;
out:
  free(p.lines);
  free(p.index.entries);
  return rc;
}

/* ---- indicator values ---- */

/* A period yyyymm from "202604", "2026-04", a date "2026-04-30", an xlsx date cell, or a month of
 * the fiscal year ("4", "april"); -1 when it is none. */
static int period_of_cell(const tertial_fiscal_year *fy, const char *text, int xlsx)
{
  int y = 0, m = 0;
  char tail;
  size_t n = strlen(text);
  if (n == 6 && strspn(text, "0123456789") == 6) {
    y = atoi(text) / 100;
    m = atoi(text) % 100;
  } else if ((n == 7 && sscanf(text, "%4d-%2d%c", &y, &m, &tail) == 2 && text[4] == '-') ||
             (n >= 10 && g_ascii_isdigit(text[0]) && text[4] == '-' && text[7] == '-' &&
              sscanf(text, "%4d-%2d-", &y, &m) == 2)) {
  } else {
    int idx = month_index(fy, text, 0, xlsx), period;
    if (idx < 0)
      return -1;
    tertial_fiscal_year_period(&period, fy, idx);
    return period;
  }
  int period;
  return m >= 1 && m <= 12 && tertial_period_make(&period, y, m) == 0 ? period : -1;
}

typedef struct value_plan {
  tertial_indicator_id indicator;
  tertial_unit_id unit;
  int period;
  int64_t value;
  char *source;
} value_plan;

/* Every row checked first; then the values set, each replacing the unit's own value of its period. */
static int import_indicators(run *r)
{
  tertial_goals *g = tertial_model_goals(r->model);
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(r->model);
  tertial_import_summary *sum = &r->imp->sum;
  if (!g)
    return TERTIAL_ERR_NOMEM;
  value_plan *plan = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  int pcol = r->col[F_PERIOD] >= 0 ? r->col[F_PERIOD] : r->col[F_MONTH];
  for (size_t row = r->header + 1; rc == 0 && row < r->t->nrows; row++) {
    if (blank_row(r->t, row))
      continue;
    sum->rows++;
    const char *icode = cell(r, row, F_INDICATOR), *ucode = cell(r, row, F_UNIT), *vtext = cell(r, row, F_VALUE),
               *src = cell(r, row, F_SOURCE), *ptext = tertial__table_cell(r->t, row, (size_t)pcol);
    tertial_indicator_id ind = 0;
    tertial_unit_id unit = 0;
    int64_t value = 0;
    int period = period_of_cell(fy, ptext, r->t->xlsx), ok = 1;
    if (tertial_indicator_find(&ind, g, icode) < 0) {
      tertial_error_clear();
      rc = add_error(r, row, r->col[F_INDICATOR], "expected an indicator of the model (tertial indicators), found "
                     "\"%s\"", icode);
      ok = 0;
    }
    if (rc == 0 && tertial_org_find(&unit, tertial_model_org(r->model), ucode) < 0) {
      tertial_error_clear();
      rc = add_error(r, row, r->col[F_UNIT], "expected a unit of the organisation, found \"%s\"", ucode);
      ok = 0;
    }
    if (rc == 0 && period < 0) {
      rc = add_error(r, row, pcol, "expected a period yyyymm or yyyy-mm, a date, or a month of the fiscal year, "
                     "found \"%s\"", ptext);
      ok = 0;
    }
    if (rc == 0 && ok && tertial_indicator_parse_value(&value, g, ind, vtext) < 0) {
      tertial_error_clear();
      rc = add_error(r, row, r->col[F_VALUE], "expected a number with at most %d decimal%s (e.g. 73,4), found "
                     "\"%s\"", tertial_indicator_at(g, ind)->decimals,
                     tertial_indicator_at(g, ind)->decimals == 1 ? "" : "s", vtext);
      ok = 0;
    }
    if (rc == 0 && ok) {
      if ((rc = tertial__grow((void **)&plan, &cap, n + 1, sizeof *plan)) == 0) {
        plan[n] = (value_plan){ind, unit, period, value, tertial__strdup(*src ? src : r->t->source)};
        rc = plan[n].source ? 0 : TERTIAL_ERR_NOMEM;
        n += rc == 0;
      }
    }
  }
  for (size_t i = 0; rc == 0 && !r->imp->nerrors && i < n; i++) {
    tertial_indicator_value old;
    int same = tertial_indicator_own_value(&old, g, plan[i].indicator, plan[i].unit, plan[i].period) == 0 &&
               old.value == plan[i].value;
    tertial_error_clear();
    if (same) {
      sum->values_unchanged++;
      continue;
    }
    sum->values_changed++;
    if (!r->dry)
      rc = tertial_indicator_set_value(g, plan[i].indicator, plan[i].unit, plan[i].period, plan[i].value,
                                       plan[i].source, time(NULL));
  }
  sum->applied = rc == 0 && !r->imp->nerrors && !r->dry && sum->values_changed > 0;
  for (size_t i = 0; i < n; i++)
    free(plan[i].source);
  free(plan);
  return rc;
}

/* ---- people ---- */

/* Append a field for tertial_round_people_parse(): quoted, a line break within it a space. */
static int people_field(tertial_strbuf *s, const char *text, int first)
{
  int rc = first ? 0 : tertial__sb_append(s, ";");
  if (rc == 0)
    rc = tertial__sb_append(s, "\"");
  for (const char *p = text; rc == 0 && *p; p++)
    rc = *p == '"' ? tertial__sb_append(s, "\"\"") : tertial__sb_append_len(s, *p == '\n' || *p == '\r' ? " " : p, 1);
  return rc == 0 ? tertial__sb_append(s, "\"") : rc;
}

/* The table as the round's people text (key;name;email;role;unit), each row on the line it has in
 * the file so that the round's messages name the file's lines; the round checks and imports it
 * all or nothing. */
static int import_people(run *r, const tertial_actor *actor)
{
  if (r->dry)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: a dry run of people is not made: the round checks and imports "
                          "people in one step", r->t->source);
  tertial_round *round = tertial_model_round(r->model);
  if (!round)
    return TERTIAL_ERR_NOMEM;
  tertial_strbuf text = {0};
  uint32_t line = 1;
  int roles = r->col[F_ROLE] >= 0, rc = 0;
  for (size_t row = r->header; rc == 0 && row < r->t->nrows; row++) {
    if (blank_row(r->t, row))
      continue;
    for (; rc == 0 && line < r->t->rows[row].line; line++)
      rc = tertial__sb_append(&text, "\n");
    if (row == r->header) {
      if (rc == 0)
        rc = tertial__sb_append(&text, roles ? "key;name;email;role;unit" : "key;name;email");
    } else {
      r->imp->sum.rows++;
      enum field fields[] = {F_PERSON, F_NAME, F_EMAIL, F_ROLE, F_UNIT};
      for (int k = 0; rc == 0 && k < (roles ? 5 : 3); k++)
        rc = people_field(&text, cell(r, row, fields[k]), k == 0);
    }
  }
  if (rc == 0)
    rc = tertial__sb_append(&text, "\n");
  if (rc < 0) {
    tertial__sb_clear(&text);
    return tertial__nomem("people text");
  }
  size_t before = tertial_round_person_count(round);
  rc = tertial_round_people_parse(round, actor, text.data, r->t->source);
  tertial__sb_clear(&text);
  if (rc == TERTIAL_ERR_PARSE) {
    /* the round's message names the file and line already */
    tertial_import *imp = r->imp;
    if (tertial__grow((void **)&imp->errors, &imp->cap_errors, 1, sizeof *imp->errors) < 0 ||
        !(imp->errors[0] = tertial__strdup(tertial_error_last())))
      return TERTIAL_ERR_NOMEM;
    imp->nerrors = 1;
    return 0;
  }
  if (rc < 0)
    return rc;
  r->imp->sum.people_added = tertial_round_person_count(round) - before;
  r->imp->sum.applied = 1;
  return 0;
}

/* ---- the public functions ---- */

static int import_table(tertial_import **out, tertial_model *model, tertial__table *t, tertial_import_kind kind,
                        const tertial_import_options *opts)
{
  tertial_import_options o = TERTIAL_IMPORT_OPTIONS_INIT;
  if (opts)
    o = *opts;
  tertial_import *imp = tertial__calloc(1, sizeof *imp);
  if (!imp) {
    tertial__table_free(t);
    return TERTIAL_ERR_NOMEM;
  }
  imp->sum.kind = kind;
  imp->encoding = t->encoding;
  run r = {.imp = imp, .t = t, .model = model, .kind = kind, .dry = o.dry_run != 0};
  int rc = 0, measure = tertial_model_current_budget(model);
  if (kind == TERTIAL_IMPORT_BUDGET) {
    tertial_budget_version v;
    if (o.budget_measure >= 0)
      measure = o.budget_measure;
    if (tertial_budget_version_of(&v, model, measure) < 0)
      rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "%s: measure %d is no budget version of the model", t->source,
                          measure);
    else if (v.revised_by >= 0)
      rc = tertial__error(TERTIAL_ERR_STATE, "%s: budget version \"%s\" has been revised by \"%s\"; import into the "
                          "revision", t->source, v.name,
                          tertial_ledger_measure_name(tertial_model_ledger(model), v.revised_by));
  }
  if (rc == 0) {
    trim_cells(t);
    rc = find_columns(&r);
  }
  if (rc == 0 && !imp->nerrors) {
    switch (kind) {
    case TERTIAL_IMPORT_ORGANISATION: rc = import_org(&r); break;
    case TERTIAL_IMPORT_ACCOUNTS: rc = import_accounts(&r); break;
    case TERTIAL_IMPORT_BUDGET:
    case TERTIAL_IMPORT_OUTCOME:
      r.measure = kind == TERTIAL_IMPORT_BUDGET ? measure : TERTIAL_MEASURE_OUTCOME;
      rc = import_amounts(&r);
      break;
    case TERTIAL_IMPORT_PEOPLE: rc = import_people(&r, o.actor); break;
    case TERTIAL_IMPORT_INDICATORS: rc = import_indicators(&r); break;
    }
  }
  tertial__table_free(t);
  if (rc == 0 && imp->nerrors) {
    size_t total = imp->nerrors + imp->more;
    if (imp->more && add_file_error(imp, "... and %zu more errors", imp->more) < 0)
      rc = TERTIAL_ERR_NOMEM;
    else
      rc = total > 1 ? tertial__error(TERTIAL_ERR_PARSE, "%s (and %zu more error%s; nothing was imported)",
                                    imp->errors[0], total - 1, total > 2 ? "s" : "")
                   : tertial__error(TERTIAL_ERR_PARSE, "%s (nothing was imported)", imp->errors[0]);
  }
  if (rc < 0 && rc != TERTIAL_ERR_PARSE) {
    /* not about the file's content: no result to list */
    tertial_import_free(imp);
    return rc;
  }
  *out = imp;
  return rc;
}

/* A file that cannot be read as a table (a quote not closed, a broken zip or XML): the result
 * holds that one error, as the errors of a table's content are held. */
static int unreadable(tertial_import **out, tertial_import_kind kind, int rc)
{
  if (rc != TERTIAL_ERR_PARSE)
    return rc;
  tertial_import *imp = tertial__calloc(1, sizeof *imp);
  char *msg = imp ? tertial__strdup(tertial_error_last()) : NULL;
  if (!imp || !msg || tertial__grow((void **)&imp->errors, &imp->cap_errors, 1, sizeof *imp->errors) < 0) {
    free(msg);
    tertial_import_free(imp);
    return TERTIAL_ERR_NOMEM;
  }
  imp->sum.kind = kind;
  imp->errors[0] = msg;
  imp->nerrors = 1;
  *out = imp;
  return tertial__error(TERTIAL_ERR_PARSE, "%s (nothing was imported)", msg);
}

static int check_args(tertial_import **out, tertial_model *model, tertial_import_kind kind,
                      const tertial_import_options *opts, const char *what)
{
  if (out)
    *out = NULL;
  if (!out || !model || (unsigned)kind > TERTIAL_IMPORT_INDICATORS ||
      (opts && opts->version != TERTIAL_IMPORT_OPTIONS_VERSION))
    return tertial__error(TERTIAL_ERR_INVALID, "%s: %s", what,
                          !out || !model ? "NULL argument" : opts && opts->version != TERTIAL_IMPORT_OPTIONS_VERSION
                                                                 ? "unknown options version" : "unknown kind");
  return 0;
}

int tertial_import_file(tertial_import **out, tertial_model *model, const char *path, tertial_import_kind kind,
                        const tertial_import_options *opts)
{
  int rc = check_args(out, model, kind, opts, "tertial_import_file");
  if (rc == 0 && !path)
    rc = tertial__error(TERTIAL_ERR_INVALID, "tertial_import_file: path is NULL");
  tertial__table *t = NULL;
  if (rc == 0 && (rc = tertial__table_read_file(&t, path, opts ? opts->sheet : NULL)) < 0)
    return unreadable(out, kind, rc);
  if (rc < 0)
    return rc;
  return import_table(out, model, t, kind, opts);
}

int tertial_import_csv(tertial_import **out, tertial_model *model, const char *data, size_t len, const char *source,
                       tertial_import_kind kind, const tertial_import_options *opts)
{
  int rc = check_args(out, model, kind, opts, "tertial_import_csv");
  if (rc == 0 && !data)
    rc = tertial__error(TERTIAL_ERR_INVALID, "tertial_import_csv: data is NULL");
  tertial__table *t = NULL;
  if (rc == 0 && (rc = tertial__table_read_csv(&t, data, len, source ? source : "table")) < 0)
    return unreadable(out, kind, rc);
  if (rc < 0)
    return rc;
  return import_table(out, model, t, kind, opts);
}

const tertial_import_summary *tertial_import_summary_of(const tertial_import *imp)
{
  return imp ? &imp->sum : NULL;
}

size_t tertial_import_error_count(const tertial_import *imp)
{
  return imp ? imp->nerrors : 0;
}

const char *tertial_import_error(const tertial_import *imp, size_t index)
{
  return imp && index < imp->nerrors ? imp->errors[index] : NULL;
}

const char *tertial_import_encoding(const tertial_import *imp)
{
  return imp && imp->encoding ? imp->encoding : "";
}

void tertial_import_free(tertial_import *imp)
{
  if (!imp)
    return;
  for (size_t i = 0; i < imp->nerrors; i++)
    free(imp->errors[i]);
  free(imp->errors);
  free(imp);
}

static const char *const kind_names[] = {"organisation", "accounts", "budget", "outcome", "people", "indicators"};

int tertial_import_kind_parse(tertial_import_kind *out, const char *name)
{
  if (!out || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_import_kind_parse: NULL argument");
  for (int k = 0; k < (int)(sizeof kind_names / sizeof *kind_names); k++)
    if (strcmp(name, kind_names[k]) == 0) {
      *out = (tertial_import_kind)k;
      return 0;
    }
  if (strcmp(name, "organization") == 0 || strcmp(name, "org") == 0) {
    *out = TERTIAL_IMPORT_ORGANISATION;
    return 0;
  }
  return tertial__error(TERTIAL_ERR_NOT_FOUND, "no kind of table \"%s\": expected organisation, accounts, budget, "
                        "outcome, people or indicators", name);
}

const char *tertial_import_kind_name(tertial_import_kind kind)
{
  return (unsigned)kind < sizeof kind_names / sizeof *kind_names ? kind_names[kind] : "?";
}
