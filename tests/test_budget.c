/* Tests of budget versions, periodisation through the model's key set and "ej fördelat".
 * The fixture (tests/testutil.h) has a calendar-year 2026 model whose measure "Budget" holds:
 * SN 6110 100 000 kr/month, HVB 3511 -1 000 000 kr/month, HVB 4610 2 000 000 kr/month,
 * HT 5011 1 000 000 kr/month; HT 5011 prior year 1 000 000 kr Jan-Nov and 800 000 kr December. */
#include "testutil.h"

#include <string.h>

static tertial_account_id account(const fixture *f, const char *number)
{
  tertial_account_id a = 0;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(f->model), number));
  return a;
}

static int64_t month_of(const fixture *f, tertial_unit_id u, const char *number, int month, int measure)
{
  int64_t v = -1;
  T_OK(tertial_ledger_get(&v, tertial_model_ledger(f->model), u, account(f, number), month, measure));
  return v;
}

static int64_t year_total(const fixture *f, tertial_unit_id u, int measure)
{
  int64_t v = -1;
  T_OK(tertial_ledger_total(&v, tertial_model_ledger(f->model), u, TERTIAL_ALL_ACCOUNTS, measure, 0, 11));
  return v;
}

static void assert_months(const int64_t got[12], const int64_t expected[12])
{
  for (int i = 0; i < 12; i++)
    ck_assert_msg(got[i] == expected[i], "month %d: got %lld, expected %lld", i, (long long)got[i],
                  (long long)expected[i]);
}

static void own_months(int64_t out[12], const fixture *f, tertial_unit_id u, const char *number, int measure)
{
  for (int m = 0; m < 12; m++)
    out[m] = month_of(f, u, number, m, measure);
}

/* ---- versions ------------------------------------------------------------------------- */

START_TEST(test_versions_metadata)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  tertial_budget_version v;
  /* The model's own "Budget" is a version with default metadata. */
  ck_assert_uint_eq(tertial_budget_version_count(m), 1);
  T_OK(tertial_budget_version_at(&v, m, 0));
  ck_assert_int_eq(v.measure, 2);
  ck_assert_str_eq(v.name, "Budget");
  ck_assert_int_eq(v.kind, TERTIAL_BUDGET_ADOPTED);
  ck_assert_int_eq(v.decided.year, 0);
  ck_assert_str_eq(v.reason, "");
  ck_assert_str_eq(v.decided_by, "");
  ck_assert_int_eq(v.revises, -1);
  ck_assert_int_eq(v.revised_by, -1);

  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_FRAME;
  o.decided = (tertial_date){2025, 6, 16};
  o.reason = "Mål och budget 2026–2028";
  o.decided_by = "Kommunfullmäktige";
  int frame = -1;
  T_OK(tertial_budget_create(&frame, m, "KF ram 2026", &o));
  ck_assert_int_eq(frame, 3);
  ck_assert_uint_eq(tertial_budget_version_count(m), 2);
  T_OK(tertial_budget_version_of(&v, m, frame));
  ck_assert_str_eq(v.name, "KF ram 2026");
  ck_assert_int_eq(v.kind, TERTIAL_BUDGET_FRAME);
  ck_assert(v.decided.year == 2025 && v.decided.month == 6 && v.decided.day == 16);
  ck_assert_str_eq(v.reason, "Mål och budget 2026–2028");
  ck_assert_str_eq(v.decided_by, "Kommunfullmäktige");
  ck_assert_int_eq(v.revises, -1);
  /* A new version is empty. */
  ck_assert_int_eq(year_total(&f, f.k, frame), 0);
  /* Defaults when no options are given. */
  int detailed = -1;
  T_OK(tertial_budget_create(&detailed, m, "Detaljbudget", NULL));
  T_OK(tertial_budget_version_at(&v, m, 2));
  ck_assert_int_eq(v.measure, detailed);
  ck_assert_int_eq(v.kind, TERTIAL_BUDGET_ADOPTED);
  ck_assert_str_eq(v.reason, "");
  T_ERR(tertial_budget_version_at(&v, m, 3), TERTIAL_ERR_RANGE);
  T_ERR(tertial_budget_version_of(&v, m, TERTIAL_MEASURE_OUTCOME), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_version_of(&v, m, 9), TERTIAL_ERR_NOT_FOUND);
  fixture_free(&f);
}
END_TEST

