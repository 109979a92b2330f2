/* Tests of loading SIE files into a model (sie_load.h).
 *
 * Fixtures (tests/fixtures/sie/load_*.se, described in LOAD.md there), with expectations
 * worked out by hand from their lines:
 * - load_type4.se: a type 4 file, calendar year 2024, #VER blocks with objects of dimensions 1
 *   and 6, a transaction date in another month than its voucher, #RTRANS/#BTRANS, a voucher of
 *   the year before (prior-year outcome), one of 2022 (not placed), an object that is not in
 *   the hierarchy (7777) and a #PSALDO that is not the chosen source;
 * - load_type3.se: a type 3 file with account-level and per-object #PSALDO and #PBUDGET,
 *   year -1, a period outside its year and a #PBUDGET of the year before;
 * - load_broken.se: a type 2 file of the broken year July 2023 - June 2024;
 * - load_recon.se: a type 4 file whose #TRANS, #PSALDO and #RES disagree on known accounts.
 * The corpus test loads every file of ../shared/corpus/sie and checks what was read against
 * tests/sie_corpus_expected.h (counted from the raw text by tests/sie_oracle.py), that the
 * amounts are accounted for (the identities of tertial_sie_figures) and that the ledger
 * holds what the summary says. */
#define _POSIX_C_SOURCE 200809L /* dirent */

#include "failalloc.h"
#include "failalloc_each.h"
#include "testutil.h"

/* lib/io/sie_load.c: inputs of this size on are read ahead on a second thread; loads of this
 * many cells on have their ledger lines filled on a second thread. */
extern size_t tertial__sie_ahead_min;
extern size_t tertial__sie_fill_min;

#include "sie_corpus_expected.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURES TERTIAL_SOURCE_ROOT "/tests/fixtures/sie/"
#define CORPUS TERTIAL_SOURCE_ROOT "/../shared/corpus/sie"

/* The measure of the loaded budget version in cell tables. */
#define BUDGET (-1)

/* ---------------------------------------------------------------------------------- */
/* Helpers                                                                             */
/* ---------------------------------------------------------------------------------- */

static tertial_sie_load *load_fixture(tertial_model *m, const char *name, const tertial_sie_load_options *o)
{
  char path[512];
  snprintf(path, sizeof path, "%s%s", FIXTURES, name);
  tertial_sie_load *l = NULL;
  T_OK(tertial_sie_load_file(&l, m, path, o));
  ck_assert_ptr_nonnull(l);
  return l;
}

static tertial_unit_id unit(tertial_model *m, const char *code)
{
  tertial_unit_id u = TERTIAL_NO_UNIT;
  T_OK(tertial_org_find(&u, tertial_model_org(m), code));
  return u;
}

/* A buffer of cap bytes for a file a test writes, begun with the head of a type 4 file of 2024
 * with dimension 1; *n: the bytes written. */
static char *generated_file(size_t cap, size_t *n)
{
  char *text = malloc(cap);
  ck_assert_ptr_nonnull(text);
  *n = (size_t)snprintf(text, cap, "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n#DIM 1 \"Ansvar\"\n");
  return text;
}

static int64_t cell(tertial_model *m, const char *code, const char *number, int month, int measure)
{
  tertial_account_id a;
  int64_t v = 0;
  T_OK(tertial_chart_find(&a, tertial_model_chart(m), number));
  T_OK(tertial_ledger_get(&v, tertial_model_ledger(m), unit(m, code), a, month, measure));
  return v;
}

/* Sum (or sum of absolute values) and count of the non-zero amounts booked on units. */
static int64_t booked(tertial_model *m, int measure, int magnitude, size_t *count)
{
  const tertial_org *org = tertial_model_org(m);
  const tertial_chart *chart = tertial_model_chart(m);
  int64_t total = 0;
  size_t n = 0;
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(org); u++)
    for (tertial_account_id a = 0; a < tertial_chart_count(chart); a++)
      for (int month = 0; month < 12; month++) {
        int64_t v;
        T_OK(tertial_ledger_get(&v, tertial_model_ledger(m), u, a, month, measure));
        if (v) {
          total += magnitude && v < 0 ? -v : v;
          n++;
        }
      }
  if (count)
    *count = n;
  return total;
}

typedef struct expected_cell {
  const char *unit, *account;
  int month, measure;
  int64_t amount;
} expected_cell;

/* Every listed cell holds its amount and no other cell of those measures has one. */
static void expect_cells(tertial_model *m, int budget, const expected_cell *cells, size_t n)
{
  size_t per[3] = {0, 0, 0};
  for (size_t i = 0; i < n; i++) {
    const expected_cell *c = &cells[i];
    int measure = c->measure == BUDGET ? budget : c->measure;
    int64_t got = cell(m, c->unit, c->account, c->month, measure);
    ck_assert_msg(got == c->amount, "%s %s month %d measure %d: %lld, expected %lld", c->unit, c->account, c->month,
                  measure, (long long)got, (long long)c->amount);
    per[c->measure == BUDGET ? 2 : c->measure]++;
  }
  size_t count;
  booked(m, TERTIAL_MEASURE_OUTCOME, 0, &count);
  ck_assert_uint_eq(count, per[0]);
  booked(m, TERTIAL_MEASURE_PRIOR, 0, &count);
  ck_assert_uint_eq(count, per[1]);
  if (budget >= 0) {
    booked(m, budget, 0, &count);
    ck_assert_uint_eq(count, per[2]);
  }
}

static tertial_sie_figures figures(const tertial_sie_load *l, tertial_sie_label label)
{
  tertial_sie_figures f;
  T_OK(tertial_sie_load_figures(&f, l, label));
  return f;
}

/* The first note of a kind (about an object, if given). */
static const tertial_sie_note *find_note(const tertial_sie_load *l, tertial_sie_load_problem problem,
                                         const char *object, int measure)
{
  for (size_t i = 0; i < tertial_sie_load_note_count(l); i++) {
    const tertial_sie_note *n = tertial_sie_load_note(l, i);
    if (n->problem == problem && (!object || strcmp(n->object, object) == 0) &&
        (measure == -2 || n->measure == measure))
      return n;
  }
  ck_abort_msg("no note of kind %s", tertial_sie_load_problem_name(problem));
  return NULL;
}

static size_t count_notes(const tertial_sie_load *l, tertial_sie_load_problem problem)
{
  size_t n = 0;
  for (size_t i = 0; i < tertial_sie_load_note_count(l); i++)
    n += tertial_sie_load_note(l, i)->problem == problem;
  return n;
}

/* What every load must satisfy: amounts accounted for, the ledger as the summary says. */
static void check_accounting(tertial_model *m, const tertial_sie_load *l, const char *file)
{
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  const tertial_sie_label labels[] = {TERTIAL_SIE_PSALDO, TERTIAL_SIE_PBUDGET, TERTIAL_SIE_TRANS, TERTIAL_SIE_RTRANS,
                                      TERTIAL_SIE_BTRANS, TERTIAL_SIE_IB,      TERTIAL_SIE_UB,    TERTIAL_SIE_RES,
                                      TERTIAL_SIE_OIB,    TERTIAL_SIE_OUB};
  int64_t loaded = 0, unplaced = 0;
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
    tertial_sie_figures f = figures(l, labels[i]);
    const char *name = tertial_sie_label_name(labels[i]);
    ck_assert_msg(f.read == f.current + f.prior + f.other_years, "%s %s: read = current + prior + other", file, name);
    ck_assert_msg(f.catch_all == 0 || f.loaded != 0 || f.catch_all == f.loaded, "%s %s: catch-all", file, name);
    if (labels[i] == TERTIAL_SIE_PBUDGET || labels[i] == TERTIAL_SIE_PSALDO || labels[i] == TERTIAL_SIE_TRANS ||
        labels[i] == TERTIAL_SIE_RTRANS) {
      /* every amount read is loaded, represented by another record, or counted as unplaced */
      ck_assert_msg(f.read == f.loaded + f.covered + f.not_chosen + f.unplaced,
                    "%s %s: read %lld != loaded %lld + covered %lld + not chosen %lld + unplaced %lld", file, name,
                    (long long)f.read, (long long)f.loaded, (long long)f.covered, (long long)f.not_chosen,
                    (long long)f.unplaced);
      unplaced += f.unplaced;
    } else
      ck_assert_msg(f.loaded == 0 && f.covered == 0 && f.not_chosen == 0, "%s %s: not loaded", file, name);
    if (labels[i] != TERTIAL_SIE_PBUDGET)
      loaded += f.loaded;
  }
  ck_assert_msg(loaded == s->outcome + s->prior, "%s: figures %lld, summary %lld", file, (long long)loaded,
                (long long)(s->outcome + s->prior));
  ck_assert_int_eq(s->unplaced, unplaced);
  ck_assert_int_eq(figures(l, TERTIAL_SIE_PBUDGET).loaded, s->budget);
  ck_assert_msg(booked(m, TERTIAL_MEASURE_OUTCOME, 0, NULL) == s->outcome, "%s: outcome in the ledger", file);
  ck_assert_msg(booked(m, TERTIAL_MEASURE_PRIOR, 0, NULL) == s->prior, "%s: prior in the ledger", file);
  if (s->budget_measure >= 0)
    ck_assert_msg(booked(m, s->budget_measure, 0, NULL) == s->budget, "%s: budget in the ledger", file);
  if (s->catch_all != TERTIAL_NO_UNIT) {
    int64_t v;
    T_OK(tertial_ledger_total(&v, tertial_model_ledger(m), s->catch_all, TERTIAL_ALL_ACCOUNTS,
                              TERTIAL_MEASURE_OUTCOME, 0, 11));
    ck_assert_msg(v == s->catch_all_outcome, "%s: catch-all outcome %lld, summary %lld", file, (long long)v,
                  (long long)s->catch_all_outcome);
  } else {
    ck_assert(s->catch_all_outcome == 0 && s->catch_all_prior == 0 && s->catch_all_budget == 0);
  }
}

static const char *HIERARCHY = "# code;parent;name;level\n"
                               "6410;IFO;;5\n"
                               "SN;;Socialnämnden;nämnd\n"
                               "\n"
                               "  IFO ; SN ; Individ- och familjeomsorg ; 4 \n"
                               "6420;IFO;;enhet\n"
                               "AO;SN;Äldreomsorg;verksamhet\n"
                               "6510;AO;;\n";

/* ---------------------------------------------------------------------------------- */
/* Fixtures                                                                            */
/* ---------------------------------------------------------------------------------- */

