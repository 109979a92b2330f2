#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <pthread.h>

#include "parallel.h"

int tertial__part_error_keep(tertial__part_error *e, int rc)
{
  e->code = rc;
  snprintf(e->message, sizeof e->message, "%s", tertial_error_last());
  return rc;
}

int tertial__part_error_raise(const tertial__part_error *e)
{
  if (e->code >= 0)
    return e->code;
  return tertial__error(e->code, "%s", e->message);
}

int tertial__threads_effective(int setting)
{
  if (setting >= 1)
    return setting > TERTIAL__MAX_THREADS ? TERTIAL__MAX_THREADS : setting;
  unsigned n = g_get_num_processors();
  return n < 1 ? 1 : n > TERTIAL__MAX_THREADS ? TERTIAL__MAX_THREADS : (int)n;
}

typedef struct part_call {
  void (*fn)(void *data, size_t part);
  void *data;
  size_t part;
} part_call;

static void *run_part(void *p)
{
  part_call *c = p;
  c->fn(c->data, c->part);
  return NULL;
}

void tertial__parallel(size_t nparts, void (*fn)(void *data, size_t part), void *data)
{
  if (nparts == 0)
    return;
  /* parts past TERTIAL__MAX_THREADS run on the calling thread */
  size_t nthreads = nparts > TERTIAL__MAX_THREADS ? TERTIAL__MAX_THREADS : nparts;
  part_call calls[TERTIAL__MAX_THREADS];
  pthread_t threads[TERTIAL__MAX_THREADS];
  int started[TERTIAL__MAX_THREADS] = {0};
  for (size_t i = 1; i < nthreads; i++) {
    calls[i] = (part_call){fn, data, i};
    /* pthreads, not GLib's threads, which allocate with g_malloc (an abort when memory runs out);
     * a part whose thread cannot be started runs on this thread below */
    started[i] = pthread_create(&threads[i], NULL, run_part, &calls[i]) == 0;
  }
  fn(data, 0);
  for (size_t i = 1; i < nparts; i++) {
    if (i < nthreads && started[i])
      pthread_join(threads[i], NULL);
    else
      fn(data, i);
  }
}
