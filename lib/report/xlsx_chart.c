/* The chart and drawing parts of Tertial's xlsx writer; see xlsx_chart.h. The XML is what
 * libxlsxwriter 1.1.4 wrote for the same charts, byte for byte (tests/test_xlsx_chart.c holds its
 * output for Tertial's demo workbook). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_chart.h"

/* libxlsxwriter's axis ids (50010000 + the chart's id, which is 1 for every chart it wrote in
 * Tertial's workbooks). The ids only pair a chart's axes within its own part, so every chart
 * part may use the same two. */
#define AXIS_CAT 50010001u
#define AXIS_VAL 50010002u

#define DEFAULT_WIDTH 480u  /* px, libxlsxwriter's and Excel's default chart size */
#define DEFAULT_HEIGHT 288u
#define EMU_PER_PX 9525u

/* The output and the first error: after an error every put is a no-op, so a part is written
 * straight through and its code checked once at the end. */
typedef struct xw {
  tertial_strbuf *sb;
  int rc;
} xw;

static void put(xw *w, const char *s)
{
  if (w->rc == 0)
    w->rc = tertial__sb_append(w->sb, s);
}

static void put_text(xw *w, const char *s)
{
  if (w->rc == 0 && s)
    w->rc = tertial__xlw_escape(w->sb, s, 0);
}

static void put_attr(xw *w, const char *s)
{
  if (w->rc == 0 && s)
    w->rc = tertial__xlw_escape(w->sb, s, 1);
}

static void put_u64(xw *w, uint64_t v)
{
  char buf[24], *p = buf + sizeof buf;
  *--p = '\0';
  do
    *--p = (char)('0' + v % 10);
  while (v /= 10);
  put(w, p);
}

/* `before`, the number, `after`: most elements are one attribute or one value */
static void put_tag_u64(xw *w, const char *before, uint64_t v, const char *after)
{
  put(w, before);
  put_u64(w, v);
  put(w, after);
}

static void put_rgb(xw *w, uint32_t rgb)
{
  char buf[8];
  static const char hex[] = "0123456789ABCDEF";
  for (int i = 0; i < 6; i++)
    buf[i] = hex[(rgb >> (20 - 4 * i)) & 0xF];
  buf[6] = '\0';
  put(w, "<a:solidFill><a:srgbClr val=\"");
  put(w, buf);
  put(w, "\"/></a:solidFill>");
}

void tertial__xlw_number_text(char *out, double v)
{
  char buf[40];
  snprintf(buf, sizeof buf, "%.16g", v);
  if (strtod(buf, NULL) != v) /* strtod reads in the same locale as snprintf wrote */
    snprintf(buf, sizeof buf, "%.17g", v);
  size_t k = 0;
  for (const char *p = buf; *p;) {
    if ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == 'e') {
      out[k++] = *p++;
      continue;
    }
    out[k++] = '.'; /* the locale's decimal point, which may be several bytes */
    while (*p && !((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == 'e'))
      p++;
  }
  out[k] = '\0';
}

static void put_number(xw *w, double v)
{
  char out[40];
  tertial__xlw_number_text(out, v);
  put(w, out);
}

static int has_value(const tertial__xlw_point *pt, int text)
{
  if (pt->kind == 1)
    return isfinite(pt->number);
  return text && pt->kind == 2;
}

/* <c:strRef>/<c:numRef>: the formula and, when the range has values, its cache. A string cache
 * holds texts and numbers, a number cache numbers only; points without a value are left out
 * (ptCount stays the range's length). */
static void put_ref(xw *w, const tertial__xlw_range *r, int text)
{
  put(w, text ? "<c:strRef><c:f>" : "<c:numRef><c:f>");
  put_text(w, r->formula);
  put(w, "</c:f>");
  if (r->cache && r->n > 0) {
    put(w, text ? "<c:strCache>" : "<c:numCache><c:formatCode>General</c:formatCode>");
    put_tag_u64(w, "<c:ptCount val=\"", r->n, "\"/>");
    for (size_t i = 0; i < r->n; i++) {
      const tertial__xlw_point *pt = &r->cache[i];
      if (!has_value(pt, text))
        continue;
      put_tag_u64(w, "<c:pt idx=\"", i, "\"><c:v>");
      if (pt->kind == 1)
        put_number(w, pt->number);
      else
        put_text(w, pt->text);
      put(w, "</c:v></c:pt>");
    }
    put(w, text ? "</c:strCache>" : "</c:numCache>");
  }
  put(w, text ? "</c:strRef>" : "</c:numRef>");
}

