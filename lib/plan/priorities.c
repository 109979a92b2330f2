/* The prioritisation model: proposals and their ranking by a rule (priorities.h). */
#include <glib.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "plan_internal.h"

/* The Swedish names by value; NULL where a value is not used. */
const char *const tertial__kind_names[] = {"prioritering", "effektivisering", "ransonering", NULL};
const char *const tertial__difficulty_names[] = {NULL, "mycket stor", "stor", "måttlig", "liten", NULL};
const char *const tertial__benefit_names[] = {"ingen", "liten", "måttlig", "stor", "mycket stor", NULL};
const char *const tertial__cost_effectiveness_names[] = {NULL, "låg", "måttlig", "hög", "mycket hög", NULL};
const char *const tertial__perspective_names[] = {"individ/medborgare", "samhälle", "organisation", NULL};
const char *const tertial__status_names[] = {"föreslagen", "beslutad", "lyft", NULL};

static const char *name_of(const char *const *names, size_t n, int v)
{
  return v >= 0 && (size_t)v < n && names[v] ? names[v] : "";
}

const char *tertial_proposal_kind_name(tertial_proposal_kind k)
{
  return name_of(tertial__kind_names, 3, (int)k);
}

const char *tertial_difficulty_name(tertial_difficulty d)
{
  return name_of(tertial__difficulty_names, 5, (int)d);
}

const char *tertial_benefit_name(tertial_benefit b)
{
  return name_of(tertial__benefit_names, 5, (int)b);
}

const char *tertial_cost_effectiveness_name(tertial_cost_effectiveness c)
{
  return name_of(tertial__cost_effectiveness_names, 5, (int)c);
}

const char *tertial_perspective_name(tertial_perspective p)
{
  return name_of(tertial__perspective_names, 3, (int)p);
}

const char *tertial_proposal_status_name(tertial_proposal_status s)
{
  return name_of(tertial__status_names, 3, (int)s);
}

/* ---- the list ---- */

struct tertial_proposals {
  tertial_proposal *items;
  size_t n, cap;
};

int tertial_proposals_new(tertial_proposals **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_proposals_new: out is NULL");
  *out = tertial__calloc(1, sizeof **out);
  return *out ? 0 : tertial__nomem("a list of proposals");
}

enum { NTEXTS = 8 };

static void texts(void *record, const char **s[])
{
  tertial_proposal *p = record;
  s[0] = &p->code;
  s[1] = &p->problem;
  s[2] = &p->target_group;
  s[3] = &p->measure;
  s[4] = &p->consequences;
  s[5] = &p->owner;
  s[6] = &p->unit;
  s[7] = &p->account;
}

/* A proposal of the current version: one of version 1 (without unit and account) is copied
 * without reading past its end. */
static tertial_proposal current_version(const tertial_proposal *p)
{
  tertial_proposal c = TERTIAL_PROPOSAL_INIT;
  if (p->version == 1)
    memcpy(&c, p, offsetof(tertial_proposal, unit));
  else
    c = *p;
  c.version = TERTIAL_PROPOSAL_VERSION;
  return c;
}

void tertial_proposals_free(tertial_proposals *list)
{
  if (!list)
    return;
  tertial__records_truncate(list->items, &list->n, 0, sizeof *list->items, texts, NTEXTS);
  free(list->items);
  free(list);
}