START_TEST(test_version_errors)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  size_t before = tertial_ledger_measure_count(tertial_model_ledger(m));
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  int v = -1;
  T_ERR(tertial_budget_create(&v, m, "Budget", NULL), TERTIAL_ERR_EXISTS);
  T_ERR(tertial_budget_create(&v, m, "", NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_budget_create(&v, m, NULL, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_budget_create(NULL, m, "x", NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_budget_create(&v, NULL, "x", NULL), TERTIAL_ERR_INVALID);
  o.decided = (tertial_date){2025, 2, 29};
  T_ERR(tertial_budget_create(&v, m, "x", &o), TERTIAL_ERR_RANGE);
  o.decided = (tertial_date){2025, 0, 1};
  T_ERR(tertial_budget_create(&v, m, "x", &o), TERTIAL_ERR_RANGE);
  o.decided = (tertial_date){2024, 2, 29};
  o.version = 2;
  T_ERR(tertial_budget_create(&v, m, "x", &o), TERTIAL_ERR_INVALID);
  o.version = TERTIAL_BUDGET_OPTIONS_VERSION;
  o.kind = (tertial_budget_kind)9;
  T_ERR(tertial_budget_create(&v, m, "x", &o), TERTIAL_ERR_INVALID);
  T_ERR(tertial_budget_revise(&v, m, TERTIAL_MEASURE_OUTCOME, "x", NULL), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_revise(&v, m, TERTIAL_MEASURE_PRIOR, "x", NULL), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_revise(&v, m, 7, "x", NULL), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_revise(&v, m, 2, "Budget", NULL), TERTIAL_ERR_EXISTS);
  /* Failures leave no measure behind, and the leap day was a valid date. */
  ck_assert_uint_eq(tertial_ledger_measure_count(tertial_model_ledger(m)), before);
  o.kind = TERTIAL_BUDGET_DETAILED;
  T_OK(tertial_budget_create(&v, m, "x", &o));
  ck_assert_uint_eq(tertial_budget_version_count(m), 2);
  ck_assert_uint_eq(tertial_budget_version_count(NULL), 0);
  fixture_free(&f);
}
END_TEST

/* Revising "Budget" copies it: HVB 4610 2 000 000 kr/month in the revision too. The revision then
 * gets 30 000 000 kr for the year (2 500 000 kr/month, equal twelfths); "Budget" keeps 2 000 000.
 * Year totals of K: Budget 1 200 000 - 12 000 000 + 24 000 000 + 12 000 000 = 25 200 000 kr;
 * the revision 6 000 000 kr more = 31 200 000 kr. */
START_TEST(test_revision_copies_never_overwrites)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  int bud = tertial_model_current_budget(m), rev = -1;
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_REVISED;
  o.decided = (tertial_date){2026, 4, 22};
  o.reason = "Tilläggsanslag HVB, fler placeringar";
  o.decided_by = "Socialnämnden";
  T_OK(tertial_budget_revise(&rev, m, bud, "Budget 2026 rev 1", &o));
  for (int month = 0; month < 12; month++) {
    ck_assert_int_eq(month_of(&f, f.hvb, "4610", month, rev), KR(2000000));
    ck_assert_int_eq(month_of(&f, f.hvb, "3511", month, rev), KR(-1000000));
    ck_assert_int_eq(month_of(&f, f.sn, "6110", month, rev), KR(100000));
  }
  ck_assert_int_eq(year_total(&f, f.k, rev), KR(25200000));

  const tertial_key *equal = tertial_keyset_default(tertial_model_keys(m));
  T_OK(tertial_budget_set_annual(m, rev, f.hvb, account(&f, "4610"), KR(30000000), equal));
  for (int month = 0; month < 12; month++) {
    ck_assert_int_eq(month_of(&f, f.hvb, "4610", month, rev), KR(2500000));
    ck_assert_int_eq(month_of(&f, f.hvb, "4610", month, bud), KR(2000000));
  }
  ck_assert_int_eq(year_total(&f, f.k, rev), KR(31200000));
  ck_assert_int_eq(year_total(&f, f.k, bud), KR(25200000));

  /* The revised version is closed; its revision is not. */
  T_ERR(tertial_budget_set_annual(m, bud, f.hvb, account(&f, "4610"), 0, equal), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "Budget 2026 rev 1"));
  ck_assert_int_eq(month_of(&f, f.hvb, "4610", 0, bud), KR(2000000));

  tertial_budget_version v;
  T_OK(tertial_budget_version_of(&v, m, bud));
  ck_assert_int_eq(v.revised_by, rev);
  T_OK(tertial_budget_version_of(&v, m, rev));
  ck_assert_int_eq(v.revises, bud);
  ck_assert_int_eq(v.revised_by, -1);
  ck_assert_int_eq(v.kind, TERTIAL_BUDGET_REVISED);
  ck_assert_str_eq(v.reason, "Tilläggsanslag HVB, fler placeringar");
  ck_assert_str_eq(v.decided_by, "Socialnämnden");

  /* A revision of the revision starts from the revised amounts. */
  int rev2 = -1;
  T_OK(tertial_budget_revise(&rev2, m, rev, "Budget 2026 rev 2", &o));
  ck_assert_int_eq(month_of(&f, f.hvb, "4610", 5, rev2), KR(2500000));
  T_ERR(tertial_budget_set_annual(m, rev, f.hvb, account(&f, "4610"), 0, equal), TERTIAL_ERR_STATE);
  T_OK(tertial_budget_set_annual(m, rev2, f.hvb, account(&f, "4610"), 0, equal));
  ck_assert_int_eq(month_of(&f, f.hvb, "4610", 5, rev2), 0);
  ck_assert_int_eq(month_of(&f, f.hvb, "4610", 5, rev), KR(2500000));
  ck_assert_uint_eq(tertial_budget_version_count(m), 3);
  fixture_free(&f);
}
END_TEST

