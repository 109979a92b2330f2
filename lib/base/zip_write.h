/* Internal: a zip file written front to back, its entries deflated here (zlib, raw deflate).
 * Used by the xlsx writer. No allocation outside this module and zlib's, each checked: out of
 * memory is TERTIAL_ERR_NOMEM, never a crash (minizip's writer dereferences a failed allocation).
 *
 * An entry's local header is written with zero CRC and sizes and patched when the entry ends
 * (the file must be seekable). The central directory is spooled to an unlinked temporary file,
 * so memory does not grow with the entries. No zip64: at most 65 535 entries and 4 GiB.
 * Used by the xlsx writer (to a file) and the DOCX renderer (in memory). */
#ifndef TERTIAL_ZIP_WRITE_H
#define TERTIAL_ZIP_WRITE_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <zlib.h>

#include "internal.h"

typedef struct tertial__zipw tertial__zipw;

/* Create `path` (truncated); `level`: zlib's 1..9; `when`: the entries' time (UTC); `tmpdir`:
 * where the central directory is spooled (NULL: $TMPDIR or /tmp). */
int tertial__zipw_open(tertial__zipw **out, const char *path, const char *tmpdir, int level, time_t when);
/* The same into a zip held in memory: *data and *len are the zip's bytes (NUL-terminated, freed
 * with free()) once tertial__zipw_close() returned 0; after a failure or tertial__zipw_discard()
 * they stay NULL and 0. The central directory is held in memory too (for small zips). */
int tertial__zipw_open_memory(tertial__zipw **out, char **data, size_t *len, int level, time_t when);
/* Start an entry; then feed it with tertial__zipw_deflate() and tertial__zipw_raw(), in order. */
int tertial__zipw_begin(tertial__zipw *z, const char *name);
/* Deflate `len` bytes into the entry; flush Z_NO_FLUSH or Z_SYNC_FLUSH. */
int tertial__zipw_deflate(tertial__zipw *z, const void *data, size_t len, int flush);
/* Copy bytes deflated elsewhere (raw deflate of `ulen` bytes with CRC `crc`, ending in a sync
 * flush, never final) into the entry; what was fed before must have ended with Z_SYNC_FLUSH. */
int tertial__zipw_raw(tertial__zipw *z, const unsigned char *data, size_t len, uLong crc, uint64_t ulen);
/* Finish the entry. */
int tertial__zipw_end(tertial__zipw *z);
/* A whole entry at once. */
int tertial__zipw_put(tertial__zipw *z, const char *name, const void *data, size_t len);
/* Write the central directory and close the file; frees z (also on failure). */
int tertial__zipw_close(tertial__zipw *z);
/* Give up (NULL is ignored): closes the file, which is incomplete; the caller removes it. */
void tertial__zipw_discard(tertial__zipw *z);
/* A raw deflate stream at `level` (1..9), as the zip's entries are deflated: for bytes deflated
 * elsewhere and copied in with tertial__zipw_raw(); deflateEnd() it. */
int tertial__zipw_deflater(z_stream *s, int level);
/* Create an unlinked temporary file in tmpdir (NULL: $TMPDIR or /tmp), opened "w+b". */
int tertial__temp_stream(FILE **out, const char *tmpdir);

#endif
