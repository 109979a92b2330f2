/* Budget preparation (frames.h): the chain of a version stage by stage, the kinds' names, and
 * frame updates as explained lines (indexation, volume from demography, amounts). */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "plan_internal.h"
#include "tertial/frames.h"

#define MONTHS 12

/* ---- kinds ---- */

static const char *const kind_names[] = {"frame",       "adopted", "detailed",   "revised",
                                         "preliminary", "mor",     "finansplan", "alternative"};
#define NKINDS (sizeof kind_names / sizeof *kind_names)

const char *tertial_budget_kind_name(tertial_budget_kind kind)
{
  return (unsigned)kind < NKINDS ? kind_names[kind] : NULL;
}

int tertial_budget_kind_parse(tertial_budget_kind *out, const char *name)
{
  if (!out || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_kind_parse: NULL argument");
  for (size_t k = 0; k < NKINDS; k++)
    if (tertial__same_name(name, kind_names[k])) {
      *out = (tertial_budget_kind)k;
      return 0;
    }
  return tertial__error(TERTIAL_ERR_NOT_FOUND, "\"%s\": expected a budget version kind: frame, adopted, detailed, "
                        "revised, preliminary, mor, finansplan or alternative", name);
}

/* ---- the chain ---- */

struct tertial_budget_chain {
  tertial_budget_version *v;
  size_t n;
};

/* The version continuing `v`: its first revision that is an alternative exactly when `v` is one;
 * -1 for none. */
static int continuation(const tertial_model *model, const tertial_budget_version *v)
{
  int alternative = v->kind == TERTIAL_BUDGET_ALTERNATIVE;
  for (size_t i = 0; i < tertial_budget_version_count(model); i++) {
    tertial_budget_version r;
    if (tertial_budget_version_at(&r, model, i) == 0 && r.revises == v->measure &&
        (r.kind == TERTIAL_BUDGET_ALTERNATIVE) == alternative)
      return r.measure;
  }
  return -1;
}

int tertial_budget_chain_of(tertial_budget_chain **out, const tertial_model *model, int measure)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_budget_chain_of: NULL argument");
  *out = NULL;
  tertial_budget_version v;
  int rc = tertial_budget_version_of(&v, model, measure);
  if (rc < 0)
    return rc;
  /* a version revises an earlier measure, so a chain has at most as many versions as the model */
  size_t most = tertial_budget_version_count(model);
  tertial_budget_chain *c = tertial__calloc(1, sizeof *c);
  if (!c || !(c->v = tertial__calloc(most, sizeof *c->v))) {
    free(c);
    return TERTIAL_ERR_NOMEM;
  }
  /* back to the first version, written from the end, then moved to the front */
  size_t back = most;
  for (int m = measure; m >= 0 && back > 0 && tertial_budget_version_of(&v, model, m) == 0; m = v.revises)
    c->v[--back] = v;
  memmove(c->v, c->v + back, (most - back) * sizeof *c->v);
  c->n = most - back;
  for (int m = continuation(model, &c->v[c->n - 1]); m >= 0 && c->n < most; m = continuation(model, &c->v[c->n - 1]))
    tertial_budget_version_of(&c->v[c->n++], model, m);
  *out = c;
  return 0;
}

size_t tertial_budget_chain_count(const tertial_budget_chain *chain)
{
  return chain ? chain->n : 0;
}

const tertial_budget_version *tertial_budget_chain_at(const tertial_budget_chain *chain, size_t index)
{
  return chain && index < chain->n ? &chain->v[index] : NULL;
}

void tertial_budget_chain_free(tertial_budget_chain *chain)
{
  if (!chain)
    return;
  free(chain->v);
  free(chain);
}

/* ---- frame updates ---- */

#define NTEXTS 4

struct tertial_frame_update {
  tertial_frame_line *items;
  size_t n, cap;
};

static void texts(void *record, const char **s[])
{
  tertial_frame_line *l = record;
  s[0] = &l->unit;
  s[1] = &l->account;
  s[2] = &l->group;
  s[3] = &l->text;
}

