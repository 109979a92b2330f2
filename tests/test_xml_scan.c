/* Tests of the streaming XML scanner (xml_scan.c): xlsx-like documents fed whole and in pieces of
 * 1, 2, 3 and 7 bytes give the same callbacks; entities, character references, CDATA, comments,
 * the declaration, prefixes, self-closing elements, quoting; each malformed document's message
 * with its line and column. And the xlsx table reader with every allocation failing in turn. */
#include "testutil.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"
#include "internal.h"
#include "table_internal.h"
#include "xml_scan.h"

#define FIXTURES TERTIAL_SOURCE_ROOT "/tests/fixtures/import/"

/* The callbacks written down: S<name a="v" ...>, E</name>, T[text]. */
typedef struct record {
  GString *log;
  const char *stop_at; /* a start tag whose callback fails with TERTIAL_ERR_RANGE */
} record;

static int on_start(void *data, const char *el, const char **an, const char **av, size_t n)
{
  record *r = data;
  ck_assert_ptr_null(an[n]);
  ck_assert_ptr_null(av[n]);
  g_string_append_printf(r->log, "S<%s", el);
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(r->log, " %s=\"%s\"", an[i], av[i]);
  g_string_append(r->log, ">");
  if (r->stop_at && strcmp(el, r->stop_at) == 0)
    return tertial__error(TERTIAL_ERR_RANGE, "stopped at <%s>", el);
  return 0;
}

static int on_end(void *data, const char *el)
{
  g_string_append_printf(((record *)data)->log, "E</%s>", el);
  return 0;
}

static int on_text(void *data, const char *text, size_t len)
{
  record *r = data;
  ck_assert_uint_gt(len, 0);
  g_string_append(r->log, "T[");
  g_string_append_len(r->log, text, (gssize)len);
  g_string_append(r->log, "]");
  return 0;
}

/* Scan doc in pieces of `piece` bytes (0: whole): the callbacks in *log (g_free), the code, the
 * message in *msg (g_free; "" when 0). */
static int scan_pieces(const char *doc, size_t len, size_t piece, const char *stop_at, char **log, char **msg)
{
  record r = {g_string_new(NULL), stop_at};
  tertial__xml_scan x;
  tertial__xml_scan_init(&x, "doc.xml", on_start, on_end, on_text, &r);
  int rc = 0;
  for (size_t at = 0; rc == 0 && at < len;) {
    size_t n = piece && len - at > piece ? piece : len - at;
    rc = tertial__xml_scan_feed(&x, doc + at, n);
    at += n;
  }
  if (rc == 0)
    rc = tertial__xml_scan_finish(&x);
  /* a stopped scanner keeps its error */
  if (rc)
    ck_assert_int_eq(tertial__xml_scan_feed(&x, "<a/>", 4), rc);
  tertial__xml_scan_clear(&x);
  *log = g_string_free(r.log, FALSE);
  *msg = g_strdup(rc ? tertial_error_last() : "");
  return rc;
}

/* The same callbacks, code and message for every way of cutting the document; returns them for
 * the whole document. */
static int scan_all(const char *doc, size_t len, const char *stop_at, char **log, char **msg)
{
  int rc = scan_pieces(doc, len, 0, stop_at, log, msg);
  static const size_t pieces[] = {1, 2, 3, 7};
  for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) {
    char *l, *m;
    int rc2 = scan_pieces(doc, len, pieces[i], stop_at, &l, &m);
    ck_assert_msg(rc2 == rc, "pieces of %zu: %d, whole: %d", pieces[i], rc2, rc);
    ck_assert_msg(strcmp(l, *log) == 0, "pieces of %zu:\n%s\nwhole:\n%s", pieces[i], l, *log);
    ck_assert_msg(strcmp(m, *msg) == 0, "pieces of %zu: %s; whole: %s", pieces[i], m, *msg);
    g_free(l);
    g_free(m);
  }
  return rc;
}

static void scans_to(const char *doc, const char *expected)
{
  char *log, *msg;
  int rc = scan_all(doc, strlen(doc), NULL, &log, &msg);
  ck_assert_msg(rc == 0, "%s", msg);
  ck_assert_str_eq(log, expected);
  g_free(log);
  g_free(msg);
}

