/* tertial frames: budget preparation (frames.h). Make a stage of the chain (preliminary frame,
 * MoR, finansplan, the opposition's alternative) as a revision of a version, with a frame update
 * file and the decided proposals of a proposals file applied to it; show the chain of a version;
 * compare two versions; list the frame update lines kept for a version. The changes of one run's
 * model and the update's lines are saved in one transaction (tertial_store_save_with_frame_lines()). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *kind_text(tertial_budget_kind k)
{
  return tertial_budget_kind_name(k) ? tertial_budget_kind_name(k) : "?";
}

static void kr_text(char *buf, size_t size, int64_t ore)
{
  tertial_money_format(buf, size, ore, TERTIAL_UNIT_KR, ore % 100 ? 2 : 0);
}

/* --chain V: the versions stage by stage (measure, name, kind, decision date, decided by). */
static int print_chain(tertial_model *model, const char *text, gboolean json, const char *db)
{
  int v, rc, code = find_version(&v, model, text, db);
  if (code != EXIT_OK)
    return code;
  tertial_budget_chain *c;
  if ((rc = tertial_budget_chain_of(&c, model, v)) < 0)
    return fail(rc, "--chain");
  cli_json j;
  if (json)
    cli_json_begin(&j);
  for (size_t i = 0; i < tertial_budget_chain_count(c); i++) {
    const tertial_budget_version *x = tertial_budget_chain_at(c, i);
    char date[40] = "";
    if (x->decided.year)
      snprintf(date, sizeof date, "%04d-%02d-%02d", x->decided.year, x->decided.month, x->decided.day);
    if (json) {
      cli_json_item(&j);
      cli_json_int(&j, "stage", (long long)i + 1);
      cli_json_int(&j, "measure", x->measure);
      cli_json_str(&j, "name", x->name);
      cli_json_str(&j, "kind", kind_text(x->kind));
      cli_json_str(&j, "decided", *date ? date : NULL);
      cli_json_str(&j, "decided_by", x->decided_by);
      cli_json_bool(&j, "selected", x->measure == v);
      continue;
    }
    printf("%zu\t%s%d\t%s\t%s\t%s\t%s\n", i + 1, x->measure == v ? "*" : "", x->measure, shown(x->name),
           kind_text(x->kind), date, shown(x->decided_by));
  }
  if (json)
    cli_json_end(&j);
  tertial_budget_chain_free(c);
  return EXIT_OK;
}

static const char *const line_kinds[] = {"uppräkning", "volym", "belopp"};

/* A JSON item of a line: its kind, unit, account and text. */
static void json_line(cli_json *j, const char *kind, const char *unit, const char *account, const char *text)
{
  cli_json_item(j);
  cli_json_str(j, "kind", kind);
  cli_json_str(j, "unit", unit);
  cli_json_str(j, "account", account);
  cli_json_str(j, "text", text);
}

/* What the new stage holds: each update line and decided proposal with the amount it added, then
 * per committee (the units the lines and proposals name) the frame before and after. */
static void print_bridge(tertial_model *model, int from, int to, const tertial_frame_update *u, size_t first_applied,
                         gboolean json)
{
  cli_json j;
  char a[40], b[40], d[40];
  GPtrArray *units = g_ptr_array_new();
  if (json)
    cli_json_begin(&j);
  for (size_t i = 0; i < tertial_frame_update_count(u); i++) {
    const tertial_frame_line *l = tertial_frame_update_at(u, i);
    g_ptr_array_add(units, (gpointer)l->unit);
    if (json) {
      json_line(&j, line_kinds[l->kind], l->unit, l->account, l->text);
      cli_json_money(&j, "change", l->change);
      continue;
    }
    kr_text(d, sizeof d, l->change);
    printf("%s\t%s\t%s\t%s\t%s\n", line_kinds[l->kind], shown(l->unit), shown(l->account), shown(l->text), d);
  }
  const tertial_org *org = tertial_model_org(model);
  for (size_t i = first_applied; i < tertial_applied_proposal_count(model); i++) {
    tertial_applied_proposal p;
    if (tertial_applied_proposal_at(&p, model, i) < 0 || p.measure != to)
      continue;
    const char *unit = tertial_org_unit(org, p.unit)->code;
    const char *account = tertial_chart_account(tertial_model_chart(model), p.account)->number;
    g_ptr_array_add(units, (gpointer)unit);
    if (json) {
      json_line(&j, "förslag", unit, account, p.code);
      cli_json_money(&j, "change", p.amount);
      continue;
    }
    kr_text(d, sizeof d, p.amount);
    printf("förslag\t%s\t%s\t%s\t%s\n", shown(unit), shown(account), shown(p.code), d);
  }
  /* the frame of each unit named, once, in the order first named */
  for (guint i = 0; i < units->len; i++) {
    tertial_unit_id id;
    gboolean again = FALSE;
    for (guint k = 0; k < i && !again; k++)
      again = strcmp(units->pdata[k], units->pdata[i]) == 0;
    int64_t before = 0, after = 0;
    if (again || tertial_org_find(&id, org, units->pdata[i]) < 0 ||
        tertial_ledger_total(&before, tertial_model_ledger(model), id, TERTIAL_ALL_ACCOUNTS, from, 0, 11) < 0 ||
        tertial_ledger_total(&after, tertial_model_ledger(model), id, TERTIAL_ALL_ACCOUNTS, to, 0, 11) < 0)
      continue;
    const tertial_unit *x = tertial_org_unit(org, id);
    if (json) {
      cli_json_item(&j);
      cli_json_str(&j, "kind", "ram");
      cli_json_str(&j, "unit", x->code);
      cli_json_str(&j, "name", x->name);
      cli_json_money(&j, "a", before);
      cli_json_money(&j, "b", after);
      cli_json_money(&j, "change", after - before);
      continue;
    }
    kr_text(a, sizeof a, before);
    kr_text(b, sizeof b, after);
    kr_text(d, sizeof d, after - before);
    printf("ram\t%s\t%s\t%s\t%s\t%s\n", shown(x->code), shown(x->name), a, b, d);
  }
  if (json)
    cli_json_end(&j);
  g_ptr_array_free(units, TRUE);
}

