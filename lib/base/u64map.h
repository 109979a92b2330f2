/* Internal: an open-addressing hash map from uint64 keys (UINT64_MAX reserved) to uint32.
 * Keys and values sit side by side, so a lookup touches one cache line; a zeroed struct is an
 * empty map. */
#ifndef TERTIAL_U64MAP_H
#define TERTIAL_U64MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct tertial_u64map_entry {
  uint64_t key; /* UINT64_MAX: empty */
  uint32_t val;
} tertial_u64map_entry;

typedef struct tertial_u64map {
  tertial_u64map_entry *entries;
  size_t cap, count; /* cap: a power of two, or 0 */
} tertial_u64map;

static inline size_t tertial__u64map_hash(uint64_t k)
{
  k ^= k >> 33;
  k *= UINT64_C(0xff51afd7ed558ccd);
  k ^= k >> 33;
  return (size_t)k;
}

/* Returns 1 and sets *val when key is present, else 0. */
int tertial__u64map_get(const tertial_u64map *m, uint64_t key, uint32_t *val);
/* Make room for n more keys, so that n puts of new keys cannot fail. Returns 0 or
 * TERTIAL_ERR_NOMEM. */
int tertial__u64map_reserve(tertial_u64map *m, size_t n);
/* Insert or replace. Returns 0 or TERTIAL_ERR_NOMEM. */
int tertial__u64map_put(tertial_u64map *m, uint64_t key, uint32_t val);
/* The value of key; if absent, inserts it with value `fresh` and sets *added. Returns 0 or
 * TERTIAL_ERR_NOMEM (nothing inserted). */
int tertial__u64map_get_or_put(tertial_u64map *m, uint64_t key, uint32_t fresh, uint32_t *val, int *added);
/* Ask the CPU to start fetching the slot of key (a hint for batched lookups; no effect on the
 * map). */
static inline void tertial__u64map_prefetch(const tertial_u64map *m, uint64_t key)
{
  if (m->cap)
    __builtin_prefetch(&m->entries[tertial__u64map_hash(key) & (m->cap - 1)]);
}
void tertial__u64map_free(tertial_u64map *m);

#endif
