/* Tests of the chart of accounts, the row mapping and the embedded Kommun-Bas mapping. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts_internal.h"

/* The embedded text of the default mapping, to compare with docs/kommunbas-rows.txt. */
#define TERTIAL_KOMMUNBAS_TEXT_ONLY
#include "kommunbas.c"


/* ---- helpers ---- */

static tertial_rowmap *kommunbas(void)
{
  tertial_rowmap *map = NULL;
  T_OK(tertial_rowmap_new_kommunbas(&map));
  return map;
}

/* The code of the row an account maps to, or NULL when unmapped. */
static const char *row_of(const tertial_rowmap *map, const char *number)
{
  int row = 12345;
  int rc = tertial_rowmap_lookup(&row, map, number);
  if (rc == TERTIAL_ERR_NOT_FOUND) {
    ck_assert_int_eq(row, -1);
    return NULL;
  }
  ck_assert_msg(rc == 0, "lookup %s returned %d: %s", number, rc, tertial_error_last());
  const tertial_report_row *r = tertial_rowmap_row(map, (size_t)row);
  ck_assert_ptr_nonnull(r);
  ck_assert_int_eq(r->kind, TERTIAL_ROW_LINE);
  return r->code;
}

#define ck_assert_maps_to(map, number, code) ck_assert_str_eq(row_of((map), (number)), (code))

static int row_index(const tertial_rowmap *map, const char *code)
{
  int index = -1;
  T_OK(tertial_rowmap_find_row(&index, map, code));
  return index;
}

static char *read_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", path);
  size_t cap = 1 << 16;
  char *buf = malloc(cap);
  ck_assert_ptr_nonnull(buf);
  size_t len = fread(buf, 1, cap - 1, f);
  ck_assert_msg(feof(f), "%s is larger than the test expects", path);
  fclose(f);
  buf[len] = '\0';
  return buf;
}

/* Parse text that must fail with @p code and a message starting with @p prefix and containing @p part. */
static void check_parse_error(const char *text, int code, const char *prefix, const char *part)
{
  tertial_rowmap *map = (tertial_rowmap *)&map;
  T_ERR(tertial_rowmap_parse(&map, text, "rows.txt"), code);
  ck_assert_ptr_null(map);
  const char *msg = tertial_error_last();
  ck_assert_msg(strncmp(msg, prefix, strlen(prefix)) == 0, "message \"%s\" does not start with \"%s\"", msg,
                prefix);
  ck_assert_msg(strstr(msg, part) != NULL, "message \"%s\" does not contain \"%s\"", msg, part);
}

/* ---- chart ---- */

