#include <glib.h>
#include <string.h>

/* Figures of the default demo (seed 20260101), in öre, pinned so that a change of the generator
 * shows. */
#define PIN_SN25_OUTCOME INT64_C(45068829095)
#define PIN_K24_BUDGET INT64_C(135394522709)
#define PIN_SN25_T1 INT64_C(45185001331)

#include "testutil.h"

static int64_t total(tertial_model *m, const char *code, int measure, int last)
{
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(m), code));
  int64_t v;
  T_OK(tertial_ledger_total(&v, tertial_model_ledger(m), u, TERTIAL_ALL_ACCOUNTS, measure, 0, last));
  return v;
}

START_TEST(test_shape)
{
  tertial_model *m;
  T_OK(tertial_demo_new(&m, NULL));
  tertial_org *org = tertial_model_org(m);
  /* 1 + 8 committees with 300 units below the root in total: see lib/demo/demo.c */
  ck_assert_uint_eq(tertial_org_unit_count(org), 301);
  ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 19);
  tertial_org_iter *it;
  T_OK(tertial_org_iter_new(&it, org, 0, 202610));
  int depth, max_depth = 0, committees = 0;
  tertial_unit_id u;
  while (tertial_org_iter_next(it, &u, &depth) == 1) {
    if (depth > max_depth)
      max_depth = depth;
    committees += depth == 1;
    ck_assert_int_eq(tertial_org_unit(org, u)->level, depth);
    ck_assert_str_ne(tertial_org_unit(org, u)->manager, "");
  }
  tertial_org_iter_free(it);
  ck_assert_int_eq(max_depth, 5);
  ck_assert_int_eq(committees, 8);
  /* Outcome January-October only. */
  tertial_unit_id root = 0;
  int64_t nov;
  T_OK(tertial_ledger_total(&nov, tertial_model_ledger(m), root, TERTIAL_ALL_ACCOUNTS, TERTIAL_MEASURE_OUTCOME, 10, 11));
  ck_assert_int_eq(nov, 0);
  ck_assert_int_gt(total(m, "0", TERTIAL_MEASURE_OUTCOME, 9), 0);
  /* The deficit: social services over budget by October, the others close to it. */
  int bud = tertial_model_current_budget(m);
  int64_t sn_dev = total(m, "3", bud, 9) - total(m, "3", TERTIAL_MEASURE_OUTCOME, 9);
  ck_assert_int_lt(sn_dev, KR(-3000000));
  int64_t ks_dev = total(m, "1", bud, 9) - total(m, "1", TERTIAL_MEASURE_OUTCOME, 9);
  ck_assert_int_lt(ks_dev < 0 ? -ks_dev : ks_dev, KR(500000));
  /* Every figure is consistent. */
  tertial_findings *f;
  T_OK(tertial_check_model(&f, m, root, 10, -1));
  ck_assert_uint_eq(tertial_findings_error_count(f), 0);
  tertial_findings_free(f);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_deterministic)
{
  tertial_model *a, *b, *c;
  T_OK(tertial_demo_new(&a, NULL));
  T_OK(tertial_demo_new(&b, NULL));
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  o.seed = 7;
  T_OK(tertial_demo_new(&c, &o));
  const char *codes[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "3111"};
  int differs = 0;
  for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
    for (int measure = 0; measure < 3; measure++) {
      ck_assert_int_eq(total(a, codes[i], measure, 11), total(b, codes[i], measure, 11));
      differs |= total(a, codes[i], measure, 11) != total(c, codes[i], measure, 11);
    }
  ck_assert(differs);
  tertial_model_free(a);
  tertial_model_free(b);
  tertial_model_free(c);
}
END_TEST

