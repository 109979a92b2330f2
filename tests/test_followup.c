#include <string.h>

#include "testutil.h"

static tertial_followup *table(fixture *f, tertial_unit_id u, int cutoff, tertial_followup_view view)
{
  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = view;
  tertial_followup *t;
  T_OK(tertial_followup_new(&t, f->model, u, cutoff, &o));
  return t;
}

static const tertial_followup_line *find_line(const tertial_followup *t, const char *code)
{
  for (size_t i = 0; i < tertial_followup_line_count(t); i++) {
    const tertial_followup_line *l = tertial_followup_line_at(t, i);
    if (strcmp(l->code, code) == 0 && l->kind != TERTIAL_LINE_OWN)
      return l;
  }
  ck_abort_msg("no line %s", code);
  return NULL;
}

/* Assert all eight columns (kronor; share in hundredths of a percent, -1 = empty). */
static void expect(const tertial_followup_line *l, int64_t out, int64_t bud, int64_t dev, int64_t year,
                   int64_t share, int64_t fc, int64_t fdev, int64_t prior)
{
  ck_assert_msg(l->value[TERTIAL_COL_OUTCOME_ACC] == KR(out), "%s outcome %lld", l->code,
                (long long)l->value[TERTIAL_COL_OUTCOME_ACC]);
  ck_assert_int_eq(l->value[TERTIAL_COL_BUDGET_ACC], KR(bud));
  ck_assert_int_eq(l->value[TERTIAL_COL_DEVIATION_ACC], KR(dev));
  ck_assert_int_eq(l->value[TERTIAL_COL_BUDGET_YEAR], KR(year));
  int64_t v = 12345;
  if (share < 0) {
    ck_assert_int_eq(tertial_followup_value(&v, l, TERTIAL_COL_SHARE_USED), 0);
    ck_assert_int_eq(v, 12345);
  } else {
    ck_assert_int_eq(tertial_followup_value(&v, l, TERTIAL_COL_SHARE_USED), 1);
    ck_assert_msg(v == share, "%s share %lld, expected %lld", l->code, (long long)v, (long long)share);
  }
  ck_assert_msg(l->value[TERTIAL_COL_FORECAST] == KR(fc), "%s forecast %lld", l->code,
                (long long)l->value[TERTIAL_COL_FORECAST]);
  ck_assert_int_eq(l->value[TERTIAL_COL_FORECAST_DEVIATION], KR(fdev));
  ck_assert_int_eq(l->value[TERTIAL_COL_PRIOR_YEAR], KR(prior));
}

START_TEST(test_children_view)
{
  fixture f;
  fixture_build(&f);
  tertial_followup *t = table(&f, f.sn, 4, TERTIAL_VIEW_CHILDREN);
  ck_assert_uint_eq(tertial_followup_line_count(t), 4);
  ck_assert_str_eq(tertial_followup_title(t), "Socialnämnden");
  ck_assert_int_eq(tertial_followup_cutoff_period(t), 202604);
  const tertial_followup_line *own = tertial_followup_line_at(t, 0);
  ck_assert_int_eq(own->kind, TERTIAL_LINE_OWN);
  /* Own rent on the committee: 400 000 of 1 200 000 = 33,33 %; no forecast set: budget stands in. */
  expect(own, 400000, 400000, 0, 1200000, 3333, 1200000, 0, 0);
  ck_assert_int_eq(own->forecast_missing, 1);
  /* IFO = HVB (-7 690 000 + 10 000 000) + Försörjningsstöd 300 000; budget (-4 000 000 + 8 000 000);
   * 2 610 000 / 12 000 000 = 21,75 %; forecast -20 000 000 + 30 000 000 + FS's budget 0. */
  const tertial_followup_line *ifo = tertial_followup_line_at(t, 1);
  ck_assert_str_eq(ifo->code, "IFO");
  expect(ifo, 2610000, 4000000, 1390000, 12000000, 2175, 10000000, 2000000, 0);
  ck_assert_int_eq(ifo->forecast_missing, 1);
  ck_assert_int_eq(ifo->partial, 0);
  /* Äldreomsorg: 3 800 000 / 12 000 000 = 31,666.. % -> 31,67 */
  expect(tertial_followup_line_at(t, 2), 3800000, 4000000, 200000, 12000000, 3167, 12000000, 0, 11800000);
  const tertial_followup_line *tot = tertial_followup_line_at(t, 3);
  ck_assert_int_eq(tot->kind, TERTIAL_LINE_TOTAL);
  /* 6 810 000 / 25 200 000 = 27,0238 % */
  expect(tot, 6810000, 8400000, 1590000, 25200000, 2702, 23200000, 2000000, 11800000);
  ck_assert_int_eq(tot->forecast_missing, 3);
  ck_assert_int_eq(tot->parent_line, -1);
  ck_assert_int_eq(own->parent_line, 3);
  ck_assert_int_eq(ifo->parent_line, 3);
  tertial_followup_free(t);
  fixture_free(&f);
}
END_TEST

