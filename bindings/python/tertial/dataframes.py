# DataFrames both ways, appended to tertial.core after pythonic.py (tertial.i). pandas is an
# optional dependency, imported when a DataFrame is asked for. Amounts never pass through a
# float sum: floats in are rounded to öre from their decimal text, floats out are one division
# of the exact öre by 100.
import decimal as _decimal
import re as _re
import io as _io
import numbers as _numbers

_AMOUNTS = ("kronor", "ore", "decimal")
_HEADERS = ("keys", "sv", "en")
_FACT_FIELDS = ("unit", "account", "month", "measure", "amount")


def _pandas(what):
    try:
        import pandas
    except ImportError as e:
        raise ImportError(f"{what} needs pandas (Debian: apt-get install python3-pandas; "
                          f"pip: pip install 'tertial[dataframes]')") from e
    return pandas


def _choice_of(name, value, choices):
    if value not in choices:
        raise ValueError(f"{name}: expected one of {', '.join(map(repr, choices))}, not {value!r}")
    return value


# Out: follow-up tables and report sections.
def _amount_column(pandas, values, amounts):
    """A column of int öre (None when empty) as int64/Int64 öre, float64 kronor or Decimal kronor."""
    if amounts == "decimal":
        return pandas.Series([None if v is None else kronor(v) for v in values], dtype=object)
    if amounts == "kronor":
        # one correctly rounded division of an exact integer: the double nearest the kronor amount
        return pandas.Series([float("nan") if v is None else v for v in values], dtype="float64") / 100
    return pandas.Series(values, dtype="Int64" if None in values else "int64")


def _share_column(pandas, values, amounts):
    """Förbrukat % (Decimal percents, None when undefined): float64 or, for 'decimal', Decimal."""
    if amounts == "decimal":
        return pandas.Series(values, dtype=object)
    return pandas.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")


def _other_column(pandas, values):
    """Text, dates and enums as objects; plain ints as int64 (Int64 with gaps); flags as bool."""
    present = [v for v in values if v is not None]
    if present and len(present) == len(values) and all(type(v) is bool for v in present):
        return pandas.Series(values, dtype=bool)
    if present and all(type(v) is int for v in present):
        return pandas.Series(values, dtype="Int64" if len(present) < len(values) else "int64")
    return pandas.Series(values, dtype=object)


def _frame(pandas, rows, columns, amounts):
    """columns: (name, kind) with kind 'amount', 'share' or None; rows: tuples in that order."""
    data = {}
    for i, (name, kind) in enumerate(columns):
        values = [row[i] for row in rows]
        if kind == "amount":
            data[name] = _amount_column(pandas, values, amounts)
        elif kind == "share":
            data[name] = _share_column(pandas, values, amounts)
        else:
            data[name] = _other_column(pandas, values)
    return pandas.DataFrame(data, columns=[name for name, _ in columns])


def _amounts_of(amounts, kronor):
    if kronor is not None:  # the keyword of the first version: Decimal kronor or int öre
        if amounts is not None:
            raise TypeError("give amounts= or kronor=, not both")
        return "decimal" if kronor else "ore"
    return _choice_of("amounts", "ore" if amounts is None else amounts, _AMOUNTS)


def _table_to_dataframe(self, amounts=None, headers="keys", kronor=None):
    """All lines as a pandas DataFrame with real dtypes (pandas is optional: ImportError without it).

    amounts: 'ore' (default): int64 öre (Int64 where a column has empty cells); 'kronor': float64
    kronor, what a spreadsheet wants (df.to_excel() writes numbers); 'decimal': Decimal kronor
    (object). Förbrukat % is a float64 percent (a Decimal for 'decimal'); empty is NaN/<NA>/None.
    headers: 'keys' (default): every field of FollowupRow by its key (FOLLOWUP_FIELDS);
    'sv' or 'en': the table as shown, the code, the label and the eight columns under their
    Swedish or English headers (column_header())."""
    pandas = _pandas("FollowupTable.to_dataframe()")
    amounts = _amounts_of(amounts, kronor)
    _choice_of("headers", headers, _HEADERS)
    rows = _followup_rows(self, False)
    money = {c.name.lower(): ("share" if c == Column.SHARE_USED else "amount") for c in Column}
    if headers == "keys":
        return _frame(pandas, rows, [(f, money.get(f)) for f in FOLLOWUP_FIELDS], amounts)
    english = headers == "en"
    index = {f: i for i, f in enumerate(FOLLOWUP_FIELDS)}
    shown = ["code", "label"] + [c.name.lower() for c in Column]
    names = ["Code" if english else "Kod", "Name" if english else "Benämning"] + \
        [column_header(c, english) for c in Column]
    return _frame(pandas, [tuple(row[index[f]] for f in shown) for row in rows],
                  [(n, money.get(f)) for n, f in zip(names, shown)], amounts)