START_TEST(test_options)
{
  tertial_model *m = NULL;
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  o.outcome_months = 13;
  T_ERR(tertial_demo_new(&m, &o), TERTIAL_ERR_RANGE);
  ck_assert_ptr_null(m);
  o.outcome_months = 0;
  o.year = 2027;
  T_OK(tertial_demo_new(&m, &o));
  ck_assert_int_eq(tertial_model_fiscal_year(m)->first_year, 2027);
  ck_assert_int_eq(total(m, "0", TERTIAL_MEASURE_OUTCOME, 11), 0);
  ck_assert_int_gt(total(m, "0", tertial_model_current_budget(m), 11), 0);
  tertial_model_free(m);
  o.version = 9;
  T_ERR(tertial_demo_new(&m, &o), TERTIAL_ERR_INVALID);
}
END_TEST

static int64_t cell(tertial_model *m, tertial_unit_id u, tertial_account_id a, int month, int measure)
{
  int64_t v;
  T_OK(tertial_ledger_get(&v, tertial_model_ledger(m), u, a, month, measure));
  return v;
}

/* Every amount booked on every unit and account of a measure of `a` equals that of `b`. */
static void assert_same_cells(tertial_model *a, int measure_a, tertial_model *b, int measure_b)
{
  size_t units = tertial_org_unit_count(tertial_model_org(a));
  size_t accounts = tertial_chart_count(tertial_model_chart(a));
  ck_assert_uint_eq(units, tertial_org_unit_count(tertial_model_org(b)));
  ck_assert_uint_eq(accounts, tertial_chart_count(tertial_model_chart(b)));
  const tertial_ledger *la = tertial_model_ledger(a), *lb = tertial_model_ledger(b);
  for (tertial_unit_id u = 0; u < units; u++)
    for (tertial_account_id acc = 0; acc < accounts; acc++)
      for (int m = 0; m < 12; m++) {
        int64_t x, y;
        if (tertial_ledger_get(&x, la, u, acc, m, measure_a) == 0 &&
            tertial_ledger_get(&y, lb, u, acc, m, measure_b) == 0 && x == y)
          continue;
        ck_abort_msg("unit %s account %s month %d: %lld != %lld (%s)", tertial_org_unit(tertial_model_org(a), u)->code,
                     tertial_chart_account(tertial_model_chart(a), acc)->number, m,
                     (long long)cell(a, u, acc, m, measure_a), (long long)cell(b, u, acc, m, measure_b),
                     tertial_error_last());
      }
}

static tertial_model *year(int y, unsigned int flags)
{
  tertial_model *m;
  T_OK(tertial_demo_year(&m, NULL, y, flags));
  ck_assert_int_eq(tertial_model_fiscal_year(m)->first_year, y);
  return m;
}