/* --lines V: the frame update lines the store holds for version V (of --unit's subtree), each with
 * its base and change, then per unit named the sum of its changes, then the total change. */
static int print_lines(tertial_store *st, tertial_model *model, const char *text, const char *unit_text, gboolean json,
                       const char *db)
{
  int v, rc, code = find_version(&v, model, text, db);
  tertial_unit_id root = 0;
  if (code == EXIT_OK && unit_text)
    code = find_unit(&root, model, unit_text, db);
  if (code != EXIT_OK)
    return code;
  tertial_frame_update *all = NULL;
  const tertial_org *org = tertial_model_org(model);
  if ((rc = tertial_frame_update_new(&all)) < 0 ||
      (rc = tertial_store_load_frame_lines(st, tertial_model_fiscal_year(model)->first_year, v, all)) < 0) {
    tertial_frame_update_free(all);
    return fail(rc, "--lines");
  }
  GPtrArray *units = g_ptr_array_new();
  GArray *sums = g_array_new(FALSE, TRUE, sizeof(int64_t));
  int64_t total = 0;
  char a[40], d[40];
  cli_json j;
  if (json)
    cli_json_begin(&j);
  for (size_t i = 0; i < tertial_frame_update_count(all); i++) {
    const tertial_frame_line *l = tertial_frame_update_at(all, i);
    tertial_unit_id id;
    if (unit_text && (tertial_org_find(&id, org, l->unit) < 0 || tertial_org_is_within(org, id, root, 11) != 1))
      continue;
    guint k = 0;
    while (k < units->len && strcmp(units->pdata[k], l->unit) != 0)
      k++;
    if (k == units->len) {
      g_ptr_array_add(units, (gpointer)l->unit);
      g_array_set_size(sums, units->len);
    }
    if (tertial_money_add(&g_array_index(sums, int64_t, k), g_array_index(sums, int64_t, k), l->change) < 0 ||
        tertial_money_add(&total, total, l->change) < 0) {
      code = fail(TERTIAL_ERR_OVERFLOW, "--lines");
      break;
    }
    if (json) {
      json_line(&j, line_kinds[l->kind], l->unit, l->account, l->text);
      if (l->kind == TERTIAL_FRAME_INDEXATION) {
        cli_json_int(&j, "rate", l->rate);
        cli_json_money(&j, "base", l->base);
      } else if (l->kind == TERTIAL_FRAME_VOLUME) {
        cli_json_int(&j, "persons", l->persons);
        cli_json_money(&j, "per_person", l->per_person);
        cli_json_str(&j, "group", l->group);
      } else {
        cli_json_money(&j, "amount", l->amount);
      }
      cli_json_money(&j, "change", l->change);
      continue;
    }
    kr_text(a, sizeof a, l->base);
    kr_text(d, sizeof d, l->change);
    printf("%s\t%s\t%s\t%s\t%s\t%s\n", line_kinds[l->kind], shown(l->unit), shown(l->account), shown(l->text),
           l->kind == TERTIAL_FRAME_INDEXATION ? a : "", d);
  }
  for (guint k = 0; code == EXIT_OK && k < units->len; k++) {
    tertial_unit_id id;
    const char *name = tertial_org_find(&id, org, units->pdata[k]) == 0 ? tertial_org_unit(org, id)->name : "";
    int64_t sum = g_array_index(sums, int64_t, k);
    if (json) {
      cli_json_item(&j);
      cli_json_str(&j, "kind", "summa");
      cli_json_str(&j, "unit", units->pdata[k]);
      cli_json_str(&j, "name", name);
      cli_json_money(&j, "change", sum);
      continue;
    }
    kr_text(d, sizeof d, sum);
    printf("summa\t%s\t%s\t\t\t%s\n", shown(units->pdata[k]), shown(name), d);
  }
  if (json) {
    if (code == EXIT_OK) {
      cli_json_item(&j);
      cli_json_str(&j, "kind", "total");
      cli_json_money(&j, "change", total);
    }
    cli_json_end(&j);
  } else if (code == EXIT_OK) {
    kr_text(d, sizeof d, total);
    printf("total\t\t\t\t\t%s\n", d);
  }
  g_ptr_array_free(units, TRUE);
  g_array_free(sums, TRUE);
  tertial_frame_update_free(all);
  return code;
}

