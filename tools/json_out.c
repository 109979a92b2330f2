/* --json of the listing commands: an array of objects, one per listed item, written to standard
 * output as the items come. Text is escaped as JSON requires (invalid UTF-8 becomes U+FFFD);
 * amounts are exact decimal numbers in kronor ("-1234.50"), never floating point. */
#include <inttypes.h>
#include <stdlib.h>

#include "cli.h"

void cli_json_begin(cli_json *j)
{
  j->items = 0;
  j->fields = 0;
  fputc('[', stdout);
}

void cli_json_item(cli_json *j)
{
  fputs(j->items++ ? "},\n{" : "\n{", stdout);
  j->fields = 0;
}

void cli_json_end(cli_json *j)
{
  fputs(j->items ? "}\n]\n" : "]\n", stdout);
}

static void string(const char *s)
{
  fputc('"', stdout);
  for (const char *p = s; *p;) {
    gunichar c = g_utf8_get_char_validated(p, -1);
    gboolean invalid = c == (gunichar)-1 || c == (gunichar)-2; /* then skip one byte */
    const char *n = invalid ? p + 1 : g_utf8_next_char(p);
    if (invalid)
      fputs("\\ufffd", stdout);
    else if (c == '"' || c == '\\')
      printf("\\%c", (char)c);
    else if (c == '\n')
      fputs("\\n", stdout);
    else if (c == '\t')
      fputs("\\t", stdout);
    else if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
      printf("\\u%04x", (unsigned)c);
    else
      fwrite(p, 1, (size_t)(n - p), stdout);
    p = n;
  }
  fputc('"', stdout);
}

static void key(cli_json *j, const char *k)
{
  if (j->fields++)
    fputs(", ", stdout);
  string(k);
  fputs(": ", stdout);
}

void cli_json_str(cli_json *j, const char *k, const char *value)
{
  key(j, k);
  if (value)
    string(value);
  else
    fputs("null", stdout);
}

void cli_json_int(cli_json *j, const char *k, long long value)
{
  key(j, k);
  printf("%lld", value);
}

void cli_json_num(cli_json *j, const char *k, const char *number)
{
  key(j, k);
  fputs(number, stdout);
}

void cli_json_bool(cli_json *j, const char *k, gboolean value)
{
  key(j, k);
  fputs(value ? "true" : "false", stdout);
}

void cli_json_money(cli_json *j, const char *k, int64_t ore)
{
  key(j, k);
  uint64_t a = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
  printf("%s%" PRIu64 ".%02" PRIu64, ore < 0 ? "-" : "", a / 100, a % 100);
}

void cli_json_strs(cli_json *j, const char *k, const char *const *values, size_t n)
{
  key(j, k);
  fputc('[', stdout);
  for (size_t i = 0; i < n; i++) {
    if (i)
      fputs(", ", stdout);
    string(values[i]);
  }
  fputc(']', stdout);
}
