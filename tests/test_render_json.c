/* mkdtemp */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "report_fixture.h"

#define UNITS_AND_REASONS (TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_REASONS))

static tertial_report *small_report(tertial_model **m)
{
  tertial_unit_id p = report_small_model(m);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = UNITS_AND_REASONS;
  tertial_report *r;
  T_OK(tertial_report_new(&r, *m, p, 1, &o));
  return r;
}

#define FOLLOWUP_COLUMNS                                                                        \
  "{\"key\":\"outcome_acc\",\"header\":\"Ack utfall\",\"type\":\"amount\",\"source\":0},"       \
  "{\"key\":\"budget_acc\",\"header\":\"Ack budget\",\"type\":\"amount\",\"source\":1},"        \
  "{\"key\":\"deviation_acc\",\"header\":\"Ack budgetavvikelse\",\"type\":\"amount\",\"source\":2}," \
  "{\"key\":\"budget_year\",\"header\":\"\xc3\x85rets budget\",\"type\":\"amount\",\"source\":3}," \
  "{\"key\":\"share_used\",\"header\":\"F\xc3\xb6rbrukat %\",\"type\":\"share\",\"source\":4},"  \
  "{\"key\":\"forecast\",\"header\":\"\xc3\x85rets prognos\",\"type\":\"amount\",\"source\":5}," \
  "{\"key\":\"forecast_deviation\",\"header\":\"Prognosavvikelse\",\"type\":\"amount\",\"source\":6}," \
  "{\"key\":\"prior_year\",\"header\":\"Fg bokslut\",\"type\":\"amount\",\"source\":7}"

#define LINE(code, depth, style, parent, cells)                                                        \
  "{\"code\":\"" code "\",\"depth\":" #depth ",\"style\":\"" style "\",\"parent\":" parent              \
  ",\"informational\":false,\"forecast_missing\":0,\"cells\":[" cells "]}"

/* Amounts in öre as integers, the share in hundredths of a percent, escaped names. */
static const char golden[] =
    "{\"format\":\"tertial-report\",\"version\":1,\"language\":\"sv\","
    "\"unit\":{\"code\":\"P\",\"name\":\"F\xc3\xb6rvaltning\"},\"title\":\"F\xc3\xb6rvaltning\","
    "\"subtitle\":\"Utfall t.o.m. januari 2026\",\"cutoff\":1,\"period\":\"2026-01\",\"point\":null,\"depth\":0,"
    "\"sections\":["
    "{\"kind\":\"units\",\"title\":\"Ekonomiskt resultat per verksamhet\",\"columns\":["
    "{\"key\":\"label\",\"header\":\"Verksamhet\",\"type\":\"text\",\"source\":null}," FOLLOWUP_COLUMNS "],"
    "\"lines\":["
    LINE("A", 1, "normal", "3", "\"Hem, \\\"v\xc3\xa5rd\\\"\",140000,100000,-40000,100000,14000,140000,-40000,0") ","
    LINE("B", 1, "normal", "3", "\"=1+2\",140001,100000,-40001,100000,14000,140001,-40001,0") ","
    LINE("C", 1, "normal", "3", "\"Rad\\nett\",140002,100000,-40002,100000,14000,140002,-40002,0") ","
    LINE("P", 0, "total", "null", "\"Summa\",420003,300000,-120003,300000,14000,420003,-120003,0") "]},"
    "{\"kind\":\"reasons\",\"title\":\"Prognosens avvikelse mot budget\",\"columns\":["
    "{\"key\":\"reason\",\"header\":\"Orsak till prognosavvikelse\",\"type\":\"text\",\"source\":null},"
    "{\"key\":\"amount\",\"header\":\"Belopp\",\"type\":\"amount\",\"source\":null},"
    "{\"key\":\"unit_code\",\"header\":\"Enhet\",\"type\":\"text\",\"source\":null},"
    "{\"key\":\"unit\",\"header\":\"Enhetens namn\",\"type\":\"text\",\"source\":null}],"
    "\"lines\":["
    LINE("A", 1, "subtotal", "6", "\"Hem, \\\"v\xc3\xa5rd\\\"\",-40000,\"A\",\"Hem, \\\"v\xc3\xa5rd\\\"\"") ","
    LINE("projection", 2, "normal", "0", "\"Framskrivning av utfall\",-40000,\"A\",\"Hem, \\\"v\xc3\xa5rd\\\"\"") ","
    LINE("B", 1, "subtotal", "6", "\"=1+2\",-40001,\"B\",\"=1+2\"") ","
    LINE("projection", 2, "normal", "2", "\"Framskrivning av utfall\",-40001,\"B\",\"=1+2\"") ","
    LINE("C", 1, "subtotal", "6", "\"Rad\\nett\",-40002,\"C\",\"Rad\\nett\"") ","
    LINE("projection", 2, "normal", "4", "\"Framskrivning av utfall\",-40002,\"C\",\"Rad\\nett\"") ","
    LINE("", 0, "total", "null", "\"Summa\",-120003,null,null") "]}"
    "],\"children\":[]}\n";

