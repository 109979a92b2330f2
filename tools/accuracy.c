/* tertial accuracy: how well the forecasts frozen during a closed fiscal year hit its outcome
 * (error, absolute percentage error, bias and MAPE per follow-up point and unit), and a backtest
 * over the store's closed years of which base method would have forecast best at each cut-off. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A table printed with the first column left-aligned and the others right-aligned. */
typedef struct table {
  GPtrArray *rows; /* of GPtrArray of char * */
} table;

static void table_init(table *t)
{
  t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
}

static void table_free(table *t)
{
  g_ptr_array_unref(t->rows);
  t->rows = NULL;
}

static GPtrArray *table_row(table *t)
{
  GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(t->rows, row);
  return row;
}

static void cell_text(GPtrArray *row, const char *text)
{
  g_ptr_array_add(row, g_strdup(text));
}

static void cell_tkr(GPtrArray *row, int64_t ore)
{
  char buf[40];
  tertial_money_format(buf, sizeof buf, ore, TERTIAL_UNIT_TKR, 0);
  cell_text(row, buf);
}

/* Hundredths of a percent as "12,34". */
static void cell_percent(GPtrArray *row, int valid, int64_t hundredths)
{
  if (!valid) {
    cell_text(row, "–");
    return;
  }
  char *s = g_strdup_printf("%lld,%02lld", (long long)(hundredths / 100), (long long)(hundredths % 100));
  g_ptr_array_add(row, s);
}

/* Hundredths of a percent as a JSON number ("12.34"), or null. */
static void json_percent(cli_json *j, const char *key, int valid, int64_t hundredths)
{
  if (!valid) {
    cli_json_str(j, key, NULL);
    return;
  }
  char *s = g_strdup_printf("%s%lld.%02lld", hundredths < 0 ? "-" : "", llabs((long long)hundredths) / 100,
                            llabs((long long)hundredths) % 100);
  cli_json_num(j, key, s);
  g_free(s);
}

static void table_print(table *t)
{
  size_t widths[64] = {0};
  for (guint r = 0; r < t->rows->len; r++) {
    GPtrArray *row = g_ptr_array_index(t->rows, r);
    for (guint c = 0; c < row->len && c < 64; c++) {
      size_t w = (size_t)g_utf8_strlen(g_ptr_array_index(row, c), -1);
      if (w > widths[c])
        widths[c] = w;
    }
  }
  for (guint r = 0; r < t->rows->len; r++) {
    GPtrArray *row = g_ptr_array_index(t->rows, r);
    GString *line = g_string_new(NULL);
    for (guint c = 0; c < row->len && c < 64; c++) {
      const char *s = g_ptr_array_index(row, c);
      size_t pad = widths[c] - (size_t)g_utf8_strlen(s, -1);
      if (c > 0)
        g_string_append(line, "  ");
      if (c > 0)
        for (size_t i = 0; i < pad; i++)
          g_string_append_c(line, ' ');
      g_string_append(line, s);
      if (c == 0 && row->len > 1)
        for (size_t i = 0; i < pad; i++)
          g_string_append_c(line, ' ');
    }
    printf("%s\n", line->str);
    g_string_free(line, TRUE);
  }
  g_ptr_array_unref(t->rows);
}

/* The last month (0..11) with outcome on any account of any root, -1 for none. */
static int last_outcome_month(tertial_model *model)
{
  tertial_org *org = tertial_model_org(model);
  tertial_ledger *ledger = tertial_model_ledger(model);
  size_t accounts = tertial_chart_count(tertial_model_chart(model));
  int period = 0;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), 11);
  tertial_org_iter *it = NULL;
  int last = -1;
  if (tertial_org_iter_new(&it, org, TERTIAL_NO_UNIT, period) < 0)
    return -1;
  tertial_unit_id u;
  int depth;
  while (tertial_org_iter_next(it, &u, &depth) == 1) {
    if (depth != 0)
      continue;
    for (int m = 11; m > last; m--)
      for (tertial_account_id a = 0; a < accounts; a++) {
        int64_t v;
        if (tertial_ledger_total(&v, ledger, u, a, TERTIAL_MEASURE_OUTCOME, m, m) == 0 && v != 0) {
          last = m;
          break;
        }
      }
  }
  tertial_org_iter_free(it);
  return last;
}

