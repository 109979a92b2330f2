/* Tertial's own SpreadsheetML (xlsx) writer: what the xlsx renderer needs, streamed.
 *
 * A workbook is written sheet by sheet into one zip file. A sheet's cells go in row order (a row
 * number never goes back; within a row any column order); the sheet is compressed as it is
 * written and goes into the zip when it ends, with its drawing and charts. What a workbook keeps
 * until it is closed does not depend on its sheets: the styles in memory; the sheet list, the
 * defined names and the zip's central directory in three unlinked temporary files. So memory
 * does not grow with the number of sheets (a sheet's deflated rows are held until it ends,
 * beyond 1 MiB in a fourth temporary file).
 *
 * Strings are inline (t="inlineStr"), not in a shared string table. Numbers are written in the C
 * locale without printf. Every function returns 0 or a negative TERTIAL_ERR_* with the error
 * set ("xlsx: ..."); after a failure the book can only be discarded.
 *
 * Internal: only lib/report/render_xlsx.c uses it. */
#ifndef TERTIAL_XLSX_WRITE_H
#define TERTIAL_XLSX_WRITE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TERTIAL__XLW_ROW_MAX 1048576u /* rows of a sheet */
#define TERTIAL__XLW_COL_MAX 16384u   /* columns of a sheet */

typedef struct tertial__xlw_book tertial__xlw_book;
typedef struct tertial__xlw_sheet tertial__xlw_sheet;

/* A cell format (an entry of styles.xml's cellXfs); fields left 0 are the default. */
typedef struct tertial__xlw_format {
  int bold, italic;
  int font_size;          /* points; 0: 11 */
  uint32_t font_color;    /* 0xRRGGBB, used when has_font_color */
  int has_font_color;
  uint32_t bg_color;      /* solid fill 0xRRGGBB, used when has_bg_color */
  int has_bg_color;
  int border_top, border_bottom; /* 1: thin */
  int align_right;        /* horizontal="right" */
  int valign;             /* 0 default, TERTIAL__XLW_VTOP, TERTIAL__XLW_VBOTTOM */
  int wrap;
  int indent;             /* 0..15 */
  const char *num_format; /* a number format code ("#,##0;-#,##0", "0.00", "yyyy-mm-dd"); NULL: General */
} tertial__xlw_format;

enum { TERTIAL__XLW_VTOP = 1, TERTIAL__XLW_VBOTTOM = 2 };

/* A conditional formatting rule. Values are written as numbers; formula without '='. */
typedef enum {
  TERTIAL__XLW_CF_GE = 1,  /* cell value >= value */
  TERTIAL__XLW_CF_LT,      /* cell value < value */
  TERTIAL__XLW_CF_BETWEEN, /* value <= cell value <= max */
  TERTIAL__XLW_CF_FORMULA  /* formula is true (relative to the first cell of the range) */
} tertial__xlw_cf_kind;

typedef struct tertial__xlw_cf_rule {
  tertial__xlw_cf_kind kind;
  double value, max;
  const char *formula;
  unsigned dxf;            /* from tertial__xlw_dxf() */
  int stop_if_true;
} tertial__xlw_cf_rule;

/* Page setup and outline settings of a sheet. */
typedef struct tertial__xlw_page {
  int landscape;
  int paper;            /* 9: A4; 0: the default */
  int fit_width, fit_height; /* fit to pages (0: any number) when fit_to_page */
  int fit_to_page;
  const char *footer;   /* "&L...&C...&R..." or NULL */
  int summary_above;    /* outline: summary rows above their details (summaryBelow="0") */
} tertial__xlw_page;

/* One point of a chart's cache: none, a number or a text. */
typedef struct tertial__xlw_point {
  int kind; /* 0 no data, 1 number, 2 text */
  double number;
  const char *text;
} tertial__xlw_point;

/* A chart range: a formula ("'Översikt'!$A$6:$A$13") and optionally its cached values. */
typedef struct tertial__xlw_range {
  const char *formula;
  const tertial__xlw_point *cache; /* NULL: no cache */
  size_t n;
  int text;                         /* 1: a string reference (strRef), 0: numbers (numRef) */
} tertial__xlw_range;

typedef struct tertial__xlw_series {
  tertial__xlw_range name;      /* a series name from a cell (formula NULL: none) */
  const char *name_text;        /* or a literal name (NULL: none) */
  tertial__xlw_range categories;
  tertial__xlw_range values;
  int has_fill;                 /* bar fill colour */
  uint32_t fill;
  int has_line;                 /* line colour (and dash) */
  uint32_t line;
  int dash;                     /* 1: dashed line */
} tertial__xlw_series;

enum { TERTIAL__XLW_CHART_BAR = 1, TERTIAL__XLW_CHART_LINE = 2 };

/* A chart and where it stands: its top-left corner in cell (row, col) plus an offset in pixels,
 * its size in pixels (0: 480 × 288). In a bar chart (horizontal bars) the value axis is the
 * horizontal one: value_* describe it, category_* the vertical one. */
typedef struct tertial__xlw_chart {
  int type;
  const char *title;
  const tertial__xlw_series *series;
  size_t nseries;
  const char *value_axis_name, *value_num_format; /* NULL: none, General */
  const char *category_axis_name;
  int category_reverse;   /* categories from the top (orientation maxMin) */
  int category_labels_low; /* tick labels at the low end (clear of negative bars) */
  int legend_bottom;
  uint32_t row;
  uint16_t col;
  int x_offset, y_offset;
  int width, height;
} tertial__xlw_chart;

