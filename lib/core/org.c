#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "strmap.h"

typedef struct move {
  int from_period;
  tertial_unit_id parent;
} move;

typedef struct unit_rec {
  tertial_unit pub;
  tertial_unit_id parent; /* parent before any move */
  move *moves;            /* sorted by from_period */
  size_t nmoves, cap_moves;
} unit_rec;

struct tertial_org {
  unit_rec *units;
  size_t n, cap;
  char **levels;
  size_t nlevels, cap_levels;
  tertial_strmap by_code;
  unsigned long revision;
};

struct tertial_org_iter {
  tertial_unit_id *ids;
  int *depths;
  size_t n, pos;
};

static const char *const default_levels[] = {
  "kommun", "nämnd", "förvaltning", "sektor/avdelning", "verksamhet", "enhet",
};

int tertial_org_new(tertial_org **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_new: out is NULL");
  *out = NULL;
  tertial_org *org = tertial__calloc(1, sizeof *org);
  if (!org)
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; i < sizeof default_levels / sizeof *default_levels; i++) {
    int rc = tertial_org_add_level(NULL, org, default_levels[i]);
    if (rc < 0) {
      tertial_org_free(org);
      return rc;
    }
  }
  *out = org;
  return 0;
}

void tertial_org_free(tertial_org *org)
{
  if (!org)
    return;
  for (size_t i = 0; i < org->n; i++) {
    unit_rec *u = &org->units[i];
    free((char *)u->pub.code);
    free((char *)u->pub.name);
    free((char *)u->pub.manager);
    free(u->moves);
  }
  free(org->units);
  for (size_t i = 0; i < org->nlevels; i++)
    free(org->levels[i]);
  free(org->levels);
  tertial__strmap_free(&org->by_code);
  free(org);
}

int tertial_org_clear_levels(tertial_org *org)
{
  if (!org)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_clear_levels: org is NULL");
  if (org->n > 0)
    return tertial__error(TERTIAL_ERR_STATE, "levels can only be cleared while the organisation has no units");
  for (size_t i = 0; i < org->nlevels; i++)
    free(org->levels[i]);
  org->nlevels = 0;
  org->revision++;
  return 0;
}

int tertial_org_add_level(int *out_level, tertial_org *org, const char *name)
{
  if (!org || !name || !*name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_add_level: org and a non-empty name are required");
  for (size_t i = 0; i < org->nlevels; i++)
    if (strcmp(org->levels[i], name) == 0)
      return tertial__error(TERTIAL_ERR_EXISTS, "level \"%s\" already exists", name);
  int rc = tertial__grow((void **)&org->levels, &org->cap_levels, org->nlevels + 1, sizeof *org->levels);
  if (rc < 0)
    return rc;
  char *copy = tertial__strdup(name);
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  org->levels[org->nlevels] = copy;
  if (out_level)
    *out_level = (int)org->nlevels;
  org->nlevels++;
  org->revision++;
  return 0;
}

size_t tertial_org_level_count(const tertial_org *org)
{
  return org ? org->nlevels : 0;
}

const char *tertial_org_level_name(const tertial_org *org, int level)
{
  if (!org || level < 0 || (size_t)level >= org->nlevels)
    return NULL;
  return org->levels[level];
}

static int check_unit(const tertial_org *org, tertial_unit_id id, const char *what)
{
  if (id >= org->n)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "%s: no unit with id %u", what, (unsigned)id);
  return 0;
}

