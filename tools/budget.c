/* tertial budget: budget versions (list, revise, choose the current one), annual budgets set with
 * a periodisation key, and the key set's keys and rules (list, add keys, choose the default,
 * assign keys to units and account ranges). Every change of one run is saved in one transaction. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const key_kinds[] = {"equal", "calendar-days", "working-days", "salary", "last-year", "custom"};

static void list_versions(tertial_model *model, gboolean json)
{
  cli_json j;
  if (json)
    cli_json_begin(&j);
  for (size_t i = 0; i < tertial_budget_version_count(model); i++) {
    tertial_budget_version v;
    char date[40] = "";
    if (tertial_budget_version_at(&v, model, i) < 0)
      continue;
    if (v.decided.year)
      snprintf(date, sizeof date, "%04d-%02d-%02d", v.decided.year, v.decided.month, v.decided.day);
    const char *revises = v.revises >= 0 ? tertial_ledger_measure_name(tertial_model_ledger(model), v.revises) : "";
    if (json) {
      cli_json_item(&j);
      cli_json_int(&j, "measure", v.measure);
      cli_json_str(&j, "name", v.name);
      cli_json_str(&j, "kind", tertial_budget_kind_name(v.kind) ? tertial_budget_kind_name(v.kind) : "?");
      cli_json_str(&j, "decided", *date ? date : NULL);
      cli_json_str(&j, "decided_by", v.decided_by);
      cli_json_str(&j, "revises", *revises ? revises : NULL);
      cli_json_str(&j, "reason", v.reason);
      cli_json_bool(&j, "current", v.measure == tertial_model_current_budget(model));
      continue;
    }
    printf("%s%d\t%s\t%s\t%s\t%s\t%s\t%s\n", v.measure == tertial_model_current_budget(model) ? "*" : "", v.measure,
           shown(v.name), tertial_budget_kind_name(v.kind) ? tertial_budget_kind_name(v.kind) : "?", date, shown(v.decided_by),
           shown(revises), shown(v.reason));
  }
  if (json)
    cli_json_end(&j);
}

/* One assignment rule a line, in the order added: "rule", the unit's code ('*' for every unit),
 * the account range FROM-TO ('*' for every account) and the key's name. */
static void list_rules(tertial_model *model, const tertial_keyset *set)
{
  for (size_t i = 0; i < tertial_keyset_rule_count(set); i++) {
    tertial_unit_id unit;
    const char *from, *to;
    const tertial_key *key;
    if (tertial_keyset_rule_at(&unit, &from, &to, &key, set, i) < 0)
      continue;
    const tertial_unit *u = unit == TERTIAL_NO_UNIT ? NULL : tertial_org_unit(tertial_model_org(model), unit);
    printf("rule\t%s\t", u ? shown(u->code) : "*");
    if (from)
      printf("%s-%s", shown(from), shown(to));
    else
      printf("*");
    printf("\t%s\n", shown(tertial_key_name(key)));
  }
}

/* One key a line: '*' marking the default, name, kind, and its twelve weights in this fiscal
 * year (fiscal-month order), or "(last year of the row)" for a last-year key without amounts. */
static int list_keys(tertial_model *model)
{
  tertial_keyset *set = tertial_model_keys(model);
  if (!set)
    return fail(TERTIAL_ERR_NOMEM, "the key set");
  for (size_t i = 0; i < tertial_keyset_count(set); i++) {
    const tertial_key *key = tertial_keyset_key(set, i);
    tertial_key_kind kind = tertial_key_kind_of(key);
    int64_t w[12], a[12], b[12];
    const int64_t first[12] = {12}, last[12] = {[11] = 12};
    printf("%s%s\t%s\t", key == tertial_keyset_default(set) ? "*" : "", shown(tertial_key_name(key)),
           (unsigned)kind < 6 ? key_kinds[kind] : "?");
    if (kind == TERTIAL_KEY_LAST_YEAR && !tertial_key_falls_back(key) &&
        tertial_key_distribute_row(a, key, tertial_model_fiscal_year(model), 12, first) == 0 &&
        tertial_key_distribute_row(b, key, tertial_model_fiscal_year(model), 12, last) == 0 && memcmp(a, b, sizeof a)) {
      printf("(last year of the row)\n");
      continue;
    }
    int rc = tertial_key_weights(w, key, tertial_model_fiscal_year(model));
    if (rc < 0) {
      printf("(%s)\n", shown(tertial_error_last()));
      continue;
    }
    for (int m = 0; m < 12; m++)
      printf("%s%lld", m ? " " : "", (long long)w[m]);
    printf("\n");
  }
  list_rules(model, set);
  return EXIT_OK;
}

