/* tertial import: a municipality's own CSV and xlsx files (organisation, accounts, budget,
 * outcome, people) into the model of a fiscal year, all or nothing: a file with errors lists them
 * all and saves nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* "+1 234,50 kr" with the sign always shown. */
static void signed_kr(char *buf, size_t size, int64_t ore)
{
  char kr[48];
  tertial_money_format(kr, sizeof kr, ore, TERTIAL_UNIT_KR, 2);
  snprintf(buf, size, "%s%s kr", ore > 0 ? "+" : "", kr);
}

static void print_summary(const tertial_import_summary *s, const char *file, gboolean dry)
{
  printf("%s: %s, %zu row%s%s: ", shown(file), tertial_import_kind_name(s->kind), s->rows, s->rows == 1 ? "" : "s",
         dry ? " (dry run: nothing saved)" : "");
  const char *verb = dry ? "to be " : "";
  switch (s->kind) {
  case TERTIAL_IMPORT_ORGANISATION:
    printf("%zu unit%s %sadded, %zu %supdated, %zu unchanged\n", s->units_added, s->units_added == 1 ? "" : "s", verb,
           s->units_updated, verb, s->units_unchanged);
    break;
  case TERTIAL_IMPORT_ACCOUNTS:
    printf("%zu account%s %sadded, %zu %supdated, %zu unchanged\n", s->accounts_added,
           s->accounts_added == 1 ? "" : "s", verb, s->accounts_updated, verb, s->accounts_unchanged);
    break;
  case TERTIAL_IMPORT_BUDGET:
  case TERTIAL_IMPORT_OUTCOME: {
    char change[64], total[48];
    signed_kr(change, sizeof change, s->change_total);
    tertial_money_format(total, sizeof total, s->amount_total, TERTIAL_UNIT_KR, 2);
    printf("%zu month%s %schanged (%s), %zu unchanged; %s kr in the file\n", s->amounts_changed,
           s->amounts_changed == 1 ? "" : "s", verb, change, s->amounts_unchanged, total);
    break;
  }
  case TERTIAL_IMPORT_PEOPLE:
    printf("%zu %s added\n", s->people_added, s->people_added == 1 ? "person" : "people");
    break;
  case TERTIAL_IMPORT_INDICATORS:
    printf("%zu value%s %schanged, %zu unchanged\n", s->values_changed, s->values_changed == 1 ? "" : "s", verb,
           s->values_unchanged);
    break;
  }
}