/* Follow-up uses the current version: it moves to the revision when chosen. */
START_TEST(test_current_version)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  int bud = tertial_model_current_budget(m), rev = -1;
  T_OK(tertial_budget_revise(&rev, m, bud, "Ombudgetering april", NULL));
  ck_assert_int_eq(tertial_model_current_budget(m), bud);
  T_OK(tertial_model_set_current_budget(m, rev));
  ck_assert_int_eq(tertial_model_current_budget(m), rev);
  T_ERR(tertial_model_set_current_budget(m, TERTIAL_MEASURE_OUTCOME), TERTIAL_ERR_NOT_FOUND);
  ck_assert_int_eq(tertial_model_current_budget(m), rev);
  fixture_free(&f);
}
END_TEST

/* ---- periodisation -------------------------------------------------------------------- */

/* IFO's accounts 46 use working days. 2026 has 251 working days (20 20 22 20 19 21 23 21 22 22
 * 21 20, see test_keys), so 251 000 kr for HVB 4610 is 1 000 kr a working day; April (Easter
 * 5 April: långfredag 3, annandag påsk 6) gets 20 000 kr. Revenue on HVB 3511 has no rule: the
 * default equal twelfths, -100 öre -> -9 in months 0-3, -8 in months 4-11. Setting 0 replaces
 * the months with zeros. */
