/* tertial investments: the investment budget from a file or a store (investments.h,
 * store_plan.h): each project with its amounts per plan year and remaining budget, and the totals
 * per year per committee, per category and in all; --save keeps a file's projects in a store. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Whether two names are the same, letter case ignored; NULL (no filter) matches all. */
static gboolean same(const char *name, const char *filter)
{
  if (!filter)
    return TRUE;
  char *a = g_utf8_casefold(name ? name : "", -1), *b = g_utf8_casefold(filter, -1);
  gboolean is = strcmp(a, b) == 0;
  g_free(a);
  g_free(b);
  return is;
}

typedef struct view {
  const tertial_investments *inv;
  const char *unit, *category; /* the filters, NULL for all */
  int first, last;             /* the years shown */
  int from;                    /* the current year of the remaining budgets */
  gboolean json;
  cli_json j;
} view;

static gboolean shown_project(const view *v, const tertial_investment *p)
{
  return same(p->unit, v->unit) && same(p->category, v->category);
}

static void money_text(char *buf, size_t size, int64_t ore)
{
  tertial_money_format(buf, size, ore, TERTIAL_UNIT_KR, 0);
}

/* The totals of a group (a unit, a category: NULL for all within the filters) for each year and
 * their sum, printed as one line or one JSON item. */
static int group_line(view *v, const char *kind, const char *label, const char *unit, const char *category)
{
  int64_t sums[TERTIAL_INVESTMENT_YEARS] = {0}, all = 0;
  int rc = 0;
  for (int y = v->first; rc == 0 && y <= v->last; y++)
    if ((rc = tertial_investments_total(&sums[y - v->first], v->inv, y, unit, category)) == 0 &&
        tertial_money_add(&all, all, sums[y - v->first]) < 0)
      rc = TERTIAL_ERR_OVERFLOW;
  if (rc < 0)
    return fail(rc, label);
  char a[40], year[16];
  if (v->json) {
    cli_json_item(&v->j);
    cli_json_str(&v->j, "kind", kind);
    cli_json_str(&v->j, "name", label);
    for (int y = v->first; y <= v->last; y++) {
      snprintf(year, sizeof year, "%d", y);
      cli_json_money(&v->j, year, sums[y - v->first]);
    }
    cli_json_money(&v->j, "total", all);
    return EXIT_OK;
  }
  printf("%s", shown(label));
  for (int y = v->first; y <= v->last; y++) {
    money_text(a, sizeof a, sums[y - v->first]);
    printf("\t%d %s kr", y, a);
  }
  money_text(a, sizeof a, all);
  printf("\ttotalt %s kr\n", a);
  return EXIT_OK;
}

static void project_line(view *v, size_t index)
{
  const tertial_investment *p = tertial_investments_at(v->inv, index);
  int64_t left = 0;
  int has_left = p->has_budget && tertial_investments_remaining(&left, v->inv, index, v->from) == 0;
  char a[40], year[16];
  if (v->json) {
    cli_json_item(&v->j);
    cli_json_str(&v->j, "kind", "project");
    cli_json_str(&v->j, "code", p->code);
    cli_json_str(&v->j, "name", p->name);
    cli_json_str(&v->j, "unit", p->unit);
    cli_json_str(&v->j, "category", p->category);
    cli_json_str(&v->j, "status", tertial_investment_status_name(p->status));
    for (int y = v->first; y <= v->last; y++)
      if (y >= p->first_year && y < p->first_year + p->years) {
        snprintf(year, sizeof year, "%d", y);
        cli_json_money(&v->j, year, p->amounts[y - p->first_year]);
      }
    if (p->has_budget)
      cli_json_money(&v->j, "budget", p->budget);
    if (p->has_spent)
      cli_json_money(&v->j, "spent", p->spent);
    if (has_left)
      cli_json_money(&v->j, "remaining", left);
    return;
  }
  printf("%s\t%s\t%s\t%s\t%s", shown(p->code), shown(p->name), shown(p->unit), shown(p->category),
         tertial_investment_status_name(p->status));
  for (int y = v->first; y <= v->last; y++)
    if (y >= p->first_year && y < p->first_year + p->years) {
      money_text(a, sizeof a, p->amounts[y - p->first_year]);
      printf("\t%d %s kr", y, a);
    }
  if (p->has_budget) {
    money_text(a, sizeof a, p->budget);
    printf("\tbudget %s kr", a);
  }
  if (p->has_spent) {
    money_text(a, sizeof a, p->spent);
    printf("\tutfall %s kr", a);
  }
  if (has_left) {
    money_text(a, sizeof a, left);
    printf("\tkvar från %d %s kr", v->from, a);
  }
  printf("\n");
}

