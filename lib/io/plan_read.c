/* The text forms of the planning process: the annual wheel's template, proposals of the
 * prioritisation model, the tables of internal control and the investment budget (wheel.h,
 * priorities.h, intcontrol.h, investments.h). Tables are read by table_read.c; the first error
 * stops the reading and names the file, line and column, the column's header and what was
 * expected; nothing is added then. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefold.h"
#include "internal.h"
#include "plan_internal.h"
#include "table_internal.h"

/* ---- tables with named columns ---- */

/* A column: its field index, whether it must be there, its name in messages, and its header
 * names, normalised (lower-case letters and digits, accents dropped; "*name": any header that
 * begins so), NULL-terminated. */
typedef struct column {
  int field;
  int required;
  const char *label;
  const char *names[8];
} column;

typedef struct sheet {
  tertial__table *t;
  size_t header;
  int col[16];
  size_t row; /* the data row being read */
} sheet;

/* Letters and digits of a header, lower-case and without accents: "Objekt in" -> "objektin", in
 * key (emptied first). Returns 0 or TERTIAL_ERR_NOMEM. */
static int header_key(tertial_strbuf *key, const char *s)
{
  key->len = 0;
  return tertial__sb_append_fold_key(key, s);
}

static int comment_or_blank(const tertial__table *t, size_t row)
{
  const char *first = g_strchug((char *)tertial__table_cell(t, row, 0));
  if (*first == '#')
    return 1;
  for (size_t c = 0; c < t->rows[row].n; c++)
    for (const char *p = tertial__table_cell(t, row, c); *p; p++)
      if (!g_ascii_isspace(*p))
        return 0;
  return 1;
}

/* A header's column: a name that is the whole key, else one ("*name") that begins it; -1. */
static int column_of(const char *key, const column *cols, size_t ncols)
{
  for (int prefix = 0; prefix < 2; prefix++)
    for (size_t k = 0; k < ncols; k++)
      for (size_t n = 0; cols[k].names[n]; n++) {
        const char *name = cols[k].names[n];
        if (prefix ? name[0] == '*' && g_str_has_prefix(key, name + 1) : strcmp(key, name) == 0)
          return (int)k;
      }
  return -1;
}

/* Read the table and find its columns by the first row that is neither blank nor a comment. */
static int open_sheet(sheet *s, const char *text, size_t len, const char *source, const column *cols, size_t ncols,
                      const char *what)
{
  memset(s, 0, sizeof *s);
  int rc = tertial__table_read_csv(&s->t, text, len, source);
  if (rc < 0)
    return rc;
  while (s->header < s->t->nrows && comment_or_blank(s->t, s->header))
    s->header++;
  if (s->header == s->t->nrows)
    return tertial__error(TERTIAL_ERR_PARSE, "%s: expected a line naming the columns of %s", source, what);
  for (size_t k = 0; k < ncols; k++)
    s->col[cols[k].field] = -1;
  unsigned line = s->t->rows[s->header].line;
  tertial_strbuf key = {0};
  for (size_t c = 0; rc == 0 && c < s->t->rows[s->header].n; c++) {
    rc = header_key(&key, tertial__table_cell(s->t, s->header, c));
    int k = rc == 0 && *key.data ? column_of(key.data, cols, ncols) : -1;
    if (k >= 0 && s->col[cols[k].field] >= 0)
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%u:%zu: a second column \"%s\" for %s", source, line, c + 1,
                          tertial__table_cell(s->t, s->header, c), cols[k].label);
    else if (k >= 0)
      s->col[cols[k].field] = (int)c;
  }
  tertial__sb_clear(&key);
  if (rc < 0)
    return rc;
  for (size_t k = 0; k < ncols; k++)
    if (cols[k].required && s->col[cols[k].field] < 0)
      return tertial__error(TERTIAL_ERR_PARSE, "%s:%u: expected a column \"%s\" among the headers of %s", source, line,
                            cols[k].label, what);
  s->row = s->header;
  return 0;
}

/* The next data row; 0 at the end. */
static int next_row(sheet *s)
{
  while (++s->row < s->t->nrows)
    if (!comment_or_blank(s->t, s->row))
      return 1;
  return 0;
}

/* A field's text, trimmed, in the table's memory ("" when the column is absent). */
static const char *cell(const sheet *s, int field)
{
  if (s->col[field] < 0)
    return "";
  return g_strstrip((char *)tertial__table_cell(s->t, s->row, (size_t)s->col[field]));
}

static int bad(const sheet *s, int field, const char *fmt, ...) TERTIAL_PRINTF(3, 4);

/* An error at a field of the current row: "file:line:col: column "hdr": what". */
static int bad(const sheet *s, int field, const char *fmt, ...)
{
  /* as long as the last error's buffer (error.c): a longer text would be cut there anyway */
  char where[512], msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  size_t c = s->col[field] < 0 ? 0 : (size_t)s->col[field];
  tertial__table_where(where, sizeof where, s->t, s->row, c);
  int rc = s->col[field] < 0 ? tertial__error(TERTIAL_ERR_PARSE, "%s: %s", where, msg)
                             : tertial__error(TERTIAL_ERR_PARSE, "%s: column \"%s\": %s", where,
                                              tertial__table_cell(s->t, s->header, c), msg);
  return rc;
}

/* An error from the model (a duplicate, an unknown reference) at the current row. */
static int refused(const sheet *s, int field, int rc)
{
  if (rc == TERTIAL_ERR_NOMEM)
    return rc;
  char why[512]; /* copied: the error's buffer is written again */
  snprintf(why, sizeof why, "%s", tertial_error_last());
  return bad(s, field, "%s", why);
}

/* The index of a cell's text among names (compared without case), or -1. Names may be NULL
 * where a value is unused; `count` is the length of names. */
static int choose(const char *text, const char *const *names, size_t count)
{
  for (size_t i = 0; i < count; i++)
    if (names[i] && tertial__casefold_equal(text, names[i]))
      return (int)i;
  return -1;
}

/* Text read whole from a file (free() it), for the _load functions; *text and *len are set (NULL,
 * 0) on an error too. */
static int read_text(char **text, size_t *len, const char *path)
{
  *text = NULL;
  *len = 0;
  if (!path)
    return tertial__error(TERTIAL_ERR_INVALID, "NULL path");
  return tertial__table_read_all(text, len, path);
}

