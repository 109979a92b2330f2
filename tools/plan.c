/* tertial wheel, priorities and risks: the planning process from files — the annual wheel's
 * calendar of a year and what is due in a week (wheel.h), proposals ranked by the prioritisation
 * model (priorities.h), and a committee's risk analysis with its internal control plan and
 * follow-up (intcontrol.h). They read files; --save keeps proposals, or the risk analysis with its
 * control plan, in a store by fiscal year (store_plan.h), as an administrator's import; the wheel
 * may also be kept in and read from a store. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const kind_labels[] = {"process", "aktivitet", "deadline"};

/* "v48-5", "v25", or the days when the entry is not whole weeks. */
static void weeks_text(char *buf, size_t size, const tertial_schedule_entry *e)
{
  if (e->start_week == e->end_week && e->start_week_year == e->end_week_year)
    snprintf(buf, size, "v%d", e->start_week);
  else
    snprintf(buf, size, "v%d-%d", e->start_week, e->end_week);
}

/* One entry: cycle (when asked), first day, last day, weeks, what, process, name, responsible,
 * deciding body or point. */
static void print_entry(const tertial_schedule_entry *e, int cycle)
{
  char weeks[32];
  weeks_text(weeks, sizeof weeks, e);
  const char *what = e->kind == TERTIAL_SCHEDULE_ACTIVITY && *e->decided_by ? "beslut" : kind_labels[e->kind];
  if (cycle)
    printf("%d\t", cycle);
  printf("%04d-%02d-%02d\t%04d-%02d-%02d\t%s\t%s\t%s\t", e->start.year, e->start.month, e->start.day, e->end.year,
         e->end.month, e->end.day, weeks, what, shown(e->process));
  if (e->kind == TERTIAL_SCHEDULE_DEADLINE && e->level >= 0)
    printf("%s %s, nivå %d", shown(e->point), shown(e->name), e->level);
  else if (e->kind == TERTIAL_SCHEDULE_DEADLINE)
    printf("%s %s", shown(e->point), shown(e->name));
  else
    printf("%s", shown(e->name));
  printf("\t%s", shown(e->responsible));
  if (*e->decided_by)
    printf("\tbeslutas av %s", shown(e->decided_by));
  else if (e->kind == TERTIAL_SCHEDULE_ACTIVITY && *e->point)
    printf("\tvid %s", shown(e->point));
  printf("\n");
}

/* The follow-up calendar of --followup: "default" or a calendar file (calendar.h's text form). */
static int followup_calendar(tertial_calendar **out, const char *arg)
{
  if (strcmp(arg, "default") == 0)
    return tertial_calendar_new_default(out, 1) < 0 ? fail(TERTIAL_ERR_NOMEM, "the follow-up calendar") : EXIT_OK;
  char *text = NULL;
  GError *e = NULL;
  if (!g_file_get_contents(arg, &text, NULL, &e)) {
    fprintf(stderr, "tertial: %s\n", shown(e->message));
    g_error_free(e);
    return EXIT_IO;
  }
  int rc = tertial_calendar_new(out, 1);
  if (rc == 0 && (rc = tertial_calendar_parse(*out, text, arg)) < 0) {
    tertial_calendar_free(*out);
    *out = NULL;
  }
  g_free(text);
  return rc < 0 ? fail(rc, "the follow-up calendar") : EXIT_OK;
}

/* What is due in ISO week `week` of `year`: the cycles of the year before, the year and the year
 * after reach into it (a start in the year before, an end in the next). */
