/*
 * sie_gen: see sie_gen.h.
 *
 * Two passes over the same vouchers. Voucher i is a pure function of (seed, i) except for its
 * dates, which spread the vouchers over the fiscal year and so need their number N; the dates
 * have a fixed width, so the first pass can count bytes (to find N) and sum the accounts (the
 * #RES and #UB records come before the vouchers) without them. The second pass writes.
 */
#include "sie_gen.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers ----------------------------------------------------------------- */

static uint64_t splitmix(uint64_t *state)
{
  uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static uint64_t mix(uint64_t x)
{
  uint64_t s = x;
  return splitmix(&s);
}

static uint64_t fnv(const char *s)
{
  uint64_t h = UINT64_C(14695981039346656037);
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
  return h;
}

static uint64_t weight_of(uint64_t unit_hash, uint64_t account_hash, int month)
{
  return mix(unit_hash ^ account_hash * 3 ^ (uint64_t)(month + 1) * UINT64_C(0x2545F4914F6CDD1D)) | 1;
}

uint64_t sie_gen_weight(const char *unit_code, const char *account, int month)
{
  return weight_of(fnv(unit_code), fnv(account), month);
}

/* ---- text --------------------------------------------------------------------------- */

/* The UTF-8 text of the tables below in IBM code page 437 (SIE's PC8): only the Swedish
 * letters and é occur. */
static void to_pc8(char *dst, size_t size, const char *s)
{
  static const struct { const char *utf8; unsigned char pc8; } map[] = {
    {"å", 0x86}, {"ä", 0x84}, {"ö", 0x94}, {"Å", 0x8F}, {"Ä", 0x8E}, {"Ö", 0x99}, {"é", 0x82},
  };
  size_t n = 0;
  while (*s && n + 1 < size) {
    size_t k = 0;
    for (; k < sizeof map / sizeof map[0]; k++)
      if (strncmp(s, map[k].utf8, 2) == 0)
        break;
    if (k < sizeof map / sizeof map[0]) {
      dst[n++] = (char)map[k].pc8;
      s += 2;
    } else {
      dst[n++] = *s++;
    }
  }
  dst[n] = '\0';
}

/* Kommun-Bas-like account groups (first two digits) with a name; 1x and 2x are balance
 * accounts, 3x revenue, 4x-7x costs. */
static const struct { int group; const char *name; } result_groups[] = {
  {30, "Försäljning av verksamhet"}, {31, "Taxor och avgifter"}, {34, "Hyror och arrenden"},
  {35, "Bidrag"}, {36, "Försäljning av konsulttjänster"}, {37, "Ersättningar och intäkter"},
  {39, "Övriga intäkter"}, {40, "Bidrag och transfereringar"}, {41, "Köp av huvudverksamhet"},
  {45, "Entreprenad och köp av verksamhet"}, {46, "Lämnade bidrag"}, {50, "Löner arbetad tid"},
  {51, "Löner ej arbetad tid"}, {52, "Sjuklöner"}, {53, "Ersättningar till förtroendevalda"},
  {54, "Pensionskostnader"}, {55, "Arbetsgivaravgifter"}, {56, "Övriga personalkostnader"},
  {57, "Sociala avgifter enligt lag"}, {58, "Ersättningar till uppdragstagare"},
  {59, "Personalkostnader övrigt"}, {60, "Lokalhyror"}, {61, "Fastighetskostnader"},
  {62, "Fastighetsservice"}, {63, "Städning och renhållning"}, {64, "Förbrukningsinventarier"},
  {65, "Förbrukningsmaterial"}, {66, "Livsmedel"}, {67, "Kontorsmaterial och trycksaker"},
  {68, "Reparationer och underhåll"}, {69, "Energi, vatten och avfall"},
  {70, "Transporter och resor"}, {71, "Representation"}, {72, "Annonsering och information"},
  {73, "Försäkringsavgifter"}, {74, "Konsulttjänster"}, {75, "Tele och IT"},
  {76, "Kurser och konferenser"}, {77, "Avgifter och licenser"}, {79, "Övriga kostnader"},
};
#define N_RESULT_GROUPS ((uint32_t)(sizeof result_groups / sizeof result_groups[0]))
#define N_REVENUE_GROUPS 7u
/* Groups 50-59 are personnel costs (salary vouchers). */
#define FIRST_SALARY_GROUP 11u
#define N_SALARY_GROUPS 10u

static const struct { const char *number, *name; char type; } balance_accounts[] = {
  {"1110", "Byggnader och mark", 'T'},          {"1220", "Inventarier", 'T'},
  {"1510", "Kundfordringar", 'T'},              {"1630", "Skattekonto", 'T'},
  {"1640", "Ingående moms", 'T'},               {"1790", "Förutbetalda kostnader", 'T'},
  {"1930", "Bank, företagskonto", 'T'},         {"2010", "Eget kapital", 'S'},
  {"2440", "Leverantörsskulder", 'S'},          {"2710", "Personalens källskatt", 'S'},
  {"2730", "Lagstadgade sociala avgifter", 'S'}, {"2920", "Upplupna semesterlöner", 'S'},
  {"2990", "Övriga upplupna kostnader", 'S'},   {"2350", "Långfristiga lån", 'S'},
};
#define N_BALANCE ((uint32_t)(sizeof balance_accounts / sizeof balance_accounts[0]))
enum { B_KUNDFORDR = 2, B_BANK = 6, B_LEVSKULD = 8, B_KALLSKATT = 9 };

static const char *const activities[] = {
  "Hemtjänst", "Förskola", "Grundskola", "Äldreboende", "Gymnasieskola", "Fritidsgård",
  "Bibliotek", "Gata och väg", "Vatten och avlopp", "Räddningstjänst", "Individ- och familjeomsorg",
  "Särskola", "Kulturskola", "Måltidsservice", "Lokalvård", "Överförmyndare",
};
static const char *const areas[] = {"Öster", "Väster", "Norr", "Söder", "Centrum", "Åby", "Älvsta", "Högby"};
static const char *const project_names[] = {
  "Ombyggnad förskola", "Digitalisering", "Trygghetsvandring", "Energieffektivisering",
  "Ny idrottshall", "Läsfrämjande", "Gång- och cykelväg", "Integration",
};
static const char *const boards[] = {
  "Kommunstyrelsen", "Barn- och utbildningsnämnden", "Socialnämnden", "Äldrenämnden",
  "Kultur- och fritidsnämnden", "Tekniska nämnden", "Miljö- och byggnämnden", "Överförmyndarnämnden",
};
static const char *const admins[] = {"förvaltningen", "avdelningen för stöd", "avdelningen för drift"};

/* Voucher and line texts by series, UTF-8 (converted once). Their lengths never depend on
 * dates (see the file's comment). */
static const char *const texts_a[] = {
  "Leverantörsfaktura", "Måltidsleverans", "Städtjänster", "Hyra lokaler", "Förbrukningsmaterial",
  "Läromedel", "Konsulttjänster IT", "Reparation fläktar",
};
static const char *const texts_b[] = {
  "Kundfaktura", "Barnomsorgsavgifter", "Hyresintäkter", "Avgifter äldreomsorg", "Försäljning av måltider",
};
static const char *const texts_m[] = {
  "Omföring mellan ansvar", "Internfördelning", "Rättelse kontering", "Periodisering", "Fördelning lokalkostnad",
};

/* ---- output ------------------------------------------------------------------------- */

typedef struct out {
  FILE *f;        /* NULL: count only */
  const char *path;
  char buf[1 << 20];
  size_t n;
  uint64_t bytes, lines;
  int failed;
} out;

static void out_flush(out *o)
{
  if (o->f && o->n && fwrite(o->buf, 1, o->n, o->f) != o->n)
    o->failed = errno ? errno : EIO;
  o->bytes += o->n;
  for (size_t i = 0; i < o->n; i++)
    o->lines += o->buf[i] == '\n';
  o->n = 0;
}

static void put(out *o, const char *s, size_t n)
{
  if (o->n + n > sizeof o->buf)
    out_flush(o);
  memcpy(o->buf + o->n, s, n);
  o->n += n;
}

static void puts_(out *o, const char *s)
{
  put(o, s, strlen(s));
}

static void putc_(out *o, char c)
{
  if (o->n + 1 > sizeof o->buf)
    out_flush(o);
  o->buf[o->n++] = c;
}

static void put_u64(out *o, uint64_t v)
{
  char t[24];
  int n = 0;
  do
    t[n++] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  while (n)
    putc_(o, t[--n]);
}

/* An amount in öre as SIE writes it: "-1250.50", or "1250" for whole kronor when `whole`. */
static void put_amount(out *o, int64_t ore, int whole)
{
  uint64_t a = ore < 0 ? 0 - (uint64_t)ore : (uint64_t)ore;
  if (ore < 0)
    putc_(o, '-');
  put_u64(o, a / 100);
  if (whole && a % 100 == 0)
    return;
  putc_(o, '.');
  putc_(o, (char)('0' + a % 100 / 10));
  putc_(o, (char)('0' + a % 10));
}

static void put_quoted(out *o, const char *s)
{
  putc_(o, '"');
  puts_(o, s);
  putc_(o, '"');
}

/* ---- the calendar of the fiscal year ---------------------------------------------------- */

typedef struct day {
  char text[9]; /* YYYYMMDD */
  int month;    /* 0..11 */
} day;

static int is_leap(int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* ---- the generator -------------------------------------------------------------------- */

typedef struct account {
  char number[16];
  char name[96]; /* PC8 */
  char type;
  uint64_t hash;
  int64_t trans;          /* Σ #TRANS of the year */
  int64_t month[12];
  int64_t ib, ib_prior, res_prior;
} account;

typedef struct unit {
  char code[16];
  char name[96]; /* PC8 */
  int mapped;    /* in the hierarchy text; else it goes under the catch-all unit */
  uint64_t hash;
  int64_t sum;
} unit;

typedef struct gen {
  sie_gen_params p;
  account *acc;
  uint32_t nacc, first_revenue, nrevenue, first_cost, ncost, first_salary, nsalary;
  unit *units;
  char (*projects)[16];
  uint64_t catch_hash;
  int64_t catch_sum;
  day *days;
  int ndays;
  char texts_a[8][64], texts_b[5][64], texts_m[5][64], text_l[32];
  /* the current pass */
  int writing;           /* 0: counting pass, 1: writing pass */
  uint64_t nvouchers;    /* N: known in the writing pass */
  uint64_t series_no[4]; /* next voucher number per series */
  uint64_t trans, checksum;
} gen;

static const char series_letter[4] = {'A', 'B', 'L', 'M'};

/* A day of the year (index into g->days). */
static int voucher_day(const gen *g, uint64_t i)
{
  if (!g->writing)
    return 0;
  return (int)(i * (uint64_t)g->ndays / g->nvouchers);
}

typedef struct line {
  uint32_t account;
  int64_t amount;
  int32_t unit;    /* -1: no unit object */
  int32_t project; /* -1: none */
  int has_date, has_text;
  int back;        /* days before the voucher date */
  const char *text;
} line;

static void book(gen *g, const line *l, int dayi)
{
  account *a = &g->acc[l->account];
  a->trans += l->amount;
  g->trans++;
  if (!g->writing)
    return;
  int month = g->days[dayi].month;
  a->month[month] += l->amount;
  uint64_t uh = l->unit >= 0 ? g->units[l->unit].hash : g->catch_hash;
  if (l->unit >= 0)
    g->units[l->unit].sum += l->amount;
  else
    g->catch_sum += l->amount;
  g->checksum += weight_of(uh, a->hash, month) * (uint64_t)l->amount;
}

static void write_line(out *o, gen *g, const line *l, int vday)
{
  int dayi = vday - l->back < 0 ? 0 : vday - l->back;
  puts_(o, "   #TRANS ");
  puts_(o, g->acc[l->account].number);
  if (l->unit < 0) {
    puts_(o, " {} ");
  } else {
    puts_(o, " {1 \"");
    puts_(o, g->units[l->unit].code);
    if (l->project >= 0) {
      puts_(o, "\" 6 \"");
      puts_(o, g->projects[l->project]);
    }
    puts_(o, "\"} ");
  }
  put_amount(o, l->amount, (l->amount & 1) == 0);
  if (l->has_date || l->has_text) {
    putc_(o, ' ');
    put(o, g->days[dayi].text, 8);
  }
  if (l->has_text) {
    putc_(o, ' ');
    put_quoted(o, l->text);
  }
  putc_(o, '\n');
  book(g, l, dayi);
}

/* A cost or revenue amount in öre: lo..hi kronor with random öre. */
static int64_t amount_in(uint64_t *rng, int64_t lo, int64_t hi)
{
  uint64_t r = splitmix(rng);
  int64_t ore = lo * 100 + (int64_t)(r % (uint64_t)((hi - lo) * 100));
  if ((r >> 40) % 3 == 0) /* a third in whole kronor */
    ore -= ore % 100;
  return ore ? ore : 100;
}

/* The account of a unit's line of a kind (first..first + n - 1), from slot j of its profile; with
 * spread, j is drawn from a range as wide as the kind and any of its accounts can come. */
static uint32_t profile_account(const gen *g, uint32_t u, uint64_t j, uint32_t first, uint32_t n)
{
  if (g->p.spread)
    return first + (uint32_t)(j % n);
  return first + (uint32_t)(mix(g->p.seed ^ (uint64_t)u << 20 ^ j << 4 ^ first) % n);
}

/* The slot of a unit's profile: x % slots, or any slot at all with spread. */
static uint64_t slot(const gen *g, uint64_t x, uint64_t slots)
{
  return g->p.spread ? x >> 8 : x % slots;
}

/* Voucher i. */
static void voucher(out *o, gen *g, uint64_t i)
{
  uint64_t rng = mix(g->p.seed ^ i * UINT64_C(0xD1B54A32D192ED03));
  uint64_t r = splitmix(&rng);
  uint32_t u = (uint32_t)(r % g->p.units);
  int kind = (int)((r >> 32) % 100);
  int series = kind < 45 ? 0 : kind < 60 ? 1 : kind < 80 ? 2 : 3;
  int vday = voucher_day(g, i);
  line lines[6];
  int n = 0;
  const char *vtext;
  char vbuf[96];
  uint64_t r2 = splitmix(&rng);

  if (series == 0) { /* supplier invoice: 1-5 cost lines, payable */
    int nc = 1 + (int)(r2 % 5);
    int64_t sum = 0;
    vtext = g->texts_a[(r2 >> 8) % 8];
    for (int k = 0; k < nc; k++) {
      uint64_t x = splitmix(&rng);
      line *l = &lines[n++];
      l->account = profile_account(g, u, slot(g, x, 24), g->first_cost, g->ncost);
      l->amount = amount_in(&rng, 100, 50000);
      l->unit = (int32_t)u;
      l->project = (x >> 8) % 5 == 0 ? (int32_t)((x >> 16) % g->p.projects) : -1;
      sum += l->amount;
    }
    line *b = &lines[n++];
    b->account = B_LEVSKULD;
    b->amount = -sum;
    b->unit = b->project = -1;
  } else if (series == 1) { /* customer invoice: 1-3 revenue lines, receivable */
    int nr = 1 + (int)(r2 % 3);
    int64_t sum = 0;
    vtext = g->texts_b[(r2 >> 8) % 5];
    for (int k = 0; k < nr; k++) {
      uint64_t x = splitmix(&rng);
      line *l = &lines[n++];
      l->account = profile_account(g, u, slot(g, x, 4), g->first_revenue, g->nrevenue);
      l->amount = -amount_in(&rng, 50, 20000);
      l->unit = (int32_t)u;
      l->project = -1;
      sum += l->amount;
    }
    line *b = &lines[n++];
    b->account = B_KUNDFORDR;
    b->amount = -sum;
    b->unit = b->project = -1;
  } else if (series == 2) { /* salaries: 2-4 personnel cost lines, tax and bank */
    int ns = 2 + (int)(r2 % 3);
    int64_t sum = 0;
    snprintf(vbuf, sizeof vbuf, "%s %06" PRIu64, g->text_l, (g->series_no[2] + 1) % 1000000);
    vtext = vbuf;
    for (int k = 0; k < ns; k++) {
      uint64_t x = splitmix(&rng);
      line *l = &lines[n++];
      l->account = profile_account(g, u, slot(g, x, 6), g->first_salary, g->nsalary);
      l->amount = amount_in(&rng, 2000, 60000);
      l->unit = (int32_t)u;
      l->project = -1;
      sum += l->amount;
    }
    int64_t tax = sum * 3 / 10;
    line *t = &lines[n++];
    t->account = B_KALLSKATT;
    t->amount = -tax;
    t->unit = t->project = -1;
    line *b = &lines[n++];
    b->account = B_BANK;
    b->amount = tax - sum;
    b->unit = b->project = -1;
  } else { /* internal charge between two units on one account */
    uint64_t x = splitmix(&rng);
    uint32_t v = (uint32_t)((x >> 8) % g->p.units);
    vtext = g->texts_m[(r2 >> 8) % 5];
    line *a = &lines[n++];
    /* one of six accounts for internal charges that every unit uses */
    a->account = profile_account(g, 0, x % 6, g->first_cost, g->ncost);
    a->amount = amount_in(&rng, 500, 100000);
    a->unit = (int32_t)u;
    a->project = (x >> 40) % 4 == 0 ? (int32_t)((x >> 44) % g->p.projects) : -1;
    line *b = &lines[n++];
    *b = *a;
    b->amount = -a->amount;
    b->unit = (int32_t)v;
  }
  /* dates and texts of the lines */
  for (int k = 0; k < n; k++) {
    uint64_t x = splitmix(&rng);
    int c = (int)(x % 10);
    lines[k].has_date = c < 6 || c >= 8;
    lines[k].has_text = c >= 8;
    lines[k].back = c == 8 ? (int)((x >> 8) % 10) : 0;
    lines[k].text = lines[k].unit >= 0 && lines[k].account >= g->first_revenue
                      ? g->acc[lines[k].account].name
                      : vtext;
  }

  uint64_t no = ++g->series_no[series];
  int regdate_next = (r2 >> 16) % 3 == 0 && vday + 1 < g->ndays;
  puts_(o, "#VER ");
  putc_(o, series_letter[series]);
  putc_(o, ' ');
  put_u64(o, no);
  putc_(o, ' ');
  put(o, g->days[vday].text, 8);
  putc_(o, ' ');
  put_quoted(o, vtext);
  putc_(o, ' ');
  put(o, g->days[regdate_next && g->writing ? vday + 1 : vday].text, 8);
  if (series == 2)
    puts_(o, " \"PA\"");
  puts_(o, "\n{\n");
  for (int k = 0; k < n; k++)
    write_line(o, g, &lines[k], vday);
  puts_(o, "}\n");
}

static int setup(gen *g, const sie_gen_params *p)
{
  memset(g, 0, sizeof *g);
  g->p = *p;
  if (p->units < 1 || p->units > 80000 || p->projects < 1 || p->projects > 9999 || p->accounts < 40 ||
      p->accounts > 400 || p->year < 1901 || p->year > 9998) {
    fprintf(stderr, "sie_gen: parameters out of range (units 1..80000, projects 1..9999, accounts 40..400)\n");
    return -1;
  }
  /* the year's days */
  g->ndays = is_leap(p->year) ? 366 : 365;
  g->days = calloc((size_t)g->ndays, sizeof *g->days);
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 0, d = 0; m < 12; m++)
    for (int k = 1; k <= mdays[m] + (m == 1 && is_leap(p->year)); k++, d++) {
      char t[32];
      snprintf(t, sizeof t, "%04d%02d%02d", p->year, m + 1, k);
      memcpy(g->days[d].text, t, sizeof g->days[d].text - 1);
      g->days[d].month = m;
    }
  /* accounts: balance accounts, then result accounts group by group (revenue, then costs) */
  g->nacc = p->accounts;
  g->acc = calloc(g->nacc, sizeof *g->acc);
  for (uint32_t k = 0; k < N_BALANCE; k++) {
    account *a = &g->acc[k];
    snprintf(a->number, sizeof a->number, "%s", balance_accounts[k].number);
    to_pc8(a->name, sizeof a->name, balance_accounts[k].name);
    a->type = balance_accounts[k].type;
  }
  uint32_t nres = g->nacc - N_BALANCE, next = N_BALANCE;
  for (uint32_t gi = 0; gi < N_RESULT_GROUPS; gi++) {
    uint32_t per = nres / N_RESULT_GROUPS + (gi < nres % N_RESULT_GROUPS);
    if (gi == 0)
      g->first_revenue = next;
    if (gi == N_REVENUE_GROUPS)
      g->first_cost = next;
    if (gi == FIRST_SALARY_GROUP)
      g->first_salary = next;
    if (gi == FIRST_SALARY_GROUP + N_SALARY_GROUPS)
      g->nsalary = next - g->first_salary;
    for (uint32_t v = 0; v < per; v++) {
      account *a = &g->acc[next++];
      char name[96];
      snprintf(a->number, sizeof a->number, "%d%u%u", result_groups[gi].group, v, (v * 7 + 1) % 10);
      snprintf(name, sizeof name, v ? "%s %u" : "%s", result_groups[gi].name, v + 1);
      to_pc8(a->name, sizeof a->name, name);
      a->type = result_groups[gi].group < 40 ? 'I' : 'K';
    }
  }
  g->nrevenue = g->first_cost - g->first_revenue;
  g->ncost = g->nacc - g->first_cost;
  for (uint32_t k = 0; k < g->nacc; k++) {
    account *a = &g->acc[k];
    a->hash = fnv(a->number);
    uint64_t x = mix(p->seed ^ UINT64_C(0xACC0000) ^ k);
    if (k < N_BALANCE) {
      a->ib = (int64_t)(x % 5000000000u) * (a->type == 'T' ? 1 : -1);
      a->ib_prior = a->ib - (int64_t)((x >> 32) % 100000000u);
    } else {
      a->res_prior = (int64_t)((x >> 8) % 900000000u) * (a->type == 'I' ? -1 : 1);
    }
  }
  /* units and projects */
  g->units = calloc(p->units, sizeof *g->units);
  for (uint32_t k = 0; k < p->units; k++) {
    unit *u = &g->units[k];
    char name[96];
    snprintf(u->code, sizeof u->code, "%u", 10000 + k * 13 % 90000);
    if (p->units > 6923) /* 13 * k no longer unique below 90 000 */
      snprintf(u->code, sizeof u->code, "%u", 100000 + k);
    snprintf(name, sizeof name, "%s %s %u", activities[k % 16], areas[k / 16 % 8], k / 128 + 1);
    to_pc8(u->name, sizeof u->name, name);
    u->mapped = k % 20 != 7; /* 5 % of the units are missing from the hierarchy text */
    u->hash = fnv(u->code);
  }
  g->catch_hash = fnv(SIE_GEN_CATCH_ALL);
  g->projects = calloc(p->projects, sizeof *g->projects);
  for (uint32_t k = 0; k < p->projects; k++)
    snprintf(g->projects[k], sizeof g->projects[k], "P%03u", k + 1);
  to_pc8(g->text_l, sizeof g->text_l, "Lönekörning");
  for (int k = 0; k < 8; k++)
    to_pc8(g->texts_a[k], sizeof g->texts_a[k], texts_a[k]);
  for (int k = 0; k < 5; k++) {
    to_pc8(g->texts_b[k], sizeof g->texts_b[k], texts_b[k]);
    to_pc8(g->texts_m[k], sizeof g->texts_m[k], texts_m[k]);
  }
  return 0;
}

static void reset_pass(gen *g)
{
  memset(g->series_no, 0, sizeof g->series_no);
  g->trans = 0;
  g->checksum = 0;
  g->catch_sum = 0;
  for (uint32_t k = 0; k < g->nacc; k++) {
    g->acc[k].trans = 0;
    memset(g->acc[k].month, 0, sizeof g->acc[k].month);
  }
  for (uint32_t k = 0; k < g->p.units; k++)
    g->units[k].sum = 0;
}

static void write_header(out *o, gen *g)
{
  char t[160];
  const sie_gen_params *p = &g->p;
  puts_(o, "#FLAGGA 0\n#PROGRAM \"Tertial gen_sie\" 1.0\n#FORMAT PC8\n");
  snprintf(t, sizeof t, "#GEN %04d0115 \"Ekonomiavdelningen\"\n#SIETYP 4\n", p->year + 1);
  puts_(o, t);
  puts_(o, "#ORGNR 212000-0000\n");
  to_pc8(t, sizeof t, "#FNAMN \"Exempelkommun Öst\"\n#ADRESS \"Ekonomiavdelningen\" \"Storgatan 1\" "
                      "\"123 45 Småstad\" \"010-123 45 67\"\n");
  puts_(o, t);
  snprintf(t, sizeof t, "#RAR 0 %04d0101 %04d1231\n#RAR -1 %04d0101 %04d1231\n", p->year, p->year, p->year - 1,
           p->year - 1);
  puts_(o, t);
  puts_(o, "#KPTYP KOMMUNBAS\n#VALUTA SEK\n#DIM 1 \"Ansvar\"\n#DIM 6 \"Projekt\"\n");
  for (uint32_t k = 0; k < p->units; k++) {
    puts_(o, "#OBJEKT 1 ");
    put_quoted(o, g->units[k].code);
    putc_(o, ' ');
    put_quoted(o, g->units[k].name);
    putc_(o, '\n');
  }
  for (uint32_t k = 0; k < p->projects; k++) {
    char name[96];
    snprintf(t, sizeof t, "%s %u", project_names[k % 8], k / 8 + 1);
    to_pc8(name, sizeof name, t);
    puts_(o, "#OBJEKT 6 ");
    put_quoted(o, g->projects[k]);
    putc_(o, ' ');
    put_quoted(o, name);
    putc_(o, '\n');
  }
  for (uint32_t k = 0; k < g->nacc; k++) {
    puts_(o, "#KONTO ");
    puts_(o, g->acc[k].number);
    putc_(o, ' ');
    put_quoted(o, g->acc[k].name);
    puts_(o, "\n#KTYP ");
    puts_(o, g->acc[k].number);
    putc_(o, ' ');
    putc_(o, g->acc[k].type);
    putc_(o, '\n');
  }
  /* balances: UB -1 = IB 0, UB 0 = IB 0 + Σ #TRANS; results: #RES 0 = Σ #TRANS */
  for (int year = 0; year >= -1; year--)
    for (uint32_t k = 0; k < N_BALANCE; k++) {
      const account *a = &g->acc[k];
      int64_t ib = year == 0 ? a->ib : a->ib_prior, ub = year == 0 ? a->ib + a->trans : a->ib;
      snprintf(t, sizeof t, "#IB %d %s ", year, a->number);
      puts_(o, t);
      put_amount(o, ib, 0);
      snprintf(t, sizeof t, "\n#UB %d %s ", year, a->number);
      puts_(o, t);
      put_amount(o, ub, 0);
      putc_(o, '\n');
    }
  for (int year = 0; year >= -1; year--)
    for (uint32_t k = N_BALANCE; k < g->nacc; k++) {
      const account *a = &g->acc[k];
      if (year == 0 && !a->trans)
        continue;
      snprintf(t, sizeof t, "#RES %d %s ", year, a->number);
      puts_(o, t);
      put_amount(o, year == 0 ? a->trans : a->res_prior, 0);
      putc_(o, '\n');
    }
}

static int write_hierarchy(const gen *g, const char *path)
{
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "sie_gen: cannot write %s: %s\n", path, strerror(errno));
    return -1;
  }
  fprintf(f, "# code;parent;name;level (written by gen_sie)\nK;;Exempelkommun Öst;0\n");
  for (int b = 0; b < 8; b++)
    fprintf(f, "N%d;K;%s;1\n", b + 1, boards[b]);
  for (int b = 0; b < 8; b++)
    for (int a = 0; a < 3; a++)
      fprintf(f, "F%d%d;N%d;%s %s;2\n", b + 1, a + 1, b + 1, boards[b], admins[a]);
  for (uint32_t k = 0; k < g->p.units; k++)
    if (g->units[k].mapped) /* an empty name: the loader takes the #OBJEKT name */
      fprintf(f, "%s;F%u%u;;5\n", g->units[k].code, k % 8 + 1, k / 8 % 3 + 1);
  if (fclose(f) != 0) {
    fprintf(stderr, "sie_gen: cannot write %s\n", path);
    return -1;
  }
  return 0;
}

