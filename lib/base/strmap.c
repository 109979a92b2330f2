#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint64_t hash_str(const char *s)
{
  uint64_t h = UINT64_C(14695981039346656037);
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= UINT64_C(1099511628211);
  }
  return h;
}

static int rehash(tertial_strmap *m, size_t ncap)
{
  const char **keys = tertial__calloc(ncap, sizeof *keys);
  uint32_t *vals = tertial__calloc(ncap, sizeof *vals);
  if (!keys || !vals) {
    free(keys);
    free(vals);
    return TERTIAL_ERR_NOMEM;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i])
      continue;
    size_t j = hash_str(m->keys[i]) & (ncap - 1);
    while (keys[j])
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

int tertial__strmap_put(tertial_strmap *m, const char *key, uint32_t val)
{
  if ((m->count + 1) * 2 > m->cap) {
    int rc = rehash(m, m->cap ? m->cap * 2 : 16);
    if (rc < 0)
      return rc;
  }
  size_t j = hash_str(key) & (m->cap - 1);
  while (m->keys[j] && strcmp(m->keys[j], key) != 0)
    j = (j + 1) & (m->cap - 1);
  if (!m->keys[j])
    m->count++;
  m->keys[j] = key;
  m->vals[j] = val;
  return 0;
}

int tertial__strmap_reserve(tertial_strmap *m, size_t n)
{
  size_t cap = m->cap ? m->cap : 16;
  while ((m->count + n + 1) * 2 > cap)
    cap *= 2;
  return cap > m->cap ? rehash(m, cap) : 0;
}

int tertial__strmap_get(const tertial_strmap *m, const char *key, uint32_t *val)
{
  if (!m->cap)
    return 0;
  size_t j = hash_str(key) & (m->cap - 1);
  while (m->keys[j]) {
    if (strcmp(m->keys[j], key) == 0) {
      *val = m->vals[j];
      return 1;
    }
    j = (j + 1) & (m->cap - 1);
  }
  return 0;
}

void tertial__strmap_free(tertial_strmap *m)
{
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}
