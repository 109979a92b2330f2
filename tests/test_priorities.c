/* The prioritisation model: proposals, the default rule, rules from text (order, directions,
 * weights), shared ranks, import from CSV (tkr and kr) and bad input. */
#include <glib.h>
#include <string.h>

#include "failalloc_each.h"
#include "testutil.h"

static void add(tertial_proposals *list, const char *code, tertial_proposal_kind kind, int64_t cost,
                tertial_difficulty d, tertial_benefit b, tertial_cost_effectiveness ce)
{
  tertial_proposal p = TERTIAL_PROPOSAL_INIT;
  p.code = code;
  p.kind = kind;
  p.measure = "Åtgärd";
  p.cost = cost;
  p.difficulty = d;
  p.benefit = b;
  p.cost_effectiveness = ce;
  T_OK(tertial_proposals_add(list, &p));
}

/* Five proposals: A and E are alike in everything but the code. */
static tertial_proposals *five(void)
{
  tertial_proposals *list;
  T_OK(tertial_proposals_new(&list));
  add(list, "A", TERTIAL_PROPOSAL_PRIORITISATION, 200000000, TERTIAL_DIFFICULTY_LARGE, TERTIAL_BENEFIT_LARGE,
      TERTIAL_COST_EFFECTIVENESS_HIGH);
  add(list, "B", TERTIAL_PROPOSAL_EFFICIENCY, -50000000, TERTIAL_DIFFICULTY_SMALL, TERTIAL_BENEFIT_MODERATE,
      TERTIAL_COST_EFFECTIVENESS_VERY_HIGH);
  add(list, "C", TERTIAL_PROPOSAL_PRIORITISATION, 100000000, TERTIAL_DIFFICULTY_VERY_LARGE,
      TERTIAL_BENEFIT_VERY_LARGE, TERTIAL_COST_EFFECTIVENESS_LOW);
  add(list, "D", TERTIAL_PROPOSAL_RATIONING, -120000000, TERTIAL_DIFFICULTY_MODERATE, TERTIAL_BENEFIT_NONE,
      TERTIAL_COST_EFFECTIVENESS_MODERATE);
  add(list, "E", TERTIAL_PROPOSAL_PRIORITISATION, 200000000, TERTIAL_DIFFICULTY_LARGE, TERTIAL_BENEFIT_LARGE,
      TERTIAL_COST_EFFECTIVENESS_HIGH);
  return list;
}

/* The codes in rank order, "C1 A2 E2 B4 D5". */
static char *ranking(const tertial_proposals *list, const tertial_priority_rule *rule)
{
  size_t n = tertial_proposals_count(list), order[16], ranks[16];
  T_OK(tertial_proposals_rank(order, ranks, 16, list, rule));
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(s, "%s%s%zu", i ? " " : "", tertial_proposals_at(list, order[i])->code, ranks[i]);
  return g_string_free(s, FALSE);
}

static void assert_ranking(const tertial_proposals *list, const tertial_priority_rule *rule, const char *want)
{
  char *got = ranking(list, rule);
  ck_assert_str_eq(got, want);
  g_free(got);
}

START_TEST(test_default_rule)
{
  tertial_proposals *list = five();
  tertial_priority_rule *rule;
  T_OK(tertial_priority_rule_new_default(&rule));
  /* benefit first (C mycket stor, A and E stor, B måttlig, D ingen); A and E share rank 2 */
  assert_ranking(list, rule, "C1 A2 E2 B4 D5");
  char *text = tertial_priority_rule_describe(rule);
  ck_assert_str_eq(text, "order = benefit desc, cost_effectiveness desc, ease desc, cost asc\n");
  tertial_free(text);
  size_t order[4];
  T_ERR(tertial_proposals_rank(order, NULL, 4, list, rule), TERTIAL_ERR_BUFFER);
  tertial_priority_rule_free(rule);
  tertial_proposals_free(list);
}
END_TEST