START_TEST(test_set_annual_resolves_keys)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  tertial_keyset *keys = tertial_model_keys(m);
  ck_assert_ptr_nonnull(keys);
  ck_assert_ptr_eq(tertial_model_keys(m), keys);
  tertial_key *wd;
  T_OK(tertial_key_new_working_days(&wd, "Arbetsdagar", TERTIAL_HOLIDAYS_DEFAULT));
  T_OK(tertial_keyset_add(keys, wd));
  T_OK(tertial_keyset_assign(keys, f.ifo, "46", "46", "Arbetsdagar"));

  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_DETAILED;
  int det = -1;
  T_OK(tertial_budget_create(&det, m, "Detaljbudget 2026", &o));
  const tertial_key *k = NULL;
  T_OK(tertial_budget_key_for(&k, m, f.hvb, account(&f, "4610")));
  ck_assert_str_eq(tertial_key_name(k), "Arbetsdagar");
  T_OK(tertial_budget_key_for(&k, m, f.hvb, account(&f, "3511")));
  ck_assert_str_eq(tertial_key_name(k), "Tolftedelar");

  int64_t got[12];
  T_OK(tertial_budget_set_annual(m, det, f.hvb, account(&f, "4610"), KR(251000), NULL));
  own_months(got, &f, f.hvb, "4610", det);
  assert_months(got, (int64_t[12]){KR(20000), KR(20000), KR(22000), KR(20000), KR(19000), KR(21000), KR(23000),
                                   KR(21000), KR(22000), KR(22000), KR(21000), KR(20000)});
  T_OK(tertial_budget_set_annual(m, det, f.hvb, account(&f, "3511"), -100, NULL));
  own_months(got, &f, f.hvb, "3511", det);
  assert_months(got, (int64_t[12]){-9, -9, -9, -9, -8, -8, -8, -8, -8, -8, -8, -8});
  /* An explicit key wins over the key set. */
  T_OK(tertial_budget_set_annual(m, det, f.hvb, account(&f, "4610"), 1200, tertial_keyset_default(keys)));
  own_months(got, &f, f.hvb, "4610", det);
  assert_months(got, (int64_t[12]){100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100});
  /* A zero budget replaces the months. */
  T_OK(tertial_budget_set_annual(m, det, f.hvb, account(&f, "4610"), 0, NULL));
  own_months(got, &f, f.hvb, "4610", det);
  assert_months(got, (int64_t[12]){0});
  ck_assert_int_eq(year_total(&f, f.k, det), -100);
  /* The other versions are untouched. */
  ck_assert_int_eq(month_of(&f, f.hvb, "4610", 3, 2), KR(2000000));
  fixture_free(&f);
}
END_TEST

/* A last-year key without amounts takes the row's own prior-year outcome: HT 5011 had
 * 1 000 000 kr Jan-Nov and 800 000 kr December (11 800 000 kr), so 11 800 000 kr this year
 * repeats it. HT 4010 had no prior outcome: the fallback, equal twelfths. */
START_TEST(test_set_annual_last_year_of_row)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  tertial_keyset *keys = tertial_model_keys(m);
  tertial_key *ly;
  T_OK(tertial_key_new_last_year(&ly, "Fjolårets utfall", NULL));
  T_OK(tertial_keyset_add(keys, ly));
  T_OK(tertial_keyset_assign(keys, f.ao, NULL, NULL, "Fjolårets utfall"));
  int det = -1;
  T_OK(tertial_budget_create(&det, m, "Detaljbudget", NULL));
  T_OK(tertial_budget_set_annual(m, det, f.ht, account(&f, "5011"), KR(11800000), NULL));
  int64_t got[12];
  own_months(got, &f, f.ht, "5011", det);
  for (int i = 0; i < 11; i++)
    ck_assert_int_eq(got[i], KR(1000000));
  ck_assert_int_eq(got[11], KR(800000));
  T_OK(tertial_budget_set_annual(m, det, f.ht, account(&f, "4010"), KR(1200), NULL));
  own_months(got, &f, f.ht, "4010", det);
  for (int i = 0; i < 12; i++)
    ck_assert_int_eq(got[i], KR(100));
  fixture_free(&f);
}
END_TEST

