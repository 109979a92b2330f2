"""Type stub of the tertial package (written by bindings/python/make_stub.py from the built
package; do not edit by hand). Money is int öre; see the docstrings for each call."""
from typing import Any
import enum

ACCRUAL_MEASURE_NAME: str
ALL_ACCOUNTS: int
ANY_VERSION: int
class Account:
    """An account of a chart, by id (Chart.add(), chart[number], iteration)."""
    def __init__(self, chart: Any, id: Any) -> None: ...
    internal: Any
    name: Any
    number: Any
    type: Any

class AccountType(enum.IntEnum):
    """Kinds of account (sign: revenue negative, cost positive)."""
    ASSET = 0
    LIABILITY = 1
    REVENUE = 2
    COST = 3

class Accrual(tuple):
    """An accrual (a copy)."""
    unit: Any
    account: Any
    month: Any
    amount: Any
    reason: Any

class Accruals:
    """The accruals of a model (Model.accruals) in the order recorded: len(), iteration and"""
    def __init__(self, model: Any) -> None: ...
    def add(self, unit: Any, account_number: str, month: int, amount: Any, reason: str) -> Any: ...
    measure: Any

class Accuracy(tuple):
    """Accuracy of one frozen forecast against the year's outcome."""
    forecast: Any
    actual: Any
    error: Any
    ape: Any

class AccuracySummary(tuple):
    """Accuracy over every follow-up point of a year."""
    points: Any
    bias: Any
    mean_abs_error: Any
    mape_points: Any
    mape: Any

class Acting:
    """Changes of the round made as a person (Round.acting(person, on_behalf_of=None)): each call"""
    def __init__(self, round: Any, person: Any, on_behalf_of: Any = ...) -> None: ...
    def add_accrual(self, unit: Any, point: Any, account_number: Any, month: Any, amount: Any, reason: Any) -> Any: ...
    def add_adjustment(self, unit: Any, point: Any, row: Any, amount: Any, kind: Any, reason: Any) -> Any: ...
    def add_measure(self, unit: Any, point: Any, row: Any, description: Any, cause: Any = ..., effect: Any = ..., consequence: Any = ..., due: Any = ...) -> Any: ...
    def add_person(self, key: Any, name: Any, email: Any = ...) -> Any: ...
    def approve(self, unit: Any, point: Any, comment: Any = ..., escalate: Any = ..., version: Any = ...) -> Any: ...
    def assign(self, person: Any, role: Any, unit: Any) -> Any: ...
    def check(self, action: Any, unit: Any = ..., point: Any = ...) -> Any: ...
    def feed_measure(self, point: Any, index: Any) -> Any: ...
    def load_people(self, text_or_path: Any, source: Any = ...) -> Any: ...
    def lock(self, point: Any) -> Any: ...
    def may(self, action: Any, unit: Any = ..., point: Any = ...) -> Any: ...
    def remove_adjustment(self, point: Any, index: Any) -> Any: ...
    def report_control(self, point: Any, control: Any, result: Any, deviations: Any = ..., measures: Any = ..., version: Any = ...) -> Any: ...
    def return_(self, unit: Any, point: Any, comment: Any, version: Any = ...) -> Any: ...
    def set_goal_status(self, goal: Any, point: Any, status: Any, comment: Any = ..., reason: Any = ..., version: Any = ...) -> Any: ...
    def set_measure_goal(self, point: Any, index: Any, goal_code: Any) -> Any: ...
    def set_measure_kind(self, point: Any, index: Any, kind: Any) -> Any: ...
    def set_measure_status(self, point: Any, index: Any, status: Any, follow_up: Any = ...) -> Any: ...
    def set_method(self, unit: Any, point: Any, row: Any, method: Any, run_rate_months: Any = ...) -> Any: ...
    def set_text(self, unit: Any, point: Any, kind: Any, text: Any, row: Any = ..., version: Any = ...) -> Any: ...
    def submit(self, unit: Any, point: Any, comment: Any = ..., version: Any = ...) -> Any: ...
    def take_snapshot(self, point: Any, taken_on: Any) -> Any: ...
    def unassign(self, person: Any, role: Any, unit: Any) -> Any: ...
    def unlock(self, point: Any) -> Any: ...

class Action(enum.IntEnum):
    """What a person does in the round; the gate decides by action, unit and point."""
    READ = 0
    FORECAST = 1
    TEXT = 2
    MEASURE = 3
    ACCRUAL = 4
    SUBMIT = 5
    APPROVE = 6
    RETURN = 7
    LOCK = 8
    PEOPLE = 9
    SNAPSHOT = 10
    GOAL = 11
    CONTROL = 12