START_TEST(test_rules_from_text)
{
  tertial_proposals *list = five();
  tertial_priority_rule *rule;
  /* the largest saving first */
  T_OK(tertial_priority_rule_parse(&rule, "# savings first\norder = cost\n", "r.txt"));
  assert_ranking(list, rule, "D1 B2 C3 A4 E4");
  tertial_priority_rule_free(rule);
  T_OK(tertial_priority_rule_parse(&rule, "order = cost desc, kind\n", "r.txt"));
  assert_ranking(list, rule, "A1 E1 C3 B4 D5");
  tertial_priority_rule_free(rule);
  /* tabs and blanks between the words, a CR at the end */
  T_OK(tertial_priority_rule_parse(&rule, "order = cost\tdesc ,kind \r\n", "r.txt"));
  assert_ranking(list, rule, "A1 E1 C3 B4 D5");
  tertial_priority_rule_free(rule);
  /* weights: score = 3 × benefit + 2 × cost-effectiveness + 1 × ease */
  T_OK(tertial_priority_rule_parse(&rule, "weight.benefit = 3\n weight.cost_effectiveness=2\nweight.ease = 1\n"
                                          "order = score, cost\n", "r.txt"));
  int64_t score;
  T_OK(tertial_proposals_score(&score, list, 0, rule)); /* A: 3×3 + 2×3 + 2 */
  ck_assert_int_eq(score, 17);
  T_OK(tertial_proposals_score(&score, list, 1, rule)); /* B: 3×2 + 2×4 + 4 */
  ck_assert_int_eq(score, 18);
  T_OK(tertial_proposals_score(&score, list, 2, rule)); /* C: 3×4 + 2×1 + 1 */
  ck_assert_int_eq(score, 15);
  T_OK(tertial_proposals_score(&score, list, 3, rule)); /* D: 0 + 2×2 + 3 */
  ck_assert_int_eq(score, 7);
  T_ERR(tertial_proposals_score(&score, list, 5, rule), TERTIAL_ERR_RANGE);
  assert_ranking(list, rule, "B1 A2 E2 C4 D5");
  char *text = tertial_priority_rule_describe(rule);
  ck_assert_str_eq(text, "order = score desc, cost asc\nweight.benefit = 3\nweight.cost_effectiveness = 2\n"
                         "weight.ease = 1\n");
  /* the description reads back as the same rule */
  tertial_priority_rule *again;
  T_OK(tertial_priority_rule_parse(&again, text, "again"));
  assert_ranking(list, again, "B1 A2 E2 C4 D5");
  tertial_priority_rule_free(again);
  tertial_free(text);
  tertial_priority_rule_free(rule);
  tertial_proposals_free(list);
}
END_TEST

static void bad_rule(const char *text, const char *want)
{
  tertial_priority_rule *rule = (tertial_priority_rule *)&rule;
  T_ERR(tertial_priority_rule_parse(&rule, text, "r.txt"), TERTIAL_ERR_PARSE);
  ck_assert_ptr_null(rule);
  ck_assert_msg(strstr(tertial_error_last(), want), "'%s' lacks '%s'", tertial_error_last(), want);
}

START_TEST(test_bad_rules)
{
  bad_rule("order = benefit, price\n", "r.txt:1: order: expected criteria separated by commas");
  bad_rule("\n\norder = benefit upward\n", "r.txt:3: order:");
  bad_rule("order = cost, cost\n", "r.txt:1: order: 'cost' is named twice");
  bad_rule("order = \n", "r.txt:1: order: expected");
  bad_rule("order = benefit \t desc  extra\n", "or desc, not 'benefit \t desc  extra'");
  bad_rule("order = benefit,\n", "or desc, not ''");
  bad_rule("order = ease desc,\tease\n", "r.txt:1: order: 'ease' is named twice");
  bad_rule("weight.benefit = 1001\n", "r.txt:1: weight.benefit: expected an integer 0..1000");
  bad_rule("weight.benefit = -1\n", "r.txt:1: weight.benefit: expected an integer");
  bad_rule("weight.cost = 2\n", "r.txt:1: unknown weight 'weight.cost'");
  bad_rule("sort = cost\n", "r.txt:1: unknown setting 'sort'");
  bad_rule("# x\norder benefit\n", "r.txt:2: expected 'setting = value'");
  bad_rule("order = \xff\n", "r.txt: not UTF-8");
}
END_TEST

