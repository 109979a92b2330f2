/* The planning objects in the follow-up report (issue 19, report_plan.h): Prioriteringar, Intern
 * kontroll and Ofinansierade beslut from the examples' proposals, internal control and unfunded
 * decisions, on the demo municipality of 2026 at T1. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unzip.h>

#include "testutil.h"

#define EX TERTIAL_SOURCE_ROOT "/examples/"

static tertial_model *demo;

static void demo_setup(void)
{
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&demo, &d, 2026, 0));
  T_OK(tertial_forecast_apply(demo, 4, -1));
}

static void demo_teardown(void)
{
  tertial_model_free(demo);
  demo = NULL;
}

/* The report of a unit of the demo at a cut-off with options. */
static tertial_report *report_with(const char *code, int cutoff, const tertial_report_options *o)
{
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(demo), code));
  tertial_report *r;
  T_OK(tertial_report_new(&r, demo, u, cutoff, o));
  return r;
}

/* The report of a unit of the demo at T1 (cut-off 4), with child reports @p depth levels down. */
static tertial_report *report_of(const char *code, int depth, int english)
{
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.skip_empty = 1;
  o.child_depth = depth;
  o.english = english;
  tertial_report *r = report_with(code, 4, &o);
  ck_assert_str_eq(tertial_report_point_code(r), "T1");
  return r;
}

static tertial_proposals *proposals(void)
{
  tertial_proposals *p;
  T_OK(tertial_proposals_new(&p));
  T_OK(tertial_proposals_load(p, EX "priorities/proposals.csv"));
  return p;
}

static tertial_intcontrol *intcontrol(void)
{
  tertial_intcontrol *ic;
  T_OK(tertial_intcontrol_new(&ic));
  T_OK(tertial_intcontrol_load(ic, TERTIAL_INTCONTROL_RISKS, EX "intcontrol/risks.csv"));
  T_OK(tertial_intcontrol_load(ic, TERTIAL_INTCONTROL_PLAN, EX "intcontrol/plan.csv"));
  T_OK(tertial_intcontrol_load(ic, TERTIAL_INTCONTROL_RESULTS, EX "intcontrol/results.csv"));
  return ic;
}

static tertial_unfunded *unfunded(void)
{
  tertial_unfunded *u;
  T_OK(tertial_unfunded_new(&u));
  T_OK(tertial_unfunded_load(u, EX "unfunded/decisions.csv"));
  return u;
}

/* The section of a kind, NULL when the report has none. */
static const tertial_report_section *find(const tertial_report *r, tertial_report_section_kind kind)
{
  size_t i;
  return tertial_report_find_section(&i, r, kind) == 0 ? tertial_report_section_at(r, i) : NULL;
}

static size_t col(const tertial_report_section *s, const char *key)
{
  for (size_t c = 0; c < s->column_count; c++)
    if (strcmp(tertial_report_column_at(s, c)->key, key) == 0)
      return c;
  ck_abort_msg("section %s has no column %s", s->key, key);
  return 0;
}

static const char *text(const tertial_report_section *s, size_t line, const char *key)
{
  const tertial_report_cell *c = tertial_report_cell_at(s, line, col(s, key));
  ck_assert_ptr_nonnull(c);
  return c->present ? c->text : "(empty)";
}

static int64_t amount(const tertial_report_section *s, size_t line, const char *key)
{
  const tertial_report_cell *c = tertial_report_cell_at(s, line, col(s, key));
  ck_assert_ptr_nonnull(c);
  ck_assert_int_eq(c->present, 1);
  return c->value;
}

static const char *code(const tertial_report_section *s, size_t line)
{
  return tertial_report_line_at(s, line)->code;
}