/* ---- the wheel ---- */

enum { W_TYPE, W_PROCESS, W_ACTIVITY, W_WHEN, W_YEAR, W_RESPONSIBLE, W_PARTICIPANTS, W_UNIT, W_IN, W_OUT,
       W_DECIDES, W_VARIANT, NW };

static const column wheel_columns[NW] = {
  {W_TYPE, 1, "typ", {"typ", "type", NULL}},
  {W_PROCESS, 1, "process", {"process", "delprocess", "subprocess", NULL}},
  {W_ACTIVITY, 0, "aktivitet", {"aktivitet", "activity", "namn", "name", NULL}},
  {W_WHEN, 1, "när", {"nar", "when", "tid", "vecka", "veckor", "week", "weeks", NULL}},
  {W_YEAR, 0, "år", {"ar", "year", "arsforskjutning", "yearoffset", NULL}},
  {W_RESPONSIBLE, 0, "ansvarig", {"ansvarig", "responsible", NULL}},
  {W_PARTICIPANTS, 0, "deltagare", {"deltagare", "participants", NULL}},
  {W_UNIT, 0, "enhet", {"enhet", "unit", "niva", "level", NULL}},
  {W_IN, 0, "objekt in", {"objektin", "objectsin", "in", NULL}},
  {W_OUT, 0, "objekt ut", {"objektut", "objectsout", "ut", "out", NULL}},
  {W_DECIDES, 0, "beslutsorgan", {"beslutsorgan", "beslutas", "decidedby", "decision", NULL}},
  {W_VARIANT, 0, "variant", {"variant", "valar", "election", NULL}},
};

static const char *const month_names[][4] = {
  {"jan", "januari", "january", NULL}, {"feb", "februari", "february", NULL}, {"mar", "mars", "march", NULL},
  {"apr", "april", NULL, NULL},        {"maj", "may", NULL, NULL},             {"jun", "juni", "june", NULL},
  {"jul", "juli", "july", NULL},       {"aug", "augusti", "august", NULL},     {"sep", "sept", "september", NULL},
  {"okt", "oct", "oktober", "october"}, {"nov", "november", NULL, NULL},       {"dec", "december", NULL, NULL},
};

static int month_of(const char *word)
{
  for (int m = 0; m < 12; m++)
    if (choose(word, month_names[m], 4) >= 0)
      return m + 1;
  return 0;
}

/* A whole number of 1..max digits, or -1. */
static int number(const char *s, size_t max)
{
  size_t n = strlen(s);
  return n && n <= max && strspn(s, "0123456789") == n ? atoi(s) : -1;
}

/* Split "a-b", "a–b", "a—b" or "a..b" at its first separator (in place); *b is NULL without one. */
static void split_range(char *s, char **a, char **b)
{
  static const char *const seps[] = {"..", "\xe2\x80\x93", "\xe2\x80\x94", "-"};
  *a = s;
  *b = NULL;
  for (size_t i = 0; i < 4; i++) {
    char *at = strstr(s, seps[i]);
    if (at) {
      *at = '\0';
      *b = g_strstrip(at + strlen(seps[i]));
      g_strstrip(s);
      return;
    }
  }
}

/* "15 okt" or "okt": the day (0 for a whole month) and the month; 0 when it is neither. */
static int day_month(const char *s, int *day, int *month)
{
  const char *sp = strchr(s, ' ');
  *day = 0;
  if (sp) {
    char d[3] = ""; /* a day has 1 or 2 digits: a longer word is not one */
    size_t n = (size_t)(sp - s);
    if (n < sizeof d)
      memcpy(d, s, n);
    *day = n < sizeof d ? number(d, 2) : -1;
    s = sp + 1;
    while (*s == ' ')
      s++;
    if (*day < 1 || *day > 31)
      return 0;
  }
  *month = month_of(s);
  return *month != 0;
}

static const char *const when_expected =
  "expected weeks (v48-5, v25), months (okt, jan-mar), days (15 okt, 1 okt-15 nov), uppföljning or nothing";

static int parse_weeks(tertial_wheel_when *w, char *a, char *b)
{
  a++; /* the 'v' */
  while (*a == ' ' || *a == '.')
    a++;
  if (b && (*b == 'v' || *b == 'V'))
    b++;
  w->kind = TERTIAL_WHEN_WEEKS;
  w->from_week = number(a, 2);
  w->to_week = b ? number(b, 2) : w->from_week;
  return w->from_week >= 1 && w->from_week <= 53 && w->to_week >= 1 && w->to_week <= 53;
}

/* 1 when text is a span, 0 when it is not, or TERTIAL_ERR_NOMEM. */
static int parse_when(tertial_wheel_when *w, const char *text)
{
  static const char *const followup[] = {"uppföljning", "followup", "follow-up", "vid uppföljning"};
  if (!*text) {
    w->kind = TERTIAL_WHEN_UNSCHEDULED;
    return 1;
  }
  if (choose(text, followup, 4) >= 0) {
    w->kind = TERTIAL_WHEN_FOLLOWUP;
    return 1;
  }
  char *s = tertial__strdup(text), *a, *b;
  if (!s)
    return TERTIAL_ERR_NOMEM;
  split_range(s, &a, &b);
  int ok;
  if ((*a == 'v' || *a == 'V') && (g_ascii_isdigit(a[1]) || a[1] == ' ' || a[1] == '.')) {
    ok = parse_weeks(w, a, b);
  } else {
    int fd, fm, td = 0, tm = 0;
    ok = day_month(a, &fd, &fm) && (!b || day_month(b, &td, &tm));
    if (ok) {
      if (!b) {
        td = fd;
        tm = fm;
      }
      w->kind = TERTIAL_WHEN_DATES;
      w->from_month = fm;
      w->from_day = fd ? fd : 1;
      w->to_month = tm;
      w->to_day = td ? td : 31;
    }
  }
  free(s);
  return ok;
}

static int parse_year(int *year, const char *text)
{
  static const char *const years[] = {"-1", "0", "+1", "1"};
  int k = *text ? choose(text, years, 4) : 1;
  *year = k == 3 ? 1 : k - 1;
  return k >= 0;
}