/* A title in rich text; a vertical axis's title is turned to read upwards. */
static void put_title(xw *w, const char *title, int vertical)
{
  if (!title)
    return;
  put(w, "<c:title><c:tx><c:rich>");
  put(w, vertical ? "<a:bodyPr rot=\"-5400000\" vert=\"horz\"/>" : "<a:bodyPr/>");
  put(w, "<a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang=\"en-US\"/><a:t>");
  put_text(w, title);
  put(w, "</a:t></a:r></a:p></c:rich></c:tx><c:layout/></c:title>");
}

static void put_series(xw *w, const tertial__xlw_chart *c, size_t i)
{
  const tertial__xlw_series *s = &c->series[i];
  put_tag_u64(w, "<c:ser><c:idx val=\"", i, "\"/>");
  put_tag_u64(w, "<c:order val=\"", i, "\"/>");
  if (s->name_text) {
    put(w, "<c:tx><c:v>");
    put_text(w, s->name_text);
    put(w, "</c:v></c:tx>");
  } else if (s->name.formula) {
    put(w, "<c:tx>");
    put_ref(w, &s->name, 1);
    put(w, "</c:tx>");
  }
  if (s->has_fill || s->has_line || s->dash) {
    put(w, "<c:spPr>");
    if (s->has_fill)
      put_rgb(w, s->fill);
    if (s->has_line || s->dash) {
      put(w, "<a:ln>");
      if (s->has_line)
        put_rgb(w, s->line);
      if (s->dash)
        put(w, "<a:prstDash val=\"dash\"/>");
      put(w, "</a:ln>");
    }
    put(w, "</c:spPr>");
  }
  if (c->type == TERTIAL__XLW_CHART_LINE)
    put(w, "<c:marker><c:symbol val=\"none\"/></c:marker>");
  if (s->categories.formula) {
    put(w, "<c:cat>");
    put_ref(w, &s->categories, s->categories.text);
    put(w, "</c:cat>");
  }
  put(w, "<c:val>");
  put_ref(w, &s->values, 0);
  put(w, "</c:val></c:ser>");
}

/* The axes. In a bar chart the categories run down the left (or the right when the value axis is
 * reversed, which Tertial never does) and the values along the bottom, or along the top when the
 * categories are reversed (libxlsxwriter moves an axis to the other side when the axis crossing
 * it is reversed); in a line chart the categories run along the bottom and the values up the
 * left (right when the categories are reversed). */
static void put_axes(xw *w, const tertial__xlw_chart *c, int categories_numeric)
{
  int bar = c->type == TERTIAL__XLW_CHART_BAR;
  put_tag_u64(w, "<c:catAx><c:axId val=\"", AXIS_CAT, "\"/><c:scaling><c:orientation val=\"");
  put(w, c->category_reverse ? "maxMin" : "minMax");
  put(w, bar ? "\"/></c:scaling><c:axPos val=\"l\"/>" : "\"/></c:scaling><c:axPos val=\"b\"/>");
  put_title(w, c->category_axis_name, bar);
  if (categories_numeric)
    put(w, "<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>");
  put(w, c->category_labels_low ? "<c:tickLblPos val=\"low\"/>" : "<c:tickLblPos val=\"nextTo\"/>");
  put_tag_u64(w, "<c:crossAx val=\"", AXIS_VAL, "\"/>");
  put(w, "<c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>"
         "</c:catAx>");

  put_tag_u64(w, "<c:valAx><c:axId val=\"", AXIS_VAL, "\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>");
  if (bar)
    put(w, c->category_reverse ? "<c:axPos val=\"t\"/>" : "<c:axPos val=\"b\"/>");
  else
    put(w, c->category_reverse ? "<c:axPos val=\"r\"/>" : "<c:axPos val=\"l\"/>");
  put(w, "<c:majorGridlines/>");
  put_title(w, c->value_axis_name, !bar);
  const char *fmt = c->value_num_format ? c->value_num_format : "General";
  put(w, "<c:numFmt formatCode=\"");
  put_attr(w, fmt);
  /* a format of its own is not the source data's (sourceLinked 0), as libxlsxwriter decided */
  put(w, strcmp(fmt, "General") ? "\" sourceLinked=\"0\"/>" : "\" sourceLinked=\"1\"/>");
  put(w, "<c:tickLblPos val=\"nextTo\"/>");
  put_tag_u64(w, "<c:crossAx val=\"", AXIS_CAT, "\"/>");
  put(w, "<c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>");
}