/* A unit's result row (net cost) month by month: outcome, current budget and prior-year outcome. */
static int unit_series(int64_t outcome[12], int64_t budget[12], int64_t prior[12], tertial_model *model,
                       tertial_unit_id unit)
{
  tertial_rowmap *map = tertial_model_rowmap(model);
  tertial_ledger *ledger = tertial_model_ledger(model);
  int row = tertial_rowmap_result_row(map), bud = tertial_model_current_budget(model), rc = 0;
  for (int m = 0; rc == 0 && m < 12; m++) {
    rc = tertial_ledger_row_total(&outcome[m], ledger, map, unit, row, TERTIAL_MEASURE_OUTCOME, m, m);
    if (rc == 0)
      rc = tertial_ledger_row_total(&budget[m], ledger, map, unit, row, bud, m, m);
    if (rc == 0)
      rc = tertial_ledger_row_total(&prior[m], ledger, map, unit, row, TERTIAL_MEASURE_PRIOR, m, m);
  }
  return rc;
}

static char *unit_label(tertial_model *model, tertial_unit_id u)
{
  const tertial_unit *x = tertial_org_unit(tertial_model_org(model), u);
  return g_strdup_printf("%s %s", shown(x->code), shown(x->name));
}

/* The units reported: the subtree's root, then its units at `level` (its children when -1). */
static int pick_units(GArray *units, tertial_model *model, tertial_unit_id root, int level)
{
  int period = 0;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), 11);
  tertial_org *org = tertial_model_org(model);
  tertial_org_iter *it = NULL;
  int rc = tertial_org_iter_new(&it, org, root, period);
  if (rc < 0)
    return fail(rc, "walking the organisation");
  tertial_unit_id u;
  int depth;
  while (tertial_org_iter_next(it, &u, &depth) == 1)
    if (depth == 0 || (level < 0 ? depth == 1 : tertial_org_unit(org, u)->level == level))
      g_array_append_val(units, u);
  tertial_org_iter_free(it);
  return EXIT_OK;
}

/* Forecast error per point and unit, with bias, mean absolute error and MAPE per unit. */
static int print_accuracy(tertial_model *model, const GArray *units, cli_json *j)
{
  size_t n = tertial_snapshot_count(model);
  table err, ape;
  table_init(&err);
  table_init(&ape);
  GPtrArray *h = table_row(&err), *ha = table_row(&ape);
  cell_text(h, "Enhet");
  cell_text(ha, "Enhet");
  cell_text(h, "Utfall");
  for (size_t i = 0; i < n; i++) {
    cell_text(h, tertial_snapshot_point(tertial_snapshot_at(model, i)));
    cell_text(ha, tertial_snapshot_point(tertial_snapshot_at(model, i)));
  }
  cell_text(h, "Bias");
  cell_text(h, "Medel |fel|");
  cell_text(ha, "MAPE");
  int rc = 0;
  for (guint k = 0; rc == 0 && k < units->len; k++) {
    tertial_unit_id u = g_array_index(units, tertial_unit_id, k);
    GPtrArray *row = table_row(&err), *rowa = table_row(&ape);
    char *label = unit_label(model, u);
    cell_text(row, label);
    cell_text(rowa, label);
    g_free(label);
    tertial_accuracy_summary s;
    for (size_t i = 0; rc == 0 && i < n; i++) {
      tertial_accuracy a;
      rc = tertial_accuracy_of(&a, model, tertial_snapshot_at(model, i), u);
      if (rc < 0)
        break;
      if (i == 0)
        cell_tkr(row, a.actual);
      cell_tkr(row, a.error);
      cell_percent(rowa, a.ape_valid, a.ape);
      if (j) {
        const tertial_snapshot *snap = tertial_snapshot_at(model, i);
        cli_json_item(j);
        cli_json_str(j, "kind", "accuracy");
        cli_json_str(j, "unit", tertial_org_unit(tertial_model_org(model), u)->code);
        cli_json_str(j, "point", tertial_snapshot_point(snap));
        cli_json_int(j, "cutoff", tertial_snapshot_cutoff(snap));
        cli_json_money(j, "outcome", a.actual);
        cli_json_money(j, "error", a.error);
        json_percent(j, "ape", a.ape_valid, a.ape);
      }
    }
    if (rc == 0)
      rc = tertial_accuracy_summarise(&s, model, u);
    if (rc == 0) {
      cell_tkr(row, s.bias);
      cell_tkr(row, s.mean_abs_error);
      cell_percent(rowa, s.mape_points > 0, s.mape);
      if (j) {
        cli_json_item(j);
        cli_json_str(j, "kind", "summary");
        cli_json_str(j, "unit", tertial_org_unit(tertial_model_org(model), u)->code);
        cli_json_money(j, "bias", s.bias);
        cli_json_money(j, "mean_abs_error", s.mean_abs_error);
        json_percent(j, "mape", s.mape_points > 0, s.mape);
      }
    }
  }
  if (rc < 0) {
    g_ptr_array_unref(err.rows);
    g_ptr_array_unref(ape.rows);
    return fail(rc, "forecast accuracy");
  }
  if (j) {
    table_free(&err);
    table_free(&ape);
    return EXIT_OK;
  }
  printf("Prognosfel (prognos − utfall för hela året; positivt: prognosen var för hög), tkr\n");
  table_print(&err);
  printf("\nAbsolut procentuellt fel (|prognosfel| / |utfall|), %%\n");
  table_print(&ape);
  return EXIT_OK;
}

