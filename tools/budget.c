/* tertial budget: budget versions (list, revise, choose the current one), annual budgets set with
 * a periodisation key, and the key set's keys and rules (list, add keys, choose the default,
 * assign keys to units and account ranges). Every change of one run is saved in one transaction. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const version_kinds[] = {"frame", "adopted", "detailed", "revised"};
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
      cli_json_str(&j, "kind", (unsigned)v.kind < 4 ? version_kinds[v.kind] : "?");
      cli_json_str(&j, "decided", *date ? date : NULL);
      cli_json_str(&j, "decided_by", v.decided_by);
      cli_json_str(&j, "revises", *revises ? revises : NULL);
      cli_json_str(&j, "reason", v.reason);
      cli_json_bool(&j, "current", v.measure == tertial_model_current_budget(model));
      continue;
    }
    printf("%s%d\t%s\t%s\t%s\t%s\t%s\t%s\n", v.measure == tertial_model_current_budget(model) ? "*" : "", v.measure,
           shown(v.name), (unsigned)v.kind < 4 ? version_kinds[v.kind] : "?", date, shown(v.decided_by),
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

int cmd_budget(int argc, char **argv)
{
  char *revise = NULL, *name = NULL, *kind_text = NULL, *decided = NULL, *decided_by = NULL, *reason = NULL;
  char *current = NULL, *version_text = NULL, *default_key = NULL, **annual = NULL, **add_keys = NULL;
  char **assigns = NULL;
  gboolean keys = FALSE, list = FALSE, make_current = FALSE, json = FALSE;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"revise", 'r', 0, G_OPTION_ARG_FILENAME, &revise, "Create a revision of budget version V (its measure number or "
                                                       "name): a new version starting as a copy of it", "V"},
    {"name", 'n', 0, G_OPTION_ARG_FILENAME, &name, "With --revise: the new version's name (required)", "NAME"},
    {"kind", 'k', 0, G_OPTION_ARG_FILENAME, &kind_text, "With --revise: frame, adopted, detailed or revised "
                                                       "(default)", "KIND"},
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
  if (!parse_db(ctx, &argc, &argv, &code, "budget"))
    goto out;
  if (kind_text) {
    for (kind = 0; kind < 4 && strcmp(kind_text, version_kinds[kind]) != 0; kind++)
      ;
    if (kind == 4) {
      code = usage_error(ctx, "--kind must be frame, adopted, detailed or revised");
      goto out;
    }
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
  if (list || json || (!changed && !keys))
    list_versions(model, json);
out:
  tertial_model_free(model);
  tertial_store_free(st);
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
