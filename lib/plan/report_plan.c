/* The planning objects as sections of a built report (report_plan.h): Prioriteringar, Intern kontroll,
 * Ofinansierade beslut, Investeringar and Ramförändringar. The report does not depend on the
 * planning objects: it only offers to take a section (report_sections.h) and says which units its
 * subtree has. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "internal.h"
#include "report_sections.h"
#include "tertial/report_plan.h"

#define TXT(r, sv, en) (tertial_report_english(r) ? (en) : (sv))

/* Add the section of @p kind to each report of the tree (the report, then its child reports) that
 * wants it, by @p add, which returns 1 when it made the section, 0 when the report has nothing of
 * the kind (a section made by an earlier call then goes), or an error (the section goes too). */
static int each_report(tertial_report *report, tertial_report_section_kind kind, const char *what,
                       const void *objects, const void *extra, int (*add)(tertial_report *, const void *, const void *))
{
  int rc = 0;
  tertial_report *r = report;
  for (size_t i = 0; rc >= 0 && r; r = tertial__report_child(report, i++)) {
    if (!tertial__report_wants(r, kind))
      continue;
    rc = add(r, objects, extra);
    if (rc <= 0)
      tertial__report_drop_section(r, kind);
  }
  if (rc == TERTIAL_ERR_NOMEM)
    return tertial__nomem(what);
  return rc < 0 ? rc : 0;
}

/* Set the texts of the last line's columns first.. in order; NULL leaves a cell empty. */
static int set_texts(tertial_report_section *s, tertial_report *r, size_t first, const char *const *texts, size_t n)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < n; i++)
    if (texts[i])
      rc = tertial__report_set_text(s, r, first + i, texts[i]);
  return rc;
}

/* ---- Prioriteringar ---- */

enum { PR_RANK, PR_CODE, PR_KIND, PR_MEASURE, PR_OWNER, PR_UNIT, PR_COST, PR_DIFFICULTY, PR_BENEFIT, PR_CE, PR_STATUS,
       PR_COLS };

static const tertial__colspec priority_cols[PR_COLS] = {
  {"rank", "Rang", "Rank", TERTIAL_REPORT_TEXT},
  {"proposal", "Förslag", "Proposal", TERTIAL_REPORT_TEXT},
  {"kind", "Typ", "Kind", TERTIAL_REPORT_TEXT},
  {"measure", "Åtgärd", "Measure", TERTIAL_REPORT_TEXT},
  {"owner", "Ansvarig", "Owner", TERTIAL_REPORT_TEXT},
  {"unit", "Enhet", "Unit", TERTIAL_REPORT_TEXT},
  {"cost", "Kostnad per år", "Cost a year", TERTIAL_REPORT_AMOUNT},
  {"difficulty", "Svårighetsgrad", "Difficulty", TERTIAL_REPORT_TEXT},
  {"benefit", "Nytta", "Benefit", TERTIAL_REPORT_TEXT},
  {"cost_effectiveness", "Kostnadseffektivitet", "Cost-effectiveness", TERTIAL_REPORT_TEXT},
  {"status", "Status", "Status", TERTIAL_REPORT_TEXT},
};

static int priority_line(tertial_report_section *s, tertial_report *r, const tertial_proposal *p, size_t rank)
{
  char rank_text[24];
  snprintf(rank_text, sizeof rank_text, "%zu", rank);
  int rc = tertial__report_add_line(s, r, p->code, 0, TERTIAL_STYLE_NORMAL);
  const char *before[] = {rank_text, p->code, tertial_proposal_kind_name(p->kind), p->measure ? p->measure : "",
                          p->owner ? p->owner : "", p->unit ? p->unit : ""};
  const char *after[] = {tertial_difficulty_name(p->difficulty), tertial_benefit_name(p->benefit),
                         tertial_cost_effectiveness_name(p->cost_effectiveness),
                         tertial_proposal_status_name(p->status)};
  if (rc == 0)
    rc = set_texts(s, r, PR_RANK, before, sizeof before / sizeof *before);
  if (rc == 0) {
    tertial__report_set_amount(s, PR_COST, p->cost);
    rc = set_texts(s, r, PR_DIFFICULTY, after, sizeof after / sizeof *after);
  }
  return rc;
}

