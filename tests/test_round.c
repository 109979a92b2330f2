#include <glib.h>
#include <string.h>

#include "testutil.h"

/* The fixture municipality with the people of a round:
 *   eva   economist on K (a root)      mona  manager of 6510 Hemtjänst
 *   hans  head of AO (Äldreomsorg)     sara  head of SN (Socialnämnden)
 *   ivan  manager of IFO               sec   secretary on SN
 *   rita  reader on K                  fia   manager of 6410 and 6420
 * and a clock that says what the test wants. */
typedef struct round_fixture {
  fixture f;
  tertial_round *r;
  time_t now;
  tertial_person_id eva, mona, hans, sara, ivan, sec, rita, fia;
} round_fixture;

static time_t fake_clock(void *ctx)
{
  return *(time_t *)ctx;
}

static tertial_actor as(tertial_person_id p)
{
  return (tertial_actor){p, TERTIAL_NO_PERSON};
}

static void round_build(round_fixture *x)
{
  fixture_build(&x->f);
  x->r = tertial_model_round(x->f.model);
  ck_assert_ptr_nonnull(x->r);
  ck_assert_ptr_eq(tertial_model_round(x->f.model), x->r); /* one round per model */
  x->now = 1778400000; /* 2026-05-10 08:00 UTC */
  T_OK(tertial_round_set_clock(x->r, fake_clock, &x->now));
  T_OK(tertial_round_people_parse(x->r, NULL,
                                  "key;name;email;role;unit\n"
                                  "eva;Eva Ekonom;eva@exempel.se;economist;K\n"
                                  "mona;Mona Månsson;;manager;6510\n"
                                  "hans;Hans Holm;;head;AO\n"
                                  "sara;Sara Svensson;;head;SN\n"
                                  "ivan;Ivan Ibsen;;manager;IFO\n"
                                  "sec;Siv Sekreterare;;secretary;SN\n"
                                  "rita;Rita Revisor;;reader;K\n"
                                  "fia;Fia Fors;;manager;6410\n"
                                  "fia;;;budgetansvarig;6420\n",
                                  "people.csv"));
  const char *keys[] = {"eva", "mona", "hans", "sara", "ivan", "sec", "rita", "fia"};
  tertial_person_id *ids[] = {&x->eva, &x->mona, &x->hans, &x->sara, &x->ivan, &x->sec, &x->rita, &x->fia};
  for (size_t i = 0; i < 8; i++)
    T_OK(tertial_round_find_person(ids[i], x->r, keys[i]));
  /* the audit trail of the fixture starts empty: the bootstrap import is not a change of the round */
  ck_assert_uint_eq(tertial_round_audit_count(x->r), 0);
}

/* Hemtjänst +500 000 kr of salaries, applied at April: 6510 and AO deviate by -300 000 kr, SN is
 * +1 090 000 kr in balance (see test_measures.c). */
static void round_deficit(round_fixture *x)
{
  T_OK(tertial_forecast_add_adjustment(tertial_model_forecast_plan(x->f.model), x->f.ht, "KOST_PERS", KR(500000),
                                       TERTIAL_ADJUST_KNOWN_FACTOR, "Ökade vikariekostnader"));
  T_OK(tertial_forecast_apply(x->f.model, 4, -1));
}

static void has(const char *needle)
{
  ck_assert_msg(strstr(tertial_error_last(), needle) != NULL, "\"%s\" not in \"%s\"", needle, tertial_error_last());
}

START_TEST(test_people_and_roles)
{
  round_fixture x;
  round_build(&x);
  ck_assert_uint_eq(tertial_round_person_count(x.r), 8);
  const tertial_person *p = tertial_round_person_at(x.r, x.eva);
  ck_assert_str_eq(p->name, "Eva Ekonom");
  ck_assert_str_eq(p->email, "eva@exempel.se");
  ck_assert_str_eq(tertial_round_person_at(x.r, x.mona)->email, "");
  ck_assert_uint_eq(tertial_round_assignment_count(x.r), 9);
  /* inherited down the subtree, several roles add up */
  unsigned bits;
  T_OK(tertial_round_roles(&bits, x.r, x.sara, x.f.ht, 202604));
  ck_assert_uint_eq(bits, TERTIAL_ROLE_HEAD);
  T_OK(tertial_round_roles(&bits, x.r, x.mona, x.f.ao, 202604));
  ck_assert_uint_eq(bits, 0);
  T_OK(tertial_round_assign(x.r, x.mona, TERTIAL_ROLE_READER, x.f.k));
  T_OK(tertial_round_roles(&bits, x.r, x.mona, x.f.ht, 202604));
  ck_assert_uint_eq(bits, TERTIAL_ROLE_MANAGER | TERTIAL_ROLE_READER);
  T_ERR(tertial_round_add_person(NULL, x.r, "mona", "Någon annan", NULL), TERTIAL_ERR_EXISTS);
  T_ERR(tertial_round_add_person(NULL, x.r, "x", "\xff", NULL), TERTIAL_ERR_INVALID);
  T_ERR(tertial_round_assign(x.r, x.mona, TERTIAL_ROLE_MANAGER | TERTIAL_ROLE_HEAD, x.f.ht), TERTIAL_ERR_INVALID);
  /* people as an actor: an economist on a root only, and recorded */
  tertial_actor mona = as(x.mona), eva = as(x.eva);
  tertial_person_id nils;
  T_ERR(tertial_round_add_person_as(&nils, x.r, &mona, "nils", "Nils Nilsson", NULL), TERTIAL_ERR_NOT_PERMITTED);
  has("mona (Mona Månsson) may not manage people and roles");
  T_OK(tertial_round_add_person_as(&nils, x.r, &eva, "nils", "Nils Nilsson", "nils@exempel.se"));
  T_OK(tertial_round_assign_as(x.r, &eva, nils, TERTIAL_ROLE_MANAGER, x.f.fs));
  T_OK(tertial_round_unassign_as(x.r, &eva, nils, TERTIAL_ROLE_MANAGER, x.f.fs));
  T_ERR(tertial_round_unassign_as(x.r, &eva, nils, TERTIAL_ROLE_MANAGER, x.f.fs), TERTIAL_ERR_NOT_FOUND);
  ck_assert_uint_eq(tertial_round_audit_count(x.r), 3);
  const tertial_audit_entry *e = tertial_round_audit_at(x.r, 1);
  ck_assert_int_eq(e->action, TERTIAL_ACTION_PEOPLE);
  ck_assert_str_eq(e->item, "role");
  ck_assert_str_eq(e->after, "nils manager 6420");
  ck_assert_str_eq(tertial_round_audit_at(x.r, 2)->before, "nils manager 6420");
  fixture_free(&x.f);
}
END_TEST