static int chart_check(const tertial__xlw_chart *c)
{
  if (!c)
    return tertial__error(TERTIAL_ERR_INVALID, "xlsx: no chart");
  if (c->type != TERTIAL__XLW_CHART_BAR && c->type != TERTIAL__XLW_CHART_LINE)
    return tertial__error(TERTIAL_ERR_INVALID, "xlsx: chart type %d is neither a bar nor a line chart", c->type);
  if (c->nseries > 0 && !c->series)
    return tertial__error(TERTIAL_ERR_INVALID, "xlsx: a chart of %zu series without its series", c->nseries);
  for (size_t i = 0; i < c->nseries; i++) {
    const tertial__xlw_series *s = &c->series[i];
    const tertial__xlw_range *r[3] = {&s->name, &s->categories, &s->values};
    if (!s->values.formula)
      return tertial__error(TERTIAL_ERR_INVALID, "xlsx: series %zu of the chart has no values", i + 1);
    for (int k = 0; k < 3; k++)
      if (r[k]->n > 0 && r[k]->cache && !r[k]->formula)
        return tertial__error(TERTIAL_ERR_INVALID, "xlsx: series %zu of the chart has cached values without a range",
                              i + 1);
  }
  return 0;
}

/* Take back what a failed part appended, so that `out` is as it was. */
static int part_end(xw *w, size_t start)
{
  if (w->rc != 0) {
    w->sb->len = start;
    if (w->sb->data)
      w->sb->data[start] = '\0';
  }
  return w->rc;
}

int tertial__xlw_chart_xml(tertial_strbuf *out, const tertial__xlw_chart *c)
{
  int rc = chart_check(c);
  if (rc)
    return rc;
  xw w = {out, 0};
  size_t start = out->len;
  int bar = c->type == TERTIAL__XLW_CHART_BAR, categories_numeric = 0;
  put(&w, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
          "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
          "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
          "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
          "<c:lang val=\"en-US\"/><c:chart>");
  put_title(&w, c->title, 0);
  put(&w, "<c:plotArea><c:layout/>");
  put(&w, bar ? "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/>"
              : "<c:lineChart><c:grouping val=\"standard\"/>");
  for (size_t i = 0; i < c->nseries; i++) {
    put_series(&w, c, i);
    /* the category axis has a number format when the last series with categories has numbers */
    if (c->series[i].categories.formula)
      categories_numeric = !c->series[i].categories.text;
  }
  if (!bar)
    put(&w, "<c:marker val=\"1\"/>");
  put_tag_u64(&w, "<c:axId val=\"", AXIS_CAT, "\"/>");
  put_tag_u64(&w, "<c:axId val=\"", AXIS_VAL, "\"/>");
  put(&w, bar ? "</c:barChart>" : "</c:lineChart>");
  put_axes(&w, c, categories_numeric);
  put(&w, "</c:plotArea><c:legend><c:legendPos val=\"");
  put(&w, c->legend_bottom ? "b" : "r");
  put(&w, "\"/><c:layout/></c:legend><c:plotVisOnly val=\"1\"/></c:chart><c:printSettings><c:headerFooter/>"
          "<c:pageMargins b=\"0.75\" l=\"0.7\" r=\"0.7\" t=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
          "<c:pageSetup/></c:printSettings></c:chartSpace>");
  return part_end(&w, start);
}

/* libxlsxwriter's placement: an offset as wide as a column or more moves the corner into the next
 * one; the far corner is where the size, counted from the corner's offset, runs out. A column or
 * row of 0 pixels (hidden) is passed over. Never past the sheet's last column or row. */
