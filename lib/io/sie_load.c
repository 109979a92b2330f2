/* Loading an SIE file into a model (sie_load.h).
 *
 * Two phases. Reading streams the records through the reader and gathers, in the loader's own
 * tables, everything that will change the model: accounts, the objects of the unit dimension,
 * and amounts added up per (object, account, kind) with twelve months each, kind being
 * outcome or prior-year outcome from #PSALDO or from #TRANS, or budget. Memory grows with the
 * number of distinct accounts, objects and cells, not with the file. Nothing in the model
 * changes while reading, so a file that fails (strict mode, a fiscal year that does not
 * match, an overflow) leaves the model as it was.
 *
 * Applying then chooses the outcome source per year, resolves the #PSALDO/#PBUDGET cells
 * (account total vs records with objects, see sie_load.h), plans the units (matched by code,
 * from the hierarchy text, or new under the catch-all unit), checks that no ledger amount
 * would overflow, and only then adds units, accounts, the budget version and the amounts.
 * The reconciliation is built from the same tables. */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <sys/stat.h>
#include <time.h>

#include "ledger_internal.h"
#include "parallel.h"
#include "sie_internal.h"
#include "strmap.h"
#include "u64map.h"

enum {
  MONTHS = 12,
  MAX_LABELS = 64,          /* figures are kept for labels below this */
  DEFAULT_MAX_NOTES = 1000,
  YEAR_BIAS = 1024,         /* SIE year numbers are -999..999 */
  YEAR_SLOTS = 2048,
  MAX_SLOTS = 1 << 28,      /* objects of the unit dimension, in the cell key */
};

/* Kinds of cells: what a sum of amounts becomes in the ledger. */
enum { K_PS_CUR, K_PS_PRI, K_TR_CUR, K_TR_PRI, K_BUD, NKINDS };
/* Ledger measures the kinds feed, by index: outcome, prior-year outcome, budget. */
enum { M_OUT, M_PRI, M_BUD, NMEAS };
/* Year bins of a record relative to the loaded year. */
enum { Y_CUR = 0, Y_PRI = 1, Y_OTHER = -1 };
/* What a unit slot becomes when applied. */
enum { S_MATCHED, S_HIERARCHY, S_UNMATCHED, S_CATCH_ALL };

static const char empty[] = "";

/* An object of the unit dimension (slot 0: "no object", i.e. the catch-all unit itself). */
typedef struct slot {
  char *code;
  char *name;               /* from #OBJEKT; NULL if none */
  int state;                /* S_* */
  tertial_unit_id unit;
  int64_t trans[2][2];      /* placed #TRANS / #RTRANS amounts by [label][year bin] */
  int64_t loaded[NMEAS];    /* applied, per measure */
  unsigned char booked[NMEAS]; /* some month was booked (the net sum may be 0) */
} slot;

typedef struct acct {
  char *number;
  char *name;               /* from #KONTO; NULL if none */
  char type;                /* 'T', 'S', 'K', 'I' from #KTYP, or 0 */
  int valid;                /* 1..10 digits: the chart can hold it */
  size_t ktyp_line;
  tertial_account_id id;
  unsigned char net;        /* a revenue or cost account in the chart (add_accounts()) */
  int64_t trans[2];         /* Σ #TRANS/#RTRANS of the loaded year and the one before, kept here
                               rather than in the reconciliation map: no lookup per line */
  unsigned char has_trans[2];
} acct;

/* The sum of one (slot, account, kind), month by month. */
typedef struct cell {
  uint32_t slot, account;
  int kind;
  int64_t m[MONTHS];
} cell;

/* A code of up to 16 bytes packed into two words (zero padded: codes hold no NUL), so that
 * looking up an account or object touches one cache line and compares no strings. */
typedef struct code_key {
  uint64_t w[2];
} code_key;

typedef struct code_entry {
  code_key key;
  uint32_t idx;
  uint32_t used;
} code_entry;

/* Accounts and objects by code: the short ones here, all of them in a strmap beside it. */
typedef struct code_index {
  code_entry *e;
  size_t cap, count;
} code_index;

/* A #TRANS amount waiting to be added to its cell and to its unit's sums. The lines are
 * handled in batches whose memory is fetched ahead (the code index, the cell table, the cells
 * and the units), so that the cache misses of large tables overlap instead of following one
 * another. A batch is handled in the order the lines were read, so units and cells are made
 * in the same order as line by line, and the first line that fails is the one reported. */
enum { BATCH = 32, UNRESOLVED = UINT32_MAX };
typedef struct pending {
  code_key code;            /* the unit object's code while slot is UNRESOLVED */
  uint32_t slot, account;
  int kind, month, which;   /* which: 0 #TRANS, 1 #RTRANS (slot::trans) */
  int bin;
  int64_t amount;
  size_t line;              /* for the message of an overflow */
  const char *tag;
} pending;

/* One month of one account of #PSALDO or #PBUDGET, for the rule on records with objects. */
typedef struct pcell {
  int budget, year, period;
  uint32_t account;
  int kind;                 /* K_* if the month is loaded, -1 if not */
  int month;
  int has_total;
  int64_t total, unit, other; /* without objects; with a unit object; with other objects only */
} pcell;

/* The #PSALDO/#PBUDGET amounts of a year that is not loaded, for one note per label and year. */
typedef struct other_year {
  tertial_sie_label label;
  int year;
  size_t first_line, records;
  int64_t sum;
} other_year;

/* One account of one year for the reconciliation. */
typedef struct recon {
  int year;
  uint32_t account;
  int has_res, has_balance;
  unsigned present;         /* TERTIAL_SIE_HAS_* */
  int64_t trans, psaldo, res, ib, ub;
} recon;

struct tertial_sie_load {
  tertial_sie_summary summary;
  char *strings[7];          /* file, company, orgnr, program, version, chart type, currency */
  tertial_sie_figures figures[MAX_LABELS];
  tertial_sie_note *notes;
  size_t nnotes, notes_cap;
  tertial_sie_diagnostic *diags;
  size_t ndiags;
  tertial_sie_difference *diffs;
  size_t ndiffs, diffs_cap, compared;
};

enum { STR_FILE, STR_COMPANY, STR_ORGNR, STR_PROGRAM, STR_VERSION, STR_CHART, STR_CURRENCY };

typedef struct loader {
  tertial_model *model;
  uint64_t abs_cells;       /* Σ |amount| added into cells (saturating): see check_overflow() */
  tertial_fiscal_year fy;
  int month0;               /* first month of the fiscal year as year * 12 + month - 1 */
  tertial_sie_load_options opt;
  tertial_sie_load *res;
  const char *file;
  const tertial_sie_record *rec; /* the record being handled, for messages */

  acct *accts;
  size_t naccts, accts_cap;
  tertial_strmap acct_index;
  code_index acct_codes;
  slot *slots;
  size_t nslots, slots_cap;
  tertial_strmap slot_index;
  code_index slot_codes;
  code_key last_code;       /* the object code looked up last (lines of a voucher repeat it) */
  uint32_t last_slot;       /* its slot; 0 (no object) until one is looked up */
  cell *cells;
  size_t ncells, cells_cap;
  tertial_u64map cell_index;
  pending batch[BATCH];     /* #TRANS amounts not yet added to their cells */
  int nbatch;
  pcell *pcells;
  size_t npcells, pcells_cap;
  tertial_u64map pcell_index;
  recon *recs;
  size_t nrecs, recs_cap;
  tertial_u64map rec_index;
  unsigned char year_has[YEAR_SLOTS];

  int has_source[2][2];     /* [year bin][0 #TRANS, 1 #PSALDO]: records exist */
  int chosen[2];            /* TERTIAL_SIE_SOURCE_* per year bin */
  int64_t unplaced[3][2];   /* [0 #PSALDO, 1 #TRANS, 2 #RTRANS][year bin] */
  int64_t duplicates[2];    /* #TRANS repeating an #RTRANS, per year bin */
  int budget_placed;        /* a #PBUDGET of the loaded year was placed */
  int budget_measure;
  unsigned months_of[NKINDS]; /* months (bits) with amounts placed, per kind */
  unsigned replace[NMEAS];  /* months cleared before booking, per measure */
  unsigned char rar_seen[YEAR_SLOTS]; /* year numbers with a #RAR */
  int any_rar;
  other_year *others;
  size_t nothers, others_cap;
} loader;

/* ---------------------------------------------------------------------------------- */
/* Small helpers                                                                       */
/* ---------------------------------------------------------------------------------- */

static int add_to(int64_t *acc, int64_t v, const loader *L)
{
  if (!tertial__add_ovf(*acc, v, acc))
    return 0;
  if (L->rec)
    return tertial__error(TERTIAL_ERR_OVERFLOW, "%s:%zu: a sum of %s amounts does not fit in int64 öre", L->file,
                          L->rec->line, L->rec->tag);
  return tertial__error(TERTIAL_ERR_OVERFLOW, "%s: a sum of amounts does not fit in int64 öre", L->file);
}

/* An amount added into a cell, counted in L->abs_cells. */
static void count_abs(loader *L, int64_t v)
{
  uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  L->abs_cells = L->abs_cells > UINT64_MAX - a ? UINT64_MAX : L->abs_cells + a;
}

/* a - b into *out, checked. */
static int difference(int64_t *out, int64_t a, int64_t b, const loader *L)
{
  if (!__builtin_sub_overflow(a, b, out))
    return 0;
  return tertial__error(TERTIAL_ERR_OVERFLOW, "%s: a difference of amounts does not fit in int64 öre", L->file);
}

static int all_digits(const char *s, size_t max)
{
  size_t n = 0;
  for (; s[n]; n++)
    if (s[n] < '0' || s[n] > '9')
      return 0;
  return n >= 1 && n <= max;
}

/* Numeric order of account numbers (shorter first), then by text. */
static int compare_accounts(const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b);
  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp(a, b);
}

static void format_ore(char *buf, size_t size, int64_t v)
{
  uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  snprintf(buf, size, "%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(a / 100),
           (unsigned long long)(a % 100));
}

static const char *measure_word(int m)
{
  return m == M_OUT ? "outcome" : m == M_PRI ? "prior-year outcome" : "budget";
}

static int measure_of_kind(int kind)
{
  return kind == K_PS_CUR || kind == K_TR_CUR ? M_OUT : kind == K_BUD ? M_BUD : M_PRI;
}

static int year_bin(const loader *L, int year)
{
  return year == L->opt.year ? Y_CUR : year == L->opt.year - 1 ? Y_PRI : Y_OTHER;
}

/* ---------------------------------------------------------------------------------- */
/* Notes                                                                               */
/* ---------------------------------------------------------------------------------- */

typedef struct note_at {
  tertial_sie_load_problem problem;
  tertial_sie_label label;
  size_t line;
  int year, period, measure;
  const char *account, *object;
  int64_t amount;
  int is_problem;           /* see tertial_sie_note::is_problem */
} note_at;

static int vnote(loader *L, const note_at *at, const char *fmt, va_list ap) TERTIAL_PRINTF(3, 0);
static int vnote(loader *L, const note_at *at, const char *fmt, va_list ap)
{
  tertial_sie_load *r = L->res;
  r->summary.notes++;
  r->summary.problems += at->is_problem != 0;
  size_t max = L->opt.max_notes ? L->opt.max_notes : DEFAULT_MAX_NOTES;
  if (r->nnotes >= max) {
    r->summary.notes_dropped++;
    return 0;
  }
  if (tertial__grow((void **)&r->notes, &r->notes_cap, r->nnotes + 1, sizeof *r->notes) < 0)
    return TERTIAL_ERR_NOMEM;
  tertial_strbuf sb = {0};
  int rc = at->line ? tertial__sb_printf(&sb, "%s:%zu: ", L->file, at->line) : tertial__sb_printf(&sb, "%s: ", L->file);
  char msg[512];
  vsnprintf(msg, sizeof msg, fmt, ap);
  if (rc == 0)
    rc = tertial__sb_append(&sb, msg);
  char *account = NULL, *object = NULL;
  if (rc == 0 && at->account && at->account[0] && !(account = tertial__strdup(at->account)))
    rc = TERTIAL_ERR_NOMEM;
  if (rc == 0 && at->object && at->object[0] && !(object = tertial__strdup(at->object)))
    rc = TERTIAL_ERR_NOMEM;
  if (rc < 0) {
    tertial__sb_clear(&sb);
    free(account);
    free(object);
    return rc;
  }
  tertial_sie_note *n = &r->notes[r->nnotes++];
  n->problem = at->problem;
  n->label = at->label;
  n->line = at->line;
  n->year = at->year;
  n->period = at->period;
  n->measure = at->measure;
  n->account = account ? account : empty;
  n->object = object ? object : empty;
  n->amount = at->amount;
  n->is_problem = at->is_problem != 0;
  n->message = tertial__sb_steal(&sb);
  return n->message ? 0 : TERTIAL_ERR_NOMEM;
}

static int note(loader *L, const note_at *at, const char *fmt, ...) TERTIAL_PRINTF(3, 4);
static int note(loader *L, const note_at *at, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int rc = vnote(L, at, fmt, ap);
  va_end(ap);
  return rc;
}

/* A note about the record being read. */
static note_at here(const loader *L, tertial_sie_load_problem problem)
{
  const tertial_sie_record *rec = L->rec;
  note_at at = {problem, rec->label, rec->line, rec->year, rec->period, -1, rec->account, empty, rec->amount, 0};
  return at;
}

/* ---------------------------------------------------------------------------------- */
/* Tables: accounts, unit slots, cells                                                 */
/* ---------------------------------------------------------------------------------- */

static int pack_code(code_key *k, const char *s)
{
  size_t n = 0;
  while (n < sizeof k->w && s[n])
    n++;
  if (s[n])
    return 0; /* longer than 16 bytes */
  unsigned char b[sizeof k->w] = {0};
  memcpy(b, s, n);
  memcpy(k->w, b, sizeof b);
  return 1;
}

static size_t code_hash(const code_key *k)
{
  return tertial__u64map_hash(k->w[0] ^ (k->w[1] * UINT64_C(0x9E3779B97F4A7C15)));
}

static int code_get(const code_index *ix, const code_key *k, uint32_t *out)
{
  if (!ix->cap)
    return 0;
  for (size_t j = code_hash(k) & (ix->cap - 1);; j = (j + 1) & (ix->cap - 1)) {
    const code_entry *e = &ix->e[j];
    if (!e->used)
      return 0;
    if (e->key.w[0] == k->w[0] && e->key.w[1] == k->w[1]) {
      *out = e->idx;
      return 1;
    }
  }
}

/* Add a code that is not in the index. */
static int code_put(code_index *ix, const code_key *k, uint32_t idx)
{
  if ((ix->count + 1) * 2 > ix->cap) {
    size_t ncap = ix->cap ? ix->cap * 2 : 256;
    code_entry *e = tertial__calloc(ncap, sizeof *e);
    if (!e)
      return TERTIAL_ERR_NOMEM;
    for (size_t i = 0; i < ix->cap; i++) {
      if (!ix->e[i].used)
        continue;
      size_t j = code_hash(&ix->e[i].key) & (ncap - 1);
      while (e[j].used)
        j = (j + 1) & (ncap - 1);
      e[j] = ix->e[i];
    }
    free(ix->e);
    ix->e = e;
    ix->cap = ncap;
  }
  size_t j = code_hash(k) & (ix->cap - 1);
  while (ix->e[j].used)
    j = (j + 1) & (ix->cap - 1);
  ix->e[j].key = *k;
  ix->e[j].idx = idx;
  ix->e[j].used = 1;
  ix->count++;
  return 0;
}

/* Look a code up in a code index (short codes) or its strmap (long ones). */
static int code_find(const code_index *ix, const tertial_strmap *map, const char *code, code_key *k, int *packed,
                     uint32_t *out)
{
  *packed = pack_code(k, code);
  return *packed ? code_get(ix, k, out) : tertial__strmap_get(map, code, out);
}

