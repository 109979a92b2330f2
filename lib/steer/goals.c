/* Goals, indicators and activities (goals.h): the goal tree, indicators with exact values per unit
 * and period, aggregation up the organisation, lights against targets, and statuses per
 * follow-up point proposed by a rule and set by people with their history. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"
#include "goals_internal.h"
#include "internal.h"
#include "model_internal.h"
#include "org_internal.h"
#include "strmap.h"
#include "u64map.h"

#include <tertial/goals.h>
#include <tertial/round.h>

typedef struct target_rec {
  int year;
  int64_t target, high;
} target_rec;

typedef struct budget_volume {
  tertial_unit_id unit;
  int64_t per_month;
} budget_volume;

typedef struct ind_rec {
  tertial_indicator_spec pub; /* strings owned */
  int weight;                 /* the weight indicator's id, -1 for none */
  target_rec *targets;
  size_t ntargets, cap_targets;
  char *cost_row;             /* a volume's cost row, NULL when not a volume */
  budget_volume *budget;
  size_t nbudget, cap_budget;
} ind_rec;

typedef struct value_rec {
  int64_t value;
  uint32_t source; /* index into the interned sources */
  time_t imported;
  tertial_indicator_id indicator;
  tertial_unit_id unit;
  int month;
} value_rec;

typedef struct column {
  uint32_t *values;  /* indices in values, in the order set */
  size_t n, cap;
  tertial_u64map at; /* unit -> index in values */
} column;

typedef struct goal_rec {
  tertial_goal pub; /* strings owned */
  tertial_indicator_id *links;
  size_t nlinks, cap_links;
} goal_rec;

typedef struct setting {
  tertial_goal_state pub; /* strings owned */
} setting;

typedef struct history {
  setting *items;
  size_t n, cap;
} history;

struct tertial__goals {
  tertial_model *model;
  ind_rec *inds;
  size_t ninds, cap_inds;
  tertial_strmap ind_by_code;
  value_rec *values;
  size_t nvalues, cap_values;
  column *columns;         /* the values of one indicator and month, for aggregating them all at once */
  size_t ncolumns, cap_columns;
  tertial_u64map column_at; /* (indicator, month) -> index in columns */
  char **sources;          /* the values' sources, each once (a file's values share one) */
  size_t nsources, cap_sources;
  tertial_strmap source_at;
  goal_rec *goals;
  size_t ngoals, cap_goals;
  tertial_strmap goal_by_code;
  tertial_goal_rule rule;
  char **points; /* the follow-up points settings were made at, interned */
  size_t npoints, cap_points;
  history *histories;
  size_t nhistories, cap_histories;
  tertial_u64map history_at; /* (goal, point) -> index in histories */
};

#define G(goals) ((tertial__goals *)(goals))

static void free_ind(ind_rec *r)
{
  free((char *)r->pub.code);
  free((char *)r->pub.name);
  free((char *)r->pub.unit_of_measure);
  free((char *)r->pub.external_id);
  free(r->targets);
  free(r->cost_row);
  free(r->budget);
}

static void free_setting(setting *s)
{
  free((char *)s->pub.reason);
  free((char *)s->pub.comment);
  free((char *)s->pub.by);
}

void tertial__goals_free(tertial__goals *g)
{
  if (!g)
    return;
  for (size_t i = 0; i < g->ninds; i++)
    free_ind(&g->inds[i]);
  free(g->inds);
  tertial__strmap_free(&g->ind_by_code);
  free(g->values);
  for (size_t i = 0; i < g->ncolumns; i++) {
    free(g->columns[i].values);
    tertial__u64map_free(&g->columns[i].at);
  }
  free(g->columns);
  tertial__u64map_free(&g->column_at);
  for (size_t i = 0; i < g->nsources; i++)
    free(g->sources[i]);
  free(g->sources);
  tertial__strmap_free(&g->source_at);
  for (size_t i = 0; i < g->ngoals; i++) {
    goal_rec *r = &g->goals[i];
    free((char *)r->pub.code);
    free((char *)r->pub.name);
    free((char *)r->pub.text);
    free((char *)r->pub.responsible);
    free(r->links);
  }
  free(g->goals);
  tertial__strmap_free(&g->goal_by_code);
  for (size_t i = 0; i < g->npoints; i++)
    free(g->points[i]);
  free(g->points);
  for (size_t i = 0; i < g->nhistories; i++) {
    for (size_t k = 0; k < g->histories[i].n; k++)
      free_setting(&g->histories[i].items[k]);
    free(g->histories[i].items);
  }
  free(g->histories);
  tertial__u64map_free(&g->history_at);
  free(g);
}

tertial_goals *tertial_model_goals(tertial_model *model)
{
  if (!model)
    return NULL;
  tertial__goals *g = tertial__model_goals(model);
  if (!g) {
    g = tertial__calloc(1, sizeof *g);
    if (!g)
      return NULL;
    g->model = model;
    g->rule = (tertial_goal_rule)TERTIAL_GOAL_RULE_INIT;
    tertial__model_set_goals(model, g);
  }
  return (tertial_goals *)g;
}

/* ---- indicators ---- */

static int valid_text(const char *s)
{
  return s && g_utf8_validate(s, -1, NULL);
}

static const ind_rec *ind_of(const tertial__goals *g, tertial_indicator_id id)
{
  return g && id < g->ninds ? &g->inds[id] : NULL;
}

static int need_ind(const tertial__goals *g, tertial_indicator_id id, const char *fn)
{
  if (!g)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: goals is NULL", fn);
  return id < g->ninds ? 0 : tertial__error(TERTIAL_ERR_NOT_FOUND, "%s: no indicator with id %u", fn, (unsigned)id);
}

int tertial_indicator_add(tertial_indicator_id *out_id, tertial_goals *goals, const tertial_indicator_spec *spec)
{
  tertial__goals *g = G(goals);
  if (!g || !spec)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_add: NULL argument");
  if (spec->version != TERTIAL_INDICATOR_SPEC_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_add: unknown spec version %u", spec->version);
  if (!valid_text(spec->code) || !*spec->code || !valid_text(spec->name) || !*spec->name)
    return tertial__error(TERTIAL_ERR_INVALID, "an indicator needs a code and a name in UTF-8");
  const char *uom = spec->unit_of_measure ? spec->unit_of_measure : "";
  const char *ext = spec->external_id ? spec->external_id : "";
  if (!valid_text(uom) || !valid_text(ext))
    return tertial__error(TERTIAL_ERR_INVALID, "indicator %s: the unit of measure and external id must be UTF-8",
                          spec->code);
  if ((unsigned)spec->direction > TERTIAL_WITHIN_INTERVAL || (unsigned)spec->aggregation > TERTIAL_AGGREGATE_NONE ||
      (unsigned)spec->periodicity > TERTIAL_YEARLY)
    return tertial__error(TERTIAL_ERR_INVALID, "indicator %s: unknown direction, aggregation or periodicity",
                          spec->code);
  if (spec->decimals < 0 || spec->decimals > 6)
    return tertial__error(TERTIAL_ERR_RANGE, "indicator %s: %d decimals, expected 0..6", spec->code, spec->decimals);
  if (spec->green_margin < 0 || spec->yellow_margin < spec->green_margin ||
      (spec->relative && spec->yellow_margin > 1000000))
    return tertial__error(TERTIAL_ERR_RANGE, "indicator %s: margins must be 0 <= green <= yellow%s", spec->code,
                          spec->relative ? " <= 1 000 000 per mille" : "");
  uint32_t existing;
  if (tertial__strmap_get(&g->ind_by_code, spec->code, &existing))
    return tertial__error(TERTIAL_ERR_EXISTS, "an indicator with code \"%s\" exists", spec->code);
  int weight = -1;
  int weighted = spec->aggregation == TERTIAL_AGGREGATE_WEIGHTED_MEAN;
  if (weighted != (spec->weight != NULL && *spec->weight))
    return tertial__error(TERTIAL_ERR_INVALID, "indicator %s: a weight goes with the weighted mean, and only with it",
                          spec->code);
  if (weighted) {
    if (!tertial__strmap_get(&g->ind_by_code, spec->weight, &existing))
      return tertial__error(TERTIAL_ERR_NOT_FOUND, "indicator %s: no weight indicator \"%s\"", spec->code,
                            spec->weight);
    weight = (int)existing;
  }
  if (g->ninds >= UINT32_MAX - 1)
    return tertial__error(TERTIAL_ERR_RANGE, "too many indicators");
  int rc = tertial__grow((void **)&g->inds, &g->cap_inds, g->ninds + 1, sizeof *g->inds);
  if (rc == 0)
    rc = tertial__strmap_reserve(&g->ind_by_code, 1);
  if (rc < 0)
    return rc;
  ind_rec r = {*spec, weight, NULL, 0, 0, NULL, NULL, 0, 0};
  r.pub.code = tertial__strdup(spec->code);
  r.pub.name = tertial__strdup(spec->name);
  r.pub.unit_of_measure = tertial__strdup(uom);
  r.pub.external_id = tertial__strdup(ext);
  r.pub.weight = NULL; /* borrowed from the weight's record when read */
  if (!r.pub.code || !r.pub.name || !r.pub.unit_of_measure || !r.pub.external_id) {
    free_ind(&r);
    return TERTIAL_ERR_NOMEM;
  }
  tertial_indicator_id id = (tertial_indicator_id)g->ninds;
  g->inds[g->ninds++] = r;
  if (weight >= 0)
    g->inds[id].pub.weight = g->inds[weight].pub.code;
  tertial__strmap_put(&g->ind_by_code, g->inds[id].pub.code, id); /* room reserved */
  if (out_id)
    *out_id = id;
  return 0;
}

size_t tertial_indicator_count(const tertial_goals *goals)
{
  return goals ? G(goals)->ninds : 0;
}

const tertial_indicator_spec *tertial_indicator_at(const tertial_goals *goals, tertial_indicator_id id)
{
  const ind_rec *r = ind_of(G(goals), id);
  return r ? &r->pub : NULL;
}

int tertial_indicator_find(tertial_indicator_id *out_id, const tertial_goals *goals, const char *code)
{
  if (!out_id || !goals || !code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_find: NULL argument");
  uint32_t id;
  if (!tertial__strmap_get(&G(goals)->ind_by_code, code, &id))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no indicator with code \"%s\"", code);
  *out_id = id;
  return 0;
}

int tertial_indicator_set_target(tertial_goals *goals, tertial_indicator_id id, int year, int64_t target, int64_t high)
{
  tertial__goals *g = G(goals);
  int rc = need_ind(g, id, "tertial_indicator_set_target");
  if (rc < 0)
    return rc;
  ind_rec *r = &g->inds[id];
  if (year < 1900 || year > 9999)
    return tertial__error(TERTIAL_ERR_RANGE, "indicator %s: year %d outside 1900..9999", r->pub.code, year);
  if (r->pub.direction != TERTIAL_WITHIN_INTERVAL)
    high = target;
  else if (high < target)
    return tertial__error(TERTIAL_ERR_RANGE, "indicator %s: the interval's upper end is below its lower end",
                          r->pub.code);
  for (size_t i = 0; i < r->ntargets; i++)
    if (r->targets[i].year == year) {
      r->targets[i].target = target;
      r->targets[i].high = high;
      return 0;
    }
  if ((rc = tertial__grow((void **)&r->targets, &r->cap_targets, r->ntargets + 1, sizeof *r->targets)) < 0)
    return rc;
  r->targets[r->ntargets++] = (target_rec){year, target, high};
  return 0;
}

static const target_rec *target_of(const ind_rec *r, int year)
{
  for (size_t i = 0; i < r->ntargets; i++)
    if (r->targets[i].year == year)
      return &r->targets[i];
  return NULL;
}

int tertial_indicator_target(int64_t *out_target, int64_t *out_high, const tertial_goals *goals,
                             tertial_indicator_id id, int year)
{
  int rc = need_ind(G(goals), id, "tertial_indicator_target");
  if (rc < 0)
    return rc;
  const target_rec *t = target_of(&G(goals)->inds[id], year);
  if (!t)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "indicator %s has no target for %d", G(goals)->inds[id].pub.code,
                          year);
  if (out_target)
    *out_target = t->target;
  if (out_high)
    *out_high = t->high;
  return 0;
}

