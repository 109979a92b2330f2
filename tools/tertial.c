/* tertial: the command-line front end of the library, working on a store (a SQLite file).
 *
 * Exit codes: 0 ok; 1 findings (check) or a usage error; 2 bad input (unknown unit, point,
 * a frozen snapshot, a malformed file); 3 I/O or store errors. */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tertial/tertial.h>

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 1, EXIT_INPUT = 2, EXIT_IO = 3 };

static gboolean opt_verbose;

/* The exit code of a library error. */
static int exit_of(int rc)
{
  return rc == TERTIAL_ERR_IO || rc == TERTIAL_ERR_NOMEM ? EXIT_IO : EXIT_INPUT;
}

/* Report a library error and return its exit code. */
static int fail(int rc, const char *what)
{
  fprintf(stderr, "tertial: %s: %s\n", what, tertial_error_last());
  return exit_of(rc);
}

static int usage_error(GOptionContext *ctx, const char *msg)
{
  fprintf(stderr, "tertial: %s\n", msg);
  if (ctx) {
    char *help = g_option_context_get_help(ctx, TRUE, NULL);
    fputs(help, stderr);
    g_free(help);
  }
  return EXIT_USAGE;
}

/* The arguments of the running subcommand after option parsing (freed in main). */
static char **parsed_args;

/* Parse a subcommand's options; argv[0] is the subcommand. Text options are declared as
 * FILENAME so GLib passes their bytes unchanged (a STRING option is converted from the locale's
 * charset, which is ASCII in a program that never calls setlocale()); they are UTF-8 as the
 * store. On failure *code is the exit code. */
static gboolean parse(GOptionContext *ctx, int *argc, char ***argv, int *code);

/* Parse a command that takes exactly one store path (argv[1] afterwards). */
static gboolean parse_db(GOptionContext *ctx, int *argc, char ***argv, int *code, const char *command)
{
  if (!parse(ctx, argc, argv, code))
    return FALSE;
  if (*argc == 2)
    return TRUE;
  char msg[64];
  snprintf(msg, sizeof msg, "%s takes one store path", command);
  *code = usage_error(ctx, msg);
  return FALSE;
}

static gboolean parse(GOptionContext *ctx, int *argc, char ***argv, int *code)
{
  GError *err = NULL;
  parsed_args = g_strdupv(*argv);
  if (!g_option_context_parse_strv(ctx, &parsed_args, &err)) {
    *code = usage_error(ctx, err->message);
    g_error_free(err);
    return FALSE;
  }
  *argv = parsed_args;
  *argc = (int)g_strv_length(parsed_args);
  return TRUE;
}

