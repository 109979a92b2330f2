/**
 * @file org.h
 * @brief The organisational hierarchy: units, levels as data, and reorganisations over time.
 *
 * A unit has a code (the finance system's responsibility code, "ansvar"), a name, a level
 * and a responsible manager. Levels are data: the default set is kommun, nämnd, förvaltning,
 * sektor/avdelning, verksamhet, enhet, and a municipality may define its own.
 *
 * The tree can change over time: tertial_org_move() gives a unit a new parent from a period
 * (yyyymm) on. Every query that depends on the structure takes a period; amounts of a month
 * roll up to the parents in force in that month.
 * @code
 * tertial_org *org;
 * tertial_unit_id kommun, sn, hvb;
 * tertial_org_new(&org);
 * tertial_org_add_unit(&kommun, org, "1", "Exempelkommun", TERTIAL_NO_UNIT, 0, NULL);
 * tertial_org_add_unit(&sn, org, "6", "Socialnämnden", kommun, 1, "Eva Ek");
 * tertial_org_add_unit(&hvb, org, "6410", "HVB barn och unga", sn, 5, "Per Berg");
 * tertial_org_free(org);
 * @endcode
 */
#ifndef TERTIAL_ORG_H
#define TERTIAL_ORG_H

#include "common.h"

TERTIAL_BEGIN_DECLS

/** An organisation (a forest of units; usually one root, the municipality). */
typedef struct tertial_org tertial_org;

/** A unit as seen by the caller (borrowed from its organisation). */
typedef struct tertial_unit {
  const char *code;    /**< responsibility code, unique in the organisation */
  const char *name;    /**< display name */
  const char *manager; /**< responsible manager ("" if none) */
  int level;           /**< index into the organisation's levels */
} tertial_unit;

/**
 * Create an empty organisation with the default levels
 * (0 kommun, 1 nämnd, 2 förvaltning, 3 sektor/avdelning, 4 verksamhet, 5 enhet).
 * @param out receives the organisation; free with tertial_org_free().
 * @return 0, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_new(tertial_org **out);

/** Free an organisation (NULL-safe). */
TERTIAL_API void tertial_org_free(tertial_org *org);

/**
 * Remove all levels (only while the organisation has no units), to define one's own.
 * @return 0, ::TERTIAL_ERR_STATE if units exist, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_clear_levels(tertial_org *org);

/**
 * Append a level.
 * @param out_level receives its index (may be NULL).
 * @param name e.g. "verksamhet" (copied, unique).
 * @return 0, ::TERTIAL_ERR_EXISTS, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_add_level(int *out_level, tertial_org *org, const char *name);

/** Number of levels. */
TERTIAL_API size_t tertial_org_level_count(const tertial_org *org);

/** Name of level @p level, or NULL if out of range (borrowed). */
TERTIAL_API const char *tertial_org_level_name(const tertial_org *org, int level);

/**
 * Add a unit.
 * @param out_id receives the new unit's id (may be NULL). Ids are dense: 0, 1, 2, ...
 * @param code unique, non-empty responsibility code (copied).
 * @param name display name (copied; NULL means "").
 * @param parent the parent unit, or ::TERTIAL_NO_UNIT for a root.
 * @param level a level index.
 * @param manager responsible manager (copied; NULL means "").
 * @return 0, ::TERTIAL_ERR_EXISTS, ::TERTIAL_ERR_NOT_FOUND (parent), ::TERTIAL_ERR_RANGE (level),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_add_unit(tertial_unit_id *out_id, tertial_org *org, const char *code,
                                     const char *name, tertial_unit_id parent, int level,
                                     const char *manager);

/**
 * Set a unit's responsible manager.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_set_manager(tertial_org *org, tertial_unit_id id, const char *manager);

/**
 * Set a unit's display name (copied).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_set_name(tertial_org *org, tertial_unit_id id, const char *name);

/**
 * Reorganisation: from @p from_period (yyyymm) on, @p id has @p new_parent as parent.
 * Earlier periods keep the earlier parent. A later move of the same unit from the same
 * period replaces it.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_RANGE (bad period),
 *         ::TERTIAL_ERR_STATE (the move would make a unit its own ancestor, or move a root),
 *         ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_move(tertial_org *org, tertial_unit_id id, tertial_unit_id new_parent,
                                 int from_period);

/** Number of units. */
TERTIAL_API size_t tertial_org_unit_count(const tertial_org *org);

/**
 * Unit @p id.
 * @return a pointer borrowed from @p org, valid until the next unit is added or the
 *         organisation is freed; NULL if out of range.
 */
TERTIAL_API const tertial_unit *tertial_org_unit(const tertial_org *org, tertial_unit_id id);

/**
 * Find a unit by code.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_find(tertial_unit_id *out_id, const tertial_org *org, const char *code);

/**
 * The parent of @p id in @p period (yyyymm).
 * @param out_parent receives the parent or ::TERTIAL_NO_UNIT for a root.
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_parent(tertial_unit_id *out_parent, const tertial_org *org, tertial_unit_id id,
                                   int period);

/**
 * Depth of @p id in @p period (a root has depth 0).
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_depth(int *out_depth, const tertial_org *org, tertial_unit_id id, int period);

/**
 * Whether @p ancestor is @p id or one of its ancestors in @p period.
 * @return 1, 0, or ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_is_within(const tertial_org *org, tertial_unit_id id, tertial_unit_id ancestor,
                                      int period);

/** A depth-first walk over a subtree as it stands in one period. */
typedef struct tertial_org_iter tertial_org_iter;

/**
 * Start a depth-first (pre-order) walk of the subtree under @p root as it stands in
 * @p period; children are visited in the order they were added. Pass ::TERTIAL_NO_UNIT as
 * @p root to walk every tree of the forest.
 * The walk sees a snapshot: changing the organisation does not affect it.
 * @param out receives the iterator; free with tertial_org_iter_free().
 * @return 0, ::TERTIAL_ERR_NOT_FOUND, ::TERTIAL_ERR_NOMEM, ::TERTIAL_ERR_INVALID.
 * @code
 * tertial_org_iter *it; tertial_unit_id u; int depth;
 * tertial_org_iter_new(&it, org, kommun, 202604);
 * while (tertial_org_iter_next(it, &u, &depth) == 1)
 *     printf("%*s%s\n", 2 * depth, "", tertial_org_unit(org, u)->name);
 * tertial_org_iter_free(it);
 * @endcode
 */
TERTIAL_API int tertial_org_iter_new(tertial_org_iter **out, const tertial_org *org, tertial_unit_id root,
                                     int period);

/**
 * Next unit of a walk.
 * @param out_id receives the unit, @param out_depth its depth relative to the walk's root
 *        (0 for the root); either may be NULL.
 * @return 1 when a unit was produced, 0 at the end, ::TERTIAL_ERR_INVALID.
 */
TERTIAL_API int tertial_org_iter_next(tertial_org_iter *it, tertial_unit_id *out_id, int *out_depth);

/** Free an iterator (NULL-safe). */
TERTIAL_API void tertial_org_iter_free(tertial_org_iter *it);

TERTIAL_END_DECLS

#endif
