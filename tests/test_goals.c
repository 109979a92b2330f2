#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "testutil.h"

/* K with A (A1, A2) and B (B1) below it, fiscal year 2026, and the goals of the model. */
typedef struct goals_fixture {
  tertial_model *m;
  tertial_goals *g;
  tertial_unit_id k, a, a1, a2, b, b1;
} goals_fixture;

static void build(goals_fixture *x)
{
  T_OK(tertial_model_new(&x->m, 2026, 1));
  tertial_org *org = tertial_model_org(x->m);
  T_OK(tertial_org_add_unit(&x->k, org, "K", "Kommunen", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_org_add_unit(&x->a, org, "A", "Socialnämnden", x->k, 1, NULL));
  T_OK(tertial_org_add_unit(&x->a1, org, "A1", "HVB", x->a, 2, NULL));
  T_OK(tertial_org_add_unit(&x->a2, org, "A2", "Familjehem", x->a, 2, NULL));
  T_OK(tertial_org_add_unit(&x->b, org, "B", "Barn- och utbildningsnämnden", x->k, 1, NULL));
  T_OK(tertial_org_add_unit(&x->b1, org, "B1", "Skola", x->b, 2, NULL));
  x->g = tertial_model_goals(x->m);
  ck_assert_ptr_nonnull(x->g);
  ck_assert_ptr_eq(tertial_model_goals(x->m), x->g); /* one per model */
}

static tertial_indicator_id add(goals_fixture *x, const char *code, int decimals, tertial_direction dir,
                                tertial_aggregation agg, const char *weight)
{
  tertial_indicator_spec s = TERTIAL_INDICATOR_SPEC_INIT;
  s.code = code;
  s.name = code;
  s.decimals = decimals;
  s.direction = dir;
  s.aggregation = agg;
  s.weight = weight;
  tertial_indicator_id id;
  T_OK(tertial_indicator_add(&id, x->g, &s));
  return id;
}

static tertial_indicator_result eval(goals_fixture *x, tertial_indicator_id id, tertial_unit_id u, int period)
{
  tertial_indicator_result r;
  T_OK(tertial_indicator_evaluate(&r, x->g, id, u, period, 2026));
  return r;
}

/* Remove a test's store (with its WAL files) and its folder. */
static void remove_store(const char *dir, const char *path)
{
  char f[80];
  g_remove(path);
  snprintf(f, sizeof f, "%s-wal", path);
  g_remove(f);
  snprintf(f, sizeof f, "%s-shm", path);
  g_remove(f);
  g_rmdir(dir);
}

/* Sum, mean, weighted mean, min, max and none, with missing values and a unit's own value
 * standing for its branch; evaluate_all agrees with evaluate at every unit. */
START_TEST(test_aggregation)
{
  goals_fixture x;
  build(&x);
  tertial_indicator_id plac = add(&x, "PLAC", 0, TERTIAL_LOWER_IS_BETTER, TERTIAL_AGGREGATE_SUM, NULL);
  tertial_indicator_id nki = add(&x, "NKI", 1, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_MEAN, NULL);
  tertial_indicator_id hours = add(&x, "TIM", 0, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_SUM, NULL);
  tertial_indicator_id sick = add(&x, "SJUK", 1, TERTIAL_LOWER_IS_BETTER, TERTIAL_AGGREGATE_WEIGHTED_MEAN, "TIM");
  tertial_indicator_id lo = add(&x, "MIN", 0, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_MIN, NULL);
  tertial_indicator_id hi = add(&x, "MAX", 0, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_MAX, NULL);
  tertial_indicator_id own = add(&x, "EGEN", 0, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_NONE, NULL);
  ck_assert_str_eq(tertial_indicator_at(x.g, sick)->weight, "TIM");
  const int p = 202604;
  T_OK(tertial_indicator_set_value(x.g, plac, x.a1, p, 4, "Procapita", 1777000000));
  T_OK(tertial_indicator_set_value(x.g, plac, x.a2, p, 5, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, plac, x.b1, p, 3, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, nki, x.a1, p, 800, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, nki, x.a2, p, 705, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, nki, x.b1, p, 730, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, hours, x.a1, p, 1000, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, hours, x.a2, p, 3000, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, sick, x.a1, p, 50, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, sick, x.a2, p, 100, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, sick, x.b1, p, 20, NULL, 0)); /* no weight: left out */
  for (tertial_unit_id u = x.a1; u <= x.b1; u++) {
    if (u == x.a || u == x.b)
      continue;
    int v = u == x.a1 ? 7 : u == x.a2 ? -2 : 11;
    T_OK(tertial_indicator_set_value(x.g, lo, u, p, v, NULL, 0));
    T_OK(tertial_indicator_set_value(x.g, hi, u, p, v, NULL, 0));
  }
  T_OK(tertial_indicator_set_value(x.g, own, x.a1, p, 9, NULL, 0));
  tertial_indicator_result r = eval(&x, plac, x.a, p);
  ck_assert(r.has_value && r.value == 9 && !r.own && r.units == 2);
  r = eval(&x, plac, x.k, p);
  ck_assert(r.has_value && r.value == 12 && r.units == 3);
  r = eval(&x, plac, x.a1, p);
  ck_assert(r.has_value && r.value == 4 && r.own && r.units == 1);
  /* mean: (80,0 + 70,5) / 2 = 75,25 -> 75,3 half away from zero; K: (80 + 70,5 + 73) / 3 = 74,5 */
  ck_assert_int_eq(eval(&x, nki, x.a, p).value, 753);
  ck_assert_int_eq(eval(&x, nki, x.k, p).value, 745);
  /* weighted by hours: (5,0 x 1000 + 10,0 x 3000) / 4000 = 8,75 -> 8,8; B1 has no weight */
  r = eval(&x, sick, x.k, p);
  ck_assert(r.has_value && r.value == 88 && r.units == 2);
  ck_assert_int_eq(eval(&x, sick, x.b, p).has_value, 0);
  ck_assert_int_eq(eval(&x, lo, x.k, p).value, -2);
  ck_assert_int_eq(eval(&x, hi, x.k, p).value, 11);
  ck_assert_int_eq(eval(&x, hi, x.a, p).value, 7);
  ck_assert_int_eq(eval(&x, own, x.a1, p).value, 9);
  ck_assert_int_eq(eval(&x, own, x.a, p).has_value, 0); /* not aggregated */
  ck_assert_int_eq(eval(&x, plac, x.k, 202605).has_value, 0); /* no values that month */
  /* a unit's own value stands for its branch */
  T_OK(tertial_indicator_set_value(x.g, plac, x.a, p, 20, "Kolada", 0));
  r = eval(&x, plac, x.k, p);
  ck_assert(r.value == 23 && r.units == 2);
  /* a replaced value replaces */
  T_OK(tertial_indicator_set_value(x.g, plac, x.b1, p, 6, NULL, 0));
  ck_assert_int_eq(eval(&x, plac, x.k, p).value, 26);
  tertial_indicator_value ov;
  T_OK(tertial_indicator_own_value(&ov, x.g, plac, x.a1, p));
  ck_assert(ov.value == 4 && strcmp(ov.source, "Procapita") == 0 && ov.imported == 1777000000);
  T_ERR(tertial_indicator_own_value(&ov, x.g, plac, x.k, p), TERTIAL_ERR_NOT_FOUND);
  /* many at once: all or nothing */
  tertial_unit_id us[] = {x.a1, x.a2, 99};
  int64_t vs[] = {1, 2, 3};
  T_ERR(tertial_indicator_set_values(x.g, plac, 202605, us, vs, 3, "fil.csv", 0), TERTIAL_ERR_NOT_FOUND);
  ck_assert_int_eq(eval(&x, plac, x.a, 202605).has_value, 0);
  T_OK(tertial_indicator_set_values(x.g, plac, 202605, us, vs, 2, "fil.csv", 0));
  ck_assert_int_eq(eval(&x, plac, x.a, 202605).value, 3);
  T_OK(tertial_indicator_set_values(x.g, plac, 202605, us, vs + 1, 2, "fil.csv", 0)); /* replaced */
  ck_assert_int_eq(eval(&x, plac, x.k, 202605).value, 5);
  /* the whole tree at once agrees */
  size_t n = tertial_org_unit_count(tertial_model_org(x.m));
  tertial_indicator_result all[8];
  tertial_indicator_id ids[] = {plac, nki, sick, lo, hi, own};
  for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
    T_OK(tertial_indicator_evaluate_all(all, x.g, ids[i], p, 2026));
    for (tertial_unit_id u = 0; u < n; u++) {
      tertial_indicator_result one = eval(&x, ids[i], u, p);
      ck_assert_msg(one.has_value == all[u].has_value && (!one.has_value || one.value == all[u].value) &&
                      one.own == all[u].own && one.units == all[u].units,
                    "indicator %zu unit %u", i, u);
    }
  }
  tertial_model_free(x.m);
}
END_TEST