/* A malformed document (of len bytes): TERTIAL_ERR_PARSE and this message, cut in any way. */
static void fails_len(const char *doc, size_t len, const char *expected)
{
  char *log, *msg;
  int rc = scan_all(doc, len, NULL, &log, &msg);
  ck_assert_msg(rc == TERTIAL_ERR_PARSE, "%d for %s", rc, doc);
  ck_assert_str_eq(msg, expected);
  g_free(log);
  g_free(msg);
}

static void fails(const char *doc, const char *expected)
{
  fails_len(doc, strlen(doc), expected);
}

/* GMarkup's callbacks written down the same way (its empty runs of text left out). */
static void gm_start(GMarkupParseContext *c, const char *el, const char **an, const char **av, gpointer data,
                     GError **error)
{
  (void)c, (void)error;
  size_t n = 0;
  while (an[n])
    n++;
  on_start(data, el, an, av, n);
}

static void gm_end(GMarkupParseContext *c, const char *el, gpointer data, GError **error)
{
  (void)c, (void)error;
  on_end(data, el);
}

static void gm_text(GMarkupParseContext *c, const char *text, gsize len, gpointer data, GError **error)
{
  (void)c, (void)error;
  if (len)
    on_text(data, text, len);
}

static void same_as_gmarkup(const char *doc)
{
  record r = {g_string_new(NULL), NULL};
  const GMarkupParser p = {gm_start, gm_end, gm_text, NULL, NULL};
  GMarkupParseContext *ctx = g_markup_parse_context_new(&p, 0, &r, NULL);
  ck_assert(g_markup_parse_context_parse(ctx, doc, -1, NULL));
  ck_assert(g_markup_parse_context_end_parse(ctx, NULL));
  g_markup_parse_context_free(ctx);
  scans_to(doc, r.log->str);
  g_string_free(r.log, TRUE);
}

START_TEST(test_xlsx_sheet_in_pieces)
{
  scans_to("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
           "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
           "<x:sheetData><x:row r=\"1\" spans='1:2'><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c>"
           "<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\"> Å &amp; Ö &#229;&#xE5;&#x1F600; </x:t>"
           "</x:is></x:c></x:row><!-- a comment with <tags> & -- --><x:row r=\"2\" /></x:sheetData>"
           "<?mso-application progid=\"Excel.Sheet\"?></x:worksheet>\r\n",
           "S<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
           "S<x:sheetData>S<x:row r=\"1\" spans=\"1:2\">S<x:c r=\"A1\" t=\"s\">S<x:v>T[0]E</x:v>E</x:c>"
           "S<x:c r=\"B1\" t=\"inlineStr\">S<x:is>S<x:t xml:space=\"preserve\">T[ Å & Ö åå😀 ]E</x:t>"
           "E</x:is>E</x:c>E</x:row>S<x:row r=\"2\">E</x:row>E</x:sheetData>E</x:worksheet>");
  /* the named entities, quotes in values; blank text is text inside the root */
  scans_to("<sst count='2'>\n <si><t>&lt;&gt;&amp;&quot;&apos;</t></si>\n <si a=\"it's\" b='say \"x\"'/></sst>",
           "S<sst count=\"2\">T[\n ]S<si>S<t>T[<>&\"']E</t>E</si>T[\n ]S<si a=\"it's\" b=\"say \"x\"\">E</si>E</sst>");
}
END_TEST

START_TEST(test_text_as_gmarkup)
{
  /* text: CR LF and a lone CR as LF, untrimmed, a reference to CR kept; values: CR LF, CR, LF and
   * TAB one blank each, a reference kept; CDATA as written (line ends as in text, no entities) */
  scans_to("<a k=\"1\r\n2\r3\n4\t5&#10;6&#9;7  8\">  p\r\nq\rr&#13;\n<![CDATA[<b>&amp;\r\n]]>s<![CDATA[]]></a>",
           "S<a k=\"1 2 3 4 5\n6\t7  8\">T[  p\nq\nr\r\n]T[<b>&amp;\n]T[s]E</a>");
  /* the same as GMarkup gives (the reader used it before) */
  same_as_gmarkup("<a k=\"1\r\n2\r3\n4\t5&#10;6&#9;7  8\">  p\r\nq\rr&#13;\n<b/>&#x1F600;&lt;&amp;</a>\n");
  same_as_gmarkup("<?xml version=\"1.0\"?>\r\n<x:sst xmlns:x=\"urn:x\"><x:si><x:t xml:space='preserve'> a\r\n"
                  "</x:t><x:rPh sb=\"0\"><x:t>b</x:t></x:rPh></x:si><!-- c --></x:sst>");
}
END_TEST

