/*
 * bench_xlsx: the xlsx export of the 5 000-unit synthetic municipality, one sheet per unit.
 *
 * Builds the municipality of bench/bench_rollup.c (the same deterministic generator, from
 * bench_common.h: one kommun, six levels, N units, outcome, budget and prior-year outcome on the
 * leaves for every account and month), applies the forecasts at the cut-off, then times ONE call of
 * tertial_render_xlsx(): the overview sheet and the kommun's sheet from the root report, and one
 * sheet per further unit in pre-order, each report built in the tertial_xlsx_options::next_report
 * callback and freed at the next call, so the workbook never holds more than one unit's report.
 * The library's default options (constant_memory set, which no longer changes anything: every
 * export streams, with the same few temporary files whatever the number of sheets) and a fixed
 * creation time.
 *
 * Output (key=value lines, see bench/xlsx/README.md): the cells written (counted from the
 * reports exactly as the renderer writes them), wall time, the part spent building reports
 * (of which the root report, whose consistency check covers the whole municipality),
 * cells/s, peak RSS before and after the export (getrusage), and the resident memory sampled as
 * sheets are written (/proc/self/statm).
 *
 * Options: --units N (5000) --accounts N (300) --cutoff N (4) --seed N --sheets N (unit sheets,
 *          default every unit) --out FILE (kept; default a file in $TMPDIR, removed) --normal
 *          (constant_memory = 0: the same workbook) --no-overview --no-local-names (no sheet-local defined names on the
 *          unit sheets: tertial_xlsx_options::local_names = 0) --sample N (RSS every N sheets,
 *          default 500) --tmpdir DIR (the writer's temporary files; default $TMPDIR or /tmp)
 *          --wide (another municipality, for the memory as ONE sheet grows: a kommun with
 *          units - 1 enheter directly under it, and only the overview and the kommun's sheet,
 *          whose table "per verksamhet" has a line per enhet; prints the peak resident memory
 *          the export adds, reset just before it through /proc/self/clear_refs)
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tertial/tertial.h"

#include "../bench_common.h"

const char bench_prog[] = "bench_xlsx";

/* The generator of bench/bench_rollup.c and the helpers (level_sizes, now_s, maxrss_kb,
 * rss_now_kb, reset_peak_rss, peak_rss_kb, die_tertial, TRY, parse_u32) are in bench_common.h and bench_common.c. */

typedef struct bench_params {
  uint64_t seed;
  uint32_t units, accounts, sheets, sample;
  int cutoff, constant_memory, overview, local_names, wide;
  const char *out, *tmpdir;
} bench_params;

/* ---- the municipality ------------------------------------------------------------- */

/* Units level by level, the chart, and outcome, budget and prior year on every leaf. */
static void load(tertial_model *model, const bench_params *p)
{
  uint32_t sizes[N_LEVELS];
  if (p->wide) { /* the kommun and units - 1 enheter under it */
    sizes[0] = 1;
    sizes[1] = p->units - 1;
    for (int k = 2; k < N_LEVELS; k++)
      sizes[k] = 0;
  } else if (level_sizes(p->units, sizes) != 0) {
    fprintf(stderr, "bench_xlsx: --units %" PRIu32 " is too small for six levels\n", p->units);
    exit(2);
  }
  load_municipality(model, p->seed, sizes, p->accounts);
}

/* ---- cells, counted as tertial_render_xlsx() writes them --------------------------- */

static int is_followup(const tertial_report_section *s)
{
  if (s->column_count < 1 + TERTIAL_COL_COUNT || tertial_report_column_at(s, 0)->type != TERTIAL_REPORT_TEXT)
    return 0;
  for (int c = 0; c < TERTIAL_COL_COUNT; c++)
    if (tertial_report_column_at(s, (size_t)c + 1)->source != c)
      return 0;
  return 1;
}

/* The cells of a report's sheet (overview: only the units and monthly sections): the title and
 * subtitle, the shared header of the widest follow-up table, and per section its title, its
 * own header unless it is a follow-up table, and every present cell (text only when not empty;
 * Förbrukat % always, as a formula). */
