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
  {TERTIAL_ERR_CANCELLED, "CancelledError", NULL,
   "A caller's callback asked to stop, e.g. an SIE reader's progress callback (TERTIAL_ERR_CANCELLED)."},
  {TERTIAL_ERR_CONFLICT, "ConflictError", NULL,
   "Someone else changed the same data since it was read, e.g. another process saved the store "
   "(TERTIAL_ERR_CONFLICT)."},
  {TERTIAL_ERR_NOT_PERMITTED, "NotPermittedError", &PyExc_PermissionError,
   "The person's roles do not allow the change, or the follow-up point is locked (TERTIAL_ERR_NOT_PERMITTED)."},
};
#define N_ERROR_CLASSES (sizeof error_classes / sizeof error_classes[0])

static PyObject *error_base;                    /* TertialError */
static PyObject *error_class_of[N_ERROR_CLASSES]; /* parallel to error_classes */
static PyObject *decimal_type;                  /* decimal.Decimal */
static PyObject *date_type;                     /* datetime.date */
static PyObject *enum_types;                    /* {"LineKind": LineKind, ...} once registered */
static PyTypeObject *point_type, *level_deadline_type, *report_row_type, *line_type, *finding_type;
static PyTypeObject *holiday_type, *budget_version_type, *adjustment_type, *snapshot_entry_type,
    *snapshot_change_type, *accuracy_type, *accuracy_summary_type, *accrual_type, *adjusted_outcome_type,
    *deviation_type, *measure_type, *adherence_risk_type, *budget_compare_type;

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
  /* a Python exception already set (a callback's, e.g. SieOptions.progress) is the one to see */
  if (PyErr_Occurred())
    return NULL;
  return raise_error(error_class(code), code, text(message_of(code)));
}