int tertial_org_add_unit(tertial_unit_id *out_id, tertial_org *org, const char *code, const char *name,
                         tertial_unit_id parent, int level, const char *manager)
{
  if (!org || !code || !*code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_add_unit: org and a non-empty code are required");
  uint32_t found;
  if (tertial__strmap_get(&org->by_code, code, &found))
    return tertial__error(TERTIAL_ERR_EXISTS, "unit code \"%s\" already exists", code);
  if (parent != TERTIAL_NO_UNIT && parent >= org->n)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "unit \"%s\": no parent unit with id %u", code, (unsigned)parent);
  if (level < 0 || (size_t)level >= org->nlevels)
    return tertial__error(TERTIAL_ERR_RANGE, "unit \"%s\": level %d outside 0..%zu", code, level,
                          org->nlevels ? org->nlevels - 1 : 0);
  if (org->n >= TERTIAL_NO_UNIT - 1)
    return tertial__error(TERTIAL_ERR_RANGE, "too many units");
  int rc = tertial__grow((void **)&org->units, &org->cap, org->n + 1, sizeof *org->units);
  if (rc < 0)
    return rc;
  unit_rec *u = &org->units[org->n];
  memset(u, 0, sizeof *u);
  u->pub.code = tertial__strdup(code);
  u->pub.name = tertial__strdup(name);
  u->pub.manager = tertial__strdup(manager);
  u->pub.level = level;
  u->parent = parent;
  if (!u->pub.code || !u->pub.name || !u->pub.manager ||
      tertial__strmap_put(&org->by_code, u->pub.code, (uint32_t)org->n) < 0) {
    free((char *)u->pub.code);
    free((char *)u->pub.name);
    free((char *)u->pub.manager);
    return tertial__nomem("unit");
  }
  if (out_id)
    *out_id = (tertial_unit_id)org->n;
  org->n++;
  org->revision++;
  return 0;
}

int tertial_org_set_manager(tertial_org *org, tertial_unit_id id, const char *manager)
{
  if (!org)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_set_manager: org is NULL");
  int rc = check_unit(org, id, "tertial_org_set_manager");
  if (rc < 0)
    return rc;
  char *copy = tertial__strdup(manager);
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  free((char *)org->units[id].pub.manager);
  org->units[id].pub.manager = copy;
  return 0;
}

int tertial_org_set_name(tertial_org *org, tertial_unit_id id, const char *name)
{
  if (!org || !name)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_set_name: %s is NULL", org ? "name" : "org");
  int rc = check_unit(org, id, "tertial_org_set_name");
  if (rc < 0)
    return rc;
  char *copy = tertial__strdup(name);
  if (!copy)
    return TERTIAL_ERR_NOMEM;
  free((char *)org->units[id].pub.name);
  org->units[id].pub.name = copy;
  return 0;
}

tertial_unit_id tertial__org_parent_at(const tertial_org *org, tertial_unit_id id, int period)
{
  const unit_rec *u = &org->units[id];
  tertial_unit_id p = u->parent;
  for (size_t i = 0; i < u->nmoves && u->moves[i].from_period <= period; i++)
    p = u->moves[i].parent;
  return p;
}

/* Whether walking up from id in period comes back to id (a cycle). */
static int has_cycle(const tertial_org *org, tertial_unit_id id, int period)
{
  tertial_unit_id p = tertial__org_parent_at(org, id, period);
  for (size_t steps = 0; p != TERTIAL_NO_UNIT; steps++) {
    if (p == id || steps > org->n)
      return 1;
    p = tertial__org_parent_at(org, p, period);
  }
  return 0;
}

/* A move changes the structure from its period on; a cycle can appear at that period or at
 * any later period where another move takes effect, so those are the periods to test. */
static int move_makes_cycle(const tertial_org *org, tertial_unit_id id, int from_period)
{
  if (has_cycle(org, id, from_period))
    return 1;
  for (size_t u = 0; u < org->n; u++)
    for (size_t i = 0; i < org->units[u].nmoves; i++) {
      int p = org->units[u].moves[i].from_period;
      if (p > from_period && has_cycle(org, id, p))
        return 1;
    }
  return 0;
}

static int valid_period(int period)
{
  int year = period / 100, month = period % 100;
  return year >= 1900 && year <= 9999 && month >= 1 && month <= 12;
}