START_TEST(test_people_csv_errors)
{
  fixture f;
  fixture_build(&f);
  tertial_round *r = tertial_model_round(f.model);
  /* all or nothing: line 3's role is unknown, line 2's person is not added */
  T_ERR(tertial_round_people_parse(r, NULL, "key;name;role;unit\nanna;Anna;manager;6510\nbo;Bo;boss;6510\n", "p.csv"),
        TERTIAL_ERR_PARSE);
  ck_assert_str_eq(tertial_error_last(),
                   "p.csv:3: expected a role (manager, head, economist, secretary, reader), found \"boss\"");
  ck_assert_uint_eq(tertial_round_person_count(r), 0);
  ck_assert_uint_eq(tertial_round_assignment_count(r), 0);
  T_ERR(tertial_round_people_parse(r, NULL, "key;name;role;unit\n\nanna;Anna;manager;9999\n", "p.csv"),
        TERTIAL_ERR_PARSE);
  ck_assert_str_eq(tertial_error_last(), "p.csv:3: expected a unit code of the organisation, found \"9999\"");
  T_ERR(tertial_round_people_parse(r, NULL, "namn;epost\nanna;a@b\n", "p.csv"), TERTIAL_ERR_PARSE);
  has("p.csv:1: expected a header line naming the columns key;name");
  T_ERR(tertial_round_people_parse(r, NULL, "key;name\nanna;Anna\nanna;Berit\n", "p.csv"), TERTIAL_ERR_PARSE);
  ck_assert_str_eq(tertial_error_last(), "p.csv:3: the key \"anna\" is Anna on an earlier line, not Berit");
  T_ERR(tertial_round_people_parse(r, NULL, "key;name\n\"anna;Anna\n", "p.csv"), TERTIAL_ERR_PARSE);
  has("p.csv:2: an unterminated quote");
  T_ERR(tertial_round_people_parse(r, NULL, "key;name\nanna;\n", "p.csv"), TERTIAL_ERR_PARSE);
  ck_assert_str_eq(tertial_error_last(), "p.csv:2: expected a name for the new person \"anna\"");
  ck_assert_uint_eq(tertial_round_person_count(r), 0);
  /* a byte-order mark, commas, quotes and CRLF */
  T_OK(tertial_round_people_parse(r, NULL,
                                  "\xEF\xBB\xBFkey,name,email,role,unit\r\n"
                                  "eva,\"Ekonom, Eva\",eva@x.se,ekonom,K\r\n"
                                  "anna,Anna Åberg,,manager,6510\r\n",
                                  "p.csv"));
  ck_assert_uint_eq(tertial_round_person_count(r), 2);
  ck_assert_str_eq(tertial_round_person_at(r, 0)->name, "Ekonom, Eva");
  ck_assert_str_eq(tertial_round_person_at(r, 1)->name, "Anna Åberg");
  /* no more bootstrapping: a second import names the person acting */
  T_ERR(tertial_round_people_parse(r, NULL, "key;name\nbo;Bo\n", "more.csv"), TERTIAL_ERR_NOT_PERMITTED);
  tertial_actor anna = {1, TERTIAL_NO_PERSON}, eva = {0, TERTIAL_NO_PERSON};
  T_ERR(tertial_round_people_parse(r, &anna, "key;name\nbo;Bo\n", "more.csv"), TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_people_parse(r, &eva, "key;name;role;unit\nbo;Bo;head;SN\nanna;Anna Annan;;\n", "more.csv"),
        TERTIAL_ERR_PARSE);
  ck_assert_str_eq(tertial_error_last(), "more.csv:3: the key \"anna\" is already Anna Åberg, not Anna Annan");
  ck_assert_uint_eq(tertial_round_audit_count(r), 0);
  T_OK(tertial_round_people_parse(r, &eva, "key;name;role;unit\nbo;Bo;head;SN\nanna;;reader;K\n", "more.csv"));
  ck_assert_uint_eq(tertial_round_person_count(r), 3);
  ck_assert_uint_eq(tertial_round_assignment_count(r), 4);
  ck_assert_uint_eq(tertial_round_audit_count(r), 1);
  ck_assert_str_eq(tertial_round_audit_at(r, 0)->item, "people import");
  ck_assert_str_eq(tertial_round_audit_at(r, 0)->after, "1 people, 2 roles from the import");
  fixture_free(&f);
}
END_TEST