/* A type 4 file: #VER/#TRANS by transaction date, objects, the hierarchy text, the catch-all. */
START_TEST(test_type4_vouchers)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2024, 1));
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.hierarchy = HIERARCHY;
  tertial_sie_load *l = load_fixture(m, "load_type4.se", &o);
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  ck_assert_int_eq(s->sie_type, 4);
  ck_assert_str_eq(s->company, "Exempelkommun");
  ck_assert_str_eq(s->orgnr, "212000-0000");
  ck_assert_str_eq(s->program, "Tertial test");
  ck_assert_str_eq(s->program_version, "1.0");
  ck_assert_str_eq(s->chart_type, "BAS2000");
  ck_assert_str_eq(s->currency, "SEK");
  ck_assert(s->generated.year == 2025 && s->generated.month == 1 && s->generated.day == 10);
  ck_assert_int_eq(s->encoding, TERTIAL_SIE_ENCODING_CP437);
  ck_assert_uint_eq(s->fiscal_year_line, 8);
  ck_assert_int_eq(s->outcome_source, TERTIAL_SIE_SOURCE_TRANS);
  ck_assert_int_eq(s->prior_source, TERTIAL_SIE_SOURCE_TRANS);
  ck_assert_uint_eq(s->accounts_added, 4);
  ck_assert_uint_eq(s->accounts_existing, 0);
  ck_assert_uint_eq(s->units_matched, 3);     /* 6410, 6420, 6510 from the hierarchy text */
  ck_assert_uint_eq(s->objects_unmatched, 1); /* 7777 */
  ck_assert_uint_eq(s->units_added, 8);       /* 6 from the text, SIE, 7777 */
  ck_assert_uint_eq(s->dimensions, 2);
  ck_assert_uint_eq(s->objects, 5);
  ck_assert_int_eq(s->budget_measure, -1);
  ck_assert_uint_eq(s->reader.vouchers, 7);

  /* The organisation: the text's tree, the catch-all under the only root, 7777 under it. */
  tertial_org *org = tertial_model_org(m);
  ck_assert_uint_eq(tertial_org_unit_count(org), 8);
  ck_assert_str_eq(tertial_org_unit(org, unit(m, "6420"))->name, "Försörjningsstöd"); /* from #OBJEKT (PC8) */
  ck_assert_str_eq(tertial_org_unit(org, unit(m, "SN"))->name, "Socialnämnden");
  ck_assert_str_eq(tertial_org_unit(org, unit(m, "IFO"))->name, "Individ- och familjeomsorg");
  ck_assert_int_eq(tertial_org_unit(org, unit(m, "SN"))->level, 1);
  ck_assert_int_eq(tertial_org_unit(org, unit(m, "IFO"))->level, 4);
  ck_assert_int_eq(tertial_org_unit(org, unit(m, "6510"))->level, 5);
  ck_assert_uint_eq(s->catch_all, unit(m, "SIE"));
  ck_assert_str_eq(tertial_org_unit(org, s->catch_all)->name, "Ej placerat (SIE)");
  tertial_unit_id parent;
  T_OK(tertial_org_parent(&parent, org, s->catch_all, 202401));
  ck_assert_uint_eq(parent, unit(m, "SN"));
  T_OK(tertial_org_parent(&parent, org, unit(m, "7777"), 202401));
  ck_assert_uint_eq(parent, s->catch_all);
  ck_assert_str_eq(tertial_org_unit(org, unit(m, "7777"))->name, "Okänd enhet");

  /* Accounts with #KTYP. */
  tertial_chart *chart = tertial_model_chart(m);
  tertial_account_id a;
  T_OK(tertial_chart_find(&a, chart, "3011"));
  ck_assert_int_eq(tertial_chart_account(chart, a)->type, TERTIAL_ACCOUNT_REVENUE);
  ck_assert_str_eq(tertial_chart_account(chart, a)->name, "Taxor");
  T_OK(tertial_chart_find(&a, chart, "1930"));
  ck_assert_int_eq(tertial_chart_account(chart, a)->type, TERTIAL_ACCOUNT_ASSET);

  /* Amounts by transaction date; #RTRANS counts, its repeating #TRANS and #BTRANS do not;
   * 2023 is prior-year outcome, 2022 is not placed. */
  static const expected_cell cells[] = {
    {"6410", "4610", 0, 0, 100000},  {"6420", "3011", 1, 0, -50000}, {"6510", "5011", 3, 0, 200000},
    {"SIE", "1930", 0, 0, -100000},  {"SIE", "1930", 1, 0, 50000},   {"SIE", "1930", 2, 0, -200000},
    {"SIE", "1930", 3, 0, -50000},   {"SIE", "1930", 4, 0, -10000},  {"SIE", "4610", 3, 0, 20000},
    {"7777", "4610", 3, 0, 30000},   {"6420", "4610", 4, 0, 10000},  {"6510", "5011", 11, 1, 150000},
    {"SIE", "1930", 11, 1, -150000},
  };
  expect_cells(m, -1, cells, sizeof cells / sizeof cells[0]);

  tertial_sie_figures f = figures(l, TERTIAL_SIE_TRANS);
  ck_assert_uint_eq(f.records, 15);
  ck_assert_int_eq(f.covered, 10000); /* the #TRANS repeating the #RTRANS */
  ck_assert_int_eq(f.loaded, -10000);
  ck_assert_int_eq(f.other_years, 0); /* 50.00 - 50.00 of 2022 */
  ck_assert_int_eq(f.unplaced, 0);
  f = figures(l, TERTIAL_SIE_RTRANS);
  ck_assert(f.records == 1 && f.loaded == 10000 && f.catch_all == 0);
  f = figures(l, TERTIAL_SIE_BTRANS);
  ck_assert(f.records == 1 && f.read == 10000 && f.loaded == 0);
  f = figures(l, TERTIAL_SIE_PSALDO);
  ck_assert(f.records == 1 && f.current == 100000 && f.not_chosen == 100000 && f.loaded == 0);
  ck_assert_int_eq(s->outcome, 0);
  ck_assert_int_eq(s->catch_all_outcome, -290000 + 30000);
  ck_assert_int_eq(s->catch_all_prior, -150000);

  /* Notes: the 2022 lines, the source not chosen, the catch-all's amounts. */
  ck_assert_uint_eq(count_notes(l, TERTIAL_SIE_LOAD_OUTSIDE_YEAR), 2);
  const tertial_sie_note *n = find_note(l, TERTIAL_SIE_LOAD_OUTSIDE_YEAR, NULL, -2);
  ck_assert_uint_eq(n->line, 63);
  ck_assert_str_eq(n->account, "4610");
  ck_assert_int_eq(n->amount, 5000);
  ck_assert_ptr_nonnull(strstr(n->message, "load_type4.se:63: #TRANS 50.00 kr on account 4610 dated 2022-01-10"));
  n = find_note(l, TERTIAL_SIE_LOAD_NOT_CHOSEN, NULL, TERTIAL_MEASURE_OUTCOME);
  ck_assert(n->label == TERTIAL_SIE_PSALDO && n->amount == 100000 && n->line == 0);
  n = find_note(l, TERTIAL_SIE_LOAD_UNKNOWN_OBJECT, "7777", TERTIAL_MEASURE_OUTCOME);
  ck_assert_int_eq(n->amount, 30000);
  ck_assert_ptr_nonnull(strstr(n->message, "object \"7777\" of dimension 1 is no unit: added under SIE with 300.00"));
  n = find_note(l, TERTIAL_SIE_LOAD_NO_OBJECT, NULL, TERTIAL_MEASURE_OUTCOME);
  ck_assert_int_eq(n->amount, -290000);
  n = find_note(l, TERTIAL_SIE_LOAD_NO_OBJECT, NULL, TERTIAL_MEASURE_PRIOR);
  ck_assert_int_eq(n->amount, -150000);
  ck_assert_uint_eq(tertial_sie_load_note_count(l), 6);
  ck_assert_uint_eq(tertial_sie_load_diagnostic_count(l), 0);
  check_accounting(m, l, "load_type4.se");
  tertial_sie_load_free(l);
  tertial_model_free(m);
}
END_TEST

