/*
 * C side of the Python bindings (see pyglue.h). The module keeps a few Python objects for
 * its whole life (exception classes, value types, decimal.Decimal, the enum classes); the
 * library itself has no global state.
 */
#include "pyglue.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Format strings of PyErr_Format() must be ASCII: non-ASCII words go in as %s arguments. */
#define ORE "öre"

_Static_assert(TERTIAL_COL_COUNT == 8, "FollowupRow lists eight columns");

/* Exceptions: one class per error code, all under TertialError. */
static const struct {
  int code;
  const char *name;
  PyObject **builtin_base;
  const char *doc;
} error_classes[] = {
  {TERTIAL_ERR_INVALID, "InvalidArgumentError", &PyExc_ValueError, "An argument is invalid (TERTIAL_ERR_INVALID)."},
  {TERTIAL_ERR_NOMEM, "NoMemoryError", &PyExc_MemoryError, "The library ran out of memory (TERTIAL_ERR_NOMEM)."},
  {TERTIAL_ERR_OVERFLOW, "MoneyOverflowError", &PyExc_OverflowError,
   "An amount does not fit in int64 öre (TERTIAL_ERR_OVERFLOW)."},
  {TERTIAL_ERR_PARSE, "ParseError", &PyExc_ValueError, "Malformed text input (TERTIAL_ERR_PARSE)."},
  {TERTIAL_ERR_NOT_FOUND, "NotFoundError", &PyExc_LookupError,
   "No such unit, account, row, point, measure, ... (TERTIAL_ERR_NOT_FOUND)."},
  {TERTIAL_ERR_EXISTS, "ExistsError", &PyExc_ValueError, "The code or name is already taken (TERTIAL_ERR_EXISTS)."},
  {TERTIAL_ERR_RANGE, "RangeError", &PyExc_ValueError,
   "A month, index, period or date is out of range (TERTIAL_ERR_RANGE)."},
  {TERTIAL_ERR_IO, "TertialIOError", &PyExc_OSError, "Reading or writing a file failed (TERTIAL_ERR_IO)."},
  {TERTIAL_ERR_STATE, "StateError", &PyExc_RuntimeError,
   "The operation conflicts with the current state, e.g. a cycle (TERTIAL_ERR_STATE)."},
  {TERTIAL_ERR_BUFFER, "BufferTooSmallError", NULL, "A buffer is too small (TERTIAL_ERR_BUFFER)."},
};
#define N_ERROR_CLASSES (sizeof error_classes / sizeof error_classes[0])

static PyObject *error_base;                    /* TertialError */
static PyObject *error_class_of[N_ERROR_CLASSES]; /* parallel to error_classes */
static PyObject *decimal_type;                  /* decimal.Decimal */
static PyObject *date_type;                     /* datetime.date */
static PyObject *enum_types;                    /* {"LineKind": LineKind, ...} once registered */
static PyTypeObject *point_type, *report_row_type, *line_type, *finding_type;

static PyObject *error_class(int code)
{
  for (size_t i = 0; i < N_ERROR_CLASSES; i++)
    if (error_classes[i].code == code)
      return error_class_of[i];
  return error_base;
}

/* Raise @p cls(message) with .code and .message set. */
static PyObject *raise_error(PyObject *cls, int code, PyObject *message)
{
  if (!message)
    return NULL;
  PyObject *exc = PyObject_CallOneArg(cls, message);
  if (exc) {
    PyObject *code_obj = tpy_enum("ErrorCode", code);
    if (!code_obj || PyObject_SetAttrString(exc, "code", code_obj) < 0 ||
        PyObject_SetAttrString(exc, "message", message) < 0)
      Py_CLEAR(exc);
    Py_XDECREF(code_obj);
  }
  Py_DECREF(message);
  if (exc) {
    PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    Py_DECREF(exc);
  }
  return NULL;
}

