/* Tests of decided proposals feeding the budget version they change (priorities_budget.h).
 * The fixture (tests/testutil.h) budgets, per month, HVB (6410) 4610 2 000 000 kr and Hemtjänst
 * (6510) 5011 1 000 000 kr; the default key is equal twelfths. */
#include "testutil.h"

#include "failalloc.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

static const char header[] = "kod;typ;åtgärd;kostnad (tkr);svårighetsgrad;nytta;kostnadseffektivitet;status;enhet;konto\n";

/* Proposals read from rows after the header (asserts on failure). */
static tertial_proposals *proposals(const char *rows)
{
  tertial_proposals *list;
  T_OK(tertial_proposals_new(&list));
  char *text = g_strconcat(header, rows, NULL);
  T_OK(tertial_proposals_parse(list, text, strlen(text), "p.csv"));
  g_free(text);
  return list;
}

static int64_t total(const fixture *f, tertial_unit_id u, int measure)
{
  int64_t v = -1;
  T_OK(tertial_ledger_total(&v, tertial_model_ledger(f->model), u, TERTIAL_ALL_ACCOUNTS, measure, 0, 11));
  return v;
}

static int64_t month(const fixture *f, tertial_unit_id u, const char *number, int m, int measure)
{
  tertial_account_id a;
  T_OK(tertial_chart_find(&a, tertial_model_chart(f->model), number));
  int64_t v = -1;
  T_OK(tertial_ledger_get(&v, tertial_model_ledger(f->model), u, a, m, measure));
  return v;
}

/* The totals of every unit of the fixture, in the order of fixture's fields. */
static void totals(int64_t out[7], const fixture *f, int measure)
{
  const tertial_unit_id u[7] = {f->k, f->sn, f->ifo, f->hvb, f->fs, f->ao, f->ht};
  for (int i = 0; i < 7; i++)
    out[i] = total(f, u[i], measure);
}

static const char rows[] = "P1;prioritering;Fler platser HVB;1 200;stor;stor;hög;beslutad;6410;4610\n"
                           "P2;effektivisering;Schemaläggning;-600;liten;måttlig;hög;lyft;6510;5011\n"
                           "P3;prioritering;Ny verksamhet;5 000;stor;stor;hög;föreslagen;6410;4610\n";

/* A new version revising the fixture's budget, open for changes. */
static int proposal_version(fixture *f)
{
  int v = -1;
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_FRAME;
  T_OK(tertial_budget_revise(&v, f->model, tertial_model_current_budget(f->model), "Förslag 2026", &o));
  return v;
}

START_TEST(test_apply_decided)
{
  fixture f;
  fixture_build(&f);
  int bud = tertial_model_current_budget(f.model), v = proposal_version(&f);
  int64_t before[7], after[7];
  totals(before, &f, v);
  tertial_proposals *list = proposals(rows);
  tertial_proposals_applied sum;
  T_OK(tertial_proposals_apply(&sum, f.model, v, list));
  ck_assert_uint_eq(sum.applied, 2);
  ck_assert_int_eq(sum.total, KR(600000));
  ck_assert_uint_eq(sum.not_decided, 1);
  ck_assert_uint_eq(sum.already, 0);
  totals(after, &f, v);
  /* K, SN: +1 200 000 - 600 000; IFO, HVB: +1 200 000; FS: 0; AO, HT: -600 000 kr */
  const int64_t change[7] = {KR(600000), KR(600000), KR(1200000), KR(1200000), 0, KR(-600000), KR(-600000)};
  for (int i = 0; i < 7; i++)
    ck_assert_msg(after[i] - before[i] == change[i], "unit %d changed by %lld öre", i, (long long)(after[i] - before[i]));
  /* periodised in twelfths: 100 000 kr more, 50 000 kr less a month */
  ck_assert_int_eq(month(&f, f.hvb, "4610", 0, v), KR(2100000));
  ck_assert_int_eq(month(&f, f.hvb, "4610", 11, v), KR(2100000));
  ck_assert_int_eq(month(&f, f.ht, "5011", 5, v), KR(950000));
  /* the comparison with the version revised shows the lines */
  tertial_budget_comparison *c;
  T_OK(tertial_budget_compare(&c, f.model, bud, v, f.k, -1));
  int row_kop, row_net, seen = 0;
  T_OK(tertial_rowmap_find_row(&row_kop, tertial_model_rowmap(f.model), "KOST_KOP"));
  T_OK(tertial_rowmap_find_row(&row_net, tertial_model_rowmap(f.model), "NETTO"));
  for (size_t i = 0; i < tertial_budget_comparison_count(c); i++) {
    const tertial_budget_compare_line *x = tertial_budget_comparison_at(c, i);
    if (x->unit == f.hvb && x->row == row_kop) {
      ck_assert(x->a == KR(24000000) && x->b == KR(25200000) && x->difference == KR(1200000));
      seen++;
    }
    if (x->unit == f.k && x->row == row_net) {
      ck_assert_int_eq(x->difference, KR(600000));
      seen++;
    }
  }
  ck_assert_int_eq(seen, 2);
  tertial_budget_comparison_free(c);
  /* the records */
  ck_assert_uint_eq(tertial_applied_proposal_count(f.model), 2);
  tertial_applied_proposal r;
  T_OK(tertial_applied_proposal_at(&r, f.model, 1));
  ck_assert_str_eq(r.code, "P2");
  ck_assert(r.measure == v && r.unit == f.ht && r.amount == KR(-600000));
  T_ERR(tertial_applied_proposal_at(&r, f.model, 2), TERTIAL_ERR_RANGE);
  /* the version revised is closed */
  T_ERR(tertial_proposals_apply(&sum, f.model, bud, list), TERTIAL_ERR_STATE);
  tertial_proposals_free(list);
  fixture_free(&f);
}
END_TEST

