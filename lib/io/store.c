#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include <errno.h>
#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "forecast_internal.h"
#include "goals_internal.h"
#include "ledger_internal.h"
#include "model_internal.h"
#include "org_internal.h"
#include "plan_internal.h"
#include "round_internal.h"

typedef struct round_binding round_binding;

/* The save version of a fiscal year as this handle last read or wrote it. */
typedef struct seen_year {
  int year;
  sqlite3_int64 version;
} seen_year;

struct tertial_store {
  sqlite3 *db;
  char *path;
  int schema_version;
  int readonly;
  int year; /* the fiscal year being saved or loaded: "{Y}" in the SQL of yprepare() */
  /* a save of a year seen here fails with a conflict when the stored version moved on since */
  seen_year *seen;
  size_t n_seen, cap_seen;
  /* the file, so that a model loaded through another handle on it is known as from here */
  int identity;
  uint64_t dev, ino;
  /* the rounds bound to this handle: each change of one is written here as it is made */
  round_binding **bound;
  size_t n_bound, cap_bound;
};

/* A round bound to a store: the hook's context. */
struct round_binding {
  tertial_store *store;
  tertial_model *model;
  tertial__round *round;
  int year;
};

/* Schema migrations: migrations[i] brings version i to version i + 1. */
static const char *const migrations[] = {
  "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
  "CREATE TABLE org_level(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
  "CREATE TABLE unit(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
  " manager TEXT NOT NULL, level INTEGER NOT NULL, parent INTEGER);"
  "CREATE TABLE unit_move(unit INTEGER NOT NULL, from_period INTEGER NOT NULL, parent INTEGER NOT NULL,"
  " PRIMARY KEY(unit, from_period));"
  "CREATE TABLE followup_point(seq INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
  " cutoff INTEGER NOT NULL, deadline_months_after INTEGER NOT NULL, deadline_day INTEGER NOT NULL);"
  "CREATE TABLE account(id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
  " type INTEGER NOT NULL, internal INTEGER NOT NULL);"
  "CREATE TABLE ledger_measure(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind INTEGER,"
  " decided TEXT, reason TEXT, decided_by TEXT, revises INTEGER);"
  "CREATE TABLE amount(seq INTEGER PRIMARY KEY, unit INTEGER NOT NULL, account INTEGER NOT NULL,"
  " measure INTEGER NOT NULL, m1 INTEGER NOT NULL, m2 INTEGER NOT NULL, m3 INTEGER NOT NULL,"
  " m4 INTEGER NOT NULL, m5 INTEGER NOT NULL, m6 INTEGER NOT NULL, m7 INTEGER NOT NULL,"
  " m8 INTEGER NOT NULL, m9 INTEGER NOT NULL, m10 INTEGER NOT NULL, m11 INTEGER NOT NULL,"
  " m12 INTEGER NOT NULL);"
  "CREATE TABLE forecast(unit INTEGER NOT NULL, row_code TEXT NOT NULL, amount INTEGER NOT NULL,"
  " PRIMARY KEY(unit, row_code));"
  "CREATE TABLE adjustment(seq INTEGER PRIMARY KEY, unit INTEGER NOT NULL, row_code TEXT NOT NULL,"
  " amount INTEGER NOT NULL, kind INTEGER NOT NULL, reason TEXT NOT NULL, from_measure INTEGER);"
  "CREATE TABLE measure(seq INTEGER PRIMARY KEY, unit INTEGER NOT NULL, row_code TEXT NOT NULL,"
  " description TEXT NOT NULL, cause TEXT NOT NULL, effect INTEGER NOT NULL, consequence TEXT NOT NULL,"
  " due TEXT, status INTEGER NOT NULL, follow_up TEXT NOT NULL, in_forecast INTEGER NOT NULL);"
  "CREATE TABLE adherence_plan(seq INTEGER PRIMARY KEY, unit INTEGER NOT NULL, manager TEXT NOT NULL);"
  "CREATE TABLE adherence_moment(plan INTEGER NOT NULL, seq INTEGER NOT NULL, moment TEXT NOT NULL,"
  " PRIMARY KEY(plan, seq));"
  "CREATE TABLE adherence_risk(plan INTEGER NOT NULL, seq INTEGER NOT NULL, cause TEXT NOT NULL,"
  " measures TEXT NOT NULL, expected_effect INTEGER NOT NULL, consequences TEXT NOT NULL,"
  " PRIMARY KEY(plan, seq));"
  "CREATE TABLE accrual(seq INTEGER PRIMARY KEY, unit INTEGER NOT NULL, account TEXT NOT NULL,"
  " month INTEGER NOT NULL, amount INTEGER NOT NULL, reason TEXT NOT NULL);"
  "CREATE TABLE snapshot(seq INTEGER PRIMARY KEY, point TEXT NOT NULL UNIQUE, cutoff INTEGER NOT NULL,"
  " taken_on TEXT);"
  "CREATE TABLE snapshot_entry(snapshot INTEGER NOT NULL, seq INTEGER NOT NULL, unit INTEGER NOT NULL,"
  " row_code TEXT NOT NULL, method INTEGER NOT NULL, fallback INTEGER NOT NULL, base INTEGER NOT NULL,"
  " adjustments INTEGER NOT NULL, planned INTEGER NOT NULL, forecast INTEGER NOT NULL,"
  " outcome_to_date INTEGER NOT NULL, budget_year INTEGER NOT NULL, PRIMARY KEY(snapshot, seq));",
  /* version 2: the forecast plan's method rules, manual figures and volume drivers */
  "CREATE TABLE forecast_rule(seq INTEGER PRIMARY KEY, unit INTEGER NOT NULL, row_code TEXT,"
  " method INTEGER NOT NULL, run_rate_months INTEGER NOT NULL);"
  "CREATE TABLE forecast_manual(seq INTEGER PRIMARY KEY, unit INTEGER NOT NULL, row_code TEXT NOT NULL,"
  " amount INTEGER NOT NULL);"
  "CREATE TABLE forecast_driver(seq INTEGER PRIMARY KEY, unit INTEGER NOT NULL, row_code TEXT NOT NULL,"
  " name TEXT NOT NULL, volume_unit TEXT NOT NULL, unit_cost INTEGER NOT NULL, v1 INTEGER NOT NULL,"
  " v2 INTEGER NOT NULL, v3 INTEGER NOT NULL, v4 INTEGER NOT NULL, v5 INTEGER NOT NULL, v6 INTEGER NOT NULL,"
  " v7 INTEGER NOT NULL, v8 INTEGER NOT NULL, v9 INTEGER NOT NULL, v10 INTEGER NOT NULL, v11 INTEGER NOT NULL,"
  " v12 INTEGER NOT NULL);",
  /* version 3: one model per fiscal year, migrate_v3() */
  NULL,
  /* version 4: every fiscal year's save version, bumped by each save and removal of the year, so
   * that a save can tell that another connection saved the year after this one read it (a row
   * is kept after a removal: its version never goes back) */
  "CREATE TABLE year_version(year INTEGER PRIMARY KEY, version INTEGER NOT NULL, saved_at TEXT NOT NULL)",
  /* version 5: the follow-up points' own deadlines per organisation level */
  "CREATE TABLE followup_level_deadline(year INTEGER NOT NULL, point TEXT NOT NULL, level INTEGER NOT NULL,"
  " deadline_months_after INTEGER NOT NULL, deadline_day INTEGER NOT NULL, PRIMARY KEY(year, point, level))",
  /* version 6: the round of each fiscal year, written change by change (round_write()), never by a
   * save of the model. People per year, as the round's directory is the year's (person ids index
   * it, and a person added appears with its audit entry in the same year's trail); units by code,
   * people by key. Every version of a text is a row; texts and the audit trail are append-only. */
  "CREATE TABLE round_person(year INTEGER NOT NULL, seq INTEGER NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL,"
  " email TEXT NOT NULL, PRIMARY KEY(year, key), UNIQUE(year, seq));"
  "CREATE TABLE round_assignment(year INTEGER NOT NULL, person TEXT NOT NULL, role INTEGER NOT NULL,"
  " unit TEXT NOT NULL, PRIMARY KEY(year, person, role, unit));"
  "CREATE TABLE round_status(year INTEGER NOT NULL, point TEXT NOT NULL, unit TEXT NOT NULL, status INTEGER NOT NULL,"
  " escalated INTEGER NOT NULL, version INTEGER NOT NULL, person TEXT, on_behalf_of TEXT, at INTEGER NOT NULL,"
  " comment TEXT NOT NULL, PRIMARY KEY(year, point, unit));"
  "CREATE TABLE round_text(year INTEGER NOT NULL, point TEXT NOT NULL, unit TEXT NOT NULL, kind INTEGER NOT NULL,"
  " row TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL, person TEXT NOT NULL, on_behalf_of TEXT,"
  " at INTEGER NOT NULL, PRIMARY KEY(year, point, unit, kind, row, version));"
  "CREATE TABLE round_lock(year INTEGER NOT NULL, point TEXT NOT NULL, locked INTEGER NOT NULL, person TEXT,"
  " at INTEGER NOT NULL, PRIMARY KEY(year, point));"
  "CREATE TABLE round_threshold(year INTEGER NOT NULL, level INTEGER NOT NULL, amount INTEGER NOT NULL,"
  " per_mille INTEGER NOT NULL, PRIMARY KEY(year, level));"
  "CREATE TABLE round_audit(year INTEGER NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, person TEXT NOT NULL,"
  " on_behalf_of TEXT, action INTEGER NOT NULL, unit TEXT, point TEXT NOT NULL, item TEXT NOT NULL,"
  " before TEXT NOT NULL, after TEXT NOT NULL, PRIMARY KEY(year, seq));"
  "CREATE TRIGGER round_audit_no_update BEFORE UPDATE ON round_audit"
  " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER round_audit_no_delete BEFORE DELETE ON round_audit"
  " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER round_text_no_update BEFORE UPDATE ON round_text"
  " BEGIN SELECT RAISE(ABORT, 'a text keeps every version'); END;"
  "CREATE TRIGGER round_text_no_delete BEFORE DELETE ON round_text"
  " BEGIN SELECT RAISE(ABORT, 'a text keeps every version'); END",
  /* version 7: the forecast plan's items written unit by unit while a round is bound
   * (write_plan()): the version of each unit's items (unit by code), who changed them last and
   * when; the row of unit '' is the year's generation, bumped by every whole save or removal */
  "CREATE TABLE plan_version(year INTEGER NOT NULL, unit TEXT NOT NULL, version INTEGER NOT NULL, person TEXT,"
  " at INTEGER NOT NULL, PRIMARY KEY(year, unit));"
  /* a unit's items are found by unit when they are rewritten */
  "CREATE INDEX forecast_rule_unit ON forecast_rule(year, unit);"
  "CREATE INDEX adjustment_unit ON adjustment(year, unit);"
  "CREATE INDEX measure_unit ON measure(year, unit);"
  "CREATE INDEX accrual_unit ON accrual(year, unit)",
  /* version 8: goals and indicators (goals.h), saved with the model; ids are the model's indices */
  "CREATE TABLE goal_indicator(year INTEGER NOT NULL, id INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,"
  " unit_of_measure TEXT NOT NULL, decimals INTEGER NOT NULL, direction INTEGER NOT NULL,"
  " aggregation INTEGER NOT NULL, weight TEXT, periodicity INTEGER NOT NULL, relative INTEGER NOT NULL,"
  " green_margin INTEGER NOT NULL, yellow_margin INTEGER NOT NULL, external_id TEXT NOT NULL, PRIMARY KEY(year, id));"
  "CREATE TABLE goal_target(year INTEGER NOT NULL, indicator INTEGER NOT NULL, target_year INTEGER NOT NULL,"
  " target INTEGER NOT NULL, high INTEGER NOT NULL, PRIMARY KEY(year, indicator, target_year));"
  "CREATE TABLE goal_value(year INTEGER NOT NULL, seq INTEGER NOT NULL, indicator INTEGER NOT NULL,"
  " unit INTEGER NOT NULL, period INTEGER NOT NULL, value INTEGER NOT NULL, source TEXT NOT NULL,"
  " imported INTEGER NOT NULL, PRIMARY KEY(year, seq));"
  "CREATE TABLE goal_node(year INTEGER NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL, code TEXT NOT NULL,"
  " name TEXT NOT NULL, text TEXT NOT NULL, parent INTEGER, unit INTEGER NOT NULL, responsible TEXT NOT NULL,"
  " first_year INTEGER NOT NULL, last_year INTEGER NOT NULL, PRIMARY KEY(year, id));"
  "CREATE TABLE goal_link(year INTEGER NOT NULL, goal INTEGER NOT NULL, seq INTEGER NOT NULL,"
  " indicator INTEGER NOT NULL, PRIMARY KEY(year, goal, seq));"
  "CREATE TABLE goal_rule(year INTEGER NOT NULL PRIMARY KEY, met_green INTEGER NOT NULL,"
  " partly_green_yellow INTEGER NOT NULL);"
  "CREATE TABLE goal_setting(year INTEGER NOT NULL, goal INTEGER NOT NULL, point TEXT NOT NULL,"
  " version INTEGER NOT NULL, proposed INTEGER NOT NULL, status INTEGER NOT NULL, overridden INTEGER NOT NULL,"
  " reason TEXT NOT NULL, comment TEXT NOT NULL, by TEXT NOT NULL, at INTEGER NOT NULL, unlit INTEGER NOT NULL,"
  " green INTEGER NOT NULL, yellow INTEGER NOT NULL, red INTEGER NOT NULL, PRIMARY KEY(year, goal, point, version));"
  "CREATE TABLE goal_volume(year INTEGER NOT NULL, indicator INTEGER NOT NULL, cost_row TEXT NOT NULL,"
  " PRIMARY KEY(year, indicator));"
  "CREATE TABLE goal_budget_volume(year INTEGER NOT NULL, indicator INTEGER NOT NULL, unit INTEGER NOT NULL,"
  " per_month INTEGER NOT NULL, PRIMARY KEY(year, indicator, unit))",
  /* version 9: the goal a measure serves (its code, '' when none) */
  "ALTER TABLE measure ADD COLUMN goal TEXT NOT NULL DEFAULT ''",
  /* version 10: what a measure is for (tertial_measure_kind: 0 for a deviation, 1 efficiency) */
  "ALTER TABLE measure ADD COLUMN kind INTEGER NOT NULL DEFAULT 0",
  /* version 11: the planning process (issue 19). Decided proposals applied to budget versions,
   * saved with the model (ids are the model's indices); and, each saved and loaded on its own by
   * fiscal year, proposals of the prioritisation model, unfunded decisions and internal control
   * (the threshold, risks, controls, results) */
  "CREATE TABLE budget_applied(year INTEGER NOT NULL, seq INTEGER NOT NULL, measure INTEGER NOT NULL,"
  " code TEXT NOT NULL, unit INTEGER NOT NULL, account INTEGER NOT NULL, amount INTEGER NOT NULL,"
  " PRIMARY KEY(year, seq));"
  "CREATE TABLE plan_proposal(year INTEGER NOT NULL, seq INTEGER NOT NULL, code TEXT NOT NULL, kind INTEGER NOT NULL,"
  " problem TEXT NOT NULL, target_group TEXT NOT NULL, measure TEXT NOT NULL, cost INTEGER NOT NULL,"
  " difficulty INTEGER NOT NULL, benefit INTEGER NOT NULL, cost_effectiveness INTEGER NOT NULL,"
  " perspective INTEGER NOT NULL, consequences TEXT NOT NULL, owner TEXT NOT NULL, status INTEGER NOT NULL,"
  " unit TEXT NOT NULL, account TEXT NOT NULL, PRIMARY KEY(year, seq));"
  "CREATE TABLE unfunded_decision(year INTEGER NOT NULL, seq INTEGER NOT NULL, code TEXT NOT NULL,"
  " committee TEXT NOT NULL, decided TEXT NOT NULL, decided_by TEXT NOT NULL, description TEXT NOT NULL,"
  " cost INTEGER NOT NULL, funding INTEGER NOT NULL, funded INTEGER NOT NULL, PRIMARY KEY(year, seq));"
  "CREATE TABLE ic_setting(year INTEGER NOT NULL PRIMARY KEY, threshold INTEGER NOT NULL);"
  "CREATE TABLE ic_risk(year INTEGER NOT NULL, seq INTEGER NOT NULL, code TEXT NOT NULL, committee TEXT NOT NULL,"
  " process TEXT NOT NULL, risk TEXT NOT NULL, likelihood INTEGER NOT NULL, consequence INTEGER NOT NULL,"
  " PRIMARY KEY(year, seq));"
  "CREATE TABLE ic_control(year INTEGER NOT NULL, seq INTEGER NOT NULL, code TEXT NOT NULL, risk TEXT NOT NULL,"
  " activity TEXT NOT NULL, method TEXT NOT NULL, frequency TEXT NOT NULL, responsible TEXT NOT NULL,"
  " point TEXT NOT NULL, PRIMARY KEY(year, seq));"
  "CREATE TABLE ic_result(year INTEGER NOT NULL, seq INTEGER NOT NULL, control TEXT NOT NULL, point TEXT NOT NULL,"
  " result TEXT NOT NULL, deviations INTEGER NOT NULL, measures TEXT NOT NULL, PRIMARY KEY(year, seq))",
  /* version 12: the investment budget's projects by fiscal year (amounts a0..a9 for the plan
   * years first_year + i), and annual wheel templates by name (their sub-processes and activities,
   * seq their index, ord their place among both in the template's order; the highest id is the
   * one saved last) */
  "CREATE TABLE invest_project(year INTEGER NOT NULL, seq INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,"
  " unit TEXT NOT NULL, category TEXT NOT NULL, status INTEGER NOT NULL, first_year INTEGER NOT NULL,"
  " years INTEGER NOT NULL, a0 INTEGER NOT NULL, a1 INTEGER NOT NULL, a2 INTEGER NOT NULL, a3 INTEGER NOT NULL,"
  " a4 INTEGER NOT NULL, a5 INTEGER NOT NULL, a6 INTEGER NOT NULL, a7 INTEGER NOT NULL, a8 INTEGER NOT NULL,"
  " a9 INTEGER NOT NULL, has_spent INTEGER NOT NULL, spent INTEGER NOT NULL, has_budget INTEGER NOT NULL,"
  " budget INTEGER NOT NULL, PRIMARY KEY(year, seq));"
  "CREATE TABLE wheel_template(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
  "CREATE TABLE wheel_process(wheel INTEGER NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, flow INTEGER NOT NULL,"
  " w_kind INTEGER NOT NULL, w_year INTEGER NOT NULL, from_week INTEGER NOT NULL, to_week INTEGER NOT NULL,"
  " from_month INTEGER NOT NULL, from_day INTEGER NOT NULL, to_month INTEGER NOT NULL, to_day INTEGER NOT NULL,"
  " objects_in TEXT NOT NULL, objects_out TEXT NOT NULL, line INTEGER NOT NULL, ord INTEGER NOT NULL,"
  " PRIMARY KEY(wheel, seq));"
  "CREATE TABLE wheel_activity(wheel INTEGER NOT NULL, seq INTEGER NOT NULL, process INTEGER NOT NULL,"
  " name TEXT NOT NULL, w_kind INTEGER NOT NULL, w_year INTEGER NOT NULL, from_week INTEGER NOT NULL,"
  " to_week INTEGER NOT NULL, from_month INTEGER NOT NULL, from_day INTEGER NOT NULL, to_month INTEGER NOT NULL,"
  " to_day INTEGER NOT NULL, responsible TEXT NOT NULL, participants TEXT NOT NULL, unit TEXT NOT NULL,"
  " decided_by TEXT NOT NULL, objects_in TEXT NOT NULL, objects_out TEXT NOT NULL, variant INTEGER NOT NULL,"
  " line INTEGER NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY(wheel, seq))",
  /* version 13: internal control followed up through the round (issue 19): every report of a
   * control's result at a point, one row per version (the latest is the result), who and when;
   * append-only like the texts */
  "CREATE TABLE ic_report(year INTEGER NOT NULL, control TEXT NOT NULL, point TEXT NOT NULL, version INTEGER NOT NULL,"
  " result TEXT NOT NULL, deviations INTEGER NOT NULL, measures TEXT NOT NULL, person TEXT NOT NULL,"
  " on_behalf_of TEXT, at INTEGER NOT NULL, PRIMARY KEY(year, control, point, version));"
  "CREATE TRIGGER ic_report_no_update BEFORE UPDATE ON ic_report"
  " BEGIN SELECT RAISE(ABORT, 'a control keeps every report'); END;"
  "CREATE TRIGGER ic_report_no_delete BEFORE DELETE ON ic_report"
  " BEGIN SELECT RAISE(ABORT, 'a control keeps every report'); END",
  /* version 14: the lines of the frame update applied to make a budget version (issue 19), by
   * fiscal year and target version (its measure, and its name as it was), seq their order */
  "CREATE TABLE frame_line(year INTEGER NOT NULL, measure INTEGER NOT NULL, seq INTEGER NOT NULL,"
  " version TEXT NOT NULL, unit TEXT NOT NULL, account TEXT NOT NULL, kind INTEGER NOT NULL, rate INTEGER NOT NULL,"
  " persons INTEGER NOT NULL, per_person INTEGER NOT NULL, amount INTEGER NOT NULL, age_group TEXT NOT NULL,"
  " text TEXT NOT NULL, base INTEGER NOT NULL, change INTEGER NOT NULL, PRIMARY KEY(year, measure, seq))",
};

/* Version 3 holds one model per fiscal year: every table of version 2 is rebuilt with the fiscal
 * year (its first calendar year) as the first column of its key, and the model a version-2 store
 * holds keeps its year. The periodisation keys arrive with it. meta comes last: the others read
 * the year from it. */
typedef struct table_v3 {
  const char *name, *columns;
} table_v3;

static const table_v3 tables_v3[] = {
  {"org_level", "id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(year, id)"},
  {"unit", "id INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, manager TEXT NOT NULL, level INTEGER NOT NULL,"
           " parent INTEGER, PRIMARY KEY(year, id), UNIQUE(year, code)"},
  {"unit_move", "unit INTEGER NOT NULL, from_period INTEGER NOT NULL, parent INTEGER NOT NULL,"
                " PRIMARY KEY(year, unit, from_period)"},
  {"followup_point", "seq INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, cutoff INTEGER NOT NULL,"
                     " deadline_months_after INTEGER NOT NULL, deadline_day INTEGER NOT NULL, PRIMARY KEY(year, seq),"
                     " UNIQUE(year, code)"},
  {"account", "id INTEGER NOT NULL, number TEXT NOT NULL, name TEXT NOT NULL, type INTEGER NOT NULL,"
              " internal INTEGER NOT NULL, PRIMARY KEY(year, id), UNIQUE(year, number)"},
  {"ledger_measure",
   "id INTEGER NOT NULL, name TEXT NOT NULL, kind INTEGER, decided TEXT, reason TEXT, decided_by TEXT,"
   " revises INTEGER, PRIMARY KEY(year, id), UNIQUE(year, name)"},
  {"amount",
   "seq INTEGER NOT NULL, unit INTEGER NOT NULL, account INTEGER NOT NULL, measure INTEGER NOT NULL,"
   " m1 INTEGER NOT NULL, m2 INTEGER NOT NULL, m3 INTEGER NOT NULL, m4 INTEGER NOT NULL, m5 INTEGER NOT NULL,"
   " m6 INTEGER NOT NULL, m7 INTEGER NOT NULL, m8 INTEGER NOT NULL, m9 INTEGER NOT NULL, m10 INTEGER NOT NULL,"
   " m11 INTEGER NOT NULL, m12 INTEGER NOT NULL, PRIMARY KEY(year, seq)"},
  {"forecast",
   "unit INTEGER NOT NULL, row_code TEXT NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY(year, unit, row_code)"},
  {"adjustment", "seq INTEGER NOT NULL, unit INTEGER NOT NULL, row_code TEXT NOT NULL, amount INTEGER NOT NULL,"
                 " kind INTEGER NOT NULL, reason TEXT NOT NULL, from_measure INTEGER, PRIMARY KEY(year, seq)"},
  {"measure",
   "seq INTEGER NOT NULL, unit INTEGER NOT NULL, row_code TEXT NOT NULL, description TEXT NOT NULL,"
   " cause TEXT NOT NULL, effect INTEGER NOT NULL, consequence TEXT NOT NULL, due TEXT, status INTEGER NOT NULL,"
   " follow_up TEXT NOT NULL, in_forecast INTEGER NOT NULL, PRIMARY KEY(year, seq)"},
  {"adherence_plan", "seq INTEGER NOT NULL, unit INTEGER NOT NULL, manager TEXT NOT NULL, PRIMARY KEY(year, seq)"},
  {"adherence_moment",
   "plan INTEGER NOT NULL, seq INTEGER NOT NULL, moment TEXT NOT NULL, PRIMARY KEY(year, plan, seq)"},
  {"adherence_risk", "plan INTEGER NOT NULL, seq INTEGER NOT NULL, cause TEXT NOT NULL, measures TEXT NOT NULL,"
                     " expected_effect INTEGER NOT NULL, consequences TEXT NOT NULL, PRIMARY KEY(year, plan, seq)"},
  {"accrual", "seq INTEGER NOT NULL, unit INTEGER NOT NULL, account TEXT NOT NULL, month INTEGER NOT NULL,"
              " amount INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY(year, seq)"},
  {"snapshot",
   "seq INTEGER NOT NULL, point TEXT NOT NULL, cutoff INTEGER NOT NULL, taken_on TEXT, PRIMARY KEY(year, seq),"
   " UNIQUE(year, point)"},
  {"snapshot_entry",
   "snapshot INTEGER NOT NULL, seq INTEGER NOT NULL, unit INTEGER NOT NULL, row_code TEXT NOT NULL,"
   " method INTEGER NOT NULL, fallback INTEGER NOT NULL, base INTEGER NOT NULL,"
   " adjustments INTEGER NOT NULL, planned INTEGER NOT NULL, forecast INTEGER NOT NULL,"
   " outcome_to_date INTEGER NOT NULL, budget_year INTEGER NOT NULL, PRIMARY KEY(year, snapshot, seq)"},
  {"forecast_rule", "seq INTEGER NOT NULL, unit INTEGER NOT NULL, row_code TEXT, method INTEGER NOT NULL,"
                    " run_rate_months INTEGER NOT NULL, PRIMARY KEY(year, seq)"},
  {"forecast_manual", "seq INTEGER NOT NULL, unit INTEGER NOT NULL, row_code TEXT NOT NULL, amount INTEGER NOT NULL,"
                      " PRIMARY KEY(year, seq)"},
  {"forecast_driver",
   "seq INTEGER NOT NULL, unit INTEGER NOT NULL, row_code TEXT NOT NULL, name TEXT NOT NULL,"
   " volume_unit TEXT NOT NULL, unit_cost INTEGER NOT NULL, v1 INTEGER NOT NULL, v2 INTEGER NOT NULL,"
   " v3 INTEGER NOT NULL, v4 INTEGER NOT NULL, v5 INTEGER NOT NULL, v6 INTEGER NOT NULL,"
   " v7 INTEGER NOT NULL, v8 INTEGER NOT NULL, v9 INTEGER NOT NULL, v10 INTEGER NOT NULL,"
   " v11 INTEGER NOT NULL, v12 INTEGER NOT NULL, PRIMARY KEY(year, seq)"},
  {"meta", "key TEXT NOT NULL, value, PRIMARY KEY(year, key)"},
};

