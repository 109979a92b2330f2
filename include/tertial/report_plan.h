/**
 * @file report_plan.h
 * @brief The planning objects in the follow-up report: the prioritisation list, the internal
 *        control follow-up, the unfunded decisions, the investment budget and the lines of an
 *        applied frame update as sections of a built report.
 *
 * A report (report.h) is built from the model; the planning objects stand beside it (a fiscal
 * year's proposals, internal control and unfunded decisions, store_plan.h). These functions add
 * each as a section of a built report and of its child reports, each showing what belongs to its
 * own unit's subtree:
 * | function | section | what is of the subtree |
 * |---|---|---|
 * | tertial_report_add_priorities() | ::TERTIAL_SECTION_PRIORITIES, Prioriteringar | a proposal whose `unit` or `owner` names a unit of the subtree |
 * | tertial_report_add_intcontrol() | ::TERTIAL_SECTION_INTCONTROL, Intern kontroll | a control whose risk's `committee` names a unit of the subtree |
 * | tertial_report_add_unfunded() | ::TERTIAL_SECTION_UNFUNDED, Ofinansierade beslut | a decision whose `committee` names a unit of the subtree |
 * | tertial_report_add_investments() | ::TERTIAL_SECTION_INVESTMENTS, Investeringar | a project whose `unit` names a unit of the subtree |
 * | tertial_report_add_frame_changes() | ::TERTIAL_SECTION_FRAME_CHANGES, Ramförändringar | a frame update line whose `unit` names a unit of the subtree |
 *
 * A name names a unit when it is the unit's code, or its name with letter case ignored
 * ("Socialnämnden"), as the subtree stood at the report's cut-off. The report of a root of the
 * organisation (the municipality's) shows every object, also those naming no unit. A report with
 * nothing of its subtree gets no section (and loses one it had). Calling a function again
 * replaces the section it made (never a second one), so a section always shows the list last given.
 * A section left out by the report's options (tertial_report_options::sections) is not made.
 * Pointers to the report's sections, lines and cells taken before a call are invalid after it.
 * @code
 * tertial_report *r;
 * tertial_report_new(&r, model, committee, 4, NULL);
 * tertial_proposals *p;
 * tertial_proposals_new(&p);
 * tertial_proposals_load(p, "proposals.csv");
 * tertial_report_add_priorities(r, p, NULL); // ranked by the default rule
 * @endcode
 */
#ifndef TERTIAL_REPORT_PLAN_H
#define TERTIAL_REPORT_PLAN_H

#include "common.h"
#include "frames.h"
#include "intcontrol.h"
#include "investments.h"
#include "priorities.h"
#include "report.h"
#include "unfunded.h"

TERTIAL_BEGIN_DECLS

/**
 * Add (or replace) Prioriteringar: the proposals of @p report's subtree ranked by @p rule among
 * themselves (tertial_proposals_rank()), best first, one line each with its rank (equal proposals
 * share one), code, kind, measure, owner, unit, cost (öre a year, negative for a saving) and its
 * difficulty, benefit, cost-effectiveness and status (the scales' Swedish names). The line's code
 * is the proposal's. Child reports get theirs.
 * @param rule NULL for the default rule (tertial_priority_rule_new_default()).
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL report or proposals). On an error the
 *         report has no Prioriteringar section.
 */
TERTIAL_API int tertial_report_add_priorities(tertial_report *report, const tertial_proposals *proposals,
                                              const tertial_priority_rule *rule);

/**
 * Add (or replace) Intern kontroll: the controls of the plan whose risk is of @p report's subtree,
 * in the plan's order, one line each (code the control's) with the risk (code and text), its risk
 * value (likelihood × consequence), the control activity, who is responsible, the point it is
 * reported at and its report at the report's follow-up point (tertial_report_point_code()): the
 * result, the number of deviations found and the measures; a control without a report at that
 * point shows "ej rapporterad" ("not reported") as its result and empty deviations and measures.
 * Child reports get theirs.
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL argument). On an error the report has
 *         no Intern kontroll section.
 */
TERTIAL_API int tertial_report_add_intcontrol(tertial_report *report, const tertial_intcontrol *ic);

/**
 * Add (or replace) Ofinansierade beslut: the unfunded decisions of the committees of @p report's
 * subtree, in the list's order, one line each (code the decision's) with its code, committee, date,
 * the body that decided it, the description, the cost a year, the funded amount and the unfunded
 * part (cost − funded, öre a year), and a last line Summa ("Total") of the three amounts, which the
 * decision lines add into. Child reports get theirs.
 * @return 0, ::TERTIAL_ERR_OVERFLOW (a sum beyond int64), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID (NULL argument). On an error the report has no Ofinansierade beslut
 *         section.
 */
TERTIAL_API int tertial_report_add_unfunded(tertial_report *report, const tertial_unfunded *list);

/**
 * Add (or replace) Investeringar: the investment projects (investments.h) of the units of
 * @p report's subtree, in the list's order, one line each (code the project's) with its code,
 * name, unit, category, status (Swedish, or English in an English report), the amount planned for
 * the report's fiscal year (0 when the project plans nothing that year), the sum of all its plan
 * years, its decided total budget, what it has spent so far and its remaining budget
 * (tertial_investments_remaining() from the report's fiscal year on) — the last three empty when
 * the project does not have them — and a last line Summa ("Total") of each amount column over the
 * lines that have it, which the project lines add into. Amounts are öre; renderers show them in
 * the report's scale. Child reports get theirs.
 * @return 0, ::TERTIAL_ERR_OVERFLOW (a sum beyond int64), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID (NULL argument). On an error the report has no Investeringar section.
 */
TERTIAL_API int tertial_report_add_investments(tertial_report *report, const tertial_investments *list);

/**
 * Add (or replace) Ramförändringar: the lines of an applied frame update (frames.h; after
 * tertial_frame_update_apply(), or read back with tertial_store_load_frame_lines()) whose unit is
 * of @p report's subtree, in the update's order, one line each (code the line's unit) with its
 * unit, kind ("uppräkning", "volym", "belopp"; "indexation", "volume", "amount" in an English
 * report), account, text, how it was reached ("2,50 %", "+35 × 142 000 kr (1–5 år)", empty for an
 * amount), its base (an indexation line's net frame indexed; empty for other lines) and its
 * change, and a last line Summa ("Total") of the bases and the changes, which the lines add into.
 * Amounts are öre; renderers show them in the report's scale. Child reports get theirs.
 * @return 0, ::TERTIAL_ERR_OVERFLOW (a sum beyond int64), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID (NULL argument). On an error the report has no Ramförändringar
 *         section.
 */
TERTIAL_API int tertial_report_add_frame_changes(tertial_report *report, const tertial_frame_update *lines);

TERTIAL_END_DECLS

#endif
