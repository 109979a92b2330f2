#include <stdio.h>
#include <string.h>

#include "testutil.h"

START_TEST(test_levels_are_data)
{
  tertial_org *org;
  T_OK(tertial_org_new(&org));
  ck_assert_uint_eq(tertial_org_level_count(org), 6);
  ck_assert_str_eq(tertial_org_level_name(org, 0), "kommun");
  ck_assert_str_eq(tertial_org_level_name(org, 5), "enhet");
  ck_assert_ptr_null(tertial_org_level_name(org, 6));
  T_OK(tertial_org_clear_levels(org));
  int level;
  T_OK(tertial_org_add_level(&level, org, "region"));
  ck_assert_int_eq(level, 0);
  T_OK(tertial_org_add_level(&level, org, "klinik"));
  ck_assert_int_eq(level, 1);
  T_ERR(tertial_org_add_level(NULL, org, "klinik"), TERTIAL_ERR_EXISTS);
  T_OK(tertial_org_add_unit(NULL, org, "R", "Region", TERTIAL_NO_UNIT, 0, NULL));
  T_ERR(tertial_org_clear_levels(org), TERTIAL_ERR_STATE);
  T_ERR(tertial_org_add_unit(NULL, org, "X", "X", 0, 2, NULL), TERTIAL_ERR_RANGE);
  tertial_org_free(org);
}
END_TEST