START_TEST(test_callback_stops)
{
  char *log, *msg;
  T_ERR(scan_all("<a><b/><stop x='1'/><c/></a>", 28, "stop", &log, &msg), TERTIAL_ERR_RANGE);
  ck_assert_str_eq(log, "S<a>S<b>E</b>S<stop x=\"1\">");
  ck_assert_str_eq(msg, "stopped at <stop>");
  g_free(log);
  g_free(msg);
}
END_TEST

START_TEST(test_malformed)
{
  fails("<a>\n  <b>x</c></a>", "doc.xml: malformed XML: line 2, column 7: end tag </c> where <b> is open");
  fails("<a>x</a></a>", "doc.xml: malformed XML: line 1, column 9: end tag </a> with no element open");
  fails("<a><b>", "doc.xml: malformed XML: line 1, column 7: the document ends with element <b> open (expected </b>)");
  fails("<a>text", "doc.xml: malformed XML: line 1, column 8: the document ends with element <a> open (expected </a>)");
  fails("<a><b x='1'", "doc.xml: malformed XML: line 1, column 4: the document ends inside this markup (expected "
        "its end)");
  fails("<a>\n&bogus;</a>", "doc.xml: malformed XML: line 2, column 1: unknown entity or character reference "
        "\"&bogus;\"");
  fails("<a>x & y</a>", "doc.xml: malformed XML: line 1, column 6: '&' is not the start of an entity (expected "
        "&amp;, &lt;, &gt;, &quot;, &apos; or a character reference ending in ';')");
  fails("<a>&#xD800;</a>", "doc.xml: malformed XML: line 1, column 4: unknown entity or character reference "
        "\"&#xD800;\"");
  fails("<a>å&#0;</a>", "doc.xml: malformed XML: line 1, column 5: unknown entity or character reference \"&#0;\"");
  fails("<a>&#x110000;</a>", "doc.xml: malformed XML: line 1, column 4: unknown entity or character reference "
        "\"&#x110000;\"");
  fails("<a k=\"&#12a;\"/>", "doc.xml: malformed XML: line 1, column 7: unknown entity or character reference "
        "\"&#12a;\"");
  fails("<a>\n <b k=\"x<y\"/></a>", "doc.xml: malformed XML: line 2, column 9: '<' in an attribute value "
        "(expected &lt;)");
  fails("<a/>\r\nx", "doc.xml: malformed XML: line 2, column 1: text after the root element");
  fails("<a/><b/>", "doc.xml: malformed XML: line 1, column 5: a second root element");
  fails("x<a/>", "doc.xml: malformed XML: line 1, column 1: text before the root element (expected an element)");
  fails("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY e \"xx\">]><a>&e;</a>",
        "doc.xml: malformed XML: line 2, column 1: a DOCTYPE (refused: no document type or entity definitions "
        "are read)");
  fails("<a>\nÅ\xff</a>", "doc.xml: malformed XML: line 2, column 2: invalid UTF-8 (byte 0xFF)");
  fails("<a>\xc3\x28</a>", "doc.xml: malformed XML: line 1, column 4: invalid UTF-8 (byte 0xC3)");
  fails("<a>\xed\xa0\x80</a>", "doc.xml: malformed XML: line 1, column 4: invalid UTF-8 (byte 0xED)");
  fails("<a/>\xc3", "doc.xml: malformed XML: line 1, column 5: invalid UTF-8 (byte 0xC3)");
  fails_len("<a>\0</a>", 8, "doc.xml: malformed XML: line 1, column 4: a NUL byte (0x00)");
  fails("<a x='1' x='2'/>", "doc.xml: malformed XML: line 1, column 10: the attribute x twice in <a>");
  fails("<a x='1'y='2'/>", "doc.xml: malformed XML: line 1, column 9: expected an attribute name, '>' or '/>' in <a>");
  fails("<a x=1/>", "doc.xml: malformed XML: line 1, column 6: expected a quoted value of the attribute x");
  fails("<a x/>", "doc.xml: malformed XML: line 1, column 5: expected '=' after the attribute x");
  fails("< a/>", "doc.xml: malformed XML: line 1, column 1: expected an element name after '<'");
  fails("<a><!x></a>", "doc.xml: malformed XML: line 1, column 4: expected a comment or CDATA after '<!'");
  fails("<![CDATA[x]]><a/>", "doc.xml: malformed XML: line 1, column 1: CDATA outside the root element");
  fails("", "doc.xml: malformed XML: line 1, column 1: no root element (the document is empty or only blanks)");
  fails(" \n <!-- c -->\n", "doc.xml: malformed XML: line 3, column 1: no root element (the document is empty or "
        "only blanks)");
}
END_TEST