def _section_to_dataframe(self, amounts=None, headers="keys", kronor=None):
    """All lines as a pandas DataFrame with real dtypes (pandas is optional: ImportError without it).

    amounts as FollowupTable.to_dataframe(): 'ore' (default, int64/Int64), 'kronor' (float64, for
    df.to_excel()) or 'decimal' (Decimal kronor); shares are float64 percents (Decimal for
    'decimal'), dates datetime.date, text str. headers: 'keys' (default): the line's structure
    (REPORT_LINE_FIELDS) and a column per key, as to_dicts(); 'sv' or 'en': the section's columns
    under their headers, as the report shows them (the report's language: 'sv' for a Swedish
    report, 'en' for one made with english=True)."""
    pandas = _pandas("ReportSection.to_dataframe()")
    amounts = _amounts_of(amounts, kronor)
    _choice_of("headers", headers, _HEADERS)
    columns = _section_columns(self)
    kinds = [{ReportType.AMOUNT: "amount", ReportType.SHARE: "share"}.get(c.type) for c in columns]
    rows = _report_rows(self, False)
    if headers == "keys":
        lines = _section_lines(self)
        return _frame(pandas, [tuple(line) + tuple(row) for line, row in zip(lines, rows)],
                      [(f, None) for f in REPORT_LINE_FIELDS] + list(zip([c.key for c in columns], kinds)), amounts)
    if self.english != (headers == "en"):
        raise ValueError(f"headers={headers!r}: the report is in {'English' if self.english else 'Swedish'} "
                         f"(headers={'en' if self.english else 'sv'!r}, or make the report with "
                         f"english={not self.english})")
    return _frame(pandas, rows, list(zip([c.header for c in columns], kinds)), amounts)


_bind(FollowupTable, to_dataframe=_table_to_dataframe)
_bind(ReportSection, to_dataframe=_section_to_dataframe)


# In: facts from a DataFrame.
def _is_missing(value):
    if value is None or type(value).__name__ in ("NAType", "NaTType"):  # pandas.NA, pandas.NaT
        return True
    return isinstance(value, (float, _decimal.Decimal)) and value != value  # NaN


def _amount_in(value, whole_kronor):
    """One amount of an object column as the column loader takes it: int öre (whole kronor times
    100), or a float, Decimal or text in kronor, which the loader reads exactly."""
    if isinstance(value, bool):
        raise TypeError(f"{value!r} is not an amount")
    if isinstance(value, _numbers.Integral):
        return int(value) * 100 if whole_kronor else int(value)
    return value


def _month_in(value, fy):
    """A fiscal month index (0..11) from a calendar month 1-12, a period yyyymm, text 'yyyy-mm',
    'yyyymm' or '3', or anything with year and month (datetime.date, pandas Timestamp and Period)."""
    if hasattr(value, "year") and hasattr(value, "month"):
        return fiscal_year_index(fy, value.year * 100 + value.month)
    if isinstance(value, bool):
        raise TypeError("not a month")
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
            return fiscal_year_index(fy, int(text[:4]) * 100 + int(text[5:]))
        if not text.isdigit():
            raise ValueError("not a month")
        value = int(text)
    if isinstance(value, _numbers.Real) and not isinstance(value, _numbers.Integral):
        if not float(value).is_integer():
            raise ValueError("not a month")
        value = int(value)
    value = _operator.index(value)
    if 1 <= value <= 12:  # a calendar month of the fiscal year
        year = fy.first_year if value >= fy.start_month else fy.first_year + 1
        return fiscal_year_index(fy, year * 100 + value)
    return fiscal_year_index(fy, value)


