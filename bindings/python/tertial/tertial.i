/*
 * SWIG interface of the Python bindings: the module tertial.core (C part tertial._tertial).
 *
 * The layer is thin. Every function of the wrapped headers is wrapped 1:1 as a module
 * function without the tertial_ prefix (tertial_org_add_unit -> core.org_add_unit), with the
 * header's Doxygen text as its docstring (swig -doxygen). Typemaps make that 1:1 function
 * Pythonic: out-parameters become return values (so `org` becomes the first argument),
 * negative error codes raise the exception class of the code with tertial_error_last(),
 * money crosses as int öre or decimal.Decimal kronor. The classes at the end then take those
 * functions as their methods (Org.add_unit is org_add_unit), and add iteration, context
 * managers and __repr__. Objects taken from another object keep it alive by reference.
 *
 * Objects borrowed from a model (forecast plan, snapshots, adherence plans) are classes without a
 * destructor; option structs holding strings, dates or month arrays are Python classes that
 * typemaps read. The C helpers (exceptions, value types, money, bulk paths) are in pyglue.c.
 */
%define TERTIAL_MODULE_DOC
"Tertial: budget follow-up for Swedish municipalities (Python bindings of libtertial).

Money is int öre, or decimal.Decimal kronor on the way in; floats are refused.
See bindings/python/README.md."
%enddef
%module(package="tertial", docstring=TERTIAL_MODULE_DOC) core

%{
#include <stdlib.h>
#include <tertial/tertial.h>
#include "pyglue.h"

/* The Model's destructor (with the round's clock, below). */
static void tpy_model_free(tertial_model *model);

/* Units and accounts that remember where they came from: pythonic.py's Unit and Account. */
static PyObject *tpy_unit_class, *tpy_account_class;

static PyObject *tpy_set_id_classes(PyObject *unit, PyObject *account)
{
  if (!PyType_Check(unit) || !PyType_Check(account)) {
    PyErr_SetString(PyExc_TypeError, "expected the Unit and Account classes");
    return NULL;
  }
  Py_INCREF(unit);
  Py_XSETREF(tpy_unit_class, unit);
  Py_INCREF(account);
  Py_XSETREF(tpy_account_class, account);
  Py_RETURN_NONE;
}

/* The organisation (the chart when @p chart) an object works on: an Org (a Chart) itself, a
 * Model's, or that of what the object keeps alive (_parent, _org, _model: a ledger, a forecast
 * plan, the model's key set, a snapshot, a table); *model is the Model it belongs to, if any. NULL
 * for an object tied to none (a KeySet of its own). */
static void *tpy_scope_of(PyObject *obj, int chart, tertial_model **model, int depth)
{
  static const char *const kept[] = {"_parent", "_org", "_model"};
  void *p = NULL;
  if (!obj || obj == Py_None || depth > 8)
    return NULL;
  if (PyTuple_Check(obj)) /* Ledger(org, chart, fiscal_year) keeps (org, chart) */
    return PyTuple_GET_SIZE(obj) == 2 ? tpy_scope_of(PyTuple_GET_ITEM(obj, chart), chart, model, depth + 1) : NULL;
  if (SWIG_IsOK(SWIG_ConvertPtr(obj, &p, SWIGTYPE_p_tertial_model, 0)) && p) {
    *model = (tertial_model *)p;
    return chart ? (void *)tertial_model_chart(*model) : (void *)tertial_model_org(*model);
  }
  void *own = NULL;
  if (!SWIG_IsOK(SWIG_ConvertPtr(obj, &own, chart ? SWIGTYPE_p_tertial_chart : SWIGTYPE_p_tertial_org, 0)))
    own = NULL;
  PyObject **dict = _PyObject_GetDictPtr(obj);
  tertial_model *m = NULL;
  for (size_t i = 0; dict && *dict && !p && i < sizeof kept / sizeof kept[0]; i++)
    p = tpy_scope_of(PyDict_GetItemString(*dict, kept[i]), chart, &m, depth + 1);
  if (own && p != own)
    return own; /* an organisation (chart) of its own */
  *model = m;
  return p;
}

static PyObject *tpy_scope_name(void *scope, tertial_model *model, int chart)
{
  char label[64] = "";
  if (!model)
    return PyUnicode_FromFormat("%s %p", chart ? "Chart" : "Org", scope);
  tertial_fiscal_year_label(label, sizeof label, tertial_model_fiscal_year(model));
  return PyUnicode_FromFormat("Model %s (%p)", label, (void *)model);
}

/* A Unit (an Account) argument must be of the organisation (the chart) the call works on, that
 * of its handle arguments, or name the same unit there (same id and code): its id alone would
 * name whatever unit has that id there. */
static int tpy_id_owner_check(PyObject *input, uint32_t id, int chart, const char *call)
{
  PyObject *cls = chart ? tpy_account_class : tpy_unit_class;
  if (!cls || !PyObject_TypeCheck(input, (PyTypeObject *)cls))
    return 0;
  PyObject *from = PyObject_GetAttrString(input, chart ? "chart" : "org");
  if (!from)
    return -1;
  tertial_model *have_model = NULL, *want_model = NULL;
  void *have = tpy_scope_of(from, chart, &have_model, 0);
  Py_DECREF(from);
  void *want = NULL;
  for (const tpy_use *u = tpy_use_of_call(NULL, call); u && !want; u = tpy_use_of_call(u, call))
    want = tpy_scope_of(u->arg, chart, &want_model, 0);
  if (!have || !want || have == want)
    return 0;
  const char *code = NULL, *name = NULL, *there = NULL;
  if (chart) {
    const tertial_account *a = tertial_chart_account((const tertial_chart *)have, id);
    const tertial_account *b = tertial_chart_account((const tertial_chart *)want, id);
    if (a)
      code = a->number, name = a->name;
    if (b)
      there = b->number;
  } else {
    const tertial_unit *a = tertial_org_unit((const tertial_org *)have, id);
    const tertial_unit *b = tertial_org_unit((const tertial_org *)want, id);
    if (a)
      code = a->code, name = a->name;
    if (b)
      there = b->code;
  }
  /* A copy of the organisation (a model loaded from a store or an SIE file with the same tree)
   * has the unit under the same id and code: the same unit, not a wrong one. */
  if (code && there && strcmp(code, there) == 0)
    return 0;
  PyObject *owner = tpy_scope_name(have, have_model, chart), *target = tpy_scope_name(want, want_model, chart);
  PyObject *text = PyUnicode_FromFormat("%s %s \"%s\"", chart ? "account" : "unit", code ? code : "?", name ? name : "");
  PyObject *message = owner && target && text
    ? PyUnicode_FromFormat("%U belongs to %U, not to %U that %s() works on; take the %s from that one",
                           text, owner, target, call, chart ? "account" : "unit")
    : NULL;
  Py_XDECREF(owner);
  Py_XDECREF(target);
  Py_XDECREF(text);
  tpy_raise_message(TERTIAL_ERR_INVALID, message);
  return -1;
}
%}

%init %{
  if (tpy_init(m) < 0)
    return NULL;
%}

%include <stdint.i>

/* SWIG's preprocessor knows no <stdint.h> macros. */
#define INT64_C(c) c ## LL
#define UINT64_C(c) c ## ULL

/* tertial_org_add_unit -> org_add_unit, TERTIAL_COL_OUTCOME_ACC -> COL_OUTCOME_ACC. */
%rename("%(regex:/^(tertial|TERTIAL)_(.*)$/\\2/)s") "";
/* Enums of sie.h share the prefix TERTIAL_SIE_, and tertial_report_type shares TERTIAL_REPORT_
 * with macros: their constants get a prefix of their own (TERTIAL_SIE_TRANS -> SIE_LABEL_TRANS,
 * TERTIAL_SIE_BAD_LINE -> SIE_PROBLEM_BAD_LINE, TERTIAL_REPORT_AMOUNT -> REPORT_TYPE_AMOUNT), so
 * pythonic.py makes each IntEnum from one prefix. */
%rename("%(regex:/^TERTIAL_SIE_(.*)$/SIE_LABEL_\\1/)s", %$isenumitem, match$parentNode$name="tertial_sie_label") "";
%rename("%(regex:/^TERTIAL_SIE_(.*)$/SIE_MODE_\\1/)s", %$isenumitem, match$parentNode$name="tertial_sie_mode") "";
%rename("%(regex:/^TERTIAL_SIE_(.*)$/SIE_PROBLEM_\\1/)s", %$isenumitem, match$parentNode$name="tertial_sie_problem") "";
%rename("%(regex:/^TERTIAL_SIE_(.*)$/SIE_ACTION_\\1/)s", %$isenumitem, match$parentNode$name="tertial_sie_action") "";
%rename("%(regex:/^TERTIAL_REPORT_(.*)$/REPORT_TYPE_\\1/)s", %$isenumitem, match$parentNode$name="tertial_report_type") "";

/* Return values */

