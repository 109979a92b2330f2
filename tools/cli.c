/* What the commands of the tertial command line share (see cli.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

gboolean opt_verbose;
int opt_year;
char **parsed_args;

/* --year as given (see int_option) */
static char *opt_year_text;

int exit_of(int rc)
{
  if (rc == TERTIAL_ERR_CONFLICT)
    return EXIT_CONFLICT;
  if (rc == TERTIAL_ERR_NOT_PERMITTED)
    return EXIT_NOT_PERMITTED;
  return rc == TERTIAL_ERR_IO || rc == TERTIAL_ERR_NOMEM ? EXIT_IO : EXIT_INPUT;
}

int fail(int rc, const char *what)
{
  fprintf(stderr, "tertial: %s: %s\n", what, shown(tertial_error_last()));
  return exit_of(rc);
}

int usage_error(GOptionContext *ctx, const char *msg)
{
  fprintf(stderr, "tertial: %s\n", msg);
  if (ctx) {
    char *help = g_option_context_get_help(ctx, TRUE, NULL);
    fputs(help, stderr);
    g_free(help);
  }
  return EXIT_USAGE;
}

gboolean int_option(GOptionContext *ctx, int *code, const char *name, const char *text, int *value, int min, int max,
                    const char *expected)
{
  if (!text)
    return TRUE;
  char *end;
  errno = 0;
  long long v = g_ascii_strtoll(text, &end, 10);
  if (*text && !g_ascii_isspace(*text) && !*end && errno == 0 && v >= min && v <= max) {
    *value = (int)v;
    return TRUE;
  }
  char *msg = g_strdup_printf("%s %s: expected %s", name, *text ? text : "\"\"", expected);
  *code = usage_error(ctx, msg);
  g_free(msg);
  return FALSE;
}

