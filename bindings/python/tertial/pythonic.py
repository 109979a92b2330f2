# The Pythonic layer of tertial.core, appended to the module by tertial.i (%pythoncode).
# It takes the 1:1 functions above as methods, and adds iteration, context managers,
# __repr__, defaults and the enums. No computation happens here: every figure comes from
# the library.
import collections as _collections
import csv as _csv
import datetime as _datetime
import enum as _enum
import json as _json
import operator as _operator
import os as _os
import weakref as _weakref

TertialError = _tertial.TertialError
InvalidArgumentError = _tertial.InvalidArgumentError
NoMemoryError = _tertial.NoMemoryError
MoneyOverflowError = _tertial.MoneyOverflowError
ParseError = _tertial.ParseError
NotFoundError = _tertial.NotFoundError
ExistsError = _tertial.ExistsError
RangeError = _tertial.RangeError
TertialIOError = _tertial.TertialIOError
StateError = _tertial.StateError
BufferTooSmallError = _tertial.BufferTooSmallError
CancelledError = _tertial.CancelledError
ConflictError = _tertial.ConflictError
NotPermittedError = _tertial.NotPermittedError

FollowupPoint = _tertial.FollowupPoint
LevelDeadline = _tertial.LevelDeadline
ReportRow = _tertial.ReportRow
FollowupRow = _tertial.FollowupRow
Finding = _tertial.Finding
Holiday = _tertial.Holiday
BudgetVersion = _tertial.BudgetVersion
Adjustment = _tertial.Adjustment
SnapshotEntry = _tertial.SnapshotEntry
SnapshotChange = _tertial.SnapshotChange
Accuracy = _tertial.Accuracy
AccuracySummary = _tertial.AccuracySummary
Accrual = _tertial.Accrual
AdjustedOutcome = _tertial.AdjustedOutcome
Deviation = _tertial.Deviation
BudgetCompareLine = _tertial.BudgetCompareLine
Measure = _tertial.Measure
AdherenceRisk = _tertial.AdherenceRisk
SieRecord = _tertial.SieRecord
SieObject = _tertial.SieObject
SieDiagnostic = _tertial.SieDiagnostic
SieStats = _tertial.SieStats
SieSummary = _tertial.SieSummary
SieFigures = _tertial.SieFigures
SieNote = _tertial.SieNote
SieDifference = _tertial.SieDifference
SieWriteSummary = _tertial.SieWriteSummary
ReportColumn = _tertial.ReportColumn
ReportLine = _tertial.ReportLine
ReportCell = _tertial.ReportCell
#: One line of a reasons table: the reason and its effect on the forecast deviation (öre).
ReasonLine = _collections.namedtuple("ReasonLine", "reason amount", module=__name__)
#: Reasons.check_details(): the ReasonsVerdict, the line whose sign is wrong (or None), and
#: deviation - sum of lines (öre).
ReasonsCheck = _collections.namedtuple("ReasonsCheck", "verdict line difference", module=__name__)
#: ForecastPlan.base_of(): a unit's own base forecast (öre), its ForecastMethod and ForecastFallback.
BaseForecast = _collections.namedtuple("BaseForecast", "base method fallback", module=__name__)
#: The field names of FollowupRow, in order (the columns of rows() and to_dataframe()).
FOLLOWUP_FIELDS = FollowupRow.__match_args__


def _int_enum(name, prefix, doc, skip=(), extra=None, base=_enum.IntEnum):
    """An IntEnum of the module constants PREFIX_* (the C enum), so it never drifts."""
    members = dict(extra or {})
    for key, value in list(globals().items()):
        if key.startswith(prefix) and key not in skip and isinstance(value, int):
            members[key[len(prefix):]] = value
    cls = base(name, members, module=__name__, qualname=name)
    cls.__doc__ = doc
    return cls


ErrorCode = _int_enum("ErrorCode", "ERR_", "Error codes of the C API (tertial_error_code).",
                      extra={"OK": OK})
MoneyStyle = _int_enum("MoneyStyle", "MONEY_", "Decimal text styles accepted by money_parse().")
MoneyUnit = _int_enum("MoneyUnit", "UNIT_", "Display units of formatting: KR, TKR, MKR.")
AccountType = _int_enum("AccountType", "ACCOUNT_", "Kinds of account (sign: revenue negative, cost positive).")
RowKind = _int_enum("RowKind", "ROW_", "Kinds of report row: LINE, SUM, INTERNAL.")
Column = _int_enum("Column", "COL_", "The eight columns of a follow-up table.", skip=("COL_COUNT",))
View = _int_enum("View", "VIEW_", "Which follow-up table to build: CHILDREN, SUBTREE, ROWS.")
LineKind = _int_enum("LineKind", "LINE_", "What a line of a follow-up table stands for.")
FindingKind = _int_enum("FindingKind", "FINDING_", "What a finding of the checker is about.")
Severity = _int_enum("Severity", "SEVERITY_", "Severity of a finding: ERROR, WARNING.")
HolidayId = _int_enum("HolidayId", "HOLIDAY_", "Which day off a date is (tertial_holiday_id).",
                      skip=("HOLIDAY_YEAR_MIN", "HOLIDAY_YEAR_MAX"))
HolidayFlags = _int_enum("HolidayFlags", "HOLIDAYS_",
                         "DEFAULT: midsommarafton, julafton and nyårsafton are days off; "
                         "EVES_WORKING: they are ordinary days.", skip=("HOLIDAYS_MAX",), base=_enum.IntFlag)
KeyKind = _int_enum("KeyKind", "KEY_", "Kinds of periodisation keys.")
BudgetKind = _int_enum("BudgetKind", "BUDGET_", "Kinds of budget versions: FRAME, ADOPTED, DETAILED, REVISED, "
                       "PRELIMINARY, MOR, FINANSPLAN, ALTERNATIVE.",
                       skip=("BUDGET_OPTIONS_VERSION",))
ForecastMethod = _int_enum("ForecastMethod", "METHOD_", "Base methods of a forecast.")
ForecastFallback = _int_enum("ForecastFallback", "FALLBACK_", "Which fallback a base method used.")
AdjustmentKind = _int_enum("AdjustmentKind", "ADJUST_",
                           "Kinds of forecast adjustments: KNOWN_FACTOR, MEASURE_TAKEN, PLANNED_MEASURE.")
ReasonsVerdict = _int_enum("ReasonsVerdict", "REASONS_",
                           "Outcome of checking a reasons table: OK, MISMATCH, SIGN_ERROR.")
DeviationClass = _int_enum("DeviationClass", "DEVIATION_",
                           "How a unit's forecast deviation is handled: IN_BALANCE, COVERED, NEEDS_MEASURES.",
                           skip=("DEVIATION_BUDGET_MINUS_OUTCOME", "DEVIATION_OUTCOME_MINUS_BUDGET"))
DeviationSign = _int_enum("DeviationSign", "DEVIATION_",
                          "The sign of a presentation's deviations: BUDGET_MINUS_OUTCOME (negative is worse "
                          "than budget), OUTCOME_MINUS_BUDGET.",
                          skip=("DEVIATION_IN_BALANCE", "DEVIATION_COVERED", "DEVIATION_NEEDS_MEASURES"))
SignConvention = _int_enum("SignConvention", "SIGNS_",
                           "The signs a presentation shows amounts in: LEDGER (revenue negative), "
                           "COSTS_NEGATIVE, POSITIVE (revenue and costs positive, nets as net cost).")
MeasureStatus = _int_enum("MeasureStatus", "MEASURE_", "Status of a measure (åtgärd).",
                          skip=("MEASURE_OUTCOME", "MEASURE_PRIOR", "MEASURE_FOR_DEVIATION", "MEASURE_EFFICIENCY"))
MeasureKind = _enum.IntEnum("MeasureKind", {"FOR_DEVIATION": MEASURE_FOR_DEVIATION, "EFFICIENCY": MEASURE_EFFICIENCY},
                            module=__name__, qualname="MeasureKind")
MeasureKind.__doc__ = ("What a measure is for (tertial_measure_kind): FOR_DEVIATION (åtgärd vid avvikelse) or "
                       "EFFICIENCY (effektiviseringsåtgärd, its own report section).")
SieLabel = _int_enum("SieLabel", "SIE_LABEL_", "Record labels of SIE 4B (tertial_sie_label); UNKNOWN for others.")
SieEncoding = _int_enum("SieEncoding", "SIE_ENCODING_",
                        "Character encodings of SIE files: AUTO (detect), ASCII, CP437 (PC8), UTF8, LATIN1, OTHER.")
SieMode = _int_enum("SieMode", "SIE_MODE_",
                    "How the SIE reader treats departures from the specification: LENIENT (repair or skip, note "
                    "it, carry on) or STRICT (stop with ParseError).")
SieProblem = _int_enum("SieProblem", "SIE_PROBLEM_", "Kinds of problems the SIE reader finds (tertial_sie_problem).")
SieAction = _int_enum("SieAction", "SIE_ACTION_",
                      "What the SIE reader did about a problem: KEPT, REPAIRED, SKIPPED, STOPPED.")
SieSource = _int_enum("SieSource", "SIE_SOURCE_",
                      "Which records give a year's monthly outcome: AUTO, TRANS (#VER lines), PSALDO.")
SieObjectRows = _int_enum("SieObjectRows", "SIE_ROWS_",
                          "How #PSALDO/#PBUDGET records with and without objects relate: TOTAL (the "
                          "specification: without objects is the account total) or PARTITION (separate parts).")
SieLoadProblem = _int_enum("SieLoadProblem", "SIE_LOAD_", "What a note of an SIE load is about.",
                           skip=("SIE_LOAD_OPTIONS_VERSION",))
SieHas = _int_enum("SieHas", "SIE_HAS_", "The kinds of figures a year has in an SIE file: TRANS, PSALDO, YEARLY.",
                   base=_enum.IntFlag)
SectionKind = _int_enum("SectionKind", "SECTION_", "The kinds of sections of a report, in the order it has them.",
                        skip=("SECTION_KIND_COUNT",))
ReportType = _int_enum("ReportType", "REPORT_TYPE_", "The type of a report column's cells: TEXT, AMOUNT, SHARE, DATE.")
ReportStyle = _int_enum("ReportStyle", "STYLE_", "How a report line is shown: NORMAL, SUBTOTAL, TOTAL.")
CsvStyle = _int_enum("CsvStyle", "CSV_", "CSV dialects: MACHINE (',' and keys) or SWEDISH (';', decimal comma).",
                     skip=("CSV_OPTIONS_VERSION", "CSV_GUARD_BY_STYLE"))
_set_enums({cls.__name__: cls for cls in
            (ErrorCode, AccountType, RowKind, Column, View, LineKind, FindingKind, Severity, HolidayId, KeyKind,
             BudgetKind, ForecastMethod, ForecastFallback, AdjustmentKind, ReasonsVerdict, DeviationClass,
             MeasureStatus, MeasureKind, SieLabel, SieEncoding, SieMode, SieProblem, SieAction, SieSource, SieObjectRows,
             SieLoadProblem, SieHas, SectionKind, ReportType, ReportStyle, CsvStyle)})


def _bind(cls, **members):
    for name, member in members.items():
        setattr(cls, name, member)


def _adopt(self, made):
    """Turn `self` (in __init__) into the object the C constructor `made`, owner and all."""
    self.__dict__.update(made.__dict__)


def _address(obj):
    return int(obj.this)


def _index(key, length, what):
    index = _operator.index(key)
    if index < 0:
        index += length
    if not 0 <= index < length:
        raise IndexError(f"{what} {key} is out of range (0..{length - 1})")
    return index


class Unit:
    """A unit of an organisation, by id (Org.add_unit(), org[code], iteration, walks).

    Reads go to the organisation, so they are always current. A Unit keeps its organisation
    (and a model that owns it) alive, and can be passed wherever a unit id is expected.
    """

    __slots__ = ("org", "id")

    def __init__(self, org, id):
        self.org = org
        self.id = _operator.index(id)

    def __index__(self):
        return self.id

    def __eq__(self, other):
        return (isinstance(other, Unit) and self.id == other.id
                and _address(self.org) == _address(other.org))

    def __hash__(self):
        return hash((_address(self.org), self.id))

    def _record(self):
        return org_unit(self.org, self.id)

    code = property(lambda self: self._record()[0], doc="Responsibility code (ansvar).")
    name = property(lambda self: self._record()[1],
                    lambda self, name: org_set_name(self.org, self.id, name),
                    doc="Display name; assigning calls org_set_name().")
    manager = property(lambda self: self._record()[2],
                       lambda self, manager: org_set_manager(self.org, self.id, manager),
                       doc="Responsible manager ('' if none); assigning calls org_set_manager().")
    level = property(lambda self: self._record()[3], doc="Index into the organisation's levels.")
    level_name = property(lambda self: org_level_name(self.org, self.level), doc="Name of the unit's level.")

    def parent(self, period):
        """The parent in period (yyyymm), or None for a root (tertial_org_parent())."""
        return org_parent(self.org, self.id, period)

    def depth(self, period):
        """Depth in period (yyyymm); a root has depth 0 (tertial_org_depth())."""
        return org_depth(self.org, self.id, period)

    def is_within(self, ancestor, period):
        """Whether ancestor is this unit or one of its ancestors in period (tertial_org_is_within())."""
        return org_is_within(self.org, self.id, ancestor, period)

    def move(self, new_parent, from_period):
        """Reorganisation: new_parent is the parent from from_period (yyyymm) on (tertial_org_move())."""
        org_move(self.org, self.id, new_parent, from_period)

    def walk(self, period):
        """A depth-first walk of this unit's subtree in period: (Unit, depth) pairs."""
        return org_iter_new(self.org, self.id, period)

    def __repr__(self):
        code, name, manager, level = self._record()
        return f"<Unit {self.id} {code} {name!r} level={level}>"


class Account:
    """An account of a chart, by id (Chart.add(), chart[number], iteration).

    Reads go to the chart; an Account keeps its chart alive and can be passed wherever an
    account id is expected.
    """

    __slots__ = ("chart", "id")

    def __init__(self, chart, id):
        self.chart = chart
        self.id = _operator.index(id)

    def __index__(self):
        return self.id

    def __eq__(self, other):
        return (isinstance(other, Account) and self.id == other.id
                and _address(self.chart) == _address(other.chart))

    def __hash__(self):
        return hash((_address(self.chart), self.id))

    def _record(self):
        return chart_account(self.chart, self.id)

    number = property(lambda self: self._record()[0], doc="Account number (digits).")
    name = property(lambda self: self._record()[1],
                    lambda self, name: chart_set_name(self.chart, self.id, name),
                    doc="Account name; assigning calls chart_set_name().")
    type = property(lambda self: self._record()[2], doc="AccountType.")
    internal = property(lambda self: self._record()[3],
                        lambda self, internal: chart_set_internal(self.chart, self.id, internal),
                        doc="Whether the account is internal; assigning calls chart_set_internal().")

    def __repr__(self):
        number, name, type, internal = self._record()
        return f"<Account {number} {name!r} {type.name}{' internal' if internal else ''}>"


_set_id_classes(Unit, Account)


# Closing: the C object goes at once, but never under a call that is using it
def _kept(obj, depth=0):
    """The SWIG objects (`this`) of obj and of what it keeps alive (_parent, _org, _model)."""
    if depth > 8 or obj is None:
        return
    if isinstance(obj, tuple):
        for item in obj:
            yield from _kept(item, depth + 1)
        return
    fields = getattr(obj, "__dict__", None)
    if fields is None:  # a SWIG object itself (model.this)
        yield obj
        return
    if "this" in fields:
        yield fields["this"]
    for name in ("_parent", "_org", "_model"):
        if name in fields:
            yield from _kept(fields[name], depth + 1)


def _refuse_in_use(obj, what):
    """StateError while a wrapped call runs on obj, or on an object taken from it (a callback,
    an iterator or another thread would otherwise free what the call is working on)."""
    this = obj.__dict__.get("this")
    if this is None:
        return
    for arg, held, call in _calls_in_progress():
        if any(kept is this for kept in _kept(arg)):
            via = "" if held is this else f" (through its {type(arg).__name__})"
            message = (f"the {type(obj).__name__} is in use by {call}(){via}; {what} after the call returns")
            error = StateError(message)
            error.code, error.message = ErrorCode.STATE, message
            raise error


def _close(self):
    """Release the object now (its file or database is closed); it can no longer be used.
    StateError while a call on it (or on an object taken from it) is running, e.g. from a
    progress callback or another thread."""
    _refuse_in_use(self, "close it")
    self.__dict__.pop("this", None)


# FiscalYear
def _fiscal_year_init(self, first_year, start_month=1):
    """FiscalYear(first_year, start_month=1): twelve months from start_month of first_year."""
    _adopt(self, fiscal_year_init(first_year, start_month))


_bind(FiscalYear,
      __init__=_fiscal_year_init,
      containing=staticmethod(fiscal_year_containing),
      period=fiscal_year_period,
      index=fiscal_year_index,
      days_in_month=fiscal_year_days_in_month,
      label=fiscal_year_label,
      periods=lambda self: [fiscal_year_period(self, i) for i in range(12)],
      __str__=fiscal_year_label,
      __repr__=lambda self: f"FiscalYear({self.first_year}, {self.start_month})",
      __eq__=lambda self, other: (isinstance(other, FiscalYear) and
                                  (self.first_year, self.start_month) == (other.first_year, other.start_month)),
      __hash__=lambda self: hash((self.first_year, self.start_month)))


# Options
def _options_init(new, swiginit):
    def __init__(self, **fields):
        swiginit(self, new())
        for name, value in fields.items():
            if name == "version" or not isinstance(getattr(type(self), name, None), property):
                raise TypeError(f"{type(self).__name__} has no option {name!r}")
            setattr(self, name, value)
    return __init__


def _options_repr(self):
    names = [n for n, v in vars(type(self)).items() if isinstance(v, property) and n not in ("thisown",)]
    return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"


_bind(FollowupOptions, __init__=_options_init(_tertial.new_FollowupOptions, _tertial.FollowupOptions_swiginit),
      __repr__=_options_repr)
_bind(TextOptions, __init__=_options_init(_tertial.new_TextOptions, _tertial.TextOptions_swiginit),
      __repr__=_options_repr)


# Calendar
def _calendar_init(self, start_month=1):
    """Calendar(start_month=1): an empty follow-up calendar (tertial_calendar_new())."""
    _adopt(self, calendar_new(start_month))


def _calendar_default(start_month=1):
    return calendar_new_default(start_month)


_calendar_default.__doc__ = calendar_new_default.__doc__


def _calendar_index(self, key):
    if isinstance(key, str):
        return calendar_find_point(self, key)
    return _index(key, calendar_point_count(self), "point")


def _calendar_parse(self, text, source="<string>"):
    return calendar_parse(self, text, source)


_calendar_parse.__doc__ = calendar_parse.__doc__


def _calendar_code(self, point):
    """The code of a point given by code or index (the level-deadline setters take a code)."""
    return calendar_point(self, _calendar_index(self, point)).code


def _calendar_level_deadlines(self, point):
    """The point's own deadlines per organisation level, root first, as LevelDeadline values
    (tertial_calendar_level_deadline_count() and tertial_calendar_level_deadline_at())."""
    i = _calendar_index(self, point)
    return [calendar_level_deadline_at(self, i, k) for k in range(calendar_level_deadline_count(self, i))]

_bind(Calendar,
      __init__=_calendar_init,
      default=staticmethod(_calendar_default),
      start_month=property(calendar_start_month),
      add_point=calendar_add_point,
      remove_point=calendar_remove_point,
      parse=_calendar_parse,
      point=calendar_point,
      find_point=calendar_find_point,
      deadline=lambda self, point, first_year: calendar_deadline(self, _calendar_index(self, point), first_year),
      set_level_deadline=lambda self, point, level, months_after, day: calendar_set_level_deadline(
          self, _calendar_code(self, point), level, months_after, day),
      remove_level_deadline=lambda self, point, level: calendar_remove_level_deadline(
          self, _calendar_code(self, point), level),
      level_deadline=lambda self, point, level, first_year: calendar_level_deadline(
          self, _calendar_index(self, point), level, first_year),
      level_deadlines=_calendar_level_deadlines,
      __len__=calendar_point_count,
      __getitem__=lambda self, key: calendar_point(self, _calendar_index(self, key)),
      __iter__=lambda self: iter([calendar_point(self, i) for i in range(calendar_point_count(self))]),
      __repr__=lambda self: (f"<Calendar start_month={calendar_start_month(self)} points="
                             f"{[p.code for p in self]}>"))


# Org
def _org_init(self):
    """Org(): an empty organisation with the default levels (tertial_org_new())."""
    _adopt(self, org_new())


def _org_add_unit(self, code, name, parent, level, manager=None):
    return org_add_unit(self, code, name, parent, level, manager)


_org_add_unit.__doc__ = org_add_unit.__doc__


def _org_unit(self, id):
    """The Unit with id (0..len-1)."""
    return Unit(self, _index(id, org_unit_count(self), "unit id"))


def _org_getitem(self, key):
    return org_find(self, key) if isinstance(key, str) else _org_unit(self, key)


def _org_contains(self, key):
    if isinstance(key, str):
        try:
            org_find(self, key)
        except NotFoundError:
            return False
        return True
    if isinstance(key, Unit):
        return _address(key.org) == _address(self) and 0 <= key.id < org_unit_count(self)
    return False


def _org_walk(self, period, root=None):
    """A depth-first walk of the subtree under root (every tree when None) as it stands in
    period (yyyymm): (Unit, depth) pairs (tertial_org_iter_new())."""
    return org_iter_new(self, root, period)


_bind(Org,
      __init__=_org_init,
      clear_levels=org_clear_levels,
      add_level=org_add_level,
      level_count=property(org_level_count),
      level_name=org_level_name,
      levels=property(lambda self: [org_level_name(self, i) for i in range(org_level_count(self))],
                      doc="The level names, by index."),
      add_unit=_org_add_unit,
      set_manager=org_set_manager,
      set_name=org_set_name,
      move=org_move,
      unit=_org_unit,
      find=org_find,
      parent=org_parent,
      depth=org_depth,
      is_within=org_is_within,
      walk=_org_walk,
      __len__=org_unit_count,
      __getitem__=_org_getitem,
      __contains__=_org_contains,
      __iter__=lambda self: (Unit(self, i) for i in range(org_unit_count(self))),
      __repr__=lambda self: f"<Org units={org_unit_count(self)} levels={self.levels}>")


def _org_iter_next(self):
    id, depth = org_iter_next(self)
    return Unit(self._org, id), depth


_bind(OrgIter, __iter__=lambda self: self, __next__=_org_iter_next,
      __repr__=lambda self: "<OrgIter>")


# Chart
def _chart_init(self):
    """Chart(): an empty chart of accounts (tertial_chart_new())."""
    _adopt(self, chart_new())


def _chart_add(self, number, name=None, type=None, internal=False):
    """Add an account; type defaults to the Kommun-Bas guess (account_type_guess())."""
    return chart_add(self, number, name, account_type_guess(number) if type is None else type, internal)


def _chart_account(self, id):
    """The Account with id (0..len-1)."""
    return Account(self, _index(id, chart_count(self), "account id"))


