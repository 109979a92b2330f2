#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include "fileio.h"
#include "presentation_internal.h"

typedef struct json {
  tertial_strbuf sb;
  const tertial_json_options *o;
  const tertial_presentation *p; /* NULL for the report as it is */
} json;

/* A JSON string: valid UTF-8, with quotes, backslashes, control characters and the JavaScript
 * line separators escaped. */
static int string(json *w, const char *s)
{
  tertial_strbuf valid = {0};
  int rc = tertial__sb_append_utf8(&valid, s ? s : "");
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "\"");
  for (const unsigned char *p = (const unsigned char *)valid.data; rc == 0 && p && *p; p++) {
    if (*p == '"')
      rc = tertial__sb_append(&w->sb, "\\\"");
    else if (*p == '\\')
      rc = tertial__sb_append(&w->sb, "\\\\");
    else if (*p == '\n')
      rc = tertial__sb_append(&w->sb, "\\n");
    else if (*p == '\r')
      rc = tertial__sb_append(&w->sb, "\\r");
    else if (*p == '\t')
      rc = tertial__sb_append(&w->sb, "\\t");
    else if (*p < 0x20 || *p == 0x7f)
      rc = tertial__sb_printf(&w->sb, "\\u%04x", *p);
    else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
      rc = tertial__sb_printf(&w->sb, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
      p += 2;
    } else
      rc = tertial__sb_append_len(&w->sb, (const char *)p, 1);
  }
  tertial__sb_clear(&valid);
  return rc < 0 ? rc : tertial__sb_append(&w->sb, "\"");
}

static int key(json *w, const char *k)
{
  int rc = string(w, k);
  return rc < 0 ? rc : tertial__sb_append(&w->sb, ":");
}

/* {"code":...,"name":...} without white space, for a unit or a follow-up point. */
static int code_name(json *w, const char *code, const char *name)
{
  int rc = tertial__sb_append(&w->sb, "{");
  if (rc == 0)
    rc = key(w, "code");
  if (rc == 0)
    rc = string(w, code);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, ",");
  if (rc == 0)
    rc = key(w, "name");
  if (rc == 0)
    rc = string(w, name);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "}");
  return rc;
}

static int newline(json *w, int indent)
{
  if (!w->o->pretty)
    return 0;
  int rc = tertial__sb_append(&w->sb, "\n");
  return rc < 0 ? rc : tertial__sb_pad(&w->sb, ' ', (size_t)indent * 2);
}

static const char *const type_names[] = {"text", "amount", "share", "date"};
static const char *const style_names[] = {"normal", "subtotal", "total"};

static int cell(json *w, const tertial_report_column *col, const tertial_report_cell *c)
{
  if (!c->present)
    return tertial__sb_append(&w->sb, "null");
  switch (col->type) {
  case TERTIAL_REPORT_TEXT:
    return string(w, c->text);
  case TERTIAL_REPORT_AMOUNT:
    if (tertial_presentation_unit(w->p) >= 0) {
      int64_t steps;
      int decimals = tertial_presentation_decimals(w->p);
      int rc = tertial_money_round(&steps, c->value, (tertial_money_unit)tertial_presentation_unit(w->p), decimals);
      return rc < 0 ? rc : tertial__format_fixed(&w->sb, steps, decimals, '.');
    }
    return tertial__sb_printf(&w->sb, "%lld", (long long)c->value);
  case TERTIAL_REPORT_SHARE:
    return tertial__sb_printf(&w->sb, "%lld", (long long)c->value);
  case TERTIAL_REPORT_DATE:
    return tertial__sb_printf(&w->sb, "\"%04d-%02d-%02d\"", c->date.year, c->date.month, c->date.day);
  }
  return tertial__sb_append(&w->sb, "null");
}

static int columns(json *w, const tertial__pcol *cols, size_t ncols, int indent)
{
  int rc = key(w, "columns");
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "[");
  for (size_t c = 0; rc == 0 && c < ncols; c++) {
    const tertial_report_column *col = &cols[c].col;
    rc = tertial__sb_append(&w->sb, c ? "," : "");
    if (rc == 0)
      rc = newline(w, indent + 1);
    if (rc == 0)
      rc = tertial__sb_append(&w->sb, "{");
    if (rc == 0)
      rc = key(w, "key");
    if (rc == 0)
      rc = string(w, col->key);
    if (rc == 0)
      rc = tertial__sb_append(&w->sb, ",");
    if (rc == 0)
      rc = key(w, "header");
    if (rc == 0)
      rc = string(w, col->header);
    if (rc == 0)
      rc = tertial__sb_printf(&w->sb, ",\"type\":\"%s\",\"source\":", type_names[col->type]);
    if (rc == 0)
      rc = col->source >= 0 ? tertial__sb_printf(&w->sb, "%d}", col->source) : tertial__sb_append(&w->sb, "null}");
  }
  if (rc == 0 && ncols)
    rc = newline(w, indent);
  return rc < 0 ? rc : tertial__sb_append(&w->sb, "]");
}

