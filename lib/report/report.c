#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include <glib.h>

#include "casefold.h"
#include "followup_internal.h"
#include "forecast_internal.h"
#include "internal.h"
#include "model_internal.h"
#include "org_internal.h"

#include <tertial/goals.h>
#include "presentation_internal.h"
#include "report_lines.h"
#include "report_findings.h"
#include "report_sections.h"

/* A section with its table; `pub` first so a public pointer converts back. */
typedef struct rsection {
  tertial_report_section pub;
  tertial_report_column *cols;
  tertial_report_line *lines;
  size_t line_cap;
  tertial_report_cell *cells; /* line_count × column_count, row-major */
  size_t cell_cap;
} rsection;

struct tertial_report {
  tertial_unit_id unit;
  int cutoff, period, english, depth;
  const char *code, *title, *subtitle, *point_code, *point_name;
  rsection *sections;
  size_t nsections, section_cap;
  tertial_report **children;
  size_t nchildren, child_cap;
  char **strings; /* every string the report owns */
  size_t nstrings, string_cap;
  /* what tertial__report_covers() asks (report_sections.h): the codes and names of the subtree's
   * units at the cut-off, whether the unit is a root, and the options' sections */
  const char **sub_codes, **sub_names;
  size_t nsub;
  int root;
  unsigned int wanted;
  int fiscal_year; /* the first calendar year of the model's fiscal year */
};

/* What a report is built from. */
typedef struct build {
  tertial_report *r;
  tertial_model *model;
  const tertial_report_options *o;
  int budget;
  tertial_snapshot_change change; /* since the previous snapshot, when have_change */
  const char *previous, *current; /* the previous snapshot's point and the current point (NULL: none) */
  int have_change;
  int skip_empty; /* the option, or a leaf unit's report */
  const tertial_snapshot *prev; /* the previous point's snapshot, when have_change */
} build;

typedef tertial__colspec colspec;

static const char *const months_sv[12] = {
  "januari", "februari", "mars", "april", "maj", "juni",
  "juli", "augusti", "september", "oktober", "november", "december",
};
static const char *const months_en[12] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};
static const char *const months_short_sv[12] = {
  "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
};
static const char *const months_short_en[12] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const column_keys[TERTIAL_COL_COUNT] = {
  "outcome_acc", "budget_acc", "deviation_acc", "budget_year",
  "share_used", "forecast", "forecast_deviation", "prior_year",
};
static const char *const section_keys[TERTIAL_SECTION_KIND_COUNT] = {
  "key_figures", "units", "rows", "reasons", "change", "measures_followup", "measures_new", "findings", "monthly", "texts",
  "goals", "warnings", "efficiency",
  "priorities", "intcontrol", "unfunded",
  "investments",
  "frame-changes",
};
static const char *const section_sv[TERTIAL_SECTION_KIND_COUNT] = {
  "Nyckeltal", "Ekonomiskt resultat per verksamhet", "Ekonomiskt resultat", "Prognosens avvikelse mot budget",
  "Förändring sedan föregående prognos", "Tidigare planerade åtgärder — Uppföljning", "Nya åtgärder — Tidplan",
  "Kontroll av rapporten", "Ackumulerat per månad", "Kommentarer", "Mål och styrtal", "Tidiga varningar",
  "Effektiviseringsåtgärder",
  "Prioriteringar", "Intern kontroll", "Ofinansierade beslut",
  "Investeringar",
  "Ramförändringar",
};
static const char *const section_en[TERTIAL_SECTION_KIND_COUNT] = {
  "Key figures", "Financial result by activity", "Financial result", "Forecast deviation from budget",
  "Change since the previous forecast", "Previously planned measures — follow-up", "New measures — timeline",
  "Consistency check", "Accumulated by month", "Comments", "Goals and indicators", "Early warnings",
  "Efficiency measures",
  "Prioritisation", "Internal control", "Unfunded decisions",
  "Investments",
  "Frame changes",
};
static const char *const status_sv[] = {"Föreslagen", "Beslutad", "Pågår", "Genomförd", "Avbruten"};
static const char *const status_en[] = {"Proposed", "Decided", "In progress", "Done", "Cancelled"};
static const char *const finding_sv[] = {
  "Summan av underenheterna stämmer inte", "Kategorisumman stämmer inte med enhetens summa",
  "Olika belopp i olika tabeller", "Rapportraden stämmer inte med kontonivån",
  "Månaderna summerar inte till året", "Konto utan rapportrad", "Prognos saknas", "Avrundningsdifferens",
  "Fel formel",
};
static const char *const finding_en[] = {
  "Children do not add up to the parent", "Category total differs from the unit total",
  "The same unit shows different figures", "Report row differs from the account-level roll-up",
  "Months do not add up to the year", "Account without a report row", "Forecast missing", "Rounding gap",
  "Wrong formula",
};

#define TXT(r, sv, en) ((r)->english ? (en) : (sv))

/* Keep a copy of s for the report's lifetime. */
static const char *keep(tertial_report *r, const char *s)
{
  if (tertial__grow((void **)&r->strings, &r->string_cap, r->nstrings + 1, sizeof *r->strings) < 0)
    return NULL;
  char *copy = tertial__strdup(s ? s : "");
  if (copy)
    r->strings[r->nstrings++] = copy;
  return copy;
}

static const char *keep_sb(tertial_report *r, tertial_strbuf *sb)
{
  const char *s = keep(r, sb->data ? sb->data : "");
  tertial__sb_clear(sb);
  return s;
}

static int init_section(rsection *s, tertial_report *r, tertial_report_section_kind kind, const colspec *cols,
                        size_t ncols);

static int add_section(rsection **out, tertial_report *r, tertial_report_section_kind kind, const colspec *cols,
                       size_t ncols)
{
  /* room for a section of each kind at once, so that a section added after the build
   * (tertial__report_add_finding_line()) moves none of the others */
  size_t need = r->nsections + 1 < TERTIAL_SECTION_KIND_COUNT ? TERTIAL_SECTION_KIND_COUNT : r->nsections + 1;
  int rc = tertial__grow((void **)&r->sections, &r->section_cap, need, sizeof *r->sections);
  if (rc < 0)
    return rc;
  rsection *s = &r->sections[r->nsections];
  rc = init_section(s, r, kind, cols, ncols);
  if (rc == 0) {
    r->nsections++;
    *out = s;
  }
  return rc;
}

/* A section of a kind with its columns and no lines in *s (whose old content is not freed). */
static int init_section(rsection *s, tertial_report *r, tertial_report_section_kind kind, const colspec *cols,
                        size_t ncols)
{
  memset(s, 0, sizeof *s);
  s->cols = tertial__calloc(ncols ? ncols : 1, sizeof *s->cols);
  if (!s->cols)
    return TERTIAL_ERR_NOMEM;
  s->pub.kind = kind;
  s->pub.key = section_keys[kind];
  s->pub.title = TXT(r, section_sv[kind], section_en[kind]);
  s->pub.english = r->english;
  s->pub.column_count = ncols;
  for (size_t c = 0; c < ncols; c++) {
    s->cols[c].key = cols[c].key;
    s->cols[c].header = TXT(r, cols[c].sv, cols[c].en);
    s->cols[c].type = cols[c].type;
    s->cols[c].source = -1;
  }
  return 0;
}

/* Append a line with empty cells; its index is s->pub.line_count - 1. */
static int add_line(rsection *s, tertial_report *r, const char *code, int depth, tertial_report_style style)
{
  size_t n = s->pub.line_count, nc = s->pub.column_count;
  int rc = tertial__grow((void **)&s->lines, &s->line_cap, n + 1, sizeof *s->lines);
  if (rc == 0)
    rc = tertial__grow((void **)&s->cells, &s->cell_cap, (n + 1) * nc, sizeof *s->cells);
  const char *c = rc == 0 ? keep(r, code) : NULL;
  if (rc < 0 || !c)
    return TERTIAL_ERR_NOMEM;
  s->lines[n] = (tertial_report_line){c, depth, style, -1, 0, 0, 0};
  for (size_t k = 0; k < nc; k++)
    s->cells[n * nc + k] = (tertial_report_cell){0, 0, "", {0, 0, 0}};
  s->pub.line_count = n + 1;
  return 0;
}

static tertial_report_cell *cell(rsection *s, size_t line, size_t col)
{
  return &s->cells[line * s->pub.column_count + col];
}

static tertial_report_cell *last_cell(rsection *s, size_t col)
{
  return cell(s, s->pub.line_count - 1, col);
}

static void set_amount(rsection *s, size_t col, int64_t v)
{
  tertial_report_cell *c = last_cell(s, col);
  c->present = 1;
  c->value = v;
}

static int set_text(rsection *s, tertial_report *r, size_t col, const char *text)
{
  tertial_report_cell *c = last_cell(s, col);
  const char *t = keep(r, text);
  if (!t)
    return TERTIAL_ERR_NOMEM;
  c->present = 1;
  c->text = t;
  return 0;
}

static void set_date(rsection *s, size_t col, tertial_date d)
{
  tertial_report_cell *c = last_cell(s, col);
  c->present = 1;
  c->date = d;
}

/* The columns of a follow-up table: a label and the eight columns, plus `extra`. */
static int add_followup_section(rsection **out, build *b, tertial_report_section_kind kind, const char *label_sv,
                                const char *label_en, const colspec *extra, size_t nextra)
{
  colspec cols[1 + TERTIAL_COL_COUNT + 6];
  cols[0] = (colspec){"label", label_sv, label_en, TERTIAL_REPORT_TEXT};
  for (int c = 0; c < TERTIAL_COL_COUNT; c++)
    cols[1 + c] = (colspec){column_keys[c], tertial_column_header((tertial_column)c, 0),
                            tertial_column_header((tertial_column)c, 1),
                            c == TERTIAL_COL_SHARE_USED ? TERTIAL_REPORT_SHARE : TERTIAL_REPORT_AMOUNT};
  size_t n = 1 + TERTIAL_COL_COUNT;
  if (b->o->prior_year_acc)
    cols[n++] = (colspec){"prior_year_acc", "Utfall fg år samma period", "Prior year outcome to date",
                          TERTIAL_REPORT_AMOUNT};
  if (b->o->previous_forecast) {
    cols[n++] = (colspec){"previous_forecast", "Fg prognos", "Previous forecast", TERTIAL_REPORT_AMOUNT};
    cols[n++] = (colspec){"forecast_change", "Förändring mot fg prognos", "Change from previous forecast",
                          TERTIAL_REPORT_AMOUNT};
  }
  if (b->o->forecast_after_measures)
    cols[n++] = (colspec){"forecast_after_measures", "Prognos efter planerade åtgärder",
                          "Forecast after planned measures", TERTIAL_REPORT_AMOUNT};
  for (size_t k = 0; k < nextra; k++)
    cols[n++] = extra[k];
  int rc = add_section(out, b->r, kind, cols, n);
  for (int c = 0; rc == 0 && c < TERTIAL_COL_COUNT; c++)
    (*out)->cols[1 + c].source = c;
  return rc;
}

/* The first column after the follow-up columns (the eight, and those asked for: Utfall fg år samma
 * period, Fg prognos and Förändring mot fg prognos, Prognos efter planerade åtgärder). */