_chart_add.__doc__ += "\n" + (chart_add.__doc__ or "")

_bind(Chart,
      __init__=_chart_init,
      add=_chart_add,
      ensure=chart_ensure,
      find=chart_find,
      account=_chart_account,
      set_internal=chart_set_internal,
      set_name=chart_set_name,
      __len__=chart_count,
      __getitem__=lambda self, key: chart_find(self, key) if isinstance(key, str) else _chart_account(self, key),
      __iter__=lambda self: (Account(self, i) for i in range(chart_count(self))),
      __repr__=lambda self: f"<Chart accounts={chart_count(self)}>")


# RowMap
def _rowmap_init(self, name=None, version=None):
    """RowMap(name=None, version=None): an empty mapping (tertial_rowmap_new())."""
    _adopt(self, rowmap_new(name, version))


def _rowmap_index(self, key):
    if isinstance(key, str):
        return rowmap_find_row(self, key)
    return _index(key, rowmap_row_count(self), "row")


def _rowmap_add_row(self, code, label, kind, parent_code=None):
    return rowmap_add_row(self, code, label, kind, parent_code)


_rowmap_add_row.__doc__ = rowmap_add_row.__doc__


def _rowmap_views(model):
    """The RowMap objects that show a model's mapping (Model.set_rowmap() retires them)."""
    return model.__dict__.setdefault("_rowmap_views", _weakref.WeakSet())


_bind(RowMap,
      __init__=_rowmap_init,
      kommunbas=staticmethod(rowmap_new_kommunbas),
      parse=staticmethod(lambda text, source="<string>": rowmap_parse(text, source)),
      format=rowmap_format,
      name=property(rowmap_name),
      version=property(rowmap_version),
      add_row=_rowmap_add_row,
      add_range=rowmap_add_range,
      set_result=rowmap_set_result,
      validate=rowmap_validate,
      row=rowmap_row,
      find_row=rowmap_find_row,
      result_row=property(rowmap_result_row),
      lookup=rowmap_lookup,
      __len__=rowmap_row_count,
      __getitem__=lambda self, key: rowmap_row(self, _rowmap_index(self, key)),
      __iter__=lambda self: iter([rowmap_row(self, i) for i in range(rowmap_row_count(self))]),
      __str__=rowmap_format,
      __repr__=lambda self: f"<RowMap {rowmap_name(self)!r} {rowmap_version(self)!r} rows={rowmap_row_count(self)}>")


# Ledger
def _ledger_init(self, org, chart, fiscal_year):
    """Ledger(org, chart, fiscal_year): an empty ledger; it keeps org and chart alive."""
    _adopt(self, ledger_new(org, chart, fiscal_year))


def _ledger_total(self, unit, account=None, measure=MEASURE_OUTCOME, first=0, last=11):
    return ledger_total(self, unit, account, measure, first, last)


def _ledger_row_total(self, rowmap, unit, row, measure=MEASURE_OUTCOME, first=0, last=11):
    if isinstance(row, str):
        row = rowmap_find_row(rowmap, row)
    return ledger_row_total(self, rowmap, unit, row, measure, first, last)


def _ledger_load_csv(self, path, delimiter=None, measure=MEASURE_OUTCOME):
    """Add the facts of a CSV file in C, streaming, without a Python object per row
    (tertial_ledger_load_csv()); returns the number of rows added.

    The first line names the columns (enhet/unit, konto/account, månad/month or period,
    belopp/amount/utfall, optionally measure or version), or the rows are unit, account, month,
    [measure,] amount. Months are calendar months of the fiscal year (1-12), yyyymm or yyyy-mm;
    amounts kronor in Swedish ("-1 243,50") or plain ("-1243.50") notation; delimiter ',', ';'
    or a tab (None: the one the first line has most of); `measure` is the measure of rows when
    there is no measure column. All or nothing: a bad row raises ParseError naming the file,
    line and column, and the ledger is as it was."""
    return _ledger_load_csv_c(self, _os.fspath(path), delimiter, measure)


_ledger_total.__doc__ = ledger_total.__doc__
_ledger_row_total.__doc__ = ledger_row_total.__doc__

_bind(Ledger,
      __init__=_ledger_init,
      fiscal_year=property(ledger_fiscal_year),
      add_measure=ledger_add_measure,
      measure_count=property(ledger_measure_count),
      measure_name=ledger_measure_name,
      find_measure=ledger_find_measure,
      measures=property(lambda self: [ledger_measure_name(self, i) for i in range(ledger_measure_count(self))],
                        doc="The measure names, by id."),
      add=ledger_add,
      set=ledger_set,
      copy_measure=ledger_copy_measure,
      add_period=ledger_add_period,
      add_by_code=ledger_add_by_code,
      get=ledger_get,
      rollup=ledger_rollup,
      total=_ledger_total,
      row_total=_ledger_row_total,
      line_count=property(ledger_line_count),
      load=_ledger_load,
      load_csv=_ledger_load_csv,
      __repr__=lambda self: (f"<Ledger {fiscal_year_label(ledger_fiscal_year(self))} "
                             f"measures={self.measures} lines={ledger_line_count(self)}>"))


# Model
def _model_init(self, first_year, start_month=1):
    """Model(first_year, start_month=1): a model of the fiscal year starting in start_month of
    first_year, with the default calendar, an empty organisation and chart, the Kommun-Bas
    mapping and a budget measure "Budget" (tertial_model_new())."""
    _adopt(self, model_new(first_year, start_month))


def _model_close(self):
    """Release the model. Its memory is freed now, or when the last object taken from it
    (org, ledger, unit, table, ...) is gone; the Model itself can no longer be used. StateError
    while a call on it or on an object taken from it runs (from a progress callback of load_sie(),
    an iterator given to load(), another thread): close it after the call returns."""
    _close(self)


def _model_set_rowmap(self, rowmap):
    if not isinstance(rowmap, RowMap):
        raise TypeError(f"expected a RowMap, not {type(rowmap).__name__}")
    if not rowmap.thisown:
        raise ValueError("this RowMap belongs to a model; give the model a RowMap of your own "
                         "(RowMap.parse(str(rowmap)) copies one)")
    for view in list(_rowmap_views(self)):  # the model frees its old mapping
        _refuse_in_use(view, "replace the mapping")
    try:
        model_set_rowmap(self, rowmap)
    except BaseException:
        if not rowmap.thisown:  # the model took it, and freed it
            rowmap.__dict__.pop("this", None)
        raise
    views = _rowmap_views(self)
    for view in list(views):  # the model freed its old mapping
        view.__dict__.pop("this", None)
    views.clear()
    rowmap._parent = self.this
    views.add(rowmap)


_model_set_rowmap.__doc__ = (model_set_rowmap.__doc__ or "") + """
The RowMap object then shows the model's mapping; RowMap objects taken from model.rowmap
before can no longer be used."""


def _model_followup(self, unit, cutoff, options=None, **fields):
    """The follow-up table of unit at cutoff (1..12): FollowupOptions fields as keywords
    (view=View.ROWS, budget_measure=..., skip_empty=True, max_depth=...) or options=."""
    if options is None:
        options = FollowupOptions(**fields)
    elif fields:
        raise TypeError("give options= or option keywords, not both")
    return followup_new(self, unit, cutoff, options)


def _model_check(self, unit, cutoff, budget_measure=-1):
    return check_model(self, unit, cutoff, budget_measure)


_model_check.__doc__ = check_model.__doc__


def _model_repr(self):
    if "this" not in self.__dict__:
        return "<Model (closed)>"
    org = model_org(self)
    return (f"<Model {fiscal_year_label(model_fiscal_year(self))} units={org_unit_count(org)} "
            f"accounts={chart_count(model_chart(self))}>")


def _model_exit(self, *exc):
    self.close()


_bind(Model,
      __init__=_model_init,
      close=_model_close,
      closed=property(lambda self: "this" not in self.__dict__, doc="Whether close() was called."),
      __enter__=lambda self: self,
      __exit__=_model_exit,
      fiscal_year=property(model_fiscal_year),
      org=property(model_org),
      chart=property(model_chart),
      rowmap=property(model_rowmap),
      calendar=property(model_calendar),
      ledger=property(model_ledger),
      set_rowmap=_model_set_rowmap,
      current_budget=property(model_current_budget, model_set_current_budget),
      set_current_budget=model_set_current_budget,
      set_forecast=model_set_forecast,
      clear_forecast=model_clear_forecast,
      forecast=model_forecast,
      followup=_model_followup,
      check=_model_check,
      load=lambda self, rows: _ledger_load(model_ledger(self), rows),
      __repr__=_model_repr)
Model.load.__doc__ = "Model.load(rows): Ledger.load() on the model's ledger.\n" + (_ledger_load.__doc__ or "")


# FollowupTable
def _table_rows(self, kronor=False):
    """All lines as FollowupRow values in one call: amounts in int öre, or in Decimal kronor
    with kronor=True; Förbrukat % as a Decimal percent; empty columns None."""
    return _followup_rows(self, kronor)


def _table_to_dicts(self, kronor=False):
    """All lines as dicts keyed by FOLLOWUP_FIELDS."""
    return [dict(zip(FOLLOWUP_FIELDS, row)) for row in _followup_rows(self, kronor)]


def _table_render_text(self, options=None, **fields):
    """The table as aligned UTF-8 text: TextOptions fields as keywords (unit=MoneyUnit.KR,
    decimals=1, sum_preserving=False, english=True, label_width=...) or options=."""
    if options is None:
        options = TextOptions(**fields)
    elif fields:
        raise TypeError("give options= or option keywords, not both")
    return render_text(self, options)


def _table_check(self, unit=UNIT_TKR, decimals=0):
    return check_table(self, unit, decimals)


_table_check.__doc__ = check_table.__doc__

_bind(FollowupTable,
      rows=_table_rows,
      to_dicts=_table_to_dicts,
      value=lambda self, index, column: _followup_value(self, _index(index, followup_line_count(self), "line"),
                                                        column),
      view=property(followup_view_of),
      unit=property(lambda self: Unit(self._org, followup_unit(self)), doc="The table's unit."),
      cutoff=property(followup_cutoff),
      cutoff_period=property(followup_cutoff_period),
      title=property(followup_title),
      render_text=_table_render_text,
      check=_table_check,
      __len__=followup_line_count,
      __getitem__=lambda self, index: followup_line_at(self, _index(index, followup_line_count(self), "line")),
      __iter__=lambda self: iter(_followup_rows(self, False)),
      __str__=lambda self: render_text(self, None),
      __repr__=lambda self: (f"<FollowupTable {followup_title(self)!r} {View(followup_view_of(self)).name} "
                             f"cutoff={followup_cutoff(self)} lines={followup_line_count(self)}>"))
FollowupTable.value.__doc__ = (
    "FollowupTable.value(index, column): one value of line index, int öre (hundredths of a percent "
    "for Förbrukat %), None when empty (tertial_followup_value()).")


# Findings
_bind(Findings,
      __len__=findings_count,
      error_count=property(findings_error_count),
      warning_count=property(lambda self: findings_count(self) - findings_error_count(self)),
      __getitem__=lambda self, index: findings_at(self, _index(index, findings_count(self), "finding")),
      __iter__=lambda self: iter([findings_at(self, i) for i in range(findings_count(self))]),
      __repr__=lambda self: f"<Findings errors={findings_error_count(self)} total={findings_count(self)}>")


def _address_eq(self, other):
    return type(other) is type(self) and _address(self) == _address(other)


def _model_handle(model):
    """A second Model object of the same C model, for the objects that need the model later
    (snapshots, adherence plans, the views below). Model.close() on the user's object does not
    retire it; like every object taken from a model it keeps the model's memory alive."""
    this = model.__dict__.get("this") if isinstance(model, Model) else None
    if this is None:
        if isinstance(model, Model):
            raise ValueError("this object was closed or released (Model.close(), Model.set_rowmap())")
        raise TypeError(f"expected a Model, not {type(model).__name__}")
    handle = Model.__new__(Model)
    handle.__dict__["this"] = this
    return handle


def _doc(function, text):
    function.__doc__ = text
    return function


# Holidays
def holiday_dates(year, flags=HOLIDAYS_DEFAULT):
    """The days off of a year as datetime.date values in date order, a date shared by two
    holidays once (holidays_of_year() gives the Holiday values with their names)."""
    dates = []
    for holiday in holidays_of_year(year, flags):
        if not dates or dates[-1] != holiday.date:
            dates.append(holiday.date)
    return dates


# Keys
def _key_last_year(name, amounts=None):
    return key_new_last_year(name, amounts)


def _key_distribute_row(self, fiscal_year, annual, row_last_year=None):
    return key_distribute_row(self, fiscal_year, annual, row_last_year)


def _key_repr(self):
    return f"<Key {key_name(self)!r} {KeyKind(key_kind_of(self)).name}>"


def _key_values(self):
    """The twelve values the key was made with (salary weights January..December, custom
    weights or last year's amounts in fiscal-month order), or None for a kind made without
    (tertial_key_values())."""
    has_values, values = key_values(self)
    return values if has_values else None


_bind(Key,
      equal=staticmethod(key_new_equal),
      calendar_days=staticmethod(key_new_calendar_days),
      working_days=staticmethod(key_new_working_days),
      salary=staticmethod(key_new_salary),
      last_year=staticmethod(_doc(_key_last_year, key_new_last_year.__doc__)),
      custom=staticmethod(key_new_custom),
      name=property(key_name, doc="The key's name."),
      kind=property(key_kind_of, doc="KeyKind."),
      falls_back=property(key_falls_back, doc=key_falls_back.__doc__),
      values=property(_key_values),
      holiday_flags=property(lambda self: HolidayFlags(key_holiday_flags(self)),
                             doc="HolidayFlags of a working-days key; DEFAULT for the other kinds "
                             "(tertial_key_holiday_flags())."),
      weights=key_weights,
      distribute=key_distribute,
      distribute_row=_doc(_key_distribute_row, key_distribute_row.__doc__),
      __eq__=_address_eq,
      __hash__=_address,
      __repr__=_key_repr)


def _keyset_init(self):
    """KeySet(): a key set holding one key, "Tolftedelar" (equal twelfths), its default
    (tertial_keyset_new())."""
    _adopt(self, keyset_new())


def _keyset_getitem(self, key):
    if isinstance(key, str):
        return keyset_find(self, key)
    return keyset_key(self, _index(key, keyset_count(self), "key"))


def _keyset_contains(self, name):
    try:
        keyset_find(self, name.name if isinstance(name, Key) else name)
    except (NotFoundError, TypeError):
        return False
    return True


def _key_name_of(keyset, key):
    """The name of key, a Key of keyset or a name: a Key of another set (or of none) would name
    whatever key of keyset has its name."""
    if not isinstance(key, Key):
        return key
    owner = key.__dict__.get("_parent")
    if not isinstance(owner, KeySet) or _address(owner) != _address(keyset):
        message = f"key {key_name(key)!r} is not a key of this KeySet; pass a key of the set or its name"
        error = InvalidArgumentError(message)
        error.code, error.message = ErrorCode.INVALID, message
        raise error
    return key_name(key)


def _keyset_assign(self, unit, first, last, key):
    """Assign key (a Key of the set, or its name) to unit's subtree (None: every unit) for the
    account-number prefixes first..last (both None: every account) (tertial_keyset_assign())."""
    keyset_assign(self, unit, first, last, _key_name_of(self, key))


_keyset_assign.__doc__ += "\n" + (keyset_assign.__doc__ or "")


def _keyset_rules(self):
    """The assignment rules in the order added, as (unit id or None for every unit, first,
    last (both None for every account), Key) tuples (tertial_keyset_rule_at()). Assigning them
    in this order to a set with the same keys rebuilds the rules."""
    rules = []
    for i in range(keyset_rule_count(self)):
        unit, first, last, key = keyset_rule_at(self, i)
        rules.append((None if unit == NO_UNIT else unit, first, last, key))
    return rules

_bind(KeySet,
      __init__=_keyset_init,
      add=keyset_add,
      key=keyset_key,
      find=keyset_find,
      set_default=lambda self, key: keyset_set_default(self, _key_name_of(self, key)),
      default=property(keyset_default, lambda self, key: keyset_set_default(self, _key_name_of(self, key)),
                       doc="The key used where no rule matches; assign a Key of the set or a name."),
      assign=_keyset_assign,
      rule_count=property(keyset_rule_count),
      rules=property(_keyset_rules),
      resolve=keyset_resolve,
      names=property(lambda self: [key_name(keyset_key(self, i)) for i in range(keyset_count(self))],
                     doc="The keys' names in the order added."),
      __len__=keyset_count,
      __getitem__=_keyset_getitem,
      __contains__=_keyset_contains,
      __iter__=lambda self: iter([keyset_key(self, i) for i in range(keyset_count(self))]),
      __eq__=_address_eq,
      __hash__=_address,
      __repr__=lambda self: (f"<KeySet keys={self.names} default={key_name(keyset_default(self))!r} "
                             f"rules={keyset_rule_count(self)}>"))
KeySet.set_default.__doc__ = keyset_set_default.__doc__


# Forecasts
class ForecastInput:
    """Monthly figures a base method works on (tertial_forecast_input): outcome, budget and
    prior as twelve amounts each (int öre or Decimal kronor) from the fiscal-year start, the
    cut-off (1..12), n of the run-rate method, the manual figure and, for the volume driver,
    the remaining planned volume × unit cost. ForecastInput(...).base(method) computes."""

    __slots__ = ("outcome", "budget", "prior", "cutoff", "run_rate_months", "manual", "driver_remaining")

    def __init__(self, outcome=None, budget=None, prior=None, cutoff=1, run_rate_months=3, manual=0,
                 driver_remaining=0):
        self.outcome = [0] * 12 if outcome is None else list(outcome)
        self.budget = [0] * 12 if budget is None else list(budget)
        self.prior = [0] * 12 if prior is None else list(prior)
        self.cutoff = cutoff
        self.run_rate_months = run_rate_months
        self.manual = manual
        self.driver_remaining = driver_remaining

    def base(self, method):
        """The full-year figure of method (öre) and the ForecastFallback it used
        (tertial_forecast_base())."""
        value, fallback = forecast_base(method, self)
        return value, fallback

    def __repr__(self):
        return "ForecastInput(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__) + ")"


def _plan_set_method(self, unit, row_code, method, run_rate_months=3):
    """Choose the base method of unit and its descendants for one line row (None: every row);
    run_rate_months is n of ForecastMethod.RUN_RATE (tertial_forecast_set_method())."""
    forecast_set_method(self, unit, row_code, method, run_rate_months)


_plan_set_method.__doc__ += "\n" + (forecast_set_method.__doc__ or "")


def _plan_method_of(self, unit, row_code):
    method, run_rate_months = forecast_method_of(self, unit, row_code)
    return method, run_rate_months


def _plan_base_of(self, unit, row_code):
    return BaseForecast(*forecast_base_of(self, unit, row_code))


def _plan_rules(self):
    return [tuple(forecast_rule_at(self, i)) for i in range(forecast_rule_count(self))]


def _plan_manuals(self):
    return [tuple(forecast_manual_at(self, i)) for i in range(forecast_manual_count(self))]


def _plan_drivers(self):
    out = []
    for i in range(forecast_driver_count(self)):
        unit, row_code, name, volume_unit, unit_cost = forecast_driver_at(self, i)
        volumes = [forecast_driver_volume(self, i, m) for m in range(12)]
        out.append((unit, row_code, name, volume_unit, unit_cost, volumes))
    return out


def _plan_adjustments(self):
    return [forecast_adjustment_at(self, i) for i in range(forecast_adjustment_count(self))]


_bind(ForecastPlan,
      set_method=_plan_set_method,
      method_of=_doc(_plan_method_of, "The (ForecastMethod, run_rate_months) that applies to unit and row_code.\n"
                     + (forecast_method_of.__doc__ or "")),
      set_manual=forecast_set_manual,
      set_driver=forecast_set_driver,
      set_volume=forecast_set_volume,
      add_adjustment=forecast_add_adjustment,
      rules=property(_plan_rules, doc="The method rules as (unit, row_code or None for every row, "
                     "ForecastMethod, run_rate_months) tuples (tertial_forecast_rule_at())."),
      manuals=property(_plan_manuals, doc="The manual figures as (unit, row_code, öre) tuples "
                       "(tertial_forecast_manual_at())."),
      drivers=property(_plan_drivers, doc="The volume drivers as (unit, row_code, name, volume_unit, "
                       "unit_cost öre, [12 volumes in thousandths]) tuples (tertial_forecast_driver_at())."),
      adjustment_count=property(forecast_adjustment_count),
      adjustment=lambda self, index: forecast_adjustment_at(
          self, _index(index, forecast_adjustment_count(self), "adjustment")),
      adjustments=property(_plan_adjustments, doc="The adjustments as Adjustment values, in the order added."),
      remove_adjustment=lambda self, index: forecast_remove_adjustment(
          self, _index(index, forecast_adjustment_count(self), "adjustment")),
      base_of=_doc(_plan_base_of, "A unit's own BaseForecast (base, method, fallback) for a line row as the "
                   "last Model.apply_forecast() computed it.\n" + (forecast_base_of.__doc__ or "")),
      threads=property(forecast_threads, forecast_set_threads,
                       doc="How many threads Model.apply_forecast() may use: 1 (the default), up to 256, or 0 "
                       "for one per processor; the forecasts are the same on any number (a small model stays "
                       "on fewer). RangeError outside 0..256 (tertial_forecast_set_threads())."),
      cutoff=property(forecast_cutoff, forecast_set_cutoff,
                      doc="The cut-off (1..12, 0: none) of the follow-up point the plan is changed for: a "
                      "change is a StateError while a snapshot was taken there or later "
                      "(tertial_forecast_set_cutoff())."),
      __repr__=lambda self: (f"<ForecastPlan adjustments={forecast_adjustment_count(self)} "
                             f"threads={forecast_threads(self)}>"))
ForecastPlan.adjustment.__doc__ = "Adjustment index as an Adjustment value (tertial_forecast_adjustment_at())."
ForecastPlan.remove_adjustment.__doc__ = forecast_remove_adjustment.__doc__


def _reasons_init(self, unit_code):
    """Reasons(unit_code): an empty reasons table for a unit (tertial_reasons_new())."""
    _adopt(self, reasons_new(unit_code))


def _reasons_line(self, index):
    return ReasonLine(*reasons_at(self, _index(index, reasons_count(self), "line")))


def _reasons_check(self, forecast_deviation):
    """The ReasonsVerdict of the lines against a forecast deviation (Årets budget - Årets
    prognos; int öre or Decimal kronor): OK, MISMATCH or SIGN_ERROR (tertial_reasons_check())."""
    return reasons_check(self, forecast_deviation)[0]


def _reasons_check_details(self, forecast_deviation):
    """ReasonsCheck(verdict, line, difference): the verdict, the line whose sign is wrong (for
    SIGN_ERROR, else None) and deviation - sum of the lines in öre."""
    return ReasonsCheck(*reasons_check(self, forecast_deviation))


_bind(Reasons,
      __init__=_reasons_init,
      add=reasons_add,
      check=_reasons_check,
      check_details=_reasons_check_details,
      __len__=reasons_count,
      __getitem__=_reasons_line,
      __iter__=lambda self: iter([_reasons_line(self, i) for i in range(reasons_count(self))]),
      __repr__=lambda self: f"<Reasons lines={reasons_count(self)}>")


