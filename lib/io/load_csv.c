/* A CSV file of facts straight into a ledger (tertial_ledger_load_csv(), import.h): read in pieces,
 * each row added as it is read, the rows added taken out again at the first bad one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ledger_internal.h"
#include "table_internal.h"

#define PIECE ((size_t)1 << 20)    /* bytes read at a time */
#define MAX_LINE ((size_t)1 << 20) /* the longest line */
#define MAX_FIELDS 16
#define CODE_CACHE 64              /* a unit code or account number remembered from the row before */

static const char *const column_names[TERTIAL__FACT_COUNT] = {"unit", "account", "month", "period", "measure",
                                                              "amount"};

/* The file, a piece at a time; lines are NUL-terminated in place. */
typedef struct reader {
  FILE *f;
  const char *path;
  char *buf;
  size_t cap, len, pos;
  int eof;
  unsigned long line; /* the line last returned, 1-based */
} reader;

/* A unit code or account number remembered from the row before, and what it was found as. */
typedef struct code_cache {
  char text[CODE_CACHE];
  size_t len; /* 0: none remembered */
  uint32_t id;
} code_cache;

typedef struct loader {
  tertial_ledger *ledger;
  const tertial_org *org;
  const tertial_chart *chart;
  const tertial_fiscal_year *fy;
  char delimiter;
  int measure;                 /* of rows without a measure column */
  int col[TERTIAL__FACT_COUNT]; /* each column's field, -1 absent */
  char *header[MAX_FIELDS];    /* the header's names, for messages (NULL: no header) */
  int nfields;
  int has_header;
  code_cache codes[2];          /* [TERTIAL__FACT_UNIT], [TERTIAL__FACT_ACCOUNT]: the row before's */
  int month_of_text[13];        /* the month index of the text "1" to "12" (-2: not looked up yet) */
} loader;

/* One parsed row. */
typedef struct fact {
  tertial_unit_id unit;
  tertial_account_id account;
  int month, measure;
  int64_t amount;
} fact;

