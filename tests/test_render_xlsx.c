/* mkdtemp, setenv, newlocale, uselocale */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "report_fixture.h"
#include "failalloc.h"
#include "casefold.h"
#include "fileio.h"
#include "table_internal.h"

#define AMOUNT_FORMAT "#,##0;-#,##0" /* no [Red]: a negative amount is not bad in itself */
#define READBACK "/usr/bin/python3 " TERTIAL_SOURCE_ROOT "/tests/xlsx_readback.py"
#define JAN_2026 INT64_C(1767225600) /* 2026-01-01T00:00:00Z */

static char tmpdir[64];

static void make_tmpdir(void)
{
  strcpy(tmpdir, "/tmp/tertial-xlsx-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  ck_assert_int_eq(system(cmd), 0);
}

static char *path_in(const char *name)
{
  static char buf[4][256];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
  return buf[k];
}

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 2);
  ck_assert_ptr_nonnull(buf);
  buf[0] = '\n'; /* so every line of a dump is found as "\n<line>\n" */
  size_t got = fread(buf + 1, 1, (size_t)n, f);
  fclose(f);
  buf[got + 1] = '\0';
  if (len)
    *len = got;
  return buf;
}

/* The readback dump of a workbook, or NULL (with a message) when Python or openpyxl is missing. */
static char *readback(const char *book)
{
  if (access("/usr/bin/python3", X_OK) != 0) {
    fprintf(stderr, "# SKIP xlsx read-back: /usr/bin/python3 is missing\n");
    return NULL;
  }
  char cmd[1024];
  snprintf(cmd, sizeof cmd, READBACK " '%s' > '%s/dump.txt'", book, tmpdir);
  int status = system(cmd);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
    fprintf(stderr, "# SKIP xlsx read-back: python3-openpyxl is missing\n");
    return NULL;
  }
  ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "xlsx_readback.py failed on %s", book);
  return slurp(path_in("dump.txt"), NULL);
}

static void expect(const char *dump, const char *line)
{
  size_t n = strlen(line) + 3;
  char *want = malloc(n);
  ck_assert_ptr_nonnull(want);
  snprintf(want, n, "\n%s\n", line);
  int found = strstr(dump, want) != NULL;
  free(want);
  ck_assert_msg(found, "no line\n%s\nin the read-back", line);
}

/* The part of a dump that belongs to one sheet. */
static char *sheet_part(const char *dump, const char *sheet)
{
  char head[256];
  snprintf(head, sizeof head, "\nsheet\t%s\n", sheet);
  const char *from = strstr(dump, head);
  ck_assert_ptr_nonnull(from);
  const char *to = strstr(from + 1, "\nsheet\t");
  if (!to)
    to = strstr(from + 1, "\nname\t");
  size_t n = to ? (size_t)(to - from) + 1 : strlen(from);
  char *part = malloc(n + 1);
  ck_assert_ptr_nonnull(part);
  memcpy(part, from, n);
  part[n] = '\0';
  return part;
}

/* The row of the first cell A<row> after *pos holding `label`; *pos moves past it. */
static int row_of(const char **pos, const char *label)
{
  char want[512];
  for (const char *p = *pos; (p = strstr(p, "\ncell\tA")) != NULL; p++) {
    int row = atoi(p + 7);
    snprintf(want, sizeof want, "\ncell\tA%d\ts\t%s\t", row, label);
    if (strncmp(p, want, strlen(want)) == 0) {
      *pos = p + 1;
      return row;
    }
  }
  ck_abort_msg("no label %s in the sheet", label);
  return -1;
}

/* The cached value of a cell as the dump shows it. */
static const char *cached(const char *part, char col, int row)
{
  static char value[128];
  char want[32];
  snprintf(want, sizeof want, "\ncell\t%c%d\t", col, row);
  const char *p = strstr(part, want);
  ck_assert_msg(p != NULL, "no cell %c%d", col, row);
  p += strlen(want);
  for (int tabs = 0; tabs < 2; p++)
    tabs += *p == '\t';
  size_t n = strcspn(p, "\t");
  ck_assert_uint_lt(n, sizeof value);
  memcpy(value, p, n);
  value[n] = '\0';
  return value;
}

/* A share in hundredths of a percent as Python prints the float (27.02, 27.5, 140). */
static const char *share_text(int64_t h)
{
  static char buf[32];
  if (h % 100 == 0)
    snprintf(buf, sizeof buf, "%lld", (long long)(h / 100));
  else if (h % 10 == 0)
    snprintf(buf, sizeof buf, "%lld.%lld", (long long)(h / 100), (long long)(h % 100 / 10));
  else
    snprintf(buf, sizeof buf, "%lld.%02lld", (long long)(h / 100), (long long)(h % 100));
  return buf;
}

/* Every cached value of a follow-up section equals the library's figure (whole tkr here). */
static void expect_section_values(const char *part, const char **pos, const tertial_report_section *s)
{
  for (size_t i = 0; i < s->line_count; i++) {
    int row = row_of(pos, tertial_report_cell_at(s, i, 0)->text);
    for (size_t c = 1; c <= 8; c++) {
      const tertial_report_cell *x = tertial_report_cell_at(s, i, c);
      char want[32];
      if (c == 5) {
        snprintf(want, sizeof want, "%s", x->present ? share_text(x->value) : "");
      } else {
        if (!x->present)
          continue;
        ck_assert_int_eq(x->value % 100000, 0);
        snprintf(want, sizeof want, "%lld", (long long)(x->value / 100000));
      }
      ck_assert_msg(strcmp(cached(part, (char)('A' + c), row), want) == 0, "%c%d: cached %s, library %s",
                    (char)('A' + c), row, cached(part, (char)('A' + c), row), want);
    }
  }
}

/* An amount as the workbook shows it in whole tkr (half away from zero). */
static const char *tkr_text(int64_t ore)
{
  static char buf[32];
  int64_t steps;
  T_OK(tertial_money_round(&steps, ore, TERTIAL_UNIT_TKR, 0));
  snprintf(buf, sizeof buf, "%lld", (long long)steps);
  return buf;
}

static tertial_report *fixture_report(fixture *f, int english)
{
  report_fixture_build(f);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.previous_point = "JANFEB";
  o.child_depth = 1;
  o.english = english;
  tertial_report *r;
  T_OK(tertial_report_new(&r, f->model, f->sn, 4, &o));
  return r;
}

static tertial_xlsx_options fixed_options(void)
{
  tertial_xlsx_options o = TERTIAL_XLSX_OPTIONS_INIT;
  o.created = JAN_2026;
  o.author = "Ekonomiavdelningen";
  o.company = "Exempelkommun";
  o.red_below = -KR(250500); /* -250,5 tkr: a threshold with decimals */
  o.red_share = 0;           /* the absolute threshold (the relative one: test_relative_red) */
  return o;
}

static const tertial_report_section *section_of(const tertial_report *r, tertial_report_section_kind kind)
{
  size_t i;
  T_OK(tertial_report_find_section(&i, r, kind));
  return tertial_report_section_at(r, i);
}

