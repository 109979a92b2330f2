/* The printed-table model of the audit: values as printed, tables, columns, lines, the spec,
 * the results of a run and their text and JSON. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"
#include "fileio.h"

/* ---- printed values ---- */

/* The length of a blank at p (space, TAB, no-break, narrow no-break or thin space), or 0. */
static size_t blank_at(const char *p)
{
  if (*p == ' ' || *p == '\t')
    return 1;
  if (strncmp(p, "\xc2\xa0", 2) == 0)
    return 2;
  if (strncmp(p, "\xe2\x80\xaf", 3) == 0 || strncmp(p, "\xe2\x80\x89", 3) == 0)
    return 3;
  return 0;
}

/* The length of a minus at p ('-' or U+2212), or 0. */
static size_t minus_at(const char *p)
{
  if (*p == '-')
    return 1;
  return strncmp(p, "\xe2\x88\x92", 3) == 0 ? 3 : 0;
}

int tertial_audit_value_parse(tertial_audit_value *out, const char *text)
{
  if (!out || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_value_parse: NULL argument");
  *out = (tertial_audit_value){TERTIAL_AUDIT_TEXT, 0, 0, 0};
  const char *p = text, *end = text + strlen(text);
  size_t n;
  while ((n = blank_at(p)))
    p += n;
  while (end > p) { /* trailing blanks */
    if (end[-1] == ' ' || end[-1] == '\t')
      end--;
    else if (end - p >= 2 && strncmp(end - 2, "\xc2\xa0", 2) == 0)
      end -= 2;
    else if (end - p >= 3 && (strncmp(end - 3, "\xe2\x80\xaf", 3) == 0 || strncmp(end - 3, "\xe2\x80\x89", 3) == 0))
      end -= 3;
    else
      break;
  }
  if (p == end) {
    out->kind = TERTIAL_AUDIT_EMPTY;
    return 0;
  }
  int neg = 0, percent = 0;
  if ((n = minus_at(p))) {
    neg = 1;
    p += n;
  } else if (*p == '+') {
    p++;
  } else if (*p == '(' && end[-1] == ')') {
    neg = 1;
    p++;
    end--;
  }
  if (end > p && end[-1] == '%') {
    percent = 1;
    end--;
    while (end > p && end[-1] == ' ')
      end--;
    if (end - p >= 2 && strncmp(end - 2, "\xc2\xa0", 2) == 0)
      end -= 2;
  }
  /* the decimal sign: the last ',' or '.'; the other one (or repeated dots) groups thousands */
  const char *dec = NULL;
  int commas = 0, dots = 0;
  for (const char *q = p; q < end; q++) {
    if (*q == ',')
      commas++, dec = q;
    else if (*q == '.')
      dots++, dec = q;
  }
  if (dec && ((*dec == ',' && commas > 1) || (*dec == '.' && dots > 1)))
    dec = NULL; /* "1.234.567": only thousands */
  int64_t v = 0;
  int digits = 0, decimals = 0, after = 0;
  for (const char *q = p; q < end;) {
    if (*q >= '0' && *q <= '9') {
      if (++digits > 18)
        return 0;
      v = v * 10 + (*q - '0');
      decimals += after;
      q++;
    } else if (q == dec) {
      after = 1;
      q++;
    } else if ((*q == ',' || *q == '.') && !after) {
      q++;
    } else if ((n = blank_at(q)) && !after) {
      q += n;
    } else {
      return 0;
    }
  }
  if (!digits || decimals > 9 || (dec && dec + 1 == end))
    return 0;
  out->kind = TERTIAL_AUDIT_NUMBER;
  out->scaled = neg ? -v : v;
  out->decimals = decimals;
  out->percent = percent;
  return 0;
}

char *tertial__audit_format_value(int64_t scaled, int decimals)
{
  tertial_strbuf sb = {0};
  if (tertial__format_fixed(&sb, scaled, decimals, ',') < 0)
    return g_strdup("?");
  /* group the whole part's digits by three with spaces */
  GString *s = g_string_new(sb.data);
  tertial__sb_clear(&sb);
  const char *comma = strchr(s->str, ',');
  gssize whole_end = comma ? comma - s->str : (gssize)s->len, first = s->str[0] == '-';
  for (gssize i = whole_end - 3; i > first; i -= 3)
    g_string_insert_c(s, i, ' ');
  return g_string_free(s, FALSE);
}

/* ---- words ---- */

char *tertial__audit_norm(const char *s, int strip_units)
{
  char *low = g_utf8_strdown(s, -1);
  GString *o = g_string_new(NULL);
  const char *p = low;
  while (*p) {
    /* a word */
    while (*p && (blank_at(p) || *p == '(' || *p == ')' || *p == ',' || *p == ':' || *p == '"'))
      p += blank_at(p) ? blank_at(p) : 1;
    const char *w = p;
    while (*p && !blank_at(p) && *p != '(' && *p != ')' && *p != ',' && *p != '"')
      p++;
    if (p == w)
      continue;
    size_t len = (size_t)(p - w);
    if (strip_units) {
      int unitword = (len == 3 && strncmp(w, "tkr", 3) == 0) || (len == 4 && strncmp(w, "mnkr", 4) == 0) ||
                     (len == 2 && strncmp(w, "kr", 2) == 0) || (len == 3 && strncmp(w, "sek", 3) == 0) ||
                     (len == 4 && strncmp(w, "msek", 4) == 0) || (len == 4 && strncmp(w, "tsek", 4) == 0);
      int year = len == 4 && g_ascii_isdigit(w[0]) && g_ascii_isdigit(w[1]) && g_ascii_isdigit(w[2]) &&
                 g_ascii_isdigit(w[3]);
      if (unitword || year)
        continue;
    }
    if (o->len)
      g_string_append_c(o, ' ');
    g_string_append_len(o, w, (gssize)len);
  }
  g_free(low);
  return g_string_free(o, FALSE);
}

/* Whether word `w` occurs as a whole word in normalised text. */
static int has_word(const char *norm, const char *w)
{
  size_t n = strlen(w);
  for (const char *p = strstr(norm, w); p; p = strstr(p + 1, w))
    if ((p == norm || p[-1] == ' ') && (p[n] == 0 || p[n] == ' ' || p[n] == '.' || p[n] == ')'))
      return 1;
  return 0;
}

tertial_audit_unit tertial__audit_unit_of(const char *text)
{
  char *n = tertial__audit_norm(text, 0);
  tertial_audit_unit u = TERTIAL_AUDIT_UNIT_UNKNOWN;
  if (has_word(n, "mnkr") || has_word(n, "msek") || has_word(n, "miljoner"))
    u = TERTIAL_AUDIT_MNKR;
  else if (has_word(n, "tkr") || has_word(n, "tsek") || has_word(n, "tusental"))
    u = TERTIAL_AUDIT_TKR;
  else if (has_word(n, "kr") || has_word(n, "sek") || has_word(n, "kronor"))
    u = TERTIAL_AUDIT_KR;
  g_free(n);
  return u;
}

typedef struct meaning_word {
  const char *header;
  tertial_audit_meaning meaning;
} meaning_word;

/* The headers known, normalised (tertial__audit_norm with units stripped). */
static const meaning_word known_headers[] = {
  {"ack utfall", TERTIAL_AUDIT_OUTCOME}, {"utfall ack", TERTIAL_AUDIT_OUTCOME}, {"ack. utfall", TERTIAL_AUDIT_OUTCOME},
  {"utfall", TERTIAL_AUDIT_OUTCOME}, {"utfall hittills", TERTIAL_AUDIT_OUTCOME},
  {"utfall perioden", TERTIAL_AUDIT_OUTCOME}, {"outcome", TERTIAL_AUDIT_OUTCOME},
  {"outcome to date", TERTIAL_AUDIT_OUTCOME}, {"actual", TERTIAL_AUDIT_OUTCOME}, {"actuals", TERTIAL_AUDIT_OUTCOME},
  {"ack budget", TERTIAL_AUDIT_BUDGET}, {"budget ack", TERTIAL_AUDIT_BUDGET}, {"ack. budget", TERTIAL_AUDIT_BUDGET},
  {"budget", TERTIAL_AUDIT_BUDGET}, {"periodens budget", TERTIAL_AUDIT_BUDGET},
  {"budget perioden", TERTIAL_AUDIT_BUDGET}, {"budget to date", TERTIAL_AUDIT_BUDGET},
  {"årets budget", TERTIAL_AUDIT_ANNUAL_BUDGET}, {"budget helår", TERTIAL_AUDIT_ANNUAL_BUDGET},
  {"helårsbudget", TERTIAL_AUDIT_ANNUAL_BUDGET}, {"budget år", TERTIAL_AUDIT_ANNUAL_BUDGET},
  {"annual budget", TERTIAL_AUDIT_ANNUAL_BUDGET}, {"full-year budget", TERTIAL_AUDIT_ANNUAL_BUDGET},
  {"budget for the year", TERTIAL_AUDIT_ANNUAL_BUDGET},
  {"avvikelse", TERTIAL_AUDIT_DEVIATION}, {"ack avvikelse", TERTIAL_AUDIT_DEVIATION},
  {"ack budgetavvikelse", TERTIAL_AUDIT_DEVIATION}, {"budgetavvikelse", TERTIAL_AUDIT_DEVIATION},
  {"avvikelse ack", TERTIAL_AUDIT_DEVIATION}, {"avvikelse mot budget", TERTIAL_AUDIT_DEVIATION},
  {"avv", TERTIAL_AUDIT_DEVIATION}, {"avv.", TERTIAL_AUDIT_DEVIATION}, {"deviation", TERTIAL_AUDIT_DEVIATION},
  {"variance", TERTIAL_AUDIT_DEVIATION}, {"budget deviation", TERTIAL_AUDIT_DEVIATION},
  {"årets prognos", TERTIAL_AUDIT_FORECAST}, {"prognos", TERTIAL_AUDIT_FORECAST},
  {"prognos helår", TERTIAL_AUDIT_FORECAST}, {"helårsprognos", TERTIAL_AUDIT_FORECAST},
  {"forecast", TERTIAL_AUDIT_FORECAST}, {"full-year forecast", TERTIAL_AUDIT_FORECAST},
  {"prognosavvikelse", TERTIAL_AUDIT_FORECAST_DEVIATION}, {"budgetavvikelse helår", TERTIAL_AUDIT_FORECAST_DEVIATION},
  {"avvikelse helår", TERTIAL_AUDIT_FORECAST_DEVIATION}, {"avvikelse prognos", TERTIAL_AUDIT_FORECAST_DEVIATION},
  {"prognos avvikelse", TERTIAL_AUDIT_FORECAST_DEVIATION},
  {"avvikelse prognos mot budget", TERTIAL_AUDIT_FORECAST_DEVIATION},
  {"forecast deviation", TERTIAL_AUDIT_FORECAST_DEVIATION}, {"forecast variance", TERTIAL_AUDIT_FORECAST_DEVIATION},
  {"förbrukat %", TERTIAL_AUDIT_USED_PERCENT}, {"förbrukat", TERTIAL_AUDIT_USED_PERCENT},
  {"förbrukat i %", TERTIAL_AUDIT_USED_PERCENT}, {"förbrukning %", TERTIAL_AUDIT_USED_PERCENT},
  {"used %", TERTIAL_AUDIT_USED_PERCENT}, {"% used", TERTIAL_AUDIT_USED_PERCENT},
  {"spent %", TERTIAL_AUDIT_USED_PERCENT}, {"% of budget", TERTIAL_AUDIT_USED_PERCENT},
  {"återstår", TERTIAL_AUDIT_REMAINING}, {"kvar", TERTIAL_AUDIT_REMAINING},
  {"återstående budget", TERTIAL_AUDIT_REMAINING}, {"remaining", TERTIAL_AUDIT_REMAINING},
  {"belopp", TERTIAL_AUDIT_REASON_AMOUNT}, {"amount", TERTIAL_AUDIT_REASON_AMOUNT},
  {"kod", TERTIAL_AUDIT_IDENTIFIER}, {"code", TERTIAL_AUDIT_IDENTIFIER}, {"konto", TERTIAL_AUDIT_IDENTIFIER},
  {"account", TERTIAL_AUDIT_IDENTIFIER}, {"ansvar", TERTIAL_AUDIT_IDENTIFIER}, {"enhet", TERTIAL_AUDIT_IDENTIFIER},
  {"unit", TERTIAL_AUDIT_IDENTIFIER}, {"nr", TERTIAL_AUDIT_IDENTIFIER}, {"id", TERTIAL_AUDIT_IDENTIFIER},
  {"nivå", TERTIAL_AUDIT_IDENTIFIER}, {"level", TERTIAL_AUDIT_IDENTIFIER}, {"radtyp", TERTIAL_AUDIT_IDENTIFIER},
  {"row type", TERTIAL_AUDIT_IDENTIFIER}, {"överordnad rad", TERTIAL_AUDIT_IDENTIFIER},
  {"parent row", TERTIAL_AUDIT_IDENTIFIER}, {"ingår ej i summan", TERTIAL_AUDIT_IDENTIFIER},
  {"not in the sum", TERTIAL_AUDIT_IDENTIFIER}, {"år", TERTIAL_AUDIT_IDENTIFIER}, {"year", TERTIAL_AUDIT_IDENTIFIER},
  {"kst", TERTIAL_AUDIT_IDENTIFIER}, {"kostnadsställe", TERTIAL_AUDIT_IDENTIFIER},
  /* the keys of Tertial's machine-readable CSV (render_csv.h) */
  {"outcome_acc", TERTIAL_AUDIT_OUTCOME}, {"budget_acc", TERTIAL_AUDIT_BUDGET},
  {"deviation_acc", TERTIAL_AUDIT_DEVIATION}, {"budget_year", TERTIAL_AUDIT_ANNUAL_BUDGET},
  {"share_used", TERTIAL_AUDIT_USED_PERCENT}, {"forecast_deviation", TERTIAL_AUDIT_FORECAST_DEVIATION},
  {"unit_code", TERTIAL_AUDIT_IDENTIFIER}, {"depth", TERTIAL_AUDIT_IDENTIFIER}, {"style", TERTIAL_AUDIT_IDENTIFIER},
  {"parent", TERTIAL_AUDIT_IDENTIFIER}, {"informational", TERTIAL_AUDIT_IDENTIFIER},
};

tertial_audit_meaning tertial__audit_meaning_of(const char *norm)
{
  for (size_t i = 0; i < sizeof known_headers / sizeof known_headers[0]; i++)
    if (strcmp(norm, known_headers[i].header) == 0)
      return known_headers[i].meaning;
  return TERTIAL_AUDIT_OTHER;
}

static const char *const meaning_names[] = {
  "other", "outcome", "budget", "annual-budget", "deviation", "forecast", "forecast-deviation",
  "used-percent", "remaining", "reason-amount", "identifier",
};

const char *tertial_audit_meaning_name(tertial_audit_meaning meaning)
{
  if (meaning < TERTIAL_AUDIT_OTHER || meaning > TERTIAL_AUDIT_IDENTIFIER)
    return NULL;
  return meaning_names[meaning];
}

const char *tertial_audit_class_name(tertial_audit_class cls)
{
  switch (cls) {
  case TERTIAL_AUDIT_ROUNDING: return "rounding";
  case TERTIAL_AUDIT_SIGN: return "sign";
  case TERTIAL_AUDIT_ERROR: return "error";
  }
  return NULL;
}

/* ---- the model ---- */

static void column_free(gpointer p)
{
  audit_column *c = p;
  g_free(c->header);
  g_free(c);
}

static void line_free(gpointer p)
{
  audit_line *l = p;
  g_free(l->label);
  g_free(l->code);
  g_free(l->where);
  g_free(l->values);
  g_free(l->norm);
  g_free(l);
}

static void table_free(gpointer p)
{
  audit_table *t = p;
  g_free(t->name);
  g_free(t->source);
  g_ptr_array_free(t->columns, TRUE);
  g_ptr_array_free(t->lines, TRUE);
  g_free(t->norm);
  g_array_free(t->children, TRUE);
  g_free(t);
}

static void declared_free(gpointer p)
{
  audit_declared_column *d = p;
  g_free(d->header);
  g_free(d);
}

int tertial_audit_new(tertial_audit **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_new: NULL argument");
  tertial_audit *a = g_new0(tertial_audit, 1);
  a->tables = g_ptr_array_new_with_free_func(table_free);
  a->spec_columns = g_ptr_array_new_with_free_func(declared_free);
  a->spec_totals = g_ptr_array_new_with_free_func(g_free);
  a->spec_varav = g_ptr_array_new_with_free_func(g_free);
  a->findings = g_array_new(FALSE, TRUE, sizeof(tertial_audit_finding));
  a->strings = g_ptr_array_new_with_free_func(g_free);
  a->assumptions = g_ptr_array_new_with_free_func(g_free);
  *out = a;
  return 0;
}

void tertial_audit_free(tertial_audit *a)
{
  if (!a)
    return;
  g_ptr_array_free(a->tables, TRUE);
  g_ptr_array_free(a->spec_columns, TRUE);
  g_ptr_array_free(a->spec_totals, TRUE);
  g_ptr_array_free(a->spec_varav, TRUE);
  g_array_free(a->findings, TRUE);
  g_ptr_array_free(a->strings, TRUE);
  g_ptr_array_free(a->assumptions, TRUE);
  g_free(a);
}

int tertial_audit_table_add(size_t *out, tertial_audit *a, const char *name, const char *source)
{
  if (!a || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_table_add: NULL argument");
  if (!g_utf8_validate(name, -1, NULL) || (source && !g_utf8_validate(source, -1, NULL)))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_table_add: a name or source that is not UTF-8");
  audit_table *t = g_new0(audit_table, 1);
  t->name = g_strstrip(g_strdup(name));
  t->source = g_strdup(source ? source : "");
  t->columns = g_ptr_array_new_with_free_func(column_free);
  t->lines = g_ptr_array_new_with_free_func(line_free);
  t->children = g_array_new(FALSE, FALSE, sizeof(long));
  t->total = -1;
  g_ptr_array_add(a->tables, t);
  if (out)
    *out = a->tables->len - 1;
  return 0;
}

static int table_of(audit_table **t, const tertial_audit *a, size_t table, const char *fn)
{
  if (!a)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: NULL argument", fn);
  if (table >= a->tables->len)
    return tertial__error(TERTIAL_ERR_RANGE, "%s: no table %zu (there are %u)", fn, table, a->tables->len);
  *t = audit_table_at(a, table);
  return 0;
}

int tertial_audit_table_set_unit(tertial_audit *a, size_t table, tertial_audit_unit unit)
{
  audit_table *t = NULL;
  int rc = table_of(&t, a, table, "tertial_audit_table_set_unit");
  if (rc < 0)
    return rc;
  if (unit < TERTIAL_AUDIT_UNIT_UNKNOWN || unit > TERTIAL_AUDIT_PERCENT)
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_audit_table_set_unit: unknown unit %d", (int)unit);
  t->unit = unit;
  return 0;
}

size_t tertial_audit_table_count(const tertial_audit *a)
{
  return a ? a->tables->len : 0;
}

const char *tertial_audit_table_name(const tertial_audit *a, size_t table)
{
  return a && table < a->tables->len ? audit_table_at(a, table)->name : NULL;
}

int tertial_audit_column_add(size_t *out, tertial_audit *a, size_t table, const char *header,
                             tertial_audit_meaning meaning, tertial_audit_unit unit)
{
  audit_table *t = NULL;
  int rc = table_of(&t, a, table, "tertial_audit_column_add");
  if (rc < 0)
    return rc;
  if (!header || !g_utf8_validate(header, -1, NULL))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_column_add: a header that is NULL or not UTF-8");
  if (meaning < TERTIAL_AUDIT_INFER || meaning > TERTIAL_AUDIT_IDENTIFIER || unit < TERTIAL_AUDIT_UNIT_UNKNOWN ||
      unit > TERTIAL_AUDIT_PERCENT)
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_audit_column_add: \"%s\": unknown meaning %d or unit %d", header,
                          (int)meaning, (int)unit);
  if (t->lines->len)
    return tertial__error(TERTIAL_ERR_STATE, "tertial_audit_column_add: table \"%s\" already has lines", t->name);
  audit_column *c = g_new0(audit_column, 1);
  c->header = g_strstrip(g_strdup(header));
  c->declared = c->meaning = meaning;
  c->declared_unit = c->unit = unit;
  g_ptr_array_add(t->columns, c);
  if (out)
    *out = t->columns->len - 1;
  return 0;
}

int tertial_audit_column_set_sign(tertial_audit *a, size_t table, size_t column, tertial_audit_sign sign)
{
  audit_table *t = NULL;
  int rc = table_of(&t, a, table, "tertial_audit_column_set_sign");
  if (rc < 0)
    return rc;
  if (column >= t->columns->len || sign < TERTIAL_AUDIT_SIGN_INFER || sign > TERTIAL_AUDIT_ACTUAL_MINUS_BUDGET)
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_audit_column_set_sign: no column %zu or sign %d", column,
                          (int)sign);
  audit_column_at(t, column)->declared_sign = sign;
  return 0;
}

