/* realpath, kill, fchown, fchmod, fsync, fileno, dirfd */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
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

/* Temporaries are named ".NAME" TEMP_TAG "PID-XXXXXX" beside the file NAME they replace: the
 * writer's process id tells a later write whether the writer still runs. */
#define TEMP_TAG ".tertial-"

/* Text replaced with U+FFFD by tertial__sb_append_text(), besides invalid UTF-8. */
static int replaced(gunichar c, tertial__text_kind kind)
{
  if (c < 0x20)
    return kind == TERTIAL__TEXT_LINE || (c != '\t' && c != '\n' && c != '\r');
  if (c >= 0x7F && c <= 0x9F) /* DEL and the C1 controls (CSI, NEL, ...) */
    return 1;
  /* Line and paragraph separators and the bidirectional embeddings, overrides and isolates,
   * which break or reorder a line on a terminal. */
  return kind == TERTIAL__TEXT_LINE && ((c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
}

int tertial__sb_append_text(tertial_strbuf *sb, const char *s, tertial__text_kind kind)
{
  int rc = 0;
  while (rc == 0 && *s) {
    gunichar c = g_utf8_get_char_validated(s, -1);
    if (c == (gunichar)-1 || c == (gunichar)-2) {
      rc = tertial__sb_append(sb, "\xEF\xBF\xBD");
      s++;
      continue;
    }
    const char *next = g_utf8_next_char(s);
    rc = replaced(c, kind) ? tertial__sb_append(sb, "\xEF\xBF\xBD") : tertial__sb_append_len(sb, s, (size_t)(next - s));
    s = next;
  }
  return rc;
}

/* The file a write to path replaces: path, or for a symbolic link the file it points to (written
 * through, as cp and editors do, so the link stays a link). *exists tells whether it is there;
 * then *st is its status. Refuses a link to nothing and anything but a regular file. */
static int resolve_target(char **target, struct stat *st, int *exists, const char *path)
{
  *target = NULL;
  *exists = lstat(path, st) == 0;
  if (*exists && S_ISLNK(st->st_mode)) {
    /* realpath()'s result comes from malloc(); it is freed like ours. */
    char *real = realpath(path, NULL);
    if (!real || stat(real, st) != 0) {
      int rc = tertial__error(TERTIAL_ERR_IO, "%s is a symbolic link to a missing file (not written through): %s",
                              path, strerror(errno));
      free(real);
      return rc;
    }
    *target = real;
  } else {
    /* Not there (or not reachable): creating the temporary beside it says why it cannot be written. */
    *target = tertial__strdup(path);
    if (!*target)
      return TERTIAL_ERR_NOMEM;
  }
  if (*exists && !S_ISREG(st->st_mode)) {
    int rc = tertial__error(TERTIAL_ERR_IO, "cannot replace %s: not a regular file", path);
    free(*target);
    *target = NULL;
    return rc;
  }
  return 0;
}

/* Remove the temporaries of NAME in dir that writers killed before they finished left behind:
 * those whose process no longer runs. A running writer's temporary (in this process or another)
 * is left alone. Best effort: what cannot be listed or removed stays. */
static void remove_stale(const char *dir, const char *name)
{
  tertial_strbuf prefix = {0};
  DIR *d = tertial__sb_printf(&prefix, ".%s" TEMP_TAG, name) == 0 ? opendir(dir) : NULL;
  for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
    if (strncmp(e->d_name, prefix.data, prefix.len) != 0)
      continue;
    char *end;
    errno = 0;
    long pid = strtol(e->d_name + prefix.len, &end, 10);
    /* "PID-" and the six characters of the unique suffix */
    if (errno || pid <= 0 || end == e->d_name + prefix.len || *end != '-' || strlen(end) != 7 || pid == (long)getpid())
      continue;
    if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
      unlinkat(dirfd(d), e->d_name, 0);
  }
  if (d)
    closedir(d);
  tertial__sb_clear(&prefix);
}

/* Give the temporary fd the mode, owner and group of the file it replaces (the owner only where
 * the writer may set it, as root). When the group cannot be kept, the group's permissions become
 * those of others, so the file is not opened to a group the old one did not grant (as vim does). */
static int take_over(int fd, const struct stat *old)
{
  mode_t mode = old->st_mode & 07777;
  if (fchown(fd, old->st_uid, old->st_gid) != 0 && fchown(fd, (uid_t)-1, old->st_gid) != 0)
    mode = (mode & 07707) | ((mode & 07) << 3);
  return fchmod(fd, mode);
}

/* A new, empty file beside the file path names (see resolve_target()), named ".NAME.tertial-PID-"
 * plus a unique suffix, to write before renaming it over that file. Stale temporaries of the
 * same file are removed first. */
int tertial__temp_file_for(char **out, const char *path)
{
  char *target = NULL;
  struct stat st;
  int exists;
  int rc = resolve_target(&target, &st, &exists, path);
  if (rc < 0)
    return rc;
  const char *slash = strrchr(target, '/');
  size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
  tertial_strbuf dir = {0}, sb = {0};
  rc = tertial__sb_append_len(&dir, dir_len ? target : ".", dir_len ? dir_len : 1);
  if (rc == 0)
    rc = tertial__sb_append_len(&sb, target, dir_len);
  if (rc == 0)
    rc = tertial__sb_printf(&sb, ".%s" TEMP_TAG "%ld-", target + dir_len, (long)getpid());
  if (rc == 0) /* the template: six 'X' that g_mkstemp_full() replaces with a unique suffix */
    rc = tertial__sb_pad(&sb, 'X', 6);
  if (rc == 0)
    remove_stale(dir.data, target + dir_len);
  tertial__sb_clear(&dir);
  free(target);
  if (rc < 0) {
    tertial__sb_clear(&sb);
    return rc;
  }
  /* open(2)'s mode: 0666 less the umask for a new file; private until take_over() for a
   * replacement, so no one reads it in between who could not read the old file. */
  int fd = g_mkstemp_full(sb.data, O_RDWR | O_CLOEXEC, exists ? 0600 : 0666);
  if (fd < 0) {
    rc = tertial__error(TERTIAL_ERR_IO, "cannot create a temporary file beside %s: %s", path, strerror(errno));
    tertial__sb_clear(&sb);
    return rc;
  }
  int failed = exists && take_over(fd, &st) != 0;
  failed |= close(fd) != 0;
  if (failed) {
    rc = tertial__error(TERTIAL_ERR_IO, "cannot prepare %s: %s", sb.data, strerror(errno));
    unlink(sb.data);
    tertial__sb_clear(&sb);
    return rc;
  }
  *out = sb.data;
  return 0;
}

/* Rename a complete temporary file over the file it was made for (the name in it, beside it:
 * the link's target when path is a symbolic link); on failure remove it. */
int tertial__commit_file(const char *temp, const char *path)
{
  const char *slash = strrchr(temp, '/');
  const char *base = slash ? slash + 1 : temp, *tag = NULL;
  for (const char *p = base; (p = strstr(p, TEMP_TAG)) != NULL; p++)
    tag = p;
  tertial_strbuf target = {0};
  int rc = tag && base[0] == '.' && tag > base + 1 ? 0
                                                   : tertial__error(TERTIAL_ERR_INVALID, "%s is no temporary file", temp);
  if (rc == 0)
    rc = tertial__sb_append_len(&target, temp, (size_t)(base - temp));
  if (rc == 0)
    rc = tertial__sb_append_len(&target, base + 1, (size_t)(tag - base - 1));
  if (rc == 0 && rename(temp, target.data) != 0)
    rc = tertial__error(TERTIAL_ERR_IO, "cannot replace %s: %s", path, strerror(errno));
  if (rc < 0)
    unlink(temp);
  tertial__sb_clear(&target);
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
  return tertial__format_fixed(sb, hundredths, 2, decimal_mark);
}

int tertial__format_fixed(tertial_strbuf *sb, int64_t steps, int decimals, char decimal_mark)
{
  uint64_t a = steps < 0 ? 0 - (uint64_t)steps : (uint64_t)steps, scale = 1;
  for (int d = 0; d < decimals; d++)
    scale *= 10;
  if (decimals <= 0)
    return tertial__sb_printf(sb, "%s%llu", steps < 0 ? "-" : "", (unsigned long long)a);
  return tertial__sb_printf(sb, "%s%llu%c%0*llu", steps < 0 ? "-" : "", (unsigned long long)(a / scale), decimal_mark,
                            decimals, (unsigned long long)(a % scale));
}
