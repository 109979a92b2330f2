#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include "presentation_internal.h"
#include "table_internal.h"

/* The follow-up columns a presentation can choose, in the report's order: the eight, those a report
 * has when built with them (OPTIONAL_FIRST.. before "remaining"), then the derived one. */
static const char *const column_keys[] = {
  "outcome_acc", "budget_acc", "deviation_acc", "budget_year", "share_used",
  "forecast", "forecast_deviation", "prior_year", "prior_year_acc", "previous_forecast",
  "forecast_change", "forecast_after_measures", "remaining",
};
enum { NKEYS = sizeof column_keys / sizeof *column_keys, NEIGHT = 8, OPTIONAL_FIRST = 8 };

const char *const tertial__sign_names[3] = {"ledger", "costs-negative", "positive"};
const char *const tertial__deviation_names[2] = {"budget-minus-outcome", "outcome-minus-budget"};
const char *const tertial__unit_names[3] = {"kr", "tkr", "mnkr"};
const char *const tertial__unit_words_en[3] = {"SEK", "SEK thousand", "SEK million"};
const char *const tertial__unit_words_sv[3] = {"kr", "tkr", "mkr"};

typedef struct header {
  char *key, *text;
} header;

struct tertial_presentation {
  int columns[NKEYS]; /* indexes into column_keys */
  size_t ncolumns;    /* 0: the eight */
  tertial_sign_convention signs;
  tertial_deviation_sign deviation;
  int unit, decimals;
  header *headers;
  size_t nheaders, header_cap;
};

int tertial_presentation_new(tertial_presentation **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_presentation_new: out is NULL");
  *out = tertial__calloc(1, sizeof **out);
  if (!*out)
    return tertial__nomem("a presentation");
  (*out)->unit = (*out)->decimals = -1;
  return 0;
}

void tertial_presentation_free(tertial_presentation *p)
{
  if (!p)
    return;
  for (size_t i = 0; i < p->nheaders; i++) {
    free(p->headers[i].key);
    free(p->headers[i].text);
  }
  free(p->headers);
  free(p);
}

static int key_index(const char *key)
{
  for (int k = 0; k < NKEYS; k++)
    if (strcmp(column_keys[k], key) == 0)
      return k;
  return -1;
}

int tertial_presentation_set_columns(tertial_presentation *p, const char *const *keys, size_t n)
{
  if (!p || (n && !keys))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_presentation_set_columns: NULL argument");
  int chosen[NKEYS];
  for (size_t i = 0; i < n; i++) {
    int k = keys[i] ? key_index(keys[i]) : -1;
    if (k < 0)
      return tertial__error(TERTIAL_ERR_NOT_FOUND, "unknown column '%s' (expected outcome_acc, budget_acc, "
                            "deviation_acc, budget_year, share_used, forecast, forecast_deviation, prior_year, "
                            "prior_year_acc, previous_forecast, forecast_change, forecast_after_measures or "
                            "remaining)", keys[i] ? keys[i] : "(null)");
    for (size_t j = 0; j < i; j++)
      if (chosen[j] == k)
        return tertial__error(TERTIAL_ERR_EXISTS, "column '%s' is chosen twice", keys[i]);
    chosen[i] = k; /* i < NKEYS: a longer list has a key twice */
  }
  memcpy(p->columns, chosen, n * sizeof *chosen);
  p->ncolumns = n;
  return 0;
}

int tertial_presentation_set_signs(tertial_presentation *p, tertial_sign_convention signs)
{
  if (!p || signs < TERTIAL_SIGNS_LEDGER || signs > TERTIAL_SIGNS_POSITIVE)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_presentation_set_signs: unknown sign convention");
  p->signs = signs;
  return 0;
}

int tertial_presentation_set_deviation(tertial_presentation *p, tertial_deviation_sign deviation)
{
  if (!p || (deviation != TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME && deviation != TERTIAL_DEVIATION_OUTCOME_MINUS_BUDGET))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_presentation_set_deviation: unknown deviation sign");
  p->deviation = deviation;
  return 0;
}

int tertial_presentation_set_unit(tertial_presentation *p, int unit, int decimals)
{
  if (!p)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_presentation_set_unit: p is NULL");
  if (unit == -1 && decimals == -1) {
    p->unit = p->decimals = -1;
    return 0;
  }
  if (unit < TERTIAL_UNIT_KR || unit > TERTIAL_UNIT_MKR)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_presentation_set_unit: unknown unit %d", unit);
  if (decimals < 0 || decimals > (unit == TERTIAL_UNIT_KR ? 2 : 3))
    return tertial__error(TERTIAL_ERR_RANGE, "decimals %d out of range (0..%d in %s)", decimals,
                          unit == TERTIAL_UNIT_KR ? 2 : 3, unit == TERTIAL_UNIT_KR ? "kr" : "tkr and mnkr");
  p->unit = unit;
  p->decimals = decimals;
  return 0;
}