static int priorities_of(tertial_report *r, const void *objects, const void *extra)
{
  const tertial_proposals *all = objects;
  const tertial_priority_rule *rule = extra;
  tertial_proposals *mine = NULL;
  size_t *order = NULL, *ranks = NULL;
  int rc = tertial_proposals_new(&mine);
  for (size_t i = 0; rc == 0 && i < tertial_proposals_count(all); i++) {
    const tertial_proposal *p = tertial_proposals_at(all, i);
    if (tertial__report_covers(r, p->unit) || tertial__report_covers(r, p->owner))
      rc = tertial_proposals_add(mine, p);
  }
  size_t n = tertial_proposals_count(mine);
  if (rc == 0 && n) {
    order = tertial__calloc(n, sizeof *order);
    ranks = tertial__calloc(n, sizeof *ranks);
    rc = order && ranks ? tertial_proposals_rank(order, ranks, n, mine, rule) : TERTIAL_ERR_NOMEM;
  }
  tertial_report_section *s = NULL;
  if (rc == 0 && n)
    rc = tertial__report_begin_section(&s, r, TERTIAL_SECTION_PRIORITIES, priority_cols, PR_COLS);
  for (size_t i = 0; rc == 0 && i < n; i++)
    rc = priority_line(s, r, tertial_proposals_at(mine, order[i]), ranks[i]);
  free(order);
  free(ranks);
  tertial_proposals_free(mine);
  return rc < 0 ? rc : n > 0;
}

int tertial_report_add_priorities(tertial_report *report, const tertial_proposals *proposals,
                                  const tertial_priority_rule *rule)
{
  if (!report || !proposals)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_report_add_priorities: NULL argument");
  tertial_priority_rule *own = NULL;
  int rc = rule ? 0 : tertial_priority_rule_new_default(&own);
  if (rc == 0)
    rc = each_report(report, TERTIAL_SECTION_PRIORITIES, "tertial_report_add_priorities", proposals,
                     rule ? rule : own, priorities_of);
  tertial_priority_rule_free(own);
  return rc;
}

/* ---- Intern kontroll ---- */

enum { IC_CONTROL, IC_RISK, IC_VALUE, IC_ACTIVITY, IC_RESPONSIBLE, IC_POINT, IC_RESULT, IC_DEVIATIONS, IC_MEASURES,
       IC_COLS };

static const tertial__colspec intcontrol_cols[IC_COLS] = {
  {"control", "Kontroll", "Control", TERTIAL_REPORT_TEXT},
  {"risk", "Risk", "Risk", TERTIAL_REPORT_TEXT},
  {"risk_value", "Riskvärde", "Risk value", TERTIAL_REPORT_TEXT},
  {"activity", "Kontrollmoment", "Control activity", TERTIAL_REPORT_TEXT},
  {"responsible", "Ansvarig", "Responsible", TERTIAL_REPORT_TEXT},
  {"point", "Rapporteras", "Reported at", TERTIAL_REPORT_TEXT},
  {"result", "Resultat", "Result", TERTIAL_REPORT_TEXT},
  {"deviations", "Avvikelser", "Deviations", TERTIAL_REPORT_TEXT},
  {"measures", "Åtgärder", "Measures", TERTIAL_REPORT_TEXT},
};

/* The index of the risk with @p code, or the count when there is none. */
static size_t risk_index(const tertial_intcontrol *ic, const char *code)
{
  size_t n = tertial_intcontrol_risk_count(ic), i = 0;
  while (i < n && strcmp(tertial_intcontrol_risk_at(ic, i)->code, code) != 0)
    i++;
  return i;
}

/* The control's report at @p point, NULL if none. */
static const tertial_control_result *result_at(const tertial_intcontrol *ic, const char *control, const char *point)
{
  for (size_t i = 0; i < tertial_intcontrol_result_count(ic); i++) {
    const tertial_control_result *x = tertial_intcontrol_result_at(ic, i);
    if (strcmp(x->control, control) == 0 && strcmp(x->point, point) == 0)
      return x;
  }
  return NULL;
}

