/* Tests of Tertial's own xlsx writer (lib/report/xlsx_write.c) and its zip (lib/base/zip_write.c):
 * workbooks read back by openpyxl (tests/xlsx_readback.py) and Python's zipfile (every CRC and
 * size checked), the exact numbers in the XML, the order rules, escaping, a sheet larger than the
 * deflate buffers, the C locale under a Swedish one, and every allocation failing in turn. */
#define _POSIX_C_SOURCE 200809L

#include "testutil.h"

#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "failalloc.h"
#include "failalloc_each.h"
#include "internal.h"
#include "xlsx_write.h"
#include "zip_write.h"

#define READBACK "/usr/bin/python3 " TERTIAL_SOURCE_ROOT "/tests/xlsx_readback.py"

/* The output of a shell command (free() it), or NULL when it exits 77 (a tool is missing). */
static char *run(const char *cmd)
{
  char full[2048];
  snprintf(full, sizeof full, "%s > '%s'", cmd, testutil_tmp_path("out.txt"));
  int status = system(full);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
    return NULL;
  ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "failed: %s", cmd);
  FILE *f = fopen(testutil_tmp_path("out.txt"), "rb");
  ck_assert_ptr_nonnull(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 2);
  ck_assert_ptr_nonnull(buf);
  buf[0] = '\n'; /* so that every line, the first too, follows a newline */
  size_t got = fread(buf + 1, 1, (size_t)n, f);
  buf[got + 1] = 0;
  fclose(f);
  return buf;
}

static int have_python(void)
{
  if (access("/usr/bin/python3", X_OK) == 0)
    return 1;
  fprintf(stderr, "# SKIP read-back: /usr/bin/python3 is missing\n");
  return 0;
}

/* openpyxl's reading of a workbook (xlsx_readback.py), or NULL when openpyxl is missing. */
static char *readback(const char *book)
{
  char cmd[1024];
  snprintf(cmd, sizeof cmd, READBACK " '%s'", book);
  char *dump = have_python() ? run(cmd) : NULL;
  if (!dump)
    fprintf(stderr, "# SKIP read-back: python3-openpyxl is missing\n");
  return dump;
}

/* One part of the zip, read by Python's zipfile after testzip() checked every entry's CRC. */
static char *part(const char *book, const char *name)
{
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "/usr/bin/python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
           "assert z.testzip() is None; sys.stdout.write(z.read(sys.argv[2]).decode())' '%s' '%s'",
           book, name);
  return run(cmd);
}

static void expect(const char *text, const char *line)
{
  char want[512];
  snprintf(want, sizeof want, "\n%s\n", line);
  ck_assert_msg(strstr(text, want), "no line\n%s\nin\n%.3000s", line, text);
}

static void expect_in(const char *text, const char *piece)
{
  ck_assert_msg(strstr(text, piece), "no\n%s\nin\n%.3000s", piece, text);
}

static int open_fds(void)
{
  int n = 0;
  DIR *d = opendir("/proc/self/fd");
  if (!d)
    return -1;
  while (readdir(d))
    n++;
  closedir(d);
  return n;
}

/* ---- a small workbook of every kind of content ---- */

typedef struct book_ctx {
  const char *path;
} book_ctx;

