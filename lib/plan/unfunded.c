/* Unfunded decisions (ofinansierade beslut) and their sums per committee (unfunded.h). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "plan_internal.h"
#include "tertial/budget.h"
#include "tertial/calendar.h"

struct tertial_unfunded {
  tertial_unfunded_decision *items;
  size_t n, cap;
};

enum { NTEXTS = 4 };

static void texts(void *record, const char **s[])
{
  tertial_unfunded_decision *d = record;
  s[0] = &d->code;
  s[1] = &d->committee;
  s[2] = &d->decided_by;
  s[3] = &d->description;
}

const char *tertial_funding_name(tertial_funding funding)
{
  return funding == TERTIAL_FUNDING_NONE ? "ingen" : funding == TERTIAL_FUNDING_PARTIAL ? "delvis" : "";
}

int tertial_unfunded_new(tertial_unfunded **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_unfunded_new: out is NULL");
  *out = tertial__calloc(1, sizeof **out);
  return *out ? 0 : tertial__nomem("a list of unfunded decisions");
}

void tertial_unfunded_free(tertial_unfunded *list)
{
  if (!list)
    return;
  tertial__unfunded_truncate(list, 0);
  free(list->items);
  free(list);
}


int tertial__unfunded_check(const tertial_unfunded *list, const tertial_unfunded_decision *d)
{
  if (!d || d->version != TERTIAL_UNFUNDED_DECISION_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "an unfunded decision of an unknown version");
  if (!d->code || !*d->code || !d->committee || !*d->committee)
    return tertial__error(TERTIAL_ERR_INVALID, "an unfunded decision needs a code and a committee");
  const char *const s[NTEXTS] = {d->code, d->committee, d->decided_by, d->description};
  for (int k = 0; k < NTEXTS; k++)
    if (s[k] && !g_utf8_validate(s[k], -1, NULL))
      return tertial__error(TERTIAL_ERR_INVALID, "unfunded decision %s: a text is not UTF-8", k ? d->code : "?");
  int days = 0;
  if (tertial_days_in_month(&days, d->decided.year, d->decided.month) < 0 || d->decided.day < 1 ||
      d->decided.day > days)
    return tertial__error(TERTIAL_ERR_RANGE, "unfunded decision %s: expected the decision's date, not %04d-%02d-%02d",
                          d->code, d->decided.year, d->decided.month, d->decided.day);
  if (d->cost <= 0 || d->cost > TERTIAL_MONEY_MAX_AMOUNT)
    return tertial__error(TERTIAL_ERR_RANGE, "unfunded decision %s: expected a cost per year above 0 kr and at most "
                                             "10^13 kr, not %lld öre",
                          d->code, (long long)d->cost);
  if (d->funding != TERTIAL_FUNDING_NONE && d->funding != TERTIAL_FUNDING_PARTIAL)
    return tertial__error(TERTIAL_ERR_INVALID, "unfunded decision %s: unknown funding %d", d->code, (int)d->funding);
  if (d->funding == TERTIAL_FUNDING_NONE && d->funded != 0)
    return tertial__error(TERTIAL_ERR_RANGE, "unfunded decision %s: without funding the funded amount is 0, not %lld öre",
                          d->code, (long long)d->funded);
  if (d->funding == TERTIAL_FUNDING_PARTIAL && (d->funded <= 0 || d->funded >= d->cost))
    return tertial__error(TERTIAL_ERR_RANGE, "unfunded decision %s: a partial funding is above 0 and below the cost "
                                             "(%lld öre), not %lld öre",
                          d->code, (long long)d->cost, (long long)d->funded);
  for (size_t i = 0; list && i < list->n; i++)
    if (strcmp(list->items[i].code, d->code) == 0)
      return tertial__error(TERTIAL_ERR_EXISTS, "unfunded decision %s already exists", d->code);
  return 0;
}

int tertial_unfunded_add(tertial_unfunded *list, const tertial_unfunded_decision *d)
{
  if (!list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_unfunded_add: list is NULL");
  int rc = tertial__unfunded_check(list, d);
  if (rc < 0)
    return rc;
  return tertial__records_add((void **)&list->items, &list->n, &list->cap, sizeof *list->items, d, texts, NTEXTS);
}

void tertial__unfunded_truncate(tertial_unfunded *list, size_t keep)
{
  tertial__records_truncate(list->items, &list->n, keep, sizeof *list->items, texts, NTEXTS);
}

size_t tertial_unfunded_count(const tertial_unfunded *list)
{
  return list ? list->n : 0;
}

const tertial_unfunded_decision *tertial_unfunded_at(const tertial_unfunded *list, size_t index)
{
  return list && index < list->n ? &list->items[index] : NULL;
}

int tertial_unfunded_gap(int64_t *out, const tertial_unfunded *list, size_t index)
{
  if (!out || !list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_unfunded_gap: NULL argument");
  if (index >= list->n)
    return tertial__error(TERTIAL_ERR_RANGE, "no unfunded decision %zu (the list has %zu)", index, list->n);
  /* 0 <= funded < cost <= 10^15: no overflow */
  *out = list->items[index].cost - list->items[index].funded;
  return 0;
}

/* The sum of the gaps of the decisions of a committee (NULL: all) and their count. */
static int sum_of(int64_t *out, size_t *count, const tertial_unfunded *list, const char *committee)
{
  int64_t sum = 0;
  size_t n = 0;
  for (size_t i = 0; i < list->n; i++) {
    if (committee && !tertial__same_name(list->items[i].committee, committee))
      continue;
    if (tertial_money_add(&sum, sum, list->items[i].cost - list->items[i].funded) < 0)
      return tertial__error(TERTIAL_ERR_OVERFLOW, "the unfunded decisions%s%s do not sum within int64 öre",
                            committee ? " of " : "", committee ? committee : "");
    n++;
  }
  *out = sum;
  if (count)
    *count = n;
  return 0;
}

int tertial_unfunded_total(int64_t *out, const tertial_unfunded *list, const char *committee)
{
  if (!out || !list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_unfunded_total: NULL argument");
  return sum_of(out, NULL, list, committee);
}

/* Whether decision i is the first of its committee. */
static int first_of_committee(const tertial_unfunded *list, size_t i)
{
  for (size_t j = 0; j < i; j++)
    if (tertial__same_name(list->items[j].committee, list->items[i].committee))
      return 0;
  return 1;
}

size_t tertial_unfunded_committee_count(const tertial_unfunded *list)
{
  size_t n = 0;
  for (size_t i = 0; list && i < list->n; i++)
    n += (size_t)first_of_committee(list, i);
  return n;
}

int tertial_unfunded_committee_at(const char **name, size_t *decisions, int64_t *total, const tertial_unfunded *list,
                                  size_t index)
{
  if (!name || !list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_unfunded_committee_at: NULL argument");
  for (size_t i = 0, k = 0; i < list->n; i++) {
    if (!first_of_committee(list, i) || k++ != index)
      continue;
    int64_t sum;
    int rc = sum_of(&sum, decisions, list, list->items[i].committee);
    if (rc < 0)
      return rc;
    *name = list->items[i].committee;
    if (total)
      *total = sum;
    return 0;
  }
  return tertial__error(TERTIAL_ERR_RANGE, "no committee %zu among the unfunded decisions (%zu)", index,
                        tertial_unfunded_committee_count(list));
}
