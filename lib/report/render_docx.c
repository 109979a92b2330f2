/* gmtime_r */
#define _POSIX_C_SOURCE 200809L

#include <glib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "zip_write.h"

#include "fileio.h"
#include "presentation_internal.h"
#include "rounded_internal.h"
#include "zip_write.h"

/* A4 portrait in twips (1/1440 inch), 2 cm side margins, 2,5 cm top and bottom. */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_SIDE 1134
#define MARGIN_TB 1418
#define TEXT_W (PAGE_W - 2 * MARGIN_SIDE)
/* Table columns: an amount or share, a date, the least a text column gets; the indent per depth. */
#define NUM_W 900
#define DATE_W 1000
#define MIN_TEXT_W 1700
#define INDENT_W 170
/* document.xml is handed to the zip in pieces of about this size, so memory does not grow with
 * the number of units. */
#define FLUSH_AT (256 * 1024)

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define R_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

enum { PASS_TOC, PASS_BODY };

typedef struct docx {
  const tertial_docx_options *o;
  const tertial_report *root;
  tertial_report *presented; /* the report in the options' presentation, when it is not the default */
  int english;
  int pass;              /* PASS_TOC collects the headings, PASS_BODY writes the document */
  tertial__zipw *zip;
  char *data;            /* the zip's bytes, once it is complete (lib/base/zip_write.c) */
  size_t len;
  tertial_strbuf out;    /* the part being written (document.xml: its unflushed tail) */
  tertial_strbuf toc;    /* the table of contents' entries, from PASS_TOC */
  char date[16];         /* the document's date, yyyy-mm-dd */
  char stamp[32];        /* its time, yyyy-mm-ddThh:mm:ssZ */
  struct tm tm;
} docx;

#define TXT(d, sv, en) ((d)->english ? (en) : (sv))

/* ---- XML text ---- */

/* Append user text as XML character data: valid UTF-8 (invalid bytes become U+FFFD), without
 * the characters XML 1.0 forbids (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF), escaped. In
 * `run` mode (inside <w:t>) a TAB becomes <w:tab/>, and CR and LF are left out (the callers
 * split paragraphs at LF first). */
static int xml_text_len(tertial_strbuf *sb, const char *s, size_t n, int run)
{
  tertial_strbuf clean = {0}, valid = {0};
  int rc = 0;
  const char *p = s, *end = s + n;
  /* the report's text is valid UTF-8 (a copy only for what is not, with U+FFFD) */
  if (!g_utf8_validate_len(s, n, NULL) || memchr(s, '\0', n)) {
    rc = tertial__sb_append_len(&clean, s, n);
    if (rc == 0)
      rc = tertial__sb_append_utf8(&valid, clean.data ? clean.data : "");
    tertial__sb_clear(&clean);
    p = valid.data ? valid.data : "";
    end = p + strlen(p);
  }
  const char *span = p;
  for (; rc == 0 && p < end; p++) {
    unsigned char c = (unsigned char)*p;
    const char *rep = NULL;
    size_t skip = 1;
    if (c == '&')
      rep = "&amp;";
    else if (c == '<')
      rep = "&lt;";
    else if (c == '>')
      rep = "&gt;";
    else if (c == '"')
      rep = "&quot;";
    else if (c == '\t' && run)
      rep = "</w:t><w:tab/><w:t xml:space=\"preserve\">";
    else if (c < 0x20 && (run || (c != '\t' && c != '\n' && c != '\r')))
      rep = "";
    else if (c == 0xEF && end - p >= 3 && (unsigned char)p[1] == 0xBF && ((unsigned char)p[2] & 0xFE) == 0xBE) {
      rep = "";
      skip = 3;
    }
    if (!rep)
      continue;
    rc = tertial__sb_append_len(sb, span, (size_t)(p - span));
    if (rc == 0)
      rc = tertial__sb_append(sb, rep);
    p += skip - 1;
    span = p + 1;
  }
  if (rc == 0)
    rc = tertial__sb_append_len(sb, span, (size_t)(p - span));
  tertial__sb_clear(&valid);
  return rc;
}

static int xml_text(tertial_strbuf *sb, const char *s)
{
  return xml_text_len(sb, s ? s : "", strlen(s ? s : ""), 0);
}

/* A run: <w:r> with run properties (e.g. "<w:b/>", may be "") and the text of one line. */
static int run_len(tertial_strbuf *sb, const char *rpr, const char *s, size_t n)
{
  int rc = tertial__sb_printf(sb, "<w:r>%s%s%s<w:t xml:space=\"preserve\">", *rpr ? "<w:rPr>" : "", rpr,
                              *rpr ? "</w:rPr>" : "");
  if (rc == 0)
    rc = xml_text_len(sb, s, n, 1);
  return rc < 0 ? rc : tertial__sb_append(sb, "</w:t></w:r>");
}

static int run(tertial_strbuf *sb, const char *rpr, const char *s)
{
  return run_len(sb, rpr, s, strlen(s));
}

/* Paragraphs of a text, one per line (LF; a CR before it is dropped), each with the paragraph
 * properties `ppr` (e.g. "<w:pStyle w:val=\"TableText\"/>") and run properties `rpr`. */