static uint64_t sheet_cells(const tertial_report *r, int overview)
{
  uint64_t n = 2;
  size_t widest = 0;
  for (size_t i = 0; i < tertial_report_section_count(r); i++) {
    const tertial_report_section *s = tertial_report_section_at(r, i);
    if (overview && s->kind != TERTIAL_SECTION_UNITS && s->kind != TERTIAL_SECTION_MONTHLY)
      continue;
    int followup = is_followup(s);
    if (followup && s->column_count > widest)
      widest = s->column_count;
    n += 1 + (followup ? 0 : s->column_count);
    for (size_t l = 0; l < s->line_count; l++)
      for (size_t c = 0; c < s->column_count; c++) {
        const tertial_report_column *col = tertial_report_column_at(s, c);
        const tertial_report_cell *x = tertial_report_cell_at(s, l, c);
        if (followup && col->source == TERTIAL_COL_SHARE_USED)
          n++;
        else if (x->present && (col->type != TERTIAL_REPORT_TEXT || x->text[0]))
          n++;
      }
  }
  return n + (widest ? widest - 1 : 0);
}

/* ---- the export ------------------------------------------------------------------------ */

typedef struct exporter {
  const bench_params *p;
  tertial_model *model;
  tertial_unit_id *order; /* units in pre-order, the root first */
  size_t n;               /* unit sheets to write */
  tertial_report *current;
  uint64_t cells;
  size_t sheets;          /* sheets written so far (after the callback's report) */
  double report_s;        /* building and freeing the per-unit reports */
  long sample_kb[64];
  size_t sample_at[64], samples;
} exporter;

static void sample(exporter *e)
{
  if (e->samples < 64 && e->p->sample && e->sheets % e->p->sample == 0) {
    e->sample_at[e->samples] = e->sheets;
    e->sample_kb[e->samples++] = rss_now_kb();
  }
}

static int next_unit(const tertial_report **next, size_t index, void *context)
{
  exporter *e = context;
  double t0 = now_s();
  tertial_report_free(e->current);
  e->current = NULL;
  *next = NULL;
  int rc = 0;
  if (index + 1 < e->n) {
    tertial_report_options o = TERTIAL_REPORT_OPTIONS_INIT;
    o.sections &= ~TERTIAL_SECTION_BIT(TERTIAL_SECTION_FINDINGS); /* as for child reports */
    rc = tertial_report_new(&e->current, e->model, e->order[index + 1], e->p->cutoff, &o);
    *next = e->current;
  }
  e->report_s += now_s() - t0;
  if (rc == 0 && *next) {
    e->cells += sheet_cells(*next, 0);
    /* the sheets of the previous reports are written: sample the memory now and then */
    sample(e);
    e->sheets++;
  }
  return rc;
}

static void usage(FILE *f)
{
  fputs("usage: bench_xlsx [--units N] [--accounts N] [--cutoff N] [--seed N] [--sheets N] [--out FILE]\n"
        "                  [--normal] [--no-overview] [--no-local-names] [--tmpdir DIR] [--sample N] [--wide]\n",
        f);
}