static int write_book(void *p)
{
  book_ctx *c = p;
  tertial__xlw_book *b = NULL;
  int rc = tertial__xlw_open(&b, c->path, NULL);
  if (rc < 0)
    return rc;
  tertial__xlw_props props = {"Budget & utfall", "Budgetuppföljning", "Anna Öberg", "Exempelkommun", "Tertial",
                              1796601600}; /* 2026-12-07 00:00 UTC */
  unsigned bold = 0, amount = 0, wrap = 0, indent = 0, red = 0, green = 0;
  tertial__xlw_format fb = {.bold = 1, .font_size = 14};
  tertial__xlw_format fa = {.num_format = "#,##0;-#,##0", .border_top = 1};
  tertial__xlw_format fw = {.wrap = 1, .valign = TERTIAL__XLW_VTOP};
  tertial__xlw_format fi = {.indent = 2};
  tertial__xlw_sheet *s = NULL;
  rc = tertial__xlw_properties(b, &props);
  if (rc == 0)
    rc = tertial__xlw_format_add(b, &fb, &bold);
  if (rc == 0)
    rc = tertial__xlw_format_add(b, &fa, &amount);
  if (rc == 0)
    rc = tertial__xlw_format_add(b, &fw, &wrap);
  if (rc == 0)
    rc = tertial__xlw_format_add(b, &fi, &indent);
  if (rc == 0)
    rc = tertial__xlw_dxf(b, 0xFFC7CE, 0x9C0006, &red);
  if (rc == 0)
    rc = tertial__xlw_dxf(b, 0xC6EFCE, 0x006100, &green);
  for (int k = 0; rc == 0 && k < 2; k++) {
    const char *name = k ? "Vård & omsorg" : "Översikt";
    rc = tertial__xlw_sheet_add(b, name, &s);
    if (rc == 0)
      rc = tertial__xlw_columns(s, 0, 0, 44);
    if (rc == 0)
      rc = tertial__xlw_columns(s, 1, 3, 18);
    if (rc == 0)
      rc = tertial__xlw_freeze(s, 4, 1);
    tertial__xlw_page page = {.landscape = 1, .paper = 9, .fit_width = 1, .fit_to_page = 1,
                              .footer = "&LExempelkommun&CSida &P av &N", .summary_above = 1};
    if (rc == 0)
      rc = tertial__xlw_page_setup(s, &page);
    if (rc == 0)
      rc = tertial__xlw_string(s, 0, 0, "Rubrik <1> & \"2\"\x01", bold);
    if (rc == 0)
      rc = tertial__xlw_row(s, 3, 45, 0);
    /* written out of column order, and C4 twice: the last write wins */
    if (rc == 0)
      rc = tertial__xlw_string(s, 3, 2, "fel", 0);
    if (rc == 0)
      rc = tertial__xlw_string(s, 3, 1, "Ack utfall", 0);
    if (rc == 0)
      rc = tertial__xlw_string(s, 3, 2, "Ack budget", 0);
    for (uint32_t r = 4; rc == 0 && r < 8; r++) {
      rc = tertial__xlw_row(s, r, -1, (int)r - 4);
      if (rc == 0)
        rc = tertial__xlw_string(s, r, 0, " indraget ", indent);
      if (rc == 0)
        rc = tertial__xlw_decimal(s, r, 1, -1234567 * (int64_t)r, 1, amount);
      if (rc == 0)
        rc = tertial__xlw_number(s, r, 2, 0.1 * r, 0);
    }
    if (rc == 0)
      rc = tertial__xlw_formula_decimal(s, 8, 1, "=SUM(B5:B8)", -1234567 * 22, 1, amount);
    if (rc == 0)
      rc = tertial__xlw_formula_text(s, 8, 2, "IF(B9<0,\"under\",\"över\")", "under", 0);
    if (rc == 0)
      rc = tertial__xlw_formula(s, 8, 3, "C5+C6", 0.1 * 4 + 0.1 * 5, 0);
    if (rc == 0)
      rc = tertial__xlw_number(s, 9, 0, tertial__xlw_date_serial(2026, 12, 7), 0);
    if (rc == 0)
      rc = tertial__xlw_string(s, 10, 0, "Sammanslagen text", wrap);
    for (uint16_t col = 1; rc == 0 && col < 4; col++)
      rc = tertial__xlw_blank(s, 10, col, wrap);
    if (rc == 0)
      rc = tertial__xlw_merge(s, 10, 0, 10, 3);
    tertial__xlw_cf_rule rules[3] = {
        {TERTIAL__XLW_CF_FORMULA, 0, 0, "B5<-ABS($D5)*0.01", red, 1},
        {TERTIAL__XLW_CF_LT, -500, 0, NULL, red, 0},
        {TERTIAL__XLW_CF_BETWEEN, -500, 2.5, NULL, green, 0},
    };
    if (rc == 0)
      rc = tertial__xlw_cond_format(s, "B5:B8 C5:C8", rules, 3);
    char f[96];
    snprintf(f, sizeof f, "'%s'!$1:$4", name);
    if (rc == 0)
      rc = tertial__xlw_define_name(b, tertial__xlw_sheet_index(s), "_xlnm.Print_Titles", f);
    snprintf(f, sizeof f, "'%s'!$B$9", name);
    if (rc == 0)
      rc = tertial__xlw_define_name(b, k ? tertial__xlw_sheet_index(s) : -1, "Ack_utfall", f);
    if (rc == 0 && k == 0) {
      tertial__xlw_point cats[2] = {{2, 0, "Första"}, {2, 0, "Andra"}};
      tertial__xlw_point vals[2] = {{1, -12.5, NULL}, {0, 0, NULL}};
      tertial__xlw_series series = {.categories = {"'Översikt'!$A$5:$A$6", cats, 2, 1},
                                    .values = {"'Översikt'!$B$5:$B$6", vals, 2, 0},
                                    .name_text = "Utfall",
                                    .has_fill = 1,
                                    .fill = 0x8497B0};
      tertial__xlw_chart chart = {.type = TERTIAL__XLW_CHART_BAR, .title = "Avvikelse", .series = &series,
                                  .nseries = 1, .legend_bottom = 1, .row = 4, .col = 5, .x_offset = 24,
                                  .y_offset = 4, .width = 720, .height = 360};
      rc = tertial__xlw_chart_add(s, &chart);
    }
  }
  if (rc < 0) {
    tertial__xlw_discard(b);
    return rc;
  }
  return tertial__xlw_close(b);
}