static int paragraphs(tertial_strbuf *sb, const char *ppr, const char *rpr, const char *text)
{
  int rc = 0;
  for (const char *p = text ? text : ""; rc == 0 && p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    rc = tertial__sb_printf(sb, "<w:p>%s%s%s", *ppr ? "<w:pPr>" : "", ppr, *ppr ? "</w:pPr>" : "");
    if (rc == 0 && n > 0)
      rc = run_len(sb, rpr, p, n);
    if (rc == 0)
      rc = tertial__sb_append(sb, "</w:p>");
    p = nl ? nl + 1 : NULL;
  }
  return rc;
}

/* ---- the zip ---- */

static int part_open(docx *d, const char *name)
{
  return tertial__zipw_begin(d->zip, name);
}

/* Hand what is buffered of the open part to the zip. */
static int flush(docx *d)
{
  int rc = tertial__zipw_deflate(d->zip, d->out.data ? d->out.data : "", d->out.len, Z_NO_FLUSH);
  d->out.len = 0;
  if (d->out.data)
    d->out.data[0] = '\0';
  return rc;
}

static int part_close(docx *d)
{
  int rc = flush(d);
  return rc < 0 ? rc : tertial__zipw_end(d->zip);
}

/* A whole part from a constant text. */
static int part(docx *d, const char *name, const char *xml)
{
  int rc = part_open(d, name);
  if (rc == 0)
    rc = tertial__sb_append(&d->out, xml);
  return rc < 0 ? rc : part_close(d);
}

/* ---- amounts ---- */

typedef tertial__rounded table;

/* Swedish notation with no-break spaces between the groups, so an amount never wraps. */
static int append_number(tertial_strbuf *sb, const char *text)
{
  int rc = 0;
  for (const char *p = text; rc == 0 && *p; p++)
    rc = *p == ' ' ? tertial__sb_append(sb, "\xC2\xA0") : tertial__sb_append_len(sb, p, 1);
  return rc;
}

/* The text of cell (i, c): "" when empty. */
static int cell_text(tertial_strbuf *sb, const table *t, size_t i, size_t c)
{
  const tertial_report_cell *x = tertial_report_cell_at(t->s, i, c);
  if (tertial_report_column_at(t->s, c)->type == TERTIAL_REPORT_TEXT)
    return x->present ? tertial__sb_append(sb, x->text) : 0;
  char buf[64];
  int rc = tertial__rounded_cell(buf, sizeof buf, t, i, c);
  return rc < 0 ? rc : append_number(sb, buf);
}

/* ---- the document ---- */

/* Append to document.xml, handing it to the zip when enough has gathered (body pass only). */
static int out_check(docx *d, int rc)
{
  return rc == 0 && d->out.len >= FLUSH_AT ? flush(d) : rc;
}

static int heading(docx *d, int level, const char *text)
{
  char ppr[64];
  snprintf(ppr, sizeof ppr, "<w:pStyle w:val=\"%s%d\"/>", d->pass == PASS_TOC ? "TOC" : "Heading", level);
  /* a heading is one paragraph: its line breaks become spaces */
  tertial_strbuf one = {0};
  int rc = 0;
  for (const char *p = text; rc == 0 && *p; p++)
    rc = tertial__sb_append_len(&one, *p == '\n' || *p == '\r' ? " " : p, 1);
  if (rc == 0)
    rc = paragraphs(d->pass == PASS_TOC ? &d->toc : &d->out, ppr, "", one.data ? one.data : "");
  tertial__sb_clear(&one);
  return d->pass == PASS_TOC ? rc : out_check(d, rc);
}

static int body_text(docx *d, const char *ppr, const char *rpr, const char *text)
{
  return d->pass == PASS_TOC ? 0 : out_check(d, paragraphs(&d->out, ppr, rpr, text));
}

static int is_text_column(const tertial_report_column *col)
{
  return col->type == TERTIAL_REPORT_TEXT;
}

/* How much of the text columns' width a text column gets: the first and the ones holding prose
 * (a goal's or reason's name, comments) three shares, short ones (a kind, a status, a value) one. */
static long text_share(const tertial_report_section *s, size_t c)
{
  static const char *const prose[] = {"label", "item", "reason", "unit", "comment", "text", "description", NULL};
  const tertial_report_column *col = tertial_report_column_at(s, c);
  for (size_t k = 0; k < c; k++)
    if (is_text_column(tertial_report_column_at(s, k))) {
      for (size_t i = 0; prose[i]; i++)
        if (strcmp(col->key, prose[i]) == 0)
          return 3;
      return 1;
    }
  return 3; /* the first text column */
}

/* Column widths in twips that fill the text width: amounts and shares NUM_W, dates DATE_W
 * (narrower when the text columns would get less than MIN_TEXT_W each), the text columns share
 * the rest by text_share(). */
static void column_widths(int *w, const tertial_report_section *s)
{
  size_t ntext = 0, nnum = 0, ndate = 0;
  long shares = 0;
  for (size_t c = 0; c < s->column_count; c++) {
    const tertial_report_column *col = tertial_report_column_at(s, c);
    ntext += is_text_column(col);
    shares += is_text_column(col) ? text_share(s, c) : 0;
    ndate += col->type == TERTIAL_REPORT_DATE;
    nnum += col->type == TERTIAL_REPORT_AMOUNT || col->type == TERTIAL_REPORT_SHARE;
  }
  int num = NUM_W, date = DATE_W;
  long fixed = (long)nnum * num + (long)ndate * date;
  if (ntext > 0 && TEXT_W - fixed < (long)ntext * MIN_TEXT_W && nnum + ndate > 0) {
    long each = (TEXT_W - (long)ntext * MIN_TEXT_W) / (long)(nnum + ndate);
    num = date = (int)(each < 500 ? 500 : each);
    fixed = (long)(nnum + ndate) * num;
  }
  long rest = TEXT_W - fixed, given = 0;
  size_t last = 0;
  for (size_t c = 0; c < s->column_count; c++) {
    const tertial_report_column *col = tertial_report_column_at(s, c);
    if (is_text_column(col))
      w[c] = (int)(rest * text_share(s, c) / shares);
    else
      w[c] = col->type == TERTIAL_REPORT_DATE ? date : num;
    given += w[c];
    last = c;
  }
  /* the rounding remainder (or all of it when there is no text column) to a column */
  for (size_t c = 0; c < s->column_count; c++)
    if (is_text_column(tertial_report_column_at(s, c)))
      last = c;
  if (s->column_count > 0)
    w[last] += (int)(TEXT_W - given);
}