PyObject *tpy_raise_message(int code, PyObject *message)
{
  return raise_error(error_class(code), code, message);
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
static PyStructSequence_Field level_deadline_fields[] = {
  {"level", "organisation level, 0 = the root"},
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

static PyStructSequence_Field holiday_fields[] = {
  {"date", "the date (datetime.date)"},
  {"id", "HolidayId: which day off"},
  {"name", "Swedish name, e.g. 'Annandag påsk'"},
  {"official", "True for a public holiday by law, False for a de facto day off (an eve)"},
  {NULL, NULL},
};
static PyStructSequence_Field budget_version_fields[] = {
  {"measure", "the ledger measure holding its amounts"},
  {"name", "the measure's name"},
  {"kind", "BudgetKind"},
  {"decided", "decision date (datetime.date), None when not known"},
  {"reason", "why ('' when none)"},
  {"decided_by", "who decided ('' when none)"},
  {"revises", "the measure this version was derived from, or None"},
  {"revised_by", "the first version derived from this one, or None"},
  {NULL, NULL},
};
static PyStructSequence_Field adjustment_fields[] = {
  {"unit", "unit id"},
  {"row_code", "a line row of the model's mapping"},
  {"amount", "öre, in the ledger's sign (more cost is positive)"},
  {"kind", "AdjustmentKind"},
  {"reason", "the explanation"},
  {NULL, NULL},
};
static PyStructSequence_Field snapshot_entry_fields[] = {
  {"unit", "unit id"},
  {"row_code", "line row code"},
  {"method", "ForecastMethod"},
  {"fallback", "ForecastFallback"},
  {"base", "the base method's figure (öre)"},
  {"adjustments", "known factors + measures taken (öre)"},
  {"planned", "planned measures, not in the forecast (öre)"},
  {"forecast", "base + adjustments (öre)"},
  {"outcome_to_date", "outcome up to the cut-off (öre)"},
  {"budget_year", "the annual budget it was compared with (öre)"},
  {NULL, NULL},
};
static PyStructSequence_Field snapshot_change_fields[] = {
  {"previous", "forecast at the earlier snapshot (öre)"},
  {"current", "forecast at the later snapshot (öre)"},
  {"change", "current - previous (for costs: positive is a worsening)"},
  {"new_outcome", "the part from the projection of new outcome"},
  {"changed_adjustments", "the part from changed adjustments"},
  {NULL, NULL},
};
static PyStructSequence_Field accuracy_fields[] = {
  {"forecast", "the frozen forecast (öre)"},
  {"actual", "the full-year outcome (öre)"},
  {"error", "forecast - actual (öre)"},
  {"ape", "absolute percentage error as a Decimal percent; None when the actual is 0"},
  {NULL, NULL},
};
static PyStructSequence_Field accuracy_summary_fields[] = {
  {"points", "number of snapshots"},
  {"bias", "mean error (öre)"},
  {"mean_abs_error", "mean absolute error (öre)"},
  {"mape_points", "points where the APE is defined"},
  {"mape", "mean APE as a Decimal percent; None when no point has one"},
  {NULL, NULL},
};
static PyStructSequence_Field accrual_fields[] = {
  {"unit", "unit id"},
  {"account", "account number"},
  {"month", "0..11 in the fiscal year"},
  {"amount", "öre, in the ledger's sign (expected revenue is negative)"},
  {"reason", "why"},
  {NULL, NULL},
};
static PyStructSequence_Field adjusted_outcome_fields[] = {
  {"booked", "Ack utfall (öre)"},
  {"accrued", "accruals up to the cut-off (öre)"},
  {"adjusted", "justerat utfall = booked + accrued (öre)"},
  {NULL, NULL},
};
static PyStructSequence_Field deviation_fields[] = {
  {"unit", "unit id"},
  {"unit_code", "unit code"},
  {"depth", "depth below the classified root"},
  {"forecast_deviation", "Årets budget - Årets prognos of the unit's subtree (öre)"},
  {"parent_deviation", "the same for its parent (0 for a root)"},
  {"verdict", "DeviationClass"},
  {NULL, NULL},
};
static PyStructSequence_Field measure_fields[] = {
  {"unit", "unit id"},
  {"row_code", "the line row its effect lands on"},
  {"description", "what is done"},
  {"cause", "the cause it addresses"},
  {"effect", "expected improvement of the result (öre, positive is better)"},
  {"consequence", "consequences for the activity"},
  {"due", "when it takes effect (datetime.date), or None"},
  {"status", "MeasureStatus"},
  {"follow_up", "the latest follow-up comment ('' if none)"},
  {"in_forecast", "True while it is in the forecast"},
  {"adjustment", "index of the forecast plan's adjustment it is, or None when not in the forecast"},
  {"goal", "the code of the goal it serves ('' if none)"},
  {"kind", "MeasureKind: for a deviation or efficiency"},
  {NULL, NULL},
};
static PyStructSequence_Field budget_compare_fields[] = {
  {"unit", "unit id (the totals are of its subtree)"},
  {"depth", "levels below the comparison's root"},
  {"row", "the report row's index in the model's mapping"},
  {"a", "version a's annual total (öre, ledger sign)"},
  {"b", "version b's annual total (öre)"},
  {"difference", "b - a (öre)"},
  {NULL, NULL},
};
static PyStructSequence_Field adherence_risk_fields[] = {
  {"cause", "orsak"},
  {"measures", "åtgärder för att nå ekonomisk balans"},
  {"expected_effect", "förväntad ekonomisk effekt (öre)"},
  {"consequences", "konsekvensbeskrivning"},
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
  level_deadline_type = new_value_type(module, "tertial.LevelDeadline",
                                       "A follow-up point's own deadline for one organisation level (a copy).",
                                       level_deadline_fields);
  report_row_type = new_value_type(module, "tertial.ReportRow", "A report row of a mapping (a copy).",
                                   report_row_fields);
  line_type = new_value_type(module, "tertial.FollowupRow",
                             "One line of a follow-up table (a copy): amounts in öre, or Decimal kronor "
                             "when asked for; empty columns are None.",
                             line_fields);
  finding_type = new_value_type(module, "tertial.Finding", "One finding of the consistency checker (a copy).",
                                finding_fields);
  if (!point_type || !level_deadline_type || !report_row_type || !line_type || !finding_type)
    return -1;
  static const struct {
    PyTypeObject **type;
    const char *name, *doc;
    PyStructSequence_Field *fields;
  } values[] = {
    {&holiday_type, "tertial.Holiday", "A day off of a year (a copy).", holiday_fields},
    {&budget_version_type, "tertial.BudgetVersion", "A budget version with its metadata (a copy).",
     budget_version_fields},
    {&adjustment_type, "tertial.Adjustment", "An adjustment of a forecast plan (a copy).", adjustment_fields},
    {&snapshot_entry_type, "tertial.SnapshotEntry", "One unit and line row of a snapshot (a copy).",
     snapshot_entry_fields},
    {&snapshot_change_type, "tertial.SnapshotChange", "The change of a subtree's forecast between two snapshots.",
     snapshot_change_fields},
    {&accuracy_type, "tertial.Accuracy", "Accuracy of one frozen forecast against the year's outcome.",
     accuracy_fields},
    {&accuracy_summary_type, "tertial.AccuracySummary", "Accuracy over every follow-up point of a year.",
     accuracy_summary_fields},
    {&accrual_type, "tertial.Accrual", "An accrual (a copy).", accrual_fields},
    {&adjusted_outcome_type, "tertial.AdjustedOutcome", "Booked, accrued and adjusted outcome of a subtree.",
     adjusted_outcome_fields},
    {&deviation_type, "tertial.Deviation", "One unit's verdict under the escalation rule (a copy).",
     deviation_fields},
    {&measure_type, "tertial.Measure", "A measure (åtgärd) (a copy).", measure_fields},
    {&adherence_risk_type, "tertial.AdherenceRisk", "A risk of a budget-adherence plan (a copy).",
     adherence_risk_fields},
    {&budget_compare_type, "tertial.BudgetCompareLine", "One unit and row of a comparison of two budget versions.",
     budget_compare_fields},
  };
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
    if (!(*values[i].type = new_value_type(module, values[i].name, values[i].doc, values[i].fields)))
      return -1;
  return tpy_init_edge(module);
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

PyObject *tpy_decimal(const char *text)
{
  return PyObject_CallFunction(decimal_type, "s", text);
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

PyObject *tpy_level_deadline(const tertial_level_deadline *d)
{
  if (!d)
    Py_RETURN_NONE;
  return build_value(level_deadline_type,
                     Py_BuildValue("(iii)", d->level, d->deadline_months_after, d->deadline_day));
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

PyObject *tpy_date_or_none(const tertial_date *d)
{
  if (d->year == 0 && d->month == 0 && d->day == 0)
    Py_RETURN_NONE;
  return tpy_date(d);
}

PyObject *tpy_text(const char *s)
{
  return text(s);
}

PyObject *tpy_months(const int64_t months[12])
{
  PyObject *list = PyList_New(12);
  for (Py_ssize_t i = 0; list && i < 12; i++) {
    PyObject *v = PyLong_FromLongLong(months[i]);
    if (!v)
      Py_CLEAR(list);
    else
      PyList_SET_ITEM(list, i, v);
  }
  return list;
}

/* A Decimal percent from hundredths of a percent, or None when not @p valid. */
static PyObject *percent_or_none(int valid, int64_t hundredths)
{
  if (!valid)
    Py_RETURN_NONE;
  return tpy_centi_decimal(hundredths);
}

PyObject *tpy_holiday(const tertial_holiday *h)
{
  return build_value(holiday_type, Py_BuildValue("(NNNN)", tpy_date(&h->date), tpy_enum("HolidayId", h->id),
                                                 text(h->name), PyBool_FromLong(h->official)));
}

PyObject *tpy_holiday_list(const tertial_holiday *h, size_t n)
{
  PyObject *list = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; list && i < n; i++) {
    PyObject *v = tpy_holiday(&h[i]);
    if (!v)
      Py_CLEAR(list);
    else
      PyList_SET_ITEM(list, (Py_ssize_t)i, v);
  }
  return list;
}

PyObject *tpy_budget_version(const tertial_budget_version *v)
{
  return build_value(budget_version_type,
                     Py_BuildValue("(iNNNNNNN)", v->measure, text(v->name), tpy_enum("BudgetKind", v->kind),
                                   tpy_date_or_none(&v->decided), text(v->reason), text(v->decided_by),
                                   int_or_none(v->revises), int_or_none(v->revised_by)));
}

PyObject *tpy_adjustment(const tertial_adjustment *a)
{
  if (!a)
    Py_RETURN_NONE;
  return build_value(adjustment_type, Py_BuildValue("(kNLNN)", (unsigned long)a->unit, text(a->row_code),
                                                    (long long)a->amount, tpy_enum("AdjustmentKind", a->kind),
                                                    text(a->reason)));
}

PyObject *tpy_snapshot_entry(const tertial_snapshot_entry *e)
{
  if (!e)
    Py_RETURN_NONE;
  return build_value(snapshot_entry_type,
                     Py_BuildValue("(kNNNLLLLLL)", (unsigned long)e->unit, text(e->row_code),
                                   tpy_enum("ForecastMethod", e->method), tpy_enum("ForecastFallback", e->fallback),
                                   (long long)e->base, (long long)e->adjustments, (long long)e->planned,
                                   (long long)e->forecast, (long long)e->outcome_to_date,
                                   (long long)e->budget_year));
}

PyObject *tpy_snapshot_change(const tertial_snapshot_change *c)
{
  return build_value(snapshot_change_type,
                     Py_BuildValue("(LLLLL)", (long long)c->previous, (long long)c->current, (long long)c->change,
                                   (long long)c->new_outcome, (long long)c->changed_adjustments));
}

PyObject *tpy_accuracy(const tertial_accuracy *a)
{
  return build_value(accuracy_type, Py_BuildValue("(LLLN)", (long long)a->forecast, (long long)a->actual,
                                                  (long long)a->error, percent_or_none(a->ape_valid, a->ape)));
}

PyObject *tpy_accuracy_summary(const tertial_accuracy_summary *s)
{
  return build_value(accuracy_summary_type,
                     Py_BuildValue("(nLLnN)", (Py_ssize_t)s->points, (long long)s->bias,
                                   (long long)s->mean_abs_error, (Py_ssize_t)s->mape_points,
                                   percent_or_none(s->mape_points > 0, s->mape)));
}

PyObject *tpy_accrual(const tertial_accrual *a)
{
  if (!a)
    Py_RETURN_NONE;
  return build_value(accrual_type, Py_BuildValue("(kNiLN)", (unsigned long)a->unit, text(a->account), a->month,
                                                 (long long)a->amount, text(a->reason)));
}

PyObject *tpy_adjusted_outcome(const tertial_adjusted_outcome *o)
{
  return build_value(adjusted_outcome_type,
                     Py_BuildValue("(LLL)", (long long)o->booked, (long long)o->accrued, (long long)o->adjusted));
}

PyObject *tpy_deviation(const tertial_deviation *d)
{
  if (!d)
    Py_RETURN_NONE;
  return build_value(deviation_type, Py_BuildValue("(kNiLLN)", (unsigned long)d->unit, text(d->unit_code), d->depth,
                                                   (long long)d->forecast_deviation, (long long)d->parent_deviation,
                                                   tpy_enum("DeviationClass", d->verdict)));
}

PyObject *tpy_measure(const tertial_measure *m)
{
  if (!m)
    Py_RETURN_NONE;
  return build_value(measure_type,
                     Py_BuildValue("(kNNNLNNNNNNNN)", (unsigned long)m->unit, text(m->row_code), text(m->description),
                                   text(m->cause), (long long)m->effect, text(m->consequence),
                                   tpy_date_or_none(&m->due), tpy_enum("MeasureStatus", m->status),
                                   text(m->follow_up), PyBool_FromLong(m->in_forecast),
                                   m->adjustment < 0 ? (Py_INCREF(Py_None), Py_None) : PyLong_FromLong(m->adjustment),
                                   text(m->goal), tpy_enum("MeasureKind", m->kind)));
}

PyObject *tpy_budget_compare_line(const tertial_budget_compare_line *x)
{
  if (!x)
    Py_RETURN_NONE;
  return build_value(budget_compare_type, Py_BuildValue("(kiiLLL)", (unsigned long)x->unit, x->depth, x->row,
                                                        (long long)x->a, (long long)x->b, (long long)x->difference));
}

PyObject *tpy_adherence_risk(const tertial_adherence_risk *r)
{
  if (!r)
    Py_RETURN_NONE;
  return build_value(adherence_risk_type, Py_BuildValue("(NNLN)", text(r->cause), text(r->measures),
                                                        (long long)r->expected_effect, text(r->consequences)));
}

/* Values in. */
static int int_attr(PyObject *obj, const char *name, int *out)
{
  PyObject *v = PyObject_GetAttrString(obj, name);
  if (!v)
    return -1;
  long x = -1;
  if (PyFloat_Check(v) || !PyIndex_Check(v))
    PyErr_Format(PyExc_TypeError, "%s must be an int, not %.200s", name, Py_TYPE(v)->tp_name);
  else
    x = PyLong_AsLong(v);
  Py_DECREF(v);
  if (x == -1 && PyErr_Occurred())
    return -1;
  if (x < INT_MIN || x > INT_MAX) {
    PyErr_Format(PyExc_OverflowError, "%s is out of range", name);
    return -1;
  }
  *out = (int)x;
  return 0;
}

int tpy_date_in(PyObject *obj, int allow_none, tertial_date *out)
{
  if (obj == Py_None && allow_none) {
    *out = (tertial_date){0, 0, 0};
    return 0;
  }
  if (obj == Py_None || !PyObject_HasAttrString(obj, "year") || !PyObject_HasAttrString(obj, "month") ||
      !PyObject_HasAttrString(obj, "day")) {
    PyErr_Format(PyExc_TypeError, "expected a datetime.date%s, not %.200s", allow_none ? " or None" : "",
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  tertial_date d;
  if (int_attr(obj, "year", &d.year) < 0 || int_attr(obj, "month", &d.month) < 0 ||
      int_attr(obj, "day", &d.day) < 0)
    return -1;
  /* Anything with year, month and day gets here (not only datetime.date), and the library stores
   * some dates as given (a snapshot's taken_on): only a calendar date of the library's years
   * passes. tertial_days_in_month() checks the year and the month and sets the error. */
  int days = 0;
  if (tertial_days_in_month(&days, d.year, d.month) < 0) {
    int code = tertial_error_last_code();
    raise_error(error_class(code), code,
                PyUnicode_FromFormat("%d-%02d-%02d is not a date: %s", d.year, d.month, d.day, tertial_error_last()));
    return -1;
  }
  if (d.day < 1 || d.day > days) {
    raise_error(error_class(TERTIAL_ERR_RANGE), TERTIAL_ERR_RANGE,
                PyUnicode_FromFormat("%d-%02d-%02d is not a date: %d-%02d has %d days", d.year, d.month, d.day, d.year,
                                     d.month, days));
    return -1;
  }
  *out = d;
  return 0;
}

int tpy_months_in(PyObject *obj, int money, const char *what, int64_t out[12])
{
  if (PyUnicode_Check(obj) || PyBytes_Check(obj) || !PySequence_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "%s: expected a sequence of twelve %s, not %.200s", what,
                 money ? "amounts" : "integer weights", Py_TYPE(obj)->tp_name);
    return -1;
  }
  PyObject *seq = PySequence_Fast(obj, "expected a sequence");
  if (!seq)
    return -1;
  int rc = 0;
  if (PySequence_Fast_GET_SIZE(seq) != 12) {
    PyErr_Format(PyExc_ValueError, "%s: expected twelve months, got %zd", what, PySequence_Fast_GET_SIZE(seq));
    rc = -1;
  }
  for (Py_ssize_t i = 0; rc == 0 && i < 12; i++) {
    PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
    if (money) {
      rc = tpy_money_in(item, &out[i]);
    } else if (PyFloat_Check(item) || PyBool_Check(item) || !PyIndex_Check(item)) {
      PyErr_Format(PyExc_TypeError, "%s: a weight is an int, not %.200s", what, Py_TYPE(item)->tp_name);
      rc = -1;
    } else {
      PyObject *number = PyNumber_Index(item);
      rc = number ? long_to_ore(number, &out[i]) : -1;
      Py_XDECREF(number);
    }
  }
  Py_DECREF(seq);
  return rc;
}

/* Attribute @p name of @p obj as twelve amounts. */
static int months_attr(PyObject *obj, const char *name, int64_t out[12])
{
  PyObject *v = PyObject_GetAttrString(obj, name);
  if (!v)
    return -1;
  int rc = tpy_months_in(v, 1, name, out);
  Py_DECREF(v);
  return rc;
}

static int money_attr(PyObject *obj, const char *name, int64_t *out)
{
  PyObject *v = PyObject_GetAttrString(obj, name);
  if (!v)
    return -1;
  int rc = tpy_money_in(v, out);
  Py_DECREF(v);
  return rc;
}

int tpy_forecast_input_in(PyObject *obj, tertial_forecast_input *out)
{
  tertial_forecast_input in = TERTIAL_FORECAST_INPUT_INIT;
  if (months_attr(obj, "outcome", in.outcome) < 0 || months_attr(obj, "budget", in.budget) < 0 ||
      months_attr(obj, "prior", in.prior) < 0 || int_attr(obj, "cutoff", &in.cutoff) < 0 ||
      int_attr(obj, "run_rate_months", &in.run_rate_months) < 0 || money_attr(obj, "manual", &in.manual) < 0 ||
      money_attr(obj, "driver_remaining", &in.driver_remaining) < 0)
    return -1;
  *out = in;
  return 0;
}

/* Attribute @p name: None gives NULL, a str its UTF-8 (kept alive by *keep, a new reference). */
static int text_attr(PyObject *obj, const char *name, const char **out, PyObject **keep)
{
  PyObject *v = PyObject_GetAttrString(obj, name);
  if (!v)
    return -1;
  if (v == Py_None) {
    Py_DECREF(v);
    *out = NULL;
    return 0;
  }
  if (!PyUnicode_Check(v)) {
    PyErr_Format(PyExc_TypeError, "%s must be a str or None, not %.200s", name, Py_TYPE(v)->tp_name);
    Py_DECREF(v);
    return -1;
  }
  *out = PyUnicode_AsUTF8(v);
  if (!*out) {
    Py_DECREF(v);
    return -1;
  }
  *keep = v;
  return 0;
}

int tpy_budget_options_in(PyObject *obj, tertial_budget_options *out, PyObject **keep)
{
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  int kind = 0;
  PyObject *decided = NULL;
  if (int_attr(obj, "kind", &kind) < 0 || !(decided = PyObject_GetAttrString(obj, "decided")))
    return -1;
  int rc = tpy_date_in(decided, 1, &o.decided);
  Py_DECREF(decided);
  if (rc < 0 || text_attr(obj, "reason", &o.reason, &keep[0]) < 0 ||
      text_attr(obj, "decided_by", &o.decided_by, &keep[1]) < 0)
    return -1;
  o.kind = (tertial_budget_kind)kind;
  *out = o;
  return 0;
}

void tpy_release(PyObject *obj)
{
  PyObject **dict = _PyObject_GetDictPtr(obj);
  if (dict && *dict && PyDict_GetItemString(*dict, "this") && PyDict_DelItemString(*dict, "this") < 0)
    PyErr_Clear();
}

/* The calls in progress (tpy_use_begin()), latest first. */
static tpy_use *uses;

void tpy_use_begin(tpy_use *use, PyObject *arg, PyObject *held, const char *call)
{
  Py_INCREF(held);
  *use = (tpy_use){arg, held, call, PyThread_get_thread_ident(), NULL, uses};
  if (uses)
    uses->prev = use;
  uses = use;
}

void tpy_use_end(tpy_use *use)
{
  PyObject *held = use->held;
  if (!held)
    return;
  if (use->prev)
    use->prev->next = use->next;
  else
    uses = use->next;
  if (use->next)
    use->next->prev = use->prev;
  use->held = NULL;
  Py_DECREF(held); /* the last reference when the object was released during the call */
}

const tpy_use *tpy_use_of_call(const tpy_use *after, const char *call)
{
  unsigned long thread = PyThread_get_thread_ident();
  const tpy_use *u = after ? after->next : uses;
  /* other threads' calls interleave; this thread's innermost call is its latest entries */
  while (u && u->thread != thread)
    u = u->next;
  return u && strcmp(u->call, call) == 0 ? u : NULL;
}

PyObject *tpy_calls_in_progress(void)
{
  PyObject *list = PyList_New(0);
  for (const tpy_use *u = uses; list && u; u = u->next) {
    PyObject *item = Py_BuildValue("(OOs)", u->arg, u->held, u->call);
    if (!item || PyList_Append(list, item) < 0)
      Py_CLEAR(list);
    Py_XDECREF(item);
  }
  return list;
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

/* A table of int64 amounts in: a buffer of native 8-byte integers (array('q'), a NumPy int64
 * array of any shape, memoryview.cast('q')) is read in place when it is C-contiguous (it stays
 * exported until int64_table_release()), else copied in C order; anything else is a sequence
 * read by the money rules. A copy is in `copy`. */
typedef struct int64_table {
  const int64_t *data;
  size_t n;
  Py_buffer view; /* view.obj set: the buffer read in place */
  int64_t *copy;
} int64_table;

static int is_int64_format(const char *format, Py_ssize_t itemsize)
{
  if (itemsize != 8 || !format)
    return 0;
  if (*format == '@' || *format == '=' || *format == (PY_LITTLE_ENDIAN ? '<' : '>'))
    format++;
  return (format[0] == 'q' || format[0] == 'l') && format[1] == '\0';
}

static void int64_table_release(int64_table *t)
{
  if (t->view.obj)
    PyBuffer_Release(&t->view);
  PyMem_Free(t->copy);
  t->copy = NULL;
}

static int int64_table_in(PyObject *obj, const char *what, int64_table *t)
{
  memset(t, 0, sizeof *t);
  if (PyUnicode_Check(obj) || PyBytes_Check(obj) || PyByteArray_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "%s: expected a sequence of amounts or an int64 buffer, not %.200s", what,
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  if (PyObject_CheckBuffer(obj)) {
    if (PyObject_GetBuffer(obj, &t->view, PyBUF_FULL_RO) < 0)
      return -1;
    if (is_int64_format(t->view.format, t->view.itemsize)) {
      t->n = (size_t)(t->view.len / 8);
      if (PyBuffer_IsContiguous(&t->view, 'C')) {
        t->data = t->view.buf;
        return 0;
      }
      t->copy = PyMem_Malloc(t->view.len > 0 ? (size_t)t->view.len : 1);
      int rc = t->copy ? PyBuffer_ToContiguous(t->copy, &t->view, t->view.len, 'C') : -1;
      if (!t->copy)
        PyErr_NoMemory();
      PyBuffer_Release(&t->view);
      if (rc < 0) {
        int64_table_release(t);
        return -1;
      }
      t->data = t->copy;
      return 0;
    }
    PyBuffer_Release(&t->view); /* another item type: its items as a sequence */
  }
  PyObject *seq = PySequence_Fast(obj, "");
  if (!seq) {
    PyErr_Format(PyExc_TypeError, "%s: expected a sequence of amounts or an int64 buffer, not %.200s", what,
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  t->copy = PyMem_Malloc(n > 0 ? (size_t)n * sizeof *t->copy : 1);
  int rc = 0;
  if (!t->copy) {
    PyErr_NoMemory();
    rc = -1;
  }
  for (Py_ssize_t i = 0; rc == 0 && i < n; i++)
    rc = tpy_money_in(PySequence_Fast_GET_ITEM(seq, i), &t->copy[i]);
  Py_DECREF(seq);
  if (rc < 0) {
    int64_table_release(t);
    return -1;
  }
  t->data = t->copy;
  t->n = (size_t)n;
  return 0;
}

PyObject *tpy_backtest_best_table(PyObject *past, size_t nseries, size_t nyears, int threads)
{
  int64_table t;
  if (int64_table_in(past, "past", &t) < 0)
    return NULL;
  size_t want, nout;
  int *methods = NULL;
  int64_t *errors = NULL;
  PyObject *method_list = NULL, *error_list = NULL, *result = NULL;
  PyObject *members[8] = {NULL}; /* ForecastMethod members, made once */
  if (__builtin_mul_overflow(nseries, nyears, &want) || __builtin_mul_overflow(want, (size_t)36, &want) ||
      want != t.n) {
    PyErr_Format(PyExc_ValueError, "past: expected nseries x nyears x 36 = %zu x %zu x 36 amounts, got %zu", nseries,
                 nyears, t.n);
    goto done;
  }
  if (__builtin_mul_overflow(nseries, (size_t)12, &nout) || nout > (size_t)PY_SSIZE_T_MAX) {
    PyErr_NoMemory();
    goto done;
  }
  methods = PyMem_Malloc(nout ? nout * sizeof *methods : 1);
  errors = PyMem_Malloc(nout ? nout * sizeof *errors : 1);
  if (!methods || !errors) {
    PyErr_NoMemory();
    goto done;
  }
  static const int64_t no_amounts[1];
  const int64_t *data = t.data ? t.data : no_amounts;
  int rc;
  /* the library reads only the table and writes only the two arrays: other Python threads may run */
  Py_BEGIN_ALLOW_THREADS
  rc = tertial_backtest_best_table(methods, errors, data, nseries, nyears, threads);
  Py_END_ALLOW_THREADS
  if (rc < 0) {
    tpy_raise(rc);
    goto done;
  }
  method_list = PyList_New((Py_ssize_t)nout);
  error_list = PyList_New((Py_ssize_t)nout);
  for (size_t i = 0; method_list && error_list && i < nout; i++) {
    int m = methods[i];
    PyObject *member;
    if (m >= 0 && m < 8) {
      if (!members[m])
        members[m] = tpy_enum("ForecastMethod", m);
      member = members[m];
      Py_XINCREF(member);
    } else {
      member = tpy_enum("ForecastMethod", m);
    }
    PyObject *error = PyLong_FromLongLong(errors[i]);
    if (!member || !error) {
      Py_XDECREF(member);
      Py_XDECREF(error);
      goto done;
    }
    PyList_SET_ITEM(method_list, (Py_ssize_t)i, member);
    PyList_SET_ITEM(error_list, (Py_ssize_t)i, error);
  }
  if (method_list && error_list)
    result = PyTuple_Pack(2, method_list, error_list);
done:
  for (int m = 0; m < 8; m++)
    Py_XDECREF(members[m]);
  Py_XDECREF(method_list);
  Py_XDECREF(error_list);
  PyMem_Free(methods);
  PyMem_Free(errors);
  int64_table_release(&t);
  return result;
}

/* Shared with pyglue_edge.c. */
PyTypeObject *tpy_new_value_type(PyObject *module, const char *name, const char *doc, PyStructSequence_Field *fields)
{
  return new_value_type(module, name, doc, fields);
}

PyObject *tpy_build_value(PyTypeObject *type, PyObject *items)
{
  return build_value(type, items);
}

PyObject *tpy_int_or_none(long v)
{
  return int_or_none(v);
}

int tpy_int_attr(PyObject *obj, const char *name, int *out)
{
  return int_attr(obj, name, out);
}

int tpy_money_attr(PyObject *obj, const char *name, int64_t *out)
{
  return money_attr(obj, name, out);
}

int tpy_text_attr(PyObject *obj, const char *name, const char **out, tpy_keep *keep)
{
  if (keep->n >= TPY_KEEP_MAX) {
    PyErr_SetString(PyExc_SystemError, "tpy_keep is full");
    return -1;
  }
  return text_attr(obj, name, out, &keep->items[keep->n++]);
}

void tpy_keep_release(tpy_keep *keep)
{
  for (int i = 0; i < keep->n; i++)
    Py_CLEAR(keep->items[i]);
  keep->n = 0;
}

/* For the column loader (pyglue_columns.c): "row N: " in front of the current exception. */
int tpy_prefix_row(Py_ssize_t index)
{
  return prefix_row(index);
}