static int wheel_row(tertial_wheel *w, const sheet *s)
{
  static const char *const types[] = {"planering", "uppföljning", "aktivitet", "planning", "followup",
                                      "follow-up", "activity"};
  static const char *const variants[] = {"alla", "ordinarie", "valår", "all", "ordinary", "election", "every"};
  int type = choose(cell(s, W_TYPE), types, 7);
  if (type < 0)
    return bad(s, W_TYPE, "expected planering, uppföljning or aktivitet, not '%s'", cell(s, W_TYPE));
  tertial_wheel_when when = {0};
  int ok = parse_when(&when, cell(s, W_WHEN));
  if (ok <= 0)
    return ok < 0 ? ok : bad(s, W_WHEN, "%s, not '%s'", when_expected, cell(s, W_WHEN));
  if (!parse_year(&when.year, cell(s, W_YEAR)))
    return bad(s, W_YEAR, "expected -1, 0 or +1 (the start's year from the cycle's year), not '%s'",
               cell(s, W_YEAR));
  const char *process = cell(s, W_PROCESS);
  if (!*process)
    return bad(s, W_PROCESS, "expected the name of the process");
  unsigned line = s->t->rows[s->row].line;
  if (type != 2 && type != 6) {
    if (*cell(s, W_ACTIVITY) || *cell(s, W_RESPONSIBLE) || *cell(s, W_DECIDES) || *cell(s, W_VARIANT)) {
      int f = *cell(s, W_ACTIVITY) ? W_ACTIVITY : *cell(s, W_RESPONSIBLE) ? W_RESPONSIBLE
              : *cell(s, W_DECIDES) ? W_DECIDES : W_VARIANT;
      return bad(s, f, "expected nothing on a process's line (an activity's details go on a line of its own)");
    }
    for (size_t i = 0; i < tertial_wheel_process_count(w); i++)
      if (strcmp(tertial_wheel_process_at(w, i)->name, process) == 0)
        return bad(s, W_PROCESS, "process '%s' is given twice", process);
    int followup = type == 1 || type == 4 || type == 5;
    tertial_wheel_process p = {process, followup ? TERTIAL_FLOW_FOLLOWUP : TERTIAL_FLOW_PLANNING, when, cell(s, W_IN),
                               cell(s, W_OUT), line};
    if (when.kind == TERTIAL_WHEN_FOLLOWUP)
      return bad(s, W_WHEN, "a process's span is weeks, months or days, not '%s'", cell(s, W_WHEN));
    return tertial__wheel_add_process(w, &p);
  }
  size_t pi = 0;
  while (pi < tertial_wheel_process_count(w) && strcmp(tertial_wheel_process_at(w, pi)->name, process) != 0)
    pi++;
  if (pi == tertial_wheel_process_count(w))
    return bad(s, W_PROCESS, "expected a process given on an earlier line, not '%s'", process);
  if (!*cell(s, W_ACTIVITY))
    return bad(s, W_ACTIVITY, "expected the activity's name");
  int variant = *cell(s, W_VARIANT) ? choose(cell(s, W_VARIANT), variants, 7) : 0;
  if (variant < 0)
    return bad(s, W_VARIANT, "expected alla, ordinarie or valår, not '%s'", cell(s, W_VARIANT));
  tertial_wheel_activity a = {pi, cell(s, W_ACTIVITY), when, cell(s, W_RESPONSIBLE), cell(s, W_PARTICIPANTS),
                              cell(s, W_UNIT), cell(s, W_DECIDES), cell(s, W_IN), cell(s, W_OUT),
                              (tertial_wheel_variant)(variant == 6 ? 0 : variant % 3), line};
  return tertial__wheel_add_activity(w, &a);
}

int tertial_wheel_parse(tertial_wheel **out, const char *text, size_t len, const char *source)
{
  if (!out || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_wheel_parse: NULL argument");
  *out = NULL;
  sheet s;
  tertial_wheel *w = NULL;
  int rc = open_sheet(&s, text, len, source ? source : "wheel", wheel_columns, NW, "a wheel");
  if (rc == 0)
    rc = tertial__wheel_new(&w);
  while (rc == 0 && next_row(&s))
    rc = wheel_row(w, &s);
  tertial__table_free(s.t);
  if (rc < 0) {
    tertial_wheel_free(w);
    return rc;
  }
  *out = w;
  return 0;
}

int tertial_wheel_load(tertial_wheel **out, const char *path)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_wheel_load: out is NULL");
  *out = NULL;
  char *text;
  size_t len;
  int rc = read_text(&text, &len, path);
  if (rc < 0)
    return rc;
  rc = tertial_wheel_parse(out, text, len, path);
  free(text);
  return rc;
}

/* ---- proposals ---- */

enum { P_CODE, P_KIND, P_PROBLEM, P_TARGET, P_MEASURE, P_COST, P_DIFFICULTY, P_BENEFIT, P_EFFECTIVENESS,
       P_PERSPECTIVE, P_CONSEQUENCES, P_OWNER, P_STATUS, P_UNIT, P_ACCOUNT, NP };

static const column proposal_columns[NP] = {
  {P_CODE, 1, "kod", {"kod", "code", "id", "nr", NULL}},
  {P_KIND, 1, "typ", {"typ", "kind", "type", "slag", NULL}},
  {P_PROBLEM, 0, "problem", {"problem", NULL}},
  {P_TARGET, 0, "målgrupp", {"malgrupp", "targetgroup", NULL}},
  {P_MEASURE, 1, "åtgärd", {"atgard", "measure", NULL}},
  {P_COST, 1, "kostnad", {"*kostnad", "*cost", NULL}},
  {P_DIFFICULTY, 1, "svårighetsgrad", {"svarighetsgrad", "difficulty", NULL}},
  {P_BENEFIT, 1, "nytta", {"nytta", "benefit", NULL}},
  {P_EFFECTIVENESS, 1, "kostnadseffektivitet", {"kostnadseffektivitet", "costeffectiveness", NULL}},
  {P_PERSPECTIVE, 0, "perspektiv", {"perspektiv", "perspective", NULL}},
  {P_CONSEQUENCES, 0, "konsekvensanalys",
   {"konsekvensanalys", "konsekvenser", "consequences", "consequenceanalysis", NULL}},
  {P_OWNER, 0, "ansvarig", {"ansvarig", "agare", "owner", "namnd", "forvaltning", NULL}},
  {P_STATUS, 0, "status", {"status", NULL}},
  {P_UNIT, 0, "enhet", {"enhet", "unit", "ansvarsomrade", NULL}},
  {P_ACCOUNT, 0, "konto", {"konto", "account", NULL}},
};

