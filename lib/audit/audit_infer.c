/* Inference: what each column means, the units, which lines are totals, headings and "varav"
 * lines, and which lines each total or group line sums. Every guess is recorded as an
 * assumption, so that a person can see what was checked against what. */
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"

static const char *const unit_names[] = {"", "kr", "tkr", "mnkr", "%"};

/* Whether a normalised text contains any of the words (as substrings). */
static int mentions(const char *norm, const char *const *words)
{
  for (; *words; words++)
    if (strstr(norm, *words))
      return 1;
  return 0;
}

/* 1 or 0; TERTIAL_ERR_NOMEM. */
static int is_reasons_table(const audit_table *t)
{
  static const char *const words[] = {"orsak", "reason", "förklar", "avvikelse", "deviation", NULL};
  char *n = tertial__audit_norm(t->name, 1);
  if (!n)
    return TERTIAL_ERR_NOMEM;
  int r = mentions(n, words);
  free(n);
  return r;
}

static int has_meaning(const audit_table *t, tertial_audit_meaning m)
{
  for (size_t c = 0; c < t->columns.len; c++)
    if (audit_column_at(t, c)->meaning == m)
      return 1;
  return 0;
}

static int infer_columns(tertial_audit *a, audit_table *t)
{
  int rc = 0;
  for (size_t c = 0; rc == 0 && c < t->columns.len; c++) {
    audit_column *col = audit_column_at(t, c);
    char *norm = tertial__audit_norm(col->header, 1), *exact = tertial__audit_norm(col->header, 0);
    if (!norm || !exact) {
      free(norm);
      free(exact);
      return TERTIAL_ERR_NOMEM;
    }
    const audit_declared_column *spec = NULL;
    for (size_t i = 0; i < a->spec_columns.len; i++) {
      const audit_declared_column *d = AUDIT_AT(a->spec_columns, audit_declared_column *, i);
      if (strcmp(d->header, exact) == 0 || strcmp(d->header, norm) == 0)
        spec = d;
    }
    if (col->declared != TERTIAL_AUDIT_INFER) {
      col->meaning = col->declared;
    } else if (spec) {
      col->meaning = spec->meaning;
    } else {
      col->meaning = tertial__audit_meaning_of(norm);
      int reasons = col->meaning == TERTIAL_AUDIT_REASON_AMOUNT ? is_reasons_table(t) : 1;
      if (reasons < 0)
        rc = reasons;
      else if (!reasons)
        col->meaning = TERTIAL_AUDIT_OTHER;
    }
    col->unit = col->declared_unit;
    if (!col->unit && spec)
      col->unit = spec->unit;
    if (!col->unit && col->meaning == TERTIAL_AUDIT_USED_PERCENT)
      col->unit = TERTIAL_AUDIT_PERCENT;
    if (!col->unit) {
      int u = tertial__audit_unit_of(col->header);
      if (u < 0)
        rc = u;
      else
        col->unit = (tertial_audit_unit)u;
    }
    if (!col->unit)
      col->unit = t->unit ? t->unit : a->spec_unit;
    free(norm);
    free(exact);
  }
  if (rc < 0)
    return rc;
  /* amounts without a unit share the unit of those that state one */
  tertial_audit_unit known = TERTIAL_AUDIT_UNIT_UNKNOWN;
  for (size_t c = 0; c < t->columns.len && !known; c++) {
    const audit_column *col = audit_column_at(t, c);
    if (col->unit != TERTIAL_AUDIT_PERCENT)
      known = col->unit;
  }
  for (size_t c = 0; c < t->columns.len && known; c++) {
    audit_column *col = audit_column_at(t, c);
    if (!col->unit && col->meaning != TERTIAL_AUDIT_IDENTIFIER)
      col->unit = known;
  }
  /* a deviation beside a forecast and no outcome is the forecast's deviation */
  if (!has_meaning(t, TERTIAL_AUDIT_OUTCOME) && has_meaning(t, TERTIAL_AUDIT_FORECAST))
    for (size_t c = 0; rc == 0 && c < t->columns.len; c++) {
      audit_column *col = audit_column_at(t, c);
      if (col->meaning == TERTIAL_AUDIT_DEVIATION && col->declared == TERTIAL_AUDIT_INFER) {
        col->meaning = TERTIAL_AUDIT_FORECAST_DEVIATION;
        rc = tertial__audit_assume(a, "%s: \"%s\" is the deviation of the forecast (the table has a forecast and "
                                   "no outcome)", t->name, col->header);
      }
    }
  for (size_t c = 0; rc == 0 && c < t->columns.len; c++) {
    audit_column *col = audit_column_at(t, c);
    if (col->declared == TERTIAL_AUDIT_INFER && col->meaning != TERTIAL_AUDIT_OTHER &&
        col->meaning != TERTIAL_AUDIT_IDENTIFIER)
      rc = tertial__audit_assume(a, "%s: \"%s\" is %s%s%s", t->name, col->header,
                                 tertial_audit_meaning_name(col->meaning), col->unit ? ", in " : "",
                                 unit_names[col->unit]);
  }
  return rc;
}