/* A reorganisation moves a unit's values with it from the month it takes effect. */
START_TEST(test_reorganisation)
{
  goals_fixture x;
  build(&x);
  tertial_indicator_id plac = add(&x, "PLAC", 0, TERTIAL_LOWER_IS_BETTER, TERTIAL_AGGREGATE_SUM, NULL);
  T_OK(tertial_org_move(tertial_model_org(x.m), x.b1, x.a, 202606));
  for (int p = 202605; p <= 202606; p++) {
    T_OK(tertial_indicator_set_value(x.g, plac, x.a1, p, 4, NULL, 0));
    T_OK(tertial_indicator_set_value(x.g, plac, x.b1, p, 3, NULL, 0));
  }
  ck_assert_int_eq(eval(&x, plac, x.a, 202605).value, 4);
  ck_assert_int_eq(eval(&x, plac, x.b, 202605).value, 3);
  ck_assert_int_eq(eval(&x, plac, x.a, 202606).value, 7);
  ck_assert_int_eq(eval(&x, plac, x.b, 202606).has_value, 0);
  ck_assert_int_eq(eval(&x, plac, x.k, 202606).value, 7);
  tertial_model_free(x.m);
}
END_TEST

/* Lights by direction, absolute and relative margins, intervals; the trend one step back by the
 * periodicity and twelve months back. */
START_TEST(test_lights_and_trend)
{
  goals_fixture x;
  build(&x);
  tertial_indicator_spec s = TERTIAL_INDICATOR_SPEC_INIT;
  s.code = "NKI";
  s.name = "Nöjd kundindex";
  s.unit_of_measure = "index";
  s.decimals = 1;
  s.relative = 1;
  s.green_margin = 0;
  s.yellow_margin = 50; /* 5 % of the target */
  s.external_id = "U21468";
  tertial_indicator_id nki, plac, band;
  T_OK(tertial_indicator_add(&nki, x.g, &s));
  ck_assert_str_eq(tertial_indicator_at(x.g, nki)->external_id, "U21468");
  T_OK(tertial_indicator_set_target(x.g, nki, 2026, 750, 0));
  /* 75,0 green; 71,2 is within 5 % (37,5 -> 38): yellow; 71,1 red */
  ck_assert_int_eq(tertial_indicator_light(x.g, nki, 750, 750, 750), TERTIAL_LIGHT_GREEN);
  ck_assert_int_eq(tertial_indicator_light(x.g, nki, 712, 750, 750), TERTIAL_LIGHT_YELLOW);
  ck_assert_int_eq(tertial_indicator_light(x.g, nki, 711, 750, 750), TERTIAL_LIGHT_RED);
  s = (tertial_indicator_spec)TERTIAL_INDICATOR_SPEC_INIT;
  s.code = "PLAC";
  s.name = "Placeringar";
  s.direction = TERTIAL_LOWER_IS_BETTER;
  s.periodicity = TERTIAL_PER_TERTIAL;
  s.green_margin = 1;
  s.yellow_margin = 3;
  T_OK(tertial_indicator_add(&plac, x.g, &s));
  T_OK(tertial_indicator_set_target(x.g, plac, 2026, 10, 0));
  ck_assert_int_eq(tertial_indicator_light(x.g, plac, 11, 10, 10), TERTIAL_LIGHT_GREEN);
  ck_assert_int_eq(tertial_indicator_light(x.g, plac, 13, 10, 10), TERTIAL_LIGHT_YELLOW);
  ck_assert_int_eq(tertial_indicator_light(x.g, plac, 14, 10, 10), TERTIAL_LIGHT_RED);
  s = (tertial_indicator_spec)TERTIAL_INDICATOR_SPEC_INIT;
  s.code = "BELAG";
  s.name = "Beläggning";
  s.direction = TERTIAL_WITHIN_INTERVAL;
  s.yellow_margin = 5;
  T_OK(tertial_indicator_add(&band, x.g, &s));
  T_ERR(tertial_indicator_set_target(x.g, band, 2026, 95, 90), TERTIAL_ERR_RANGE);
  T_OK(tertial_indicator_set_target(x.g, band, 2026, 85, 95));
  ck_assert_int_eq(tertial_indicator_light(x.g, band, 85, 85, 95), TERTIAL_LIGHT_GREEN);
  ck_assert_int_eq(tertial_indicator_light(x.g, band, 100, 85, 95), TERTIAL_LIGHT_YELLOW);
  ck_assert_int_eq(tertial_indicator_light(x.g, band, 79, 85, 95), TERTIAL_LIGHT_RED);
  /* evaluate: the year's target and the light; trend a tertial back and a year back */
  T_OK(tertial_indicator_set_value(x.g, plac, x.a1, 202504, 6, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, plac, x.a1, 202512, 8, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, plac, x.a1, 202604, 12, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, plac, x.a2, 202604, 1, NULL, 0));
  tertial_indicator_result r = eval(&x, plac, x.a, 202604);
  ck_assert(r.has_value && r.value == 13 && r.has_target && r.target == 10 && r.light == TERTIAL_LIGHT_YELLOW);
  ck_assert(r.has_previous && r.previous == 8 && r.has_last_year && r.last_year == 6);
  r = eval(&x, plac, x.a, 202608);
  ck_assert(!r.has_value && r.light == TERTIAL_LIGHT_NONE && r.has_previous && r.previous == 13);
  T_OK(tertial_indicator_evaluate(&r, x.g, plac, x.a, 202604, 2025)); /* no target for 2025 */
  ck_assert(r.has_value && !r.has_target && r.light == TERTIAL_LIGHT_NONE);
  tertial_model_free(x.m);
}
END_TEST