/* Every allocation of applying the decided proposals failing in turn: out of memory, the
 * version's budget as it was (every unit's total), no proposal recorded, and nothing left over
 * once the model is freed; then the run without a failure applies both. */
START_TEST(test_apply_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial_proposals *list = proposals(rows);
  long points = 0;
  for (long k = 0;; k++) {
    long live = failalloc_live();
    fixture f;
    fixture_build(&f);
    int v = proposal_version(&f);
    int64_t before[7], after[7];
    totals(before, &f, v);
    tertial_proposals_applied sum = {0, 0, 0, 0};
    failalloc_arm(k);
    int rc = tertial_proposals_apply(&sum, f.model, v, list);
    int fired = failalloc_disarm();
    totals(after, &f, v);
    if (fired && rc < 0) {
      ck_assert_msg(rc == TERTIAL_ERR_NOMEM, "allocation %ld failing: %d (%s)", k, rc, tertial_error_last());
      ck_assert_msg(strstr(tertial_error_last(), "out of memory"), "allocation %ld: %s", k, tertial_error_last());
      for (int i = 0; i < 7; i++)
        ck_assert_msg(after[i] == before[i], "allocation %ld failing: unit %d changed", k, i);
      ck_assert_uint_eq(tertial_applied_proposal_count(f.model), 0);
    } else {
      T_OK(rc);
      ck_assert_uint_eq(sum.applied, 2);
      ck_assert_int_eq(after[0] - before[0], KR(600000));
      ck_assert_uint_eq(tertial_applied_proposal_count(f.model), 2);
    }
    fixture_free(&f);
    ck_assert_msg(failalloc_live() == live, "allocation %ld failing: %ld blocks left", k, failalloc_live() - live);
    if (!fired) {
      points = k;
      break;
    }
  }
  ck_assert_int_gt(points, 0);
  fprintf(stderr, "# %ld failure points\n", points);
  tertial_proposals_free(list);
}
END_TEST

START_TEST(test_apply_once)
{
  fixture f;
  fixture_build(&f);
  int v = proposal_version(&f);
  tertial_proposals *list = proposals(rows);
  tertial_proposals_applied sum;
  T_OK(tertial_proposals_apply(&sum, f.model, v, list));
  int64_t once[7], again[7];
  totals(once, &f, v);
  /* the same list again: nothing doubles */
  T_OK(tertial_proposals_apply(&sum, f.model, v, list));
  ck_assert(sum.applied == 0 && sum.already == 2 && sum.total == 0);
  totals(again, &f, v);
  for (int i = 0; i < 7; i++)
    ck_assert_int_eq(again[i], once[i]);
  ck_assert_uint_eq(tertial_applied_proposal_count(f.model), 2);
  /* a new decision with the old ones: only the new one */
  tertial_proposals *more = proposals("P1;prioritering;Fler platser HVB;1 200;stor;stor;hög;beslutad;6410;4610\n"
                                      "P4;prioritering;Läxhjälp;240;liten;stor;hög;beslutad;6420;4511\n");
  T_OK(tertial_proposals_apply(&sum, f.model, v, more));
  ck_assert(sum.applied == 1 && sum.already == 1 && sum.total == KR(240000));
  ck_assert_int_eq(total(&f, f.fs, v) - total(&f, f.fs, tertial_model_current_budget(f.model)), KR(240000));
  /* a revision of the version carries its records: applying to it doubles nothing */
  int rev = -1;
  T_OK(tertial_budget_revise(&rev, f.model, v, "Förslag 2026 rev", NULL));
  T_OK(tertial_proposals_apply(&sum, f.model, rev, more));
  ck_assert(sum.applied == 0 && sum.already == 2);
  ck_assert_int_eq(total(&f, f.k, rev), total(&f, f.k, v));
  /* a proposal applied before with another cost is refused, and nothing of the list applied */
  tertial_proposals *changed = proposals("P5;prioritering;Ny;100;liten;stor;hög;beslutad;6410;4610\n"
                                         "P1;prioritering;Fler platser HVB;1 500;stor;stor;hög;beslutad;6410;4610\n");
  int64_t k = total(&f, f.k, rev);
  T_ERR(tertial_proposals_apply(&sum, f.model, rev, changed), TERTIAL_ERR_EXISTS);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "P1"));
  ck_assert_int_eq(total(&f, f.k, rev), k);
  ck_assert_uint_eq(tertial_applied_proposal_count(f.model), 3);
  tertial_proposals_free(changed);
  tertial_proposals_free(more);
  tertial_proposals_free(list);
  fixture_free(&f);
}
END_TEST