static PyObject *text(const char *s)
{
  if (!s)
    Py_RETURN_NONE;
  return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

/* The message of error @p code: the thread's last error if it is about this code. */
static const char *message_of(int code)
{
  const char *msg = tertial_error_last();
  if (tertial_error_last_code() != code || !msg || !*msg)
    msg = tertial_strerror(code);
  return msg;
}

PyObject *tpy_raise(int code)
{
  return raise_error(error_class(code), code, text(message_of(code)));
}

static int add_error_classes(PyObject *module)
{
  error_base = PyErr_NewExceptionWithDoc("tertial.TertialError",
                                         "Base class of Tertial's errors. `code` is the ErrorCode, "
                                         "`message` (also str(e)) the library's last error message.",
                                         NULL, NULL);
  if (!error_base || PyModule_AddObjectRef(module, "TertialError", error_base) < 0)
    return -1;
  for (size_t i = 0; i < N_ERROR_CLASSES; i++) {
    char qualname[96];
    snprintf(qualname, sizeof qualname, "tertial.%s", error_classes[i].name);
    PyObject *bases = error_classes[i].builtin_base
                          ? PyTuple_Pack(2, error_base, *error_classes[i].builtin_base)
                          : PyTuple_Pack(1, error_base);
    if (!bases)
      return -1;
    error_class_of[i] = PyErr_NewExceptionWithDoc(qualname, error_classes[i].doc, bases, NULL);
    Py_DECREF(bases);
    if (!error_class_of[i] || PyModule_AddObjectRef(module, error_classes[i].name, error_class_of[i]) < 0)
      return -1;
  }
  return 0;
}

/* Value types: immutable named tuples made in C (fast to build in bulk). */
static PyStructSequence_Field point_fields[] = {
  {"code", "short unique code, e.g. 'T1'"},
  {"name", "display name"},
  {"cutoff", "months included from the fiscal-year start, 1..12"},
  {"deadline_months_after", "deadline month, counted in months after the cut-off month"},
  {"deadline_day", "deadline day of that month"},
  {NULL, NULL},
};
static PyStructSequence_Field report_row_fields[] = {
  {"code", "unique code, e.g. 'INT_FORS'"},
  {"label", "display label"},
  {"kind", "RowKind"},
  {"parent", "index of the parent sum row, None for a top row"},
  {"depth", "0 for top rows"},
  {NULL, NULL},
};
static PyStructSequence_Field line_fields[] = {
  {"kind", "LineKind: what the line stands for"},
  {"code", "unit code or row code"},
  {"label", "unit name or row label"},
  {"unit", "unit id"},
  {"row", "report row index, None unless kind is ROW"},
  {"row_kind", "RowKind of a report row, else None"},
  {"depth", "indentation"},
  {"outcome_acc", "Ack utfall"},
  {"budget_acc", "Ack budget"},
  {"deviation_acc", "Ack budgetavvikelse"},
  {"budget_year", "Årets budget"},
  {"share_used", "Förbrukat % as a Decimal percent; None when the annual budget is 0"},
  {"forecast", "Årets prognos; None on internal rows"},
  {"forecast_deviation", "Prognosavvikelse"},
  {"prior_year", "Fg bokslut"},
  {"forecast_missing", "number of (unit, row) pairs whose forecast defaulted to the budget"},
  {"partial", "True if the unit belonged to this parent only part of the year"},
  {"parent_line", "index of the line this one adds into, or None"},
  {NULL, NULL},
};
static PyStructSequence_Field finding_fields[] = {
  {"kind", "FindingKind"},
  {"severity", "Severity"},
  {"unit_code", "the unit concerned"},
  {"row_code", "the report row or account number concerned, '' if none"},
  {"column", "a Column, or None"},
  {"expected", "the value the relation requires (öre, or display steps for ROUNDING)"},
  {"found", "the value found"},
  {NULL, NULL},
};

static PyTypeObject *new_value_type(PyObject *module, const char *name, const char *doc,
                                    PyStructSequence_Field *fields)
{
  PyStructSequence_Desc desc = {name, doc, fields, 0};
  while (fields[desc.n_in_sequence].name)
    desc.n_in_sequence++;
  PyTypeObject *type = PyStructSequence_NewType(&desc);
  if (!type)
    return NULL;
  if (PyModule_AddObjectRef(module, strchr(name, '.') + 1, (PyObject *)type) < 0) {
    Py_DECREF(type);
    return NULL;
  }
  return type;
}

int tpy_init(PyObject *module)
{
  if (add_error_classes(module) < 0)
    return -1;
  PyObject *decimal = PyImport_ImportModule("decimal");
  if (!decimal)
    return -1;
  decimal_type = PyObject_GetAttrString(decimal, "Decimal");
  Py_DECREF(decimal);
  PyObject *datetime = PyImport_ImportModule("datetime");
  if (!decimal_type || !datetime)
    return -1;
  date_type = PyObject_GetAttrString(datetime, "date");
  Py_DECREF(datetime);
  if (!date_type)
    return -1;
  point_type = new_value_type(module, "tertial.FollowupPoint", "A follow-up point of a calendar (a copy).",
                              point_fields);
  report_row_type = new_value_type(module, "tertial.ReportRow", "A report row of a mapping (a copy).",
                                   report_row_fields);
  line_type = new_value_type(module, "tertial.FollowupRow",
                             "One line of a follow-up table (a copy): amounts in öre, or Decimal kronor "
                             "when asked for; empty columns are None.",
                             line_fields);
  finding_type = new_value_type(module, "tertial.Finding", "One finding of the consistency checker (a copy).",
                                finding_fields);
  if (!point_type || !report_row_type || !line_type || !finding_type)
    return -1;
  return 0;
}

PyObject *tpy_set_enums(PyObject *mapping)
{
  if (!PyDict_Check(mapping)) {
    PyErr_SetString(PyExc_TypeError, "expected a dict of enum classes");
    return NULL;
  }
  Py_INCREF(mapping);
  Py_XSETREF(enum_types, mapping);
  Py_RETURN_NONE;
}

PyObject *tpy_enum(const char *name, long value)
{
  PyObject *cls = enum_types ? PyDict_GetItemString(enum_types, name) : NULL;
  if (cls) {
    PyObject *member = PyObject_CallFunction(cls, "l", value);
    if (member || !PyErr_ExceptionMatches(PyExc_ValueError))
      return member;
    PyErr_Clear(); /* a value this version of the bindings does not know: a plain int */
  }
  return PyLong_FromLong(value);
}

/* Money crossing rules. */
static PyObject *money_overflow(PyObject *amount)
{
  return raise_error(error_class(TERTIAL_ERR_OVERFLOW), TERTIAL_ERR_OVERFLOW,
                     PyUnicode_FromFormat("%R %s does not fit in int64 %s", amount, ORE, ORE));
}

static int long_to_ore(PyObject *number, int64_t *out)
{
  int overflow;
  long long v = PyLong_AsLongLongAndOverflow(number, &overflow);
  if (overflow) {
    money_overflow(number);
    return -1;
  }
  if (v == -1 && PyErr_Occurred())
    return -1;
  *out = (int64_t)v;
  return 0;
}

static int decimal_ratio_to_ore(PyObject *kronor, int64_t *out)
{
  int rc = -1;
  PyObject *hundred = NULL, *scaled = NULL, *qr = NULL;
  PyObject *ratio = PyObject_CallMethod(kronor, "as_integer_ratio", NULL);
  if (!ratio) {
    if (PyErr_ExceptionMatches(PyExc_ValueError) || PyErr_ExceptionMatches(PyExc_OverflowError)) {
      PyErr_Clear();
      PyErr_Format(PyExc_ValueError, "%R is not an amount", kronor); /* NaN, Infinity */
    }
    return -1;
  }
  hundred = PyLong_FromLong(100);
  if (!hundred || !(scaled = PyNumber_Multiply(PyTuple_GET_ITEM(ratio, 0), hundred)) ||
      !(qr = PyNumber_Divmod(scaled, PyTuple_GET_ITEM(ratio, 1))))
    goto done;
  int exact = PyObject_Not(PyTuple_GET_ITEM(qr, 1));
  if (exact == 1)
    rc = long_to_ore(PyTuple_GET_ITEM(qr, 0), out);
  else if (exact == 0)
    PyErr_Format(PyExc_ValueError, "%R kronor is not a whole number of %s", kronor, ORE);
done:
  Py_XDECREF(qr);
  Py_XDECREF(scaled);
  Py_XDECREF(hundred);
  Py_DECREF(ratio);
  return rc;
}

/* Decimal kronor to öre, exactly (no rounding, independent of the decimal context). The
 * usual plain notation ("-1243.50") goes through the library's parser; anything else
 * (exponents, sub-öre digits, NaN, out of range) through exact integer arithmetic, which
 * also produces the right exception. */
static int decimal_to_ore(PyObject *kronor, int64_t *out)
{
  PyObject *str = PyObject_Str(kronor);
  if (!str)
    return -1;
  const char *text = PyUnicode_AsUTF8(str);
  int parsed = text && tertial_money_parse(out, text, TERTIAL_MONEY_SIE) == 0;
  Py_DECREF(str);
  if (parsed)
    return 0;
  PyErr_Clear();
  tertial_error_clear();
  return decimal_ratio_to_ore(kronor, out);
}

int tpy_money_in(PyObject *obj, int64_t *out)
{
  if (PyLong_CheckExact(obj))
    return long_to_ore(obj, out);
  if (PyFloat_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "money is int %s or decimal.Decimal kronor, not float (%R is not exact)",
                 ORE, obj);
    return -1;
  }
  if (PyObject_TypeCheck(obj, (PyTypeObject *)decimal_type))
    return decimal_to_ore(obj, out);
  if (!PyBool_Check(obj) && PyIndex_Check(obj)) {
    PyObject *number = PyNumber_Index(obj);
    if (!number)
      return -1;
    int rc = long_to_ore(number, out);
    Py_DECREF(number);
    return rc;
  }
  PyErr_Format(PyExc_TypeError, "money is int %s or decimal.Decimal kronor, not %.200s", ORE,
               Py_TYPE(obj)->tp_name);
  return -1;
}