#define MONTH(code, label, outcome) LINE(code, 0, "normal", "null", "\"" label "\"," outcome ",300000,420003")
static const char golden_monthly[] =
    "{\"format\":\"tertial-report\",\"version\":1,\"language\":\"sv\","
    "\"unit\":{\"code\":\"P\",\"name\":\"F\xc3\xb6rvaltning\"},\"title\":\"F\xc3\xb6rvaltning\","
    "\"subtitle\":\"Utfall t.o.m. januari 2026\",\"cutoff\":1,\"period\":\"2026-01\",\"point\":null,\"depth\":0,"
    "\"sections\":["
    "{\"kind\":\"monthly\",\"title\":\"Ackumulerat per m\xc3\xa5nad\",\"columns\":["
    "{\"key\":\"month\",\"header\":\"M\xc3\xa5nad\",\"type\":\"text\",\"source\":null},"
    "{\"key\":\"outcome_acc\",\"header\":\"Ack utfall\",\"type\":\"amount\",\"source\":null},"
    "{\"key\":\"budget_acc\",\"header\":\"Ack budget\",\"type\":\"amount\",\"source\":null},"
    "{\"key\":\"forecast_acc\",\"header\":\"Ack prognos\",\"type\":\"amount\",\"source\":null}],"
    "\"lines\":["
    MONTH("2026-01", "jan", "420003") "," MONTH("2026-02", "feb", "null") "," MONTH("2026-03", "mar", "null") ","
    MONTH("2026-04", "apr", "null") "," MONTH("2026-05", "maj", "null") "," MONTH("2026-06", "jun", "null") ","
    MONTH("2026-07", "jul", "null") "," MONTH("2026-08", "aug", "null") "," MONTH("2026-09", "sep", "null") ","
    MONTH("2026-10", "okt", "null") "," MONTH("2026-11", "nov", "null") "," MONTH("2026-12", "dec", "null") "]}"
    "],\"children\":[]}\n";