int tertial__proposal_check(const tertial_proposals *list, const tertial_proposal *p)
{
  if (!p || (p->version != 1 && p->version != TERTIAL_PROPOSAL_VERSION))
    return tertial__error(TERTIAL_ERR_INVALID, "a proposal of an unknown version");
  if (!p->code || !*p->code || !p->measure || !*p->measure)
    return tertial__error(TERTIAL_ERR_INVALID, "a proposal needs a code and a measure");
  const char *const unit = p->version >= 2 ? p->unit : NULL, *const account = p->version >= 2 ? p->account : NULL;
  const char *const s[] = {p->code, p->problem, p->target_group, p->measure, p->consequences, p->owner, unit, account};
  for (int k = 0; k < NTEXTS; k++)
    if (s[k] && !g_utf8_validate(s[k], -1, NULL))
      return tertial__error(TERTIAL_ERR_INVALID, "proposal %s: a text is not UTF-8", k ? p->code : "?");
  if ((unsigned)p->kind > TERTIAL_PROPOSAL_RATIONING || p->difficulty < TERTIAL_DIFFICULTY_VERY_LARGE ||
      p->difficulty > TERTIAL_DIFFICULTY_SMALL || (unsigned)p->benefit > TERTIAL_BENEFIT_VERY_LARGE ||
      p->cost_effectiveness < TERTIAL_COST_EFFECTIVENESS_LOW ||
      p->cost_effectiveness > TERTIAL_COST_EFFECTIVENESS_VERY_HIGH ||
      (unsigned)p->perspective > TERTIAL_PERSPECTIVE_ORGANISATION || (unsigned)p->status > TERTIAL_PROPOSAL_LIFTED)
    return tertial__error(TERTIAL_ERR_INVALID, "proposal %s: a value outside its scale", p->code);
  for (size_t i = 0; list && i < list->n; i++)
    if (strcmp(list->items[i].code, p->code) == 0)
      return tertial__error(TERTIAL_ERR_EXISTS, "proposal %s already exists", p->code);
  return 0;
}

int tertial_proposals_add(tertial_proposals *list, const tertial_proposal *p)
{
  if (!list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_proposals_add: list is NULL");
  int rc = tertial__proposal_check(list, p);
  if (rc < 0)
    return rc;
  tertial_proposal c = current_version(p);
  return tertial__records_add((void **)&list->items, &list->n, &list->cap, sizeof *list->items, &c, texts, NTEXTS);
}

void tertial__proposals_truncate(tertial_proposals *list, size_t keep)
{
  tertial__records_truncate(list->items, &list->n, keep, sizeof *list->items, texts, NTEXTS);
}

size_t tertial_proposals_count(const tertial_proposals *list)
{
  return list ? list->n : 0;
}

const tertial_proposal *tertial_proposals_at(const tertial_proposals *list, size_t index)
{
  return list && index < list->n ? &list->items[index] : NULL;
}

/* ---- the rule ---- */

enum criterion { C_SCORE, C_BENEFIT, C_COST_EFFECTIVENESS, C_EASE, C_COST, C_KIND, NCRITERIA };
static const char *const criterion_names[NCRITERIA] = {"score", "benefit", "cost_effectiveness", "ease", "cost",
                                                       "kind"};
/* 1: highest first by default */
static const int criterion_desc[NCRITERIA] = {1, 1, 1, 1, 0, 0};
enum { MAX_WEIGHT = 1000 };

struct tertial_priority_rule {
  int order[NCRITERIA];
  int desc[NCRITERIA];
  size_t n;
  int64_t weight[3]; /* benefit, cost_effectiveness, ease */
};

int tertial_priority_rule_new_default(tertial_priority_rule **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_priority_rule_new_default: out is NULL");
  tertial_priority_rule *r = tertial__calloc(1, sizeof *r);
  if (!r)
    return tertial__nomem("a ranking rule");
  const int order[] = {C_BENEFIT, C_COST_EFFECTIVENESS, C_EASE, C_COST};
  for (size_t i = 0; i < 4; i++) {
    r->order[i] = order[i];
    r->desc[i] = criterion_desc[order[i]];
  }
  r->n = 4;
  *out = r;
  return 0;
}

void tertial_priority_rule_free(tertial_priority_rule *rule)
{
  free(rule);
}

static char *trim(char *s)
{
  return g_strstrip(s);
}

/* The next word of s (separated by blanks and tabs): its start and length; 0 at the end. */
static size_t next_word(const char **s)
{
  *s += strspn(*s, " \t");
  return strcspn(*s, " \t");
}

/* One criterion of the order ("benefit", "cost asc"), in place of a part of the setting. */
static int parse_criterion(tertial_priority_rule *r, char *part, const char *source, int line)
{
  const char *p = trim(part), *name = NULL, *dir = NULL;
  size_t nw = 0, name_len = 0, dir_len = 0;
  for (size_t len; (len = next_word(&p)) > 0; p += len, nw++)
    if (nw == 0)
      name = p, name_len = len;
    else if (nw == 1)
      dir = p, dir_len = len;
  int c = -1;
  for (int k = 0; name && k < NCRITERIA; k++)
    if (strlen(criterion_names[k]) == name_len && strncmp(name, criterion_names[k], name_len) == 0)
      c = k;
  for (size_t k = 0; c >= 0 && k < r->n; k++)
    if (r->order[k] == c)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: order: '%.*s' is named twice", source, line, (int)name_len,
                            name);
  int desc = dir && dir_len == 4 && strncmp(dir, "desc", 4) == 0;
  if (c < 0 || nw > 2 || (dir && !desc && !(dir_len == 3 && strncmp(dir, "asc", 3) == 0)))
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: order: expected criteria separated by commas (score, benefit, "
                          "cost_effectiveness, ease, cost, kind), each optionally followed by asc or desc, not '%s'",
                          source, line, part);
  r->order[r->n] = c;
  r->desc[r->n++] = dir ? desc : criterion_desc[c];
  return 0;
}