# Snapshots
def _snapshot_entry(self, index):
    return snapshot_entry_at(self, _index(index, snapshot_entry_count(self), "entry"))


def _snapshot_total(self, unit):
    return snapshot_total(self._model, self, unit)


def _snapshot_compare(self, current, unit):
    """The change of unit's subtree from this (earlier) snapshot to current, a SnapshotChange
    (tertial_snapshot_compare())."""
    if not isinstance(current, Snapshot) or _address(current._model) != _address(self._model):
        raise ValueError("compare snapshots of the same model")
    return snapshot_compare(self._model, self, current, unit)


def _snapshot_accuracy(self, unit):
    return accuracy_of(self._model, self, unit)


_bind(Snapshot,
      point=property(snapshot_point, doc="The follow-up point's code, e.g. 'T1'."),
      cutoff=property(snapshot_cutoff, doc="The cut-off the forecasts were made on (1..12)."),
      taken_on=property(snapshot_taken_on, doc="The date the snapshot was taken (datetime.date)."),
      entries=lambda self: [snapshot_entry_at(self, i) for i in range(snapshot_entry_count(self))],
      total=_doc(_snapshot_total, snapshot_total.__doc__),
      compare=_doc(_snapshot_compare, _snapshot_compare.__doc__ + "\n" + (snapshot_compare.__doc__ or "")),
      accuracy=_doc(_snapshot_accuracy, accuracy_of.__doc__),
      __len__=snapshot_entry_count,
      __getitem__=_snapshot_entry,
      __iter__=lambda self: iter(self.entries()),
      __eq__=_address_eq,
      __hash__=_address,
      __repr__=lambda self: (f"<Snapshot {snapshot_point(self)} cutoff={snapshot_cutoff(self)} "
                             f"taken_on={snapshot_taken_on(self)} entries={snapshot_entry_count(self)}>"))
Snapshot.entries.__doc__ = "All entries as SnapshotEntry values."


class Snapshots:
    """The snapshots of a model (Model.snapshots) in the order taken: len(), iteration,
    snapshots[index or point code], take(point, taken_on)."""

    __slots__ = ("_model",)

    def __init__(self, model):
        self._model = _model_handle(model)

    def take(self, point, taken_on):
        return snapshot_take(self._model, point, taken_on)

    def find(self, point):
        return snapshot_find(self._model, point)

    def __len__(self):
        return snapshot_count(self._model)

    def __getitem__(self, key):
        if isinstance(key, str):
            return snapshot_find(self._model, key)
        return snapshot_at(self._model, _index(key, snapshot_count(self._model), "snapshot"))

    def __contains__(self, point):
        try:
            snapshot_find(self._model, point)
        except (NotFoundError, TypeError):
            return False
        return True

    def __iter__(self):
        return iter([snapshot_at(self._model, i) for i in range(snapshot_count(self._model))])

    def __repr__(self):
        return f"<Snapshots {[snapshot_point(s) for s in self]}>"


Snapshots.take.__doc__ = "take(point, taken_on): freeze the model's forecasts (datetime.date taken_on).\n" + (
    snapshot_take.__doc__ or "")
Snapshots.find.__doc__ = snapshot_find.__doc__


# Accuracy
def _backtest_init(self, years=()):
    """Backtest(years=()): past years of one unit; each year is (outcome, budget, prior), twelve
    amounts each from the fiscal-year start (tertial_backtest_new(), tertial_backtest_add_year())."""
    _adopt(self, backtest_new())
    for year in years:
        outcome, budget, prior = year
        backtest_add_year(self, outcome, budget, prior)


def _backtest_error(self, method, cutoff, run_rate_months=3):
    return backtest_error(self, method, cutoff, run_rate_months)


def _backtest_best(self, cutoff):
    """(ForecastMethod, mean absolute error in öre) of the best base method at cutoff."""
    method, error = backtest_best(self, cutoff)
    return method, error


_bind(Backtest,
      __init__=_backtest_init,
      add_year=backtest_add_year,
      error=_doc(_backtest_error, backtest_error.__doc__),
      best=_doc(_backtest_best, _backtest_best.__doc__ + "\n" + (backtest_best.__doc__ or "")),
      __len__=backtest_year_count,
      __repr__=lambda self: f"<Backtest years={backtest_year_count(self)}>")


# Budget versions
class BudgetOptions:
    """Metadata of a new budget version (tertial_budget_options): kind (BudgetKind), decided
    (datetime.date or None), reason and decided_by (str or None)."""

    __slots__ = ("kind", "decided", "reason", "decided_by")

    def __init__(self, kind=BUDGET_ADOPTED, decided=None, reason=None, decided_by=None):
        self.kind = kind
        self.decided = decided
        self.reason = reason
        self.decided_by = decided_by

    def __repr__(self):
        return "BudgetOptions(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__) + ")"


def _budget_options(options, fields):
    if options is not None and fields:
        raise TypeError("give options= or option keywords, not both")
    return BudgetOptions(**fields) if fields else options


class BudgetVersions:
    """The budget versions of a model (Model.budget_versions): len(), iteration and
    versions[index] give BudgetVersion values; create(), revise(), set_annual(), unallocated()."""

    __slots__ = ("_model",)

    def __init__(self, model):
        self._model = _model_handle(model)

    def create(self, name, options=None, **fields):
        """Create an empty budget version; BudgetOptions fields as keywords (kind=BudgetKind.FRAME,
        decided=datetime.date(...), reason=..., decided_by=...) or options=. Returns its measure."""
        return budget_create(self._model, name, _budget_options(options, fields))

    def revise(self, measure, name, options=None, **fields):
        """Create a revision of version measure (its amounts copied; measure is closed from now
        on); BudgetOptions fields as keywords or options=. Returns the new measure."""
        return budget_revise(self._model, measure, name, _budget_options(options, fields))

    def of(self, measure):
        return budget_version_of(self._model, measure)

    def set_annual(self, measure, unit, account, annual, key=None):
        return budget_set_annual(self._model, measure, unit, account, annual, key)

    def key_for(self, unit, account):
        return budget_key_for(self._model, unit, account)

    def unallocated(self, measure, unit, account=None):
        """"Ej fördelat": (year, months) of the budget unit holds itself, in öre (account None:
        every account)."""
        year, months = budget_unallocated(self._model, measure, unit, account)
        return year, months

    def __len__(self):
        return budget_version_count(self._model)

    def __getitem__(self, index):
        return budget_version_at(self._model, _index(index, budget_version_count(self._model), "version"))

    def __iter__(self):
        return iter([budget_version_at(self._model, i) for i in range(budget_version_count(self._model))])

    def __repr__(self):
        return f"<BudgetVersions {[v.name for v in self]}>"


BudgetVersions.create.__doc__ += "\n" + (budget_create.__doc__ or "")
BudgetVersions.revise.__doc__ += "\n" + (budget_revise.__doc__ or "")
BudgetVersions.of.__doc__ = budget_version_of.__doc__
BudgetVersions.set_annual.__doc__ = budget_set_annual.__doc__
BudgetVersions.key_for.__doc__ = budget_key_for.__doc__
BudgetVersions.unallocated.__doc__ += "\n" + (budget_unallocated.__doc__ or "")


# Accruals
class Accruals:
    """The accruals of a model (Model.accruals) in the order recorded: len(), iteration and
    accruals[index] give Accrual values; add(unit, account_number, month, amount, reason)."""

    __slots__ = ("_model",)

    def __init__(self, model):
        self._model = _model_handle(model)

    def add(self, unit, account_number, month, amount, reason):
        accrual_add(self._model, unit, account_number, month, amount, reason)

    measure = property(lambda self: accrual_measure(self._model),
                       doc="The ledger measure holding accruals, None before the first.")

    def __len__(self):
        return accrual_count(self._model)

    def __getitem__(self, index):
        return accrual_at(self._model, _index(index, accrual_count(self._model), "accrual"))

    def __iter__(self):
        return iter([accrual_at(self._model, i) for i in range(accrual_count(self._model))])

    def __repr__(self):
        return f"<Accruals {accrual_count(self._model)}>"


Accruals.add.__doc__ = accrual_add.__doc__


# Deviations and measures
def _deviations_getitem(self, key):
    if isinstance(key, str):
        for i in range(deviations_count(self)):
            d = deviations_at(self, i)
            if d.unit_code == key:
                return d
        raise KeyError(key)
    return deviations_at(self, _index(key, deviations_count(self), "verdict"))


_bind(Deviations,
      __len__=deviations_count,
      __getitem__=_deviations_getitem,
      __iter__=lambda self: iter([deviations_at(self, i) for i in range(deviations_count(self))]),
      __repr__=lambda self: f"<Deviations units={deviations_count(self)}>")


_bind(BudgetComparison,
      __len__=budget_comparison_count,
      __getitem__=lambda self, i: budget_comparison_at(self, _index(i, budget_comparison_count(self), "line")),
      __iter__=lambda self: iter([budget_comparison_at(self, i) for i in range(budget_comparison_count(self))]),
      __repr__=lambda self: f"<BudgetComparison lines={budget_comparison_count(self)}>")


class Measures:
    """The measures (åtgärder) of a model (Model.measures): len(), iteration and measures[index]
    give Measure values; add(), set_status(), feed_forecast(), set_goal()."""

    __slots__ = ("_model",)

    def __init__(self, model):
        self._model = _model_handle(model)

    def add(self, unit, row_code, description, cause="", effect=0, consequence="", due=None):
        """Add a measure (status PROPOSED): effect is the expected improvement of the result (int
        öre or Decimal kronor, positive is better), due a datetime.date or None. Returns its index."""
        return measure_add(self._model, unit, row_code, description, cause, effect, consequence, due)

    def set_status(self, index, status, follow_up=None):
        measure_set_status(self._model, index, status, follow_up)

    def feed_forecast(self, index):
        measure_feed_forecast(self._model, index)

    def set_goal(self, index, goal_code):
        measure_set_goal(self._model, index, goal_code)

    def set_kind(self, index, kind):
        measure_set_kind(self._model, index, kind)

    def __len__(self):
        return measure_count(self._model)

    def __getitem__(self, index):
        return measure_at(self._model, _index(index, measure_count(self._model), "measure"))

    def __iter__(self):
        return iter([measure_at(self._model, i) for i in range(measure_count(self._model))])

    def __repr__(self):
        return f"<Measures {measure_count(self._model)}>"


Measures.add.__doc__ += "\n" + (measure_add.__doc__ or "")
Measures.set_status.__doc__ = measure_set_status.__doc__
Measures.feed_forecast.__doc__ = measure_feed_forecast.__doc__
Measures.set_goal.__doc__ = measure_set_goal.__doc__
Measures.set_kind.__doc__ = measure_set_kind.__doc__


def _plan_add_risk(self, cause, measures="", expected_effect=0, consequences=""):
    adherence_plan_add_risk(self, cause, measures, expected_effect, consequences)


_bind(AdherencePlan,
      manager=property(adherence_plan_manager, doc="The plan's manager."),
      unit=property(lambda self: Unit(model_org(self._model), adherence_plan_unit(self)), doc="The plan's Unit."),
      add_moment=adherence_plan_add_moment,
      add_risk=_doc(_plan_add_risk, adherence_plan_add_risk.__doc__),
      moment=adherence_plan_moment,
      moments=property(lambda self: [adherence_plan_moment(self, i)
                                     for i in range(adherence_plan_moment_count(self))],
                       doc="The critical moments (kritiska moment)."),
      risk=adherence_plan_risk,
      risks=property(lambda self: [adherence_plan_risk(self, i) for i in range(adherence_plan_risk_count(self))],
                     doc="The risks as AdherenceRisk values."),
      __eq__=_address_eq,
      __hash__=_address,
      __repr__=lambda self: (f"<AdherencePlan unit={adherence_plan_unit(self)} "
                             f"manager={adherence_plan_manager(self)!r}>"))


# The model's new parts
def _model_apply_forecast(self, cutoff, budget_measure=-1):
    forecast_apply(self, cutoff, budget_measure)


def _model_adherence_plan(self, unit, manager=None):
    return adherence_plan_get(self, unit, manager)


_bind(Model,
      forecast_plan=property(model_forecast_plan, doc="The model's ForecastPlan."),
      keys=property(model_keys, doc="The model's KeySet, which budget versions periodise with."),
      apply_forecast=_doc(_model_apply_forecast, forecast_apply.__doc__),
      forecast_after_planned=forecast_after_planned,
      reasons=reasons_from_model,
      deviations=deviations_classify,
      compare_budgets=budget_compare,
      accuracy_summary=accuracy_summarise,
      adjusted_outcome=accrual_adjusted_outcome,
      adherence_plan=_doc(_model_adherence_plan, adherence_plan_get.__doc__),
      adherence_plans=property(lambda self: [adherence_plan_at(self, i) for i in range(adherence_plan_count(self))],
                               doc="The adherence plans as AdherencePlan objects."),
      snapshots=property(Snapshots, doc="The model's Snapshots."),
      budget_versions=property(BudgetVersions, doc="The model's BudgetVersions."),
      accruals=property(Accruals, doc="The model's Accruals."),
      measures=property(Measures, doc="The model's Measures (åtgärder); not the ledger's measures."))


# The edge modules: SIE files, reports and their renderers, the store.
def _options_of(cls, options, fields):
    """options= or option keywords (not both): an options object of class cls, or None."""
    if options is None:
        return cls(**fields) if fields else None
    if fields:
        raise TypeError("give options= or option keywords, not both")
    return options


def _plain_options_repr(self):
    return f"{type(self).__name__}(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in type(self)._fields) + ")"


def _fspath(path):
    return _os.fspath(path) if not isinstance(path, str) else path


def _as_bytes(data):
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"expected bytes, not {type(data).__name__}")
    return bytes(data)


class SieOptions:
    """Options of the SIE reader (tertial_sie_options): mode (SieMode.LENIENT or STRICT),
    encoding (SieEncoding.AUTO detects it from the bytes; another value forces it),
    return_unknown (records with unknown labels come as SieLabel.UNKNOWN), max_diagnostics (kept;
    0 means 1000), block_size and max_line (bytes; 0 means 1 MiB) and name (the file's name in
    messages; None: the path, or '<memory>') and progress: None, or a callable(bytes_read,
    bytes_total) called after each block read from a file and once at its end (bytes_total is the
    file's size, 0 when it cannot be known; never called for bytes in memory). Returning False
    stops the read with CancelledError; an exception it raises stops the read and propagates."""

    __slots__ = _fields = ("mode", "encoding", "return_unknown", "max_diagnostics", "block_size", "max_line", "name",
                           "progress")

    def __init__(self, mode=SieMode.LENIENT, encoding=SieEncoding.AUTO, return_unknown=False, max_diagnostics=0,
                 block_size=0, max_line=0, name=None, progress=None):
        self.mode = mode
        self.encoding = encoding
        self.return_unknown = return_unknown
        self.max_diagnostics = max_diagnostics
        self.block_size = block_size
        self.max_line = max_line
        self.name = name
        self.progress = progress

    __repr__ = _plain_options_repr


class SieLoadOptions:
    """Options of an SIE load (tertial_sie_load_options): reader (SieOptions; or the reader's
    fields as keywords: mode=SieMode.STRICT, encoding=..., name=...), year (the SIE year number
    that is the model's fiscal year: 0, -1, ...), unit_dimension (whose objects are units),
    outcome_source (SieSource), object_rows (SieObjectRows), hierarchy (units to add first, in
    the text form of Org.parse_hierarchy()), catch_all_code ('SIE'), catch_all_name,
    catch_all_parent, budget_name (the budget version for #PBUDGET; None: 'Budget SIE') and
    max_notes (0 means 1000). None means the library's default."""

    __slots__ = _fields = ("reader", "year", "unit_dimension", "outcome_source", "object_rows", "hierarchy",
                           "catch_all_code", "catch_all_name", "catch_all_parent", "budget_name", "max_notes")

    def __init__(self, reader=None, year=0, unit_dimension=1, outcome_source=SieSource.AUTO,
                 object_rows=SieObjectRows.TOTAL, hierarchy=None, catch_all_code=None, catch_all_name=None,
                 catch_all_parent=None, budget_name=None, max_notes=0, **reader_fields):
        self.reader = _options_of(SieOptions, reader, reader_fields) or SieOptions()
        self.year = year
        self.unit_dimension = unit_dimension
        self.outcome_source = outcome_source
        self.object_rows = object_rows
        self.hierarchy = hierarchy
        self.catch_all_code = catch_all_code
        self.catch_all_name = catch_all_name
        self.catch_all_parent = catch_all_parent
        self.budget_name = budget_name
        self.max_notes = max_notes

    __repr__ = _plain_options_repr


class SieWriteOptions:
    """Options of the SIE writer (tertial_sie_write_options): budget_measure (the measure written
    as #PBUDGET: a budget measure, SIE_CURRENT_BUDGET or SIE_NO_BUDGET), outcome and prior (write
    them as #PSALDO of years 0 and -1), dimension (the units' dimension) and dimension_name
    ('Ansvar'), company (#FNAMN), orgnr (#ORGNR), program (#PROGRAM; None: 'Tertial'),
    generated (#GEN, a datetime.date; None: today), sie_type (3: outcome as #PSALDO; 4: as a
    #VER voucher per month) and balance_account (type 4's balancing account; None: '1930')."""

    __slots__ = _fields = ("budget_measure", "outcome", "prior", "dimension", "dimension_name", "company", "orgnr",
                           "program", "generated", "sie_type", "balance_account")

    def __init__(self, budget_measure=SIE_CURRENT_BUDGET, outcome=True, prior=True, dimension=1,
                 dimension_name=None, company=None, orgnr=None, program=None, generated=None, sie_type=3,
                 balance_account=None):
        self.budget_measure = budget_measure
        self.outcome = outcome
        self.prior = prior
        self.dimension = dimension
        self.dimension_name = dimension_name
        self.company = company
        self.orgnr = orgnr
        self.program = program
        self.generated = generated
        self.sie_type = sie_type
        self.balance_account = balance_account

    __repr__ = _plain_options_repr


# SieReader
def _sie_reader_init(self, path, options=None, **fields):
    """SieReader(path, options=None, **fields): open an SIE file for reading, SieOptions fields
    as keywords (mode=SieMode.STRICT, encoding=..., name=...) or options=; nothing is read until
    the first record (tertial_sie_reader_new_file())."""
    _adopt(self, sie_reader_new_file(_fspath(path), _options_of(SieOptions, options, fields)))


def _sie_reader_from_bytes(data, options=None, **fields):
    """SieReader.from_bytes(data, options=None, **fields): read SIE text held in memory (bytes,
    bytearray or memoryview; the reader keeps a bytes copy) (tertial_sie_reader_new_memory())."""
    return sie_reader_new_memory(_as_bytes(data), _options_of(SieOptions, options, fields))


def _sie_reader_diagnostic(self, index):
    return sie_reader_diagnostic(self, _index(index, sie_reader_diagnostic_count(self), "diagnostic"))


def _sie_reader_repr(self):
    if "this" not in self.__dict__:
        return "<SieReader (closed)>"
    st = sie_reader_stats(self)
    return (f"<SieReader {SieEncoding(sie_reader_encoding(self)).name} lines={st.lines} records={st.records} "
            f"diagnostics={sie_reader_diagnostic_count(self)}>")


_bind(SieReader,
      __init__=_sie_reader_init,
      from_bytes=staticmethod(_sie_reader_from_bytes),
      close=_close,
      closed=property(lambda self: "this" not in self.__dict__, doc="Whether close() was called."),
      __enter__=lambda self: self,
      __exit__=lambda self, *exc: _close(self),
      __iter__=lambda self: self,
      __next__=_doc(lambda self: sie_reader_next(self),
                    "The next record as a SieRecord value (tertial_sie_reader_next()).\n" + (sie_reader_next.__doc__ or "")),
      diagnostic_count=property(sie_reader_diagnostic_count, doc="Number of diagnostics kept so far."),
      diagnostic=_doc(_sie_reader_diagnostic, sie_reader_diagnostic.__doc__),
      diagnostics=property(lambda self: [sie_reader_diagnostic(self, i)
                                         for i in range(sie_reader_diagnostic_count(self))],
                           doc="The diagnostics so far, as SieDiagnostic values in the order found."),
      stats=property(sie_reader_stats, doc="The counters of this reading so far (SieStats)."),
      encoding=property(sie_reader_encoding, doc="The SieEncoding detected from the bytes (or forced)."),
      declared_encoding=property(sie_reader_declared_encoding,
                                 doc="The SieEncoding #FORMAT declares (AUTO if none was read yet)."),
      __repr__=_sie_reader_repr)


def sie_read(path, options=None, **fields):
    """All records of an SIE file and the reader's diagnostics: (list of SieRecord, list of
    SieDiagnostic). SieOptions fields as keywords or options=."""
    with SieReader(path, options, **fields) as reader:
        records = list(reader)
        return records, reader.diagnostics


_sie_fiscal_year = sie_fiscal_year


def sie_fiscal_year(path, year=0, options=None, **fields):
    """The FiscalYear of an SIE file's year number (0 the current, -1 the previous, ...), from its
    #RAR, to make a Model for it; SieOptions fields as keywords or options=."""
    return _sie_fiscal_year(_fspath(path), year, _options_of(SieOptions, options, fields))


sie_fiscal_year.__doc__ += "\n" + (_sie_fiscal_year.__doc__ or "")


# SieLoad
def _sie_load_note(self, index):
    return sie_load_note(self, _index(index, sie_load_note_count(self), "note"))


def _sie_load_diagnostic(self, index):
    return sie_load_diagnostic(self, _index(index, sie_load_diagnostic_count(self), "diagnostic"))


def _sie_load_difference(self, index):
    return sie_load_difference(self, _index(index, sie_load_difference_count(self), "difference"))


def _sie_load_catch_all(self):
    id = sie_load_summary(self).catch_all
    return None if id is None else Unit(self._org, id)


def _sie_load_repr(self):
    s = sie_load_summary(self)
    return (f"<SieLoad {s.file!r} outcome={s.outcome} prior={s.prior} budget={s.budget} "
            f"notes={sie_load_note_count(self)} diagnostics={sie_load_diagnostic_count(self)} "
            f"differences={sie_load_difference_count(self)}>")


_bind(SieLoad,
      summary=property(sie_load_summary, doc="What the load did, as a whole (SieSummary)."),
      figures=sie_load_figures,
      catch_all=property(_sie_load_catch_all, doc="The catch-all Unit, or None if unused."),
      note=_doc(_sie_load_note, sie_load_note.__doc__),
      notes=property(lambda self: [sie_load_note(self, i) for i in range(sie_load_note_count(self))],
                     doc="The notes kept, as SieNote values."),
      diagnostic=_doc(_sie_load_diagnostic, sie_load_diagnostic.__doc__),
      diagnostics=property(lambda self: [sie_load_diagnostic(self, i)
                                         for i in range(sie_load_diagnostic_count(self))],
                           doc="The reader's diagnostics, as SieDiagnostic values."),
      difference=_doc(_sie_load_difference, sie_load_difference.__doc__),
      differences=property(lambda self: [sie_load_difference(self, i)
                                         for i in range(sie_load_difference_count(self))],
                           doc="The reconciliation: the (year, account) pairs whose sum of #TRANS, sum of "
                               "#PSALDO and #RES (or #UB - #IB) disagree, as SieDifference values, latest "
                               "year first."),
      compared_count=property(sie_load_compared_count,
                              doc="Number of (year, account) pairs the reconciliation compared."),
      __repr__=_sie_load_repr)


