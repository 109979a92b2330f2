#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tertial__sb_append_len(tertial_strbuf *sb, const char *s, size_t n)
{
  int rc = tertial__grow((void **)&sb->data, &sb->cap, sb->len + n + 1, 1);
  if (rc < 0)
    return rc;
  memcpy(sb->data + sb->len, s, n);
  sb->len += n;
  sb->data[sb->len] = '\0';
  return 0;
}

int tertial__sb_append(tertial_strbuf *sb, const char *s)
{
  return tertial__sb_append_len(sb, s, strlen(s));
}

int tertial__sb_vprintf(tertial_strbuf *sb, const char *fmt, va_list ap)
{
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  if (n < 0) {
    va_end(ap2);
    return tertial__error(TERTIAL_ERR_INVALID, "bad format string");
  }
  int rc = tertial__grow((void **)&sb->data, &sb->cap, sb->len + (size_t)n + 1, 1);
  if (rc == 0) {
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap2);
    sb->len += (size_t)n;
  }
  va_end(ap2);
  return rc;
}

int tertial__sb_printf(tertial_strbuf *sb, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int rc = tertial__sb_vprintf(sb, fmt, ap);
  va_end(ap);
  return rc;
}

int tertial__sb_pad(tertial_strbuf *sb, char c, size_t count)
{
  int rc = tertial__grow((void **)&sb->data, &sb->cap, sb->len + count + 1, 1);
  if (rc < 0)
    return rc;
  memset(sb->data + sb->len, c, count);
  sb->len += count;
  sb->data[sb->len] = '\0';
  return 0;
}

char *tertial__sb_steal(tertial_strbuf *sb)
{
  char *p = sb->data;
  if (!p)
    p = tertial__strdup("");
  sb->data = NULL;
  sb->len = sb->cap = 0;
  return p;
}

void tertial__sb_clear(tertial_strbuf *sb)
{
  free(sb->data);
  sb->data = NULL;
  sb->len = sb->cap = 0;
}

char *tertial__next_line(char **next)
{
  char *line = *next, *nl = strchr(line, '\n');
  if (nl)
    *nl = '\0';
  *next = nl ? nl + 1 : NULL;
  return line;
}