/* The catch-all's code, name and parent from the options; another dimension as units. */
START_TEST(test_catch_all_options)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2024, 1));
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id k, x;
  T_OK(tertial_org_add_unit(&k, org, "K", "Kommun", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_org_add_unit(&x, org, "X", "Annan rot", TERTIAL_NO_UNIT, 0, NULL));
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.unit_dimension = 6;
  o.catch_all_code = "OKAND";
  o.catch_all_name = "Okänt projekt";
  o.catch_all_parent = "X";
  tertial_sie_load *l = load_fixture(m, "load_type4.se", &o);
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  ck_assert_uint_eq(s->catch_all, unit(m, "OKAND"));
  ck_assert_str_eq(tertial_org_unit(org, s->catch_all)->name, "Okänt projekt");
  tertial_unit_id parent;
  T_OK(tertial_org_parent(&parent, org, s->catch_all, 202401));
  ck_assert_uint_eq(parent, x);
  ck_assert_uint_eq(s->objects_unmatched, 1); /* P1 */
  ck_assert_int_eq(cell(m, "P1", "3011", 1, 0), -50000);
  ck_assert_int_eq(cell(m, "P1", "4610", 3, 0), 20000);
  ck_assert_int_eq(cell(m, "OKAND", "4610", 3, 0), 30000); /* 7777 is dimension 1 now: no unit */
  check_accounting(m, l, "load_type4.se");
  tertial_sie_load_free(l);

  /* Without a parent the catch-all becomes a root when there are several. */
  tertial_model *m2;
  T_OK(tertial_model_new(&m2, 2024, 1));
  T_OK(tertial_org_add_unit(NULL, tertial_model_org(m2), "K", "Kommun", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_org_add_unit(NULL, tertial_model_org(m2), "X", "Annan rot", TERTIAL_NO_UNIT, 0, NULL));
  l = load_fixture(m2, "load_type4.se", NULL);
  T_OK(tertial_org_parent(&parent, tertial_model_org(m2), tertial_sie_load_summary(l)->catch_all, 202401));
  ck_assert_uint_eq(parent, TERTIAL_NO_UNIT);
  tertial_sie_load_free(l);
  tertial_model_free(m2);
  tertial_model_free(m);
}
END_TEST

/* A type 3 file: account totals and per-object records counted once; the budget version. */
START_TEST(test_type3_objects)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2024, 1));
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id k;
  T_OK(tertial_org_add_unit(&k, org, "K", "Kommun", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_org_add_unit(NULL, org, "6410", "HVB", k, 5, NULL));
  T_OK(tertial_org_add_unit(NULL, org, "6420", "FS", k, 5, NULL));
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.budget_name = "Budget 2024";
  tertial_sie_load *l = load_fixture(m, "load_type3.se", &o);
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  ck_assert_int_eq(s->outcome_source, TERTIAL_SIE_SOURCE_PSALDO);
  ck_assert_int_eq(s->prior_source, TERTIAL_SIE_SOURCE_PSALDO);
  ck_assert_uint_eq(s->units_matched, 2);
  ck_assert_uint_eq(s->objects_unmatched, 0);
  ck_assert_uint_eq(s->units_added, 1); /* the catch-all, under K */
  ck_assert_str_eq(tertial_org_unit(org, 0)->name, "Kommun"); /* kept */
  int budget = s->budget_measure;
  tertial_budget_version v;
  T_OK(tertial_budget_version_of(&v, m, budget));
  ck_assert_str_eq(v.name, "Budget 2024");
  ck_assert_int_eq(v.kind, TERTIAL_BUDGET_ADOPTED);

  /* January 5011: total 1000, 6410 600, 6420 300 -> 100 on the catch-all; P1 250 is a
   * breakdown by project. February: no total, so 6410 700 and P1 50 (on the catch-all). */
  static const expected_cell cells[] = {
    {"6410", "5011", 0, 0, 60000},      {"6420", "5011", 0, 0, 30000},      {"SIE", "5011", 0, 0, 10000},
    {"6410", "5011", 1, 0, 70000},      {"SIE", "5011", 1, 0, 5000},        {"SIE", "3011", 1, 0, -40000},
    {"6410", "5011", 11, 1, 80000},     {"6410", "5011", 0, BUDGET, 70000}, {"6420", "5011", 0, BUDGET, 50000},
    {"6410", "5011", 1, BUDGET, 70000},
  };
  expect_cells(m, budget, cells, sizeof cells / sizeof cells[0]);
  ck_assert_int_eq(s->outcome, 135000);
  ck_assert_int_eq(s->prior, 80000);
  ck_assert_int_eq(s->budget, 190000);
  ck_assert_int_eq(s->catch_all_outcome, -25000);

  tertial_sie_figures f = figures(l, TERTIAL_SIE_PSALDO);
  ck_assert_uint_eq(f.records, 10);
  ck_assert_int_eq(f.read, 419900);
  ck_assert_int_eq(f.current, 259900);
  ck_assert_int_eq(f.prior, 160000);
  ck_assert_int_eq(f.loaded, 215000);
  ck_assert_int_eq(f.covered, 195000); /* January 600 + 300 + 250, December 2023 800 */
  ck_assert_int_eq(f.unplaced, 9900);  /* period 202301 under year 0, whose #RAR is 2024 */
  ck_assert_int_eq(f.catch_all, -25000);
  f = figures(l, TERTIAL_SIE_PBUDGET);
  ck_assert(f.records == 5 && f.read == 310500 && f.current == 310000 && f.prior == 500);
  ck_assert(f.loaded == 190000 && f.covered == 120000 && f.unplaced == 500 && f.catch_all == 0);
  ck_assert_int_eq(s->unplaced, 9900 + 500); /* and the budget of 2023: noted, not lost */
  ck_assert_uint_eq(s->problems, 3); /* the reader's "period outside its year" and the two notes below */

  /* #PSALDO 0 of period 202301, outside the #RAR 0: not placed (files repeat records under
   * another year number with the same periods: placing them by period would count them twice) */
  const tertial_sie_note *n = find_note(l, TERTIAL_SIE_LOAD_OUTSIDE_YEAR, NULL, -2);
  ck_assert(n->line == 27 && n->amount == 9900 && n->period == 202301 && n->year == 0 && n->is_problem);
  ck_assert_ptr_nonnull(strstr(n->message, "load_type3.se:27: #PSALDO 99.00 kr on account 5011 not loaded: period "
                                           "202301 is outside year 0"));
  n = find_note(l, TERTIAL_SIE_LOAD_OTHER_YEAR, NULL, -2);
  ck_assert(n->line == 32 && n->amount == 500 && n->year == -1 && n->label == TERTIAL_SIE_PBUDGET && n->is_problem);
  ck_assert_ptr_nonnull(strstr(n->message, "#PBUDGET of year -1 (1 records from this line on, 5.00 kr) not loaded"));
  n = find_note(l, TERTIAL_SIE_LOAD_NO_OBJECT, NULL, TERTIAL_MEASURE_OUTCOME);
  ck_assert(n->amount == -25000 && !n->is_problem);
  ck_assert_uint_eq(tertial_sie_load_note_count(l), 3);
  /* what a fresh model had in the months the file holds: nothing */
  ck_assert_uint_eq(s->outcome_months, 0x3);
  ck_assert_uint_eq(s->prior_months, 0x800);
  ck_assert_uint_eq(s->budget_months, 0x3);
  ck_assert(s->outcome_before == 0 && s->outcome_after == 135000 && s->budget_after == 190000);
  check_accounting(m, l, "load_type3.se");
  tertial_sie_load_free(l);

  /* Loading the file again replaces its months: outcome and budget once, not twice. */
  l = load_fixture(m, "load_type3.se", &o);
  s = tertial_sie_load_summary(l);
  ck_assert_int_eq(s->budget_measure, budget);
  expect_cells(m, budget, cells, sizeof cells / sizeof cells[0]);
  ck_assert(s->outcome_months == 0x3 && s->outcome_before == 135000 && s->outcome_after == 135000);
  ck_assert(s->budget_months == 0x3 && s->budget_before == 190000 && s->budget_after == 190000);
  ck_assert(s->prior_before == 80000 && s->prior_after == 80000);
  ck_assert_uint_eq(s->units_added, 0);
  ck_assert_uint_eq(s->accounts_existing, 2);
  tertial_sie_load_free(l);

  /* Adding instead (files of the same months loaded in separate calls): the amounts add up. */
  o.add_outcome_months = o.add_prior_months = o.add_budget_months = TERTIAL_SIE_ALL_MONTHS;
  l = load_fixture(m, "load_type3.se", &o);
  s = tertial_sie_load_summary(l);
  ck_assert(s->outcome_months == 0 && s->budget_months == 0 && s->prior_months == 0);
  ck_assert_int_eq(cell(m, "6410", "5011", 0, budget), 140000);
  ck_assert_int_eq(cell(m, "SIE", "5011", 0, 0), 20000);
  ck_assert_int_eq(cell(m, "6410", "5011", 11, 1), 160000);
  tertial_sie_load_free(l);
  tertial_model_free(m);
}
END_TEST

/* The same file read as parts: every record counts once. */
START_TEST(test_type3_partition)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2024, 1));
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.object_rows = TERTIAL_SIE_ROWS_PARTITION;
  tertial_sie_load *l = load_fixture(m, "load_type3.se", &o);
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  static const expected_cell cells[] = {
    {"6410", "5011", 0, 0, 60000},       {"6420", "5011", 0, 0, 30000},     {"SIE", "5011", 0, 0, 125000},
    {"6410", "5011", 1, 0, 70000},       {"SIE", "5011", 1, 0, 5000},       {"SIE", "3011", 1, 0, -40000},
    {"6410", "5011", 11, 1, 80000},      {"SIE", "5011", 11, 1, 80000},     {"6410", "5011", 0, BUDGET, 70000},
    {"6420", "5011", 0, BUDGET, 50000},  {"SIE", "5011", 0, BUDGET, 120000}, {"6410", "5011", 1, BUDGET, 70000},
  };
  expect_cells(m, s->budget_measure, cells, sizeof cells / sizeof cells[0]);
  tertial_sie_figures f = figures(l, TERTIAL_SIE_PSALDO);
  ck_assert(f.loaded == 410000 && f.covered == 0 && f.unplaced == 9900);
  ck_assert_uint_eq(s->objects_unmatched, 2); /* a fresh model: both objects under the catch-all */
  check_accounting(m, l, "load_type3.se");
  tertial_sie_load_free(l);
  tertial_model_free(m);
}
END_TEST

/* A broken fiscal year, July-June; a model of another year is refused and left unchanged. */
START_TEST(test_broken_year)
{
  tertial_fiscal_year fy;
  T_OK(tertial_sie_fiscal_year(&fy, FIXTURES "load_broken.se", 0, NULL));
  ck_assert(fy.first_year == 2023 && fy.start_month == 7);
  T_OK(tertial_sie_fiscal_year(&fy, FIXTURES "load_broken.se", -1, NULL));
  ck_assert(fy.first_year == 2022 && fy.start_month == 7);
  T_ERR(tertial_sie_fiscal_year(&fy, FIXTURES "load_broken.se", -2, NULL), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_sie_fiscal_year(&fy, FIXTURES "no_such_file.se", 0, NULL), TERTIAL_ERR_IO);

  tertial_model *m;
  T_OK(tertial_model_new(&m, 2023, 7));
  tertial_sie_load *l = load_fixture(m, "load_broken.se", NULL);
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  ck_assert_uint_eq(s->fiscal_year_line, 7);
  static const expected_cell cells[] = {
    {"SIE", "5011", 0, 0, 10000},     {"SIE", "5011", 5, 0, 20000},      {"SIE", "5011", 6, 0, 30000},
    {"SIE", "3011", 11, 0, -40000},   {"SIE", "5011", 0, 1, 1000},       {"SIE", "5011", 5, 1, 2000},
    {"SIE", "5011", 11, 1, 3000},     {"SIE", "5011", 6, BUDGET, 25000}, {"SIE", "5011", 11, BUDGET, 35000},
  };
  expect_cells(m, s->budget_measure, cells, sizeof cells / sizeof cells[0]);
  int measure;
  T_OK(tertial_ledger_find_measure(&measure, tertial_model_ledger(m), "Budget SIE"));
  ck_assert_int_eq(measure, s->budget_measure);
  /* accounts without #KTYP get the default type */
  tertial_account_id a;
  T_OK(tertial_chart_find(&a, tertial_model_chart(m), "3011"));
  ck_assert_int_eq(tertial_chart_account(tertial_model_chart(m), a)->type, TERTIAL_ACCOUNT_REVENUE);
  check_accounting(m, l, "load_broken.se");
  tertial_sie_load_free(l);
  tertial_model_free(m);

  T_OK(tertial_model_new(&m, 2024, 1));
  l = (tertial_sie_load *)1;
  T_ERR(tertial_sie_load_file(&l, m, FIXTURES "load_broken.se", NULL), TERTIAL_ERR_STATE);
  ck_assert_ptr_null(l);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "load_broken.se:7: #RAR 0 is 2023-07-01 to 2024-06-30 but the "
                                                     "model's fiscal year is 2024-01-01 to 2024-12-31"));
  ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 0);
  ck_assert_uint_eq(tertial_org_unit_count(tertial_model_org(m)), 0);
  ck_assert_uint_eq(tertial_ledger_measure_count(tertial_model_ledger(m)), 3);
  tertial_model_free(m);
}
END_TEST

/* Year -1 as the loaded year: its #PSALDO is outcome, the budget of year -1 the version. */
START_TEST(test_year_option)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2023, 1));
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.year = -1;
  tertial_sie_load *l = load_fixture(m, "load_type3.se", &o);
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  ck_assert_uint_eq(s->fiscal_year_line, 8);
  static const expected_cell cells[] = {
    {"6410", "5011", 11, 0, 80000},
    {"SIE", "5011", 0, BUDGET, 500},
  };
  expect_cells(m, s->budget_measure, cells, sizeof cells / sizeof cells[0]);
  tertial_sie_figures f = figures(l, TERTIAL_SIE_PSALDO);
  ck_assert(f.current == 160000 && f.prior == 0 && f.other_years == 259900 && f.loaded == 80000);
  ck_assert_int_eq(f.unplaced, 259900); /* year 0 is the year after: noted, not loaded */
  ck_assert_uint_eq(count_notes(l, TERTIAL_SIE_LOAD_OUTSIDE_YEAR), 0);
  ck_assert_uint_eq(count_notes(l, TERTIAL_SIE_LOAD_OTHER_YEAR), 2); /* #PSALDO 0 and #PBUDGET 0 */
  ck_assert_int_eq(find_note(l, TERTIAL_SIE_LOAD_OTHER_YEAR, NULL, -2)->amount, 259900);
  check_accounting(m, l, "load_type3.se");
  tertial_sie_load_free(l);
  tertial_model_free(m);
}
END_TEST