static int line(json *w, const tertial_report_section *s, size_t i, const tertial__pcol *cols, size_t ncols)
{
  const tertial_report_line *l = tertial_report_line_at(s, i);
  int parent = tertial__present_parent(w->p, s, i);
  int rc = tertial__sb_append(&w->sb, "{");
  if (rc == 0)
    rc = key(w, "code");
  if (rc == 0)
    rc = string(w, l->code);
  if (rc == 0)
    rc = tertial__sb_printf(&w->sb, ",\"depth\":%d,\"style\":\"%s\",\"parent\":", l->depth, style_names[l->style]);
  if (rc == 0)
    rc = parent >= 0 ? tertial__sb_printf(&w->sb, "%d", parent) : tertial__sb_append(&w->sb, "null");
  if (rc == 0)
    rc = tertial__sb_printf(&w->sb, ",\"informational\":%s,\"forecast_missing\":%d,\"cells\":[",
                            l->informational ? "true" : "false", l->forecast_missing);
  for (size_t c = 0; rc == 0 && c < ncols; c++) {
    tertial_report_cell v;
    rc = tertial__sb_append(&w->sb, c ? "," : "");
    if (rc == 0)
      rc = tertial__present_cell(&v, w->p, s, i, &cols[c]);
    if (rc == 0)
      rc = cell(w, &cols[c].col, &v);
  }
  return rc < 0 ? rc : tertial__sb_append(&w->sb, "]}");
}

static int section(json *w, const tertial_report_section *s, int indent)
{
  tertial__pcol *cols;
  size_t ncols;
  int rc = tertial__present_columns(&cols, &ncols, w->p, s);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "{");
  if (rc == 0)
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = key(w, "kind");
  if (rc == 0)
    rc = string(w, s->key);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, ",");
  if (rc == 0)
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = key(w, "title");
  if (rc == 0)
    rc = string(w, s->title);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, ",");
  if (rc == 0)
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = columns(w, cols, ncols, indent + 1);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, ",");
  if (rc == 0)
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "\"lines\":[");
  for (size_t i = 0; rc == 0 && i < s->line_count; i++) {
    rc = tertial__sb_append(&w->sb, i ? "," : "");
    if (rc == 0)
      rc = newline(w, indent + 2);
    if (rc == 0)
      rc = line(w, s, i, cols, ncols);
  }
  if (rc == 0 && s->line_count)
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "]");
  if (rc == 0)
    rc = newline(w, indent);
  free(cols);
  return rc < 0 ? rc : tertial__sb_append(&w->sb, "}");
}

/* "presentation":{...}, so a reader knows the signs and unit of the amounts. */
static int presentation(json *w, int indent)
{
  const tertial_presentation *p = w->p;
  int rc = tertial__sb_append(&w->sb, "\"presentation\":{\"columns\":[");
  for (size_t i = 0; rc == 0 && i < tertial_presentation_column_count(p); i++) {
    rc = tertial__sb_append(&w->sb, i ? "," : "");
    if (rc == 0)
      rc = string(w, tertial_presentation_column_at(p, i));
  }
  if (rc == 0)
    rc = tertial__sb_printf(&w->sb, "],\"signs\":\"%s\",\"deviation\":\"%s\",\"unit\":",
                            tertial__sign_names[tertial_presentation_signs(p)],
                            tertial__deviation_names[tertial_presentation_deviation(p)]);
  if (rc == 0 && tertial_presentation_unit(p) >= 0)
    rc = tertial__sb_printf(&w->sb, "\"%s\",\"decimals\":%d},", tertial__unit_names[tertial_presentation_unit(p)],
                            tertial_presentation_decimals(p));
  else if (rc == 0)
    rc = tertial__sb_append(&w->sb, "null,\"decimals\":null},");
  return rc < 0 ? rc : newline(w, indent);
}

