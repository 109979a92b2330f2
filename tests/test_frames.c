/* Tests of budget preparation (frames.h): the chain preliminary frame → MoR → finansplan and its
 * refusals, the opposition's alternative, frame updates (indexation, volume, amounts) from CSV,
 * the comparison of MoR and alternative, and the store keeping every new kind. The fixture
 * (tests/testutil.h) budgets a year of: SN 6110 1 200 000 kr; HVB 3511 -12 000 000 kr and 4610
 * 24 000 000 kr; Hemtjänst 5011 12 000 000 kr; SN's net frame is 25 200 000 kr. */
#include "testutil.h"
#include "failalloc_each.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int stage(tertial_model *m, int from, const char *name, tertial_budget_kind kind)
{
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = kind;
  int v = -1;
  T_OK(tertial_budget_revise(&v, m, from, name, &o));
  return v;
}

static int refused(tertial_model *m, int from, const char *name, tertial_budget_kind kind)
{
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = kind;
  int v = -1;
  return tertial_budget_revise(&v, m, from, name, &o);
}

/* The chain of a version as "name,name,..." */
static char *chain_text(tertial_model *m, int measure)
{
  tertial_budget_chain *c;
  T_OK(tertial_budget_chain_of(&c, m, measure));
  GString *s = g_string_new("");
  for (size_t i = 0; i < tertial_budget_chain_count(c); i++)
    g_string_append_printf(s, "%s%s", i ? "," : "", tertial_budget_chain_at(c, i)->name);
  ck_assert_ptr_null(tertial_budget_chain_at(c, tertial_budget_chain_count(c)));
  tertial_budget_chain_free(c);
  return g_string_free(s, FALSE);
}

static void assert_chain(tertial_model *m, int measure, const char *want)
{
  char *got = chain_text(m, measure);
  ck_assert_str_eq(got, want);
  g_free(got);
}

static int64_t total(tertial_model *m, tertial_unit_id u, int measure)
{
  int64_t v = -1;
  T_OK(tertial_ledger_total(&v, tertial_model_ledger(m), u, TERTIAL_ALL_ACCOUNTS, measure, 0, 11));
  return v;
}

START_TEST(test_chain)
{
  fixture f;
  fixture_build(&f);
  int bud = tertial_model_current_budget(f.model);
  int p = stage(f.model, bud, "Preliminär ram 2027", TERTIAL_BUDGET_PRELIMINARY);
  /* the opposition's alternative first: it closes P, then gives way to the MoR */
  int a = stage(f.model, p, "Oppositionens budget", TERTIAL_BUDGET_ALTERNATIVE);
  tertial_budget_version v;
  T_OK(tertial_budget_version_of(&v, f.model, p));
  ck_assert_int_eq(v.revised_by, a);
  assert_chain(f.model, p, "Budget,Preliminär ram 2027");
  int mor = stage(f.model, p, "MoR 2027", TERTIAL_BUDGET_MOR);
  T_OK(tertial_budget_version_of(&v, f.model, p));
  ck_assert_int_eq(v.revised_by, mor);
  int fp = stage(f.model, mor, "Finansplan 2027", TERTIAL_BUDGET_FINANSPLAN);
  assert_chain(f.model, fp, "Budget,Preliminär ram 2027,MoR 2027,Finansplan 2027");
  assert_chain(f.model, bud, "Budget,Preliminär ram 2027,MoR 2027,Finansplan 2027");
  assert_chain(f.model, p, "Budget,Preliminär ram 2027,MoR 2027,Finansplan 2027");
  assert_chain(f.model, a, "Budget,Preliminär ram 2027,Oppositionens budget");
  int a2 = stage(f.model, a, "Oppositionens budget rev", TERTIAL_BUDGET_ALTERNATIVE);
  assert_chain(f.model, a, "Budget,Preliminär ram 2027,Oppositionens budget,Oppositionens budget rev");
  T_OK(tertial_budget_version_of(&v, f.model, a2));
  ck_assert_int_eq(v.kind, TERTIAL_BUDGET_ALTERNATIVE);
  ck_assert_int_eq(v.revises, a);
  /* the chain's versions carry their kinds */
  tertial_budget_chain *c;
  T_OK(tertial_budget_chain_of(&c, f.model, fp));
  ck_assert_uint_eq(tertial_budget_chain_count(c), 4);
  ck_assert_int_eq(tertial_budget_chain_at(c, 0)->kind, TERTIAL_BUDGET_ADOPTED);
  ck_assert_int_eq(tertial_budget_chain_at(c, 1)->kind, TERTIAL_BUDGET_PRELIMINARY);
  ck_assert_int_eq(tertial_budget_chain_at(c, 2)->kind, TERTIAL_BUDGET_MOR);
  ck_assert_int_eq(tertial_budget_chain_at(c, 3)->kind, TERTIAL_BUDGET_FINANSPLAN);
  ck_assert_int_eq(tertial_budget_chain_at(c, 3)->revises, mor);
  tertial_budget_chain_free(c);
  T_ERR(tertial_budget_chain_of(&c, f.model, 99), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_chain_of(&c, f.model, TERTIAL_MEASURE_OUTCOME), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_budget_chain_of(NULL, f.model, fp), TERTIAL_ERR_INVALID);
  fixture_free(&f);
}
END_TEST