START_TEST(test_permissions)
{
  round_fixture x;
  round_build(&x);
  tertial_actor mona = as(x.mona), ivan = as(x.ivan), rita = as(x.rita), sec = as(x.sec), eva = as(x.eva),
                hans = as(x.hans);
  /* the manager of the unit; a manager above it; not a manager elsewhere */
  T_OK(tertial_round_may(x.r, &mona, TERTIAL_ACTION_FORECAST, x.f.ht, "T1"));
  T_OK(tertial_round_may(x.r, &ivan, TERTIAL_ACTION_FORECAST, x.f.hvb, "T1"));
  T_ERR(tertial_round_may(x.r, &ivan, TERTIAL_ACTION_FORECAST, x.f.ht, "T1"), TERTIAL_ERR_NOT_PERMITTED);
  ck_assert_str_eq(tertial_error_last(), "ivan (Ivan Ibsen) may not change the forecast of 6510 (Hemtjänst) at "
                                         "follow-up point T1: no role on the unit or above it");
  T_ERR(tertial_round_adjustment_add_as(NULL, x.r, &ivan, "T1", x.f.ht, "KOST_PERS", KR(1), TERTIAL_ADJUST_KNOWN_FACTOR,
                                        "x"),
        TERTIAL_ERR_NOT_PERMITTED);
  /* a reader and a secretary do not change the forecast */
  T_ERR(tertial_round_adjustment_add_as(NULL, x.r, &rita, "T1", x.f.ht, "KOST_PERS", KR(1),
                                        TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_NOT_PERMITTED);
  has("rita (Rita Revisor) may not change the forecast of 6510 (Hemtjänst) at follow-up point T1: the role held there "
      "(reader) does not allow it");
  T_ERR(tertial_round_adjustment_add_as(NULL, x.r, &sec, "T1", x.f.sn, "KOST_PERS", KR(1), TERTIAL_ADJUST_KNOWN_FACTOR,
                                        "x"),
        TERTIAL_ERR_NOT_PERMITTED);
  has("(secretary) does not allow it");
  /* the secretary writes the committee's own texts, not a unit's below it */
  T_OK(tertial_round_text_set_as(x.r, &sec, x.f.sn, "T1", TERTIAL_TEXT_SUMMARY, NULL, "Nämndens sammanfattning", 0,
                                 NULL));
  T_ERR(tertial_round_text_set_as(x.r, &sec, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "x", 0, NULL),
        TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_text_set_as(x.r, &rita, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "x", 0, NULL),
        TERTIAL_ERR_NOT_PERMITTED);
  /* everyone with a role reads their subtree; economists read everything */
  T_OK(tertial_round_may(x.r, &rita, TERTIAL_ACTION_READ, x.f.ht, "T1"));
  T_OK(tertial_round_may(x.r, &eva, TERTIAL_ACTION_READ, x.f.ht, NULL));
  T_ERR(tertial_round_may(x.r, &mona, TERTIAL_ACTION_READ, x.f.hvb, NULL), TERTIAL_ERR_NOT_PERMITTED);
  /* the economist enters on behalf of a manager of the unit, never directly */
  T_ERR(tertial_round_adjustment_add_as(NULL, x.r, &eva, "T1", x.f.ht, "KOST_PERS", KR(1), TERTIAL_ADJUST_KNOWN_FACTOR,
                                        "x"),
        TERTIAL_ERR_NOT_PERMITTED);
  has("an economist enters on behalf of a manager of the unit");
  tertial_actor eva_for_rita = {x.eva, x.rita}, eva_for_ivan = {x.eva, x.ivan}, eva_for_mona = {x.eva, x.mona};
  T_ERR(tertial_round_adjustment_add_as(NULL, x.r, &eva_for_rita, "T1", x.f.ht, "KOST_PERS", KR(1),
                                        TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_NOT_PERMITTED);
  ck_assert_str_eq(tertial_error_last(),
                   "eva (Eva Ekonom) on behalf of rita (Rita Revisor) may not change the forecast of 6510 (Hemtjänst) "
                   "at follow-up point T1: rita (Rita Revisor) is not a manager of the unit");
  T_ERR(tertial_round_adjustment_add_as(NULL, x.r, &eva_for_ivan, "T1", x.f.ht, "KOST_PERS", KR(1),
                                        TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_NOT_PERMITTED);
  /* only the secretary's text, and SN's status moving to in progress with it */
  ck_assert_uint_eq(tertial_round_audit_count(x.r), 2);
  ck_assert_str_eq(tertial_round_audit_at(x.r, 1)->item, "status");
  size_t idx;
  T_OK(tertial_round_adjustment_add_as(&idx, x.r, &eva_for_mona, "T1", x.f.ht, "KOST_PERS", KR(250000),
                                       TERTIAL_ADJUST_KNOWN_FACTOR, "Vikarier"));
  ck_assert_int_eq(tertial_forecast_adjustment_at(tertial_model_forecast_plan(x.f.model), idx)->amount, KR(250000));
  const tertial_audit_entry *e = tertial_round_audit_at(x.r, 2);
  ck_assert_uint_eq(e->person, x.eva);
  ck_assert_uint_eq(e->on_behalf_of, x.mona);
  ck_assert_str_eq(e->item, "adjustment 0");
  ck_assert_str_eq(e->before, "");
  ck_assert_str_eq(e->after, "KOST_PERS 250 000 kr known factor: Vikarier");
  /* the change moved Hemtjänst from not started to in progress, recorded too */
  tertial_unit_status st;
  T_OK(tertial_round_status(&st, x.r, x.f.ht, "T1"));
  ck_assert_int_eq(st.status, TERTIAL_STATUS_IN_PROGRESS);
  ck_assert_uint_eq(st.version, 1);
  ck_assert_str_eq(tertial_round_audit_at(x.r, 3)->item, "status");
  ck_assert_str_eq(tertial_round_audit_at(x.r, 3)->after, "in progress");
  /* an economist does not approve, not even on behalf of a head */
  tertial_actor eva_for_hans = {x.eva, x.hans};
  T_ERR(tertial_round_may(x.r, &eva_for_hans, TERTIAL_ACTION_APPROVE, x.f.ht, "T1"), TERTIAL_ERR_NOT_PERMITTED);
  /* a head approves below the unit assigned, not the unit itself */
  T_OK(tertial_round_may(x.r, &hans, TERTIAL_ACTION_APPROVE, x.f.ht, "T1"));
  T_ERR(tertial_round_may(x.r, &hans, TERTIAL_ACTION_APPROVE, x.f.ao, "T1"), TERTIAL_ERR_NOT_PERMITTED);
  has("hans (Hans Holm) may not approve AO (Äldreomsorg) at follow-up point T1: a head's own unit is approved "
      "and returned by the level above");
  T_ERR(tertial_round_may(x.r, &mona, TERTIAL_ACTION_APPROVE, x.f.ht, "T1"), TERTIAL_ERR_NOT_PERMITTED);
  /* a person not in the directory is invalid, not merely refused */
  tertial_actor ghost = {99, TERTIAL_NO_PERSON};
  T_ERR(tertial_round_may(x.r, &ghost, TERTIAL_ACTION_READ, x.f.ht, "T1"), TERTIAL_ERR_INVALID);
  T_ERR(tertial_round_may(x.r, &mona, TERTIAL_ACTION_FORECAST, x.f.ht, "T9"), TERTIAL_ERR_NOT_FOUND);
  /* locking is for the economist on a root */
  T_ERR(tertial_round_lock_as(x.r, &hans, "T1", 1), TERTIAL_ERR_NOT_PERMITTED);
  has("only an economist assigned on a root may");
  fixture_free(&x.f);
}
END_TEST

START_TEST(test_texts)
{
  round_fixture x;
  round_build(&x);
  tertial_actor mona = as(x.mona);
  uint64_t v;
  T_OK(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "Underskott på vikarier.", 0,
                                 &v));
  ck_assert_uint_eq(v, 1);
  x.now += 60;
  /* two edits against version 1: the first wins, the second is a conflict naming who and when */
  T_OK(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "Första svaret", 1, &v));
  ck_assert_uint_eq(v, 2);
  tertial_actor hans = as(x.hans);
  T_ERR(tertial_round_text_set_as(x.r, &hans, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "Andra svaret", 1, &v),
        TERTIAL_ERR_CONFLICT);
  ck_assert_str_eq(tertial_error_last(), "text summary of 6510 (Hemtjänst) at T1 was changed by mona (Mona Månsson) "
                                         "on 2026-05-10 08:01: it is at version 2, the change was made against "
                                         "version 1");
  /* 0 says "it does not exist yet": a conflict too */
  T_ERR(tertial_round_text_set_as(x.r, &hans, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "Ny", 0, NULL),
        TERTIAL_ERR_CONFLICT);
  ck_assert_uint_eq(tertial_round_text_history_count(x.r, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL), 2);
  ck_assert_str_eq(tertial_round_text(x.r, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL)->text, "Första svaret");
  const tertial_text_version *h = tertial_round_text_history_at(x.r, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, 0);
  ck_assert_str_eq(h->text, "Underskott på vikarier.");
  ck_assert_uint_eq(h->person, x.mona);
  ck_assert_int_eq(h->when, 1778400000);
  ck_assert_uint_eq(h->version, 1);
  /* any version overwrites; any length; row comments by row code */
  char *big = g_strnfill(100000, 'x');
  T_OK(tertial_round_text_set_as(x.r, &hans, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, big, TERTIAL_ANY_VERSION,
                                 &v));
  ck_assert_uint_eq(v, 3);
  ck_assert_uint_eq(strlen(tertial_round_text(x.r, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL)->text), 100000);
  g_free(big);
  T_OK(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_ROW_COMMENT, "KOST_PERS", "Vikarier i sommar",
                                 0, NULL));
  ck_assert_ptr_null(tertial_round_text(x.r, x.f.ht, "T1", TERTIAL_TEXT_ROW_COMMENT, "KOST_KOP"));
  ck_assert_str_eq(tertial_round_text(x.r, x.f.ht, "T1", TERTIAL_TEXT_ROW_COMMENT, "KOST_PERS")->text,
                   "Vikarier i sommar");
  ck_assert_ptr_null(tertial_round_text(x.r, x.f.ht, "T2", TERTIAL_TEXT_SUMMARY, NULL));
  T_ERR(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_ROW_COMMENT, "NOPE", "x", 0, NULL),
        TERTIAL_ERR_NOT_FOUND);
  /* invalid UTF-8 is refused and leaves no trace */
  size_t entries = tertial_round_audit_count(x.r);
  T_ERR(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_ANALYSIS, NULL, "Fel \xc3\x28", 0, NULL),
        TERTIAL_ERR_INVALID);
  ck_assert_uint_eq(tertial_round_audit_count(x.r), entries);
  ck_assert_uint_eq(tertial_round_text_history_count(x.r, x.f.ht, "T1", TERTIAL_TEXT_ANALYSIS, NULL), 0);
  /* the audit entry of an edit keeps before and after */
  const tertial_audit_entry *e = tertial_round_audit_at(x.r, 2);
  ck_assert_str_eq(e->item, "text summary");
  ck_assert_str_eq(e->before, "Underskott på vikarier.");
  ck_assert_str_eq(e->after, "Första svaret");
  ck_assert_int_eq(e->when, 1778400060);
  fixture_free(&x.f);
}
END_TEST