#define N_TABLES_V3 (sizeof tables_v3 / sizeof *tables_v3)

/* New in version 3: the key set's periodisation keys (the values they were made with) and its
 * assignment rules (unit NULL: every unit; prefixes NULL: every account). */
static const char periodisation_key_v3[] =
  "CREATE TABLE period_key(year INTEGER NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, kind INTEGER NOT NULL,"
  " flags INTEGER NOT NULL, has_values INTEGER NOT NULL, v1 INTEGER NOT NULL, v2 INTEGER NOT NULL,"
  " v3 INTEGER NOT NULL, v4 INTEGER NOT NULL, v5 INTEGER NOT NULL, v6 INTEGER NOT NULL, v7 INTEGER NOT NULL,"
  " v8 INTEGER NOT NULL, v9 INTEGER NOT NULL, v10 INTEGER NOT NULL, v11 INTEGER NOT NULL, v12 INTEGER NOT NULL,"
  " PRIMARY KEY(year, seq));"
  "CREATE TABLE period_key_rule(year INTEGER NOT NULL, seq INTEGER NOT NULL, unit INTEGER, from_prefix TEXT,"
  " to_prefix TEXT, key TEXT NOT NULL, PRIMARY KEY(year, seq))";

/* The schema version this file writes. */
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof *migrations))

/* The oldest schema a read-only open reads: version 4 only adds the save versions, which a
 * read-only handle, which never saves, does without; version 5 only adds the level deadlines,
 * which an older store has none of (read_level_deadlines()); version 6 only adds the rounds, which
 * an older store has none of (load_round()); version 7 only adds the plan items' versions, all 0
 * in an older store (read_plan_versions()); version 8 only adds the goals, which an older store has
 * none of (load_goals()); versions 9 and 10 only add the measures' goals and kinds, '' and 0 in an
 * older store; version 11 only adds the planning process's tables, which an older store has none
 * of (load_applied(), tertial_store_load_proposals() and the like); versions 12 and 13 only
 * add the investment projects and the wheels, and the controls' results reported through the
 * round (load_reports()), which an older store has none of; version 14 only adds the frame update
 * lines, which an older store has none of (tertial_store_load_frame_lines()). */
#define READABLE_SCHEMA 3

/* Tables a save empties (for the model's fiscal year) before writing the model anew. */
static const char *const data_tables[] = {
  "meta", "org_level", "unit", "unit_move", "followup_point", "followup_level_deadline", "account", "ledger_measure", "amount",
  "forecast", "adjustment", "measure", "adherence_plan", "adherence_moment", "adherence_risk", "accrual",
  "snapshot", "snapshot_entry", "forecast_rule", "forecast_manual", "forecast_driver", "period_key",
  "period_key_rule", "goal_indicator", "goal_target", "goal_value", "goal_node", "goal_link", "goal_rule",
  "goal_setting", "goal_volume", "goal_budget_volume",
  "budget_applied",
};

static int year_present(tertial_store *st, int first_year);

static int sql_error(tertial_store *st, const char *what)
{
  return tertial__error(TERTIAL_ERR_IO, "store %s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

static int exec(tertial_store *st, const char *sql, const char *what)
{
  return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : sql_error(st, what);
}

static int prepare(tertial_store *st, sqlite3_stmt **stmt, const char *sql)
{
  return sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) == SQLITE_OK ? 0 : sql_error(st, "preparing a statement");
}

/* SQL of one fiscal year: every "{Y}" becomes st->year, written as a literal so that the
 * statements' parameters keep their numbers. */
static int year_sql(tertial_store *st, char *buf, size_t size, const char *sql)
{
  size_t n = 0;
  for (const char *p = sql; *p; p++) {
    if (p[0] == '{' && p[1] == 'Y' && p[2] == '}') {
      int w = snprintf(buf + n, size - n, "%d", st->year);
      if (w < 0 || (size_t)w >= size - n)
        break;
      n += (size_t)w;
      p += 2;
    } else if (n + 1 < size) {
      buf[n++] = *p;
    } else {
      break;
    }
  }
  if (n + 1 >= size)
    return tertial__error(TERTIAL_ERR_INVALID, "store %s: a statement is too long", st->path);
  buf[n] = '\0';
  return 0;
}

static int yprepare(tertial_store *st, sqlite3_stmt **stmt, const char *sql)
{
  char buf[2048];
  int rc = year_sql(st, buf, sizeof buf, sql);
  return rc < 0 ? rc : prepare(st, stmt, buf);
}

static int yexec(tertial_store *st, const char *sql, const char *what)
{
  char buf[2048];
  int rc = year_sql(st, buf, sizeof buf, sql);
  return rc < 0 ? rc : exec(st, buf, what);
}

/* Step a statement that returns no rows, then reset it for the next bindings. */
static int step_done(tertial_store *st, sqlite3_stmt *stmt, const char *what)
{
  int rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 : sql_error(st, what);
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return rc;
}

static void bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
  if (s)
    sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(stmt, i);
}

static void bind_date(sqlite3_stmt *stmt, int i, tertial_date d)
{
  char buf[32];
  if (d.year == 0 && d.month == 0 && d.day == 0) {
    sqlite3_bind_null(stmt, i);
    return;
  }
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  sqlite3_bind_text(stmt, i, buf, -1, SQLITE_TRANSIENT);
}

static tertial_date column_date(sqlite3_stmt *stmt, int i)
{
  tertial_date d = {0, 0, 0};
  const char *s = (const char *)sqlite3_column_text(stmt, i);
  if (s && sscanf(s, "%d-%d-%d", &d.year, &d.month, &d.day) != 3)
    d = (tertial_date){0, 0, 0};
  return d;
}

static const char *column_str(sqlite3_stmt *stmt, int i)
{
  const char *s = (const char *)sqlite3_column_text(stmt, i);
  return s ? s : "";
}

static int read_schema_version(tertial_store *st, int *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = prepare(st, &stmt, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
  if (rc < 0)
    return rc;
  int present = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  if (present < 0)
    return sql_error(st, "reading the schema");
  *out = 0;
  if (!present)
    return 0;
  if ((rc = prepare(st, &stmt, "SELECT max(version) FROM schema_version")) < 0)
    return rc;
  int step = sqlite3_step(stmt);
  if (step == SQLITE_ROW)
    *out = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  return step == SQLITE_ROW ? 0 : sql_error(st, "reading the schema version");
}

/* Version 2 to 3 (inside the migration's transaction). */
static int migrate_v3(tertial_store *st)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < N_TABLES_V3; i++) {
    const char *t = tables_v3[i].name;
    char sql[1536];
    int n = snprintf(sql, sizeof sql,
                     "CREATE TABLE v3_%s(year INTEGER NOT NULL, %s);"
                     "INSERT INTO v3_%s SELECT (SELECT value FROM meta WHERE key = 'first_year'), * FROM %s;"
                     "DROP TABLE %s; ALTER TABLE v3_%s RENAME TO %s",
                     t, tables_v3[i].columns, t, t, t, t, t);
    rc = n > 0 && (size_t)n < sizeof sql ? exec(st, sql, "migrating the schema to version 3")
                                         : tertial__error(TERTIAL_ERR_INVALID, "store: migration of %s too long", t);
  }
  return rc < 0 ? rc : exec(st, periodisation_key_v3, "migrating the schema to version 3");
}

/* End a transaction: commit when rc is 0; roll back when rc is an error or the commit failed, so
 * that no error leaves a transaction open. */
static int finish(tertial_store *st, int rc, const char *what)
{
  if (rc == 0)
    rc = exec(st, "COMMIT", what);
  if (rc < 0 && !sqlite3_get_autocommit(st->db))
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* Bring the schema to the newest version in one transaction. */
static int migrate(tertial_store *st)
{
  int version = 0, rc = exec(st, "BEGIN IMMEDIATE", "starting the migration");
  if (rc < 0)
    return rc;
  rc = read_schema_version(st, &version);
  if (rc == 0 && version == 0) {
    sqlite3_stmt *stmt = NULL;
    if ((rc = prepare(st, &stmt, "SELECT count(*) FROM sqlite_master")) == 0) {
      if (sqlite3_step(stmt) != SQLITE_ROW)
        rc = sql_error(st, "reading the schema");
      else if (sqlite3_column_int(stmt, 0) > 0)
        rc = tertial__error(TERTIAL_ERR_IO, "store %s: not a Tertial store (it has tables but no schema version)",
                            st->path);
      sqlite3_finalize(stmt);
    }
    if (rc == 0)
      rc = exec(st, "CREATE TABLE schema_version(version INTEGER NOT NULL, migrated_at TEXT NOT NULL)",
                "creating the schema");
  }
  if (rc == 0 && version > N_MIGRATIONS)
    rc = tertial__error(TERTIAL_ERR_STATE, "store %s: schema version %d is newer than this library's %d", st->path,
                        version, N_MIGRATIONS);
  for (int v = version; rc == 0 && v < N_MIGRATIONS; v++) {
    char sql[128];
    rc = migrations[v] ? exec(st, migrations[v], "migrating the schema") : migrate_v3(st);
    snprintf(sql, sizeof sql, "INSERT INTO schema_version VALUES(%d, datetime('now'))", v + 1);
    if (rc == 0)
      rc = exec(st, sql, "recording the schema version");
  }
  if ((rc = finish(st, rc, "committing the migration")) < 0)
    return rc;
  st->schema_version = version > N_MIGRATIONS ? version : N_MIGRATIONS;
  return 0;
}

/* What SQLite says of a file that is no database, or whose first read failed. */
static int probe_error(tertial_store *st)
{
  if (sqlite3_errcode(st->db) == SQLITE_NOTADB)
    return tertial__error(TERTIAL_ERR_IO, "store %s: not a Tertial store (%s)", st->path, sqlite3_errmsg(st->db));
  return sql_error(st, "reading the schema");
}

/* Look at the file before anything could write to it: its schema version, and whether it is a
 * Tertial store at all. A file without tables (an empty file) becomes one only with `create`. */
static int probe(tertial_store *st, int create)
{
  sqlite3_stmt *stmt = NULL;
  int tables = -1;
  if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL) != SQLITE_OK)
    return probe_error(st);
  if (sqlite3_step(stmt) == SQLITE_ROW)
    tables = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  if (tables < 0)
    return probe_error(st);
  int rc = read_schema_version(st, &st->schema_version);
  if (rc < 0)
    return rc;
  if (st->schema_version == 0 && tables > 0)
    return tertial__error(TERTIAL_ERR_IO, "store %s: not a Tertial store (it has tables but no schema version)",
                          st->path);
  if (st->schema_version == 0 && !create)
    return tertial__error(TERTIAL_ERR_IO, "store %s: not a Tertial store (the file is empty)", st->path);
  return 0;
}

/* A URI that opens path as immutable: %-escaped except for the characters a path may keep. */
static char *immutable_uri(const char *path)
{
  static const char hex[] = "0123456789ABCDEF";
  size_t len = strlen(path);
  char *uri = malloc(5 + 3 * len + sizeof "?immutable=1");
  if (!uri)
    return NULL;
  char *p = uri + 5;
  memcpy(uri, "file:", 5);
  for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
    if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || strchr("/._-~", *c)) {
      *p++ = (char)*c;
    } else {
      *p++ = '%';
      *p++ = hex[*c >> 4];
      *p++ = hex[*c & 15];
    }
  }
  strcpy(p, "?immutable=1");
  return uri;
}

/* A WAL-mode store opened read-only needs its -shm file, which SQLite creates when it is
 * missing; where it cannot (a read-only directory or mount) the first read fails with
 * SQLITE_CANTOPEN. Without a -wal file the database file holds every committed save, and SQLite
 * reads it as immutable (https://www.sqlite.org/wal.html, "Read-Only Databases"): no lock and no
 * file is needed, and none is written. A -wal file without a -shm file cannot be read here. */
static int reopen_immutable(tertial_store *st)
{
  size_t len = strlen(st->path) + sizeof "-wal";
  char *wal = malloc(len), *uri = immutable_uri(st->path);
  if (!wal || !uri) {
    free(wal);
    free(uri);
    return tertial__error(TERTIAL_ERR_NOMEM, "store %s: out of memory", st->path);
  }
  snprintf(wal, len, "%s-wal", st->path);
  int absent = access(wal, F_OK) != 0;
  free(wal);
  if (!absent) {
    free(uri);
    return sql_error(st, "reading it read-only (its -wal file has no -shm file, and none can be made here)");
  }
  sqlite3_close(st->db);
  st->db = NULL;
  int rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  free(uri);
  if (rc != SQLITE_OK)
    return st->db ? sql_error(st, "opening it read-only")
                  : tertial__error(TERTIAL_ERR_NOMEM, "store %s: SQLite could not allocate a connection", st->path);
  return 0;
}

int tertial_store_open(tertial_store **out, const char *path, unsigned int flags)
{
  if (!out || !path || !*path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_open: out and a path are required");
  *out = NULL;
  tertial_store *st = tertial__calloc(1, sizeof *st);
  if (!st || !(st->path = tertial__strdup(path))) {
    free(st);
    return TERTIAL_ERR_NOMEM;
  }
  st->readonly = (flags & TERTIAL_STORE_READONLY) != 0;
  int create = !st->readonly && (flags & TERTIAL_STORE_CREATE);
  int oflags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = 0;
  struct stat before;
  int missing = !create && strncmp(path, "file:", 5) != 0 && strcmp(path, ":memory:") != 0 &&
                stat(path, &before) < 0 ? errno : 0;
  if (missing) /* SQLite would only say "unable to open database file" */
    rc = tertial__error(TERTIAL_ERR_IO, "store %s: %s%s", path, strerror(missing),
                        missing == ENOENT ? " (tertial init, or an open with TERTIAL_STORE_CREATE, makes a store)" : "");
  else if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    rc = st->db ? sql_error(st, "opening")
                : tertial__error(TERTIAL_ERR_NOMEM, "store %s: SQLite could not allocate a connection", path);
  /* writers wait for each other instead of failing, from the first read of the schema on: a save
   * of a large model takes seconds */
  if (rc == 0)
    sqlite3_busy_timeout(st->db, 30000);
  if (rc == 0)
    rc = probe(st, create);
  if (rc < 0 && st->readonly && st->db && sqlite3_errcode(st->db) == SQLITE_CANTOPEN &&
      (rc = reopen_immutable(st)) == 0)
    rc = probe(st, 0);
  if (rc == 0)
    rc = exec(st, "PRAGMA foreign_keys = ON", "opening");
  if (rc == 0 && st->readonly) {
    if (st->schema_version > N_MIGRATIONS)
      rc = tertial__error(TERTIAL_ERR_STATE, "store %s: schema version %d is newer than this library's %d", path,
                          st->schema_version, N_MIGRATIONS);
    else if (st->schema_version < READABLE_SCHEMA)
      rc = tertial__error(TERTIAL_ERR_STATE,
                          "store %s: schema version %d, this library reads version %d; a read-only open does not "
                          "migrate it: open it writable once", path, st->schema_version, N_MIGRATIONS);
  } else if (rc == 0) {
    /* only now that the file is known to be a store (or empty and to be created) */
    rc = exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", "switching to WAL mode");
    if (rc == 0)
      rc = migrate(st);
  }
  struct stat sb;
  if (rc == 0 && stat(path, &sb) == 0) {
    st->identity = 1;
    st->dev = (uint64_t)sb.st_dev;
    st->ino = (uint64_t)sb.st_ino;
  }
  if (rc < 0) {
    tertial_store_free(st);
    return rc;
  }
  *out = st;
  return 0;
}

void tertial_store_free(tertial_store *store)
{
  if (!store)
    return;
  /* the rounds bound here outlive the handle: they are no longer written */
  for (size_t i = 0; i < store->n_bound; i++) {
    tertial__round_set_hook(store->bound[i]->round, NULL);
    free(store->bound[i]);
  }
  free(store->bound);
  sqlite3_close(store->db);
  free(store->path);
  free(store->seen);
  free(store);
}

const char *tertial_store_path(const tertial_store *store)
{
  return store ? store->path : NULL;
}

int tertial_store_schema_version(const tertial_store *store)
{
  return store ? store->schema_version : 0;
}

int tertial_store_has_model(tertial_store *store)
{
  if (!store)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_has_model: store is NULL");
  sqlite3_stmt *stmt = NULL;
  int rc = prepare(store, &stmt, "SELECT count(*) FROM meta WHERE key = 'first_year'");
  if (rc < 0)
    return rc;
  rc = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) > 0 : sql_error(store, "reading");
  sqlite3_finalize(stmt);
  return rc;
}

/* ---- save versions ---- */

/* A fiscal year's save version and when it was saved (saved_at "" when never): 0 for a year never
 * saved, or saved only before schema version 4, which has no versions. */
static int read_version(tertial_store *st, int year, sqlite3_int64 *version, char *saved_at, size_t size)
{
  *version = 0;
  if (saved_at)
    *saved_at = '\0';
  if (st->schema_version < 4)
    return 0;
  sqlite3_stmt *stmt = NULL;
  int rc = prepare(st, &stmt, "SELECT version, saved_at FROM year_version WHERE year = ?");
  if (rc < 0)
    return rc;
  sqlite3_bind_int(stmt, 1, year);
  int step = sqlite3_step(stmt);
  if (step == SQLITE_ROW) {
    *version = sqlite3_column_int64(stmt, 0);
    if (saved_at)
      snprintf(saved_at, size, "%s", column_str(stmt, 1));
  }
  sqlite3_finalize(stmt);
  return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : sql_error(st, "reading the save version");
}

static seen_year *seen_of(tertial_store *st, int year)
{
  for (size_t i = 0; i < st->n_seen; i++)
    if (st->seen[i].year == year)
      return &st->seen[i];
  return NULL;
}

/* Remember the version of a year this handle read or wrote. */
static int remember(tertial_store *st, int year, sqlite3_int64 version)
{
  seen_year *s = seen_of(st, year);
  if (!s) {
    int rc = tertial__grow((void **)&st->seen, &st->cap_seen, st->n_seen + 1, sizeof *st->seen);
    if (rc < 0)
      return rc;
    s = &st->seen[st->n_seen++];
    s->year = year;
  }
  s->version = version;
  return 0;
}

/* The model came from this store file, or was saved to it: its origin holds the version it saw. */
static int from_here(const tertial_store *st, const tertial__store_origin *o)
{
  return o && o->known && st->identity && o->dev == st->dev && o->ino == st->ino;
}

/* Inside a write transaction: fail with a conflict when another connection saved or removed the
 * year since it was read; *next receives the version the change writes. What was read is the
 * model's own version when it was loaded from (or saved to) this store file, through any handle,
 * else what this handle last read of the year (tertial_store_has_year() before a new model is
 * saved); a year neither knows is written whatever the store holds. `model` may be NULL. */
static int check_version(tertial_store *st, int year, tertial_model *model, sqlite3_int64 *next)
{
  sqlite3_int64 now;
  char saved_at[32];
  int rc = read_version(st, year, &now, saved_at, sizeof saved_at);
  if (rc < 0)
    return rc;
  *next = now + 1;
  const tertial__store_origin *o = model ? tertial__model_store_origin(model) : NULL;
  const seen_year *s = seen_of(st, year);
  sqlite3_int64 read_at;
  if (from_here(st, o))
    read_at = o->version;
  else if (s)
    read_at = s->version;
  else
    return 0;
  if (read_at == now)
    return 0;
  int present = year_present(st, year);
  if (present < 0)
    return present;
  return tertial__error(TERTIAL_ERR_CONFLICT,
                        "store %s: the fiscal year %d was %s by another process or connection at %s UTC (version "
                        "%lld) after it was read here (version %lld); nothing was saved: load it again and repeat "
                        "the change",
                        st->path, year, present ? "saved" : "removed", saved_at, (long long)now,
                        (long long)read_at);
}

/* The model was read or written at this version of its year here. */
static void set_origin(tertial_store *st, tertial_model *model, sqlite3_int64 version)
{
  tertial__store_origin *o = tertial__model_store_origin(model);
  o->known = st->identity;
  o->dev = st->dev;
  o->ino = st->ino;
  o->version = version;
}

/* Record a change of a year (inside the transaction that makes it). */
static int write_version(tertial_store *st, int year, sqlite3_int64 version)
{
  sqlite3_stmt *stmt = NULL;
  int rc = prepare(st, &stmt, "INSERT OR REPLACE INTO year_version VALUES(?, ?, datetime('now'))");
  if (rc < 0)
    return rc;
  sqlite3_bind_int(stmt, 1, year);
  sqlite3_bind_int64(stmt, 2, version);
  rc = step_done(st, stmt, "writing the save version");
  sqlite3_finalize(stmt);
  return rc;
}

/* ---- the forecast plan's items, unit by unit ---- */

/* The version of each unit's plan items and the year's generation as the store holds them, into
 * the model's origin (inside the transaction of a load or save). */
static int read_plan_versions(tertial_store *st, tertial_model *model)
{
  tertial__store_origin *o = tertial__model_store_origin(model);
  const tertial_org *org = tertial_model_org(model);
  size_t n = tertial_org_unit_count(org);
  uint64_t *v = tertial__calloc(n ? n : 1, sizeof *v);
  if (!v)
    return TERTIAL_ERR_NOMEM;
  int64_t generation = 0;
  int rc = 0;
  if (st->schema_version >= 7) {
    sqlite3_stmt *stmt = NULL;
    rc = yprepare(st, &stmt, "SELECT unit, version FROM plan_version WHERE year = {Y}");
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
      const char *code = column_str(stmt, 0);
      tertial_unit_id u;
      if (!*code)
        generation = sqlite3_column_int64(stmt, 1);
      else if (tertial_org_find(&u, org, code) == 0)
        v[u] = (uint64_t)sqlite3_column_int64(stmt, 1);
      else
        tertial_error_clear(); /* a unit the year's organisation no longer has */
    }
    if (rc == 0 && step != SQLITE_DONE)
      rc = sql_error(st, "reading the forecast plan's versions");
    sqlite3_finalize(stmt);
  }
  if (rc < 0) {
    free(v);
    return rc;
  }
  free(o->plan_versions);
  o->plan_versions = v;
  o->n_plan_versions = n;
  o->plan_generation = generation;
  return 0;
}

/* A whole save or a removal rewrites every unit's items: the year's generation moves on. */
static int bump_generation(tertial_store *st)
{
  return yexec(st, "INSERT INTO plan_version VALUES({Y}, '', 1, NULL, unixepoch()) ON CONFLICT DO UPDATE"
                   " SET version = version + 1, at = excluded.at", "writing the forecast plan's generation");
}

/* ---- saving ---- */

/* The forecast plan's manual figures and volume drivers (its method rules are items, below). */
static int save_manual_drivers(tertial_store *st, tertial_model *model)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  sqlite3_stmt *ma = NULL, *dr = NULL;
  int rc = yprepare(st, &ma, "INSERT INTO forecast_manual VALUES({Y}, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &dr,
                  "INSERT INTO forecast_driver VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_forecast_manual_count(plan); i++) {
    tertial_unit_id u;
    const char *row;
    int64_t amount;
    rc = tertial_forecast_manual_at(&u, &row, &amount, plan, i);
    sqlite3_bind_int64(ma, 1, (sqlite3_int64)i);
    sqlite3_bind_int64(ma, 2, u);
    bind_text(ma, 3, row);
    sqlite3_bind_int64(ma, 4, amount);
    if (rc == 0)
      rc = step_done(st, ma, "writing the manual forecasts");
  }
  for (size_t i = 0; rc == 0 && i < tertial_forecast_driver_count(plan); i++) {
    tertial_unit_id u;
    const char *row, *name, *volume_unit;
    int64_t cost, v;
    rc = tertial_forecast_driver_at(&u, &row, &name, &volume_unit, &cost, plan, i);
    sqlite3_bind_int64(dr, 1, (sqlite3_int64)i);
    sqlite3_bind_int64(dr, 2, u);
    bind_text(dr, 3, row);
    bind_text(dr, 4, name);
    bind_text(dr, 5, volume_unit);
    sqlite3_bind_int64(dr, 6, cost);
    for (int m = 0; rc == 0 && m < 12; m++) {
      rc = tertial_forecast_driver_volume(&v, plan, i, m);
      sqlite3_bind_int64(dr, 7 + m, v);
    }
    if (rc == 0)
      rc = step_done(st, dr, "writing the volume drivers");
  }
  sqlite3_finalize(ma);
  sqlite3_finalize(dr);
  return rc;
}

