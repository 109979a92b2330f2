/* What the commands of the tertial command line share: exit codes, option parsing, opening a
 * store's fiscal year, finding units and follow-up points, messages. */
#ifndef TERTIAL_CLI_H
#define TERTIAL_CLI_H

#include <glib.h>
#include <stdio.h>

#include <tertial/tertial.h>

/* Exit codes (documented in `tertial --help`, docs/cli.md and docs/tertial.1). */
enum {
  EXIT_OK = 0,
  EXIT_FINDINGS = 1,   /* check found something */
  EXIT_INPUT = 2,      /* bad input */
  EXIT_IO = 3,         /* I/O or store error */
  EXIT_NOT_PERMITTED = 4, /* not permitted: a person's roles or a locked follow-up point */
  EXIT_CONFLICT = 5,   /* the store was changed by someone else since it was read */
  EXIT_PROBLEMS = 6,   /* a lenient import loaded what was sound and noted problems */
  EXIT_USAGE = 64,     /* a usage error (as EX_USAGE of sysexits.h) */
};

/* The exit codes as every --help states them. */
#define EXIT_STATUS_HELP                                                                        \
  "Exit status: 0 ok, 1 findings, 2 bad input, 3 I/O or store error, 4 not permitted (a role or a " \
  "locked point), 5 conflict (the store was " \
  "changed by someone else since it was read), 6 loaded with problems (import-sie), 64 usage error."

/* -v/--verbose: say what was done. */
extern gboolean opt_verbose;

/* --year of the commands that work on one fiscal year (its first calendar year); 0: the latest
 * year in the store. */
extern int opt_year;

/* The arguments of the running subcommand after option parsing (freed in main). */
extern char **parsed_args;

/* The exit code of a library error. */
int exit_of(int rc);

/* Report a library error ("tertial: WHAT: message") and return its exit code. */
int fail(int rc, const char *what);

/* Report a usage error with the command's help and return EXIT_USAGE. */
int usage_error(GOptionContext *ctx, const char *msg);

/* The years a store's fiscal year may start in (--year, accuracy YEAR). */
#define YEAR_FIRST 1900
#define YEAR_LAST 9998
#define YEAR_RANGE G_STRINGIFY(YEAR_FIRST) ".." G_STRINGIFY(YEAR_LAST)

/* An integer option or argument given as text (NULL: not given, *value keeps its default): TRUE
 * when it is a whole number from min to max; otherwise a usage error naming the option, the
 * value and what is expected ("--depth -1: expected ..."), *code its exit code. Integer options
 * are declared as FILENAME text so that "not given" differs from every number given. */
gboolean int_option(GOptionContext *ctx, int *code, const char *name, const char *text, int *value, int min, int max,
                    const char *expected);

/* A command's option context with the common options (-v, and --year when `year`). */
GOptionContext *context(const char *params, const char *summary, const GOptionEntry *entries, gboolean year);

/* Parse a subcommand's options; argv[0] is the subcommand. On failure *code is the exit code. */
gboolean parse(GOptionContext *ctx, int *argc, char ***argv, int *code);

/* Parse a command that takes exactly one store path (argv[1] afterwards). */
gboolean parse_db(GOptionContext *ctx, int *argc, char ***argv, int *code, const char *command);

/* Open a store and load the model of opt_year (the latest year when 0): read-only unless the
 * command will save it (`write`), so that reading never changes or creates a file. */
int open_model(tertial_store **st, tertial_model **model, const char *path, gboolean write);

/* Load the model of one fiscal year from an open store; the message lists the stored years
 * when it has none of that year. */
int load_year(tertial_model **model, tertial_store *st, int year);

/* "2024, 2025, 2026": the store's fiscal years (freed with g_free()). */
char *year_list(tertial_store *st);

/* The fiscal year's frozen follow-up points with the dates they were frozen, "T2 (frozen
 * 2026-09-10), JANOKT (frozen 2026-11-10)", or "none yet" (freed with g_free()). */
char *snapshot_list(tertial_model *model);

/* After a missing snapshot: which points of the year are frozen and how to freeze one. */
void snapshot_hint(tertial_model *model, const char *db);

/* Save a model as its fiscal year. */
int save_model(tertial_store *st, tertial_model *model);

/* Report a failed save and return its exit code; a conflict (another process saved the year
 * after this one read it) says to run the command again. */
int save_failed(int rc);

/* The cut-off of a follow-up point; the message lists the calendar's points. */
int find_cutoff(int *cutoff, tertial_model *model, const char *point, const char *db);

/* A budget version named by its measure number or its name; the message lists the versions. */
int find_version(int *out, tertial_model *model, const char *text, const char *db);

/* The unit named by code, or the first root when code is NULL. */
int find_unit(tertial_unit_id *out, tertial_model *model, const char *code, const char *db);

/* Parse a date YYYY-MM-DD; -1 when it is not one. */
int parse_date(tertial_date *out, const char *s);

/* User text (a name, code, reason) as it may be printed on a terminal or in a TSV line: invalid
 * UTF-8 and every control character (TAB, LF, CR and ESC among them), U+2028/U+2029 and the
 * bidirectional controls become U+FFFD, so text cannot forge fields, lines or colours. The
 * result is valid until 16 more calls. */
