/* Tests of the SIE writer (sie_write.h): the bytes of a small file checked by hand, the reader
 * accepting the files in strict mode with a matching #KSUMMA, and round trips: write, read
 * back, load into a fresh model, the same numbers to the öre. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[64];

static void make_tmpdir(void)
{
  snprintf(tmpdir, sizeof tmpdir, "/tmp/tertial-sie-write-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(const char *file)
{
  char path[128];
  snprintf(path, sizeof path, "%s/%s", tmpdir, file);
  unlink(path);
  rmdir(tmpdir);
}

static tertial_sie_write_options fixed_options(void)
{
  tertial_sie_write_options o = TERTIAL_SIE_WRITE_OPTIONS_INIT;
  o.company = "Exempelkommun";
  o.orgnr = "212000-0000";
  o.generated = (tertial_date){2026, 5, 15};
  return o;
}

/* Read a file to the end in strict mode: no departure from the specification, #KSUMMA ok. */
static void read_strict_type(const char *path, int type, int64_t *psaldo, int64_t *pbudget)
{
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  o.mode = TERTIAL_SIE_STRICT;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_file(&r, path, &o));
  const tertial_sie_record *rec;
  int rc;
  *psaldo = *pbudget = 0;
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1) {
    if (rec->object_count && rec->label == TERTIAL_SIE_PSALDO)
      *psaldo += rec->amount;
    if (rec->object_count && rec->label == TERTIAL_SIE_PBUDGET)
      *pbudget += rec->amount;
  }
  ck_assert_msg(rc == 0, "%s", tertial_error_last());
  const tertial_sie_stats *s = tertial_sie_reader_stats(r);
  ck_assert_int_eq(s->checksum_present, 1);
  ck_assert_int_eq(s->checksum_ok, 1);
  ck_assert_int_eq(s->sie_type, type);
  ck_assert_uint_eq(tertial_sie_reader_diagnostic_count(r), 0);
  tertial_sie_reader_free(r);
}

static void read_strict(const char *path, int64_t *psaldo, int64_t *pbudget)
{
  read_strict_type(path, 3, psaldo, pbudget);
}

/* Every unit, account, month of outcome, prior-year outcome and budget agree. */
static void same_numbers(tertial_model *a, int budget_a, tertial_model *b, int budget_b)
{
  const tertial_org *oa = tertial_model_org(a), *ob = tertial_model_org(b);
  const tertial_chart *ca = tertial_model_chart(a), *cb = tertial_model_chart(b);
  ck_assert_uint_eq(tertial_org_unit_count(oa), tertial_org_unit_count(ob));
  size_t nonzero = 0;
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(oa); u++) {
    tertial_unit_id v;
    T_OK(tertial_org_find(&v, ob, tertial_org_unit(oa, u)->code));
    ck_assert_str_eq(tertial_org_unit(oa, u)->name, tertial_org_unit(ob, v)->name);
    ck_assert_int_eq(tertial_org_unit(oa, u)->level, tertial_org_unit(ob, v)->level);
    for (tertial_account_id i = 0; i < tertial_chart_count(ca); i++) {
      const tertial_account *acc = tertial_chart_account(ca, i);
      tertial_account_id j;
      T_OK(tertial_chart_find(&j, cb, acc->number));
      ck_assert_str_eq(acc->name, tertial_chart_account(cb, j)->name);
      ck_assert_int_eq(acc->type, tertial_chart_account(cb, j)->type);
      const int ma[3] = {TERTIAL_MEASURE_OUTCOME, TERTIAL_MEASURE_PRIOR, budget_a};
      const int mb[3] = {TERTIAL_MEASURE_OUTCOME, TERTIAL_MEASURE_PRIOR, budget_b};
      for (int k = 0; k < 3; k++)
        for (int month = 0; month < 12; month++) {
          int64_t x, y;
          T_OK(tertial_ledger_get(&x, tertial_model_ledger(a), u, i, month, ma[k]));
          T_OK(tertial_ledger_get(&y, tertial_model_ledger(b), v, j, month, mb[k]));
          ck_assert_msg(x == y, "%s %s month %d measure %d: %lld written, %lld read back",
                        tertial_org_unit(oa, u)->code, acc->number, month, k, (long long)x, (long long)y);
          nonzero += x != 0;
        }
    }
  }
  ck_assert_uint_gt(nonzero, 0);
}