START_TEST(test_readback)
{
  make_tmpdir();
  fixture f;
  tertial_report *r = fixture_report(&f, 0);
  tertial_xlsx_options o = fixed_options();
  const char *book = path_in("uppfoljning.xlsx");
  T_OK(tertial_render_xlsx(r, book, &o));
  char *dump = readback(book);
  if (!dump)
    goto done;
  expect(dump, "sheets\tÖversikt\tSocialnämnden\tIndivid- och familjeomsorg\tÄldreomsorg");
  char *sn = sheet_part(dump, "Socialnämnden");
  expect(sn, "freeze\tB5");
  expect(sn, "print\tlandscape\t9\tTRUE\t\t0\t$1:$4");
  expect(sn, "footer\tSocialnämnden\tSida &P av &N\tUtfall t.o.m. april 2026, Tertial 1");
  expect(sn, "cell\tA1\ts\tSocialnämnden\tSocialnämnden\tGeneral");
  expect(sn, "cell\tB4\ts\tAck utfall\tAck utfall\tGeneral");

  /* Cached values equal the report's figures, section by section, line by line. */
  const char *pos = strstr(sn, "\ncell\tB4\t"); /* after the title rows */
  expect_section_values(sn, &pos, section_of(r, TERTIAL_SECTION_KEY_FIGURES));
  expect_section_values(sn, &pos, section_of(r, TERTIAL_SECTION_UNITS));
  expect_section_values(sn, &pos, section_of(r, TERTIAL_SECTION_ROWS));

  /* Key figures on row 6, the units table on rows 9-12, the report rows from row 15. */
  expect(sn, "cell\tK6\tn\t-445\t-445\t" AMOUNT_FORMAT);
  expect(sn, "cell\tD10\tf\t=C10-B10\t1390\t" AMOUNT_FORMAT);
  expect(sn, "cell\tH11\tf\t=E11-G11\t-300\t" AMOUNT_FORMAT);
  expect(sn, "cell\tF10\tf\t=IF(E10=0,\"\",ROUND(B10/E10*100,2))\t21.75\t0.00");
  expect(sn, "cell\tB12\tf\t=SUM(B9:B11)\t6810\t" AMOUNT_FORMAT);
  expect(sn, "cell\tG12\tf\t=SUM(G9:G11)\t24110\t" AMOUNT_FORMAT);
  /* Sum rows leave "varav interna" (rows 21 and 30) out; NETTORESULTAT adds the two groups. */
  expect(sn, "cell\tB15\tf\t=SUM(B16:B20)\t-7690\t" AMOUNT_FORMAT);
  expect(sn, "cell\tB22\tf\t=SUM(B23:B29)\t14500\t" AMOUNT_FORMAT);
  expect(sn, "cell\tA31\ts\tNETTORESULTAT\tNETTORESULTAT\tGeneral");
  expect(sn, "cell\tB31\tf\t=SUM(B15,B22)\t6810\t" AMOUNT_FORMAT);
  /* A zero budget: the share formula's cached value is empty. */
  expect(sn, "cell\tF26\tf\t=IF(E26=0,\"\",ROUND(B26/E26*100,2))\t\t0.00");
  /* Internal rows are forecast at their budget: a forecast and a deviation (formula, 0). */
  expect(sn, "cell\tG30\tn\t1200\t1200\t" AMOUNT_FORMAT);
  expect(sn, "cell\tH30\tf\t=E30-G30\t0\t" AMOUNT_FORMAT);
  /* Reasons grouped per unit (SN, IFO, AO on rows 36, 38 and 40, each adding its lines) and the
   * change since JANFEB with their totals as sums. */
  expect(sn, "cell\tB43\tf\t=SUM(B36,B38,B40)\t1090\t" AMOUNT_FORMAT);
  expect(sn, "cell\tB40\tf\t=SUM(B41:B42)\t-300\t" AMOUNT_FORMAT);
  expect(sn, "cell\tC42\ts\t6510\t6510\tGeneral");
  expect(sn, "cell\tB49\tf\t=SUM(B50:B51)\t-445\t" AMOUNT_FORMAT);
  /* A measure's description starting with '=' is text, never a formula. */
  expect(sn, "cell\tB60\ts\t=HYPERLINK(\"http://x\",\"Färre placeringar\")\t"
             "=HYPERLINK(\"http://x\",\"Färre placeringar\")\tGeneral");
  ck_assert_ptr_null(strstr(dump, "\tf\t=HYPERLINK"));
  /* Text beside the label column wraps, its row made tall enough: the 42 characters of that
   * description in a column 18 wide take three lines, "Individ- och familjeomsorg" two. */
  expect(sn, "height\t60\t45");
  expect(sn, "cell\tD39\ts\tIndivid- och familjeomsorg\tIndivid- och familjeomsorg\tGeneral");
  expect(sn, "height\t39\t30");
  ck_assert_ptr_null(strstr(sn, "\nheight\t55\t")); /* "Beslutad i nämnden" fits */
  expect(sn, "cell\tF60\td\t2026-09-01T00:00:00\t2026-09-01T00:00:00\tyyyy-mm-dd");

  /* Outline levels along parent_line. */
  expect(sn, "outline\t9\t1");
  expect(sn, "outline\t15\t1");
  expect(sn, "outline\t16\t2");
  ck_assert_ptr_null(strstr(sn, "\noutline\t12\t"));
  ck_assert_ptr_null(strstr(sn, "\noutline\t31\t"));

  /* Traffic lights on both deviation columns of the three follow-up tables (the rows that have
   * a value): green ≥ 0, red < -250,5, yellow between; three rules over one range list. */
#define DEVIATIONS "D6 H6 D9:D12 H9:H12 D15:D32 H15:H32"
  expect(sn, "cf\t" DEVIATIONS "\tgreaterThanOrEqual\t0\tFFC6EFCE");
  expect(sn, "cf\t" DEVIATIONS "\tlessThan\t-250.5\tFFFFC7CE");
  expect(sn, "cf\t" DEVIATIONS "\tbetween\t-250.5,0\tFFFFEB9C");
  ck_assert_ptr_null(strstr(strstr(sn, "\ncf\t") + 1, "\ncf\t" DEVIATIONS "\tgreaterThanOrEqual"));

  /* Defined names: the workbook's for the first sheet, sheet-local ones for the others. */
  expect(dump, "name\tAck_utfall\t-\t'Socialnämnden'!$B$12");
  expect(dump, "name\tPrognosavvikelse\t-\t'Socialnämnden'!$H$12");
  expect(dump, "name\tForbrukat_procent\t-\t'Socialnämnden'!$F$12");
  expect(dump, "name\tArets_prognos\tÄldreomsorg\t'Äldreomsorg'!$G$10");
  expect(dump, "props\tSocialnämnden — Utfall t.o.m. april 2026, Tertial 1\tBudgetuppföljning\t"
               "Ekonomiavdelningen\t2026-01-01T00:00:00\tExempelkommun");
  expect(dump, "xmlnumbers\t0");

  /* A child sheet: its own tables and totals. */
  char *ifo = sheet_part(dump, "Individ- och familjeomsorg");
  expect(ifo, "cell\tB6\tn\t2610\t2610\t" AMOUNT_FORMAT);
  expect(ifo, "cell\tB11\tf\t=SUM(B9:B10)\t2610\t" AMOUNT_FORMAT);
  expect(ifo, "footer\tIndivid- och familjeomsorg\tSida &P av &N\tUtfall t.o.m. april 2026, Tertial 1");
  free(ifo);
  free(sn);
  free(dump);
done:
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* Whether two files of the test folder are byte for byte the same. */
static int same_files(const char *first, const char *second)
{
  size_t na, nb;
  char *a = slurp(path_in(first), &na), *b = slurp(path_in(second), &nb);
  int same = na == nb && memcmp(a, b, na) == 0;
  free(a);
  free(b);
  return same;
}

START_TEST(test_reproducible_and_constant_memory)
{
  make_tmpdir();
  fixture f;
  tertial_report *r = fixture_report(&f, 0);
  tertial_xlsx_options o = fixed_options();
  T_OK(tertial_render_xlsx(r, path_in("a.xlsx"), &o));
  T_OK(tertial_render_xlsx(r, path_in("b.xlsx"), &o));
  size_t na, nb;
  char *a = slurp(path_in("a.xlsx"), &na), *b = slurp(path_in("b.xlsx"), &nb);
  ck_assert_uint_gt(na, 1000);
  ck_assert_uint_eq(na, nb);
  ck_assert_int_eq(memcmp(a, b, na), 0);
  free(b);
  /* constant_memory changes nothing (every export streams): the same bytes. */
  o.constant_memory = 1;
  T_OK(tertial_render_xlsx(r, path_in("c.xlsx"), &o));
  ck_assert_msg(same_files("a.xlsx", "c.xlsx"), "constant_memory changed the workbook");
  char *dump = readback(path_in("c.xlsx"));
  if (dump) {
    /* the chart's caches come from the report: values, categories and series names */
    ck_assert_ptr_nonnull(strstr(dump, "\nchart\tbarChart\t"));
    ck_assert_ptr_nonnull(strstr(dump, "\nchartcache\t"));
    ck_assert_ptr_nonnull(strstr(dump, "\nchartcat\t"));
    ck_assert_ptr_nonnull(strstr(dump, "\nchartname\t"));
    free(dump);
  }
  free(a);
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

static int count_entries(void)
{
  DIR *d = opendir(tmpdir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 && strcmp(e->d_name, "dump.txt") != 0;
  if (d)
    closedir(d);
  return n;
}

START_TEST(test_atomic_write)
{
  make_tmpdir();
  fixture f;
  tertial_report *r = fixture_report(&f, 0);
  tertial_xlsx_options o = fixed_options();
  const char *book = path_in("book.xlsx");
  T_OK(tertial_render_xlsx(r, book, &o));
  size_t n0;
  char *before = slurp(book, &n0);
  tertial_report_free(r);
  /* A text longer than Excel allows makes the export fail half-way. */
  static char huge[40001];
  memset(huge, 'x', sizeof huge - 1);
  T_OK(tertial_measure_add(NULL, f.model, f.ht, "KOST_PERS", huge, "", KR(1), "", (tertial_date){2026, 8, 1}));
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, &ro));
  T_ERR(tertial_render_xlsx(r, book, &o), TERTIAL_ERR_RANGE);
  ck_assert_int_eq(count_entries(), 1); /* no temporary file left */
  size_t n1;
  char *after = slurp(book, &n1);
  ck_assert_uint_eq(n0, n1);
  ck_assert_int_eq(memcmp(before, after, n0), 0);
  free(after);
  /* Also in constant-memory mode. */
  o.constant_memory = 1;
  T_ERR(tertial_render_xlsx(r, book, &o), TERTIAL_ERR_RANGE);
  ck_assert_int_eq(count_entries(), 1);
  after = slurp(book, &n1);
  ck_assert_int_eq(memcmp(before, after, n0), 0);
  free(after);
  free(before);
  tertial_report_free(r);
  /* A folder that does not exist, and a target that is a folder. */
  T_OK(tertial_report_new(&r, f.model, f.ifo, 4, &ro));
  T_ERR(tertial_render_xlsx(r, path_in("missing/book.xlsx"), NULL), TERTIAL_ERR_IO);
  ck_assert_int_eq(mkdir(path_in("folder.xlsx"), 0755), 0);
  T_ERR(tertial_render_xlsx(r, path_in("folder.xlsx"), NULL), TERTIAL_ERR_IO);
  ck_assert_int_eq(count_entries(), 2);
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* Set the process's LC_NUMERIC to sv_SE.UTF-8 (as an application calling setlocale(LC_ALL, "")
 * in Sweden has it), generating the locale into a private folder with localedef when the
 * system lacks it. */
static int swedish_numeric(void)
{
  if (setlocale(LC_NUMERIC, "sv_SE.UTF-8"))
    return 1;
  if (access("/usr/bin/localedef", X_OK) != 0)
    return 0;
  char cmd[512];
  snprintf(cmd, sizeof cmd, "/usr/bin/localedef -i sv_SE -f UTF-8 '%s/sv_SE.UTF-8' >/dev/null 2>&1", tmpdir);
  if (system(cmd) == -1)
    return 0;
  setenv("LOCPATH", tmpdir, 1);
  int ok = setlocale(LC_NUMERIC, "sv_SE.UTF-8") != NULL;
  unsetenv("LOCPATH");
  return ok;
}

START_TEST(test_swedish_locale)
{
  make_tmpdir();
  if (!swedish_numeric()) {
    fprintf(stderr, "# SKIP Swedish locale test: sv_SE.UTF-8 is not installed and cannot be generated "
                    "(apt-get install locales)\n");
    remove_tmpdir();
    return;
  }
  fixture f;
  tertial_report *r = fixture_report(&f, 0);
  tertial_xlsx_options o = fixed_options();
  char buf[32];
  snprintf(buf, sizeof buf, "%.2f", 27.02);
  ck_assert_str_eq(buf, "27,02"); /* the locale really has a decimal comma */
  int rc = tertial_render_xlsx(r, path_in("sv.xlsx"), &o);
  /* The caller's locale is as it was after the export. */
  snprintf(buf, sizeof buf, "%.1f", 2.5);
  setlocale(LC_NUMERIC, "C");
  T_OK(rc);
  ck_assert_str_eq(buf, "2,5");
  char *dump = readback(path_in("sv.xlsx"));
  if (dump) {
    expect(dump, "xmlnumbers\t0");
    expect(dump, "cell\tF10\tf\t=IF(E10=0,\"\",ROUND(B10/E10*100,2))\t21.75\t0.00");
    expect(dump, "cell\tF6\tf\t=IF(E6=0,\"\",ROUND(B6/E6*100,2))\t27.02\t0.00");
    expect(dump, "cf\t" DEVIATIONS "\tlessThan\t-250.5\tFFFFC7CE");
    free(dump);
  }
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* Rounding that adds up, other units, English names, and the options' errors. */
START_TEST(test_units_and_options)
{
  make_tmpdir();
  tertial_model *m;
  tertial_unit_id p = report_small_model(&m);
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS);
  ro.english = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, p, 1, &ro));
  tertial_xlsx_options o = TERTIAL_XLSX_OPTIONS_INIT;
  o.created = JAN_2026;
  const char *book = path_in("small.xlsx");
  T_OK(tertial_render_xlsx(r, book, &o));
  char *dump = readback(book);
  if (dump) {
    /* 1 400,00 + 1 400,01 + 1 400,02 kr: the extra tkr goes to the largest remainder, so the
     * lines 1 + 1 + 2 add up to the total of 4 tkr; derived columns follow the shown figures. */
    expect(dump, "cell\tB6\tn\t1\t1\t" AMOUNT_FORMAT);
    expect(dump, "cell\tB8\tn\t2\t2\t" AMOUNT_FORMAT);
    expect(dump, "cell\tB9\tf\t=SUM(B6:B8)\t4\t" AMOUNT_FORMAT);
    expect(dump, "cell\tF8\tf\t=IF(E8=0,\"\",ROUND(B8/E8*100,2))\t200\t0.00");
    expect(dump, "cell\tA7\ts\t=1+2\t=1+2\tGeneral");
    expect(dump, "cell\tA8\ts\tRad\\nett\tRad\\nett\tGeneral");
    expect(dump, "name\tOutcome_to_date\t-\t'Förvaltning'!$B$9");
    expect(dump, "footer\tFörvaltning\tPage &P of &N\tOutcome to January 2026");
    free(dump);
  }
  o.unit = TERTIAL_UNIT_KR;
  o.decimals = 2;
  T_OK(tertial_render_xlsx(r, book, &o));
  dump = readback(book);
  if (dump) {
    expect(dump, "cell\tB8\tn\t1400.02\t1400.02\t#,##0.00;-#,##0.00");
    expect(dump, "cell\tB9\tf\t=SUM(B6:B8)\t4200.03\t#,##0.00;-#,##0.00");
    expect(dump, "cell\tF8\tf\t=IF(E8=0,\"\",ROUND(B8/E8*100,2))\t140\t0.00");
    free(dump);
  }
  o = (tertial_xlsx_options)TERTIAL_XLSX_OPTIONS_INIT;
  o.decimals = 4;
  T_ERR(tertial_render_xlsx(r, book, &o), TERTIAL_ERR_RANGE);
  o.decimals = 0;
  o.unit = (tertial_money_unit)9;
  T_ERR(tertial_render_xlsx(r, book, &o), TERTIAL_ERR_INVALID);
  o.unit = TERTIAL_UNIT_TKR;
  o.red_below = 1;
  T_ERR(tertial_render_xlsx(r, book, &o), TERTIAL_ERR_INVALID);
  o.red_below = 0;
  o.version = 0;
  T_ERR(tertial_render_xlsx(r, book, &o), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_xlsx(NULL, book, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_xlsx(r, NULL, NULL), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* LibreOffice recalculates every formula to its cached value (skipped without LibreOffice). */
static void expect_recalculates(const char *book)
{
  if (access("/usr/bin/python3", X_OK) != 0) {
    fprintf(stderr, "# SKIP recalculation: /usr/bin/python3 is missing\n");
    return;
  }
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 " TERTIAL_SOURCE_ROOT "/tests/xlsx_recalc.py '%s' > '%s/recalc.txt' 2>&1",
           book, tmpdir);
  int status = system(cmd);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
    fprintf(stderr, "# SKIP recalculation: LibreOffice (libreoffice-calc-nogui) or openpyxl is missing\n");
    return;
  }
  char *out = slurp(path_in("recalc.txt"), NULL);
  ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "recalculation differs:%s", out ? out : "");
  ck_assert_ptr_nonnull(strstr(out, " 0 differ"));
  free(out);
}

