/* Internal: an open-addressing hash map from uint64 keys (UINT64_MAX reserved) to uint32. */
#ifndef TERTIAL_U64MAP_H
#define TERTIAL_U64MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct tertial_u64map {
  uint64_t *keys;
  uint32_t *vals;
  size_t cap, count;
} tertial_u64map;

/* Returns 1 and sets *val when key is present, else 0. */
int tertial__u64map_get(const tertial_u64map *m, uint64_t key, uint32_t *val);
/* Insert or replace. Returns 0 or TERTIAL_ERR_NOMEM. */
int tertial__u64map_put(tertial_u64map *m, uint64_t key, uint32_t val);
void tertial__u64map_free(tertial_u64map *m);

#endif