/* Load a written file into a fresh model of the same year, with the hierarchy of the first. */
static tertial_model *load_back_from(const char *path, tertial_model *original, int *budget,
                                     tertial_sie_source source)
{
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(original);
  tertial_fiscal_year read;
  T_OK(tertial_sie_fiscal_year(&read, path, 0, NULL));
  ck_assert(read.first_year == fy->first_year && read.start_month == fy->start_month);
  tertial_model *m;
  T_OK(tertial_model_new(&m, fy->first_year, fy->start_month));
  char *hierarchy;
  int period;
  T_OK(tertial_fiscal_year_period(&period, fy, 0));
  T_OK(tertial_sie_hierarchy_format(&hierarchy, tertial_model_org(original), period));
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.hierarchy = hierarchy;
  o.budget_name = "Budget"; /* the model's own budget measure */
  o.reader.mode = TERTIAL_SIE_STRICT;
  tertial_sie_load *l;
  T_OK(tertial_sie_load_file(&l, m, path, &o));
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  ck_assert_int_eq(s->outcome_source, source);
  ck_assert_int_eq(s->prior_source, TERTIAL_SIE_SOURCE_PSALDO);
  ck_assert_uint_eq(s->catch_all, TERTIAL_NO_UNIT); /* account totals = the units' sum */
  if (source == TERTIAL_SIE_SOURCE_TRANS)
    ck_assert_int_eq(s->outcome, 0); /* every voucher sums to 0 */
  ck_assert_uint_eq(s->objects_unmatched, 0);
  ck_assert_uint_eq(tertial_sie_load_note_count(l), 0);
  ck_assert_uint_eq(tertial_sie_load_difference_count(l), 0);
  *budget = s->budget_measure < 0 ? tertial_model_current_budget(m) : s->budget_measure;
  tertial_sie_load_free(l);
  tertial_free(hierarchy);
  return m;
}

static tertial_model *load_back(const char *path, tertial_model *original, int *budget)
{
  return load_back_from(path, original, budget, TERTIAL_SIE_SOURCE_PSALDO);
}

/* ---------------------------------------------------------------------------------- */
/* Tests                                                                               */
/* ---------------------------------------------------------------------------------- */

/* The fixture municipality written and read back: the same numbers to the öre. */
START_TEST(test_round_trip)
{
  fixture f;
  fixture_build(&f);
  make_tmpdir();
  char path[128];
  snprintf(path, sizeof path, "%s/budget.se", tmpdir);
  tertial_sie_write_options o = fixed_options();
  tertial_sie_write_summary s;
  T_OK(tertial_sie_write_file(&s, f.model, path, &o));
  ck_assert_uint_eq(s.units, 7);
  ck_assert_uint_eq(s.accounts, 5);
  ck_assert_uint_eq(s.psaldo, 34 + 24); /* (total + unit) per month with amounts */
  ck_assert_uint_eq(s.pbudget, 96);
  ck_assert_int_eq(s.outcome, KR(-1922500 * 4 + 2500000 * 4 + 300000 + 950000 * 4 + 100000 * 4));
  ck_assert_int_eq(s.prior, KR(1000000 * 11 + 800000));
  ck_assert_int_eq(s.budget, KR((-1000000 + 2000000 + 1000000 + 100000) * 12));
  ck_assert_uint_eq(s.replaced, 0);
  struct stat st;
  ck_assert_int_eq(stat(path, &st), 0);
  ck_assert_uint_eq((size_t)st.st_size, s.bytes);

  int64_t psaldo, pbudget;
  read_strict(path, &psaldo, &pbudget);
  ck_assert_int_eq(psaldo, s.outcome + s.prior);
  ck_assert_int_eq(pbudget, s.budget);

  int budget;
  tertial_model *m = load_back(path, f.model, &budget);
  ck_assert_int_eq(budget, tertial_model_current_budget(m));
  same_numbers(f.model, tertial_model_current_budget(f.model), m, budget);
  /* SIE has no internal flag: 6110 comes back as an ordinary account */
  tertial_account_id a;
  T_OK(tertial_chart_find(&a, tertial_model_chart(m), "6110"));
  ck_assert_int_eq(tertial_chart_account(tertial_model_chart(m), a)->internal, 0);

  /* written again over the same path: replaced */
  o.budget_measure = TERTIAL_SIE_NO_BUDGET;
  o.prior = 0;
  T_OK(tertial_sie_write_file(&s, f.model, path, &o));
  ck_assert_uint_eq(s.pbudget, 0);
  ck_assert_uint_eq(s.psaldo, 34);
  ck_assert_int_eq(stat(path, &st), 0);
  ck_assert_uint_eq((size_t)st.st_size, s.bytes);
  tertial_model_free(m);
  remove_tmpdir("budget.se");
  fixture_free(&f);
}
END_TEST

