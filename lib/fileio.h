/* Internal: text and file helpers shared by the renderers. Not installed. */
#ifndef TERTIAL_FILEIO_H
#define TERTIAL_FILEIO_H

#include "internal.h"

/* Append UTF-8 text, replacing invalid sequences and control characters so output stays valid. */
int tertial__sb_append_utf8(tertial_strbuf *sb, const char *s);
/* A new temporary file beside `path` (same folder, so a rename is atomic); *out is malloc'ed. */
int tertial__temp_file_for(char **out, const char *path);
/* Rename a finished temporary file over `path`; on failure the temporary file is removed. */
int tertial__commit_file(const char *temp, const char *path);
/* Write `data` to `path` through a temporary file: a failure leaves no partial file and any
 * earlier file intact. */
int tertial__write_file_atomic(const char *path, const char *data, size_t len);
/* Append hundredths as a fixed-point number with two decimals and the given decimal mark. */
int tertial__format_fixed2(tertial_strbuf *sb, int64_t hundredths, char decimal_mark);

#endif