/* The new stage: the revision with the update's lines, then the decided proposals. */
static int make_stage(int *to, tertial_model *model, int from, const char *name, const tertial_budget_options *o,
                      tertial_frame_update *u, const char *proposals_path)
{
  int rc = tertial_frame_update_apply(to, model, from, name, o, u);
  if (rc < 0)
    return fail(rc, "--stage");
  if (!proposals_path)
    return EXIT_OK;
  tertial_proposals *list = NULL;
  if ((rc = tertial_proposals_new(&list)) == 0 && (rc = tertial_proposals_load(list, proposals_path)) == 0)
    rc = tertial_proposals_apply(NULL, model, *to, list);
  tertial_proposals_free(list);
  return rc < 0 ? fail(rc, proposals_path) : EXIT_OK;
}

int cmd_frames(int argc, char **argv)
{
  char *stage = NULL, *from_text = NULL, *name = NULL, *update_path = NULL, *proposals_path = NULL;
  char *decided = NULL, *decided_by = NULL, *reason = NULL, *chain = NULL, *compare = NULL;
  char *unit_text = NULL, *depth_text = NULL, *lines = NULL;
  gboolean json = FALSE, make_current = FALSE;
  int depth = -1, code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"stage", 's', 0, G_OPTION_ARG_FILENAME, &stage, "Make a stage of budget preparation as a revision of --from: "
     "preliminary (förvaltningarnas preliminära ramar), mor (the council's Mål och resursplan; follows a "
     "preliminary frame), finansplan (follows the MoR) or alternative (the opposition's budget; revises the "
     "version the MoR revises)", "KIND"},
    {"from", 'f', 0, G_OPTION_ARG_FILENAME, &from_text, "With --stage: the version revised (measure number or name)",
     "V"},
    {"name", 'n', 0, G_OPTION_ARG_FILENAME, &name, "With --stage: the new version's name (required)", "NAME"},
    {"update", 'u', 0, G_OPTION_ARG_FILENAME, &update_path, "With --stage: a frame update CSV (enhet;konto;typ;"
     "sats;antal;kostnad per invånare;belopp;åldersgrupp;text; typ uppräkning, volym or belopp) applied to the "
     "new version, each line computed from --from", "FILE"},
    {"proposals", 'p', 0, G_OPTION_ARG_FILENAME, &proposals_path, "With --stage: apply the decided proposals of "
     "a proposals file (tertial priorities) to the new version", "FILE"},
    {"decided", 'd', 0, G_OPTION_ARG_FILENAME, &decided, "With --stage: the decision date", "YYYY-MM-DD"},
    {"decided-by", 'b', 0, G_OPTION_ARG_FILENAME, &decided_by, "With --stage: who decided, e.g. Kommunfullmäktige",
     "WHO"},
    {"reason", 0, 0, G_OPTION_ARG_FILENAME, &reason, "With --stage: why", "TEXT"},
    {"current", 'c', 0, G_OPTION_ARG_NONE, &make_current, "With --stage: make the new version the current budget",
     NULL},
    {"chain", 0, 0, G_OPTION_ARG_FILENAME, &chain, "The chain of version V stage by stage: number, measure ('*' "
     "V), name, kind, decision date, decided by", "V"},
    {"compare", 0, 0, G_OPTION_ARG_FILENAME, &compare, "Compare two versions (e.g. the MoR and the opposition's "
     "alternative) per unit and report row: A, B and B - A (kr, ledger sign)", "A;B"},
    {"lines", 0, 0, G_OPTION_ARG_FILENAME, &lines, "The frame update lines --stage applied to make version V, "
     "kept in the store: kind, unit, account, text, base (indexation), change; per unit 'summa' of its changes; "
     "'total' the change of all lines", "V"},
    {"unit", 0, 0, G_OPTION_ARG_FILENAME, &unit_text, "With --compare or --lines: the subtree (default: the "
     "municipality)", "CODE"},
    {"depth", 0, 0, G_OPTION_ARG_FILENAME, &depth_text, "With --compare: down to N levels below the subtree's "
     "root (default: all)", "N"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "Budget preparation: make a stage (preliminary frame, MoR, finansplan, the "
                                      "opposition's alternative) from a version with a frame update file and "
                                      "decided proposals, and print each line's amount and the committees' "
                                      "frames before and after (lines: kind, unit, account, text, kr; "
                                      "ram: unit, name, before, after, change); show the chain of a version; "
                                      "compare two versions; list the frame update lines kept for a version "
                                      "(--lines). A stage out of order is refused (exit 2).",
                                entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_frame_update *update = NULL;
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  int rc;
  if (!parse_db(ctx, &argc, &argv, &code, "frames") ||
      !int_option(ctx, &code, "--depth", depth_text, &depth, 0, INT_MAX, "a number of levels, 0 or more"))
    goto out;
  if (!!stage + !!chain + !!compare + !!lines != 1) {
    code = usage_error(ctx, "expected one of --stage, --chain, --compare or --lines");
    goto out;
  }
  if ((unit_text && !compare && !lines) || (depth_text && !compare)) {
    code = usage_error(ctx, "--unit goes with --compare or --lines, --depth with --compare");
    goto out;
  }
  if (!stage && (from_text || name || update_path || proposals_path || decided || decided_by || reason ||
                 make_current)) {
    code = usage_error(ctx, "--from, --name, --update, --proposals, --decided, --decided-by, --reason and "
                            "--current go with --stage");
    goto out;
  }
  if (stage && (!from_text || !name)) {
    code = usage_error(ctx, "--stage needs --from (the version revised) and --name (the new version's)");
    goto out;
  }
  if (stage && (tertial_budget_kind_parse(&o.kind, stage) < 0 || o.kind < TERTIAL_BUDGET_PRELIMINARY)) {
    code = usage_error(ctx, "--stage must be preliminary, mor, finansplan or alternative");
    goto out;
  }
  if (decided && parse_date(&o.decided, decided) < 0) {
    fprintf(stderr, "tertial: --decided %s: expected a date YYYY-MM-DD\n", decided);
    code = EXIT_INPUT;
    goto out;
  }
  o.decided_by = decided_by;
  o.reason = reason;
  if ((rc = tertial_frame_update_new(&update)) < 0 ||
      (update_path && (rc = tertial_frame_update_load(update, update_path)) < 0)) {
    code = fail(rc, "--update");
    goto out;
  }
  if ((code = open_model(&st, &model, argv[1], stage != NULL)) != EXIT_OK)
    goto out;
  if (chain) {
    code = print_chain(model, chain, json, argv[1]);
    goto out;
  }
  if (lines) {
    code = print_lines(st, model, lines, unit_text, json, argv[1]);
    goto out;
  }
  if (compare) {
    tertial_unit_id root = 0;
    if ((code = find_unit(&root, model, unit_text, argv[1])) == EXIT_OK)
      code = print_comparison(model, compare, root, depth, json, argv[1]);
    goto out;
  }
  int from, to = -1;
  size_t applied_before = tertial_applied_proposal_count(model);
  if ((code = find_version(&from, model, from_text, argv[1])) != EXIT_OK ||
      (code = make_stage(&to, model, from, name, &o, update, proposals_path)) != EXIT_OK)
    goto out;
  if (make_current && (rc = tertial_model_set_current_budget(model, to)) < 0) {
    code = fail(rc, "--current");
    goto out;
  }
  /* the model and the update's lines (with their base and change) in one transaction */
  if ((rc = tertial_store_save_with_frame_lines(st, model, to, name, update)) < 0) {
    code = save_failed(rc); /* a conflict: nothing was saved, neither the version nor its lines */
    goto out;
  }
  print_bridge(model, from, to, update, applied_before, json);
out:
  tertial_frame_update_free(update);
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(stage);
  g_free(from_text);
  g_free(name);
  g_free(update_path);
  g_free(proposals_path);
  g_free(decided);
  g_free(decided_by);
  g_free(reason);
  g_free(chain);
  g_free(compare);
  g_free(unit_text);
  g_free(depth_text);
  g_free(lines);
  g_option_context_free(ctx);
  return code;
}
