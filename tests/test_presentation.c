/* mkstemp */
#define _POSIX_C_SOURCE 200809L

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "report_fixture.h"
#include "failalloc.h"

static tertial_presentation *parse(const char *text)
{
  tertial_presentation *p;
  T_OK(tertial_presentation_parse(&p, text, "p.txt"));
  return p;
}

/* A committee's settings: every kind of line, blanks and a CR LF among them. */
static const char SETTINGS[] = "# a committee's layout\n"
                               "columns = outcome_acc, budget_acc ,deviation_acc, remaining, forecast, forecast_deviation\n"
                               "\n"
                               "  signs = costs-negative\r\n"
                               "deviation=outcome-minus-budget\n"
                               "unit = mnkr\n"
                               "decimals = 1\n"
                               "header.forecast = Helårsprognos\n"
                               "header.remaining = Kvar = rest\n";

/* What SETTINGS says. */
static void check_settings(const tertial_presentation *p)
{
  ck_assert_uint_eq(tertial_presentation_column_count(p), 6);
  ck_assert_str_eq(tertial_presentation_column_at(p, 0), "outcome_acc");
  ck_assert_str_eq(tertial_presentation_column_at(p, 1), "budget_acc");
  ck_assert_str_eq(tertial_presentation_column_at(p, 3), "remaining");
  ck_assert_str_eq(tertial_presentation_column_at(p, 5), "forecast_deviation");
  ck_assert_ptr_null(tertial_presentation_column_at(p, 6));
  ck_assert_int_eq(tertial_presentation_signs(p), TERTIAL_SIGNS_COSTS_NEGATIVE);
  ck_assert_int_eq(tertial_presentation_deviation(p), TERTIAL_DEVIATION_OUTCOME_MINUS_BUDGET);
  ck_assert_int_eq(tertial_presentation_unit(p), TERTIAL_UNIT_MKR);
  ck_assert_int_eq(tertial_presentation_decimals(p), 1);
  ck_assert_str_eq(tertial_presentation_header(p, "forecast"), "Helårsprognos");
  ck_assert_str_eq(tertial_presentation_header(p, "remaining"), "Kvar = rest");
  ck_assert_ptr_null(tertial_presentation_header(p, "budget_acc"));
}

START_TEST(test_parse_settings)
{
  tertial_presentation *p = parse(SETTINGS);
  check_settings(p);
  tertial_presentation_free(p);

  /* a unit without decimals has none; an empty file is the default */
  p = parse("unit = tkr\n");
  ck_assert_int_eq(tertial_presentation_unit(p), TERTIAL_UNIT_TKR);
  ck_assert_int_eq(tertial_presentation_decimals(p), 0);
  ck_assert_uint_eq(tertial_presentation_column_count(p), 8);
  ck_assert_str_eq(tertial_presentation_column_at(p, 7), "prior_year");
  tertial_presentation_free(p);
  p = parse("");
  ck_assert_int_eq(tertial_presentation_unit(p), -1);
  ck_assert_int_eq(tertial_presentation_signs(p), TERTIAL_SIGNS_LEDGER);
  tertial_presentation_free(p);
}
END_TEST

START_TEST(test_parse_errors)
{
  static const struct {
    const char *text, *message;
  } cases[] = {
    {"unit = tkr\ncolumns outcome_acc\n", "p.txt:2: expected 'setting = value'"},
    {"\n\nsigns = negative\n", "p.txt:3: signs: expected ledger, costs-negative or positive, not 'negative'"},
    {"deviation = worse\n", "p.txt:1: deviation: expected budget-minus-outcome or outcome-minus-budget"},
    {"unit = Mkr\n", "p.txt:1: unit: expected kr, tkr or mnkr, not 'Mkr'"},
    {"unit = tkr\ndecimals = 4\n", "p.txt:2: decimals: expected 0, 1, 2 or 3, not '4'"},
    {"# kr\ndecimals = 2\n", "p.txt:2: decimals: expected a unit too"},
    {"decimals = 3\nunit = kr\n", "p.txt:1: decimals: expected 0, 1 or 2 in kr"},
    {"columns = outcome_acc, fg_prognos\n", "p.txt:1: columns: unknown column 'fg_prognos'"},
    {"columns = forecast, outcome_acc, forecast\n", "p.txt:1: columns: column 'forecast' is chosen twice"},
    {"columns = forecast,, outcome_acc\n", "p.txt:1: columns: expected column keys separated by commas"},
    {"columns =\n", "p.txt:1: columns: expected column keys separated by commas"},
    {"header.forecast =\n", "p.txt:1: header.forecast: expected a header text"},
    {"colour = red\n", "p.txt:1: unknown setting 'colour'"},
    {"header. = x\n", "p.txt:1: unknown setting 'header.'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    tertial_presentation *p = (tertial_presentation *)1;
    ck_assert_int_eq(tertial_presentation_parse(&p, cases[i].text, "p.txt"), TERTIAL_ERR_PARSE);
    ck_assert_ptr_null(p);
    ck_assert_msg(strstr(tertial_error_last(), cases[i].message), "case %zu: %s", i, tertial_error_last());
  }
  tertial_presentation *p;
  T_ERR(tertial_presentation_parse(&p, "unit = \xff\n", "p.txt"), TERTIAL_ERR_PARSE);
  T_ERR(tertial_presentation_load(&p, "/nonexistent/p.txt"), TERTIAL_ERR_IO);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "/nonexistent/p.txt"));
}
END_TEST

