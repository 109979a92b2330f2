/*
 * bench_docx: the committee's Word document (tertial_render_docx), timed and measured.
 *
 * 1. The demo: Socialnämnden of the demo municipality at JANOKT with its follow-up round's texts
 *    and a chapter for each unit --demo-depth levels down (default 2), written --repeat times
 *    (the median), against the xlsx workbook of the same report (tertial_render_xlsx) as the
 *    peer: python-docx is not installed here, so the peer is the project's other file renderer
 *    on the same report.
 * 2. The synthetic municipality of bench_rollup (bench_common.c: --units units on six levels,
 *    --accounts accounts): a document for every committee (the units of level 1), each with a
 *    chapter for every unit down to --depth levels (default 2), one report at a time (built,
 *    written, freed); the time of the reports, of the documents and of the workbooks of the same
 *    reports, and the peak resident memory of the documents above what the model holds (the
 *    peak is reset before them, Linux's clear_refs).
 *
 * Prints one line per part, key=value. Not a test: see bench/README.md.
 *
 * usage: bench_docx [--units N] [--accounts N] [--depth N] [--demo-depth N] [--repeat N] [--dir DIR]
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tertial/tertial.h"

#include "bench_common.h"

const char bench_prog[] = "bench_docx";

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static long file_size(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Part 1: the demo committee's document and workbook, median of `repeat` runs each. */
static void demo(const char *dir, int depth, int repeat)
{
  tertial_demo_options d = TERTIAL_DEMO_OPTIONS_INIT;
  tertial_model *m;
  TRY("tertial_demo_year", tertial_demo_year(&m, &d, d.year, 0));
  TRY("tertial_demo_round", tertial_demo_round(m, "JANOKT"));
  TRY("tertial_forecast_apply", tertial_forecast_apply(m, 10, -1));
  tertial_unit_id sn;
  TRY("tertial_org_find", tertial_org_find(&sn, tertial_model_org(m), "3"));
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.child_depth = depth;
  ro.skip_empty = 1;
  double t0 = now_s();
  tertial_report *r;
  TRY("tertial_report_new", tertial_report_new(&r, m, sn, 10, &ro));
  double report_s = now_s() - t0;
  char docx[512], xlsx[512];
  snprintf(docx, sizeof docx, "%s/socialnamnden.docx", dir);
  snprintf(xlsx, sizeof xlsx, "%s/socialnamnden.xlsx", dir);
  tertial_docx_options o = TERTIAL_DOCX_OPTIONS_INIT;
  o.created = INT64_C(1794441600);
  tertial_xlsx_options x = TERTIAL_XLSX_OPTIONS_INIT;
  x.created = o.created;
  double *td = calloc((size_t)repeat, sizeof *td), *tx = calloc((size_t)repeat, sizeof *tx);
  if (!td || !tx)
    die_oom();
  for (int i = 0; i < repeat; i++) {
    t0 = now_s();
    TRY("tertial_render_docx", tertial_render_docx(r, docx, &o));
    td[i] = now_s() - t0;
    t0 = now_s();
    TRY("tertial_render_xlsx", tertial_render_xlsx(r, xlsx, &x));
    tx[i] = now_s() - t0;
  }
  qsort(td, (size_t)repeat, sizeof *td, cmp_double);
  qsort(tx, (size_t)repeat, sizeof *tx, cmp_double);
  double docx_ms = td[repeat / 2] * 1e3, xlsx_ms = tx[repeat / 2] * 1e3;
  printf("demo committee=Socialnämnden depth=%d chapters=%zu report_ms=%.2f docx_ms=%.2f xlsx_ms=%.2f "
         "docx_vs_xlsx=%.2f docx_bytes=%ld xlsx_bytes=%ld\n",
         depth, 1 + tertial_report_child_count(r), report_s * 1e3, docx_ms, xlsx_ms, docx_ms / xlsx_ms,
         file_size(docx), file_size(xlsx));
  free(td);
  free(tx);
  tertial_report_free(r);
  tertial_model_free(m);
  unlink(docx);
  unlink(xlsx);
}

/* Part 2: a document (and, as the peer, a workbook) for every committee of the synthetic
 * municipality. */
