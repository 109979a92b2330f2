/* libFuzzer target for the text forms of the planning process (lib/io/plan_read.c and the
 * modules behind it): the input is read as a wheel template, a table of proposals, a ranking
 * rule and each of the three tables of internal control. A template that reads is scheduled for
 * an ordinary and an election year with the default follow-up calendar, and what is due in a
 * week is asked; proposals that read are ranked by the rule when it reads, else by the default.
 * A failed read must add nothing. See docs/fuzzing.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tertial/tertial.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void wheel(const char *text, size_t size, const tertial_calendar *cal)
{
  tertial_wheel *w = NULL;
  if (tertial_wheel_parse(&w, text, size, "fuzz") < 0) {
    if (w)
      abort();
    return;
  }
  for (int year = 2025; year <= 2026; year++) {
    tertial_schedule *s = NULL, *due = NULL;
    tertial_date mon, sun = {year, 6, 21};
    if (tertial_wheel_schedule(&s, w, year, TERTIAL_YEAR_AUTO, cal) < 0 || tertial_iso_week_start(&mon, year, 25) < 0 ||
        tertial_schedule_due(&due, s, &mon, &sun, "chef", NULL) < 0)
      abort();
    if (tertial_schedule_count(due) > tertial_schedule_count(s))
      abort();
    tertial_schedule_free(due);
    tertial_schedule_free(s);
  }
  tertial_wheel_free(w);
}

static void priorities(const char *text, size_t size)
{
  tertial_proposals *list = NULL;
  tertial_priority_rule *rule = NULL;
  if (tertial_proposals_new(&list) < 0)
    abort();
  if (tertial_proposals_parse(list, text, size, "fuzz") < 0 && tertial_proposals_count(list) != 0)
    abort();
  if (tertial_priority_rule_parse(&rule, text, "fuzz") < 0 && tertial_priority_rule_new_default(&rule) < 0)
    abort();
  size_t n = tertial_proposals_count(list);
  size_t *order = calloc(n + 1, sizeof *order), *ranks = calloc(n + 1, sizeof *ranks);
  if (!order || !ranks || tertial_proposals_rank(order, ranks, n, list, rule) < 0)
    abort();
  for (size_t i = 0; i < n; i++)
    if (order[i] >= n || ranks[i] < 1 || ranks[i] > i + 1)
      abort();
  free(order);
  free(ranks);
  tertial_priority_rule_free(rule);
  tertial_proposals_free(list);
}

static void intcontrol(const char *text, size_t size)
{
  static const char risks[] = "kod;risk;sannolikhet;konsekvens\nR1;A;3;4\nR2;B;1;1\n";
  static const char plan[] = "kod;risk;kontrollmoment;rapporteras\nK1;R1;A;T1\n";
  tertial_intcontrol *ic = NULL;
  if (tertial_intcontrol_new(&ic) < 0 ||
      tertial_intcontrol_parse(ic, TERTIAL_INTCONTROL_RISKS, risks, sizeof risks - 1, "r") < 0 ||
      tertial_intcontrol_parse(ic, TERTIAL_INTCONTROL_PLAN, plan, sizeof plan - 1, "k") < 0)
    abort();
  for (int t = TERTIAL_INTCONTROL_RISKS; t <= TERTIAL_INTCONTROL_RESULTS; t++) {
    size_t before[3] = {tertial_intcontrol_risk_count(ic), tertial_intcontrol_control_count(ic),
                        tertial_intcontrol_result_count(ic)};
    if (tertial_intcontrol_parse(ic, (tertial_intcontrol_table)t, text, size, "fuzz") < 0 &&
        (tertial_intcontrol_risk_count(ic) != before[0] || tertial_intcontrol_control_count(ic) != before[1] ||
         tertial_intcontrol_result_count(ic) != before[2]))
      abort();
  }
  for (size_t i = 0; i < tertial_intcontrol_risk_count(ic); i++) {
    int v = 0, c = 0;
    if (tertial_intcontrol_risk_value(&v, &c, ic, i) < 0 || v < 1 || v > 16 || c != (v >= 9))
      abort();
  }
  tertial_intcontrol_free(ic);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static tertial_calendar *cal;
  if (!cal && tertial_calendar_new_default(&cal, 1) < 0)
    abort();
  /* the rule's text form is NUL-terminated */
  char *text = malloc(size + 1);
  if (!text)
    abort();
  memcpy(text, data, size);
  text[size] = '\0';
  wheel(text, size, cal);
  priorities(text, size);
  intcontrol(text, size);
  free(text);
  return 0;
}