int main(int argc, char **argv)
{
  static char default_out[4096];
  const char *tmp = getenv("TMPDIR");
  snprintf(default_out, sizeof default_out, "%s/bench_xlsx.xlsx", tmp && *tmp ? tmp : "/tmp");
  bench_params p = { UINT64_C(20260430), 5000, 300, 0, 500, 4, 1, 1, 1, 0, default_out, NULL };
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int has_arg = i + 1 < argc;
    if (!strcmp(a, "--units") && has_arg)
      p.units = parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--accounts") && has_arg)
      p.accounts = parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--cutoff") && has_arg)
      p.cutoff = (int)parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--seed") && has_arg)
      p.seed = parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--sheets") && has_arg)
      p.sheets = parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--sample") && has_arg)
      p.sample = parse_u32(a, argv[++i]);
    else if (!strcmp(a, "--out") && has_arg)
      p.out = argv[++i];
    else if (!strcmp(a, "--tmpdir") && has_arg)
      p.tmpdir = argv[++i];
    else if (!strcmp(a, "--normal"))
      p.constant_memory = 0;
    else if (!strcmp(a, "--no-overview"))
      p.overview = 0;
    else if (!strcmp(a, "--no-local-names"))
      p.local_names = 0;
    else if (!strcmp(a, "--wide"))
      p.wide = 1;
    else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    } else {
      usage(stderr);
      return 2;
    }
  }
  if (p.accounts < 1 || p.cutoff < 1 || p.cutoff > 12) {
    usage(stderr);
    return 2;
  }
  if (p.sheets == 0 || p.sheets > p.units)
    p.sheets = p.units;
  if (p.wide) {
    if (p.units < 2) {
      usage(stderr);
      return 2;
    }
    p.sheets = 1; /* the kommun's sheet only */
  }

  /* The municipality and its forecasts (untimed). */
  double t0 = now_s();
  tertial_model *model;
  TRY("tertial_model_new", tertial_model_new(&model, 2026, 1));
  load(model, &p);
  TRY("tertial_ledger_rollup", tertial_ledger_rollup(tertial_model_ledger(model)));
  TRY("tertial_forecast_apply", tertial_forecast_apply(model, p.cutoff, -1));
  exporter e;
  memset(&e, 0, sizeof e);
  e.p = &p;
  e.model = model;
  e.order = calloc(p.units, sizeof *e.order);
  tertial_org_iter *it;
  int period = 0;
  TRY("tertial_fiscal_year_period",
      tertial_fiscal_year_period(&period, tertial_model_fiscal_year(model), p.cutoff - 1));
  TRY("tertial_org_iter_new", tertial_org_iter_new(&it, tertial_model_org(model), 0, period));
  tertial_unit_id u;
  int depth, rc;
  while ((rc = tertial_org_iter_next(it, &u, &depth)) == 1 && e.n < p.sheets)
    e.order[e.n++] = u;
  TRY("tertial_org_iter_next", rc);
  tertial_org_iter_free(it);
  /* the follow-up cube of the cut-off, as any report after an apply would find it */
  tertial_followup *warm;
  TRY("tertial_followup_new", tertial_followup_new(&warm, model, 0, p.cutoff, NULL));
  tertial_followup_free(warm);
  double t1 = now_s();
  printf("# model: %" PRIu32 " units, %" PRIu32 " accounts, cut-off %d, forecasts applied; %.2f s (untimed)\n",
         p.units, p.accounts, p.cutoff, t1 - t0);
  long rss_before = maxrss_kb(), now_before = rss_now_kb();

  /* Timed: the root report (the kommun, every section) and the export with a report per unit. */
  double t2 = now_s();
  tertial_report *root;
  TRY("tertial_report_new (root)", tertial_report_new(&root, model, e.order[0], p.cutoff, NULL));
  double t3 = now_s();
  e.report_s = t3 - t2;
  e.cells = sheet_cells(root, 0) + (p.overview ? sheet_cells(root, 1) : 0);
  e.sheets = 1 + (p.overview ? 1 : 0);
  tertial_xlsx_options x = TERTIAL_XLSX_OPTIONS_INIT;
  x.constant_memory = p.constant_memory;
  x.overview = p.overview;
  x.local_names = p.local_names;
  x.tmpdir = p.tmpdir;
  x.created = INT64_C(1767225600); /* 2026-01-01: reproducible */
  x.company = "Syntetiska kommunen";
  x.next_report = next_unit;
  x.next_context = &e;
  long hwm_reset = p.wide ? reset_peak_rss() : -1;
  TRY("tertial_render_xlsx", tertial_render_xlsx(root, p.out, &x));
  double t4 = now_s();
  if (p.wide) {
    /* the kommun's table "per verksamhet": a line per enhet, plus the kommun's own line */
    long hwm = peak_rss_kb();
    printf("tertial_wide rows=%" PRIu32 " cells=%" PRIu64 " wall_s=%.3f rss_at_start_kb=%ld peak_kb=%ld added_kb=%ld "
           "constant_memory=%d\n",
           p.units - 1, e.cells, t4 - t3, hwm_reset, hwm, hwm_reset < 0 || hwm < 0 ? -1 : hwm - hwm_reset,
           p.constant_memory);
  }
  tertial_report_free(root);
  long rss_after = maxrss_kb();
  /* the last sample: all sheets */
  if (e.samples < 64) {
    e.sample_at[e.samples] = e.sheets;
    e.sample_kb[e.samples++] = rss_now_kb();
  }
  struct stat st;
  long long bytes = stat(p.out, &st) == 0 ? (long long)st.st_size : -1;
  double wall = t4 - t2, write = wall - e.report_s;
  for (size_t i = 0; i < e.samples; i++)
    printf("tertial_rss sheets=%zu rss_kb=%ld\n", e.sample_at[i], e.sample_kb[i]);
  printf("tertial sheets=%zu unit_sheets=%zu cells=%" PRIu64 " wall_s=%.3f reports_s=%.3f root_report_s=%.3f "
         "write_s=%.3f "
         "cells_per_s=%.0f rss_before_kb=%ld rss_now_before_kb=%ld maxrss_kb=%ld export_kb=%ld file_bytes=%lld "
         "constant_memory=%d local_names=%d out=%s\n",
         e.sheets, e.n, e.cells, wall, e.report_s, t3 - t2, write, (double)e.cells / wall, rss_before, now_before, rss_after,
         rss_after - rss_before, bytes, p.constant_memory, p.local_names, p.out);
  if (p.out == default_out)
    unlink(p.out); /* only kept when asked for with --out */
  free(e.order);
  tertial_model_free(model);
  return 0;
}