/* A period yyyymm as a month count (year * 12 + month - 1); -1 when it is not one. */
static int month_of(int period)
{
  int y = period / 100, m = period % 100;
  return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 ? y * 12 + m - 1 : -1;
}

static int period_of(int month)
{
  return (month / 12) * 100 + month % 12 + 1;
}

static int check_unit_period(const tertial__goals *g, tertial_unit_id unit, int period, int *month)
{
  if (unit >= tertial_org_unit_count(tertial_model_org(g->model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  if ((*month = month_of(period)) < 0)
    return tertial__error(TERTIAL_ERR_RANGE, "%d is not a period yyyymm", period);
  return 0;
}

/* A source's index among the interned ones (kept once an added value uses it). */
static int intern_source(uint32_t *out, tertial__goals *g, const char *source)
{
  if (tertial__strmap_get(&g->source_at, source, out))
    return 0;
  int rc = tertial__grow((void **)&g->sources, &g->cap_sources, g->nsources + 1, sizeof *g->sources);
  if (rc == 0)
    rc = tertial__strmap_reserve(&g->source_at, 1);
  char *copy = rc == 0 ? tertial__strdup(source) : NULL;
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  *out = (uint32_t)g->nsources;
  g->sources[g->nsources++] = copy;
  tertial__strmap_put(&g->source_at, copy, *out); /* room reserved */
  return 0;
}

/* The column of an indicator's values in a month, made when there is none: its index, or an error. */
static int column_of(uint32_t *out, tertial__goals *g, tertial_indicator_id id, int month)
{
  int added = 0;
  int rc = tertial__grow((void **)&g->columns, &g->cap_columns, g->ncolumns + 1, sizeof *g->columns);
  if (rc == 0)
    rc = tertial__u64map_get_or_put(&g->column_at, ((uint64_t)id << 24) | (uint64_t)month, (uint32_t)g->ncolumns,
                                    out, &added);
  if (rc == 0 && added)
    g->columns[g->ncolumns++] = (column){NULL, 0, 0, {NULL, 0, 0}};
  return rc;
}

/* Set values of one indicator and month: checked, room made, then set (all or nothing). */
static int set_values(tertial__goals *g, tertial_indicator_id id, int period, const tertial_unit_id *units,
                      const int64_t *values, size_t n, const char *source, time_t imported, const char *fn)
{
  int month = 0, rc = need_ind(g, id, fn);
  size_t nunits = g ? tertial_org_unit_count(tertial_model_org(g->model)) : 0;
  if (rc == 0 && (month = month_of(period)) < 0)
    rc = tertial__error(TERTIAL_ERR_RANGE, "%d is not a period yyyymm", period);
  for (size_t i = 0; rc == 0 && i < n; i++)
    if (units[i] >= nunits)
      rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)units[i]);
  if (rc == 0 && id >= (1u << 20))
    rc = tertial__error(TERTIAL_ERR_RANGE, "too many indicators for values");
  if (rc == 0 && nunits > (1u << 27))
    rc = tertial__error(TERTIAL_ERR_RANGE, "too many units for values");
  if (rc == 0 && source && !valid_text(source))
    rc = tertial__error(TERTIAL_ERR_INVALID, "a value's source must be UTF-8");
  uint32_t src = 0, col = 0;
  if (rc == 0)
    rc = intern_source(&src, g, source ? source : "");
  if (rc == 0)
    rc = column_of(&col, g, id, month);
  if (rc == 0)
    rc = tertial__grow((void **)&g->values, &g->cap_values, g->nvalues + n, sizeof *g->values);
  if (rc == 0)
    rc = tertial__grow((void **)&g->columns[col].values, &g->columns[col].cap, g->columns[col].n + n,
                       sizeof *g->columns[col].values);
  if (rc == 0)
    rc = tertial__u64map_reserve(&g->columns[col].at, n);
  if (rc < 0)
    return rc;
  column *c = &g->columns[col];
  for (size_t i = 0; i < n; i++) {
    uint32_t at;
    int added;
    tertial__u64map_get_or_put(&c->at, units[i], (uint32_t)g->nvalues, &at, &added);
    if (added) {
      g->nvalues++;
      c->values[c->n++] = at;
    }
    g->values[at] = (value_rec){values[i], src, imported, id, units[i], month};
  }
  return 0;
}

int tertial_indicator_set_value(tertial_goals *goals, tertial_indicator_id id, tertial_unit_id unit, int period,
                                int64_t value, const char *source, time_t imported)
{
  return set_values(G(goals), id, period, &unit, &value, 1, source, imported, "tertial_indicator_set_value");
}

int tertial_indicator_set_values(tertial_goals *goals, tertial_indicator_id id, int period,
                                 const tertial_unit_id *units, const int64_t *values, size_t n, const char *source,
                                 time_t imported)
{
  if (n && (!units || !values))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_set_values: NULL arrays");
  return set_values(G(goals), id, period, units, values, n, source, imported, "tertial_indicator_set_values");
}

static const value_rec *own_value(const tertial__goals *g, tertial_indicator_id id, tertial_unit_id unit, int month)
{
  uint32_t col, at;
  if (!tertial__u64map_get(&g->column_at, ((uint64_t)id << 24) | (uint64_t)month, &col) ||
      !tertial__u64map_get(&g->columns[col].at, unit, &at))
    return NULL;
  return &g->values[at];
}

int tertial_indicator_own_value(tertial_indicator_value *out, const tertial_goals *goals, tertial_indicator_id id,
                                tertial_unit_id unit, int period)
{
  const tertial__goals *g = G(goals);
  int month = 0, rc = out ? need_ind(g, id, "tertial_indicator_own_value")
                      : tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_own_value: out is NULL");
  if (rc == 0)
    rc = check_unit_period(g, unit, period, &month);
  if (rc < 0)
    return rc;
  const value_rec *v = own_value(g, id, unit, month);
  if (!v)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "indicator %s has no value of its own at unit %s in %d",
                          g->inds[id].pub.code, tertial_org_unit(tertial_model_org(g->model), unit)->code, period);
  *out = (tertial_indicator_value){v->value, g->sources[v->source], v->imported};
  return 0;
}

