/* tertial goals and indicators: the goal tree with its statuses at a follow-up point, the red
 * thread, a goal's status set as a person through the round, and the indicators with their values,
 * lights, trends and the volumes' early warnings (goals.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const light_names[] = {"-", "grön", "gul", "röd"};
static const char *const kind_names[] = {"inriktningsområde", "KF-mål", "nämndmål", "delmål", "aktivitet"};
static const struct {
  tertial_goal_status status;
  const char *key, *swedish;
} statuses[] = {
  {TERTIAL_GOAL_NOT_STARTED, "not-started", "ej-påbörjat"},
  {TERTIAL_GOAL_MET, "met", "uppfyllt"},
  {TERTIAL_GOAL_PARTLY_MET, "partly-met", "delvis-uppfyllt"},
  {TERTIAL_GOAL_NOT_MET, "not-met", "ej-uppfyllt"},
};

/* The goals of a store's year (made when it has none, so that listing an empty store works). */
static int goals_of(tertial_goals **g, tertial_model *model)
{
  return (*g = tertial_model_goals(model)) ? EXIT_OK : fail(TERTIAL_ERR_NOMEM, "the goals");
}

/* The period of a point's cut-off and the fiscal year. */
static int point_period(int *period, tertial_model *model, const char *point, const char *db)
{
  int cutoff = 0, code = find_cutoff(&cutoff, model, point, db);
  if (code == EXIT_OK)
    tertial_fiscal_year_period(period, tertial_model_fiscal_year(model), cutoff - 1);
  return code;
}

/* "73,4" or "-" */
static const char *value_text(char *buf, size_t size, tertial_goals *g, tertial_indicator_id id, int has, int64_t v)
{
  if (!has || tertial_indicator_format_value(buf, size, g, id, v) < 0)
    snprintf(buf, size, "-");
  return buf;
}

/* One indicator at a unit and period: code, name, value, unit of measure, target, light,
 * previous, same period last year. */
static int print_indicator(tertial_goals *g, tertial_indicator_id id, tertial_unit_id unit, int period, int year,
                           const char *indent)
{
  tertial_indicator_result r;
  int rc = tertial_indicator_evaluate(&r, g, id, unit, period, year);
  if (rc < 0)
    return rc;
  const tertial_indicator_spec *s = tertial_indicator_at(g, id);
  char v[48], t[48], p[48], l[48];
  printf("%s%s\t%s\t%s\t%s\tmål %s\t%s\tföregående %s\tfg år %s\n", indent, shown(s->code), shown(s->name),
         value_text(v, sizeof v, g, id, r.has_value, r.value), shown(s->unit_of_measure),
         value_text(t, sizeof t, g, id, r.has_target, r.target), light_names[r.light],
         value_text(p, sizeof p, g, id, r.has_previous, r.previous),
         value_text(l, sizeof l, g, id, r.has_last_year, r.last_year));
  return 0;
}

/* One goal: indent, kind, code, name, unit, status (and the proposal when set otherwise), then its
 * indicators at its unit. */
static int print_goal(tertial_model *model, tertial_goals *g, tertial_goal_id id, int depth, const char *point,
                      int period)
{
  const tertial_goal *x = tertial_goal_at(g, id);
  tertial_goal_state st;
  int rc = tertial_goal_state_at(&st, g, id, point);
  if (rc < 0)
    return rc;
  printf("%*s%s\t%s\t%s\t%s\t%s", 2 * depth, "", kind_names[x->kind], shown(x->code), shown(x->name),
         shown(tertial_org_unit(tertial_model_org(model), x->unit)->code), tertial_goal_status_name(st.status));
  if (st.set && st.overridden)
    printf(" (föreslaget: %s)", tertial_goal_status_name(st.proposed));
  if (st.set)
    printf("\t%s: %s", shown(st.by), shown(st.comment));
  printf("\n");
  tertial_indicator_id *links;
  size_t n;
  if ((rc = tertial_goal_indicators(&links, &n, g, id)) < 0)
    return rc;
  char indent[64];
  snprintf(indent, sizeof indent, "%*s  styrtal ", 2 * depth, "");
  for (size_t i = 0; rc == 0 && i < n; i++)
    rc = print_indicator(g, links[i], x->unit, period, tertial_model_fiscal_year(model)->first_year, indent);
  tertial_free(links);
  return rc;
}

