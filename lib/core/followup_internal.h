/* Internal: the follow-up cube shared by follow-up tables and the checker. */
#ifndef TERTIAL_FOLLOWUP_INTERNAL_H
#define TERTIAL_FOLLOWUP_INTERNAL_H

#include "internal.h"

enum { CUBE_OUT = 0, CUBE_BUD = 1, CUBE_PRIOR = 2, CUBE_FC = 3, CUBE_MEASURES = 4 };
#define CUBE_MONTHS 12

/* Per unit and report row, the monthly outcome, budget, prior-year outcome and forecast of the
 * unit's subtree (rolled) or of the unit alone (own), for one cut-off and budget measure. */
typedef struct tertial_cube {
  unsigned long ledger_rev, org_rev, model_rev, map_rev, chart_rev;
  const tertial_rowmap *map;
  int budget, cutoff;
  size_t nunits, nrows;
  int64_t *rolled;                /* [unit][row][measure][month]: the unit's subtree */
  int64_t *own_result;            /* [unit][measure][month]: the result row of the unit's own amounts */
  int *missing_own, *missing_rolled; /* [unit][row]: forecasts defaulted to the budget */
  int64_t *fc_default;            /* [unit][row]: the annual budget used where no forecast was set */
  tertial_unit_id *parents;       /* [month][unit] */
  size_t *child_first;            /* CSR: units that are a child of u in some month */
  tertial_unit_id *child_ids;
} tertial_cube;

/* The model's cube for a cut-off and budget measure, built or reused from the cache.
 * Borrowed from the model; valid until the model changes. */
int tertial__cube_get(const tertial_cube **out, tertial_model *model, int cutoff, int budget);

static inline const int64_t *tertial__cube_block(const tertial_cube *c, const int64_t *base, tertial_unit_id u,
                                                 size_t row)
{
  return base + ((size_t)u * c->nrows + row) * CUBE_MEASURES * CUBE_MONTHS;
}

/* Fill line->value/present from a block; months outside mask (bit m) are ignored.
 * Returns 0 or TERTIAL_ERR_OVERFLOW. */
int tertial__followup_fill(tertial_followup_line *line, const int64_t *block, int cutoff, unsigned mask);

#endif
