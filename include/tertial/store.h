/**
 * @file store.h
 * @brief The embedded store: one municipality's models, one per fiscal year, in a SQLite file.
 *
 * A store is a SQLite database in WAL mode with a schema version table; opening an older
 * store migrates it in one transaction. It holds one model per fiscal year, the year known by
 * its first calendar year (tertial_fiscal_year::first_year): past years for the accuracy of
 * their forecasts and for backtests, and the current one. tertial_store_save() replaces the
 * stored model of the model's fiscal year and leaves the other years alone;
 * tertial_store_save_years() does so for several years at once; tertial_store_load() reads the
 * latest year back, tertial_store_load_year() any year. Each of them is one transaction: a save
 * that fails or is killed half-way leaves the store as it was.
 *
 * Several processes may use one store at once. Every save and removal of a fiscal year bumps the
 * year's version. A model remembers the version of its year in the store file it was loaded from
 * or saved to (through any handle on that file); a store handle remembers the version of each
 * year it loaded, asked tertial_store_has_year() about, or saved. A save of a model fails with
 * ::TERTIAL_ERR_CONFLICT, changing nothing, when another process, handle or model changed the
 * year since the model was read (or, for a model that never met this store, since the handle
 * read the year); so does a removal of a year the handle read. Then load it again and repeat
 * the change. A year that neither the model nor the handle read is saved whatever the store
 * holds (a new model, or one from another store file).
 *
 * The round of a fiscal year (round.h: people, roles, texts with every version, statuses, locks,
 * thresholds, the audit trail) is loaded with the year but never written by a save: a save of the
 * model neither deletes nor rewrites it, and a change of the round does not bump the year's save
 * version (so a save and round changes of other processes do not conflict; each waits for the
 * other's transaction). It is written change by change while the round is bound to a store
 * (tertial_store_bind_round()): every change of the round, checked or not, is written with its
 * audit entries in its own small transaction (BEGIN IMMEDIATE, the busy timeout below) before it
 * takes effect in memory. That transaction checks the item's version in the store against the
 * version the change was made against (the caller's version read, unless ::TERTIAL_ANY_VERSION):
 * a text, a status, the lock of the point; for a change of a unit's items also the unit's status
 * as this process holds it. A change another process made that this one has not loaded fails with
 * ::TERTIAL_ERR_CONFLICT, the message naming the item and who changed it when (from the store);
 * a point locked in the store refuses with ::TERTIAL_ERR_NOT_PERMITTED; any other failure of the
 * write (::TERTIAL_ERR_IO) changes nothing either, in the store or in memory. The store numbers the
 * audit entries (1, 2, ... per year, unique across processes); text versions are the store's too.
 * While bound, the checked calls that change the model itself are written change by change too,
 * with their audit entries: a change of a unit's forecast plan items (method rules, adjustments,
 * measures and their statuses, accruals: tertial_round_adjustment_add_as() and its siblings)
 * rewrites that unit's items in the store from the model, and a snapshot
 * (tertial_round_snapshot_take_as()) writes the point's snapshot. Their transaction is opened and
 * checked before the change is made in memory: the point's lock, the unit's status, no whole save
 * of the year since the model was read, and the unit's items at the version the model read (each
 * unit's items have a version in the store, so that people changing different units never
 * conflict, and two changing the same unit's items get ::TERTIAL_ERR_CONFLICT naming who changed
 * them when); a snapshot needs the whole year as the model read it, since it freezes every unit's
 * forecast. Such a change writes the year's save version on, so that a later whole save of a model
 * that did not see it is refused. The forecasts themselves (tertial_forecast_apply()) are derived
 * and are not written by a change: apply the plan after loading (the CLI's report does). The audit
 * trail and the texts' versions are append-only in the store (triggers refuse an update or
 * deletion); removing a year leaves its round's rows.
 *
 * A store opened read-only (::TERTIAL_STORE_READONLY) is never written, migrated or switched to
 * WAL mode. In a directory or mount this process cannot write, a store without a -wal file (no
 * connection open) is read as immutable, as SQLite allows for read-only WAL databases; a
 * writer elsewhere at the same time is not seen. A read-only connection in a writable directory
 * may leave SQLite's empty -wal and -shm files behind, as any read-only SQLite connection does.
 *
 * What is stored: the fiscal year; the organisation (levels, units with managers, and
 * reorganisations as the parent in force in every month of the fiscal year and the year
 * before); the follow-up points with their deadlines per organisation level; the chart of accounts with types and internal flags; the
 * report-row mapping (its text form, tertial_rowmap_format()); every measure's amounts with
 * the measures' names and the budget versions' metadata; the current budget; the forecasts set
 * on the model; the forecast plan's method rules, manual figures, volume drivers and
 * adjustments; measures (åtgärder), adherence plans, accruals and snapshots; the periodisation
 * keys of the model's key set (tertial_model_keys()) as they were made (tertial_key_values(),
 * tertial_key_holiday_flags()), its default key and its assignment rules in the order added
 * (tertial_keyset_rule_at()), so the set resolves every unit and account as before. The
 * periodised months of budgets set with the keys are stored with the amounts. The goals and
 * indicators (goals.h): indicators with their targets and every own value with its source and
 * time, the goal tree with its links to indicators, the status rule and every status setting.
 * And the round of
 * each year: people (per year: the round's directory is the year's, its audit trail records who
 * added whom) and role assignments by unit code, statuses per unit and point with their version,
 * who, when, comment and escalation, every version of every text, the locks of the points, the
 * thresholds per level and the audit trail; and every report of an internal control's result
 * made through the round (round_control.h), written change by change like a text.
 * @code
 * tertial_store *st;
 * if (tertial_store_open(&st, "kommun.db", TERTIAL_STORE_CREATE) == 0) {
 *     tertial_store_save(st, model);
 *     tertial_store_free(st);
 * }
 * @endcode
 */