/* A broken fiscal year and a second budget version (a forecast kept at account level). */
START_TEST(test_round_trip_broken_year)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2025, 7));
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id k, a, b;
  T_OK(tertial_org_add_unit(&k, org, "K", "Kommunen", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_org_add_unit(&a, org, "100", "Skola", k, 1, NULL));
  T_OK(tertial_org_add_unit(&b, org, "200", "Vård", k, 1, NULL));
  tertial_account_id r, c;
  T_OK(tertial_chart_add(&r, tertial_model_chart(m), "3011", "Avgifter", TERTIAL_ACCOUNT_REVENUE, 0));
  T_OK(tertial_chart_add(&c, tertial_model_chart(m), "5011", "Löner", TERTIAL_ACCOUNT_COST, 0));
  int forecast;
  T_OK(tertial_ledger_add_measure(&forecast, tertial_model_ledger(m), "Prognos T1"));
  tertial_ledger *l = tertial_model_ledger(m);
  for (int month = 0; month < 12; month++) {
    T_OK(tertial_ledger_add(l, a, c, month, TERTIAL_MEASURE_OUTCOME, 1234567 + month));
    T_OK(tertial_ledger_add(l, b, r, month, TERTIAL_MEASURE_PRIOR, -99 * month));
    T_OK(tertial_ledger_add(l, k, c, month, forecast, 1));
    T_OK(tertial_ledger_add(l, b, c, month, forecast, -1)); /* account totals of 0 */
  }
  make_tmpdir();
  char path[128];
  snprintf(path, sizeof path, "%s/brutet.se", tmpdir);
  tertial_sie_write_options o = fixed_options();
  o.budget_measure = forecast;
  T_OK(tertial_sie_write_file(NULL, m, path, &o));
  int64_t psaldo, pbudget;
  read_strict(path, &psaldo, &pbudget);
  ck_assert_int_eq(pbudget, 0);
  int budget;
  tertial_model *back = load_back(path, m, &budget);
  same_numbers(m, forecast, back, budget);
  tertial_model_free(back);
  remove_tmpdir("brutet.se");
  tertial_model_free(m);
}
END_TEST

/* Type 4: the fixture's outcome as vouchers, checked line by line, and read back cell by cell.
 * Outcome of the fixture (testutil.c), own amounts per month:
 *   Jan, Mar, Apr: 3511 6410 -1 922 500, 4610 6410 2 500 000, 5011 6510 950 000,
 *                  6110 SN 100 000                          -> sum 1 627 500 kr, 4 lines
 *   Feb: the same and 4511 6420 300 000                     -> sum 1 927 500 kr, 5 lines
 * so 4 vouchers, 4 + 5 + 4 + 4 = 17 lines plus 4 balancing lines on 1930 of the root K. */