static size_t after_followup(const build *b)
{
  return 1 + TERTIAL_COL_COUNT + (b->o->prior_year_acc ? 1 : 0) + (b->o->previous_forecast ? 2 : 0) +
         (b->o->forecast_after_measures ? 1 : 0);
}

/* Per line of a follow-up table, what the table does not hold: Fg prognos and the planned measures. */
typedef struct line_extras {
  int64_t *previous;      /* NULL unless previous_forecast */
  unsigned char *has_previous;
  int64_t *planned;       /* NULL unless forecast_after_measures */
} line_extras;

static int extras_of(line_extras *x, build *b, const tertial_followup *t)
{
  memset(x, 0, sizeof *x);
  int rc = 0;
  if (b->o->previous_forecast)
    rc = tertial__lines_previous(&x->previous, &x->has_previous, b->model, t, b->prev);
  if (rc == 0 && b->o->forecast_after_measures)
    rc = tertial__lines_planned(&x->planned, b->model, t);
  return rc;
}

static void extras_free(line_extras *x)
{
  free(x->previous);
  free(x->has_previous);
  free(x->planned);
}

static int set_followup_values(rsection *s, const build *b, const tertial_followup_line *l, const line_extras *x,
                               size_t i)
{
  for (int c = 0; c < TERTIAL_COL_COUNT; c++)
    if (l->present & (1u << c))
      set_amount(s, 1 + (size_t)c, l->value[c]);
  size_t col = 1 + TERTIAL_COL_COUNT;
  if (b->o->prior_year_acc)
    set_amount(s, col++, l->prior_year_acc);
  int64_t v, forecast = l->value[TERTIAL_COL_FORECAST];
  if (b->o->previous_forecast) {
    if (x->has_previous[i]) {
      set_amount(s, col, x->previous[i]);
      if (__builtin_sub_overflow(forecast, x->previous[i], &v))
        return tertial__error(TERTIAL_ERR_OVERFLOW, "report: Förändring mot fg prognos overflows");
      set_amount(s, col + 1, v);
    }
    col += 2;
  }
  if (b->o->forecast_after_measures) {
    if (tertial__add_ovf(forecast, x->planned[i], &v))
      return tertial__error(TERTIAL_ERR_OVERFLOW, "report: Prognos efter planerade åtgärder overflows");
    set_amount(s, col, v);
  }
  s->lines[s->pub.line_count - 1].forecast_missing = l->forecast_missing;
  return 0;
}

/* A line's label as render_text shows it. */
static int unit_label(tertial_strbuf *sb, const tertial_report *r, const tertial_followup_line *l)
{
  if (l->kind == TERTIAL_LINE_TOTAL)
    return tertial__sb_append(sb, TXT(r, "Summa", "Total"));
  /* Budget a parent holds above its children's, with nothing booked on it: "ej fördelat". */
  if (l->kind == TERTIAL_LINE_OWN && l->value[TERTIAL_COL_OUTCOME_ACC] == 0 && l->value[TERTIAL_COL_PRIOR_YEAR] == 0)
    return tertial__sb_append(sb, TXT(r, "Ej fördelat", "Unallocated budget"));
  int rc = tertial__sb_append(sb, l->label);
  if (rc == 0 && l->kind == TERTIAL_LINE_OWN)
    rc = tertial__sb_append(sb, TXT(r, " (egen)", " (own)"));
  if (rc == 0 && l->partial)
    rc = tertial__sb_append(sb, TXT(r, " (del av året)", " (part of year)"));
  return rc;
}

/* Per report row, 1 when every account of the chart mapped to it or to a row under it is a revenue
 * account (and there is one); a "varav interna" row as its parent. For TERTIAL_SIGNS_POSITIVE. */
static int revenue_rows(unsigned char **out, const tertial_rowmap *map, const tertial_chart *chart)
{
  size_t nrows = 0;
  while (tertial_rowmap_row(map, nrows))
    nrows++;
  unsigned char *kinds = tertial__calloc(nrows + 1, 1); /* bit 0: a revenue account, bit 1: another */
  if (!kinds)
    return TERTIAL_ERR_NOMEM;
  for (size_t a = 0; a < tertial_chart_count(chart); a++) {
    const tertial_account *acc = tertial_chart_account(chart, (tertial_account_id)a);
    int row = -1;
    if (!acc || tertial_rowmap_lookup(&row, map, acc->number) < 0 || row < 0)
      continue;
    for (int r = row; r >= 0 && (size_t)r < nrows; r = tertial_rowmap_row(map, (size_t)r)->parent)
      kinds[r] |= acc->type == TERTIAL_ACCOUNT_REVENUE ? 1 : 2;
  }
  /* a "varav interna" row, and a row no account reaches, as the nearest row above it that one does */
  unsigned char *own = tertial__malloc(nrows + 1);
  if (!own) {
    free(kinds);
    return TERTIAL_ERR_NOMEM;
  }
  memcpy(own, kinds, nrows);
  for (size_t r = 0; r < nrows; r++) {
    const tertial_report_row *row = tertial_rowmap_row(map, r);
    size_t n = 0;
    for (int up = row->parent; (row->kind == TERTIAL_ROW_INTERNAL || !own[r]) && up >= 0 && n++ < nrows;
         up = tertial_rowmap_row(map, (size_t)up)->parent)
      if (own[up] && tertial_rowmap_row(map, (size_t)up)->kind != TERTIAL_ROW_INTERNAL) {
        kinds[r] = own[up];
        break;
      }
  }
  free(own);
  for (size_t r = 0; r < nrows; r++)
    kinds[r] = kinds[r] == 1;
  *out = kinds;
  return 0;
}

static int copy_followup(rsection *s, build *b, const tertial_followup *t)
{
  int rc = 0;
  tertial_rowmap *map = tertial_model_rowmap(b->model);
  int result_row = tertial_rowmap_result_row(map);
  size_t n = tertial_followup_line_count(t);
  unsigned char *revenue = NULL;
  line_extras x;
  rc = extras_of(&x, b, t);
  if (rc == 0 && s->pub.kind == TERTIAL_SECTION_ROWS)
    rc = revenue_rows(&revenue, map, tertial_model_chart(b->model));
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const tertial_followup_line *l = tertial_followup_line_at(t, i);
    tertial_report_style style = TERTIAL_STYLE_NORMAL;
    if (l->kind == TERTIAL_LINE_TOTAL || (l->kind == TERTIAL_LINE_ROW && l->row == result_row))
      style = TERTIAL_STYLE_TOTAL;
    else if (l->kind == TERTIAL_LINE_ROW && l->row_kind == TERTIAL_ROW_SUM)
      style = TERTIAL_STYLE_SUBTOTAL;
    rc = add_line(s, b->r, l->code, l->depth, style);
    if (rc < 0)
      break;
    tertial_report_line *line = &s->lines[s->pub.line_count - 1];
    line->parent_line = l->parent_line;
    line->informational = l->row_kind == TERTIAL_ROW_INTERNAL;
    line->revenue = revenue && l->kind == TERTIAL_LINE_ROW && l->row >= 0 && revenue[l->row];
    tertial_strbuf sb = {0};
    rc = l->kind == TERTIAL_LINE_ROW ? tertial__sb_append(&sb, l->label) : unit_label(&sb, b->r, l);
    if (rc == 0)
      rc = set_text(s, b->r, 0, sb.data);
    tertial__sb_clear(&sb);
    if (rc == 0)
      rc = set_followup_values(s, b, l, &x, i);
  }
  free(revenue);
  extras_free(&x);
  return rc;
}

static int followup_table_of(tertial_followup **out, build *b, tertial_unit_id unit, tertial_followup_view view)
{
  tertial_followup_options fo = TERTIAL_FOLLOWUP_OPTIONS_INIT;
  fo.view = view;
  fo.budget_measure = b->budget;
  fo.skip_empty = b->skip_empty;
  return tertial_followup_new(out, b->model, unit, b->r->cutoff, &fo);
}

static int followup_table(tertial_followup **out, build *b, tertial_followup_view view)
{
  return followup_table_of(out, b, b->r->unit, view);
}

/* The children table to list: down a chain of single children, while the table is one child's
 * line (nothing booked on the unit itself, the child under it all year) and its total. Such a
 * child's subtree total is the unit's, so the total line stays the same. */
static int pass_through(tertial_followup **units, build *b)
{
  int rc = 0;
  for (;;) {
    const tertial_followup_line *only = tertial_followup_line_at(*units, 0);
    if (tertial_followup_line_count(*units) != 2 || only->kind != TERTIAL_LINE_UNIT || only->partial)
      return 0;
    tertial_followup *below;
    if ((rc = followup_table_of(&below, b, only->unit, TERTIAL_VIEW_CHILDREN)) < 0)
      return rc;
    if (tertial_followup_line_count(below) < 2) { /* a leaf: keep its line */
      tertial_followup_free(below);
      return 0;
    }
    tertial_followup_free(*units);
    *units = below;
  }
}

static int key_figures(build *b, const tertial_followup *units)
{
  static const colspec extra[] = {
    {"after_planned", "Prognos efter planerade åtgärder", "Forecast after planned measures", TERTIAL_REPORT_AMOUNT},
    {"change_since_previous", "Förändring sedan föregående prognos", "Change since the previous forecast",
     TERTIAL_REPORT_AMOUNT},
  };
  rsection *s;
  int rc = add_followup_section(&s, b, TERTIAL_SECTION_KEY_FIGURES, "Enhet", "Unit", extra, b->have_change ? 2 : 1);
  size_t last = tertial_followup_line_count(units) - 1;
  const tertial_followup_line *total = tertial_followup_line_at(units, last);
  int64_t after = 0;
  line_extras x;
  if (rc == 0)
    rc = extras_of(&x, b, units);
  else
    memset(&x, 0, sizeof x);
  if (rc == 0)
    rc = tertial_forecast_after_planned(&after, b->model, b->r->unit, b->r->cutoff);
  if (rc == 0)
    rc = add_line(s, b->r, b->r->code, 0, TERTIAL_STYLE_TOTAL);
  if (rc == 0)
    rc = set_text(s, b->r, 0, b->r->title);
  if (rc == 0)
    rc = set_followup_values(s, b, total, &x, last);
  if (rc == 0) {
    set_amount(s, after_followup(b), after);
    if (b->have_change)
      set_amount(s, after_followup(b) + 1, b->change.change);
  }
  extras_free(&x);
  return rc;
}

