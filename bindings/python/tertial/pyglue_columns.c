/*
 * Bulk load from columns: Ledger.load_columns(units, accounts, months, measures, amounts).
 *
 * Each column is read where it lies, row by row, without a Python object per row: an integer
 * or float buffer (array.array, a NumPy array, a pandas Series' to_numpy()) is read in place,
 * codes may come as (categories, integer codes) (a pandas Categorical), and a list of Python
 * values is read item by item (its objects exist already). Every row goes through
 * tertial_ledger_add_by_code(), all or nothing like tpy_ledger_load(): on an error the rows
 * added so far are taken back and the exception names the row.
 */
#include "pyglue.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORE "\xc3\xb6re"

enum source { SCALAR, BUFFER, SEQUENCE, CATEGORIES };

typedef struct column {
  const char *what;
  enum source source;
  Py_buffer view;        /* BUFFER, and the codes of CATEGORIES */
  char kind;             /* 'i' signed, 'u' unsigned, 'f' float */
  PyObject *seq;         /* SEQUENCE: PySequence_Fast; CATEGORIES: the categories' */
  PyObject *scalar;      /* SCALAR (borrowed) */
  Py_ssize_t n;          /* rows; -1 for SCALAR */
  char code[24];         /* an integer code in decimal: the last one written */
  int64_t code_value;
  int has_code;
} column;

/* The struct format of a 1-D buffer of numbers: 'i', 'u' or 'f', or 0 for anything else. */
static char number_kind(const Py_buffer *view)
{
  const char *f = view->format ? view->format : "B";
  if (*f == '@' || *f == '=' || *f == (PY_LITTLE_ENDIAN ? '<' : '>'))
    f++;
  if (f[0] == '\0' || f[1] != '\0')
    return 0;
  if (strchr("bhilq", f[0]))
    return 'i';
  if (strchr("BHILQ", f[0]))
    return 'u';
  if (f[0] == 'd' && view->itemsize == 8)
    return 'f';
  return 0;
}

static int buffer_in(column *c, PyObject *obj)
{
  if (PyObject_GetBuffer(obj, &c->view, PyBUF_RECORDS_RO) < 0)
    return -1;
  if (c->view.ndim != 1 || !(c->kind = number_kind(&c->view))) {
    PyErr_Format(PyExc_TypeError, "%s: expected a one-dimensional buffer of integers or float64, not format '%s'",
                 c->what, c->view.format ? c->view.format : "B");
    PyBuffer_Release(&c->view);
    c->view.obj = NULL;
    return -1;
  }
  c->source = BUFFER;
  c->n = c->view.shape[0];
  return 0;
}

/* A column: a scalar (when @p scalar_ok and obj is an int or str), (categories, codes), a buffer
 * of numbers, or a sequence. */