START_TEST(test_chain_refusals)
{
  fixture f;
  fixture_build(&f);
  int bud = tertial_model_current_budget(f.model);
  int p = stage(f.model, bud, "Preliminär", TERTIAL_BUDGET_PRELIMINARY);
  T_ERR(refused(f.model, p, "Finansplan", TERTIAL_BUDGET_FINANSPLAN), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "\"Finansplan\" (a finansplan) cannot revise \"Preliminär\" "
                                                     "(a preliminary frame): the finansplan follows the council's MoR"));
  T_ERR(refused(f.model, bud, "MoR", TERTIAL_BUDGET_MOR), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "a MoR follows a preliminary frame"));
  int a = stage(f.model, p, "Alternativ", TERTIAL_BUDGET_ALTERNATIVE);
  T_ERR(refused(f.model, a, "MoR", TERTIAL_BUDGET_MOR), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "never into the chain"));
  T_ERR(refused(f.model, a, "Rev", TERTIAL_BUDGET_REVISED), TERTIAL_ERR_STATE);
  T_ERR(refused(f.model, a, "Prel", TERTIAL_BUDGET_PRELIMINARY), TERTIAL_ERR_STATE);
  int mor = stage(f.model, p, "MoR", TERTIAL_BUDGET_MOR);
  T_ERR(refused(f.model, p, "MoR 2", TERTIAL_BUDGET_MOR), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "\"Preliminär\" already continues in \"MoR\" (a MoR)"));
  T_ERR(refused(f.model, mor, "Prel 2", TERTIAL_BUDGET_PRELIMINARY), TERTIAL_ERR_STATE);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "a preliminary frame comes before the MoR"));
  /* MoR, finansplan and alternative are revisions: not made new */
  int v = -1;
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  const tertial_budget_kind revisions[] = {TERTIAL_BUDGET_MOR, TERTIAL_BUDGET_FINANSPLAN, TERTIAL_BUDGET_ALTERNATIVE};
  for (int i = 0; i < 3; i++) {
    o.kind = revisions[i];
    T_ERR(tertial_budget_create(&v, f.model, "Ny", &o), TERTIAL_ERR_STATE);
  }
  o.kind = TERTIAL_BUDGET_PRELIMINARY;
  T_OK(tertial_budget_create(&v, f.model, "Ny preliminär", &o));
  o.kind = (tertial_budget_kind)8;
  T_ERR(tertial_budget_create(&v, f.model, "Okänd", &o), TERTIAL_ERR_INVALID);
  /* nothing refused was made: 2 Budget, Preliminär, Alternativ, MoR, Ny preliminär */
  ck_assert_uint_eq(tertial_budget_version_count(f.model), 5);
  /* an in-year revision of the MoR is allowed (the chain goes on to a committee's budget) */
  stage(f.model, mor, "Nämndbudget", TERTIAL_BUDGET_ADOPTED);
  fixture_free(&f);
}
END_TEST

