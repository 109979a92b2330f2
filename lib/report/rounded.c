#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include "rounded_internal.h"
#include "strmap.h"

static const char *const followup_keys[TERTIAL_COL_COUNT] = {
  "outcome_acc", "budget_acc", "deviation_acc", "budget_year",
  "share_used", "forecast", "forecast_deviation", "prior_year",
};

void tertial__fcols_of(tertial__fcols *m, const tertial_report_section *s)
{
  for (int k = 0; k < TERTIAL_COL_COUNT; k++)
    m->pos[k] = -1;
  m->remaining = m->previous = m->change = -1;
  if (s->kind != TERTIAL_SECTION_KEY_FIGURES && s->kind != TERTIAL_SECTION_UNITS && s->kind != TERTIAL_SECTION_ROWS)
    return;
  for (size_t c = 1; c < s->column_count; c++) {
    const char *key = tertial_report_column_at(s, c)->key;
    for (int k = 0; k < TERTIAL_COL_COUNT; k++)
      if (strcmp(key, followup_keys[k]) == 0)
        m->pos[k] = (int)c;
    if (strcmp(key, "remaining") == 0)
      m->remaining = (int)c;
    else if (strcmp(key, "previous_forecast") == 0)
      m->previous = (int)c;
    else if (strcmp(key, "forecast_change") == 0)
      m->change = (int)c;
  }
}

int tertial__fcols_derived(const tertial__fcols *m, size_t c, int *minuend, int *subtrahend, int *deviation)
{
  int a = -1, b = -1;
  *deviation = 0;
  if ((int)c == m->pos[TERTIAL_COL_DEVIATION_ACC]) {
    a = m->pos[TERTIAL_COL_BUDGET_ACC], b = m->pos[TERTIAL_COL_OUTCOME_ACC];
    *deviation = 1;
  } else if ((int)c == m->pos[TERTIAL_COL_FORECAST_DEVIATION]) {
    a = m->pos[TERTIAL_COL_BUDGET_YEAR], b = m->pos[TERTIAL_COL_FORECAST];
    *deviation = 1;
  } else if ((int)c == m->remaining) {
    a = m->pos[TERTIAL_COL_BUDGET_YEAR], b = m->pos[TERTIAL_COL_OUTCOME_ACC];
  } else if ((int)c == m->change) {
    a = m->pos[TERTIAL_COL_FORECAST], b = m->previous;
  }
  *minuend = a;
  *subtrahend = b;
  return a >= 0 && b >= 0;
}

int tertial__deviation_dir(const tertial_presentation *p, const tertial_report_line *l)
{
  tertial_sign_convention signs = tertial_presentation_signs(p);
  int negated = signs == TERTIAL_SIGNS_COSTS_NEGATIVE || (signs == TERTIAL_SIGNS_POSITIVE && l->revenue);
  int turned = tertial_presentation_deviation(p) == TERTIAL_DEVIATION_OUTCOME_MINUS_BUDGET;
  return negated != turned ? -1 : 1;
}

static int adds(const tertial__rounded *t, size_t j, size_t c)
{
  return tertial_report_cell_at(t->s, j, c)->present;
}

