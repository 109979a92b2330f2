/* Tests of the table reader (CSV and xlsx: encodings, quoting, positions, broken files) and of
 * the import of organisation, accounts, budget and outcome: real-looking files, every kind of
 * bad input with its message and an unchanged model, re-imports and dry runs that change
 * nothing, and the demo municipality rebuilt from CSV files written from it. */
#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "table_internal.h"

#include <zip.h>

#define FIXTURES TERTIAL_SOURCE_ROOT "/tests/fixtures/import/"

/* ---- helpers ---- */

static tertial_model *empty_model(void)
{
  tertial_model *m = NULL;
  T_OK(tertial_model_new(&m, 2026, 1));
  return m;
}

/* Import CSV text; returns the library's code, *out the result (freed by the caller). */
static int import_text(tertial_import **out, tertial_model *m, const char *text, tertial_import_kind kind, int dry)
{
  tertial_import_options o = TERTIAL_IMPORT_OPTIONS_INIT;
  o.dry_run = dry;
  return tertial_import_csv(out, m, text, strlen(text), "t.csv", kind, &o);
}

/* Import text that must succeed; returns its summary (copied). */
static tertial_import_summary import_ok(tertial_model *m, const char *text, tertial_import_kind kind, int dry)
{
  tertial_import *imp = NULL;
  int rc = import_text(&imp, m, text, kind, dry);
  ck_assert_msg(rc == 0, "import returned %d: %s", rc, tertial_error_last());
  tertial_import_summary s = *tertial_import_summary_of(imp);
  tertial_import_free(imp);
  return s;
}

/* Everything an import can change, as text: the units (code, parent, name, level, manager), the
 * accounts, and every own amount of outcome and the current budget. */
static char *model_text(tertial_model *m)
{
  GString *s = g_string_new(NULL);
  tertial_org *org = tertial_model_org(m);
  tertial_chart *chart = tertial_model_chart(m);
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(org); u++) {
    const tertial_unit *unit = tertial_org_unit(org, u);
    tertial_unit_id p;
    T_OK(tertial_org_parent(&p, org, u, 202612));
    g_string_append_printf(s, "unit %s;%s;%s;%d;%s\n", unit->code,
                           p == TERTIAL_NO_UNIT ? "" : tertial_org_unit(org, p)->code, unit->name, unit->level,
                           unit->manager);
  }
  for (tertial_account_id a = 0; a < tertial_chart_count(chart); a++) {
    const tertial_account *acc = tertial_chart_account(chart, a);
    g_string_append_printf(s, "account %s;%s;%d;%d\n", acc->number, acc->name, (int)acc->type, acc->internal);
  }
  int measures[3] = {TERTIAL_MEASURE_OUTCOME, TERTIAL_MEASURE_PRIOR, tertial_model_current_budget(m)};
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(org); u++)
    for (tertial_account_id a = 0; a < tertial_chart_count(chart); a++)
      for (int k = 0; k < 3; k++)
        for (int mo = 0; mo < 12; mo++) {
          int64_t v;
          T_OK(tertial_ledger_get(&v, tertial_model_ledger(m), u, a, mo, measures[k]));
          if (v)
            g_string_append_printf(s, "amount %u;%u;%d;%d;%lld\n", u, a, k, mo, (long long)v);
        }
  return g_string_free(s, FALSE);
}

/* Import text that must fail: the first error must contain `expected`, and the model must be
 * as it was. */
static void import_fails(tertial_model *m, const char *text, tertial_import_kind kind, const char *expected,
                         size_t errors)
{
  char *before = model_text(m);
  tertial_import *imp = NULL;
  int rc = import_text(&imp, m, text, kind, 0);
  ck_assert_msg(rc == TERTIAL_ERR_PARSE, "import returned %d (%s), expected a parse error", rc, tertial_error_last());
  ck_assert_ptr_nonnull(imp);
  ck_assert_msg(strstr(tertial_import_error(imp, 0), expected), "first error \"%s\" lacks \"%s\"",
                tertial_import_error(imp, 0), expected);
  ck_assert_msg(tertial_import_error_count(imp) == errors, "%zu errors, expected %zu; the first: %s",
                tertial_import_error_count(imp), errors, tertial_import_error(imp, 0));
  ck_assert_msg(strstr(tertial_error_last(), tertial_import_error(imp, 0)), "last error: %s", tertial_error_last());
  ck_assert_int_eq(tertial_import_summary_of(imp)->applied, 0);
  tertial_import_free(imp);
  char *after = model_text(m);
  ck_assert_str_eq(after, before);
  g_free(before);
  g_free(after);
}

static const char *const org_csv =
  "Kod;Förälder;Namn;Nivå;Chef\n"
  "K;;Exempelkommun;kommun;\n"
  "SN;K;Socialnämnden;;Anna Ek\n"
  "IFO;SN;Individ- och familjeomsorg;Verksamhet;\n"
  "6410;IFO;HVB barn och unga;;Bo Ek\n"
  "6420;IFO;Försörjningsstöd;3;\n";

static const char *const accounts_csv =
  "konto,namn,typ,intern\n"
  "3511,Bidrag,,\n"
  "4610,Köp av verksamhet,K,\n"
  "6110,Hyror,kostnad,ja\n"
  "1930,Bank,,\n";

/* The model with org_csv and accounts_csv imported. */
static tertial_model *base_model(void)
{
  tertial_model *m = empty_model();
  import_ok(m, org_csv, TERTIAL_IMPORT_ORGANISATION, 0);
  import_ok(m, accounts_csv, TERTIAL_IMPORT_ACCOUNTS, 0);
  return m;
}

static tertial_unit_id unit_of(tertial_model *m, const char *code)
{
  tertial_unit_id u = TERTIAL_NO_UNIT;
  T_OK(tertial_org_find(&u, tertial_model_org(m), code));
  return u;
}

static tertial_account_id account_of(tertial_model *m, const char *number)
{
  tertial_account_id a = 0;
  T_OK(tertial_chart_find(&a, tertial_model_chart(m), number));
  return a;
}

static int64_t amount(tertial_model *m, const char *unit, const char *number, int month, int measure)
{
  int64_t v = -1;
  T_OK(tertial_ledger_get(&v, tertial_model_ledger(m), unit_of(m, unit), account_of(m, number), month, measure));
  return v;
}

/* Long texts equal; otherwise the first line that differs. */
static void assert_same_text(const char *got, const char *want)
{
  size_t i = 0, line = 1;
  while (got[i] && got[i] == want[i])
    line += got[i++] == '\n';
  if (!got[i] && !want[i])
    return;
  size_t start = i;
  while (start && got[start - 1] != '\n')
    start--;
  ck_abort_msg("line %zu differs: got \"%.80s\", expected \"%.80s\"", line, got + start, want + start);
}

/* ---- the CSV reader ---- */

START_TEST(test_csv_quotes_lines_positions)
{
  const char text[] = "\xEF\xBB\xBF" "a;b;c\r\n1;\"x;\"\"y\"\"\";3\r\n\"two\nlines\";;\"q\"r\r\n";
  tertial__table *t = NULL;
  T_OK(tertial__table_read_csv(&t, text, sizeof text - 1, "f.csv"));
  ck_assert_str_eq(t->encoding, "UTF-8 with BOM");
  ck_assert_uint_eq(t->nrows, 3);
  ck_assert_str_eq(tertial__table_cell(t, 0, 0), "a");
  ck_assert_str_eq(tertial__table_cell(t, 1, 1), "x;\"y\"");
  ck_assert_str_eq(tertial__table_cell(t, 2, 0), "two\nlines");
  ck_assert_str_eq(tertial__table_cell(t, 2, 1), "");
  ck_assert_str_eq(tertial__table_cell(t, 2, 2), "qr");
  ck_assert_str_eq(tertial__table_cell(t, 2, 7), "");
  char where[64];
  tertial__table_where(where, sizeof where, t, 1, 2);
  ck_assert_str_eq(where, "f.csv:2:3");
  /* the row after a quoted line break starts on line 3 and its last cell is on line 4 */
  tertial__table_where(where, sizeof where, t, 2, 2);
  ck_assert_str_eq(where, "f.csv:4:3");
  tertial__table_free(t);
}
END_TEST