int tertial_presentation_set_header(tertial_presentation *p, const char *key, const char *text)
{
  if (!p || !key || !*key)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_presentation_set_header: NULL or empty key");
  size_t i = 0;
  while (i < p->nheaders && strcmp(p->headers[i].key, key) != 0)
    i++;
  if (!text || !*text) { /* back to the report's header */
    if (i < p->nheaders) {
      free(p->headers[i].key);
      free(p->headers[i].text);
      p->headers[i] = p->headers[--p->nheaders];
    }
    return 0;
  }
  char *copy = tertial__strdup(text);
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  if (i < p->nheaders) {
    free(p->headers[i].text);
    p->headers[i].text = copy;
    return 0;
  }
  char *k = tertial__strdup(key);
  if (!k || tertial__grow((void **)&p->headers, &p->header_cap, p->nheaders + 1, sizeof *p->headers) < 0) {
    free(k);
    free(copy);
    return TERTIAL_ERR_NOMEM;
  }
  p->headers[p->nheaders++] = (header){k, copy};
  return 0;
}

size_t tertial_presentation_column_count(const tertial_presentation *p)
{
  return !p ? 0 : p->ncolumns ? p->ncolumns : NEIGHT;
}

const char *tertial_presentation_column_at(const tertial_presentation *p, size_t index)
{
  if (!p || index >= tertial_presentation_column_count(p))
    return NULL;
  return column_keys[p->ncolumns ? p->columns[index] : (int)index];
}

tertial_sign_convention tertial_presentation_signs(const tertial_presentation *p)
{
  return p ? p->signs : TERTIAL_SIGNS_LEDGER;
}

tertial_deviation_sign tertial_presentation_deviation(const tertial_presentation *p)
{
  return p ? p->deviation : TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME;
}

int tertial_presentation_unit(const tertial_presentation *p)
{
  return p ? p->unit : -1;
}

int tertial_presentation_decimals(const tertial_presentation *p)
{
  return p ? p->decimals : -1;
}

const char *tertial_presentation_header(const tertial_presentation *p, const char *key)
{
  for (size_t i = 0; p && key && i < p->nheaders; i++)
    if (strcmp(p->headers[i].key, key) == 0)
      return p->headers[i].text;
  return NULL;
}

int tertial__presentation_is_default(const tertial_presentation *p)
{
  return !p || (!p->ncolumns && p->signs == TERTIAL_SIGNS_LEDGER && p->deviation == TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME &&
                p->unit < 0 && !p->nheaders);
}

/* ---- the text form ---- */

static char *trim(char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

/* value's index among names (NULL-terminated), -1 if none. */
static int choice(const char *value, const char *const *names)
{
  for (int i = 0; names[i]; i++)
    if (strcmp(value, names[i]) == 0)
      return i;
  return -1;
}

static int setting(tertial_presentation *p, const char *name, char *value, const char *source, int line,
                   int *unit, int *decimals, int *decimals_line)
{
  const char *const signs[] = {tertial__sign_names[0], tertial__sign_names[1], tertial__sign_names[2], NULL};
  const char *const deviation[] = {tertial__deviation_names[0], tertial__deviation_names[1], NULL};
  const char *const units[] = {tertial__unit_names[0], tertial__unit_names[1], tertial__unit_names[2], NULL};
  int k;
  if (strcmp(name, "columns") == 0) {
    /* the keys split at commas in place, as g_strsplit() split them: "" has none, "a," two */
    size_t n = *value ? 1 : 0;
    for (const char *c = value; *c; c++)
      n += *c == ',';
    const char **keys = tertial__calloc(n + 1, sizeof *keys);
    if (!keys)
      return TERTIAL_ERR_NOMEM;
    int rc = n ? 0 : tertial__error(TERTIAL_ERR_PARSE, "%s:%d: columns: expected column keys separated by commas",
                                    source, line);
    char *part = value;
    for (size_t i = 0; rc == 0 && i < n; i++) {
      char *comma = strchr(part, ',');
      if (comma)
        *comma = '\0';
      if (!*(keys[i] = trim(part)))
        rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: columns: expected column keys separated by commas", source,
                            line);
      part = comma ? comma + 1 : part + strlen(part);
    }
    /* set_columns stops at the first unknown or repeated key, so any number of keys is safe */
    if (rc == 0 && (rc = tertial_presentation_set_columns(p, keys, n)) < 0) {
      char why[512]; /* copied: the error's buffer is written again */
      snprintf(why, sizeof why, "%s", tertial_error_last());
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: columns: %s", source, line, why);
    }
    free(keys);
    return rc;
  }
  if (strcmp(name, "signs") == 0) {
    if ((k = choice(value, signs)) < 0)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: signs: expected ledger, costs-negative or positive, not '%s'",
                            source, line, value);
    return tertial_presentation_set_signs(p, (tertial_sign_convention)k);
  }
  if (strcmp(name, "deviation") == 0) {
    if ((k = choice(value, deviation)) < 0)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: deviation: expected budget-minus-outcome or "
                            "outcome-minus-budget, not '%s'", source, line, value);
    return tertial_presentation_set_deviation(p, (tertial_deviation_sign)k);
  }
  if (strcmp(name, "unit") == 0) {
    if ((*unit = choice(value, units)) < 0)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: unit: expected kr, tkr or mnkr, not '%s'", source, line, value);
    return 0;
  }
  if (strcmp(name, "decimals") == 0) {
    if (strlen(value) != 1 || value[0] < '0' || value[0] > '3')
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: decimals: expected 0, 1, 2 or 3, not '%s'", source, line, value);
    *decimals = value[0] - '0';
    *decimals_line = line;
    return 0;
  }
  if (strncmp(name, "header.", 7) == 0 && name[7]) {
    if (!*value)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: %s: expected a header text", source, line, name);
    return tertial_presentation_set_header(p, name + 7, value);
  }
  return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: unknown setting '%s' (expected columns, signs, deviation, unit, "
                        "decimals or header.KEY)", source, line, name);
}