static int round_column(tertial__rounded *t, size_t c, int max_level, int64_t *vals, int64_t *outv, size_t *idx)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < t->nl; i++) {
    const tertial_report_cell *x = tertial_report_cell_at(t->s, i, c);
    if (x->present && (t->level[i] == 0 || tertial_report_line_at(t->s, i)->informational))
      rc = tertial_money_round(&t->disp[i * t->nc + c], x->value, t->unit, t->decimals);
  }
  for (int lvl = 0; rc == 0 && lvl <= max_level; lvl++)
    for (size_t p = 0; rc == 0 && p < t->nl; p++) {
      if (t->level[p] != lvl)
        continue;
      size_t k = 0;
      for (size_t q = t->kid_at[p]; q < t->kid_at[p + 1]; q++)
        if (adds(t, t->kids[q], c)) {
          idx[k] = t->kids[q];
          vals[k++] = tertial_report_cell_at(t->s, t->kids[q], c)->value;
        }
      if (k == 0)
        continue;
      if ((int)c == t->pin_col && t->pinned[p]) /* p shows another table's figure: they add up to it */
        rc = tertial__round_to_pin(outv, vals, k, t->step, t->disp[p * t->nc + c]);
      else
        rc = tertial__round_to_target(outv, vals, k, t->step, t->disp[p * t->nc + c]);
      if (rc == TERTIAL_ERR_RANGE) { /* p is not their exact sum: round each alone */
        tertial_error_clear();
        rc = 0;
        for (size_t j = 0; rc == 0 && j < k; j++)
          rc = tertial_money_round(&outv[j], vals[j], t->unit, t->decimals);
      }
      for (size_t j = 0; rc == 0 && j < k; j++)
        t->disp[idx[j] * t->nc + c] = outv[j];
      /* the pinned lines below p show their pins before their own lines are rounded */
      for (size_t j = 0; (int)c == t->pin_col && j < k; j++)
        if (t->pinned[idx[j]])
          t->disp[idx[j] * t->nc + c] = t->pin[idx[j]];
    }
  for (int lvl = max_level; rc == 0 && lvl >= 0; lvl--)
    for (size_t p = 0; rc == 0 && p < t->nl; p++) {
      if (t->level[p] != lvl || t->kid_at[p] == t->kid_at[p + 1])
        continue;
      int64_t sum = 0;
      int any = 0;
      for (size_t q = t->kid_at[p]; rc == 0 && q < t->kid_at[p + 1]; q++)
        if (adds(t, t->kids[q], c)) {
          any = 1;
          if (tertial__add_ovf(sum, t->disp[t->kids[q] * t->nc + c], &sum))
            rc = tertial__error(TERTIAL_ERR_OVERFLOW, "report: a displayed total overflows");
        }
      if (any)
        t->disp[p * t->nc + c] = sum;
    }
  return rc;
}

/* Every amount rounded on its own (no sum preserving). */
static int round_alone(tertial__rounded *t, size_t c)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < t->nl; i++) {
    const tertial_report_cell *x = tertial_report_cell_at(t->s, i, c);
    if (x->present)
      rc = tertial_money_round(&t->disp[i * t->nc + c], x->value, t->unit, t->decimals);
  }
  return rc;
}

static int rounded_pinned(tertial__rounded *t, const tertial_report_section *s, const tertial_presentation *shown_in,
                          tertial_money_unit unit, int decimals, int sum_preserving, int pin_col, const int64_t *pin,
                          const unsigned char *pinned);

int tertial__rounded_new(tertial__rounded *t, const tertial_report_section *s, const tertial_presentation *shown_in,
                         tertial_money_unit unit, int decimals, int sum_preserving)
{
  return rounded_pinned(t, s, shown_in, unit, decimals, sum_preserving, -1, NULL, NULL);
}

int tertial__reasons_pins(int64_t **pin, unsigned char **pinned, int *col, const tertial_report *r,
                          const tertial_report_section *reasons, const tertial_presentation *p,
                          tertial_money_unit unit, int decimals)
{
  *pin = NULL;
  *pinned = NULL;
  *col = -1;
  size_t ui, amount = reasons->column_count;
  if (reasons->kind != TERTIAL_SECTION_REASONS || tertial_report_find_section(&ui, r, TERTIAL_SECTION_UNITS) < 0) {
    tertial_error_clear();
    return 0;
  }
  for (size_t c = 0; c < reasons->column_count; c++)
    if (strcmp(tertial_report_column_at(reasons, c)->key, "amount") == 0)
      amount = c;
  const tertial_report_section *units = tertial_report_section_at(r, ui);
  tertial__rounded u;
  tertial_strmap by_code = {0};
  int rc = tertial__rounded_new(&u, units, p, unit, decimals, 1);
  int dev = u.cols.pos[TERTIAL_COL_FORECAST_DEVIATION];
  if (rc == 0 && dev >= 0 && amount < reasons->column_count) {
    *pin = tertial__calloc(reasons->line_count + 1, sizeof **pin);
    *pinned = tertial__calloc(reasons->line_count + 1, 1);
    if (!*pin || !*pinned)
      rc = TERTIAL_ERR_NOMEM;
    /* each code's first line in the per-activity table with a forecast deviation: one pass, so
     * that a table of thousands of units is not searched once per reason */
    for (size_t j = 0; rc == 0 && j < units->line_count; j++) {
      const char *code = tertial_report_line_at(units, j)->code;
      uint32_t seen;
      if (code && *code && tertial_report_cell_at(units, j, (size_t)dev)->present &&
          !tertial__strmap_get(&by_code, code, &seen))
        rc = tertial__strmap_put(&by_code, code, (uint32_t)j);
    }
    for (size_t i = 0; rc == 0 && i < reasons->line_count; i++) {
      const tertial_report_line *l = tertial_report_line_at(reasons, i);
      uint32_t j;
      if (!l->code || !*l->code || !tertial_report_cell_at(reasons, i, amount)->present ||
          !tertial__strmap_get(&by_code, l->code, &j))
        continue;
      (*pin)[i] = u.disp[(size_t)j * u.nc + (size_t)dev];
      (*pinned)[i] = 1;
      *col = (int)amount;
    }
  }
  tertial__strmap_free(&by_code);
  tertial__rounded_free(&u);
  if (rc < 0 || *col < 0) {
    free(*pin);
    free(*pinned);
    *pin = NULL;
    *pinned = NULL;
    *col = -1;
  }
  return rc;
}