START_TEST(test_build_in_code)
{
  tertial_presentation *p;
  T_OK(tertial_presentation_new(&p));
  const char *keys[] = {"forecast", "remaining"};
  T_OK(tertial_presentation_set_columns(p, keys, 2));
  const char *bad[] = {"forecast", "nope"};
  T_ERR(tertial_presentation_set_columns(p, bad, 2), TERTIAL_ERR_NOT_FOUND);
  ck_assert_uint_eq(tertial_presentation_column_count(p), 2); /* unchanged by the failed call */
  T_ERR(tertial_presentation_set_unit(p, TERTIAL_UNIT_KR, 3), TERTIAL_ERR_RANGE);
  T_ERR(tertial_presentation_set_unit(p, 7, 0), TERTIAL_ERR_INVALID);
  T_OK(tertial_presentation_set_unit(p, TERTIAL_UNIT_TKR, 3));
  T_ERR(tertial_presentation_set_signs(p, (tertial_sign_convention)3), TERTIAL_ERR_INVALID);
  T_OK(tertial_presentation_set_header(p, "forecast", "Prognos"));
  T_OK(tertial_presentation_set_header(p, "forecast", "Helår"));
  ck_assert_str_eq(tertial_presentation_header(p, "forecast"), "Helår");
  T_OK(tertial_presentation_set_header(p, "forecast", NULL));
  ck_assert_ptr_null(tertial_presentation_header(p, "forecast"));
  T_OK(tertial_presentation_set_columns(p, NULL, 0));
  ck_assert_uint_eq(tertial_presentation_column_count(p), 8);
  tertial_presentation_free(p);
}
END_TEST


/* ---- rendering in a presentation and converting back ---- */

/* The demo's Socialnämnden (3) at JANOKT, every section. */
static tertial_report *demo_report(tertial_model **m)
{
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(m, &d, 2026, 0));
  T_OK(tertial_forecast_apply(*m, 10, -1));
  tertial_unit_id sn;
  T_OK(tertial_org_find(&sn, tertial_model_org(*m), "3"));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  tertial_report *r;
  T_OK(tertial_report_new(&r, *m, sn, 10, &o));
  return r;
}

/* The records of a machine-style CSV (RFC 4180 quoting), as NULL-terminated field arrays. */
static char ***csv_records(const char *text, size_t *n)
{
  char ***recs = NULL;
  size_t nrec = 0;
  const char *p = text;
  while (*p) {
    char **fields = NULL;
    size_t nf = 0;
    for (;;) {
      GString *f = g_string_new(NULL);
      if (*p == '"') {
        for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
          if (*p == '"')
            p++;
          g_string_append_c(f, *p);
        }
        p++;
      } else {
        while (*p && *p != ',' && *p != '\r')
          g_string_append_c(f, *p++);
      }
      fields = realloc(fields, (nf + 2) * sizeof *fields);
      fields[nf++] = g_string_free(f, FALSE);
      fields[nf] = NULL;
      if (*p == ',') {
        p++;
        continue;
      }
      ck_assert_int_eq(p[0], '\r');
      ck_assert_int_eq(p[1], '\n');
      p += 2;
      break;
    }
    recs = realloc(recs, (nrec + 1) * sizeof *recs);
    recs[nrec++] = fields;
  }
  *n = nrec;
  return recs;
}

static void free_records(char ***recs, size_t n)
{
  for (size_t i = 0; i < n; i++)
    g_strfreev(recs[i]);
  free(recs);
}

static int64_t unit_ore(int unit)
{
  return unit == TERTIAL_UNIT_MKR ? 100000000 : unit == TERTIAL_UNIT_TKR ? 100000 : 100;
}

/* A fixed-point field in steps of 10^-decimals. */
static int64_t steps_of(const char *field, int decimals)
{
  const char *dot = strchr(field, '.');
  ck_assert_int_eq(dot ? (int)strlen(dot + 1) : 0, decimals);
  char digits[64];
  size_t k = 0;
  for (const char *q = field; *q && k < sizeof digits - 1; q++)
    if (*q != '.')
      digits[k++] = *q;
  digits[k] = '\0';
  return strtoll(digits, NULL, 10);
}