/* Depth from leading spaces (two a level, a TAB one level) or from a code "1.2.3" at the start. */
static int depth_of(const char *label, const char *code, const char **rest)
{
  int spaces = 0;
  const char *p = label;
  size_t n;
  for (; (n = blank_at(p)); p += n)
    spaces += *p == '\t' ? 2 : 1;
  *rest = p;
  if (spaces)
    return spaces / 2 > 0 ? spaces / 2 : 1;
  const char *c = code && *code ? code : NULL;
  if (c && g_ascii_isdigit(c[0])) {
    int dots = 0, ok = 1;
    for (const char *q = c; *q; q++)
      if (*q == '.')
        dots++;
      else if (!g_ascii_isdigit(*q))
        ok = 0;
    if (ok && dots)
      return dots;
  }
  return 0;
}

int tertial_audit_line_add(size_t *out, tertial_audit *a, size_t table, const tertial_audit_line_spec *spec,
                           const char *const *cells, size_t ncells)
{
  audit_table *t = NULL;
  int rc = table_of(&t, a, table, "tertial_audit_line_add");
  if (rc < 0)
    return rc;
  if (!spec || !spec->label || (ncells && !cells))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_line_add: NULL argument");
  if (spec->version != TERTIAL_AUDIT_LINE_SPEC_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_line_add: unknown spec version %u", spec->version);
  if (!g_utf8_validate(spec->label, -1, NULL) || (spec->code && !g_utf8_validate(spec->code, -1, NULL)))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_line_add: a label or code that is not UTF-8");
  if (ncells > t->columns->len)
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_audit_line_add: \"%s\": %zu cells, and table \"%s\" has %u columns",
                          spec->label, ncells, t->name, t->columns->len);
  if (spec->depth < -1 || spec->depth > 64 || spec->kind < TERTIAL_AUDIT_LINE_INFER ||
      spec->kind > TERTIAL_AUDIT_LINE_HEADING || spec->parent < TERTIAL_AUDIT_PARENT_NONE)
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_audit_line_add: \"%s\": a depth, kind or parent out of range",
                          spec->label);
  for (size_t i = 0; i < ncells; i++)
    if (cells[i] && !g_utf8_validate(cells[i], -1, NULL))
      return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_line_add: \"%s\": cell %zu is not UTF-8", spec->label,
                            i + 1);
  audit_line *l = g_new0(audit_line, 1);
  const char *rest;
  int d = depth_of(spec->label, spec->code, &rest);
  l->depth = spec->depth >= 0 ? spec->depth : d;
  l->label = g_strchomp(g_strdup(rest));
  l->code = spec->code && *spec->code ? g_strstrip(g_strdup(spec->code)) : NULL;
  l->where = g_strdup(spec->where ? spec->where : "");
  l->declared_kind = l->kind = spec->kind;
  l->declared_parent = l->parent = spec->parent;
  l->nvalues = t->columns->len;
  l->values = g_new0(tertial_audit_value, l->nvalues ? l->nvalues : 1);
  for (size_t i = 0; i < ncells; i++)
    tertial_audit_value_parse(&l->values[i], cells[i] ? cells[i] : "");
  g_ptr_array_add(t->lines, l);
  if (out)
    *out = t->lines->len - 1;
  return 0;
}

