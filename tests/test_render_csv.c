/* mkdtemp, rmdir */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "report_fixture.h"

static tertial_report *small_report(tertial_model **m, unsigned sections)
{
  tertial_unit_id p = report_small_model(m);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = sections;
  tertial_report *r;
  T_OK(tertial_report_new(&r, *m, p, 1, &o));
  return r;
}

#define UNITS_AND_REASONS (TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_REASONS))

/* Outcome 1 400,00 + i öre against a budget of 1 000 kr per unit: exact kronor with two
 * decimals, the deviation budget − outcome, Förbrukat 140,00 %; RFC 4180 quoting of the names. */
static const char golden_machine[] =
    "F\xc3\xb6rvaltning,Utfall t.o.m. januari 2026\r\n"
    "\r\n"
    "units\r\n"
    "code,depth,style,parent,informational,label,outcome_acc,budget_acc,deviation_acc,budget_year,share_used,"
    "forecast,forecast_deviation,prior_year\r\n"
    "A,1,normal,3,0,\"Hem, \"\"v\xc3\xa5rd\"\"\",1400.00,1000.00,-400.00,1000.00,140.00,1400.00,-400.00,0.00\r\n"
    "B,1,normal,3,0,=1+2,1400.01,1000.00,-400.01,1000.00,140.00,1400.01,-400.01,0.00\r\n"
    "C,1,normal,3,0,\"Rad\nett\",1400.02,1000.00,-400.02,1000.00,140.00,1400.02,-400.02,0.00\r\n"
    "P,0,total,,0,Summa,4200.03,3000.00,-1200.03,3000.00,140.00,4200.03,-1200.03,0.00\r\n"
    "\r\n"
    "reasons\r\n"
    "code,depth,style,parent,informational,reason,amount,unit_code,unit\r\n"
    "A,1,subtotal,6,0,\"Hem, \"\"v\xc3\xa5rd\"\"\",-400.00,A,\"Hem, \"\"v\xc3\xa5rd\"\"\"\r\n"
    "projection,2,normal,0,0,Framskrivning av utfall,-400.00,A,\"Hem, \"\"v\xc3\xa5rd\"\"\"\r\n"
    "B,1,subtotal,6,0,=1+2,-400.01,B,=1+2\r\n"
    "projection,2,normal,2,0,Framskrivning av utfall,-400.01,B,=1+2\r\n"
    "C,1,subtotal,6,0,\"Rad\nett\",-400.02,C,\"Rad\nett\"\r\n"
    "projection,2,normal,4,0,Framskrivning av utfall,-400.02,C,\"Rad\nett\"\r\n"
    ",0,total,,0,Summa,-1200.03,,\r\n"
    "\r\n";

static const char golden_reasons[] =
    "code,depth,style,parent,informational,reason,amount,unit_code,unit\r\n"
    "A,1,subtotal,6,0,\"Hem, \"\"v\xc3\xa5rd\"\"\",-400.00,A,\"Hem, \"\"v\xc3\xa5rd\"\"\"\r\n"
    "projection,2,normal,0,0,Framskrivning av utfall,-400.00,A,\"Hem, \"\"v\xc3\xa5rd\"\"\"\r\n"
    "B,1,subtotal,6,0,=1+2,-400.01,B,=1+2\r\n"
    "projection,2,normal,2,0,Framskrivning av utfall,-400.01,B,=1+2\r\n"
    "C,1,subtotal,6,0,\"Rad\nett\",-400.02,C,\"Rad\nett\"\r\n"
    "projection,2,normal,4,0,Framskrivning av utfall,-400.02,C,\"Rad\nett\"\r\n"
    ",0,total,,0,Summa,-1200.03,,\r\n";