START_TEST(test_set_annual_errors)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  const tertial_key *equal = tertial_keyset_default(tertial_model_keys(m));
  tertial_account_id a = account(&f, "4610");
  T_ERR(tertial_budget_set_annual(m, TERTIAL_MEASURE_OUTCOME, f.hvb, a, 100, equal), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_set_annual(m, TERTIAL_MEASURE_PRIOR, f.hvb, a, 100, equal), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_set_annual(m, 9, f.hvb, a, 100, equal), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_set_annual(m, 2, 99, a, 100, equal), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_set_annual(m, 2, f.hvb, 999, 100, equal), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_set_annual(m, 2, f.hvb, TERTIAL_ALL_ACCOUNTS, 100, equal), TERTIAL_ERR_INVALID);
  T_ERR(tertial_budget_set_annual(NULL, 2, f.hvb, a, 100, equal), TERTIAL_ERR_INVALID);
  /* an amount whose roll-ups could overflow is refused at entry; the bound itself is taken */
  T_ERR(tertial_budget_set_annual(m, 2, f.hvb, a, INT64_MAX, equal), TERTIAL_ERR_OVERFLOW);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "the annual budget 92 233 720 368 547 758,07 kr"));
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "±10 000 000 000 000 kr"));
  T_ERR(tertial_budget_set_annual(m, 2, f.hvb, a, -TERTIAL_MONEY_MAX_AMOUNT - 1, equal), TERTIAL_ERR_OVERFLOW);
  ck_assert_int_eq(month_of(&f, f.hvb, "4610", 0, 2), KR(2000000));
  T_OK(tertial_budget_set_annual(m, 2, f.hvb, a, TERTIAL_MONEY_MAX_AMOUNT, equal));
  int64_t total;
  T_OK(tertial_ledger_total(&total, tertial_model_ledger(m), f.hvb, a, 2, 0, 11));
  ck_assert_int_eq(total, TERTIAL_MONEY_MAX_AMOUNT);
  T_OK(tertial_budget_set_annual(m, 2, f.hvb, a, KR(24000000), equal));
  const tertial_key *k = NULL;
  T_ERR(tertial_budget_key_for(&k, m, 99, a), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_key_for(&k, m, f.hvb, 999), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_key_for(NULL, m, f.hvb, a), TERTIAL_ERR_INVALID);
  ck_assert_ptr_null(tertial_model_keys(NULL));
  /* Nothing changed. */
  ck_assert_int_eq(month_of(&f, f.hvb, "4610", 0, 2), KR(2000000));
  fixture_free(&f);
}
END_TEST

/* A working-days key cannot reach past 2199: a July 2199 - June 2200 model keeps its months. */
START_TEST(test_set_annual_outside_holiday_years)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2199, 7));
  tertial_unit_id u;
  tertial_account_id a;
  T_OK(tertial_org_add_unit(&u, tertial_model_org(m), "U", "U", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), "4010"));
  tertial_key *wd;
  T_OK(tertial_key_new_working_days(&wd, "Arbetsdagar", TERTIAL_HOLIDAYS_DEFAULT));
  T_OK(tertial_keyset_add(tertial_model_keys(m), wd));
  int bud = tertial_model_current_budget(m);
  T_OK(tertial_budget_set_annual(m, bud, u, a, 1200, NULL));
  T_ERR(tertial_budget_set_annual(m, bud, u, a, 2400, wd), TERTIAL_ERR_RANGE);
  int64_t v = 0;
  T_OK(tertial_ledger_get(&v, tertial_model_ledger(m), u, a, 11, bud));
  ck_assert_int_eq(v, 100);
  tertial_model_free(m);
}
END_TEST

/* ---- ej fördelat ---------------------------------------------------------------------- */

/* SN holds 6110 100 000 kr/month itself: 1 200 000 kr of "ej fördelat". It equals SN's total
 * (25 200 000 kr) minus its children's (IFO 12 000 000, AO 12 000 000). K and IFO book nothing
 * themselves; HVB books budget but has no children, so nothing of it is unallocated. */
START_TEST(test_unallocated_fixture)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  int bud = tertial_model_current_budget(m);
  int64_t year = -1, months[12];
  T_OK(tertial_budget_unallocated(&year, months, m, bud, f.sn, TERTIAL_ALL_ACCOUNTS));
  ck_assert_int_eq(year, KR(1200000));
  for (int i = 0; i < 12; i++)
    ck_assert_int_eq(months[i], KR(100000));
  ck_assert_int_eq(year, year_total(&f, f.sn, bud) - year_total(&f, f.ifo, bud) - year_total(&f, f.ao, bud));
  T_OK(tertial_budget_unallocated(&year, NULL, m, bud, f.sn, account(&f, "6110")));
  ck_assert_int_eq(year, KR(1200000));
  T_OK(tertial_budget_unallocated(&year, NULL, m, bud, f.sn, account(&f, "4610")));
  ck_assert_int_eq(year, 0);
  T_OK(tertial_budget_unallocated(&year, NULL, m, bud, f.k, TERTIAL_ALL_ACCOUNTS));
  ck_assert_int_eq(year, 0);
  T_OK(tertial_budget_unallocated(&year, NULL, m, bud, f.ifo, TERTIAL_ALL_ACCOUNTS));
  ck_assert_int_eq(year, 0);
  T_OK(tertial_budget_unallocated(&year, months, m, bud, f.hvb, TERTIAL_ALL_ACCOUNTS));
  ck_assert_int_eq(year, 0);
  assert_months(months, (int64_t[12]){0});
  /* The council keeps a reserve of 600 000 kr on K itself: 50 000 kr a month unallocated. */
  T_OK(tertial_budget_set_annual(m, bud, f.k, account(&f, "4610"), KR(600000), NULL));
  T_OK(tertial_budget_unallocated(&year, months, m, bud, f.k, TERTIAL_ALL_ACCOUNTS));
  ck_assert_int_eq(year, KR(600000));
  ck_assert_int_eq(months[6], KR(50000));
  /* Only the months are wanted. */
  T_OK(tertial_budget_unallocated(NULL, months, m, bud, f.k, TERTIAL_ALL_ACCOUNTS));
  ck_assert_int_eq(months[0], KR(50000));
  fixture_free(&f);
}
END_TEST