/* "key":"value", then a newline in pretty mode. */
static int member(json *w, const char *k, const char *v, int indent)
{
  int rc = key(w, k);
  if (rc == 0)
    rc = string(w, v);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, ",");
  return rc < 0 ? rc : newline(w, indent);
}

static int report(json *w, const tertial_report *r, int indent, int root)
{
  int rc = tertial__sb_append(&w->sb, "{");
  if (rc == 0)
    rc = newline(w, indent + 1);
  if (rc == 0 && root)
    rc = tertial__sb_append(&w->sb, "\"format\":\"tertial-report\",\"version\":1,");
  if (rc == 0 && root && w->p) {
    rc = newline(w, indent + 1);
    if (rc == 0)
      rc = presentation(w, indent + 1);
  }
  if (rc == 0)
    rc = member(w, "language", tertial_report_english(r) ? "en" : "sv", indent + 1);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "\"unit\":");
  if (rc == 0)
    rc = code_name(w, tertial_report_unit_code(r), tertial_report_title(r));
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, ",");
  if (rc == 0)
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = member(w, "title", tertial_report_title(r), indent + 1);
  if (rc == 0)
    rc = member(w, "subtitle", tertial_report_subtitle(r), indent + 1);
  int period = tertial_report_cutoff_period(r);
  if (rc == 0)
    rc = tertial__sb_printf(&w->sb, "\"cutoff\":%d,\"period\":\"%04d-%02d\",\"point\":", tertial_report_cutoff(r),
                            period / 100, period % 100);
  if (rc == 0 && tertial_report_point_code(r)[0]) {
    rc = code_name(w, tertial_report_point_code(r), tertial_report_point_name(r));
  } else if (rc == 0) {
    rc = tertial__sb_append(&w->sb, "null");
  }
  if (rc == 0)
    rc = tertial__sb_printf(&w->sb, ",\"depth\":%d,", tertial_report_depth(r));
  if (rc == 0)
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "\"sections\":[");
  for (size_t i = 0; rc == 0 && i < tertial_report_section_count(r); i++) {
    rc = tertial__sb_append(&w->sb, i ? "," : "");
    if (rc == 0)
      rc = newline(w, indent + 2);
    if (rc == 0)
      rc = section(w, tertial_report_section_at(r, i), indent + 2);
  }
  if (rc == 0 && tertial_report_section_count(r))
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "],");
  if (rc == 0)
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "\"children\":[");
  size_t nchildren = w->o->children ? tertial_report_child_count(r) : 0;
  for (size_t i = 0; rc == 0 && i < nchildren; i++) {
    rc = tertial__sb_append(&w->sb, i ? "," : "");
    if (rc == 0)
      rc = newline(w, indent + 2);
    if (rc == 0)
      rc = report(w, tertial_report_child_at(r, i), indent + 2, 0);
  }
  if (rc == 0 && nchildren)
    rc = newline(w, indent + 1);
  if (rc == 0)
    rc = tertial__sb_append(&w->sb, "]");
  if (rc == 0)
    rc = newline(w, indent);
  return rc < 0 ? rc : tertial__sb_append(&w->sb, "}");
}

int tertial_render_json(char **out, const tertial_report *r, const tertial_json_options *options)
{
  if (!out || !r)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_json: NULL argument");
  *out = NULL;
  tertial_json_options defaults = TERTIAL_JSON_OPTIONS_INIT;
  const tertial_json_options *given = options ? options : &defaults;
  if (given->version != 1 && given->version != TERTIAL_JSON_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "JSON options version %u is not supported (expected 1 to %u)",
                          given->version, TERTIAL_JSON_OPTIONS_VERSION);
  /* a version-1 struct ends before `presentation` */
  tertial_json_options o = defaults;
  memcpy(&o, given, given->version == 1 ? offsetof(tertial_json_options, presentation) : sizeof o);
  json w = {{0}, &o, tertial__presentation_is_default(o.presentation) ? NULL : o.presentation};
  int rc = report(&w, r, 0, 1);
  if (rc == 0)
    rc = tertial__sb_append(&w.sb, "\n");
  if (rc < 0) {
    tertial__sb_clear(&w.sb);
    return rc;
  }
  *out = tertial__sb_steal(&w.sb);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

int tertial_render_json_file(const tertial_report *r, const char *path, const tertial_json_options *options)
{
  if (!path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_json_file: NULL path");
  char *text = NULL;
  int rc = tertial_render_json(&text, r, options);
  if (rc == 0)
    rc = tertial__write_file_atomic(path, text, strlen(text));
  free(text);
  return rc;
}