START_TEST(test_kind_names)
{
  tertial_budget_kind k;
  const char *names[] = {"frame", "adopted", "detailed", "revised", "preliminary", "mor", "finansplan", "alternative"};
  for (int i = 0; i < 8; i++) {
    ck_assert_str_eq(tertial_budget_kind_name((tertial_budget_kind)i), names[i]);
    T_OK(tertial_budget_kind_parse(&k, names[i]));
    ck_assert_int_eq(k, i);
  }
  T_OK(tertial_budget_kind_parse(&k, "MoR"));
  ck_assert_int_eq(k, TERTIAL_BUDGET_MOR);
  ck_assert_ptr_null(tertial_budget_kind_name((tertial_budget_kind)8));
  T_ERR(tertial_budget_kind_parse(&k, "ram"), TERTIAL_ERR_NOT_FOUND);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "\"ram\": expected a budget version kind"));
}
END_TEST

static const char update_csv[] = "# ramuppdatering 2027\n"
                                 "Enhet;Konto;Typ;Sats (%);Antal;Kostnad per invånare (kr);Belopp (kr);Åldersgrupp;Text\n"
                                 "SN;6110;uppräkning;2,80;;;;;Pris och lön 2,8 %\n"
                                 "6510;5011;volym;;+42;85 000;;80+ år;Fler äldre\n"
                                 "6410;4610;volym;;-7;12 345,67;;13-20 år;Färre unga\n"
                                 "\n"
                                 "IFO;4610;belopp;;;;-500 000;;Skatteprognos\n";

static tertial_frame_update *update_of(const char *text)
{
  tertial_frame_update *u;
  T_OK(tertial_frame_update_new(&u));
  T_OK(tertial_frame_update_parse(u, text, strlen(text), "ram.csv"));
  return u;
}

