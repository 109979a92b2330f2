/* Writing a model as an SIE type 3 or type 4 file (sie_write.h).
 *
 * The file is built in memory, record by record: each record's label and fields are encoded
 * to PC8 (CP437) once, appended to the buffer and fed to the CRC-32 of #KSUMMA the way the
 * reader computes it (label and field bytes without separators, quotes and braces; an escaped
 * quote counts as the quote). The buffer is then written through a temporary file and renamed
 * over the target (fileio.h), so a failed write leaves no partial file. */
#define _POSIX_C_SOURCE 200809L /* localtime_r */

#include "accounts_internal.h"
#include "internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fileio.h"
#include "ledger_internal.h"
#include "sie_internal.h"

enum { MONTHS = 12 };

typedef struct writer {
  tertial_strbuf sb;
  tertial_strbuf raw;       /* one field's PC8 bytes before quoting */
  uint32_t crc;
  int crc_on;
  int rc;                   /* the first error; later calls do nothing */
  uint64_t replaced;
  unsigned char cp437[128][4]; /* UTF-8 of bytes 0x80..0xFF; [3] = length */
} writer;

/* ---------------------------------------------------------------------------------- */
/* Records and fields                                                                  */
/* ---------------------------------------------------------------------------------- */

static void put(writer *w, const char *s, size_t n)
{
  if (w->rc == 0)
    w->rc = tertial__sb_append_len(&w->sb, s, n);
}

static void sum(writer *w, const char *s, size_t n)
{
  if (w->crc_on)
    w->crc = tertial__sie_crc32(w->crc, (const unsigned char *)s, n);
}

static void begin(writer *w, const char *label)
{
  put(w, label, strlen(label));
  sum(w, label, strlen(label));
}

static void end(writer *w)
{
  put(w, "\n", 1);
}

/* An unquoted field: numbers, dates, account numbers (ASCII). */
static void field_raw(writer *w, const char *s)
{
  put(w, " ", 1);
  put(w, s, strlen(s));
  sum(w, s, strlen(s));
}

static void field_int(writer *w, long long v)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", v);
  field_raw(w, buf);
}

static void field_amount(writer *w, int64_t ore)
{
  uint64_t a = ore < 0 ? 0 - (uint64_t)ore : (uint64_t)ore;
  char buf[40];
  snprintf(buf, sizeof buf, "%s%llu.%02llu", ore < 0 ? "-" : "", (unsigned long long)(a / 100),
           (unsigned long long)(a % 100));
  field_raw(w, buf);
}

static void field_date(writer *w, int year, int month, int day)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  field_raw(w, buf);
}

/* The PC8 byte of one UTF-8 character at s (n bytes left); *len receives its length.
 * Returns 0 when PC8 has no such character. */
static unsigned char pc8_of(const writer *w, const unsigned char *s, size_t n, size_t *len)
{
  size_t l = tertial__sie_utf8_len(s, n);
  *len = l ? l : 1;
  if (!l)
    return 0;
  for (unsigned i = 0; i < 128; i++)
    if ((w->cp437[i][3] & 0x7F) == l && memcmp(w->cp437[i], s, l) == 0)
      return (unsigned char)(0x80 + i);
  return 0;
}

/* UTF-8 text to PC8 bytes in w->raw, with the replacements of sie_write.h. */
static void encode(writer *w, const char *text)
{
  const unsigned char *s = (const unsigned char *)text;
  size_t n = strlen(text);
  w->raw.len = 0;
  if (w->raw.data)
    w->raw.data[0] = '\0';
  for (size_t i = 0; i < n && w->rc == 0;) {
    unsigned char c = s[i], out = c;
    size_t len = 1;
    if (c >= 0x80) {
      out = pc8_of(w, s + i, n - i, &len);
      if (!out) {
        out = '?';
        w->replaced++;
      }
    } else if (c < 0x20 || c == 0x7F) {
      out = ' ';
      w->replaced++;
    } else if (c == '\\' && (i + 1 == n || s[i + 1] == '"')) {
      out = '/'; /* "\"" would read as an escaped quote: SIE cannot write this backslash */
      w->replaced++;
    }
    w->rc = tertial__sb_append_len(&w->raw, (const char *)&out, 1);
    i += len;
  }
}