START_TEST(test_status_up_the_line)
{
  round_fixture x;
  round_build(&x);
  tertial_actor mona = as(x.mona), hans = as(x.hans), sara = as(x.sara), ivan = as(x.ivan);
  /* a parent before its children: the message lists them */
  T_ERR(tertial_round_submit_as(x.r, &sara, x.f.sn, "T1", 0, NULL), TERTIAL_ERR_STATE);
  ck_assert_str_eq(tertial_error_last(), "SN cannot be submitted at T1 before its children: 2 not submitted: "
                                         "IFO (Individ- och familjeomsorg) not started, AO (Äldreomsorg) not started");
  T_OK(tertial_round_submit_as(x.r, &mona, x.f.ht, "T1", 0, "Klart"));
  tertial_unit_status st;
  T_OK(tertial_round_status(&st, x.r, x.f.ht, "T1"));
  ck_assert_int_eq(st.status, TERTIAL_STATUS_SUBMITTED);
  ck_assert_uint_eq(st.version, 1);
  ck_assert_str_eq(st.comment, "Klart");
  T_ERR(tertial_round_submit_as(x.r, &mona, x.f.ht, "T1", 1, NULL), TERTIAL_ERR_STATE);
  /* submitted: its items are read-only until it is returned */
  T_ERR(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "x", 0, NULL),
        TERTIAL_ERR_NOT_PERMITTED);
  has("the unit is submitted there; it is read-only until it is returned");
  /* at another point it is not */
  T_OK(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T2", TERTIAL_TEXT_SUMMARY, NULL, "x", 0, NULL));
  /* approve and return against the same version: exactly one succeeds */
  T_OK(tertial_round_approve_as(x.r, &hans, x.f.ht, "T1", 1, 0, "Ok"));
  T_ERR(tertial_round_return_as(x.r, &sara, x.f.ht, "T1", 1, "Komplettera"), TERTIAL_ERR_CONFLICT);
  has("status of 6510 (Hemtjänst) at T1 was changed by hans (Hans Holm)");
  T_ERR(tertial_round_return_as(x.r, &sara, x.f.ht, "T1", 2, ""), TERTIAL_ERR_INVALID);
  T_OK(tertial_round_return_as(x.r, &sara, x.f.ht, "T1", 2, "Komplettera analysen"));
  T_OK(tertial_round_status(&st, x.r, x.f.ht, "T1"));
  ck_assert_int_eq(st.status, TERTIAL_STATUS_RETURNED);
  ck_assert_str_eq(st.comment, "Komplettera analysen");
  ck_assert_uint_eq(st.person, x.sara);
  /* the next change makes it in progress again */
  T_OK(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_ANALYSIS, NULL, "Analys", 0, NULL));
  T_OK(tertial_round_status(&st, x.r, x.f.ht, "T1"));
  ck_assert_int_eq(st.status, TERTIAL_STATUS_IN_PROGRESS);
  ck_assert_uint_eq(st.version, 4);
  /* approve needs submitted; a head approves only below */
  T_ERR(tertial_round_approve_as(x.r, &hans, x.f.ht, "T1", 4, 0, NULL), TERTIAL_ERR_STATE);
  T_OK(tertial_round_submit_as(x.r, &mona, x.f.ht, "T1", 4, NULL));
  T_OK(tertial_round_submit_as(x.r, &hans, x.f.ao, "T1", 0, NULL));
  T_ERR(tertial_round_approve_as(x.r, &hans, x.f.ao, "T1", 1, 0, NULL), TERTIAL_ERR_NOT_PERMITTED);
  tertial_actor fia = as(x.fia);
  T_OK(tertial_round_submit_as(x.r, &fia, x.f.hvb, "T1", 0, NULL));
  T_OK(tertial_round_submit_as(x.r, &fia, x.f.fs, "T1", 0, NULL));
  T_OK(tertial_round_submit_as(x.r, &ivan, x.f.ifo, "T1", 0, NULL));
  T_OK(tertial_round_submit_as(x.r, &sara, x.f.sn, "T1", 0, NULL));
  /* progress per level and the units not yet submitted */
  tertial_level_progress *p;
  size_t n;
  T_OK(tertial_round_progress(&p, &n, x.r, x.f.k, "T1"));
  ck_assert_uint_eq(n, tertial_org_level_count(tertial_model_org(x.f.model)));
  int unit_level = tertial_org_unit(tertial_model_org(x.f.model), x.f.ht)->level;
  ck_assert_uint_eq(p[unit_level].units, 3);
  ck_assert_uint_eq(p[unit_level].count[TERTIAL_STATUS_SUBMITTED], 3);
  ck_assert_uint_eq(p[0].units, 1);
  ck_assert_uint_eq(p[0].count[TERTIAL_STATUS_NOT_STARTED], 1);
  tertial_free(p);
  tertial_unit_id *open;
  T_OK(tertial_round_not_submitted(&open, &n, x.r, x.f.k, "T1"));
  ck_assert_uint_eq(n, 1);
  ck_assert_uint_eq(open[0], x.f.k);
  tertial_free(open);
  T_OK(tertial_round_not_submitted(&open, &n, x.r, x.f.k, "T2"));
  ck_assert_uint_eq(n, 7);
  tertial_free(open);
  fixture_free(&x.f);
}
END_TEST

