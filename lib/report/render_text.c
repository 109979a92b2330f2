#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include "fileio.h"
#include "presentation_internal.h"
#include "rounded_internal.h"

#define NCOLS TERTIAL_COL_COUNT
#define CELL 40

static const char *const months_sv[12] = {
  "januari", "februari", "mars", "april", "maj", "juni",
  "juli", "augusti", "september", "oktober", "november", "december",
};
static const char *const months_en[12] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};
#define unit_names tertial__unit_words_sv

/* The amount columns that are rounded; the others are derived from them or are shares. */
static const tertial_column rounded_columns[] = {
  TERTIAL_COL_OUTCOME_ACC, TERTIAL_COL_BUDGET_ACC, TERTIAL_COL_BUDGET_YEAR, TERTIAL_COL_FORECAST,
  TERTIAL_COL_PRIOR_YEAR,
};

typedef struct render {
  const tertial_followup *t;
  const tertial_text_options *o;
  size_t n;
  int64_t step;                  /* öre per display step */
  int64_t (*disp)[NCOLS];        /* displayed amounts in steps */
  int *level;                    /* length of the parent_line chain */
} render;

static int step_of(int64_t *step, tertial_money_unit unit, int decimals)
{
  int64_t one;
  int rc = tertial_money_round(&one, unit == TERTIAL_UNIT_KR ? 100 : unit == TERTIAL_UNIT_TKR ? 100000 : 100000000,
                               unit, decimals);
  if (rc < 0)
    return rc;
  /* `one` display unit is `one` steps */
  *step = (unit == TERTIAL_UNIT_KR ? 100 : unit == TERTIAL_UNIT_TKR ? 100000 : 100000000) / one;
  return 0;
}

static int is_internal(const tertial_followup_line *l)
{
  return l->row_kind == TERTIAL_ROW_INTERNAL;
}

/* Children of line p (not internal rows) get steps that add up to p's displayed value. */
static int allocate_children(render *r, size_t p, tertial_column c)
{
  size_t k = 0;
  int64_t *vals = tertial__malloc(r->n * sizeof *vals), *out = tertial__malloc(r->n * sizeof *out);
  size_t *idx = tertial__malloc(r->n * sizeof *idx);
  int rc = vals && out && idx ? 0 : TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < r->n; i++) {
    const tertial_followup_line *l = tertial_followup_line_at(r->t, i);
    if (l->parent_line == (int)p && !is_internal(l)) {
      vals[k] = l->value[c];
      idx[k++] = i;
    }
  }
  if (rc == 0 && k > 0) {
    rc = tertial__round_to_target(out, vals, k, r->step, r->disp[p][c]);
    if (rc == TERTIAL_ERR_RANGE) {
      /* The parent is not the exact sum of these lines (cannot happen for tables built by the
       * library); show each line rounded on its own rather than fail. */
      tertial_error_clear();
      for (size_t j = 0; j < k && rc != TERTIAL_ERR_NOMEM; j++)
        rc = tertial_money_round(&out[j], vals[j], r->o->unit, r->o->decimals);
    }
    for (size_t j = 0; rc == 0 && j < k; j++)
      r->disp[idx[j]][c] = out[j];
  }
  free(vals);
  free(out);
  free(idx);
  return rc;
}

static int round_amounts(render *r)
{
  int max_level = 0, rc = 0;
  for (size_t i = 0; i < r->n; i++) {
    int lvl = 0;
    for (int p = tertial_followup_line_at(r->t, i)->parent_line; p >= 0 && lvl <= (int)r->n;
         p = tertial_followup_line_at(r->t, (size_t)p)->parent_line)
      lvl++;
    r->level[i] = lvl;
    if (lvl > max_level)
      max_level = lvl;
  }
  int additive = r->o->sum_preserving && tertial_followup_view_of(r->t) != TERTIAL_VIEW_SUBTREE;
  for (size_t k = 0; rc == 0 && k < sizeof rounded_columns / sizeof *rounded_columns; k++) {
    tertial_column c = rounded_columns[k];
    for (size_t i = 0; rc == 0 && i < r->n; i++) {
      const tertial_followup_line *l = tertial_followup_line_at(r->t, i);
      if (!additive || r->level[i] == 0 || is_internal(l))
        rc = tertial_money_round(&r->disp[i][c], l->value[c], r->o->unit, r->o->decimals);
    }
    for (int lvl = 0; additive && rc == 0 && lvl < max_level; lvl++)
      for (size_t p = 0; rc == 0 && p < r->n; p++)
        if (r->level[p] == lvl)
          rc = allocate_children(r, p, c);
  }
  for (size_t i = 0; i < r->n; i++) {
    r->disp[i][TERTIAL_COL_DEVIATION_ACC] = r->disp[i][TERTIAL_COL_BUDGET_ACC] - r->disp[i][TERTIAL_COL_OUTCOME_ACC];
    r->disp[i][TERTIAL_COL_FORECAST_DEVIATION] = r->disp[i][TERTIAL_COL_BUDGET_YEAR] - r->disp[i][TERTIAL_COL_FORECAST];
  }
  return rc;
}