static void no_drop(void *p)
{
  (void)p;
}

START_TEST(test_read_back)
{
  testutil_tmpdir_make("xlw");
  book_ctx c = {testutil_tmp_path("book.xlsx")};
  char path[512];
  snprintf(path, sizeof path, "%s", c.path);
  c.path = path;
  T_OK(write_book(&c));
  char *dump = have_python() ? readback(path) : NULL;
  if (dump) {
    expect(dump, "sheets\tÖversikt\tVård & omsorg");
    expect(dump, "freeze\tB5");
    expect(dump, "print\tlandscape\t9\tTRUE\t\t0\t$1:$4");
    expect(dump, "footer\tExempelkommun\tSida &P av &N\t");
    expect(dump, "outline\t6\t1");
    expect(dump, "outline\t8\t3");
    expect(dump, "height\t4\t45");
    /* the control character is written as Excel's escape _x0001_, which Excel decodes; openpyxl
     * 3.0 decodes it in shared strings only, and shows an inline string's escape as it is */
    expect(dump, "cell\tA1\ts\tRubrik <1> & \"2\"_x0001_\tRubrik <1> & \"2\"_x0001_\tGeneral");
    expect(dump, "cell\tB4\ts\tAck utfall\tAck utfall\tGeneral");
    expect(dump, "cell\tC4\ts\tAck budget\tAck budget\tGeneral");
    expect(dump, "cell\tA5\ts\t indraget \t indraget \tGeneral");
    expect(dump, "cell\tB5\tn\t-493826.8\t-493826.8\t#,##0;-#,##0");
    expect(dump, "cell\tC5\tn\t0.4\t0.4\tGeneral");
    expect(dump, "cell\tB9\tf\t=SUM(B5:B8)\t-2716047.4\t#,##0;-#,##0");
    expect(dump, "cell\tC9\tf\t=IF(B9<0,\"under\",\"över\")\tunder\tGeneral");
    expect(dump, "cell\tD9\tf\t=C5+C6\t0.9\tGeneral");
    expect(dump, "cell\tA10\tn\t46363\t46363\tGeneral");
    expect(dump, "merge\tA11:D11\t1");
    expect(dump, "cf\tB5:B8 C5:C8\t\tB5<-ABS($D5)*0.01\tFFFFC7CE");
    expect(dump, "cf\tB5:B8 C5:C8\tlessThan\t-500\tFFFFC7CE");
    expect(dump, "cf\tB5:B8 C5:C8\tbetween\t-500,2.5\tFFC6EFCE");
    expect(dump, "name\tAck_utfall\t-\t'Översikt'!$B$9");
    expect(dump, "name\tAck_utfall\tVård & omsorg\t'Vård & omsorg'!$B$9");
    expect(dump, "props\tBudget & utfall\tBudgetuppföljning\tAnna Öberg\t2026-12-07T00:00:00\tExempelkommun");
    expect(dump, "xmlnumbers\t0");
    ck_assert_ptr_null(strstr(dump, "\nfel"));
    free(dump);
  }
  if (have_python()) {
    char *xml = part(path, "xl/worksheets/sheet1.xml");
    /* exact decimals from the steps, cells in column order, inline strings, the head written
     * after the rows were (dimension, deepest outline level) */
    expect_in(xml, "<dimension ref=\"A1:D11\"/>");
    expect_in(xml, "<sheetFormatPr defaultRowHeight=\"15\" outlineLevelRow=\"3\"/>");
    expect_in(xml, "<col min=\"1\" max=\"1\" width=\"44.7109375\" customWidth=\"1\"/>");
    expect_in(xml, "<row r=\"4\" ht=\"45\" customHeight=\"1\"><c r=\"B4\" t=\"inlineStr\"><is><t>Ack utfall</t></is></c>"
                   "<c r=\"C4\" t=\"inlineStr\"><is><t>Ack budget</t></is></c></row>");
    expect_in(xml, "<v>-493826.8</v>");
    expect_in(xml, "<f>SUM(B5:B8)</f><v>-2716047.4</v>");
    expect_in(xml, "<t>Rubrik &lt;1&gt; &amp; \"2\"_x0001_</t>");
    expect_in(xml, "<t xml:space=\"preserve\"> indraget </t>");
    expect_in(xml, "<drawing r:id=\"rId1\"/>");
    free(xml);
    char *ct = part(path, "[Content_Types].xml");
    expect_in(ct, "/xl/worksheets/sheet2.xml");
    expect_in(ct, "/xl/charts/chart1.xml");
    expect_in(ct, "/xl/drawings/drawing1.xml");
    free(ct);
    char *rels = part(path, "xl/worksheets/_rels/sheet1.xml.rels");
    expect_in(rels, "Target=\"../drawings/drawing1.xml\"");
    free(rels);
  }
  testutil_tmpdir_remove();
}
END_TEST