/* Whether a project shown before `index` has the same unit (by_unit) or category as project index. */
static gboolean seen_before(const view *v, size_t index, gboolean by_unit)
{
  const tertial_investment *p = tertial_investments_at(v->inv, index);
  for (size_t i = 0; i < index; i++) {
    const tertial_investment *q = tertial_investments_at(v->inv, i);
    if (!shown_project(v, q))
      continue;
    if (by_unit ? same(q->unit, p->unit) : same(q->category ? q->category : "", p->category ? p->category : ""))
      return TRUE;
  }
  return FALSE;
}

/* The groups of one kind within the filters, each once in the order of its first project. */
static int groups(view *v, gboolean by_unit)
{
  if (!v->json)
    printf("%s\n", by_unit ? "Per nämnd" : "Per kategori");
  int code = EXIT_OK;
  for (size_t i = 0; code == EXIT_OK && i < tertial_investments_count(v->inv); i++) {
    const tertial_investment *p = tertial_investments_at(v->inv, i);
    if (!shown_project(v, p) || seen_before(v, i, by_unit))
      continue;
    const char *name = by_unit ? p->unit : p->category ? p->category : "";
    code = by_unit ? group_line(v, "unit", name, name, v->category)
                   : group_line(v, "category", *name ? name : "(ingen kategori)", v->unit, name);
  }
  return code;
}

static int print_all(view *v)
{
  if (v->json)
    cli_json_begin(&v->j);
  else if (v->first == v->last)
    printf("Investeringsbudget %d\n", v->first);
  else
    printf("Investeringsbudget %d–%d\n", v->first, v->last);
  for (size_t i = 0; i < tertial_investments_count(v->inv); i++)
    if (shown_project(v, tertial_investments_at(v->inv, i)))
      project_line(v, i);
  int code = groups(v, TRUE);
  if (code == EXIT_OK)
    code = groups(v, FALSE);
  if (code == EXIT_OK)
    code = group_line(v, "total", "Totalt", v->unit, v->category);
  if (v->json)
    cli_json_end(&v->j);
  return code;
}

/* The projects of a file, or those a store holds for the fiscal year --year: EXIT_OK or an exit
 * status after saying why. */
static int read_projects(tertial_investments *inv, const char *path, gboolean from_store)
{
  if (!from_store) {
    int rc = tertial_investments_load(inv, path);
    return rc < 0 ? fail(rc, "the investment budget") : EXIT_OK;
  }
  tertial_store *st = NULL;
  int rc = tertial_store_open(&st, path, TERTIAL_STORE_READONLY);
  if (rc == 0)
    rc = tertial_store_load_investments(st, opt_year, inv);
  tertial_store_free(st);
  if (rc < 0)
    return fail(rc, path);
  if (tertial_investments_count(inv) == 0) {
    fprintf(stderr, "tertial: store %s holds no investment project of the fiscal year %d (tertial investments FILE "
                    "--save %s --year %d)\n", shown(path), opt_year, shown(path), opt_year);
    return EXIT_INPUT;
  }
  return EXIT_OK;
}

