#include "u64map.h"

#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define EMPTY_KEY UINT64_MAX

static size_t hash_key(uint64_t k)
{
  k ^= k >> 33;
  k *= UINT64_C(0xff51afd7ed558ccd);
  k ^= k >> 33;
  return (size_t)k;
}

static int resize(tertial_u64map *m, size_t ncap)
{
  uint64_t *keys = tertial__malloc(ncap * sizeof *keys);
  uint32_t *vals = tertial__malloc(ncap * sizeof *vals);
  if (!keys || !vals) {
    free(keys);
    free(vals);
    return TERTIAL_ERR_NOMEM;
  }
  memset(keys, 0xff, ncap * sizeof *keys);
  for (size_t i = 0; i < m->cap; i++) {
    if (m->keys[i] == EMPTY_KEY)
      continue;
    size_t j = hash_key(m->keys[i]) & (ncap - 1);
    while (keys[j] != EMPTY_KEY)
      j = (j + 1) & (ncap - 1);
    keys[j] = m->keys[i];
    vals[j] = m->vals[i];
  }
  free(m->keys);
  free(m->vals);
  m->keys = keys;
  m->vals = vals;
  m->cap = ncap;
  return 0;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t slot_of(const tertial_u64map *m, uint64_t key)
{
  size_t j = hash_key(key) & (m->cap - 1);
  while (m->keys[j] != EMPTY_KEY && m->keys[j] != key)
    j = (j + 1) & (m->cap - 1);
  return j;
}

int tertial__u64map_get(const tertial_u64map *m, uint64_t key, uint32_t *val)
{
  if (!m->cap)
    return 0;
  size_t j = slot_of(m, key);
  if (m->keys[j] != key)
    return 0;
  *val = m->vals[j];
  return 1;
}

int tertial__u64map_put(tertial_u64map *m, uint64_t key, uint32_t val)
{
  if ((m->count + 1) * 2 > m->cap) {
    int rc = resize(m, m->cap ? m->cap * 2 : 1024);
    if (rc < 0)
      return rc;
  }
  size_t j = slot_of(m, key);
  if (m->keys[j] != key)
    m->count++;
  m->keys[j] = key;
  m->vals[j] = val;
  return 0;
}

void tertial__u64map_free(tertial_u64map *m)
{
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}