START_TEST(test_recalculation)
{
  make_tmpdir();
  fixture f;
  tertial_report *r = fixture_report(&f, 0);
  tertial_xlsx_options o = fixed_options();
  T_OK(tertial_render_xlsx(r, path_in("book.xlsx"), &o));
  expect_recalculates(path_in("book.xlsx"));
  tertial_report_free(r);
  fixture_free(&f);
  tertial_model *m;
  tertial_unit_id p = report_small_model(&m);
  T_OK(tertial_report_new(&r, m, p, 1, NULL));
  o.unit = TERTIAL_UNIT_MKR;
  o.decimals = 3;
  T_OK(tertial_render_xlsx(r, path_in("small.xlsx"), &o));
  expect_recalculates(path_in("small.xlsx"));
  tertial_report_free(r);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* Sheet names: invalid characters replaced, at most 31 characters, unique without case. */
START_TEST(test_sheet_names)
{
  make_tmpdir();
  tertial_model *m;
  tertial_unit_id p = report_small_model(&m);
  tertial_org *org = tertial_model_org(m);
  T_OK(tertial_org_add_unit(NULL, org, "D", "Hem/v\xc3\xa5rd [1]: '*?'", p, 1, NULL));
  T_OK(tertial_org_add_unit(NULL, org, "E", "HEM/V\xc3\xa5RD [1]: '*?'", p, 1, NULL));
  T_OK(tertial_org_add_unit(NULL, org, "F", "\xc3\x84ldreomsorgens verksamheter i norra distriktet", p, 1, NULL));
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_KEY_FIGURES);
  ro.child_depth = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, p, 1, &ro));
  T_OK(tertial_render_xlsx(r, path_in("names.xlsx"), NULL));
  char *dump = readback(path_in("names.xlsx"));
  if (dump) {
    expect(dump, "sheets\tF\xc3\xb6rvaltning\tHem, \"v\xc3\xa5rd\"\t=1+2\tRad_ett\tHem_v\xc3\xa5rd _1__ ____\t"
                 "HEM_V\xc3\xa5RD _1__ ____ (2)\t\xc3\x84ldreomsorgens verksamheter i n");
    free(dump);
  }
  tertial_report_free(r);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* The overview sheet: the committee table with a chart fed by it, and the monthly table. */