START_TEST(test_update)
{
  fixture f;
  fixture_build(&f);
  int bud = tertial_model_current_budget(f.model);
  int p = stage(f.model, bud, "Preliminär ram 2027", TERTIAL_BUDGET_PRELIMINARY);
  tertial_frame_update *u = update_of(update_csv);
  ck_assert_uint_eq(tertial_frame_update_count(u), 4);
  const tertial_frame_line *l = tertial_frame_update_at(u, 0);
  ck_assert_int_eq(l->kind, TERTIAL_FRAME_INDEXATION);
  ck_assert_int_eq(l->rate, 280);
  ck_assert_str_eq(l->text, "Pris och lön 2,8 %");
  l = tertial_frame_update_at(u, 2);
  ck_assert_int_eq(l->kind, TERTIAL_FRAME_VOLUME);
  ck_assert_int_eq(l->persons, -7);
  ck_assert_int_eq(l->per_person, 1234567);
  ck_assert_str_eq(l->group, "13-20 år");
  ck_assert_int_eq(tertial_frame_update_at(u, 3)->amount, KR(-500000));
  int mor = -1;
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_MOR;
  o.decided_by = "Kommunfullmäktige";
  T_OK(tertial_frame_update_apply(&mor, f.model, p, "MoR 2027", &o, u));
  /* SN's net frame 25 200 000 kr × 2,80 % = 705 600 kr, exact */
  ck_assert_int_eq(tertial_frame_update_at(u, 0)->base, KR(25200000));
  ck_assert_int_eq(tertial_frame_update_at(u, 0)->change, KR(705600));
  /* 42 × 85 000 kr; -7 × 12 345,67 kr = -86 419,69 kr; the amount as read */
  ck_assert_int_eq(tertial_frame_update_at(u, 1)->change, KR(3570000));
  ck_assert_int_eq(tertial_frame_update_at(u, 2)->change, -8641969);
  ck_assert_int_eq(tertial_frame_update_at(u, 3)->change, KR(-500000));
  int64_t sum = 0;
  T_OK(tertial_frame_update_total(&sum, u, NULL));
  ck_assert_int_eq(sum, KR(705600) + KR(3570000) - 8641969 - KR(500000));
  T_OK(tertial_frame_update_total(&sum, u, "6410"));
  ck_assert_int_eq(sum, -8641969);
  /* the version: P unchanged, MoR changed by the lines at each level */
  ck_assert_int_eq(total(f.model, f.sn, p), KR(25200000));
  ck_assert_int_eq(total(f.model, f.sn, mor), KR(25200000) + KR(705600) + KR(3570000) - 8641969 - KR(500000));
  ck_assert_int_eq(total(f.model, f.hvb, mor), KR(12000000) - 8641969);
  ck_assert_int_eq(total(f.model, f.ifo, mor), KR(12000000) - 8641969 - KR(500000));
  ck_assert_int_eq(total(f.model, f.ht, mor), KR(12000000) + KR(3570000));
  /* booked on SN itself: "ej fördelat" at the committee until it is allocated */
  int64_t unallocated = 0;
  T_OK(tertial_budget_unallocated(&unallocated, NULL, f.model, mor, f.sn, TERTIAL_ALL_ACCOUNTS));
  ck_assert_int_eq(unallocated, KR(1200000) + KR(705600));
  tertial_budget_version v;
  T_OK(tertial_budget_version_of(&v, f.model, mor));
  ck_assert_int_eq(v.kind, TERTIAL_BUDGET_MOR);
  ck_assert_int_eq(v.revises, p);
  ck_assert_str_eq(v.decided_by, "Kommunfullmäktige");
  /* a finansplan straight from the preliminary frame is refused before anything is made */
  size_t versions = tertial_budget_version_count(f.model);
  o.kind = TERTIAL_BUDGET_FINANSPLAN;
  int fp = -1;
  T_ERR(tertial_frame_update_apply(&fp, f.model, p, "Finansplan", &o, u), TERTIAL_ERR_STATE);
  ck_assert_uint_eq(tertial_budget_version_count(f.model), versions);
  /* NULL options: the same stage as the version revised */
  T_OK(tertial_frame_update_apply(&fp, f.model, mor, "MoR 2027 rev", NULL, u));
  T_OK(tertial_budget_version_of(&v, f.model, fp));
  ck_assert_int_eq(v.kind, TERTIAL_BUDGET_MOR);
  /* indexation of the MoR's frame: (25 200 000 + 705 600 + 3 570 000 - 86 419,69 - 500 000) × 2,8 %
   * = 28 889 180,31 × 0,028 = 808 897,04868 kr, to the öre 808 897,05 kr */
  ck_assert_int_eq(tertial_frame_update_at(u, 0)->change, 80889705);
  tertial_frame_update_free(u);
  fixture_free(&f);
}
END_TEST