static int control_line(tertial_report_section *s, tertial_report *r, const tertial_intcontrol *ic,
                        const tertial_control *c, size_t risk)
{
  const tertial_risk *k = tertial_intcontrol_risk_at(ic, risk);
  int value = 0;
  int rc = tertial_intcontrol_risk_value(&value, NULL, ic, risk);
  tertial_strbuf risk_text = {0};
  if (rc == 0)
    rc = tertial__sb_printf(&risk_text, "%s %s", k->code, k->risk);
  char value_text[16], deviations[24];
  snprintf(value_text, sizeof value_text, "%d", value);
  const tertial_control_result *x = result_at(ic, c->code, tertial_report_point_code(r));
  if (x)
    snprintf(deviations, sizeof deviations, "%d", x->deviations);
  if (rc == 0)
    rc = tertial__report_add_line(s, r, c->code, 0, TERTIAL_STYLE_NORMAL);
  const char *texts[IC_COLS] = {c->code, risk_text.data, value_text, c->activity, c->responsible, c->point,
                                x ? x->result : TXT(r, "ej rapporterad", "not reported"), x ? deviations : NULL,
                                x ? x->measures : NULL};
  if (rc == 0)
    rc = set_texts(s, r, 0, texts, IC_COLS);
  free(risk_text.data);
  return rc;
}

static int intcontrol_of(tertial_report *r, const void *objects, const void *extra)
{
  (void)extra;
  const tertial_intcontrol *ic = objects;
  tertial_report_section *s = NULL;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < tertial_intcontrol_control_count(ic); i++) {
    const tertial_control *c = tertial_intcontrol_control_at(ic, i);
    size_t risk = risk_index(ic, c->risk);
    if (risk == tertial_intcontrol_risk_count(ic) ||
        !tertial__report_covers(r, tertial_intcontrol_risk_at(ic, risk)->committee))
      continue;
    if (!s)
      rc = tertial__report_begin_section(&s, r, TERTIAL_SECTION_INTCONTROL, intcontrol_cols, IC_COLS);
    if (rc == 0)
      rc = control_line(s, r, ic, c, risk);
  }
  return rc < 0 ? rc : s != NULL;
}

int tertial_report_add_intcontrol(tertial_report *report, const tertial_intcontrol *ic)
{
  if (!report || !ic)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_report_add_intcontrol: NULL argument");
  return each_report(report, TERTIAL_SECTION_INTCONTROL, "tertial_report_add_intcontrol", ic, NULL, intcontrol_of);
}

/* ---- Ofinansierade beslut ---- */

enum { UF_CODE, UF_COMMITTEE, UF_DATE, UF_BY, UF_DESCRIPTION, UF_COST, UF_FUNDED, UF_UNFUNDED, UF_COLS };

static const tertial__colspec unfunded_cols[UF_COLS] = {
  {"reference", "Diarienummer", "Reference", TERTIAL_REPORT_TEXT},
  {"committee", "Nämnd", "Committee", TERTIAL_REPORT_TEXT},
  {"date", "Datum", "Date", TERTIAL_REPORT_DATE},
  {"decided_by", "Beslutsorgan", "Decided by", TERTIAL_REPORT_TEXT},
  {"description", "Beslut", "Decision", TERTIAL_REPORT_TEXT},
  {"cost", "Kostnad per år", "Cost a year", TERTIAL_REPORT_AMOUNT},
  {"funded", "Finansierat", "Funded", TERTIAL_REPORT_AMOUNT},
  {"unfunded", "Ofinansierat", "Unfunded", TERTIAL_REPORT_AMOUNT},
};