static int print_due(const tertial_wheel *w, int year, int week, tertial_year_kind kind, const tertial_calendar *cal,
                     const char *role, const char *unit)
{
  tertial_date mon, sun;
  int rc = tertial_iso_week_start(&mon, year, week);
  if (rc < 0)
    return fail(rc, "--week");
  sun = mon;
  for (int d = 0; d < 6; d++) {
    int dim = 31;
    tertial_days_in_month(&dim, sun.year, sun.month);
    if (++sun.day > dim) {
      sun.day = 1;
      if (++sun.month > 12) {
        sun.month = 1;
        sun.year++;
      }
    }
  }
  printf("Vecka %d %d (%04d-%02d-%02d – %04d-%02d-%02d)%s%s%s%s\n", week, year, mon.year, mon.month, mon.day,
         sun.year, sun.month, sun.day, role ? ", roll " : "", role ? shown(role) : "", unit ? ", enhet " : "",
         unit ? shown(unit) : "");
  size_t shown_entries = 0;
  for (int cycle = year - 1; cycle <= year + 1; cycle++) {
    tertial_schedule *s = NULL, *due = NULL;
    /* a year kind given holds for the year asked about; the neighbours go by their own years */
    tertial_year_kind k = cycle == year ? kind : TERTIAL_YEAR_AUTO;
    if ((rc = tertial_wheel_schedule(&s, w, cycle, k, cycle == year ? cal : NULL)) < 0 ||
        (rc = tertial_schedule_due(&due, s, &mon, &sun, role, unit)) < 0) {
      tertial_schedule_free(s);
      return fail(rc, "the calendar");
    }
    for (size_t i = 0; i < tertial_schedule_count(due); i++, shown_entries++)
      print_entry(tertial_schedule_at(due, i), cycle);
    tertial_schedule_free(due);
    tertial_schedule_free(s);
  }
  if (!shown_entries)
    printf("Inget att göra den veckan.\n");
  return EXIT_OK;
}

/* The wheel a store keeps under @p name (NULL: the one saved last). */
static int load_stored_wheel(tertial_wheel **w, const char *db, const char *name)
{
  tertial_store *st = NULL;
  int rc = tertial_store_open(&st, db, TERTIAL_STORE_READONLY);
  if (rc == 0)
    rc = tertial_store_load_wheel(w, st, name);
  tertial_store_free(st);
  return rc;
}

/* --save DB: the template kept under --name or the file's name without its extension. */
static int save_wheel(const tertial_wheel *w, const char *db, const char *name, const char *template_path)
{
  char *own = NULL;
  if (!name) {
    own = g_path_get_basename(template_path);
    char *dot = strrchr(own, '.');
    if (dot && dot != own)
      *dot = '\0';
  }
  tertial_store *st = NULL;
  int rc = tertial_store_open(&st, db, 0);
  if (rc == 0)
    rc = tertial_store_save_wheel(st, name ? name : own, w);
  tertial_store_free(st);
  if (rc == 0)
    fprintf(stderr, "tertial: kept the wheel %s in %s\n", shown(name ? name : own), shown(db));
  g_free(own);
  return rc < 0 ? fail(rc, "--save") : EXIT_OK;
}