/* Reconciliation: Σ #TRANS vs Σ #PSALDO vs #RES (#UB - #IB) per year and account. */
START_TEST(test_reconciliation)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2024, 1));
  tertial_sie_load *l = load_fixture(m, "load_recon.se", NULL);
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  /* type 4: #TRANS for 2024; 2023 has no #TRANS, so its #PSALDO is the prior-year outcome */
  ck_assert_int_eq(s->outcome_source, TERTIAL_SIE_SOURCE_TRANS);
  ck_assert_int_eq(s->prior_source, TERTIAL_SIE_SOURCE_PSALDO);
  ck_assert_int_eq(cell(m, "SIE", "3011", 5, TERTIAL_MEASURE_PRIOR), -10000);
  ck_assert_int_eq(cell(m, "SIE", "3011", 6, TERTIAL_MEASURE_PRIOR), -2000);
  ck_assert_int_eq(cell(m, "SIE", "1930", 0, TERTIAL_MEASURE_OUTCOME), 30000);
  ck_assert_int_eq(figures(l, TERTIAL_SIE_PSALDO).not_chosen, 0); /* 400 - 900 + 500 */

  ck_assert_uint_eq(tertial_sie_load_compared_count(l), 5); /* 2024: 1930 3011 5011 6110; 2023: 3011 */
  ck_assert_uint_eq(tertial_sie_load_difference_count(l), 4);
  static const struct {
    int year;
    const char *account;
    unsigned compared, present;
    int64_t trans, psaldo, yearly;
  } want[] = {
    {0, "1930", 7, 7, 30000, 40000, 30000},   /* #UB - #IB = 300 */
    {0, "5011", 7, 7, 60000, 50000, 60000},
    {0, "6110", 7, 4, 0, 0, 25000},           /* a #RES with no transactions */
    {-1, "3011", 6, 6, 0, -12000, -10000},
  };
  for (size_t i = 0; i < 4; i++) {
    const tertial_sie_difference *d = tertial_sie_load_difference(l, i);
    ck_assert_int_eq(d->year, want[i].year);
    ck_assert_str_eq(d->account, want[i].account);
    ck_assert_uint_eq(d->compared, want[i].compared);
    ck_assert_uint_eq(d->present, want[i].present);
    ck_assert_int_eq(d->trans, want[i].trans);
    ck_assert_int_eq(d->psaldo, want[i].psaldo);
    ck_assert_int_eq(d->yearly, want[i].yearly);
  }
  ck_assert_ptr_null(tertial_sie_load_difference(l, 4));
  check_accounting(m, l, "load_recon.se");
  tertial_sie_load_free(l);
  tertial_model_free(m);
}
END_TEST

/* The hierarchy text: parse, errors, format and back. */
START_TEST(test_hierarchy)
{
  tertial_org *org;
  T_OK(tertial_org_new(&org));
  T_OK(tertial_sie_hierarchy_parse(org, HIERARCHY, "h.txt"));
  ck_assert_uint_eq(tertial_org_unit_count(org), 6);
  tertial_unit_id u, p;
  T_OK(tertial_org_find(&u, org, "6410"));
  ck_assert_str_eq(tertial_org_unit(org, u)->name, "6410"); /* no #OBJEKT to name it */
  ck_assert_int_eq(tertial_org_unit(org, u)->level, 5);
  T_OK(tertial_org_parent(&p, org, u, 202601));
  ck_assert_str_eq(tertial_org_unit(org, p)->code, "IFO");
  T_OK(tertial_org_find(&u, org, "6510"));
  ck_assert_int_eq(tertial_org_unit(org, u)->level, 5); /* one below AO (verksamhet = 4) */

  /* again: units it has with the same parent are skipped */
  T_OK(tertial_sie_hierarchy_parse(org, "6410;IFO;x;5\n7000;6410;Ny;\n", "h.txt"));
  ck_assert_uint_eq(tertial_org_unit_count(org), 7);
  T_OK(tertial_org_find(&u, org, "7000"));
  ck_assert_int_eq(tertial_org_unit(org, u)->level, 5); /* the last level at most */

  static const struct {
    const char *text;
    int code;
    const char *message;
  } bad[] = {
    {"A;;Name\n", TERTIAL_ERR_PARSE, "h.txt:1: expected code;parent;name;level"},
    {"\n;;Name;0\n", TERTIAL_ERR_PARSE, "h.txt:2: expected a unit code"},
    {"A;B;a;0\nB;A;b;0\n", TERTIAL_ERR_PARSE, "h.txt:1: unit \"A\" is part of a cycle"},
    {"A;NOPE;a;0\n", TERTIAL_ERR_PARSE, "h.txt:1: parent \"NOPE\" is no unit"},
    {"A;;a;0\nA;;b;0\n", TERTIAL_ERR_PARSE, "h.txt:2: unit \"A\" is already given on line 1"},
    {"A;;a;kommunen\n", TERTIAL_ERR_PARSE, "h.txt:1: expected a level index below 6 or a level name"},
    {"A;;a;6\n", TERTIAL_ERR_PARSE, "h.txt:1: expected a level index"},
    {"B;;b;0\n6410;SN;x;5\n", TERTIAL_ERR_EXISTS, "h.txt:2: unit \"6410\" exists with another parent"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    T_ERR(tertial_sie_hierarchy_parse(org, bad[i].text, "h.txt"), bad[i].code);
    ck_assert_msg(strstr(tertial_error_last(), bad[i].message), "%zu: %s", i, tertial_error_last());
    ck_assert_uint_eq(tertial_org_unit_count(org), 7); /* nothing added */
  }
  T_ERR(tertial_sie_hierarchy_parse(NULL, "", "x"), TERTIAL_ERR_INVALID);

  /* format and back: the same tree */
  char *text;
  T_OK(tertial_sie_hierarchy_format(&text, org, 202601));
  ck_assert_ptr_nonnull(strstr(text, "SN;;Socialnämnden;1\n"));
  ck_assert_ptr_nonnull(strstr(text, "IFO;SN;Individ- och familjeomsorg;4\n"));
  tertial_org *copy;
  T_OK(tertial_org_new(&copy));
  T_OK(tertial_sie_hierarchy_parse(copy, text, "copy"));
  ck_assert_uint_eq(tertial_org_unit_count(copy), tertial_org_unit_count(org));
  for (tertial_unit_id i = 0; i < tertial_org_unit_count(org); i++) {
    const tertial_unit *a = tertial_org_unit(org, i);
    tertial_unit_id j, pa, pb;
    T_OK(tertial_org_find(&j, copy, a->code));
    const tertial_unit *b = tertial_org_unit(copy, j);
    ck_assert_str_eq(a->name, b->name);
    ck_assert_int_eq(a->level, b->level);
    T_OK(tertial_org_parent(&pa, org, i, 202601));
    T_OK(tertial_org_parent(&pb, copy, j, 202601));
    ck_assert_str_eq(pa == TERTIAL_NO_UNIT ? "" : tertial_org_unit(org, pa)->code,
                     pb == TERTIAL_NO_UNIT ? "" : tertial_org_unit(copy, pb)->code);
  }
  tertial_free(text);
  T_OK(tertial_org_add_unit(NULL, copy, "A;B", "x", TERTIAL_NO_UNIT, 0, NULL));
  T_ERR(tertial_sie_hierarchy_format(&text, copy, 202601), TERTIAL_ERR_STATE);
  tertial_org_free(copy);
  tertial_org_free(org);
}
END_TEST

/* Strict mode, bad options and sums that do not fit: errors, and the model unchanged. */
START_TEST(test_errors)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2024, 1));
  tertial_sie_load *l = NULL;
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.reader.mode = TERTIAL_SIE_STRICT;
  T_ERR(tertial_sie_load_file(&l, m, FIXTURES "quirks.se", &o), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "quirks.se:"));
  ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 0);
  ck_assert_uint_eq(tertial_org_unit_count(tertial_model_org(m)), 0);
  T_ERR(tertial_sie_load_file(&l, m, FIXTURES "no_such_file.se", NULL), TERTIAL_ERR_IO);

  T_ERR(tertial_sie_load_file(NULL, m, FIXTURES "load_type3.se", NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_sie_load_file(&l, NULL, FIXTURES "load_type3.se", NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_sie_load_file(&l, m, NULL, NULL), TERTIAL_ERR_INVALID);
  o = (tertial_sie_load_options)TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.version = 99;
  T_ERR(tertial_sie_load_file(&l, m, FIXTURES "load_type3.se", &o), TERTIAL_ERR_INVALID);
  o = (tertial_sie_load_options)TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.unit_dimension = -3;
  T_ERR(tertial_sie_load_file(&l, m, FIXTURES "load_type3.se", &o), TERTIAL_ERR_INVALID);

  o = (tertial_sie_load_options)TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.catch_all_parent = "NOPE";
  T_ERR(tertial_sie_load_file(&l, m, FIXTURES "load_type3.se", &o), TERTIAL_ERR_NOT_FOUND);
  o.catch_all_parent = NULL;
  o.budget_name = "Utfall";
  T_ERR(tertial_sie_load_file(&l, m, FIXTURES "load_type3.se", &o), TERTIAL_ERR_EXISTS);
  o.budget_name = NULL;
  o.hierarchy = "A;B;a;0\nB;A;b;0\n";
  T_ERR(tertial_sie_load_file(&l, m, FIXTURES "load_type3.se", &o), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "hierarchy:1: unit \"A\" is part of a cycle"));
  ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 0);
  ck_assert_uint_eq(tertial_org_unit_count(tertial_model_org(m)), 0);
  ck_assert_uint_eq(tertial_ledger_measure_count(tertial_model_ledger(m)), 3);

  /* Two amounts whose sum does not fit, in the file ... */
  static const char big[] = "#FLAGGA 0\n#SIETYP 2\n#RAR 0 20240101 20241231\n"
                            "#PSALDO 0 202401 5011 {} 92233720368547758.07\n"
                            "#PSALDO 0 202401 5011 {} 0.01\n";
  T_ERR(tertial_sie_load_memory(&l, m, big, sizeof big - 1, NULL), TERTIAL_ERR_OVERFLOW);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "<memory>:5: a sum of #PSALDO amounts does not fit"));
  ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 0);

  /* ... or with what the model holds */
  static const char one[] = "#FLAGGA 0\n#SIETYP 2\n#RAR 0 20240101 20241231\n"
                            "#PSALDO 0 202401 5011 {} 0.01\n";
  tertial_unit_id u;
  tertial_account_id a;
  T_OK(tertial_org_add_unit(&u, tertial_model_org(m), "SIE", "x", TERTIAL_NO_UNIT, 0, NULL));
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), "5011"));
  T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, TERTIAL_MEASURE_OUTCOME, INT64_MAX));
  o = (tertial_sie_load_options)TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.reader.name = "one.se";
  o.add_outcome_months = TERTIAL_SIE_ALL_MONTHS;
  T_ERR(tertial_sie_load_memory(&l, m, one, sizeof one - 1, &o), TERTIAL_ERR_OVERFLOW);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "one.se: the outcome of unit SIE on account 5011"));
  int64_t v;
  T_OK(tertial_ledger_get(&v, tertial_model_ledger(m), u, a, 0, TERTIAL_MEASURE_OUTCOME));
  ck_assert_int_eq(v, INT64_MAX);
  ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 1);

  /* getters are NULL-safe */
  ck_assert_ptr_null(tertial_sie_load_summary(NULL));
  ck_assert_uint_eq(tertial_sie_load_note_count(NULL), 0);
  ck_assert_ptr_null(tertial_sie_load_note(NULL, 0));
  ck_assert_uint_eq(tertial_sie_load_diagnostic_count(NULL), 0);
  ck_assert_ptr_null(tertial_sie_load_diagnostic(NULL, 0));
  ck_assert_uint_eq(tertial_sie_load_difference_count(NULL), 0);
  ck_assert_uint_eq(tertial_sie_load_compared_count(NULL), 0);
  tertial_sie_figures f;
  T_ERR(tertial_sie_load_figures(&f, NULL, TERTIAL_SIE_TRANS), TERTIAL_ERR_INVALID);
  ck_assert_str_eq(tertial_sie_load_problem_name(TERTIAL_SIE_LOAD_UNKNOWN_OBJECT), "unknown object");
  ck_assert_str_eq(tertial_sie_load_problem_name((tertial_sie_load_problem)99), "unknown problem");
  tertial_sie_load_free(NULL);
  tertial_model_free(m);
}
END_TEST