/* Hemtjänst submitted at T1 with a deficit of 300 000 kr (AO too). */
static void deficit_submitted(round_fixture *x)
{
  round_build(x);
  round_deficit(x);
  tertial_actor mona = as(x->mona);
  T_OK(tertial_round_submit_as(x->r, &mona, x->f.ht, "T1", 0, NULL));
}

START_TEST(test_balance_rule)
{
  round_fixture x;
  deficit_submitted(&x);
  tertial_actor hans = as(x.hans), sara = as(x.sara);
  /* refused with the figures */
  T_ERR(tertial_round_approve_as(x.r, &hans, x.f.ht, "T1", 1, 0, NULL), TERTIAL_ERR_STATE);
  ck_assert_str_eq(tertial_error_last(),
                   "the balance rule: 6510 (Hemtjänst) forecasts a deviation of -300 000 kr at T1, beyond the threshold "
                   "of 0 kr of its level; the approver's AO is not in balance (-300 000 kr) and the decided or ongoing "
                   "measures cover 0 kr: add measures, or escalate with a comment");
  /* escalation needs a comment, and is recorded as such */
  T_ERR(tertial_round_approve_as(x.r, &hans, x.f.ht, "T1", 1, 1, ""), TERTIAL_ERR_INVALID);
  size_t before = tertial_round_audit_count(x.r);
  T_OK(tertial_round_approve_as(x.r, &hans, x.f.ht, "T1", 1, 1, "Till förvaltningschefen"));
  tertial_unit_status st;
  T_OK(tertial_round_status(&st, x.r, x.f.ht, "T1"));
  ck_assert_int_eq(st.status, TERTIAL_STATUS_APPROVED);
  ck_assert_int_eq(st.escalated, 1);
  ck_assert_uint_eq(tertial_round_audit_count(x.r), before + 1);
  const tertial_audit_entry *e = tertial_round_audit_at(x.r, before);
  ck_assert_int_eq(e->action, TERTIAL_ACTION_APPROVE);
  ck_assert_str_eq(e->before, "submitted");
  ck_assert_str_eq(e->after, "approved (escalated): Till förvaltningschefen");
  /* the head above, whose subtree (SN, +1 090 000 kr) is in balance, approves without escalation */
  T_OK(tertial_round_return_as(x.r, &sara, x.f.ht, "T1", 2, "Ta om"));
  tertial_actor mona = as(x.mona);
  T_OK(tertial_round_submit_as(x.r, &mona, x.f.ht, "T1", 3, NULL));
  T_OK(tertial_round_approve_as(x.r, &sara, x.f.ht, "T1", 4, 0, NULL));
  T_OK(tertial_round_status(&st, x.r, x.f.ht, "T1"));
  ck_assert_int_eq(st.escalated, 0);
  fixture_free(&x.f);

  /* covered by decided measures of the unit */
  deficit_submitted(&x);
  size_t m;
  T_OK(tertial_measure_add(&m, x.f.model, x.f.ht, "KOST_PERS", "Färre vikarier", "Vikarier", KR(200000), "", (tertial_date){0, 0, 0}));
  T_OK(tertial_measure_set_status(x.f.model, m, TERTIAL_MEASURE_DECIDED, NULL));
  T_ERR(tertial_round_approve_as(x.r, &hans, x.f.ht, "T1", 1, 0, NULL), TERTIAL_ERR_STATE);
  has("measures cover 200 000 kr");
  T_OK(tertial_measure_add(&m, x.f.model, x.f.ht, "KOST_PERS", "Schema", "Vikarier", KR(100000), "", (tertial_date){0, 0, 0}));
  T_OK(tertial_measure_set_status(x.f.model, m, TERTIAL_MEASURE_IN_PROGRESS, NULL));
  T_OK(tertial_round_approve_as(x.r, &hans, x.f.ht, "T1", 1, 0, NULL));
  fixture_free(&x.f);

  /* within the threshold of the unit's level: 300 000 kr, or 3 % of 12 Mkr = 360 000 kr */
  deficit_submitted(&x);
  int level = tertial_org_unit(tertial_model_org(x.f.model), x.f.ht)->level;
  T_OK(tertial_round_set_threshold(x.r, level, KR(299999), 0));
  T_ERR(tertial_round_approve_as(x.r, &hans, x.f.ht, "T1", 1, 0, NULL), TERTIAL_ERR_STATE);
  has("beyond the threshold of 299 999 kr");
  T_OK(tertial_round_set_threshold(x.r, level, KR(1000), 30));
  T_OK(tertial_round_approve_as(x.r, &hans, x.f.ht, "T1", 1, 0, NULL));
  T_ERR(tertial_round_set_threshold(x.r, level, KR(1), 1001), TERTIAL_ERR_RANGE);
  T_ERR(tertial_round_set_threshold(x.r, 99, KR(1), 0), TERTIAL_ERR_RANGE);
  fixture_free(&x.f);
}
END_TEST

