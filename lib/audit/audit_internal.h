/* Internal: the printed-table model of the audit (audit.c), inference (audit_infer.c), the checks
 * (audit_check.c) and the readers (audit_read.c). Not installed. */
#ifndef TERTIAL_AUDIT_INTERNAL_H
#define TERTIAL_AUDIT_INTERNAL_H

#include <glib.h>

#include "internal.h"
#include "tertial/audit.h"

typedef struct audit_column {
  char *header;
  tertial_audit_meaning declared, meaning; /* meaning: after inference */
  tertial_audit_unit declared_unit, unit;
  tertial_audit_sign declared_sign, sign;
} audit_column;

typedef struct audit_line {
  char *label;  /* without leading spaces */
  char *code;   /* NULL for none */
  char *where;
  int depth;
  tertial_audit_line_kind declared_kind, kind;
  long declared_parent, parent; /* parent: after inference, -1 for none */
  tertial_audit_value *values;  /* one per column */
  size_t nvalues;
  /* after inference */
  char *norm;                   /* the label normalised, without units (tertial__audit_norm) */
  guint first_child, nchildren; /* its children in the table's `children` */
} audit_line;

typedef struct audit_table {
  char *name;
  char *source;
  tertial_audit_unit unit;
  GPtrArray *columns; /* audit_column* */
  GPtrArray *lines;   /* audit_line* */
  long total;         /* after inference: the line that is the table's total, -1 none */
  char *norm;         /* after inference: the name normalised, without units */
  GArray *children;   /* after inference: line indexes (long) grouped by parent */
} audit_table;

typedef struct audit_declared_column {
  char *header; /* normalised */
  tertial_audit_meaning meaning;
  tertial_audit_unit unit;
} audit_declared_column;

struct tertial_audit {
  GPtrArray *tables; /* audit_table* */
  /* from a spec */
  GPtrArray *spec_columns; /* audit_declared_column* */
  GPtrArray *spec_totals, *spec_varav; /* normalised labels */
  tertial_audit_unit spec_unit;
  tertial_audit_sign spec_deviation, spec_forecast_deviation;
  /* the last run */
  GArray *findings;        /* tertial_audit_finding */
  GPtrArray *strings;      /* what findings point to */
  GPtrArray *assumptions;  /* char* */
  size_t checked;
};

/* A header or label in lower case with blanks collapsed and trimmed, unit words and years
 * removed when `strip_units` ("Ack utfall (tkr)" -> "ack utfall"). Free with g_free(). */
char *tertial__audit_norm(const char *s, int strip_units);

/* The unit a header or caption names ("tkr", "Belopp i mnkr"), or UNKNOWN. */
tertial_audit_unit tertial__audit_unit_of(const char *text);

/* The meaning of a (normalised) header; OTHER when unknown, IDENTIFIER for codes. */
tertial_audit_meaning tertial__audit_meaning_of(const char *norm);

/* Infer meanings, units, kinds, parents and totals of every table. */
int tertial__audit_infer(tertial_audit *a);

/* Check every relation (after inference). */
int tertial__audit_check(tertial_audit *a);

/* Record an assumption (printf-style). */
int tertial__audit_assume(tertial_audit *a, const char *fmt, ...) TERTIAL_PRINTF(2, 3);

/* Keep a string for a finding; NULL on no memory. */
const char *tertial__audit_keep(tertial_audit *a, char *s);

/* Swedish formatting of a scaled value: "-12 345,6". Free with g_free(). */
char *tertial__audit_format_value(int64_t scaled, int decimals);

static inline audit_table *audit_table_at(const tertial_audit *a, size_t i)
{
  return g_ptr_array_index(a->tables, i);
}
static inline audit_line *audit_line_at(const audit_table *t, size_t i)
{
  return g_ptr_array_index(t->lines, i);
}
static inline audit_column *audit_column_at(const audit_table *t, size_t i)
{
  return g_ptr_array_index(t->columns, i);
}

#endif