static int write_sums(const gen *g, const sie_gen_result *r, const char *path)
{
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "sie_gen: cannot write %s: %s\n", path, strerror(errno));
    return -1;
  }
  fprintf(f, "# what gen_sie wrote (amounts in öre; #TRANS of the fiscal year %d, by transaction date)\n", g->p.year);
  fprintf(f, "bytes %" PRIu64 "\nlines %" PRIu64 "\nvouchers %" PRIu64 "\ntrans %" PRIu64 "\n", r->bytes, r->lines,
          r->vouchers, r->trans);
  fprintf(f, "year %d\nunits %" PRIu32 "\naccounts %" PRIu32 "\nchecksum %" PRIu64 "\n", g->p.year, g->p.units,
          g->nacc, g->checksum);
  for (uint32_t k = 0; k < g->nacc; k++) {
    const account *a = &g->acc[k];
    fprintf(f, "account %s %" PRId64, a->number, a->trans);
    for (int m = 0; m < 12; m++)
      fprintf(f, " %" PRId64, a->month[m]);
    fputc('\n', f);
  }
  for (uint32_t k = 0; k < g->p.units; k++)
    fprintf(f, "unit %s %d %" PRId64 "\n", g->units[k].code, g->units[k].mapped, g->units[k].sum);
  fprintf(f, "unit %s 1 %" PRId64 "\n", SIE_GEN_CATCH_ALL, g->catch_sum);
  if (fclose(f) != 0) {
    fprintf(stderr, "sie_gen: cannot write %s\n", path);
    return -1;
  }
  return 0;
}