/* Indexation is rounded to the nearest öre, halves away from zero. */
START_TEST(test_update_rounding)
{
  const int64_t budgets[] = {30, -30};
  const int64_t want_child[] = {8, -8}, want_parent[] = {23, -23};
  for (int i = 0; i < 2; i++) {
    tertial_model *m;
    small_model(&m, 0, 0, budgets[i]);
    int p = stage(m, tertial_model_current_budget(m), "Prel", TERTIAL_BUDGET_PRELIMINARY);
    /* A: 30 öre × 25 % = 7,5 öre; P: 90 öre × 25 % = 22,5 öre */
    tertial_frame_update *u = update_of("enhet;konto;typ;sats\nA;4010;uppräkning;25\nP;4010;uppräkning;25 %\n");
    int v = -1;
    T_OK(tertial_frame_update_apply(&v, m, p, "Ny", NULL, u));
    ck_assert_int_eq(tertial_frame_update_at(u, 0)->change, want_child[i]);
    ck_assert_int_eq(tertial_frame_update_at(u, 1)->base, 3 * budgets[i]);
    ck_assert_int_eq(tertial_frame_update_at(u, 1)->change, want_parent[i]);
    tertial_frame_update_free(u);
    tertial_model_free(m);
  }
}
END_TEST

START_TEST(test_update_errors)
{
  fixture f;
  fixture_build(&f);
  int p = stage(f.model, tertial_model_current_budget(f.model), "Prel", TERTIAL_BUDGET_PRELIMINARY);
  size_t versions = tertial_budget_version_count(f.model);
  int v = -1;
  tertial_frame_update *u = update_of("enhet;konto;typ;belopp\nSN;6110;belopp;100\nNEJ;6110;belopp;100\n");
  T_ERR(tertial_frame_update_apply(&v, f.model, p, "MoR", NULL, u), TERTIAL_ERR_NOT_FOUND);
  ck_assert_str_eq(tertial_error_last(), "frame update line 2: the model has no unit \"NEJ\"");
  tertial_frame_update_free(u);
  u = update_of("enhet;konto;typ;belopp\nSN;9999;belopp;100\n");
  T_ERR(tertial_frame_update_apply(&v, f.model, p, "MoR", NULL, u), TERTIAL_ERR_NOT_FOUND);
  ck_assert_str_eq(tertial_error_last(), "frame update line 1 (unit SN): the model has no account \"9999\"");
  tertial_frame_update_free(u);
  /* two amounts that each fit but together pass the bound: refused before anything is made */
  u = update_of("enhet;konto;typ;belopp\nSN;6110;belopp;9 000 000 000 000\nSN;6110;belopp;1 000 000 000 000\n");
  T_ERR(tertial_frame_update_apply(&v, f.model, p, "MoR", NULL, u), TERTIAL_ERR_OVERFLOW);
  ck_assert_ptr_nonnull(strstr(tertial_error_last(), "frame update line 2: the annual budget of unit SN, account 6110"));
  ck_assert_uint_eq(tertial_budget_version_count(f.model), versions);
  ck_assert_int_eq(total(f.model, f.sn, p), KR(25200000));
  tertial_frame_update_free(u);
  /* lines checked when added */
  T_OK(tertial_frame_update_new(&u));
  tertial_frame_line l = TERTIAL_FRAME_LINE_INIT;
  T_ERR(tertial_frame_update_add(u, &l), TERTIAL_ERR_INVALID);
  l.unit = "SN";
  l.account = "6110";
  l.kind = TERTIAL_FRAME_INDEXATION;
  l.rate = TERTIAL_FRAME_MAX_RATE + 1;
  T_ERR(tertial_frame_update_add(u, &l), TERTIAL_ERR_INVALID);
  l.rate = 100;
  l.version = 2;
  T_ERR(tertial_frame_update_add(u, &l), TERTIAL_ERR_INVALID);
  l.version = TERTIAL_FRAME_LINE_VERSION;
  l.change = 5; /* not taken: set by apply */
  T_OK(tertial_frame_update_add(u, &l));
  ck_assert_int_eq(tertial_frame_update_at(u, 0)->change, 0);
  ck_assert_ptr_null(tertial_frame_update_at(u, 1));
  T_ERR(tertial_frame_update_apply(&v, f.model, 99, "X", NULL, u), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_frame_update_apply(&v, f.model, p, "Prel", NULL, u), TERTIAL_ERR_EXISTS);
  ck_assert_uint_eq(tertial_budget_version_count(f.model), versions);
  tertial_frame_update_free(u);
  fixture_free(&f);
}
END_TEST