START_TEST(test_lock_and_frozen_point)
{
  round_fixture x;
  round_build(&x);
  round_deficit(&x);
  tertial_actor eva = as(x.eva), mona = as(x.mona), sara = as(x.sara);
  size_t m;
  T_OK(tertial_round_measure_add_as(&m, x.r, &mona, "T1", x.f.ht, "KOST_PERS", "Schema", "Vikarier", KR(1000), "",
                                    (tertial_date){0, 0, 0}));
  tertial_actor fia = as(x.fia);
  T_OK(tertial_round_submit_as(x.r, &fia, x.f.fs, "T1", 0, NULL));
  x.now += 3600;
  T_OK(tertial_round_lock_as(x.r, &eva, "T1", 1));
  T_ERR(tertial_round_lock_as(x.r, &eva, "T1", 1), TERTIAL_ERR_STATE);
  tertial_person_id by;
  time_t since;
  ck_assert_int_eq(tertial_round_is_locked(x.r, "T1", &by, &since), 1);
  ck_assert_uint_eq(by, x.eva);
  ck_assert_int_eq(since, 1778403600);
  size_t entries = tertial_round_audit_count(x.r);
  const char *locked = "follow-up point T1 is locked since 2026-05-10 09:00 by eva (Eva Ekonom)";
  /* every kind of change for the point, by anyone */
  T_ERR(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "x", 0, NULL),
        TERTIAL_ERR_NOT_PERMITTED);
  has(locked);
  T_ERR(tertial_round_adjustment_add_as(NULL, x.r, &mona, "T1", x.f.ht, "KOST_PERS", KR(1),
                                        TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_NOT_PERMITTED);
  has(locked);
  T_ERR(tertial_round_adjustment_remove_as(x.r, &mona, "T1", 0), TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_method_set_as(x.r, &mona, "T1", x.f.ht, "KOST_PERS", TERTIAL_METHOD_LINEAR, 0),
        TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_measure_add_as(NULL, x.r, &mona, "T1", x.f.ht, "KOST_PERS", "y", "", KR(1), "",
                                     (tertial_date){0, 0, 0}),
        TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_measure_set_status_as(x.r, &mona, "T1", m, TERTIAL_MEASURE_DECIDED, NULL),
        TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_measure_feed_as(x.r, &mona, "T1", m), TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_accrual_add_as(x.r, &mona, "T1", x.f.ht, "5011", 3, KR(1), "x"), TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_submit_as(x.r, &mona, x.f.ht, "T1", TERTIAL_ANY_VERSION, NULL), TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_approve_as(x.r, &sara, x.f.fs, "T1", TERTIAL_ANY_VERSION, 0, NULL), TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_return_as(x.r, &sara, x.f.fs, "T1", TERTIAL_ANY_VERSION, "z"), TERTIAL_ERR_NOT_PERMITTED);
  T_ERR(tertial_round_snapshot_take_as(x.r, &eva, "T1", (tertial_date){2026, 5, 10}), TERTIAL_ERR_NOT_PERMITTED);
  has(locked);
  ck_assert_uint_eq(tertial_round_audit_count(x.r), entries);
  ck_assert_uint_eq(tertial_forecast_adjustment_count(tertial_model_forecast_plan(x.f.model)), 1);
  /* another point is open */
  T_OK(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T2", TERTIAL_TEXT_SUMMARY, NULL, "x", 0, NULL));
  T_ERR(tertial_round_lock_as(x.r, &mona, "T1", 0), TERTIAL_ERR_NOT_PERMITTED);
  T_OK(tertial_round_lock_as(x.r, &eva, "T1", 0));
  ck_assert_int_eq(tertial_round_is_locked(x.r, "T1", NULL, NULL), 0);
  /* a frozen point's forecast: the plan's gate refuses the round's checked change too */
  T_OK(tertial_round_snapshot_take_as(x.r, &eva, "T1", (tertial_date){2026, 5, 10}));
  entries = tertial_round_audit_count(x.r);
  T_ERR(tertial_round_adjustment_add_as(NULL, x.r, &mona, "T1", x.f.ht, "KOST_PERS", KR(1),
                                        TERTIAL_ADJUST_KNOWN_FACTOR, "x"),
        TERTIAL_ERR_STATE);
  T_ERR(tertial_round_method_set_as(x.r, &mona, "T1", x.f.ht, "KOST_PERS", TERTIAL_METHOD_LINEAR, 0), TERTIAL_ERR_STATE);
  ck_assert_uint_eq(tertial_round_audit_count(x.r), entries);
  ck_assert_int_eq(tertial_forecast_cutoff(tertial_model_forecast_plan(x.f.model)), 0); /* restored */
  /* for a later point the change goes ahead */
  size_t idx;
  T_OK(tertial_round_adjustment_add_as(&idx, x.r, &mona, "T2", x.f.ht, "KOST_PERS", KR(2), TERTIAL_ADJUST_KNOWN_FACTOR,
                                       "Till T2"));
  ck_assert_uint_eq(idx, 1);
  T_OK(tertial_round_adjustment_remove_as(x.r, &mona, "T2", idx));
  const tertial_audit_entry *e = tertial_round_audit_at(x.r, tertial_round_audit_count(x.r) - 1);
  ck_assert_str_eq(e->item, "adjustment 1");
  ck_assert_str_eq(e->before, "KOST_PERS 2 kr known factor: Till T2");
  ck_assert_str_eq(e->after, "");
  fixture_free(&x.f);
}
END_TEST

START_TEST(test_audit_queries)
{
  round_fixture x;
  round_build(&x);
  tertial_actor mona = as(x.mona), fia = as(x.fia), eva_for_fia = {x.eva, x.fia};
  T_OK(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "a", 0, NULL)); /* 0, 1 */
  x.now += 100;
  T_OK(tertial_round_text_set_as(x.r, &fia, x.f.hvb, "T1", TERTIAL_TEXT_SUMMARY, NULL, "b", 0, NULL)); /* 2, 3 */
  x.now += 100;
  T_OK(tertial_round_accrual_add_as(x.r, &eva_for_fia, "T2", x.f.fs, "4511", 5, KR(300), "Retroaktivt")); /* 4, 5 */
  ck_assert_uint_eq(tertial_round_audit_count(x.r), 6);
  const tertial_audit_entry *e = tertial_round_audit_at(x.r, 4);
  ck_assert_uint_eq(e->seq, 5);
  ck_assert_int_eq(e->action, TERTIAL_ACTION_ACCRUAL);
  ck_assert_uint_eq(e->unit, x.f.fs);
  ck_assert_str_eq(e->point, "T2");
  ck_assert_str_eq(e->item, "accrual 0");
  ck_assert_str_eq(e->after, "4511 month 6 300 kr: Retroaktivt");
  ck_assert_int_eq(e->when, 1778400200);
  size_t *idx, n;
  tertial_audit_filter f = TERTIAL_AUDIT_FILTER_ALL;
  f.unit = x.f.ht;
  T_OK(tertial_round_audit_query(&idx, &n, x.r, &f));
  ck_assert_uint_eq(n, 2);
  ck_assert_uint_eq(idx[0], 0);
  tertial_free(idx);
  f.unit = x.f.ifo;
  T_OK(tertial_round_audit_query(&idx, &n, x.r, &f));
  ck_assert_uint_eq(n, 0);
  f.subtree = 1;
  T_OK(tertial_round_audit_query(&idx, &n, x.r, &f));
  ck_assert_uint_eq(n, 4);
  ck_assert_uint_eq(idx[0], 2);
  tertial_free(idx);
  f = (tertial_audit_filter)TERTIAL_AUDIT_FILTER_ALL;
  f.person = x.fia; /* who acted, or on whose behalf */
  T_OK(tertial_round_audit_query(&idx, &n, x.r, &f));
  ck_assert_uint_eq(n, 4);
  tertial_free(idx);
  f = (tertial_audit_filter)TERTIAL_AUDIT_FILTER_ALL;
  f.point = "T2";
  T_OK(tertial_round_audit_query(&idx, &n, x.r, &f));
  ck_assert_uint_eq(n, 2);
  ck_assert_uint_eq(idx[1], 5);
  tertial_free(idx);
  f = (tertial_audit_filter)TERTIAL_AUDIT_FILTER_ALL;
  f.from = 1778400100;
  f.to = 1778400200;
  T_OK(tertial_round_audit_query(&idx, &n, x.r, &f));
  ck_assert_uint_eq(n, 2);
  ck_assert_uint_eq(idx[0], 2);
  tertial_free(idx);
  fixture_free(&x.f);
}
END_TEST

