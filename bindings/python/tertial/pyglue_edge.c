/*
 * C side of the bindings for the edge modules (see pyglue.h): SIE records, diagnostics and
 * load results, the SIE writer's summary, report tables, and the option objects of those
 * modules, which are plain Python classes (pythonic.py) read here into the C structs.
 */
#include "pyglue.h"

#include <stdlib.h>
#include <string.h>

static PyTypeObject *sie_record_type, *sie_object_type, *sie_diagnostic_type, *sie_stats_type, *sie_summary_type,
    *sie_figures_type, *sie_note_type, *sie_difference_type, *sie_write_summary_type, *report_column_type,
    *report_line_type, *report_cell_type;

static PyStructSequence_Field sie_record_fields[] = {
  {"label", "SieLabel (SieLabel.UNKNOWN for a label the reader does not know)"},
  {"tag", "the label as written, upper-cased, e.g. '#TRANS'"},
  {"line", "1-based line of the record"},
  {"year", "year number: 0 the current fiscal year, -1 the previous, ..."},
  {"period", "YYYYMM, e.g. 202401 (0 if none)"},
  {"number", "#FLAGGA, #SIETYP, #TAXAR"},
  {"dimension", "#DIM, #UNDERDIM, #OBJEKT"},
  {"superdimension", "#UNDERDIM"},
  {"account", "account number ('' if none)"},
  {"object", "#OBJEKT object code"},
  {"text", "name or text (see the label)"},
  {"text2", "#PROGRAM version, #ORGNR acquisition number"},
  {"series", "#VER series; on transaction lines the voucher's"},
  {"voucher_number", "#VER number; on transaction lines the voucher's"},
  {"sign", "#GEN, #VER, #TRANS: who made it"},
  {"date", "datetime.date (#GEN, #OMFATTN, #VER, #RAR first day, #TRANS), or None"},
  {"date2", "datetime.date (#RAR last day, #VER registration date), or None"},
  {"amount", "öre (credit is negative), or None on records without an amount"},
  {"quantity", "a Decimal, or None when the record gives none"},
  {"checksum", "the closing #KSUMMA's stated CRC-32, or None"},
  {"objects", "the object list as a tuple of SieObject values, or None when the record has none"},
  {"duplicate", "True for a #TRANS repeating the #RTRANS before it (skip it in sums)"},
  {"fields", "the raw fields after the label, unquoted and decoded (a tuple of str)"},
  {NULL, NULL},
};
static PyStructSequence_Field sie_object_fields[] = {
  {"dimension", "dimension number, e.g. 1 (cost centre)"},
  {"object", "object code, e.g. '0123'"},
  {NULL, NULL},
};
static PyStructSequence_Field sie_diagnostic_fields[] = {
  {"problem", "SieProblem"},
  {"action", "SieAction: what the reader did"},
  {"is_error", "True if the record was skipped or reading stopped (else a warning)"},
  {"file", "the path, the name option, or '<memory>'"},
  {"line", "1-based line; for end-of-file checks the number of lines"},
  {"column", "1-based column in characters; 0 when the whole line is meant"},
  {"label", "the record's label, e.g. '#PBUDGET'; '' if none"},
  {"expected", "what the specification wants there"},
  {"found", "an excerpt of what was there"},
  {"message", "'file:line:column: ...' in English, for people"},
  {NULL, NULL},
};
static PyStructSequence_Field sie_stats_fields[] = {
  {"bytes", "bytes read"},
  {"lines", "lines read"},
  {"records", "records returned"},
  {"unknown_records", "records with unknown labels"},
  {"skipped_records", "records not returned because of a problem"},
  {"bad_amounts", "amounts that could not be read"},
  {"warnings", "diagnostics that are not errors"},
  {"errors", "diagnostics that skipped a record or stopped reading"},
  {"diagnostics_dropped", "diagnostics counted but not kept"},
  {"vouchers", "#VER records"},
  {"transactions", "#TRANS records, duplicates included"},
  {"duplicates", "#TRANS records marked duplicate"},
  {"sie_type", "from #SIETYP; 0 if absent"},
  {"checksum_present", "True if the file has a #KSUMMA pair"},
  {"checksum_ok", "True if it matches"},
  {"checksum_stated", "the value in the closing #KSUMMA"},
  {"checksum_computed", "the CRC-32 the reader computed"},
  {NULL, NULL},
};
static PyStructSequence_Field sie_summary_fields[] = {
  {"file", "the name used in messages"},
  {"sie_type", "#SIETYP; 0 if absent"},
  {"encoding", "SieEncoding the reader detected (or was given)"},
  {"company", "#FNAMN"},
  {"orgnr", "#ORGNR"},
  {"program", "#PROGRAM name"},
  {"program_version", "#PROGRAM version"},
  {"chart_type", "#KPTYP"},
  {"currency", "#VALUTA ('' means SEK)"},
  {"generated", "#GEN as a datetime.date, or None"},
  {"fiscal_year_line", "line of the #RAR of the loaded year; 0: the file has none"},
  {"outcome_source", "SieSource of the loaded year's outcome (AUTO: none)"},
  {"prior_source", "SieSource of prior-year outcome (AUTO: none)"},
  {"accounts_added", "accounts added to the chart"},
  {"accounts_existing", "accounts of the file the chart already had"},
  {"units_added", "units added: hierarchy text, catch-all, objects under it"},
  {"units_matched", "objects of the unit dimension that were units already"},
  {"objects_unmatched", "objects of the unit dimension put under the catch-all"},
  {"catch_all", "the catch-all unit's id, or None if unused"},
  {"budget_measure", "the measure holding #PBUDGET, or None if none was loaded"},
  {"outcome", "öre loaded as outcome"},
  {"prior", "öre loaded as prior-year outcome"},
  {"budget", "öre loaded into the budget version"},
  {"catch_all_outcome", "of outcome, on the catch-all unit or under it (öre)"},
  {"catch_all_prior", "of prior, on the catch-all unit or under it (öre)"},
  {"catch_all_budget", "of budget, on the catch-all unit or under it (öre)"},
  {"dimensions", "#DIM records"},
  {"objects", "#OBJEKT records, all dimensions"},
  {"notes", "notes made, kept or not"},
  {"notes_dropped", "notes counted but not kept"},
  {"reader", "the reader's counters at the end (SieStats)"},
  {"unplaced", "öre read but not loaded (each such amount has a note)"},
  {"unreadable", "records with an amount the reader skipped (amounts unknown, in no sum)"},
  {"problems", "diagnostics and notes that are problems"},
  {"outcome_months", "months whose outcome was replaced (bit i: month i)"},
  {"prior_months", "months whose prior-year outcome was replaced"},
  {"budget_months", "months of the budget version replaced"},
  {"outcome_before", "net result of the replaced outcome months before the load (öre)"},
  {"outcome_after", "the same after the load"},
  {"prior_before", "as outcome_before, prior-year outcome"},
  {"prior_after", "as outcome_after, prior-year outcome"},
  {"budget_before", "as outcome_before, the budget version"},
  {"budget_after", "as outcome_after, the budget version"},
  {NULL, NULL},
};
static PyStructSequence_Field sie_figures_fields[] = {
  {"records", "records read"},
  {"read", "sum of their amounts (öre)"},
  {"current", "of which in the loaded year"},
  {"prior", "of which in the year before"},
  {"other_years", "of which in other years"},
  {"loaded", "put into the ledger"},
  {"catch_all", "of loaded, on the catch-all unit or under it"},
  {"covered", "represented by another record, not added again"},
  {"not_chosen", "outcome records of the source not chosen for their year"},
  {"unplaced", "not loaded: another year, a bad account (each has a note)"},
  {"unreadable", "records of this label the reader skipped"},
  {NULL, NULL},
};
static PyStructSequence_Field sie_note_fields[] = {
  {"problem", "SieLoadProblem"},
  {"label", "SieLabel of the record concerned (UNKNOWN if none)"},
  {"line", "the record's line; 0 for a note about the whole file"},
  {"year", "SIE year number concerned (0 if none)"},
  {"period", "yyyymm concerned, 0 if none"},
  {"measure", "the ledger measure concerned, or None"},
  {"account", "account number, '' if none"},
  {"object", "object code, '' if none"},
  {"amount", "öre concerned"},
  {"message", "'file:line: ...' (or 'file: ...'), in English, for people"},
  {"is_problem", "True if an amount or text is not in the model as the file has it"},
  {NULL, NULL},
};
static PyStructSequence_Field sie_difference_fields[] = {
  {"year", "SIE year number"},
  {"account", "account number"},
  {"compared", "SieHas: the kinds of figures the year has (and that are compared)"},
  {"present", "SieHas: the kinds this account has records of in the year"},
  {"trans", "sum of #TRANS and #RTRANS dated in the year (öre)"},
  {"psaldo", "sum of the #PSALDO account totals of the year's months (öre)"},
  {"yearly", "#RES, or #UB - #IB (öre)"},
  {NULL, NULL},
};
static PyStructSequence_Field sie_write_summary_fields[] = {
  {"units", "#OBJEKT records"},
  {"accounts", "#KONTO records"},
  {"psaldo", "#PSALDO records, account totals included"},
  {"pbudget", "#PBUDGET records, account totals included"},
  {"outcome", "öre of outcome written on units"},
  {"prior", "öre of prior-year outcome written on units"},
  {"budget", "öre of budget written on units"},
  {"replaced", "characters replaced ('?', space or '/')"},
  {"checksum", "the CRC-32 in the closing #KSUMMA"},
  {"bytes", "size of the file"},
  {"vouchers", "#VER records (type 4)"},
  {"trans", "#TRANS records, balancing lines included (type 4)"},
  {"balance", "öre written on the balancing account (type 4)"},
  {NULL, NULL},
};
static PyStructSequence_Field report_column_fields[] = {
  {"key", "a stable machine name, e.g. 'outcome_acc', 'label', 'reason'"},
  {"header", "the header in the report's language, e.g. 'Ack utfall'"},
  {"type", "ReportType of the column's cells"},
  {"source", "the Column of a follow-up column, None for other columns"},
  {NULL, NULL},
};
static PyStructSequence_Field report_line_fields[] = {
  {"code", "unit code, report-row code or finding kind; '' if none"},
  {"depth", "indentation level, 0 for top lines"},
  {"style", "ReportStyle: NORMAL, SUBTOTAL or TOTAL"},
  {"parent_line", "index of the line this one adds into, or None"},
  {"informational", "True: shown under parent_line but not added into it ('varav interna')"},
  {"forecast_missing", "(unit, row) pairs whose forecast defaulted to the annual budget"},
  {NULL, NULL},
};
static PyStructSequence_Field report_cell_fields[] = {
  {"present", "False for an empty cell"},
  {"value", "öre (AMOUNT) or hundredths of a percent (SHARE)"},
  {"text", "the text (TEXT); '' when empty"},
  {"date", "the date (DATE) as a datetime.date, else None"},
  {NULL, NULL},
};