/* A quoted text field. */
static void field_text(writer *w, const char *text)
{
  encode(w, text);
  if (w->rc)
    return;
  const char *r = w->raw.data ? w->raw.data : "";
  sum(w, r, w->raw.len); /* the CRC counts an escaped quote as the quote */
  put(w, " \"", 2);
  for (size_t i = 0, from = 0; i <= w->raw.len; i++) {
    if (i < w->raw.len && r[i] != '"')
      continue;
    put(w, r + from, i - from);
    if (i < w->raw.len)
      put(w, "\\\"", 2);
    from = i + 1;
  }
  put(w, "\"", 1);
}

static void field_objects(writer *w, int dimension, const char *code)
{
  put(w, " {", 2);
  if (code) {
    char dim[16];
    snprintf(dim, sizeof dim, "%d", dimension);
    put(w, dim, strlen(dim));
    sum(w, dim, strlen(dim));
    field_text(w, code);
  }
  put(w, "}", 1);
}

/* ---------------------------------------------------------------------------------- */
/* The file                                                                            */
/* ---------------------------------------------------------------------------------- */

static int check_options(tertial_sie_write_options *dst, const tertial_sie_write_options *src, tertial_model *model)
{
  tertial_sie_write_options def = TERTIAL_SIE_WRITE_OPTIONS_INIT;
  if (src && (src->version < 1 || src->version > TERTIAL_SIE_WRITE_OPTIONS_VERSION))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_write_options: version %u, expected 1 to %d", src->version,
                          TERTIAL_SIE_WRITE_OPTIONS_VERSION);
  *dst = def;
  if (src) /* a version-1 caller's struct ends before sie_type */
    memcpy(dst, src, src->version >= 2 ? sizeof *dst : offsetof(tertial_sie_write_options, sie_type));
  if (dst->sie_type == 0)
    dst->sie_type = 3;
  if (dst->sie_type != 3 && dst->sie_type != 4)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_write_options: sie_type %d, expected 3 or 4", dst->sie_type);
  if (!dst->balance_account)
    dst->balance_account = "1930";
  size_t nb = strlen(dst->balance_account);
  if (nb < 1 || nb > 10 || strspn(dst->balance_account, "0123456789") != nb)
    return tertial__error(TERTIAL_ERR_INVALID,
                          "tertial_sie_write_options: balance_account \"%s\", expected an account number of 1 to 10 "
                          "digits", dst->balance_account);
  if (dst->dimension == 0)
    dst->dimension = 1;
  if (dst->dimension < 1 || dst->dimension > 999999)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_write_options: dimension %d, expected 1 to 999999",
                          dst->dimension);
  if (dst->budget_measure == TERTIAL_SIE_CURRENT_BUDGET)
    dst->budget_measure = tertial_model_current_budget(model);
  size_t measures = tertial_ledger_measure_count(tertial_model_ledger(model));
  if (dst->budget_measure != TERTIAL_SIE_NO_BUDGET &&
      (dst->budget_measure < 2 || (size_t)dst->budget_measure >= measures))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "writing SIE: measure %d is no budget measure",
                          dst->budget_measure);
  return 0;
}