START_TEST(test_round_trip_type4)
{
  fixture f;
  fixture_build(&f);
  make_tmpdir();
  char path[128];
  snprintf(path, sizeof path, "%s/ver.se", tmpdir);
  tertial_sie_write_options o = fixed_options();
  o.sie_type = 4;
  tertial_sie_write_summary s;
  T_OK(tertial_sie_write_file(&s, f.model, path, &o));
  ck_assert_uint_eq(s.units, 7);
  ck_assert_uint_eq(s.accounts, 6); /* 1930 added */
  ck_assert_uint_eq(s.vouchers, 4);
  ck_assert_uint_eq(s.trans, 17 + 4);
  ck_assert_uint_eq(s.psaldo, 24); /* prior-year outcome only: (total + unit) x 12 */
  ck_assert_uint_eq(s.pbudget, 96);
  ck_assert_int_eq(s.outcome, KR(1627500 * 3 + 1927500));
  ck_assert_int_eq(s.balance, -s.outcome);
  ck_assert_int_eq(s.prior, KR(1000000 * 11 + 800000));

  /* read in strict mode: vouchers balance, #KSUMMA agrees, the lines as computed above */
  int64_t psaldo, pbudget;
  read_strict_type(path, 4, &psaldo, &pbudget);
  ck_assert_int_eq(psaldo, s.prior);
  ck_assert_int_eq(pbudget, s.budget);
  tertial_sie_options ro = TERTIAL_SIE_OPTIONS_INIT;
  ro.mode = TERTIAL_SIE_STRICT;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_file(&r, path, &ro));
  const tertial_sie_record *rec;
  int rc, vers = 0, trans = 0, balancing = 0, kontos = 0;
  int64_t bank[12] = {0}, lines_sum = 0;
  const char *names[4] = {"Utfall januari 2026", "Utfall februari 2026", "Utfall mars 2026", "Utfall april 2026"};
  const int last_day[4] = {31, 28, 31, 30};
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1) {
    if (rec->label == TERTIAL_SIE_KONTO && kontos++ == 0) {
      ck_assert_str_eq(rec->account, "1930"); /* in number order: first */
      ck_assert_str_eq(rec->text, "Bank");
    }
    if (rec->label == TERTIAL_SIE_KTYP && strcmp(rec->account, "1930") == 0)
      ck_assert_str_eq(rec->fields[1], "T");
    ck_assert(rec->label != TERTIAL_SIE_PSALDO || rec->year == -1);
    if (rec->label == TERTIAL_SIE_VER) {
      ck_assert_int_lt(vers, 4);
      ck_assert_str_eq(rec->series, "A");
      ck_assert_int_eq(atoi(rec->voucher_number), vers + 1);
      ck_assert_str_eq(rec->text, names[vers]);
      ck_assert(rec->date.year == 2026 && rec->date.month == vers + 1 && rec->date.day == last_day[vers]);
      vers++;
    }
    if (rec->label == TERTIAL_SIE_TRANS) {
      trans++;
      ck_assert_uint_eq(rec->object_count, 1);
      ck_assert_int_eq(rec->objects[0].dimension, 1);
      if (strcmp(rec->account, "1930") == 0) {
        balancing++;
        ck_assert_str_eq(rec->objects[0].object, "K");
        bank[rec->date.month - 1] += rec->amount;
      } else {
        lines_sum += rec->amount;
      }
    }
  }
  ck_assert_msg(rc == 0, "%s", tertial_error_last());
  tertial_sie_reader_free(r);
  ck_assert_int_eq(vers, 4);
  ck_assert_int_eq(trans, 21);
  ck_assert_int_eq(balancing, 4);
  ck_assert_int_eq(lines_sum, s.outcome);
  const int64_t want_bank[12] = {KR(-1627500), KR(-1927500), KR(-1627500), KR(-1627500)};
  for (int m = 0; m < 12; m++)
    ck_assert_int_eq(bank[m], want_bank[m]);

  /* loaded back from #TRANS: every cell of the original; the balancing amounts on K's 1930 */
  int budget;
  tertial_model *m = load_back_from(path, f.model, &budget, TERTIAL_SIE_SOURCE_TRANS);
  same_numbers(f.model, tertial_model_current_budget(f.model), m, budget);
  tertial_account_id cash;
  T_OK(tertial_chart_find(&cash, tertial_model_chart(m), "1930"));
  ck_assert_int_eq(tertial_chart_account(tertial_model_chart(m), cash)->type, TERTIAL_ACCOUNT_ASSET);
  tertial_unit_id k;
  T_OK(tertial_org_find(&k, tertial_model_org(m), "K"));
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(tertial_model_org(m)); u++)
    for (int month = 0; month < 12; month++) {
      int64_t v;
      T_OK(tertial_ledger_get(&v, tertial_model_ledger(m), u, cash, month, TERTIAL_MEASURE_OUTCOME));
      ck_assert_int_eq(v, u == k ? want_bank[month] : 0);
      T_OK(tertial_ledger_get(&v, tertial_model_ledger(m), u, cash, month, TERTIAL_MEASURE_PRIOR));
      ck_assert_int_eq(v, 0);
    }
  tertial_model_free(m);

  /* no outcome: no vouchers, no balancing account */
  o.outcome = 0;
  T_OK(tertial_sie_write_file(&s, f.model, path, &o));
  ck_assert_uint_eq(s.vouchers, 0);
  ck_assert_uint_eq(s.trans, 0);
  ck_assert_uint_eq(s.accounts, 5);
  remove_tmpdir("ver.se");
  fixture_free(&f);
}
END_TEST