int tpy_init_edge(PyObject *module)
{
  static const struct {
    PyTypeObject **type;
    const char *name, *doc;
    PyStructSequence_Field *fields;
  } values[] = {
    {&sie_record_type, "tertial.SieRecord", "One record of an SIE file (a copy); fields not used by the label "
                                            "are 0, '' or None.", sie_record_fields},
    {&sie_object_type, "tertial.SieObject", "An entry of an object list: dimension and object code.",
     sie_object_fields},
    {&sie_diagnostic_type, "tertial.SieDiagnostic", "A problem the SIE reader found (a copy).",
     sie_diagnostic_fields},
    {&sie_stats_type, "tertial.SieStats", "Counters of one SIE reading (a copy).", sie_stats_fields},
    {&sie_summary_type, "tertial.SieSummary", "What an SIE load did, as a whole (a copy).", sie_summary_fields},
    {&sie_figures_type, "tertial.SieFigures",
     "The records of one label and what became of their amounts, in öre (a copy).", sie_figures_fields},
    {&sie_note_type, "tertial.SieNote", "One note of an SIE load (a copy).", sie_note_fields},
    {&sie_difference_type, "tertial.SieDifference",
     "One account of one year whose figures in the SIE file disagree (the reconciliation; a copy).",
     sie_difference_fields},
    {&sie_write_summary_type, "tertial.SieWriteSummary", "What the SIE writer wrote.", sie_write_summary_fields},
    {&report_column_type, "tertial.ReportColumn", "A column of a report section (a copy).", report_column_fields},
    {&report_line_type, "tertial.ReportLine", "The structure of a line of a report section (a copy).",
     report_line_fields},
    {&report_cell_type, "tertial.ReportCell", "A cell of a report section as stored (a copy).",
     report_cell_fields},
  };
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
    if (!(*values[i].type = tpy_new_value_type(module, values[i].name, values[i].doc, values[i].fields)))
      return -1;
  return 0;
}