static int find_account(uint32_t *out, loader *L, const char *number)
{
  code_key k;
  int packed;
  if (code_find(&L->acct_codes, &L->acct_index, number, &k, &packed, out))
    return 0;
  if (L->naccts >= UINT32_MAX - 1)
    return tertial__nomem("accounts");
  if (tertial__grow((void **)&L->accts, &L->accts_cap, L->naccts + 1, sizeof *L->accts) < 0)
    return TERTIAL_ERR_NOMEM;
  acct *a = &L->accts[L->naccts];
  memset(a, 0, sizeof *a);
  if (!(a->number = tertial__strdup(number)))
    return TERTIAL_ERR_NOMEM;
  a->valid = all_digits(number, 10);
  if (tertial__strmap_put(&L->acct_index, a->number, (uint32_t)L->naccts) < 0 ||
      (packed && code_put(&L->acct_codes, &k, (uint32_t)L->naccts) < 0)) {
    free(a->number);
    return TERTIAL_ERR_NOMEM;
  }
  *out = (uint32_t)L->naccts++;
  return 0;
}

static int find_slot(uint32_t *out, loader *L, const char *code)
{
  code_key k;
  int packed = pack_code(&k, code);
  if (packed && L->last_slot && k.w[0] == L->last_code.w[0] && k.w[1] == L->last_code.w[1]) {
    *out = L->last_slot;
    return 0;
  }
  if (packed ? code_get(&L->slot_codes, &k, out) : tertial__strmap_get(&L->slot_index, code, out)) {
    if (packed) {
      L->last_code = k;
      L->last_slot = *out;
    }
    return 0;
  }
  if (L->nslots >= MAX_SLOTS)
    return tertial__error(TERTIAL_ERR_NOMEM, "%s: more than %d objects", L->file, MAX_SLOTS);
  if (tertial__grow((void **)&L->slots, &L->slots_cap, L->nslots + 1, sizeof *L->slots) < 0)
    return TERTIAL_ERR_NOMEM;
  slot *s = &L->slots[L->nslots];
  memset(s, 0, sizeof *s);
  s->unit = TERTIAL_NO_UNIT;
  if (!(s->code = tertial__strdup(code)))
    return TERTIAL_ERR_NOMEM;
  if (tertial__strmap_put(&L->slot_index, s->code, (uint32_t)L->nslots) < 0 ||
      (packed && code_put(&L->slot_codes, &k, (uint32_t)L->nslots) < 0)) {
    free(s->code);
    return TERTIAL_ERR_NOMEM;
  }
  *out = (uint32_t)L->nslots++;
  return 0;
}

static uint64_t cell_key(uint32_t s, uint32_t account, int kind)
{
  return (uint64_t)kind << 60 | (uint64_t)s << 32 | account;
}

/* The index of the cell of a key, made if new. */
static int cell_index(uint32_t *out, loader *L, uint64_t key, uint32_t s, uint32_t account, int kind)
{
  if (L->ncells >= UINT32_MAX - 1)
    return tertial__nomem("cells");
  int added;
  if (tertial__u64map_get_or_put(&L->cell_index, key, (uint32_t)L->ncells, out, &added) < 0)
    return TERTIAL_ERR_NOMEM;
  if (!added)
    return 0;
  if (tertial__grow((void **)&L->cells, &L->cells_cap, L->ncells + 1, sizeof *L->cells) < 0)
    return TERTIAL_ERR_NOMEM;
  cell *c = &L->cells[L->ncells++];
  memset(c, 0, sizeof *c);
  c->slot = s;
  c->account = account;
  c->kind = kind;
  return 0;
}

static int find_cell(cell **out, loader *L, uint32_t s, uint32_t account, int kind)
{
  uint32_t i;
  int rc = cell_index(&i, L, cell_key(s, account, kind), s, account, kind);
  if (rc < 0)
    return rc;
  *out = &L->cells[i];
  return 0;
}

static int overflow_at(const loader *L, const pending *p)
{
  return tertial__error(TERTIAL_ERR_OVERFLOW, "%s:%zu: a sum of %s amounts does not fit in int64 öre", L->file, p->line,
                        p->tag);
}

/* Add the pending #TRANS amounts, in the order they were read. Each step stops at the first
 * line that fails; the lines before it are still added (and may fail first). */
static int flush_batch(loader *L)
{
  uint32_t idx[BATCH];
  int n = L->nbatch, rc = 0, ok;
  L->nbatch = 0;
  /* units: look the codes up (their index slots were fetched when queued), make new ones */
  for (ok = 0; ok < n; ok++) {
    pending *p = &L->batch[ok];
    if (p->slot != UNRESOLVED)
      continue;
    char code[sizeof p->code.w + 1];
    memcpy(code, p->code.w, sizeof p->code.w);
    code[sizeof p->code.w] = '\0';
    if ((rc = find_slot(&p->slot, L, code)) < 0)
      break;
  }
  for (int i = 0; i < ok; i++) {
    const pending *p = &L->batch[i];
    tertial__u64map_prefetch(&L->cell_index, cell_key(p->slot, p->account, p->kind));
  }
  /* cells: find or make them */
  int cells_ok;
  for (cells_ok = 0; cells_ok < ok; cells_ok++) {
    const pending *p = &L->batch[cells_ok];
    int e = cell_index(&idx[cells_ok], L, cell_key(p->slot, p->account, p->kind), p->slot, p->account, p->kind);
    if (e < 0) {
      rc = e;
      break;
    }
    __builtin_prefetch(&L->cells[idx[cells_ok]].m[p->month], 1);
    __builtin_prefetch(&L->slots[p->slot].trans[p->which][p->bin], 1);
  }
  /* the sums, line by line as on_trans() did */
  for (int i = 0; i < cells_ok; i++) {
    const pending *p = &L->batch[i];
    int64_t *m = &L->cells[idx[i]].m[p->month], *t = &L->slots[p->slot].trans[p->which][p->bin];
    if (tertial__add_ovf(*m, p->amount, m) || tertial__add_ovf(*t, p->amount, t))
      return overflow_at(L, p);
    count_abs(L, p->amount);
  }
  return rc;
}

/* Queue a #TRANS amount for its cell and its unit; `code` is the unit object's code (NULL or
 * "" for none). */
static int add_later(loader *L, const char *code, uint32_t account, int kind, int month, int which, int bin)
{
  uint32_t s = 0;
  code_key k = {{0, 0}};
  if (code && code[0]) {
    if (!pack_code(&k, code)) {
      /* a long code: looked up now, after the lines before it (units are made in order) */
      int rc = L->nbatch ? flush_batch(L) : 0;
      if (rc < 0 || (rc = find_slot(&s, L, code)) < 0)
        return rc;
    } else if (L->last_slot && k.w[0] == L->last_code.w[0] && k.w[1] == L->last_code.w[1]) {
      s = L->last_slot;
    } else {
      s = UNRESOLVED;
      if (L->slot_codes.cap)
        __builtin_prefetch(&L->slot_codes.e[code_hash(&k) & (L->slot_codes.cap - 1)]);
    }
  }
  pending *p = &L->batch[L->nbatch++];
  p->code = k;
  p->slot = s;
  p->account = account;
  p->kind = kind;
  p->month = month;
  p->which = which;
  p->bin = bin;
  p->amount = L->rec->amount;
  p->line = L->rec->line;
  p->tag = L->rec->label == TERTIAL_SIE_RTRANS ? "#RTRANS" : "#TRANS";
  if (p->slot != UNRESOLVED)
    tertial__u64map_prefetch(&L->cell_index, cell_key(p->slot, account, kind));
  return L->nbatch == BATCH ? flush_batch(L) : 0;
}

static int find_pcell(pcell **out, loader *L, int budget, int year, int period, uint32_t account)
{
  uint64_t pm = (uint64_t)((period / 100) * 12 + period % 100 - 1);
  uint64_t key = (uint64_t)budget << 62 | (uint64_t)(year + YEAR_BIAS) << 49 | pm << 32 | account;
  uint32_t i;
  if (!tertial__u64map_get(&L->pcell_index, key, &i)) {
    if (L->npcells >= UINT32_MAX - 1)
      return tertial__nomem("cells");
    if (tertial__grow((void **)&L->pcells, &L->pcells_cap, L->npcells + 1, sizeof *L->pcells) < 0 ||
        tertial__u64map_put(&L->pcell_index, key, (uint32_t)L->npcells) < 0)
      return TERTIAL_ERR_NOMEM;
    i = (uint32_t)L->npcells++;
    pcell *c = &L->pcells[i];
    memset(c, 0, sizeof *c);
    c->budget = budget;
    c->year = year;
    c->period = period;
    c->account = account;
    c->kind = -1;
    c->month = -1;
  }
  *out = &L->pcells[i];
  return 0;
}

static int find_recon(recon **out, loader *L, int year, uint32_t account)
{
  uint64_t key = (uint64_t)(year + YEAR_BIAS) << 32 | account;
  uint32_t i;
  if (!tertial__u64map_get(&L->rec_index, key, &i)) {
    if (L->nrecs >= UINT32_MAX - 1)
      return tertial__nomem("reconciliation");
    if (tertial__grow((void **)&L->recs, &L->recs_cap, L->nrecs + 1, sizeof *L->recs) < 0 ||
        tertial__u64map_put(&L->rec_index, key, (uint32_t)L->nrecs) < 0)
      return TERTIAL_ERR_NOMEM;
    i = (uint32_t)L->nrecs++;
    recon *c = &L->recs[i];
    memset(c, 0, sizeof *c);
    c->year = year;
    c->account = account;
  }
  *out = &L->recs[i];
  return 0;
}

/* The code of the unit object of an object list: its first object of the unit dimension
 * (NULL if none; a note if there are several). */
static int unit_code(const char **out, loader *L, const tertial_sie_record *rec)
{
  const char *code = NULL;
  size_t units = 0;
  *out = NULL;
  for (size_t i = 0; i < rec->object_count; i++) {
    if (rec->objects[i].dimension != L->opt.unit_dimension)
      continue;
    if (units++ == 0)
      code = rec->objects[i].object;
  }
  if (units > 1) {
    note_at at = here(L, TERTIAL_SIE_LOAD_SEVERAL_UNITS);
    at.object = code;
    int rc = note(L, &at, "%zu objects of dimension %d in one object list: the first, \"%s\", is used", units,
                  L->opt.unit_dimension, code);
    if (rc < 0)
      return rc;
  }
  *out = code;
  return 0;
}

/* The unit slot of an object list (0: no unit object, or an empty code: the catch-all unit). */
static int unit_slot(uint32_t *out, loader *L, const tertial_sie_record *rec)
{
  const char *code;
  int rc = unit_code(&code, L, rec);
  *out = 0;
  if (rc < 0 || !code || !code[0])
    return rc;
  return find_slot(out, L, code);
}

/* ---------------------------------------------------------------------------------- */
/* Reading: one handler per kind of record                                              */
/* ---------------------------------------------------------------------------------- */

/* Count a record with an amount into its label's figures by year bin. */
static int count_amount(loader *L, tertial_sie_figures *f, int bin)
{
  int64_t v = L->rec->amount;
  int rc = add_to(&f->read, v, L);
  if (rc == 0)
    rc = add_to(bin == Y_CUR ? &f->current : bin == Y_PRI ? &f->prior : &f->other_years, v, L);
  return rc;
}

static int keep_string(loader *L, int which, const char *s)
{
  char **slotp = &L->res->strings[which];
  if (*slotp) /* the first record wins */
    return 0;
  return (*slotp = tertial__strdup(s)) ? 0 : TERTIAL_ERR_NOMEM;
}

