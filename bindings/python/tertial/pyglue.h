/*
 * C side of the Python bindings: exceptions from error codes, money crossing rules,
 * C structs as Python values, and the bulk paths. Used by tertial.i only.
 *
 * Every function that returns a PyObject * returns a new reference, or NULL with a Python
 * exception set; every function that returns int returns 0, or -1 with an exception set.
 */
#ifndef TERTIAL_PYGLUE_H
#define TERTIAL_PYGLUE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <tertial/tertial.h>

/* Create the exception classes and value types and add them to the module. */
int tpy_init(PyObject *module);

/* Raise the exception class of error @p code with the last error message; returns NULL. */
PyObject *tpy_raise(int code);
/* Raise the exception class of error @p code with @p message (stolen; NULL: an error is set). */
PyObject *tpy_raise_message(int code, PyObject *message);

/* Money in: int (öre), an object with __index__ (öre) or decimal.Decimal (kronor). */
int tpy_money_in(PyObject *obj, int64_t *out);
/* Unit or account id in: None gives @p none_value, else anything with __index__. */
int tpy_id_in(PyObject *obj, uint32_t none_value, uint32_t *out);

/* Whether @p obj is a proxy object whose C object was released (no `this` any more). */
int tpy_released(PyObject *obj);

/* Values out. */
PyObject *tpy_centi_decimal(int64_t hundredths); /* 1250 -> Decimal('12.50') */
PyObject *tpy_decimal(const char *text);         /* decimal.Decimal(text) */
PyObject *tpy_unit_record(const tertial_unit *u);
PyObject *tpy_account_record(const tertial_account *a);
PyObject *tpy_point(const tertial_followup_point *p);
PyObject *tpy_level_deadline(const tertial_level_deadline *d);
PyObject *tpy_report_row(const tertial_report_row *r);
PyObject *tpy_line(const tertial_followup_line *l, int kronor);
PyObject *tpy_finding(const tertial_finding *f);
PyObject *tpy_date(const tertial_date *d);
PyObject *tpy_date_or_none(const tertial_date *d); /* None for {0, 0, 0} */
PyObject *tpy_enum(const char *name, long value);
PyObject *tpy_text(const char *s);                  /* None for NULL */
PyObject *tpy_months(const int64_t months[12]);     /* a list of twelve ints */
PyObject *tpy_holiday(const tertial_holiday *h);
PyObject *tpy_holiday_list(const tertial_holiday *h, size_t n);
PyObject *tpy_budget_version(const tertial_budget_version *v);
PyObject *tpy_adjustment(const tertial_adjustment *a);
PyObject *tpy_snapshot_entry(const tertial_snapshot_entry *e);
PyObject *tpy_snapshot_change(const tertial_snapshot_change *c);
PyObject *tpy_accuracy(const tertial_accuracy *a);
PyObject *tpy_accuracy_summary(const tertial_accuracy_summary *s);
PyObject *tpy_accrual(const tertial_accrual *a);
PyObject *tpy_adjusted_outcome(const tertial_adjusted_outcome *o);
PyObject *tpy_deviation(const tertial_deviation *d);
PyObject *tpy_budget_compare_line(const tertial_budget_compare_line *x);
PyObject *tpy_measure(const tertial_measure *m);
PyObject *tpy_adherence_risk(const tertial_adherence_risk *r);

/* Values in. */
/* A date: datetime.date (anything with year, month and day); None gives {0, 0, 0} when
 * @p allow_none, else a TypeError. */
int tpy_date_in(PyObject *obj, int allow_none, tertial_date *out);
/* Twelve months in fiscal-month order: a sequence of exactly twelve values. @p money: amounts
 * (int öre or Decimal kronor, see tpy_money_in), else integer weights. */
int tpy_months_in(PyObject *obj, int money, const char *what, int64_t out[12]);
/* A ForecastInput object (outcome, budget, prior, cutoff, run_rate_months, manual,
 * driver_remaining attributes) as the C struct. */
int tpy_forecast_input_in(PyObject *obj, tertial_forecast_input *out);
/* A BudgetOptions object (kind, decided, reason, decided_by attributes) as the C struct. The
 * strings point into keep[0] and keep[1] (new references, or NULL), which the caller releases
 * after the call. */
int tpy_budget_options_in(PyObject *obj, tertial_budget_options *out, PyObject **keep);

/* Strings read from option objects stay alive in here until the call returns. */
#define TPY_KEEP_MAX 16
typedef struct tpy_keep {
  PyObject *items[TPY_KEEP_MAX];
  int n;
} tpy_keep;
#define TPY_KEEP_INIT {{NULL}, 0}
void tpy_keep_release(tpy_keep *keep);

/* Helpers shared by the two glue files. */
PyTypeObject *tpy_new_value_type(PyObject *module, const char *name, const char *doc,
                                 PyStructSequence_Field *fields);
PyObject *tpy_build_value(PyTypeObject *type, PyObject *items); /* a value from a tuple (stolen) */
PyObject *tpy_int_or_none(long v);                               /* None for a negative value */
/* Attribute @p name of @p obj: an int; money (see tpy_money_in); a str or None, whose UTF-8
 * stays valid while @p keep holds it. */
int tpy_int_attr(PyObject *obj, const char *name, int *out);
int tpy_money_attr(PyObject *obj, const char *name, int64_t *out);
int tpy_text_attr(PyObject *obj, const char *name, const char **out, tpy_keep *keep);