/* The three years fit together to the öre, and the latest is tertial_demo_new(). */
START_TEST(test_history_consistent)
{
  tertial_model *y24 = year(2024, 0), *y25 = year(2025, 0), *y26 = year(2026, 0), *now;
  T_OK(tertial_demo_new(&now, NULL));
  assert_same_cells(y26, TERTIAL_MEASURE_PRIOR, y25, TERTIAL_MEASURE_OUTCOME);
  assert_same_cells(y25, TERTIAL_MEASURE_PRIOR, y24, TERTIAL_MEASURE_OUTCOME);
  for (int measure = 0; measure < 3; measure++)
    assert_same_cells(y26, measure, now, measure);
  ck_assert_uint_eq(tertial_snapshot_count(y26), 0);
  /* closed years have twelve months of outcome; budgets grow 3 % a year */
  int bud = tertial_model_current_budget(y25);
  ck_assert_int_ne(total(y25, "0", TERTIAL_MEASURE_OUTCOME, 11) - total(y25, "0", TERTIAL_MEASURE_OUTCOME, 10), 0);
  ck_assert_int_ne(total(y24, "0", TERTIAL_MEASURE_OUTCOME, 11) - total(y24, "0", TERTIAL_MEASURE_OUTCOME, 10), 0);
  int64_t b24 = total(y24, "0", bud, 11), b25 = total(y25, "0", bud, 11), b26 = total(y26, "0", bud, 11);
  ck_assert_int_lt(b24, b25);
  ck_assert_int_lt(b25, b26);
  ck_assert_int_lt(b25 - b26 * 97 / 100 < 0 ? b26 * 97 / 100 - b25 : b25 - b26 * 97 / 100, KR(20000));
  /* the social-services deficit grows: budget - outcome over the whole year */
  int64_t sn24 = total(y24, "3", bud, 11) - total(y24, "3", TERTIAL_MEASURE_OUTCOME, 11);
  int64_t sn25 = total(y25, "3", bud, 11) - total(y25, "3", TERTIAL_MEASURE_OUTCOME, 11);
  ck_assert_int_lt(sn24, KR(-1000000));
  ck_assert_int_lt(sn25, sn24 - KR(1000000));
  /* pinned figures (öre): a change of the generator shows here */
  ck_assert_int_eq(total(y25, "3", TERTIAL_MEASURE_OUTCOME, 11), PIN_SN25_OUTCOME);
  ck_assert_int_eq(total(y24, "0", bud, 11), PIN_K24_BUDGET);
  /* the same seed gives the same history; another seed another one */
  tertial_model *again = year(2024, 0), *other;
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  o.seed = 7;
  T_OK(tertial_demo_year(&other, &o, 2024, 0));
  assert_same_cells(again, TERTIAL_MEASURE_OUTCOME, y24, TERTIAL_MEASURE_OUTCOME);
  ck_assert_int_ne(total(other, "0", TERTIAL_MEASURE_OUTCOME, 11), total(y24, "0", TERTIAL_MEASURE_OUTCOME, 11));
  tertial_model_free(again);
  tertial_model_free(other);
  tertial_model_free(y24);
  tertial_model_free(y25);
  tertial_model_free(y26);
  tertial_model_free(now);
}
END_TEST