int tpy_id_in(PyObject *obj, uint32_t none_value, uint32_t *out)
{
  if (obj == Py_None) {
    *out = none_value;
    return 0;
  }
  PyObject *number = PyNumber_Index(obj);
  if (!number)
    return -1;
  unsigned long v = PyLong_AsUnsignedLong(number);
  Py_DECREF(number);
  if (v == (unsigned long)-1 && PyErr_Occurred())
    return -1;
  if (v > UINT32_MAX) {
    PyErr_Format(PyExc_OverflowError, "id %lu is out of range", v);
    return -1;
  }
  *out = (uint32_t)v;
  return 0;
}

int tpy_released(PyObject *obj)
{
  PyObject **dict = _PyObject_GetDictPtr(obj);
  if (!dict || !*dict || PyDict_GetItemString(*dict, "this"))
    return 0;
  return PyObject_HasAttrString((PyObject *)Py_TYPE(obj), "thisown"); /* a SWIG proxy class */
}

PyObject *tpy_centi_decimal(int64_t hundredths)
{
  char buf[32];
  uint64_t a = hundredths < 0 ? (uint64_t)0 - (uint64_t)hundredths : (uint64_t)hundredths;
  snprintf(buf, sizeof buf, "%s%" PRIu64 ".%02u", hundredths < 0 ? "-" : "", a / 100, (unsigned)(a % 100));
  return PyObject_CallFunction(decimal_type, "s", buf);
}