const char *shown(const char *s);

/* A time of the round in UTC, "2026-11-10T07:00:00Z". */
void utc_text(char *buf, size_t size, time_t t);
/* A person of the store's follow-up round by key; the message names an unknown one. */
int find_person(tertial_person_id *out, tertial_round *round, const char *key, const char *db);
/* The actor of --as PERSON [--for PERSON]. */
int find_actor(tertial_actor *out, tertial_round *round, const char *as, const char *for_whom, const char *db);

/* Who a command that changes the model acts as (--as PERSON, --for PERSON, and the follow-up
 * point the changes are for). With a person the model's round is bound to the store, so that each
 * change goes through the round's gate (role, lock, status, the versions read) and is written
 * with its audit entry as it is made; without one (NULL) a command makes its changes unchecked
 * and saves the model whole, as an integrator or administrator does. */
typedef struct cli_person {
  tertial_round *round;
  tertial_actor actor;
  const char *point;
} cli_person;
/* The --as and --for options of a command that changes the model. */
#define CLI_PERSON_OPTIONS(as, for_whom)                                                                    \
  {"as", 0, 0, G_OPTION_ARG_STRING, &(as), "Make the changes as PERSON (a key of `tertial people`): each is " \
   "checked against the follow-up round (role, lock, the unit's status) and written at once with an entry " \
   "in the audit trail; without it the changes are made unchecked and saved with the year", "PERSON"},    \
  {"for", 0, 0, G_OPTION_ARG_STRING, &(for_whom), "With --as: an economist enters the changes on behalf of " \
   "this manager (recorded)", "PERSON"}
/* Bind the model's round to the store and find the person (`as` NULL: *out is not filled and
 * *who is NULL). */
int cli_person_begin(cli_person *out, const cli_person **who, tertial_store *st, tertial_model *model, const char *as,
                     const char *for_whom, const char *point, const char *db);
/* Without a person: a change for a point the round has locked is refused for everyone (exit 4). */
int refuse_locked(tertial_model *model, const char *point, const char *db);

/* --json of the listing commands (json_out.c): `[`, then per item `{"key": value, ...}`, then `]`
 * on standard output. Text is escaped (invalid UTF-8 becomes U+FFFD); amounts are exact decimal
 * kronor ("-1234.50"); NULL text is null. */
#define CLI_JSON_OPTION(var)                                                                                   \
  {"json", 0, 0, G_OPTION_ARG_NONE, &(var), "Print the listing as JSON for scripts: an array of objects, one per item " \
                                            "(amounts as exact decimal kronor)", NULL}
typedef struct cli_json {
  int items, fields;
} cli_json;
void cli_json_begin(cli_json *j);
void cli_json_item(cli_json *j);
void cli_json_end(cli_json *j);
void cli_json_str(cli_json *j, const char *key, const char *value);
void cli_json_int(cli_json *j, const char *key, long long value);
void cli_json_bool(cli_json *j, const char *key, gboolean value);
/* A number already written as JSON ("12.34"). */
void cli_json_num(cli_json *j, const char *key, const char *number);
void cli_json_money(cli_json *j, const char *key, int64_t ore);
void cli_json_strs(cli_json *j, const char *key, const char *const *values, size_t n);

/* The commands not in tertial.c. */
int cmd_accuracy(int argc, char **argv);
int cmd_budget(int argc, char **argv);
int cmd_measures(int argc, char **argv);
int cmd_accruals(int argc, char **argv);
int cmd_people(int argc, char **argv);
int cmd_round(int argc, char **argv);
int cmd_goals(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_text(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_wheel(int argc, char **argv);
int cmd_priorities(int argc, char **argv);
int cmd_risks(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_unfunded(int argc, char **argv);
int cmd_investments(int argc, char **argv);
int cmd_intcontrol(int argc, char **argv);
int cmd_frames(int argc, char **argv);
/* budget --compare A;B (budget.c), shared with frames --compare: per unit of the subtree (to
 * `depth`, negative for all) and report row, both versions' annual totals and B - A. */
int print_comparison(tertial_model *model, const char *spec, tertial_unit_id root, int depth, gboolean json,
                     const char *db);

/* The planning objects of `tertial report -o` (report_plan.c): each kind from its files when they
 * are named, else from the store's fiscal year (none when the store holds none). */
typedef struct report_plan_sources {
  const char *proposals, *rule;           /* --proposals, --rule */
  const char *risks, *controls, *results; /* --risks, --controls, --results */
  const char *unfunded;                   /* --unfunded */
  tertial_store *store;                   /* NULL: files only */
  int year;                               /* the fiscal year's first calendar year */
  const char *investments;                /* --investments */
  int frame_lines, frame_measure;         /* --frame-lines: 1 and the version's measure (from the store) */
} report_plan_sources;

/* Add Prioriteringar, Intern kontroll, Ofinansierade beslut, Investeringar and Ramförändringar to a built report: EXIT_OK, or an
 * exit status after saying why. */
int report_add_plan(tertial_report *report, const report_plan_sources *src);

/* Whether @p path is an SQLite file (a store) rather than a text file (plan_store.c). */
gboolean cli_is_store(const char *path);

#endif