START_TEST(test_units_lookup)
{
  fixture f;
  fixture_build(&f);
  tertial_org *org = tertial_model_org(f.model);
  ck_assert_uint_eq(tertial_org_unit_count(org), 7);
  tertial_unit_id id;
  T_OK(tertial_org_find(&id, org, "6420"));
  ck_assert_uint_eq(id, f.fs);
  const tertial_unit *u = tertial_org_unit(org, id);
  ck_assert_str_eq(u->name, "Försörjningsstöd");
  ck_assert_str_eq(u->manager, "Chef");
  ck_assert_int_eq(u->level, 5);
  T_ERR(tertial_org_find(&id, org, "9999"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "9999"));
  T_ERR(tertial_org_add_unit(NULL, org, "6420", "dup", f.ifo, 5, NULL), TERTIAL_ERR_EXISTS);
  T_ERR(tertial_org_add_unit(NULL, org, "", "empty", f.ifo, 5, NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_org_add_unit(NULL, org, "N", "bad parent", 99, 5, NULL), TERTIAL_ERR_NOT_FOUND);
  T_OK(tertial_org_set_manager(org, f.fs, "Anna Ahl"));
  ck_assert_str_eq(tertial_org_unit(org, f.fs)->manager, "Anna Ahl");
  tertial_unit_id p;
  T_OK(tertial_org_parent(&p, org, f.hvb, 202604));
  ck_assert_uint_eq(p, f.ifo);
  T_OK(tertial_org_parent(&p, org, f.k, 202604));
  ck_assert_uint_eq(p, TERTIAL_NO_UNIT);
  int depth;
  T_OK(tertial_org_depth(&depth, org, f.ht, 202601));
  ck_assert_int_eq(depth, 3);
  ck_assert_int_eq(tertial_org_is_within(org, f.ht, f.sn, 202601), 1);
  ck_assert_int_eq(tertial_org_is_within(org, f.ht, f.ifo, 202601), 0);
  fixture_free(&f);
}
END_TEST

/* Collect a depth-first walk as "code/depth code/depth ...". */
static void walk(char *buf, size_t size, const tertial_org *org, tertial_unit_id root, int period)
{
  tertial_org_iter *it;
  T_OK(tertial_org_iter_new(&it, org, root, period));
  buf[0] = '\0';
  tertial_unit_id u;
  int d;
  while (tertial_org_iter_next(it, &u, &d) == 1) {
    char part[64];
    snprintf(part, sizeof part, "%s%s/%d", buf[0] ? " " : "", tertial_org_unit(org, u)->code, d);
    strncat(buf, part, size - strlen(buf) - 1);
  }
  ck_assert_int_eq(tertial_org_iter_next(it, &u, &d), 0);
  tertial_org_iter_free(it);
}

START_TEST(test_depth_first)
{
  fixture f;
  fixture_build(&f);
  tertial_org *org = tertial_model_org(f.model);
  char buf[256];
  walk(buf, sizeof buf, org, f.k, 202601);
  ck_assert_str_eq(buf, "K/0 SN/1 IFO/2 6410/3 6420/3 AO/2 6510/3");
  walk(buf, sizeof buf, org, f.ifo, 202601);
  ck_assert_str_eq(buf, "IFO/0 6410/1 6420/1");
  walk(buf, sizeof buf, org, TERTIAL_NO_UNIT, 202601);
  ck_assert_str_eq(buf, "K/0 SN/1 IFO/2 6410/3 6420/3 AO/2 6510/3");
  fixture_free(&f);
}
END_TEST

START_TEST(test_reorganisation)
{
  fixture f;
  fixture_build(&f);
  tertial_org *org = tertial_model_org(f.model);
  /* Försörjningsstöd moves from IFO to Äldreomsorg from March 2026. */
  T_OK(tertial_org_move(org, f.fs, f.ao, 202603));
  tertial_unit_id p;
  T_OK(tertial_org_parent(&p, org, f.fs, 202602));
  ck_assert_uint_eq(p, f.ifo);
  T_OK(tertial_org_parent(&p, org, f.fs, 202603));
  ck_assert_uint_eq(p, f.ao);
  T_OK(tertial_org_parent(&p, org, f.fs, 202712));
  ck_assert_uint_eq(p, f.ao);
  char buf[256];
  walk(buf, sizeof buf, org, f.sn, 202602);
  ck_assert_str_eq(buf, "SN/0 IFO/1 6410/2 6420/2 AO/1 6510/2");
  walk(buf, sizeof buf, org, f.sn, 202606);
  ck_assert_str_eq(buf, "SN/0 IFO/1 6410/2 AO/1 6420/2 6510/2");
  /* A later move back from September. */
  T_OK(tertial_org_move(org, f.fs, f.ifo, 202609));
  T_OK(tertial_org_parent(&p, org, f.fs, 202608));
  ck_assert_uint_eq(p, f.ao);
  T_OK(tertial_org_parent(&p, org, f.fs, 202609));
  ck_assert_uint_eq(p, f.ifo);
  /* Cycles are refused and leave the structure unchanged. */
  T_ERR(tertial_org_move(org, f.sn, f.hvb, 202605), TERTIAL_ERR_STATE);
  T_OK(tertial_org_parent(&p, org, f.sn, 202605));
  ck_assert_uint_eq(p, f.k);
  /* IFO under 6420 from October would be a cycle because 6420 is back under IFO from September. */
  T_ERR(tertial_org_move(org, f.ifo, f.fs, 202610), TERTIAL_ERR_STATE);
  /* ...but IFO under 6420 is no cycle in June, when 6420 sits under AO; it becomes one in September. */
  T_ERR(tertial_org_move(org, f.ifo, f.fs, 202606), TERTIAL_ERR_STATE);
  T_ERR(tertial_org_move(org, f.k, f.sn, 202601), TERTIAL_ERR_STATE);
  T_ERR(tertial_org_move(org, f.fs, f.ao, 202613), TERTIAL_ERR_RANGE);
  T_ERR(tertial_org_move(org, f.fs, 42, 202603), TERTIAL_ERR_NOT_FOUND);
  fixture_free(&f);
}
END_TEST

START_TEST(test_many_units)
{
  tertial_org *org;
  T_OK(tertial_org_new(&org));
  tertial_unit_id root;
  T_OK(tertial_org_add_unit(&root, org, "0", "root", TERTIAL_NO_UNIT, 0, NULL));
  char code[16];
  for (int i = 1; i < 20000; i++) {
    snprintf(code, sizeof code, "%d", i);
    T_OK(tertial_org_add_unit(NULL, org, code, code, (tertial_unit_id)((i - 1) / 4), 1, NULL));
  }
  tertial_unit_id id;
  T_OK(tertial_org_find(&id, org, "19999"));
  ck_assert_uint_eq(id, 19999);
  int depth;
  T_OK(tertial_org_depth(&depth, org, id, 202601));
  ck_assert_int_eq(depth, 7);
  tertial_org_iter *it;
  T_OK(tertial_org_iter_new(&it, org, root, 202601));
  size_t n = 0;
  while (tertial_org_iter_next(it, NULL, NULL) == 1)
    n++;
  ck_assert_uint_eq(n, 20000);
  tertial_org_iter_free(it);
  tertial_org_free(org);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("org");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_levels_are_data);
  tcase_add_test(tc, test_units_lookup);
  tcase_add_test(tc, test_depth_first);
  tcase_add_test(tc, test_reorganisation);
  tcase_add_test(tc, test_many_units);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