int tertial_org_move(tertial_org *org, tertial_unit_id id, tertial_unit_id new_parent, int from_period)
{
  if (!org)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_move: org is NULL");
  int rc = check_unit(org, id, "tertial_org_move");
  if (rc == 0)
    rc = check_unit(org, new_parent, "tertial_org_move (new parent)");
  if (rc < 0)
    return rc;
  if (!valid_period(from_period))
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_org_move: period %d is not yyyymm", from_period);
  unit_rec *u = &org->units[id];
  if (u->parent == TERTIAL_NO_UNIT)
    return tertial__error(TERTIAL_ERR_STATE, "unit \"%s\" is a root and cannot be moved", u->pub.code);
  size_t pos = 0;
  while (pos < u->nmoves && u->moves[pos].from_period < from_period)
    pos++;
  int replace = pos < u->nmoves && u->moves[pos].from_period == from_period;
  move saved = replace ? u->moves[pos] : (move){0, 0};
  if (replace) {
    u->moves[pos].parent = new_parent;
  } else {
    rc = tertial__grow((void **)&u->moves, &u->cap_moves, u->nmoves + 1, sizeof *u->moves);
    if (rc < 0)
      return rc;
    memmove(&u->moves[pos + 1], &u->moves[pos], (u->nmoves - pos) * sizeof *u->moves);
    u->moves[pos] = (move){from_period, new_parent};
    u->nmoves++;
  }
  if (move_makes_cycle(org, id, from_period)) {
    if (replace) {
      u->moves[pos] = saved;
    } else {
      memmove(&u->moves[pos], &u->moves[pos + 1], (u->nmoves - pos - 1) * sizeof *u->moves);
      u->nmoves--;
    }
    return tertial__error(TERTIAL_ERR_STATE, "moving unit \"%s\" under \"%s\" from %d would make it its own ancestor",
                          u->pub.code, org->units[new_parent].pub.code, from_period);
  }
  org->revision++;
  return 0;
}

size_t tertial_org_unit_count(const tertial_org *org)
{
  return org ? org->n : 0;
}

const tertial_unit *tertial_org_unit(const tertial_org *org, tertial_unit_id id)
{
  if (!org || id >= org->n)
    return NULL;
  return &org->units[id].pub;
}

const char *tertial__unit_code(const tertial_org *org, tertial_unit_id id)
{
  const tertial_unit *u = tertial_org_unit(org, id);
  return u ? u->code : "?";
}

const char *tertial__unit_name(const tertial_org *org, tertial_unit_id id)
{
  const tertial_unit *u = tertial_org_unit(org, id);
  return u ? u->name : "?";
}

int tertial_org_find(tertial_unit_id *out_id, const tertial_org *org, const char *code)
{
  if (!out_id || !org || !code)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_find: NULL argument");
  uint32_t v;
  if (!tertial__strmap_get(&org->by_code, code, &v))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit with code \"%s\"", code);
  *out_id = v;
  return 0;
}

int tertial_org_parent(tertial_unit_id *out_parent, const tertial_org *org, tertial_unit_id id, int period)
{
  if (!out_parent || !org)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_parent: NULL argument");
  int rc = check_unit(org, id, "tertial_org_parent");
  if (rc < 0)
    return rc;
  *out_parent = tertial__org_parent_at(org, id, period);
  return 0;
}

int tertial_org_depth(int *out_depth, const tertial_org *org, tertial_unit_id id, int period)
{
  if (!out_depth || !org)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_depth: NULL argument");
  int rc = check_unit(org, id, "tertial_org_depth");
  if (rc < 0)
    return rc;
  int d = 0;
  for (tertial_unit_id p = tertial__org_parent_at(org, id, period); p != TERTIAL_NO_UNIT;
       p = tertial__org_parent_at(org, p, period))
    d++;
  *out_depth = d;
  return 0;
}

int tertial_org_is_within(const tertial_org *org, tertial_unit_id id, tertial_unit_id ancestor, int period)
{
  if (!org)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_is_within: org is NULL");
  int rc = check_unit(org, id, "tertial_org_is_within");
  if (rc == 0)
    rc = check_unit(org, ancestor, "tertial_org_is_within (ancestor)");
  if (rc < 0)
    return rc;
  for (tertial_unit_id u = id; u != TERTIAL_NO_UNIT; u = tertial__org_parent_at(org, u, period))
    if (u == ancestor)
      return 1;
  return 0;
}

void tertial__org_parents_at(const tertial_org *org, int period, tertial_unit_id *parents)
{
  for (size_t i = 0; i < org->n; i++)
    parents[i] = tertial__org_parent_at(org, (tertial_unit_id)i, period);
}

/* Children lists in id order via counting sort: kids[first[p] .. first[p+1]) are p's
 * children, and the roots come under the extra slot n. */