/* Values out. */
static PyObject *date_if(int has, const tertial_date *d)
{
  if (!has)
    Py_RETURN_NONE;
  return tpy_date(d);
}

/* A Decimal from millionths (SIE quantities: 10500000 is Decimal('10.5')), without trailing zeros. */
static PyObject *millionths(int64_t v)
{
  char buf[40];
  uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  int n = snprintf(buf, sizeof buf, "%s%llu.%06llu", v < 0 ? "-" : "", (unsigned long long)(a / 1000000),
                   (unsigned long long)(a % 1000000));
  while (n > 0 && buf[n - 1] == '0')
    buf[--n] = '\0';
  if (n > 0 && buf[n - 1] == '.')
    buf[--n] = '\0';
  return tpy_decimal(buf);
}

static PyObject *sie_objects(const tertial_sie_record *r)
{
  if (!r->has_objects)
    Py_RETURN_NONE;
  PyObject *t = PyTuple_New((Py_ssize_t)r->object_count);
  for (size_t i = 0; t && i < r->object_count; i++) {
    const tertial_sie_object *o = tertial_sie_record_object(r, i);
    PyObject *v = o ? tpy_build_value(sie_object_type, Py_BuildValue("(iN)", o->dimension, tpy_text(o->object)))
                    : NULL;
    if (!v)
      Py_CLEAR(t);
    else
      PyTuple_SET_ITEM(t, (Py_ssize_t)i, v);
  }
  return t;
}

static PyObject *sie_fields(const tertial_sie_record *r)
{
  PyObject *t = PyTuple_New((Py_ssize_t)r->field_count);
  for (size_t i = 0; t && i < r->field_count; i++) {
    PyObject *v = tpy_text(tertial_sie_record_field(r, i));
    if (!v)
      Py_CLEAR(t);
    else
      PyTuple_SET_ITEM(t, (Py_ssize_t)i, v);
  }
  return t;
}

PyObject *tpy_sie_record(const tertial_sie_record *r)
{
  if (!r)
    Py_RETURN_NONE;
  return tpy_build_value(
      sie_record_type,
      Py_BuildValue("(NNniiiiiNNNNNNNNNNNNNNN)", tpy_enum("SieLabel", r->label), tpy_text(r->tag),
                    (Py_ssize_t)r->line, r->year, r->period, r->number, r->dimension, r->superdimension,
                    tpy_text(r->account), tpy_text(r->object), tpy_text(r->text), tpy_text(r->text2),
                    tpy_text(r->series), tpy_text(r->voucher_number), tpy_text(r->sign),
                    date_if(r->has_date, &r->date), date_if(r->has_date2, &r->date2),
                    r->has_amount ? PyLong_FromLongLong(r->amount) : Py_NewRef(Py_None),
                    r->has_quantity ? millionths(r->quantity) : Py_NewRef(Py_None),
                    r->has_checksum ? PyLong_FromUnsignedLong(r->checksum) : Py_NewRef(Py_None), sie_objects(r),
                    PyBool_FromLong(r->duplicate), sie_fields(r)));
}

PyObject *tpy_sie_diagnostic(const tertial_sie_diagnostic *d)
{
  if (!d)
    Py_RETURN_NONE;
  return tpy_build_value(sie_diagnostic_type,
                         Py_BuildValue("(NNNNnnNNNN)", tpy_enum("SieProblem", d->problem),
                                       tpy_enum("SieAction", d->action), PyBool_FromLong(d->is_error),
                                       tpy_text(d->file), (Py_ssize_t)d->line, (Py_ssize_t)d->column,
                                       tpy_text(d->label), tpy_text(d->expected), tpy_text(d->found),
                                       tpy_text(d->message)));
}

