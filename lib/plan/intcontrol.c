/* Internal control: risks, the control plan and its follow-up (intcontrol.h). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "plan_internal.h"

#define DEFAULT_THRESHOLD 9

struct tertial_intcontrol {
  int threshold;
  tertial_risk *risks;
  size_t nrisks, cap_risks;
  tertial_control *controls;
  size_t ncontrols, cap_controls;
  tertial_control_result *results;
  size_t nresults, cap_results;
};

static void risk_strings(tertial_risk *r, const char **s[4])
{
  s[0] = &r->code;
  s[1] = &r->committee;
  s[2] = &r->process;
  s[3] = &r->risk;
}

static void control_strings(tertial_control *c, const char **s[7])
{
  s[0] = &c->code;
  s[1] = &c->risk;
  s[2] = &c->activity;
  s[3] = &c->method;
  s[4] = &c->frequency;
  s[5] = &c->responsible;
  s[6] = &c->point;
}

static void result_strings(tertial_control_result *r, const char **s[4])
{
  s[0] = &r->control;
  s[1] = &r->point;
  s[2] = &r->result;
  s[3] = &r->measures;
}

void tertial__intcontrol_truncate(tertial_intcontrol *ic, tertial_intcontrol_table table, size_t keep)
{
  const char **s[7];
  for (; table == TERTIAL_INTCONTROL_RISKS && ic->nrisks > keep; ic->nrisks--) {
    risk_strings(&ic->risks[ic->nrisks - 1], s);
    tertial__strs_free(s, 4);
  }
  for (; table == TERTIAL_INTCONTROL_PLAN && ic->ncontrols > keep; ic->ncontrols--) {
    control_strings(&ic->controls[ic->ncontrols - 1], s);
    tertial__strs_free(s, 7);
  }
  for (; table == TERTIAL_INTCONTROL_RESULTS && ic->nresults > keep; ic->nresults--) {
    result_strings(&ic->results[ic->nresults - 1], s);
    tertial__strs_free(s, 4);
  }
}

int tertial_intcontrol_new(tertial_intcontrol **out)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_intcontrol_new: out is NULL");
  *out = tertial__calloc(1, sizeof **out);
  if (!*out)
    return tertial__nomem("an internal control analysis");
  (*out)->threshold = DEFAULT_THRESHOLD;
  return 0;
}

void tertial_intcontrol_free(tertial_intcontrol *ic)
{
  if (!ic)
    return;
  for (int t = TERTIAL_INTCONTROL_RISKS; t <= TERTIAL_INTCONTROL_RESULTS; t++)
    tertial__intcontrol_truncate(ic, (tertial_intcontrol_table)t, 0);
  free(ic->risks);
  free(ic->controls);
  free(ic->results);
  free(ic);
}

int tertial_intcontrol_set_threshold(tertial_intcontrol *ic, int threshold)
{
  if (!ic)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_intcontrol_set_threshold: ic is NULL");
  if (threshold < 1 || threshold > 17)
    return tertial__error(TERTIAL_ERR_RANGE, "threshold %d out of range (1..17)", threshold);
  ic->threshold = threshold;
  return 0;
}

int tertial_intcontrol_threshold(const tertial_intcontrol *ic)
{
  return ic ? ic->threshold : 0;
}

/* The strings given are UTF-8 (NULL is allowed) and the required ones non-empty. */
static int check_texts(const char **s[], size_t n, size_t required, const char *what)
{
  for (size_t i = 0; i < n; i++) {
    if (i < required && (!*s[i] || !**s[i]))
      return tertial__error(TERTIAL_ERR_INVALID, "%s without %s", what, i == 0 ? "a code" : "a required text");
    if (*s[i] && !g_utf8_validate(*s[i], -1, NULL))
      return tertial__error(TERTIAL_ERR_INVALID, "%s: a text is not UTF-8", what);
  }
  return 0;
}

static int find_risk(const tertial_intcontrol *ic, const char *code)
{
  for (size_t i = 0; i < ic->nrisks; i++)
    if (strcmp(ic->risks[i].code, code) == 0)
      return (int)i;
  return -1;
}

static int find_control(const tertial_intcontrol *ic, const char *code)
{
  for (size_t i = 0; i < ic->ncontrols; i++)
    if (strcmp(ic->controls[i].code, code) == 0)
      return (int)i;
  return -1;
}

int tertial_intcontrol_add_risk(tertial_intcontrol *ic, const tertial_risk *risk)
{
  if (!ic || !risk)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_intcontrol_add_risk: NULL argument");
  tertial_risk c = *risk;
  const char **s[4];
  risk_strings(&c, s);
  /* code and risk are required: check the code first, the risk text as the fourth */
  int rc = check_texts(s, 4, 1, "a risk");
  if (rc < 0)
    return rc;
  if (!c.risk || !*c.risk)
    return tertial__error(TERTIAL_ERR_INVALID, "risk %s: no description of the risk", c.code);
  if (c.likelihood < 1 || c.likelihood > 4 || c.consequence < 1 || c.consequence > 4)
    return tertial__error(TERTIAL_ERR_RANGE, "risk %s: likelihood %d and consequence %d must be 1..4", c.code,
                          c.likelihood, c.consequence);
  if (find_risk(ic, c.code) >= 0)
    return tertial__error(TERTIAL_ERR_EXISTS, "risk %s already exists", c.code);
  if (tertial__grow((void **)&ic->risks, &ic->cap_risks, ic->nrisks + 1, sizeof *ic->risks) < 0 ||
      tertial__strs_copy(s, 4) < 0)
    return TERTIAL_ERR_NOMEM;
  ic->risks[ic->nrisks++] = c;
  return 0;
}