static int depth_of(tertial_goals *g, tertial_goal_id id)
{
  int d = 0;
  for (tertial_goal_id p = tertial_goal_at(g, id)->parent; p != TERTIAL_NO_GOAL; p = tertial_goal_at(g, p)->parent)
    d++;
  return d;
}

/* --set CODE;STATUS;COMMENT[;REASON] as a person */
static int set_goal(tertial_goals *g, const cli_person *who, const char *spec, uint64_t version)
{
  char **f = g_strsplit(spec, ";", 4);
  int code = EXIT_OK, rc;
  tertial_goal_id goal;
  size_t s = 0;
  if (!g_utf8_validate(spec, -1, NULL) || g_strv_length(f) < 3) {
    fprintf(stderr, "tertial: --set \"%s\": expected CODE;STATUS;COMMENT[;REASON] in UTF-8\n", shown(spec));
    code = EXIT_INPUT;
  } else if (tertial_goal_find(&goal, g, f[0]) < 0) {
    fprintf(stderr, "tertial: --set \"%s\": no goal %s\n", shown(spec), shown(f[0]));
    code = EXIT_INPUT;
  } else {
    while (s < G_N_ELEMENTS(statuses) && strcmp(f[1], statuses[s].key) && strcmp(f[1], statuses[s].swedish))
      s++;
    if (s == G_N_ELEMENTS(statuses)) {
      fprintf(stderr, "tertial: --set \"%s\": unknown status \"%s\" (met, partly-met, not-met, not-started or "
                      "uppfyllt, delvis-uppfyllt, ej-uppfyllt, ej-påbörjat)\n", shown(spec), shown(f[1]));
      code = EXIT_INPUT;
    } else if ((rc = tertial_round_goal_status_as(who->round, &who->actor, who->point, goal, statuses[s].status,
                                                  f[2], f[3], version)) < 0) {
      fprintf(stderr, "tertial: --set \"%s\": %s\n", shown(spec), tertial_error_last());
      code = exit_of(rc);
    }
  }
  g_strfreev(f);
  return code;
}