static int save_meta(tertial_store *st, tertial_model *model)
{
  const tertial_fiscal_year *fy = tertial_model_fiscal_year(model);
  char *map_text = NULL;
  int rc = tertial_rowmap_format(&map_text, tertial_model_rowmap(model));
  sqlite3_stmt *stmt = NULL;
  if (rc == 0)
    rc = yprepare(st, &stmt, "INSERT INTO meta VALUES({Y}, ?, ?)");
  struct {
    const char *key;
    long long value;
  } ints[] = {
    {"first_year", fy->first_year},
    {"start_month", fy->start_month},
    {"current_budget", tertial_model_current_budget(model)},
    /* the point the plan is changed for: kept so that a frozen point stays frozen after a reload */
    {"forecast_cutoff", tertial_forecast_cutoff(tertial_model_forecast_plan(model))},
  };
  for (size_t i = 0; rc == 0 && i < sizeof ints / sizeof *ints; i++) {
    bind_text(stmt, 1, ints[i].key);
    sqlite3_bind_int64(stmt, 2, ints[i].value);
    rc = step_done(st, stmt, "writing the fiscal year");
  }
  if (rc == 0) {
    bind_text(stmt, 1, "rowmap");
    bind_text(stmt, 2, map_text);
    rc = step_done(st, stmt, "writing the report-row mapping");
  }
  sqlite3_finalize(stmt);
  tertial_free(map_text);
  return rc;
}

/* Periods whose structure the model uses: the fiscal year and the one before. */
static int window_periods(int periods[24], const tertial_fiscal_year *fy)
{
  tertial_fiscal_year prior = *fy;
  int rc = 0;
  if (fy->first_year > 1900)
    prior.first_year--;
  for (int i = 0; rc == 0 && i < 12; i++) {
    rc = tertial_fiscal_year_period(&periods[i], &prior, i);
    if (rc == 0)
      rc = tertial_fiscal_year_period(&periods[12 + i], fy, i);
  }
  return rc;
}

static int save_org(tertial_store *st, tertial_model *model)
{
  const tertial_org *org = tertial_model_org(model);
  sqlite3_stmt *lv = NULL, *un = NULL, *mv = NULL;
  int periods[24];
  int rc = window_periods(periods, tertial_model_fiscal_year(model));
  if (rc == 0)
    rc = yprepare(st, &lv, "INSERT INTO org_level VALUES({Y}, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &un, "INSERT INTO unit VALUES({Y}, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &mv, "INSERT INTO unit_move VALUES({Y}, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_org_level_count(org); i++) {
    sqlite3_bind_int64(lv, 1, (sqlite3_int64)i);
    bind_text(lv, 2, tertial_org_level_name(org, (int)i));
    rc = step_done(st, lv, "writing the organisation's levels");
  }
  for (tertial_unit_id u = 0; rc == 0 && u < tertial_org_unit_count(org); u++) {
    const tertial_unit *info = tertial_org_unit(org, u);
    /* period 0 precedes every move: the parent the unit was added with */
    tertial_unit_id parent = tertial__org_parent_at(org, u, 0), prev = parent;
    sqlite3_bind_int64(un, 1, u);
    bind_text(un, 2, info->code);
    bind_text(un, 3, info->name);
    bind_text(un, 4, info->manager);
    sqlite3_bind_int(un, 5, info->level);
    if (parent != TERTIAL_NO_UNIT)
      sqlite3_bind_int64(un, 6, parent);
    rc = step_done(st, un, "writing the units");
    for (int k = 0; rc == 0 && k < 24 && parent != TERTIAL_NO_UNIT; k++) {
      tertial_unit_id p = tertial__org_parent_at(org, u, periods[k]);
      if (p == prev)
        continue;
      sqlite3_bind_int64(mv, 1, u);
      sqlite3_bind_int(mv, 2, periods[k]);
      sqlite3_bind_int64(mv, 3, p);
      rc = step_done(st, mv, "writing the reorganisations");
      prev = p;
    }
  }
  sqlite3_finalize(lv);
  sqlite3_finalize(un);
  sqlite3_finalize(mv);
  return rc;
}

static int save_calendar_chart(tertial_store *st, tertial_model *model)
{
  const tertial_calendar *cal = tertial_model_calendar(model);
  const tertial_chart *chart = tertial_model_chart(model);
  sqlite3_stmt *pt = NULL, *ac = NULL, *lv = NULL;
  int rc = yprepare(st, &pt, "INSERT INTO followup_point VALUES({Y}, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &ac, "INSERT INTO account VALUES({Y}, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &lv, "INSERT INTO followup_level_deadline VALUES({Y}, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_calendar_point_count(cal); i++) {
    const tertial_followup_point *p = tertial_calendar_point(cal, i);
    sqlite3_bind_int64(pt, 1, (sqlite3_int64)i);
    bind_text(pt, 2, p->code);
    bind_text(pt, 3, p->name);
    sqlite3_bind_int(pt, 4, p->cutoff);
    sqlite3_bind_int(pt, 5, p->deadline_months_after);
    sqlite3_bind_int(pt, 6, p->deadline_day);
    rc = step_done(st, pt, "writing the follow-up points");
    for (size_t k = 0; rc == 0 && k < tertial_calendar_level_deadline_count(cal, i); k++) {
      const tertial_level_deadline *d = tertial_calendar_level_deadline_at(cal, i, k);
      bind_text(lv, 1, p->code);
      sqlite3_bind_int(lv, 2, d->level);
      sqlite3_bind_int(lv, 3, d->deadline_months_after);
      sqlite3_bind_int(lv, 4, d->deadline_day);
      rc = step_done(st, lv, "writing the follow-up points' level deadlines");
    }
  }
  for (tertial_account_id a = 0; rc == 0 && a < tertial_chart_count(chart); a++) {
    const tertial_account *acc = tertial_chart_account(chart, a);
    sqlite3_bind_int64(ac, 1, a);
    bind_text(ac, 2, acc->number);
    bind_text(ac, 3, acc->name);
    sqlite3_bind_int(ac, 4, (int)acc->type);
    sqlite3_bind_int(ac, 5, acc->internal);
    rc = step_done(st, ac, "writing the chart of accounts");
  }
  sqlite3_finalize(pt);
  sqlite3_finalize(ac);
  sqlite3_finalize(lv);
  return rc;
}

static int save_ledger(tertial_store *st, tertial_model *model)
{
  tertial_ledger *ledger = tertial_model_ledger(model);
  size_t nmeasures = tertial_ledger_measure_count(ledger);
  sqlite3_stmt *ms = NULL, *am = NULL;
  int rc = yprepare(st, &ms, "INSERT INTO ledger_measure VALUES({Y}, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &am, "INSERT INTO amount VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t m = 0; rc == 0 && m < nmeasures; m++) {
    tertial_budget_version v;
    sqlite3_bind_int64(ms, 1, (sqlite3_int64)m);
    bind_text(ms, 2, tertial_ledger_measure_name(ledger, (int)m));
    if (m > TERTIAL_MEASURE_PRIOR && tertial_budget_version_of(&v, model, (int)m) == 0) {
      sqlite3_bind_int(ms, 3, (int)v.kind);
      bind_date(ms, 4, v.decided);
      bind_text(ms, 5, v.reason);
      bind_text(ms, 6, v.decided_by);
      sqlite3_bind_int(ms, 7, v.revises);
    }
    rc = step_done(st, ms, "writing the measures");
  }
  for (size_t i = 0; rc == 0 && i < tertial__ledger_own_count(ledger); i++) {
    tertial_unit_id u;
    tertial_account_id a;
    tertial__ledger_own_key(ledger, i, &u, &a);
    for (size_t m = 0; rc == 0 && m < nmeasures; m++) {
      int64_t v[12];
      tertial__ledger_own_months(ledger, i, (int)m, v);
      sqlite3_bind_int64(am, 1, (sqlite3_int64)(i * nmeasures + m));
      sqlite3_bind_int64(am, 2, u);
      sqlite3_bind_int64(am, 3, a);
      sqlite3_bind_int64(am, 4, (sqlite3_int64)m);
      for (int k = 0; k < 12; k++)
        sqlite3_bind_int64(am, 5 + k, v[k]);
      rc = step_done(st, am, "writing the amounts");
    }
  }
  sqlite3_finalize(ms);
  sqlite3_finalize(am);
  return rc;
}

/* The forecasts the last tertial_forecast_apply() (or tertial_model_set_forecast()) left. */
static int save_forecasts(tertial_store *st, tertial_model *model)
{
  const tertial_rowmap *map = tertial_model_rowmap(model);
  sqlite3_stmt *fc = NULL;
  int rc = yprepare(st, &fc, "INSERT INTO forecast VALUES({Y}, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial__model_forecast_slots(model); i++) {
    tertial_unit_id u;
    int row;
    int64_t amount;
    if (!tertial__model_forecast_slot(model, i, &u, &row, &amount))
      continue;
    sqlite3_bind_int64(fc, 1, u);
    bind_text(fc, 2, tertial_rowmap_row(map, (size_t)row)->code);
    sqlite3_bind_int64(fc, 3, amount);
    rc = step_done(st, fc, "writing the forecasts");
  }
  sqlite3_finalize(fc);
  return rc;
}

/* The items of the forecast plan that people change in a round: method rules, adjustments,
 * measures (åtgärder) and accruals. A whole save writes every unit's, numbered by their index; a
 * change of a bound round rewrites one unit's: its items keep the numbers they had, in order (so
 * that they keep their places among the other units' items and the numbers people see do not
 * move), and new ones are numbered on after the year's last (the load reads them in the order of
 * their numbers, and a fed adjustment names its measure by the measure's number). */
enum { PT_RULE, PT_ADJUSTMENT, PT_MEASURE, PT_ACCRUAL, PT_TABLES };
static const char *const plan_tables[PT_TABLES] = {"forecast_rule", "adjustment", "measure", "accrual"};

typedef struct plan_scope {
  tertial_unit_id unit;          /* TERTIAL_NO_UNIT: every unit's */
  sqlite3_int64 *old[PT_TABLES]; /* a unit's: the numbers its items had, ascending */
  size_t nold[PT_TABLES];
} plan_scope;

/* Where the numbers of one table's items come from. */
typedef struct seq_source {
  const sqlite3_int64 *old;
  size_t nold, used;
  sqlite3_int64 next;
} seq_source;

static int in_scope(const plan_scope *sc, tertial_unit_id u)
{
  return sc->unit == TERTIAL_NO_UNIT || sc->unit == u;
}

/* The number after the year's last in a table (0 when it has none). */
static int next_seq(tertial_store *st, const char *table, sqlite3_int64 *out)
{
  char sql[96];
  *out = 0;
  sqlite3_stmt *stmt = NULL;
  snprintf(sql, sizeof sql, "SELECT coalesce(max(seq) + 1, 0) FROM %s WHERE year = {Y}", table);
  int rc = yprepare(st, &stmt, sql);
  if (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW)
    *out = sqlite3_column_int64(stmt, 0);
  else if (rc == 0)
    rc = sql_error(st, "numbering the forecast plan's items");
  sqlite3_finalize(stmt);
  return rc;
}

/* The numbers of a table's items: their indices in a whole save; in a unit's rewrite the unit's
 * old numbers first, then on after the year's last (and after every old one). */
static int first_seq(tertial_store *st, const plan_scope *sc, int table, seq_source *out)
{
  memset(out, 0, sizeof *out);
  if (sc->unit == TERTIAL_NO_UNIT)
    return 0;
  out->old = sc->old[table];
  out->nold = sc->nold[table];
  int rc = next_seq(st, plan_tables[table], &out->next);
  if (rc == 0 && out->nold && out->old[out->nold - 1] >= out->next)
    out->next = out->old[out->nold - 1] + 1;
  return rc;
}

static sqlite3_int64 take_seq(seq_source *s)
{
  return s->used < s->nold ? s->old[s->used++] : s->next++;
}

static int save_rules(tertial_store *st, tertial_model *model, const plan_scope *sc)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  sqlite3_stmt *ru = NULL;
  seq_source seq;
  int rc = first_seq(st, sc, PT_RULE, &seq);
  if (rc == 0)
    rc = yprepare(st, &ru, "INSERT INTO forecast_rule VALUES({Y}, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_forecast_rule_count(plan); i++) {
    tertial_unit_id u;
    const char *row;
    int method, n;
    rc = tertial_forecast_rule_at(&u, &row, &method, &n, plan, i);
    if (rc < 0 || !in_scope(sc, u))
      continue;
    sqlite3_bind_int64(ru, 1, take_seq(&seq));
    sqlite3_bind_int64(ru, 2, u);
    if (row)
      bind_text(ru, 3, row);
    else
      sqlite3_bind_null(ru, 3);
    sqlite3_bind_int(ru, 4, method);
    sqlite3_bind_int(ru, 5, n);
    rc = step_done(st, ru, "writing the forecast method rules");
  }
  sqlite3_finalize(ru);
  return rc;
}

/* Measures, then adjustments (a fed one names its measure's number). */
static int save_measures_adjustments(tertial_store *st, tertial_model *model, const plan_scope *sc)
{
  const tertial_forecast_plan *plan = tertial_model_forecast_plan(model);
  size_t nadj = tertial_forecast_adjustment_count(plan), nmeas = tertial_measure_count(model);
  sqlite3_stmt *ad = NULL, *me = NULL;
  seq_source seq_m, seq_a;
  /* the number each measure is written with, and the measure each adjustment came from */
  sqlite3_int64 *mseq = tertial__calloc(nmeas ? nmeas : 1, sizeof *mseq);
  long *fed = tertial__calloc(nadj ? nadj : 1, sizeof *fed);
  int rc = mseq && fed ? 0 : TERTIAL_ERR_NOMEM;
  for (size_t j = 0; rc == 0 && j < nadj; j++)
    fed[j] = -1;
  if (rc == 0)
    rc = first_seq(st, sc, PT_MEASURE, &seq_m);
  if (rc == 0)
    rc = first_seq(st, sc, PT_ADJUSTMENT, &seq_a);
  if (rc == 0)
    rc = yprepare(st, &ad, "INSERT INTO adjustment VALUES({Y}, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &me, "INSERT INTO measure VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < nmeas; i++) {
    const tertial_measure *m = tertial_measure_at(model, i);
    if (m->adjustment >= 0 && (size_t)m->adjustment < nadj)
      fed[m->adjustment] = (long)i;
    if (!in_scope(sc, m->unit))
      continue;
    mseq[i] = take_seq(&seq_m);
    sqlite3_bind_int64(me, 1, mseq[i]);
    sqlite3_bind_int64(me, 2, m->unit);
    bind_text(me, 3, m->row_code);
    bind_text(me, 4, m->description);
    bind_text(me, 5, m->cause ? m->cause : "");
    sqlite3_bind_int64(me, 6, m->effect);
    bind_text(me, 7, m->consequence ? m->consequence : "");
    bind_date(me, 8, m->due);
    sqlite3_bind_int(me, 9, (int)m->status);
    bind_text(me, 10, m->follow_up ? m->follow_up : "");
    sqlite3_bind_int(me, 11, m->in_forecast);
    bind_text(me, 12, m->goal ? m->goal : "");
    sqlite3_bind_int(me, 13, (int)m->kind);
    rc = step_done(st, me, "writing the measures (åtgärder)");
  }
  for (size_t j = 0; rc == 0 && j < nadj; j++) {
    const tertial_adjustment *a = tertial_forecast_adjustment_at(plan, j);
    if (!in_scope(sc, a->unit))
      continue;
    /* a measure feeds an adjustment of its own unit, so both are in scope */
    if (fed[j] >= 0 && !in_scope(sc, tertial_measure_at(model, (size_t)fed[j])->unit)) {
      rc = tertial__error(TERTIAL_ERR_STATE, "adjustment %zu came from a measure of another unit", j);
      break;
    }
    sqlite3_bind_int64(ad, 1, take_seq(&seq_a));
    sqlite3_bind_int64(ad, 2, a->unit);
    bind_text(ad, 3, a->row_code);
    sqlite3_bind_int64(ad, 4, a->amount);
    sqlite3_bind_int(ad, 5, (int)a->kind);
    bind_text(ad, 6, a->reason);
    if (fed[j] >= 0)
      sqlite3_bind_int64(ad, 7, mseq[fed[j]]);
    rc = step_done(st, ad, "writing the adjustments");
  }
  free(mseq);
  free(fed);
  sqlite3_finalize(ad);
  sqlite3_finalize(me);
  return rc;
}

static int save_accruals(tertial_store *st, tertial_model *model, const plan_scope *sc)
{
  sqlite3_stmt *ac = NULL;
  seq_source seq;
  int rc = first_seq(st, sc, PT_ACCRUAL, &seq);
  if (rc == 0)
    rc = yprepare(st, &ac, "INSERT INTO accrual VALUES({Y}, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_accrual_count(model); i++) {
    const tertial_accrual *a = tertial_accrual_at(model, i);
    if (!in_scope(sc, a->unit))
      continue;
    sqlite3_bind_int64(ac, 1, take_seq(&seq));
    sqlite3_bind_int64(ac, 2, a->unit);
    bind_text(ac, 3, a->account);
    sqlite3_bind_int(ac, 4, a->month);
    sqlite3_bind_int64(ac, 5, a->amount);
    bind_text(ac, 6, a->reason);
    rc = step_done(st, ac, "writing the accruals");
  }
  sqlite3_finalize(ac);
  return rc;
}

static int save_plan_items(tertial_store *st, tertial_model *model, const plan_scope *sc)
{
  int rc = save_rules(st, model, sc);
  if (rc == 0)
    rc = save_measures_adjustments(st, model, sc);
  return rc < 0 ? rc : save_accruals(st, model, sc);
}

static int save_all_plan_items(tertial_store *st, tertial_model *model)
{
  plan_scope all = {TERTIAL_NO_UNIT, {NULL}, {0}};
  return save_plan_items(st, model, &all);
}

static int save_adherence(tertial_store *st, tertial_model *model)
{
  sqlite3_stmt *pl = NULL, *mo = NULL, *ri = NULL;
  int rc = yprepare(st, &pl, "INSERT INTO adherence_plan VALUES({Y}, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &mo, "INSERT INTO adherence_moment VALUES({Y}, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &ri, "INSERT INTO adherence_risk VALUES({Y}, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_adherence_plan_count(model); i++) {
    const tertial_adherence_plan *p = tertial_adherence_plan_at(model, i);
    sqlite3_bind_int64(pl, 1, (sqlite3_int64)i);
    sqlite3_bind_int64(pl, 2, tertial_adherence_plan_unit(p));
    bind_text(pl, 3, tertial_adherence_plan_manager(p));
    rc = step_done(st, pl, "writing the adherence plans");
    for (size_t k = 0; rc == 0 && k < tertial_adherence_plan_moment_count(p); k++) {
      sqlite3_bind_int64(mo, 1, (sqlite3_int64)i);
      sqlite3_bind_int64(mo, 2, (sqlite3_int64)k);
      bind_text(mo, 3, tertial_adherence_plan_moment(p, k));
      rc = step_done(st, mo, "writing the critical moments");
    }
    for (size_t k = 0; rc == 0 && k < tertial_adherence_plan_risk_count(p); k++) {
      const tertial_adherence_risk *r = tertial_adherence_plan_risk(p, k);
      sqlite3_bind_int64(ri, 1, (sqlite3_int64)i);
      sqlite3_bind_int64(ri, 2, (sqlite3_int64)k);
      bind_text(ri, 3, r->cause);
      bind_text(ri, 4, r->measures ? r->measures : "");
      sqlite3_bind_int64(ri, 5, r->expected_effect);
      bind_text(ri, 6, r->consequences ? r->consequences : "");
      rc = step_done(st, ri, "writing the risks");
    }
  }
  sqlite3_finalize(pl);
  sqlite3_finalize(mo);
  sqlite3_finalize(ri);
  return rc;
}

/* One snapshot and its entries, numbered seq (statements prepared by the caller). */
static int save_snapshot(tertial_store *st, sqlite3_stmt *sn, sqlite3_stmt *en, const tertial_snapshot *s,
                         sqlite3_int64 seq)
{
  sqlite3_bind_int64(sn, 1, seq);
  bind_text(sn, 2, tertial_snapshot_point(s));
  sqlite3_bind_int(sn, 3, tertial_snapshot_cutoff(s));
  bind_date(sn, 4, tertial_snapshot_taken_on(s));
  int rc = step_done(st, sn, "writing the snapshots");
  for (size_t k = 0; rc == 0 && k < tertial_snapshot_entry_count(s); k++) {
    const tertial_snapshot_entry *e = tertial_snapshot_entry_at(s, k);
    sqlite3_bind_int64(en, 1, seq);
    sqlite3_bind_int64(en, 2, (sqlite3_int64)k);
    sqlite3_bind_int64(en, 3, e->unit);
    bind_text(en, 4, e->row_code);
    sqlite3_bind_int(en, 5, e->method);
    sqlite3_bind_int(en, 6, e->fallback);
    sqlite3_bind_int64(en, 7, e->base);
    sqlite3_bind_int64(en, 8, e->adjustments);
    sqlite3_bind_int64(en, 9, e->planned);
    sqlite3_bind_int64(en, 10, e->forecast);
    sqlite3_bind_int64(en, 11, e->outcome_to_date);
    sqlite3_bind_int64(en, 12, e->budget_year);
    rc = step_done(st, en, "writing the snapshot entries");
  }
  return rc;
}

/* The snapshots of the model (point NULL), or the one of a point numbered after the year's last. */
static int save_snapshots_of(tertial_store *st, tertial_model *model, const char *point)
{
  sqlite3_stmt *sn = NULL, *en = NULL;
  sqlite3_int64 seq = 0;
  int rc = point ? next_seq(st, "snapshot", &seq) : 0;
  if (rc == 0)
    rc = yprepare(st, &sn, "INSERT INTO snapshot VALUES({Y}, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &en, "INSERT INTO snapshot_entry VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_snapshot_count(model); i++) {
    const tertial_snapshot *s = tertial_snapshot_at(model, i);
    if (!point)
      rc = save_snapshot(st, sn, en, s, (sqlite3_int64)i);
    else if (strcmp(tertial_snapshot_point(s), point) == 0)
      rc = save_snapshot(st, sn, en, s, seq);
  }
  sqlite3_finalize(sn);
  sqlite3_finalize(en);
  return rc;
}

static int save_snapshots(tertial_store *st, tertial_model *model)
{
  return save_snapshots_of(st, model, NULL);
}

/* ---- periodisation keys ---- */

/* The key set's assignment rules in the order added (the order breaks ties when resolving). */
static int save_key_rules(tertial_store *st, const tertial_keyset *set)
{
  sqlite3_stmt *stmt = NULL;
  int rc = yprepare(st, &stmt, "INSERT INTO period_key_rule VALUES({Y}, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_keyset_rule_count(set); i++) {
    tertial_unit_id unit;
    const char *from, *to;
    const tertial_key *key;
    if ((rc = tertial_keyset_rule_at(&unit, &from, &to, &key, set, i)) < 0)
      break;
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)i);
    if (unit == TERTIAL_NO_UNIT)
      sqlite3_bind_null(stmt, 2);
    else
      sqlite3_bind_int64(stmt, 2, unit);
    bind_text(stmt, 3, from);
    bind_text(stmt, 4, to);
    bind_text(stmt, 5, tertial_key_name(key));
    rc = step_done(st, stmt, "writing the periodisation key rules");
  }
  sqlite3_finalize(stmt);
  return rc;
}

static int save_keys(tertial_store *st, tertial_model *model)
{
  const tertial_keyset *set = tertial_model_keys(model);
  if (!set)
    return TERTIAL_ERR_NOMEM;
  sqlite3_stmt *stmt = NULL, *meta = NULL;
  int rc = yprepare(st, &stmt, "INSERT INTO period_key VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &meta, "INSERT INTO meta VALUES({Y}, 'default_key', ?)");
  for (size_t i = 0; rc == 0 && i < tertial_keyset_count(set); i++) {
    const tertial_key *key = tertial_keyset_key(set, i);
    int64_t v[12];
    int has_values = tertial_key_values(v, key);
    if (has_values < 0) {
      rc = has_values;
      break;
    }
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)i);
    bind_text(stmt, 2, tertial_key_name(key));
    sqlite3_bind_int(stmt, 3, (int)tertial_key_kind_of(key));
    sqlite3_bind_int(stmt, 4, (int)tertial_key_holiday_flags(key));
    sqlite3_bind_int(stmt, 5, has_values);
    for (int k = 0; k < 12; k++)
      sqlite3_bind_int64(stmt, 6 + k, v[k]);
    if (rc == 0)
      rc = step_done(st, stmt, "writing the periodisation keys");
  }
  if (rc == 0) {
    bind_text(meta, 1, tertial_key_name(tertial_keyset_default(set)));
    rc = step_done(st, meta, "writing the default periodisation key");
  }
  sqlite3_finalize(stmt);
  sqlite3_finalize(meta);
  return rc < 0 ? rc : save_key_rules(st, set);
}

/* Delete the stored model of store->year (inside a transaction). */
/* ---- goals and indicators ---- */

typedef struct goals_saver {
  tertial_store *st;
  sqlite3_stmt *target, *value, *setting, *budget;
  sqlite3_int64 seq;
} goals_saver;

static int save_goal_budget(void *ctx, tertial_indicator_id id, tertial_unit_id unit, int64_t per_month)
{
  goals_saver *w = ctx;
  sqlite3_bind_int64(w->budget, 1, id);
  sqlite3_bind_int64(w->budget, 2, unit);
  sqlite3_bind_int64(w->budget, 3, per_month);
  return step_done(w->st, w->budget, "writing the budgeted volumes");
}

static int save_goal_target(void *ctx, tertial_indicator_id id, int year, int64_t target, int64_t high)
{
  goals_saver *w = ctx;
  sqlite3_bind_int64(w->target, 1, id);
  sqlite3_bind_int(w->target, 2, year);
  sqlite3_bind_int64(w->target, 3, target);
  sqlite3_bind_int64(w->target, 4, high);
  return step_done(w->st, w->target, "writing the indicators' targets");
}

static int save_goal_value(void *ctx, tertial_indicator_id id, tertial_unit_id unit, int period,
                           const tertial_indicator_value *v)
{
  goals_saver *w = ctx;
  sqlite3_bind_int64(w->value, 1, w->seq++);
  sqlite3_bind_int64(w->value, 2, id);
  sqlite3_bind_int64(w->value, 3, unit);
  sqlite3_bind_int(w->value, 4, period);
  sqlite3_bind_int64(w->value, 5, v->value);
  bind_text(w->value, 6, v->source);
  sqlite3_bind_int64(w->value, 7, (sqlite3_int64)v->imported);
  return step_done(w->st, w->value, "writing the indicators' values");
}