#ifndef TERTIAL_STORE_H
#define TERTIAL_STORE_H

#include "common.h"
#include "model.h"

TERTIAL_BEGIN_DECLS

/** An open store (one SQLite connection). */
typedef struct tertial_store tertial_store;

/** Flag of tertial_store_open(): create the file when it does not exist. */
#define TERTIAL_STORE_CREATE 1u
/** Flag of tertial_store_open(): open read-only (nothing written, no migration; saving fails). */
#define TERTIAL_STORE_READONLY 2u

/** The schema version this library writes (3: one model per fiscal year; 4: the years' save
 * versions; 5: the follow-up points' deadlines per organisation level; 6: the round of each
 * fiscal year; 7: the versions of each unit's forecast plan items, written unit by unit while a
 * round is bound; 8: goals and indicators; 9: the goal a measure serves; 10: what a measure is
 * for; 11: the planning process: decided proposals applied to budget versions, and the proposals,
 * unfunded decisions and internal control of a fiscal year, store_plan.h; 12: the investment
 * budget of a fiscal year and annual wheel templates by name, store_plan.h; 13: the controls'
 * results reported through the round, every version; 14: the lines of the frame updates applied to
 * make budget versions, store_plan.h). A read-only open reads versions 3 to 14. */
#define TERTIAL_STORE_SCHEMA_VERSION 14

/**
 * Open (or with ::TERTIAL_STORE_CREATE create) a store, switch it to WAL mode and bring its
 * schema up to ::TERTIAL_STORE_SCHEMA_VERSION; read-only, only open it. The file is looked at
 * before anything is written: a file that is not a Tertial store is refused unchanged, and an
 * empty file becomes a store only with ::TERTIAL_STORE_CREATE. A writer waits up to 30 seconds
 * for another one to finish.
 * @param out receives the store; free with tertial_store_free().
 * @param path the database file.
 * @param flags ::TERTIAL_STORE_CREATE, ::TERTIAL_STORE_READONLY or 0.
 * @return 0, ::TERTIAL_ERR_IO (SQLite could not open, read or migrate it; the message names
 *         the path and carries SQLite's message; also a file that is not a Tertial store, the
 *         message saying "not a Tertial store", or an empty file without ::TERTIAL_STORE_CREATE),
 *         ::TERTIAL_ERR_STATE (the store was written by a newer schema version, or, read-only,
 *         by one older than 3, which only a writable open migrates), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_open(tertial_store **out, const char *path, unsigned int flags);

/** Close a store (NULL-safe). */
TERTIAL_API void tertial_store_free(tertial_store *store);

/** The path the store was opened with (borrowed). */
TERTIAL_API const char *tertial_store_path(const tertial_store *store);

/** The store's schema version. */
TERTIAL_API int tertial_store_schema_version(const tertial_store *store);

/**
 * Whether the store holds a model (of any fiscal year).
 * @return 1, 0, or ::TERTIAL_ERR_IO, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_has_model(tertial_store *store);

/**
 * Save @p model as the stored model of its fiscal year, in one transaction: the year's
 * previous model is replaced, the other years are left as they are, the year's version is
 * bumped.
 * @return 0, ::TERTIAL_ERR_CONFLICT (another process or handle saved or removed the year after
 *         this handle read it; the message names the year, when and its versions; nothing
 *         changed), ::TERTIAL_ERR_IO (message with the path and SQLite's message; nothing
 *         changed), ::TERTIAL_ERR_STATE (an invalid mapping), ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID (also a store opened read-only).
 */
TERTIAL_API int tertial_store_save(tertial_store *store, tertial_model *model);