static size_t column_index(const tertial_report_section *s, const char *key)
{
  for (size_t c = 0; c < s->column_count; c++)
    if (strcmp(tertial_report_column_at(s, c)->key, key) == 0)
      return c;
  ck_abort_msg("no column %s in %s", key, s->key);
  return 0;
}

/* Render r as machine CSV in p and read every amount back: times the unit it is the report's öre
 * with the presentation's sign, within half a display step. Returns the number of amounts read. */
static size_t round_trip(const tertial_report *r, const char *text, const char *const *expect_columns)
{
  tertial_presentation *p = parse(text);
  tertial_csv_options o = TERTIAL_CSV_OPTIONS_INIT;
  o.presentation = p;
  char *csv;
  T_OK(tertial_render_csv(&csv, r, &o));
  size_t nrec, amounts = 0, rec = 2; /* after the title and an empty record */
  char ***recs = csv_records(csv, &nrec);
  int unit = tertial_presentation_unit(p), decimals = unit < 0 ? 2 : tertial_presentation_decimals(p);
  int64_t step = unit < 0 ? 1 : unit_ore(unit); /* without a unit: kronor with two decimals, öre */
  for (int d = 0; unit >= 0 && d < decimals; d++)
    step /= 10;
  for (size_t si = 0; si < tertial_report_section_count(r); si++) {
    const tertial_report_section *s = tertial_report_section_at(r, si);
    ck_assert_str_eq(recs[rec][0], s->key);
    char **head = recs[rec + 1];
    int followup = s->kind <= TERTIAL_SECTION_ROWS;
    if (followup && expect_columns) /* label, the chosen columns, then the key figures' own */
      for (size_t k = 0; expect_columns[k]; k++)
        ck_assert_str_eq(head[6 + k], expect_columns[k]);
    for (size_t i = 0; i < s->line_count; i++) {
      char **f = recs[rec + 2 + i];
      const tertial_report_line *l = tertial_report_line_at(s, i);
      ck_assert_str_eq(f[0], l->code);
      for (size_t c = 5; head[c]; c++) {
        int remaining = strcmp(head[c], "remaining") == 0;
        const tertial_report_column *col = tertial_report_column_at(s, column_index(s, remaining ? "budget_year" : head[c]));
        if (col->type != TERTIAL_REPORT_AMOUNT)
          continue;
        const tertial_report_cell *cell = tertial_report_cell_at(s, i, column_index(s, remaining ? "budget_year" : head[c]));
        int64_t ore = cell->value;
        if (remaining)
          ore -= tertial_report_cell_at(s, i, column_index(s, "outcome_acc"))->value;
        if (!cell->present) {
          ck_assert_str_eq(f[c], "");
          continue;
        }
        int deviation = s->kind == TERTIAL_SECTION_REASONS ? strcmp(head[c], "amount") == 0
                        : strcmp(head[c], "deviation_acc") == 0 || strcmp(head[c], "forecast_deviation") == 0;
        int sign = 1;
        if (deviation)
          sign = tertial_presentation_deviation(p) == TERTIAL_DEVIATION_OUTCOME_MINUS_BUDGET ? -1 : 1;
        else if (followup || s->kind == TERTIAL_SECTION_MONTHLY || s->kind == TERTIAL_SECTION_CHANGE)
          sign = tertial_presentation_signs(p) == TERTIAL_SIGNS_COSTS_NEGATIVE ? -1
                 : tertial_presentation_signs(p) == TERTIAL_SIGNS_POSITIVE && l->revenue ? -1 : 1;
        int64_t back = steps_of(f[c], decimals) * step * sign;
        ck_assert_msg(llabs(back - ore) * 2 <= step, "%s line %zu %s: %s is not %lld öre", s->key, i, head[c], f[c],
                      (long long)ore);
        amounts++;
      }
    }
    rec += 2 + s->line_count + 1;
  }
  free_records(recs, nrec);
  tertial_free(csv);
  tertial_presentation_free(p);
  return amounts;
}

