/* tertial: the command-line front end of the library, working on a store (a SQLite file).
 *
 * Exit codes (cli.h): 0 ok; 1 findings (check); 2 bad input (unknown unit, point, a frozen
 * snapshot, a malformed file); 3 I/O or store errors; 4 not permitted (the round); 5 conflict;
 * 6 loaded with problems;
 * 64 usage error. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

/* ---- init ---- */

/* The demo municipality's outcome as SIE files, one per fiscal year, and its hierarchy mapping,
 * in dir. Type 4: the outcome as one voucher per month (#VER/#TRANS per unit object, balanced
 * on 1930 of the root), prior-year outcome as #PSALDO; type 3: both as #PSALDO. */
static int write_demo_sie(tertial_model *const *full, size_t n, int outcome_months, const char *dir, int sie_type)
{
  if (g_mkdir_with_parents(dir, 0777) != 0) {
    fprintf(stderr, "tertial: %s: %s\n", dir, g_strerror(errno));
    return EXIT_IO;
  }
  int code = EXIT_OK;
  for (size_t i = 0; code == EXIT_OK && i < n; i++) {
    int y = tertial_model_fiscal_year(full[i])->first_year;
    char name[64];
    snprintf(name, sizeof name, "exempelkommun-%d.se", y);
    char *path = g_build_filename(dir, name, NULL);
    tertial_sie_write_options o = TERTIAL_SIE_WRITE_OPTIONS_INIT;
    o.budget_measure = TERTIAL_SIE_NO_BUDGET;
    o.company = "Exempelkommun";
    o.orgnr = "212000-0000";
    o.sie_type = sie_type;
    /* exported after the last month of outcome; fixed, so every run writes the same bytes */
    o.generated = i + 1 < n || outcome_months >= 12 ? (tertial_date){y + 1, 1, 20}
                                                    : (tertial_date){y, outcome_months + 1, 5};
    tertial_sie_write_summary sum;
    int rc = tertial_sie_write_file(&sum, full[i], path, &o);
    if (rc < 0)
      code = fail(rc, path);
    else if (opt_verbose && sie_type == 4)
      fprintf(stderr, "tertial: wrote %s (%zu bytes, %llu #VER, %llu #TRANS, %llu #PSALDO)\n", path, sum.bytes,
              (unsigned long long)sum.vouchers, (unsigned long long)sum.trans, (unsigned long long)sum.psaldo);
    else if (opt_verbose)
      fprintf(stderr, "tertial: wrote %s (%zu bytes, %llu #PSALDO)\n", path, sum.bytes,
              (unsigned long long)sum.psaldo);
    g_free(path);
  }
  char *text = NULL, *path = g_build_filename(dir, "hierarki.txt", NULL);
  int rc = code == EXIT_OK ? tertial_sie_hierarchy_format(&text, tertial_model_org(full[n - 1]),
                                                          tertial_model_fiscal_year(full[n - 1])->first_year * 100 + 12)
                           : 0;
  GError *err = NULL;
  if (rc < 0) {
    code = fail(rc, "the hierarchy mapping");
  } else if (code == EXIT_OK) {
    GString *file = g_string_new("# Exempelkommun: the units above the SIE objects (tertial import-sie --hierarchy)\n");
    g_string_append(file, text);
    if (!g_file_set_contents(path, file->str, (gssize)file->len, &err)) {
      fprintf(stderr, "tertial: %s\n", err->message);
      g_error_free(err);
      code = EXIT_IO;
    } else if (opt_verbose) {
      fprintf(stderr, "tertial: wrote %s\n", path);
    }
    g_string_free(file, TRUE);
  }
  tertial_free(text);
  g_free(path);
  return code;
}

/* The point of the demo's round: tertial_demo_round() at the cut-off of October. */
#define DEMO_ROUND_POINT "JANOKT"

/* The demo's round at DEMO_ROUND_POINT, made on the current year's model with its outcome
 * (`full`, whose forecast it applies: the balance rule decides on real deviations); `stored`,
 * the model saved for that year (without outcome with --sie-dir), gets the deadlines per level
 * the round set in the calendar. */
static int build_demo_round(tertial_model *full, tertial_model *stored)
{
  int rc = tertial_demo_round(full, DEMO_ROUND_POINT);
  tertial_calendar *from = tertial_model_calendar(full), *to = tertial_model_calendar(stored);
  size_t pi;
  if (rc == 0 && from != to)
    rc = tertial_calendar_find_point(&pi, from, DEMO_ROUND_POINT);
  for (size_t k = 0; rc == 0 && from != to && k < tertial_calendar_level_deadline_count(from, pi); k++) {
    const tertial_level_deadline *d = tertial_calendar_level_deadline_at(from, pi, k);
    rc = tertial_calendar_set_level_deadline(to, DEMO_ROUND_POINT, d->level, d->deadline_months_after,
                                             d->deadline_day);
  }
  return rc < 0 ? fail(rc, "the demo's round") : EXIT_OK;
}

/* The demo's fiscal years, oldest first; with sie_dir, without outcome and with the outcome
 * written to SIE files there. *round_model receives the current year's model with its round
 * (models[TERTIAL_DEMO_YEARS - 1] itself, or without sie_dir a model of its own to free). */
static int build_demo(tertial_model **models, tertial_model **round_model, int year, const char *sie_dir,
                      int sie_type)
{
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  o.year = year;
  tertial_model *full[TERTIAL_DEMO_YEARS] = {0};
  int code = EXIT_OK, rc = 0;
  for (int i = 0; rc == 0 && i < TERTIAL_DEMO_YEARS; i++)
    rc = tertial_demo_year(&full[i], &o, year - TERTIAL_DEMO_YEARS + 1 + i, 0);
  if (rc < 0)
    code = fail(rc, "building the demo municipality");
  if (code == EXIT_OK && sie_dir)
    code = write_demo_sie(full, TERTIAL_DEMO_YEARS, o.outcome_months, sie_dir, sie_type);
  for (int i = 0; i < TERTIAL_DEMO_YEARS; i++) {
    if (code == EXIT_OK && sie_dir) {
      rc = tertial_demo_year(&models[i], &o, year - TERTIAL_DEMO_YEARS + 1 + i, TERTIAL_DEMO_NO_OUTCOME);
      if (rc < 0)
        code = fail(rc, "building the demo municipality");
      if (i + 1 < TERTIAL_DEMO_YEARS)
        tertial_model_free(full[i]);
      else
        *round_model = full[i];
    } else {
      models[i] = full[i];
      if (i + 1 == TERTIAL_DEMO_YEARS)
        *round_model = full[i];
    }
  }
  if (code == EXIT_OK)
    code = build_demo_round(*round_model, models[TERTIAL_DEMO_YEARS - 1]);
  /* the current year's goals and indicators, the volumes from the outcome */
  if (code == EXIT_OK && (rc = tertial_demo_goals(models[TERTIAL_DEMO_YEARS - 1], *round_model)) < 0)
    code = fail(rc, "the demo's goals");
  return code;
}

