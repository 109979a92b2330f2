/* Internal access to the organisation for the ledger and the follow-up tables. */
#ifndef TERTIAL_ORG_INTERNAL_H
#define TERTIAL_ORG_INTERNAL_H

#include "internal.h"

/* Increases on every change of units or structure (caches compare it). */
unsigned long tertial__org_revision(const tertial_org *org);

/* Parent of a valid unit in a period; TERTIAL_NO_UNIT for a root. No checks. */
tertial_unit_id tertial__org_parent_at(const tertial_org *org, tertial_unit_id id, int period);

/* Pre-order of the subtree under root (TERTIAL_NO_UNIT: the whole forest) as it stands in
 * period, with relative depths. *out_ids and *out_depths are malloc'ed (free()); either
 * out pointer may be NULL for depths. Returns 0 or an error. */
int tertial__org_preorder(const tertial_org *org, tertial_unit_id root, int period,
                          tertial_unit_id **out_ids, int **out_depths, size_t *out_n);

/* Every unit's children as the organisation stands in period: unit u's are
 * kids[first[u]..first[u + 1]), the roots' kids[first[n]..first[n + 1]) (n the unit count); both
 * malloc'ed (free()). Returns 0 or an error. */
int tertial__org_children(const tertial_org *org, int period, size_t **out_first, tertial_unit_id **out_kids);

/* A unit's code and name, for messages about it that name it "3111 (Barn och unga)" rather than
 * by its id; "?" for an id the organisation does not have. */
const char *tertial__unit_code(const tertial_org *org, tertial_unit_id id);
const char *tertial__unit_name(const tertial_org *org, tertial_unit_id id);

/* Fill parents[0..n_units-1] with every unit's parent in period. */
void tertial__org_parents_at(const tertial_org *org, int period, tertial_unit_id *parents);

#endif