PyObject *tpy_ore(PyObject *amount)
{
  int64_t ore;
  if (tpy_money_in(amount, &ore) < 0)
    return NULL;
  return PyLong_FromLongLong(ore);
}

PyObject *tpy_kronor(PyObject *ore)
{
  if (!PyLong_Check(ore) || PyBool_Check(ore)) {
    PyErr_Format(PyExc_TypeError, "expected int %s, not %.200s", ORE, Py_TYPE(ore)->tp_name);
    return NULL;
  }
  int64_t v;
  if (long_to_ore(ore, &v) < 0)
    return NULL;
  return tpy_centi_decimal(v);
}

/* Values out. */
static PyObject *int_or_none(long v)
{
  if (v < 0)
    Py_RETURN_NONE;
  return PyLong_FromLong(v);
}

/* Fill a struct sequence from a Py_BuildValue format; steals nothing, returns a new reference. */
static PyObject *build_value(PyTypeObject *type, PyObject *items)
{
  if (!items)
    return NULL;
  PyObject *v = PyStructSequence_New(type);
  if (v)
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(items); i++) {
      PyObject *item = PyTuple_GET_ITEM(items, i);
      Py_INCREF(item);
      PyStructSequence_SetItem(v, i, item);
    }
  Py_DECREF(items);
  return v;
}