def _fact_columns(df, columns, measure):
    names = dict(zip(_FACT_FIELDS, _FACT_FIELDS))
    if "month" not in df.columns and "period" in df.columns:
        names["month"] = "period"
    names.update(columns or {})
    unknown = set(columns or {}) - set(_FACT_FIELDS)
    if unknown:
        raise ValueError(f"columns: unknown field(s) {sorted(unknown)}; the fields are {', '.join(_FACT_FIELDS)}")
    needed = [f for f in _FACT_FIELDS if not (f == "measure" and measure is not None)]
    missing = [f"{names[f]!r}" for f in needed if names[f] not in df.columns]
    if missing:
        raise ValueError(f"the DataFrame has no column {', '.join(missing)} (it has {', '.join(map(repr, df.columns))}); "
                         f"name the columns with columns={{'unit': ..., 'account': ..., 'month': ..., "
                         f"'measure': ..., 'amount': ...}}" + (" or give measure=" if "measure" in needed else ""))
    return names


def _column_error(exc, df, name, position, value, expected):
    label = df.index[position]
    return type(exc)(f"DataFrame row {label!r} (position {position}), column {name!r}: expected {expected}, "
                     f"found {value!r} ({exc})")


def _months(df, name, fy):
    """The fiscal month of each row, converting each distinct value once."""
    values = df[name].tolist()
    seen = {}
    out = []
    for position, v in enumerate(values):
        try:
            if _is_missing(v):
                raise ValueError("empty")
            key = (type(v), v)
            index = seen.get(key)
            if index is None:
                index = seen[key] = _month_in(v, fy)
        except (TypeError, ValueError, OverflowError) as e:
            raise _column_error(e if isinstance(e, ValueError) else ValueError(str(e)), df, name, position, v,
                                f"a month of the fiscal year {fy} (1-12, yyyy-mm or a period yyyymm)") from None
        out.append(index)
    return out


def _amounts(df, name, whole_kronor):
    """The amount column for the loader: an int64 (öre) or float64 (kronor) column as its array,
    read in place; other columns checked here value by value."""
    column = df[name]
    if column.dtype.kind == "f" or (column.dtype.kind in "iu" and not whole_kronor):
        return column.to_numpy()
    out = []
    for position, v in enumerate(column.tolist()):
        try:
            if _is_missing(v):
                raise ValueError("empty")
            out.append(_amount_in(v, whole_kronor))
        except (TypeError, ValueError) as e:
            raise _column_error(e, df, name, position, v,
                                "an amount (int öre, Decimal or float kronor, or text in kronor)") from None
    return out


_LOADER_ROW = _re.compile(r"row (\d+): (?:(units|accounts|months|measures|amounts|amount): )?(.*)", _re.S)
_LOADER_FIELDS = {"units": "unit", "accounts": "account", "months": "month", "measures": "measure",
                  "amounts": "amount", "amount": "amount"}


def _relabel(exc, df, names):
    """The loader's "row N: ..." as "DataFrame row LABEL (position N), column 'C': ..."."""
    match = _LOADER_ROW.match(str(exc))
    if not match:
        return exc
    position, field, rest = int(match.group(1)), match.group(2), match.group(3)
    where = f"DataFrame row {df.index[position]!r} (position {position})"
    if field:
        where += f", column {names[_LOADER_FIELDS[field]]!r}"
    new = type(exc)(f"{where}: {rest}")
    if hasattr(exc, "code"):  # a TertialError keeps its code
        new.code, new.message = exc.code, str(new)
    return new


def _model_load_dataframe(self, df, columns=None, measure=None, amounts=None):
    """Load the facts of a pandas DataFrame into the model's ledger, all or nothing (one
    Ledger.load_columns() call; an error names the row and column and changes nothing).

    A row per fact, columns (rename them with columns={'unit': 'Enhet', ...}):
    unit (a unit's code), account (an account number; int codes are taken as text), month (a
    calendar month 1-12 of the fiscal year, a period yyyymm, 'yyyy-mm', or a date, Timestamp or
    Period; a column 'period' serves when there is no 'month'), measure (a measure id or name, e.g.
    MEASURE_OUTCOME or 'Budget'; measure= gives one for every row instead of a column) and amount:
    a Decimal in kronor, an int in öre (amounts='kronor': whole kronor), a float in kronor rounded
    to öre from its decimal text (10000.0, 1243.5; never summed as floats), or text in kronor
    ("-1 243,50"). Amounts add to what the ledger holds. Returns the number of rows loaded."""
    _choice_of("amounts", amounts, (None, "ore", "kronor"))
    if not hasattr(df, "columns") or not hasattr(df, "index"):
        raise TypeError(f"expected a pandas DataFrame, not {type(df).__name__}")
    names = _fact_columns(df, columns, measure)
    fy = model_fiscal_year(self)
    months = _months(df, names["month"], fy)
    values = _amounts(df, names["amount"], amounts == "kronor")
    measures = measure if measure is not None else _column_of(df[names["measure"]])
    try:
        return _ledger_load_columns(model_ledger(self), _column_of(df[names["unit"]]),
                                    _column_of(df[names["account"]]), months, measures, values)
    except (TertialError, ValueError, TypeError, OverflowError, LookupError) as e:
        raise _relabel(e, df, names) from None