START_TEST(test_golden_monthly)
{
  tertial_model *m;
  tertial_unit_id p = report_small_model(&m);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_MONTHLY);
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, p, 1, &o));
  char *s;
  T_OK(tertial_render_json(&s, r, NULL));
  ck_assert_str_eq(s, golden_monthly);
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_golden)
{
  tertial_model *m;
  tertial_report *r = small_report(&m);
  char *s;
  T_OK(tertial_render_json(&s, r, NULL));
  ck_assert_str_eq(s, golden);
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_pretty)
{
  tertial_model *m;
  tertial_report *r = small_report(&m);
  tertial_json_options o = TERTIAL_JSON_OPTIONS_INIT;
  o.pretty = 1;
  char *s;
  T_OK(tertial_render_json(&s, r, &o));
  ck_assert_ptr_nonnull(strstr(s, "{\n  \"format\":\"tertial-report\",\"version\":1,\"language\":\"sv\",\n"));
  ck_assert_ptr_nonnull(strstr(s, "\n      \"lines\":[\n        {\"code\":\"A\","));
  ck_assert_ptr_nonnull(strstr(s, "\n  \"children\":[]\n}\n"));
  /* Pretty printing only adds white space between tokens. */
  size_t k = 0;
  for (const char *p = s; *p; p++)
    if (*p != '\n' && !(*p == ' ' && (p[-1] == '\n' || p[-1] == ' ')))
      s[k++] = *p;
  s[k] = '\0';
  char *compact;
  T_OK(tertial_render_json(&compact, r, NULL));
  compact[strlen(compact) - 1] = '\0';
  ck_assert_str_eq(s, compact);
  tertial_free(compact);
  tertial_free(s);
  o.version = 0;
  T_ERR(tertial_render_json(&s, r, &o), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_json(NULL, r, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_render_json(&s, NULL, NULL), TERTIAL_ERR_INVALID);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* Control characters, backslashes, U+2028 and invalid UTF-8 in user text. */
/* The round's texts as they are (no formula guard in JSON), with who and when. */
START_TEST(test_round_texts)
{
  tertial_model *m = report_demo_round();
  tertial_report *r = report_demo_texts(m, "3");
  char *s;
  T_OK(tertial_render_json(&s, r, NULL));
  ck_assert_ptr_nonnull(strstr(s, "{\"kind\":\"texts\",\"title\":\"Kommentarer\",\"columns\":[{\"key\":\"item\","));
  ck_assert_ptr_nonnull(strstr(s, "{\"code\":\"KOST_KOP\",\"depth\":0,\"style\":\"normal\",\"parent\":null,"
                                  "\"informational\":false,\"forecast_missing\":0,\"cells\":[\"Kommentar\","
                                  "\"Köp av verksamhet\",null,\"Eva Andersson\",\"2026-11-02\",\"Fler placeringar på "
                                  "HVB-hem för barn och unga än budgeterat, i genomsnitt fyra fler än i fjol.\"]}"));
  ck_assert_ptr_nonnull(strstr(s, "\"cells\":[\"Status\",null,\"Godkänd, eskalerad till nästa nivå\",\"Karin Lind\","
                                  "\"2026-11-10\",\"Underskottet kan inte täckas inom Socialnämndens ram i år; nämnden "
                                  "redovisar en åtgärdsplan till kommunstyrelsen.\"]}"));
  tertial_free(s);
  tertial_report_free(r);
  r = report_demo_texts(m, "4331");
  T_OK(tertial_render_json(&s, r, NULL));
  ck_assert_ptr_nonnull(strstr(s, ",\"=1+1\"]}"));
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

START_TEST(test_escaping)
{
  tertial_model *m;
  tertial_unit_id p = report_small_model(&m);
  tertial_unit_id u;
  T_OK(tertial_org_add_unit(&u, tertial_model_org(m), "X", "a\\b\x01\t\xe2\x80\xa8\xff" "c", p, 1, NULL));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS);
  o.child_depth = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, p, 1, &o));
  ck_assert_uint_eq(tertial_report_child_count(r), 4);
  char *s;
  T_OK(tertial_render_json(&s, r, NULL));
  ck_assert_ptr_nonnull(strstr(s, "\"a\\\\b\\u0001\\t\\u2028\xef\xbf\xbd" "c\""));
  ck_assert_ptr_null(strstr(s, "\xff"));
  /* Child reports are nested with their depth and without the format header. */
  ck_assert_ptr_nonnull(strstr(s, "\"children\":[{\"language\":\"sv\",\"unit\":{\"code\":\"A\""));
  ck_assert_ptr_nonnull(strstr(s, "\"depth\":1,\"sections\""));
  tertial_free(s);
  tertial_json_options jo = TERTIAL_JSON_OPTIONS_INIT;
  jo.children = 0;
  T_OK(tertial_render_json(&s, r, &jo));
  ck_assert_ptr_nonnull(strstr(s, "\"children\":[]}\n"));
  tertial_free(s);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

static int python_ok(void)
{
  return access("/usr/bin/python3", X_OK) == 0;
}

/* The whole fixture report parses as JSON (checked with Python's json module when present). */
START_TEST(test_full_report_parses)
{
  fixture f;
  report_fixture_build(&f);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.previous_point = "JANFEB";
  o.child_depth = 2;
  tertial_report *r;
  T_OK(tertial_report_new(&r, f.model, f.sn, 4, &o));
  char dir[] = "/tmp/tertial-json-XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char path[256], cmd[1024];
  snprintf(path, sizeof path, "%s/report.json", dir);
  T_OK(tertial_render_json_file(r, path, NULL));
  char *s;
  T_OK(tertial_render_json(&s, r, NULL));
  ck_assert_ptr_nonnull(strstr(s, "\"cells\":[\"Socialn\xc3\xa4mnden\",681000000,840000000,159000000,2520000000,"
                                  "2702,2411000000,109000000,1180000000,2411000000,-44500000]"));
  ck_assert_ptr_nonnull(strstr(s, "\"cells\":[\"varav interna kostnader\",40000000,40000000,0,120000000,3333,"
                                  "120000000,0,0]"));
  ck_assert_ptr_nonnull(strstr(s, "\"2026-09-01\""));
  /* The monthly section, last in the default set: Ack utfall up to April, then null. */
  ck_assert_ptr_nonnull(strstr(s, "{\"kind\":\"monthly\",\"title\":\"Ackumulerat per m\xc3\xa5nad\""));
  ck_assert_ptr_nonnull(strstr(s, "\"cells\":[\"apr\",681000000,840000000,681000000]"));
  ck_assert_ptr_nonnull(strstr(s, "\"cells\":[\"dec\",null,2520000000,2411000000]"));
  tertial_free(s);
  if (python_ok()) {
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c \"import json,sys; d=json.load(open(sys.argv[1],encoding='utf-8')); "
             "assert d['sections'][0]['lines'][0]['cells'][1] == 681000000; "
             "assert len(d['children']) == 5\" %s",
             path);
    ck_assert_int_eq(system(cmd), 0);
  } else {
    fprintf(stderr, "# /usr/bin/python3 is missing: JSON not parsed by Python\n");
  }
  T_ERR(tertial_render_json_file(r, dir, NULL), TERTIAL_ERR_IO);
  T_ERR(tertial_render_json_file(r, NULL, NULL), TERTIAL_ERR_INVALID);
  unlink(path);
  ck_assert_int_eq(rmdir(dir), 0); /* nothing else was left in the folder */
  tertial_report_free(r);
  fixture_free(&f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("render_json");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_golden);
  tcase_add_test(tc, test_golden_monthly);
  tcase_add_test(tc, test_pretty);
  tcase_add_test(tc, test_escaping);
  tcase_add_test(tc, test_round_texts);
  tcase_add_test(tc, test_full_report_parses);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