/* The text of one cell; "" when the column is empty for the line. */
static int format_cell(char *buf, const render *r, size_t i, tertial_column c)
{
  const tertial_followup_line *l = tertial_followup_line_at(r->t, i);
  buf[0] = '\0';
  if (!(l->present & (1u << c)))
    return 0;
  int rc;
  if (c == TERTIAL_COL_SHARE_USED) {
    rc = tertial_money_format(buf, CELL, l->value[c], TERTIAL_UNIT_KR, 2);
  } else {
    int64_t ore;
    if (__builtin_mul_overflow(r->disp[i][c], r->step, &ore))
      return tertial__error(TERTIAL_ERR_OVERFLOW, "render: a displayed amount overflows");
    rc = tertial_money_format(buf, CELL, ore, r->o->unit, r->o->decimals);
  }
  if (rc >= 0 && c == TERTIAL_COL_FORECAST && l->forecast_missing > 0)
    strcat(buf, "*");
  return rc < 0 ? rc : 0;
}

static int label_of(tertial_strbuf *sb, const render *r, size_t i)
{
  const tertial_followup_line *l = tertial_followup_line_at(r->t, i);
  int en = r->o->english;
  int rc = tertial__sb_pad(sb, ' ', (size_t)(l->depth > 0 ? 2 * l->depth : 0));
  if (rc < 0)
    return rc;
  if (l->kind == TERTIAL_LINE_TOTAL)
    return tertial__sb_append(sb, en ? "Total" : "Summa");
  /* Budget a parent holds above its children's, with nothing booked on it: "ej fördelat". */
  if (l->kind == TERTIAL_LINE_OWN && l->value[TERTIAL_COL_OUTCOME_ACC] == 0 && l->value[TERTIAL_COL_PRIOR_YEAR] == 0)
    return tertial__sb_append(sb, en ? "Unallocated budget" : "Ej fördelat");
  /* A unit's or row's name is user text: on a terminal it must not break the line or colour it. */
  rc = tertial__sb_append_text(sb, l->label, TERTIAL__TEXT_LINE);
  if (rc == 0 && l->kind == TERTIAL_LINE_OWN)
    rc = tertial__sb_append(sb, en ? " (own)" : " (egen)");
  if (rc == 0 && l->partial)
    rc = tertial__sb_append(sb, en ? " (part of year)" : " (del av året)");
  return rc;
}

static size_t width_of(const char *s)
{
  return (size_t)g_utf8_strlen(s, -1);
}

static int pad_right_aligned(tertial_strbuf *sb, const char *s, size_t width)
{
  size_t w = width_of(s);
  int rc = tertial__sb_pad(sb, ' ', width > w ? width - w : 0);
  return rc < 0 ? rc : tertial__sb_append(sb, s);
}

static int title(tertial_strbuf *sb, const render *r)
{
  int period = tertial_followup_cutoff_period(r->t);
  int en = r->o->english;
  int month_index = period % 100 - 1;
  const char *month = en ? months_en[month_index] : months_sv[month_index];
  int rc = tertial__sb_append_text(sb, tertial_followup_title(r->t), TERTIAL__TEXT_LINE);
  return rc < 0 ? rc
                : tertial__sb_printf(sb, en ? ": outcome to %s %d, %s\n" : ": utfall t.o.m. %s %d, %s\n", month,
                                     period / 100, (en ? tertial__unit_words_en : unit_names)[r->o->unit]);
}

