/* The chart and drawing parts of Tertial's xlsx writer (xlsx_write.h): the XML of a chart
 * (xl/charts/chartN.xml) and of a sheet's drawing (xl/drawings/drawingN.xml), and where a chart
 * stands in cells. Internal. */
#ifndef TERTIAL_XLSX_CHART_H
#define TERTIAL_XLSX_CHART_H

#include "internal.h"
#include "xlsx_write.h"

/* Where a chart stands: its top-left and bottom-right cells (0-based) and the offsets into them
 * in pixels (a "twoCellAnchor"). */
typedef struct tertial__xlw_anchor {
  uint32_t row_from, row_to;
  uint16_t col_from, col_to;
  uint32_t x_from, y_from, x_to, y_to; /* pixels into the from/to cells */
  uint32_t width, height;              /* the chart's size in pixels */
} tertial__xlw_anchor;

/* A column's width and a row's height in pixels (the sheet's own, or the defaults 64 and 20). */
typedef uint32_t (*tertial__xlw_col_px)(void *ctx, uint16_t col);
typedef uint32_t (*tertial__xlw_row_px)(void *ctx, uint32_t row);

/* Append the chart part's XML of `c` to `out` (the whole document, with the XML declaration). */
int tertial__xlw_chart_xml(tertial_strbuf *out, const tertial__xlw_chart *c);
/* The anchor of chart `c` on a sheet whose column widths and row heights the callbacks give. */
void tertial__xlw_anchor_of(tertial__xlw_anchor *a, const tertial__xlw_chart *c, tertial__xlw_col_px col_px,
                            tertial__xlw_row_px row_px, void *ctx);
/* Append a drawing part's XML: chart k (0-based) of `a` uses relationship "rId<k+1>". */
int tertial__xlw_drawing_xml(tertial_strbuf *out, const tertial__xlw_anchor *a, size_t n);
/* Pixels of a column width in characters of the default font (Calibri 11), as Excel does. */
uint32_t tertial__xlw_width_px(double width);
/* A finite double as libxlsxwriter wrote it ("%.16g": 27, -476, 1.4, 1e-07), with 17 digits
 * when 16 do not read back as the same double; '.' whatever the locale. out: 40 bytes. */
void tertial__xlw_number_text(char *out, double v);
/* Append `s` XML-escaped (&, <, >, and " in attributes; control characters as _xHHHH_). */
int tertial__xlw_escape(tertial_strbuf *out, const char *s, int attribute);

#endif