static const int64_t pow10s[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* Skip a digit group separator: a space, NBSP (C2 A0) or narrow NBSP (E2 80 AF). */
static size_t group_separator(const char *s)
{
  if (*s == ' ')
    return 1;
  if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
    return 2;
  if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF)
    return 3;
  return 0;
}

int tertial_indicator_parse_value(int64_t *out, const tertial_goals *goals, tertial_indicator_id id, const char *text)
{
  int rc = out && text ? need_ind(G(goals), id, "tertial_indicator_parse_value")
                       : tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_parse_value: NULL argument");
  if (rc < 0)
    return rc;
  int decimals = G(goals)->inds[id].pub.decimals;
  const char *s = text;
  while (*s == ' ' || *s == '\t')
    s++;
  int negative = 0;
  if (*s == '-' || *s == '+') {
    negative = *s == '-';
    s++;
  } else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x88 && (unsigned char)s[2] == 0x92) {
    negative = 1; /* U+2212 minus sign */
    s += 3;
  }
  tertial_i128 v = 0;
  int digits = 0, fraction = -1;
  for (;;) {
    size_t sep;
    if (*s >= '0' && *s <= '9') {
      if (fraction >= 0 && ++fraction > decimals)
        return tertial__error(TERTIAL_ERR_PARSE, "\"%s\": more than %d decimals for indicator %s", text, decimals,
                              G(goals)->inds[id].pub.code);
      v = v * 10 + (*s - '0');
      if (v > INT64_MAX)
        return tertial__error(TERTIAL_ERR_OVERFLOW, "\"%s\" is out of range", text);
      digits++;
      s++;
    } else if ((*s == ',' || *s == '.') && fraction < 0 && digits > 0) {
      fraction = 0;
      s++;
    } else if (fraction < 0 && digits > 0 && (sep = group_separator(s)) && s[sep] >= '0' && s[sep] <= '9') {
      s += sep;
    } else {
      break;
    }
  }
  while (*s == ' ' || *s == '\t')
    s++;
  if (!digits || *s || fraction == 0)
    return tertial__error(TERTIAL_ERR_PARSE, "\"%s\" is not a number (e.g. 73,4 or 1 234)", text);
  v *= pow10s[decimals - (fraction < 0 ? 0 : fraction)];
  if (v > INT64_MAX)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "\"%s\" is out of range", text);
  *out = (int64_t)(negative ? -v : v);
  return 0;
}

int tertial_indicator_format_value(char *buf, size_t size, const tertial_goals *goals, tertial_indicator_id id,
                                   int64_t value)
{
  int rc = buf ? need_ind(G(goals), id, "tertial_indicator_format_value")
               : tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_format_value: buf is NULL");
  if (rc < 0)
    return rc;
  int decimals = G(goals)->inds[id].pub.decimals;
  uint64_t a = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
  uint64_t whole = a / (uint64_t)pow10s[decimals], frac = a % (uint64_t)pow10s[decimals];
  char digits[32], tmp[64];
  int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)whole), n = 0;
  if (value < 0)
    tmp[n++] = '-';
  for (int i = 0; i < nd; i++) {
    if (i > 0 && (nd - i) % 3 == 0)
      tmp[n++] = ' ';
    tmp[n++] = digits[i];
  }
  if (decimals > 0)
    n += snprintf(tmp + n, sizeof tmp - (size_t)n, ",%0*llu", decimals, (unsigned long long)frac);
  tmp[n] = '\0';
  if ((size_t)n >= size)
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_indicator_format_value: the buffer holds %zu bytes, %d needed",
                          size, n + 1);
  memcpy(buf, tmp, (size_t)n + 1);
  return n;
}

/* A margin in values: relative margins are per mille of the target's magnitude. */
static tertial_i128 margin_of(const ind_rec *r, int64_t margin, int64_t target)
{
  if (!r->pub.relative)
    return margin;
  tertial_i128 t = target < 0 ? -(tertial_i128)target : target;
  return tertial__div_round(t * margin, 1000);
}

static tertial_light light_of(const ind_rec *r, int64_t value, int64_t target, int64_t high)
{
  tertial_i128 v = value, gm = margin_of(r, r->pub.green_margin, target), ym = margin_of(r, r->pub.yellow_margin, target);
  tertial_i128 gmh = margin_of(r, r->pub.green_margin, high), ymh = margin_of(r, r->pub.yellow_margin, high);
  switch (r->pub.direction) {
  case TERTIAL_HIGHER_IS_BETTER:
    return v >= target - gm ? TERTIAL_LIGHT_GREEN : v >= target - ym ? TERTIAL_LIGHT_YELLOW : TERTIAL_LIGHT_RED;
  case TERTIAL_LOWER_IS_BETTER:
    return v <= target + gm ? TERTIAL_LIGHT_GREEN : v <= target + ym ? TERTIAL_LIGHT_YELLOW : TERTIAL_LIGHT_RED;
  default:
    if (v >= target - gm && v <= high + gmh)
      return TERTIAL_LIGHT_GREEN;
    return v >= target - ym && v <= high + ymh ? TERTIAL_LIGHT_YELLOW : TERTIAL_LIGHT_RED;
  }
}

tertial_light tertial_indicator_light(const tertial_goals *goals, tertial_indicator_id id, int64_t value,
                                      int64_t target, int64_t target_high)
{
  const ind_rec *r = ind_of(G(goals), id);
  if (!r)
    return TERTIAL_LIGHT_NONE;
  return light_of(r, value, target, r->pub.direction == TERTIAL_WITHIN_INTERVAL ? target_high : target);
}

/* ---- aggregation up the organisation ---- */

/* What the units below a unit contribute: each branch the value of its highest unit that has one. */
typedef struct acc {
  size_t n;          /* units contributing */
  tertial_i128 sum;  /* of their values */
  size_t nw;         /* of them, with a weight */
  tertial_i128 wsum; /* of value x weight */
  tertial_i128 wtot; /* of weights */
  int64_t min, max;
} acc;

static void acc_one(acc *a, int64_t v, const value_rec *w)
{
  *a = (acc){1, v, 0, 0, 0, v, v};
  if (w) {
    a->nw = 1;
    a->wsum = (tertial_i128)v * w->value;
    a->wtot = w->value;
  }
}

static void acc_merge(acc *into, const acc *a)
{
  if (!a->n)
    return;
  if (!into->n) {
    *into = *a;
    return;
  }
  into->n += a->n;
  into->sum += a->sum;
  into->nw += a->nw;
  into->wsum += a->wsum;
  into->wtot += a->wtot;
  into->min = a->min < into->min ? a->min : into->min;
  into->max = a->max > into->max ? a->max : into->max;
}

/* The value an accumulation stands for by the indicator's rule: 1, 0 (none) or an error. */
static int acc_value(int64_t *out, const ind_rec *r, const acc *a, int own)
{
  tertial_i128 v;
  if (own) { /* the unit's own value, whatever the rule (acc_one() made min the value) */
    *out = a->min;
    return 1;
  }
  if (!a->n || r->pub.aggregation == TERTIAL_AGGREGATE_NONE)
    return 0;
  switch (r->pub.aggregation) {
  case TERTIAL_AGGREGATE_MEAN:
    v = tertial__div_round(a->sum, (tertial_i128)a->n);
    break;
  case TERTIAL_AGGREGATE_WEIGHTED_MEAN:
    if (a->wtot <= 0)
      return 0;
    v = tertial__div_round(a->wsum, a->wtot);
    break;
  case TERTIAL_AGGREGATE_MIN:
    v = a->min;
    break;
  case TERTIAL_AGGREGATE_MAX:
    v = a->max;
    break;
  default:
    v = a->sum;
    break;
  }
  if (v > INT64_MAX || v < INT64_MIN)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "indicator %s: the aggregated value is out of range", r->pub.code);
  *out = (int64_t)v;
  return 1;
}

/* Aggregate an indicator at a month over the subtree of root (TERTIAL_NO_UNIT: every root): every
 * unit's accumulation and whether its value is its own. */
