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

/* ---- checked containers ---- */

int tertial__audit_vec_add(audit_vec *v, const void *elem, size_t size)
{
  int rc = tertial__grow(&v->data, &v->cap, v->len + 1, size);
  if (rc < 0)
    return rc;
  memcpy((char *)v->data + v->len * size, elem, size);
  v->len++;
  return 0;
}

int tertial__audit_vec_add_ptr(audit_vec *v, void *p)
{
  return tertial__audit_vec_add(v, &p, sizeof p);
}

void tertial__audit_vec_free(audit_vec *v, void (*free_one)(void *))
{
  if (free_one)
    for (size_t i = 0; i < v->len; i++)
      free_one(AUDIT_AT(*v, void *, i));
  free(v->data);
  *v = (audit_vec){0};
}

/* A printf into newly allocated memory, NULL on no memory. */
static char *audit_vprintf(const char *fmt, va_list ap)
{
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *s = n < 0 ? NULL : tertial__malloc((size_t)n + 1);
  if (s)
    vsnprintf(s, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return s;
}

char *tertial__audit_printf(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  char *s = audit_vprintf(fmt, ap);
  va_end(ap);
  return s;
}

char *tertial__audit_format_value(int64_t scaled, int decimals)
{
  tertial_strbuf sb = {0};
  if (tertial__format_fixed(&sb, scaled, decimals, ',') < 0) {
    tertial__sb_clear(&sb);
    return tertial__strdup("?");
  }
  /* group the whole part's digits by three with spaces: at most one space per digit */
  const char *comma = strchr(sb.data, ',');
  size_t whole_end = comma ? (size_t)(comma - sb.data) : sb.len, first = sb.data[0] == '-';
  char *o = tertial__malloc(2 * sb.len + 1);
  if (!o) {
    tertial__sb_clear(&sb);
    return NULL;
  }
  size_t w = 0;
  for (size_t i = 0; i < sb.len; i++) {
    if (i > first && i < whole_end && (whole_end - i) % 3 == 0)
      o[w++] = ' ';
    o[w++] = sb.data[i];
  }
  o[w] = 0;
  tertial__sb_clear(&sb);
  return o;
}

/* ---- words ---- */

/* s in lower case (Unicode's simple mapping, character by character; a byte that is not UTF-8 is
 * kept); NULL on no memory. A character's lower case takes at most 3/2 of its bytes. */
static char *lower_utf8(const char *s)
{
  size_t n = strlen(s);
  char *o = tertial__malloc(2 * n + 1), *w = o;
  if (!o)
    return NULL;
  for (const char *p = s; *p;) {
    gunichar c = g_utf8_get_char_validated(p, -1);
    if (c == (gunichar)-1 || c == (gunichar)-2) {
      *w++ = *p++;
      continue;
    }
    w += g_unichar_to_utf8(g_unichar_tolower(c), w);
    p = g_utf8_next_char(p);
  }
  *w = 0;
  return o;
}

char *tertial__audit_norm(const char *s, int strip_units)
{
  char *low = lower_utf8(s);
  char *o = low ? tertial__malloc(strlen(low) + 1) : NULL;
  if (!o) {
    free(low);
    return NULL;
  }
  size_t olen = 0;
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
    /* the output never outgrows the input: each word is preceded by at least one separator */
    if (olen)
      o[olen++] = ' ';
    memcpy(o + olen, w, len);
    olen += len;
  }
  o[olen] = 0;
  free(low);
  return o;
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

int tertial__audit_unit_of(const char *text)
{
  char *n = tertial__audit_norm(text, 0);
  if (!n)
    return TERTIAL_ERR_NOMEM;
  int u = TERTIAL_AUDIT_UNIT_UNKNOWN;
  if (has_word(n, "mnkr") || has_word(n, "msek") || has_word(n, "miljoner"))
    u = TERTIAL_AUDIT_MNKR;
  else if (has_word(n, "tkr") || has_word(n, "tsek") || has_word(n, "tusental"))
    u = TERTIAL_AUDIT_TKR;
  else if (has_word(n, "kr") || has_word(n, "sek") || has_word(n, "kronor"))
    u = TERTIAL_AUDIT_KR;
  free(n);
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
  /* Tertial's own English headers (tertial_column_header()) */
  {"accumulated outcome", TERTIAL_AUDIT_OUTCOME}, {"accumulated budget", TERTIAL_AUDIT_BUDGET},
  {"accumulated deviation", TERTIAL_AUDIT_DEVIATION}, {"share used %", TERTIAL_AUDIT_USED_PERCENT},
  {"share used", TERTIAL_AUDIT_USED_PERCENT},
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
  {"line type", TERTIAL_AUDIT_IDENTIFIER}, {"parent line", TERTIAL_AUDIT_IDENTIFIER},
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

static void column_free(void *p)
{
  audit_column *c = p;
  free(c->header);
  free(c);
}

static void line_free(void *p)
{
  audit_line *l = p;
  if (!l)
    return;
  free(l->label);
  free(l->code);
  free(l->where);
  free(l->values);
  free(l->norm);
  free(l);
}

static void table_free(void *p)
{
  audit_table *t = p;
  if (!t)
    return;
  free(t->name);
  free(t->source);
  tertial__audit_vec_free(&t->columns, column_free);
  tertial__audit_vec_free(&t->lines, line_free);
  free(t->norm);
  tertial__audit_vec_free(&t->children, NULL);
  free(t);
}

static void declared_free(void *p)
{
  audit_declared_column *d = p;
  free(d->header);
  free(d);
}

int tertial_audit_new(tertial_audit **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_new: NULL argument");
  tertial_audit *a = tertial__calloc(1, sizeof *a);
  if (!a)
    return tertial__nomem("tertial_audit_new: an audit");
  *out = a;
  return 0;
}

/* Free the last run's findings, their strings and the assumptions. */
static void clear_run(tertial_audit *a)
{
  tertial__audit_vec_free(&a->findings, NULL);
  tertial__audit_vec_free(&a->strings, free);
  tertial__audit_vec_free(&a->assumptions, free);
  a->checked = 0;
}

void tertial_audit_free(tertial_audit *a)
{
  if (!a)
    return;
  tertial__audit_vec_free(&a->tables, table_free);
  tertial__audit_vec_free(&a->spec_columns, declared_free);
  tertial__audit_vec_free(&a->spec_totals, free);
  tertial__audit_vec_free(&a->spec_varav, free);
  clear_run(a);
  free(a);
}

/* A copy of s without leading and trailing ASCII blanks (as g_strstrip), NULL on no memory. */
static char *strip_dup(const char *s, int leading)
{
  while (leading && g_ascii_isspace(*s))
    s++;
  size_t n = strlen(s);
  while (n && g_ascii_isspace(s[n - 1]))
    n--;
  char *o = tertial__malloc(n + 1);
  if (o) {
    memcpy(o, s, n);
    o[n] = 0;
  }
  return o;
}

int tertial_audit_table_add(size_t *out, tertial_audit *a, const char *name, const char *source)
{
  if (!a || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_table_add: NULL argument");
  if (!g_utf8_validate(name, -1, NULL) || (source && !g_utf8_validate(source, -1, NULL)))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_table_add: a name or source that is not UTF-8");
  audit_table *t = tertial__calloc(1, sizeof *t);
  if (t) {
    t->name = strip_dup(name, 1);
    t->source = tertial__strdup(source ? source : "");
    t->total = -1;
  }
  if (!t || !t->name || !t->source || tertial__audit_vec_add_ptr(&a->tables, t) < 0) {
    table_free(t);
    return tertial__nomem("tertial_audit_table_add: a table");
  }
  if (out)
    *out = a->tables.len - 1;
  return 0;
}

static int table_of(audit_table **t, const tertial_audit *a, size_t table, const char *fn)
{
  if (!a)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: NULL argument", fn);
  if (table >= a->tables.len)
    return tertial__error(TERTIAL_ERR_RANGE, "%s: no table %zu (there are %zu)", fn, table, a->tables.len);
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
  return a ? a->tables.len : 0;
}

const char *tertial_audit_table_name(const tertial_audit *a, size_t table)
{
  return a && table < a->tables.len ? audit_table_at(a, table)->name : NULL;
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
  if (t->lines.len)
    return tertial__error(TERTIAL_ERR_STATE, "tertial_audit_column_add: table \"%s\" already has lines", t->name);
  audit_column *c = tertial__calloc(1, sizeof *c);
  if (c)
    c->header = strip_dup(header, 1);
  if (!c || !c->header || tertial__audit_vec_add_ptr(&t->columns, c) < 0) {
    if (c)
      column_free(c);
    return tertial__nomem("tertial_audit_column_add: a column");
  }
  c->declared = c->meaning = meaning;
  c->declared_unit = c->unit = unit;
  if (out)
    *out = t->columns.len - 1;
  return 0;
}

int tertial_audit_column_set_sign(tertial_audit *a, size_t table, size_t column, tertial_audit_sign sign)
{
  audit_table *t = NULL;
  int rc = table_of(&t, a, table, "tertial_audit_column_set_sign");
  if (rc < 0)
    return rc;
  if (column >= t->columns.len || sign < TERTIAL_AUDIT_SIGN_INFER || sign > TERTIAL_AUDIT_ACTUAL_MINUS_BUDGET)
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
  if (ncells > t->columns.len)
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_audit_line_add: \"%s\": %zu cells, and table \"%s\" has %zu columns",
                          spec->label, ncells, t->name, t->columns.len);
  if (spec->depth < -1 || spec->depth > 64 || spec->kind < TERTIAL_AUDIT_LINE_INFER ||
      spec->kind > TERTIAL_AUDIT_LINE_HEADING || spec->parent < TERTIAL_AUDIT_PARENT_NONE)
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_audit_line_add: \"%s\": a depth, kind or parent out of range",
                          spec->label);
  for (size_t i = 0; i < ncells; i++)
    if (cells[i] && !g_utf8_validate(cells[i], -1, NULL))
      return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_line_add: \"%s\": cell %zu is not UTF-8", spec->label,
                            i + 1);
  audit_line *l = tertial__calloc(1, sizeof *l);
  const char *rest;
  int d = depth_of(spec->label, spec->code, &rest);
  int ok = l != NULL;
  if (ok) {
    l->depth = spec->depth >= 0 ? spec->depth : d;
    l->label = strip_dup(rest, 0);
    l->code = spec->code && *spec->code ? strip_dup(spec->code, 1) : NULL;
    l->where = tertial__strdup(spec->where ? spec->where : "");
    l->declared_kind = l->kind = spec->kind;
    l->declared_parent = l->parent = spec->parent;
    l->nvalues = t->columns.len;
    l->values = tertial__calloc(l->nvalues ? l->nvalues : 1, sizeof *l->values);
    ok = l->label && (l->code || !spec->code || !*spec->code) && l->where && l->values;
  }
  if (!ok || tertial__audit_vec_add_ptr(&t->lines, l) < 0) {
    line_free(l);
    return tertial__nomem("tertial_audit_line_add: a line");
  }
  for (size_t i = 0; i < ncells; i++)
    tertial_audit_value_parse(&l->values[i], cells[i] ? cells[i] : "");
  if (out)
    *out = t->lines.len - 1;
  return 0;
}