START_TEST(test_add_checks)
{
  tertial_proposals *list;
  T_OK(tertial_proposals_new(&list));
  tertial_proposal p = TERTIAL_PROPOSAL_INIT;
  p.code = "X";
  T_ERR(tertial_proposals_add(list, &p), TERTIAL_ERR_INVALID); /* no measure */
  p.measure = "M";
  p.benefit = (tertial_benefit)5;
  T_ERR(tertial_proposals_add(list, &p), TERTIAL_ERR_INVALID);
  p.benefit = TERTIAL_BENEFIT_NONE;
  p.difficulty = (tertial_difficulty)0;
  T_ERR(tertial_proposals_add(list, &p), TERTIAL_ERR_INVALID);
  p.difficulty = TERTIAL_DIFFICULTY_SMALL;
  p.version = TERTIAL_PROPOSAL_VERSION + 1;
  T_ERR(tertial_proposals_add(list, &p), TERTIAL_ERR_INVALID);
  p.version = TERTIAL_PROPOSAL_VERSION;
  T_OK(tertial_proposals_add(list, &p));
  T_ERR(tertial_proposals_add(list, &p), TERTIAL_ERR_EXISTS);
  ck_assert_uint_eq(tertial_proposals_count(list), 1);
  ck_assert_str_eq(tertial_proposals_at(list, 0)->problem, "");
  ck_assert_str_eq(tertial_benefit_name(TERTIAL_BENEFIT_VERY_LARGE), "mycket stor");
  ck_assert_str_eq(tertial_cost_effectiveness_name(TERTIAL_COST_EFFECTIVENESS_LOW), "låg");
  ck_assert_str_eq(tertial_difficulty_name((tertial_difficulty)0), "");
  ck_assert_str_eq(tertial_perspective_name(TERTIAL_PERSPECTIVE_SOCIETY), "samhälle");
  ck_assert_str_eq(tertial_proposal_kind_name(TERTIAL_PROPOSAL_RATIONING), "ransonering");
  ck_assert_str_eq(tertial_proposal_status_name(TERTIAL_PROPOSAL_LIFTED), "lyft");
  tertial_proposals_free(list);
}
END_TEST

static const char *const csv =
  "Kod;Typ;Problem;Målgrupp;Åtgärd;Kostnad (tkr);Svårighetsgrad;Nytta;Kostnads-effektivitet;Perspektiv;"
  "Konsekvensanalys;Ansvarig;Status\n"
  "SOC-1;Prioritering;Fler placeringar;Barn och unga;Utökad öppenvård;1 250;Stor;Mycket stor;Hög;Individ/medborgare;"
  "Färre placeringar;Socialnämnden;beslutad\n"
  "SOC-2;effektivisering;Höga lokalkostnader;Verksamheten;Samlokalisering;-820,5;måttlig;liten;mycket hög;"
  "organisation;;Socialnämnden;lyft\n"
  "\n"
  "SOC-3;Ransonering;Lång kö;Äldre;Striktare bedömning;-300;liten;ingen;låg;samhälle;Risk för missnöje;"
  "Socialnämnden;\n";