/**
 * Save several models, each as the stored model of its fiscal year, all in one transaction:
 * either every one is saved or nothing changes.
 * @code
 * tertial_model *years[3] = {y2024, y2025, y2026};
 * tertial_store_save_years(st, years, 3);
 * @endcode
 * @param models @p n models of different fiscal years (borrowed; not changed).
 * @param n number of models (0 saves nothing).
 * @return as tertial_store_save() (a conflict on any of the years saves none);
 *         ::TERTIAL_ERR_INVALID also for two models of one fiscal year or a NULL model.
 */
TERTIAL_API int tertial_store_save_years(tertial_store *store, tertial_model *const *models, size_t n);

/**
 * Read the stored model of the latest fiscal year, in one transaction; the handle remembers the
 * year's version for its next save of the year.
 * @param out receives a new model; free with tertial_model_free().
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (the store holds no model), ::TERTIAL_ERR_IO,
 *         ::TERTIAL_ERR_PARSE (a stored mapping that does not parse), or what rebuilding the
 *         model returned for inconsistent stored data (the message says which table).
 */
TERTIAL_API int tertial_store_load(tertial_model **out, tertial_store *store);

/**
 * Read the stored model of one fiscal year, in one transaction.
 * @param out receives a new model; free with tertial_model_free().
 * @param first_year the fiscal year's first calendar year, e.g. 2025.
 * @return as tertial_store_load(); ::TERTIAL_ERR_NOT_FOUND when the store holds no model of
 *         that year (the message names the year).
 */
TERTIAL_API int tertial_store_load_year(tertial_model **out, tertial_store *store, int first_year);

/**
 * Number of fiscal years the store holds a model of.
 * @return the count (0 or more), or ::TERTIAL_ERR_IO, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_year_count(tertial_store *store);

/**
 * A stored fiscal year, in ascending order.
 * @param out_first_year receives its first calendar year.
 * @param index 0 .. tertial_store_year_count() - 1.
 * @return 0, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_IO, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_year_at(int *out_first_year, tertial_store *store, size_t index);

/**
 * Whether the store holds a model of a fiscal year. A year the handle has not loaded is
 * remembered as read: a save of it conflicts when another process or handle changed it since
 * (so two creations of one year do not both succeed).
 * @param first_year the fiscal year's first calendar year.
 * @return 1, 0, or ::TERTIAL_ERR_IO, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_has_year(tertial_store *store, int first_year);

/**
 * Remove the stored model of a fiscal year, in one transaction, bumping its version.
 * @param first_year the fiscal year's first calendar year.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no model of that year; nothing changed),
 *         ::TERTIAL_ERR_CONFLICT (as tertial_store_save()), ::TERTIAL_ERR_IO,
 *         ::TERTIAL_ERR_INVALID (also a store opened read-only).
 */
TERTIAL_API int tertial_store_remove_year(tertial_store *store, int first_year);

/**
 * Write a model's whole round (people, roles, thresholds, locks, statuses, every version of every
 * text, the audit trail) as the stored round of its fiscal year, in one transaction: for a round
 * made in memory (the demo's, tertial_demo_round(), or an integrator's), once the year is stored
 * and before it holds a round. Afterwards the round can be bound (tertial_store_bind_round()), and
 * its changes are written one by one.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (the store holds no model of the year: save it first),
 *         ::TERTIAL_ERR_STATE (the store holds a round of the year already; the round is bound;
 *         a store of an older schema), ::TERTIAL_ERR_IO, ::TERTIAL_ERR_NOMEM,
 *         ::TERTIAL_ERR_INVALID (NULL, a read-only store).
 */
TERTIAL_API int tertial_store_save_round(tertial_store *store, tertial_model *model);

/**
 * Bind the round of @p model (tertial_model_round()) to the store: from now on every change of the
 * round (people and roles, texts, statuses, locks, thresholds, checked or not) is written to the
 * store in its own transaction before it takes effect in memory, with its audit entries, and is
 * checked there against the versions it was made against (see the file comment). The model must
 * be of a fiscal year the store holds, and its round either loaded from this store file or empty
 * while the store holds no round of the year. Binding a round bound to another store moves it
 * here; binding it again changes nothing. The binding ends with tertial_store_unbind_round(), when
 * the store is freed (the round stays, no longer written) or when the model is freed.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (the store holds no model of the year), ::TERTIAL_ERR_STATE
 *         (the round holds what this store did not load; the store holds a round this model did
 *         not load), ::TERTIAL_ERR_IO, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (also a store
 *         opened read-only).
 */
TERTIAL_API int tertial_store_bind_round(tertial_store *store, tertial_model *model);

/**
 * End the binding of the round of @p model to the store; the round stays as it is.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (not bound to this store), ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_unbind_round(tertial_store *store, tertial_model *model);

TERTIAL_END_DECLS

#endif