START_TEST(test_priorities_committee)
{
  tertial_report *r = report_of("3", 0, 0); /* Socialnämnden: SOC-1..3 (unit 30 is below it) */
  tertial_proposals *p = proposals();
  ck_assert_ptr_null(find(r, TERTIAL_SECTION_PRIORITIES));
  T_OK(tertial_report_add_priorities(r, p, NULL));
  const tertial_report_section *s = find(r, TERTIAL_SECTION_PRIORITIES);
  ck_assert_ptr_nonnull(s);
  ck_assert_str_eq(s->key, "priorities");
  ck_assert_str_eq(s->title, "Prioriteringar");
  ck_assert_uint_eq(s->column_count, 11);
  ck_assert_uint_eq(s->line_count, 3);
  /* the default rule: benefit (mycket stor, liten, ingen) decides */
  ck_assert_str_eq(code(s, 0), "SOC-1");
  ck_assert_str_eq(text(s, 0, "rank"), "1");
  ck_assert_str_eq(text(s, 0, "kind"), "prioritering");
  ck_assert_str_eq(text(s, 0, "measure"), "Utökad öppenvård i egen regi");
  ck_assert_str_eq(text(s, 0, "owner"), "Socialnämnden");
  ck_assert_str_eq(text(s, 0, "unit"), "30");
  ck_assert_int_eq(amount(s, 0, "cost"), KR(1250000));
  ck_assert_str_eq(text(s, 0, "difficulty"), "stor");
  ck_assert_str_eq(text(s, 0, "benefit"), "mycket stor");
  ck_assert_str_eq(text(s, 0, "cost_effectiveness"), "hög");
  ck_assert_str_eq(text(s, 0, "status"), "beslutad");
  ck_assert_str_eq(code(s, 1), "SOC-2");
  ck_assert_str_eq(text(s, 1, "rank"), "2");
  ck_assert_int_eq(amount(s, 1, "cost"), -KR(820000));
  ck_assert_str_eq(text(s, 1, "status"), "lyft");
  ck_assert_str_eq(code(s, 2), "SOC-3");
  ck_assert_str_eq(text(s, 2, "rank"), "3");
  ck_assert_int_eq(amount(s, 2, "cost"), -KR(300000));

  /* another rule: the largest saving first; a second call replaces the section */
  tertial_priority_rule *rule;
  T_OK(tertial_priority_rule_parse(&rule, "order = cost\n", "cost.rule"));
  size_t sections = tertial_report_section_count(r);
  T_OK(tertial_report_add_priorities(r, p, rule));
  ck_assert_uint_eq(tertial_report_section_count(r), sections);
  s = find(r, TERTIAL_SECTION_PRIORITIES);
  ck_assert_uint_eq(s->line_count, 3);
  ck_assert_str_eq(code(s, 0), "SOC-2");
  ck_assert_str_eq(code(s, 1), "SOC-3");
  ck_assert_str_eq(code(s, 2), "SOC-1");
  ck_assert_str_eq(text(s, 2, "rank"), "3");
  tertial_priority_rule_free(rule);

  /* an empty list takes the section away */
  tertial_proposals *none;
  T_OK(tertial_proposals_new(&none));
  T_OK(tertial_report_add_priorities(r, none, NULL));
  ck_assert_ptr_null(find(r, TERTIAL_SECTION_PRIORITIES));
  ck_assert_uint_eq(tertial_report_section_count(r), sections - 1);
  ck_assert_uint_eq(s->line_count, 0); /* a pointer kept from before reads an empty section */
  ck_assert_uint_eq(s->column_count, 0);
  tertial_proposals_free(none);

  T_ERR(tertial_report_add_priorities(NULL, p, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_report_add_priorities(r, NULL, NULL), TERTIAL_ERR_INVALID);
  tertial_proposals_free(p);
  tertial_report_free(r);
}
END_TEST

START_TEST(test_priorities_subtree)
{
  tertial_proposals *p = proposals();
  /* the municipality's report ranks all four */
  tertial_report *r = report_of("0", 0, 0);
  T_OK(tertial_report_add_priorities(r, p, NULL));
  const tertial_report_section *s = find(r, TERTIAL_SECTION_PRIORITIES);
  ck_assert_uint_eq(s->line_count, 4);
  const char *want[] = {"SOC-1", "BUN-1", "SOC-2", "SOC-3"};
  for (size_t i = 0; i < 4; i++) {
    ck_assert_str_eq(code(s, i), want[i]);
    char rank[4];
    snprintf(rank, sizeof rank, "%zu", i + 1);
    ck_assert_str_eq(text(s, i, "rank"), rank);
  }
  ck_assert_int_eq(amount(s, 1, "cost"), KR(900000));
  tertial_report_free(r);

  /* Barn- och utbildningsnämnden with its child reports: its own at 20, none at the department 21 */
  r = report_of("2", 2, 0);
  T_OK(tertial_report_add_priorities(r, p, NULL));
  s = find(r, TERTIAL_SECTION_PRIORITIES);
  ck_assert_uint_eq(s->line_count, 1);
  ck_assert_str_eq(code(s, 0), "BUN-1");
  const tertial_report *c20 = tertial_report_child_at(r, 0), *c21 = tertial_report_child_at(r, 1);
  ck_assert_str_eq(tertial_report_unit_code(c20), "20");
  ck_assert_str_eq(tertial_report_unit_code(c21), "21");
  ck_assert_uint_eq(find(c20, TERTIAL_SECTION_PRIORITIES)->line_count, 1);
  ck_assert_ptr_null(find(c21, TERTIAL_SECTION_PRIORITIES));
  tertial_report_free(r);

  /* Kultur- och fritidsnämnden has none: no section */
  r = report_of("5", 0, 0);
  size_t n = tertial_report_section_count(r);
  T_OK(tertial_report_add_priorities(r, p, NULL));
  ck_assert_ptr_null(find(r, TERTIAL_SECTION_PRIORITIES));
  ck_assert_uint_eq(tertial_report_section_count(r), n);
  tertial_report_free(r);

  /* a report whose options leave the section out gets none */
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS);
  r = report_with("3", 4, &o);
  T_OK(tertial_report_add_priorities(r, p, NULL));
  ck_assert_ptr_null(find(r, TERTIAL_SECTION_PRIORITIES));
  ck_assert_uint_eq(tertial_report_section_count(r), 1);
  tertial_report_free(r);
  tertial_proposals_free(p);
}
END_TEST