/* Twelve weights "w1 w2 ... w12" (spaces or commas). */
static int parse_weights(int64_t w[12], const char *text, const char *spec)
{
  char **f = g_strsplit_set(text, " ,", -1);
  int n = 0, bad = 0;
  for (char **p = f; *p; p++) {
    if (!**p)
      continue;
    char *end;
    long long v = strtoll(*p, &end, 10);
    if (*end || n >= 12)
      bad = 1;
    else
      w[n++] = v;
  }
  g_strfreev(f);
  if (bad || n != 12) {
    fprintf(stderr, "tertial: --add-key \"%s\": expected twelve whole-number weights\n", spec);
    return EXIT_INPUT;
  }
  return EXIT_OK;
}

/* --add-key NAME;KIND[;WEIGHTS]: KIND equal, calendar-days, working-days (WEIGHTS "eves-working"
 * makes midsommar-, jul- and nyårsafton working days), salary (twelve weights January..December),
 * custom (twelve weights in fiscal-month order) or last-year (no weights: the last year of the
 * row being budgeted). */
static int add_key(tertial_model *model, const char *spec)
{
  char **f = g_strsplit(spec, ";", 3);
  guint nf = g_strv_length(f);
  int code = EXIT_OK, rc = 0, kind = 0;
  int64_t w[12];
  tertial_key *key = NULL;
  if (nf < 2 || !*f[0]) {
    fprintf(stderr, "tertial: --add-key \"%s\": expected NAME;KIND[;WEIGHTS]\n", spec);
    code = EXIT_INPUT;
  }
  while (code == EXIT_OK && kind < 6 && strcmp(f[1], key_kinds[kind]) != 0)
    kind++;
  if (code == EXIT_OK && kind == 6) {
    fprintf(stderr, "tertial: --add-key \"%s\": unknown kind \"%s\" (equal, calendar-days, working-days, salary, "
                    "last-year, custom)\n", spec, f[1]);
    code = EXIT_INPUT;
  }
  gboolean weighted = kind == TERTIAL_KEY_SALARY || kind == TERTIAL_KEY_CUSTOM;
  if (code == EXIT_OK && weighted && nf < 3) {
    fprintf(stderr, "tertial: --add-key \"%s\": a %s key needs twelve weights\n", spec, key_kinds[kind]);
    code = EXIT_INPUT;
  } else if (code == EXIT_OK && weighted) {
    code = parse_weights(w, f[2], spec);
  } else if (code == EXIT_OK && nf == 3 && !(kind == TERTIAL_KEY_WORKING_DAYS && strcmp(f[2], "eves-working") == 0)) {
    fprintf(stderr, "tertial: --add-key \"%s\": a %s key takes no weights\n", spec, key_kinds[kind]);
    code = EXIT_INPUT;
  }
  if (code == EXIT_OK) {
    switch ((tertial_key_kind)kind) {
    case TERTIAL_KEY_EQUAL:
      rc = tertial_key_new_equal(&key, f[0]);
      break;
    case TERTIAL_KEY_CALENDAR_DAYS:
      rc = tertial_key_new_calendar_days(&key, f[0]);
      break;
    case TERTIAL_KEY_WORKING_DAYS:
      rc = tertial_key_new_working_days(&key, f[0], nf == 3 ? TERTIAL_HOLIDAYS_EVES_WORKING : TERTIAL_HOLIDAYS_DEFAULT);
      break;
    case TERTIAL_KEY_SALARY:
      rc = tertial_key_new_salary(&key, f[0], w);
      break;
    case TERTIAL_KEY_LAST_YEAR:
      rc = tertial_key_new_last_year(&key, f[0], NULL);
      break;
    case TERTIAL_KEY_CUSTOM:
      rc = tertial_key_new_custom(&key, f[0], w);
      break;
    }
    if (rc == 0)
      rc = tertial_keyset_add(tertial_model_keys(model), key);
    if (rc < 0) {
      fprintf(stderr, "tertial: --add-key \"%s\": %s\n", spec, tertial_error_last());
      code = exit_of(rc);
    }
  }
  g_strfreev(f);
  return code;
}

/* --assign UNIT;FROM;TO;KEY: UNIT a unit's code, or '*' or empty for every unit; FROM and TO
 * account-number prefixes of equal length, or both empty (or '*') for every account. */