static int save_goal_setting(void *ctx, tertial_goal_id goal, const char *point, const tertial_goal_state *x)
{
  goals_saver *w = ctx;
  sqlite3_stmt *q = w->setting;
  sqlite3_bind_int64(q, 1, goal);
  bind_text(q, 2, point);
  sqlite3_bind_int64(q, 3, (sqlite3_int64)x->version);
  sqlite3_bind_int(q, 4, (int)x->proposed);
  sqlite3_bind_int(q, 5, (int)x->status);
  sqlite3_bind_int(q, 6, x->overridden);
  bind_text(q, 7, x->reason);
  bind_text(q, 8, x->comment);
  bind_text(q, 9, x->by);
  sqlite3_bind_int64(q, 10, (sqlite3_int64)x->when);
  for (int k = 0; k < 4; k++)
    sqlite3_bind_int64(q, 11 + k, (sqlite3_int64)x->lights[k]);
  return step_done(w->st, q, "writing the goals' statuses");
}

static int save_goals(tertial_store *st, tertial_model *model)
{
  tertial__goals *gi = tertial__model_goals(model);
  if (!gi)
    return 0;
  const tertial_goals *g = (const tertial_goals *)gi;
  sqlite3_stmt *ind = NULL, *node = NULL, *link = NULL, *rule = NULL, *vol = NULL;
  goals_saver w = {st, NULL, NULL, NULL, NULL, 0};
  int rc = yprepare(st, &ind, "INSERT INTO goal_indicator VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &w.target, "INSERT INTO goal_target VALUES({Y}, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &w.value, "INSERT INTO goal_value VALUES({Y}, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &node, "INSERT INTO goal_node VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &link, "INSERT INTO goal_link VALUES({Y}, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &rule, "INSERT INTO goal_rule VALUES({Y}, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &w.setting, "INSERT INTO goal_setting VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &vol, "INSERT INTO goal_volume VALUES({Y}, ?, ?)");
  if (rc == 0)
    rc = yprepare(st, &w.budget, "INSERT INTO goal_budget_volume VALUES({Y}, ?, ?, ?)");
  for (tertial_indicator_id i = 0; rc == 0 && i < tertial_indicator_count(g); i++) {
    const tertial_indicator_spec *x = tertial_indicator_at(g, i);
    sqlite3_bind_int64(ind, 1, i);
    bind_text(ind, 2, x->code);
    bind_text(ind, 3, x->name);
    bind_text(ind, 4, x->unit_of_measure);
    sqlite3_bind_int(ind, 5, x->decimals);
    sqlite3_bind_int(ind, 6, (int)x->direction);
    sqlite3_bind_int(ind, 7, (int)x->aggregation);
    bind_text(ind, 8, x->weight);
    sqlite3_bind_int(ind, 9, (int)x->periodicity);
    sqlite3_bind_int(ind, 10, x->relative);
    sqlite3_bind_int64(ind, 11, x->green_margin);
    sqlite3_bind_int64(ind, 12, x->yellow_margin);
    bind_text(ind, 13, x->external_id);
    rc = step_done(st, ind, "writing the indicators");
    if (rc == 0 && tertial_indicator_cost_row(g, i)) {
      sqlite3_bind_int64(vol, 1, i);
      bind_text(vol, 2, tertial_indicator_cost_row(g, i));
      rc = step_done(st, vol, "writing the volumes");
    }
  }
  for (tertial_goal_id k = 0; rc == 0 && k < tertial_goal_count(g); k++) {
    const tertial_goal *x = tertial_goal_at(g, k);
    sqlite3_bind_int64(node, 1, k);
    sqlite3_bind_int(node, 2, (int)x->kind);
    bind_text(node, 3, x->code);
    bind_text(node, 4, x->name);
    bind_text(node, 5, x->text);
    if (x->parent == TERTIAL_NO_GOAL)
      sqlite3_bind_null(node, 6);
    else
      sqlite3_bind_int64(node, 6, x->parent);
    sqlite3_bind_int64(node, 7, x->unit);
    bind_text(node, 8, x->responsible);
    sqlite3_bind_int(node, 9, x->first_year);
    sqlite3_bind_int(node, 10, x->last_year);
    rc = step_done(st, node, "writing the goals");
    tertial_indicator_id *links = NULL;
    size_t n = 0;
    if (rc == 0)
      rc = tertial_goal_indicators(&links, &n, g, k);
    for (size_t i = 0; rc == 0 && i < n; i++) {
      sqlite3_bind_int64(link, 1, k);
      sqlite3_bind_int64(link, 2, (sqlite3_int64)i);
      sqlite3_bind_int64(link, 3, links[i]);
      rc = step_done(st, link, "writing the goals' indicators");
    }
    tertial_free(links);
  }
  if (rc == 0) {
    tertial_goal_rule r = tertial_goals_rule(g);
    sqlite3_bind_int(rule, 1, r.met_green);
    sqlite3_bind_int(rule, 2, r.partly_green_yellow);
    rc = step_done(st, rule, "writing the goals' rule");
  }
  tertial__goals_visitor v = {save_goal_target, save_goal_value, save_goal_setting, save_goal_budget, &w};
  if (rc == 0)
    rc = tertial__goals_visit(gi, &v);
  sqlite3_finalize(ind);
  sqlite3_finalize(node);
  sqlite3_finalize(link);
  sqlite3_finalize(rule);
  sqlite3_finalize(vol);
  sqlite3_finalize(w.target);
  sqlite3_finalize(w.value);
  sqlite3_finalize(w.setting);
  sqlite3_finalize(w.budget);
  return rc;
}

static int delete_year(tertial_store *st)
{
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < sizeof data_tables / sizeof *data_tables; i++) {
    char sql[64];
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE year = {Y}", data_tables[i]);
    rc = yexec(st, sql, "clearing the previous model");
  }
  return rc;
}

/* ---- decided proposals applied to budget versions (priorities_budget.h) ---- */

static int save_applied(tertial_store *st, tertial_model *model)
{
  sqlite3_stmt *stmt = NULL;
  int rc = yprepare(st, &stmt, "INSERT INTO budget_applied VALUES({Y}, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial__budget_applied_count(model); i++) {
    const tertial_applied_proposal *r = tertial__budget_applied_at(model, i);
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)i);
    sqlite3_bind_int(stmt, 2, r->measure);
    bind_text(stmt, 3, r->code);
    sqlite3_bind_int64(stmt, 4, r->unit);
    sqlite3_bind_int64(stmt, 5, r->account);
    sqlite3_bind_int64(stmt, 6, r->amount);
    rc = step_done(st, stmt, "writing the applied proposals");
  }
  sqlite3_finalize(stmt);
  return rc;
}

/* Replace the stored model of the model's fiscal year (inside a transaction): the year's rows
 * are deleted, then every part is written, in this order. */
static int save_model(tertial_store *store, tertial_model *model)
{
  static int (*const parts[])(tertial_store *, tertial_model *) = {
    save_meta, save_org, save_calendar_chart, save_ledger, save_forecasts, save_all_plan_items,
    save_manual_drivers, save_adherence, save_snapshots, save_keys, save_goals, save_applied,
  };
  store->year = tertial_model_fiscal_year(model)->first_year;
  int rc = delete_year(store);
  for (size_t i = 0; rc == 0 && i < sizeof parts / sizeof *parts; i++)
    rc = parts[i](store, model);
  return rc;
}

static int writable(tertial_store *store, const char *fn)
{
  if (!store)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: store is NULL", fn);
  if (store->readonly)
    return tertial__error(TERTIAL_ERR_INVALID, "store %s: opened read-only", store->path);
  return 0;
}

/* Frame lines saved with a model (tertial_store_save_with_frame_lines()). */
typedef struct frame_job {
  int year, measure;
  const char *version;
  const tertial_frame_update *update;
} frame_job;

static int write_frame_lines(tertial_store *store, const frame_job *job);

/* Save the models, and the frame lines of `job` if there are any, in one transaction. */
static int save_years(tertial_store *store, tertial_model *const *models, size_t n, const frame_job *job);

int tertial_store_save_years(tertial_store *store, tertial_model *const *models, size_t n)
{
  return save_years(store, models, n, NULL);
}

static int save_years(tertial_store *store, tertial_model *const *models, size_t n, const frame_job *job)
{
  int rc = writable(store, "tertial_store_save_years");
  if (rc < 0)
    return rc;
  if (!models && n > 0)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_save_years: models is NULL");
  for (size_t i = 0; i < n; i++) {
    if (!models[i])
      return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_save_years: model %zu is NULL", i);
    for (size_t k = 0; k < i; k++)
      if (tertial_model_fiscal_year(models[k])->first_year == tertial_model_fiscal_year(models[i])->first_year)
        return tertial__error(TERTIAL_ERR_INVALID, "store %s: two models of the fiscal year %d in one save",
                              store->path, tertial_model_fiscal_year(models[i])->first_year);
  }
  sqlite3_int64 *next = tertial__calloc(n ? n : 1, sizeof *next);
  if (!next)
    return TERTIAL_ERR_NOMEM;
  /* IMMEDIATE: the versions compared are the ones this save replaces, no writer comes between */
  rc = exec(store, "BEGIN IMMEDIATE", "starting a save");
  for (size_t i = 0; rc == 0 && i < n; i++) {
    int year = tertial_model_fiscal_year(models[i])->first_year;
    rc = check_version(store, year, models[i], &next[i]);
    if (rc == 0)
      rc = save_model(store, models[i]);
    if (rc == 0)
      rc = write_version(store, year, next[i]);
    if (rc == 0)
      rc = bump_generation(store);
    if (rc == 0)
      rc = read_plan_versions(store, models[i]);
  }
  if (rc == 0 && job)
    rc = write_frame_lines(store, job);
  rc = finish(store, rc, "committing a save");
  for (size_t i = 0; rc == 0 && i < n; i++) {
    set_origin(store, models[i], next[i]);
    rc = remember(store, tertial_model_fiscal_year(models[i])->first_year, next[i]);
  }
  free(next);
  return rc;
}

int tertial_store_save(tertial_store *store, tertial_model *model)
{
  if (!store || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_save: NULL argument");
  return tertial_store_save_years(store, &model, 1);
}

int tertial_store_remove_year(tertial_store *store, int first_year)
{
  int rc = writable(store, "tertial_store_remove_year");
  int present = 0;
  if (rc == 0)
    rc = exec(store, "BEGIN IMMEDIATE", "starting a removal");
  if (rc < 0)
    return rc;
  sqlite3_int64 next = 0;
  if ((rc = check_version(store, first_year, NULL, &next)) == 0 && (rc = year_present(store, first_year)) > 0) {
    present = 1;
    store->year = first_year;
    rc = delete_year(store);
    if (rc == 0) /* the frame update lines name the model's versions: they go with it */
      rc = yexec(store, "DELETE FROM frame_line WHERE year = {Y}", "removing the year's frame lines");
    if (rc == 0)
      rc = write_version(store, first_year, next);
    if (rc == 0)
      rc = bump_generation(store);
  }
  if ((rc = finish(store, rc, "committing a removal")) < 0)
    return rc;
  if (!present)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "store %s holds no fiscal year %d", store->path, first_year);
  return remember(store, first_year, next);
}

/* ---- loading ---- */

/* Run a query and call fn for every row; stops at the first error. */
typedef int (*row_fn)(tertial_store *st, sqlite3_stmt *stmt, void *ctx);

static int each_row(tertial_store *st, const char *sql, row_fn fn, void *ctx, const char *table)
{
  sqlite3_stmt *stmt = NULL;
  int rc = yprepare(st, &stmt, sql), step = SQLITE_DONE;
  while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW)
    rc = fn(st, stmt, ctx);
  if (rc == 0 && step != SQLITE_DONE)
    rc = sql_error(st, table);
  else if (rc < 0 && tertial_error_last_code() != TERTIAL_ERR_IO) {
    char *msg = tertial__strdup(tertial_error_last());
    rc = tertial__error(rc, "store %s: table %s: %s", st->path, table, msg ? msg : "");
    free(msg);
  }
  sqlite3_finalize(stmt);
  return rc;
}

static int meta_int(tertial_store *st, const char *key, int *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = yprepare(st, &stmt, "SELECT value FROM meta WHERE year = {Y} AND key = ?");
  if (rc < 0)
    return rc;
  bind_text(stmt, 1, key);
  int step = sqlite3_step(stmt);
  if (step == SQLITE_ROW)
    *out = sqlite3_column_int(stmt, 0);
  else if (step == SQLITE_DONE)
    rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "store %s holds no model of the fiscal year %d (no %s)", st->path,
                        st->year, key);
  else
    rc = sql_error(st, "reading the fiscal year");
  sqlite3_finalize(stmt);
  return rc;
}

static int load_rowmap(tertial_store *st, tertial_model *model)
{
  sqlite3_stmt *stmt = NULL;
  int rc = yprepare(st, &stmt, "SELECT value FROM meta WHERE year = {Y} AND key = 'rowmap'");
  if (rc < 0)
    return rc;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    tertial_rowmap *map = NULL;
    rc = tertial_rowmap_parse(&map, column_str(stmt, 0), "stored mapping");
    if (rc == 0)
      rc = tertial_model_set_rowmap(model, map);
  } else {
    rc = sql_error(st, "reading the report-row mapping");
  }
  sqlite3_finalize(stmt);
  return rc;
}

static int row_level(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_org_add_level(NULL, ctx, column_str(stmt, 0));
}

static int row_unit(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_unit_id parent = sqlite3_column_type(stmt, 4) == SQLITE_NULL ? TERTIAL_NO_UNIT
                                                                         : (tertial_unit_id)sqlite3_column_int64(stmt, 4);
  return tertial_org_add_unit(NULL, ctx, column_str(stmt, 0), column_str(stmt, 1), parent,
                              sqlite3_column_int(stmt, 3), column_str(stmt, 2));
}

typedef struct move_rec {
  tertial_unit_id unit, parent;
  int period;
} move_rec;

typedef struct move_list {
  move_rec *items;
  size_t n, cap;
} move_list;

static int row_move(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  move_list *l = ctx;
  if (tertial__grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items) < 0)
    return TERTIAL_ERR_NOMEM;
  l->items[l->n++] = (move_rec){(tertial_unit_id)sqlite3_column_int64(stmt, 0),
                                (tertial_unit_id)sqlite3_column_int64(stmt, 2), sqlite3_column_int(stmt, 1)};
  return 0;
}

/* Apply the moves; one that would make a cycle only because a later move is still missing is
 * retried after the others. */
static int apply_moves(tertial_org *org, move_list *l)
{
  size_t left = l->n;
  while (left > 0) {
    size_t done = 0;
    for (size_t i = 0; i < l->n; i++) {
      if (l->items[i].period == 0)
        continue;
      int rc = tertial_org_move(org, l->items[i].unit, l->items[i].parent, l->items[i].period);
      if (rc == TERTIAL_ERR_STATE)
        continue;
      if (rc < 0)
        return rc;
      l->items[i].period = 0;
      done++;
    }
    if (done == 0)
      return tertial__error(TERTIAL_ERR_STATE, "the stored reorganisations make a unit its own ancestor");
    left -= done;
  }
  tertial_error_clear();
  return 0;
}

static int row_point(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_calendar_add_point(ctx, column_str(stmt, 0), column_str(stmt, 1), sqlite3_column_int(stmt, 2),
                                    sqlite3_column_int(stmt, 3), sqlite3_column_int(stmt, 4));
}

static int row_level_deadline(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_calendar_set_level_deadline(ctx, column_str(stmt, 0), sqlite3_column_int(stmt, 1),
                                             sqlite3_column_int(stmt, 2), sqlite3_column_int(stmt, 3));
}

/* The points' level deadlines; a store older than version 5 (read read-only) has none. */
static int read_level_deadlines(tertial_store *st, tertial_calendar *cal)
{
  if (st->schema_version < 5)
    return 0;
  return each_row(st,
                  "SELECT point, level, deadline_months_after, deadline_day FROM followup_level_deadline"
                  " WHERE year = {Y} ORDER BY point, level",
                  row_level_deadline, cal, "followup_level_deadline");
}

static int row_account(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_chart_add(NULL, ctx, column_str(stmt, 0), column_str(stmt, 1),
                           (tertial_account_type)sqlite3_column_int(stmt, 2), sqlite3_column_int(stmt, 3));
}

static int row_measure(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_model *model = ctx;
  tertial_ledger *ledger = tertial_model_ledger(model);
  int id = sqlite3_column_int(stmt, 0), got = -1, rc;
  const char *name = column_str(stmt, 1);
  if ((size_t)id < tertial_ledger_measure_count(ledger))
    return 0; /* outcome, prior year and "Budget" come with every model */
  tertial_budget_options o = TERTIAL_BUDGET_OPTIONS_INIT;
  int meta = sqlite3_column_type(stmt, 2) != SQLITE_NULL, revises = meta ? sqlite3_column_int(stmt, 6) : -1;
  if (meta) {
    o.kind = (tertial_budget_kind)sqlite3_column_int(stmt, 2);
    o.decided = column_date(stmt, 3);
    o.reason = column_str(stmt, 4);
    o.decided_by = column_str(stmt, 5);
  }
  int plain = !meta || (o.kind == TERTIAL_BUDGET_ADOPTED && o.decided.year == 0 && !*o.reason && !*o.decided_by &&
                        revises < 0);
  if (plain)
    rc = tertial_ledger_add_measure(&got, ledger, name);
  else if (revises >= 0)
    rc = tertial_budget_revise(&got, model, revises, name, &o);
  else
    rc = tertial_budget_create(&got, model, name, &o);
  if (rc == 0 && got != id)
    rc = tertial__error(TERTIAL_ERR_STATE, "measure \"%s\" should be %d, became %d", name, id, got);
  return rc;
}

static int row_accrual(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_accrual_add(ctx, (tertial_unit_id)sqlite3_column_int64(stmt, 0), column_str(stmt, 1),
                             sqlite3_column_int(stmt, 2), sqlite3_column_int64(stmt, 3), column_str(stmt, 4));
}

static int row_amount(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_ledger *ledger = tertial_model_ledger(ctx);
  tertial_unit_id u = (tertial_unit_id)sqlite3_column_int64(stmt, 0);
  tertial_account_id a = (tertial_account_id)sqlite3_column_int64(stmt, 1);
  int measure = sqlite3_column_int(stmt, 2), rc = 0;
  for (int k = 0; rc == 0 && k < 12; k++)
    rc = tertial_ledger_set(ledger, u, a, k, measure, sqlite3_column_int64(stmt, 3 + k));
  return rc;
}

static int row_forecast(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_model_set_forecast(ctx, (tertial_unit_id)sqlite3_column_int64(stmt, 0), column_str(stmt, 1),
                                    sqlite3_column_int64(stmt, 2));
}

static int row_rule(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  const char *row = sqlite3_column_type(stmt, 1) == SQLITE_NULL ? NULL : column_str(stmt, 1);
  return tertial_forecast_set_method(tertial_model_forecast_plan(ctx), (tertial_unit_id)sqlite3_column_int64(stmt, 0),
                                     row, (tertial_forecast_method)sqlite3_column_int(stmt, 2),
                                     sqlite3_column_int(stmt, 3));
}

static int row_manual(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_forecast_set_manual(tertial_model_forecast_plan(ctx), (tertial_unit_id)sqlite3_column_int64(stmt, 0),
                                     column_str(stmt, 1), sqlite3_column_int64(stmt, 2));
}

static int row_driver(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_forecast_plan *plan = tertial_model_forecast_plan(ctx);
  tertial_unit_id u = (tertial_unit_id)sqlite3_column_int64(stmt, 0);
  const char *row = column_str(stmt, 1);
  int rc = tertial_forecast_set_driver(plan, u, row, column_str(stmt, 2), column_str(stmt, 3),
                                       sqlite3_column_int64(stmt, 4));
  for (int m = 0; rc == 0 && m < 12; m++)
    rc = tertial_forecast_set_volume(plan, u, row, m, sqlite3_column_int64(stmt, 5 + m));
  return rc;
}

static int row_action(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_measure_add(NULL, ctx, (tertial_unit_id)sqlite3_column_int64(stmt, 0), column_str(stmt, 1),
                             column_str(stmt, 2), column_str(stmt, 3), sqlite3_column_int64(stmt, 4),
                             column_str(stmt, 5), column_date(stmt, 6));
}

/* Feed measure i into the forecast as the stored adjustment kind did (taken: done; planned: decided). */
static int feed(tertial_model *model, size_t i, int kind)
{
  tertial_measure_status s = kind == TERTIAL_ADJUST_MEASURE_TAKEN ? TERTIAL_MEASURE_DONE : TERTIAL_MEASURE_DECIDED;
  int rc = tertial_measure_set_status(model, i, s, NULL);
  return rc < 0 ? rc : tertial_measure_feed_forecast(model, i);
}

static int row_adjustment(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_model *model = ctx;
  int kind = sqlite3_column_int(stmt, 3);
  if (sqlite3_column_type(stmt, 5) != SQLITE_NULL)
    return feed(model, (size_t)sqlite3_column_int64(stmt, 5), kind);
  return tertial_forecast_add_adjustment(tertial_model_forecast_plan(model),
                                         (tertial_unit_id)sqlite3_column_int64(stmt, 0), column_str(stmt, 1),
                                         sqlite3_column_int64(stmt, 2), (tertial_adjustment_kind)kind,
                                         column_str(stmt, 4));
}

static int row_action_status(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  /* as saved: the adjustments are restored already, with their kinds */
  size_t index = (size_t)sqlite3_column_int64(stmt, 0);
  int rc = tertial__measure_restore_status(ctx, index, (tertial_measure_status)sqlite3_column_int(stmt, 1),
                                           column_str(stmt, 2));
  /* the goal's code as saved: the goals are loaded after the measures */
  if (rc == 0)
    rc = tertial__measure_set_goal(ctx, index, column_str(stmt, 3));
  return rc == 0 ? tertial_measure_set_kind(ctx, index, (tertial_measure_kind)sqlite3_column_int(stmt, 4)) : rc;
}

static int row_plan(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_model *model = ctx;
  tertial_adherence_plan *plan;
  int rc = tertial_adherence_plan_get(&plan, model, (tertial_unit_id)sqlite3_column_int64(stmt, 1),
                                      column_str(stmt, 2));
  sqlite3_stmt *q = NULL;
  if (rc == 0)
    rc = yprepare(st, &q, "SELECT moment FROM adherence_moment WHERE year = {Y} AND plan = ? ORDER BY seq");
  if (rc == 0) {
    sqlite3_bind_int64(q, 1, sqlite3_column_int64(stmt, 0));
    while (rc == 0 && sqlite3_step(q) == SQLITE_ROW)
      rc = tertial_adherence_plan_add_moment(plan, column_str(q, 0));
  }
  sqlite3_finalize(q);
  q = NULL;
  if (rc == 0)
    rc = yprepare(st, &q, "SELECT cause, measures, expected_effect, consequences FROM adherence_risk WHERE year = {Y}"
                          " AND plan = ? ORDER BY seq");
  if (rc == 0) {
    sqlite3_bind_int64(q, 1, sqlite3_column_int64(stmt, 0));
    while (rc == 0 && sqlite3_step(q) == SQLITE_ROW)
      rc = tertial_adherence_plan_add_risk(plan, column_str(q, 0), column_str(q, 1), sqlite3_column_int64(q, 2),
                                           column_str(q, 3));
  }
  sqlite3_finalize(q);
  return rc;
}

static int row_snapshot(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_model *model = ctx;
  tertial_snapshot_entry *entries = NULL;
  size_t n = 0, cap = 0;
  char **codes = NULL;
  size_t cap_codes = 0;
  sqlite3_stmt *q = NULL;
  int rc = yprepare(st, &q, "SELECT unit, row_code, method, fallback, base, adjustments, planned, forecast,"
                            " outcome_to_date, budget_year FROM snapshot_entry WHERE year = {Y} AND snapshot = ?"
                            " ORDER BY seq");
  if (rc == 0)
    sqlite3_bind_int64(q, 1, sqlite3_column_int64(stmt, 0));
  while (rc == 0 && sqlite3_step(q) == SQLITE_ROW) {
    rc = tertial__grow((void **)&entries, &cap, n + 1, sizeof *entries);
    if (rc == 0)
      rc = tertial__grow((void **)&codes, &cap_codes, n + 1, sizeof *codes);
    if (rc == 0 && !(codes[n] = tertial__strdup(column_str(q, 1))))
      rc = TERTIAL_ERR_NOMEM;
    if (rc < 0)
      break;
    entries[n] = (tertial_snapshot_entry){(tertial_unit_id)sqlite3_column_int64(q, 0), codes[n],
                                          sqlite3_column_int(q, 2), sqlite3_column_int(q, 3),
                                          sqlite3_column_int64(q, 4), sqlite3_column_int64(q, 5),
                                          sqlite3_column_int64(q, 6), sqlite3_column_int64(q, 7),
                                          sqlite3_column_int64(q, 8), sqlite3_column_int64(q, 9)};
    n++;
  }
  sqlite3_finalize(q);
  if (rc == 0)
    rc = tertial_snapshot_restore(NULL, model, column_str(stmt, 1), sqlite3_column_int(stmt, 2),
                                  column_date(stmt, 3), entries, n);
  for (size_t i = 0; i < n; i++)
    free(codes[i]);
  free(codes);
  free(entries);
  return rc;
}