static int followup_sections(build *b)
{
  unsigned want = b->o->sections;
  tertial_followup *units = NULL, *rows = NULL;
  int rc = 0;
  if (want & (TERTIAL_SECTION_BIT(TERTIAL_SECTION_KEY_FIGURES) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS)))
    rc = followup_table(&units, b, TERTIAL_VIEW_CHILDREN);
  if (rc == 0 && (want & TERTIAL_SECTION_BIT(TERTIAL_SECTION_KEY_FIGURES)))
    rc = key_figures(b, units);
  rsection *s;
  if (rc == 0 && (want & TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS)) && b->o->pass_through)
    rc = pass_through(&units, b);
  if (rc == 0 && (want & TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS))) {
    rc = add_followup_section(&s, b, TERTIAL_SECTION_UNITS, "Verksamhet", "Activity", NULL, 0);
    if (rc == 0)
      rc = copy_followup(s, b, units);
    if (rc == 0) /* the total is the report's unit's, also when passed through */
      s->lines[s->pub.line_count - 1].code = b->r->code;
  }
  if (rc == 0 && (want & TERTIAL_SECTION_BIT(TERTIAL_SECTION_ROWS))) {
    rc = followup_table(&rows, b, TERTIAL_VIEW_ROWS);
    if (rc == 0)
      rc = add_followup_section(&s, b, TERTIAL_SECTION_ROWS, "Belopp", "Amounts", NULL, 0);
    if (rc == 0)
      rc = copy_followup(s, b, rows);
  }
  tertial_followup_free(units);
  tertial_followup_free(rows);
  return rc;
}

/* Lines 0..n-1 add into a total line appended after them. */
static int add_total(rsection *s, build *b, size_t amount_col, size_t first, int64_t sum)
{
  size_t total = s->pub.line_count;
  for (size_t i = first; i < total; i++)
    s->lines[i].parent_line = (int)total;
  int rc = add_line(s, b->r, "", 0, TERTIAL_STYLE_TOTAL);
  if (rc == 0)
    rc = set_text(s, b->r, 0, TXT(b->r, "Summa", "Total"));
  if (rc == 0)
    set_amount(s, amount_col, sum);
  return rc;
}

enum { RS_REASON, RS_AMOUNT, RS_UNIT_CODE, RS_UNIT, RS_COLS };

/* A line of the reasons section with its unit's code and name. */
static int reason_line(rsection *s, build *b, const char *code, int depth, tertial_report_style style,
                       const char *text, tertial_unit_id unit, int64_t amount)
{
  const tertial_unit *u = tertial_org_unit(tertial_model_org(b->model), unit);
  int rc = add_line(s, b->r, code, depth, style);
  if (rc == 0)
    rc = set_text(s, b->r, RS_REASON, text);
  if (rc == 0 && u)
    rc = set_text(s, b->r, RS_UNIT_CODE, u->code);
  if (rc == 0 && u)
    rc = set_text(s, b->r, RS_UNIT, u->name);
  if (rc == 0)
    set_amount(s, RS_AMOUNT, amount);
  return rc;
}

/* The units the reasons are grouped by: those of the per-activity table (its children, passed
 * through as that table is, and the unit's own line). */
static int reason_groups(tertial_unit_id **out, size_t *n, build *b)
{
  tertial_followup *units = NULL;
  int rc = followup_table(&units, b, TERTIAL_VIEW_CHILDREN);
  if (rc == 0 && b->o->pass_through)
    rc = pass_through(&units, b);
  size_t count = rc == 0 ? tertial_followup_line_count(units) : 0;
  tertial_unit_id *ids = rc == 0 ? tertial__malloc((count ? count : 1) * sizeof *ids) : NULL;
  if (rc == 0 && !ids)
    rc = TERTIAL_ERR_NOMEM;
  *n = 0;
  for (size_t i = 0; rc == 0 && i < count; i++) {
    const tertial_followup_line *l = tertial_followup_line_at(units, i);
    if (l->kind == TERTIAL_LINE_UNIT || l->kind == TERTIAL_LINE_OWN)
      ids[(*n)++] = l->unit;
  }
  tertial_followup_free(units);
  if (rc < 0) {
    free(ids);
    return rc;
  }
  *out = ids;
  return 0;
}

/* Prognosens avvikelse mot budget: per unit of the per-activity table, the projection of its
 * outcome and its adjustments under a line with the unit's total; a unit with one group (a leaf,
 * or everything in one activity) gets its lines without that line. */
static int reasons_section(build *b)
{
  static const colspec cols[RS_COLS] = {
    {"reason", "Orsak till prognosavvikelse", "Reason for the forecast deviation", TERTIAL_REPORT_TEXT},
    {"amount", "Belopp", "Amount", TERTIAL_REPORT_AMOUNT},
    {"unit_code", "Enhet", "Unit", TERTIAL_REPORT_TEXT},
    {"unit", "Enhetens namn", "Unit name", TERTIAL_REPORT_TEXT},
  };
  tertial_report *r = b->r;
  tertial_reasons *reasons = NULL;
  tertial_unit_id *groups = NULL;
  size_t ngroups = 0;
  int rc = reason_groups(&groups, &ngroups, b);
  if (rc == 0)
    rc = tertial__reasons_grouped(&reasons, b->model, r->unit, r->cutoff, groups, ngroups);
  free(groups);
  rsection *s;
  if (rc == 0)
    rc = add_section(&s, r, TERTIAL_SECTION_REASONS, cols, RS_COLS);
  size_t n = rc == 0 ? tertial_reasons_count(reasons) : 0;
  tertial_unit_id unit, group, first_group = TERTIAL_NO_UNIT;
  int projection, grouped = 0;
  for (size_t i = 0; i < n; i++) {
    tertial__reasons_line_info(reasons, i, &unit, &group, &projection);
    if (i == 0)
      first_group = group;
    grouped |= group != first_group;
  }
  int64_t sum = 0;
  int group_line = -1; /* the line of the current group, when grouped */
  tertial_unit_id current = TERTIAL_NO_UNIT;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const char *why;
    int64_t amount;
    rc = tertial_reasons_at(&why, &amount, reasons, i);
    tertial__reasons_line_info(reasons, i, &unit, &group, &projection);
    if (rc == 0 && grouped && group != current) {
      const tertial_unit *g = tertial_org_unit(tertial_model_org(b->model), group);
      tertial_strbuf sb = {0};
      rc = tertial__sb_append(&sb, g->name);
      if (rc == 0 && group == r->unit) /* what is booked on the unit itself, as in the units table */
        rc = tertial__sb_append(&sb, TXT(r, " (egen)", " (own)"));
      if (rc == 0)
        rc = reason_line(s, b, g->code, 1, TERTIAL_STYLE_SUBTOTAL, sb.data, group, 0);
      tertial__sb_clear(&sb);
      group_line = (int)s->pub.line_count - 1;
      current = group;
    }
    /* The projection line is the library's own label; the others are the users' reasons. */
    if (rc == 0 && projection && r->english)
      why = "Projection of the outcome to date";
    if (rc == 0)
      rc = reason_line(s, b, projection ? "projection" : "adjustment", grouped ? 2 : 1, TERTIAL_STYLE_NORMAL, why,
                       unit, amount);
    if (rc == 0 && group_line >= 0) {
      tertial_report_cell *gc = cell(s, (size_t)group_line, RS_AMOUNT);
      if (tertial__add_ovf(gc->value, amount, &gc->value))
        rc = tertial__error(TERTIAL_ERR_OVERFLOW, "report: the reasons of %s overflow", r->code);
    }
    if (rc == 0 && tertial__add_ovf(sum, amount, &sum))
      rc = tertial__error(TERTIAL_ERR_OVERFLOW, "report: the reasons of %s overflow", r->code);
  }
  /* Summa adds the group lines when grouped (each adds its lines), else every line. */
  size_t last = rc == 0 ? s->pub.line_count : 0;
  if (rc == 0)
    rc = add_total(s, b, RS_AMOUNT, 0, sum);
  for (size_t i = 0, g = 0; rc == 0 && grouped && i < last; i++) {
    if (s->lines[i].style == TERTIAL_STYLE_SUBTOTAL)
      g = i;
    else
      s->lines[i].parent_line = (int)g;
  }
  tertial_reasons_free(reasons);
  return rc;
}

/* The point the report's forecast is labelled with in the change section: the current point's
 * snapshot, which must be at the report's cut-off; else the latest snapshot there; else the
 * calendar's point at that cut-off (an open point); NULL if the calendar has none. */
static int current_label(const char **out, build *b, const tertial_snapshot *prev)
{
  *out = NULL;
  if (b->o->current_point) {
    const tertial_snapshot *cur;
    int rc = tertial_snapshot_find(&cur, b->model, b->o->current_point);
    if (rc < 0)
      return rc;
    if (tertial_snapshot_cutoff(cur) != b->r->cutoff)
      return tertial__error(TERTIAL_ERR_INVALID, "report: the current point \"%s\" is at cut-off %d, the report at "
                                                 "%d; its forecast would not be the one in the tables",
                            b->o->current_point, tertial_snapshot_cutoff(cur), b->r->cutoff);
    *out = tertial_snapshot_point(cur);
    return 0;
  }
  for (size_t i = tertial_snapshot_count(b->model); i-- > 0;) {
    const tertial_snapshot *s = tertial_snapshot_at(b->model, i);
    if (tertial_snapshot_cutoff(s) == b->r->cutoff && s != prev) {
      *out = tertial_snapshot_point(s);
      return 0;
    }
  }
  const tertial_calendar *cal = tertial_model_calendar(b->model);
  for (size_t i = 0; i < tertial_calendar_point_count(cal); i++)
    if (tertial_calendar_point(cal, i)->cutoff == b->r->cutoff) {
      *out = tertial_calendar_point(cal, i)->code;
      break;
    }
  return 0;
}

static int change_line(rsection *s, build *b, const char *code, int depth, tertial_report_style style,
                       const char *label, const char *point, int64_t amount)
{
  tertial_strbuf sb = {0};
  int rc = tertial__sb_append(&sb, label);
  if (rc == 0 && point)
    rc = tertial__sb_printf(&sb, " (%s)", point);
  if (rc == 0)
    rc = add_line(s, b->r, code, depth, style);
  if (rc == 0)
    rc = set_text(s, b->r, 0, sb.data);
  tertial__sb_clear(&sb);
  if (rc == 0)
    set_amount(s, 1, amount);
  return rc;
}

/* The change since the previous point's snapshot up to the forecast the tables show (the last
 * apply's), so that its current forecast is the tables' Årets prognos and its lines add up, also
 * when the model changed after the current point was frozen or that point is still open. */
static int compare_snapshots(build *b)
{
  const tertial_snapshot *prev;
  int rc = tertial_snapshot_find(&prev, b->model, b->o->previous_point);
  if (rc == 0)
    rc = current_label(&b->current, b, prev);
  if (rc == 0)
    rc = tertial__snapshot_compare_applied(&b->change, b->model, prev, b->r->unit, b->r->cutoff);
  if (rc < 0)
    return rc;
  b->previous = tertial_snapshot_point(prev);
  b->prev = prev;
  b->have_change = 1;
  return 0;
}