int tertial__rounded_in_report(tertial__rounded *t, const tertial_report *r, const tertial_report_section *s,
                               const tertial_presentation *p, tertial_money_unit unit, int decimals,
                               int sum_preserving)
{
  int64_t *pin = NULL;
  unsigned char *pinned = NULL;
  int col = -1;
  int rc = sum_preserving && r ? tertial__reasons_pins(&pin, &pinned, &col, r, s, p, unit, decimals) : 0;
  if (rc == 0)
    rc = rounded_pinned(t, s, p, unit, decimals, sum_preserving, col, pin, pinned);
  else
    memset(t, 0, sizeof *t);
  free(pin);
  free(pinned);
  t->pin = NULL; /* used while rounding only */
  t->pinned = NULL;
  t->pin_col = -1;
  return rc;
}

static int rounded_pinned(tertial__rounded *t, const tertial_report_section *s, const tertial_presentation *shown_in,
                          tertial_money_unit unit, int decimals, int sum_preserving, int pin_col, const int64_t *pin,
                          const unsigned char *pinned)
{
  static const int64_t unit_ore[] = {TERTIAL_ORE_PER_KR, TERTIAL_ORE_PER_TKR, TERTIAL_ORE_PER_MKR};
  memset(t, 0, sizeof *t);
  t->pin_col = pin_col;
  t->pin = pin;
  t->pinned = pinned;
  t->s = s;
  t->nl = s->line_count;
  t->nc = s->column_count;
  tertial__fcols_of(&t->cols, s);
  t->p = shown_in;
  t->unit = unit;
  t->decimals = decimals;
  t->step = unit_ore[unit];
  for (int k = 0; k < decimals; k++)
    t->step /= 10;
  int rc = 0, max_level = 0;
  t->disp = tertial__calloc(t->nl * t->nc + 1, sizeof *t->disp);
  t->level = tertial__calloc(t->nl + 1, sizeof *t->level);
  t->kid_at = tertial__calloc(t->nl + 2, sizeof *t->kid_at);
  t->kids = tertial__calloc(t->nl + 1, sizeof *t->kids);
  int64_t *vals = tertial__malloc((t->nl + 1) * sizeof *vals), *outv = tertial__malloc((t->nl + 1) * sizeof *outv);
  size_t *idx = tertial__malloc((t->nl + 1) * sizeof *idx);
  if (!t->disp || !t->level || !t->kid_at || !t->kids || !vals || !outv || !idx)
    rc = TERTIAL_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < t->nl; i++) {
    int lvl = 0;
    for (int p = tertial_report_line_at(s, i)->parent_line; p >= 0 && (size_t)p < t->nl && lvl <= (int)t->nl;
         p = tertial_report_line_at(s, (size_t)p)->parent_line)
      lvl++;
    t->level[i] = lvl;
    max_level = lvl > max_level ? lvl : max_level;
    const tertial_report_line *l = tertial_report_line_at(s, i);
    if (l->parent_line >= 0 && (size_t)l->parent_line < t->nl && !l->informational)
      t->kid_at[(size_t)l->parent_line + 2]++;
  }
  for (size_t p = 0; rc == 0 && p < t->nl; p++)
    t->kid_at[p + 2] += t->kid_at[p + 1];
  for (size_t j = 0; rc == 0 && j < t->nl; j++) {
    const tertial_report_line *l = tertial_report_line_at(s, j);
    if (l->parent_line >= 0 && (size_t)l->parent_line < t->nl && !l->informational)
      t->kids[t->kid_at[(size_t)l->parent_line + 1]++] = j;
  }
  int a, b, dev;
  for (size_t c = 0; rc == 0 && c < t->nc; c++)
    if (tertial_report_column_at(s, c)->type == TERTIAL_REPORT_AMOUNT &&
        !tertial__fcols_derived(&t->cols, c, &a, &b, &dev))
      rc = sum_preserving ? round_column(t, c, max_level, vals, outv, idx) : round_alone(t, c);
  /* the derived columns from the displayed amounts, as the workbook's formulas compute them */
  for (size_t c = 0; rc == 0 && c < t->nc; c++)
    for (size_t i = 0; tertial__fcols_derived(&t->cols, c, &a, &b, &dev) && i < t->nl; i++) {
      int64_t *x = &t->disp[i * t->nc];
      x[c] = (dev ? tertial__deviation_dir(shown_in, tertial_report_line_at(s, i)) : 1) * (x[a] - x[b]);
    }
  free(vals);
  free(outv);
  free(idx);
  return rc;
}

