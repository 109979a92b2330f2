/* Internal interface of the accounts module for other library modules (the ledger). Not installed. */
#ifndef TERTIAL_ACCOUNTS_INTERNAL_H
#define TERTIAL_ACCOUNTS_INTERNAL_H

#include "tertial/accounts.h"

/* Change counters, so that caches derived from a chart or a row mapping (e.g. the ledger's
 * account-to-row table) can tell when to rebuild. A new object starts at 1 and the counter
 * increases on every change: for a chart, an account added or an internal flag changed; for
 * a mapping, a row, range or result row added or set. Validation does not count as a change.
 * Counters are per object: a cache must also remember which object it was built from.
 * NULL gives 0. */
unsigned long tertial__chart_revision(const tertial_chart *chart);
unsigned long tertial__rowmap_revision(const tertial_rowmap *map);

/* Whether the chart holds account `number` (1, its id in *out_id) or not (0); records no error,
 * for the library's own probes. */
int tertial__chart_lookup(tertial_account_id *out_id, const tertial_chart *chart, const char *number);

#endif