START_TEST(test_intcontrol)
{
  tertial_intcontrol *ic = intcontrol();
  tertial_report *r = report_of("3", 1, 0);
  T_OK(tertial_report_add_intcontrol(r, ic));
  const tertial_report_section *s = find(r, TERTIAL_SECTION_INTCONTROL);
  ck_assert_str_eq(s->key, "intcontrol");
  ck_assert_str_eq(s->title, "Intern kontroll");
  ck_assert_uint_eq(s->line_count, 2);
  ck_assert_str_eq(code(s, 0), "K1");
  ck_assert_str_eq(text(s, 0, "risk"), "R1 Felaktiga utbetalningar till leverantörer");
  ck_assert_str_eq(text(s, 0, "risk_value"), "12");
  ck_assert_str_eq(text(s, 0, "activity"), "Kontroll av utbetalningar");
  ck_assert_str_eq(text(s, 0, "responsible"), "Controller");
  ck_assert_str_eq(text(s, 0, "point"), "T1");
  ck_assert_str_eq(text(s, 0, "result"), "Två fakturor saknade attest");
  ck_assert_str_eq(text(s, 0, "deviations"), "2");
  ck_assert_str_eq(text(s, 0, "measures"), "Påminnelse om attestordningen");
  /* K2 reports at T2: at T1 it has no result */
  ck_assert_str_eq(code(s, 1), "K2");
  ck_assert_str_eq(text(s, 1, "risk_value"), "16");
  ck_assert_str_eq(text(s, 1, "point"), "T2");
  ck_assert_str_eq(text(s, 1, "result"), "ej rapporterad");
  ck_assert_str_eq(text(s, 1, "deviations"), "(empty)");
  /* the risks are Socialnämnden's: not of Socialförvaltningen's subtree below it */
  ck_assert_ptr_null(find(tertial_report_child_at(r, 0), TERTIAL_SECTION_INTCONTROL));
  T_OK(tertial_report_add_intcontrol(r, ic)); /* again: replaced, not doubled */
  ck_assert_uint_eq(find(r, TERTIAL_SECTION_INTCONTROL)->line_count, 2);
  tertial_report_free(r);

  /* in English, at T2 (cut-off 8): both reported */
  T_OK(tertial_forecast_apply(demo, 8, -1));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.english = 1;
  r = report_with("3", 8, &o);
  T_OK(tertial_report_add_intcontrol(r, ic));
  s = find(r, TERTIAL_SECTION_INTCONTROL);
  ck_assert_str_eq(s->title, "Internal control");
  ck_assert_str_eq(text(s, 0, "result"), "not reported");
  ck_assert_str_eq(text(s, 1, "result"), "Inga avvikelser");
  ck_assert_str_eq(text(s, 1, "deviations"), "0");
  tertial_report_free(r);

  r = report_of("5", 0, 0);
  T_OK(tertial_report_add_intcontrol(r, ic));
  ck_assert_ptr_null(find(r, TERTIAL_SECTION_INTCONTROL));
  T_ERR(tertial_report_add_intcontrol(r, NULL), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  tertial_intcontrol_free(ic);
}
END_TEST

START_TEST(test_unfunded)
{
  tertial_unfunded *list = unfunded();
  tertial_report *r = report_of("3", 0, 0);
  T_OK(tertial_report_add_unfunded(r, list));
  const tertial_report_section *s = find(r, TERTIAL_SECTION_UNFUNDED);
  ck_assert_str_eq(s->key, "unfunded");
  ck_assert_str_eq(s->title, "Ofinansierade beslut");
  ck_assert_uint_eq(s->line_count, 4);
  ck_assert_str_eq(code(s, 0), "SN 2024/112");
  ck_assert_str_eq(text(s, 0, "committee"), "Socialnämnden");
  const tertial_report_cell *d = tertial_report_cell_at(s, 0, col(s, "date"));
  ck_assert_int_eq(d->date.year, 2024);
  ck_assert_int_eq(d->date.month, 6);
  ck_assert_int_eq(d->date.day, 12);
  ck_assert_str_eq(text(s, 0, "decided_by"), "Kommunfullmäktige");
  ck_assert_str_eq(text(s, 0, "description"), "Utökad hemtjänst nattetid");
  ck_assert_int_eq(amount(s, 0, "cost"), KR(2400000));
  ck_assert_int_eq(amount(s, 0, "funded"), 0);
  ck_assert_int_eq(amount(s, 0, "unfunded"), KR(2400000));
  ck_assert_str_eq(code(s, 1), "SN 2024/150");
  ck_assert_int_eq(amount(s, 1, "cost"), KR(1800000));
  ck_assert_int_eq(amount(s, 1, "funded"), KR(600000));
  ck_assert_int_eq(amount(s, 1, "unfunded"), KR(1200000));
  ck_assert_str_eq(code(s, 2), "SN 2025/20");
  ck_assert_int_eq(amount(s, 2, "unfunded"), KR(1750000));
  /* Summa: the lines add into it */
  const tertial_report_line *total = tertial_report_line_at(s, 3);
  ck_assert_int_eq(total->style, TERTIAL_STYLE_TOTAL);
  ck_assert_str_eq(text(s, 3, "reference"), "Summa");
  ck_assert_int_eq(amount(s, 3, "cost"), KR(5950000));
  ck_assert_int_eq(amount(s, 3, "funded"), KR(600000));
  ck_assert_int_eq(amount(s, 3, "unfunded"), KR(5350000));
  for (size_t i = 0; i < 3; i++)
    ck_assert_int_eq(tertial_report_line_at(s, i)->parent_line, 3);
  int64_t sn;
  T_OK(tertial_unfunded_total(&sn, list, "Socialnämnden"));
  ck_assert_int_eq(sn, KR(5350000));
  /* again: one section, the same lines */
  size_t n = tertial_report_section_count(r);
  T_OK(tertial_report_add_unfunded(r, list));
  ck_assert_uint_eq(tertial_report_section_count(r), n);
  ck_assert_uint_eq(find(r, TERTIAL_SECTION_UNFUNDED)->line_count, 4);
  tertial_report_free(r);

  /* the municipality's: all five, 7 350 000 kr unfunded */
  r = report_of("0", 0, 1);
  T_OK(tertial_report_add_unfunded(r, list));
  s = find(r, TERTIAL_SECTION_UNFUNDED);
  ck_assert_str_eq(s->title, "Unfunded decisions");
  ck_assert_uint_eq(s->line_count, 6);
  ck_assert_str_eq(code(s, 4), "KS 2025/7");
  ck_assert_str_eq(text(s, 5, "reference"), "Total");
  ck_assert_int_eq(amount(s, 5, "cost"), KR(8950000));
  ck_assert_int_eq(amount(s, 5, "funded"), KR(1600000));
  ck_assert_int_eq(amount(s, 5, "unfunded"), KR(7350000));
  tertial_report_free(r);

  /* Kommunstyrelsen by its code "1": its one decision */
  r = report_of("1", 0, 0);
  T_OK(tertial_report_add_unfunded(r, list));
  s = find(r, TERTIAL_SECTION_UNFUNDED);
  ck_assert_uint_eq(s->line_count, 2);
  ck_assert_int_eq(amount(s, 1, "unfunded"), KR(500000));
  tertial_report_free(r);

  r = report_of("5", 0, 0);
  T_OK(tertial_report_add_unfunded(r, list));
  ck_assert_ptr_null(find(r, TERTIAL_SECTION_UNFUNDED));
  T_ERR(tertial_report_add_unfunded(NULL, list), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  tertial_unfunded_free(list);
}
END_TEST

/* Socialnämnden's report with the three sections. */
static tertial_report *with_all(void)
{
  tertial_report *r = report_of("3", 0, 0);
  tertial_proposals *p = proposals();
  tertial_intcontrol *ic = intcontrol();
  tertial_unfunded *u = unfunded();
  T_OK(tertial_report_add_priorities(r, p, NULL));
  T_OK(tertial_report_add_intcontrol(r, ic));
  T_OK(tertial_report_add_unfunded(r, u));
  tertial_proposals_free(p);
  tertial_intcontrol_free(ic);
  tertial_unfunded_free(u);
  return r;
}

START_TEST(test_audit_and_csv)
{
  tertial_report *r = with_all();
  /* Tertial's own report passes the audit of its printed figures, the Summa included */
  testutil_audit_clean(r);
  char *csv = testutil_machine_csv(r);
  /* the machine style names a section by its key, a line by its code, its parent by its index (lines end in CRLF) */
  ck_assert_ptr_nonnull(
    strstr(csv, "\r\npriorities\r\ncode,depth,style,parent,informational,rank,proposal,kind,measure,"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\nSOC-2,0,normal,,0,2,SOC-2,effektivisering,Samlokalisering av IFO,"
                                    "Socialnämnden,30,-820000.00,måttlig,liten,mycket hög,lyft\r\n"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\nintcontrol\r\n"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\nK2,0,normal,,0,K2,R4 Utbetalning utan korrekt underlag,16,"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\nunfunded\r\n"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\nSN 2024/150,0,normal,3,0,SN 2024/150,Socialnämnden,2024-09-18,Socialnämnden,"
                                    "Trygg hemgång blir permanent,1800000.00,600000.00,1200000.00\r\n"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\n,0,total,,0,Summa,,,,,5950000.00,600000.00,5350000.00\r\n"));
  tertial_free(csv);
  /* the Swedish style: the titles and headers */
  tertial_csv_options co = TERTIAL_CSV_OPTIONS_INIT;
  co.style = TERTIAL_CSV_SWEDISH;
  T_OK(tertial_render_csv(&csv, r, &co));
  ck_assert_ptr_nonnull(strstr(csv, "Prioriteringar"));
  ck_assert_ptr_nonnull(strstr(csv, "Intern kontroll"));
  ck_assert_ptr_nonnull(strstr(csv, "Ofinansierade beslut"));
  tertial_free(csv);
  char *json;
  T_OK(tertial_render_json(&json, r, NULL));
  ck_assert_ptr_nonnull(strstr(json, "\"key\":\"unfunded\""));
  tertial_free(json);
  tertial_report_free(r);
}
END_TEST

static char *zip_entry(const char *path, const char *want)
{
  unzFile z = unzOpen64(path);
  ck_assert_ptr_nonnull(z);
  ck_assert_int_eq(unzLocateFile(z, want, 1), UNZ_OK);
  unz_file_info64 info;
  ck_assert_int_eq(unzGetCurrentFileInfo64(z, &info, NULL, 0, NULL, 0, NULL, 0), UNZ_OK);
  ck_assert_int_eq(unzOpenCurrentFile(z), UNZ_OK);
  char *found = g_malloc(info.uncompressed_size + 1);
  int n = unzReadCurrentFile(z, found, (unsigned)info.uncompressed_size);
  ck_assert_int_eq(n, (int)info.uncompressed_size);
  found[n] = '\0';
  unzCloseCurrentFile(z);
  unzClose(z);
  return found;
}

static const char *heading(const char *from, const char *title)
{
  char *h = g_strdup_printf("<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">%s</w:t>", title);
  const char *at = from ? strstr(from, h) : NULL;
  ck_assert_msg(at != NULL, "no Heading 2 \"%s\" after the one before", title);
  g_free(h);
  return at;
}

START_TEST(test_docx_chapters)
{
  /* the demo with its round at JANOKT: Socialnämnden has texts and a status there */
  tertial_model *m;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &d, 2026, 0));
  T_OK(tertial_demo_round(m, "JANOKT"));
  T_OK(tertial_forecast_apply(m, 10, -1));
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(m), "3"));
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.child_depth = 1;
  ro.skip_empty = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, u, 10, &ro));
  tertial_proposals *p = proposals();
  tertial_intcontrol *ic = intcontrol();
  tertial_unfunded *list = unfunded();
  T_OK(tertial_report_add_priorities(r, p, NULL));
  T_OK(tertial_report_add_intcontrol(r, ic));
  T_OK(tertial_report_add_unfunded(r, list));
  char *dir = g_dir_make_tmp("report_plan_XXXXXX", NULL);
  ck_assert_ptr_nonnull(dir);
  char *path = g_build_filename(dir, "sn.docx", NULL);
  tertial_docx_options o = TERTIAL_DOCX_OPTIONS_INIT;
  o.created = 1794441600;
  T_OK(tertial_render_docx(r, path, &o));
  char *doc = zip_entry(path, "word/document.xml");
  /* Socialnämnden's chapters: after Åtgärder vid avvikelse the three in order, then Status, then
   * Socialförvaltningen's report */
  const char *at = strstr(doc, ">Socialnämnden<");
  ck_assert_ptr_nonnull(at);
  at = heading(at, "Åtgärder vid avvikelse");
  const char *pri = heading(at, "Prioriteringar");
  const char *icx = heading(pri, "Intern kontroll");
  const char *uf = heading(icx, "Ofinansierade beslut");
  const char *status = heading(uf, "Status");
  const char *next = strstr(status, ">Socialförvaltningen<");
  ck_assert_ptr_nonnull(next);
  ck_assert_ptr_nonnull(strstr(pri, ">Utökad öppenvård i egen regi<"));
  ck_assert_ptr_nonnull(strstr(icx, ">ej rapporterad<"));
  ck_assert_ptr_nonnull(strstr(uf, ">Höjd ersättning LOV hemtjänst<"));
  /* Socialförvaltningen's report has its proposals only */
  ck_assert_ptr_nonnull(strstr(next, "Prioriteringar</w:t>"));
  ck_assert_ptr_null(strstr(next, "Ofinansierade beslut</w:t>"));
  g_free(doc);
  g_remove(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  tertial_report_free(r);
  tertial_proposals_free(p);
  tertial_intcontrol_free(ic);
  tertial_unfunded_free(list);
  tertial_model_free(m);
}
END_TEST