def _model_load_sie(self, path, options=None, **fields):
    """Load an SIE file into the model: SieLoadOptions fields as keywords (hierarchy=...,
    budget_name=..., catch_all_code=..., year=..., outcome_source=..., object_rows=..., and the
    reader's mode=..., encoding=..., name=...) or options=. Returns a SieLoad; notes and lenient
    diagnostics do not raise."""
    return sie_load_file(self, _fspath(path), _options_of(SieLoadOptions, options, fields))


def _model_load_sie_bytes(self, data, options=None, **fields):
    """Load SIE text held in memory (bytes) into the model; as load_sie()."""
    return sie_load_memory(self, _as_bytes(data), _options_of(SieLoadOptions, options, fields))


def _model_write_sie(self, path, options=None, **fields):
    """Write the model's outcome, prior-year outcome and a budget as an SIE type 3 file (PC8,
    #KSUMMA, atomic): SieWriteOptions fields as keywords (budget_measure=..., company=...,
    generated=datetime.date(...), ...) or options=. Returns a SieWriteSummary."""
    return sie_write_file(self, _fspath(path), _options_of(SieWriteOptions, options, fields))


def _model_sie_bytes(self, options=None, **fields):
    """The SIE file of write_sie() as bytes (PC8): (data, SieWriteSummary)."""
    data, summary = sie_write_buffer(self, _options_of(SieWriteOptions, options, fields))
    return data, summary


_bind(Model,
      load_sie=_doc(_model_load_sie, _model_load_sie.__doc__ + "\n" + (sie_load_file.__doc__ or "")),
      load_sie_bytes=_doc(_model_load_sie_bytes, _model_load_sie_bytes.__doc__ + "\n"
                          + (sie_load_memory.__doc__ or "")),
      write_sie=_doc(_model_write_sie, _model_write_sie.__doc__ + "\n" + (sie_write_file.__doc__ or "")),
      sie_bytes=_doc(_model_sie_bytes, _model_sie_bytes.__doc__ + "\n" + (sie_write_buffer.__doc__ or "")))


def _org_parse_hierarchy(self, text, source="<string>"):
    sie_hierarchy_parse(self, text, source)


_bind(Org,
      parse_hierarchy=_doc(_org_parse_hierarchy, sie_hierarchy_parse.__doc__),
      format_hierarchy=_doc(lambda self, period: sie_hierarchy_format(self, period), sie_hierarchy_format.__doc__))


# Reports
def _section_mask(sections):
    """None: every section; a SectionKind, a key ('units') or an iterable of them; or an int
    mask of 1 << kind bits."""
    if sections is None:
        return REPORT_ALL_SECTIONS
    if isinstance(sections, (SectionKind, str)):
        sections = (sections,)
    elif isinstance(sections, int):
        return sections
    mask = 0
    for kind in sections:
        mask |= 1 << (SectionKind[kind.upper().replace("-", "_")] if isinstance(kind, str) else SectionKind(kind))
    return mask


class ReportOptions:
    """Options of a report (tertial_report_options): english, budget_measure (-1: the model's
    current budget), sections (SectionKinds or keys such as 'units'; None: all), previous_point
    (a snapshot point to compare with, e.g. 'JANFEB'; None: no change section), current_point
    (None: the latest snapshot at the cut-off), skip_empty, child_depth (child reports down to
    that many levels), pass_through (True: the per-activity table passes through chains of
    single children, so a committee with one administration lists its activities) and
    prior_year_acc (True: the follow-up tables get the column 'prior_year_acc', Utfall fg år samma
    period, which a Presentation can choose), previous_forecast (True: the columns
    'previous_forecast', Fg prognos = the forecast frozen at previous_point, which must be set, and
    'forecast_change', Förändring mot fg prognos) and forecast_after_measures (True: the column
    'forecast_after_measures', Prognos efter planerade åtgärder)."""

    __slots__ = ("english", "budget_measure", "_sections", "previous_point", "current_point", "skip_empty",
                 "child_depth", "pass_through", "prior_year_acc", "previous_forecast", "forecast_after_measures")
    _fields = ("english", "budget_measure", "sections", "previous_point", "current_point", "skip_empty",
               "child_depth", "pass_through", "prior_year_acc", "previous_forecast", "forecast_after_measures")

    def __init__(self, english=False, budget_measure=-1, sections=None, previous_point=None, current_point=None,
                 skip_empty=False, child_depth=0, pass_through=True, prior_year_acc=False, previous_forecast=False,
                 forecast_after_measures=False):
        self.prior_year_acc = prior_year_acc
        self.previous_forecast = previous_forecast
        self.forecast_after_measures = forecast_after_measures
        self.english = english
        self.budget_measure = budget_measure
        self.sections = sections
        self.previous_point = previous_point
        self.current_point = current_point
        self.skip_empty = skip_empty
        self.child_depth = child_depth
        self.pass_through = pass_through

    sections = property(lambda self: self._sections,
                        lambda self, sections: setattr(self, "_sections", _section_mask(sections)),
                        doc="The sections wanted as a mask of 1 << SectionKind bits.")
    __repr__ = _plain_options_repr


def _epoch_seconds(when):
    """Seconds since 1970 (UTC): an int, or a datetime.datetime (naive means UTC)."""
    if isinstance(when, _datetime.datetime):
        if when.tzinfo is None:
            when = when.replace(tzinfo=_datetime.timezone.utc)
        return int(when.timestamp())
    return when


class XlsxOptions:
    """Options of the xlsx renderer (tertial_xlsx_options): unit (MoneyUnit.TKR) and decimals of
    amounts, children (a sheet per child report), constant_memory (no effect: every export
    streams), green_from and red_below
    (deviation thresholds, int öre or Decimal kronor), created (int seconds since 1970 or a
    datetime; 0: now; a fixed time makes the file reproducible), author, company, overview (the
    overview sheet first), local_names, tmpdir (the writer's temporary files) and red_share
    (hundredths of a percent: a deviation
    worse than that share of the line's annual budget is red; default 100 = 1 %; 0: red_below
    instead). The C next_report callback is not reachable from Python (it stays NULL)."""

    __slots__ = ("unit", "decimals", "children", "constant_memory", "green_from", "red_below", "_created", "author",
                 "company", "overview", "local_names", "tmpdir", "red_share")
    _fields = ("unit", "decimals", "children", "constant_memory", "green_from", "red_below", "created", "author",
               "company", "overview", "local_names", "tmpdir", "red_share")

    def __init__(self, unit=UNIT_TKR, decimals=0, children=True, constant_memory=False, green_from=0,
                 red_below=-100_000_000, created=0, author=None, company=None, overview=True, local_names=True,
                 tmpdir=None, red_share=100):
        self.red_share = red_share
        self.unit = unit
        self.decimals = decimals
        self.children = children
        self.constant_memory = constant_memory
        self.green_from = green_from
        self.red_below = red_below
        self.created = created
        self.author = author
        self.company = company
        self.overview = overview
        self.local_names = local_names
        self.tmpdir = tmpdir

    created = property(lambda self: self._created,
                       lambda self, when: setattr(self, "_created", _epoch_seconds(when)),
                       doc="Creation time in seconds since 1970 (UTC); 0: now.")
    __repr__ = _plain_options_repr


class DocxOptions:
    """Options of the Word renderer (tertial_docx_options): unit (MoneyUnit.TKR) and decimals of
    amounts, depth (child reports down to this many levels; -1: all the report holds), created
    (int seconds since 1970 or a datetime; 0: now; a fixed time makes the file reproducible; the
    title block's date), author (the handläggare) and municipality (the title block)."""

    __slots__ = ("unit", "decimals", "depth", "_created", "author", "municipality")
    _fields = ("unit", "decimals", "depth", "created", "author", "municipality")

    def __init__(self, unit=UNIT_TKR, decimals=0, depth=-1, created=0, author=None, municipality=None):
        self.unit = unit
        self.decimals = decimals
        self.depth = depth
        self.created = created
        self.author = author
        self.municipality = municipality

    created = property(lambda self: self._created,
                       lambda self, when: setattr(self, "_created", _epoch_seconds(when)),
                       doc="The document's time in seconds since 1970 (UTC); 0: now.")
    __repr__ = _plain_options_repr


_bind(CsvOptions, __init__=_options_init(_tertial.new_CsvOptions, _tertial.CsvOptions_swiginit),
      __repr__=_options_repr)
_bind(JsonOptions, __init__=_options_init(_tertial.new_JsonOptions, _tertial.JsonOptions_swiginit),
      __repr__=_options_repr)


def _model_report(self, unit, cutoff, options=None, **fields):
    """The report of unit's subtree at cutoff (1..12): ReportOptions fields as keywords
    (english=True, sections=[SectionKind.UNITS, ...], previous_point='JANFEB', child_depth=1,
    ...) or options=. Run Model.apply_forecast(cutoff) first."""
    return report_new(self, unit, cutoff, _options_of(ReportOptions, options, fields))


_bind(Model, report=_doc(_model_report, _model_report.__doc__ + "\n" + (report_new.__doc__ or "")))


def _section_kind(key):
    if isinstance(key, str):
        try:
            return SectionKind[key.upper().replace("-", "_")]
        except KeyError:
            raise KeyError(key) from None
    return SectionKind(key)


def _report_section(self, kind):
    """The section of a kind (a SectionKind or its key, e.g. 'units'); NotFoundError when the
    report has none (tertial_report_find_section())."""
    return report_section_at(self, report_find_section(self, _section_kind(kind)))


def _report_getitem(self, key):
    if isinstance(key, (SectionKind, str)):
        return _report_section(self, key)
    return report_section_at(self, _index(key, report_section_count(self), "section"))


def _report_contains(self, key):
    try:
        _report_section(self, key)
    except (NotFoundError, KeyError, ValueError):
        return False
    return True


def _report_sections(self):
    return [report_section_at(self, i) for i in range(report_section_count(self))]


def _report_children(self):
    return [report_child_at(self, i) for i in range(report_child_count(self))]


def _model_facts_csv(self, unit, cutoff, accounts=False, options=None, **fields):
    """The follow-up facts of unit's subtree at a cut-off as one long CSV table for BI tools
    (pandas.read_csv, Power BI): unit, unit_name, parent, path, row, row_label, row_group,
    in_result, account, month (yyyy-mm), measure (outcome, budget, forecast) and value (kronor,
    two decimals), each unit's own amounts; accounts=True gives outcome and budget per account
    (tertial_render_csv_long(); CsvOptions fields)."""
    return render_csv_long(self, unit, cutoff, CSV_LONG_ACCOUNTS if accounts else 0,
                           _options_of(CsvOptions, options, fields))


def _model_write_facts_csv(self, path, unit, cutoff, accounts=False, options=None, **fields):
    """Write facts_csv()'s table to a file, atomically (tertial_render_csv_long_file())."""
    render_csv_long_file(self, unit, cutoff, CSV_LONG_ACCOUNTS if accounts else 0, _fspath(path),
                         _options_of(CsvOptions, options, fields))


_bind(Model, facts_csv=_model_facts_csv, write_facts_csv=_model_write_facts_csv)


_PRESENTATION_DOC = ("\n\npresentation= (a Presentation) shows the amounts with its columns, signs, "
                     "deviation sign, unit and headers; the numbers stay the same.")


def _presentation_of(presentation):
    if presentation is not None and not isinstance(presentation, Presentation):
        raise TypeError(f"presentation: expected a Presentation, not {type(presentation).__name__}")
    return presentation


def _report_to_csv(self, options=None, presentation=None, **fields):
    """The report (and its child reports) as CSV text: CsvOptions fields as keywords
    (style=CsvStyle.SWEDISH, bom=True, guard_formulas=True, children=False) or options=.
    guard_formulas is CSV_GUARD_BY_STYLE by default: text that a spreadsheet would run as a formula
    gets a leading ' in the Swedish style and is kept as it is in the machine style."""
    options = _options_of(CsvOptions, options, fields)
    if presentation is None:
        return render_csv(self, options)
    return tpy_csv_presented(self, options, _presentation_of(presentation))


def _report_write_csv(self, path, options=None, presentation=None, **fields):
    """Write to_csv()'s text to a file, atomically (CsvOptions fields as keywords or options=)."""
    options = _options_of(CsvOptions, options, fields)
    if presentation is None:
        render_csv_file(self, _fspath(path), options)
    else:
        tpy_csv_file_presented(self, _fspath(path), options, _presentation_of(presentation))


def _report_to_json(self, options=None, presentation=None, **fields):
    """The report as a JSON document (str): JsonOptions fields as keywords (pretty=True,
    children=False) or options=. Amounts are integers in öre (in a presentation with a unit,
    decimal numbers in that unit)."""
    options = _options_of(JsonOptions, options, fields)
    if presentation is None:
        return render_json(self, options)
    return tpy_json_presented(self, options, _presentation_of(presentation))


def _report_write_json(self, path, options=None, presentation=None, **fields):
    """Write to_json()'s document to a file, atomically (JsonOptions fields or options=)."""
    options = _options_of(JsonOptions, options, fields)
    if presentation is None:
        render_json_file(self, _fspath(path), options)
    else:
        tpy_json_file_presented(self, _fspath(path), options, _presentation_of(presentation))


def _report_write_xlsx(self, path, options=None, presentation=None, model=None, **fields):
    """Write the report as an xlsx workbook (an overview sheet, a sheet per report), atomically:
    XlsxOptions fields as keywords (unit=MoneyUnit.KR, decimals=1, created=..., author=...,
    company=..., ...) or options=. With model= (the Model the report was built from) a sheet
    "Mål och styrtal" follows: the goals section's styrtal month by month with their targets and
    a line chart of each."""
    options = _options_of(XlsxOptions, options, fields)
    if model is not None:
        tpy_xlsx_with_model(self, _fspath(path), options, _presentation_of(presentation), _model_handle(model))
    elif presentation is None:
        render_xlsx(self, _fspath(path), options)
    else:
        tpy_xlsx_presented(self, _fspath(path), options, _presentation_of(presentation))


def _report_write_docx(self, path, options=None, presentation=None, **fields):
    """Write the report as a Word document (.docx: a title block, a table of contents, a chapter
    per report with its texts and tables), atomically: DocxOptions fields as keywords
    (depth=1, created=..., author=..., municipality=..., unit=MoneyUnit.KR, decimals=1) or
    options=."""
    options = _options_of(DocxOptions, options, fields)
    if presentation is None:
        render_docx(self, _fspath(path), options)
    else:
        tpy_docx_presented(self, _fspath(path), options, _presentation_of(presentation))


def _report_to_text(self, options=None, presentation=None, **fields):
    """The report's follow-up tables as aligned text for a terminal (tertial_render_text_report()):
    TextOptions fields as keywords (unit=MoneyUnit.KR, decimals=1, sum_preserving=False,
    english=True, label_width=...) or options=, and a Presentation as presentation=."""
    options = _options_of(TextOptions, options, fields)
    if presentation is None:
        return render_text_report(self, options)
    return tpy_text_report_presented(self, options, _presentation_of(presentation))


def _report_to_docx(self, options=None, presentation=None, **fields):
    """The Word document of write_docx() as bytes (a zip): DocxOptions fields as keywords or
    options=."""
    options = _options_of(DocxOptions, options, fields)
    if presentation is None:
        return render_docx_buffer(self, options)
    return tpy_docx_buffer_presented(self, options, _presentation_of(presentation))


for _f in (_report_to_csv, _report_write_csv, _report_to_json, _report_write_json, _report_write_xlsx,
           _report_write_docx, _report_to_docx):
    _f.__doc__ += _PRESENTATION_DOC


_SIGNS = {"ledger": SIGNS_LEDGER, "costs-negative": SIGNS_COSTS_NEGATIVE, "positive": SIGNS_POSITIVE}
_DEVIATIONS = {"budget-minus-outcome": DEVIATION_BUDGET_MINUS_OUTCOME,
               "outcome-minus-budget": DEVIATION_OUTCOME_MINUS_BUDGET}
_UNITS = {"kr": UNIT_KR, "tkr": UNIT_TKR, "mnkr": UNIT_MKR}


def _choice(name, value, names):
    if isinstance(value, str):
        if value not in names:
            raise ValueError(f"{name}: expected one of {', '.join(names)}, not {value!r}")
        return names[value]
    return int(value)


def _presentation_init(self, columns=None, signs="ledger", deviation="budget-minus-outcome", unit=None,
                       decimals=None, headers=None):
    """Presentation(columns=None, signs='ledger', deviation='budget-minus-outcome', unit=None,
    decimals=None, headers=None) (tertial_presentation_new() and its setters): columns, a sequence of
    column keys ('outcome_acc', ..., 'remaining'; None: the eight); signs 'ledger', 'costs-negative'
    or 'positive'; deviation 'budget-minus-outcome' or 'outcome-minus-budget'; unit 'kr', 'tkr' or
    'mnkr' (or a MoneyUnit) with decimals (0..3; default 0); headers, a dict of header texts by
    column key."""
    _adopt(self, presentation_new())
    if columns is not None:
        presentation_set_columns(self, list(columns))
    presentation_set_signs(self, _choice("signs", signs, _SIGNS))
    presentation_set_deviation(self, _choice("deviation", deviation, _DEVIATIONS))
    if unit is not None:
        presentation_set_unit(self, _choice("unit", unit, _UNITS), 0 if decimals is None else decimals)
    elif decimals is not None:
        raise ValueError("decimals: expected a unit too")
    for key, text in (headers or {}).items():
        presentation_set_header(self, key, text)


def _presentation_repr(self):
    signs = {v: k for k, v in _SIGNS.items()}[presentation_signs(self)]
    deviation = {v: k for k, v in _DEVIATIONS.items()}[presentation_deviation(self)]
    unit = presentation_unit(self)
    unit = None if unit is None else {v: k for k, v in _UNITS.items()}[unit]
    return (f"Presentation(columns={list(self.columns)!r}, signs={signs!r}, deviation={deviation!r}, "
            f"unit={unit!r}, decimals={presentation_decimals(self)!r})")


_bind(Presentation,
      __init__=_presentation_init,
      __repr__=_presentation_repr,
      parse=staticmethod(lambda text, source="<string>": presentation_parse(text, source)),
      load=staticmethod(lambda path: presentation_load(_fspath(path))),
      columns=property(lambda self: tuple(presentation_column_at(self, i)
                                          for i in range(presentation_column_count(self))),
                       doc="The follow-up columns' keys, in order."),
      signs=property(lambda self: SignConvention(presentation_signs(self)), doc="The SignConvention."),
      deviation=property(lambda self: DeviationSign(presentation_deviation(self)), doc="The DeviationSign."),
      unit=property(presentation_unit, doc="The MoneyUnit, or None for the renderer's own."),
      decimals=property(presentation_decimals, doc="The decimals, or None for the renderer's own."),
      header=lambda self, key: presentation_header(self, key),
      set_header=lambda self, key, text: presentation_set_header(self, key, text))


def _report_repr(self):
    return (f"<Report {report_unit_code(self)} {report_title(self)!r} cutoff={report_cutoff(self)} "
            f"sections={[s.key for s in _report_sections(self)]} children={report_child_count(self)}>")


_bind(Report,
      unit=property(lambda self: Unit(self._org, report_unit(self)), doc="The report's Unit."),
      unit_code=property(report_unit_code, doc="The unit's code."),
      title=property(report_title, doc="The report's title: the unit's name."),
      subtitle=property(report_subtitle, doc=report_subtitle.__doc__),
      point_code=property(report_point_code, doc=report_point_code.__doc__),
      point_name=property(report_point_name, doc=report_point_name.__doc__),
      cutoff=property(report_cutoff, doc="The cut-off (1..12)."),
      cutoff_period=property(report_cutoff_period, doc="The period (yyyymm) of the cut-off month."),
      english=property(report_english, doc="Whether the labels are English."),
      depth=property(report_depth, doc="Depth of the unit below the root report's unit (0 for the root report)."),
      sections=property(_report_sections, doc="The sections, as ReportSection objects."),
      section=_report_section,
      children=property(_report_children, doc="The child reports (one per unit down to child_depth, pre-order)."),
      child_count=property(report_child_count),
      to_csv=_report_to_csv,
      write_csv=_report_write_csv,
      to_json=_report_to_json,
      write_json=_report_write_json,
      to_dict=lambda self: _json.loads(render_json(self, None)),
      write_xlsx=_report_write_xlsx,
      write_docx=_report_write_docx,
      to_docx=_report_to_docx,
      to_text=_report_to_text,
      comments_text=_doc(lambda self, width=0: render_text_comments(self, width),
                         "The round's texts of the report (its texts section) as text for a terminal, "
                         "word-wrapped to width characters (20..1000; 0: 100); '' when it has none "
                         "(tertial_render_text_comments())."),
      __len__=report_section_count,
      __getitem__=_report_getitem,
      __contains__=_report_contains,
      __iter__=lambda self: iter(_report_sections(self)),
      __repr__=_report_repr)
Report.to_dict.__doc__ = "The report's JSON document (to_json()) as Python dicts and lists."

#: The structural fields of a report line in ReportSection.to_dicts(), before the column keys.
REPORT_LINE_FIELDS = ReportLine.__match_args__


def _section_columns(self):
    return [report_column_at(self, i) for i in range(self.column_count)]


def _section_lines(self):
    return [report_line_at(self, i) for i in range(self.line_count)]


def _section_column_index(self, column):
    if isinstance(column, str):
        keys = [c.key for c in _section_columns(self)]
        if column not in keys:
            raise KeyError(column)
        return keys.index(column)
    return _index(column, self.column_count, "column")


def _section_cell(self, line, column):
    """One cell as a typed value (str, int öre, Decimal percent, datetime.date), None when empty;
    column is an index or a key such as 'outcome_acc' (tertial_report_cell_at())."""
    column = _section_column_index(self, column)
    c = report_cell_at(self, _index(line, self.line_count, "line"), column)
    if not c.present:
        return None
    kind = report_column_at(self, column).type
    if kind == ReportType.TEXT:
        return c.text
    if kind == ReportType.SHARE:
        return kronor(c.value)  # hundredths of a percent as a Decimal percent
    if kind == ReportType.DATE:
        return c.date
    return c.value


def _section_to_dicts(self, kronor=False):
    """All lines as dicts: the line's structure (REPORT_LINE_FIELDS: code, depth, style,
    parent_line, informational, forecast_missing), then one entry per column key."""
    keys = [c.key for c in _section_columns(self)]
    return [dict(zip(REPORT_LINE_FIELDS, line), **dict(zip(keys, row)))
            for line, row in zip(_section_lines(self), _report_rows(self, kronor))]


def _section_to_csv(self, options=None, **fields):
    """This section as one CSV table, a header record and one record per line (CsvOptions fields
    as keywords or options=; `children` does not apply)."""
    return render_csv_section(self, _options_of(CsvOptions, options, fields))