START_TEST(test_csv_comma_and_windows_1252)
{
  /* Excel's "CSV (semicolon separated)" in Sweden: Windows-1252, no BOM */
  const char text[] = "Kod;F\xF6r\xE4lder;Namn\r\nSN;K;Socialn\xE4mnden \x96 \x80\r\n";
  tertial__table *t = NULL;
  T_OK(tertial__table_read_csv(&t, text, sizeof text - 1, "w.csv"));
  ck_assert_str_eq(t->encoding, "Windows-1252");
  ck_assert_str_eq(tertial__table_cell(t, 0, 1), "Förälder");
  ck_assert_str_eq(tertial__table_cell(t, 1, 2), "Socialnämnden – €");
  tertial__table_free(t);
  /* a title without delimiters above a ';' header */
  const char titled[] = "Budget 2026, Lillby kommun\nEnhet;Konto;Belopp\n6410;4610;1,5\n";
  T_OK(tertial__table_read_csv(&t, titled, sizeof titled - 1, "t.csv"));
  ck_assert_str_eq(tertial__table_cell(t, 2, 2), "1,5");
  tertial__table_free(t);
  /* Excel's "sep=" line names the delimiter and is no row; lines count from it */
  const char sep[] = "sep=,\r\nkonto;namn,typ\r\n3011;a,I\r\n";
  T_OK(tertial__table_read_csv(&t, sep, sizeof sep - 1, "s.csv"));
  ck_assert_uint_eq(t->nrows, 2);
  ck_assert_str_eq(tertial__table_cell(t, 1, 0), "3011;a");
  char at[64];
  tertial__table_where(at, sizeof at, t, 1, 1);
  ck_assert_str_eq(at, "s.csv:3:2");
  tertial__table_free(t);
  const char comma[] = "konto,namn\n3011,\"Taxor, avgifter\"\n";
  T_OK(tertial__table_read_csv(&t, comma, sizeof comma - 1, "c.csv"));
  ck_assert_str_eq(t->encoding, "UTF-8");
  ck_assert_str_eq(tertial__table_cell(t, 1, 1), "Taxor, avgifter");
  tertial__table_free(t);
}
END_TEST