START_TEST(test_overview)
{
  make_tmpdir();
  fixture f;
  tertial_report *r = fixture_report(&f, 0);
  tertial_xlsx_options o = fixed_options();
  char book[256];
  snprintf(book, sizeof book, "%s", path_in("overview.xlsx"));
  T_OK(tertial_render_xlsx(r, book, &o));
  char *dump = readback(book);
  if (!dump)
    goto done;
  char *ov = sheet_part(dump, "Översikt");
  expect(ov, "freeze\tB5");
  expect(ov, "print\tlandscape\t9\tTRUE\t\t0\t$1:$4");
  expect(ov, "footer\tSocialnämnden\tSida &P av &N\tUtfall t.o.m. april 2026, Tertial 1");
  expect(ov, "cell\tA1\ts\tSocialnämnden — översikt\tSocialnämnden — översikt\tGeneral");
  expect(ov, "cell\tA2\ts\tUtfall t.o.m. april 2026, Tertial 1, belopp i tkr\t"
             "Utfall t.o.m. april 2026, Tertial 1, belopp i tkr\tGeneral");
  expect(ov, "cell\tB4\ts\tAck utfall\tAck utfall\tGeneral");
  expect(ov, "cell\tA5\ts\tEkonomiskt resultat per verksamhet\tEkonomiskt resultat per verksamhet\tGeneral");
  /* The committee table: the root report's, with its formulas and traffic lights. */
  const char *pos = strstr(ov, "\ncell\tB4\t");
  expect_section_values(ov, &pos, section_of(r, TERTIAL_SECTION_UNITS));
  expect(ov, "cell\tB9\tf\t=SUM(B6:B8)\t6810\t" AMOUNT_FORMAT);
  expect(ov, "cell\tH8\tf\t=E8-G8\t-300\t" AMOUNT_FORMAT);
  expect(ov, "cf\tD6:D9 H6:H9\tgreaterThanOrEqual\t0\tFFC6EFCE");
  expect(ov, "cf\tD6:D9 H6:H9\tbetween\t-250.5,0\tFFFFEB9C");
  expect(ov, "outline\t6\t1");
  /* Nothing else of the report is on it, and it has no defined names. */
  ck_assert_ptr_null(strstr(ov, "\ts\tNyckeltal\t"));
  ck_assert_ptr_null(strstr(ov, "\ts\tEkonomiskt resultat\t"));
  ck_assert_ptr_null(strstr(dump, "\tÖversikt\t'Översikt'!"));
  ck_assert_ptr_null(strstr(dump, "\t-\t'Översikt'!"));

  /* The monthly table: title on row 11, header on 12, January to December on 13-24; every
   * cached value is the library's figure in tkr, Ack utfall only up to April. */
  const tertial_report_section *m = section_of(r, TERTIAL_SECTION_MONTHLY);
  expect(ov, "cell\tA11\ts\tAckumulerat per månad\tAckumulerat per månad\tGeneral");
  expect(ov, "cell\tA12\ts\tMånad\tMånad\tGeneral");
  expect(ov, "cell\tD12\ts\tAck prognos\tAck prognos\tGeneral");
  char line[512];
  for (size_t i = 0; i < m->line_count; i++) {
    int row = 13 + (int)i;
    snprintf(line, sizeof line, "cell\tA%d\ts\t%s\t%s\tGeneral", row, tertial_report_cell_at(m, i, 0)->text,
             tertial_report_cell_at(m, i, 0)->text);
    expect(ov, line);
    for (size_t c = 1; c <= 3; c++) {
      const tertial_report_cell *x = tertial_report_cell_at(m, i, c);
      if (!x->present) {
        snprintf(line, sizeof line, "\ncell\t%c%d\t", (char)('A' + c), row);
        ck_assert_ptr_null(strstr(ov, line));
        continue;
      }
      const char *v = tkr_text(x->value);
      snprintf(line, sizeof line, "cell\t%c%d\tn\t%s\t%s\t" AMOUNT_FORMAT, (char)('A' + c), row, v, v);
      expect(ov, line);
    }
  }
  ck_assert_ptr_null(strstr(ov, "\ncell\tB17\t")); /* May: no outcome */
  expect(ov, "cell\tB16\tn\t6810\t6810\t" AMOUNT_FORMAT);  /* April: Ack utfall */
  expect(ov, "cell\tC24\tn\t25200\t25200\t" AMOUNT_FORMAT); /* December: Årets budget */
  expect(ov, "cell\tD24\tn\t24110\t24110\t" AMOUNT_FORMAT); /* December: Årets prognos */

  /* The chart beside the committee table (from its title row, column J): a bar per unit, not
   * Summa, of Ack budgetavvikelse and Prognosavvikelse, named by the shared header row and reading
   * the table's cells; Swedish titles, the amount format on the value axis. Its caches are the
   * table's shown deviations (formulas, whose results are cached from the report). */
  expect(ov, "chart\tbarChart\tJ5\tU23\tAvvikelse mot budget per verksamhet\tVerksamhet\t"
             "Belopp, tkr (negativt: sämre än budget)\t" AMOUNT_FORMAT "\tb");
  expect(ov, "series\t'Översikt'!$D$4\t'Översikt'!$A$6:$A$8\t'Översikt'!$D$6:$D$8\t8497B0\tsolid");
  expect(ov, "series\t'Översikt'!$H$4\t'Översikt'!$A$6:$A$8\t'Översikt'!$H$6:$H$8\tC55A11\tsolid");
  expect(ov, "chartcache\t'Översikt'!$D$6:$D$8\t0:0\t1:1390\t2:200");
  expect(ov, "chartcache\t'Översikt'!$H$6:$H$8\t0:0\t1:1390\t2:-300");
  expect(ov, "chartcat\t'Översikt'!$A$6:$A$8\t0:Socialnämnden (egen)\t1:Individ- och familjeomsorg\t2:Äldreomsorg");
  expect(ov, "chartname\t'Översikt'!$H$4\t0:Prognosavvikelse");
  expect(ov, "cell\tH8\tf\t=E8-G8\t-300\t" AMOUNT_FORMAT);
  ck_assert_ptr_null(strstr(ov, "\tlineChart\t"));
  /* Only the overview has a chart; the root's sheet has the monthly table too. */
  ck_assert_ptr_null(strstr(strstr(dump, "\nsheet\tSocialnämnden\n"), "\nchart\t"));
  char *sn = sheet_part(dump, "Socialnämnden");
  pos = strstr(sn, "\ncell\tA1\t");
  int title = row_of(&pos, "Ackumulerat per månad");
  snprintf(line, sizeof line, "cell\tD%d\tn\t24110\t24110\t" AMOUNT_FORMAT, title + 13);
  expect(sn, line);
  free(sn);
  free(ov);
  free(dump);
done:
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* The overview in English, without the monthly section, without the units section, turned off,
 * and for a caller of version 1 of the options. */
START_TEST(test_overview_options)
{
  make_tmpdir();
  fixture f;
  tertial_report *r = fixture_report(&f, 1);
  tertial_xlsx_options o = fixed_options();
  char book[256];
  snprintf(book, sizeof book, "%s", path_in("en.xlsx"));
  T_OK(tertial_render_xlsx(r, book, &o));
  tertial_report_free(r);
  char *dump = readback(book);
  if (dump) {
    expect(dump, "sheets\tOverview\tSocialnämnden\tIndivid- och familjeomsorg\tÄldreomsorg");
    expect(dump, "cell\tA1\ts\tSocialnämnden — overview\tSocialnämnden — overview\tGeneral");
    expect(dump, "cell\tA11\ts\tAccumulated by month\tAccumulated by month\tGeneral");
    expect(dump, "chart\tbarChart\tJ5\tU23\tDeviation from budget by activity\tActivity\t"
                 "Amount, SEK thousand (negative: worse than budget)\t" AMOUNT_FORMAT "\tb");
    expect(dump, "series\tOverview!$H$4\tOverview!$A$6:$A$8\tOverview!$H$6:$H$8\tC55A11\tsolid");
    expect(dump, "chartname\tOverview!$H$4\t0:Forecast deviation");
    free(dump);
  }
  /* mkr with one decimal: the axis has the amounts' format. */
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS);
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, &ro));
  o.unit = TERTIAL_UNIT_MKR;
  o.decimals = 1;
  T_OK(tertial_render_xlsx(r, book, &o));
  tertial_report_free(r);
  dump = readback(book);
  if (dump) {
    /* Only the committee table, and its chart. */
    expect(dump, "sheets\tÖversikt\tSocialnämnden");
    char *ov = sheet_part(dump, "Översikt");
    expect(ov, "cell\tG9\tf\t=SUM(G6:G8)\t24.1\t#,##0.0;-#,##0.0");
    expect(ov, "chart\tbarChart\tJ5\tU23\tAvvikelse mot budget per verksamhet\tVerksamhet\t"
               "Belopp, mkr (negativt: sämre än budget)\t#,##0.0;-#,##0.0\tb");
    expect(ov, "chartcache\t'Översikt'!$H$6:$H$8\t0:0\t1:1.4\t2:-0.3");
    free(ov);
    free(dump);
  }
  /* Only the monthly table: no shared header row, the table from row 4 with its own header; no
   * chart (it draws the committee table). */
  ro.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_MONTHLY);
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, &ro));
  T_OK(tertial_render_xlsx(r, book, &o));
  tertial_report_free(r);
  dump = readback(book);
  if (dump) {
    expect(dump, "sheets\tÖversikt\tSocialnämnden");
    char *ov = sheet_part(dump, "Översikt");
    expect(ov, "freeze\tB4");
    expect(ov, "cell\tA4\ts\tAckumulerat per månad\tAckumulerat per månad\tGeneral");
    expect(ov, "cell\tA5\ts\tMånad\tMånad\tGeneral");
    expect(ov, "cell\tD17\tn\t24.1\t24.1\t#,##0.0;-#,##0.0");
    ck_assert_ptr_null(strstr(ov, "\nchart\t"));
    free(ov);
    free(dump);
  }
  /* Without the monthly section: the committee table and its chart. */
  ro.sections = TERTIAL_REPORT_ALL_SECTIONS & ~TERTIAL_SECTION_BIT(TERTIAL_SECTION_MONTHLY);
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, &ro));
  o = fixed_options();
  T_OK(tertial_render_xlsx(r, book, &o));
  dump = readback(book);
  if (dump) {
    expect(dump, "sheets\tÖversikt\tSocialnämnden");
    expect(dump, "cell\tB9\tf\t=SUM(B6:B8)\t6810\t" AMOUNT_FORMAT);
    expect(dump, "chart\tbarChart\tJ5\tU23\tAvvikelse mot budget per verksamhet\tVerksamhet\t"
                 "Belopp, tkr (negativt: sämre än budget)\t" AMOUNT_FORMAT "\tb");
    free(dump);
  }
  /* Turned off, or a version-1 caller (whose struct ends at `company`): no overview. */
  o.overview = 0;
  T_OK(tertial_render_xlsx(r, book, &o));
  dump = readback(book);
  if (dump) {
    expect(dump, "sheets\tSocialnämnden");
    free(dump);
  }
  tertial_xlsx_options v1 = fixed_options();
  v1.version = 1;
  v1.overview = 1;
  v1.local_names = 0;
  v1.next_report = (tertial_xlsx_next_report)(void (*)(void))abort; /* beyond a v1 struct: never read */
  T_OK(tertial_render_xlsx(r, book, &v1));
  dump = readback(book);
  if (dump) {
    expect(dump, "sheets\tSocialnämnden");
    expect(dump, "name\tAck_utfall\t-\t'Socialnämnden'!$B$12");
    free(dump);
  }
  v1.version = TERTIAL_XLSX_OPTIONS_VERSION + 1; /* unknown */
  T_ERR(tertial_render_xlsx(r, book, &v1), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* Further reports from a callback, one at a time, each freed when the next is asked for. */
typedef struct more_reports {
  tertial_model *model;
  tertial_unit_id units[3];
  size_t count, calls;
  int fail_at;
  tertial_report *current;
} more_reports;

static int next_report(const tertial_report **next, size_t index, void *context)
{
  more_reports *m = context;
  ck_assert_uint_eq(index, m->calls);
  m->calls++;
  tertial_report_free(m->current);
  m->current = NULL;
  *next = NULL;
  if ((int)index == m->fail_at)
    return TERTIAL_ERR_NOT_FOUND;
  if (index >= m->count)
    return 0;
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_KEY_FIGURES) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_MONTHLY);
  int rc = tertial_report_new(&m->current, m->model, m->units[index], 4, &o);
  *next = m->current;
  return rc;
}