size_t tertial_audit_line_count(const tertial_audit *a, size_t table)
{
  return a && table < a->tables->len ? audit_table_at(a, table)->lines->len : 0;
}

int tertial_audit_column_meaning(const tertial_audit *a, size_t table, size_t column)
{
  if (!a || table >= a->tables->len || column >= audit_table_at(a, table)->columns->len)
    return -1;
  return audit_column_at(audit_table_at(a, table), column)->meaning;
}

/* ---- the spec ---- */

static int meaning_named(tertial_audit_meaning *out, const char *w)
{
  for (int i = 0; i <= TERTIAL_AUDIT_IDENTIFIER; i++)
    if (strcmp(w, meaning_names[i]) == 0) {
      *out = (tertial_audit_meaning)i;
      return 1;
    }
  return 0;
}

static int unit_named(tertial_audit_unit *out, const char *w)
{
  static const char *const names[] = {"", "kr", "tkr", "mnkr", "%"};
  for (int i = 1; i <= TERTIAL_AUDIT_PERCENT; i++)
    if (strcmp(w, names[i]) == 0) {
      *out = (tertial_audit_unit)i;
      return 1;
    }
  return 0;
}

static int sign_named(tertial_audit_sign *out, const char *w)
{
  if (strcmp(w, "budget-outcome") == 0 || strcmp(w, "budget-forecast") == 0)
    *out = TERTIAL_AUDIT_BUDGET_MINUS_ACTUAL;
  else if (strcmp(w, "outcome-budget") == 0 || strcmp(w, "forecast-budget") == 0)
    *out = TERTIAL_AUDIT_ACTUAL_MINUS_BUDGET;
  else
    return 0;
  return 1;
}