START_TEST(test_import)
{
  tertial_proposals *list;
  T_OK(tertial_proposals_new(&list));
  T_OK(tertial_proposals_parse(list, csv, strlen(csv), "p.csv"));
  ck_assert_uint_eq(tertial_proposals_count(list), 3);
  const tertial_proposal *p = tertial_proposals_at(list, 0);
  ck_assert_str_eq(p->code, "SOC-1");
  ck_assert_int_eq(p->cost, 125000000); /* 1 250 tkr */
  ck_assert_int_eq(p->difficulty, TERTIAL_DIFFICULTY_LARGE);
  ck_assert_int_eq(p->benefit, TERTIAL_BENEFIT_VERY_LARGE);
  ck_assert_int_eq(p->cost_effectiveness, TERTIAL_COST_EFFECTIVENESS_HIGH);
  ck_assert_int_eq(p->perspective, TERTIAL_PERSPECTIVE_INDIVIDUAL);
  ck_assert_int_eq(p->status, TERTIAL_PROPOSAL_DECIDED);
  ck_assert_str_eq(p->target_group, "Barn och unga");
  ck_assert_str_eq(p->consequences, "Färre placeringar");
  p = tertial_proposals_at(list, 1);
  ck_assert_int_eq(p->kind, TERTIAL_PROPOSAL_EFFICIENCY);
  ck_assert_int_eq(p->cost, -82050000); /* -820,5 tkr: a saving */
  ck_assert_int_eq(p->perspective, TERTIAL_PERSPECTIVE_ORGANISATION);
  ck_assert_int_eq(p->status, TERTIAL_PROPOSAL_LIFTED);
  p = tertial_proposals_at(list, 2);
  ck_assert_int_eq(p->kind, TERTIAL_PROPOSAL_RATIONING);
  ck_assert_int_eq(p->status, TERTIAL_PROPOSAL_PROPOSED);
  ck_assert_int_eq(p->perspective, TERTIAL_PERSPECTIVE_SOCIETY);
  /* the same file again: every code is taken, nothing is added */
  T_ERR(tertial_proposals_parse(list, csv, strlen(csv), "p.csv"), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "p.csv:2:1: column \"Kod\": proposal SOC-1 already exists"));
  ck_assert_uint_eq(tertial_proposals_count(list), 3);
  tertial_proposals_free(list);
  /* a cost in kr, English headers */
  const char *en = "code,kind,measure,cost,difficulty,benefit,cost-effectiveness\n"
                   "P1,efficiency,Shared premises,\"-12 500,50\",small,moderate,very high\n";
  T_OK(tertial_proposals_new(&list));
  T_OK(tertial_proposals_parse(list, en, strlen(en), "en.csv"));
  ck_assert_int_eq(tertial_proposals_at(list, 0)->cost, -1250050);
  ck_assert_int_eq(tertial_proposals_at(list, 0)->difficulty, TERTIAL_DIFFICULTY_SMALL);
  tertial_proposals_free(list);
}
END_TEST

static void bad_csv(const char *text, const char *want)
{
  tertial_proposals *list;
  T_OK(tertial_proposals_new(&list));
  T_ERR(tertial_proposals_parse(list, text, strlen(text), "p.csv"), TERTIAL_ERR_PARSE);
  ck_assert_msg(strstr(tertial_error_last(), want), "'%s' lacks '%s'", tertial_error_last(), want);
  ck_assert_uint_eq(tertial_proposals_count(list), 0);
  tertial_proposals_free(list);
}

START_TEST(test_bad_import)
{
  const char *h = "kod;typ;åtgärd;kostnad tkr;svårighetsgrad;nytta;kostnadseffektivitet\n";
  char *t;
  bad_csv("kod;typ;åtgärd;kostnad;nytta;kostnadseffektivitet\nA;prioritering;M;1;stor;hög\n",
          "p.csv:1: expected a column \"svårighetsgrad\"");
#define BAD(row, want)                                   \
  t = g_strconcat(h, "A;prioritering;M;1;stor;stor;hög\n", row, NULL); \
  bad_csv(t, want);                                      \
  g_free(t)
  BAD("B;prioritering;M;1;enorm;stor;hög\n", "p.csv:3:5: column \"svårighetsgrad\": expected mycket stor, stor, "
                                             "måttlig or liten, not 'enorm'");
  BAD("B;satsning;M;1;stor;stor;hög\n", "p.csv:3:2: column \"typ\": expected prioritering, effektivisering or "
                                        "ransonering");
  BAD("B;prioritering;M;12 tkr;stor;stor;hög\n", "p.csv:3:4: column \"kostnad tkr\": expected an amount in tkr");
  BAD("B;prioritering;M;1,234;stor;stor;hög\n", "p.csv:3:4");
  BAD("B;prioritering;M;1;stor;ingen;hög\nC;prioritering;M;1;stor;stor;ingen\n",
      "p.csv:4:7: column \"kostnadseffektivitet\": expected mycket hög, hög, måttlig or låg");
  BAD("B;prioritering;;1;stor;stor;hög\n", "p.csv:3:3: column \"åtgärd\": expected the measure");
  BAD("A;prioritering;M;1;stor;stor;hög\n", "p.csv:3:1: column \"kod\": proposal A already exists");
#undef BAD
}
END_TEST

#if FAILALLOC
/* ---- out of memory: every allocation of loading the example's proposals and rule failing ---- */

typedef struct loaded {
  tertial_proposals *list;
  tertial_priority_rule *rule;
} loaded;

static void drop_loaded(void *ctx)
{
  loaded *l = ctx;
  tertial_proposals_free(l->list);
  tertial_priority_rule_free(l->rule);
  *l = (loaded){NULL, NULL};
}