/* A scale's value by its Swedish or English name. */
static int scale(const sheet *s, int field, const char *const *swedish, const char *const *english, size_t count,
                 const char *expected, int *out)
{
  const char *text = cell(s, field);
  int k = choose(text, swedish, count);
  if (k < 0)
    k = choose(text, english, count);
  if (k < 0)
    return bad(s, field, "expected %s, not '%s'", expected, text);
  *out = k;
  return 0;
}

/* An amount in kr, or in tkr when its column's header says "tkr". */
static int amount_of(const sheet *s, int field, int64_t *amount, const char *note)
{
  tertial_strbuf key = {0};
  int rc = header_key(&key, tertial__table_cell(s->t, s->header, (size_t)s->col[field]));
  int tkr = rc == 0 && strstr(key.data, "tkr") != NULL;
  tertial__sb_clear(&key);
  if (rc < 0)
    return rc;
  const char *text = cell(s, field);
  if (tertial_money_parse(amount, text, TERTIAL_MONEY_ANY) < 0 || (tkr && tertial_money_mul(amount, *amount, 1000) < 0))
    return bad(s, field, "expected an amount in %s with at most two decimals%s, not '%s'", tkr ? "tkr" : "kr", note,
               text);
  return 0;
}

static int cost_of(const sheet *s, int64_t *cost)
{
  return amount_of(s, P_COST, cost, " (negative for a saving)");
}

static int proposal_row(tertial_proposals *list, tertial_proposals *added, const sheet *s)
{
  static const char *const kinds_en[] = {"prioritisation", "efficiency", "rationing"};
  static const char *const difficulty_en[] = {NULL, "very large", "large", "moderate", "small"};
  static const char *const benefit_en[] = {"none", "small", "moderate", "large", "very large"};
  static const char *const effectiveness_en[] = {NULL, "low", "moderate", "high", "very high"};
  static const char *const perspective_en[] = {"individual", "society", "organisation"};
  static const char *const perspective_sv[] = {"individ", "samhälle", "organisation"};
  static const char *const status_en[] = {"proposed", "decided", "lifted"};
  tertial_proposal p = TERTIAL_PROPOSAL_INIT;
  int k, rc;
  p.code = cell(s, P_CODE);
  p.problem = cell(s, P_PROBLEM);
  p.target_group = cell(s, P_TARGET);
  p.measure = cell(s, P_MEASURE);
  p.consequences = cell(s, P_CONSEQUENCES);
  p.owner = cell(s, P_OWNER);
  p.unit = cell(s, P_UNIT);
  p.account = cell(s, P_ACCOUNT);
  if (!*p.code)
    return bad(s, P_CODE, "expected the proposal's code");
  if (!*p.measure)
    return bad(s, P_MEASURE, "expected the measure (åtgärd)");
  if ((rc = scale(s, P_KIND, tertial__kind_names, kinds_en, 3, "prioritering, effektivisering or ransonering", &k)))
    return rc;
  p.kind = (tertial_proposal_kind)k;
  if ((rc = cost_of(s, &p.cost)))
    return rc;
  if ((rc = scale(s, P_DIFFICULTY, tertial__difficulty_names, difficulty_en, 5, "mycket stor, stor, måttlig or liten",
                  &k)))
    return rc;
  p.difficulty = (tertial_difficulty)k;
  if ((rc = scale(s, P_BENEFIT, tertial__benefit_names, benefit_en, 5, "mycket stor, stor, måttlig, liten or ingen",
                  &k)))
    return rc;
  p.benefit = (tertial_benefit)k;
  if ((rc = scale(s, P_EFFECTIVENESS, tertial__cost_effectiveness_names, effectiveness_en, 5,
                  "mycket hög, hög, måttlig or låg", &k)))
    return rc;
  p.cost_effectiveness = (tertial_cost_effectiveness)k;
  if (*cell(s, P_PERSPECTIVE)) {
    if (choose(cell(s, P_PERSPECTIVE), perspective_sv, 3) >= 0)
      k = choose(cell(s, P_PERSPECTIVE), perspective_sv, 3);
    else if ((rc = scale(s, P_PERSPECTIVE, tertial__perspective_names, perspective_en, 3,
                         "individ/medborgare, samhälle or organisation", &k)))
      return rc;
    p.perspective = (tertial_perspective)k;
  }
  if (*cell(s, P_STATUS)) {
    if ((rc = scale(s, P_STATUS, tertial__status_names, status_en, 3, "föreslagen, beslutad or lyft", &k)))
      return rc;
    p.status = (tertial_proposal_status)k;
  }
  /* a code is unique across the list and the rows read before */
  if ((rc = tertial__proposal_check(list, &p)) < 0 || (rc = tertial_proposals_add(added, &p)) < 0)
    return refused(s, P_CODE, rc);
  return 0;
}