static int column_in(column *c, PyObject *obj, const char *what, int scalar_ok)
{
  memset(c, 0, sizeof *c);
  c->what = what;
  if (scalar_ok && ((PyLong_Check(obj) && !PyBool_Check(obj)) || PyUnicode_Check(obj))) {
    c->source = SCALAR;
    c->scalar = obj;
    c->n = -1;
    return 0;
  }
  if (PyUnicode_Check(obj) || PyBytes_Check(obj) || PyByteArray_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "%s: expected a column (a sequence or a buffer), not %.200s", what,
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  if (PyTuple_Check(obj) && PyTuple_GET_SIZE(obj) == 2 && PyObject_CheckBuffer(PyTuple_GET_ITEM(obj, 1))) {
    if (buffer_in(c, PyTuple_GET_ITEM(obj, 1)) < 0)
      return -1;
    if (c->kind == 'f') {
      PyErr_Format(PyExc_TypeError, "%s: the codes of (categories, codes) must be integers", what);
      return -1;
    }
    c->source = CATEGORIES;
    c->seq = PySequence_Fast(PyTuple_GET_ITEM(obj, 0), "");
    if (!c->seq)
      PyErr_Format(PyExc_TypeError, "%s: the categories of (categories, codes) must be a sequence", what);
    return c->seq ? 0 : -1;
  }
  if (PyObject_CheckBuffer(obj)) {
    Py_buffer probe;
    if (PyObject_GetBuffer(obj, &probe, PyBUF_RECORDS_RO) == 0) {
      int numbers = probe.ndim == 1 && number_kind(&probe);
      PyBuffer_Release(&probe);
      if (numbers)
        return buffer_in(c, obj);
    } else {
      PyErr_Clear(); /* e.g. an object array: read it as a sequence */
    }
  }
  c->seq = PySequence_Fast(obj, "");
  if (!c->seq) {
    PyErr_Format(PyExc_TypeError, "%s: expected a column (a sequence or a buffer), not %.200s", what,
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  c->source = SEQUENCE;
  c->n = PySequence_Fast_GET_SIZE(c->seq);
  return 0;
}

static void column_release(column *c)
{
  if (c->view.obj)
    PyBuffer_Release(&c->view);
  Py_CLEAR(c->seq);
}

static const char *item_at(const column *c, Py_ssize_t i)
{
  return (const char *)c->view.buf + i * c->view.strides[0];
}

/* An integer of a buffer (i: signed, u: unsigned); 0, or -1 when it does not fit in int64. */
static int buffer_int(const column *c, Py_ssize_t i, int64_t *out)
{
  const char *p = item_at(c, i);
  unsigned long long u = 0;
  long long s = 0;
  switch (c->view.itemsize) {
  case 1: if (c->kind == 'i') s = *(const signed char *)p; else u = *(const unsigned char *)p; break;
  case 2: { short v; unsigned short w; if (c->kind == 'i') { memcpy(&v, p, 2); s = v; } else { memcpy(&w, p, 2); u = w; } } break;
  case 4: { int v; unsigned w; if (c->kind == 'i') { memcpy(&v, p, 4); s = v; } else { memcpy(&w, p, 4); u = w; } } break;
  case 8: if (c->kind == 'i') memcpy(&s, p, 8); else memcpy(&u, p, 8); break;
  default: return -1;
  }
  if (c->kind == 'u') {
    if (u > INT64_MAX)
      return -1;
    s = (long long)u;
  }
  *out = (int64_t)s;
  return 0;
}

/* Item @p i of a sequence column (a list can change while a value's __index__ runs). */
static PyObject *seq_item(const column *c, Py_ssize_t i, Py_ssize_t row)
{
  if (i >= PySequence_Fast_GET_SIZE(c->seq)) {
    PyErr_Format(PyExc_ValueError, "row %zd: %s: the column changed during the load", row, c->what);
    return NULL;
  }
  return PySequence_Fast_GET_ITEM(c->seq, i);
}

static int row_fail(Py_ssize_t row, PyObject *cls, const char *what, const char *expected)
{
  PyErr_Format(cls, "row %zd: %s: %s", row, what, expected);
  return -1;
}

/* The Python value of row @p i of a column that is no buffer: the scalar, the sequence's item,
 * or the category its code names (borrowed); NULL with an exception. */
static PyObject *value_at(const column *c, Py_ssize_t i)
{
  int64_t v;
  if (c->source == SCALAR)
    return c->scalar;
  if (c->source == SEQUENCE)
    return seq_item(c, i, i);
  if (buffer_int(c, i, &v) < 0 || v < 0 || v >= PySequence_Fast_GET_SIZE(c->seq)) {
    row_fail(i, PyExc_ValueError, c->what, "a missing value (no category)");
    return NULL;
  }
  return seq_item(c, (Py_ssize_t)v, i);
}

/* A unit code or account number of row @p i: a str, or an integer written in decimal (once for a
 * run of the same number). */
static int code_at(column *c, Py_ssize_t i, const char **out)
{
  if (c->source == BUFFER) {
    int64_t v;
    if (c->kind == 'f')
      return row_fail(i, PyExc_TypeError, c->what, "expected a str or an int code, not a float");
    if (buffer_int(c, i, &v) < 0)
      return row_fail(i, PyExc_ValueError, c->what, "the code does not fit in int64");
    if (!c->has_code || v != c->code_value)
      snprintf(c->code, sizeof c->code, "%lld", (long long)v);
    c->code_value = v;
    c->has_code = 1;
    *out = c->code;
    return 0;
  }
  PyObject *item = value_at(c, i);
  if (!item)
    return -1;
  if (PyUnicode_Check(item)) {
    *out = PyUnicode_AsUTF8(item);
    return *out ? 0 : -1;
  }
  if (PyLong_Check(item) && !PyBool_Check(item)) {
    long long n = PyLong_AsLongLong(item);
    if (n == -1 && PyErr_Occurred())
      return -1;
    snprintf(c->code, sizeof c->code, "%lld", n);
    c->has_code = 0;
    *out = c->code;
    return 0;
  }
  return row_fail(i, PyExc_TypeError, c->what, "expected a str or an int code");
}

static int int_of(PyObject *item, Py_ssize_t i, const char *what, int *out)
{
  if (!PyLong_Check(item) || PyBool_Check(item))
    return row_fail(i, PyExc_TypeError, what, "expected an int");
  long v = PyLong_AsLong(item);
  if (v == -1 && PyErr_Occurred())
    return -1;
  *out = v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : (int)v;
  return 0;
}

/* A month (0..11) or a measure id of row @p i; a measure's name is looked up (the last one cached). */
static int small_int_at(const column *c, Py_ssize_t i, tertial_ledger *ledger, PyObject **name_cache, int *cached,
                        int *out)
{
  if (c->source == BUFFER) {
    int64_t v;
    if (c->kind == 'f' || buffer_int(c, i, &v) < 0)
      return row_fail(i, PyExc_TypeError, c->what, "expected an integer");
    *out = v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : (int)v;
    return 0;
  }
  PyObject *item = value_at(c, i);
  if (!item)
    return -1;
  if (name_cache && PyUnicode_Check(item)) {
    if (item != *name_cache) {
      const char *name = PyUnicode_AsUTF8(item);
      if (!name)
        return -1;
      int rc = tertial_ledger_find_measure(cached, ledger, name);
      if (rc < 0) {
        tpy_raise(rc);
        return tpy_prefix_row(i);
      }
      *name_cache = item;
    }
    *out = *cached;
    return 0;
  }
  return int_of(item, i, c->what, out);
}

/* A float in kronor as öre, rounded half away from zero from its shortest decimal text (repr):
 * 1.005 -> 101, 0.1 + 0.2 -> 30. */
static int float_ore(double v, Py_ssize_t row, int64_t *out)
{
  char *text = PyOS_double_to_string(v, 'r', 0, 0, NULL);
  if (!text)
    return -1;
  const char *p = text;
  int negative = *p == '-';
  p += negative || *p == '+';
  uint64_t digits = 0;
  int ndigits = 0, exponent = 0, dropped = -1, point = 0, ok = 1;
  for (; ok && *p && *p != 'e' && *p != 'E'; p++) {
    if (*p == '.') {
      point = 1;
    } else if (*p < '0' || *p > '9') {
      ok = 0; /* inf, nan */
    } else {
      if (digits || *p != '0') {
        digits = digits * 10 + (uint64_t)(*p - '0');
        ndigits++;
      }
      exponent -= point; /* a digit after the point */
    }
  }
  if (ok && *p)
    exponent += atoi(p + 1);
  PyMem_Free(text);
  if (!ok || ndigits > 18)
    return row_fail(row, PyExc_ValueError, "amount", "a float that is not a number");
  /* value = digits * 10^exponent; öre = digits * 10^(exponent + 2) */
  int scale = exponent + 2;
  for (; scale < 0; scale++) {
    dropped = (int)(digits % 10);
    digits /= 10;
  }
  if (dropped >= 5)
    digits++;
  for (; scale > 0; scale--) {
    if (digits > (uint64_t)INT64_MAX / 10)
      return row_fail(row, PyExc_OverflowError, "amount", "does not fit in int64 " ORE);
    digits *= 10;
  }
  if (digits > (uint64_t)INT64_MAX)
    return row_fail(row, PyExc_OverflowError, "amount", "does not fit in int64 " ORE);
  *out = negative ? -(int64_t)digits : (int64_t)digits;
  return 0;
}

/* An amount of row @p i: int öre, a float in kronor, or a money value (int öre, Decimal or text in kronor). */
static int amount_at(const column *c, Py_ssize_t i, int64_t *out)
{
  if (c->source == BUFFER) {
    if (c->kind == 'f') {
      double v;
      memcpy(&v, item_at(c, i), sizeof v);
      return float_ore(v, i, out);
    }
    if (buffer_int(c, i, out) < 0)
      return row_fail(i, PyExc_OverflowError, "amount", "does not fit in int64 " ORE);
    return 0;
  }
  PyObject *item = value_at(c, i);
  if (!item)
    return -1;
  if (PyFloat_Check(item))
    return float_ore(PyFloat_AS_DOUBLE(item), i, out);
  if (PyUnicode_Check(item)) {
    const char *s = PyUnicode_AsUTF8(item);
    int rc = s ? tertial_money_parse(out, s, TERTIAL_MONEY_ANY) : 0;
    if (rc < 0)
      tpy_raise(rc);
    return !s || rc < 0 ? tpy_prefix_row(i) : 0;
  }
  return tpy_money_in(item, out) < 0 ? tpy_prefix_row(i) : 0;
}

typedef struct reader {
  tertial_ledger *ledger;
  column col[5]; /* units, accounts, months, measures, amounts */
  PyObject *measure_name;
  int measure;
} reader;

typedef struct fact {
  const char *unit, *account;
  int month, measure;
  int64_t amount;
} fact;

static int fact_at(reader *r, Py_ssize_t i, fact *f)
{
  if (code_at(&r->col[0], i, &f->unit) < 0 || code_at(&r->col[1], i, &f->account) < 0 ||
      small_int_at(&r->col[2], i, r->ledger, NULL, NULL, &f->month) < 0 ||
      small_int_at(&r->col[3], i, r->ledger, &r->measure_name, &r->measure, &f->measure) < 0)
    return -1;
  return amount_at(&r->col[4], i, &f->amount);
}

/* Take back rows 0..n-1 (they were read and added before, so they read again). */
static void take_back(reader *r, Py_ssize_t n)
{
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  r->measure_name = NULL;
  for (Py_ssize_t i = n - 1; i >= 0; i--) {
    fact f;
    if (fact_at(r, i, &f) == 0) {
      if (f.amount == INT64_MIN) {
        tertial_ledger_add_by_code(r->ledger, f.unit, f.account, f.month, f.measure, INT64_MAX);
        f.amount = -1;
      }
      tertial_ledger_add_by_code(r->ledger, f.unit, f.account, f.month, f.measure, -f.amount);
    }
    PyErr_Clear();
  }
  tertial_error_clear();
  PyErr_Restore(type, value, tb);
}

PyObject *tpy_ledger_load_columns(tertial_ledger *ledger, PyObject *units, PyObject *accounts, PyObject *months,
                                  PyObject *measures, PyObject *amounts)
{
  static const char *names[5] = {"units", "accounts", "months", "measures", "amounts"};
  PyObject *objs[5] = {units, accounts, months, measures, amounts};
  reader r = {.ledger = ledger};
  Py_ssize_t n = -1, i = 0;
  int failed = 0, made = 0;
  for (; made < 5 && !failed; made++)
    failed = column_in(&r.col[made], objs[made], names[made], made == 2 || made == 3) < 0;
  if (!failed) {
    for (int k = 0; k < 5; k++) {
      Py_ssize_t len = r.col[k].source == CATEGORIES ? r.col[k].view.shape[0] : r.col[k].n;
      if (len >= 0 && n >= 0 && len != n) {
        PyErr_Format(PyExc_ValueError, "the columns differ in length: %s has %zd rows, %s %zd", names[0], n,
                     names[k], len);
        failed = 1;
        break;
      }
      if (len >= 0)
        n = len;
    }
    if (n < 0)
      n = 0;
  }
  for (i = 0; !failed && i < n; i++) {
    fact f;
    if (fact_at(&r, i, &f) < 0) {
      failed = 1;
    } else {
      int rc = tertial_ledger_add_by_code(ledger, f.unit, f.account, f.month, f.measure, f.amount);
      if (rc < 0) {
        tpy_raise(rc);
        failed = tpy_prefix_row(i) < 0;
      }
    }
  }
  if (failed && i > 0)
    take_back(&r, i - 1);
  for (int k = 0; k < made; k++)
    column_release(&r.col[k]);
  return failed ? NULL : PyLong_FromSsize_t(n);
}