/* --save DB: the projects as those of the fiscal year --year, replacing the year's. */
static int save_projects(const tertial_investments *inv, const char *db)
{
  tertial_store *st = NULL;
  int rc = tertial_store_open(&st, db, 0);
  if (rc == 0)
    rc = tertial_store_save_investments(st, opt_year, inv);
  tertial_store_free(st);
  return rc < 0 ? fail(rc, "--save") : EXIT_OK;
}

int cmd_investments(int argc, char **argv)
{
  char *unit = NULL, *category = NULL, *save = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    {"unit", 'u', 0, G_OPTION_ARG_STRING, &unit, "Only the projects of committee or unit U (as the file names it)",
     "U"},
    {"category", 'c', 0, G_OPTION_ARG_STRING, &category, "Only the projects of category C", "C"},
    {"save", 0, 0, G_OPTION_ARG_FILENAME, &save, "Also keep the file's projects in the store DB as the investment "
     "budget of the fiscal year --year (replacing the year's)", "DB"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("FILE|DB - the investment budget (investeringsbudget)",
                                "Reads investment projects: projekt, namn, nämnd, kategori, status, one column per "
                                "plan year (\"2027\", \"2028 (tkr)\"), Budget (total) and Utfall hittills "
                                "(docs/planning.md), and prints each with its amounts and remaining budget, and the "
                                "totals per year per committee, per category and in all. --year Y: only year Y, "
                                "the remaining budgets from Y on. With --save DB, or a store DB instead of FILE, "
                                "--year Y is the fiscal year the store keeps the projects under (required) and "
                                "every plan year is shown.",
                                entries, TRUE);
  int code = EXIT_OK, rc;
  tertial_investments *inv = NULL;
  if (!parse(ctx, &argc, &argv, &code))
    goto out;
  if (argc != 2) {
    code = usage_error(ctx, "investments takes one file of projects or a store");
    goto out;
  }
  gboolean from_store = cli_is_store(argv[1]);
  if ((save || from_store) && !opt_year) {
    code = usage_error(ctx, save ? "--save needs --year, the fiscal year to keep the projects under"
                                 : "investments DB needs --year, the fiscal year of the store's projects");
    goto out;
  }
  if (save && from_store) {
    code = usage_error(ctx, "--save takes the projects of a file, not of a store");
    goto out;
  }
  if ((rc = tertial_investments_new(&inv)) < 0) {
    code = fail(rc, "the investment budget");
    goto out;
  }
  if ((code = read_projects(inv, argv[1], from_store)) != EXIT_OK)
    goto out;
  view v = {.inv = inv, .unit = unit, .category = category};
  if ((rc = tertial_investments_span(&v.first, &v.last, inv)) < 0) {
    code = fail(rc, argv[1]);
    goto out;
  }
  gboolean one_year = opt_year && !save && !from_store; /* else --year is the store's fiscal year */
  if (one_year && (opt_year < v.first || opt_year > v.last)) {
    fprintf(stderr, "tertial: --year %d: the plan has the years %d–%d\n", opt_year, v.first, v.last);
    code = EXIT_INPUT;
    goto out;
  }
  if (one_year)
    v.first = v.last = opt_year;
  v.from = one_year || !opt_year ? v.first : opt_year;
  v.json = json;
  size_t n = 0;
  for (size_t i = 0; i < tertial_investments_count(inv); i++)
    n += shown_project(&v, tertial_investments_at(inv, i));
  if (n == 0) {
    fprintf(stderr, "tertial: no project of%s%s%s%s in %s\n", unit ? " unit " : "", unit ? shown(unit) : "",
            category ? " category " : "", category ? shown(category) : "", argv[1]);
    code = EXIT_INPUT;
    goto out;
  }
  if (save && (code = save_projects(inv, save)) != EXIT_OK)
    goto out;
  code = print_all(&v);
out:
  tertial_investments_free(inv);
  g_free(save);
  g_free(unit);
  g_free(category);
  g_option_context_free(ctx);
  return code;
}