/* An int return is a status: 0 (or a length) on success, a negative error code raises. */
%typemap(out) int {
  if ($1 < 0) {
    tpy_raise($1);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}
/* The int returns that are values. */
%typemap(out) int tertial_calendar_start_month, int tertial_model_current_budget,
              int tertial_followup_cutoff, int tertial_followup_cutoff_period,
              int tertial_error_last_code "$result = PyLong_FromLong($1);"
/* Fields of the value structs (FiscalYear, FollowupOptions, TextOptions). */
%typemap(out) int first_year, int start_month, int budget_measure, int skip_empty, int max_depth,
              int decimals, int sum_preserving, int english, int label_width "$result = PyLong_FromLong($1);"
%typemap(out) int tertial_rowmap_result_row "$result = $1 < 0 ? SWIG_Py_Void() : PyLong_FromLong($1);"
%typemap(out) int tertial_snapshot_cutoff, int tertial_forecast_threads,
              int tertial_forecast_cutoff "$result = PyLong_FromLong($1);"
%typemap(out) int tertial_report_cutoff, int tertial_report_cutoff_period, int tertial_report_depth,
              int tertial_store_schema_version "$result = PyLong_FromLong($1);"
%typemap(out) int tertial_report_english "$result = PyBool_FromLong($1);"
%typemap(out) int tertial_presentation_unit, int tertial_presentation_decimals
  "$result = $1 < 0 ? SWIG_Py_Void() : PyLong_FromLong($1);"
/* Presentation.columns: a sequence of str (borrowed for the call). */
%typemap(in) (const char *const *keys, size_t n) (PyObject *seq = NULL, const char **arr = NULL) {
  seq = PySequence_Fast($input, "columns: expected a sequence of column keys (str)");
  if (!seq)
    SWIG_fail;
  Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
  arr = malloc((size_t)(len + 1) * sizeof *arr);
  if (!arr) {
    PyErr_NoMemory();
    SWIG_fail;
  }
  for (Py_ssize_t i = 0; i < len; i++) {
    PyObject *key = PySequence_Fast_GET_ITEM(seq, i);
    if (!PyUnicode_Check(key)) {
      PyErr_Format(PyExc_TypeError, "columns: expected str, not %.200s", Py_TYPE(key)->tp_name);
      SWIG_fail;
    }
    if (!(arr[i] = PyUnicode_AsUTF8(key)))
      SWIG_fail;
  }
  $1 = ($1_ltype)arr;
  $2 = (size_t)len;
}
%typemap(freearg) (const char *const *keys, size_t n) {
  free(arr$argnum);
  Py_XDECREF(seq$argnum);
}
/* Fields of CsvOptions and JsonOptions. */
%typemap(out) int bom, int guard_formulas, int children, int pretty "$result = PyLong_FromLong($1);"
%typemap(out) int tertial_accrual_measure "$result = $1 < 0 ? SWIG_Py_Void() : PyLong_FromLong($1);"
/* Fields of DemoOptions. */
%typemap(out) int year, int outcome_months "$result = PyLong_FromLong($1);"
%typemap(out) int tertial_store_year_count {
  if ($1 < 0) {
    tpy_raise($1);
    SWIG_fail;
  }
  $result = PyLong_FromLong($1);
}
%typemap(out) int tertial_org_is_within, int tertial_working_day_is, int tertial_key_falls_back,
              int tertial_key_values, int tertial_store_has_model, int tertial_store_has_year {
  if ($1 < 0) {
    tpy_raise($1);
    SWIG_fail;
  }
  $result = PyBool_FromLong($1);
}
/* 1: a unit was produced; 0: the end (StopIteration). */
%typemap(out) int tertial_org_iter_next {
  if ($1 < 0) {
    tpy_raise($1);
    SWIG_fail;
  }
  if ($1 == 0) {
    PyErr_SetNone(PyExc_StopIteration);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}
/* 1: a record was read (see const tertial_sie_record **out); 0: the end (StopIteration). */
%typemap(out) int tertial_sie_reader_next {
  if ($1 < 0) {
    tpy_raise($1);
    SWIG_fail;
  }
  if ($1 == 0) {
    PyErr_SetNone(PyExc_StopIteration);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}
%typemap(out) tertial_sie_encoding "$result = tpy_enum(\"SieEncoding\", $1);"
/* An unmapped account is not an error here: the row is None. */
%typemap(out) int tertial_rowmap_lookup {
  if ($1 < 0 && $1 != TERTIAL_ERR_NOT_FOUND) {
    tpy_raise($1);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}
%typemap(out) tertial_unit_id "$result = PyLong_FromUnsignedLong($1);"
%typemap(out) tertial_key_kind tertial_key_kind_of "$result = tpy_enum(\"KeyKind\", $1);"
%typemap(out) tertial_date "$result = tpy_date(&$1);"
/* 1: a day off (the Holiday value, see tertial_holiday *out), 0: None. */
%typemap(out) int tertial_holiday_is {
  if ($1 < 0) {
    tpy_raise($1);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}
/* The set takes the key also on error, when it frees it: see tertial_key *key below. */
%typemap(out) int tertial_keyset_add ""


/* Borrowed structs come out as copies (Python values), so they never dangle. */
%typemap(out) const tertial_unit * "$result = tpy_unit_record($1);"
%typemap(out) const tertial_account * "$result = tpy_account_record($1);"
%typemap(out) const tertial_followup_point * "$result = tpy_point($1);"
%typemap(out) const tertial_level_deadline * "$result = tpy_level_deadline($1);"
%typemap(out) const tertial_report_row * "$result = tpy_report_row($1);"
%typemap(out) const tertial_followup_line * "$result = tpy_line($1, 0);"
%typemap(out) const tertial_finding * "$result = tpy_finding($1);"
%typemap(out) const tertial_adjustment * "$result = tpy_adjustment($1);"
%typemap(out) const tertial_snapshot_entry * "$result = tpy_snapshot_entry($1);"
%typemap(out) const tertial_accrual * "$result = tpy_accrual($1);"
%typemap(out) const tertial_deviation * "$result = tpy_deviation($1);"
%typemap(out) const tertial_budget_compare_line * "$result = tpy_budget_compare_line($1);"
%typemap(out) const tertial_measure * "$result = tpy_measure($1);"
%typemap(out) const tertial_adherence_risk * "$result = tpy_adherence_risk($1);"
%typemap(out) const tertial_sie_diagnostic * "$result = tpy_sie_diagnostic($1);"
%typemap(out) const tertial_sie_stats * "$result = tpy_sie_stats($1);"
%typemap(out) const tertial_sie_summary * "$result = tpy_sie_summary($1);"
%typemap(out) const tertial_sie_note * "$result = tpy_sie_note($1);"
%typemap(out) const tertial_sie_difference * "$result = tpy_sie_difference($1);"
%typemap(out) const tertial_report_column * "$result = tpy_report_column($1);"
%typemap(out) const tertial_report_line * "$result = tpy_report_line($1);"
%typemap(out) const tertial_report_cell * "$result = tpy_report_cell($1);"
%typemap(out) const tertial_fiscal_year * {
  tertial_fiscal_year *copy = $1 ? malloc(sizeof *copy) : NULL;
  if ($1 && !copy)
    SWIG_exception_fail(SWIG_MemoryError, "out of memory");
  if (copy)
    *copy = *$1;
  $result = SWIG_NewPointerObj(copy, $descriptor(tertial_fiscal_year *), SWIG_POINTER_OWN);
}
%typemap(out) PyObject * "$result = $1;"

/* Out-parameters: not arguments in Python, but (part of) the return value */

%define TPY_OUT(TYPE, NAMES, CONVERT)
%typemap(in, numinputs=0) TYPE *NAMES (TYPE temp = 0) "$1 = &temp;"
%typemap(argout) TYPE *NAMES {
  PyObject *o = CONVERT;
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
%enddef
TPY_OUT(int64_t, out, PyLong_FromLongLong(*$1))
TPY_OUT(int, out_period, PyLong_FromLong(*$1))
TPY_OUT(int, out_index, PyLong_FromLong(*$1))
TPY_OUT(int, out_days, PyLong_FromLong(*$1))
TPY_OUT(int, out_level, PyLong_FromLong(*$1))
TPY_OUT(int, out_depth, PyLong_FromLong(*$1))
TPY_OUT(int, out_measure, PyLong_FromLong(*$1))
TPY_OUT(int, out_row, (*$1 < 0 ? SWIG_Py_Void() : PyLong_FromLong(*$1)))
TPY_OUT(size_t, out_index, PyLong_FromSize_t(*$1))
TPY_OUT(tertial_unit_id, out_id, PyLong_FromUnsignedLong(*$1))
TPY_OUT(tertial_unit_id, out_parent, (*$1 == TERTIAL_NO_UNIT ? SWIG_Py_Void() : PyLong_FromUnsignedLong(*$1)))
TPY_OUT(tertial_account_id, out_id, PyLong_FromUnsignedLong(*$1))
TPY_OUT(tertial_account_type, out, tpy_enum("AccountType", *$1))
TPY_OUT(int, out, PyLong_FromLong(*$1))
TPY_OUT(int64_t, out_year, PyLong_FromLongLong(*$1))
TPY_OUT(int64_t, out_amount, PyLong_FromLongLong(*$1))
TPY_OUT(int64_t, out_difference, PyLong_FromLongLong(*$1))
TPY_OUT(int64_t, out_error, PyLong_FromLongLong(*$1))
TPY_OUT(int, out_run_rate_months, PyLong_FromLong(*$1))
TPY_OUT(int, out_method, tpy_enum("ForecastMethod", *$1))
TPY_OUT(int, out_fallback, tpy_enum("ForecastFallback", *$1))
TPY_OUT(int, out_verdict, tpy_enum("ReasonsVerdict", *$1))
TPY_OUT(long, out_line, (*$1 < 0 ? SWIG_Py_Void() : PyLong_FromLong(*$1)))
TPY_OUT(tertial_forecast_method, out, tpy_enum("ForecastMethod", *$1))
TPY_OUT(tertial_unit_id, out_unit, PyLong_FromUnsignedLong(*$1))
TPY_OUT(int64_t, out_unit_cost, PyLong_FromLongLong(*$1))
TPY_OUT(int, out_first_year, PyLong_FromLong(*$1))
TPY_OUT(tertial_import_kind, out, PyLong_FromLong(*$1))

/* Structs filled by the library: Python values. */
%define TPY_STRUCT_OUT(TYPE, CONVERT)
%typemap(in, numinputs=0) TYPE *out (TYPE temp) "memset(&temp, 0, sizeof temp);\n  $1 = &temp;"
%typemap(argout) TYPE *out {
  PyObject *o = CONVERT($1);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
%enddef
TPY_STRUCT_OUT(tertial_budget_version, tpy_budget_version)
TPY_STRUCT_OUT(tertial_snapshot_change, tpy_snapshot_change)
TPY_STRUCT_OUT(tertial_accuracy, tpy_accuracy)
TPY_STRUCT_OUT(tertial_accuracy_summary, tpy_accuracy_summary)
TPY_STRUCT_OUT(tertial_adjusted_outcome, tpy_adjusted_outcome)
TPY_STRUCT_OUT(tertial_sie_figures, tpy_sie_figures)

/* The record of tertial_sie_reader_next(), borrowed until the next call: copied into a SieRecord
 * (`result` is the call's return value; the out typemap has stopped at 0 or an error). */
%typemap(in, numinputs=0) const tertial_sie_record **out ($*1_ltype temp = NULL) "$1 = &temp;"
%typemap(argout) const tertial_sie_record **out {
  PyObject *o = tpy_sie_record(*$1);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(in, numinputs=0) tertial_sie_write_summary *out_summary (tertial_sie_write_summary temp) {
  memset(&temp, 0, sizeof temp);
  $1 = &temp;
}
%typemap(argout) tertial_sie_write_summary *out_summary {
  PyObject *o = tpy_sie_write_summary($1);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
/* Bytes the library allocates (tertial_sie_write_buffer(): PC8, not text). */
%typemap(in, numinputs=0) (char **out, size_t *out_len) (char *temp = NULL, size_t len = 0) {
  $1 = &temp;
  $2 = &len;
}
%typemap(argout) (char **out, size_t *out_len) {
  PyObject *o = PyBytes_FromStringAndSize(*$1, (Py_ssize_t)*$2);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(freearg) (char **out, size_t *out_len) "tertial_free(*$1);"

/* tertial_holiday_is: the Holiday when the date is a day off, else None (`result` is the call's
 * return value in SWIG's wrapper; the out typemap has raised on a negative one). */
%typemap(in, numinputs=0) tertial_holiday *out (tertial_holiday temp) "memset(&temp, 0, sizeof temp);\n  $1 = &temp;"
%typemap(argout) tertial_holiday *out {
  PyObject *o = result == 1 ? tpy_holiday($1) : SWIG_Py_Void();
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
/* tertial_holidays_of_year: the bindings bring an array that always suffices. */
%typemap(in, numinputs=0) (size_t *out_count, tertial_holiday *out, size_t cap)
    (size_t count = 0, tertial_holiday temp[TERTIAL_HOLIDAYS_MAX]) {
  $1 = &count;
  $2 = temp;
  $3 = TERTIAL_HOLIDAYS_MAX;
}
%typemap(argout) (size_t *out_count, tertial_holiday *out, size_t cap) {
  PyObject *o = tpy_holiday_list($2, *$1);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

/* Twelve months out, as a list of ints (fiscal-month order). */
%typemap(in, numinputs=0) int64_t out[12] (int64_t temp[12]), int64_t out_months[12] (int64_t temp[12]) {
  memset(temp, 0, sizeof temp);
  $1 = temp;
}
%typemap(argout) int64_t out[12], int64_t out_months[12] {
  PyObject *o = tpy_months($1);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

/* A string borrowed from the library, copied into a str. */
%typemap(in, numinputs=0) const char **out_reason (char *temp = NULL) "$1 = &temp;"
%typemap(argout) const char **out_reason {
  PyObject *o = tpy_text(*$1);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

/* Borrowed strings of the forecast plan's and the key set's listings; a rule's row code is NULL
 * for every row, a key rule's range NULL for every account (None). */
%typemap(in, numinputs=0) const char **out_row_code (char *temp = NULL), const char **out_name (char *temp = NULL),
    const char **out_volume_unit (char *temp = NULL), const char **out_from (char *temp = NULL),
    const char **out_to (char *temp = NULL) "$1 = &temp;"
%typemap(argout) const char **out_row_code, const char **out_name, const char **out_volume_unit,
    const char **out_from, const char **out_to {
  PyObject *o = *$1 ? tpy_text(*$1) : SWIG_Py_Void();
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0) tertial_date *out (tertial_date temp = {0, 0, 0}) "$1 = &temp;"
%typemap(argout) tertial_date *out {
  PyObject *o = tpy_date($1);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0) tertial_fiscal_year *out (tertial_fiscal_year temp = {0, 0}) "$1 = &temp;"
%typemap(argout) tertial_fiscal_year *out {
  tertial_fiscal_year *copy = malloc(sizeof *copy);
  if (!copy)
    SWIG_exception_fail(SWIG_MemoryError, "out of memory");
  *copy = *$1;
  $result = SWIG_Python_AppendOutput($result,
                                     SWIG_NewPointerObj(copy, $descriptor(tertial_fiscal_year *), SWIG_POINTER_OWN));
}

/* Strings the library allocates (free with tertial_free()). */
%typemap(in, numinputs=0) char **out (char *temp = NULL) "$1 = &temp;"
%typemap(argout) char **out {
  PyObject *o = PyUnicode_DecodeUTF8(*$1, (Py_ssize_t)strlen(*$1), "replace");
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(freearg) char **out "tertial_free(*$1);"

/* New objects: the Python object owns them (its destructor calls tertial_x_free()). */
%typemap(in, numinputs=0) SWIGTYPE **out ($*1_ltype temp = NULL) "$1 = &temp;"
%typemap(argout) SWIGTYPE **out {
  $result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj(*$1, $*1_descriptor, SWIG_POINTER_OWN));
}

/* Objects borrowed from their owner (a model, a key set): the Python object does not own them;
 * %pythonappend below makes it keep the owner alive. */
%define TPY_BORROWED_OUT(TYPE)
%typemap(in, numinputs=0) TYPE **out ($*1_ltype temp = NULL) "$1 = &temp;"
%typemap(argout) TYPE **out {
  $result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj((void *)*$1, $*1_descriptor, 0));
}
%enddef
TPY_BORROWED_OUT(const tertial_snapshot)
TPY_BORROWED_OUT(const tertial_key)
/* The key of a key set's rule (tertial_keyset_rule_at()), borrowed like the keys above. */
%typemap(in, numinputs=0) const tertial_key **out_key ($*1_ltype temp = NULL) "$1 = &temp;"
%typemap(argout) const tertial_key **out_key {
  $result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj((void *)*$1, $*1_descriptor, 0));
}
TPY_BORROWED_OUT(tertial_adherence_plan)

/* Text into a caller's buffer: the bindings bring the buffer. */
%typemap(in, numinputs=0) (char *buf, size_t size) (char temp[64]) {
  temp[0] = '\0';
  $1 = temp;
  $2 = sizeof temp;
}
%typemap(argout) (char *buf, size_t size) {
  PyObject *o = PyUnicode_DecodeUTF8($1, (Py_ssize_t)strlen($1), "replace");
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

/* tertial_money_round_vector: a sequence of amounts in, a list of rounded steps out. */
%typemap(in) (int64_t *out, const int64_t *values, size_t n) {
  PyObject *seq = PySequence_Fast($input, "expected a sequence of amounts");
  if (!seq)
    SWIG_fail;
  $3 = (size_t)PySequence_Fast_GET_SIZE(seq);
  $1 = malloc(($3 ? $3 : 1) * sizeof *$1);
  $2 = malloc(($3 ? $3 : 1) * sizeof *$2);
  int ok = $1 && $2;
  if (!ok)
    PyErr_NoMemory();
  for (size_t i = 0; ok && i < $3; i++)
    ok = tpy_money_in(PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)i), (int64_t *)&$2[i]) == 0;
  Py_DECREF(seq);
  if (!ok)
    SWIG_fail;
}
%typemap(argout) (int64_t *out, const int64_t *values, size_t n) {
  PyObject *list = PyList_New((Py_ssize_t)$3);
  for (size_t i = 0; list && i < $3; i++) {
    PyObject *v = PyLong_FromLongLong($1[i]);
    if (!v)
      Py_CLEAR(list);
    else
      PyList_SET_ITEM(list, (Py_ssize_t)i, v);
  }
  if (!list)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, list);
}
%typemap(freearg) (int64_t *out, const int64_t *values, size_t n) {
  free($1);
  free((void *)$2);
}

/* Arguments */

/* Money: int öre or decimal.Decimal kronor; a float is a TypeError. */
%typemap(in) int64_t a, int64_t b, int64_t amount, int64_t ore, int64_t annual, int64_t unit_cost,
             int64_t effect, int64_t expected_effect, int64_t forecast_deviation {
  if (tpy_money_in($input, &$1) < 0)
    SWIG_fail;
}
/* Units and accounts: an int id, a Unit/Account (anything with __index__), or None for
 * TERTIAL_NO_UNIT / TERTIAL_ALL_ACCOUNTS. */
/* A Unit or Account object must be of the call's model (tpy_id_owner_check()). */
%typemap(in) tertial_unit_id {
  if (tpy_id_in($input, TERTIAL_NO_UNIT, &$1) < 0 || tpy_id_owner_check($input, $1, 0, "$symname") < 0)
    SWIG_fail;
}
%typemap(in) tertial_account_id {
  if (tpy_id_in($input, TERTIAL_ALL_ACCOUNTS, &$1) < 0 || tpy_id_owner_check($input, $1, 1, "$symname") < 0)
    SWIG_fail;
}
%typemap(in) PyObject * "$1 = $input;"

/* Twelve months in (fiscal-month order, or calendar months for a salary profile): a sequence
 * of exactly twelve values. Amounts follow the money rules; weights are ints. */
%typemap(in) const int64_t weights[12] (int64_t temp[12]) {
  if (tpy_months_in($input, 0, "weights", temp) < 0)
    SWIG_fail;
  $1 = temp;
}
/* None means "no amounts" (NULL). */
%typemap(in) const int64_t amounts[12] (int64_t temp[12]), const int64_t row_last_year[12] (int64_t temp[12]) {
  $1 = NULL;
  if ($input != Py_None) {
    if (tpy_months_in($input, 1, "$1_name", temp) < 0)
      SWIG_fail;
    $1 = temp;
  }
}
%typemap(in) const int64_t *outcome (int64_t temp[12]), const int64_t *budget (int64_t temp[12]),
             const int64_t *prior (int64_t temp[12]) {
  if (tpy_months_in($input, 1, "$1_name", temp) < 0)
    SWIG_fail;
  $1 = temp;
}

/* Dates: datetime.date; a decision or due date may be None (not known). */
%typemap(in) tertial_date date, tertial_date taken_on {
  if (tpy_date_in($input, 0, &$1) < 0)
    SWIG_fail;
}
%typemap(in) tertial_date due {
  if (tpy_date_in($input, 1, &$1) < 0)
    SWIG_fail;
}

/* Holiday flags default to HolidayFlags.DEFAULT (the eves are days off). */
%typemap(default) unsigned int flags "$1 = TERTIAL_HOLIDAYS_DEFAULT;"
%typemap(default) unsigned int holiday_flags "$1 = TERTIAL_HOLIDAYS_DEFAULT;"

/* Option objects made in Python (pythonic.py): ForecastInput, BudgetOptions (None: defaults). */
%typemap(in) const tertial_forecast_input *input (tertial_forecast_input temp) {
  if (tpy_forecast_input_in($input, &temp) < 0)
    SWIG_fail;
  $1 = &temp;
}
%typemap(in) const tertial_budget_options *opts (tertial_budget_options temp, PyObject *keep[2] = {NULL, NULL}) {
  $1 = NULL;
  if ($input != Py_None) {
    if (tpy_budget_options_in($input, &temp, keep) < 0)
      SWIG_fail;
    $1 = &temp;
  }
}
%typemap(freearg) const tertial_budget_options *opts {
  Py_XDECREF(keep$argnum[0]);
  Py_XDECREF(keep$argnum[1]);
}
/* Options of the edge modules, made in Python (SieOptions, SieLoadOptions, SieWriteOptions,
 * ReportOptions, XlsxOptions, DocxOptions; None: the defaults). Their strings stay alive until the call
 * returns; C callbacks (the SIE reader's progress, the xlsx renderer's next_report) stay NULL. */
%define TPY_OPTIONS_IN(TYPE, CONVERT)
%typemap(in) const TYPE *options (TYPE temp, tpy_keep keep = TPY_KEEP_INIT) {
  $1 = NULL;
  if ($input != Py_None) {
    if (CONVERT($input, &temp, &keep) < 0)
      SWIG_fail;
    $1 = &temp;
  }
}
%typemap(freearg) const TYPE *options "tpy_keep_release(&keep$argnum);"
%enddef
TPY_OPTIONS_IN(tertial_sie_options, tpy_sie_options_in)
TPY_OPTIONS_IN(tertial_sie_load_options, tpy_sie_load_options_in)
TPY_OPTIONS_IN(tertial_sie_write_options, tpy_sie_write_options_in)
TPY_OPTIONS_IN(tertial_report_options, tpy_report_options_in)
TPY_OPTIONS_IN(tertial_xlsx_options, tpy_xlsx_options_in)
TPY_OPTIONS_IN(tertial_docx_options, tpy_docx_options_in)

/* SIE text in memory: bytes. The reader borrows them (SieReader.from_bytes() keeps them). */
%typemap(in) (const void *data, size_t size) {
  char *buf = NULL;
  Py_ssize_t len = 0;
  if (!PyBytes_Check($input)) {
    PyErr_Format(PyExc_TypeError, "expected bytes, not %.200s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  if (PyBytes_AsStringAndSize($input, &buf, &len) < 0)
    SWIG_fail;
  $1 = buf;
  $2 = (size_t)len;
}

/* tertial_store_save_years(): a sequence of Model objects (kept alive by `keep` during the call). */
%typemap(in) (tertial_model *const *models, size_t n) (tertial_model **temp = NULL, PyObject *keep = NULL) {
  keep = PySequence_Fast($input, "expected a sequence of Model objects");
  if (!keep)
    SWIG_fail;
  $2 = (size_t)PySequence_Fast_GET_SIZE(keep);
  temp = malloc(($2 ? $2 : 1) * sizeof *temp);
  if (!temp) {
    PyErr_NoMemory();
    SWIG_fail;
  }
  for (size_t i = 0; i < $2; i++) {
    PyObject *item = PySequence_Fast_GET_ITEM(keep, (Py_ssize_t)i);
    void *argp = NULL;
    if (!SWIG_IsOK(SWIG_ConvertPtr(item, &argp, $descriptor(tertial_model *), 0))) {
      if (tpy_released(item))
        SWIG_exception_fail(SWIG_ValueError, "a Model in the sequence was closed (Model.close())");
      PyErr_Format(PyExc_TypeError, "expected a sequence of Model objects, found %.200s", Py_TYPE(item)->tp_name);
      SWIG_fail;
    }
    temp[i] = (tertial_model *)argp;
  }
  $1 = temp;
}
%typemap(freearg) (tertial_model *const *models, size_t n) {
  free(temp$argnum);
  Py_XDECREF(keep$argnum);
}

/* tertial_snapshot_restore(): the entries as a sequence of SnapshotEntry values. */
%typemap(in) (const tertial_snapshot_entry *entries, size_t n) (PyObject *keep = NULL) {
  tertial_snapshot_entry *entries = NULL;
  if (tpy_snapshot_entries_in($input, &entries, &$2, &keep) < 0)
    SWIG_fail;
  $1 = entries;
}
%typemap(freearg) (const tertial_snapshot_entry *entries, size_t n) {
  free((void *)$1);
  Py_XDECREF(keep$argnum);
}

/* tertial_keyset_add: the set takes the key, also on error (when it frees it). A key that
 * already belongs to a set is refused; a key freed on error is retired. */
%typemap(in) tertial_key *key {
  void *argp = NULL;
  int own = 0;
  if (!SWIG_IsOK(SWIG_ConvertPtrAndOwn($input, &argp, $descriptor, 0, &own))) {
    if (tpy_released($input))
      SWIG_exception_fail(SWIG_ValueError, "this Key was released (a key set freed it)");
    SWIG_exception_fail(SWIG_TypeError, "in method '$symname', argument $argnum of type '$1_type'");
  }
  if (argp && !(own & SWIG_POINTER_OWN))
    SWIG_exception_fail(SWIG_ValueError, "this Key belongs to a key set; make a new Key for another set");
  SWIG_ConvertPtr($input, &argp, $descriptor, SWIG_POINTER_DISOWN);
  $1 = ($1_ltype)argp;
}
%typemap(argout) tertial_key *key {
  if (result < 0) {
    tpy_release($input);
    tpy_raise(result);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}
/* SWIG would use the typemap above for const keys too (it strips the qualifier). */
%typemap(argout) const tertial_key *key ""
/* Handles: a closed Model, SieReader or Store, a RowMap the model replaced or a Key a key set freed
 * has given up its pointer: say so. A call holds the handle while it runs (tpy_use_begin()), so
 * the C object outlives the call whatever Python code runs meanwhile, and close() refuses. */
%define TPY_USE(TYPE)
%typemap(in) TYPE (tpy_use use = TPY_USE_INIT) {
  void *argp = NULL;
  PyObject *held = $input == Py_None ? NULL : (PyObject *)SWIG_Python_GetSwigThis($input);
  if (!SWIG_IsOK(SWIG_ConvertPtr(held ? held : $input, &argp, $descriptor, 0))) {
    if (tpy_released($input)) {
      PyErr_Format(PyExc_ValueError, "this %.200s was closed or released (close(), the end of its with block, "
                   "Model.set_rowmap(), a key set that freed it)", Py_TYPE($input)->tp_name);
      SWIG_fail;
    }
    SWIG_exception_fail(SWIG_TypeError, "in method '$symname', argument $argnum of type '$1_type'");
  }
  $1 = ($1_ltype)argp;
  if (held)
    tpy_use_begin(&use, $input, held, "$symname");
}
%typemap(freearg) TYPE "tpy_use_end(&use$argnum);"
%enddef
%define TPY_USE_HANDLE(CTYPE)
TPY_USE(CTYPE *)
TPY_USE(const CTYPE *)
/* not the destructors: they run when the object goes */
%typemap(in) CTYPE *self = SWIGTYPE *;
%typemap(freearg) CTYPE *self "";
%enddef
TPY_USE_HANDLE(tertial_calendar)
TPY_USE_HANDLE(tertial_org)
TPY_USE_HANDLE(tertial_org_iter)
TPY_USE_HANDLE(tertial_chart)
TPY_USE_HANDLE(tertial_rowmap)
TPY_USE_HANDLE(tertial_ledger)
TPY_USE_HANDLE(tertial_model)
TPY_USE_HANDLE(tertial_followup)
TPY_USE_HANDLE(tertial_findings)
TPY_USE_HANDLE(tertial_presentation)
TPY_USE_HANDLE(tertial_key)
TPY_USE_HANDLE(tertial_keyset)
TPY_USE_HANDLE(tertial_reasons)
TPY_USE_HANDLE(tertial_backtest)
TPY_USE_HANDLE(tertial_deviations)
TPY_USE_HANDLE(tertial_budget_comparison)
TPY_USE_HANDLE(tertial_sie_reader)
TPY_USE_HANDLE(tertial_sie_load)
TPY_USE_HANDLE(tertial_report)
TPY_USE_HANDLE(tertial_store)
TPY_USE_HANDLE(tertial_forecast_plan)
TPY_USE_HANDLE(tertial_snapshot)
TPY_USE_HANDLE(tertial_adherence_plan)
TPY_USE_HANDLE(tertial_report_section)
/* keyset_add's key changes hands in the call (a typemap of its own): no use is held on it. */
%typemap(freearg) tertial_key *key "";
/* keyset_add's `tertial_key *key` (above) would also match a const key. */
TPY_USE(const tertial_key *key)

/* Types */

/* Borrowed structs cross as Python values (see the out typemaps), not as classes. */
%ignore tertial_date;
%ignore tertial_followup_point;
%ignore tertial_level_deadline;
%ignore tertial_unit;
%ignore tertial_account;
%ignore tertial_report_row;
%ignore tertial_followup_line;
%ignore tertial_finding;
%ignore tertial_holiday;
%ignore tertial_budget_version;
%ignore tertial_adjustment;
%ignore tertial_snapshot_entry;
%ignore tertial_snapshot_change;
%ignore tertial_accuracy;
%ignore tertial_accuracy_summary;
%ignore tertial_accrual;
%ignore tertial_adjusted_outcome;
%ignore tertial_deviation;
%ignore tertial_budget_compare_line;
%ignore tertial_measure;
%ignore tertial_adherence_risk;
%ignore tertial_sie_diagnostic;
%ignore tertial_sie_object;
%ignore tertial_sie_record;
%ignore tertial_sie_stats;
%ignore tertial_sie_summary;
%ignore tertial_sie_figures;
%ignore tertial_sie_note;
%ignore tertial_sie_difference;
%ignore tertial_sie_write_summary;
%ignore tertial_report_column;
%ignore tertial_report_line;
%ignore tertial_report_cell;
/* Made in Python (pythonic.py) and read by typemaps: a string, a date and arrays in a SWIG
 * struct would need memory management of their own. */
%ignore tertial_forecast_input;
%ignore tertial_budget_options;
%ignore tertial_sie_options;
%ignore tertial_sie_load_options;
%ignore tertial_sie_write_options;
%ignore tertial_report_options;
%ignore tertial_xlsx_options;
%ignore tertial_docx_options;
/* The renderers borrow a presentation for one call: Python passes it beside the options
 * (presentation=), to the tpy_*_presented() glue below, never as a raw pointer in CsvOptions. */
%ignore tertial_csv_options::presentation;
%ignore tertial_json_options::presentation;
%ignore tertial_text_options::presentation;
/* Records cross as SieRecord copies; the glue builds their `fields` and `objects` with these. */
%ignore tertial_sie_record_field;
%ignore tertial_sie_record_object;
/* The bindings manage returned strings themselves. */
%ignore tertial_free;
/* Only the destructors call these: a direct call would free what a Python object owns. */
%ignore tertial_calendar_free;
%ignore tertial_org_free;
%ignore tertial_org_iter_free;
%ignore tertial_chart_free;
%ignore tertial_rowmap_free;
%ignore tertial_ledger_free;
%ignore tertial_model_free;
%ignore tertial_followup_free;
%ignore tertial_findings_free;
%ignore tertial_key_free;
%ignore tertial_keyset_free;
%ignore tertial_reasons_free;
%ignore tertial_backtest_free;
%ignore tertial_deviations_free;
%ignore tertial_budget_comparison_free;
%ignore tertial_sie_reader_free;
%ignore tertial_sie_load_free;
%ignore tertial_report_free;
%ignore tertial_store_free;
/* Lines are Python values; FollowupTable.value() reaches it (pyglue.c). */
%ignore tertial_followup_value;
/* An import's result crosses as a summary, or as ParseError listing every error: the glue's
 * import_file() and import_csv() below call these. */
%ignore tertial_import_options;
%ignore tertial_import_summary;
%ignore tertial_import_file;
%ignore tertial_import_csv;
%ignore tertial_load_csv_options;
%ignore tertial_ledger_load_csv;
%ignore tertial_import_summary_of;
%ignore tertial_import_error_count;
%ignore tertial_import_error;
%ignore tertial_import_encoding;
%ignore tertial_import_free;
%ignore tertial_import;
/* Its table and results cross in bulk: the glue's backtest_best_table() below calls it. */
%ignore tertial_backtest_best_table;

/* An opaque handle: a class whose objects own the handle unless it was borrowed. */
%define TPY_HANDLE(CTYPE, PYNAME, FREE, DOC)
%rename(PYNAME) CTYPE;
%feature("docstring") CTYPE DOC;
%nodefaultctor CTYPE;
%nodefaultdtor CTYPE;
struct CTYPE {};
%extend CTYPE {
  ~CTYPE() {
    FREE($self);
  }
}
%enddef

TPY_HANDLE(tertial_calendar, Calendar, tertial_calendar_free,
  "A follow-up calendar: Calendar(start_month=1) or Calendar.default(start_month=1). len() "
  "is the number of points; iterating gives FollowupPoint values; cal[\"T1\"] finds one.")
TPY_HANDLE(tertial_org, Org, tertial_org_free,
  "An organisation: Org() for one of your own, Model.org for a model's. len(), iteration "
  "and org[id or code] give Unit objects.")
TPY_HANDLE(tertial_org_iter, OrgIter, tertial_org_iter_free,
  "A depth-first walk (Org.walk()): yields (Unit, depth) pairs; keeps its organisation "
  "alive.")
TPY_HANDLE(tertial_chart, Chart, tertial_chart_free,
  "A chart of accounts: Chart(), or Model.chart. len(), iteration and chart[id or number] "
  "give Account objects.")
TPY_HANDLE(tertial_rowmap, RowMap, tertial_rowmap_free,
  "A mapping from account ranges to report rows: RowMap(name, version), RowMap.kommunbas(),"
  " RowMap.parse(text), or Model.rowmap. len(), iteration and rowmap[index or code] give "
  "ReportRow values; str() is the text form.")
TPY_HANDLE(tertial_ledger, Ledger, tertial_ledger_free,
  "A ledger of one fiscal year: Ledger(org, chart, fiscal_year), or Model.ledger. "
  "Ledger.load() adds many rows in one call.")
TPY_HANDLE(tertial_model, Model, tpy_model_free,
  "A municipality's model for one fiscal year: Model(first_year, start_month=1). A context "
  "manager: close() (or the end of a with block) releases it; the memory goes when the last"
  " object taken from it (org, ledger, unit, table, ...) is gone.")
TPY_HANDLE(tertial_followup, FollowupTable, tertial_followup_free,
  "A computed follow-up table (a snapshot): Model.followup(unit, cutoff, ...). len(), "
  "iteration and table[i] give FollowupRow values; rows() and to_dataframe() in bulk.")
TPY_HANDLE(tertial_presentation, Presentation, tertial_presentation_free,
  "How renderers show a report's amounts (presentation.h): Presentation(columns=None, "
  "signs='ledger', deviation='budget-minus-outcome', unit=None, decimals=None, headers=None), "
  "Presentation.parse(text) or Presentation.load(path); pass it as presentation= to "
  "Report.to_csv(), to_json(), write_xlsx(), write_docx() and their kin.")
TPY_HANDLE(tertial_findings, Findings, tertial_findings_free,
  "Findings of the consistency checker: len(), iteration and findings[i] give Finding "
  "values.")

TPY_HANDLE(tertial_key, Key, tertial_key_free,
  "A periodisation key (fördelningsnyckel): Key.equal(name), Key.calendar_days(name), "
  "Key.working_days(name), Key.salary(name, weights), Key.last_year(name, amounts=None), "
  "Key.custom(name, weights). A key given to a KeySet belongs to it (and keeps it alive).")
TPY_HANDLE(tertial_keyset, KeySet, tertial_keyset_free,
  "Named keys with assignment rules and a default: KeySet(), or Model.keys. len(), iteration "
  "and keyset[index or name] give Key objects.")
TPY_HANDLE(tertial_reasons, Reasons, tertial_reasons_free,
  "A reasons table (Orsak till prognosavvikelse | Belopp): Reasons(unit_code), or "
  "Model.reasons(unit, cutoff). len(), iteration and reasons[i] give ReasonLine values; "
  "check(deviation) gives a ReasonsVerdict.")
TPY_HANDLE(tertial_backtest, Backtest, tertial_backtest_free,
  "Past years of one unit, to find the base method that would have forecast them best: "
  "Backtest(years), each year (outcome, budget, prior) as twelve amounts each.")
TPY_HANDLE(tertial_deviations, Deviations, tertial_deviations_free,
  "Verdicts of the escalation rule for a subtree (Model.deviations(root, cutoff)): len(), "
  "iteration and deviations[i or unit code] give Deviation values.")
TPY_HANDLE(tertial_budget_comparison, BudgetComparison, tertial_budget_comparison_free,
  "Two budget versions compared per unit and report row (Model.compare_budgets(a, b, root, "
  "max_depth)): len(), iteration and comparison[i] give BudgetCompareLine values.")

TPY_HANDLE(tertial_sie_reader, SieReader, tertial_sie_reader_free,
  "A streaming SIE reader: SieReader(path, **SieOptions fields) or SieReader.from_bytes(data). "
  "Iterating gives SieRecord values; `diagnostics`, `stats` and the encodings show what it "
  "found. A context manager: close() (or the end of a with block) closes the file.")
TPY_HANDLE(tertial_sie_load, SieLoad, tertial_sie_load_free,
  "The result of loading an SIE file into a model (Model.load_sie()): summary, figures(label), "
  "notes, diagnostics and the reconciliation (differences). It keeps the model alive.")
TPY_HANDLE(tertial_report, Report, tertial_report_free,
  "A follow-up report of a unit's subtree at a cut-off (Model.report(unit, cutoff, ...)): "
  "sections of typed tables (report[i], report[SectionKind.UNITS], report[\"units\"]), child "
  "reports, and the CSV, JSON and xlsx renderers. Immutable once built.")
TPY_HANDLE(tertial_store, Store, tertial_store_free,
  "The embedded store: a municipality's models, one per fiscal year, in a SQLite file. "
  "Store(path, create=True, readonly=False); save(model), save_years(models), load(), "
  "load_year(year), years. A context manager: close() (or the end of a with block) closes it.")

/* Objects borrowed from a model: never freed by Python; they keep the model alive. */
%define TPY_BORROWED(CTYPE, PYNAME, DOC)
%rename(PYNAME) CTYPE;
%feature("docstring") CTYPE DOC;
%nodefaultctor CTYPE;
%nodefaultdtor CTYPE;
struct CTYPE {};
%enddef
TPY_BORROWED(tertial_forecast_plan, ForecastPlan,
  "The forecast plan of a model (Model.forecast_plan): method rules, manual figures, volume "
  "drivers and adjustments; Model.apply_forecast(cutoff) applies it.")
TPY_BORROWED(tertial_snapshot, Snapshot,
  "Forecasts frozen at a follow-up point (Model.snapshots.take(point, taken_on)); immutable. "
  "len(), iteration and snapshot[i] give SnapshotEntry values.")
TPY_BORROWED(tertial_adherence_plan, AdherencePlan,
  "A budget-adherence plan (plan för budgetföljsamhet) of one unit and manager: "
  "Model.adherence_plan(unit, manager=None).")

/* Value structs of the API: plain classes with read-only fields. */
%rename(FiscalYear) tertial_fiscal_year;
%immutable tertial_fiscal_year::first_year;
%immutable tertial_fiscal_year::start_month;
%rename(FollowupOptions) tertial_followup_options;
%immutable tertial_followup_options::version;
%extend tertial_followup_options {
  tertial_followup_options() {
    tertial_followup_options *o = malloc(sizeof *o);
    if (o)
      *o = (tertial_followup_options)TERTIAL_FOLLOWUP_OPTIONS_INIT;
    return o;
  }
}
%rename(DemoOptions) tertial_demo_options;
%immutable tertial_demo_options::version;
%extend tertial_demo_options {
  tertial_demo_options() {
    tertial_demo_options *o = malloc(sizeof *o);
    if (o)
      *o = (tertial_demo_options)TERTIAL_DEMO_OPTIONS_INIT;
    return o;
  }
}
%rename(TextOptions) tertial_text_options;
%immutable tertial_text_options::version;
%extend tertial_text_options {
  tertial_text_options() {
    tertial_text_options *o = malloc(sizeof *o);
    if (o)
      *o = (tertial_text_options)TERTIAL_TEXT_OPTIONS_INIT;
    return o;
  }
}

/* A section of a report: borrowed from it (ReportSection keeps its report alive). */
%rename(ReportSection) tertial_report_section;
%feature("docstring") tertial_report_section
  "A section of a Report: a titled table. `columns`, `lines` and rows() (typed cells: int öre, "
  "a Decimal percent, str, datetime.date, None when empty); len(), iteration and section[i] "
  "give rows; to_dicts(), to_dataframe(), to_csv().";
%nodefaultctor tertial_report_section;
%nodefaultdtor tertial_report_section;
%immutable tertial_report_section::kind;
%immutable tertial_report_section::key;
%immutable tertial_report_section::title;
%immutable tertial_report_section::english;
%immutable tertial_report_section::column_count;
%immutable tertial_report_section::line_count;
%rename(CsvOptions) tertial_csv_options;
%immutable tertial_csv_options::version;
%extend tertial_csv_options {
  tertial_csv_options() {
    tertial_csv_options *o = malloc(sizeof *o);
    if (o)
      *o = (tertial_csv_options)TERTIAL_CSV_OPTIONS_INIT;
    return o;
  }
}
%rename(JsonOptions) tertial_json_options;
%immutable tertial_json_options::version;
%extend tertial_json_options {
  tertial_json_options() {
    tertial_json_options *o = malloc(sizeof *o);
    if (o)
      *o = (tertial_json_options)TERTIAL_JSON_OPTIONS_INIT;
    return o;
  }
}

/* Keeping parents alive, and Python objects for ids */

%pythonappend tertial_model_org "val._parent = model.this"
%pythonappend tertial_model_chart "val._parent = model.this"
%pythonappend tertial_model_calendar "val._parent = model.this"
%pythonappend tertial_model_ledger "val._parent = model.this"
%pythonappend tertial_model_rowmap %{
    val._parent = model.this
    _rowmap_views(model).add(val)
%}
%pythonappend tertial_ledger_new "val._parent = (org, chart)"
%pythonappend tertial_org_iter_new "val._org = org"
%pythonappend tertial_followup_new "val._org = model_org(model)"
%pythonappend tertial_check_model "val._parent = model.this"
%pythonappend tertial_check_table "val._parent = table"
%pythonappend tertial_org_add_unit "val = Unit(org, val)"
%pythonappend tertial_org_find "val = Unit(org, val)"
%pythonappend tertial_org_parent "val = None if val is None else Unit(org, val)"
%pythonappend tertial_chart_add "val = Account(chart, val)"
%pythonappend tertial_chart_ensure "val = Account(chart, val)"
%pythonappend tertial_chart_find "val = Account(chart, val)"
%pythonappend tertial_followup_view_of "val = View(val)"
%pythonappend tertial_model_forecast_plan "val._parent = model.this"
%pythonappend tertial_model_keys %{
    if val is not None:
        val._parent = model.this
%}
%pythonappend tertial_keyset_add "key._parent = set"
%pythonappend tertial_keyset_key %{
    if val is not None:
        val._parent = set
%}
%pythonappend tertial_keyset_find "val._parent = set"
%pythonappend tertial_keyset_default "val._parent = set"
%pythonappend tertial_keyset_resolve "val._parent = set"
%pythonappend tertial_keyset_rule_at "val[3]._parent = set"
%pythonappend tertial_budget_key_for "val._parent = model.this"
%pythonappend tertial_snapshot_take "val._model = _model_handle(model)"
%pythonappend tertial_snapshot_find "val._model = _model_handle(model)"
%pythonappend tertial_snapshot_at %{
    if val is not None:
        val._model = _model_handle(model)
%}
%pythonappend tertial_deviations_classify "val._parent = model.this"
%pythonappend tertial_budget_compare "val._parent = model.this"
%pythonappend tertial_adherence_plan_get "val._model = _model_handle(model)"
%pythonappend tertial_adherence_plan_at %{
    if val is not None:
        val._model = _model_handle(model)
%}
%pythonappend tertial_snapshot_restore "val._model = _model_handle(model)"
%pythonappend tertial_sie_reader_new_memory "val._data = data"
/* the reader calls SieOptions.progress as it reads, long after the call that made it */
%pythonappend tertial_sie_reader_new_file "val._progress = getattr(options, 'progress', None)"
%pythonappend tertial_sie_load_file "val._org = model_org(model)"
%pythonappend tertial_sie_load_memory "val._org = model_org(model)"
%pythonappend tertial_report_new "val._org = model_org(model)"
%pythonappend tertial_report_child_at %{
    if val is not None:
        val._parent = report
        val._org = report._org
%}
%pythonappend tertial_report_section_at %{
    if val is not None:
        val._parent = report
%}

/* The round (round.h) */

%{
/* Person objects that remember their round: pythonic.py's Person. */
static PyObject *tpy_person_class;

static PyObject *tpy_set_person_class(PyObject *person)
{
  if (!PyType_Check(person)) {
    PyErr_SetString(PyExc_TypeError, "expected the Person class");
    return NULL;
  }
  Py_INCREF(person);
  Py_XSETREF(tpy_person_class, person);
  Py_RETURN_NONE;
}

/* A Person argument must be of the round the call works on (the model of its handle arguments),
 * or name the same person there (same id and key, as in a copy of the model): as for units. */
static int tpy_person_owner_check(PyObject *input, uint32_t id, const char *call)
{
  if (!tpy_person_class || !PyObject_TypeCheck(input, (PyTypeObject *)tpy_person_class))
    return 0;
  PyObject *from = PyObject_GetAttrString(input, "round");
  if (!from)
    return -1;
  tertial_model *have_model = NULL, *want_model = NULL;
  void *have = tpy_scope_of(from, 0, &have_model, 0);
  Py_DECREF(from);
  void *want = NULL;
  for (const tpy_use *u = tpy_use_of_call(NULL, call); u && !want; u = tpy_use_of_call(u, call))
    want = tpy_scope_of(u->arg, 0, &want_model, 0);
  if (!have || !want || have == want || !have_model || !want_model)
    return 0;
  const tertial_person *a = tertial_round_person_at(tertial_model_round(have_model), id);
  const tertial_person *b = tertial_round_person_at(tertial_model_round(want_model), id);
  if (a && b && strcmp(a->key, b->key) == 0)
    return 0;
  PyObject *owner = tpy_scope_name(have, have_model, 0), *target = tpy_scope_name(want, want_model, 0);
  PyObject *message = owner && target
    ? PyUnicode_FromFormat("person %s \"%s\" belongs to the round of %U, not to the round of %U that %s() works "
                           "on; take the person from that one", a ? a->key : "?", a ? a->name : "", owner, target,
                           call)
    : NULL;
  Py_XDECREF(owner);
  Py_XDECREF(target);
  tpy_raise_message(TERTIAL_ERR_INVALID, message);
  return -1;
}

/* A person in: a Person (owner-checked), an int id, or None for TERTIAL_NO_PERSON. */
static int tpy_person_in(PyObject *obj, tertial_person_id *out, const char *call)
{
  uint32_t id = 0;
  if (tpy_id_in(obj, TERTIAL_NO_PERSON, &id) < 0 || tpy_person_owner_check(obj, id, call) < 0)
    return -1;
  *out = id;
  return 0;
}

/* Who acts: a person, or a (person, on_behalf_of) pair (pythonic.py's Acting passes one). */
static int tpy_actor_in(PyObject *obj, tertial_actor *out, const char *call)
{
  tertial_actor a = {TERTIAL_NO_PERSON, TERTIAL_NO_PERSON};
  if (PyTuple_Check(obj) && PyTuple_GET_SIZE(obj) == 2) {
    if (tpy_person_in(PyTuple_GET_ITEM(obj, 0), &a.person, call) < 0 ||
        tpy_person_in(PyTuple_GET_ITEM(obj, 1), &a.on_behalf_of, call) < 0)
      return -1;
  } else if (tpy_person_in(obj, &a.person, call) < 0) {
    return -1;
  }
  *out = a;
  return 0;
}

/* Seconds since 1970 in: an int (None: 0, open). */
static int tpy_time_in(PyObject *obj, time_t *out, const char *what)
{
  if (obj == Py_None) {
    *out = 0;
    return 0;
  }
  if (PyFloat_Check(obj) || !PyIndex_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "%s: expected seconds since 1970 (int) or None, not %.200s", what,
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  long long t = PyLong_AsLongLong(obj);
  if (t == -1 && PyErr_Occurred())
    return -1;
  *out = (time_t)t;
  return 0;
}

/* An audit filter from a tuple (unit, subtree, person, point, from, to): pythonic.py's
 * Round.audit() builds it; the point's UTF-8 lives as long as the tuple. */
static int tpy_audit_filter_in(PyObject *obj, tertial_audit_filter *out, const char *call)
{
  tertial_audit_filter f = TERTIAL_AUDIT_FILTER_ALL;
  if (!PyTuple_Check(obj) || PyTuple_GET_SIZE(obj) != 6) {
    PyErr_Format(PyExc_TypeError, "expected (unit, subtree, person, point, from, to), not %.200s", Py_TYPE(obj)->tp_name);
    return -1;
  }
  PyObject *unit = PyTuple_GET_ITEM(obj, 0), *point = PyTuple_GET_ITEM(obj, 3);
  int subtree = PyObject_IsTrue(PyTuple_GET_ITEM(obj, 1));
  if (subtree < 0 || tpy_id_in(unit, TERTIAL_NO_UNIT, &f.unit) < 0 || tpy_id_owner_check(unit, f.unit, 0, call) < 0 ||
      tpy_person_in(PyTuple_GET_ITEM(obj, 2), &f.person, call) < 0 ||
      tpy_time_in(PyTuple_GET_ITEM(obj, 4), &f.from, "since") < 0 ||
      tpy_time_in(PyTuple_GET_ITEM(obj, 5), &f.to, "until") < 0)
    return -1;
  f.subtree = subtree;
  if (point != Py_None) {
    if (!PyUnicode_Check(point)) {
      PyErr_Format(PyExc_TypeError, "point: expected a str or None, not %.200s", Py_TYPE(point)->tp_name);
      return -1;
    }
    if (!(f.point = PyUnicode_AsUTF8(point)))
      return -1;
  }
  *out = f;
  return 0;
}

/* The round's clock: a Python callable returning seconds since 1970 (pythonic.py's
 * Round.set_clock() wraps the user's callable so a datetime works too). The rounds with a
 * Python clock keep it in `clocks` (round address -> callable) until the clock is replaced or the
 * model freed (tpy_model_free()). The library takes the time after a change is made, so the
 * clock cannot refuse it: an exception of the callable goes to sys.unraisablehook and the change
 * is stamped with the system time. While it runs, calls on a round are refused (a change made
 * inside another change's stamping would corrupt it). */
static PyObject *clocks;
static int clock_depth;

static time_t tpy_round_clock(void *ctx)
{
  PyObject *clock = (PyObject *)ctx;
  Py_INCREF(clock); /* a clock that replaces itself still runs to its end */
  clock_depth++;
  PyObject *r = PyObject_CallNoArgs(clock);
  clock_depth--;
  time_t t = 0;
  /* a clock that fails refuses the change (the library's CANCELLED), and its exception, still
   * pending, is the one the call raises */
  if (!r || tpy_time_in(r, &t, "the round's clock") < 0)
    t = (time_t)-1;
  Py_XDECREF(r);
  Py_DECREF(clock);
  return t;
}

static int tpy_clock_busy(const char *call)
{
  if (clock_depth == 0)
    return 0;
  tpy_raise_message(TERTIAL_ERR_STATE,
                    PyUnicode_FromFormat("%s() was called from the round's clock; a clock only tells the time", call));
  return -1;
}

/* After tertial_round_set_clock() took @p clock (NULL: none), keep it while the round uses it. */
static int tpy_clock_keep(tertial_round *round, PyObject *clock)
{
  PyObject *key = PyLong_FromVoidPtr(round);
  int rc = key && (clocks || (clocks = PyDict_New())) ? 0 : -1;
  if (rc == 0 && clock)
    rc = PyDict_SetItem(clocks, key, clock);
  else if (rc == 0 && PyDict_Contains(clocks, key) == 1)
    rc = PyDict_DelItem(clocks, key);
  Py_XDECREF(key);
  if (rc < 0 && clock)
    tertial_round_set_clock(round, NULL, NULL); /* never a clock nobody keeps */
  return rc;
}

/* The Model's destructor: the model frees its round, and the round's clock goes with it. */
static void tpy_model_free(tertial_model *model)
{
  if (clocks && PyDict_GET_SIZE(clocks) > 0) {
    PyObject *key = PyLong_FromVoidPtr(tertial_model_round(model));
    if (key && PyDict_Contains(clocks, key) == 1 && PyDict_DelItem(clocks, key) < 0)
      PyErr_Clear();
    Py_XDECREF(key);
  }
  tertial_model_free(model);
}

static PyObject *tpy_person_value(const tertial_person *p)
{
  if (!p)
    Py_RETURN_NONE;
  return Py_BuildValue("(kNNN)", (unsigned long)p->id, tpy_text(p->key), tpy_text(p->name), tpy_text(p->email));
}

static PyObject *tpy_text_version_value(const tertial_text_version *v)
{
  if (!v)
    Py_RETURN_NONE;
  return Py_BuildValue("(NkkLK)", tpy_text(v->text), (unsigned long)v->person, (unsigned long)v->on_behalf_of,
                       (long long)v->when, (unsigned long long)v->version);
}

static PyObject *tpy_unit_status_value(const tertial_unit_status *s)
{
  return Py_BuildValue("(iiKkkLN)", (int)s->status, s->escalated, (unsigned long long)s->version,
                       (unsigned long)s->person, (unsigned long)s->on_behalf_of, (long long)s->when,
                       tpy_text(s->comment));
}

static PyObject *tpy_audit_value(const tertial_audit_entry *e)
{
  if (!e)
    Py_RETURN_NONE;
  return Py_BuildValue("(KLkkikNNNN)", (unsigned long long)e->seq, (long long)e->when, (unsigned long)e->person,
                       (unsigned long)e->on_behalf_of, (int)e->action, (unsigned long)e->unit, tpy_text(e->point),
                       tpy_text(e->item), tpy_text(e->before), tpy_text(e->after));
}

static PyObject *tpy_progress_value(const tertial_level_progress *p)
{
  PyObject *counts = PyTuple_New(TERTIAL_STATUS_COUNT);
  for (int i = 0; counts && i < TERTIAL_STATUS_COUNT; i++) {
    PyObject *n = PyLong_FromSize_t(p->count[i]);
    if (!n)
      Py_CLEAR(counts);
    else
      PyTuple_SET_ITEM(counts, i, n);
  }
  return counts ? Py_BuildValue("(inN)", p->level, (Py_ssize_t)p->units, counts) : NULL;
}

static PyObject *tpy_due_value(const tertial_due *d)
{
  return Py_BuildValue("(kiNii)", (unsigned long)d->unit, (int)d->action, tpy_date(&d->deadline), (int)d->status,
                       d->late);
}
%}

%rename(_set_person_class) tpy_set_person_class;
PyObject *tpy_set_person_class(PyObject *person);

%typemap(out) const tertial_person * "$result = tpy_person_value($1);"
%typemap(out) const tertial_assignment * {
  $result = $1 ? Py_BuildValue("(kik)", (unsigned long)$1->person, (int)$1->role, (unsigned long)$1->unit)
               : SWIG_Py_Void();
}
%typemap(out) const tertial_text_version * "$result = tpy_text_version_value($1);"
%typemap(out) const tertial_audit_entry * "$result = tpy_audit_value($1);"
%typemap(out) int tertial_round_is_locked {
  if ($1 < 0) {
    tpy_raise($1);
    SWIG_fail;
  }
  $result = PyBool_FromLong($1);
}
TPY_OUT(tertial_person_id, out_id, PyLong_FromUnsignedLong(*$1))
TPY_OUT(tertial_person_id, out_by, (*$1 == TERTIAL_NO_PERSON ? SWIG_Py_Void() : PyLong_FromUnsignedLong(*$1)))
TPY_OUT(unsigned, out, PyLong_FromUnsignedLong(*$1))
TPY_OUT(uint64_t, out_version, PyLong_FromUnsignedLongLong(*$1))
TPY_OUT(time_t, out_since, PyLong_FromLongLong((long long)*$1))
TPY_STRUCT_OUT(tertial_unit_status, tpy_unit_status_value)

/* Arrays the library allocates (free with tertial_free()): lists. */
%define TPY_ARRAY_OUT(TYPE, CONVERT)
%typemap(in, numinputs=0) (TYPE **out, size_t *out_n) (TYPE *temp = NULL, size_t n = 0) {
  $1 = &temp;
  $2 = &n;
}
%typemap(argout) (TYPE **out, size_t *out_n) {
  PyObject *list = PyList_New((Py_ssize_t)*$2);
  for (size_t i = 0; list && i < *$2; i++) {
    PyObject *v = CONVERT;
    if (!v)
      Py_CLEAR(list);
    else
      PyList_SET_ITEM(list, (Py_ssize_t)i, v);
  }
  if (!list)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, list);
}
%typemap(freearg) (TYPE **out, size_t *out_n) "tertial_free(*$1);"
%enddef
TPY_ARRAY_OUT(size_t, PyLong_FromSize_t((*$1)[i]))
TPY_ARRAY_OUT(tertial_unit_id, PyLong_FromUnsignedLong((*$1)[i]))
TPY_ARRAY_OUT(tertial_level_progress, tpy_progress_value(&(*$1)[i]))
TPY_ARRAY_OUT(tertial_due, tpy_due_value(&(*$1)[i]))

%typemap(in) tertial_person_id {
  if (tpy_person_in($input, &$1, "$symname") < 0)
    SWIG_fail;
}
%typemap(in) const tertial_actor *actor (tertial_actor temp) {
  $1 = NULL;
  if ($input != Py_None) {
    if (tpy_actor_in($input, &temp, "$symname") < 0)
      SWIG_fail;
    $1 = &temp;
  }
}
%typemap(in) const tertial_audit_filter *filter (tertial_audit_filter temp) {
  if (tpy_audit_filter_in($input, &temp, "$symname") < 0)
    SWIG_fail;
  $1 = &temp;
}
%typemap(in) (time_t (*clock)(void *ctx), void *ctx) {
  $1 = NULL;
  $2 = NULL;
  if ($input != Py_None) {
    if (!PyCallable_Check($input)) {
      PyErr_Format(PyExc_TypeError, "expected a callable or None, not %.200s", Py_TYPE($input)->tp_name);
      SWIG_fail;
    }
    $1 = tpy_round_clock;
    $2 = $input;
  }
}
%typemap(argout) (time_t (*clock)(void *ctx), void *ctx) {
  if (tpy_clock_keep(arg1, (PyObject *)$2) < 0)
    SWIG_fail;
}
TPY_USE_HANDLE(tertial_round)
%typemap(check) tertial_round *round, const tertial_round *round {
  if (tpy_clock_busy("$symname") < 0)
    SWIG_fail;
}

%ignore tertial_person;
%ignore tertial_assignment;
%ignore tertial_actor;
%ignore tertial_text_version;
%ignore tertial_unit_status;
%ignore tertial_audit_entry;
%ignore tertial_audit_filter;
%ignore tertial_level_progress;
%ignore tertial_due;

TPY_BORROWED(tertial_round, Round,
  "The follow-up round of a model (Model.round): people and roles, texts, statuses up the line, "
  "the lock of a point, thresholds, progress and the audit trail; changes are made acting as a "
  "person (Round.acting(person)).")
%pythonappend tertial_model_round "val._parent = model.this"

/* The wrapped headers: every public header (tests/test_api_coverage.py checks that a new one is
 * added here, bound in pythonic.py and listed in its API table). */

%include "tertial/common.h"
%include "tertial/error.h"
%include "tertial/money.h"
%include "tertial/calendar.h"
%include "tertial/org.h"
%include "tertial/accounts.h"
%include "tertial/ledger.h"
/* The model takes the mapping (also on error, when it frees it); Model.set_rowmap() makes the
 * Python object follow. */
%apply SWIGTYPE *DISOWN { tertial_rowmap *map };
%typemap(freearg) tertial_rowmap *map ""; /* changes hands: no use is held on it */
%include "tertial/model.h"
%clear tertial_rowmap *map;
%include "tertial/followup.h"
%include "tertial/check.h"
%include "tertial/render_text.h"
%include "tertial/holidays.h"
%include "tertial/keys.h"
%include "tertial/budget.h"
%include "tertial/forecast.h"
%include "tertial/snapshot.h"
%include "tertial/accuracy.h"
%include "tertial/accrual.h"
%include "tertial/measures.h"
%include "tertial/demo.h"
%include "tertial/sie.h"
%include "tertial/sie_load.h"
%include "tertial/sie_write.h"
%include "tertial/report.h"
%include "tertial/presentation.h"
%include "tertial/render_csv.h"
%include "tertial/render_json.h"
%include "tertial/render_xlsx.h"
%include "tertial/render_docx.h"

/* The renderers with a presentation beside their options (NULL options: the defaults). */
%inline %{
static int tpy_csv_presented(char **out, const tertial_report *report, const tertial_csv_options *options,
                             const tertial_presentation *presentation)
{
  tertial_csv_options o = TERTIAL_CSV_OPTIONS_INIT;
  if (options)
    o = *options;
  o.presentation = presentation;
  return tertial_render_csv(out, report, &o);
}
static int tpy_csv_file_presented(const tertial_report *report, const char *path, const tertial_csv_options *options,
                                  const tertial_presentation *presentation)
{
  tertial_csv_options o = TERTIAL_CSV_OPTIONS_INIT;
  if (options)
    o = *options;
  o.presentation = presentation;
  return tertial_render_csv_file(report, path, &o);
}
static int tpy_json_presented(char **out, const tertial_report *report, const tertial_json_options *options,
                              const tertial_presentation *presentation)
{
  tertial_json_options o = TERTIAL_JSON_OPTIONS_INIT;
  if (options)
    o = *options;
  o.presentation = presentation;
  return tertial_render_json(out, report, &o);
}
static int tpy_json_file_presented(const tertial_report *report, const char *path, const tertial_json_options *options,
                                   const tertial_presentation *presentation)
{
  tertial_json_options o = TERTIAL_JSON_OPTIONS_INIT;
  if (options)
    o = *options;
  o.presentation = presentation;
  return tertial_render_json_file(report, path, &o);
}
static int tpy_xlsx_presented(const tertial_report *report, const char *path, const tertial_xlsx_options *options,
                              const tertial_presentation *presentation)
{
  tertial_xlsx_options o = TERTIAL_XLSX_OPTIONS_INIT;
  if (options)
    o = *options;
  o.presentation = presentation;
  return tertial_render_xlsx(report, path, &o);
}
/* With the model the report was built from: the goals sheet (tertial_xlsx_options::model). */
static int tpy_xlsx_with_model(const tertial_report *report, const char *path, const tertial_xlsx_options *options,
                               const tertial_presentation *presentation, tertial_model *model)
{
  tertial_xlsx_options o = TERTIAL_XLSX_OPTIONS_INIT;
  if (options)
    o = *options;
  o.presentation = presentation;
  o.model = model;
  return tertial_render_xlsx(report, path, &o);
}
static int tpy_docx_presented(const tertial_report *report, const char *path, const tertial_docx_options *options,
                              const tertial_presentation *presentation)
{
  tertial_docx_options o = TERTIAL_DOCX_OPTIONS_INIT;
  if (options)
    o = *options;
  o.presentation = presentation;
  return tertial_render_docx(report, path, &o);
}
static int tpy_docx_buffer_presented(char **out, size_t *out_len, const tertial_report *report,
                                     const tertial_docx_options *options, const tertial_presentation *presentation)
{
  tertial_docx_options o = TERTIAL_DOCX_OPTIONS_INIT;
  if (options)
    o = *options;
  o.presentation = presentation;
  return tertial_render_docx_buffer(out, out_len, report, &o);
}
static int tpy_text_report_presented(char **out, const tertial_report *report, const tertial_text_options *options,
                                     const tertial_presentation *presentation)
{
  tertial_text_options o = TERTIAL_TEXT_OPTIONS_INIT;
  if (options)
    o = *options;
  o.presentation = presentation;
  return tertial_render_text_report(out, report, &o);
}
%}
/* The store's flags are no holiday flags (the default typemap above). */
%clear unsigned int flags;
%include "tertial/store.h"
%include "tertial/round.h"
%include "tertial/import.h"

/* Goals and indicators (goals.h): specs in from IndicatorSpec objects, results out as tuples
 * pythonic.py turns into named values. */
%{
static PyObject *tpy_indicator_spec_value(const tertial_indicator_spec *s)
{
  return Py_BuildValue("(NNNiiiNiiLLN)", tpy_text(s->code), tpy_text(s->name), tpy_text(s->unit_of_measure),
                       s->decimals, (int)s->direction, (int)s->aggregation, tpy_text(s->weight), (int)s->periodicity,
                       s->relative, (long long)s->green_margin, (long long)s->yellow_margin, tpy_text(s->external_id));
}

static int tpy_int64_attr(PyObject *obj, const char *name, int64_t *out)
{
  PyObject *v = PyObject_GetAttrString(obj, name);
  if (!v)
    return -1;
  long long x = PyLong_AsLongLong(v);
  Py_DECREF(v);
  if (x == -1 && PyErr_Occurred())
    return -1;
  *out = x;
  return 0;
}

static int tpy_indicator_spec_in(PyObject *obj, tertial_indicator_spec *out, tpy_keep *keep)
{
  tertial_indicator_spec s = TERTIAL_INDICATOR_SPEC_INIT;
  int direction = 0, aggregation = 0, periodicity = 0;
  if (tpy_text_attr(obj, "code", &s.code, keep) < 0 || tpy_text_attr(obj, "name", &s.name, keep) < 0 ||
      tpy_text_attr(obj, "unit_of_measure", &s.unit_of_measure, keep) < 0 ||
      tpy_int_attr(obj, "decimals", &s.decimals) < 0 || tpy_int_attr(obj, "direction", &direction) < 0 ||
      tpy_int_attr(obj, "aggregation", &aggregation) < 0 || tpy_text_attr(obj, "weight", &s.weight, keep) < 0 ||
      tpy_int_attr(obj, "periodicity", &periodicity) < 0 || tpy_int_attr(obj, "relative", &s.relative) < 0 ||
      tpy_int64_attr(obj, "green_margin", &s.green_margin) < 0 ||
      tpy_int64_attr(obj, "yellow_margin", &s.yellow_margin) < 0 ||
      tpy_text_attr(obj, "external_id", &s.external_id, keep) < 0)
    return -1;
  s.direction = (tertial_direction)direction;
  s.aggregation = (tertial_aggregation)aggregation;
  s.periodicity = (tertial_periodicity)periodicity;
  *out = s;
  return 0;
}

static PyObject *tpy_indicator_result_value(const tertial_indicator_result *r)
{
  return Py_BuildValue("(iLinLLiiLiL)", r->has_value, (long long)r->value, r->own, (Py_ssize_t)r->units,
                       (long long)r->target, (long long)r->target_high, r->has_target, (int)r->light,
                       (long long)r->previous, r->has_previous * 2 + r->has_last_year, (long long)r->last_year);
}

static PyObject *tpy_indicator_value_value(const tertial_indicator_value *v)
{
  return Py_BuildValue("(LNL)", (long long)v->value, tpy_text(v->source), (long long)v->imported);
}

static PyObject *tpy_goal_value(const tertial_goal *g)
{
  return Py_BuildValue("(kiNNNkkNii)", (unsigned long)g->id, (int)g->kind, tpy_text(g->code), tpy_text(g->name),
                       tpy_text(g->text), (unsigned long)g->parent, (unsigned long)g->unit, tpy_text(g->responsible),
                       g->first_year, g->last_year);
}

static PyObject *tpy_goal_state_value(const tertial_goal_state *s)
{
  return Py_BuildValue("(ii(nnnn)iiNNNLK)", (int)s->proposed, (int)s->status, (Py_ssize_t)s->lights[0],
                       (Py_ssize_t)s->lights[1], (Py_ssize_t)s->lights[2], (Py_ssize_t)s->lights[3], s->set,
                       s->overridden, tpy_text(s->reason), tpy_text(s->comment), tpy_text(s->by), (long long)s->when,
                       (unsigned long long)s->version);
}

static PyObject *tpy_volume_outlook_value(const tertial_volume_outlook *o)
{
  return Py_BuildValue("(iLLLiiLL)", o->months, (long long)o->budgeted, (long long)o->latest,
                       (long long)o->trend_year_end, o->warns, o->first_month, (long long)o->cost_per_unit,
                       (long long)o->consequence);
}
%}
%typemap(in) const tertial_indicator_spec *spec (tertial_indicator_spec temp, tpy_keep keep = TPY_KEEP_INIT) {
  if (tpy_indicator_spec_in($input, &temp, &keep) < 0)
    SWIG_fail;
  $1 = &temp;
}
%typemap(freearg) const tertial_indicator_spec *spec "tpy_keep_release(&keep$argnum);"
%typemap(out) const tertial_indicator_spec * "$result = $1 ? tpy_indicator_spec_value($1) : SWIG_Py_Void();"
%typemap(out) const tertial_goal * "$result = $1 ? tpy_goal_value($1) : SWIG_Py_Void();"
%typemap(in) const tertial_goal_rule *rule (tertial_goal_rule temp) {
  if (!PyArg_ParseTuple($input, "ii;a rule is (met_green, partly_green_yellow) in per mille", &temp.met_green,
                        &temp.partly_green_yellow))
    SWIG_fail;
  $1 = &temp;
}
%typemap(out) tertial_goal_rule "$result = Py_BuildValue(\"(ii)\", $1.met_green, $1.partly_green_yellow);"
/* when a value was imported: seconds since 1970 (pythonic.py turns a datetime into them) */
%typemap(in) time_t imported {
  long long t = PyLong_AsLongLong($input);
  if (t == -1 && PyErr_Occurred())
    SWIG_fail;
  $1 = (time_t)t;
}
%typemap(in) time_t when = time_t imported;
TPY_STRUCT_OUT(tertial_indicator_result, tpy_indicator_result_value)
TPY_STRUCT_OUT(tertial_indicator_value, tpy_indicator_value_value)
TPY_STRUCT_OUT(tertial_goal_state, tpy_goal_state_value)
TPY_STRUCT_OUT(tertial_volume_outlook, tpy_volume_outlook_value)
TPY_OUT(tertial_indicator_id, out_id, PyLong_FromUnsignedLong(*$1))
TPY_OUT(tertial_goal_id, out_id, PyLong_FromUnsignedLong(*$1))
TPY_OUT(int64_t, out_target, PyLong_FromLongLong(*$1))
TPY_OUT(int64_t, out_high, PyLong_FromLongLong(*$1))
TPY_ARRAY_OUT(tertial_indicator_id, PyLong_FromUnsignedLong((*$1)[i]))
%typemap(in, numinputs=0) (tertial_goal_id **out, size_t *out_n, size_t *out_up)
  (tertial_goal_id *temp = NULL, size_t n = 0, size_t up = 0) {
  $1 = &temp;
  $2 = &n;
  $3 = &up;
}
%typemap(argout) (tertial_goal_id **out, size_t *out_n, size_t *out_up) {
  PyObject *list = PyList_New((Py_ssize_t)*$2);
  for (size_t i = 0; list && i < *$2; i++) {
    PyObject *v = PyLong_FromUnsignedLong((*$1)[i]);
    if (!v)
      Py_CLEAR(list);
    else
      PyList_SET_ITEM(list, (Py_ssize_t)i, v);
  }
  PyObject *pair = list ? Py_BuildValue("(Nn)", list, (Py_ssize_t)*$3) : NULL;
  if (!pair)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, pair);
}
%typemap(freearg) (tertial_goal_id **out, size_t *out_n, size_t *out_up) "tertial_free(*$1);"
%typemap(in, numinputs=0) size_t out[ANY] (size_t temp[TERTIAL_GOAL_STATUS_COUNT]) {
  memset(temp, 0, sizeof temp);
  $1 = temp;
}
%typemap(argout) size_t out[ANY] {
  PyObject *o = Py_BuildValue("(nnnn)", (Py_ssize_t)$1[0], (Py_ssize_t)$1[1], (Py_ssize_t)$1[2], (Py_ssize_t)$1[3]);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
/* tertial_indicator_set_values: two sequences of the same length, units and values */
%typemap(in) (const tertial_unit_id *units, const int64_t *values, size_t n)
  (tertial_unit_id *u = NULL, int64_t *v = NULL, PyObject *su = NULL, PyObject *sv = NULL) {
  PyObject *pair = $input;
  if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
    PyErr_SetString(PyExc_TypeError, "expected (units, values)");
    SWIG_fail;
  }
  su = PySequence_Fast(PyTuple_GET_ITEM(pair, 0), "units must be a sequence");
  sv = su ? PySequence_Fast(PyTuple_GET_ITEM(pair, 1), "values must be a sequence") : NULL;
  if (!sv)
    SWIG_fail;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(su);
  if (PySequence_Fast_GET_SIZE(sv) != n) {
    PyErr_SetString(PyExc_ValueError, "units and values differ in length");
    SWIG_fail;
  }
  u = malloc(((size_t)n + 1) * sizeof *u);
  v = malloc(((size_t)n + 1) * sizeof *v);
  if (!u || !v) {
    PyErr_NoMemory();
    SWIG_fail;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    uint32_t x = 0;
    if (tpy_id_in(PySequence_Fast_GET_ITEM(su, i), TERTIAL_NO_UNIT, &x) < 0)
      SWIG_fail;
    long long y = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(sv, i));
    if (y == -1 && PyErr_Occurred())
      SWIG_fail;
    u[i] = (tertial_unit_id)x;
    v[i] = y;
  }
  $1 = u;
  $2 = v;
  $3 = (size_t)n;
}
%typemap(freearg) (const tertial_unit_id *units, const int64_t *values, size_t n) {
  free(u$argnum);
  free(v$argnum);
  Py_XDECREF(su$argnum);
  Py_XDECREF(sv$argnum);
}
/* tertial_indicator_evaluate_all: one result per unit of the organisation, as a list */
%ignore tertial_indicator_evaluate_all;
%inline %{
PyObject *tpy_indicator_evaluate_all(tertial_goals *goals, tertial_model *model, tertial_indicator_id id, int period,
                                     int year)
{
  size_t n = tertial_org_unit_count(tertial_model_org(model));
  tertial_indicator_result *r = calloc(n ? n : 1, sizeof *r);
  if (!r)
    return PyErr_NoMemory();
  int rc = tertial_indicator_evaluate_all(r, goals, id, period, year);
  PyObject *list = rc < 0 ? tpy_raise(rc) : PyList_New((Py_ssize_t)n);
  for (size_t i = 0; list && i < n; i++) {
    PyObject *v = tpy_indicator_result_value(&r[i]);
    if (!v)
      Py_CLEAR(list);
    else
      PyList_SET_ITEM(list, (Py_ssize_t)i, v);
  }
  free(r);
  return list;
}
%}
TPY_USE_HANDLE(tertial_goals)
%ignore tertial_indicator_spec;
%ignore tertial_indicator_value;
%ignore tertial_indicator_result;
%ignore tertial_goal;
%ignore tertial_goal_rule;
%ignore tertial_goal_state;
%ignore tertial_volume_outlook;
TPY_BORROWED(tertial_goals, Goals,
  "The goals and indicators of a model (Model.goals): the goal tree, indicators with their values, "
  "targets, lights and trends, statuses per follow-up point, volumes' early warnings.")
%pythonappend tertial_model_goals "val._parent = model.this"
%include "tertial/goals.h"

/* The planning process (issue 19): the annual wheel (wheel.h) and the prioritisation model
 * (priorities.h). Templates, calendars, proposals and rules are handles; their borrowed structs
 * come out as tuples pythonic.py names; a proposal goes in from a ProposalSpec. */
%{
static PyObject *tpy_wheel_when_value(const tertial_wheel_when *w)
{
  return Py_BuildValue("(iiiiiiii)", (int)w->kind, w->year, w->from_week, w->to_week, w->from_month, w->from_day,
                       w->to_month, w->to_day);
}

static PyObject *tpy_wheel_process_value(const tertial_wheel_process *p)
{
  return Py_BuildValue("(NiNNNI)", tpy_text(p->name), (int)p->flow, tpy_wheel_when_value(&p->when),
                       tpy_text(p->objects_in), tpy_text(p->objects_out), p->line);
}

static PyObject *tpy_wheel_activity_value(const tertial_wheel_activity *a)
{
  return Py_BuildValue("(nNNNNNNNNiI)", (Py_ssize_t)a->process, tpy_text(a->name), tpy_wheel_when_value(&a->when),
                       tpy_text(a->responsible), tpy_text(a->participants), tpy_text(a->unit),
                       tpy_text(a->decided_by), tpy_text(a->objects_in), tpy_text(a->objects_out), (int)a->variant,
                       a->line);
}

static PyObject *tpy_schedule_entry_value(const tertial_schedule_entry *e)
{
  return Py_BuildValue("(inNNNNNNNiNNiiii)", (int)e->kind, (Py_ssize_t)e->index, tpy_text(e->process),
                       tpy_text(e->name), tpy_text(e->responsible), tpy_text(e->participants), tpy_text(e->unit),
                       tpy_text(e->decided_by), tpy_text(e->point), e->level, tpy_date(&e->start), tpy_date(&e->end),
                       e->start_week_year, e->start_week, e->end_week_year, e->end_week);
}

static PyObject *tpy_proposal_value(const tertial_proposal *p)
{
  return Py_BuildValue("(NiNNNLiiiiNNiNN)", tpy_text(p->code), (int)p->kind, tpy_text(p->problem),
                       tpy_text(p->target_group), tpy_text(p->measure), (long long)p->cost, (int)p->difficulty,
                       (int)p->benefit, (int)p->cost_effectiveness, (int)p->perspective, tpy_text(p->consequences),
                       tpy_text(p->owner), (int)p->status, tpy_text(p->unit), tpy_text(p->account));
}

static int tpy_proposal_in(PyObject *obj, tertial_proposal *out, tpy_keep *keep)
{
  tertial_proposal p = TERTIAL_PROPOSAL_INIT;
  int kind, difficulty, benefit, effectiveness, perspective, status;
  if (tpy_text_attr(obj, "code", &p.code, keep) < 0 || tpy_int_attr(obj, "kind", &kind) < 0 ||
      tpy_text_attr(obj, "problem", &p.problem, keep) < 0 ||
      tpy_text_attr(obj, "target_group", &p.target_group, keep) < 0 ||
      tpy_text_attr(obj, "measure", &p.measure, keep) < 0 || tpy_money_attr(obj, "cost", &p.cost) < 0 ||
      tpy_int_attr(obj, "difficulty", &difficulty) < 0 || tpy_int_attr(obj, "benefit", &benefit) < 0 ||
      tpy_int_attr(obj, "cost_effectiveness", &effectiveness) < 0 ||
      tpy_int_attr(obj, "perspective", &perspective) < 0 ||
      tpy_text_attr(obj, "consequences", &p.consequences, keep) < 0 ||
      tpy_text_attr(obj, "owner", &p.owner, keep) < 0 || tpy_int_attr(obj, "status", &status) < 0 ||
      tpy_text_attr(obj, "unit", &p.unit, keep) < 0 || tpy_text_attr(obj, "account", &p.account, keep) < 0)
    return -1;
  p.kind = (tertial_proposal_kind)kind;
  p.difficulty = (tertial_difficulty)difficulty;
  p.benefit = (tertial_benefit)benefit;
  p.cost_effectiveness = (tertial_cost_effectiveness)effectiveness;
  p.perspective = (tertial_perspective)perspective;
  p.status = (tertial_proposal_status)status;
  *out = p;
  return 0;
}
%}
%typemap(out) const tertial_wheel_process * "$result = $1 ? tpy_wheel_process_value($1) : SWIG_Py_Void();"
%typemap(out) const tertial_wheel_activity * "$result = $1 ? tpy_wheel_activity_value($1) : SWIG_Py_Void();"
%typemap(out) const tertial_schedule_entry * "$result = $1 ? tpy_schedule_entry_value($1) : SWIG_Py_Void();"
%typemap(out) const tertial_proposal * "$result = $1 ? tpy_proposal_value($1) : SWIG_Py_Void();"
%typemap(in) const tertial_proposal *p (tertial_proposal temp, tpy_keep keep = TPY_KEEP_INIT) {
  if (tpy_proposal_in($input, &temp, &keep) < 0)
    SWIG_fail;
  $1 = &temp;
}
%typemap(freearg) const tertial_proposal *p "tpy_keep_release(&keep$argnum);"
%typemap(out) int tertial_election_year_is, int tertial_schedule_election "$result = PyBool_FromLong($1);"
%typemap(out) int tertial_schedule_year "$result = PyLong_FromLong($1);"
%typemap(in) const tertial_date *date (tertial_date temp) {
  if (tpy_date_in($input, 0, &temp) < 0)
    SWIG_fail;
  $1 = &temp;
}
/* the ends of tertial_schedule_due(): a date, or None for open */
%typemap(in) const tertial_date *from (tertial_date temp), const tertial_date *to (tertial_date temp) {
  $1 = NULL;
  if ($input != Py_None) {
    if (tpy_date_in($input, 0, &temp) < 0)
      SWIG_fail;
    $1 = &temp;
  }
}
TPY_OUT(int, out_year, PyLong_FromLong(*$1))
TPY_OUT(int, out_week, PyLong_FromLong(*$1))
/* a template's or a table's text: str (as UTF-8) or bytes */
%typemap(in) (const char *text, size_t len) (Py_ssize_t n = 0) {
  if (PyUnicode_Check($input)) {
    $1 = (char *)PyUnicode_AsUTF8AndSize($input, &n);
  } else if (PyBytes_Check($input)) {
    char *b = NULL;
    if (PyBytes_AsStringAndSize($input, &b, &n) < 0)
      SWIG_fail;
    $1 = b;
  } else {
    PyErr_Format(PyExc_TypeError, "expected str or bytes, not %.200s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  if (!$1)
    SWIG_fail;
  $2 = (size_t)n;
}
/* tertial_priority_rule_describe(): a string the caller frees */
%typemap(out) char *tertial_priority_rule_describe {
  if (!$1) {
    PyErr_NoMemory();
    SWIG_fail;
  }
  $result = PyUnicode_DecodeUTF8($1, (Py_ssize_t)strlen($1), "replace");
  tertial_free($1);
}
/* tertial_proposals_rank(): the ranking as a list of (index, rank), best first */
%ignore tertial_proposals_rank;
%inline %{
PyObject *tpy_proposals_rank(const tertial_proposals *list, const tertial_priority_rule *rule)
{
  size_t n = tertial_proposals_count(list);
  size_t *order = calloc(n ? n : 1, sizeof *order), *ranks = calloc(n ? n : 1, sizeof *ranks);
  PyObject *result = NULL;
  int rc = order && ranks ? tertial_proposals_rank(order, ranks, n, list, rule) : TERTIAL_ERR_NOMEM;
  if (rc < 0)
    result = rc == TERTIAL_ERR_NOMEM && (!order || !ranks) ? PyErr_NoMemory() : tpy_raise(rc);
  else
    result = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; rc == 0 && result && i < n; i++) {
    PyObject *pair = Py_BuildValue("(nn)", (Py_ssize_t)order[i], (Py_ssize_t)ranks[i]);
    if (!pair)
      Py_CLEAR(result);
    else
      PyList_SET_ITEM(result, (Py_ssize_t)i, pair);
  }
  free(order);
  free(ranks);
  return result;
}
%}
TPY_USE_HANDLE(tertial_wheel)
TPY_USE_HANDLE(tertial_schedule)
TPY_USE_HANDLE(tertial_proposals)
TPY_USE_HANDLE(tertial_priority_rule)
%ignore tertial_wheel_when;
%ignore tertial_wheel_process;
%ignore tertial_wheel_activity;
%ignore tertial_schedule_entry;
%ignore tertial_proposal;
%ignore tertial_wheel_free;
%ignore tertial_schedule_free;
%ignore tertial_proposals_free;
%ignore tertial_priority_rule_free;
TPY_HANDLE(tertial_wheel, Wheel, tertial_wheel_free,
  "A municipality's annual wheel (wheel.h): Wheel.load(path) or Wheel.parse(text); processes, "
  "activities, and schedule(year) for the dated calendar of a cycle.")
TPY_HANDLE(tertial_schedule, Schedule, tertial_schedule_free,
  "The dated calendar of one cycle of a wheel (Wheel.schedule(year)); len(), iteration and s[i] "
  "give ScheduleEntry values; due(start, end, role, unit) filters it.")
TPY_HANDLE(tertial_proposals, Proposals, tertial_proposals_free,
  "Proposals of the prioritisation model (priorities.h): Proposals(), add(...), load(path), "
  "parse(text); rank(rule=None) ranks them.")
TPY_HANDLE(tertial_priority_rule, PriorityRule, tertial_priority_rule_free,
  "A ranking rule of the prioritisation model: PriorityRule() (the default), "
  "PriorityRule.parse(text) or PriorityRule.load(path); str() is its text form.")
%include "tertial/wheel.h"
%include "tertial/priorities.h"
/* Internal control (intcontrol.h): risks, controls and results go in from objects with their fields
 * as attributes (pythonic.py's add_risk(), add_control(), add_result()) and come out as tuples. */
%{
static PyObject *tpy_risk_value(const tertial_risk *r)
{
  return Py_BuildValue("(NNNNii)", tpy_text(r->code), tpy_text(r->committee), tpy_text(r->process),
                       tpy_text(r->risk), r->likelihood, r->consequence);
}

static PyObject *tpy_control_value(const tertial_control *c)
{
  return Py_BuildValue("(NNNNNNN)", tpy_text(c->code), tpy_text(c->risk), tpy_text(c->activity), tpy_text(c->method),
                       tpy_text(c->frequency), tpy_text(c->responsible), tpy_text(c->point));
}

static PyObject *tpy_control_result_value(const tertial_control_result *r)
{
  return Py_BuildValue("(NNNiN)", tpy_text(r->control), tpy_text(r->point), tpy_text(r->result), r->deviations,
                       tpy_text(r->measures));
}

static int tpy_risk_in(PyObject *obj, tertial_risk *out, tpy_keep *keep)
{
  memset(out, 0, sizeof *out);
  return tpy_text_attr(obj, "code", &out->code, keep) < 0 || tpy_text_attr(obj, "committee", &out->committee, keep) < 0 ||
         tpy_text_attr(obj, "process", &out->process, keep) < 0 || tpy_text_attr(obj, "risk", &out->risk, keep) < 0 ||
         tpy_int_attr(obj, "likelihood", &out->likelihood) < 0 || tpy_int_attr(obj, "consequence", &out->consequence) < 0
           ? -1 : 0;
}

static int tpy_control_in(PyObject *obj, tertial_control *out, tpy_keep *keep)
{
  memset(out, 0, sizeof *out);
  return tpy_text_attr(obj, "code", &out->code, keep) < 0 || tpy_text_attr(obj, "risk", &out->risk, keep) < 0 ||
         tpy_text_attr(obj, "activity", &out->activity, keep) < 0 || tpy_text_attr(obj, "method", &out->method, keep) < 0 ||
         tpy_text_attr(obj, "frequency", &out->frequency, keep) < 0 ||
         tpy_text_attr(obj, "responsible", &out->responsible, keep) < 0 || tpy_text_attr(obj, "point", &out->point, keep) < 0
           ? -1 : 0;
}

static int tpy_control_result_in(PyObject *obj, tertial_control_result *out, tpy_keep *keep)
{
  memset(out, 0, sizeof *out);
  return tpy_text_attr(obj, "control", &out->control, keep) < 0 || tpy_text_attr(obj, "point", &out->point, keep) < 0 ||
         tpy_text_attr(obj, "result", &out->result, keep) < 0 || tpy_int_attr(obj, "deviations", &out->deviations) < 0 ||
         tpy_text_attr(obj, "measures", &out->measures, keep) < 0
           ? -1 : 0;
}
%}
%define TPY_IC_IN(TYPE, NAME, CONVERT)
%typemap(in) const TYPE *NAME (TYPE temp, tpy_keep keep = TPY_KEEP_INIT) {
  if (CONVERT($input, &temp, &keep) < 0)
    SWIG_fail;
  $1 = &temp;
}
%typemap(freearg) const TYPE *NAME "tpy_keep_release(&keep$argnum);"
%enddef
TPY_IC_IN(tertial_risk, risk, tpy_risk_in)
TPY_IC_IN(tertial_control, control, tpy_control_in)
TPY_IC_IN(tertial_control_result, result, tpy_control_result_in)
%typemap(out) const tertial_risk * "$result = $1 ? tpy_risk_value($1) : SWIG_Py_Void();"
%typemap(out) const tertial_control * "$result = $1 ? tpy_control_value($1) : SWIG_Py_Void();"
%typemap(out) const tertial_control_result * "$result = $1 ? tpy_control_result_value($1) : SWIG_Py_Void();"
%typemap(out) int tertial_intcontrol_threshold "$result = PyLong_FromLong($1);"
%typemap(out) int tertial_intcontrol_risk_controls {
  if ($1 < 0) {
    tpy_raise($1);
    SWIG_fail;
  }
  $result = PyLong_FromLong($1);
}
TPY_OUT(int, out_value, PyLong_FromLong(*$1))
TPY_OUT(int, out_control, PyBool_FromLong(*$1))
TPY_USE_HANDLE(tertial_intcontrol)
%ignore tertial_risk;
%ignore tertial_control;
%ignore tertial_control_result;
%ignore tertial_intcontrol_free;
TPY_HANDLE(tertial_intcontrol, IntControl, tertial_intcontrol_free,
  "A committee's risk analysis, internal control plan and follow-up (intcontrol.h): IntControl(), "
  "load(table, path), add_risk(...), risks with their values and decisions, controls, results.")
%include "tertial/intcontrol.h"
/* The planning process, continued (issue 19): decided proposals applied to a budget version
 * (priorities_budget.h), unfunded decisions (unfunded.h) and the planning objects in the store
 * (store_plan.h). Summaries and records come out as tuples pythonic.py names; a decision goes in
 * from an object with its fields as attributes (pythonic.py's Unfunded.add()). */
%{
static PyObject *tpy_proposals_applied(const tertial_proposals_applied *a)
{
  return Py_BuildValue("(nLnn)", (Py_ssize_t)a->applied, (long long)a->total, (Py_ssize_t)a->already,
                       (Py_ssize_t)a->not_decided);
}

static PyObject *tpy_applied_proposal(const tertial_applied_proposal *r)
{
  return Py_BuildValue("(iNkkL)", r->measure, tpy_text(r->code), (unsigned long)r->unit, (unsigned long)r->account,
                       (long long)r->amount);
}

static PyObject *tpy_unfunded_value(const tertial_unfunded_decision *d)
{
  return Py_BuildValue("(NNNNNLiL)", tpy_text(d->code), tpy_text(d->committee), tpy_date(&d->decided),
                       tpy_text(d->decided_by), tpy_text(d->description), (long long)d->cost, (int)d->funding,
                       (long long)d->funded);
}

static int tpy_unfunded_in(PyObject *obj, tertial_unfunded_decision *out, tpy_keep *keep)
{
  tertial_unfunded_decision d = TERTIAL_UNFUNDED_DECISION_INIT;
  int funding = 0;
  PyObject *decided = PyObject_GetAttrString(obj, "decided");
  int rc = decided ? tpy_date_in(decided, 0, &d.decided) : -1;
  Py_XDECREF(decided);
  if (rc < 0 || tpy_text_attr(obj, "code", &d.code, keep) < 0 ||
      tpy_text_attr(obj, "committee", &d.committee, keep) < 0 ||
      tpy_text_attr(obj, "decided_by", &d.decided_by, keep) < 0 ||
      tpy_text_attr(obj, "description", &d.description, keep) < 0 || tpy_money_attr(obj, "cost", &d.cost) < 0 ||
      tpy_int_attr(obj, "funding", &funding) < 0 || tpy_money_attr(obj, "funded", &d.funded) < 0)
    return -1;
  d.funding = (tertial_funding)funding;
  *out = d;
  return 0;
}
%}
TPY_STRUCT_OUT(tertial_proposals_applied, tpy_proposals_applied)
TPY_STRUCT_OUT(tertial_applied_proposal, tpy_applied_proposal)
%typemap(in) const tertial_unfunded_decision *d (tertial_unfunded_decision temp, tpy_keep keep = TPY_KEEP_INIT) {
  if (tpy_unfunded_in($input, &temp, &keep) < 0)
    SWIG_fail;
  $1 = &temp;
}
%typemap(freearg) const tertial_unfunded_decision *d "tpy_keep_release(&keep$argnum);"
%typemap(out) const tertial_unfunded_decision * "$result = $1 ? tpy_unfunded_value($1) : SWIG_Py_Void();"
/* tertial_unfunded_committee_at(): (name, decisions, total) */
%typemap(in, numinputs=0) const char **name (const char *temp = NULL) "$1 = ($1_ltype)&temp;"
%typemap(argout) const char **name {
  $result = SWIG_Python_AppendOutput($result, tpy_text(*$1));
}
%typemap(in, numinputs=0) size_t *decisions (size_t temp = 0) "$1 = &temp;"
%typemap(argout) size_t *decisions {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1));
}
%typemap(in, numinputs=0) int64_t *total (int64_t temp = 0) "$1 = &temp;"
%typemap(argout) int64_t *total {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromLongLong(*$1));
}
/* tertial_unfunded_total(): the committee, or None for all */
%typemap(in) const char *committee {
  $1 = NULL;
  if ($input != Py_None) {
    Py_ssize_t n = 0;
    $1 = (char *)PyUnicode_AsUTF8AndSize($input, &n);
    if (!$1)
      SWIG_fail;
  }
}
TPY_USE_HANDLE(tertial_unfunded)
%ignore tertial_proposals_applied;
%ignore tertial_applied_proposal;
%ignore tertial_unfunded_decision;
%ignore tertial_unfunded_free;
TPY_HANDLE(tertial_unfunded, Unfunded, tertial_unfunded_free,
  "Unfunded decisions (ofinansierade beslut, unfunded.h): Unfunded(), add(...), load(path), parse(text); "
  "total(committee=None) and committees give the unfunded parts' sums.")
%include "tertial/priorities_budget.h"
%include "tertial/unfunded.h"
TPY_USE_HANDLE(tertial_investments) /* store_plan.h's investment budget (issue 19, schema 12) */
TPY_USE_HANDLE(tertial_frame_update) /* store_plan.h's applied frame update lines (issue 19, schema 14) */
%include "tertial/store_plan.h"
%clear const char **name;
%clear size_t *decisions;
%clear int64_t *total;
%clear const char *committee;
/* The investment budget (issue 19, investments.h): a project crosses as a tuple pythonic.py names
 * (Investment), and goes in from an object with its fields as attributes (Investments.add()). */
%{
static PyObject *tpy_investment_value(const tertial_investment *p)
{
  PyObject *amounts = PyTuple_New(p->years);
  if (!amounts)
    return NULL;
  for (int i = 0; i < p->years; i++) {
    PyObject *a = PyLong_FromLongLong((long long)p->amounts[i]);
    if (!a) {
      Py_DECREF(amounts);
      return NULL;
    }
    PyTuple_SET_ITEM(amounts, i, a);
  }
  return Py_BuildValue("(NNNNiiNNN)", tpy_text(p->code), tpy_text(p->name), tpy_text(p->unit),
                       tpy_text(p->category), (int)p->status, p->first_year, amounts,
                       p->has_spent ? PyLong_FromLongLong((long long)p->spent) : SWIG_Py_Void(),
                       p->has_budget ? PyLong_FromLongLong((long long)p->budget) : SWIG_Py_Void());
}

/* An optional amount attribute: None is not known. */
static int tpy_optional_money_attr(PyObject *obj, const char *name, int *has, int64_t *out)
{
  PyObject *v = PyObject_GetAttrString(obj, name);
  if (!v)
    return -1;
  *has = v != Py_None;
  int rc = *has ? tpy_money_in(v, out) : 0;
  Py_DECREF(v);
  return rc;
}

static int tpy_investment_in(PyObject *obj, tertial_investment *out, tpy_keep *keep)
{
  tertial_investment p = TERTIAL_INVESTMENT_INIT;
  int status = 0;
  if (tpy_text_attr(obj, "code", &p.code, keep) < 0 || tpy_text_attr(obj, "name", &p.name, keep) < 0 ||
      tpy_text_attr(obj, "unit", &p.unit, keep) < 0 || tpy_text_attr(obj, "category", &p.category, keep) < 0 ||
      tpy_int_attr(obj, "status", &status) < 0 || tpy_int_attr(obj, "first_year", &p.first_year) < 0 ||
      tpy_optional_money_attr(obj, "spent", &p.has_spent, &p.spent) < 0 ||
      tpy_optional_money_attr(obj, "budget", &p.has_budget, &p.budget) < 0)
    return -1;
  p.status = (tertial_investment_status)status;
  PyObject *a = PyObject_GetAttrString(obj, "amounts");
  PyObject *seq = a ? PySequence_Fast(a, "amounts: expected a sequence of amounts, one per plan year") : NULL;
  Py_XDECREF(a);
  if (!seq)
    return -1;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  int rc = 0;
  if (n < 1 || n > TERTIAL_INVESTMENT_YEARS) {
    PyErr_Format(PyExc_ValueError, "amounts: expected 1 to %d plan years, not %zd", TERTIAL_INVESTMENT_YEARS, n);
    rc = -1;
  }
  for (Py_ssize_t i = 0; rc == 0 && i < n; i++)
    rc = tpy_money_in(PySequence_Fast_GET_ITEM(seq, i), &p.amounts[i]);
  Py_DECREF(seq);
  p.years = (int)n;
  if (rc == 0)
    *out = p;
  return rc;
}
%}
%typemap(in) const tertial_investment *p (tertial_investment temp, tpy_keep keep = TPY_KEEP_INIT) {
  if (tpy_investment_in($input, &temp, &keep) < 0)
    SWIG_fail;
  $1 = &temp;
}
%typemap(freearg) const tertial_investment *p "tpy_keep_release(&keep$argnum);"
%typemap(out) const tertial_investment * "$result = $1 ? tpy_investment_value($1) : SWIG_Py_Void();"
TPY_OUT(int, first, PyLong_FromLong(*$1))
TPY_OUT(int, last, PyLong_FromLong(*$1))
/* tertial_investments_total(): a unit and a category, or None for all */
%typemap(in) const char *unit, const char *category {
  $1 = NULL;
  if ($input != Py_None) {
    Py_ssize_t n = 0;
    $1 = (char *)PyUnicode_AsUTF8AndSize($input, &n);
    if (!$1)
      SWIG_fail;
  }
}
TPY_USE_HANDLE(tertial_investments)
%ignore tertial_investment;
%ignore tertial_investments_free;
TPY_HANDLE(tertial_investments, Investments, tertial_investments_free,
  "The investment budget (investments.h): Investments(), add(...), load(path), parse(text); projects as "
  "Investment values; total(year, unit=None, category=None), remaining(index, year), years.")
%include "tertial/investments.h"
/* Budget preparation (issue 19, frames.h), here while the typemaps above for a unit that may be
 * None and a table's text hold: the chain of a version (BudgetChain of BudgetVersion values,
 * borrowing the model's strings), the kinds' names, frame updates (FrameUpdate); a line crosses
 * as a tuple pythonic.py names FrameLine and goes in through _frame_update_add()'s keywords. */
%{
static PyObject *tpy_frame_line(const tertial_frame_line *l)
{
  return Py_BuildValue("(NNiLLLLNNLL)", tpy_text(l->unit), tpy_text(l->account), (int)l->kind, (long long)l->rate,
                       (long long)l->persons, (long long)l->per_person, (long long)l->amount, tpy_text(l->group),
                       tpy_text(l->text), (long long)l->base, (long long)l->change);
}

static int tpy_frame_update_add(tertial_frame_update *update, const char *unit, const char *account, int kind,
                                long long rate, long long persons, long long per_person, long long amount,
                                const char *group, const char *text)
{
  tertial_frame_line l = {TERTIAL_FRAME_LINE_VERSION, unit, account, (tertial_frame_line_kind)kind, rate, persons,
                          per_person, amount, group, text, 0, 0};
  return tertial_frame_update_add(update, &l);
}
%}
%typemap(out) const tertial_budget_version * "$result = $1 ? tpy_budget_version($1) : SWIG_Py_Void();"
%typemap(out) const tertial_frame_line * "$result = $1 ? tpy_frame_line($1) : SWIG_Py_Void();"
TPY_OUT(tertial_budget_kind, out, tpy_enum("BudgetKind", *$1))
TPY_USE_HANDLE(tertial_budget_chain)
TPY_USE_HANDLE(tertial_frame_update)
%pythonappend tertial_budget_chain_of "val._parent = model.this"
%ignore tertial_frame_line;
%ignore tertial_frame_update_add;
%ignore tertial_budget_chain_free;
%ignore tertial_frame_update_free;
TPY_HANDLE(tertial_budget_chain, BudgetChain, tertial_budget_chain_free,
  "The chain of a budget version stage by stage (Model.budget_chain(measure)): len(), iteration and "
  "chain[i] give BudgetVersion values, the first stage first.")
TPY_HANDLE(tertial_frame_update, FrameUpdate, tertial_frame_update_free,
  "A frame update (frames.h): FrameUpdate(), add(...), load(path), parse(text); lines as FrameLine "
  "values; apply(model, from_measure, name, ...) makes the next stage; total(unit=None).")
%include "tertial/frames.h"
%rename(_frame_update_add) tpy_frame_update_add;
/** Add a frame update line (tertial_frame_update_add()): amounts and costs per inhabitant in int öre. */
int tpy_frame_update_add(tertial_frame_update *update, const char *unit, const char *account, int kind,
                         long long rate, long long persons, long long per_person, long long amount,
                         const char *group, const char *text);
%clear tertial_budget_kind *out;
%clear const tertial_investment *p;
%clear int *first;
%clear int *last;
%clear const char *unit;
%clear const char *category;
/* The audit of printed tables (audit.h). Findings and printed values cross as tuples that
 * pythonic.py makes AuditFinding values of; a line's spec as a tuple (label, code, depth, kind,
 * parent, where); the read options as the sheet's name or None. */
%{
static PyObject *tpy_audit_finding(const tertial_audit_finding *f)
{
  return Py_BuildValue("(nnnssssiiLLLiss)", (Py_ssize_t)f->table, (Py_ssize_t)f->line, (Py_ssize_t)f->column,
                       f->table_name, f->line_label, f->column_header, f->where, (int)f->relation, (int)f->cls,
                       (long long)f->printed, (long long)f->expected, (long long)f->difference, f->decimals,
                       f->explanation, f->explanation_en);
}
%}
%typemap(out) const tertial_audit_finding * "$result = $1 ? tpy_audit_finding($1) : SWIG_Py_Void();"
%typemap(in, numinputs=0) tertial_audit_value *out (tertial_audit_value temp) "memset(&temp, 0, sizeof temp);\n  $1 = &temp;"
%typemap(argout) tertial_audit_value *out {
  PyObject *o = Py_BuildValue("(iLii)", (int)$1->kind, (long long)$1->scaled, $1->decimals, $1->percent);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(in, numinputs=0) size_t *out (size_t temp = 0) "$1 = &temp;"
%typemap(argout) size_t *out {
  PyObject *o = PyLong_FromSize_t(*$1);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
%typemap(in) const tertial_audit_line_spec *spec (tertial_audit_line_spec temp = TERTIAL_AUDIT_LINE_SPEC_INIT) {
  int kind = -1;
  if (!PyArg_ParseTuple($input, "s|ziilz;a line: (label, code=None, depth=-1, kind=-1, parent=-1, where=None)",
                        &temp.label, &temp.code, &temp.depth, &kind, &temp.parent, &temp.where))
    SWIG_fail;
  temp.kind = (tertial_audit_line_kind)kind;
  $1 = &temp;
}
%typemap(in) const tertial_audit_read_options *options (tertial_audit_read_options temp = TERTIAL_AUDIT_READ_OPTIONS_INIT) {
  if ($input != Py_None && !(temp.sheet = PyUnicode_AsUTF8($input)))
    SWIG_fail;
  $1 = &temp;
}
%typemap(in) (const char *data, size_t len), (const char *text, size_t len) {
  Py_ssize_t size = 0;
  const char *p = PyBytes_Check($input) ? PyBytes_AsString($input) : PyUnicode_AsUTF8AndSize($input, &size);
  if (!p)
    SWIG_fail;
  if (PyBytes_Check($input))
    size = PyBytes_Size($input);
  $1 = ($1_ltype)p;
  $2 = (size_t)size;
}
%apply (const char *const *keys, size_t n) { (const char *const *cells, size_t ncells) };
%typemap(out) int tertial_audit_column_meaning "$result = $1 < 0 ? SWIG_Py_Void() : PyLong_FromLong($1);"
%ignore tertial_audit_finding;
%ignore tertial_audit_value;
%ignore tertial_audit_line_spec;
%ignore tertial_audit_read_options;
TPY_USE_HANDLE(tertial_audit)
TPY_HANDLE(tertial_audit, Audit, tertial_audit_free,
  "Printed follow-up tables and the audit of their arithmetic (audit.h): Audit(), then read(path), "
  "read_csv(text), add_table(name, columns, lines); run() gives AuditFinding values; assumptions, "
  "checked.")
/* issue 18: tertial_report_add_audit_findings() and _of() return the number of lines added */
%apply size_t *out { size_t *added };
%include "tertial/audit.h"
%clear size_t *added;
%clear size_t *out;
%clear (const char *data, size_t len);
%clear (const char *text, size_t len);
%clear (const char *const *cells, size_t ncells);
/* issue 19: the planning objects as sections of a report (report_plan.h); pythonic.py makes them
 * Report.add_priorities(), add_intcontrol(), add_unfunded() and add_investments() */
%include "tertial/report_plan.h"

/* SWIG skips macros with casts. */
%constant unsigned int NO_UNIT = TERTIAL_NO_UNIT;
%constant unsigned int ALL_ACCOUNTS = TERTIAL_ALL_ACCOUNTS;
%constant unsigned int NO_PERSON = TERTIAL_NO_PERSON;
%constant unsigned long long ANY_VERSION = TERTIAL_ANY_VERSION;
%constant unsigned int NO_GOAL = TERTIAL_NO_GOAL;

/* Entry points of the bindings themselves (pyglue.c) */

%rename(_raise) tpy_raise;
/** Raise the exception of error code @p code with the last error message (for tests). */
PyObject *tpy_raise(int code);

%rename(_set_enums) tpy_set_enums;
PyObject *tpy_set_enums(PyObject *mapping);

%rename(_set_id_classes) tpy_set_id_classes;
PyObject *tpy_set_id_classes(PyObject *unit, PyObject *account);

%rename(_calls_in_progress) tpy_calls_in_progress;
/** The wrapped calls running on handles: (argument, its SWIG object, function name) tuples, latest first. */
PyObject *tpy_calls_in_progress(void);

%rename(ore) tpy_ore;
/**
 * An amount in öre: from int öre, or from decimal.Decimal kronor (exactly; a fraction of an
 * öre is a ValueError). A float is a TypeError.
 */
PyObject *tpy_ore(PyObject *amount);

%rename(kronor) tpy_kronor;
/** An amount in öre (int) as decimal.Decimal kronor, e.g. 124350 -> Decimal('1243.50'). */
PyObject *tpy_kronor(PyObject *ore);

%rename(_followup_rows) tpy_followup_rows;
/**
 * All lines of a table as FollowupRow values, in one call.
 * @param kronor false: amounts in int öre; true: in decimal.Decimal kronor.
 */
PyObject *tpy_followup_rows(const tertial_followup *table, int kronor);

%rename(_followup_value) tpy_followup_value;
/**
 * One value of line @p index (tertial_followup_value()): int öre (hundredths of a percent for
 * Förbrukat %), or None when the column is empty.
 */
PyObject *tpy_followup_value(const tertial_followup *table, size_t index, int column);

%rename(_ledger_load) tpy_ledger_load;
/**
 * Add many amounts in one call: rows is an iterable of tuples
 * (unit code, account number, month, measure, amount) with month 0..11 in the fiscal year,
 * measure an id (MEASURE_OUTCOME, Model.current_budget, ...) or a measure name, and amount
 * int öre, decimal.Decimal kronor or text ("-1 243,50" or "-1243.50", kronor).
 * All or nothing: on an error the rows added so far are taken back and the exception names
 * the row. Returns the number of rows added.
 */
PyObject *tpy_ledger_load(tertial_ledger *ledger, PyObject *rows);

%rename(backtest_best_table) tpy_backtest_best_table;
/**
 * tertial_backtest_best_table(): the best base method of many series at every cut-off 1..12, on
 * @p threads threads (1, up to 256, or 0 for one per processor).
 * @param past nseries x nyears x 36 amounts, flat: for each series, each past year's outcome,
 *        budget and the year before's outcome, twelve months each from the fiscal-year start
 *        (past[((s * nyears + y) * 3 + k) * 12 + month]); any sequence of amounts (int öre or
 *        decimal.Decimal kronor), or a buffer of int64 (array.array('q'), a NumPy int64 array of
 *        any shape, in C order), read in place when it is contiguous.
 * @return (methods, errors): two lists of nseries x 12, series s at cut-off c at index
 *         s * 12 + c - 1: the ForecastMethod and its mean absolute error in öre. Errors raise
 *         as the library reports them (the first failing series, named in the message, whatever
 *         the number of threads); a table of the wrong length is a ValueError.
 */
PyObject *tpy_backtest_best_table(PyObject *past, size_t nseries, size_t nyears, int threads = 1);

%rename(_import_file) tpy_import_file;
/**
 * Import a CSV or xlsx file into @p model (tertial_import_file()): a dict of the summary; a file
 * with errors raises ParseError whose message lists every error, one a line, and changes nothing.
 * @param kind IMPORT_ORGANISATION, IMPORT_ACCOUNTS, IMPORT_BUDGET or IMPORT_OUTCOME.
 * @param budget_measure the budget version; -1 for the current budget.
 */
PyObject *tpy_import_file(tertial_model *model, const char *path, int kind, const char *sheet = NULL,
                          int dry_run = 0, int budget_measure = -1);

%rename(_ledger_load_csv_c) tpy_ledger_load_csv;
/**
 * Add the facts of a CSV file to @p ledger, streaming, all or nothing (tertial_ledger_load_csv()):
 * the number of rows added; a bad row raises ParseError naming the file, line and column.
 * @param delimiter "," ";" or "\t"; None: the first line's
 */
PyObject *tpy_ledger_load_csv(tertial_ledger *ledger, const char *path, const char *delimiter = NULL, int measure = 0);

%rename(_import_csv) tpy_import_csv;
/** Import CSV bytes (tertial_import_csv()), as _import_file() a file; @p source names them in messages. */
PyObject *tpy_import_csv(tertial_model *model, PyObject *data, const char *source, int kind, int dry_run = 0,
                         int budget_measure = -1);

%rename(_report_rows) tpy_report_rows;
/**
 * All lines of a report section as tuples of typed cells, in one call: text as str, amounts as
 * int öre (decimal.Decimal kronor when @p kronor), shares as a Decimal percent, dates as
 * datetime.date, an empty cell as None.
 */
PyObject *tpy_report_rows(const tertial_report_section *section, int kronor);

%rename(_ledger_load_columns) tpy_ledger_load_columns;
/**
 * Add many amounts from five columns in one call, without a Python object per row: units and
 * accounts (str codes; integers are written in decimal; or (categories, integer codes)), months
 * (0..11) and measures (ids, or names; or one int or str for every row), amounts (int öre,
 * float kronor rounded to öre from the decimal text, Decimal or text kronor). A column is a
 * sequence or a one-dimensional buffer of numbers (array.array, a NumPy array), read in place.
 * All or nothing, like Ledger.load(). Returns the number of rows added.
 */
PyObject *tpy_ledger_load_columns(tertial_ledger *ledger, PyObject *units, PyObject *accounts, PyObject *months,
                                  PyObject *measures, PyObject *amounts);

/* Internal control followed up through the round (issue 19, round_control.h): the round's
 * IntControl (borrowed: it keeps the Round alive), a control's unit, who reported a result (a
 * tuple pythonic.py names) and a report made as a person (Acting.report_control()). */
%typemap(in, numinputs=0) tertial_control_report *out_report (tertial_control_report temp) "$1 = &temp;"
%typemap(argout) tertial_control_report *out_report {
  PyObject *o = Py_BuildValue("(KNNL)", (unsigned long long)$1->version,
                              $1->person == TERTIAL_NO_PERSON ? (Py_INCREF(Py_None), Py_None)
                                                              : PyLong_FromUnsignedLong($1->person),
                              $1->on_behalf_of == TERTIAL_NO_PERSON ? (Py_INCREF(Py_None), Py_None)
                                                                    : PyLong_FromUnsignedLong($1->on_behalf_of),
                              (long long)$1->when);
  if (!o)
    SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}
%ignore tertial_control_report;
%pythonappend tertial_round_intcontrol "val._parent = round"
%include "tertial/round_control.h"

%pythoncode "pythonic.py"
%pythoncode "dataframes.py"
