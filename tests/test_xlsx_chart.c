/* Tests of the chart and drawing parts of the own xlsx writer (xlsx_chart.c): the charts and
 * drawings of the demo workbook equal what libxlsxwriter 1.1.4 wrote, byte for byte
 * (xlsx_chart_expected.h); the anchors of its charts; escaping, ranges without a cache, points
 * without a value, numbers; every part well-formed for the project's XML scanner; and each
 * allocation failing in turn. */
#include "testutil.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc_each.h"
#include "internal.h"
#include "xlsx_chart.h"
#include "xlsx_chart_expected.h"
#include "xml_scan.h"

#define N(v) {1, (v), NULL}
#define S(t) {2, 0, (t)}
#define NONE {0, 0, NULL}

/* Scan a part with xml_scan.c: 0 when well-formed; the elements and the text of the last <a:t>
 * and of the <c:v> elements (joined by '|') in the counters. */
typedef struct scanned {
  int starts, ends;
  int in_t, in_v;
  char t[256];
  char v[1024];
} scanned;

static int on_start(void *data, const char *el, const char **an, const char **av, size_t n)
{
  (void)an, (void)av, (void)n;
  scanned *s = data;
  s->starts++;
  if (strcmp(el, "a:t") == 0) {
    s->in_t = 1;
    s->t[0] = '\0';
  }
  if (strcmp(el, "c:v") == 0) {
    s->in_v = 1;
    if (s->v[0])
      strncat(s->v, "|", sizeof s->v - strlen(s->v) - 1);
  }
  return 0;
}

static int on_end(void *data, const char *el)
{
  scanned *s = data;
  s->ends++;
  s->in_t = s->in_v = 0;
  (void)el;
  return 0;
}

static int on_text(void *data, const char *text, size_t len)
{
  scanned *s = data;
  char *to = s->in_t ? s->t : s->in_v ? s->v : NULL;
  size_t cap = s->in_t ? sizeof s->t : sizeof s->v;
  if (to) {
    size_t have = strlen(to), take = len < cap - have - 1 ? len : cap - have - 1;
    memcpy(to + have, text, take);
    to[have + take] = '\0';
  }
  return 0;
}

static int scan(const char *doc, scanned *s)
{
  memset(s, 0, sizeof *s);
  tertial__xml_scan x;
  tertial__xml_scan_init(&x, "chart.xml", on_start, on_end, on_text, s);
  int rc = tertial__xml_scan_feed(&x, doc, strlen(doc));
  if (rc == 0)
    rc = tertial__xml_scan_finish(&x);
  tertial__xml_scan_clear(&x);
  return rc;
}

/* The part's text, asserted well-formed with as many end tags as start tags. */
static void assert_well_formed(const char *doc)
{
  scanned s;
  int rc = scan(doc, &s);
  ck_assert_msg(rc == 0, "not well-formed: %s", tertial_error_last());
  ck_assert_int_gt(s.starts, 0);
  ck_assert_int_eq(s.starts, s.ends);
}

/* The first byte where the text differs from the expected pieces joined, for a readable failure. */
static void assert_same(const char *got, const char *const *pieces)
{
  char want[8192];
  size_t len = 0;
  for (size_t k = 0; pieces[k]; k++) {
    size_t n = strlen(pieces[k]);
    ck_assert_uint_lt(len + n, sizeof want);
    memcpy(want + len, pieces[k], n);
    len += n;
  }
  want[len] = '\0';
  size_t i = 0;
  while (got[i] && got[i] == want[i])
    i++;
  ck_assert_msg(got[i] == want[i], "differs at byte %zu: got '%.60s', want '%.60s'", i, got + i, want + i);
}

static char *chart_xml(const tertial__xlw_chart *c)
{
  tertial_strbuf sb = {0};
  T_OK(tertial__xlw_chart_xml(&sb, c));
  assert_well_formed(sb.data);
  return sb.data;
}

/* ---- the demo workbook's overview chart (chart1.xml) ---- */

static const tertial__xlw_point units[8] = {
  S("Kommunstyrelsen"), S("Barn- och utbildningsnämnden"), S("Socialnämnden"), S("Vård- och omsorgsnämnden"),
  S("Kultur- och fritidsnämnden"), S("Samhällsbyggnadsnämnden"), S("Miljö- och byggnadsnämnden"),
  S("Tekniska nämnden"),
};
static const tertial__xlw_point ack_name[1] = {S("Ack budgetavvikelse")};
static const tertial__xlw_point prog_name[1] = {S("Prognosavvikelse")};
static const tertial__xlw_point ack[8] = {N(27), N(-476), N(-5929), N(-74), N(37), N(10), N(4), N(1)};
static const tertial__xlw_point prog[8] = {N(27), N(-476), N(-5912), N(-73), N(37), N(9), N(4), N(1)};