/* A closed year's forecasts were frozen at each point before year end, by the demo's rules. */
START_TEST(test_closed_year_snapshots)
{
  tertial_model *m = year(2025, 0);
  static const char *const points[] = {"JANFEB", "T1", "JANJUN", "T2", "JANOKT"};
  static const int cutoffs[] = {2, 4, 6, 8, 10}, months[] = {3, 5, 8, 9, 11};
  ck_assert_uint_eq(tertial_snapshot_count(m), 5);
  for (size_t i = 0; i < 5; i++) {
    const tertial_snapshot *s = tertial_snapshot_at(m, i);
    ck_assert_str_eq(tertial_snapshot_point(s), points[i]);
    ck_assert_int_eq(tertial_snapshot_cutoff(s), cutoffs[i]);
    tertial_date d = tertial_snapshot_taken_on(s);
    ck_assert(d.year == 2025 && d.month == months[i] && d.day == 15);
  }
  /* social services by the run rate of three months, the rest by the remaining budget */
  tertial_unit_id sn, unit, other;
  T_OK(tertial_org_find(&sn, tertial_model_org(m), "3"));
  T_OK(tertial_org_find(&unit, tertial_model_org(m), "3111"));
  T_OK(tertial_org_find(&other, tertial_model_org(m), "2111"));
  tertial_forecast_method method;
  int n;
  T_OK(tertial_forecast_method_of(&method, &n, tertial_model_forecast_plan(m), unit, "KOST_KOP"));
  ck_assert(method == TERTIAL_METHOD_RUN_RATE && n == 3);
  T_OK(tertial_forecast_method_of(&method, &n, tertial_model_forecast_plan(m), other, "KOST_PERS"));
  ck_assert_int_eq(method, TERTIAL_METHOD_REMAINING_BUDGET);
  /* hand-check T1 for 3111 Köp av verksamhet (only account 4610): outcome January–April plus
   * eight months of the mean of February–April, rounded half away from zero */
  const tertial_snapshot *t1;
  T_OK(tertial_snapshot_find(&t1, m, "T1"));
  tertial_account_id a4610;
  T_OK(tertial_chart_find(&a4610, tertial_model_chart(m), "4610"));
  int64_t so_far = 0, last3 = 0;
  for (int k = 0; k < 4; k++)
    so_far += cell(m, unit, a4610, k, TERTIAL_MEASURE_OUTCOME);
  for (int k = 1; k < 4; k++)
    last3 += cell(m, unit, a4610, k, TERTIAL_MEASURE_OUTCOME);
  int64_t want = so_far + (last3 * 8 + 1) / 3; /* positive: (x + 1) / 3 rounds half up on thirds */
  int found = 0;
  for (size_t i = 0; i < tertial_snapshot_entry_count(t1); i++) {
    const tertial_snapshot_entry *e = tertial_snapshot_entry_at(t1, i);
    if (e->unit == unit && strcmp(e->row_code, "KOST_KOP") == 0) {
      ck_assert_int_eq(e->method, TERTIAL_METHOD_RUN_RATE);
      ck_assert_int_eq(e->outcome_to_date, so_far);
      ck_assert_int_eq(e->forecast, want);
      found++;
    }
    if (e->unit == other && strcmp(e->row_code, "KOST_PERS") == 0) {
      /* remaining budget: 5010, 5060 and 5410 outcome to April plus their budget May–December */
      int row, bud = tertial_model_current_budget(m);
      int64_t done, rest;
      tertial_rowmap *map = tertial_model_rowmap(m);
      T_OK(tertial_rowmap_find_row(&row, map, "KOST_PERS"));
      T_OK(tertial_ledger_row_total(&done, tertial_model_ledger(m), map, other, row, TERTIAL_MEASURE_OUTCOME, 0, 3));
      T_OK(tertial_ledger_row_total(&rest, tertial_model_ledger(m), map, other, row, bud, 4, 11));
      ck_assert_int_eq(e->method, TERTIAL_METHOD_REMAINING_BUDGET);
      ck_assert_int_eq(e->outcome_to_date, done);
      ck_assert_int_eq(e->forecast, done + rest);
      found++;
    }
  }
  ck_assert_int_eq(found, 2);
  /* accuracy of the frozen T1 forecast for social services against the year's outcome */
  tertial_accuracy acc;
  T_OK(tertial_accuracy_of(&acc, m, t1, sn));
  int64_t snap;
  T_OK(tertial_snapshot_total(&snap, m, t1, sn));
  ck_assert_int_eq(acc.forecast, snap);
  ck_assert_int_eq(acc.actual, total(m, "3", TERTIAL_MEASURE_OUTCOME, 11));
  ck_assert_int_eq(acc.error, acc.forecast - acc.actual);
  ck_assert_int_eq(acc.forecast, PIN_SN25_T1);
  tertial_model_free(m);
}
END_TEST

