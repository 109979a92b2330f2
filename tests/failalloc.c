#include "failalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#if FAILALLOC
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

/* -1: off; n: the allocation after n more fails, once. Volatile: the compiler takes malloc for
 * its builtin, which reads no globals. */
static volatile long countdown = -1;
static volatile long live;

/* A failure sets errno as glibc's allocator does (fopen() and others report it). */
static int fail_now(void)
{
  if (countdown < 0 || countdown-- != 0)
    return 0;
  errno = ENOMEM;
  return 1;
}

void *malloc(size_t size)
{
  void *p = fail_now() ? NULL : __libc_malloc(size);
  live += p != NULL;
  return p;
}

void *calloc(size_t n, size_t size)
{
  void *p = fail_now() ? NULL : __libc_calloc(n, size);
  live += p != NULL;
  return p;
}

void *realloc(void *p, size_t size)
{
  if (p && size == 0) {
    live--;
    return __libc_realloc(p, size);
  }
  void *q = fail_now() ? NULL : __libc_realloc(p, size);
  live += q != NULL && p == NULL;
  return q;
}

void free(void *p)
{
  live -= p != NULL;
  __libc_free(p);
}

void failalloc_arm(long k)
{
  countdown = k < 0 ? -1 : k;
}

int failalloc_disarm(void)
{
  int fired = countdown < 0;
  countdown = -1;
  return fired;
}

long failalloc_live(void)
{
  return live;
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

int failalloc_works(void)
{
  fprintf(stderr, "# AddressSanitizer's allocator: out-of-memory paths not checked here\n");
  return 0;
}
#endif