static void overview_chart(tertial__xlw_chart *c, tertial__xlw_series s[2])
{
  memset(s, 0, 2 * sizeof *s);
  s[0].name = (tertial__xlw_range){"'Översikt'!$D$4", ack_name, 1, 1};
  s[0].categories = (tertial__xlw_range){"'Översikt'!$A$6:$A$13", units, 8, 1};
  s[0].values = (tertial__xlw_range){"'Översikt'!$D$6:$D$13", ack, 8, 0};
  s[0].has_fill = 1;
  s[0].fill = 0x8497B0;
  s[1].name = (tertial__xlw_range){"'Översikt'!$H$4", prog_name, 1, 1};
  s[1].categories = s[0].categories;
  s[1].values = (tertial__xlw_range){"'Översikt'!$H$6:$H$13", prog, 8, 0};
  s[1].has_fill = 1;
  s[1].fill = 0xC55A11;
  *c = (tertial__xlw_chart){
    .type = TERTIAL__XLW_CHART_BAR,
    .title = "Avvikelse mot budget per verksamhet",
    .series = s,
    .nseries = 2,
    .value_axis_name = "Belopp, tkr (negativt: sämre än budget)",
    .value_num_format = "#,##0;-#,##0",
    .category_axis_name = "Verksamhet",
    .category_reverse = 1,
    .category_labels_low = 1,
    .legend_bottom = 1,
    .row = 4,
    .col = 9,
    .x_offset = 24,
    .y_offset = 4,
    .width = 720,
    .height = 360,
  };
}

START_TEST(test_bar_chart_as_libxlsxwriter)
{
  tertial__xlw_chart c;
  tertial__xlw_series s[2];
  overview_chart(&c, s);
  char *xml = chart_xml(&c);
  assert_same(xml, CHART1);
  ck_assert_uint_eq(strlen(xml), 4370);
  free(xml);
}
END_TEST

/* ---- the styrtal charts (chart2.xml, chart6.xml): a line and its dashed target ---- */

static const tertial__xlw_point months[10] = {
  S("jan"), S("feb"), S("mar"), S("apr"), S("maj"), S("jun"), S("jul"), S("aug"), S("sep"), S("okt"),
};

static void styrtal_chart(tertial__xlw_chart *c, tertial__xlw_series s[2], const char *name, const char *values,
                          const tertial__xlw_point *v, const char *targets, const tertial__xlw_point *t)
{
  memset(s, 0, 2 * sizeof *s);
  for (int k = 0; k < 2; k++)
    s[k].categories = (tertial__xlw_range){"'Mål och styrtal'!$D$4:$M$4", months, 10, 1};
  s[0].name_text = name;
  s[0].values = (tertial__xlw_range){values, v, 10, 0};
  s[1].name_text = "Målvärde";
  s[1].values = (tertial__xlw_range){targets, t, 10, 0};
  s[1].has_line = 1;
  s[1].line = 0xC00000;
  s[1].dash = 1;
  *c = (tertial__xlw_chart){.type = TERTIAL__XLW_CHART_LINE, .title = name, .series = s, .nseries = 2,
                            .legend_bottom = 1, .row = 15, .x_offset = 24};
}

START_TEST(test_line_chart_as_libxlsxwriter)
{
  static const tertial__xlw_point hvb[10] = {N(120), N(119), N(119), N(119), N(123),
                                             N(124), N(123), N(124), N(125), N(126)};
  static const tertial__xlw_point target[10] = {N(120), N(120), N(120), N(120), N(120),
                                                N(120), N(120), N(120), N(120), N(120)};
  tertial__xlw_chart c;
  tertial__xlw_series s[2];
  styrtal_chart(&c, s, "Placeringar på HVB, barn och unga", "'Mål och styrtal'!$D$5:$M$5", hvb,
                "'Mål och styrtal'!$D$6:$M$6", target);
  char *xml = chart_xml(&c);
  assert_same(xml, CHART2);
  free(xml);

  /* a styrtal without any value yet: its series' cache has the ten points' count and no point */
  static const tertial__xlw_point empty[10] = {NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE};
  static const tertial__xlw_point t75[10] = {N(75), N(75), N(75), N(75), N(75), N(75), N(75), N(75), N(75), N(75)};
  styrtal_chart(&c, s, "Brukarbedömning, helhetssyn", "'Mål och styrtal'!$D$13:$M$13", empty,
                "'Mål och styrtal'!$D$14:$M$14", t75);
  xml = chart_xml(&c);
  assert_same(xml, CHART6);
  ck_assert_ptr_nonnull(strstr(xml, "<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"10\"/>"
                                    "</c:numCache>"));
  free(xml);
}
END_TEST

