/* A zip file written front to back; see zip_write.h. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zip_write.h"

#define CHUNK 65536

struct tertial__zipw {
  FILE *f;
  FILE *dir;      /* the central directory's records, spooled */
  int in_memory;  /* tertial__zipw_open_memory(): the zip and its directory in these buffers */
  char *buf, *dbuf;
  size_t len, cap, dlen, dcap;
  char **mem;     /* the caller's pointers */
  size_t *mem_len;
  z_stream zs;
  int zs_ready;
  int level;
  unsigned char *out; /* CHUNK bytes */
  uint16_t dos_time, dos_date;
  unsigned long entries;
  uint64_t dir_size;
  /* the open entry */
  int open;
  char *name;
  uint64_t header_at; /* its local header's offset */
  uLong crc;
  uint64_t usize, csize;
  int failed;
};

static int failed(tertial__zipw *z, int rc)
{
  if (rc < 0)
    z->failed = 1;
  return rc;
}

static int io_failed(tertial__zipw *z, const char *what)
{
  if (errno == ENOMEM) /* a stream in memory could not grow */
    return failed(z, tertial__nomem(what));
  return failed(z, tertial__error(TERTIAL_ERR_IO, "zip: %s: %s", what, strerror(errno)));
}

static void put16(unsigned char *p, unsigned v)
{
  p[0] = (unsigned char)(v & 0xFF);
  p[1] = (unsigned char)((v >> 8) & 0xFF);
}

static void put32(unsigned char *p, uint64_t v)
{
  put16(p, (unsigned)(v & 0xFFFF));
  put16(p + 2, (unsigned)((v >> 16) & 0xFFFF));
}

/* Append to the zip (dir 0) or to its central directory (dir 1). */
static int write_all(tertial__zipw *z, int dir, const void *data, size_t len)
{
  if (len == 0)
    return 0;
  if (z->in_memory) {
    char **b = dir ? &z->dbuf : &z->buf;
    size_t *n = dir ? &z->dlen : &z->len, *cap = dir ? &z->dcap : &z->cap;
    /* one byte more for the NUL of tertial__zipw_open_memory() */
    int rc = tertial__grow((void **)b, cap, *n + len + 1, 1);
    if (rc < 0)
      return failed(z, rc);
    memcpy(*b + *n, data, len);
    *n += len;
    return 0;
  }
  FILE *f = dir ? z->dir : z->f;
  if (fwrite(data, 1, len, f) != len)
    return io_failed(z, dir ? "writing a temporary file" : "writing the file");
  return 0;
}

/* The zip's size so far, or -1 (error set). */
static int64_t zip_tell(tertial__zipw *z)
{
  if (z->in_memory)
    return (int64_t)z->len;
  off_t at = ftello(z->f);
  if (at < 0)
    io_failed(z, "the file's position");
  return at;
}

/* Overwrite bytes the zip already has (an entry's CRC and sizes). */
static int zip_patch(tertial__zipw *z, uint64_t at, const void *data, size_t len)
{
  if (z->in_memory) {
    memcpy(z->buf + at, data, len);
    return 0;
  }
  if (fseeko(z->f, (off_t)at, SEEK_SET) != 0 || fwrite(data, 1, len, z->f) != len || fseeko(z->f, 0, SEEK_END) != 0)
    return io_failed(z, "completing an entry's header");
  return 0;
}

/* The end of a name given to mkstemp(), which replaces it with a unique suffix. */
#define MKSTEMP_UNIQUE "XXXXXX"