/* Values as written, exactly to the decimals; formatted in Swedish; refused input. */
START_TEST(test_values_as_text)
{
  goals_fixture x;
  build(&x);
  tertial_indicator_id one = add(&x, "NKI", 1, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_MEAN, NULL);
  tertial_indicator_id none = add(&x, "ANT", 0, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_SUM, NULL);
  int64_t v;
  T_OK(tertial_indicator_parse_value(&v, x.g, one, "73,4"));
  ck_assert_int_eq(v, 734);
  T_OK(tertial_indicator_parse_value(&v, x.g, one, "73.4"));
  ck_assert_int_eq(v, 734);
  T_OK(tertial_indicator_parse_value(&v, x.g, one, "73"));
  ck_assert_int_eq(v, 730);
  T_OK(tertial_indicator_parse_value(&v, x.g, one, "\xe2\x88\x92" "2,5"));
  ck_assert_int_eq(v, -25);
  T_OK(tertial_indicator_parse_value(&v, x.g, none, "1 234"));
  ck_assert_int_eq(v, 1234);
  T_OK(tertial_indicator_parse_value(&v, x.g, none, "12\xc2\xa0" "345"));
  ck_assert_int_eq(v, 12345);
  T_ERR(tertial_indicator_parse_value(&v, x.g, one, "73,45"), TERTIAL_ERR_PARSE);
  T_ERR(tertial_indicator_parse_value(&v, x.g, none, "1,5"), TERTIAL_ERR_PARSE);
  T_ERR(tertial_indicator_parse_value(&v, x.g, none, "12x"), TERTIAL_ERR_PARSE);
  T_ERR(tertial_indicator_parse_value(&v, x.g, none, ""), TERTIAL_ERR_PARSE);
  T_ERR(tertial_indicator_parse_value(&v, x.g, none, "73,"), TERTIAL_ERR_PARSE);
  T_ERR(tertial_indicator_parse_value(&v, x.g, none, "99999999999999999999"), TERTIAL_ERR_OVERFLOW);
  char buf[32];
  ck_assert_int_eq(tertial_indicator_format_value(buf, sizeof buf, x.g, one, -12345), 8);
  ck_assert_str_eq(buf, "-1 234,5");
  tertial_indicator_format_value(buf, sizeof buf, x.g, none, 1234567);
  ck_assert_str_eq(buf, "1 234 567");
  T_ERR(tertial_indicator_format_value(buf, 3, x.g, none, 1234567), TERTIAL_ERR_RANGE);
  /* refused specs */
  tertial_indicator_spec s = TERTIAL_INDICATOR_SPEC_INIT;
  s.code = "NKI";
  s.name = "x";
  T_ERR(tertial_indicator_add(NULL, x.g, &s), TERTIAL_ERR_EXISTS);
  s.code = "X";
  s.decimals = 7;
  T_ERR(tertial_indicator_add(NULL, x.g, &s), TERTIAL_ERR_RANGE);
  s.decimals = 0;
  s.green_margin = 5;
  s.yellow_margin = 4;
  T_ERR(tertial_indicator_add(NULL, x.g, &s), TERTIAL_ERR_RANGE);
  s.yellow_margin = 5;
  s.aggregation = TERTIAL_AGGREGATE_WEIGHTED_MEAN;
  T_ERR(tertial_indicator_add(NULL, x.g, &s), TERTIAL_ERR_INVALID);
  s.weight = "NOPE";
  T_ERR(tertial_indicator_add(NULL, x.g, &s), TERTIAL_ERR_NOT_FOUND);
  s.aggregation = TERTIAL_AGGREGATE_SUM;
  s.weight = "ANT";
  T_ERR(tertial_indicator_add(NULL, x.g, &s), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_indicator_count(x.g), 2);
  T_ERR(tertial_indicator_set_value(x.g, one, x.a1, 202613, 1, NULL, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_indicator_set_value(x.g, one, 99, 202601, 1, NULL, 0), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_indicator_set_value(x.g, 7, x.a1, 202601, 1, NULL, 0), TERTIAL_ERR_NOT_FOUND);
  tertial_model_free(x.m);
}
END_TEST

/* The tree from the strategic area to activities; kinds fit their parents; the red thread up and
 * down, by validity. */
START_TEST(test_goal_tree)
{
  goals_fixture x;
  build(&x);
  tertial_goal_id s1, kf1, n1, d1, ak1, ak2, n_old;
  T_OK(tertial_goal_add(&s1, x.g, TERTIAL_GOAL_STRATEGIC_AREA, "S1", "Trygghet", NULL, TERTIAL_NO_GOAL, x.k, "kd",
                        2023, 2026));
  T_OK(tertial_goal_add(&kf1, x.g, TERTIAL_GOAL_COUNCIL, "KF1", "Barn växer upp tryggt", "Text", s1, x.k, NULL, 2023,
                        2026));
  T_OK(tertial_goal_add(&n1, x.g, TERTIAL_GOAL_COMMITTEE, "N1", "Färre placeringar", NULL, kf1, x.a, "chef3", 2026,
                        2026));
  T_OK(tertial_goal_add(&n_old, x.g, TERTIAL_GOAL_COMMITTEE, "N0", "Gammalt mål", NULL, kf1, x.a, NULL, 2023, 2025));
  T_OK(tertial_goal_add(&d1, x.g, TERTIAL_GOAL_SUB, "D1", "Egna jourhem", NULL, n1, x.a2, NULL, 2026, 2026));
  T_OK(tertial_goal_add(&ak1, x.g, TERTIAL_GOAL_ACTIVITY, "AK1", "Rekrytera jourhem", NULL, d1, x.a2, NULL, 2026,
                        2026));
  T_OK(tertial_goal_add(&ak2, x.g, TERTIAL_GOAL_ACTIVITY, "AK2", "Utbilda personal", NULL, n1, x.a1, NULL, 2026,
                        2026));
  T_ERR(tertial_goal_add(NULL, x.g, TERTIAL_GOAL_SUB, "X1", "x", NULL, kf1, x.a, NULL, 2026, 2026),
        TERTIAL_ERR_INVALID);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "a sub-goal cannot sit under a council goal (KF1)"));
  T_ERR(tertial_goal_add(NULL, x.g, TERTIAL_GOAL_COUNCIL, "X2", "x", NULL, TERTIAL_NO_GOAL, x.a, NULL, 2026, 2026),
        TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_goal_add(NULL, x.g, TERTIAL_GOAL_STRATEGIC_AREA, "X3", "x", NULL, s1, x.a, NULL, 2026, 2026),
        TERTIAL_ERR_INVALID);
  T_ERR(tertial_goal_add(NULL, x.g, TERTIAL_GOAL_ACTIVITY, "AK1", "x", NULL, n1, x.a, NULL, 2026, 2026),
        TERTIAL_ERR_EXISTS);
  T_ERR(tertial_goal_add(NULL, x.g, TERTIAL_GOAL_ACTIVITY, "X4", "x", NULL, n1, x.a, NULL, 2027, 2026),
        TERTIAL_ERR_RANGE);
  ck_assert_uint_eq(tertial_goal_count(x.g), 7);
  ck_assert_str_eq(tertial_goal_at(x.g, n1)->responsible, "chef3");
  tertial_goal_id found;
  T_OK(tertial_goal_find(&found, x.g, "D1"));
  ck_assert_uint_eq(found, d1);
  tertial_goal_id *ids;
  size_t n, up;
  T_OK(tertial_goal_red_thread(&ids, &n, &up, x.g, d1, 2026));
  ck_assert_uint_eq(up, 4);
  ck_assert_uint_eq(n, 5);
  ck_assert(ids[0] == d1 && ids[1] == n1 && ids[2] == kf1 && ids[3] == s1 && ids[4] == ak1);
  tertial_free(ids);
  T_OK(tertial_goal_red_thread(&ids, &n, &up, x.g, kf1, 2026));
  ck_assert_uint_eq(up, 2);
  tertial_goal_id want[] = {kf1, s1, n1, d1, ak1, ak2};
  ck_assert_uint_eq(n, 6);
  for (size_t i = 0; i < n; i++)
    ck_assert_uint_eq(ids[i], want[i]);
  tertial_free(ids);
  T_OK(tertial_goal_red_thread(&ids, &n, &up, x.g, kf1, 0)); /* any year: the old goal too */
  ck_assert_uint_eq(n, 7);
  tertial_free(ids);
  tertial_model_free(x.m);
}
END_TEST

/* A goal's status proposed from its indicators' lights (the rule is data), or from its children;
 * a person sets another with a reason, kept with every setting; a stale setting conflicts;
 * attainment per committee counts them. */