static int change_section(build *b)
{
  static const colspec cols[] = {
    {"label", "Prognos", "Forecast", TERTIAL_REPORT_TEXT},
    {"amount", "Belopp", "Amount", TERTIAL_REPORT_AMOUNT},
  };
  const tertial_snapshot_change *c = &b->change;
  rsection *s;
  tertial_report *r = b->r;
  int rc = add_section(&s, r, TERTIAL_SECTION_CHANGE, cols, 2);
  if (rc == 0)
    rc = change_line(s, b, "previous", 0, TERTIAL_STYLE_NORMAL, TXT(r, "Föregående prognos", "Previous forecast"),
                     b->previous, c->previous);
  if (rc == 0)
    rc = change_line(s, b, "current", 0, TERTIAL_STYLE_NORMAL, TXT(r, "Aktuell prognos", "Current forecast"),
                     b->current, c->current);
  if (rc == 0)
    rc = change_line(s, b, "change", 0, TERTIAL_STYLE_TOTAL,
                     TXT(r, "Förändring (positiv = högre nettokostnad)", "Change (positive = higher net cost)"),
                     NULL, c->change);
  if (rc == 0)
    rc = change_line(s, b, "new_outcome", 1, TERTIAL_STYLE_NORMAL,
                     TXT(r, "varav nytt utfall och framskrivning", "of which new outcome and projection"), NULL,
                     c->new_outcome);
  if (rc == 0)
    rc = change_line(s, b, "changed_adjustments", 1, TERTIAL_STYLE_NORMAL,
                     TXT(r, "varav ändrade justeringar", "of which changed adjustments"), NULL,
                     c->changed_adjustments);
  if (rc == 0)
    s->lines[3].parent_line = s->lines[4].parent_line = 2;
  return rc;
}

static int measures_section(build *b, int proposed)
{
  static const colspec followup_cols[] = {
    {"unit", "Enhet", "Unit", TERTIAL_REPORT_TEXT},
    {"description", "Åtgärd", "Measure", TERTIAL_REPORT_TEXT},
    {"effect", "Förväntad effekt", "Expected effect", TERTIAL_REPORT_AMOUNT},
    {"status", "Status", "Status", TERTIAL_REPORT_TEXT},
    {"follow_up", "Uppföljning", "Follow-up", TERTIAL_REPORT_TEXT},
  };
  static const colspec new_cols[] = {
    {"unit", "Enhet", "Unit", TERTIAL_REPORT_TEXT},
    {"description", "Åtgärd", "Measure", TERTIAL_REPORT_TEXT},
    {"cause", "Orsak", "Cause", TERTIAL_REPORT_TEXT},
    {"effect", "Förväntad effekt", "Expected effect", TERTIAL_REPORT_AMOUNT},
    {"consequence", "Konsekvens", "Consequence", TERTIAL_REPORT_TEXT},
    {"due", "Tidplan", "Timeline", TERTIAL_REPORT_DATE},
  };
  tertial_report *r = b->r;
  const tertial_org *org = tertial_model_org(b->model);
  rsection *s;
  int rc = proposed ? add_section(&s, r, TERTIAL_SECTION_MEASURES_NEW, new_cols, 6)
                    : add_section(&s, r, TERTIAL_SECTION_MEASURES_FOLLOWUP, followup_cols, 5);
  size_t effect_col = proposed ? 3 : 2;
  int64_t sum = 0;
  for (size_t i = 0; rc == 0 && i < tertial_measure_count(b->model); i++) {
    const tertial_measure *m = tertial_measure_at(b->model, i);
    if ((m->status == TERTIAL_MEASURE_PROPOSED) != proposed || m->kind == TERTIAL_MEASURE_EFFICIENCY)
      continue; /* efficiency measures have their own section */
    rc = tertial_org_is_within(org, m->unit, r->unit, r->period);
    if (rc <= 0)
      continue;
    const tertial_unit *u = tertial_org_unit(org, m->unit);
    rc = add_line(s, r, u->code, 1, TERTIAL_STYLE_NORMAL);
    if (rc == 0)
      rc = set_text(s, r, 0, u->name);
    if (rc == 0)
      rc = set_text(s, r, 1, m->description);
    if (rc == 0)
      set_amount(s, effect_col, m->effect);
    if (rc == 0 && proposed) {
      rc = set_text(s, r, 2, m->cause ? m->cause : "");
      if (rc == 0)
        rc = set_text(s, r, 4, m->consequence ? m->consequence : "");
      set_date(s, 5, m->due);
    } else if (rc == 0) {
      int st = (int)m->status;
      rc = set_text(s, r, 3, st >= 0 && st <= 4 ? TXT(r, status_sv[st], status_en[st]) : "");
      if (rc == 0)
        rc = set_text(s, r, 4, m->follow_up ? m->follow_up : "");
    }
    /* A cancelled measure is listed but its effect is not counted. */
    if (rc == 0 && m->status == TERTIAL_MEASURE_CANCELLED)
      s->lines[s->pub.line_count - 1].informational = 1;
    else if (rc == 0 && tertial__add_ovf(sum, m->effect, &sum))
      rc = tertial__error(TERTIAL_ERR_OVERFLOW, "report: the measures of %s overflow", r->code);
  }
  if (rc == 0 && s->pub.line_count > 0) {
    size_t total = s->pub.line_count;
    rc = add_total(s, b, effect_col, 0, sum);
    for (size_t i = 0; rc == 0 && i < total; i++)
      if (s->lines[i].informational)
        s->lines[i].parent_line = (int)total;
  }
  return rc;
}

/* Effektiviseringsåtgärder: the subtree's efficiency measures, whatever their status; a Summa of
 * the effects of those not cancelled. Only when there are any. */
static int efficiency_section(build *b)
{
  static const colspec cols[] = {
    {"unit", "Enhet", "Unit", TERTIAL_REPORT_TEXT},
    {"description", "Åtgärd", "Measure", TERTIAL_REPORT_TEXT},
    {"effect", "Förväntad effekt", "Expected effect", TERTIAL_REPORT_AMOUNT},
    {"status", "Status", "Status", TERTIAL_REPORT_TEXT},
    {"due", "Tidplan", "Timeline", TERTIAL_REPORT_DATE},
    {"follow_up", "Uppföljning", "Follow-up", TERTIAL_REPORT_TEXT},
  };
  tertial_report *r = b->r;
  const tertial_org *org = tertial_model_org(b->model);
  rsection *s = NULL;
  int64_t sum = 0;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < tertial_measure_count(b->model); i++) {
    const tertial_measure *m = tertial_measure_at(b->model, i);
    if (m->kind != TERTIAL_MEASURE_EFFICIENCY)
      continue;
    rc = tertial_org_is_within(org, m->unit, r->unit, r->period);
    if (rc <= 0)
      continue;
    rc = s ? 0 : add_section(&s, r, TERTIAL_SECTION_EFFICIENCY, cols, 6);
    const tertial_unit *u = tertial_org_unit(org, m->unit);
    int st = (int)m->status;
    if (rc == 0)
      rc = add_line(s, r, u->code, 1, TERTIAL_STYLE_NORMAL);
    if (rc == 0)
      rc = set_text(s, r, 0, u->name);
    if (rc == 0)
      rc = set_text(s, r, 1, m->description);
    if (rc == 0) {
      set_amount(s, 2, m->effect);
      rc = set_text(s, r, 3, st >= 0 && st <= 4 ? TXT(r, status_sv[st], status_en[st]) : "");
    }
    if (rc == 0) {
      set_date(s, 4, m->due);
      rc = set_text(s, r, 5, m->follow_up ? m->follow_up : "");
    }
    if (rc == 0 && m->status == TERTIAL_MEASURE_CANCELLED)
      s->lines[s->pub.line_count - 1].informational = 1;
    else if (rc == 0 && tertial__add_ovf(sum, m->effect, &sum))
      rc = tertial__error(TERTIAL_ERR_OVERFLOW, "report: the efficiency measures of %s overflow", r->code);
  }
  if (rc == 0 && s) {
    size_t total = s->pub.line_count;
    rc = add_total(s, b, 2, 0, sum);
    for (size_t i = 0; rc == 0 && i < total; i++)
      if (s->lines[i].informational)
        s->lines[i].parent_line = (int)total;
  }
  return rc;
}

/* The columns of Kontroll av rapporten (also for the lines tertial__report_add_finding_line() adds). */
static const colspec findings_columns[] = {
  {"severity", "Allvarlighet", "Severity", TERTIAL_REPORT_TEXT},
  {"check", "Kontroll", "Check", TERTIAL_REPORT_TEXT},
  {"unit", "Enhet", "Unit", TERTIAL_REPORT_TEXT},
  {"row", "Rad eller konto", "Row or account", TERTIAL_REPORT_TEXT},
  {"column", "Kolumn", "Column", TERTIAL_REPORT_TEXT},
  {"expected", "Förväntat", "Expected", TERTIAL_REPORT_AMOUNT},
  {"found", "Funnet", "Found", TERTIAL_REPORT_AMOUNT},
};

static int findings_section(build *b)
{
  const colspec *cols = findings_columns;
  tertial_findings *f = NULL;
  tertial_report *r = b->r;
  int rc = tertial_check_model(&f, b->model, r->unit, r->cutoff, b->budget);
  rsection *s;
  if (rc == 0)
    rc = add_section(&s, r, TERTIAL_SECTION_FINDINGS, cols, 7);
  for (size_t i = 0; rc == 0 && i < tertial_findings_count(f); i++) {
    const tertial_finding *x = tertial_findings_at(f, i);
    int k = (int)x->kind;
    int known = k >= 0 && (size_t)k < sizeof finding_sv / sizeof *finding_sv;
    const char *name = tertial_finding_kind_name(x->kind);
    rc = add_line(s, r, name ? name : "", 0, TERTIAL_STYLE_NORMAL);
    if (rc == 0)
      rc = set_text(s, r, 0, x->severity == TERTIAL_SEVERITY_ERROR ? TXT(r, "Fel", "Error")
                                                                   : TXT(r, "Varning", "Warning"));
    if (rc == 0)
      rc = set_text(s, r, 1, known ? TXT(r, finding_sv[k], finding_en[k]) : "");
    if (rc == 0)
      rc = set_text(s, r, 2, x->unit_code);
    if (rc == 0)
      rc = set_text(s, r, 3, x->row_code);
    const char *col = x->column >= 0 ? tertial_column_header((tertial_column)x->column, r->english) : NULL;
    if (rc == 0 && col)
      rc = set_text(s, r, 4, col);
    if (rc == 0) {
      set_amount(s, 5, x->expected);
      set_amount(s, 6, x->found);
    }
  }
  tertial_findings_free(f);
  return rc;
}

/* The unit's result row month by month, accumulated: outcome up to the cut-off, budget, and the
 * forecast as the cube spreads it (outcome up to the cut-off, budget after it, the rest of the
 * full-year forecast in the last month). */