_bind(ReportSection,
      kind=property(lambda self: SectionKind(_tertial.ReportSection_kind_get(self)), doc="The SectionKind."),
      english=property(lambda self: bool(_tertial.ReportSection_english_get(self)),
                       doc="Whether the title and headers are English."),
      report=property(lambda self: self._parent, doc="The Report the section belongs to."),
      columns=property(_section_columns, doc="The columns, as ReportColumn values."),
      keys=property(lambda self: [c.key for c in _section_columns(self)], doc="The columns' keys."),
      lines=property(_section_lines, doc="The lines' structure, as ReportLine values."),
      rows=_doc(lambda self, kronor=False: _report_rows(self, kronor), _report_rows.__doc__),
      cell=_section_cell,
      to_dicts=_section_to_dicts,
      to_csv=_section_to_csv,
      __len__=lambda self: self.line_count,
      __getitem__=lambda self, index: _report_rows(self, False)[_index(index, self.line_count, "line")],
      __iter__=lambda self: iter(_report_rows(self, False)),
      __eq__=_address_eq,
      __hash__=_address,
      __repr__=lambda self: (f"<ReportSection {self.key} {self.title!r} columns={self.column_count} "
                             f"lines={self.line_count}>"))


# Snapshots read back (e.g. from a store)
def _snapshots_restore(self, point, cutoff, taken_on, entries):
    """Restore a stored snapshot: a frozen snapshot of point with the cut-off, date and entries
    (SnapshotEntry values, e.g. another model's), appended to the model's snapshots."""
    return snapshot_restore(self._model, point, cutoff, taken_on, list(entries))


Snapshots.restore = _doc(_snapshots_restore, _snapshots_restore.__doc__ + "\n" + (snapshot_restore.__doc__ or ""))


# The store
def _store_init(self, path, create=True, readonly=False):
    """Store(path, create=True, readonly=False): open a store of one municipality's models, one
    per fiscal year, creating the file when create is true (never when readonly), in WAL mode
    with its schema brought up to date (tertial_store_open())."""
    flags = STORE_READONLY if readonly else (STORE_CREATE if create else 0)
    _adopt(self, store_open(_fspath(path), flags))


def _store_years(self):
    return [store_year_at(self, i) for i in range(store_year_count(self))]


def _store_save_years(self, models):
    """Save several models, each as the stored model of its fiscal year, in one transaction:
    all or nothing (tertial_store_save_years())."""
    store_save_years(self, list(models))


def _store_repr(self):
    if "this" not in self.__dict__:
        return "<Store (closed)>"
    return f"<Store {store_path(self)!r} schema={store_schema_version(self)} years={_store_years(self)}>"


_bind(Store,
      __init__=_store_init,
      close=_close,
      closed=property(lambda self: "this" not in self.__dict__, doc="Whether close() was called."),
      __enter__=lambda self: self,
      __exit__=lambda self, *exc: _close(self),
      path=property(store_path, doc="The path the store was opened with."),
      schema_version=property(store_schema_version, doc="The store's schema version."),
      has_model=property(store_has_model, doc="Whether the store holds a model (of any fiscal year)."),
      save=store_save,
      save_years=_doc(_store_save_years, _store_save_years.__doc__ + "\n" + (store_save_years.__doc__ or "")),
      load=store_load,
      load_year=store_load_year,
      year_count=property(store_year_count, doc="Number of fiscal years the store holds a model of."),
      years=property(_store_years, doc="The stored fiscal years (first calendar years), ascending."),
      has_year=store_has_year,
      remove_year=store_remove_year,
      bind_round=_doc(store_bind_round, "Write every change of the model's round (Model.round) to this store as it is "
                      "made, each in its own transaction checked against the versions in the store "
                      "(tertial_store_bind_round()): a change another process made first raises ConflictError. "
                      "A person's changes of the forecast plan, measures, accruals and snapshots "
                      "(Round.acting()) are written too, unit by unit; another process's change of the "
                      "same unit's plan since the load raises ConflictError. "
                      "The model must have been loaded from this store.\n" + (store_bind_round.__doc__ or "")),
      unbind_round=store_unbind_round,
      save_round=store_save_round,
      __contains__=lambda self, first_year: isinstance(first_year, int) and store_has_year(self, first_year),
      __repr__=_store_repr)


# The demo municipality
_bind(DemoOptions, __init__=_options_init(_tertial.new_DemoOptions, _tertial.DemoOptions_swiginit),
      __repr__=_options_repr)


def demo(options=None, **fields):
    """The demo municipality "Exempelkommun" as a new Model: DemoOptions fields as keywords
    (year=2026, outcome_months=10, seed=20260101) or options= (tertial_demo_new())."""
    if options is None:
        options = DemoOptions(**fields)
    elif fields:
        raise TypeError("give options= or option keywords, not both")
    return demo_new(options)


demo.__doc__ += "\n" + (demo_new.__doc__ or "")


_demo_year = demo_year  # the 1:1 function of tertial_demo_year()


def demo_year(year, no_outcome=False, options=None, **fields):
    """One fiscal year of the demo municipality's history as a new Model: the options' year
    (the same model as demo()) or one of the DEMO_YEARS - 1 years before it, closed, with twelve
    months of outcome and a snapshot at each follow-up point. no_outcome=True leaves outcome and
    prior-year outcome out. DemoOptions fields as keywords (year=2026, ...) or options=."""
    return _demo_year(_options_of(DemoOptions, options, fields), year, DEMO_NO_OUTCOME if no_outcome else 0)


demo_year.__doc__ += "\n" + (_demo_year.__doc__ or "")

demo_round = _tertial.demo_round  # tertial_demo_round(model, point): people and a round half done
# tertial_demo_goals(model, outcome): the demo's goals and indicators (the goals are not wrapped yet:
# they are stored with the model, and read in C or the CLI)
demo_goals = _tertial.demo_goals


# The round (round.h)
Role = _int_enum("Role", "ROLE_", "Roles on a unit and its subtree, as flags: MANAGER (budgetansvarig), HEAD (chef), "
                 "ECONOMIST (ekonom), SECRETARY (nämndsekreterare), READER (läsare).", base=_enum.IntFlag)
Action = _int_enum("Action", "ACTION_", "What a person does in the round; the gate decides by action, unit and point.")
TextKind = _int_enum("TextKind", "TEXT_", "Kinds of texts of a unit at a point: SUMMARY (Sammanfattning), ANALYSIS "
                     "(Ekonomisk analys och prognos), ROW_COMMENT (a comment on one report row).",
                     skip=("TEXT_OPTIONS_VERSION",))
Status = _int_enum("Status", "STATUS_", "A unit's status at a point: NOT_STARTED, IN_PROGRESS, SUBMITTED "
                   "(klarmarkerad), APPROVED, RETURNED.", skip=("STATUS_COUNT",))


def _utc(seconds):
    """Seconds since 1970 as an aware datetime.datetime in UTC."""
    return _datetime.datetime.fromtimestamp(seconds, _datetime.timezone.utc)


class Person:
    """A person of a round's directory (Round.add_person(), Round.person(key), Round.people).

    Reads go to the round; a Person keeps its round (and the model) alive and can be passed
    wherever the round expects a person. A Person of another model's round is refused with
    InvalidArgumentError, unless it names the same person there (same id and key).
    """

    __slots__ = ("round", "id")

    def __init__(self, round, id):
        self.round = round
        self.id = _operator.index(id)

    def __index__(self):
        return self.id

    def __eq__(self, other):
        return (isinstance(other, Person) and self.id == other.id
                and _address(self.round) == _address(other.round))

    def __hash__(self):
        return hash((_address(self.round), self.id))

    def _record(self):
        record = round_person_at(self.round, self.id)
        if record is None:
            raise NotFoundError(f"person {self.id} is not in the round's directory")
        return record

    key = property(lambda self: self._record()[1], doc="Unique key, e.g. the login or employee number.")
    name = property(lambda self: self._record()[2], doc="Display name.")
    email = property(lambda self: self._record()[3] or None, doc="E-mail address, None when none.")

    def __repr__(self):
        _, key, name, email = self._record()
        return f"<Person {self.id} {key} {name!r}>"


_set_person_class(Person)

#: A role assignment: the Person, one Role, the Unit (its subtree).
Assignment = _collections.namedtuple("Assignment", "person role unit", module=__name__)
#: One version of a text: text, the Person who wrote it, on_behalf_of (a Person or None),
#: when (datetime, UTC), version (1 for the first).
TextVersion = _collections.namedtuple("TextVersion", "text person on_behalf_of when version", module=__name__)
#: A unit's status at a point: status (Status), version (0 while never changed), person and
#: on_behalf_of (Person or None), when (datetime UTC, None while never changed), comment, escalated.
UnitStatus = _collections.namedtuple("UnitStatus", "status version person on_behalf_of when comment escalated",
                                     module=__name__)
#: One audit entry: seq, when (datetime UTC), person, on_behalf_of (Person or None), action (Action),
#: unit (Unit or None), point ('' for people), item, before, after (text).
AuditEntry = _collections.namedtuple("AuditEntry", "seq when person on_behalf_of action unit point item before after",
                                     module=__name__)
#: Whether a point is locked, by whom (Person or None) and since when (datetime UTC or None).
LockState = _collections.namedtuple("LockState", "locked by since", module=__name__)


#: One thing due at a point (Round.due()): unit (Unit), action (Action.SUBMIT or Action.APPROVE),
#: deadline (datetime.date), status (Status), late (bool: the deadline is before the date asked about).
Due = _collections.namedtuple("Due", "unit action deadline status late", module=__name__)


class LevelProgress(_collections.namedtuple("LevelProgress", "level name units counts", module=__name__)):
    """Progress of one organisation level at a point: level (index), name, units (of that level
    under the root), counts ({Status: number}); done = submitted + approved ("214 of 301")."""

    __slots__ = ()

    @property
    def done(self):
        return self.counts[Status.SUBMITTED] + self.counts[Status.APPROVED]


def _round_model(self):
    handle = Model.__new__(Model)
    handle.__dict__["this"] = self._parent
    return handle


def _round_org(self):
    return model_org(_round_model(self))


def _round_unit(self, unit):
    """A unit given as a Unit, an id or a unit code (str)."""
    if isinstance(unit, str):
        return org_find(_round_org(self), unit)
    return unit


def _round_who(self, person):
    """A person given as a Person, an id or a key (str)."""
    if isinstance(person, str):
        return Person(self, round_find_person(self, person))
    return person


def _round_person_or_none(self, id):
    return None if id is None or id == NO_PERSON else Person(self, id)


def _round_unit_or_none(self, id):
    return None if id is None or id == NO_UNIT else Unit(_round_org(self), id)


def _round_text_version(self, record):
    if record is None:
        return None
    text, person, on_behalf_of, when, version = record
    return TextVersion(text, Person(self, person), _round_person_or_none(self, on_behalf_of), _utc(when), version)


def _round_audit_entry(self, index):
    seq, when, person, on_behalf_of, action, unit, point, item, before, after = round_audit_at(self, index)
    return AuditEntry(seq, _utc(when), Person(self, person), _round_person_or_none(self, on_behalf_of),
                      Action(action), _round_unit_or_none(self, unit), point, item, before, after)


def _round_set_clock(self, clock):
    """Stamp the round's changes with clock() instead of the system time (tests make it
    deterministic): a callable returning a datetime.datetime (naive means UTC) or seconds since
    1970 (int); None for the system time. The round keeps it until replaced or the model goes.
    The library asks the time after a change is made, so the clock cannot refuse one: an
    exception it raises goes to sys.unraisablehook and the change is stamped with the system
    time. A clock must not call the round (StateError) and cannot close the model (StateError)."""
    if clock is None:
        return round_set_clock(self, None)
    if not callable(clock):
        raise TypeError(f"expected a callable or None, not {type(clock).__name__}")

    def seconds():
        when = clock()
        if isinstance(when, (int, _datetime.datetime)) and not isinstance(when, bool):
            return _epoch_seconds(when)
        raise TypeError(f"the round's clock returned {type(when).__name__}, not a datetime.datetime or int seconds")

    seconds.clock = clock
    round_set_clock(self, seconds)


def _round_add_person(self, key, name, email=None):
    """Add a person to the directory without a check (the directory's first people, before
    anyone can act; Acting.add_person() is the checked way). Returns the Person."""
    return Person(self, round_add_person(self, key, name, email))


def _round_person(self, key):
    """The Person with this key (NotFoundError if none)."""
    return Person(self, round_find_person(self, key))


def _round_assign(self, person, role, unit):
    """Give a person a Role on a unit (a Unit, id or code) and its subtree, without a check
    (Acting.assign() is the checked way)."""
    round_assign(self, _round_who(self, person), Role(role), _round_unit(self, unit))


def _round_assignments(self):
    org = _round_org(self)
    result = []
    for i in range(round_assignment_count(self)):
        person, role, unit = round_assignment_at(self, i)
        result.append(Assignment(Person(self, person), Role(role), Unit(org, unit)))
    return result


def _round_roles(self, person, unit, period=None):
    """The Role flags a person holds on a unit (from assignments on it or an ancestor) as the
    organisation stands in period (yyyymm; default the fiscal year's last month)."""
    if period is None:
        period = fiscal_year_period(model_fiscal_year(_round_model(self)), 11)
    return Role(round_roles(self, _round_who(self, person), _round_unit(self, unit), period))


def _people_text(text_or_path, source):
    if isinstance(text_or_path, _os.PathLike):
        path = _os.fspath(text_or_path)
        with open(path, encoding="utf-8-sig") as f:
            return f.read(), source or str(path)
    if not isinstance(text_or_path, str):
        raise TypeError(f"expected CSV text (str) or a path (os.PathLike), not {type(text_or_path).__name__}")
    return text_or_path, source or "<string>"


def _round_load_people(self, text_or_path, source=None):
    """Import people and role assignments from CSV, all or nothing, without an actor (only while
    the directory is empty; Acting.load_people() afterwards). text_or_path is the CSV text (str)
    or a path (os.PathLike); source names it in messages ("people.csv:4: ...", default the path)."""
    text, source = _people_text(text_or_path, source)
    round_people_parse(self, None, text, source)


def _round_status(self, unit, point):
    """The unit's UnitStatus at a point (by code)."""
    status, escalated, version, person, on_behalf_of, when, comment = round_status(self, _round_unit(self, unit), point)
    return UnitStatus(Status(status), version, _round_person_or_none(self, person),
                      _round_person_or_none(self, on_behalf_of), _utc(when) if version else None, comment,
                      bool(escalated))


def _round_text(self, unit, point, kind=TEXT_SUMMARY, row=None):
    """The current TextVersion of a text (kind a TextKind; row a report row code for
    TextKind.ROW_COMMENT), or None when it does not exist."""
    return _round_text_version(self, round_text(self, _round_unit(self, unit), point, kind, row))


def _round_text_history(self, unit, point, kind=TEXT_SUMMARY, row=None):
    """Every version of a text, the first first, as TextVersion values."""
    unit = _round_unit(self, unit)
    return [_round_text_version(self, round_text_history_at(self, unit, point, kind, row, i))
            for i in range(round_text_history_count(self, unit, point, kind, row))]


def _round_lock_state(self, point):
    """LockState(locked, by, since) of a follow-up point."""
    locked, by, since = round_is_locked(self, point)
    return LockState(locked, _round_person_or_none(self, by), _utc(since) if locked else None)


def _round_audit(self, unit=None, subtree=False, person=None, point=None, since=None, until=None):
    """The audit entries (AuditEntry values, in order) of a unit (with subtree=True also those
    below it), of a person (who acted or on whose behalf), of a point, from since (inclusive) until
    until (exclusive): datetimes (naive means UTC) or seconds; None leaves a field open."""
    unit = None if unit is None else _round_unit(self, unit)
    query = (unit, subtree, None if person is None else _round_who(self, person), point, None if since is None else _epoch_seconds(since),
             None if until is None else _epoch_seconds(until))
    return [_round_audit_entry(self, i) for i in round_audit_query(self, query)]


def _round_progress(self, point, root=None):
    """Progress per organisation level of the subtree under root (a Unit, id or code; None: the
    whole organisation) at a point: LevelProgress values, one per level."""
    org = _round_org(self)
    root = None if root is None else _round_unit(self, root)
    return [LevelProgress(level, org_level_name(org, level), units,
                          {Status(s): n for s, n in enumerate(counts)})
            for level, units, counts in round_progress(self, root, point)]


def _round_not_submitted(self, point, root=None):
    """The Units under root (pre-order; None: the whole organisation) not yet submitted or
    approved at a point."""
    org = _round_org(self)
    root = None if root is None else _round_unit(self, root)
    return [Unit(org, u) for u in round_not_submitted(self, root, point)]


def _round_due(self, point, date, person=None, root=None):
    """What is due at a point by date (a datetime.date), and what is late on it: Due values
    (unit, action: Action.SUBMIT or Action.APPROVE, deadline: a date, status: Status, late:
    the deadline is before date), pre-order; a person's (a Person, id or key) or everyone's
    (None), under root (a Unit, id or code; None: the whole organisation). Submissions are due
    by the unit's level's deadline, approvals by the parent level's."""
    org = _round_org(self)
    who = None if person is None else _round_who(self, person)
    root = None if root is None else _round_unit(self, root)
    return [Due(Unit(org, u), Action(a), deadline, Status(s), bool(late))
            for u, a, deadline, s, late in round_due(self, who, root, point, date)]


def _round_acting(self, person, on_behalf_of=None):
    """Acting as person (a Person or key), for on_behalf_of (an economist entering for a manager)."""
    return Acting(self, person, on_behalf_of)


def _round_repr(self):
    return (f"<Round people={round_person_count(self)} assignments={round_assignment_count(self)} "
            f"audit={round_audit_count(self)}>")


_bind(Round,
      model=property(_round_model, doc="The Model the round belongs to."),
      set_clock=_round_set_clock,
      add_person=_round_add_person,
      person_count=property(round_person_count, doc="Number of people in the directory."),
      people=property(lambda self: [Person(self, i) for i in range(round_person_count(self))],
                      doc="The people of the directory as Person objects, by id."),
      person=_round_person,
      assign=_round_assign,
      assignments=property(_round_assignments, doc="The role assignments as Assignment values."),
      roles=_round_roles,
      load_people=_round_load_people,
      status=_round_status,
      text=_round_text,
      text_history=_round_text_history,
      set_threshold=lambda self, level, amount=0, per_mille=0: round_set_threshold(self, level, amount, per_mille),
      is_locked=lambda self, point: round_is_locked(self, point)[0],
      lock_state=_round_lock_state,
      audit_count=property(round_audit_count, doc="Number of audit entries."),
      audit=_round_audit,
      progress=_round_progress,
      not_submitted=_round_not_submitted,
      due=_round_due,
      acting=_round_acting,
      __eq__=_address_eq,
      __hash__=_address,
      __repr__=_round_repr)
Round.set_threshold.__doc__ = (
    "set_threshold(level, amount=0, per_mille=0): the materiality threshold of an organisation level; "
    "amount in int öre or Decimal kronor.\n" + (round_set_threshold.__doc__ or ""))
Round.is_locked.__doc__ = "is_locked(point): whether the follow-up point is locked."


class Acting:
    """Changes of the round made as a person (Round.acting(person, on_behalf_of=None)): each call
    passes the library's gate (roles, the lock, the item's version) and is recorded in the audit
    trail; a refused one raises NotPermittedError (ConflictError when the item moved on) and
    changes nothing. A context manager: after its with block it can no longer be used.

    Units are Unit objects, ids or unit codes; people Person objects, ids or keys; points are codes ("T2"); versions are those the
    caller read (ANY_VERSION: no check).
    """

    __slots__ = ("round", "person", "on_behalf_of", "_open")

    def __init__(self, round, person, on_behalf_of=None):
        self.round = round
        if isinstance(person, str):
            person = round.person(person)
        elif not isinstance(person, Person):
            person = Person(round, person)
        self.person = person
        if isinstance(on_behalf_of, str):
            on_behalf_of = round.person(on_behalf_of)
        elif on_behalf_of is not None and not isinstance(on_behalf_of, Person):
            on_behalf_of = Person(round, on_behalf_of)
        self.on_behalf_of = on_behalf_of
        self._open = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._open = False

    @property
    def _actor(self):
        if not self._open:
            raise ValueError("this Acting ended with its with block; act again with Round.acting()")
        return (self.person, self.on_behalf_of)

    def _unit(self, unit):
        return _round_unit(self.round, unit)

    # people
    def add_person(self, key, name, email=None):
        """Add a person to the directory (an economist on a root). Returns the Person."""
        return Person(self.round, round_add_person_as(self.round, self._actor, key, name, email))

    def assign(self, person, role, unit):
        """Give person a Role on unit and its subtree (an economist on a root)."""
        round_assign_as(self.round, self._actor, _round_who(self.round, person), Role(role), self._unit(unit))

    def unassign(self, person, role, unit):
        """Take a Role on unit away from person (an economist on a root)."""
        round_unassign_as(self.round, self._actor, _round_who(self.round, person), Role(role), self._unit(unit))

    def load_people(self, text_or_path, source=None):
        """Import people and role assignments from CSV (text or an os.PathLike path), all or nothing."""
        text, source = _people_text(text_or_path, source)
        round_people_parse(self.round, self._actor, text, source)

    # the gate
    def check(self, action, unit=None, point=None):
        """Raise NotPermittedError (naming the person, the action, the unit and why) unless the
        person may do action (an Action) on unit at point."""
        round_may(self.round, self._actor, Action(action), None if unit is None else self._unit(unit), point)

    def may(self, action, unit=None, point=None):
        """Whether the person may do action (an Action) on unit at point."""
        try:
            self.check(action, unit, point)
        except NotPermittedError:
            return False
        return True

    # texts and statuses
    def set_text(self, unit, point, kind, text, row=None, version=0):
        """Set a text (kind a TextKind; row a report row code for TextKind.ROW_COMMENT) against the
        version read (0: the text is new; ANY_VERSION: no check). Returns the new version;
        ConflictError when the text moved on."""
        return round_text_set_as(self.round, self._actor, self._unit(unit), point, kind, row, text, version)

    def submit(self, unit, point, comment=None, version=ANY_VERSION):
        """Submit (klarmarkera) the unit: every child must be submitted or approved (StateError
        lists those that are not)."""
        round_submit_as(self.round, self._actor, self._unit(unit), point, version, comment)

    def approve(self, unit, point, comment=None, escalate=False, version=ANY_VERSION):
        """Approve a submitted unit below the head's own, by the balance rule (StateError gives the
        figures when it refuses); escalate=True with a comment records it as escalated."""
        round_approve_as(self.round, self._actor, self._unit(unit), point, version, 1 if escalate else 0, comment)

    def return_(self, unit, point, comment, version=ANY_VERSION):
        """Return a submitted or approved unit with a comment (required)."""
        round_return_as(self.round, self._actor, self._unit(unit), point, version, comment)

    def lock(self, point):
        """Lock a follow-up point (an economist on a root): every change for it is refused."""
        round_lock_as(self.round, self._actor, point, 1)

    def unlock(self, point):
        """Unlock a follow-up point (an economist on a root)."""
        round_lock_as(self.round, self._actor, point, 0)

    # the model's changes, for a point
    def add_adjustment(self, unit, point, row, amount, kind, reason):
        """A forecast adjustment (ForecastPlan.add_adjustment()) for a point; amount in int öre or
        Decimal kronor. Returns its index."""
        return round_adjustment_add_as(self.round, self._actor, point, self._unit(unit), row, amount, kind, reason)

    def remove_adjustment(self, point, index):
        round_adjustment_remove_as(self.round, self._actor, point, index)

    def set_method(self, unit, point, row, method, run_rate_months=3):
        """The ForecastMethod of unit (and row code, None: every row) for a point."""
        round_method_set_as(self.round, self._actor, point, self._unit(unit), row, method, run_rate_months)

    def add_measure(self, unit, point, row, description, cause="", effect=0, consequence="", due=None):
        """A measure (Measures.add()) for a point: effect in int öre or Decimal kronor, due a
        datetime.date or None. Returns its index."""
        return round_measure_add_as(self.round, self._actor, point, self._unit(unit), row, description, cause,
                                    effect, consequence, due)

    def set_measure_status(self, point, index, status, follow_up=None):
        round_measure_set_status_as(self.round, self._actor, point, index, status, follow_up)

    def feed_measure(self, point, index):
        round_measure_feed_as(self.round, self._actor, point, index)

    def set_measure_goal(self, point, index, goal_code):
        round_measure_set_goal_as(self.round, self._actor, point, index, goal_code)

    def set_measure_kind(self, point, index, kind):
        round_measure_set_kind_as(self.round, self._actor, point, index, kind)

    def add_accrual(self, unit, point, account_number, month, amount, reason):
        round_accrual_add_as(self.round, self._actor, point, self._unit(unit), account_number, month, amount, reason)

    def take_snapshot(self, point, taken_on):
        """Freeze the point's forecast (an economist on a root); taken_on a datetime.date."""
        round_snapshot_take_as(self.round, self._actor, point, taken_on)

    def __repr__(self):
        behalf = f" for {self.on_behalf_of.key}" if self.on_behalf_of is not None else ""
        return f"<Acting {self.person.key}{behalf}{'' if self._open else ' (ended)'}>"


