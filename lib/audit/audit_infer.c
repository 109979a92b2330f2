/* Inference: what each column means, the units, which lines are totals, headings and "varav"
 * lines, and which lines each total or group line sums. Every guess is recorded as an
 * assumption, so that a person can see what was checked against what. */
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

static int is_reasons_table(const audit_table *t)
{
  static const char *const words[] = {"orsak", "reason", "förklar", "avvikelse", "deviation", NULL};
  char *n = tertial__audit_norm(t->name, 1);
  int r = mentions(n, words);
  g_free(n);
  return r;
}

static int has_meaning(const audit_table *t, tertial_audit_meaning m)
{
  for (guint c = 0; c < t->columns->len; c++)
    if (audit_column_at(t, c)->meaning == m)
      return 1;
  return 0;
}

static void infer_columns(tertial_audit *a, audit_table *t)
{
  for (guint c = 0; c < t->columns->len; c++) {
    audit_column *col = audit_column_at(t, c);
    char *norm = tertial__audit_norm(col->header, 1), *exact = tertial__audit_norm(col->header, 0);
    const audit_declared_column *spec = NULL;
    for (guint i = 0; i < a->spec_columns->len; i++) {
      const audit_declared_column *d = g_ptr_array_index(a->spec_columns, i);
      if (strcmp(d->header, exact) == 0 || strcmp(d->header, norm) == 0)
        spec = d;
    }
    if (col->declared != TERTIAL_AUDIT_INFER) {
      col->meaning = col->declared;
    } else if (spec) {
      col->meaning = spec->meaning;
    } else {
      col->meaning = tertial__audit_meaning_of(norm);
      if (col->meaning == TERTIAL_AUDIT_REASON_AMOUNT && !is_reasons_table(t))
        col->meaning = TERTIAL_AUDIT_OTHER;
    }
    col->unit = col->declared_unit;
    if (!col->unit && spec)
      col->unit = spec->unit;
    if (!col->unit && col->meaning == TERTIAL_AUDIT_USED_PERCENT)
      col->unit = TERTIAL_AUDIT_PERCENT;
    if (!col->unit)
      col->unit = tertial__audit_unit_of(col->header);
    if (!col->unit)
      col->unit = t->unit ? t->unit : a->spec_unit;
    g_free(norm);
    g_free(exact);
  }
  /* amounts without a unit share the unit of those that state one */
  tertial_audit_unit known = TERTIAL_AUDIT_UNIT_UNKNOWN;
  for (guint c = 0; c < t->columns->len && !known; c++) {
    const audit_column *col = audit_column_at(t, c);
    if (col->unit != TERTIAL_AUDIT_PERCENT)
      known = col->unit;
  }
  for (guint c = 0; c < t->columns->len && known; c++) {
    audit_column *col = audit_column_at(t, c);
    if (!col->unit && col->meaning != TERTIAL_AUDIT_IDENTIFIER)
      col->unit = known;
  }
  /* a deviation beside a forecast and no outcome is the forecast's deviation */
  if (!has_meaning(t, TERTIAL_AUDIT_OUTCOME) && has_meaning(t, TERTIAL_AUDIT_FORECAST))
    for (guint c = 0; c < t->columns->len; c++) {
      audit_column *col = audit_column_at(t, c);
      if (col->meaning == TERTIAL_AUDIT_DEVIATION && col->declared == TERTIAL_AUDIT_INFER) {
        col->meaning = TERTIAL_AUDIT_FORECAST_DEVIATION;
        tertial__audit_assume(a, "%s: \"%s\" is the deviation of the forecast (the table has a forecast and no "
                              "outcome)", t->name, col->header);
      }
    }
  for (guint c = 0; c < t->columns->len; c++) {
    audit_column *col = audit_column_at(t, c);
    if (col->declared == TERTIAL_AUDIT_INFER && col->meaning != TERTIAL_AUDIT_OTHER &&
        col->meaning != TERTIAL_AUDIT_IDENTIFIER)
      tertial__audit_assume(a, "%s: \"%s\" is %s%s%s", t->name, col->header, tertial_audit_meaning_name(col->meaning),
                            col->unit ? ", in " : "", unit_names[col->unit]);
  }
}

