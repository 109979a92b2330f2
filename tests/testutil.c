#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

int testutil_run(Suite *s)
{
  SRunner *sr = srunner_create(s);
  srunner_set_tap(sr, "-");
  srunner_run_all(sr, CK_SILENT);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static char test_tmpdir[96];

void testutil_tmpdir_make(const char *prefix)
{
  snprintf(test_tmpdir, sizeof test_tmpdir, "/tmp/%s-XXXXXX", prefix);
  ck_assert_ptr_nonnull(mkdtemp(test_tmpdir));
}

const char *testutil_tmp_path(const char *name)
{
  static char path[192];
  snprintf(path, sizeof path, "%s/%s", test_tmpdir, name);
  return path;
}

void testutil_tmpdir_remove(void)
{
  char cmd[160];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", test_tmpdir);
  ck_assert_int_eq(system(cmd), 0);
}

static tertial_unit_id add_unit(tertial_org *org, const char *code, const char *name, tertial_unit_id parent, int level)
{
  tertial_unit_id id;
  T_OK(tertial_org_add_unit(&id, org, code, name, parent, level, "Chef"));
  return id;
}

static void book(tertial_model *m, tertial_unit_id u, const char *account, int measure, int first, int last,
                 int64_t amount)
{
  tertial_account_id a;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), account));
  for (int month = first; month <= last; month++)
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, month, measure, amount));
}

void fixture_build(fixture *f)
{
  T_OK(tertial_model_new(&f->model, 2026, 1));
  tertial_model *m = f->model;
  tertial_org *org = tertial_model_org(m);
  f->k = add_unit(org, "K", "Exempelkommun", TERTIAL_NO_UNIT, 0);
  f->sn = add_unit(org, "SN", "Socialnämnden", f->k, 1);
  f->ifo = add_unit(org, "IFO", "Individ- och familjeomsorg", f->sn, 4);
  f->hvb = add_unit(org, "6410", "HVB barn och unga", f->ifo, 5);
  f->fs = add_unit(org, "6420", "Försörjningsstöd", f->ifo, 5);
  f->ao = add_unit(org, "AO", "Äldreomsorg", f->sn, 4);
  f->ht = add_unit(org, "6510", "Hemtjänst", f->ao, 5);

  tertial_chart *chart = tertial_model_chart(m);
  T_OK(tertial_chart_add(NULL, chart, "6110", "Lokalhyror interna", TERTIAL_ACCOUNT_COST, 1));
  int bud = tertial_model_current_budget(m);
  book(m, f->sn, "6110", bud, 0, 11, KR(100000));
  book(m, f->sn, "6110", TERTIAL_MEASURE_OUTCOME, 0, 3, KR(100000));
  book(m, f->hvb, "3511", bud, 0, 11, KR(-1000000));
  book(m, f->hvb, "3511", TERTIAL_MEASURE_OUTCOME, 0, 3, KR(-1922500));
  book(m, f->hvb, "4610", bud, 0, 11, KR(2000000));
  book(m, f->hvb, "4610", TERTIAL_MEASURE_OUTCOME, 0, 3, KR(2500000));
  book(m, f->fs, "4511", TERTIAL_MEASURE_OUTCOME, 1, 1, KR(300000));
  book(m, f->ht, "5011", bud, 0, 11, KR(1000000));
  book(m, f->ht, "5011", TERTIAL_MEASURE_OUTCOME, 0, 3, KR(950000));
  book(m, f->ht, "5011", TERTIAL_MEASURE_PRIOR, 0, 10, KR(1000000));
  book(m, f->ht, "5011", TERTIAL_MEASURE_PRIOR, 11, 11, KR(800000));
  T_OK(tertial_model_set_forecast(m, f->hvb, "INT_BIDR", KR(-20000000)));
  T_OK(tertial_model_set_forecast(m, f->hvb, "KOST_KOP", KR(30000000)));
}

void fixture_free(fixture *f)
{
  tertial_model_free(f->model);
  f->model = NULL;
}

tertial_unit_id small_model(tertial_model **out, int64_t outcome, int64_t step, int64_t budget)
{
  T_OK(tertial_model_new(out, 2026, 1));
  tertial_model *m = *out;
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id p, u;
  T_OK(tertial_org_add_unit(&p, org, "P", "Förvaltning", TERTIAL_NO_UNIT, 0, NULL));
  tertial_account_id a;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), "4010"));
  const char *codes[] = {"A", "B", "C"};
  for (int i = 0; i < 3; i++) {
    T_OK(tertial_org_add_unit(&u, org, codes[i], codes[i], p, 1, NULL));
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, TERTIAL_MEASURE_OUTCOME, outcome + i * step));
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, tertial_model_current_budget(m), budget));
  }
  return p;
}

int corpus_present(const char *dir)
{
  DIR *d = opendir(dir);
  if (!d) {
    printf("# SIE corpus not found at %s: corpus tests skipped\n", dir);
    return 0;
  }
  closedir(d);
  return 1;
}

void testutil_audit_clean(tertial_report *r)
{
  size_t added = 99;
  T_OK(tertial_report_add_audit_findings(r, &added));
  ck_assert_uint_eq(added, 0);
}

char *testutil_machine_csv(const tertial_report *r)
{
  char *csv;
  tertial_csv_options co = TERTIAL_CSV_OPTIONS_INIT;
  co.style = TERTIAL_CSV_MACHINE;
  T_OK(tertial_render_csv(&csv, r, &co));
  return csv;
}