static void date_text(char *buf, size_t size, tertial_date d)
{
  snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static int same_date(tertial_date a, tertial_date b)
{
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

static int on_rar(loader *L, const tertial_sie_record *rec)
{
  if (rec->year >= -999 && rec->year <= 999) {
    L->rar_seen[rec->year + YEAR_BIAS] = 1;
    L->any_rar = 1;
  }
  if (rec->year != L->opt.year || !rec->has_date || !rec->has_date2)
    return 0;
  const tertial_fiscal_year *fy = &L->fy;
  int last_month0 = L->month0 + 11, ly = last_month0 / 12, lm = last_month0 % 12 + 1, ld = 0;
  tertial_days_in_month(&ld, ly, lm);
  tertial_date first = {fy->first_year, fy->start_month, 1}, last = {ly, lm, ld};
  if (same_date(first, rec->date) && same_date(last, rec->date2)) {
    if (!L->res->summary.fiscal_year_line)
      L->res->summary.fiscal_year_line = rec->line;
    return 0;
  }
  char a[40], b[40], c[40], d[40];
  date_text(a, sizeof a, rec->date);
  date_text(b, sizeof b, rec->date2);
  date_text(c, sizeof c, first);
  date_text(d, sizeof d, last);
  return tertial__error(TERTIAL_ERR_STATE, "%s:%zu: #RAR %d is %s to %s but the model's fiscal year is %s to %s",
                        L->file, rec->line, rec->year, a, b, c, d);
}

static int on_konto(loader *L, const tertial_sie_record *rec)
{
  uint32_t a;
  int rc = find_account(&a, L, rec->account);
  if (rc < 0)
    return rc;
  acct *acc = &L->accts[a];
  if (!acc->valid) {
    note_at at = here(L, TERTIAL_SIE_LOAD_BAD_ACCOUNT);
    return note(L, &at, "account \"%s\" is not 1 to 10 digits: not added to the chart", rec->account);
  }
  free(acc->name);
  return (acc->name = tertial__strdup(rec->text)) ? 0 : TERTIAL_ERR_NOMEM;
}

static int on_ktyp(loader *L, const tertial_sie_record *rec)
{
  uint32_t a;
  int rc = find_account(&a, L, rec->account);
  if (rc < 0)
    return rc;
  const char *t = rec->text;
  if (t[0] && strchr("TSKI", t[0]) && !t[1]) {
    L->accts[a].type = t[0];
    L->accts[a].ktyp_line = rec->line;
    return 0;
  }
  note_at at = here(L, TERTIAL_SIE_LOAD_ACCOUNT_TYPE);
  return note(L, &at, "account type \"%s\" of account %s is not T, S, K or I: the default type is used", t,
              rec->account);
}

static int on_objekt(loader *L, const tertial_sie_record *rec)
{
  L->res->summary.objects++;
  if (rec->dimension != L->opt.unit_dimension || !rec->object[0])
    return 0;
  uint32_t s;
  int rc = find_slot(&s, L, rec->object);
  if (rc < 0)
    return rc;
  free(L->slots[s].name);
  return (L->slots[s].name = tertial__strdup(rec->text)) ? 0 : TERTIAL_ERR_NOMEM;
}

/* An amount that cannot be placed: counted and noted. */
static int unplace(loader *L, tertial_sie_figures *f, int which, int bin, tertial_sie_load_problem problem,
                   const char *why)
{
  int rc = add_to(&f->unplaced, L->rec->amount, L);
  if (rc == 0 && which >= 0)
    rc = add_to(&L->unplaced[which][bin], L->rec->amount, L);
  if (rc < 0)
    return rc;
  note_at at = here(L, problem);
  at.is_problem = 1;
  char amount[32];
  format_ore(amount, sizeof amount, L->rec->amount);
  return note(L, &at, "%s %s kr on account %s not loaded: %s", L->rec->tag, amount, L->rec->account, why);
}

/* Year number and month index of a date, relative to the loaded year. */
static void date_place(int *out_year, int *out_month, const loader *L, tertial_date d)
{
  int diff = d.year * 12 + d.month - 1 - L->month0;
  int k = diff >= 0 ? diff / 12 : -((-diff + 11) / 12);
  *out_year = L->opt.year + k;
  *out_month = diff - 12 * k;
}

/* Count an amount of a year that is not loaded, for one note per label and year (apply). */
static int other_year_amount(loader *L, tertial_sie_figures *f, int year)
{
  const tertial_sie_record *rec = L->rec;
  int rc = add_to(&f->unplaced, rec->amount, L);
  other_year *o = NULL;
  for (size_t i = 0; rc == 0 && !o && i < L->nothers; i++)
    if (L->others[i].label == rec->label && L->others[i].year == year)
      o = &L->others[i];
  if (rc == 0 && !o) {
    if (tertial__grow((void **)&L->others, &L->others_cap, L->nothers + 1, sizeof *L->others) < 0)
      return TERTIAL_ERR_NOMEM;
    o = &L->others[L->nothers++];
    memset(o, 0, sizeof *o);
    o->label = rec->label;
    o->year = year;
    o->first_line = rec->line;
  }
  if (rc == 0)
    rc = add_to(&o->sum, rec->amount, L);
  if (rc == 0)
    o->records++;
  return rc;
}

/* #PSALDO and #PBUDGET. Where the year number and the period disagree strict mode refuses the
 * record. Lenient: for a year number without #RAR (a #PSALDO 5) the period decides, with a
 * note; for one whose #RAR the period lies outside the record is not placed (noted, unplaced):
 * files repeat year 0's records under year -1 with the same periods (SIE-Gruppen's
 * "övningsbolag" has 624 such #PBUDGET -1), which placing by period would count twice. */
static int on_period(loader *L, const tertial_sie_record *rec, tertial_sie_figures *f)
{
  int budget = rec->label == TERTIAL_SIE_PBUDGET, year = rec->year, month, rc;
  tertial_date first_day = {rec->period / 100, rec->period % 100, 1};
  date_place(&year, &month, L, first_day);
  if (year < -999 || year > 999)
    year = rec->year; /* no year number of the file: the record's own is kept */
  int outside = 0; /* the period lies outside the #RAR of the record's year number */
  if (year != rec->year) {
    if (L->opt.reader.mode == TERTIAL_SIE_STRICT)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: %s of year %d has period %06d, which lies in year %d",
                            L->file, rec->line, rec->tag, rec->year, rec->period, year);
    outside = rec->year >= -999 && rec->year <= 999 && L->rar_seen[rec->year + YEAR_BIAS];
  }
  if (outside) {
    year = rec->year;
  } else if (year != rec->year) {
    note_at at = here(L, TERTIAL_SIE_LOAD_YEAR_MISMATCH);
    at.year = year;
    at.is_problem = 1;
    char amount[32];
    format_ore(amount, sizeof amount, rec->amount);
    if ((rc = note(L, &at, "%s %s kr on account %s: year %d but period %06d lies in year %d: placed by its period",
                   rec->tag, amount, rec->account, rec->year, rec->period, year)) < 0)
      return rc;
  } else if (L->opt.reader.mode == TERTIAL_SIE_STRICT && L->any_rar && !L->rar_seen[year + YEAR_BIAS]) {
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: %s of year %d, which the file has no #RAR for", L->file,
                          rec->line, rec->tag, rec->year);
  }
  int bin = year_bin(L, year);
  if ((rc = count_amount(L, f, bin)) < 0)
    return rc;
  int loaded = budget ? bin == Y_CUR : bin != Y_OTHER;
  if (loaded && !budget)
    L->has_source[bin][1] = 1;
  uint32_t a;
  if ((rc = find_account(&a, L, rec->account)) < 0)
    return rc;
  if (!L->accts[a].valid)
    return loaded ? unplace(L, f, budget ? -1 : 0, bin, TERTIAL_SIE_LOAD_BAD_ACCOUNT, "not an account number of 1 to 10 digits")
                  : other_year_amount(L, f, year);
  uint32_t s = 0;
  if (rec->object_count && (rc = unit_slot(&s, L, rec)) < 0)
    return rc;
  pcell *pc = NULL;
  if ((rc = find_pcell(&pc, L, budget, year, rec->period, a)) < 0)
    return rc;
  if (!rec->object_count) {
    pc->has_total = 1;
    rc = add_to(&pc->total, rec->amount, L);
  } else {
    rc = add_to(s ? &pc->unit : &pc->other, rec->amount, L);
  }
  if (rc < 0)
    return rc;
  if (!loaded)
    return other_year_amount(L, f, year);
  if (outside) {
    char why[96];
    snprintf(why, sizeof why, "period %06d is outside year %d of the file", rec->period, rec->year);
    return unplace(L, f, budget ? -1 : 0, bin, TERTIAL_SIE_LOAD_OUTSIDE_YEAR, why);
  }
  pc->kind = budget ? K_BUD : bin == Y_CUR ? K_PS_CUR : K_PS_PRI;
  pc->month = month;
  L->months_of[pc->kind] |= 1u << month;
  if (budget)
    L->budget_placed = 1;
  if (!s) /* without objects, or with other dimensions only: resolved when applying */
    return 0;
  cell *c;
  if ((rc = find_cell(&c, L, s, a, pc->kind)) < 0 || (rc = add_to(&c->m[month], rec->amount, L)) < 0)
    return rc;
  count_abs(L, rec->amount);
  return 0;
}

/* #TRANS, #RTRANS, #BTRANS. */
static int on_trans(loader *L, const tertial_sie_record *rec, tertial_sie_figures *f)
{
  int year = 0, month = 0, bin = Y_OTHER, rc;
  if (rec->has_date) {
    date_place(&year, &month, L, rec->date);
    bin = year_bin(L, year);
  }
  if ((rc = count_amount(L, f, bin)) < 0 || rec->label == TERTIAL_SIE_BTRANS)
    return rc;
  if (rec->duplicate)
    return bin == Y_OTHER ? 0 : add_to(&L->duplicates[bin], rec->amount, L);
  int which = rec->label == TERTIAL_SIE_RTRANS ? 2 : 1;
  if (bin != Y_OTHER)
    L->has_source[bin][0] = 1;
  uint32_t a;
  if ((rc = find_account(&a, L, rec->account)) < 0)
    return rc;
  if (!L->accts[a].valid && bin != Y_OTHER)
    return unplace(L, f, which, bin, TERTIAL_SIE_LOAD_BAD_ACCOUNT, "not an account number of 1 to 10 digits");
  if (L->accts[a].valid && bin != Y_OTHER) {
    if ((rc = add_to(&L->accts[a].trans[bin], rec->amount, L)) < 0)
      return rc;
    L->accts[a].has_trans[bin] = 1;
  } else if (L->accts[a].valid && rec->has_date && year >= -999 && year <= 999) {
    recon *c;
    if ((rc = find_recon(&c, L, year, a)) < 0 || (rc = add_to(&c->trans, rec->amount, L)) < 0)
      return rc;
    c->present |= TERTIAL_SIE_HAS_TRANS;
    L->year_has[year + YEAR_BIAS] |= TERTIAL_SIE_HAS_TRANS;
  }
  if (bin == Y_OTHER) {
    if ((rc = add_to(&f->unplaced, rec->amount, L)) < 0)
      return rc;
    note_at at = here(L, TERTIAL_SIE_LOAD_OUTSIDE_YEAR);
    at.year = year;
    at.is_problem = 1;
    char amount[32], when[40] = "";
    format_ore(amount, sizeof amount, rec->amount);
    if (rec->has_date)
      date_text(when, sizeof when, rec->date);
    return note(L, &at, "%s %s kr on account %s %s%s: outside the loaded year and the year before, not loaded",
                rec->tag, amount, rec->account, rec->has_date ? "dated " : "has no date", when);
  }
  L->months_of[bin == Y_CUR ? K_TR_CUR : K_TR_PRI] |= 1u << month;
  const char *code = NULL;
  if (rec->object_count && (rc = unit_code(&code, L, rec)) < 0)
    return rc;
  return add_later(L, code, a, bin == Y_CUR ? K_TR_CUR : K_TR_PRI, month, which - 1, bin);
}

/* #IB, #UB, #RES, #OIB, #OUB: yearly figures, counted and reconciled. */
static int on_yearly(loader *L, const tertial_sie_record *rec, tertial_sie_figures *f)
{
  int rc = count_amount(L, f, year_bin(L, rec->year));
  if (rc < 0 || rec->label == TERTIAL_SIE_OIB || rec->label == TERTIAL_SIE_OUB)
    return rc;
  uint32_t a;
  if ((rc = find_account(&a, L, rec->account)) < 0 || !L->accts[a].valid)
    return rc;
  recon *c;
  if ((rc = find_recon(&c, L, rec->year, a)) < 0)
    return rc;
  L->year_has[rec->year + YEAR_BIAS] |= TERTIAL_SIE_HAS_YEARLY;
  c->present |= TERTIAL_SIE_HAS_YEARLY;
  if (rec->label == TERTIAL_SIE_RES) {
    c->has_res = 1;
    return add_to(&c->res, rec->amount, L);
  }
  c->has_balance = 1;
  return add_to(rec->label == TERTIAL_SIE_IB ? &c->ib : &c->ub, rec->amount, L);
}

static int on_record_(loader *L, const tertial_sie_record *rec);

/* A record; the pending #TRANS amounts are added first when the record may make units or
 * cells, and before an error is returned (an earlier line's error is the one to report). */
static int on_record(loader *L, const tertial_sie_record *rec)
{
  int rc = 0, l = rec->label;
  if (L->nbatch && l != TERTIAL_SIE_TRANS && l != TERTIAL_SIE_RTRANS && l != TERTIAL_SIE_BTRANS && l != TERTIAL_SIE_VER)
    rc = flush_batch(L); /* the record may make units or cells */
  if (rc == 0)
    rc = on_record_(L, rec);
  if (rc < 0 && L->nbatch) {
    int first = flush_batch(L);
    if (first < 0)
      return first;
  }
  return rc;
}

static int on_record_(loader *L, const tertial_sie_record *rec)
{
  tertial_sie_summary *s = &L->res->summary;
  tertial_sie_figures *f = (unsigned)rec->label < MAX_LABELS ? &L->res->figures[rec->label] : NULL;
  L->rec = rec;
  if (f)
    f->records++;
  switch (rec->label) {
  case TERTIAL_SIE_RAR: return on_rar(L, rec);
  case TERTIAL_SIE_KONTO: return on_konto(L, rec);
  case TERTIAL_SIE_KTYP: return on_ktyp(L, rec);
  case TERTIAL_SIE_DIM: s->dimensions++; return 0;
  case TERTIAL_SIE_OBJEKT: return on_objekt(L, rec);
  case TERTIAL_SIE_PSALDO:
  case TERTIAL_SIE_PBUDGET: return rec->has_amount ? on_period(L, rec, f) : 0;
  case TERTIAL_SIE_TRANS:
  case TERTIAL_SIE_RTRANS:
  case TERTIAL_SIE_BTRANS: return rec->has_amount ? on_trans(L, rec, f) : 0;
  case TERTIAL_SIE_IB:
  case TERTIAL_SIE_UB:
  case TERTIAL_SIE_RES:
  case TERTIAL_SIE_OIB:
  case TERTIAL_SIE_OUB: return rec->has_amount ? on_yearly(L, rec, f) : 0;
  case TERTIAL_SIE_FNAMN: return keep_string(L, STR_COMPANY, rec->text);
  case TERTIAL_SIE_ORGNR: return keep_string(L, STR_ORGNR, rec->text);
  case TERTIAL_SIE_KPTYP: return keep_string(L, STR_CHART, rec->text);
  case TERTIAL_SIE_VALUTA: return keep_string(L, STR_CURRENCY, rec->text);
  case TERTIAL_SIE_PROGRAM: {
    int rc = keep_string(L, STR_PROGRAM, rec->text);
    return rc < 0 ? rc : keep_string(L, STR_VERSION, rec->text2);
  }
  case TERTIAL_SIE_GEN:
    if (rec->has_date && !s->generated.year)
      s->generated = rec->date;
    return 0;
  default: return 0;
  }
}

/* ---------------------------------------------------------------------------------- */
/* The hierarchy text                                                                  */
/* ---------------------------------------------------------------------------------- */

/* A text that must be UTF-8 (the hierarchy). Valid: *out is NULL. Otherwise, with a lenient
 * loader, *out is a copy with each bad byte replaced by U+FFFD and a note per line; without
 * one (or in strict mode) the first bad line is an error. */
static int utf8_checked(char **out, loader *L, const char *text, const char *source)
{
  const unsigned char *p = (const unsigned char *)text;
  size_t n = strlen(text), line = 1, noted = 0;
  int lenient = L && L->opt.reader.mode == TERTIAL_SIE_LENIENT;
  tertial_strbuf sb = {0};
  int rc = 0, bad = 0;
  *out = NULL;
  for (size_t i = 0; rc == 0 && i < n;) {
    size_t len = p[i] < 0x80 ? 1 : tertial__sie_utf8_len(p + i, n - i);
    if (len) {
      if (bad)
        rc = tertial__sb_append_len(&sb, text + i, len);
      line += p[i] == '\n';
      i += len;
      continue;
    }
    if (!lenient)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: bytes that are not UTF-8 (0x%02X)", source, line, p[i]);
    if (!bad && (rc = tertial__sb_append_len(&sb, text, i)) < 0)
      break;
    bad = 1;
    rc = tertial__sb_append(&sb, "\xEF\xBF\xBD");
    if (rc == 0 && noted != line) {
      noted = line;
      note_at at = {TERTIAL_SIE_LOAD_BAD_TEXT, TERTIAL_SIE_UNKNOWN, line, 0, 0, -1, empty, empty, 0, 1};
      const char *file = L->file;
      L->file = source; /* the note is about the hierarchy text, not the SIE file */
      rc = note(L, &at, "bytes that are not UTF-8 (0x%02X) -> replaced by U+FFFD", p[i]);
      L->file = file;
    }
    i++;
  }
  if (rc == 0 && bad && !(*out = tertial__sb_steal(&sb)))
    rc = TERTIAL_ERR_NOMEM;
  tertial__sb_clear(&sb);
  return rc;
}

typedef struct hline {
  char *code, *parent, *name, *level;
  size_t line;
  int skip;                 /* the organisation has the unit already */
  int level_index;          /* resolved */
} hline;

typedef struct hplan {
  hline *lines;             /* in the order to add */
  size_t n, cap;
  tertial_strmap codes;     /* the codes of the lines (keys borrowed from them) */
} hplan;

static void hplan_free(hplan *p)
{
  for (size_t i = 0; i < p->n; i++) {
    free(p->lines[i].code);
    free(p->lines[i].parent);
    free(p->lines[i].name);
    free(p->lines[i].level);
  }
  free(p->lines);
  tertial__strmap_free(&p->codes);
  memset(p, 0, sizeof *p);
}

static int is_blank(char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

static char *trimmed(const char *p, size_t n)
{
  while (n && is_blank(*p))
    p++, n--;
  while (n && is_blank(p[n - 1]))
    n--;
  char *s = tertial__malloc(n + 1);
  if (s) {
    memcpy(s, p, n);
    s[n] = '\0';
  }
  return s;
}

/* Split one line into code;parent;name;level (the name may hold ';'). */
static int split_line(hline *h, const char *p, size_t n, const char *source, size_t line)
{
  const char *s1 = memchr(p, ';', n), *s2 = s1 ? memchr(s1 + 1, ';', n - (size_t)(s1 + 1 - p)) : NULL;
  const char *s3 = NULL;
  for (const char *q = p + n; s2 && q > s2 + 1; q--)
    if (q[-1] == ';') {
      s3 = q - 1;
      break;
    }
  memset(h, 0, sizeof *h);
  h->line = line;
  if (!s3)
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: expected code;parent;name;level", source, line);
  h->code = trimmed(p, (size_t)(s1 - p));
  h->parent = trimmed(s1 + 1, (size_t)(s2 - s1 - 1));
  h->name = trimmed(s2 + 1, (size_t)(s3 - s2 - 1));
  h->level = trimmed(s3 + 1, (size_t)(p + n - s3 - 1));
  if (!h->code || !h->parent || !h->name || !h->level)
    return TERTIAL_ERR_NOMEM;
  if (!h->code[0])
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: expected a unit code before the first ';'", source, line);
  return 0;
}

static int parse_lines(hplan *p, const char *text, const char *source)
{
  size_t line = 0;
  for (const char *s = text; *s;) {
    const char *e = strchr(s, '\n');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    line++;
    size_t i = 0;
    while (i < n && is_blank(s[i]))
      i++;
    if (i < n && s[i] != '#') {
      if (tertial__grow((void **)&p->lines, &p->cap, p->n + 1, sizeof *p->lines) < 0)
        return TERTIAL_ERR_NOMEM;
      int rc = split_line(&p->lines[p->n], s, n, source, line);
      p->n++; /* freed by hplan_free even when incomplete */
      if (rc < 0)
        return rc;
    }
    s += n + (e ? 1 : 0);
  }
  return 0;
}

static int level_of(int *out, const tertial_org *org, const hline *h, int parent_level, const char *source)
{
  int count = (int)tertial_org_level_count(org);
  if (!h->level[0]) {
    int l = parent_level + 1;
    *out = l >= count ? count - 1 : l;
    if (*out >= 0)
      return 0;
    return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: the organisation has no levels", source, h->line);
  }
  if (all_digits(h->level, 4)) {
    int l = atoi(h->level);
    if (l < count) {
      *out = l;
      return 0;
    }
  } else {
    for (int l = 0; l < count; l++)
      if (strcmp(tertial_org_level_name(org, l), h->level) == 0) {
        *out = l;
        return 0;
      }
  }
  return tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: expected a level index below %d or a level name, found \"%s\"",
                        source, h->line, count, h->level);
}