START_TEST(test_next_report)
{
  make_tmpdir();
  fixture f;
  report_fixture_build(&f);
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.child_depth = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, &ro));
  more_reports more = {f.model, {f.hvb, f.fs, f.ht}, 3, 0, -1, NULL};
  tertial_xlsx_options o = fixed_options();
  o.next_report = next_report;
  o.next_context = &more;
  char book[256];
  snprintf(book, sizeof book, "%s", path_in("more.xlsx"));
  for (int constant = 0; constant <= 1; constant++) {
    more.calls = 0;
    o.constant_memory = constant;
    T_OK(tertial_render_xlsx(r, book, &o));
    ck_assert_uint_eq(more.calls, 4);
    ck_assert_ptr_null(more.current);
    char *dump = readback(book);
    if (dump) {
      expect(dump, "sheets\tÖversikt\tSocialnämnden\tIndivid- och familjeomsorg\tÄldreomsorg\t"
                   "HVB barn och unga\tFörsörjningsstöd\tHemtjänst");
      /* Their own figures and sheet-local names. */
      char *ht = sheet_part(dump, "Hemtjänst");
      expect(ht, "cell\tB6\tn\t3800\t3800\t" AMOUNT_FORMAT);
      expect(ht, "cell\tA8\ts\tAckumulerat per månad\tAckumulerat per månad\tGeneral");
      free(ht);
      expect(dump, "name\tAck_utfall\tHemtjänst\t'Hemtjänst'!$B$6");
      expect(dump, "name\tAck_utfall\t-\t'Socialnämnden'!$B$12");
      free(dump);
    }
  }
  /* Without child sheets the further reports still come; without sheet-local names only the
   * root's workbook names are defined. */
  more.calls = 0;
  o.children = 0;
  o.local_names = 0;
  T_OK(tertial_render_xlsx(r, book, &o));
  char *dump = readback(book);
  if (dump) {
    expect(dump, "sheets\tÖversikt\tSocialnämnden\tHVB barn och unga\tFörsörjningsstöd\tHemtjänst");
    expect(dump, "name\tAck_utfall\t-\t'Socialnämnden'!$B$12");
    ck_assert_ptr_null(strstr(dump, "\tHemtjänst\t'Hemtjänst'!"));
    int names = 0;
    for (const char *p = dump; (p = strstr(p, "\nname\t")) != NULL; p++)
      names += strncmp(p, "\nname\t_xlnm.", 12) != 0;
    ck_assert_int_eq(names, 8);
    free(dump);
  }
  o.local_names = 1;
  /* The writer's temporary file in a chosen folder: nothing is left there. */
  more.calls = 0;
  o.constant_memory = 1;
  char sub[256];
  snprintf(sub, sizeof sub, "%s", path_in("tmp"));
  ck_assert_int_eq(mkdir(sub, 0700), 0);
  o.tmpdir = sub;
  T_OK(tertial_render_xlsx(r, book, &o));
  DIR *d = opendir(sub);
  int left = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    left += e->d_name[0] != '.';
  closedir(d);
  ck_assert_int_eq(left, 0);
  ck_assert_int_eq(rmdir(sub), 0);
  ck_assert_ptr_null(more.current);
  o.tmpdir = NULL;
  o.constant_memory = 0;
  /* A failing callback stops the export with its error, and the earlier file stays. */
  size_t n0, n1;
  char *before = slurp(book, &n0);
  more.calls = 0;
  more.fail_at = 1;
  T_ERR(tertial_render_xlsx(r, book, &o), TERTIAL_ERR_NOT_FOUND);
  ck_assert_uint_eq(more.calls, 2);
  ck_assert_int_eq(count_entries(), 1);
  char *after = slurp(book, &n1);
  ck_assert_uint_eq(n0, n1);
  ck_assert_int_eq(memcmp(before, after, n0), 0);
  free(before);
  free(after);
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

static int open_files(void)
{
  DIR *d = opendir("/proc/self/fd");
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    n += e->d_name[0] != '.';
  if (d)
    closedir(d);
  return n;
}

/* The same report again and again: sheets "Hemtjänst (2)", "Hemtjänst (3)", ... */
static int same_report(const tertial_report **next, size_t index, void *context)
{
  *next = index < 60 ? context : NULL;
  return 0;
}

/* 62 sheets: the workbook is the same in both modes, byte for byte, and no descriptor is left
 * open, after success or failure. */