static const char golden_swedish[] =
    "\xef\xbb\xbf"
    "F\xc3\xb6rvaltning;Utfall t.o.m. januari 2026\r\n"
    "\r\n"
    "Ekonomiskt resultat per verksamhet\r\n"
    "Kod;Niv\xc3\xa5;Radtyp;\xc3\x96verordnad rad;Ing\xc3\xa5r ej i summan;Verksamhet;Ack utfall;Ack budget;"
    "Ack budgetavvikelse;\xc3\x85rets budget;F\xc3\xb6rbrukat %;\xc3\x85rets prognos;Prognosavvikelse;Fg bokslut\r\n"
    "A;1;normal;3;0;\"Hem, \"\"v\xc3\xa5rd\"\"\";1400,00;1000,00;-400,00;1000,00;140,00;1400,00;-400,00;0,00\r\n"
    "B;1;normal;3;0;\"'=1+2\";1400,01;1000,00;-400,01;1000,00;140,00;1400,01;-400,01;0,00\r\n"
    "C;1;normal;3;0;\"Rad\nett\";1400,02;1000,00;-400,02;1000,00;140,00;1400,02;-400,02;0,00\r\n"
    "P;0;total;;0;Summa;4200,03;3000,00;-1200,03;3000,00;140,00;4200,03;-1200,03;0,00\r\n"
    "\r\n"
    "Prognosens avvikelse mot budget\r\n"
    "Kod;Niv\xc3\xa5;Radtyp;\xc3\x96verordnad rad;Ing\xc3\xa5r ej i summan;Orsak till prognosavvikelse;Belopp;Enhet;"
    "Enhetens namn\r\n"
    "A;1;subtotal;6;0;\"Hem, \"\"v\xc3\xa5rd\"\"\";-400,00;A;\"Hem, \"\"v\xc3\xa5rd\"\"\"\r\n"
    "projection;2;normal;0;0;Framskrivning av utfall;-400,00;A;\"Hem, \"\"v\xc3\xa5rd\"\"\"\r\n"
    "B;1;subtotal;6;0;\"'=1+2\";-400,01;B;\"'=1+2\"\r\n"
    "projection;2;normal;2;0;Framskrivning av utfall;-400,01;B;\"'=1+2\"\r\n"
    "C;1;subtotal;6;0;\"Rad\nett\";-400,02;C;\"Rad\nett\"\r\n"
    "projection;2;normal;4;0;Framskrivning av utfall;-400,02;C;\"Rad\nett\"\r\n"
    ";0;total;;0;Summa;-1200,03;;\r\n"
    "\r\n";

/* Ackumulerat per månad: outcome only up to the cut-off (January), an empty cell after it. */
#define MONTH_LINE(code, label, outcome) code ",0,normal,,0," label "," outcome ",3000.00,4200.03\r\n"
static const char golden_monthly[] =
    "F\xc3\xb6rvaltning,Utfall t.o.m. januari 2026\r\n"
    "\r\n"
    "monthly\r\n"
    "code,depth,style,parent,informational,month,outcome_acc,budget_acc,forecast_acc\r\n"
    MONTH_LINE("2026-01", "jan", "4200.03") MONTH_LINE("2026-02", "feb", "") MONTH_LINE("2026-03", "mar", "")
    MONTH_LINE("2026-04", "apr", "") MONTH_LINE("2026-05", "maj", "") MONTH_LINE("2026-06", "jun", "")
    MONTH_LINE("2026-07", "jul", "") MONTH_LINE("2026-08", "aug", "") MONTH_LINE("2026-09", "sep", "")
    MONTH_LINE("2026-10", "okt", "") MONTH_LINE("2026-11", "nov", "") MONTH_LINE("2026-12", "dec", "")
    "\r\n";