/* What is due by a date and what is late: submissions by the unit's level's deadline,
 * approvals by the parent level's, per person by who is nearest responsible. */
static void due_is(round_fixture *x, tertial_person_id who, tertial_date date, const char *want)
{
  tertial_due *d = NULL;
  size_t n = 9;
  T_OK(tertial_round_due(&d, &n, x->r, who, TERTIAL_NO_UNIT, "T1", date));
  GString *got = g_string_new("");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(got, "%s%s %s %04d-%02d-%02d%s", i ? ", " : "",
                           tertial_org_unit(tertial_model_org(x->f.model), d[i].unit)->code,
                           d[i].action == TERTIAL_ACTION_SUBMIT ? "submit" : "approve", d[i].deadline.year,
                           d[i].deadline.month, d[i].deadline.day, d[i].late ? " late" : "");
  ck_assert_msg(n == 0 ? d == NULL : d != NULL, "the list and its count disagree");
  ck_assert_str_eq(got->str, want);
  g_string_free(got, TRUE);
  tertial_free(d);
}

START_TEST(test_due_and_late)
{
  round_fixture x;
  round_build(&x);
  tertial_calendar *cal = tertial_model_calendar(x.f.model);
  /* units (level 5) by 15 April, activities (4) by 25 April, the committee (1) by 20 May; the
   * municipality (0) keeps the point's own deadline, 15 May */
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 5, 0, 15));
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 4, 0, 25));
  T_OK(tertial_calendar_set_level_deadline(cal, "T1", 1, 1, 20));
  const tertial_date apr14 = {2026, 4, 14}, apr15 = {2026, 4, 15}, apr20 = {2026, 4, 20}, apr26 = {2026, 4, 26},
                     may21 = {2026, 5, 21};
  due_is(&x, TERTIAL_NO_PERSON, apr14, "");
  due_is(&x, TERTIAL_NO_PERSON, apr15, "6410 submit 2026-04-15, 6420 submit 2026-04-15, 6510 submit 2026-04-15");
  due_is(&x, TERTIAL_NO_PERSON, apr20,
         "6410 submit 2026-04-15 late, 6420 submit 2026-04-15 late, 6510 submit 2026-04-15 late");
  tertial_actor mona = as(x.mona);
  T_OK(tertial_round_submit_as(x.r, &mona, x.f.ht, "T1", 0, NULL));
  due_is(&x, TERTIAL_NO_PERSON, apr26,
         "IFO submit 2026-04-25 late, 6410 submit 2026-04-15 late, 6420 submit 2026-04-15 late, "
         "AO submit 2026-04-25 late, 6510 approve 2026-04-25 late");
  /* per person: the nearest manager or head is the one who submits; the head above approves */
  due_is(&x, x.hans, apr26, "AO submit 2026-04-25 late, 6510 approve 2026-04-25 late");
  due_is(&x, x.mona, apr26, "");
  due_is(&x, x.fia, apr26, "6410 submit 2026-04-15 late, 6420 submit 2026-04-15 late");
  due_is(&x, x.ivan, apr26, "IFO submit 2026-04-25 late");
  due_is(&x, x.sara, apr26, "");
  due_is(&x, x.sara, may21, "SN submit 2026-05-20 late");
  /* the municipality has no manager or head: it is in everyone's list only, by the point's own deadline */
  due_is(&x, TERTIAL_NO_PERSON, (tertial_date){2026, 5, 15},
         "K submit 2026-05-15, IFO submit 2026-04-25 late, 6410 submit 2026-04-15 late, 6420 submit 2026-04-15 late, "
         "AO submit 2026-04-25 late, 6510 approve 2026-04-25 late");
  /* a subtree */
  tertial_due *d = NULL;
  size_t n = 0;
  T_OK(tertial_round_due(&d, &n, x.r, TERTIAL_NO_PERSON, x.f.ifo, "T1", apr26));
  ck_assert_uint_eq(n, 3);
  ck_assert_uint_eq(d[0].unit, x.f.ifo);
  ck_assert_int_eq(d[0].status, TERTIAL_STATUS_NOT_STARTED);
  tertial_free(d);
  T_ERR(tertial_round_due(&d, &n, x.r, TERTIAL_NO_PERSON, TERTIAL_NO_UNIT, "T1", (tertial_date){2026, 2, 30}),
        TERTIAL_ERR_RANGE);
  T_ERR(tertial_round_due(&d, &n, x.r, TERTIAL_NO_PERSON, TERTIAL_NO_UNIT, "T9", apr26), TERTIAL_ERR_NOT_FOUND);
  T_ERR(tertial_round_due(&d, &n, x.r, 99, TERTIAL_NO_UNIT, "T1", apr26), TERTIAL_ERR_NOT_FOUND);
  fixture_free(&x.f);
}
END_TEST