int tertial__temp_stream(FILE **out, const char *tmpdir)
{
  *out = NULL;
  const char *dir = tmpdir && *tmpdir ? tmpdir : getenv("TMPDIR");
  if (!dir || !*dir)
    dir = "/tmp";
  tertial_strbuf path = {0};
  int rc = tertial__sb_printf(&path, "%s/tertial-%s", dir, MKSTEMP_UNIQUE);
  if (rc < 0)
    return rc;
  int fd = mkstemp(path.data);
  if (fd < 0) {
    rc = tertial__error(errno == ENOMEM ? TERTIAL_ERR_NOMEM : TERTIAL_ERR_IO,
                        errno == ENOMEM ? "out of memory (a temporary file in %s)" : "cannot create a temporary file in %s: %s",
                        dir, strerror(errno));
    tertial__sb_clear(&path);
    return rc;
  }
  unlink(path.data);
  tertial__sb_clear(&path);
  *out = fdopen(fd, "w+b");
  if (!*out) {
    close(fd);
    return tertial__nomem("a temporary file's stream");
  }
  return 0;
}

/* The zip's state without its streams. */
static int zipw_new(tertial__zipw **out, int level, time_t when)
{
  *out = NULL;
  tertial__zipw *z = tertial__calloc(1, sizeof *z);
  if (!z)
    return TERTIAL_ERR_NOMEM;
  z->level = level;
  struct tm tm;
  if (!gmtime_r(&when, &tm) || tm.tm_year < 80) {
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 80;
    tm.tm_mday = 1;
  }
  z->dos_time = (uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  z->dos_date = (uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
  int rc = (z->out = malloc(CHUNK)) ? 0 : tertial__nomem("zip: a buffer");
  if (rc == 0)
    z->zs_ready = (rc = tertial__zipw_deflater(&z->zs, level)) == 0;
  if (rc < 0) {
    tertial__zipw_discard(z);
    return rc;
  }
  *out = z;
  return 0;
}

int tertial__zipw_open(tertial__zipw **out, const char *path, const char *tmpdir, int level, time_t when)
{
  tertial__zipw *z;
  int rc = zipw_new(&z, level, when);
  if (rc == 0)
    rc = tertial__temp_stream(&z->dir, tmpdir);
  if (rc == 0) {
    errno = 0;
    z->f = fopen(path, "wb");
    if (!z->f)
      rc = errno == ENOMEM ? tertial__nomem("zip: opening the file")
                           : tertial__error(TERTIAL_ERR_IO, "cannot create %s: %s", path, strerror(errno));
  }
  if (rc < 0) {
    tertial__zipw_discard(z); /* NULL when zipw_new() failed */
    return rc;
  }
  *out = z;
  return 0;
}

int tertial__zipw_open_memory(tertial__zipw **out, char **data, size_t *len, int level, time_t when)
{
  *data = NULL;
  *len = 0;
  tertial__zipw *z;
  int rc = zipw_new(&z, level, when);
  if (rc < 0)
    return rc;
  z->in_memory = 1;
  z->mem = data;
  z->mem_len = len;
  *out = z;
  return 0;
}

int tertial__zipw_deflater(z_stream *s, int level)
{
  memset(s, 0, sizeof *s);
  int r = deflateInit2(s, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  if (r == Z_OK)
    return 0;
  return r == Z_MEM_ERROR ? tertial__nomem("zip: a compressor")
                          : tertial__error(TERTIAL_ERR_INVALID, "zip: compression level %d", level);
}

int tertial__zipw_begin(tertial__zipw *z, const char *name)
{
  if (z->failed || z->open)
    return failed(z, tertial__error(TERTIAL_ERR_STATE, "zip: an entry is open or the file failed before"));
  size_t n = strlen(name);
  if (n == 0 || n > 0xFFFF)
    return failed(z, tertial__error(TERTIAL_ERR_INVALID, "zip: entry name of %zu bytes", n));
  if (z->entries >= 0xFFFF)
    return failed(z, tertial__error(TERTIAL_ERR_RANGE, "zip: more than 65 535 entries (no zip64)"));
  int64_t at = zip_tell(z);
  if (at < 0)
    return TERTIAL_ERR_IO;
  if ((uint64_t)at > 0xFFFFFFFFu)
    return failed(z, tertial__error(TERTIAL_ERR_RANGE, "zip: the file is larger than 4 GiB (no zip64)"));
  if (deflateReset(&z->zs) != Z_OK)
    return failed(z, tertial__error(TERTIAL_ERR_STATE, "zip: the compressor cannot be reset"));
  free(z->name);
  if (!(z->name = tertial__strdup(name)))
    return failed(z, TERTIAL_ERR_NOMEM);
  unsigned char h[30] = {0};
  put32(h, 0x04034b50);
  put16(h + 4, 20);              /* version needed: 2.0 (deflate) */
  put16(h + 6, 1u << 11);        /* UTF-8 names */
  put16(h + 8, 8);               /* deflate */
  put16(h + 10, z->dos_time);
  put16(h + 12, z->dos_date);
  put16(h + 26, (unsigned)n);    /* CRC and sizes (14..25) are patched at the end */
  int rc = write_all(z, 0, h, sizeof h);
  if (rc == 0)
    rc = write_all(z, 0, name, n);
  if (rc < 0)
    return rc;
  z->header_at = (uint64_t)at;
  z->crc = crc32(0L, Z_NULL, 0);
  z->usize = z->csize = 0;
  z->open = 1;
  return 0;
}

static int deflate_into(tertial__zipw *z, const void *data, size_t len, int flush)
{
  z_stream *s = &z->zs;
  z->crc = crc32_z(z->crc, data, len);
  z->usize += len;
  s->next_in = (Bytef *)(uintptr_t)data;
  s->avail_in = 0;
  for (;;) {
    if (s->avail_in == 0 && len > 0) {
      uInt n = len > (1u << 30) ? (1u << 30) : (uInt)len;
      s->avail_in = n;
      len -= n;
    }
    s->next_out = z->out;
    s->avail_out = CHUNK;
    int r = deflate(s, len > 0 ? Z_NO_FLUSH : flush);
    if (r != Z_OK && r != Z_STREAM_END && r != Z_BUF_ERROR)
      return failed(z, tertial__error(TERTIAL_ERR_STATE, "zip: deflate failed (%d)", r));
    size_t got = CHUNK - s->avail_out;
    z->csize += got;
    int rc = write_all(z, 0, z->out, got);
    if (rc < 0)
      return rc;
    if (r == Z_STREAM_END || (s->avail_out != 0 && s->avail_in == 0 && len == 0))
      return 0;
  }
}

int tertial__zipw_deflate(tertial__zipw *z, const void *data, size_t len, int flush)
{
  if (!z->open || z->failed)
    return failed(z, tertial__error(TERTIAL_ERR_STATE, "zip: no entry is open"));
  return deflate_into(z, data, len, flush == Z_SYNC_FLUSH ? Z_SYNC_FLUSH : Z_NO_FLUSH);
}

int tertial__zipw_raw(tertial__zipw *z, const unsigned char *data, size_t len, uLong crc, uint64_t ulen)
{
  if (!z->open || z->failed)
    return failed(z, tertial__error(TERTIAL_ERR_STATE, "zip: no entry is open"));
  z->crc = crc32_combine(z->crc, crc, (z_off_t)ulen);
  z->usize += ulen;
  z->csize += len;
  /* what follows must not refer back into bytes it does not follow */
  if (deflateReset(&z->zs) != Z_OK)
    return failed(z, tertial__error(TERTIAL_ERR_STATE, "zip: the compressor cannot be reset"));
  return write_all(z, 0, data, len);
}

int tertial__zipw_end(tertial__zipw *z)
{
  if (!z->open || z->failed)
    return failed(z, tertial__error(TERTIAL_ERR_STATE, "zip: no entry is open"));
  int rc = deflate_into(z, "", 0, Z_FINISH);
  if (rc < 0)
    return rc;
  z->open = 0;
  if (z->usize > 0xFFFFFFFFu || z->csize > 0xFFFFFFFFu || z->header_at + 30 + z->csize > 0xFFFFFFFFu)
    return failed(z, tertial__error(TERTIAL_ERR_RANGE, "zip: %s is larger than 4 GiB (no zip64)", z->name));
  unsigned char v[12];
  put32(v, z->crc);
  put32(v + 4, z->csize);
  put32(v + 8, z->usize);
  rc = zip_patch(z, z->header_at + 14, v, sizeof v);
  if (rc < 0)
    return rc;
  /* its central directory record */
  size_t n = strlen(z->name);
  unsigned char c[46] = {0};
  put32(c, 0x02014b50);
  put16(c + 4, (3u << 8) | 20); /* made by: Unix, 2.0 */
  put16(c + 6, 20);
  put16(c + 8, 1u << 11);
  put16(c + 10, 8);
  put16(c + 12, z->dos_time);
  put16(c + 14, z->dos_date);
  memcpy(c + 16, v, 12);
  put16(c + 28, (unsigned)n);
  put32(c + 38, 0100644u << 16); /* external attributes: a regular file, rw-r--r-- */
  put32(c + 42, z->header_at);
  rc = write_all(z, 1, c, sizeof c);
  if (rc == 0)
    rc = write_all(z, 1, z->name, n);
  if (rc < 0)
    return rc;
  z->dir_size += sizeof c + n;
  z->entries++;
  return 0;
}

int tertial__zipw_put(tertial__zipw *z, const char *name, const void *data, size_t len)
{
  int rc = tertial__zipw_begin(z, name);
  if (rc == 0)
    rc = deflate_into(z, data, len, Z_NO_FLUSH);
  if (rc == 0)
    rc = tertial__zipw_end(z);
  return rc;
}

int tertial__zipw_close(tertial__zipw *z)
{
  int rc = z->failed || z->open ? tertial__error(TERTIAL_ERR_STATE, "zip: an entry is open or the file failed before") : 0;
  int64_t at = rc == 0 ? zip_tell(z) : 0;
  if (rc == 0 && at < 0)
    rc = TERTIAL_ERR_IO;
  if (rc == 0 && ((uint64_t)at > 0xFFFFFFFFu || z->dir_size > 0xFFFFFFFFu))
    rc = failed(z, tertial__error(TERTIAL_ERR_RANGE, "zip: the file is larger than 4 GiB (no zip64)"));
  if (rc == 0 && z->in_memory)
    rc = write_all(z, 0, z->dbuf, z->dlen);
  if (rc == 0 && !z->in_memory && (fflush(z->dir) != 0 || fseeko(z->dir, 0, SEEK_SET) != 0))
    rc = io_failed(z, "reading a temporary file");
  size_t n;
  while (rc == 0 && !z->in_memory && (n = fread(z->out, 1, CHUNK, z->dir)) > 0)
    rc = write_all(z, 0, z->out, n);
  if (rc == 0 && !z->in_memory && ferror(z->dir))
    rc = io_failed(z, "reading a temporary file");
  if (rc == 0) {
    unsigned char e[22] = {0};
    put32(e, 0x06054b50);
    put16(e + 8, (unsigned)z->entries);
    put16(e + 10, (unsigned)z->entries);
    put32(e + 12, z->dir_size);
    put32(e + 16, (uint64_t)at);
    rc = write_all(z, 0, e, sizeof e);
  }
  if (z->in_memory && rc == 0) { /* the caller's now, NUL-terminated (write_all() kept room) */
    z->buf[z->len] = 0;
    *z->mem = z->buf;
    *z->mem_len = z->len;
    z->buf = NULL;
  } else if (!z->in_memory) {
    FILE *f = z->f;
    z->f = NULL;
    if (fclose(f) != 0 && rc == 0)
      rc = tertial__error(TERTIAL_ERR_IO, "zip: closing the file: %s", strerror(errno));
  }
  tertial__zipw_discard(z);
  return rc;
}

void tertial__zipw_discard(tertial__zipw *z)
{
  if (!z)
    return;
  if (z->f)
    fclose(z->f);
  if (z->dir)
    fclose(z->dir);
  free(z->buf);
  free(z->dbuf);
  if (z->zs_ready)
    deflateEnd(&z->zs);
  free(z->out);
  free(z->name);
  free(z);
}
