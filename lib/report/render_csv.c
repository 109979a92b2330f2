#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include "fileio.h"

typedef struct csv {
  tertial_strbuf sb;
  const tertial_csv_options *o;
  char sep, dec;
  int guard; /* guard formulas (guard_formulas resolved by style) */
} csv;

static int field_sep(csv *w, int first)
{
  return first ? 0 : tertial__sb_append_len(&w->sb, &w->sep, 1);
}

/* A text field, the one place user text is written: control characters replaced (see
 * render_csv.h), quoted when RFC 4180 requires it, guarded with a leading ' when asked. */
static int text_field(csv *w, const char *s, int first)
{
  tertial_strbuf text = {0};
  int rc = field_sep(w, first);
  if (rc == 0)
    rc = tertial__sb_append_text(&text, s, TERTIAL__TEXT_FIELD);
  const char *t = text.data ? text.data : "";
  int guard = w->guard && t[0] && strchr("=+-@\t\r", t[0]);
  int quote = guard || strchr(t, w->sep) || strchr(t, '"') || strchr(t, '\r') || strchr(t, '\n');
  if (rc == 0 && quote)
    rc = tertial__sb_append(&w->sb, guard ? "\"'" : "\"");
  for (const char *p = t, *q; rc == 0 && *p; p = q) {
    q = quote ? strchr(p, '"') : NULL;
    q = q ? q + 1 : p + strlen(p);
    rc = tertial__sb_append_len(&w->sb, p, (size_t)(q - p));
    if (rc == 0 && q[-1] == '"')
      rc = tertial__sb_append(&w->sb, "\"");
  }
  if (rc == 0 && quote)
    rc = tertial__sb_append(&w->sb, "\"");
  tertial__sb_clear(&text);
  return rc;
}

static int end_record(csv *w)
{
  return tertial__sb_append(&w->sb, "\r\n");
}

static const char *style_name(tertial_report_style s)
{
  return s == TERTIAL_STYLE_TOTAL ? "total" : s == TERTIAL_STYLE_SUBTOTAL ? "subtotal" : "normal";
}

static int value_field(csv *w, const tertial_report_column *col, const tertial_report_cell *c)
{
  if (col->type == TERTIAL_REPORT_TEXT)
    return text_field(w, c->present ? c->text : "", 0);
  int rc = field_sep(w, 0);
  if (rc < 0 || !c->present)
    return rc;
  switch (col->type) {
  case TERTIAL_REPORT_TEXT:
    break;
  case TERTIAL_REPORT_AMOUNT:
  case TERTIAL_REPORT_SHARE:
    return tertial__format_fixed2(&w->sb, c->value, w->dec);
  case TERTIAL_REPORT_DATE:
    return tertial__sb_printf(&w->sb, "%04d-%02d-%02d", c->date.year, c->date.month, c->date.day);
  }
  return 0;
}

static int header(csv *w, const tertial_report_section *s)
{
  static const char *const keys[] = {"code", "depth", "style", "parent", "informational"};
  static const char *const sv[] = {"Kod", "Nivå", "Radtyp", "Överordnad rad", "Ingår ej i summan"};
  static const char *const en[] = {"Code", "Level", "Line type", "Parent line", "Not in the sum"};
  int machine = w->o->style == TERTIAL_CSV_MACHINE;
  int rc = 0;
  for (int k = 0; rc == 0 && k < 5; k++)
    rc = text_field(w, machine ? keys[k] : s->english ? en[k] : sv[k], k == 0);
  for (size_t c = 0; rc == 0 && c < s->column_count; c++) {
    const tertial_report_column *col = tertial_report_column_at(s, c);
    rc = text_field(w, machine ? col->key : col->header, 0);
  }
  return rc < 0 ? rc : end_record(w);
}

