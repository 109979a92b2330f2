/* Internal: the printed-table model of the audit (audit.c), inference (audit_infer.c), the checks
 * (audit_check.c) and the readers (audit_read.c). Not installed.
 *
 * The library never aborts the host process, and GLib's allocators (g_malloc, GString, GArray,
 * GPtrArray, GHashTable) abort when memory runs out: the audit allocates only through the checked
 * helpers of internal.h and the audit_vec below, and returns TERTIAL_ERR_NOMEM. GLib's functions
 * that do not allocate (g_ascii_*, g_utf8_validate, g_utf8_get_char, g_unichar_*) are used. */
#ifndef TERTIAL_AUDIT_INTERNAL_H
#define TERTIAL_AUDIT_INTERNAL_H

#include <glib.h>

#include "internal.h"
#include "tertial/audit.h"

/* A growable array of elements of one size (pointers or values); grows with tertial__grow(). */
typedef struct audit_vec {
  void *data;
  size_t len, cap;
} audit_vec;

/* Append one element of `size` bytes. Returns 0 or TERTIAL_ERR_NOMEM (the vector unchanged). */
int tertial__audit_vec_add(audit_vec *v, const void *elem, size_t size);
/* Append a pointer (to a vector of pointers). On failure the pointer is not taken. */
int tertial__audit_vec_add_ptr(audit_vec *v, void *p);
/* Free the elements of a vector of pointers with `free_one` (may be NULL), then the vector. */
void tertial__audit_vec_free(audit_vec *v, void (*free_one)(void *));
/* Element i of a vector of `type`. */
#define AUDIT_AT(v, type, i) (((type *)(v).data)[i])

/* A printf into newly allocated memory (free()), NULL (NOMEM recorded) on no memory. */
char *tertial__audit_printf(const char *fmt, ...) TERTIAL_PRINTF(1, 2);

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
  size_t first_child, nchildren; /* its children in the table's `children` */
} audit_line;

typedef struct audit_table {
  char *name;
  char *source;
  tertial_audit_unit unit;
  audit_vec columns; /* audit_column* */
  audit_vec lines;   /* audit_line* */
  long total;         /* after inference: the line that is the table's total, -1 none */
  char *norm;         /* after inference: the name normalised, without units */
  audit_vec children; /* after inference: line indexes (long) grouped by parent */
} audit_table;

typedef struct audit_declared_column {
  char *header; /* normalised */
  tertial_audit_meaning meaning;
  tertial_audit_unit unit;
} audit_declared_column;

struct tertial_audit {
  audit_vec tables; /* audit_table* */
  /* from a spec */
  audit_vec spec_columns; /* audit_declared_column* */
  audit_vec spec_totals, spec_varav; /* char*: normalised labels */
  tertial_audit_unit spec_unit;
  tertial_audit_sign spec_deviation, spec_forecast_deviation;
  /* the last run */
  audit_vec findings;    /* tertial_audit_finding */
  audit_vec strings;     /* char*: what findings point to */
  audit_vec assumptions; /* char* */
  size_t checked;
};

/* A header or label in lower case with blanks collapsed and trimmed, unit words and years
 * removed when `strip_units` ("Ack utfall (tkr)" -> "ack utfall"). Free with free(); NULL on no
 * memory (NOMEM recorded). */
char *tertial__audit_norm(const char *s, int strip_units);

/* The unit a header or caption names ("tkr", "Belopp i mnkr"), or UNKNOWN; TERTIAL_ERR_NOMEM
 * (negative) on no memory. */
int tertial__audit_unit_of(const char *text);

/* The meaning of a (normalised) header; OTHER when unknown, IDENTIFIER for codes. */
tertial_audit_meaning tertial__audit_meaning_of(const char *norm);

/* Infer meanings, units, kinds, parents and totals of every table. */
int tertial__audit_infer(tertial_audit *a);

/* Check every relation (after inference). */
int tertial__audit_check(tertial_audit *a);

/* Record an assumption (printf-style). */
int tertial__audit_assume(tertial_audit *a, const char *fmt, ...) TERTIAL_PRINTF(2, 3);

/* Keep a string for a finding (taken, also on failure); NULL on no memory. */
const char *tertial__audit_keep(tertial_audit *a, char *s);

/* Swedish formatting of a scaled value: "-12 345,6". Free with free(); NULL on no memory. */
char *tertial__audit_format_value(int64_t scaled, int decimals);

static inline audit_table *audit_table_at(const tertial_audit *a, size_t i)
{
  return AUDIT_AT(a->tables, audit_table *, i);
}
static inline audit_line *audit_line_at(const audit_table *t, size_t i)
{
  return AUDIT_AT(t->lines, audit_line *, i);
}
static inline audit_column *audit_column_at(const audit_table *t, size_t i)
{
  return AUDIT_AT(t->columns, audit_column *, i);
}

#endif