/* ---- the anchors and the drawings (drawing1.xml, drawing2.xml) ---- */

/* The overview sheet: column A 44 characters wide, B-I 18, the rest the default 64 px; row 4
 * (0-based 3) 45 points high, the rest 20 px. */
static uint32_t overview_col(void *ctx, uint16_t col)
{
  (void)ctx;
  return col == 0 ? tertial__xlw_width_px(44) : col <= 8 ? tertial__xlw_width_px(18) : 64;
}

static uint32_t overview_row(void *ctx, uint32_t row)
{
  (void)ctx;
  return row == 3 ? 60 : 20;
}

/* The styrtal sheet: A 44 characters, B-C 12, D-N 8. */
static uint32_t styrtal_col(void *ctx, uint16_t col)
{
  (void)ctx;
  return col == 0 ? tertial__xlw_width_px(44) : col <= 2 ? tertial__xlw_width_px(12)
                                             : col <= 13 ? tertial__xlw_width_px(8) : 64;
}

static uint32_t default_row(void *ctx, uint32_t row)
{
  (void)ctx, (void)row;
  return 20;
}

static void assert_anchor(const tertial__xlw_anchor *a, uint16_t c1, uint32_t x1, uint32_t r1, uint32_t y1,
                          uint16_t c2, uint32_t x2, uint32_t r2, uint32_t y2)
{
  ck_assert_uint_eq(a->col_from, c1);
  ck_assert_uint_eq(a->x_from, x1);
  ck_assert_uint_eq(a->row_from, r1);
  ck_assert_uint_eq(a->y_from, y1);
  ck_assert_uint_eq(a->col_to, c2);
  ck_assert_uint_eq(a->x_to, x2);
  ck_assert_uint_eq(a->row_to, r2);
  ck_assert_uint_eq(a->y_to, y2);
}

static char *drawing_xml(const tertial__xlw_anchor *a, size_t n)
{
  tertial_strbuf sb = {0};
  T_OK(tertial__xlw_drawing_xml(&sb, a, n));
  assert_well_formed(sb.data);
  return sb.data;
}

START_TEST(test_overview_drawing)
{
  tertial__xlw_chart c;
  tertial__xlw_series s[2];
  overview_chart(&c, s);
  tertial__xlw_anchor a;
  tertial__xlw_anchor_of(&a, &c, overview_col, overview_row, NULL);
  /* J5 + 24/4 px to U23 + 40/4 px: 744 px over columns of 64, 364 px over rows of 20 */
  assert_anchor(&a, 9, 24, 4, 4, 20, 40, 22, 4);
  ck_assert_uint_eq(a.width, 720);
  ck_assert_uint_eq(a.height, 360);
  char *xml = drawing_xml(&a, 1);
  assert_same(xml, DRAWING1);
  ck_assert_ptr_nonnull(strstr(xml, "<xdr:colOff>228600</xdr:colOff>")); /* 24 px × 9525 EMU */
  free(xml);
}
END_TEST

START_TEST(test_styrtal_drawing)
{
  tertial__xlw_chart c;
  tertial__xlw_series s[2];
  tertial__xlw_anchor a[5];
  ck_assert_uint_eq(tertial__xlw_width_px(44), 313);
  ck_assert_uint_eq(tertial__xlw_width_px(12), 89);
  ck_assert_uint_eq(tertial__xlw_width_px(8), 61);
  for (int i = 0; i < 5; i++) {
    /* libxlsxwriter's default size, 480 × 288 px: 24 + 480 = 313 + 89 + 89 + 13, 288 = 14 × 20 + 8 */
    styrtal_chart(&c, s, "x", "'Mål och styrtal'!$D$5:$M$5", months, "'Mål och styrtal'!$D$6:$M$6", months);
    c.row = 15 + 16 * (uint32_t)i;
    tertial__xlw_anchor_of(&a[i], &c, styrtal_col, default_row, NULL);
    assert_anchor(&a[i], 0, 24, c.row, 0, 3, 13, c.row + 14, 8);
    ck_assert_uint_eq(a[i].width, 480);
    ck_assert_uint_eq(a[i].height, 288);
  }
  char *xml = drawing_xml(a, 5);
  assert_same(xml, DRAWING2);
  free(xml);
}
END_TEST