/* The text `csv` is refused with a message starting with `want`; nothing is added. */
static void assert_bad(const char *csv, const char *want)
{
  tertial_frame_update *u;
  T_OK(tertial_frame_update_new(&u));
  T_OK(tertial_frame_update_parse(u, "enhet;konto;typ;belopp\nSN;6110;belopp;1\n", 39, "ok.csv"));
  T_ERR(tertial_frame_update_parse(u, csv, strlen(csv), "ram.csv"), TERTIAL_ERR_PARSE);
  ck_assert_msg(g_str_has_prefix(tertial_error_last(), want), "got: %s", tertial_error_last());
  ck_assert_uint_eq(tertial_frame_update_count(u), 1);
  tertial_frame_update_free(u);
}

START_TEST(test_csv_errors)
{
  const char *h = "enhet;konto;typ;sats;antal;kostnad per invånare;belopp\n";
  char *t;
  assert_bad("enhet;typ\n", "ram.csv:1: expected a column \"konto\" among the headers of a frame update");
  assert_bad("# bara kommentarer\n", "ram.csv: expected a line naming the columns of a frame update");
  t = g_strconcat(h, "SN;6110;belopp;;;;1\nSN;6110;index;2;;;\n", NULL);
  assert_bad(t, "ram.csv:3:3: column \"typ\": expected uppräkning, volym or belopp, not 'index'");
  g_free(t);
  t = g_strconcat(h, "SN;6110;uppräkning;2,805;;;\n", NULL);
  assert_bad(t, "ram.csv:2:4: column \"sats\": expected a percent with at most two decimals, e.g. 2,80, not '2,805'");
  g_free(t);
  t = g_strconcat(h, "SN;6110;uppräkning;;;;\n", NULL);
  assert_bad(t, "ram.csv:2:4: column \"sats\": an indexation (uppräkning) line needs its sats");
  g_free(t);
  t = g_strconcat(h, "SN;6110;volym;;4,5;100;\n", NULL);
  assert_bad(t, "ram.csv:2:5: column \"antal\": expected a whole number of persons (negative for fewer), not '4,5'");
  g_free(t);
  t = g_strconcat(h, "SN;6110;volym;;4;;\n", NULL);
  assert_bad(t, "ram.csv:2:6: column \"kostnad per invånare\": a volume (volym) line needs its kostnad per invånare");
  g_free(t);
  t = g_strconcat(h, "SN;6110;belopp;2;;;100\n", NULL);
  assert_bad(t, "ram.csv:2:4: column \"sats\": an amount (belopp) line has no sats, not '2'");
  g_free(t);
  t = g_strconcat(h, "SN;6110;belopp;;;;tusen\n", NULL);
  assert_bad(t, "ram.csv:2:7: column \"belopp\": expected an amount in kr with at most two decimals (negative for less)");
  g_free(t);
  t = g_strconcat(h, ";6110;belopp;;;;1\n", NULL);
  assert_bad(t, "ram.csv:2:1: column \"enhet\": expected a unit's code");
  g_free(t);
  /* a tkr header reads tkr */
  tertial_frame_update *u = update_of("enhet;konto;typ;belopp (tkr)\nSN;6110;belopp;-1 250,5\n");
  ck_assert_int_eq(tertial_frame_update_at(u, 0)->amount, KR(-1250500));
  tertial_frame_update_free(u);
  T_ERR(tertial_frame_update_load(NULL, "x.csv"), TERTIAL_ERR_INVALID);
  T_OK(tertial_frame_update_new(&u));
  T_ERR(tertial_frame_update_load(u, "/nonexistent/ram.csv"), TERTIAL_ERR_IO);
  tertial_frame_update_free(u);
}
END_TEST