/* Without outcome: the same budgets and frozen forecasts, no outcome and no prior-year outcome. */
START_TEST(test_no_outcome)
{
  for (int y = 2024; y <= 2026; y++) {
    tertial_model *full = year(y, 0), *empty = year(y, TERTIAL_DEMO_NO_OUTCOME);
    int bud = tertial_model_current_budget(full);
    ck_assert_int_eq(total(empty, "0", TERTIAL_MEASURE_OUTCOME, 11), 0);
    ck_assert_int_eq(total(empty, "0", TERTIAL_MEASURE_PRIOR, 11), 0);
    assert_same_cells(empty, bud, full, bud);
    ck_assert_uint_eq(tertial_snapshot_count(empty), tertial_snapshot_count(full));
    for (size_t i = 0; i < tertial_snapshot_count(full); i++) {
      const tertial_snapshot *a = tertial_snapshot_at(full, i), *b = tertial_snapshot_at(empty, i);
      ck_assert_uint_eq(tertial_snapshot_entry_count(a), tertial_snapshot_entry_count(b));
      int64_t ta, tb;
      T_OK(tertial_snapshot_total(&ta, full, a, 0));
      T_OK(tertial_snapshot_total(&tb, empty, b, 0));
      ck_assert_int_eq(ta, tb);
    }
    ck_assert_uint_eq(tertial_forecast_rule_count(tertial_model_forecast_plan(empty)), y < 2026 ? 1 : 0);
    tertial_model_free(full);
    tertial_model_free(empty);
  }
  tertial_model *m = NULL;
  T_ERR(tertial_demo_year(&m, NULL, 2023, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_demo_year(&m, NULL, 2027, 0), TERTIAL_ERR_RANGE);
  T_ERR(tertial_demo_year(&m, NULL, 2026, 4), TERTIAL_ERR_INVALID);
  T_ERR(tertial_demo_year(NULL, NULL, 2026, 0), TERTIAL_ERR_INVALID);
  ck_assert_ptr_null(m);
}
END_TEST

/* The outcome written as SIE by the library's writer and loaded into the demo built without
 * outcome is the generated outcome, to the öre, with no unit added: type 3 (#PSALDO) and type 4
 * (one voucher per month, balanced on 1930 of the root "0"; prior-year outcome as #PSALDO). */
START_TEST(test_sie_round_trip)
{
  for (int type = 3; type <= 4; type++)
    for (int y = 2025; y <= 2026; y++) {
      tertial_model *full = year(y, 0), *empty = year(y, TERTIAL_DEMO_NO_OUTCOME);
      tertial_sie_write_options w = TERTIAL_SIE_WRITE_OPTIONS_INIT;
      w.budget_measure = TERTIAL_SIE_NO_BUDGET;
      w.company = "Exempelkommun";
      w.generated = (tertial_date){y + 1, 1, 20};
      w.sie_type = type;
      char *bytes = NULL, *hierarchy = NULL;
      size_t len = 0;
      tertial_sie_write_summary ws;
      T_OK(tertial_sie_write_buffer(&bytes, &len, &ws, full, &w));
      T_OK(tertial_sie_hierarchy_format(&hierarchy, tertial_model_org(full), y * 100 + 12));
      tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
      o.hierarchy = hierarchy;
      tertial_sie_load *load;
      T_OK(tertial_sie_load_memory(&load, empty, bytes, len, &o));
      const tertial_sie_summary *s = tertial_sie_load_summary(load);
      ck_assert_uint_eq(s->units_added, 0);
      ck_assert_uint_eq(s->objects_unmatched, 0);
      ck_assert_int_eq(s->catch_all_outcome, 0);
      ck_assert_uint_eq(tertial_sie_load_note_count(load), 0);
      ck_assert_int_eq(s->prior, total(full, "0", TERTIAL_MEASURE_PRIOR, 11));
      ck_assert_uint_eq(tertial_org_unit_count(tertial_model_org(empty)), 301);
      int months = y == 2026 ? 10 : 12; /* the demo's outcome reaches October 2026 */
      if (type == 3) {
        ck_assert_int_eq(s->outcome_source, TERTIAL_SIE_SOURCE_PSALDO);
        ck_assert_int_eq(s->outcome, total(full, "0", TERTIAL_MEASURE_OUTCOME, 11));
        ck_assert_uint_eq(ws.vouchers, 0);
        assert_same_cells(empty, TERTIAL_MEASURE_OUTCOME, full, TERTIAL_MEASURE_OUTCOME);
        assert_same_cells(empty, TERTIAL_MEASURE_PRIOR, full, TERTIAL_MEASURE_PRIOR);
      } else {
        /* the outcome from #TRANS; with the balancing lines it sums to 0 */
        ck_assert_int_eq(s->outcome_source, TERTIAL_SIE_SOURCE_TRANS);
        ck_assert_int_eq(s->prior_source, TERTIAL_SIE_SOURCE_PSALDO);
        ck_assert_int_eq(s->outcome, 0);
        ck_assert_int_eq(ws.outcome, total(full, "0", TERTIAL_MEASURE_OUTCOME, 11));
        ck_assert_int_eq(ws.balance, -ws.outcome);
        ck_assert_uint_eq(ws.vouchers, (uint64_t)months);
        /* the accounts of the demo plus 1930, added last to the loaded chart */
        const tertial_chart *cf = tertial_model_chart(full), *ce = tertial_model_chart(empty);
        size_t accounts = tertial_chart_count(cf);
        ck_assert_uint_eq(tertial_chart_count(ce), accounts + 1);
        tertial_account_id cash;
        T_ERR(tertial_chart_find(&cash, cf, "1930"), TERTIAL_ERR_NOT_FOUND);
        T_OK(tertial_chart_find(&cash, ce, "1930"));
        ck_assert_uint_eq(cash, accounts);
        ck_assert_int_eq(tertial_chart_account(ce, cash)->type, TERTIAL_ACCOUNT_ASSET);
        tertial_unit_id root;
        T_OK(tertial_org_find(&root, tertial_model_org(empty), "0"));
        uint64_t nonzero = 0;
        for (tertial_unit_id u = 0; u < 301; u++) {
          ck_assert_str_eq(tertial_org_unit(tertial_model_org(empty), u)->code,
                           tertial_org_unit(tertial_model_org(full), u)->code);
          for (int m = 0; m < 12; m++) {
            for (tertial_account_id a = 0; a < accounts; a++) {
              ck_assert_str_eq(tertial_chart_account(ce, a)->number, tertial_chart_account(cf, a)->number);
              for (int k = 0; k < 2; k++) {
                int64_t x = cell(full, u, a, m, k);
                ck_assert_msg(x == cell(empty, u, a, m, k), "type 4 %d unit %s account %s month %d measure %d", y,
                              tertial_org_unit(tertial_model_org(full), u)->code,
                              tertial_chart_account(cf, a)->number, m, k);
                nonzero += k == TERTIAL_MEASURE_OUTCOME && x != 0;
              }
            }
            /* 1930: minus the month's outcome of the whole municipality, on the root only */
            int64_t month_total;
            T_OK(tertial_ledger_total(&month_total, tertial_model_ledger(full), root, TERTIAL_ALL_ACCOUNTS,
                                      TERTIAL_MEASURE_OUTCOME, m, m));
            ck_assert_int_eq(cell(empty, u, cash, m, TERTIAL_MEASURE_OUTCOME), u == root ? -month_total : 0);
            ck_assert_int_eq(cell(empty, u, cash, m, TERTIAL_MEASURE_PRIOR), 0);
            if (u == root)
              ck_assert_int_eq(month_total != 0, m < months);
          }
        }
        /* one #TRANS per own outcome cell, one balancing line per voucher */
        ck_assert_uint_eq(ws.trans, nonzero + ws.vouchers);
      }
      tertial_sie_load_free(load);
      tertial_free(bytes);
      tertial_free(hierarchy);
      tertial_model_free(full);
      tertial_model_free(empty);
    }
}
END_TEST

/* The demo's round at JANOKT: who is who, the state of each level, what is late on the 10th of
 * November, Socialnämnden's texts and its escalation, the returned unit; all through the gate. */
START_TEST(test_round)
{
  tertial_model *m;
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &o, 2026, 0));
  T_OK(tertial_demo_round(m, "JANOKT"));
  T_ERR(tertial_demo_round(m, "JANOKT"), TERTIAL_ERR_STATE);
  tertial_round *r = tertial_model_round(m);
  const tertial_org *org = tertial_model_org(m);
  /* 301 units less the 8 administrations (their committee's förvaltningschef), and 4 staff */
  ck_assert_uint_eq(tertial_round_person_count(r), 297);
  tertial_person_id p;
  T_OK(tertial_round_find_person(&p, r, "chef3"));
  ck_assert_str_eq(tertial_round_person_at(r, p)->email, "chef3@exempelkommun.se");
  unsigned roles;
  tertial_unit_id sn, hvb;
  T_OK(tertial_org_find(&sn, org, "3"));
  T_OK(tertial_org_find(&hvb, org, "3111"));
  T_OK(tertial_round_roles(&roles, r, p, hvb, 202610));
  ck_assert_uint_eq(roles, TERTIAL_ROLE_HEAD);
  /* per level: not started, in progress, submitted, approved, returned */
  static const size_t want[6][5] = {
    {1, 0, 0, 0, 0}, {4, 0, 3, 1, 0}, {4, 0, 0, 4, 0}, {4, 0, 0, 16, 0}, {4, 0, 0, 52, 0}, {2, 1, 0, 204, 1},
  };
  tertial_level_progress *lp;
  size_t n;
  T_OK(tertial_round_progress(&lp, &n, r, TERTIAL_NO_UNIT, "JANOKT"));
  ck_assert_uint_eq(n, 6);
  for (size_t l = 0; l < 6; l++)
    for (int s = 0; s < TERTIAL_STATUS_COUNT; s++)
      ck_assert_msg(lp[l].count[s] == want[l][s], "level %zu, %s: %zu, expected %zu", l, tertial_status_name(s),
                    lp[l].count[s], want[l][s]);
  tertial_free(lp);
  /* late on the 10th: the returned unit, the one in progress, the two not started and their
   * parents, each by its level's deadline */
  tertial_due *d;
  T_OK(tertial_round_due(&d, &n, r, TERTIAL_NO_PERSON, TERTIAL_NO_UNIT, "JANOKT", (tertial_date){2026, 11, 10}));
  GString *got = g_string_new("");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(got, "%s%s %02d-%02d %s%s", i ? ", " : "", tertial_org_unit(org, d[i].unit)->code,
                           d[i].deadline.month, d[i].deadline.day, tertial_status_name(d[i].status),
                           d[i].late ? "" : " (not late)");
  ck_assert_str_eq(got->str, "21 11-09 not started, 211 11-05 not started, 2111 11-03 returned, 43 11-09 not started, "
                             "433 11-05 not started, 4331 11-03 in progress, 52 11-09 not started, "
                             "522 11-05 not started, 5223 11-03 not started, 72 11-09 not started, "
                             "722 11-05 not started, 7221 11-03 not started");
  g_string_free(got, TRUE);
  tertial_free(d);
  tertial_unit_status st;
  T_OK(tertial_round_status(&st, r, sn, "JANOKT"));
  ck_assert_int_eq(st.status, TERTIAL_STATUS_APPROVED);
  ck_assert_int_eq(st.escalated, 1);
  ck_assert_ptr_nonnull(strstr(st.comment, "åtgärdsplan till kommunstyrelsen"));
  T_OK(tertial_round_find_person(&p, r, "kd"));
  ck_assert_uint_eq(st.person, p);
  tertial_unit_id returned;
  T_OK(tertial_org_find(&returned, org, "2111"));
  T_OK(tertial_round_status(&st, r, returned, "JANOKT"));
  ck_assert_int_eq(st.status, TERTIAL_STATUS_RETURNED);
  ck_assert_str_eq(st.comment, "Prognosen för bemanningen saknar underlag: komplettera analysen.");
  const tertial_text_version *t = tertial_round_text(r, sn, "JANOKT", TERTIAL_TEXT_ANALYSIS, NULL);
  ck_assert_ptr_nonnull(t);
  ck_assert_ptr_nonnull(strstr(t->text, "placeringarna"));
  ck_assert_ptr_nonnull(tertial_round_text(r, sn, "JANOKT", TERTIAL_TEXT_ROW_COMMENT, "KOST_KOP"));
  /* every change is in the audit trail; the last is the municipal director's, on the 10th at 07:00 UTC */
  ck_assert_uint_eq(tertial_round_audit_count(r), 565);
  const tertial_audit_entry *last = tertial_round_audit_at(r, 564);
  ck_assert_int_eq(last->action, TERTIAL_ACTION_APPROVE);
  ck_assert_int_eq((long long)last->when, 1794294000LL);
  tertial_model_free(m);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("demo");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_shape);
  tcase_add_test(tc, test_deterministic);
  tcase_add_test(tc, test_options);
  tcase_add_test(tc, test_history_consistent);
  tcase_add_test(tc, test_closed_year_snapshots);
  tcase_add_test(tc, test_no_outcome);
  tcase_add_test(tc, test_sie_round_trip);
  tcase_add_test(tc, test_round);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