int tertial_frame_update_new(tertial_frame_update **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_frame_update_new: NULL argument");
  *out = tertial__calloc(1, sizeof **out);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

void tertial_frame_update_free(tertial_frame_update *update)
{
  if (!update)
    return;
  tertial__records_truncate(update->items, &update->n, 0, sizeof *update->items, texts, NTEXTS);
  free(update->items);
  free(update);
}

static int beyond(int64_t v, int64_t max)
{
  return v > max || v < -max;
}

int tertial_frame_update_add(tertial_frame_update *update, const tertial_frame_line *line)
{
  if (!update || !line)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_frame_update_add: NULL argument");
  if (line->version != TERTIAL_FRAME_LINE_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "a frame update line of version %u; expected %d", line->version,
                          TERTIAL_FRAME_LINE_VERSION);
  if (!line->unit || !*line->unit || !line->account || !*line->account)
    return tertial__error(TERTIAL_ERR_INVALID, "a frame update line needs a unit and an account");
  if ((unsigned)line->kind > TERTIAL_FRAME_AMOUNT)
    return tertial__error(TERTIAL_ERR_INVALID, "frame update line of unit %s: unknown kind %d", line->unit,
                          (int)line->kind);
  if (beyond(line->rate, TERTIAL_FRAME_MAX_RATE))
    return tertial__error(TERTIAL_ERR_INVALID, "frame update line of unit %s: the rate %lld basis points is beyond "
                          "±%d", line->unit, (long long)line->rate, TERTIAL_FRAME_MAX_RATE);
  if (beyond(line->amount, TERTIAL_MONEY_MAX_AMOUNT) || beyond(line->per_person, TERTIAL_MONEY_MAX_AMOUNT) ||
      beyond(line->persons, TERTIAL_MONEY_MAX_AMOUNT))
    return tertial__error(TERTIAL_ERR_INVALID, "frame update line of unit %s: an amount, cost per inhabitant or "
                          "change in population beyond the largest amount a model takes", line->unit);
  tertial_frame_line c = *line;
  c.base = c.change = 0;
  return tertial__records_add((void **)&update->items, &update->n, &update->cap, sizeof *update->items, &c, texts,
                              NTEXTS);
}

void tertial__frame_update_truncate(tertial_frame_update *update, size_t keep)
{
  tertial__records_truncate(update->items, &update->n, keep, sizeof *update->items, texts, NTEXTS);
}

int tertial__frame_update_add_applied(tertial_frame_update *update, const tertial_frame_line *line)
{
  int rc = tertial_frame_update_add(update, line);
  if (rc == 0) {
    update->items[update->n - 1].base = line->base;
    update->items[update->n - 1].change = line->change;
  }
  return rc;
}

size_t tertial_frame_update_count(const tertial_frame_update *update)
{
  return update ? update->n : 0;
}

const tertial_frame_line *tertial_frame_update_at(const tertial_frame_update *update, size_t index)
{
  return update && index < update->n ? &update->items[index] : NULL;
}

int tertial_frame_update_total(int64_t *out, const tertial_frame_update *update, const char *unit)
{
  if (!out || !update)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_frame_update_total: NULL argument");
  int64_t sum = 0;
  for (size_t i = 0; i < update->n; i++)
    if ((!unit || strcmp(update->items[i].unit, unit) == 0) &&
        tertial_money_add(&sum, sum, update->items[i].change) < 0)
      return tertial__error(TERTIAL_ERR_OVERFLOW, "the frame update's changes do not sum within int64 öre");
  *out = sum;
  return 0;
}

/* A line resolved against the model before anything changes. */
typedef struct resolved {
  tertial_unit_id unit;
  tertial_account_id account;
  int64_t base, change;
} resolved;

/* The line's unit, account, base and change, computed from version `from`. */
static int resolve(resolved *r, tertial_model *model, int from, const tertial_frame_line *l, size_t index)
{
  if (tertial_org_find(&r->unit, tertial_model_org(model), l->unit) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "frame update line %zu: the model has no unit \"%s\"", index + 1,
                          l->unit);
  if (tertial_chart_find(&r->account, tertial_model_chart(model), l->account) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "frame update line %zu (unit %s): the model has no account \"%s\"",
                          index + 1, l->unit, l->account);
  r->base = 0;
  tertial_i128 change;
  if (l->kind == TERTIAL_FRAME_INDEXATION) {
    int rc = tertial_ledger_total(&r->base, tertial_model_ledger(model), r->unit, TERTIAL_ALL_ACCOUNTS, from, 0,
                                  MONTHS - 1);
    if (rc < 0)
      return rc;
    change = tertial__div_round((tertial_i128)r->base * l->rate, 10000);
  } else if (l->kind == TERTIAL_FRAME_VOLUME) {
    change = (tertial_i128)l->persons * l->per_person;
  } else {
    change = l->amount;
  }
  if (change > TERTIAL_MONEY_MAX_AMOUNT || change < -TERTIAL_MONEY_MAX_AMOUNT)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "frame update line %zu (unit %s): the change is beyond the largest "
                          "amount a model takes", index + 1, l->unit);
  r->change = (int64_t)change;
  return 0;
}

