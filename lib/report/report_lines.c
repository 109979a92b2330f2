#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"
#include "internal.h"
#include "org_internal.h"

#include "report_lines.h"

/* Where an amount of a unit on a report row goes in a follow-up table. */
typedef struct lines_map {
  const tertial_followup *t;
  const tertial_rowmap *map;
  int rows;          /* 1: the rows view; 0: the children view */
  int *line_of_unit; /* per unit: -2 outside the subtree; children view: its line (-1: only the total);
                        rows view: 0 */
  int *line_of_row;  /* rows view: per report row, its line (-1: none) */
  int total;         /* children view: the total line (-1: none) */
  size_t nunits;
} lines_map;

static void lines_map_free(lines_map *m)
{
  free(m->line_of_unit);
  free(m->line_of_row);
}

/* The units of the table's subtree at its cut-off month, each with the line it adds into: in the
 * children view every unit of a child's subtree goes to that child's line and the table unit to
 * its own line ("(egen)"). */
static int lines_map_new(lines_map *m, tertial_model *model, const tertial_followup *t)
{
  const tertial_org *org = tertial_model_org(model);
  size_t n = tertial_followup_line_count(t), nrows = 0;
  memset(m, 0, sizeof *m);
  m->t = t;
  m->map = tertial_model_rowmap(model);
  m->rows = tertial_followup_view_of(t) == TERTIAL_VIEW_ROWS;
  m->total = -1;
  m->nunits = tertial_org_unit_count(org);
  while (tertial_rowmap_row(m->map, nrows))
    nrows++;
  m->line_of_unit = tertial__malloc((m->nunits + 1) * sizeof *m->line_of_unit);
  m->line_of_row = tertial__malloc((nrows + 1) * sizeof *m->line_of_row);
  int *own = tertial__malloc((m->nunits + 1) * sizeof *own); /* per unit: its own line in the table */
  tertial_unit_id *ids = NULL;
  int *depths = NULL;
  size_t count = 0;
  int rc = m->line_of_unit && m->line_of_row && own ? 0 : TERTIAL_ERR_NOMEM;
  for (size_t u = 0; rc == 0 && u < m->nunits; u++) {
    m->line_of_unit[u] = -2;
    own[u] = -1;
  }
  for (size_t r = 0; rc == 0 && r < nrows; r++)
    m->line_of_row[r] = -1;
  tertial_unit_id top = tertial_followup_unit(t);
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const tertial_followup_line *l = tertial_followup_line_at(t, i);
    if (l->kind == TERTIAL_LINE_ROW && l->row >= 0 && (size_t)l->row < nrows)
      m->line_of_row[l->row] = (int)i;
    else if (l->kind == TERTIAL_LINE_TOTAL)
      m->total = (int)i, top = l->unit;
    else if ((l->kind == TERTIAL_LINE_UNIT || l->kind == TERTIAL_LINE_OWN) && l->unit < m->nunits)
      own[l->unit] = (int)i;
  }
  if (rc == 0)
    rc = tertial__org_preorder(org, top, tertial_followup_cutoff_period(t), &ids, &depths, &count);
  /* line_at[d]: the line of the unit last seen at depth d (inherited from above when it has none) */
  int *line_at = rc == 0 ? tertial__malloc((count + 1) * sizeof *line_at) : NULL;
  if (rc == 0 && !line_at)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < count; i++) {
    int d = depths[i], line = own[ids[i]];
    if (line < 0 && d > 1) /* below a child: the child's line (a child without one: the total only) */
      line = line_at[d - 1];
    line_at[d] = line;
    m->line_of_unit[ids[i]] = m->rows ? 0 : line;
  }
  free(line_at);
  free(ids);
  free(depths);
  free(own);
  if (rc < 0)
    lines_map_free(m);
  return rc;
}

/* Add an amount of a unit on a report row to the lines it falls on. Units outside the table's
 * subtree and rows not in the mapping add to nothing; the children view counts the result's rows
 * only (a unit's line is its result). */
static int lines_add(int64_t *acc, const lines_map *m, tertial_unit_id unit, const char *row_code, int64_t amount)
{
  int row;
  if (unit >= m->nunits || m->line_of_unit[unit] == -2 || tertial_rowmap_find_row(&row, m->map, row_code) < 0) {
    tertial_error_clear();
    return 0;
  }
  int ovf = 0, line = m->line_of_unit[unit];
  if (!m->rows) {
    if (!tertial__row_in_result(m->map, row))
      return 0;
    if (line >= 0)
      ovf |= tertial__add_ovf(acc[line], amount, &acc[line]);
    if (m->total >= 0)
      ovf |= tertial__add_ovf(acc[m->total], amount, &acc[m->total]);
  } else {
    /* the row and every row it adds into */
    for (int r = row; r >= 0; r = tertial_rowmap_row(m->map, (size_t)r)->parent)
      if (m->line_of_row[r] >= 0)
        ovf |= tertial__add_ovf(acc[m->line_of_row[r]], amount, &acc[m->line_of_row[r]]);
  }
  return ovf ? tertial__error(TERTIAL_ERR_OVERFLOW, "report: a line total overflows") : 0;
}

static int lines_alloc(int64_t **out, const tertial_followup *t)
{
  *out = tertial__calloc(tertial_followup_line_count(t) + 1, sizeof **out);
  return *out ? 0 : TERTIAL_ERR_NOMEM;
}

int tertial__lines_previous(int64_t **out, unsigned char **has, tertial_model *model, const tertial_followup *t,
                            const tertial_snapshot *previous)
{
  lines_map m;
  size_t n = tertial_followup_line_count(t);
  int rc = lines_map_new(&m, model, t);
  if (rc < 0)
    return rc;
  int64_t *acc = NULL;
  unsigned char *h = tertial__malloc(n + 1);
  rc = h ? lines_alloc(&acc, t) : TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < tertial_snapshot_entry_count(previous); i++) {
    const tertial_snapshot_entry *e = tertial_snapshot_entry_at(previous, i);
    rc = lines_add(acc, &m, e->unit, e->row_code, e->forecast);
  }
  for (size_t i = 0; rc == 0 && i < n; i++)
    h[i] = tertial_followup_line_at(t, i)->row_kind != TERTIAL_ROW_INTERNAL;
  lines_map_free(&m);
  if (rc < 0) {
    free(acc);
    free(h);
    return rc;
  }
  *out = acc;
  *has = h;
  return 0;
}

int tertial__lines_planned(int64_t **out, tertial_model *model, const tertial_followup *t)
{
  lines_map m;
  int rc = lines_map_new(&m, model, t);
  if (rc < 0)
    return rc;
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  int64_t *acc = NULL;
  rc = lines_alloc(&acc, t);
  for (size_t i = 0; rc == 0 && i < tertial_forecast_adjustment_count(plan); i++) {
    const tertial_adjustment *a = tertial_forecast_adjustment_at(plan, i);
    if (a->kind == TERTIAL_ADJUST_PLANNED_MEASURE)
      rc = lines_add(acc, &m, a->unit, a->row_code, a->amount);
  }
  lines_map_free(&m);
  if (rc < 0) {
    free(acc);
    return rc;
  }
  *out = acc;
  return 0;
}