/* The same content twice gives the same bytes (a fixed creation time). */
START_TEST(test_deterministic)
{
  testutil_tmpdir_make("xlw");
  char a[512], b[512];
  snprintf(a, sizeof a, "%s", testutil_tmp_path("a.xlsx"));
  snprintf(b, sizeof b, "%s", testutil_tmp_path("b.xlsx"));
  book_ctx ca = {a}, cb = {b};
  T_OK(write_book(&ca));
  T_OK(write_book(&cb));
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
  ck_assert_int_eq(system(cmd), 0);
  testutil_tmpdir_remove();
}
END_TEST

/* Rows do not go back; bad values are refused with a message naming the sheet and cell; after a
 * failure the book only discards. */
START_TEST(test_rules)
{
  testutil_tmpdir_make("xlw");
  tertial__xlw_book *b = NULL;
  tertial__xlw_sheet *s = NULL;
  T_OK(tertial__xlw_open(&b, testutil_tmp_path("r.xlsx"), NULL));
  T_OK(tertial__xlw_sheet_add(b, "Blad", &s));
  T_OK(tertial__xlw_number(s, 5, 0, 1, 0));
  T_ERR(tertial__xlw_number(s, 4, 0, 1, 0), TERTIAL_ERR_STATE);
  ck_assert_str_eq(tertial_error_last(), "xlsx: sheet Blad: row 5 written after row 6");
  T_ERR(tertial__xlw_number(s, 6, 0, 1, 0), TERTIAL_ERR_STATE); /* the book failed */
  tertial__xlw_discard(b);

  T_OK(tertial__xlw_open(&b, testutil_tmp_path("r.xlsx"), NULL));
  T_OK(tertial__xlw_sheet_add(b, "Blad", &s));
  double zero = 0;
  T_ERR(tertial__xlw_number(s, 2, 3, 1 / zero, 0), TERTIAL_ERR_RANGE);
  ck_assert_str_eq(tertial_error_last(), "xlsx: sheet Blad, cell D3: not a finite number");
  tertial__xlw_discard(b);

  T_OK(tertial__xlw_open(&b, testutil_tmp_path("r.xlsx"), NULL));
  T_OK(tertial__xlw_sheet_add(b, "Blad", &s));
  T_ERR(tertial__xlw_number(s, TERTIAL__XLW_ROW_MAX, 0, 1, 0), TERTIAL_ERR_RANGE);
  tertial__xlw_discard(b);

  /* a text that is not UTF-8 */
  T_OK(tertial__xlw_open(&b, testutil_tmp_path("r.xlsx"), NULL));
  T_OK(tertial__xlw_sheet_add(b, "Blad", &s));
  T_ERR(tertial__xlw_string(s, 1, 2, "caf\xE9", 0), TERTIAL_ERR_INVALID);
  ck_assert_str_eq(tertial_error_last(), "xlsx: sheet Blad, cell C2: the text is not valid UTF-8");
  tertial__xlw_discard(b);

  /* a cell holds at most 32 767 characters of UTF-16: a character above U+FFFF counts twice */
  char *text = malloc(4 * 16384 + 1);
  ck_assert_ptr_nonnull(text);
  memset(text, 'x', 32767);
  text[32767] = 0;
  T_OK(tertial__xlw_open(&b, testutil_tmp_path("r.xlsx"), NULL));
  T_OK(tertial__xlw_sheet_add(b, "Blad", &s));
  T_OK(tertial__xlw_string(s, 0, 0, text, 0));
  strcpy(text + 32767, "y");
  T_ERR(tertial__xlw_string(s, 1, 0, text, 0), TERTIAL_ERR_RANGE);
  ck_assert_str_eq(tertial_error_last(), "xlsx: sheet Blad, cell A2: a text of 32768 characters; a cell holds at most 32 767");
  tertial__xlw_discard(b);
  for (int i = 0; i < 16384; i++)
    memcpy(text + 4 * i, "\xF0\x9F\x98\x80", 4); /* U+1F600 */
  text[4 * 16384] = 0;
  T_OK(tertial__xlw_open(&b, testutil_tmp_path("r.xlsx"), NULL));
  T_OK(tertial__xlw_sheet_add(b, "Blad", &s));
  T_ERR(tertial__xlw_string(s, 0, 0, text, 0), TERTIAL_ERR_RANGE);
  ck_assert_str_eq(tertial_error_last(), "xlsx: sheet Blad, cell A1: a text of 32768 characters; a cell holds at most 32 767");
  tertial__xlw_discard(b);
  text[4 * 16383] = 0; /* 32 766 */
  T_OK(tertial__xlw_open(&b, testutil_tmp_path("r.xlsx"), NULL));
  T_OK(tertial__xlw_sheet_add(b, "Blad", &s));
  T_OK(tertial__xlw_string(s, 0, 0, text, 0));
  tertial__xlw_discard(b);
  free(text);

  T_OK(tertial__xlw_open(&b, testutil_tmp_path("r.xlsx"), NULL));
  T_ERR(tertial__xlw_close(b), TERTIAL_ERR_INVALID); /* no sheet */
  ck_assert_str_eq(tertial_error_last(), "xlsx: a workbook needs at least one sheet");
  testutil_tmpdir_remove();
}
END_TEST