Acting.remove_adjustment.__doc__ = round_adjustment_remove_as.__doc__
Acting.set_measure_status.__doc__ = round_measure_set_status_as.__doc__
Acting.feed_measure.__doc__ = round_measure_feed_as.__doc__
Acting.set_measure_goal.__doc__ = round_measure_set_goal_as.__doc__
Acting.set_measure_kind.__doc__ = round_measure_set_kind_as.__doc__
Acting.add_accrual.__doc__ = round_accrual_add_as.__doc__

_bind(Model, round=property(model_round, doc="The model's follow-up Round (made on first use)."))



# Goals and indicators (goals.h)
Direction = _enum.IntEnum("Direction", {"HIGHER_IS_BETTER": HIGHER_IS_BETTER, "LOWER_IS_BETTER": LOWER_IS_BETTER,
                                        "WITHIN_INTERVAL": WITHIN_INTERVAL}, module=__name__)
Direction.__doc__ = "Which way an indicator is better."
Aggregation = _int_enum("Aggregation", "AGGREGATE_", "How an indicator aggregates across units: SUM, MEAN, "
                        "WEIGHTED_MEAN (by another indicator), MIN, MAX, NONE (own values only).")
Periodicity = _enum.IntEnum("Periodicity", {"MONTHLY": MONTHLY, "PER_TERTIAL": PER_TERTIAL, "YEARLY": YEARLY},
                            module=__name__)
Periodicity.__doc__ = "How often an indicator is measured (the trend's step back)."
Light = _int_enum("Light", "LIGHT_", "A traffic light: NONE (no value or target), GREEN, YELLOW, RED.")
GoalKind = _enum.IntEnum("GoalKind", {"STRATEGIC_AREA": GOAL_STRATEGIC_AREA, "COUNCIL": GOAL_COUNCIL,
                                      "COMMITTEE": GOAL_COMMITTEE, "SUB": GOAL_SUB, "ACTIVITY": GOAL_ACTIVITY},
                         module=__name__)
GoalKind.__doc__ = ("Kinds of goal nodes: STRATEGIC_AREA (inriktningsområde), COUNCIL (KF-mål), COMMITTEE "
                    "(nämndmål), SUB (delmål), ACTIVITY (aktivitet).")
GoalStatus = _enum.IntEnum("GoalStatus", {"NOT_STARTED": GOAL_NOT_STARTED, "MET": GOAL_MET,
                                          "PARTLY_MET": GOAL_PARTLY_MET, "NOT_MET": GOAL_NOT_MET}, module=__name__)
GoalStatus.__doc__ = "A goal's status: NOT_STARTED, MET (uppfyllt), PARTLY_MET (delvis), NOT_MET (ej uppfyllt)."

#: An indicator's definition (Goals.indicators): code, name, unit_of_measure, decimals, direction,
#: aggregation, weight (code or None), periodicity, relative, green_margin, yellow_margin, external_id.
Indicator = _collections.namedtuple("Indicator", "code name unit_of_measure decimals direction aggregation weight "
                                    "periodicity relative green_margin yellow_margin external_id", module=__name__)
#: A unit's own value: value (scaled by the decimals), source, imported (datetime UTC or None).
IndicatorValue = _collections.namedtuple("IndicatorValue", "value source imported", module=__name__)
#: An indicator at a unit and period: value (None when none), own, units it stands for, target and
#: target_high (None without a target), light, previous and last_year (None when none).
IndicatorResult = _collections.namedtuple("IndicatorResult", "value own units target target_high light previous "
                                          "last_year", module=__name__)
#: A goal node: id, kind, code, name, text, parent (id or None), unit (id), responsible, first_year, last_year.
Goal = _collections.namedtuple("Goal", "id kind code name text parent unit responsible first_year last_year",
                               module=__name__)
#: A goal's status at a point: status, proposed, lights (counts by Light), set, overridden, reason,
#: comment, by, when (datetime UTC or None), version.
GoalState = _collections.namedtuple("GoalState", "status proposed lights set overridden reason comment by when "
                                    "version", module=__name__)
#: A volume's outlook at a cut-off (Goals.volume_warning()): months, budgeted, latest, trend_year_end,
#: warns, first_month (None when it does not), cost_per_unit and consequence (öre).
VolumeOutlook = _collections.namedtuple("VolumeOutlook", "months budgeted latest trend_year_end warns first_month "
                                        "cost_per_unit consequence", module=__name__)


class IndicatorSpec:
    """What an indicator is (Goals.add_indicator() takes the same as keywords)."""

    def __init__(self, code, name, unit_of_measure="", decimals=0, direction=Direction.HIGHER_IS_BETTER,
                 aggregation=Aggregation.SUM, weight=None, periodicity=Periodicity.MONTHLY, relative=False,
                 green_margin=0, yellow_margin=0, external_id=""):
        self.code, self.name, self.unit_of_measure, self.decimals = code, name, unit_of_measure, decimals
        self.direction, self.aggregation, self.weight = int(direction), int(aggregation), weight
        self.periodicity, self.relative = int(periodicity), 1 if relative else 0
        self.green_margin, self.yellow_margin, self.external_id = green_margin, yellow_margin, external_id


def _goals_model(self):
    handle = Model.__new__(Model)
    handle.__dict__["this"] = self._parent
    return handle


def _goals_unit(self, unit):
    if isinstance(unit, str):
        return org_find(model_org(_goals_model(self)), unit)
    return unit


def _goals_indicator(self, indicator):
    return indicator_find(self, indicator) if isinstance(indicator, str) else indicator


def _goals_goal(self, goal):
    return goal_find(self, goal) if isinstance(goal, str) else goal


def _seconds(when):
    if when is None:
        return 0
    if isinstance(when, _datetime.datetime):
        return int(when.timestamp())
    return _operator.index(when)


def _goals_result(record):
    has, value, own, units, target, high, has_target, light, previous, trend, last_year = record
    return IndicatorResult(value if has else None, bool(own), units, target if has_target else None,
                           high if has_target else None, Light(light), previous if trend & 2 else None,
                           last_year if trend & 1 else None)


def _goals_state(record):
    proposed, status, lights, set_, overridden, reason, comment, by, when, version = record
    return GoalState(GoalStatus(status), GoalStatus(proposed), tuple(lights), bool(set_), bool(overridden),
                     reason or "", comment or "", by or "", _utc(when) if when else None, version)


def _goals_add_indicator(self, code, name, **fields):
    """Add an indicator (IndicatorSpec's fields as keywords); returns its id."""
    return indicator_add(self, IndicatorSpec(code, name, **fields))


def _goals_indicators(self):
    result = []
    for i in range(indicator_count(self)):
        code, name, uom, decimals, direction, aggregation, weight, periodicity, relative, green, yellow, ext = \
            indicator_at(self, i)
        result.append(Indicator(code, name, uom or "", decimals, Direction(direction), Aggregation(aggregation),
                                weight, Periodicity(periodicity), bool(relative), green, yellow, ext or ""))
    return result


def _goals_evaluate(self, indicator, unit, period, year=None):
    """The indicator at unit and period (yyyymm): value (own or aggregated), the year's target (the
    model's fiscal year by default), the light and the trend, as an IndicatorResult."""
    year = model_fiscal_year(_goals_model(self)).first_year if year is None else year
    return _goals_result(indicator_evaluate(self, _goals_indicator(self, indicator), _goals_unit(self, unit), period,
                                            year))


def _goals_evaluate_all(self, indicator, period, year=None):
    """The indicator at every unit (a list by unit id; no trend) in one pass up the tree."""
    model = _goals_model(self)
    year = model_fiscal_year(model).first_year if year is None else year
    return [_goals_result(r) for r in tpy_indicator_evaluate_all(self, model, _goals_indicator(self, indicator),
                                                                 period, year)]


def _goals_own_value(self, indicator, unit, period):
    value, source, imported = indicator_own_value(self, _goals_indicator(self, indicator), _goals_unit(self, unit),
                                                  period)
    return IndicatorValue(value, source or "", _utc(imported) if imported else None)


def _goals_set_values(self, indicator, period, units, values, source=None, imported=None):
    """Own values of many units for one period at once (all or nothing)."""
    units = [_goals_unit(self, u) for u in units]
    indicator_set_values(self, _goals_indicator(self, indicator), period, (units, list(values)), source,
                         _seconds(imported))


def _goals_volume_warning(self, indicator, unit, cutoff):
    months, budgeted, latest, end, warns, first, cpu, consequence = volume_warning(
        self, _goals_indicator(self, indicator), _goals_unit(self, unit), cutoff)
    return VolumeOutlook(months, budgeted, latest, end, bool(warns), first or None, cpu, consequence)


def _goals_add_goal(self, kind, code, name, unit, first_year, last_year, text=None, parent=None, responsible=None):
    """Add a goal node (a GoalKind) below parent (a goal id or code; None for a strategic area)."""
    parent = NO_GOAL if parent is None else _goals_goal(self, parent)
    return goal_add(self, GoalKind(kind), code, name, text, parent, _goals_unit(self, unit), responsible, first_year,
                    last_year)


def _goals_goal_value(record):
    gid, kind, code, name, text, parent, unit, responsible, first, last = record
    return Goal(gid, GoalKind(kind), code, name, text or "", None if parent == NO_GOAL else parent, unit,
                responsible or "", first, last)


def _goals_history(self, goal, point):
    goal = _goals_goal(self, goal)
    return [_goals_state(goal_history_at(self, goal, point, i)) for i in range(goal_history_count(self, goal, point))]


_bind(Goals,
      model=property(_goals_model, doc="The Model the goals belong to."),
      add_indicator=_goals_add_indicator,
      indicators=property(_goals_indicators, doc="Every indicator as an Indicator value, by id."),
      indicator=lambda self, code: indicator_find(self, code),
      set_target=lambda self, indicator, year, target, high=None: indicator_set_target(
          self, _goals_indicator(self, indicator), year, target, target if high is None else high),
      target=lambda self, indicator, year: tuple(indicator_target(self, _goals_indicator(self, indicator), year)),
      set_value=lambda self, indicator, unit, period, value, source=None, imported=None: indicator_set_value(
          self, _goals_indicator(self, indicator), _goals_unit(self, unit), period, value, source,
          _seconds(imported)),
      set_values=_goals_set_values,
      own_value=_goals_own_value,
      parse_value=lambda self, indicator, text: indicator_parse_value(self, _goals_indicator(self, indicator), text),
      format_value=lambda self, indicator, value: indicator_format_value(self, _goals_indicator(self, indicator),
                                                                         value),
      light=lambda self, indicator, value, target, high=None: Light(indicator_light(
          self, _goals_indicator(self, indicator), value, target, target if high is None else high)),
      evaluate=_goals_evaluate,
      evaluate_all=_goals_evaluate_all,
      set_cost_row=lambda self, indicator, row: indicator_set_cost_row(self, _goals_indicator(self, indicator), row),
      cost_row=lambda self, indicator: indicator_cost_row(self, _goals_indicator(self, indicator)),
      set_budget_volume=lambda self, indicator, unit, per_month: indicator_set_budget_volume(
          self, _goals_indicator(self, indicator), _goals_unit(self, unit), per_month),
      budget_volume=lambda self, indicator, unit: indicator_budget_volume(
          self, _goals_indicator(self, indicator), _goals_unit(self, unit)),
      cost_per_unit=lambda self, indicator, unit, month, accumulated=False: indicator_cost_per_unit(
          self, _goals_indicator(self, indicator), _goals_unit(self, unit), month, 1 if accumulated else 0),
      volume_warning=_goals_volume_warning,
      drive_forecast=lambda self, indicator, unit, cutoff: indicator_drive_forecast(
          self, _goals_indicator(self, indicator), _goals_unit(self, unit), cutoff),
      add_goal=_goals_add_goal,
      goals=property(lambda self: [_goals_goal_value(goal_at(self, i)) for i in range(goal_count(self))],
                     doc="Every goal node as a Goal value, by id."),
      goal=lambda self, code: _goals_goal_value(goal_at(self, goal_find(self, code))),
      link=lambda self, goal, indicator: goal_link_indicator(self, _goals_goal(self, goal),
                                                             _goals_indicator(self, indicator)),
      goal_indicators=lambda self, goal: goal_indicators(self, _goals_goal(self, goal)),
      red_thread=lambda self, goal, year=0: tuple(goal_red_thread(self, _goals_goal(self, goal), year)),
      rule=property(lambda self: goals_rule(self), doc="The status rule: (met_green, partly_green_yellow) per mille."),
      set_rule=lambda self, met_green, partly_green_yellow: goals_set_rule(self, (met_green, partly_green_yellow)),
      state=lambda self, goal, point: _goals_state(goal_state_at(self, _goals_goal(self, goal), point)),
      set_status=lambda self, goal, point, status, by, comment=None, reason=None, when=None, version=ANY_VERSION:
          goal_set_status(self, _goals_goal(self, goal), point, GoalStatus(status), comment, reason, by,
                          _seconds(when), version),
      history=_goals_history,
      attainment=lambda self, unit, kind, point: tuple(goal_attainment(self, _goals_unit(self, unit), GoalKind(kind),
                                                                       point)),
      __eq__=_address_eq,
      __hash__=_address)


def _acting_set_goal_status(self, goal, point, status, comment=None, reason=None, version=ANY_VERSION):
    """Set a goal's status (a GoalStatus) and comment at a point as the person, through the round's
    gate; another status than the proposed one needs a reason."""
    goals = model_goals(_round_model(self.round))
    round_goal_status_as(self.round, self._actor, point, _goals_goal(goals, goal), GoalStatus(status), comment, reason,
                         version)


Acting.set_goal_status = _acting_set_goal_status
_bind(Model, goals=property(model_goals, doc="The model's Goals: goal tree and indicators (made on first use)."))

__all__ = [
    # classes
    "Model", "Org", "OrgIter", "Unit", "Calendar", "FiscalYear", "Chart", "Account", "RowMap", "Ledger",
    "FollowupTable", "FollowupOptions", "TextOptions", "Findings",
    "Key", "KeySet", "ForecastPlan", "ForecastInput", "Reasons", "Snapshot", "Snapshots", "Backtest",
    "BudgetOptions", "BudgetVersions", "Accruals", "Deviations", "Measures", "AdherencePlan", "DemoOptions",
    "SieReader", "SieOptions", "SieLoad", "SieLoadOptions", "SieWriteOptions", "Report", "ReportSection",
    "ReportOptions", "CsvOptions", "JsonOptions", "XlsxOptions", "DocxOptions", "Store", "Round", "Person", "Acting",
    "Goals", "IndicatorSpec", "Presentation", "BudgetComparison",
    # values
    "FollowupPoint", "LevelDeadline", "ReportRow", "FollowupRow", "Finding", "FOLLOWUP_FIELDS",
    "Holiday", "BudgetVersion", "Adjustment", "SnapshotEntry", "SnapshotChange", "Accuracy", "AccuracySummary",
    "Accrual", "AdjustedOutcome", "Deviation", "Measure", "AdherenceRisk", "ReasonLine", "ReasonsCheck",
    "BaseForecast", "SieRecord", "SieObject", "SieDiagnostic", "SieStats", "SieSummary", "SieFigures", "SieNote",
    "SieDifference", "SieWriteSummary", "ReportColumn", "ReportLine", "ReportCell", "REPORT_LINE_FIELDS",
    "Assignment", "TextVersion", "UnitStatus", "AuditEntry", "LockState", "LevelProgress", "Due",
    "Indicator", "IndicatorValue", "IndicatorResult", "Goal", "GoalState", "VolumeOutlook", "BudgetCompareLine",
    # enums and constants
    "ErrorCode", "MoneyStyle", "MoneyUnit", "AccountType", "RowKind", "Column", "View", "LineKind",
    "FindingKind", "Severity", "MEASURE_OUTCOME", "MEASURE_PRIOR", "NO_UNIT", "ALL_ACCOUNTS",
    "ORE_PER_KR", "ORE_PER_TKR", "ORE_PER_MKR",
    "HolidayId", "HolidayFlags", "KeyKind", "BudgetKind", "ForecastMethod", "ForecastFallback",
    "AdjustmentKind", "ReasonsVerdict", "DeviationClass", "MeasureStatus", "MeasureKind", "SignConvention", "DeviationSign",
    "HOLIDAY_YEAR_MIN", "HOLIDAY_YEAR_MAX", "HOLIDAYS_MAX", "ACCRUAL_MEASURE_NAME",
    "SieLabel", "SieEncoding", "SieMode", "SieProblem", "SieAction", "SieSource", "SieObjectRows", "SieLoadProblem",
    "SieHas", "SectionKind", "ReportType", "ReportStyle", "CsvStyle", "CSV_GUARD_BY_STYLE", "SIE_CURRENT_BUDGET",
    "SIE_NO_BUDGET",
    "REPORT_ALL_SECTIONS", "STORE_CREATE", "STORE_READONLY", "STORE_SCHEMA_VERSION", "LEVEL_MAX",
    "Role", "Action", "TextKind", "Status", "NO_PERSON", "ANY_VERSION",
    "Direction", "Aggregation", "Periodicity", "Light", "GoalKind", "GoalStatus", "NO_GOAL",
    # errors
    "TertialError", "InvalidArgumentError", "NoMemoryError", "MoneyOverflowError", "ParseError",
    "NotFoundError", "ExistsError", "RangeError", "TertialIOError", "StateError", "BufferTooSmallError",
    "CancelledError", "ConflictError", "NotPermittedError",
    # functions
    "version", "error_last", "error_last_code", "error_clear", "strerror",
    "ore", "kronor", "money_add", "money_sub", "money_mul", "money_scale", "money_parse", "money_round",
    "money_format", "money_round_vector", "period_make", "days_in_month", "account_type_guess",
    "column_header", "finding_kind_name", "render_text",
    "holiday_easter", "holiday_name", "holidays_of_year", "holiday_dates", "holiday_is", "holiday_weekday",
    "working_day_is", "working_days_in_month", "forecast_base", "forecast_method_name", "backtest_best_table",
    "demo", "demo_year", "demo_round", "demo_goals",
    "DEMO_YEARS",
    "sie_read", "sie_fiscal_year", "sie_label_name", "sie_encoding_name", "sie_problem_name",
    "sie_load_problem_name", "action_name", "status_name", "goal_status_name",
    "ImportSummary", "import_table", "import_csv", "import_kind_parse", "import_kind_name",
    "IMPORT_ORGANISATION", "IMPORT_ACCOUNTS", "IMPORT_BUDGET", "IMPORT_OUTCOME", "IMPORT_PEOPLE",
    "IMPORT_INDICATORS",
]


# Import of a municipality's own tables (import.h)
ImportSummary = _collections.namedtuple(
    "ImportSummary", "kind rows units_added units_updated units_unchanged accounts_added accounts_updated "
    "accounts_unchanged amounts_changed amounts_unchanged amount_total change_total people_added applied encoding "
    "values_changed values_unchanged",
    module=__name__)
ImportSummary.__doc__ = (
    "What import_table() changed (in a dry run: would change): kind ('organisation', 'accounts', "
    "'budget', 'outcome'), rows read, units and accounts added, updated and unchanged, months of "
    "amounts changed and unchanged, amount_total (the file's amounts) and change_total (new - old "
    "over the changed months), both int öre, applied (the model was changed), the encoding the "
    "file was read in ('UTF-8', 'UTF-8 with BOM', 'Windows-1252' or 'xlsx'), and for indicators "
    "values_changed and values_unchanged.")


def _import_kind(kind):
    return import_kind_parse(kind) if isinstance(kind, str) else _operator.index(kind)


def import_table(model, path, kind, sheet=None, dry_run=False, budget=None):
    """Import a CSV or xlsx file into model, all or nothing (tertial_import_file()).

    kind is 'organisation', 'accounts', 'budget', 'outcome' or 'indicators' (or IMPORT_ORGANISATION, ...; the
    round's people are loaded with Round.load_people());
    sheet names an xlsx workbook's sheet (default: the first); dry_run checks the file and
    reports what would change without changing the model; budget is the budget version (a
    measure) a budget goes into, default the current budget. Columns are found by their header
    in Swedish or English (docs/cli.md lists the names). Returns an ImportSummary. A file with
    errors raises ParseError, whose message lists every error with its position
    ("budget.csv:7:3: column \"Belopp\": expected an amount ..."), one a line, and the model is
    left as it was; a missing file raises TertialIOError."""
    return ImportSummary(**_import_file(model, _os.fspath(path), _import_kind(kind), sheet, bool(dry_run),
                                        -1 if budget is None else _operator.index(budget)))


def import_csv(model, data, kind, source="<bytes>", dry_run=False, budget=None):
    """Import CSV given as bytes (tertial_import_csv()), as import_table() imports a file;
    source names the data in messages."""
    return ImportSummary(**_import_csv(model, data, source, _import_kind(kind), bool(dry_run),
                                       -1 if budget is None else _operator.index(budget)))


_bind(Model, import_table=import_table, import_csv=import_csv)