START_TEST(test_golden_monthly)
{
  tertial_model *m;
  tertial_report *r = small_report(&m, TERTIAL_SECTION_BIT(TERTIAL_SECTION_MONTHLY));
  char *s;
  T_OK(tertial_render_csv(&s, r, NULL));
  ck_assert_str_eq(s, golden_monthly);
  tertial_free(s);
  tertial_csv_options o = TERTIAL_CSV_OPTIONS_INIT;
  o.style = TERTIAL_CSV_SWEDISH;
  T_OK(tertial_render_csv(&s, r, &o));
  ck_assert_ptr_nonnull(strstr(s, "\r\nAckumulerat per m\xc3\xa5nad\r\nKod;Niv\xc3\xa5;Radtyp;\xc3\x96verordnad rad;"
                                  "Ing\xc3\xa5r ej i summan;M\xc3\xa5nad;Ack utfall;Ack budget;Ack prognos\r\n"
                                  "2026-01;0;normal;;0;jan;4200,03;3000,00;4200,03\r\n"
                                  "2026-02;0;normal;;0;feb;;3000,00;4200,03\r\n"));
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_golden_machine)
{
  tertial_model *m;
  tertial_report *r = small_report(&m, UNITS_AND_REASONS);
  char *s;
  T_OK(tertial_render_csv(&s, r, NULL));
  ck_assert_str_eq(s, golden_machine);
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_golden_swedish)
{
  tertial_model *m;
  tertial_report *r = small_report(&m, UNITS_AND_REASONS);
  tertial_csv_options o = TERTIAL_CSV_OPTIONS_INIT;
  o.style = TERTIAL_CSV_SWEDISH;
  o.bom = 1;
  o.guard_formulas = 1;
  char *s;
  T_OK(tertial_render_csv(&s, r, &o));
  /* ';' needs no quoting of "Hem, ..." but its quotes do; "=1+2" is guarded with a quote mark. */
  ck_assert_str_eq(s, golden_swedish);
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_section_alone)
{
  tertial_model *m;
  tertial_report *r = small_report(&m, UNITS_AND_REASONS);
  size_t i;
  T_OK(tertial_report_find_section(&i, r, TERTIAL_SECTION_REASONS));
  char *s;
  T_OK(tertial_render_csv_section(&s, tertial_report_section_at(r, i), NULL));
  ck_assert_str_eq(s, golden_reasons);
  tertial_free(s);
  tertial_csv_options o = TERTIAL_CSV_OPTIONS_INIT;
  o.version = 99;
  T_ERR(tertial_render_csv_section(&s, tertial_report_section_at(r, i), &o), TERTIAL_ERR_INVALID);
  o = (tertial_csv_options)TERTIAL_CSV_OPTIONS_INIT;
  o.style = (tertial_csv_style)7;
  T_ERR(tertial_render_csv(&s, r, &o), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_csv(NULL, r, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_csv(&s, NULL, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_csv_section(&s, NULL, NULL), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* The round's texts: Swedish style quotes the comment with ';' and guards "=1+1"; machine style
 * writes the texts as they are (no guard by default). */
START_TEST(test_round_texts)
{
  tertial_model *m = report_demo_round();
  tertial_report *r = report_demo_texts(m, "3");
  tertial_csv_options o = TERTIAL_CSV_OPTIONS_INIT;
  o.style = TERTIAL_CSV_SWEDISH;
  char *s;
  T_OK(tertial_render_csv(&s, r, &o));
  ck_assert_ptr_nonnull(strstr(s, "\r\nKommentarer\r\nKod;Nivå;Radtyp;Överordnad rad;Ingår ej i summan;Del;Rad;Status;Av;"
                                  "Datum;Text\r\nsummary;0;normal;;0;Sammanfattning;;;Eva Andersson;2026-11-02;"
                                  "Socialnämnden prognostiserar ett underskott mot budget för helåret. "));
  ck_assert_ptr_nonnull(strstr(s, "\r\nKOST_KOP;0;normal;;0;Kommentar;Köp av verksamhet;;Eva Andersson;2026-11-02;"
                                  "Fler placeringar på HVB-hem för barn och unga än budgeterat, i genomsnitt fyra "
                                  "fler än i fjol.\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "\r\nstatus;0;normal;;0;Status;;Godkänd, eskalerad till nästa nivå;Karin Lind;"
                                  "2026-11-10;\"Underskottet kan inte täckas inom Socialnämndens ram i år; nämnden "
                                  "redovisar en åtgärdsplan till kommunstyrelsen.\"\r\n"));
  tertial_free(s);
  tertial_report_free(r);

  r = report_demo_texts(m, "4331");
  T_OK(tertial_render_csv(&s, r, &o));
  ck_assert_ptr_nonnull(strstr(s, ";Kommentar;Köp av verksamhet;;"));
  ck_assert_ptr_nonnull(strstr(s, ";\"'=1+1\"\r\n"));
  tertial_free(s);
  T_OK(tertial_render_csv(&s, r, NULL));
  ck_assert_ptr_nonnull(strstr(s, "\r\ntexts\r\ncode,depth,style,parent,informational,item,row,status,by,date,text\r\n"));
  ck_assert_ptr_nonnull(strstr(s, ",Kommentar,Köp av verksamhet,,"));
  ck_assert_ptr_nonnull(strstr(s, ",=1+1\r\n"));
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* The fixture: empty cells, internal rows, dates, measures and child reports. */
START_TEST(test_full_report)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.previous_point = "JANFEB";
  o.child_depth = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, &o));
  char *s;
  T_OK(tertial_render_csv(&s, r, NULL));
  ck_assert_ptr_nonnull(strstr(s, "key_figures\r\ncode,depth,style,parent,informational,label,outcome_acc,"));
  ck_assert_ptr_nonnull(strstr(s, "SN,0,total,,0,Socialn\xc3\xa4mnden,6810000.00,8400000.00,1590000.00,25200000.00,"
                                  "27.02,24110000.00,1090000.00,11800000.00,24110000.00,-445000.00\r\n"));
  /* Förbrukat % is empty for a zero budget; an internal row is forecast at its budget. */
  ck_assert_ptr_nonnull(strstr(s, "KOST_BIDR,2,normal,7,0,Bidrag,300000.00,0.00,-300000.00,0.00,,300000.00,"
                                  "-300000.00,0.00\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "KOST_VARAV,2,normal,7,1,varav interna kostnader,400000.00,400000.00,0.00,"
                                  "1200000.00,33.33,1200000.00,0.00,0.00\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "6410,1,normal,1,0,HVB barn och unga,"
                                  "\"=HYPERLINK(\"\"http://x\"\",\"\"F\xc3\xa4rre placeringar\"\")\","
                                  "H\xc3\xb6ga kostnader,1000000.00,L\xc3\xa4ngre k\xc3\xb6,2026-09-01\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "change,0,total,,0,F\xc3\xb6r\xc3\xa4ndring (positiv = h\xc3\xb6gre "
                                  "nettokostnad),-445000.00\r\n"));
  /* The monthly section is in the default set, last: Ack utfall up to April, then only the
   * budget and the forecast (outcome to April, budget after, the rest in December). */
  ck_assert_ptr_nonnull(strstr(s, "\r\nmonthly\r\ncode,depth,style,parent,informational,month,outcome_acc,"
                                  "budget_acc,forecast_acc\r\n2026-01,0,normal,,0,jan,1627500.00,2100000.00,"
                                  "1627500.00\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "2026-04,0,normal,,0,apr,6810000.00,8400000.00,6810000.00\r\n"
                                  "2026-05,0,normal,,0,maj,,10500000.00,8910000.00\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "2026-12,0,normal,,0,dec,,25200000.00,24110000.00\r\n"));
  /* The child reports follow, each with its title record. */
  ck_assert_ptr_nonnull(strstr(s, "\r\nIndivid- och familjeomsorg,\"Utfall t.o.m. april 2026, Tertial 1\"\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "\r\n\xc3\x84ldreomsorg,\"Utfall t.o.m. april 2026, Tertial 1\"\r\n"));
  tertial_free(s);
  tertial_csv_options co = TERTIAL_CSV_OPTIONS_INIT;
  co.children = 0;
  T_OK(tertial_render_csv(&s, r, &co));
  ck_assert_ptr_null(strstr(s, "\xc3\x84ldreomsorg,\"Utfall"));
  tertial_free(s);
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

/* Hostile unit names: formulas for a spreadsheet (OWASP's CSV injection), control characters for
 * a terminal or a line-based reader, invalid UTF-8. Each unit has -1 243,50 kr of outcome, so
 * the amounts start with '-' too and show that numbers are never guarded. */
static const char *const hostile_names[] = {
  "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1", "-1+2", "=HYPERLINK(\"http://x\",\"y\")", "\tTab", "\rCR",
  "a\x1b[31mred", "c1\xc2\x9b" "2J", "ls\xe2\x80\xa8x", "bad\xff", "rad\r\nny", "nul\x01\x7f",
};
#define HOSTILE_COUNT (sizeof hostile_names / sizeof *hostile_names)

static tertial_report *hostile_report(tertial_model **out)
{
  T_OK(tertial_model_new(out, 2026, 1));
  tertial_model *m = *out;
  tertial_org *org = tertial_model_org(m);
  tertial_unit_id p, u;
  T_OK(tertial_org_add_unit(&p, org, "P", "Förvaltning", TERTIAL_NO_UNIT, 0, NULL));
  tertial_account_id a;
  T_OK(tertial_chart_ensure(&a, tertial_model_chart(m), "3010"));
  for (size_t i = 0; i < HOSTILE_COUNT; i++) {
    char code[8];
    snprintf(code, sizeof code, "%c%02zu", i == 0 ? '-' : 'U', i); /* the first code is hostile too */
    T_OK(tertial_org_add_unit(&u, org, code, hostile_names[i], p, 1, NULL));
    T_OK(tertial_ledger_add(tertial_model_ledger(m), u, a, 0, TERTIAL_MEASURE_OUTCOME, -124350));
  }
  T_OK(tertial_forecast_apply(m, 1, -1));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS);
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, p, 1, &o));
  return r;
}

/* The amounts of each hostile unit and of their total, machine and Swedish style. */
#define M_AMOUNTS ",-1243.50,0.00,1243.50,0.00,,-1243.50,1243.50,0.00\r\n"
#define S_AMOUNTS ";-1243,50;0,00;1243,50;0,00;;-1243,50;1243,50;0,00\r\n"
#define FFFD "\xef\xbf\xbd"

/* Machine style: formulas kept as they are (RFC 4180 quoting only), ESC, C1, DEL, other C0
 * controls and invalid bytes replaced; TAB, CR, LF and U+2028 kept, a field with CR or LF quoted. */
static const char hostile_machine[] =
    "code,depth,style,parent,informational,label,outcome_acc,budget_acc,deviation_acc,budget_year,share_used,"
    "forecast,forecast_deviation,prior_year\r\n"
    "-00,1,normal,13,0,=cmd|' /C calc'!A0" M_AMOUNTS
    "U01,1,normal,13,0,@SUM(1+1)" M_AMOUNTS
    "U02,1,normal,13,0,+1" M_AMOUNTS
    "U03,1,normal,13,0,-1+2" M_AMOUNTS
    "U04,1,normal,13,0,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" M_AMOUNTS
    "U05,1,normal,13,0,\tTab" M_AMOUNTS
    "U06,1,normal,13,0,\"\rCR\"" M_AMOUNTS
    "U07,1,normal,13,0,a" FFFD "[31mred" M_AMOUNTS
    "U08,1,normal,13,0,c1" FFFD "2J" M_AMOUNTS
    "U09,1,normal,13,0,ls\xe2\x80\xa8x" M_AMOUNTS
    "U10,1,normal,13,0,bad" FFFD M_AMOUNTS
    "U11,1,normal,13,0,\"rad\r\nny\"" M_AMOUNTS
    "U12,1,normal,13,0,nul" FFFD FFFD M_AMOUNTS
    "P,0,total,,0,Summa,-16165.50,0.00,16165.50,0.00,,-16165.50,16165.50,0.00\r\n";

/* Swedish style, guarded by default: every text field starting with =, +, -, @, TAB or CR (the
 * code "-00" too) gets a leading ' inside quotes; the amounts, negative numbers, do not. */
static const char hostile_swedish[] =
    "Kod;Niv\xc3\xa5;Radtyp;\xc3\x96verordnad rad;Ing\xc3\xa5r ej i summan;Verksamhet;Ack utfall;Ack budget;"
    "Ack budgetavvikelse;\xc3\x85rets budget;F\xc3\xb6rbrukat %;\xc3\x85rets prognos;Prognosavvikelse;Fg bokslut\r\n"
    "\"'-00\";1;normal;13;0;\"'=cmd|' /C calc'!A0\"" S_AMOUNTS
    "U01;1;normal;13;0;\"'@SUM(1+1)\"" S_AMOUNTS
    "U02;1;normal;13;0;\"'+1\"" S_AMOUNTS
    "U03;1;normal;13;0;\"'-1+2\"" S_AMOUNTS
    "U04;1;normal;13;0;\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" S_AMOUNTS
    "U05;1;normal;13;0;\"'\tTab\"" S_AMOUNTS
    "U06;1;normal;13;0;\"'\rCR\"" S_AMOUNTS
    "U07;1;normal;13;0;a" FFFD "[31mred" S_AMOUNTS
    "U08;1;normal;13;0;c1" FFFD "2J" S_AMOUNTS
    "U09;1;normal;13;0;ls\xe2\x80\xa8x" S_AMOUNTS
    "U10;1;normal;13;0;bad" FFFD S_AMOUNTS
    "U11;1;normal;13;0;\"rad\r\nny\"" S_AMOUNTS
    "U12;1;normal;13;0;nul" FFFD FFFD S_AMOUNTS
    "P;0;total;;0;Summa;-16165,50;0,00;16165,50;0,00;;-16165,50;16165,50;0,00\r\n";

START_TEST(test_hostile_text)
{
  tertial_model *m;
  tertial_report *r = hostile_report(&m);
  const tertial_report_section *units = tertial_report_section_at(r, 0);
  char *s;
  T_OK(tertial_render_csv_section(&s, units, NULL));
  ck_assert_str_eq(s, hostile_machine);
  tertial_free(s);
  tertial_csv_options o = TERTIAL_CSV_OPTIONS_INIT;
  o.style = TERTIAL_CSV_SWEDISH;
  T_OK(tertial_render_csv_section(&s, units, &o));
  ck_assert_str_eq(s, hostile_swedish);
  tertial_free(s);
  /* The guard is a choice: off in the Swedish style, on in the machine style. */
  o.guard_formulas = 0;
  T_OK(tertial_render_csv_section(&s, units, &o));
  ck_assert_ptr_nonnull(strstr(s, "\r\n-00;1;normal;13;0;=cmd|' /C calc'!A0;-1243,50;"));
  ck_assert_ptr_nonnull(strstr(s, "\r\nU06;1;normal;13;0;\"\rCR\";"));
  tertial_free(s);
  o = (tertial_csv_options)TERTIAL_CSV_OPTIONS_INIT;
  o.guard_formulas = 1;
  T_OK(tertial_render_csv_section(&s, units, &o));
  ck_assert_ptr_nonnull(strstr(s, "\r\nU01,1,normal,13,0,\"'@SUM(1+1)\",-1243.50,"));
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

static char *slurp(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

static int entries(const char *dir)
{
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."));
  if (d)
    closedir(d);
  return n;
}

START_TEST(test_file)
{
  char dir[] = "/tmp/tertial-csv-XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char path[256], sub[256];
  snprintf(path, sizeof path, "%s/report.csv", dir);
  tertial_model *m;
  tertial_report *r = small_report(&m, UNITS_AND_REASONS);
  T_OK(tertial_render_csv_file(r, path, NULL));
  ck_assert_str_eq(slurp(path), golden_machine);
  ck_assert_int_eq(entries(dir), 1);
  /* A target that cannot be replaced (a folder) fails and leaves no temporary file behind. */
  snprintf(sub, sizeof sub, "%s/folder", dir);
  ck_assert_int_eq(mkdir(sub, 0755), 0);
  T_ERR(tertial_render_csv_file(r, sub, NULL), TERTIAL_ERR_IO);
  ck_assert_int_eq(entries(dir), 2);
  snprintf(sub, sizeof sub, "%s/missing/report.csv", dir);
  T_ERR(tertial_render_csv_file(r, sub, NULL), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "missing"));
  T_ERR(tertial_render_csv_file(r, NULL, NULL), TERTIAL_ERR_INVALID);
  /* The earlier file is intact. */
  ck_assert_str_eq(slurp(path), golden_machine);
  snprintf(sub, sizeof sub, "%s/folder", dir);
  rmdir(sub);
  unlink(path);
  rmdir(dir);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* The long fact table of the small model at January: a header, then per unit (P has nothing of
 * its own) outcome for January and budget and forecast for every month, exact kronor. */
START_TEST(test_long_facts)
{
  tertial_model *m;
  tertial_unit_id p = report_small_model(&m);
  char *s;
  T_OK(tertial_render_csv_long(&s, m, p, 1, 0, NULL));
#define A_ROW "A,\"Hem, \"\"v\xc3\xa5rd\"\"\",P,P/A,KOST_OVR,\xc3\x96vriga verksamhetskostnader,KOST,1,"
  static const char head[] =
      "unit,unit_name,parent,path,row,row_label,row_group,in_result,account,month,measure,value\r\n"
      A_ROW ",2026-01,outcome,1400.00\r\n"
      A_ROW ",2026-01,budget,1000.00\r\n"
      A_ROW ",2026-02,budget,0.00\r\n";
  ck_assert_int_eq(strncmp(s, head, strlen(head)), 0);
  /* B's name is text as it is in the machine style; C's line break is quoted */
  ck_assert_ptr_nonnull(strstr(s, "\r\n" A_ROW ",2026-01,forecast,1400.00\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "\r\nB,=1+2,P,P/B,KOST_OVR,\xc3\x96vriga verksamhetskostnader,KOST,1,,2026-01,outcome,"
                                  "1400.01\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "\r\nC,\"Rad\nett\",P,P/C,KOST_OVR,\xc3\x96vriga verksamhetskostnader,KOST,1,,2026-12,"
                                  "forecast,0.00\r\n"));
  size_t records = 0;
  for (const char *q = s; (q = strstr(q, "\r\n")); q += 2)
    records++;
  ck_assert_uint_eq(records, 1 + 3 * 25); /* 1 outcome month + 12 budget + 12 forecast per unit */
  ck_assert_ptr_null(strstr(s, "\r\nP,"));
  tertial_free(s);
  /* Swedish style: ';', a decimal comma, Swedish headers, guarded names */
  tertial_csv_options o = TERTIAL_CSV_OPTIONS_INIT;
  o.style = TERTIAL_CSV_SWEDISH;
  T_OK(tertial_render_csv_long(&s, m, p, 1, 0, &o));
  ck_assert_ptr_nonnull(strstr(s, "Enhet;Enhetens namn;\xc3\x96verordnad enhet;S\xc3\xb6kv\xc3\xa4g;Rad;Radens namn;"
                                  "Radgrupp;I resultatet;Konto;M\xc3\xa5nad;M\xc3\xa5tt;Belopp\r\n"));
  ck_assert_ptr_nonnull(strstr(s, "\r\nB;\"'=1+2\";P;P/B;KOST_OVR;"));
  ck_assert_ptr_nonnull(strstr(s, ";2026-01;outcome;1400,02\r\n"));
  tertial_free(s);
  /* a unit's own facts: A alone */
  tertial_unit_id a;
  T_OK(tertial_org_find(&a, tertial_model_org(m), "A"));
  T_OK(tertial_render_csv_long(&s, m, a, 1, 0, NULL));
  ck_assert_ptr_nonnull(strstr(s, "\r\nA,\"Hem, \"\"v\xc3\xa5rd\"\"\",,A,KOST_OVR,"));
  tertial_free(s);
  /* per account: outcome and budget on 4010, the forecast the row's */
  T_OK(tertial_render_csv_long(&s, m, p, 1, TERTIAL_CSV_LONG_ACCOUNTS, NULL));
  static const char head_accounts[] =
      "unit,unit_name,parent,path,row,row_label,row_group,in_result,account,month,measure,value\r\n"
      A_ROW "4010,2026-01,outcome,1400.00\r\n" A_ROW "4010,2026-01,budget,1000.00\r\n"
      A_ROW "4010,2026-02,budget,0.00\r\n";
  ck_assert_int_eq(strncmp(s, head_accounts, strlen(head_accounts)), 0);
  ck_assert_ptr_nonnull(strstr(s, "\r\n" A_ROW "4010,2026-12,budget,0.00\r\n" A_ROW ",2026-01,forecast,1400.00\r\n"));
  tertial_free(s);
  T_ERR(tertial_render_csv_long(&s, m, p, 1, 2, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_csv_long(&s, m, 99, 1, 0, NULL), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_render_csv_long(&s, m, p, 13, 0, NULL), TERTIAL_ERR_RANGE);
  T_ERR(tertial_render_csv_long(NULL, m, p, 1, 0, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_csv_long_file(m, p, 1, 0, NULL, NULL), TERTIAL_ERR_INVALID);
  tertial_model_free(m);
}
END_TEST

/* The demo at JANOKT: the own amounts of Socialnämnden's subtree add up to its report's Ack utfall,
 * Årets budget and Årets prognos, to the öre (parsed back from the kronor with two decimals). */
START_TEST(test_long_facts_add_up)
{
  tertial_model *m = report_demo_round();
  tertial_unit_id sn;
  T_OK(tertial_org_find(&sn, tertial_model_org(m), "3"));
  char *s;
  for (unsigned flags = 0; flags <= TERTIAL_CSV_LONG_ACCOUNTS; flags++) {
  T_OK(tertial_render_csv_long(&s, m, sn, 10, flags, NULL));
  int64_t sum[3] = {0, 0, 0};
  static const char *const measures[3] = {",outcome,", ",budget,", ",forecast,"};
  for (char *line = strstr(s, "\r\n") + 2; *line;) {
    char *end = strstr(line, "\r\n");
    ck_assert_ptr_nonnull(end);
    *end = '\0';
    const char *field = line; /* the demo's names have no comma: field 8 is in_result */
    for (int n = 0; n < 7; n++)
      field = strchr(field, ',') + 1;
    if (field[0] == '1' && field[1] == ',')
      for (int k = 0; k < 3; k++) {
        char *at = strstr(line, measures[k]);
        if (at) {
          long long kr = 0, ore = 0;
          char *v = at + strlen(measures[k]);
          int neg = *v == '-';
          ck_assert_int_eq(sscanf(v + neg, "%lld.%2lld", &kr, &ore), 2);
          sum[k] += (neg ? -1 : 1) * (kr * 100 + ore);
        }
      }
    line = end + 2;
  }
  tertial_free(s);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_KEY_FIGURES);
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, sn, 10, &o));
  const tertial_report_section *k = tertial_report_section_at(r, 0);
  ck_assert_int_eq(sum[0], tertial_report_cell_at(k, 0, 1)->value);
  ck_assert_int_eq(sum[0], 38633097079);
  ck_assert_int_eq(sum[1], tertial_report_cell_at(k, 0, 4)->value);
  ck_assert_int_eq(sum[2], tertial_report_cell_at(k, 0, 6)->value);
  tertial_report_free(r);
  }
  tertial_model_free(m);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("render_csv");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_golden_machine);
  tcase_add_test(tc, test_golden_monthly);
  tcase_add_test(tc, test_golden_swedish);
  tcase_add_test(tc, test_section_alone);
  tcase_add_test(tc, test_full_report);
  tcase_add_test(tc, test_round_texts);
  tcase_add_test(tc, test_file);
  tcase_add_test(tc, test_hostile_text);
  tcase_add_test(tc, test_long_facts);
  tcase_add_test(tc, test_long_facts_add_up);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