START_TEST(test_chart_add_find)
{
  tertial_chart *chart = NULL;
  T_OK(tertial_chart_new(&chart));
  ck_assert_uint_eq(tertial_chart_count(chart), 0);

  tertial_account_id id = 99;
  T_OK(tertial_chart_add(&id, chart, "3011", "Försäljning av tjänster", TERTIAL_ACCOUNT_REVENUE, 0));
  ck_assert_uint_eq(id, 0);
  T_OK(tertial_chart_add(&id, chart, "4610", "Köp av huvudverksamhet", TERTIAL_ACCOUNT_COST, 7));
  ck_assert_uint_eq(id, 1);
  T_OK(tertial_chart_add(NULL, chart, "1", NULL, TERTIAL_ACCOUNT_ASSET, 0));
  T_OK(tertial_chart_add(&id, chart, "1234567890", "ten digits", TERTIAL_ACCOUNT_COST, 0));
  ck_assert_uint_eq(id, 3);
  ck_assert_uint_eq(tertial_chart_count(chart), 4);

  T_OK(tertial_chart_find(&id, chart, "4610"));
  ck_assert_uint_eq(id, 1);
  const tertial_account *a = tertial_chart_account(chart, id);
  ck_assert_str_eq(a->number, "4610");
  ck_assert_str_eq(a->name, "Köp av huvudverksamhet");
  ck_assert_int_eq(a->type, TERTIAL_ACCOUNT_COST);
  ck_assert_int_eq(a->internal, 1);
  ck_assert_str_eq(tertial_chart_account(chart, 2)->name, "");
  ck_assert_ptr_null(tertial_chart_account(chart, 4));

  /* Numbers are strings: "04610" and "461" are other accounts than "4610". */
  T_ERR(tertial_chart_find(&id, chart, "04610"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_chart_find(&id, chart, "461"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "461"));

  T_ERR(tertial_chart_add(&id, chart, "3011", "again", TERTIAL_ACCOUNT_REVENUE, 0), TERTIAL_ERR_EXISTS);
  ck_assert_uint_eq(tertial_chart_count(chart), 4);
  tertial_chart_free(chart);
}
END_TEST

START_TEST(test_chart_malformed)
{
  tertial_chart *chart = NULL;
  T_OK(tertial_chart_new(&chart));
  tertial_account_id id;
  const char *bad[] = {"", "30a", "12345678901", " 3011", "3011 ", "-301", "+301", "30.1"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    T_ERR(tertial_chart_add(&id, chart, bad[i], "x", TERTIAL_ACCOUNT_COST, 0), TERTIAL_ERR_INVALID);
    T_ERR(tertial_chart_find(&id, chart, bad[i]), TERTIAL_ERR_INVALID);
    T_ERR(tertial_chart_ensure(&id, chart, bad[i]), TERTIAL_ERR_INVALID);
  }
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "expected 1 to 10 digits"));
  T_ERR(tertial_chart_add(&id, chart, NULL, "x", TERTIAL_ACCOUNT_COST, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_chart_add(&id, chart, "3011", "x", (tertial_account_type)4, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_chart_add(&id, NULL, "3011", "x", TERTIAL_ACCOUNT_COST, 0), TERTIAL_ERR_INVALID);
  T_ERR(tertial_chart_find(&id, NULL, "3011"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_chart_new(NULL), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_chart_count(chart), 0);
  ck_assert_uint_eq(tertial_chart_count(NULL), 0);
  ck_assert_ptr_null(tertial_chart_account(NULL, 0));
  tertial_chart_free(chart);
  tertial_chart_free(NULL);
}
END_TEST

START_TEST(test_chart_ensure)
{
  tertial_chart *chart = NULL;
  T_OK(tertial_chart_new(&chart));
  tertial_account_id id = 99, again = 99;
  T_OK(tertial_chart_add(&id, chart, "5011", "Månadslön", TERTIAL_ACCOUNT_COST, 0));
  T_OK(tertial_chart_ensure(&again, chart, "5011"));
  ck_assert_uint_eq(again, id);
  ck_assert_str_eq(tertial_chart_account(chart, id)->name, "Månadslön");

  T_OK(tertial_chart_ensure(&id, chart, "8011"));
  ck_assert_uint_eq(id, 1);
  const tertial_account *a = tertial_chart_account(chart, id);
  ck_assert_str_eq(a->number, "8011");
  ck_assert_str_eq(a->name, "");
  ck_assert_int_eq(a->type, TERTIAL_ACCOUNT_REVENUE);
  ck_assert_int_eq(a->internal, 0);
  T_OK(tertial_chart_ensure(NULL, chart, "1510"));
  ck_assert_int_eq(tertial_chart_account(chart, 2)->type, TERTIAL_ACCOUNT_ASSET);
  ck_assert_uint_eq(tertial_chart_count(chart), 3);
  tertial_chart_free(chart);
}
END_TEST

START_TEST(test_chart_internal)
{
  tertial_chart *chart = NULL;
  T_OK(tertial_chart_new(&chart));
  tertial_account_id id;
  T_OK(tertial_chart_add(&id, chart, "3511", "Interna bidrag", TERTIAL_ACCOUNT_REVENUE, 0));
  T_OK(tertial_chart_set_internal(chart, id, 1));
  ck_assert_int_eq(tertial_chart_account(chart, id)->internal, 1);
  T_OK(tertial_chart_set_internal(chart, id, 0));
  ck_assert_int_eq(tertial_chart_account(chart, id)->internal, 0);
  T_ERR(tertial_chart_set_internal(chart, 1, 1), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_chart_set_internal(NULL, 0, 1), TERTIAL_ERR_INVALID);
  tertial_chart_free(chart);
}
END_TEST

/* Ten thousand accounts: ids stay dense and in order, and every one is found again. */
START_TEST(test_chart_many)
{
  tertial_chart *chart = NULL;
  T_OK(tertial_chart_new(&chart));
  char number[16];
  for (unsigned i = 0; i < 10000; i++) {
    snprintf(number, sizeof number, "%u", 30000 + i * 7);
    tertial_account_id id;
    T_OK(tertial_chart_ensure(&id, chart, number));
    ck_assert_uint_eq(id, i);
  }
  ck_assert_uint_eq(tertial_chart_count(chart), 10000);
  for (unsigned i = 0; i < 10000; i++) {
    snprintf(number, sizeof number, "%u", 30000 + i * 7);
    tertial_account_id id = 0;
    T_OK(tertial_chart_find(&id, chart, number));
    ck_assert_uint_eq(id, i);
    ck_assert_str_eq(tertial_chart_account(chart, id)->number, number);
    snprintf(number, sizeof number, "%u", 30001 + i * 7);
    T_ERR(tertial_chart_find(&id, chart, number), TERTIAL_ERR_NOT_FOUND);
  }
  tertial_chart_free(chart);
}
END_TEST

START_TEST(test_type_guess)
{
  static const struct {
    const char *number;
    tertial_account_type type;
  } cases[] = {
    {"1510", TERTIAL_ACCOUNT_ASSET},   {"2440", TERTIAL_ACCOUNT_LIABILITY}, {"3011", TERTIAL_ACCOUNT_REVENUE},
    {"4610", TERTIAL_ACCOUNT_COST},    {"5011", TERTIAL_ACCOUNT_COST},      {"7990", TERTIAL_ACCOUNT_COST},
    {"8011", TERTIAL_ACCOUNT_REVENUE}, {"8410", TERTIAL_ACCOUNT_REVENUE},   {"8510", TERTIAL_ACCOUNT_COST},
    {"8990", TERTIAL_ACCOUNT_COST},    {"8", TERTIAL_ACCOUNT_REVENUE},      {"6", TERTIAL_ACCOUNT_COST},
    {"9000", TERTIAL_ACCOUNT_COST},    {"0100", TERTIAL_ACCOUNT_COST},      {"30110", TERTIAL_ACCOUNT_REVENUE},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    tertial_account_type type = (tertial_account_type)-1;
    T_OK(tertial_account_type_guess(&type, cases[i].number));
    ck_assert_msg(type == cases[i].type, "%s guessed %d, expected %d", cases[i].number, type, cases[i].type);
  }
  tertial_account_type type;
  T_ERR(tertial_account_type_guess(&type, ""), TERTIAL_ERR_INVALID);
  T_ERR(tertial_account_type_guess(&type, "30a"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_account_type_guess(&type, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_account_type_guess(NULL, "3011"), TERTIAL_ERR_INVALID);
}
END_TEST

/* ---- Kommun-Bas ---- */

START_TEST(test_kommunbas_lookup)
{
  tertial_rowmap *map = kommunbas();
  ck_assert_maps_to(map, "3011", "INT_FORS");
  ck_assert_maps_to(map, "3611", "INT_FORS");
  ck_assert_maps_to(map, "3110", "INT_TAXA");
  ck_assert_maps_to(map, "3410", "INT_HYRA");
  ck_assert_maps_to(map, "3511", "INT_BIDR");
  ck_assert_maps_to(map, "3210", "INT_OVR");
  ck_assert_maps_to(map, "3910", "INT_OVR");
  ck_assert_maps_to(map, "4611", "KOST_KOP");
  ck_assert_maps_to(map, "4511", "KOST_BIDR");
  ck_assert_maps_to(map, "5011", "KOST_PERS");
  ck_assert_maps_to(map, "5711", "KOST_PERS");
  ck_assert_maps_to(map, "5911", "KOST_PERS");
  ck_assert_maps_to(map, "5811", "KOST_OPERS");
  ck_assert_maps_to(map, "6111", "KOST_HYRA");
  ck_assert_maps_to(map, "6311", "KOST_HYRA");
  ck_assert_maps_to(map, "6211", "KOST_OVR");
  ck_assert_maps_to(map, "4011", "KOST_OVR");
  ck_assert_maps_to(map, "7711", "KOST_OVR");
  ck_assert_maps_to(map, "7911", "KOST_KAP");
  ck_assert_maps_to(map, "8011", "FIN");
  ck_assert_maps_to(map, "8911", "FIN");
  ck_assert_maps_to(map, "7811", "KOST_KAP"); /* depreciation: capital costs, in the net result */
  ck_assert_maps_to(map, "8211", "FIN");

  int row = 7;
  T_ERR(tertial_rowmap_lookup(&row, map, "1510"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_int_eq(row, -1);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "1510"));
  row = 7;
  T_ERR(tertial_rowmap_lookup(&row, map, "2440"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_int_eq(row, -1);
  T_ERR(tertial_rowmap_lookup(&row, map, "9000"), TERTIAL_ERR_NOT_FOUND);

  T_ERR(tertial_rowmap_lookup(&row, map, "30a"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_lookup(&row, map, ""), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_lookup(&row, map, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_lookup(NULL, map, "3011"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_lookup(&row, NULL, "3011"), TERTIAL_ERR_INVALID);
  tertial_rowmap_free(map);
}
END_TEST

/* Prefixes compare with the leading digits of longer numbers and pad shorter ones with zeros. */
START_TEST(test_kommunbas_lengths)
{
  tertial_rowmap *map = kommunbas();
  ck_assert_maps_to(map, "30110", "INT_FORS");
  ck_assert_maps_to(map, "4611099999", "KOST_KOP");
  ck_assert_maps_to(map, "30", "INT_FORS");
  ck_assert_maps_to(map, "3", "INT_FORS"); /* "3" reads as group 30 */
  ck_assert_maps_to(map, "8", "FIN");
  int row;
  T_ERR(tertial_rowmap_lookup(&row, map, "1"), TERTIAL_ERR_NOT_FOUND);
  tertial_rowmap_free(map);
}
END_TEST

START_TEST(test_kommunbas_override)
{
  tertial_rowmap *map = kommunbas();
  ck_assert_maps_to(map, "3450", "INT_HYRA");
  T_OK(tertial_rowmap_add_range(map, "3450", "3450", "INT_FORS"));
  ck_assert_maps_to(map, "3450", "INT_FORS");
  ck_assert_maps_to(map, "34501", "INT_FORS");
  ck_assert_maps_to(map, "3451", "INT_HYRA");
  ck_assert_maps_to(map, "3449", "INT_HYRA");
  /* A shorter range defined later does not beat the longer prefix. */
  T_OK(tertial_rowmap_add_range(map, "3", "3", "INT_OVR"));
  ck_assert_maps_to(map, "3450", "INT_FORS");
  ck_assert_maps_to(map, "3011", "INT_FORS");
  /* Among equally long prefixes the one defined last wins. */
  T_OK(tertial_rowmap_add_range(map, "34", "34", "INT_BIDR"));
  ck_assert_maps_to(map, "3410", "INT_BIDR");
  ck_assert_maps_to(map, "3450", "INT_FORS");
  tertial_rowmap_free(map);

  /* The same override written in the text form. */
  char *text = read_file(TERTIAL_SOURCE_ROOT "/docs/kommunbas-rows.txt");
  size_t len = strlen(text);
  const char *extra = "map;3450;3450;INT_FORS\n";
  char *local = malloc(len + strlen(extra) + 1);
  ck_assert_ptr_nonnull(local);
  memcpy(local, text, len);
  strcpy(local + len, extra);
  T_OK(tertial_rowmap_parse(&map, local, "local.txt"));
  ck_assert_maps_to(map, "3450", "INT_FORS");
  ck_assert_maps_to(map, "3460", "INT_HYRA");
  tertial_rowmap_free(map);
  free(local);
  free(text);
}
END_TEST

START_TEST(test_kommunbas_rows)
{
  tertial_rowmap *map = kommunbas();
  ck_assert_str_eq(tertial_rowmap_name(map), "Kommun-Bas (Tertial default)");
  ck_assert_str_eq(tertial_rowmap_version(map), "2026.1");
  ck_assert_uint_eq(tertial_rowmap_row_count(map), 18);

  static const struct {
    const char *code, *label, *parent;
    tertial_row_kind kind;
    int depth;
  } rows[] = {
    {"INT", "VERKSAMHETENS INTÄKTER", "NETTO", TERTIAL_ROW_SUM, 1},
    {"INT_FORS", "Försäljning", "INT", TERTIAL_ROW_LINE, 2},
    {"INT_TAXA", "Taxor och avgifter", "INT", TERTIAL_ROW_LINE, 2},
    {"INT_HYRA", "Hyror och arrenden", "INT", TERTIAL_ROW_LINE, 2},
    {"INT_BIDR", "Bidrag", "INT", TERTIAL_ROW_LINE, 2},
    {"INT_OVR", "Övriga intäkter", "INT", TERTIAL_ROW_LINE, 2},
    {"INT_VARAV", "varav interna intäkter", "INT", TERTIAL_ROW_INTERNAL, 2},
    {"KOST", "VERKSAMHETENS KOSTNADER", "NETTO", TERTIAL_ROW_SUM, 1},
    {"KOST_PERS", "Personalkostnader inkl PO", "KOST", TERTIAL_ROW_LINE, 2},
    {"KOST_OPERS", "Övriga personalkostnader", "KOST", TERTIAL_ROW_LINE, 2},
    {"KOST_KOP", "Köp av verksamhet", "KOST", TERTIAL_ROW_LINE, 2},
    {"KOST_BIDR", "Bidrag", "KOST", TERTIAL_ROW_LINE, 2},
    {"KOST_HYRA", "Hyror", "KOST", TERTIAL_ROW_LINE, 2},
    {"KOST_OVR", "Övriga verksamhetskostnader", "KOST", TERTIAL_ROW_LINE, 2},
    {"KOST_KAP", "Kapitalkostnader", "KOST", TERTIAL_ROW_LINE, 2},
    {"KOST_VARAV", "varav interna kostnader", "KOST", TERTIAL_ROW_INTERNAL, 2},
    {"NETTO", "NETTORESULTAT", NULL, TERTIAL_ROW_SUM, 0},
    {"FIN", "Finansiering, skatter och utjämning", NULL, TERTIAL_ROW_LINE, 0},
  };
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    const tertial_report_row *r = tertial_rowmap_row(map, i);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->code, rows[i].code);
    ck_assert_str_eq(r->label, rows[i].label);
    ck_assert_int_eq(r->kind, rows[i].kind);
    ck_assert_int_eq(r->depth, rows[i].depth);
    ck_assert_int_eq(r->parent, rows[i].parent ? row_index(map, rows[i].parent) : -1);
    ck_assert_int_eq(row_index(map, rows[i].code), (int)i);
  }
  ck_assert_ptr_null(tertial_rowmap_row(map, 18));
  ck_assert_int_eq(tertial_rowmap_result_row(map), 16);
  int index;
  T_ERR(tertial_rowmap_find_row(&index, map, "NOPE"), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_rowmap_find_row(&index, map, NULL), TERTIAL_ERR_INVALID);
  T_OK(tertial_rowmap_validate(map));
  tertial_rowmap_free(map);
}
END_TEST

/* Every account of classes 3-8 reaches exactly one line row; classes 1-2 reach none. */
START_TEST(test_kommunbas_coverage)
{
  tertial_rowmap *map = kommunbas();
  char number[16];
  for (int group = 10; group <= 99; group++) {
    snprintf(number, sizeof number, "%d11", group);
    int row;
    int rc = tertial_rowmap_lookup(&row, map, number);
    if (group < 30 || group >= 90)
      ck_assert_msg(rc == TERTIAL_ERR_NOT_FOUND, "%s should be unmapped", number);
    else
      ck_assert_msg(rc == 0, "%s is unmapped: %s", number, tertial_error_last());
  }
  tertial_rowmap_free(map);
}
END_TEST

START_TEST(test_kommunbas_docs)
{
  char *docs = read_file(TERTIAL_SOURCE_ROOT "/docs/kommunbas-rows.txt");
  ck_assert_str_eq(kommunbas_rows, docs);

  /* And the docs file parses to the same mapping as the constructor builds. */
  tertial_rowmap *from_docs = NULL, *builtin = kommunbas();
  T_OK(tertial_rowmap_parse(&from_docs, docs, "docs/kommunbas-rows.txt"));
  char *a = NULL, *b = NULL;
  T_OK(tertial_rowmap_format(&a, from_docs));
  T_OK(tertial_rowmap_format(&b, builtin));
  ck_assert_str_eq(a, b);
  tertial_free(a);
  tertial_free(b);
  tertial_rowmap_free(from_docs);
  tertial_rowmap_free(builtin);
  free(docs);
}
END_TEST

/* ---- building through the API ---- */

START_TEST(test_build_api)
{
  tertial_rowmap *map = NULL;
  T_OK(tertial_rowmap_new(&map, "Liten", NULL));
  ck_assert_str_eq(tertial_rowmap_name(map), "Liten");
  ck_assert_str_eq(tertial_rowmap_version(map), "");
  ck_assert_int_eq(tertial_rowmap_result_row(map), -1); /* no sum row */

  /* Children first, the parent last. */
  T_OK(tertial_rowmap_add_row(map, "A", "Intäkter", TERTIAL_ROW_LINE, "TOT"));
  T_OK(tertial_rowmap_add_row(map, "B", "Kostnader", TERTIAL_ROW_LINE, "TOT"));
  T_OK(tertial_rowmap_add_row(map, "TOT", "Summa", TERTIAL_ROW_SUM, NULL));
  T_OK(tertial_rowmap_add_row(map, "X", "Vid sidan", TERTIAL_ROW_LINE, ""));
  T_OK(tertial_rowmap_add_range(map, "3", "3", "A"));
  T_OK(tertial_rowmap_add_range(map, "4", "7", "B"));
  T_OK(tertial_rowmap_add_range(map, "08", "09", "X"));

  /* No validate call: the getters validate lazily. */
  ck_assert_int_eq(tertial_rowmap_result_row(map), 2); /* the last top-level sum row */
  ck_assert_int_eq(tertial_rowmap_row(map, 0)->parent, 2);
  ck_assert_int_eq(tertial_rowmap_row(map, 0)->depth, 1);
  ck_assert_maps_to(map, "611", "B");
  ck_assert_maps_to(map, "0850", "X");
  ck_assert_maps_to(map, "3", "A");

  /* A second top-level sum row becomes the result row, until one is chosen. */
  T_OK(tertial_rowmap_add_row(map, "TOT2", "Allt", TERTIAL_ROW_SUM, NULL));
  ck_assert_int_eq(tertial_rowmap_result_row(map), 4);
  T_OK(tertial_rowmap_set_result(map, "TOT"));
  ck_assert_int_eq(tertial_rowmap_result_row(map), 2);

  /* A nested sum row gets its depth from the chain. */
  T_OK(tertial_rowmap_add_row(map, "SUB", "Del", TERTIAL_ROW_SUM, "TOT"));
  T_OK(tertial_rowmap_add_row(map, "C", "Rad", TERTIAL_ROW_LINE, "SUB"));
  T_OK(tertial_rowmap_add_row(map, "C_INT", "varav interna", TERTIAL_ROW_INTERNAL, "SUB"));
  ck_assert_int_eq(tertial_rowmap_row(map, 6)->depth, 2);
  ck_assert_int_eq(tertial_rowmap_row(map, 7)->depth, 2);
  ck_assert_int_eq(tertial_rowmap_row(map, 7)->parent, 5);
  T_OK(tertial_rowmap_validate(map));
  tertial_rowmap_free(map);
}
END_TEST

START_TEST(test_build_rejects)
{
  tertial_rowmap *map = NULL;
  T_ERR(tertial_rowmap_new(&map, "a;b", NULL), TERTIAL_ERR_INVALID);
  ck_assert_ptr_null(map);
  T_ERR(tertial_rowmap_new(&map, NULL, "1\n2"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_new(NULL, NULL, NULL), TERTIAL_ERR_INVALID);
  T_OK(tertial_rowmap_new(&map, NULL, NULL));

  T_OK(tertial_rowmap_add_row(map, "S", "Summa", TERTIAL_ROW_SUM, NULL));
  T_ERR(tertial_rowmap_add_row(map, "S", "igen", TERTIAL_ROW_LINE, NULL), TERTIAL_ERR_EXISTS);
  T_ERR(tertial_rowmap_add_row(map, "A;B", "x", TERTIAL_ROW_LINE, "S"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_row(map, "A", "x;y", TERTIAL_ROW_LINE, "S"), TERTIAL_ERR_INVALID);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "';'"));
  T_ERR(tertial_rowmap_add_row(map, "A", "x\ny", TERTIAL_ROW_LINE, "S"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_row(map, "A", "x\r", TERTIAL_ROW_LINE, "S"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_row(map, "A", "\xff", TERTIAL_ROW_LINE, "S"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_row(map, "A", "x", TERTIAL_ROW_LINE, "S;"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_row(map, "", "x", TERTIAL_ROW_LINE, "S"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_row(map, NULL, "x", TERTIAL_ROW_LINE, "S"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_row(map, "A", "x", (tertial_row_kind)3, "S"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_row(NULL, "A", "x", TERTIAL_ROW_LINE, "S"), TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_rowmap_row_count(map), 1);

  T_ERR(tertial_rowmap_add_range(map, "30", "361", "A"), TERTIAL_ERR_INVALID);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "equal length"));
  T_ERR(tertial_rowmap_add_range(map, "36", "30", "A"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_range(map, "3a", "3a", "A"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_range(map, "", "", "A"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_range(map, "12345678901", "12345678901", "A"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_range(map, NULL, "30", "A"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_range(map, "30", "30", ""), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_add_range(map, "30", "30", "A;"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_set_result(map, ""), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_set_result(map, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_set_result(NULL, "S"), TERTIAL_ERR_INVALID);
  T_OK(tertial_rowmap_validate(map));
  T_ERR(tertial_rowmap_validate(NULL), TERTIAL_ERR_INVALID);
  tertial_rowmap_free(map);
  tertial_rowmap_free(NULL);
}
END_TEST

/* A change that breaks the mapping: validate names the rule, the const getters report STATE. */
START_TEST(test_build_invalid_state)
{
  tertial_rowmap *map = kommunbas();
  T_OK(tertial_rowmap_add_range(map, "3450", "3450", "NOPE"));
  T_ERR(tertial_rowmap_validate(map), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "unknown row \"NOPE\""));
  ck_assert_ptr_null(tertial_rowmap_row(map, 0));
  ck_assert_int_eq(tertial_rowmap_result_row(map), -1);
  int row = 3;
  T_ERR(tertial_rowmap_lookup(&row, map, "3011"), TERTIAL_ERR_STATE);
  ck_assert_int_eq(row, -1);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "NOPE"));
  char *text = (char *)&text;
  T_ERR(tertial_rowmap_format(&text, map), TERTIAL_ERR_STATE);
  ck_assert_ptr_null(text);
  /* Codes and the row count do not need a valid mapping. */
  ck_assert_uint_eq(tertial_rowmap_row_count(map), 18);
  ck_assert_int_eq(row_index(map, "FIN"), 17);

  /* Adding the missing row repairs it. */
  T_OK(tertial_rowmap_add_row(map, "NOPE", "Ny rad", TERTIAL_ROW_LINE, "INT"));
  ck_assert_maps_to(map, "3450", "NOPE");
  ck_assert_int_eq(tertial_rowmap_row(map, 18)->depth, 2);
  tertial_rowmap_free(map);

  /* Internal row without parent; range into an internal row; result on a line row. */
  T_OK(tertial_rowmap_new(&map, NULL, NULL));
  T_OK(tertial_rowmap_add_row(map, "V", "varav", TERTIAL_ROW_INTERNAL, NULL));
  T_ERR(tertial_rowmap_validate(map), TERTIAL_ERR_STATE);
  tertial_rowmap_free(map);
  T_OK(tertial_rowmap_new(&map, NULL, NULL));
  T_OK(tertial_rowmap_add_row(map, "S", "Summa", TERTIAL_ROW_SUM, NULL));
  T_OK(tertial_rowmap_add_row(map, "V", "varav", TERTIAL_ROW_INTERNAL, "S"));
  T_OK(tertial_rowmap_add_row(map, "L", "Rad", TERTIAL_ROW_LINE, "S"));
  T_OK(tertial_rowmap_validate(map));
  T_OK(tertial_rowmap_add_range(map, "1", "1", "V"));
  T_ERR(tertial_rowmap_validate(map), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "expected a line row"));
  tertial_rowmap_free(map);
  T_OK(tertial_rowmap_new(&map, NULL, NULL));
  T_OK(tertial_rowmap_add_row(map, "L", "Rad", TERTIAL_ROW_LINE, NULL));
  T_OK(tertial_rowmap_set_result(map, "L"));
  T_ERR(tertial_rowmap_validate(map), TERTIAL_ERR_STATE);
  tertial_rowmap_free(map);
}
END_TEST

/* ---- text form ---- */

START_TEST(test_parse_errors)
{
  check_parse_error("row;S;Summa;sum;\nrow;A;Rad;lin;S\n", TERTIAL_ERR_PARSE,
                    "rows.txt:2: expected a row kind (line, sum or internal), got \"lin\"", "");
  check_parse_error("# comment\n\nrow;A;Rad;line;SUMMA\n", TERTIAL_ERR_NOT_FOUND, "rows.txt:3: ",
                    "unknown parent row \"SUMMA\"");
  check_parse_error("row;S;Summa;sum;\nrow;A;Rad;line;S\nmap;30;30;S\n", TERTIAL_ERR_STATE, "rows.txt:3: ",
                    "expected a line row");
  check_parse_error("row;A;Ett;sum;B\nrow;B;Två;sum;A\n", TERTIAL_ERR_STATE, "rows.txt:", "cycle");
  check_parse_error("row;A;Ett;sum;A\n", TERTIAL_ERR_STATE, "rows.txt:1: ", "cycle");
  check_parse_error("row;S;Summa;sum;\nrow;A;Rad;line;S\nmap;30;361;A\n", TERTIAL_ERR_PARSE, "rows.txt:3: ",
                    "equal length, got \"30\" and \"361\"");
  check_parse_error("row;A;Rad;line;\nmap;36;30;A\n", TERTIAL_ERR_PARSE, "rows.txt:2: ", "FROM <= TO");
  check_parse_error("row;A;Rad;line;\nmap;3x;3x;A\n", TERTIAL_ERR_PARSE, "rows.txt:2: ", "digits");
  check_parse_error("row;A;Rad;line;\nmap;30;30;\n", TERTIAL_ERR_PARSE, "rows.txt:2: ", "expected a row code");
  check_parse_error("row;A;Rad;line;\n\nrow;A;Igen;line;\n", TERTIAL_ERR_EXISTS, "rows.txt:3: ",
                    "already defined at line 1");
  check_parse_error("row;A;Rad;line\n", TERTIAL_ERR_PARSE, "rows.txt:1: ",
                    "expected 5 fields (row;CODE;LABEL;KIND;PARENT), got 4");
  check_parse_error("row;A;Rad;line;;x\n", TERTIAL_ERR_PARSE, "rows.txt:1: ", "got 6");
  check_parse_error("row;;Rad;line;\n", TERTIAL_ERR_PARSE, "rows.txt:1: ", "expected a row code");
  check_parse_error("name;x\nrows;A;Rad;line;\n", TERTIAL_ERR_PARSE, "rows.txt:2: ",
                    "expected a record (name, version, row, map or result), got \"rows\"");
  check_parse_error("name;x\nname;y\n", TERTIAL_ERR_PARSE, "rows.txt:2: ", "already given at line 1");
  check_parse_error("version;1;2\n", TERTIAL_ERR_PARSE, "rows.txt:1: ", "expected 2 fields");
  check_parse_error("row;V;varav;internal;\n", TERTIAL_ERR_STATE, "rows.txt:1: ", "needs a parent");
  check_parse_error("row;S;Summa;sum;\nrow;A;Rad;line;\nrow;B;Rad;line;A\n", TERTIAL_ERR_STATE, "rows.txt:3: ",
                    "expected a sum row");
  check_parse_error("row;S;Summa;sum;\nrow;A;Rad;line;\nresult;A\n", TERTIAL_ERR_STATE, "rows.txt:3: ",
                    "expected a sum row");
  check_parse_error("row;S;Summa;sum;\nresult;T\n", TERTIAL_ERR_NOT_FOUND, "rows.txt:2: ", "unknown row \"T\"");
  check_parse_error("row;S;Summa;sum;\nresult;S\nresult;S\n", TERTIAL_ERR_PARSE, "rows.txt:3: ",
                    "already given at line 2");
  check_parse_error("row;S;Summa;sum;\nrow;A;R\xe4\x64;line;S\n", TERTIAL_ERR_PARSE, "rows.txt:2: ", "UTF-8");
  check_parse_error("row;S;Summa;sum;\nrow;A;R\tad;line;S\n", TERTIAL_ERR_PARSE, "rows.txt:2: ",
                    "control character");
  check_parse_error("  row;S;Summa;sum;\n", TERTIAL_ERR_PARSE, "rows.txt:1: ", "got \"  row\"");

  tertial_rowmap *map = NULL;
  T_ERR(tertial_rowmap_parse(&map, NULL, "x"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_parse(NULL, "", "x"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_rowmap_parse(&map, "row;A;B;c;\n", NULL), TERTIAL_ERR_PARSE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "<text>:1: "));
}
END_TEST

/* Comments, blank lines, CRLF line ends, a byte order mark and a missing final newline. */
START_TEST(test_parse_lenient)
{
  const char *text = "\xEF\xBB\xBF# Lokal plan\r\n"
                     "name;Lokal\r\n"
                     "   \r\n"
                     "  # indented comment\n"
                     "row;S;Summa;sum;\r\n"
                     "row;A;Rad;line;S\r\n"
                     "map;30;39;A";
  tertial_rowmap *map = NULL;
  T_OK(tertial_rowmap_parse(&map, text, "lokal.txt"));
  ck_assert_str_eq(tertial_rowmap_name(map), "Lokal");
  ck_assert_str_eq(tertial_rowmap_version(map), "");
  ck_assert_uint_eq(tertial_rowmap_row_count(map), 2);
  ck_assert_str_eq(tertial_rowmap_row(map, 1)->label, "Rad");
  ck_assert_maps_to(map, "3911", "A");
  ck_assert_int_eq(tertial_rowmap_result_row(map), 0);
  tertial_rowmap_free(map);

  T_OK(tertial_rowmap_parse(&map, "", "empty.txt"));
  ck_assert_uint_eq(tertial_rowmap_row_count(map), 0);
  ck_assert_int_eq(tertial_rowmap_result_row(map), -1);
  tertial_rowmap_free(map);
}
END_TEST

/* Errors found after parsing, in rows that came from the text, still name its lines. */
START_TEST(test_parse_later_errors)
{
  tertial_rowmap *map = NULL;
  T_OK(tertial_rowmap_parse(&map, "row;S;Summa;sum;\nrow;A;Rad;line;S\n", "rows.txt"));
  T_OK(tertial_rowmap_add_range(map, "5", "5", "S"));
  T_ERR(tertial_rowmap_validate(map), TERTIAL_ERR_STATE);
  ck_assert_ptr_null(strstr(tertial_error_last(), "rows.txt")); /* the range came from the API */
  tertial_rowmap_free(map);
}
END_TEST

static void assert_same_rows(const tertial_rowmap *a, const tertial_rowmap *b)
{
  ck_assert_str_eq(tertial_rowmap_name(a), tertial_rowmap_name(b));
  ck_assert_str_eq(tertial_rowmap_version(a), tertial_rowmap_version(b));
  ck_assert_uint_eq(tertial_rowmap_row_count(a), tertial_rowmap_row_count(b));
  for (size_t i = 0; i < tertial_rowmap_row_count(a); i++) {
    const tertial_report_row *x = tertial_rowmap_row(a, i), *y = tertial_rowmap_row(b, i);
    ck_assert_str_eq(x->code, y->code);
    ck_assert_str_eq(x->label, y->label);
    ck_assert_int_eq(x->kind, y->kind);
    ck_assert_int_eq(x->parent, y->parent);
    ck_assert_int_eq(x->depth, y->depth);
  }
  ck_assert_int_eq(tertial_rowmap_result_row(a), tertial_rowmap_result_row(b));
}

static void assert_round_trip(const tertial_rowmap *map, const char *const *numbers)
{
  char *text = NULL, *again = NULL;
  T_OK(tertial_rowmap_format(&text, map));
  tertial_rowmap *copy = NULL;
  T_OK(tertial_rowmap_parse(&copy, text, "formatted"));
  T_OK(tertial_rowmap_format(&again, copy));
  ck_assert_str_eq(text, again);
  assert_same_rows(map, copy);
  for (; *numbers; numbers++) {
    int r1 = -2, r2 = -3;
    int rc1 = tertial_rowmap_lookup(&r1, map, *numbers), rc2 = tertial_rowmap_lookup(&r2, copy, *numbers);
    ck_assert_int_eq(rc1, rc2);
    ck_assert_int_eq(r1, r2);
  }
  tertial_free(text);
  tertial_free(again);
  tertial_rowmap_free(copy);
}

START_TEST(test_round_trip)
{
  static const char *const numbers[] = {"3011", "3450", "34501", "3", "0850", "0100", "1510", "7811",
                                        "8999", "9", "5911", "1234567890", NULL};
  tertial_rowmap *map = kommunbas();
  assert_round_trip(map, numbers);
  T_OK(tertial_rowmap_add_range(map, "3450", "3450", "INT_FORS"));
  T_OK(tertial_rowmap_add_row(map, "LOK", "Lokal rad, med komma", TERTIAL_ROW_LINE, "KOST"));
  T_OK(tertial_rowmap_add_range(map, "0800", "0899", "LOK"));
  T_OK(tertial_rowmap_add_range(map, "1234567890", "1234567899", "LOK"));
  assert_round_trip(map, numbers);
  tertial_rowmap_free(map);

  /* Without a result line, an empty name and a label left empty. */
  T_OK(tertial_rowmap_new(&map, NULL, "v2"));
  T_OK(tertial_rowmap_add_row(map, "L", "", TERTIAL_ROW_LINE, "T"));
  T_OK(tertial_rowmap_add_row(map, "T", "Total", TERTIAL_ROW_SUM, NULL));
  T_OK(tertial_rowmap_add_range(map, "0", "9", "L"));
  assert_round_trip(map, numbers);
  char *text = NULL;
  T_OK(tertial_rowmap_format(&text, map));
  ck_assert_str_eq(text, "name;\nversion;v2\nrow;L;;line;T\nrow;T;Total;sum;\nmap;0;9;L\n");
  tertial_free(text);
  T_ERR(tertial_rowmap_format(NULL, map), TERTIAL_ERR_INVALID);
  tertial_rowmap_free(map);
}
END_TEST

/* ---- revision counters ---- */

START_TEST(test_revisions)
{
  tertial_chart *chart = NULL;
  T_OK(tertial_chart_new(&chart));
  unsigned long r0 = tertial__chart_revision(chart);
  ck_assert_uint_gt(r0, 0);
  tertial_account_id id;
  T_OK(tertial_chart_add(&id, chart, "3011", "x", TERTIAL_ACCOUNT_REVENUE, 0));
  unsigned long r1 = tertial__chart_revision(chart);
  ck_assert_uint_gt(r1, r0);
  T_OK(tertial_chart_ensure(&id, chart, "3011")); /* already there: no change */
  T_OK(tertial_chart_find(&id, chart, "3011"));
  ck_assert_uint_eq(tertial__chart_revision(chart), r1);
  T_OK(tertial_chart_ensure(&id, chart, "4011"));
  unsigned long r2 = tertial__chart_revision(chart);
  ck_assert_uint_gt(r2, r1);
  T_OK(tertial_chart_set_internal(chart, id, 1));
  unsigned long r3 = tertial__chart_revision(chart);
  ck_assert_uint_gt(r3, r2);
  T_ERR(tertial_chart_add(&id, chart, "3011", "x", TERTIAL_ACCOUNT_REVENUE, 0), TERTIAL_ERR_EXISTS);
  ck_assert_uint_eq(tertial__chart_revision(chart), r3);
  ck_assert_uint_eq(tertial__chart_revision(NULL), 0);
  tertial_chart_free(chart);

  tertial_rowmap *map = kommunbas();
  unsigned long m0 = tertial__rowmap_revision(map);
  ck_assert_uint_gt(m0, 0);
  ck_assert_int_eq(tertial_rowmap_result_row(map), 16); /* reading does not count */
  T_OK(tertial_rowmap_validate(map));
  ck_assert_uint_eq(tertial__rowmap_revision(map), m0);
  T_OK(tertial_rowmap_add_range(map, "3450", "3450", "INT_FORS"));
  unsigned long m1 = tertial__rowmap_revision(map);
  ck_assert_uint_gt(m1, m0);
  T_OK(tertial_rowmap_add_row(map, "X", "x", TERTIAL_ROW_LINE, NULL));
  unsigned long m2 = tertial__rowmap_revision(map);
  ck_assert_uint_gt(m2, m1);
  T_OK(tertial_rowmap_set_result(map, "KOST"));
  ck_assert_uint_gt(tertial__rowmap_revision(map), m2);
  T_ERR(tertial_rowmap_add_row(map, "X", "x", TERTIAL_ROW_LINE, NULL), TERTIAL_ERR_EXISTS);
  ck_assert_uint_eq(tertial__rowmap_revision(NULL), 0);
  tertial_rowmap_free(map);
}
END_TEST

static Suite *accounts_suite(void)
{
  Suite *s = suite_create("accounts");
  TCase *tc = tcase_create("chart");
  tcase_add_test(tc, test_chart_add_find);
  tcase_add_test(tc, test_chart_malformed);
  tcase_add_test(tc, test_chart_ensure);
  tcase_add_test(tc, test_chart_internal);
  tcase_add_test(tc, test_chart_many);
  tcase_add_test(tc, test_type_guess);
  suite_add_tcase(s, tc);

  tc = tcase_create("kommunbas");
  tcase_add_test(tc, test_kommunbas_lookup);
  tcase_add_test(tc, test_kommunbas_lengths);
  tcase_add_test(tc, test_kommunbas_override);
  tcase_add_test(tc, test_kommunbas_rows);
  tcase_add_test(tc, test_kommunbas_coverage);
  tcase_add_test(tc, test_kommunbas_docs);
  suite_add_tcase(s, tc);

  tc = tcase_create("build");
  tcase_add_test(tc, test_build_api);
  tcase_add_test(tc, test_build_rejects);
  tcase_add_test(tc, test_build_invalid_state);
  suite_add_tcase(s, tc);

  tc = tcase_create("text");
  tcase_add_test(tc, test_parse_errors);
  tcase_add_test(tc, test_parse_lenient);
  tcase_add_test(tc, test_parse_later_errors);
  tcase_add_test(tc, test_round_trip);
  suite_add_tcase(s, tc);

  tc = tcase_create("revisions");
  tcase_add_test(tc, test_revisions);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return testutil_run(accounts_suite());
}