/* Lenient mode: a file with every quirk loads; the reader's diagnostics come with the load. */
START_TEST(test_lenient_quirks)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2024, 1));
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_file(&r, FIXTURES "quirks.se", NULL));
  const tertial_sie_record *rec;
  while (tertial_sie_reader_next(&rec, r) == 1)
    ;
  tertial_sie_load *l;
  T_OK(tertial_sie_load_file(&l, m, FIXTURES "quirks.se", NULL));
  ck_assert_uint_eq(tertial_sie_load_diagnostic_count(l), tertial_sie_reader_diagnostic_count(r));
  for (size_t i = 0; i < tertial_sie_reader_diagnostic_count(r); i++) {
    const tertial_sie_diagnostic *a = tertial_sie_reader_diagnostic(r, i), *b = tertial_sie_load_diagnostic(l, i);
    ck_assert_str_eq(a->message, b->message);
    ck_assert_uint_eq(a->line, b->line);
    ck_assert_int_eq(a->problem, b->problem);
  }
  ck_assert_ptr_null(tertial_sie_load_diagnostic(l, tertial_sie_reader_diagnostic_count(r)));
  ck_assert_uint_eq(tertial_sie_load_summary(l)->reader.bad_amounts, tertial_sie_reader_stats(r)->bad_amounts);
  check_accounting(m, l, "quirks.se");
  tertial_sie_reader_free(r);
  tertial_sie_load_free(l);
  tertial_model_free(m);
}
END_TEST

/* Odd records from memory: a bad account, a bad or conflicting #KTYP, two unit objects in one
 * list, no #RAR; and the cap on notes. */
START_TEST(test_odd_records)
{
  static const char text[] = "#FLAGGA 0\n"
                             "#SIETYP 4\n"
                             "#KONTO 12AB \"Fel\"\n"
                             "#KTYP 3011 X\n"
                             "#KTYP 4010 I\n"
                             "#VER A 1 20240105\n"
                             "{\n"
                             "#TRANS 3011 {1 \"A\" 1 \"B\"} -100.00\n"
                             "#TRANS 12AB {} 100.00\n"
                             "#TRANS 4010 {1 \"\"} 7.00\n"
                             "#TRANS 4010 {} -7.00\n"
                             "}\n";
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2024, 1));
  tertial_account_id acc;
  T_OK(tertial_chart_add(&acc, tertial_model_chart(m), "4010", "Varor", TERTIAL_ACCOUNT_COST, 0));
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.reader.name = "odd.se";
  tertial_sie_load *l;
  T_OK(tertial_sie_load_memory(&l, m, text, sizeof text - 1, &o));
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  ck_assert_str_eq(s->file, "odd.se");
  ck_assert_uint_eq(s->fiscal_year_line, 0);
  ck_assert_uint_eq(s->accounts_added, 1);    /* 3011; 12AB cannot be held */
  ck_assert_uint_eq(s->accounts_existing, 1); /* 4010 */
  ck_assert_int_eq(cell(m, "A", "3011", 0, 0), -10000);
  ck_assert_int_eq(cell(m, "SIE", "4010", 0, 0), 0); /* {1 ""}: no object; 7.00 - 7.00 */
  T_OK(tertial_chart_find(&acc, tertial_model_chart(m), "3011"));
  ck_assert_int_eq(tertial_chart_account(tertial_model_chart(m), acc)->type, TERTIAL_ACCOUNT_REVENUE);
  T_OK(tertial_chart_find(&acc, tertial_model_chart(m), "4010"));
  ck_assert_int_eq(tertial_chart_account(tertial_model_chart(m), acc)->type, TERTIAL_ACCOUNT_COST);
  tertial_sie_figures f = figures(l, TERTIAL_SIE_TRANS);
  ck_assert(f.unplaced == 10000 && f.loaded == -10000 && f.catch_all == -10000); /* A is under SIE */
  const tertial_sie_note *n = find_note(l, TERTIAL_SIE_LOAD_BAD_ACCOUNT, NULL, -2);
  ck_assert(n->line == 3 && n->label == TERTIAL_SIE_KONTO);
  n = find_note(l, TERTIAL_SIE_LOAD_ACCOUNT_TYPE, NULL, -2);
  ck_assert(n->line == 4 && strcmp(n->account, "3011") == 0);
  ck_assert_ptr_nonnull(strstr(n->message, "odd.se:4: account type \"X\" of account 3011 is not T, S, K or I"));
  n = find_note(l, TERTIAL_SIE_LOAD_SEVERAL_UNITS, NULL, -2);
  ck_assert(n->line == 8 && strcmp(n->object, "A") == 0);
  ck_assert_uint_eq(count_notes(l, TERTIAL_SIE_LOAD_BAD_ACCOUNT), 2);
  n = tertial_sie_load_note(l, 3); /* per-record notes first, in file order */
  ck_assert(n->problem == TERTIAL_SIE_LOAD_BAD_ACCOUNT && n->line == 9 && n->amount == 10000);
  ck_assert_uint_eq(count_notes(l, TERTIAL_SIE_LOAD_NO_FISCAL_YEAR), 1);
  n = find_note(l, TERTIAL_SIE_LOAD_ACCOUNT_TYPE, "", -2);
  ck_assert_uint_eq(count_notes(l, TERTIAL_SIE_LOAD_ACCOUNT_TYPE), 2); /* X, and I against the chart */
  ck_assert_uint_eq(count_notes(l, TERTIAL_SIE_LOAD_UNKNOWN_OBJECT), 1); /* A */
  ck_assert_uint_eq(count_notes(l, TERTIAL_SIE_LOAD_NO_OBJECT), 0);      /* 4010 nets to 0 */
  size_t total = tertial_sie_load_note_count(l);
  ck_assert_uint_eq(s->notes, total);
  ck_assert_uint_eq(s->notes_dropped, 0);
  check_accounting(m, l, "odd.se");
  T_ERR(tertial_sie_load_figures(&f, l, (tertial_sie_label)99), TERTIAL_ERR_RANGE);
  T_ERR(tertial_sie_load_figures(NULL, l, TERTIAL_SIE_TRANS), TERTIAL_ERR_INVALID);
  tertial_sie_load_free(l);
  tertial_model_free(m);

  T_OK(tertial_model_new(&m, 2024, 1));
  o.max_notes = 2;
  T_OK(tertial_sie_load_memory(&l, m, text, sizeof text - 1, &o));
  ck_assert_uint_eq(tertial_sie_load_note_count(l), 2);
  ck_assert_uint_eq(tertial_sie_load_summary(l)->notes, total - 1); /* no chart conflict this time */
  ck_assert_uint_eq(tertial_sie_load_summary(l)->notes_dropped, total - 3);
  tertial_sie_load_free(l);
  tertial_model_free(m);
}
END_TEST

/* ---------------------------------------------------------------------------------- */
/* The corpus of real files                                                            */
/* ---------------------------------------------------------------------------------- */


/* The fiscal year of a file: #RAR 0, else the calendar year of its first voucher (4I files
 * have no #RAR), else 2020. */
static tertial_fiscal_year year_of(const char *path)
{
  tertial_fiscal_year fy = {2020, 1};
  if (tertial_sie_fiscal_year(&fy, path, 0, NULL) == 0)
    return fy;
  tertial_sie_reader *r;
  T_OK(tertial_sie_reader_new_file(&r, path, NULL));
  const tertial_sie_record *rec;
  while (tertial_sie_reader_next(&rec, r) == 1)
    if (rec->label == TERTIAL_SIE_VER && rec->has_date) {
      fy.first_year = rec->date.year;
      break;
    }
  tertial_sie_reader_free(r);
  return fy;
}

static const tertial_sie_label count_labels[X_LABELS] = {
  TERTIAL_SIE_KONTO, TERTIAL_SIE_OBJEKT, TERTIAL_SIE_DIM, TERTIAL_SIE_VER, TERTIAL_SIE_TRANS,
  TERTIAL_SIE_RTRANS, TERTIAL_SIE_BTRANS, TERTIAL_SIE_PSALDO, TERTIAL_SIE_PBUDGET, TERTIAL_SIE_IB,
  TERTIAL_SIE_UB, TERTIAL_SIE_RES, TERTIAL_SIE_OIB, TERTIAL_SIE_OUB,
};

/* Files where every #PSALDO or #PBUDGET record of the oracle lands in a ledger cell of its
 * own, so the sum of absolute values in the ledger equals the oracle's magnitude: type 1-3
 * files with records without objects only, all of them in the loaded year (and, for #PSALDO,
 * the year before). The other files are not comparable this way: their records with objects
 * add up to account totals (covered), or #TRANS is the chosen outcome (type 4), or records of
 * other years or periods outside their year are not loaded, or several #TRANS share a cell.
 * For those the identities of check_accounting() and the per-label sums hold instead. */
static const struct {
  const char *file;
  int label;     /* X_PSALDO: outcome + prior; X_PBUDGET: the budget version */
} comparable[] = {
  {"blinfo_Sie4j__BLBLOV_SIE4_ISO_8859_15.SE", X_PBUDGET}, /* account and period swapped, repaired */
  {"blinfo_Sie4j__BLBLOV_SIE4_UTF_8_1.SE", X_PBUDGET},
  {"blinfo_Sie4j__BLBLOV_SIE2.SE", X_PBUDGET},
  {"idstam_jsisie__BL0001_typ2.SE", X_PSALDO},
  {"idstam_jsisie__BL0001_typ2.SE", X_PBUDGET},
  {"idstam_jsisie__BL0001_typ3.SE", X_PBUDGET},
  {"idstam_jsisie__BL0001_typ4.SE", X_PBUDGET},
  {"idstam_jsisie__Test2.SE", X_PSALDO},
  {"idstam_jsisie__Test2.SE", X_PBUDGET},
  {"idstam_jsisie__typ2.se", X_PBUDGET},
  {"idstam_jsisie__typ2.se", X_PSALDO},
};