PyObject *tpy_sie_stats(const tertial_sie_stats *s)
{
  if (!s)
    Py_RETURN_NONE;
  return tpy_build_value(
      sie_stats_type,
      Py_BuildValue("(KKKKKKKKKKKKiNNkk)", (unsigned long long)s->bytes, (unsigned long long)s->lines,
                    (unsigned long long)s->records, (unsigned long long)s->unknown_records,
                    (unsigned long long)s->skipped_records, (unsigned long long)s->bad_amounts,
                    (unsigned long long)s->warnings, (unsigned long long)s->errors,
                    (unsigned long long)s->diagnostics_dropped, (unsigned long long)s->vouchers,
                    (unsigned long long)s->transactions, (unsigned long long)s->duplicates, s->sie_type,
                    PyBool_FromLong(s->checksum_present), PyBool_FromLong(s->checksum_ok),
                    (unsigned long)s->checksum_stated, (unsigned long)s->checksum_computed));
}

PyObject *tpy_sie_summary(const tertial_sie_summary *s)
{
  if (!s)
    Py_RETURN_NONE;
  return tpy_build_value(
      sie_summary_type,
      Py_BuildValue("(NiNNNNNNNNnNNnnnnnNNLLLLLLKKKKNLKKIIILLLLLL)", tpy_text(s->file), s->sie_type,
                    tpy_enum("SieEncoding", s->encoding), tpy_text(s->company), tpy_text(s->orgnr),
                    tpy_text(s->program), tpy_text(s->program_version), tpy_text(s->chart_type),
                    tpy_text(s->currency), tpy_date_or_none(&s->generated), (Py_ssize_t)s->fiscal_year_line,
                    tpy_enum("SieSource", s->outcome_source), tpy_enum("SieSource", s->prior_source),
                    (Py_ssize_t)s->accounts_added, (Py_ssize_t)s->accounts_existing, (Py_ssize_t)s->units_added,
                    (Py_ssize_t)s->units_matched, (Py_ssize_t)s->objects_unmatched,
                    s->catch_all == TERTIAL_NO_UNIT ? Py_NewRef(Py_None) : PyLong_FromUnsignedLong(s->catch_all),
                    tpy_int_or_none(s->budget_measure), (long long)s->outcome, (long long)s->prior,
                    (long long)s->budget, (long long)s->catch_all_outcome, (long long)s->catch_all_prior,
                    (long long)s->catch_all_budget, (unsigned long long)s->dimensions,
                    (unsigned long long)s->objects, (unsigned long long)s->notes,
                    (unsigned long long)s->notes_dropped, tpy_sie_stats(&s->reader), (long long)s->unplaced,
                    (unsigned long long)s->unreadable, (unsigned long long)s->problems, s->outcome_months,
                    s->prior_months, s->budget_months, (long long)s->outcome_before, (long long)s->outcome_after,
                    (long long)s->prior_before, (long long)s->prior_after, (long long)s->budget_before,
                    (long long)s->budget_after));
}

PyObject *tpy_sie_figures(const tertial_sie_figures *f)
{
  return tpy_build_value(sie_figures_type,
                         Py_BuildValue("(KLLLLLLLLLK)", (unsigned long long)f->records, (long long)f->read,
                                       (long long)f->current, (long long)f->prior, (long long)f->other_years,
                                       (long long)f->loaded, (long long)f->catch_all, (long long)f->covered,
                                       (long long)f->not_chosen, (long long)f->unplaced,
                                       (unsigned long long)f->unreadable));
}

PyObject *tpy_sie_note(const tertial_sie_note *n)
{
  if (!n)
    Py_RETURN_NONE;
  return tpy_build_value(sie_note_type,
                         Py_BuildValue("(NNniiNNNLNN)", tpy_enum("SieLoadProblem", n->problem),
                                       tpy_enum("SieLabel", n->label), (Py_ssize_t)n->line, n->year, n->period,
                                       tpy_int_or_none(n->measure), tpy_text(n->account), tpy_text(n->object),
                                       (long long)n->amount, tpy_text(n->message), PyBool_FromLong(n->is_problem)));
}

PyObject *tpy_sie_difference(const tertial_sie_difference *d)
{
  if (!d)
    Py_RETURN_NONE;
  return tpy_build_value(sie_difference_type,
                         Py_BuildValue("(iNNNLLL)", d->year, tpy_text(d->account), tpy_enum("SieHas", d->compared),
                                       tpy_enum("SieHas", d->present), (long long)d->trans, (long long)d->psaldo,
                                       (long long)d->yearly));
}

PyObject *tpy_sie_write_summary(const tertial_sie_write_summary *s)
{
  return tpy_build_value(sie_write_summary_type,
                         Py_BuildValue("(nnKKLLLKknKKL)", (Py_ssize_t)s->units, (Py_ssize_t)s->accounts,
                                       (unsigned long long)s->psaldo, (unsigned long long)s->pbudget,
                                       (long long)s->outcome, (long long)s->prior, (long long)s->budget,
                                       (unsigned long long)s->replaced, (unsigned long)s->checksum,
                                       (Py_ssize_t)s->bytes, (unsigned long long)s->vouchers,
                                       (unsigned long long)s->trans, (long long)s->balance));
}

PyObject *tpy_report_column(const tertial_report_column *c)
{
  if (!c)
    Py_RETURN_NONE;
  return tpy_build_value(report_column_type,
                         Py_BuildValue("(NNNN)", tpy_text(c->key), tpy_text(c->header),
                                       tpy_enum("ReportType", c->type),
                                       c->source < 0 ? Py_NewRef(Py_None) : tpy_enum("Column", c->source)));
}