/* The period whose structure a text describes: the latest one. */
#define LATEST_PERIOD 999912

/* Parse and check a hierarchy text against an organisation; order the lines parents first.
 * Nothing is changed. */
static int hplan_make(hplan *out, const tertial_org *org, const char *text, const char *source)
{
  hplan p = {0};
  int rc = parse_lines(&p, text, source);
  tertial_strmap codes = {0}; /* code -> line index, to find parents and duplicates */
  for (size_t i = 0; rc == 0 && i < p.n; i++) {
    uint32_t j;
    if (tertial__strmap_get(&codes, p.lines[i].code, &j))
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: unit \"%s\" is already given on line %zu", source,
                          p.lines[i].line, p.lines[i].code, p.lines[j].line);
    else
      rc = tertial__strmap_put(&codes, p.lines[i].code, (uint32_t)i);
  }
  /* Units the organisation has: the same parent, or an error. */
  for (size_t i = 0; rc == 0 && i < p.n; i++) {
    hline *h = &p.lines[i];
    tertial_unit_id id, parent, want = TERTIAL_NO_UNIT;
    if (tertial_org_find(&id, org, h->code) < 0)
      continue;
    tertial_org_parent(&parent, org, id, LATEST_PERIOD);
    if (h->parent[0] && tertial_org_find(&want, org, h->parent) < 0)
      want = TERTIAL_NO_UNIT - 1; /* a parent the organisation does not have: not the same */
    if (want != parent)
      rc = tertial__error(TERTIAL_ERR_EXISTS, "%s:%zu: unit \"%s\" exists with another parent", source, h->line,
                          h->code);
    h->skip = 1;
  }
  /* Order: repeatedly take the lines whose parent is known. */
  hline *ordered = rc == 0 ? tertial__calloc(p.n ? p.n : 1, sizeof *ordered) : NULL;
  int *levels = rc == 0 ? tertial__calloc(p.n ? p.n : 1, sizeof *levels) : NULL;
  unsigned char *done = rc == 0 ? tertial__calloc(p.n ? p.n : 1, 1) : NULL;
  if (rc == 0 && (!ordered || !levels || !done))
    rc = TERTIAL_ERR_NOMEM;
  size_t nordered = 0;
  for (int progress = 1; rc == 0 && progress && nordered < p.n;) {
    progress = 0;
    for (size_t i = 0; rc == 0 && i < p.n; i++) {
      hline *h = &p.lines[i];
      if (done[i])
        continue;
      tertial_unit_id pid;
      uint32_t j;
      int parent_level = -1;
      if (h->skip) {
        tertial_org_find(&pid, org, h->code);
        levels[i] = tertial_org_unit(org, pid)->level;
      } else {
        if (!h->parent[0])
          parent_level = -1;
        else if (tertial__strmap_get(&codes, h->parent, &j) && !p.lines[j].skip) {
          if (!done[j])
            continue;
          parent_level = levels[j];
        } else if (tertial_org_find(&pid, org, h->parent) == 0) {
          parent_level = tertial_org_unit(org, pid)->level;
        } else {
          rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: parent \"%s\" is no unit of the organisation or the text",
                              source, h->line, h->parent);
          break;
        }
        rc = level_of(&levels[i], org, h, parent_level, source);
      }
      done[i] = 1;
      progress = 1;
      h->level_index = levels[i];
      ordered[nordered++] = *h;
    }
  }
  if (rc == 0 && nordered < p.n) {
    for (size_t i = 0; i < p.n; i++)
      if (!done[i]) {
        rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%zu: unit \"%s\" is part of a cycle of parents", source,
                            p.lines[i].line, p.lines[i].code);
        break;
      }
  }
  free(levels);
  free(done);
  if (rc < 0) {
    tertial__strmap_free(&codes);
    free(ordered);
    hplan_free(&p);
    return rc;
  }
  free(p.lines); /* the strings moved to `ordered` */
  out->lines = ordered;
  out->n = out->cap = p.n;
  out->codes = codes;
  return 0;
}

/* Add the planned units. `name_of` gives a name for an empty one (may be NULL). */
static int hplan_apply(size_t *added, tertial_org *org, const hplan *p, const loader *L)
{
  for (size_t i = 0; i < p->n; i++) {
    const hline *h = &p->lines[i];
    if (h->skip)
      continue;
    tertial_unit_id parent = TERTIAL_NO_UNIT;
    if (h->parent[0] && tertial_org_find(&parent, org, h->parent) < 0)
      return TERTIAL_ERR_STATE; /* checked by hplan_make */
    const char *name = h->name;
    uint32_t s;
    if (!name[0] && L && tertial__strmap_get(&L->slot_index, h->code, &s) && L->slots[s].name)
      name = L->slots[s].name;
    int rc = tertial_org_add_unit(NULL, org, h->code, name[0] ? name : h->code, parent, h->level_index, NULL);
    if (rc < 0)
      return rc;
    if (added)
      (*added)++;
  }
  return 0;
}

int tertial_sie_hierarchy_parse(tertial_org *org, const char *text, const char *source)
{
  if (!org || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_hierarchy_parse: %s is NULL", org ? "text" : "org");
  hplan p;
  char *fixed = NULL; /* stays NULL: without a loader a bad byte is an error */
  int rc = utf8_checked(&fixed, NULL, text, source ? source : "hierarchy");
  if (rc < 0)
    return rc;
  rc = hplan_make(&p, org, text, source ? source : "hierarchy");
  if (rc < 0)
    return rc;
  rc = hplan_apply(NULL, org, &p, NULL);
  hplan_free(&p);
  return rc;
}

static int has_break(const char *s)
{
  return strchr(s, '\n') || strchr(s, '\r');
}

int tertial_sie_hierarchy_format(char **out, const tertial_org *org, int period)
{
  if (!out || !org)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_hierarchy_format: NULL argument");
  *out = NULL;
  tertial_org_iter *it;
  int rc = tertial_org_iter_new(&it, org, TERTIAL_NO_UNIT, period);
  if (rc < 0)
    return rc;
  tertial_strbuf sb = {0};
  rc = tertial__sb_append(&sb, "# code;parent;name;level\n");
  tertial_unit_id id;
  while (rc == 0 && tertial_org_iter_next(it, &id, NULL) == 1) {
    const tertial_unit *u = tertial_org_unit(org, id);
    tertial_unit_id parent;
    tertial_org_parent(&parent, org, id, period);
    const char *pcode = parent == TERTIAL_NO_UNIT ? "" : tertial_org_unit(org, parent)->code;
    if (strchr(u->code, ';') || has_break(u->code) || has_break(u->name)) {
      rc = tertial__error(TERTIAL_ERR_STATE, "tertial_sie_hierarchy_format: unit \"%s\" has a code with ';' or a "
                                             "line break in its code or name", u->code);
      break;
    }
    rc = tertial__sb_printf(&sb, "%s;%s;%s;%d\n", u->code, pcode, u->name, u->level);
  }
  tertial_org_iter_free(it);
  if (rc == 0 && !(*out = tertial__sb_steal(&sb)))
    rc = TERTIAL_ERR_NOMEM;
  tertial__sb_clear(&sb);
  return rc;
}

/* ---------------------------------------------------------------------------------- */
/* Applying                                                                            */
/* ---------------------------------------------------------------------------------- */

static tertial_sie_label source_label(int source)
{
  return source == TERTIAL_SIE_SOURCE_TRANS ? TERTIAL_SIE_TRANS : TERTIAL_SIE_PSALDO;
}

/* One source per year: the preferred one if the year has records of it, else the other. */
static int choose_sources(loader *L)
{
  int pref = L->opt.outcome_source;
  if (pref == TERTIAL_SIE_SOURCE_AUTO)
    pref = L->res->summary.reader.sie_type == 4 ? TERTIAL_SIE_SOURCE_TRANS : TERTIAL_SIE_SOURCE_PSALDO;
  int other = pref == TERTIAL_SIE_SOURCE_TRANS ? TERTIAL_SIE_SOURCE_PSALDO : TERTIAL_SIE_SOURCE_TRANS;
  tertial_sie_figures *fig = L->res->figures;
  for (int bin = 0; bin < 2; bin++) {
    int has_pref = L->has_source[bin][pref == TERTIAL_SIE_SOURCE_PSALDO];
    int has_other = L->has_source[bin][other == TERTIAL_SIE_SOURCE_PSALDO];
    L->chosen[bin] = has_pref ? pref : has_other ? other : TERTIAL_SIE_SOURCE_AUTO;
    if (!(has_pref && has_other))
      continue;
    /* the other source's amounts of this year are not loaded */
    int64_t total = 0;
    const tertial_sie_label labels[2] = {TERTIAL_SIE_TRANS, TERTIAL_SIE_RTRANS};
    int n = other == TERTIAL_SIE_SOURCE_TRANS ? 2 : 1;
    for (int k = 0; k < n; k++) {
      tertial_sie_label lab = other == TERTIAL_SIE_SOURCE_TRANS ? labels[k] : TERTIAL_SIE_PSALDO;
      int which = lab == TERTIAL_SIE_PSALDO ? 0 : lab == TERTIAL_SIE_TRANS ? 1 : 2;
      tertial_sie_figures *f = &fig[lab];
      int64_t v;
      int rc = difference(&v, bin == Y_CUR ? f->current : f->prior, L->unplaced[which][bin], L);
      if (rc == 0)
        rc = add_to(&f->not_chosen, v, L);
      if (rc == 0)
        rc = add_to(&total, v, L);
      if (rc < 0)
        return rc;
    }
    char amount[32];
    format_ore(amount, sizeof amount, total);
    note_at at = {TERTIAL_SIE_LOAD_NOT_CHOSEN, source_label(other), 0, L->opt.year - bin, 0,
                  bin == Y_CUR ? TERTIAL_MEASURE_OUTCOME : TERTIAL_MEASURE_PRIOR, empty, empty, total, 0};
    int rc = note(L, &at, "%s of year %d (%s in all) not loaded: the %s comes from %s", tertial_sie_label_name(at.label),
                  at.year, amount, measure_word(bin == Y_CUR ? M_OUT : M_PRI),
                  tertial_sie_label_name(source_label(pref)));
    if (rc < 0)
      return rc;
  }
  return 0;
}

static int kind_chosen(const loader *L, int kind)
{
  switch (kind) {
  case K_PS_CUR: return L->chosen[Y_CUR] == TERTIAL_SIE_SOURCE_PSALDO;
  case K_PS_PRI: return L->chosen[Y_PRI] == TERTIAL_SIE_SOURCE_PSALDO;
  case K_TR_CUR: return L->chosen[Y_CUR] == TERTIAL_SIE_SOURCE_TRANS;
  case K_TR_PRI: return L->chosen[Y_PRI] == TERTIAL_SIE_SOURCE_TRANS;
  default: return 1;
  }
}

/* The account total of a #PSALDO/#PBUDGET month under the object rule, and the part of it
 * that goes to the catch-all unit. */
static int64_t pcell_total(const loader *L, const pcell *c, int64_t *catch_all, int64_t *covered)
{
  if (L->opt.object_rows == TERTIAL_SIE_ROWS_PARTITION) {
    *catch_all = c->total + c->other;
    *covered = 0;
    return c->total + c->unit + c->other;
  }
  if (c->has_total) {
    *catch_all = c->total - c->unit;
    *covered = c->unit + c->other;
    return c->total;
  }
  *catch_all = c->other;
  *covered = 0;
  return c->unit + c->other;
}

/* Check a pcell's derived sums without overflow (the parts were checked, not their sums). */
static int pcell_sums_fit(const loader *L, const pcell *c)
{
  int64_t t;
  if (tertial__add_ovf(c->total, c->unit, &t) || tertial__add_ovf(t, c->other, &t) ||
      tertial__add_ovf(c->unit, c->other, &t) || tertial__add_ovf(c->total, c->other, &t) ||
      __builtin_sub_overflow(c->total, c->unit, &t))
    return tertial__error(TERTIAL_ERR_OVERFLOW, "%s: the #%s amounts of account %s in period %06d do not fit in int64 öre",
                          L->file, c->budget ? "PBUDGET" : "PSALDO", L->accts[c->account].number, c->period);
  return 0;
}

/* Resolve the #PSALDO/#PBUDGET months: catch-all parts become cells of slot 0; covered
 * amounts are counted. */
static int resolve_pcells(loader *L)
{
  tertial_sie_figures *fig = L->res->figures;
  L->rec = NULL;
  for (size_t i = 0; i < L->npcells; i++) {
    const pcell *c = &L->pcells[i];
    int rc = pcell_sums_fit(L, c);
    if (rc < 0)
      return rc;
    if (c->kind < 0 || !kind_chosen(L, c->kind))
      continue;
    int64_t catch_all, covered;
    pcell_total(L, c, &catch_all, &covered);
    rc = add_to(&fig[c->budget ? TERTIAL_SIE_PBUDGET : TERTIAL_SIE_PSALDO].covered, covered, L);
    if (rc < 0)
      return rc;
    if (!catch_all)
      continue;
    cell *cc;
    if ((rc = find_cell(&cc, L, 0, c->account, c->kind)) < 0 || (rc = add_to(&cc->m[c->month], catch_all, L)) < 0)
      return rc;
    count_abs(L, catch_all);
  }
  return 0;
}

static int code_in_plan(const hplan *p, const char *code)
{
  uint32_t i;
  return tertial__strmap_get(&p->codes, code, &i);
}

static int cell_nonzero(const cell *c)
{
  for (int m = 0; m < MONTHS; m++)
    if (c->m[m])
      return 1;
  return 0;
}

/* Decide what every slot becomes; returns whether the catch-all unit is needed. */
static int plan_slots(int *out_needed, loader *L, const hplan *hp, const char *catch_code)
{
  tertial_org *org = tertial_model_org(L->model);
  tertial_sie_summary *s = &L->res->summary;
  int needed = 0;
  L->slots[0].state = S_CATCH_ALL;
  for (size_t i = 1; i < L->nslots; i++) {
    slot *sl = &L->slots[i];
    if (strcmp(sl->code, catch_code) == 0) {
      sl->state = S_CATCH_ALL;
      needed = 1;
    } else if (tertial_org_find(&sl->unit, org, sl->code) == 0) {
      sl->state = S_MATCHED;
      s->units_matched++;
    } else if (code_in_plan(hp, sl->code)) {
      sl->state = S_HIERARCHY;
      s->units_matched++;
    } else {
      sl->state = S_UNMATCHED;
      s->objects_unmatched++;
      needed = 1;
    }
  }
  for (size_t i = 0; !needed && i < L->ncells; i++)
    needed = L->cells[i].slot == 0 && kind_chosen(L, L->cells[i].kind) && cell_nonzero(&L->cells[i]);
  *out_needed = needed;
  return 0;
}

/* The parent of a new catch-all unit: the code given, else the only root, else none. */
static int catch_all_parent(tertial_unit_id *out, tertial_org *org, const char *code, int period)
{
  *out = TERTIAL_NO_UNIT;
  if (code)
    return tertial_org_find(out, org, code);
  size_t roots = 0;
  for (tertial_unit_id u = 0; u < tertial_org_unit_count(org); u++) {
    tertial_unit_id p;
    tertial_org_parent(&p, org, u, period);
    if (p == TERTIAL_NO_UNIT && roots++ == 0)
      *out = u;
  }
  if (roots != 1)
    *out = TERTIAL_NO_UNIT;
  return 0;
}

static int level_below(const tertial_org *org, tertial_unit_id parent)
{
  int count = (int)tertial_org_level_count(org);
  int l = parent == TERTIAL_NO_UNIT ? 0 : tertial_org_unit(org, parent)->level + 1;
  return l >= count ? count - 1 : l;
}

static int measure_id(const loader *L, int m)
{
  return m == M_OUT ? TERTIAL_MEASURE_OUTCOME : m == M_PRI ? TERTIAL_MEASURE_PRIOR : L->budget_measure;
}

/* Units that exist before applying, per slot: TERTIAL_NO_UNIT for those still to be made. */
static tertial_unit_id existing_unit(const slot *sl, tertial_unit_id catch_unit)
{
  if (sl->state == S_MATCHED)
    return sl->unit;
  if (sl->state == S_CATCH_ALL)
    return catch_unit;
  return TERTIAL_NO_UNIT;
}

/* Each line of an existing unit that the cells reach, summed as booking will sum it, onto what
 * the line holds (0 in the months that are replaced). A line of a unit still to be made needs no
 * check: its amounts come from the file alone, whose sums of an account's amounts were checked
 * as it was read. */
static int check_lines(loader *L, tertial_unit_id catch_unit)
{
  tertial_chart *chart = tertial_model_chart(L->model);
  tertial_ledger *ledger = tertial_model_ledger(L->model);
  tertial_u64map index[NMEAS] = {{0}};
  int64_t(*sums)[MONTHS] = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < L->ncells; i++) {
    const cell *c = &L->cells[i];
    tertial_unit_id u = existing_unit(&L->slots[c->slot], catch_unit);
    tertial_account_id a;
    int m = measure_of_kind(c->kind);
    if (u == TERTIAL_NO_UNIT || !kind_chosen(L, c->kind) || (m == M_BUD && L->budget_measure < 0) ||
        tertial_chart_find(&a, chart, L->accts[c->account].number) < 0)
      continue;
    uint64_t key = (uint64_t)u << 32 | a;
    uint32_t k;
    if (!tertial__u64map_get(&index[m], key, &k)) {
      if (tertial__grow((void **)&sums, &cap, n + 1, sizeof *sums) < 0 ||
          tertial__u64map_put(&index[m], key, (uint32_t)n) < 0) {
        rc = TERTIAL_ERR_NOMEM;
        break;
      }
      k = (uint32_t)n++;
      for (int mo = 0; mo < MONTHS; mo++)
        if (L->replace[m] >> mo & 1)
          sums[k][mo] = 0; /* cleared before the file's amounts are added */
        else
          tertial_ledger_get(&sums[k][mo], ledger, u, a, mo, measure_id(L, m));
    }
    for (int mo = 0; rc == 0 && mo < MONTHS; mo++)
      if (tertial__add_ovf(sums[k][mo], c->m[mo], &sums[k][mo]))
        rc = tertial__error(TERTIAL_ERR_OVERFLOW, "%s: the %s of unit %s on account %s would not fit in int64 öre",
                            L->file, measure_word(m), tertial_org_unit(tertial_model_org(L->model), u)->code,
                            L->accts[c->account].number);
  }
  for (int m = 0; m < NMEAS; m++)
    tertial__u64map_free(&index[m]);
  free(sums);
  return rc;
}