static int spec_line(tertial_audit *a, char *line, const char *source, int no)
{
  char *eq = strchr(line, '=');
  if (!eq)
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected KEY = VALUE, found \"%s\"", source, no, line);
  *eq = 0;
  char *key = g_strstrip(line), *value = g_strstrip(eq + 1);
  if (strncmp(key, "column ", 7) == 0) {
    char *header = g_strstrip(key + 7);
    char **words = g_strsplit_set(value, " \t", -1);
    audit_declared_column d = {NULL, TERTIAL_AUDIT_OTHER, TERTIAL_AUDIT_UNIT_UNKNOWN};
    int ok = words[0] && meaning_named(&d.meaning, words[0]);
    size_t k = 1;
    while (ok && words[0] && words[k] && !*words[k])
      k++;
    if (ok && words[0] && words[k])
      ok = unit_named(&d.unit, words[k]);
    g_strfreev(words);
    if (!ok || !*header)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected column HEADER = MEANING [UNIT] (MEANING one of outcome, "
                            "budget, annual-budget, deviation, forecast, forecast-deviation, used-percent, remaining, "
                            "reason-amount, other, identifier; UNIT kr, tkr, mnkr or %%), found \"%s\"", source, no,
                            value);
    audit_declared_column *c = g_new(audit_declared_column, 1);
    *c = d;
    c->header = tertial__audit_norm(header, 0);
    g_ptr_array_add(a->spec_columns, c);
  } else if (strcmp(key, "unit") == 0) {
    if (!unit_named(&a->spec_unit, value))
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected unit = kr, tkr or mnkr, found \"%s\"", source, no, value);
  } else if (strcmp(key, "deviation") == 0 || strcmp(key, "forecast-deviation") == 0) {
    if (!sign_named(key[0] == 'd' ? &a->spec_deviation : &a->spec_forecast_deviation, value))
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected %s = budget-outcome or outcome-budget, found \"%s\"",
                            source, no, key, value);
  } else if (strcmp(key, "total") == 0 || strcmp(key, "varav") == 0) {
    if (!*value)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected %s = LABEL", source, no, key);
    g_ptr_array_add(key[0] == 't' ? a->spec_totals : a->spec_varav, tertial__audit_norm(value, 0));
  } else {
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: unknown key \"%s\" (expected column HEADER, unit, deviation, "
                          "forecast-deviation, total or varav)", source, no, key);
  }
  return 0;
}