PyObject *tpy_report_line(const tertial_report_line *l)
{
  if (!l)
    Py_RETURN_NONE;
  return tpy_build_value(report_line_type,
                         Py_BuildValue("(NiNNNi)", tpy_text(l->code), l->depth, tpy_enum("ReportStyle", l->style),
                                       tpy_int_or_none(l->parent_line), PyBool_FromLong(l->informational),
                                       l->forecast_missing));
}

PyObject *tpy_report_cell(const tertial_report_cell *c)
{
  if (!c)
    Py_RETURN_NONE;
  return tpy_build_value(report_cell_type, Py_BuildValue("(NLNN)", PyBool_FromLong(c->present), (long long)c->value,
                                                         tpy_text(c->text), tpy_date_or_none(&c->date)));
}

/* One cell as the Python value of its column's type; None when empty. */
static PyObject *cell_value(const tertial_report_column *col, const tertial_report_cell *c, int kronor)
{
  if (!c->present)
    Py_RETURN_NONE;
  switch (col->type) {
  case TERTIAL_REPORT_TEXT:
    return tpy_text(c->text);
  case TERTIAL_REPORT_AMOUNT:
    return kronor ? tpy_centi_decimal(c->value) : PyLong_FromLongLong(c->value);
  case TERTIAL_REPORT_SHARE:
    return tpy_centi_decimal(c->value);
  case TERTIAL_REPORT_DATE:
    return tpy_date(&c->date);
  }
  return PyLong_FromLongLong(c->value); /* a type this version of the bindings does not know */
}

PyObject *tpy_report_rows(const tertial_report_section *section, int kronor)
{
  if (!section) {
    PyErr_SetString(PyExc_ValueError, "no section");
    return NULL;
  }
  size_t nl = section->line_count, nc = section->column_count;
  PyObject *rows = PyList_New((Py_ssize_t)nl);
  for (size_t i = 0; rows && i < nl; i++) {
    PyObject *row = PyTuple_New((Py_ssize_t)nc);
    for (size_t c = 0; row && c < nc; c++) {
      const tertial_report_cell *cell = tertial_report_cell_at(section, i, c);
      PyObject *v = cell ? cell_value(tertial_report_column_at(section, c), cell, kronor) : NULL;
      if (!cell && !PyErr_Occurred())
        PyErr_Format(PyExc_IndexError, "cell %zu,%zu is out of range", i, c);
      if (!v)
        Py_CLEAR(row);
      else
        PyTuple_SET_ITEM(row, (Py_ssize_t)c, v);
    }
    if (!row)
      Py_CLEAR(rows);
    else
      PyList_SET_ITEM(rows, (Py_ssize_t)i, row);
  }
  return rows;
}

/* Values in. */
static int uint_attr(PyObject *obj, const char *name, unsigned long long max, unsigned long long *out)
{
  PyObject *v = PyObject_GetAttrString(obj, name);
  if (!v)
    return -1;
  unsigned long long x = 0;
  int rc = -1;
  if (PyFloat_Check(v) || !PyIndex_Check(v)) {
    PyErr_Format(PyExc_TypeError, "%s must be an int, not %.200s", name, Py_TYPE(v)->tp_name);
  } else {
    PyObject *number = PyNumber_Index(v);
    if (number) {
      x = PyLong_AsUnsignedLongLong(number);
      Py_DECREF(number);
      if (x == (unsigned long long)-1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
          PyErr_Clear();
          PyErr_Format(PyExc_ValueError, "%s must be an int from 0 to %llu", name, max);
        }
      } else if (x > max) {
        PyErr_Format(PyExc_ValueError, "%s must be an int from 0 to %llu", name, max);
      } else {
        rc = 0;
      }
    }
  }
  Py_DECREF(v);
  if (rc == 0)
    *out = x;
  return rc;
}

static int size_attr(PyObject *obj, const char *name, size_t *out)
{
  unsigned long long x;
  if (uint_attr(obj, name, SIZE_MAX, &x) < 0)
    return -1;
  *out = (size_t)x;
  return 0;
}

static int date_attr(PyObject *obj, const char *name, tertial_date *out)
{
  PyObject *v = PyObject_GetAttrString(obj, name);
  if (!v)
    return -1;
  int rc = tpy_date_in(v, 1, out);
  Py_DECREF(v);
  return rc;
}

/* The reader's progress callback: calls the Python callable (the GIL is held: the bindings do not
 * release it around reads). False or an exception stops the read; the exception stays set and
 * tpy_raise() leaves it to propagate instead of the library's CancelledError. */
static int sie_progress(uint64_t bytes_read, uint64_t bytes_total, void *data)
{
  PyObject *r = PyObject_CallFunction((PyObject *)data, "KK", (unsigned long long)bytes_read,
                                      (unsigned long long)bytes_total);
  if (!r)
    return 1;
  int stop = r == Py_False;
  Py_DECREF(r);
  return stop;
}

/* SieOptions.progress: None, or a callable kept alive in `keep` for the call. */
static int progress_attr(PyObject *obj, tertial_sie_options *o, tpy_keep *keep)
{
  PyObject *progress = PyObject_GetAttrString(obj, "progress");
  if (!progress) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError))
      return -1;
    PyErr_Clear(); /* an options object without the field: no callback */
    return 0;
  }
  if (progress == Py_None) {
    Py_DECREF(progress);
    return 0;
  }
  if (!PyCallable_Check(progress))
    PyErr_Format(PyExc_TypeError, "progress: expected a callable(bytes_read, bytes_total) or None, not %.200s",
                 Py_TYPE(progress)->tp_name);
  else if (keep->n >= TPY_KEEP_MAX)
    PyErr_SetString(PyExc_SystemError, "tpy_keep is full");
  if (PyErr_Occurred()) {
    Py_DECREF(progress);
    return -1;
  }
  keep->items[keep->n++] = progress; /* the reference is released after the call */
  o->progress = sie_progress;
  o->progress_data = progress;
  return 0;
}

