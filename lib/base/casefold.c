/* Case folding without allocation (casefold.h). GLib folds a character by a table of the
 * characters whose folding is not their lower case (Unicode's CaseFolding.txt) and by
 * g_unichar_tolower() otherwise; the same here, the table's regular runs as arithmetic.
 * test_casefold compares every character with g_utf8_casefold(). */
#include "casefold.h"

#include <glib.h>
#include <stdlib.h>

typedef struct fold {
  uint32_t c;
  uint32_t to[3];
} fold;

/* Sorted by c; the runs folded by arithmetic in tertial__casefold_char() are not here. */
static const fold folds[] = {
  {0x00B5, {0x03BC}}, {0x00DF, {0x0073, 0x0073}}, {0x0130, {0x0069, 0x0307}}, {0x0149, {0x02BC, 0x006E}},
  {0x017F, {0x0073}}, {0x01F0, {0x006A, 0x030C}}, {0x0345, {0x03B9}}, {0x0390, {0x03B9, 0x0308, 0x0301}},
  {0x03B0, {0x03C5, 0x0308, 0x0301}}, {0x03C2, {0x03C3}}, {0x03D0, {0x03B2}}, {0x03D1, {0x03B8}}, {0x03D5, {0x03C6}},
  {0x03D6, {0x03C0}}, {0x03F0, {0x03BA}}, {0x03F1, {0x03C1}}, {0x03F5, {0x03B5}}, {0x0587, {0x0565, 0x0582}},
  {0x1C80, {0x0432}}, {0x1C81, {0x0434}}, {0x1C82, {0x043E}}, {0x1C83, {0x0441}}, {0x1C84, {0x0442}},
  {0x1C85, {0x0442}}, {0x1C86, {0x044A}}, {0x1C87, {0x0463}}, {0x1C88, {0xA64B}}, {0x1E96, {0x0068, 0x0331}},
  {0x1E97, {0x0074, 0x0308}}, {0x1E98, {0x0077, 0x030A}}, {0x1E99, {0x0079, 0x030A}}, {0x1E9A, {0x0061, 0x02BE}},
  {0x1E9B, {0x1E61}}, {0x1E9E, {0x0073, 0x0073}}, {0x1F50, {0x03C5, 0x0313}}, {0x1F52, {0x03C5, 0x0313, 0x0300}},
  {0x1F54, {0x03C5, 0x0313, 0x0301}}, {0x1F56, {0x03C5, 0x0313, 0x0342}}, {0x1FB2, {0x1F70, 0x03B9}},
  {0x1FB3, {0x03B1, 0x03B9}}, {0x1FB4, {0x03AC, 0x03B9}}, {0x1FB6, {0x03B1, 0x0342}},
  {0x1FB7, {0x03B1, 0x0342, 0x03B9}}, {0x1FBC, {0x03B1, 0x03B9}}, {0x1FBE, {0x03B9}}, {0x1FC2, {0x1F74, 0x03B9}},
  {0x1FC3, {0x03B7, 0x03B9}}, {0x1FC4, {0x03AE, 0x03B9}}, {0x1FC6, {0x03B7, 0x0342}},
  {0x1FC7, {0x03B7, 0x0342, 0x03B9}}, {0x1FCC, {0x03B7, 0x03B9}}, {0x1FD2, {0x03B9, 0x0308, 0x0300}},
  {0x1FD3, {0x03B9, 0x0308, 0x0301}}, {0x1FD6, {0x03B9, 0x0342}}, {0x1FD7, {0x03B9, 0x0308, 0x0342}},
  {0x1FE2, {0x03C5, 0x0308, 0x0300}}, {0x1FE3, {0x03C5, 0x0308, 0x0301}}, {0x1FE4, {0x03C1, 0x0313}},
  {0x1FE6, {0x03C5, 0x0342}}, {0x1FE7, {0x03C5, 0x0308, 0x0342}}, {0x1FF2, {0x1F7C, 0x03B9}},
  {0x1FF3, {0x03C9, 0x03B9}}, {0x1FF4, {0x03CE, 0x03B9}}, {0x1FF6, {0x03C9, 0x0342}},
  {0x1FF7, {0x03C9, 0x0342, 0x03B9}}, {0x1FFC, {0x03C9, 0x03B9}}, {0xFB00, {0x0066, 0x0066}},
  {0xFB01, {0x0066, 0x0069}}, {0xFB02, {0x0066, 0x006C}}, {0xFB03, {0x0066, 0x0066, 0x0069}},
  {0xFB04, {0x0066, 0x0066, 0x006C}}, {0xFB05, {0x0073, 0x0074}}, {0xFB06, {0x0073, 0x0074}},
  {0xFB13, {0x0574, 0x0576}}, {0xFB14, {0x0574, 0x0565}}, {0xFB15, {0x0574, 0x056B}}, {0xFB16, {0x057E, 0x0576}},
  {0xFB17, {0x0574, 0x056D}},
};