START_TEST(test_round_trip)
{
  tertial_model *m;
  tertial_report *r = demo_report(&m);
  /* the default presentation is the report as it is, byte for byte */
  tertial_presentation *def;
  T_OK(tertial_presentation_new(&def));
  char *plain, *presented;
  tertial_csv_options co = TERTIAL_CSV_OPTIONS_INIT;
  T_OK(tertial_render_csv(&plain, r, NULL));
  co.presentation = def;
  T_OK(tertial_render_csv(&presented, r, &co));
  ck_assert_str_eq(plain, presented);
  tertial_free(plain);
  tertial_free(presented);
  tertial_json_options jo = TERTIAL_JSON_OPTIONS_INIT;
  T_OK(tertial_render_json(&plain, r, NULL));
  jo.presentation = def;
  T_OK(tertial_render_json(&presented, r, &jo));
  ck_assert_str_eq(plain, presented);
  tertial_free(plain);
  tertial_free(presented);
  tertial_presentation_free(def);

  ck_assert_uint_gt(round_trip(r, "", NULL), 100);
  ck_assert_uint_gt(round_trip(r, "signs = costs-negative\ndeviation = outcome-minus-budget\nunit = mnkr\ndecimals = 3\n",
                               NULL), 100);
  static const char *const chosen[] = {"forecast", "remaining", "outcome_acc", "budget_year", "deviation_acc", NULL};
  ck_assert_uint_gt(round_trip(r, "signs = positive\nunit = tkr\ndecimals = 1\n"
                                  "columns = forecast, remaining, outcome_acc, budget_year, deviation_acc\n", chosen), 100);
  static const char *const kr[] = {"prior_year", "remaining", NULL};
  ck_assert_uint_gt(round_trip(r, "columns = prior_year, remaining\nunit = kr\ndecimals = 0\n", kr), 50);

  /* whatever the signs, the lines under a line (its "parent") add up to it as shown: with revenue
   * and costs both positive, NETTORESULTAT is their difference, so they do not add into it */
  static const char *const conventions[] = {"signs = ledger\n", "signs = costs-negative\n", "signs = positive\n"};
  for (int k = 0; k < 3; k++) {
    tertial_presentation *p = parse(conventions[k]);
    tertial_csv_options c = TERTIAL_CSV_OPTIONS_INIT;
    c.presentation = p;
    char *csv;
    T_OK(tertial_render_csv(&csv, r, &c));
    size_t nrec, parents = 0;
    char ***recs = csv_records(csv, &nrec);
    size_t at = 0;
    while (at < nrec && strcmp(recs[at][0], "rows") != 0)
      at++;
    ck_assert_uint_lt(at, nrec);
    size_t first = at + 2, n = 0;
    while (recs[first + n][0] && recs[first + n][0][0] && recs[first + n][1])
      n++;
    for (size_t i = 0; i < n; i++) {
      int64_t sum = 0, kids = 0;
      for (size_t j = 0; j < n; j++)
        if (*recs[first + j][3] && (size_t)atoi(recs[first + j][3]) == i && strcmp(recs[first + j][4], "0") == 0) {
          sum += steps_of(recs[first + j][6], 2);
          kids++;
        }
      if (kids) {
        ck_assert_msg(sum == steps_of(recs[first + i][6], 2), "%s: line %s is not the sum of its lines (%lld)",
                      conventions[k], recs[first + i][0], (long long)sum);
        parents++;
      }
    }
    ck_assert_uint_ge(parents, k == 2 ? 2 : 3); /* INT and KOST (and NETTO but with "positive") */
    free_records(recs, nrec);
    tertial_free(csv);
    tertial_presentation_free(p);
  }

  /* the revenue rows are marked, the result and the cost rows not: "positive" shows both positive */
  size_t rows;
  T_OK(tertial_report_find_section(&rows, r, TERTIAL_SECTION_ROWS));
  const tertial_report_section *s = tertial_report_section_at(r, rows);
  size_t revenue = 0, costs = 0;
  for (size_t i = 0; i < s->line_count; i++) {
    const tertial_report_line *l = tertial_report_line_at(s, i);
    int64_t budget = tertial_report_cell_at(s, i, column_index(s, "budget_year"))->value;
    if (strcmp(l->code, "INT") == 0 || strcmp(l->code, "INT_BIDR") == 0) {
      ck_assert_int_eq(l->revenue, 1);
      ck_assert_int_lt(budget, 0);
      revenue++;
    } else if (strncmp(l->code, "KOST", 4) == 0 || strcmp(l->code, "NETTO") == 0) {
      ck_assert_int_eq(l->revenue, 0);
      costs++;
    }
  }
  ck_assert_uint_eq(revenue, 2);
  ck_assert_uint_gt(costs, 3);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* ---- golden output of one presentation in each renderer ---- */

static const char golden_text[] = "columns = outcome_acc, budget_year, remaining, forecast_deviation\n"
                                  "signs = costs-negative\n"
                                  "deviation = outcome-minus-budget\n"
                                  "unit = tkr\n"
                                  "decimals = 1\n"
                                  "header.remaining = Kvar\n";

static tertial_report *small(tertial_model **m)
{
  tertial_unit_id p = report_small_model(m);
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_REASONS);
  tertial_report *r;
  T_OK(tertial_report_new(&r, *m, p, 1, &o));
  return r;
}