int tertial_audit_spec_parse(tertial_audit *a, const char *text, size_t len, const char *source)
{
  if (!a || (!text && len))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_spec_parse: NULL argument");
  source = source ? source : "spec";
  if (!g_utf8_validate(text ? text : "", (gssize)len, NULL))
    return tertial__error(TERTIAL_ERR_PARSE, "%s: not UTF-8 text", source);
  char *copy = g_strndup(text ? text : "", len);
  char **lines = g_strsplit(copy, "\n", -1);
  int rc = 0;
  for (int i = 0; rc == 0 && lines[i]; i++) {
    char *l = g_strstrip(lines[i]);
    if (*l && *l != '#')
      rc = spec_line(a, l, source, i + 1);
  }
  g_strfreev(lines);
  g_free(copy);
  return rc;
}

/* ---- results ---- */

int tertial__audit_assume(tertial_audit *a, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  char *s = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  for (guint i = 0; i < a->assumptions->len; i++)
    if (strcmp(g_ptr_array_index(a->assumptions, i), s) == 0) {
      g_free(s);
      return 0;
    }
  g_ptr_array_add(a->assumptions, s);
  return 0;
}

const char *tertial__audit_keep(tertial_audit *a, char *s)
{
  g_ptr_array_add(a->strings, s);
  return s;
}