static int cmd_init(int argc, char **argv)
{
  int year = 0, start_month = 1, sie_type = 4, code = EXIT_OK;
  gboolean demo = FALSE, force = FALSE;
  char *sie_dir = NULL, *year_text = NULL, *start_month_text = NULL, *sie_type_text = NULL;
  const GOptionEntry entries[] = {
    {"year", 'y', 0, G_OPTION_ARG_FILENAME, &year_text, "First calendar year of the fiscal year (default: this year; 2026 "
                                               "with --demo, the latest of its three years)", "Y"},
    {"start-month", 's', 0, G_OPTION_ARG_FILENAME, &start_month_text, "First month of the fiscal year (default 1)", "M"},
    {"demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Fill the store with the demo municipality (Exempelkommun): three "
                                             "fiscal years, the two before Y closed with frozen forecasts", NULL},
    {"sie-dir", 0, 0, G_OPTION_ARG_FILENAME, &sie_dir, "With --demo: store no outcome, write it to DIR instead as "
                                                       "SIE files, one per year, with the hierarchy mapping "
                                                       "hierarki.txt, for import-sie", "DIR"},
    {"sie-type", 0, 0, G_OPTION_ARG_FILENAME, &sie_type_text, "With --sie-dir: SIE type 4 (default: the outcome as "
                                                     "vouchers, #VER/#TRANS) or 3 (as #PSALDO)", "3|4"},
    {"force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace the models of the fiscal years the store already holds",
     NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Create a store, empty or with the demo municipality, or add a fiscal year "
                                      "to a store.", entries, FALSE);
  tertial_store *st = NULL;
  tertial_model *models[TERTIAL_DEMO_YEARS] = {0}, *round_model = NULL;
  size_t n = 0;
  if (!parse_db(ctx, &argc, &argv, &code, "init") ||
      !int_option(ctx, &code, "--year", year_text, &year, YEAR_FIRST, YEAR_LAST,
                  "the first calendar year of the fiscal year (" YEAR_RANGE "), such as 2026") ||
      !int_option(ctx, &code, "--start-month", start_month_text, &start_month, 1, 12, "a month 1..12") ||
      !int_option(ctx, &code, "--sie-type", sie_type_text, &sie_type, 3, 4, "3 or 4"))
    goto out;
  if (demo && start_month != 1) {
    code = usage_error(ctx, "the demo municipality has a calendar fiscal year (--start-month 1)");
    goto out;
  }
  if (sie_dir && !demo) {
    code = usage_error(ctx, "--sie-dir writes the demo municipality's outcome: it needs --demo");
    goto out;
  }
  if (sie_type_text && !sie_dir) {
    code = usage_error(ctx, "--sie-type chooses the type of the files --sie-dir writes: it needs --sie-dir");
    goto out;
  }
  if (year == 0) {
    GDateTime *now = g_date_time_new_now_local();
    year = demo ? 2026 : g_date_time_get_year(now);
    g_date_time_unref(now);
  }
  int rc = tertial_store_open(&st, argv[1], TERTIAL_STORE_CREATE);
  if (rc < 0) {
    code = fail(rc, "creating the store");
    goto out;
  }
  for (int y = demo ? year - TERTIAL_DEMO_YEARS + 1 : year; y <= year && !force; y++) {
    if ((rc = tertial_store_has_year(st, y)) != 0) {
      code = rc < 0 ? fail(rc, "reading the store") : EXIT_INPUT;
      if (rc > 0)
        fprintf(stderr, "tertial: %s already holds a model of the fiscal year %d (use --force to replace it)\n",
                argv[1], y);
      goto out;
    }
  }
  if (demo) {
    n = TERTIAL_DEMO_YEARS;
    code = build_demo(models, &round_model, year, sie_dir, sie_type);
  } else {
    n = 1;
    if ((rc = tertial_model_new(&models[0], year, start_month)) < 0)
      code = fail(rc, "creating the model");
  }
  if (code == EXIT_OK) {
    if (opt_verbose)
      fprintf(stderr, "tertial: saving %zu fiscal year%s in %s\n", n, n > 1 ? "s" : "", argv[1]);
    if ((rc = tertial_store_save_years(st, models, n)) < 0)
      code = save_failed(rc);
  }
  /* the round is the store's own, written once the year is (a --force over a year with a round
   * keeps the stored one) */
  if (code == EXIT_OK && round_model) {
    tertial_round *r = tertial_model_round(round_model);
    if ((rc = tertial_store_save_round(st, round_model)) == TERTIAL_ERR_STATE && force) {
      if (opt_verbose)
        fprintf(stderr, "tertial: %s: %s (kept)\n", argv[1], tertial_error_last());
    } else if (rc < 0) {
      code = fail(rc, "saving the demo's round");
    } else if (opt_verbose) {
      fprintf(stderr, "tertial: the demo's round at %s: %zu people, %zu role assignments, %zu changes in the audit "
                      "trail\n", DEMO_ROUND_POINT, tertial_round_person_count(r), tertial_round_assignment_count(r),
              tertial_round_audit_count(r));
    }
  }
out:
  if (round_model != models[TERTIAL_DEMO_YEARS - 1])
    tertial_model_free(round_model);
  for (size_t i = 0; i < TERTIAL_DEMO_YEARS; i++)
    tertial_model_free(models[i]);
  tertial_store_free(st);
  g_free(sie_dir);
  g_free(year_text);
  g_free(start_month_text);
  g_free(sie_type_text);
  g_option_context_free(ctx);
  return code;
}

/* ---- report ---- */

static int print_table(tertial_model *model, tertial_unit_id unit, int cutoff, tertial_followup_view view, int english)
{
  tertial_text_options to = TERTIAL_TEXT_OPTIONS_INIT;
  to.english = english;
  tertial_followup_options o = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  o.view = view;
  o.skip_empty = 1;
  tertial_followup *t = NULL;
  char *text = NULL;
  int rc = tertial_followup_new(&t, model, unit, cutoff, &o);
  if (rc == 0)
    rc = tertial_render_text(&text, t, &to);
  if (rc == 0)
    printf("%s\n", text);
  tertial_free(text);
  tertial_followup_free(t);
  return rc;
}

/* The round's texts of the unit at the point (none: nothing), wrapped to the terminal's width,
 * or to 100 columns when standard output is not a terminal. */
static int print_texts(tertial_model *model, tertial_unit_id unit, int cutoff, int english)
{
  struct winsize ws;
  int width = isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 ? ws.ws_col : 100;
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_TEXTS);
  o.english = english;
  tertial_report *r = NULL;
  char *text = NULL;
  int rc = tertial_report_new(&r, model, unit, cutoff, &o);
  if (rc == 0)
    rc = tertial_render_text_comments(&text, r, width > 1000 ? 1000 : width);
  if (rc == 0 && *text)
    printf("%s\n", text);
  tertial_free(text);
  tertial_report_free(r);
  return rc;
}

/* 1 when path ends in ext (".csv"), in any case. */
static gboolean has_extension(const char *path, const char *ext)
{
  const char *dot = strrchr(path, '.');
  return dot && g_ascii_strcasecmp(dot, ext) == 0;
}

/* What `report -o` writes besides the report itself. */
typedef struct report_output {
  const char *compare;      /* --compare: the earlier point */
  gboolean machine_csv;     /* --csv-style machine */
  int depth;                /* --depth: child reports this many levels down */
  const char *author;       /* --author: the document's handläggare */
  int64_t created;          /* --created: the document's date (0: now) */
  const tertial_presentation *presentation; /* --presentation (NULL: the report as it is) */
  int english;              /* --english */
  const char *format;       /* --format with -o -: ".csv" or ".json" */
  int audit;                /* --audit: the audit's findings in Kontroll av rapporten (audit.h) */
  const report_plan_sources *plan; /* the planning objects' sections (NULL: none) */
} report_output;

/* Remove a folder and what is in it (the PDF conversion's temporary folder and profile). */
static void remove_tree(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    char *p = g_build_filename(dir, name, NULL);
    if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
      remove_tree(p);
    else
      unlink(p);
    g_free(p);
  }
  if (d)
    g_dir_close(d);
  rmdir(dir);
}

/* A PDF through LibreOffice: the document is written to a temporary folder beside the target,
 * converted there by soffice with a private profile (so that runs at the same time and a
 * LibreOffice the user has open do not clash) and renamed over the target only when complete. */
static int write_pdf(const tertial_report *report, const char *path, const tertial_docx_options *o)
{
  char *soffice = g_find_program_in_path("soffice");
  if (!soffice) {
    fprintf(stderr, "tertial: %s: a PDF is made with LibreOffice (soffice), which is not installed; install "
                    "it, or write a Word document with -o FILE.docx\n", path);
    return EXIT_IO;
  }
  char *dir = g_path_get_dirname(path);
  char *tmpl = g_build_filename(dir, ".tertial-pdf-XXXXXX", NULL);
  char *profile = g_dir_make_tmp("tertial-soffice-XXXXXX", NULL);
  char *work = g_mkdtemp(tmpl) ? tmpl : NULL;
  int code = EXIT_OK;
  if (!work || !profile) {
    fprintf(stderr, "tertial: %s: cannot create a temporary folder: %s\n", path, g_strerror(errno));
    code = EXIT_IO;
  }
  char *docx = work ? g_build_filename(work, "report.docx", NULL) : NULL;
  char *pdf = work ? g_build_filename(work, "report.pdf", NULL) : NULL;
  int rc = code == EXIT_OK ? tertial_render_docx(report, docx, o) : 0;
  if (rc < 0)
    code = fail(rc, path);
  if (code == EXIT_OK) {
    char *uri = g_filename_to_uri(profile, NULL, NULL);
    char *env = g_strconcat("-env:UserInstallation=", uri ? uri : "", NULL);
    const char *args[] = {soffice, env, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, docx, NULL};
    char **argv = g_strdupv((char **)args);
    char *err = NULL;
    int status = 0;
    GError *e = NULL;
    gboolean ran = g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &e);
    if (!ran || !g_spawn_check_wait_status(status, NULL) || !g_file_test(pdf, G_FILE_TEST_IS_REGULAR)) {
      fprintf(stderr, "tertial: %s: LibreOffice could not convert the document to PDF%s%s\n", path,
              e ? ": " : err && *err ? ":\n" : "", e ? e->message : err ? err : "");
      code = EXIT_IO;
    } else if (rename(pdf, path) != 0) {
      fprintf(stderr, "tertial: %s: %s\n", path, g_strerror(errno));
      code = EXIT_IO;
    }
    if (e)
      g_error_free(e);
    g_strfreev(argv);
    g_free(err);
    g_free(env);
    g_free(uri);
  }
  if (work)
    remove_tree(work);
  if (profile)
    remove_tree(profile);
  g_free(docx);
  g_free(pdf);
  g_free(tmpl);
  g_free(profile);
  g_free(dir);
  g_free(soffice);
  return code;
}