START_TEST(test_many_sheets)
{
  make_tmpdir();
  fixture f;
  report_fixture_build(&f);
  tertial_report *r;
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  T_OK(tertial_report_new(&r, f.model, f.ht, 4, &ro));
  tertial_xlsx_options o = fixed_options();
  o.constant_memory = 1;
  o.next_report = same_report;
  o.next_context = r;
  int files = open_files();
  T_OK(tertial_render_xlsx(r, path_in("constant.xlsx"), &o));
  ck_assert_int_eq(open_files(), files);
  o.constant_memory = 0;
  T_OK(tertial_render_xlsx(r, path_in("normal.xlsx"), &o));
  ck_assert_msg(same_files("constant.xlsx", "normal.xlsx"), "the workbooks differ");
  char *dump = readback(path_in("constant.xlsx"));
  if (dump) {
    expect(dump, "cell\tB6\tn\t3800\t3800\t" AMOUNT_FORMAT);
    char *last = sheet_part(dump, "Hemtjänst (61)");
    expect(last, "cell\tB6\tn\t3800\t3800\t" AMOUNT_FORMAT);
    free(last);
    free(dump);
  }
  /* a failure after sheets were written: nothing is left open */
  /* a failure after sheets were parked: their descriptors are closed too */
  static char huge[40001];
  memset(huge, 'x', sizeof huge - 1);
  T_OK(tertial_measure_add(NULL, f.model, f.ht, "KOST_PERS", huge, "", KR(1), "", (tertial_date){2026, 8, 1}));
  tertial_report *bad;
  T_OK(tertial_report_new(&bad, f.model, f.ht, 4, &ro));
  o.next_context = bad; /* the first sheet is fine, the second fails */
  T_ERR(tertial_render_xlsx(r, path_in("constant.xlsx"), &o), TERTIAL_ERR_RANGE);
  ck_assert_int_eq(open_files(), files);
  tertial_report_free(bad);
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* The round's texts: string cells (never formulas), the text wrapped in a cell spanning to the
 * sheet's last column, its row tall enough for the lines it wraps into, the date a date. */
START_TEST(test_round_texts)
{
  make_tmpdir();
  tertial_model *m = report_demo_round();
  tertial_report *r = report_demo_texts(m, "3");
  tertial_xlsx_options o = fixed_options();
  const char *book = path_in("texts.xlsx");
  T_OK(tertial_render_xlsx(r, book, &o));
  tertial_report_free(r);
  char *dump = readback(book);
  if (dump) {
    char *sn = sheet_part(dump, "Socialnämnden");
    expect(sn, "cell\tA4\ts\tKommentarer\tKommentarer\tGeneral");
    expect(sn, "cell\tF5\ts\tText\tText\tGeneral");
    expect(sn, "cell\tA6\ts\tSammanfattning\tSammanfattning\tGeneral");
    expect(sn, "cell\tD6\ts\tEva Andersson\tEva Andersson\tGeneral");
    expect(sn, "cell\tE6\td\t2026-11-02T00:00:00\t2026-11-02T00:00:00\tyyyy-mm-dd");
    expect(sn, "cell\tB8\ts\tKöp av verksamhet\tKöp av verksamhet\tGeneral");
    expect(sn, "cell\tC9\ts\tGodkänd, eskalerad till nästa nivå\tGodkänd, eskalerad till nästa nivå\tGeneral");
    expect(sn, "cell\tF9\ts\tUnderskottet kan inte täckas inom Socialnämndens ram i år; nämnden redovisar en "
               "åtgärdsplan till kommunstyrelsen.\tUnderskottet kan inte täckas inom Socialnämndens ram i år; nämnden "
               "redovisar en åtgärdsplan till kommunstyrelsen.\tGeneral");
    /* six columns and the text spanning four: F to I, wrapped; at 4 × 18 × 1,1 characters a line
     * the summary's 236 characters make 3 lines, the analysis's 306 make 4, the comment's 94 and
     * the status comment's 113 make 2 */
    expect(sn, "merge\tF6:I6\t1");
    expect(sn, "merge\tF9:I9\t1");
    expect(sn, "height\t6\t45");
    expect(sn, "height\t7\t60");
    expect(sn, "height\t8\t30");
    expect(sn, "height\t9\t30");
    free(sn);
    free(dump);
  }
  r = report_demo_texts(m, "4331");
  book = path_in("texts4331.xlsx");
  T_OK(tertial_render_xlsx(r, book, &o));
  tertial_report_free(r);
  dump = readback(book);
  if (dump) {
    expect(dump, "cell\tF7\ts\t=1+1\t=1+1\tGeneral"); /* a string, not a formula */
    free(dump);
  }
  tertial_model_free(m);
}
END_TEST

/* An export keeps no file per sheet open: 62 sheets are written under an open-file limit of 30
 * more than the test has open, in both modes, and leave one workbook and no temporary file. */
START_TEST(test_open_file_limit)
{
  make_tmpdir();
  fixture f;
  report_fixture_build(&f);
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_KEY_FIGURES);
  tertial_report *r;
  T_OK(tertial_report_new(&r, f.model, f.ht, 4, &ro));
  tertial_xlsx_options o = fixed_options();
  o.next_report = same_report;
  o.next_context = r;
  struct rlimit saved, low;
  ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &saved), 0);
  low = saved;
  low.rlim_cur = (rlim_t)open_files() + 30;
  if (low.rlim_cur > saved.rlim_cur) {
    fprintf(stderr, "# SKIP open-file limit test: the limit is already low\n");
    goto done;
  }
  ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &low), 0);
  o.constant_memory = 1;
  int constant = tertial_render_xlsx(r, path_in("many.xlsx"), &o);
  o.constant_memory = 0;
  int normal = tertial_render_xlsx(r, path_in("many.xlsx"), &o);
  ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &saved), 0);
  T_OK(constant);
  T_OK(normal);
  ck_assert_int_eq(count_entries(), 1); /* the book, no temporary file */
  char *dump = readback(path_in("many.xlsx"));
  if (dump) {
    expect(dump, "cell\tB6\tn\t3800\t3800\t" AMOUNT_FORMAT);
    ck_assert_ptr_nonnull(strstr(dump, "\tHemtjänst (61)\n"));
    free(dump);
  }
done:
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* Rows of the follow-up tables of a sheet part (eight columns B to I) whose amounts are all 0. */
static int all_zero_rows(const char *part)
{
  int zero = 0;
  for (int row = 1; row < 200; row++) {
    int amounts = 0, nonzero = 0;
    for (char col = 'B'; col <= 'I'; col++) {
      char head[32];
      snprintf(head, sizeof head, "\ncell\t%c%d\t", col, row);
      const char *at = strstr(part, head);
      if (!at)
        continue;
      const char *type = at + strlen(head);
      if (*type != 'n' && *type != 'f')
        continue;
      const char *cached = strchr(strchr(type, '\t') + 1, '\t') + 1; /* TYPE VALUE CACHED */
      amounts++;
      nonzero |= !(cached[0] == '0' && cached[1] == '\t') && cached[0] != '\t';
    }
    zero += amounts >= 7 && !nonzero; /* Förbrukat % is empty with a zero budget */
  }
  return zero;
}

/* Red means worse than budget: amounts have no [Red] (Bidrag, a revenue line, is -7 690 and
 * plain), and the red rule is relative, a deviation worse than 1 % of the line's own Årets
 * budget (Köp av verksamhet -2 000 against 24 000: red; Bidrag +3 690: green), first and alone,
 * then yellow below 0 and green from 0. A leaf unit's sheet has no all-zero rows. */
START_TEST(test_relative_red_and_leaf_sheets)
{
  make_tmpdir();
  fixture f;
  report_fixture_build(&f);
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.child_depth = 2;
  tertial_report *r;
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, &ro));
  tertial_xlsx_options o = TERTIAL_XLSX_OPTIONS_INIT;
  ck_assert_int_eq(o.red_share, 100);
  o.created = JAN_2026;
  const char *book = path_in("relative.xlsx");
  T_OK(tertial_render_xlsx(r, book, &o));
  char *dump = readback(book);
  if (dump) {
    char *sn = sheet_part(dump, "Socialnämnden");
    expect(sn, "cell\tA19\ts\tBidrag\tBidrag\tGeneral");
    expect(sn, "cell\tB19\tn\t-7690\t-7690\t#,##0;-#,##0");
    expect(sn, "cell\tH19\tf\t=E19-G19\t3690\t#,##0;-#,##0");
    expect(sn, "cell\tA25\ts\tKöp av verksamhet\tKöp av verksamhet\tGeneral");
    expect(sn, "cell\tE25\tn\t24000\t24000\t#,##0;-#,##0");
    expect(sn, "cell\tH25\tf\t=E25-G25\t-2000\t#,##0;-#,##0");
#define RANGES "D6 H6 D9:D12 H9:H12 D15:D32 H15:H32"
    expect(sn, "cf\t" RANGES "\t\tD6<-ABS($E6)*0.0100\tFFFFC7CE");
    expect(sn, "cf\t" RANGES "\tlessThan\t0\tFFFFEB9C");
    expect(sn, "cf\t" RANGES "\tgreaterThanOrEqual\t0\tFFC6EFCE");
    ck_assert_ptr_null(strstr(dump, "[Red]"));
    /* the rule's order: red, yellow, green */
    ck_assert(strstr(sn, "\tD6<-ABS") < strstr(sn, "\tlessThan\t0\t"));
    ck_assert(strstr(sn, "\tlessThan\t0\t") < strstr(sn, "\tgreaterThanOrEqual\t0\t"));
    /* the committee's sheet keeps every report row; a leaf unit's sheet has none that is all 0 */
    ck_assert_int_gt(all_zero_rows(sn), 0);
    char *hvb = sheet_part(dump, "HVB barn och unga"); /* the rows it has amounts on, no others */
    expect(hvb, "cell\tA14\ts\tBidrag\tBidrag\tGeneral");
    expect(hvb, "cell\tA16\ts\tKöp av verksamhet\tKöp av verksamhet\tGeneral");
    expect(hvb, "cell\tA17\ts\tNETTORESULTAT\tNETTORESULTAT\tGeneral");
    free(hvb);
    static const char *const leaves[] = {"HVB barn och unga", "Försörjningsstöd", "Hemtjänst"};
    for (size_t i = 0; i < 3; i++) {
      char *leaf = sheet_part(dump, leaves[i]);
      ck_assert_int_eq(all_zero_rows(leaf), 0);
      free(leaf);
    }
    free(sn);
    free(dump);
  }
  /* a version-2 struct keeps the absolute threshold */
  o.version = 2;
  o.red_share = 12345; /* past the end of a version-2 struct: not read */
  T_OK(tertial_render_xlsx(r, book, &o));
  dump = readback(book);
  if (dump) {
    expect(dump, "cf\t" RANGES "\tlessThan\t-1000\tFFFFC7CE");
    free(dump);
  }
  o.version = TERTIAL_XLSX_OPTIONS_VERSION;
  T_ERR(tertial_render_xlsx(r, book, &o), TERTIAL_ERR_RANGE);
  o.red_share = -1;
  T_ERR(tertial_render_xlsx(r, book, &o), TERTIAL_ERR_RANGE);
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* A presentation that chooses columns and turns signs: the follow-up tables are plain tables of
 * the presented values under their own headers, in the presentation's unit. */