/* Compare text with tests/fixtures/presentation/NAME (TERTIAL_UPDATE_GOLDEN=1 rewrites it). */
static void golden(const char *name, const char *text)
{
  char *path = g_build_filename(TERTIAL_SOURCE_ROOT, "tests", "fixtures", "presentation", name, NULL);
  const char *update = getenv("TERTIAL_UPDATE_GOLDEN");
  if (update && strcmp(update, "1") == 0)
    ck_assert(g_file_set_contents(path, text, -1, NULL));
  char *want = NULL;
  ck_assert_msg(g_file_get_contents(path, &want, NULL, NULL), "cannot read %s", path);
  ck_assert_str_eq(text, want);
  g_free(want);
  g_free(path);
}

/* The small model's three units of 1 400 kr outcome against 1 000 kr budget, in tkr with one
 * decimal, costs negative, deviation outcome − budget: -1,4 outcome, -1,0 budget, Kvar 0,4. */
START_TEST(test_golden_csv_json)
{
  tertial_model *m;
  tertial_report *r = small(&m);
  tertial_presentation *p = parse(golden_text);
  tertial_csv_options c = TERTIAL_CSV_OPTIONS_INIT;
  c.presentation = p;
  char *s;
  T_OK(tertial_render_csv(&s, r, &c));
  golden("small.csv", s);
  ck_assert_ptr_nonnull(strstr(s, "\r\nA,1,normal,3,0,\"Hem, \"\"v\xc3\xa5rd\"\"\",-1.4,-1.0,0.4,0.4\r\n"));
  tertial_free(s);
  c.style = TERTIAL_CSV_SWEDISH;
  T_OK(tertial_render_csv(&s, r, &c));
  golden("small-sv.csv", s);
  ck_assert_ptr_nonnull(strstr(s, ";Verksamhet;Ack utfall;\xc3\x85rets budget;Kvar;Prognosavvikelse\r\n"));
  tertial_free(s);
  tertial_json_options j = TERTIAL_JSON_OPTIONS_INIT;
  j.presentation = p;
  j.pretty = 1;
  T_OK(tertial_render_json(&s, r, &j));
  golden("small.json", s);
  ck_assert_ptr_nonnull(strstr(s, "\"cells\":[\"Summa\",-4.2,-3.0,1.2,1.2]"));
  tertial_free(s);
  tertial_presentation_free(p);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

/* Utfall fg år samma period: the previous year's outcome to the cut-off, a column only when asked
 * for; at December it is Fg bokslut, earlier less. */
START_TEST(test_prior_year_acc)
{
  tertial_model *m;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &d, 2026, 0));
  tertial_unit_id sn;
  T_OK(tertial_org_find(&sn, tertial_model_org(m), "3"));
  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_KEY_FIGURES) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS);
  int64_t at[2];
  for (int k = 0; k < 2; k++) {
    int cutoff = k ? 12 : 10;
    T_OK(tertial_forecast_apply(m, cutoff, -1));
    tertial_report *plain, *r;
    T_OK(tertial_report_new(&plain, m, sn, cutoff, &o));
    o.prior_year_acc = 1;
    T_OK(tertial_report_new(&r, m, sn, cutoff, &o));
    o.prior_year_acc = 0;
    const tertial_report_section *s = tertial_report_section_at(r, 1), *ps = tertial_report_section_at(plain, 1);
    ck_assert_uint_eq(s->column_count, ps->column_count + 1);
    ck_assert_str_eq(tertial_report_column_at(s, 9)->key, "prior_year_acc");
    ck_assert_str_eq(tertial_report_column_at(s, 9)->header, "Utfall fg år samma period");
    /* the key figures' own column follows it */
    ck_assert_str_eq(tertial_report_column_at(tertial_report_section_at(r, 0), 10)->key, "after_planned");
    size_t total = s->line_count - 1;
    at[k] = tertial_report_cell_at(s, total, 9)->value;
    int64_t lines = 0;
    for (size_t i = 0; i < total; i++)
      lines += tertial_report_cell_at(s, i, 9)->value;
    ck_assert_int_eq(lines, at[k]); /* the activities add up to the total */
    if (k == 1)
      ck_assert_int_eq(at[1], tertial_report_cell_at(s, total, 1 + TERTIAL_COL_PRIOR_YEAR)->value);
    /* a presentation chooses it; one that asks for it of a report without it leaves it out */
    tertial_presentation *p = parse("columns = prior_year_acc, prior_year\nunit = kr\ndecimals = 2\n");
    tertial_csv_options c = TERTIAL_CSV_OPTIONS_INIT;
    c.presentation = p;
    char *csv, *csv_plain;
    T_OK(tertial_render_csv(&csv, r, &c));
    T_OK(tertial_render_csv(&csv_plain, plain, &c));
    ck_assert_ptr_nonnull(strstr(csv, "\r\ncode,depth,style,parent,informational,label,prior_year_acc,prior_year\r\n"));
    ck_assert_ptr_nonnull(strstr(csv_plain, "\r\ncode,depth,style,parent,informational,label,prior_year\r\n"));
    tertial_free(csv);
    tertial_free(csv_plain);
    tertial_presentation_free(p);
    tertial_report_free(r);
    tertial_report_free(plain);
  }
  ck_assert_int_gt(at[0], 0);
  ck_assert_int_lt(at[0], at[1]);
  /* a version-2 struct has no prior_year_acc */
  tertial_report_options v2 = TERTIAL_REPORT_OPTIONS_INIT;
  v2.version = 2;
  v2.prior_year_acc = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, sn, 12, &v2));
  ck_assert_uint_eq(tertial_report_section_at(r, 1)->column_count, 9);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST


static size_t line_of(const tertial_report_section *s, const char *code)
{
  for (size_t i = 0; i < s->line_count; i++)
    if (strcmp(tertial_report_line_at(s, i)->code, code) == 0)
      return i;
  ck_abort_msg("no line %s", code);
  return 0;
}

static int64_t cell_value(const tertial_report_section *s, size_t line, int col)
{
  const tertial_report_cell *x = tertial_report_cell_at(s, line, (size_t)col);
  ck_assert_msg(x && x->present, "line %zu column %d is empty", line, col);
  return x->value;
}

/* In column col, every line with lines added into it is their sum. */
static void assert_adds_up(const tertial_report_section *s, int col)
{
  for (size_t p = 0; p < s->line_count; p++) {
    int64_t sum = 0;
    int kids = 0;
    for (size_t i = 0; i < s->line_count; i++) {
      const tertial_report_line *l = tertial_report_line_at(s, i);
      if (l->parent_line == (int)p && !l->informational) {
        sum += cell_value(s, i, col);
        kids++;
      }
    }
    if (kids)
      ck_assert_msg(sum == cell_value(s, p, col), "%s line %s column %s: %lld, its lines %lld", s->key,
                    tertial_report_line_at(s, p)->code, tertial_report_column_at(s, (size_t)col)->key,
                    (long long)cell_value(s, p, col), (long long)sum);
  }
}

/* The previous snapshot's forecast of the units of a subtree on the rows under a report row. */
static int64_t snapshot_on_row(tertial_model *m, const tertial_snapshot *snap, tertial_unit_id unit, const char *row)
{
  int64_t sum = 0;
  for (size_t i = 0; i < tertial_snapshot_entry_count(snap); i++) {
    const tertial_snapshot_entry *e = tertial_snapshot_entry_at(snap, i);
    if (strcmp(e->row_code, row) == 0 && tertial_org_is_within(tertial_model_org(m), e->unit, unit, 202610) == 1)
      sum += e->forecast;
  }
  return sum;
}

/* Fg prognos, Förändring mot fg prognos and Prognos efter planerade åtgärder per line: the demo's
 * Socialnämnden at JANOKT against its forecast frozen at T2, with two planned measures. */