PyObject *tpy_unit_record(const tertial_unit *u)
{
  if (!u)
    Py_RETURN_NONE;
  return Py_BuildValue("(NNNi)", text(u->code), text(u->name), text(u->manager), u->level);
}

PyObject *tpy_account_record(const tertial_account *a)
{
  if (!a)
    Py_RETURN_NONE;
  return Py_BuildValue("(NNNN)", text(a->number), text(a->name), tpy_enum("AccountType", a->type),
                       PyBool_FromLong(a->internal));
}

PyObject *tpy_point(const tertial_followup_point *p)
{
  if (!p)
    Py_RETURN_NONE;
  return build_value(point_type, Py_BuildValue("(NNiii)", text(p->code), text(p->name), p->cutoff,
                                               p->deadline_months_after, p->deadline_day));
}

PyObject *tpy_report_row(const tertial_report_row *r)
{
  if (!r)
    Py_RETURN_NONE;
  return build_value(report_row_type, Py_BuildValue("(NNNNi)", text(r->code), text(r->label),
                                                    tpy_enum("RowKind", r->kind), int_or_none(r->parent),
                                                    r->depth));
}

static PyObject *column_value(const tertial_followup_line *l, int column, int kronor)
{
  if (!(l->present & (1u << column)))
    Py_RETURN_NONE;
  if (column == TERTIAL_COL_SHARE_USED || kronor)
    return tpy_centi_decimal(l->value[column]);
  return PyLong_FromLongLong(l->value[column]);
}

PyObject *tpy_line(const tertial_followup_line *l, int kronor)
{
  if (!l)
    Py_RETURN_NONE;
  return build_value(
      line_type,
      Py_BuildValue("(NNNkNNiNNNNNNNNiNN)", tpy_enum("LineKind", l->kind), text(l->code), text(l->label),
                    (unsigned long)l->unit, int_or_none(l->row),
                    l->row_kind < 0 ? Py_NewRef(Py_None) : tpy_enum("RowKind", l->row_kind), l->depth,
                    column_value(l, TERTIAL_COL_OUTCOME_ACC, kronor), column_value(l, TERTIAL_COL_BUDGET_ACC, kronor),
                    column_value(l, TERTIAL_COL_DEVIATION_ACC, kronor),
                    column_value(l, TERTIAL_COL_BUDGET_YEAR, kronor), column_value(l, TERTIAL_COL_SHARE_USED, kronor),
                    column_value(l, TERTIAL_COL_FORECAST, kronor),
                    column_value(l, TERTIAL_COL_FORECAST_DEVIATION, kronor),
                    column_value(l, TERTIAL_COL_PRIOR_YEAR, kronor), l->forecast_missing,
                    PyBool_FromLong(l->partial), int_or_none(l->parent_line)));
}

PyObject *tpy_finding(const tertial_finding *f)
{
  if (!f)
    Py_RETURN_NONE;
  return build_value(finding_type,
                     Py_BuildValue("(NNNNNLL)", tpy_enum("FindingKind", f->kind), tpy_enum("Severity", f->severity),
                                   text(f->unit_code), text(f->row_code),
                                   f->column < 0 ? Py_NewRef(Py_None) : tpy_enum("Column", f->column),
                                   (long long)f->expected, (long long)f->found));
}