static int reader_open(reader *rd, const char *path)
{
  memset(rd, 0, sizeof *rd);
  rd->path = path;
  if (!(rd->f = fopen(path, "rb")))
    return tertial__error(TERTIAL_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
  rd->cap = PIECE;
  if (!(rd->buf = malloc(rd->cap + 1))) {
    fclose(rd->f);
    rd->f = NULL;
    return tertial__error(TERTIAL_ERR_NOMEM, "%s: out of memory", path);
  }
  return 0;
}

static void reader_close(reader *rd)
{
  if (rd->f)
    fclose(rd->f);
  free(rd->buf);
  rd->f = NULL;
  rd->buf = NULL;
}

/* The next line (without its line end), NUL-terminated in the buffer: 1, 0 at the end of the
 * file, or an error. */
static int next_line(reader *rd, char **out, size_t *out_len)
{
  for (;;) {
    char *start = rd->buf + rd->pos;
    char *nl = memchr(start, '\n', rd->len - rd->pos);
    if (nl || (rd->eof && rd->pos < rd->len)) {
      size_t n = nl ? (size_t)(nl - start) : rd->len - rd->pos;
      rd->pos += n + (nl ? 1 : 0);
      if (n > 0 && start[n - 1] == '\r')
        n--;
      start[n] = '\0';
      rd->line++;
      if (rd->line == 1 && n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) { /* a byte-order mark */
        start += 3;
        n -= 3;
      }
      *out = start;
      *out_len = n;
      return 1;
    }
    if (rd->eof)
      return 0;
    /* keep the part line, read the next piece after it */
    memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
    rd->len -= rd->pos;
    rd->pos = 0;
    if (rd->len == rd->cap) {
      if (rd->cap >= MAX_LINE)
        return tertial__error(TERTIAL_ERR_RANGE, "%s:%lu: a line longer than %zu bytes: expected rows of facts",
                              rd->path, rd->line + 1, MAX_LINE);
      char *grown = realloc(rd->buf, 2 * rd->cap + 1);
      if (!grown)
        return tertial__error(TERTIAL_ERR_NOMEM, "%s: out of memory", rd->path);
      rd->buf = grown;
      rd->cap *= 2;
    }
    size_t got = fread(rd->buf + rd->len, 1, rd->cap - rd->len, rd->f);
    if (got == 0 && ferror(rd->f))
      return tertial__error(TERTIAL_ERR_IO, "%s: cannot read: %s", rd->path, strerror(errno));
    rd->len += got;
    rd->eof = got == 0;
  }
}

static int blank(const char *s)
{
  for (; *s; s++)
    if (*s != ' ' && *s != '\t')
      return 0;
  return 1;
}

static char find_delimiter(const char *line)
{
  size_t counts[3] = {0};
  const char d[3] = {';', ',', '\t'};
  int quoted = 0;
  for (const char *p = line; *p; p++) {
    if (*p == '"')
      quoted = !quoted;
    for (int k = 0; k < 3 && !quoted; k++)
      counts[k] += *p == d[k];
  }
  int best = 0;
  for (int k = 1; k < 3; k++)
    if (counts[k] > counts[best])
      best = k;
  return counts[best] ? d[best] : ';';
}

/* The header's columns when the first line names them (1), the fixed order when it names none
 * or one (0), or an error when it names some columns and not others. */
static int columns(loader *ld, const reader *rd, char **fields, int n)
{
  int kind[MAX_FIELDS], named = 0;
  for (int c = 0; c < TERTIAL__FACT_COUNT; c++)
    ld->col[c] = -1;
  for (int i = 0; i < n; i++)
    named += (kind[i] = tertial__import_fact_column(fields[i])) >= 0;
  if (named < 2)
    return 0;
  for (int i = 0; i < n; i++) {
    if (kind[i] < 0)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:1:%d: column \"%s\": expected a column of facts (enhet/unit, "
                            "konto/account, månad/month or period, belopp/amount, measure/version)", rd->path, i + 1,
                            fields[i]);
    if (ld->col[kind[i]] >= 0)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:1:%d: column \"%s\": a second column for the %s (the first is "
                            "\"%s\")", rd->path, i + 1, fields[i], column_names[kind[i]], fields[ld->col[kind[i]]]);
    ld->col[kind[i]] = i;
  }
  return 1;
}

static int missing(const reader *rd, const char *what)
{
  return tertial__error(TERTIAL_ERR_PARSE, "%s:1: the header names no column for the %s: expected the columns "
                        "unit, account, month (or period), amount and optionally measure", rd->path, what);
}

/* The first non-blank line: the delimiter, a header or the fixed order of the fields. */
static int start(loader *ld, reader *rd, char **first, size_t *lens, int *nfirst)
{
  char *line;
  size_t len;
  int rc;
  while ((rc = next_line(rd, &line, &len)) == 1 && blank(line))
    ;
  if (rc <= 0)
    return rc;
  if (!ld->delimiter)
    ld->delimiter = find_delimiter(line);
  int bad = 0, n = tertial__csv_split(line, ld->delimiter, first, lens, MAX_FIELDS, &bad);
  if (n < 0)
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%lu:%d: expected a field that ends its quote on its line, and at "
                          "most %d fields", rd->path, rd->line, bad, MAX_FIELDS);
  ld->nfields = n;
  *nfirst = n;
  if ((rc = columns(ld, rd, first, n)) < 0)
    return rc;
  if ((ld->has_header = rc)) {
    for (int i = 0; i < n; i++)
      if (!(ld->header[i] = tertial__strdup(first[i])))
        return tertial__error(TERTIAL_ERR_NOMEM, "%s: out of memory", rd->path);
    if (ld->col[TERTIAL__FACT_UNIT] < 0)
      return missing(rd, "unit");
    if (ld->col[TERTIAL__FACT_ACCOUNT] < 0)
      return missing(rd, "account");
    if (ld->col[TERTIAL__FACT_AMOUNT] < 0)
      return missing(rd, "amount");
    if ((ld->col[TERTIAL__FACT_MONTH] < 0) == (ld->col[TERTIAL__FACT_PERIOD] < 0))
      return tertial__error(TERTIAL_ERR_PARSE, "%s:1: the header names %s: expected one column for the month or "
                            "the period", rd->path, ld->col[TERTIAL__FACT_MONTH] < 0 ? "neither a month nor a "
                            "period" : "both a month and a period");
    return 2; /* the first line is read */
  }
  if (n != 4 && n != 5)
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%lu: %d fields and no header: expected a header naming the columns, "
                          "or the fields unit, account, month, [measure,] amount", rd->path, rd->line, n);
  ld->col[TERTIAL__FACT_UNIT] = 0;
  ld->col[TERTIAL__FACT_ACCOUNT] = 1;
  ld->col[TERTIAL__FACT_MONTH] = 2;
  if (n == 5)
    ld->col[TERTIAL__FACT_MEASURE] = 3;
  ld->col[TERTIAL__FACT_AMOUNT] = n - 1;
  return 1; /* the first line is a row */
}