START_TEST(test_status_and_attainment)
{
  goals_fixture x;
  build(&x);
  tertial_indicator_id plac = add(&x, "PLAC", 0, TERTIAL_LOWER_IS_BETTER, TERTIAL_AGGREGATE_SUM, NULL);
  tertial_indicator_id nki = add(&x, "NKI", 0, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_MEAN, NULL);
  T_OK(tertial_indicator_set_target(x.g, plac, 2026, 10, 0));
  T_OK(tertial_indicator_set_target(x.g, nki, 2026, 75, 0));
  tertial_goal_id s1, kf1, n1, n2, n3;
  T_OK(tertial_goal_add(&s1, x.g, TERTIAL_GOAL_STRATEGIC_AREA, "S1", "Trygghet", NULL, TERTIAL_NO_GOAL, x.k, NULL,
                        2026, 2026));
  T_OK(tertial_goal_add(&kf1, x.g, TERTIAL_GOAL_COUNCIL, "KF1", "Trygg uppväxt", NULL, s1, x.k, NULL, 2026, 2026));
  T_OK(tertial_goal_add(&n1, x.g, TERTIAL_GOAL_COMMITTEE, "N1", "Färre placeringar", NULL, kf1, x.a, NULL, 2026, 2026));
  T_OK(tertial_goal_add(&n2, x.g, TERTIAL_GOAL_COMMITTEE, "N2", "Nöjda brukare", NULL, kf1, x.a, NULL, 2026, 2026));
  T_OK(tertial_goal_add(&n3, x.g, TERTIAL_GOAL_COMMITTEE, "N3", "Nöjda elever", NULL, kf1, x.b, NULL, 2026, 2026));
  T_OK(tertial_goal_link_indicator(x.g, n1, plac));
  T_OK(tertial_goal_link_indicator(x.g, n1, plac)); /* again: nothing */
  T_OK(tertial_goal_link_indicator(x.g, n2, nki));
  T_OK(tertial_goal_link_indicator(x.g, n3, nki));
  tertial_indicator_id *links;
  size_t nlinks;
  T_OK(tertial_goal_indicators(&links, &nlinks, x.g, n1));
  ck_assert(nlinks == 1 && links[0] == plac);
  tertial_free(links);
  /* T1 is April: A's placements 12 (red against 10), NKI 80 (green); B's NKI 70 (red) */
  T_OK(tertial_indicator_set_value(x.g, plac, x.a1, 202604, 12, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, nki, x.a1, 202604, 80, NULL, 0));
  T_OK(tertial_indicator_set_value(x.g, nki, x.b1, 202604, 70, NULL, 0));
  tertial_goal_state st;
  T_OK(tertial_goal_state_at(&st, x.g, n1, "T1"));
  ck_assert(st.proposed == TERTIAL_GOAL_NOT_MET && st.status == TERTIAL_GOAL_NOT_MET && !st.set &&
            st.lights[TERTIAL_LIGHT_RED] == 1);
  T_OK(tertial_goal_state_at(&st, x.g, n2, "T1"));
  ck_assert_int_eq(st.proposed, TERTIAL_GOAL_MET);
  /* KF1 has no indicators: its committees count (met, not met, not met): 1/3 not >= 500 per mille */
  T_OK(tertial_goal_state_at(&st, x.g, kf1, "T1"));
  ck_assert_int_eq(st.proposed, TERTIAL_GOAL_NOT_MET);
  ck_assert(st.lights[TERTIAL_LIGHT_GREEN] == 1 && st.lights[TERTIAL_LIGHT_RED] == 2);
  T_OK(tertial_goal_state_at(&st, x.g, n1, "T2")); /* no values in August */
  ck_assert_int_eq(st.proposed, TERTIAL_GOAL_NOT_STARTED);
  /* the rule is data: a third green is partly met */
  tertial_goal_rule rule = {1000, 300};
  T_OK(tertial_goals_set_rule(x.g, &rule));
  T_OK(tertial_goal_state_at(&st, x.g, kf1, "T1"));
  ck_assert_int_eq(st.proposed, TERTIAL_GOAL_PARTLY_MET);
  rule.partly_green_yellow = 0;
  T_ERR(tertial_goals_set_rule(x.g, &rule), TERTIAL_ERR_RANGE);
  /* a person's setting: the proposal needs no reason, another status does */
  T_ERR(tertial_goal_set_status(x.g, n2, "T1", TERTIAL_GOAL_MET, NULL, NULL, "chef3", 1777000000, 3),
        TERTIAL_ERR_CONFLICT); /* against a version never there */
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "set by nobody"));
  T_OK(tertial_goal_set_status(x.g, n2, "T1", TERTIAL_GOAL_MET, "Över målet.", NULL, "chef3", 1777000000, 0));
  T_ERR(tertial_goal_set_status(x.g, n1, "T1", TERTIAL_GOAL_PARTLY_MET, "Två färre än i fjol.", NULL, "chef3",
                                1777000100, 0),
        TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "the indicators propose \"ej uppfyllt\""));
  T_OK(tertial_goal_set_status(x.g, n1, "T1", TERTIAL_GOAL_PARTLY_MET, "Två färre än i fjol.",
                               "Trenden vänder: två placeringar avslutas i maj.", "chef3", 1777000100, 0));
  T_ERR(tertial_goal_set_status(x.g, n1, "T1", TERTIAL_GOAL_NOT_MET, NULL, NULL, "ekonom1", 1777000200, 0),
        TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "set by chef3"));
  T_OK(tertial_goal_set_status(x.g, n1, "T1", TERTIAL_GOAL_NOT_MET, "Enligt styrtalen.", NULL, "ekonom1", 1777000200,
                               1));
  T_OK(tertial_goal_state_at(&st, x.g, n1, "T1"));
  ck_assert(st.set && st.status == TERTIAL_GOAL_NOT_MET && !st.overridden && st.version == 2);
  ck_assert_str_eq(st.by, "ekonom1");
  ck_assert_uint_eq(tertial_goal_history_count(x.g, n1, "T1"), 2);
  T_OK(tertial_goal_history_at(&st, x.g, n1, "T1", 0));
  ck_assert(st.overridden && st.status == TERTIAL_GOAL_PARTLY_MET && st.proposed == TERTIAL_GOAL_NOT_MET &&
            st.when == 1777000100);
  ck_assert_str_eq(st.reason, "Trenden vänder: två placeringar avslutas i maj.");
  ck_assert_str_eq(st.comment, "Två färre än i fjol.");
  T_ERR(tertial_goal_history_at(&st, x.g, n1, "T1", 2), TERTIAL_ERR_RANGE);
  ck_assert_uint_eq(tertial_goal_history_count(x.g, n1, "T2"), 0);
  /* attainment: Socialnämnden (A) has one committee goal met, one not met; the municipality three */
  size_t counts[TERTIAL_GOAL_STATUS_COUNT];
  T_OK(tertial_goal_attainment(counts, x.g, x.a, TERTIAL_GOAL_COMMITTEE, "T1"));
  ck_assert(counts[TERTIAL_GOAL_MET] == 1 && counts[TERTIAL_GOAL_NOT_MET] == 1 && counts[TERTIAL_GOAL_PARTLY_MET] == 0);
  T_OK(tertial_goal_attainment(counts, x.g, x.k, TERTIAL_GOAL_COMMITTEE, "T1"));
  ck_assert(counts[TERTIAL_GOAL_MET] == 1 && counts[TERTIAL_GOAL_NOT_MET] == 2);
  T_ERR(tertial_goal_attainment(counts, x.g, x.k, TERTIAL_GOAL_COMMITTEE, "NOPE"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_str_eq(tertial_goal_status_name(TERTIAL_GOAL_PARTLY_MET), "delvis uppfyllt");
  tertial_model_free(x.m);
}
END_TEST

/* Everything of the goals survives a save and a load: indicators with their targets and values
 * (sources and times too), the tree with its links, the rule and every status setting; the loaded
 * model proposes and evaluates the same. */
START_TEST(test_store_round_trip)
{
  goals_fixture x;
  build(&x);
  tertial_indicator_id hours = add(&x, "TIM", 0, TERTIAL_HIGHER_IS_BETTER, TERTIAL_AGGREGATE_SUM, NULL);
  tertial_indicator_spec s = TERTIAL_INDICATOR_SPEC_INIT;
  s.code = "SJUK";
  s.name = "Sjukfrånvaro";
  s.unit_of_measure = "%";
  s.decimals = 1;
  s.direction = TERTIAL_LOWER_IS_BETTER;
  s.aggregation = TERTIAL_AGGREGATE_WEIGHTED_MEAN;
  s.weight = "TIM";
  s.periodicity = TERTIAL_PER_TERTIAL;
  s.relative = 1;
  s.green_margin = 20;
  s.yellow_margin = 100;
  s.external_id = "N00090";
  tertial_indicator_id sick;
  T_OK(tertial_indicator_add(&sick, x.g, &s));
  T_OK(tertial_indicator_set_target(x.g, sick, 2026, 60, 0));
  T_OK(tertial_indicator_set_target(x.g, sick, 2025, 65, 0));
  T_OK(tertial_indicator_set_value(x.g, hours, x.a1, 202604, 1000, "HR-systemet", 1777000000));
  T_OK(tertial_indicator_set_value(x.g, hours, x.a2, 202604, 3000, "HR-systemet", 1777000000));
  T_OK(tertial_indicator_set_value(x.g, sick, x.a1, 202604, 50, "HR-systemet", 1777000000));
  T_OK(tertial_indicator_set_value(x.g, sick, x.a2, 202604, 70, "HR-systemet", 1777000000));
  tertial_goal_id s1, kf1, n1;
  T_OK(tertial_goal_add(&s1, x.g, TERTIAL_GOAL_STRATEGIC_AREA, "S1", "Attraktiv arbetsgivare", NULL, TERTIAL_NO_GOAL,
                        x.k, "kd", 2023, 2026));
  T_OK(tertial_goal_add(&kf1, x.g, TERTIAL_GOAL_COUNCIL, "KF1", "Frisk personal", "Sjukfrånvaron ska minska.", s1, x.k,
                        NULL, 2023, 2026));
  T_OK(tertial_goal_add(&n1, x.g, TERTIAL_GOAL_COMMITTEE, "N1", "Lägre sjukfrånvaro", NULL, kf1, x.a, "chef3", 2026,
                        2026));
  T_OK(tertial_goal_link_indicator(x.g, n1, sick));
  T_OK(tertial_indicator_set_cost_row(x.g, hours, "KOST_PERS"));
  T_OK(tertial_indicator_set_budget_volume(x.g, hours, x.a1, 1100));
  tertial_goal_rule rule = {900, 400};
  T_OK(tertial_goals_set_rule(x.g, &rule));
  T_OK(tertial_goal_set_status(x.g, n1, "T1", TERTIAL_GOAL_MET, "Nära målet.", "Nya rutiner ger effekt.", "chef3",
                               1777000100, 0));
  T_OK(tertial_goal_set_status(x.g, n1, "T1", TERTIAL_GOAL_PARTLY_MET, "Bedömt.", NULL, "ekonom1", 1777000200, 1));
  char dir[] = "/tmp/tertial-goals-XXXXXX", path[64];
  ck_assert_ptr_nonnull(g_mkdtemp(dir));
  snprintf(path, sizeof path, "%s/goals.db", dir);
  tertial_store *st;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, x.m));
  tertial_model *m2;
  T_OK(tertial_store_load(&m2, st));
  tertial_goals *g2 = tertial_model_goals(m2);
  ck_assert_uint_eq(tertial_indicator_count(g2), 2);
  const tertial_indicator_spec *b = tertial_indicator_at(g2, sick);
  ck_assert(b->decimals == 1 && b->direction == TERTIAL_LOWER_IS_BETTER &&
            b->aggregation == TERTIAL_AGGREGATE_WEIGHTED_MEAN && b->periodicity == TERTIAL_PER_TERTIAL &&
            b->relative == 1 && b->green_margin == 20 && b->yellow_margin == 100);
  ck_assert_str_eq(b->weight, "TIM");
  ck_assert_str_eq(b->unit_of_measure, "%");
  ck_assert_str_eq(b->external_id, "N00090");
  int64_t t, hi;
  T_OK(tertial_indicator_target(&t, &hi, g2, sick, 2025));
  ck_assert_int_eq(t, 65);
  tertial_indicator_value v;
  T_OK(tertial_indicator_own_value(&v, g2, sick, x.a2, 202604));
  ck_assert(v.value == 70 && v.imported == 1777000000);
  ck_assert_str_eq(v.source, "HR-systemet");
  /* (5,0 x 1000 + 7,0 x 3000) / 4000 = 6,5 against 6,0 lower is better: 2 % green, 10 % yellow */
  tertial_indicator_result r1, r2;
  T_OK(tertial_indicator_evaluate(&r1, x.g, sick, x.a, 202604, 2026));
  T_OK(tertial_indicator_evaluate(&r2, g2, sick, x.a, 202604, 2026));
  ck_assert(r1.value == 65 && r2.value == 65 && r1.light == TERTIAL_LIGHT_YELLOW && r2.light == TERTIAL_LIGHT_YELLOW);
  ck_assert_uint_eq(tertial_goal_count(g2), 3);
  const tertial_goal *n = tertial_goal_at(g2, n1);
  ck_assert(n->kind == TERTIAL_GOAL_COMMITTEE && n->parent == kf1 && n->unit == x.a && n->first_year == 2026);
  ck_assert_str_eq(n->responsible, "chef3");
  ck_assert_str_eq(tertial_goal_at(g2, kf1)->text, "Sjukfrånvaron ska minska.");
  ck_assert_uint_eq(tertial_goal_at(g2, s1)->parent, TERTIAL_NO_GOAL);
  ck_assert_str_eq(tertial_indicator_cost_row(g2, hours), "KOST_PERS");
  ck_assert_ptr_null(tertial_indicator_cost_row(g2, sick));
  int64_t bv;
  T_OK(tertial_indicator_budget_volume(&bv, g2, hours, x.a1));
  ck_assert_int_eq(bv, 1100);
  T_ERR(tertial_indicator_budget_volume(&bv, g2, hours, x.a2), TERTIAL_ERR_NOT_FOUND);
  tertial_goal_rule back = tertial_goals_rule(g2);
  ck_assert(back.met_green == 900 && back.partly_green_yellow == 400);
  ck_assert_uint_eq(tertial_goal_history_count(g2, n1, "T1"), 2);
  tertial_goal_state a, c;
  for (size_t i = 0; i < 2; i++) {
    T_OK(tertial_goal_history_at(&a, x.g, n1, "T1", i));
    T_OK(tertial_goal_history_at(&c, g2, n1, "T1", i));
    ck_assert(a.status == c.status && a.proposed == c.proposed && a.overridden == c.overridden &&
              a.when == c.when && a.version == c.version && !memcmp(a.lights, c.lights, sizeof a.lights));
    ck_assert_str_eq(a.reason, c.reason);
    ck_assert_str_eq(a.comment, c.comment);
    ck_assert_str_eq(a.by, c.by);
  }
  T_OK(tertial_goal_state_at(&c, g2, n1, "T1"));
  ck_assert(c.status == TERTIAL_GOAL_PARTLY_MET && c.proposed == TERTIAL_GOAL_PARTLY_MET && c.version == 2);
  /* a second save of the loaded model writes the same rows */
  T_OK(tertial_store_save(st, m2));
  tertial_model *m3;
  T_OK(tertial_store_load(&m3, st));
  ck_assert_uint_eq(tertial_goal_history_count(tertial_model_goals(m3), n1, "T1"), 2);
  tertial_model_free(m3);
  tertial_model_free(m2);
  tertial_store_free(st);
  /* a model without goals saves none and loads none */
  tertial_model *plain;
  T_OK(tertial_model_new(&plain, 2027, 1));
  T_OK(tertial_store_open(&st, path, 0));
  T_OK(tertial_store_save(st, plain));
  tertial_model_free(plain);
  T_OK(tertial_store_load_year(&plain, st, 2027));
  ck_assert_uint_eq(tertial_indicator_count(tertial_model_goals(plain)), 0);
  tertial_model_free(plain);
  tertial_store_free(st);
  g_remove(path);
  char wal[80];
  snprintf(wal, sizeof wal, "%s-wal", path);
  g_remove(wal);
  snprintf(wal, sizeof wal, "%s-shm", path);
  g_remove(wal);
  g_rmdir(dir);
  tertial_model_free(x.m);
}
END_TEST