START_TEST(test_previous_forecast_and_after_measures)
{
  tertial_model *m;
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  T_OK(tertial_demo_year(&m, &d, 2026, 0));
  const tertial_org *org = tertial_model_org(m);
  tertial_unit_id sn, vo1, s3, e3111, e3311, a2;
  T_OK(tertial_org_find(&sn, org, "3"));
  T_OK(tertial_org_find(&vo1, org, "31"));
  T_OK(tertial_org_find(&a2, org, "32"));
  T_OK(tertial_org_find(&s3, org, "33"));
  T_OK(tertial_org_find(&e3111, org, "3111"));
  T_OK(tertial_org_find(&e3311, org, "3311"));
  T_OK(tertial_forecast_apply(m, 8, -1));
  const tertial_snapshot *t2;
  T_OK(tertial_snapshot_take(&t2, m, "T2", (tertial_date){2026, 9, 10}));
  tertial_forecast_plan *plan = tertial_model_forecast_plan(m);
  T_OK(tertial_forecast_add_adjustment(plan, e3111, "KOST_PERS", -50000000, TERTIAL_ADJUST_PLANNED_MEASURE,
                                       "Vakanser hålls öppna"));
  T_OK(tertial_forecast_add_adjustment(plan, e3311, "KOST_KOP", -20000000, TERTIAL_ADJUST_PLANNED_MEASURE,
                                       "Färre externa placeringar"));
  T_OK(tertial_forecast_apply(m, 10, -1));

  tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
  o.sections = TERTIAL_SECTION_BIT(TERTIAL_SECTION_KEY_FIGURES) | TERTIAL_SECTION_BIT(TERTIAL_SECTION_UNITS) |
               TERTIAL_SECTION_BIT(TERTIAL_SECTION_ROWS);
  o.previous_point = "T2";
  o.previous_forecast = 1;
  o.forecast_after_measures = 1;
  tertial_report *r;
  T_OK(tertial_report_new(&r, m, sn, 10, &o));
  const tertial_report_section *kf = tertial_report_section_at(r, 0), *units = tertial_report_section_at(r, 1),
                               *rows = tertial_report_section_at(r, 2);
  /* after the eight, before the key figures' own columns */
  ck_assert_str_eq(tertial_report_column_at(units, 9)->key, "previous_forecast");
  ck_assert_str_eq(tertial_report_column_at(units, 9)->header, "Fg prognos");
  ck_assert_str_eq(tertial_report_column_at(units, 10)->header, "Förändring mot fg prognos");
  ck_assert_str_eq(tertial_report_column_at(units, 11)->header, "Prognos efter planerade åtgärder");
  ck_assert_uint_eq(units->column_count, 12);
  ck_assert_str_eq(tertial_report_column_at(kf, 12)->key, "after_planned");
  ck_assert_str_eq(tertial_report_column_at(kf, 13)->key, "change_since_previous");
  int fc = 1 + TERTIAL_COL_FORECAST, prev = 9, change = 10, after = 11;

  /* the key figures: the unit's frozen T2 total, and the change and forecast after measures the
   * report already had for the unit */
  int64_t t2_total;
  T_OK(tertial_snapshot_total(&t2_total, m, t2, sn));
  ck_assert_int_ne(t2_total, 0);
  ck_assert_int_eq(cell_value(kf, 0, prev), t2_total);
  ck_assert_int_eq(cell_value(kf, 0, change), cell_value(kf, 0, 13));
  ck_assert_int_eq(cell_value(kf, 0, after), cell_value(kf, 0, 12));
  ck_assert_int_eq(cell_value(kf, 0, after), cell_value(kf, 0, fc) - 70000000);

  /* per activity (31, 32 and 33, passed through Socialförvaltningen): each its own T2 total, the
   * measures where they are, and the lines add up to Summa */
  size_t l31 = line_of(units, "31"), l32 = line_of(units, "32"), l33 = line_of(units, "33");
  const tertial_unit_id ids[3] = {vo1, a2, s3};
  const size_t at[3] = {l31, l32, l33};
  for (int k = 0; k < 3; k++) {
    int64_t frozen;
    T_OK(tertial_snapshot_total(&frozen, m, t2, ids[k]));
    ck_assert_int_eq(cell_value(units, at[k], prev), frozen);
  }
  ck_assert_int_eq(cell_value(units, l31, after), cell_value(units, l31, fc) - 50000000);
  ck_assert_int_eq(cell_value(units, l32, after), cell_value(units, l32, fc));
  ck_assert_int_eq(cell_value(units, l33, after), cell_value(units, l33, fc) - 20000000);
  for (size_t i = 0; i < units->line_count; i++)
    ck_assert_int_eq(cell_value(units, i, change), cell_value(units, i, fc) - cell_value(units, i, prev));
  size_t total = units->line_count - 1;
  ck_assert_int_eq(cell_value(units, total, prev), t2_total);
  assert_adds_up(units, prev);
  assert_adds_up(units, change);
  assert_adds_up(units, after);
  /* the deficit grew from T2 to JANOKT in the run-rate forecast of social services */
  ck_assert_int_gt(cell_value(units, total, change), 0);

  /* per report row: a row's entries of the subtree, sums of the rows under them, NETTORESULTAT the
   * unit's total; a "varav interna" row has none */
  size_t pers = line_of(rows, "KOST_PERS"), kop = line_of(rows, "KOST_KOP"), netto = line_of(rows, "NETTO");
  ck_assert_int_eq(cell_value(rows, pers, prev), snapshot_on_row(m, t2, sn, "KOST_PERS"));
  ck_assert_int_ne(cell_value(rows, pers, prev), 0);
  ck_assert_int_eq(cell_value(rows, kop, prev), snapshot_on_row(m, t2, sn, "KOST_KOP"));
  ck_assert_int_eq(cell_value(rows, netto, prev), t2_total);
  ck_assert_int_eq(cell_value(rows, pers, after), cell_value(rows, pers, fc) - 50000000);
  ck_assert_int_eq(cell_value(rows, kop, after), cell_value(rows, kop, fc) - 20000000);
  ck_assert_int_eq(cell_value(rows, netto, after), cell_value(kf, 0, 12));
  size_t varav = line_of(rows, "KOST_VARAV");
  ck_assert(!tertial_report_cell_at(rows, varav, (size_t)prev)->present);
  ck_assert(!tertial_report_cell_at(rows, varav, (size_t)change)->present);
  ck_assert_int_eq(cell_value(rows, varav, after), cell_value(rows, varav, fc));
  assert_adds_up(rows, prev);
  assert_adds_up(rows, change);
  assert_adds_up(rows, after);

  /* a presentation chooses them by key, in its order */
  tertial_presentation *p = parse("columns = forecast, previous_forecast, forecast_change, forecast_after_measures\n"
                                  "unit = kr\ndecimals = 2\n");
  tertial_csv_options c = TERTIAL_CSV_OPTIONS_INIT;
  c.presentation = p;
  char *csv;
  T_OK(tertial_render_csv(&csv, r, &c));
  ck_assert_ptr_nonnull(strstr(csv, "\r\ncode,depth,style,parent,informational,label,forecast,previous_forecast,"
                                    "forecast_change,forecast_after_measures\r\n"));
  tertial_free(csv);
  tertial_presentation_free(p);
  tertial_report_free(r);

  /* English headers; Fg prognos needs a previous point; a version-3 struct has neither column */
  o.english = 1;
  T_OK(tertial_report_new(&r, m, sn, 10, &o));
  ck_assert_str_eq(tertial_report_column_at(tertial_report_section_at(r, 1), 9)->header, "Previous forecast");
  ck_assert_str_eq(tertial_report_column_at(tertial_report_section_at(r, 1), 11)->header,
                   "Forecast after planned measures");
  tertial_report_free(r);
  o.english = 0;
  o.previous_point = NULL;
  T_ERR(tertial_report_new(&r, m, sn, 10, &o), TERTIAL_ERR_INVALID);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "previous_forecast"));
  o.previous_forecast = 0;
  T_OK(tertial_report_new(&r, m, sn, 10, &o)); /* only Prognos efter planerade åtgärder */
  ck_assert_str_eq(tertial_report_column_at(tertial_report_section_at(r, 1), 9)->key, "forecast_after_measures");
  ck_assert_uint_eq(tertial_report_section_at(r, 1)->column_count, 10);
  tertial_report_free(r);
  tertial_report_options v3 = o;
  v3.version = 3;
  v3.previous_point = "T2";
  v3.previous_forecast = 1;
  T_OK(tertial_report_new(&r, m, sn, 10, &v3));
  ck_assert_uint_eq(tertial_report_section_at(r, 1)->column_count, 9);
  tertial_report_free(r);
  tertial_model_free(m);
}
END_TEST

