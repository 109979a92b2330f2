/* Internal: running independent parts of a computation on several threads. Not installed.
 *
 * Parts never share mutable state; each writes its own results and its own error, and the
 * caller merges them in part order, so that the outcome (results, and the first error in part
 * order) does not depend on the number of threads. */
#ifndef TERTIAL_PARALLEL_H
#define TERTIAL_PARALLEL_H

#include "internal.h"

/* The most threads a computation may use (tertial_forecast_set_threads() and the like). */
#define TERTIAL__MAX_THREADS 256

/* An error kept by a part to be raised again on the caller's thread (error messages are per
 * thread). code 0: none. */
typedef struct tertial__part_error {
  int code;
  char message[1024];
} tertial__part_error;

/* Keep the calling thread's last error (rc < 0) in e; returns rc. */
int tertial__part_error_keep(tertial__part_error *e, int rc);

/* Record e as the calling thread's last error; returns its code (0 when e holds none). */
int tertial__part_error_raise(const tertial__part_error *e);

/* The threads a setting asks for: n for 1..TERTIAL__MAX_THREADS, one per processor for 0. */
int tertial__threads_effective(int setting);

/* Run fn(data, part) for part 0..nparts-1, each on a thread of its own; part 0 runs on the
 * calling thread. A thread that cannot be started never fails the computation: its part runs
 * on the calling thread after part 0. Returns when every part has run. */
void tertial__parallel(size_t nparts, void (*fn)(void *data, size_t part), void *data);

#endif