static GOptionContext *context(const char *params, const char *summary, const GOptionEntry *entries)
{
  static const GOptionEntry common[] = {
    {"verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, "Say what was done", NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = g_option_context_new(params);
  g_option_context_set_summary(ctx, summary);
  g_option_context_set_description(ctx, "Exit status: 0 ok, 1 findings or usage error, 2 bad input, "
                                        "3 I/O or store error.");
  if (entries)
    g_option_context_add_main_entries(ctx, entries, NULL);
  g_option_context_add_main_entries(ctx, common, NULL);
  return ctx;
}

/* Open a store and load its model. */
static int open_model(tertial_store **st, tertial_model **model, const char *path)
{
  int rc = tertial_store_open(st, path, 0);
  if (rc < 0)
    return fail(rc, "opening the store");
  rc = tertial_store_load(model, *st);
  if (rc < 0) {
    int code = rc == TERTIAL_ERR_NOT_FOUND ? EXIT_INPUT : exit_of(rc);
    fprintf(stderr, "tertial: loading %s: %s\n", path, tertial_error_last());
    tertial_store_free(*st);
    *st = NULL;
    return code;
  }
  return EXIT_OK;
}

static int save_model(tertial_store *st, tertial_model *model)
{
  if (opt_verbose)
    fprintf(stderr, "tertial: saving %s\n", tertial_store_path(st));
  int rc = tertial_store_save(st, model);
  return rc < 0 ? fail(rc, "saving the store") : EXIT_OK;
}

/* The cut-off of a follow-up point. */
static int find_cutoff(int *cutoff, tertial_model *model, const char *point, const char *db)
{
  tertial_calendar *cal = tertial_model_calendar(model);
  size_t i;
  if (!point)
    return fprintf(stderr, "tertial: --point is required\n"), EXIT_USAGE;
  if (tertial_calendar_find_point(&i, cal, point) < 0) {
    fprintf(stderr, "tertial: %s: unknown follow-up point \"%s\"; the calendar has:", db, point);
    for (size_t k = 0; k < tertial_calendar_point_count(cal); k++)
      fprintf(stderr, " %s", tertial_calendar_point(cal, k)->code);
    fprintf(stderr, "\n");
    return EXIT_INPUT;
  }
  *cutoff = tertial_calendar_point(cal, i)->cutoff;
  return EXIT_OK;
}

/* The unit named by code, or the first root. */
static int find_unit(tertial_unit_id *out, tertial_model *model, const char *code, const char *db)
{
  tertial_org *org = tertial_model_org(model);
  if (code) {
    if (tertial_org_find(out, org, code) < 0) {
      fprintf(stderr, "tertial: %s: unknown unit \"%s\"\n", db, code);
      return EXIT_INPUT;
    }
    return EXIT_OK;
  }
  if (tertial_org_unit_count(org) == 0) {
    fprintf(stderr, "tertial: %s: the organisation has no units\n", db);
    return EXIT_INPUT;
  }
  *out = 0;
  return EXIT_OK;
}

/* ---- init ---- */

static int cmd_init(int argc, char **argv)
{
  int year = 0, start_month = 1, code = EXIT_OK;
  gboolean demo = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    {"year", 'y', 0, G_OPTION_ARG_INT, &year, "First calendar year of the fiscal year (default: this year; 2026 "
                                               "with --demo)", "Y"},
    {"start-month", 's', 0, G_OPTION_ARG_INT, &start_month, "First month of the fiscal year (default 1)", "M"},
    {"demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Fill the store with the demo municipality (Exempelkommun)", NULL},
    {"force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace a model the store already holds", NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Create a store, empty or with the demo municipality.", entries);
  if (!parse_db(ctx, &argc, &argv, &code, "init"))
    goto out;
  if (demo && start_month != 1) {
    code = usage_error(ctx, "the demo municipality has a calendar fiscal year (--start-month 1)");
    goto out;
  }
  if (year == 0) {
    GDateTime *now = g_date_time_new_now_local();
    year = demo ? 2026 : g_date_time_get_year(now);
    g_date_time_unref(now);
  }
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  int rc = tertial_store_open(&st, argv[1], TERTIAL_STORE_CREATE);
  if (rc < 0) {
    code = fail(rc, "creating the store");
    goto out;
  }
  if ((rc = tertial_store_has_model(st)) != 0 && !force) {
    code = rc < 0 ? fail(rc, "reading the store") : EXIT_INPUT;
    if (rc > 0)
      fprintf(stderr, "tertial: %s already holds a model (use --force to replace it)\n", argv[1]);
  } else if (demo) {
    tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
    o.year = year;
    rc = tertial_demo_new(&model, &o);
    code = rc < 0 ? fail(rc, "building the demo municipality") : save_model(st, model);
  } else {
    rc = tertial_model_new(&model, year, start_month);
    code = rc < 0 ? fail(rc, "creating the model") : save_model(st, model);
  }
  tertial_model_free(model);
  tertial_store_free(st);
out:
  g_option_context_free(ctx);
  return code;
}

/* ---- report ---- */

static int print_table(tertial_model *model, tertial_unit_id unit, int cutoff, tertial_followup_view view)
{
  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = view;
  o.skip_empty = 1;
  tertial_followup *t = NULL;
  char *text = NULL;
  int rc = tertial_followup_new(&t, model, unit, cutoff, &o);
  if (rc == 0)
    rc = tertial_render_text(&text, t, NULL);
  if (rc == 0)
    printf("%s\n", text);
  tertial_free(text);
  tertial_followup_free(t);
  return rc;
}

static int write_report(tertial_model *model, tertial_unit_id unit, int cutoff, const char *path, const char *compare)
{
  const char *dot = strrchr(path, '.');
  if (!dot || (g_ascii_strcasecmp(dot, ".xlsx") != 0 && g_ascii_strcasecmp(dot, ".csv") != 0 &&
               g_ascii_strcasecmp(dot, ".json") != 0)) {
    fprintf(stderr, "tertial: %s: the output must end in .xlsx, .csv or .json\n", path);
    return EXIT_USAGE;
  }
  tertial_report *report = NULL;
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.skip_empty = 1;
  o.previous_point = compare;
  int rc = tertial_report_new(&report, model, unit, cutoff, &o);
  if (rc == 0) {
    if (g_ascii_strcasecmp(dot, ".xlsx") == 0)
      rc = tertial_render_xlsx(report, path, NULL);
    else if (g_ascii_strcasecmp(dot, ".csv") == 0)
      rc = tertial_render_csv_file(report, path, NULL);
    else
      rc = tertial_render_json_file(report, path, NULL);
  }
  tertial_report_free(report);
  if (rc < 0)
    return fail(rc, path);
  if (opt_verbose)
    fprintf(stderr, "tertial: wrote %s\n", path);
  return EXIT_OK;
}

static int cmd_report(int argc, char **argv)
{
  char *point = NULL, *unit_code = NULL, *output = NULL, *compare = NULL;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. T1 (required)", "CODE"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_code, "Unit whose report it is (default: the municipality)", "CODE"},
    {"compare", 'c', 0, G_OPTION_ARG_FILENAME, &compare, "With -o: compare with the snapshot of this earlier point",
     "CODE"},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the report to FILE (.xlsx, .csv or .json) instead "
                                                       "of printing tables", "FILE"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Apply the stored forecast plan at a follow-up point and print or write the "
                                      "follow-up report.\nThe store is not changed.", entries);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "report"))
    goto out;
  if (!point) {
    code = usage_error(ctx, "--point is required");
    goto out;
  }
  int cutoff = 0, rc;
  tertial_unit_id unit = 0;
  if ((code = open_model(&st, &model, argv[1])) != EXIT_OK || (code = find_cutoff(&cutoff, model, point, argv[1])) ||
      (code = find_unit(&unit, model, unit_code, argv[1])))
    goto out;
  if ((rc = tertial_forecast_apply(model, cutoff, -1)) < 0) {
    code = fail(rc, "applying the forecast");
    goto out;
  }
  if (output)
    code = write_report(model, unit, cutoff, output, compare);
  else if ((rc = print_table(model, unit, cutoff, TERTIAL_VIEW_CHILDREN)) < 0 ||
           (rc = print_table(model, unit, cutoff, TERTIAL_VIEW_ROWS)) < 0)
    code = fail(rc, "rendering the tables");
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(point);
  g_free(unit_code);
  g_free(output);
  g_free(compare);
  g_option_context_free(ctx);
  return code;
}

