"""Every public C function of the wrapped headers is reachable from Python, or excluded
with a reason; every header is either wrapped or listed as pending.

The headers are parsed with tests/abi/check_symbols.py (the parser of the abi-symbols test),
so this list cannot silently miss a function. Each function is checked three ways: its
1:1 function exists in tertial.core, the Pythonic attribute named here exists, and the
extension module imports the C symbol (nm), so the wrapper really calls it.
"""
import importlib.util
import os
import pathlib
import shutil
import subprocess

import pytest

import tertial
from tertial import core

SOURCE_ROOT = pathlib.Path(os.environ.get("TERTIAL_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[3]))
INCLUDE = SOURCE_ROOT / "include" / "tertial"

# C function -> where it is reached in the Pythonic API ("Class.attr" or a module function).
API = {
    # common.h, error.h
    "tertial_version": "version",
    "tertial_error_last": "error_last",
    "tertial_error_last_code": "error_last_code",
    "tertial_error_clear": "error_clear",
    "tertial_strerror": "strerror",
    # money.h
    "tertial_money_add": "money_add",
    "tertial_money_sub": "money_sub",
    "tertial_money_mul": "money_mul",
    "tertial_money_scale": "money_scale",
    "tertial_money_parse": "money_parse",
    "tertial_money_round": "money_round",
    "tertial_money_format": "money_format",
    "tertial_money_round_vector": "money_round_vector",
    # calendar.h
    "tertial_fiscal_year_init": "FiscalYear.__init__",
    "tertial_fiscal_year_containing": "FiscalYear.containing",
    "tertial_fiscal_year_period": "FiscalYear.period",
    "tertial_fiscal_year_index": "FiscalYear.index",
    "tertial_fiscal_year_days_in_month": "FiscalYear.days_in_month",
    "tertial_fiscal_year_label": "FiscalYear.label",
    "tertial_period_make": "period_make",
    "tertial_days_in_month": "days_in_month",
    "tertial_calendar_new": "Calendar.__init__",
    "tertial_calendar_new_default": "Calendar.default",
    "tertial_calendar_free": "Calendar.__swig_destroy__",
    "tertial_calendar_start_month": "Calendar.start_month",
    "tertial_calendar_add_point": "Calendar.add_point",
    "tertial_calendar_remove_point": "Calendar.remove_point",
    "tertial_calendar_parse": "Calendar.parse",
    "tertial_calendar_point_count": "Calendar.__len__",
    "tertial_calendar_point": "Calendar.point",
    "tertial_calendar_find_point": "Calendar.find_point",
    "tertial_calendar_deadline": "Calendar.deadline",
    "tertial_calendar_set_level_deadline": "Calendar.set_level_deadline",
    "tertial_calendar_remove_level_deadline": "Calendar.remove_level_deadline",
    "tertial_calendar_level_deadline_count": "Calendar.level_deadlines",
    "tertial_calendar_level_deadline_at": "Calendar.level_deadlines",
    "tertial_calendar_level_deadline": "Calendar.level_deadline",
    # org.h
    "tertial_org_new": "Org.__init__",
    "tertial_org_free": "Org.__swig_destroy__",
    "tertial_org_clear_levels": "Org.clear_levels",
    "tertial_org_add_level": "Org.add_level",
    "tertial_org_level_count": "Org.level_count",
    "tertial_org_level_name": "Org.level_name",
    "tertial_org_add_unit": "Org.add_unit",
    "tertial_org_set_manager": "Org.set_manager",
    "tertial_org_set_name": "Org.set_name",
    "tertial_org_move": "Org.move",
    "tertial_org_unit_count": "Org.__len__",
    "tertial_org_unit": "Unit.name",
    "tertial_org_find": "Org.find",
    "tertial_org_parent": "Unit.parent",
    "tertial_org_depth": "Unit.depth",
    "tertial_org_is_within": "Unit.is_within",
    "tertial_org_iter_new": "Org.walk",
    "tertial_org_iter_next": "OrgIter.__next__",
    "tertial_org_iter_free": "OrgIter.__swig_destroy__",
    # accounts.h
    "tertial_chart_new": "Chart.__init__",
    "tertial_chart_free": "Chart.__swig_destroy__",
    "tertial_chart_add": "Chart.add",
    "tertial_chart_ensure": "Chart.ensure",
    "tertial_chart_find": "Chart.find",
    "tertial_chart_count": "Chart.__len__",
    "tertial_chart_account": "Account.number",
    "tertial_chart_set_internal": "Chart.set_internal",
    "tertial_chart_set_name": "Chart.set_name",
    "tertial_account_type_guess": "account_type_guess",
    "tertial_rowmap_new": "RowMap.__init__",
    "tertial_rowmap_new_kommunbas": "RowMap.kommunbas",
    "tertial_rowmap_parse": "RowMap.parse",
    "tertial_rowmap_format": "RowMap.format",
    "tertial_rowmap_free": "RowMap.__swig_destroy__",
    "tertial_rowmap_name": "RowMap.name",
    "tertial_rowmap_version": "RowMap.version",
    "tertial_rowmap_add_row": "RowMap.add_row",
    "tertial_rowmap_add_range": "RowMap.add_range",
    "tertial_rowmap_set_result": "RowMap.set_result",
    "tertial_rowmap_validate": "RowMap.validate",
    "tertial_rowmap_row_count": "RowMap.__len__",
    "tertial_rowmap_row": "RowMap.row",
    "tertial_rowmap_find_row": "RowMap.find_row",
    "tertial_rowmap_result_row": "RowMap.result_row",
    "tertial_rowmap_lookup": "RowMap.lookup",
    # ledger.h
    "tertial_ledger_new": "Ledger.__init__",
    "tertial_ledger_free": "Ledger.__swig_destroy__",
    "tertial_ledger_fiscal_year": "Ledger.fiscal_year",
    "tertial_ledger_add_measure": "Ledger.add_measure",
    "tertial_ledger_measure_count": "Ledger.measure_count",
    "tertial_ledger_measure_name": "Ledger.measure_name",
    "tertial_ledger_find_measure": "Ledger.find_measure",
    "tertial_ledger_add": "Ledger.add",
    "tertial_ledger_set": "Ledger.set",
    "tertial_ledger_copy_measure": "Ledger.copy_measure",
    "tertial_ledger_add_period": "Ledger.add_period",
    "tertial_ledger_add_by_code": "Ledger.add_by_code",
    "tertial_ledger_get": "Ledger.get",
    "tertial_ledger_rollup": "Ledger.rollup",
    "tertial_ledger_total": "Ledger.total",
    "tertial_ledger_row_total": "Ledger.row_total",
    "tertial_ledger_line_count": "Ledger.line_count",
    # model.h
    "tertial_model_new": "Model.__init__",
    "tertial_model_free": "Model.__swig_destroy__",
    "tertial_model_fiscal_year": "Model.fiscal_year",
    "tertial_model_org": "Model.org",
    "tertial_model_chart": "Model.chart",
    "tertial_model_rowmap": "Model.rowmap",
    "tertial_model_calendar": "Model.calendar",
    "tertial_model_ledger": "Model.ledger",
    "tertial_model_set_rowmap": "Model.set_rowmap",
    "tertial_model_current_budget": "Model.current_budget",
    "tertial_model_set_current_budget": "Model.set_current_budget",
    "tertial_model_set_forecast": "Model.set_forecast",
    "tertial_model_clear_forecast": "Model.clear_forecast",
    "tertial_model_forecast": "Model.forecast",
    # followup.h
    "tertial_followup_new": "Model.followup",
    "tertial_followup_free": "FollowupTable.__swig_destroy__",
    "tertial_followup_line_count": "FollowupTable.__len__",
    "tertial_followup_line_at": "FollowupTable.__getitem__",
    "tertial_followup_value": "FollowupTable.value",
    "tertial_followup_view_of": "FollowupTable.view",
    "tertial_followup_unit": "FollowupTable.unit",
    "tertial_followup_cutoff": "FollowupTable.cutoff",
    "tertial_followup_cutoff_period": "FollowupTable.cutoff_period",
    "tertial_followup_title": "FollowupTable.title",
    "tertial_column_header": "column_header",
    # check.h
    "tertial_check_model": "Model.check",
    "tertial_check_table": "FollowupTable.check",
    "tertial_findings_free": "Findings.__swig_destroy__",
    "tertial_findings_count": "Findings.__len__",
    "tertial_findings_error_count": "Findings.error_count",
    "tertial_findings_at": "Findings.__getitem__",
    "tertial_finding_kind_name": "finding_kind_name",
    # render_text.h
    "tertial_render_text": "FollowupTable.render_text",
    "tertial_render_text_comments": "Report.comments_text",
    "tertial_render_text_report": "Report.to_text",
    # holidays.h
    "tertial_holiday_easter": "holiday_easter",
    "tertial_holiday_name": "holiday_name",
    "tertial_holidays_of_year": "holidays_of_year",
    "tertial_holiday_is": "holiday_is",
    "tertial_holiday_weekday": "holiday_weekday",
    "tertial_working_day_is": "working_day_is",
    "tertial_working_days_in_month": "working_days_in_month",
    # keys.h
    "tertial_key_new_equal": "Key.equal",
    "tertial_key_new_calendar_days": "Key.calendar_days",
    "tertial_key_new_working_days": "Key.working_days",
    "tertial_key_new_salary": "Key.salary",
    "tertial_key_new_last_year": "Key.last_year",
    "tertial_key_new_custom": "Key.custom",
    "tertial_key_free": "Key.__swig_destroy__",
    "tertial_key_name": "Key.name",
    "tertial_key_kind_of": "Key.kind",
    "tertial_key_falls_back": "Key.falls_back",
    "tertial_key_values": "Key.values",
    "tertial_key_holiday_flags": "Key.holiday_flags",
    "tertial_key_weights": "Key.weights",
    "tertial_key_distribute": "Key.distribute",
    "tertial_key_distribute_row": "Key.distribute_row",
    "tertial_keyset_new": "KeySet.__init__",
    "tertial_keyset_free": "KeySet.__swig_destroy__",
    "tertial_keyset_add": "KeySet.add",
    "tertial_keyset_count": "KeySet.__len__",
    "tertial_keyset_key": "KeySet.__getitem__",
    "tertial_keyset_find": "KeySet.find",
    "tertial_keyset_set_default": "KeySet.set_default",
    "tertial_keyset_default": "KeySet.default",
    "tertial_keyset_assign": "KeySet.assign",
    "tertial_keyset_rule_count": "KeySet.rule_count",
    "tertial_keyset_rule_at": "KeySet.rules",
    "tertial_keyset_resolve": "KeySet.resolve",
    # budget.h
    "tertial_budget_create": "BudgetVersions.create",
    "tertial_budget_revise": "BudgetVersions.revise",
    "tertial_budget_version_count": "BudgetVersions.__len__",
    "tertial_budget_version_at": "BudgetVersions.__getitem__",
    "tertial_budget_version_of": "BudgetVersions.of",
    "tertial_model_keys": "Model.keys",
    "tertial_budget_key_for": "BudgetVersions.key_for",
    "tertial_budget_set_annual": "BudgetVersions.set_annual",
    "tertial_budget_unallocated": "BudgetVersions.unallocated",
    # forecast.h
    "tertial_forecast_base": "ForecastInput.base",
    "tertial_forecast_method_name": "forecast_method_name",
    "tertial_model_forecast_plan": "Model.forecast_plan",
    "tertial_forecast_set_method": "ForecastPlan.set_method",
    "tertial_forecast_method_of": "ForecastPlan.method_of",
    "tertial_forecast_set_manual": "ForecastPlan.set_manual",
    "tertial_forecast_set_driver": "ForecastPlan.set_driver",
    "tertial_forecast_set_volume": "ForecastPlan.set_volume",
    "tertial_forecast_add_adjustment": "ForecastPlan.add_adjustment",
    "tertial_forecast_adjustment_count": "ForecastPlan.adjustment_count",
    "tertial_forecast_adjustment_at": "ForecastPlan.adjustment",
    "tertial_forecast_rule_count": "ForecastPlan.rules",
    "tertial_forecast_rule_at": "ForecastPlan.rules",
    "tertial_forecast_manual_count": "ForecastPlan.manuals",
    "tertial_forecast_manual_at": "ForecastPlan.manuals",
    "tertial_forecast_driver_count": "ForecastPlan.drivers",
    "tertial_forecast_driver_at": "ForecastPlan.drivers",
    "tertial_forecast_driver_volume": "ForecastPlan.drivers",
    "tertial_forecast_remove_adjustment": "ForecastPlan.remove_adjustment",
    "tertial_forecast_apply": "Model.apply_forecast",
    "tertial_forecast_base_of": "ForecastPlan.base_of",
    "tertial_forecast_set_threads": "ForecastPlan.threads",
    "tertial_forecast_threads": "ForecastPlan.threads",
    "tertial_forecast_set_cutoff": "ForecastPlan.cutoff",
    "tertial_forecast_cutoff": "ForecastPlan.cutoff",
    "tertial_forecast_after_planned": "Model.forecast_after_planned",
    "tertial_reasons_new": "Reasons.__init__",
    "tertial_reasons_free": "Reasons.__swig_destroy__",
    "tertial_reasons_add": "Reasons.add",
    "tertial_reasons_from_model": "Model.reasons",
    "tertial_reasons_count": "Reasons.__len__",
    "tertial_reasons_at": "Reasons.__getitem__",
    "tertial_reasons_check": "Reasons.check",
    # snapshot.h
    "tertial_snapshot_take": "Snapshots.take",
    "tertial_snapshot_count": "Snapshots.__len__",
    "tertial_snapshot_at": "Snapshots.__getitem__",
    "tertial_snapshot_find": "Snapshots.find",
    "tertial_snapshot_point": "Snapshot.point",
    "tertial_snapshot_cutoff": "Snapshot.cutoff",
    "tertial_snapshot_taken_on": "Snapshot.taken_on",
    "tertial_snapshot_entry_count": "Snapshot.__len__",
    "tertial_snapshot_entry_at": "Snapshot.__getitem__",
    "tertial_snapshot_total": "Snapshot.total",
    "tertial_snapshot_compare": "Snapshot.compare",
    "tertial_snapshot_restore": "Snapshots.restore",
    # accuracy.h
    "tertial_accuracy_of": "Snapshot.accuracy",
    "tertial_accuracy_summarise": "Model.accuracy_summary",
    "tertial_backtest_new": "Backtest.__init__",
    "tertial_backtest_free": "Backtest.__swig_destroy__",
    "tertial_backtest_add_year": "Backtest.add_year",
    "tertial_backtest_year_count": "Backtest.__len__",
    "tertial_backtest_error": "Backtest.error",
    "tertial_backtest_best": "Backtest.best",
    # core.backtest_best_table is the glue's bulk path (pyglue.c), which calls it
    "tertial_backtest_best_table": "backtest_best_table",
    # accrual.h
    "tertial_accrual_add": "Accruals.add",
    "tertial_accrual_count": "Accruals.__len__",
    "tertial_accrual_at": "Accruals.__getitem__",
    "tertial_accrual_measure": "Accruals.measure",
    "tertial_accrual_adjusted_outcome": "Model.adjusted_outcome",
    # measures.h
    "tertial_deviations_classify": "Model.deviations",
    "tertial_deviations_free": "Deviations.__swig_destroy__",
    "tertial_deviations_count": "Deviations.__len__",
    "tertial_deviations_at": "Deviations.__getitem__",
    "tertial_budget_compare": "Model.compare_budgets",
    "tertial_budget_comparison_free": "BudgetComparison.__swig_destroy__",
    "tertial_budget_comparison_count": "BudgetComparison.__len__",
    "tertial_budget_comparison_at": "BudgetComparison.__getitem__",
    "tertial_measure_add": "Measures.add",
    "tertial_measure_set_status": "Measures.set_status",
    "tertial_measure_set_goal": "Measures.set_goal",
    "tertial_measure_set_kind": "Measures.set_kind",
    "tertial_measure_count": "Measures.__len__",
    "tertial_measure_at": "Measures.__getitem__",
    "tertial_measure_feed_forecast": "Measures.feed_forecast",
    "tertial_adherence_plan_get": "Model.adherence_plan",
    "tertial_adherence_plan_manager": "AdherencePlan.manager",
    "tertial_adherence_plan_unit": "AdherencePlan.unit",
    "tertial_adherence_plan_add_moment": "AdherencePlan.add_moment",
    "tertial_adherence_plan_add_risk": "AdherencePlan.add_risk",
    "tertial_adherence_plan_moment_count": "AdherencePlan.moments",
    "tertial_adherence_plan_moment": "AdherencePlan.moment",
    "tertial_adherence_plan_risk_count": "AdherencePlan.risks",
    "tertial_adherence_plan_risk": "AdherencePlan.risk",
    "tertial_adherence_plan_count": "Model.adherence_plans",
    "tertial_adherence_plan_at": "Model.adherence_plans",
    # demo.h
    "tertial_demo_new": "demo",
    "tertial_demo_year": "demo_year",
    "tertial_demo_round": "demo_round",
    "tertial_demo_goals": "demo_goals",
    # goals.h
    "tertial_model_goals": "Model.goals",
    "tertial_indicator_add": "Goals.add_indicator",
    "tertial_indicator_count": "Goals.indicators",
    "tertial_indicator_at": "Goals.indicators",
    "tertial_indicator_find": "Goals.indicator",
    "tertial_indicator_set_target": "Goals.set_target",
    "tertial_indicator_target": "Goals.target",
    "tertial_indicator_set_value": "Goals.set_value",
    "tertial_indicator_set_values": "Goals.set_values",
    "tertial_indicator_own_value": "Goals.own_value",
    "tertial_indicator_parse_value": "Goals.parse_value",
    "tertial_indicator_format_value": "Goals.format_value",
    "tertial_indicator_evaluate": "Goals.evaluate",
    "tertial_indicator_evaluate_all": "Goals.evaluate_all",
    "tertial_indicator_light": "Goals.light",
    "tertial_indicator_set_cost_row": "Goals.set_cost_row",
    "tertial_indicator_cost_row": "Goals.cost_row",
    "tertial_indicator_set_budget_volume": "Goals.set_budget_volume",
    "tertial_indicator_budget_volume": "Goals.budget_volume",
    "tertial_indicator_cost_per_unit": "Goals.cost_per_unit",
    "tertial_volume_warning": "Goals.volume_warning",
    "tertial_indicator_drive_forecast": "Goals.drive_forecast",
    "tertial_goal_add": "Goals.add_goal",
    "tertial_goal_count": "Goals.goals",
    "tertial_goal_at": "Goals.goals",
    "tertial_goal_find": "Goals.goal",
    "tertial_goal_link_indicator": "Goals.link",
    "tertial_goal_indicators": "Goals.goal_indicators",
    "tertial_goal_red_thread": "Goals.red_thread",
    "tertial_goal_status_name": "goal_status_name",
    "tertial_goals_set_rule": "Goals.set_rule",
    "tertial_goals_rule": "Goals.rule",
    "tertial_goal_state_at": "Goals.state",
    "tertial_goal_set_status": "Goals.set_status",
    "tertial_round_goal_status_as": "Acting.set_goal_status",
    "tertial_goal_history_count": "Goals.history",
    "tertial_goal_history_at": "Goals.history",
    "tertial_goal_attainment": "Goals.attainment",
    # sie.h
    "tertial_sie_reader_new_file": "SieReader.__init__",
    "tertial_sie_reader_new_memory": "SieReader.from_bytes",
    "tertial_sie_reader_free": "SieReader.__swig_destroy__",
    "tertial_sie_reader_next": "SieReader.__next__",
    "tertial_sie_reader_diagnostic_count": "SieReader.diagnostic_count",
    "tertial_sie_reader_diagnostic": "SieReader.diagnostic",
    "tertial_sie_reader_stats": "SieReader.stats",
    "tertial_sie_reader_encoding": "SieReader.encoding",
    "tertial_sie_reader_declared_encoding": "SieReader.declared_encoding",
    "tertial_sie_record_field": "SieRecord.fields",
    "tertial_sie_record_object": "SieRecord.objects",
    "tertial_sie_label_name": "sie_label_name",
    "tertial_sie_encoding_name": "sie_encoding_name",
    "tertial_sie_problem_name": "sie_problem_name",
    # sie_load.h
    "tertial_sie_load_file": "Model.load_sie",
    "tertial_sie_load_memory": "Model.load_sie_bytes",
    "tertial_sie_load_free": "SieLoad.__swig_destroy__",
    "tertial_sie_load_summary": "SieLoad.summary",
    "tertial_sie_load_figures": "SieLoad.figures",
    "tertial_sie_load_note_count": "SieLoad.notes",
    "tertial_sie_load_note": "SieLoad.note",
    "tertial_sie_load_diagnostic_count": "SieLoad.diagnostics",
    "tertial_sie_load_diagnostic": "SieLoad.diagnostic",
    "tertial_sie_load_difference_count": "SieLoad.differences",
    "tertial_sie_load_difference": "SieLoad.difference",
    "tertial_sie_load_compared_count": "SieLoad.compared_count",
    "tertial_sie_fiscal_year": "sie_fiscal_year",
    "tertial_sie_hierarchy_parse": "Org.parse_hierarchy",
    "tertial_sie_hierarchy_format": "Org.format_hierarchy",
    "tertial_sie_load_problem_name": "sie_load_problem_name",
    # sie_write.h
    "tertial_sie_write_file": "Model.write_sie",
    "tertial_sie_write_buffer": "Model.sie_bytes",
    # report.h
    "tertial_report_new": "Model.report",
    "tertial_report_free": "Report.__swig_destroy__",
    "tertial_report_unit": "Report.unit",
    "tertial_report_unit_code": "Report.unit_code",
    "tertial_report_title": "Report.title",
    "tertial_report_subtitle": "Report.subtitle",
    "tertial_report_point_code": "Report.point_code",
    "tertial_report_point_name": "Report.point_name",
    "tertial_report_cutoff": "Report.cutoff",
    "tertial_report_cutoff_period": "Report.cutoff_period",
    "tertial_report_english": "Report.english",
    "tertial_report_depth": "Report.depth",
    "tertial_report_section_count": "Report.__len__",
    "tertial_report_section_at": "Report.__getitem__",
    "tertial_report_find_section": "Report.section",
    "tertial_report_column_at": "ReportSection.columns",
    "tertial_report_line_at": "ReportSection.lines",
    "tertial_report_cell_at": "ReportSection.cell",
    "tertial_report_child_count": "Report.child_count",
    "tertial_report_child_at": "Report.children",
    # presentation.h
    "tertial_presentation_new": "Presentation.__init__",
    "tertial_presentation_free": "Presentation.__swig_destroy__",
    "tertial_presentation_set_columns": "Presentation.__init__",
    "tertial_presentation_set_signs": "Presentation.__init__",
    "tertial_presentation_set_deviation": "Presentation.__init__",
    "tertial_presentation_set_unit": "Presentation.__init__",
    "tertial_presentation_set_header": "Presentation.set_header",
    "tertial_presentation_parse": "Presentation.parse",
    "tertial_presentation_load": "Presentation.load",
    "tertial_presentation_column_count": "Presentation.columns",
    "tertial_presentation_column_at": "Presentation.columns",
    "tertial_presentation_signs": "Presentation.signs",
    "tertial_presentation_deviation": "Presentation.deviation",
    "tertial_presentation_unit": "Presentation.unit",
    "tertial_presentation_decimals": "Presentation.decimals",
    "tertial_presentation_header": "Presentation.header",
    # render_csv.h, render_json.h, render_xlsx.h, render_docx.h
    "tertial_render_csv": "Report.to_csv",
    "tertial_render_csv_section": "ReportSection.to_csv",
    "tertial_render_csv_long": "Model.facts_csv",
    "tertial_render_csv_long_file": "Model.write_facts_csv",
    "tertial_render_csv_file": "Report.write_csv",
    "tertial_render_json": "Report.to_json",
    "tertial_render_json_file": "Report.write_json",
    "tertial_render_xlsx": "Report.write_xlsx",
    "tertial_render_docx": "Report.write_docx",
    "tertial_render_docx_buffer": "Report.to_docx",
    # store.h
    "tertial_store_open": "Store.__init__",
    "tertial_store_free": "Store.__swig_destroy__",
    "tertial_store_path": "Store.path",
    "tertial_store_schema_version": "Store.schema_version",
    "tertial_store_has_model": "Store.has_model",
    "tertial_store_save": "Store.save",
    "tertial_store_bind_round": "Store.bind_round",
    "tertial_store_unbind_round": "Store.unbind_round",
    "tertial_store_save_round": "Store.save_round",
    "tertial_store_save_years": "Store.save_years",
    "tertial_store_load": "Store.load",
    "tertial_store_load_year": "Store.load_year",
    "tertial_store_year_count": "Store.years",
    "tertial_store_year_at": "Store.years",
    "tertial_store_has_year": "Store.has_year",
    "tertial_store_remove_year": "Store.remove_year",
    # round.h
    "tertial_model_round": "Model.round",
    "tertial_round_set_clock": "Round.set_clock",
    "tertial_round_add_person": "Round.add_person",
    "tertial_round_add_person_as": "Acting.add_person",
    "tertial_round_person_count": "Round.person_count",
    "tertial_round_person_at": "Person.name",
    "tertial_round_find_person": "Round.person",
    "tertial_round_assign": "Round.assign",
    "tertial_round_assign_as": "Acting.assign",
    "tertial_round_unassign_as": "Acting.unassign",
    "tertial_round_assignment_count": "Round.assignments",
    "tertial_round_assignment_at": "Round.assignments",
    "tertial_round_roles": "Round.roles",
    "tertial_round_people_parse": "Round.load_people",
    "tertial_round_may": "Acting.may",
    "tertial_action_name": "action_name",
    "tertial_round_text_set_as": "Acting.set_text",
    "tertial_round_text": "Round.text",
    "tertial_round_text_history_count": "Round.text_history",
    "tertial_round_text_history_at": "Round.text_history",
    "tertial_status_name": "status_name",
    "tertial_round_status": "Round.status",
    "tertial_round_submit_as": "Acting.submit",
    "tertial_round_approve_as": "Acting.approve",
    "tertial_round_return_as": "Acting.return_",
    "tertial_round_set_threshold": "Round.set_threshold",
    "tertial_round_lock_as": "Acting.lock",
    "tertial_round_is_locked": "Round.lock_state",
    "tertial_round_adjustment_add_as": "Acting.add_adjustment",
    "tertial_round_adjustment_remove_as": "Acting.remove_adjustment",
    "tertial_round_method_set_as": "Acting.set_method",
    "tertial_round_measure_add_as": "Acting.add_measure",
    "tertial_round_measure_set_status_as": "Acting.set_measure_status",
    "tertial_round_measure_set_goal_as": "Acting.set_measure_goal",
    "tertial_round_measure_set_kind_as": "Acting.set_measure_kind",
    "tertial_round_measure_feed_as": "Acting.feed_measure",
    "tertial_round_accrual_add_as": "Acting.add_accrual",
    "tertial_round_snapshot_take_as": "Acting.take_snapshot",
    "tertial_round_audit_count": "Round.audit_count",
    "tertial_round_audit_at": "Round.audit",
    "tertial_round_audit_query": "Round.audit",
    "tertial_round_progress": "Round.progress",
    "tertial_round_not_submitted": "Round.not_submitted",
    "tertial_round_due": "Round.due",
    # import.h
    "tertial_import_file": "import_table",
    "tertial_import_csv": "import_csv",
    "tertial_import_summary_of": "import_table",
    "tertial_import_error_count": "import_table",
    "tertial_ledger_load_csv": "Ledger.load_csv",
    "tertial_import_error": "import_table",
    "tertial_import_encoding": "import_table",
    "tertial_import_free": "import_table",
    "tertial_import_kind_parse": "import_kind_parse",
    "tertial_import_kind_name": "import_kind_name",
    # audit.h
    "tertial_audit_value_parse": "Audit.value",
    "tertial_audit_new": "Audit.__init__",
    "tertial_audit_free": "Audit.__swig_destroy__",
    "tertial_audit_table_add": "Audit.add_table",
    "tertial_audit_table_set_unit": "Audit.add_table",
    "tertial_audit_table_count": "Audit.__len__",
    "tertial_audit_table_name": "Audit.tables",
    "tertial_audit_column_add": "Audit.add_table",
    "tertial_audit_column_set_sign": "Audit.set_sign",
    "tertial_audit_line_add": "Audit.add_table",
    "tertial_audit_line_count": "Audit.line_count",
    "tertial_audit_read_file": "Audit.read",
    "tertial_audit_read_csv": "Audit.read_csv",
    "tertial_audit_read_json": "Audit.read_json",
    "tertial_audit_spec_parse": "Audit.spec",
    "tertial_audit_spec_file": "Audit.spec_file",
    "tertial_audit_run": "Audit.run",
    "tertial_audit_finding_count": "Audit.findings",
    "tertial_audit_finding_at": "Audit.findings",
    "tertial_audit_checked_count": "Audit.checked",
    "tertial_audit_assumption_count": "Audit.assumptions",
    "tertial_audit_assumption_at": "Audit.assumptions",
    "tertial_audit_class_name": "Audit.class_name",
    "tertial_audit_meaning_name": "Audit.meaning_name",
    "tertial_audit_column_meaning": "Audit.meaning",
    "tertial_audit_format": "Audit.to_text",
    # issue 18: audit findings in the report
    "tertial_report_add_audit_findings": "Report.add_audit_findings",
    "tertial_report_add_audit_findings_of": "Report.add_audit_findings",
}

# Deliberately not reachable from Python.
EXCLUDED = {
    "tertial_free": "Python never sees library-allocated memory: the bindings copy returned "
                    "strings into str and free them with tertial_free() themselves.",
    # issue 13: binding a model's round to a store goes with the Python round (round.h, pending)
}

# Reached only through the Pythonic API, with no 1:1 function in tertial.core.
NO_ONE_TO_ONE = {
    "tertial_followup_value": "it takes a line pointer, and lines cross as FollowupRow copies; "
                              "FollowupTable.value(index, column) calls it",
    "tertial_sie_record_field": "it takes a record pointer, and records cross as SieRecord copies whose "
                                "`fields` the glue builds with it",
    "tertial_sie_record_object": "it takes a record pointer, and records cross as SieRecord copies whose "
                                 "`objects` the glue builds with it",
    "tertial_indicator_evaluate_all": "it fills an array of one result per unit; the glue's "
                                      "tpy_indicator_evaluate_all() sizes it and returns a list",
}
NO_ONE_TO_ONE.update({f: "an import's result crosses as an ImportSummary, or as ParseError listing every error: "
                         "the glue's _import_file() and _import_csv() call it"
                      for f in ("tertial_import_file", "tertial_import_csv", "tertial_import_summary_of",
                                "tertial_import_error_count", "tertial_import_error", "tertial_import_encoding",
                                "tertial_import_free")})
NO_ONE_TO_ONE["tertial_ledger_load_csv"] = ("its options cross as arguments and the rows added as the result: "
                                            "the glue's _ledger_load_csv_c() calls it without the GIL")
# The destructors: called when the owning Python object goes, never directly (that would
# free memory a Python object still owns).
NO_ONE_TO_ONE.update({f: "the class's destructor calls it" for f in API if f.endswith("_free")})

WRAPPED_HEADERS = {"common.h", "error.h", "money.h", "calendar.h", "org.h", "accounts.h", "ledger.h",
                   "model.h", "followup.h", "check.h", "render_text.h",
                   "holidays.h", "keys.h", "budget.h", "forecast.h", "snapshot.h", "accuracy.h", "accrual.h",
                   "measures.h", "demo.h",
                   "sie.h", "sie_load.h", "sie_write.h", "report.h", "render_csv.h", "render_json.h", "render_xlsx.h",
                   "render_docx.h", "store.h", "round.h", "goals.h", "import.h",
                   "presentation.h",
                   "audit.h"}

# Headers written in parallel with the bindings and not wrapped yet (%include in tertial.i,
# classes in pythonic.py, entries in API above).
PENDING_HEADERS = set()
NO_FUNCTIONS = {"tertial.h"}  # the umbrella header

# The planning process (issue 19): wheel.h, priorities.h and intcontrol.h.
API.update({
    "tertial_iso_week_count": "iso_week_count",
    "tertial_iso_week_start": "iso_week_start",
    "tertial_iso_week_of": "iso_week_of",
    "tertial_election_year_is": "election_year_is",
    "tertial_wheel_parse": "Wheel.parse",
    "tertial_wheel_load": "Wheel.load",
    "tertial_wheel_free": "Wheel.__swig_destroy__",
    "tertial_wheel_process_count": "Wheel.processes",
    "tertial_wheel_process_at": "Wheel.processes",
    "tertial_wheel_activity_count": "Wheel.activities",
    "tertial_wheel_activity_at": "Wheel.activities",
    "tertial_wheel_schedule": "Wheel.schedule",
    "tertial_schedule_due": "Schedule.due",
    "tertial_schedule_free": "Schedule.__swig_destroy__",
    "tertial_schedule_year": "Schedule.year",
    "tertial_schedule_election": "Schedule.election",
    "tertial_schedule_count": "Schedule.__len__",
    "tertial_schedule_at": "Schedule.__getitem__",
    "tertial_proposals_new": "Proposals.__init__",
    "tertial_proposals_free": "Proposals.__swig_destroy__",
    "tertial_proposals_add": "Proposals.add",
    "tertial_proposals_parse": "Proposals.parse",
    "tertial_proposals_load": "Proposals.load",
    "tertial_proposals_count": "Proposals.__len__",
    "tertial_proposals_at": "Proposals.__getitem__",
    "tertial_priority_rule_new_default": "PriorityRule.__init__",
    "tertial_priority_rule_parse": "PriorityRule.parse",
    "tertial_priority_rule_load": "PriorityRule.load",
    "tertial_priority_rule_free": "PriorityRule.__swig_destroy__",
    "tertial_priority_rule_describe": "PriorityRule.__str__",
    "tertial_proposals_score": "Proposals.score",
    "tertial_proposals_rank": "Proposals.rank",
    "tertial_proposal_kind_name": "proposal_kind_name",
    "tertial_difficulty_name": "difficulty_name",
    "tertial_benefit_name": "benefit_name",
    "tertial_cost_effectiveness_name": "cost_effectiveness_name",
    "tertial_perspective_name": "perspective_name",
    "tertial_proposal_status_name": "proposal_status_name",
})
NO_ONE_TO_ONE.update({f: "the class's destructor calls it" for f in (
    "tertial_wheel_free", "tertial_schedule_free", "tertial_proposals_free", "tertial_priority_rule_free")})
NO_ONE_TO_ONE["tertial_proposals_rank"] = ("it fills two caller arrays; the glue's tpy_proposals_rank() sizes "
                                           "them and returns (index, rank) pairs")
API.update({
    "tertial_intcontrol_new": "IntControl.__init__",
    "tertial_intcontrol_free": "IntControl.__swig_destroy__",
    "tertial_intcontrol_set_threshold": "IntControl.threshold",
    "tertial_intcontrol_threshold": "IntControl.threshold",
    "tertial_intcontrol_add_risk": "IntControl.add_risk",
    "tertial_intcontrol_add_control": "IntControl.add_control",
    "tertial_intcontrol_add_result": "IntControl.add_result",
    "tertial_intcontrol_parse": "IntControl.parse",
    "tertial_intcontrol_load": "IntControl.load",
    "tertial_intcontrol_risk_count": "IntControl.risks",
    "tertial_intcontrol_risk_at": "IntControl.risks",
    "tertial_intcontrol_risk_value": "IntControl.risks",
    "tertial_intcontrol_risk_controls": "IntControl.risk_controls",
    "tertial_intcontrol_control_count": "IntControl.controls",
    "tertial_intcontrol_control_at": "IntControl.controls",
    "tertial_intcontrol_result_count": "IntControl.results",
    "tertial_intcontrol_result_at": "IntControl.results",
})
NO_ONE_TO_ONE["tertial_intcontrol_free"] = "the class's destructor calls it"
WRAPPED_HEADERS |= {"wheel.h", "priorities.h", "intcontrol.h"}
# The planning process, continued (issue 19): priorities_budget.h, unfunded.h, store_plan.h.
API.update({
    "tertial_proposals_apply": "Proposals.apply",
    "tertial_applied_proposal_count": "Model.applied_proposals",
    "tertial_applied_proposal_at": "Model.applied_proposals",
    "tertial_unfunded_new": "Unfunded.__init__",
    "tertial_unfunded_free": "Unfunded.__swig_destroy__",
    "tertial_unfunded_add": "Unfunded.add",
    "tertial_unfunded_parse": "Unfunded.parse",
    "tertial_unfunded_load": "Unfunded.load",
    "tertial_unfunded_count": "Unfunded.__len__",
    "tertial_unfunded_at": "Unfunded.__getitem__",
    "tertial_unfunded_gap": "Unfunded.__getitem__",
    "tertial_unfunded_total": "Unfunded.total",
    "tertial_unfunded_committee_count": "Unfunded.committees",
    "tertial_unfunded_committee_at": "Unfunded.committees",
    "tertial_funding_name": "funding_name",
    "tertial_store_save_proposals": "Store.save_proposals",
    "tertial_store_load_proposals": "Store.load_proposals",
    "tertial_store_save_unfunded": "Store.save_unfunded",
    "tertial_store_load_unfunded": "Store.load_unfunded",
    "tertial_store_save_intcontrol": "Store.save_intcontrol",
    "tertial_store_load_intcontrol": "Store.load_intcontrol",
})
NO_ONE_TO_ONE["tertial_unfunded_free"] = "the class's destructor calls it"
WRAPPED_HEADERS |= {"priorities_budget.h", "unfunded.h", "store_plan.h"}
# The planning objects in the follow-up report (issue 19): report_plan.h.
API.update({
    "tertial_report_add_priorities": "Report.add_priorities",
    "tertial_report_add_intcontrol": "Report.add_intcontrol",
    "tertial_report_add_unfunded": "Report.add_unfunded",
})
WRAPPED_HEADERS |= {"report_plan.h"}
# The investment budget (issue 19): investments.h.
API.update({
    "tertial_investments_new": "Investments.__init__",
    "tertial_investments_free": "Investments.__swig_destroy__",
    "tertial_investments_add": "Investments.add",
    "tertial_investments_parse": "Investments.parse",
    "tertial_investments_load": "Investments.load",
    "tertial_investments_count": "Investments.__len__",
    "tertial_investments_at": "Investments.__getitem__",
    "tertial_investments_span": "Investments.years",
    "tertial_investments_total": "Investments.total",
    "tertial_investments_remaining": "Investments.remaining",
    "tertial_investment_status_name": "investment_status_name",
})
NO_ONE_TO_ONE["tertial_investments_free"] = "the class's destructor calls it"
WRAPPED_HEADERS |= {"investments.h"}
# The investment budget and the wheel in the store, Investeringar in the report (issue 19, schema 12).
API.update({
    "tertial_store_save_investments": "Store.save_investments",
    "tertial_store_load_investments": "Store.load_investments",
    "tertial_store_save_wheel": "Store.save_wheel",
    "tertial_store_load_wheel": "Store.load_wheel",
    "tertial_report_add_investments": "Report.add_investments",
})
# Internal control followed up through the round (issue 19): round_control.h.
API.update({
    "tertial_round_intcontrol": "Round.intcontrol",
    "tertial_round_control_unit": "Round.control_unit",
    "tertial_round_control_result_set_as": "Acting.report_control",
    "tertial_round_control_report": "Round.control_report",
})
WRAPPED_HEADERS |= {"round_control.h"}
# Budget preparation (issue 19): frames.h.
API.update({
    "tertial_budget_chain_of": "Model.budget_chain",
    "tertial_budget_chain_count": "BudgetChain.__len__",
    "tertial_budget_chain_at": "BudgetChain.__getitem__",
    "tertial_budget_chain_free": "BudgetChain.__swig_destroy__",
    "tertial_budget_kind_name": "budget_kind_name",
    "tertial_budget_kind_parse": "budget_kind_parse",
    "tertial_frame_update_new": "FrameUpdate.__init__",
    "tertial_frame_update_free": "FrameUpdate.__swig_destroy__",
    "tertial_frame_update_add": "FrameUpdate.add",
    "tertial_frame_update_count": "FrameUpdate.__len__",
    "tertial_frame_update_at": "FrameUpdate.__getitem__",
    "tertial_frame_update_apply": "FrameUpdate.apply",
    "tertial_frame_update_total": "FrameUpdate.total",
    "tertial_frame_update_parse": "FrameUpdate.parse",
    "tertial_frame_update_load": "FrameUpdate.load",
})
NO_ONE_TO_ONE["tertial_budget_chain_free"] = "the class's destructor calls it"
NO_ONE_TO_ONE["tertial_frame_update_free"] = "the class's destructor calls it"
NO_ONE_TO_ONE["tertial_frame_update_add"] = "_frame_update_add() fills the line from keywords and calls it"
WRAPPED_HEADERS |= {"frames.h"}
# The applied frame update's lines in the store (schema 14), Ramförändringar in the report (issue 19).
API.update({
    "tertial_store_save_frame_lines": "Store.save_frame_lines",
    "tertial_store_load_frame_lines": "Store.load_frame_lines",
    "tertial_store_save_with_frame_lines": "Store.save_with_frame_lines",
    "tertial_report_add_frame_changes": "Report.add_frame_changes",
})


def load_parser():
    path = SOURCE_ROOT / "tests" / "abi" / "check_symbols.py"
    spec = importlib.util.spec_from_file_location("check_symbols", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def declared_by_header():
    parser = load_parser()
    problems = []
    result = {h.name: set(parser.parse_header(h, problems)) for h in sorted(INCLUDE.glob("*.h"))}
    assert not problems, problems
    return result


@pytest.fixture(scope="module")
def declared():
    return declared_by_header()


def wrapped_functions(declared):
    return set().union(*(declared[h] for h in WRAPPED_HEADERS))


def resolve(path):
    obj = tertial
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def test_every_header_is_wrapped_or_pending(declared):
    unknown = set(declared) - WRAPPED_HEADERS - PENDING_HEADERS - NO_FUNCTIONS
    assert not unknown, (f"new public headers {sorted(unknown)}: wrap them in bindings/python "
                         "(tertial.i, pythonic.py, API here) or add them to PENDING_HEADERS")
    assert WRAPPED_HEADERS <= set(declared), "a wrapped header disappeared"


def test_every_function_is_listed(declared):
    functions = wrapped_functions(declared)
    unlisted = functions - set(API) - set(EXCLUDED)
    assert not unlisted, f"public functions neither reachable nor excluded: {sorted(unlisted)}"
    stale = (set(API) | set(EXCLUDED)) - functions
    assert not stale, f"listed but not declared in the wrapped headers: {sorted(stale)}"
    assert not set(API) & set(EXCLUDED)


@pytest.mark.parametrize("function", sorted(API))
def test_pythonic_path_exists(function):
    assert resolve(API[function]) is not None


def test_one_to_one_functions_exist(declared):
    missing = [f for f in sorted(wrapped_functions(declared) - set(EXCLUDED) - set(NO_ONE_TO_ONE))
               if not callable(getattr(core, f[len("tertial_"):], None))]
    assert not missing, f"no 1:1 function in tertial.core for {missing}"


def test_the_extension_calls_every_function(declared):
    nm = shutil.which("nm")
    if nm is None:
        pytest.skip("nm (binutils) is not installed")
    extension = os.environ.get("TERTIAL_PY_EXTENSION", tertial.core._tertial.__file__)
    out = subprocess.run([nm, "-D", "--undefined-only", extension], check=True, capture_output=True,
                         text=True).stdout
    imported = {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}
    not_called = sorted(wrapped_functions(declared) - set(EXCLUDED) - imported)
    assert not not_called, f"the extension does not call {not_called}"