static void header(writer *w, const tertial_sie_write_options *o, const tertial_fiscal_year *fy)
{
  begin(w, "#FLAGGA");
  field_raw(w, "0");
  end(w);
  put(w, "#KSUMMA\n", 8);
  w->crc_on = 1;
  w->crc = 0;
  begin(w, "#PROGRAM");
  field_text(w, o->program ? o->program : "Tertial");
  field_text(w, tertial_version());
  end(w);
  begin(w, "#FORMAT");
  field_raw(w, "PC8");
  end(w);
  tertial_date gen = o->generated;
  if (!gen.year) {
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm))
      gen = (tertial_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
  }
  begin(w, "#GEN");
  field_date(w, gen.year, gen.month, gen.day);
  end(w);
  begin(w, "#SIETYP");
  field_int(w, o->sie_type);
  end(w);
  begin(w, "#FNAMN");
  field_text(w, o->company ? o->company : "");
  end(w);
  if (o->orgnr) {
    begin(w, "#ORGNR");
    field_text(w, o->orgnr);
    end(w);
  }
  for (int year = 0; year >= (o->prior ? -1 : 0); year--) {
    int first = (fy->first_year + year) * 12 + fy->start_month - 1, last = first + 11, days = 31;
    tertial_days_in_month(&days, last / 12, last % 12 + 1);
    begin(w, "#RAR");
    field_int(w, year);
    field_date(w, first / 12, first % 12 + 1, 1);
    field_date(w, last / 12, last % 12 + 1, days);
    end(w);
  }
}

static void objects(writer *w, const tertial_sie_write_options *o, const tertial_org *org, size_t *count)
{
  begin(w, "#DIM");
  field_int(w, o->dimension);
  field_text(w, o->dimension_name ? o->dimension_name : "Ansvar");
  end(w);
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(org); u++) {
    const tertial_unit *unit = tertial_org_unit(org, u);
    begin(w, "#OBJEKT");
    field_int(w, o->dimension);
    field_text(w, unit->code);
    field_text(w, unit->name);
    end(w);
    (*count)++;
  }
}

static int compare_numbers(const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b);
  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp(a, b);
}

/* Accounts sorted by number, for #KONTO and the amounts. */
typedef struct account_ref {
  const char *number;
  tertial_account_id id;
} account_ref;

static int compare_account_refs(const void *a, const void *b)
{
  const account_ref *x = a, *y = b;
  return compare_numbers(x->number, y->number);
}

static void account(writer *w, const char *number, const char *name, tertial_account_type t)
{
  static const char types[] = {'T', 'S', 'I', 'K'}; /* by tertial_account_type */
  begin(w, "#KONTO");
  field_raw(w, number);
  field_text(w, name);
  end(w);
  char type[2] = {types[t & 3], '\0'};
  begin(w, "#KTYP");
  field_raw(w, number);
  field_raw(w, type);
  end(w);
}

/* The chart in number order; `extra` (the balancing account the chart lacks, or NULL) in its
 * place as an asset. */
static void accounts(writer *w, const tertial_chart *chart, const account_ref *order, size_t n, const char *extra)
{
  for (size_t i = 0; i <= n; i++) {
    if (extra && (i == n || compare_numbers(extra, order[i].number) < 0)) {
      account(w, extra, strcmp(extra, "1930") == 0 ? "Bank" : "Motkonto", TERTIAL_ACCOUNT_ASSET);
      extra = NULL;
    }
    if (i < n) {
      const tertial_account *a = tertial_chart_account(chart, order[i].id);
      account(w, a->number, a->name, a->type);
    }
  }
}

/* A line of the ledger: its account's rank in number order and its unit. */
typedef struct line_ref {
  uint32_t rank;
  tertial_unit_id unit;
  size_t line;
} line_ref;