/* Returns the number of magnitude comparisons made. */
static size_t load_corpus_file(const sie_corpus_expected *e)
{
  size_t checked = 0;
  char path[512];
  snprintf(path, sizeof path, "%s/%s", CORPUS, e->file);
  tertial_fiscal_year fy = year_of(path);
  tertial_model *m;
  T_OK(tertial_model_new(&m, fy.first_year, fy.start_month));
  tertial_sie_load *l;
  int rc = tertial_sie_load_file(&l, m, path, NULL);
  ck_assert_msg(rc == 0, "%s: %s", e->file, tertial_error_last());
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  for (int x = 0; x < X_LABELS; x++) {
    tertial_sie_figures f = figures(l, count_labels[x]);
    ck_assert_msg(f.records == (uint64_t)e->count[x], "%s: %s records %llu, oracle %ld", e->file,
                  tertial_sie_label_name(count_labels[x]), (unsigned long long)f.records, e->count[x]);
    if (x >= X_TRANS)
      ck_assert_msg(f.read == e->sum[x - X_TRANS], "%s: %s sum %lld, oracle %lld", e->file,
                    tertial_sie_label_name(count_labels[x]), (long long)f.read, (long long)e->sum[x - X_TRANS]);
  }
  ck_assert_uint_eq(s->reader.bad_amounts, 0);
  ck_assert_uint_eq(tertial_sie_load_diagnostic_count(l), s->reader.warnings + s->reader.errors);
  check_accounting(m, l, e->file);
  for (size_t i = 0; i < sizeof comparable / sizeof comparable[0]; i++) {
    if (strcmp(comparable[i].file, e->file) != 0)
      continue;
    int64_t mag;
    if (comparable[i].label == X_PSALDO)
      mag = booked(m, TERTIAL_MEASURE_OUTCOME, 1, NULL) + booked(m, TERTIAL_MEASURE_PRIOR, 1, NULL);
    else
      mag = booked(m, s->budget_measure, 1, NULL);
    int64_t want = e->magnitude[comparable[i].label - X_TRANS];
    ck_assert_msg(mag == want, "%s: %s magnitude in the ledger %lld, oracle %lld", e->file,
                  tertial_sie_label_name(count_labels[comparable[i].label]), (long long)mag, (long long)want);
    checked++;
  }
  tertial_sie_load_free(l);
  tertial_model_free(m);
  return checked;
}

/* Every corpus file loads in lenient mode into a fresh model. */
START_TEST(test_corpus)
{
  if (!corpus_present(CORPUS))
    return;
  size_t checked = 0;
  for (size_t i = 0; i < sizeof sie_corpus / sizeof sie_corpus[0]; i++)
    checked += load_corpus_file(&sie_corpus[i]);
  ck_assert_uint_eq(checked, sizeof comparable / sizeof comparable[0]);
}
END_TEST

/* Two files of SIE-Gruppen's Övningsbolaget hold the same outcome: as #PSALDO without objects
 * (periodsaldo_ovnbolag.se) and as parts per object combination (objektsaldo_ovnbolag.se,
 * where the record without objects is only what was booked without objects). Read as
 * parts, the second gives the first's account totals; read by the specification's rule it
 * does not, and the reconciliation shows where. */
START_TEST(test_corpus_partition)
{
  if (!corpus_present(CORPUS))
    return;
  tertial_model *a, *b;
  T_OK(tertial_model_new(&a, 2011, 1));
  T_OK(tertial_model_new(&b, 2011, 1));
  tertial_sie_load *la, *lb;
  T_OK(tertial_sie_load_file(&la, a, CORPUS "/idstam_jsisie__periodsaldo_ovnbolag.se", NULL));
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.object_rows = TERTIAL_SIE_ROWS_PARTITION;
  T_OK(tertial_sie_load_file(&lb, b, CORPUS "/idstam_jsisie__objektsaldo_ovnbolag.se", &o));
  const tertial_chart *chart = tertial_model_chart(a);
  size_t compared = 0;
  for (tertial_account_id i = 0; i < tertial_chart_count(chart); i++) {
    const char *number = tertial_chart_account(chart, i)->number;
    tertial_account_id j;
    T_OK(tertial_chart_find(&j, tertial_model_chart(b), number));
    for (int measure = 0; measure < 2; measure++) {
      int64_t va = 0, vb = 0;
      for (tertial_unit_id u = 0; u < tertial_org_unit_count(tertial_model_org(a)); u++) {
        int64_t v;
        T_OK(tertial_ledger_total(&v, tertial_model_ledger(a), u, i, measure, 0, 11));
        tertial_unit_id p;
        T_OK(tertial_org_parent(&p, tertial_model_org(a), u, 201101));
        va += p == TERTIAL_NO_UNIT ? v : 0;
      }
      for (tertial_unit_id u = 0; u < tertial_org_unit_count(tertial_model_org(b)); u++) {
        int64_t v;
        T_OK(tertial_ledger_total(&v, tertial_model_ledger(b), u, j, measure, 0, 11));
        tertial_unit_id p;
        T_OK(tertial_org_parent(&p, tertial_model_org(b), u, 201101));
        vb += p == TERTIAL_NO_UNIT ? v : 0;
      }
      ck_assert_msg(va == vb, "account %s measure %d: %lld vs %lld", number, measure, (long long)va, (long long)vb);
      compared += va != 0;
    }
  }
  ck_assert_uint_gt(compared, 100);
  ck_assert_uint_eq(tertial_sie_load_summary(lb)->units_added, 3); /* SIE, Nord, Syd */
  tertial_sie_load_free(la);
  tertial_sie_load_free(lb);
  tertial_model_free(a);
  tertial_model_free(b);
}
END_TEST

/* More #TRANS lines than the loader adds up in one batch, object codes longer than the 16
 * bytes of its packed code index, and an overflow of one cell that only the batched addition
 * sees (the account, the unit and the label sums all fit). */
/* Year number and period disagree: strict refuses; a year without #RAR too; the hierarchy's
 * name and its UTF-8; a version 1 options struct still loads (and replaces). */
START_TEST(test_year_period_strict)
{
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2026, 1));
  tertial_sie_load *l = NULL;
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.reader.mode = TERTIAL_SIE_STRICT;
  o.reader.name = "y.se";
  static const char head[] = "#FLAGGA 0\n#PROGRAM \"t\" 1\n#FORMAT PC8\n#GEN 20260101\n#SIETYP 3\n#FNAMN \"K\"\n"
                             "#RAR 0 20260101 20261231\n#KONTO 5011 \"P\"\n";
  char text[512];
  snprintf(text, sizeof text, "%s#PSALDO 5 202603 5011 {} 10.00\n", head);
  T_ERR(tertial_sie_load_memory(&l, m, text, strlen(text), &o), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "y.se:9: #PSALDO of year 5 has period 202603, which lies in year 0"));
  snprintf(text, sizeof text, "%s#PSALDO 5 203103 5011 {} 10.00\n", head);
  T_ERR(tertial_sie_load_memory(&l, m, text, strlen(text), &o), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "y.se:9: #PSALDO of year 5, which the file has no #RAR for"));
  ck_assert_uint_eq(tertial_ledger_line_count(tertial_model_ledger(m)), 0);
  /* lenient: #PSALDO 5 of March 2026 is March's outcome, with a note */
  o.reader.mode = TERTIAL_SIE_LENIENT;
  snprintf(text, sizeof text, "%s#PSALDO 5 202603 5011 {} 10.00\n#PBUDGET -1 202604 5011 {} 7.00\n", head);
  T_OK(tertial_sie_load_memory(&l, m, text, strlen(text), &o));
  ck_assert_int_eq(cell(m, "SIE", "5011", 2, TERTIAL_MEASURE_OUTCOME), 1000);
  ck_assert_int_eq(cell(m, "SIE", "5011", 3, tertial_sie_load_summary(l)->budget_measure), 700);
  ck_assert_uint_eq(count_notes(l, TERTIAL_SIE_LOAD_YEAR_MISMATCH), 2);
  ck_assert_int_eq(tertial_sie_load_summary(l)->unplaced, 0);
  tertial_sie_load_free(l);

  /* the hierarchy is named in its errors; bytes that are not UTF-8: strict refuses, lenient notes */
  o.hierarchy = "K;;Kommun;0\nA;K;Enhet \xff;1\n";
  o.hierarchy_name = "org.txt";
  o.reader.mode = TERTIAL_SIE_STRICT;
  snprintf(text, sizeof text, "%s#PSALDO 0 202603 5011 {} 10.00\n", head);
  T_ERR(tertial_sie_load_memory(&l, m, text, strlen(text), &o), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "org.txt:2: bytes that are not UTF-8 (0xFF)"));
  T_ERR(tertial_sie_hierarchy_parse(tertial_model_org(m), o.hierarchy, "h.txt"), TERTIAL_ERR_PARSE);
  o.reader.mode = TERTIAL_SIE_LENIENT;
  T_OK(tertial_sie_load_memory(&l, m, text, strlen(text), &o));
  const tertial_sie_note *n = find_note(l, TERTIAL_SIE_LOAD_BAD_TEXT, NULL, -2);
  ck_assert(n->line == 2 && n->is_problem);
  ck_assert_str_eq(n->message, "org.txt:2: bytes that are not UTF-8 (0xFF) -> replaced by U+FFFD");
  tertial_unit_id a;
  T_OK(tertial_org_find(&a, tertial_model_org(m), "A"));
  ck_assert_str_eq(tertial_org_unit(tertial_model_org(m), a)->name, "Enhet \xEF\xBF\xBD");
  ck_assert_int_eq(cell(m, "SIE", "5011", 2, TERTIAL_MEASURE_OUTCOME), 1000); /* March replaced, not 2000 */
  tertial_sie_load_free(l);
  o.hierarchy = "K;;Kommun\n";
  T_ERR(tertial_sie_load_memory(&l, m, text, strlen(text), &o), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "org.txt:1: expected code;parent;name;level"));

  /* a version 1 struct (no hierarchy_name, no add_*_months): defaults, so March is replaced */
  tertial_sie_load_options v1 = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  v1.version = 1;
  v1.hierarchy_name = "ignored";
  v1.add_outcome_months = TERTIAL_SIE_ALL_MONTHS;
  T_OK(tertial_sie_load_memory(&l, m, text, strlen(text), &v1));
  ck_assert_int_eq(cell(m, "SIE", "5011", 2, TERTIAL_MEASURE_OUTCOME), 1000);
  ck_assert_uint_eq(tertial_sie_load_summary(l)->outcome_months, 1u << 2);
  tertial_sie_load_free(l);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_many_lines)
{
  enum { VOUCHERS = 100 };
  size_t cap = 64 * 1024, n = 0;
  char *text = generated_file(cap, &n);
  char codes[VOUCHERS][40];
  int64_t bank[12] = {0};
  for (int k = 0; k < VOUCHERS; k++) {
    snprintf(codes[k], sizeof codes[k], k % 3 == 0 ? "ENHET-MED-EN-LANG-KOD-%02d" : "U%02d", k);
    n += (size_t)snprintf(text + n, cap - n,
                          "#VER A %d 2024%02d%02d\n{\n#TRANS 5011 {1 \"%s\"} %d.25\n#TRANS 1930 {} -%d.25\n}\n", k + 1,
                          k % 12 + 1, k % 28 + 1, codes[k], k + 1, k + 1);
    bank[k % 12] -= (k + 1) * 100 + 25;
  }
  /* a #PSALDO after the vouchers: the pending lines are added before it makes its cells */
  n += (size_t)snprintf(text + n, cap - n, "#PSALDO 0 202401 5011 {1 \"U01\"} 7.00\n");
  tertial_model *m;
  T_OK(tertial_model_new(&m, 2024, 1));
  tertial_sie_load *l = NULL;
  T_OK(tertial_sie_load_memory(&l, m, text, n, NULL));
  const tertial_sie_summary *s = tertial_sie_load_summary(l);
  ck_assert_uint_eq(s->reader.transactions, 2 * VOUCHERS);
  ck_assert_uint_eq(s->objects_unmatched, VOUCHERS);
  ck_assert_int_eq(s->outcome_source, TERTIAL_SIE_SOURCE_TRANS);
  for (int k = 0; k < VOUCHERS; k++) {
    ck_assert_str_eq(tertial_org_unit(tertial_model_org(m), unit(m, codes[k]))->code, codes[k]);
    if (k) /* units are made in the order of the file, long codes or short */
      ck_assert_uint_gt(unit(m, codes[k]), unit(m, codes[k - 1]));
    ck_assert_int_eq(cell(m, codes[k], "5011", k % 12, TERTIAL_MEASURE_OUTCOME), (k + 1) * 100 + 25);
    if (k % 12 != k % 28 && k < 12) /* another month of the same unit is empty */
      ck_assert_int_eq(cell(m, codes[k], "5011", (k + 1) % 12, TERTIAL_MEASURE_OUTCOME), 0);
  }
  for (int mo = 0; mo < 12; mo++)
    ck_assert_int_eq(cell(m, "SIE", "1930", mo, TERTIAL_MEASURE_OUTCOME), bank[mo]);
  tertial_sie_figures f;
  T_OK(tertial_sie_load_figures(&f, l, TERTIAL_SIE_PSALDO));
  ck_assert_int_eq(f.not_chosen, 700);
  tertial_sie_load_free(l);
  tertial_model_free(m);

  /* Unit A: +max in January, -max in February, then 0.01 in January: the January cell
   * overflows, on the third line (line 11). */
  static const char over[] = "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n"
                             "#VER A 1 20240115\n{\n#TRANS 5011 {1 \"A\"} 92233720368547758.07\n}\n"
                             "#VER A 2 20240215\n{\n#TRANS 5011 {1 \"A\"} -92233720368547758.07\n"
                             "#TRANS 5011 {1 \"A\"} 0.01 20240131\n}\n";
  T_OK(tertial_model_new(&m, 2024, 1));
  T_ERR(tertial_sie_load_memory(&l, m, over, sizeof over - 1, NULL), TERTIAL_ERR_OVERFLOW);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "<memory>:11: a sum of #TRANS amounts does not fit"));
  ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 0);
  ck_assert_uint_eq(tertial_org_unit_count(tertial_model_org(m)), 0);
  tertial_model_free(m);
  free(text);
}
END_TEST