void tertial__rounded_free(tertial__rounded *t)
{
  free(t->disp);
  free(t->level);
  free(t->kid_at);
  free(t->kids);
  memset(t, 0, sizeof *t);
}

int tertial__rounded_cell(char *buf, size_t size, const tertial__rounded *t, size_t i, size_t c)
{
  const tertial_report_column *col = tertial_report_column_at(t->s, c);
  const tertial_report_cell *x = tertial_report_cell_at(t->s, i, c);
  int rc = 0;
  buf[0] = '\0';
  switch (col->type) {
  case TERTIAL_REPORT_TEXT:
    return 0;
  case TERTIAL_REPORT_AMOUNT: {
    int64_t ore;
    if (!x->present)
      return 0;
    if (__builtin_mul_overflow(t->disp[i * t->nc + c], t->step, &ore))
      return tertial__error(TERTIAL_ERR_OVERFLOW, "report: a displayed amount overflows");
    rc = tertial_money_format(buf, size, ore, t->unit, t->decimals);
    /* a presented copy has no sources: the key says it is Årets prognos */
    int forecast = col->source == TERTIAL_COL_FORECAST || strcmp(col->key, "forecast") == 0;
    if (rc >= 0 && forecast && tertial_report_line_at(t->s, i)->forecast_missing > 0 &&
        strlen(buf) + 1 < size)
      strcat(buf, "*");
    break;
  }
  case TERTIAL_REPORT_SHARE: {
    int64_t v = x->value;
    const int *pos = t->cols.pos;
    if ((int)c == pos[TERTIAL_COL_SHARE_USED] && pos[TERTIAL_COL_OUTCOME_ACC] >= 0 &&
        pos[TERTIAL_COL_BUDGET_YEAR] >= 0) {
      /* Förbrukat % of the displayed amounts, as the workbook computes it */
      int64_t o = t->disp[i * t->nc + (size_t)pos[TERTIAL_COL_OUTCOME_ACC]];
      int64_t b = t->disp[i * t->nc + (size_t)pos[TERTIAL_COL_BUDGET_YEAR]];
      if (b == 0)
        return 0;
      v = (int64_t)tertial__div_round((tertial_i128)o * 10000, b);
    } else if (!x->present) {
      return 0;
    }
    rc = tertial_money_format(buf, size, v, TERTIAL_UNIT_KR, 2);
    break;
  }
  case TERTIAL_REPORT_DATE:
    if (x->present)
      snprintf(buf, size, "%04d-%02d-%02d", x->date.year, x->date.month, x->date.day);
    break;
  }
  return rc < 0 ? rc : 0;
}
