/* Tertial's own SpreadsheetML (xlsx) writer; see xlsx_write.h.
 *
 * The zip (lib/base/zip_write.c): a sheet's rows are deflated as they are written, into memory, ending with a sync
 * flush; when the sheet ends, its head (which needs the whole sheet: its dimension, its deepest
 * outline level) is deflated with a sync flush, then the rows' bytes are copied, then the tail is
 * deflated to the end. Blocks that end in a sync flush and a stream reset in between concatenate
 * into one valid deflate stream, so no sheet is kept uncompressed and none is compressed twice. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <glib.h> /* g_utf8_validate(), which allocates nothing */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "internal.h"
#include "xlsx_chart.h"
#include "xlsx_write.h"
#include "zip_write.h"

/* Deflate level: 1 writes the 5 000-sheet benchmark workbook about 1 s faster than zlib's default
 * 6, for a file 17 % larger (22.95 MB against 19.66 MB; bench/README.md). */
#define LEVEL 1
#define CHUNK 65536 /* bytes of XML gathered before deflating, and of deflate's output buffer */
/* A sheet's deflated rows beyond this go to a temporary file until the sheet ends, so that one
 * big sheet does not hold its whole deflated size in memory either. */
#define SPILL_AT (1024 * 1024)

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

typedef struct stored_format {
  tertial__xlw_format f;
  char *num_format; /* owned copy of f.num_format */
} stored_format;

typedef struct dxf {
  uint32_t bg, font;
} dxf;

typedef struct cellrec {
  uint16_t col;
  uint32_t seq; /* the order written: the last write of a cell wins */
  size_t off, len;
} cellrec;

typedef struct anchor_spec {
  tertial__xlw_chart pos; /* only row, col, offsets and size are used */
  unsigned chart;         /* its chart part's number */
} anchor_spec;

typedef struct colspec {
  uint16_t first, last;
  double width;
} colspec;

struct tertial__xlw_book {
  tertial__zipw *zip;
  char *path, *tmpdir;
  z_stream bz; /* the open sheet's rows' deflater */
  int bz_ready;
  int failed;
  FILE *sheets_spool, *names_spool; /* workbook.xml's <sheet> and <definedName> elements */
  FILE *rows_spool;                 /* the open sheet's deflated rows beyond SPILL_AT (made when needed) */
  stored_format *formats;
  size_t nformats, formats_cap;
  dxf *dxfs;
  size_t ndxfs, dxfs_cap;
  tertial__xlw_props props;
  char *title, *subject, *author, *company, *comments;
  int has_props;
  unsigned nsheets, ncharts, ndrawings;
  size_t nnames;
  tertial__xlw_sheet *open;
  tertial_strbuf scratch;
};

struct tertial__xlw_sheet {
  tertial__xlw_book *b;
  int index;
  char *name;
  colspec *cols;
  size_t ncols, cols_cap;
  int has_freeze;
  uint32_t frow;
  uint16_t fcol;
  int has_page;
  tertial__xlw_page page;
  char *footer;
  /* the rows */
  tertial_strbuf stage;     /* XML not yet deflated */
  unsigned char *body;      /* the deflated rows (those before went to the book's rows_spool) */
  size_t blen, bcap;
  uint64_t spilled;         /* bytes of deflated rows in rows_spool */
  uLong bcrc;
  uint64_t busize;
  int64_t row;              /* the open row, -1: none */
  double row_height;        /* < 0: default */
  int row_level;
  tertial_strbuf cells;     /* the open row's cells' XML */
  cellrec *recs;
  size_t nrecs, recs_cap;
  uint32_t seq;
  int any_cell;
  uint32_t min_row, max_row;
  uint16_t min_col, max_col;
  int max_level;
  float *heights;           /* custom row heights (points, 0: default), for chart anchors */
  size_t nheights;
  tertial_strbuf merges;
  size_t nmerges;
  tertial_strbuf cf;
  int priority;
  anchor_spec *anchors;
  size_t nanchors, anchors_cap;
};

/* ---- errors ---- */

static int fail(tertial__xlw_book *b, int rc)
{
  if (b && rc < 0)
    b->failed = 1;
  return rc;
}

static int zlib_failed(tertial__xlw_book *b, int z, const char *what)
{
  if (z == Z_MEM_ERROR)
    return fail(b, tertial__nomem(what));
  return fail(b, tertial__error(TERTIAL_ERR_IO, "xlsx: %s failed (zlib error %d)", what, z));
}

/* ---- numbers and references ---- */

