/* The planning process of one year: Motala's annual wheel as the calendar of 2026 (an election
 * year), what the executive committee decides in week 25, and the proposals ranked by the
 * prioritisation model's default rule. With a folder of frame update files (examples/frames), the
 * budget preparation on the demo municipality: next year's preliminary frames, the council's MoR
 * with the decided proposals, the opposition's alternative, the finansplan; the chain and the
 * comparison of the MoR and the alternative per committee.
 *   planning_year WHEEL.csv PROPOSALS.csv [FRAMES-FOLDER] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tertial/tertial.h>

static int fail(const char *what)
{
  fprintf(stderr, "%s: %s\n", what, tertial_error_last());
  return 1;
}

static int wheel(const char *path)
{
  tertial_wheel *w;
  tertial_schedule *s, *due;
  tertial_date monday, sunday = {2026, 6, 21};
  if (tertial_wheel_load(&w, path) < 0)
    return fail(path);
  if (tertial_wheel_schedule(&s, w, 2026, TERTIAL_YEAR_AUTO, NULL) < 0 || tertial_iso_week_start(&monday, 2026, 25) < 0 ||
      tertial_schedule_due(&due, s, &monday, &sunday, "kommunstyrelsen", NULL) < 0) {
    tertial_wheel_free(w);
    return fail("the calendar of 2026");
  }
  printf("2026 %s: %zu entries; week 25, kommunstyrelsen:\n", tertial_schedule_election(s) ? "(valår)" : "",
         tertial_schedule_count(s));
  for (size_t i = 0; i < tertial_schedule_count(due); i++) {
    const tertial_schedule_entry *e = tertial_schedule_at(due, i);
    printf("  %04d-%02d-%02d v%d %s\n", e->start.year, e->start.month, e->start.day, e->start_week, e->name);
  }
  tertial_schedule_free(due);
  tertial_schedule_free(s);
  tertial_wheel_free(w);
  return 0;
}

static int ranking(const char *path)
{
  tertial_proposals *list;
  tertial_priority_rule *rule;
  size_t order[64], ranks[64];
  if (tertial_proposals_new(&list) < 0 || tertial_priority_rule_new_default(&rule) < 0)
    return fail("out of memory");
  if (tertial_proposals_load(list, path) < 0 || tertial_proposals_rank(order, ranks, 64, list, rule) < 0) {
    tertial_proposals_free(list);
    tertial_priority_rule_free(rule);
    return fail(path);
  }
  for (size_t i = 0; i < tertial_proposals_count(list); i++) {
    const tertial_proposal *p = tertial_proposals_at(list, order[i]);
    char cost[32];
    tertial_money_format(cost, sizeof cost, p->cost, TERTIAL_UNIT_TKR, 0);
    printf("%zu. %s %s (%s tkr, nytta %s)\n", ranks[i], p->code, p->measure, cost, tertial_benefit_name(p->benefit));
  }
  tertial_proposals_free(list);
  tertial_priority_rule_free(rule);
  return 0;
}

/* A stage made from a frame update file in `dir` (NULL: no file), with the decided proposals of
 * `proposals` (NULL: none); -1 on an error (printed). */
static int stage(tertial_model *model, int from, const char *name, tertial_budget_kind kind, const char *dir,
                 const char *file, const char *proposals)
{
  tertial_frame_update *u = NULL;
  tertial_proposals *list = NULL;
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  char path[1024];
  int v = -1, rc;
  o.kind = kind;
  snprintf(path, sizeof path, "%s/%s", dir, file ? file : "");
  if ((rc = tertial_frame_update_new(&u)) == 0 && file)
    rc = tertial_frame_update_load(u, path);
  if (rc == 0)
    rc = tertial_frame_update_apply(&v, model, from, name, &o, u);
  if (rc == 0 && proposals && (rc = tertial_proposals_new(&list)) == 0 &&
      (rc = tertial_proposals_load(list, proposals)) == 0)
    rc = tertial_proposals_apply(NULL, model, v, list);
  tertial_frame_update_free(u);
  tertial_proposals_free(list);
  return rc < 0 ? (fail(name), -1) : v;
}

static void kr(char *buf, size_t size, int64_t ore)
{
  tertial_money_format(buf, size, ore, TERTIAL_UNIT_KR, 2);
}

static int frames(const char *dir, const char *proposals)
{
  tertial_model *model;
  tertial_demo_options opts = TERTIAL_DEMO_OPTIONS_INIT;
  if (tertial_demo_new(&model, &opts) < 0)
    return fail("the demo municipality");
  int bud = tertial_model_current_budget(model);
  int pre = stage(model, bud, "Preliminära ramar 2027", TERTIAL_BUDGET_PRELIMINARY, dir, "preliminara.csv", NULL);
  int mor = pre < 0 ? -1 : stage(model, pre, "MoR 2027", TERTIAL_BUDGET_MOR, dir, "mor.csv", proposals);
  int alt = mor < 0 ? -1
                    : stage(model, pre, "Oppositionens budget 2027", TERTIAL_BUDGET_ALTERNATIVE, dir, "alternativ.csv",
                            NULL);
  int fp = alt < 0 ? -1 : stage(model, mor, "Finansplan 2027", TERTIAL_BUDGET_FINANSPLAN, dir, NULL, NULL);
  tertial_budget_chain *chain = NULL;
  tertial_budget_comparison *c = NULL;
  if (fp < 0 || tertial_budget_chain_of(&chain, model, fp) < 0 || tertial_budget_compare(&c, model, mor, alt, 0, 1) < 0) {
    tertial_model_free(model);
    return fp < 0 ? 1 : fail("the chain");
  }
  printf("Budgetkedjan:\n");
  for (size_t i = 0; i < tertial_budget_chain_count(chain); i++) {
    const tertial_budget_version *v = tertial_budget_chain_at(chain, i);
    printf("  %zu. %s (%s)\n", i + 1, v->name, tertial_budget_kind_name(v->kind));
  }
  printf("MoR 2027 mot Oppositionens budget 2027, nettokostnad per nämnd (kr):\n");
  const tertial_rowmap *map = tertial_model_rowmap(model);
  for (size_t i = 0; i < tertial_budget_comparison_count(c); i++) {
    const tertial_budget_compare_line *x = tertial_budget_comparison_at(c, i);
    if (strcmp(tertial_rowmap_row(map, (size_t)x->row)->code, "NETTO") != 0)
      continue;
    char a[40], b[40], d[40];
    kr(a, sizeof a, x->a);
    kr(b, sizeof b, x->b);
    kr(d, sizeof d, x->difference);
    printf("  %s\t%s\t%s\t%s\n", tertial_org_unit(tertial_model_org(model), x->unit)->name, a, b, d);
  }
  tertial_budget_comparison_free(c);
  tertial_budget_chain_free(chain);
  tertial_model_free(model);
  return 0;
}

int main(int argc, char **argv)
{
  if (argc != 3 && argc != 4) {
    fprintf(stderr, "usage: planning_year WHEEL.csv PROPOSALS.csv [FRAMES-FOLDER]\n");
    return 2;
  }
  return wheel(argv[1]) || ranking(argv[2]) || (argc == 4 && frames(argv[3], argv[2]));
}
