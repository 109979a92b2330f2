/*
 * naive_sie: the peer of the SIE import benchmark (issue 17). A naive C aggregator of the kind
 * a programmer writes in an afternoon: mmap the file, walk its lines, and for every #TRANS add
 * the amount into a (unit object, account) line of twelve months found through an
 * open-addressing hash table that doubles when half full. No parsing beyond what the generator's files need
 * (no quoting rules, no encodings, no checks, no model): the floor an import is compared with.
 *
 *   naive_sie FILE.se SUMS.txt
 *
 * The month is the #TRANS line's transaction date when it has one, else its #VER's date; lines
 * without a dimension-1 object go to the catch-all unit "SIE". It prints one line
 * `naive bytes=... trans=... lines=... seconds=... cpu_s=... mb_s=... maxrss_kb=... checksum=... check=ok|FAILED`
 * where checksum is the generator's Σ weight(unit, account, month) × amount (sie_gen_weight())
 * over what it aggregated, checked against the sums file's; `seconds` covers the mmap and the
 * aggregation, not the checksum; `cpu_s` is the process's user + system time (with the checksum).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sie_gen.h"

typedef struct slot {
  const char *unit; /* into the mapped file; NULL: empty slot */
  uint32_t unit_len, account;
  int64_t month[12];
} slot;