START_TEST(test_sign_convention_and_rows)
{
  fixture f;
  fixture_build(&f);
  tertial_followup *t = table(&f, f.sn, 4, TERTIAL_VIEW_ROWS);
  ck_assert_uint_eq(tertial_followup_line_count(t), tertial_rowmap_row_count(tertial_model_rowmap(f.model)));
  /* Revenue 3 690 000 kr above budget: accumulated deviation +3 690 000 (better than budget).
   * Forecast -20 000 000 against a budget of -12 000 000: forecast deviation +8 000 000. */
  const tertial_followup_line *bidr = find_line(t, "INT_BIDR");
  ck_assert_int_eq(bidr->kind, TERTIAL_LINE_ROW);
  ck_assert_int_eq(bidr->row_kind, TERTIAL_ROW_LINE);
  ck_assert_int_eq(bidr->depth, 2);
  expect(bidr, -7690000, -4000000, 3690000, -12000000, 6408, -20000000, 8000000, 0);
  /* A cost row over budget shows a negative deviation. */
  expect(find_line(t, "KOST_KOP"), 10000000, 8000000, -2000000, 24000000, 4167, 30000000, -6000000, 0);
  /* Zero budget: "Förbrukat %" is empty, not an error. */
  expect(find_line(t, "KOST_BIDR"), 300000, 0, -300000, 0, -1, 0, 0, 0);
  expect(find_line(t, "KOST"), 14500000, 12400000, -2100000, 37200000, 3898, 43200000, -6000000, 11800000);
  /* The internal sub-row is informational (not added into KOST), forecast at its annual budget. */
  const tertial_followup_line *varav = find_line(t, "KOST_VARAV");
  expect(varav, 400000, 400000, 0, 1200000, 3333, 1200000, 0, 0);
  const tertial_followup_line *netto = find_line(t, "NETTO");
  expect(netto, 6810000, 8400000, 1590000, 25200000, 2702, 23200000, 2000000, 11800000);
  ck_assert_int_eq(netto->depth, 0);
  ck_assert_int_eq(netto->parent_line, -1);
  const tertial_followup_line *intl = tertial_followup_line_at(t, (size_t)bidr->parent_line);
  ck_assert_str_eq(intl->code, "INT");
  ck_assert_str_eq(tertial_followup_line_at(t, (size_t)intl->parent_line)->code, "NETTO");
  ck_assert_str_eq(tertial_followup_line_at(t, (size_t)varav->parent_line)->code, "KOST");
  expect(find_line(t, "FIN"), 0, 0, 0, 0, -1, 0, 0, 0);
  tertial_followup_free(t);

  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = TERTIAL_VIEW_ROWS;
  o.skip_empty = 1;
  T_OK(tertial_followup_new(&t, f.model, f.sn, 4, &o));
  /* INT, INT_BIDR, KOST, KOST_PERS, KOST_KOP, KOST_BIDR, KOST_HYRA, KOST_VARAV, NETTO */
  ck_assert_uint_eq(tertial_followup_line_count(t), 9);
  ck_assert_str_eq(tertial_followup_line_at(t, 0)->code, "INT");
  ck_assert_str_eq(tertial_followup_line_at(t, 8)->code, "NETTO");
  tertial_followup_free(t);
  fixture_free(&f);
}
END_TEST