/* ---- check ---- */

static int cmd_check(int argc, char **argv)
{
  char *point = NULL, *unit_code = NULL;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. T1 (required)", "CODE"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_code, "Check this unit's subtree (default: the municipality)",
     "CODE"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Check the follow-up at a point for consistency (after applying the stored "
                                      "forecast plan).\nPrints one finding per line; exits 1 when any is an error.",
                                entries);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_findings *f = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "check"))
    goto out;
  if (!point) {
    code = usage_error(ctx, "--point is required");
    goto out;
  }
  int cutoff = 0, rc;
  tertial_unit_id unit = 0;
  if ((code = open_model(&st, &model, argv[1])) != EXIT_OK || (code = find_cutoff(&cutoff, model, point, argv[1])) ||
      (code = find_unit(&unit, model, unit_code, argv[1])))
    goto out;
  if ((rc = tertial_forecast_apply(model, cutoff, -1)) < 0 ||
      (rc = tertial_check_model(&f, model, unit, cutoff, -1)) < 0) {
    code = fail(rc, "checking");
    goto out;
  }
  for (size_t i = 0; i < tertial_findings_count(f); i++) {
    const tertial_finding *x = tertial_findings_at(f, i);
    printf("%s\t%s\t%s\t%s\t%d\t%lld\t%lld\n", x->severity == TERTIAL_SEVERITY_ERROR ? "error" : "warning",
           tertial_finding_kind_name(x->kind), x->unit_code, x->row_code, x->column, (long long)x->expected,
           (long long)x->found);
  }
  size_t errors = tertial_findings_error_count(f);
  if (opt_verbose || errors)
    fprintf(stderr, "tertial: %s at %s: %zu errors, %zu warnings\n", argv[1], point, errors,
            tertial_findings_count(f) - errors);
  code = errors ? EXIT_FINDINGS : EXIT_OK;
