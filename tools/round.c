/* tertial people, round, text and log: the follow-up round (round.h) on the command line. A
 * command that changes the round binds it to the store (tertial_store_bind_round()), so each
 * change is one small transaction, checked against the versions this command read: a change
 * another process made in between is a conflict (exit 5), a change the round does not allow is
 * refused (exit 4). Commands that only read open the store read-only. */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* The roles as the people CSV names them (round.h), by bit. */
static const struct {
  tertial_role role;
  const char *name, *swedish;
} roles[] = {
  {TERTIAL_ROLE_MANAGER, "manager", "budgetansvarig"}, {TERTIAL_ROLE_HEAD, "head", "chef"},
  {TERTIAL_ROLE_ECONOMIST, "economist", "ekonom"},     {TERTIAL_ROLE_SECRETARY, "secretary", "sekreterare"},
  {TERTIAL_ROLE_READER, "reader", "läsare"},
};

static const char *role_name(tertial_role role)
{
  for (size_t i = 0; i < G_N_ELEMENTS(roles); i++)
    if (roles[i].role == role)
      return roles[i].name;
  return "?";
}

/* The actions as one word each, for the log's TSV (tertial_action order). */
static const char *const action_keys[] = {"read",   "forecast", "text",   "measure", "accrual", "submit",
                                          "approve", "return",  "lock",   "people",  "snapshot", "goal",
                                          "control"};

static const char *action_key(tertial_action a)
{
  return (unsigned)a < G_N_ELEMENTS(action_keys) ? action_keys[a] : "?";
}

/* A person's key, "" for none. */
static const char *person_key(const tertial_round *round, tertial_person_id id)
{
  const tertial_person *p = id == TERTIAL_NO_PERSON ? NULL : tertial_round_person_at(round, id);
  return p ? p->key : "";
}

static const char *unit_code(tertial_model *model, tertial_unit_id u)
{
  const tertial_unit *x = u == TERTIAL_NO_UNIT ? NULL : tertial_org_unit(tertial_model_org(model), u);
  return x ? x->code : "";
}

/* Open the store and load the year; a command that changes the round binds it to the store
 * (read-only otherwise, so reading never writes). */
static int open_round(tertial_store **st, tertial_model **model, tertial_round **round, const char *db,
                      gboolean write)
{
  int code = open_model(st, model, db, write), rc;
  if (code != EXIT_OK)
    return code;
  if (!(*round = tertial_model_round(*model)))
    return fail(TERTIAL_ERR_NOMEM, "the round");
  if (write && (rc = tertial_store_bind_round(*st, *model)) < 0)
    return fail(rc, "binding the round to the store");
  return EXIT_OK;
}

/* The month a point's organisation is taken in (its cut-off month). */
static int point_period(int *period, tertial_model *model, const char *point, const char *db)
{
  int cutoff = 0, code = find_cutoff(&cutoff, model, point, db);
  if (code == EXIT_OK)
    tertial_fiscal_year_period(period, tertial_model_fiscal_year(model), cutoff - 1);
  return code;
}

/* ---- people ---- */

/* --assign/--unassign KEY;ROLE;UNIT */
static int change_role(tertial_model *model, tertial_round *round, const tertial_actor *actor, const char *spec,
                       gboolean assign, const char *db)
{
  const char *opt = assign ? "--assign" : "--unassign";
  char **f = g_strsplit(spec, ";", 3);
  int code = EXIT_OK, rc;
  tertial_person_id person;
  tertial_unit_id unit;
  size_t r = 0;
  if (g_strv_length(f) != 3) {
    fprintf(stderr, "tertial: %s \"%s\": expected KEY;ROLE;UNIT\n", opt, shown(spec));
    code = EXIT_INPUT;
  } else {
    while (r < G_N_ELEMENTS(roles) && strcmp(f[1], roles[r].name) != 0 && strcmp(f[1], roles[r].swedish) != 0)
      r++;
    if (r == G_N_ELEMENTS(roles)) {
      fprintf(stderr, "tertial: %s \"%s\": unknown role \"%s\" (manager, head, economist, secretary, reader)\n",
              opt, shown(spec), shown(f[1]));
      code = EXIT_INPUT;
    }
  }
  if (code == EXIT_OK && (code = find_person(&person, round, f[0], db)) == EXIT_OK &&
      (code = find_unit(&unit, model, f[2], db)) == EXIT_OK) {
    rc = assign ? tertial_round_assign_as(round, actor, person, roles[r].role, unit)
                : tertial_round_unassign_as(round, actor, person, roles[r].role, unit);
    if (rc < 0)
      code = fail(rc, opt);
    else if (opt_verbose)
      fprintf(stderr, "tertial: %s %s %s on %s\n", shown(f[0]), assign ? "is now" : "is no longer",
              roles[r].name, shown(f[2]));
  }
  g_strfreev(f);
  return code;
}

