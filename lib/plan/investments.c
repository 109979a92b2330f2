/* The investment budget: projects with amounts per plan year, their sums per year for a unit,
 * a category or all, and a project's remaining budget (investments.h). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "plan_internal.h"
#include "tertial/budget.h"

struct tertial_investments {
  tertial_investment *items;
  size_t n, cap;
};

enum { NTEXTS = 4 };

static void texts(void *record, const char **s[])
{
  tertial_investment *p = record;
  s[0] = &p->code;
  s[1] = &p->name;
  s[2] = &p->unit;
  s[3] = &p->category;
}

const char *tertial_investment_status_name(tertial_investment_status status)
{
  return (unsigned)status < 4 ? tertial__investment_status_names[status] : "";
}

const char *const tertial__investment_status_names[4] = {"föreslagen", "beslutad", "pågående", "avslutad"};

int tertial_investments_new(tertial_investments **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_investments_new: out is NULL");
  *out = tertial__calloc(1, sizeof **out);
  return *out ? 0 : tertial__nomem("an investment budget");
}

void tertial_investments_free(tertial_investments *list)
{
  if (!list)
    return;
  tertial__investments_truncate(list, 0);
  free(list->items);
  free(list);
}

static int money_in_range(int64_t v, int64_t low)
{
  return v >= low && v <= TERTIAL_MONEY_MAX_AMOUNT;
}

static int check(const tertial_investments *list, const tertial_investment *p)
{
  if (!p || p->version != TERTIAL_INVESTMENT_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "an investment project of an unknown version");
  if (!p->code || !*p->code || !p->unit || !*p->unit)
    return tertial__error(TERTIAL_ERR_INVALID, "an investment project needs a code and a unit");
  const char *const s[NTEXTS] = {p->code, p->name, p->unit, p->category};
  for (int k = 0; k < NTEXTS; k++)
    if (s[k] && !g_utf8_validate(s[k], -1, NULL))
      return tertial__error(TERTIAL_ERR_INVALID, "investment project %s: a text is not UTF-8", k ? p->code : "?");
  if ((unsigned)p->status > TERTIAL_INVESTMENT_FINISHED)
    return tertial__error(TERTIAL_ERR_INVALID, "investment project %s: unknown status %d", p->code, (int)p->status);
  if (p->first_year < 1900 || p->first_year > 9999)
    return tertial__error(TERTIAL_ERR_RANGE, "investment project %s: expected a first plan year 1900–9999, not %d",
                          p->code, p->first_year);
  if (p->years < 1 || p->years > TERTIAL_INVESTMENT_YEARS || p->first_year + p->years - 1 > 9999)
    return tertial__error(TERTIAL_ERR_RANGE, "investment project %s: expected 1–%d plan years ending by 9999, not %d "
                                             "from %d",
                          p->code, TERTIAL_INVESTMENT_YEARS, p->years, p->first_year);
  for (int i = 0; i < TERTIAL_INVESTMENT_YEARS; i++) {
    if (i >= p->years && p->amounts[i] != 0)
      return tertial__error(TERTIAL_ERR_RANGE, "investment project %s: an amount for %d, after its last plan year %d",
                            p->code, p->first_year + i, p->first_year + p->years - 1);
    if (!money_in_range(p->amounts[i], -TERTIAL_MONEY_MAX_AMOUNT))
      return tertial__error(TERTIAL_ERR_RANGE, "investment project %s: the amount for %d, %lld öre, is beyond "
                                               "±10^13 kr",
                            p->code, p->first_year + i, (long long)p->amounts[i]);
  }
  if (!money_in_range(p->spent, 0) || (!p->has_spent && p->spent))
    return tertial__error(TERTIAL_ERR_RANGE, "investment project %s: expected a spent amount 0 to 10^13 kr%s, not %lld "
                                             "öre",
                          p->code, p->has_spent ? "" : " (0 when not known)", (long long)p->spent);
  if (!money_in_range(p->budget, 0) || (!p->has_budget && p->budget))
    return tertial__error(TERTIAL_ERR_RANGE, "investment project %s: expected a total budget 0 to 10^13 kr%s, not %lld "
                                             "öre",
                          p->code, p->has_budget ? "" : " (0 when none is decided)", (long long)p->budget);
  for (size_t i = 0; list && i < list->n; i++)
    if (strcmp(list->items[i].code, p->code) == 0)
      return tertial__error(TERTIAL_ERR_EXISTS, "investment project %s already exists", p->code);
  return 0;
}

int tertial_investments_add(tertial_investments *list, const tertial_investment *p)
{
  if (!list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_investments_add: list is NULL");
  int rc = check(list, p);
  if (rc < 0)
    return rc;
  return tertial__records_add((void **)&list->items, &list->n, &list->cap, sizeof *list->items, p, texts, NTEXTS);
}

void tertial__investments_truncate(tertial_investments *list, size_t keep)
{
  tertial__records_truncate(list->items, &list->n, keep, sizeof *list->items, texts, NTEXTS);
}

size_t tertial_investments_count(const tertial_investments *list)
{
  return list ? list->n : 0;
}

const tertial_investment *tertial_investments_at(const tertial_investments *list, size_t index)
{
  return list && index < list->n ? &list->items[index] : NULL;
}

int tertial_investments_span(int *first, int *last, const tertial_investments *list)
{
  if (!first || !last || !list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_investments_span: NULL argument");
  if (list->n == 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "the investment budget has no projects");
  *first = 9999;
  *last = 0;
  for (size_t i = 0; i < list->n; i++) {
    const tertial_investment *p = &list->items[i];
    *first = MIN(*first, p->first_year);
    *last = MAX(*last, p->first_year + p->years - 1);
  }
  return 0;
}

/* The amount of project p for a year, 0 outside its plan. */
static int64_t amount_for(const tertial_investment *p, int year)
{
  return year >= p->first_year && year < p->first_year + p->years ? p->amounts[year - p->first_year] : 0;
}

int tertial_investments_total(int64_t *out, const tertial_investments *list, int year, const char *unit,
                              const char *category)
{
  if (!out || !list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_investments_total: NULL argument");
  int64_t sum = 0;
  for (size_t i = 0; i < list->n; i++) {
    const tertial_investment *p = &list->items[i];
    if ((unit && !tertial__same_name(p->unit, unit)) || (category && !tertial__same_name(p->category, category)))
      continue;
    if (tertial_money_add(&sum, sum, amount_for(p, year)) < 0)
      return tertial__error(TERTIAL_ERR_OVERFLOW, "the investments of %d%s%s%s%s do not sum within int64 öre", year,
                            unit ? " of " : "", unit ? unit : "", category ? " in " : "", category ? category : "");
  }
  *out = sum;
  return 0;
}

int tertial_investments_remaining(int64_t *out, const tertial_investments *list, size_t index, int current_year)
{
  if (!out || !list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_investments_remaining: NULL argument");
  if (index >= list->n)
    return tertial__error(TERTIAL_ERR_RANGE, "no investment project %zu (the budget has %zu)", index, list->n);
  const tertial_investment *p = &list->items[index];
  if (!p->has_budget)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "investment project %s has no decided total budget", p->code);
  int64_t left = p->budget;
  int rc = tertial_money_sub(&left, left, p->spent);
  for (int i = 0; rc == 0 && i < p->years; i++)
    if (p->first_year + i >= current_year)
      rc = tertial_money_sub(&left, left, p->amounts[i]);
  if (rc < 0)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "the remaining budget of investment project %s is beyond int64 öre",
                          p->code);
  *out = left;
  return 0;
}