static int aggregate(acc *accs, unsigned char *own, const tertial__goals *g, tertial_indicator_id id,
                     tertial_unit_id root, int month)
{
  const tertial_org *org = tertial_model_org(g->model);
  size_t nunits = tertial_org_unit_count(org);
  int period = period_of(month);
  tertial_unit_id *order = tertial__calloc(nunits ? nunits : 1, sizeof *order);
  if (!order)
    return TERTIAL_ERR_NOMEM;
  size_t n = 0;
  tertial_org_iter *it = NULL;
  int rc = 0, depth;
  tertial_unit_id u;
  /* the subtree of root, or of every root the organisation has in the period */
  for (tertial_unit_id r0 = root != TERTIAL_NO_UNIT ? root : 0; rc == 0 && r0 < nunits; r0++) {
    if (root == TERTIAL_NO_UNIT && tertial__org_parent_at(org, r0, period) != TERTIAL_NO_UNIT)
      continue;
    rc = tertial_org_iter_new(&it, org, r0, period);
    while (rc == 0 && tertial_org_iter_next(it, &u, &depth) == 1)
      order[n++] = u;
    tertial_org_iter_free(it);
    it = NULL;
    if (root != TERTIAL_NO_UNIT)
      break;
  }
  const ind_rec *r = &g->inds[id];
  /* every own value of the month at its unit (one pass over its column, no lookup per unit) */
  uint32_t col;
  if (rc == 0 && tertial__u64map_get(&g->column_at, ((uint64_t)id << 24) | (uint64_t)month, &col))
    for (size_t i = 0; i < g->columns[col].n; i++) {
      const value_rec *v = &g->values[g->columns[col].values[i]];
      acc_one(&accs[v->unit], v->value,
              r->weight >= 0 ? own_value(g, (tertial_indicator_id)r->weight, v->unit, month) : NULL);
      own[v->unit] = 1;
    }
  /* children before parents: the reverse of the pre-order; a unit with its own value stands for
   * its branch */
  for (size_t k = n; rc == 0 && k-- > 0;) {
    u = order[k];
    tertial_unit_id p = u == root ? TERTIAL_NO_UNIT : tertial__org_parent_at(org, u, period);
    if (p != TERTIAL_NO_UNIT && !own[p])
      acc_merge(&accs[p], &accs[u]);
  }
  free(order);
  return rc;
}

/* The value of an indicator at a unit and month: 1 (in *out), 0 (none) or an error. */
static int value_at(int64_t *out, size_t *units, int *own_flag, const tertial__goals *g, tertial_indicator_id id,
                    tertial_unit_id unit, int month)
{
  const ind_rec *r = &g->inds[id];
  const value_rec *v = own_value(g, id, unit, month);
  if (units)
    *units = v ? 1 : 0;
  if (own_flag)
    *own_flag = v != NULL;
  if (v) {
    *out = v->value;
    return 1;
  }
  if (r->pub.aggregation == TERTIAL_AGGREGATE_NONE)
    return 0;
  size_t nunits = tertial_org_unit_count(tertial_model_org(g->model));
  acc *accs = tertial__calloc(nunits ? nunits : 1, sizeof *accs);
  unsigned char *own = tertial__calloc(nunits ? nunits : 1, 1);
  int rc = accs && own ? aggregate(accs, own, g, id, unit, month) : TERTIAL_ERR_NOMEM;
  if (rc == 0) {
    rc = acc_value(out, r, &accs[unit], 0);
    if (units)
      *units = rc == 1 ? (r->pub.aggregation == TERTIAL_AGGREGATE_WEIGHTED_MEAN ? accs[unit].nw : accs[unit].n) : 0;
  }
  free(accs);
  free(own);
  return rc;
}

static void fill_target(tertial_indicator_result *out, const ind_rec *r, int year)
{
  const target_rec *t = target_of(r, year);
  out->has_target = t != NULL;
  out->target = t ? t->target : 0;
  out->target_high = t ? t->high : 0;
  out->light = out->has_value && t ? light_of(r, out->value, t->target, t->high) : TERTIAL_LIGHT_NONE;
}

int tertial_indicator_evaluate(tertial_indicator_result *out, tertial_goals *goals, tertial_indicator_id id,
                               tertial_unit_id unit, int period, int year)
{
  const tertial__goals *g = G(goals);
  int month = 0, rc = out ? need_ind(g, id, "tertial_indicator_evaluate")
                      : tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_evaluate: out is NULL");
  if (rc == 0)
    rc = check_unit_period(g, unit, period, &month);
  if (rc < 0)
    return rc;
  const ind_rec *r = &g->inds[id];
  memset(out, 0, sizeof *out);
  if ((rc = value_at(&out->value, &out->units, &out->own, g, id, unit, month)) < 0)
    return rc;
  out->has_value = rc;
  fill_target(out, r, year);
  static const int step[] = {1, 4, 12};
  int back = month - step[r->pub.periodicity];
  if (back >= 1900 * 12 && (rc = value_at(&out->previous, NULL, NULL, g, id, unit, back)) < 0)
    return rc;
  out->has_previous = back >= 1900 * 12 && rc == 1;
  rc = 0;
  if (month - 12 >= 1900 * 12 && (rc = value_at(&out->last_year, NULL, NULL, g, id, unit, month - 12)) < 0)
    return rc;
  out->has_last_year = month - 12 >= 1900 * 12 && rc == 1;
  return 0;
}

int tertial_indicator_evaluate_all(tertial_indicator_result *out, tertial_goals *goals, tertial_indicator_id id,
                                   int period, int year)
{
  const tertial__goals *g = G(goals);
  int month = 0, rc = out ? need_ind(g, id, "tertial_indicator_evaluate_all")
                      : tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_evaluate_all: out is NULL");
  if (rc == 0 && (month = month_of(period)) < 0)
    rc = tertial__error(TERTIAL_ERR_RANGE, "%d is not a period yyyymm", period);
  if (rc < 0)
    return rc;
  const ind_rec *r = &g->inds[id];
  size_t nunits = tertial_org_unit_count(tertial_model_org(g->model));
  acc *accs = tertial__calloc(nunits ? nunits : 1, sizeof *accs);
  unsigned char *own = tertial__calloc(nunits ? nunits : 1, 1);
  rc = accs && own ? aggregate(accs, own, g, id, TERTIAL_NO_UNIT, month) : TERTIAL_ERR_NOMEM;
  for (size_t u = 0; rc >= 0 && u < nunits; u++) {
    tertial_indicator_result *x = &out[u];
    memset(x, 0, sizeof *x);
    x->own = own[u];
    if ((rc = acc_value(&x->value, r, &accs[u], own[u])) < 0)
      break;
    x->has_value = rc;
    x->units = rc ? (r->pub.aggregation == TERTIAL_AGGREGATE_WEIGHTED_MEAN && !own[u] ? accs[u].nw : accs[u].n) : 0;
    fill_target(x, r, year);
  }
  free(accs);
  free(own);
  return rc < 0 ? rc : 0;
}

/* ---- volumes: cost per user and the early warning ---- */

int tertial_indicator_set_cost_row(tertial_goals *goals, tertial_indicator_id id, const char *row_code)
{
  tertial__goals *g = G(goals);
  int rc = row_code ? need_ind(g, id, "tertial_indicator_set_cost_row")
                    : tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_set_cost_row: row_code is NULL");
  if (rc < 0)
    return rc;
  const tertial_rowmap *map = tertial_model_rowmap(g->model);
  int row;
  if ((rc = tertial_rowmap_find_row(&row, map, row_code)) < 0)
    return rc;
  if (tertial_rowmap_row(map, (size_t)row)->kind != TERTIAL_ROW_LINE)
    return tertial__error(TERTIAL_ERR_STATE, "indicator %s: report row \"%s\" is not a line row",
                          g->inds[id].pub.code, row_code);
  char *copy = tertial__strdup(row_code);
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  free(g->inds[id].cost_row);
  g->inds[id].cost_row = copy;
  return 0;
}

const char *tertial_indicator_cost_row(const tertial_goals *goals, tertial_indicator_id id)
{
  const ind_rec *r = ind_of(G(goals), id);
  return r ? r->cost_row : NULL;
}

int tertial_indicator_set_budget_volume(tertial_goals *goals, tertial_indicator_id id, tertial_unit_id unit,
                                        int64_t per_month)
{
  tertial__goals *g = G(goals);
  int rc = need_ind(g, id, "tertial_indicator_set_budget_volume");
  if (rc == 0 && unit >= tertial_org_unit_count(tertial_model_org(g->model)))
    rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  if (rc == 0 && per_month < 0)
    rc = tertial__error(TERTIAL_ERR_RANGE, "indicator %s: a budgeted volume is 0 or more", g->inds[id].pub.code);
  if (rc < 0)
    return rc;
  ind_rec *r = &g->inds[id];
  for (size_t i = 0; i < r->nbudget; i++)
    if (r->budget[i].unit == unit) {
      r->budget[i].per_month = per_month;
      return 0;
    }
  if ((rc = tertial__grow((void **)&r->budget, &r->cap_budget, r->nbudget + 1, sizeof *r->budget)) < 0)
    return rc;
  r->budget[r->nbudget++] = (budget_volume){unit, per_month};
  return 0;
}