static int label_in(const audit_vec *labels, const char *norm)
{
  for (size_t i = 0; i < labels->len; i++)
    if (strcmp(AUDIT_AT(*labels, char *, i), norm) == 0)
      return 1;
  return 0;
}

static int starts_with_word(const char *norm, const char *w)
{
  size_t n = strlen(w);
  return strncmp(norm, w, n) == 0 && (norm[n] == 0 || norm[n] == ' ');
}

/* The kind, or TERTIAL_ERR_NOMEM. */
static int kind_of(const tertial_audit *a, const audit_table *t, const audit_line *l)
{
  static const char *const grand[] = {"summa", "totalt", "total", "s:a", "summa totalt", "totalt summa",
                                      "nettoresultat", "nettokostnad", "nettokostnader", "netto", "resultat",
                                      "summa netto", "grand total", "sum", "summa nämnden", "nämnden totalt",
                                      "totalt nämnden", NULL};
  char *norm = tertial__audit_norm(l->label, 0);
  if (!norm)
    return TERTIAL_ERR_NOMEM;
  tertial_audit_line_kind k = TERTIAL_AUDIT_LINE_NORMAL;
  int values = 0;
  for (size_t c = 0; c < l->nvalues; c++)
    if (l->values[c].kind == TERTIAL_AUDIT_NUMBER && audit_column_at(t, c)->meaning != TERTIAL_AUDIT_IDENTIFIER)
      values = 1;
  if (label_in(&a->spec_varav, norm)) {
    k = TERTIAL_AUDIT_LINE_VARAV;
  } else if (label_in(&a->spec_totals, norm)) {
    k = TERTIAL_AUDIT_LINE_TOTAL;
  } else if (starts_with_word(norm, "varav") || starts_with_word(norm, "varav:") || starts_with_word(norm, "därav") ||
             starts_with_word(norm, "of which")) {
    k = TERTIAL_AUDIT_LINE_VARAV;
  } else if (!values) {
    k = TERTIAL_AUDIT_LINE_HEADING;
  } else {
    for (const char *const *g = grand; *g; g++)
      if (strcmp(norm, *g) == 0)
        k = TERTIAL_AUDIT_LINE_TOTAL;
    if (k == TERTIAL_AUDIT_LINE_NORMAL &&
        (starts_with_word(norm, "summa") || starts_with_word(norm, "s:a") || starts_with_word(norm, "totalt") ||
         starts_with_word(norm, "total") || starts_with_word(norm, "sum")))
      k = TERTIAL_AUDIT_LINE_SUBTOTAL;
  }
  free(norm);
  return (int)k;
}

static int is_total(const audit_line *l)
{
  return l->kind == TERTIAL_AUDIT_LINE_TOTAL || l->kind == TERTIAL_AUDIT_LINE_SUBTOTAL;
}

/* Parents from depths, with each total taking the open items of its level: a subtotal those since
 * the last total of the level, a total all of them (the subtotals standing for their items). A
 * line's parent is the nearest line above it of smaller depth that is an item (not a total or a
 * varav line): the items whose depth is below every later item's form a stack. */
static int infer_parents_implicit(audit_table *t)
{
  size_t n = t->lines.len;
  /* open[scope + 1]: the items of that scope not yet taken by a total */
  audit_vec *open = tertial__calloc(n + 1, sizeof *open), stack = {0};
  if (!open)
    return TERTIAL_ERR_NOMEM;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    audit_line *l = audit_line_at(t, i);
    int item = !is_total(l) && l->kind != TERTIAL_AUDIT_LINE_VARAV;
    if (item)
      while (stack.len && audit_line_at(t, (size_t)AUDIT_AT(stack, long, stack.len - 1))->depth >= l->depth)
        stack.len--;
    long p = -1;
    for (size_t k = stack.len; k-- > 0 && p < 0;)
      if (audit_line_at(t, (size_t)AUDIT_AT(stack, long, k))->depth < l->depth)
        p = AUDIT_AT(stack, long, k);
    l->parent = p;
    long self = (long)i;
    if (item)
      rc = tertial__audit_vec_add(&stack, &self, sizeof self);
    audit_vec *items = &open[p + 1];
    if (is_total(l)) {
      size_t from = 0;
      if (l->kind == TERTIAL_AUDIT_LINE_SUBTOTAL)
        for (size_t k = items->len; k-- > 0;)
          if (is_total(audit_line_at(t, (size_t)AUDIT_AT(*items, long, k)))) {
            from = k + 1;
            break;
          }
      for (size_t k = from; k < items->len; k++)
        audit_line_at(t, (size_t)AUDIT_AT(*items, long, k))->parent = (long)i;
      items->len = from;
    }
    if (rc == 0 && l->kind != TERTIAL_AUDIT_LINE_VARAV)
      rc = tertial__audit_vec_add(items, &self, sizeof self);
  }
  tertial__audit_vec_free(&stack, NULL);
  for (size_t i = 0; i <= n; i++)
    tertial__audit_vec_free(&open[i], NULL);
  free(open);
  return rc;
}