int tertial_proposals_parse(tertial_proposals *list, const char *text, size_t len, const char *source)
{
  if (!list || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_proposals_parse: NULL argument");
  sheet s;
  tertial_proposals *added = NULL;
  size_t before = tertial_proposals_count(list);
  int rc = open_sheet(&s, text, len, source ? source : "proposals", proposal_columns, NP, "proposals");
  if (rc == 0)
    rc = tertial_proposals_new(&added);
  while (rc == 0 && next_row(&s))
    rc = proposal_row(list, added, &s);
  for (size_t i = 0; rc == 0 && i < tertial_proposals_count(added); i++)
    rc = tertial_proposals_add(list, tertial_proposals_at(added, i));
  tertial__table_free(s.t);
  tertial_proposals_free(added);
  if (rc < 0) /* out of memory while adding the rows read: none of them */
    tertial__proposals_truncate(list, before);
  return rc;
}

/* A list's _load(): the file read whole and given to its _parse() (through an adapter). */
typedef int (*parse_fn)(void *list, const char *text, size_t len, const char *source);

static int load_list(void *list, const char *path, const char *fn, parse_fn parse)
{
  char *text;
  size_t len;
  int rc = list ? read_text(&text, &len, path) : tertial__error(TERTIAL_ERR_INVALID, "%s: NULL", fn);
  if (rc < 0)
    return rc;
  rc = parse(list, text, len, path);
  free(text);
  return rc;
}

static int parse_proposals(void *list, const char *text, size_t len, const char *source)
{
  return tertial_proposals_parse(list, text, len, source);
}

int tertial_proposals_load(tertial_proposals *list, const char *path)
{
  return load_list(list, path, "tertial_proposals_load", parse_proposals);
}

int tertial_priority_rule_load(tertial_priority_rule **out, const char *path)
{
  if (!out)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_priority_rule_load: out is NULL");
  *out = NULL;
  char *text;
  size_t len;
  int rc = read_text(&text, &len, path);
  if (rc < 0)
    return rc;
  rc = memchr(text, '\0', len) ? tertial__error(TERTIAL_ERR_PARSE, "%s: not a text file", path)
                               : tertial_priority_rule_parse(out, text, path);
  free(text);
  return rc;
}

/* ---- internal control ---- */

enum { I_CODE, I_COMMITTEE, I_PROCESS, I_RISK, I_LIKELIHOOD, I_CONSEQUENCE, I_ACTIVITY, I_METHOD, I_FREQUENCY,
       I_RESPONSIBLE, I_POINT, I_CONTROL, I_RESULT, I_DEVIATIONS, I_MEASURES, NI };

static const column risk_columns[] = {
  {I_CODE, 1, "kod", {"kod", "code", "id", NULL}},
  {I_COMMITTEE, 0, "nämnd", {"namnd", "committee", NULL}},
  {I_PROCESS, 0, "process", {"process", "rutin", NULL}},
  {I_RISK, 1, "risk", {"risk", "riskbeskrivning", NULL}},
  {I_LIKELIHOOD, 1, "sannolikhet", {"sannolikhet", "likelihood", "probability", NULL}},
  {I_CONSEQUENCE, 1, "konsekvens", {"konsekvens", "consequence", "impact", NULL}},
};

static const column control_columns[] = {
  {I_CODE, 1, "kod", {"kod", "code", "id", NULL}},
  {I_RISK, 1, "risk", {"risk", NULL}},
  {I_ACTIVITY, 1, "kontrollmoment", {"kontrollmoment", "kontrollaktivitet", "activity", "controlactivity", NULL}},
  {I_METHOD, 0, "metod", {"metod", "method", NULL}},
  {I_FREQUENCY, 0, "frekvens", {"frekvens", "frequency", NULL}},
  {I_RESPONSIBLE, 0, "ansvarig", {"ansvarig", "responsible", NULL}},
  {I_POINT, 1, "rapporteras", {"rapporteras", "uppfoljning", "point", "reportingpoint", "reportedat", NULL}},
};

static const column result_columns[] = {
  {I_CONTROL, 1, "kontroll", {"kontroll", "control", NULL}},
  {I_POINT, 1, "uppföljning", {"uppfoljning", "point", "tillfalle", NULL}},
  {I_RESULT, 1, "resultat", {"resultat", "result", NULL}},
  {I_DEVIATIONS, 0, "avvikelser", {"avvikelser", "deviations", NULL}},
  {I_MEASURES, 0, "åtgärder", {"atgarder", "measures", NULL}},
};

static int scale_1_4(const sheet *s, int field, int *out)
{
  *out = number(cell(s, field), 1);
  if (*out < 1 || *out > 4)
    return bad(s, field, "expected 1, 2, 3 or 4, not '%s'", cell(s, field));
  return 0;
}

static int intcontrol_row(tertial_intcontrol *ic, tertial_intcontrol_table table, const sheet *s)
{
  int rc;
  if (table == TERTIAL_INTCONTROL_RISKS) {
    tertial_risk r = {cell(s, I_CODE), cell(s, I_COMMITTEE), cell(s, I_PROCESS), cell(s, I_RISK), 0, 0};
    if (!*r.code || !*r.risk)
      return bad(s, *r.code ? I_RISK : I_CODE, "expected %s", *r.code ? "the risk" : "the risk's code");
    if ((rc = scale_1_4(s, I_LIKELIHOOD, &r.likelihood)) || (rc = scale_1_4(s, I_CONSEQUENCE, &r.consequence)))
      return rc;
    return (rc = tertial_intcontrol_add_risk(ic, &r)) < 0 ? refused(s, I_CODE, rc) : 0;
  }
  if (table == TERTIAL_INTCONTROL_PLAN) {
    tertial_control c = {cell(s, I_CODE), cell(s, I_RISK), cell(s, I_ACTIVITY), cell(s, I_METHOD),
                         cell(s, I_FREQUENCY), cell(s, I_RESPONSIBLE), cell(s, I_POINT)};
    if (!*c.code || !*c.activity || !*c.point)
      return bad(s, !*c.code ? I_CODE : !*c.activity ? I_ACTIVITY : I_POINT, "expected a text");
    if ((rc = tertial_intcontrol_add_control(ic, &c)) < 0)
      return refused(s, rc == TERTIAL_ERR_NOT_FOUND ? I_RISK : I_CODE, rc);
    return 0;
  }
  tertial_control_result r = {cell(s, I_CONTROL), cell(s, I_POINT), cell(s, I_RESULT), 0, cell(s, I_MEASURES)};
  if (!*r.control || !*r.point || !*r.result)
    return bad(s, !*r.control ? I_CONTROL : !*r.point ? I_POINT : I_RESULT, "expected a text");
  if (*cell(s, I_DEVIATIONS) && (r.deviations = number(cell(s, I_DEVIATIONS), 6)) < 0)
    return bad(s, I_DEVIATIONS, "expected the number of deviations found (0 or more), not '%s'",
               cell(s, I_DEVIATIONS));
  return (rc = tertial_intcontrol_add_result(ic, &r)) < 0 ? refused(s, I_CONTROL, rc) : 0;
}

/* Everything the analysis holds of the table's kind, to take back what a failed read added. */
static size_t held(const tertial_intcontrol *ic, tertial_intcontrol_table table)
{
  return table == TERTIAL_INTCONTROL_RISKS ? tertial_intcontrol_risk_count(ic)
         : table == TERTIAL_INTCONTROL_PLAN ? tertial_intcontrol_control_count(ic)
                                             : tertial_intcontrol_result_count(ic);
}

int tertial_intcontrol_parse(tertial_intcontrol *ic, tertial_intcontrol_table table, const char *text, size_t len,
                             const char *source)
{
  if (!ic || !text || (unsigned)table > TERTIAL_INTCONTROL_RESULTS)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_intcontrol_parse: NULL argument or unknown table");
  static const char *const what[] = {"a risk analysis", "an internal control plan", "control results"};
  const column *cols[] = {risk_columns, control_columns, result_columns};
  const size_t ncols[] = {G_N_ELEMENTS(risk_columns), G_N_ELEMENTS(control_columns), G_N_ELEMENTS(result_columns)};
  sheet s;
  size_t before = held(ic, table);
  int rc = open_sheet(&s, text, len, source ? source : "internal control", cols[table], ncols[table], what[table]);
  while (rc == 0 && next_row(&s))
    rc = intcontrol_row(ic, table, &s);
  tertial__table_free(s.t);
  if (rc < 0)
    tertial__intcontrol_truncate(ic, table, before);
  return rc;
}

int tertial_intcontrol_load(tertial_intcontrol *ic, tertial_intcontrol_table table, const char *path)
{
  char *text;
  size_t len;
  int rc = ic ? read_text(&text, &len, path) : tertial__error(TERTIAL_ERR_INVALID, "tertial_intcontrol_load: NULL");
  if (rc < 0)
    return rc;
  rc = tertial_intcontrol_parse(ic, table, text, len, path);
  free(text);
  return rc;
}

/* ---- unfunded decisions ---- */

enum { U_CODE, U_COMMITTEE, U_DATE, U_DECIDED_BY, U_DESCRIPTION, U_COST, U_FUNDING, U_FUNDED, NU };

static const column unfunded_columns[NU] = {
  {U_CODE, 1, "kod", {"kod", "code", "diarienummer", "dnr", "id", NULL}},
  {U_COMMITTEE, 1, "nämnd", {"namnd", "committee", NULL}},
  {U_DATE, 1, "datum", {"datum", "date", "beslutsdatum", NULL}},
  {U_DECIDED_BY, 0, "beslutsorgan", {"beslutsorgan", "decidedby", "beslutatav", NULL}},
  {U_DESCRIPTION, 0, "beskrivning", {"beskrivning", "description", "beslut", NULL}},
  {U_COST, 1, "kostnad", {"*kostnad", "*cost", NULL}},
  {U_FUNDING, 0, "finansiering", {"finansiering", "funding", NULL}},
  {U_FUNDED, 0, "finansierat", {"*finansierat", "*funded", NULL}},
};

/* A date YYYY-MM-DD (a valid day). */
static int date_of(const sheet *s, int field, tertial_date *d)
{
  const char *t = cell(s, field);
  char y[5] = "", m[3] = "", day[3] = "";
  int days = 0;
  if (strlen(t) == 10 && t[4] == '-' && t[7] == '-') {
    memcpy(y, t, 4);
    memcpy(m, t + 5, 2);
    memcpy(day, t + 8, 2);
  }
  d->year = number(y, 4);
  d->month = number(m, 2);
  d->day = number(day, 2);
  if (d->year < 1 || d->month < 1 || d->day < 1 || tertial_days_in_month(&days, d->year, d->month) < 0 ||
      d->day > days)
    return bad(s, field, "expected a date YYYY-MM-DD, not '%s'", t);
  return 0;
}

static int unfunded_row(tertial_unfunded *list, const sheet *s)
{
  static const char *const funding_sv[] = {"ingen", "delvis"};
  static const char *const funding_en[] = {"none", "partial"};
  tertial_unfunded_decision d = TERTIAL_UNFUNDED_DECISION_INIT;
  int k, rc;
  d.code = cell(s, U_CODE);
  d.committee = cell(s, U_COMMITTEE);
  d.decided_by = cell(s, U_DECIDED_BY);
  d.description = cell(s, U_DESCRIPTION);
  if (!*d.code || !*d.committee)
    return bad(s, *d.code ? U_COMMITTEE : U_CODE, "expected %s", *d.code ? "the committee" : "the decision's code");
  if ((rc = date_of(s, U_DATE, &d.decided)) || (rc = amount_of(s, U_COST, &d.cost, ", above 0")))
    return rc;
  if (d.cost <= 0)
    return bad(s, U_COST, "expected a cost per year above 0, not '%s'", cell(s, U_COST));
  if (*cell(s, U_FUNDING)) {
    if ((rc = scale(s, U_FUNDING, funding_sv, funding_en, 2, "ingen or delvis", &k)))
      return rc;
    d.funding = (tertial_funding)k;
  }
  if (*cell(s, U_FUNDED) && (rc = amount_of(s, U_FUNDED, &d.funded, "")))
    return rc;
  if (d.funding == TERTIAL_FUNDING_NONE && d.funded != 0)
    return bad(s, U_FUNDED, "a decision without funding (finansiering ingen) has nothing funded, not '%s'",
               cell(s, U_FUNDED));
  if (d.funding == TERTIAL_FUNDING_PARTIAL && (d.funded <= 0 || d.funded >= d.cost))
    return bad(s, U_FUNDED, "expected the funded part of a partial funding, above 0 and below the cost '%s', not '%s'",
               cell(s, U_COST), cell(s, U_FUNDED));
  return (rc = tertial_unfunded_add(list, &d)) < 0 ? refused(s, U_CODE, rc) : 0;
}

int tertial_unfunded_parse(tertial_unfunded *list, const char *text, size_t len, const char *source)
{
  if (!list || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_unfunded_parse: NULL argument");
  sheet s;
  size_t before = tertial_unfunded_count(list);
  int rc = open_sheet(&s, text, len, source ? source : "unfunded decisions", unfunded_columns, NU,
                      "unfunded decisions");
  while (rc == 0 && next_row(&s))
    rc = unfunded_row(list, &s);
  tertial__table_free(s.t);
  if (rc < 0)
    tertial__unfunded_truncate(list, before);
  return rc;
}

static int parse_unfunded(void *list, const char *text, size_t len, const char *source)
{
  return tertial_unfunded_parse(list, text, len, source);
}

int tertial_unfunded_load(tertial_unfunded *list, const char *path)
{
  return load_list(list, path, "tertial_unfunded_load", parse_unfunded);
}

/* ---- the investment budget ---- */

/* The named columns; V_YEAR is the plan year being read (its column set per year). */
enum { V_CODE, V_NAME, V_UNIT, V_CATEGORY, V_STATUS, V_BUDGET, V_SPENT, V_YEAR };

static const column investment_columns[] = {
  {V_CODE, 1, "projekt", {"projekt", "kod", "code", "project", "projektnummer", "id", NULL}},
  {V_NAME, 0, "namn", {"namn", "benamning", "name", "projektnamn", NULL}},
  {V_UNIT, 1, "nämnd", {"namnd", "enhet", "unit", "committee", NULL}},
  {V_CATEGORY, 0, "kategori", {"kategori", "category", NULL}},
  {V_STATUS, 0, "status", {"status", NULL}},
  {V_BUDGET, 0, "budget (total)", {"*budget", "totalbudget", NULL}},
  {V_SPENT, 0, "utfall hittills", {"*utfall", "*spent", NULL}},
};

/* The plan years' columns: headers that are a year, alone or with "kr"/"tkr" ("2028 (tkr)"),
 * consecutive from the first. */
static int year_columns(const sheet *s, int *cols, int *first, int *count)
{
  unsigned line = s->t->rows[s->header].line;
  tertial_strbuf key = {0};
  int rc = 0;
  *count = 0;
  for (size_t c = 0; rc == 0 && c < s->t->rows[s->header].n; c++) {
    if ((rc = header_key(&key, tertial__table_cell(s->t, s->header, c))) < 0)
      break;
    char digits[5] = "";
    if (key.len >= 4)
      memcpy(digits, key.data, 4);
    int year = number(digits, 4);
    const char *unit = key.data + (key.len >= 4 ? 4 : key.len);
    int is_year = year >= 1900 && (strcmp(unit, "") == 0 || strcmp(unit, "kr") == 0 || strcmp(unit, "tkr") == 0);
    if (year >= 1900 && !is_year) /* "2027 (mnkr)", "2027 Mkr": a year's amounts, in a unit not read */
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%u:%zu: column \"%s\": expected a plan year alone or with kr or "
                          "tkr (\"2027\", \"2027 (tkr)\"), not in another unit",
                          s->t->source, line, c + 1, tertial__table_cell(s->t, s->header, c));
    else if (!is_year)
      continue;
    else if (*count == TERTIAL_INVESTMENT_YEARS)
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%u:%zu: at most %d plan years, not a further column \"%s\"",
                          s->t->source, line, c + 1, TERTIAL_INVESTMENT_YEARS,
                          tertial__table_cell(s->t, s->header, c));
    else if (*count > 0 && year != *first + *count)
      rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%u:%zu: expected the plan year %d after %d, not \"%s\"",
                          s->t->source, line, c + 1, *first + *count, *first + *count - 1,
                          tertial__table_cell(s->t, s->header, c));
    else {
      if (*count == 0)
        *first = year;
      cols[(*count)++] = (int)c;
    }
  }
  tertial__sb_clear(&key);
  if (rc == 0 && *count == 0)
    rc = tertial__error(TERTIAL_ERR_PARSE, "%s:%u: expected a column per plan year (\"2027\", \"2028 tkr\", ...) "
                                           "among the headers of investments",
                        s->t->source, line);
  return rc;
}