static int monthly_section(build *b)
{
  static const colspec cols[] = {
    {"month", "Månad", "Month", TERTIAL_REPORT_TEXT},
    {"outcome_acc", "Ack utfall", "Accumulated outcome", TERTIAL_REPORT_AMOUNT},
    {"budget_acc", "Ack budget", "Accumulated budget", TERTIAL_REPORT_AMOUNT},
    {"forecast_acc", "Ack prognos", "Accumulated forecast", TERTIAL_REPORT_AMOUNT},
  };
  tertial_report *r = b->r;
  const tertial_cube *c;
  int rc = tertial__cube_get(&c, b->model, r->cutoff, b->budget);
  if (rc < 0)
    return rc;
  int result = tertial_rowmap_result_row(c->map);
  if (result < 0)
    return tertial__error(TERTIAL_ERR_STATE, "report: the report-row mapping has no result row");
  /* Copy the block: the cube belongs to the model's cache. */
  int64_t block[CUBE_MEASURES * CUBE_MONTHS];
  memcpy(block, tertial__cube_block(c, c->rolled, r->unit, (size_t)result), sizeof block);
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(b->model);
  rsection *s;
  rc = add_section(&s, r, TERTIAL_SECTION_MONTHLY, cols, 4);
  int64_t acc[3] = {0, 0, 0};
  static const int measure[3] = {CUBE_OUT, CUBE_BUD, CUBE_FC};
  for (int k = 0; rc == 0 && k < CUBE_MONTHS; k++) {
    int period = 0;
    rc = tertial_fiscal_year_period(&period, fy, k);
    char code[16];
    if (rc == 0) {
      snprintf(code, sizeof code, "%04d-%02d", period / 100, period % 100);
      rc = add_line(s, r, code, 0, TERTIAL_STYLE_NORMAL);
    }
    if (rc == 0)
      rc = set_text(s, r, 0, r->english ? months_short_en[period % 100 - 1] : months_short_sv[period % 100 - 1]);
    for (int m = 0; rc == 0 && m < 3; m++) {
      if (tertial__add_ovf(acc[m], block[measure[m] * CUBE_MONTHS + k], &acc[m]))
        rc = tertial__error(TERTIAL_ERR_OVERFLOW, "report: the monthly amounts of %s overflow", r->code);
      else if (m != 0 || k < r->cutoff)
        set_amount(s, 1 + (size_t)m, acc[m]);
    }
  }
  return rc;
}

static const char *const round_status_sv[TERTIAL_STATUS_COUNT] = {
  "Ej påbörjad", "Pågår", "Klarmarkerad", "Godkänd", "Återsänd",
};
static const char *const round_status_en[TERTIAL_STATUS_COUNT] = {
  "Not started", "In progress", "Submitted", "Approved", "Returned",
};

/* Who changed an item of the round: the person's name, and for whom when entered on someone's behalf. */
static int author(tertial_strbuf *sb, const tertial_report *r, const tertial_round *round, tertial_person_id person,
                  tertial_person_id on_behalf_of)
{
  const tertial_person *p = tertial_round_person_at(round, person);
  const tertial_person *f = on_behalf_of == TERTIAL_NO_PERSON ? NULL : tertial_round_person_at(round, on_behalf_of);
  int rc = tertial__sb_append(sb, p ? p->name : "");
  if (rc == 0 && f)
    rc = tertial__sb_printf(sb, TXT(r, " (för %s)", " (for %s)"), f->name);
  return rc;
}