/* Numbers: the shortest text that reads back as the same double, in the C locale even under a
 * Swedish one (decimal comma); decimals exact at any size. */
START_TEST(test_numbers)
{
  testutil_tmpdir_make("xlw");
  char path[512];
  snprintf(path, sizeof path, "%s", testutil_tmp_path("n.xlsx"));
  const char *old = setlocale(LC_NUMERIC, NULL);
  char saved[64];
  snprintf(saved, sizeof saved, "%s", old ? old : "C");
  int swedish = setlocale(LC_NUMERIC, "sv_SE.UTF-8") != NULL;
  tertial__xlw_book *b = NULL;
  tertial__xlw_sheet *s = NULL;
  T_OK(tertial__xlw_open(&b, path, NULL));
  T_OK(tertial__xlw_sheet_add(b, "Tal", &s));
  T_OK(tertial__xlw_number(s, 0, 0, 0.1 + 0.2, 0));
  T_OK(tertial__xlw_number(s, 0, 1, 1e-7, 0));
  T_OK(tertial__xlw_number(s, 0, 2, -2.5, 0));
  T_OK(tertial__xlw_number(s, 0, 3, 123456789012345.0, 0));
  T_OK(tertial__xlw_decimal(s, 1, 0, INT64_MIN, 2, 0));
  T_OK(tertial__xlw_decimal(s, 1, 1, 5, 3, 0));
  T_OK(tertial__xlw_decimal(s, 1, 2, -120, 2, 0));
  T_OK(tertial__xlw_decimal(s, 1, 3, 0, 3, 0));
  T_OK(tertial__xlw_close(b));
  setlocale(LC_NUMERIC, saved);
  if (!swedish)
    fprintf(stderr, "# the sv_SE.UTF-8 locale is missing: numbers checked in the C locale only\n");
  if (have_python()) {
    char *xml = part(path, "xl/worksheets/sheet1.xml");
    expect_in(xml, "<c r=\"A1\"><v>0.30000000000000004</v></c><c r=\"B1\"><v>1e-07</v></c>"
                   "<c r=\"C1\"><v>-2.5</v></c><c r=\"D1\"><v>123456789012345</v></c>");
    expect_in(xml, "<c r=\"A2\"><v>-92233720368547758.08</v></c><c r=\"B2\"><v>0.005</v></c>"
                   "<c r=\"C2\"><v>-1.2</v></c><c r=\"D2\"><v>0</v></c>");
    free(xml);
  }
  testutil_tmpdir_remove();
}
END_TEST