/* MoR and the opposition's alternative compared per unit and row. */
START_TEST(test_compare_alternative)
{
  fixture f;
  fixture_build(&f);
  int p = stage(f.model, tertial_model_current_budget(f.model), "Prel", TERTIAL_BUDGET_PRELIMINARY);
  tertial_frame_update *maj = update_of("enhet;konto;typ;sats;belopp\nSN;6110;uppräkning;2;\n6410;4610;belopp;;300 000\n");
  tertial_frame_update *opp = update_of("enhet;konto;typ;sats;belopp\nSN;6110;uppräkning;3;\n6510;5011;belopp;;-200 000\n");
  int mor = -1, alt = -1;
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  o.kind = TERTIAL_BUDGET_MOR;
  T_OK(tertial_frame_update_apply(&mor, f.model, p, "MoR", &o, maj));
  o.kind = TERTIAL_BUDGET_ALTERNATIVE;
  T_OK(tertial_frame_update_apply(&alt, f.model, p, "Oppositionen", &o, opp));
  tertial_budget_comparison *c;
  T_OK(tertial_budget_compare(&c, f.model, mor, alt, f.sn, 1));
  const tertial_rowmap *map = tertial_model_rowmap(f.model);
  /* SN NETTO: MoR 25 200 000 + 504 000 + 300 000; alternative 25 200 000 + 756 000 - 200 000 */
  int seen = 0;
  for (size_t i = 0; i < tertial_budget_comparison_count(c); i++) {
    const tertial_budget_compare_line *x = tertial_budget_comparison_at(c, i);
    const char *row = tertial_rowmap_row(map, (size_t)x->row)->code;
    if (x->unit == f.sn && strcmp(row, "NETTO") == 0) {
      ck_assert_int_eq(x->a, KR(26004000));
      ck_assert_int_eq(x->b, KR(25756000));
      ck_assert_int_eq(x->difference, KR(-248000));
      seen++;
    } else if (x->unit == f.ifo && strcmp(row, "KOST_KOP") == 0) {
      ck_assert_int_eq(x->a, KR(24300000));
      ck_assert_int_eq(x->b, KR(24000000));
      ck_assert_int_eq(x->difference, KR(-300000));
      seen++;
    } else if (x->unit == f.ao && strcmp(row, "NETTO") == 0) {
      ck_assert_int_eq(x->a, KR(12000000));
      ck_assert_int_eq(x->b, KR(11800000));
      seen++;
    }
  }
  ck_assert_int_eq(seen, 3);
  tertial_budget_comparison_free(c);
  assert_chain(f.model, alt, "Budget,Prel,Oppositionen");
  assert_chain(f.model, mor, "Budget,Prel,MoR");
  tertial_frame_update_free(maj);
  tertial_frame_update_free(opp);
  fixture_free(&f);
}
END_TEST