/* The sum of a cell's twelve months. */
static int cell_sum(int64_t *sum, const loader *L, const cell *c)
{
  *sum = 0;
  int rc = 0;
  for (int mo = 0; rc == 0 && mo < MONTHS; mo++)
    rc = add_to(sum, c->m[mo], L);
  return rc;
}

/* Add a booked cell's sum to the totals the load keeps: the summary's (s), its label's figures
 * (fig) and its slot's (loaded). */
static int tally(const loader *L, tertial_sie_summary *s, tertial_sie_figures *fig, int64_t loaded[NMEAS],
                 const cell *c, int on_catch, int64_t sum)
{
  int m = measure_of_kind(c->kind);
  int64_t *total = m == M_OUT ? &s->outcome : m == M_PRI ? &s->prior : &s->budget;
  int64_t *catch_total = m == M_OUT ? &s->catch_all_outcome : m == M_PRI ? &s->catch_all_prior : &s->catch_all_budget;
  int rc = add_to(total, sum, L);
  if (rc == 0 && on_catch)
    rc = add_to(catch_total, sum, L);
  if (rc == 0)
    rc = add_to(&loaded[m], sum, L);
  if (rc == 0 && c->kind != K_TR_CUR && c->kind != K_TR_PRI) {
    tertial_sie_figures *f = &fig[c->kind == K_BUD ? TERTIAL_SIE_PBUDGET : TERTIAL_SIE_PSALDO];
    rc = add_to(&f->loaded, sum, L);
    if (rc == 0 && on_catch)
      rc = add_to(&f->catch_all, sum, L);
  }
  return rc;
}

static int on_catch_all(const slot *sl)
{
  return sl->state == S_CATCH_ALL || sl->state == S_UNMATCHED;
}

/* Each total the load keeps, summed as booking will sum it, on copies. */
static int check_totals(loader *L)
{
  tertial_sie_summary s = L->res->summary;
  tertial_sie_figures *fig = malloc(sizeof L->res->figures);
  int64_t(*loaded)[NMEAS] = malloc((L->nslots ? L->nslots : 1) * sizeof *loaded);
  int rc = fig && loaded ? 0 : tertial__nomem("SIE totals");
  if (rc == 0) {
    memcpy(fig, L->res->figures, sizeof L->res->figures);
    for (size_t i = 0; i < L->nslots; i++)
      memcpy(loaded[i], L->slots[i].loaded, sizeof loaded[i]);
  }
  for (size_t i = 0; rc == 0 && i < L->ncells; i++) {
    const cell *c = &L->cells[i];
    if (!kind_chosen(L, c->kind))
      continue;
    int64_t sum = 0;
    if (cell_nonzero(c))
      rc = cell_sum(&sum, L, c);
    if (rc == 0)
      rc = tally(L, &s, fig, loaded[c->slot], c, on_catch_all(&L->slots[c->slot]), sum);
  }
  free(fig);
  free(loaded);
  return rc;
}

/* Nothing may overflow when the cells are booked: checked before the model changes, so that an
 * overflow leaves it as it was, and booking (on one thread or two) can only fail for memory.
 * When the amounts the file adds into cells, in absolute value (L->abs_cells), plus the largest
 * amount the ledger holds fit in int64, no line, total or sum of months can overflow; otherwise
 * each line the cells reach and each total the load keeps is summed as booking will sum it. */
static int check_overflow(loader *L, tertial_unit_id catch_unit)
{
  uint64_t bound = tertial__ledger_abs_bound(tertial_model_ledger(L->model));
  if (bound <= (uint64_t)INT64_MAX && L->abs_cells <= (uint64_t)INT64_MAX - bound)
    return 0;
  int rc = check_lines(L, catch_unit);
  return rc < 0 ? rc : check_totals(L);
}

static int add_accounts(loader *L)
{
  tertial_chart *chart = tertial_model_chart(L->model);
  tertial_sie_summary *s = &L->res->summary;
  for (size_t i = 0; i < L->naccts; i++) {
    acct *a = &L->accts[i];
    if (!a->valid)
      continue;
    tertial_account_type type;
    tertial_account_type_guess(&type, a->number);
    switch (a->type) {
    case 'T': type = TERTIAL_ACCOUNT_ASSET; break;
    case 'S': type = TERTIAL_ACCOUNT_LIABILITY; break;
    case 'K': type = TERTIAL_ACCOUNT_COST; break;
    case 'I': type = TERTIAL_ACCOUNT_REVENUE; break;
    default: break;
    }
    if (tertial_chart_find(&a->id, chart, a->number) == 0) {
      s->accounts_existing++;
      const tertial_account *have = tertial_chart_account(chart, a->id);
      a->net = have->type == TERTIAL_ACCOUNT_REVENUE || have->type == TERTIAL_ACCOUNT_COST;
      if (a->type && have->type != type) {
        note_at at = {TERTIAL_SIE_LOAD_ACCOUNT_TYPE, TERTIAL_SIE_KTYP, a->ktyp_line, 0, 0, -1, a->number, empty, 0, 0};
        int rc = note(L, &at, "account %s has type %c in the file but another in the chart: the chart's is kept",
                      a->number, a->type);
        if (rc < 0)
          return rc;
      }
      continue;
    }
    int rc = tertial_chart_add(&a->id, chart, a->number, a->name ? a->name : "", type, 0);
    if (rc < 0)
      return rc;
    a->net = type == TERTIAL_ACCOUNT_REVENUE || type == TERTIAL_ACCOUNT_COST;
    s->accounts_added++;
  }
  return 0;
}

static int add_units(loader *L, const hplan *hp, int needed, const char *catch_code, tertial_unit_id *catch_unit)
{
  tertial_org *org = tertial_model_org(L->model);
  tertial_sie_summary *s = &L->res->summary;
  int rc = hplan_apply(&s->units_added, org, hp, L);
  for (size_t i = 0; rc == 0 && i < L->nslots; i++)
    if (L->slots[i].state == S_HIERARCHY)
      rc = tertial_org_find(&L->slots[i].unit, org, L->slots[i].code);
  if (rc < 0 || !needed)
    return rc;
  if (tertial_org_find(catch_unit, org, catch_code) < 0) {
    int period = 0;
    tertial_fiscal_year_period(&period, &L->fy, 0);
    tertial_unit_id parent;
    if ((rc = catch_all_parent(&parent, org, L->opt.catch_all_parent, period)) < 0)
      return rc;
    const char *name = L->opt.catch_all_name ? L->opt.catch_all_name : "Ej placerat (SIE)";
    if ((rc = tertial_org_add_unit(catch_unit, org, catch_code, name, parent, level_below(org, parent), NULL)) < 0)
      return rc;
    s->units_added++;
  }
  s->catch_all = *catch_unit;
  int level = level_below(org, *catch_unit);
  for (size_t i = 0; i < L->nslots; i++) {
    slot *sl = &L->slots[i];
    if (sl->state == S_CATCH_ALL) {
      sl->unit = *catch_unit;
    } else if (sl->state == S_UNMATCHED) {
      const char *name = sl->name && sl->name[0] ? sl->name : sl->code;
      if ((rc = tertial_org_add_unit(&sl->unit, org, sl->code, name, *catch_unit, level, NULL)) < 0)
        return rc;
      s->units_added++;
    }
  }
  return 0;
}

static int budget_version(loader *L, int create)
{
  tertial_ledger *ledger = tertial_model_ledger(L->model);
  const char *name = L->opt.budget_name ? L->opt.budget_name : "Budget SIE";
  L->budget_measure = -1;
  if (!L->budget_placed)
    return 0;
  int m = tertial__ledger_lookup_measure(ledger, name);
  if (m >= 0) {
    if (m < 2)
      return tertial__error(TERTIAL_ERR_EXISTS, "%s: \"%s\" is a measure of the ledger but not a budget", L->file, name);
    L->budget_measure = m;
    return 0;
  }
  if (!create)
    return 0;
  return tertial_budget_create(&L->budget_measure, L->model, name, NULL);
}

/* Booking the cells on two threads (a load of tertial__sie_fill_min cells or more): this thread
 * finds or appends each cell's ledger line (tertial__ledger_line(): the index, random places in a
 * table of tens of MB), while a second one, the filler, adds the cell's twelve months into the
 * line's values (tertial__ledger_add12_line(): new memory, which it faults in a step at a time
 * ahead of itself). The outcome is the same as booking on one thread: the filler takes the cells
 * in order, and the first error in cell order is the one returned. */
size_t tertial__sie_fill_min = 1 << 16; /* fewer cells: not worth a thread */

enum {
  FILL_PUBLISH = 1 << 10,  /* cells between two hand-overs to the filler */
  FILL_POPULATE = 1 << 12, /* new lines faulted in at a time, ahead of the filler */
};
#define NO_LINE UINT32_MAX             /* the cell books nothing */
#define FRESH_LINE (UINT32_C(1) << 31) /* the line is new: the filler clears it first */

typedef struct filler {
  const loader *L;
  tertial_ledger *ledger;
  uint32_t *line_of;        /* per cell: its line, | FRESH_LINE when new, or NO_LINE */
  size_t old_lines;         /* the lines there were before: they need no faulting in */
  pthread_mutex_t mu;       /* guards the five below */
  pthread_cond_t more;
  size_t ready;             /* cells whose line_of[] is set */
  int done;                 /* no cells come beyond `ready` */
  int waiting;              /* the filler waits for cells */
  int failed;               /* the filler stopped at an error */
  size_t filled;            /* the filler's cells, done or failed at: read after the join */
  tertial__part_error err;  /* the filler's error, at cell `filled` */
  pthread_t thread;
} filler;

static void *fill_run(void *data)
{
  filler *f = data;
  const loader *L = f->L;
  size_t i = 0, populated = f->old_lines;
  for (;;) {
    pthread_mutex_lock(&f->mu);
    while (f->ready == i && !f->done) {
      f->waiting = 1;
      pthread_cond_wait(&f->more, &f->mu);
    }
    f->waiting = 0;
    size_t ready = f->ready;
    pthread_mutex_unlock(&f->mu);
    if (ready == i)
      break; /* done */
    for (; i < ready; i++) {
      uint32_t l = f->line_of[i];
      if (l == NO_LINE)
        continue;
      size_t line = l & ~FRESH_LINE;
      if (line >= populated && populated != SIZE_MAX) /* faults in batches, not one per page */
        populated = tertial__ledger_populate(f->ledger, line, line + FILL_POPULATE) == 0 ? line + FILL_POPULATE
                                                                                         : SIZE_MAX;
      const cell *c = &L->cells[i];
      int rc = tertial__ledger_add12_line(f->ledger, line, (l & FRESH_LINE) != 0,
                                          measure_id(L, measure_of_kind(c->kind)), c->m);
      if (rc < 0) {
        tertial__part_error_keep(&f->err, rc);
        f->filled = i;
        pthread_mutex_lock(&f->mu);
        f->failed = 1;
        pthread_mutex_unlock(&f->mu);
        return NULL;
      }
    }
  }
  f->filled = i;
  return NULL;
}

/* Start the filler; 0 if it cannot be (the cells are then booked on this thread). */
static int fill_start(filler *f, const loader *L, tertial_ledger *ledger)
{
  memset(f, 0, sizeof *f);
  f->L = L;
  f->ledger = ledger;
  f->old_lines = tertial__ledger_own_count(ledger); /* here: the count changes once booking starts */
  if (!(f->line_of = malloc(L->ncells * sizeof *f->line_of)))
    return 0;
  if (pthread_mutex_init(&f->mu, NULL) != 0)
    goto no_mutex;
  if (pthread_cond_init(&f->more, NULL) != 0)
    goto no_cond;
  if (pthread_create(&f->thread, NULL, fill_run, f) == 0)
    return 1;
  pthread_cond_destroy(&f->more);
no_cond:
  pthread_mutex_destroy(&f->mu);
no_mutex:
  free(f->line_of);
  return 0;
}

/* Hand the cells below n to the filler (done: no more come); 1 if it has stopped at an error
 * (book no further). */