static int load_example(void *ctx)
{
  loaded *l = ctx;
  int rc = tertial_proposals_new(&l->list);
  if (rc == 0)
    rc = tertial_proposals_load(l->list, TERTIAL_SOURCE_ROOT "/examples/priorities/proposals.csv");
  if (rc == 0)
    rc = tertial_priority_rule_load(&l->rule, TERTIAL_SOURCE_ROOT "/examples/priorities/weighted.rule");
  if (rc < 0)
    drop_loaded(l);
  return rc;
}

START_TEST(test_load_out_of_memory)
{
  if (!failalloc_works())
    return;
  loaded l = {NULL, NULL};
  long points = failalloc_each(load_example, drop_loaded, &l);
  ck_assert_int_ge(points, 100); /* 113 when written */
  ck_assert_uint_eq(tertial_proposals_count(l.list), 4);
  ck_assert_str_eq(tertial_proposals_at(l.list, 0)->code, "SOC-1");
  ck_assert_int_eq(tertial_proposals_at(l.list, 0)->cost, 125000000); /* 1 250 tkr */
  ck_assert_int_eq(tertial_proposals_at(l.list, 1)->cost, -82000000);
  char *text = tertial_priority_rule_describe(l.rule);
  ck_assert_str_eq(text, "order = score desc, cost asc\nweight.benefit = 3\nweight.cost_effectiveness = 2\n"
                         "weight.ease = 1\n");
  tertial_free(text);
  /* scores 3 × nytta + 2 × kostnadseffektivitet + lätthet: SOC-1 12+6+2, BUN-1 9+6+3, SOC-2 3+8+3, SOC-3 0+2+4 */
  assert_ranking(l.list, l.rule, "SOC-11 BUN-12 SOC-23 SOC-34");
  drop_loaded(&l);
}
END_TEST

/* The fixture's three proposals added to the five of a list: all of them or, out of memory, none. */
static int parse_into_five(void *list)
{
  int rc = tertial_proposals_parse(list, csv, strlen(csv), "p.csv");
  if (rc < 0)
    ck_assert_uint_eq(tertial_proposals_count(list), 5);
  return rc;
}

static void parsed_all_the_same(void *list)
{
  (void)list;
  ck_abort_msg("an allocation failed and the proposals were read all the same");
}

START_TEST(test_parse_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial_proposals *list = five();
  ck_assert_int_ge(failalloc_each(parse_into_five, parsed_all_the_same, list), 80); /* 81 when written */
  ck_assert_uint_eq(tertial_proposals_count(list), 8);
  ck_assert_str_eq(tertial_proposals_at(list, 5)->code, "SOC-1");
  ck_assert_int_eq(tertial_proposals_at(list, 6)->cost, -82050000); /* -820,5 tkr */
  ck_assert_str_eq(tertial_proposals_at(list, 7)->consequences, "Risk för missnöje");
  tertial_proposals_free(list);
}
END_TEST

/* A rule's text alone: its copy, the only allocation besides the rule. */
static int parse_rule(void *rule)
{
  return tertial_priority_rule_parse(rule, "order = benefit desc, cost\nweight.ease = 2\n", "r.txt");
}

static void drop_rule(void *rule)
{
  tertial_priority_rule_free(*(tertial_priority_rule **)rule);
}

START_TEST(test_rule_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial_priority_rule *rule = NULL;
  ck_assert_int_eq(failalloc_each(parse_rule, drop_rule, &rule), 2);
  char *text = tertial_priority_rule_describe(rule);
  ck_assert_str_eq(text, "order = benefit desc, cost asc\nweight.ease = 2\n");
  tertial_free(text);
  tertial_priority_rule_free(rule);
}
END_TEST
#endif

int main(void)
{
  Suite *s = suite_create("priorities");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_default_rule);
  tcase_add_test(tc, test_rules_from_text);
  tcase_add_test(tc, test_bad_rules);
  tcase_add_test(tc, test_add_checks);
  tcase_add_test(tc, test_import);
  tcase_add_test(tc, test_bad_import);
#if FAILALLOC
  tcase_add_test(tc, test_load_out_of_memory);
  tcase_add_test(tc, test_rule_out_of_memory);
  tcase_add_test(tc, test_parse_out_of_memory);
#endif
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
