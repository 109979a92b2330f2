/* Internal: figures per line of a follow-up table that the table itself does not hold — the
 * previous snapshot's forecast (Fg prognos) and the planned measures (for Prognos efter planerade
 * åtgärder) — attributed to the lines the way the table adds up, so that a total line is the sum
 * of the lines added into it. */
#ifndef TERTIAL_REPORT_LINES_H
#define TERTIAL_REPORT_LINES_H

#include "internal.h"

/* Per line of @p t (children or rows view; the structure at its cut-off month), the sum of
 * @p previous's forecasts that fall on it: in the children view the entries on the result's rows
 * of the units of each line (a unit's line: its subtree as it stands then; the own line:
 * the unit itself; the total: all of them), in the rows view the entries on each row and the rows
 * under it, of the table unit's subtree. A "varav interna" row has none (snapshots hold line
 * rows): has[i] is 0 for it, else 1. *out and *has are malloc'ed, one per line (free()). */
int tertial__lines_previous(int64_t **out, unsigned char **has, tertial_model *model, const tertial_followup *t,
                            const tertial_snapshot *previous);

/* Per line of @p t, the planned measures (tertial_forecast_plan's adjustments of kind
 * ::TERTIAL_ADJUST_PLANNED_MEASURE) that fall on it, attributed as tertial__lines_previous()
 * does. *out is malloc'ed, one per line (free()). */
int tertial__lines_planned(int64_t **out, tertial_model *model, const tertial_followup *t);

#endif