/* Document properties (docProps/core.xml and app.xml). */
typedef struct tertial__xlw_props {
  const char *title, *subject, *author, *company, *comments;
  time_t created;
} tertial__xlw_props;

/* Start a workbook written to `path` (created or truncated when the first part is written).
 * `tmpdir`: the folder of the temporary files (NULL: $TMPDIR or /tmp). */
int tertial__xlw_open(tertial__xlw_book **out, const char *path, const char *tmpdir);
/* Finish the open sheet, write what is left and close the zip; frees the book (also on failure:
 * then the file is incomplete and the caller removes it). */
int tertial__xlw_close(tertial__xlw_book *b);
/* Give the book up without completing it (NULL is ignored); the caller removes the file. */
void tertial__xlw_discard(tertial__xlw_book *b);

/* A cell format's index (equal formats share one). */
int tertial__xlw_format_add(tertial__xlw_book *b, const tertial__xlw_format *f, unsigned *xf);
/* A differential format for conditional formatting: a solid fill and a font colour. */
int tertial__xlw_dxf(tertial__xlw_book *b, uint32_t bg, uint32_t font, unsigned *dxf);
int tertial__xlw_properties(tertial__xlw_book *b, const tertial__xlw_props *p);
/* A defined name: `sheet` is a sheet's index for a sheet-local name, -1 for the workbook's;
 * formula without '=' ("'Blad'!$B$9", "'Blad'!$1:$4" for "_xlnm.Print_Titles"). */
int tertial__xlw_define_name(tertial__xlw_book *b, int sheet, const char *name, const char *formula);

/* A new sheet (the open one, if any, is finished first). `name`: valid and unique (the caller
 * checks), at most 31 characters. */
int tertial__xlw_sheet_add(tertial__xlw_book *b, const char *name, tertial__xlw_sheet **out);
/* Finish a sheet: it goes into the zip with its drawing and charts; the pointer is then invalid. */
int tertial__xlw_sheet_end(tertial__xlw_sheet *s);
int tertial__xlw_sheet_index(const tertial__xlw_sheet *s);
const char *tertial__xlw_sheet_name(const tertial__xlw_sheet *s);

/* Before the first row: the width of columns first..last (characters of the default font), the
 * frozen panes (rows above `row` and columns left of `col`), the page setup. */
int tertial__xlw_columns(tertial__xlw_sheet *s, uint16_t first, uint16_t last, double width);
int tertial__xlw_freeze(tertial__xlw_sheet *s, uint32_t row, uint16_t col);
int tertial__xlw_page_setup(tertial__xlw_sheet *s, const tertial__xlw_page *p);

/* A row's height in points (< 0: the default) and outline level (0..7); before its cells, or
 * anyway before a later row. */
int tertial__xlw_row(tertial__xlw_sheet *s, uint32_t row, double height, int level);

/* Cells (xf 0: no format). Rows must not go back. */
int tertial__xlw_number(tertial__xlw_sheet *s, uint32_t row, uint16_t col, double v, unsigned xf);
/* The exact decimal steps / 10^decimals (decimals 0..9). */
int tertial__xlw_decimal(tertial__xlw_sheet *s, uint32_t row, uint16_t col, int64_t steps, int decimals, unsigned xf);
/* A text cell, always a string, never a formula. Not valid UTF-8, or longer than Excel's 32 767
 * UTF-16 characters: TERTIAL_ERR_INVALID / TERTIAL_ERR_RANGE naming the sheet and cell. */
int tertial__xlw_string(tertial__xlw_sheet *s, uint32_t row, uint16_t col, const char *utf8, unsigned xf);
int tertial__xlw_blank(tertial__xlw_sheet *s, uint32_t row, uint16_t col, unsigned xf);
/* A formula (without '=') with its cached number, or with its cached text (may be ""). */
int tertial__xlw_formula(tertial__xlw_sheet *s, uint32_t row, uint16_t col, const char *formula, double cached,
                         unsigned xf);
int tertial__xlw_formula_decimal(tertial__xlw_sheet *s, uint32_t row, uint16_t col, const char *formula,
                                 int64_t steps, int decimals, unsigned xf);
int tertial__xlw_formula_text(tertial__xlw_sheet *s, uint32_t row, uint16_t col, const char *formula,
                              const char *cached, unsigned xf);
/* A date as Excel's serial day number (1900 system). */
double tertial__xlw_date_serial(int year, int month, int day);

/* Merge a range (the caller writes its first cell and blank cells of the same format). */
int tertial__xlw_merge(tertial__xlw_sheet *s, uint32_t r1, uint16_t c1, uint32_t r2, uint16_t c2);
/* Conditional formatting over `sqref` (space-separated ranges, "D6:D13 H6:H13"). */
int tertial__xlw_cond_format(tertial__xlw_sheet *s, const char *sqref, const tertial__xlw_cf_rule *rules, size_t n);
/* A chart on the sheet (its parts are written at once; its anchor when the sheet ends). */
int tertial__xlw_chart_add(tertial__xlw_sheet *s, const tertial__xlw_chart *c);

/* "A1"-style reference of (row, col), with '$' when absolute; buf of at least 16 bytes. */
void tertial__xlw_cell_ref(char *buf, uint32_t row, uint16_t col, int absolute);

#endif