void tertial__xlw_anchor_of(tertial__xlw_anchor *a, const tertial__xlw_chart *c, tertial__xlw_col_px col_px,
                            tertial__xlw_row_px row_px, void *ctx)
{
  uint32_t x = c->x_offset > 0 ? (uint32_t)c->x_offset : 0, y = c->y_offset > 0 ? (uint32_t)c->y_offset : 0;
  uint32_t col = c->col, row = c->row;
  if (col >= TERTIAL__XLW_COL_MAX)
    col = TERTIAL__XLW_COL_MAX - 1;
  if (row >= TERTIAL__XLW_ROW_MAX)
    row = TERTIAL__XLW_ROW_MAX - 1;
  for (uint32_t px; col < TERTIAL__XLW_COL_MAX - 1 && x >= (px = col_px(ctx, (uint16_t)col)); col++)
    x -= px;
  for (uint32_t px; row < TERTIAL__XLW_ROW_MAX - 1 && y >= (px = row_px(ctx, row)); row++)
    y -= px;
  a->col_from = (uint16_t)col;
  a->row_from = row;
  a->x_from = x;
  a->y_from = y;
  a->width = c->width > 0 ? (uint32_t)c->width : DEFAULT_WIDTH;
  a->height = c->height > 0 ? (uint32_t)c->height : DEFAULT_HEIGHT;
  /* both sums are below 2^32: each term is below 2^31 */
  x += a->width;
  y += a->height;
  for (uint32_t px; col < TERTIAL__XLW_COL_MAX - 1 && x >= (px = col_px(ctx, (uint16_t)col)); col++)
    x -= px;
  for (uint32_t px; row < TERTIAL__XLW_ROW_MAX - 1 && y >= (px = row_px(ctx, row)); row++)
    y -= px;
  a->col_to = (uint16_t)col;
  a->row_to = row;
  a->x_to = x;
  a->y_to = y;
}

static void put_corner(xw *w, const char *tag, uint32_t col, uint32_t x, uint32_t row, uint32_t y)
{
  put(w, tag);
  put_tag_u64(w, "<xdr:col>", col, "</xdr:col>");
  put_tag_u64(w, "<xdr:colOff>", (uint64_t)x * EMU_PER_PX, "</xdr:colOff>");
  put_tag_u64(w, "<xdr:row>", row, "</xdr:row>");
  put_tag_u64(w, "<xdr:rowOff>", (uint64_t)y * EMU_PER_PX, "</xdr:rowOff>");
}

int tertial__xlw_drawing_xml(tertial_strbuf *out, const tertial__xlw_anchor *a, size_t n)
{
  if (n > 0 && !a)
    return tertial__error(TERTIAL_ERR_INVALID, "xlsx: a drawing of %zu charts without their anchors", n);
  xw w = {out, 0};
  size_t start = out->len;
  put(&w, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
          "<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" "
          "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">");
  for (size_t k = 0; k < n; k++) {
    put_corner(&w, "<xdr:twoCellAnchor><xdr:from>", a[k].col_from, a[k].x_from, a[k].row_from, a[k].y_from);
    put_corner(&w, "</xdr:from><xdr:to>", a[k].col_to, a[k].x_to, a[k].row_to, a[k].y_to);
    put_tag_u64(&w, "</xdr:to><xdr:graphicFrame macro=\"\"><xdr:nvGraphicFramePr><xdr:cNvPr id=\"", (uint64_t)k + 2,
                "\"");
    put_tag_u64(&w, " name=\"Chart ", (uint64_t)k + 1, "\"/>");
    put(&w, "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x=\"0\" y=\"0\"/>"
            "<a:ext cx=\"0\" cy=\"0\"/></xdr:xfrm><a:graphic>"
            "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
            "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rId");
    put_tag_u64(&w, "", (uint64_t)k + 1, "\"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>"
                                      "</xdr:twoCellAnchor>");
  }
  put(&w, "</xdr:wsDr>");
  return part_end(&w, start);
}

uint32_t tertial__xlw_width_px(double width)
{
  /* Excel's: the maximum digit width of Calibri 11 is 7 pixels, with 5 pixels of padding */
  if (width <= 0)
    return 0;
  if (width < 1)
    return (uint32_t)(width * 12 + 0.5);
  return (uint32_t)(width * 7 + 0.5) + 5;
}

int tertial__xlw_escape(tertial_strbuf *out, const char *s, int attribute)
{
  int rc = 0;
  const char *run = s;
  for (const char *p = s; rc == 0; p++) {
    unsigned char ch = (unsigned char)*p;
    const char *rep = NULL;
    char hex[8];
    if (ch == '&')
      rep = "&amp;";
    else if (ch == '<')
      rep = "&lt;";
    else if (ch == '>')
      rep = "&gt;";
    else if (ch == '"' && attribute)
      rep = "&quot;";
    else if (ch == '\n' && attribute)
      rep = "&#xA;";
    else if (ch != 0 && ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
      snprintf(hex, sizeof hex, "_x%04X_", ch); /* not allowed in XML 1.0: Excel's escape */
      rep = hex;
    }
    if (!rep && ch != 0)
      continue;
    if (p > run)
      rc = tertial__sb_append_len(out, run, (size_t)(p - run));
    if (ch == 0)
      break;
    if (rc == 0)
      rc = tertial__sb_append(out, rep);
    run = p + 1;
  }
  return rc;
}
