/**
 * @file render_docx.h
 * @brief A Word document (WordprocessingML, .docx) of a report (tertial_report): the committee's
 * follow-up report.
 *
 * The document has the shape of a committee's follow-up report:
 * - a title block: the municipality (tertial_docx_options::municipality), the committee (the
 *   report's title), the follow-up point and period (the report's subtitle), the date and the
 *   handläggare (tertial_docx_options::author);
 * - a table of contents (a `TOC \o "1-3" \h \z \u` field): the document lists the headings in
 *   it and asks Word or LibreOffice to update the field, with page numbers, when it is opened
 *   (`w:updateFields`);
 * - one Heading 1 per report: the root report's unit (the committee), then each child report
 *   (tertial_report_options::child_depth) down to tertial_docx_options::depth levels, in
 *   pre-order. Under each, Heading 2 sections in the order of a committee report:
 *   Sammanfattning (the round's summary text), Nyckeltal, Ekonomiskt resultat per verksamhet,
 *   Ekonomiskt resultat (report rows), Ackumulerat per månad, Ekonomisk analys och prognos (the
 *   analysis text, then the tables "Prognosens avvikelse mot budget" and the change since the
 *   previous forecast as Heading 3), Åtgärder vid avvikelse (the tables of earlier planned and
 *   new measures as Heading 3, then the row comments of the round), Status (e.g.
 *   "Klarmarkerad av Eva Andersson den 2026-11-05.") and Kontroll av rapporten (the checker's
 *   findings). English headings when the report is English. A heading with nothing under it is
 *   left out: a unit without a summary text has no Sammanfattning heading.
 * - Tables use the table style "TertialTable" (borders, the header row repeated on every page),
 *   fixed column widths that fill the text width of an A4 portrait page, 8 pt text. Amounts are
 *   right-aligned in Swedish notation ("12 345", the groups separated by a no-break space, a
 *   decimal comma, "-" for negatives), in tkr by default, rounded so that lines add up to the
 *   lines they add into (largest remainder along `parent_line`, as in the xlsx workbook);
 *   deviations of follow-up tables are the displayed budget less the displayed outcome or
 *   forecast. Subtotal and total lines are bold, lines are indented by their depth, and
 *   informational lines ("varav interna") are italic.
 * - The styles Normal (Calibri 10 pt, with Liberation Sans as the fallback), Title, Subtitle,
 *   Heading 1–3 (with outline levels, so the table of contents finds them), TOC 1–3, a table
 *   style, and a footer with the committee, the follow-up point and "Sida N av M".
 *
 * The document is made in memory (tertial_render_docx_buffer() returns it; memory grows with
 * the compressed document, not with its XML) and written through a temporary file beside the
 * target, renamed over it only when complete: a failure leaves no partial file and any earlier file intact. The same report and
 * options with a fixed `created` time give the same bytes (the zip's entries are in a fixed
 * order with that time). Text is XML-escaped, invalid UTF-8 becomes U+FFFD and characters XML
 * 1.0 forbids (control characters other than TAB, LF and CR) are left out; a text's line
 * breaks start new paragraphs.
 */
#ifndef TERTIAL_RENDER_DOCX_H
#define TERTIAL_RENDER_DOCX_H

#include "common.h"
#include "money.h"
#include "presentation.h"
#include "report.h"

TERTIAL_BEGIN_DECLS

/** Version of ::tertial_docx_options (2 added `presentation`; 1 is accepted without it). */
#define TERTIAL_DOCX_OPTIONS_VERSION 2

/** Options of tertial_render_docx(). Initialise with ::TERTIAL_DOCX_OPTIONS_INIT. */
typedef struct tertial_docx_options {
  unsigned int version;      /**< ::TERTIAL_DOCX_OPTIONS_VERSION */
  tertial_money_unit unit;   /**< display unit of amounts, default tkr */
  int decimals;              /**< decimals of amounts, 0..3 (0..2 in kr), default 0 */
  int depth;                 /**< child reports down to this many levels below the root report
                                  (as far as the report holds them); -1 (default): all of them;
                                  0: the root report only */
  int64_t created;           /**< the document's date in seconds since 1970 (UTC): the title
                                  block's date, the document properties and the zip entries'
                                  times; 0 (default): now. A fixed time makes the output
                                  byte-for-byte reproducible. */
  const char *author;        /**< handläggare: the title block and the document's author; NULL:
                                  none */
  const char *municipality;  /**< the municipality in the title block; NULL: none */
  /** How amounts are shown (presentation.h): the follow-up columns, signs, deviation sign and
   * headers, and, when it has one, its unit and decimals instead of `unit` and `decimals`. When
   * it chooses columns or changes a sign, each column is rounded along `parent_line` on its own
   * (deviations are not recomputed from the displayed budget). NULL (default): the report as it
   * is. Borrowed for the call. */
  const tertial_presentation *presentation;
} tertial_docx_options;

/** Default options: tkr without decimals, every child report, created now, no author. */
#define TERTIAL_DOCX_OPTIONS_INIT { TERTIAL_DOCX_OPTIONS_VERSION, TERTIAL_UNIT_TKR, 0, -1, 0, NULL, NULL, NULL }

/**
 * Write a report as a Word document (.docx).
 * @param report the report (and its child reports down to options->depth).
 * @param path the document to create or replace (its folder must exist and be writable).
 * @param options NULL for defaults.
 * @return 0, ::TERTIAL_ERR_IO (creating, writing or renaming the file; the message names the
 *         path), ::TERTIAL_ERR_RANGE (decimals, depth below -1), ::TERTIAL_ERR_OVERFLOW,
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL argument, unknown version or unit).
 */
TERTIAL_API int tertial_render_docx(const tertial_report *report, const char *path,
                                    const tertial_docx_options *options);

/**
 * The same document as bytes in memory (a zip: not text).
 * @param out receives the bytes (with a NUL after them); free with tertial_free().
 * @param out_len receives the number of bytes.
 * @param report the report (and its child reports down to options->depth).
 * @param options NULL for defaults.
 * @return as tertial_render_docx() (no ::TERTIAL_ERR_IO).
 */
TERTIAL_API int tertial_render_docx_buffer(char **out, size_t *out_len, const tertial_report *report,
                                           const tertial_docx_options *options);

TERTIAL_END_DECLS

#endif
