/* Internal: an open-addressing hash map from borrowed NUL-terminated strings to uint32 values.
 * Keys are not copied; they must live as long as the map (they point into owned records). */
#ifndef TERTIAL_STRMAP_H
#define TERTIAL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct tertial_strmap {
  const char **keys;
  uint32_t *vals;
  size_t cap;   /* power of two, or 0 */
  size_t count;
} tertial_strmap;

/* Insert or replace. Returns 0 or TERTIAL_ERR_NOMEM. */
int tertial__strmap_put(tertial_strmap *m, const char *key, uint32_t val);
/* Look up; returns 1 and sets *val when found, else 0. */
int tertial__strmap_get(const tertial_strmap *m, const char *key, uint32_t *val);
/* Make room so that the next n puts of new keys do not allocate (and cannot fail).
 * Returns 0 or TERTIAL_ERR_NOMEM. */
int tertial__strmap_reserve(tertial_strmap *m, size_t n);
void tertial__strmap_free(tertial_strmap *m);

#endif