/* Type 4 options: a version-1 struct is written as type 3; the balancing account's checks. */
START_TEST(test_type4_options)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2026, 1));
  tertial_unit_id root, u;
  T_OK(tertial_org_add_unit(&root, tertial_model_org(m), "R", "Rot", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_org_add_unit(&u, tertial_model_org(m), "U", "Enhet", root, 1, NULL));
  tertial_account_id a, cash;
  T_OK(tertial_chart_add(&a, tertial_model_chart(m), "5011", "Löner", TERTIAL_ACCOUNT_COST, 0));
  T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 11, TERTIAL_MEASURE_OUTCOME, 12345));
  T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 10, TERTIAL_MEASURE_OUTCOME, 5));
  T_OK(tertial_ledger_add(tertial_model_ledger(m), root, a, 10, TERTIAL_MEASURE_OUTCOME, -5)); /* sums to 0 */
  char *data = NULL;
  size_t len = 0;
  tertial_sie_write_summary s;

  /* version 1: the fields after `generated` are not read (garbage there is ignored) */
  tertial_sie_write_options o = TERTIAL_SIE_WRITE_OPTIONS_INIT;
  o.version = 1;
  o.sie_type = 77;
  o.balance_account = "x";
  o.prior = 0;
  o.budget_measure = TERTIAL_SIE_NO_BUDGET;
  o.generated = (tertial_date){2026, 12, 31};
  T_OK(tertial_sie_write_buffer(&data, &len, &s, m, &o));
  ck_assert_ptr_nonnull(strstr(data, "\n#SIETYP 3\n"));
  ck_assert_uint_eq(s.vouchers, 0);
  ck_assert_uint_eq(s.psaldo, 2 + 3);
  tertial_free(data);

  /* version 2, type 4 with another balancing account: November has lines but no balancing line */
  o.version = TERTIAL_SIE_WRITE_OPTIONS_VERSION;
  o.sie_type = 4;
  o.balance_account = "2999";
  T_OK(tertial_sie_write_buffer(&data, &len, &s, m, &o));
  ck_assert_uint_eq(s.vouchers, 2);
  ck_assert_uint_eq(s.trans, 2 + 2);
  ck_assert_int_eq(s.balance, -12345);
  ck_assert_uint_eq(s.psaldo, 0);
  ck_assert_ptr_nonnull(strstr(data, "\n#SIETYP 4\n"));
  ck_assert_ptr_nonnull(strstr(data, "\n#KONTO 2999 \"Motkonto\"\n#KTYP 2999 T\n#KONTO 5011 "));
  ck_assert_ptr_nonnull(strstr(data, "\n#VER \"A\" 11 20261130 \"Utfall november 2026\"\n{\n"
                                     "#TRANS 5011 {1 \"R\"} -0.05\n#TRANS 5011 {1 \"U\"} 0.05\n}\n"));
  ck_assert_ptr_nonnull(strstr(data, "\n#VER \"A\" 12 20261231 \"Utfall december 2026\"\n{\n"
                                     "#TRANS 5011 {1 \"U\"} 123.45\n#TRANS 2999 {1 \"R\"} -123.45\n}\n"));
  tertial_free(data);
  data = NULL;

  /* bad values */
  o.sie_type = 5;
  T_ERR(tertial_sie_write_buffer(&data, &len, NULL, m, &o), TERTIAL_ERR_INVALID);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "sie_type 5"));
  o.sie_type = 4;
  o.balance_account = "19 30";
  T_ERR(tertial_sie_write_buffer(&data, &len, NULL, m, &o), TERTIAL_ERR_INVALID);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "\"19 30\""));
  o.balance_account = "5011";
  T_ERR(tertial_sie_write_buffer(&data, &len, NULL, m, &o), TERTIAL_ERR_INVALID);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "5011 is a cost account"));
  /* a balance-sheet account of the chart: used as it is, unless it has outcome */
  T_OK(tertial_chart_add(&cash, tertial_model_chart(m), "1910", "Kassa", TERTIAL_ACCOUNT_ASSET, 0));
  o.balance_account = "1910";
  T_OK(tertial_sie_write_buffer(&data, &len, &s, m, &o));
  ck_assert_uint_eq(s.accounts, 2);
  ck_assert_ptr_nonnull(strstr(data, "\n#KONTO 1910 \"Kassa\"\n#KTYP 1910 T\n#KONTO 5011 "));
  tertial_free(data);
  data = NULL;
  T_OK(tertial_ledger_add(tertial_model_ledger(m), u, cash, 3, TERTIAL_MEASURE_OUTCOME, 1));
  T_ERR(tertial_sie_write_buffer(&data, &len, NULL, m, &o), TERTIAL_ERR_INVALID);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "1910 has outcome of its own (unit U, month 4)"));
  ck_assert_ptr_null(data);
  /* a type-3 file does not look at the balancing account */
  o.sie_type = 3;
  T_OK(tertial_sie_write_buffer(&data, &len, NULL, m, &o));
  tertial_free(data);
  tertial_model_free(m);
}
END_TEST