/* Each line's children, in line order, grouped by parent in the table's `children`. */
static int index_children(audit_table *t)
{
  size_t n = t->lines.len;
  for (size_t i = 0; i < n; i++)
    audit_line_at(t, i)->nchildren = 0;
  for (size_t i = 0; i < n; i++) {
    long p = audit_line_at(t, i)->parent;
    if (p >= 0)
      audit_line_at(t, (size_t)p)->nchildren++;
  }
  size_t at = 0;
  for (size_t i = 0; i < n; i++) {
    audit_line *l = audit_line_at(t, i);
    l->first_child = at;
    at += l->nchildren;
    l->nchildren = 0;
  }
  if (tertial__grow(&t->children.data, &t->children.cap, at, sizeof(long)) < 0)
    return TERTIAL_ERR_NOMEM;
  t->children.len = at;
  for (size_t i = 0; i < n; i++) {
    long p = audit_line_at(t, i)->parent;
    if (p >= 0) {
      audit_line *pl = audit_line_at(t, (size_t)p);
      AUDIT_AT(t->children, long, pl->first_child + pl->nchildren++) = (long)i;
    }
  }
  return 0;
}

static int infer_parents(tertial_audit *a, audit_table *t)
{
  int explicit = 0, rc = 0;
  for (size_t i = 0; i < t->lines.len; i++)
    if (audit_line_at(t, i)->declared_parent != TERTIAL_AUDIT_PARENT_INFER)
      explicit = 1;
  if (!explicit)
    return infer_parents_implicit(t);
  for (size_t i = 0; rc == 0 && i < t->lines.len; i++) {
    audit_line *l = audit_line_at(t, i);
    l->parent = l->declared_parent >= 0 && l->declared_parent < (long)t->lines.len && l->declared_parent != (long)i
                  ? l->declared_parent
                  : -1;
    if (l->declared_parent >= (long)t->lines.len || l->declared_parent == (long)i)
      rc = tertial__audit_assume(a, "%s: line \"%s\" names parent %ld, and the table has no such line: taken as in "
                                 "no sum", t->name, l->label, l->declared_parent);
  }
  return rc;
}

/* Replace *slot with the normalised text; 0 or TERTIAL_ERR_NOMEM. */
static int set_norm(char **slot, const char *text)
{
  char *n = tertial__audit_norm(text, 1);
  if (!n)
    return TERTIAL_ERR_NOMEM;
  free(*slot);
  *slot = n;
  return 0;
}

static int infer_kinds(tertial_audit *a, audit_table *t)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < t->lines.len; i++) {
    audit_line *l = audit_line_at(t, i);
    int k = l->declared_kind != TERTIAL_AUDIT_LINE_INFER ? (int)l->declared_kind : kind_of(a, t, l);
    if (k < 0)
      return k;
    l->kind = (tertial_audit_line_kind)k;
    if (l->declared_kind == TERTIAL_AUDIT_LINE_INFER && l->kind != TERTIAL_AUDIT_LINE_NORMAL &&
        l->kind != TERTIAL_AUDIT_LINE_HEADING)
      rc = tertial__audit_assume(a, "%s: \"%s\" is %s", t->name, l->label,
                                 l->kind == TERTIAL_AUDIT_LINE_VARAV  ? "a varav line, in no sum"
                                 : l->kind == TERTIAL_AUDIT_LINE_TOTAL ? "a total of the lines above it"
                                                                        : "a subtotal of the lines since the last total");
  }
  return rc;
}

int tertial__audit_infer(tertial_audit *a)
{
  for (size_t ti = 0; ti < a->tables.len; ti++) {
    audit_table *t = audit_table_at(a, ti);
    int rc = infer_columns(a, t);
    if (rc == 0)
      rc = infer_kinds(a, t);
    if (rc == 0)
      rc = infer_parents(a, t);
    if (rc == 0)
      rc = index_children(t);
    if (rc == 0)
      rc = set_norm(&t->norm, t->name);
    for (size_t i = 0; rc == 0 && i < t->lines.len; i++) {
      audit_line *l = audit_line_at(t, i);
      rc = set_norm(&l->norm, l->label);
    }
    if (rc < 0)
      return rc == TERTIAL_ERR_NOMEM ? tertial__nomem("tertial_audit_run: inference") : rc;
    t->total = -1;
    for (size_t i = t->lines.len; i-- > 0 && t->total < 0;) {
      const audit_line *l = audit_line_at(t, i);
      if (l->parent < 0 && l->kind == TERTIAL_AUDIT_LINE_TOTAL)
        t->total = (long)i;
    }
    if (t->total < 0 && t->lines.len == 1 && audit_line_at(t, 0)->kind == TERTIAL_AUDIT_LINE_NORMAL)
      t->total = 0;
  }
  return 0;
}