/* An error at a field of the current row. */
static int field_error(const loader *ld, const reader *rd, int c, const char *expected, const char *found)
{
  int i = ld->col[c];
  return tertial__error(TERTIAL_ERR_PARSE, "%s:%lu:%d: column \"%s\": expected %s, found \"%s\"", rd->path, rd->line,
                        i + 1, ld->has_header ? ld->header[i] : column_names[c], expected, found);
}

/* A field of one to three digits ("7", "12"), read by hand: its value, or -1 for anything else. */
static int small_number(const char *s)
{
  int v = 0, i = 0;
  for (; i < 3 && s[i] >= '0' && s[i] <= '9'; i++)
    v = v * 10 + (s[i] - '0');
  return i > 0 && s[i] == '\0' ? v : -1;
}

static int month_of(loader *ld, const char *text, int period_only)
{
  int m = period_only || text[0] == '0' ? -1 : small_number(text);
  if (m >= 1 && m <= 12) { /* "1" to "12", the other common case: looked up once per loader */
    if (ld->month_of_text[m] == -2)
      ld->month_of_text[m] = tertial__import_month_index(ld->fy, text, 0);
    return ld->month_of_text[m];
  }
  size_t n = strlen(text);
  if (n == 6 && text[0] >= '1' && text[0] <= '9') { /* yyyymm, the common case, without a copy */
    int period = 0, idx;
    for (size_t i = 0; i < 6; i++) {
      if (text[i] < '0' || text[i] > '9')
        return tertial__import_month_index(ld->fy, text, period_only);
      period = period * 10 + (text[i] - '0');
    }
    return period % 100 >= 1 && period % 100 <= 12 && tertial_fiscal_year_index(&idx, ld->fy, period) == 0 ? idx : -1;
  }
  return tertial__import_month_index(ld->fy, text, period_only);
}

/* The common plain notation "-1243.50" (up to 15 digits, none or two decimals) read at once: 1;
 * 0 for anything else, which tertial_money_parse() reads. */