static int label_in(const GPtrArray *labels, const char *norm)
{
  for (guint i = 0; i < labels->len; i++)
    if (strcmp(g_ptr_array_index(labels, i), norm) == 0)
      return 1;
  return 0;
}

static int starts_with_word(const char *norm, const char *w)
{
  size_t n = strlen(w);
  return strncmp(norm, w, n) == 0 && (norm[n] == 0 || norm[n] == ' ');
}

static tertial_audit_line_kind kind_of(const tertial_audit *a, const audit_table *t, const audit_line *l)
{
  static const char *const grand[] = {"summa", "totalt", "total", "s:a", "summa totalt", "totalt summa",
                                      "nettoresultat", "nettokostnad", "nettokostnader", "netto", "resultat",
                                      "summa netto", "grand total", "sum", "summa nämnden", "nämnden totalt",
                                      "totalt nämnden", NULL};
  char *norm = tertial__audit_norm(l->label, 0);
  tertial_audit_line_kind k = TERTIAL_AUDIT_LINE_NORMAL;
  int values = 0;
  for (size_t c = 0; c < l->nvalues; c++)
    if (l->values[c].kind == TERTIAL_AUDIT_NUMBER && audit_column_at(t, c)->meaning != TERTIAL_AUDIT_IDENTIFIER)
      values = 1;
  if (label_in(a->spec_varav, norm)) {
    k = TERTIAL_AUDIT_LINE_VARAV;
  } else if (label_in(a->spec_totals, norm)) {
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
  g_free(norm);
  return k;
}

static int is_total(const audit_line *l)
{
  return l->kind == TERTIAL_AUDIT_LINE_TOTAL || l->kind == TERTIAL_AUDIT_LINE_SUBTOTAL;
}

/* Parents from depths, with each total taking the open items of its level: a subtotal those since
 * the last total of the level, a total all of them (the subtotals standing for their items). A
 * line's parent is the nearest line above it of smaller depth that is an item (not a total or a
 * varav line): the items whose depth is below every later item's form a stack. */
static void infer_parents_implicit(audit_table *t)
{
  guint n = t->lines->len;
  GPtrArray *open = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref); /* scope + 1 -> items */
  for (guint i = 0; i <= n; i++)
    g_ptr_array_add(open, g_array_new(FALSE, FALSE, sizeof(long)));
  GArray *stack = g_array_new(FALSE, FALSE, sizeof(long));
  for (guint i = 0; i < n; i++) {
    audit_line *l = audit_line_at(t, i);
    int item = !is_total(l) && l->kind != TERTIAL_AUDIT_LINE_VARAV;
    if (item)
      while (stack->len && audit_line_at(t, (guint)g_array_index(stack, long, stack->len - 1))->depth >= l->depth)
        g_array_set_size(stack, stack->len - 1);
    long p = -1;
    for (guint k = stack->len; k-- > 0 && p < 0;)
      if (audit_line_at(t, (guint)g_array_index(stack, long, k))->depth < l->depth)
        p = g_array_index(stack, long, k);
    l->parent = p;
    long self = (long)i;
    if (item)
      g_array_append_val(stack, self);
    GArray *items = g_ptr_array_index(open, (guint)(p + 1));
    if (is_total(l)) {
      guint from = 0;
      if (l->kind == TERTIAL_AUDIT_LINE_SUBTOTAL)
        for (guint k = items->len; k-- > 0;)
          if (is_total(audit_line_at(t, (guint)g_array_index(items, long, k)))) {
            from = k + 1;
            break;
          }
      for (guint k = from; k < items->len; k++)
        audit_line_at(t, (guint)g_array_index(items, long, k))->parent = (long)i;
      g_array_set_size(items, from);
    }
    if (l->kind != TERTIAL_AUDIT_LINE_VARAV)
      g_array_append_val(items, self);
  }
  g_array_free(stack, TRUE);
  g_ptr_array_free(open, TRUE);
}