out:
  tertial_findings_free(f);
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(point);
  g_free(unit_code);
  g_option_context_free(ctx);
  return code;
}

/* ---- forecast ---- */

static const char *const kind_names[] = {"known", "taken", "planned"};

/* Add an adjustment written "UNIT;ROW;AMOUNT;REASON" (amount in kronor, Swedish or SIE style). */
static int add_adjustment(tertial_model *model, const char *spec, int kind, const char *db)
{
  char **f = g_strsplit(spec, ";", 4);
  int code = EXIT_OK, rc;
  tertial_unit_id unit;
  int64_t amount;
  if (!g_utf8_validate(spec, -1, NULL)) {
    fprintf(stderr, "tertial: --adjust: the text is not UTF-8\n");
    code = EXIT_INPUT;
  } else if (g_strv_length(f) != 4) {
    fprintf(stderr, "tertial: --adjust \"%s\": expected UNIT;ROW;AMOUNT;REASON\n", spec);
    code = EXIT_INPUT;
  } else if ((code = find_unit(&unit, model, f[0], db)) != EXIT_OK) {
  } else if (tertial_money_parse(&amount, f[2], TERTIAL_MONEY_ANY) < 0) {
    fprintf(stderr, "tertial: --adjust \"%s\": %s\n", spec, tertial_error_last());
    code = EXIT_INPUT;
  } else if ((rc = tertial_forecast_add_adjustment(tertial_model_forecast_plan(model), unit, f[1], amount,
                                                   (tertial_adjustment_kind)kind, f[3])) < 0) {
    fprintf(stderr, "tertial: --adjust \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  }
  g_strfreev(f);
  return code;
}

/* --method UNIT;ROW;METHOD[;N]: ROW "*" means every row; METHOD a name of
 * tertial_forecast_method_name() (remaining-budget, linear, budget-profile, last-year-profile,
 * run-rate, volume-driver, manual); N the months of a run rate (default 3). */
static int set_method(tertial_model *model, const char *spec, const char *db)
{
  char **f = g_strsplit(spec, ";", 4);
  int code = EXIT_OK, rc, method = 0, n = 3;
  guint nf = g_strv_length(f);
  tertial_unit_id unit;
  if (nf < 3) {
    fprintf(stderr, "tertial: --method \"%s\": expected UNIT;ROW;METHOD[;N]\n", spec);
    code = EXIT_INPUT;
  }
  while (code == EXIT_OK && tertial_forecast_method_name((tertial_forecast_method)method) &&
         strcmp(f[2], tertial_forecast_method_name((tertial_forecast_method)method)) != 0)
    method++;
  if (code == EXIT_OK && !tertial_forecast_method_name((tertial_forecast_method)method)) {
    fprintf(stderr, "tertial: --method \"%s\": unknown method \"%s\" (remaining-budget, linear, budget-profile, "
                    "last-year-profile, run-rate, volume-driver, manual)\n", spec, f[2]);
    code = EXIT_INPUT;
  }
  if (code == EXIT_OK && nf == 4 && (sscanf(f[3], "%d", &n) != 1 || n < 1 || n > 12)) {
    fprintf(stderr, "tertial: --method \"%s\": expected N of 1..12 months, got \"%s\"\n", spec, f[3]);
    code = EXIT_INPUT;
  }
  if (code == EXIT_OK && (code = find_unit(&unit, model, f[0], db)) == EXIT_OK &&
      (rc = tertial_forecast_set_method(tertial_model_forecast_plan(model), unit, strcmp(f[1], "*") ? f[1] : NULL,
                                        (tertial_forecast_method)method, n)) < 0) {
    fprintf(stderr, "tertial: --method \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  }
  g_strfreev(f);
  return code;
}

static void list_adjustments(tertial_model *model)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  tertial_org *org = tertial_model_org(model);
  for (size_t i = 0; i < tertial_forecast_adjustment_count(plan); i++) {
    const tertial_adjustment *a = tertial_forecast_adjustment_at(plan, i);
    char buf[64];
    tertial_money_format(buf, sizeof buf, a->amount, TERTIAL_UNIT_KR, 0);
    printf("%zu\t%s\t%s\t%s\t%s\t%s\n", i + 1, tertial_org_unit(org, a->unit)->code, a->row_code, buf,
           kind_names[a->kind], a->reason);
  }
}

static int cmd_forecast(int argc, char **argv)
{
  char *point = NULL, *kind_text = NULL, **adjust = NULL, **methods = NULL;
  int code = EXIT_OK, kind = TERTIAL_ADJUST_KNOWN_FACTOR, remove = 0;
  gboolean list = FALSE;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. T1 (required)", "CODE"},
    {"adjust", 'a', 0, G_OPTION_ARG_FILENAME_ARRAY, &adjust, "Add an adjustment: unit, line row, amount in kronor "
                                                           "(ledger sign: more cost is positive) and reason", "UNIT;ROW;AMOUNT;REASON"},
    {"kind", 'k', 0, G_OPTION_ARG_FILENAME, &kind_text, "Kind of the adjustments added: known (default), taken or "
                                                      "planned", "KIND"},
    {"method", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &methods, "Set the base method of a unit and its descendants for "
                                                            "a line row (* for every row): remaining-budget, linear, "
                                                            "budget-profile, last-year-profile or run-rate (N months, "
                                                            "default 3)", "UNIT;ROW;METHOD[;N]"},
    {"remove", 'r', 0, G_OPTION_ARG_INT, &remove, "Remove adjustment N (as numbered by --list)", "N"},
    {"list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the adjustments (number, unit, row, kr, kind, reason)", NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Change the forecast plan's adjustments, apply the plan at a follow-up "
                                      "point's cut-off (each unit's base method plus adjustments) and save the forecasts.",
                                entries);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "forecast"))
    goto out;
  if (!point) {
    code = usage_error(ctx, "--point is required");
    goto out;
  }
  if (kind_text) {
    for (kind = 0; kind < 3 && strcmp(kind_text, kind_names[kind]) != 0; kind++)
      ;
    if (kind == 3) {
      code = usage_error(ctx, "--kind must be known, taken or planned");
      goto out;
    }
  }
  int cutoff = 0, rc;
  if ((code = open_model(&st, &model, argv[1])) != EXIT_OK || (code = find_cutoff(&cutoff, model, point, argv[1])))
    goto out;
  if (remove && tertial_forecast_remove_adjustment(tertial_model_forecast_plan(model), (size_t)remove - 1) < 0) {
    fprintf(stderr, "tertial: %s: no adjustment %d\n", argv[1], remove);
    code = EXIT_INPUT;
    goto out;
  }
  for (size_t i = 0; methods && methods[i]; i++)
    if ((code = set_method(model, methods[i], argv[1])) != EXIT_OK)
      goto out;
  for (size_t i = 0; adjust && adjust[i]; i++)
    if ((code = add_adjustment(model, adjust[i], kind, argv[1])) != EXIT_OK)
      goto out;
  if ((rc = tertial_forecast_apply(model, cutoff, -1)) < 0)
    code = fail(rc, "applying the forecast");
  else
    code = save_model(st, model);
  if (code == EXIT_OK && list)
    list_adjustments(model);
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(point);
  g_free(kind_text);
  g_strfreev(adjust);
  g_strfreev(methods);
  g_option_context_free(ctx);
  return code;
}

/* ---- snapshot ---- */

static int parse_date(tertial_date *out, const char *s)
{
  int y, m, d, days;
  char tail;
  if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || tertial_days_in_month(&days, y, m) < 0 || d < 1 ||
      d > days)
    return -1;
  *out = (tertial_date){y, m, d};
  return 0;
}