int tertial_presentation_parse(tertial_presentation **out, const char *text, const char *source)
{
  if (!out || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_presentation_parse: NULL argument");
  *out = NULL;
  source = source ? source : "presentation";
  tertial_presentation *p;
  int rc = tertial_presentation_new(&p);
  if (rc < 0)
    return rc;
  if (!g_utf8_validate(text, -1, NULL))
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s: not UTF-8 text", source);
  /* the lines split at newlines in place, in a copy of the text */
  char *copy = rc == 0 ? tertial__strdup(text) : NULL;
  if (rc == 0 && !copy)
    rc = TERTIAL_ERR_NOMEM;
  int unit = -1, decimals = -1, decimals_line = 0;
  char *next = copy;
  for (int i = 0; rc == 0 && next; i++) {
    char *l = trim(tertial__next_line(&next));
    if (!*l || *l == '#')
      continue;
    char *eq = strchr(l, '=');
    if (!eq) {
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected 'setting = value'", source, i + 1);
      break;
    }
    *eq = '\0';
    rc = setting(p, trim(l), trim(eq + 1), source, i + 1, &unit, &decimals, &decimals_line);
  }
  free(copy);
  if (rc == 0 && decimals >= 0 && unit < 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: decimals: expected a unit too (unit = kr, tkr or mnkr)", source,
                        decimals_line);
  else if (rc == 0 && unit == TERTIAL_UNIT_KR && decimals > 2)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: decimals: expected 0, 1 or 2 in kr", source, decimals_line);
  else if (rc == 0 && unit >= 0)
    rc = tertial_presentation_set_unit(p, unit, decimals < 0 ? 0 : decimals);
  if (rc < 0) {
    tertial_presentation_free(p);
    return rc;
  }
  *out = p;
  return 0;
}

int tertial_presentation_load(tertial_presentation **out, const char *path)
{
  if (!out || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_presentation_load: NULL argument");
  *out = NULL;
  char *text = NULL;
  size_t len = 0;
  int rc = tertial__table_read_all(&text, &len, path);
  if (rc < 0)
    return rc;
  rc = tertial_presentation_parse(out, text, path);
  free(text);
  return rc;
}

/* ---- applying a presentation ---- */

static int column_of(const tertial_report_section *s, const char *key, size_t *at)
{
  for (size_t c = 0; c < s->column_count; c++)
    if (strcmp(tertial_report_column_at(s, c)->key, key) == 0) {
      *at = c;
      return 1;
    }
  return 0;
}

/* A follow-up column that is not one of the eight: a report has it when built with its option. */
static int is_optional_followup(const char *key)
{
  for (int k = OPTIONAL_FIRST; k < NKEYS; k++)
    if (strcmp(column_keys[k], key) == 0)
      return strcmp(key, "remaining") != 0;
  return 0;
}

static int is_deviation(const tertial_report_section *s, const char *key)
{
  if (s->kind == TERTIAL_SECTION_REASONS)
    return strcmp(key, "amount") == 0;
  return strcmp(key, "deviation_acc") == 0 || strcmp(key, "forecast_deviation") == 0;
}

static int signed_section(const tertial_report_section *s)
{
  return s->kind == TERTIAL_SECTION_KEY_FIGURES || s->kind == TERTIAL_SECTION_UNITS || s->kind == TERTIAL_SECTION_ROWS ||
         s->kind == TERTIAL_SECTION_MONTHLY || s->kind == TERTIAL_SECTION_CHANGE || s->kind == TERTIAL_SECTION_REASONS;
}

static tertial__pcol shown(const tertial_presentation *p, const tertial_report_section *s, size_t c)
{
  const tertial_report_column *col = tertial_report_column_at(s, c);
  tertial__pcol pc = {*col, c, 0, 0, 0};
  const char *h = tertial_presentation_header(p, col->key);
  if (h)
    pc.col.header = h;
  if (col->type == TERTIAL_REPORT_AMOUNT && signed_section(s))
    pc.sign = is_deviation(s, col->key) ? 2 : 1;
  return pc;
}

int tertial__present_columns(tertial__pcol **out, size_t *n, const tertial_presentation *p,
                             const tertial_report_section *s)
{
  *out = tertial__calloc(s->column_count + NKEYS + 1, sizeof **out);
  *n = 0;
  if (!*out)
    return TERTIAL_ERR_NOMEM;
  tertial__pcol *cols = *out;
  int chosen = p && p->ncolumns, placed = 0;
  for (size_t c = 0; c < s->column_count; c++) {
    const tertial_report_column *col = tertial_report_column_at(s, c);
    /* the follow-up columns: the eight, and those the report was built with */
    if (!chosen || (col->source < 0 && !is_optional_followup(col->key))) {
      cols[(*n)++] = shown(p, s, c);
      continue;
    }
    if (placed++) /* the chosen columns stand where the follow-up columns start */
      continue;
    for (size_t k = 0; k < p->ncolumns; k++) {
      const char *key = column_keys[p->columns[k]];
      size_t at, minus;
      if (strcmp(key, "remaining") == 0) {
        if (!column_of(s, "budget_year", &at) || !column_of(s, "outcome_acc", &minus))
          continue;
        tertial__pcol pc = shown(p, s, at);
        pc.col.key = "remaining";
        pc.col.source = -1;
        const char *h = tertial_presentation_header(p, "remaining");
        pc.col.header = h ? h : s->english ? "Remaining" : "Återstår";
        pc.minus = minus;
        pc.derived = 1;
        cols[(*n)++] = pc;
      } else if (column_of(s, key, &at)) {
        cols[(*n)++] = shown(p, s, at);
      }
    }
  }
  return 0;
}

int tertial__present_cell(tertial_report_cell *out, const tertial_presentation *p, const tertial_report_section *s,
                          size_t line, const tertial__pcol *c)
{
  *out = *tertial_report_cell_at(s, line, c->index);
  if (c->derived) {
    const tertial_report_cell *m = tertial_report_cell_at(s, line, c->minus);
    out->present = out->present && m->present;
    if (out->present && __builtin_sub_overflow(out->value, m->value, &out->value))
      return tertial__error(TERTIAL_ERR_OVERFLOW, "Återstår overflows");
  }
  if (!p || !out->present || !c->sign)
    return 0;
  int negate = 0;
  if (c->sign == 2)
    negate = p->deviation == TERTIAL_DEVIATION_OUTCOME_MINUS_BUDGET;
  else if (p->signs == TERTIAL_SIGNS_COSTS_NEGATIVE)
    negate = 1;
  else if (p->signs == TERTIAL_SIGNS_POSITIVE)
    negate = tertial_report_line_at(s, line)->revenue;
  if (negate && __builtin_sub_overflow((int64_t)0, out->value, &out->value))
    return tertial__error(TERTIAL_ERR_OVERFLOW, "an amount overflows when its sign is turned");
  return 0;
}

int tertial__present_parent(const tertial_presentation *p, const tertial_report_section *s, size_t i)
{
  const tertial_report_line *l = tertial_report_line_at(s, i);
  if (l->parent_line < 0 || !p || p->signs != TERTIAL_SIGNS_POSITIVE || s->kind != TERTIAL_SECTION_ROWS)
    return l->parent_line;
  const tertial_report_line *parent = tertial_report_line_at(s, (size_t)l->parent_line);
  for (size_t k = 0; k < s->line_count; k++) {
    const tertial_report_line *kid = tertial_report_line_at(s, k);
    if (kid->parent_line == l->parent_line && !kid->informational && kid->revenue != parent->revenue)
      return -1;
  }
  return l->parent_line;
}