/* ---- Investeringar (examples/investments/plan.csv: 2027–2030, amounts in tkr) ---- */

static tertial_investments *investments(void)
{
  tertial_investments *inv;
  T_OK(tertial_investments_new(&inv));
  T_OK(tertial_investments_load(inv, EX "investments/plan.csv"));
  return inv;
}

/* A report of the demo of 2027 (its first plan year) at T1, with child reports @p depth down. */
static tertial_report *report_2027(tertial_model **m, const char *code, int depth, int english)
{
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  d.year = 2027;
  T_OK(tertial_demo_year(m, &d, 2027, 0));
  T_OK(tertial_forecast_apply(*m, 4, -1));
  tertial_unit_id u;
  T_OK(tertial_org_find(&u, tertial_model_org(*m), code));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.skip_empty = 1;
  o.child_depth = depth;
  o.english = english;
  tertial_report *r;
  T_OK(tertial_report_new(&r, *m, u, 4, &o));
  return r;
}

static int has_cell(const tertial_report_section *s, size_t line, const char *key)
{
  return tertial_report_cell_at(s, line, col(s, key))->present;
}

START_TEST(test_investments_committee)
{
  tertial_investments *inv = investments();
  tertial_model *m;
  tertial_report *r = report_2027(&m, "2", 0, 0); /* Barn- och utbildningsnämnden: P1001, P1002, P3002 */
  T_OK(tertial_report_add_investments(r, inv));
  const tertial_report_section *s = find(r, TERTIAL_SECTION_INVESTMENTS);
  ck_assert_ptr_nonnull(s);
  ck_assert_str_eq(s->key, "investments");
  ck_assert_str_eq(s->title, "Investeringar");
  ck_assert_uint_eq(s->column_count, 10);
  ck_assert_str_eq(tertial_report_column_at(s, col(s, "year_budget"))->header, "Budget året");
  ck_assert_uint_eq(s->line_count, 4);
  ck_assert_str_eq(code(s, 0), "P1001");
  ck_assert_str_eq(text(s, 0, "project"), "P1001");
  ck_assert_str_eq(text(s, 0, "name"), "Tillbyggnad Ekbackeskolan, sex klassrum");
  ck_assert_str_eq(text(s, 0, "unit"), "Barn- och utbildningsnämnden");
  ck_assert_str_eq(text(s, 0, "category"), "Fastigheter");
  ck_assert_str_eq(text(s, 0, "status"), "beslutad");
  ck_assert_int_eq(amount(s, 0, "year_budget"), KR(12000000));
  ck_assert_int_eq(amount(s, 0, "total"), KR(34000000));
  ck_assert_int_eq(amount(s, 0, "frame"), KR(36000000));
  ck_assert_int_eq(amount(s, 0, "spent"), KR(2500000));
  ck_assert_int_eq(amount(s, 0, "remaining"), -KR(500000)); /* 36 000 − 2 500 − 34 000 tkr */
  ck_assert_str_eq(code(s, 1), "P1002");
  ck_assert_str_eq(text(s, 1, "status"), "föreslagen");
  ck_assert_int_eq(amount(s, 1, "year_budget"), KR(3000000));
  ck_assert_int_eq(amount(s, 1, "total"), KR(48000000));
  ck_assert(!has_cell(s, 1, "frame") && !has_cell(s, 1, "spent") && !has_cell(s, 1, "remaining"));
  ck_assert_str_eq(code(s, 2), "P3002");
  ck_assert_int_eq(amount(s, 2, "year_budget"), KR(1500000));
  ck_assert_int_eq(amount(s, 2, "total"), KR(6000000));
  /* Summa: the project lines add into it */
  ck_assert_int_eq(tertial_report_line_at(s, 3)->style, TERTIAL_STYLE_TOTAL);
  ck_assert_str_eq(text(s, 3, "project"), "Summa");
  ck_assert_int_eq(amount(s, 3, "year_budget"), KR(16500000));
  ck_assert_int_eq(amount(s, 3, "total"), KR(88000000));
  ck_assert_int_eq(amount(s, 3, "frame"), KR(36000000));
  ck_assert_int_eq(amount(s, 3, "spent"), KR(2500000));
  ck_assert_int_eq(amount(s, 3, "remaining"), -KR(500000));
  for (size_t i = 0; i < 3; i++)
    ck_assert_int_eq(tertial_report_line_at(s, i)->parent_line, 3);
  int64_t bun;
  T_OK(tertial_investments_total(&bun, inv, 2027, "Barn- och utbildningsnämnden", NULL));
  ck_assert_int_eq(bun, KR(16500000));
  /* again: one section, the same lines; Tertial's own report passes the audit */
  size_t n = tertial_report_section_count(r);
  T_OK(tertial_report_add_investments(r, inv));
  ck_assert_uint_eq(tertial_report_section_count(r), n);
  ck_assert_uint_eq(find(r, TERTIAL_SECTION_INVESTMENTS)->line_count, 4);
  testutil_audit_clean(r);
  char *csv = testutil_machine_csv(r);
  ck_assert_ptr_nonnull(strstr(csv, "\r\ninvestments\r\ncode,depth,style,parent,informational,project,name,unit,"
                                    "category,status,year_budget,total,frame,spent,remaining\r\n"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\nP1001,0,normal,3,0,P1001,\"Tillbyggnad Ekbackeskolan, sex klassrum\","
                                    "Barn- och utbildningsnämnden,Fastigheter,beslutad,12000000.00,34000000.00,"
                                    "36000000.00,2500000.00,-500000.00\r\n"));
  ck_assert_ptr_nonnull(strstr(csv, "\r\n,0,total,,0,Summa,,,,,16500000.00,88000000.00,36000000.00,2500000.00,"
                                    "-500000.00\r\n"));
  tertial_free(csv);
  char *json;
  T_OK(tertial_render_json(&json, r, NULL));
  ck_assert_ptr_nonnull(strstr(json, "\"kind\":\"investments\""));
  tertial_free(json);
  tertial_report_free(r);
  tertial_model_free(m);

  /* Tekniska nämnden by its code "8": two projects in progress */
  r = report_2027(&m, "8", 0, 0);
  tertial_model_free(m);
  T_OK(tertial_report_add_investments(r, inv));
  s = find(r, TERTIAL_SECTION_INVESTMENTS);
  ck_assert_uint_eq(s->line_count, 3);
  ck_assert_str_eq(text(s, 0, "status"), "pågående");
  ck_assert_int_eq(amount(s, 2, "year_budget"), KR(10500000));
  ck_assert_int_eq(amount(s, 2, "total"), KR(44000000));
  ck_assert_int_eq(amount(s, 2, "frame"), KR(52500000));
  ck_assert_int_eq(amount(s, 2, "spent"), KR(7200000));
  ck_assert_int_eq(amount(s, 2, "remaining"), KR(1300000)); /* 300 + 1 000 tkr */
  tertial_report_free(r);

  /* Socialnämnden has none: no section; a section left out by the options is not made */
  r = report_2027(&m, "3", 0, 0);
  tertial_model_free(m);
  T_OK(tertial_report_add_investments(r, inv));
  ck_assert_ptr_null(find(r, TERTIAL_SECTION_INVESTMENTS));
  T_ERR(tertial_report_add_investments(r, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_report_add_investments(NULL, inv), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  tertial_investments_free(inv);
}
END_TEST

START_TEST(test_investments_subtree)
{
  tertial_investments *inv = investments();
  tertial_model *m;
  /* the municipality's report in English with its committees' reports */
  tertial_report *r = report_2027(&m, "0", 1, 1);
  T_OK(tertial_report_add_investments(r, inv));
  const tertial_report_section *s = find(r, TERTIAL_SECTION_INVESTMENTS);
  ck_assert_str_eq(s->title, "Investments");
  ck_assert_uint_eq(s->line_count, 8);
  ck_assert_str_eq(tertial_report_column_at(s, col(s, "year_budget"))->header, "Budget for the year");
  ck_assert_str_eq(text(s, 0, "status"), "decided");
  ck_assert_str_eq(text(s, 2, "status"), "in progress");
  ck_assert_str_eq(code(s, 6), "P4001");
  ck_assert_int_eq(amount(s, 6, "year_budget"), 0); /* its first amount is in 2028 */
  ck_assert_int_eq(amount(s, 6, "total"), KR(900000));
  ck_assert_str_eq(text(s, 7, "project"), "Total");
  ck_assert_int_eq(amount(s, 7, "year_budget"), KR(28800000));
  ck_assert_int_eq(amount(s, 7, "total"), KR(135900000));
  ck_assert_int_eq(amount(s, 7, "frame"), KR(91500000));
  ck_assert_int_eq(amount(s, 7, "spent"), KR(9700000));
  ck_assert_int_eq(amount(s, 7, "remaining"), KR(800000)); /* −500 + 300 + 1 000 + 0 tkr */
  int64_t all;
  T_OK(tertial_investments_total(&all, inv, 2027, NULL, NULL));
  ck_assert_int_eq(all, KR(28800000));
  /* the committees' reports: each its own, none for those without */
  size_t with = 0;
  for (size_t i = 0; i < tertial_report_child_count(r); i++) {
    const tertial_report *c = tertial_report_child_at(r, i);
    const tertial_report_section *cs = find(c, TERTIAL_SECTION_INVESTMENTS);
    const char *unit = tertial_report_unit_code(c);
    if (strcmp(unit, "1") == 0 || strcmp(unit, "4") == 0)
      ck_assert_uint_eq(cs->line_count, 2); /* one project and the Total */
    else if (strcmp(unit, "2") == 0)
      ck_assert_uint_eq(cs->line_count, 4);
    else if (strcmp(unit, "8") == 0)
      ck_assert_uint_eq(cs->line_count, 3);
    else
      ck_assert_msg(cs == NULL, "unit %s has no investment project", unit);
    with += cs != NULL;
  }
  ck_assert_uint_eq(with, 4);
  testutil_audit_clean(r);
  tertial_report_free(r);
  tertial_model_free(m);
  /* a unit below a committee: the committee's projects are not of its subtree */
  r = report_2027(&m, "2", 1, 0);
  tertial_model_free(m);
  T_OK(tertial_report_add_investments(r, inv));
  ck_assert_uint_gt(tertial_report_child_count(r), 0);
  for (size_t i = 0; i < tertial_report_child_count(r); i++)
    ck_assert_ptr_null(find(tertial_report_child_at(r, i), TERTIAL_SECTION_INVESTMENTS));
  tertial_report_free(r);
  tertial_investments_free(inv);
}
END_TEST

START_TEST(test_investments_docx)
{
  tertial_investments *inv = investments();
  tertial_unfunded *list = unfunded();
  tertial_model *m;
  tertial_report *r = report_2027(&m, "0", 0, 0);
  T_OK(tertial_report_add_unfunded(r, list));
  T_OK(tertial_report_add_investments(r, inv));
  char *dir = g_dir_make_tmp("report_inv_XXXXXX", NULL);
  ck_assert_ptr_nonnull(dir);
  char *path = g_build_filename(dir, "k.docx", NULL);
  tertial_docx_options o = TERTIAL_DOCX_OPTIONS_INIT;
  o.created = 1794441600;
  T_OK(tertial_render_docx(r, path, &o));
  char *doc = zip_entry(path, "word/document.xml");
  /* Investeringar, a Heading 2 chapter right after Ofinansierade beslut */
  const char *uf = heading(doc, "Ofinansierade beslut");
  const char *iv = heading(uf, "Investeringar");
  ck_assert_ptr_nonnull(strstr(iv, ">Ny förskola Solrosen, sex avdelningar<"));
  ck_assert_ptr_eq(strstr(uf + 1, "<w:pStyle w:val=\"Heading2\"/>"), iv); /* the next chapter */
  g_free(doc);
  g_remove(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  tertial_report_free(r);
  tertial_model_free(m);
  tertial_unfunded_free(list);
  tertial_investments_free(inv);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("report_plan");
  TCase *tc = tcase_create("report_plan");
  tcase_add_checked_fixture(tc, demo_setup, demo_teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_priorities_committee);
  tcase_add_test(tc, test_priorities_subtree);
  tcase_add_test(tc, test_intcontrol);
  tcase_add_test(tc, test_unfunded);
  tcase_add_test(tc, test_investments_committee);
  tcase_add_test(tc, test_investments_subtree);
  tcase_add_test(tc, test_investments_docx);
  tcase_add_test(tc, test_audit_and_csv);
  tcase_add_test(tc, test_docx_chapters);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