/* "benefit desc, cost": the criteria separated by commas, in place. */
static int parse_order(tertial_priority_rule *r, char *value, const char *source, int line)
{
  int rc = 0;
  r->n = 0;
  for (char *part = *value ? value : NULL; rc == 0 && part;) {
    char *comma = strchr(part, ',');
    if (comma)
      *comma = '\0';
    rc = parse_criterion(r, part, source, line);
    part = comma ? comma + 1 : NULL;
  }
  if (rc == 0 && r->n == 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: order: expected at least one criterion", source, line);
  return rc;
}

static int parse_weight(tertial_priority_rule *r, const char *name, const char *value, const char *source, int line)
{
  static const char *const names[3] = {"benefit", "cost_effectiveness", "ease"};
  int k = 0;
  while (k < 3 && strcmp(name, names[k]) != 0)
    k++;
  if (k == 3)
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: unknown weight 'weight.%s' (expected weight.benefit, "
                          "weight.cost_effectiveness or weight.ease)", source, line, name);
  size_t n = strlen(value);
  if (n == 0 || n > 4 || strspn(value, "0123456789") != n || atoi(value) > MAX_WEIGHT)
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%d: weight.%s: expected an integer 0..%d, not '%s'", source, line,
                          name, MAX_WEIGHT, value);
  r->weight[k] = atoi(value);
  return 0;
}

int tertial_priority_rule_parse(tertial_priority_rule **out, const char *text, const char *source)
{
  if (!out || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_priority_rule_parse: NULL argument");
  *out = NULL;
  source = source ? source : "rule";
  if (!g_utf8_validate(text, -1, NULL))
    return tertial__error(TERTIAL_ERR_PARSE, "%s: not UTF-8 text", source);
  tertial_priority_rule *r;
  int rc = tertial_priority_rule_new_default(&r);
  if (rc < 0)
    return rc;
  char *copy = tertial__strdup(text), *next = copy; /* split into lines in place */
  if (!copy)
    rc = TERTIAL_ERR_NOMEM;
  for (int i = 0; rc == 0 && next; i++) {
    char *l = trim(tertial__next_line(&next));
    char *eq = strchr(l, '=');
    if (!*l || *l == '#')
      continue;
    if (!eq) {
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: expected 'setting = value'", source, i + 1);
      break;
    }
    *eq = '\0';
    char *name = trim(l), *value = trim(eq + 1);
    if (strcmp(name, "order") == 0)
      rc = parse_order(r, value, source, i + 1);
    else if (strncmp(name, "weight.", 7) == 0)
      rc = parse_weight(r, name + 7, value, source, i + 1);
    else
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%d: unknown setting '%s' (expected order or weight.NAME)", source,
                          i + 1, name);
  }
  free(copy);
  if (rc < 0) {
    free(r);
    return rc;
  }
  *out = r;
  return 0;
}

