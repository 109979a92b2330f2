/* `tertial report -o FILE`: the planning objects of the fiscal year as sections of the report
 * (report_plan.h), from the files named on the command line or else from the store. */
#include <stdio.h>

#include "cli.h"

/* A file given, or what the store holds of the year: EXIT_OK, or an exit status after saying why. */
static int load_proposals(tertial_proposals **out, const report_plan_sources *src)
{
  int rc = tertial_proposals_new(out);
  if (rc == 0 && src->proposals)
    rc = tertial_proposals_load(*out, src->proposals);
  else if (rc == 0 && src->store)
    rc = tertial_store_load_proposals(src->store, src->year, *out);
  return rc < 0 ? fail(rc, src->proposals ? "--proposals" : "the store's proposals") : EXIT_OK;
}

static int load_intcontrol(tertial_intcontrol **out, const report_plan_sources *src)
{
  int rc = tertial_intcontrol_new(out);
  const char *what = "the store's internal control";
  if (rc == 0 && src->risks) {
    rc = tertial_intcontrol_load(*out, TERTIAL_INTCONTROL_RISKS, what = src->risks);
    if (rc == 0 && src->controls)
      rc = tertial_intcontrol_load(*out, TERTIAL_INTCONTROL_PLAN, what = src->controls);
    if (rc == 0 && src->results)
      rc = tertial_intcontrol_load(*out, TERTIAL_INTCONTROL_RESULTS, what = src->results);
  } else if (rc == 0 && src->store) {
    rc = tertial_store_load_intcontrol(src->store, src->year, *out);
  }
  return rc < 0 ? fail(rc, what) : EXIT_OK;
}

static int load_unfunded(tertial_unfunded **out, const report_plan_sources *src)
{
  int rc = tertial_unfunded_new(out);
  if (rc == 0 && src->unfunded)
    rc = tertial_unfunded_load(*out, src->unfunded);
  else if (rc == 0 && src->store)
    rc = tertial_store_load_unfunded(src->store, src->year, *out);
  return rc < 0 ? fail(rc, src->unfunded ? "--unfunded" : "the store's unfunded decisions") : EXIT_OK;
}

static int load_investments(tertial_investments **out, const report_plan_sources *src)
{
  int rc = tertial_investments_new(out);
  if (rc == 0 && src->investments)
    rc = tertial_investments_load(*out, src->investments);
  else if (rc == 0 && src->store)
    rc = tertial_store_load_investments(src->store, src->year, *out);
  return rc < 0 ? fail(rc, src->investments ? "--investments" : "the store's investment projects") : EXIT_OK;
}

/* --frame-lines: the lines the store keeps for the version, as Ramförändringar */
static int add_frame_lines(tertial_report *report, const report_plan_sources *src)
{
  tertial_frame_update *u = NULL;
  int rc = tertial_frame_update_new(&u);
  if (rc == 0)
    rc = tertial_store_load_frame_lines(src->store, src->year, src->frame_measure, u);
  if (rc == 0)
    rc = tertial_report_add_frame_changes(report, u);
  tertial_frame_update_free(u);
  return rc < 0 ? fail(rc, "--frame-lines") : EXIT_OK;
}

int report_add_plan(tertial_report *report, const report_plan_sources *src)
{
  tertial_proposals *p = NULL;
  tertial_priority_rule *rule = NULL;
  tertial_intcontrol *ic = NULL;
  tertial_unfunded *u = NULL;
  tertial_investments *inv = NULL;
  int code = load_proposals(&p, src), rc = 0;
  if (code == EXIT_OK && src->rule && (rc = tertial_priority_rule_load(&rule, src->rule)) < 0)
    code = fail(rc, "--rule");
  if (code == EXIT_OK)
    code = load_intcontrol(&ic, src);
  if (code == EXIT_OK)
    code = load_unfunded(&u, src);
  if (code == EXIT_OK)
    code = load_investments(&inv, src);
  /* nothing of a kind: no section (a committee's report without any shows none either) */
  if (code == EXIT_OK && tertial_proposals_count(p) && (rc = tertial_report_add_priorities(report, p, rule)) < 0)
    code = fail(rc, "the report's Prioriteringar");
  if (code == EXIT_OK && tertial_intcontrol_control_count(ic) && (rc = tertial_report_add_intcontrol(report, ic)) < 0)
    code = fail(rc, "the report's Intern kontroll");
  if (code == EXIT_OK && tertial_unfunded_count(u) && (rc = tertial_report_add_unfunded(report, u)) < 0)
    code = fail(rc, "the report's Ofinansierade beslut");
  if (code == EXIT_OK && tertial_investments_count(inv) && (rc = tertial_report_add_investments(report, inv)) < 0)
    code = fail(rc, "the report's Investeringar");
  if (code == EXIT_OK && src->frame_lines)
    code = add_frame_lines(report, src);
  tertial_proposals_free(p);
  tertial_priority_rule_free(rule);
  tertial_intcontrol_free(ic);
  tertial_unfunded_free(u);
  tertial_investments_free(inv);
  return code;
}