static int row_key(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_keyset *set = ctx;
  const char *name = column_str(stmt, 0);
  const tertial_key *existing;
  if (tertial_keyset_find(&existing, set, name) == 0)
    return 0; /* the set's own "Tolftedelar" */
  int64_t v[12];
  for (int k = 0; k < 12; k++)
    v[k] = sqlite3_column_int64(stmt, 4 + k);
  tertial_key *key = NULL;
  int rc;
  switch ((tertial_key_kind)sqlite3_column_int(stmt, 1)) {
  case TERTIAL_KEY_EQUAL:
    rc = tertial_key_new_equal(&key, name);
    break;
  case TERTIAL_KEY_CALENDAR_DAYS:
    rc = tertial_key_new_calendar_days(&key, name);
    break;
  case TERTIAL_KEY_WORKING_DAYS:
    rc = tertial_key_new_working_days(&key, name, (unsigned int)sqlite3_column_int(stmt, 2));
    break;
  case TERTIAL_KEY_SALARY:
    rc = tertial_key_new_salary(&key, name, v);
    break;
  case TERTIAL_KEY_LAST_YEAR:
    rc = tertial_key_new_last_year(&key, name, sqlite3_column_int(stmt, 3) ? v : NULL);
    break;
  case TERTIAL_KEY_CUSTOM:
    rc = tertial_key_new_custom(&key, name, v);
    break;
  default:
    rc = tertial__error(TERTIAL_ERR_STATE, "key \"%s\" has an unknown kind %d", name, sqlite3_column_int(stmt, 1));
  }
  return rc < 0 ? rc : tertial_keyset_add(set, key);
}

static int row_key_rule(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_model *model = ctx;
  tertial_unit_id unit = TERTIAL_NO_UNIT;
  if (sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
    sqlite3_int64 u = sqlite3_column_int64(stmt, 0);
    if (u < 0 || (size_t)u >= tertial_org_unit_count(tertial_model_org(model)))
      return tertial__error(TERTIAL_ERR_STATE, "a rule of key \"%s\" names unit %lld, which does not exist",
                            column_str(stmt, 3), (long long)u);
    unit = (tertial_unit_id)u;
  }
  const char *from = (const char *)sqlite3_column_text(stmt, 1), *to = (const char *)sqlite3_column_text(stmt, 2);
  return tertial_keyset_assign(tertial_model_keys(model), unit, from, to, column_str(stmt, 3));
}

static int row_goal_indicator(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_indicator_spec x = TERTIAL_INDICATOR_SPEC_INIT;
  x.code = column_str(stmt, 0);
  x.name = column_str(stmt, 1);
  x.unit_of_measure = column_str(stmt, 2);
  x.decimals = sqlite3_column_int(stmt, 3);
  x.direction = (tertial_direction)sqlite3_column_int(stmt, 4);
  x.aggregation = (tertial_aggregation)sqlite3_column_int(stmt, 5);
  x.weight = sqlite3_column_type(stmt, 6) == SQLITE_NULL ? NULL : column_str(stmt, 6);
  x.periodicity = (tertial_periodicity)sqlite3_column_int(stmt, 7);
  x.relative = sqlite3_column_int(stmt, 8);
  x.green_margin = sqlite3_column_int64(stmt, 9);
  x.yellow_margin = sqlite3_column_int64(stmt, 10);
  x.external_id = column_str(stmt, 11);
  return tertial_indicator_add(NULL, ctx, &x);
}

static int row_goal_target(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_indicator_set_target(ctx, (tertial_indicator_id)sqlite3_column_int64(stmt, 0),
                                      sqlite3_column_int(stmt, 1), sqlite3_column_int64(stmt, 2),
                                      sqlite3_column_int64(stmt, 3));
}

static int row_goal_value(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_indicator_set_value(ctx, (tertial_indicator_id)sqlite3_column_int64(stmt, 0),
                                     (tertial_unit_id)sqlite3_column_int64(stmt, 1), sqlite3_column_int(stmt, 2),
                                     sqlite3_column_int64(stmt, 3), column_str(stmt, 4),
                                     (time_t)sqlite3_column_int64(stmt, 5));
}

static int row_goal_node(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_goal_id parent = sqlite3_column_type(stmt, 4) == SQLITE_NULL ? TERTIAL_NO_GOAL
                                                                       : (tertial_goal_id)sqlite3_column_int64(stmt, 4);
  return tertial_goal_add(NULL, ctx, (tertial_goal_kind)sqlite3_column_int(stmt, 0), column_str(stmt, 1),
                          column_str(stmt, 2), column_str(stmt, 3), parent, (tertial_unit_id)sqlite3_column_int64(stmt, 5),
                          column_str(stmt, 6), sqlite3_column_int(stmt, 7), sqlite3_column_int(stmt, 8));
}

static int row_goal_link(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_goal_link_indicator(ctx, (tertial_goal_id)sqlite3_column_int64(stmt, 0),
                                     (tertial_indicator_id)sqlite3_column_int64(stmt, 1));
}

static int row_goal_volume(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_indicator_set_cost_row(ctx, (tertial_indicator_id)sqlite3_column_int64(stmt, 0),
                                        column_str(stmt, 1));
}

static int row_goal_budget(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_indicator_set_budget_volume(ctx, (tertial_indicator_id)sqlite3_column_int64(stmt, 0),
                                             (tertial_unit_id)sqlite3_column_int64(stmt, 1),
                                             sqlite3_column_int64(stmt, 2));
}

static int row_goal_rule(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_goal_rule r = {sqlite3_column_int(stmt, 0), sqlite3_column_int(stmt, 1)};
  return tertial_goals_set_rule(ctx, &r);
}

static int row_goal_setting(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_goal_state x = {(tertial_goal_status)sqlite3_column_int(stmt, 3),
                          {(size_t)sqlite3_column_int64(stmt, 10), (size_t)sqlite3_column_int64(stmt, 11),
                           (size_t)sqlite3_column_int64(stmt, 12), (size_t)sqlite3_column_int64(stmt, 13)},
                          (tertial_goal_status)sqlite3_column_int(stmt, 4), 1, sqlite3_column_int(stmt, 5),
                          column_str(stmt, 6), column_str(stmt, 7), column_str(stmt, 8),
                          (time_t)sqlite3_column_int64(stmt, 9), (uint64_t)sqlite3_column_int64(stmt, 2)};
  return tertial__goals_load_setting(ctx, (tertial_goal_id)sqlite3_column_int64(stmt, 0), column_str(stmt, 1), &x);
}

/* The goals and indicators of the year (none in a store before schema version 8); the model's
 * goals are made only when the store holds any. */
static int row_applied(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_model *model = ctx;
  tertial_applied_proposal r = {sqlite3_column_int(stmt, 0), column_str(stmt, 1),
                                (tertial_unit_id)sqlite3_column_int64(stmt, 2),
                                (tertial_account_id)sqlite3_column_int64(stmt, 3), sqlite3_column_int64(stmt, 4)};
  tertial_budget_version v;
  (void)st;
  if (tertial_budget_version_of(&v, model, r.measure) < 0 || r.unit >= tertial_org_unit_count(tertial_model_org(model)) ||
      !tertial_chart_account(tertial_model_chart(model), r.account))
    return tertial__error(TERTIAL_ERR_IO, "applied proposal %s names a version, unit or account the model lacks", r.code);
  return tertial__budget_applied_add(model, &r);
}

static int load_applied(tertial_store *st, tertial_model *model)
{
  if (st->schema_version < 11)
    return 0;
  return each_row(st, "SELECT measure, code, unit, account, amount FROM budget_applied WHERE year = {Y} ORDER BY seq",
                  row_applied, model, "budget_applied");
}

static int load_goals(tertial_store *st, tertial_model *model)
{
  if (st->schema_version < 8)
    return 0;
  sqlite3_stmt *stmt = NULL;
  int rc = yprepare(st, &stmt, "SELECT (SELECT count(*) FROM goal_indicator WHERE year = {Y}) +"
                               " (SELECT count(*) FROM goal_node WHERE year = {Y}) +"
                               " (SELECT count(*) FROM goal_rule WHERE year = {Y})");
  int any = 0;
  if (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW)
    any = sqlite3_column_int(stmt, 0) > 0;
  else if (rc == 0)
    rc = sql_error(st, "reading the goals");
  sqlite3_finalize(stmt);
  if (rc < 0 || !any)
    return rc;
  tertial_goals *g = tertial_model_goals(model);
  if (!g)
    return TERTIAL_ERR_NOMEM;
  rc = each_row(st,
                "SELECT code, name, unit_of_measure, decimals, direction, aggregation, weight, periodicity, relative,"
                " green_margin, yellow_margin, external_id FROM goal_indicator WHERE year = {Y} ORDER BY id",
                row_goal_indicator, g, "goal_indicator");
  if (rc == 0)
    rc = each_row(st, "SELECT indicator, target_year, target, high FROM goal_target WHERE year = {Y}"
                      " ORDER BY indicator, target_year", row_goal_target, g, "goal_target");
  if (rc == 0)
    rc = each_row(st, "SELECT indicator, unit, period, value, source, imported FROM goal_value WHERE year = {Y}"
                      " ORDER BY seq", row_goal_value, g, "goal_value");
  if (rc == 0)
    rc = each_row(st, "SELECT kind, code, name, text, parent, unit, responsible, first_year, last_year FROM goal_node"
                      " WHERE year = {Y} ORDER BY id", row_goal_node, g, "goal_node");
  if (rc == 0)
    rc = each_row(st, "SELECT goal, indicator FROM goal_link WHERE year = {Y} ORDER BY goal, seq", row_goal_link, g,
                  "goal_link");
  if (rc == 0)
    rc = each_row(st, "SELECT indicator, cost_row FROM goal_volume WHERE year = {Y} ORDER BY indicator",
                  row_goal_volume, g, "goal_volume");
  if (rc == 0)
    rc = each_row(st, "SELECT indicator, unit, per_month FROM goal_budget_volume WHERE year = {Y}"
                      " ORDER BY indicator, unit", row_goal_budget, g, "goal_budget_volume");
  if (rc == 0)
    rc = each_row(st, "SELECT met_green, partly_green_yellow FROM goal_rule WHERE year = {Y}", row_goal_rule, g,
                  "goal_rule");
  if (rc == 0)
    rc = each_row(st, "SELECT goal, point, version, proposed, status, overridden, reason, comment, by, at, unlit,"
                      " green, yellow, red FROM goal_setting WHERE year = {Y} ORDER BY goal, point, version",
                  row_goal_setting, g, "goal_setting");
  return rc;
}

static int load_keys(tertial_store *st, tertial_model *model)
{
  tertial_keyset *set = tertial_model_keys(model);
  if (!set)
    return TERTIAL_ERR_NOMEM;
  int rc = each_row(st, "SELECT name, kind, flags, has_values, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12"
                        " FROM period_key WHERE year = {Y} ORDER BY seq", row_key, set, "period_key");
  sqlite3_stmt *stmt = NULL;
  if (rc == 0)
    rc = yprepare(st, &stmt, "SELECT value FROM meta WHERE year = {Y} AND key = 'default_key'");
  if (rc == 0 && sqlite3_step(stmt) == SQLITE_ROW) /* stores of version 2 have none */
    rc = tertial_keyset_set_default(set, column_str(stmt, 0));
  sqlite3_finalize(stmt);
  if (rc == 0)
    rc = each_row(st, "SELECT unit, from_prefix, to_prefix, key FROM period_key_rule WHERE year = {Y} ORDER BY seq",
                  row_key_rule, model, "period_key_rule");
  return rc;
}

static int clear_points(tertial_calendar *cal)
{
  while (tertial_calendar_point_count(cal) > 0) {
    int rc = tertial_calendar_remove_point(cal, tertial_calendar_point(cal, 0)->code);
    if (rc < 0)
      return rc;
  }
  return 0;
}

static int load_model(tertial_store *st, tertial_model *model)
{
  tertial_org *org = tertial_model_org(model);
  move_list moves = {0};
  int rc = tertial_org_clear_levels(org);
  if (rc == 0)
    rc = each_row(st, "SELECT name FROM org_level WHERE year = {Y} ORDER BY id", row_level, org, "org_level");
  if (rc == 0)
    rc = each_row(st, "SELECT code, name, manager, level, parent FROM unit WHERE year = {Y} ORDER BY id", row_unit, org,
                  "unit");
  if (rc == 0)
    rc = each_row(st, "SELECT unit, from_period, parent FROM unit_move WHERE year = {Y} ORDER BY from_period, unit",
                  row_move, &moves, "unit_move");
  if (rc == 0)
    rc = apply_moves(org, &moves);
  free(moves.items);
  if (rc == 0)
    rc = clear_points(tertial_model_calendar(model));
  if (rc == 0)
    rc = each_row(st,
                  "SELECT code, name, cutoff, deadline_months_after, deadline_day FROM followup_point WHERE year = {Y} "
                  "ORDER BY seq",
                  row_point, tertial_model_calendar(model), "followup_point");
  if (rc == 0)
    rc = read_level_deadlines(st, tertial_model_calendar(model));
  if (rc == 0)
    rc = each_row(st, "SELECT number, name, type, internal FROM account WHERE year = {Y} ORDER BY id", row_account,
                  tertial_model_chart(model), "account");
  if (rc == 0)
    rc = load_rowmap(st, model);
  if (rc == 0)
    rc = each_row(
      st,
      "SELECT id, name, kind, decided, reason, decided_by, revises FROM ledger_measure WHERE year = {Y} ORDER BY id",
      row_measure, model, "ledger_measure");
  int current;
  if (rc == 0)
    rc = meta_int(st, "current_budget", &current);
  if (rc == 0)
    rc = tertial_model_set_current_budget(model, current);
  if (rc == 0)
    rc = each_row(st, "SELECT unit, account, month, amount, reason FROM accrual WHERE year = {Y} ORDER BY seq",
                  row_accrual, model, "accrual");
  if (rc == 0)
    rc = each_row(st,
                  "SELECT unit, account, measure, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12 FROM amount"
                  " WHERE year = {Y} ORDER BY seq",
                  row_amount, model, "amount");
  if (rc == 0)
    rc = each_row(st, "SELECT unit, row_code, amount FROM forecast WHERE year = {Y}", row_forecast, model, "forecast");
  if (rc == 0)
    rc = each_row(st, "SELECT unit, row_code, method, run_rate_months FROM forecast_rule WHERE year = {Y} ORDER BY seq",
                  row_rule, model, "forecast_rule");
  if (rc == 0)
    rc = each_row(st, "SELECT unit, row_code, amount FROM forecast_manual WHERE year = {Y} ORDER BY seq", row_manual,
                  model, "forecast_manual");
  if (rc == 0)
    rc = each_row(st,
                  "SELECT unit, row_code, name, volume_unit, unit_cost, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10,"
                  " v11, v12 FROM forecast_driver WHERE year = {Y} ORDER BY seq",
                  row_driver, model, "forecast_driver");
  if (rc == 0)
    rc = each_row(st,
                  "SELECT unit, row_code, description, cause, effect, consequence, due FROM measure WHERE year = {Y}"
                  " ORDER BY seq",
                  row_action, model, "measure");
  if (rc == 0)
    rc = each_row(
      st,
      /* a fed adjustment names its measure by number: the measure's index is its rank */
      "SELECT unit, row_code, amount, kind, reason, CASE WHEN from_measure IS NULL THEN NULL ELSE (SELECT count(*)"
      " FROM measure m WHERE m.year = a.year AND m.seq < a.from_measure) END FROM adjustment a WHERE year = {Y}"
      " ORDER BY seq",
      row_adjustment, model, "adjustment");
  /* a measure saved as fed whose adjustment was removed since (stores written before measures
   * knew their adjustment) is loaded as not in the forecast, as removing it now leaves it */
  if (rc == 0)
    rc = each_row(st,
                  /* the goal is '' in a store before version 9 (opened read-only, not migrated) */
                  st->schema_version >= 10 ? "SELECT row_number() OVER (ORDER BY seq) - 1, status, follow_up, goal,"
                                             " kind FROM measure WHERE year = {Y} ORDER BY seq"
                  : st->schema_version >= 9 ? "SELECT row_number() OVER (ORDER BY seq) - 1, status, follow_up, goal,"
                                              " 0 FROM measure WHERE year = {Y} ORDER BY seq"
                                            : "SELECT row_number() OVER (ORDER BY seq) - 1, status, follow_up, '',"
                                              " 0 FROM measure WHERE year = {Y} ORDER BY seq",
                  row_action_status,
                  model, "measure");
  if (rc == 0)
    rc = each_row(st, "SELECT seq, unit, manager FROM adherence_plan WHERE year = {Y} ORDER BY seq", row_plan, model,
                  "adherence_plan");
  if (rc == 0)
    rc = each_row(st, "SELECT seq, point, cutoff, taken_on FROM snapshot WHERE year = {Y} ORDER BY seq", row_snapshot,
                  model, "snapshot");
  /* set once everything is restored (none in stores written before it was kept) */
  int plan_cutoff = 0, got = rc == 0 ? meta_int(st, "forecast_cutoff", &plan_cutoff) : 0;
  if (got == TERTIAL_ERR_NOT_FOUND)
    tertial_error_clear();
  else if (got < 0)
    rc = got;
  if (rc == 0)
    rc = tertial_forecast_set_cutoff(tertial_model_forecast_plan(model), plan_cutoff);
  if (rc == 0)
    rc = load_keys(st, model);
  if (rc == 0)
    rc = load_goals(st, model);
  if (rc == 0)
    rc = load_applied(st, model);
  return rc;
}

/* Whether the store holds a model of a fiscal year: 1, 0 or an error. */
static int year_present(tertial_store *st, int first_year)
{
  sqlite3_stmt *stmt = NULL;
  int rc = prepare(st, &stmt, "SELECT count(*) FROM meta WHERE year = ? AND key = 'first_year'");
  if (rc < 0)
    return rc;
  sqlite3_bind_int(stmt, 1, first_year);
  rc = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) > 0 : sql_error(st, "reading the fiscal years");
  sqlite3_finalize(stmt);
  return rc;
}

static int load_round(tertial_store *st, tertial_model *model);
static int load_round_intcontrol(tertial_store *st, tertial_model *model);

/* Read the model of store->year, or of the latest year when `latest`, in one transaction. */
static int load_year(tertial_model **out, tertial_store *store, int latest)
{
  *out = NULL;
  int rc = exec(store, "BEGIN", "starting a load"), first_year = 0, start_month = 0;
  tertial_model *model = NULL;
  if (rc < 0)
    return rc;
  if (latest) {
    sqlite3_stmt *stmt = NULL;
    rc = prepare(store, &stmt, "SELECT max(year) FROM meta WHERE key = 'first_year'");
    if (rc == 0 && sqlite3_step(stmt) != SQLITE_ROW)
      rc = sql_error(store, "reading the fiscal years");
    else if (rc == 0 && sqlite3_column_type(stmt, 0) == SQLITE_NULL)
      rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "store %s holds no model", store->path);
    else if (rc == 0)
      store->year = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
  }
  sqlite3_int64 version = 0;
  if (rc == 0)
    rc = meta_int(store, "first_year", &first_year);
  if (rc == 0)
    rc = meta_int(store, "start_month", &start_month);
  if (rc == 0)
    rc = read_version(store, store->year, &version, NULL, 0);
  if (rc == 0)
    rc = tertial_model_new(&model, first_year, start_month);
  if (rc == 0)
    rc = load_model(store, model);
  if (rc == 0)
    rc = load_round(store, model);
  if (rc == 0)
    rc = read_plan_versions(store, model);
  rc = finish(store, rc, "ending a load");
  /* the version of the rows read, in the same transaction: a later save compares with it */
  if (rc == 0) {
    set_origin(store, model, version);
    rc = remember(store, store->year, version);
  }
  if (rc < 0) {
    tertial_model_free(model);
    return rc;
  }
  *out = model;
  return 0;
}

int tertial_store_load(tertial_model **out, tertial_store *store)
{
  if (!out || !store)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_load: NULL argument");
  return load_year(out, store, 1);
}

int tertial_store_load_year(tertial_model **out, tertial_store *store, int first_year)
{
  if (!out || !store)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_load_year: NULL argument");
  store->year = first_year;
  return load_year(out, store, 0);
}

int tertial_store_year_count(tertial_store *store)
{
  if (!store)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_year_count: store is NULL");
  sqlite3_stmt *stmt = NULL;
  int rc = prepare(store, &stmt, "SELECT count(*) FROM meta WHERE key = 'first_year'");
  if (rc < 0)
    return rc;
  rc = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : sql_error(store, "reading the fiscal years");
  sqlite3_finalize(stmt);
  return rc;
}

int tertial_store_year_at(int *out_first_year, tertial_store *store, size_t index)
{
  if (!out_first_year || !store)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_year_at: NULL argument");
  sqlite3_stmt *stmt = NULL;
  int rc = prepare(store, &stmt, "SELECT year FROM meta WHERE key = 'first_year' ORDER BY year LIMIT 1 OFFSET ?");
  if (rc < 0)
    return rc;
  sqlite3_bind_int64(stmt, 1, index > INT64_MAX ? INT64_MAX : (sqlite3_int64)index);
  int step = sqlite3_step(stmt);
  if (step == SQLITE_ROW)
    *out_first_year = sqlite3_column_int(stmt, 0);
  else if (step == SQLITE_DONE)
    rc = tertial__error(TERTIAL_ERR_RANGE, "store %s: no fiscal year %zu (it holds %d)", store->path, index,
                        tertial_store_year_count(store));
  else
    rc = sql_error(store, "reading the fiscal years");
  sqlite3_finalize(stmt);
  return rc;
}

int tertial_store_has_year(tertial_store *store, int first_year)
{
  if (!store)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_has_year: store is NULL");
  /* the answer is a read of the year: a save made on it conflicts when another connection changed
   * the year since (two `tertial init` of one year); a year loaded already keeps the version it
   * was loaded at */
  sqlite3_int64 version = 0;
  int rc = exec(store, "BEGIN", "reading the fiscal years"), present = 0;
  if (rc < 0)
    return rc;
  rc = read_version(store, first_year, &version, NULL, 0);
  if (rc == 0 && (present = year_present(store, first_year)) < 0)
    rc = present;
  if ((rc = finish(store, rc, "reading the fiscal years")) == 0 && !seen_of(store, first_year))
    rc = remember(store, first_year, version);
  return rc < 0 ? rc : present;
}

/* ---- the round: written change by change ---- */

static const char *unit_code_of(tertial_model *model, tertial_unit_id u)
{
  const tertial_unit *info = u == TERTIAL_NO_UNIT ? NULL : tertial_org_unit(tertial_model_org(model), u);
  return info ? info->code : NULL;
}

/* "anna (Anna Andersson) on 2026-05-12 14:05 UTC", who and when as the store holds them. */
static void who_when(tertial_store *st, int year, const char *key, sqlite3_int64 at, char *buf, size_t size)
{
  sqlite3_stmt *stmt = NULL;
  const char *name = NULL;
  if (key && prepare(st, &stmt, "SELECT name FROM round_person WHERE year = ? AND key = ?") == 0) {
    sqlite3_bind_int(stmt, 1, year);
    bind_text(stmt, 2, key);
    if (sqlite3_step(stmt) == SQLITE_ROW)
      name = column_str(stmt, 0);
  }
  time_t t = (time_t)at;
  struct tm tm;
  char when[32] = "?";
  if (gmtime_r(&t, &tm))
    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
  snprintf(buf, size, "%s (%s) on %s UTC", key ? key : "nobody", name ? name : "?", when);
  sqlite3_finalize(stmt);
  tertial_error_clear();
}

/* One row of a query with bound text and int parameters: SQLITE_ROW (the statement is left on it
 * for the caller, who finalizes), SQLITE_DONE, or an error. */
static int query_row(tertial_store *st, sqlite3_stmt **stmt, const char *sql, int year, const char *const *texts,
                     size_t ntexts)
{
  int rc = prepare(st, stmt, sql);
  if (rc < 0)
    return rc;
  sqlite3_bind_int(*stmt, 1, year);
  for (size_t i = 0; i < ntexts; i++)
    bind_text(*stmt, (int)i + 2, texts[i]);
  int step = sqlite3_step(*stmt);
  return step == SQLITE_ROW || step == SQLITE_DONE ? step : sql_error(st, "reading the round");
}

static int round_conflict(tertial_store *st, int year, const char *what, const char *point, const char *unit,
                          const char *key, sqlite3_int64 at, uint64_t version, uint64_t read)
{
  char who[160];
  who_when(st, year, key, at, who, sizeof who);
  return tertial__error(TERTIAL_ERR_CONFLICT,
                        "store %s: %s%s%s at %s was changed by %s: it is at version %llu there, the change was made "
                        "against version %llu; nothing was changed: load the year again and repeat the change",
                        st->path, what, unit ? " of " : "", unit ? unit : "", point, who, (unsigned long long)version,
                        (unsigned long long)read);
}

/* The version of a unit's status at a point in the store, with who changed it and when. */
static int stored_status(tertial_store *st, int year, const char *point, const char *unit, uint64_t *version,
                         char **key, sqlite3_int64 *at)
{
  sqlite3_stmt *stmt = NULL;
  const char *args[] = {point, unit};
  int rc = query_row(st, &stmt, "SELECT version, person, at FROM round_status WHERE year = ? AND point = ? AND unit = ?",
                     year, args, 2);
  *version = 0;
  *key = NULL;
  *at = 0;
  if (rc == SQLITE_ROW) {
    *version = (uint64_t)sqlite3_column_int64(stmt, 0);
    *key = tertial__strdup(column_str(stmt, 1));
    *at = sqlite3_column_int64(stmt, 2);
    rc = *key ? 0 : TERTIAL_ERR_NOMEM;
  }
  sqlite3_finalize(stmt);
  return rc < 0 ? rc : 0;
}

/* A status in the store must be at the version this change was made against. */
static int check_status(tertial_store *st, int year, const char *point, const char *unit, uint64_t read,
                        uint64_t *now)
{
  char *key;
  sqlite3_int64 at;
  int rc = stored_status(st, year, point, unit, now, &key, &at);
  if (rc == 0 && read != TERTIAL_ANY_VERSION && read != *now)
    rc = round_conflict(st, year, "the status", point, unit, key, at, *now, read);
  free(key);
  return rc;
}

/* A point locked in the store (by another process) refuses every change for it but its unlocking;
 * a lock or unlock is refused when the store holds the point that way already. */