/* A progress callback's calls: how many, the last bytes and total; `stop_after` > 0 cancels. */
typedef struct load_progress {
  int calls, stop_after;
  uint64_t last, total;
} load_progress;

static int on_load_progress(uint64_t done, uint64_t total, void *data)
{
  load_progress *p = data;
  ck_assert_uint_ge(done, p->last); /* never backwards */
  p->calls++;
  p->last = done;
  p->total = total;
  return p->stop_after > 0 && p->calls >= p->stop_after;
}

/* A file of many batches read ahead on a second thread gives what reading it in line gives,
 * the same first error included: the reader's (a bad line late in the file) and the loader's (an
 * overflowing sum); every record crosses from the reader's thread to the loader's. */
START_TEST(test_read_ahead)
{
  enum { VOUCHERS = 6000 };
  size_t cap = 1024 * 1024, n = 0;
  char *text = generated_file(cap, &n);
  for (int k = 0; k < VOUCHERS; k++)
    n += (size_t)snprintf(text + n, cap - n,
                          "#VER A %d 2024%02d%02d \"Faktura %d från leverantör\"\n{\n#TRANS 5011 {1 \"U%03d\"} %d.%02d\n"
                          "#TRANS 1930 {} -%d.%02d\n}\n",
                          k + 1, k % 12 + 1, k % 28 + 1, k, k % 700, k + 1, k % 100, k + 1, k % 100);
  size_t saved = tertial__sie_ahead_min;
  tertial_sie_load *l[2];
  tertial_model *m[2];
  for (int ahead = 0; ahead < 2; ahead++) {
    tertial__sie_ahead_min = ahead ? 0 : SIZE_MAX;
    T_OK(tertial_model_new(&m[ahead], 2024, 1));
    T_OK(tertial_sie_load_memory(&l[ahead], m[ahead], text, n, NULL));
  }
  const tertial_sie_summary *a = tertial_sie_load_summary(l[0]), *b = tertial_sie_load_summary(l[1]);
  ck_assert_uint_eq(b->reader.transactions, 2 * VOUCHERS);
  ck_assert_uint_eq(a->reader.records, b->reader.records);
  ck_assert_int_eq(a->outcome, b->outcome);
  ck_assert_uint_eq(a->objects_unmatched, b->objects_unmatched);
  ck_assert_uint_eq(b->objects_unmatched, 700);
  for (int k = 0; k < 700; k++) {
    char code[8];
    snprintf(code, sizeof code, "U%03d", k);
    for (int mo = 0; mo < 12; mo++)
      ck_assert_int_eq(cell(m[1], code, "5011", mo, TERTIAL_MEASURE_OUTCOME),
                       cell(m[0], code, "5011", mo, TERTIAL_MEASURE_OUTCOME));
  }
  ck_assert_int_eq(cell(m[1], "U005", "5011", 5, TERTIAL_MEASURE_OUTCOME), cell(m[0], "U005", "5011", 5, TERTIAL_MEASURE_OUTCOME));
  ck_assert_uint_eq(tertial_ledger_line_count(tertial_model_ledger(m[1])),
                    tertial_ledger_line_count(tertial_model_ledger(m[0])));
  for (int ahead = 0; ahead < 2; ahead++) {
    tertial_sie_load_free(l[ahead]);
    tertial_model_free(m[ahead]);
  }
  /* the first error, in line order: a bad amount late in the file (strict: the reader's error),
   * then an overflowing sum before it (the loader's) */
  n += (size_t)snprintf(text + n, cap - n, "#VER A 9999 20241201\n{\n#TRANS 5011 {1 \"U001\"} 12,3,4\n}\n");
  char message[2][512];
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.reader.mode = TERTIAL_SIE_STRICT;
  for (int ahead = 0; ahead < 2; ahead++) {
    tertial__sie_ahead_min = ahead ? 0 : SIZE_MAX;
    tertial_model *mm;
    tertial_sie_load *ll = NULL;
    T_OK(tertial_model_new(&mm, 2024, 1));
    ck_assert_int_lt(tertial_sie_load_memory(&ll, mm, text, n, &o), 0);
    ck_assert_ptr_null(ll);
    snprintf(message[ahead], sizeof message[ahead], "%s", tertial_error_last());
    ck_assert_uint_eq(tertial_ledger_line_count(tertial_model_ledger(mm)), 0); /* nothing loaded */
    tertial_model_free(mm);
  }
  ck_assert_str_eq(message[1], message[0]);
  ck_assert_ptr_nonnull(strstr(message[1], ":30007:24: unreadable amount"));
  /* an overflow at voucher 3000 comes first */
  char *mid = strstr(text, "#VER A 3000 ");
  ck_assert_ptr_nonnull(mid);
  size_t at = (size_t)(mid - text);
  const char *big = "#VER A 2999 20240301\n{\n#TRANS 5011 {1 \"U001\"} 92233720368547758.07\n}\n";
  memmove(text + at + strlen(big), text + at, n - at);
  memcpy(text + at, big, strlen(big));
  n += strlen(big);
  for (int ahead = 0; ahead < 2; ahead++) {
    tertial__sie_ahead_min = ahead ? 0 : SIZE_MAX;
    tertial_model *mm;
    tertial_sie_load *ll = NULL;
    T_OK(tertial_model_new(&mm, 2024, 1));
    ck_assert_int_eq(tertial_sie_load_memory(&ll, mm, text, n, &o), TERTIAL_ERR_OVERFLOW);
    snprintf(message[ahead], sizeof message[ahead], "%s", tertial_error_last());
    tertial_model_free(mm);
  }
  ck_assert_str_eq(message[1], message[0]);
  /* the progress callback, called on this thread batch by batch when reading ahead: up to the
   * whole input; a non-zero answer cancels and nothing is loaded */
  n = (size_t)(mid - text); /* the vouchers before the overflow: a sound file */
  for (int ahead = 0; ahead < 2; ahead++) {
    tertial__sie_ahead_min = ahead ? 0 : SIZE_MAX;
    load_progress pr = {0, 0, 0, 0};
    tertial_sie_load_options po = TERTIAL_SIE_LOAD_OPTIONS_INIT;
    po.reader.progress = on_load_progress;
    po.reader.progress_data = &pr;
    tertial_model *mm;
    tertial_sie_load *ll = NULL;
    T_OK(tertial_model_new(&mm, 2024, 1));
    T_OK(tertial_sie_load_memory(&ll, mm, text, n, &po));
    if (ahead) { /* 9 001 records (4 + 2 999 vouchers of 3): a call per batch of 4 096 (the reader
                  * in line calls it per block of a file only, not for text in memory) */
      ck_assert_int_eq(pr.calls, 3);
      ck_assert_uint_eq(pr.last, n);
      ck_assert_uint_eq(pr.total, n);
    } else {
      ck_assert_int_eq(pr.calls, 0);
    }
    tertial_sie_load_free(ll);
    load_progress stop = {0, 2, 0, 0};
    po.reader.progress_data = &stop;
    ck_assert_int_eq(tertial_sie_load_memory(&ll, mm, text, n, &po), ahead ? TERTIAL_ERR_CANCELLED : 0);
    if (ahead) {
      ck_assert_int_eq(stop.calls, 2);
      ck_assert_ptr_nonnull(strstr(tertial_error_last(), "reading cancelled by the progress callback after"));
      ck_assert_ptr_null(ll);
    }
    tertial_sie_load_free(ll);
    tertial_model_free(mm);
  }
  tertial__sie_ahead_min = saved;
  free(text);
}
END_TEST

/* The ledger lines' values filled on a second thread while this one finds or makes the lines
 * (a load of 65 536 cells or more): 60 000 lines, loaded into an empty model and then once more
 * adding to the lines that are there, give the same ledger, line for line, as booking on one
 * thread. */