/* A goal's status set as a person goes through the round's gate: who may, the lock, the audit
 * trail; with the store bound, each setting is written at once and a stale one conflicts. */
START_TEST(test_status_through_the_round)
{
  goals_fixture x;
  build(&x);
  tertial_goal_id s1, kf1, n1;
  T_OK(tertial_goal_add(&s1, x.g, TERTIAL_GOAL_STRATEGIC_AREA, "S1", "Trygghet", NULL, TERTIAL_NO_GOAL, x.k, NULL,
                        2026, 2026));
  T_OK(tertial_goal_add(&kf1, x.g, TERTIAL_GOAL_COUNCIL, "KF1", "Trygg uppväxt", NULL, s1, x.k, NULL, 2026, 2026));
  T_OK(tertial_goal_add(&n1, x.g, TERTIAL_GOAL_COMMITTEE, "N1", "Färre placeringar", NULL, kf1, x.a, "anna", 2026,
                        2026));
  char dir[] = "/tmp/tertial-goals-XXXXXX", path[64];
  ck_assert_ptr_nonnull(g_mkdtemp(dir));
  snprintf(path, sizeof path, "%s/goals.db", dir);
  tertial_store *st;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, x.m));
  T_OK(tertial_store_bind_round(st, x.m));
  tertial_round *r = tertial_model_round(x.m);
  T_OK(tertial_round_people_parse(r, NULL,
                                  "key;name;role;unit\neva;Eva Ekonom;economist;K\nanna;Anna Chef;head;A\n"
                                  "bo;Bo Chef;head;B\nrut;Rut Revisor;reader;K\n",
                                  "people.csv"));
  tertial_actor anna = {0, TERTIAL_NO_PERSON}, bo = {0, TERTIAL_NO_PERSON}, rut = {0, TERTIAL_NO_PERSON},
                eva = {0, TERTIAL_NO_PERSON};
  T_OK(tertial_round_find_person(&anna.person, r, "anna"));
  T_OK(tertial_round_find_person(&bo.person, r, "bo"));
  T_OK(tertial_round_find_person(&rut.person, r, "rut"));
  T_OK(tertial_round_find_person(&eva.person, r, "eva"));
  /* no indicators, no children with statuses: not started is proposed; another needs a reason */
  T_ERR(tertial_round_goal_status_as(r, &bo, "T1", n1, TERTIAL_GOAL_NOT_STARTED, "x", NULL, 0),
        TERTIAL_ERR_NOT_PERMITTED);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "bo (Bo Chef) may not set the goals' statuses of A"));
  T_ERR(tertial_round_goal_status_as(r, &rut, "T1", n1, TERTIAL_GOAL_NOT_STARTED, "x", NULL, 0),
        TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_goal_status_as(r, &anna, "T1", n1, TERTIAL_GOAL_PARTLY_MET, "Arbete pågår.", NULL, 0),
        TERTIAL_ERR_STATE);
  size_t audit = tertial_round_audit_count(r);
  T_OK(tertial_round_goal_status_as(r, &anna, "T1", n1, TERTIAL_GOAL_PARTLY_MET, "Arbete pågår.",
                                    "Två jourhem rekryterade.", 0));
  ck_assert_uint_eq(tertial_round_audit_count(r), audit + 2); /* the setting, and A in progress */
  const tertial_audit_entry *e = tertial_round_audit_at(r, audit);
  ck_assert(e->action == TERTIAL_ACTION_GOAL && e->unit == x.a);
  ck_assert_str_eq(e->item, "goal N1");
  ck_assert_str_eq(e->after, "delvis uppfyllt: Arbete pågår. (proposed: ej påbörjat; Två jourhem rekryterade.)");
  tertial_goal_state gs;
  T_OK(tertial_goal_state_at(&gs, x.g, n1, "T1"));
  ck_assert(gs.set && gs.status == TERTIAL_GOAL_PARTLY_MET && gs.overridden && gs.version == 1);
  ck_assert_str_eq(gs.by, "anna");
  /* another process read before: its setting against version 0 conflicts in the store */
  tertial_store *st2;
  tertial_model *m2;
  T_OK(tertial_store_open(&st2, path, 0));
  T_OK(tertial_store_load(&m2, st2));
  tertial_goal_state back;
  T_OK(tertial_goal_state_at(&back, tertial_model_goals(m2), n1, "T1"));
  ck_assert(back.set && back.status == TERTIAL_GOAL_PARTLY_MET && back.version == 1);
  T_OK(tertial_store_bind_round(st2, m2));
  tertial_round *r2 = tertial_model_round(m2);
  ck_assert_uint_eq(tertial_round_audit_count(r2), tertial_round_audit_count(r));
  T_ERR(tertial_round_goal_status_as(r, &eva, "T1", n1, TERTIAL_GOAL_NOT_STARTED, "Inget underlag.", NULL, 1),
        TERTIAL_ERR_NOT_PERMITTED); /* an economist enters on behalf of a manager */
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "on behalf of a manager"));
  tertial_actor eva_for_anna = {eva.person, anna.person};
  T_OK(tertial_round_goal_status_as(r, &eva_for_anna, "T1", n1, TERTIAL_GOAL_NOT_STARTED, "Inget underlag.", NULL,
                                    TERTIAL_ANY_VERSION));
  tertial_actor anna2 = {0, TERTIAL_NO_PERSON};
  T_OK(tertial_round_find_person(&anna2.person, r2, "anna"));
  T_ERR(tertial_round_goal_status_as(r2, &anna2, "T1", n1, TERTIAL_GOAL_NOT_STARTED, "x", NULL, 1),
        TERTIAL_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "the status of goal N1"));
  ck_assert_uint_eq(tertial_goal_history_count(tertial_model_goals(m2), n1, "T1"), 1);
  /* a locked point refuses everyone */
  T_OK(tertial_round_lock_as(r, &eva, "T1", 1));
  T_ERR(tertial_round_goal_status_as(r, &anna, "T1", n1, TERTIAL_GOAL_NOT_STARTED, NULL, NULL, TERTIAL_ANY_VERSION),
        TERTIAL_ERR_NOT_PERMITTED);
  tertial_model_free(m2);
  tertial_store_free(st2);
  tertial_model_free(x.m);
  tertial_store_free(st);
  /* the store holds both settings */
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load(&m2, st));
  ck_assert_uint_eq(tertial_goal_history_count(tertial_model_goals(m2), n1, "T1"), 2);
  T_OK(tertial_goal_history_at(&back, tertial_model_goals(m2), n1, "T1", 1));
  ck_assert_str_eq(back.by, "eva");
  ck_assert_str_eq(back.comment, "Inget underlag.");
  tertial_model_free(m2);
  tertial_store_free(st);
  remove_store(dir, path);
}
END_TEST