START_TEST(test_subtree_view)
{
  fixture f;
  fixture_build(&f);
  tertial_followup *t = table(&f, f.sn, 2, TERTIAL_VIEW_SUBTREE);
  ck_assert_uint_eq(tertial_followup_line_count(t), 6);
  const char *codes[] = {"SN", "IFO", "6410", "6420", "AO", "6510"};
  const int depths[] = {0, 1, 2, 2, 1, 2};
  for (size_t i = 0; i < 6; i++) {
    ck_assert_str_eq(tertial_followup_line_at(t, i)->code, codes[i]);
    ck_assert_int_eq(tertial_followup_line_at(t, i)->depth, depths[i]);
  }
  const int parents[] = {-1, 0, 1, 1, 0, 4};
  for (size_t i = 0; i < 6; i++)
    ck_assert_int_eq(tertial_followup_line_at(t, i)->parent_line, parents[i]);
  /* Jan-Feb: HVB -3 845 000 + 5 000 000 outcome, -2 000 000 + 4 000 000 budget. */
  const tertial_followup_line *hvb = tertial_followup_line_at(t, 2);
  ck_assert_int_eq(hvb->value[TERTIAL_COL_OUTCOME_ACC], KR(1155000));
  ck_assert_int_eq(hvb->value[TERTIAL_COL_BUDGET_ACC], KR(2000000));
  ck_assert_int_eq(hvb->forecast_missing, 0);
  /* Forecast is cut-off independent when set: -20 000 000 + 30 000 000. */
  ck_assert_int_eq(hvb->value[TERTIAL_COL_FORECAST], KR(10000000));
  tertial_followup_free(t);

  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = TERTIAL_VIEW_SUBTREE;
  o.max_depth = 1;
  T_OK(tertial_followup_new(&t, f.model, f.k, 2, &o));
  ck_assert_uint_eq(tertial_followup_line_count(t), 2);
  tertial_followup_free(t);
  fixture_free(&f);
}
END_TEST

START_TEST(test_reorganisation)
{
  fixture f;
  fixture_build(&f);
  T_OK(tertial_org_move(tertial_model_org(f.model), f.fs, f.ao, 202603));
  /* IFO held Försörjningsstöd in January and February: its 300 000 kr stays with IFO. */
  tertial_followup *t = table(&f, f.ifo, 4, TERTIAL_VIEW_CHILDREN);
  ck_assert_uint_eq(tertial_followup_line_count(t), 3);
  const tertial_followup_line *fs = tertial_followup_line_at(t, 1);
  ck_assert_str_eq(fs->code, "6420");
  ck_assert_int_eq(fs->partial, 1);
  ck_assert_int_eq(fs->value[TERTIAL_COL_OUTCOME_ACC], KR(300000));
  ck_assert_int_eq(tertial_followup_line_at(t, 2)->value[TERTIAL_COL_OUTCOME_ACC], KR(2610000));
  tertial_followup_free(t);
  /* Äldreomsorg lists it too (children in the order they were added), for March on: no outcome. */
  t = table(&f, f.ao, 4, TERTIAL_VIEW_CHILDREN);
  ck_assert_uint_eq(tertial_followup_line_count(t), 3);
  ck_assert_str_eq(tertial_followup_line_at(t, 0)->code, "6420");
  ck_assert_int_eq(tertial_followup_line_at(t, 0)->partial, 1);
  ck_assert_int_eq(tertial_followup_line_at(t, 0)->value[TERTIAL_COL_OUTCOME_ACC], 0);
  ck_assert_int_eq(tertial_followup_line_at(t, 1)->partial, 0);
  ck_assert_int_eq(tertial_followup_line_at(t, 2)->value[TERTIAL_COL_OUTCOME_ACC], KR(3800000));
  tertial_followup_free(t);
  /* The committee is unchanged. */
  t = table(&f, f.sn, 4, TERTIAL_VIEW_CHILDREN);
  ck_assert_int_eq(tertial_followup_line_at(t, tertial_followup_line_count(t) - 1)->value[TERTIAL_COL_OUTCOME_ACC],
                   KR(6810000));
  tertial_followup_free(t);
  fixture_free(&f);
}
END_TEST