static int emit(tertial_strbuf *sb, render *r)
{
  tertial_strbuf *labels = tertial__calloc(r->n, sizeof *labels);
  char(*cells)[NCOLS][CELL] = tertial__calloc(r->n, sizeof *cells);
  size_t width[NCOLS], label_w = (size_t)(r->o->label_width > 0 ? r->o->label_width : 0);
  int rc = labels && cells ? 0 : TERTIAL_ERR_NOMEM, missing = 0;
  for (int c = 0; c < NCOLS; c++)
    width[c] = width_of(tertial_column_header((tertial_column)c, r->o->english));
  for (size_t i = 0; rc == 0 && i < r->n; i++) {
    rc = label_of(&labels[i], r, i);
    if (rc == 0 && r->o->label_width <= 0 && width_of(labels[i].data) > label_w)
      label_w = width_of(labels[i].data);
    for (int c = 0; rc == 0 && c < NCOLS; c++) {
      rc = format_cell(cells[i][c], r, i, (tertial_column)c);
      if (width_of(cells[i][c]) > width[c])
        width[c] = width_of(cells[i][c]);
    }
    missing |= tertial_followup_line_at(r->t, i)->forecast_missing > 0;
  }
  if (rc == 0)
    rc = title(sb, r);
  if (rc == 0)
    rc = tertial__sb_pad(sb, ' ', label_w);
  for (int c = 0; rc == 0 && c < NCOLS; c++) {
    rc = tertial__sb_append(sb, "  ");
    if (rc == 0)
      rc = pad_right_aligned(sb, tertial_column_header((tertial_column)c, r->o->english), width[c]);
  }
  if (rc == 0)
    rc = tertial__sb_append(sb, "\n");
  for (size_t i = 0; rc == 0 && i < r->n; i++) {
    size_t w = width_of(labels[i].data);
    rc = tertial__sb_append(sb, labels[i].data);
    if (rc == 0)
      rc = tertial__sb_pad(sb, ' ', label_w > w ? label_w - w : 0);
    for (int c = 0; rc == 0 && c < NCOLS; c++) {
      rc = tertial__sb_append(sb, "  ");
      if (rc == 0)
        rc = pad_right_aligned(sb, cells[i][c], width[c]);
    }
    if (rc == 0)
      rc = tertial__sb_append(sb, "\n");
  }
  if (rc == 0 && missing)
    rc = tertial__sb_append(sb, r->o->english ? "* no forecast set: the annual budget is used\n"
                                              : "* prognos saknas: årets budget används\n");
  for (size_t i = 0; labels && i < r->n; i++)
    tertial__sb_clear(&labels[i]);
  free(labels);
  free(cells);
  return rc;
}

/* Copy the caller's options (a version-1 struct ends before presentation) and check them. */
static int check_options(tertial_text_options *dst, const tertial_text_options *o)
{
  tertial_text_options defaults = TERTIAL_TEXT_OPTIONS_INIT;
  if (!o)
    o = &defaults;
  if (o->version < 1 || o->version > TERTIAL_TEXT_OPTIONS_VERSION)
    return tertial__error(TERTIAL_ERR_INVALID, "text options version %u is not supported (expected 1 to %u)",
                          o->version, TERTIAL_TEXT_OPTIONS_VERSION);
  *dst = defaults;
  memcpy(dst, o, o->version == 1 ? offsetof(tertial_text_options, presentation) : sizeof *dst);
  dst->version = TERTIAL_TEXT_OPTIONS_VERSION;
  o = dst;
  if ((int)o->unit < TERTIAL_UNIT_KR || o->unit > TERTIAL_UNIT_MKR)
    return tertial__error(TERTIAL_ERR_INVALID, "unknown display unit %d", (int)o->unit);
  if (o->decimals < 0 || o->decimals > 3 || (o->unit == TERTIAL_UNIT_KR && o->decimals > 2))
    return tertial__error(TERTIAL_ERR_RANGE, "%d decimals is not possible in %s", o->decimals, unit_names[o->unit]);
  return 0;
}