int tertial_indicator_budget_volume(int64_t *out, const tertial_goals *goals, tertial_indicator_id id,
                                    tertial_unit_id unit)
{
  const tertial__goals *g = G(goals);
  int rc = out ? need_ind(g, id, "tertial_indicator_budget_volume")
               : tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_budget_volume: out is NULL");
  if (rc < 0)
    return rc;
  const ind_rec *r = &g->inds[id];
  for (size_t i = 0; i < r->nbudget; i++)
    if (r->budget[i].unit == unit) {
      *out = r->budget[i].per_month;
      return 0;
    }
  return tertial__error(TERTIAL_ERR_NOT_FOUND, "indicator %s has no budgeted volume for unit %u", r->pub.code,
                        (unsigned)unit);
}

/* The checks of a volume question; *row receives the cost row's index. */
static int volume_of(int *row, tertial__goals *g, tertial_indicator_id id, tertial_unit_id unit, int month,
                     const char *fn)
{
  int rc = need_ind(g, id, fn);
  if (rc == 0 && unit >= tertial_org_unit_count(tertial_model_org(g->model)))
    rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  if (rc == 0 && !g->inds[id].cost_row)
    rc = tertial__error(TERTIAL_ERR_STATE, "indicator %s is not a volume: it has no cost row "
                        "(tertial_indicator_set_cost_row())", g->inds[id].pub.code);
  if (rc == 0 && (month < 1 || month > 12))
    rc = tertial__error(TERTIAL_ERR_RANGE, "month %d outside 1..12", month);
  if (rc == 0)
    rc = tertial_rowmap_find_row(row, tertial_model_rowmap(g->model), g->inds[id].cost_row);
  return rc;
}

/* The volume at a unit in month k (0..11) of the model's fiscal year: 1, 0 (none) or an error. */
static int volume_in(int64_t *out, const tertial__goals *g, tertial_indicator_id id, tertial_unit_id unit, int k)
{
  int period;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(g->model), k);
  return value_at(out, NULL, NULL, g, id, unit, month_of(period));
}

/* Cost and volume of months first..last (0-based): the sums, and how many months had a volume. */
static int cost_and_volume(tertial_i128 *cost, tertial_i128 *volume, int *months, tertial__goals *g,
                           tertial_indicator_id id, tertial_unit_id unit, int row, int first, int last)
{
  int64_t c;
  int rc = tertial_ledger_row_total(&c, tertial_model_ledger(g->model), tertial_model_rowmap(g->model), unit, row,
                                    TERTIAL_MEASURE_OUTCOME, first, last);
  *cost = c;
  *volume = 0;
  *months = 0;
  for (int k = first; rc >= 0 && k <= last; k++) {
    int64_t v;
    if ((rc = volume_in(&v, g, id, unit, k)) == 1) {
      *volume += v;
      ++*months;
    }
  }
  return rc < 0 ? rc : 0;
}

/* öre per volume unit: cost / (volume / 10^decimals), rounded. */
static int per_unit(int64_t *out, const ind_rec *r, tertial_i128 cost, tertial_i128 volume)
{
  if (volume == 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "indicator %s: no volume to divide the cost by", r->pub.code);
  tertial_i128 v = tertial__div_round(cost * pow10s[r->pub.decimals], volume);
  if (v > INT64_MAX || v < INT64_MIN)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "indicator %s: the cost per unit is out of range", r->pub.code);
  *out = (int64_t)v;
  return 0;
}

int tertial_indicator_cost_per_unit(int64_t *out, tertial_goals *goals, tertial_indicator_id id, tertial_unit_id unit,
                                    int month, int accumulated)
{
  tertial__goals *g = G(goals);
  int row, months, rc = out ? volume_of(&row, g, id, unit, month, "tertial_indicator_cost_per_unit")
                            : tertial__error(TERTIAL_ERR_INVALID, "tertial_indicator_cost_per_unit: out is NULL");
  tertial_i128 cost, volume;
  if (rc == 0)
    rc = cost_and_volume(&cost, &volume, &months, g, id, unit, row, accumulated ? 0 : month - 1, month - 1);
  return rc < 0 ? rc : per_unit(out, &g->inds[id], cost, volume);
}

/* The least-squares line through (month, volume) of the months 1..cutoff with a volume, exactly:
 * proj(m) = (Sy * den + num * (n * m - Sx)) / (n * den), num = n Sxy - Sx Sy, den = n Sxx - Sx^2
 * (a flat line through the one value when there is one month). */
typedef struct trend {
  tertial_i128 n, sx, sy, den, num;
} trend;

static int fit_trend(trend *t, const tertial__goals *g, tertial_indicator_id id, tertial_unit_id unit, int cutoff,
                     int64_t *latest)
{
  tertial_i128 n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  int rc;
  for (int k = 0; k < cutoff; k++) {
    int64_t v;
    if ((rc = volume_in(&v, g, id, unit, k)) < 0)
      return rc;
    if (rc == 1) {
      n++;
      sx += k + 1;
      sy += v;
      sxx += (tertial_i128)(k + 1) * (k + 1);
      sxy += (tertial_i128)(k + 1) * v;
      if (latest)
        *latest = v;
    }
  }
  if (!n)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "indicator %s has no volume at unit %s in months 1..%d",
                          g->inds[id].pub.code, tertial_org_unit(tertial_model_org(g->model), unit)->code, cutoff);
  *t = (trend){n, sx, sy, n * sxx - sx * sx, n * sxy - sx * sy};
  if (t->den == 0) {
    t->den = 1;
    t->num = 0;
  }
  return 0;
}

/* A unit's budgeted volume: its own, else the sum of the budgeted volumes below it (each branch's
 * highest unit that has one), as the organisation stands in the cut-off month. */
static int budget_below(int64_t *out, const tertial__goals *g, tertial_indicator_id id, tertial_unit_id unit,
                        int cutoff)
{
  const ind_rec *r = &g->inds[id];
  const tertial_org *org = tertial_model_org(g->model);
  int period, depth, skip = -1, any = 0, rc;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(g->model), cutoff - 1);
  tertial_org_iter *it = NULL;
  tertial_unit_id u;
  tertial_i128 sum = 0;
  if ((rc = tertial_org_iter_new(&it, org, unit, period)) < 0)
    return rc;
  while (tertial_org_iter_next(it, &u, &depth) == 1) {
    if (skip >= 0 && depth > skip)
      continue; /* below a unit with a budgeted volume of its own */
    skip = -1;
    for (size_t i = 0; i < r->nbudget; i++)
      if (r->budget[i].unit == u) {
        sum += r->budget[i].per_month;
        any = 1;
        skip = depth;
      }
  }
  tertial_org_iter_free(it);
  if (!any)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "indicator %s has no budgeted volume at unit %s or below it",
                          r->pub.code, tertial_org_unit(org, unit)->code);
  if (sum > INT64_MAX)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "indicator %s: the budgeted volume is out of range", r->pub.code);
  *out = (int64_t)sum;
  return 0;
}

int tertial_volume_warning(tertial_volume_outlook *out, tertial_goals *goals, tertial_indicator_id id,
                           tertial_unit_id unit, int cutoff)
{
  tertial__goals *g = G(goals);
  int row, months, rc = out ? volume_of(&row, g, id, unit, cutoff, "tertial_volume_warning")
                            : tertial__error(TERTIAL_ERR_INVALID, "tertial_volume_warning: out is NULL");
  int64_t budgeted = 0;
  if (rc == 0)
    rc = budget_below(&budgeted, g, id, unit, cutoff);
  if (rc < 0)
    return rc;
  memset(out, 0, sizeof *out);
  out->budgeted = budgeted;
  trend t;
  if ((rc = fit_trend(&t, g, id, unit, cutoff, &out->latest)) < 0)
    return rc;
  tertial_i128 n = t.n, sx = t.sx, sy = t.sy, den = t.den, num = t.num;
  out->months = (int)n;
  tertial_i128 scale = n * den, excess = 0;
  for (int m = cutoff + 1; m <= 12; m++) {
    tertial_i128 proj = sy * den + num * (n * m - sx); /* the projection times n * den */
    tertial_i128 over = proj - (tertial_i128)budgeted * scale;
    if (over > 0) {
      excess += over;
      if (!out->first_month)
        out->first_month = m;
    }
  }
  tertial_i128 end = tertial__div_round(sy * den + num * (n * 12 - sx), scale);
  if (end > INT64_MAX || end < INT64_MIN)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "indicator %s: the trend is out of range", g->inds[id].pub.code);
  out->trend_year_end = (int64_t)end;
  out->warns = out->first_month != 0;
  tertial_i128 cost, volume;
  if ((rc = cost_and_volume(&cost, &volume, &months, g, id, unit, row, 0, cutoff - 1)) < 0 ||
      (rc = per_unit(&out->cost_per_unit, &g->inds[id], cost, volume)) < 0)
    return rc;
  /* the volume above budget (excess / scale, in scaled units) times the cost of a user-month
   * (cost / volume, per scaled unit), rounded once */
  tertial_i128 c = volume ? tertial__div_round(excess * cost, scale * volume) : 0;
  if (c > INT64_MAX || c < INT64_MIN)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "indicator %s: the consequence is out of range", g->inds[id].pub.code);
  out->consequence = (int64_t)c;
  return 0;
}