static tertial_indicator_id sick_of(goals_fixture *x)
{
  return add(x, "SJUK", 1, TERTIAL_LOWER_IS_BETTER, TERTIAL_AGGREGATE_MEAN, NULL);
}

/* A volume's cost per user from the ledger, and the early warning: the trend through the months
 * so far against the budgeted volume, the first month above it and the cost of the excess. */
START_TEST(test_volume_warning)
{
  goals_fixture x;
  build(&x);
  tertial_account_id acc;
  T_OK(tertial_chart_ensure(&acc, tertial_model_chart(x.m), "4610")); /* Köp av verksamhet */
  tertial_indicator_id plac = add(&x, "PLAC", 0, TERTIAL_LOWER_IS_BETTER, TERTIAL_AGGREGATE_SUM, NULL);
  tertial_volume_outlook o;
  T_ERR(tertial_volume_warning(&o, x.g, plac, x.a1, 4), TERTIAL_ERR_STATE); /* not a volume yet */
  T_ERR(tertial_indicator_set_cost_row(x.g, plac, "NOPE"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_indicator_set_cost_row(x.g, plac, "KOST"), TERTIAL_ERR_STATE); /* a sum row */
  T_OK(tertial_indicator_set_cost_row(x.g, plac, "KOST_KOP"));
  ck_assert_str_eq(tertial_indicator_cost_row(x.g, plac), "KOST_KOP");
  T_ERR(tertial_volume_warning(&o, x.g, plac, x.a1, 4), TERTIAL_ERR_NOT_FOUND); /* no budgeted volume */
  T_OK(tertial_indicator_set_budget_volume(x.g, plac, x.a1, 12));
  T_ERR(tertial_indicator_set_budget_volume(x.g, plac, x.a1, -1), TERTIAL_ERR_RANGE);
  /* placements 10, 12, 11, 13 in January to April, each costing 100 000 kr a month */
  const int64_t vol[] = {10, 12, 11, 13};
  for (int k = 0; k < 4; k++) {
    T_OK(tertial_indicator_set_value(x.g, plac, x.a1, 202601 + k, vol[k], "Procapita", 0));
    T_OK(tertial_ledger_add(tertial_model_ledger(x.m), x.a1, acc, k, TERTIAL_MEASURE_OUTCOME, vol[k] * KR(100000)));
  }
  int64_t cpu;
  T_OK(tertial_indicator_cost_per_unit(&cpu, x.g, plac, x.a1, 2, 0));
  ck_assert_int_eq(cpu, KR(100000));
  T_OK(tertial_indicator_cost_per_unit(&cpu, x.g, plac, x.a, 4, 1)); /* A's subtree: A1's */
  ck_assert_int_eq(cpu, KR(100000));
  T_ERR(tertial_indicator_cost_per_unit(&cpu, x.g, plac, x.a1, 5, 0), TERTIAL_ERR_NOT_FOUND); /* no volume in May */
  T_ERR(tertial_indicator_cost_per_unit(&cpu, x.g, plac, x.a1, 13, 0), TERTIAL_ERR_RANGE);
  /* trend 9,5 + 0,8 m: May 13,5 ... December 19,1; above 12 by 34,4 placement-months to the year's end */
  T_OK(tertial_volume_warning(&o, x.g, plac, x.a1, 4));
  ck_assert(o.months == 4 && o.budgeted == 12 && o.latest == 13 && o.trend_year_end == 19);
  ck_assert(o.warns && o.first_month == 5);
  ck_assert_int_eq(o.cost_per_unit, KR(100000));
  ck_assert_int_eq(o.consequence, KR(3440000));
  /* a higher budget: the trend crosses it in September (August 15,9, September 16,7) */
  T_OK(tertial_indicator_set_budget_volume(x.g, plac, x.a1, 16));
  T_OK(tertial_volume_warning(&o, x.g, plac, x.a1, 4));
  ck_assert(o.warns && o.first_month == 9);
  /* 15,9 is below 16; 16,7 + 17,5 + 18,3 + 19,1 - 4 x 16 = 7,6 */
  ck_assert_int_eq(o.consequence, KR(760000));
  T_OK(tertial_indicator_set_budget_volume(x.g, plac, x.a1, 20));
  T_OK(tertial_volume_warning(&o, x.g, plac, x.a1, 4));
  ck_assert(!o.warns && o.first_month == 0 && o.consequence == 0);
  /* the volume drives the forecast of its cost row: outcome so far (46 placements) plus the trend's
   * 130,4 placement-months to year end, at 100 000 kr each */
  T_OK(tertial_indicator_drive_forecast(x.g, plac, x.a1, 4));
  T_OK(tertial_forecast_set_method(tertial_model_forecast_plan(x.m), x.a1, "KOST_KOP", TERTIAL_METHOD_VOLUME_DRIVER,
                                   0));
  T_OK(tertial_forecast_apply(x.m, 4, -1));
  int64_t fc;
  T_OK(tertial_model_forecast(&fc, x.m, x.a1, "KOST_KOP"));
  ck_assert_int_eq(fc, KR(4600000) + KR(13040000));
  int64_t v;
  T_OK(tertial_forecast_driver_volume(&v, tertial_model_forecast_plan(x.m), 0, 4)); /* May: 13,5 */
  ck_assert_int_eq(v, 13500);
  T_ERR(tertial_indicator_drive_forecast(x.g, sick_of(&x), x.a1, 4), TERTIAL_ERR_STATE); /* not a volume */
  /* one month: a flat line at that month's volume */
  T_OK(tertial_indicator_set_budget_volume(x.g, plac, x.a1, 9));
  T_OK(tertial_volume_warning(&o, x.g, plac, x.a1, 1));
  ck_assert(o.months == 1 && o.trend_year_end == 10 && o.warns && o.first_month == 2);
  ck_assert_int_eq(o.consequence, KR(100000) * 11); /* one placement over budget in each of 11 months */
  tertial_model_free(x.m);
}
END_TEST

/* The demo's goals: placements follow the ledger, the volume grows past the budgeted one and the
 * early warning's consequence agrees with a computation of its own here; the statuses proposed. */
START_TEST(test_demo_goals)
{
  tertial_model *m;
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &o, 2026, 0));
  T_OK(tertial_demo_goals(m, m));
  T_ERR(tertial_demo_goals(m, m), TERTIAL_ERR_STATE);
  tertial_goals *g = tertial_model_goals(m);
  tertial_unit_id sn, u;
  T_OK(tertial_org_find(&sn, tertial_model_org(m), "3"));
  T_OK(tertial_org_find(&u, tertial_model_org(m), "3111"));
  tertial_indicator_id plac;
  T_OK(tertial_indicator_find(&plac, g, "PLAC"));
  /* a unit's volume is its purchases over 95 000 kr */
  int row;
  T_OK(tertial_rowmap_find_row(&row, tertial_model_rowmap(m), "KOST_KOP"));
  int64_t cost, volume[10];
  T_OK(tertial_ledger_row_total(&cost, tertial_model_ledger(m), tertial_model_rowmap(m), u, row,
                                TERTIAL_MEASURE_OUTCOME, 5, 5));
  tertial_indicator_value v;
  T_OK(tertial_indicator_own_value(&v, g, plac, u, 202606));
  ck_assert_int_eq(v.value, (cost + KR(47500)) / KR(95000));
  /* Socialnämnden's volume January to October and the warning at JANOKT */
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (int k = 1; k <= 10; k++) {
    tertial_indicator_result r;
    T_OK(tertial_indicator_evaluate(&r, g, plac, sn, 202600 + k, 2026));
    ck_assert(r.has_value && !r.own);
    volume[k - 1] = r.value;
    sx += k;
    sy += (double)r.value;
    sxx += k * k;
    sxy += k * (double)r.value;
  }
  ck_assert_int_gt(volume[9], volume[0]); /* it grows */
  tertial_volume_outlook w;
  T_OK(tertial_volume_warning(&w, g, plac, sn, 10));
  int64_t budgeted;
  T_ERR(tertial_indicator_budget_volume(&budgeted, g, plac, sn), TERTIAL_ERR_NOT_FOUND); /* none of its own */
  int64_t target;
  T_OK(tertial_indicator_target(&target, NULL, g, plac, 2026));
  ck_assert_int_eq(w.budgeted, target); /* the target is the sum of the units' budgeted volumes */
  ck_assert(w.months == 10 && w.latest == volume[9] && w.warns);
  double slope = (10 * sxy - sx * sy) / (10 * sxx - sx * sx), mean_x = sx / 10, mean_y = sy / 10, excess = 0;
  int first = 0;
  for (int mth = 11; mth <= 12; mth++) {
    double proj = mean_y + slope * (mth - mean_x);
    if (proj > (double)w.budgeted) {
      excess += proj - (double)w.budgeted;
      first = first ? first : mth;
    }
  }
  ck_assert_int_eq(w.first_month, first);
  int64_t all_cost;
  T_OK(tertial_ledger_row_total(&all_cost, tertial_model_ledger(m), tertial_model_rowmap(m), sn, row,
                                TERTIAL_MEASURE_OUTCOME, 0, 9));
  double vol_sum = 0;
  for (int k = 0; k < 10; k++)
    vol_sum += (double)volume[k];
  double want = excess * (double)all_cost / vol_sum;
  ck_assert_msg(w.consequence >= (int64_t)want - 1 && w.consequence <= (int64_t)want + 1, "consequence %lld, want %.1f",
                (long long)w.consequence, want);
  ck_assert_int_gt(w.consequence, KR(100000));
  /* the goals: the placements goal not met, sick leave met at JANOKT, the strategic area by its goal */
  tertial_goal_id sn1, sn2, s1;
  T_OK(tertial_goal_find(&sn1, g, "SN1"));
  T_OK(tertial_goal_find(&sn2, g, "SN2"));
  T_OK(tertial_goal_find(&s1, g, "S1"));
  tertial_goal_state st;
  T_OK(tertial_goal_state_at(&st, g, sn1, "JANOKT"));
  ck_assert_int_eq(st.status, TERTIAL_GOAL_NOT_MET);
  T_OK(tertial_goal_state_at(&st, g, sn2, "JANOKT"));
  ck_assert(st.lights[TERTIAL_LIGHT_GREEN] == 1 && st.lights[TERTIAL_LIGHT_NONE] == 1); /* NKI is yearly */
  T_OK(tertial_goal_state_at(&st, g, s1, "JANOKT"));
  ck_assert_int_eq(st.status, TERTIAL_GOAL_NOT_MET);
  tertial_goal_id *ids;
  size_t n, up;
  T_OK(tertial_goal_red_thread(&ids, &n, &up, g, sn1, 2026));
  ck_assert(up == 3 && n == 6);
  tertial_free(ids);
  /* the report of Socialnämnden at JANOKT: its goals with their styrtal, and the warning */
  T_OK(tertial_forecast_apply(m, 10, -1));
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, sn, 10, NULL));
  size_t gi, wi;
  T_OK(tertial_report_find_section(&gi, r, TERTIAL_SECTION_GOALS));
  const tertial_report_section *gs = tertial_report_section_at(r, gi);
  const char *codes[] = {"SN1", "PLAC", "SN1.1", "SN1.1.1", "SN1.1.2", "SN2", "SJUK", "NKI"};
  const int depths[] = {0, 1, 1, 2, 2, 0, 1, 1};
  ck_assert_uint_eq(gs->line_count, 8);
  for (size_t i = 0; i < 8; i++) {
    ck_assert_str_eq(tertial_report_line_at(gs, i)->code, codes[i]);
    ck_assert_int_eq(tertial_report_line_at(gs, i)->depth, depths[i]);
  }
  ck_assert_str_eq(tertial_report_cell_at(gs, 0, 2)->text, "Ej uppfyllt");
  ck_assert_str_eq(tertial_report_cell_at(gs, 1, 2)->text, "Röd");
  ck_assert_str_eq(tertial_report_cell_at(gs, 1, 3)->text, "126 st");
  ck_assert_str_eq(tertial_report_cell_at(gs, 1, 4)->text, "120 st");
  ck_assert_str_eq(tertial_report_cell_at(gs, 6, 3)->text, "6,0 %");
  T_OK(tertial_report_find_section(&wi, r, TERTIAL_SECTION_WARNINGS));
  const tertial_report_section *ws = tertial_report_section_at(r, wi);
  ck_assert_str_eq(tertial_report_line_at(ws, 0)->code, "3");
  ck_assert_str_eq(tertial_report_cell_at(ws, 0, 0)->text, "3 Socialnämnden");
  ck_assert_str_eq(tertial_report_cell_at(ws, 0, 5)->text, "november 2026");
  ck_assert_int_eq(tertial_report_cell_at(ws, 0, 6)->value, w.cost_per_unit);
  ck_assert_int_eq(tertial_report_cell_at(ws, 0, 7)->value, w.consequence);
  for (size_t i = 1; i < ws->line_count; i++) /* the units of the first level below that warn */
    ck_assert_int_eq(tertial_report_line_at(ws, i)->depth, 1);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* A measure (åtgärd) serves a goal: linked by code on the measure's branch, through the round as a
 * person (logged, the unit's plan version checked against another process), kept by the store and
 * shown under its goal in the report. */
START_TEST(test_measures_serve_goals)
{
  tertial_model *m;
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &o, 2026, 0));
  T_OK(tertial_demo_round(m, "JANOKT"));
  T_OK(tertial_demo_goals(m, m));
  tertial_unit_id sn, u, other;
  T_OK(tertial_org_find(&sn, tertial_model_org(m), "3"));
  T_OK(tertial_org_find(&u, tertial_model_org(m), "3111"));
  T_OK(tertial_org_find(&other, tertial_model_org(m), "1111"));
  tertial_date none = {0, 0, 0};
  size_t i, j;
  T_OK(tertial_measure_add(&i, m, u, "KOST_KOP", "Hemmaplanslösning", "Fler placeringar", KR(300000), "", none));
  T_OK(tertial_measure_add(&j, m, other, "KOST_KOP", "Annat", "", KR(1), "", none));
  ck_assert_str_eq(tertial_measure_at(m, i)->goal, "");
  T_OK(tertial_measure_set_goal(m, i, "SN1"));
  ck_assert_str_eq(tertial_measure_at(m, i)->goal, "SN1");
  T_ERR(tertial_measure_set_goal(m, i, "NOPE"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_str_eq(tertial_measure_at(m, i)->goal, "SN1");
  /* Kommunstyrelsen's unit cannot serve Socialnämnden's goal; everyone can serve the council's */
  T_ERR(tertial_measure_set_goal(m, j, "SN1"), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "a measure of unit \"1111\" cannot serve goal \"SN1\" of unit \"3\""));
  ck_assert_str_eq(tertial_measure_at(m, j)->goal, "");
  T_OK(tertial_measure_set_goal(m, j, "KF2"));
  ck_assert_str_eq(tertial_measure_at(m, j)->goal, "KF2");
  T_OK(tertial_measure_set_goal(m, j, ""));
  ck_assert_str_eq(tertial_measure_at(m, j)->goal, "");
  T_ERR(tertial_measure_set_goal(m, 99, "SN1"), TERTIAL_ERR_RANGE);
  /* the report: under SN1 after its styrtal, one level down, with status and effect */
  T_OK(tertial_forecast_apply(m, 10, -1));
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, sn, 10, NULL));
  size_t gi;
  T_OK(tertial_report_find_section(&gi, r, TERTIAL_SECTION_GOALS));
  const tertial_report_section *gs = tertial_report_section_at(r, gi);
  ck_assert_uint_eq(gs->line_count, 9);
  ck_assert_str_eq(tertial_report_line_at(gs, 1)->code, "PLAC");
  ck_assert_str_eq(tertial_report_line_at(gs, 2)->code, "measure-1");
  ck_assert_int_eq(tertial_report_line_at(gs, 2)->depth, 1);
  ck_assert_str_eq(tertial_report_cell_at(gs, 2, 0)->text, "Hemmaplanslösning");
  ck_assert_str_eq(tertial_report_cell_at(gs, 2, 1)->text, "Åtgärd");
  ck_assert_str_eq(tertial_report_cell_at(gs, 2, 2)->text, "Föreslagen");
  ck_assert_str_eq(tertial_report_cell_at(gs, 2, 3)->text, "300 tkr");
  size_t ei;
  T_ERR(tertial_report_find_section(&ei, r, TERTIAL_SECTION_EFFICIENCY), TERTIAL_ERR_NOT_FOUND); /* none yet */
  tertial_report_free(r);
  /* an efficiency measure: its own section, out of the measures against deviations */
  T_ERR(tertial_measure_set_kind(m, i, (tertial_measure_kind)7), TERTIAL_ERR_INVALID);
  T_ERR(tertial_measure_set_kind(m, 99, TERTIAL_MEASURE_EFFICIENCY), TERTIAL_ERR_RANGE);
  T_OK(tertial_measure_set_kind(m, i, TERTIAL_MEASURE_EFFICIENCY));
  T_OK(tertial_report_new(&r, m, sn, 10, NULL));
  T_OK(tertial_report_find_section(&ei, r, TERTIAL_SECTION_EFFICIENCY));
  const tertial_report_section *es = tertial_report_section_at(r, ei);
  ck_assert_str_eq(es->title, "Effektiviseringsåtgärder");
  ck_assert_uint_eq(es->line_count, 2); /* the measure and Summa */
  ck_assert_str_eq(tertial_report_cell_at(es, 0, 1)->text, "Hemmaplanslösning");
  ck_assert_int_eq(tertial_report_cell_at(es, 0, 2)->value, KR(300000));
  ck_assert_int_eq(tertial_report_cell_at(es, 1, 2)->value, KR(300000));
  size_t ni;
  T_OK(tertial_report_find_section(&ni, r, TERTIAL_SECTION_MEASURES_NEW));
  for (size_t k = 0; k < tertial_report_section_at(r, ni)->line_count; k++)
    ck_assert_str_ne(tertial_report_cell_at(tertial_report_section_at(r, ni), k, 1)->text, "Hemmaplanslösning");
  tertial_report_free(r);
  /* through the round, bound to a store, with a second process that read before */
  char dir[] = "/tmp/tertial-goals-XXXXXX", path[64];
  ck_assert_ptr_nonnull(g_mkdtemp(dir));
  snprintf(path, sizeof path, "%s/goals.db", dir);
  tertial_store *st, *st2;
  tertial_model *m2;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, m));
  T_OK(tertial_store_save_round(st, m));
  T_OK(tertial_store_bind_round(st, m));
  T_OK(tertial_store_open(&st2, path, 0));
  T_OK(tertial_store_load(&m2, st2));
  ck_assert_str_eq(tertial_measure_at(m2, i)->goal, "SN1");
  T_OK(tertial_store_bind_round(st2, m2));
  tertial_round *rd = tertial_model_round(m), *rd2 = tertial_model_round(m2);
  tertial_actor chef = {0, TERTIAL_NO_PERSON}, chef2 = {0, TERTIAL_NO_PERSON}, other_chef = {0, TERTIAL_NO_PERSON};
  T_OK(tertial_round_find_person(&chef.person, rd, "chef3111"));
  T_OK(tertial_round_find_person(&chef2.person, rd2, "chef3111"));
  T_OK(tertial_round_find_person(&other_chef.person, rd, "chef3112"));
  T_ERR(tertial_round_measure_set_goal_as(rd, &other_chef, "T2", i, "SN1.1"), TERTIAL_ERR_NOT_PERMITTED);
  size_t audit = tertial_round_audit_count(rd);
  T_OK(tertial_round_measure_set_goal_as(rd, &chef, "T2", i, "SN1.1"));
  const tertial_audit_entry *e = tertial_round_audit_at(rd, audit);
  ck_assert(e->action == TERTIAL_ACTION_MEASURE && e->unit == u);
  ck_assert_str_eq(e->item, "measure 1"); /* the CLI's number */
  ck_assert_str_eq(e->before, "goal SN1");
  ck_assert_str_eq(e->after, "goal SN1.1");
  audit = tertial_round_audit_count(rd);
  T_OK(tertial_round_measure_set_kind_as(rd, &chef, "T2", i, TERTIAL_MEASURE_FOR_DEVIATION));
  e = tertial_round_audit_at(rd, audit);
  ck_assert_str_eq(e->before, "kind efficiency");
  ck_assert_str_eq(e->after, "kind for a deviation");
  T_OK(tertial_round_measure_set_kind_as(rd, &chef, "T2", i, TERTIAL_MEASURE_EFFICIENCY));
  e = tertial_round_audit_at(rd, audit + 1);
  ck_assert_str_eq(e->before, "kind for a deviation");
  ck_assert_str_eq(e->after, "kind efficiency");
  T_ERR(tertial_round_measure_set_kind_as(rd, &chef, "T2", i, (tertial_measure_kind)7), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_round_audit_count(rd), audit + 2);
  /* the other process changes the same unit's measures from what it read: refused, nothing lost */
  T_ERR(tertial_round_measure_set_goal_as(rd2, &chef2, "T2", i, ""), TERTIAL_ERR_CONFLICT);
  tertial_model_free(m2);
  tertial_store_free(st2);
  T_OK(tertial_store_open(&st2, path, TERTIAL_STORE_READONLY));
  T_OK(tertial_store_load(&m2, st2));
  /* a unit's rewritten measures keep their numbers */
  ck_assert_uint_eq(tertial_measure_count(m2), 2);
  ck_assert_str_eq(tertial_measure_at(m2, i)->description, "Hemmaplanslösning");
  ck_assert_str_eq(tertial_measure_at(m2, i)->goal, "SN1.1");
  ck_assert_str_eq(tertial_measure_at(m2, j)->goal, "");
  ck_assert_int_eq(tertial_measure_at(m2, i)->kind, TERTIAL_MEASURE_EFFICIENCY);
  ck_assert_int_eq(tertial_measure_at(m2, j)->kind, TERTIAL_MEASURE_FOR_DEVIATION);
  tertial_model_free(m2);
  tertial_store_free(st2);
  tertial_store_free(st);
  tertial_model_free(m);
  remove_store(dir, path);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("goals");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_aggregation);
  tcase_add_test(tc, test_reorganisation);
  tcase_add_test(tc, test_lights_and_trend);
  tcase_add_test(tc, test_values_as_text);
  tcase_add_test(tc, test_goal_tree);
  tcase_add_test(tc, test_status_and_attainment);
  tcase_add_test(tc, test_store_round_trip);
  tcase_add_test(tc, test_status_through_the_round);
  tcase_add_test(tc, test_volume_warning);
  tcase_add_test(tc, test_demo_goals);
  tcase_add_test(tc, test_measures_serve_goals);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