static int table(csv *w, const tertial_report_section *s)
{
  int rc = header(w, s);
  for (size_t i = 0; rc == 0 && i < s->line_count; i++) {
    const tertial_report_line *l = tertial_report_line_at(s, i);
    rc = text_field(w, l->code, 1);
    if (rc == 0)
      rc = tertial__sb_printf(&w->sb, "%c%d%c%s%c", w->sep, l->depth, w->sep, style_name(l->style), w->sep);
    if (rc == 0 && l->parent_line >= 0)
      rc = tertial__sb_printf(&w->sb, "%d", l->parent_line);
    if (rc == 0)
      rc = tertial__sb_printf(&w->sb, "%c%d", w->sep, l->informational ? 1 : 0);
    for (size_t c = 0; rc == 0 && c < s->column_count; c++)
      rc = value_field(w, tertial_report_column_at(s, c), tertial_report_cell_at(s, i, c));
    if (rc == 0)
      rc = end_record(w);
  }
  return rc;
}

static int report(csv *w, const tertial_report *r, int with_title)
{
  int rc = 0;
  if (with_title) {
    rc = text_field(w, tertial_report_title(r), 1);
    if (rc == 0)
      rc = text_field(w, tertial_report_subtitle(r), 0);
    if (rc == 0)
      rc = end_record(w);
    if (rc == 0)
      rc = end_record(w);
  }
  for (size_t i = 0; rc == 0 && i < tertial_report_section_count(r); i++) {
    const tertial_report_section *s = tertial_report_section_at(r, i);
    rc = text_field(w, w->o->style == TERTIAL_CSV_MACHINE ? s->key : s->title, 1);
    if (rc == 0)
      rc = end_record(w);
    if (rc == 0)
      rc = table(w, s);
    if (rc == 0)
      rc = end_record(w);
  }
  for (size_t i = 0; rc == 0 && w->o->children && i < tertial_report_child_count(r); i++)
    rc = report(w, tertial_report_child_at(r, i), 1);
  return rc;
}

static int start(csv *w, const tertial_csv_options *options, const tertial_csv_options *defaults)
{
  const tertial_csv_options *o = options ? options : defaults;
  memset(w, 0, sizeof *w);
  if (o->version != TERTIAL_CSV_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "CSV options version %u is not supported (expected %u)", o->version,
                          TERTIAL_CSV_OPTIONS_VERSION);
  if (o->style != TERTIAL_CSV_MACHINE && o->style != TERTIAL_CSV_SWEDISH)
    return tertial__error(TERTIAL_ERR_INVALID, "unknown CSV style %d", (int)o->style);
  int swedish = o->style == TERTIAL_CSV_SWEDISH;
  int guard = o->guard_formulas == TERTIAL_CSV_GUARD_BY_STYLE ? swedish : o->guard_formulas != 0;
  *w = (csv){{0}, o, swedish ? ';' : ',', swedish ? ',' : '.', guard};
  return o->bom ? tertial__sb_append(&w->sb, "\xEF\xBB\xBF") : 0;
}

static int finish(char **out, csv *w, int rc)
{
  if (rc < 0) {
    tertial__sb_clear(&w->sb);
    return rc;
  }
  *out = tertial__sb_steal(&w->sb);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

int tertial_render_csv(char **out, const tertial_report *report_, const tertial_csv_options *options)
{
  if (!out || !report_)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_csv: NULL argument");
  *out = NULL;
  tertial_csv_options defaults = TERTIAL_CSV_OPTIONS_INIT;
  csv w;
  int rc = start(&w, options, &defaults);
  if (rc == 0)
    rc = report(&w, report_, 1);
  return finish(out, &w, rc);
}

int tertial_render_csv_section(char **out, const tertial_report_section *section, const tertial_csv_options *options)
{
  if (!out || !section)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_csv_section: NULL argument");
  *out = NULL;
  tertial_csv_options defaults = TERTIAL_CSV_OPTIONS_INIT;
  csv w;
  int rc = start(&w, options, &defaults);
  if (rc == 0)
    rc = table(&w, section);
  return finish(out, &w, rc);
}

int tertial_render_csv_file(const tertial_report *report_, const char *path, const tertial_csv_options *options)
{
  if (!path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_csv_file: NULL path");
  char *text = NULL;
  int rc = tertial_render_csv(&text, report_, options);
  if (rc == 0)
    rc = tertial__write_file_atomic(path, text, strlen(text));
  free(text);
  return rc;
}