/* 1 when the presentation shows the column with this key. */
static int shows_column(const tertial_presentation *p, const char *key)
{
  for (size_t i = 0; i < tertial_presentation_column_count(p); i++)
    if (strcmp(tertial_presentation_column_at(p, i), key) == 0)
      return 1;
  return 0;
}

/* Fg prognos, Förändring mot fg prognos and Prognos efter planerade åtgärder are columns of the
 * report only when the presentation shows them. Fg prognos is the forecast frozen at --compare, or
 * else at the latest snapshot of an earlier cut-off (the previous follow-up point). */
static int presentation_extras(tertial_report_options *o, tertial_model *model, int cutoff,
                               const tertial_presentation *p, const char *db)
{
  o->prior_year_acc = shows_column(p, "prior_year_acc");
  o->forecast_after_measures = shows_column(p, "forecast_after_measures");
  o->previous_forecast = shows_column(p, "previous_forecast") || shows_column(p, "forecast_change");
  int best = 0;
  for (size_t i = 0; o->previous_forecast && !o->previous_point && i < tertial_snapshot_count(model); i++) {
    const tertial_snapshot *s = tertial_snapshot_at(model, i);
    if (tertial_snapshot_cutoff(s) < cutoff && tertial_snapshot_cutoff(s) >= best) {
      best = tertial_snapshot_cutoff(s);
      o->previous_point = tertial_snapshot_point(s);
    }
  }
  if (o->previous_forecast && !o->previous_point) {
    fprintf(stderr, "tertial: %s: the presentation shows Fg prognos (the previous forecast), but no forecast was "
                    "frozen at an earlier follow-up point; name one with --compare\n", db);
    snapshot_hint(model, db);
    return EXIT_INPUT;
  }
  return EXIT_OK;
}

/* The report with the columns the presentation shows: EXIT_OK, or an exit status after saying why
 * (a comparison between frozen forecasts names the ones there are). */
static int build_report(tertial_report **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                        tertial_report_options *o, const report_output *ro, const char *db, const char *what)
{
  int code = presentation_extras(o, model, cutoff, ro->presentation, db);
  if (code != EXIT_OK)
    return code;
  int rc = tertial_report_new(out, model, unit, cutoff, o);
  if (rc == TERTIAL_ERR_NOT_FOUND && ro->compare) {
    fprintf(stderr, "tertial: %s: --compare %s: %s\n", db, ro->compare, tertial_error_last());
    snapshot_hint(model, db);
    return EXIT_INPUT;
  }
  return rc < 0 ? fail(rc, what) : EXIT_OK;
}

/* The terminal's tables as a presentation shows them: the report's per-activity and report-row
 * tables (tertial_render_text_report()). */
static int print_presented(tertial_model *model, tertial_unit_id unit, int cutoff, const report_output *ro,
                           const char *db)
{
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_ROWS);
  o.skip_empty = 1;
  o.previous_point = ro->compare;
  o.english = ro->english;
  tertial_report *report = NULL;
  int code = build_report(&report, model, unit, cutoff, &o, ro, db, "building the report");
  if (code != EXIT_OK)
    return code;
  tertial_text_options to = TERTIAL_TEXT_OPTIONS_INIT;
  to.english = ro->english;
  to.presentation = ro->presentation;
  char *text = NULL;
  int rc = tertial_render_text_report(&text, report, &to);
  if (rc == 0)
    printf("%s\n", text);
  tertial_free(text);
  tertial_report_free(report);
  return rc < 0 ? fail(rc, "rendering the tables") : EXIT_OK;
}

static int write_report(tertial_model *model, tertial_unit_id unit, int cutoff, const char *path,
                        const report_output *ro, const char *db)
{
  static const char *const extensions[] = {".xlsx", ".csv", ".json", ".docx", ".pdf"};
  int to_stdout = strcmp(path, "-") == 0;
  const char *dot = to_stdout ? ro->format : strrchr(path, '.');
  size_t kind = 0;
  while (dot && kind < G_N_ELEMENTS(extensions) && g_ascii_strcasecmp(dot, extensions[kind]) != 0)
    kind++;
  if (!dot || kind == G_N_ELEMENTS(extensions)) {
    fprintf(stderr, "tertial: %s: the output must end in .xlsx, .csv, .json, .docx or .pdf\n", path);
    return EXIT_USAGE;
  }
  /* CSV for a spreadsheet by default: ';', decimal comma, a BOM so it reads UTF-8 and (by the
   * style) formulas guarded; the machine style for programs. */
  tertial_csv_options co = TERTIAL_CSV_OPTIONS_INIT;
  co.style = ro->machine_csv ? TERTIAL_CSV_MACHINE : TERTIAL_CSV_SWEDISH;
  co.bom = !ro->machine_csv && !to_stdout;
  co.presentation = ro->presentation;
  tertial_json_options jo = TERTIAL_JSON_OPTIONS_INIT;
  jo.presentation = ro->presentation;
  /* the document names the municipality: the organisation's (first) root */
  tertial_unit_id root = 0;
  const tertial_unit *top = find_unit(&root, model, NULL, db) == EXIT_OK
                                ? tertial_org_unit(tertial_model_org(model), root) : NULL;
  tertial_docx_options dox = TERTIAL_DOCX_OPTIONS_INIT;
  dox.author = ro->author;
  dox.created = ro->created;
  dox.municipality = top ? top->name : NULL;
  dox.presentation = ro->presentation;
  tertial_xlsx_options xo = TERTIAL_XLSX_OPTIONS_INIT;
  xo.presentation = ro->presentation;
  xo.model = model; /* the goals sheet */
  tertial_report *report = NULL;
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.skip_empty = 1;
  o.previous_point = ro->compare;
  o.child_depth = ro->depth;
  o.english = ro->english;
  int code = build_report(&report, model, unit, cutoff, &o, ro, db, path);
  if (code != EXIT_OK)
    return code;
  int rc = 0;
  size_t audited = 0;
  if (ro->plan && (code = report_add_plan(report, ro->plan)) != EXIT_OK) {
    tertial_report_free(report);
    return code;
  }
  if (ro->audit && (rc = tertial_report_add_audit_findings(report, &audited)) < 0) {
    tertial_report_free(report);
    return fail(rc, "auditing the report");
  }
  if (ro->audit && opt_verbose)
    fprintf(stderr, "tertial: the audit of the report: %zu finding%s\n", audited, audited == 1 ? "" : "s");
  if (to_stdout) {
    char *text = NULL;
    rc = kind == 1 ? tertial_render_csv(&text, report, &co) : tertial_render_json(&text, report, &jo);
    if (rc == 0 && (fputs(text, stdout) == EOF || fflush(stdout) != 0)) {
      fprintf(stderr, "tertial: standard output: %s\n", g_strerror(errno));
      code = EXIT_IO;
    }
    tertial_free(text);
  } else {
    if (kind == 0)
      rc = tertial_render_xlsx(report, path, &xo);
    else if (kind == 1)
      rc = tertial_render_csv_file(report, path, &co);
    else if (kind == 2)
      rc = tertial_render_json_file(report, path, &jo);
    else if (kind == 3)
      rc = tertial_render_docx(report, path, &dox);
    else
      code = write_pdf(report, path, &dox);
  }
  tertial_report_free(report);
  if (rc < 0)
    return fail(rc, path);
  if (code == EXIT_OK && opt_verbose && !to_stdout)
    fprintf(stderr, "tertial: wrote %s\n", path);
  return code;
}