/* The round's times are UTC (as its audit trail shows them); the report gives their date. */
static tertial_date date_of(time_t t)
{
  struct tm tm;
  if (!gmtime_r(&t, &tm))
    return (tertial_date){0, 0, 0};
  return (tertial_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

enum { TX_ITEM, TX_ROW, TX_STATUS, TX_BY, TX_DATE, TX_TEXT, TX_COLS };

/* A line of the texts section: the item, the row's label, who, when, the text (the section is
 * made on the first line, so a unit without texts gets none). */
static int text_line(rsection **s, build *b, const tertial_round *round, const char *code, const char *item,
                     const char *row, tertial_person_id person, tertial_person_id on_behalf_of, time_t when,
                     const char *text)
{
  static const colspec cols[TX_COLS] = {
    {"item", "Del", "Item", TERTIAL_REPORT_TEXT},
    {"row", "Rad", "Row", TERTIAL_REPORT_TEXT},
    {"status", "Status", "Status", TERTIAL_REPORT_TEXT},
    {"by", "Av", "By", TERTIAL_REPORT_TEXT},
    {"date", "Datum", "Date", TERTIAL_REPORT_DATE},
    {"text", "Text", "Text", TERTIAL_REPORT_TEXT},
  };
  tertial_report *r = b->r;
  int rc = *s ? 0 : add_section(s, r, TERTIAL_SECTION_TEXTS, cols, TX_COLS);
  if (rc == 0)
    rc = add_line(*s, r, code, 0, TERTIAL_STYLE_NORMAL);
  if (rc == 0)
    rc = set_text(*s, r, TX_ITEM, item);
  if (rc == 0 && row)
    rc = set_text(*s, r, TX_ROW, row);
  tertial_strbuf sb = {0};
  if (rc == 0)
    rc = author(&sb, r, round, person, on_behalf_of);
  if (rc == 0)
    rc = set_text(*s, r, TX_BY, sb.data ? sb.data : "");
  tertial__sb_clear(&sb);
  if (rc == 0) {
    set_date(*s, TX_DATE, date_of(when));
    rc = set_text(*s, r, TX_TEXT, text);
  }
  return rc;
}

/* The round's texts and status of the report's unit at the report's point (the calendar's point at
 * the cut-off): left out when the report has no point, the model no round, or the round nothing
 * for the unit there. */
static int texts_section(build *b)
{
  tertial_report *r = b->r;
  tertial_round *round = (tertial_round *)tertial__model_round(b->model);
  const char *point = r->point_code;
  if (!round || !*point)
    return 0;
  rsection *s = NULL;
  int rc = 0;
  static const tertial_text_kind kinds[2] = {TERTIAL_TEXT_SUMMARY, TERTIAL_TEXT_ANALYSIS};
  static const char *const kind_code[2] = {"summary", "analysis"};
  static const char *const kind_sv[2] = {"Sammanfattning", "Ekonomisk analys och prognos"};
  static const char *const kind_en[2] = {"Summary", "Financial analysis and forecast"};
  for (int k = 0; rc == 0 && k < 2; k++) {
    const tertial_text_version *v = tertial_round_text(round, r->unit, point, kinds[k], NULL);
    if (v)
      rc = text_line(&s, b, round, kind_code[k], TXT(r, kind_sv[k], kind_en[k]), NULL, v->person, v->on_behalf_of,
                     v->when, v->text);
  }
  tertial_rowmap *map = tertial_model_rowmap(b->model);
  size_t nrows = tertial_rowmap_row_count(map);
  for (size_t i = 0; rc == 0 && i < nrows; i++) {
    const tertial_report_row *row = tertial_rowmap_row(map, i);
    const tertial_text_version *v =
        row ? tertial_round_text(round, r->unit, point, TERTIAL_TEXT_ROW_COMMENT, row->code) : NULL;
    if (v)
      rc = text_line(&s, b, round, row->code, TXT(r, "Kommentar", "Comment"), row->label, v->person, v->on_behalf_of,
                     v->when, v->text);
  }
  tertial_unit_status st;
  if (rc == 0)
    rc = tertial_round_status(&st, round, r->unit, point);
  if (rc == 0 && st.version > 0 && (int)st.status >= 0 && st.status < TERTIAL_STATUS_COUNT) {
    rc = text_line(&s, b, round, "status", "Status", NULL, st.person, st.on_behalf_of, st.when, st.comment);
    tertial_strbuf sb = {0};
    if (rc == 0)
      rc = tertial__sb_append(&sb, TXT(r, round_status_sv[st.status], round_status_en[st.status]));
    if (rc == 0 && st.escalated)
      rc = tertial__sb_append(&sb, TXT(r, ", eskalerad till nästa nivå", ", escalated to the next level"));
    if (rc == 0)
      rc = set_text(s, r, TX_STATUS, sb.data);
    tertial__sb_clear(&sb);
  }
  return rc;
}

static int period_label(tertial_strbuf *sb, const tertial_report *r, const tertial_fiscal_year *fy)
{
  int first = 0;
  int rc = tertial_fiscal_year_period(&first, fy, 0);
  const char *const *months = r->english ? months_en : months_sv;
  if (rc < 0)
    return rc;
  if (r->cutoff == 1)
    return tertial__sb_printf(sb, "%s %d", months[first % 100 - 1], first / 100);
  if (first / 100 == r->period / 100)
    return tertial__sb_printf(sb, "%s–%s %d", months[first % 100 - 1], months[r->period % 100 - 1], r->period / 100);
  return tertial__sb_printf(sb, "%s %d–%s %d", months[first % 100 - 1], first / 100, months[r->period % 100 - 1],
                            r->period / 100);
}

static int describe(tertial_report *r, tertial_model *model)
{
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(model);
  int rc = tertial_fiscal_year_period(&r->period, fy, r->cutoff - 1);
  if (rc < 0)
    return rc;
  const tertial_unit *u = tertial_org_unit(tertial_model_org(model), r->unit);
  r->code = keep(r, u->code);
  r->title = keep(r, u->name);
  const tertial_calendar *cal = tertial_model_calendar(model);
  const tertial_followup_point *point = NULL;
  for (size_t i = 0; !point && i < tertial_calendar_point_count(cal); i++)
    if (tertial_calendar_point(cal, i)->cutoff == r->cutoff)
      point = tertial_calendar_point(cal, i);
  tertial_strbuf sb = {0};
  r->point_code = keep(r, point ? point->code : "");
  rc = point ? tertial__sb_append(&sb, point->name) : period_label(&sb, r, fy);
  r->point_name = rc == 0 ? keep_sb(r, &sb) : NULL;
  int m = r->period % 100 - 1;
  const char *month = r->english ? months_en[m] : months_sv[m];
  if (rc == 0)
    rc = tertial__sb_printf(&sb, r->english ? "Outcome to %s %d" : "Utfall t.o.m. %s %d", month, r->period / 100);
  if (rc == 0 && point)
    rc = tertial__sb_printf(&sb, ", %s", point->name);
  r->subtitle = rc == 0 ? keep_sb(r, &sb) : NULL;
  tertial__sb_clear(&sb);
  if (rc == 0 && (!r->code || !r->title || !r->point_code || !r->point_name || !r->subtitle))
    rc = TERTIAL_ERR_NOMEM;
  return rc;
}

/* ---- goals and the volumes' early warnings (goals.h) ---- */

enum { GO_ITEM, GO_KIND, GO_STATUS, GO_VALUE, GO_TARGET, GO_PREVIOUS, GO_LAST_YEAR, GO_COMMENT, GO_COLS };

static const char *const goal_kind_sv[] = {"Inriktningsområde", "KF-mål", "Nämndmål", "Delmål", "Aktivitet"};
static const char *const goal_kind_en[] = {"Strategic area", "Council goal", "Committee goal", "Sub-goal", "Activity"};
static const char *const goal_status_sv[] = {"Ej påbörjat", "Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt"};
static const char *const goal_status_en[] = {"Not started", "Met", "Partly met", "Not met"};
static const char *const light_sv[] = {"", "Grön", "Gul", "Röd"};
static const char *const light_en[] = {"", "Green", "Yellow", "Red"};

/* An indicator's value as text with its unit of measure ("" when none). */
static int value_text(char *buf, size_t size, tertial_goals *g, tertial_indicator_id id, int has, int64_t v)
{
  buf[0] = '\0';
  if (!has)
    return 0;
  int n = tertial_indicator_format_value(buf, size, g, id, v);
  const char *uom = tertial_indicator_at(g, id)->unit_of_measure;
  if (n >= 0 && *uom)
    snprintf(buf + n, size - (size_t)n, " %s", uom);
  return n < 0 ? n : 0;
}

/* A styrtal under a goal: its value at the goal's unit at the report's cut-off month. */
static int goal_indicator_line(rsection *s, build *b, tertial_goals *g, tertial_indicator_id id, tertial_unit_id unit,
                               int depth)
{
  tertial_report *r = b->r;
  tertial_indicator_result x;
  const tertial_indicator_spec *spec = tertial_indicator_at(g, id);
  int rc = tertial_indicator_evaluate(&x, g, id, unit, r->period, tertial_model_fiscal_year(b->model)->first_year);
  char v[64], t[64], p[64], l[64];
  if (rc == 0)
    rc = add_line(s, r, spec->code, depth, TERTIAL_STYLE_NORMAL);
  if (rc == 0)
    rc = set_text(s, r, GO_ITEM, spec->name);
  if (rc == 0)
    rc = set_text(s, r, GO_KIND, TXT(r, "Styrtal", "Indicator"));
  if (rc == 0)
    rc = set_text(s, r, GO_STATUS, r->english ? light_en[x.light] : light_sv[x.light]);
  if (rc == 0 && (rc = value_text(v, sizeof v, g, id, x.has_value, x.value)) == 0)
    rc = set_text(s, r, GO_VALUE, v);
  if (rc == 0 && (rc = value_text(t, sizeof t, g, id, x.has_target, x.target)) == 0)
    rc = set_text(s, r, GO_TARGET, t);
  if (rc == 0 && (rc = value_text(p, sizeof p, g, id, x.has_previous, x.previous)) == 0)
    rc = set_text(s, r, GO_PREVIOUS, p);
  if (rc == 0 && (rc = value_text(l, sizeof l, g, id, x.has_last_year, x.last_year)) == 0)
    rc = set_text(s, r, GO_LAST_YEAR, l);
  return rc;
}

/* One goal's line: its name, kind, status at the report's point and comment (with the proposal
 * and the reason when a person set another). */
static int goal_line(rsection *s, tertial_report *r, const tertial_goal *x, const tertial_goal_state *st, int depth)
{
  int rc = add_line(s, r, x->code, depth, depth == 0 ? TERTIAL_STYLE_SUBTOTAL : TERTIAL_STYLE_NORMAL);
  if (rc == 0)
    rc = set_text(s, r, GO_ITEM, x->name);
  if (rc == 0)
    rc = set_text(s, r, GO_KIND, r->english ? goal_kind_en[x->kind] : goal_kind_sv[x->kind]);
  if (rc == 0)
    rc = set_text(s, r, GO_STATUS, r->english ? goal_status_en[st->status] : goal_status_sv[st->status]);
  tertial_strbuf sb = {0};
  if (rc == 0 && st->set)
    rc = tertial__sb_append(&sb, st->comment);
  if (rc == 0 && st->set && st->overridden)
    rc = tertial__sb_printf(&sb, TXT(r, "%s(föreslaget: %s; %s)", "%s(proposed: %s; %s)"), sb.len ? " " : "",
                            r->english ? goal_status_en[st->proposed] : goal_status_sv[st->proposed], st->reason);
  if (rc == 0)
    rc = set_text(s, r, GO_COMMENT, sb.data ? sb.data : "");
  tertial__sb_clear(&sb);
  return rc;
}

/* The measures (åtgärder) that serve a goal, under it: description, status, effect, follow-up. */
static int goal_measure_lines(rsection *s, build *b, const tertial_goal *x, int depth)
{
  tertial_report *r = b->r;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < tertial_measure_count(b->model); i++) {
    const tertial_measure *m = tertial_measure_at(b->model, i);
    if (!m->goal || strcmp(m->goal, x->code) != 0)
      continue;
    char code[32], effect[48];
    snprintf(code, sizeof code, "measure-%zu", i + 1);
    int n = tertial_money_format(effect, sizeof effect, m->effect, TERTIAL_UNIT_TKR, 0);
    if (n >= 0)
      snprintf(effect + n, sizeof effect - (size_t)n, " tkr");
    rc = n < 0 ? n : add_line(s, r, code, depth, TERTIAL_STYLE_NORMAL);
    if (rc == 0)
      rc = set_text(s, r, GO_ITEM, m->description);
    if (rc == 0)
      rc = set_text(s, r, GO_KIND, TXT(r, "Åtgärd", "Measure"));
    if (rc == 0)
      rc = set_text(s, r, GO_STATUS, (r->english ? status_en : status_sv)[m->status]);
    if (rc == 0)
      rc = set_text(s, r, GO_VALUE, effect);
    if (rc == 0)
      rc = set_text(s, r, GO_COMMENT, m->follow_up ? m->follow_up : "");
  }
  return rc;
}

/* The goals of the report's subtree in the tree's order, each with its styrtal. */
static int goals_section(build *b)
{
  static const colspec cols[GO_COLS] = {
    {"item", "Mål", "Goal", TERTIAL_REPORT_TEXT},
    {"kind", "Slag", "Kind", TERTIAL_REPORT_TEXT},
    {"status", "Status", "Status", TERTIAL_REPORT_TEXT},
    {"value", "Utfall", "Value", TERTIAL_REPORT_TEXT},
    {"target", "Målvärde", "Target", TERTIAL_REPORT_TEXT},
    {"previous", "Föregående", "Previous", TERTIAL_REPORT_TEXT},
    {"last_year", "Fg år", "Last year", TERTIAL_REPORT_TEXT},
    {"comment", "Kommentar", "Comment", TERTIAL_REPORT_TEXT},
  };
  tertial_report *r = b->r;
  tertial_goals *g = (tertial_goals *)tertial__model_goals(b->model);
  if (!g || !tertial_goal_count(g) || !*r->point_code)
    return 0;
  const tertial_org *org = tertial_model_org(b->model);
  int year = tertial_model_fiscal_year(b->model)->first_year, rc = 0;
  size_t n = tertial_goal_count(g), no = 0;
  int *depth = tertial__calloc(n, sizeof *depth); /* a goal's depth in the section, -1: left out */
  tertial_goal_id *order = tertial__calloc(n, sizeof *order);
  if (!depth || !order)
    rc = TERTIAL_ERR_NOMEM;
  /* the tree in pre-order: every strategic area valid in the year, then what is below it */
  for (tertial_goal_id k = 0; rc == 0 && k < n; k++) {
    const tertial_goal *x = tertial_goal_at(g, k);
    tertial_goal_id *thread;
    size_t nt, up;
    if (x->parent != TERTIAL_NO_GOAL || year < x->first_year || year > x->last_year)
      continue;
    if ((rc = tertial_goal_red_thread(&thread, &nt, &up, g, k, year)) < 0)
      break;
    for (size_t i = 0; i < nt; i++)
      order[no++] = thread[i];
    tertial_free(thread);
  }
  rsection *s = NULL;
  for (size_t i = 0; rc == 0 && i < no; i++) {
    const tertial_goal *x = tertial_goal_at(g, order[i]);
    depth[order[i]] = -1;
    if (tertial_org_is_within(org, x->unit, r->unit, r->period) != 1)
      continue;
    int d = 0; /* below the nearest goal above it that the section shows */
    for (tertial_goal_id p = x->parent; p != TERTIAL_NO_GOAL; p = tertial_goal_at(g, p)->parent)
      if (depth[p] >= 0) {
        d = depth[p] + 1;
        break;
      }
    depth[order[i]] = d;
    tertial_goal_state st;
    tertial_indicator_id *links = NULL;
    size_t nl = 0;
    rc = tertial_goal_state_at(&st, g, order[i], r->point_code);
    if (rc == 0 && !s)
      rc = add_section(&s, r, TERTIAL_SECTION_GOALS, cols, GO_COLS);
    if (rc == 0)
      rc = goal_line(s, r, x, &st, d);
    if (rc == 0)
      rc = tertial_goal_indicators(&links, &nl, g, order[i]);
    for (size_t k = 0; rc == 0 && k < nl; k++)
      rc = goal_indicator_line(s, b, g, links[k], x->unit, d + 1);
    if (rc == 0)
      rc = goal_measure_lines(s, b, x, d + 1);
    tertial_free(links);
  }
  free(order);
  free(depth);
  return rc;
}

enum { WA_UNIT, WA_INDICATOR, WA_VOLUME, WA_BUDGETED, WA_TREND, WA_FIRST, WA_COST, WA_CONSEQUENCE, WA_COLS };

/* One warning's line. */
static int warning_line(rsection *s, build *b, tertial_goals *g, tertial_indicator_id id, tertial_unit_id unit,
                        int depth, const tertial_volume_outlook *w)
{
  tertial_report *r = b->r;
  const tertial_unit *u = tertial_org_unit(tertial_model_org(b->model), unit);
  char name[256], v[64], bud[64], t[64], first[32];
  int period = 0;
  snprintf(name, sizeof name, "%s %s", u->code, u->name);
  first[0] = '\0';
  /* the first month over budget; none when the volume is over it already at the cut-off */
  if (w->first_month >= 1 && w->first_month <= 12 &&
      tertial_fiscal_year_period(&period, tertial_model_fiscal_year(b->model), w->first_month - 1) == 0 &&
      period % 100 >= 1 && period % 100 <= 12)
    snprintf(first, sizeof first, "%s %d", r->english ? months_en[period % 100 - 1] : months_sv[period % 100 - 1],
             period / 100);
  else
    tertial_error_clear();
  int rc = add_line(s, r, u->code, depth, TERTIAL_STYLE_NORMAL);
  if (rc == 0)
    rc = set_text(s, r, WA_UNIT, name);
  if (rc == 0)
    rc = set_text(s, r, WA_INDICATOR, tertial_indicator_at(g, id)->name);
  if (rc == 0 && (rc = value_text(v, sizeof v, g, id, 1, w->latest)) == 0)
    rc = set_text(s, r, WA_VOLUME, v);
  if (rc == 0 && (rc = value_text(bud, sizeof bud, g, id, 1, w->budgeted)) == 0)
    rc = set_text(s, r, WA_BUDGETED, bud);
  if (rc == 0 && (rc = value_text(t, sizeof t, g, id, 1, w->trend_year_end)) == 0)
    rc = set_text(s, r, WA_TREND, t);
  if (rc == 0)
    rc = set_text(s, r, WA_FIRST, first);
  if (rc == 0) {
    set_amount(s, WA_COST, w->cost_per_unit);
    set_amount(s, WA_CONSEQUENCE, w->consequence);
  }
  return rc;
}

/* The volumes that warn at the report's unit and the units of its first level below. */
static int warnings_section(build *b)
{
  static const colspec cols[WA_COLS] = {
    {"unit", "Enhet", "Unit", TERTIAL_REPORT_TEXT},
    {"indicator", "Volym", "Volume", TERTIAL_REPORT_TEXT},
    {"volume", "Senaste", "Latest", TERTIAL_REPORT_TEXT},
    {"budgeted", "Budgeterad", "Budgeted", TERTIAL_REPORT_TEXT},
    {"trend", "Trend dec", "Trend Dec", TERTIAL_REPORT_TEXT},
    {"first_month", "Över budget från", "Above budget from", TERTIAL_REPORT_TEXT},
    {"cost_per_unit", "Kostnad per brukare", "Cost per user", TERTIAL_REPORT_AMOUNT},
    {"consequence", "Kostnad till årets slut", "Cost to year end", TERTIAL_REPORT_AMOUNT},
  };
  tertial_report *r = b->r;
  tertial_goals *g = (tertial_goals *)tertial__model_goals(b->model);
  if (!g)
    return 0;
  rsection *s = NULL;
  int rc = 0;
  for (tertial_indicator_id id = 0; rc == 0 && id < tertial_indicator_count(g); id++) {
    if (!tertial_indicator_cost_row(g, id))
      continue;
    tertial_unit_id *ids = NULL;
    int *depths = NULL;
    size_t n = 0;
    rc = tertial__org_preorder(tertial_model_org(b->model), r->unit, r->period, &ids, &depths, &n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
      tertial_volume_outlook w;
      int got = depths[i] > 1 ? 0 : tertial_volume_warning(&w, g, id, ids[i], r->cutoff);
      if (got == TERTIAL_ERR_NOT_FOUND) { /* no volume or no budgeted volume there */
        tertial_error_clear();
        continue;
      }
      if (depths[i] > 1 || (rc = got) < 0 || !w.warns)
        continue;
      if (!s)
        rc = add_section(&s, r, TERTIAL_SECTION_WARNINGS, cols, WA_COLS);
      if (rc == 0)
        rc = warning_line(s, b, g, id, ids[i], depths[i], &w);
    }
    free(ids);
    free(depths);
  }
  return rc;
}

static int build_report(tertial_report **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                        const tertial_report_options *o, int depth);

/* Whether a unit has no children at a period: its report leaves out all-zero lines, since a
 * unit's few accounts would otherwise show most rows of the mapping as zeros. */
static int is_leaf(int *out, tertial_model *model, tertial_unit_id unit, int period)
{
  tertial_org_iter *it = NULL;
  tertial_unit_id u;
  int depth, rc = tertial_org_iter_new(&it, tertial_model_org(model), unit, period);
  int n = 0;
  while (rc == 0 && n < 2 && (rc = tertial_org_iter_next(it, &u, &depth)) == 1) {
    rc = 0;
    n++;
  }
  tertial_org_iter_free(it);
  if (rc < 0)
    return rc;
  *out = n < 2;
  return 0;
}

static int build_children(tertial_report *r, tertial_model *model, const tertial_report_options *o)
{
  tertial_report_options child = *o;
  child.child_depth = 0;
  child.sections &= ~TERTIAL_SECTION_BIT(TERTIAL_SECTION_FINDINGS);
  tertial_org_iter *it = NULL;
  int rc = tertial_org_iter_new(&it, tertial_model_org(model), r->unit, r->period);
  tertial_unit_id u;
  int depth;
  while (rc == 0 && (rc = tertial_org_iter_next(it, &u, &depth)) == 1) {
    rc = 0;
    if (depth == 0 || depth > o->child_depth)
      continue;
    rc = tertial__grow((void **)&r->children, &r->child_cap, r->nchildren + 1, sizeof *r->children);
    if (rc == 0)
      rc = build_report(&r->children[r->nchildren], model, u, r->cutoff, &child, depth);
    if (rc == 0)
      r->nchildren++;
  }
  tertial_org_iter_free(it);
  return rc;
}

/* The codes and names of the units of the report's subtree at its cut-off, and whether its unit is a
 * root (report_sections.h). */
static int record_subtree(tertial_report *r, tertial_model *model)
{
  const tertial_org *org = tertial_model_org(model);
  tertial_unit_id parent = TERTIAL_NO_UNIT, u;
  int rc = tertial_org_parent(&parent, org, r->unit, r->period), depth;
  r->root = parent == TERTIAL_NO_UNIT;
  tertial_org_iter *it = NULL;
  if (rc == 0)
    rc = tertial_org_iter_new(&it, org, r->unit, r->period);
  size_t cap = 0;
  while (rc == 0 && (rc = tertial_org_iter_next(it, &u, &depth)) == 1) {
    const tertial_unit *x = tertial_org_unit(org, u);
    rc = tertial__grow((void **)&r->sub_codes, &cap, r->nsub + 1, sizeof *r->sub_codes);
    size_t cap2 = r->nsub;
    if (rc == 0)
      rc = tertial__grow((void **)&r->sub_names, &cap2, r->nsub + 1, sizeof *r->sub_names);
    if (rc == 0) {
      r->sub_codes[r->nsub] = keep(r, x->code);
      r->sub_names[r->nsub] = keep(r, x->name); /* compared with letter case ignored */
      rc = r->sub_codes[r->nsub] && r->sub_names[r->nsub] ? 0 : TERTIAL_ERR_NOMEM;
      r->nsub++;
    }
  }
  tertial_org_iter_free(it);
  return rc;
}

static int build_report(tertial_report **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                        const tertial_report_options *o, int depth)
{
  tertial_report *r = tertial__calloc(1, sizeof *r);
  if (!r)
    return TERTIAL_ERR_NOMEM;
  r->unit = unit;
  r->cutoff = cutoff;
  r->english = o->english != 0;
  r->depth = depth;
  build b = {r, model, o, o->budget_measure < 0 ? tertial_model_current_budget(model) : o->budget_measure,
             {0, 0, 0, 0, 0}, NULL, NULL, 0, 0, NULL};
  r->wanted = o->sections;
  r->fiscal_year = tertial_model_fiscal_year(model)->first_year;
  int rc = describe(r, model);
  if (rc == 0)
    rc = record_subtree(r, model);
  if (rc == 0)
    rc = is_leaf(&b.skip_empty, model, unit, r->period);
  b.skip_empty |= o->skip_empty;
  if (rc == 0 && o->previous_point)
    rc = compare_snapshots(&b);
  if (rc == 0)
    rc = followup_sections(&b);
  if (rc == 0 && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_REASONS)))
    rc = reasons_section(&b);
  if (rc == 0 && b.have_change && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_CHANGE)))
    rc = change_section(&b);
  if (rc == 0 && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_MEASURES_FOLLOWUP)))
    rc = measures_section(&b, 0);
  if (rc == 0 && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_MEASURES_NEW)))
    rc = measures_section(&b, 1);
  if (rc == 0 && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_EFFICIENCY)))
    rc = efficiency_section(&b);
  if (rc == 0 && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_FINDINGS)))
    rc = findings_section(&b);
  if (rc == 0 && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_MONTHLY)))
    rc = monthly_section(&b);
  if (rc == 0 && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_TEXTS)))
    rc = texts_section(&b);
  if (rc == 0 && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_GOALS)))
    rc = goals_section(&b);
  if (rc == 0 && (o->sections & TERTIAL_SECTION_BIT(TERTIAL_SECTION_WARNINGS)))
    rc = warnings_section(&b);
  if (rc == 0 && o->child_depth > 0)
    rc = build_children(r, model, o);
  if (rc < 0) {
    tertial_report_free(r);
    return rc;
  }
  *out = r;
  return 0;
}

