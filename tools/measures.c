/* tertial measures: measures (åtgärder) against deficits — list, add, follow up, feed into the
 * forecast — the escalation rule over the hierarchy at a follow-up point (which units are in
 * balance, covered within their parent, or need measures), and the budget-adherence plans.
 * tertial accruals: expected late invoices and revenue, and the adjusted outcome (justerat
 * utfall) beside the booked one. Every change of one run is saved in one transaction. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const status_names[] = {"proposed", "decided", "in-progress", "done", "cancelled"};
static const char *const verdict_names[] = {"in-balance", "covered", "needs-measures"};

/* An amount someone entered, in kr: whole kronor without decimals, öre when there are any. */
static void format_kr(char *buf, size_t size, int64_t ore)
{
  tertial_money_format(buf, size, ore, TERTIAL_UNIT_KR, ore % 100 ? 2 : 0);
}

/* The text of an option is UTF-8, as the store's. */
static int check_utf8(const char *option, const char *spec)
{
  if (g_utf8_validate(spec, -1, NULL))
    return EXIT_OK;
  fprintf(stderr, "tertial: %s: the text is not UTF-8\n", option);
  return EXIT_INPUT;
}

/* Split "A;B;...": exactly n fields, or at most n with the last taking the rest (the texts
 * before it cannot hold ';'). NULL after a message when the count is wrong. */
static char **split_spec(const char *option, const char *spec, guint n, gboolean rest, const char *form)
{
  char **f = g_strsplit(spec, ";", rest ? (gint)n : -1);
  if (g_strv_length(f) == n)
    return f;
  fprintf(stderr, "tertial: %s \"%s\": expected %s%s\n", option, spec, form,
          rest ? "" : " (the texts cannot hold ';')");
  g_strfreev(f);
  return NULL;
}

/* An amount in kronor, Swedish or SIE style. */
static int parse_kr(int64_t *out, const char *option, const char *spec, const char *text)
{
  if (tertial_money_parse(out, text, TERTIAL_MONEY_ANY) == 0)
    return EXIT_OK;
  fprintf(stderr, "tertial: %s \"%s\": %s\n", option, spec, tertial_error_last());
  return EXIT_INPUT;
}

/* ---- measures ---- */

/* A measure's number as --list shows it (1-based); spec is the option's whole text. */
static int measure_number(size_t *out, tertial_model *model, const char *option, const char *spec, const char *text,
                          const char *db)
{
  size_t n = tertial_measure_count(model);
  char *end;
  long k = strtol(text, &end, 10);
  if (*text && !*end && k >= 1 && (unsigned long)k <= n) {
    *out = (size_t)k - 1;
    return EXIT_OK;
  }
  char *label = spec == text ? g_strdup_printf("%s %s", option, spec) : g_strdup_printf("%s \"%s\"", option, spec);
  if (!*text || *end)
    fprintf(stderr, "tertial: %s: expected a measure number, got \"%s\"\n", label, text);
  else if (n == 0)
    fprintf(stderr, "tertial: %s: no measure %s; %s has no measures\n", label, text, db);
  else
    fprintf(stderr, "tertial: %s: no measure %s; the measures are numbered 1..%zu (see measures --list)\n", label,
            text, n);
  g_free(label);
  return EXIT_INPUT;
}