def _text_table(df):
    """A small DataFrame (organisation, accounts) as CSV bytes for the importer: empty cells
    empty, whole floats (a level column with gaps) as integers."""
    def cell(v):
        if _is_missing(v):
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)
    out = _io.StringIO()
    writer = _csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([str(c) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        writer.writerow([cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def _model_from_dataframe(facts=None, year=None, start_month=1, organisation=None, accounts=None, **load):
    """A new Model of the fiscal year starting in start_month of year, built from DataFrames:
    organisation (columns as `tertial import --kind organisation`: code, parent, name, level,
    manager, by Swedish or English names), accounts (account, name, type, internal; without it,
    the accounts the facts name are added with their types from Kommun-Bas), then facts with
    load_dataframe() (its keywords: columns=, measure=, amounts=). All through the
    library's importers: an error names the row and column."""
    if year is None:
        raise TypeError("from_dataframe() needs year= (the fiscal year's first calendar year)")
    model = Model(year, start_month)
    try:
        if organisation is not None:
            import_csv(model, _text_table(organisation), "organisation", source="organisation DataFrame")
        if accounts is not None:
            import_csv(model, _text_table(accounts), "accounts", source="accounts DataFrame")
        if facts is not None:
            if accounts is None:
                name = _fact_columns(facts, load.get("columns"), load.get("measure"))["account"]
                for number in facts[name].unique().tolist():
                    chart_ensure(model_chart(model), str(number))
            _model_load_dataframe(model, facts, **load)
    except BaseException:
        model.close()
        raise
    return model


_bind(Model, load_dataframe=_model_load_dataframe, from_dataframe=staticmethod(_model_from_dataframe))


# In: facts from columns, without a Python object per row.
def _column_of(column):
    """What the column loader reads in place: a pandas categorical as (categories, codes), a
    pandas Series or Index as its NumPy array, anything else (a list, array.array, a NumPy
    array, one int or str for every row) as it is."""
    if str(getattr(column, "dtype", "")) == "category":
        return (column.cat.categories.tolist(), column.cat.codes.to_numpy())
    to_numpy = getattr(column, "to_numpy", None)
    return to_numpy() if to_numpy is not None else column


def _ledger_load_columns_py(self, units, accounts, months, measures, amounts):
    """Add the facts of five columns in one call, all or nothing, without a Python object per row
    (the rows of Ledger.load() as columns). units and accounts: codes as str (integers are
    written in decimal) or a pandas categorical; months: 0..11 of the fiscal year; measures: ids
    or names, or one id or name for every row; amounts: int öre, or float kronor (rounded half away
    from zero to öre from the number's decimal text: 1.005 is 101 öre), Decimal or text kronor.
    A column is a list, an array.array, a NumPy array or a pandas Series (read in place when it
    holds numbers). An error takes back the rows added and names the row ("row 7: ...").
    Returns the number of rows added."""
    return _ledger_load_columns(self, _column_of(units), _column_of(accounts), _column_of(months),
                                measures if isinstance(measures, (int, str)) else _column_of(measures),
                                _column_of(amounts))


def _model_load_columns(self, units, accounts, months, measures, amounts):
    return _ledger_load_columns_py(model_ledger(self), units, accounts, months, measures, amounts)


_model_load_columns.__doc__ = "Ledger.load_columns() on the model's ledger.\n\n" + _ledger_load_columns_py.__doc__
_bind(Ledger, load_columns=_ledger_load_columns_py)
_bind(Model, load_columns=_model_load_columns)
