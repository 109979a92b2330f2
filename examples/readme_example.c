/* The README's example, kept compiling and running as a test (examples/meson.build). */
#include <stdio.h>
#include <tertial/tertial.h>

int main(void)
{
    tertial_model *m;
    tertial_model_new(&m, 2026, 1);                 /* calendar year 2026 */
    tertial_org *org = tertial_model_org(m);
    tertial_unit_id sn, hvb;
    tertial_org_add_unit(&sn, org, "6", "Socialnämnden", TERTIAL_NO_UNIT, 1, "Eva Ek");
    tertial_org_add_unit(&hvb, org, "6410", "HVB barn och unga", sn, 5, "Per Berg");

    tertial_account_id purchases;
    tertial_chart_ensure(&purchases, tertial_model_chart(m), "4610");
    tertial_ledger *l = tertial_model_ledger(m);
    for (int month = 0; month < 12; month++)         /* 2 000 000 kr a month budgeted */
        tertial_ledger_add(l, hvb, purchases, month, tertial_model_current_budget(m), 200000000);
    for (int month = 0; month < 4; month++)          /* 2 500 000 kr a month spent */
        tertial_ledger_add(l, hvb, purchases, month, TERTIAL_MEASURE_OUTCOME, 250000000);

    tertial_followup *t;
    char *text;
    if (tertial_followup_new(&t, m, sn, 4, NULL) == 0 &&      /* cut-off: April */
        tertial_render_text(&text, t, NULL) == 0) {
        fputs(text, stdout);                         /* Ack budgetavvikelse: -2 000 tkr */
        tertial_free(text);
    }
    tertial_followup_free(t);
    tertial_model_free(m);
    return 0;
}