/* The bytes of a small file, checked by hand: PC8 text, quotes, replacements, #KSUMMA. */
START_TEST(test_bytes)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2026, 1));
  tertial_unit_id u;
  T_OK(tertial_org_add_unit(&u, tertial_model_org(m), "A 1", "Åsa \"Co\"\tö€\\", TERTIAL_NO_UNIT, 0, NULL));
  tertial_account_id a;
  T_OK(tertial_chart_add(&a, tertial_model_chart(m), "3011", "Intäkt", TERTIAL_ACCOUNT_REVENUE, 0));
  T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, TERTIAL_MEASURE_OUTCOME, -150005));
  tertial_sie_write_options o = TERTIAL_SIE_WRITE_OPTIONS_INIT;
  o.generated = (tertial_date){2026, 2, 3};
  o.program = "Test";
  o.prior = 0;
  o.budget_measure = TERTIAL_SIE_NO_BUDGET;
  o.dimension = 20;
  o.dimension_name = "Nivå";
  char *data;
  size_t len;
  tertial_sie_write_summary s;
  T_OK(tertial_sie_write_buffer(&data, &len, &s, m, &o));
  char expected[1024];
  int n = snprintf(expected, sizeof expected,
                   "#FLAGGA 0\n"
                   "#KSUMMA\n"
                   "#PROGRAM \"Test\" \"%s\"\n"
                   "#FORMAT PC8\n"
                   "#GEN 20260203\n"
                   "#SIETYP 3\n"
                   "#FNAMN \"\"\n"
                   "#RAR 0 20260101 20261231\n"
                   "#DIM 20 \"Niv\x86\"\n"
                   "#OBJEKT 20 \"A 1\" \"\x8Fsa \\\"Co\\\" \x94?/\"\n"
                   "#KONTO 3011 \"Int\x84kt\"\n"
                   "#KTYP 3011 I\n"
                   "#PSALDO 0 202601 3011 {} -1500.05\n"
                   "#PSALDO 0 202601 3011 {20 \"A 1\"} -1500.05\n"
                   "#KSUMMA %lu\n",
                   tertial_version(), (unsigned long)s.checksum);
  ck_assert_uint_eq(len, (size_t)n);
  ck_assert_mem_eq(data, expected, len);
  ck_assert_uint_eq(s.replaced, 3); /* TAB -> space, € -> ?, the last backslash -> / */
  ck_assert_uint_eq(s.bytes, len);

  /* The reader agrees on the checksum and reads the text back. */
  tertial_sie_reader *r;
  tertial_sie_options ro = TERTIAL_SIE_OPTIONS_INIT;
  ro.mode = TERTIAL_SIE_STRICT;
  T_OK(tertial_sie_reader_new_memory(&r, data, len, &ro));
  const tertial_sie_record *rec;
  int rc;
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1)
    if (rec->label == TERTIAL_SIE_OBJEKT) {
      ck_assert_str_eq(rec->object, "A 1");
      ck_assert_str_eq(rec->text, "Åsa \"Co\" ö?/");
    }
  ck_assert_int_eq(rc, 0);
  ck_assert_int_eq(tertial_sie_reader_stats(r)->checksum_ok, 1);
  ck_assert_uint_eq(tertial_sie_reader_stats(r)->checksum_stated, s.checksum);
  ck_assert_int_eq(tertial_sie_reader_encoding(r), TERTIAL_SIE_ENCODING_CP437);
  tertial_sie_reader_free(r);
  tertial_free(data);
  tertial_model_free(m);
}
END_TEST