size_t tertial_audit_line_count(const tertial_audit *a, size_t table)
{
  return a && table < a->tables.len ? audit_table_at(a, table)->lines.len : 0;
}

int tertial_audit_column_meaning(const tertial_audit *a, size_t table, size_t column)
{
  if (!a || table >= a->tables.len || column >= audit_table_at(a, table)->columns.len)
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

/* s without leading and trailing ASCII blanks, in place (as g_strstrip, which does not allocate). */
static char *strip(char *s)
{
  while (g_ascii_isspace(*s))
    s++;
  size_t n = strlen(s);
  while (n && g_ascii_isspace(s[n - 1]))
    s[--n] = 0;
  return s;
}

/* The next word of *p separated by spaces or TABs (empty words skipped), NUL-terminated in place;
 * NULL at the end. */
static char *next_word(char **p)
{
  char *s = *p;
  while (*s == ' ' || *s == '\t')
    s++;
  if (!*s)
    return NULL;
  char *w = s;
  while (*s && *s != ' ' && *s != '\t')
    s++;
  if (*s)
    *s++ = 0;
  *p = s;
  return w;
}

static int spec_line(tertial_audit *a, char *line, const char *source, int no)
{
  char *eq = strchr(line, '=');
  if (!eq)
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected KEY = VALUE, found \"%s\"", source, no, line);
  *eq = 0;
  char *key = strip(line), *value = strip(eq + 1);
  if (strncmp(key, "column ", 7) == 0) {
    char *header = strip(key + 7);
    char *shown = tertial__strdup(value), *rest = value, *w;
    if (!shown)
      return TERTIAL_ERR_NOMEM;
    audit_declared_column d = {NULL, TERTIAL_AUDIT_OTHER, TERTIAL_AUDIT_UNIT_UNKNOWN};
    int ok = (w = next_word(&rest)) && meaning_named(&d.meaning, w);
    if (ok && (w = next_word(&rest)))
      ok = unit_named(&d.unit, w);
    if (!ok || !*header) {
      int rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected column HEADER = MEANING [UNIT] (MEANING one of "
                              "outcome, budget, annual-budget, deviation, forecast, forecast-deviation, used-percent, "
                              "remaining, reason-amount, other, identifier; UNIT kr, tkr, mnkr or %%), found \"%s\"",
                              source, no, shown);
      free(shown);
      return rc;
    }
    free(shown);
    audit_declared_column *c = tertial__malloc(sizeof *c);
    if (c) {
      *c = d;
      c->header = tertial__audit_norm(header, 0);
    }
    if (!c || !c->header || tertial__audit_vec_add_ptr(&a->spec_columns, c) < 0) {
      if (c)
        declared_free(c);
      return tertial__nomem("tertial_audit_spec_parse: a column");
    }
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
    char *n = tertial__audit_norm(value, 0);
    if (!n || tertial__audit_vec_add_ptr(key[0] == 't' ? &a->spec_totals : &a->spec_varav, n) < 0) {
      free(n);
      return tertial__nomem("tertial_audit_spec_parse: a label");
    }
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
  char *copy = tertial__malloc(len + 1);
  if (!copy)
    return tertial__nomem("tertial_audit_spec_parse: the text");
  if (len)
    memcpy(copy, text, len);
  copy[len] = 0;
  int rc = 0, no = 1;
  for (char *line = copy, *nl; rc == 0 && line; line = nl, no++) {
    nl = strchr(line, '\n');
    if (nl)
      *nl++ = 0;
    char *l = strip(line);
    if (*l && *l != '#')
      rc = spec_line(a, l, source, no);
  }
  free(copy);
  return rc;
}

/* ---- results ---- */

int tertial__audit_assume(tertial_audit *a, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  char *s = audit_vprintf(fmt, ap);
  va_end(ap);
  if (!s)
    return tertial__nomem("an assumption of the audit");
  for (size_t i = 0; i < a->assumptions.len; i++)
    if (strcmp(AUDIT_AT(a->assumptions, char *, i), s) == 0) {
      free(s);
      return 0;
    }
  if (tertial__audit_vec_add_ptr(&a->assumptions, s) < 0) {
    free(s);
    return TERTIAL_ERR_NOMEM;
  }
  return 0;
}

const char *tertial__audit_keep(tertial_audit *a, char *s)
{
  if (!s)
    return NULL;
  if (tertial__audit_vec_add_ptr(&a->strings, s) < 0) {
    free(s);
    return NULL;
  }
  return s;
}

int tertial_audit_run(tertial_audit *a)
{
  if (!a)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_run: NULL argument");
  clear_run(a);
  int rc = tertial__audit_infer(a);
  if (rc == 0)
    rc = tertial__audit_check(a);
  if (rc < 0)
    clear_run(a); /* no partial findings */
  return rc;
}

size_t tertial_audit_finding_count(const tertial_audit *a)
{
  return a ? a->findings.len : 0;
}

const tertial_audit_finding *tertial_audit_finding_at(const tertial_audit *a, size_t i)
{
  return a && i < a->findings.len ? &AUDIT_AT(a->findings, tertial_audit_finding, i) : NULL;
}

size_t tertial_audit_checked_count(const tertial_audit *a)
{
  return a ? a->checked : 0;
}

size_t tertial_audit_assumption_count(const tertial_audit *a)
{
  return a ? a->assumptions.len : 0;
}

const char *tertial_audit_assumption_at(const tertial_audit *a, size_t i)
{
  return a && i < a->assumptions.len ? AUDIT_AT(a->assumptions, char *, i) : NULL;
}

static int json_string(tertial_strbuf *o, const char *s)
{
  int rc = tertial__sb_append(o, "\"");
  for (const unsigned char *p = (const unsigned char *)s; rc == 0 && *p; p++) {
    if (*p == '"' || *p == '\\')
      rc = tertial__sb_printf(o, "\\%c", *p);
    else if (*p < 0x20)
      rc = tertial__sb_printf(o, "\\u%04x", *p);
    else
      rc = tertial__sb_append_len(o, (const char *)p, 1);
  }
  return rc < 0 ? rc : tertial__sb_append(o, "\"");
}

/* A scaled value as a JSON number: "-1234.5". */
static int json_number(tertial_strbuf *o, int64_t v, int decimals)
{
  tertial_strbuf sb = {0};
  int rc = tertial__format_fixed(&sb, v, decimals, '.');
  rc = tertial__sb_append(o, rc == 0 ? sb.data : "null");
  tertial__sb_clear(&sb);
  return rc;
}

static int format_finding(tertial_strbuf *o, const tertial_audit_finding *f, int json, int first)
{
  char *p = tertial__audit_format_value(f->printed, f->decimals);
  char *e = tertial__audit_format_value(f->expected, f->decimals);
  char *d = tertial__audit_format_value(f->difference, f->decimals);
  int rc = p && e && d ? 0 : TERTIAL_ERR_NOMEM;
  if (rc == 0 && json) {
    int bad = tertial__sb_append(o, first ? "{\"table\":" : ",{\"table\":") < 0;
    bad |= json_string(o, f->table_name) < 0;
    bad |= tertial__sb_append(o, ",\"line\":") < 0;
    bad |= json_string(o, f->line_label) < 0;
    bad |= tertial__sb_append(o, ",\"column\":") < 0;
    bad |= json_string(o, f->column_header) < 0;
    bad |= tertial__sb_append(o, ",\"where\":") < 0;
    bad |= json_string(o, f->where) < 0;
    bad |= tertial__sb_printf(o, ",\"class\":\"%s\",\"printed\":", tertial_audit_class_name(f->cls)) < 0;
    bad |= json_number(o, f->printed, f->decimals) < 0;
    bad |= tertial__sb_append(o, ",\"expected\":") < 0;
    bad |= json_number(o, f->expected, f->decimals) < 0;
    bad |= tertial__sb_append(o, ",\"difference\":") < 0;
    bad |= json_number(o, f->difference, f->decimals) < 0;
    bad |= tertial__sb_append(o, ",\"explanation\":") < 0;
    bad |= json_string(o, f->explanation) < 0;
    bad |= tertial__sb_append(o, ",\"explanation_en\":") < 0;
    bad |= json_string(o, f->explanation_en) < 0;
    bad |= tertial__sb_append(o, "}") < 0;
    rc = bad ? TERTIAL_ERR_NOMEM : 0;
  } else if (rc == 0) {
    rc = tertial__sb_printf(o, "%s%s%s | %s | %s: printed %s, expected %s, difference %s (%s)\n  %s\n", f->where,
                            *f->where ? ": " : "", f->table_name, f->line_label, f->column_header, p, e, d,
                            tertial_audit_class_name(f->cls), f->explanation);
  }
  free(p);
  free(e);
  free(d);
  return rc;
}

int tertial_audit_format(char **out, const tertial_audit *a, int json)
{
  if (!out || !a)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_audit_format: NULL argument");
  tertial_strbuf o = {0};
  int rc = json ? tertial__sb_printf(&o, "{\"checked\":%zu,\"findings\":[", a->checked) : 0;
  for (size_t i = 0; rc == 0 && i < a->findings.len; i++)
    rc = format_finding(&o, &AUDIT_AT(a->findings, tertial_audit_finding, i), json, i == 0);
  size_t nf = a->findings.len, na = a->assumptions.len;
  if (rc == 0 && json) {
    rc = tertial__sb_append(&o, "],\"assumptions\":[");
    for (size_t i = 0; rc == 0 && i < na; i++) {
      if (i)
        rc = tertial__sb_append(&o, ",");
      if (rc == 0)
        rc = json_string(&o, AUDIT_AT(a->assumptions, char *, i));
    }
    if (rc == 0)
      rc = tertial__sb_append(&o, "]}\n");
  } else if (rc == 0) {
    rc = tertial__sb_printf(&o, "%zu finding%s in %zu relation%s checked.\n", nf, nf == 1 ? "" : "s", a->checked,
                            a->checked == 1 ? "" : "s");
    if (rc == 0 && na)
      rc = tertial__sb_append(&o, "Assumed:\n");
    for (size_t i = 0; rc == 0 && i < na; i++)
      rc = tertial__sb_printf(&o, "  %s\n", AUDIT_AT(a->assumptions, char *, i));
  }
  char *s = rc == 0 ? tertial__sb_steal(&o) : NULL;
  tertial__sb_clear(&o);
  if (!s)
    return rc < 0 && rc != TERTIAL_ERR_NOMEM ? rc : tertial__nomem("tertial_audit_format: the text");
  *out = s;
  return 0;
}