int tertial_render_text(char **out, const tertial_followup *table, const tertial_text_options *options)
{
  if (!out || !table)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_text: NULL argument");
  *out = NULL;
  tertial_text_options opts;
  const tertial_text_options *o = &opts;
  int rc = check_options(&opts, options);
  if (rc < 0)
    return rc;
  render r = {table, o, tertial_followup_line_count(table), 0, NULL, NULL};
  rc = step_of(&r.step, o->unit, o->decimals);
  r.disp = tertial__calloc(r.n, sizeof *r.disp);
  r.level = tertial__calloc(r.n, sizeof *r.level);
  if (rc == 0 && (!r.disp || !r.level))
    rc = TERTIAL_ERR_NOMEM;
  if (rc == 0)
    rc = round_amounts(&r);
  tertial_strbuf sb = {0};
  if (rc == 0)
    rc = emit(&sb, &r);
  free(r.disp);
  free(r.level);
  if (rc < 0) {
    tertial__sb_clear(&sb);
    return rc;
  }
  *out = tertial__sb_steal(&sb);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

/* ---- a report's follow-up tables ---- */

static int is_followup_kind(tertial_report_section_kind kind)
{
  return kind == TERTIAL_SECTION_KEY_FIGURES || kind == TERTIAL_SECTION_UNITS || kind == TERTIAL_SECTION_ROWS;
}

/* The label of line i: indented by depth, user text shown safely. */
static int report_label(tertial_strbuf *sb, const tertial_report_section *s, size_t i)
{
  const tertial_report_line *l = tertial_report_line_at(s, i);
  const tertial_report_cell *x = tertial_report_cell_at(s, i, 0);
  int rc = tertial__sb_pad(sb, ' ', (size_t)(l->depth > 0 ? 2 * (l->depth > 16 ? 16 : l->depth) : 0));
  if (rc == 0 && x->present)
    rc = tertial__sb_append_text(sb, x->text, TERTIAL__TEXT_LINE);
  return rc < 0 ? rc : tertial__sb_append(sb, "");
}

/* One section as an aligned table under its title line. */
static int emit_section(tertial_strbuf *sb, const tertial_report *r, const tertial_report_section *s,
                        const tertial_text_options *o, tertial_money_unit unit, int decimals)
{
  tertial__rounded t;
  int rc = tertial__rounded_in_report(&t, r, s, o->presentation, unit, decimals, o->sum_preserving);
  size_t nl = s->line_count, nc = s->column_count;
  tertial_strbuf *cells = tertial__calloc(nl * nc + 1, sizeof *cells), head = {0};
  size_t *width = tertial__calloc(nc + 1, sizeof *width);
  int missing = 0;
  if (rc == 0 && (!cells || !width))
    rc = TERTIAL_ERR_NOMEM;
  for (size_t c = 0; rc == 0 && c < nc; c++) {
    if (c > 0)
      width[c] = width_of(tertial_report_column_at(s, c)->header);
    else if (o->label_width > 0)
      width[c] = (size_t)o->label_width;
  }
  for (size_t i = 0; rc == 0 && i < nl; i++) {
    missing |= tertial_report_line_at(s, i)->forecast_missing > 0;
    for (size_t c = 0; rc == 0 && c < nc; c++) {
      char buf[CELL];
      tertial_strbuf *cell = &cells[i * nc + c];
      if (c == 0) {
        rc = report_label(cell, s, i);
      } else if (tertial_report_column_at(s, c)->type == TERTIAL_REPORT_TEXT) {
        const tertial_report_cell *x = tertial_report_cell_at(s, i, c);
        rc = tertial__sb_append_text(cell, x->present ? x->text : "", TERTIAL__TEXT_LINE);
      } else if ((rc = tertial__rounded_cell(buf, sizeof buf, &t, i, c)) == 0) {
        rc = tertial__sb_append(cell, buf);
      }
      size_t w = cell->data ? width_of(cell->data) : 0;
      if (rc == 0 && w > width[c] && (c > 0 || o->label_width <= 0))
        width[c] = w;
    }
  }
  int period = tertial_report_cutoff_period(r), en = tertial_report_english(r);
  const char *month = en ? months_en[period % 100 - 1] : months_sv[period % 100 - 1];
  if (rc == 0)
    rc = tertial__sb_append_text(sb, tertial_report_title(r), TERTIAL__TEXT_LINE);
  if (rc == 0)
    rc = tertial__sb_printf(sb, en ? ": %s, outcome to %s %d, %s\n" : ": %s, utfall t.o.m. %s %d, %s\n", s->title,
                            month, period / 100, (en ? tertial__unit_words_en : unit_names)[unit]);
  for (size_t i = 0; rc == 0 && i <= nl; i++) { /* the header, then the lines */
    for (size_t c = 0; rc == 0 && c < nc; c++) {
      const char *text = i == 0 ? (c == 0 ? "" : tertial_report_column_at(s, c)->header)
                                : cells[(i - 1) * nc + c].data ? cells[(i - 1) * nc + c].data : "";
      if (i == 0 && c > 0) { /* a header is the report's text or the presentation's: shown safely */
        tertial__sb_clear(&head);
        rc = tertial__sb_append_text(&head, text, TERTIAL__TEXT_LINE);
        text = head.data ? head.data : "";
      }
      size_t w = width_of(text);
      if (rc == 0 && c > 0)
        rc = tertial__sb_append(sb, "  ");
      if (rc == 0 && c == 0)
        rc = tertial__sb_append(sb, text);
      if (rc == 0)
        rc = tertial__sb_pad(sb, ' ', width[c] > w ? width[c] - w : 0);
      if (rc == 0 && c > 0)
        rc = tertial__sb_append(sb, text);
    }
    if (rc == 0)
      rc = tertial__sb_append(sb, "\n");
  }
  if (rc == 0 && missing)
    rc = tertial__sb_append(sb, en ? "* no forecast set: the annual budget is used\n"
                                   : "* prognos saknas: årets budget används\n");
  for (size_t k = 0; cells && k < nl * nc; k++)
    tertial__sb_clear(&cells[k]);
  tertial__sb_clear(&head);
  free(cells);
  free(width);
  tertial__rounded_free(&t);
  return rc;
}

static int emit_report(tertial_strbuf *sb, const tertial_report *r, const tertial_text_options *o,
                       tertial_money_unit unit, int decimals)
{
  int rc = 0;
  for (size_t k = 0; rc == 0 && k < tertial_report_section_count(r); k++) {
    const tertial_report_section *s = tertial_report_section_at(r, k);
    if (!is_followup_kind(s->kind) || s->column_count == 0)
      continue;
    if (sb->len)
      rc = tertial__sb_append(sb, "\n");
    if (rc == 0)
      rc = emit_section(sb, r, s, o, unit, decimals);
  }
  for (size_t k = 0; rc == 0 && k < tertial_report_child_count(r); k++)
    rc = emit_report(sb, tertial_report_child_at(r, k), o, unit, decimals);
  return rc;
}

int tertial_render_text_report(char **out, const tertial_report *report, const tertial_text_options *options)
{
  if (!out || !report)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_text_report: NULL argument");
  *out = NULL;
  tertial_text_options o;
  int rc = check_options(&o, options);
  if (rc < 0)
    return rc;
  tertial_money_unit unit = o.unit;
  int decimals = o.decimals;
  if (tertial_presentation_unit(o.presentation) >= 0) {
    unit = (tertial_money_unit)tertial_presentation_unit(o.presentation);
    decimals = tertial_presentation_decimals(o.presentation);
  }
  tertial_report *shown = NULL;
  if (!tertial__presentation_is_default(o.presentation))
    rc = tertial__report_present(&shown, report, o.presentation);
  tertial_strbuf sb = {0};
  if (rc == 0)
    rc = emit_report(&sb, shown ? shown : report, &o, unit, decimals);
  tertial_report_free(shown);
  if (rc == 0 && !sb.data)
    rc = tertial__sb_append(&sb, "");
  if (rc < 0) {
    tertial__sb_clear(&sb);
    return rc;
  }
  *out = tertial__sb_steal(&sb);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

/* ---- the round's texts ---- */

/* Append one line of user text (no line breaks), shown safely, word-wrapped to `width`
 * characters with `indent` spaces before every line; a word longer than a line is broken. */
static int wrap_line(tertial_strbuf *sb, const char *text, size_t indent, size_t width)
{
  tertial_strbuf safe = {0};
  int rc = tertial__sb_append_text(&safe, text, TERTIAL__TEXT_LINE);
  size_t room = width > indent ? width - indent : 1, col = 0;
  const char *p = safe.data ? safe.data : "";
  while (rc == 0 && *p) {
    while (*p == ' ')
      p++;
    const char *end = p;
    while (*end && *end != ' ')
      end++;
    if (end == p)
      break;
    size_t len = (size_t)g_utf8_strlen(p, end - p);
    if (col > 0 && col + 1 + len > room) { /* the word goes on the next line */
      rc = tertial__sb_append(sb, "\n");
      col = 0;
    }
    while (rc == 0 && p < end) {
      if (col == 0)
        rc = tertial__sb_pad(sb, ' ', indent);
      else if (rc == 0)
        rc = tertial__sb_append(sb, " ");
      if (col > 0)
        col++;
      /* as much of the word as fits on this line */
      size_t take = len < room - col ? len : room - col;
      const char *cut = g_utf8_offset_to_pointer(p, (glong)take);
      if (rc == 0)
        rc = tertial__sb_append_len(sb, p, (size_t)(cut - p));
      col += take;
      len -= take;
      p = cut;
      if (rc == 0 && len > 0) {
        rc = tertial__sb_append(sb, "\n");
        col = 0;
      }
    }
  }
  if (rc == 0)
    rc = tertial__sb_append(sb, "\n");
  tertial__sb_clear(&safe);
  return rc;
}

/* Append user text wrapped line by line: its own line breaks (LF, CRLF) start new lines. */
static int wrap_text(tertial_strbuf *sb, const char *text, size_t indent, size_t width)
{
  int rc = 0;
  tertial_strbuf line = {0};
  for (const char *p = text; rc == 0 && p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n > 0 && p[n - 1] == '\r')
      n--;
    tertial__sb_clear(&line);
    rc = tertial__sb_append_len(&line, p, n);
    if (rc == 0)
      rc = wrap_line(sb, line.data ? line.data : "", indent, width);
    p = nl ? nl + 1 : NULL;
  }
  tertial__sb_clear(&line);
  return rc;
}

static const char *column_text(const tertial_report_section *s, size_t line, const char *key)
{
  for (size_t c = 0; c < s->column_count; c++)
    if (strcmp(tertial_report_column_at(s, c)->key, key) == 0) {
      const tertial_report_cell *x = tertial_report_cell_at(s, line, c);
      return x->present && tertial_report_column_at(s, c)->type == TERTIAL_REPORT_TEXT ? x->text : "";
    }
  return "";
}

static const tertial_report_cell *column_cell(const tertial_report_section *s, size_t line, const char *key)
{
  for (size_t c = 0; c < s->column_count; c++)
    if (strcmp(tertial_report_column_at(s, c)->key, key) == 0)
      return tertial_report_cell_at(s, line, c);
  return NULL;
}

/* An item's heading: "Kommentar: Köp av verksamhet — Eva Andersson, 2026-11-02". */
static int item_heading(tertial_strbuf *h, const tertial_report_section *s, size_t i)
{
  const char *row = column_text(s, i, "row"), *status = column_text(s, i, "status"), *by = column_text(s, i, "by");
  const tertial_report_cell *date = column_cell(s, i, "date");
  int rc = tertial__sb_append(h, column_text(s, i, "item"));
  if (rc == 0 && (*row || *status))
    rc = tertial__sb_printf(h, ": %s", *row ? row : status);
  if (rc == 0 && (*by || (date && date->present)))
    rc = tertial__sb_append(h, " —");
  if (rc == 0 && *by)
    rc = tertial__sb_printf(h, " %s%s", by, date && date->present ? "," : "");
  if (rc == 0 && date && date->present)
    rc = tertial__sb_printf(h, " %04d-%02d-%02d", date->date.year, date->date.month, date->date.day);
  return rc;
}

int tertial_render_text_comments(char **out, const tertial_report *report, int width)
{
  if (!out || !report)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_render_text_comments: NULL argument");
  *out = NULL;
  if (width != 0 && (width < 20 || width > 1000))
    return tertial__error(TERTIAL_ERR_RANGE, "text width %d is outside 20..1000", width);
  size_t w = width ? (size_t)width : 100;
  tertial_strbuf sb = {0}, h = {0};
  int rc = 0;
  const tertial_report_section *s = NULL;
  for (size_t i = 0; !s && i < tertial_report_section_count(report); i++)
    if (tertial_report_section_at(report, i)->kind == TERTIAL_SECTION_TEXTS)
      s = tertial_report_section_at(report, i);
  if (s) {
    rc = tertial__sb_printf(&h, "%s: %s, %s", tertial_report_title(report), s->title,
                            tertial_report_point_name(report));
    if (rc == 0)
      rc = wrap_text(&sb, h.data, 0, w);
    for (size_t i = 0; rc == 0 && i < s->line_count; i++) {
      tertial__sb_clear(&h);
      rc = tertial__sb_append(&sb, "\n");
      if (rc == 0)
        rc = item_heading(&h, s, i);
      if (rc == 0)
        rc = wrap_text(&sb, h.data ? h.data : "", 0, w);
      const char *text = column_text(s, i, "text");
      if (rc == 0 && *text)
        rc = wrap_text(&sb, text, 2, w);
    }
  }
  tertial__sb_clear(&h);
  if (rc < 0) {
    tertial__sb_clear(&sb);
    return rc;
  }
  *out = tertial__sb_steal(&sb);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}