/* A clock that gives no time refuses the change: nothing changes, nothing is recorded. */
START_TEST(test_clock_without_time)
{
  round_fixture x;
  round_build(&x);
  tertial_actor mona = as(x.mona);
  x.now = (time_t)-1;
  T_ERR(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "x", 0, NULL),
        TERTIAL_ERR_CANCELLED);
  has("the round's clock gave no time");
  ck_assert_ptr_null(tertial_round_text(x.r, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL));
  ck_assert_uint_eq(tertial_round_audit_count(x.r), 0);
  tertial_unit_status st;
  T_OK(tertial_round_status(&st, x.r, x.f.ht, "T1"));
  ck_assert_int_eq(st.status, TERTIAL_STATUS_NOT_STARTED);
  x.now = 1778400000;
  T_OK(tertial_round_text_set_as(x.r, &mona, x.f.ht, "T1", TERTIAL_TEXT_SUMMARY, NULL, "x", 0, NULL));
  ck_assert_uint_eq(tertial_round_audit_count(x.r), 2); /* the text and the move to in progress */
  ck_assert_int_eq((long long)tertial_round_audit_at(x.r, 0)->when, 1778400000LL);
  fixture_free(&x.f);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("round");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_people_and_roles);
  tcase_add_test(tc, test_people_csv_errors);
  tcase_add_test(tc, test_permissions);
  tcase_add_test(tc, test_texts);
  tcase_add_test(tc, test_status_up_the_line);
  tcase_add_test(tc, test_balance_rule);
  tcase_add_test(tc, test_lock_and_frozen_point);
  tcase_add_test(tc, test_audit_queries);
  tcase_add_test(tc, test_due_and_late);
  tcase_add_test(tc, test_clock_without_time);
  suite_add_tcase(s, tc);
  return testutil_run(s);
}