/* AO holds 120 000 kr itself (10 000 kr/month); its only child HT moves to IFO from July 2026.
 * AO is a parent in January-June only: 60 000 kr unallocated, months 6-11 count 0. */
START_TEST(test_unallocated_reorganisation)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  int bud = tertial_model_current_budget(m);
  T_OK(tertial_budget_set_annual(m, bud, f.ao, account(&f, "5011"), KR(120000), NULL));
  T_OK(tertial_org_move(tertial_model_org(m), f.ht, f.ifo, 202607));
  int64_t year = -1, months[12];
  T_OK(tertial_budget_unallocated(&year, months, m, bud, f.ao, TERTIAL_ALL_ACCOUNTS));
  ck_assert_int_eq(year, KR(60000));
  assert_months(months, (int64_t[12]){KR(10000), KR(10000), KR(10000), KR(10000), KR(10000), KR(10000), 0, 0, 0, 0,
                                      0, 0});
  T_ERR(tertial_budget_unallocated(&year, months, m, TERTIAL_MEASURE_OUTCOME, f.ao, TERTIAL_ALL_ACCOUNTS),
        TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_unallocated(&year, months, m, bud, 99, TERTIAL_ALL_ACCOUNTS), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_unallocated(&year, months, m, bud, f.ao, 999), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_unallocated(&year, months, NULL, bud, f.ao, TERTIAL_ALL_ACCOUNTS), TERTIAL_ERR_INVALID);
  fixture_free(&f);
}
END_TEST

/* Two parent lines near the int64 limit overflow the year's sum: an error, never a wrapped number. */
START_TEST(test_unallocated_overflow)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  int det = -1;
  T_OK(tertial_budget_create(&det, m, "Stor", NULL));
  tertial_ledger *l = tertial_model_ledger(m);
  T_OK(tertial_ledger_set(l, f.sn, account(&f, "4010"), 0, det, INT64_MAX));
  T_OK(tertial_ledger_set(l, f.sn, account(&f, "4020"), 0, det, 1));
  int64_t year = -1;
  T_ERR(tertial_budget_unallocated(&year, NULL, m, det, f.sn, TERTIAL_ALL_ACCOUNTS), TERTIAL_ERR_OVERFLOW);
  T_OK(tertial_budget_unallocated(&year, NULL, m, det, f.sn, account(&f, "4010")));
  ck_assert_int_eq(year, INT64_MAX);
  fixture_free(&f);
}
END_TEST

/* The line of a comparison for a unit and a row code; NULL if it has none. */
static const tertial_budget_compare_line *compare_line(const tertial_budget_comparison *c, tertial_model *m,
                                                       tertial_unit_id u, const char *row_code)
{
  int row;
  if (tertial_rowmap_find_row(&row, tertial_model_rowmap(m), row_code) < 0)
    return NULL;
  for (size_t i = 0; i < tertial_budget_comparison_count(c); i++) {
    const tertial_budget_compare_line *x = tertial_budget_comparison_at(c, i);
    if (x->unit == u && x->row == row)
      return x;
  }
  return NULL;
}

/* Two versions compared per unit and row: the subtree's annual totals and B - A; only rows
 * where either has an amount; down to a depth. */