static int unfunded_of(tertial_report *r, const void *objects, const void *extra)
{
  (void)extra;
  const tertial_unfunded *list = objects;
  tertial_report_section *s = NULL;
  int64_t sum[3] = {0, 0, 0};
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < tertial_unfunded_count(list); i++) {
    const tertial_unfunded_decision *d = tertial_unfunded_at(list, i);
    if (!tertial__report_covers(r, d->committee))
      continue;
    int64_t amounts[3] = {d->cost, d->funded, 0};
    rc = tertial_unfunded_gap(&amounts[2], list, i);
    if (rc == 0 && !s)
      rc = tertial__report_begin_section(&s, r, TERTIAL_SECTION_UNFUNDED, unfunded_cols, UF_COLS);
    if (rc == 0)
      rc = tertial__report_add_line(s, r, d->code, 0, TERTIAL_STYLE_NORMAL);
    const char *texts[] = {d->code, d->committee};
    const char *more[] = {d->decided_by ? d->decided_by : "", d->description ? d->description : ""};
    if (rc == 0)
      rc = set_texts(s, r, UF_CODE, texts, 2);
    if (rc == 0)
      rc = set_texts(s, r, UF_BY, more, 2);
    if (rc == 0)
      tertial__report_set_date(s, UF_DATE, d->decided);
    for (int k = 0; rc == 0 && k < 3; k++) {
      tertial__report_set_amount(s, UF_COST + (size_t)k, amounts[k]);
      if (tertial__add_ovf(sum[k], amounts[k], &sum[k]))
        rc = tertial__error(TERTIAL_ERR_OVERFLOW, "report: the unfunded decisions of %s add up beyond the range of "
                                                  "an amount", tertial_report_unit_code(r));
    }
  }
  if (rc == 0 && s) { /* Summa: the decision lines add into it */
    size_t total = s->line_count;
    for (size_t i = 0; i < total; i++)
      tertial__report_set_parent(s, i, (int)total);
    rc = tertial__report_add_line(s, r, "", 0, TERTIAL_STYLE_TOTAL);
    if (rc == 0)
      rc = tertial__report_set_text(s, r, UF_CODE, TXT(r, "Summa", "Total"));
    for (int k = 0; rc == 0 && k < 3; k++)
      tertial__report_set_amount(s, UF_COST + (size_t)k, sum[k]);
  }
  return rc < 0 ? rc : s != NULL;
}