/* --add UNIT;ROW;DESCRIPTION;CAUSE;EFFECT;CONSEQUENCE;YYYY-MM-DD */
static int add_measure(tertial_model *model, const char *spec, const char *db, const cli_person *who)
{
  int code = check_utf8("--add", spec), rc;
  if (code != EXIT_OK)
    return code;
  char **f = split_spec("--add", spec, 7, FALSE, "UNIT;ROW;DESCRIPTION;CAUSE;EFFECT;CONSEQUENCE;YYYY-MM-DD");
  if (!f)
    return EXIT_INPUT;
  tertial_unit_id unit;
  int64_t effect;
  tertial_date due;
  if ((code = find_unit(&unit, model, f[0], db)) != EXIT_OK) {
  } else if (!*f[2]) {
    fprintf(stderr, "tertial: --add \"%s\": the description is empty\n", spec);
    code = EXIT_INPUT;
  } else if ((code = parse_kr(&effect, "--add", spec, f[4])) != EXIT_OK) {
  } else if (parse_date(&due, f[6]) < 0) {
    fprintf(stderr, "tertial: --add \"%s\": expected the date the measure takes effect as YYYY-MM-DD, got \"%s\"\n",
            spec, f[6]);
    code = EXIT_INPUT;
  } else if ((rc = who ? tertial_round_measure_add_as(NULL, who->round, &who->actor, who->point, unit, f[1], f[2], f[3],
                                                      effect, f[5], due)
                       : tertial_measure_add(NULL, model, unit, f[1], f[2], f[3], effect, f[5], due)) < 0) {
    fprintf(stderr, "tertial: --add \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  } else if (opt_verbose) {
    fprintf(stderr, "tertial: added measure %zu\n", tertial_measure_count(model));
  }
  g_strfreev(f);
  return code;
}

/* What a status change did to a measure in the forecast (-v): its adjustment moved with it. */
static void say_moved(tertial_model *model, size_t index, long before, const char *spec)
{
  const tertial_measure *m = tertial_measure_at(model, index);
  if (!opt_verbose || before < 0)
    return;
  if (m->adjustment < 0)
    fprintf(stderr, "tertial: --status \"%s\": the measure is out of the forecast (its adjustment %ld removed)\n",
            spec, before + 1);
  else
    fprintf(stderr, "tertial: --status \"%s\": adjustment %ld is now a %s\n", spec, m->adjustment + 1,
            tertial_forecast_adjustment_at(tertial_model_forecast_plan(model), (size_t)m->adjustment)->kind ==
                    TERTIAL_ADJUST_MEASURE_TAKEN
                ? "measure taken"
                : "planned measure");
}

/* --status N;STATUS[;COMMENT] */
static int set_status(tertial_model *model, const char *spec, const char *db, const cli_person *who)
{
  int code = check_utf8("--status", spec), rc, status = 0;
  if (code != EXIT_OK)
    return code;
  char **f = g_strsplit(spec, ";", 3);
  size_t index;
  if (g_strv_length(f) < 2) {
    fprintf(stderr, "tertial: --status \"%s\": expected N;STATUS[;COMMENT]\n", spec);
    code = EXIT_INPUT;
  } else if ((code = measure_number(&index, model, "--status", spec, f[0], db)) == EXIT_OK) {
    while (status < 5 && strcmp(f[1], status_names[status]) != 0)
      status++;
    if (status == 5) {
      fprintf(stderr, "tertial: --status \"%s\": unknown status \"%s\" (proposed, decided, in-progress, done, "
                      "cancelled)\n", spec, f[1]);
      code = EXIT_INPUT;
    } else {
      long before = tertial_measure_at(model, index)->adjustment;
      if ((rc = who ? tertial_round_measure_set_status_as(who->round, &who->actor, who->point, index,
                                                          (tertial_measure_status)status, f[2])
                    : tertial_measure_set_status(model, index, (tertial_measure_status)status, f[2])) < 0) {
        fprintf(stderr, "tertial: --status \"%s\": %s\n", spec, tertial_error_last());
        code = exit_of(rc);
      } else {
        say_moved(model, index, before, spec);
      }
    }
  }
  g_strfreev(f);
  return code;
}

/* --feed N */
static int feed_measure(tertial_model *model, const char *text, const char *db, const cli_person *who)
{
  size_t index;
  int code = measure_number(&index, model, "--feed", text, text, db), rc;
  if (code != EXIT_OK)
    return code;
  const tertial_measure *m = tertial_measure_at(model, index);
  if ((rc = who ? tertial_round_measure_feed_as(who->round, &who->actor, who->point, index)
              : tertial_measure_feed_forecast(model, index)) == 0) {
    if (opt_verbose)
      fprintf(stderr, "tertial: measure %s fed into the forecast as a %s\n", text,
              m->status == TERTIAL_MEASURE_DONE ? "measure taken" : "planned measure");
    return EXIT_OK;
  }
  if (rc == TERTIAL_ERR_STATE && m->in_forecast)
    fprintf(stderr, "tertial: --feed %s: measure %s (\"%s\") is already in the forecast; a measure feeds it "
                    "once\n", text, text, shown(m->description));
  else if (rc == TERTIAL_ERR_STATE && (m->status == TERTIAL_MEASURE_PROPOSED || m->status == TERTIAL_MEASURE_CANCELLED))
    fprintf(stderr, "tertial: --feed %s: measure %s (\"%s\") is %s; only a decided, in-progress or done measure "
                    "can be fed into the forecast (set its status with --status)\n",
            text, text, shown(m->description), status_names[m->status]);
  else
    fprintf(stderr, "tertial: --feed %s: %s\n", text, tertial_error_last());
  return exit_of(rc);
}

/* --goal N;CODE (an empty CODE removes the link) */
static int set_goal(tertial_model *model, const char *spec, const char *db, const cli_person *who)
{
  int code = check_utf8("--goal", spec), rc;
  if (code != EXIT_OK)
    return code;
  char **f = g_strsplit(spec, ";", 2);
  size_t index;
  if (g_strv_length(f) != 2) {
    fprintf(stderr, "tertial: --goal \"%s\": expected N;GOAL (the measure's number and the code of the goal it "
                    "serves; N; removes the link)\n", spec);
    code = EXIT_INPUT;
  } else if ((code = measure_number(&index, model, "--goal", spec, f[0], db)) == EXIT_OK &&
             (rc = who ? tertial_round_measure_set_goal_as(who->round, &who->actor, who->point, index, f[1])
                       : tertial_measure_set_goal(model, index, f[1])) < 0) {
    fprintf(stderr, "tertial: --goal \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  }
  g_strfreev(f);
  return code;
}

/* --kind N;efficiency|deviation */
static int set_kind(tertial_model *model, const char *spec, const char *db, const cli_person *who)
{
  int code = check_utf8("--kind", spec), rc;
  if (code != EXIT_OK)
    return code;
  char **f = g_strsplit(spec, ";", 2);
  size_t index;
  int kind = -1;
  if (g_strv_length(f) == 2)
    kind = strcmp(f[1], "efficiency") == 0 ? TERTIAL_MEASURE_EFFICIENCY
           : strcmp(f[1], "deviation") == 0 ? TERTIAL_MEASURE_FOR_DEVIATION : -1;
  if (kind < 0) {
    fprintf(stderr, "tertial: --kind \"%s\": expected N;efficiency or N;deviation\n", spec);
    code = EXIT_INPUT;
  } else if ((code = measure_number(&index, model, "--kind", spec, f[0], db)) == EXIT_OK &&
             (rc = who ? tertial_round_measure_set_kind_as(who->round, &who->actor, who->point, index,
                                                          (tertial_measure_kind)kind)
                       : tertial_measure_set_kind(model, index, (tertial_measure_kind)kind)) < 0) {
    fprintf(stderr, "tertial: --kind \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  }
  g_strfreev(f);
  return code;
}

/* --as, --for and --point of measures and accruals: --for and --point go with --as, which needs
 * --point; the adherence plans (--moment, --risk) are not changes of the round yet. */
static int person_options(GOptionContext *ctx, const char *as, const char *for_whom, const char *point,
                          gboolean plans)
{
  if ((for_whom || point) && !as)
    return usage_error(ctx, "--for and --point go with --as");
  if (as && !point)
    return usage_error(ctx, "--as needs --point: the follow-up point the changes belong to");
  if (as && plans)
    return usage_error(ctx, "--moment and --risk change the adherence plans, which the follow-up round does not "
                            "check yet: run them without --as");
  return EXIT_OK;
}

/* The adherence plan of a unit and its manager, made when it has none. */
static int plan_of(tertial_adherence_plan **plan, tertial_model *model, const char *option, const char *spec,
                   const char *code, const char *db)
{
  tertial_unit_id unit;
  int rc, exit_code = find_unit(&unit, model, code, db);
  if (exit_code != EXIT_OK)
    return exit_code;
  if ((rc = tertial_adherence_plan_get(plan, model, unit, NULL)) < 0) {
    fprintf(stderr, "tertial: %s \"%s\": %s\n", option, spec, tertial_error_last());
    return exit_of(rc);
  }
  return EXIT_OK;
}

/* --moment UNIT;TEXT */
static int add_moment(tertial_model *model, const char *spec, const char *db)
{
  int code = check_utf8("--moment", spec), rc;
  if (code != EXIT_OK)
    return code;
  char **f = split_spec("--moment", spec, 2, TRUE, "UNIT;TEXT");
  tertial_adherence_plan *plan;
  if (!f)
    return EXIT_INPUT;
  if (!*f[1]) {
    fprintf(stderr, "tertial: --moment \"%s\": the text is empty\n", spec);
    code = EXIT_INPUT;
  } else if ((code = plan_of(&plan, model, "--moment", spec, f[0], db)) == EXIT_OK &&
             (rc = tertial_adherence_plan_add_moment(plan, f[1])) < 0) {
    fprintf(stderr, "tertial: --moment \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  }
  g_strfreev(f);
  return code;
}

/* --risk UNIT;CAUSE;MEASURES;EFFECT;CONSEQUENCES */
static int add_risk(tertial_model *model, const char *spec, const char *db)
{
  int code = check_utf8("--risk", spec), rc;
  if (code != EXIT_OK)
    return code;
  char **f = split_spec("--risk", spec, 5, TRUE, "UNIT;CAUSE;MEASURES;EFFECT;CONSEQUENCES");
  tertial_adherence_plan *plan;
  int64_t effect;
  if (!f)
    return EXIT_INPUT;
  if (!*f[1]) {
    fprintf(stderr, "tertial: --risk \"%s\": the cause is empty\n", spec);
    code = EXIT_INPUT;
  } else if ((code = parse_kr(&effect, "--risk", spec, f[3])) == EXIT_OK &&
             (code = plan_of(&plan, model, "--risk", spec, f[0], db)) == EXIT_OK &&
             (rc = tertial_adherence_plan_add_risk(plan, f[1], f[2], effect, f[4])) < 0) {
    fprintf(stderr, "tertial: --risk \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  }
  g_strfreev(f);
  return code;
}

/* One measure a line: number, unit, row, status, effect kr, due date, in the forecast (- not;
 * planned or taken: the kind of the adjustment it is), description, cause, consequence, latest
 * follow-up comment. */
static void list_measures(tertial_model *model, gboolean json)
{
  tertial_org *org = tertial_model_org(model);
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  cli_json j;
  if (json)
    cli_json_begin(&j);
  for (size_t i = 0; i < tertial_measure_count(model); i++) {
    const tertial_measure *m = tertial_measure_at(model, i);
    char kr[40], due[16] = "";
    const char *in_forecast = "-";
    if (m->adjustment >= 0)
      in_forecast = tertial_forecast_adjustment_at(plan, (size_t)m->adjustment)->kind == TERTIAL_ADJUST_MEASURE_TAKEN
                      ? "taken" : "planned";
    if (m->due.year)
      snprintf(due, sizeof due, "%04d-%02d-%02d", m->due.year, m->due.month, m->due.day);
    if (json) {
      cli_json_item(&j);
      cli_json_int(&j, "number", (long long)i + 1);
      cli_json_str(&j, "unit", tertial_org_unit(org, m->unit)->code);
      cli_json_str(&j, "row", m->row_code);
      cli_json_str(&j, "status", (unsigned)m->status < 5 ? status_names[m->status] : "?");
      cli_json_money(&j, "effect", m->effect);
      cli_json_str(&j, "due", *due ? due : NULL);
      cli_json_str(&j, "in_forecast", m->adjustment >= 0 ? in_forecast : NULL);
      cli_json_str(&j, "description", m->description);
      cli_json_str(&j, "cause", m->cause);
      cli_json_str(&j, "consequence", m->consequence);
      cli_json_str(&j, "follow_up", m->follow_up);
      cli_json_str(&j, "goal", m->goal && *m->goal ? m->goal : NULL);
      cli_json_str(&j, "kind", m->kind == TERTIAL_MEASURE_EFFICIENCY ? "efficiency" : "deviation");
      continue;
    }
    format_kr(kr, sizeof kr, m->effect);
    printf("%zu\t%s\t%s\t%s\t%s\t%04d-%02d-%02d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i + 1,
           shown(tertial_org_unit(org, m->unit)->code), shown(m->row_code),
           (unsigned)m->status < 5 ? status_names[m->status] : "?", kr, m->due.year, m->due.month, m->due.day,
           in_forecast, shown(m->description), shown(m->cause), shown(m->consequence), shown(m->follow_up),
           m->goal && *m->goal ? shown(m->goal) : "-", m->kind == TERTIAL_MEASURE_EFFICIENCY ? "efficiency" : "deviation");
  }
  if (json)
    cli_json_end(&j);
}

/* The adherence plans of a unit (one per manager): a "plan" line with the unit and manager,
 * then its critical moments and its risks. */
static void show_plan(tertial_model *model, tertial_unit_id unit, const char *db)
{
  const char *code = tertial_org_unit(tertial_model_org(model), unit)->code;
  size_t plans = 0;
  for (size_t i = 0; i < tertial_adherence_plan_count(model); i++) {
    const tertial_adherence_plan *p = tertial_adherence_plan_at(model, i);
    if (tertial_adherence_plan_unit(p) != unit)
      continue;
    plans++;
    printf("plan\t%s\t%s\n", shown(code), shown(tertial_adherence_plan_manager(p)));
    for (size_t k = 0; k < tertial_adherence_plan_moment_count(p); k++)
      printf("moment\t%s\n", shown(tertial_adherence_plan_moment(p, k)));
    for (size_t k = 0; k < tertial_adherence_plan_risk_count(p); k++) {
      const tertial_adherence_risk *r = tertial_adherence_plan_risk(p, k);
      char kr[40];
      format_kr(kr, sizeof kr, r->expected_effect);
      printf("risk\t%s\t%s\t%s\t%s\n", shown(r->cause), shown(r->measures), kr, shown(r->consequences));
    }
  }
  if (!plans)
    fprintf(stderr, "tertial: %s: unit %s has no budget-adherence plan (add to it with --moment and --risk)\n", db,
            shown(code));
}

/* Årets prognos of a unit's subtree (result row) at a cut-off. */
static int subtree_forecast(int64_t *out, tertial_model *model, tertial_unit_id unit, int cutoff)
{
  tertial_followup *t;
  int rc = tertial_followup_new(&t, model, unit, cutoff, NULL);
  if (rc < 0)
    return rc;
  *out = tertial_followup_line_at(t, tertial_followup_line_count(t) - 1)->value[TERTIAL_COL_FORECAST];
  tertial_followup_free(t);
  return 0;
}

/* Measures recorded on a unit or below it in a period, cancelled ones left out. */
static size_t measures_within(tertial_model *model, tertial_unit_id unit, int period)
{
  size_t n = 0;
  for (size_t i = 0; i < tertial_measure_count(model); i++) {
    const tertial_measure *m = tertial_measure_at(model, i);
    if (m->status != TERTIAL_MEASURE_CANCELLED &&
        tertial_org_is_within(tertial_model_org(model), m->unit, unit, period) == 1)
      n++;
  }
  return n;
}

/* The escalation rule at a cut-off: per unit of the subtree (indented by depth; down to
 * max_depth below the root, all when negative) its forecast deviation, its parent's, the
 * verdict, the measures recorded on it or below, and its deviation after the planned measures;
 * then a count over the whole subtree. */
static int print_deviations(tertial_model *model, tertial_unit_id root, int cutoff, int max_depth)
{
  tertial_deviations *d = NULL;
  tertial_org *org = tertial_model_org(model);
  int period, rc = tertial_deviations_classify(&d, model, root, cutoff);
  size_t count[3] = {0, 0, 0}, bare = 0;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), cutoff - 1);
  for (size_t i = 0; rc == 0 && i < tertial_deviations_count(d); i++) {
    const tertial_deviation *x = tertial_deviations_at(d, i);
    size_t n = measures_within(model, x->unit, period);
    if ((unsigned)x->verdict < 3)
      count[x->verdict]++;
    if (x->verdict == TERTIAL_DEVIATION_NEEDS_MEASURES && n == 0)
      bare++;
    if (max_depth >= 0 && x->depth > max_depth)
      continue;
    int64_t forecast, after;
    if ((rc = subtree_forecast(&forecast, model, x->unit, cutoff)) < 0 ||
        (rc = tertial_forecast_after_planned(&after, model, x->unit, cutoff)) < 0)
      break;
    char dev[40], parent[40], dev_after[40];
    tertial_money_format(dev, sizeof dev, x->forecast_deviation, TERTIAL_UNIT_KR, 0);
    tertial_money_format(parent, sizeof parent, x->parent_deviation, TERTIAL_UNIT_KR, 0);
    /* budget − (forecast + planned) = deviation − planned */
    tertial_money_format(dev_after, sizeof dev_after, x->forecast_deviation - (after - forecast), TERTIAL_UNIT_KR, 0);
    printf("%*s%s %s\t%s\t%s\t%s\t%zu\t%s\n", 2 * x->depth, "", shown(x->unit_code),
           shown(tertial_org_unit(org, x->unit)->name),
           dev, parent, (unsigned)x->verdict < 3 ? verdict_names[x->verdict] : "?", n, dev_after);
  }
  if (rc == 0)
    printf("%zu unit%s: %zu in balance, %zu covered within their parent, %zu need measures, %zu of them with no "
           "measure recorded\n", tertial_deviations_count(d), tertial_deviations_count(d) == 1 ? "" : "s", count[0],
           count[1], count[2], bare);
  tertial_deviations_free(d);
  return rc;
}

int cmd_measures(int argc, char **argv)
{
  char **adds = NULL, **statuses = NULL, **feeds = NULL, **goals = NULL, **kinds = NULL, **moments = NULL,
       **risks = NULL;
  char *deviations = NULL, *unit_code = NULL, *plan = NULL, *depth_text = NULL, *as = NULL, *for_whom = NULL,
       *point = NULL;
  gboolean list = FALSE, json = FALSE;
  int code = EXIT_OK, depth = -1;
  const GOptionEntry entries[] = {
    CLI_PERSON_OPTIONS(as, for_whom),
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "With --as: the follow-up point the changes belong to "
                                                     "(required)", "CODE"},
    {"add", 'a', 0, G_OPTION_ARG_FILENAME_ARRAY, &adds, "Add a measure (status proposed): unit, line row it lands "
                                                        "on, what is done, the cause it addresses, expected effect "
                                                        "in kronor (the improvement of the result: positive is "
                                                        "better), consequences for the activity, and the date it "
                                                        "takes effect",
     "UNIT;ROW;DESCRIPTION;CAUSE;EFFECT;CONSEQUENCE;YYYY-MM-DD"},
    {"status", 's', 0, G_OPTION_ARG_FILENAME_ARRAY, &statuses, "Set measure N's status: proposed, decided, "
                                                               "in-progress, done or cancelled, with a follow-up "
                                                               "comment (without one the last is kept). A measure "
                                                               "in the forecast moves with it: done makes it a "
                                                               "measure taken, decided or in-progress a planned "
                                                               "measure, proposed or cancelled takes it out",
     "N;STATUS[;COMMENT]"},
    {"feed", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &feeds, "Feed measure N into the forecast plan as an "
                                                        "adjustment of -EFFECT on its unit and row: a decided or "
                                                        "in-progress measure as a planned measure (kept apart, not "
                                                        "in Årets prognos), a done one as a measure taken (in Årets "
                                                        "prognos); `tertial forecast DB --point P` then applies "
                                                        "and saves the forecast", "N"},
    {"goal", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &goals, "Link measure N to the goal it serves (a goal code of "
                                                        "`tertial goals`, owned by the measure's unit, a unit above "
                                                        "it or below it); N; removes the link", "N;GOAL"},
    {"kind", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &kinds, "Say what measure N is for: deviation (an åtgärd vid "
                                                        "avvikelse, the default) or efficiency (an "
                                                        "effektiviseringsåtgärd: the report lists them in their own "
                                                        "section)", "N;KIND"},
    {"deviations", 0, 0, G_OPTION_ARG_FILENAME, &deviations, "Apply the forecast at the point's cut-off and print "
                                                             "the escalation rule per unit: forecast deviation (kr), "
                                                             "the parent's, the verdict (in-balance, covered within "
                                                             "the parent, needs-measures), the measures recorded on "
                                                             "the unit or below, the deviation after planned "
                                                             "measures; then a count", "POINT"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_code, "With --deviations: the subtree (default: the "
                                                        "municipality)", "CODE"},
    {"depth", 0, 0, G_OPTION_ARG_FILENAME, &depth_text, "With --deviations: print the units down to N levels below the "
                                              "subtree's root (default: all; the count covers them all)", "N"},
    {"plan", 0, 0, G_OPTION_ARG_FILENAME, &plan, "Show the unit's budget-adherence plan: its manager, critical "
                                                 "moments and risks (cause, measures, expected effect kr, "
                                                 "consequences)", "UNIT"},
    {"moment", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &moments, "Add a critical moment to the adherence plan of the "
                                                            "unit and its manager", "UNIT;TEXT"},
    {"risk", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &risks, "Add a risk to the adherence plan of the unit and its "
                                                        "manager: its cause, the measures to reach balance, their "
                                                        "expected effect in kronor (positive is better) and the "
                                                        "consequences", "UNIT;CAUSE;MEASURES;EFFECT;CONSEQUENCES"},
    {"list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the measures after the changes", NULL},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "List the measures (åtgärder), one per line: number, unit, row, status, "
                                      "effect kr, date it takes effect, in the forecast (- not; planned or taken: "
                                      "the kind of the adjustment it is), description, cause, consequence, latest "
                                      "follow-up comment, goal served (- none), kind (deviation or efficiency). Or add "
                                      "measures, link them to goals, follow them up and feed them into the forecast; show which "
                                      "units need measures at a follow-up point; show and add to the "
                                      "budget-adherence plans. All changes of one run are saved in one "
                                      "transaction, in this order: --add, --status, --feed, --goal, --kind, "
                                      "--moment, --risk. With --as PERSON and --point each of --add, --status, "
                                      "--feed, --goal and --kind is checked "
                                      "by the follow-up round and written at once with its audit entry; a "
                                      "refused change stops the run and the ones before it stay written.",
                                entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "measures") ||
      !int_option(ctx, &code, "--depth", depth_text, &depth, 0, INT_MAX, "a number of levels, 0 or more"))
    goto out;
  if ((unit_code || depth_text) && !deviations) {
    code = usage_error(ctx, "--unit and --depth go with --deviations");
    goto out;
  }
  if ((code = person_options(ctx, as, for_whom, point, moments || risks)) != EXIT_OK)
    goto out;
  int cutoff = 0, rc;
  tertial_unit_id root = 0, plan_unit = 0;
  cli_person person;
  const cli_person *who = NULL;
  gboolean changes = adds || statuses || feeds || goals || kinds || moments || risks;
  if ((code = open_model(&st, &model, argv[1], changes)) != EXIT_OK ||
      (point && (code = find_cutoff(&cutoff, model, point, argv[1])) != EXIT_OK) ||
      (changes && (code = cli_person_begin(&person, &who, st, model, as, for_whom, point, argv[1])) != EXIT_OK))
    goto out;
  if (deviations && ((code = find_cutoff(&cutoff, model, deviations, argv[1])) != EXIT_OK ||
                     (code = find_unit(&root, model, unit_code, argv[1])) != EXIT_OK))
    goto out;
  if (plan && (code = find_unit(&plan_unit, model, plan, argv[1])) != EXIT_OK)
    goto out;
  gboolean changed = FALSE;
  for (size_t i = 0; adds && adds[i]; i++, changed = TRUE)
    if ((code = add_measure(model, adds[i], argv[1], who)) != EXIT_OK)
      goto out;
  for (size_t i = 0; statuses && statuses[i]; i++, changed = TRUE)
    if ((code = set_status(model, statuses[i], argv[1], who)) != EXIT_OK)
      goto out;
  for (size_t i = 0; feeds && feeds[i]; i++, changed = TRUE)
    if ((code = feed_measure(model, feeds[i], argv[1], who)) != EXIT_OK)
      goto out;
  for (size_t i = 0; goals && goals[i]; i++, changed = TRUE)
    if ((code = set_goal(model, goals[i], argv[1], who)) != EXIT_OK)
      goto out;
  for (size_t i = 0; kinds && kinds[i]; i++, changed = TRUE)
    if ((code = set_kind(model, kinds[i], argv[1], who)) != EXIT_OK)
      goto out;
  for (size_t i = 0; moments && moments[i]; i++, changed = TRUE)
    if ((code = add_moment(model, moments[i], argv[1])) != EXIT_OK)
      goto out;
  for (size_t i = 0; risks && risks[i]; i++, changed = TRUE)
    if ((code = add_risk(model, risks[i], argv[1])) != EXIT_OK)
      goto out;
  if (changed && !who && (code = save_model(st, model)) != EXIT_OK)
    goto out;
  if (list || json || (!changed && !deviations && !plan))
    list_measures(model, json);
  if (plan)
    show_plan(model, plan_unit, argv[1]);
  if (deviations) {
    /* after the save: the store keeps the forecasts `tertial forecast` saved */
    if ((rc = tertial_forecast_apply(model, cutoff, -1)) < 0)
      code = fail(rc, "applying the forecast");
    else if ((rc = print_deviations(model, root, cutoff, depth)) < 0)
      code = fail(rc, "classifying the deviations");
  }
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_strfreev(adds);
  g_strfreev(statuses);
  g_strfreev(feeds);
  g_strfreev(goals);
  g_strfreev(kinds);
  g_strfreev(moments);
  g_strfreev(risks);
  g_free(deviations);
  g_free(unit_code);
  g_free(depth_text);
  g_free(plan);
  g_free(as);
  g_free(for_whom);
  g_free(point);
  g_option_context_free(ctx);
  return code;
}

/* ---- accruals ---- */

/* A month YYYY-MM of the model's fiscal year as its index 0..11. */
static int parse_month(int *index, tertial_model *model, const char *text, const char *spec)
{
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(model);
  int y, m, first, last;
  char tail;
  if (sscanf(text, "%4d-%2d%c", &y, &m, &tail) != 2 || strlen(text) != 7 || m < 1 || m > 12) {
    fprintf(stderr, "tertial: --add \"%s\": expected a month YYYY-MM, got \"%s\"\n", spec, text);
    return EXIT_INPUT;
  }
  if (tertial_fiscal_year_index(index, fy, y * 100 + m) == 0)
    return EXIT_OK;
  tertial_fiscal_year_period(&first, fy, 0);
  tertial_fiscal_year_period(&last, fy, 11);
  fprintf(stderr, "tertial: --add \"%s\": %s is not a month of the fiscal year %d (%04d-%02d..%04d-%02d; --year "
                  "chooses the year)\n", spec, text, fy->first_year, first / 100, first % 100, last / 100, last % 100);
  return EXIT_INPUT;
}

/* --add UNIT;ACCOUNT;MONTH;AMOUNT;REASON */
static int add_accrual(tertial_model *model, const char *spec, const char *db, const cli_person *who)
{
  int code = check_utf8("--add", spec), rc, month;
  if (code != EXIT_OK)
    return code;
  char **f = split_spec("--add", spec, 5, TRUE, "UNIT;ACCOUNT;YYYY-MM;AMOUNT;REASON");
  if (!f)
    return EXIT_INPUT;
  tertial_unit_id unit;
  tertial_account_id account;
  int64_t amount;
  if ((code = find_unit(&unit, model, f[0], db)) != EXIT_OK) {
  } else if (tertial_chart_find(&account, tertial_model_chart(model), f[1]) < 0) {
    fprintf(stderr, "tertial: --add \"%s\": %s has no account %s\n", spec, db, f[1]);
    code = EXIT_INPUT;
  } else if ((code = parse_month(&month, model, f[2], spec)) != EXIT_OK) {
  } else if ((code = parse_kr(&amount, "--add", spec, f[3])) != EXIT_OK) {
  } else if (!*f[4]) {
    fprintf(stderr, "tertial: --add \"%s\": the reason is empty\n", spec);
    code = EXIT_INPUT;
  } else if ((rc = who ? tertial_round_accrual_add_as(who->round, &who->actor, who->point, unit, f[1], month, amount,
                                                      f[4])
                       : tertial_accrual_add(model, unit, f[1], month, amount, f[4])) < 0) {
    fprintf(stderr, "tertial: --add \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  }
  g_strfreev(f);
  return code;
}

/* One accrual a line: number, unit, account, month YYYY-MM, amount kr, reason. */
static void list_accruals(tertial_model *model)
{
  tertial_org *org = tertial_model_org(model);
  for (size_t i = 0; i < tertial_accrual_count(model); i++) {
    const tertial_accrual *a = tertial_accrual_at(model, i);
    char kr[40];
    int period = 0;
    tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), a->month);
    format_kr(kr, sizeof kr, a->amount);
    printf("%zu\t%s\t%s\t%04d-%02d\t%s\t%s\n", i + 1, shown(tertial_org_unit(org, a->unit)->code),
           shown(a->account), period / 100, period % 100, kr, shown(a->reason));
  }
}

/* Booked, accrued and adjusted outcome (result row, kr) of the unit and each of its children,
 * from the first month to the cut-off. */
static int print_adjusted(tertial_model *model, tertial_unit_id unit, int cutoff)
{
  tertial_org *org = tertial_model_org(model);
  tertial_org_iter *it = NULL;
  int period, depth, rc;
  tertial_unit_id u;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), cutoff - 1);
  if ((rc = tertial_org_iter_new(&it, org, unit, period)) < 0)
    return rc;
  while (rc == 0 && tertial_org_iter_next(it, &u, &depth) == 1) {
    tertial_adjusted_outcome a;
    if (depth > 1 || (rc = tertial_accrual_adjusted_outcome(&a, model, u, cutoff)) < 0)
      continue;
    char booked[40], accrued[40], adjusted[40];
    tertial_money_format(booked, sizeof booked, a.booked, TERTIAL_UNIT_KR, 2);
    tertial_money_format(accrued, sizeof accrued, a.accrued, TERTIAL_UNIT_KR, 2);
    tertial_money_format(adjusted, sizeof adjusted, a.adjusted, TERTIAL_UNIT_KR, 2);
    const tertial_unit *x = tertial_org_unit(org, u);
    printf("%*s%s %s\t%s\t%s\t%s\n", 2 * depth, "", shown(x->code), shown(x->name), booked, accrued, adjusted);
  }
  tertial_org_iter_free(it);
  return rc;
}

int cmd_accruals(int argc, char **argv)
{
  char **adds = NULL, *adjusted = NULL, *unit_code = NULL, *as = NULL, *for_whom = NULL, *point = NULL;
  gboolean list = FALSE;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    CLI_PERSON_OPTIONS(as, for_whom),
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "With --as: the follow-up point the accruals belong to "
                                                     "(required)", "CODE"},
    {"add", 'a', 0, G_OPTION_ARG_FILENAME_ARRAY, &adds, "Record an accrual: unit, account, month of the fiscal "
                                                        "year, amount in kronor in the ledger's sign (a late cost "
                                                        "positive, expected revenue negative) and why. It is kept "
                                                        "apart from the booked outcome",
     "UNIT;ACCOUNT;YYYY-MM;AMOUNT;REASON"},
    {"adjusted", 0, 0, G_OPTION_ARG_FILENAME, &adjusted, "Print the booked outcome, the accruals and the adjusted "
                                                         "outcome (justerat utfall = booked + accrued; result row, "
                                                         "kr) from the first month to the point's cut-off, for the "
                                                         "unit and each of its children", "POINT"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_code, "With --adjusted: the unit (default: the municipality)",
     "CODE"},
    {"list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the accruals after the changes", NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "List the accruals (periodiseringar: late invoices or revenue expected for "
                                      "a month), one per line: number, unit, account, month, amount kr, reason. "
                                      "Or record accruals, or show the adjusted outcome beside the booked one. "
                                      "All changes of one run are saved in one transaction; with --as PERSON and "
                                      "--point each is checked by the follow-up round and written at once with "
                                      "its audit entry.",
                                entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "accruals"))
    goto out;
  if (unit_code && !adjusted) {
    code = usage_error(ctx, "--unit goes with --adjusted");
    goto out;
  }
  if ((code = person_options(ctx, as, for_whom, point, FALSE)) != EXIT_OK)
    goto out;
  int cutoff = 0, rc;
  tertial_unit_id unit = 0;
  cli_person person;
  const cli_person *who = NULL;
  if ((code = open_model(&st, &model, argv[1], adds != NULL)) != EXIT_OK ||
      (point && (code = find_cutoff(&cutoff, model, point, argv[1])) != EXIT_OK) ||
      (adds && (code = cli_person_begin(&person, &who, st, model, as, for_whom, point, argv[1])) != EXIT_OK))
    goto out;
  if (adjusted && ((code = find_cutoff(&cutoff, model, adjusted, argv[1])) != EXIT_OK ||
                   (code = find_unit(&unit, model, unit_code, argv[1])) != EXIT_OK))
    goto out;
  gboolean changed = FALSE;
  for (size_t i = 0; adds && adds[i]; i++, changed = TRUE)
    if ((code = add_accrual(model, adds[i], argv[1], who)) != EXIT_OK)
      goto out;
  if (changed && !who && (code = save_model(st, model)) != EXIT_OK)
    goto out;
  if (list || (!changed && !adjusted))
    list_accruals(model);
  if (adjusted && (rc = print_adjusted(model, unit, cutoff)) < 0)
    code = fail(rc, "the adjusted outcome");
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_strfreev(adds);
  g_free(adjusted);
  g_free(unit_code);
  g_free(as);
  g_free(for_whom);
  g_free(point);
  g_option_context_free(ctx);
  return code;
}
