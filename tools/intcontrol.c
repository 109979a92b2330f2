/* tertial intcontrol: the internal control's follow-up at the follow-up points through the round
 * (round.h): each control's result per point, "ej rapporterad" where none is, and a result
 * reported as a person (--as), checked and written with its audit entry. The risk analysis and the
 * control plan come into the store with `tertial risks FILE --plan FILE --save DB --year Y`. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const tertial_control_result *result_of(const tertial_intcontrol *ic, const char *control, const char *point)
{
  for (size_t i = 0; i < tertial_intcontrol_result_count(ic); i++) {
    const tertial_control_result *x = tertial_intcontrol_result_at(ic, i);
    if (strcmp(x->control, control) == 0 && strcmp(x->point, point) == 0)
      return x;
  }
  return NULL;
}

/* Whether control c is listed at point p: it is reported there, or has a result there. */
static int listed_at(const tertial_intcontrol *ic, const tertial_control *c, const char *p)
{
  return strcmp(c->point, p) == 0 || result_of(ic, c->code, p) != NULL;
}

/* One control at one point: text (TSV) or a JSON item. */
static void print_row(cli_json *j, tertial_model *model, tertial_round *round, const tertial_control *c,
                      const char *point)
{
  const tertial_intcontrol *ic = tertial_round_intcontrol(round);
  const tertial_control_result *x = result_of(ic, c->code, point);
  tertial_unit_id u;
  const char *unit = tertial_round_control_unit(&u, round, c->code) == 0
                         ? tertial_org_unit(tertial_model_org(model), u)->code
                         : NULL;
  tertial_error_clear();
  tertial_control_report rep;
  tertial_round_control_report(&rep, round, c->code, point);
  const tertial_person *by = tertial_round_person_at(round, rep.person);
  const tertial_person *obo = tertial_round_person_at(round, rep.on_behalf_of);
  char when[32] = "";
  if (rep.version)
    utc_text(when, sizeof when, rep.when);
  if (j) {
    cli_json_item(j);
    cli_json_str(j, "point", point);
    cli_json_str(j, "control", c->code);
    cli_json_str(j, "risk", c->risk);
    cli_json_str(j, "activity", c->activity);
    cli_json_str(j, "unit", unit);
    cli_json_str(j, "responsible", c->responsible);
    cli_json_bool(j, "reported", x != NULL);
    cli_json_str(j, "result", x ? x->result : NULL);
    if (x)
      cli_json_int(j, "deviations", x->deviations);
    else
      cli_json_str(j, "deviations", NULL);
    cli_json_str(j, "measures", x ? x->measures : NULL);
    cli_json_int(j, "version", (long long)rep.version);
    cli_json_str(j, "by", by ? by->key : NULL);
    cli_json_str(j, "on_behalf_of", obo ? obo->key : NULL);
    cli_json_str(j, "when", rep.version ? when : NULL);
    return;
  }
  printf("%s\t%s\t%s\t%s\t", shown(point), shown(c->code), shown(c->activity), unit ? shown(unit) : "?");
  if (!x) {
    printf("ej rapporterad\n");
    return;
  }
  printf("%s\tavvikelser %d\t%s\tversion %llu", shown(x->result), x->deviations, *x->measures ? shown(x->measures) : "-",
         (unsigned long long)rep.version);
  if (by)
    printf("\t%s%s%s %s", shown(by->key), obo ? " för " : "", obo ? shown(obo->key) : "", when);
  else
    printf("\timporterad");
  printf("\n");
}

/* Every control at the point asked, or at every point of the calendar in order. */
static int list_results(tertial_model *model, tertial_round *round, const char *point, gboolean json)
{
  const tertial_intcontrol *ic = tertial_round_intcontrol(round);
  if (!ic)
    return fail(TERTIAL_ERR_NOMEM, "the internal control");
  const tertial_calendar *cal = tertial_model_calendar(model);
  cli_json j;
  if (json)
    cli_json_begin(&j);
  for (size_t p = 0; p < tertial_calendar_point_count(cal); p++) {
    const char *code = tertial_calendar_point(cal, p)->code;
    if (point && strcmp(point, code) != 0)
      continue;
    for (size_t i = 0; i < tertial_intcontrol_control_count(ic); i++) {
      const tertial_control *c = tertial_intcontrol_control_at(ic, i);
      if (listed_at(ic, c, code))
        print_row(json ? &j : NULL, model, round, c, code);
    }
  }
  if (json)
    cli_json_end(&j);
  return EXIT_OK;
}

