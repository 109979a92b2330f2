/* Failing allocations in the tests: the test executables interpose malloc, calloc, realloc and
 * free over glibc's (ELF interposition: the library's calls resolve to them), so that the k-th
 * allocation after arming fails, once. Not under AddressSanitizer, ThreadSanitizer or valgrind, which put their
 * own allocators in place: FAILALLOC is then 0 and the tests that need it are left out or say so
 * (failalloc_works()). */
#ifndef TERTIAL_TESTS_FAILALLOC_H
#define TERTIAL_TESTS_FAILALLOC_H

#include <stdlib.h> /* __GLIBC__ */

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#  define FAILALLOC 1
#else
#  define FAILALLOC 0
#endif

/* Fail the allocation after k more (k = 0: the next one), once; k < 0 disarms. */
void failalloc_arm(long k);
/* Disarm; 1 if the armed failure happened. */
int failalloc_disarm(void);
/* Blocks allocated and not freed since the process started, counting every malloc, calloc and
 * realloc of NULL that succeeded and every free (or realloc to 0) of a block: compare it before
 * and after a call to find what a failure path leaked. */
long failalloc_live(void);
/* 1 if this executable's allocator is the interposed one (not under valgrind); else 0, with a
 * line on stderr saying that the out-of-memory paths are not checked. */
int failalloc_works(void);

/* Count (and fail) only the allocations called from the objects (the executable, a shared
 * library) that hold the functions code[0..n-1], so that a test fails its own code's allocations
 * and leaves another library's alone (zlib's, minizip's); n = 0: any
 * caller again. At most 8 objects. */
void failalloc_callers(const void *const *code, int n);

#endif
