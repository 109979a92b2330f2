/* The planning process of one year: Motala's annual wheel as the calendar of 2026 (an election
 * year), what the executive committee decides in week 25, and the proposals ranked by the
 * prioritisation model's default rule.
 *   planning_year WHEEL.csv PROPOSALS.csv */
#include <stdio.h>
#include <stdlib.h>

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

int main(int argc, char **argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: planning_year WHEEL.csv PROPOSALS.csv\n");
    return 2;
  }
  return wheel(argv[1]) || ranking(argv[2]);
}
