#include "u64map.h"

#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define EMPTY_KEY UINT64_MAX

static int resize(tertial_u64map *m, size_t ncap)
{
  tertial_u64map_entry *e = tertial__malloc(ncap * sizeof *e);
  if (!e)
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; i < ncap; i++)
    e[i].key = EMPTY_KEY;
  for (size_t i = 0; i < m->cap; i++) {
    if (m->entries[i].key == EMPTY_KEY)
      continue;
    size_t j = tertial__u64map_hash(m->entries[i].key) & (ncap - 1);
    while (e[j].key != EMPTY_KEY)
      j = (j + 1) & (ncap - 1);
    e[j] = m->entries[i];
  }
  free(m->entries);
  m->entries = e;
  m->cap = ncap;
  return 0;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t slot_of(const tertial_u64map *m, uint64_t key)
{
  size_t j = tertial__u64map_hash(key) & (m->cap - 1);
  while (m->entries[j].key != EMPTY_KEY && m->entries[j].key != key)
    j = (j + 1) & (m->cap - 1);
  return j;
}

int tertial__u64map_get(const tertial_u64map *m, uint64_t key, uint32_t *val)
{
  if (!m->cap)
    return 0;
  size_t j = slot_of(m, key);
  if (m->entries[j].key != key)
    return 0;
  *val = m->entries[j].val;
  return 1;
}

static int make_room(tertial_u64map *m)
{
  if ((m->count + 1) * 2 <= m->cap)
    return 0;
  return resize(m, m->cap ? m->cap * 2 : 1024);
}

int tertial__u64map_reserve(tertial_u64map *m, size_t n)
{
  size_t cap = m->cap ? m->cap : 1024;
  while ((m->count + n) * 2 > cap)
    cap *= 2;
  return cap == m->cap ? 0 : resize(m, cap);
}

int tertial__u64map_put(tertial_u64map *m, uint64_t key, uint32_t val)
{
  int rc = make_room(m);
  if (rc < 0)
    return rc;
  size_t j = slot_of(m, key);
  if (m->entries[j].key != key)
    m->count++;
  m->entries[j].key = key;
  m->entries[j].val = val;
  return 0;
}

int tertial__u64map_get_or_put(tertial_u64map *m, uint64_t key, uint32_t fresh, uint32_t *val, int *added)
{
  *added = 0;
  if (m->cap) {
    size_t j = slot_of(m, key);
    if (m->entries[j].key == key) {
      *val = m->entries[j].val;
      return 0;
    }
  }
  int rc = tertial__u64map_put(m, key, fresh);
  if (rc < 0)
    return rc;
  *val = fresh;
  *added = 1;
  return 0;
}

void tertial__u64map_free(tertial_u64map *m)
{
  free(m->entries);
  memset(m, 0, sizeof *m);
}