/* Copy the caller's options over the defaults: a version-1 struct ends before pass_through and
 * keeps the table it had (each unit's own children). */
static int check_options(tertial_report_options *dst, const tertial_report_options *src)
{
  tertial_report_options defaults = TERTIAL_REPORT_OPTIONS_INIT;
  *dst = defaults;
  if (src && (src->version < 1 || src->version > TERTIAL_REPORT_OPTIONS_VERSION))
    return tertial__error(TERTIAL_ERR_INVALID, "report options version %u is not supported (expected 1 to %u)",
                          src->version, TERTIAL_REPORT_OPTIONS_VERSION);
  if (src && src->version == 1) {
    memcpy(dst, src, offsetof(tertial_report_options, pass_through));
    dst->version = TERTIAL_REPORT_OPTIONS_VERSION;
    dst->pass_through = 0;
  } else if (src && src->version == 2) { /* ends before prior_year_acc */
    memcpy(dst, src, offsetof(tertial_report_options, prior_year_acc));
    dst->version = TERTIAL_REPORT_OPTIONS_VERSION;
  } else if (src && src->version == 3) { /* ends before previous_forecast */
    memcpy(dst, src, offsetof(tertial_report_options, previous_forecast));
    dst->version = TERTIAL_REPORT_OPTIONS_VERSION;
  } else if (src) {
    *dst = *src;
  }
  const tertial_report_options *o = dst;
  if (o->child_depth < 0 || o->child_depth > 64)
    return tertial__error(TERTIAL_ERR_RANGE, "report child depth %d is outside 0..64", o->child_depth);
  if (o->current_point && !o->previous_point)
    return tertial__error(TERTIAL_ERR_INVALID, "report: a current point needs a previous point to compare with");
  if (o->previous_forecast && !o->previous_point)
    return tertial__error(TERTIAL_ERR_INVALID, "report: Fg prognos (previous_forecast) needs a previous point "
                                               "(previous_point) whose snapshot holds it");
  return 0;
}

int tertial_report_new(tertial_report **out, tertial_model *model, tertial_unit_id unit, int cutoff,
                       const tertial_report_options *options)
{
  if (!out || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_report_new: NULL argument");
  *out = NULL;
  tertial_report_options opts;
  const tertial_report_options *o = &opts;
  int rc = check_options(&opts, options);
  if (rc < 0)
    return rc;
  if (cutoff < 1 || cutoff > 12)
    return tertial__error(TERTIAL_ERR_RANGE, "report cut-off %d is outside 1..12", cutoff);
  if (!tertial_org_unit(tertial_model_org(model), unit))
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "report: the organisation has no unit with id %u", (unsigned)unit);
  return build_report(out, model, unit, cutoff, o, 0);
}

/* 1 when p keeps the eight columns in their order and the ledger's signs: the columns' layout
 * still holds, only headers, unit and decimals differ. */
static int keeps_layout(const tertial_presentation *p)
{
  if (tertial_presentation_signs(p) != TERTIAL_SIGNS_LEDGER ||
      tertial_presentation_deviation(p) != TERTIAL_DEVIATION_BUDGET_MINUS_OUTCOME ||
      tertial_presentation_column_count(p) != TERTIAL_COL_COUNT)
    return 0;
  for (size_t c = 0; c < TERTIAL_COL_COUNT; c++)
    if (strcmp(tertial_presentation_column_at(p, c), column_keys[c]) != 0)
      return 0;
  return 1;
}

static int present_section(rsection *d, const tertial_report_section *s, const tertial_presentation *p, int layout)
{
  tertial__pcol *cols;
  size_t n;
  int rc = tertial__present_columns(&cols, &n, p, s);
  if (rc < 0)
    return rc;
  d->pub = *s;
  d->pub.column_count = n;
  d->cols = tertial__calloc(n + 1, sizeof *d->cols);
  d->lines = tertial__malloc((s->line_count + 1) * sizeof *d->lines);
  d->cells = tertial__calloc(s->line_count * n + 1, sizeof *d->cells);
  if (!d->cols || !d->lines || !d->cells)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t c = 0; rc == 0 && c < n; c++) {
    d->cols[c] = cols[c].col;
    if (!layout)
      d->cols[c].source = -1;
  }
  if (rc == 0 && s->line_count)
    memcpy(d->lines, ((const rsection *)s)->lines, s->line_count * sizeof *d->lines);
  for (size_t i = 0; rc == 0 && i < s->line_count; i++)
    d->lines[i].parent_line = tertial__present_parent(p, s, i);
  d->line_cap = s->line_count;
  d->cell_cap = s->line_count * n;
  for (size_t i = 0; rc == 0 && i < s->line_count; i++)
    for (size_t c = 0; rc == 0 && c < n; c++)
      rc = tertial__present_cell(&d->cells[i * n + c], p, s, i, &cols[c]);
  free(cols);
  return rc;
}