int cmd_wheel(int argc, char **argv)
{
  char *year_text = NULL, *week_text = NULL, *role = NULL, *unit = NULL, *followup = NULL;
  char *save = NULL, *name = NULL;
  gboolean election = FALSE, ordinary = FALSE;
  GOptionEntry entries[] = {
    {"year", 'y', 0, G_OPTION_ARG_FILENAME, &year_text, "The cycle's year: the calendar year in which most of it "
     "runs (the cycle of 2026 prepares the budget of 2027); required", "Y"},
    {"week", 'w', 0, G_OPTION_ARG_FILENAME, &week_text, "What is due in ISO week W of year Y (from the cycles "
     "reaching into it)", "W"},
    {"role", 'r', 0, G_OPTION_ARG_FILENAME, &role, "Only what ROLE is responsible for or takes part in (as the "
     "template writes it, letter case ignored, e.g. förvaltningschef)", "ROLE"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit, "Only what is done at UNIT: the template's enhet column "
     "(kommun, nämnd, förvaltning, verksamhet, enhet)", "UNIT"},
    {"election", 0, 0, G_OPTION_ARG_NONE, &election, "Take Y as an election year (default: by the Swedish "
     "general elections, 2022, 2026, 2030 ...)", NULL},
    {"ordinary", 0, 0, G_OPTION_ARG_NONE, &ordinary, "Take Y as a year without elections", NULL},
    {"followup", 'f', 0, G_OPTION_ARG_FILENAME, &followup, "Show the follow-up points' deadlines and the follow-up "
     "activities: 'default' (the default calendar) or a calendar file (docs/calendar-example.txt)", "FILE"},
    {"save", 0, 0, G_OPTION_ARG_FILENAME, &save, "Keep the template in the store DB under --name (replacing the "
     "wheel of that name); --year is then optional", "DB"},
    {"name", 0, 0, G_OPTION_ARG_STRING, &name, "With --save: the wheel's name in the store (default: the template "
     "file's name without its extension); with a store DB: the stored wheel to use (default: the one saved last)",
     "NAME"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("TEMPLATE|DB - the annual wheel's calendar of a year, or what is due in a week",
                                "Reads an annual wheel (a template such as examples/wheel/motala.csv, described in "
                                "docs/planning.md), or the wheel a store keeps (wheel TEMPLATE --save DB), and prints "
                                "the dated calendar of one cycle: first day, last day, weeks, what, process, name, "
                                "responsible, deciding body.",
                                entries, FALSE);
  int code = EXIT_OK, year = 0, week = 0;
  tertial_wheel *w = NULL;
  tertial_calendar *cal = NULL;
  tertial_schedule *s = NULL, *due = NULL;
  if (!parse(ctx, &argc, &argv, &code))
    goto out;
  if (argc != 2) {
    code = usage_error(ctx, "wheel takes one template file or a store");
    goto out;
  }
  gboolean from_store = cli_is_store(argv[1]);
  if (save && from_store) {
    code = usage_error(ctx, "--save takes a template file, not a store");
    goto out;
  }
  if (name && !save && !from_store) {
    code = usage_error(ctx, "--name goes with --save or a store");
    goto out;
  }
  if (!year_text && !save) {
    code = usage_error(ctx, "wheel needs --year");
    goto out;
  }
  if (!int_option(ctx, &code, "--year", year_text, &year, 1901, 9997, "a year (1901..9997), such as 2026") ||
      !int_option(ctx, &code, "--week", week_text, &week, 1, 53, "an ISO week, 1..53"))
    goto out;
  if (election && ordinary) {
    code = usage_error(ctx, "--election and --ordinary exclude each other");
    goto out;
  }
  tertial_year_kind kind = election ? TERTIAL_YEAR_ELECTION : ordinary ? TERTIAL_YEAR_ORDINARY : TERTIAL_YEAR_AUTO;
  int rc = from_store ? load_stored_wheel(&w, argv[1], name) : tertial_wheel_load(&w, argv[1]);
  if (rc < 0) {
    code = fail(rc, "the wheel");
    goto out;
  }
  if (save && (code = save_wheel(w, save, name, argv[1])) != EXIT_OK)
    goto out;
  if (!year_text)
    goto out;
  if (followup && (code = followup_calendar(&cal, followup)) != EXIT_OK)
    goto out;
  if (week) {
    code = print_due(w, year, week, kind, cal, role, unit);
    goto out;
  }
  if ((rc = tertial_wheel_schedule(&s, w, year, kind, cal)) < 0 ||
      (rc = tertial_schedule_due(&due, s, NULL, NULL, role, unit)) < 0) {
    code = fail(rc, "the calendar");
    goto out;
  }
  printf("Årshjul %d (%s): %s\n", year, tertial_schedule_election(s) ? "valår" : "ordinarie år", shown(argv[1]));
  for (size_t i = 0; i < tertial_schedule_count(due); i++)
    print_entry(tertial_schedule_at(due, i), 0);
out:
  tertial_schedule_free(due);
  tertial_schedule_free(s);
  tertial_calendar_free(cal);
  tertial_wheel_free(w);
  g_free(year_text);
  g_free(week_text);
  g_free(role);
  g_free(unit);
  g_free(followup);
  g_free(save);
  g_free(name);
  g_option_context_free(ctx);
  return code;
}

/* --save DB: the proposals or the internal control of the fiscal year --year, replacing what the
 * store held of that kind and year (an administrator's import: results reported through the round
 * stay). */
static int save_to_store(const char *db, const tertial_proposals *proposals, const tertial_intcontrol *ic)
{
  tertial_store *st = NULL;
  int rc = tertial_store_open(&st, db, 0);
  if (rc == 0)
    rc = proposals ? tertial_store_save_proposals(st, opt_year, proposals) : tertial_store_save_intcontrol(st, opt_year, ic);
  tertial_store_free(st);
  if (rc == 0 && opt_verbose)
    fprintf(stderr, "tertial: %s: saved as those of %d\n", db, opt_year);
  return rc < 0 ? fail(rc, "--save") : EXIT_OK;
}

/* --apply DB --version V: the decided proposals added to a budget version of the store's year,
 * saved; each proposal applied now is listed, then the summary. */
static int apply_proposals(const tertial_proposals *list, const char *db, const char *version)
{
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  int measure = -1, rc;
  int code = open_model(&st, &model, db, TRUE);
  if (code == EXIT_OK)
    code = find_version(&measure, model, version, db);
  size_t before = tertial_applied_proposal_count(model);
  tertial_proposals_applied sum = {0, 0, 0, 0};
  if (code == EXIT_OK && (rc = tertial_proposals_apply(&sum, model, measure, list)) < 0)
    code = fail(rc, "--apply");
  if (code == EXIT_OK && sum.applied > 0)
    code = save_model(st, model);
  if (code == EXIT_OK) {
    tertial_budget_version v;
    tertial_budget_version_of(&v, model, measure);
    printf("Beslutade förslag i budgetversion %d \"%s\"\n", measure, shown(v.name));
    for (size_t i = before; i < tertial_applied_proposal_count(model); i++) {
      tertial_applied_proposal r;
      char amount[40];
      tertial_applied_proposal_at(&r, model, i);
      tertial_money_format(amount, sizeof amount, r.amount, TERTIAL_UNIT_KR, 0);
      printf("%s\t%s\t%s\t%s kr\n", shown(r.code), shown(tertial_org_unit(tertial_model_org(model), r.unit)->code),
             shown(tertial_chart_account(tertial_model_chart(model), r.account)->number), amount);
    }
    char total[40];
    tertial_money_format(total, sizeof total, sum.total, TERTIAL_UNIT_KR, 0);
    printf("tillämpade %zu, totalt %s kr; tillämpade tidigare %zu; ej beslutade %zu\n", sum.applied, total,
           sum.already, sum.not_decided);
  }
  tertial_model_free(model);
  tertial_store_free(st);
  return code;
}

int cmd_priorities(int argc, char **argv)
{
  char *rule_path = NULL, *apply = NULL, *version = NULL, *save = NULL;
  GOptionEntry entries[] = {
    {"rule", 'r', 0, G_OPTION_ARG_FILENAME, &rule_path, "Rank by the rule in FILE (order and weights, "
     "docs/planning.md; default: benefit, cost_effectiveness, ease, cost)", "FILE"},
    {"apply", 'a', 0, G_OPTION_ARG_FILENAME, &apply, "Add the decided proposals (beslutad, lyft) to the budget "
     "version --version of the store DB on their unit (enhet) and account (konto), once, and save", "DB"},
    {"version", 0, 0, G_OPTION_ARG_STRING, &version, "With --apply: the budget version (measure number or name)",
     "V"},
    {"save", 0, 0, G_OPTION_ARG_FILENAME, &save, "Also keep the proposals in the store DB as those of the fiscal "
     "year --year (replacing the year's)", "DB"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("FILE - proposals ranked by the prioritisation model",
                                "Reads proposals for prioritisation, efficiency and rationing (a table as in "
                                "Bilaga 3 of Motala's guidelines, docs/planning.md) and prints them ranked: rank, "
                                "code, kind, cost (tkr), benefit, cost-effectiveness, difficulty, score, status, "
                                "owner, measure. With --apply, adds the decided ones to a budget version instead "
                                "and prints what it added; a proposal applied before is not added again.",
                                entries, TRUE);
  int code = EXIT_OK, rc;
  tertial_proposals *list = NULL;
  tertial_priority_rule *rule = NULL;
  size_t *order = NULL, *ranks = NULL;
  char *rule_text = NULL;
  if (!parse(ctx, &argc, &argv, &code))
    goto out;
  if (argc != 2) {
    code = usage_error(ctx, "priorities takes one file of proposals");
    goto out;
  }
  if (!apply != !version || (apply && rule_path)) {
    code = usage_error(ctx, "--apply and --version go together, without --rule");
    goto out;
  }
  if (!apply && !save && opt_year) {
    code = usage_error(ctx, "--year goes with --apply or --save");
    goto out;
  }
  if (save && !opt_year) {
    code = usage_error(ctx, "--save and --year go together");
    goto out;
  }
  if ((rc = rule_path ? tertial_priority_rule_load(&rule, rule_path) : tertial_priority_rule_new_default(&rule)) < 0) {
    code = fail(rc, "the rule");
    goto out;
  }
  if ((rc = tertial_proposals_new(&list)) < 0 || (rc = tertial_proposals_load(list, argv[1])) < 0) {
    code = fail(rc, "the proposals");
    goto out;
  }
  if (save && (code = save_to_store(save, list, NULL)) != EXIT_OK)
    goto out;
  if (apply) {
    code = apply_proposals(list, apply, version);
    goto out;
  }
  size_t n = tertial_proposals_count(list);
  order = g_new0(size_t, n + 1);
  ranks = g_new0(size_t, n + 1);
  if ((rc = tertial_proposals_rank(order, ranks, n, list, rule)) < 0) {
    code = fail(rc, "the ranking");
    goto out;
  }
  rule_text = tertial_priority_rule_describe(rule);
  printf("Rangordning (%s)\n", rule_path ? shown(rule_path) : "standardregeln");
  for (char *line = rule_text, *nl; line && *line; line = nl + 1) {
    if (!(nl = strchr(line, '\n')))
      break;
    *nl = '\0';
    printf("  %s\n", line);
  }
  for (size_t i = 0; i < n; i++) {
    const tertial_proposal *p = tertial_proposals_at(list, order[i]);
    char cost[40];
    int64_t score = 0;
    tertial_money_format(cost, sizeof cost, p->cost, TERTIAL_UNIT_TKR, 0);
    tertial_proposals_score(&score, list, order[i], rule);
    printf("%zu\t%s\t%s\t%s tkr\tnytta %s\tkostnadseffektivitet %s\tsvårighetsgrad %s\tpoäng %lld\t%s\t%s\t%s\n",
           ranks[i], shown(p->code), tertial_proposal_kind_name(p->kind), cost, tertial_benefit_name(p->benefit),
           tertial_cost_effectiveness_name(p->cost_effectiveness), tertial_difficulty_name(p->difficulty),
           (long long)score, tertial_proposal_status_name(p->status), shown(p->owner), shown(p->measure));
  }
out:
  tertial_free(rule_text);
  g_free(order);
  g_free(ranks);
  tertial_proposals_free(list);
  tertial_priority_rule_free(rule);
  g_free(rule_path);
  g_free(apply);
  g_free(save);
  g_free(version);
  g_option_context_free(ctx);
  return code;
}

/* Load a table of internal control; the exit code. */
static int load_table(tertial_intcontrol *ic, tertial_intcontrol_table table, const char *path, const char *what)
{
  int rc = tertial_intcontrol_load(ic, table, path);
  return rc < 0 ? fail(rc, what) : EXIT_OK;
}

static void print_risks(const tertial_intcontrol *ic, int with_plan, int *gaps)
{
  printf("Riskanalys (kontroll från riskvärde %d)\n", tertial_intcontrol_threshold(ic));
  for (size_t i = 0; i < tertial_intcontrol_risk_count(ic); i++) {
    const tertial_risk *r = tertial_intcontrol_risk_at(ic, i);
    int value = 0, control = 0;
    tertial_intcontrol_risk_value(&value, &control, ic, i);
    int controls = tertial_intcontrol_risk_controls(ic, i);
    printf("%s\t%s\t%s\t%s\tsannolikhet %d\tkonsekvens %d\triskvärde %d\t%s", shown(r->code), shown(r->committee),
           shown(r->process), shown(r->risk), r->likelihood, r->consequence, value,
           control ? "kontrollera" : "acceptera");
    if (with_plan && control && controls == 0) {
      printf("\tsaknar kontroll i planen");
      (*gaps)++;
    } else if (with_plan) {
      printf("\t%d %s", controls, controls == 1 ? "kontroll" : "kontroller");
    }
    printf("\n");
  }
}

int cmd_risks(int argc, char **argv)
{
  char *plan = NULL, *results = NULL, *threshold_text = NULL, *save = NULL;
  GOptionEntry entries[] = {
    {"plan", 'p', 0, G_OPTION_ARG_FILENAME, &plan, "The internal control plan: code, risk, kontrollmoment, metod, "
     "frekvens, ansvarig, rapporteras (the follow-up point)", "FILE"},
    {"results", 'r', 0, G_OPTION_ARG_FILENAME, &results, "With --plan: the controls' results at the follow-up "
     "points: kontroll, uppföljning, resultat, avvikelser, åtgärder", "FILE"},
    {"threshold", 't', 0, G_OPTION_ARG_FILENAME, &threshold_text, "Control the risks whose value (likelihood × "
     "consequence) is at least N, accept the others (1..17, default 9)", "N"},
    {"save", 0, 0, G_OPTION_ARG_FILENAME, &save, "Also keep the analysis, the plan and the results read in the store "
     "DB as the internal control of the fiscal year --year (replacing the year's; results reported through the "
     "round stay)", "DB"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("FILE - a committee's risk analysis, internal control plan and follow-up",
                                "Reads a risk analysis (code, nämnd, process, risk, sannolikhet and konsekvens 1-4) "
                                "and prints each risk's value and decision. With --plan, a risk to control without "
                                "a control in the plan is a finding (exit 1).",
                                entries, TRUE);
  int code = EXIT_OK, threshold = 9, gaps = 0, rc;
  tertial_intcontrol *ic = NULL;
  if (!parse(ctx, &argc, &argv, &code))
    goto out;
  if (argc != 2) {
    code = usage_error(ctx, "risks takes one risk analysis file");
    goto out;
  }
  if (results && !plan) {
    code = usage_error(ctx, "--results goes with --plan");
    goto out;
  }
  if (!save != !opt_year) {
    code = usage_error(ctx, "--save and --year go together");
    goto out;
  }
  if (!int_option(ctx, &code, "--threshold", threshold_text, &threshold, 1, 17, "a risk value, 1..17"))
    goto out;
  if ((rc = tertial_intcontrol_new(&ic)) < 0 || (rc = tertial_intcontrol_set_threshold(ic, threshold)) < 0) {
    code = fail(rc, "the analysis");
    goto out;
  }
  if ((code = load_table(ic, TERTIAL_INTCONTROL_RISKS, argv[1], "the risk analysis")) != EXIT_OK ||
      (plan && (code = load_table(ic, TERTIAL_INTCONTROL_PLAN, plan, "the internal control plan")) != EXIT_OK) ||
      (results && (code = load_table(ic, TERTIAL_INTCONTROL_RESULTS, results, "the results")) != EXIT_OK) ||
      (save && (code = save_to_store(save, NULL, ic)) != EXIT_OK))
    goto out;
  print_risks(ic, plan != NULL, &gaps);
  if (plan)
    printf("Internkontrollplan\n");
  for (size_t i = 0; i < tertial_intcontrol_control_count(ic); i++) {
    const tertial_control *c = tertial_intcontrol_control_at(ic, i);
    printf("%s\trisk %s\t%s\t%s\t%s\t%s\trapporteras %s\n", shown(c->code), shown(c->risk), shown(c->activity),
           shown(c->method), shown(c->frequency), shown(c->responsible), shown(c->point));
  }
  if (results)
    printf("Uppföljning\n");
  for (size_t i = 0; i < tertial_intcontrol_result_count(ic); i++) {
    const tertial_control_result *r = tertial_intcontrol_result_at(ic, i);
    printf("%s\t%s\t%s\tavvikelser %d\t%s\n", shown(r->control), shown(r->point), shown(r->result), r->deviations,
           shown(r->measures));
  }
  if (gaps)
    code = EXIT_FINDINGS;
out:
  tertial_intcontrol_free(ic);
  g_free(plan);
  g_free(results);
  g_free(save);
  g_free(threshold_text);
  g_option_context_free(ctx);
  return code;
}