/* An amount of 0 kr or more in an optional column; *has is whether the cell is not empty. */
static int optional_amount(const sheet *s, int field, int *has, int64_t *out)
{
  *has = *cell(s, field) != '\0';
  if (!*has)
    return 0;
  int rc = amount_of(s, field, out, ", 0 or more");
  if (rc == 0 && *out < 0)
    return bad(s, field, "expected an amount of 0 or more, not '%s'", cell(s, field));
  return rc;
}

static int investment_row(tertial_investments *list, const sheet *s, const int *ycols, int first, int years)
{
  static const char *const status_en[] = {"proposed", "decided", "in progress", "finished"};
  tertial_investment p = TERTIAL_INVESTMENT_INIT;
  int k, rc;
  p.code = cell(s, V_CODE);
  p.name = cell(s, V_NAME);
  p.unit = cell(s, V_UNIT);
  p.category = cell(s, V_CATEGORY);
  if (!*p.code || !*p.unit)
    return bad(s, *p.code ? V_UNIT : V_CODE, "expected %s", *p.code ? "the committee or unit" : "the project's code");
  if (*cell(s, V_STATUS)) {
    if ((rc = scale(s, V_STATUS, tertial__investment_status_names, status_en, 4,
                    "föreslagen, beslutad, pågående or avslutad", &k)))
      return rc;
    p.status = (tertial_investment_status)k;
  }
  p.first_year = first;
  p.years = years;
  sheet y = *s;
  for (int i = 0; i < years; i++) {
    y.col[V_YEAR] = ycols[i];
    if (*cell(&y, V_YEAR) && (rc = amount_of(&y, V_YEAR, &p.amounts[i], "")))
      return rc;
  }
  if ((rc = optional_amount(s, V_BUDGET, &p.has_budget, &p.budget)) ||
      (rc = optional_amount(s, V_SPENT, &p.has_spent, &p.spent)))
    return rc;
  return (rc = tertial_investments_add(list, &p)) < 0 ? refused(s, V_CODE, rc) : 0;
}