int tertial_report_add_unfunded(tertial_report *report, const tertial_unfunded *list)
{
  if (!report || !list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_report_add_unfunded: NULL argument");
  return each_report(report, TERTIAL_SECTION_UNFUNDED, "tertial_report_add_unfunded", list, NULL, unfunded_of);
}

/* ---- Investeringar ---- */

enum { IV_PROJECT, IV_NAME, IV_UNIT, IV_CATEGORY, IV_STATUS, IV_YEAR, IV_TOTAL, IV_FRAME, IV_SPENT, IV_REMAINING,
       IV_COLS };
enum { IV_AMOUNTS = IV_COLS - IV_YEAR };

static const tertial__colspec investment_cols[IV_COLS] = {
  {"project", "Projekt", "Project", TERTIAL_REPORT_TEXT},
  {"name", "Benämning", "Name", TERTIAL_REPORT_TEXT},
  {"unit", "Nämnd", "Unit", TERTIAL_REPORT_TEXT},
  {"category", "Kategori", "Category", TERTIAL_REPORT_TEXT},
  {"status", "Status", "Status", TERTIAL_REPORT_TEXT},
  {"year_budget", "Budget året", "Budget for the year", TERTIAL_REPORT_AMOUNT},
  {"total", "Budget alla år", "Budget all years", TERTIAL_REPORT_AMOUNT},
  {"frame", "Beslutad totalram", "Decided total", TERTIAL_REPORT_AMOUNT},
  {"spent", "Utfall hittills", "Spent so far", TERTIAL_REPORT_AMOUNT},
  {"remaining", "Kvar av totalram", "Remaining", TERTIAL_REPORT_AMOUNT},
};

static const char *const investment_status_en[4] = {"proposed", "decided", "in progress", "finished"};

/* The amounts of project @p index in the report's @p year (year, all years, frame, spent,
 * remaining); known[k] says whether amount k is (the frame, spent and remaining may not be). */
static int investment_amounts(int64_t v[IV_AMOUNTS], int known[IV_AMOUNTS], const tertial_investments *list,
                              size_t index, int year)
{
  const tertial_investment *p = tertial_investments_at(list, index);
  int rc = 0;
  v[0] = year >= p->first_year && year < p->first_year + p->years ? p->amounts[year - p->first_year] : 0;
  v[1] = 0;
  for (int i = 0; rc == 0 && i < p->years; i++)
    if (tertial__add_ovf(v[1], p->amounts[i], &v[1]))
      rc = tertial__error(TERTIAL_ERR_OVERFLOW, "investment project %s: its years add up beyond int64 öre", p->code);
  v[2] = p->budget;
  v[3] = p->spent;
  v[4] = 0;
  known[0] = known[1] = 1;
  known[2] = known[4] = p->has_budget;
  known[3] = p->has_spent;
  if (rc == 0 && p->has_budget)
    rc = tertial_investments_remaining(&v[4], list, index, year);
  return rc;
}

static int investment_line(tertial_report_section *s, tertial_report *r, const tertial_investment *p,
                           const int64_t v[IV_AMOUNTS], const int known[IV_AMOUNTS])
{
  const char *status = tertial_report_english(r) ? investment_status_en[p->status]
                                                 : tertial_investment_status_name(p->status);
  const char *texts[] = {p->code, p->name ? p->name : "", p->unit, p->category ? p->category : "", status};
  int rc = tertial__report_add_line(s, r, p->code, 0, TERTIAL_STYLE_NORMAL);
  if (rc == 0)
    rc = set_texts(s, r, IV_PROJECT, texts, sizeof texts / sizeof *texts);
  for (int k = 0; rc == 0 && k < IV_AMOUNTS; k++)
    if (known[k])
      tertial__report_set_amount(s, IV_YEAR + (size_t)k, v[k]);
  return rc;
}

static int investments_of(tertial_report *r, const void *objects, const void *extra)
{
  const tertial_investments *list = objects;
  const int year = *(const int *)extra;
  tertial_report_section *s = NULL;
  int64_t sum[IV_AMOUNTS] = {0};
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < tertial_investments_count(list); i++) {
    const tertial_investment *p = tertial_investments_at(list, i);
    if (!tertial__report_covers(r, p->unit))
      continue;
    int64_t v[IV_AMOUNTS];
    int known[IV_AMOUNTS];
    rc = investment_amounts(v, known, list, i, year);
    if (rc == 0 && !s)
      rc = tertial__report_begin_section(&s, r, TERTIAL_SECTION_INVESTMENTS, investment_cols, IV_COLS);
    if (rc == 0)
      rc = investment_line(s, r, p, v, known);
    for (int k = 0; rc == 0 && k < IV_AMOUNTS; k++)
      if (known[k] && tertial__add_ovf(sum[k], v[k], &sum[k]))
        rc = tertial__error(TERTIAL_ERR_OVERFLOW, "report: the investment projects of %s add up beyond the range "
                                                  "of an amount", tertial_report_unit_code(r));
  }
  if (rc == 0 && s) { /* Summa: the project lines add into it (an empty cell adds nothing) */
    size_t total = s->line_count;
    for (size_t i = 0; i < total; i++)
      tertial__report_set_parent(s, i, (int)total);
    rc = tertial__report_add_line(s, r, "", 0, TERTIAL_STYLE_TOTAL);
    if (rc == 0)
      rc = tertial__report_set_text(s, r, IV_PROJECT, TXT(r, "Summa", "Total"));
    for (int k = 0; rc == 0 && k < IV_AMOUNTS; k++)
      tertial__report_set_amount(s, IV_YEAR + (size_t)k, sum[k]);
  }
  return rc < 0 ? rc : s != NULL;
}

int tertial_report_add_investments(tertial_report *report, const tertial_investments *list)
{
  if (!report || !list)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_report_add_investments: NULL argument");
  const int year = tertial__report_fiscal_year(report);
  return each_report(report, TERTIAL_SECTION_INVESTMENTS, "tertial_report_add_investments", list, &year,
                     investments_of);
}

/* ---- Ramförändringar: the lines of an applied frame update ---- */

enum { FC_UNIT, FC_KIND, FC_ACCOUNT, FC_TEXT, FC_BASIS, FC_BASE, FC_CHANGE, FC_COLS };

static const tertial__colspec frame_cols[FC_COLS] = {
  {"unit", "Enhet", "Unit", TERTIAL_REPORT_TEXT},
  {"kind", "Typ", "Kind", TERTIAL_REPORT_TEXT},
  {"account", "Konto", "Account", TERTIAL_REPORT_TEXT},
  {"text", "Förklaring", "Explanation", TERTIAL_REPORT_TEXT},
  {"basis", "Beräkning", "Basis", TERTIAL_REPORT_TEXT},
  {"base", "Underlag", "Base", TERTIAL_REPORT_AMOUNT},
  {"change", "Förändring", "Change", TERTIAL_REPORT_AMOUNT},
};