static void list_people(tertial_model *model, tertial_round *round, gboolean json)
{
  size_t np = tertial_round_person_count(round), na = tertial_round_assignment_count(round);
  cli_json j;
  if (json)
    cli_json_begin(&j);
  for (size_t i = 0; i < np; i++) {
    const tertial_person *p = tertial_round_person_at(round, (tertial_person_id)i);
    GPtrArray *held = g_ptr_array_new_with_free_func(g_free);
    for (size_t k = 0; k < na; k++) {
      const tertial_assignment *a = tertial_round_assignment_at(round, k);
      if (a->person == p->id)
        g_ptr_array_add(held, g_strdup_printf("%s:%s", role_name(a->role), unit_code(model, a->unit)));
    }
    if (json) {
      cli_json_item(&j);
      cli_json_str(&j, "key", p->key);
      cli_json_str(&j, "name", p->name);
      cli_json_str(&j, "email", p->email);
      cli_json_strs(&j, "roles", (const char *const *)held->pdata, held->len);
    } else {
      printf("%s\t%s\t%s\t", shown(p->key), shown(p->name), shown(p->email));
      for (guint k = 0; k < held->len; k++)
        printf("%s%s", k ? "," : "", shown(held->pdata[k]));
      printf("\n");
    }
    g_ptr_array_free(held, TRUE);
  }
  if (json)
    cli_json_end(&j);
}

