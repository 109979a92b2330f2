# The Pythonic layer of tertial.core, appended to the module by tertial.i (%pythoncode).
# It takes the 1:1 functions above as methods, and adds iteration, context managers,
# __repr__, defaults and the enums. No computation happens here: every figure comes from
# the library.
import csv as _csv
import enum as _enum
import operator as _operator
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

FollowupPoint = _tertial.FollowupPoint
ReportRow = _tertial.ReportRow
FollowupRow = _tertial.FollowupRow
Finding = _tertial.Finding
#: The field names of FollowupRow, in order (the columns of rows() and to_dataframe()).
FOLLOWUP_FIELDS = FollowupRow.__match_args__


def _int_enum(name, prefix, doc, skip=(), extra=None):
    """An IntEnum of the module constants PREFIX_* (the C enum), so it never drifts."""
    members = dict(extra or {})
    for key, value in list(globals().items()):
        if key.startswith(prefix) and key not in skip and isinstance(value, int):
            members[key[len(prefix):]] = value
    cls = _enum.IntEnum(name, members, module=__name__, qualname=name)
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
_set_enums({cls.__name__: cls for cls in
            (ErrorCode, AccountType, RowKind, Column, View, LineKind, FindingKind, Severity)})


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
    name = property(lambda self: self._record()[1], doc="Display name.")
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
    name = property(lambda self: self._record()[1], doc="Account name.")
    type = property(lambda self: self._record()[2], doc="AccountType.")
    internal = property(lambda self: self._record()[3],
                        lambda self, internal: chart_set_internal(self.chart, self.id, internal),
                        doc="Whether the account is internal; assigning calls chart_set_internal().")

    def __repr__(self):
        number, name, type, internal = self._record()
        return f"<Account {number} {name!r} {type.name}{' internal' if internal else ''}>"


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


def _ledger_load_csv(self, path, delimiter=";", header=False, encoding="utf-8"):
    """Load a CSV file of rows unit;account;month;measure;amount (amount in kronor as text,
    "-1 243,50" or "-1243.50"; measure an id or a name) with one Ledger.load() call.
    header=True skips the first line. Returns the number of rows added."""
    def rows(reader):
        for fields in reader:
            if len(fields) != 5:
                raise ValueError(f"{path}:{reader.line_num}: expected 5 fields, found {len(fields)}")
            unit, account, month, measure, amount = fields
            yield (unit, account, int(month), int(measure) if measure.strip().isdigit() else measure, amount)

    with open(path, newline="", encoding=encoding) as f:
        reader = _csv.reader(f, delimiter=delimiter)
        if header:
            next(reader, None)
        return _ledger_load(self, rows(reader))


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
    (org, ledger, unit, table, ...) is gone; the Model itself can no longer be used."""
    self.__dict__.pop("this", None)


def _model_set_rowmap(self, rowmap):
    if not isinstance(rowmap, RowMap):
        raise TypeError(f"expected a RowMap, not {type(rowmap).__name__}")
    if not rowmap.thisown:
        raise ValueError("this RowMap belongs to a model; give the model a RowMap of your own "
                         "(RowMap.parse(str(rowmap)) copies one)")
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


def _table_to_dataframe(self, kronor=False):
    """All lines as a pandas DataFrame (pandas is optional: ImportError without it)."""
    import pandas
    return pandas.DataFrame(_followup_rows(self, kronor), columns=list(FOLLOWUP_FIELDS))


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
      to_dataframe=_table_to_dataframe,
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


__all__ = [
    # classes
    "Model", "Org", "OrgIter", "Unit", "Calendar", "FiscalYear", "Chart", "Account", "RowMap", "Ledger",
    "FollowupTable", "FollowupOptions", "TextOptions", "Findings",
    # values
    "FollowupPoint", "ReportRow", "FollowupRow", "Finding", "FOLLOWUP_FIELDS",
    # enums and constants
    "ErrorCode", "MoneyStyle", "MoneyUnit", "AccountType", "RowKind", "Column", "View", "LineKind",
    "FindingKind", "Severity", "MEASURE_OUTCOME", "MEASURE_PRIOR", "NO_UNIT", "ALL_ACCOUNTS",
    "ORE_PER_KR", "ORE_PER_TKR", "ORE_PER_MKR",
    # errors
    "TertialError", "InvalidArgumentError", "NoMemoryError", "MoneyOverflowError", "ParseError",
    "NotFoundError", "ExistsError", "RangeError", "TertialIOError", "StateError", "BufferTooSmallError",
    # functions
    "version", "error_last", "error_last_code", "error_clear", "strerror",
    "ore", "kronor", "money_add", "money_sub", "money_mul", "money_scale", "money_parse", "money_round",
    "money_format", "money_round_vector", "period_make", "days_in_month", "account_type_guess",
    "column_header", "finding_kind_name", "render_text",
]
