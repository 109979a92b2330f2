/* A small streaming XML scanner for the parts of an xlsx workbook (internal, not installed). It is
 * fed the document in pieces and calls back for each start tag, end tag and run of text; it
 * allocates only through the checked helpers of internal.h, so running out of memory is
 * TERTIAL_ERR_NOMEM and never an abort.
 *
 * What it passes on is what GLib's GMarkup passed (the reader used it before): names as written
 * ("x:row"), entities and character references decoded, text untrimmed with CR LF and a lone CR
 * as LF, in attribute values CR LF, CR, LF and TAB as one space each (a character reference
 * stays as written). Unlike GMarkup, CDATA is text (GMarkup dropped it), and a DOCTYPE, '<' in
 * an attribute value and a repeated attribute are errors. The XML declaration, processing
 * instructions and comments are skipped. Each run of text is one call (never split at a piece's
 * end, never empty; a CDATA section is a call of its own); text outside the root element must be
 * whitespace and is not passed on. A malformed document stops the scan with TERTIAL_ERR_PARSE
 * and the message "<name>: malformed XML: line L, column C: what" (column in characters). */
#ifndef TERTIAL_XML_SCAN_H
#define TERTIAL_XML_SCAN_H

#include <stddef.h>

#include "internal.h"

/* The callbacks return 0 to go on, or a negative error code (with its message recorded) that
 * stops the scan and is returned by the feed or finish call. The strings live until the call
 * returns. start's names and values are also NULL-terminated; a self-closing element is a start
 * and an end. */
typedef int (*tertial__xml_start_fn)(void *data, const char *element, const char **names, const char **values,
                                     size_t n);
typedef int (*tertial__xml_end_fn)(void *data, const char *element);
typedef int (*tertial__xml_text_fn)(void *data, const char *text, size_t len);

typedef struct tertial__xml_scan {
  tertial__xml_start_fn start; /* each may be NULL */
  tertial__xml_end_fn end;
  tertial__xml_text_fn text;
  void *data;
  const char *name; /* the document, for messages ("book.xlsx: xl/workbook.xml") */
  /* private */
  char *buf;             /* the unconsumed input */
  size_t len, cap, pos;  /* bytes held, capacity, consumed */
  size_t valid;          /* bytes of buf checked as UTF-8 */
  size_t text_from;      /* where the search for the end of a text run goes on */
  unsigned long line, col; /* the position of buf[0] (1-based) */
  tertial_strbuf open;   /* the open elements' names, each NUL-terminated */
  size_t *opened;        /* their offsets in open */
  size_t nopen, cap_opened;
  const char **names, **values;
  size_t cap_names, cap_values;
  int roots;             /* root elements seen */
  int rc;                /* the error that stopped the scan */
} tertial__xml_scan;

/* Set up a scanner (allocates nothing). name is kept as a pointer. */
void tertial__xml_scan_init(tertial__xml_scan *x, const char *name, tertial__xml_start_fn start,
                            tertial__xml_end_fn end, tertial__xml_text_fn text, void *data);

/* Scan the next n bytes of the document. Returns 0, TERTIAL_ERR_PARSE, TERTIAL_ERR_NOMEM or a
 * callback's code; after an error, every further call returns it again. */
int tertial__xml_scan_feed(tertial__xml_scan *x, const char *piece, size_t n);

/* The end of the document: an error if it ends inside markup, with an element open or without
 * a root element. */
int tertial__xml_scan_finish(tertial__xml_scan *x);

/* Free what the scanner holds (it may be set up again). */
void tertial__xml_scan_clear(tertial__xml_scan *x);

#endif