/* steps / 10^decimals as a decimal without trailing zeros: "-1234.5", "0.25", "7". */
static size_t format_decimal(char *buf, int64_t steps, int decimals)
{
  char digits[24];
  int k = 0;
  uint64_t u = steps < 0 ? (uint64_t)0 - (uint64_t)steps : (uint64_t)steps;
  do {
    digits[k++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  while (k <= decimals)
    digits[k++] = '0';
  /* digits[0 .. decimals) is the fraction, lowest first */
  int drop = 0;
  while (drop < decimals && digits[drop] == '0')
    drop++;
  char *p = buf;
  if (steps < 0)
    *p++ = '-';
  for (int i = k - 1; i >= decimals; i--)
    *p++ = digits[i];
  if (drop < decimals) {
    *p++ = '.';
    for (int i = decimals - 1; i >= drop; i--)
      *p++ = digits[i];
  }
  *p = 0;
  return (size_t)(p - buf);
}

void tertial__xlw_cell_ref(char *buf, uint32_t row, uint16_t col, int absolute)
{
  char letters[4];
  int n = 0;
  unsigned c = (unsigned)col + 1;
  while (c > 0 && n < 3) {
    letters[n++] = (char)('A' + (c - 1) % 26);
    c = (c - 1) / 26;
  }
  char *p = buf;
  if (absolute)
    *p++ = '$';
  while (n > 0)
    *p++ = letters[--n];
  if (absolute)
    *p++ = '$';
  format_decimal(p, (int64_t)row + 1, 0);
}

/* A finite double as text (tertial__xlw_number_text()); an integer below 10^15 without printf. */
static int format_double(char *buf, size_t size, double v)
{
  if (!isfinite(v) || size < 40)
    return -1;
  if (v == floor(v) && fabs(v) < 1e15)
    format_decimal(buf, (int64_t)v, 0);
  else
    tertial__xlw_number_text(buf, v);
  return 0;
}

double tertial__xlw_date_serial(int year, int month, int day)
{
  /* days from 1970-01-01 (civil from days, proleptic Gregorian), then Excel's epoch: serial
   * 25569 is 1970-01-01 (the 1900 system counts the non-existent 1900-02-29) */
  int y = year - (month <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  long days = era * 146097 + doe - 719468;
  double serial = (double)days + 25569;
  if (serial < 61) /* before 1900-03-01: no phantom leap day to skip */
    serial -= 1;
  return serial;
}

/* ---- the zip ---- */

/* The zip is created when the first part is written: the entries' time is the creation time of
 * the document properties, which the caller sets first. */
static int zip_ready(tertial__xlw_book *b)
{
  if (b->zip)
    return 0;
  int rc = tertial__zipw_open(&b->zip, b->path, b->tmpdir, LEVEL, b->props.created);
  return rc < 0 ? fail(b, rc) : 0;
}

static int put_part(tertial__xlw_book *b, const char *name, const char *xml, size_t len)
{
  int rc = zip_ready(b);
  if (rc == 0)
    rc = tertial__zipw_put(b->zip, name, xml, len);
  return rc < 0 ? fail(b, rc) : 0;
}

/* A spool's content into the open entry: deflated, or (raw) bytes deflated before, whose CRC and
 * size come with the bytes that follow. *copied: the bytes read. */
static int copy_spool(tertial__xlw_book *b, FILE *f, int raw, uint64_t *copied)
{
  *copied = 0;
  if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0)
    return fail(b, tertial__error(TERTIAL_ERR_IO, "xlsx: reading a temporary file: %s", strerror(errno)));
  char *buf = malloc(CHUNK);
  if (!buf)
    return fail(b, tertial__nomem("xlsx: a buffer"));
  size_t n;
  int rc = 0;
  while (rc == 0 && (n = fread(buf, 1, CHUNK, f)) > 0) {
    rc = raw ? tertial__zipw_raw(b->zip, (const unsigned char *)buf, n, 0, 0)
             : tertial__zipw_deflate(b->zip, buf, n, Z_NO_FLUSH);
    *copied += n;
  }
  if (rc == 0 && ferror(f))
    rc = tertial__error(TERTIAL_ERR_IO, "xlsx: reading a temporary file: %s", strerror(errno));
  free(buf);
  return rc < 0 ? fail(b, rc) : 0;
}

static int spool_write(tertial__xlw_book *b, FILE *f, const char *data, size_t len)
{
  if (fwrite(data, 1, len, f) != len)
    return fail(b, tertial__error(TERTIAL_ERR_IO, "xlsx: writing a temporary file: %s", strerror(errno)));
  return 0;
}

/* ---- the book ---- */

int tertial__xlw_open(tertial__xlw_book **out, const char *path, const char *tmpdir)
{
  *out = NULL;
  tertial__xlw_book *b = tertial__calloc(1, sizeof *b);
  if (!b)
    return TERTIAL_ERR_NOMEM;
  b->props.created = time(NULL);
  int rc = (b->path = tertial__strdup(path)) && (!tmpdir || (b->tmpdir = tertial__strdup(tmpdir))) ? 0
                                                                                                   : TERTIAL_ERR_NOMEM;
  if (rc == 0)
    b->bz_ready = (rc = tertial__zipw_deflater(&b->bz, LEVEL)) == 0;
  if (rc == 0)
    rc = tertial__temp_stream(&b->sheets_spool, tmpdir);
  if (rc == 0)
    rc = tertial__temp_stream(&b->names_spool, tmpdir);
  if (rc < 0) {
    tertial__xlw_discard(b);
    return rc;
  }
  *out = b;
  return 0;
}

static void sheet_free(tertial__xlw_sheet *s)
{
  if (!s)
    return;
  free(s->name);
  free(s->cols);
  free(s->footer);
  tertial__sb_clear(&s->stage);
  free(s->body);
  tertial__sb_clear(&s->cells);
  free(s->recs);
  free(s->heights);
  tertial__sb_clear(&s->merges);
  tertial__sb_clear(&s->cf);
  free(s->anchors);
  free(s);
}

void tertial__xlw_discard(tertial__xlw_book *b)
{
  if (!b)
    return;
  sheet_free(b->open);
  tertial__zipw_discard(b->zip);
  if (b->bz_ready)
    deflateEnd(&b->bz);
  free(b->path);
  free(b->tmpdir);
  if (b->sheets_spool)
    fclose(b->sheets_spool);
  if (b->names_spool)
    fclose(b->names_spool);
  if (b->rows_spool)
    fclose(b->rows_spool);
  for (size_t i = 0; i < b->nformats; i++)
    free(b->formats[i].num_format);
  free(b->formats);
  free(b->dxfs);
  free(b->title);
  free(b->subject);
  free(b->author);
  free(b->company);
  free(b->comments);
  tertial__sb_clear(&b->scratch);
  free(b);
}

static int same_format(const tertial__xlw_format *x, const tertial__xlw_format *y)
{
  const char *nx = x->num_format ? x->num_format : "", *ny = y->num_format ? y->num_format : "";
  return x->bold == y->bold && x->italic == y->italic && x->font_size == y->font_size &&
         x->has_font_color == y->has_font_color && (!x->has_font_color || x->font_color == y->font_color) &&
         x->has_bg_color == y->has_bg_color && (!x->has_bg_color || x->bg_color == y->bg_color) &&
         x->border_top == y->border_top && x->border_bottom == y->border_bottom && x->align_right == y->align_right &&
         x->valign == y->valign && x->wrap == y->wrap && x->indent == y->indent && strcmp(nx, ny) == 0;
}

int tertial__xlw_format_add(tertial__xlw_book *b, const tertial__xlw_format *f, unsigned *xf)
{
  /* cellXfs 0 is the default format, which the stored formats follow */
  for (size_t i = 0; i < b->nformats; i++)
    if (same_format(&b->formats[i].f, f)) {
      *xf = (unsigned)i + 1;
      return 0;
    }
  if (f->indent < 0 || f->indent > 15 || f->font_size < 0 || f->font_size > 409)
    return fail(b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: a cell format's indent or font size is out of range"));
  int rc = tertial__grow((void **)&b->formats, &b->formats_cap, b->nformats + 1, sizeof *b->formats);
  if (rc < 0)
    return fail(b, rc);
  stored_format *s = &b->formats[b->nformats];
  s->f = *f;
  s->num_format = NULL;
  if (f->num_format && !(s->num_format = tertial__strdup(f->num_format)))
    return fail(b, TERTIAL_ERR_NOMEM);
  s->f.num_format = s->num_format;
  *xf = (unsigned)++b->nformats;
  return 0;
}

int tertial__xlw_dxf(tertial__xlw_book *b, uint32_t bg, uint32_t font, unsigned *out)
{
  for (size_t i = 0; i < b->ndxfs; i++)
    if (b->dxfs[i].bg == bg && b->dxfs[i].font == font) {
      *out = (unsigned)i;
      return 0;
    }
  int rc = tertial__grow((void **)&b->dxfs, &b->dxfs_cap, b->ndxfs + 1, sizeof *b->dxfs);
  if (rc < 0)
    return fail(b, rc);
  b->dxfs[b->ndxfs] = (dxf){bg, font};
  *out = (unsigned)b->ndxfs++;
  return 0;
}

static int dup_opt(char **out, const char *s)
{
  free(*out);
  *out = NULL;
  return !s || (*out = tertial__strdup(s)) ? 0 : TERTIAL_ERR_NOMEM;
}

int tertial__xlw_properties(tertial__xlw_book *b, const tertial__xlw_props *p)
{
  int rc = dup_opt(&b->title, p->title);
  if (rc == 0)
    rc = dup_opt(&b->subject, p->subject);
  if (rc == 0)
    rc = dup_opt(&b->author, p->author);
  if (rc == 0)
    rc = dup_opt(&b->company, p->company);
  if (rc == 0)
    rc = dup_opt(&b->comments, p->comments);
  if (rc < 0)
    return fail(b, rc);
  b->has_props = 1;
  b->props.created = p->created ? p->created : b->props.created;
  return 0;
}

int tertial__xlw_define_name(tertial__xlw_book *b, int sheet, const char *name, const char *formula)
{
  tertial_strbuf *sb = &b->scratch;
  sb->len = 0;
  int rc = tertial__sb_append(sb, "<definedName name=\"");
  if (rc == 0)
    rc = tertial__xlw_escape(sb, name, 1);
  if (rc == 0 && sheet >= 0)
    rc = tertial__sb_printf(sb, "\" localSheetId=\"%d", sheet);
  if (rc == 0)
    rc = tertial__sb_append(sb, "\">");
  if (rc == 0)
    rc = tertial__xlw_escape(sb, formula[0] == '=' ? formula + 1 : formula, 0);
  if (rc == 0)
    rc = tertial__sb_append(sb, "</definedName>");
  if (rc < 0)
    return fail(b, rc);
  rc = spool_write(b, b->names_spool, sb->data, sb->len);
  if (rc == 0)
    b->nnames++;
  return rc;
}

/* ---- sheets ---- */

int tertial__xlw_sheet_add(tertial__xlw_book *b, const char *name, tertial__xlw_sheet **out)
{
  *out = NULL;
  if (b->failed)
    return tertial__error(TERTIAL_ERR_STATE, "xlsx: the workbook failed before");
  int rc = b->open ? tertial__xlw_sheet_end(b->open) : 0;
  if (rc < 0)
    return rc;
  tertial__xlw_sheet *s = tertial__calloc(1, sizeof *s);
  if (!s || !(s->name = tertial__strdup(name))) {
    sheet_free(s);
    return fail(b, TERTIAL_ERR_NOMEM);
  }
  s->b = b;
  s->index = (int)b->nsheets;
  s->row = -1;
  s->row_height = -1;
  int z = deflateReset(&b->bz);
  if (z != Z_OK) {
    sheet_free(s);
    return zlib_failed(b, z, "starting a sheet");
  }
  s->bcrc = crc32(0L, Z_NULL, 0);
  /* workbook.xml's entry, spooled now */
  tertial_strbuf *sb = &b->scratch;
  sb->len = 0;
  rc = tertial__sb_append(sb, "<sheet name=\"");
  if (rc == 0)
    rc = tertial__xlw_escape(sb, name, 1);
  if (rc == 0)
    rc = tertial__sb_printf(sb, "\" sheetId=\"%u\" r:id=\"rId%u\"/>", b->nsheets + 1, b->nsheets + 1);
  if (rc == 0)
    rc = spool_write(b, b->sheets_spool, sb->data, sb->len);
  if (rc < 0) {
    sheet_free(s);
    return fail(b, rc);
  }
  b->nsheets++;
  b->open = s;
  *out = s;
  return 0;
}

int tertial__xlw_sheet_index(const tertial__xlw_sheet *s)
{
  return s->index;
}

const char *tertial__xlw_sheet_name(const tertial__xlw_sheet *s)
{
  return s->name;
}

int tertial__xlw_columns(tertial__xlw_sheet *s, uint16_t first, uint16_t last, double width)
{
  if (first > last || last >= TERTIAL__XLW_COL_MAX || !(width >= 0 && width <= 255))
    return fail(s->b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: column range %u..%u or width %g out of range",
                                     (unsigned)first, (unsigned)last, width));
  int rc = tertial__grow((void **)&s->cols, &s->cols_cap, s->ncols + 1, sizeof *s->cols);
  if (rc < 0)
    return fail(s->b, rc);
  s->cols[s->ncols++] = (colspec){first, last, width};
  return 0;
}

int tertial__xlw_freeze(tertial__xlw_sheet *s, uint32_t row, uint16_t col)
{
  s->has_freeze = row > 0 || col > 0;
  s->frow = row;
  s->fcol = col;
  return 0;
}

int tertial__xlw_page_setup(tertial__xlw_sheet *s, const tertial__xlw_page *p)
{
  int rc = dup_opt(&s->footer, p->footer);
  if (rc < 0)
    return fail(s->b, rc);
  s->page = *p;
  s->page.footer = s->footer;
  s->has_page = 1;
  return 0;
}

static int stage_flush(tertial__xlw_sheet *s, int flush)
{
  tertial__xlw_book *b = s->b;
  z_stream *z = &b->bz;
  s->bcrc = crc32_z(s->bcrc, (const Bytef *)s->stage.data, s->stage.len);
  s->busize += s->stage.len;
  z->next_in = (Bytef *)s->stage.data;
  z->avail_in = (uInt)s->stage.len;
  for (;;) {
    if (s->bcap - s->blen < CHUNK) {
      int rc = tertial__grow((void **)&s->body, &s->bcap, s->blen + CHUNK, 1);
      if (rc < 0)
        return fail(b, rc);
    }
    z->next_out = s->body + s->blen;
    z->avail_out = (uInt)(s->bcap - s->blen);
    uInt before = z->avail_out;
    int r = deflate(z, flush);
    if (r != Z_OK && r != Z_BUF_ERROR)
      return zlib_failed(b, r, "compressing a sheet");
    s->blen += before - z->avail_out;
    if (z->avail_out != 0 && z->avail_in == 0)
      break;
  }
  s->stage.len = 0;
  if (s->stage.data)
    s->stage.data[0] = 0;
  if (flush == Z_NO_FLUSH && s->blen >= SPILL_AT) {
    if (!b->rows_spool) {
      int rc = tertial__temp_stream(&b->rows_spool, b->tmpdir);
      if (rc < 0)
        return fail(b, rc);
    }
    int rc = spool_write(b, b->rows_spool, (const char *)s->body, s->blen);
    if (rc < 0)
      return rc;
    s->spilled += s->blen;
    s->blen = 0;
  }
  return 0;
}

/* The sheet's spilled rows into the open zip entry (their CRC and size come with the rest); the
 * spool is then emptied for the next sheet. */
static int spill_copy(tertial__xlw_sheet *s)
{
  tertial__xlw_book *b = s->b;
  if (!s->spilled)
    return 0;
  uint64_t copied;
  int rc = copy_spool(b, b->rows_spool, 1, &copied);
  if (rc == 0 && copied != s->spilled)
    rc = tertial__error(TERTIAL_ERR_IO, "xlsx: a temporary file holds %llu bytes, not %llu",
                        (unsigned long long)copied, (unsigned long long)s->spilled);
  if (rc == 0 && (fseek(b->rows_spool, 0, SEEK_SET) != 0 || ftruncate(fileno(b->rows_spool), 0) != 0))
    rc = tertial__error(TERTIAL_ERR_IO, "xlsx: emptying a temporary file: %s", strerror(errno));
  return rc < 0 ? fail(b, rc) : 0;
}

static int rec_cmp(const void *x, const void *y)
{
  const cellrec *a = x, *b = y;
  if (a->col != b->col)
    return a->col < b->col ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int put_uint(tertial_strbuf *sb, unsigned long v)
{
  char digits[24];
  return tertial__sb_append_len(sb, digits, format_decimal(digits, (int64_t)v, 0));
}

/* Write the open row into the stage. */
static int row_flush(tertial__xlw_sheet *s)
{
  if (s->row < 0)
    return 0;
  int rc = 0;
  tertial_strbuf *st = &s->stage;
  int has_attr = s->row_height >= 0 || s->row_level > 0;
  if (s->nrecs > 0 || has_attr) {
    rc = tertial__sb_append(st, "<row r=\"");
    if (rc == 0)
      rc = put_uint(st, (unsigned long)s->row + 1);
    if (rc == 0 && s->row_height >= 0) {
      char h[40];
      format_double(h, sizeof h, s->row_height);
      rc = tertial__sb_printf(st, "\" ht=\"%s\" customHeight=\"1", h);
    }
    if (rc == 0 && s->row_level > 0)
      rc = tertial__sb_printf(st, "\" outlineLevel=\"%d", s->row_level);
    if (rc == 0)
      rc = tertial__sb_append(st, s->nrecs ? "\">" : "\"/>");
    int sorted = 1;
    for (size_t i = 1; i < s->nrecs; i++)
      if (s->recs[i].col <= s->recs[i - 1].col)
        sorted = 0;
    if (!sorted)
      qsort(s->recs, s->nrecs, sizeof *s->recs, rec_cmp);
    for (size_t i = 0; rc == 0 && i < s->nrecs; i++)
      if (i + 1 == s->nrecs || s->recs[i + 1].col != s->recs[i].col) /* the last write of a cell */
        rc = tertial__sb_append_len(st, s->cells.data + s->recs[i].off, s->recs[i].len);
    if (rc == 0 && s->nrecs)
      rc = tertial__sb_append(st, "</row>");
  }
  if (rc < 0)
    return fail(s->b, rc);
  if (s->row_level > s->max_level)
    s->max_level = s->row_level;
  s->row = -1;
  s->row_height = -1;
  s->row_level = 0;
  s->nrecs = 0;
  s->cells.len = 0;
  if (st->len >= CHUNK)
    return stage_flush(s, Z_NO_FLUSH);
  return 0;
}

/* Make `row` the open row. */
static int goto_row(tertial__xlw_sheet *s, uint32_t row)
{
  if (s->b->failed)
    return tertial__error(TERTIAL_ERR_STATE, "xlsx: the workbook failed before");
  if (s->b->open != s)
    return fail(s->b, tertial__error(TERTIAL_ERR_STATE, "xlsx: sheet %s is finished", s->name));
  if (row >= TERTIAL__XLW_ROW_MAX)
    return fail(s->b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: row %lu is beyond the last row of a sheet",
                                     (unsigned long)row + 1));
  if (s->row == (int64_t)row)
    return 0;
  if (s->row > (int64_t)row)
    return fail(s->b, tertial__error(TERTIAL_ERR_STATE, "xlsx: sheet %s: row %lu written after row %lu", s->name,
                                     (unsigned long)row + 1, (unsigned long)s->row + 1));
  int rc = row_flush(s);
  if (rc == 0)
    s->row = row;
  return rc;
}

int tertial__xlw_row(tertial__xlw_sheet *s, uint32_t row, double height, int level)
{
  if (level < 0 || level > 7 || height > 409)
    return fail(s->b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: row height %g or outline level %d out of range",
                                     height, level));
  int rc = goto_row(s, row);
  if (rc < 0)
    return rc;
  s->row_height = height;
  s->row_level = level;
  if (height >= 0) {
    if (row >= s->nheights) {
      size_t cap = s->nheights;
      rc = tertial__grow((void **)&s->heights, &cap, (size_t)row + 1, sizeof *s->heights);
      if (rc < 0)
        return fail(s->b, rc);
      memset(s->heights + s->nheights, 0, (cap - s->nheights) * sizeof *s->heights);
      s->nheights = cap;
    }
    s->heights[row] = (float)height;
  }
  return 0;
}

/* Start a cell: "<c r="B5" s="3"" is appended to the row's cells. */
static int cell_begin(tertial__xlw_sheet *s, uint32_t row, uint16_t col, unsigned xf, const char *type)
{
  if (col >= TERTIAL__XLW_COL_MAX)
    return fail(s->b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: column %u is beyond the last column of a sheet",
                                     (unsigned)col + 1));
  int rc = goto_row(s, row);
  if (rc < 0)
    return rc;
  rc = tertial__grow((void **)&s->recs, &s->recs_cap, s->nrecs + 1, sizeof *s->recs);
  if (rc < 0)
    return fail(s->b, rc);
  s->recs[s->nrecs] = (cellrec){col, s->seq++, s->cells.len, 0};
  char ref[24] = "<c r=\"";
  tertial__xlw_cell_ref(ref + 6, row, col, 0);
  rc = tertial__sb_append(&s->cells, ref);
  if (rc == 0 && xf) {
    rc = tertial__sb_append(&s->cells, "\" s=\"");
    if (rc == 0)
      rc = put_uint(&s->cells, xf);
  }
  if (rc == 0 && type)
    rc = tertial__sb_append(&s->cells, type);
  if (rc == 0)
    rc = tertial__sb_append(&s->cells, "\"");
  if (rc < 0)
    return fail(s->b, rc);
  if (!s->any_cell) {
    s->min_row = s->max_row = row;
    s->min_col = s->max_col = col;
    s->any_cell = 1;
  }
  s->max_row = row;
  if (col < s->min_col)
    s->min_col = col;
  if (col > s->max_col)
    s->max_col = col;
  return 0;
}