/* An offset wider than the start column moves the corner on; a hidden column (0 px) is passed. */
static uint32_t hidden_col(void *ctx, uint16_t col)
{
  (void)ctx;
  return col == 2 ? 0 : 64;
}

START_TEST(test_anchor_offsets)
{
  tertial__xlw_chart c = {.type = TERTIAL__XLW_CHART_LINE, .row = 1, .col = 1, .x_offset = 70, .y_offset = 45,
                          .width = 100, .height = 30};
  tertial__xlw_anchor a;
  tertial__xlw_anchor_of(&a, &c, hidden_col, default_row, NULL);
  /* x: 70 - 64 (column 1) = 6 in column 3, as column 2 is hidden; 6 + 100 = 64 + 42 -> column 4 + 42
   * y: 45 - 20 - 20 = 5 in row 3; 5 + 30 = 20 + 15 -> row 4 + 15 */
  assert_anchor(&a, 3, 6, 3, 5, 4, 42, 4, 15);
  /* a chart that ends on a cell's edge ends at 0 px into the next cell */
  c = (tertial__xlw_chart){.type = TERTIAL__XLW_CHART_BAR, .width = 128, .height = 40};
  tertial__xlw_anchor_of(&a, &c, hidden_col, default_row, NULL);
  assert_anchor(&a, 0, 0, 0, 0, 3, 0, 2, 0);
  /* never past the sheet's last column and row */
  c = (tertial__xlw_chart){.type = TERTIAL__XLW_CHART_BAR, .row = TERTIAL__XLW_ROW_MAX - 1, .col = 16383};
  tertial__xlw_anchor_of(&a, &c, hidden_col, default_row, NULL);
  assert_anchor(&a, 16383, 0, TERTIAL__XLW_ROW_MAX - 1, 0, 16383, 480, TERTIAL__XLW_ROW_MAX - 1, 288);
}
END_TEST

/* ---- the details ---- */

START_TEST(test_escaping)
{
  tertial__xlw_series s = {.name_text = "R&D \"<x>\"",
                           .values = {"'A&B'!$B$1:$B$2", NULL, 0, 0}};
  tertial__xlw_chart c = {.type = TERTIAL__XLW_CHART_LINE, .title = "Tom & Jerry <\"bäst\">\x01!", .series = &s,
                          .nseries = 1, .value_num_format = "0.0\" kr\"", .value_axis_name = "a<b"};
  char *xml = chart_xml(&c);
  ck_assert_ptr_nonnull(strstr(xml, "<a:t>Tom &amp; Jerry &lt;\"bäst\"&gt;_x0001_!</a:t>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:tx><c:v>R&amp;D \"&lt;x&gt;\"</c:v></c:tx>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:f>'A&amp;B'!$B$1:$B$2</c:f>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:numFmt formatCode=\"0.0&quot; kr&quot;\" sourceLinked=\"0\"/>"));
  /* the value axis of a line chart stands upright: its title is turned */
  ck_assert_ptr_nonnull(strstr(xml, "<a:bodyPr rot=\"-5400000\" vert=\"horz\"/><a:lstStyle/><a:p><a:pPr><a:defRPr/>"
                                    "</a:pPr><a:r><a:rPr lang=\"en-US\"/><a:t>a&lt;b</a:t>"));
  /* read back, the texts are what was given (the control character as Excel's escape) */
  scanned sc;
  T_OK(scan(xml, &sc));
  ck_assert_str_eq(sc.t, "a<b");
  ck_assert_str_eq(sc.v, "R&D \"<x>\"");
  free(xml);
  c.value_axis_name = NULL;
  xml = chart_xml(&c);
  T_OK(scan(xml, &sc));
  ck_assert_str_eq(sc.t, "Tom & Jerry <\"bäst\">_x0001_!");
  free(xml);
}
END_TEST

