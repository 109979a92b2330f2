/* What the planning commands share about stores: telling a store from a text file, so that
 * `tertial investments` and `tertial wheel` read either. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

gboolean cli_is_store(const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char head[16];
  FILE *f = fopen(path, "rb");
  if (!f)
    return FALSE;
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  return n == sizeof head && memcmp(head, magic, sizeof head) == 0;
}