START_TEST(test_presentation)
{
  make_tmpdir();
  fixture f;
  report_fixture_build(&f);
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_REASONS);
  tertial_report *r;
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, &ro));
  tertial_presentation *p;
  T_OK(tertial_presentation_parse(&p, "columns = outcome_acc, remaining, forecast_deviation\n"
                                      "signs = costs-negative\ndeviation = outcome-minus-budget\n"
                                      "unit = mnkr\ndecimals = 2\nheader.remaining = Kvar\n", "p"));
  tertial_xlsx_options o = fixed_options();
  o.presentation = p;
  const char *book = path_in("presented.xlsx");
  T_OK(tertial_render_xlsx(r, book, &o));
  char *dump = readback(book);
  if (dump) {
    /* Socialnämnden: Ack utfall 6 810 000 kr, costs negative; Kvar 25 200 000 − 6 810 000 kr,
     * negative as a cost; Prognosavvikelse 1 090 000 kr better than budget, outcome − budget */
    char *sheet = sheet_part(dump, "Socialnämnden");
    /* the follow-up tables' shared header row, as in the default layout */
    expect(sheet, "cell\tA5\ts\tEkonomiskt resultat per verksamhet\tEkonomiskt resultat per verksamhet\tGeneral");
    expect(sheet, "cell\tB4\ts\tAck utfall\tAck utfall\tGeneral");
    expect(sheet, "cell\tC4\ts\tKvar\tKvar\tGeneral");
    expect(sheet, "cell\tD4\ts\tPrognosavvikelse\tPrognosavvikelse\tGeneral");
    expect(sheet, "cell\tB9\tf\t=SUM(B6:B8)\t-6.81\t#,##0.00;-#,##0.00");
    expect(sheet, "cell\tC9\tf\t=SUM(C6:C8)\t-18.39\t#,##0.00;-#,##0.00");
    expect(sheet, "cell\tD9\tf\t=SUM(D6:D8)\t-1.09\t#,##0.00;-#,##0.00");
    expect(sheet, "cell\tB7\tn\t-2.61\t-2.61\t#,##0.00;-#,##0.00");
    ck_assert_ptr_null(strstr(sheet, "\tE4\t")); /* three columns chosen */
    ck_assert_ptr_null(strstr(dump, "\nchart\t")); /* no chart of columns it does not have */
    free(sheet);
    free(dump);
  }
  tertial_presentation_free(p);

  /* Reordered and subset columns with Återstår keep their formulas where the cells they refer to
   * are shown: Prognosavvikelse = Årets budget − Årets prognos, Återstår = Årets budget − Ack
   * utfall, Ack budgetavvikelse = Ack budget − Ack utfall, wherever those columns stand */
  T_OK(tertial_presentation_parse(&p, "columns = forecast, forecast_deviation, budget_year, remaining, outcome_acc, "
                                      "deviation_acc, budget_acc\n", "p"));
  o.presentation = p;
  o.red_share = 100;
  book = path_in("reordered.xlsx");
  T_OK(tertial_render_xlsx(r, book, &o));
  dump = readback(book);
  if (dump) {
    char *sheet = sheet_part(dump, "Socialnämnden");
    expect(sheet, "cell\tE4\ts\tÅterstår\tÅterstår\tGeneral");
    expect(sheet, "cell\tB9\tf\t=SUM(B6:B8)\t24110\t#,##0;-#,##0");
    expect(sheet, "cell\tC9\tf\t=D9-B9\t1090\t#,##0;-#,##0");
    expect(sheet, "cell\tE9\tf\t=D9-F9\t18390\t#,##0;-#,##0");
    expect(sheet, "cell\tG9\tf\t=H9-F9\t1590\t#,##0;-#,##0");
    expect(sheet, "cell\tE7\tf\t=D7-F7\t9390\t#,##0;-#,##0"); /* 12 000 − 2 610 tkr */
    /* the traffic lights on both deviations, red relative to Årets budget in column D */
    ck_assert_ptr_nonnull(strstr(sheet, "<-ABS($D"));
    free(sheet);
    /* the overview's chart reads the deviations where they stand */
    expect(dump, "chartname\t'Översikt'!$G$4\t0:Ack budgetavvikelse");
    expect(dump, "chartcache\t'Översikt'!$C$6:$C$8\t0:0\t1:1390\t2:-300");
    free(dump);
  }
  expect_recalculates(book);
  tertial_presentation_free(p);

  /* costs negative and outcome − budget: the deviations are the shown budget less the shown
   * outcome (both turned), Förbrukat % of the shown amounts, the sums as before */
  T_OK(tertial_presentation_parse(&p, "columns = budget_acc, outcome_acc, share_used, deviation_acc, remaining, "
                                      "budget_year, forecast_deviation, forecast, prior_year\n"
                                      "signs = costs-negative\ndeviation = outcome-minus-budget\n", "p"));
  o.presentation = p;
  book = path_in("turned.xlsx");
  T_OK(tertial_render_xlsx(r, book, &o));
  dump = readback(book);
  if (dump) {
    char *sheet = sheet_part(dump, "Socialnämnden");
    expect(sheet, "cell\tB9\tf\t=SUM(B6:B8)\t-8400\t#,##0;-#,##0");
    expect(sheet, "cell\tD9\tf\t=IF(G9=0,\"\",ROUND(C9/G9*100,2))\t27.02\t0.00");
    expect(sheet, "cell\tE9\tf\t=B9-C9\t-1590\t#,##0;-#,##0");
    expect(sheet, "cell\tF9\tf\t=G9-C9\t-18390\t#,##0;-#,##0");
    expect(sheet, "cell\tH9\tf\t=G9-I9\t-1090\t#,##0;-#,##0");
    ck_assert_ptr_null(strstr(sheet, "<-ABS(")); /* no lights: negative is better here */
    free(sheet);
    free(dump);
  }
  expect_recalculates(book);
  tertial_presentation_free(p);
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST

/* With the model, the root report's styrtal get a sheet of their own: each at its goal's unit
 * month by month to the cut-off, its target, and a line chart of the two (the demo's
 * Socialnämnden at JANOKT); without it (or with version-4 options) there is no such sheet. */
START_TEST(test_goals_sheet)
{
  make_tmpdir();
  tertial_model *m;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &d, 2026, 0));
  T_OK(tertial_demo_round(m, "JANOKT"));
  T_OK(tertial_demo_goals(m, m));
  T_OK(tertial_forecast_apply(m, 10, -1));
  tertial_unit_id sn;
  T_OK(tertial_org_find(&sn, tertial_model_org(m), "3"));
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, sn, 10, NULL));
  tertial_xlsx_options o = fixed_options();
  o.model = m;
  char book[256];
  snprintf(book, sizeof book, "%s", path_in("goals.xlsx"));
  T_OK(tertial_render_xlsx(r, book, &o));
  char *dump = readback(book);
  if (dump) {
    expect(dump, "sheets\tÖversikt\tSocialnämnden\tMål och styrtal");
    char *gs = sheet_part(dump, "Mål och styrtal");
    expect(gs, "cell\tA4\ts\tStyrtal\tStyrtal\tGeneral");
    expect(gs, "cell\tM4\ts\tokt\tokt\tGeneral");
    expect(gs, "cell\tA5\ts\tPlaceringar på HVB, barn och unga (st)\tPlaceringar på HVB, barn och unga (st)\tGeneral");
    expect(gs, "cell\tC5\ts\tSN1\tSN1\tGeneral");
    /* the placements of JANOKT's goals section: 126 in October, 125 in September; target 120 */
    expect(gs, "cell\tM5\tn\t126\t126\t0");
    expect(gs, "cell\tL5\tn\t125\t125\t0");
    expect(gs, "cell\tM6\tn\t120\t120\t0");
    /* sick leave with one decimal: 6,0 % in October against the target 6,0 */
    expect(gs, "cell\tA7\ts\tSjukfrånvaro (%)\tSjukfrånvaro (%)\tGeneral");
    expect(gs, "cell\tM7\tn\t6\t6\t0.0");
    ck_assert_ptr_null(strstr(gs, "\ncell\tN5\t")); /* no month after the cut-off */
    free(gs);
    expect(dump, "chart\tlineChart\tA12\tD26\tPlaceringar på HVB, barn och unga\t\t\tGeneral\tb");
    expect(dump, "chartcache\t'Mål och styrtal'!$D$5:$M$5\t0:120\t1:119\t2:119\t3:119\t4:123\t5:124\t6:123\t7:124\t8:125\t9:126");
    free(dump);
  }
  /* version-4 options have no model: no goals sheet */
  o.version = 4;
  T_OK(tertial_render_xlsx(r, book, &o));
  dump = readback(book);
  if (dump) {
    expect(dump, "sheets\tÖversikt\tSocialnämnden");
    ck_assert_ptr_null(strstr(dump, "\nsheet\tMål och styrtal\n"));
    free(dump);
  }
  tertial_report_free(r);
  tertial_model_free(m);
  remove_tmpdir();
}
END_TEST

