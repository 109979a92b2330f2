/* The streaming XML scanner of xml_scan.h. The input is appended to a buffer; whole tokens (a tag,
 * a run of text, a comment, ...) are scanned in it and decoded in place (decoding only shortens),
 * the rest waits for the next piece. Positions are counted only for the consumed part that is
 * dropped and for an error. */
#include "xml_scan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MORE 1 /* a token is not complete yet */

void tertial__xml_scan_init(tertial__xml_scan *x, const char *name, tertial__xml_start_fn start,
                            tertial__xml_end_fn end, tertial__xml_text_fn text, void *data)
{
  *x = (tertial__xml_scan){.start = start, .end = end, .text = text, .data = data, .name = name, .line = 1, .col = 1};
}

void tertial__xml_scan_clear(tertial__xml_scan *x)
{
  free(x->buf);
  tertial__sb_clear(&x->open);
  free(x->opened);
  free(x->names);
  free(x->values);
  tertial__xml_scan_init(x, x->name, x->start, x->end, x->text, x->data);
}

/* Move a position (line, column in characters) over n bytes of UTF-8. */
static void count_position(unsigned long *line, unsigned long *col, const char *s, size_t n)
{
  if (!n)
    return;
  const char *nl = s + n;
  while (nl > s && nl[-1] != '\n')
    nl--;
  if (nl-- > s) {
    for (const char *p = s; (p = memchr(p, '\n', (size_t)(nl + 1 - p))); p++)
      (*line)++;
    *col = 1;
    n -= (size_t)(nl + 1 - s);
    s = nl + 1;
  }
  size_t chars = 0;
  for (size_t i = 0; i < n; i++)
    chars += ((unsigned char)s[i] & 0xC0) != 0x80;
  *col += chars;
}

/* Stop the scan with a malformed-XML error at buf[off]. */
TERTIAL_PRINTF(3, 4) static int fail(tertial__xml_scan *x, size_t off, const char *fmt, ...)
{
  char what[320];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  unsigned long line = x->line, col = x->col;
  count_position(&line, &col, x->buf, off);
  return x->rc = tertial__error(TERTIAL_ERR_PARSE, "%s: malformed XML: line %lu, column %lu: %s", x->name, line, col,
                                what);
}

/* The length of the valid UTF-8 at s (no NUL byte, no overlong form, surrogate or code point
 * beyond U+10FFFF); *cut 1 when what follows is the start of a sequence that the end cuts off. */
static size_t utf8_valid(const unsigned char *s, size_t n, int *cut)
{
  size_t i = 0;
  *cut = 0;
  while (i < n) {
    /* eight ASCII bytes at a time */
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080u) || ((w - 0x0101010101010101u) & ~w & 0x8080808080808080u))
        break;
      i += 8;
    }
    if (i >= n)
      break;
    unsigned c = s[i];
    if (c && c < 0x80) {
      i++;
      continue;
    }
    size_t k;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      k = 1;
    else if (c >= 0xE0 && c <= 0xEF)
      k = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
      k = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
      return i; /* NUL, a continuation byte, C0, C1, F5..FF */
    for (size_t j = 1; j <= k; j++) {
      if (i + j >= n) {
        *cut = 1;
        return i;
      }
      unsigned d = s[i + j];
      if (d < (j == 1 ? lo : 0x80) || d > (j == 1 ? hi : 0xBF))
        return i;
    }
    i += k + 1;
  }
  return i;
}

static int is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The end of a name at s (before end): up to a blank or a character of markup. */
static char *name_end(char *s, const char *end)
{
  while (s < end && !is_space(*s) && !strchr("/>=<&\"'", *s))
    s++;
  return s;
}