int cmd_goals(int argc, char **argv)
{
  char *point = NULL, *unit_code = NULL, *thread = NULL, *set = NULL, *as = NULL, *for_whom = NULL, *history = NULL,
       *version_text = NULL;
  int code = EXIT_OK, version = -1, rc;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. T1 (required)", "CODE"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_code, "Only the goals of this unit and the units below it, and "
     "their attainment per kind", "CODE"},
    {"thread", 0, 0, G_OPTION_ARG_FILENAME, &thread, "The red thread of a goal: its chain up to the strategic area, "
     "then everything below it", "GOAL"},
    {"set", 0, 0, G_OPTION_ARG_FILENAME, &set, "Set a goal's status (met, partly-met, not-met, not-started, or in "
     "Swedish) with a comment, and a reason when the indicators propose another status (with --as)",
     "GOAL;STATUS;COMMENT[;REASON]"},
    {"version", 0, 0, G_OPTION_ARG_FILENAME, &version_text, "With --set: the version of the goal's status the "
     "change was made against (as --history shows; default: whatever it is)", "N"},
    {"history", 0, 0, G_OPTION_ARG_FILENAME, &history, "Every setting of a goal's status at the point: version, "
     "status, proposed, who, when, comment, reason", "GOAL"},
    CLI_PERSON_OPTIONS(as, for_whom),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "The goal tree at a follow-up point: each goal's kind, code, name, unit and "
                                      "status (proposed by its styrtal, or set by a person), with its styrtal at its "
                                      "unit: value, unit of measure, target, light, the previous period and the "
                                      "same period last year.", entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_goals *g = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "goals") ||
      !int_option(ctx, &code, "--version", version_text, &version, 0, INT_MAX, "a version, 0 or more"))
    goto out;
  if (!point) {
    code = usage_error(ctx, "--point is required");
    goto out;
  }
  if ((set && !as) || (as && !set) || (for_whom && !as) || (version_text && !set)) {
    code = usage_error(ctx, "--set goes with --as (and --for, --version with them)");
    goto out;
  }
  int period = 0;
  tertial_unit_id root = TERTIAL_NO_UNIT;
  cli_person person;
  const cli_person *who = NULL;
  if ((code = open_model(&st, &model, argv[1], set != NULL)) != EXIT_OK ||
      (code = point_period(&period, model, point, argv[1])) != EXIT_OK || (code = goals_of(&g, model)) != EXIT_OK ||
      (unit_code && (code = find_unit(&root, model, unit_code, argv[1])) != EXIT_OK) ||
      (code = cli_person_begin(&person, &who, st, model, as, for_whom, point, argv[1])) != EXIT_OK)
    goto out;
  int year = tertial_model_fiscal_year(model)->first_year;
  if (set) {
    code = set_goal(g, who, set, version < 0 ? TERTIAL_ANY_VERSION : (uint64_t)version);
    goto out;
  }
  tertial_goal_id goal;
  if ((thread || history) && tertial_goal_find(&goal, g, thread ? thread : history) < 0) {
    fprintf(stderr, "tertial: %s: no goal %s\n", argv[1], shown(thread ? thread : history));
    code = EXIT_INPUT;
    goto out;
  }
  if (history) {
    size_t n = tertial_goal_history_count(g, goal, point);
    for (size_t i = 0; i < n; i++) {
      tertial_goal_state x;
      char when[32];
      tertial_goal_history_at(&x, g, goal, point, i);
      utc_text(when, sizeof when, x.when);
      printf("%llu\t%s\t%s\t%s\t%s\t%s\t%s\n", (unsigned long long)x.version, tertial_goal_status_name(x.status),
             tertial_goal_status_name(x.proposed), shown(x.by), when, shown(x.comment), shown(x.reason));
    }
    goto out;
  }
  if (thread) {
    tertial_goal_id *ids;
    size_t n, up;
    if ((rc = tertial_goal_red_thread(&ids, &n, &up, g, goal, year)) < 0) {
      code = fail(rc, "the red thread");
      goto out;
    }
    /* from the strategic area down to the goal, then what is below it */
    for (size_t i = up; i-- > 0 && code == EXIT_OK;)
      if ((rc = print_goal(model, g, ids[i], depth_of(g, ids[i]), point, period)) < 0)
        code = fail(rc, "the goals");
    for (size_t i = up; i < n && code == EXIT_OK; i++)
      if ((rc = print_goal(model, g, ids[i], depth_of(g, ids[i]), point, period)) < 0)
        code = fail(rc, "the goals");
    tertial_free(ids);
    goto out;
  }
  const tertial_org *org = tertial_model_org(model);
  for (tertial_goal_id k = 0; k < tertial_goal_count(g) && code == EXIT_OK; k++) {
    const tertial_goal *x = tertial_goal_at(g, k);
    if (x->parent != TERTIAL_NO_GOAL || year < x->first_year || year > x->last_year)
      continue;
    tertial_goal_id *ids;
    size_t n, up;
    if ((rc = tertial_goal_red_thread(&ids, &n, &up, g, k, year)) < 0) {
      code = fail(rc, "the goals");
      break;
    }
    for (size_t i = 0; i < n && code == EXIT_OK; i++) {
      const tertial_goal *y = tertial_goal_at(g, ids[i]);
      if (root != TERTIAL_NO_UNIT && tertial_org_is_within(org, y->unit, root, period) != 1)
        continue;
      if ((rc = print_goal(model, g, ids[i], depth_of(g, ids[i]), point, period)) < 0)
        code = fail(rc, "the goals");
    }
    tertial_free(ids);
  }
  if (code == EXIT_OK && root != TERTIAL_NO_UNIT) {
    for (int kind = TERTIAL_GOAL_COUNCIL; kind <= TERTIAL_GOAL_ACTIVITY && code == EXIT_OK; kind++) {
      size_t c[TERTIAL_GOAL_STATUS_COUNT];
      if ((rc = tertial_goal_attainment(c, g, root, (tertial_goal_kind)kind, point)) < 0) {
        code = fail(rc, "the attainment");
        break;
      }
      if (c[0] + c[1] + c[2] + c[3])
        printf("Måluppfyllelse %s, %s: %zu uppfyllda, %zu delvis, %zu ej uppfyllda, %zu ej påbörjade\n",
               kind_names[kind], shown(unit_code), c[TERTIAL_GOAL_MET], c[TERTIAL_GOAL_PARTLY_MET],
               c[TERTIAL_GOAL_NOT_MET], c[TERTIAL_GOAL_NOT_STARTED]);
    }
  }
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(point);
  g_free(unit_code);
  g_free(thread);
  g_free(set);
  g_free(as);
  g_free(for_whom);
  g_free(history);
  g_free(version_text);
  g_option_context_free(ctx);
  return code;
}