static const char *const kind_sv[] = {"uppräkning", "volym", "belopp"};
static const char *const kind_en[] = {"indexation", "volume", "amount"};

/* How the line's change was reached: "2,50 %" for indexation, "+35 × 142 000 kr (1–5 år)" for
 * volume, "" for an amount. */
static void basis_text(char *buf, size_t size, const tertial_frame_line *l)
{
  char kr[40] = "";
  *buf = '\0';
  if (l->kind == TERTIAL_FRAME_INDEXATION) {
    int64_t a = l->rate < 0 ? -l->rate : l->rate;
    snprintf(buf, size, "%s%lld,%02lld %%", l->rate < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
  } else if (l->kind == TERTIAL_FRAME_VOLUME) {
    tertial_money_format(kr, sizeof kr, l->per_person, TERTIAL_UNIT_KR, l->per_person % 100 ? 2 : 0);
    snprintf(buf, size, "%+lld × %s kr%s%s%s", (long long)l->persons, kr, l->group && *l->group ? " (" : "",
             l->group && *l->group ? l->group : "", l->group && *l->group ? ")" : "");
  }
}

static int frame_line(tertial_report_section *s, tertial_report *r, const tertial_frame_line *l)
{
  char basis[160];
  basis_text(basis, sizeof basis, l);
  const char *texts[] = {l->unit, (tertial_report_english(r) ? kind_en : kind_sv)[l->kind], l->account,
                         l->text ? l->text : "", basis};
  int rc = tertial__report_add_line(s, r, l->unit, 0, TERTIAL_STYLE_NORMAL);
  for (size_t k = 0; rc == 0 && k < sizeof texts / sizeof *texts; k++)
    rc = tertial__report_set_text(s, r, FC_UNIT + k, texts[k]);
  if (rc == 0 && l->kind == TERTIAL_FRAME_INDEXATION)
    tertial__report_set_amount(s, FC_BASE, l->base);
  if (rc == 0)
    tertial__report_set_amount(s, FC_CHANGE, l->change);
  return rc;
}

static int frame_changes_of(tertial_report *r, const void *objects, const void *extra)
{
  (void)extra;
  const tertial_frame_update *u = objects;
  tertial_report_section *s = NULL;
  int64_t base = 0, change = 0;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < tertial_frame_update_count(u); i++) {
    const tertial_frame_line *l = tertial_frame_update_at(u, i);
    if (!tertial__report_covers(r, l->unit))
      continue;
    if (!s)
      rc = tertial__report_begin_section(&s, r, TERTIAL_SECTION_FRAME_CHANGES, frame_cols, FC_COLS);
    if (rc == 0)
      rc = frame_line(s, r, l);
    if (rc == 0 && ((l->kind == TERTIAL_FRAME_INDEXATION && tertial__add_ovf(base, l->base, &base)) ||
                    tertial__add_ovf(change, l->change, &change)))
      rc = tertial__error(TERTIAL_ERR_OVERFLOW, "report: the frame changes of %s add up beyond the range of an "
                                                "amount", tertial_report_unit_code(r));
  }
  if (rc == 0 && s) { /* Summa: the lines add into it (an empty base adds nothing) */
    size_t total = s->line_count;
    for (size_t i = 0; i < total; i++)
      tertial__report_set_parent(s, i, (int)total);
    rc = tertial__report_add_line(s, r, "", 0, TERTIAL_STYLE_TOTAL);
    if (rc == 0)
      rc = tertial__report_set_text(s, r, FC_UNIT, TXT(r, "Summa", "Total"));
    if (rc == 0) {
      tertial__report_set_amount(s, FC_BASE, base);
      tertial__report_set_amount(s, FC_CHANGE, change);
    }
  }
  return rc < 0 ? rc : s != NULL;
}

int tertial_report_add_frame_changes(tertial_report *report, const tertial_frame_update *lines)
{
  if (!report || !lines)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_report_add_frame_changes: NULL argument");
  return each_report(report, TERTIAL_SECTION_FRAME_CHANGES, "tertial_report_add_frame_changes", lines, NULL,
                     frame_changes_of);
}