GOptionContext *context(const char *params, const char *summary, const GOptionEntry *entries, gboolean year)
{
  static const GOptionEntry common[] = {
    {"verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, "Say what was done", NULL},
    G_OPTION_ENTRY_NULL,
  };
  static const GOptionEntry year_entry[] = {
    {"year", 'y', 0, G_OPTION_ARG_FILENAME, &opt_year_text, "Fiscal year, by its first calendar year (default: the latest "
                                                  "in the store)", "Y"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = g_option_context_new(params);
  g_option_context_set_summary(ctx, summary);
  g_option_context_set_description(ctx, EXIT_STATUS_HELP);
  if (entries)
    g_option_context_add_main_entries(ctx, entries, NULL);
  if (year)
    g_option_context_add_main_entries(ctx, year_entry, NULL);
  g_option_context_add_main_entries(ctx, common, NULL);
  return ctx;
}

/* Text options are declared as FILENAME so GLib passes their bytes unchanged (a STRING option is
 * converted from the locale's charset, which is ASCII under LANG=C); they are UTF-8 as the
 * store. */
gboolean parse(GOptionContext *ctx, int *argc, char ***argv, int *code)
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
  gboolean ok = int_option(ctx, code, "--year", opt_year_text, &opt_year, YEAR_FIRST, YEAR_LAST,
                           "a fiscal year by its first calendar year (" YEAR_RANGE "), such as 2026");
  g_free(opt_year_text);
  opt_year_text = NULL;
  return ok;
}

gboolean parse_db(GOptionContext *ctx, int *argc, char ***argv, int *code, const char *command)
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

char *year_list(tertial_store *st)
{
  GString *s = g_string_new(NULL);
  int n = tertial_store_year_count(st);
  for (int i = 0; i < n; i++) {
    int y;
    if (tertial_store_year_at(&y, st, (size_t)i) == 0)
      g_string_append_printf(s, "%s%d", s->len ? ", " : "", y);
  }
  return g_string_free(s, FALSE);
}

int load_year(tertial_model **model, tertial_store *st, int year)
{
  const char *path = tertial_store_path(st);
  int rc = year ? tertial_store_load_year(model, st, year) : tertial_store_load(model, st);
  /* forecasts on every processor: the results are the same on any number of threads, and a
   * model too small to gain stays on one */
  if (rc == 0)
    rc = tertial_forecast_set_threads(tertial_model_forecast_plan(*model), 0);
  if (rc == 0)
    return EXIT_OK;
  if (rc == TERTIAL_ERR_NOT_FOUND && year && tertial_store_has_model(st) == 1) {
    char *years = year_list(st);
    fprintf(stderr, "tertial: %s holds no fiscal year %d (it holds %s)\n", path, year, years);
    g_free(years);
    return EXIT_INPUT;
  }
  fprintf(stderr, "tertial: loading %s: %s\n", path, tertial_error_last());
  return rc == TERTIAL_ERR_NOT_FOUND ? EXIT_INPUT : exit_of(rc);
}

int open_model(tertial_store **st, tertial_model **model, const char *path, gboolean write)
{
  int rc = tertial_store_open(st, path, write ? 0 : TERTIAL_STORE_READONLY);
  if (rc < 0)
    return fail(rc, "opening the store");
  int code = load_year(model, *st, opt_year);
  if (code != EXIT_OK) {
    tertial_store_free(*st);
    *st = NULL;
  }
  return code;
}

void utc_text(char *buf, size_t size, time_t t)
{
  struct tm tm;
  if (gmtime_r(&t, &tm))
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
  else
    snprintf(buf, size, "%lld", (long long)t);
}

int find_person(tertial_person_id *out, tertial_round *round, const char *key, const char *db)
{
  if (tertial_round_find_person(out, round, key) == 0)
    return EXIT_OK;
  fprintf(stderr, "tertial: %s: unknown person \"%s\"\n", db, shown(key));
  return EXIT_INPUT;
}

int find_actor(tertial_actor *out, tertial_round *round, const char *as, const char *for_whom, const char *db)
{
  int code = find_person(&out->person, round, as, db);
  out->on_behalf_of = TERTIAL_NO_PERSON;
  if (code == EXIT_OK && for_whom)
    code = find_person(&out->on_behalf_of, round, for_whom, db);
  return code;
}

int cli_person_begin(cli_person *out, const cli_person **who, tertial_store *st, tertial_model *model, const char *as,
                     const char *for_whom, const char *point, const char *db)
{
  *who = NULL;
  if (!as)
    return EXIT_OK;
  int rc;
  if (!(out->round = tertial_model_round(model)))
    return fail(TERTIAL_ERR_NOMEM, "the round");
  if ((rc = tertial_store_bind_round(st, model)) < 0)
    return fail(rc, "binding the round to the store");
  out->point = point;
  int code = find_actor(&out->actor, out->round, as, for_whom, db);
  if (code == EXIT_OK)
    *who = out;
  return code;
}

int refuse_locked(tertial_model *model, const char *point, const char *db)
{
  tertial_round *round = tertial_model_round(model);
  tertial_person_id by;
  time_t since;
  if (!round)
    return fail(TERTIAL_ERR_NOMEM, "the round");
  if (tertial_round_is_locked(round, point, &by, &since) != 1) {
    tertial_error_clear();
    return EXIT_OK;
  }
  const tertial_person *p = tertial_round_person_at(round, by);
  char when[32];
  utc_text(when, sizeof when, since);
  fprintf(stderr, "tertial: %s: follow-up point %s is locked since %s by %s (%s): nothing was changed\n", db,
          shown(point), when, p ? shown(p->key) : "?", p ? shown(p->name) : "?");
  return EXIT_NOT_PERMITTED;
}

char *snapshot_list(tertial_model *model)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < tertial_snapshot_count(model); i++) {
    const tertial_snapshot *x = tertial_snapshot_at(model, i);
    tertial_date d = tertial_snapshot_taken_on(x);
    g_string_append_printf(s, "%s%s (frozen %04d-%02d-%02d)", s->len ? ", " : "", tertial_snapshot_point(x), d.year,
                           d.month, d.day);
  }
  if (!s->len)
    g_string_append(s, "none yet");
  return g_string_free(s, FALSE);
}