START_TEST(test_fill_ahead)
{
  enum { UNITS = 2000, ACCOUNTS = 30 };
  size_t cap = 8u << 20, n = 0;
  char *text = generated_file(cap, &n);
  for (int a = 0; a < ACCOUNTS; a++)
    n += (size_t)snprintf(text + n, cap - n, "#KONTO %d \"Konto %d\"\n", 5000 + a, a);
  for (int u = 0; u < UNITS; u++)
    for (int a = 0; a < ACCOUNTS; a++)
      n += (size_t)snprintf(text + n, cap - n, "#PSALDO 0 2024%02d %d {1 \"E%04d\"} %d.%02d\n", (u + a) % 12 + 1,
                            5000 + a, u, u * 100 + a + 1, (u * 7 + a) % 100);
  size_t saved = tertial__sie_fill_min;
  tertial_model *m[2];
  int64_t outcome[2];
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  o.add_outcome_months = TERTIAL_SIE_ALL_MONTHS;
  for (int fill = 0; fill < 2; fill++) {
    tertial__sie_fill_min = fill ? 0 : SIZE_MAX;
    tertial_sie_load *l;
    T_OK(tertial_model_new(&m[fill], 2024, 1));
    T_OK(tertial_sie_load_memory(&l, m[fill], text, n, NULL));
    tertial_sie_load_free(l);
    T_OK(tertial_sie_load_memory(&l, m[fill], text, n, &o)); /* every line is there already */
    outcome[fill] = tertial_sie_load_summary(l)->outcome;
    tertial_sie_load_free(l);
  }
  tertial__sie_fill_min = saved;
  const tertial_ledger *a = tertial_model_ledger(m[0]), *b = tertial_model_ledger(m[1]);
  ck_assert_uint_eq(tertial_ledger_line_count(a), (size_t)UNITS * ACCOUNTS);
  ck_assert_uint_eq(tertial_ledger_line_count(b), tertial_ledger_line_count(a));
  ck_assert_int_eq(outcome[1], outcome[0]);
  /* every unit's every account and month: E1234's account 5007 has 2 × 123 408,45 kr in June */
  ck_assert_int_eq(cell(m[1], "E1234", "5007", 5, TERTIAL_MEASURE_OUTCOME), 2 * 12340845);
  ck_assert_int_eq(cell(m[1], "E1234", "5007", 4, TERTIAL_MEASURE_OUTCOME), 0);
  for (int u = 0; u < UNITS; u++) {
    char code[8], number[8];
    snprintf(code, sizeof code, "E%04d", u);
    for (int k = 0; k < ACCOUNTS; k++) {
      snprintf(number, sizeof number, "%d", 5000 + k);
      for (int mo = 0; mo < 12; mo++)
        ck_assert_int_eq(cell(m[1], code, number, mo, TERTIAL_MEASURE_OUTCOME),
                         cell(m[0], code, number, mo, TERTIAL_MEASURE_OUTCOME));
    }
  }
  tertial_model_free(m[0]);
  tertial_model_free(m[1]);
  free(text);
}
END_TEST

/* An overflow that only the booking would meet is found before the model changes, with the
 * lines filled on one thread or two: the outcome's total over a #TRANS and a #RTRANS, whose
 * labels' sums and accounts' sums each fit (before, the load failed with units, accounts and
 * lines added). */
START_TEST(test_overflow_before_changes)
{
  static const char total[] = "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n#DIM 1 \"Ansvar\"\n"
                              "#VER A 1 20240115\n{\n#TRANS 5011 {1 \"A\"} 92233720368547758.07\n"
                              "#RTRANS 5012 {1 \"B\"} 0.01\n}\n";
  static const char fits[] = "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n#DIM 1 \"Ansvar\"\n"
                             "#VER A 1 20240115\n{\n#TRANS 5011 {1 \"A\"} 92233720368547758.07\n}\n";
  size_t saved = tertial__sie_fill_min;
  for (int fill = 0; fill < 2; fill++) {
    tertial__sie_fill_min = fill ? 0 : SIZE_MAX;
    tertial_model *m;
    tertial_sie_load *l = NULL;
    T_OK(tertial_model_new(&m, 2024, 1));
    T_ERR(tertial_sie_load_memory(&l, m, total, sizeof total - 1, NULL), TERTIAL_ERR_OVERFLOW);
    ck_assert_ptr_nonnull(strstr(tertial_error_last(), "<memory>: a sum of amounts does not fit in int64 öre"));
    ck_assert_uint_eq(tertial_chart_count(tertial_model_chart(m)), 0);
    ck_assert_uint_eq(tertial_org_unit_count(tertial_model_org(m)), 0);
    ck_assert_uint_eq(tertial_ledger_line_count(tertial_model_ledger(m)), 0);
    T_OK(tertial_sie_load_memory(&l, m, fits, sizeof fits - 1, NULL)); /* the part that fits loads */
    ck_assert_int_eq(tertial_sie_load_summary(l)->outcome, INT64_MAX);
    ck_assert_int_eq(cell(m, "A", "5011", 0, TERTIAL_MEASURE_OUTCOME), INT64_MAX);
    tertial_sie_load_free(l);
    tertial_model_free(m);
  }
  tertial__sie_fill_min = saved;
}
END_TEST

/* Running out of memory at each allocation of a load in turn, reading ahead and filling the
 * ledger lines on second threads (one line wide: an amount beyond 32 bits): every failure is
 * TERTIAL_ERR_NOMEM, leaks nothing, and leaves no ledger value that the whole load would not
 * give (a line it made is 0 where it was not filled). */
typedef struct oom_load {
  const char *text;
  size_t n;
  tertial_model *ref; /* the whole load */
  tertial_model *m;
  tertial_sie_load *l;
} oom_load;

static void oom_load_drop(void *ctx)
{
  oom_load *c = ctx;
  tertial_sie_load_free(c->l);
  tertial_model_free(c->m);
  c->l = NULL;
  c->m = NULL;
}

/* Every value of the model is 0 or the whole load's. */
static void oom_load_sound(const oom_load *c)
{
  const tertial_org *org = tertial_model_org(c->m);
  const tertial_chart *chart = tertial_model_chart(c->m);
  for (size_t u = 0; u < tertial_org_unit_count(org); u++)
    for (size_t a = 0; a < tertial_chart_count(chart); a++)
      for (int mo = 0; mo < 12; mo++)
        for (int meas = 0; meas < 2; meas++) {
          int64_t v = 0;
          tertial_ledger_get(&v, tertial_model_ledger(c->m), (tertial_unit_id)u, (tertial_account_id)a, mo, meas);
          if (v == 0)
            continue;
          int64_t want = cell(c->ref, tertial_org_unit(org, (tertial_unit_id)u)->code,
                              tertial_chart_account(chart, (tertial_account_id)a)->number, mo, meas);
          ck_assert_int_eq(v, want);
        }
}

static int oom_load_call(void *ctx)
{
  oom_load *c = ctx;
  c->l = NULL;
  int rc = tertial_model_new(&c->m, 2024, 1);
  if (rc < 0)
    return rc;
  rc = tertial_sie_load_memory(&c->l, c->m, c->text, c->n, NULL);
  if (rc < 0) { /* the check finds every code it looks up: the load's error stays the last */
    oom_load_sound(c);
    tertial_model_free(c->m);
    c->m = NULL;
  }
  return rc;
}

START_TEST(test_load_out_of_memory)
{
  if (!FAILALLOC || !failalloc_works())
    return;
  enum { UNITS = 40, ACCOUNTS = 6 };
  size_t cap = 1u << 16, n = 0;
  char *text = generated_file(cap, &n);
  for (int u = 0; u < UNITS; u++)
    for (int a = 0; a < ACCOUNTS; a++)
      n += (size_t)snprintf(text + n, cap - n, "#VER A %d 2024%02d15\n{\n#TRANS %d {1 \"E%02d\"} %d.50\n#TRANS 1930 {} -%d.50\n}\n",
                            u * ACCOUNTS + a + 1, a % 12 + 1, 5000 + a, u, u == 17 && a == 3 ? 30000000 : u * 10 + a,
                            u == 17 && a == 3 ? 30000000 : u * 10 + a);
  size_t ahead = tertial__sie_ahead_min, fill = tertial__sie_fill_min;
  tertial__sie_ahead_min = 0;
  tertial__sie_fill_min = 0;
  oom_load c = {text, n, NULL, NULL, NULL};
  T_OK(tertial_model_new(&c.ref, 2024, 1));
  tertial_sie_load *l;
  T_OK(tertial_sie_load_memory(&l, c.ref, text, n, NULL));
  tertial_sie_load_free(l);
  ck_assert_int_eq(cell(c.ref, "E17", "5003", 3, TERTIAL_MEASURE_OUTCOME), 3000000050); /* a wide line */
  long points = failalloc_each(oom_load_call, oom_load_drop, &c);
  ck_assert_int_gt(points, 50);
  ck_assert_int_eq(cell(c.m, "E17", "5003", 3, TERTIAL_MEASURE_OUTCOME), 3000000050);
  ck_assert_int_eq(cell(c.m, "E03", "5001", 1, TERTIAL_MEASURE_OUTCOME), 3150);
  oom_load_drop(&c);
  tertial_model_free(c.ref);
  tertial__sie_ahead_min = ahead;
  tertial__sie_fill_min = fill;
  free(text);
}
END_TEST

static size_t ahead_default, fill_default;

/* Read ahead, and fault the new ledger lines in on a second thread, for every input. */
static void ahead_always(void)
{
  ahead_default = tertial__sie_ahead_min;
  fill_default = tertial__sie_fill_min;
  tertial__sie_ahead_min = 0;
  tertial__sie_fill_min = 0;
}

static void ahead_as_default(void)
{
  tertial__sie_ahead_min = ahead_default;
  tertial__sie_fill_min = fill_default;
}

/* The fixtures and the corpus; with `ahead` every input is read ahead on a second thread, which
 * must give the same results. */
static void add_cases(Suite *s, int ahead)
{
  TCase *fixtures = tcase_create(ahead ? "fixtures read ahead" : "fixtures");
  TCase *corpus = tcase_create(ahead ? "corpus read ahead" : "corpus");
  if (ahead) {
    tcase_add_checked_fixture(fixtures, ahead_always, ahead_as_default);
    tcase_add_checked_fixture(corpus, ahead_always, ahead_as_default);
  }
  tcase_add_test(fixtures, test_type4_vouchers);
  tcase_add_test(fixtures, test_catch_all_options);
  tcase_add_test(fixtures, test_type3_objects);
  tcase_add_test(fixtures, test_type3_partition);
  tcase_add_test(fixtures, test_broken_year);
  tcase_add_test(fixtures, test_year_option);
  tcase_add_test(fixtures, test_reconciliation);
  tcase_add_test(fixtures, test_hierarchy);
  tcase_add_test(fixtures, test_errors);
  tcase_add_test(fixtures, test_lenient_quirks);
  tcase_add_test(fixtures, test_odd_records);
  tcase_add_test(fixtures, test_many_lines);
  tcase_add_test(fixtures, test_year_period_strict);
  if (!ahead) { /* both ways themselves */
    tcase_add_test(fixtures, test_read_ahead);
    tcase_add_test(fixtures, test_fill_ahead);
    tcase_add_test(fixtures, test_overflow_before_changes);
    tcase_add_test(fixtures, test_load_out_of_memory);
  }
  suite_add_tcase(s, fixtures);
  tcase_set_timeout(corpus, 300);
  tcase_add_test(corpus, test_corpus);
  tcase_add_test(corpus, test_corpus_partition);
  suite_add_tcase(s, corpus);
}

int main(void)
{
  Suite *s = suite_create("sie_load");
  add_cases(s, 0);
  add_cases(s, 1);
  return testutil_run(s);
}