/* The sheet names' case folding (one character at a time, without allocating beyond the buffer)
 * is g_utf8_casefold()'s for every name the renderer makes of the tests' and the demo's units:
 * the fixture's workbooks in Swedish and English, read back, the demo's units, the fixed
 * titles, the names of test_sheet_names, every ASCII character and the Swedish letters; "Ö" and
 * "ö" sheets are one name without case (the second gets " (2)"). */
static void expect_casefold(const char *s)
{
  tertial_strbuf sb = {0};
  T_OK(tertial__sb_append_casefold(&sb, s));
  char *want = g_utf8_casefold(s, -1);
  ck_assert_str_eq(sb.data ? sb.data : "", want);
  g_free(want);
  tertial__sb_clear(&sb);
}

START_TEST(test_sheet_name_folding)
{
  make_tmpdir();
  size_t names = 0;
  fixture f;
  for (int english = 0; english <= 1; english++) {
    tertial_report *r = fixture_report(&f, english);
    tertial_xlsx_options o = fixed_options();
    T_OK(tertial_render_xlsx(r, path_in("fold.xlsx"), &o));
    char **sheets;
    T_OK(tertial__table_xlsx_sheets(&sheets, path_in("fold.xlsx")));
    for (size_t i = 0; sheets[i]; i++, names++)
      expect_casefold(sheets[i]);
    ck_assert_str_eq(sheets[0], english ? "Overview" : "\xc3\x96versikt");
    tertial__table_sheets_free(sheets);
    tertial_report_free(r);
    fixture_free(&f);
  }
  ck_assert_uint_eq(names, 8);
  tertial_model *m = report_demo_round();
  const tertial_org *org = tertial_model_org(m);
  ck_assert_uint_gt(tertial_org_unit_count(org), 20);
  for (size_t u = 0; u < tertial_org_unit_count(org); u++)
    expect_casefold(tertial_org_unit(org, (tertial_unit_id)u)->name);
  tertial_model_free(m);
  static const char *const fixed[] = {"Overview", "\xc3\x96versikt", "Goals and indicators", "Mål och styrtal",
                                      "Blad", "Hem, \"vård\"", "=1+2", "Rad_ett", "Hem_v\xc3\xa5rd _1__ ____",
                                      "HEM_V\xc3\xa5RD _1__ ____ (2)", "\xc3\x84ldreomsorgens verksamheter i n",
                                      "ÅÄÖåäöÉéÜü 0123456789"};
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
    expect_casefold(fixed[i]);
  for (char c = ' '; c < 0x7f; c++) {
    char one[2] = {c, 0};
    expect_casefold(one);
  }
  /* "Ö" and "ö": the second sheet is renamed */
  tertial_model *sm;
  tertial_unit_id p = report_small_model(&sm);
  T_OK(tertial_org_add_unit(NULL, tertial_model_org(sm), "D", "\xc3\x96", p, 1, NULL));
  T_OK(tertial_org_add_unit(NULL, tertial_model_org(sm), "E", "\xc3\xb6", p, 1, NULL));
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_KEY_FIGURES);
  ro.child_depth = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, sm, p, 1, &ro));
  T_OK(tertial_render_xlsx(r, path_in("oe.xlsx"), NULL));
  char **sheets;
  T_OK(tertial__table_xlsx_sheets(&sheets, path_in("oe.xlsx")));
  ck_assert_uint_eq(g_strv_length(sheets), 6);
  ck_assert_str_eq(sheets[4], "\xc3\x96");
  ck_assert_str_eq(sheets[5], "\xc3\xb6 (2)");
  tertial__table_sheets_free(sheets);
  tertial_report_free(r);
  tertial_model_free(sm);
  remove_tmpdir();
}
END_TEST

/* lib/report/render_xlsx.c: a sheet's name as formulas refer to it. */
void tertial__xlsx_quoted_sheet(char *buf, size_t size, const char *name);

static void expect_quoted(const char *name, const char *want)
{
  char buf[160];
  tertial__xlsx_quoted_sheet(buf, sizeof buf, name);
  ck_assert_str_eq(buf, want);
}

/* Plain names stay plain (as libxlsxwriter left them); anything else, and names Excel would read
 * as a cell reference or that start with a digit, are quoted. */
START_TEST(test_quoted_sheet_names)
{
  expect_quoted("Overview", "Overview");
  expect_quoted("Blad1", "Blad1");
  expect_quoted("Fg_bokslut.2026", "Fg_bokslut.2026");
  expect_quoted("ABCD1", "ABCD1"); /* no column has four letters */
  expect_quoted("R2D2", "R2D2");
  expect_quoted("Översikt", "'Översikt'");
  expect_quoted("Mål och styrtal", "'Mål och styrtal'");
  expect_quoted("Hemtjänst (2)", "'Hemtjänst (2)'");
  expect_quoted("A1", "'A1'");
  expect_quoted("xfd1048576", "'xfd1048576'");
  expect_quoted("R1C1", "'R1C1'");
  expect_quoted("rc", "'rc'");
  expect_quoted("C", "'C'");
  expect_quoted("2026", "'2026'");
  expect_quoted(".x", "'.x'");
}
END_TEST

#if FAILALLOC
/* Each allocation of the renderer's and the writer's own (and GLib's) fails in turn:
 * tertial_render_xlsx() returns 0 or TERTIAL_ERR_NOMEM with its message, keeps no block, and
 * leaves neither the workbook nor a temporary file; the run that does not fail writes the
 * workbook byte for byte as before. */
START_TEST(test_out_of_memory)
{
  if (!failalloc_works())
    return;
  make_tmpdir();
  fixture f;
  tertial_report *r = fixture_report(&f, 0);
  tertial_xlsx_options o = fixed_options();
  const void *const own[] = {(const void *)(uintptr_t)tertial_render_xlsx, (const void *)(uintptr_t)g_malloc};
  T_OK(tertial_render_xlsx(r, path_in("clean.xlsx"), &o));
  size_t clean_len;
  char *clean = slurp(path_in("clean.xlsx"), &clean_len);
  ck_assert_uint_gt(clean_len, 10000);
  long points = 0;
  for (long k = 0;; k++) {
    long live = failalloc_live();
    failalloc_callers(own, 2);
    failalloc_arm(k);
    int rc = tertial_render_xlsx(r, path_in("book.xlsx"), &o);
    int failed = failalloc_disarm();
    failalloc_callers(NULL, 0);
    ck_assert_msg(failalloc_live() == live, "allocation %ld: %ld blocks kept", k, failalloc_live() - live);
    if (!failed) {
      ck_assert_int_eq(rc, 0);
      ck_assert_msg(same_files("clean.xlsx", "book.xlsx"), "the workbook differs");
      break;
    }
    points++;
    ck_assert_msg(rc == 0 || rc == TERTIAL_ERR_NOMEM, "allocation %ld: %d %s", k, rc, tertial_error_last());
    if (rc == TERTIAL_ERR_NOMEM) {
      ck_assert_ptr_nonnull(strstr(tertial_error_last(), "out of memory"));
      ck_assert_int_eq(count_entries(), 1); /* clean.xlsx: no workbook, no temporary file */
    } else {
      unlink(path_in("book.xlsx"));
    }
  }
  fprintf(stderr, "# %ld failure points\n", points);
  ck_assert_int_gt(points, 100);
  free(clean);
  unlink(path_in("clean.xlsx"));
  unlink(path_in("book.xlsx"));
  tertial_report_free(r);
  fixture_free(&f);
  remove_tmpdir();
}
END_TEST
#endif

int main(void)
{
  Suite *s = suite_create("render_xlsx");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_readback);
  tcase_add_test(tc, test_reproducible_and_constant_memory);
  tcase_add_test(tc, test_many_sheets);
  tcase_add_test(tc, test_atomic_write);
  tcase_add_test(tc, test_swedish_locale);
  tcase_add_test(tc, test_units_and_options);
  tcase_add_test(tc, test_sheet_names);
  tcase_add_test(tc, test_recalculation);
  tcase_add_test(tc, test_overview);
  tcase_add_test(tc, test_overview_options);
  tcase_add_test(tc, test_next_report);
  tcase_add_test(tc, test_open_file_limit);
  tcase_add_test(tc, test_round_texts);
  tcase_add_test(tc, test_relative_red_and_leaf_sheets);
  tcase_add_test(tc, test_presentation);
  tcase_add_test(tc, test_goals_sheet);
  tcase_add_test(tc, test_sheet_name_folding);
  tcase_add_test(tc, test_quoted_sheet_names);
#if FAILALLOC
  tcase_add_test(tc, test_out_of_memory);
#endif
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