int tertial_audit_run(tertial_audit *a)
{
  if (!a)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_run: NULL argument");
  g_array_set_size(a->findings, 0);
  g_ptr_array_set_size(a->strings, 0);
  g_ptr_array_set_size(a->assumptions, 0);
  a->checked = 0;
  int rc = tertial__audit_infer(a);
  return rc < 0 ? rc : tertial__audit_check(a);
}

size_t tertial_audit_finding_count(const tertial_audit *a)
{
  return a ? a->findings->len : 0;
}

const tertial_audit_finding *tertial_audit_finding_at(const tertial_audit *a, size_t i)
{
  return a && i < a->findings->len ? &g_array_index(a->findings, tertial_audit_finding, i) : NULL;
}

size_t tertial_audit_checked_count(const tertial_audit *a)
{
  return a ? a->checked : 0;
}

size_t tertial_audit_assumption_count(const tertial_audit *a)
{
  return a ? a->assumptions->len : 0;
}

const char *tertial_audit_assumption_at(const tertial_audit *a, size_t i)
{
  return a && i < a->assumptions->len ? g_ptr_array_index(a->assumptions, i) : NULL;
}

static void json_string(GString *o, const char *s)
{
  g_string_append_c(o, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_printf(o, "\\%c", *p);
    else if (*p < 0x20)
      g_string_append_printf(o, "\\u%04x", *p);
    else
      g_string_append_c(o, (char)*p);
  }
  g_string_append_c(o, '"');
}