static int cmd_snapshot(int argc, char **argv)
{
  char *date = NULL;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"date", 'd', 0, G_OPTION_ARG_FILENAME, &date, "Date the forecast was made (default today)", "YYYY-MM-DD"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB POINT", "Apply the forecast at a follow-up point and freeze it. A frozen point "
                                            "cannot be changed.", entries);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_date taken;
  if (!parse(ctx, &argc, &argv, &code))
    goto out;
  if (argc != 3) {
    code = usage_error(ctx, "snapshot takes a store path and a follow-up point");
    goto out;
  }
  if (date && parse_date(&taken, date) < 0) {
    fprintf(stderr, "tertial: --date %s: expected a date YYYY-MM-DD\n", date);
    code = EXIT_INPUT;
    goto out;
  }
  if (!date) {
    GDateTime *now = g_date_time_new_now_local();
    taken = (tertial_date){g_date_time_get_year(now), g_date_time_get_month(now), g_date_time_get_day_of_month(now)};
    g_date_time_unref(now);
  }
  int cutoff = 0, rc;
  const tertial_snapshot *existing;
  if ((code = open_model(&st, &model, argv[1])) != EXIT_OK || (code = find_cutoff(&cutoff, model, argv[2], argv[1])))
    goto out;
  if (tertial_snapshot_find(&existing, model, argv[2]) == 0) {
    fprintf(stderr, "tertial: %s: follow-up point %s was frozen on %04d-%02d-%02d and cannot be changed\n", argv[1],
            argv[2], tertial_snapshot_taken_on(existing).year, tertial_snapshot_taken_on(existing).month,
            tertial_snapshot_taken_on(existing).day);
    code = EXIT_INPUT;
    goto out;
  }
  if ((rc = tertial_forecast_apply(model, cutoff, -1)) < 0 || (rc = tertial_snapshot_take(NULL, model, argv[2], taken)) < 0)
    code = fail(rc, "taking the snapshot");
  else
    code = save_model(st, model);
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(date);
  g_option_context_free(ctx);
  return code;
}