/* A sheet of 150 000 rows: its rows pass through the deflate buffers many times; zipfile checks
 * the CRC of the sheet assembled from its head, rows and tail, and the last row is there. */
START_TEST(test_big_sheet)
{
  testutil_tmpdir_make("xlw");
  char path[512];
  snprintf(path, sizeof path, "%s", testutil_tmp_path("big.xlsx"));
  tertial__xlw_book *b = NULL;
  tertial__xlw_sheet *s = NULL;
  T_OK(tertial__xlw_open(&b, path, NULL));
  T_OK(tertial__xlw_sheet_add(b, "Stor", &s));
  T_OK(tertial__xlw_freeze(s, 1, 0));
  for (uint32_t r = 0; r < 150000; r++) {
    char text[32];
    snprintf(text, sizeof text, "enhet %u", r);
    T_OK(tertial__xlw_string(s, r, 0, text, 0));
    T_OK(tertial__xlw_decimal(s, r, 1, (int64_t)r * 1001, 2, 0));
  }
  T_OK(tertial__xlw_sheet_add(b, "Liten", &s));
  T_OK(tertial__xlw_number(s, 0, 0, 7, 0));
  T_OK(tertial__xlw_close(b));
  if (have_python()) {
    char *xml = part(path, "xl/worksheets/sheet1.xml");
    expect_in(xml, "<dimension ref=\"A1:B150000\"/>");
    expect_in(xml, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>");
    expect_in(xml, "<row r=\"150000\"><c r=\"A150000\" t=\"inlineStr\"><is><t>enhet 149999</t></is></c>"
                   "<c r=\"B150000\"><v>1501489.99</v></c></row></sheetData>");
    free(xml);
    /* more than SPILL_AT (1 MiB) of deflated rows: the sheet went through the temporary file */
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c 'import sys, zipfile; i = zipfile.ZipFile(sys.argv[1]).getinfo(\"xl/worksheets/sheet1.xml\"); "
             "print(\"spilled\" if i.compress_size > 1048576 else i.compress_size)' '%s'",
             path);
    char *size = run(cmd);
    expect(size, "spilled");
    free(size);
    char *xml2 = part(path, "xl/worksheets/sheet2.xml");
    expect_in(xml2, "<c r=\"A1\"><v>7</v></c>");
    free(xml2);
  }
  testutil_tmpdir_remove();
}
END_TEST

/* Every allocation of a whole workbook (zlib's too) failing in turn: out of memory and nothing
 * kept, no file descriptor left open; then the same bytes as a normal run. */
START_TEST(test_out_of_memory)
{
  if (!failalloc_works())
    return;
  testutil_tmpdir_make("xlw");
  char path[512], ref[512];
  snprintf(path, sizeof path, "%s", testutil_tmp_path("oom.xlsx"));
  snprintf(ref, sizeof ref, "%s", testutil_tmp_path("ref.xlsx"));
  book_ctx r = {ref};
  T_OK(write_book(&r));
  int fds = open_fds();
  book_ctx c = {path};
  long points = failalloc_each(write_book, no_drop, &c);
  ck_assert_int_eq(open_fds(), fds);
  ck_assert_int_gt(points, 40);
  fprintf(stderr, "# %ld failure points\n", points);
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", path, ref);
  ck_assert_int_eq(system(cmd), 0);
  testutil_tmpdir_remove();
}
END_TEST