/* Each line's children, in line order, grouped by parent in the table's `children`. */
static void index_children(audit_table *t)
{
  guint n = t->lines->len;
  for (guint i = 0; i < n; i++)
    audit_line_at(t, i)->nchildren = 0;
  for (guint i = 0; i < n; i++) {
    long p = audit_line_at(t, i)->parent;
    if (p >= 0)
      audit_line_at(t, (guint)p)->nchildren++;
  }
  guint at = 0;
  for (guint i = 0; i < n; i++) {
    audit_line *l = audit_line_at(t, i);
    l->first_child = at;
    at += l->nchildren;
    l->nchildren = 0;
  }
  g_array_set_size(t->children, at);
  for (guint i = 0; i < n; i++) {
    long p = audit_line_at(t, i)->parent;
    if (p >= 0) {
      audit_line *pl = audit_line_at(t, (guint)p);
      g_array_index(t->children, long, pl->first_child + pl->nchildren++) = (long)i;
    }
  }
}

static void infer_parents(tertial_audit *a, audit_table *t)
{
  int explicit = 0;
  for (guint i = 0; i < t->lines->len; i++)
    if (audit_line_at(t, i)->declared_parent != TERTIAL_AUDIT_PARENT_INFER)
      explicit = 1;
  if (!explicit) {
    infer_parents_implicit(t);
    return;
  }
  for (guint i = 0; i < t->lines->len; i++) {
    audit_line *l = audit_line_at(t, i);
    l->parent = l->declared_parent >= 0 && l->declared_parent < (long)t->lines->len && l->declared_parent != (long)i
                  ? l->declared_parent
                  : -1;
    if (l->declared_parent >= (long)t->lines->len || l->declared_parent == (long)i)
      tertial__audit_assume(a, "%s: line \"%s\" names parent %ld, and the table has no such line: taken as in no sum",
                            t->name, l->label, l->declared_parent);
  }
}

int tertial__audit_infer(tertial_audit *a)
{
  for (guint ti = 0; ti < a->tables->len; ti++) {
    audit_table *t = audit_table_at(a, ti);
    infer_columns(a, t);
    for (guint i = 0; i < t->lines->len; i++) {
      audit_line *l = audit_line_at(t, i);
      l->kind = l->declared_kind != TERTIAL_AUDIT_LINE_INFER ? l->declared_kind : kind_of(a, t, l);
      if (l->declared_kind == TERTIAL_AUDIT_LINE_INFER && l->kind != TERTIAL_AUDIT_LINE_NORMAL &&
          l->kind != TERTIAL_AUDIT_LINE_HEADING)
        tertial__audit_assume(a, "%s: \"%s\" is %s", t->name, l->label,
                              l->kind == TERTIAL_AUDIT_LINE_VARAV  ? "a varav line, in no sum"
                              : l->kind == TERTIAL_AUDIT_LINE_TOTAL ? "a total of the lines above it"
                                                                     : "a subtotal of the lines since the last total");
    }
    infer_parents(a, t);
    index_children(t);
    g_free(t->norm);
    t->norm = tertial__audit_norm(t->name, 1);
    for (guint i = 0; i < t->lines->len; i++) {
      audit_line *l = audit_line_at(t, i);
      g_free(l->norm);
      l->norm = tertial__audit_norm(l->label, 1);
    }
    t->total = -1;
    for (guint i = t->lines->len; i-- > 0 && t->total < 0;) {
      const audit_line *l = audit_line_at(t, i);
      if (l->parent < 0 && l->kind == TERTIAL_AUDIT_LINE_TOTAL)
        t->total = (long)i;
    }
    if (t->total < 0 && t->lines->len == 1 && audit_line_at(t, 0)->kind == TERTIAL_AUDIT_LINE_NORMAL)
      t->total = 0;
  }
  return 0;
}
