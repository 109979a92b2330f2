/**
 * @file store_plan.h
 * @brief The planning process's objects in the store: the proposals of the prioritisation model
 *        (priorities.h), unfunded decisions (unfunded.h), internal control (intcontrol.h) and
 *        the investment budget (investments.h) of a fiscal year, annual wheel templates
 *        (wheel.h) by name, and the lines of the frame updates (frames.h) applied to make budget
 *        versions.
 *
 * These objects stand on their own, beside the model: a committee's proposals for next year exist
 * before that year's model does. Each kind is saved and loaded by fiscal year (its first calendar
 * year): a save replaces what the store holds of that kind and year, in one transaction, and
 * leaves the year's model and the other kinds alone; a load adds what the store holds to a list,
 * all or nothing. A store of a schema older than 11 (opened read-only, so not migrated) holds none:
 * a load adds nothing and returns 0.
 *
 * The decided proposals applied to a budget version (priorities_budget.h) belong to the model and
 * are saved with it (tertial_store_save()).
 * @code
 * tertial_store_save_proposals(store, 2027, proposals);
 * tertial_proposals *back;
 * tertial_proposals_new(&back);
 * tertial_store_load_proposals(store, 2027, back);
 * @endcode
 */
#ifndef TERTIAL_STORE_PLAN_H
#define TERTIAL_STORE_PLAN_H

#include "common.h"
#include "frames.h"
#include "intcontrol.h"
#include "investments.h"
#include "priorities.h"
#include "store.h"
#include "unfunded.h"
#include "wheel.h"

TERTIAL_BEGIN_DECLS

/**
 * Save the proposals of a fiscal year, replacing those the store held for it.
 * @param year the fiscal year's first calendar year, 1..9999.
 * @return 0, ::TERTIAL_ERR_IO (SQLite; the message names the store), ::TERTIAL_ERR_RANGE (the
 *         year), ::TERTIAL_ERR_INVALID (NULL argument, a store opened read-only).
 */
TERTIAL_API int tertial_store_save_proposals(tertial_store *store, int year, const tertial_proposals *list);

/**
 * Add the proposals the store holds for a fiscal year to a list, all or none.
 * @return 0 (also when it holds none), ::TERTIAL_ERR_EXISTS (a code the list has),
 *         ::TERTIAL_ERR_IO, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_load_proposals(tertial_store *store, int year, tertial_proposals *list);

/**
 * Save the unfunded decisions of a fiscal year, replacing those the store held for it.
 * @return as tertial_store_save_proposals().
 */
TERTIAL_API int tertial_store_save_unfunded(tertial_store *store, int year, const tertial_unfunded *list);

/**
 * Add the unfunded decisions the store holds for a fiscal year to a list, all or none.
 * @return as tertial_store_load_proposals().
 */
TERTIAL_API int tertial_store_load_unfunded(tertial_store *store, int year, tertial_unfunded *list);

/**
 * Save the internal control of a fiscal year (the threshold, the risks, the control plan and the
 * results), replacing what the store held for it.
 * @return as tertial_store_save_proposals().
 */
TERTIAL_API int tertial_store_save_intcontrol(tertial_store *store, int year, const tertial_intcontrol *ic);

/**
 * Add the internal control the store holds for a fiscal year to @p ic (its threshold replaces
 * @p ic's when the store has the year), all or none.
 * @return as tertial_store_load_proposals().
 */
TERTIAL_API int tertial_store_load_intcontrol(tertial_store *store, int year, tertial_intcontrol *ic);

/**
 * Save the investment budget's projects of a fiscal year (every field, in the list's order),
 * replacing those the store held for it. A store older than schema 12 is migrated when opened
 * writable.
 * @return as tertial_store_save_proposals().
 */
TERTIAL_API int tertial_store_save_investments(tertial_store *store, int year, const tertial_investments *list);