int tertial_intcontrol_add_control(tertial_intcontrol *ic, const tertial_control *control)
{
  if (!ic || !control)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_intcontrol_add_control: NULL argument");
  tertial_control c = *control;
  const char **s[7];
  control_strings(&c, s);
  int rc = check_texts(s, 7, 3, "a control");
  if (rc < 0)
    return rc;
  if (!c.point || !*c.point)
    return tertial__error(TERTIAL_ERR_INVALID, "control %s: no follow-up point to report at", c.code);
  if (find_control(ic, c.code) >= 0)
    return tertial__error(TERTIAL_ERR_EXISTS, "control %s already exists", c.code);
  if (find_risk(ic, c.risk) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "control %s: no risk %s in the analysis", c.code, c.risk);
  if (tertial__grow((void **)&ic->controls, &ic->cap_controls, ic->ncontrols + 1, sizeof *ic->controls) < 0 ||
      tertial__strs_copy(s, 7) < 0)
    return TERTIAL_ERR_NOMEM;
  ic->controls[ic->ncontrols++] = c;
  return 0;
}

int tertial_intcontrol_add_result(tertial_intcontrol *ic, const tertial_control_result *result)
{
  if (!ic || !result)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_intcontrol_add_result: NULL argument");
  tertial_control_result c;
  int rc = tertial__intcontrol_result_prepare(ic, result, &c);
  if (rc < 0)
    return rc;
  if (tertial__intcontrol_find_result(ic, c.control, c.point) >= 0) {
    rc = tertial__error(TERTIAL_ERR_EXISTS, "control %s has a result at %s already", c.control, c.point);
    tertial__intcontrol_result_discard(&c);
    return rc;
  }
  ic->results[ic->nresults++] = c; /* prepare made the room */
  return 0;
}

size_t tertial_intcontrol_risk_count(const tertial_intcontrol *ic)
{
  return ic ? ic->nrisks : 0;
}

const tertial_risk *tertial_intcontrol_risk_at(const tertial_intcontrol *ic, size_t index)
{
  return ic && index < ic->nrisks ? &ic->risks[index] : NULL;
}

int tertial_intcontrol_risk_value(int *out_value, int *out_control, const tertial_intcontrol *ic, size_t index)
{
  if (!ic)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_intcontrol_risk_value: ic is NULL");
  if (index >= ic->nrisks)
    return tertial__error(TERTIAL_ERR_RANGE, "risk %zu out of range (%zu risks)", index, ic->nrisks);
  int v = ic->risks[index].likelihood * ic->risks[index].consequence;
  if (out_value)
    *out_value = v;
  if (out_control)
    *out_control = v >= ic->threshold;
  return 0;
}

int tertial_intcontrol_risk_controls(const tertial_intcontrol *ic, size_t index)
{
  if (!ic)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_intcontrol_risk_controls: ic is NULL");
  if (index >= ic->nrisks)
    return tertial__error(TERTIAL_ERR_RANGE, "risk %zu out of range (%zu risks)", index, ic->nrisks);
  int n = 0;
  for (size_t i = 0; i < ic->ncontrols; i++)
    n += strcmp(ic->controls[i].risk, ic->risks[index].code) == 0;
  return n;
}

size_t tertial_intcontrol_control_count(const tertial_intcontrol *ic)
{
  return ic ? ic->ncontrols : 0;
}

const tertial_control *tertial_intcontrol_control_at(const tertial_intcontrol *ic, size_t index)
{
  return ic && index < ic->ncontrols ? &ic->controls[index] : NULL;
}

size_t tertial_intcontrol_result_count(const tertial_intcontrol *ic)
{
  return ic ? ic->nresults : 0;
}

const tertial_control_result *tertial_intcontrol_result_at(const tertial_intcontrol *ic, size_t index)
{
  return ic && index < ic->nresults ? &ic->results[index] : NULL;
}

/* ---- a result replaced in place (the round's checked change, intcontrol_round in round.c) ---- */

long tertial__intcontrol_find_result(const tertial_intcontrol *ic, const char *control, const char *point)
{
  for (size_t i = 0; ic && control && point && i < ic->nresults; i++)
    if (strcmp(ic->results[i].control, control) == 0 && strcmp(ic->results[i].point, point) == 0)
      return (long)i;
  return -1;
}

int tertial__intcontrol_result_prepare(tertial_intcontrol *ic, const tertial_control_result *result,
                                       tertial_control_result *out)
{
  tertial_control_result c = *result;
  const char **s[4];
  result_strings(&c, s);
  int rc = check_texts(s, 4, 3, "a control's result");
  if (rc < 0)
    return rc;
  if (c.deviations < 0)
    return tertial__error(TERTIAL_ERR_RANGE, "control %s at %s: %d deviations", c.control, c.point, c.deviations);
  if (find_control(ic, c.control) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no control %s in the plan", c.control);
  /* room for one more, so that the commit cannot fail */
  if (tertial__grow((void **)&ic->results, &ic->cap_results, ic->nresults + 1, sizeof *ic->results) < 0 ||
      tertial__strs_copy(s, 4) < 0)
    return TERTIAL_ERR_NOMEM;
  *out = c;
  return 0;
}

void tertial__intcontrol_result_discard(tertial_control_result *prepared)
{
  const char **s[4];
  result_strings(prepared, s);
  tertial__strs_free(s, 4);
}

void tertial__intcontrol_result_commit(tertial_intcontrol *ic, tertial_control_result *prepared)
{
  long i = tertial__intcontrol_find_result(ic, prepared->control, prepared->point);
  if (i >= 0) {
    tertial__intcontrol_result_discard(&ic->results[i]);
    ic->results[i] = *prepared;
  } else {
    ic->results[ic->nresults++] = *prepared;
  }
}