static int check_lock(tertial_store *st, int year, const tertial__round_write *w)
{
  sqlite3_stmt *stmt = NULL;
  const char *args[] = {w->point};
  int rc = query_row(st, &stmt, "SELECT locked, person, at FROM round_lock WHERE year = ? AND point = ?", year, args, 1);
  if (rc < 0)
    return rc;
  int locked = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0);
  char *key = rc == SQLITE_ROW ? tertial__strdup(column_str(stmt, 1)) : NULL;
  sqlite3_int64 at = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 2) : 0;
  sqlite3_finalize(stmt);
  char who[160];
  rc = 0;
  if (w->kind == TERTIAL__RW_LOCK && locked == w->locked) {
    who_when(st, year, key, at, who, sizeof who);
    rc = tertial__error(TERTIAL_ERR_CONFLICT, "store %s: follow-up point %s was %s by %s; nothing was changed: load "
                        "the year again", st->path, w->point, locked ? "locked" : "unlocked", who);
  } else if (w->kind != TERTIAL__RW_LOCK && locked) {
    who_when(st, year, key, at, who, sizeof who);
    rc = tertial__error(TERTIAL_ERR_NOT_PERMITTED, "store %s: follow-up point %s is locked since %s: nothing was "
                        "changed", st->path, w->point, who);
  }
  free(key);
  return rc;
}

/* One row of round_text and of round_audit, the same whether a change writes it or a whole
 * round is saved (people by key, units by code). */
static int insert_text_row(tertial_store *st, sqlite3_stmt *stmt, int year, const char *point, const char *unit,
                           tertial_text_kind kind, const char *row, uint64_t version, const char *text,
                           const char *person, const char *on_behalf_of, time_t when)
{
  sqlite3_bind_int(stmt, 1, year);
  bind_text(stmt, 2, point);
  bind_text(stmt, 3, unit);
  sqlite3_bind_int(stmt, 4, (int)kind);
  bind_text(stmt, 5, row ? row : "");
  sqlite3_bind_int64(stmt, 6, (sqlite3_int64)version);
  bind_text(stmt, 7, text);
  bind_text(stmt, 8, person);
  bind_text(stmt, 9, on_behalf_of);
  sqlite3_bind_int64(stmt, 10, (sqlite3_int64)when);
  return step_done(st, stmt, "writing a text");
}

static int insert_audit_row(tertial_store *st, sqlite3_stmt *stmt, int year, uint64_t seq, tertial_model *model,
                            const tertial_audit_entry *e)
{
  const tertial_person *p = tertial_round_person_at(tertial_model_round(model), e->person);
  const tertial_person *o = tertial_round_person_at(tertial_model_round(model), e->on_behalf_of);
  sqlite3_bind_int(stmt, 1, year);
  sqlite3_bind_int64(stmt, 2, (sqlite3_int64)seq);
  sqlite3_bind_int64(stmt, 3, (sqlite3_int64)e->when);
  bind_text(stmt, 4, p ? p->key : "");
  bind_text(stmt, 5, o ? o->key : NULL);
  sqlite3_bind_int(stmt, 6, (int)e->action);
  bind_text(stmt, 7, unit_code_of(model, e->unit));
  bind_text(stmt, 8, e->point ? e->point : "");
  bind_text(stmt, 9, e->item);
  bind_text(stmt, 10, e->before);
  bind_text(stmt, 11, e->after);
  return step_done(st, stmt, "writing the audit trail");
}

static int write_text(tertial_store *st, round_binding *b, tertial__round_write *w, const char *unit)
{
  static const char *kinds[] = {"summary", "analysis", "comment"};
  char kind[8];
  snprintf(kind, sizeof kind, "%d", (int)w->text_kind);
  sqlite3_stmt *stmt = NULL;
  const char *args[] = {w->point, unit, kind, w->row};
  int rc = query_row(st, &stmt,
                     "SELECT version, person, at FROM round_text WHERE year = ? AND point = ? AND unit = ? AND kind = ?"
                     " AND row = ? ORDER BY version DESC LIMIT 1",
                     b->year, args, 4);
  if (rc < 0)
    return rc;
  uint64_t now = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(stmt, 0) : 0;
  if (w->version_read != TERTIAL_ANY_VERSION && w->version_read != now) {
    char what[160];
    snprintf(what, sizeof what, "the text %s%s%.100s", kinds[w->text_kind], *w->row ? " " : "", w->row);
    char *key = tertial__strdup(column_str(stmt, 1));
    sqlite3_int64 at = sqlite3_column_int64(stmt, 2);
    sqlite3_finalize(stmt);
    rc = round_conflict(st, b->year, what, w->point, unit, key, at, now, w->version_read);
    free(key);
    return rc;
  }
  sqlite3_finalize(stmt);
  w->version = now + 1;
  if ((rc = prepare(st, &stmt, "INSERT INTO round_text VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) < 0)
    return rc;
  rc = insert_text_row(st, stmt, b->year, w->point, unit, w->text_kind, w->row, w->version, w->text, w->person,
                       w->on_behalf_of, w->when);
  sqlite3_finalize(stmt);
  return rc;
}

static int write_status(tertial_store *st, round_binding *b, const tertial__round_write *w, const char *unit,
                        tertial_status status, int escalated, uint64_t version, const char *comment)
{
  sqlite3_stmt *stmt = NULL;
  /* a move to in progress keeps the comment and the escalation of the last change */
  int rc = prepare(st, &stmt,
                   comment ? "INSERT OR REPLACE INTO round_status VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           : "INSERT INTO round_status VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, '') ON CONFLICT DO UPDATE"
                             " SET status = excluded.status, version = excluded.version, person = excluded.person,"
                             " on_behalf_of = excluded.on_behalf_of, at = excluded.at");
  if (rc < 0)
    return rc;
  sqlite3_bind_int(stmt, 1, b->year);
  bind_text(stmt, 2, w->point);
  bind_text(stmt, 3, unit);
  sqlite3_bind_int(stmt, 4, (int)status);
  sqlite3_bind_int(stmt, 5, escalated);
  sqlite3_bind_int64(stmt, 6, (sqlite3_int64)version);
  bind_text(stmt, 7, w->person);
  bind_text(stmt, 8, w->on_behalf_of);
  sqlite3_bind_int64(stmt, 9, (sqlite3_int64)w->when);
  if (comment)
    bind_text(stmt, 10, comment);
  rc = step_done(st, stmt, "writing a status");
  sqlite3_finalize(stmt);
  return rc;
}

static int write_people(tertial_store *st, round_binding *b, const tertial__round_write *w)
{
  sqlite3_stmt *has = NULL, *ins = NULL;
  int rc = prepare(st, &has, "SELECT count(*) FROM round_person WHERE year = ? AND key = ?");
  if (rc == 0)
    rc = prepare(st, &ins, "INSERT INTO round_person VALUES(?1, (SELECT coalesce(max(seq) + 1, 0) FROM round_person"
                           " WHERE year = ?1), ?2, ?3, ?4)");
  for (size_t i = 0; rc == 0 && i < w->npeople; i++) {
    sqlite3_bind_int(has, 1, b->year);
    bind_text(has, 2, w->people[i].key);
    int step = sqlite3_step(has), taken = step == SQLITE_ROW && sqlite3_column_int(has, 0) > 0;
    sqlite3_reset(has);
    if (step != SQLITE_ROW)
      rc = sql_error(st, "reading the people");
    else if (taken)
      rc = tertial__error(TERTIAL_ERR_CONFLICT, "store %s: the person \"%s\" was added by another process; nothing "
                          "was changed: load the year again", st->path, w->people[i].key);
    if (rc < 0)
      break;
    sqlite3_bind_int(ins, 1, b->year);
    bind_text(ins, 2, w->people[i].key);
    bind_text(ins, 3, w->people[i].name);
    bind_text(ins, 4, w->people[i].email ? w->people[i].email : "");
    rc = step_done(st, ins, "writing a person");
  }
  sqlite3_finalize(has);
  sqlite3_finalize(ins);
  return rc;
}

static int write_roles(tertial_store *st, round_binding *b, const tertial__round_write *w, int remove)
{
  sqlite3_stmt *stmt = NULL;
  int rc = prepare(st, &stmt, remove ? "DELETE FROM round_assignment WHERE year = ? AND person = ? AND role = ? AND unit = ?"
                                     : "INSERT OR IGNORE INTO round_assignment VALUES(?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < w->nroles; i++) {
    const char *unit = unit_code_of(b->model, w->roles[i].unit);
    sqlite3_bind_int(stmt, 1, b->year);
    bind_text(stmt, 2, w->roles[i].person);
    sqlite3_bind_int(stmt, 3, (int)w->roles[i].role);
    bind_text(stmt, 4, unit);
    rc = step_done(st, stmt, "writing a role");
    if (rc == 0 && remove && sqlite3_changes(st->db) == 0)
      rc = tertial__error(TERTIAL_ERR_CONFLICT, "store %s: the role of %s on %s was taken away by another process; "
                          "nothing was changed: load the year again", st->path, w->roles[i].person, unit);
  }
  sqlite3_finalize(stmt);
  return rc;
}

static int write_lock_threshold(tertial_store *st, round_binding *b, const tertial__round_write *w)
{
  sqlite3_stmt *stmt = NULL;
  int lock = w->kind == TERTIAL__RW_LOCK;
  int rc = prepare(st, &stmt, lock ? "INSERT OR REPLACE INTO round_lock VALUES(?, ?, ?, ?, ?)"
                                   : "INSERT OR REPLACE INTO round_threshold VALUES(?, ?, ?, ?)");
  if (rc < 0)
    return rc;
  sqlite3_bind_int(stmt, 1, b->year);
  if (lock) {
    bind_text(stmt, 2, w->point);
    sqlite3_bind_int(stmt, 3, w->locked);
    bind_text(stmt, 4, w->person);
    sqlite3_bind_int64(stmt, 5, (sqlite3_int64)w->when);
  } else {
    sqlite3_bind_int(stmt, 2, w->level);
    sqlite3_bind_int64(stmt, 3, w->amount);
    sqlite3_bind_int(stmt, 4, w->per_mille);
  }
  rc = step_done(st, stmt, lock ? "writing a lock" : "writing a threshold");
  sqlite3_finalize(stmt);
  return rc;
}

/* The audit entries, numbered by the store (inside the write transaction): unique and without
 * gaps across every process. */
static int write_audit(tertial_store *st, round_binding *b, tertial__round_write *w)
{
  sqlite3_stmt *next = NULL, *stmt = NULL;
  int rc = prepare(st, &next, "SELECT coalesce(max(seq), 0) + 1 FROM round_audit WHERE year = ?");
  if (rc == 0)
    rc = prepare(st, &stmt, "INSERT INTO round_audit VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < w->naudit; i++) {
    sqlite3_bind_int(next, 1, b->year);
    if (sqlite3_step(next) != SQLITE_ROW) {
      rc = sql_error(st, "numbering the audit trail");
      break;
    }
    w->seq[i] = (uint64_t)sqlite3_column_int64(next, 0);
    sqlite3_reset(next);
    rc = insert_audit_row(st, stmt, b->year, w->seq[i], b->model, w->audit[i]);
  }
  sqlite3_finalize(next);
  sqlite3_finalize(stmt);
  return rc;
}

/* ---- a change of the model while its round is bound: the forecast plan's items, a snapshot ---- */

/* The version of a unit's plan items ('' for the year's generation), who changed them, when. */
static int stored_plan_version(tertial_store *st, int year, const char *unit, uint64_t *version, char **key,
                               sqlite3_int64 *at)
{
  sqlite3_stmt *stmt = NULL;
  const char *args[] = {unit};
  int rc = query_row(st, &stmt, "SELECT version, person, at FROM plan_version WHERE year = ? AND unit = ?", year,
                     args, 1);
  *version = 0;
  *key = NULL;
  *at = 0;
  if (rc == SQLITE_ROW) {
    *version = (uint64_t)sqlite3_column_int64(stmt, 0);
    *at = sqlite3_column_int64(stmt, 2);
    if (sqlite3_column_type(stmt, 1) != SQLITE_NULL && !(*key = tertial__strdup(column_str(stmt, 1))))
      rc = TERTIAL_ERR_NOMEM;
  }
  sqlite3_finalize(stmt);
  return rc < 0 ? rc : 0;
}

/* The checks of a change of the model, in the transaction that will write it: the point's lock,
 * the unit's status, no whole save of the year since the model read it, and the unit's items (a
 * snapshot: every item) at the versions the model read. */
static int check_model_change(tertial_store *st, round_binding *b, const tertial__round_write *w, const char *unit)
{
  const tertial__store_origin *o = tertial__model_store_origin(b->model);
  uint64_t now = 0;
  char *key = NULL;
  sqlite3_int64 at = 0;
  int rc = w->point ? check_lock(st, b->year, w) : 0;
  if (rc == 0 && w->guard_status)
    rc = check_status(st, b->year, w->point, unit, w->status_version, &now);
  if (rc == 0)
    rc = stored_plan_version(st, b->year, "", &now, &key, &at);
  if (rc == 0 && (int64_t)now != o->plan_generation) {
    char when[160];
    who_when(st, b->year, NULL, at, when, sizeof when);
    rc = tertial__error(TERTIAL_ERR_CONFLICT, "store %s: the fiscal year %d was saved whole or removed by another "
                        "process or connection (%s) after this model read it; nothing was changed: load the year "
                        "again and repeat the change", st->path, b->year, strstr(when, " on ") + 1);
  }
  free(key);
  key = NULL;
  if (rc == 0 && w->kind == TERTIAL__RW_PLAN) {
    uint64_t read = w->unit < o->n_plan_versions ? o->plan_versions[w->unit] : 0;
    rc = stored_plan_version(st, b->year, unit, &now, &key, &at);
    if (rc == 0 && now != read)
      rc = round_conflict(st, b->year, "the forecast plan (method rules, adjustments, measures and accruals)",
                          w->point, unit, key, at, now, read);
  } else if (rc == 0 && w->kind == TERTIAL__RW_GOAL) {
    char point[64], goal[24];
    snprintf(goal, sizeof goal, "%u", (unsigned)w->goal);
    snprintf(point, sizeof point, "%s", w->point);
    sqlite3_stmt *stmt = NULL;
    const char *args[] = {goal, point};
    rc = query_row(st, &stmt, "SELECT version, by, at FROM goal_setting WHERE year = ? AND goal = ? AND point = ?"
                              " ORDER BY version DESC LIMIT 1", b->year, args, 2);
    now = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(stmt, 0) : 0;
    char *by = rc == SQLITE_ROW ? tertial__strdup(column_str(stmt, 1)) : NULL;
    at = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 2) : 0;
    sqlite3_finalize(stmt);
    rc = rc < 0 ? rc : 0;
    if (rc == 0 && w->version_read != TERTIAL_ANY_VERSION && now != w->version_read) {
      char what[96];
      snprintf(what, sizeof what, "the status of goal %s",
               tertial_goal_at(tertial_model_goals(b->model), w->goal)->code);
      rc = round_conflict(st, b->year, what, w->point, NULL, by, at, now, w->version_read);
    }
    free(by);
  } else if (rc == 0) {
    /* a snapshot freezes every unit's forecast as this model computed it */
    sqlite3_int64 version;
    char saved_at[32];
    rc = read_version(st, b->year, &version, saved_at, sizeof saved_at);
    if (rc == 0 && version != o->version)
      rc = tertial__error(TERTIAL_ERR_CONFLICT, "store %s: the forecast plan of %d was changed by another process "
                          "or connection at %s UTC (version %lld) after this model read it (version %lld), and a "
                          "snapshot freezes every unit's forecast; nothing was changed: load the year again, apply "
                          "the forecast and take the snapshot again", st->path, b->year, saved_at, (long long)version,
                          (long long)o->version);
  }
  free(key);
  return rc;
}

/* The hook's begin: open the change's transaction and check it (none is left open on an error). */
static int model_change_begin(void *ctx, tertial__round_write *w)
{
  round_binding *b = ctx;
  tertial_store *st = b->store;
  if (st->readonly)
    return tertial__error(TERTIAL_ERR_INVALID, "store %s: opened read-only", st->path);
  if (!from_here(st, tertial__model_store_origin(b->model)))
    return tertial__error(TERTIAL_ERR_STATE, "store %s: the model was neither loaded from nor saved to it, so its "
                          "changes cannot be checked against it: load the model from the store", st->path);
  int rc = exec(st, "BEGIN IMMEDIATE", "starting a change of the round");
  if (rc < 0)
    return rc;
  st->year = b->year;
  rc = check_model_change(st, b, w, unit_code_of(b->model, w->unit));
  return rc < 0 ? finish(st, rc, "checking a change of the round") : 0;
}

/* The hook's abort: the change failed in memory; its error stays the one reported. */
static void model_change_abort(void *ctx)
{
  round_binding *b = ctx;
  sqlite3_exec(b->store->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A unit's items as the model holds them now replace the store's, at the next version. */
static int write_plan(tertial_store *st, round_binding *b, tertial__round_write *w, const char *unit,
                      uint64_t *out_version)
{
  const tertial__store_origin *o = tertial__model_store_origin(b->model);
  plan_scope sc = {w->unit, {NULL}, {0}};
  int rc = 0;
  for (int i = 0; rc == 0 && i < PT_TABLES; i++) {
    char sql[96];
    sqlite3_stmt *stmt = NULL;
    /* the numbers the unit's items had, kept by the items that are still there */
    snprintf(sql, sizeof sql, "SELECT seq FROM %s WHERE year = {Y} AND unit = ? ORDER BY seq", plan_tables[i]);
    if ((rc = yprepare(st, &stmt, sql)) < 0)
      break;
    sqlite3_bind_int64(stmt, 1, w->unit);
    size_t cap = 0;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW)
      if ((rc = tertial__grow((void **)&sc.old[i], &cap, sc.nold[i] + 1, sizeof *sc.old[i])) == 0)
        sc.old[i][sc.nold[i]++] = sqlite3_column_int64(stmt, 0);
    if (rc == 0 && step != SQLITE_DONE)
      rc = sql_error(st, "reading the forecast plan's items");
    sqlite3_finalize(stmt);
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE year = {Y} AND unit = ?", plan_tables[i]);
    if (rc < 0 || (rc = yprepare(st, &stmt, sql)) < 0)
      break;
    sqlite3_bind_int64(stmt, 1, w->unit);
    rc = step_done(st, stmt, "replacing the forecast plan's items");
    sqlite3_finalize(stmt);
  }
  if (rc == 0)
    rc = save_plan_items(st, b->model, &sc);
  for (int i = 0; i < PT_TABLES; i++)
    free(sc.old[i]);
  *out_version = (w->unit < o->n_plan_versions ? o->plan_versions[w->unit] : 0) + 1;
  sqlite3_stmt *stmt = NULL;
  if (rc == 0)
    rc = prepare(st, &stmt, "INSERT OR REPLACE INTO plan_version VALUES(?, ?, ?, ?, ?)");
  if (rc == 0) {
    sqlite3_bind_int(stmt, 1, b->year);
    bind_text(stmt, 2, unit);
    sqlite3_bind_int64(stmt, 3, (sqlite3_int64)*out_version);
    bind_text(stmt, 4, w->person);
    sqlite3_bind_int64(stmt, 5, (sqlite3_int64)w->when);
    rc = step_done(st, stmt, "writing the forecast plan's version");
  }
  sqlite3_finalize(stmt);
  return rc;
}

/* A goal's status as the model now holds it: its latest setting at the point. */
static int write_goal_setting(tertial_store *st, round_binding *b, const tertial__round_write *w)
{
  const tertial_goals *g = tertial_model_goals(b->model);
  size_t n = g ? tertial_goal_history_count(g, w->goal, w->point) : 0;
  tertial_goal_state x;
  int rc = n ? tertial_goal_history_at(&x, g, w->goal, w->point, n - 1)
             : tertial__error(TERTIAL_ERR_STATE, "goal %u has no setting at %s", (unsigned)w->goal, w->point);
  goals_saver gs = {st, NULL, NULL, NULL, NULL, 0};
  if (rc == 0)
    rc = yprepare(st, &gs.setting, "INSERT INTO goal_setting VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = save_goal_setting(&gs, w->goal, w->point, &x);
  sqlite3_finalize(gs.setting);
  return rc;
}

/* The model as a change of it left it: the unit's items at their new version, and the year at its
 * new save version when the model held every change of the year before this one (else a whole save
 * of it must still be refused). */
static void model_changed(round_binding *b, const tertial__round_write *w, uint64_t plan_version,
                          sqlite3_int64 year_before)
{
  tertial__store_origin *o = tertial__model_store_origin(b->model);
  if (w->kind == TERTIAL__RW_PLAN && w->unit < o->n_plan_versions)
    o->plan_versions[w->unit] = plan_version;
  if (o->version == year_before)
    o->version = year_before + 1;
}

/* The hook: one change of a bound round in its own transaction, checked against the store. */
/* A submission: every child (as the organisation stands at the point's cut-off) is submitted or
 * approved in the store too; another process may have returned one since this round read it. */
static int check_children(tertial_store *st, const round_binding *b, const tertial__round_write *w)
{
  const tertial_calendar *cal = tertial_model_calendar(b->model);
  const tertial_org *org = tertial_model_org(b->model);
  size_t pi;
  int period;
  if (tertial_calendar_find_point(&pi, cal, w->point) < 0 ||
      tertial_fiscal_year_period(&period, tertial_model_fiscal_year(b->model),
                                 tertial_calendar_point(cal, pi)->cutoff - 1) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no follow-up point \"%s\" in the calendar", w->point);
  sqlite3_stmt *q = NULL;
  int rc = prepare(st, &q, "SELECT status, person, at, version FROM round_status WHERE year = ? AND point = ? AND "
                           "unit = ?");
  for (tertial_unit_id u = 0; rc == 0 && u < tertial_org_unit_count(org); u++) {
    if (tertial__org_parent_at(org, u, period) != w->unit)
      continue;
    const char *child = tertial_org_unit(org, u)->code;
    sqlite3_bind_int(q, 1, b->year);
    bind_text(q, 2, w->point);
    bind_text(q, 3, child);
    int step = sqlite3_step(q);
    tertial_status status = step == SQLITE_ROW ? (tertial_status)sqlite3_column_int(q, 0) : TERTIAL_STATUS_NOT_STARTED;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
      rc = sql_error(st, "reading the children's statuses");
    else if (status != TERTIAL_STATUS_SUBMITTED && status != TERTIAL_STATUS_APPROVED) {
      char who[160] = "no one";
      if (step == SQLITE_ROW)
        who_when(st, b->year, column_str(q, 1), sqlite3_column_int64(q, 2), who, sizeof who);
      rc = tertial__error(TERTIAL_ERR_CONFLICT,
                          "store %s: %s cannot be submitted at %s: its child %s is %s there (changed by %s); nothing "
                          "was changed: load the year again",
                          st->path, unit_code_of(b->model, w->unit), w->point, child, tertial_status_name(status), who);
    }
    sqlite3_reset(q);
  }
  sqlite3_finalize(q);
  return rc;
}

/* One row of ic_report, the same whether a report writes it or a whole round is saved. */
#define INSERT_REPORT "INSERT INTO ic_report VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
static int insert_report_row(tertial_store *st, sqlite3_stmt *stmt, int year, const tertial_control_result *x,
                             uint64_t version, const char *person, const char *on_behalf_of, time_t when)
{
  sqlite3_bind_int(stmt, 1, year);
  bind_text(stmt, 2, x->control);
  bind_text(stmt, 3, x->point);
  sqlite3_bind_int64(stmt, 4, (sqlite3_int64)version);
  bind_text(stmt, 5, x->result);
  sqlite3_bind_int(stmt, 6, x->deviations);
  bind_text(stmt, 7, x->measures ? x->measures : "");
  bind_text(stmt, 8, person ? person : "");
  bind_text(stmt, 9, on_behalf_of);
  sqlite3_bind_int64(stmt, 10, (sqlite3_int64)when);
  return step_done(st, stmt, "writing a control's result");
}

/* A control's result at a point (ic_report): the store's latest version must be the one the
 * change was made against; the new row is the next version. */
static int write_report(tertial_store *st, round_binding *b, tertial__round_write *w)
{
  const tertial_control_result *x = w->control;
  sqlite3_stmt *stmt = NULL;
  const char *args[] = {x->control, w->point};
  int rc = query_row(st, &stmt, "SELECT version, person, at FROM ic_report WHERE year = ? AND control = ? AND point = ?"
                                " ORDER BY version DESC LIMIT 1", b->year, args, 2);
  uint64_t now = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(stmt, 0) : 0;
  if (rc >= 0 && w->version_read != TERTIAL_ANY_VERSION && w->version_read != now) {
    char what[160];
    snprintf(what, sizeof what, "the result of control %.100s", x->control);
    rc = round_conflict(st, b->year, what, w->point, NULL, column_str(stmt, 1), sqlite3_column_int64(stmt, 2), now,
                        w->version_read);
  }
  sqlite3_finalize(stmt);
  if (rc < 0)
    return rc;
  w->version = now + 1;
  rc = prepare(st, &stmt, INSERT_REPORT);
  if (rc == 0)
    rc = insert_report_row(st, stmt, b->year, x, w->version, w->person, w->on_behalf_of, w->when);
  sqlite3_finalize(stmt);
  return rc;
}

static int round_write(void *ctx, tertial__round_write *w)
{
  round_binding *b = ctx;
  tertial_store *st = b->store;
  if (st->readonly)
    return tertial__error(TERTIAL_ERR_INVALID, "store %s: opened read-only", st->path);
  const char *unit = unit_code_of(b->model, w->unit);
  uint64_t status_now = 0, plan_version = 0;
  sqlite3_int64 year_before = 0;
  /* a change of the model: model_change_begin() opened the transaction and checked it */
  int of_model = w->kind == TERTIAL__RW_PLAN || w->kind == TERTIAL__RW_SNAPSHOT || w->kind == TERTIAL__RW_GOAL;
  int rc = of_model ? 0 : exec(st, "BEGIN IMMEDIATE", "starting a change of the round");
  if (rc < 0)
    return rc;
  if (w->point && !of_model)
    rc = check_lock(st, b->year, w);
  if (rc == 0 && of_model) {
    st->year = b->year;
    rc = read_version(st, b->year, &year_before, NULL, 0);
    if (rc == 0)
      rc = w->kind == TERTIAL__RW_PLAN   ? write_plan(st, b, w, unit, &plan_version)
           : w->kind == TERTIAL__RW_GOAL ? write_goal_setting(st, b, w)
                                         : save_snapshots_of(st, b->model, w->point);
    if (rc == 0)
      rc = write_version(st, b->year, year_before + 1);
  }
  switch (w->kind) {
  case TERTIAL__RW_TEXT:
    if (rc == 0)
      rc = write_text(st, b, w, unit);
    break;
  case TERTIAL__RW_STATUS:
    if (rc == 0)
      rc = check_status(st, b->year, w->point, unit, w->version_read, &status_now);
    if (rc == 0 && w->status == TERTIAL_STATUS_SUBMITTED)
      rc = check_children(st, b, w);
    w->version = status_now + 1;
    if (rc == 0)
      rc = write_status(st, b, w, unit, w->status, w->escalated, w->version, w->text);
    break;
  case TERTIAL__RW_PERSON:
    if (rc == 0)
      rc = write_people(st, b, w);
    break;
  case TERTIAL__RW_IMPORT:
    if (rc == 0)
      rc = write_people(st, b, w);
    if (rc == 0)
      rc = write_roles(st, b, w, 0);
    break;
  case TERTIAL__RW_ASSIGN:
  case TERTIAL__RW_UNASSIGN:
    if (rc == 0)
      rc = write_roles(st, b, w, w->kind == TERTIAL__RW_UNASSIGN);
    break;
  case TERTIAL__RW_LOCK:
  case TERTIAL__RW_THRESHOLD:
    if (rc == 0)
      rc = write_lock_threshold(st, b, w);
    break;
  case TERTIAL__RW_CONTROL:
    if (rc == 0)
      rc = write_report(st, b, w);
    break;
  case TERTIAL__RW_PLAN:
  case TERTIAL__RW_SNAPSHOT:
  case TERTIAL__RW_GOAL:
    break;
  }
  /* a change of the unit's items: its status as this process holds it (submitted elsewhere, the
   * items are read-only; moved elsewhere, the move below would overwrite it) */
  if (rc == 0 && w->guard_status && !of_model)
    rc = check_status(st, b->year, w->point, unit, w->status_version, &status_now);
  if (rc == 0 && w->move) {
    w->move_version = w->status_version + 1;
    rc = write_status(st, b, w, unit, TERTIAL_STATUS_IN_PROGRESS, 0, w->move_version, NULL);
  }
  if (rc == 0)
    rc = write_audit(st, b, w);
  rc = finish(st, rc, "committing a change of the round");
  if (rc == 0 && of_model)
    model_changed(b, w, plan_version, year_before);
  return rc;
}

static void unbind_at(tertial_store *st, size_t i)
{
  free(st->bound[i]);
  st->bound[i] = st->bound[--st->n_bound];
}

/* The hook: the model (and its round) is freed before the store. */
static void round_freed(void *ctx, tertial__round *round)
{
  round_binding *b = ctx;
  (void)round;
  for (size_t i = 0; i < b->store->n_bound; i++)
    if (b->store->bound[i] == b) {
      unbind_at(b->store, i);
      return;
    }
}

/* Whether the store holds any of the round of a year. */
static int round_present(tertial_store *st, int year)
{
  static const char *const tables[] = {"round_person", "round_assignment", "round_status", "round_text",
                                       "round_lock", "round_threshold", "round_audit", "ic_report"};
  int any = 0, rc = 0;
  size_t n = sizeof tables / sizeof *tables - (st->schema_version < 13); /* ic_report: schema 13 */
  for (size_t i = 0; rc == 0 && !any && i < n; i++) {
    char sql[96];
    sqlite3_stmt *stmt = NULL;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE year = ?", tables[i]);
    if ((rc = prepare(st, &stmt, sql)) < 0)
      break;
    sqlite3_bind_int(stmt, 1, year);
    if (sqlite3_step(stmt) == SQLITE_ROW)
      any = sqlite3_column_int(stmt, 0) > 0;
    else
      rc = sql_error(st, "reading the round");
    sqlite3_finalize(stmt);
  }
  return rc < 0 ? rc : any;
}

int tertial_store_bind_round(tertial_store *store, tertial_model *model)
{
  int rc = writable(store, "tertial_store_bind_round");
  if (rc == 0 && !model)
    rc = tertial__error(TERTIAL_ERR_INVALID, "tertial_store_bind_round: model is NULL");
  if (rc < 0)
    return rc;
  int year = tertial_model_fiscal_year(model)->first_year;
  if (!tertial_model_round(model))
    return TERTIAL_ERR_NOMEM;
  tertial__round *r = tertial__model_round(model);
  for (size_t i = 0; i < store->n_bound; i++)
    if (store->bound[i]->round == r)
      return 0;
  uint64_t dev, ino;
  tertial__round_origin(r, &dev, &ino);
  int here = store->identity && (dev || ino) && dev == store->dev && ino == store->ino;
  if ((rc = year_present(store, year)) == 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "store %s holds no fiscal year %d: save the model first, then bind "
                          "its round", store->path, year);
  if (rc < 0)
    return rc;
  if (!here && !tertial__round_is_empty(r))
    return tertial__error(TERTIAL_ERR_STATE, "store %s: the round of %d holds people or changes that were not loaded "
                          "from this store; bind a round before it is filled, or load the model from the store",
                          store->path, year);
  if (!here && (rc = round_present(store, year)) != 0)
    return rc < 0 ? rc : tertial__error(TERTIAL_ERR_STATE, "store %s holds a round of %d that this model did not load: "
                                        "load the model from the store to bind its round", store->path, year);
  round_binding *b = tertial__calloc(1, sizeof *b);
  if (!b || tertial__grow((void **)&store->bound, &store->cap_bound, store->n_bound + 1, sizeof *store->bound) < 0) {
    free(b);
    return TERTIAL_ERR_NOMEM;
  }
  /* bound to another store before: that binding ends */
  round_binding *old = tertial__round_hook_ctx(r);
  if (old)
    tertial_store_unbind_round(old->store, model);
  *b = (round_binding){store, model, r, year};
  store->bound[store->n_bound++] = b;
  tertial__round_hook hook = {round_write, model_change_begin, model_change_abort, round_freed, b};
  tertial__round_set_hook(r, &hook);
  tertial__round_set_origin(r, store->dev, store->ino);
  return 0;
}

int tertial_store_unbind_round(tertial_store *store, tertial_model *model)
{
  if (!store || !model)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_unbind_round: NULL argument");
  tertial__round *r = tertial__model_round(model);
  for (size_t i = 0; r && i < store->n_bound; i++)
    if (store->bound[i]->round == r) {
      tertial__round_set_hook(r, NULL);
      unbind_at(store, i);
      return 0;
    }
  return tertial__error(TERTIAL_ERR_NOT_FOUND, "store %s: the model's round is not bound to it", store->path);
}

/* ---- the round: written whole ---- */

typedef struct round_saver {
  tertial_store *st;
  tertial_model *model;
  tertial_round *round;
  int year;
  sqlite3_stmt *stmt[8]; /* person, role, threshold, lock, status, text, audit, control report */
} round_saver;

static const char *person_key(const round_saver *w, tertial_person_id p)
{
  const tertial_person *pp = p == TERTIAL_NO_PERSON ? NULL : tertial_round_person_at(w->round, p);
  return pp ? pp->key : NULL;
}

static int save_person(void *ctx, const tertial_person *p)
{
  round_saver *w = ctx;
  sqlite3_stmt *s = w->stmt[0];
  sqlite3_bind_int(s, 1, w->year);
  sqlite3_bind_int64(s, 2, p->id);
  bind_text(s, 3, p->key);
  bind_text(s, 4, p->name);
  bind_text(s, 5, p->email ? p->email : "");
  return step_done(w->st, s, "saving the round's people");
}

static int save_role(void *ctx, const tertial_assignment *a)
{
  round_saver *w = ctx;
  sqlite3_stmt *s = w->stmt[1];
  sqlite3_bind_int(s, 1, w->year);
  bind_text(s, 2, person_key(w, a->person));
  sqlite3_bind_int(s, 3, (int)a->role);
  bind_text(s, 4, unit_code_of(w->model, a->unit));
  return step_done(w->st, s, "saving the round's roles");
}

static int save_threshold(void *ctx, int level, int64_t amount, int per_mille)
{
  round_saver *w = ctx;
  sqlite3_stmt *s = w->stmt[2];
  sqlite3_bind_int(s, 1, w->year);
  sqlite3_bind_int(s, 2, level);
  sqlite3_bind_int64(s, 3, amount);
  sqlite3_bind_int(s, 4, per_mille);
  return step_done(w->st, s, "saving the round's thresholds");
}

static int save_lock(void *ctx, const char *point, int locked, tertial_person_id by, time_t since)
{
  round_saver *w = ctx;
  sqlite3_stmt *s = w->stmt[3];
  sqlite3_bind_int(s, 1, w->year);
  bind_text(s, 2, point);
  sqlite3_bind_int(s, 3, locked);
  bind_text(s, 4, person_key(w, by));
  sqlite3_bind_int64(s, 5, (sqlite3_int64)since);
  return step_done(w->st, s, "saving the round's locks");
}

static int save_status(void *ctx, const char *point, tertial_unit_id unit, const tertial_unit_status *st)
{
  round_saver *w = ctx;
  sqlite3_stmt *s = w->stmt[4];
  sqlite3_bind_int(s, 1, w->year);
  bind_text(s, 2, point);
  bind_text(s, 3, unit_code_of(w->model, unit));
  sqlite3_bind_int(s, 4, (int)st->status);
  sqlite3_bind_int(s, 5, st->escalated);
  sqlite3_bind_int64(s, 6, (sqlite3_int64)st->version);
  bind_text(s, 7, person_key(w, st->person));
  bind_text(s, 8, person_key(w, st->on_behalf_of));
  sqlite3_bind_int64(s, 9, (sqlite3_int64)st->when);
  bind_text(s, 10, st->comment ? st->comment : "");
  return step_done(w->st, s, "saving the round's statuses");
}

static int save_text(void *ctx, const char *point, tertial_unit_id unit, tertial_text_kind kind, const char *row,
                     const tertial_text_version *v)
{
  round_saver *w = ctx;
  return insert_text_row(w->st, w->stmt[5], w->year, point, unit_code_of(w->model, unit), kind, row, v->version,
                         v->text, person_key(w, v->person), person_key(w, v->on_behalf_of), v->when);
}

static int save_audit(void *ctx, const tertial_audit_entry *e)
{
  round_saver *w = ctx;
  return insert_audit_row(w->st, w->stmt[6], w->year, e->seq, w->model, e);
}

static int save_report(void *ctx, const tertial_control_result *x, const tertial_control_report *rep)
{
  round_saver *w = ctx;
  return insert_report_row(w->st, w->stmt[7], w->year, x, rep->version, person_key(w, rep->person),
                           person_key(w, rep->on_behalf_of), rep->when);
}

int tertial_store_save_round(tertial_store *store, tertial_model *model)
{
  int rc = writable(store, "tertial_store_save_round");
  if (rc == 0 && !model)
    rc = tertial__error(TERTIAL_ERR_INVALID, "tertial_store_save_round: model is NULL");
  if (rc < 0)
    return rc;
  round_saver w = {store, model, tertial_model_round(model), tertial_model_fiscal_year(model)->first_year, {NULL}};
  if (!w.round)
    return TERTIAL_ERR_NOMEM;
  tertial__round *r = tertial__model_round(model);
  if (tertial__round_hook_ctx(r))
    return tertial__error(TERTIAL_ERR_STATE, "store %s: the round of %d is bound to a store, which writes its "
                          "changes as they are made", store->path, w.year);
  static const char *const sql[8] = {
    "INSERT INTO round_person VALUES(?, ?, ?, ?, ?)",
    "INSERT INTO round_assignment VALUES(?, ?, ?, ?)",
    "INSERT INTO round_threshold VALUES(?, ?, ?, ?)",
    "INSERT INTO round_lock VALUES(?, ?, ?, ?, ?)",
    "INSERT INTO round_status VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO round_text VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO round_audit VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    INSERT_REPORT,
  };
  if (store->schema_version < 6)
    return tertial__error(TERTIAL_ERR_STATE, "store %s: schema version %d keeps no round", store->path,
                          store->schema_version);
  rc = exec(store, "BEGIN IMMEDIATE", "starting to save the round");
  if (rc < 0)
    return rc;
  int present = year_present(store, w.year);
  if (present == 0)
    rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "store %s holds no fiscal year %d: save the model first, then its "
                        "round", store->path, w.year);
  else if (present < 0)
    rc = present;
  else if ((present = round_present(store, w.year)) != 0)
    rc = present < 0 ? present
                     : tertial__error(TERTIAL_ERR_STATE, "store %s already holds a round of %d: load the model from "
                                      "the store and bind its round to change it", store->path, w.year);
  for (int i = 0; rc == 0 && i < 8; i++)
    rc = prepare(store, &w.stmt[i], sql[i]);
  tertial__round_visit v = {save_person, save_role,  save_threshold, save_lock, save_status,
                            save_text,   save_audit, save_report,    &w};
  if (rc == 0)
    rc = tertial__round_visit_all(r, &v);
  for (int i = 0; i < 8; i++)
    sqlite3_finalize(w.stmt[i]);
  rc = finish(store, rc, "committing the round");
  if (rc == 0 && store->identity)
    tertial__round_set_origin(r, store->dev, store->ino);
  return rc;
}

/* ---- the round: loading ---- */

static int find_unit(tertial_unit_id *out, tertial_model *model, const char *code)
{
  *out = TERTIAL_NO_UNIT;
  if (!code || !*code)
    return 0;
  if (tertial_org_find(out, tertial_model_org(model), code) < 0)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "no unit \"%s\" in the model", code);
  return 0;
}

static const char *column_null(sqlite3_stmt *stmt, int i)
{
  return (const char *)sqlite3_column_text(stmt, i);
}

static int row_round_person(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial__round_load_person(tertial__model_round(ctx), column_str(stmt, 0), column_str(stmt, 1),
                                    column_str(stmt, 2));
}

static int row_round_role(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_unit_id u;
  int rc = find_unit(&u, ctx, column_str(stmt, 2));
  return rc < 0 ? rc
                : tertial__round_load_role(tertial__model_round(ctx), column_str(stmt, 0), sqlite3_column_int(stmt, 1), u);
}

static int row_round_threshold(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_round_set_threshold(tertial_model_round(ctx), sqlite3_column_int(stmt, 0),
                                     sqlite3_column_int64(stmt, 1), sqlite3_column_int(stmt, 2));
}

static int row_round_lock(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial__round_load_lock(tertial__model_round(ctx), column_str(stmt, 0), sqlite3_column_int(stmt, 1),
                                  column_null(stmt, 2), (time_t)sqlite3_column_int64(stmt, 3));
}

static int row_round_status(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_unit_id u;
  int rc = find_unit(&u, ctx, column_str(stmt, 0));
  return rc < 0 ? rc
                : tertial__round_load_status(tertial__model_round(ctx), u, column_str(stmt, 1),
                                             sqlite3_column_int(stmt, 2), sqlite3_column_int(stmt, 3),
                                             (uint64_t)sqlite3_column_int64(stmt, 4), column_null(stmt, 5),
                                             column_null(stmt, 6), (time_t)sqlite3_column_int64(stmt, 7),
                                             column_str(stmt, 8));
}

static int row_round_text(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_unit_id u;
  int rc = find_unit(&u, ctx, column_str(stmt, 0));
  return rc < 0 ? rc
                : tertial__round_load_text(tertial__model_round(ctx), u, column_str(stmt, 1),
                                           sqlite3_column_int(stmt, 2), column_str(stmt, 3), column_str(stmt, 4),
                                           column_null(stmt, 5), column_null(stmt, 6),
                                           (time_t)sqlite3_column_int64(stmt, 7),
                                           (uint64_t)sqlite3_column_int64(stmt, 8));
}

static int row_round_audit(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_unit_id u;
  int rc = find_unit(&u, ctx, column_null(stmt, 5));
  return rc < 0 ? rc
                : tertial__round_load_audit(tertial__model_round(ctx), (uint64_t)sqlite3_column_int64(stmt, 0),
                                            (time_t)sqlite3_column_int64(stmt, 1), column_null(stmt, 2),
                                            column_null(stmt, 3), sqlite3_column_int(stmt, 4), u, column_str(stmt, 6),
                                            column_str(stmt, 7), column_str(stmt, 8), column_str(stmt, 9));
}

/* The round of store->year into a model just loaded (inside the load's transaction); none before
 * schema version 6. */
static int load_round(tertial_store *st, tertial_model *model)
{
  if (st->schema_version < 6)
    return 0;
  if (!tertial_model_round(model))
    return TERTIAL_ERR_NOMEM;
  int rc = each_row(st, "SELECT key, name, email FROM round_person WHERE year = {Y} ORDER BY seq", row_round_person,
                    model, "round_person");
  if (rc == 0)
    rc = each_row(st, "SELECT person, role, unit FROM round_assignment WHERE year = {Y} ORDER BY rowid", row_round_role,
                  model, "round_assignment");
  if (rc == 0)
    rc = each_row(st, "SELECT level, amount, per_mille FROM round_threshold WHERE year = {Y} ORDER BY level",
                  row_round_threshold, model, "round_threshold");
  if (rc == 0)
    rc = each_row(st, "SELECT point, locked, person, at FROM round_lock WHERE year = {Y} ORDER BY rowid",
                  row_round_lock, model, "round_lock");
  if (rc == 0)
    rc = each_row(st,
                  "SELECT unit, point, status, escalated, version, person, on_behalf_of, at, comment FROM round_status"
                  " WHERE year = {Y} ORDER BY rowid",
                  row_round_status, model, "round_status");
  if (rc == 0)
    rc = each_row(st,
                  "SELECT unit, point, kind, row, text, person, on_behalf_of, at, version FROM round_text"
                  " WHERE year = {Y} ORDER BY point, unit, kind, row, version",
                  row_round_text, model, "round_text");
  if (rc == 0)
    rc = each_row(st,
                  "SELECT seq, at, person, on_behalf_of, action, unit, point, item, before, after FROM round_audit"
                  " WHERE year = {Y} ORDER BY seq",
                  row_round_audit, model, "round_audit");
  if (rc == 0)
    rc = load_round_intcontrol(st, model);
  if (rc == 0 && st->identity)
    tertial__round_set_origin(tertial__model_round(model), st->dev, st->ino);
  return rc;
}

/* ---- the planning process's objects by fiscal year (store_plan.h) ---- */

/* Start replacing the year's rows of `tables`: checks, a write transaction, the rows deleted. */
static int plan_save_begin(tertial_store *store, int year, const void *obj, const char *fn,
                           const char *const *tables, size_t ntables)
{
  int rc = writable(store, fn);
  if (rc == 0 && !obj)
    rc = tertial__error(TERTIAL_ERR_INVALID, "%s: NULL argument", fn);
  if (rc == 0 && (year < 1 || year > 9999))
    rc = tertial__error(TERTIAL_ERR_RANGE, "%s: expected a fiscal year 1..9999, not %d", fn, year);
  if (rc == 0)
    rc = exec(store, "BEGIN IMMEDIATE", "starting a save");
  if (rc == 0)
    store->year = year;
  for (size_t i = 0; rc == 0 && i < ntables; i++) {
    char sql[96];
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE year = {Y}", tables[i]);
    rc = yexec(store, sql, "clearing the year's planning");
  }
  return rc;
}

/* Start reading a year's planning: 1 to read, 0 when the store is older than schema 11 (it has
 * none), or an error. */
static int plan_load_begin(tertial_store *store, int year, const void *obj, const char *fn)
{
  if (!store || !obj)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: NULL argument", fn);
  if (year < 1 || year > 9999)
    return tertial__error(TERTIAL_ERR_RANGE, "%s: expected a fiscal year 1..9999, not %d", fn, year);
  if (store->schema_version < 11)
    return 0;
  store->year = year;
  int rc = exec(store, "BEGIN", "starting a load");
  return rc < 0 ? rc : 1;
}

int tertial_store_save_proposals(tertial_store *store, int year, const tertial_proposals *list)
{
  static const char *const tables[] = {"plan_proposal"};
  int rc = plan_save_begin(store, year, list, "tertial_store_save_proposals", tables, 1);
  sqlite3_stmt *stmt = NULL;
  if (rc == 0)
    rc = yprepare(store, &stmt, "INSERT INTO plan_proposal VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_proposals_count(list); i++) {
    const tertial_proposal *p = tertial_proposals_at(list, i);
    const char *const texts[] = {p->code, p->problem, p->target_group, p->measure, p->consequences, p->owner,
                                 p->unit, p->account};
    const int cols[] = {2, 4, 5, 6, 12, 13, 15, 16};
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)i);
    for (int k = 0; k < 8; k++)
      bind_text(stmt, cols[k], texts[k]);
    sqlite3_bind_int(stmt, 3, (int)p->kind);
    sqlite3_bind_int64(stmt, 7, p->cost);
    sqlite3_bind_int(stmt, 8, (int)p->difficulty);
    sqlite3_bind_int(stmt, 9, (int)p->benefit);
    sqlite3_bind_int(stmt, 10, (int)p->cost_effectiveness);
    sqlite3_bind_int(stmt, 11, (int)p->perspective);
    sqlite3_bind_int(stmt, 14, (int)p->status);
    rc = step_done(store, stmt, "writing the proposals");
  }
  sqlite3_finalize(stmt);
  return store ? finish(store, rc, "committing the proposals") : rc;
}