static int build_children(const tertial_org *org, int period, size_t **out_first, tertial_unit_id **out_kids)
{
  size_t n = org->n;
  size_t *first = tertial__calloc(n + 2, sizeof *first);
  tertial_unit_id *kids = tertial__calloc(n, sizeof *kids);
  tertial_unit_id *parents = tertial__calloc(n, sizeof *parents);
  if (!first || !kids || !parents) {
    free(first);
    free(kids);
    free(parents);
    return TERTIAL_ERR_NOMEM;
  }
  tertial__org_parents_at(org, period, parents);
  for (size_t i = 0; i < n; i++)
    first[(parents[i] == TERTIAL_NO_UNIT ? n : parents[i]) + 1]++;
  for (size_t i = 0; i <= n; i++)
    first[i + 1] += first[i];
  size_t *fill = tertial__calloc(n + 1, sizeof *fill);
  if (!fill) {
    free(first);
    free(kids);
    free(parents);
    return TERTIAL_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; i++) {
    size_t p = parents[i] == TERTIAL_NO_UNIT ? n : parents[i];
    kids[first[p] + fill[p]++] = (tertial_unit_id)i;
  }
  free(fill);
  free(parents);
  *out_first = first;
  *out_kids = kids;
  return 0;
}

int tertial__org_children(const tertial_org *org, int period, size_t **out_first, tertial_unit_id **out_kids)
{
  return build_children(org, period, out_first, out_kids);
}

int tertial__org_preorder(const tertial_org *org, tertial_unit_id root, int period, tertial_unit_id **out_ids,
                          int **out_depths, size_t *out_n)
{
  size_t n = org->n, *first = NULL;
  tertial_unit_id *kids = NULL;
  int rc = build_children(org, period, &first, &kids);
  if (rc < 0)
    return rc;
  tertial_unit_id *ids = tertial__calloc(n, sizeof *ids);
  int *depths = tertial__calloc(n, sizeof *depths);
  /* stack of (slot, next child index); a slot is a unit or n for the forest */
  size_t *stack_slot = tertial__calloc(n + 1, sizeof *stack_slot);
  size_t *stack_next = tertial__calloc(n + 1, sizeof *stack_next);
  if (!ids || !depths || !stack_slot || !stack_next) {
    rc = TERTIAL_ERR_NOMEM;
    goto done;
  }
  size_t count = 0, sp = 0;
  int base = 0;
  if (root == TERTIAL_NO_UNIT) {
    stack_slot[0] = n;
    base = -1;
  } else {
    ids[count] = root;
    depths[count++] = 0;
    stack_slot[0] = root;
  }
  stack_next[0] = first[stack_slot[0]];
  sp = 1;
  while (sp > 0) {
    size_t slot = stack_slot[sp - 1];
    if (stack_next[sp - 1] >= first[slot + 1]) {
      sp--;
      continue;
    }
    tertial_unit_id c = kids[stack_next[sp - 1]++];
    ids[count] = c;
    depths[count++] = (int)sp + base;
    stack_slot[sp] = c;
    stack_next[sp] = first[c];
    sp++;
  }
  *out_ids = ids;
  if (out_depths)
    *out_depths = depths;
  else
    free(depths);
  *out_n = count;
  ids = NULL;
  depths = NULL;
done:
  free(ids);
  free(depths);
  free(stack_slot);
  free(stack_next);
  free(first);
  free(kids);
  return rc;
}

int tertial_org_iter_new(tertial_org_iter **out, const tertial_org *org, tertial_unit_id root, int period)
{
  if (!out || !org)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_iter_new: NULL argument");
  *out = NULL;
  if (root != TERTIAL_NO_UNIT) {
    int rc = check_unit(org, root, "tertial_org_iter_new");
    if (rc < 0)
      return rc;
  }
  tertial_org_iter *it = tertial__calloc(1, sizeof *it);
  if (!it)
    return TERTIAL_ERR_NOMEM;
  int rc = tertial__org_preorder(org, root, period, &it->ids, &it->depths, &it->n);
  if (rc < 0) {
    free(it);
    return rc;
  }
  *out = it;
  return 0;
}

int tertial_org_iter_next(tertial_org_iter *it, tertial_unit_id *out_id, int *out_depth)
{
  if (!it)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_org_iter_next: iterator is NULL");
  if (it->pos >= it->n)
    return 0;
  if (out_id)
    *out_id = it->ids[it->pos];
  if (out_depth)
    *out_depth = it->depths[it->pos];
  it->pos++;
  return 1;
}

void tertial_org_iter_free(tertial_org_iter *it)
{
  if (!it)
    return;
  free(it->ids);
  free(it->depths);
  free(it);
}

unsigned long tertial__org_revision(const tertial_org *org)
{
  return org->revision;
}