static int compare_lines(const void *a, const void *b)
{
  const line_ref *x = a, *y = b;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* One block of #PSALDO or #PBUDGET records: per account and month, the total and the units. */
static void amounts(writer *w, const char *label, int year, int measure, const tertial_sie_write_options *o,
                    tertial_model *model, const line_ref *lines, size_t n, uint64_t *records, int64_t *written)
{
  const tertial_ledger *ledger = tertial_model_ledger(model);
  const tertial_org *org = tertial_model_org(model);
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(model);
  for (size_t i = 0; i < n && w->rc == 0;) {
    size_t j = i;
    while (j < n && lines[j].rank == lines[i].rank)
      j++;
    tertial_unit_id unit;
    tertial_account_id account;
    tertial__ledger_own_key(ledger, lines[i].line, &unit, &account);
    const char *number = tertial_chart_account(tertial_model_chart(model), account)->number;
    for (int m = 0; m < MONTHS && w->rc == 0; m++) {
      int64_t total = 0;
      int any = 0;
      for (size_t k = i; k < j; k++) {
        int64_t v = tertial__ledger_own_value(ledger, lines[k].line, measure, m);
        any |= v != 0;
        if (tertial__add_ovf(total, v, &total) || tertial__add_ovf(*written, v, written))
          w->rc = tertial__error(TERTIAL_ERR_OVERFLOW, "writing SIE: the %s of account %s in month %d does "
                                                       "not fit in int64 öre", label, number, m + 1);
      }
      if (!any || w->rc)
        continue;
      int p = (fy->first_year + year) * 12 + fy->start_month - 1 + m;
      char period[16];
      snprintf(period, sizeof period, "%04d%02d", p / 12, p % 12 + 1);
      begin(w, label);
      field_int(w, year);
      field_raw(w, period);
      field_raw(w, number);
      field_objects(w, o->dimension, NULL);
      field_amount(w, total);
      end(w);
      (*records)++;
      for (size_t k = i; k < j; k++) {
        int64_t v = tertial__ledger_own_value(ledger, lines[k].line, measure, m);
        if (!v)
          continue;
        begin(w, label);
        field_int(w, year);
        field_raw(w, period);
        field_raw(w, number);
        field_objects(w, o->dimension, tertial_org_unit(org, lines[k].unit)->code);
        field_amount(w, v);
        end(w);
        (*records)++;
      }
    }
    i = j;
  }
}

static const char *const month_names[12] = {"januari", "februari", "mars",      "april",   "maj",      "juni",
                                             "juli",    "augusti",  "september", "oktober", "november", "december"};

/* Type 4: the outcome of year 0 as one voucher per month, balanced on `balance` of unit `root`. */
static void vouchers(writer *w, const tertial_sie_write_options *o, tertial_model *model, const line_ref *lines,
                     size_t n, const char *balance, tertial_unit_id root, tertial_sie_write_summary *s)
{
  const tertial_ledger *ledger = tertial_model_ledger(model);
  const tertial_org *org = tertial_model_org(model);
  const tertial_chart *chart = tertial_model_chart(model);
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(model);
  for (int m = 0; m < MONTHS && w->rc == 0; m++) {
    int64_t sum = 0;
    int any = 0;
    for (size_t k = 0; k < n && w->rc == 0; k++) {
      int64_t v = tertial__ledger_own_value(ledger, lines[k].line, TERTIAL_MEASURE_OUTCOME, m);
      any |= v != 0;
      if (tertial__add_ovf(sum, v, &sum) || tertial__add_ovf(s->outcome, v, &s->outcome))
        w->rc = tertial__error(TERTIAL_ERR_OVERFLOW, "writing SIE: the outcome of month %d does not fit in "
                                                     "int64 öre", m + 1);
    }
    if (!any || w->rc)
      continue;
    if (sum == INT64_MIN) {
      w->rc = tertial__error(TERTIAL_ERR_OVERFLOW, "writing SIE: the balancing amount of month %d does not "
                                                   "fit in int64 öre", m + 1);
      return;
    }
    int p = fy->first_year * 12 + fy->start_month - 1 + m, days = 31;
    tertial_days_in_month(&days, p / 12, p % 12 + 1);
    char text[64];
    snprintf(text, sizeof text, "Utfall %s %d", month_names[p % 12], p / 12);
    begin(w, "#VER");
    field_text(w, "A");
    field_int(w, m + 1);
    field_date(w, p / 12, p % 12 + 1, days);
    field_text(w, text);
    end(w);
    put(w, "{\n", 2); /* braces are no fields: not in the CRC */
    s->vouchers++;
    for (size_t k = 0; k < n; k++) {
      int64_t v = tertial__ledger_own_value(ledger, lines[k].line, TERTIAL_MEASURE_OUTCOME, m);
      if (!v)
        continue;
      tertial_unit_id unit;
      tertial_account_id acc;
      tertial__ledger_own_key(ledger, lines[k].line, &unit, &acc);
      begin(w, "#TRANS");
      field_raw(w, tertial_chart_account(chart, acc)->number);
      field_objects(w, o->dimension, tertial_org_unit(org, unit)->code);
      field_amount(w, v);
      end(w);
      s->trans++;
    }
    if (sum) {
      begin(w, "#TRANS");
      field_raw(w, balance);
      field_objects(w, o->dimension, root == TERTIAL_NO_UNIT ? NULL : tertial_org_unit(org, root)->code);
      field_amount(w, -sum);
      end(w);
      s->trans++;
      if (tertial__add_ovf(s->balance, -sum, &s->balance))
        w->rc = tertial__error(TERTIAL_ERR_OVERFLOW, "writing SIE: the balancing amounts do not fit in int64 "
                                                     "öre");
    }
    put(w, "}\n", 2);
  }
}

/* Type 4: whether the chart has the balancing account (then it must be an asset or liability
 * account without outcome of its own, or the loaded cells would mix), and the unit the
 * balancing lines go on: the first root of the organisation. */
static int balancing(int *out_in_chart, tertial_unit_id *out_root, tertial_model *model, const char *number,
                     const line_ref *lines, size_t n)
{
  const tertial_chart *chart = tertial_model_chart(model);
  const tertial_ledger *ledger = tertial_model_ledger(model);
  const tertial_org *org = tertial_model_org(model);
  tertial_account_id id;
  *out_in_chart = tertial__chart_lookup(&id, chart, number);
  if (*out_in_chart) {
    const tertial_account *a = tertial_chart_account(chart, id);
    if (a->type != TERTIAL_ACCOUNT_ASSET && a->type != TERTIAL_ACCOUNT_LIABILITY)
      return tertial__error(TERTIAL_ERR_INVALID, "writing SIE: the balancing account %s is a %s account of "
                                                 "the chart, expected an asset or liability account",
                            number, a->type == TERTIAL_ACCOUNT_REVENUE ? "revenue" : "cost");
    for (size_t k = 0; k < n; k++) {
      tertial_unit_id unit;
      tertial_account_id acc;
      tertial__ledger_own_key(ledger, lines[k].line, &unit, &acc);
      if (acc != id)
        continue;
      int64_t v[MONTHS];
      tertial__ledger_own_months(ledger, lines[k].line, TERTIAL_MEASURE_OUTCOME, v);
      for (int m = 0; m < MONTHS; m++)
        if (v[m])
          return tertial__error(TERTIAL_ERR_INVALID, "writing SIE: the balancing account %s has outcome of "
                                                     "its own (unit %s, month %d): choose another balance_account",
                                number, tertial_org_unit(org, unit)->code, m + 1);
    }
  }
  int period = 0;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), 11);
  *out_root = TERTIAL_NO_UNIT;
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(org); u++) {
    tertial_unit_id parent;
    if (tertial_org_parent(&parent, org, u, period) == 0 && parent == TERTIAL_NO_UNIT) {
      *out_root = u;
      break;
    }
  }
  return 0;
}

