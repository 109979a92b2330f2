/* dl_iterate_phdr */
#define _GNU_SOURCE
#include "failalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#if FAILALLOC
#include <link.h>
#include <stdint.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

/* -1: off; n: the allocation after n more fails, once. Both are read and changed atomically:
 * the library allocates on more than one thread (an SIE load reads ahead and fills ledger lines
 * on threads of its own). The atomic builtins also keep the compiler, which takes malloc for its
 * builtin that reads no globals, from caching them. */
static long countdown = -1;
static long live;

static void live_add(long d)
{
  __atomic_fetch_add(&live, d, __ATOMIC_RELAXED);
}

/* The loaded segments of the objects whose callers count (failalloc_callers()); none: all. */
static struct {
  uintptr_t lo, hi;
} ranges[64];
static int nranges;

static int counted(const void *caller)
{
  for (int i = 0; i < nranges; i++)
    if ((uintptr_t)caller >= ranges[i].lo && (uintptr_t)caller < ranges[i].hi)
      return 1;
  return nranges == 0;
}

/* A failure sets errno as glibc's allocator does (fopen() and others report it). */
static int fail_now(const void *caller)
{
  long c = __atomic_load_n(&countdown, __ATOMIC_RELAXED);
  if (c < 0 || !counted(caller))
    return 0;
  while (c >= 0 && !__atomic_compare_exchange_n(&countdown, &c, c - 1, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
    ; /* another thread counted one: c is the count now */
  if (c != 0)
    return 0; /* not this one (or off: -1) */
  errno = ENOMEM;
  return 1;
}

void *malloc(size_t size)
{
  void *p = fail_now(__builtin_return_address(0)) ? NULL : __libc_malloc(size);
  live_add(p != NULL);
  return p;
}

void *calloc(size_t n, size_t size)
{
  void *p = fail_now(__builtin_return_address(0)) ? NULL : __libc_calloc(n, size);
  live_add(p != NULL);
  return p;
}

void *realloc(void *p, size_t size)
{
  if (p && size == 0) {
    live_add(-1);
    return __libc_realloc(p, size);
  }
  void *q = fail_now(__builtin_return_address(0)) ? NULL : __libc_realloc(p, size);
  live_add(q != NULL && p == NULL);
  return q;
}

void free(void *p)
{
  live_add(-(long)(p != NULL));
  __libc_free(p);
}

void failalloc_arm(long k)
{
  __atomic_store_n(&countdown, k < 0 ? -1 : k, __ATOMIC_SEQ_CST);
}

int failalloc_disarm(void)
{
  return __atomic_exchange_n(&countdown, -1, __ATOMIC_SEQ_CST) < 0;
}

long failalloc_live(void)
{
  return __atomic_load_n(&live, __ATOMIC_SEQ_CST);
}

int failalloc_works(void)
{
  void *(*volatile alloc)(size_t) = malloc; /* a call the compiler cannot leave out */
  failalloc_arm(0);
  void *p = alloc(16);
  int fired = failalloc_disarm();
  free(p);
  if (fired && !p)
    return 1;
  fprintf(stderr, "# the allocator is not this test's (valgrind?): out-of-memory paths not checked here\n");
  return 0;
}

/* dl_iterate_phdr's callback: the loaded segments of the object holding `data`'s address. */
static int add_object(struct dl_phdr_info *info, size_t size, void *data)
{
  (void)size;
  uintptr_t code = (uintptr_t)data;
  int holds = 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
    holds |= ph->p_type == PT_LOAD && code >= lo && code < lo + ph->p_memsz;
  }
  for (int i = 0; holds && i < info->dlpi_phnum && nranges < (int)(sizeof ranges / sizeof *ranges); i++)
    if (info->dlpi_phdr[i].p_type == PT_LOAD) {
      ranges[nranges].lo = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
      ranges[nranges].hi = ranges[nranges].lo + info->dlpi_phdr[i].p_memsz;
      nranges++;
    }
  return holds;
}

void failalloc_callers(const void *const *code, int n)
{
  nranges = 0;
  for (int i = 0; i < n && i < 8; i++)
    dl_iterate_phdr(add_object, (void *)code[i]);
}
#else
void failalloc_arm(long k)
{
  (void)k;
}

int failalloc_disarm(void)
{
  return 0;
}

long failalloc_live(void)
{
  return 0;
}

void failalloc_callers(const void *const *code, int n)
{
  (void)code;
  (void)n;
}

int failalloc_works(void)
{
  fprintf(stderr, "# AddressSanitizer's allocator: out-of-memory paths not checked here\n");
  return 0;
}
#endif