/* Two entries: one fed whole; one a head deflated with a sync flush, a middle deflated on its own
 * stream (as a sheet's rows are), and a tail. */
static void zip_entries(tertial__zipw *z)
{
  static const char mid[] = "middle middle middle ";
  T_OK(tertial__zipw_put(z, "a.txt", "alfa alfa alfa\n", 15));
  T_OK(tertial__zipw_begin(z, "dir/b.txt"));
  T_OK(tertial__zipw_deflate(z, "head ", 5, Z_SYNC_FLUSH));
  z_stream s;
  T_OK(tertial__zipw_deflater(&s, 6));
  unsigned char out[256];
  s.next_in = (Bytef *)mid;
  s.avail_in = sizeof mid - 1;
  s.next_out = out;
  s.avail_out = sizeof out;
  ck_assert_int_eq(deflate(&s, Z_SYNC_FLUSH), Z_OK);
  size_t n = sizeof out - s.avail_out;
  deflateEnd(&s);
  T_OK(tertial__zipw_raw(z, out, n, crc32(0, (const Bytef *)mid, sizeof mid - 1), sizeof mid - 1));
  T_OK(tertial__zipw_deflate(z, "tail", 4, Z_NO_FLUSH));
  T_OK(tertial__zipw_end(z));
}

START_TEST(test_zip)
{
  testutil_tmpdir_make("xlw");
  char path[512];
  snprintf(path, sizeof path, "%s", testutil_tmp_path("z.zip"));
  tertial__zipw *z = NULL;
  /* an entry ended twice: the second is refused, and the file can then only be discarded */
  T_OK(tertial__zipw_open(&z, path, NULL, 6, 1796601600));
  zip_entries(z);
  T_ERR(tertial__zipw_end(z), TERTIAL_ERR_STATE);
  T_ERR(tertial__zipw_begin(z, "c.txt"), TERTIAL_ERR_STATE);
  tertial__zipw_discard(z);

  T_OK(tertial__zipw_open(&z, path, NULL, 6, 1796601600));
  zip_entries(z);
  T_OK(tertial__zipw_close(z));
  if (have_python()) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; "
             "[print(i.filename, i.file_size, i.date_time, repr(z.read(i).decode())) for i in z.infolist()]' '%s'",
             path);
    char *got = run(cmd);
    expect(got, "a.txt 15 (2026, 12, 7, 0, 0, 0) 'alfa alfa alfa\\n'");
    expect(got, "dir/b.txt 30 (2026, 12, 7, 0, 0, 0) 'head middle middle middle tail'");
    free(got);
  }
  /* the same zip in memory has the file's bytes, and a NUL after them */
  char *mem = NULL;
  size_t nmem = 0;
  T_OK(tertial__zipw_open_memory(&z, &mem, &nmem, 6, 1796601600));
  zip_entries(z);
  T_OK(tertial__zipw_close(z));
  FILE *f = fopen(path, "rb");
  ck_assert_ptr_nonnull(f);
  char file[1024];
  size_t nfile = fread(file, 1, sizeof file, f);
  fclose(f);
  ck_assert_uint_eq(nmem, nfile);
  ck_assert_mem_eq(mem, file, nfile);
  ck_assert_int_eq(mem[nmem], 0);
  free(mem);
  /* given up, a zip in memory leaves nothing */
  T_OK(tertial__zipw_open_memory(&z, &mem, &nmem, 6, 1796601600));
  T_OK(tertial__zipw_put(z, "a.txt", "alfa", 4));
  tertial__zipw_discard(z);
  ck_assert_ptr_null(mem);
  ck_assert_uint_eq(nmem, 0);
  /* a file that cannot be created */
  T_ERR(tertial__zipw_open(&z, "/nonexistent-dir/x.zip", NULL, 6, 0), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "cannot create /nonexistent-dir/x.zip"));
  testutil_tmpdir_remove();
}
END_TEST

static Suite *suite(void)
{
  Suite *s = suite_create("xlsx_write");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_read_back);
  tcase_add_test(tc, test_deterministic);
  tcase_add_test(tc, test_rules);
  tcase_add_test(tc, test_numbers);
  tcase_add_test(tc, test_big_sheet);
  tcase_add_test(tc, test_out_of_memory);
  tcase_add_test(tc, test_zip);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return testutil_run(suite());
}