int tertial_investments_parse(tertial_investments *list, const char *text, size_t len, const char *source)
{
  if (!list || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_investments_parse: NULL argument");
  sheet s;
  int ycols[TERTIAL_INVESTMENT_YEARS], first = 0, years = 0;
  size_t before = tertial_investments_count(list);
  int rc = open_sheet(&s, text, len, source ? source : "investments", investment_columns,
                      G_N_ELEMENTS(investment_columns), "investments");
  if (rc == 0)
    rc = year_columns(&s, ycols, &first, &years);
  while (rc == 0 && next_row(&s))
    rc = investment_row(list, &s, ycols, first, years);
  tertial__table_free(s.t);
  if (rc < 0)
    tertial__investments_truncate(list, before);
  return rc;
}

static int parse_investments(void *list, const char *text, size_t len, const char *source)
{
  return tertial_investments_parse(list, text, len, source);
}

int tertial_investments_load(tertial_investments *list, const char *path)
{
  return load_list(list, path, "tertial_investments_load", parse_investments);
}

/* ---- frame updates (frames.h) ---- */

enum { F_UNIT, F_ACCOUNT, F_KIND, F_RATE, F_PERSONS, F_PER_PERSON, F_AMOUNT, F_GROUP, F_TEXT, NF };

static const column frame_columns[NF] = {
  {F_UNIT, 1, "enhet", {"enhet", "unit", "namnd", "forvaltning", "committee", NULL}},
  {F_ACCOUNT, 1, "konto", {"konto", "account", NULL}},
  {F_KIND, 1, "typ", {"typ", "kind", "type", NULL}},
  {F_RATE, 0, "sats", {"*sats", "*rate", "*upprakning", NULL}},
  {F_PERSONS, 0, "antal", {"*antal", "*persons", "*befolkningsforandring", NULL}},
  {F_PER_PERSON, 0, "kostnad per invånare", {"*kostnadperinvanare", "*costperinhabitant", "*perinvanare", NULL}},
  {F_AMOUNT, 0, "belopp", {"*belopp", "*amount", NULL}},
  {F_GROUP, 0, "åldersgrupp", {"aldersgrupp", "agegroup", "alder", NULL}},
  {F_TEXT, 0, "text", {"text", "forklaring", "explanation", "beskrivning", NULL}},
};

/* A rate in percent with at most two decimals ("2,80", "-1.5 %") as basis points. */
static int rate_of(const sheet *s, int64_t *bp)
{
  char *t = tertial__strdup(cell(s, F_RATE));
  if (!t)
    return TERTIAL_ERR_NOMEM;
  size_t n = strlen(t);
  if (n && t[n - 1] == '%')
    t[n - 1] = '\0';
  g_strstrip(t);
  int rc = tertial_money_parse(bp, t, TERTIAL_MONEY_ANY) < 0 || *bp > TERTIAL_FRAME_MAX_RATE ||
                   *bp < -TERTIAL_FRAME_MAX_RATE
               ? bad(s, F_RATE, "expected a percent with at most two decimals, e.g. 2,80, not '%s'", cell(s, F_RATE))
               : 0;
  free(t);
  return rc;
}

/* A whole number of persons, may be signed ("+42", "-7", "1 200"). */
static int persons_of(const sheet *s, int64_t *out)
{
  int64_t ore;
  const char *t = cell(s, F_PERSONS);
  if (strpbrk(t, ",.") || tertial_money_parse(&ore, t[0] == '+' ? t + 1 : t, TERTIAL_MONEY_ANY) < 0 ||
      (t[0] == '+' && t[1] == '-'))
    return bad(s, F_PERSONS, "expected a whole number of persons (negative for fewer), not '%s'", t);
  *out = ore / 100;
  return 0;
}

static int frame_row(tertial_frame_update *u, const sheet *s)
{
  static const char *const kinds_sv[] = {"uppräkning", "volym", "belopp"};
  static const char *const kinds_en[] = {"indexation", "volume", "amount"};
  static const int used[3][NF] = {[TERTIAL_FRAME_INDEXATION] = {[F_RATE] = 1},
                                  [TERTIAL_FRAME_VOLUME] = {[F_PERSONS] = 1, [F_PER_PERSON] = 1, [F_GROUP] = 1},
                                  [TERTIAL_FRAME_AMOUNT] = {[F_AMOUNT] = 1}};
  static const char *const kinds_text[] = {"an indexation (uppräkning)", "a volume (volym)", "an amount (belopp)"};
  tertial_frame_line l = TERTIAL_FRAME_LINE_INIT;
  int k, rc;
  l.unit = cell(s, F_UNIT);
  l.account = cell(s, F_ACCOUNT);
  l.group = cell(s, F_GROUP);
  l.text = cell(s, F_TEXT);
  if (!*l.unit || !*l.account)
    return bad(s, *l.unit ? F_ACCOUNT : F_UNIT, "expected %s", *l.unit ? "an account" : "a unit's code");
  if ((rc = scale(s, F_KIND, kinds_sv, kinds_en, 3, "uppräkning, volym or belopp", &k)))
    return rc;
  l.kind = (tertial_frame_line_kind)k;
  for (int f = F_RATE; f <= F_GROUP; f++) {
    if (!used[k][f] && *cell(s, f))
      return bad(s, f, "%s line has no %s, not '%s'", kinds_text[k], frame_columns[f].label, cell(s, f));
    if (used[k][f] && f != F_GROUP && !*cell(s, f))
      return bad(s, f, "%s line needs its %s", kinds_text[k], frame_columns[f].label);
  }
  if (k == TERTIAL_FRAME_INDEXATION)
    rc = rate_of(s, &l.rate);
  else if (k == TERTIAL_FRAME_VOLUME && (rc = persons_of(s, &l.persons)) == 0)
    rc = amount_of(s, F_PER_PERSON, &l.per_person, "");
  else if (k == TERTIAL_FRAME_AMOUNT)
    rc = amount_of(s, F_AMOUNT, &l.amount, " (negative for less)");
  if (rc)
    return rc;
  return (rc = tertial_frame_update_add(u, &l)) < 0 ? refused(s, F_UNIT, rc) : 0;
}

int tertial_frame_update_parse(tertial_frame_update *update, const char *text, size_t len, const char *source)
{
  if (!update || !text)
    return tertial__error(TERTIAL_ERR_INVALID, "tertial_frame_update_parse: NULL argument");
  sheet s;
  size_t before = tertial_frame_update_count(update);
  int rc = open_sheet(&s, text, len, source ? source : "frame update", frame_columns, NF, "a frame update");
  while (rc == 0 && next_row(&s))
    rc = frame_row(update, &s);
  tertial__table_free(s.t);
  if (rc < 0)
    tertial__frame_update_truncate(update, before);
  return rc;
}

static int parse_frame_update(void *update, const char *text, size_t len, const char *source)
{
  return tertial_frame_update_parse(update, text, len, source);
}

int tertial_frame_update_load(tertial_frame_update *update, const char *path)
{
  return load_list(update, path, "tertial_frame_update_load", parse_frame_update);
}