START_TEST(test_apply_errors)
{
  fixture f;
  fixture_build(&f);
  int v = proposal_version(&f);
  int64_t before[7], after[7];
  totals(before, &f, v);
  tertial_proposals_applied sum = {9, 9, 9, 9};
  /* a decided proposal without a unit names the proposal; one still proposed needs none */
  tertial_proposals *list = proposals("P1;prioritering;A;100;stor;stor;hög;beslutad;6410;4610\n"
                                      "P2;prioritering;B;100;stor;stor;hög;föreslagen;;\n"
                                      "P3;prioritering;C;100;stor;stor;hög;lyft;;4610\n");
  T_ERR(tertial_proposals_apply(&sum, f.model, v, list), TERTIAL_ERR_INVALID);
  ck_assert_str_eq(tertial_error_last(), "proposal P3 is lyft but has no unit: the budget it changes needs a unit "
                                         "(enhet) and an account (konto)");
  ck_assert_uint_eq(sum.applied, 9);
  tertial_proposals_free(list);
  list = proposals("P1;prioritering;A;100;stor;stor;hög;beslutad;6410;4610\n"
                   "P3;prioritering;C;100;stor;stor;hög;beslutad;9999;4610\n");
  T_ERR(tertial_proposals_apply(&sum, f.model, v, list), TERTIAL_ERR_NOT_FOUND);
  ck_assert_str_eq(tertial_error_last(), "proposal P3: the model has no unit \"9999\"");
  tertial_proposals_free(list);
  list = proposals("P3;prioritering;C;100;stor;stor;hög;beslutad;6410;9999\n");
  T_ERR(tertial_proposals_apply(&sum, f.model, v, list), TERTIAL_ERR_NOT_FOUND);
  ck_assert_str_eq(tertial_error_last(), "proposal P3: the model has no account \"9999\"");
  tertial_proposals_free(list);
  /* the second proposal overflows: the first is taken back */
  list = proposals("P1;prioritering;A;100;stor;stor;hög;beslutad;6410;4610\n"
                   "P2;prioritering;B;9 999 999 999 999;stor;stor;hög;beslutad;6510;5011\n");
  T_ERR(tertial_proposals_apply(&sum, f.model, v, list), TERTIAL_ERR_OVERFLOW);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "proposal P2: "));
  totals(after, &f, v);
  for (int i = 0; i < 7; i++)
    ck_assert_int_eq(after[i], before[i]);
  ck_assert_uint_eq(tertial_applied_proposal_count(f.model), 0);
  /* not a budget version */
  T_ERR(tertial_proposals_apply(&sum, f.model, TERTIAL_MEASURE_OUTCOME, list), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_proposals_apply(&sum, NULL, v, list), TERTIAL_ERR_INVALID);
  tertial_proposals_free(list);
  fixture_free(&f);
}
END_TEST

/* A version 1 proposal (without unit and account) is still accepted. */
START_TEST(test_version1_proposal)
{
  tertial_proposals *list;
  T_OK(tertial_proposals_new(&list));
  tertial_proposal p = TERTIAL_PROPOSAL_INIT;
  p.version = 1;
  p.code = "V1";
  p.measure = "Åtgärd";
  p.cost = KR(100);
  p.unit = "must not be read";
  T_OK(tertial_proposals_add(list, &p));
  ck_assert_str_eq(tertial_proposals_at(list, 0)->unit, "");
  ck_assert_uint_eq(tertial_proposals_at(list, 0)->version, TERTIAL_PROPOSAL_VERSION);
  p.version = 3;
  p.code = "V3";
  T_ERR(tertial_proposals_add(list, &p), TERTIAL_ERR_INVALID);
  tertial_proposals_free(list);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("priorities_budget");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_apply_decided);
  tcase_add_test(tc, test_apply_out_of_memory);
  tcase_add_test(tc, test_apply_once);
  tcase_add_test(tc, test_apply_errors);
  tcase_add_test(tc, test_version1_proposal);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