int cmd_people(int argc, char **argv)
{
  char *import = NULL, *as = NULL, **assign = NULL, **unassign = NULL;
  gboolean list = FALSE, json = FALSE;
  int code = EXIT_OK, rc;
  const GOptionEntry entries[] = {
    {"import", 'i', 0, G_OPTION_ARG_FILENAME, &import, "Import people and role assignments from a CSV file (key, name, "
     "email, role, unit; all or nothing)", "FILE.csv"},
    {"assign", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &assign, "Give a person a role (manager, head, economist, secretary, "
     "reader) on a unit and its subtree", "KEY;ROLE;UNIT"},
    {"unassign", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &unassign, "Take a role away", "KEY;ROLE;UNIT"},
    {"list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the people (key, name, e-mail, role:unit,...), the default",
     NULL},
    {"as", 0, 0, G_OPTION_ARG_FILENAME, &as, "Act as this person (an economist on the municipality); required for "
     "every change except the first import into an empty directory", "PERSON"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "The people of the follow-up round and their roles on units.", entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_round *round = NULL;
  char *text = NULL;
  if (!parse_db(ctx, &argc, &argv, &code, "people"))
    goto out;
  gboolean write = import || assign || unassign;
  if (!write || json)
    list = TRUE;
  if ((assign || unassign) && !as) {
    code = usage_error(ctx, "--as PERSON is required to assign or unassign roles");
    goto out;
  }
  if (import) {
    GError *err = NULL;
    if (!g_file_get_contents(import, &text, NULL, &err)) {
      fprintf(stderr, "tertial: %s\n", err->message);
      g_error_free(err);
      code = EXIT_IO;
      goto out;
    }
  }
  if ((code = open_round(&st, &model, &round, argv[1], write)) != EXIT_OK)
    goto out;
  if (import && !as && tertial_round_person_count(round) > 0) {
    code = usage_error(ctx, "--as PERSON is required: the directory has people (only the first import goes "
                            "without)");
    goto out;
  }
  tertial_actor actor = {TERTIAL_NO_PERSON, TERTIAL_NO_PERSON};
  if (as && (code = find_actor(&actor, round, as, NULL, argv[1])) != EXIT_OK)
    goto out;
  if (import) {
    size_t before = tertial_round_person_count(round);
    if ((rc = tertial_round_people_parse(round, as ? &actor : NULL, text, import)) < 0) {
      code = fail(rc, "importing people");
      goto out;
    }
    if (opt_verbose)
      fprintf(stderr, "tertial: %s: %zu people added, %zu in the directory\n", import,
              tertial_round_person_count(round) - before, tertial_round_person_count(round));
  }
  for (size_t i = 0; assign && assign[i]; i++)
    if ((code = change_role(model, round, &actor, assign[i], TRUE, argv[1])) != EXIT_OK)
      goto out;
  for (size_t i = 0; unassign && unassign[i]; i++)
    if ((code = change_role(model, round, &actor, unassign[i], FALSE, argv[1])) != EXIT_OK)
      goto out;
  if (list)
    list_people(model, round, json);
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(text);
  g_free(import);
  g_free(as);
  g_strfreev(assign);
  g_strfreev(unassign);
  g_option_context_free(ctx);
  return code;
}

/* ---- round ---- */

static int print_status(tertial_model *model, tertial_round *round, tertial_unit_id root, const char *point,
                        int period, cli_json *j)
{
  tertial_org *org = tertial_model_org(model);
  tertial_org_iter *it = NULL;
  tertial_unit_id u;
  int depth, rc = tertial_org_iter_new(&it, org, root, period);
  while (rc == 0 && tertial_org_iter_next(it, &u, &depth) == 1) {
    tertial_unit_status s;
    if ((rc = tertial_round_status(&s, round, u, point)) < 0)
      break;
    const tertial_unit *x = tertial_org_unit(org, u);
    if (j) {
      char when[40] = "";
      if (s.version)
        utc_text(when, sizeof when, s.when);
      cli_json_item(j);
      cli_json_str(j, "unit", x->code);
      cli_json_str(j, "name", x->name);
      cli_json_int(j, "depth", depth);
      cli_json_str(j, "status", tertial_status_name(s.status));
      cli_json_bool(j, "escalated", s.escalated);
      cli_json_int(j, "version", (long long)s.version);
      cli_json_str(j, "person", s.version ? person_key(round, s.person) : NULL);
      cli_json_str(j, "on_behalf_of", s.on_behalf_of == TERTIAL_NO_PERSON ? NULL : person_key(round, s.on_behalf_of));
      cli_json_str(j, "when", s.version ? when : NULL);
      cli_json_str(j, "comment", s.comment && *s.comment ? s.comment : NULL);
      continue;
    }
    printf("%*s%s %s: %s%s", 2 * depth, "", shown(x->code), shown(x->name), tertial_status_name(s.status),
           s.escalated ? ", escalated" : "");
    if (s.version) {
      char when[40];
      utc_text(when, sizeof when, s.when);
      printf(" (v%llu, %s%s%s, %s)", (unsigned long long)s.version, shown(person_key(round, s.person)),
             s.on_behalf_of == TERTIAL_NO_PERSON ? "" : " for ", shown(person_key(round, s.on_behalf_of)), when);
    }
    if (s.comment && *s.comment)
      printf(": %s", shown(s.comment));
    printf("\n");
  }
  tertial_org_iter_free(it);
  return rc < 0 ? fail(rc, "the round's status") : EXIT_OK;
}

static int print_progress(tertial_model *model, tertial_round *round, tertial_unit_id root, const char *point,
                          cli_json *j)
{
  tertial_level_progress *p = NULL;
  size_t n = 0;
  int rc = tertial_round_progress(&p, &n, round, root, point);
  if (rc < 0)
    return fail(rc, "the round's progress");
  for (size_t i = 0; i < n; i++) {
    const size_t *c = p[i].count;
    if (!p[i].units)
      continue;
    if (j) {
      cli_json_item(j);
      cli_json_str(j, "level", tertial_org_level_name(tertial_model_org(model), p[i].level));
      cli_json_int(j, "units", (long long)p[i].units);
      for (int k = 0; k < TERTIAL_STATUS_COUNT; k++) {
        char key[40]; /* "not started" -> "not_started" */
        g_strlcpy(key, tertial_status_name((tertial_status)k), sizeof key);
        cli_json_int(j, g_strdelimit(key, " ", '_'), (long long)c[k]);
      }
      continue;
    }
    printf("%s: %zu of %zu units submitted (%zu approved), %zu returned, %zu in progress, %zu not started\n",
           shown(tertial_org_level_name(tertial_model_org(model), p[i].level)),
           c[TERTIAL_STATUS_SUBMITTED] + c[TERTIAL_STATUS_APPROVED], p[i].units, c[TERTIAL_STATUS_APPROVED],
           c[TERTIAL_STATUS_RETURNED], c[TERTIAL_STATUS_IN_PROGRESS], c[TERTIAL_STATUS_NOT_STARTED]);
  }
  tertial_free(p);
  return EXIT_OK;
}

/* What is due by a date (only_late: what is late on it), one TSV line each: deadline, unit,
 * name, submit or approve, status, late or due. */
static int print_due(tertial_model *model, tertial_round *round, tertial_person_id person, tertial_unit_id root,
                     const char *point, tertial_date date, gboolean only_late, cli_json *j)
{
  tertial_due *d = NULL;
  size_t n = 0, shown_n = 0;
  int rc = tertial_round_due(&d, &n, round, person, root, point, date);
  if (rc < 0)
    return fail(rc, only_late ? "what is late" : "what is due");
  for (size_t i = 0; i < n; i++) {
    if (only_late && !d[i].late)
      continue;
    const tertial_unit *x = tertial_org_unit(tertial_model_org(model), d[i].unit);
    if (j) {
      char deadline[16];
      snprintf(deadline, sizeof deadline, "%04d-%02d-%02d", d[i].deadline.year, d[i].deadline.month,
               d[i].deadline.day);
      cli_json_item(j);
      cli_json_str(j, "deadline", deadline);
      cli_json_str(j, "unit", x->code);
      cli_json_str(j, "name", x->name);
      cli_json_str(j, "action", action_key(d[i].action));
      cli_json_str(j, "status", tertial_status_name(d[i].status));
      cli_json_bool(j, "late", d[i].late);
      shown_n++;
      continue;
    }
    printf("%04d-%02d-%02d\t%s\t%s\t%s\t%s\t%s\n", d[i].deadline.year, d[i].deadline.month, d[i].deadline.day,
           shown(x->code), shown(x->name), action_key(d[i].action), tertial_status_name(d[i].status),
           d[i].late ? "late" : "due");
    shown_n++;
  }
  if (opt_verbose)
    fprintf(stderr, "tertial: %zu %s at %s on %04d-%02d-%02d\n", shown_n, only_late ? "late" : "due", point,
            date.year, date.month, date.day);
  tertial_free(d);
  return EXIT_OK;
}

int cmd_round(int argc, char **argv)
{
  char *point = NULL, *unit_text = NULL, *as = NULL, *for_whom = NULL, *submit = NULL, *approve = NULL,
       *ret = NULL, *comment = NULL, *due_text = NULL, *late_text = NULL, *person_text = NULL, *version_text = NULL;
  gboolean escalate = FALSE, lock = FALSE, unlock = FALSE, status = FALSE, progress = FALSE, json = FALSE;
  int code = EXIT_OK, rc, version = -1;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. JANOKT (required)", "CODE"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_text, "The subtree shown (default: the municipality)", "CODE"},
    {"status", 's', 0, G_OPTION_ARG_NONE, &status, "The status of every unit, as a tree (the default)", NULL},
    {"progress", 0, 0, G_OPTION_ARG_NONE, &progress, "How many units of each level are submitted", NULL},
    {"due", 0, 0, G_OPTION_ARG_FILENAME, &due_text, "What is due by a date (TSV: deadline, unit, name, submit or "
     "approve, status, late or due)", "YYYY-MM-DD"},
    {"late", 0, 0, G_OPTION_ARG_FILENAME, &late_text, "What is late on a date (as --due)", "YYYY-MM-DD"},
    {"person", 0, 0, G_OPTION_ARG_FILENAME, &person_text, "With --due or --late: only what this person must do",
     "PERSON"},
    {"submit", 0, 0, G_OPTION_ARG_FILENAME, &submit, "Submit (klarmarkera) a unit", "UNIT"},
    {"approve", 0, 0, G_OPTION_ARG_FILENAME, &approve, "Approve a submitted unit (a head above it)", "UNIT"},
    {"escalate", 0, 0, G_OPTION_ARG_NONE, &escalate, "With --approve: record the approval as escalated to the next "
     "level (the balance rule; needs --comment)", NULL},
    {"return", 0, 0, G_OPTION_ARG_FILENAME, &ret, "Return a submitted or approved unit (needs --comment)", "UNIT"},
    {"comment", 'c', 0, G_OPTION_ARG_FILENAME, &comment, "The comment of a submission, approval or return", "TEXT"},
    {"lock", 0, 0, G_OPTION_ARG_NONE, &lock, "Lock the point: read-only for everyone", NULL},
    {"unlock", 0, 0, G_OPTION_ARG_NONE, &unlock, "Unlock the point", NULL},
    {"version", 0, 0, G_OPTION_ARG_FILENAME, &version_text, "With --submit, --approve or --return: the status "
     "version you read (--status shows it as vN; default: the one this command reads)", "N"},
    {"as", 0, 0, G_OPTION_ARG_FILENAME, &as, "Act as this person (required for every change)", "PERSON"},
    {"for", 0, 0, G_OPTION_ARG_FILENAME, &for_whom, "An economist entering on this manager's behalf", "PERSON"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "The follow-up round at a point: the status of every unit, progress per level, "
                                      "what is due or late; submit, approve, return, lock as a person.",
                                entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_round *round = NULL;
  tertial_date due_date = {0, 0, 0}, late_date = {0, 0, 0};
  if (!parse_db(ctx, &argc, &argv, &code, "round") ||
      !int_option(ctx, &code, "--version", version_text, &version, 0, INT_MAX, "a status version, 0 or more"))
    goto out;
  int changes = !!submit + !!approve + !!ret + lock + unlock;
  const char *msg = !point                    ? "--point is required"
                    : changes > 1             ? "one change at a time: --submit, --approve, --return, --lock or --unlock"
                    : changes && !as          ? "--as PERSON is required to change the round"
                    : for_whom && !as         ? "--for goes with --as: who enters, and for whom"
                    : escalate && !approve    ? "--escalate goes with --approve"
                    : version_text && !(submit || approve || ret)
                      ? "--version goes with --submit, --approve or --return"
                    : person_text && !due_text && !late_text ? "--person goes with --due or --late"
                    : comment && !(submit || approve || ret) ? "--comment goes with --submit, --approve or --return"
                    : json && status + progress + !!due_text + !!late_text > 1
                      ? "--json prints one listing: --status, --progress, --due or --late"
                                                             : NULL;
  if (msg) {
    code = usage_error(ctx, msg);
    goto out;
  }
  if ((due_text && parse_date(&due_date, due_text) < 0) || (late_text && parse_date(&late_date, late_text) < 0)) {
    fprintf(stderr, "tertial: %s %s: expected a date YYYY-MM-DD\n", due_text ? "--due" : "--late",
            due_text ? due_text : late_text);
    code = EXIT_INPUT;
    goto out;
  }
  if (!changes && !progress && !due_text && !late_text)
    status = TRUE;
  int period = 0;
  tertial_unit_id root = 0;
  if ((code = open_round(&st, &model, &round, argv[1], changes > 0)) != EXIT_OK ||
      (code = point_period(&period, model, point, argv[1])) != EXIT_OK ||
      (code = find_unit(&root, model, unit_text, argv[1])) != EXIT_OK)
    goto out;
  if (changes) {
    tertial_actor actor;
    if ((code = find_actor(&actor, round, as, for_whom, argv[1])) != EXIT_OK)
      goto out;
    const char *target = submit ? submit : approve ? approve : ret;
    char what[160];
    if (target) {
      tertial_unit_id u;
      tertial_unit_status s;
      if ((code = find_unit(&u, model, target, argv[1])) != EXIT_OK)
        goto out;
      if ((rc = tertial_round_status(&s, round, u, point)) < 0) {
        code = fail(rc, "the round's status");
        goto out;
      }
      /* the version read: the one given, else the one this command loaded, so a change another
       * process made since is a conflict */
      uint64_t read = version >= 0 ? (uint64_t)version : s.version;
      snprintf(what, sizeof what, "%s %s at %s", submit ? "submitting" : approve ? "approving" : "returning",
               shown(target), point);
      rc = submit    ? tertial_round_submit_as(round, &actor, u, point, read, comment)
           : approve ? tertial_round_approve_as(round, &actor, u, point, read, escalate, comment)
                     : tertial_round_return_as(round, &actor, u, point, read, comment);
    } else {
      snprintf(what, sizeof what, "%s %s", lock ? "locking" : "unlocking", point);
      rc = tertial_round_lock_as(round, &actor, point, lock);
    }
    if (rc < 0) {
      code = fail(rc, what);
      goto out;
    }
    if (opt_verbose)
      fprintf(stderr, "tertial: %s: done, as %s\n", what, shown(as));
  }
  tertial_unit_id scope = unit_text ? root : TERTIAL_NO_UNIT;
  tertial_person_id person = TERTIAL_NO_PERSON;
  if (person_text && (code = find_person(&person, round, person_text, argv[1])) != EXIT_OK)
    goto out;
  cli_json j, *jp = json ? &j : NULL;
  if (jp)
    cli_json_begin(jp);
  if (status && (code = print_status(model, round, root, point, period, jp)) != EXIT_OK)
    goto out;
  if (progress && (code = print_progress(model, round, root, point, jp)) != EXIT_OK)
    goto out;
  if (due_text && (code = print_due(model, round, person, scope, point, due_date, FALSE, jp)) != EXIT_OK)
    goto out;
  if (late_text)
    code = print_due(model, round, person, scope, point, late_date, TRUE, jp);
  if (jp && code == EXIT_OK)
    cli_json_end(jp);
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(point);
  g_free(unit_text);
  g_free(as);
  g_free(for_whom);
  g_free(submit);
  g_free(approve);
  g_free(ret);
  g_free(comment);
  g_free(due_text);
  g_free(late_text);
  g_free(person_text);
  g_free(version_text);
  g_option_context_free(ctx);
  return code;
}

/* ---- text ---- */

static const char *const text_kinds[] = {"summary", "analysis", "comment"};

/* The whole of a file, or of stdin for "-". */
static int read_text(char **out, size_t *len, const char *path)
{
  if (strcmp(path, "-") != 0) {
    GError *err = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, out, &n, &err)) {
      fprintf(stderr, "tertial: %s\n", err->message);
      g_error_free(err);
      return EXIT_IO;
    }
    *len = n;
    return EXIT_OK;
  }
  GString *s = g_string_new(NULL);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len(s, buf, (gssize)n);
  if (ferror(stdin)) {
    fprintf(stderr, "tertial: reading the standard input failed\n");
    g_string_free(s, TRUE);
    return EXIT_IO;
  }
  *len = s->len;
  *out = g_string_free(s, FALSE);
  return EXIT_OK;
}

/* A text on the terminal: each line through shown(), ending with a newline. */
static void print_text(const char *text)
{
  char **lines = g_strsplit(text, "\n", -1);
  guint n = g_strv_length(lines);
  for (guint i = 0; i < n; i++)
    if (i + 1 < n || *lines[i])
      printf("%s\n", shown(lines[i]));
  g_strfreev(lines);
}

int cmd_text(int argc, char **argv)
{
  char *point = NULL, *unit_text = NULL, *kind_text = NULL, *row = NULL, *set = NULL, *as = NULL, *for_whom = NULL,
       *version_text = NULL, *text = NULL;
  gboolean show = FALSE, history = FALSE;
  int code = EXIT_OK, rc, version = -1, kind = TERTIAL_TEXT_SUMMARY;
  const GOptionEntry entries[] = {
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Follow-up point, e.g. JANOKT (required)", "CODE"},
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_text, "The unit whose text it is (required)", "CODE"},
    {"kind", 'k', 0, G_OPTION_ARG_FILENAME, &kind_text, "summary (Sammanfattning, the default), analysis (Ekonomisk "
     "analys och prognos) or comment (on a report row, with --row)", "KIND"},
    {"row", 'r', 0, G_OPTION_ARG_FILENAME, &row, "With --kind comment: the report row's code", "ROW"},
    {"set", 0, 0, G_OPTION_ARG_FILENAME, &set, "Set the text from a file, or - for the standard input (UTF-8)",
     "FILE"},
    {"show", 0, 0, G_OPTION_ARG_NONE, &show, "Print the text (the default)", NULL},
    {"history", 0, 0, G_OPTION_ARG_NONE, &history, "List every version (TSV: version, who, on behalf of, when UTC, "
     "text)", NULL},
    {"version", 0, 0, G_OPTION_ARG_FILENAME, &version_text, "With --set: the version you read (0 for a new text; "
     "default: the one this command reads)", "N"},
    {"as", 0, 0, G_OPTION_ARG_FILENAME, &as, "Act as this person (required with --set)", "PERSON"},
    {"for", 0, 0, G_OPTION_ARG_FILENAME, &for_whom, "An economist entering on this manager's behalf", "PERSON"},
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "The texts of a unit at a follow-up point: set, show, history.", entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_round *round = NULL;
  size_t len = 0;
  if (!parse_db(ctx, &argc, &argv, &code, "text") ||
      !int_option(ctx, &code, "--version", version_text, &version, 0, INT_MAX, "a text version, 0 or more"))
    goto out;
  if (kind_text) {
    for (kind = 0; kind < 3 && strcmp(kind_text, text_kinds[kind]) != 0; kind++)
      ;
  }
  const char *msg = !point                                  ? "--point is required"
                    : !unit_text                            ? "--unit is required"
                    : kind == 3                             ? "--kind is summary, analysis or comment"
                    : (kind == TERTIAL_TEXT_ROW_COMMENT) != !!row ? "--row goes with --kind comment, and it needs one"
                    : set && !as                            ? "--as PERSON is required with --set"
                    : (as || for_whom || version_text) && !set ? "--as, --for and --version go with --set"
                    : for_whom && !as                       ? "--for goes with --as: who enters, and for whom"
                                                            : NULL;
  if (msg) {
    code = usage_error(ctx, msg);
    goto out;
  }
  if (!set && !history)
    show = TRUE;
  if (set) {
    if ((code = read_text(&text, &len, set)) != EXIT_OK)
      goto out;
    if (!g_utf8_validate(text, (gssize)len, NULL)) {
      fprintf(stderr, "tertial: %s: the text is not UTF-8 (nothing was changed)\n",
              strcmp(set, "-") ? set : "the standard input");
      code = EXIT_INPUT;
      goto out;
    }
    /* a file's last line ends with a newline that is no part of the text (as $(...) in a shell) */
    while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
      text[--len] = '\0';
  }
  int period;
  tertial_unit_id unit;
  if ((code = open_round(&st, &model, &round, argv[1], set != NULL)) != EXIT_OK ||
      (code = point_period(&period, model, point, argv[1])) != EXIT_OK ||
      (code = find_unit(&unit, model, unit_text, argv[1])) != EXIT_OK)
    goto out;
  tertial_text_kind k = (tertial_text_kind)kind;
  if (set) {
    tertial_actor actor;
    if ((code = find_actor(&actor, round, as, for_whom, argv[1])) != EXIT_OK)
      goto out;
    const tertial_text_version *now = tertial_round_text(round, unit, point, k, row);
    uint64_t read = version >= 0 ? (uint64_t)version : now ? now->version : 0, written = 0;
    char what[160];
    snprintf(what, sizeof what, "setting the %s%s%s of %s at %s", text_kinds[kind], row ? " on " : "",
             row ? shown(row) : "", shown(unit_text), point);
    if ((rc = tertial_round_text_set_as(round, &actor, unit, point, k, row, text, read, &written)) < 0) {
      code = fail(rc, what);
      goto out;
    }
    if (opt_verbose)
      fprintf(stderr, "tertial: %s: version %llu, as %s\n", what, (unsigned long long)written, shown(as));
  }
  if (show) {
    const tertial_text_version *v = tertial_round_text(round, unit, point, k, row);
    if (v)
      print_text(v->text);
    else
      fprintf(stderr, "tertial: %s: no %s of %s at %s yet\n", argv[1], text_kinds[kind], shown(unit_text), point);
  }
  size_t n = history ? tertial_round_text_history_count(round, unit, point, k, row) : 0;
  for (size_t i = 0; i < n; i++) {
    const tertial_text_version *v = tertial_round_text_history_at(round, unit, point, k, row, i);
    char when[40];
    utc_text(when, sizeof when, v->when);
    printf("%llu\t%s\t%s\t%s\t%s\n", (unsigned long long)v->version, shown(person_key(round, v->person)),
           shown(person_key(round, v->on_behalf_of)), when, shown(v->text));
  }
out:
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(text);
  g_free(point);
  g_free(unit_text);
  g_free(kind_text);
  g_free(row);
  g_free(set);
  g_free(as);
  g_free(for_whom);
  g_free(version_text);
  g_option_context_free(ctx);
  return code;
}

/* ---- log ---- */

/* Midnight UTC of a date given as text (option name for the message). */
static int day_start(time_t *out, const char *opt, const char *text, int days_after)
{
  tertial_date d;
  if (parse_date(&d, text) < 0) {
    fprintf(stderr, "tertial: %s %s: expected a date YYYY-MM-DD\n", opt, text);
    return EXIT_INPUT;
  }
  GDateTime *t = g_date_time_new_utc(d.year, d.month, d.day, 0, 0, 0);
  GDateTime *u = g_date_time_add_days(t, days_after);
  *out = (time_t)g_date_time_to_unix(u);
  g_date_time_unref(u);
  g_date_time_unref(t);
  return EXIT_OK;
}

int cmd_log(int argc, char **argv)
{
  char *unit_text = NULL, *person_text = NULL, *point = NULL, *since = NULL, *until = NULL;
  gboolean subtree = FALSE, json = FALSE;
  int code = EXIT_OK, rc;
  const GOptionEntry entries[] = {
    {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit_text, "Only the changes of this unit", "CODE"},
    {"subtree", 0, 0, G_OPTION_ARG_NONE, &subtree, "With --unit: and of the units under it", NULL},
    {"person", 0, 0, G_OPTION_ARG_FILENAME, &person_text, "Only the changes made by or for this person", "PERSON"},
    {"point", 'p', 0, G_OPTION_ARG_FILENAME, &point, "Only the changes at this follow-up point", "CODE"},
    {"since", 0, 0, G_OPTION_ARG_FILENAME, &since, "Only changes on or after this day (UTC)", "YYYY-MM-DD"},
    {"until", 0, 0, G_OPTION_ARG_FILENAME, &until, "Only changes on or before this day (UTC)", "YYYY-MM-DD"},
    CLI_JSON_OPTION(json),
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext *ctx = context("DB", "The audit trail of the round, one change per line (TSV: seq, when UTC, who, "
                                      "on behalf of, action, unit, point, item, before, after). The store is not "
                                      "changed.", entries, TRUE);
  tertial_store *st = NULL;
  tertial_model *model = NULL;
  tertial_round *round = NULL;
  size_t *idx = NULL, n = 0;
  tertial_audit_filter f = TERTIAL_AUDIT_FILTER_ALL;
  if (!parse_db(ctx, &argc, &argv, &code, "log"))
    goto out;
  if (subtree && !unit_text) {
    code = usage_error(ctx, "--subtree goes with --unit");
    goto out;
  }
  if ((since && (code = day_start(&f.from, "--since", since, 0)) != EXIT_OK) ||
      (until && (code = day_start(&f.to, "--until", until, 1)) != EXIT_OK))
    goto out;
  int cutoff;
  if ((code = open_round(&st, &model, &round, argv[1], FALSE)) != EXIT_OK ||
      (unit_text && (code = find_unit(&f.unit, model, unit_text, argv[1])) != EXIT_OK) ||
      (person_text && (code = find_person(&f.person, round, person_text, argv[1])) != EXIT_OK) ||
      (point && (code = find_cutoff(&cutoff, model, point, argv[1])) != EXIT_OK))
    goto out;
  f.subtree = subtree;
  f.point = point;
  if ((rc = tertial_round_audit_query(&idx, &n, round, &f)) < 0) {
    code = fail(rc, "reading the audit trail");
    goto out;
  }
  cli_json j;
  if (json)
    cli_json_begin(&j);
  for (size_t i = 0; i < n; i++) {
    const tertial_audit_entry *e = tertial_round_audit_at(round, idx[i]);
    char when[40];
    utc_text(when, sizeof when, e->when);
    if (json) {
      cli_json_item(&j);
      cli_json_int(&j, "seq", (long long)e->seq);
      cli_json_str(&j, "when", when);
      cli_json_str(&j, "person", person_key(round, e->person));
      cli_json_str(&j, "on_behalf_of", *person_key(round, e->on_behalf_of) ? person_key(round, e->on_behalf_of) : NULL);
      cli_json_str(&j, "action", action_key(e->action));
      cli_json_str(&j, "unit", unit_code(model, e->unit));
      cli_json_str(&j, "point", e->point);
      cli_json_str(&j, "item", e->item);
      cli_json_str(&j, "before", e->before);
      cli_json_str(&j, "after", e->after);
      continue;
    }
    printf("%llu\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", (unsigned long long)e->seq, when,
           shown(person_key(round, e->person)), shown(person_key(round, e->on_behalf_of)), action_key(e->action),
           shown(unit_code(model, e->unit)), shown(e->point), shown(e->item), shown(e->before), shown(e->after));
  }
  if (json)
    cli_json_end(&j);
  if (opt_verbose)
    fprintf(stderr, "tertial: %zu of %zu changes\n", n, tertial_round_audit_count(round));
out:
  tertial_free(idx);
  tertial_model_free(model);
  tertial_store_free(st);
  g_free(unit_text);
  g_free(person_text);
  g_free(point);
  g_free(since);
  g_free(until);
  g_option_context_free(ctx);
  return code;
}