/* Every new kind and the chain's links survive a save and a load. */
START_TEST(test_store_round_trip)
{
  char dir[] = "/tmp/tertial-frames-XXXXXX";
  ck_assert_ptr_nonnull(g_mkdtemp(dir));
  char *path = g_build_filename(dir, "f.db", NULL);
  fixture f;
  fixture_build(&f);
  int bud = tertial_model_current_budget(f.model);
  int p = stage(f.model, bud, "Prel", TERTIAL_BUDGET_PRELIMINARY);
  int a = stage(f.model, p, "Alt", TERTIAL_BUDGET_ALTERNATIVE);
  int mor = stage(f.model, p, "MoR", TERTIAL_BUDGET_MOR);
  int fp = stage(f.model, mor, "Finansplan", TERTIAL_BUDGET_FINANSPLAN);
  tertial_frame_update *u = update_of("enhet;konto;typ;belopp\n6410;4610;belopp;123,45\n");
  int a2 = -1;
  T_OK(tertial_frame_update_apply(&a2, f.model, a, "Alt 2", NULL, u));
  tertial_store *st;
  T_OK(tertial_store_open(&st, path, TERTIAL_STORE_CREATE));
  T_OK(tertial_store_save(st, f.model));
  tertial_model *back;
  T_OK(tertial_store_load(&back, st));
  const int measures[] = {p, a, mor, fp, a2};
  const tertial_budget_kind kinds[] = {TERTIAL_BUDGET_PRELIMINARY, TERTIAL_BUDGET_ALTERNATIVE, TERTIAL_BUDGET_MOR,
                                       TERTIAL_BUDGET_FINANSPLAN, TERTIAL_BUDGET_ALTERNATIVE};
  for (int i = 0; i < 5; i++) {
    tertial_budget_version v, w;
    T_OK(tertial_budget_version_of(&v, f.model, measures[i]));
    T_OK(tertial_budget_version_of(&w, back, measures[i]));
    ck_assert_int_eq(w.kind, kinds[i]);
    ck_assert_str_eq(w.name, v.name);
    ck_assert_int_eq(w.revises, v.revises);
    ck_assert_int_eq(w.revised_by, v.revised_by);
  }
  tertial_budget_version w;
  T_OK(tertial_budget_version_of(&w, back, p));
  ck_assert_int_eq(w.revised_by, mor);
  assert_chain(back, fp, "Budget,Prel,MoR,Finansplan");
  assert_chain(back, a2, "Budget,Prel,Alt,Alt 2");
  ck_assert_int_eq(total(back, f.hvb, a2), KR(12000000) + 12345);
  tertial_model_free(back);
  tertial_store_free(st);
  tertial_frame_update_free(u);
  fixture_free(&f);
  unlink(path);
  rmdir(dir);
  g_free(path);
}
END_TEST

#if FAILALLOC
/* ---- out of memory: every allocation of loading the example's preliminary frames failing ---- */

static int load_example(void *u)
{
  tertial_frame_update **out = u;
  int rc = tertial_frame_update_new(out);
  if (rc == 0 && (rc = tertial_frame_update_load(*out, TERTIAL_SOURCE_ROOT "/examples/frames/preliminara.csv")) < 0) {
    tertial_frame_update_free(*out);
    *out = NULL;
  }
  return rc;
}

static void drop_example(void *u)
{
  tertial_frame_update_free(*(tertial_frame_update **)u);
}

START_TEST(test_load_out_of_memory)
{
  if (!failalloc_works())
    return;
  tertial_frame_update *u = NULL;
  ck_assert_int_ge(failalloc_each(load_example, drop_example, &u), 80); /* 89 when written */
  ck_assert_uint_eq(tertial_frame_update_count(u), 11);
  const tertial_frame_line *l = tertial_frame_update_at(u, 0);
  ck_assert_int_eq(l->kind, TERTIAL_FRAME_INDEXATION);
  ck_assert_int_eq(l->rate, 250); /* 2,50 % in basis points */
  l = tertial_frame_update_at(u, 9);
  ck_assert_int_eq(l->kind, TERTIAL_FRAME_VOLUME);
  ck_assert_int_eq(l->persons, -20);
  ck_assert_int_eq(l->per_person, KR(118500));
  ck_assert_str_eq(l->group, "6–15 år");
  tertial_frame_update_free(u);
}
END_TEST
#endif

int main(void)
{
  Suite *s = suite_create("frames");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_chain);
  tcase_add_test(tc, test_chain_refusals);
  tcase_add_test(tc, test_kind_names);
  tcase_add_test(tc, test_update);
  tcase_add_test(tc, test_update_rounding);
  tcase_add_test(tc, test_update_errors);
  tcase_add_test(tc, test_csv_errors);
  tcase_add_test(tc, test_compare_alternative);
  tcase_add_test(tc, test_store_round_trip);
#if FAILALLOC
  tcase_add_test(tc, test_load_out_of_memory);
#endif
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