static int row_proposal(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_proposal p = TERTIAL_PROPOSAL_INIT;
  (void)st;
  p.code = column_str(stmt, 0);
  p.kind = (tertial_proposal_kind)sqlite3_column_int(stmt, 1);
  p.problem = column_str(stmt, 2);
  p.target_group = column_str(stmt, 3);
  p.measure = column_str(stmt, 4);
  p.cost = sqlite3_column_int64(stmt, 5);
  p.difficulty = (tertial_difficulty)sqlite3_column_int(stmt, 6);
  p.benefit = (tertial_benefit)sqlite3_column_int(stmt, 7);
  p.cost_effectiveness = (tertial_cost_effectiveness)sqlite3_column_int(stmt, 8);
  p.perspective = (tertial_perspective)sqlite3_column_int(stmt, 9);
  p.consequences = column_str(stmt, 10);
  p.owner = column_str(stmt, 11);
  p.status = (tertial_proposal_status)sqlite3_column_int(stmt, 12);
  p.unit = column_str(stmt, 13);
  p.account = column_str(stmt, 14);
  return tertial_proposals_add(ctx, &p);
}

int tertial_store_load_proposals(tertial_store *store, int year, tertial_proposals *list)
{
  int rc = plan_load_begin(store, year, list, "tertial_store_load_proposals");
  if (rc <= 0)
    return rc;
  tertial_proposals *read = NULL;
  rc = tertial_proposals_new(&read);
  if (rc == 0)
    rc = each_row(store,
                  "SELECT code, kind, problem, target_group, measure, cost, difficulty, benefit, cost_effectiveness,"
                  " perspective, consequences, owner, status, unit, account FROM plan_proposal WHERE year = {Y}"
                  " ORDER BY seq",
                  row_proposal, read, "plan_proposal");
  rc = finish(store, rc, "reading the proposals");
  /* all or none: every code is checked against the list before any is added */
  for (size_t i = 0; rc == 0 && i < tertial_proposals_count(read); i++)
    rc = tertial__proposal_check(list, tertial_proposals_at(read, i));
  for (size_t i = 0; rc == 0 && i < tertial_proposals_count(read); i++)
    rc = tertial_proposals_add(list, tertial_proposals_at(read, i));
  tertial_proposals_free(read);
  return rc;
}

int tertial_store_save_unfunded(tertial_store *store, int year, const tertial_unfunded *list)
{
  static const char *const tables[] = {"unfunded_decision"};
  int rc = plan_save_begin(store, year, list, "tertial_store_save_unfunded", tables, 1);
  sqlite3_stmt *stmt = NULL;
  if (rc == 0)
    rc = yprepare(store, &stmt, "INSERT INTO unfunded_decision VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_unfunded_count(list); i++) {
    const tertial_unfunded_decision *d = tertial_unfunded_at(list, i);
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)i);
    bind_text(stmt, 2, d->code);
    bind_text(stmt, 3, d->committee);
    bind_date(stmt, 4, d->decided);
    bind_text(stmt, 5, d->decided_by);
    bind_text(stmt, 6, d->description);
    sqlite3_bind_int64(stmt, 7, d->cost);
    sqlite3_bind_int(stmt, 8, (int)d->funding);
    sqlite3_bind_int64(stmt, 9, d->funded);
    rc = step_done(store, stmt, "writing the unfunded decisions");
  }
  sqlite3_finalize(stmt);
  return store ? finish(store, rc, "committing the unfunded decisions") : rc;
}

static int row_unfunded(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_unfunded_decision d = TERTIAL_UNFUNDED_DECISION_INIT;
  (void)st;
  d.code = column_str(stmt, 0);
  d.committee = column_str(stmt, 1);
  d.decided = column_date(stmt, 2);
  d.decided_by = column_str(stmt, 3);
  d.description = column_str(stmt, 4);
  d.cost = sqlite3_column_int64(stmt, 5);
  d.funding = (tertial_funding)sqlite3_column_int(stmt, 6);
  d.funded = sqlite3_column_int64(stmt, 7);
  return tertial_unfunded_add(ctx, &d);
}

int tertial_store_load_unfunded(tertial_store *store, int year, tertial_unfunded *list)
{
  int rc = plan_load_begin(store, year, list, "tertial_store_load_unfunded");
  if (rc <= 0)
    return rc;
  size_t before = tertial_unfunded_count(list);
  rc = each_row(store,
                "SELECT code, committee, decided, decided_by, description, cost, funding, funded"
                " FROM unfunded_decision WHERE year = {Y} ORDER BY seq",
                row_unfunded, list, "unfunded_decision");
  rc = finish(store, rc, "reading the unfunded decisions");
  if (rc < 0)
    tertial__unfunded_truncate(list, before);
  return rc;
}

