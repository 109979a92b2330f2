/* mkstemp, fchmod, fsync, fileno */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

int tertial__sb_append_utf8(tertial_strbuf *sb, const char *s)
{
  size_t len = strlen(s);
  int rc = 0;
  while (rc == 0 && len > 0) {
    const gchar *end;
    if (g_utf8_validate(s, (gssize)len, &end))
      return tertial__sb_append_len(sb, s, len);
    size_t good = (size_t)(end - s);
    rc = tertial__sb_append_len(sb, s, good);
    if (rc == 0)
      rc = tertial__sb_append(sb, "\xEF\xBF\xBD");
    s += good + 1;
    len -= good + 1;
  }
  return rc;
}

/* A new, empty file beside path, named ".NAME." plus mkstemp()'s unique suffix, to write before
 * renaming it over path. */
int tertial__temp_file_for(char **out, const char *path)
{
  const char *slash = strrchr(path, '/');
  size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
  tertial_strbuf sb = {0};
  int rc = tertial__sb_append_len(&sb, path, dir_len);
  if (rc == 0)
    rc = tertial__sb_printf(&sb, ".%s.", path + dir_len);
  if (rc == 0) /* mkstemp()'s template: six 'X' it replaces with a unique suffix */
    rc = tertial__sb_pad(&sb, 'X', 6);
  if (rc < 0)
    return rc;
  int fd = mkstemp(sb.data);
  if (fd < 0) {
    rc = tertial__error(TERTIAL_ERR_IO, "cannot create a temporary file beside %s: %s", path, strerror(errno));
    tertial__sb_clear(&sb);
    return rc;
  }
  /* mkstemp makes the file private; a report is an ordinary document. */
  if (fchmod(fd, 0644) != 0 || close(fd) != 0) {
    rc = tertial__error(TERTIAL_ERR_IO, "cannot prepare %s: %s", sb.data, strerror(errno));
    unlink(sb.data);
    tertial__sb_clear(&sb);
    return rc;
  }
  *out = sb.data;
  return 0;
}

/* Rename a complete temporary file over path; on failure remove it. */
int tertial__commit_file(const char *temp, const char *path)
{
  if (rename(temp, path) == 0)
    return 0;
  int rc = tertial__error(TERTIAL_ERR_IO, "cannot replace %s: %s", path, strerror(errno));
  unlink(temp);
  return rc;
}

int tertial__write_file_atomic(const char *path, const char *data, size_t len)
{
  char *temp = NULL;
  int rc = tertial__temp_file_for(&temp, path);
  if (rc < 0)
    return rc;
  FILE *f = fopen(temp, "wb");
  if (!f) {
    rc = tertial__error(TERTIAL_ERR_IO, "cannot write %s: %s", temp, strerror(errno));
  } else {
    int failed = fwrite(data, 1, len, f) != len;
    failed |= fflush(f) != 0 || fsync(fileno(f)) != 0;
    failed |= fclose(f) != 0;
    if (failed)
      rc = tertial__error(TERTIAL_ERR_IO, "cannot write %s: %s", path, strerror(errno));
  }
  if (rc == 0)
    rc = tertial__commit_file(temp, path);
  else
    unlink(temp);
  free(temp);
  return rc;
}

/* hundredths as a fixed-point number with two decimals ("-1234.05"), exact for any int64. */
int tertial__format_fixed2(tertial_strbuf *sb, int64_t hundredths, char decimal_mark)
{
  uint64_t a = hundredths < 0 ? 0 - (uint64_t)hundredths : (uint64_t)hundredths;
  return tertial__sb_printf(sb, "%s%llu%c%02llu", hundredths < 0 ? "-" : "", (unsigned long long)(a / 100),
                            decimal_mark, (unsigned long long)(a % 100));
}