# The planning process (issue 19): the annual wheel (wheel.h) and the prioritisation model (priorities.h)
WheelFlow = _int_enum("WheelFlow", "FLOW_", "Which process a sub-process belongs to: PLANNING, FOLLOWUP.")
WheelVariant = _int_enum("WheelVariant", "VARIANT_", "In which years an activity holds: EVERY_YEAR, ORDINARY, "
                         "ELECTION.")
WhenKind = _int_enum("WhenKind", "WHEN_", "How a template's time is given: UNSCHEDULED, WEEKS, DATES, FOLLOWUP.")
YearKind = _int_enum("YearKind", "YEAR_", "Whether a cycle's year is an election year: AUTO (by the year), "
                     "ORDINARY, ELECTION.")
ScheduleKind = _int_enum("ScheduleKind", "SCHEDULE_", "What a schedule entry is: PROCESS, ACTIVITY, DEADLINE.")
ProposalKind = _enum.IntEnum("ProposalKind", {"PRIORITISATION": PROPOSAL_PRIORITISATION,
                                              "EFFICIENCY": PROPOSAL_EFFICIENCY, "RATIONING": PROPOSAL_RATIONING},
                             module=__name__)
ProposalStatus = _enum.IntEnum("ProposalStatus", {"PROPOSED": PROPOSAL_PROPOSED, "DECIDED": PROPOSAL_DECIDED,
                                                  "LIFTED": PROPOSAL_LIFTED}, module=__name__)
Difficulty = _int_enum("Difficulty", "DIFFICULTY_", "Svårighetsgrad: VERY_LARGE, LARGE, MODERATE, SMALL.")
Benefit = _int_enum("Benefit", "BENEFIT_", "Nytta: NONE, SMALL, MODERATE, LARGE, VERY_LARGE (the value is its points).")
CostEffectiveness = _int_enum("CostEffectiveness", "COST_EFFECTIVENESS_",
                              "Kostnadseffektivitet: LOW, MODERATE, HIGH, VERY_HIGH (the value is its points).")
Perspective = _int_enum("Perspective", "PERSPECTIVE_", "The perspective of a judgement: INDIVIDUAL, SOCIETY, "
                        "ORGANISATION.")

#: A time of a wheel's template: kind (WhenKind), year (the start's year from the cycle's), from_week,
#: to_week, from_month, from_day, to_month, to_day.
WheelWhen = _collections.namedtuple("WheelWhen", "kind year from_week to_week from_month from_day to_month to_day",
                                    module=__name__)
#: A sub-process of a wheel: name, flow (WheelFlow), when (WheelWhen), objects_in, objects_out, line.
WheelProcess = _collections.namedtuple("WheelProcess", "name flow when objects_in objects_out line", module=__name__)
#: An activity of a wheel: process (its index), name, when, responsible, participants, unit, decided_by,
#: objects_in, objects_out, variant (WheelVariant), line.
WheelActivity = _collections.namedtuple("WheelActivity", "process name when responsible participants unit decided_by "
                                        "objects_in objects_out variant line", module=__name__)
#: A dated entry of a Schedule: kind (ScheduleKind), index, process, name, responsible, participants, unit,
#: decided_by, point, level (None unless a level's deadline), start and end (datetime.date), and the ISO
#: weeks start_week_year, start_week, end_week_year, end_week.
ScheduleEntry = _collections.namedtuple("ScheduleEntry", "kind index process name responsible participants unit "
                                        "decided_by point level start end start_week_year start_week end_week_year "
                                        "end_week", module=__name__)
#: A proposal of the prioritisation model; cost is int öre (negative for a saving); unit and account
#: (codes) are the budget it changes (Proposals.apply()).
Proposal = _collections.namedtuple("Proposal", "code kind problem target_group measure cost difficulty benefit "
                                   "cost_effectiveness perspective consequences owner status unit account",
                                   module=__name__)
#: A place in a ranking: rank (from 1; equal proposals share one), index (in the list), the Proposal
#: and its score under the rule.
Ranked = _collections.namedtuple("Ranked", "rank index proposal score", module=__name__)


def _when(record):
    kind, *rest = record
    return WheelWhen(WhenKind(kind), *rest)


def _wheel_process(record):
    name, flow, when, objects_in, objects_out, line = record
    return WheelProcess(name, WheelFlow(flow), _when(when), objects_in, objects_out, line)


def _wheel_activity(record):
    process, name, when, responsible, participants, unit, decided_by, objects_in, objects_out, variant, line = record
    return WheelActivity(process, name, _when(when), responsible, participants, unit, decided_by, objects_in,
                         objects_out, WheelVariant(variant), line)


def _schedule_entry(record):
    kind, index, *middle, level, start, end, sy, sw, ey, ew = record
    return ScheduleEntry(ScheduleKind(kind), index, *middle, None if level < 0 else level, start, end, sy, sw, ey, ew)


def _wheel_load(path):
    """Read a wheel from a template file (tertial_wheel_load()); bad input raises ParseError naming
    file:line:column and what was expected."""
    return wheel_load(_os.fspath(path))


def _wheel_parse(text, source="<string>"):
    """Read a wheel from a template's text, str or bytes (tertial_wheel_parse())."""
    return wheel_parse(text, source)


def _wheel_schedule(self, year, kind=YearKind.AUTO, followup=None):
    """The dated calendar of the cycle of `year` (tertial_wheel_schedule()): kind is a YearKind (AUTO:
    an election year by the Swedish general elections); followup a Calendar whose deadlines (and the
    follow-up activities at its points) join it."""
    schedule = wheel_schedule(self, year, YearKind(kind), followup)
    schedule._parent = self
    return schedule


_bind(Wheel,
      load=staticmethod(_wheel_load),
      parse=staticmethod(_wheel_parse),
      processes=property(lambda self: [_wheel_process(wheel_process_at(self, i))
                                       for i in range(wheel_process_count(self))],
                         doc="The sub-processes, as WheelProcess values."),
      activities=property(lambda self: [_wheel_activity(wheel_activity_at(self, i))
                                        for i in range(wheel_activity_count(self))],
                          doc="The activities in the template's order, as WheelActivity values."),
      schedule=_wheel_schedule,
      __repr__=lambda self: (f"<Wheel processes={wheel_process_count(self)} "
                             f"activities={wheel_activity_count(self)}>"))


def _schedule_due(self, start=None, end=None, role=None, unit=None):
    """What is due from start to end (datetime.date, both included; None: open) for a role or a unit
    (tertial_schedule_due()): a new Schedule."""
    return schedule_due(self, start, end, role, unit)


def _schedule_item(self, index):
    return _schedule_entry(schedule_at(self, _index(index, schedule_count(self), "entry")))


_bind(Schedule,
      year=property(schedule_year, doc="The cycle's year."),
      election=property(schedule_election, doc="True when it is an election year's calendar."),
      due=_schedule_due,
      __len__=schedule_count,
      __getitem__=_schedule_item,
      __iter__=lambda self: iter([_schedule_entry(schedule_at(self, i)) for i in range(schedule_count(self))]),
      __repr__=lambda self: (f"<Schedule {schedule_year(self)}{' (election)' if schedule_election(self) else ''} "
                             f"entries={schedule_count(self)}>"))


class ProposalSpec:
    """A proposal to add (Proposals.add() takes the same as keywords); cost is int öre or
    decimal.Decimal kronor, negative for a saving."""

    def __init__(self, code, measure, kind=ProposalKind.PRIORITISATION, cost=0, difficulty=Difficulty.MODERATE,
                 benefit=Benefit.MODERATE, cost_effectiveness=CostEffectiveness.MODERATE,
                 perspective=Perspective.INDIVIDUAL, problem="", target_group="", consequences="", owner="",
                 status=ProposalStatus.PROPOSED, unit="", account=""):
        self.code, self.measure, self.kind, self.cost = code, measure, int(kind), cost
        self.difficulty, self.benefit = int(difficulty), int(benefit)
        self.cost_effectiveness, self.perspective = int(cost_effectiveness), int(perspective)
        self.problem, self.target_group, self.consequences, self.owner = problem, target_group, consequences, owner
        self.status = int(status)
        self.unit, self.account = unit, account


def _proposal(record):
    code, kind, problem, target, measure, cost, difficulty, benefit, effectiveness, perspective, *rest = record
    consequences, owner, status, unit, account = rest
    return Proposal(code, ProposalKind(kind), problem, target, measure, cost, Difficulty(difficulty), Benefit(benefit),
                    CostEffectiveness(effectiveness), Perspective(perspective), consequences, owner,
                    ProposalStatus(status), unit, account)


def _proposals_init(self):
    """Proposals(): an empty list of proposals (tertial_proposals_new())."""
    _adopt(self, proposals_new())


def _proposals_add(self, code, measure, **fields):
    """Add a proposal (ProposalSpec's fields as keywords)."""
    proposals_add(self, ProposalSpec(code, measure, **fields))


def _proposals_rank(self, rule=None):
    """The proposals ranked by a PriorityRule (the default rule when None), best first, as Ranked
    values (tertial_proposals_rank())."""
    rule = PriorityRule() if rule is None else rule
    return [Ranked(rank, index, _proposal(proposals_at(self, index)), proposals_score(self, index, rule))
            for index, rank in _proposals_rank_pairs(self, rule)]


def _proposals_item(self, index):
    return _proposal(proposals_at(self, _index(index, proposals_count(self), "proposal")))


_proposals_rank_pairs = tpy_proposals_rank
_bind(Proposals,
      __init__=_proposals_init,
      add=_proposals_add,
      load=lambda self, path: proposals_load(self, _os.fspath(path)),
      parse=lambda self, text, source="<string>": proposals_parse(self, text, source),
      rank=_proposals_rank,
      score=lambda self, index, rule=None: proposals_score(self, index, PriorityRule() if rule is None else rule),
      __len__=proposals_count,
      __getitem__=_proposals_item,
      __iter__=lambda self: iter([_proposal(proposals_at(self, i)) for i in range(proposals_count(self))]),
      __repr__=lambda self: f"<Proposals {proposals_count(self)}>")


def _rule_init(self):
    """PriorityRule(): the default rule (benefit, cost_effectiveness, ease, cost)."""
    _adopt(self, priority_rule_new_default())


_bind(PriorityRule,
      __init__=_rule_init,
      parse=staticmethod(lambda text, source="<string>": priority_rule_parse(text, source)),
      load=staticmethod(lambda path: priority_rule_load(_os.fspath(path))),
      __str__=priority_rule_describe,
      __repr__=lambda self: f"<PriorityRule {priority_rule_describe(self).strip()!r}>")

__all__ += [
    "Wheel", "Schedule", "Proposals", "PriorityRule", "ProposalSpec",
    "WheelFlow", "WheelVariant", "WhenKind", "YearKind", "ScheduleKind", "ProposalKind", "ProposalStatus",
    "Difficulty", "Benefit", "CostEffectiveness", "Perspective",
    "WheelWhen", "WheelProcess", "WheelActivity", "ScheduleEntry", "Proposal", "Ranked",
    "iso_week_count", "iso_week_start", "iso_week_of", "election_year_is",
    "proposal_kind_name", "difficulty_name", "benefit_name", "cost_effectiveness_name", "perspective_name",
    "proposal_status_name",
]

_iso_week_of_pair = iso_week_of


def iso_week_of(date):
    """The ISO (year, week) of a datetime.date (tertial_iso_week_of()): 2027-01-01 is (2026, 53)."""
    return tuple(_iso_week_of_pair(date))


# Internal control (intcontrol.h)
IntControlTable = _enum.IntEnum("IntControlTable", {"RISKS": INTCONTROL_RISKS, "PLAN": INTCONTROL_PLAN,
                                                    "RESULTS": INTCONTROL_RESULTS}, module=__name__)
#: A risk of the analysis: code, committee, process, risk, likelihood and consequence (1..4), its value
#: (their product) and whether it is to be controlled (the value reaches the threshold).
Risk = _collections.namedtuple("Risk", "code committee process risk likelihood consequence value controlled",
                               module=__name__)
#: A control of the internal control plan: code, risk (its code), activity, method, frequency, responsible,
#: point (the follow-up point it is reported at).
Control = _collections.namedtuple("Control", "code risk activity method frequency responsible point", module=__name__)
#: A control's result at a follow-up point: control, point, result, deviations (found), measures.
ControlResult = _collections.namedtuple("ControlResult", "control point result deviations measures", module=__name__)


class _Fields:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def _intcontrol_init(self, threshold=9):
    """IntControl(threshold=9): an empty analysis; a risk whose value reaches the threshold is controlled."""
    _adopt(self, intcontrol_new())
    intcontrol_set_threshold(self, threshold)


def _intcontrol_table(table):
    return IntControlTable[table.upper()] if isinstance(table, str) else IntControlTable(table)


def _intcontrol_risks(self):
    risks = []
    for i in range(intcontrol_risk_count(self)):
        value, controlled = intcontrol_risk_value(self, i)
        risks.append(Risk(*intcontrol_risk_at(self, i), value, controlled))
    return risks


_bind(IntControl,
      __init__=_intcontrol_init,
      threshold=property(intcontrol_threshold, intcontrol_set_threshold,
                         doc="The risk value from which a risk is controlled (1..17)."),
      add_risk=lambda self, code, risk, likelihood, consequence, committee="", process="": intcontrol_add_risk(
          self, _Fields(code=code, risk=risk, likelihood=likelihood, consequence=consequence, committee=committee,
                        process=process)),
      add_control=lambda self, code, risk, activity, point, method="", frequency="", responsible="":
          intcontrol_add_control(self, _Fields(code=code, risk=risk, activity=activity, point=point, method=method,
                                               frequency=frequency, responsible=responsible)),
      add_result=lambda self, control, point, result, deviations=0, measures="": intcontrol_add_result(
          self, _Fields(control=control, point=point, result=result, deviations=deviations, measures=measures)),
      load=lambda self, table, path: intcontrol_load(self, _intcontrol_table(table), _os.fspath(path)),
      parse=lambda self, table, text, source="<string>": intcontrol_parse(self, _intcontrol_table(table), text,
                                                                          source),
      risks=property(_intcontrol_risks, doc="The risks as Risk values, with their values and decisions."),
      risk_controls=lambda self, index: intcontrol_risk_controls(self, index),
      controls=property(lambda self: [Control(*intcontrol_control_at(self, i))
                                      for i in range(intcontrol_control_count(self))],
                        doc="The internal control plan as Control values."),
      results=property(lambda self: [ControlResult(*intcontrol_result_at(self, i))
                                     for i in range(intcontrol_result_count(self))],
                       doc="The controls' results as ControlResult values."),
      __repr__=lambda self: (f"<IntControl risks={intcontrol_risk_count(self)} controls="
                             f"{intcontrol_control_count(self)} results={intcontrol_result_count(self)}>"))

__all__ += ["IntControl", "IntControlTable", "Risk", "Control", "ControlResult"]

# The planning process, continued (issue 19): decided proposals feed a budget version
# (priorities_budget.h), unfunded decisions (unfunded.h), the planning objects in the store
# (store_plan.h).
#: What Proposals.apply() did: proposals applied now, their total (int öre), decided proposals
#: applied before (skipped), proposals not decided (left out).
ProposalsApplied = _collections.namedtuple("ProposalsApplied", "applied total already not_decided",
                                           module=__name__)
#: A decided proposal as applied to a budget version: measure, code, unit and account (ids), amount (öre).
AppliedProposal = _collections.namedtuple("AppliedProposal", "measure code unit account amount", module=__name__)
Funding = _enum.IntEnum("Funding", {"NONE": FUNDING_NONE, "PARTIAL": FUNDING_PARTIAL}, module=__name__)
#: An unfunded decision: code, committee, decided (datetime.date), decided_by, description, cost and
#: funded (int öre a year), funding, and unfunded (cost less funded).
UnfundedDecision = _collections.namedtuple("UnfundedDecision", "code committee decided decided_by description cost "
                                           "funding funded unfunded", module=__name__)
#: A committee's unfunded decisions: name, decisions (their number), total (their unfunded parts, öre).
CommitteeUnfunded = _collections.namedtuple("CommitteeUnfunded", "name decisions total", module=__name__)


def _proposals_apply(self, model, version):
    """Add the decided proposals (DECIDED, LIFTED) to budget version `version` (a measure) of
    model, each once, on its unit and account; returns ProposalsApplied (tertial_proposals_apply())."""
    return ProposalsApplied(*proposals_apply(_model_handle(model), version, self))


_bind(Proposals, apply=_doc(_proposals_apply, _proposals_apply.__doc__ + "\n" + (proposals_apply.__doc__ or "")))
_bind(Model, applied_proposals=property(
    lambda self: [AppliedProposal(*applied_proposal_at(_model_handle(self), i))
                  for i in range(applied_proposal_count(_model_handle(self)))],
    doc="The decided proposals applied to the model's budget versions, as AppliedProposal values."))


def _unfunded_init(self):
    """Unfunded(): an empty list of unfunded decisions (tertial_unfunded_new())."""
    _adopt(self, unfunded_new())


def _unfunded_add(self, code, committee, decided, cost, funding=Funding.NONE, funded=0, decided_by="",
                  description=""):
    """Add a decision: decided a datetime.date, cost and funded int öre (or decimal.Decimal kronor)
    a year, funding Funding.NONE or Funding.PARTIAL (tertial_unfunded_add())."""
    unfunded_add(self, _Fields(code=code, committee=committee, decided=decided, cost=cost, funding=int(funding),
                               funded=funded, decided_by=decided_by, description=description))


def _unfunded_item(self, index):
    i = _index(index, unfunded_count(self), "decision")
    code, committee, decided, by, description, cost, funding, funded = unfunded_at(self, i)
    return UnfundedDecision(code, committee, decided, by, description, cost, Funding(funding), funded,
                            unfunded_gap(self, i))


_bind(Unfunded,
      __init__=_unfunded_init,
      add=_unfunded_add,
      load=lambda self, path: unfunded_load(self, _os.fspath(path)),
      parse=lambda self, text, source="<string>": unfunded_parse(self, text, source),
      total=lambda self, committee=None: unfunded_total(self, committee),
      committees=property(lambda self: [CommitteeUnfunded(*unfunded_committee_at(self, i))
                                        for i in range(unfunded_committee_count(self))],
                          doc="Each committee once, in order, as CommitteeUnfunded values."),
      __len__=unfunded_count,
      __getitem__=_unfunded_item,
      __iter__=lambda self: iter([_unfunded_item(self, i) for i in range(unfunded_count(self))]),
      __repr__=lambda self: f"<Unfunded {unfunded_count(self)}>")
Unfunded.total.__doc__ = unfunded_total.__doc__


def _store_loaded(load, make):
    def loaded(self, year):
        obj = make()
        load(self, year, obj)
        return obj
    return loaded


_bind(Store,
      save_proposals=store_save_proposals,
      load_proposals=_doc(_store_loaded(store_load_proposals, Proposals),
                          "The Proposals the store holds for fiscal year `year` (none from an older store)."),
      save_unfunded=store_save_unfunded,
      load_unfunded=_doc(_store_loaded(store_load_unfunded, Unfunded),
                         "The Unfunded decisions the store holds for fiscal year `year`."),
      save_intcontrol=store_save_intcontrol,
      load_intcontrol=_doc(_store_loaded(store_load_intcontrol, IntControl),
                           "The IntControl (threshold, risks, plan, results) the store holds for fiscal year `year`."))

__all__ += ["ProposalsApplied", "AppliedProposal", "Funding", "UnfundedDecision", "CommitteeUnfunded", "Unfunded",
            "funding_name"]

# The investment budget (issue 19, investments.h): projects with amounts per plan year, apart
# from the operating budget.
InvestmentStatus = _enum.IntEnum("InvestmentStatus", {
    "PROPOSED": INVESTMENT_PROPOSED, "DECIDED": INVESTMENT_DECIDED, "IN_PROGRESS": INVESTMENT_IN_PROGRESS,
    "FINISHED": INVESTMENT_FINISHED}, module=__name__, qualname="InvestmentStatus")
InvestmentStatus.__doc__ = "Where an investment project stands: PROPOSED, DECIDED, IN_PROGRESS or FINISHED."
#: An investment project: code, name, unit (committee or unit code), category, status
#: (InvestmentStatus), first_year, amounts (a tuple of int öre, one per plan year from first_year),
#: spent and budget (int öre, or None when not known or not decided).
Investment = _collections.namedtuple("Investment", "code name unit category status first_year amounts spent budget",
                                     module=__name__)


def _investments_init(self):
    """Investments(): an empty investment budget (tertial_investments_new())."""
    _adopt(self, investments_new())


def _investments_add(self, code, unit, first_year, amounts, name="", category="", status=InvestmentStatus.PROPOSED,
                     spent=None, budget=None):
    """Add a project: amounts a sequence of int öre (or decimal.Decimal kronor), one per plan year
    from first_year; spent and budget the same or None (tertial_investments_add())."""
    investments_add(self, _Fields(code=code, name=name, unit=unit, category=category, status=int(status),
                                  first_year=first_year, amounts=list(amounts), spent=spent, budget=budget))


def _investment_item(self, index):
    code, name, unit, category, status, first, amounts, spent, budget = investments_at(
        self, _index(index, investments_count(self), "project"))
    return Investment(code, name, unit, category, InvestmentStatus(status), first, amounts, spent, budget)


def _investments_years(self):
    if not investments_count(self):
        return range(0)
    first, last = investments_span(self)
    return range(first, last + 1)


_bind(Investments,
      __init__=_investments_init,
      add=_investments_add,
      load=lambda self, path: investments_load(self, _os.fspath(path)),
      parse=lambda self, text, source="<string>": investments_parse(self, text, source),
      total=_doc(lambda self, year, unit=None, category=None: investments_total(self, year, unit, category),
                 "The sum of the projects' amounts (int öre) of calendar year `year`, of one unit and/or one "
                 "category (letter case ignored; None for all) (tertial_investments_total())."),
      remaining=_doc(lambda self, index, year: investments_remaining(
          self, _index(index, investments_count(self), "project"), year),
          "Project `index`'s decided total budget less its spent amount and its amounts from `year` on, int "
          "öre; negative beyond its frame (tertial_investments_remaining())."),
      years=property(_investments_years, doc="The plan years of any project, a range (empty for no projects)."),
      __len__=investments_count,
      __getitem__=_investment_item,
      __iter__=lambda self: iter([_investment_item(self, i) for i in range(investments_count(self))]),
      __repr__=lambda self: f"<Investments {investments_count(self)}>")

__all__ += ["InvestmentStatus", "Investment", "Investments", "investment_status_name"]
# The audit of printed tables (audit.h)
import decimal as _decimal  # noqa: E402 (the audit's printed values)

AuditMeaning = _enum.IntEnum("AuditMeaning", {
    "INFER": AUDIT_INFER, "OTHER": AUDIT_OTHER, "OUTCOME": AUDIT_OUTCOME, "BUDGET": AUDIT_BUDGET,
    "ANNUAL_BUDGET": AUDIT_ANNUAL_BUDGET, "DEVIATION": AUDIT_DEVIATION, "FORECAST": AUDIT_FORECAST,
    "FORECAST_DEVIATION": AUDIT_FORECAST_DEVIATION, "USED_PERCENT": AUDIT_USED_PERCENT, "REMAINING": AUDIT_REMAINING,
    "REASON_AMOUNT": AUDIT_REASON_AMOUNT, "IDENTIFIER": AUDIT_IDENTIFIER}, module=__name__, qualname="AuditMeaning")