/* The xlsx table reader with each allocation failing in turn (its own and GLib's; minizip's and
 * zlib's are left alone): TERTIAL_ERR_NOMEM and "out of memory", or success, and no block kept;
 * the run without a failure reads the cells. */
static long read_failing(const char *path, const char *sheet, int styled, void (*check)(const tertial__table *))
{
  const void *const own[] = {(const void *)(uintptr_t)tertial__table_read_xlsx, (const void *)(uintptr_t)g_malloc};
  long points = 0;
  for (long k = 0;; k++) {
    tertial__table *t = NULL;
    long live = failalloc_live();
    failalloc_callers(own, 2);
    failalloc_arm(k);
    int rc = styled ? tertial__table_read_xlsx_styled(&t, path, sheet) : tertial__table_read_xlsx(&t, path, sheet);
    int failed = failalloc_disarm();
    failalloc_callers(NULL, 0);
    if (rc == 0) {
      if (!failed)
        check(t);
      tertial__table_free(t);
    } else {
      ck_assert_msg(rc == TERTIAL_ERR_NOMEM, "allocation %ld: %d %s", k, rc, tertial_error_last());
      ck_assert_ptr_nonnull(strstr(tertial_error_last(), "out of memory"));
      ck_assert_ptr_null(t);
    }
    ck_assert_msg(failalloc_live() == live, "allocation %ld: %ld blocks kept", k, failalloc_live() - live);
    if (!failed)
      return points;
    points++;
  }
}

static void check_blandat(const tertial__table *t)
{
  ck_assert_uint_eq(t->nrows, 4);
  ck_assert_str_eq(tertial__table_cell(t, 0, 2), " Månad ");
  ck_assert_str_eq(tertial__table_cell(t, 0, 5), "Kommentar & not");
  ck_assert_str_eq(tertial__table_cell(t, 1, 3), "123450");
  ck_assert_str_eq(tertial__table_cell(t, 2, 3), "-1500.25");
  ck_assert_str_eq(tertial__table_cell(t, 3, 5), "TRUE");
}

static void check_budget_lo(const tertial__table *t)
{
  ck_assert_ptr_nonnull(t->styles);
  ck_assert_uint_gt(t->nrows, 1);
  ck_assert_str_eq(tertial__table_cell(t, 0, 0), "Enhet");
}

START_TEST(test_xlsx_out_of_memory)
{
  if (!failalloc_works())
    return;
  long points = read_failing(FIXTURES "utfall-blandat.xlsx", "Utfall", 0, check_blandat);
  fprintf(stderr, "# utfall-blandat.xlsx: %ld failure points\n", points);
  ck_assert_int_ge(points, 70);
  points = read_failing(FIXTURES "budget-lo.xlsx", NULL, 1, check_budget_lo);
  fprintf(stderr, "# budget-lo.xlsx with styles: %ld failure points\n", points);
  ck_assert_int_ge(points, 90);
}
END_TEST

static Suite *xml_scan_suite(void)
{
  Suite *s = suite_create("xml_scan");
  TCase *tc = tcase_create("scan");
  tcase_add_test(tc, test_xlsx_sheet_in_pieces);
  tcase_add_test(tc, test_text_as_gmarkup);
  tcase_add_test(tc, test_callback_stops);
  tcase_add_test(tc, test_malformed);
  suite_add_tcase(s, tc);
  tc = tcase_create("xlsx");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_xlsx_out_of_memory);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return testutil_run(xml_scan_suite());
}