int tpy_sie_options_in(PyObject *obj, tertial_sie_options *out, tpy_keep *keep)
{
  tertial_sie_options o = TERTIAL_SIE_OPTIONS_INIT;
  int mode = 0, encoding = 0, return_unknown = 0;
  if (tpy_int_attr(obj, "mode", &mode) < 0 || tpy_int_attr(obj, "encoding", &encoding) < 0 ||
      tpy_int_attr(obj, "return_unknown", &return_unknown) < 0 ||
      size_attr(obj, "max_diagnostics", &o.max_diagnostics) < 0 || size_attr(obj, "block_size", &o.block_size) < 0 ||
      size_attr(obj, "max_line", &o.max_line) < 0 || tpy_text_attr(obj, "name", &o.name, keep) < 0 ||
      progress_attr(obj, &o, keep) < 0)
    return -1;
  o.mode = (tertial_sie_mode)mode;
  o.encoding = (tertial_sie_encoding)encoding;
  o.return_unknown = return_unknown;
  *out = o;
  return 0;
}

int tpy_sie_load_options_in(PyObject *obj, tertial_sie_load_options *out, tpy_keep *keep)
{
  tertial_sie_load_options o = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  PyObject *reader = PyObject_GetAttrString(obj, "reader");
  if (!reader)
    return -1;
  int rc = reader == Py_None ? 0 : tpy_sie_options_in(reader, &o.reader, keep);
  Py_DECREF(reader);
  int source = 0, rows = 0;
  if (rc < 0 || tpy_int_attr(obj, "year", &o.year) < 0 || tpy_int_attr(obj, "unit_dimension", &o.unit_dimension) < 0 ||
      tpy_int_attr(obj, "outcome_source", &source) < 0 || tpy_int_attr(obj, "object_rows", &rows) < 0 ||
      tpy_text_attr(obj, "hierarchy", &o.hierarchy, keep) < 0 ||
      tpy_text_attr(obj, "catch_all_code", &o.catch_all_code, keep) < 0 ||
      tpy_text_attr(obj, "catch_all_name", &o.catch_all_name, keep) < 0 ||
      tpy_text_attr(obj, "catch_all_parent", &o.catch_all_parent, keep) < 0 ||
      tpy_text_attr(obj, "budget_name", &o.budget_name, keep) < 0 || size_attr(obj, "max_notes", &o.max_notes) < 0)
    return -1;
  o.outcome_source = (tertial_sie_source)source;
  o.object_rows = (tertial_sie_object_rows)rows;
  *out = o;
  return 0;
}

int tpy_sie_write_options_in(PyObject *obj, tertial_sie_write_options *out, tpy_keep *keep)
{
  tertial_sie_write_options o = TERTIAL_SIE_WRITE_OPTIONS_INIT;
  if (tpy_int_attr(obj, "budget_measure", &o.budget_measure) < 0 || tpy_int_attr(obj, "outcome", &o.outcome) < 0 ||
      tpy_int_attr(obj, "prior", &o.prior) < 0 || tpy_int_attr(obj, "dimension", &o.dimension) < 0 ||
      tpy_text_attr(obj, "dimension_name", &o.dimension_name, keep) < 0 ||
      tpy_text_attr(obj, "company", &o.company, keep) < 0 || tpy_text_attr(obj, "orgnr", &o.orgnr, keep) < 0 ||
      tpy_text_attr(obj, "program", &o.program, keep) < 0 || date_attr(obj, "generated", &o.generated) < 0 ||
      tpy_int_attr(obj, "sie_type", &o.sie_type) < 0 ||
      tpy_text_attr(obj, "balance_account", &o.balance_account, keep) < 0)
    return -1;
  *out = o;
  return 0;
}

int tpy_report_options_in(PyObject *obj, tertial_report_options *out, tpy_keep *keep)
{
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  unsigned long long sections;
  if (tpy_int_attr(obj, "english", &o.english) < 0 || tpy_int_attr(obj, "budget_measure", &o.budget_measure) < 0 ||
      uint_attr(obj, "sections", UINT_MAX, &sections) < 0 ||
      tpy_text_attr(obj, "previous_point", &o.previous_point, keep) < 0 ||
      tpy_text_attr(obj, "current_point", &o.current_point, keep) < 0 ||
      tpy_int_attr(obj, "skip_empty", &o.skip_empty) < 0 || tpy_int_attr(obj, "child_depth", &o.child_depth) < 0 ||
      tpy_int_attr(obj, "pass_through", &o.pass_through) < 0 ||
      tpy_int_attr(obj, "prior_year_acc", &o.prior_year_acc) < 0 ||
      tpy_int_attr(obj, "previous_forecast", &o.previous_forecast) < 0 ||
      tpy_int_attr(obj, "forecast_after_measures", &o.forecast_after_measures) < 0)
    return -1;
  o.sections = (unsigned int)sections;
  *out = o;
  return 0;
}

/* An option's `created`: an int of seconds since 1970 (UTC). */
static int created_attr(PyObject *obj, int64_t *out)
{
  PyObject *created = PyObject_GetAttrString(obj, "created");
  if (!created)
    return -1;
  int rc = 0;
  if (PyFloat_Check(created) || PyBool_Check(created) || !PyLong_Check(created)) {
    PyErr_Format(PyExc_TypeError, "created must be an int (seconds since 1970, UTC), not %.200s",
                 Py_TYPE(created)->tp_name);
    rc = -1;
  } else {
    long long v = PyLong_AsLongLong(created);
    rc = v == -1 && PyErr_Occurred() ? -1 : 0;
    *out = v;
  }
  Py_DECREF(created);
  return rc;
}