static const tertial_forecast_method methods[] = {
  TERTIAL_METHOD_REMAINING_BUDGET, TERTIAL_METHOD_LINEAR, TERTIAL_METHOD_BUDGET_PROFILE,
  TERTIAL_METHOD_LAST_YEAR_PROFILE, TERTIAL_METHOD_RUN_RATE,
};
#define NMETHODS (sizeof methods / sizeof *methods)

/* Which base method would have forecast each unit best at each cut-off over the closed years,
 * and every method's mean absolute error for the first unit (the subtree's root). */
static int print_backtest(tertial_model *model, const GArray *units, tertial_model **past, size_t npast,
                          const int *cutoffs, const char *const *codes, size_t ncut, cli_json *j)
{
  table best, detail;
  table_init(&best);
  table_init(&detail);
  GPtrArray *h = table_row(&best), *hd = table_row(&detail);
  cell_text(h, "Enhet");
  cell_text(hd, "Basmetod");
  for (size_t c = 0; c < ncut; c++) {
    char *head = g_strdup_printf("%s (%d)", shown(codes[c]), cutoffs[c]);
    cell_text(h, head);
    cell_text(hd, head);
    g_free(head);
  }
  int rc = 0;
  int64_t errors[NMETHODS][64];
  for (guint k = 0; rc == 0 && k < units->len; k++) {
    tertial_unit_id u = g_array_index(units, tertial_unit_id, k);
    const char *code = tertial_org_unit(tertial_model_org(model), u)->code;
    tertial_backtest *bt = NULL;
    rc = tertial_backtest_new(&bt);
    for (size_t y = 0; rc == 0 && y < npast; y++) {
      tertial_unit_id pu;
      int64_t out[12], bud[12], pri[12];
      if (tertial_org_find(&pu, tertial_model_org(past[y]), code) < 0)
        continue; /* the unit did not exist that year */
      rc = unit_series(out, bud, pri, past[y], pu);
      if (rc == 0)
        rc = tertial_backtest_add_year(bt, out, bud, pri);
    }
    GPtrArray *row = table_row(&best);
    char *label = unit_label(model, u);
    cell_text(row, label);
    g_free(label);
    for (size_t c = 0; rc == 0 && c < ncut; c++) {
      int method;
      if (tertial_backtest_year_count(bt) == 0) {
        cell_text(row, "–");
        continue;
      }
      rc = tertial_backtest_best(&method, NULL, bt, cutoffs[c]);
      if (rc == 0)
        cell_text(row, tertial_forecast_method_name((tertial_forecast_method)method));
      if (rc == 0 && j) {
        cli_json_item(j);
        cli_json_str(j, "kind", "best_method");
        cli_json_str(j, "unit", code);
        cli_json_str(j, "point", codes[c]);
        cli_json_int(j, "cutoff", cutoffs[c]);
        cli_json_str(j, "method", tertial_forecast_method_name((tertial_forecast_method)method));
        cli_json_int(j, "years", (long long)tertial_backtest_year_count(bt));
      }
      for (size_t m = 0; rc == 0 && k == 0 && m < NMETHODS; m++)
        rc = tertial_backtest_error(&errors[m][c], bt, methods[m], cutoffs[c], 3);
    }
    if (k == 0 && rc == 0 && tertial_backtest_year_count(bt) > 0)
      for (size_t m = 0; m < NMETHODS; m++) {
        GPtrArray *r = table_row(&detail);
        cell_text(r, tertial_forecast_method_name(methods[m]));
        for (size_t c = 0; c < ncut; c++) {
          char buf[40];
          int is_best = 1;
          for (size_t o = 0; o < NMETHODS; o++)
            if (errors[o][c] < errors[m][c] || (errors[o][c] == errors[m][c] && o < m))
              is_best = 0;
          tertial_money_format(buf, sizeof buf, errors[m][c], TERTIAL_UNIT_TKR, 0);
          char *text = g_strdup_printf("%s%s", is_best ? "*" : "", buf);
          g_ptr_array_add(r, text);
          if (j) {
            cli_json_item(j);
            cli_json_str(j, "kind", "method_error");
            cli_json_str(j, "unit", code);
            cli_json_str(j, "method", tertial_forecast_method_name(methods[m]));
            cli_json_str(j, "point", codes[c]);
            cli_json_int(j, "cutoff", cutoffs[c]);
            cli_json_money(j, "mean_abs_error", errors[m][c]);
            cli_json_bool(j, "best", is_best);
          }
        }
      }
    tertial_backtest_free(bt);
  }
  if (rc < 0) {
    g_ptr_array_unref(best.rows);
    g_ptr_array_unref(detail.rows);
    return fail(rc, "the backtest");
  }
  if (j) {
    table_free(&best);
    table_free(&detail);
    return EXIT_OK;
  }
  printf("Bästa basmetod per brytpunkt (minst medelabsolutfel över åren; run-rate över 3 månader)\n");
  table_print(&best);
  if (detail.rows->len > 1) {
    char *label = unit_label(model, g_array_index(units, tertial_unit_id, 0));
    printf("\nMedelabsolutfel per basmetod för %s, tkr (* bäst)\n", label);
    g_free(label);
    table_print(&detail);
  } else {
    g_ptr_array_unref(detail.rows);
  }
  return EXIT_OK;
}