int tertial_indicator_drive_forecast(tertial_goals *goals, tertial_indicator_id id, tertial_unit_id unit, int cutoff)
{
  tertial__goals *g = G(goals);
  int row, rc = volume_of(&row, g, id, unit, cutoff, "tertial_indicator_drive_forecast");
  if (rc < 0)
    return rc;
  const ind_rec *r = &g->inds[id];
  int64_t cost;
  trend t;
  if ((rc = tertial_indicator_cost_per_unit(&cost, goals, id, unit, cutoff, 1)) < 0 ||
      (rc = fit_trend(&t, g, id, unit, cutoff, NULL)) < 0)
    return rc;
  /* the driver's volumes are thousandths of a unit; the indicator's are 10^-decimals: its cost per
   * unit is per whole unit, so the driver's cost stays per whole unit */
  int64_t volumes[12];
  for (int k = 0; k < 12; k++) {
    tertial_i128 v;
    if (k < cutoff) {
      int64_t own = 0;
      if ((rc = volume_in(&own, g, id, unit, k)) < 0)
        return rc;
      v = rc == 1 ? tertial__div_round((tertial_i128)own * 1000, pow10s[r->pub.decimals]) : 0;
    } else { /* the trend, in thousandths */
      tertial_i128 proj = t.sy * t.den + t.num * (t.n * (k + 1) - t.sx);
      v = tertial__div_round(proj * 1000, t.n * t.den * pow10s[r->pub.decimals]);
      if (v < 0)
        v = 0;
    }
    if (v > INT64_MAX)
      return tertial__error(TERTIAL_ERR_OVERFLOW, "indicator %s: a volume is out of range", r->pub.code);
    volumes[k] = (int64_t)v;
  }
  tertial_forecast_plan *plan = tertial_model_forecast_plan(g->model);
  rc = tertial_forecast_set_driver(plan, unit, r->cost_row, r->pub.name, r->pub.unit_of_measure, cost);
  for (int k = 0; rc == 0 && k < 12; k++)
    rc = tertial_forecast_set_volume(plan, unit, r->cost_row, k, volumes[k]);
  return rc;
}

/* ---- the goal tree ---- */

static int need_goal(const tertial__goals *g, tertial_goal_id id, const char *fn)
{
  if (!g)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: goals is NULL", fn);
  return id < g->ngoals ? 0 : tertial__error(TERTIAL_ERR_NOT_FOUND, "%s: no goal with id %u", fn, (unsigned)id);
}

static const char *const kind_names[] = {"strategic area", "council goal", "committee goal", "sub-goal", "activity"};

int tertial_goal_add(tertial_goal_id *out_id, tertial_goals *goals, tertial_goal_kind kind, const char *code,
                     const char *name, const char *text, tertial_goal_id parent, tertial_unit_id unit,
                     const char *responsible, int first_year, int last_year)
{
  tertial__goals *g = G(goals);
  if (!g)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_goal_add: goals is NULL");
  if ((unsigned)kind > TERTIAL_GOAL_ACTIVITY)
    return tertial__error(TERTIAL_ERR_INVALID, "unknown goal kind %d", (int)kind);
  if (!valid_text(code) || !*code || !valid_text(name) || !*name || (text && !valid_text(text)) ||
      (responsible && !valid_text(responsible)))
    return tertial__error(TERTIAL_ERR_INVALID, "a goal needs a code and a name; its texts must be UTF-8");
  uint32_t existing;
  if (tertial__strmap_get(&g->goal_by_code, code, &existing))
    return tertial__error(TERTIAL_ERR_EXISTS, "a goal with code \"%s\" exists", code);
  if (unit >= tertial_org_unit_count(tertial_model_org(g->model)))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "goal %s: no unit with id %u", code, (unsigned)unit);
  if (first_year < 1900 || last_year > 9999 || last_year < first_year)
    return tertial__error(TERTIAL_ERR_RANGE, "goal %s: valid %d..%d, expected years 1900..9999 in order", code,
                          first_year, last_year);
  if (kind == TERTIAL_GOAL_STRATEGIC_AREA) {
    if (parent != TERTIAL_NO_GOAL)
      return tertial__error(TERTIAL_ERR_INVALID, "goal %s: a strategic area has no parent", code);
  } else {
    if (parent >= g->ngoals)
      return tertial__error(TERTIAL_ERR_NOT_FOUND, "goal %s: no parent goal with id %u", code, (unsigned)parent);
    tertial_goal_kind pk = g->goals[parent].pub.kind;
    int fits = pk == kind - 1 || (kind == TERTIAL_GOAL_ACTIVITY && pk == TERTIAL_GOAL_COMMITTEE);
    if (!fits)
      return tertial__error(TERTIAL_ERR_INVALID, "goal %s: a %s cannot sit under a %s (%s)", code, kind_names[kind],
                            kind_names[pk], g->goals[parent].pub.code);
  }
  if (g->ngoals >= UINT32_MAX - 1)
    return tertial__error(TERTIAL_ERR_RANGE, "too many goals");
  int rc = tertial__grow((void **)&g->goals, &g->cap_goals, g->ngoals + 1, sizeof *g->goals);
  if (rc == 0)
    rc = tertial__strmap_reserve(&g->goal_by_code, 1);
  if (rc < 0)
    return rc;
  tertial_goal_id id = (tertial_goal_id)g->ngoals;
  goal_rec r = {{id, kind, tertial__strdup(code), tertial__strdup(name), tertial__strdup(text ? text : ""), parent,
                 unit, tertial__strdup(responsible ? responsible : ""), first_year, last_year},
                NULL, 0, 0};
  if (!r.pub.code || !r.pub.name || !r.pub.text || !r.pub.responsible) {
    free((char *)r.pub.code);
    free((char *)r.pub.name);
    free((char *)r.pub.text);
    free((char *)r.pub.responsible);
    return TERTIAL_ERR_NOMEM;
  }
  g->goals[g->ngoals++] = r;
  tertial__strmap_put(&g->goal_by_code, g->goals[id].pub.code, id); /* room reserved */
  if (out_id)
    *out_id = id;
  return 0;
}

size_t tertial_goal_count(const tertial_goals *goals)
{
  return goals ? G(goals)->ngoals : 0;
}

const tertial_goal *tertial_goal_at(const tertial_goals *goals, tertial_goal_id id)
{
  return goals && id < G(goals)->ngoals ? &G(goals)->goals[id].pub : NULL;
}

int tertial_goal_find(tertial_goal_id *out_id, const tertial_goals *goals, const char *code)
{
  if (!out_id || !goals || !code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_goal_find: NULL argument");
  uint32_t id;
  if (!tertial__strmap_get(&G(goals)->goal_by_code, code, &id))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no goal with code \"%s\"", code);
  *out_id = id;
  return 0;
}

int tertial_measure_set_goal(tertial_model *model, size_t measure_index, const char *goal_code)
{
  if (!model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_measure_set_goal: model is NULL");
  const tertial_measure *m = tertial_measure_at(model, measure_index);
  if (!m)
    return tertial__error(TERTIAL_ERR_RANGE, "no measure %zu", measure_index);
  if (!goal_code || !*goal_code)
    return tertial__measure_set_goal(model, measure_index, "");
  tertial_goals *goals = tertial_model_goals(model);
  tertial_goal_id id;
  int rc = goals ? tertial_goal_find(&id, goals, goal_code) : TERTIAL_ERR_NOMEM;
  if (rc < 0)
    return rc;
  const tertial_goal *goal = tertial_goal_at(goals, id);
  const tertial_org *org = tertial_model_org(model);
  int period;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), 11);
  if (tertial_org_is_within(org, m->unit, goal->unit, period) != 1 &&
      tertial_org_is_within(org, goal->unit, m->unit, period) != 1) {
    tertial_error_clear();
    return tertial__error(TERTIAL_ERR_STATE,
                          "a measure of unit \"%s\" cannot serve goal \"%s\" of unit \"%s\": the units are on "
                          "different branches of the organisation",
                          tertial_org_unit(org, m->unit)->code, goal->code,
                          tertial_org_unit(org, goal->unit)->code);
  }
  return tertial__measure_set_goal(model, measure_index, goal->code);
}

int tertial_goal_link_indicator(tertial_goals *goals, tertial_goal_id goal, tertial_indicator_id indicator)
{
  tertial__goals *g = G(goals);
  int rc = need_goal(g, goal, "tertial_goal_link_indicator");
  if (rc == 0)
    rc = need_ind(g, indicator, "tertial_goal_link_indicator");
  if (rc < 0)
    return rc;
  goal_rec *r = &g->goals[goal];
  for (size_t i = 0; i < r->nlinks; i++)
    if (r->links[i] == indicator)
      return 0;
  if ((rc = tertial__grow((void **)&r->links, &r->cap_links, r->nlinks + 1, sizeof *r->links)) < 0)
    return rc;
  r->links[r->nlinks++] = indicator;
  return 0;
}