static int fill_publish(filler *f, size_t n, int done)
{
  pthread_mutex_lock(&f->mu);
  f->ready = n;
  f->done = done;
  if (f->waiting)
    pthread_cond_signal(&f->more);
  int failed = f->failed;
  pthread_mutex_unlock(&f->mu);
  return failed;
}

/* The cells below n are this thread's: wait for the filler to take them. rc is this thread's
 * result, an error at cell n - 1 or 0. The first error in cell order is returned: the filler's
 * when it has one, for only cells below n reach it, and at cell n - 1 itself the ledger line
 * comes before the totals. A line made for a cell the filler did not reach, after its error,
 * is cleared: nothing reads values that were never written. */
static int fill_finish(filler *f, size_t n, int rc)
{
  fill_publish(f, n, 1);
  pthread_join(f->thread, NULL);
  pthread_cond_destroy(&f->more);
  pthread_mutex_destroy(&f->mu);
  if (f->failed) {
    static const int64_t zero[MONTHS];
    for (size_t i = f->filled + 1; i < n; i++)
      if (f->line_of[i] != NO_LINE && f->line_of[i] & FRESH_LINE)
        tertial__ledger_add12_line(f->ledger, f->line_of[i] & ~FRESH_LINE, 1, TERTIAL_MEASURE_OUTCOME, zero);
    rc = tertial__part_error_raise(&f->err);
  }
  free(f->line_of);
  return rc;
}

static int book_cells_loop(loader *L, filler *f, size_t *stopped, uint64_t booked[NMEAS]);

/* Book the cells into the ledger. booked[m]: the net result (revenue and cost accounts) of what
 * was booked on measure m in the months it replaces, wrapping; with those months cleared before,
 * it is the net result of those months after the load, as net_replaced() would read it back. */
static int book_cells(loader *L, int64_t booked[NMEAS])
{
  tertial_ledger *ledger = tertial_model_ledger(L->model);
  int reserved = tertial__ledger_reserve(ledger, L->ncells); /* at most a line a cell */
  if (reserved < 0)
    return reserved;
  filler fill;
  int threaded = L->ncells >= tertial__sie_fill_min && fill_start(&fill, L, ledger);
  uint64_t net[NMEAS] = {0, 0, 0};
  size_t stopped = 0;
  int rc = book_cells_loop(L, threaded ? &fill : NULL, &stopped, net);
  if (threaded)
    rc = fill_finish(&fill, stopped, rc);
  tertial__ledger_touched(ledger);
  for (int m = 0; m < NMEAS; m++)
    booked[m] = (int64_t)net[m];
  return rc;
}

/* Book the cells, from the first, with the filler f or without (NULL); *stopped: the cells this
 * thread has dealt with (one past the cell of its error). */
static int book_cells_loop(loader *L, filler *f, size_t *stopped, uint64_t booked[NMEAS])
{
  tertial_ledger *ledger = tertial_model_ledger(L->model);
  enum { AHEAD = 8 }; /* cells whose ledger line is fetched ahead: new lines are random places of its index */
  size_t i = 0;
  int rc = 0;
  for (; i < L->ncells; i++) {
    if (f && i % FILL_PUBLISH == 0 && i && fill_publish(f, i, 0))
      break; /* the filler has stopped at an error */
    if (f)
      f->line_of[i] = NO_LINE;
    if (i + AHEAD < L->ncells) {
      const cell *a = &L->cells[i + AHEAD];
      tertial__ledger_prefetch(ledger, L->slots[a->slot].unit, L->accts[a->account].id);
    }
    const cell *c = &L->cells[i];
    if (!kind_chosen(L, c->kind))
      continue;
    int m = measure_of_kind(c->kind);
    slot *sl = &L->slots[c->slot];
    int64_t sum = 0;
    if (cell_nonzero(c)) {
      if (sl->unit == TERTIAL_NO_UNIT) {
        rc = tertial__error(TERTIAL_ERR_STATE, "%s: internal error: amounts for object \"%s\" without a unit", L->file,
                            sl->code);
        break;
      }
      rc = cell_sum(&sum, L, c);
      tertial_account_id account = L->accts[c->account].id;
      if (rc == 0 && f) { /* the line here, its values on the filler's thread */
        size_t line;
        int fresh;
        rc = tertial__ledger_line(&line, &fresh, ledger, sl->unit, account);
        if (rc == 0)
          f->line_of[i] = (uint32_t)line | (fresh ? FRESH_LINE : 0);
      } else if (rc == 0) { /* a line for each (unit, account) with an amount, all twelve months at once */
        rc = tertial__ledger_add12(ledger, sl->unit, account, measure_id(L, m), c->m);
      }
      if (rc < 0)
        break;
      if (L->accts[c->account].net && L->replace[m])
        for (int mo = 0; mo < MONTHS; mo++)
          if (L->replace[m] >> mo & 1)
            booked[m] += (uint64_t)c->m[mo];
    }
    sl->booked[m] |= (unsigned char)cell_nonzero(c);
    if ((rc = tally(L, &L->res->summary, L->res->figures, sl->loaded, c, on_catch_all(sl), sum)) < 0)
      break;
  }
  *stopped = rc < 0 ? i + 1 : i;
  return rc;
}

/* #TRANS and #RTRANS: loaded, covered and catch-all from the per-year sums. */
static int trans_figures(loader *L)
{
  for (int which = 1; which <= 2; which++) {
    tertial_sie_figures *f = &L->res->figures[which == 1 ? TERTIAL_SIE_TRANS : TERTIAL_SIE_RTRANS];
    for (int bin = 0; bin < 2; bin++) {
      if (L->chosen[bin] != TERTIAL_SIE_SOURCE_TRANS)
        continue;
      int64_t year = bin == Y_CUR ? f->current : f->prior, dup = which == 1 ? L->duplicates[bin] : 0, v;
      int rc = add_to(&f->covered, dup, L);
      if (rc == 0)
        rc = difference(&v, year, dup, L);
      if (rc == 0)
        rc = difference(&v, v, L->unplaced[which][bin], L);
      if (rc == 0)
        rc = add_to(&f->loaded, v, L);
      for (size_t i = 0; rc == 0 && i < L->nslots; i++)
        if (on_catch_all(&L->slots[i]))
          rc = add_to(&f->catch_all, L->slots[i].trans[which - 1][bin], L);
      if (rc < 0)
        return rc;
    }
  }
  return 0;
}

static tertial_sie_label label_of_measure(const loader *L, int m)
{
  if (m == M_BUD)
    return TERTIAL_SIE_PBUDGET;
  int c = L->chosen[m == M_OUT ? Y_CUR : Y_PRI];
  return c == TERTIAL_SIE_SOURCE_TRANS ? TERTIAL_SIE_TRANS : TERTIAL_SIE_PSALDO;
}

/* Notes on what the catch-all unit received: per object under it, and on itself. */
static int catch_all_notes(loader *L, const char *catch_code)
{
  for (size_t i = 0; i < L->nslots; i++) {
    const slot *sl = &L->slots[i];
    if (!on_catch_all(sl))
      continue;
    int any = 0;
    for (int m = 0; m < NMEAS; m++) {
      if (!sl->booked[m])
        continue;
      any = 1;
      char amount[32];
      format_ore(amount, sizeof amount, sl->loaded[m]);
      note_at at = {sl->state == S_UNMATCHED ? TERTIAL_SIE_LOAD_UNKNOWN_OBJECT : TERTIAL_SIE_LOAD_NO_OBJECT,
                    label_of_measure(L, m), 0, m == M_PRI ? L->opt.year - 1 : L->opt.year, 0, measure_id(L, m),
                    empty, i ? sl->code : empty, sl->loaded[m], 0};
      int rc = sl->state == S_UNMATCHED
                   ? note(L, &at, "object \"%s\" of dimension %d is no unit: added under %s with %s of %s", sl->code,
                          L->opt.unit_dimension, catch_code, amount, measure_word(m))
                   : note(L, &at, "%s of %s without an object of dimension %d put on unit %s", amount, measure_word(m),
                          L->opt.unit_dimension, catch_code);
      if (rc < 0)
        return rc;
    }
    if (!any && sl->state == S_UNMATCHED) {
      note_at at = {TERTIAL_SIE_LOAD_UNKNOWN_OBJECT, TERTIAL_SIE_OBJEKT, 0, 0, 0, -1, empty, sl->code, 0, 0};
      int rc = note(L, &at, "object \"%s\" of dimension %d is no unit: added under %s (no amounts)", sl->code,
                    L->opt.unit_dimension, catch_code);
      if (rc < 0)
        return rc;
    }
  }
  return 0;
}

/* The months each measure replaces: those the file has amounts of the chosen source for, less
 * those the caller asked to add to. */
static void plan_replacement(loader *L)
{
  const int kinds[2][2] = {{K_PS_CUR, K_TR_CUR}, {K_PS_PRI, K_TR_PRI}};
  const unsigned add[NMEAS] = {L->opt.add_outcome_months, L->opt.add_prior_months, L->opt.add_budget_months};
  for (int bin = 0; bin < 2; bin++) {
    int c = L->chosen[bin];
    unsigned months = c == TERTIAL_SIE_SOURCE_AUTO ? 0 : L->months_of[kinds[bin][c == TERTIAL_SIE_SOURCE_TRANS]];
    L->replace[bin == Y_CUR ? M_OUT : M_PRI] = months & ~add[bin == Y_CUR ? M_OUT : M_PRI] & TERTIAL_SIE_ALL_MONTHS;
  }
  L->replace[M_BUD] = L->months_of[K_BUD] & ~add[M_BUD] & TERTIAL_SIE_ALL_MONTHS;
}

/* The net result (revenue and cost accounts, every unit's own lines) of each measure that is
 * replaced, in the months it replaces, in one pass over the lines (0 for the others); wrapping:
 * it is only reported. */
static void net_replaced(int64_t out[NMEAS], const loader *L)
{
  const tertial_ledger *ledger = tertial_model_ledger(L->model);
  const tertial_chart *chart = tertial_model_chart(L->model);
  const uint64_t *keys = tertial__ledger_own_keys(ledger);
  tertial__own_view v; /* the lines' values read where they lie, twelve months at a time */
  tertial__ledger_own_view(ledger, &v);
  uint64_t sum[NMEAS] = {0, 0, 0};
  int measure[NMEAS], any = 0;
  for (int m = 0; m < NMEAS; m++) {
    measure[m] = L->replace[m] ? measure_id(L, m) : -1;
    any |= measure[m] >= 0;
  }
  for (size_t i = 0, n = any ? tertial__ledger_own_count(ledger) : 0; i < n; i++) {
    const tertial_account *acc = tertial_chart_account(chart, (tertial_account_id)(keys[i] & 0xffffffffu));
    if (!acc || (acc->type != TERTIAL_ACCOUNT_REVENUE && acc->type != TERTIAL_ACCOUNT_COST))
      continue;
    for (int m = 0; m < NMEAS; m++) {
      if (measure[m] < 0)
        continue;
      int64_t m12[MONTHS] = {0};
      tertial__own_add12(m12, &v, i, (size_t)measure[m]);
      for (int mo = 0; mo < MONTHS; mo++)
        if (L->replace[m] >> mo & 1)
          sum[m] += (uint64_t)m12[mo];
    }
  }
  for (int m = 0; m < NMEAS; m++)
    out[m] = (int64_t)sum[m];
}

/* Clear the months each measure replaces, on every line; the net result before is kept. */
static int clear_replaced(loader *L, int64_t before[NMEAS])
{
  tertial_ledger *ledger = tertial_model_ledger(L->model);
  net_replaced(before, L);
  for (int m = 0; m < NMEAS; m++) {
    int measure = measure_id(L, m);
    if (!L->replace[m] || measure < 0)
      continue;
    for (size_t i = 0; i < tertial__ledger_own_count(ledger); i++) {
      tertial_unit_id u;
      tertial_account_id a;
      tertial__ledger_own_key(ledger, i, &u, &a);
      for (int mo = 0; mo < MONTHS; mo++) {
        if (!(L->replace[m] >> mo & 1) || !tertial__ledger_own_value(ledger, i, measure, mo))
          continue;
        int rc = tertial_ledger_set(ledger, u, a, mo, measure, 0);
        if (rc < 0)
          return rc;
      }
    }
  }
  return 0;
}

/* What was replaced, in the summary. */
static void replaced_summary(loader *L, const int64_t before[NMEAS], const int64_t after[NMEAS])
{
  tertial_sie_summary *s = &L->res->summary;
  unsigned *months[NMEAS] = {&s->outcome_months, &s->prior_months, &s->budget_months};
  int64_t *b[NMEAS] = {&s->outcome_before, &s->prior_before, &s->budget_before};
  int64_t *a[NMEAS] = {&s->outcome_after, &s->prior_after, &s->budget_after};
  for (int m = 0; m < NMEAS; m++) {
    int measure = measure_id(L, m);
    if (!L->replace[m] || measure < 0)
      continue;
    *months[m] = L->replace[m];
    *b[m] = before[m];
    *a[m] = after[m];
  }
}

/* One note per label and year of the amounts of years that are not loaded. */
static int other_year_notes(loader *L)
{
  for (size_t i = 0; i < L->nothers; i++) {
    const other_year *o = &L->others[i];
    char amount[32];
    format_ore(amount, sizeof amount, o->sum);
    int budget_prior = o->label == TERTIAL_SIE_PBUDGET && year_bin(L, o->year) == Y_PRI;
    note_at at = {TERTIAL_SIE_LOAD_OTHER_YEAR, o->label, o->first_line, o->year, 0, -1, empty, empty, o->sum, 1};
    int rc = note(L, &at, "%s of year %d (%zu records from this line on, %s kr) not loaded: %s",
                  tertial_sie_label_name(o->label), o->year, o->records, amount,
                  budget_prior ? "a budget of the year before is not kept"
                               : "only the loaded year and the year before are loaded");
    if (rc < 0)
      return rc;
  }
  return 0;
}

static int apply(loader *L)
{
  tertial_sie_summary *s = &L->res->summary;
  const char *catch_code = L->opt.catch_all_code && L->opt.catch_all_code[0] ? L->opt.catch_all_code : "SIE";
  tertial_org *org = tertial_model_org(L->model);
  hplan hp = {0};
  int rc = 0, needed = 0;
  s->outcome_source = s->prior_source = TERTIAL_SIE_SOURCE_AUTO;
  s->catch_all = TERTIAL_NO_UNIT;
  s->budget_measure = -1;
  L->rec = NULL;
  if (!s->reader.records) {
    note_at at = {TERTIAL_SIE_LOAD_NO_FISCAL_YEAR, TERTIAL_SIE_UNKNOWN, 0, L->opt.year, 0, -1, empty, empty, 0, 1};
    rc = note(L, &at, "the file holds no SIE records: nothing loaded");
  } else if (!s->fiscal_year_line) {
    note_at at = {TERTIAL_SIE_LOAD_NO_FISCAL_YEAR, TERTIAL_SIE_RAR, 0, L->opt.year, 0, -1, empty, empty, 0, 0};
    rc = note(L, &at, "no #RAR with dates for year %d: the model's fiscal year is assumed", L->opt.year);
  }
  if (rc == 0)
    rc = other_year_notes(L);
  if (rc == 0)
    rc = choose_sources(L);
  s->outcome_source = (tertial_sie_source)L->chosen[Y_CUR];
  s->prior_source = (tertial_sie_source)L->chosen[Y_PRI];
  plan_replacement(L);
  if (rc == 0)
    rc = resolve_pcells(L);
  const char *hname = L->opt.hierarchy_name ? L->opt.hierarchy_name : "hierarchy";
  char *htext = NULL;
  if (rc == 0 && L->opt.hierarchy)
    rc = utf8_checked(&htext, L, L->opt.hierarchy, hname);
  if (rc == 0 && L->opt.hierarchy)
    rc = hplan_make(&hp, org, htext ? htext : L->opt.hierarchy, hname);
  free(htext);
  if (rc == 0 && L->opt.catch_all_parent && !code_in_plan(&hp, L->opt.catch_all_parent)) {
    tertial_unit_id p;
    if (tertial_org_find(&p, org, L->opt.catch_all_parent) < 0)
      rc = tertial__error(TERTIAL_ERR_NOT_FOUND, "%s: the catch-all unit's parent \"%s\" is no unit", L->file,
                          L->opt.catch_all_parent);
  }
  if (rc == 0)
    rc = plan_slots(&needed, L, &hp, catch_code);
  if (rc == 0)
    rc = budget_version(L, 0);
  tertial_unit_id catch_unit = TERTIAL_NO_UNIT;
  if (rc == 0 && tertial_org_find(&catch_unit, org, catch_code) < 0)
    catch_unit = TERTIAL_NO_UNIT;
  if (rc == 0)
    rc = check_overflow(L, catch_unit);
  /* From here on the model changes. */
  if (rc == 0)
    rc = add_units(L, &hp, needed, catch_code, &catch_unit);
  if (rc == 0)
    rc = add_accounts(L);
  if (rc == 0)
    rc = budget_version(L, 1);
  s->budget_measure = L->budget_measure;
  int64_t before[NMEAS] = {0, 0, 0}, after[NMEAS] = {0, 0, 0};
  if (rc == 0)
    rc = clear_replaced(L, before);
  if (rc == 0)
    rc = book_cells(L, after);
  if (rc == 0)
    replaced_summary(L, before, after);
  if (rc == 0)
    rc = trans_figures(L);
  if (rc == 0 && needed)
    rc = catch_all_notes(L, catch_code);
  hplan_free(&hp);
  return rc;
}