/* A scaled value as a JSON number: "-1234.5". */
static void json_number(GString *o, int64_t v, int decimals)
{
  tertial_strbuf sb = {0};
  g_string_append(o, tertial__format_fixed(&sb, v, decimals, '.') == 0 ? sb.data : "null");
  tertial__sb_clear(&sb);
}

int tertial_audit_format(char **out, const tertial_audit *a, int json)
{
  if (!out || !a)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_format: NULL argument");
  GString *o = g_string_new(NULL);
  if (json)
    g_string_append_printf(o, "{\"checked\":%zu,\"findings\":[", a->checked);
  for (guint i = 0; i < a->findings->len; i++) {
    const tertial_audit_finding *f = &g_array_index(a->findings, tertial_audit_finding, i);
    char *p = tertial__audit_format_value(f->printed, f->decimals);
    char *e = tertial__audit_format_value(f->expected, f->decimals);
    char *d = tertial__audit_format_value(f->difference, f->decimals);
    if (json) {
      g_string_append(o, i ? ",{\"table\":" : "{\"table\":");
      json_string(o, f->table_name);
      g_string_append(o, ",\"line\":");
      json_string(o, f->line_label);
      g_string_append(o, ",\"column\":");
      json_string(o, f->column_header);
      g_string_append(o, ",\"where\":");
      json_string(o, f->where);
      g_string_append_printf(o, ",\"class\":\"%s\",\"printed\":", tertial_audit_class_name(f->cls));
      json_number(o, f->printed, f->decimals);
      g_string_append(o, ",\"expected\":");
      json_number(o, f->expected, f->decimals);
      g_string_append(o, ",\"difference\":");
      json_number(o, f->difference, f->decimals);
      g_string_append(o, ",\"explanation\":");
      json_string(o, f->explanation);
      g_string_append(o, ",\"explanation_en\":");
      json_string(o, f->explanation_en);
      g_string_append_c(o, '}');
    } else {
      g_string_append_printf(o, "%s%s%s | %s | %s: printed %s, expected %s, difference %s (%s)\n  %s\n", f->where,
                             *f->where ? ": " : "", f->table_name, f->line_label, f->column_header, p, e, d,
                             tertial_audit_class_name(f->cls), f->explanation);
    }
    g_free(p);
    g_free(e);
    g_free(d);
  }
  if (json) {
    g_string_append(o, "],\"assumptions\":[");
    for (guint i = 0; i < a->assumptions->len; i++) {
      if (i)
        g_string_append_c(o, ',');
      json_string(o, g_ptr_array_index(a->assumptions, i));
    }
    g_string_append(o, "]}\n");
  } else {
    g_string_append_printf(o, "%u finding%s in %zu relation%s checked.\n", a->findings->len,
                           a->findings->len == 1 ? "" : "s", a->checked, a->checked == 1 ? "" : "s");
    if (a->assumptions->len)
      g_string_append(o, "Assumed:\n");
    for (guint i = 0; i < a->assumptions->len; i++)
      g_string_append_printf(o, "  %s\n", (const char *)g_ptr_array_index(a->assumptions, i));
  }
  char *s = tertial__strdup(o->str);
  g_string_free(o, TRUE);
  if (!s)
    return TERTIAL_ERR_NOMEM;
  *out = s;
  return 0;
}