/* ---- org ---- */

static int cmd_org(int argc, char **argv)
{
  char *period_text = NULL;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"period", 'p', 0, G_OPTION_ARG_FILENAME, &period_text, "Show the tree as it stands in this month (default: the "
                                                          "last month of the fiscal year)", "YYYYMM"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Print the organisation as a tree: code, name, level and manager.", entries);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_org_iter *it = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "org"))
    goto out;
  if ((code = open_model(&st, &model, argv[1])) != EXIT_OK)
    goto out;
  int period = 0, rc;
  if (period_text) {
    char *end;
    long p = strtol(period_text, &end, 10);
    int index;
    if (*end || p < 0 || p > 999912 || tertial_fiscal_year_index(&index, tertial_model_fiscal_year(model), (int)p) < 0) {
      fprintf(stderr, "tertial: --period %s: expected a month yyyymm of the fiscal year\n", period_text);
      code = EXIT_INPUT;
      goto out;
    }
    period = (int)p;
  } else {
    tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), 11);
  }
  tertial_org *org = tertial_model_org(model);
  if ((rc = tertial_org_iter_new(&it, org, TERTIAL_NO_UNIT, period)) < 0) {
    code = fail(rc, "walking the organisation");
    goto out;
  }
  tertial_unit_id u;
  int depth;
  while (tertial_org_iter_next(it, &u, &depth) == 1) {
    const tertial_unit *x = tertial_org_unit(org, u);
    printf("%*s%s %s (%s%s%s)\n", 2 * depth, "", x->code, x->name, tertial_org_level_name(org, x->level),
           *x->manager ? ", " : "", x->manager);
  }
out:
  tertial_org_iter_free(it);
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(period_text);
  g_option_context_free(ctx);
  return code;
}

/* ---- budget ---- */

static int cmd_budget(int argc, char **argv)
{
  static const char *const kinds[] = {"frame", "adopted", "detailed", "revised"};
  int code = EXIT_OK;
  GOptionContext *ctx = context("DB", "List the budget versions: measure, name, kind, decision date, decided by, the "
                                      "version revised, reason; '*' marks the current budget.", NULL);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "budget"))
    goto out;
  if ((code = open_model(&st, &model, argv[1])) != EXIT_OK)
    goto out;
  for (size_t i = 0; i < tertial_budget_version_count(model); i++) {
    tertial_budget_version v;
    char date[40] = "";
    if (tertial_budget_version_at(&v, model, i) < 0)
      continue;
    if (v.decided.year)
      snprintf(date, sizeof date, "%04d-%02d-%02d", v.decided.year, v.decided.month, v.decided.day);
    printf("%s%d\t%s\t%s\t%s\t%s\t%s\t%s\n", v.measure == tertial_model_current_budget(model) ? "*" : "",
           v.measure, v.name, (unsigned)v.kind < 4 ? kinds[v.kind] : "?", date, v.decided_by,
           v.revises >= 0 ? tertial_ledger_measure_name(tertial_model_ledger(model), v.revises) : "", v.reason);
  }
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_option_context_free(ctx);
  return code;
}