PyObject *tpy_date(const tertial_date *d)
{
  return PyObject_CallFunction(date_type, "iii", d->year, d->month, d->day);
}

PyObject *tpy_followup_rows(const tertial_followup *table, int kronor)
{
  size_t n = tertial_followup_line_count(table);
  PyObject *list = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; list && i < n; i++) {
    PyObject *row = tpy_line(tertial_followup_line_at(table, i), kronor);
    if (!row)
      Py_CLEAR(list);
    else
      PyList_SET_ITEM(list, (Py_ssize_t)i, row);
  }
  return list;
}

PyObject *tpy_followup_value(const tertial_followup *table, size_t index, int column)
{
  const tertial_followup_line *line = tertial_followup_line_at(table, index);
  if (!line) {
    PyErr_Format(PyExc_IndexError, "line %zu is out of range", index);
    return NULL;
  }
  int64_t v;
  int rc = tertial_followup_value(&v, line, (tertial_column)column);
  if (rc < 0)
    return tpy_raise(rc);
  if (rc == 0)
    Py_RETURN_NONE;
  return PyLong_FromLongLong(v);
}

/*
 * Bulk load: rows (unit code, account number, month, measure, amount) added with
 * tertial_ledger_add_by_code(). All or nothing: on an error the rows added so far are
 * subtracted again, then the error is raised naming the row.
 */
typedef struct loader {
  tertial_ledger *ledger;
  PyObject *measure_name; /* cache: the last measure given by name (borrowed from a logged row) */
  int measure;
  PyObject **log;         /* rows added so far (as tuples or lists), for the roll-back */
  size_t n, cap;
} loader;

typedef struct load_row {
  const char *unit, *account;
  int month, measure;
  int64_t amount;
} load_row;

static int row_error(PyObject *cls, Py_ssize_t index, const char *what)
{
  PyErr_Format(cls, "row %zd: %s", index, what);
  return -1;
}

/* Re-raise the current exception with "row N: " in front of its message. */
static int prefix_row(Py_ssize_t index)
{
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  PyObject *code = value ? PyObject_GetAttrString(value, "code") : NULL;
  if (!code)
    PyErr_Clear();
  PyObject *msg = value ? PyUnicode_FromFormat("row %zd: %S", index, value) : NULL;
  if (msg && code && PyObject_IsSubclass(type, error_base) == 1) {
    long c = PyLong_AsLong(code);
    raise_error(type, (int)c, msg);
  } else if (msg) {
    PyErr_SetObject(type, msg);
    Py_DECREF(msg);
  } else {
    PyErr_Restore(type, value, tb);
    type = value = tb = NULL;
  }
  Py_XDECREF(code);
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
  return -1;
}

static int utf8_field(PyObject *item, const char **out, Py_ssize_t index, const char *what)
{
  if (!PyUnicode_Check(item))
    return row_error(PyExc_TypeError, index, what);
  *out = PyUnicode_AsUTF8(item);
  return *out ? 0 : prefix_row(index);
}