/* A character XML allows. */
static int xml_char(unsigned long c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

/* The entity or character reference at r ('&') as UTF-8 in out (at most 4 bytes): its length in
 * the input through ';' and *n the output's length; 0 when it is none. */
static size_t entity(const char *r, const char *end, char *out, size_t *n)
{
  static const struct {
    const char *name;
    char c;
  } named[] = {{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
  size_t avail = (size_t)(end - r) - 1;
  for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
    size_t l = strlen(named[i].name);
    if (avail >= l && memcmp(r + 1, named[i].name, l) == 0) {
      out[0] = named[i].c;
      *n = 1;
      return l + 1;
    }
  }
  if (avail < 3 || r[1] != '#')
    return 0;
  const char *p = r + 2;
  int hex = *p == 'x';
  p += hex;
  unsigned long c = 0;
  const char *digits = p;
  for (; p < end && p - digits < 8; p++) {
    int d = *p >= '0' && *p <= '9' ? *p - '0'
          : hex && *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
          : hex && *p >= 'A' && *p <= 'F' ? *p - 'A' + 10
          : -1;
    if (d < 0)
      break;
    c = c * (hex ? 16 : 10) + (unsigned long)d;
  }
  if (p == digits || p >= end || *p != ';' || !xml_char(c))
    return 0;
  if (c < 0x80) {
    out[0] = (char)c;
    *n = 1;
  } else if (c < 0x800) {
    out[0] = (char)(0xC0 | c >> 6);
    out[1] = (char)(0x80 | (c & 0x3F));
    *n = 2;
  } else if (c < 0x10000) {
    out[0] = (char)(0xE0 | c >> 12);
    out[1] = (char)(0x80 | (c >> 6 & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    *n = 3;
  } else {
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    *n = 4;
  }
  return (size_t)(p + 1 - r);
}

/* Decode text (attr 0) or an attribute value (attr 1) at s..end in place: entities and references,
 * line ends (and in a value blanks) as GMarkup did. Returns the decoded length, or -1 after an
 * error (a bad entity; '<' in a value). */
static long decode(tertial__xml_scan *x, char *s, char *end, int attr)
{
  char *w = s;
  for (char *r = s; r < end; r++) {
    char c = *r;
    if (c == '&') {
      char out[4];
      size_t n, used = entity(r, end, out, &n);
      if (!used) {
        const char *semi = memchr(r, ';', (size_t)(end - r) < 16 ? (size_t)(end - r) : 16);
        if (semi)
          fail(x, (size_t)(r - x->buf), "unknown entity or character reference \"%.*s\"", (int)(semi + 1 - r), r);
        else
          fail(x, (size_t)(r - x->buf), "'&' is not the start of an entity (expected &amp;, &lt;, &gt;, &quot;, "
               "&apos; or a character reference ending in ';')");
        return -1;
      }
      memcpy(w, out, n);
      w += n;
      r += used - 1;
      continue;
    }
    if (c == '\r') {
      r += r + 1 < end && r[1] == '\n';
      c = attr ? ' ' : '\n';
    } else if (attr && (c == '\n' || c == '\t')) {
      c = ' ';
    } else if (attr && c == '<') {
      return fail(x, (size_t)(r - x->buf), "'<' in an attribute value (expected &lt;)"), -1;
    }
    *w++ = c;
  }
  return (long)(w - s);
}

/* Text at buf[pos..q): decoded and passed on inside the root element, else only blanks. */
static int text_run(tertial__xml_scan *x, char *s, char *q)
{
  if (!x->nopen) {
    for (char *p = s; p < q; p++)
      if (!is_space(*p))
        return fail(x, (size_t)(p - x->buf), x->roots ? "text after the root element"
                                                       : "text before the root element (expected an element)");
    return 0;
  }
  long n = decode(x, s, q, 0);
  if (n < 0)
    return x->rc;
  return n && x->text ? x->text(x->data, s, (size_t)n) : 0;
}

/* The end of the markup at p that ends with `close`, searching from p + skip; NULL if not here. */
static char *markup_end(tertial__xml_scan *x, char *p, size_t skip, const char *close)
{
  char *end = x->buf + x->len, *s = p + skip;
  size_t l = strlen(close);
  while (s + l <= end) {
    char *q = memchr(s, close[0], (size_t)(end - s) - l + 1);
    if (!q)
      return NULL;
    if (memcmp(q, close, l) == 0)
      return q;
    s = q + 1;
  }
  return NULL;
}

static int end_tag(tertial__xml_scan *x, char *p)
{
  char *end = x->buf + x->len;
  char *gt = memchr(p, '>', (size_t)(end - p));
  if (!gt)
    return MORE;
  char *n = p + 2, *e = name_end(n, gt), *s = e;
  while (s < gt && is_space(*s))
    s++;
  if (e == n || s != gt)
    return fail(x, (size_t)(p - x->buf), "expected an element name and '>' in an end tag");
  *e = '\0';
  if (!x->nopen)
    return fail(x, (size_t)(p - x->buf), "end tag </%s> with no element open", n);
  const char *top = x->open.data + x->opened[x->nopen - 1];
  if (strcmp(top, n) != 0)
    return fail(x, (size_t)(p - x->buf), "end tag </%s> where <%s> is open", n, top);
  int rc = x->end ? x->end(x->data, top) : 0;
  x->nopen--;
  x->open.len = x->opened[x->nopen];
  x->pos = (size_t)(gt + 1 - x->buf);
  return rc < 0 ? (x->rc = rc) : 0;
}

static int start_tag(tertial__xml_scan *x, char *p)
{
  char *end = x->buf + x->len, *gt = p + 1;
  /* the whole tag first: '>' outside quotes */
  for (char quote = 0; gt < end; gt++) {
    if (quote)
      quote = *gt == quote ? 0 : quote;
    else if (*gt == '"' || *gt == '\'')
      quote = *gt;
    else if (*gt == '>')
      break;
  }
  if (gt >= end)
    return MORE;
  size_t at = (size_t)(p - x->buf);
  if (!x->nopen && x->roots)
    return fail(x, at, "a second root element");
  char *name = p + 1, *ne = name_end(name, gt), *s = ne;
  if (ne == name)
    return fail(x, at, "expected an element name after '<'");
  size_t n = 0;
  int closed = 0;
  for (;;) {
    char *blank = s;
    while (s < gt && is_space(*s))
      s++;
    if (*s == '/' && s + 1 == gt) {
      closed = 1;
      *s = '\0';
      break;
    }
    if (s == gt)
      break;
    char *an = s, *ae = name_end(an, gt);
    if (s == blank || ae == an)
      return fail(x, (size_t)(s - x->buf), "expected an attribute name, '>' or '/>' in <%.*s>", (int)(ne - name),
                  name);
    s = ae;
    while (s < gt && is_space(*s))
      s++;
    if (*s != '=')
      return fail(x, (size_t)(s - x->buf), "expected '=' after the attribute %.*s", (int)(ae - an), an);
    s++;
    while (s < gt && is_space(*s))
      s++;
    if (*s != '"' && *s != '\'')
      return fail(x, (size_t)(s - x->buf), "expected a quoted value of the attribute %.*s", (int)(ae - an), an);
    char *v = s + 1, *ve = memchr(v, *s, (size_t)(gt - v));
    if (!ve) /* cannot be: the quotes were matched when finding '>' */
      return fail(x, (size_t)(s - x->buf), "the value of the attribute %.*s is not closed", (int)(ae - an), an);
    long vn = decode(x, v, ve, 1);
    if (vn < 0)
      return x->rc;
    if (tertial__grow((void **)&x->names, &x->cap_names, n + 2, sizeof *x->names) < 0 ||
        tertial__grow((void **)&x->values, &x->cap_values, n + 2, sizeof *x->values) < 0)
      return x->rc = TERTIAL_ERR_NOMEM;
    *ae = '\0'; /* a blank or '=' already passed */
    v[vn] = '\0';
    for (size_t i = 0; i < n; i++)
      if (strcmp(x->names[i], an) == 0)
        return fail(x, (size_t)(an - x->buf), "the attribute %s twice in <%.*s>", an, (int)(ne - name), name);
    x->names[n] = an;
    x->values[n++] = v;
    s = ve + 1;
  }
  *ne = '\0';
  if (n == 0 && (tertial__grow((void **)&x->names, &x->cap_names, 1, sizeof *x->names) < 0 ||
                 tertial__grow((void **)&x->values, &x->cap_values, 1, sizeof *x->values) < 0))
    return x->rc = TERTIAL_ERR_NOMEM;
  x->names[n] = x->values[n] = NULL;
  x->roots += !x->nopen;
  if (!closed) {
    if (tertial__grow((void **)&x->opened, &x->cap_opened, x->nopen + 1, sizeof *x->opened) < 0)
      return x->rc = TERTIAL_ERR_NOMEM;
    size_t o = x->open.len;
    if (tertial__sb_append_len(&x->open, name, (size_t)(ne - name) + 1) < 0)
      return x->rc = TERTIAL_ERR_NOMEM;
    x->opened[x->nopen++] = o;
  }
  x->pos = (size_t)(gt + 1 - x->buf);
  int rc = x->start ? x->start(x->data, name, x->names, x->values, n) : 0;
  if (rc == 0 && closed && x->end)
    rc = x->end(x->data, name);
  return rc < 0 ? (x->rc = rc) : 0;
}

/* "<!...": a comment, CDATA (text) or a DOCTYPE (refused). */
static int bang(tertial__xml_scan *x, char *p)
{
  size_t avail = x->len - (size_t)(p - x->buf), at = (size_t)(p - x->buf);
  static const char comment[] = "<!--", cdata[] = "<![CDATA[";
  if (avail >= 4 && memcmp(p, comment, 4) == 0) {
    char *q = markup_end(x, p, 4, "-->");
    if (!q)
      return MORE;
    x->pos = (size_t)(q + 3 - x->buf);
    return 0;
  }
  if (avail >= 9 && memcmp(p, cdata, 9) == 0) {
    char *q = markup_end(x, p, 9, "]]>");
    if (!q)
      return MORE;
    if (!x->nopen)
      return fail(x, at, "CDATA outside the root element");
    /* line ends as in text; no entities */
    char *w = p + 9;
    for (char *r = p + 9; r < q; r++) {
      char c = *r;
      if (c == '\r') {
        r += r + 1 < q && r[1] == '\n';
        c = '\n';
      }
      *w++ = c;
    }
    x->pos = (size_t)(q + 3 - x->buf);
    int rc = w > p + 9 && x->text ? x->text(x->data, p + 9, (size_t)(w - (p + 9))) : 0;
    return rc < 0 ? (x->rc = rc) : 0;
  }
  static const char doctype[] = "<!DOCTYPE";
  if ((avail < 4 && memcmp(p, comment, avail) == 0) || (avail < 9 && memcmp(p, cdata, avail) == 0) ||
      (avail < 9 && memcmp(p, doctype, avail) == 0))
    return MORE; /* which one it is comes with the next piece */
  if (avail >= 9 && memcmp(p, doctype, 9) == 0)
    return fail(x, at, "a DOCTYPE (refused: no document type or entity definitions are read)");
  return fail(x, at, "expected a comment or CDATA after '<!'");
}

/* Scan the complete tokens of buf[pos..limit); final: no more input comes. */
static int scan(tertial__xml_scan *x, size_t limit)
{
  size_t len = x->len;
  x->len = limit; /* the tokens end before an invalid byte */
  int rc = 0;
  while (rc == 0 && x->pos < x->len) {
    char *p = x->buf + x->pos;
    if (*p != '<') {
      size_t from = x->text_from > x->pos ? x->text_from : x->pos;
      char *q = memchr(x->buf + from, '<', x->len - from);
      if (!q) {
        x->text_from = x->len;
        rc = MORE;
        break;
      }
      x->text_from = 0;
      rc = text_run(x, p, q);
      x->pos = (size_t)(q - x->buf);
      continue;
    }
    if (x->pos + 2 > x->len) {
      rc = MORE;
      break;
    }
    if (p[1] == '/')
      rc = end_tag(x, p);
    else if (p[1] == '!')
      rc = bang(x, p);
    else if (p[1] == '?') {
      char *q = markup_end(x, p, 2, "?>");
      if (q)
        x->pos = (size_t)(q + 2 - x->buf);
      else
        rc = MORE;
    } else
      rc = start_tag(x, p);
  }
  x->len = len;
  return rc;
}

/* Drop the consumed bytes, counting their lines and columns. */
static void compact(tertial__xml_scan *x)
{
  if (!x->pos)
    return;
  count_position(&x->line, &x->col, x->buf, x->pos);
  memmove(x->buf, x->buf + x->pos, x->len - x->pos);
  x->len -= x->pos;
  x->valid -= x->pos;
  x->text_from = x->text_from > x->pos ? x->text_from - x->pos : 0;
  x->pos = 0;
}

/* Check the new bytes as UTF-8 and scan what is complete; at the end (final) nothing may wait. */
static int run(tertial__xml_scan *x, int final)
{
  int cut = 0;
  size_t ok = x->valid;
  if (x->len > x->valid)
    ok += utf8_valid((const unsigned char *)x->buf + x->valid, x->len - x->valid, &cut);
  x->valid = ok;
  int rc = scan(x, ok);
  if (rc < 0)
    return rc;
  if (ok < x->len && (!cut || final))
    return fail(x, ok, x->buf[ok] ? "invalid UTF-8 (byte 0x%02X)" : "a NUL byte (0x%02X)", (unsigned char)x->buf[ok]);
  if (!final)
    return 0;
  if (x->pos < x->len && x->buf[x->pos] != '<' && !x->nopen) {
    /* blanks after the root element */
    if ((rc = text_run(x, x->buf + x->pos, x->buf + x->len)) < 0)
      return rc;
    x->pos = x->len;
  }
  if (x->pos < x->len && x->buf[x->pos] == '<')
    return fail(x, x->pos, "the document ends inside this markup (expected its end)");
  if (x->nopen)
    return fail(x, x->len, "the document ends with element <%s> open (expected </%s>)",
                x->open.data + x->opened[x->nopen - 1], x->open.data + x->opened[x->nopen - 1]);
  if (!x->roots)
    return fail(x, x->len, "no root element (the document is empty or only blanks)");
  return 0;
}

int tertial__xml_scan_feed(tertial__xml_scan *x, const char *piece, size_t n)
{
  if (x->rc || !n)
    return x->rc;
  compact(x);
  if (tertial__grow((void **)&x->buf, &x->cap, x->len + n, 1) < 0)
    return x->rc = TERTIAL_ERR_NOMEM;
  memcpy(x->buf + x->len, piece, n);
  x->len += n;
  return run(x, 0);
}

int tertial__xml_scan_finish(tertial__xml_scan *x)
{
  if (x->rc)
    return x->rc;
  compact(x);
  return run(x, 1);
}