class AdherencePlan:
    """A budget-adherence plan (plan för budgetföljsamhet) of one unit and manager: Model.adherence_plan(un"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    def add_moment(self, moment: Any) -> Any: ...
    def add_risk(self, cause: Any, measures: Any = ..., expected_effect: Any = ..., consequences: Any = ...) -> Any: ...
    manager: Any
    def moment(self, index: Any) -> Any: ...
    moments: Any
    def risk(self, index: Any) -> Any: ...
    risks: Any
    unit: Any

class AdherenceRisk(tuple):
    """A risk of a budget-adherence plan (a copy)."""
    cause: Any
    measures: Any
    expected_effect: Any
    consequences: Any

class AdjustedOutcome(tuple):
    """Booked, accrued and adjusted outcome of a subtree."""
    booked: Any
    accrued: Any
    adjusted: Any

class Adjustment(tuple):
    """An adjustment of a forecast plan (a copy)."""
    unit: Any
    row_code: Any
    amount: Any
    kind: Any
    reason: Any

class AdjustmentKind(enum.IntEnum):
    """Kinds of forecast adjustments: KNOWN_FACTOR, MEASURE_TAKEN, PLANNED_MEASURE."""
    KNOWN_FACTOR = 0
    MEASURE_TAKEN = 1
    PLANNED_MEASURE = 2

class Aggregation(enum.IntEnum):
    """How an indicator aggregates across units: SUM, MEAN, WEIGHTED_MEAN (by another indicator), MIN, MAX,"""
    SUM = 0
    MEAN = 1
    WEIGHTED_MEAN = 2
    MIN = 3
    MAX = 4
    NONE = 5

class AppliedProposal(tuple):
    """AppliedProposal(measure, code, unit, account, amount)"""
    measure: Any
    code: Any
    unit: Any
    account: Any
    amount: Any

class Assignment(tuple):
    """Assignment(person, role, unit)"""
    person: Any
    role: Any
    unit: Any

class Audit:
    """Printed follow-up tables and the audit of their arithmetic (audit.h): Audit(), then read(path), read"""
    def __init__(self, *paths: Any, spec: Any = ..., sheet: Any = ...) -> None: ...
    def add_table(self, name: Any, columns: Any, lines: Any, source: Any = ..., unit: Any = ...) -> Any: ...
    assumptions: Any
    checked: Any
    @staticmethod
    def class_name(cls: Any) -> Any: ...
    findings: Any
    def line_count(self, table: Any) -> Any: ...
    def meaning(self, table: Any, column: Any) -> Any: ...
    @staticmethod
    def meaning_name(meaning: Any) -> Any: ...
    def read(self, path: Any, sheet: Any = ...) -> Any: ...
    def read_csv(self, data: Any, source: Any = ...) -> Any: ...
    def read_json(self, data: Any, source: Any = ...) -> Any: ...
    def run(self) -> Any: ...
    def set_sign(self, table: Any, column: Any, sign: Any) -> Any: ...
    def spec(self, text: Any, source: Any = ...) -> Any: ...
    def spec_file(self, path: Any) -> Any: ...
    tables: Any
    def to_json(self) -> Any: ...
    def to_text(self) -> Any: ...
    @staticmethod
    def value(text: Any) -> Any: ...

class AuditClass(enum.IntEnum):
    """The class of an audit finding: ROUNDING, SIGN or ERROR."""
    ROUNDING = 1
    SIGN = 2
    ERROR = 3

class AuditEntry(tuple):
    """AuditEntry(seq, when, person, on_behalf_of, action, unit, point, item, before, after)"""
    seq: Any
    when: Any
    person: Any
    on_behalf_of: Any
    action: Any
    unit: Any
    point: Any
    item: Any
    before: Any
    after: Any

class AuditFinding(tuple):
    """AuditFinding(table, line, column, table_name, line_label, column_header, where, relation, cls, print"""
    table: Any
    line: Any
    column: Any
    table_name: Any
    line_label: Any
    column_header: Any
    where: Any
    relation: Any
    cls: Any
    printed: Any
    expected: Any
    difference: Any
    explanation: Any
    explanation_en: Any

class AuditMeaning(enum.IntEnum):
    """What a printed column holds (tertial_audit_meaning); INFER: from its header."""
    INFER = -1
    OTHER = 0
    OUTCOME = 1
    BUDGET = 2
    ANNUAL_BUDGET = 3
    DEVIATION = 4
    FORECAST = 5
    FORECAST_DEVIATION = 6
    USED_PERCENT = 7
    REMAINING = 8
    REASON_AMOUNT = 9
    IDENTIFIER = 10

class AuditRelation(enum.IntEnum):
    """Which relation an audit finding breaks."""
    SUM = 1
    DEVIATION = 2
    FORECAST_DEVIATION = 3
    USED_PERCENT = 4
    REMAINING = 5
    SAME_ITEM = 6
    REASONS = 7

class Backtest:
    """Past years of one unit, to find the base method that would have forecast them best: Backtest(years),"""
    def __init__(self, years: Any = ...) -> None: ...
    def add_year(self, outcome: Any, budget: Any, prior: Any) -> Any: ...
    def best(self, cutoff: Any) -> Any: ...
    def error(self, method: Any, cutoff: Any, run_rate_months: int = ...) -> Any: ...

class BaseForecast(tuple):
    """BaseForecast(base, method, fallback)"""
    base: Any
    method: Any
    fallback: Any

class Benefit(enum.IntEnum):
    """Nytta: NONE, SMALL, MODERATE, LARGE, VERY_LARGE (the value is its points)."""
    NONE = 0
    SMALL = 1
    MODERATE = 2
    LARGE = 3
    VERY_LARGE = 4

class BudgetChain:
    """The chain of a budget version stage by stage (Model.budget_chain(measure)): len(), iteration and cha"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...

class BudgetCompareLine(tuple):
    """One unit and row of a comparison of two budget versions."""
    unit: Any
    depth: Any
    row: Any
    a: Any
    b: Any
    difference: Any

class BudgetComparison:
    """Two budget versions compared per unit and report row (Model.compare_budgets(a, b, root, max_depth)):"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...

class BudgetKind(enum.IntEnum):
    """Kinds of budget versions: FRAME, ADOPTED, DETAILED, REVISED, PRELIMINARY, MOR, FINANSPLAN, ALTERNATI"""
    FRAME = 0
    ADOPTED = 1
    DETAILED = 2
    REVISED = 3
    PRELIMINARY = 4
    MOR = 5
    FINANSPLAN = 6
    ALTERNATIVE = 7

class BudgetOptions:
    """Metadata of a new budget version (tertial_budget_options): kind (BudgetKind), decided"""
    def __init__(self, kind: Any = ..., decided: Any = ..., reason: Any = ..., decided_by: Any = ...) -> None: ...

class BudgetVersion(tuple):
    """A budget version with its metadata (a copy)."""
    measure: Any
    name: Any
    kind: Any
    decided: Any
    reason: Any
    decided_by: Any
    revises: Any
    revised_by: Any

class BudgetVersions:
    """The budget versions of a model (Model.budget_versions): len(), iteration and"""
    def __init__(self, model: Any) -> None: ...
    def create(self, name: str, options: Any = ..., **fields: Any) -> Any: ...
    def key_for(self, unit: Any, account: Any) -> Any: ...
    def of(self, measure: Any) -> Any: ...
    def revise(self, measure: Any, name: Any, options: Any = ..., **fields: Any) -> Any: ...
    def set_annual(self, measure: int, unit: Any, account: Any, annual: int, key: Any = ...) -> Any: ...
    def unallocated(self, measure: Any, unit: Any, account: int = ...) -> Any: ...

class BufferTooSmallError(Exception):
    """A buffer is too small (TERTIAL_ERR_BUFFER)."""

CSV_GUARD_BY_STYLE: int
class Calendar:
    """A follow-up calendar: Calendar(start_month=1) or Calendar.default(start_month=1). len() is the numbe"""
    def __init__(self, start_month: Any = ...) -> None: ...
    def add_point(self, code: str, name: str, cutoff: int, deadline_months_after: int, deadline_day: int) -> Any: ...
    def deadline(self, point: Any, first_year: Any) -> Any: ...
    @staticmethod
    def default(start_month: int = ...) -> Any: ...
    def find_point(self, code: Any) -> Any: ...
    def level_deadline(self, point: Any, level: Any, first_year: Any) -> Any: ...
    def level_deadlines(self, point: Any) -> Any: ...
    def parse(self, text: Any, source: str = ...) -> Any: ...
    def point(self, index: Any) -> Any: ...
    def remove_level_deadline(self, point: Any, level: Any) -> Any: ...
    def remove_point(self, code: Any) -> Any: ...
    def set_level_deadline(self, point: Any, level: Any, months_after: Any, day: Any) -> Any: ...
    start_month: Any

class CancelledError(Exception):
    """A caller's callback asked to stop, e.g. an SIE reader's progress callback (TERTIAL_ERR_CANCELLED)."""

class Chart:
    """A chart of accounts: Chart(), or Model.chart. len(), iteration and chart[id or number] give Account """
    def __init__(self) -> None: ...
    def account(self, id: Any) -> Any: ...
    def add(self, number: str, name: str = ..., type: Any = ..., internal: Any = ...) -> Any: ...
    def ensure(self, number: Any) -> Any: ...
    def find(self, number: Any) -> Any: ...
    def set_internal(self, id: Any, internal: Any) -> Any: ...
    def set_name(self, id: Any, name: Any) -> Any: ...

class Column(enum.IntEnum):
    """The eight columns of a follow-up table."""
    OUTCOME_ACC = 0
    BUDGET_ACC = 1
    DEVIATION_ACC = 2
    BUDGET_YEAR = 3
    SHARE_USED = 4
    FORECAST = 5
    FORECAST_DEVIATION = 6
    PRIOR_YEAR = 7

class CommitteeUnfunded(tuple):
    """CommitteeUnfunded(name, decisions, total)"""
    name: Any
    decisions: Any
    total: Any

class ConflictError(Exception):
    """Someone else changed the same data since it was read, e.g. another process saved the store (TERTIAL_"""

class Control(tuple):
    """Control(code, risk, activity, method, frequency, responsible, point)"""
    code: Any
    risk: Any
    activity: Any
    method: Any
    frequency: Any
    responsible: Any
    point: Any

class ControlReport(tuple):
    """ControlReport(version, person, on_behalf_of, when)"""
    version: Any
    person: Any
    on_behalf_of: Any
    when: Any

class ControlResult(tuple):
    """ControlResult(control, point, result, deviations, measures)"""
    control: Any
    point: Any
    result: Any
    deviations: Any
    measures: Any

class CostEffectiveness(enum.IntEnum):
    """Kostnadseffektivitet: LOW, MODERATE, HIGH, VERY_HIGH (the value is its points)."""
    LOW = 1
    MODERATE = 2
    HIGH = 3
    VERY_HIGH = 4

class CsvOptions:
    """Options of the CSV renderers. Initialise with ::TERTIAL_CSV_OPTIONS_INIT."""
    def __init__(self, **fields: Any) -> None: ...
    bom: Any
    children: Any
    guard_formulas: Any
    style: Any
    version: Any

class CsvStyle(enum.IntEnum):
    """CSV dialects: MACHINE (',' and keys) or SWEDISH (';', decimal comma)."""
    MACHINE = 0
    SWEDISH = 1

DEMO_YEARS: int
class DemoOptions:
    """Options of tertial_demo_new()."""
    def __init__(self, **fields: Any) -> None: ...
    outcome_months: Any
    seed: Any
    version: Any
    year: Any

class Deviation(tuple):
    """One unit's verdict under the escalation rule (a copy)."""
    unit: Any
    unit_code: Any
    depth: Any
    forecast_deviation: Any
    parent_deviation: Any
    verdict: Any

class DeviationClass(enum.IntEnum):
    """How a unit's forecast deviation is handled: IN_BALANCE, COVERED, NEEDS_MEASURES."""
    IN_BALANCE = 0
    COVERED = 1
    NEEDS_MEASURES = 2

class DeviationSign(enum.IntEnum):
    """The sign of a presentation's deviations: BUDGET_MINUS_OUTCOME (negative is worse than budget), OUTCO"""
    BUDGET_MINUS_OUTCOME = 0
    OUTCOME_MINUS_BUDGET = 1

class Deviations:
    """Verdicts of the escalation rule for a subtree (Model.deviations(root, cutoff)): len(), iteration and"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...

class Difficulty(enum.IntEnum):
    """Svårighetsgrad: VERY_LARGE, LARGE, MODERATE, SMALL."""
    VERY_LARGE = 1
    LARGE = 2
    MODERATE = 3
    SMALL = 4

class Direction(enum.IntEnum):
    """Which way an indicator is better."""
    HIGHER_IS_BETTER = 0
    LOWER_IS_BETTER = 1
    WITHIN_INTERVAL = 2

class DocxOptions:
    """Options of the Word renderer (tertial_docx_options): unit (MoneyUnit.TKR) and decimals of"""
    def __init__(self, unit: Any = ..., decimals: Any = ..., depth: Any = ..., created: Any = ..., author: Any = ..., municipality: Any = ...) -> None: ...
    created: Any

class Due(tuple):
    """Due(unit, action, deadline, status, late)"""
    unit: Any
    action: Any
    deadline: Any
    status: Any
    late: Any

class ErrorCode(enum.IntEnum):
    """Error codes of the C API (tertial_error_code)."""
    OK = 0
    INVALID = -1
    NOMEM = -2
    OVERFLOW = -3
    PARSE = -4
    NOT_FOUND = -5
    EXISTS = -6
    RANGE = -7
    IO = -8
    STATE = -9
    BUFFER = -10
    CANCELLED = -11
    CONFLICT = -12
    NOT_PERMITTED = -13

class ExistsError(Exception):
    """The code or name is already taken (TERTIAL_ERR_EXISTS)."""

FOLLOWUP_FIELDS: Any
FRAME_MAX_RATE: int
class Finding(tuple):
    """One finding of the consistency checker (a copy)."""
    kind: Any
    severity: Any
    unit_code: Any
    row_code: Any
    column: Any
    expected: Any
    found: Any

class FindingKind(enum.IntEnum):
    """What a finding of the checker is about."""
    PARENT_SUM = 0
    CATEGORY_TOTAL = 1
    VIEW_MISMATCH = 2
    ACCOUNT_ROLLUP = 3
    MONTHS_SUM = 4
    UNMAPPED = 5
    FORECAST_MISSING = 6
    ROUNDING = 7
    FORMULA = 8

class Findings:
    """Findings of the consistency checker: len(), iteration and findings[i] give Finding values."""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    error_count: Any
    warning_count: Any

class FiscalYear:
    """A fiscal year: twelve months from start_month of first_year."""
    def __init__(self, first_year: Any, start_month: Any = ...) -> None: ...
    @staticmethod
    def containing(start_month: int, year: int, month: Any) -> Any: ...
    def days_in_month(self, index: Any) -> Any: ...
    first_year: Any
    def index(self, period: Any) -> Any: ...
    def label(self) -> Any: ...
    def period(self, index: Any) -> Any: ...
    def periods(self) -> Any: ...
    start_month: Any

class FollowupOptions:
    """Options of tertial_followup_new(). Initialise with ::TERTIAL_FOLLOWUP_OPTIONS_INIT."""
    def __init__(self, **fields: Any) -> None: ...
    budget_measure: Any
    max_depth: Any
    skip_empty: Any
    version: Any
    view: Any

class FollowupPoint(tuple):
    """A follow-up point of a calendar (a copy)."""
    code: Any
    name: Any
    cutoff: Any
    deadline_months_after: Any
    deadline_day: Any

class FollowupRow(tuple):
    """One line of a follow-up table (a copy): amounts in öre, or Decimal kronor when asked for; empty colu"""
    kind: Any
    code: Any
    label: Any
    unit: Any
    row: Any
    row_kind: Any
    depth: Any
    outcome_acc: Any
    budget_acc: Any
    deviation_acc: Any
    budget_year: Any
    share_used: Any
    forecast: Any
    forecast_deviation: Any
    prior_year: Any
    forecast_missing: Any
    partial: Any
    parent_line: Any

class FollowupTable:
    """A computed follow-up table (a snapshot): Model.followup(unit, cutoff, ...). len(), iteration and tab"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    def check(self, unit: Any = ..., decimals: Any = ...) -> Any: ...
    cutoff: Any
    cutoff_period: Any
    def render_text(self, options: Any = ..., **fields: Any) -> Any: ...
    def rows(self, kronor: Any = ...) -> Any: ...
    title: Any
    def to_dataframe(self, amounts: Any = ..., headers: Any = ..., kronor: Any = ...) -> Any: ...
    def to_dicts(self, kronor: Any = ...) -> Any: ...
    unit: Any
    def value(self, index: Any, column: Any) -> Any: ...
    view: Any

class ForecastFallback(enum.IntEnum):
    """Which fallback a base method used."""
    NONE = 0
    LINEAR = 1
    BUDGET_PROFILE = 2

class ForecastInput:
    """Monthly figures a base method works on (tertial_forecast_input): outcome, budget and"""
    def __init__(self, outcome: Any = ..., budget: Any = ..., prior: Any = ..., cutoff: Any = ..., run_rate_months: Any = ..., manual: Any = ..., driver_remaining: Any = ...) -> None: ...
    def base(self, method: Any) -> Any: ...

class ForecastMethod(enum.IntEnum):
    """Base methods of a forecast."""
    REMAINING_BUDGET = 0
    LINEAR = 1
    BUDGET_PROFILE = 2
    LAST_YEAR_PROFILE = 3
    RUN_RATE = 4
    VOLUME_DRIVER = 5
    MANUAL = 6

class ForecastPlan:
    """The forecast plan of a model (Model.forecast_plan): method rules, manual figures, volume drivers and"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    def add_adjustment(self, unit: Any, row_code: Any, amount: Any, kind: Any, reason: str) -> Any: ...
    def adjustment(self, index: Any) -> Any: ...
    adjustment_count: Any
    adjustments: Any
    def base_of(self, unit: Any, row_code: Any) -> Any: ...
    cutoff: Any
    drivers: Any
    manuals: Any
    def method_of(self, unit: Any, row_code: Any) -> Any: ...
    def remove_adjustment(self, index: Any) -> Any: ...
    rules: Any
    def set_driver(self, unit: Any, row_code: Any, name: str, volume_unit: str, unit_cost: int) -> Any: ...
    def set_manual(self, unit: Any, row_code: Any, amount: Any) -> Any: ...
    def set_method(self, unit: Any, row_code: str, method: Any, run_rate_months: int = ...) -> Any: ...
    def set_volume(self, unit: Any, row_code: Any, month: Any, volume_thousandths: Any) -> Any: ...
    threads: Any

class FrameLine(tuple):
    """A frame update line (tertial_frame_line): unit and account codes, kind (FrameLineKind), rate (basis """
    unit: Any
    account: Any
    kind: Any
    rate: Any
    persons: Any
    per_person: Any
    amount: Any
    group: Any
    text: Any
    base: Any
    change: Any

class FrameLineKind(enum.IntEnum):
    """What a frame update line is (tertial_frame_line_kind): INDEXATION (pris- och löneuppräkning), VOLUME"""
    INDEXATION = 0
    VOLUME = 1
    AMOUNT = 2

class FrameUpdate:
    """A frame update (frames.h): FrameUpdate(), add(...), load(path), parse(text); lines as FrameLine valu"""
    def __init__(self) -> None: ...
    def add(self, unit: Any, account: Any, kind: Any, rate: Any = ..., persons: Any = ..., per_person: Any = ..., amount: Any = ..., group: Any = ..., text: Any = ...) -> Any: ...
    def apply(self, model: Any, from_measure: Any, name: Any, options: Any = ..., **fields: Any) -> Any: ...
    def load(self, path: Any) -> Any: ...
    def parse(self, text: Any, source: Any = ...) -> Any: ...
    def total(self, unit: Any = ...) -> Any: ...

class Funding(enum.IntEnum):
    NONE = 0
    PARTIAL = 1

class Goal(tuple):
    """Goal(id, kind, code, name, text, parent, unit, responsible, first_year, last_year)"""
    id: Any
    kind: Any
    code: Any
    name: Any
    text: Any
    parent: Any
    unit: Any
    responsible: Any
    first_year: Any
    last_year: Any

class GoalKind(enum.IntEnum):
    """Kinds of goal nodes: STRATEGIC_AREA (inriktningsområde), COUNCIL (KF-mål), COMMITTEE (nämndmål), SUB"""
    STRATEGIC_AREA = 0
    COUNCIL = 1
    COMMITTEE = 2
    SUB = 3
    ACTIVITY = 4

class GoalState(tuple):
    """GoalState(status, proposed, lights, set, overridden, reason, comment, by, when, version)"""
    status: Any
    proposed: Any
    lights: Any
    set: Any
    overridden: Any
    reason: Any
    comment: Any
    by: Any
    when: Any
    version: Any

class GoalStatus(enum.IntEnum):
    """A goal's status: NOT_STARTED, MET (uppfyllt), PARTLY_MET (delvis), NOT_MET (ej uppfyllt)."""
    NOT_STARTED = 0
    MET = 1
    PARTLY_MET = 2
    NOT_MET = 3

class Goals:
    """The goals and indicators of a model (Model.goals): the goal tree, indicators with their values, targ"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    def add_goal(self, kind: Any, code: Any, name: Any, unit: Any, first_year: Any, last_year: Any, text: Any = ..., parent: Any = ..., responsible: Any = ...) -> Any: ...
    def add_indicator(self, code: Any, name: Any, **fields: Any) -> Any: ...
    def attainment(self, unit: Any, kind: Any, point: Any) -> Any: ...
    def budget_volume(self, indicator: Any, unit: Any) -> Any: ...
    def cost_per_unit(self, indicator: Any, unit: Any, month: Any, accumulated: Any = ...) -> Any: ...
    def cost_row(self, indicator: Any) -> Any: ...
    def drive_forecast(self, indicator: Any, unit: Any, cutoff: Any) -> Any: ...
    def evaluate(self, indicator: Any, unit: Any, period: Any, year: Any = ...) -> Any: ...
    def evaluate_all(self, indicator: Any, period: Any, year: Any = ...) -> Any: ...
    def format_value(self, indicator: Any, value: Any) -> Any: ...
    def goal(self, code: Any) -> Any: ...
    def goal_indicators(self, goal: Any) -> Any: ...
    goals: Any
    def history(self, goal: Any, point: Any) -> Any: ...
    def indicator(self, code: Any) -> Any: ...
    indicators: Any
    def light(self, indicator: Any, value: Any, target: Any, high: Any = ...) -> Any: ...
    def link(self, goal: Any, indicator: Any) -> Any: ...
    model: Any
    def own_value(self, indicator: Any, unit: Any, period: Any) -> Any: ...
    def parse_value(self, indicator: Any, text: Any) -> Any: ...
    def red_thread(self, goal: Any, year: Any = ...) -> Any: ...
    rule: Any
    def set_budget_volume(self, indicator: Any, unit: Any, per_month: Any) -> Any: ...
    def set_cost_row(self, indicator: Any, row: Any) -> Any: ...
    def set_rule(self, met_green: Any, partly_green_yellow: Any) -> Any: ...
    def set_status(self, goal: Any, point: Any, status: Any, by: Any, comment: Any = ..., reason: Any = ..., when: Any = ..., version: Any = ...) -> Any: ...
    def set_target(self, indicator: Any, year: Any, target: Any, high: Any = ...) -> Any: ...
    def set_value(self, indicator: Any, unit: Any, period: Any, value: Any, source: Any = ..., imported: Any = ...) -> Any: ...
    def set_values(self, indicator: Any, period: Any, units: Any, values: Any, source: Any = ..., imported: Any = ...) -> Any: ...
    def state(self, goal: Any, point: Any) -> Any: ...
    def target(self, indicator: Any, year: Any) -> Any: ...
    def volume_warning(self, indicator: Any, unit: Any, cutoff: Any) -> Any: ...

HOLIDAYS_MAX: int
HOLIDAY_YEAR_MAX: int
HOLIDAY_YEAR_MIN: int
class Holiday(tuple):
    """A day off of a year (a copy)."""
    date: Any
    id: Any
    name: Any
    official: Any

class HolidayFlags:
    """DEFAULT: midsommarafton, julafton and nyårsafton are days off; EVES_WORKING: they are ordinary days."""
    EVES_WORKING = 1

class HolidayId(enum.IntEnum):
    """Which day off a date is (tertial_holiday_id)."""
    NEW_YEARS_DAY = 0
    EPIPHANY = 1
    ANNUNCIATION = 2
    GOOD_FRIDAY = 3
    EASTER_SUNDAY = 4
    EASTER_MONDAY = 5
    MAY_DAY = 6
    ASCENSION = 7
    WHIT_SUNDAY = 8
    WHIT_MONDAY = 9
    NATIONAL_DAY = 10
    MIDSUMMER_EVE = 11
    MIDSUMMER_DAY = 12
    ALL_SAINTS = 13
    CHRISTMAS_EVE = 14
    CHRISTMAS_DAY = 15
    BOXING_DAY = 16
    NEW_YEARS_EVE = 17

IMPORT_ACCOUNTS: int
IMPORT_BUDGET: int
IMPORT_INDICATORS: int
IMPORT_ORGANISATION: int
IMPORT_OUTCOME: int
IMPORT_PEOPLE: int
class ImportSummary(tuple):
    """What import_table() changed (in a dry run: would change): kind ('organisation', 'accounts', 'budget'"""
    kind: Any
    rows: Any
    units_added: Any
    units_updated: Any
    units_unchanged: Any
    accounts_added: Any
    accounts_updated: Any
    accounts_unchanged: Any
    amounts_changed: Any
    amounts_unchanged: Any
    amount_total: Any
    change_total: Any
    people_added: Any
    applied: Any
    encoding: Any
    values_changed: Any
    values_unchanged: Any

class Indicator(tuple):
    """Indicator(code, name, unit_of_measure, decimals, direction, aggregation, weight, periodicity, relati"""
    code: Any
    name: Any
    unit_of_measure: Any
    decimals: Any
    direction: Any
    aggregation: Any
    weight: Any
    periodicity: Any
    relative: Any
    green_margin: Any
    yellow_margin: Any
    external_id: Any

class IndicatorResult(tuple):
    """IndicatorResult(value, own, units, target, target_high, light, previous, last_year)"""
    value: Any
    own: Any
    units: Any
    target: Any
    target_high: Any
    light: Any
    previous: Any
    last_year: Any

class IndicatorSpec:
    """What an indicator is (Goals.add_indicator() takes the same as keywords)."""
    def __init__(self, code: Any, name: Any, unit_of_measure: Any = ..., decimals: Any = ..., direction: Any = ..., aggregation: Any = ..., weight: Any = ..., periodicity: Any = ..., relative: Any = ..., green_margin: Any = ..., yellow_margin: Any = ..., external_id: Any = ...) -> None: ...

class IndicatorValue(tuple):
    """IndicatorValue(value, source, imported)"""
    value: Any
    source: Any
    imported: Any

class IntControl:
    """A committee's risk analysis, internal control plan and follow-up (intcontrol.h): IntControl(), load("""
    def __init__(self, threshold: Any = ...) -> None: ...
    def add_control(self, code: Any, risk: Any, activity: Any, point: Any, method: Any = ..., frequency: Any = ..., responsible: Any = ...) -> Any: ...
    def add_result(self, control: Any, point: Any, result: Any, deviations: Any = ..., measures: Any = ...) -> Any: ...
    def add_risk(self, code: Any, risk: Any, likelihood: Any, consequence: Any, committee: Any = ..., process: Any = ...) -> Any: ...
    controls: Any
    def load(self, table: Any, path: Any) -> Any: ...
    def parse(self, table: Any, text: Any, source: Any = ...) -> Any: ...
    results: Any
    def risk_controls(self, index: Any) -> Any: ...
    risks: Any
    threshold: Any

class IntControlTable(enum.IntEnum):
    RISKS = 0
    PLAN = 1
    RESULTS = 2

class InvalidArgumentError(Exception):
    """An argument is invalid (TERTIAL_ERR_INVALID)."""

class Investment(tuple):
    """Investment(code, name, unit, category, status, first_year, amounts, spent, budget)"""
    code: Any
    name: Any
    unit: Any
    category: Any
    status: Any
    first_year: Any
    amounts: Any
    spent: Any
    budget: Any

class InvestmentStatus(enum.IntEnum):
    """Where an investment project stands: PROPOSED, DECIDED, IN_PROGRESS or FINISHED."""
    PROPOSED = 0
    DECIDED = 1
    IN_PROGRESS = 2
    FINISHED = 3

class Investments:
    """The investment budget (investments.h): Investments(), add(...), load(path), parse(text); projects as"""
    def __init__(self) -> None: ...
    def add(self, code: Any, unit: Any, first_year: Any, amounts: Any, name: Any = ..., category: Any = ..., status: Any = ..., spent: Any = ..., budget: Any = ...) -> Any: ...
    def load(self, path: Any) -> Any: ...
    def parse(self, text: Any, source: Any = ...) -> Any: ...
    def remaining(self, index: Any, year: Any) -> Any: ...
    def total(self, year: Any, unit: Any = ..., category: Any = ...) -> Any: ...
    years: Any

class JsonOptions:
    """Options of the JSON renderers. Initialise with ::TERTIAL_JSON_OPTIONS_INIT."""
    def __init__(self, **fields: Any) -> None: ...
    children: Any
    pretty: Any
    version: Any

class Key:
    """A periodisation key (fördelningsnyckel): Key.equal(name), Key.calendar_days(name), Key.working_days("""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    @staticmethod
    def calendar_days(name: Any) -> Any: ...
    @staticmethod
    def custom(name: Any, weights: int) -> Any: ...
    def distribute(self, fy: Any, annual: int) -> Any: ...
    def distribute_row(self, fiscal_year: Any, annual: Any, row_last_year: Any = ...) -> Any: ...
    @staticmethod
    def equal(name: str) -> Any: ...
    falls_back: Any
    holiday_flags: Any
    kind: Any
    @staticmethod
    def last_year(name: Any, amounts: int = ...) -> Any: ...
    name: Any
    @staticmethod
    def salary(name: Any, weights: int) -> Any: ...
    values: Any
    def weights(self, fy: Any) -> Any: ...
    @staticmethod
    def working_days(*args: Any) -> Any: ...

class KeyKind(enum.IntEnum):
    """Kinds of periodisation keys."""
    EQUAL = 0
    CALENDAR_DAYS = 1
    WORKING_DAYS = 2
    SALARY = 3
    LAST_YEAR = 4
    CUSTOM = 5

class KeySet:
    """Named keys with assignment rules and a default: KeySet(), or Model.keys. len(), iteration and keyset"""
    def __init__(self) -> None: ...
    def add(self, key: Any) -> Any: ...
    def assign(self, unit: int, first: Any, last: Any, key: Any) -> Any: ...
    default: Any
    def find(self, name: Any) -> Any: ...
    def key(self, index: Any) -> Any: ...
    names: Any
    def resolve(self, org: Any, unit: int, account_number: str, period: int) -> Any: ...
    rule_count: Any
    rules: Any
    def set_default(self, key: Any) -> Any: ...

LEVEL_MAX: int
class Ledger:
    """A ledger of one fiscal year: Ledger(org, chart, fiscal_year), or Model.ledger. Ledger.load() adds ma"""
    def __init__(self, org: Any, chart: Any, fiscal_year: Any) -> None: ...
    def add(self, unit: Any, account: Any, month: int, measure: Any, amount: Any) -> Any: ...
    def add_by_code(self, unit_code: Any, account_number: Any, month: Any, measure: Any, amount: Any) -> Any: ...
    def add_measure(self, name: str) -> Any: ...
    def add_period(self, unit: Any, account: Any, period: Any, measure: Any, amount: Any) -> Any: ...
    def copy_measure(self, dst: Any, src: Any) -> Any: ...
    def find_measure(self, name: Any) -> Any: ...
    fiscal_year: Any
    def get(self, unit: Any, account: Any, month: Any, measure: Any) -> Any: ...
    line_count: Any
    def load(self, rows: Any) -> Any: ...
    def load_columns(self, units: Any, accounts: Any, months: Any, measures: Any, amounts: Any) -> Any: ...
    def load_csv(self, path: Any, delimiter: Any = ..., measure: Any = ...) -> Any: ...
    measure_count: Any
    def measure_name(self, measure: Any) -> Any: ...
    measures: Any
    def rollup(self) -> Any: ...
    def row_total(self, rowmap: Any, unit: Any, row: Any, measure: Any = ..., first: Any = ..., last: Any = ...) -> Any: ...
    def set(self, unit: Any, account: Any, month: Any, measure: Any, amount: Any) -> Any: ...
    def total(self, unit: Any, account: Any = ..., measure: Any = ..., first: Any = ..., last: Any = ...) -> Any: ...

class LevelDeadline(tuple):
    """A follow-up point's own deadline for one organisation level (a copy)."""
    level: Any
    deadline_months_after: Any
    deadline_day: Any

class LevelProgress(tuple):
    """Progress of one organisation level at a point: level (index), name, units (of that level"""
    done: Any
    level: Any
    name: Any
    units: Any
    counts: Any

class Light(enum.IntEnum):
    """A traffic light: NONE (no value or target), GREEN, YELLOW, RED."""
    NONE = 0
    GREEN = 1
    YELLOW = 2
    RED = 3

class LineKind(enum.IntEnum):
    """What a line of a follow-up table stands for."""
    UNIT = 0
    OWN = 1
    ROW = 2
    TOTAL = 3

class LockState(tuple):
    """LockState(locked, by, since)"""
    locked: Any
    by: Any
    since: Any

MEASURE_OUTCOME: int
MEASURE_PRIOR: int
class Measure(tuple):
    """A measure (åtgärd) (a copy)."""
    unit: Any
    row_code: Any
    description: Any
    cause: Any
    effect: Any
    consequence: Any
    due: Any
    status: Any
    follow_up: Any
    in_forecast: Any
    adjustment: Any
    goal: Any
    kind: Any

class MeasureKind(enum.IntEnum):
    """What a measure is for (tertial_measure_kind): FOR_DEVIATION (åtgärd vid avvikelse) or EFFICIENCY (ef"""
    FOR_DEVIATION = 0
    EFFICIENCY = 1

class MeasureStatus(enum.IntEnum):
    """Status of a measure (åtgärd)."""
    PROPOSED = 0
    DECIDED = 1
    IN_PROGRESS = 2
    DONE = 3
    CANCELLED = 4

class Measures:
    """The measures (åtgärder) of a model (Model.measures): len(), iteration and measures[index]"""
    def __init__(self, model: Any) -> None: ...
    def add(self, unit: Any, row_code: str, description: str, cause: Any = ..., effect: Any = ..., consequence: Any = ..., due: Any = ...) -> Any: ...
    def feed_forecast(self, index: Any) -> Any: ...
    def set_goal(self, index: Any, goal_code: Any) -> Any: ...
    def set_kind(self, index: Any, kind: Any) -> Any: ...
    def set_status(self, index: Any, status: Any, follow_up: str = ...) -> Any: ...

class Model:
    """A municipality's model for one fiscal year: Model(first_year, start_month=1). A context manager: clo"""
    def __init__(self, first_year: Any, start_month: Any = ...) -> None: ...
    accruals: Any
    def accuracy_summary(self, unit: Any) -> Any: ...
    def adherence_plan(self, unit: Any, manager: str = ...) -> Any: ...
    adherence_plans: Any
    def adjusted_outcome(self, unit: Any, cutoff: Any) -> Any: ...
    applied_proposals: Any
    def apply_forecast(self, cutoff: Any, budget_measure: int = ...) -> Any: ...
    def budget_chain(self, measure: Any) -> Any: ...
    budget_versions: Any
    calendar: Any
    chart: Any
    def check(self, unit: Any, cutoff: Any, budget_measure: int = ...) -> Any: ...
    def clear_forecast(self, unit: Any, row_code: Any) -> Any: ...
    def close(self) -> Any: ...
    closed: Any
    def compare_budgets(self, version_a: Any, version_b: Any, root: Any, max_depth: int) -> Any: ...
    current_budget: Any
    def deviations(self, root: Any, cutoff: Any) -> Any: ...
    def facts_csv(self, unit: Any, cutoff: Any, accounts: Any = ..., options: Any = ..., **fields: Any) -> Any: ...
    fiscal_year: Any
    def followup(self, unit: Any, cutoff: Any, options: Any = ..., **fields: Any) -> Any: ...
    def forecast(self, unit: Any, row_code: Any) -> Any: ...
    def forecast_after_planned(self, unit: Any, cutoff: Any) -> Any: ...
    forecast_plan: Any
    @staticmethod
    def from_dataframe(facts: Any = ..., year: Any = ..., start_month: Any = ..., organisation: Any = ..., accounts: Any = ..., **load: Any) -> Any: ...
    goals: Any
    def import_csv(self, data: Any, kind: Any, source: Any = ..., dry_run: Any = ..., budget: Any = ...) -> Any: ...
    def import_table(self, path: Any, kind: Any, sheet: Any = ..., dry_run: Any = ..., budget: Any = ...) -> Any: ...
    keys: Any
    ledger: Any
    def load(self, rows: Any) -> Any: ...
    def load_columns(self, units: Any, accounts: Any, months: Any, measures: Any, amounts: Any) -> Any: ...
    def load_dataframe(self, df: Any, columns: Any = ..., measure: Any = ..., amounts: Any = ...) -> Any: ...
    def load_sie(self, path: str, options: Any = ..., **fields: Any) -> Any: ...
    def load_sie_bytes(self, data: Any, options: Any = ..., **fields: Any) -> Any: ...
    measures: Any
    org: Any
    def reasons(self, unit: Any, cutoff: Any) -> Any: ...
    def report(self, unit: Any, cutoff: int, options: Any = ..., **fields: Any) -> Any: ...
    round: Any
    rowmap: Any
    def set_current_budget(self, measure: Any) -> Any: ...
    def set_forecast(self, unit: Any, row_code: Any, amount: Any) -> Any: ...
    def set_rowmap(self, rowmap: Any) -> Any: ...
    def sie_bytes(self, options: Any = ..., **fields: Any) -> Any: ...
    snapshots: Any
    def write_facts_csv(self, path: Any, unit: Any, cutoff: Any, accounts: Any = ..., options: Any = ..., **fields: Any) -> Any: ...
    def write_sie(self, path: str, options: Any = ..., **fields: Any) -> Any: ...

class MoneyOverflowError(Exception):
    """An amount does not fit in int64 öre (TERTIAL_ERR_OVERFLOW)."""

class MoneyStyle(enum.IntEnum):
    """Decimal text styles accepted by money_parse()."""
    SIE = 0
    SWEDISH = 1
    ANY = 2
    MAX_AMOUNT = 1000000000000000

class MoneyUnit(enum.IntEnum):
    """Display units of formatting: KR, TKR, MKR."""
    KR = 0
    TKR = 1
    MKR = 2

NO_GOAL: int
NO_PERSON: int
NO_UNIT: int
class NoMemoryError(Exception):
    """The library ran out of memory (TERTIAL_ERR_NOMEM)."""

class NotFoundError(Exception):
    """No such unit, account, row, point, measure, ... (TERTIAL_ERR_NOT_FOUND)."""

class NotPermittedError(Exception):
    """The person's roles do not allow the change, or the follow-up point is locked (TERTIAL_ERR_NOT_PERMIT"""

ORE_PER_KR: int
ORE_PER_MKR: int
ORE_PER_TKR: int
class Org:
    """An organisation: Org() for one of your own, Model.org for a model's. len(), iteration and org[id or """
    def __init__(self) -> None: ...
    def add_level(self, name: str) -> Any: ...
    def add_unit(self, code: str, name: str, parent: int, level: int, manager: str = ...) -> Any: ...
    def clear_levels(self) -> Any: ...
    def depth(self, id: Any, period: Any) -> Any: ...
    def find(self, code: Any) -> Any: ...
    def format_hierarchy(self, period: int) -> Any: ...
    def is_within(self, id: Any, ancestor: Any, period: Any) -> Any: ...
    level_count: Any
    def level_name(self, level: Any) -> Any: ...
    levels: Any
    def move(self, id: Any, new_parent: Any, from_period: Any) -> Any: ...
    def parent(self, id: Any, period: Any) -> Any: ...
    def parse_hierarchy(self, text: str, source: str = ...) -> Any: ...
    def set_manager(self, id: Any, manager: Any) -> Any: ...
    def set_name(self, id: Any, name: Any) -> Any: ...
    def unit(self, id: Any) -> Any: ...
    def walk(self, period: Any, root: Any = ...) -> Any: ...

class OrgIter:
    """A depth-first walk (Org.walk()): yields (Unit, depth) pairs; keeps its organisation alive."""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...

class ParseError(Exception):
    """Malformed text input (TERTIAL_ERR_PARSE)."""

class Periodicity(enum.IntEnum):
    """How often an indicator is measured (the trend's step back)."""
    MONTHLY = 0
    PER_TERTIAL = 1
    YEARLY = 2

class Person:
    """A person of a round's directory (Round.add_person(), Round.person(key), Round.people)."""
    def __init__(self, round: Any, id: Any) -> None: ...
    email: Any
    key: Any
    name: Any

class Perspective(enum.IntEnum):
    """The perspective of a judgement: INDIVIDUAL, SOCIETY, ORGANISATION."""
    INDIVIDUAL = 0
    SOCIETY = 1
    ORGANISATION = 2

class Presentation:
    """How renderers show a report's amounts (presentation.h): Presentation(columns=None, signs='ledger', d"""
    def __init__(self, columns: Any = ..., signs: Any = ..., deviation: Any = ..., unit: Any = ..., decimals: Any = ..., headers: Any = ...) -> None: ...
    columns: Any
    decimals: Any
    deviation: Any
    def header(self, key: Any) -> Any: ...
    @staticmethod
    def load(path: Any) -> Any: ...
    @staticmethod
    def parse(text: Any, source: Any = ...) -> Any: ...
    def set_header(self, key: Any, text: Any) -> Any: ...
    signs: Any
    unit: Any

class PriorityRule:
    """A ranking rule of the prioritisation model: PriorityRule() (the default), PriorityRule.parse(text) o"""
    def __init__(self) -> None: ...
    @staticmethod
    def load(path: Any) -> Any: ...
    @staticmethod
    def parse(text: Any, source: Any = ...) -> Any: ...

class Proposal(tuple):
    """Proposal(code, kind, problem, target_group, measure, cost, difficulty, benefit, cost_effectiveness, """
    code: Any
    kind: Any
    problem: Any
    target_group: Any
    measure: Any
    cost: Any
    difficulty: Any
    benefit: Any
    cost_effectiveness: Any
    perspective: Any
    consequences: Any
    owner: Any
    status: Any
    unit: Any
    account: Any

class ProposalKind(enum.IntEnum):
    PRIORITISATION = 0
    EFFICIENCY = 1
    RATIONING = 2

class ProposalSpec:
    """A proposal to add (Proposals.add() takes the same as keywords); cost is int öre or"""
    def __init__(self, code: Any, measure: Any, kind: Any = ..., cost: Any = ..., difficulty: Any = ..., benefit: Any = ..., cost_effectiveness: Any = ..., perspective: Any = ..., problem: Any = ..., target_group: Any = ..., consequences: Any = ..., owner: Any = ..., status: Any = ..., unit: Any = ..., account: Any = ...) -> None: ...

class ProposalStatus(enum.IntEnum):
    PROPOSED = 0
    DECIDED = 1
    LIFTED = 2

class Proposals:
    """Proposals of the prioritisation model (priorities.h): Proposals(), add(...), load(path), parse(text)"""
    def __init__(self) -> None: ...
    def add(self, code: Any, measure: Any, **fields: Any) -> Any: ...
    def apply(self, model: Any, version: Any) -> Any: ...
    def load(self, path: Any) -> Any: ...
    def parse(self, text: Any, source: Any = ...) -> Any: ...
    def rank(self, rule: Any = ...) -> Any: ...
    def score(self, index: Any, rule: Any = ...) -> Any: ...

class ProposalsApplied(tuple):
    """ProposalsApplied(applied, total, already, not_decided)"""
    applied: Any
    total: Any
    already: Any
    not_decided: Any

REPORT_ALL_SECTIONS: int
REPORT_LINE_FIELDS: Any
class RangeError(Exception):
    """A month, index, period or date is out of range (TERTIAL_ERR_RANGE)."""

class Ranked(tuple):
    """Ranked(rank, index, proposal, score)"""
    rank: Any
    index: Any
    proposal: Any
    score: Any

class ReasonLine(tuple):
    """ReasonLine(reason, amount)"""
    reason: Any
    amount: Any

class Reasons:
    """A reasons table (Orsak till prognosavvikelse | Belopp): Reasons(unit_code), or Model.reasons(unit, c"""
    def __init__(self, unit_code: Any) -> None: ...
    def add(self, reason: Any, amount: Any) -> Any: ...
    def check(self, forecast_deviation: Any) -> Any: ...
    def check_details(self, forecast_deviation: Any) -> Any: ...

class ReasonsCheck(tuple):
    """ReasonsCheck(verdict, line, difference)"""
    verdict: Any
    line: Any
    difference: Any

class ReasonsVerdict(enum.IntEnum):
    """Outcome of checking a reasons table: OK, MISMATCH, SIGN_ERROR."""
    OK = 0
    MISMATCH = 1
    SIGN_ERROR = 2

class Report:
    """A follow-up report of a unit's subtree at a cut-off (Model.report(unit, cutoff, ...)): sections of t"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    def add_audit_findings(self, audit: Any = ...) -> Any: ...
    def add_frame_changes(self, lines: Any) -> Any: ...
    def add_intcontrol(self, intcontrol: Any) -> Any: ...
    def add_investments(self, investments: Any) -> Any: ...
    def add_priorities(self, proposals: Any, rule: Any = ...) -> Any: ...
    def add_unfunded(self, unfunded: Any) -> Any: ...
    child_count: Any
    children: Any
    def comments_text(self, width: Any = ...) -> Any: ...
    cutoff: Any
    cutoff_period: Any
    depth: Any
    english: Any
    point_code: Any
    point_name: Any
    def section(self, kind: Any) -> Any: ...
    sections: Any
    subtitle: Any
    title: Any
    def to_csv(self, options: Any = ..., presentation: Any = ..., **fields: Any) -> Any: ...
    def to_dict(self) -> Any: ...
    def to_docx(self, options: Any = ..., presentation: Any = ..., **fields: Any) -> Any: ...
    def to_json(self, options: Any = ..., presentation: Any = ..., **fields: Any) -> Any: ...
    def to_text(self, options: Any = ..., presentation: Any = ..., **fields: Any) -> Any: ...
    unit: Any
    unit_code: Any
    def write_csv(self, path: Any, options: Any = ..., presentation: Any = ..., **fields: Any) -> Any: ...
    def write_docx(self, path: Any, options: Any = ..., presentation: Any = ..., **fields: Any) -> Any: ...
    def write_json(self, path: Any, options: Any = ..., presentation: Any = ..., **fields: Any) -> Any: ...
    def write_xlsx(self, path: Any, options: Any = ..., presentation: Any = ..., model: Any = ..., **fields: Any) -> Any: ...

class ReportCell(tuple):
    """A cell of a report section as stored (a copy)."""
    present: Any
    value: Any
    text: Any
    date: Any

class ReportColumn(tuple):
    """A column of a report section (a copy)."""
    key: Any
    header: Any
    type: Any
    source: Any

class ReportLine(tuple):
    """The structure of a line of a report section (a copy)."""
    code: Any
    depth: Any
    style: Any
    parent_line: Any
    informational: Any
    forecast_missing: Any

class ReportOptions:
    """Options of a report (tertial_report_options): english, budget_measure (-1: the model's"""
    def __init__(self, english: Any = ..., budget_measure: Any = ..., sections: Any = ..., previous_point: Any = ..., current_point: Any = ..., skip_empty: Any = ..., child_depth: Any = ..., pass_through: Any = ..., prior_year_acc: Any = ..., previous_forecast: Any = ..., forecast_after_measures: Any = ...) -> None: ...
    sections: Any

class ReportRow(tuple):
    """A report row of a mapping (a copy)."""
    code: Any
    label: Any
    kind: Any
    parent: Any
    depth: Any

class ReportSection:
    """A section of a Report: a titled table. `columns`, `lines` and rows() (typed cells: int öre, a Decima"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    def cell(self, line: Any, column: Any) -> Any: ...
    column_count: Any
    columns: Any
    english: Any
    key: Any
    keys: Any
    kind: Any
    line_count: Any
    lines: Any
    report: Any
    def rows(self, kronor: Any = ...) -> Any: ...
    title: Any
    def to_csv(self, options: Any = ..., **fields: Any) -> Any: ...
    def to_dataframe(self, amounts: Any = ..., headers: Any = ..., kronor: Any = ...) -> Any: ...
    def to_dicts(self, kronor: Any = ...) -> Any: ...

class ReportStyle(enum.IntEnum):
    """How a report line is shown: NORMAL, SUBTOTAL, TOTAL."""
    NORMAL = 0
    SUBTOTAL = 1
    TOTAL = 2

class ReportType(enum.IntEnum):
    """The type of a report column's cells: TEXT, AMOUNT, SHARE, DATE."""
    TEXT = 0
    AMOUNT = 1
    SHARE = 2
    DATE = 3

class Risk(tuple):
    """Risk(code, committee, process, risk, likelihood, consequence, value, controlled)"""
    code: Any
    committee: Any
    process: Any
    risk: Any
    likelihood: Any
    consequence: Any
    value: Any
    controlled: Any

class Role:
    """Roles on a unit and its subtree, as flags: MANAGER (budgetansvarig), HEAD (chef), ECONOMIST (ekonom)"""
    MANAGER = 1
    HEAD = 2
    ECONOMIST = 4
    SECRETARY = 8
    READER = 16

class Round:
    """The follow-up round of a model (Model.round): people and roles, texts, statuses up the line, the loc"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    def acting(self, person: Any, on_behalf_of: Any = ...) -> Any: ...
    def add_person(self, key: Any, name: Any, email: Any = ...) -> Any: ...
    def assign(self, person: Any, role: Any, unit: Any) -> Any: ...
    assignments: Any
    def audit(self, unit: Any = ..., subtree: Any = ..., person: Any = ..., point: Any = ..., since: Any = ..., until: Any = ...) -> Any: ...
    audit_count: Any
    def control_report(self, control: Any, point: Any) -> Any: ...
    def control_unit(self, control: Any) -> Any: ...
    def due(self, point: Any, date: Any, person: Any = ..., root: Any = ...) -> Any: ...
    intcontrol: Any
    def is_locked(self, point: Any) -> Any: ...
    def load_people(self, text_or_path: Any, source: Any = ...) -> Any: ...
    def lock_state(self, point: Any) -> Any: ...
    model: Any
    def not_submitted(self, point: Any, root: Any = ...) -> Any: ...
    people: Any
    def person(self, key: Any) -> Any: ...
    person_count: Any
    def progress(self, point: Any, root: Any = ...) -> Any: ...
    def roles(self, person: Any, unit: Any, period: Any = ...) -> Any: ...
    def set_clock(self, clock: Any) -> Any: ...
    def set_threshold(self, level: Any, amount: Any = ..., per_mille: Any = ...) -> Any: ...
    def status(self, unit: Any, point: Any) -> Any: ...
    def text(self, unit: Any, point: Any, kind: Any = ..., row: Any = ...) -> Any: ...
    def text_history(self, unit: Any, point: Any, kind: Any = ..., row: Any = ...) -> Any: ...

class RowKind(enum.IntEnum):
    """Kinds of report row: LINE, SUM, INTERNAL."""
    LINE = 0
    SUM = 1
    INTERNAL = 2

class RowMap:
    """A mapping from account ranges to report rows: RowMap(name, version), RowMap.kommunbas(), RowMap.pars"""
    def __init__(self, name: Any = ..., version: Any = ...) -> None: ...
    def add_range(self, _from: Any, to: Any, row_code: Any) -> Any: ...
    def add_row(self, code: Any, label: Any, kind: Any, parent_code: str = ...) -> Any: ...
    def find_row(self, code: Any) -> Any: ...
    def format(self) -> Any: ...
    @staticmethod
    def kommunbas() -> Any: ...
    def lookup(self, number: Any) -> Any: ...
    name: Any
    @staticmethod
    def parse(text: Any, source: Any = ...) -> Any: ...
    result_row: Any
    def row(self, index: Any) -> Any: ...
    def set_result(self, row_code: Any) -> Any: ...
    def validate(self) -> Any: ...
    version: Any

SIE_CURRENT_BUDGET: int
SIE_NO_BUDGET: int
STORE_CREATE: int
STORE_READONLY: int
STORE_SCHEMA_VERSION: int
class Schedule:
    """The dated calendar of one cycle of a wheel (Wheel.schedule(year)); len(), iteration and s[i] give Sc"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    def due(self, start: Any = ..., end: Any = ..., role: Any = ..., unit: Any = ...) -> Any: ...
    election: Any
    year: Any

class ScheduleEntry(tuple):
    """ScheduleEntry(kind, index, process, name, responsible, participants, unit, decided_by, point, level,"""
    kind: Any
    index: Any
    process: Any
    name: Any
    responsible: Any
    participants: Any
    unit: Any
    decided_by: Any
    point: Any
    level: Any
    start: Any
    end: Any
    start_week_year: Any
    start_week: Any
    end_week_year: Any
    end_week: Any

class ScheduleKind(enum.IntEnum):
    """What a schedule entry is: PROCESS, ACTIVITY, DEADLINE."""
    PROCESS = 0
    ACTIVITY = 1
    DEADLINE = 2

class SectionKind(enum.IntEnum):
    """The kinds of sections of a report, in the order it has them."""
    KEY_FIGURES = 0
    UNITS = 1
    ROWS = 2
    REASONS = 3
    CHANGE = 4
    MEASURES_FOLLOWUP = 5
    MEASURES_NEW = 6
    FINDINGS = 7
    MONTHLY = 8
    TEXTS = 9
    GOALS = 10
    WARNINGS = 11
    EFFICIENCY = 12
    PRIORITIES = 13
    INTCONTROL = 14
    UNFUNDED = 15
    INVESTMENTS = 16
    FRAME_CHANGES = 17

class Severity(enum.IntEnum):
    """Severity of a finding: ERROR, WARNING."""
    ERROR = 0
    WARNING = 1

class SieAction(enum.IntEnum):
    """What the SIE reader did about a problem: KEPT, REPAIRED, SKIPPED, STOPPED."""
    KEPT = 0
    REPAIRED = 1
    SKIPPED = 2
    STOPPED = 3

class SieDiagnostic(tuple):
    """A problem the SIE reader found (a copy)."""
    problem: Any
    action: Any
    is_error: Any
    file: Any
    line: Any
    column: Any
    label: Any
    expected: Any
    found: Any
    message: Any

class SieDifference(tuple):
    """One account of one year whose figures in the SIE file disagree (the reconciliation; a copy)."""
    year: Any
    account: Any
    compared: Any
    present: Any
    trans: Any
    psaldo: Any
    yearly: Any

class SieEncoding(enum.IntEnum):
    """Character encodings of SIE files: AUTO (detect), ASCII, CP437 (PC8), UTF8, LATIN1, OTHER."""
    AUTO = 0
    ASCII = 1
    CP437 = 2
    UTF8 = 3
    LATIN1 = 4
    OTHER = 5

class SieFigures(tuple):
    """The records of one label and what became of their amounts, in öre (a copy)."""
    records: Any
    read: Any
    current: Any
    prior: Any
    other_years: Any
    loaded: Any
    catch_all: Any
    covered: Any
    not_chosen: Any
    unplaced: Any
    unreadable: Any

class SieHas:
    """The kinds of figures a year has in an SIE file: TRANS, PSALDO, YEARLY."""
    TRANS = 1
    PSALDO = 2
    YEARLY = 4

class SieLabel(enum.IntEnum):
    """Record labels of SIE 4B (tertial_sie_label); UNKNOWN for others."""
    UNKNOWN = 0
    ADRESS = 1
    BKOD = 2
    BTRANS = 3
    DIM = 4
    ENHET = 5
    FLAGGA = 6
    FNAMN = 7
    FNR = 8
    FORMAT = 9
    FTYP = 10
    GEN = 11
    IB = 12
    KONTO = 13
    KPTYP = 14
    KSUMMA = 15
    KTYP = 16
    OBJEKT = 17
    OIB = 18
    OMFATTN = 19
    ORGNR = 20
    OUB = 21
    PBUDGET = 22
    PROGRAM = 23
    PROSA = 24
    PSALDO = 25
    RAR = 26
    RES = 27
    RTRANS = 28
    SIETYP = 29
    SRU = 30
    TAXAR = 31
    TRANS = 32
    UB = 33
    UNDERDIM = 34
    VALUTA = 35
    VER = 36

class SieLoad:
    """The result of loading an SIE file into a model (Model.load_sie()): summary, figures(label), notes, d"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    catch_all: Any
    compared_count: Any
    def diagnostic(self, index: int) -> Any: ...
    diagnostics: Any
    def difference(self, index: int) -> Any: ...
    differences: Any
    def figures(self, label: int) -> Any: ...
    def note(self, index: int) -> Any: ...
    notes: Any
    summary: Any

class SieLoadOptions:
    """Options of an SIE load (tertial_sie_load_options): reader (SieOptions; or the reader's"""
    def __init__(self, reader: Any = ..., year: Any = ..., unit_dimension: Any = ..., outcome_source: Any = ..., object_rows: Any = ..., hierarchy: Any = ..., catch_all_code: Any = ..., catch_all_name: Any = ..., catch_all_parent: Any = ..., budget_name: Any = ..., max_notes: Any = ..., **reader_fields: Any) -> None: ...

class SieLoadProblem(enum.IntEnum):
    """What a note of an SIE load is about."""
    UNKNOWN_OBJECT = 1
    NO_OBJECT = 2
    OUTSIDE_YEAR = 3
    BAD_ACCOUNT = 4
    ACCOUNT_TYPE = 5
    NO_FISCAL_YEAR = 6
    NOT_CHOSEN = 7
    SEVERAL_UNITS = 8
    YEAR_MISMATCH = 9
    OTHER_YEAR = 10
    BAD_TEXT = 11

class SieMode(enum.IntEnum):
    """How the SIE reader treats departures from the specification: LENIENT (repair or skip, note it, carry"""
    LENIENT = 0
    STRICT = 1

class SieNote(tuple):
    """One note of an SIE load (a copy)."""
    problem: Any
    label: Any
    line: Any
    year: Any
    period: Any
    measure: Any
    account: Any
    object: Any
    amount: Any
    message: Any
    is_problem: Any

class SieObject(tuple):
    """An entry of an object list: dimension and object code."""
    dimension: Any
    object: Any

class SieObjectRows(enum.IntEnum):
    """How #PSALDO/#PBUDGET records with and without objects relate: TOTAL (the specification: without obje"""
    TOTAL = 0
    PARTITION = 1

class SieOptions:
    """Options of the SIE reader (tertial_sie_options): mode (SieMode.LENIENT or STRICT),"""
    def __init__(self, mode: Any = ..., encoding: Any = ..., return_unknown: Any = ..., max_diagnostics: Any = ..., block_size: Any = ..., max_line: Any = ..., name: Any = ..., progress: Any = ...) -> None: ...

class SieProblem(enum.IntEnum):
    """Kinds of problems the SIE reader finds (tertial_sie_problem)."""
    BAD_LINE = 1
    BAD_LABEL = 2
    BAD_QUOTE = 3
    CONTROL_CHAR = 4
    BAD_ENCODING = 5
    ENCODING_MISMATCH = 6
    MISSING_FIELD = 7
    BAD_AMOUNT = 8
    AMOUNT_FORM = 9
    BAD_QUANTITY = 10
    BAD_DATE = 11
    BAD_PERIOD = 12
    BAD_NUMBER = 13
    BAD_OBJECT_LIST = 14
    MISSING_OBJECT_LIST = 15
    SWAPPED_FIELDS = 16
    PERIOD_OUTSIDE_YEAR = 17
    BAD_BLOCK = 18
    UNBALANCED_VOUCHER = 19
    RTRANS_MISMATCH = 20
    CHECKSUM = 21
    MISSING_RECORD = 22
    LINE_TOO_LONG = 23

class SieReader:
    """A streaming SIE reader: SieReader(path, **SieOptions fields) or SieReader.from_bytes(data). Iteratin"""
    def __init__(self, path: Any, options: Any = ..., **fields: Any) -> None: ...
    def close(self) -> Any: ...
    closed: Any
    declared_encoding: Any
    def diagnostic(self, index: int) -> Any: ...
    diagnostic_count: Any
    diagnostics: Any
    encoding: Any
    @staticmethod
    def from_bytes(data: Any, options: Any = ..., **fields: Any) -> Any: ...
    stats: Any

class SieRecord(tuple):
    """One record of an SIE file (a copy); fields not used by the label are 0, '' or None."""
    label: Any
    tag: Any
    line: Any
    year: Any
    period: Any
    number: Any
    dimension: Any
    superdimension: Any
    account: Any
    object: Any
    text: Any
    text2: Any
    series: Any
    voucher_number: Any
    sign: Any
    date: Any
    date2: Any
    amount: Any
    quantity: Any
    checksum: Any
    objects: Any
    duplicate: Any
    fields: Any

class SieSource(enum.IntEnum):
    """Which records give a year's monthly outcome: AUTO, TRANS (#VER lines), PSALDO."""
    AUTO = 0
    TRANS = 1
    PSALDO = 2

class SieStats(tuple):
    """Counters of one SIE reading (a copy)."""
    bytes: Any
    lines: Any
    records: Any
    unknown_records: Any
    skipped_records: Any
    bad_amounts: Any
    warnings: Any
    errors: Any
    diagnostics_dropped: Any
    vouchers: Any
    transactions: Any
    duplicates: Any
    sie_type: Any
    checksum_present: Any
    checksum_ok: Any
    checksum_stated: Any
    checksum_computed: Any

class SieSummary(tuple):
    """What an SIE load did, as a whole (a copy)."""
    file: Any
    sie_type: Any
    encoding: Any
    company: Any
    orgnr: Any
    program: Any
    program_version: Any
    chart_type: Any
    currency: Any
    generated: Any
    fiscal_year_line: Any
    outcome_source: Any
    prior_source: Any
    accounts_added: Any
    accounts_existing: Any
    units_added: Any
    units_matched: Any
    objects_unmatched: Any
    catch_all: Any
    budget_measure: Any
    outcome: Any
    prior: Any
    budget: Any
    catch_all_outcome: Any
    catch_all_prior: Any
    catch_all_budget: Any
    dimensions: Any
    objects: Any
    notes: Any
    notes_dropped: Any
    reader: Any
    unplaced: Any
    unreadable: Any
    problems: Any
    outcome_months: Any
    prior_months: Any
    budget_months: Any
    outcome_before: Any
    outcome_after: Any
    prior_before: Any
    prior_after: Any
    budget_before: Any
    budget_after: Any

class SieWriteOptions:
    """Options of the SIE writer (tertial_sie_write_options): budget_measure (the measure written"""
    def __init__(self, budget_measure: Any = ..., outcome: Any = ..., prior: Any = ..., dimension: Any = ..., dimension_name: Any = ..., company: Any = ..., orgnr: Any = ..., program: Any = ..., generated: Any = ..., sie_type: Any = ..., balance_account: Any = ...) -> None: ...

class SieWriteSummary(tuple):
    """What the SIE writer wrote."""
    units: Any
    accounts: Any
    psaldo: Any
    pbudget: Any
    outcome: Any
    prior: Any
    budget: Any
    replaced: Any
    checksum: Any
    bytes: Any
    vouchers: Any
    trans: Any
    balance: Any

class SignConvention(enum.IntEnum):
    """The signs a presentation shows amounts in: LEDGER (revenue negative), COSTS_NEGATIVE, POSITIVE (reve"""
    LEDGER = 0
    COSTS_NEGATIVE = 1
    POSITIVE = 2

class Snapshot:
    """Forecasts frozen at a follow-up point (Model.snapshots.take(point, taken_on)); immutable. len(), ite"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    def accuracy(self, unit: Any) -> Any: ...
    def compare(self, current: Any, unit: Any) -> Any: ...
    cutoff: Any
    def entries(self) -> Any: ...
    point: Any
    taken_on: Any
    def total(self, unit: Any) -> Any: ...

class SnapshotChange(tuple):
    """The change of a subtree's forecast between two snapshots."""
    previous: Any
    current: Any
    change: Any
    new_outcome: Any
    changed_adjustments: Any

class SnapshotEntry(tuple):
    """One unit and line row of a snapshot (a copy)."""
    unit: Any
    row_code: Any
    method: Any
    fallback: Any
    base: Any
    adjustments: Any
    planned: Any
    forecast: Any
    outcome_to_date: Any
    budget_year: Any

class Snapshots:
    """The snapshots of a model (Model.snapshots) in the order taken: len(), iteration,"""
    def __init__(self, model: Any) -> None: ...
    def find(self, point: Any) -> Any: ...
    def restore(self, point: Any, cutoff: int, taken_on: Any, entries: Any) -> Any: ...
    def take(self, point: Any, taken_on: Any) -> Any: ...

class StateError(Exception):
    """The operation conflicts with the current state, e.g. a cycle (TERTIAL_ERR_STATE)."""

class Status(enum.IntEnum):
    """A unit's status at a point: NOT_STARTED, IN_PROGRESS, SUBMITTED (klarmarkerad), APPROVED, RETURNED."""
    NOT_STARTED = 0
    IN_PROGRESS = 1
    SUBMITTED = 2
    APPROVED = 3
    RETURNED = 4

class Store:
    """The embedded store: a municipality's models, one per fiscal year, in a SQLite file. Store(path, crea"""
    def __init__(self, path: Any, create: Any = ..., readonly: Any = ...) -> None: ...
    def bind_round(self, model: Any) -> Any: ...
    def close(self) -> Any: ...
    closed: Any
    has_model: Any
    def has_year(self, first_year: int) -> Any: ...
    def load(self) -> Any: ...
    def load_frame_lines(self, year: Any, measure: Any) -> Any: ...
    def load_intcontrol(self, year: Any) -> Any: ...
    def load_investments(self, year: Any) -> Any: ...
    def load_proposals(self, year: Any) -> Any: ...
    def load_unfunded(self, year: Any) -> Any: ...
    def load_wheel(self, name: Any = ...) -> Any: ...
    def load_year(self, first_year: int) -> Any: ...
    path: Any
    def remove_year(self, first_year: int) -> Any: ...
    def save(self, model: Any) -> Any: ...
    def save_frame_lines(self, year: Any, measure: Any, version: Any, lines: Any) -> Any: ...
    def save_intcontrol(self, year: Any, ic: Any) -> Any: ...
    def save_investments(self, year: Any, investments: Any) -> Any: ...
    def save_proposals(self, year: int, list: Any) -> Any: ...
    def save_round(self, model: Any) -> Any: ...
    def save_unfunded(self, year: Any, list: Any) -> Any: ...
    def save_wheel(self, name: Any, wheel: Any) -> Any: ...
    def save_with_frame_lines(self, model: Any, measure: Any, version: Any, lines: Any) -> Any: ...
    def save_years(self, models: Any) -> Any: ...
    schema_version: Any
    def unbind_round(self, model: Any) -> Any: ...
    year_count: Any
    years: Any

class TertialError(Exception):
    """Base class of Tertial's errors. `code` is the ErrorCode, `message` (also str(e)) the library's last """

class TertialIOError(Exception):
    """Reading or writing a file failed (TERTIAL_ERR_IO)."""

class TextKind(enum.IntEnum):
    """Kinds of texts of a unit at a point: SUMMARY (Sammanfattning), ANALYSIS (Ekonomisk analys och progno"""
    SUMMARY = 0
    ANALYSIS = 1
    ROW_COMMENT = 2

class TextOptions:
    """Options of tertial_render_text(). Initialise with ::TERTIAL_TEXT_OPTIONS_INIT."""
    def __init__(self, **fields: Any) -> None: ...
    decimals: Any
    english: Any
    label_width: Any
    sum_preserving: Any
    unit: Any
    version: Any

class TextVersion(tuple):
    """TextVersion(text, person, on_behalf_of, when, version)"""
    text: Any
    person: Any
    on_behalf_of: Any
    when: Any
    version: Any

class Unfunded:
    """Unfunded decisions (ofinansierade beslut, unfunded.h): Unfunded(), add(...), load(path), parse(text)"""
    def __init__(self) -> None: ...
    def add(self, code: Any, committee: Any, decided: Any, cost: Any, funding: Any = ..., funded: Any = ..., decided_by: Any = ..., description: Any = ...) -> Any: ...
    committees: Any
    def load(self, path: Any) -> Any: ...
    def parse(self, text: Any, source: Any = ...) -> Any: ...
    def total(self, committee: str = ...) -> Any: ...

class UnfundedDecision(tuple):
    """UnfundedDecision(code, committee, decided, decided_by, description, cost, funding, funded, unfunded)"""
    code: Any
    committee: Any
    decided: Any
    decided_by: Any
    description: Any
    cost: Any
    funding: Any
    funded: Any
    unfunded: Any

class Unit:
    """A unit of an organisation, by id (Org.add_unit(), org[code], iteration, walks)."""
    def __init__(self, org: Any, id: Any) -> None: ...
    code: Any
    def depth(self, period: Any) -> Any: ...
    def is_within(self, ancestor: Any, period: Any) -> Any: ...
    level: Any
    level_name: Any
    manager: Any
    def move(self, new_parent: Any, from_period: Any) -> Any: ...
    name: Any
    def parent(self, period: Any) -> Any: ...
    def walk(self, period: Any) -> Any: ...

class UnitStatus(tuple):
    """UnitStatus(status, version, person, on_behalf_of, when, comment, escalated)"""
    status: Any
    version: Any
    person: Any
    on_behalf_of: Any
    when: Any
    comment: Any
    escalated: Any

class View(enum.IntEnum):
    """Which follow-up table to build: CHILDREN, SUBTREE, ROWS."""
    CHILDREN = 0
    SUBTREE = 1
    ROWS = 2

class VolumeOutlook(tuple):
    """VolumeOutlook(months, budgeted, latest, trend_year_end, warns, first_month, cost_per_unit, consequen"""
    months: Any
    budgeted: Any
    latest: Any
    trend_year_end: Any
    warns: Any
    first_month: Any
    cost_per_unit: Any
    consequence: Any

class Wheel:
    """A municipality's annual wheel (wheel.h): Wheel.load(path) or Wheel.parse(text); processes, activitie"""
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    activities: Any
    @staticmethod
    def load(path: Any) -> Any: ...
    @staticmethod
    def parse(text: Any, source: Any = ...) -> Any: ...
    processes: Any
    def schedule(self, year: Any, kind: Any = ..., followup: Any = ...) -> Any: ...

class WheelActivity(tuple):
    """WheelActivity(process, name, when, responsible, participants, unit, decided_by, objects_in, objects_"""
    process: Any
    name: Any
    when: Any
    responsible: Any
    participants: Any
    unit: Any
    decided_by: Any
    objects_in: Any
    objects_out: Any
    variant: Any
    line: Any

class WheelFlow(enum.IntEnum):
    """Which process a sub-process belongs to: PLANNING, FOLLOWUP."""
    PLANNING = 0
    FOLLOWUP = 1

class WheelProcess(tuple):
    """WheelProcess(name, flow, when, objects_in, objects_out, line)"""
    name: Any
    flow: Any
    when: Any
    objects_in: Any
    objects_out: Any
    line: Any

class WheelVariant(enum.IntEnum):
    """In which years an activity holds: EVERY_YEAR, ORDINARY, ELECTION."""
    EVERY_YEAR = 0
    ORDINARY = 1
    ELECTION = 2

class WheelWhen(tuple):
    """WheelWhen(kind, year, from_week, to_week, from_month, from_day, to_month, to_day)"""
    kind: Any
    year: Any
    from_week: Any
    to_week: Any
    from_month: Any
    from_day: Any
    to_month: Any
    to_day: Any

class WhenKind(enum.IntEnum):
    """How a template's time is given: UNSCHEDULED, WEEKS, DATES, FOLLOWUP."""
    UNSCHEDULED = 0
    WEEKS = 1
    DATES = 2
    FOLLOWUP = 3

class XlsxOptions:
    """Options of the xlsx renderer (tertial_xlsx_options): unit (MoneyUnit.TKR) and decimals of"""
    def __init__(self, unit: Any = ..., decimals: Any = ..., children: Any = ..., constant_memory: Any = ..., green_from: Any = ..., red_below: Any = ..., created: Any = ..., author: Any = ..., company: Any = ..., overview: Any = ..., local_names: Any = ..., tmpdir: Any = ..., red_share: Any = ...) -> None: ...
    created: Any

class YearKind(enum.IntEnum):
    """Whether a cycle's year is an election year: AUTO (by the year), ORDINARY, ELECTION."""
    AUTO = 0
    ORDINARY = 1
    ELECTION = 2

def account_type_guess(number: Any) -> Any: ...
def action_name(action: Any) -> Any: ...
def audit_files(*paths: Any, spec: Any = ..., sheet: Any = ...) -> Any: ...
def backtest_best_table(past: Any, nseries: Any, nyears: Any, threads: Any = ...) -> Any: ...
def benefit_name(b: Any) -> Any: ...
def budget_kind_name(kind: Any) -> Any: ...
def budget_kind_parse(name: Any) -> Any: ...
def column_header(column: Any, english: int) -> str: ...
def cost_effectiveness_name(c: Any) -> Any: ...
def days_in_month(year: Any, month: Any) -> Any: ...
def demo(options: Any = ..., **fields: Any) -> Any: ...
def demo_goals(*args: Any, _f: Any = ..., **kwargs: Any) -> Any: ...
def demo_round(*args: Any, _f: Any = ..., **kwargs: Any) -> Any: ...
def demo_year(year: int, no_outcome: Any = ..., options: Any = ..., **fields: Any) -> Any: ...
def difficulty_name(d: Any) -> Any: ...
def election_year_is(year: Any) -> Any: ...
def error_clear() -> Any: ...
def error_last() -> str: ...
def error_last_code() -> Any: ...
def finding_kind_name(kind: Any) -> Any: ...
def forecast_base(method: Any, input: Any) -> Any: ...
def forecast_method_name(method: Any) -> Any: ...
def funding_name(funding: Any) -> Any: ...
def goal_status_name(status: Any) -> Any: ...
def holiday_dates(year: Any, flags: Any = ...) -> Any: ...
def holiday_easter(year: int) -> Any: ...
def holiday_is(*args: Any) -> Any: ...
def holiday_name(id: Any) -> str: ...
def holiday_weekday(date: Any) -> Any: ...
def holidays_of_year(*args: Any) -> Any: ...
def import_csv(model: Any, data: Any, kind: Any, source: Any = ..., dry_run: Any = ..., budget: Any = ...) -> Any: ...
def import_kind_name(kind: Any) -> Any: ...
def import_kind_parse(name: Any) -> Any: ...
def import_table(model: Any, path: Any, kind: Any, sheet: Any = ..., dry_run: Any = ..., budget: Any = ...) -> Any: ...
def investment_status_name(status: Any) -> Any: ...
def iso_week_count(year: int) -> Any: ...
def iso_week_of(date: Any) -> Any: ...
def iso_week_start(year: Any, week: int) -> Any: ...
def kronor(ore: Any) -> Any: ...
def money_add(a: Any, b: Any) -> Any: ...
def money_format(ore: int, unit: int, decimals: int) -> Any: ...
def money_mul(amount: Any, factor: Any) -> Any: ...
def money_parse(text: str, style: int) -> Any: ...
def money_round(ore: Any, unit: Any, decimals: int) -> Any: ...
def money_round_vector(out: Any, unit: int, decimals: Any) -> Any: ...
def money_scale(amount: Any, num: Any, den: Any) -> Any: ...
def money_sub(a: Any, b: Any) -> Any: ...
def ore(amount: Any) -> Any: ...
def period_make(year: Any, month: Any) -> Any: ...
def perspective_name(p: Any) -> Any: ...
def proposal_kind_name(kind: Any) -> Any: ...
def proposal_status_name(s: Any) -> Any: ...
def render_text(table: Any, options: Any) -> Any: ...
def sie_encoding_name(encoding: int) -> str: ...
def sie_fiscal_year(path: str, year: int = ..., options: Any = ..., **fields: Any) -> Any: ...
def sie_label_name(label: int) -> str: ...
def sie_load_problem_name(problem: int) -> str: ...
def sie_problem_name(problem: int) -> str: ...
def sie_read(path: Any, options: Any = ..., **fields: Any) -> Any: ...
def status_name(status: Any) -> Any: ...
def strerror(code: int) -> str: ...
def version() -> str: ...
def working_day_is(*args: Any) -> Any: ...
def working_days_in_month(*args: Any) -> Any: ...
__version__: str