int tertial_goal_indicators(tertial_indicator_id **out, size_t *out_n, const tertial_goals *goals,
                            tertial_goal_id goal)
{
  if (!out || !out_n)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_goal_indicators: NULL argument");
  *out = NULL;
  *out_n = 0;
  int rc = need_goal(G(goals), goal, "tertial_goal_indicators");
  if (rc < 0)
    return rc;
  const goal_rec *r = &G(goals)->goals[goal];
  if (!r->nlinks)
    return 0;
  if (!(*out = tertial__malloc(r->nlinks * sizeof **out)))
    return TERTIAL_ERR_NOMEM;
  memcpy(*out, r->links, r->nlinks * sizeof **out);
  *out_n = r->nlinks;
  return 0;
}

static int valid_in(const goal_rec *r, int year)
{
  return year == 0 || (r->pub.first_year <= year && year <= r->pub.last_year);
}

/* Append the nodes below id (pre-order, in the order added) valid in year. */
static void below(tertial_goal_id *out, size_t *n, const tertial__goals *g, tertial_goal_id id, int year)
{
  for (size_t k = id + 1; k < g->ngoals; k++)
    if (g->goals[k].pub.parent == id && valid_in(&g->goals[k], year)) {
      out[(*n)++] = (tertial_goal_id)k;
      below(out, n, g, (tertial_goal_id)k, year);
    }
}

int tertial_goal_red_thread(tertial_goal_id **out, size_t *out_n, size_t *out_up, const tertial_goals *goals,
                            tertial_goal_id goal, int year)
{
  if (!out || !out_n || !out_up)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_goal_red_thread: NULL argument");
  *out = NULL;
  *out_n = *out_up = 0;
  const tertial__goals *g = G(goals);
  int rc = need_goal(g, goal, "tertial_goal_red_thread");
  if (rc < 0)
    return rc;
  tertial_goal_id *ids = tertial__malloc((g->ngoals + 1) * sizeof *ids);
  if (!ids)
    return TERTIAL_ERR_NOMEM;
  size_t n = 0;
  for (tertial_goal_id p = goal; p != TERTIAL_NO_GOAL; p = g->goals[p].pub.parent)
    ids[n++] = p;
  *out_up = n;
  below(ids, &n, g, goal, year);
  *out = ids;
  *out_n = n;
  return 0;
}

/* ---- status at a follow-up point ---- */

static const char *const status_names[] = {"ej påbörjat", "uppfyllt", "delvis uppfyllt", "ej uppfyllt"};

const char *tertial_goal_status_name(tertial_goal_status status)
{
  return (unsigned)status < TERTIAL_GOAL_STATUS_COUNT ? status_names[status] : NULL;
}

int tertial_goals_set_rule(tertial_goals *goals, const tertial_goal_rule *rule)
{
  if (!goals || !rule)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_goals_set_rule: NULL argument");
  if (rule->met_green < 1 || rule->met_green > 1000 || rule->partly_green_yellow < 1 ||
      rule->partly_green_yellow > 1000)
    return tertial__error(TERTIAL_ERR_RANGE, "a goal rule's shares are per mille, 1..1000");
  G(goals)->rule = *rule;
  return 0;
}

tertial_goal_rule tertial_goals_rule(const tertial_goals *goals)
{
  return goals ? G(goals)->rule : (tertial_goal_rule)TERTIAL_GOAL_RULE_INIT;
}

/* The status the rule gives to counted lights. */
static tertial_goal_status by_rule(const tertial_goal_rule *rule, const size_t lights[4])
{
  size_t lit = lights[TERTIAL_LIGHT_GREEN] + lights[TERTIAL_LIGHT_YELLOW] + lights[TERTIAL_LIGHT_RED];
  if (!lit)
    return TERTIAL_GOAL_NOT_STARTED;
  if (!lights[TERTIAL_LIGHT_RED] && lights[TERTIAL_LIGHT_GREEN] * 1000 >= (size_t)rule->met_green * lit)
    return TERTIAL_GOAL_MET;
  if ((lights[TERTIAL_LIGHT_GREEN] + lights[TERTIAL_LIGHT_YELLOW]) * 1000 >= (size_t)rule->partly_green_yellow * lit)
    return TERTIAL_GOAL_PARTLY_MET;
  return TERTIAL_GOAL_NOT_MET;
}

typedef struct point_ctx {
  const char *code;
  int period, year, index; /* index in g->points, -1 when no setting was made there */
} point_ctx;

static int point_of(point_ctx *pc, const tertial__goals *g, const char *code)
{
  if (!code)
    return tertial__error(TERTIAL_ERR_INVALID, "no follow-up point given");
  const tertial_calendar *cal = tertial_model_calendar(g->model);
  size_t i;
  if (tertial_calendar_find_point(&i, cal, code) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no follow-up point \"%s\" in the calendar", code);
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(g->model);
  pc->code = tertial_calendar_point(cal, i)->code;
  pc->year = fy->first_year;
  tertial_fiscal_year_period(&pc->period, fy, tertial_calendar_point(cal, i)->cutoff - 1);
  pc->index = -1;
  for (size_t k = 0; k < g->npoints; k++)
    if (strcmp(g->points[k], code) == 0)
      pc->index = (int)k;
  return 0;
}

static const history *history_of(const tertial__goals *g, tertial_goal_id goal, int point)
{
  uint32_t at;
  if (point < 0 || !tertial__u64map_get(&g->history_at, ((uint64_t)goal << 20) | (uint64_t)point, &at))
    return NULL;
  return &g->histories[at];
}

/* The proposal for a goal at a point: from its indicators' lights at its unit, else from its
 * children's statuses (each set or proposed) counted as lights. */
static int propose(tertial_goal_status *out, size_t lights[4], tertial__goals *g, tertial_goal_id goal,
                   const point_ctx *pc, int depth)
{
  const goal_rec *r = &g->goals[goal];
  memset(lights, 0, 4 * sizeof *lights);
  int rc = 0;
  if (depth > 64)
    return tertial__error(TERTIAL_ERR_STATE, "goal %s: the tree is too deep", r->pub.code);
  for (size_t i = 0; rc == 0 && i < r->nlinks; i++) {
    tertial_indicator_result x;
    rc = tertial_indicator_evaluate(&x, (tertial_goals *)g, r->links[i], r->pub.unit, pc->period, pc->year);
    if (rc == 0)
      lights[x.light]++;
  }
  if (rc == 0 && !r->nlinks) {
    static const tertial_light as_light[] = {TERTIAL_LIGHT_NONE, TERTIAL_LIGHT_GREEN, TERTIAL_LIGHT_YELLOW,
                                             TERTIAL_LIGHT_RED};
    for (size_t k = goal + 1; rc == 0 && k < g->ngoals; k++) {
      if (g->goals[k].pub.parent != goal || !valid_in(&g->goals[k], pc->year))
        continue;
      const history *h = history_of(g, (tertial_goal_id)k, pc->index);
      tertial_goal_status s;
      size_t child[4];
      if (h && h->n)
        s = h->items[h->n - 1].pub.status;
      else if ((rc = propose(&s, child, g, (tertial_goal_id)k, pc, depth + 1)) < 0)
        break;
      lights[as_light[s]]++;
    }
  }
  if (rc == 0)
    *out = by_rule(&g->rule, lights);
  return rc;
}

int tertial_goal_state_at(tertial_goal_state *out, tertial_goals *goals, tertial_goal_id goal, const char *point_code)
{
  tertial__goals *g = G(goals);
  int rc = out ? need_goal(g, goal, "tertial_goal_state_at")
               : tertial__error(TERTIAL_ERR_INVALID, "tertial_goal_state_at: out is NULL");
  point_ctx pc;
  if (rc == 0)
    rc = point_of(&pc, g, point_code);
  if (rc < 0)
    return rc;
  const history *h = history_of(g, goal, pc.index);
  if (h && h->n)
    *out = h->items[h->n - 1].pub;
  else
    *out = (tertial_goal_state){0, {0}, 0, 0, 0, "", "", "", 0, 0};
  tertial_goal_status proposed;
  if ((rc = propose(&proposed, out->lights, g, goal, &pc, 0)) < 0)
    return rc;
  out->proposed = proposed;
  if (!out->set)
    out->status = proposed;
  return 0;
}

/* Append a setting (its strings are copied) to a goal's history at a point: 0, or an error and
 * nothing changed. */