static int parse_row(loader *ld, PyObject *seq, Py_ssize_t index, load_row *r)
{
  if (PySequence_Fast_GET_SIZE(seq) != 5)
    return row_error(PyExc_ValueError, index, "expected (unit code, account number, month, measure, amount)");
  PyObject **item = PySequence_Fast_ITEMS(seq);
  if (utf8_field(item[0], &r->unit, index, "the unit code must be a str") < 0 ||
      utf8_field(item[1], &r->account, index, "the account number must be a str") < 0)
    return -1;
  if (!PyLong_Check(item[2]))
    return row_error(PyExc_TypeError, index, "the month must be an int (0..11 in the fiscal year)");
  long month = PyLong_AsLong(item[2]);
  if (month == -1 && PyErr_Occurred())
    return prefix_row(index);
  r->month = month < INT_MIN ? INT_MIN : month > INT_MAX ? INT_MAX : (int)month;
  if (PyLong_Check(item[3])) {
    long m = PyLong_AsLong(item[3]);
    if (m == -1 && PyErr_Occurred())
      return prefix_row(index);
    r->measure = m < INT_MIN ? INT_MIN : m > INT_MAX ? INT_MAX : (int)m;
  } else if (PyUnicode_Check(item[3])) {
    if (item[3] != ld->measure_name) {
      const char *name = PyUnicode_AsUTF8(item[3]);
      int rc = name ? tertial_ledger_find_measure(&ld->measure, ld->ledger, name) : 0;
      if (!name)
        return prefix_row(index);
      if (rc < 0) {
        tpy_raise(rc);
        return prefix_row(index);
      }
      ld->measure_name = item[3];
    }
    r->measure = ld->measure;
  } else {
    return row_error(PyExc_TypeError, index, "the measure must be an int id or a str name");
  }
  if (PyUnicode_Check(item[4])) {
    const char *s = PyUnicode_AsUTF8(item[4]);
    int rc = s ? tertial_money_parse(&r->amount, s, TERTIAL_MONEY_ANY) : 0;
    if (rc < 0)
      tpy_raise(rc);
    if (!s || rc < 0)
      return prefix_row(index);
  } else if (tpy_money_in(item[4], &r->amount) < 0) {
    return prefix_row(index);
  }
  return 0;
}

static void roll_back(loader *ld)
{
  load_row r;
  ld->measure_name = NULL;
  while (ld->n > 0) {
    PyObject *seq = ld->log[--ld->n];
    if (parse_row(ld, seq, 0, &r) == 0) { /* it parsed before, so it parses again */
      if (r.amount == INT64_MIN) {
        tertial_ledger_add_by_code(ld->ledger, r.unit, r.account, r.month, r.measure, INT64_MAX);
        r.amount = -1;
      }
      tertial_ledger_add_by_code(ld->ledger, r.unit, r.account, r.month, r.measure, -r.amount);
    }
    PyErr_Clear();
    Py_DECREF(seq);
  }
}

static int log_row(loader *ld, PyObject *seq)
{
  if (ld->n == ld->cap) {
    size_t cap = ld->cap ? 2 * ld->cap : 1024;
    PyObject **log = PyMem_Realloc(ld->log, cap * sizeof *log);
    if (!log) {
      PyErr_NoMemory();
      return -1;
    }
    ld->log = log;
    ld->cap = cap;
  }
  ld->log[ld->n++] = seq;
  return 0;
}

PyObject *tpy_ledger_load(tertial_ledger *ledger, PyObject *rows)
{
  loader ld = {ledger, NULL, 0, NULL, 0, 0};
  PyObject *it = PyObject_GetIter(rows);
  if (!it)
    return NULL;
  PyObject *row;
  int failed = 0;
  while (!failed && (row = PyIter_Next(it))) {
    Py_ssize_t index = (Py_ssize_t)ld.n;
    PyObject *seq = PySequence_Fast(row, "");
    Py_DECREF(row);
    load_row r;
    if (!seq) {
      PyErr_Clear();
      failed = row_error(PyExc_TypeError, index, "expected a tuple (unit code, account number, month, measure, amount)");
    } else if (parse_row(&ld, seq, index, &r) < 0) {
      failed = 1;
    } else {
      int rc = tertial_ledger_add_by_code(ledger, r.unit, r.account, r.month, r.measure, r.amount);
      if (rc < 0) {
        tpy_raise(rc);
        failed = prefix_row(index);
      } else {
        failed = log_row(&ld, seq) < 0;
        seq = failed ? seq : NULL;
      }
    }
    Py_XDECREF(seq);
  }
  Py_DECREF(it);
  size_t n = ld.n;
  if (failed || PyErr_Occurred()) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    roll_back(&ld);
    PyErr_Restore(type, value, tb);
  }
  for (size_t i = 0; i < ld.n; i++)
    Py_DECREF(ld.log[i]);
  PyMem_Free(ld.log);
  if (PyErr_Occurred())
    return NULL;
  return PyLong_FromSize_t(n);
}