int tpy_xlsx_options_in(PyObject *obj, tertial_xlsx_options *out, tpy_keep *keep)
{
  tertial_xlsx_options o = TERTIAL_XLSX_OPTIONS_INIT; /* no next_report callback */
  int unit = 0;
  if (created_attr(obj, &o.created) < 0 || tpy_int_attr(obj, "unit", &unit) < 0 ||
      tpy_int_attr(obj, "decimals", &o.decimals) < 0 ||
      tpy_int_attr(obj, "children", &o.children) < 0 || tpy_int_attr(obj, "constant_memory", &o.constant_memory) < 0 ||
      tpy_money_attr(obj, "green_from", &o.green_from) < 0 || tpy_money_attr(obj, "red_below", &o.red_below) < 0 ||
      tpy_text_attr(obj, "author", &o.author, keep) < 0 || tpy_text_attr(obj, "company", &o.company, keep) < 0 ||
      tpy_int_attr(obj, "overview", &o.overview) < 0 || tpy_int_attr(obj, "local_names", &o.local_names) < 0 ||
      tpy_text_attr(obj, "tmpdir", &o.tmpdir, keep) < 0 || tpy_int_attr(obj, "red_share", &o.red_share) < 0)
    return -1;
  o.unit = (tertial_money_unit)unit;
  *out = o;
  return 0;
}

int tpy_docx_options_in(PyObject *obj, tertial_docx_options *out, tpy_keep *keep)
{
  tertial_docx_options o = TERTIAL_DOCX_OPTIONS_INIT;
  int unit = 0;
  if (created_attr(obj, &o.created) < 0 || tpy_int_attr(obj, "unit", &unit) < 0 ||
      tpy_int_attr(obj, "decimals", &o.decimals) < 0 || tpy_int_attr(obj, "depth", &o.depth) < 0 ||
      tpy_text_attr(obj, "author", &o.author, keep) < 0 ||
      tpy_text_attr(obj, "municipality", &o.municipality, keep) < 0)
    return -1;
  o.unit = (tertial_money_unit)unit;
  *out = o;
  return 0;
}

/* One snapshot entry from a SnapshotEntry value (or a tuple of its ten fields); the row code
 * points into the tuple's str, which the tuple keeps alive. */
static int snapshot_entry_in(PyObject *item, Py_ssize_t index, tertial_snapshot_entry *e)
{
  if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 10) {
    PyErr_Format(PyExc_TypeError, "entry %zd: expected a SnapshotEntry (a tuple of ten fields), not %.200s", index,
                 Py_TYPE(item)->tp_name);
    return -1;
  }
  PyObject *row_code = PyTuple_GET_ITEM(item, 1);
  if (!PyUnicode_Check(row_code)) {
    PyErr_Format(PyExc_TypeError, "entry %zd: the row code must be a str", index);
    return -1;
  }
  uint32_t unit;
  if (tpy_id_in(PyTuple_GET_ITEM(item, 0), TERTIAL_NO_UNIT, &unit) < 0 ||
      (e->row_code = PyUnicode_AsUTF8(row_code)) == NULL)
    return -1;
  e->unit = unit;
  long method = PyLong_AsLong(PyTuple_GET_ITEM(item, 2)), fallback = PyLong_AsLong(PyTuple_GET_ITEM(item, 3));
  if ((method == -1 || fallback == -1) && PyErr_Occurred())
    return -1;
  if (method < INT_MIN || method > INT_MAX || fallback < INT_MIN || fallback > INT_MAX) {
    PyErr_Format(PyExc_ValueError, "entry %zd: method or fallback out of range", index);
    return -1;
  }
  e->method = (int)method;
  e->fallback = (int)fallback;
  int64_t *money[6] = {&e->base, &e->adjustments, &e->planned, &e->forecast, &e->outcome_to_date, &e->budget_year};
  for (Py_ssize_t k = 0; k < 6; k++)
    if (tpy_money_in(PyTuple_GET_ITEM(item, 4 + k), money[k]) < 0)
      return -1;
  return 0;
}

int tpy_snapshot_entries_in(PyObject *obj, tertial_snapshot_entry **out, size_t *n, PyObject **keep)
{
  *out = NULL;
  *n = 0;
  *keep = NULL;
  PyObject *seq = PySequence_Fast(obj, "expected a sequence of SnapshotEntry values");
  if (!seq)
    return -1;
  Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
  tertial_snapshot_entry *entries = malloc((size_t)(count ? count : 1) * sizeof *entries);
  if (!entries) {
    Py_DECREF(seq);
    PyErr_NoMemory();
    return -1;
  }
  for (Py_ssize_t i = 0; i < count; i++)
    if (snapshot_entry_in(PySequence_Fast_GET_ITEM(seq, i), i, &entries[i]) < 0) {
      free(entries);
      Py_DECREF(seq);
      return -1;
    }
  *out = entries;
  *n = (size_t)count;
  *keep = seq; /* holds the entries, which hold their row codes */
  return 0;
}

/* ---- import of a municipality's own tables (import.h) ---- */

/* The summary as a dict (pythonic.py makes it an ImportSummary); a file with errors raises
 * ParseError naming every error, one a line. */