/* The volumes' early warnings at a cut-off: every unit with a budgeted volume at or below it, from
 * the top down to the units with their own. */
static int print_warnings(tertial_model *model, tertial_goals *g, tertial_unit_id root, int cutoff, int period)
{
  const tertial_org *org = tertial_model_org(model);
  int rc = 0;
  for (tertial_indicator_id id = 0; rc == 0 && id < tertial_indicator_count(g); id++) {
    if (!tertial_indicator_cost_row(g, id))
      continue;
    tertial_org_iter *it = NULL;
    tertial_unit_id u;
    int depth;
    if ((rc = tertial_org_iter_new(&it, org, root, period)) < 0)
      break;
    while (rc == 0 && tertial_org_iter_next(it, &u, &depth) == 1) {
      tertial_volume_outlook w;
      int r = tertial_volume_warning(&w, g, id, u, cutoff);
      if (r == TERTIAL_ERR_NOT_FOUND) { /* no volume or no budget there */
        tertial_error_clear();
        continue;
      }
      if ((rc = r) < 0)
        break;
      char latest[48], budget[48], end[48], cpu[48], cons[48];
      tertial_money_format(cpu, sizeof cpu, w.cost_per_unit, TERTIAL_UNIT_KR, 0);
      tertial_money_format(cons, sizeof cons, w.consequence, TERTIAL_UNIT_KR, 0);
      printf("%*s%s\t%s\t%s\tvolym %s\tbudget %s\ttrend dec %s\t%s\tkostnad/brukare %s kr\tkonsekvens %s kr\n",
             2 * depth, "", shown(tertial_org_unit(org, u)->code), shown(tertial_org_unit(org, u)->name),
             shown(tertial_indicator_at(g, id)->code), value_text(latest, sizeof latest, g, id, 1, w.latest),
             value_text(budget, sizeof budget, g, id, 1, w.budgeted),
             value_text(end, sizeof end, g, id, 1, w.trend_year_end),
             w.warns ? "VARNING" : "ok", cpu, cons);
    }
    tertial_org_iter_free(it);
  }
  return rc;
}

int cmd_indicators(int argc, char **argv)
{
  char *point = NULL, *unit_code = NULL;
  gboolean warnings = FALSE;
  int code = EXIT_OK, rc;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. T1 (required): its cut-off month",
     "CODE"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_code, "The unit (default: the municipality)", "CODE"},
    {"warnings", 'w', 0, G_OPTION_ARG_NONE, &warnings, "The volumes' early warnings: per unit with a budgeted volume "
     "at or below it, the volume in the last month, the budgeted volume, the trend's volume in the year's last "
     "month, VARNING when the trend exceeds the budget before the year ends, cost per user and the consequence to "
     "year end (kr)", NULL},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "The indicators (styrtal, nyckeltal, volumes) at a unit at a follow-up point: "
                                      "code, name, value (the unit's own or aggregated from the units below it), "
                                      "unit of measure, target, light, the previous period and the same period last "
                                      "year.", entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_goals *g = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "indicators"))
    goto out;
  if (!point) {
    code = usage_error(ctx, "--point is required");
    goto out;
  }
  int period = 0, cutoff = 0;
  tertial_unit_id unit = 0;
  if ((code = open_model(&st, &model, argv[1], FALSE)) != EXIT_OK ||
      (code = find_cutoff(&cutoff, model, point, argv[1])) != EXIT_OK || (code = goals_of(&g, model)) != EXIT_OK ||
      (code = find_unit(&unit, model, unit_code, argv[1])) != EXIT_OK)
    goto out;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), cutoff - 1);
  if (warnings) {
    if ((rc = print_warnings(model, g, unit, cutoff, period)) < 0)
      code = fail(rc, "the early warnings");
    goto out;
  }
  for (tertial_indicator_id id = 0; id < tertial_indicator_count(g) && code == EXIT_OK; id++)
    if ((rc = print_indicator(g, id, unit, period, tertial_model_fiscal_year(model)->first_year, "")) < 0)
      code = fail(rc, "the indicators");
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(point);
  g_free(unit_code);
  g_option_context_free(ctx);
  return code;
}