/* --control K --result ... as the person: against --version, or the version this run read. */
static int report(const cli_person *who, const char *control, const char *result, int deviations,
                  const char *measures, int version)
{
  if (!g_utf8_validate(result, -1, NULL) || (measures && !g_utf8_validate(measures, -1, NULL))) {
    fprintf(stderr, "tertial: --result and --measures must be UTF-8\n");
    return EXIT_INPUT;
  }
  tertial_control_report rep;
  tertial_round_control_report(&rep, who->round, control, who->point);
  uint64_t read = version >= 0 ? (uint64_t)version : rep.version, now = 0;
  int rc = tertial_round_control_result_set_as(who->round, &who->actor, who->point, control, result, deviations,
                                               measures, read, &now);
  if (rc < 0) {
    fprintf(stderr, "tertial: --control %s: %s\n", shown(control), tertial_error_last());
    return exit_of(rc);
  }
  if (opt_verbose)
    fprintf(stderr, "tertial: control %s at %s: version %llu\n", shown(control), shown(who->point),
            (unsigned long long)now);
  return EXIT_OK;
}

int cmd_intcontrol(int argc, char **argv)
{
  char *point = NULL, *control = NULL, *result = NULL, *measures = NULL, *deviations_text = NULL,
       *version_text = NULL, *as = NULL, *for_whom = NULL;
  gboolean json = FALSE;
  int code = EXIT_OK, deviations = 0, version = -1;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. T1 (required with --as; else only that "
     "point)", "CODE"},
    {"control", 'c', 0, G_OPTION_ARG_STRING, &control, "With --as: the control whose result is reported", "CODE"},
    {"result", 'r', 0, G_OPTION_ARG_STRING, &result, "With --control: what the control showed", "TEXT"},
    {"deviations", 0, 0, G_OPTION_ARG_FILENAME, &deviations_text, "With --control: the number of deviations found "
     "(default 0)", "N"},
    {"measures", 0, 0, G_OPTION_ARG_STRING, &measures, "With --control: the measures taken (default none)", "TEXT"},
    {"version", 0, 0, G_OPTION_ARG_FILENAME, &version_text, "With --control: the version of the result the report "
     "replaces (as the listing shows; default: the version this run read)", "N"},
    CLI_PERSON_OPTIONS(as, for_whom),
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "The internal control's follow-up through the round: each control of the "
                                      "plan at the point it is reported at (and wherever it has a result): point, "
                                      "control, activity, unit (its risk's committee), then the result, deviations, "
                                      "measures, version and who reported it, or \"ej rapporterad\". With --as PERSON "
                                      "--point P --control K --result TEXT, reports a result as that person: checked "
                                      "against the round (a manager or head of the unit or above it, the lock, the "
                                      "unit's status, the version) and written at once with an entry in the audit "
                                      "trail. The plan comes in with `tertial risks FILE --plan FILE --save DB`.",
                                entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "intcontrol") ||
      !int_option(ctx, &code, "--deviations", deviations_text, &deviations, 0, INT_MAX, "a number, 0 or more") ||
      !int_option(ctx, &code, "--version", version_text, &version, 0, INT_MAX, "a version, 0 or more"))
    goto out;
  gboolean reporting = control || result || deviations_text || measures || version_text;
  if (reporting && (!as || !control || !result || !point)) {
    code = usage_error(ctx, "--control goes with --result, --as and --point (and --deviations, --measures, --version, "
                            "--for with them)");
    goto out;
  }
  if ((as || for_whom) && !reporting) {
    code = usage_error(ctx, "--as reports a result: give --control and --result");
    goto out;
  }
  if (reporting && json) {
    code = usage_error(ctx, "--json goes with the listing");
    goto out;
  }
  cli_person person;
  const cli_person *who = NULL;
  int cutoff;
  if ((code = open_model(&st, &model, argv[1], reporting)) != EXIT_OK ||
      (point && (code = find_cutoff(&cutoff, model, point, argv[1])) != EXIT_OK) ||
      (code = cli_person_begin(&person, &who, st, model, as, for_whom, point, argv[1])) != EXIT_OK)
    goto out;
  if (!tertial_round_intcontrol(tertial_model_round(model))) {
    code = fail(TERTIAL_ERR_NOMEM, "the internal control");
    goto out;
  }
  code = reporting ? report(who, control, result, deviations, measures, version)
                   : list_results(model, tertial_model_round(model), point, json);
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(point);
  g_free(control);
  g_free(result);
  g_free(measures);
  g_free(deviations_text);
  g_free(version_text);
  g_free(as);
  g_free(for_whom);
  g_option_context_free(ctx);
  return code;
}