START_TEST(test_forecast_split_on_move)
{
  fixture f;
  fixture_build(&f);
  /* HVB (forecast 10 000 000 net) moves to Äldreomsorg from July. At cut-off 4 the old parent
   * keeps Jan-Apr outcome (2 310 000) and May-Jun budget (2 000 000); the rest goes with it. */
  T_OK(tertial_org_move(tertial_model_org(f.model), f.hvb, f.ao, 202607));
  tertial_followup *t = table(&f, f.ifo, 4, TERTIAL_VIEW_CHILDREN);
  const tertial_followup_line *hvb = tertial_followup_line_at(t, 0);
  ck_assert_int_eq(hvb->partial, 1);
  ck_assert_int_eq(hvb->value[TERTIAL_COL_FORECAST], KR(4310000));
  ck_assert_int_eq(hvb->value[TERTIAL_COL_BUDGET_YEAR], KR(6000000));
  tertial_followup_free(t);
  t = table(&f, f.ao, 4, TERTIAL_VIEW_CHILDREN);
  ck_assert_int_eq(tertial_followup_line_at(t, 0)->value[TERTIAL_COL_FORECAST], KR(5690000));
  tertial_followup_free(t);
  fixture_free(&f);
}
END_TEST

START_TEST(test_errors_and_headers)
{
  fixture f;
  fixture_build(&f);
  tertial_followup *t = NULL;
  T_ERR(tertial_followup_new(&t, f.model, f.sn, 0, NULL), TERTIAL_ERR_RANGE);
  T_ERR(tertial_followup_new(&t, f.model, f.sn, 13, NULL), TERTIAL_ERR_RANGE);
  T_ERR(tertial_followup_new(&t, f.model, 99, 4, NULL), TERTIAL_ERR_NOT_FOUND);
  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.budget_measure = TERTIAL_MEASURE_OUTCOME;
  T_ERR(tertial_followup_new(&t, f.model, f.sn, 4, &o), TERTIAL_ERR_NOT_FOUND);
  o = (tertial_followup_options)TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.version = 99;
  T_ERR(tertial_followup_new(&t, f.model, f.sn, 4, &o), TERTIAL_ERR_INVALID);
  ck_assert_ptr_null(t);
  ck_assert_str_eq(tertial_column_header(TERTIAL_COL_SHARE_USED, 0), "Förbrukat %");
  ck_assert_str_eq(tertial_column_header(TERTIAL_COL_PRIOR_YEAR, 0), "Fg bokslut");
  ck_assert_str_eq(tertial_column_header(TERTIAL_COL_FORECAST, 1), "Full-year forecast");
  ck_assert_ptr_null(tertial_column_header(TERTIAL_COL_COUNT, 0));
  /* A table is a snapshot: changing the model afterwards does not change it. */
  T_OK(tertial_followup_new(&t, f.model, f.sn, 4, NULL));
  tertial_account_id a;
  T_OK(tertial_chart_find(&a, tertial_model_chart(f.model), "5011"));
  T_OK(tertial_ledger_add(tertial_model_ledger(f.model), f.ht, a, 0, 0, KR(1000)));
  T_OK(tertial_model_set_forecast(f.model, f.ht, "KOST_PERS", KR(11000000)));
  const tertial_followup_line *tot = tertial_followup_line_at(t, 3);
  ck_assert_int_eq(tot->value[TERTIAL_COL_OUTCOME_ACC], KR(6810000));
  tertial_followup *t2;
  T_OK(tertial_followup_new(&t2, f.model, f.sn, 4, NULL));
  ck_assert_int_eq(tertial_followup_line_at(t2, 3)->value[TERTIAL_COL_OUTCOME_ACC], KR(6811000));
  ck_assert_int_eq(tertial_followup_line_at(t2, 3)->value[TERTIAL_COL_FORECAST], KR(22200000));
  ck_assert_int_eq(tertial_followup_line_at(t2, 3)->forecast_missing, 2);
  tertial_followup_free(t2);
  tertial_followup_free(t);
  fixture_free(&f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("followup");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_children_view);
  tcase_add_test(tc, test_sign_convention_and_rows);
  tcase_add_test(tc, test_subtree_view);
  tcase_add_test(tc, test_reorganisation);
  tcase_add_test(tc, test_forecast_split_on_move);
  tcase_add_test(tc, test_errors_and_headers);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