static int assign_key(tertial_model *model, const char *spec, const char *db)
{
  char **f = g_strsplit(spec, ";", 4);
  int code = EXIT_OK, rc;
  tertial_unit_id unit = TERTIAL_NO_UNIT;
  const tertial_key *key = NULL;
  if (g_strv_length(f) != 4) {
    fprintf(stderr, "tertial: --assign \"%s\": expected UNIT;FROM;TO;KEY\n", spec);
    code = EXIT_INPUT;
    goto out;
  }
  const char *from = strcmp(f[1], "*") == 0 ? "" : f[1], *to = strcmp(f[2], "*") == 0 ? "" : f[2];
  if (*f[0] && strcmp(f[0], "*") != 0 && (code = find_unit(&unit, model, f[0], db)) != EXIT_OK)
    goto out;
  if (!*from != !*to) {
    fprintf(stderr, "tertial: --assign \"%s\": give both FROM and TO, or neither for every account\n", spec);
    code = EXIT_INPUT;
  } else if (tertial_keyset_find(&key, tertial_model_keys(model), f[3]) < 0) {
    fprintf(stderr, "tertial: --assign \"%s\": no periodisation key \"%s\" (see budget --keys)\n", spec, f[3]);
    code = EXIT_INPUT;
  } else if ((rc = tertial_keyset_assign(tertial_model_keys(model), unit, *from ? from : NULL, *to ? to : NULL,
                                         f[3])) < 0) {
    fprintf(stderr, "tertial: --assign \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  }
out:
  g_strfreev(f);
  return code;
}

/* --set-annual UNIT;ACCOUNT;KR[;KEY] on a budget version. */
static int set_annual(tertial_model *model, int version, const char *spec, const char *db)
{
  char **f = g_strsplit(spec, ";", 4);
  guint nf = g_strv_length(f);
  int code = EXIT_OK, rc;
  tertial_unit_id unit;
  tertial_account_id account;
  int64_t amount;
  const tertial_key *key = NULL;
  if (nf < 3) {
    fprintf(stderr, "tertial: --set-annual \"%s\": expected UNIT;ACCOUNT;KR[;KEY]\n", spec);
    code = EXIT_INPUT;
  } else if ((code = find_unit(&unit, model, f[0], db)) != EXIT_OK) {
  } else if (tertial_chart_find(&account, tertial_model_chart(model), f[1]) < 0) {
    fprintf(stderr, "tertial: --set-annual \"%s\": %s has no account %s\n", spec, db, f[1]);
    code = EXIT_INPUT;
  } else if (tertial_money_parse(&amount, f[2], TERTIAL_MONEY_ANY) < 0) {
    fprintf(stderr, "tertial: --set-annual \"%s\": %s\n", spec, tertial_error_last());
    code = EXIT_INPUT;
  } else if (nf == 4 && tertial_keyset_find(&key, tertial_model_keys(model), f[3]) < 0) {
    fprintf(stderr, "tertial: --set-annual \"%s\": no periodisation key \"%s\" (see budget --keys)\n", spec, f[3]);
    code = EXIT_INPUT;
  } else if ((rc = tertial_budget_set_annual(model, version, unit, account, amount, key)) < 0) {
    fprintf(stderr, "tertial: --set-annual \"%s\": %s\n", spec, tertial_error_last());
    code = exit_of(rc);
  }
  g_strfreev(f);
  return code;
}

/* An amount in kr as the listings print it: whole kronor, öre when there are any. */
static void kr_text(char *buf, size_t size, int64_t ore)
{
  tertial_money_format(buf, size, ore, TERTIAL_UNIT_KR, ore % 100 ? 2 : 0);
}

/* --compare A;B: per unit of the subtree (to --depth) and report row, both versions' annual
 * totals and the difference B - A. */
int print_comparison(tertial_model *model, const char *spec, tertial_unit_id root, int depth, gboolean json,
                     const char *db)
{
  char **f = g_strsplit(spec, ";", 2);
  int code = EXIT_OK, a, b, rc;
  tertial_budget_comparison *c = NULL;
  if (g_strv_length(f) != 2) {
    fprintf(stderr, "tertial: --compare \"%s\": expected A;B (two budget versions, by measure number or name)\n", spec);
    code = EXIT_INPUT;
  } else if ((code = find_version(&a, model, f[0], db)) == EXIT_OK && (code = find_version(&b, model, f[1], db)) == EXIT_OK &&
             (rc = tertial_budget_compare(&c, model, a, b, root, depth)) < 0) {
    code = fail(rc, "comparing the budget versions");
  }
  const tertial_org *org = tertial_model_org(model);
  const tertial_rowmap *map = tertial_model_rowmap(model);
  cli_json j;
  if (code == EXIT_OK && json)
    cli_json_begin(&j);
  for (size_t i = 0; code == EXIT_OK && i < tertial_budget_comparison_count(c); i++) {
    const tertial_budget_compare_line *x = tertial_budget_comparison_at(c, i);
    const tertial_unit *u = tertial_org_unit(org, x->unit);
    const tertial_report_row *row = tertial_rowmap_row(map, (size_t)x->row);
    if (json) {
      cli_json_item(&j);
      cli_json_str(&j, "unit", u->code);
      cli_json_str(&j, "name", u->name);
      cli_json_int(&j, "depth", x->depth);
      cli_json_str(&j, "row", row->code);
      cli_json_str(&j, "label", row->label);
      cli_json_money(&j, "a", x->a);
      cli_json_money(&j, "b", x->b);
      cli_json_money(&j, "difference", x->difference);
      continue;
    }
    char ka[40], kb[40], kd[40];
    kr_text(ka, sizeof ka, x->a);
    kr_text(kb, sizeof kb, x->b);
    kr_text(kd, sizeof kd, x->difference);
    printf("%*s%s %s\t%s\t%s\t%s\t%s\t%s\n", 2 * x->depth, "", shown(u->code), shown(u->name), shown(row->code),
           shown(row->label), ka, kb, kd);
  }
  if (code == EXIT_OK && json)
    cli_json_end(&j);
  tertial_budget_comparison_free(c);
  g_strfreev(f);
  return code;
}

/* --allocation V: per unit of the subtree (to --depth) the version's net total (every account),
 * what is allocated to the units below it and what is not ("ej fördelat"). */
static int print_allocation(tertial_model *model, const char *text, tertial_unit_id root, int depth, gboolean json,
                            const char *db)
{
  int v, rc = 0, code = find_version(&v, model, text, db);
  if (code != EXIT_OK)
    return code;
  const tertial_org *org = tertial_model_org(model);
  int period;
  tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), 11);
  tertial_org_iter *it = NULL;
  tertial_unit_id u;
  int d;
  cli_json j;
  if (json)
    cli_json_begin(&j);
  rc = tertial_org_iter_new(&it, org, root, period);
  while (rc == 0 && tertial_org_iter_next(it, &u, &d) == 1) {
    if (depth >= 0 && d > depth)
      continue;
    int64_t total = 0, unallocated = 0;
    if ((rc = tertial_ledger_total(&total, tertial_model_ledger(model), u, TERTIAL_ALL_ACCOUNTS, v, 0, 11)) < 0 ||
        (rc = tertial_budget_unallocated(&unallocated, NULL, model, v, u, TERTIAL_ALL_ACCOUNTS)) < 0)
      break;
    const tertial_unit *x = tertial_org_unit(org, u);
    if (json) {
      cli_json_item(&j);
      cli_json_str(&j, "unit", x->code);
      cli_json_str(&j, "name", x->name);
      cli_json_int(&j, "depth", d);
      cli_json_money(&j, "total", total);
      cli_json_money(&j, "allocated", total - unallocated);
      cli_json_money(&j, "unallocated", unallocated);
      continue;
    }
    char kt[40], ka[40], ku[40];
    kr_text(kt, sizeof kt, total);
    kr_text(ka, sizeof ka, total - unallocated);
    kr_text(ku, sizeof ku, unallocated);
    printf("%*s%s %s\t%s\t%s\t%s\n", 2 * d, "", shown(x->code), shown(x->name), kt, ka, ku);
  }
  tertial_org_iter_free(it);
  if (rc < 0)
    return fail(rc, "the allocation of the budget");
  if (json)
    cli_json_end(&j);
  return EXIT_OK;
}

