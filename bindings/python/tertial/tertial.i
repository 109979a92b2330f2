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
 * The C helpers (exceptions, value types, money, bulk paths) are in pyglue.c.
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
%}

%init %{
  if (tpy_init(m) < 0)
    return NULL;
%}

%include <stdint.i>

/* SWIG's preprocessor knows no <stdint.h> macros. */
#define INT64_C(c) c ## LL

/* tertial_org_add_unit -> org_add_unit, TERTIAL_COL_OUTCOME_ACC -> COL_OUTCOME_ACC. */
%rename("%(regex:/^(tertial|TERTIAL)_(.*)$/\\2/)s") "";

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
%typemap(out) int tertial_org_is_within {
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
/* An unmapped account is not an error here: the row is None. */
%typemap(out) int tertial_rowmap_lookup {
  if ($1 < 0 && $1 != TERTIAL_ERR_NOT_FOUND) {
    tpy_raise($1);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}
%typemap(out) tertial_unit_id "$result = PyLong_FromUnsignedLong($1);"

/* Borrowed structs come out as copies (Python values), so they never dangle. */
%typemap(out) const tertial_unit * "$result = tpy_unit_record($1);"
%typemap(out) const tertial_account * "$result = tpy_account_record($1);"
%typemap(out) const tertial_followup_point * "$result = tpy_point($1);"
%typemap(out) const tertial_report_row * "$result = tpy_report_row($1);"
%typemap(out) const tertial_followup_line * "$result = tpy_line($1, 0);"
%typemap(out) const tertial_finding * "$result = tpy_finding($1);"
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
%typemap(in) int64_t a, int64_t b, int64_t amount, int64_t ore {
  if (tpy_money_in($input, &$1) < 0)
    SWIG_fail;
}
/* Units and accounts: an int id, a Unit/Account (anything with __index__), or None for
 * TERTIAL_NO_UNIT / TERTIAL_ALL_ACCOUNTS. */
%typemap(in) tertial_unit_id {
  if (tpy_id_in($input, TERTIAL_NO_UNIT, &$1) < 0)
    SWIG_fail;
}
%typemap(in) tertial_account_id {
  if (tpy_id_in($input, TERTIAL_ALL_ACCOUNTS, &$1) < 0)
    SWIG_fail;
}
%typemap(in) PyObject * "$1 = $input;"
/* A closed Model, or a RowMap the model replaced, has given up its pointer: say so. */
%typemap(in) tertial_model *model, const tertial_model *model, tertial_rowmap *map,
             const tertial_rowmap *map {
  void *argp = NULL;
  if (!SWIG_IsOK(SWIG_ConvertPtr($input, &argp, $descriptor, 0))) {
    if (tpy_released($input))
      SWIG_exception_fail(SWIG_ValueError, "this object was closed or released (Model.close(), Model.set_rowmap())");
    SWIG_exception_fail(SWIG_TypeError, "in method '$symname', argument $argnum of type '$1_type'");
  }
  $1 = ($1_ltype)argp;
}

/* Types */

/* Borrowed structs cross as Python values (see the out typemaps), not as classes. */
%ignore tertial_date;
%ignore tertial_followup_point;
%ignore tertial_unit;
%ignore tertial_account;
%ignore tertial_report_row;
%ignore tertial_followup_line;
%ignore tertial_finding;
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
/* Lines are Python values; FollowupTable.value() reaches it (pyglue.c). */
%ignore tertial_followup_value;

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
TPY_HANDLE(tertial_model, Model, tertial_model_free,
  "A municipality's model for one fiscal year: Model(first_year, start_month=1). A context "
  "manager: close() (or the end of a with block) releases it; the memory goes when the last"
  " object taken from it (org, ledger, unit, table, ...) is gone.")
TPY_HANDLE(tertial_followup, FollowupTable, tertial_followup_free,
  "A computed follow-up table (a snapshot): Model.followup(unit, cutoff, ...). len(), "
  "iteration and table[i] give FollowupRow values; rows() and to_dataframe() in bulk.")
TPY_HANDLE(tertial_findings, Findings, tertial_findings_free,
  "Findings of the consistency checker: len(), iteration and findings[i] give Finding "
  "values.")

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

/* The headers wrapped so far. The others (PENDING_HEADERS in tests/test_api_coverage.py) come
 * in the next slice: %include them here, bind their classes in pythonic.py and move them to the
 * API table of the test. */

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
%include "tertial/model.h"
%clear tertial_rowmap *map;
%include "tertial/followup.h"
%include "tertial/check.h"
%include "tertial/render_text.h"

/* SWIG skips macros with casts. */
%constant unsigned int NO_UNIT = TERTIAL_NO_UNIT;
%constant unsigned int ALL_ACCOUNTS = TERTIAL_ALL_ACCOUNTS;

/* Entry points of the bindings themselves (pyglue.c) */

%rename(_raise) tpy_raise;
/** Raise the exception of error code @p code with the last error message (for tests). */
PyObject *tpy_raise(int code);

%rename(_set_enums) tpy_set_enums;
PyObject *tpy_set_enums(PyObject *mapping);

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

%pythoncode "pythonic.py"