#if FAILALLOC
/* Each allocation of the library's own fails in turn while a presentation file is loaded (the C
 * library's own, inside fopen(), are left alone: they fail as TERTIAL_ERR_IO): 0 or
 * TERTIAL_ERR_NOMEM with its message, no presentation and no block kept; the run that does not
 * fail reads every setting. */
START_TEST(test_out_of_memory)
{
  if (!failalloc_works())
    return;
  testutil_tmpdir_make("tertial-presentation");
  const char *path = testutil_tmp_path("utskott.txt");
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(SETTINGS, f);
  ck_assert_int_eq(fclose(f), 0);
  const void *const own[] = {(const void *)(uintptr_t)tertial_presentation_load, (const void *)(uintptr_t)g_malloc};
  long points = 0;
  for (long k = 0;; k++) {
    long live = failalloc_live();
    tertial_presentation *p = (tertial_presentation *)1;
    failalloc_callers(own, 2);
    failalloc_arm(k);
    int rc = tertial_presentation_load(&p, path);
    int failed = failalloc_disarm();
    failalloc_callers(NULL, 0);
    if (!failed) {
      ck_assert_int_eq(rc, 0);
      check_settings(p);
      tertial_presentation_free(p);
      ck_assert_int_eq(failalloc_live(), live);
      break;
    }
    points++;
    ck_assert_msg(rc == TERTIAL_ERR_NOMEM, "allocation %ld: %d %s", k, rc, tertial_error_last());
    ck_assert_ptr_nonnull(strstr(tertial_error_last(), "out of memory"));
    ck_assert_ptr_null(p);
    ck_assert_msg(failalloc_live() == live, "allocation %ld: %ld blocks kept", k, failalloc_live() - live);
  }
  ck_assert_int_ge(points, 9);
  testutil_tmpdir_remove();
}
END_TEST
#endif

int main(void)
{
  Suite *s = suite_create("presentation");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_parse_settings);
  tcase_add_test(tc, test_parse_errors);
  tcase_add_test(tc, test_build_in_code);
  tcase_add_test(tc, test_round_trip);
  tcase_add_test(tc, test_prior_year_acc);
  tcase_add_test(tc, test_previous_forecast_and_after_measures);
  tcase_add_test(tc, test_golden_csv_json);
#if FAILALLOC
  tcase_add_test(tc, test_out_of_memory);
#endif
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