static int write_model(writer *w, tertial_sie_write_summary *s, tertial_model *model, const tertial_sie_write_options *o)
{
  const tertial_chart *chart = tertial_model_chart(model);
  const tertial_ledger *ledger = tertial_model_ledger(model);
  size_t naccounts = tertial_chart_count(chart), nlines = tertial__ledger_own_count(ledger);
  account_ref *order = tertial__calloc(naccounts ? naccounts : 1, sizeof *order);
  uint32_t *rank = tertial__calloc(naccounts ? naccounts : 1, sizeof *rank);
  line_ref *lines = tertial__calloc(nlines ? nlines : 1, sizeof *lines);
  if (!order || !rank || !lines) {
    free(order);
    free(rank);
    free(lines);
    return TERTIAL_ERR_NOMEM;
  }
  for (size_t i = 0; i < naccounts; i++) {
    order[i].id = (tertial_account_id)i;
    order[i].number = tertial_chart_account(chart, order[i].id)->number;
  }
  qsort(order, naccounts, sizeof *order, compare_account_refs);
  for (size_t i = 0; i < naccounts; i++)
    rank[order[i].id] = (uint32_t)i;
  for (size_t i = 0; i < nlines; i++) {
    tertial_account_id a;
    tertial__ledger_own_key(ledger, i, &lines[i].unit, &a);
    lines[i].rank = rank[a];
    lines[i].line = i;
  }
  qsort(lines, nlines, sizeof *lines, compare_lines);

  int type4 = o->sie_type == 4 && o->outcome, in_chart = 1;
  tertial_unit_id root = TERTIAL_NO_UNIT;
  if (type4)
    w->rc = balancing(&in_chart, &root, model, o->balance_account, lines, nlines);
  header(w, o, tertial_model_fiscal_year(model));
  objects(w, o, tertial_model_org(model), &s->units);
  accounts(w, chart, order, naccounts, in_chart ? NULL : o->balance_account);
  s->accounts = naccounts + !in_chart;
  if (type4)
    vouchers(w, o, model, lines, nlines, o->balance_account, root, s);
  else if (o->outcome)
    amounts(w, "#PSALDO", 0, TERTIAL_MEASURE_OUTCOME, o, model, lines, nlines, &s->psaldo, &s->outcome);
  if (o->prior)
    amounts(w, "#PSALDO", -1, TERTIAL_MEASURE_PRIOR, o, model, lines, nlines, &s->psaldo, &s->prior);
  if (o->budget_measure != TERTIAL_SIE_NO_BUDGET)
    amounts(w, "#PBUDGET", 0, o->budget_measure, o, model, lines, nlines, &s->pbudget, &s->budget);
  char crc[16];
  snprintf(crc, sizeof crc, "%lu", (unsigned long)w->crc);
  w->crc_on = 0;
  begin(w, "#KSUMMA");
  field_raw(w, crc);
  end(w);
  s->checksum = w->crc;
  s->replaced = w->replaced;
  s->bytes = w->sb.len;
  free(order);
  free(rank);
  free(lines);
  return w->rc;
}