/* ---- import-sie ---- */

static int cmd_import_sie(int argc, char **argv)
{
  int dim = 1, code = EXIT_OK;
  char *hierarchy_path = NULL, *hierarchy = NULL;
  gboolean strict = FALSE;
  const GOptionEntry entries[] = {
    {"dim", 'd', 0, G_OPTION_ARG_INT, &dim, "SIE dimension whose objects are units (default 1)", "N"},
    {"hierarchy", 'H', 0, G_OPTION_ARG_FILENAME, &hierarchy_path, "Units to add above the SIE objects "
                                                                  "(code;parent;name;level per line)", "MAP"},
    {"strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Stop at the first departure from the SIE specification", NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB FILE...", "Load SIE files into the store's model, all in one transaction: "
                                              "if any file fails, nothing is saved.", entries);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  if (!parse(ctx, &argc, &argv, &code))
    goto out;
  if (argc < 3) {
    code = usage_error(ctx, "import-sie takes a store path and at least one SIE file");
    goto out;
  }
  if (hierarchy_path) {
    GError *err = NULL;
    if (!g_file_get_contents(hierarchy_path, &hierarchy, NULL, &err)) {
      fprintf(stderr, "tertial: %s\n", err->message);
      g_error_free(err);
      code = EXIT_IO;
      goto out;
    }
  }
  if ((code = open_model(&st, &model, argv[1])) != EXIT_OK)
    goto out;
  for (int i = 2; i < argc; i++) {
    tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
    o.unit_dimension = dim;
    o.reader.mode = strict ? TERTIAL_SIE_STRICT : TERTIAL_SIE_LENIENT;
    o.hierarchy = i == 2 ? hierarchy : NULL;
    tertial_sie_load *load = NULL;
    int rc = tertial_sie_load_file(&load, model, argv[i], &o);
    if (rc < 0) {
      code = fail(rc, argv[i]);
      goto out;
    }
    if (opt_verbose) {
      const tertial_sie_summary *s = tertial_sie_load_summary(load);
      fprintf(stderr, "tertial: %s: %s, %zu notes\n", argv[i], s->company, tertial_sie_load_note_count(load));
    }
    tertial_sie_load_free(load);
  }
  code = save_model(st, model);
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(hierarchy_path);
  g_free(hierarchy);
  g_option_context_free(ctx);
  return code;
}

/* ---- main ---- */

typedef struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} command;

static const command commands[] = {
  {"init", cmd_init, "create a store, empty or with the demo municipality"},
  {"import-sie", cmd_import_sie, "load SIE files into the store"},
  {"org", cmd_org, "print the organisation"},
  {"budget", cmd_budget, "list the budget versions"},
  {"forecast", cmd_forecast, "adjust, apply and save the forecast of a follow-up point"},
  {"snapshot", cmd_snapshot, "freeze the forecast of a follow-up point"},
  {"report", cmd_report, "print or write the follow-up report of a point"},
  {"check", cmd_check, "check a follow-up for consistency"},
};

static void print_usage(FILE *out)
{
  fprintf(out, "Usage: tertial COMMAND DB [OPTION...]\n\nBudget follow-up for Swedish municipalities.\n\n"
               "Commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\n`tertial COMMAND --help` describes a command.\n"
               "Exit status: 0 ok, 1 findings or usage error, 2 bad input, 3 I/O or store error.\n");
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    print_usage(stderr);
    return EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    print_usage(stdout);
    return EXIT_OK;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("tertial %s\n", tertial_version());
    return EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(argv[1], commands[i].name) == 0) {
      char prgname[64];
      snprintf(prgname, sizeof prgname, "tertial %s", commands[i].name);
      g_set_prgname(prgname);
      int code = commands[i].run(argc - 1, argv + 1);
      g_strfreev(parsed_args);
      return code;
    }
  fprintf(stderr, "tertial: unknown command \"%s\"\n", argv[1]);
  print_usage(stderr);
  return EXIT_USAGE;
}
