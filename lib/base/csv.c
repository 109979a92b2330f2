/* One line of delimited text split into its fields in place (internal.h). */
#include "internal.h"

int tertial__csv_split(char *line, char delimiter, char **fields, size_t *lens, int max, int *bad)
{
  int n = 0;
  char *p = line;
  for (;;) {
    while (*p == ' ' || (*p == '\t' && delimiter != '\t'))
      p++;
    if (n == max) {
      *bad = n + 1;
      return -1;
    }
    char *start = p, *end;
    if (*p == '"') {
      char *w = start;
      p++;
      for (;;) {
        if (*p == '\0') {
          *bad = n + 1;
          return -1;
        }
        if (*p == '"' && p[1] == '"') {
          *w++ = '"';
          p += 2;
        } else if (*p == '"') {
          p++;
          break;
        } else {
          *w++ = *p++;
        }
      }
      end = w;
      while (*p == ' ' || (*p == '\t' && delimiter != '\t'))
        p++;
      if (*p != '\0' && *p != delimiter) {
        *bad = n + 1;
        return -1;
      }
    } else {
      while (*p != '\0' && *p != delimiter)
        p++;
      end = p;
      while (end > start && (end[-1] == ' ' || (end[-1] == '\t' && delimiter != '\t')))
        end--;
    }
    char last = *p;
    *end = '\0';
    lens[n] = (size_t)(end - start);
    fields[n++] = start;
    if (last == '\0')
      return n;
    p++;
  }
}