static void municipality(const char *dir, uint64_t seed, uint32_t units, uint32_t accounts, int depth)
{
  uint32_t sizes[N_LEVELS];
  if (level_sizes(units, sizes) != 0) {
    fprintf(stderr, "bench_docx: --units %" PRIu32 " is too small for six levels\n", units);
    exit(2);
  }
  tertial_model *m;
  TRY("tertial_model_new", tertial_model_new(&m, 2026, 1));
  double t0 = now_s();
  load_municipality(m, seed, sizes, accounts);
  const int cutoff = 8;
  TRY("tertial_forecast_apply", tertial_forecast_apply(m, cutoff, -1));
  double load_s = now_s() - t0;
  tertial_report_options ro = TERTIAL_REPORT_OPTIONS_INIT;
  ro.child_depth = depth;
  ro.skip_empty = 1;
  tertial_docx_options o = TERTIAL_DOCX_OPTIONS_INIT;
  o.created = INT64_C(1794441600);
  tertial_xlsx_options x = TERTIAL_XLSX_OPTIONS_INIT;
  x.created = o.created;
  /* the reports once, untimed, so the model's follow-up cube is built before anything is timed */
  tertial_report *warm;
  TRY("tertial_report_new", tertial_report_new(&warm, m, 1, cutoff, &ro));
  tertial_report_free(warm);
  long rss_model = reset_peak_rss();
  double report_s = 0, docx_s = 0, xlsx_s = 0;
  size_t chapters = 0;
  long bytes = 0, xbytes = 0;
  char docx[512], xlsx[512];
  /* units are numbered level by level: the committees are 1 .. sizes[1] */
  for (uint32_t c = 1; c <= sizes[1]; c++) {
    tertial_report *r;
    t0 = now_s();
    TRY("tertial_report_new", tertial_report_new(&r, m, c, cutoff, &ro));
    report_s += now_s() - t0;
    chapters += 1 + tertial_report_child_count(r);
    snprintf(docx, sizeof docx, "%s/committee-%" PRIu32 ".docx", dir, c);
    t0 = now_s();
    TRY("tertial_render_docx", tertial_render_docx(r, docx, &o));
    docx_s += now_s() - t0;
    bytes += file_size(docx);
    unlink(docx);
    tertial_report_free(r);
  }
  long peak_docx = peak_rss_kb();
  for (uint32_t c = 1; c <= sizes[1]; c++) {
    tertial_report *r;
    TRY("tertial_report_new", tertial_report_new(&r, m, c, cutoff, &ro));
    snprintf(xlsx, sizeof xlsx, "%s/committee-%" PRIu32 ".xlsx", dir, c);
    t0 = now_s();
    TRY("tertial_render_xlsx", tertial_render_xlsx(r, xlsx, &x));
    xlsx_s += now_s() - t0;
    xbytes += file_size(xlsx);
    unlink(xlsx);
    tertial_report_free(r);
  }
  printf("municipality units=%" PRIu32 " accounts=%" PRIu32 " committees=%" PRIu32 " depth=%d chapters=%zu "
         "load_s=%.2f reports_s=%.3f docx_s=%.3f xlsx_s=%.3f docx_vs_xlsx=%.2f docx_bytes=%ld xlsx_bytes=%ld "
         "rss_model_kb=%ld peak_docx_kb=%ld docx_extra_kb=%ld maxrss_kb=%ld\n",
         units, accounts, sizes[1], depth, chapters, load_s, report_s, docx_s, xlsx_s, docx_s / xlsx_s, bytes,
         xbytes, rss_model, peak_docx, rss_model >= 0 && peak_docx >= 0 ? peak_docx - rss_model : -1, maxrss_kb());
  tertial_model_free(m);
}

static void usage(FILE *f)
{
  fputs("usage: bench_docx [--units N] [--accounts N] [--depth N] [--demo-depth N] [--repeat N] [--dir DIR]\n", f);
}

int main(int argc, char **argv)
{
  uint32_t units = 5000, accounts = 60, depth = 2, demo_depth = 2, repeat = 9;
  const char *tmp = getenv("TMPDIR");
  const char *dir = tmp && *tmp ? tmp : "/tmp";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (i + 1 >= argc) {
      usage(stderr);
      return 2;
    }
    if (strcmp(a, "--units") == 0)
      units = parse_u32(a, argv[++i]);
    else if (strcmp(a, "--accounts") == 0)
      accounts = parse_u32(a, argv[++i]);
    else if (strcmp(a, "--depth") == 0)
      depth = parse_u32(a, argv[++i]);
    else if (strcmp(a, "--demo-depth") == 0)
      demo_depth = parse_u32(a, argv[++i]);
    else if (strcmp(a, "--repeat") == 0)
      repeat = parse_u32(a, argv[++i]);
    else if (strcmp(a, "--dir") == 0)
      dir = argv[++i];
    else {
      usage(stderr);
      return 2;
    }
  }
  if (depth > 5 || demo_depth > 5 || repeat < 1 || accounts < 1) {
    fprintf(stderr, "bench_docx: --depth and --demo-depth are 0..5, --repeat and --accounts at least 1\n");
    return 2;
  }
  demo(dir, (int)demo_depth, (int)repeat);
  municipality(dir, UINT64_C(20260430), units, accounts, (int)depth);
  return 0;
}