/* ---------------------------------------------------------------------------------- */
/* Reconciliation                                                                      */
/* ---------------------------------------------------------------------------------- */

static int compare_differences(const void *a, const void *b)
{
  const tertial_sie_difference *x = a, *y = b;
  if (x->year != y->year)
    return x->year > y->year ? -1 : 1;
  return compare_accounts(x->account, y->account);
}

static int reconcile(loader *L)
{
  tertial_sie_load *r = L->res;
  int rc = 0;
  L->rec = NULL;
  for (size_t i = 0; rc == 0 && i < L->naccts; i++) {
    for (int bin = 0; rc == 0 && bin < 2; bin++) {
      int year = L->opt.year - bin;
      recon *e;
      if (!L->accts[i].has_trans[bin] || year < -999)
        continue;
      if ((rc = find_recon(&e, L, year, (uint32_t)i)) == 0)
        rc = add_to(&e->trans, L->accts[i].trans[bin], L);
      if (rc == 0)
        e->present |= TERTIAL_SIE_HAS_TRANS;
      L->year_has[year + YEAR_BIAS] |= TERTIAL_SIE_HAS_TRANS;
    }
  }
  for (size_t i = 0; rc == 0 && i < L->npcells; i++) {
    const pcell *c = &L->pcells[i];
    if (c->budget)
      continue;
    int64_t catch_all, covered, total = pcell_total(L, c, &catch_all, &covered);
    recon *e;
    if ((rc = find_recon(&e, L, c->year, c->account)) == 0)
      rc = add_to(&e->psaldo, total, L);
    if (rc == 0)
      e->present |= TERTIAL_SIE_HAS_PSALDO;
    L->year_has[c->year + YEAR_BIAS] |= TERTIAL_SIE_HAS_PSALDO;
  }
  for (size_t i = 0; rc == 0 && i < L->nrecs; i++) {
    const recon *e = &L->recs[i];
    unsigned has = L->year_has[e->year + YEAR_BIAS];
    if (has != 3 && has != 5 && has != 6 && has != 7)
      continue;
    r->compared++;
    int64_t yearly = e->res;
    if (!e->has_res && e->has_balance && __builtin_sub_overflow(e->ub, e->ib, &yearly))
      yearly = INT64_MAX; /* a difference too large to state: it shows as a difference */
    int64_t v[3] = {e->trans, e->psaldo, yearly};
    unsigned bits[3] = {TERTIAL_SIE_HAS_TRANS, TERTIAL_SIE_HAS_PSALDO, TERTIAL_SIE_HAS_YEARLY};
    int first = -1, differs = 0;
    for (int k = 0; k < 3; k++) {
      if (!(has & bits[k]))
        continue;
      if (first < 0)
        first = k;
      else if (v[k] != v[first])
        differs = 1;
    }
    if (!differs)
      continue;
    if (tertial__grow((void **)&r->diffs, &r->diffs_cap, r->ndiffs + 1, sizeof *r->diffs) < 0)
      return TERTIAL_ERR_NOMEM;
    tertial_sie_difference *d = &r->diffs[r->ndiffs];
    if (!(d->account = tertial__strdup(L->accts[e->account].number)))
      return TERTIAL_ERR_NOMEM;
    r->ndiffs++;
    d->year = e->year;
    d->compared = has;
    d->present = e->present;
    d->trans = e->trans;
    d->psaldo = e->psaldo;
    d->yearly = yearly;
  }
  if (rc == 0 && r->ndiffs > 1)
    qsort(r->diffs, r->ndiffs, sizeof *r->diffs, compare_differences);
  return rc;
}

/* ---------------------------------------------------------------------------------- */
/* Public API                                                                          */
/* ---------------------------------------------------------------------------------- */

static void loader_free(loader *L)
{
  for (size_t i = 0; i < L->naccts; i++) {
    free(L->accts[i].number);
    free(L->accts[i].name);
  }
  for (size_t i = 0; i < L->nslots; i++) {
    free(L->slots[i].code);
    free(L->slots[i].name);
  }
  free(L->accts);
  free(L->slots);
  free(L->cells);
  free(L->pcells);
  free(L->recs);
  tertial__strmap_free(&L->acct_index);
  tertial__strmap_free(&L->slot_index);
  free(L->acct_codes.e);
  free(L->slot_codes.e);
  tertial__u64map_free(&L->cell_index);
  tertial__u64map_free(&L->pcell_index);
  tertial__u64map_free(&L->rec_index);
  free(L->others);
}

void tertial_sie_load_free(tertial_sie_load *load)
{
  if (!load)
    return;
  for (size_t i = 0; i < sizeof load->strings / sizeof load->strings[0]; i++)
    free(load->strings[i]);
  for (size_t i = 0; i < load->nnotes; i++) {
    tertial_sie_note *n = &load->notes[i];
    free((void *)(uintptr_t)n->message);
    if (n->account != empty)
      free((void *)(uintptr_t)n->account);
    if (n->object != empty)
      free((void *)(uintptr_t)n->object);
  }
  free(load->notes);
  for (size_t i = 0; i < load->ndiags; i++) {
    tertial_sie_diagnostic *d = &load->diags[i];
    free((void *)(uintptr_t)d->file);
    free((void *)(uintptr_t)d->label);
    free((void *)(uintptr_t)d->expected);
    free((void *)(uintptr_t)d->found);
    free((void *)(uintptr_t)d->message);
  }
  free(load->diags);
  for (size_t i = 0; i < load->ndiffs; i++)
    free((void *)(uintptr_t)load->diffs[i].account);
  free(load->diffs);
  free(load);
}

static int copy_diagnostics(tertial_sie_load *res, const tertial_sie_reader *r)
{
  size_t n = tertial_sie_reader_diagnostic_count(r);
  if (!n)
    return 0;
  if (!(res->diags = tertial__calloc(n, sizeof *res->diags)))
    return TERTIAL_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    const tertial_sie_diagnostic *src = tertial_sie_reader_diagnostic(r, i);
    tertial_sie_diagnostic *d = &res->diags[i];
    *d = *src;
    d->file = tertial__strdup(src->file);
    d->label = tertial__strdup(src->label);
    d->expected = tertial__strdup(src->expected);
    d->found = tertial__strdup(src->found);
    d->message = tertial__strdup(src->message);
    res->ndiags = i + 1;
    if (!d->file || !d->label || !d->expected || !d->found || !d->message)
      return TERTIAL_ERR_NOMEM;
  }
  return 0;
}

/* Warnings that mean an amount or a text may not be what the file meant: problems, as every
 * error is (see tertial_sie_summary::problems). */
static int problem_warning(tertial_sie_problem p)
{
  switch (p) {
  case TERTIAL_SIE_UNBALANCED_VOUCHER:
  case TERTIAL_SIE_BAD_BLOCK:
  case TERTIAL_SIE_BAD_ENCODING:
  case TERTIAL_SIE_BAD_DATE:
  case TERTIAL_SIE_BAD_PERIOD:
  case TERTIAL_SIE_BAD_AMOUNT:
  case TERTIAL_SIE_PERIOD_OUTSIDE_YEAR:
  case TERTIAL_SIE_SWAPPED_FIELDS:
  case TERTIAL_SIE_RTRANS_MISMATCH:
  case TERTIAL_SIE_CHECKSUM:
  case TERTIAL_SIE_LINE_TOO_LONG: return 1;
  default: return 0;
  }
}

/* Problems and unreadable records from the reader's diagnostics. */
static void count_diagnostics(tertial_sie_load *res)
{
  static const tertial_sie_label amounts[] = {TERTIAL_SIE_TRANS, TERTIAL_SIE_RTRANS, TERTIAL_SIE_BTRANS,
                                              TERTIAL_SIE_PSALDO, TERTIAL_SIE_PBUDGET, TERTIAL_SIE_IB,
                                              TERTIAL_SIE_UB, TERTIAL_SIE_RES, TERTIAL_SIE_OIB, TERTIAL_SIE_OUB};
  tertial_sie_summary *s = &res->summary;
  s->problems += s->reader.errors;
  for (size_t i = 0; i < res->ndiags; i++) {
    const tertial_sie_diagnostic *d = &res->diags[i];
    if (!d->is_error) {
      s->problems += (uint64_t)problem_warning(d->problem);
      continue;
    }
    for (size_t k = 0; k < sizeof amounts / sizeof amounts[0]; k++)
      if (strcmp(d->label, tertial_sie_label_name(amounts[k])) == 0) {
        res->figures[amounts[k]].unreadable++;
        s->unreadable++;
      }
  }
}

static int check_load_options(tertial_sie_load_options *dst, const tertial_sie_load_options *src)
{
  tertial_sie_load_options def = TERTIAL_SIE_LOAD_OPTIONS_INIT;
  if (src && (src->version < 1 || src->version > TERTIAL_SIE_LOAD_OPTIONS_VERSION))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_load_options: version %u, expected 1 to %d", src->version,
                          TERTIAL_SIE_LOAD_OPTIONS_VERSION);
  *dst = def;
  if (src) /* a version 1 struct ends before hierarchy_name: the rest keeps its defaults */
    memcpy(dst, src, src->version >= 2 ? sizeof *dst : offsetof(tertial_sie_load_options, hierarchy_name));
  if (dst->unit_dimension == 0)
    dst->unit_dimension = 1;
  if (dst->unit_dimension < 1 || dst->year < -999 || dst->year > 999 ||
      dst->outcome_source < TERTIAL_SIE_SOURCE_AUTO || dst->outcome_source > TERTIAL_SIE_SOURCE_PSALDO ||
      (dst->object_rows != TERTIAL_SIE_ROWS_TOTAL && dst->object_rows != TERTIAL_SIE_ROWS_PARTITION))
    return tertial__error(TERTIAL_ERR_INVALID,
                          "tertial_sie_load_options: unit_dimension %d, year %d, outcome_source %d or object_rows %d "
                          "out of range",
                          dst->unit_dimension, dst->year, (int)dst->outcome_source, (int)dst->object_rows);
  return 0;
}

/* ---------------------------------------------------------------------------------- */
/* Reading ahead on a second thread                                                    */
/* ---------------------------------------------------------------------------------- */

/* Reading and parsing the text takes about as long as placing what it says, so for a big input
 * the reader runs on a thread of its own, a few batches of records ahead of the loader: the
 * records are copied into batches (the reader's own record is valid only until its next call)
 * and handed over in order, so that the loader sees the same records in the same order as when
 * it calls the reader itself, and the first error (the reader's or the loader's, in line order)
 * is the one reported. A progress callback is called on the caller's thread, batch by batch. Not
 * for a small input, where starting a thread costs more than it gains; and when no thread can be
 * started, the loader reads itself. A batch holds 4 096 records (about 140 kB of a file): each
 * hand-over to a waiting loader wakes its thread, which on a virtual machine costs tens of
 * microseconds. Packed records in batches of 4 096 loaded 100 MB in 0.600 s, whole records in
 * batches of 1 024 in 0.627 s (medians of 5 alternating runs). Sixteen batches (about 11 MB),
 * not four: the placing thread stops for a few milliseconds now and then (its cell index grows
 * and is rehashed), and four batches left the reader waiting 35-40 ms in all at 100 MB; 0.484 s
 * against 0.504 s (medians of 9 alternating runs). */
enum { AHEAD_RECORDS = 4096, AHEAD_BATCHES = 16, AHEAD_ARENA = 256 * 1024 };

/* Inputs from this size on are read ahead (tests lower it to read every input ahead). */
size_t tertial__sie_ahead_min = 4u << 20;

/* A record as handed over: only what the loader reads (half the size of a tertial_sie_record,
 * so half the memory the two threads pass between them). */
typedef struct packed_record {
  const char *tag, *account, *object, *text, *text2;
  const tertial_sie_object *objects;
  size_t line;
  int64_t amount;
  tertial_date date, date2;
  int year, period, dimension;
  tertial_sie_label label;
  uint32_t object_count;
  unsigned char has_date, has_date2, has_amount, duplicate;
} packed_record;

typedef struct rec_batch {
  packed_record recs[AHEAD_RECORDS];
  size_t n;
  char *arena;               /* the records' strings and object lists */
  size_t used, cap;
  int end;                   /* the last batch: the input ended, or the reader failed, after its records */
  uint64_t bytes;            /* the bytes the reader had read when it handed the batch over */
  tertial__part_error err;   /* the reader's error at the end (code 0: none) */
} rec_batch;

typedef struct ahead {
  tertial_sie_reader *reader;
  pthread_mutex_t mu;
  pthread_cond_t changed;
  rec_batch *batch;          /* AHEAD_BATCHES, used in turn */
  size_t filled, taken;      /* batches handed over and given back, counting from 0 */
  int stop;                  /* the loader failed: read no further */
} ahead;

/* The strings of a record that are copied (the loader reads no others), and their sizes (0 for
 * NULL or ""; a known label's tag is the reader's constant and is not copied either). */
enum { RECORD_STRINGS = 5 };

static void record_strings(const char *const *out[RECORD_STRINGS], const tertial_sie_record *rec)
{
  const char *const *p[RECORD_STRINGS] = {&rec->tag, &rec->account, &rec->object, &rec->text, &rec->text2};
  memcpy(out, p, sizeof p);
}

static size_t copied_size(const char *s)
{
  return s && *s ? strlen(s) + 1 : 0;
}

/* The bytes a copy of rec takes in an arena (objects first, aligned), with the sizes of its
 * strings in len[] (RECORD_STRINGS, then one per object). */
static size_t record_size(size_t *len, size_t max_len, const tertial_sie_record *rec)
{
  const char *const *str[RECORD_STRINGS];
  record_strings(str, rec);
  size_t n = rec->object_count * sizeof(tertial_sie_object) + _Alignof(tertial_sie_object);
  for (size_t i = 0; i < RECORD_STRINGS; i++)
    n += len[i] = i == 0 && rec->label != TERTIAL_SIE_UNKNOWN ? 0 : copied_size(*str[i]);
  for (size_t i = 0; i < rec->object_count; i++) {
    size_t k = copied_size(rec->objects[i].object);
    if (RECORD_STRINGS + i < max_len)
      len[RECORD_STRINGS + i] = k;
    n += k;
  }
  return n;
}

static const char *arena_str(rec_batch *b, const char *s, size_t len)
{
  if (len == 0)
    return s && *s ? s : s ? "" : NULL; /* "" or a known label's constant tag */
  char *d = memcpy(b->arena + b->used, s, len);
  b->used += len;
  return d;
}