/* --created YYYY-MM-DD as seconds since 1970 at midnight UTC; -1 when it is not a date. */
static int64_t created_of(const char *text)
{
  tertial_date dt;
  if (parse_date(&dt, text) < 0 || dt.year < 1980 || dt.year > 2107)
    return -1;
  GDateTime *t = g_date_time_new_utc(dt.year, dt.month, dt.day, 0, 0, 0);
  int64_t s = t ? g_date_time_to_unix(t) : -1;
  if (t)
    g_date_time_unref(t);
  return s;
}

/* The long fact table for BI tools: machine style unless --csv-style swedish. */
static int write_facts(tertial_model *model, tertial_unit_id unit, int cutoff, const char *path, gboolean swedish,
                       gboolean accounts)
{
  tertial_csv_options co = TERTIAL_CSV_OPTIONS_INIT;
  co.style = swedish ? TERTIAL_CSV_SWEDISH : TERTIAL_CSV_MACHINE;
  co.bom = swedish && strcmp(path, "-") != 0;
  unsigned flags = accounts ? TERTIAL_CSV_LONG_ACCOUNTS : 0;
  if (strcmp(path, "-") == 0) {
    char *text = NULL;
    int rc = tertial_render_csv_long(&text, model, unit, cutoff, flags, &co);
    if (rc < 0)
      return fail(rc, "standard output");
    int ok = fputs(text, stdout) != EOF && fflush(stdout) == 0;
    tertial_free(text);
    if (!ok)
      fprintf(stderr, "tertial: standard output: %s\n", g_strerror(errno));
    return ok ? EXIT_OK : EXIT_IO;
  }
  int rc = tertial_render_csv_long_file(model, unit, cutoff, flags, path, &co);
  if (rc < 0)
    return fail(rc, path);
  if (opt_verbose)
    fprintf(stderr, "tertial: wrote %s\n", path);
  return EXIT_OK;
}

static int cmd_report(int argc, char **argv)
{
  char *point = NULL, *unit_code = NULL, *output = NULL, *compare = NULL, *csv_style = NULL, *depth_text = NULL;
  char *author = NULL, *created_text = NULL, *presentation_file = NULL, *format = NULL;
  report_plan_sources plan = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0};
  char *proposals = NULL, *rule = NULL, *risks = NULL, *controls = NULL, *results = NULL, *unfunded = NULL;
  char *investments = NULL;
  char *frame_lines = NULL;
  gboolean long_csv = FALSE, long_accounts = FALSE, english = FALSE;
  gboolean audit = FALSE;
  tertial_presentation *presentation = NULL;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. T1 (required)", "CODE"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_code, "Unit whose report it is (default: the municipality)", "CODE"},
    {"compare", 'c', 0, G_OPTION_ARG_FILENAME, &compare, "With -o: compare the forecast frozen at the point with "
                                                         "the one frozen at this earlier point; with --presentation: "
                                                         "the Fg prognos", "CODE"},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the report to FILE (.xlsx, .csv, .json, .docx or "
                                                       ".pdf) instead of printing tables; - writes CSV or JSON "
                                                       "(--format) to standard output", "FILE"},
    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "With -o -: csv (machine style unless --csv-style swedish) or "
                                                   "json", "FORMAT"},
    {"presentation", 0, 0, G_OPTION_ARG_FILENAME, &presentation_file, "Show the amounts as FILE says, in the "
     "terminal's tables or the file of -o: columns, signs, deviation sign, unit, decimals and headers (see "
     "tertial(1))", "FILE"},
    {"english", 0, 0, G_OPTION_ARG_NONE, &english, "English titles, headers and labels", NULL},
    {"depth", 0, 0, G_OPTION_ARG_FILENAME, &depth_text, "With -o: a report for each unit down to N levels below "
                                                        "the unit too (default 0; 1 for .docx and .pdf)", "N"},
    {"author", 0, 0, G_OPTION_ARG_STRING, &author, "With -o FILE.docx or .pdf: the handläggare named in the "
                                                   "document", "NAME"},
    {"created", 0, 0, G_OPTION_ARG_FILENAME, &created_text, "With -o FILE.docx or .pdf: the document's date "
                                                            "(default today), for reproducible output", "YYYY-MM-DD"},
    {"csv-style", 0, 0, G_OPTION_ARG_STRING, &csv_style, "With -o FILE.csv: swedish (default: ';', decimal comma, "
     "Swedish headers and a BOM, for a spreadsheet; text starting with = + - @ TAB or CR gets a leading ') or machine "
     "(',', decimal point, keys as headers, text as it is, for programs)", "STYLE"},
    {"long", 0, 0, G_OPTION_ARG_NONE, &long_csv, "With -o FILE.csv: the follow-up facts as one long table for BI "
     "tools instead of the report: a record per unit, report row, month (yyyy-mm) and measure (outcome, budget, "
     "forecast), each unit's own amounts in kronor (machine style unless --csv-style swedish)", NULL},
    {"accounts", 0, 0, G_OPTION_ARG_NONE, &long_accounts, "With --long: outcome and budget per account (the "
     "forecast stays per report row)", NULL},
    {"audit", 0, 0, G_OPTION_ARG_NONE, &audit, "With -o: audit the report's printed figures as `tertial audit` "
     "would and add each finding to its Kontroll av rapporten (none when they hold)", NULL},
    {"proposals", 0, 0, G_OPTION_ARG_FILENAME, &proposals, "With -o: the proposals of the prioritisation model "
     "for Prioriteringar (default: the store's of the year)", "FILE"},
    {"rule", 0, 0, G_OPTION_ARG_FILENAME, &rule, "With -o: rank Prioriteringar by the rule in FILE (default: "
     "benefit, cost-effectiveness, ease, cost)", "FILE"},
    {"risks", 0, 0, G_OPTION_ARG_FILENAME, &risks, "With -o: the risk analysis for Intern kontroll (default: the "
     "store's internal control of the year)", "FILE"},
    {"controls", 0, 0, G_OPTION_ARG_FILENAME, &controls, "With --risks: the internal control plan", "FILE"},
    {"results", 0, 0, G_OPTION_ARG_FILENAME, &results, "With --controls: the controls' results at the follow-up "
     "points", "FILE"},
    {"unfunded", 0, 0, G_OPTION_ARG_FILENAME, &unfunded, "With -o: the unfunded decisions for Ofinansierade beslut "
     "(default: the store's of the year)", "FILE"},
    {"investments", 0, 0, G_OPTION_ARG_FILENAME, &investments, "With -o: the investment budget's projects for "
     "Investeringar (default: the store's of the year)", "FILE"},
    {"frame-lines", 0, 0, G_OPTION_ARG_FILENAME, &frame_lines, "With -o: Ramförändringar, the frame update lines "
     "the store keeps for budget version V (tertial frames --stage), of the report's subtree, with a Summa", "V"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Apply the stored forecast plan at a follow-up point and print or write the "
                                      "follow-up report.\nThe store is not changed.", entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "report"))
    goto out;
  if (!point) {
    code = usage_error(ctx, "--point is required");
    goto out;
  }
  if (compare && !output && !presentation_file) {
    /* the comparison is a section of the report; the terminal shows the follow-up tables only */
    code = usage_error(ctx, "--compare goes with -o: the change since the earlier forecast is a section of the "
                            "report written to FILE (.xlsx, .csv, .json, .docx or .pdf); or with --presentation, "
                            "whose Fg prognos it is");
    goto out;
  }
  if (csv_style && strcmp(csv_style, "swedish") != 0 && strcmp(csv_style, "machine") != 0) {
    code = usage_error(ctx, "--csv-style is swedish or machine");
    goto out;
  }
  gboolean to_stdout = output && strcmp(output, "-") == 0;
  if (format && !to_stdout) {
    code = usage_error(ctx, "--format goes with -o - (a file's format is its extension)");
    goto out;
  }
  if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
    code = usage_error(ctx, "--format is csv or json");
    goto out;
  }
  if (to_stdout && !format) {
    code = usage_error(ctx, "-o - writes to standard output: choose --format csv or --format json");
    goto out;
  }
  gboolean csv_output = output && (to_stdout ? strcmp(format, "csv") == 0 : has_extension(output, ".csv"));
  if (csv_style && !csv_output) {
    code = usage_error(ctx, "--csv-style needs -o FILE.csv (or -o - --format csv)");
    goto out;
  }
  gboolean document = output && (has_extension(output, ".docx") || has_extension(output, ".pdf"));
  /* CSV to standard output is for programs: the machine style unless --csv-style swedish */
  gboolean machine = csv_style ? strcmp(csv_style, "machine") == 0 : to_stdout;
  report_output ro = {compare, machine, document ? 1 : 0, author, 0, NULL, english, to_stdout ? (*format == 'c' ? ".csv" : ".json") : NULL, 0, NULL};
  if (!int_option(ctx, &code, "--depth", depth_text, &ro.depth, 0, 64, "a number of levels from 0 to 64"))
    goto out;
  if (depth_text && !output) {
    code = usage_error(ctx, "--depth goes with -o: the terminal shows the unit's tables");
    goto out;
  }
  if ((author || created_text) && !document) {
    code = usage_error(ctx, "--author and --created go with -o FILE.docx or FILE.pdf");
    goto out;
  }
  if (created_text && (ro.created = created_of(created_text)) < 0) {
    code = usage_error(ctx, "--created: expected a date YYYY-MM-DD from 1980 to 2107");
    goto out;
  }
  if (long_csv && (!csv_output || compare || presentation_file)) {
    code = usage_error(ctx, "--long needs -o FILE.csv (or -o - --format csv) and goes without --compare and "
                            "--presentation");
    goto out;
  }
  if (long_accounts && !long_csv) {
    code = usage_error(ctx, "--accounts goes with --long");
    goto out;
  }
  if (audit && (!output || long_csv)) {
    code = usage_error(ctx, "--audit goes with -o (the report, not --long): its findings are lines of the "
                            "report's Kontroll av rapporten");
    goto out;
  }
  ro.audit = audit;
  if ((proposals || rule || risks || unfunded || investments) && (!output || long_csv)) {
    code = usage_error(ctx, "--proposals, --rule, --risks, --unfunded and --investments go with -o (the report, not --long): "
                            "they are sections of the report written to FILE");
    goto out;
  }
  if (frame_lines && (!output || long_csv)) {
    code = usage_error(ctx, "--frame-lines goes with -o (the report, not --long): Ramförändringar is a section of "
                            "the report written to FILE");
    goto out;
  }
  if ((controls && !risks) || (results && !controls)) {
    code = usage_error(ctx, "--controls goes with --risks, --results with --controls");
    goto out;
  }
  plan = (report_plan_sources){proposals, rule, risks, controls, results, unfunded, NULL, 0, investments, 0, 0};
  int cutoff = 0, rc;
  if (presentation_file && (rc = tertial_presentation_load(&presentation, presentation_file)) < 0) {
    fprintf(stderr, "tertial: --presentation: %s\n", tertial_error_last());
    code = exit_of(rc);
    goto out;
  }
  ro.presentation = presentation;
  tertial_unit_id unit = 0;
  if ((code = open_model(&st, &model, argv[1], FALSE)) != EXIT_OK ||
      (code = find_cutoff(&cutoff, model, point, argv[1])) || (code = find_unit(&unit, model, unit_code, argv[1])))
    goto out;
  if ((rc = tertial_forecast_apply(model, cutoff, -1)) < 0) {
    code = fail(rc, "applying the forecast");
    goto out;
  }
  plan.store = st;
  plan.year = tertial_model_fiscal_year(model)->first_year;
  plan.frame_lines = frame_lines != NULL;
  if (frame_lines && (code = find_version(&plan.frame_measure, model, frame_lines, argv[1])) != EXIT_OK)
    goto out;
  ro.plan = &plan;
  if (output && long_csv)
    code = write_facts(model, unit, cutoff, output, csv_style && strcmp(csv_style, "swedish") == 0, long_accounts);
  else if (output)
    code = write_report(model, unit, cutoff, output, &ro, argv[1]);
  else if (presentation) {
    if ((code = print_presented(model, unit, cutoff, &ro, argv[1])) == EXIT_OK &&
        (rc = print_texts(model, unit, cutoff, english)) < 0)
      code = fail(rc, "rendering the texts");
  } else if ((rc = print_table(model, unit, cutoff, TERTIAL_VIEW_CHILDREN, english)) < 0 ||
           (rc = print_table(model, unit, cutoff, TERTIAL_VIEW_ROWS, english)) < 0 ||
           (rc = print_texts(model, unit, cutoff, english)) < 0)
    code = fail(rc, "rendering the tables");
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(point);
  g_free(unit_code);
  g_free(output);
  g_free(compare);
  g_free(csv_style);
  g_free(depth_text);
  g_free(author);
  g_free(created_text);
  g_free(presentation_file);
  g_free(format);
  g_free(proposals);
  g_free(rule);
  g_free(risks);
  g_free(controls);
  g_free(results);
  g_free(unfunded);
  g_free(investments);
  g_free(frame_lines);
  tertial_presentation_free(presentation);
  g_option_context_free(ctx);
  return code;
}