int cmd_budget(int argc, char **argv)
{
  char *revise = NULL, *name = NULL, *kind_text = NULL, *decided = NULL, *decided_by = NULL, *reason = NULL;
  char *current = NULL, *version_text = NULL, *default_key = NULL, **annual = NULL, **add_keys = NULL;
  char **assigns = NULL;
  gboolean keys = FALSE, list = FALSE, make_current = FALSE, json = FALSE;
  char *compare = NULL, *allocation = NULL, *unit_text = NULL, *depth_text = NULL;
  int depth = -1;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"revise", 'r', 0, G_OPTION_ARG_FILENAME, &revise, "Create a revision of budget version V (its measure number or "
                                                       "name): a new version starting as a copy of it", "V"},
    {"name", 'n', 0, G_OPTION_ARG_FILENAME, &name, "With --revise: the new version's name (required)", "NAME"},
    {"kind", 'k', 0, G_OPTION_ARG_FILENAME, &kind_text, "With --revise: frame, adopted, detailed, revised "
                                                       "(default), or a stage of budget preparation (see "
                                                       "`tertial frames`): preliminary, mor, finansplan, "
                                                       "alternative", "KIND"},
    {"decided", 'd', 0, G_OPTION_ARG_FILENAME, &decided, "With --revise: the decision date", "YYYY-MM-DD"},
    {"decided-by", 'b', 0, G_OPTION_ARG_FILENAME, &decided_by, "With --revise: who decided, e.g. Kommunfullmäktige",
     "WHO"},
    {"reason", 0, 0, G_OPTION_ARG_FILENAME, &reason, "With --revise: why", "TEXT"},
    {"current", 'c', 0, G_OPTION_ARG_NONE, &make_current, "With --revise: make the revision the current budget",
     NULL},
    {"set-current", 0, 0, G_OPTION_ARG_FILENAME, &current, "Make budget version V the current budget (the one "
                                                           "follow-up compares with)", "V"},
    {"set-annual", 'a', 0, G_OPTION_ARG_FILENAME_ARRAY, &annual, "Set the annual budget of a unit and account "
                                                                 "(kr, ledger sign: revenue negative) in --version, "
                                                                 "periodised with KEY (default: the key set's)",
     "UNIT;ACCOUNT;KR[;KEY]"},
    {"version", 0, 0, G_OPTION_ARG_FILENAME, &version_text, "The version --set-annual changes (default: the revision "
                                                            "just made, else the current budget)", "V"},
    {"keys", 0, 0, G_OPTION_ARG_NONE, &keys, "List the periodisation keys ('*' the default) with their weights "
                                             "in the fiscal year, then the assignment rules", NULL},
    {"add-key", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &add_keys, "Add a periodisation key: KIND equal, calendar-days, "
                                                              "working-days[;eves-working], salary;W1..W12 (January.."
                                                              "December), custom;W1..W12 (fiscal months) or "
                                                              "last-year", "NAME;KIND[;WEIGHTS]"},
    {"default-key", 0, 0, G_OPTION_ARG_FILENAME, &default_key, "Make KEY the key set's default", "KEY"},
    {"assign", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &assigns, "Assign KEY to a unit's subtree (UNIT '*' or empty: "
                                                            "every unit) for the accounts FROM..TO (digit prefixes "
                                                            "of equal length; both empty: every account); the "
                                                            "same unit and range again replaces the key",
     "UNIT;FROM;TO;KEY"},
    {"list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the versions after the changes", NULL},
    {"compare", 0, 0, G_OPTION_ARG_FILENAME, &compare, "Compare two budget versions (e.g. a proposal and the frame, "
     "or the majority's budget and the opposition's): per unit and report row the annual totals of A and B (kr, "
     "ledger sign) and B - A", "A;B"},
    {"allocation", 0, 0, G_OPTION_ARG_FILENAME, &allocation, "Per unit of a version: its net total, what is "
     "allocated to the units below it and what is not (ej fördelat), at every level", "V"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_text, "With --compare or --allocation: the subtree (default: "
     "the municipality)", "CODE"},
    {"depth", 0, 0, G_OPTION_ARG_FILENAME, &depth_text, "With --compare or --allocation: down to N levels below "
     "the subtree's root (default: all)", "N"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "List the budget versions (measure, name, kind, decision date, decided by, the "
                                      "version revised, reason; '*' marks the current budget), or change them: "
                                      "revise a version, choose the current one, set annual budgets periodised "
                                      "with a key, add keys and assign them to units and account ranges. All "
                                      "changes of one run are saved in one transaction.",
                                entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_date decided_on = {0, 0, 0};
  int kind = TERTIAL_BUDGET_REVISED, rc;
  if (!parse_db(ctx, &argc, &argv, &code, "budget") ||
      !int_option(ctx, &code, "--depth", depth_text, &depth, 0, INT_MAX, "a number of levels, 0 or more"))
    goto out;
  if ((unit_text || depth_text) && !compare && !allocation) {
    code = usage_error(ctx, "--unit and --depth go with --compare or --allocation");
    goto out;
  }
  if (json && !!compare + !!allocation + (keys || list || !(compare || allocation)) > 1) {
    code = usage_error(ctx, "--json prints one listing: the versions, --compare or --allocation");
    goto out;
  }
  if (kind_text) {
    tertial_budget_kind k;
    if (tertial_budget_kind_parse(&k, kind_text) < 0) {
      code = usage_error(ctx, "--kind must be frame, adopted, detailed, revised, preliminary, mor, finansplan or "
                              "alternative");
      goto out;
    }
    kind = (int)k;
  }
  if (revise && !name) {
    code = usage_error(ctx, "--revise needs --name for the new version");
    goto out;
  }
  if (!revise && (name || kind_text || decided || decided_by || reason || make_current)) {
    code = usage_error(ctx, "--name, --kind, --decided, --decided-by, --reason and --current go with --revise");
    goto out;
  }
  if (decided && parse_date(&decided_on, decided) < 0) {
    fprintf(stderr, "tertial: --decided %s: expected a date YYYY-MM-DD\n", decided);
    code = EXIT_INPUT;
    goto out;
  }
  if ((code = open_model(&st, &model, argv[1], add_keys || default_key || assigns || revise || current || annual)) !=
      EXIT_OK)
    goto out;
  gboolean changed = FALSE;
  for (size_t i = 0; add_keys && add_keys[i]; i++, changed = TRUE)
    if ((code = add_key(model, add_keys[i])) != EXIT_OK)
      goto out;
  if (default_key && (rc = tertial_keyset_set_default(tertial_model_keys(model), default_key)) < 0) {
    fprintf(stderr, "tertial: --default-key: no periodisation key \"%s\" (see budget --keys)\n", default_key);
    code = EXIT_INPUT;
    goto out;
  }
  changed |= default_key != NULL;
  for (size_t i = 0; assigns && assigns[i]; i++, changed = TRUE)
    if ((code = assign_key(model, assigns[i], argv[1])) != EXIT_OK)
      goto out;
  int target = tertial_model_current_budget(model), from;
  if (revise) {
    tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
    o.kind = (tertial_budget_kind)kind;
    o.decided = decided_on;
    o.decided_by = decided_by;
    o.reason = reason;
    if ((code = find_version(&from, model, revise, argv[1])) != EXIT_OK)
      goto out;
    if ((rc = tertial_budget_revise(&target, model, from, name, &o)) < 0) {
      code = fail(rc, "--revise");
      goto out;
    }
    if (make_current && (rc = tertial_model_set_current_budget(model, target)) < 0) {
      code = fail(rc, "--current");
      goto out;
    }
    changed = TRUE;
  }
  if (current) {
    if ((code = find_version(&from, model, current, argv[1])) != EXIT_OK)
      goto out;
    if ((rc = tertial_model_set_current_budget(model, from)) < 0) {
      code = fail(rc, "--set-current");
      goto out;
    }
    changed = TRUE;
  }
  if (version_text && (code = find_version(&target, model, version_text, argv[1])) != EXIT_OK)
    goto out;
  for (size_t i = 0; annual && annual[i]; i++, changed = TRUE)
    if ((code = set_annual(model, target, annual[i], argv[1])) != EXIT_OK)
      goto out;
  if (changed && (code = save_model(st, model)) != EXIT_OK)
    goto out;
  if (keys)
    code = list_keys(model);
  tertial_unit_id root = 0;
  if ((compare || allocation) && (code = find_unit(&root, model, unit_text, argv[1])) != EXIT_OK)
    goto out;
  if (compare && (code = print_comparison(model, compare, root, depth, json, argv[1])) != EXIT_OK)
    goto out;
  if (allocation && (code = print_allocation(model, allocation, root, depth, json, argv[1])) != EXIT_OK)
    goto out;
  if (list || (json && !compare && !allocation) || (!changed && !keys && !compare && !allocation))
    list_versions(model, json);
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(compare);
  g_free(allocation);
  g_free(unit_text);
  g_free(depth_text);
  g_free(revise);
  g_free(name);
  g_free(kind_text);
  g_free(decided);
  g_free(decided_by);
  g_free(reason);
  g_free(current);
  g_free(version_text);
  g_free(default_key);
  g_strfreev(annual);
  g_strfreev(add_keys);
  g_strfreev(assigns);
  g_option_context_free(ctx);
  return code;
}
