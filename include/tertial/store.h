/**
 * @file store.h
 * @brief The embedded store: one municipality's model for one fiscal year in a SQLite file.
 *
 * A store is a SQLite database in WAL mode with a schema version table; opening an older
 * store migrates it in one transaction. tertial_store_save() replaces the stored model and
 * tertial_store_load() reads it back, each in one transaction: a save that fails or is killed
 * half-way leaves the store as it was.
 *
 * What is stored: the fiscal year; the organisation (levels, units with managers, and
 * reorganisations as the parent in force in every month of the fiscal year and the year
 * before); the follow-up points; the chart of accounts with types and internal flags; the
 * report-row mapping (its text form, tertial_rowmap_format()); every measure's amounts with
 * the measures' names and the budget versions' metadata; the current budget; the forecasts set
 * on the model; the forecast plan's method rules, manual figures, volume drivers and
 * adjustments; measures (åtgärder), adherence plans, accruals and snapshots.
 *
 * Not stored yet: the key set used to periodise annual budgets (the periodised months
 * themselves are stored with the budget amounts).
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
/** Flag of tertial_store_open(): open read-only (no migration; saving fails). */
#define TERTIAL_STORE_READONLY 2u

/** The schema version this library writes. */
#define TERTIAL_STORE_SCHEMA_VERSION 2

/**
 * Open (or with ::TERTIAL_STORE_CREATE create) a store, switch it to WAL mode and bring its
 * schema up to ::TERTIAL_STORE_SCHEMA_VERSION.
 * @param out receives the store; free with tertial_store_free().
 * @param path the database file.
 * @param flags ::TERTIAL_STORE_CREATE, ::TERTIAL_STORE_READONLY or 0.
 * @return 0, ::TERTIAL_ERR_IO (SQLite could not open, read or migrate it; the message names
 *         the path and carries SQLite's message; also a file that is not a Tertial store),
 *         ::TERTIAL_ERR_STATE (the store was written by a newer schema version),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_open(tertial_store **out, const char *path, unsigned int flags);

/** Close a store (NULL-safe). */
TERTIAL_API void tertial_store_free(tertial_store *store);

/** The path the store was opened with (borrowed). */
TERTIAL_API const char *tertial_store_path(const tertial_store *store);

/** The store's schema version. */
TERTIAL_API int tertial_store_schema_version(const tertial_store *store);

/**
 * Whether the store holds a model.
 * @return 1, 0, or ::TERTIAL_ERR_IO, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_has_model(tertial_store *store);

/**
 * Replace the stored model with @p model, in one transaction.
 * @return 0, ::TERTIAL_ERR_IO (message with the path and SQLite's message; nothing changed),
 *         ::TERTIAL_ERR_STATE (an invalid mapping), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_save(tertial_store *store, tertial_model *model);

/**
 * Read the stored model, in one transaction.
 * @param out receives a new model; free with tertial_model_free().
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (the store holds no model), ::TERTIAL_ERR_IO,
 *         ::TERTIAL_ERR_PARSE (a stored mapping that does not parse), or what rebuilding the
 *         model returned for inconsistent stored data (the message says which table).
 */
TERTIAL_API int tertial_store_load(tertial_model **out, tertial_store *store);

TERTIAL_END_DECLS

#endif