int cmd_import(int argc, char **argv)
{
  char *kind_text = NULL, *sheet = NULL, *as = NULL, *version_text = NULL;
  gboolean dry = FALSE;
  int code = EXIT_OK;
  const GOptionEntry entries[] = {
    {"kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text, "What the file holds: organisation (code, parent, name, "
                                                      "level, manager), accounts (number, name, type, internal), "
                                                      "budget (unit, account, an annual amount with an optional "
                                                      "periodisation key, or amounts per month), outcome (unit, "
                                                      "account, month or period, amount), people (key, name, "
                                                      "e-mail, role, unit: into the follow-up round) or indicators "
                                                      "(indicator, unit, period, value, source)", "KIND"},
    {"sheet", 's', 0, G_OPTION_ARG_STRING, &sheet, "The sheet of an xlsx workbook (default: the first)", "NAME"},
    {"dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry, "Check the file and print what would change; save nothing (not "
                                                 "for people)", NULL},
    {"version", 0, 0, G_OPTION_ARG_FILENAME, &version_text, "Budget: the version the amounts go into, by its measure "
                                                            "number or name (default: the current budget)", "V"},
    {"as", 0, 0, G_OPTION_ARG_FILENAME, &as, "People: import them as this person (an economist on the "
                                             "municipality); required unless the directory is empty", "PERSON"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB FILE", "Import a CSV file (';' or ',', UTF-8 or Windows-1252) or an xlsx "
                                           "workbook into the model of a fiscal year. Columns are found by their "
                                           "header, in Swedish or English (docs/cli.md lists the names). The file "
                                           "is checked whole first: a file with errors lists each one with its "
                                           "line (or sheet and cell) and column, and saves nothing (exit 2). "
                                           "Importing the same file again changes nothing: amounts replace the "
                                           "months they name.",
                                entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_import *imp = NULL;
  tertial_import_kind kind = TERTIAL_IMPORT_ORGANISATION;
  if (!parse(ctx, &argc, &argv, &code))
    goto out;
  if (argc != 3) {
    code = usage_error(ctx, "import takes a store path and one file");
    goto out;
  }
  if (!kind_text) {
    code = usage_error(ctx, "--kind is required: organisation, accounts, budget, outcome or people");
    goto out;
  }
  if (tertial_import_kind_parse(&kind, kind_text) < 0) {
    code = usage_error(ctx, tertial_error_last());
    goto out;
  }
  gboolean people = kind == TERTIAL_IMPORT_PEOPLE;
  if (as && !people) {
    code = usage_error(ctx, "--as goes with --kind people: the other kinds are saved with the year");
    goto out;
  }
  if (version_text && kind != TERTIAL_IMPORT_BUDGET) {
    code = usage_error(ctx, "--version goes with --kind budget");
    goto out;
  }
  if (people && dry) {
    code = usage_error(ctx, "--dry-run is not for people: the round checks and imports them in one step");
    goto out;
  }
  if ((code = open_model(&st, &model, argv[1], !dry)) != EXIT_OK)
    goto out;
  tertial_import_options o = TERTIAL_IMPORT_OPTIONS_INIT;
  o.sheet = sheet;
  o.dry_run = dry;
  if (version_text && (code = find_version(&o.budget_measure, model, version_text, argv[1])) != EXIT_OK)
    goto out;
  tertial_actor actor = {TERTIAL_NO_PERSON, TERTIAL_NO_PERSON};
  if (people) {
    /* as `tertial people --import`: the round, bound to the store, writes the import with its audit entry */
    tertial_round *round = tertial_model_round(model);
    int brc = round ? tertial_store_bind_round(st, model) : TERTIAL_ERR_NOMEM;
    if (brc < 0) {
      code = fail(brc, "binding the round to the store");
      goto out;
    }
    if (!as && tertial_round_person_count(round) > 0) {
      code = usage_error(ctx, "--as PERSON is required: the directory has people (only the first import goes "
                              "without)");
      goto out;
    }
    if (as && (code = find_actor(&actor, round, as, NULL, argv[1])) != EXIT_OK)
      goto out;
    o.actor = as ? &actor : NULL;
  }
  int rc = tertial_import_file(&imp, model, argv[2], kind, &o);
  if (rc == TERTIAL_ERR_PARSE && imp) {
    size_t n = tertial_import_error_count(imp);
    for (size_t i = 0; i < n; i++)
      fprintf(stderr, "%s\n", shown(tertial_import_error(imp, i)));
    fprintf(stderr, "tertial: %s: %zu error%s; nothing was imported\n", shown(argv[2]), n, n == 1 ? "" : "s");
    code = EXIT_INPUT;
    goto out;
  }
  if (rc < 0) {
    /* the library's messages about a file start with its name */
    fprintf(stderr, "tertial: %s\n", shown(tertial_error_last()));
    code = exit_of(rc);
    goto out;
  }
  const tertial_import_summary *s = tertial_import_summary_of(imp);
  if (opt_verbose)
    fprintf(stderr, "tertial: %s: read as %s\n", shown(argv[2]), tertial_import_encoding(imp));
  if (s->applied && !people && (code = save_model(st, model)) != EXIT_OK)
    goto out;
  print_summary(s, argv[2], dry);
out:
  tertial_import_free(imp);
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(kind_text);
  g_free(sheet);
  g_free(as);
  g_free(version_text);
  g_option_context_free(ctx);
  return code;
}