START_TEST(test_ranges_and_points)
{
  /* no cache: the formula alone; a point without a value (or not finite) is left out, the count
   * stays; a text in a number cache has no value; numbers in a text cache are written */
  tertial__xlw_point v[5] = {N(1.4), NONE, N(-0.3), N(1e-7), N(NAN)};
  tertial__xlw_point cat[3] = {S("a"), N(2.5), NONE};
  tertial__xlw_series s = {.name = {"Blad!$B$1", NULL, 0, 1},
                           .categories = {"Blad!$A$2:$A$4", cat, 3, 1},
                           .values = {"Blad!$B$2:$B$6", v, 5, 0}};
  tertial__xlw_chart c = {.type = TERTIAL__XLW_CHART_BAR, .series = &s, .nseries = 1};
  char *xml = chart_xml(&c);
  ck_assert_ptr_nonnull(strstr(xml, "<c:tx><c:strRef><c:f>Blad!$B$1</c:f></c:strRef></c:tx>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:cat><c:strRef><c:f>Blad!$A$2:$A$4</c:f><c:strCache><c:ptCount val=\"3\"/>"
                                    "<c:pt idx=\"0\"><c:v>a</c:v></c:pt><c:pt idx=\"1\"><c:v>2.5</c:v></c:pt>"
                                    "</c:strCache></c:strRef></c:cat>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"5\"/>"
                                    "<c:pt idx=\"0\"><c:v>1.4</c:v></c:pt><c:pt idx=\"2\"><c:v>-0.3</c:v></c:pt>"
                                    "<c:pt idx=\"3\"><c:v>1e-07</c:v></c:pt></c:numCache>"));
  /* no title, no axis names, the legend on the right, the General format linked to the source */
  ck_assert_ptr_null(strstr(xml, "<c:title>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:legendPos val=\"r\"/>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:axPos val=\"l\"/>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:axPos val=\"b\"/>"));
  free(xml);

  /* numbers read back as the same double; 0.1 + 0.2 needs 17 digits */
  tertial__xlw_point w[4] = {N(0.1 + 0.2), N(-5929), N(1e21), N(0.25)};
  s = (tertial__xlw_series){.values = {"Blad!$C$1:$C$4", w, 4, 0}, .categories = {"Blad!$A$1:$A$4", w, 4, 0}};
  xml = chart_xml(&c);
  ck_assert_ptr_nonnull(strstr(xml, "<c:v>0.30000000000000004</c:v></c:pt><c:pt idx=\"1\"><c:v>-5929</c:v></c:pt>"
                                    "<c:pt idx=\"2\"><c:v>1e+21</c:v></c:pt><c:pt idx=\"3\"><c:v>0.25</c:v>"));
  /* number categories give the category axis a number format */
  ck_assert_ptr_nonnull(strstr(xml, "<c:cat><c:numRef><c:f>Blad!$A$1:$A$4</c:f><c:numCache>"));
  ck_assert_ptr_nonnull(strstr(xml, "<c:axPos val=\"l\"/><c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>"
                                    "<c:tickLblPos val=\"nextTo\"/>"));
  free(xml);

  /* an empty cache (n = 0) is no cache */
  s = (tertial__xlw_series){.values = {"Blad!$C$1:$C$4", w, 0, 0}};
  xml = chart_xml(&c);
  ck_assert_ptr_nonnull(strstr(xml, "<c:val><c:numRef><c:f>Blad!$C$1:$C$4</c:f></c:numRef></c:val>"));
  free(xml);
}
END_TEST

/* Numbers in the C locale whatever the process's (a decimal comma), if such a locale is there. */
START_TEST(test_numbers_in_any_locale)
{
  const char *names[] = {"sv_SE.UTF-8", "sv_SE.utf8", "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8"};
  const char *set = NULL;
  for (size_t i = 0; i < sizeof names / sizeof *names && !set; i++)
    set = setlocale(LC_NUMERIC, names[i]);
  if (!set) {
    fprintf(stderr, "# no locale with a decimal comma here: the C locale only\n");
  } else {
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    ck_assert_str_eq(probe, "1,5"); /* the locale is in effect */
  }
  tertial__xlw_point v[2] = {N(1.4), N(-1234.5)};
  tertial__xlw_series s = {.values = {"Blad!$B$2:$B$3", v, 2, 0}};
  tertial__xlw_chart c = {.type = TERTIAL__XLW_CHART_LINE, .series = &s, .nseries = 1};
  char *xml = chart_xml(&c);
  setlocale(LC_NUMERIC, "C");
  ck_assert_ptr_nonnull(strstr(xml, "<c:pt idx=\"0\"><c:v>1.4</c:v></c:pt><c:pt idx=\"1\"><c:v>-1234.5</c:v></c:pt>"));
  free(xml);
}
END_TEST