static int build(char **out, size_t *out_len, tertial_sie_write_summary *out_summary, tertial_model *model,
                 const tertial_sie_write_options *options)
{
  tertial_sie_write_options o;
  int rc = check_options(&o, options, model);
  if (rc < 0)
    return rc;
  writer *w = tertial__calloc(1, sizeof *w);
  if (!w)
    return TERTIAL_ERR_NOMEM;
  tertial__sie_codec_table(w->cp437, TERTIAL_SIE_ENCODING_CP437);
  tertial_sie_write_summary s;
  memset(&s, 0, sizeof s);
  rc = write_model(w, &s, model, &o);
  size_t len = w->sb.len;
  char *data = rc == 0 ? tertial__sb_steal(&w->sb) : NULL;
  if (rc == 0 && !data)
    rc = TERTIAL_ERR_NOMEM;
  tertial__sb_clear(&w->sb);
  tertial__sb_clear(&w->raw);
  free(w);
  if (rc < 0)
    return rc;
  *out = data;
  *out_len = len;
  if (out_summary)
    *out_summary = s;
  return 0;
}

int tertial_sie_write_buffer(char **out, size_t *out_len, tertial_sie_write_summary *out_summary, tertial_model *model,
                             const tertial_sie_write_options *options)
{
  if (!out || !out_len || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_write_buffer: NULL argument");
  *out = NULL;
  *out_len = 0;
  return build(out, out_len, out_summary, model, options);
}

int tertial_sie_write_file(tertial_sie_write_summary *out_summary, tertial_model *model, const char *path,
                           const tertial_sie_write_options *options)
{
  if (!model || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_write_file: NULL argument");
  char *data;
  size_t len;
  tertial_sie_write_summary s;
  int rc = build(&data, &len, &s, model, options);
  if (rc < 0)
    return rc;
  rc = tertial__write_file_atomic(path, data, len);
  free(data);
  if (rc == 0 && out_summary)
    *out_summary = s;
  return rc;
}