/* Retire a proxy object whose C object the library freed (Python uses of it then raise
 * ValueError instead of touching freed memory). */
void tpy_release(PyObject *obj);

/* A wrapped call in progress with a handle argument (tertial.i's handle typemap, on every wrapped
 * function). The call holds the handle's SWIG object, so the C object outlives the call whatever
 * Python code runs meanwhile (a progress callback, an iterator, an argument's __index__, another
 * thread while the GIL is released), and close() refuses while any call on the object, or on an
 * object taken from it, runs. Only touched with the GIL held. */
typedef struct tpy_use {
  PyObject *arg;       /* the argument as given (the call's arguments hold it) */
  PyObject *held;      /* its SWIG object (`this`): a reference held until the call returns */
  const char *call;    /* the wrapped function, e.g. "sie_load_file" */
  unsigned long thread;
  struct tpy_use *prev, *next;
} tpy_use;
#define TPY_USE_INIT {NULL, NULL, NULL, 0, NULL, NULL}
void tpy_use_begin(tpy_use *use, PyObject *arg, PyObject *held, const char *call);
void tpy_use_end(tpy_use *use); /* a no-op for a use never begun */
/* The innermost call named @p call on this thread: its handle arguments, latest first (NULL at
 * the end); @p after NULL gives the first. */
const tpy_use *tpy_use_of_call(const tpy_use *after, const char *call);

/* Entry points of their own (wrapped by tertial.i; not part of the C API). */
/* The calls in progress as a list of (argument, SWIG object, call name) tuples, latest first. */
PyObject *tpy_calls_in_progress(void);
PyObject *tpy_set_enums(PyObject *mapping);
PyObject *tpy_ore(PyObject *amount);
PyObject *tpy_kronor(PyObject *ore);
PyObject *tpy_followup_rows(const tertial_followup *table, int kronor);
PyObject *tpy_followup_value(const tertial_followup *table, size_t index, int column);
PyObject *tpy_ledger_load(tertial_ledger *ledger, PyObject *rows);
/* tertial_backtest_best_table(): (methods, errors) lists from a flat table of amounts (a
 * sequence, or a buffer of int64 read in place); the library runs without the GIL. */
PyObject *tpy_backtest_best_table(PyObject *past, size_t nseries, size_t nyears, int threads);
/* tertial_import_file() and tertial_import_csv(): the summary as a dict; a file with errors
 * raises ParseError listing them all. */
PyObject *tpy_import_file(tertial_model *model, const char *path, int kind, const char *sheet, int dry_run,
                          int budget_measure);
PyObject *tpy_import_csv(tertial_model *model, PyObject *data, const char *source, int kind, int dry_run,
                         int budget_measure);
/* tertial_ledger_load_csv() without the GIL: the rows added as an int. */
PyObject *tpy_ledger_load_csv(tertial_ledger *ledger, const char *path, const char *delimiter, int measure);

/* The edge modules: SIE reading, loading and writing, reports and their renderers, the store
 * (pyglue_edge.c). */
int tpy_init_edge(PyObject *module);
PyObject *tpy_sie_record(const tertial_sie_record *r);
PyObject *tpy_sie_diagnostic(const tertial_sie_diagnostic *d);
PyObject *tpy_sie_stats(const tertial_sie_stats *s);
PyObject *tpy_sie_summary(const tertial_sie_summary *s);
PyObject *tpy_sie_figures(const tertial_sie_figures *f);
PyObject *tpy_sie_note(const tertial_sie_note *n);
PyObject *tpy_sie_difference(const tertial_sie_difference *d);
PyObject *tpy_sie_write_summary(const tertial_sie_write_summary *s);
PyObject *tpy_report_column(const tertial_report_column *c);
PyObject *tpy_report_line(const tertial_report_line *l);
PyObject *tpy_report_cell(const tertial_report_cell *c);
/* Option objects made in Python (pythonic.py) as the C structs, starting from the _INIT
 * defaults; strings stay valid while @p keep holds them. C callbacks stay NULL. */
int tpy_sie_options_in(PyObject *obj, tertial_sie_options *out, tpy_keep *keep);
int tpy_sie_load_options_in(PyObject *obj, tertial_sie_load_options *out, tpy_keep *keep);
int tpy_sie_write_options_in(PyObject *obj, tertial_sie_write_options *out, tpy_keep *keep);
int tpy_report_options_in(PyObject *obj, tertial_report_options *out, tpy_keep *keep);
int tpy_xlsx_options_in(PyObject *obj, tertial_xlsx_options *out, tpy_keep *keep);
int tpy_docx_options_in(PyObject *obj, tertial_docx_options *out, tpy_keep *keep);
/* Snapshot entries in (Snapshots.restore()): a sequence of SnapshotEntry values (or any
 * sequences of their ten fields). *out is malloc()ed; the row codes point into *keep (a new
 * reference), which the caller releases after the call, with free(*out). */
int tpy_snapshot_entries_in(PyObject *obj, tertial_snapshot_entry **out, size_t *n, PyObject **keep);

/* Entry points of their own. */
PyObject *tpy_report_rows(const tertial_report_section *section, int kronor);

/* Re-raise the current exception with "row N: " in front of its message; returns -1. */
int tpy_prefix_row(Py_ssize_t index);
/* Bulk load from columns (pyglue_columns.c): see Ledger.load_columns(). */
PyObject *tpy_ledger_load_columns(tertial_ledger *ledger, PyObject *units, PyObject *accounts, PyObject *months,
                                  PyObject *measures, PyObject *amounts);

#endif