START_TEST(test_csv_broken)
{
  tertial__table *t = NULL;
  const char open[] = "a;b\n1;\"never closed\n2;3\n";
  T_ERR(tertial__table_read_csv(&t, open, sizeof open - 1, "o.csv"), TERTIAL_ERR_PARSE);
  ck_assert_str_eq(tertial_error_last(), "o.csv:2: a quoted field is not closed (expected '\"' before the end of "
                                         "the file)");
  ck_assert_ptr_null(t);
  const char nul[] = "a;b\n1;2\0\n";
  T_ERR(tertial__table_read_csv(&t, nul, sizeof nul - 1, "n.csv"), TERTIAL_ERR_PARSE);
  ck_assert_msg(strstr(tertial_error_last(), "n.csv:2: a NUL byte"), "%s", tertial_error_last());
  /* a BOM says UTF-8: a bad byte after it is an error, not Windows-1252 */
  const char bad[] = "\xEF\xBB\xBFkod\nF\xF6\n";
  T_ERR(tertial__table_read_csv(&t, bad, sizeof bad - 1, "b.csv"), TERTIAL_ERR_PARSE);
  ck_assert_msg(strstr(tertial_error_last(), "b.csv:2: byte 0xF6 is neither UTF-8"), "%s", tertial_error_last());
  /* 0x81 is no Windows-1252 character either; the message names its line, not the first byte
   * that is not UTF-8 */
  const char undefined[] = "kod\n\xF6\n\x81\n";
  T_ERR(tertial__table_read_csv(&t, undefined, sizeof undefined - 1, "u.csv"), TERTIAL_ERR_PARSE);
  ck_assert_msg(strstr(tertial_error_last(), "u.csv:3: byte 0x81 is neither UTF-8 nor Windows-1252"), "%s",
                tertial_error_last());
  /* every Windows-1252 character converts as iconv converts it (the reader does it without GLib,
   * which aborts when memory runs out) */
  char all[256];
  size_t k = 0;
  for (int c = 0x80; c <= 0xFF; c++)
    if (c != 0x81 && c != 0x8D && c != 0x8F && c != 0x90 && c != 0x9D)
      all[k++] = (char)c;
  all[k] = '\0';
  char *want = g_convert(all, (gssize)k, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  ck_assert_ptr_nonnull(want);
  GString *file = g_string_new("kod\n\"");
  g_string_append(file, all);
  g_string_append(file, "\"\n");
  T_OK(tertial__table_read_csv(&t, file->str, file->len, "all.csv"));
  ck_assert_str_eq(t->encoding, "Windows-1252");
  ck_assert_str_eq(tertial__table_cell(t, 1, 0), want);
  tertial__table_free(t);
  g_free(want);
  g_string_free(file, TRUE);
}
END_TEST


/* ---- xlsx ---- */

START_TEST(test_xlsx_handmade_cells)
{
  /* rich-text and phonetic runs, inline strings, an exponent, gaps, a formula, a boolean */
  tertial__table *t = NULL;
  T_ERR(tertial__table_read_xlsx(&t, FIXTURES "utfall-blandat.xlsx", "Nej"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_str_eq(tertial_error_last(), FIXTURES "utfall-blandat.xlsx: no sheet \"Nej\"; the sheets are \"Läs mig\", "
                                         "\"Utfall\"");
  T_OK(tertial__table_read_xlsx(&t, FIXTURES "utfall-blandat.xlsx", NULL));
  ck_assert_str_eq(tertial__table_cell(t, 0, 0), "Utfallet ligger på fliken Utfall");
  tertial__table_free(t);
  T_OK(tertial__table_read_xlsx(&t, FIXTURES "utfall-blandat.xlsx", "Utfall"));
  ck_assert_str_eq(t->encoding, "xlsx");
  ck_assert_uint_eq(t->nrows, 4);
  ck_assert_str_eq(tertial__table_cell(t, 0, 0), "Enhet");
  ck_assert_str_eq(tertial__table_cell(t, 0, 2), " Månad ");
  ck_assert_str_eq(tertial__table_cell(t, 0, 4), "");
  ck_assert_str_eq(tertial__table_cell(t, 0, 5), "Kommentar & not");
  ck_assert_str_eq(tertial__table_cell(t, 1, 0), "6410");
  ck_assert_str_eq(tertial__table_cell(t, 1, 3), "123450");
  ck_assert_str_eq(tertial__table_cell(t, 2, 2), "2026-02");
  ck_assert_str_eq(tertial__table_cell(t, 2, 3), "-1500.25");
  ck_assert_str_eq(tertial__table_cell(t, 3, 3), "0.25");
  ck_assert_str_eq(tertial__table_cell(t, 3, 5), "TRUE");
  char where[256];
  tertial__table_where(where, sizeof where, t, 3, 3);
  ck_assert_str_eq(where, FIXTURES "utfall-blandat.xlsx:Utfall!D6");
  tertial__table_free(t);
}
END_TEST

START_TEST(test_xlsx_libreoffice_import)
{
  tertial_model *m = empty_model();
  tertial_import *imp = NULL;
  T_OK(tertial_import_file(&imp, m, FIXTURES "organisation-excel.csv", TERTIAL_IMPORT_ORGANISATION, NULL));
  ck_assert_str_eq(tertial_import_encoding(imp), "Windows-1252");
  ck_assert_uint_eq(tertial_import_summary_of(imp)->units_added, 7);
  tertial_import_free(imp);
  ck_assert_str_eq(tertial_org_unit(tertial_model_org(m), unit_of(m, "KS"))->manager, "Åsa Öberg");
  ck_assert_str_eq(tertial_org_unit(tertial_model_org(m), unit_of(m, "6420"))->name,
                   "Försörjningsstöd – ekonomiskt bistånd");
  T_OK(tertial_import_file(&imp, m, FIXTURES "konton-bom.csv", TERTIAL_IMPORT_ACCOUNTS, NULL));
  ck_assert_str_eq(tertial_import_encoding(imp), "UTF-8 with BOM");
  tertial_import_free(imp);
  ck_assert_str_eq(tertial_chart_account(tertial_model_chart(m), account_of(m, "6110"))->name, "Lokalhyror, interna");
  T_OK(tertial_import_file(&imp, m, FIXTURES "budget-lo.xlsx", TERTIAL_IMPORT_BUDGET, NULL));
  ck_assert_str_eq(tertial_import_encoding(imp), "xlsx");
  ck_assert_int_eq(tertial_import_summary_of(imp)->amount_total, KR(4080000));
  tertial_import_free(imp);
  int b = tertial_model_current_budget(m);
  ck_assert_int_eq(amount(m, "KLF", "5011", 6, b), KR(200000));
  ck_assert_int_eq(amount(m, "6410", "3511", 0, b), KR(-20000));
  T_OK(tertial_import_file(&imp, m, FIXTURES "utfall-lo.xlsx", TERTIAL_IMPORT_OUTCOME, NULL));
  ck_assert_int_eq(tertial_import_summary_of(imp)->amount_total, 69975050);
  tertial_import_free(imp);
  ck_assert_int_eq(amount(m, "6410", "4610", 1, TERTIAL_MEASURE_OUTCOME), 10125050);
  /* the second sheet of the hand-made workbook replaces three months */
  tertial_import_options o = TERTIAL_IMPORT_OPTIONS_INIT;
  o.sheet = "Utfall";
  T_OK(tertial_import_file(&imp, m, FIXTURES "utfall-blandat.xlsx", TERTIAL_IMPORT_OUTCOME, &o));
  ck_assert_int_eq(tertial_import_summary_of(imp)->change_total, KR(23450));
  tertial_import_free(imp);
  ck_assert_int_eq(amount(m, "6410", "4610", 0, TERTIAL_MEASURE_OUTCOME), KR(123450));
  ck_assert_int_eq(amount(m, "6420", "4610", 2, TERTIAL_MEASURE_OUTCOME), 25);
  /* the first sheet has no such columns: every error names the sheet's row */
  char *before = model_text(m);
  T_ERR(tertial_import_file(&imp, m, FIXTURES "utfall-blandat.xlsx", TERTIAL_IMPORT_OUTCOME, NULL),
        TERTIAL_ERR_PARSE);
  ck_assert_uint_eq(tertial_import_error_count(imp), 4);
  ck_assert_msg(strstr(tertial_import_error(imp, 0), "utfall-blandat.xlsx:Läs mig!1:1: no column for the unit code"),
                "%s", tertial_import_error(imp, 0));
  tertial_import_free(imp);
  char *after = model_text(m);
  ck_assert_str_eq(after, before);
  g_free(after);
  g_free(before);
  tertial_model_free(m);
}
END_TEST

/* A workbook of the given parts (name, text; NULL-terminated) at path. */
static void write_xlsx(const char *path, const char *const *parts)
{
  zipFile z = zipOpen(path, APPEND_STATUS_CREATE);
  ck_assert_ptr_nonnull(z);
  for (size_t i = 0; parts[i]; i += 2) {
    zip_fileinfo info = {0};
    ck_assert_int_eq(zipOpenNewFileInZip(z, parts[i], &info, NULL, 0, NULL, 0, NULL, Z_DEFLATED, 6), ZIP_OK);
    ck_assert_int_eq(zipWriteInFileInZip(z, parts[i + 1], (unsigned)strlen(parts[i + 1])), ZIP_OK);
    ck_assert_int_eq(zipCloseFileInZip(z), ZIP_OK);
  }
  ck_assert_int_eq(zipClose(z, NULL), ZIP_OK);
}

#define WB "<workbook><sheets><sheet name=\"Blad1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"

static void xlsx_fails(const char *sheet_xml, const char *strings, const char *expected)
{
  char *dir = g_dir_make_tmp("tertial-import-XXXXXX", NULL);
  char *path = g_build_filename(dir, "b.xlsx", NULL);
  const char *parts[] = {"xl/workbook.xml", WB, "xl/_rels/workbook.xml.rels", RELS, "xl/worksheets/sheet1.xml",
                         sheet_xml, strings ? "xl/sharedStrings.xml" : NULL, strings, NULL};
  write_xlsx(path, parts);
  tertial__table *t = NULL;
  int rc = tertial__table_read_xlsx(&t, path, NULL);
  ck_assert_msg(rc == TERTIAL_ERR_PARSE, "returned %d: %s", rc, tertial_error_last());
  ck_assert_msg(strstr(tertial_error_last(), expected), "\"%s\" lacks \"%s\"", tertial_error_last(), expected);
  ck_assert_ptr_null(t);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
}

/* A file that is no table at all is an error of the import like any other: listed, model unchanged. */
START_TEST(test_unreadable_file_is_listed)
{
  tertial_model *m = base_model();
  import_fails(m, "kod;namn\nX;\"open\n", TERTIAL_IMPORT_ORGANISATION,
               "t.csv:2: a quoted field is not closed", 1);
  char *dir = g_dir_make_tmp("tertial-import-XXXXXX", NULL);
  char *path = g_build_filename(dir, "cut.xlsx", NULL);
  ck_assert(g_file_set_contents(path, "PK\x03\x04 no more", -1, NULL));
  tertial_import *imp = NULL;
  T_ERR(tertial_import_file(&imp, m, path, TERTIAL_IMPORT_OUTCOME, NULL), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(imp);
  ck_assert_uint_eq(tertial_import_error_count(imp), 1);
  ck_assert_msg(strstr(tertial_import_error(imp, 0), "cut.xlsx: not an xlsx workbook"), "%s",
                tertial_import_error(imp, 0));
  tertial_import_free(imp);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_xlsx_broken_xml)
{
  xlsx_fails("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row>", NULL,
             "b.xlsx: xl/worksheets/sheet1.xml: malformed XML");
  xlsx_fails("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData></worksheet>",
             "<sst><si><t>a</t></si></sst>", "b.xlsx:Blad1: row 1: expected the index of a shared string, found \"5\"");
  xlsx_fails("<worksheet><sheetData><row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row></sheetData>"
             "</worksheet>", NULL, "expected a cell reference of this row after the previous cell, found \"A1\"");
  xlsx_fails("<worksheet><sheetData><row r=\"2\"/><row r=\"1\"/></sheetData></worksheet>", NULL,
             "rows out of order");
  xlsx_fails("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1e</v></c></row></sheetData></worksheet>", NULL,
             "expected a number, found \"1e\"");
  /* a formula's double: noise beyond 15 significant digits is rounded, a real fraction of an öre kept */
  char *dir = g_dir_make_tmp("tertial-import-XXXXXX", NULL);
  char *path = g_build_filename(dir, "n.xlsx", NULL);
  const char *parts[] = {"xl/workbook.xml", WB, "xl/_rels/workbook.xml.rels", RELS, "xl/worksheets/sheet1.xml",
                         "<worksheet><sheetData><row r=\"1\"><c><v>1020.0000000000001</v></c><c><v>0.30000000000000004</v>"
                         "</c><c><v>1234.567</v></c><c><v>-99999999999999.996</v></c><c><v>1.2345678901234567E-2</v></c>"
                         "<c><v>-0</v></c></row></sheetData></worksheet>", NULL};
  write_xlsx(path, parts);
  tertial__table *t = NULL;
  T_OK(tertial__table_read_xlsx(&t, path, NULL));
  ck_assert_str_eq(tertial__table_cell(t, 0, 0), "1020");
  ck_assert_str_eq(tertial__table_cell(t, 0, 1), "0.3");
  ck_assert_str_eq(tertial__table_cell(t, 0, 2), "1234.567");
  ck_assert_str_eq(tertial__table_cell(t, 0, 3), "-100000000000000");
  ck_assert_str_eq(tertial__table_cell(t, 0, 4), "0.0123456789012346");
  ck_assert_str_eq(tertial__table_cell(t, 0, 5), "0");
  tertial__table_free(t);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  xlsx_fails("<worksheet><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>", NULL,
             "expected a cell reference");
  xlsx_fails("<worksheet><sheetData><row r=\"1\"><c><v>&bogus;</v></c></row></sheetData></worksheet>", NULL,
             "malformed XML");
}
END_TEST

/* Months as date cells (serial numbers), in a column and as month headers, under a title row. */
START_TEST(test_xlsx_date_months_and_title)
{
  char *dir = g_dir_make_tmp("tertial-import-XXXXXX", NULL);
  char *path = g_build_filename(dir, "d.xlsx", NULL);
  const char *long_sheet =
    "<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Utfall 2026, Lillby</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Enhet</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>Konto</t>"
    "</is></c><c r=\"C3\" t=\"inlineStr\"><is><t>Månad</t></is></c><c r=\"D3\" t=\"inlineStr\"><is><t>Belopp</t>"
    "</is></c></row>"
    "<row r=\"4\"><c r=\"A4\"><v>6410</v></c><c r=\"B4\"><v>4610</v></c><c r=\"C4\"><v>46082</v></c>"
    "<c r=\"D4\"><v>700</v></c></row>"
    "<row r=\"5\"><c r=\"A5\"><v>6410</v></c><c r=\"B5\"><v>4610</v></c><c r=\"C5\"><v>99999</v></c>"
    "<c r=\"D5\"><v>1</v></c></row>"
    "</sheetData></worksheet>";
  const char *parts[] = {"xl/workbook.xml", WB, "xl/_rels/workbook.xml.rels", RELS, "xl/worksheets/sheet1.xml",
                         long_sheet, NULL};
  write_xlsx(path, parts);
  tertial_model *m = base_model();
  tertial_import *imp = NULL;
  /* 99999 is a day in 2173: outside the year, named by its cell */
  T_ERR(tertial_import_file(&imp, m, path, TERTIAL_IMPORT_OUTCOME, NULL), TERTIAL_ERR_PARSE);
  ck_assert_uint_eq(tertial_import_error_count(imp), 1);
  ck_assert_msg(strstr(tertial_import_error(imp, 0), "d.xlsx:Blad1!C5: column \"Månad\": expected a month of the "
                                                   "fiscal year 2026"), "%s", tertial_import_error(imp, 0));
  tertial_import_free(imp);
  const char *wide_sheet =
    "<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Enhet</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Konto</t>"
    "</is></c><c r=\"C1\"><v>46037</v></c><c r=\"D1\"><v>46082</v></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>6410</v></c><c r=\"B2\"><v>4610</v></c><c r=\"C2\"><v>100</v></c>"
    "<c r=\"D2\"><v>300</v></c></row>"
    "</sheetData></worksheet>";
  g_unlink(path);
  const char *wide_parts[] = {"xl/workbook.xml", WB, "xl/_rels/workbook.xml.rels", RELS, "xl/worksheets/sheet1.xml",
                              wide_sheet, NULL};
  write_xlsx(path, wide_parts);
  T_OK(tertial_import_file(&imp, m, path, TERTIAL_IMPORT_OUTCOME, NULL));
  tertial_import_free(imp);
  ck_assert_int_eq(amount(m, "6410", "4610", 0, TERTIAL_MEASURE_OUTCOME), KR(100));
  ck_assert_int_eq(amount(m, "6410", "4610", 2, TERTIAL_MEASURE_OUTCOME), KR(300));
  /* the title row: the header is found below it */
  const char *titled = "Budget 2026;;\n\nEnhet;Konto;Belopp\n6410;4610;1200\n6410;4610;x\n";
  T_ERR(import_text(&imp, m, titled, TERTIAL_IMPORT_BUDGET, 0), TERTIAL_ERR_PARSE);
  ck_assert_str_eq(tertial_import_error(imp, 0), "t.csv:5:3: column \"Belopp\": expected an amount in kronor such as "
                                                 "1 234,50, −1234 or 1234.50, found \"x\"");
  tertial_import_free(imp);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  tertial_model_free(m);
}
END_TEST

/* Truncated and damaged copies of the fixtures: an error or a table, never a crash (ASan). */
START_TEST(test_xlsx_truncated_and_damaged)
{
  const char *const names[] = {"budget-lo.xlsx", "utfall-blandat.xlsx"};
  char *dir = g_dir_make_tmp("tertial-import-XXXXXX", NULL);
  char *path = g_build_filename(dir, "d.xlsx", NULL);
  uint64_t seed = 20261207;
  size_t failures = 0, runs = 0;
  for (size_t k = 0; k < 2; k++) {
    char *data = NULL;
    gsize len = 0;
    char *file = g_build_filename(FIXTURES, names[k], NULL);
    ck_assert(g_file_get_contents(file, &data, &len, NULL));
    g_free(file);
    for (size_t cut = 0; cut < len; cut += len / 97 + 1) {
      ck_assert(g_file_set_contents(path, data, (gssize)cut, NULL));
      tertial__table *t = NULL;
      int rc = tertial__table_read_file(&t, path, NULL);
      failures += rc < 0;
      runs++;
      ck_assert_msg(rc < 0 || t, "%s cut at %zu", names[k], cut);
      tertial__table_free(t);
    }
    for (int round = 0; round < 200; round++) {
      char *copy = g_memdup2(data, len);
      for (int flips = 0; flips < 4; flips++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        copy[(seed >> 33) % len] ^= (char)(1u << ((seed >> 20) & 7));
      }
      ck_assert(g_file_set_contents(path, copy, (gssize)len, NULL));
      tertial__table *t = NULL;
      int rc = tertial__table_read_file(&t, path, NULL);
      failures += rc < 0;
      runs++;
      tertial__table_free(t);
      g_free(copy);
    }
    g_free(data);
  }
  /* truncated archives have no central directory: every cut fails */
  ck_assert_uint_ge(failures, 2 * 97);
  ck_assert_uint_gt(runs, failures);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
}
END_TEST

/* ---- organisation ---- */

START_TEST(test_org_import_and_reimport)
{
  tertial_model *m = empty_model();
  tertial_import_summary s = import_ok(m, org_csv, TERTIAL_IMPORT_ORGANISATION, 0);
  ck_assert_uint_eq(s.rows, 5);
  ck_assert_uint_eq(s.units_added, 5);
  ck_assert_int_eq(s.applied, 1);
  tertial_org *org = tertial_model_org(m);
  const tertial_unit *hvb = tertial_org_unit(org, unit_of(m, "6410"));
  ck_assert_str_eq(hvb->name, "HVB barn och unga");
  ck_assert_str_eq(hvb->manager, "Bo Ek");
  ck_assert_str_eq(tertial_org_level_name(org, hvb->level), "enhet"); /* below a verksamhet */
  ck_assert_str_eq(tertial_org_level_name(org, tertial_org_unit(org, unit_of(m, "IFO"))->level), "verksamhet");
  ck_assert_int_eq(tertial_org_unit(org, unit_of(m, "6420"))->level, 3);
  tertial_unit_id p;
  T_OK(tertial_org_parent(&p, org, unit_of(m, "6420"), 202601));
  ck_assert_uint_eq(p, unit_of(m, "IFO"));
  /* again: nothing changes */
  char *before = model_text(m);
  s = import_ok(m, org_csv, TERTIAL_IMPORT_ORGANISATION, 0);
  ck_assert_uint_eq(s.units_added + s.units_updated, 0);
  ck_assert_uint_eq(s.units_unchanged, 5);
  ck_assert_int_eq(s.applied, 0);
  char *after = model_text(m);
  ck_assert_str_eq(after, before);
  g_free(after);
  /* without a parent column, or with an empty parent, a unit keeps its parent */
  s = import_ok(m, "kod;namn\n6410;HVB barn och unga\n", TERTIAL_IMPORT_ORGANISATION, 0);
  ck_assert_uint_eq(s.units_unchanged, 1);
  s = import_ok(m, "kod;förälder\n6410;\n", TERTIAL_IMPORT_ORGANISATION, 0);
  ck_assert_uint_eq(s.units_unchanged, 1);
  after = model_text(m);
  ck_assert_str_eq(after, before);
  g_free(after);
  /* another name and manager update; a dry run first changes nothing */
  const char *renamed = "kod;parent;name;manager\n6410;IFO;HVB för unga;Cy Ek\n6420;IFO;;\n7000;IFO;Ny enhet;\n";
  s = import_ok(m, renamed, TERTIAL_IMPORT_ORGANISATION, 1);
  ck_assert_uint_eq(s.units_updated, 1);
  ck_assert_uint_eq(s.units_added, 1);
  ck_assert_uint_eq(s.units_unchanged, 1);
  ck_assert_int_eq(s.applied, 0);
  after = model_text(m);
  ck_assert_str_eq(after, before);
  g_free(after);
  s = import_ok(m, renamed, TERTIAL_IMPORT_ORGANISATION, 0);
  ck_assert_int_eq(s.applied, 1);
  ck_assert_str_eq(tertial_org_unit(org, unit_of(m, "6410"))->name, "HVB för unga");
  ck_assert_str_eq(tertial_org_unit(org, unit_of(m, "6410"))->manager, "Cy Ek");
  ck_assert_str_eq(tertial_org_unit(org, unit_of(m, "6420"))->name, "Försörjningsstöd");
  ck_assert_str_eq(tertial_org_unit(org, unit_of(m, "7000"))->name, "Ny enhet");
  g_free(before);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_org_children_before_parents)
{
  tertial_model *m = empty_model();
  import_ok(m, "code,parent,name\nC,B,Barnbarn\nB,A,Barn\nA,,Rot\n", TERTIAL_IMPORT_ORGANISATION, 0);
  tertial_unit_id p;
  T_OK(tertial_org_parent(&p, tertial_model_org(m), unit_of(m, "C"), 202601));
  ck_assert_uint_eq(p, unit_of(m, "B"));
  ck_assert_int_eq(tertial_org_unit(tertial_model_org(m), unit_of(m, "C"))->level, 2);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_org_bad_input)
{
  tertial_model *m = base_model();
  import_fails(m, "namn;förälder\nX;K\n", TERTIAL_IMPORT_ORGANISATION,
               "t.csv:1: no column for the unit code: expected one of \"kod\", \"code\", \"enhet\"", 1);
  import_fails(m, "kod;förälder;namn\nX;K;Ett\nY;NOPE;Två\n", TERTIAL_IMPORT_ORGANISATION,
               "t.csv:3:2: column \"förälder\": expected the code of a unit in the file or the organisation, found "
               "\"NOPE\"", 1);
  import_fails(m, "kod;namn\nX;Ett\nY;Två\nX;Tre\n", TERTIAL_IMPORT_ORGANISATION,
               "t.csv:4:1: column \"kod\": unit \"X\" is already given on line 2", 1);
  import_fails(m, "kod;förälder\nA;B\nB;C\nC;A\nD;A\n", TERTIAL_IMPORT_ORGANISATION,
               "t.csv:2:2: column \"förälder\": unit \"A\" is part of a cycle of parents (A -> B -> C -> A)", 3);
  import_fails(m, "kod;förälder\nA;A\n", TERTIAL_IMPORT_ORGANISATION, "unit \"A\" is part of a cycle of parents", 1);
  import_fails(m, "kod;förälder\n6410;SN\n", TERTIAL_IMPORT_ORGANISATION,
               "t.csv:2:2: column \"förälder\": unit \"6410\" is under \"IFO\" in the organisation, the file puts it "
               "under \"SN\": moving a unit is a reorganisation", 1);
  import_fails(m, "kod;förälder;nivå\nX;K;avdelning\n", TERTIAL_IMPORT_ORGANISATION,
               "t.csv:2:3: column \"nivå\": expected a level of the organisation (\"kommun\", \"nämnd\"", 1);
  import_fails(m, "kod;förälder\n;K\n", TERTIAL_IMPORT_ORGANISATION, "t.csv:2:1: column \"kod\": expected a unit code",
               1);
  tertial_model *bare = empty_model();
  T_OK(tertial_org_clear_levels(tertial_model_org(bare)));
  import_fails(bare, "kod\nK\n", TERTIAL_IMPORT_ORGANISATION, "t.csv:2:1: column \"kod\": the organisation has no levels",
               1);
  tertial_model_free(bare);
  /* every error of a file, in order */
  tertial_import *imp = NULL;
  T_ERR(import_text(&imp, m, "kod;förälder\nX;NOPE\nY;Y\nX;K\n", TERTIAL_IMPORT_ORGANISATION, 0), TERTIAL_ERR_PARSE);
  ck_assert_uint_eq(tertial_import_error_count(imp), 3);
  ck_assert_str_eq(tertial_import_error(imp, 0), "t.csv:4:1: column \"kod\": unit \"X\" is already given on line 2");
  ck_assert_msg(strstr(tertial_import_error(imp, 1), "t.csv:2:2:"), "%s", tertial_import_error(imp, 1));
  ck_assert_msg(strstr(tertial_import_error(imp, 2), "t.csv:3:2:"), "%s", tertial_import_error(imp, 2));
  ck_assert_msg(strstr(tertial_error_last(), "(and 2 more errors; nothing was imported)"), "%s",
                tertial_error_last());
  ck_assert_ptr_null(tertial_import_error(imp, 3));
  tertial_import_free(imp);
  tertial_model_free(m);
}
END_TEST

/* ---- accounts ---- */

START_TEST(test_accounts_import)
{
  tertial_model *m = base_model();
  tertial_chart *chart = tertial_model_chart(m);
  const tertial_account *a = tertial_chart_account(chart, account_of(m, "3511"));
  ck_assert_int_eq(a->type, TERTIAL_ACCOUNT_REVENUE);
  ck_assert_str_eq(a->name, "Bidrag");
  a = tertial_chart_account(chart, account_of(m, "6110"));
  ck_assert_int_eq(a->type, TERTIAL_ACCOUNT_COST);
  ck_assert_int_eq(a->internal, 1);
  ck_assert_int_eq(tertial_chart_account(chart, account_of(m, "1930"))->type, TERTIAL_ACCOUNT_ASSET);
  tertial_import_summary s = import_ok(m, accounts_csv, TERTIAL_IMPORT_ACCOUNTS, 0);
  ck_assert_uint_eq(s.accounts_unchanged, 4);
  ck_assert_int_eq(s.applied, 0);
  s = import_ok(m, "Konto;Namn;Intern\n3511;Statsbidrag;\n6110;;nej\n", TERTIAL_IMPORT_ACCOUNTS, 0);
  ck_assert_uint_eq(s.accounts_updated, 2);
  ck_assert_str_eq(tertial_chart_account(chart, account_of(m, "3511"))->name, "Statsbidrag");
  ck_assert_int_eq(tertial_chart_account(chart, account_of(m, "6110"))->internal, 0);
  ck_assert_str_eq(tertial_chart_account(chart, account_of(m, "6110"))->name, "Hyror");
  import_fails(m, "konto;typ\n3511;K\n", TERTIAL_IMPORT_ACCOUNTS,
               "t.csv:2:2: column \"typ\": account 3511 is a revenue account in the chart: expected that type, found "
               "\"K\"", 1);
  import_fails(m, "konto;typ\n35a1;\n4000;X\n", TERTIAL_IMPORT_ACCOUNTS,
               "t.csv:2:1: column \"konto\": expected an account number (digits), found \"35a1\"", 2);
  tertial_model_free(m);
}
END_TEST

/* ---- budget and outcome ---- */

START_TEST(test_budget_annual_monthly_wide)
{
  tertial_model *m = base_model();
  int b = tertial_model_current_budget(m);
  tertial_key *days = NULL;
  T_OK(tertial_key_new_calendar_days(&days, "Kalenderdagar"));
  T_OK(tertial_keyset_add(tertial_model_keys(m), days));
  /* annual, periodised with the default key (equal months) and a named one */
  tertial_import_summary s = import_ok(m, "Enhet;Konto;Årsbudget;Nyckel\n6410;4610;\"1 200 000\";\n"
                                          "6410;3511;-120000,00;Kalenderdagar\n", TERTIAL_IMPORT_BUDGET, 0);
  ck_assert_uint_eq(s.rows, 2);
  ck_assert_uint_eq(s.amounts_changed, 24);
  ck_assert_int_eq(s.amount_total, KR(1080000));
  ck_assert_int_eq(s.change_total, KR(1080000));
  for (int mo = 0; mo < 12; mo++)
    ck_assert_int_eq(amount(m, "6410", "4610", mo, b), KR(100000));
  /* calendar days: January 31/365 of the year */
  ck_assert_int_eq(amount(m, "6410", "3511", 0, b), -1019178);
  /* monthly amounts replace the months they name, the rest stay */
  s = import_ok(m, "unit,account,month,amount\n6410,4610,2026-03,90000\n6410,4610,2026-04-30,90000.50\n"
                   "6410,4610,maj,1\n6410,4610,maj,2\n", TERTIAL_IMPORT_BUDGET, 0);
  ck_assert_uint_eq(s.amounts_changed, 3);
  ck_assert_int_eq(s.change_total, KR(-10000) + KR(-10000) + 50 + KR(3) - KR(100000));
  ck_assert_int_eq(amount(m, "6410", "4610", 2, b), KR(90000));
  ck_assert_int_eq(amount(m, "6410", "4610", 3, b), KR(90000) + 50);
  ck_assert_int_eq(amount(m, "6410", "4610", 4, b), KR(3)); /* two rows of one month add up */
  ck_assert_int_eq(amount(m, "6410", "4610", 5, b), KR(100000));
  /* twelve month columns; an empty cell leaves its month */
  const char *wide = "enhet;konto;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec\n"
                     "6420;4610;1;2;3;4;5;6;7;8;9;10;11;\n";
  s = import_ok(m, wide, TERTIAL_IMPORT_BUDGET, 0);
  ck_assert_uint_eq(s.amounts_changed, 11);
  ck_assert_int_eq(amount(m, "6420", "4610", 10, b), KR(11));
  ck_assert_int_eq(amount(m, "6420", "4610", 11, b), 0);
  /* re-importing changes nothing */
  char *before = model_text(m);
  s = import_ok(m, wide, TERTIAL_IMPORT_BUDGET, 0);
  ck_assert_uint_eq(s.amounts_changed, 0);
  ck_assert_uint_eq(s.amounts_unchanged, 11);
  ck_assert_int_eq(s.applied, 0);
  char *after = model_text(m);
  ck_assert_str_eq(after, before);
  g_free(after);
  g_free(before);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_budget_version)
{
  tertial_model *m = base_model();
  int b = tertial_model_current_budget(m), rev;
  T_OK(tertial_budget_revise(&rev, m, b, "Budget rev 1", NULL));
  const char *text = "enhet;konto;belopp\n6410;4610;1200\n";
  tertial_import *imp = NULL;
  char *before = model_text(m);
  T_ERR(tertial_import_csv(&imp, m, text, strlen(text), "b.csv", TERTIAL_IMPORT_BUDGET, NULL), TERTIAL_ERR_STATE);
  ck_assert_str_eq(tertial_error_last(), "b.csv: budget version \"Budget\" has been revised by \"Budget rev 1\"; "
                                         "import into the revision");
  ck_assert_ptr_null(imp);
  char *after = model_text(m);
  ck_assert_str_eq(after, before);
  tertial_import_options o = TERTIAL_IMPORT_OPTIONS_INIT;
  o.budget_measure = rev;
  T_OK(tertial_import_csv(&imp, m, text, strlen(text), "b.csv", TERTIAL_IMPORT_BUDGET, &o));
  tertial_import_free(imp);
  ck_assert_int_eq(amount(m, "6410", "4610", 0, rev), KR(100));
  ck_assert_int_eq(amount(m, "6410", "4610", 0, b), 0);
  o.budget_measure = TERTIAL_MEASURE_OUTCOME;
  T_ERR(tertial_import_csv(&imp, m, text, strlen(text), "b.csv", TERTIAL_IMPORT_BUDGET, &o), TERTIAL_ERR_NOT_FOUND);
  g_free(before);
  g_free(after);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_outcome_replaces_and_dry_run)
{
  tertial_model *m = base_model();
  const char *text = "Enhet;Konto;Period;Utfall\n6410;4610;202601;\"1 234,50\"\n6410;4610;202601;100\n"
                     "6410;3511;2026-02;−2 000\n";
  tertial_import_summary s = import_ok(m, text, TERTIAL_IMPORT_OUTCOME, 1);
  ck_assert_uint_eq(s.amounts_changed, 2);
  ck_assert_int_eq(s.change_total, 133450 - 200000);
  ck_assert_int_eq(s.applied, 0);
  ck_assert_int_eq(amount(m, "6410", "4610", 0, TERTIAL_MEASURE_OUTCOME), 0);
  s = import_ok(m, text, TERTIAL_IMPORT_OUTCOME, 0);
  ck_assert_int_eq(s.applied, 1);
  ck_assert_int_eq(amount(m, "6410", "4610", 0, TERTIAL_MEASURE_OUTCOME), 133450);
  ck_assert_int_eq(amount(m, "6410", "3511", 1, TERTIAL_MEASURE_OUTCOME), -200000);
  s = import_ok(m, text, TERTIAL_IMPORT_OUTCOME, 0);
  ck_assert_uint_eq(s.amounts_changed, 0);
  ck_assert_int_eq(amount(m, "6410", "4610", 0, TERTIAL_MEASURE_OUTCOME), 133450); /* replaced, not added */
  tertial_model_free(m);
}
END_TEST

START_TEST(test_amounts_bad_input)
{
  tertial_model *m = base_model();
  import_ok(m, "enhet;konto;månad;belopp\n6410;4610;1;500\n", TERTIAL_IMPORT_OUTCOME, 0);
  import_fails(m, "enhet;konto;belopp\n6410;4610;1\n", TERTIAL_IMPORT_OUTCOME,
               "t.csv:1: no column for the month: expected one of \"manad\", \"month\"", 1);
  import_fails(m, "enhet;månad;belopp\n6410;1;1\n", TERTIAL_IMPORT_OUTCOME,
               "t.csv:1: no column for the account: expected one of \"konto\"", 1);
  import_fails(m, "enhet;konto;månad;belopp\n6410;4610;1;12,3,4\n6410;4610;2;abc\n6410;4610;3;1.234\n",
               TERTIAL_IMPORT_OUTCOME, "t.csv:2:4: column \"belopp\": expected an amount in kronor such as 1 234,50, "
               "−1234 or 1234.50, found \"12,3,4\"", 3);
  import_fails(m, "enhet;konto;månad;belopp\n6410;4610;13;1\n6410;4610;2027-01;1\n", TERTIAL_IMPORT_OUTCOME,
               "t.csv:2:3: column \"månad\": expected a month of the fiscal year 2026 (1-12, a month's name, yyyy-mm or "
               "a period yyyymm), found \"13\"", 2);
  import_fails(m, "enhet;konto;månad;belopp\nX9;4610;1;1\n6410;9999;1;1\n", TERTIAL_IMPORT_OUTCOME,
               "t.csv:2:1: column \"enhet\": expected a unit of the organisation, found \"X9\"", 2);
  import_fails(m, "enhet;konto;belopp;nyckel\n6410;4610;1;ingen\n", TERTIAL_IMPORT_BUDGET,
               "t.csv:2:4: column \"nyckel\": expected a periodisation key of the model (tertial budget --keys), found "
               "\"ingen\"", 1);
  import_fails(m, "enhet;konto;månad;belopp;nyckel\n6410;4610;1;1;x\n", TERTIAL_IMPORT_BUDGET,
               "a periodisation key goes with an annual amount", 1);
  import_fails(m, "", TERTIAL_IMPORT_BUDGET, "t.csv: the table is empty", 1);
  tertial_model_free(m);
}
END_TEST

/* ---- people ---- */

START_TEST(test_people_through_the_round)
{
  tertial_model *m = base_model();
  tertial_round *round = tertial_model_round(m);
  const char *people = "Användare;Namn;E-post;Roll;Enhet\r\nekonom1;Eva Ek;eva@lillby.se;economist;K\r\n"
                       "chef6410;\"Märta \"\"Mia\"\" Ek\";;manager;6410\r\n";
  tertial_import_summary s = import_ok(m, people, TERTIAL_IMPORT_PEOPLE, 0);
  ck_assert_uint_eq(s.rows, 2);
  ck_assert_uint_eq(s.people_added, 2);
  ck_assert_uint_eq(tertial_round_person_count(round), 2);
  tertial_person_id chef;
  T_OK(tertial_round_find_person(&chef, round, "chef6410"));
  ck_assert_str_eq(tertial_round_person_at(round, chef)->name, "Märta \"Mia\" Ek");
  unsigned roles = 0;
  T_OK(tertial_round_roles(&roles, round, chef, unit_of(m, "6410"), 202601));
  ck_assert_uint_ne(roles, 0);
  /* the directory has people now: a second import needs an economist acting */
  tertial_import *imp = NULL;
  T_ERR(import_text(&imp, m, people, TERTIAL_IMPORT_PEOPLE, 0), TERTIAL_ERR_NOT_PERMITTED);
  ck_assert_ptr_null(imp);
  tertial_person_id eva;
  T_OK(tertial_round_find_person(&eva, round, "ekonom1"));
  tertial_actor actor = {eva, TERTIAL_NO_PERSON};
  tertial_import_options o = TERTIAL_IMPORT_OPTIONS_INIT;
  o.actor = &actor;
  T_OK(tertial_import_csv(&imp, m, people, strlen(people), "p.csv", TERTIAL_IMPORT_PEOPLE, &o));
  ck_assert_uint_eq(tertial_import_summary_of(imp)->people_added, 0);
  tertial_import_free(imp);
  /* the round's message names the file's line (the blank line 3 counts) */
  const char *bad = "key;name;role;unit\nny;Ny;manager;6410\n\nx;Y;boss;6410\n";
  T_ERR(tertial_import_csv(&imp, m, bad, strlen(bad), "p.csv", TERTIAL_IMPORT_PEOPLE, &o), TERTIAL_ERR_PARSE);
  ck_assert_uint_eq(tertial_import_error_count(imp), 1);
  ck_assert_str_eq(tertial_import_error(imp, 0), "p.csv:4: expected a role (manager, head, economist, secretary, "
                                                 "reader), found \"boss\"");
  tertial_import_free(imp);
  ck_assert_uint_eq(tertial_round_person_count(round), 2);
  import_fails(m, "namn;roll\nX;manager\n", TERTIAL_IMPORT_PEOPLE, "t.csv:1: no column for the person's key", 2);
  o.dry_run = 1;
  T_ERR(tertial_import_csv(&imp, m, people, strlen(people), "p.csv", TERTIAL_IMPORT_PEOPLE, &o), TERTIAL_ERR_INVALID);
  tertial_model_free(m);
}
END_TEST

/* ---- the demo municipality from CSV files ---- */

static void csv_field(GString *s, const char *text, int last)
{
  g_string_append_c(s, '"');
  for (const char *p = text; *p; p++) {
    if (*p == '"')
      g_string_append_c(s, '"');
    g_string_append_c(s, *p);
  }
  g_string_append(s, last ? "\"\r\n" : "\";");
}

START_TEST(test_demo_from_csv)
{
  tertial_model *demo = NULL, *m = empty_model();
  tertial_demo_options o = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_new(&demo, &o));
  tertial_org *org = tertial_model_org(demo);
  tertial_chart *chart = tertial_model_chart(demo);
  tertial_ledger *ledger = tertial_model_ledger(demo);
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(demo);
  /* the organisation in the order of its units (ids), so that both models number them alike */
  GString *org_text = g_string_new("Kod;Förälder;Namn;Nivå;Chef\r\n");
  for (size_t i = 0; i < tertial_org_unit_count(org); i++) {
    const tertial_unit *u = tertial_org_unit(org, (tertial_unit_id)i);
    tertial_unit_id p;
    T_OK(tertial_org_parent(&p, org, (tertial_unit_id)i, 999912));
    csv_field(org_text, u->code, 0);
    csv_field(org_text, p == TERTIAL_NO_UNIT ? "" : tertial_org_unit(org, p)->code, 0);
    csv_field(org_text, u->name, 0);
    csv_field(org_text, tertial_org_level_name(org, u->level), 0);
    csv_field(org_text, u->manager, 1);
  }
  GString *acc_text = g_string_new("Konto;Namn;Typ;Intern\r\n");
  for (tertial_account_id a = 0; a < tertial_chart_count(chart); a++) {
    const tertial_account *acc = tertial_chart_account(chart, a);
    static const char *const letters[] = {"T", "S", "I", "K"};
    csv_field(acc_text, acc->number, 0);
    csv_field(acc_text, acc->name, 0);
    csv_field(acc_text, letters[acc->type], 0);
    csv_field(acc_text, acc->internal ? "ja" : "", 1);
  }
  /* the budget with twelve month columns, the outcome by period in Swedish notation */
  GString *budget_text = g_string_new("Enhet;Konto;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec\r\n");
  GString *outcome_text = g_string_new("Enhet;Konto;Period;Belopp\r\n");
  int budget = tertial_model_current_budget(demo);
  size_t outcome_rows = 0;
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(org); u++)
    for (tertial_account_id a = 0; a < tertial_chart_count(chart); a++) {
      int64_t b[12], out[12], any = 0;
      for (int mo = 0; mo < 12; mo++) {
        T_OK(tertial_ledger_get(&b[mo], ledger, u, a, mo, budget));
        T_OK(tertial_ledger_get(&out[mo], ledger, u, a, mo, TERTIAL_MEASURE_OUTCOME));
        any |= b[mo];
      }
      const char *code = tertial_org_unit(org, u)->code, *number = tertial_chart_account(chart, a)->number;
      if (any) {
        g_string_append_printf(budget_text, "%s;%s", code, number);
        for (int mo = 0; mo < 12; mo++)
          g_string_append_printf(budget_text, ";%lld.%02lld", (long long)(b[mo] / 100),
                                 (long long)((b[mo] < 0 ? -b[mo] : b[mo]) % 100));
        g_string_append(budget_text, "\r\n");
      }
      for (int mo = 0; mo < 12; mo++) {
        char kr[48];
        int period;
        if (!out[mo])
          continue;
        ck_assert_int_gt(tertial_money_format(kr, sizeof kr, out[mo], TERTIAL_UNIT_KR, 2), 0);
        T_OK(tertial_fiscal_year_period(&period, fy, mo));
        g_string_append_printf(outcome_text, "%s;%s;%d;\"%s\"\r\n", code, number, period, kr);
        outcome_rows++;
      }
    }
  ck_assert_uint_gt(outcome_rows, 100);
  tertial_import_summary s = import_ok(m, org_text->str, TERTIAL_IMPORT_ORGANISATION, 0);
  ck_assert_uint_eq(s.units_added, tertial_org_unit_count(org));
  import_ok(m, acc_text->str, TERTIAL_IMPORT_ACCOUNTS, 0);
  import_ok(m, budget_text->str, TERTIAL_IMPORT_BUDGET, 0);
  s = import_ok(m, outcome_text->str, TERTIAL_IMPORT_OUTCOME, 0);
  ck_assert_uint_eq(s.rows, outcome_rows);
  /* the forecasts and the prior year are not imported: copy them, then the reports must match */
  tertial_rowmap *map = tertial_model_rowmap(demo);
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(org); u++) {
    tertial_unit_id mu = unit_of(m, tertial_org_unit(org, u)->code);
    for (size_t r = 0; r < tertial_rowmap_row_count(map); r++) {
      int64_t f;
      const char *row = tertial_rowmap_row(map, r)->code;
      if (tertial_model_forecast(&f, demo, u, row) == 0)
        T_OK(tertial_model_set_forecast(m, mu, row, f));
    }
    for (tertial_account_id a = 0; a < tertial_chart_count(chart); a++)
      for (int mo = 0; mo < 12; mo++) {
        int64_t v;
        T_OK(tertial_ledger_get(&v, ledger, u, a, mo, TERTIAL_MEASURE_PRIOR));
        if (v)
          T_OK(tertial_ledger_set(tertial_model_ledger(m), mu,
                                  account_of(m, tertial_chart_account(chart, a)->number), mo, TERTIAL_MEASURE_PRIOR,
                                  v));
      }
  }
  char *want = model_text(demo), *got = model_text(m);
  assert_same_text(got, want);
  g_free(want);
  g_free(got);
  tertial_model *models[2] = {demo, m};
  char *text[2][2] = {{NULL}};
  for (int k = 0; k < 2; k++)
    for (int v = 0; v < 2; v++) {
      tertial_followup_options fo = TERTIAL_FOLLOWUP_OPTIONS_INIT;
      tertial_followup *t = NULL;
      fo.view = v ? TERTIAL_VIEW_ROWS : TERTIAL_VIEW_CHILDREN;
      T_OK(tertial_followup_new(&t, models[k], 0, 10, &fo));
      T_OK(tertial_render_text(&text[k][v], t, NULL));
      tertial_followup_free(t);
    }
  assert_same_text(text[1][0], text[0][0]);
  assert_same_text(text[1][1], text[0][1]);
  ck_assert_ptr_nonnull(strstr(text[0][1], "NETTORESULTAT"));
  for (int k = 0; k < 2; k++)
    for (int v = 0; v < 2; v++)
      tertial_free(text[k][v]);
  g_string_free(org_text, TRUE);
  g_string_free(acc_text, TRUE);
  g_string_free(budget_text, TRUE);
  g_string_free(outcome_text, TRUE);
  tertial_model_free(demo);
  tertial_model_free(m);
}
END_TEST

/* ---- tertial_ledger_load_csv(): facts straight into the ledger ---- */

/* Write text to a file of the temporary folder `dir`; returns its path (g_free). */
static char *write_file(const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename(dir, name, NULL);
  ck_assert(g_file_set_contents(path, text, -1, NULL));
  return path;
}

/* Load a file that must fail with `code`, a message containing `expected`, and no change. */
static void load_fails(tertial_model *m, const char *dir, const char *text, int code, const char *expected)
{
  char *before = model_text(m);
  char *path = write_file(dir, "trasig.csv", text);
  size_t rows = 99;
  T_ERR(tertial_ledger_load_csv(&rows, tertial_model_ledger(m), path, NULL), code);
  ck_assert_uint_eq(rows, 0);
  ck_assert_msg(strstr(tertial_error_last(), expected), "expected \"%s\" in: %s", expected, tertial_error_last());
  char *after = model_text(m);
  ck_assert_str_eq(after, before);
  g_free(before);
  g_free(after);
  g_unlink(path);
  g_free(path);
}

/* Columns by header (Swedish names, any order, a BOM, CRLF, quotes, blank lines, Swedish and plain
 * amounts, months as periods and yyyy-mm); amounts of one cell add up; the fixed order without
 * a header, with and without the measure; a delimiter given; every bad row named by file, line
 * and column, with the rows before it taken out again. */
START_TEST(test_ledger_load_csv)
{
  tertial_model *m = base_model();
  tertial_ledger *l = tertial_model_ledger(m);
  char *dir = g_dir_make_tmp("tertial-load-XXXXXX", NULL);
  char *path = write_file(dir, "utfall.csv",
                          "\xEF\xBB\xBF" "Belopp (kr);Period;Enhet;Konto\r\n"
                          "-1 243,50;202601;6410;4610\r\n"
                          "\r\n"
                          "\"1 000,25\";2026-02; 6420 ;\"4610\"\r\n"
                          "10.50;202601;6410;4610\r\n"
                          "-3511;202612;6420;3511");
  size_t rows = 0;
  T_OK(tertial_ledger_load_csv(&rows, l, path, NULL));
  ck_assert_uint_eq(rows, 4);
  ck_assert_int_eq(amount(m, "6410", "4610", 0, TERTIAL_MEASURE_OUTCOME), -124350 + 1050);
  ck_assert_int_eq(amount(m, "6420", "4610", 1, TERTIAL_MEASURE_OUTCOME), 100025);
  ck_assert_int_eq(amount(m, "6420", "3511", 11, TERTIAL_MEASURE_OUTCOME), -351100);
  int64_t total = 0;
  T_OK(tertial_ledger_total(&total, l, unit_of(m, "K"), TERTIAL_ALL_ACCOUNTS, TERTIAL_MEASURE_OUTCOME, 0, 11));
  ck_assert_int_eq(total, -124350 + 1050 + 100025 - 351100);
  g_unlink(path);
  g_free(path);

  /* no header: unit, account, month (1-12 of the fiscal year), measure (name or number), amount */
  path = write_file(dir, "fakta.csv", "6410,6110,3,Budget,500\n6410,6110,3,0,7.25\n6420,6110,12,1,1\n");
  T_OK(tertial_ledger_load_csv(&rows, l, path, NULL));
  ck_assert_uint_eq(rows, 3);
  int budget = tertial_model_current_budget(m);
  ck_assert_int_eq(amount(m, "6410", "6110", 2, budget), 50000);
  ck_assert_int_eq(amount(m, "6410", "6110", 2, TERTIAL_MEASURE_OUTCOME), 725);
  ck_assert_int_eq(amount(m, "6420", "6110", 11, TERTIAL_MEASURE_PRIOR), 100); /* measure number 1 */
  g_unlink(path);
  g_free(path);
  /* four fields: the options' measure; a tab as the delimiter given */
  path = write_file(dir, "fyra.tsv", "6420\t4610\t2026-03\t-2,5\n");
  tertial_load_csv_options o = TERTIAL_LOAD_CSV_OPTIONS_INIT;
  o.delimiter = '\t';
  o.measure = budget;
  T_OK(tertial_ledger_load_csv(NULL, l, path, &o));
  ck_assert_int_eq(amount(m, "6420", "4610", 2, budget), -250);
  g_unlink(path);
  g_free(path);

  /* bad rows: the message names file, line and column; the rows before are taken out again */
  load_fails(m, dir, "enhet;konto;månad;belopp\n6410;4610;1;100\n6410;4610;2;200\n6499;4610;3;5\n",
             TERTIAL_ERR_PARSE, "trasig.csv:4:1: column \"enhet\": expected a unit of the organisation, found \"6499\"");
  load_fails(m, dir, "enhet;konto;månad;belopp\n6410;4610;1;100\n6410;9999;2;200\n", TERTIAL_ERR_PARSE,
             "trasig.csv:3:2: column \"konto\": expected an account of the chart, found \"9999\"");
  load_fails(m, dir, "6410;4610;1;100\n6410;4610;13;200\n", TERTIAL_ERR_PARSE,
             "trasig.csv:2:3: column \"month\": expected a month of the fiscal year 2026 (1-12, yyyymm or yyyy-mm), "
             "found \"13\"");
  load_fails(m, dir, "enhet;konto;period;belopp\n6410;4610;202701;1\n", TERTIAL_ERR_PARSE,
             "trasig.csv:2:3: column \"period\": expected a month of the fiscal year 2026 (a period yyyymm or "
             "yyyy-mm), found \"202701\"");
  load_fails(m, dir, "enhet;konto;period;belopp\n6410;4610;202601;12,3,4\n", TERTIAL_ERR_PARSE,
             "trasig.csv:2:4: column \"belopp\": expected an amount in kronor such as 1 234,50, -1234 or 1234.50, "
             "found \"12,3,4\"");
  load_fails(m, dir, "6410;4610;1;Prognos;100\n", TERTIAL_ERR_PARSE,
             "trasig.csv:1:4: column \"measure\": expected a measure of the ledger (its name or number), found "
             "\"Prognos\"");
  load_fails(m, dir, "6410;4610;1;100\n6410;4610;1;100;5\n", TERTIAL_ERR_PARSE,
             "trasig.csv:2: 5 fields: expected 4, as the first row");
  load_fails(m, dir, "6410;4610;100\n", TERTIAL_ERR_PARSE, "trasig.csv:1: 3 fields and no header");
  load_fails(m, dir, "enhet;konto;belopp;mått\n", TERTIAL_ERR_PARSE,
             "trasig.csv:1:4: column \"mått\": expected a column of facts");
  load_fails(m, dir, "enhet;konto;belopp;månad;Enhet\n", TERTIAL_ERR_PARSE,
             "trasig.csv:1:5: column \"Enhet\": a second column for the unit (the first is \"enhet\")");
  load_fails(m, dir, "enhet;konto;belopp;period;månad\n", TERTIAL_ERR_PARSE,
             "trasig.csv:1: the header names both a month and a period");
  load_fails(m, dir, "enhet;konto;period;belopp\n6410;\"4610;202601;1\n", TERTIAL_ERR_PARSE,
             "trasig.csv:2:2: expected a field that ends its quote on its line");
  /* a sum beyond what a ledger holds: named, nothing added */
  load_fails(m, dir, "6410;4610;5;100\n6410;4610;5;90000000000000\n", TERTIAL_ERR_PARSE,
             "trasig.csv:2:4: column \"amount\": expected an amount");
  GString *big = g_string_new(NULL);
  for (int k = 0; k < 9300; k++) /* each the largest amount a model takes; their sum beyond 64 bits */
    g_string_append(big, "6410;4610;5;9999999999999.99\n");
  load_fails(m, dir, big->str, TERTIAL_ERR_OVERFLOW, "trasig.csv:9224: ledger: adding");
  g_string_free(big, TRUE);
  /* a line longer than 1 MiB */
  GString *huge = g_string_new("6410;4610;1;");
  for (int k = 0; k < (1 << 20) + 10; k++)
    g_string_append_c(huge, '1');
  load_fails(m, dir, huge->str, TERTIAL_ERR_RANGE, "trasig.csv:1: a line longer than 1048576 bytes");
  g_string_free(huge, TRUE);
  /* no such file; bad arguments */
  char *missing = g_build_filename(dir, "saknas.csv", NULL);
  T_ERR(tertial_ledger_load_csv(&rows, l, missing, NULL), TERTIAL_ERR_IO);
  ck_assert_msg(strstr(tertial_error_last(), "saknas.csv: cannot open"), "%s", tertial_error_last());
  g_free(missing);
  o.delimiter = '|';
  T_ERR(tertial_ledger_load_csv(&rows, l, "x.csv", &o), TERTIAL_ERR_INVALID);
  o = (tertial_load_csv_options)TERTIAL_LOAD_CSV_OPTIONS_INIT;
  o.measure = 42;
  T_ERR(tertial_ledger_load_csv(&rows, l, "x.csv", &o), TERTIAL_ERR_INVALID);
  T_ERR(tertial_ledger_load_csv(&rows, NULL, "x.csv", NULL), TERTIAL_ERR_INVALID);
  /* an empty file adds nothing */
  path = write_file(dir, "tom.csv", "\n\n");
  T_OK(tertial_ledger_load_csv(&rows, l, path, NULL));
  ck_assert_uint_eq(rows, 0);
  g_unlink(path);
  g_free(path);
  g_rmdir(dir);
  g_free(dir);
  tertial_model_free(m);
}
END_TEST

/* Months written 1-12 are calendar months of the fiscal year, also of a broken one (May-April):
 * "5" and "05" are its first month, "4" its last; a measure written "2" or "002" is measure 2.
 * (The loader reads "1" to "12" and small numbers by hand and remembers each month's index.) */
START_TEST(test_ledger_load_csv_broken_year)
{
  tertial_model *m = NULL;
  T_OK(tertial_model_new(&m, 2026, 5));
  import_ok(m, org_csv, TERTIAL_IMPORT_ORGANISATION, 0);
  import_ok(m, accounts_csv, TERTIAL_IMPORT_ACCOUNTS, 0);
  char *dir = g_dir_make_tmp("tertial-load-XXXXXX", NULL);
  char *path = write_file(dir, "brutet.csv",
                          "enhet,konto,månad,measure,belopp\n"
                          "6410,4610,5,0,1\n6410,4610,4,0,2\n6410,4610,05,0,4\n6410,4610,12,2,8\n"
                          "6410,4610,12,002,16\n6410,4610,1,0,32\n6410,4610,5,0,64\n");
  size_t rows = 0;
  T_OK(tertial_ledger_load_csv(&rows, tertial_model_ledger(m), path, NULL));
  ck_assert_uint_eq(rows, 7);
  ck_assert_int_eq(amount(m, "6410", "4610", 0, TERTIAL_MEASURE_OUTCOME), 6900);  /* May: 1 + 4 + 64 kr */
  ck_assert_int_eq(amount(m, "6410", "4610", 11, TERTIAL_MEASURE_OUTCOME), 200); /* April 2027 */
  ck_assert_int_eq(amount(m, "6410", "4610", 8, TERTIAL_MEASURE_OUTCOME), 3200); /* January 2027 */
  ck_assert_int_eq(amount(m, "6410", "4610", 7, 2), 2400);                       /* December, measure 2 */
  g_unlink(path);
  g_free(path);
  load_fails(m, dir, "6410;4610;0;100\n", TERTIAL_ERR_PARSE,
             "trasig.csv:1:3: column \"month\": expected a month of the fiscal year 2026/27");
  g_rmdir(dir);
  g_free(dir);
  tertial_model_free(m);
}
END_TEST

/* Pieces: a file of many rows crosses the 1 MiB pieces the reader reads; each row lands once. */
START_TEST(test_ledger_load_csv_pieces)
{
  tertial_model *m = base_model();
  char *dir = g_dir_make_tmp("tertial-load-XXXXXX", NULL);
  GString *s = g_string_new("enhet,konto,månad,belopp\n");
  int64_t want[12] = {0};
  const int n = 120000; /* about 2.6 MB */
  for (int i = 0; i < n; i++) {
    int64_t ore = (int64_t)(i * 7919 % 100000) - 50000;
    want[i % 12] += ore;
    g_string_append_printf(s, "%s,4610,%d,%s%lld.%02lld\n", i % 2 ? "6410" : "6420", i % 12 + 1, ore < 0 ? "-" : "",
                           (long long)(ore < 0 ? -ore : ore) / 100, (long long)(ore < 0 ? -ore : ore) % 100);
  }
  char *path = write_file(dir, "stor.csv", s->str);
  g_string_free(s, TRUE);
  size_t rows = 0;
  T_OK(tertial_ledger_load_csv(&rows, tertial_model_ledger(m), path, NULL));
  ck_assert_uint_eq(rows, (size_t)n);
  for (int k = 0; k < 12; k++)
    ck_assert_int_eq(amount(m, "6410", "4610", k, 0) + amount(m, "6420", "4610", k, 0), want[k]);
  g_unlink(path);
  g_free(path);
  g_rmdir(dir);
  g_free(dir);
  tertial_model_free(m);
}
END_TEST

static Suite *import_suite(void)
{
  Suite *s = suite_create("import");
  TCase *tc = tcase_create("csv");
  tcase_add_test(tc, test_csv_quotes_lines_positions);
  tcase_add_test(tc, test_csv_comma_and_windows_1252);
  tcase_add_test(tc, test_csv_broken);
  suite_add_tcase(s, tc);
  tc = tcase_create("xlsx");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_xlsx_handmade_cells);
  tcase_add_test(tc, test_xlsx_libreoffice_import);
  tcase_add_test(tc, test_xlsx_broken_xml);
  tcase_add_test(tc, test_unreadable_file_is_listed);
  tcase_add_test(tc, test_xlsx_date_months_and_title);
  tcase_add_test(tc, test_xlsx_truncated_and_damaged);
  suite_add_tcase(s, tc);
  tc = tcase_create("import");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_org_import_and_reimport);
  tcase_add_test(tc, test_org_children_before_parents);
  tcase_add_test(tc, test_org_bad_input);
  tcase_add_test(tc, test_accounts_import);
  tcase_add_test(tc, test_budget_annual_monthly_wide);
  tcase_add_test(tc, test_budget_version);
  tcase_add_test(tc, test_outcome_replaces_and_dry_run);
  tcase_add_test(tc, test_amounts_bad_input);
  tcase_add_test(tc, test_people_through_the_round);
  tcase_add_test(tc, test_demo_from_csv);
  tcase_add_test(tc, test_ledger_load_csv);
  tcase_add_test(tc, test_ledger_load_csv_pieces);
  tcase_add_test(tc, test_ledger_load_csv_broken_year);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return testutil_run(import_suite());
}
