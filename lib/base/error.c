#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TERTIAL_ERRMSG_SIZE 1024

static _Thread_local char last_message[TERTIAL_ERRMSG_SIZE];
static _Thread_local int last_code;

int tertial__error(int code, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(last_message, sizeof last_message, fmt, ap);
  va_end(ap);
  last_code = code;
  return code;
}

int tertial__nomem(const char *what)
{
  return tertial__error(TERTIAL_ERR_NOMEM, "out of memory (%s)", what);
}

const char *tertial_error_last(void)
{
  return last_message;
}

int tertial_error_last_code(void)
{
  return last_code;
}

void tertial_error_clear(void)
{
  last_message[0] = '\0';
  last_code = TERTIAL_OK;
}

const char *tertial_strerror(int code)
{
  switch (code) {
  case TERTIAL_OK: return "success";
  case TERTIAL_ERR_INVALID: return "invalid argument";
  case TERTIAL_ERR_NOMEM: return "out of memory";
  case TERTIAL_ERR_OVERFLOW: return "amount out of range";
  case TERTIAL_ERR_PARSE: return "malformed input";
  case TERTIAL_ERR_NOT_FOUND: return "not found";
  case TERTIAL_ERR_EXISTS: return "already exists";
  case TERTIAL_ERR_RANGE: return "value out of range";
  case TERTIAL_ERR_IO: return "input/output error";
  case TERTIAL_ERR_STATE: return "operation not allowed in the current state";
  case TERTIAL_ERR_BUFFER: return "buffer too small";
  case TERTIAL_ERR_CANCELLED: return "cancelled";
  case TERTIAL_ERR_CONFLICT: return "changed by someone else since it was read";
  case TERTIAL_ERR_NOT_PERMITTED: return "not permitted";
  default: return "unknown error";
  }
}

void *tertial__malloc(size_t size)
{
  void *p = malloc(size ? size : 1);
  if (!p)
    tertial__nomem("malloc");
  return p;
}

void *tertial__calloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p)
    tertial__nomem("calloc");
  return p;
}

void *tertial__zeroed(size_t n, size_t size)
{
  if (n && size > SIZE_MAX / n) {
    tertial__nomem("array");
    return NULL;
  }
  size_t bytes = n && size ? n * size : 1;
  void *p = malloc(bytes);
  if (!p)
    tertial__nomem("array");
  else {
#if defined(__GNUC__)
    __asm__ volatile("" : "+r"(p)); /* or the compiler folds malloc + memset back into calloc */
#endif
    memset(p, 0, bytes);
  }
  return p;
}

int tertial__grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
  if (need <= *cap)
    return 0;
  size_t ncap = *cap ? *cap : 8;
  while (ncap < need) {
    if (ncap > SIZE_MAX / 2)
      return tertial__nomem("array");
    ncap *= 2;
  }
  if (ncap > SIZE_MAX / elem)
    return tertial__nomem("array");
  void *p = realloc(*ptr, ncap * elem);
  if (!p)
    return tertial__nomem("array");
  *ptr = p;
  *cap = ncap;
  return 0;
}

char *tertial__strdup(const char *s)
{
  size_t n = strlen(s ? s : "") + 1;
  char *p = tertial__malloc(n);
  if (p)
    memcpy(p, s ? s : "", n);
  return p;
}

void tertial_free(void *p)
{
  free(p);
}
