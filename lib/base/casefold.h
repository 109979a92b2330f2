/* Internal: case folding and the letters-and-digits key of a text, as GLib's g_utf8_casefold() and
 * g_utf8_normalize(NFKD) give them, without allocating (GLib's abort when memory runs out). Not
 * installed. */
#ifndef TERTIAL_CASEFOLD_H
#define TERTIAL_CASEFOLD_H

#include <stdint.h>

#include "internal.h"

/* The case folding of one character, as g_utf8_casefold() folds it: 1 to 3 characters into out;
 * returns their number. */
int tertial__casefold_char(uint32_t c, uint32_t out[3]);

/* Whether two UTF-8 texts are equal once case-folded (strcmp of their g_utf8_casefold()). */
int tertial__casefold_equal(const char *a, const char *b);

/* Append UTF-8 text s case-folded as g_utf8_casefold() folds it, allocating only through the
 * buffer. Returns 0 or TERTIAL_ERR_NOMEM. */
int tertial__sb_append_casefold(tertial_strbuf *sb, const char *s);

/* Whether `part` occurs in `text` once both are case-folded (strstr of their g_utf8_casefold());
 * "" occurs in every text. */
int tertial__casefold_contains(const char *text, const char *part);

/* Append the letters and digits of UTF-8 text s, case-folded and decomposed (NFKD), accents
 * dropped: "Objekt in" -> "objektin", "Nämnd" -> "namnd". Returns 0 or TERTIAL_ERR_NOMEM. */
int tertial__sb_append_fold_key(tertial_strbuf *sb, const char *s);

#endif