int tertial__report_present(tertial_report **out, const tertial_report *r, const tertial_presentation *p)
{
  tertial_report *c = tertial__calloc(1, sizeof *c);
  if (!c)
    return TERTIAL_ERR_NOMEM;
  /* the strings are r's, borrowed: c owns none */
  c->unit = r->unit;
  c->cutoff = r->cutoff;
  c->period = r->period;
  c->english = r->english;
  c->depth = r->depth;
  c->code = r->code;
  c->title = r->title;
  c->subtitle = r->subtitle;
  c->point_code = r->point_code;
  c->point_name = r->point_name;
  c->root = r->root;
  c->wanted = r->wanted;
  c->fiscal_year = r->fiscal_year;
  c->nsub = r->nsub;
  c->sub_codes = tertial__calloc(r->nsub + 1, sizeof *c->sub_codes);
  c->sub_names = tertial__calloc(r->nsub + 1, sizeof *c->sub_names);
  if (c->sub_codes && c->sub_names && r->nsub) {
    memcpy(c->sub_codes, r->sub_codes, r->nsub * sizeof *c->sub_codes);
    memcpy(c->sub_names, r->sub_names, r->nsub * sizeof *c->sub_names);
  }
  c->sections = tertial__calloc(r->nsections + 1, sizeof *c->sections);
  c->children = tertial__calloc(r->nchildren + 1, sizeof *c->children);
  int rc = c->sections && c->children && c->sub_codes && c->sub_names ? 0 : TERTIAL_ERR_NOMEM;
  c->section_cap = r->nsections;
  c->child_cap = r->nchildren;
  int layout = keeps_layout(p);
  for (size_t i = 0; rc == 0 && i < r->nsections; i++) {
    rc = present_section(&c->sections[i], &r->sections[i].pub, p, layout);
    c->nsections++; /* freed with the copy even when incomplete */
  }
  for (size_t i = 0; rc == 0 && i < r->nchildren; i++)
    if ((rc = tertial__report_present(&c->children[i], r->children[i], p)) == 0)
      c->nchildren++;
  if (rc < 0) {
    tertial_report_free(c);
    return rc;
  }
  *out = c;
  return 0;
}

void tertial_report_free(tertial_report *report)
{
  if (!report)
    return;
  for (size_t i = 0; i < report->nsections; i++) {
    free(report->sections[i].cols);
    free(report->sections[i].lines);
    free(report->sections[i].cells);
  }
  free(report->sections);
  for (size_t i = 0; i < report->nchildren; i++)
    tertial_report_free(report->children[i]);
  free(report->children);
  for (size_t i = 0; i < report->nstrings; i++)
    free(report->strings[i]);
  free(report->strings);
  free(report->sub_codes);
  free(report->sub_names);
  free(report);
}

tertial_unit_id tertial_report_unit(const tertial_report *report)
{
  return report ? report->unit : TERTIAL_NO_UNIT;
}

const char *tertial_report_unit_code(const tertial_report *report)
{
  return report ? report->code : "";
}

const char *tertial_report_title(const tertial_report *report)
{
  return report ? report->title : "";
}

const char *tertial_report_subtitle(const tertial_report *report)
{
  return report ? report->subtitle : "";
}

const char *tertial_report_point_code(const tertial_report *report)
{
  return report ? report->point_code : "";
}

const char *tertial_report_point_name(const tertial_report *report)
{
  return report ? report->point_name : "";
}

int tertial_report_cutoff(const tertial_report *report)
{
  return report ? report->cutoff : 0;
}

int tertial_report_cutoff_period(const tertial_report *report)
{
  return report ? report->period : 0;
}

int tertial_report_english(const tertial_report *report)
{
  return report ? report->english : 0;
}

int tertial_report_depth(const tertial_report *report)
{
  return report ? report->depth : 0;
}

size_t tertial_report_section_count(const tertial_report *report)
{
  return report ? report->nsections : 0;
}

const tertial_report_section *tertial_report_section_at(const tertial_report *report, size_t index)
{
  return report && index < report->nsections ? &report->sections[index].pub : NULL;
}

int tertial_report_find_section(size_t *out_index, const tertial_report *report, tertial_report_section_kind kind)
{
  if (!out_index || !report)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_report_find_section: NULL argument");
  for (size_t i = 0; i < report->nsections; i++)
    if (report->sections[i].pub.kind == kind) {
      *out_index = i;
      return 0;
    }
  return tertial__error(TERTIAL_ERR_NOT_FOUND, "the report of %s has no section of kind %d", report->code, (int)kind);
}

static const rsection *section_of(const tertial_report_section *s)
{
  return (const rsection *)(const void *)s;
}

const tertial_report_column *tertial_report_column_at(const tertial_report_section *section, size_t index)
{
  return section && index < section->column_count ? &section_of(section)->cols[index] : NULL;
}

const tertial_report_line *tertial_report_line_at(const tertial_report_section *section, size_t index)
{
  return section && index < section->line_count ? &section_of(section)->lines[index] : NULL;
}

const tertial_report_cell *tertial_report_cell_at(const tertial_report_section *section, size_t line, size_t column)
{
  if (!section || line >= section->line_count || column >= section->column_count)
    return NULL;
  return &section_of(section)->cells[line * section->column_count + column];
}

size_t tertial_report_child_count(const tertial_report *report)
{
  return report ? report->nchildren : 0;
}

const tertial_report *tertial_report_child_at(const tertial_report *report, size_t index)
{
  return report && index < report->nchildren ? report->children[index] : NULL;
}

/* ---- lines added after the build (report_findings.h) ---- */

int tertial__report_add_finding_line(tertial_report *r, const tertial__finding_line *line)
{
  if (!r || !line || !line->code)
    return tertial__error(TERTIAL_ERR_INVALID, "a findings line: NULL argument");
  rsection *s = NULL;
  for (size_t i = 0; i < r->nsections && !s; i++)
    if (r->sections[i].pub.kind == TERTIAL_SECTION_FINDINGS)
      s = &r->sections[i];
  /* the section as findings_section() makes it, the report's last (add_section() left room for it,
   * so the other sections stay where they are) */
  if (!s && add_section(&s, r, TERTIAL_SECTION_FINDINGS, findings_columns, 7) < 0)
    return tertial__nomem("the findings section");
  const char *texts[5] = {line->severity, line->check, line->unit, line->row, line->column};
  size_t before = s->pub.line_count;
  int rc = add_line(s, r, line->code, 0, TERTIAL_STYLE_NORMAL);
  for (size_t c = 0; rc == 0 && c < 5; c++)
    if (texts[c] && *texts[c])
      rc = set_text(s, r, c, texts[c]);
  if (rc == 0 && line->expected)
    set_amount(s, 5, *line->expected);
  if (rc == 0 && line->found)
    set_amount(s, 6, *line->found);
  if (rc < 0) {
    s->pub.line_count = before; /* a line half made is not left in the report */
    return tertial__nomem("a line of the findings section");
  }
  return 0;
}

/* ---- sections added after the build (report_sections.h) ---- */

int tertial__report_fiscal_year(const tertial_report *r)
{
  return r->fiscal_year;
}

int tertial__report_covers(const tertial_report *r, const char *unit)
{
  if (!r)
    return 0;
  if (r->root)
    return 1;
  if (!unit || !*unit)
    return 0;
  int found = 0;
  for (size_t i = 0; i < r->nsub && !found; i++)
    found = strcmp(r->sub_codes[i], unit) == 0 || tertial__casefold_equal(r->sub_names[i], unit);
  return found;
}

int tertial__report_wants(const tertial_report *r, tertial_report_section_kind kind)
{
  return r && (unsigned int)kind < TERTIAL_SECTION_KIND_COUNT && (r->wanted & TERTIAL_SECTION_BIT(kind)) != 0;
}

tertial_report *tertial__report_child(tertial_report *r, size_t index)
{
  return r && index < r->nchildren ? r->children[index] : NULL;
}

static void free_section(rsection *s)
{
  free(s->cols);
  free(s->lines);
  free(s->cells);
}

int tertial__report_begin_section(tertial_report_section **out, tertial_report *r, tertial_report_section_kind kind,
                                  const tertial__colspec *cols, size_t ncols)
{
  rsection *s = NULL;
  for (size_t i = 0; i < r->nsections && !s; i++)
    if (r->sections[i].pub.kind == kind)
      s = &r->sections[i];
  int rc;
  if (s) {
    free_section(s);
    rc = init_section(s, r, kind, cols, ncols);
    if (rc < 0) { /* a section without columns is no section: take it out */
      memset(s, 0, sizeof *s);
      tertial__report_drop_section(r, kind);
    }
  } else {
    rc = add_section(&s, r, kind, cols, ncols);
  }
  if (rc < 0)
    return tertial__nomem("a section of the report");
  *out = &s->pub;
  return 0;
}

void tertial__report_drop_section(tertial_report *r, tertial_report_section_kind kind)
{
  for (size_t i = 0; r && i < r->nsections; i++)
    if (r->sections[i].pub.kind == kind) {
      free_section(&r->sections[i]);
      memmove(&r->sections[i], &r->sections[i + 1], (r->nsections - i - 1) * sizeof *r->sections);
      r->nsections--;
      /* the slot left behind reads as an empty section of the kind, so a pointer a caller kept
       * (a binding's section object) reads no freed memory */
      rsection *gone = &r->sections[r->nsections];
      memset(gone, 0, sizeof *gone);
      gone->pub.kind = kind;
      gone->pub.key = section_keys[kind];
      gone->pub.title = TXT(r, section_sv[kind], section_en[kind]);
      gone->pub.english = r->english;
      return;
    }
}

static rsection *section_mut(tertial_report_section *s)
{
  return (rsection *)(void *)s;
}

int tertial__report_add_line(tertial_report_section *s, tertial_report *r, const char *code, int depth,
                             tertial_report_style style)
{
  return add_line(section_mut(s), r, code, depth, style) < 0 ? tertial__nomem("a line of the report") : 0;
}

int tertial__report_set_text(tertial_report_section *s, tertial_report *r, size_t col, const char *text)
{
  return set_text(section_mut(s), r, col, text) < 0 ? tertial__nomem("a cell of the report") : 0;
}

void tertial__report_set_amount(tertial_report_section *s, size_t col, int64_t value)
{
  set_amount(section_mut(s), col, value);
}

void tertial__report_set_date(tertial_report_section *s, size_t col, tertial_date date)
{
  set_date(section_mut(s), col, date);
}

void tertial__report_set_parent(tertial_report_section *s, size_t line, int parent)
{
  if (line < s->line_count)
    section_mut(s)->lines[line].parent_line = parent;
}