/* A column header with soft hyphens (U+00AD) before the parts of the long words of the report's
 * headers ("Ack budget\u00ADavvikelse", "Prognos\u00ADavvikelse", "För\u00ADbrukat", "plane\u00ADrade"),
 * so that a narrow amount column breaks them where a Swedish reader expects, not at the last
 * letter that fits. */
static int header_text(tertial_strbuf *sb, const char *header)
{
  static const char *const parts[] = {"avvikelse", "åtgärder", "kostnader", "intäkter", "prognos", "brukat", "rade"};
  int rc = 0;
  for (const char *p = header; rc == 0 && *p; p++) {
    for (size_t k = 0; rc == 0 && k < sizeof parts / sizeof *parts; k++) {
      size_t n = strlen(parts[k]);
      /* inside a word, not at its start */
      if (p > header && p[-1] != ' ' && strncmp(p, parts[k], n) == 0)
        rc = tertial__sb_append(sb, "\xC2\xAD");
    }
    if (rc == 0)
      rc = tertial__sb_append_len(sb, p, 1);
  }
  return rc;
}

static int cell_open(tertial_strbuf *sb, int width, const char *extra)
{
  return tertial__sb_printf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>%s</w:tcPr>", width, extra);
}

static int table_xml(docx *d, table *t)
{
  const tertial_report_section *s = t->s;
  int *w = tertial__calloc(s->column_count + 1, sizeof *w);
  if (!w)
    return TERTIAL_ERR_NOMEM;
  column_widths(w, s);
  tertial_strbuf *sb = &d->out, cell = {0};
  int rc = tertial__sb_printf(sb, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TertialTable\"/><w:tblW w:w=\"%d\" "
                                  "w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
                              TEXT_W);
  for (size_t c = 0; rc == 0 && c < s->column_count; c++)
    rc = tertial__sb_printf(sb, "<w:gridCol w:w=\"%d\"/>", w[c]);
  /* the header row, repeated at the top of every page the table runs over */
  if (rc == 0)
    rc = tertial__sb_append(sb, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
  for (size_t c = 0; rc == 0 && c < s->column_count; c++) {
    const tertial_report_column *col = tertial_report_column_at(s, c);
    rc = cell_open(sb, w[c], "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"DCE6F0\"/><w:vAlign w:val=\"bottom\"/>");
    cell.len = 0;
    if (rc == 0)
      rc = header_text(&cell, col->header);
    if (rc == 0)
      rc = paragraphs(sb, is_text_column(col) ? "<w:pStyle w:val=\"TableHeading\"/>"
                                              : "<w:pStyle w:val=\"TableHeading\"/><w:jc w:val=\"right\"/>",
                      "", cell.data);
    if (rc == 0)
      rc = tertial__sb_append(sb, "</w:tc>");
  }
  if (rc == 0)
    rc = tertial__sb_append(sb, "</w:tr>");
  int missing = 0;
  for (size_t i = 0; rc == 0 && i < t->nl; i++) {
    const tertial_report_line *l = tertial_report_line_at(s, i);
    int bold = l->style != TERTIAL_STYLE_NORMAL;
    const char *rpr = l->informational ? (bold ? "<w:b/><w:i/>" : "<w:i/>") : bold ? "<w:b/>" : "";
    missing |= l->forecast_missing > 0;
    rc = tertial__sb_append(sb, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    for (size_t c = 0; rc == 0 && c < s->column_count; c++) {
      const tertial_report_column *col = tertial_report_column_at(s, c);
      char ppr[160];
      int depth = l->depth < 0 ? 0 : l->depth > 8 ? 8 : l->depth;
      if (!is_text_column(col))
        snprintf(ppr, sizeof ppr, "<w:pStyle w:val=\"TableText\"/><w:jc w:val=\"right\"/>");
      else if (c == 0 && depth > 0)
        snprintf(ppr, sizeof ppr, "<w:pStyle w:val=\"TableText\"/><w:ind w:left=\"%d\"/>", depth * INDENT_W);
      else
        snprintf(ppr, sizeof ppr, "<w:pStyle w:val=\"TableText\"/>");
      cell.len = 0;
      if (cell.data)
        cell.data[0] = '\0';
      rc = cell_text(&cell, t, i, c);
      if (rc == 0)
        rc = cell_open(sb, w[c],
                       l->style == TERTIAL_STYLE_TOTAL
                           ? "<w:tcBorders><w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/></w:tcBorders>"
                           : "");
      if (rc == 0)
        rc = paragraphs(sb, ppr, rpr, cell.data ? cell.data : "");
      if (rc == 0)
        rc = tertial__sb_append(sb, "</w:tc>");
    }
    if (rc == 0)
      rc = out_check(d, tertial__sb_append(sb, "</w:tr>"));
  }
  if (rc == 0)
    rc = tertial__sb_append(sb, "</w:tbl>");
  if (rc == 0 && missing)
    rc = paragraphs(sb, "<w:pStyle w:val=\"TableText\"/>", "<w:i/>",
                    TXT(d, "* prognos saknas: årets budget används", "* no forecast set: the annual budget is used"));
  /* a paragraph after the table keeps two tables apart */
  if (rc == 0)
    rc = tertial__sb_append(sb, "<w:p/>");
  tertial__sb_clear(&cell);
  free(w);
  return out_check(d, rc);
}

static int section_table(docx *d, const tertial_report *r, const tertial_report_section *s)
{
  if (d->pass == PASS_TOC)
    return 0;
  table t;
  /* the reasons' unit lines show the per-activity table's figures */
  int rc = tertial__rounded_in_report(&t, r, s, d->o->presentation, d->o->unit, d->o->decimals, 1);
  if (rc == 0)
    rc = table_xml(d, &t);
  tertial__rounded_free(&t);
  return rc;
}

/* The section of a kind with lines, or NULL. */
static const tertial_report_section *section_of(const tertial_report *r, tertial_report_section_kind kind)
{
  size_t i;
  if (tertial_report_find_section(&i, r, kind) < 0) {
    tertial_error_clear();
    return NULL;
  }
  const tertial_report_section *s = tertial_report_section_at(r, i);
  return s && s->line_count > 0 ? s : NULL;
}

/* A titled table under a heading of `level`, when the report has the section. */
static int titled_table(docx *d, const tertial_report *r, tertial_report_section_kind kind, int level)
{
  const tertial_report_section *s = section_of(r, kind);
  if (!s)
    return 0;
  int rc = heading(d, level, s->title);
  return rc < 0 ? rc : section_table(d, r, s);
}

/* The texts section's columns and lines (see report.h). */
typedef struct texts {
  const tertial_report_section *s;
  size_t item, row, status, by, date, text;
  long summary, analysis, state; /* line indices, -1 if none */
  size_t comments;               /* number of row comments */
} texts;

static size_t column_of(const tertial_report_section *s, const char *key)
{
  for (size_t c = 0; c < s->column_count; c++)
    if (strcmp(tertial_report_column_at(s, c)->key, key) == 0)
      return c;
  return s->column_count;
}

static const char *text_at(const texts *x, long line, size_t col)
{
  if (line < 0 || col >= x->s->column_count)
    return "";
  const tertial_report_cell *c = tertial_report_cell_at(x->s, (size_t)line, col);
  return c && c->present && c->text ? c->text : "";
}

static void find_texts(texts *x, const tertial_report *r)
{
  memset(x, 0, sizeof *x);
  x->summary = x->analysis = x->state = -1;
  x->s = section_of(r, TERTIAL_SECTION_TEXTS);
  if (!x->s)
    return;
  x->item = column_of(x->s, "item");
  x->row = column_of(x->s, "row");
  x->status = column_of(x->s, "status");
  x->by = column_of(x->s, "by");
  x->date = column_of(x->s, "date");
  x->text = column_of(x->s, "text");
  for (size_t i = 0; i < x->s->line_count; i++) {
    const char *code = tertial_report_line_at(x->s, i)->code;
    if (strcmp(code, "summary") == 0)
      x->summary = (long)i;
    else if (strcmp(code, "analysis") == 0)
      x->analysis = (long)i;
    else if (strcmp(code, "status") == 0)
      x->state = (long)i;
    else
      x->comments++;
  }
}

/* "Klarmarkerad av Eva Andersson den 2026-11-05." and the status's comment. */
static int status_text(docx *d, const texts *x)
{
  if (d->pass == PASS_TOC)
    return 0;
  tertial_strbuf sb = {0};
  const char *by = text_at(x, x->state, x->by);
  int rc = tertial__sb_append(&sb, text_at(x, x->state, x->status));
  if (rc == 0 && *by)
    rc = tertial__sb_printf(&sb, TXT(d, " av %s", " by %s"), by);
  if (rc == 0 && x->date < x->s->column_count) {
    const tertial_report_cell *c = tertial_report_cell_at(x->s, (size_t)x->state, x->date);
    if (c && c->present)
      rc = tertial__sb_printf(&sb, TXT(d, " den %04d-%02d-%02d", " on %04d-%02d-%02d"), c->date.year, c->date.month,
                              c->date.day);
  }
  if (rc == 0)
    rc = tertial__sb_append(&sb, ".");
  if (rc == 0)
    rc = body_text(d, "", "", sb.data);
  tertial__sb_clear(&sb);
  if (rc == 0 && *text_at(x, x->state, x->text))
    rc = body_text(d, "", "", text_at(x, x->state, x->text));
  return rc;
}

static int row_comments(docx *d, const texts *x)
{
  int rc = heading(d, 3, TXT(d, "Kommentarer till raderna", "Comments on the rows"));
  for (size_t i = 0; rc == 0 && i < x->s->line_count; i++) {
    if ((long)i == x->summary || (long)i == x->analysis || (long)i == x->state)
      continue;
    const char *label = text_at(x, (long)i, x->row);
    rc = body_text(d, "<w:keepNext/>", "<w:b/>", *label ? label : tertial_report_line_at(x->s, i)->code);
    if (rc == 0)
      rc = body_text(d, "", "", text_at(x, (long)i, x->text));
  }
  return rc;
}

/* One report: Heading 1 and the sections in the order of a committee report. */
static int emit_report(docx *d, const tertial_report *r)
{
  texts x;
  find_texts(&x, r);
  int rc = heading(d, 1, tertial_report_title(r));
  if (rc == 0)
    rc = body_text(d, "<w:pStyle w:val=\"Subtitle\"/>", "", tertial_report_subtitle(r));
  if (rc == 0 && x.summary >= 0) {
    rc = heading(d, 2, text_at(&x, x.summary, x.item));
    if (rc == 0)
      rc = body_text(d, "", "", text_at(&x, x.summary, x.text));
  }
  static const tertial_report_section_kind tables[] = {TERTIAL_SECTION_KEY_FIGURES, TERTIAL_SECTION_UNITS,
                                                        TERTIAL_SECTION_ROWS, TERTIAL_SECTION_MONTHLY};
  for (size_t k = 0; rc == 0 && k < sizeof tables / sizeof *tables; k++)
    rc = titled_table(d, r, tables[k], 2);
  /* Ekonomisk analys och prognos: the analysis text, the reasons, the change since the previous forecast */
  if (rc == 0 && (x.analysis >= 0 || section_of(r, TERTIAL_SECTION_REASONS) || section_of(r, TERTIAL_SECTION_CHANGE) ||
                  section_of(r, TERTIAL_SECTION_WARNINGS))) {
    rc = heading(d, 2, TXT(d, "Ekonomisk analys och prognos", "Financial analysis and forecast"));
    if (rc == 0 && x.analysis >= 0)
      rc = body_text(d, "", "", text_at(&x, x.analysis, x.text));
    if (rc == 0)
      rc = titled_table(d, r, TERTIAL_SECTION_REASONS, 3);
    if (rc == 0)
      rc = titled_table(d, r, TERTIAL_SECTION_CHANGE, 3);
    if (rc == 0)
      rc = titled_table(d, r, TERTIAL_SECTION_WARNINGS, 3);
  }
  /* Åtgärder vid avvikelse: the measures, then the row comments */
  if (rc == 0 && (x.comments > 0 || section_of(r, TERTIAL_SECTION_MEASURES_FOLLOWUP) ||
                  section_of(r, TERTIAL_SECTION_MEASURES_NEW))) {
    rc = heading(d, 2, TXT(d, "Åtgärder vid avvikelse", "Measures against deviations"));
    if (rc == 0)
      rc = titled_table(d, r, TERTIAL_SECTION_MEASURES_FOLLOWUP, 3);
    if (rc == 0)
      rc = titled_table(d, r, TERTIAL_SECTION_MEASURES_NEW, 3);
    if (rc == 0 && x.comments > 0)
      rc = row_comments(d, &x);
  }
  /* Effektiviseringsåtgärder: the planned efficiency savings, a chapter of their own */
  if (rc == 0)
    rc = titled_table(d, r, TERTIAL_SECTION_EFFICIENCY, 2);
  /* Mål och styrtal: the goals of the unit's subtree with their statuses and styrtal */
  if (rc == 0)
    rc = titled_table(d, r, TERTIAL_SECTION_GOALS, 2);
  /* the planning objects (report_plan.h): the prioritisation list, the internal control follow-up,
   * the unfunded decisions, a chapter each */
  if (rc == 0)
    rc = titled_table(d, r, TERTIAL_SECTION_PRIORITIES, 2);
  if (rc == 0)
    rc = titled_table(d, r, TERTIAL_SECTION_INTCONTROL, 2);
  if (rc == 0)
    rc = titled_table(d, r, TERTIAL_SECTION_UNFUNDED, 2);
  /* the investment budget's projects of the subtree (tertial_report_add_investments()) */
  if (rc == 0)
    rc = titled_table(d, r, TERTIAL_SECTION_INVESTMENTS, 2);
  /* the lines of the applied frame update of the subtree (tertial_report_add_frame_changes()) */
  if (rc == 0)
    rc = titled_table(d, r, TERTIAL_SECTION_FRAME_CHANGES, 2);
  if (rc == 0 && x.state >= 0) {
    rc = heading(d, 2, "Status");
    if (rc == 0)
      rc = status_text(d, &x);
  }
  if (rc == 0)
    rc = titled_table(d, r, TERTIAL_SECTION_FINDINGS, 2);
  return rc;
}

/* The root report, then its child reports down to the depth asked for. */
static int emit_all(docx *d)
{
  int rc = emit_report(d, d->root);
  int base = tertial_report_depth(d->root);
  for (size_t i = 0; rc == 0 && d->o->depth != 0 && i < tertial_report_child_count(d->root); i++) {
    const tertial_report *c = tertial_report_child_at(d->root, i);
    if (d->o->depth < 0 || tertial_report_depth(c) - base <= d->o->depth)
      rc = emit_report(d, c);
  }
  return rc;
}

#define unit_names tertial__unit_words_sv

static int title_line(docx *d, const char *label, const char *value)
{
  tertial_strbuf *sb = &d->out;
  int rc = tertial__sb_append(sb, "<w:p><w:pPr><w:pStyle w:val=\"TitleInfo\"/></w:pPr>");
  if (rc == 0)
    rc = run(sb, "<w:b/>", label);
  if (rc == 0)
    rc = run(sb, "", " ");
  if (rc == 0)
    rc = run(sb, "", value);
  return rc < 0 ? rc : tertial__sb_append(sb, "</w:p>");
}

/* The title block and the table of contents. */
static int front(docx *d)
{
  tertial_strbuf *sb = &d->out;
  const tertial_report *r = d->root;
  int rc = 0;
  if (d->o->municipality && *d->o->municipality)
    rc = paragraphs(sb, "<w:pStyle w:val=\"Subtitle\"/>", "", d->o->municipality);
  if (rc == 0)
    rc = paragraphs(sb, "<w:pStyle w:val=\"Title\"/>", "", tertial_report_title(r));
  /* "Uppföljning – " and the point's name */
  if (rc == 0)
    rc = tertial__sb_append(sb, "<w:p><w:pPr><w:pStyle w:val=\"Subtitle\"/></w:pPr>");
  if (rc == 0)
    rc = run(sb, "", TXT(d, "Uppföljning – ", "Follow-up – "));
  if (rc == 0)
    rc = run(sb, "", tertial_report_point_name(r));
  if (rc == 0)
    rc = tertial__sb_append(sb, "</w:p>");
  if (rc == 0)
    rc = title_line(d, "Period:", tertial_report_subtitle(r));
  if (rc == 0)
    rc = title_line(d, TXT(d, "Datum:", "Date:"), d->date);
  if (rc == 0 && d->o->author && *d->o->author)
    rc = title_line(d, TXT(d, "Handläggare:", "Prepared by:"), d->o->author);
  if (rc == 0)
    rc = title_line(d, TXT(d, "Belopp:", "Amounts:"), TXT(d, unit_names, tertial__unit_words_en)[d->o->unit]);
  if (rc == 0)
    rc = paragraphs(sb, "<w:pStyle w:val=\"TOCHeading\"/>", "", TXT(d, "Innehåll", "Contents"));
  /* The TOC field: its result is the list of headings (without page numbers), which Word and
   * LibreOffice replace with the full table when they update the field on opening. */
  const char *toc = d->toc.data ? d->toc.data : "";
  const char *split = strstr(toc, "</w:pPr>");
  size_t head = split ? (size_t)(split - toc) + strlen("</w:pPr>") : 0;
  if (rc == 0)
    rc = split ? tertial__sb_append_len(sb, toc, head) : tertial__sb_append(sb, "<w:p>");
  if (rc == 0)
    rc = tertial__sb_append(sb, "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>"
                                "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o &quot;1-3&quot; \\h \\z \\u "
                                "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
  if (rc == 0)
    rc = split ? tertial__sb_append(sb, toc + head) : tertial__sb_append(sb, "</w:p>");
  if (rc == 0)
    rc = tertial__sb_append(sb, "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
  return rc;
}

static int document_part(docx *d)
{
  int rc = part_open(d, "word/document.xml");
  if (rc == 0)
    rc = tertial__sb_append(&d->out, XML_DECL "<w:document " W_NS " " R_NS "><w:body>");
  if (rc == 0)
    rc = front(d);
  d->pass = PASS_BODY;
  if (rc == 0)
    rc = emit_all(d);
  if (rc == 0)
    rc = tertial__sb_printf(&d->out,
                            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
                            "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" "
                            "w:left=\"%d\" w:header=\"709\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
                            "</w:body></w:document>",
                            PAGE_W, PAGE_H, MARGIN_TB, MARGIN_SIDE, MARGIN_TB, MARGIN_SIDE);
  return rc < 0 ? rc : part_close(d);
}

/* ---- the other parts ---- */

static const char content_types[] =
    XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char package_rels[] =
    XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
    "Target=\"docProps/app.xml\"/>"
    "</Relationships>";

static const char document_rels[] =
    XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
    "Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" "
    "Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
    "Target=\"footer1.xml\"/>"
    "</Relationships>";

/* Word asks to update the fields (the table of contents) when the document is opened. The
 * elements are in the schema's order, which Word insists on. */
static const char settings[] =
    XML_DECL "<w:settings " W_NS "><w:defaultTabStop w:val=\"709\"/><w:hyphenationZone w:val=\"425\"/>"
    "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:updateFields w:val=\"true\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
    "w:val=\"15\"/></w:compat></w:settings>";

static const char font_table[] =
    XML_DECL "<w:fonts " W_NS ">"
    "<w:font w:name=\"Calibri\"><w:altName w:val=\"Liberation Sans\"/><w:family w:val=\"swiss\"/>"
    "<w:pitch w:val=\"variable\"/></w:font>"
    "</w:fonts>";

#define STYLE_P(id, name, extra) \
  "<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>" extra "</w:style>"

static const char styles_head[] =
    XML_DECL "<w:styles " W_NS ">"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" "
    "w:cs=\"Calibri\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"%s\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"259\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
    "</w:docDefaults>";

/* the styles one by one (C limits the length of a string constant) */
static const char *const styles_body[] = {
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    STYLE_P("Title", "Title", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
            "<w:pPr><w:spacing w:before=\"1200\" w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"52\"/>"
            "<w:szCs w:val=\"52\"/></w:rPr>"),
    STYLE_P("Subtitle", "Subtitle", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
            "<w:pPr><w:spacing w:after=\"160\"/></w:pPr><w:rPr><w:color w:val=\"404040\"/><w:sz w:val=\"26\"/>"
            "<w:szCs w:val=\"26\"/></w:rPr>"),
    STYLE_P("TitleInfo", "Title Info", "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/></w:pPr>"),
    STYLE_P("Heading1", "heading 1", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
            "<w:pPr><w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:spacing w:before=\"240\" w:after=\"160\"/>"
            "<w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"36\"/>"
            "<w:szCs w:val=\"36\"/></w:rPr>"),
    STYLE_P("Heading2", "heading 2", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
            "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"280\" w:after=\"100\"/><w:outlineLvl w:val=\"1\"/>"
            "</w:pPr><w:rPr><w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>"),
    STYLE_P("Heading3", "heading 3", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
            "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/>"
            "</w:pPr><w:rPr><w:b/><w:sz w:val=\"23\"/><w:szCs w:val=\"23\"/></w:rPr>"),
    STYLE_P("TOCHeading", "TOC Heading", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
            "<w:pPr><w:spacing w:before=\"480\" w:after=\"160\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/>"
            "<w:szCs w:val=\"28\"/></w:rPr>"),
    STYLE_P("TOC1", "toc 1", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:tabs>"
            "<w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9628\"/></w:tabs><w:spacing w:before=\"120\" w:after=\"40\"/>"
            "</w:pPr><w:rPr><w:b/></w:rPr>"),
    STYLE_P("TOC2", "toc 2", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:tabs>"
            "<w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9628\"/></w:tabs><w:spacing w:after=\"20\"/>"
            "<w:ind w:left=\"220\"/></w:pPr>"),
    STYLE_P("TOC3", "toc 3", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:tabs>"
            "<w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9628\"/></w:tabs><w:spacing w:after=\"20\"/>"
            "<w:ind w:left=\"440\"/></w:pPr>"),
    STYLE_P("TableText", "Table Text", "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"20\" "
            "w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>"
            "</w:rPr>"),
    STYLE_P("TableHeading", "Table Heading", "<w:basedOn w:val=\"TableText\"/><w:rPr><w:b/><w:sz w:val=\"14\"/>"
            "<w:szCs w:val=\"14\"/></w:rPr>"),
    STYLE_P("Footer", "footer", "<w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"9638\"/>"
            "</w:tabs><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr>"),
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
    "</w:tblCellMar></w:tblPr></w:style>",
    "<w:style w:type=\"table\" w:styleId=\"TertialTable\"><w:name w:val=\"Tertial Table\"/>"
    "<w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:tblPr><w:tblBorders>"
    "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
    "<w:insideH w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"BFBFBF\"/></w:tblBorders>"
    "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
    "</w:tblPr></w:style>",
    "</w:styles>",
};

static int styles_part(docx *d)
{
  int rc = part_open(d, "word/styles.xml");
  if (rc == 0)
    rc = tertial__sb_printf(&d->out, styles_head, d->english ? "en-GB" : "sv-SE");
  for (size_t k = 0; rc == 0 && k < sizeof styles_body / sizeof *styles_body; k++)
    rc = tertial__sb_append(&d->out, styles_body[k]);
  return rc < 0 ? rc : part_close(d);
}

/* The footer: the committee and the point, "Sida N av M" on the right. */
static int footer_part(docx *d)
{
  tertial_strbuf *sb = &d->out;
  int rc = part_open(d, "word/footer1.xml");
  if (rc == 0)
    rc = tertial__sb_append(sb, XML_DECL "<w:ftr " W_NS "><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>");
  if (rc == 0)
    rc = run(sb, "", tertial_report_title(d->root));
  if (rc == 0)
    rc = run(sb, "", " – ");
  if (rc == 0)
    rc = run(sb, "", tertial_report_point_name(d->root));
  if (rc == 0)
    rc = tertial__sb_printf(sb,
                            "<w:r><w:tab/></w:r><w:r><w:t xml:space=\"preserve\">%s </w:t></w:r>"
                            "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
                            "<w:r><w:t xml:space=\"preserve\"> %s </w:t></w:r>"
                            "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
                            "</w:p></w:ftr>",
                            TXT(d, "Sida", "Page"), TXT(d, "av", "of"));
  return rc < 0 ? rc : part_close(d);
}

static int core_part(docx *d)
{
  tertial_strbuf *sb = &d->out;
  int rc = part_open(d, "docProps/core.xml");
  if (rc == 0)
    rc = tertial__sb_append(sb, XML_DECL "<cp:coreProperties "
                                "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                                "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
  if (rc == 0)
    rc = xml_text(sb, tertial_report_title(d->root));
  if (rc == 0)
    rc = tertial__sb_append(sb, "</dc:title><dc:subject>");
  if (rc == 0)
    rc = xml_text(sb, tertial_report_subtitle(d->root));
  if (rc == 0)
    rc = tertial__sb_append(sb, "</dc:subject><dc:creator>");
  if (rc == 0)
    rc = xml_text(sb, d->o->author ? d->o->author : "");
  if (rc == 0)
    rc = tertial__sb_printf(sb,
                            "</dc:creator><dc:language>%s</dc:language>"
                            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
                            "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified></cp:coreProperties>",
                            d->english ? "en-GB" : "sv-SE", d->stamp, d->stamp);
  return rc < 0 ? rc : part_close(d);
}

static int app_part(docx *d)
{
  tertial_strbuf *sb = &d->out;
  int rc = part_open(d, "docProps/app.xml");
  if (rc == 0)
    rc = tertial__sb_append(sb, XML_DECL "<Properties "
                                "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                                "<Application>Tertial ");
  if (rc == 0)
    rc = xml_text(sb, tertial_version());
  if (rc == 0)
    rc = tertial__sb_append(sb, "</Application><Company>");
  if (rc == 0)
    rc = xml_text(sb, d->o->municipality ? d->o->municipality : "");
  if (rc == 0)
    rc = tertial__sb_append(sb, "</Company></Properties>");
  return rc < 0 ? rc : part_close(d);
}

static int write_package(docx *d)
{
  int rc = part(d, "[Content_Types].xml", content_types);
  if (rc == 0)
    rc = part(d, "_rels/.rels", package_rels);
  if (rc == 0)
    rc = core_part(d);
  if (rc == 0)
    rc = app_part(d);
  if (rc == 0)
    rc = part(d, "word/_rels/document.xml.rels", document_rels);
  if (rc == 0)
    rc = styles_part(d);
  if (rc == 0)
    rc = part(d, "word/settings.xml", settings);
  if (rc == 0)
    rc = part(d, "word/fontTable.xml", font_table);
  if (rc == 0)
    rc = footer_part(d);
  if (rc == 0)
    rc = document_part(d);
  return rc;
}

static int check_options(const tertial_docx_options *o)
{
  if ((int)o->unit < TERTIAL_UNIT_KR || o->unit > TERTIAL_UNIT_MKR)
    return tertial__error(TERTIAL_ERR_INVALID, "docx: unknown display unit %d", (int)o->unit);
  if (o->decimals < 0 || o->decimals > 3 || (o->unit == TERTIAL_UNIT_KR && o->decimals > 2))
    return tertial__error(TERTIAL_ERR_RANGE, "docx: %d decimals is not possible in %s", o->decimals,
                          unit_names[o->unit]);
  if (o->depth < -1)
    return tertial__error(TERTIAL_ERR_RANGE, "docx: depth %d (expected -1 or more)", o->depth);
  return 0;
}

/* The document in d->data, d->len (freed by the caller, also on failure). */
static int render(docx *d, const tertial_report *report, const tertial_docx_options *options)
{
  tertial_docx_options o_ = TERTIAL_DOCX_OPTIONS_INIT;
  const tertial_docx_options *given = options ? options : &o_;
  if (given->version != 1 && given->version != TERTIAL_DOCX_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "docx options version %u is not supported (expected 1 to %u)",
                          given->version, TERTIAL_DOCX_OPTIONS_VERSION);
  /* a version-1 struct ends before `presentation`; the presentation's unit and decimals win */
  memcpy(&o_, given, given->version == 1 ? offsetof(tertial_docx_options, presentation) : sizeof o_);
  const tertial_docx_options *o = &o_;
  if (tertial_presentation_unit(o->presentation) >= 0) {
    o_.unit = (tertial_money_unit)tertial_presentation_unit(o->presentation);
    o_.decimals = tertial_presentation_decimals(o->presentation);
  }
  int rc = check_options(o);
  if (rc == 0 && !tertial__presentation_is_default(o->presentation))
    rc = tertial__report_present(&d->presented, report, o->presentation);
  if (rc < 0)
    return rc;
  report = d->presented ? d->presented : report;
  d->o = o;
  d->root = report;
  d->english = tertial_report_english(report);
  time_t when = o->created ? (time_t)o->created : time(NULL);
  if (!gmtime_r(&when, &d->tm) || d->tm.tm_year + 1900 < 1980 || d->tm.tm_year + 1900 > 2107)
    return tertial__error(TERTIAL_ERR_RANGE, "docx: the creation time %lld is not between 1980 and 2107",
                          (long long)o->created);
  strftime(d->date, sizeof d->date, "%Y-%m-%d", &d->tm);
  strftime(d->stamp, sizeof d->stamp, "%Y-%m-%dT%H:%M:%SZ", &d->tm);

  /* first the headings for the table of contents, then the package */
  d->pass = PASS_TOC;
  rc = emit_all(d);
  /* every entry has the document's time, so a fixed time gives the same bytes */
  if (rc == 0)
    rc = tertial__zipw_open_memory(&d->zip, &d->data, &d->len, Z_BEST_SPEED, when);
  if (rc == 0)
    rc = write_package(d);
  if (d->zip) {
    if (rc == 0)
      rc = tertial__zipw_close(d->zip);
    else
      tertial__zipw_discard(d->zip);
    d->zip = NULL;
  }
  tertial__sb_clear(&d->out);
  tertial__sb_clear(&d->toc);
  tertial_report_free(d->presented);
  d->presented = NULL;
  return rc;
}

int tertial_render_docx_buffer(char **out, size_t *out_len, const tertial_report *report,
                               const tertial_docx_options *options)
{
  if (!out || !out_len || !report)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_docx_buffer: NULL argument");
  *out = NULL;
  *out_len = 0;
  docx d;
  memset(&d, 0, sizeof d);
  int rc = render(&d, report, options);
  if (rc < 0) {
    free(d.data);
    return rc;
  }
  *out = d.data;
  *out_len = d.len;
  return 0;
}

int tertial_render_docx(const tertial_report *report, const char *path, const tertial_docx_options *options)
{
  if (!report || !path || !*path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_docx: NULL argument");
  docx d;
  memset(&d, 0, sizeof d);
  int rc = render(&d, report, options);
  if (rc == 0)
    rc = tertial__write_file_atomic(path, d.data, d.len);
  free(d.data);
  return rc;
}