static int cell_end(tertial__xlw_sheet *s, const char *rest)
{
  int rc = tertial__sb_append(&s->cells, rest);
  if (rc < 0)
    return fail(s->b, rc);
  cellrec *r = &s->recs[s->nrecs++];
  r->len = s->cells.len - r->off;
  return 0;
}

static int cell_value(tertial__xlw_sheet *s, const char *open, const char *value, const char *close)
{
  int rc = tertial__sb_append(&s->cells, open);
  if (rc == 0)
    rc = tertial__sb_append(&s->cells, value);
  if (rc < 0)
    return fail(s->b, rc);
  return cell_end(s, close);
}

static int not_finite(tertial__xlw_sheet *s, uint32_t row, uint16_t col)
{
  char ref[16];
  tertial__xlw_cell_ref(ref, row, col, 0);
  return fail(s->b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: sheet %s, cell %s: not a finite number", s->name, ref));
}

int tertial__xlw_number(tertial__xlw_sheet *s, uint32_t row, uint16_t col, double v, unsigned xf)
{
  char num[40];
  if (format_double(num, sizeof num, v) < 0)
    return not_finite(s, row, col);
  int rc = cell_begin(s, row, col, xf, NULL);
  return rc < 0 ? rc : cell_value(s, "><v>", num, "</v></c>");
}

int tertial__xlw_decimal(tertial__xlw_sheet *s, uint32_t row, uint16_t col, int64_t steps, int decimals, unsigned xf)
{
  if (decimals < 0 || decimals > 9)
    return fail(s->b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: %d decimals", decimals));
  char num[40];
  format_decimal(num, steps, decimals);
  int rc = cell_begin(s, row, col, xf, NULL);
  return rc < 0 ? rc : cell_value(s, "><v>", num, "</v></c>");
}

/* xml:space="preserve" when the text starts or ends with white space. */
static int needs_preserve(const char *t)
{
  size_t n = strlen(t);
  return n > 0 && (strchr(" \t\n\r", t[0]) || strchr(" \t\n\r", t[n - 1]));
}

int tertial__xlw_string(tertial__xlw_sheet *s, uint32_t row, uint16_t col, const char *utf8, unsigned xf)
{
  if (!g_utf8_validate(utf8, -1, NULL)) {
    char ref[16];
    tertial__xlw_cell_ref(ref, row, col, 0);
    return fail(s->b, tertial__error(TERTIAL_ERR_INVALID, "xlsx: sheet %s, cell %s: the text is not valid UTF-8",
                                     s->name, ref));
  }
  /* Excel's limit is 32 767 characters of UTF-16: a character above U+FFFF counts twice, and no
   * character takes fewer bytes than UTF-16 units, so only a text of more bytes is counted */
  size_t units = strlen(utf8);
  if (units > 32767) {
    units = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++)
      units += (*p & 0xC0) != 0x80 ? (*p >= 0xF0 ? 2 : 1) : 0;
  }
  if (units > 32767) {
    char ref[16];
    tertial__xlw_cell_ref(ref, row, col, 0);
    return fail(s->b, tertial__error(TERTIAL_ERR_RANGE,
                                     "xlsx: sheet %s, cell %s: a text of %zu characters; a cell holds at most 32 767",
                                     s->name, ref, units));
  }
  int rc = cell_begin(s, row, col, xf, "\" t=\"inlineStr");
  if (rc == 0)
    rc = tertial__sb_append(&s->cells, needs_preserve(utf8) ? "><is><t xml:space=\"preserve\">" : "><is><t>");
  if (rc == 0)
    rc = tertial__xlw_escape(&s->cells, utf8, 0);
  if (rc < 0)
    return fail(s->b, rc);
  return cell_end(s, "</t></is></c>");
}

int tertial__xlw_blank(tertial__xlw_sheet *s, uint32_t row, uint16_t col, unsigned xf)
{
  int rc = cell_begin(s, row, col, xf, NULL);
  return rc < 0 ? rc : cell_end(s, "/>");
}

static int formula_cell(tertial__xlw_sheet *s, uint32_t row, uint16_t col, const char *formula, const char *type,
                        const char *cached, unsigned xf)
{
  int rc = cell_begin(s, row, col, xf, type);
  if (rc == 0)
    rc = tertial__sb_append(&s->cells, "><f>");
  if (rc == 0)
    rc = tertial__xlw_escape(&s->cells, formula[0] == '=' ? formula + 1 : formula, 0);
  if (rc == 0)
    rc = tertial__sb_append(&s->cells, "</f><v>");
  if (rc == 0)
    rc = tertial__xlw_escape(&s->cells, cached, 0);
  if (rc < 0)
    return fail(s->b, rc);
  return cell_end(s, "</v></c>");
}

int tertial__xlw_formula(tertial__xlw_sheet *s, uint32_t row, uint16_t col, const char *formula, double cached,
                         unsigned xf)
{
  char num[40];
  if (format_double(num, sizeof num, cached) < 0)
    return not_finite(s, row, col);
  return formula_cell(s, row, col, formula, NULL, num, xf);
}

int tertial__xlw_formula_decimal(tertial__xlw_sheet *s, uint32_t row, uint16_t col, const char *formula,
                                 int64_t steps, int decimals, unsigned xf)
{
  if (decimals < 0 || decimals > 9)
    return fail(s->b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: %d decimals", decimals));
  char num[40];
  format_decimal(num, steps, decimals);
  return formula_cell(s, row, col, formula, NULL, num, xf);
}

int tertial__xlw_formula_text(tertial__xlw_sheet *s, uint32_t row, uint16_t col, const char *formula,
                              const char *cached, unsigned xf)
{
  return formula_cell(s, row, col, formula, "\" t=\"str", cached ? cached : "", xf);
}

int tertial__xlw_merge(tertial__xlw_sheet *s, uint32_t r1, uint16_t c1, uint32_t r2, uint16_t c2)
{
  if (r1 > r2 || c1 > c2 || r2 >= TERTIAL__XLW_ROW_MAX || c2 >= TERTIAL__XLW_COL_MAX)
    return fail(s->b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: a merged range out of order or out of the sheet"));
  char a[16], z[16];
  tertial__xlw_cell_ref(a, r1, c1, 0);
  tertial__xlw_cell_ref(z, r2, c2, 0);
  int rc = tertial__sb_printf(&s->merges, "<mergeCell ref=\"%s:%s\"/>", a, z);
  if (rc < 0)
    return fail(s->b, rc);
  s->nmerges++;
  return 0;
}

int tertial__xlw_cond_format(tertial__xlw_sheet *s, const char *sqref, const tertial__xlw_cf_rule *rules, size_t n)
{
  static const char *const op[] = {"", "greaterThanOrEqual", "lessThan", "between", ""};
  tertial_strbuf *sb = &s->cf;
  int rc = tertial__sb_append(sb, "<conditionalFormatting sqref=\"");
  if (rc == 0)
    rc = tertial__xlw_escape(sb, sqref, 1);
  if (rc == 0)
    rc = tertial__sb_append(sb, "\">");
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const tertial__xlw_cf_rule *r = &rules[i];
    if (r->kind < TERTIAL__XLW_CF_GE || r->kind > TERTIAL__XLW_CF_FORMULA || r->dxf >= s->b->ndxfs ||
        (r->kind == TERTIAL__XLW_CF_FORMULA && !r->formula))
      return fail(s->b, tertial__error(TERTIAL_ERR_INVALID, "xlsx: a conditional format rule is not valid"));
    char v[40], m[40];
    if (r->kind != TERTIAL__XLW_CF_FORMULA && (format_double(v, sizeof v, r->value) < 0 ||
                                               format_double(m, sizeof m, r->max) < 0))
      return fail(s->b, tertial__error(TERTIAL_ERR_RANGE, "xlsx: a conditional format's value is not finite"));
    s->priority++;
    if (r->kind == TERTIAL__XLW_CF_FORMULA)
      rc = tertial__sb_printf(sb, "<cfRule type=\"expression\" dxfId=\"%u\" priority=\"%d\"%s><formula>", r->dxf,
                              s->priority, r->stop_if_true ? " stopIfTrue=\"1\"" : "");
    else
      rc = tertial__sb_printf(sb, "<cfRule type=\"cellIs\" dxfId=\"%u\" priority=\"%d\"%s operator=\"%s\"><formula>%s",
                              r->dxf, s->priority, r->stop_if_true ? " stopIfTrue=\"1\"" : "", op[r->kind], v);
    if (rc == 0 && r->kind == TERTIAL__XLW_CF_FORMULA)
      rc = tertial__xlw_escape(sb, r->formula[0] == '=' ? r->formula + 1 : r->formula, 0);
    if (rc == 0 && r->kind == TERTIAL__XLW_CF_BETWEEN)
      rc = tertial__sb_printf(sb, "</formula><formula>%s", m);
    if (rc == 0)
      rc = tertial__sb_append(sb, "</formula></cfRule>");
  }
  if (rc == 0)
    rc = tertial__sb_append(sb, "</conditionalFormatting>");
  return rc < 0 ? fail(s->b, rc) : 0;
}

int tertial__xlw_chart_add(tertial__xlw_sheet *s, const tertial__xlw_chart *c)
{
  tertial__xlw_book *b = s->b;
  if (c->type != TERTIAL__XLW_CHART_BAR && c->type != TERTIAL__XLW_CHART_LINE)
    return fail(b, tertial__error(TERTIAL_ERR_INVALID, "xlsx: unknown chart type %d", c->type));
  int rc = tertial__grow((void **)&s->anchors, &s->anchors_cap, s->nanchors + 1, sizeof *s->anchors);
  if (rc < 0)
    return fail(b, rc);
  tertial_strbuf xml = {0};
  char name[48];
  snprintf(name, sizeof name, "xl/charts/chart%u.xml", b->ncharts + 1);
  rc = tertial__xlw_chart_xml(&xml, c);
  if (rc < 0)
    rc = fail(b, rc);
  if (rc == 0)
    rc = put_part(b, name, xml.data, xml.len);
  tertial__sb_clear(&xml);
  if (rc < 0)
    return rc;
  anchor_spec *a = &s->anchors[s->nanchors++];
  memset(a, 0, sizeof *a);
  a->pos.row = c->row;
  a->pos.col = c->col;
  a->pos.x_offset = c->x_offset;
  a->pos.y_offset = c->y_offset;
  a->pos.width = c->width;
  a->pos.height = c->height;
  a->chart = ++b->ncharts;
  return 0;
}

static uint32_t col_px(void *ctx, uint16_t col)
{
  const tertial__xlw_sheet *s = ctx;
  for (size_t i = s->ncols; i-- > 0;) /* the last setting of a column wins */
    if (col >= s->cols[i].first && col <= s->cols[i].last)
      return tertial__xlw_width_px(s->cols[i].width);
  return 64;
}

static uint32_t row_px(void *ctx, uint32_t row)
{
  const tertial__xlw_sheet *s = ctx;
  if (row < s->nheights && s->heights[row] > 0)
    return (uint32_t)(4.0 / 3.0 * s->heights[row]);
  return 20;
}

/* The sheet's head: everything before <sheetData>. */
static int sheet_head(tertial__xlw_sheet *s, tertial_strbuf *sb)
{
  int rc = tertial__sb_append(sb, XML_DECL "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">");
  if (rc == 0 && s->has_page && (s->page.summary_above || s->page.fit_to_page)) {
    rc = tertial__sb_printf(sb, "<sheetPr>%s%s</sheetPr>", s->page.summary_above ? "<outlinePr summaryBelow=\"0\"/>" : "",
                            s->page.fit_to_page ? "<pageSetUpPr fitToPage=\"1\"/>" : "");
  }
  char a[16], z[16];
  if (s->any_cell) {
    tertial__xlw_cell_ref(a, s->min_row, s->min_col, 0);
    tertial__xlw_cell_ref(z, s->max_row, s->max_col, 0);
  } else {
    strcpy(a, "A1");
    strcpy(z, "A1");
  }
  if (rc == 0)
    rc = strcmp(a, z) == 0 ? tertial__sb_printf(sb, "<dimension ref=\"%s\"/>", a)
                           : tertial__sb_printf(sb, "<dimension ref=\"%s:%s\"/>", a, z);
  if (rc == 0)
    rc = tertial__sb_printf(sb, "<sheetViews><sheetView %sworkbookViewId=\"0\"", s->index == 0 ? "tabSelected=\"1\" " : "");
  if (rc == 0 && !s->has_freeze)
    rc = tertial__sb_append(sb, "/></sheetViews>");
  else if (rc == 0) {
    char top[16], first_col[16], first_row[16];
    tertial__xlw_cell_ref(top, s->frow, s->fcol, 0);
    tertial__xlw_cell_ref(first_col, 0, s->fcol, 0);
    tertial__xlw_cell_ref(first_row, s->frow, 0, 0);
    if (s->frow > 0 && s->fcol > 0)
      rc = tertial__sb_printf(sb,
                              "><pane xSplit=\"%u\" ySplit=\"%lu\" topLeftCell=\"%s\" activePane=\"bottomRight\" "
                              "state=\"frozen\"/><selection pane=\"topRight\" activeCell=\"%s\" sqref=\"%s\"/>"
                              "<selection pane=\"bottomLeft\" activeCell=\"%s\" sqref=\"%s\"/>"
                              "<selection pane=\"bottomRight\"/></sheetView></sheetViews>",
                              (unsigned)s->fcol, (unsigned long)s->frow, top, first_col, first_col, first_row,
                              first_row);
    else if (s->frow > 0)
      rc = tertial__sb_printf(sb,
                              "><pane ySplit=\"%lu\" topLeftCell=\"%s\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                              "<selection pane=\"bottomLeft\"/></sheetView></sheetViews>",
                              (unsigned long)s->frow, top);
    else
      rc = tertial__sb_printf(sb,
                              "><pane xSplit=\"%u\" topLeftCell=\"%s\" activePane=\"topRight\" state=\"frozen\"/>"
                              "<selection pane=\"topRight\"/></sheetView></sheetViews>",
                              (unsigned)s->fcol, top);
  }
  if (rc == 0)
    rc = s->max_level ? tertial__sb_printf(sb, "<sheetFormatPr defaultRowHeight=\"15\" outlineLevelRow=\"%d\"/>",
                                           s->max_level)
                      : tertial__sb_append(sb, "<sheetFormatPr defaultRowHeight=\"15\"/>");
  if (rc == 0 && s->ncols) {
    rc = tertial__sb_append(sb, "<cols>");
    for (size_t i = 0; rc == 0 && i < s->ncols; i++) {
      /* the width Excel stores: whole pixels of the column, in 1/256 of a digit's width */
      double w = floor((double)tertial__xlw_width_px(s->cols[i].width) / 7.0 * 256.0) / 256.0;
      char ws[40];
      format_double(ws, sizeof ws, s->cols[i].width > 0 ? w : 0);
      rc = tertial__sb_printf(sb, "<col min=\"%u\" max=\"%u\" width=\"%s\" customWidth=\"1\"/>",
                              (unsigned)s->cols[i].first + 1, (unsigned)s->cols[i].last + 1, ws);
    }
    if (rc == 0)
      rc = tertial__sb_append(sb, "</cols>");
  }
  if (rc == 0)
    rc = tertial__sb_append(sb, "<sheetData>");
  return rc;
}

static int sheet_tail(tertial__xlw_sheet *s, tertial_strbuf *sb)
{
  int rc = tertial__sb_append(sb, "</sheetData>");
  if (rc == 0 && s->nmerges)
    rc = tertial__sb_printf(sb, "<mergeCells count=\"%zu\">%s</mergeCells>", s->nmerges, s->merges.data);
  if (rc == 0 && s->cf.len)
    rc = tertial__sb_append(sb, s->cf.data);
  if (rc == 0)
    rc = tertial__sb_append(sb, "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" "
                                "footer=\"0.3\"/>");
  if (rc == 0 && s->has_page && (s->page.paper || s->page.landscape || s->page.fit_to_page)) {
    rc = tertial__sb_append(sb, "<pageSetup");
    if (rc == 0 && s->page.paper)
      rc = tertial__sb_printf(sb, " paperSize=\"%d\"", s->page.paper);
    if (rc == 0 && s->page.fit_to_page && s->page.fit_width != 1)
      rc = tertial__sb_printf(sb, " fitToWidth=\"%d\"", s->page.fit_width);
    if (rc == 0 && s->page.fit_to_page && s->page.fit_height != 1)
      rc = tertial__sb_printf(sb, " fitToHeight=\"%d\"", s->page.fit_height);
    if (rc == 0)
      rc = tertial__sb_printf(sb, " orientation=\"%s\"/>", s->page.landscape ? "landscape" : "portrait");
  }
  if (rc == 0 && s->footer && *s->footer) {
    rc = tertial__sb_append(sb, "<headerFooter><oddFooter>");
    if (rc == 0)
      rc = tertial__xlw_escape(sb, s->footer, 0);
    if (rc == 0)
      rc = tertial__sb_append(sb, "</oddFooter></headerFooter>");
  }
  if (rc == 0 && s->nanchors)
    rc = tertial__sb_append(sb, "<drawing r:id=\"rId1\"/>");
  if (rc == 0)
    rc = tertial__sb_append(sb, "</worksheet>");
  return rc;
}

/* The sheet's drawing, its relationships and the sheet's. */
static int sheet_drawing(tertial__xlw_sheet *s)
{
  tertial__xlw_book *b = s->b;
  tertial__xlw_anchor *a = tertial__calloc(s->nanchors, sizeof *a);
  if (!a)
    return fail(b, TERTIAL_ERR_NOMEM);
  for (size_t i = 0; i < s->nanchors; i++)
    tertial__xlw_anchor_of(&a[i], &s->anchors[i].pos, col_px, row_px, s);
  unsigned d = b->ndrawings + 1;
  tertial_strbuf xml = {0};
  char name[64];
  int rc = tertial__xlw_drawing_xml(&xml, a, s->nanchors);
  free(a);
  snprintf(name, sizeof name, "xl/drawings/drawing%u.xml", d);
  if (rc == 0)
    rc = put_part(b, name, xml.data, xml.len);
  xml.len = 0;
  if (rc == 0)
    rc = tertial__sb_append(&xml, XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\">");
  for (size_t i = 0; rc == 0 && i < s->nanchors; i++)
    rc = tertial__sb_printf(&xml,
                            "<Relationship Id=\"rId%zu\" Type=\"" NS_REL "/chart\" Target=\"../charts/chart%u.xml\"/>",
                            i + 1, s->anchors[i].chart);
  if (rc == 0)
    rc = tertial__sb_append(&xml, "</Relationships>");
  snprintf(name, sizeof name, "xl/drawings/_rels/drawing%u.xml.rels", d);
  if (rc == 0)
    rc = put_part(b, name, xml.data, xml.len);
  xml.len = 0;
  if (rc == 0)
    rc = tertial__sb_printf(&xml,
                            XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
                                     "/drawing\" Target=\"../drawings/drawing%u.xml\"/></Relationships>",
                            d);
  snprintf(name, sizeof name, "xl/worksheets/_rels/sheet%d.xml.rels", s->index + 1);
  if (rc == 0)
    rc = put_part(b, name, xml.data, xml.len);
  tertial__sb_clear(&xml);
  if (rc == 0)
    b->ndrawings = d;
  return rc < 0 ? fail(b, rc) : 0;
}

int tertial__xlw_sheet_end(tertial__xlw_sheet *s)
{
  tertial__xlw_book *b = s->b;
  if (b->open != s)
    return fail(b, tertial__error(TERTIAL_ERR_STATE, "xlsx: sheet %s is not the open one", s->name));
  b->open = NULL;
  int rc = b->failed ? tertial__error(TERTIAL_ERR_STATE, "xlsx: the workbook failed before") : 0;
  if (rc == 0)
    rc = row_flush(s);
  if (rc == 0)
    rc = stage_flush(s, Z_SYNC_FLUSH);
  tertial_strbuf part = {0};
  if (rc == 0 && (rc = sheet_head(s, &part)) < 0)
    rc = fail(b, rc);
  char name[48];
  snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", s->index + 1);
  if (rc == 0)
    rc = zip_ready(b);
  if (rc == 0)
    rc = tertial__zipw_begin(b->zip, name);
  if (rc == 0)
    rc = tertial__zipw_deflate(b->zip, part.data, part.len, Z_SYNC_FLUSH);
  if (rc == 0)
    rc = spill_copy(s);
  if (rc == 0)
    rc = tertial__zipw_raw(b->zip, s->body, s->blen, s->bcrc, s->busize);
  part.len = 0;
  if (rc == 0)
    rc = sheet_tail(s, &part);
  if (rc == 0)
    rc = tertial__zipw_deflate(b->zip, part.data, part.len, Z_NO_FLUSH);
  if (rc == 0)
    rc = tertial__zipw_end(b->zip);
  if (rc < 0)
    rc = fail(b, rc);
  tertial__sb_clear(&part);
  if (rc == 0 && s->nanchors)
    rc = sheet_drawing(s);
  sheet_free(s);
  return rc;
}

/* ---- the close ---- */

static int put_rgb(tertial_strbuf *sb, const char *el, const char *attr, uint32_t rgb)
{
  return tertial__sb_printf(sb, "<%s %s=\"FF%06X\"/>", el, attr, (unsigned)(rgb & 0xFFFFFF));
}

static int styles_part(tertial__xlw_book *b)
{
  tertial_strbuf sb = {0};
  size_t n = b->nformats;
  /* fonts, fills, borders and number formats of each format, deduplicated by their XML */
  tertial_strbuf *items = tertial__calloc(3 * (n + 1), sizeof *items);
  char **numfmts = tertial__calloc(n + 1, sizeof *numfmts);
  int rc = items && numfmts ? 0 : TERTIAL_ERR_NOMEM;
  tertial_strbuf *fonts = items, *fills = items + (n + 1), *borders = items + 2 * (n + 1);
  size_t nfonts = 0, nfills = 0, nborders = 0, nnum = 0;
  /* the default format's font, fill (and Excel's required gray125) and border */
  if (rc == 0)
    rc = tertial__sb_append(&fonts[nfonts++], "<font><sz val=\"11\"/><color rgb=\"FF000000\"/><name val=\"Calibri\"/>"
                                              "<family val=\"2\"/></font>");
  if (rc == 0)
    rc = tertial__sb_append(&fills[nfills++], "<fill><patternFill patternType=\"none\"/></fill>");
  if (rc == 0)
    rc = tertial__sb_append(&fills[nfills++], "<fill><patternFill patternType=\"gray125\"/></fill>");
  if (rc == 0)
    rc = tertial__sb_append(&borders[nborders++], "<border><left/><right/><top/><bottom/><diagonal/></border>");
  tertial_strbuf xfs = {0}, item = {0};
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const tertial__xlw_format *f = &b->formats[i].f;
    unsigned font = 0, fill = 0, border = 0, num = 0;
    /* font */
    item.len = 0;
    rc = tertial__sb_printf(&item, "<font>%s%s<sz val=\"%d\"/>", f->bold ? "<b/>" : "", f->italic ? "<i/>" : "",
                            f->font_size ? f->font_size : 11);
    if (rc == 0)
      rc = put_rgb(&item, "color", "rgb", f->has_font_color ? f->font_color : 0);
    if (rc == 0)
      rc = tertial__sb_append(&item, "<name val=\"Calibri\"/><family val=\"2\"/></font>");
    for (font = 0; rc == 0 && font < nfonts && strcmp(fonts[font].data, item.data) != 0; font++)
      ;
    if (rc == 0 && font == nfonts)
      rc = tertial__sb_append(&fonts[nfonts++], item.data);
    /* fill */
    if (rc == 0 && f->has_bg_color) {
      item.len = 0;
      rc = tertial__sb_append(&item, "<fill><patternFill patternType=\"solid\">");
      if (rc == 0)
        rc = put_rgb(&item, "fgColor", "rgb", f->bg_color);
      if (rc == 0)
        rc = tertial__sb_append(&item, "<bgColor indexed=\"64\"/></patternFill></fill>");
      for (fill = 2; rc == 0 && fill < nfills && strcmp(fills[fill].data, item.data) != 0; fill++)
        ;
      if (rc == 0 && fill == nfills)
        rc = tertial__sb_append(&fills[nfills++], item.data);
    }
    /* border */
    if (rc == 0 && (f->border_top || f->border_bottom)) {
      item.len = 0;
      rc = tertial__sb_printf(&item, "<border><left/><right/>%s%s<diagonal/></border>",
                              f->border_top ? "<top style=\"thin\"><color auto=\"1\"/></top>" : "<top/>",
                              f->border_bottom ? "<bottom style=\"thin\"><color auto=\"1\"/></bottom>" : "<bottom/>");
      for (border = 1; rc == 0 && border < nborders && strcmp(borders[border].data, item.data) != 0; border++)
        ;
      if (rc == 0 && border == nborders)
        rc = tertial__sb_append(&borders[nborders++], item.data);
    }
    /* number format: built-in 0 (General), else 164 on */
    if (rc == 0 && f->num_format && *f->num_format && strcmp(f->num_format, "General") != 0) {
      size_t k;
      for (k = 0; k < nnum && strcmp(numfmts[k], f->num_format) != 0; k++)
        ;
      if (k == nnum)
        numfmts[nnum++] = b->formats[i].num_format;
      num = 164 + (unsigned)k;
    }
    if (rc == 0)
      rc = tertial__sb_printf(&xfs, "<xf numFmtId=\"%u\" fontId=\"%u\" fillId=\"%u\" borderId=\"%u\" xfId=\"0\"%s%s%s%s",
                              num, font, fill, border, num ? " applyNumberFormat=\"1\"" : "",
                              font ? " applyFont=\"1\"" : "", fill ? " applyFill=\"1\"" : "",
                              border ? " applyBorder=\"1\"" : "");
    int align = f->align_right || f->valign || f->wrap || f->indent;
    if (rc == 0 && !align)
      rc = tertial__sb_append(&xfs, "/>");
    else if (rc == 0)
      rc = tertial__sb_printf(&xfs, " applyAlignment=\"1\"><alignment%s%s%s", 
                              f->align_right ? " horizontal=\"right\"" : f->indent ? " horizontal=\"left\"" : "",
                              f->valign == TERTIAL__XLW_VTOP      ? " vertical=\"top\""
                              : f->valign == TERTIAL__XLW_VBOTTOM ? " vertical=\"bottom\""
                                                                  : "",
                              f->wrap ? " wrapText=\"1\"" : "");
    if (rc == 0 && align && f->indent)
      rc = tertial__sb_printf(&xfs, " indent=\"%d\"", f->indent);
    if (rc == 0 && align)
      rc = tertial__sb_append(&xfs, "/></xf>");
  }
  if (rc == 0)
    rc = tertial__sb_append(&sb, XML_DECL "<styleSheet xmlns=\"" NS_MAIN "\">");
  if (rc == 0 && nnum) {
    rc = tertial__sb_printf(&sb, "<numFmts count=\"%zu\">", nnum);
    for (size_t k = 0; rc == 0 && k < nnum; k++) {
      rc = tertial__sb_printf(&sb, "<numFmt numFmtId=\"%zu\" formatCode=\"", 164 + k);
      if (rc == 0)
        rc = tertial__xlw_escape(&sb, numfmts[k], 1);
      if (rc == 0)
        rc = tertial__sb_append(&sb, "\"/>");
    }
    if (rc == 0)
      rc = tertial__sb_append(&sb, "</numFmts>");
  }
  struct {
    const char *el;
    tertial_strbuf *list;
    size_t n;
  } groups[3] = {{"fonts", fonts, nfonts}, {"fills", fills, nfills}, {"borders", borders, nborders}};
  for (int g = 0; rc == 0 && g < 3; g++) {
    rc = tertial__sb_printf(&sb, "<%s count=\"%zu\">", groups[g].el, groups[g].n);
    for (size_t k = 0; rc == 0 && k < groups[g].n; k++)
      rc = tertial__sb_append(&sb, groups[g].list[k].data);
    if (rc == 0)
      rc = tertial__sb_printf(&sb, "</%s>", groups[g].el);
  }
  if (rc == 0)
    rc = tertial__sb_printf(&sb,
                            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
                            "</cellStyleXfs><cellXfs count=\"%zu\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
                            "borderId=\"0\" xfId=\"0\"/>%s</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" "
                            "xfId=\"0\" builtinId=\"0\"/></cellStyles>",
                            n + 1, xfs.data ? xfs.data : "");
  if (rc == 0)
    rc = tertial__sb_printf(&sb, "<dxfs count=\"%zu\">", b->ndxfs);
  for (size_t k = 0; rc == 0 && k < b->ndxfs; k++) {
    rc = tertial__sb_append(&sb, "<dxf><font>");
    if (rc == 0)
      rc = put_rgb(&sb, "color", "rgb", b->dxfs[k].font);
    if (rc == 0)
      rc = tertial__sb_append(&sb, "</font><fill><patternFill>");
    if (rc == 0)
      rc = put_rgb(&sb, "bgColor", "rgb", b->dxfs[k].bg);
    if (rc == 0)
      rc = tertial__sb_append(&sb, "</patternFill></fill></dxf>");
  }
  if (rc == 0)
    rc = tertial__sb_append(&sb, "</dxfs><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" "
                                 "defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>");
  if (rc == 0)
    rc = put_part(b, "xl/styles.xml", sb.data, sb.len);
  else
    rc = fail(b, rc);
  for (size_t k = 0; items && k < 3 * (n + 1); k++)
    tertial__sb_clear(&items[k]);
  free(items);
  free(numfmts);
  tertial__sb_clear(&xfs);
  tertial__sb_clear(&item);
  tertial__sb_clear(&sb);
  return rc;
}

static int workbook_part(tertial__xlw_book *b)
{
  static const char head[] = XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
                                      "<workbookPr/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" "
                                      "windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>";
  uint64_t copied;
  int rc = zip_ready(b);
  if (rc == 0)
    rc = tertial__zipw_begin(b->zip, "xl/workbook.xml");
  if (rc == 0)
    rc = tertial__zipw_deflate(b->zip, head, sizeof head - 1, Z_NO_FLUSH);
  if (rc == 0)
    rc = copy_spool(b, b->sheets_spool, 0, &copied);
  const char *mid = b->nnames ? "</sheets><definedNames>" : "</sheets>";
  if (rc == 0)
    rc = tertial__zipw_deflate(b->zip, mid, strlen(mid), Z_NO_FLUSH);
  if (rc == 0 && b->nnames)
    rc = copy_spool(b, b->names_spool, 0, &copied);
  const char *end = b->nnames ? "</definedNames><calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>"
                              : "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>";
  if (rc == 0)
    rc = tertial__zipw_deflate(b->zip, end, strlen(end), Z_NO_FLUSH);
  if (rc == 0)
    rc = tertial__zipw_end(b->zip);
  return rc < 0 ? fail(b, rc) : 0;
}

static int optional_text(tertial_strbuf *sb, const char *el, const char *text)
{
  int rc = tertial__sb_printf(sb, "<%s>", el);
  if (rc == 0 && text)
    rc = tertial__xlw_escape(sb, text, 0);
  if (rc == 0)
    rc = tertial__sb_printf(sb, "</%s>", el);
  return rc;
}

/* Deflate what `sb` gathered into the open entry when it is big, or at the last piece (which
 * ends the entry). */
static int piece(tertial__xlw_book *b, tertial_strbuf *sb, int last)
{
  if (!last && sb->len < CHUNK)
    return 0;
  int rc = tertial__zipw_deflate(b->zip, sb->data, sb->len, Z_NO_FLUSH);
  sb->len = 0;
  if (rc == 0 && last)
    rc = tertial__zipw_end(b->zip);
  return rc;
}

static int package_parts(tertial__xlw_book *b)
{
  tertial_strbuf sb = {0};
  int rc = 0;
#define CT "application/vnd.openxmlformats-officedocument."
  /* [Content_Types].xml and xl/_rels/workbook.xml.rels have an element per sheet: written in
   * pieces, so memory does not grow with the sheets */
  rc = zip_ready(b);
  if (rc == 0)
    rc = tertial__zipw_begin(b->zip, "[Content_Types].xml");
  if (rc == 0)
    rc = tertial__sb_append(&sb, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                 "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
                                 "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                                 "<Override PartName=\"/docProps/app.xml\" ContentType=\"" CT "extended-properties+xml\"/>"
                                 "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-"
                                 "package.core-properties+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"" CT
                                 "spreadsheetml.styles+xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"" CT
                                 "spreadsheetml.sheet.main+xml\"/>");
  for (unsigned i = 1; rc == 0 && i <= b->nsheets; i++)
    if ((rc = tertial__sb_printf(&sb, "<Override PartName=\"/xl/worksheets/sheet%u.xml\" ContentType=\"" CT
                                      "spreadsheetml.worksheet+xml\"/>", i)) == 0)
      rc = piece(b, &sb, 0);
  for (unsigned i = 1; rc == 0 && i <= b->ncharts; i++)
    if ((rc = tertial__sb_printf(&sb, "<Override PartName=\"/xl/charts/chart%u.xml\" ContentType=\"" CT
                                      "drawingml.chart+xml\"/>", i)) == 0)
      rc = piece(b, &sb, 0);
  for (unsigned i = 1; rc == 0 && i <= b->ndrawings; i++)
    if ((rc = tertial__sb_printf(&sb, "<Override PartName=\"/xl/drawings/drawing%u.xml\" ContentType=\"" CT
                                      "drawing+xml\"/>", i)) == 0)
      rc = piece(b, &sb, 0);
  if (rc == 0)
    rc = tertial__sb_append(&sb, "</Types>");
  if (rc == 0)
    rc = piece(b, &sb, 1);
#undef CT
  /* _rels/.rels */
  sb.len = 0;
  if (rc == 0)
    rc = tertial__sb_append(&sb, XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
                                 "/officeDocument\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" Type=\""
                                 "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
                                 "Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"" NS_REL
                                 "/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>");
  if (rc == 0)
    rc = put_part(b, "_rels/.rels", sb.data, sb.len);
  /* xl/_rels/workbook.xml.rels */
  sb.len = 0;
  if (rc == 0)
    rc = tertial__zipw_begin(b->zip, "xl/_rels/workbook.xml.rels");
  if (rc == 0)
    rc = tertial__sb_append(&sb, XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\">");
  for (unsigned i = 1; rc == 0 && i <= b->nsheets; i++)
    if ((rc = tertial__sb_printf(&sb, "<Relationship Id=\"rId%u\" Type=\"" NS_REL "/worksheet\" "
                                      "Target=\"worksheets/sheet%u.xml\"/>", i, i)) == 0)
      rc = piece(b, &sb, 0);
  if (rc == 0)
    rc = tertial__sb_printf(&sb, "<Relationship Id=\"rId%u\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
                                 "</Relationships>", b->nsheets + 1);
  if (rc == 0)
    rc = piece(b, &sb, 1);
  /* docProps/core.xml */
  sb.len = 0;
  char when[32];
  struct tm tm;
  time_t t = b->props.created;
  if (!gmtime_r(&t, &tm))
    memset(&tm, 0, sizeof tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (rc == 0)
    rc = tertial__sb_append(&sb, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
                                 "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                                 "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/"
                                 "dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
  if (rc == 0 && b->title)
    rc = optional_text(&sb, "dc:title", b->title);
  if (rc == 0 && b->subject)
    rc = optional_text(&sb, "dc:subject", b->subject);
  if (rc == 0)
    rc = optional_text(&sb, "dc:creator", b->author);
  if (rc == 0 && b->comments)
    rc = optional_text(&sb, "dc:description", b->comments);
  if (rc == 0)
    rc = optional_text(&sb, "cp:lastModifiedBy", b->author);
  if (rc == 0)
    rc = tertial__sb_printf(&sb, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created><dcterms:modified "
                                 "xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified></cp:coreProperties>",
                            when, when);
  if (rc == 0)
    rc = put_part(b, "docProps/core.xml", sb.data, sb.len);
  /* docProps/app.xml */
  sb.len = 0;
  if (rc == 0)
    rc = tertial__sb_append(&sb, XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                                 "extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                                 "docPropsVTypes\"><Application>Microsoft Excel</Application><DocSecurity>0"
                                 "</DocSecurity><ScaleCrop>false</ScaleCrop>");
  if (rc == 0)
    rc = optional_text(&sb, "Company", b->company);
  if (rc == 0)
    rc = tertial__sb_append(&sb, "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>"
                                 "false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>");
  if (rc == 0)
    rc = put_part(b, "docProps/app.xml", sb.data, sb.len);
  tertial__sb_clear(&sb);
  return rc < 0 ? fail(b, rc) : 0;
}

int tertial__xlw_close(tertial__xlw_book *b)
{
  int rc = b->failed ? tertial__error(TERTIAL_ERR_STATE, "xlsx: the workbook failed before") : 0;
  if (rc == 0 && b->open)
    rc = tertial__xlw_sheet_end(b->open);
  if (rc == 0 && b->nsheets == 0)
    rc = fail(b, tertial__error(TERTIAL_ERR_INVALID, "xlsx: a workbook needs at least one sheet"));
  if (rc == 0)
    rc = workbook_part(b);
  if (rc == 0)
    rc = styles_part(b);
  if (rc == 0)
    rc = package_parts(b);
  if (rc == 0) {
    rc = tertial__zipw_close(b->zip);
    b->zip = NULL;
  }
  tertial__xlw_discard(b);
  return rc;
}