START_TEST(test_compare_versions)
{
  fixture f;
  fixture_build(&f);
  tertial_model *m = f.model;
  int bud = tertial_model_current_budget(m), rev = -1;
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_FRAME;
  T_OK(tertial_budget_revise(&rev, m, bud, "Ram 2026", &o));
  T_OK(tertial_budget_set_annual(m, rev, f.hvb, account(&f, "4610"), KR(30000000),
                                 tertial_keyset_default(tertial_model_keys(m))));
  tertial_budget_comparison *c;
  T_OK(tertial_budget_compare(&c, m, bud, rev, f.k, -1));
  /* HVB: 4610 24 000 000 -> 30 000 000 kr; its revenue 3511 -12 000 000 kr in both */
  const tertial_budget_compare_line *x = compare_line(c, m, f.hvb, "KOST_KOP");
  ck_assert_ptr_nonnull(x);
  ck_assert(x->a == KR(24000000) && x->b == KR(30000000) && x->difference == KR(6000000));
  ck_assert_int_eq(x->depth, 3);
  x = compare_line(c, m, f.hvb, "NETTO");
  ck_assert(x && x->a == KR(12000000) && x->b == KR(18000000) && x->difference == KR(6000000));
  /* the municipality: 25 200 000 -> 31 200 000 kr; Hemtjänst unchanged */
  x = compare_line(c, m, f.k, "NETTO");
  ck_assert(x && x->a == KR(25200000) && x->b == KR(31200000) && x->difference == KR(6000000) && x->depth == 0);
  x = compare_line(c, m, f.ht, "NETTO");
  ck_assert(x && x->a == KR(12000000) && x->difference == 0);
  /* no line where both are zero: HT has no purchases */
  ck_assert_ptr_null(compare_line(c, m, f.ht, "KOST_KOP"));
  for (size_t i = 0; i < tertial_budget_comparison_count(c); i++) {
    x = tertial_budget_comparison_at(c, i);
    ck_assert(x->a || x->b);
    ck_assert_int_eq(x->difference, x->b - x->a);
  }
  ck_assert_ptr_null(tertial_budget_comparison_at(c, tertial_budget_comparison_count(c)));
  tertial_budget_comparison_free(c);
  /* the root alone */
  T_OK(tertial_budget_compare(&c, m, bud, rev, f.k, 0));
  ck_assert_uint_gt(tertial_budget_comparison_count(c), 0);
  for (size_t i = 0; i < tertial_budget_comparison_count(c); i++)
    ck_assert(tertial_budget_comparison_at(c, i)->unit == f.k && tertial_budget_comparison_at(c, i)->depth == 0);
  tertial_budget_comparison_free(c);
  /* not a budget version, no such unit */
  T_ERR(tertial_budget_compare(&c, m, TERTIAL_MEASURE_OUTCOME, rev, f.k, -1), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_null(c);
  T_ERR(tertial_budget_compare(&c, m, bud, rev, 9999, -1), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_compare(NULL, m, bud, rev, f.k, -1), TERTIAL_ERR_INVALID);
  tertial_budget_comparison_free(NULL);
  fixture_free(&f);
}
END_TEST

static Suite *budget_suite(void)
{
  Suite *s = suite_create("budget");
  TCase *tc = tcase_create("versions");
  tcase_add_test(tc, test_versions_metadata);
  tcase_add_test(tc, test_version_errors);
  tcase_add_test(tc, test_revision_copies_never_overwrites);
  tcase_add_test(tc, test_current_version);
  suite_add_tcase(s, tc);

  tc = tcase_create("periodisation");
  tcase_add_test(tc, test_set_annual_resolves_keys);
  tcase_add_test(tc, test_set_annual_last_year_of_row);
  tcase_add_test(tc, test_set_annual_errors);
  tcase_add_test(tc, test_set_annual_outside_holiday_years);
  suite_add_tcase(s, tc);

  tc = tcase_create("unallocated");
  tcase_add_test(tc, test_unallocated_fixture);
  tcase_add_test(tc, test_unallocated_reorganisation);
  tcase_add_test(tc, test_unallocated_overflow);
  tcase_add_test(tc, test_compare_versions);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return testutil_run(budget_suite());
}