static PyObject *import_result(int rc, tertial_import *imp)
{
  if (rc == TERTIAL_ERR_PARSE && imp) {
    PyObject *lines = PyList_New(0);
    size_t n = tertial_import_error_count(imp);
    for (size_t i = 0; lines && i < n; i++) {
      PyObject *s = PyUnicode_DecodeUTF8(tertial_import_error(imp, i), (Py_ssize_t)strlen(tertial_import_error(imp, i)),
                                         "replace");
      if (!s || PyList_Append(lines, s) < 0)
        Py_CLEAR(lines);
      Py_XDECREF(s);
    }
    PyObject *tail = lines ? PyUnicode_FromFormat("%zu error%s; nothing was imported", n, n == 1 ? "" : "s") : NULL;
    if (tail && PyList_Append(lines, tail) < 0)
      Py_CLEAR(lines);
    Py_XDECREF(tail);
    PyObject *sep = lines ? PyUnicode_FromString("\n") : NULL;
    PyObject *message = sep ? PyUnicode_Join(sep, lines) : NULL;
    Py_XDECREF(sep);
    Py_XDECREF(lines);
    tertial_import_free(imp);
    return message ? tpy_raise_message(rc, message) : NULL;
  }
  if (rc < 0) {
    tertial_import_free(imp);
    return tpy_raise(rc);
  }
  const tertial_import_summary *s = tertial_import_summary_of(imp);
  PyObject *d = Py_BuildValue("{s:s,s:n,s:n,s:n,s:n,s:n,s:n,s:n,s:n,s:n,s:L,s:L,s:n,s:O,s:s,s:n,s:n}",
                              "kind", tertial_import_kind_name(s->kind), "rows", (Py_ssize_t)s->rows,
                              "units_added", (Py_ssize_t)s->units_added, "units_updated", (Py_ssize_t)s->units_updated,
                              "units_unchanged", (Py_ssize_t)s->units_unchanged,
                              "accounts_added", (Py_ssize_t)s->accounts_added,
                              "accounts_updated", (Py_ssize_t)s->accounts_updated,
                              "accounts_unchanged", (Py_ssize_t)s->accounts_unchanged,
                              "amounts_changed", (Py_ssize_t)s->amounts_changed,
                              "amounts_unchanged", (Py_ssize_t)s->amounts_unchanged,
                              "amount_total", (long long)s->amount_total, "change_total", (long long)s->change_total,
                              "people_added", (Py_ssize_t)s->people_added, "applied", s->applied ? Py_True : Py_False,
                              "encoding", tertial_import_encoding(imp), "values_changed", (Py_ssize_t)s->values_changed,
                              "values_unchanged", (Py_ssize_t)s->values_unchanged);
  tertial_import_free(imp);
  return d;
}

static int import_options(tertial_import_options *o, int kind, const char *sheet, int dry_run, int budget_measure)
{
  if (kind == TERTIAL_IMPORT_PEOPLE) {
    /* the round's people go through the Python round, which knows who acts */
    PyErr_SetString(PyExc_ValueError, "people are imported with Round.load_people() (Acting.load_people() once the "
                                      "directory has people)");
    return -1;
  }
  if (kind < TERTIAL_IMPORT_ORGANISATION || kind > TERTIAL_IMPORT_INDICATORS) {
    PyErr_Format(PyExc_ValueError, "unknown kind of table %d", kind);
    return -1;
  }
  *o = (tertial_import_options)TERTIAL_IMPORT_OPTIONS_INIT;
  o->sheet = sheet;
  o->dry_run = dry_run;
  o->budget_measure = budget_measure;
  return 0;
}

PyObject *tpy_import_file(tertial_model *model, const char *path, int kind, const char *sheet, int dry_run,
                          int budget_measure)
{
  tertial_import_options o;
  tertial_import *imp = NULL;
  if (import_options(&o, kind, sheet, dry_run, budget_measure) < 0)
    return NULL;
  int rc;
  Py_BEGIN_ALLOW_THREADS
  rc = tertial_import_file(&imp, model, path, (tertial_import_kind)kind, &o);
  Py_END_ALLOW_THREADS
  return import_result(rc, imp);
}

PyObject *tpy_ledger_load_csv(tertial_ledger *ledger, const char *path, const char *delimiter, int measure)
{
  tertial_load_csv_options o = TERTIAL_LOAD_CSV_OPTIONS_INIT;
  if (delimiter && strlen(delimiter) > 1) {
    PyErr_Format(PyExc_ValueError, "delimiter %R: expected one character", PyUnicode_FromString(delimiter));
    return NULL;
  }
  o.delimiter = delimiter ? delimiter[0] : 0;
  o.measure = measure;
  size_t rows = 0;
  int rc;
  Py_BEGIN_ALLOW_THREADS
  rc = tertial_ledger_load_csv(&rows, ledger, path, &o);
  Py_END_ALLOW_THREADS
  if (rc < 0) {
    tpy_raise(rc);
    return NULL;
  }
  return PyLong_FromSize_t(rows);
}

PyObject *tpy_import_csv(tertial_model *model, PyObject *data, const char *source, int kind, int dry_run,
                         int budget_measure)
{
  tertial_import_options o;
  tertial_import *imp = NULL;
  Py_buffer view;
  if (import_options(&o, kind, NULL, dry_run, budget_measure) < 0)
    return NULL;
  if (PyUnicode_Check(data)) {
    PyErr_SetString(PyExc_TypeError, "expected the CSV file's bytes (str has no encoding to detect: encode it)");
    return NULL;
  }
  if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0)
    return NULL;
  int rc;
  Py_BEGIN_ALLOW_THREADS
  rc = tertial_import_csv(&imp, model, view.buf, (size_t)view.len, source, (tertial_import_kind)kind, &o);
  Py_END_ALLOW_THREADS
  PyBuffer_Release(&view);
  return import_result(rc, imp);
}