static double now_s(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static const char *skip_space(const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* Month 0..11 of a date token YYYYMMDD at p, -1 if there is none. */
static int month_of(const char *p, const char *end)
{
  if (end - p < 8)
    return -1;
  for (int k = 0; k < 8; k++)
    if (p[k] < '0' || p[k] > '9')
      return -1;
  return (p[4] - '0') * 10 + (p[5] - '0') - 1;
}

/* An amount "-123.45" or "67" in öre. */
static int64_t amount_of(const char **pp, const char *end)
{
  const char *p = *pp;
  int neg = p < end && *p == '-';
  p += neg;
  int64_t v = 0;
  while (p < end && *p >= '0' && *p <= '9')
    v = v * 10 + (*p++ - '0');
  int dec = 0;
  if (p < end && *p == '.')
    for (p++; p < end && *p >= '0' && *p <= '9' && dec < 2; dec++)
      v = v * 10 + (*p++ - '0');
  for (; dec < 2; dec++)
    v *= 10;
  *pp = p;
  return neg ? -v : v;
}

static uint64_t hash_of(const char *u, size_t n, uint32_t account)
{
  uint64_t h = 1469598103934665603u;
  for (size_t k = 0; k < n; k++)
    h = (h ^ (unsigned char)u[k]) * 1099511628211u;
  h ^= account * 0x9E3779B97F4A7C15u;
  return h ^ (h >> 29);
}

static uint64_t read_sum(const char *path, const char *key)
{
  FILE *f = fopen(path, "r");
  char line[512];
  uint64_t v = 0;
  size_t n = strlen(key);
  while (f && fgets(line, sizeof line, f))
    if (strncmp(line, key, n) == 0 && line[n] == ' ')
      v = strtoull(line + n + 1, NULL, 10);
  if (f)
    fclose(f);
  return v;
}

int main(int argc, char **argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: naive_sie FILE.se SUMS.txt\n");
    return 2;
  }
  double t0 = now_s();
  int fd = open(argv[1], O_RDONLY);
  struct stat sb;
  if (fd < 0 || fstat(fd, &sb) < 0) {
    perror(argv[1]);
    return 1;
  }
  size_t size = (size_t)sb.st_size;
  const char *base = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
  if (size && base == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  madvise((void *)base, size, MADV_SEQUENTIAL);
  /* the table doubles when it is half full */
  size_t cap = (size_t)1 << 16;
  slot *table = calloc(cap, sizeof *table);
  if (!table) {
    fprintf(stderr, "naive_sie: out of memory\n");
    return 1;
  }
  static const char catch_all[] = SIE_GEN_CATCH_ALL;
  const char *p = base, *end = base + size;
  int vmonth = 0;
  uint64_t trans = 0, used = 0;
  while (p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
      eol = end;
    const char *q = skip_space(p, eol);
    if (eol - q > 5 && memcmp(q, "#VER ", 5) == 0) {
      /* #VER series number date ... */
      q = skip_space(q + 5, eol);
      while (q < eol && *q != ' ')
        q++;
      q = skip_space(q, eol);
      while (q < eol && *q != ' ')
        q++;
      int m = month_of(skip_space(q, eol), eol);
      vmonth = m >= 0 ? m : vmonth;
    } else if (eol - q > 7 && memcmp(q, "#TRANS ", 7) == 0) {
      q = skip_space(q + 7, eol);
      uint32_t account = 0;
      while (q < eol && *q >= '0' && *q <= '9')
        account = account * 10 + (uint32_t)(*q++ - '0');
      q = skip_space(q, eol);
      const char *unit = catch_all;
      uint32_t unit_len = sizeof catch_all - 1;
      if (q < eol && *q == '{') {
        const char *close = memchr(q, '}', (size_t)(eol - q));
        if (!close)
          close = eol;
        /* {1 "code" 6 "P1"}: the value after the dimension "1" */
        for (const char *r = q + 1; r < close;) {
          r = skip_space(r, close);
          const char *dim = r;
          while (r < close && *r != ' ')
            r++;
          r = skip_space(r, close);
          const char *v = r;
          if (r < close && *r == '"') {
            v = ++r;
            while (r < close && *r != '"')
              r++;
          } else {
            while (r < close && *r != ' ')
              r++;
          }
          if (r > v && dim[0] == '1' && dim[1] == ' ') {
            unit = v;
            unit_len = (uint32_t)(r - v);
          }
          if (r < close && *r == '"')
            r++;
        }
        q = skip_space(close + 1, eol);
      }
      int64_t amount = amount_of(&q, eol);
      int m = month_of(skip_space(q, eol), eol);
      if (m < 0 || m > 11)
        m = vmonth;
      size_t i = hash_of(unit, unit_len, account) & (cap - 1);
      while (table[i].unit &&
             !(table[i].account == account && table[i].unit_len == unit_len && memcmp(table[i].unit, unit, unit_len) == 0))
        i = (i + 1) & (cap - 1);
      if (!table[i].unit && ++used > cap / 2) {
        slot *bigger = calloc(cap * 2, sizeof *bigger);
        if (!bigger) {
          fprintf(stderr, "naive_sie: out of memory\n");
          return 1;
        }
        for (size_t k = 0; k < cap; k++) {
          if (!table[k].unit)
            continue;
          size_t j = hash_of(table[k].unit, table[k].unit_len, table[k].account) & (cap * 2 - 1);
          while (bigger[j].unit)
            j = (j + 1) & (cap * 2 - 1);
          bigger[j] = table[k];
        }
        free(table);
        table = bigger;
        cap *= 2;
        i = hash_of(unit, unit_len, account) & (cap - 1);
        while (table[i].unit)
          i = (i + 1) & (cap - 1);
      }
      if (!table[i].unit) {
        table[i].unit = unit;
        table[i].unit_len = unit_len;
        table[i].account = account;
      }
      table[i].month[m] += amount;
      trans++;
    }
    p = eol + 1;
  }
  double seconds = now_s() - t0;
  /* untimed: the checksum over (unit, account, month) */
  uint64_t checksum = 0;
  char code[64], number[16];
  for (size_t i = 0; i < cap; i++) {
    if (!table[i].unit)
      continue;
    snprintf(code, sizeof code, "%.*s", (int)table[i].unit_len, table[i].unit);
    snprintf(number, sizeof number, "%" PRIu32, table[i].account);
    for (int m = 0; m < 12; m++)
      if (table[i].month[m])
        checksum += sie_gen_weight(code, number, m) * (uint64_t)table[i].month[m];
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  uint64_t want = read_sum(argv[2], "checksum");
  double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec +
               (double)ru.ru_stime.tv_usec * 1e-6;
  printf("naive bytes=%zu trans=%" PRIu64 " lines=%" PRIu64 " seconds=%.4f cpu_s=%.4f mb_s=%.2f maxrss_kb=%ld"
         " checksum=%" PRIu64 " check=%s\n",
         size, trans, used, seconds, cpu, seconds > 0 ? (double)size / 1e6 / seconds : 0.0, ru.ru_maxrss, checksum,
         checksum == want ? "ok" : "FAILED");
  return checksum == want ? 0 : 1;
}