/* Copy rec into b, whose arena has room (record_size(), which gave len): what the loader reads. */
static void copy_record(rec_batch *b, const tertial_sie_record *rec, const size_t *len, size_t max_len)
{
  packed_record *c = &b->recs[b->n++];
  c->line = rec->line;
  c->amount = rec->amount;
  c->date = rec->date;
  c->date2 = rec->date2;
  c->year = rec->year;
  c->period = rec->period;
  c->dimension = rec->dimension;
  c->label = rec->label;
  c->object_count = (uint32_t)rec->object_count;
  c->has_date = (unsigned char)rec->has_date;
  c->has_date2 = (unsigned char)rec->has_date2;
  c->has_amount = (unsigned char)rec->has_amount;
  c->duplicate = (unsigned char)rec->duplicate;
  size_t align = _Alignof(tertial_sie_object);
  b->used = (b->used + align - 1) / align * align;
  tertial_sie_object *objects = (tertial_sie_object *)(void *)(b->arena + b->used);
  b->used += rec->object_count * sizeof *objects;
  for (size_t i = 0; i < rec->object_count; i++) {
    const char *o = rec->objects[i].object;
    objects[i].dimension = rec->objects[i].dimension;
    objects[i].object = arena_str(b, o, RECORD_STRINGS + i < max_len ? len[RECORD_STRINGS + i] : copied_size(o));
  }
  c->objects = rec->object_count ? objects : NULL;
  const char *const *from[RECORD_STRINGS];
  const char **to[RECORD_STRINGS] = {&c->tag, &c->account, &c->object, &c->text, &c->text2};
  record_strings(from, rec);
  for (size_t i = 0; i < RECORD_STRINGS; i++)
    *to[i] = arena_str(b, *from[i], len[i]);
}

/* The record the loader is given for a packed one: the fields it does not read are empty (no raw
 * fields, the voucher's series, number and sign ""). */
static void unpack_record(tertial_sie_record *r, const packed_record *c)
{
  *r = (tertial_sie_record){.label = c->label, .tag = c->tag, .line = c->line, .year = c->year,
                            .period = c->period, .dimension = c->dimension, .account = c->account,
                            .object = c->object, .text = c->text, .text2 = c->text2, .series = "",
                            .voucher_number = "", .sign = "", .date = c->date, .date2 = c->date2,
                            .has_date = c->has_date, .has_date2 = c->has_date2, .amount = c->amount,
                            .has_amount = c->has_amount, .object_count = c->object_count,
                            .objects = c->objects, .duplicate = c->duplicate};
}

/* Wait for a batch to fill (NULL when the loader has stopped). */
static rec_batch *next_free(ahead *a)
{
  pthread_mutex_lock(&a->mu);
  while (!a->stop && a->filled - a->taken == AHEAD_BATCHES)
    pthread_cond_wait(&a->changed, &a->mu);
  rec_batch *b = a->stop ? NULL : &a->batch[a->filled % AHEAD_BATCHES];
  pthread_mutex_unlock(&a->mu);
  if (b) {
    b->n = b->used = 0;
    b->end = 0;
    b->err.code = 0;
  }
  return b;
}

static void hand_over(ahead *a, rec_batch *b)
{
  b->bytes = tertial_sie_reader_stats(a->reader)->bytes;
  pthread_mutex_lock(&a->mu);
  a->filled++;
  pthread_cond_broadcast(&a->changed);
  pthread_mutex_unlock(&a->mu);
}

static void *ahead_run(void *data)
{
  ahead *a = data;
  rec_batch *b = next_free(a);
  while (b) {
    const tertial_sie_record *rec;
    int rc = tertial_sie_reader_next(&rec, a->reader);
    size_t len[RECORD_STRINGS + 8];
    if (rc == 1) {
      size_t need = record_size(len, sizeof len / sizeof *len, rec);
      if (b->n == AHEAD_RECORDS || b->used + need > b->cap) {
        if (b->n > 0) { /* this one is full: the record starts the next */
          hand_over(a, b);
          if (!(b = next_free(a)))
            break;
        }
        if (need > b->cap) { /* an empty batch's arena can move */
          char *arena = realloc(b->arena, need);
          if (!arena)
            rc = tertial__nomem("SIE records");
          else {
            b->arena = arena;
            b->cap = need;
          }
        }
      }
      if (rc == 1) {
        copy_record(b, rec, len, sizeof len / sizeof *len);
        continue;
      }
    }
    b->end = 1;
    if (rc < 0)
      tertial__part_error_keep(&b->err, rc);
    hand_over(a, b);
    break;
  }
  return NULL;
}

/* Hand every record of the reader to the loader, in order; the reader's error or the loader's,
 * whichever comes first in the file. Reading ahead, the reader was made without the caller's
 * progress callback, and it is called here, on the caller's thread, after each batch with the
 * bytes read so far of `total`. */
static int read_all(loader *L, tertial_sie_reader *reader, int ahead_ok, uint64_t total)
{
  const tertial_sie_record *rec;
  int rc = 0;
  ahead a;
  memset(&a, 0, sizeof a);
  pthread_t thread;
  int started = 0, sync = 0;
  if (ahead_ok && (a.batch = tertial__calloc(AHEAD_BATCHES, sizeof *a.batch)) != NULL) {
    for (size_t i = 0; i < AHEAD_BATCHES && ahead_ok; i++)
      ahead_ok = (a.batch[i].arena = malloc(AHEAD_ARENA)) != NULL;
    for (size_t i = 0; i < AHEAD_BATCHES; i++)
      a.batch[i].cap = ahead_ok ? AHEAD_ARENA : 0;
    a.reader = reader;
    sync = ahead_ok && pthread_mutex_init(&a.mu, NULL) == 0;
    if (sync && pthread_cond_init(&a.changed, NULL) != 0) {
      pthread_mutex_destroy(&a.mu);
      sync = 0;
    }
    started = sync && pthread_create(&thread, NULL, ahead_run, &a) == 0;
  }
  const tertial_sie_options *ro = &L->opt.reader;
  if (!started) { /* read here; a reader made for reading ahead has no progress callback: call it */
    for (size_t k = 1; rc == 0 && (rc = tertial_sie_reader_next(&rec, reader)) == 1; k++) {
      rc = on_record(L, rec);
      if (rc == 0 && ahead_ok && k % AHEAD_RECORDS == 0)
        rc = tertial__sie_progress(ro, L->file, tertial_sie_reader_stats(reader)->bytes, total);
    }
  } else {
    for (int end = 0; rc == 0 && !end;) {
      pthread_mutex_lock(&a.mu);
      while (a.filled == a.taken)
        pthread_cond_wait(&a.changed, &a.mu);
      pthread_mutex_unlock(&a.mu);
      rec_batch *b = &a.batch[a.taken % AHEAD_BATCHES];
      for (size_t i = 0; rc == 0 && i < b->n; i++) {
        tertial_sie_record r; /* valid while on_record() runs: the loader keeps no record */
        unpack_record(&r, &b->recs[i]);
        rc = on_record(L, &r);
        L->rec = NULL;
      }
      end = b->end;
      if (rc == 0 && end)
        rc = tertial__part_error_raise(&b->err);
      if (rc == 0)
        rc = tertial__sie_progress(ro, L->file, b->bytes, total);
      pthread_mutex_lock(&a.mu);
      a.taken++;
      a.stop |= rc < 0; /* nothing further is wanted */
      pthread_cond_broadcast(&a.changed);
      pthread_mutex_unlock(&a.mu);
    }
    pthread_join(thread, NULL);
  }
  if (sync) {
    pthread_mutex_destroy(&a.mu);
    pthread_cond_destroy(&a.changed);
  }
  if (a.batch) {
    for (size_t i = 0; i < AHEAD_BATCHES; i++)
      free(a.batch[i].arena);
    free(a.batch);
  }
  return rc == 1 ? 0 : rc;
}

static int load(tertial_sie_load **out, tertial_model *model, const char *path, const void *data, size_t size,
                const tertial_sie_load_options *options)
{
  if (!out || !model || (!path && !data && size))
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_load: NULL argument");
  *out = NULL;
  loader L;
  memset(&L, 0, sizeof L);
  int rc = check_load_options(&L.opt, options);
  if (rc < 0)
    return rc;
  L.model = model;
  L.fy = *tertial_model_fiscal_year(model);
  L.month0 = L.fy.first_year * 12 + L.fy.start_month - 1;
  tertial_sie_reader *reader = NULL;
  if (!(L.res = tertial__calloc(1, sizeof *L.res)))
    return TERTIAL_ERR_NOMEM;
  struct stat st;
  uint64_t bytes = path ? (stat(path, &st) == 0 && st.st_size > 0 ? (uint64_t)st.st_size : 0) : size;
  int read_ahead = bytes >= tertial__sie_ahead_min;
  tertial_sie_options reader_options = L.opt.reader;
  if (read_ahead)
    reader_options.progress = NULL; /* read_all() calls it, on this thread */
  rc = path ? tertial_sie_reader_new_file(&reader, path, &reader_options)
            : tertial_sie_reader_new_memory(&reader, data, size, &reader_options);
  const char *name = L.opt.reader.name ? L.opt.reader.name : path ? path : "<memory>";
  if (rc == 0 && !(L.res->strings[STR_FILE] = tertial__strdup(name)))
    rc = TERTIAL_ERR_NOMEM;
  L.file = name;
  uint32_t none;
  if (rc == 0)
    rc = find_slot(&none, &L, ""); /* slot 0: no object */
  if (rc == 0)
    rc = read_all(&L, reader, read_ahead, bytes);
  if (L.nbatch) { /* after the last record, or before the reader's error */
    int first = flush_batch(&L);
    if (first < 0)
      rc = first;
  }
  L.rec = NULL;
  if (rc == 0) {
    L.res->summary.reader = *tertial_sie_reader_stats(reader);
    L.res->summary.encoding = tertial_sie_reader_encoding(reader);
    L.res->summary.sie_type = L.res->summary.reader.sie_type;
    rc = copy_diagnostics(L.res, reader);
    count_diagnostics(L.res);
  }
  tertial_sie_reader_free(reader);
  if (rc == 0)
    rc = apply(&L);
  if (rc == 0)
    rc = reconcile(&L);
  const tertial_sie_label loaded[] = {TERTIAL_SIE_PSALDO, TERTIAL_SIE_PBUDGET, TERTIAL_SIE_TRANS, TERTIAL_SIE_RTRANS};
  for (size_t k = 0; rc == 0 && k < sizeof loaded / sizeof loaded[0]; k++)
    rc = add_to(&L.res->summary.unplaced, L.res->figures[loaded[k]].unplaced, &L);
  loader_free(&L);
  if (rc < 0) {
    tertial_sie_load_free(L.res);
    return rc;
  }
  tertial_sie_summary *s = &L.res->summary;
  const char **fields[7] = {&s->file, &s->company, &s->orgnr, &s->program, &s->program_version, &s->chart_type,
                            &s->currency};
  for (int i = 0; i < 7; i++)
    *fields[i] = L.res->strings[i] ? L.res->strings[i] : empty;
  tertial_error_clear(); /* misses of the lookups on the way are no errors */
  *out = L.res;
  return 0;
}

int tertial_sie_load_file(tertial_sie_load **out, tertial_model *model, const char *path,
                          const tertial_sie_load_options *options)
{
  if (!path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_load_file: path is NULL");
  return load(out, model, path, NULL, 0, options);
}

int tertial_sie_load_memory(tertial_sie_load **out, tertial_model *model, const void *data, size_t size,
                            const tertial_sie_load_options *options)
{
  static const char nothing[1] = "";
  return load(out, model, NULL, data ? data : (size ? NULL : nothing), size, options);
}

const tertial_sie_summary *tertial_sie_load_summary(const tertial_sie_load *load)
{
  return load ? &load->summary : NULL;
}

int tertial_sie_load_figures(tertial_sie_figures *out, const tertial_sie_load *load, tertial_sie_label label)
{
  if (!out || !load)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_figures: NULL argument");
  if ((unsigned)label >= MAX_LABELS || (unsigned)label > TERTIAL_SIE_VER)
    return tertial__error(TERTIAL_ERR_RANGE, "tertial_sie_figures: unknown label %d", (int)label);
  *out = load->figures[label];
  return 0;
}

size_t tertial_sie_load_note_count(const tertial_sie_load *load)
{
  return load ? load->nnotes : 0;
}

const tertial_sie_note *tertial_sie_load_note(const tertial_sie_load *load, size_t index)
{
  return load && index < load->nnotes ? &load->notes[index] : NULL;
}

size_t tertial_sie_load_diagnostic_count(const tertial_sie_load *load)
{
  return load ? load->ndiags : 0;
}

const tertial_sie_diagnostic *tertial_sie_load_diagnostic(const tertial_sie_load *load, size_t index)
{
  return load && index < load->ndiags ? &load->diags[index] : NULL;
}

size_t tertial_sie_load_difference_count(const tertial_sie_load *load)
{
  return load ? load->ndiffs : 0;
}

const tertial_sie_difference *tertial_sie_load_difference(const tertial_sie_load *load, size_t index)
{
  return load && index < load->ndiffs ? &load->diffs[index] : NULL;
}

size_t tertial_sie_load_compared_count(const tertial_sie_load *load)
{
  return load ? load->compared : 0;
}

int tertial_sie_fiscal_year(tertial_fiscal_year *out, const char *path, int year, const tertial_sie_options *options)
{
  if (!out || !path)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_sie_fiscal_year: %s is NULL", out ? "path" : "out");
  tertial_sie_reader *r;
  int rc = tertial_sie_reader_new_file(&r, path, options);
  if (rc < 0)
    return rc;
  const tertial_sie_record *rec;
  const char *name = options && options->name ? options->name : path;
  while ((rc = tertial_sie_reader_next(&rec, r)) == 1) {
    if (rec->label != TERTIAL_SIE_RAR || rec->year != year || !rec->has_date || !rec->has_date2)
      continue;
    tertial_date a = rec->date, b = rec->date2;
    int months = (b.year * 12 + b.month) - (a.year * 12 + a.month) + 1, days = 0;
    tertial_days_in_month(&days, b.year, b.month);
    rc = (a.day == 1 && b.day == days && months == 12) ? tertial_fiscal_year_init(out, a.year, a.month) : -1;
    if (rc == -1)
      rc = tertial__error(TERTIAL_ERR_RANGE, "%s:%zu: #RAR %d is not twelve whole months", name, rec->line, year);
    tertial_sie_reader_free(r);
    return rc;
  }
  tertial_sie_reader_free(r);
  if (rc < 0)
    return rc;
  return tertial__error(TERTIAL_ERR_NOT_FOUND, "%s: no #RAR with dates for year %d", name, year);
}

const char *tertial_sie_load_problem_name(tertial_sie_load_problem problem)
{
  switch (problem) {
  case TERTIAL_SIE_LOAD_UNKNOWN_OBJECT: return "unknown object";
  case TERTIAL_SIE_LOAD_NO_OBJECT: return "no object";
  case TERTIAL_SIE_LOAD_OUTSIDE_YEAR: return "outside the year";
  case TERTIAL_SIE_LOAD_BAD_ACCOUNT: return "bad account";
  case TERTIAL_SIE_LOAD_ACCOUNT_TYPE: return "account type";
  case TERTIAL_SIE_LOAD_NO_FISCAL_YEAR: return "no fiscal year";
  case TERTIAL_SIE_LOAD_NOT_CHOSEN: return "source not chosen";
  case TERTIAL_SIE_LOAD_SEVERAL_UNITS: return "several units";
  case TERTIAL_SIE_LOAD_YEAR_MISMATCH: return "year and period disagree";
  case TERTIAL_SIE_LOAD_OTHER_YEAR: return "year not loaded";
  case TERTIAL_SIE_LOAD_BAD_TEXT: return "not UTF-8";
  default: return "unknown problem";
  }
}