static const char *const month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};

int cmd_accuracy(int argc, char **argv)
{
  char *unit_code = NULL, *level_text = NULL;
  int level = -1, year = 0, code = EXIT_OK;
  gboolean json = FALSE;
  cli_json jbuf, *j = NULL;
  const GOptionEntry entries[] = {
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_code, "The subtree reported (default: the municipality)", "CODE"},
    {"level", 'L', 0, G_OPTION_ARG_FILENAME, &level_text, "Report the subtree's units at organisation level N (0 kommun, 1 "
                                                "nämnd, ...; default: the unit's children, the committees for the "
                                                "municipality)", "N"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB YEAR", "Forecast accuracy of a closed fiscal year (YEAR, its first calendar "
                                           "year): the forecasts frozen at its follow-up points against its outcome "
                                           "for the whole year, per point and unit (error, absolute percentage "
                                           "error, bias, MAPE), and a backtest over the store's closed years up to "
                                           "YEAR of which base method would have forecast best at each cut-off. "
                                           "Figures are the units' net cost (the result row).", entries, FALSE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  GPtrArray *past = g_ptr_array_new_with_free_func((GDestroyNotify)tertial_model_free);
  GArray *units = g_array_new(FALSE, FALSE, sizeof(tertial_unit_id));
  if (!parse(ctx, &argc, &argv, &code) ||
      !int_option(ctx, &code, "--level", level_text, &level, 0, INT_MAX,
                  "an organisation level, 0 (kommun) or more"))
    goto out;
  if (argc != 3) {
    code = usage_error(ctx, "accuracy takes a store path and a fiscal year");
    goto out;
  }
  if (!int_option(ctx, &code, "YEAR", argv[2], &year, YEAR_FIRST, YEAR_LAST,
                  "a closed fiscal year by its first calendar year (" YEAR_RANGE "), such as 2025"))
    goto out;
  int rc = tertial_store_open(&st, argv[1], TERTIAL_STORE_READONLY);
  if (rc < 0) {
    code = fail(rc, "opening the store");
    goto out;
  }
  if ((code = load_year(&model, st, year)) != EXIT_OK)
    goto out;
  int last = last_outcome_month(model);
  if (last < 11) {
    int period = 0;
    tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), last < 0 ? 0 : last);
    if (last < 0)
      fprintf(stderr, "tertial: %s: the fiscal year %d is not closed: it has no outcome (accuracy needs the outcome "
                      "of the whole year)\n", argv[1], year);
    else
      fprintf(stderr, "tertial: %s: the fiscal year %d is not closed: its outcome reaches %s %d (accuracy needs the "
                      "outcome of the whole year)\n", argv[1], year, month_names[period % 100 - 1], period / 100);
    code = EXIT_INPUT;
    goto out;
  }
  tertial_unit_id root = 0;
  if ((code = find_unit(&root, model, unit_code, argv[1])) != EXIT_OK)
    goto out;
  if (level >= 0 && (level < tertial_org_unit(tertial_model_org(model), root)->level ||
                     (size_t)level >= tertial_org_level_count(tertial_model_org(model)))) {
    tertial_org *org = tertial_model_org(model);
    fprintf(stderr, "tertial: --level %d: expected a level from %d (the unit's) to %zu\n", level,
            tertial_org_unit(org, root)->level, tertial_org_level_count(org) - 1);
    code = EXIT_INPUT;
    goto out;
  }
  if ((code = pick_units(units, model, root, level)) != EXIT_OK)
    goto out;
  /* the closed years up to YEAR, for the backtest */
  GString *span = g_string_new(NULL);
  int nyears = tertial_store_year_count(st);
  for (int i = 0; i < nyears; i++) {
    int y;
    tertial_model *m = NULL;
    if (tertial_store_year_at(&y, st, (size_t)i) < 0 || y > year)
      continue;
    if (y == year) {
      g_ptr_array_add(past, model); /* borrowed: taken out again before the array is freed */
    } else {
      if ((code = load_year(&m, st, y)) != EXIT_OK) {
        g_string_free(span, TRUE);
        goto out;
      }
      if (last_outcome_month(m) < 11) {
        tertial_model_free(m);
        continue;
      }
      g_ptr_array_add(past, m);
    }
    g_string_append_printf(span, "%s%d", span->len ? ", " : "", y);
  }
  const tertial_unit *top = tertial_org_unit(tertial_model_org(model), 0);
  if (json) {
    j = &jbuf;
    cli_json_begin(j);
  } else {
    printf("Prognosträffsäkerhet %d, %s: nettokostnad\n\n", year, shown(top->name));
  }
  if (tertial_snapshot_count(model) == 0)
    fprintf(stderr, "tertial: %s: the fiscal year %d has no frozen forecasts (tertial snapshot); only the backtest "
                    "is shown\n", argv[1], year);
  else if ((code = print_accuracy(model, units, j)) != EXIT_OK) {
    g_string_free(span, TRUE);
    goto out;
  } else if (!j)
    printf("\n");
  /* the cut-offs of the points before year end */
  tertial_calendar *cal = tertial_model_calendar(model);
  int cutoffs[64];
  const char *codes[64];
  size_t ncut = 0;
  for (size_t i = 0; i < tertial_calendar_point_count(cal) && ncut < 64; i++)
    if (tertial_calendar_point(cal, i)->cutoff < 12) {
      cutoffs[ncut] = tertial_calendar_point(cal, i)->cutoff;
      codes[ncut++] = tertial_calendar_point(cal, i)->code;
    }
  if (!j)
    printf("Backtest över %u avslutade år (%s)\n", past->len, span->str);
  g_string_free(span, TRUE);
  code = print_backtest(model, units, (tertial_model **)past->pdata, past->len, cutoffs, codes, ncut, j);
  if (j && code == EXIT_OK)
    cli_json_end(j);
out:
  for (guint i = 0; i < past->len; i++)
    if (past->pdata[i] == model)
      past->pdata[i] = NULL;
  g_ptr_array_free(past, TRUE);
  g_array_free(units, TRUE);
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(unit_code);
  g_free(level_text);
  g_option_context_free(ctx);
  return code;
}