/* The annual budget booked on a unit itself for one account in a version. */
static int64_t own_annual(tertial_model *model, int measure, tertial_unit_id unit, tertial_account_id account)
{
  int64_t sum = 0;
  for (int m = 0; m < MONTHS; m++) {
    int64_t v = 0;
    tertial_ledger_get(&v, tertial_model_ledger(model), unit, account, m, measure);
    sum += v; /* each month within the bound: no overflow */
  }
  return sum;
}

/* Every line's cell stays within the bound after the lines before it and itself. */
static int check_sums(tertial_model *model, int from, const tertial_frame_update *u, const resolved *r)
{
  for (size_t i = 0; i < u->n; i++) {
    tertial_i128 sum = own_annual(model, from, r[i].unit, r[i].account);
    for (size_t j = 0; j <= i; j++)
      if (r[j].unit == r[i].unit && r[j].account == r[i].account)
        sum += r[j].change;
    if (sum > TERTIAL_MONEY_MAX_AMOUNT || sum < -TERTIAL_MONEY_MAX_AMOUNT)
      return tertial__error(TERTIAL_ERR_OVERFLOW, "frame update line %zu: the annual budget of unit %s, account %s "
                            "would be beyond the largest amount a model takes", i + 1, u->items[i].unit,
                            u->items[i].account);
  }
  return 0;
}

int tertial_frame_update_apply(int *out_measure, tertial_model *model, int from, const char *name,
                               const tertial_budget_options *opts, tertial_frame_update *update)
{
  if (!out_measure || !model || !update || !name || !*name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_frame_update_apply: expected a model, a name and an update");
  tertial_budget_version v;
  int rc = tertial_budget_version_of(&v, model, from);
  if (rc < 0)
    return rc;
  tertial_budget_options same = TERTIAL_BUDGET_OPTIONS_INIT;
  same.kind = v.kind;
  resolved *r = tertial__calloc(update->n ? update->n : 1, sizeof *r);
  int64_t(*old)[MONTHS] = tertial__calloc(update->n ? update->n : 1, sizeof *old);
  if (!r || !old)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < update->n; i++)
    rc = resolve(&r[i], model, from, &update->items[i], i);
  if (rc == 0)
    rc = check_sums(model, from, update, r);
  int measure = -1;
  if (rc == 0)
    rc = tertial_budget_revise(&measure, model, from, name, opts ? opts : &same);
  size_t done = 0; /* lines added */
  while (rc == 0 && done < update->n &&
         (rc = tertial__budget_add_annual(model, measure, r[done].unit, r[done].account, r[done].change,
                                          old[done])) == 0)
    done++;
  if (rc < 0 && measure >= 0) {
    /* out of memory while adding: put the months back, so the revision is a copy of `from` */
    while (done-- > 0)
      tertial__budget_put_months(model, measure, r[done].unit, r[done].account, old[done]);
    char why[512];
    snprintf(why, sizeof why, "%s", tertial_error_last());
    rc = tertial__error(rc, "%s; version \"%s\" was made as an unchanged copy of \"%s\"", why, name, v.name);
  }
  for (size_t i = 0; rc == 0 && i < update->n; i++) {
    update->items[i].base = r[i].base;
    update->items[i].change = r[i].change;
  }
  free(r);
  free(old);
  if (rc == 0)
    *out_measure = measure;
  return rc;
}