int tertial_store_save_intcontrol(tertial_store *store, int year, const tertial_intcontrol *ic)
{
  static const char *const tables[] = {"ic_setting", "ic_risk", "ic_control", "ic_result"};
  int rc = plan_save_begin(store, year, ic, "tertial_store_save_intcontrol", tables, 4);
  sqlite3_stmt *set = NULL, *risk = NULL, *control = NULL, *result = NULL;
  if (rc == 0)
    rc = yprepare(store, &set, "INSERT INTO ic_setting VALUES({Y}, ?)");
  if (rc == 0)
    rc = yprepare(store, &risk, "INSERT INTO ic_risk VALUES({Y}, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(store, &control, "INSERT INTO ic_control VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = yprepare(store, &result, "INSERT INTO ic_result VALUES({Y}, ?, ?, ?, ?, ?, ?)");
  if (rc == 0) {
    sqlite3_bind_int(set, 1, tertial_intcontrol_threshold(ic));
    rc = step_done(store, set, "writing the internal control's threshold");
  }
  for (size_t i = 0; rc == 0 && i < tertial_intcontrol_risk_count(ic); i++) {
    const tertial_risk *r = tertial_intcontrol_risk_at(ic, i);
    sqlite3_bind_int64(risk, 1, (sqlite3_int64)i);
    bind_text(risk, 2, r->code);
    bind_text(risk, 3, r->committee);
    bind_text(risk, 4, r->process);
    bind_text(risk, 5, r->risk);
    sqlite3_bind_int(risk, 6, r->likelihood);
    sqlite3_bind_int(risk, 7, r->consequence);
    rc = step_done(store, risk, "writing the risks");
  }
  for (size_t i = 0; rc == 0 && i < tertial_intcontrol_control_count(ic); i++) {
    const tertial_control *c = tertial_intcontrol_control_at(ic, i);
    const char *const texts[] = {c->code, c->risk, c->activity, c->method, c->frequency, c->responsible, c->point};
    sqlite3_bind_int64(control, 1, (sqlite3_int64)i);
    for (int k = 0; k < 7; k++)
      bind_text(control, 2 + k, texts[k]);
    rc = step_done(store, control, "writing the internal control plan");
  }
  for (size_t i = 0; rc == 0 && i < tertial_intcontrol_result_count(ic); i++) {
    const tertial_control_result *r = tertial_intcontrol_result_at(ic, i);
    sqlite3_bind_int64(result, 1, (sqlite3_int64)i);
    bind_text(result, 2, r->control);
    bind_text(result, 3, r->point);
    bind_text(result, 4, r->result);
    sqlite3_bind_int(result, 5, r->deviations);
    bind_text(result, 6, r->measures);
    rc = step_done(store, result, "writing the controls' results");
  }
  sqlite3_finalize(set);
  sqlite3_finalize(risk);
  sqlite3_finalize(control);
  sqlite3_finalize(result);
  return store ? finish(store, rc, "committing the internal control") : rc;
}

static int row_ic_setting(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  return tertial_intcontrol_set_threshold(ctx, sqlite3_column_int(stmt, 0));
}

static int row_ic_risk(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_risk r = {column_str(stmt, 0), column_str(stmt, 1), column_str(stmt, 2), column_str(stmt, 3),
                    sqlite3_column_int(stmt, 4), sqlite3_column_int(stmt, 5)};
  (void)st;
  return tertial_intcontrol_add_risk(ctx, &r);
}

static int row_ic_control(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_control c = {column_str(stmt, 0), column_str(stmt, 1), column_str(stmt, 2), column_str(stmt, 3),
                       column_str(stmt, 4), column_str(stmt, 5), column_str(stmt, 6)};
  (void)st;
  return tertial_intcontrol_add_control(ctx, &c);
}

static int row_ic_result(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_control_result r = {column_str(stmt, 0), column_str(stmt, 1), column_str(stmt, 2),
                              sqlite3_column_int(stmt, 3), column_str(stmt, 4)};
  (void)st;
  return tertial_intcontrol_add_result(ctx, &r);
}

/* The year's threshold, risks, control plan and imported results, added to ic. */
static int read_intcontrol(tertial_store *st, tertial_intcontrol *ic)
{
  int rc = each_row(st, "SELECT threshold FROM ic_setting WHERE year = {Y}", row_ic_setting, ic, "ic_setting");
  if (rc == 0)
    rc = each_row(st,
                  "SELECT code, committee, process, risk, likelihood, consequence FROM ic_risk WHERE year = {Y}"
                  " ORDER BY seq",
                  row_ic_risk, ic, "ic_risk");
  if (rc == 0)
    rc = each_row(st,
                  "SELECT code, risk, activity, method, frequency, responsible, point FROM ic_control"
                  " WHERE year = {Y} ORDER BY seq",
                  row_ic_control, ic, "ic_control");
  if (rc == 0)
    rc = each_row(st,
                  "SELECT control, point, result, deviations, measures FROM ic_result WHERE year = {Y} ORDER BY seq",
                  row_ic_result, ic, "ic_result");
  return rc;
}

/* The latest report of each control at each point through the round (schema 13), in the order
 * control, point. */
static int each_report(tertial_store *st, row_fn fn, void *ctx)
{
  if (st->schema_version < 13)
    return 0;
  return each_row(st,
                  "SELECT control, point, result, deviations, measures, version, person, on_behalf_of, at"
                  " FROM ic_report r WHERE year = {Y} AND version = (SELECT max(version) FROM ic_report"
                  " WHERE year = r.year AND control = r.control AND point = r.point) ORDER BY control, point",
                  fn, ctx, "ic_report");
}

static tertial_control_result report_of(sqlite3_stmt *stmt)
{
  return (tertial_control_result){column_str(stmt, 0), column_str(stmt, 1), column_str(stmt, 2),
                                  sqlite3_column_int(stmt, 3), column_str(stmt, 4)};
}

/* A reported result replaces one imported (ic_result) that this load added; a control no longer
 * in the plan is left out (its rows stay). */
typedef struct report_load {
  tertial_intcontrol *ic;
  size_t before; /* the results the list held before the load: not replaced */
} report_load;

static int row_ic_report(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  report_load *l = ctx;
  tertial_control_result x = report_of(stmt), copy;
  (void)st;
  long i = tertial__intcontrol_find_result(l->ic, x.control, x.point);
  if (i >= 0 && (size_t)i < l->before)
    return tertial__error(TERTIAL_ERR_EXISTS, "control %s has a result at %s already", x.control, x.point);
  int rc = tertial__intcontrol_result_prepare(l->ic, &x, &copy);
  if (rc == TERTIAL_ERR_NOT_FOUND) {
    tertial_error_clear();
    return 0;
  }
  if (rc == 0)
    tertial__intcontrol_result_commit(l->ic, &copy);
  return rc;
}

static int row_round_report(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_control_result x = report_of(stmt);
  (void)st;
  return tertial__round_load_control(tertial__model_round(ctx), &x, (uint64_t)sqlite3_column_int64(stmt, 5),
                                     column_null(stmt, 6), column_null(stmt, 7), (time_t)sqlite3_column_int64(stmt, 8));
}

/* The year's internal control into the round of a model being loaded (inside the load's
 * transaction): the plan as saved, then the results reported through the round. */
static int load_round_intcontrol(tertial_store *st, tertial_model *model)
{
  if (st->schema_version < 11)
    return 0;
  tertial_intcontrol *ic = tertial_round_intcontrol(tertial_model_round(model));
  if (!ic)
    return tertial__nomem("the round's internal control");
  int rc = read_intcontrol(st, ic);
  if (rc == 0)
    rc = each_report(st, row_round_report, model);
  return rc;
}

int tertial_store_load_intcontrol(tertial_store *store, int year, tertial_intcontrol *ic)
{
  int rc = plan_load_begin(store, year, ic, "tertial_store_load_intcontrol");
  if (rc <= 0)
    return rc;
  const int threshold = tertial_intcontrol_threshold(ic);
  const size_t before[3] = {tertial_intcontrol_risk_count(ic), tertial_intcontrol_control_count(ic),
                            tertial_intcontrol_result_count(ic)};
  rc = read_intcontrol(store, ic);
  report_load reports = {ic, before[TERTIAL_INTCONTROL_RESULTS]};
  if (rc == 0)
    rc = each_report(store, row_ic_report, &reports);
  rc = finish(store, rc, "reading the internal control");
  if (rc < 0) {
    for (int t = TERTIAL_INTCONTROL_RESULTS; t >= TERTIAL_INTCONTROL_RISKS; t--)
      tertial__intcontrol_truncate(ic, (tertial_intcontrol_table)t, before[t]);
    tertial_intcontrol_set_threshold(ic, threshold);
  }
  return rc;
}

/* ---- the investment budget and the annual wheels (schema 12, store_plan.h) ---- */

int tertial_store_save_investments(tertial_store *store, int year, const tertial_investments *list)
{
  static const char *const tables[] = {"invest_project"};
  int rc = plan_save_begin(store, year, list, "tertial_store_save_investments", tables, 1);
  sqlite3_stmt *stmt = NULL;
  if (rc == 0)
    rc = yprepare(store, &stmt, "INSERT INTO invest_project VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                " ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_investments_count(list); i++) {
    const tertial_investment *p = tertial_investments_at(list, i);
    const char *const texts[] = {p->code, p->name ? p->name : "", p->unit, p->category ? p->category : ""};
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)i);
    for (int k = 0; k < 4; k++)
      bind_text(stmt, 2 + k, texts[k]);
    sqlite3_bind_int(stmt, 6, (int)p->status);
    sqlite3_bind_int(stmt, 7, p->first_year);
    sqlite3_bind_int(stmt, 8, p->years);
    for (int k = 0; k < TERTIAL_INVESTMENT_YEARS; k++)
      sqlite3_bind_int64(stmt, 9 + k, p->amounts[k]);
    sqlite3_bind_int(stmt, 19, p->has_spent);
    sqlite3_bind_int64(stmt, 20, p->spent);
    sqlite3_bind_int(stmt, 21, p->has_budget);
    sqlite3_bind_int64(stmt, 22, p->budget);
    rc = step_done(store, stmt, "writing the investment projects");
  }
  sqlite3_finalize(stmt);
  return store ? finish(store, rc, "committing the investment projects") : rc;
}

static int row_investment(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  tertial_investment p = TERTIAL_INVESTMENT_INIT;
  (void)st;
  p.code = column_str(stmt, 0);
  p.name = column_str(stmt, 1);
  p.unit = column_str(stmt, 2);
  p.category = column_str(stmt, 3);
  p.status = (tertial_investment_status)sqlite3_column_int(stmt, 4);
  p.first_year = sqlite3_column_int(stmt, 5);
  p.years = sqlite3_column_int(stmt, 6);
  for (int k = 0; k < TERTIAL_INVESTMENT_YEARS; k++)
    p.amounts[k] = sqlite3_column_int64(stmt, 7 + k);
  p.has_spent = sqlite3_column_int(stmt, 17);
  p.spent = sqlite3_column_int64(stmt, 18);
  p.has_budget = sqlite3_column_int(stmt, 19);
  p.budget = sqlite3_column_int64(stmt, 20);
  return tertial_investments_add(ctx, &p);
}

int tertial_store_load_investments(tertial_store *store, int year, tertial_investments *list)
{
  if (store && store->schema_version < 12 && list && year >= 1 && year <= 9999)
    return 0; /* an older store holds none */
  int rc = plan_load_begin(store, year, list, "tertial_store_load_investments");
  if (rc <= 0)
    return rc;
  size_t before = tertial_investments_count(list);
  rc = each_row(store,
                "SELECT code, name, unit, category, status, first_year, years, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9,"
                " has_spent, spent, has_budget, budget FROM invest_project WHERE year = {Y} ORDER BY seq",
                row_investment, list, "invest_project");
  rc = finish(store, rc, "reading the investment projects");
  if (rc < 0)
    tertial__investments_truncate(list, before);
  return rc;
}

/* Bind a wheel time to the parameters first.. (kind, year offset, weeks, months and days). */
static void bind_when(sqlite3_stmt *stmt, int first, const tertial_wheel_when *w)
{
  const int v[] = {(int)w->kind, w->year, w->from_week, w->to_week, w->from_month, w->from_day, w->to_month,
                   w->to_day};
  for (int k = 0; k < 8; k++)
    sqlite3_bind_int(stmt, first + k, v[k]);
}

static tertial_wheel_when column_when(sqlite3_stmt *stmt, int first)
{
  tertial_wheel_when w = {(tertial_when_kind)sqlite3_column_int(stmt, first), sqlite3_column_int(stmt, first + 1),
                          sqlite3_column_int(stmt, first + 2), sqlite3_column_int(stmt, first + 3),
                          sqlite3_column_int(stmt, first + 4), sqlite3_column_int(stmt, first + 5),
                          sqlite3_column_int(stmt, first + 6), sqlite3_column_int(stmt, first + 7)};
  return w;
}

/* The id of the wheel named @p name (NULL: the one saved last) in *id, 0 when there is none. */
static int wheel_id(tertial_store *store, const char *name, sqlite3_int64 *id)
{
  sqlite3_stmt *stmt = NULL;
  int rc = prepare(store, &stmt, name ? "SELECT id FROM wheel_template WHERE name = ?"
                                      : "SELECT id FROM wheel_template ORDER BY id DESC LIMIT 1");
  if (rc < 0)
    return rc;
  if (name)
    bind_text(stmt, 1, name);
  int step = sqlite3_step(stmt);
  *id = step == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
  if (step != SQLITE_ROW && step != SQLITE_DONE)
    rc = sql_error(store, "reading the wheels");
  sqlite3_finalize(stmt);
  return rc;
}

/* Delete the rows of the wheel @p id from @p table, whose column @p key holds the id. */
static int wheel_delete(tertial_store *store, const char *table, const char *key, sqlite3_int64 id)
{
  char buf[128];
  snprintf(buf, sizeof buf, "DELETE FROM %s WHERE %s = %lld", table, key, (long long)id);
  return exec(store, buf, "clearing the wheel");
}

static int save_wheel_rows(tertial_store *store, sqlite3_int64 id, const tertial_wheel *w)
{
  sqlite3_stmt *proc = NULL, *act = NULL;
  int rc = prepare(store, &proc, "INSERT INTO wheel_process VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (rc == 0)
    rc = prepare(store, &act, "INSERT INTO wheel_activity VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                              " ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_wheel_process_count(w); i++) {
    const tertial_wheel_process *p = tertial_wheel_process_at(w, i);
    sqlite3_bind_int64(proc, 1, id);
    sqlite3_bind_int64(proc, 2, (sqlite3_int64)i);
    bind_text(proc, 3, p->name);
    sqlite3_bind_int(proc, 4, (int)p->flow);
    bind_when(proc, 5, &p->when);
    bind_text(proc, 13, p->objects_in);
    bind_text(proc, 14, p->objects_out);
    sqlite3_bind_int64(proc, 15, p->line);
    sqlite3_bind_int64(proc, 16, (sqlite3_int64)tertial__wheel_order(w, 0, i));
    rc = step_done(store, proc, "writing the wheel's sub-processes");
  }
  for (size_t i = 0; rc == 0 && i < tertial_wheel_activity_count(w); i++) {
    const tertial_wheel_activity *a = tertial_wheel_activity_at(w, i);
    const char *const texts[] = {a->responsible, a->participants, a->unit, a->decided_by, a->objects_in,
                                 a->objects_out};
    sqlite3_bind_int64(act, 1, id);
    sqlite3_bind_int64(act, 2, (sqlite3_int64)i);
    sqlite3_bind_int64(act, 3, (sqlite3_int64)a->process);
    bind_text(act, 4, a->name);
    bind_when(act, 5, &a->when);
    for (int k = 0; k < 6; k++)
      bind_text(act, 13 + k, texts[k]);
    sqlite3_bind_int(act, 19, (int)a->variant);
    sqlite3_bind_int64(act, 20, a->line);
    sqlite3_bind_int64(act, 21, (sqlite3_int64)tertial__wheel_order(w, 1, i));
    rc = step_done(store, act, "writing the wheel's activities");
  }
  sqlite3_finalize(proc);
  sqlite3_finalize(act);
  return rc;
}

int tertial_store_save_wheel(tertial_store *store, const char *name, const tertial_wheel *w)
{
  int rc = writable(store, "tertial_store_save_wheel");
  if (rc < 0)
    return rc;
  if (!name || !w)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_save_wheel: NULL argument");
  if (!*name || !g_utf8_validate(name, -1, NULL))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_save_wheel: expected a name of UTF-8 text");
  sqlite3_int64 id = 0;
  sqlite3_stmt *stmt = NULL;
  rc = exec(store, "BEGIN IMMEDIATE", "starting a save");
  if (rc == 0)
    rc = wheel_id(store, name, &id);
  if (rc == 0 && id) {
    rc = wheel_delete(store, "wheel_process", "wheel", id);
    if (rc == 0)
      rc = wheel_delete(store, "wheel_activity", "wheel", id);
    if (rc == 0)
      rc = wheel_delete(store, "wheel_template", "id", id);
  }
  if (rc == 0) /* a new id, the highest: the wheel saved last */
    rc = prepare(store, &stmt, "INSERT INTO wheel_template(id, name) VALUES((SELECT coalesce(max(id), 0) + 1 FROM"
                               " wheel_template), ?)");
  if (rc == 0) {
    bind_text(stmt, 1, name);
    rc = step_done(store, stmt, "writing the wheel");
  }
  sqlite3_finalize(stmt);
  if (rc == 0)
    rc = save_wheel_rows(store, sqlite3_last_insert_rowid(store->db), w);
  return finish(store, rc, "committing the wheel");
}

/* A row of the union of a wheel's sub-processes (column 0 is 0) and activities (1), in the
 * template's order. */
static int row_wheel_item(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_wheel_when when = column_when(stmt, 4);
  unsigned line = (unsigned)sqlite3_column_int64(stmt, 19);
  if (sqlite3_column_int(stmt, 0) == 0) {
    tertial_wheel_process p = {column_str(stmt, 2), (tertial_wheel_flow)sqlite3_column_int(stmt, 3), when,
                               column_str(stmt, 16), column_str(stmt, 17), line};
    return tertial__wheel_add_process(ctx, &p);
  }
  tertial_wheel_activity a = {(size_t)sqlite3_column_int64(stmt, 1), column_str(stmt, 2), when,
                              column_str(stmt, 12), column_str(stmt, 13), column_str(stmt, 14),
                              column_str(stmt, 15), column_str(stmt, 16), column_str(stmt, 17),
                              (tertial_wheel_variant)sqlite3_column_int(stmt, 18), line};
  return tertial__wheel_add_activity(ctx, &a);
}

int tertial_store_load_wheel(tertial_wheel **out, tertial_store *store, const char *name)
{
  if (!out || !store)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_store_load_wheel: NULL argument");
  *out = NULL;
  if (store->schema_version < 12)
    return tertial__error(TERTIAL_ERR_NOT_FOUND, "store %s holds no annual wheel (schema version %d)", store->path,
                          store->schema_version);
  sqlite3_int64 id = 0;
  tertial_wheel *w = NULL;
  char sql[640];
  int rc = exec(store, "BEGIN", "starting a load");
  if (rc == 0)
    rc = wheel_id(store, name, &id);
  if (rc == 0 && !id)
    rc = name ? tertial__error(TERTIAL_ERR_NOT_FOUND, "store %s holds no annual wheel named %s", store->path, name)
              : tertial__error(TERTIAL_ERR_NOT_FOUND, "store %s holds no annual wheel", store->path);
  if (rc == 0)
    rc = tertial__wheel_new(&w);
  snprintf(sql, sizeof sql,
           "SELECT 0, 0, name, flow, w_kind, w_year, from_week, to_week, from_month, from_day, to_month, to_day,"
           " '', '', '', '', objects_in, objects_out, 0, line, ord FROM wheel_process WHERE wheel = %lld"
           " UNION ALL SELECT 1, process, name, 0, w_kind, w_year, from_week, to_week, from_month, from_day,"
           " to_month, to_day, responsible, participants, unit, decided_by, objects_in, objects_out, variant, line,"
           " ord FROM wheel_activity WHERE wheel = %lld ORDER BY 21",
           (long long)id, (long long)id);
  if (rc == 0)
    rc = each_row(store, sql, row_wheel_item, w, "wheel_process, wheel_activity");
  rc = finish(store, rc, "reading the wheel");
  if (rc < 0) {
    tertial_wheel_free(w);
    return rc;
  }
  *out = w;
  return 0;
}

/* ---- the lines of applied frame updates (schema 14, store_plan.h) ---- */

/* Check the arguments of a frame lines save or load; the year's range as plan_save_begin(). */
static int frame_lines_args(tertial_store *store, int year, int measure, const void *update, const char *fn)
{
  if (!store || !update)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: NULL argument", fn);
  if (year < 1 || year > 9999)
    return tertial__error(TERTIAL_ERR_RANGE, "%s: expected a fiscal year 1..9999, not %d", fn, year);
  if (measure < 0)
    return tertial__error(TERTIAL_ERR_RANGE, "%s: expected a budget version's measure, not %d", fn, measure);
  return 0;
}

/* The arguments of a save of frame lines, checked; a writable store. */
static int frame_save_args(tertial_store *store, int year, int measure, const char *version,
                           const tertial_frame_update *update, const char *fn)
{
  int rc = writable(store, fn);
  if (rc == 0)
    rc = frame_lines_args(store, year, measure, update, fn);
  if (rc == 0 && (!version || !*version || !g_utf8_validate(version, -1, NULL)))
    rc = tertial__error(TERTIAL_ERR_INVALID, "%s: expected the version's name as UTF-8 text", fn);
  return rc;
}

/* Replace the frame lines of a version, inside the caller's transaction. */
static int write_frame_lines(tertial_store *store, const frame_job *job)
{
  sqlite3_stmt *stmt = NULL;
  char del[96];
  snprintf(del, sizeof del, "DELETE FROM frame_line WHERE year = {Y} AND measure = %d", job->measure);
  store->year = job->year;
  int rc = yexec(store, del, "clearing the version's frame lines");
  if (rc == 0)
    rc = yprepare(store, &stmt, "INSERT INTO frame_line VALUES({Y}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; rc == 0 && i < tertial_frame_update_count(job->update); i++) {
    const tertial_frame_line *l = tertial_frame_update_at(job->update, i);
    const int64_t v[] = {l->rate, l->persons, l->per_person, l->amount};
    sqlite3_bind_int(stmt, 1, job->measure);
    sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i);
    bind_text(stmt, 3, job->version);
    bind_text(stmt, 4, l->unit);
    bind_text(stmt, 5, l->account);
    sqlite3_bind_int(stmt, 6, (int)l->kind);
    for (int k = 0; k < 4; k++)
      sqlite3_bind_int64(stmt, 7 + k, v[k]);
    bind_text(stmt, 11, l->group ? l->group : "");
    bind_text(stmt, 12, l->text ? l->text : "");
    sqlite3_bind_int64(stmt, 13, l->base);
    sqlite3_bind_int64(stmt, 14, l->change);
    rc = step_done(store, stmt, "writing the frame lines");
  }
  sqlite3_finalize(stmt);
  return rc;
}

int tertial_store_save_frame_lines(tertial_store *store, int year, int measure, const char *version,
                                   const tertial_frame_update *update)
{
  int rc = frame_save_args(store, year, measure, version, update, "tertial_store_save_frame_lines");
  if (rc < 0)
    return rc;
  const frame_job job = {year, measure, version, update};
  rc = exec(store, "BEGIN IMMEDIATE", "starting a save");
  if (rc == 0)
    rc = write_frame_lines(store, &job);
  return finish(store, rc, "committing the frame lines");
}

int tertial_store_save_with_frame_lines(tertial_store *store, tertial_model *model, int measure, const char *version,
                                        const tertial_frame_update *update)
{
  static const char *const fn = "tertial_store_save_with_frame_lines";
  if (!model)
    return tertial__error(TERTIAL_ERR_INVALID, "%s: model is NULL", fn);
  int year = tertial_model_fiscal_year(model)->first_year;
  int rc = frame_save_args(store, year, measure, version, update, fn);
  if (rc < 0)
    return rc;
  const frame_job job = {year, measure, version, update};
  return save_years(store, &model, 1, &job);
}

static int row_frame_line(tertial_store *st, sqlite3_stmt *stmt, void *ctx)
{
  (void)st;
  tertial_frame_line l = TERTIAL_FRAME_LINE_INIT;
  l.unit = column_str(stmt, 0);
  l.account = column_str(stmt, 1);
  l.kind = (tertial_frame_line_kind)sqlite3_column_int(stmt, 2);
  l.rate = sqlite3_column_int64(stmt, 3);
  l.persons = sqlite3_column_int64(stmt, 4);
  l.per_person = sqlite3_column_int64(stmt, 5);
  l.amount = sqlite3_column_int64(stmt, 6);
  l.group = column_str(stmt, 7);
  l.text = column_str(stmt, 8);
  l.base = sqlite3_column_int64(stmt, 9);
  l.change = sqlite3_column_int64(stmt, 10);
  return tertial__frame_update_add_applied(ctx, &l);
}

int tertial_store_load_frame_lines(tertial_store *store, int year, int measure, tertial_frame_update *update)
{
  int rc = frame_lines_args(store, year, measure, update, "tertial_store_load_frame_lines");
  if (rc < 0 || store->schema_version < 14)
    return rc; /* an older store holds none */
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT unit, account, kind, rate, persons, per_person, amount, age_group, text, base,"
                            " change FROM frame_line WHERE year = {Y} AND measure = %d ORDER BY seq", measure);
  size_t before = tertial_frame_update_count(update);
  store->year = year;
  rc = exec(store, "BEGIN", "starting a load");
  if (rc == 0)
    rc = each_row(store, sql, row_frame_line, update, "frame_line");
  rc = finish(store, rc, "reading the frame lines");
  if (rc < 0)
    tertial__frame_update_truncate(update, before);
  return rc;
}