/* Errors: nothing written. */
START_TEST(test_errors)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2026, 1));
  char *data = NULL;
  size_t len = 0;
  tertial_sie_write_options o = TERTIAL_SIE_WRITE_OPTIONS_INIT;
  o.budget_measure = 7;
  T_ERR(tertial_sie_write_buffer(&data, &len, NULL, m, &o), TERTIAL_ERR_NOT_FOUND);
  o.budget_measure = TERTIAL_MEASURE_PRIOR;
  T_ERR(tertial_sie_write_buffer(&data, &len, NULL, m, &o), TERTIAL_ERR_NOT_FOUND);
  o = (tertial_sie_write_options)TERTIAL_SIE_WRITE_OPTIONS_INIT;
  o.version = 0;
  T_ERR(tertial_sie_write_buffer(&data, &len, NULL, m, &o), TERTIAL_ERR_INVALID);
  o = (tertial_sie_write_options)TERTIAL_SIE_WRITE_OPTIONS_INIT;
  o.dimension = -1;
  T_ERR(tertial_sie_write_buffer(&data, &len, NULL, m, &o), TERTIAL_ERR_INVALID);
  T_ERR(tertial_sie_write_buffer(NULL, &len, NULL, m, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_sie_write_buffer(&data, &len, NULL, NULL, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_sie_write_file(NULL, m, NULL, NULL), TERTIAL_ERR_INVALID);
  ck_assert_ptr_null(data);

  T_ERR(tertial_sie_write_file(NULL, m, "/nonexistent-dir/x.se", NULL), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "/nonexistent-dir/x.se"));

  /* A month's account total that does not fit: no file, an existing one kept. */
  tertial_unit_id a, b;
  tertial_account_id acc;
  T_OK(tertial_org_add_unit(&a, tertial_model_org(m), "A", "A", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_org_add_unit(&b, tertial_model_org(m), "B", "B", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_chart_ensure(&acc, tertial_model_chart(m), "4010"));
  make_tmpdir();
  char path[128];
  snprintf(path, sizeof path, "%s/kept.se", tmpdir);
  T_OK(tertial_sie_write_file(NULL, m, path, NULL));
  struct stat before, after;
  ck_assert_int_eq(stat(path, &before), 0);
  T_OK(tertial_ledger_add(tertial_model_ledger(m), a, acc, 2, TERTIAL_MEASURE_OUTCOME, INT64_MAX));
  T_OK(tertial_ledger_add(tertial_model_ledger(m), b, acc, 2, TERTIAL_MEASURE_OUTCOME, 1));
  T_ERR(tertial_sie_write_file(NULL, m, path, NULL), TERTIAL_ERR_OVERFLOW);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "account 4010 in month 3"));
  ck_assert_int_eq(stat(path, &after), 0);
  ck_assert_int_eq(before.st_size, after.st_size);
  remove_tmpdir("kept.se");
  tertial_model_free(m);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("sie_write");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_round_trip);
  tcase_add_test(tc, test_round_trip_broken_year);
  tcase_add_test(tc, test_round_trip_type4);
  tcase_add_test(tc, test_type4_options);
  tcase_add_test(tc, test_bytes);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