START_TEST(test_invalid)
{
  tertial_strbuf sb = {0};
  T_OK(tertial__sb_append(&sb, "kept"));
  tertial__xlw_chart c = {.type = 3};
  T_ERR(tertial__xlw_chart_xml(&sb, &c), TERTIAL_ERR_INVALID);
  ck_assert_str_eq(tertial_error_last(), "xlsx: chart type 3 is neither a bar nor a line chart");
  T_ERR(tertial__xlw_chart_xml(&sb, NULL), TERTIAL_ERR_INVALID);
  tertial__xlw_series s = {.name_text = "x"};
  c = (tertial__xlw_chart){.type = TERTIAL__XLW_CHART_BAR, .series = &s, .nseries = 1};
  T_ERR(tertial__xlw_chart_xml(&sb, &c), TERTIAL_ERR_INVALID);
  ck_assert_str_eq(tertial_error_last(), "xlsx: series 1 of the chart has no values");
  c.series = NULL;
  T_ERR(tertial__xlw_chart_xml(&sb, &c), TERTIAL_ERR_INVALID);
  T_ERR(tertial__xlw_drawing_xml(&sb, NULL, 2), TERTIAL_ERR_INVALID);
  ck_assert_str_eq(sb.data, "kept");
  tertial__sb_clear(&sb);
}
END_TEST

/* ---- every allocation failing in turn ---- */

typedef struct oom_run {
  tertial_strbuf sb;
  const tertial__xlw_chart *chart;
  const tertial__xlw_anchor *anchors;
  size_t n;
} oom_run;

/* Appends to a buffer that already holds "prefix" (allocated before the failures are armed): a
 * failed call must leave it exactly so. */
static int oom_call(void *ctx)
{
  oom_run *r = ctx;
  int rc = r->chart ? tertial__xlw_chart_xml(&r->sb, r->chart) : tertial__xlw_drawing_xml(&r->sb, r->anchors, r->n);
  if (rc != 0) {
    ck_assert_uint_eq(r->sb.len, 6);
    ck_assert_str_eq(r->sb.data, "prefix");
  }
  return rc;
}

static void oom_drop(void *ctx)
{
  oom_run *r = ctx;
  r->sb.len = 6;
  r->sb.data[6] = '\0';
}

START_TEST(test_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial__xlw_chart c;
  tertial__xlw_series s[2];
  overview_chart(&c, s);
  tertial__xlw_anchor a[3];
  for (int i = 0; i < 3; i++)
    tertial__xlw_anchor_of(&a[i], &c, overview_col, overview_row, NULL);
  oom_run r = {.chart = &c};
  T_OK(tertial__sb_append(&r.sb, "prefix"));
  long points = failalloc_each(oom_call, oom_drop, &r);
  fprintf(stderr, "# chart part: %ld failure points\n", points);
  ck_assert_int_ge(points, 1);
  assert_same(r.sb.data + 6, CHART1);
  tertial__sb_clear(&r.sb);
  T_OK(tertial__sb_append(&r.sb, "prefix"));
  r.chart = NULL;
  r.anchors = a;
  r.n = 3;
  points = failalloc_each(oom_call, oom_drop, &r);
  ck_assert_int_ge(points, 1);
  ck_assert_ptr_nonnull(strstr(r.sb.data, "name=\"Chart 3\""));
  tertial__sb_clear(&r.sb);
}
END_TEST

static Suite *xlsx_chart_suite(void)
{
  Suite *s = suite_create("xlsx_chart");
  TCase *tc = tcase_create("libxlsxwriter");
  tcase_add_test(tc, test_bar_chart_as_libxlsxwriter);
  tcase_add_test(tc, test_line_chart_as_libxlsxwriter);
  tcase_add_test(tc, test_overview_drawing);
  tcase_add_test(tc, test_styrtal_drawing);
  suite_add_tcase(s, tc);
  tc = tcase_create("details");
  tcase_add_test(tc, test_anchor_offsets);
  tcase_add_test(tc, test_escaping);
  tcase_add_test(tc, test_ranges_and_points);
  tcase_add_test(tc, test_numbers_in_any_locale);
  tcase_add_test(tc, test_invalid);
  tcase_add_test(tc, test_out_of_memory);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return testutil_run(xlsx_chart_suite());
}