static int by_char(const void *key, const void *entry)
{
  uint32_t c = *(const uint32_t *)key, e = ((const fold *)entry)->c;
  return (c > e) - (c < e);
}

int tertial__casefold_char(uint32_t c, uint32_t out[3])
{
  static const uint32_t iota_bases[] = {0x1F00, 0x1F20, 0x1F60};
  if (c >= 0x1F80 && c <= 0x1FAF) { /* Greek with ypogegrammeni: the letter and iota */
    out[0] = iota_bases[(c - 0x1F80) >> 4] + (c & 7);
    out[1] = 0x03B9;
    return 2;
  }
  if (c >= 0x13F8 && c <= 0x13FD) /* Cherokee small letters fold to the capitals */
    out[0] = c - 8;
  else if (c >= 0xAB70 && c <= 0xABBF)
    out[0] = c - 0xAB70 + 0x13A0;
  else if (c >= 0x2160 && c <= 0x216F) /* Roman numerals */
    out[0] = c + 16;
  else if (c >= 0x24B6 && c <= 0x24CF) /* circled letters */
    out[0] = c + 26;
  else {
    const fold *f = bsearch(&c, folds, sizeof folds / sizeof *folds, sizeof *folds, by_char);
    if (!f) {
      out[0] = g_unichar_tolower(c);
      return 1;
    }
    int n = 0;
    for (; n < 3 && f->to[n]; n++)
      out[n] = f->to[n];
    return n;
  }
  return 1;
}

/* The folded characters of a text, one at a time. */
typedef struct folder {
  const char *p;
  uint32_t buf[3];
  int n, i;
} folder;

/* The next folded character; 0 at the end. */
static uint32_t next_folded(folder *f)
{
  if (f->i == f->n) {
    if (!*f->p)
      return 0;
    f->n = tertial__casefold_char(g_utf8_get_char(f->p), f->buf);
    f->i = 0;
    f->p = g_utf8_next_char(f->p);
  }
  return f->buf[f->i++];
}

int tertial__casefold_equal(const char *a, const char *b)
{
  folder x = {a, {0}, 0, 0}, y = {b, {0}, 0, 0};
  for (;;) {
    uint32_t c = next_folded(&x), d = next_folded(&y);
    if (c != d)
      return 0;
    if (!c)
      return 1;
  }
}

int tertial__sb_append_casefold(tertial_strbuf *sb, const char *s)
{
  folder f = {s, {0}, 0, 0};
  int rc = tertial__sb_append_len(sb, "", 0); /* an empty text folds to a string too */
  for (uint32_t c; rc == 0 && (c = next_folded(&f));) {
    char u[6];
    rc = tertial__sb_append_len(sb, u, (size_t)g_unichar_to_utf8(c, u));
  }
  return rc;
}

int tertial__casefold_contains(const char *text, const char *part)
{
  /* strstr() of the folded texts: a folded match of valid UTF-8 starts at a folded character,
   * which may be the second of a character's folding ("ß" is "ss") */
  folder start = {text, {0}, 0, 0};
  for (;;) {
    folder a = start, b = {part, {0}, 0, 0};
    uint32_t c = 0, d;
    while ((d = next_folded(&b)) != 0 && (c = next_folded(&a)) == d)
      ;
    if (!d)
      return 1;
    if (!next_folded(&start))
      return 0;
  }
}

int tertial__sb_append_fold_key(tertial_strbuf *sb, const char *s)
{
  folder f = {s, {0}, 0, 0};
  int rc = tertial__sb_append_len(sb, "", 0); /* an empty key is a string too */
  for (uint32_t c; rc == 0 && (c = next_folded(&f));) {
    gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
    gsize n = g_unichar_fully_decompose(c, TRUE, d, G_N_ELEMENTS(d));
    for (gsize k = 0; rc == 0 && k < n; k++) {
      char u[6];
      if (g_unichar_isalnum(d[k]))
        rc = tertial__sb_append_len(sb, u, (size_t)g_unichar_to_utf8(d[k], u));
    }
  }
  return rc;
}