void snapshot_hint(tertial_model *model, const char *db)
{
  char *list = snapshot_list(model);
  int year = tertial_model_fiscal_year(model)->first_year;
  char then[32] = "";
  if (opt_year)
    snprintf(then, sizeof then, " --year %d", year);
  fprintf(stderr, "tertial: %s: the frozen follow-up points of the fiscal year %d: %s; freeze one with `tertial "
                  "snapshot %s POINT --date YYYY-MM-DD%s`\n", db, year, list, db, then);
  g_free(list);
}

int save_model(tertial_store *st, tertial_model *model)
{
  if (opt_verbose)
    fprintf(stderr, "tertial: saving %s (%d)\n", tertial_store_path(st),
            tertial_model_fiscal_year(model)->first_year);
  int rc = tertial_store_save(st, model);
  return rc < 0 ? save_failed(rc) : EXIT_OK;
}

int save_failed(int rc)
{
  int code = fail(rc, "saving the store");
  if (rc == TERTIAL_ERR_CONFLICT)
    fprintf(stderr, "tertial: nothing was saved: run the command again\n");
  return code;
}

int find_cutoff(int *cutoff, tertial_model *model, const char *point, const char *db)
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

int find_unit(tertial_unit_id *out, tertial_model *model, const char *code, const char *db)
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

int parse_date(tertial_date *out, const char *s)
{
  int y, m, d, days;
  char tail;
  if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || tertial_days_in_month(&days, y, m) < 0 || d < 1 ||
      d > days)
    return -1;
  *out = (tertial_date){y, m, d};
  return 0;
}

/* What shown() replaces: the controls (C0 with TAB, LF, CR and ESC; DEL; C1), the line and
 * paragraph separators and the bidirectional controls: the set the library's renderers replace
 * in text for a terminal (lib/base/fileio.c, TERTIAL__TEXT_LINE). */
static gboolean unprintable(gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

const char *shown(const char *s)
{
  static GString *ring[16];
  static unsigned next;
  GString **slot = &ring[next++ % G_N_ELEMENTS(ring)];
  if (!*slot)
    *slot = g_string_new(NULL);
  GString *out = *slot;
  g_string_truncate(out, 0);
  for (const char *p = s ? s : ""; *p;) {
    gunichar c = g_utf8_get_char_validated(p, -1);
    gboolean invalid = c == (gunichar)-1 || c == (gunichar)-2; /* then skip one byte */
    const char *n = invalid ? p + 1 : g_utf8_next_char(p);
    if (invalid || unprintable(c))
      g_string_append(out, "\xEF\xBF\xBD");
    else
      g_string_append_len(out, p, n - p);
    p = n;
  }
  return out->str;
}

int find_version(int *out, tertial_model *model, const char *text, const char *db)
{
  tertial_ledger *ledger = tertial_model_ledger(model);
  char *end;
  long n = strtol(text, &end, 10);
  tertial_budget_version v;
  if (*text && !*end && n >= 0 && n < 1000000 && tertial_budget_version_of(&v, model, (int)n) == 0) {
    *out = (int)n;
    return EXIT_OK;
  }
  if (tertial_ledger_find_measure(out, ledger, text) == 0 && tertial_budget_version_of(&v, model, *out) == 0)
    return EXIT_OK;
  fprintf(stderr, "tertial: %s: no budget version \"%s\"; the versions are:", db, text);
  for (size_t i = 0; i < tertial_budget_version_count(model); i++)
    if (tertial_budget_version_at(&v, model, i) == 0)
      fprintf(stderr, " %d (%s)", v.measure, shown(v.name));
  fprintf(stderr, "\n");
  return EXIT_INPUT;
}
