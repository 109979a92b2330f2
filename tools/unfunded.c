/* tertial unfunded: unfunded decisions (ofinansierade beslut) from a file (unfunded.h), each
 * with its unfunded part, the sums per committee and in total; --save keeps them in a store by
 * fiscal year (store_plan.h). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Whether decision d is of the committee asked (all when NULL; letter case ignored). */
static gboolean of_committee(const tertial_unfunded_decision *d, const char *committee)
{
  if (!committee)
    return TRUE;
  char *a = g_utf8_casefold(d->committee, -1), *b = g_utf8_casefold(committee, -1);
  gboolean same = strcmp(a, b) == 0;
  g_free(a);
  g_free(b);
  return same;
}

static void print_json(const tertial_unfunded *u, const char *committee)
{
  cli_json j;
  cli_json_begin(&j);
  for (size_t i = 0; i < tertial_unfunded_count(u); i++) {
    const tertial_unfunded_decision *d = tertial_unfunded_at(u, i);
    if (!of_committee(d, committee))
      continue;
    char date[16];
    int64_t gap = 0;
    tertial_unfunded_gap(&gap, u, i);
    snprintf(date, sizeof date, "%04d-%02d-%02d", d->decided.year, d->decided.month, d->decided.day);
    cli_json_item(&j);
    cli_json_str(&j, "code", d->code);
    cli_json_str(&j, "committee", d->committee);
    cli_json_str(&j, "decided", date);
    cli_json_str(&j, "decided_by", d->decided_by);
    cli_json_str(&j, "description", d->description);
    cli_json_money(&j, "cost", d->cost);
    cli_json_str(&j, "funding", tertial_funding_name(d->funding));
    cli_json_money(&j, "funded", d->funded);
    cli_json_money(&j, "unfunded", gap);
  }
  cli_json_end(&j);
}

static void print_text(const tertial_unfunded *u, const char *committee)
{
  char a[40], b[40];
  printf("Ofinansierade beslut (kostnad per år)\n");
  for (size_t i = 0; i < tertial_unfunded_count(u); i++) {
    const tertial_unfunded_decision *d = tertial_unfunded_at(u, i);
    if (!of_committee(d, committee))
      continue;
    int64_t gap = 0;
    tertial_unfunded_gap(&gap, u, i);
    tertial_money_format(a, sizeof a, d->cost, TERTIAL_UNIT_KR, 0);
    tertial_money_format(b, sizeof b, gap, TERTIAL_UNIT_KR, 0);
    printf("%s\t%s\t%04d-%02d-%02d\t%s\t%s\tkostnad %s kr\tfinansiering %s", shown(d->code), shown(d->committee),
           d->decided.year, d->decided.month, d->decided.day, shown(d->decided_by), shown(d->description), a,
           tertial_funding_name(d->funding));
    if (d->funding == TERTIAL_FUNDING_PARTIAL) {
      tertial_money_format(a, sizeof a, d->funded, TERTIAL_UNIT_KR, 0);
      printf(" %s kr", a);
    }
    printf("\tofinansierat %s kr\n", b);
  }
  printf("Per nämnd\n");
  size_t all = 0;
  for (size_t i = 0; i < tertial_unfunded_committee_count(u); i++) {
    const char *name;
    size_t n = 0;
    int64_t sum = 0;
    tertial_unfunded_committee_at(&name, &n, &sum, u, i);
    tertial_unfunded_decision probe = {.committee = name};
    if (!of_committee(&probe, committee))
      continue;
    all += n;
    tertial_money_format(a, sizeof a, sum, TERTIAL_UNIT_KR, 0);
    printf("%s\t%zu beslut\tofinansierat %s kr\n", shown(name), n, a);
  }
  int64_t total = 0;
  tertial_unfunded_total(&total, u, committee);
  tertial_money_format(a, sizeof a, total, TERTIAL_UNIT_KR, 0);
  printf("Totalt\t%zu beslut\tofinansierat %s kr\n", all, a);
}

/* --save DB: the decisions of the fiscal year --year, replacing those the store held. */
static int save_decisions(const tertial_unfunded *u, const char *db)
{
  tertial_store *st = NULL;
  int rc = tertial_store_open(&st, db, 0);
  if (rc == 0)
    rc = tertial_store_save_unfunded(st, opt_year, u);
  tertial_store_free(st);
  return rc < 0 ? fail(rc, "--save") : EXIT_OK;
}

int cmd_unfunded(int argc, char **argv)
{
  char *committee = NULL, *save = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    {"unit", 'u', 0, G_OPTION_ARG_STRING, &committee, "Only the decisions of committee U (as the file names it)",
     "U"},
    {"save", 0, 0, G_OPTION_ARG_FILENAME, &save, "Also keep the decisions in the store DB as those of the fiscal "
     "year --year (replacing the year's)", "DB"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("FILE - unfunded decisions (ofinansierade beslut)",
                                "Reads decisions that give a committee a cost without (full) funding: kod, nämnd, "
                                "datum, beslutsorgan, beskrivning, kostnad (per year, tkr when the header says so), "
                                "finansiering (ingen or delvis) and finansierat (docs/planning.md), and prints each "
                                "with its unfunded part, the sum per committee and the total.",
                                entries, TRUE);
  int code = EXIT_OK, rc;
  tertial_unfunded *u = NULL;
  if (!parse(ctx, &argc, &argv, &code))
    goto out;
  if (argc != 2) {
    code = usage_error(ctx, "unfunded takes one file of decisions");
    goto out;
  }
  if (!save != !opt_year) {
    code = usage_error(ctx, "--save and --year go together");
    goto out;
  }
  if ((rc = tertial_unfunded_new(&u)) < 0 || (rc = tertial_unfunded_load(u, argv[1])) < 0) {
    code = fail(rc, "the unfunded decisions");
    goto out;
  }
  int64_t total = 0;
  size_t n = 0;
  for (size_t i = 0; committee && i < tertial_unfunded_count(u); i++)
    n += of_committee(tertial_unfunded_at(u, i), committee);
  if (committee && n == 0) {
    fprintf(stderr, "tertial: --unit \"%s\": no decision of that committee; the committees are:", shown(committee));
    for (size_t i = 0; i < tertial_unfunded_committee_count(u); i++) {
      const char *name;
      tertial_unfunded_committee_at(&name, NULL, &total, u, i);
      fprintf(stderr, "%s %s", i ? "," : "", shown(name));
    }
    fprintf(stderr, "\n");
    code = EXIT_INPUT;
    goto out;
  }
  if (save && (code = save_decisions(u, save)) != EXIT_OK)
    goto out;
  if (json)
    print_json(u, committee);
  else
    print_text(u, committee);
out:
  tertial_unfunded_free(u);
  g_free(committee);
  g_free(save);
  g_option_context_free(ctx);
  return code;
}