char *tertial_priority_rule_describe(const tertial_priority_rule *rule)
{
  if (!rule)
    return NULL;
  tertial_strbuf sb = {0};
  static const char *const names[3] = {"benefit", "cost_effectiveness", "ease"};
  int rc = tertial__sb_append(&sb, "order =");
  for (size_t i = 0; rc == 0 && i < rule->n; i++)
    rc = tertial__sb_printf(&sb, "%s %s %s", i ? "," : "", criterion_names[rule->order[i]],
                            rule->desc[i] ? "desc" : "asc");
  rc = rc ? rc : tertial__sb_append(&sb, "\n");
  for (int k = 0; rc == 0 && k < 3; k++)
    if (rule->weight[k])
      rc = tertial__sb_printf(&sb, "weight.%s = %lld\n", names[k], (long long)rule->weight[k]);
  if (rc < 0) {
    tertial__sb_clear(&sb);
    return NULL;
  }
  return tertial__sb_steal(&sb);
}

static int64_t score_of(const tertial_proposal *p, const tertial_priority_rule *r)
{
  /* weights ≤ 1000 and points ≤ 4: no overflow */
  return r->weight[0] * p->benefit + r->weight[1] * p->cost_effectiveness + r->weight[2] * p->difficulty;
}

int tertial_proposals_score(int64_t *out, const tertial_proposals *list, size_t index,
                            const tertial_priority_rule *rule)
{
  if (!out || !list || !rule)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_proposals_score: NULL argument");
  if (index >= list->n)
    return tertial__error(TERTIAL_ERR_RANGE, "proposal %zu out of range (%zu proposals)", index, list->n);
  *out = score_of(&list->items[index], rule);
  return 0;
}

static int64_t value_of(const tertial_proposal *p, int c, const tertial_priority_rule *r)
{
  switch (c) {
  case C_SCORE: return score_of(p, r);
  case C_BENEFIT: return p->benefit;
  case C_COST_EFFECTIVENESS: return p->cost_effectiveness;
  case C_EASE: return p->difficulty; /* mycket stor 1 .. liten 4: the ease's points */
  case C_COST: return p->cost;
  default: return p->kind;
  }
}

/* <0 when a goes before b; 0 when they are equal on every criterion. */
static int compare(const tertial_proposal *a, const tertial_proposal *b, const tertial_priority_rule *r)
{
  for (size_t i = 0; i < r->n; i++) {
    int64_t x = value_of(a, r->order[i], r), y = value_of(b, r->order[i], r);
    if (x != y)
      return (x < y) == (r->desc[i] == 0) ? -1 : 1;
  }
  return 0;
}

typedef struct ranking {
  const tertial_proposals *list;
  const tertial_priority_rule *rule;
} ranking;

/* By the rule, then in the order added. */
static gint by_rank(gconstpointer a, gconstpointer b, gpointer data)
{
  const ranking *c = data;
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  int k = compare(&c->list->items[x], &c->list->items[y], c->rule);
  return k ? k : (x > y) - (x < y);
}

int tertial_proposals_rank(size_t *order, size_t *ranks, size_t n, const tertial_proposals *list,
                           const tertial_priority_rule *rule)
{
  if (!list || !rule || (list->n && !order))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_proposals_rank: NULL argument");
  if (n < list->n)
    return tertial__error(TERTIAL_ERR_BUFFER, "room for %zu of %zu proposals", n, list->n);
  if (list->n > (size_t)G_MAXINT)
    return tertial__error(TERTIAL_ERR_RANGE, "%zu proposals are too many to rank", list->n);
  for (size_t i = 0; i < list->n; i++)
    order[i] = i;
  ranking ctx = {list, rule};
  g_qsort_with_data(order, (gint)list->n, sizeof *order, by_rank, &ctx);
  for (size_t i = 0; ranks && i < list->n; i++)
    ranks[i] = i > 0 && compare(&list->items[order[i]], &list->items[order[i - 1]], rule) == 0 ? ranks[i - 1] : i + 1;
  return 0;
}