static int append_setting(tertial__goals *g, tertial_goal_id goal, const point_ctx *pc, const setting *in)
{
  int rc = 0;
  if (pc->index < 0 && (rc = tertial__grow((void **)&g->points, &g->cap_points, g->npoints + 1, sizeof *g->points)) < 0)
    return rc;
  const history *h = history_of(g, goal, pc->index);
  int new_history = h == NULL;
  if (new_history && (rc = tertial__grow((void **)&g->histories, &g->cap_histories, g->nhistories + 1,
                                         sizeof *g->histories)) < 0)
    return rc;
  setting s = *in;
  s.pub.reason = tertial__strdup(in->pub.reason ? in->pub.reason : "");
  s.pub.comment = tertial__strdup(in->pub.comment ? in->pub.comment : "");
  s.pub.by = tertial__strdup(in->pub.by ? in->pub.by : "");
  char *point_copy = pc->index < 0 ? tertial__strdup(pc->code) : NULL;
  if (!s.pub.reason || !s.pub.comment || !s.pub.by || (pc->index < 0 && !point_copy)) {
    free_setting(&s);
    free(point_copy);
    return TERTIAL_ERR_NOMEM;
  }
  int point = pc->index >= 0 ? pc->index : (int)g->npoints;
  uint64_t key = ((uint64_t)goal << 20) | (uint64_t)point;
  uint32_t hi = 0;
  history fresh = {NULL, 0, 0}, *hist = &fresh;
  if (!new_history && tertial__u64map_get(&g->history_at, key, &hi))
    hist = &g->histories[hi];
  rc = tertial__grow((void **)&hist->items, &hist->cap, hist->n + 1, sizeof *hist->items);
  if (rc == 0 && new_history)
    rc = tertial__u64map_put(&g->history_at, key, (uint32_t)g->nhistories);
  if (rc < 0) {
    free(fresh.items);
    free_setting(&s);
    free(point_copy);
    return rc;
  }
  /* nothing fails from here */
  if (new_history) {
    g->histories[g->nhistories] = fresh;
    hist = &g->histories[g->nhistories++];
  }
  if (pc->index < 0)
    g->points[g->npoints++] = point_copy;
  hist->items[hist->n++] = s;
  return 0;
}

int tertial_goal_set_status(tertial_goals *goals, tertial_goal_id goal, const char *point_code,
                            tertial_goal_status status, const char *comment, const char *reason, const char *by,
                            time_t when, uint64_t version_read)
{
  tertial__goals *g = G(goals);
  int rc = need_goal(g, goal, "tertial_goal_set_status");
  if (rc == 0 && (unsigned)status >= TERTIAL_GOAL_STATUS_COUNT)
    rc = tertial__error(TERTIAL_ERR_INVALID, "unknown goal status %d", (int)status);
  if (rc == 0 && (!by || !*by || !valid_text(by) || (comment && !valid_text(comment)) ||
                  (reason && !valid_text(reason))))
    rc = tertial__error(TERTIAL_ERR_INVALID, "a goal's status is set by a person (a key), with UTF-8 texts");
  point_ctx pc;
  if (rc == 0)
    rc = point_of(&pc, g, point_code);
  if (rc < 0)
    return rc;
  const goal_rec *r = &g->goals[goal];
  const history *h = history_of(g, goal, pc.index);
  uint64_t version = h ? h->n : 0;
  if (version_read != TERTIAL_ANY_VERSION && version_read != version)
    return tertial__error(TERTIAL_ERR_CONFLICT, "the status of goal %s at %s was set by %s: it is at version %llu, "
                          "the change was made against version %llu", r->pub.code, pc.code,
                          version ? h->items[h->n - 1].pub.by : "nobody", (unsigned long long)version,
                          (unsigned long long)version_read);
  size_t lights[4];
  tertial_goal_status proposed;
  if ((rc = propose(&proposed, lights, g, goal, &pc, 0)) < 0)
    return rc;
  int overridden = status != proposed;
  if (overridden && (!reason || !*reason))
    return tertial__error(TERTIAL_ERR_STATE, "goal %s at %s: the indicators propose \"%s\"; setting \"%s\" needs a "
                          "reason", r->pub.code, pc.code, status_names[proposed], status_names[status]);
  setting st = {{proposed, {lights[0], lights[1], lights[2], lights[3]}, status, 1, overridden,
                 overridden ? reason : "", comment ? comment : "", by, when, version + 1}};
  return append_setting(g, goal, &pc, &st);
}

size_t tertial_goal_history_count(const tertial_goals *goals, tertial_goal_id goal, const char *point_code)
{
  const tertial__goals *g = G(goals);
  point_ctx pc;
  if (!g || goal >= g->ngoals || point_of(&pc, g, point_code) < 0) {
    tertial_error_clear();
    return 0;
  }
  const history *h = history_of(g, goal, pc.index);
  return h ? h->n : 0;
}

int tertial_goal_history_at(tertial_goal_state *out, const tertial_goals *goals, tertial_goal_id goal,
                            const char *point_code, size_t index)
{
  const tertial__goals *g = G(goals);
  int rc = out ? need_goal(g, goal, "tertial_goal_history_at")
               : tertial__error(TERTIAL_ERR_INVALID, "tertial_goal_history_at: out is NULL");
  point_ctx pc;
  if (rc == 0)
    rc = point_of(&pc, g, point_code);
  if (rc < 0)
    return rc;
  const history *h = history_of(g, goal, pc.index);
  if (!h || index >= h->n)
    return tertial__error(TERTIAL_ERR_RANGE, "goal %s has no setting %zu at %s", g->goals[goal].pub.code, index,
                          pc.code);
  *out = h->items[index].pub;
  return 0;
}

int tertial_goal_attainment(size_t out[TERTIAL_GOAL_STATUS_COUNT], tertial_goals *goals, tertial_unit_id unit,
                            tertial_goal_kind kind, const char *point_code)
{
  tertial__goals *g = G(goals);
  if (!out || !g)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_goal_attainment: NULL argument");
  if ((unsigned)kind > TERTIAL_GOAL_ACTIVITY)
    return tertial__error(TERTIAL_ERR_INVALID, "unknown goal kind %d", (int)kind);
  const tertial_org *org = tertial_model_org(g->model);
  if (unit >= tertial_org_unit_count(org))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with id %u", (unsigned)unit);
  point_ctx pc;
  int rc = point_of(&pc, g, point_code);
  if (rc < 0)
    return rc;
  memset(out, 0, TERTIAL_GOAL_STATUS_COUNT * sizeof *out);
  for (size_t k = 0; k < g->ngoals; k++) {
    const goal_rec *r = &g->goals[k];
    if (r->pub.kind != kind || !valid_in(r, pc.year))
      continue;
    int inside = 0;
    for (tertial_unit_id u = r->pub.unit; u != TERTIAL_NO_UNIT && !inside; u = tertial__org_parent_at(org, u, pc.period))
      inside = u == unit;
    if (!inside)
      continue;
    tertial_goal_state st;
    if ((rc = tertial_goal_state_at(&st, goals, (tertial_goal_id)k, point_code)) < 0)
      return rc;
    out[st.status]++;
  }
  return 0;
}

/* ---- what a store writes and reads back ---- */

int tertial__goals_visit(const tertial__goals *g, const tertial__goals_visitor *v)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && v->target && i < g->ninds; i++)
    for (size_t k = 0; rc == 0 && k < g->inds[i].ntargets; k++) {
      const target_rec *t = &g->inds[i].targets[k];
      rc = v->target(v->ctx, (tertial_indicator_id)i, t->year, t->target, t->high);
    }
  for (size_t i = 0; rc == 0 && v->value && i < g->nvalues; i++) {
    const value_rec *x = &g->values[i];
    tertial_indicator_value pub = {x->value, g->sources[x->source], x->imported};
    rc = v->value(v->ctx, x->indicator, x->unit, period_of(x->month), &pub);
  }
  for (size_t k = 0; rc == 0 && v->setting && k < g->ngoals; k++)
    for (size_t p = 0; rc == 0 && p < g->npoints; p++) {
      const history *h = history_of(g, (tertial_goal_id)k, (int)p);
      for (size_t i = 0; rc == 0 && h && i < h->n; i++)
        rc = v->setting(v->ctx, (tertial_goal_id)k, g->points[p], &h->items[i].pub);
    }
  for (size_t i = 0; rc == 0 && v->budget && i < g->ninds; i++)
    for (size_t k = 0; rc == 0 && k < g->inds[i].nbudget; k++)
      rc = v->budget(v->ctx, (tertial_indicator_id)i, g->inds[i].budget[k].unit, g->inds[i].budget[k].per_month);
  return rc;
}

int tertial__goals_load_setting(tertial__goals *g, tertial_goal_id goal, const char *point_code,
                                const tertial_goal_state *state)
{
  int rc = need_goal(g, goal, "loading a goal's status");
  point_ctx pc;
  if (rc == 0)
    rc = point_of(&pc, g, point_code);
  if (rc == 0 && ((unsigned)state->status >= TERTIAL_GOAL_STATUS_COUNT ||
                  (unsigned)state->proposed >= TERTIAL_GOAL_STATUS_COUNT))
    rc = tertial__error(TERTIAL_ERR_INVALID, "goal %s: an unknown status", g->goals[goal].pub.code);
  const history *h = rc == 0 ? history_of(g, goal, pc.index) : NULL;
  if (rc == 0 && state->version != (h ? h->n : 0) + 1)
    rc = tertial__error(TERTIAL_ERR_STATE, "goal %s at %s: setting %llu out of order", g->goals[goal].pub.code,
                        pc.code, (unsigned long long)state->version);
  if (rc < 0)
    return rc;
  setting s = {*state};
  s.pub.set = 1;
  return append_setting(g, goal, &pc, &s);
}
