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

/* Money in: int (öre), an object with __index__ (öre) or decimal.Decimal (kronor). */
int tpy_money_in(PyObject *obj, int64_t *out);
/* Unit or account id in: None gives @p none_value, else anything with __index__. */
int tpy_id_in(PyObject *obj, uint32_t none_value, uint32_t *out);

/* Whether @p obj is a proxy object whose C object was released (no `this` any more). */
int tpy_released(PyObject *obj);

/* Values out. */
PyObject *tpy_centi_decimal(int64_t hundredths); /* 1250 -> Decimal('12.50') */
PyObject *tpy_unit_record(const tertial_unit *u);
PyObject *tpy_account_record(const tertial_account *a);
PyObject *tpy_point(const tertial_followup_point *p);
PyObject *tpy_report_row(const tertial_report_row *r);
PyObject *tpy_line(const tertial_followup_line *l, int kronor);
PyObject *tpy_finding(const tertial_finding *f);
PyObject *tpy_date(const tertial_date *d);
PyObject *tpy_enum(const char *name, long value);

/* Entry points of their own (wrapped by tertial.i; not part of the C API). */
PyObject *tpy_set_enums(PyObject *mapping);
PyObject *tpy_ore(PyObject *amount);
PyObject *tpy_kronor(PyObject *ore);
PyObject *tpy_followup_rows(const tertial_followup *table, int kronor);
PyObject *tpy_followup_value(const tertial_followup *table, size_t index, int column);
PyObject *tpy_ledger_load(tertial_ledger *ledger, PyObject *rows);

#endif