/* ---- check ---- */

static int cmd_check(int argc, char **argv)
{
  char *point = NULL, *unit_code = NULL;
  gboolean json = FALSE;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. T1 (required)", "CODE"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_code, "Check this unit's subtree (default: the municipality)",
     "CODE"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Check the follow-up at a point for consistency (after applying the stored "
                                      "forecast plan).\nPrints one finding per line; exits 1 when any is an error.",
                                entries, TRUE);
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
  if ((code = open_model(&st, &model, argv[1], FALSE)) != EXIT_OK ||
      (code = find_cutoff(&cutoff, model, point, argv[1])) || (code = find_unit(&unit, model, unit_code, argv[1])))
    goto out;
  if ((rc = tertial_forecast_apply(model, cutoff, -1)) < 0 ||
      (rc = tertial_check_model(&f, model, unit, cutoff, -1)) < 0) {
    code = fail(rc, "checking");
    goto out;
  }
  cli_json j;
  if (json)
    cli_json_begin(&j);
  for (size_t i = 0; i < tertial_findings_count(f); i++) {
    const tertial_finding *x = tertial_findings_at(f, i);
    if (json) {
      cli_json_item(&j);
      cli_json_str(&j, "severity", x->severity == TERTIAL_SEVERITY_ERROR ? "error" : "warning");
      cli_json_str(&j, "kind", tertial_finding_kind_name(x->kind));
      cli_json_str(&j, "unit", x->unit_code);
      cli_json_str(&j, "row", x->row_code);
      cli_json_int(&j, "column", x->column);
      if (x->kind == TERTIAL_FINDING_ROUNDING) { /* in display steps, not öre */
        cli_json_int(&j, "expected_steps", x->expected);
        cli_json_int(&j, "found_steps", x->found);
      } else {
        cli_json_money(&j, "expected", x->expected);
        cli_json_money(&j, "found", x->found);
      }
      continue;
    }
    printf("%s\t%s\t%s\t%s\t%d\t%lld\t%lld\n", x->severity == TERTIAL_SEVERITY_ERROR ? "error" : "warning",
           tertial_finding_kind_name(x->kind), shown(x->unit_code), shown(x->row_code), x->column, (long long)x->expected,
           (long long)x->found);
  }
  if (json)
    cli_json_end(&j);
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
static int add_adjustment(tertial_model *model, const char *spec, int kind, const char *db, const cli_person *who)
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
  } else if ((rc = who ? tertial_round_adjustment_add_as(NULL, who->round, &who->actor, who->point, unit, f[1], amount,
                                                         (tertial_adjustment_kind)kind, f[3])
                       : tertial_forecast_add_adjustment(tertial_model_forecast_plan(model), unit, f[1], amount,
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
static int set_method(tertial_model *model, const char *spec, const char *db, const cli_person *who)
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
      (rc = who ? tertial_round_method_set_as(who->round, &who->actor, who->point, unit, strcmp(f[1], "*") ? f[1] : NULL,
                                              (tertial_forecast_method)method, n)
                : tertial_forecast_set_method(tertial_model_forecast_plan(model), unit, strcmp(f[1], "*") ? f[1] : NULL,
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
    printf("%zu\t%s\t%s\t%s\t%s\t%s\n", i + 1, shown(tertial_org_unit(org, a->unit)->code), shown(a->row_code), buf,
           kind_names[a->kind], shown(a->reason));
  }
}

static int cmd_forecast(int argc, char **argv)
{
  char *point = NULL, *kind_text = NULL, *remove_text = NULL, **adjust = NULL, **methods = NULL, *as = NULL,
       *for_whom = NULL;
  int code = EXIT_OK, kind = TERTIAL_ADJUST_KNOWN_FACTOR, remove = 0;
  gboolean list = FALSE;
  const GOptionEntry entries[] = {
    CLI_PERSON_OPTIONS(as, for_whom),
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. T1 (required)", "CODE"},
    {"adjust", 'a', 0, G_OPTION_ARG_FILENAME_ARRAY, &adjust, "Add an adjustment: unit, line row, amount in kronor "
                                                           "(ledger sign: more cost is positive) and reason", "UNIT;ROW;AMOUNT;REASON"},
    {"kind", 'k', 0, G_OPTION_ARG_FILENAME, &kind_text, "Kind of the adjustments added: known (default), taken or "
                                                      "planned", "KIND"},
    {"method", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &methods, "Set the base method of a unit and its descendants for "
                                                            "a line row (* for every row): remaining-budget, linear, "
                                                            "budget-profile, last-year-profile or run-rate (N months, "
                                                            "default 3)", "UNIT;ROW;METHOD[;N]"},
    {"remove", 'r', 0, G_OPTION_ARG_FILENAME, &remove_text, "Remove adjustment N (as numbered by --list)", "N"},
    {"list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the adjustments (number, unit, row, kr, kind, reason)", NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Change the forecast plan's method rules and adjustments, apply the plan at "
                                      "a follow-up point's cut-off (each unit's base method plus adjustments) and "
                                      "save the forecasts. With --as PERSON each change is checked by the "
                                      "follow-up round and written at once with its audit entry, in the order "
                                      "--remove, --method, --adjust; a refused change stops the run and the ones "
                                      "before it stay written. Without --as the changes are saved together, "
                                      "unchecked, unless the round has locked the point.",
                                entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "forecast") ||
      !int_option(ctx, &code, "--remove", remove_text, &remove, 1, INT_MAX,
                  "the number of an adjustment as --list shows it, 1 or more"))
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
  if (for_whom && !as) {
    code = usage_error(ctx, "--for goes with --as");
    goto out;
  }
  int cutoff = 0, rc;
  cli_person person;
  const cli_person *who = NULL;
  if ((code = open_model(&st, &model, argv[1], TRUE)) != EXIT_OK ||
      (code = find_cutoff(&cutoff, model, point, argv[1])) != EXIT_OK ||
      (code = cli_person_begin(&person, &who, st, model, as, for_whom, point, argv[1])) != EXIT_OK ||
      (!who && (code = refuse_locked(model, point, argv[1])) != EXIT_OK))
    goto out;
  /* the changes are for this point: the library refuses them if it is frozen */
  tertial_forecast_set_cutoff(tertial_model_forecast_plan(model), cutoff);
  if (remove && (rc = who ? tertial_round_adjustment_remove_as(who->round, &who->actor, point, (size_t)remove - 1)
                          : tertial_forecast_remove_adjustment(tertial_model_forecast_plan(model), (size_t)remove - 1)) <
                  0) {
    if (rc == TERTIAL_ERR_RANGE)
      fprintf(stderr, "tertial: %s: no adjustment %d\n", argv[1], remove);
    else
      fprintf(stderr, "tertial: %s: --remove %d: %s\n", argv[1], remove, tertial_error_last());
    code = exit_of(rc);
    goto out;
  }
  for (size_t i = 0; methods && methods[i]; i++)
    if ((code = set_method(model, methods[i], argv[1], who)) != EXIT_OK)
      goto out;
  for (size_t i = 0; adjust && adjust[i]; i++)
    if ((code = add_adjustment(model, adjust[i], kind, argv[1], who)) != EXIT_OK)
      goto out;
  if ((rc = tertial_forecast_apply(model, cutoff, -1)) < 0) {
    code = fail(rc, "applying the forecast");
    if (who)
      fprintf(stderr, "tertial: %s: the changes before were written; take back the one that does not fit with "
                      "--remove N (numbers as --list shows them)\n", argv[1]);
  } else if (!who) {
    code = save_model(st, model);
  }
  if (code == EXIT_OK && list)
    list_adjustments(model);
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(point);
  g_free(kind_text);
  g_free(remove_text);
  g_strfreev(adjust);
  g_strfreev(methods);
  g_free(as);
  g_free(for_whom);
  g_option_context_free(ctx);
  return code;
}

/* ---- snapshot ---- */

static int cmd_snapshot(int argc, char **argv)
{
  char *date = NULL, *as = NULL, *for_whom = NULL;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    CLI_PERSON_OPTIONS(as, for_whom),
    {"date", 'd', 0, G_OPTION_ARG_FILENAME, &date, "Date the forecast was made (default today)", "YYYY-MM-DD"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB POINT", "Apply the forecast at a follow-up point and freeze it. A frozen point "
                                            "cannot be changed. With --as PERSON (an economist on the "
                                            "municipality) the snapshot is checked by the follow-up round and "
                                            "written with its audit entry; it needs the year as the store holds "
                                            "it now (another person's change since the load is a conflict).", entries, TRUE);
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
  if (for_whom && !as) {
    code = usage_error(ctx, "--for goes with --as");
    goto out;
  }
  int cutoff = 0, rc;
  const tertial_snapshot *existing;
  cli_person person;
  const cli_person *who = NULL;
  if ((code = open_model(&st, &model, argv[1], TRUE)) != EXIT_OK ||
      (code = find_cutoff(&cutoff, model, argv[2], argv[1])) != EXIT_OK ||
      (code = cli_person_begin(&person, &who, st, model, as, for_whom, argv[2], argv[1])) != EXIT_OK ||
      (!who && (code = refuse_locked(model, argv[2], argv[1])) != EXIT_OK))
    goto out;
  if (tertial_snapshot_find(&existing, model, argv[2]) == 0) {
    fprintf(stderr, "tertial: %s: follow-up point %s was frozen on %04d-%02d-%02d and cannot be changed\n", argv[1],
            argv[2], tertial_snapshot_taken_on(existing).year, tertial_snapshot_taken_on(existing).month,
            tertial_snapshot_taken_on(existing).day);
    code = EXIT_INPUT;
    goto out;
  }
  if ((rc = tertial_forecast_apply(model, cutoff, -1)) < 0 ||
      (rc = who ? tertial_round_snapshot_take_as(who->round, &who->actor, argv[2], taken)
                : tertial_snapshot_take(NULL, model, argv[2], taken)) < 0)
    code = fail(rc, "taking the snapshot");
  else if (!who)
    code = save_model(st, model);
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(date);
  g_free(as);
  g_free(for_whom);
  g_option_context_free(ctx);
  return code;
}

/* ---- org ---- */

static int cmd_org(int argc, char **argv)
{
  char *period_text = NULL;
  gboolean json = FALSE;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"period", 'p', 0, G_OPTION_ARG_FILENAME, &period_text, "Show the tree as it stands in this month (default: the "
                                                          "last month of the fiscal year)", "YYYYMM"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Print the organisation as a tree: code, name, level and manager (--json: "
                                      "code, name, level, manager, parent, depth, in pre-order).", entries,
                                TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_org_iter *it = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "org"))
    goto out;
  if ((code = open_model(&st, &model, argv[1], FALSE)) != EXIT_OK)
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
  cli_json j;
  if (json)
    cli_json_begin(&j);
  while (tertial_org_iter_next(it, &u, &depth) == 1) {
    const tertial_unit *x = tertial_org_unit(org, u);
    if (json) {
      tertial_unit_id parent = TERTIAL_NO_UNIT;
      tertial_org_parent(&parent, org, u, period);
      cli_json_item(&j);
      cli_json_str(&j, "code", x->code);
      cli_json_str(&j, "name", x->name);
      cli_json_str(&j, "level", tertial_org_level_name(org, x->level));
      cli_json_str(&j, "manager", x->manager);
      cli_json_str(&j, "parent", parent == TERTIAL_NO_UNIT ? NULL : tertial_org_unit(org, parent)->code);
      cli_json_int(&j, "depth", depth);
      continue;
    }
    printf("%*s%s %s (%s%s%s)\n", 2 * depth, "", shown(x->code), shown(x->name),
           shown(tertial_org_level_name(org, x->level)), *x->manager ? ", " : "", shown(x->manager));
  }
  if (json)
    cli_json_end(&j);
out:
  tertial_org_iter_free(it);
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(period_text);
  g_option_context_free(ctx);
  return code;
}

/* ---- import-sie ---- */

/* A progress bar on stderr while a file is read. */
typedef struct progress {
  const char *name;
  int shown;  /* per mille last drawn, -1 before the first */
  gint64 started;
} progress;

static int draw_progress(uint64_t bytes_read, uint64_t bytes_total, void *data)
{
  progress *p = data;
  int permille = bytes_total ? (int)(bytes_read * 1000 / bytes_total) : 0;
  if (permille > 1000)
    permille = 1000;
  if (p->shown >= 0 && permille - p->shown < 5 && permille < 1000)
    return 0;
  p->shown = permille;
  double seconds = (double)(g_get_monotonic_time() - p->started) / 1e6;
  char bar[31];
  int filled = permille * 30 / 1000;
  for (int i = 0; i < 30; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[30] = '\0';
  const char *base = strrchr(p->name, '/');
  fprintf(stderr, "\r%-24.24s [%s] %3d%% %7.1f MB %5.1f MB/s", base ? base + 1 : p->name, bar, permille / 10,
          (double)bytes_read / 1e6, seconds > 0 ? (double)bytes_read / 1e6 / seconds : 0.0);
  fflush(stderr);
  return 0;
}

/* One fiscal year's model while files are loaded into it. */
typedef struct import_year {
  int year;
  tertial_model *model;
  gboolean hierarchy_done;
  unsigned replaced[3]; /* months of outcome, prior-year outcome and budget replaced by this
                           command's files so far: later files of the year add to them */
} import_year;

/* "2026-01..2026-03, 2026-05": the months of a mask of a fiscal year (of the year before when
 * prior). */
static void months_text(char *buf, size_t size, const tertial_fiscal_year *fy, unsigned months, gboolean prior)
{
  size_t n = 0;
  buf[0] = '\0';
  for (int mo = 0; mo < 12 && n < size; mo++) {
    if (!(months >> mo & 1))
      continue;
    int last = mo, p1 = 0, p2 = 0;
    while (last + 1 < 12 && months >> (last + 1) & 1)
      last++;
    tertial_fiscal_year_period(&p1, fy, mo);
    tertial_fiscal_year_period(&p2, fy, last);
    if (prior)
      p1 -= 100, p2 -= 100;
    int w = last == mo ? snprintf(buf + n, size - n, "%s%d-%02d", n ? ", " : "", p1 / 100, p1 % 100)
                       : snprintf(buf + n, size - n, "%s%d-%02d..%d-%02d", n ? ", " : "", p1 / 100, p1 % 100,
                                  p2 / 100, p2 % 100);
    n += w > 0 ? (size_t)w : 0;
    mo = last;
  }
}

/* What a load did not take as the file has it: every reader diagnostic and every note that is
 * a problem (the others with -v), the months replaced (with -v), and a summary line when there
 * were problems. Returns the number of problems. */
static uint64_t report_load(const tertial_sie_load *load, const char *file, const tertial_fiscal_year *fy)
{
  const tertial_sie_summary *s = tertial_sie_load_summary(load);
  for (size_t i = 0; i < tertial_sie_load_diagnostic_count(load); i++)
    fprintf(stderr, "tertial: %s\n", tertial_sie_load_diagnostic(load, i)->message);
  if (s->reader.diagnostics_dropped)
    fprintf(stderr, "tertial: %s: %llu more diagnostics not shown\n", file,
            (unsigned long long)s->reader.diagnostics_dropped);
  for (size_t i = 0; i < tertial_sie_load_note_count(load); i++) {
    const tertial_sie_note *n = tertial_sie_load_note(load, i);
    if (n->is_problem || opt_verbose)
      fprintf(stderr, "tertial: %s\n", n->message);
  }
  if (s->notes_dropped)
    fprintf(stderr, "tertial: %s: %llu more notes not shown\n", file, (unsigned long long)s->notes_dropped);
  if (opt_verbose) {
    const unsigned months[3] = {s->outcome_months, s->prior_months, s->budget_months};
    const int64_t before[3] = {s->outcome_before, s->prior_before, s->budget_before};
    const int64_t after[3] = {s->outcome_after, s->prior_after, s->budget_after};
    const char *what[3] = {"outcome", "prior-year outcome", "budget"};
    for (int k = 0; k < 3; k++) {
      if (!months[k])
        continue;
      char when[200], was[40], now[40];
      months_text(when, sizeof when, fy, months[k], k == 1);
      tertial_money_format(was, sizeof was, before[k], TERTIAL_UNIT_KR, 2);
      tertial_money_format(now, sizeof now, after[k], TERTIAL_UNIT_KR, 2);
      fprintf(stderr, "tertial: %s: %s of %s replaced: net result %s kr before, %s kr after\n", file, what[k], when,
              was, now);
    }
  }
  if (s->problems) {
    char kr[40];
    tertial_money_format(kr, sizeof kr, s->unplaced, TERTIAL_UNIT_KR, 2);
    fprintf(stderr, "tertial: %s: loaded with %llu problem%s: %s kr read but not loaded (see the notes above), "
                    "%llu line%s with an amount not readable (%s NOT in the store)\n",
            file, (unsigned long long)s->problems, s->problems == 1 ? "" : "s", kr,
            (unsigned long long)s->unreadable, s->unreadable == 1 ? "" : "s",
            s->unreadable == 1 ? "its amount is" : "their amounts are");
  }
  return s->problems;
}

/* The model a file goes into: the store's model of the file's fiscal year (by its #RAR 0), or
 * the latest year for a file without one. */
static int model_for(import_year **out, GArray *years, tertial_store *st, const char *file, gboolean strict)
{
  tertial_sie_options ro = TERTIAL_SIE_OPTIONS_INIT;
  ro.mode = strict ? TERTIAL_SIE_STRICT : TERTIAL_SIE_LENIENT;
  tertial_fiscal_year fy;
  int year = 0, rc = tertial_sie_fiscal_year(&fy, file, 0, &ro);
  if (rc == 0) {
    year = fy.first_year;
  } else if (rc == TERTIAL_ERR_NOT_FOUND) {
    int n = tertial_store_year_count(st);
    if (n > 0 && tertial_store_year_at(&year, st, (size_t)n - 1) < 0)
      year = 0;
  } else {
    return fail(rc, file);
  }
  for (guint i = 0; i < years->len; i++)
    if (g_array_index(years, import_year, i).year == year) {
      *out = &g_array_index(years, import_year, i);
      return EXIT_OK;
    }
  import_year y = {year, NULL, FALSE, {0, 0, 0}};
  if (year && tertial_store_has_year(st, year) == 0) {
    char *held = year_list(st);
    fprintf(stderr, "tertial: %s: the file is of the fiscal year %d, which %s does not hold (it holds %s; add the "
                    "year with tertial init %s --year %d)\n", file, year, tertial_store_path(st), *held ? held : "none",
            tertial_store_path(st), year);
    g_free(held);
    return EXIT_INPUT;
  }
  int code = load_year(&y.model, st, year);
  if (code != EXIT_OK)
    return code;
  g_array_append_val(years, y);
  *out = &g_array_index(years, import_year, years->len - 1);
  return EXIT_OK;
}

/* A model's net result for the whole year: the result row of every root unit's outcome (the
 * units at depth 0 of the organisation's forest in the year's last month). */
static int64_t net_result(tertial_model *model)
{
  const tertial_rowmap *map = tertial_model_rowmap(model);
  int result = tertial_rowmap_result_row(map), period = 0, depth;
  int64_t total = 0, one;
  tertial_org_iter *it = NULL;
  tertial_unit_id u;
  if (result < 0 || tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), 11) < 0 ||
      tertial_org_iter_new(&it, tertial_model_org(model), TERTIAL_NO_UNIT, period) < 0)
    return 0;
  while (tertial_org_iter_next(it, &u, &depth) == 1)
    if (depth == 0 &&
        tertial_ledger_row_total(&one, tertial_model_ledger(model), map, u, result, TERTIAL_MEASURE_OUTCOME, 0, 11) == 0)
      total += one;
  tertial_org_iter_free(it);
  return total;
}

static int cmd_import_sie(int argc, char **argv)
{
  int dim = 1, code = EXIT_OK;
  char *hierarchy_path = NULL, *hierarchy = NULL, *dim_text = NULL;
  gboolean strict = FALSE, quiet = FALSE, accept = FALSE;
  uint64_t problems = 0;
  const GOptionEntry entries[] = {
    {"dim", 'd', 0, G_OPTION_ARG_FILENAME, &dim_text, "SIE dimension whose objects are units (default 1)", "N"},
    {"hierarchy", 'H', 0, G_OPTION_ARG_FILENAME, &hierarchy_path, "Units to add above the SIE objects "
                                                                  "(code;parent;name;level per line)", "MAP"},
    {"strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Stop at the first departure from the SIE specification", NULL},
    {"accept-problems", 0, 0, G_OPTION_ARG_NONE, &accept, "Exit 0 (not 6) when the load had problems; they are "
                                                          "still reported", NULL},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress bar (there is none unless stderr is a terminal)",
     NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB FILE...", "Load SIE files into the store, each into the model of its fiscal "
                                              "year (its #RAR 0; the latest year for a file without one), all in "
                                              "one transaction: if any file fails, nothing is saved. A file replaces "
                                              "the months it holds (importing it again does not double them). "
                                              "Lenient (the default) loads what is sound, reports every problem "
                                              "and exits 6; --strict refuses any.",
                                entries, FALSE);
  tertial_store *st = NULL;
  GArray *years = g_array_new(FALSE, TRUE, sizeof(import_year));
  gboolean bar = FALSE;
  if (!parse(ctx, &argc, &argv, &code) ||
      !int_option(ctx, &code, "--dim", dim_text, &dim, 1, INT_MAX, "a SIE dimension number (#DIM), 1 or more"))
    goto out;
  if (argc < 3) {
    code = usage_error(ctx, "import-sie takes a store path and at least one SIE file");
    goto out;
  }
  bar = !quiet && isatty(fileno(stderr));
  if (hierarchy_path) {
    GError *err = NULL;
    if (!g_file_get_contents(hierarchy_path, &hierarchy, NULL, &err)) {
      fprintf(stderr, "tertial: %s\n", err->message);
      g_error_free(err);
      code = EXIT_IO;
      goto out;
    }
  }
  int rc = tertial_store_open(&st, argv[1], 0);
  if (rc < 0) {
    code = fail(rc, "opening the store");
    goto out;
  }
  for (int i = 2; i < argc; i++) {
    import_year *y = NULL;
    if ((code = model_for(&y, years, st, argv[i], strict)) != EXIT_OK)
      goto out;
    tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
    progress pr = {argv[i], -1, g_get_monotonic_time()};
    o.unit_dimension = dim;
    o.reader.mode = strict ? TERTIAL_SIE_STRICT : TERTIAL_SIE_LENIENT;
    o.reader.progress = bar ? draw_progress : NULL;
    o.reader.progress_data = &pr;
    o.hierarchy = y->hierarchy_done ? NULL : hierarchy;
    o.hierarchy_name = hierarchy_path;
    o.add_outcome_months = y->replaced[0]; /* months an earlier file of this command filled */
    o.add_prior_months = y->replaced[1];
    o.add_budget_months = y->replaced[2];
    y->hierarchy_done = TRUE;
    tertial_sie_load *load = NULL;
    rc = tertial_sie_load_file(&load, y->model, argv[i], &o);
    if (bar && pr.shown >= 0)
      fputc('\n', stderr);
    if (rc < 0) {
      code = fail(rc, argv[i]);
      goto out;
    }
    const tertial_sie_summary *ls = tertial_sie_load_summary(load);
    y->replaced[0] |= ls->outcome_months;
    y->replaced[1] |= ls->prior_months;
    y->replaced[2] |= ls->budget_months;
    problems += report_load(load, argv[i], tertial_model_fiscal_year(y->model));
    if (opt_verbose) {
      /* the year's net result (NETTORESULTAT) as loaded so far: a type 4 file's vouchers
       * balance on a balance-sheet account, so the sum of all amounts loaded says nothing */
      const tertial_sie_summary *sum = tertial_sie_load_summary(load);
      char kr[40];
      tertial_money_format(kr, sizeof kr, net_result(y->model), TERTIAL_UNIT_KR, 2);
      fprintf(stderr,
              "tertial: %s: %s, fiscal year %d: net result %s kr, %zu units matched, %zu added, %zu notes\n",
              argv[i], shown(sum->company), tertial_model_fiscal_year(y->model)->first_year, kr, sum->units_matched,
              sum->units_added, tertial_sie_load_note_count(load));
    }
    tertial_sie_load_free(load);
  }
  tertial_model **models = g_new(tertial_model *, years->len);
  for (guint i = 0; i < years->len; i++)
    models[i] = g_array_index(years, import_year, i).model;
  if (bar)
    fprintf(stderr, "saving %s ...", argv[1]);
  if (opt_verbose)
    fprintf(stderr, "tertial: saving %u fiscal year%s in %s\n", years->len, years->len > 1 ? "s" : "", argv[1]);
  rc = tertial_store_save_years(st, models, years->len);
  if (bar)
    fprintf(stderr, rc < 0 ? "\n" : " done\n");
  g_free(models);
  code = rc < 0 ? save_failed(rc) : problems && !accept ? EXIT_PROBLEMS : EXIT_OK;
  if (code == EXIT_PROBLEMS)
    fprintf(stderr, "tertial: saved what was sound, with %llu problem%s (exit 6; --accept-problems to exit 0, "
                    "--strict to refuse)\n", (unsigned long long)problems, problems == 1 ? "" : "s");
out:
  for (guint i = 0; i < years->len; i++)
    tertial_model_free(g_array_index(years, import_year, i).model);
  g_array_free(years, TRUE);
  tertial_store_free(st);
  g_free(hierarchy_path);
  g_free(hierarchy);
  g_free(dim_text);
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
  {"import", cmd_import,
   "import the organisation, accounts, budget, outcome, people or indicator values from CSV or xlsx"},
  {"org", cmd_org, "print the organisation"},
  {"budget", cmd_budget, "list and revise budget versions, set annual budgets, list and add periodisation keys"},
  {"forecast", cmd_forecast, "adjust, apply and save the forecast of a follow-up point"},
  {"measures", cmd_measures, "measures (åtgärder), the units that need them at a point, budget-adherence plans"},
  {"accruals", cmd_accruals, "accruals (periodiseringar) and the adjusted outcome"},
  {"snapshot", cmd_snapshot, "freeze the forecast of a follow-up point"},
  {"people", cmd_people, "the people of the follow-up round and their roles"},
  {"round", cmd_round, "the round at a point: status, progress, what is late; submit, approve, return, lock"},
  {"goals", cmd_goals, "the goal tree at a point with statuses and styrtal; the red thread; set a status"},
  {"indicators", cmd_indicators, "the indicators at a unit and point; the volumes' early warnings"},
  {"text", cmd_text, "the texts of a unit at a point: set, show, history"},
  {"log", cmd_log, "the round's audit trail"},
  {"report", cmd_report, "print or write the follow-up report of a point"},
  {"check", cmd_check, "check a follow-up for consistency"},
  {"accuracy", cmd_accuracy, "forecast accuracy of a closed year and a backtest of the base methods"},
  {"wheel", cmd_wheel, "the annual wheel's calendar of a year from a template, or what is due in a week"},
  {"priorities", cmd_priorities, "proposals for prioritisation, efficiency and rationing, ranked by a rule"},
  {"risks", cmd_risks, "a risk analysis: risk values and decisions, the internal control plan and its follow-up"},
  {"audit", cmd_audit, "check the arithmetic of printed follow-up tables (CSV, xlsx, JSON files)"},
  {"unfunded", cmd_unfunded, "unfunded decisions (ofinansierade beslut): the unfunded part per committee and in total"},
  {"investments", cmd_investments, "the investment budget: projects with amounts per year, totals per committee and category"},
  {"intcontrol", cmd_intcontrol, "the internal control's follow-up per point through the round: list, report a result"},
  {"frames", cmd_frames, "budget preparation: preliminary frames, MoR, finansplan, the opposition's alternative"},
};

static void print_usage(FILE *out)
{
  fprintf(out, "Usage: tertial COMMAND DB [OPTION...]\n\nBudget follow-up for Swedish municipalities.\n\n"
               "Commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\n`tertial COMMAND --help` describes a command.\n"
               EXIT_STATUS_HELP "\n");
}

int main(int argc, char **argv)
{
  /* the locale's character set, so GLib writes the help's "åtgärder" and "…" as they are rather
   * than as '?' (it converts to the locale's charset, ASCII until setlocale); numbers stay C
   * style (the library's text, CSV and JSON never depend on LC_NUMERIC, nor may a dependency's),
   * and GLib's and the C library's messages stay English like the rest of the CLI */
  setlocale(LC_ALL, "");
  setlocale(LC_NUMERIC, "C");
  setlocale(LC_MESSAGES, "C");
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