static int plain_amount(int64_t *out, const char *s, size_t n)
{
  int neg = n > 0 && s[0] == '-';
  size_t i = (size_t)neg, digits = 0;
  int64_t v = 0;
  for (; i < n && s[i] >= '0' && s[i] <= '9' && digits < 15; i++, digits++)
    v = v * 10 + (s[i] - '0');
  if (digits == 0)
    return 0;
  if (i == n)
    v *= 100;
  else if (i + 3 == n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' && s[i + 2] <= '9')
    v = v * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
  else
    return 0;
  *out = neg ? -v : v;
  return 1;
}

/* A row's fields into a fact. */
static int parse(loader *ld, const reader *rd, char **fields, const size_t *lens, int n, fact *out)
{
  if (n != ld->nfields)
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%lu: %d fields: expected %d, as the %s", rd->path, rd->line, n,
                          ld->nfields, ld->has_header ? "header" : "first row");
  for (int c = TERTIAL__FACT_UNIT; c <= TERTIAL__FACT_ACCOUNT; c++) {
    code_cache *k = &ld->codes[c];
    const char *text = fields[ld->col[c]];
    size_t len = lens[ld->col[c]];
    if (len > 0 && len == k->len && memcmp(text, k->text, len) == 0)
      continue; /* the row before's */
    int rc;
    if (c == TERTIAL__FACT_UNIT) {
      tertial_unit_id u = 0;
      rc = *text ? tertial_org_find(&u, ld->org, text) : TERTIAL_ERR_NOT_FOUND;
      k->id = u;
    } else {
      tertial_account_id a = 0;
      rc = *text ? tertial_chart_find(&a, ld->chart, text) : TERTIAL_ERR_NOT_FOUND;
      k->id = a;
    }
    k->len = 0;
    if (rc < 0)
      return field_error(ld, rd, c, c == TERTIAL__FACT_UNIT ? "a unit of the organisation" : "an account of the chart",
                         text);
    k->len = len < CODE_CACHE ? len : 0;
    memcpy(k->text, text, k->len);
  }
  out->unit = (tertial_unit_id)ld->codes[TERTIAL__FACT_UNIT].id;
  out->account = (tertial_account_id)ld->codes[TERTIAL__FACT_ACCOUNT].id;
  int period = ld->col[TERTIAL__FACT_PERIOD] >= 0, mc = period ? TERTIAL__FACT_PERIOD : TERTIAL__FACT_MONTH;
  const char *mtext = fields[ld->col[mc]];
  if ((out->month = month_of(ld, mtext, period)) < 0) {
    char label[16], expected[96];
    tertial_fiscal_year_label(label, sizeof label, ld->fy);
    snprintf(expected, sizeof expected, "a month of the fiscal year %s (%s)", label,
             period ? "a period yyyymm or yyyy-mm" : "1-12, yyyymm or yyyy-mm");
    return field_error(ld, rd, mc, expected, mtext);
  }
  out->measure = ld->measure;
  if (ld->col[TERTIAL__FACT_MEASURE] >= 0) {
    const char *mt = fields[ld->col[TERTIAL__FACT_MEASURE]];
    int v = small_number(mt), found;
    if (v >= 0) { /* a measure's number, the common case */
      found = (size_t)v < tertial_ledger_measure_count(ld->ledger) ? v : -1;
    } else {
      char *end;
      long lv = strtol(mt, &end, 10);
      found = *mt && *end == '\0' ? (lv >= 0 && (size_t)lv < tertial_ledger_measure_count(ld->ledger) ? (int)lv : -1)
                                   : tertial__ledger_lookup_measure(ld->ledger, mt);
    }
    if (found < 0)
      return field_error(ld, rd, TERTIAL__FACT_MEASURE, "a measure of the ledger (its name or number)", mt);
    out->measure = found;
  }
  const char *amount = fields[ld->col[TERTIAL__FACT_AMOUNT]];
  if ((!plain_amount(&out->amount, amount, lens[ld->col[TERTIAL__FACT_AMOUNT]]) &&
       tertial_money_parse(&out->amount, amount, TERTIAL_MONEY_ANY) < 0) ||
      out->amount > TERTIAL_MONEY_MAX_AMOUNT || out->amount < -TERTIAL_MONEY_MAX_AMOUNT)
    return field_error(ld, rd, TERTIAL__FACT_AMOUNT, "an amount in kronor such as 1 234,50, -1234 or 1234.50", amount);
  return 0;
}

/* Read the file and add its rows (sign 1) or take out its rows up to line `until` (sign -1).
 * Returns 0 or the first error; *rows counts the rows added, *failed_line the line of an error. */