int sie_gen_write(sie_gen_result *res, const sie_gen_params *p, const char *sie_path, const char *hierarchy_path,
                  const char *sums_path)
{
  gen *g = calloc(1, sizeof *g);
  out *o = calloc(1, sizeof *o);
  int rc = -1;
  if (!g || !o || setup(g, p) < 0)
    goto done;
  /* pass 1: the number of vouchers and the accounts' sums */
  uint64_t n = 0;
  while (o->bytes + o->n < p->target_bytes || n == 0)
    voucher(o, g, n++);
  g->nvouchers = n;
  g->writing = 1;
  int64_t *sums = calloc(g->nacc, sizeof *sums);
  for (uint32_t k = 0; k < g->nacc; k++)
    sums[k] = g->acc[k].trans;
  reset_pass(g);
  for (uint32_t k = 0; k < g->nacc; k++)
    g->acc[k].trans = sums[k]; /* for the header */
  free(sums);

  memset(o, 0, sizeof *o);
  o->path = sie_path;
  if (!(o->f = fopen(sie_path, "wb"))) {
    fprintf(stderr, "sie_gen: cannot write %s: %s\n", sie_path, strerror(errno));
    goto done;
  }
  write_header(o, g);
  for (uint32_t k = 0; k < g->nacc; k++)
    g->acc[k].trans = 0;
  for (uint64_t i = 0; i < n; i++)
    voucher(o, g, i);
  out_flush(o);
  if (fclose(o->f) != 0 || o->failed) {
    fprintf(stderr, "sie_gen: cannot write %s\n", sie_path);
    goto done;
  }
  res->bytes = o->bytes;
  res->lines = o->lines;
  res->vouchers = n;
  res->trans = g->trans;
  if (write_hierarchy(g, hierarchy_path) < 0 || write_sums(g, res, sums_path) < 0)
    goto done;
  rc = 0;
done:
  if (g) {
    free(g->acc);
    free(g->units);
    free(g->projects);
    free(g->days);
  }
  free(g);
  free(o);
  return rc;
}