/**
 * Add the investment projects the store holds for a fiscal year to a list, in the order saved,
 * all or none. A store of a schema older than 12 holds none.
 * @return 0 (also when it holds none), ::TERTIAL_ERR_EXISTS (a code the list has),
 *         ::TERTIAL_ERR_IO, ::TERTIAL_ERR_RANGE, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_load_investments(tertial_store *store, int year, tertial_investments *list);

/**
 * Save an annual wheel template (wheel.h) under a name, e.g. the municipality's ("Motala"):
 * its sub-processes and activities with every field, in the template's order. A wheel the store
 * held under the name is replaced; the wheel saved is then the store's last saved one. Wheels do
 * not belong to a fiscal year.
 * @param name non-empty UTF-8.
 * @return 0, ::TERTIAL_ERR_IO (SQLite; the message names the store), ::TERTIAL_ERR_INVALID (NULL
 *         argument, an empty name, a store opened read-only).
 */
TERTIAL_API int tertial_store_save_wheel(tertial_store *store, const char *name, const tertial_wheel *w);

/**
 * Load an annual wheel template the store holds.
 * @param out receives a new wheel (free with tertial_wheel_free()), NULL on an error.
 * @param name the wheel's name, or NULL for the wheel saved last.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND (no wheel of the name, no wheel at all, or a store older than
 *         schema 12), ::TERTIAL_ERR_IO, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_store_load_wheel(tertial_wheel **out, tertial_store *store, const char *name);

/**
 * Save the lines of the frame update applied to make budget version @p measure of a fiscal year
 * (tertial_frame_update_apply(), frames.h): each line's unit, account, kind, rate, change in
 * population, cost per inhabitant, amount, age group and text as given, and the base and change
 * the apply set, in the update's order, with the version's name. The lines the store held for
 * the version are replaced; those of the year's other versions stay, so a chain of stages keeps
 * each stage's lines; tertial_store_save() leaves them alone, tertial_store_remove_year() removes
 * them with the year's model. `tertial frames DB --stage ...` saves the lines of the update it
 * applies. A store older than schema 14 is migrated when opened writable.
 * @param year the fiscal year's first calendar year (the model's), 1..9999.
 * @param measure the version made (its measure in the model, 0 or more).
 * @param version its name, non-empty UTF-8 (kept to show; the measure is the key).
 * @return 0, ::TERTIAL_ERR_IO (SQLite; the message names the store), ::TERTIAL_ERR_RANGE (the year
 *         or measure), ::TERTIAL_ERR_INVALID (NULL argument, an empty name, a store opened
 *         read-only).
 */
TERTIAL_API int tertial_store_save_frame_lines(tertial_store *store, int year, int measure, const char *version,
                                               const tertial_frame_update *update);

/**
 * Save @p model as tertial_store_save() does and keep the lines of the frame update applied to
 * make its budget version @p measure, as tertial_store_save_frame_lines() does, in one
 * transaction: both are saved or neither (a conflict, or a failure while writing the lines,
 * leaves the store as it was). For a stage of the budget preparation made with
 * tertial_frame_update_apply() and saved at once; `tertial frames DB --stage ...` uses it.
 * @param measure the version made (its measure in @p model, 0 or more).
 * @param version its name, non-empty UTF-8.
 * @return 0, ::TERTIAL_ERR_CONFLICT (the year was saved by someone else since it was loaded:
 *         nothing is written), ::TERTIAL_ERR_IO (SQLite; the message names the store),
 *         ::TERTIAL_ERR_RANGE (the measure), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL
 *         argument, an empty name, a store opened read-only).
 */
TERTIAL_API int tertial_store_save_with_frame_lines(tertial_store *store, tertial_model *model, int measure,
                                                    const char *version, const tertial_frame_update *update);

/**
 * Add the frame update lines the store holds for budget version @p measure of a fiscal year to
 * @p update, in the order saved, with their base and change as applied (a line's fields exactly
 * as saved), all or none. A store of a schema older than 14, or a version made without an update,
 * holds none: nothing is added and 0 returned.
 * @return 0, ::TERTIAL_ERR_IO (SQLite; the message names the store), ::TERTIAL_ERR_RANGE (the year
 *         or measure), ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID (NULL argument, or a stored line
 *         tertial_frame_update_add() refuses: the message names the store and the table).
 */
TERTIAL_API int tertial_store_load_frame_lines(tertial_store *store, int year, int measure,
                                               tertial_frame_update *update);

TERTIAL_END_DECLS

#endif