static int pass(loader *ld, const char *path, int sign, unsigned long until, size_t *rows, unsigned long *failed_line)
{
  reader rd;
  int rc = reader_open(&rd, path);
  if (rc < 0)
    return rc;
  char *fields[MAX_FIELDS], *line;
  size_t lens[MAX_FIELDS];
  int n = 0;
  size_t len;
  ld->codes[0].len = ld->codes[1].len = 0;
  rc = start(ld, &rd, fields, lens, &n);
  int have = rc == 1; /* the first line is a row */
  if (rc > 0)
    rc = 0;
  for (;;) {
    int got = 1;
    if (rc < 0 || (!have && (got = next_line(&rd, &line, &len)) <= 0)) {
      rc = rc < 0 ? rc : got;
      break;
    }
    if (sign < 0 && rd.line >= until)
      break;
    if (!have) {
      if (blank(line))
        continue;
      int bad = 0;
      if ((n = tertial__csv_split(line, ld->delimiter, fields, lens, MAX_FIELDS, &bad)) < 0) {
        rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%lu:%d: expected a field that ends its quote on its line, and "
                            "at most %d fields", path, rd.line, bad, MAX_FIELDS);
        break;
      }
    }
    have = 0;
    fact f;
    if ((rc = parse(ld, &rd, fields, lens, n, &f)) == 0 &&
        (rc = tertial_ledger_add(ld->ledger, f.unit, f.account, f.month, f.measure, sign < 0 ? -f.amount : f.amount)) < 0) {
      char why[256]; /* the ledger's message, copied: the error's buffer is written again */
      snprintf(why, sizeof why, "%s", tertial_error_last());
      rc = tertial__error(rc, "%s:%lu: %s", path, rd.line, why);
    }
    if (rc == 0)
      (*rows)++;
  }
  if (rc < 0)
    *failed_line = rd.line;
  reader_close(&rd);
  return rc;
}

int tertial_ledger_load_csv(size_t *out_rows, tertial_ledger *ledger, const char *path,
                            const tertial_load_csv_options *opts)
{
  tertial_load_csv_options o = TERTIAL_LOAD_CSV_OPTIONS_INIT;
  if (out_rows)
    *out_rows = 0;
  if (!ledger || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_load_csv: NULL argument");
  if (opts) {
    if (opts->version < 1)
      return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_load_csv: options version %u", opts->version);
    o.delimiter = opts->delimiter;
    o.measure = opts->measure;
  }
  if (o.delimiter && o.delimiter != ',' && o.delimiter != ';' && o.delimiter != '\t')
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_load_csv: delimiter '%c': expected ',', ';' or a tab",
                          o.delimiter);
  if (o.measure < 0 || (size_t)o.measure >= tertial_ledger_measure_count(ledger))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_ledger_load_csv: no measure %d", o.measure);
  loader ld = {0};
  for (int m = 0; m <= 12; m++)
    ld.month_of_text[m] = -2;
  ld.ledger = ledger;
  ld.org = tertial__ledger_org(ledger);
  ld.chart = tertial__ledger_chart(ledger);
  ld.fy = tertial_ledger_fiscal_year(ledger);
  ld.delimiter = o.delimiter;
  ld.measure = o.measure;
  size_t rows = 0, undone = 0;
  unsigned long failed = 0, ignored = 0;
  int rc = pass(&ld, path, 1, 0, &rows, &failed);
  if (rc < 0 && rows > 0) {
    /* take the rows added out again, keeping the first error's message */
    char *msg = tertial__strdup(tertial_error_last());
    for (int i = 0; i < MAX_FIELDS; i++) {
      free(ld.header[i]);
      ld.header[i] = NULL;
    }
    int undo = pass(&ld, path, -1, failed, &undone, &ignored);
    if (undo < 0 || undone != rows)
      rc = tertial__error(TERTIAL_ERR_IO, "%s: the file changed while it was read: the %zu rows added could not be "
                          "taken out again (%zu were); the ledger is not as it was", path, rows, undone);
    else if (msg)
      tertial__error(rc, "%s", msg);
    free(msg);
  }
  for (int i = 0; i < MAX_FIELDS; i++)
    free(ld.header[i]);
  if (rc == 0 && out_rows)
    *out_rows = rows;
  return rc;
}