AuditMeaning.__doc__ = "What a printed column holds (tertial_audit_meaning); INFER: from its header."
AuditClass = _enum.IntEnum("AuditClass", {"ROUNDING": AUDIT_ROUNDING, "SIGN": AUDIT_SIGN, "ERROR": AUDIT_ERROR},
                           module=__name__, qualname="AuditClass")
AuditClass.__doc__ = "The class of an audit finding: ROUNDING, SIGN or ERROR."
AuditRelation = _enum.IntEnum("AuditRelation", {
    "SUM": AUDIT_SUM, "DEVIATION": AUDIT_REL_DEVIATION, "FORECAST_DEVIATION": AUDIT_REL_FORECAST_DEVIATION,
    "USED_PERCENT": AUDIT_REL_USED_PERCENT, "REMAINING": AUDIT_REL_REMAINING, "SAME_ITEM": AUDIT_SAME_ITEM,
    "REASONS": AUDIT_REASONS}, module=__name__, qualname="AuditRelation")
AuditRelation.__doc__ = "Which relation an audit finding breaks."
_AUDIT_UNITS = {None: AUDIT_UNIT_UNKNOWN, "kr": AUDIT_KR, "tkr": AUDIT_TKR, "mnkr": AUDIT_MNKR, "%": AUDIT_PERCENT}

#: A relation of printed tables that does not hold (Audit.run()): where (table, line and column
#: indexes and names, the file position), the AuditRelation and AuditClass, the printed and the
#: expected value and their difference as decimal.Decimal in the printed decimals, and the
#: explanation in Swedish and English.
AuditFinding = _collections.namedtuple(
    "AuditFinding", "table line column table_name line_label column_header where relation cls printed expected "
    "difference explanation explanation_en", module=__name__)


def _audit_decimal(scaled, decimals):
    return _decimal.Decimal(scaled).scaleb(-decimals)


def _audit_finding(record):
    (table, line, column, table_name, line_label, column_header, where, relation, cls, printed, expected, difference,
     decimals, sv, en) = record
    return AuditFinding(table, line, column, table_name, line_label, column_header, where, AuditRelation(relation),
                        AuditClass(cls), _audit_decimal(printed, decimals), _audit_decimal(expected, decimals),
                        _audit_decimal(difference, decimals), sv, en)


def _audit_cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        raise TypeError("a printed value: expected str, int or decimal.Decimal, not float")
    return str(value)


def _audit_add_table(self, name, columns, lines, source=None, unit=None):
    """Add a printed table from Python lists (tertial_audit_table_add() and its kin): columns a
    list of headers, or of (header, AuditMeaning) pairs; lines a list of [label, cell, ...] with the
    cells as printed (str, int or decimal.Decimal; None for an empty cell); a label's leading
    spaces give its depth; unit 'kr', 'tkr' or 'mnkr' when the headers do not say. Returns the
    table's index."""
    table = audit_table_add(self, name, source)
    if unit is not None:
        audit_table_set_unit(self, table, _AUDIT_UNITS[unit])
    for column in columns:
        header, meaning = (column, AUDIT_INFER) if isinstance(column, str) else column
        audit_column_add(self, table, header, int(meaning), AUDIT_UNIT_UNKNOWN)
    for line in lines:
        audit_line_add(self, table, (str(line[0]),), [_audit_cell(c) for c in line[1:]])
    return table


def _audit_run(self):
    """Infer what the tables do not declare and check every relation (tertial_audit_run()):
    the findings as a list of AuditFinding."""
    audit_run(self)
    return self.findings


def _audit_value(text):
    """A printed number as the audit reads it: (Decimal or None, decimals, percent); None for an
    empty cell; a text that is no number (e.g. '#DIVISION/0!') raises ValueError."""
    kind, scaled, decimals, percent = audit_value_parse(text)
    if kind == AUDIT_EMPTY:
        return None, 0, False
    if kind == AUDIT_TEXT:
        raise ValueError(f"not a printed number: {text!r}")
    return _audit_decimal(scaled, decimals), decimals, bool(percent)


def _audit_init(self, *paths, spec=None, sheet=None):
    """Audit(*paths, spec=None, sheet=None): printed tables read from CSV, xlsx (every sheet, or
    the one named) or JSON files (Tertial's report or a plain table), with a spec (a file's path) declaring what inference cannot see."""
    _adopt(self, audit_new())
    if spec is not None:
        audit_spec_file(self, _os.fspath(spec))
    for path in paths:
        audit_read_file(self, _os.fspath(path), sheet)


_bind(Audit,
      __init__=_audit_init,
      __len__=lambda self: audit_table_count(self),
      __repr__=lambda self: f"<Audit tables={audit_table_count(self)} findings={audit_finding_count(self)}>",
      read=lambda self, path, sheet=None: audit_read_file(self, _os.fspath(path), sheet),
      read_csv=lambda self, data, source="<string>": audit_read_csv(self, data, source),
      read_json=lambda self, data, source="<string>": audit_read_json(self, data, source),
      spec=lambda self, text, source="<string>": audit_spec_parse(self, text, source),
      spec_file=lambda self, path: audit_spec_file(self, _os.fspath(path)),
      add_table=_audit_add_table,
      set_sign=lambda self, table, column, sign: audit_column_set_sign(self, table, column, int(sign)),
      run=_audit_run,
      findings=property(lambda self: [_audit_finding(audit_finding_at(self, i))
                                      for i in range(audit_finding_count(self))],
                        doc="The last run's findings, as AuditFinding values."),
      assumptions=property(lambda self: [audit_assumption_at(self, i) for i in range(audit_assumption_count(self))],
                           doc="What the last run assumed, one sentence each."),
      checked=property(audit_checked_count, doc="How many relations the last run checked."),
      tables=property(lambda self: [audit_table_name(self, i) for i in range(audit_table_count(self))],
                      doc="The tables' names."),
      line_count=lambda self, table: audit_line_count(self, table),
      meaning=lambda self, table, column: None if audit_column_meaning(self, table, column) is None
      else AuditMeaning(audit_column_meaning(self, table, column)),
      to_text=lambda self: audit_format(self, 0),
      to_json=lambda self: _json.loads(audit_format(self, 1)),
      value=staticmethod(_audit_value),
      class_name=staticmethod(lambda cls: audit_class_name(int(cls))),
      meaning_name=staticmethod(lambda meaning: audit_meaning_name(int(meaning))))


def audit_files(*paths, spec=None, sheet=None):
    """Audit the printed tables of CSV or xlsx files as one report: an Audit that has run (its
    findings, assumptions and checked count)."""
    a = Audit(*paths, spec=spec, sheet=sheet)
    a.run()
    return a


__all__ += ["Audit", "AuditFinding", "AuditMeaning", "AuditClass", "AuditRelation", "audit_files"]


def _report_add_audit_findings(self, audit=None):
    """Add audit findings to the report's Kontroll av rapporten (its "findings" section, made as the
    report's last when it has none), one line each: "Granskning: TABLE rad LINE kolumn COLUMN:
    tryckt X, väntat Y (avrundning|tecken|fel)". Without an audit, the report's own printed figures
    are audited (tertial_report_add_audit_findings()); with one that has run, its findings are added
    (tertial_report_add_audit_findings_of()). Returns the number of lines added. Call it once,
    before rendering: each call adds the findings again."""
    if audit is None:
        return report_add_audit_findings(self)
    return report_add_audit_findings_of(self, audit)


_bind(Report, add_audit_findings=_report_add_audit_findings)


def _report_add_priorities(self, proposals, rule=None):
    """Add the section Prioriteringar (key "priorities") to the report and its child reports: the
    Proposals of each report's subtree (their unit or owner names a unit of it; all of them in the
    municipality's report) ranked among themselves by the PriorityRule (None: the default rule),
    best first, with rank, code, kind, measure, owner, unit, cost (int öre a year), difficulty,
    benefit, cost-effectiveness and status. A report with none gets no section; calling again
    replaces the section (tertial_report_add_priorities())."""
    report_add_priorities(self, proposals, rule)


def _report_add_intcontrol(self, intcontrol):
    """Add the section Intern kontroll (key "intcontrol") to the report and its child reports: the
    controls of the IntControl whose risk's committee is of the report's subtree, each with its
    risk, risk value, activity, responsible, reporting point and its result, deviations and
    measures at the report's follow-up point ("ej rapporterad" when it has none there). Calling
    again replaces the section (tertial_report_add_intcontrol())."""
    report_add_intcontrol(self, intcontrol)


def _report_add_unfunded(self, unfunded):
    """Add the section Ofinansierade beslut (key "unfunded") to the report and its child reports:
    the Unfunded decisions of the committees of the report's subtree with date, body, description,
    cost, funded amount and unfunded part (int öre a year) and a Summa line of the three amounts.
    Calling again replaces the section, a list with nothing of the subtree removes it: take
    ReportSection objects again after a call (tertial_report_add_unfunded())."""
    report_add_unfunded(self, unfunded)


_bind(Report, add_priorities=_report_add_priorities, add_intcontrol=_report_add_intcontrol,
      add_unfunded=_report_add_unfunded)


# Issue 19: the investment budget and the annual wheel in the store (store_plan.h, schema 12), and
# Investeringar in the report (report_plan.h).
def _report_add_investments(self, investments):
    """Add the section Investeringar (key "investments") to the report and its child reports: the
    projects of the Investments whose unit is of the report's subtree, each with code, name, unit,
    category, status, year_budget (the report's fiscal year), total (all plan years), frame (the
    decided total), spent and remaining (int öre; the last three empty when the project has none),
    and a Summa line ("Total" in English) of each amount column. A report with none of its subtree
    gets no section; calling again replaces it: take ReportSection objects again after a call
    (tertial_report_add_investments())."""
    report_add_investments(self, investments)


def _store_load_wheel(self, name=None):
    """The Wheel the store keeps under `name`, or the one saved last for None; NotFoundError when
    it has none (tertial_store_load_wheel())."""
    return store_load_wheel(self, name)


_bind(Report, add_investments=_report_add_investments)
_bind(Store,
      save_investments=_doc(lambda self, year, investments: store_save_investments(self, year, investments),
                            "Keep the Investments as the investment budget of fiscal year `year`, replacing the "
                            "year's (tertial_store_save_investments())."),
      load_investments=_doc(_store_loaded(store_load_investments, Investments),
                            "The Investments the store holds for fiscal year `year` (none from an older store)."),
      save_wheel=_doc(lambda self, name, wheel: store_save_wheel(self, name, wheel),
                      "Keep the Wheel under `name`, replacing the store's wheel of that name; it is then the "
                      "one saved last (tertial_store_save_wheel())."),
      load_wheel=_store_load_wheel)
# Internal control followed up through the round (issue 19, round_control.h)
#: Who reported a control's result at a point through the round: version (0: not reported
#: through the round), person and on_behalf_of (Person or None), when (datetime UTC or None).
ControlReport = _collections.namedtuple("ControlReport", "version person on_behalf_of when", module=__name__)


def _round_control_unit(self, control):
    """The Unit a control is reported for: its risk's committee (a unit's code or name)."""
    return Unit(_round_org(self), round_control_unit(self, control))


def _round_control_report(self, control, point):
    """Who reported control's result at point through the round, as a ControlReport."""
    version, person, on_behalf_of, when = round_control_report(self, control, point)
    return ControlReport(version, _round_person_or_none(self, person), _round_person_or_none(self, on_behalf_of),
                         _utc(when) if version else None)


def _acting_report_control(self, point, control, result, deviations=0, measures=None, version=0):
    """Report a control's result at a point as the person, through the round's gate (a manager or
    head of the control's unit or above it; the lock; the unit's status), against the version read
    (0: not reported yet; ANY_VERSION: no check). Returns the new version; ConflictError when it was
    reported since."""
    return round_control_result_set_as(self.round, self._actor, point, control, result, deviations, measures, version)


_bind(Round, intcontrol=property(round_intcontrol, doc="The round's IntControl: the year's risk analysis, control "
                                 "plan and results (owned by the round; loaded with the year from a store)."),
      control_unit=_round_control_unit, control_report=_round_control_report)
Acting.report_control = _acting_report_control
__all__ += ["ControlReport"]


# Budget preparation (issue 19, frames.h): the chain preliminary frame -> MoR -> finansplan, the
# opposition's alternative, frame updates as explained lines.
FrameLineKind = _int_enum("FrameLineKind", "FRAME_", "What a frame update line is (tertial_frame_line_kind): "
                          "INDEXATION (pris- och löneuppräkning), VOLUME (volymförändring), AMOUNT (belopp).",
                          skip=("FRAME_MAX_RATE",))
FrameLine = _collections.namedtuple("FrameLine", "unit account kind rate persons per_person amount group text base change",
                                    module=__name__)
FrameLine.__doc__ = ("A frame update line (tertial_frame_line): unit and account codes, kind (FrameLineKind), rate "
                     "(basis points), persons, per_person and amount (int öre), group, text; base and change (int "
                     "öre) as the last apply() set them.")


def _budget_chain(self, measure):
    """The BudgetChain of version `measure`: the versions it was revised from, itself and those that
    continue it, stage by stage (tertial_budget_chain_of())."""
    return budget_chain_of(self, measure)


_bind(BudgetChain,
      __len__=budget_chain_count,
      __getitem__=lambda self, i: budget_chain_at(self, _index(i, budget_chain_count(self), "stage")),
      __iter__=lambda self: iter([budget_chain_at(self, i) for i in range(budget_chain_count(self))]),
      __repr__=lambda self: f"<BudgetChain {[v.name for v in self]}>")
_bind(Model, budget_chain=_budget_chain)


def _frame_line(self, index):
    line = frame_update_at(self, _index(index, frame_update_count(self), "line"))
    return FrameLine(*line[:2], FrameLineKind(line[2]), *line[3:])


def _frame_update_init(self):
    """FrameUpdate(): an empty frame update (tertial_frame_update_new())."""
    _adopt(self, frame_update_new())


def _frame_update_add_line(self, unit, account, kind, rate=0, persons=0, per_person=0, amount=0, group="", text=""):
    """Add a line: kind a FrameLineKind; rate in basis points (280 for 2,80 %) for INDEXATION,
    persons and per_person (int öre a year) for VOLUME, amount (int öre a year) for AMOUNT
    (tertial_frame_update_add())."""
    _frame_update_add(self, unit, account, int(kind), rate, persons, per_person, amount, group, text)


def _frame_update_apply(self, model, from_measure, name, options=None, **fields):
    """Revise version `from_measure` into a new version with each line's amount added, computed from
    `from_measure` (its base and change set in the lines); BudgetOptions fields as keywords or
    options= (None: the kind of `from_measure`). Returns the new measure
    (tertial_frame_update_apply())."""
    return frame_update_apply(model, from_measure, name, _budget_options(options, fields), self)


_bind(FrameUpdate,
      __init__=_frame_update_init,
      add=_frame_update_add_line,
      load=lambda self, path: frame_update_load(self, _os.fspath(path)),
      parse=lambda self, text, source="<string>": frame_update_parse(self, text, source),
      apply=_frame_update_apply,
      total=_doc(lambda self, unit=None: frame_update_total(self, unit),
                 "The sum of the lines' changes (int öre) after apply(), of one unit code or all "
                 "(tertial_frame_update_total())."),
      __len__=frame_update_count,
      __getitem__=_frame_line,
      __iter__=lambda self: iter([_frame_line(self, i) for i in range(frame_update_count(self))]),
      __repr__=lambda self: f"<FrameUpdate {frame_update_count(self)} lines>")

__all__ += ["FrameLineKind", "FrameLine", "FrameUpdate", "BudgetChain", "budget_kind_name", "budget_kind_parse",
            "FRAME_MAX_RATE"]


# Issue 19: the lines of an applied frame update kept in the store (store_plan.h, schema 14) and
# Ramförändringar in the report (report_plan.h).
def _store_load_frame_lines(self, year, measure):
    """A FrameUpdate with the lines the store keeps for budget version `measure` of fiscal year
    `year`, each with its base and change as applied (empty for a version made without an update,
    or from an older store) (tertial_store_load_frame_lines())."""
    lines = FrameUpdate()
    store_load_frame_lines(self, year, measure, lines)
    return lines


def _report_add_frame_changes(self, lines):
    """Add the section Ramförändringar (key "frame-changes", "Frame changes" in English) to the
    report and its child reports: the lines of the applied FrameUpdate whose unit is of the
    report's subtree, each with unit, kind, account, text, basis ("2,50 %", "+35 × 142 000 kr
    (1–5 år)"), base (int öre, indexation lines only) and change (int öre), and a Summa line
    ("Total") of the bases and changes. A report with none of its subtree gets no section; calling
    again replaces it: take ReportSection objects again after a call
    (tertial_report_add_frame_changes())."""
    report_add_frame_changes(self, lines)


_bind(Store,
      save_frame_lines=_doc(lambda self, year, measure, version, lines: store_save_frame_lines(
          self, year, measure, version, lines),
          "Keep the lines of the FrameUpdate applied to make budget version `measure` (named `version`) "
          "of fiscal year `year`, with their base and change, replacing that version's "
          "(tertial_store_save_frame_lines())."),
      load_frame_lines=_store_load_frame_lines,
      save_with_frame_lines=_doc(lambda self, model, measure, version, lines: store_save_with_frame_lines(
          self, model, measure, version, lines),
          "Save `model` and keep the lines of the FrameUpdate applied to make its budget version "
          "`measure` (named `version`), in one transaction: both or neither "
          "(tertial_store_save_with_frame_lines())."))
_bind(Report, add_frame_changes=_report_add_frame_changes)

# ---- docstrings for Python users ----
#
# The wrapped functions carry their C header's Doxygen text (swig -doxygen): out-parameters, NULL,
# "0, ::TERTIAL_ERR_NOT_FOUND, ..." return codes. Here each becomes what a Python caller sees:
# out-parameters are what the call returns, NULL is None, a status return is the exceptions the
# call raises, and the library's constants lose their C prefix.

import re as _re

_ERROR_CLASSES = {
    "INVALID": "InvalidArgumentError", "NOMEM": "NoMemoryError", "OVERFLOW": "MoneyOverflowError",
    "PARSE": "ParseError", "NOT_FOUND": "NotFoundError", "EXISTS": "ExistsError", "RANGE": "RangeError",
    "IO": "TertialIOError", "STATE": "StateError", "BUFFER": "BufferTooSmallError",
    "CANCELLED": "CancelledError", "CONFLICT": "ConflictError", "NOT_PERMITTED": "NotPermittedError",
}
_C_TYPES = {"string": "str", "int": "int", "float": "float", "boolean": "bool"}
_FIELD = _re.compile(r":(type|param|rtype|return)\b")


def _python_text(text):
    """C notation in running text as Python: NULL, ::TERTIAL_X, @p name, error codes."""
    text = _re.sub(r"::TERTIAL_ERR_([A-Z_]+)", lambda m: _ERROR_CLASSES.get(m.group(1), m.group(0)), text)
    text = _re.sub(r"::TERTIAL_NO_UNIT\b", "None", text)
    text = _re.sub(r"::TERTIAL_([A-Z0-9_]+)", r"\1", text)
    text = _re.sub(r"::(tertial_\w+)", r"\1", text)
    text = _re.sub(r"\bNULL\b", "None", text)
    return _re.sub(r"[@\\][pc] (\w+)", r"\1", text)


def _raises(returns):
    """The exceptions a status return's text names, with what it says of each."""
    out = []
    for m in _re.finditer(r"::TERTIAL_ERR_([A-Z_]+)(\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\))?", returns):
        name = _ERROR_CLASSES.get(m.group(1))
        if name and name not in [n for n, _ in out]:
            out.append((name, _python_text(m.group(3) or "").strip()))
    return out


def _python_doc(doc):
    """A C header's docstring as a Python user reads it (unchanged when it has no C notation)."""
    if not doc or not (_FIELD.search(doc) or "::" in doc or "NULL" in doc):
        return doc
    head, fields = [], []
    doc = _re.sub(r"(\S)[ \t]+(:(?:type|param|rtype|return)\b)", "\\1\n\\2", doc)
    for line in doc.strip("\n").splitlines():
        s = line.strip()
        if _FIELD.match(s):
            fields.append([s])
        elif fields:
            if s:
                fields[-1].append(s)
        else:
            head.append(line)
    types, params, returned, returns, rtype = {}, [], [], None, None
    for f in fields:
        text = " ".join(f)
        m = _re.match(r":(type|param) (\w+):\s*(.*)", text)
        if m:
            kind, name, rest = m.groups()
            if name == "out" or name.startswith("out_"):  # an out-parameter: what the call returns
                if kind == "param":
                    returned.append(_re.sub(r"\s*\(may be NULL\)", "", _re.sub(r"^(receives|gets|is set to)\s+", "", rest)))
            elif kind == "type":
                types[name] = _C_TYPES.get(rest.split()[0] if rest else "", rest)
            else:
                params.append((name, rest))
            continue
        m = _re.match(r":rtype:\s*(.*)", text)
        if m:
            rtype = m.group(1)
            continue
        m = _re.match(r":return:\s*(.*)", text)
        if m:
            returns = m.group(1)
    lines = [_python_text(line) for line in head]
    while lines and not lines[-1].strip():
        lines.pop()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    lines = [line[indent:] for line in lines]
    if params or returned or returns:
        lines.append("")
    for name, rest in params:
        lines.append(f":param {name}: {_python_text(rest)}".rstrip())
        if name in types:
            lines.append(f":type {name}: {types[name]}")
    status = returns is not None and _re.match(r"0\b|\s*::TERTIAL_ERR", returns) is not None
    if returned:
        lines.append(":return: " + "; ".join(_python_text(r) for r in returned))
    elif returns is not None and not status:
        lines.append(":return: " + _python_text(returns))
        if rtype and rtype != "int":
            lines.append(f":rtype: {_C_TYPES.get(rtype, rtype)}")
    if returns is not None:
        for name, why in _raises(returns):
            lines.append(f":raises {name}: {why}".rstrip(": ") if why else f":raises {name}:")
    return "\n".join(lines) + "\n"


def _python_docs(namespace):
    """Rewrite the docstrings of the wrapped functions, and of the classes' methods and
    properties that share them, once."""
    seen = set()

    def fix(obj):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        try:
            doc = obj.__doc__
            new = _python_doc(doc)
            if new is not doc:
                obj.__doc__ = new
        except (AttributeError, TypeError):
            pass  # a built-in's docstring cannot be set

    for key, value in list(namespace.items()):
        if type(value).__name__ == "builtin_function_or_method" and _python_doc(value.__doc__) is not value.__doc__:
            # a built-in's docstring cannot be set: a function that calls it carries the new one
            def call(*args, _f=value, **kwargs):
                return _f(*args, **kwargs)
            call.__name__ = call.__qualname__ = key
            call.__doc__ = _python_doc(value.__doc__)
            namespace[key] = call
        elif isinstance(value, type):
            for member in list(vars(value).values()):
                if isinstance(member, property):
                    fix(member)
                elif isinstance(member, (staticmethod, classmethod)):
                    fix(member.__func__)
                elif callable(member):
                    fix(member)
        elif callable(value):
            fix(value)


_python_docs(globals())
