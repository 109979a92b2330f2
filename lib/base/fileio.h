/* Internal: text and file helpers shared by the renderers. Not installed. */
#ifndef TERTIAL_FILEIO_H
#define TERTIAL_FILEIO_H

#include "internal.h"

/* Append UTF-8 text, replacing invalid sequences with U+FFFD so output stays valid. */
int tertial__sb_append_utf8(tertial_strbuf *sb, const char *s);

/* What tertial__sb_append_text() replaces with U+FFFD besides invalid UTF-8. */
typedef enum tertial__text_kind {
  /* A field of a file (CSV): the C0 controls but TAB, LF and CR, DEL and the C1 controls. */
  TERTIAL__TEXT_FIELD,
  /* Text within one line on a terminal: every control character (ESC, TAB, LF, CR too), the
   * line and paragraph separators U+2028/U+2029 and the bidirectional controls, so user text
   * cannot forge lines, columns or colours. */
  TERTIAL__TEXT_LINE,
} tertial__text_kind;

/* Append user text as valid UTF-8 with the characters of `kind` replaced by U+FFFD. */
int tertial__sb_append_text(tertial_strbuf *sb, const char *s, tertial__text_kind kind);

/* A new temporary file ".NAME.tertial-PID-XXXXXX" beside the file `path` names (through a
 * symbolic link: beside its target), so a rename is atomic; *out is malloc'ed. A new file gets
 * 0666 less the umask, a replaced one keeps its mode (and, as root, owner and group); stale
 * temporaries of the same file, whose writer process is gone, are removed. */
int tertial__temp_file_for(char **out, const char *path);
/* Rename a finished temporary file from tertial__temp_file_for() over the file it was made for;
 * `path` names it in messages. On failure the temporary file is removed. */
int tertial__commit_file(const char *temp, const char *path);
/* Write `data` to `path` through a temporary file as above: a failure leaves no partial file
 * and any earlier file intact. */
int tertial__write_file_atomic(const char *path, const char *data, size_t len);
/* Append hundredths as a fixed-point number with two decimals and the given decimal mark. */
int tertial__format_fixed2(tertial_strbuf *sb, int64_t hundredths, char decimal_mark);
/* Append steps of 10^-decimals as a fixed-point number with that many decimals (0: an integer). */
int tertial__format_fixed(tertial_strbuf *sb, int64_t steps, int decimals, char decimal_mark);

#endif
