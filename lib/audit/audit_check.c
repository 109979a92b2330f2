/* The relations of printed tables, checked with exact integer arithmetic on the intervals the
 * printed values stand for, and the findings with their classes. */
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"
#include "strmap.h"

/* Amounts are compared in units of 10^-BASE kr: every printed value with up to 9 decimals is then
 * an integer, and so is half a unit of its last place. */
#define BASE 10

static const int64_t unit_factor[] = {1, 1, 1000, 1000000, 1};

static tertial_i128 pow10i(int e)
{
  tertial_i128 r = 1;
  while (e-- > 0)
    r *= 10;
  return r;
}

/* One printed value in a relation. */
typedef struct operand {
  const tertial_audit_value *v;
  tertial_audit_unit unit;
  int coef;            /* +1 or -1 */
  const char *name;    /* what it is, for the explanation of a flipped sign */
} operand;

static tertial_i128 base_of(const operand *o)
{
  return (tertial_i128)o->v->scaled * unit_factor[o->unit] * pow10i(BASE - o->v->decimals);
}

static tertial_i128 half_of(const operand *o)
{
  return (tertial_i128)5 * unit_factor[o->unit] * pow10i(BASE - 1 - o->v->decimals);
}

static tertial_i128 abs128(tertial_i128 x)
{
  return x < 0 ? -x : x;
}

/* What a check found: 0 when it holds, else the class, and the flipped operands for a sign. */
typedef struct verdict {
  int cls;
  unsigned flipped; /* bit 0 the target, bit k input k-1 */
  int64_t expected; /* in the target's unit and decimals */
} verdict;

static int popcount(unsigned x)
{
  return __builtin_popcount(x);
}

/* Beyond this (10^36 units of 10^-10 kr) a relation is not checked: sums, flips and tolerances
 * then stay far inside 128 bits. */
#define MAGNITUDE_LIMIT ((tertial_i128)1000000000000000000 * 1000000000000000000)

/* target = Σ coef × input; cls -1 when the values are too large to check. */
static verdict check_linear(const operand *target, const operand *in, size_t n)
{
  verdict r = {0, 0, 0};
  tertial_i128 mag = abs128(base_of(target));
  for (size_t i = 0; i < n && mag <= MAGNITUDE_LIMIT; i++)
    mag += abs128(base_of(&in[i]));
  if (mag > MAGNITUDE_LIMIT) {
    r.cls = -1;
    return r;
  }
  tertial_i128 sum = 0, tol = half_of(target), unit = 2 * half_of(target);
  for (size_t i = 0; i < n; i++) {
    sum += in[i].coef * base_of(&in[i]);
    tol += half_of(&in[i]);
    if (2 * half_of(&in[i]) > unit)
      unit = 2 * half_of(&in[i]);
  }
  tertial_i128 t = base_of(target), expected = tertial__div_round(sum, 2 * half_of(target));
  if (expected > INT64_MAX || expected < -INT64_MAX) {
    r.cls = -1;
    return r;
  }
  r.expected = (int64_t)expected;
  if (abs128(t - sum) < tol)
    return r;
  if (abs128(t - sum) < tol + unit) {
    r.cls = TERTIAL_AUDIT_ROUNDING;
    return r;
  }
  size_t m = n + 1;
  unsigned best = 0;
  int best_pop = 99;
  if (m <= 12) {
    for (unsigned mask = 1; mask < (1u << m) - 1; mask++) {
      if (popcount(mask) >= best_pop)
        continue;
      tertial_i128 tt = (mask & 1) ? -t : t, s = sum;
      int useless = (mask & 1) && t == 0;
      for (size_t i = 0; i < n; i++)
        if (mask & (1u << (i + 1))) {
          s -= 2 * in[i].coef * base_of(&in[i]);
          useless |= in[i].v->scaled == 0;
        }
      if (!useless && abs128(tt - s) < tol) {
        best = mask;
        best_pop = popcount(mask);
      }
    }
  } else {
    for (size_t i = 0; i <= n && !best; i++) {
      tertial_i128 tt = i == 0 ? -t : t, s = i == 0 ? sum : sum - 2 * in[i - 1].coef * base_of(&in[i - 1]);
      if (abs128(tt - s) < tol)
        best = 1u << i;
    }
  }
  r.cls = best ? TERTIAL_AUDIT_SIGN : TERTIAL_AUDIT_ERROR;
  r.flipped = best;
  return r;
}

/* Whether 100 × o / b, over the intervals of o and b, can lie within [p - w, p + w] where w is
 * `halves` half-units of p's last place. -1 when it cannot be computed exactly (b may be 0, too
 * large). */
static int ratio_overlaps(const operand *p, tertial_i128 pv, const operand *o, const operand *b, int halves)
{
  int dm = o->v->decimals > b->v->decimals ? o->v->decimals : b->v->decimals;
  tertial_i128 ov = 2 * (tertial_i128)o->v->scaled * unit_factor[o->unit] * pow10i(dm - o->v->decimals);
  tertial_i128 bv = 2 * (tertial_i128)b->v->scaled * unit_factor[b->unit] * pow10i(dm - b->v->decimals);
  tertial_i128 oh = unit_factor[o->unit] * pow10i(dm - o->v->decimals);
  tertial_i128 bh = unit_factor[b->unit] * pow10i(dm - b->v->decimals);
  if ((bv - bh <= 0 && bv + bh >= 0) || p->v->decimals > 6 || pv > 1000000000000 || pv < -1000000000000)
    return -1;
  if (abs128(ov) + oh > (tertial_i128)1e24 || abs128(bv) + bh > (tertial_i128)1e24)
    return -1;
  /* p's interval in units of 1/(2 × 10^dp) percent: [2pv - halves, 2pv + halves] */
  tertial_i128 scale = 200 * pow10i(p->v->decimals), lo = 2 * pv - halves, hi = 2 * pv + halves;
  int above_lo = 0, below_hi = 0;
  for (int i = 0; i < 4; i++) {
    tertial_i128 oc = ov + ((i & 1) ? oh : -oh), bc = bv + ((i & 2) ? bh : -bh);
    /* corner q = 100 oc / bc, compared with lo / (2 × 10^dp): q ≥ lo ⟺ scale oc ≥ lo bc (bc > 0) */
    tertial_i128 l = scale * oc, rlo = lo * bc, rhi = hi * bc;
    if (bc > 0) {
      above_lo |= l >= rlo;
      below_hi |= l <= rhi;
    } else {
      above_lo |= l <= rlo;
      below_hi |= l >= rhi;
    }
  }
  return above_lo && below_hi;
}

static verdict check_ratio(const operand *p, const operand *o, const operand *b, int *skip)
{
  verdict r = {0, 0, 0};
  int ok = ratio_overlaps(p, p->v->scaled, o, b, 1);
  *skip = ok < 0;
  if (ok != 0)
    return r;
  /* within the bounds ratio_overlaps() checked */
  int dm = o->v->decimals > b->v->decimals ? o->v->decimals : b->v->decimals;
  tertial_i128 num = (tertial_i128)o->v->scaled * unit_factor[o->unit] * pow10i(dm - o->v->decimals) * 100 *
                     pow10i(p->v->decimals);
  tertial_i128 den = (tertial_i128)b->v->scaled * unit_factor[b->unit] * pow10i(dm - b->v->decimals);
  tertial_i128 q = tertial__div_round(num, den);
  r.expected = q > INT64_MAX ? INT64_MAX : q < -INT64_MAX ? -INT64_MAX : (int64_t)q;
  if (ratio_overlaps(p, p->v->scaled, o, b, 3) == 1)
    r.cls = TERTIAL_AUDIT_ROUNDING;
  else if (ratio_overlaps(p, -p->v->scaled, o, b, 1) == 1)
    r.cls = TERTIAL_AUDIT_SIGN, r.flipped = 1;
  else
    r.cls = TERTIAL_AUDIT_ERROR;
  return r;
}

/* ---- findings ---- */

typedef struct place {
  audit_table *t;
  size_t ti, line, col;
} place;

static const char *class_sv(int cls)
{
  return cls == TERTIAL_AUDIT_ROUNDING ? " Skillnaden ryms i en avrundning till de tryckta decimalerna."
         : cls == TERTIAL_AUDIT_SIGN   ? " Det stämmer om tecknet byts på "
                                       : " Skillnaden förklaras varken av avrundning eller av ett bytt tecken.";
}

static const char *class_en(int cls)
{
  return cls == TERTIAL_AUDIT_ROUNDING ? " The difference is within one more unit of the printed decimals."
         : cls == TERTIAL_AUDIT_SIGN   ? " It holds with the sign flipped of "
                                       : " Neither rounding nor a flipped sign explains the difference.";
}

/* Record a finding; `sv` and `en` are taken (freed). 0 or TERTIAL_ERR_NOMEM. */
static int add_finding(tertial_audit *a, const place *at, tertial_audit_relation rel, const verdict *v, char *sv,
                       char *en, const operand *target, const operand *in, size_t n)
{
  audit_line *l = audit_line_at(at->t, at->line);
  const tertial_audit_value *pv = &l->values[at->col];
  tertial_audit_finding f = {0};
  f.table = at->ti;
  f.line = at->line;
  f.column = at->col;
  f.table_name = at->t->name;
  f.line_label = l->label;
  f.column_header = audit_column_at(at->t, at->col)->header;
  f.where = l->where;
  f.relation = rel;
  f.cls = (tertial_audit_class)v->cls;
  f.printed = pv->scaled;
  f.expected = v->expected;
  f.difference = pv->scaled - v->expected;
  f.decimals = pv->decimals;
  tertial_strbuf s = {0}, e = {0};
  int bad = !sv || !en;
  bad |= tertial__sb_append(&s, sv ? sv : "") < 0;
  bad |= tertial__sb_append(&e, en ? en : "") < 0;
  free(sv);
  free(en);
  bad |= tertial__sb_append(&s, class_sv(v->cls)) < 0;
  bad |= tertial__sb_append(&e, class_en(v->cls)) < 0;
  if (v->cls == TERTIAL_AUDIT_SIGN) {
    int first = 1;
    for (size_t i = 0; i <= n; i++)
      if (v->flipped & (1u << i)) {
        const char *name = i == 0 ? target->name : in[i - 1].name;
        bad |= tertial__sb_printf(&s, "%s%s", first ? "" : ", ", name) < 0;
        bad |= tertial__sb_printf(&e, "%s%s", first ? "" : ", ", name) < 0;
        first = 0;
      }
    bad |= tertial__sb_append(&s, ".") < 0;
    bad |= tertial__sb_append(&e, ".") < 0;
  }
  if (bad) {
    tertial__sb_clear(&s);
    tertial__sb_clear(&e);
    return TERTIAL_ERR_NOMEM;
  }
  f.explanation = tertial__audit_keep(a, tertial__sb_steal(&s));
  f.explanation_en = tertial__audit_keep(a, tertial__sb_steal(&e));
  if (!f.explanation || !f.explanation_en)
    return TERTIAL_ERR_NOMEM;
  return tertial__audit_vec_add(&a->findings, &f, sizeof f);
}

static char *fmt(int64_t v, int d)
{
  return tertial__audit_format_value(v, d);
}

/* The printed and expected values of a finding, formatted; 0 or TERTIAL_ERR_NOMEM (both NULL). */
static int fmt_pair(char **e, char **p, int64_t expected, int64_t printed, int d)
{
  *e = fmt(expected, d);
  *p = fmt(printed, d);
  if (*e && *p)
    return 0;
  free(*e);
  free(*p);
  *e = *p = NULL;
  return TERTIAL_ERR_NOMEM;
}

/* ---- sums ---- */

static int numeric(const tertial_audit_value *v)
{
  return v->kind == TERTIAL_AUDIT_NUMBER && !v->percent;
}

/* The lines a line sums: its children, a heading without values standing for its own. */
static int children_of(audit_vec *out, const audit_table *t, long parent, int depth)
{
  const audit_line *p = audit_line_at(t, (size_t)parent);
  int rc = 0;
  for (size_t k = 0; rc == 0 && k < p->nchildren && depth < 32; k++) {
    long i = AUDIT_AT(t->children, long, p->first_child + k);
    const audit_line *c = audit_line_at(t, (size_t)i);
    if (c->kind == TERTIAL_AUDIT_LINE_VARAV)
      continue;
    if (c->kind == TERTIAL_AUDIT_LINE_HEADING)
      rc = children_of(out, t, i, depth + 1);
    else
      rc = tertial__audit_vec_add(out, &i, sizeof i);
  }
  return rc;
}

static int check_sums(tertial_audit *a, audit_table *t, size_t ti)
{
  audit_vec kids = {0};
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < t->lines.len; i++) {
    audit_line *l = audit_line_at(t, i);
    if (l->kind == TERTIAL_AUDIT_LINE_HEADING)
      continue;
    kids.len = 0;
    if ((rc = children_of(&kids, t, (long)i, 0)) < 0)
      break;
    if (!kids.len)
      continue;
    operand *in = tertial__calloc(kids.len, sizeof *in);
    if (!in) {
      rc = TERTIAL_ERR_NOMEM;
      break;
    }
    for (size_t c = 0; rc == 0 && c < t->columns.len; c++) {
      audit_column *col = audit_column_at(t, c);
      if (col->meaning == TERTIAL_AUDIT_IDENTIFIER || col->meaning == TERTIAL_AUDIT_USED_PERCENT ||
          col->unit == TERTIAL_AUDIT_PERCENT || !numeric(&l->values[c]))
        continue;
      int ok = 1;
      for (size_t k = 0; k < kids.len && ok; k++) {
        audit_line *kl = audit_line_at(t, (size_t)AUDIT_AT(kids, long, k));
        ok = numeric(&kl->values[c]);
        in[k] = (operand){&kl->values[c], col->unit, 1, kl->label};
      }
      if (!ok)
        continue;
      operand target = {&l->values[c], col->unit, 1, l->label};
      verdict v = check_linear(&target, in, kids.len);
      a->checked += v.cls >= 0;
      if (v.cls <= 0)
        continue;
      char *e, *p;
      if ((rc = fmt_pair(&e, &p, v.expected, l->values[c].scaled, l->values[c].decimals)) < 0)
        break;
      char *sv = tertial__audit_printf("\"%s\" ska vara summan av %zu rader (%s%s): %s väntat, %s tryckt.", l->label,
                                       kids.len, in[0].name, kids.len > 1 ? " …" : "", e, p);
      char *en = tertial__audit_printf("\"%s\" should be the sum of %zu lines (%s%s): %s expected, %s printed.",
                                       l->label, kids.len, in[0].name, kids.len > 1 ? " …" : "", e, p);
      place at = {t, ti, i, c};
      rc = add_finding(a, &at, TERTIAL_AUDIT_SUM, &v, sv, en, &target, in, kids.len);
      free(e), free(p);
    }
    free(in);
  }
  tertial__audit_vec_free(&kids, NULL);
  return rc;
}

/* ---- column relations ---- */

static long column_of(const audit_table *t, tertial_audit_meaning m)
{
  for (size_t c = 0; c < t->columns.len; c++)
    if (audit_column_at(t, c)->meaning == m)
      return (long)c;
  return -1;
}

/* target = sign × (x − y), checked on one line. */
static verdict diff_on(const audit_table *t, const audit_line *l, long tc, long xc, long yc, int sign, int *ok)
{
  verdict none = {0, 0, 0};
  *ok = numeric(&l->values[tc]) && numeric(&l->values[xc]) && numeric(&l->values[yc]);
  if (!*ok)
    return none;
  operand target = {&l->values[tc], audit_column_at(t, (size_t)tc)->unit, 1, audit_column_at(t, (size_t)tc)->header};
  operand in[2] = {{&l->values[xc], audit_column_at(t, (size_t)xc)->unit, sign, audit_column_at(t, (size_t)xc)->header},
                   {&l->values[yc], audit_column_at(t, (size_t)yc)->unit, -sign, audit_column_at(t, (size_t)yc)->header}};
  return check_linear(&target, in, 2);
}

/* A deviation column target = budget − actual or actual − budget: the convention declared, or the
 * one that holds on more lines (budget − actual on a tie). */
static int check_difference(tertial_audit *a, audit_table *t, size_t ti, long tc, long bc, long ac,
                             tertial_audit_sign declared, tertial_audit_relation rel)
{
  audit_column *col = audit_column_at(t, (size_t)tc);
  const char *bh = audit_column_at(t, (size_t)bc)->header, *ah = audit_column_at(t, (size_t)ac)->header;
  tertial_audit_sign sign = col->declared_sign ? col->declared_sign : declared;
  if (!sign) {
    int hold[2] = {0, 0}, lines = 0;
    for (size_t i = 0; i < t->lines.len; i++) {
      int ok;
      verdict v1 = diff_on(t, audit_line_at(t, i), tc, bc, ac, 1, &ok);
      verdict v2 = diff_on(t, audit_line_at(t, i), tc, bc, ac, -1, &ok);
      lines += ok && v1.cls >= 0;
      hold[0] += ok && !v1.cls;
      hold[1] += ok && !v2.cls;
    }
    sign = hold[1] > hold[0] ? TERTIAL_AUDIT_ACTUAL_MINUS_BUDGET : TERTIAL_AUDIT_BUDGET_MINUS_ACTUAL;
    int h = sign == TERTIAL_AUDIT_BUDGET_MINUS_ACTUAL ? hold[0] : hold[1];
    if (lines && tertial__audit_assume(a, "%s: \"%s\" = %s − %s (holds on %d of %d lines)", t->name, col->header,
                            sign == TERTIAL_AUDIT_BUDGET_MINUS_ACTUAL ? bh : ah,
                            sign == TERTIAL_AUDIT_BUDGET_MINUS_ACTUAL ? ah : bh, h, lines) < 0)
      return TERTIAL_ERR_NOMEM;
  }
  col->sign = sign;
  int s = sign == TERTIAL_AUDIT_BUDGET_MINUS_ACTUAL ? 1 : -1, rc = 0;
  for (size_t i = 0; rc == 0 && i < t->lines.len; i++) {
    audit_line *l = audit_line_at(t, i);
    int ok;
    verdict v = diff_on(t, l, tc, bc, ac, s, &ok);
    a->checked += ok && v.cls >= 0;
    if (!ok || v.cls <= 0)
      continue;
    const tertial_audit_value *pv = &l->values[tc];
    char *e, *p;
    if ((rc = fmt_pair(&e, &p, v.expected, pv->scaled, pv->decimals)) < 0)
      break;
    const char *x = s > 0 ? bh : ah, *y = s > 0 ? ah : bh;
    char *sv = tertial__audit_printf("\"%s\" ska vara %s − %s = %s, tryckt %s.", col->header, x, y, e, p);
    char *en = tertial__audit_printf("\"%s\" should be %s − %s = %s; printed %s.", col->header, x, y, e, p);
    operand target = {pv, col->unit, 1, col->header};
    operand in[2] = {{&l->values[bc], col->unit, s, bh}, {&l->values[ac], col->unit, -s, ah}};
    place at = {t, ti, i, (size_t)tc};
    rc = add_finding(a, &at, rel, &v, sv, en, &target, in, 2);
    free(e), free(p);
  }
  return rc;
}

static int check_used_percent(tertial_audit *a, audit_table *t, size_t ti, long pc, long oc, long bc)
{
  audit_column *col = audit_column_at(t, (size_t)pc);
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < t->lines.len; i++) {
    audit_line *l = audit_line_at(t, i);
    if (l->values[pc].kind != TERTIAL_AUDIT_NUMBER || !numeric(&l->values[oc]) || !numeric(&l->values[bc]))
      continue;
    operand p = {&l->values[pc], TERTIAL_AUDIT_PERCENT, 1, col->header};
    operand o = {&l->values[oc], audit_column_at(t, (size_t)oc)->unit, 1, audit_column_at(t, (size_t)oc)->header};
    operand b = {&l->values[bc], audit_column_at(t, (size_t)bc)->unit, 1, audit_column_at(t, (size_t)bc)->header};
    int skip;
    verdict v = check_ratio(&p, &o, &b, &skip);
    if (skip)
      continue;
    a->checked++;
    if (!v.cls)
      continue;
    char *e, *pp;
    if ((rc = fmt_pair(&e, &pp, v.expected, p.v->scaled, p.v->decimals)) < 0)
      break;
    char *sv = tertial__audit_printf("\"%s\" ska vara 100 × %s / %s = %s, tryckt %s.", col->header, o.name, b.name,
                                     e, pp);
    char *en = tertial__audit_printf("\"%s\" should be 100 × %s / %s = %s; printed %s.", col->header, o.name,
                                     b.name, e, pp);
    place at = {t, ti, i, (size_t)pc};
    rc = add_finding(a, &at, TERTIAL_AUDIT_REL_USED_PERCENT, &v, sv, en, &p, NULL, 0);
    free(e), free(pp);
  }
  return rc;
}

static int check_columns(tertial_audit *a, audit_table *t, size_t ti)
{
  long out = column_of(t, TERTIAL_AUDIT_OUTCOME), bud = column_of(t, TERTIAL_AUDIT_BUDGET);
  long annual = column_of(t, TERTIAL_AUDIT_ANNUAL_BUDGET), fc = column_of(t, TERTIAL_AUDIT_FORECAST);
  long dev = column_of(t, TERTIAL_AUDIT_DEVIATION), fdev = column_of(t, TERTIAL_AUDIT_FORECAST_DEVIATION);
  long used = column_of(t, TERTIAL_AUDIT_USED_PERCENT), rem = column_of(t, TERTIAL_AUDIT_REMAINING);
  long year = annual >= 0 ? annual : bud;
  int rc = 0;
  if (annual < 0 && bud >= 0 && (fdev >= 0 || used >= 0 || rem >= 0))
    rc = tertial__audit_assume(a, "%s: \"%s\" is also the annual budget (the table prints no other)", t->name,
                               audit_column_at(t, (size_t)bud)->header);
  if (rc == 0 && dev >= 0 && bud >= 0 && out >= 0)
    rc = check_difference(a, t, ti, dev, bud, out, a->spec_deviation, TERTIAL_AUDIT_REL_DEVIATION);
  if (rc == 0 && fdev >= 0 && year >= 0 && fc >= 0)
    rc = check_difference(a, t, ti, fdev, year, fc, a->spec_forecast_deviation, TERTIAL_AUDIT_REL_FORECAST_DEVIATION);
  if (rc == 0 && rem >= 0 && year >= 0 && out >= 0)
    rc = check_difference(a, t, ti, rem, year, out, TERTIAL_AUDIT_BUDGET_MINUS_ACTUAL, TERTIAL_AUDIT_REL_REMAINING);
  if (rc == 0 && used >= 0 && year >= 0 && out >= 0)
    rc = check_used_percent(a, t, ti, used, out, year);
  return rc;
}

/* ---- across tables ---- */

/* Whether two lines have the same code. */
static int same_code(const audit_line *x, const audit_line *y)
{
  return x->code && y->code && strcmp(x->code, y->code) == 0;
}

static int label_is(const audit_line *l, const char *norm_name)
{
  return *norm_name && strcmp(l->norm, norm_name) == 0;
}

/* The columns of y matching column c of x: the same meaning (an amount's), or for other amounts
 * the same header. */
static long matching_column(const audit_table *x, size_t c, const audit_table *y)
{
  const audit_column *xc = audit_column_at(x, c);
  if (xc->meaning == TERTIAL_AUDIT_IDENTIFIER)
    return -1;
  for (size_t k = 0; k < y->columns.len; k++) {
    const audit_column *yc = audit_column_at(y, k);
    if (xc->meaning != TERTIAL_AUDIT_OTHER ? yc->meaning == xc->meaning
                                           : yc->meaning == TERTIAL_AUDIT_OTHER &&
                                               g_ascii_strcasecmp(yc->header, xc->header) == 0)
      return (long)k;
  }
  return -1;
}

/* printed (y's line, column yc) = the same item printed elsewhere (x's line, column xc). */
static int compare_item(tertial_audit *a, size_t yi, size_t yl, long yc, size_t xi, size_t xl, long xc,
                        tertial_audit_relation rel)
{
  audit_table *y = audit_table_at(a, yi), *x = audit_table_at(a, xi);
  audit_line *ly = audit_line_at(y, yl), *lx = audit_line_at(x, xl);
  if (!numeric(&ly->values[yc]) || !numeric(&lx->values[xc]))
    return 0;
  const char *yh = audit_column_at(y, (size_t)yc)->header;
  operand target = {&ly->values[yc], audit_column_at(y, (size_t)yc)->unit, 1, yh};
  char *other = tertial__audit_printf("\"%s\" i \"%s\"", lx->label, x->name);
  if (!other)
    return TERTIAL_ERR_NOMEM;
  operand in = {&lx->values[xc], audit_column_at(x, (size_t)xc)->unit, 1, other};
  verdict v = check_linear(&target, &in, 1);
  a->checked += v.cls >= 0;
  int rc = 0;
  char *e, *p;
  if (v.cls > 0 && (rc = fmt_pair(&e, &p, v.expected, ly->values[yc].scaled, ly->values[yc].decimals)) == 0) {
    char *sv, *en;
    if (rel == TERTIAL_AUDIT_REASONS) {
      sv = tertial__audit_printf("Orsakerna till \"%s\" ska summera till prognosavvikelsen %s (\"%s\" i \"%s\"), "
                                 "tryckt %s.", ly->label, e, lx->label, x->name, p);
      en = tertial__audit_printf("The reasons of \"%s\" should add up to the forecast deviation %s (\"%s\" in "
                                 "\"%s\"); printed %s.", ly->label, e, lx->label, x->name, p);
    } else {
      sv = tertial__audit_printf("Samma post står som %s i \"%s\" (raden \"%s\", %s), tryckt här %s.", e, x->name,
                                 lx->label, audit_column_at(x, (size_t)xc)->header, p);
      en = tertial__audit_printf("The same item is printed as %s in \"%s\" (line \"%s\", %s); printed here %s.", e,
                                 x->name, lx->label, audit_column_at(x, (size_t)xc)->header, p);
    }
    place at = {y, yi, yl, (size_t)yc};
    rc = add_finding(a, &at, rel, &v, sv, en, &target, &in, 1);
    free(e), free(p);
  }
  free(other);
  return rc;
}

/* Lines by code ("c" CODE) and by label ("l" LABEL): for each key, (table << 32 | line) in order. */
typedef struct line_index {
  tertial_strmap map; /* key -> index in keys and lists */
  audit_vec keys;     /* char* (owned) */
  audit_vec lists;    /* audit_vec of uint64_t */
} line_index;

static void line_index_free(line_index *ix)
{
  tertial__strmap_free(&ix->map);
  tertial__audit_vec_free(&ix->keys, free);
  for (size_t i = 0; i < ix->lists.len; i++)
    tertial__audit_vec_free(&AUDIT_AT(ix->lists, audit_vec, i), NULL);
  tertial__audit_vec_free(&ix->lists, NULL);
}

static int index_add(line_index *ix, char *key, uint64_t at)
{
  uint32_t k;
  if (tertial__strmap_get(&ix->map, key, &k)) {
    free(key);
    return tertial__audit_vec_add(&AUDIT_AT(ix->lists, audit_vec, k), &at, sizeof at);
  }
  audit_vec list = {0};
  if (tertial__audit_vec_add(&list, &at, sizeof at) < 0 || tertial__audit_vec_add(&ix->lists, &list, sizeof list) < 0) {
    tertial__audit_vec_free(&list, NULL);
    free(key);
    return TERTIAL_ERR_NOMEM;
  }
  if (tertial__audit_vec_add_ptr(&ix->keys, key) < 0) {
    free(key);
    return TERTIAL_ERR_NOMEM; /* the list is freed with the others */
  }
  return tertial__strmap_put(&ix->map, key, (uint32_t)(ix->keys.len - 1));
}

static int index_lines(line_index *ix, const tertial_audit *a)
{
  for (size_t ti = 0; ti < a->tables.len; ti++) {
    const audit_table *t = audit_table_at(a, ti);
    for (size_t i = 0; i < t->lines.len; i++) {
      const audit_line *l = audit_line_at(t, i);
      uint64_t at = (uint64_t)ti << 32 | i;
      for (int k = 0; k < 2; k++) {
        if ((k == 0 && !l->code) || (k == 1 && !*l->norm))
          continue;
        char *key = tertial__audit_printf("%s%s", k == 0 ? "c" : "l", k == 0 ? l->code : l->norm);
        if (!key || index_add(ix, key, at) < 0)
          return TERTIAL_ERR_NOMEM;
      }
    }
  }
  return 0;
}

static int by_place(const void *x, const void *y)
{
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return a < b ? -1 : a > b;
}

/* The lines of other tables with the code of table x's total or labelled with x's name, in order. */
static int naming_lines(audit_vec *out, const line_index *ix, const audit_table *x, const audit_line *tx)
{
  out->len = 0;
  for (int k = 0; k < 2; k++) {
    if ((k == 0 && !tx->code) || (k == 1 && !*x->norm))
      continue;
    char *key = tertial__audit_printf("%s%s", k == 0 ? "c" : "l", k == 0 ? tx->code : x->norm);
    if (!key)
      return TERTIAL_ERR_NOMEM;
    uint32_t li;
    int found = tertial__strmap_get(&ix->map, key, &li);
    free(key);
    if (!found)
      continue;
    const audit_vec *list = &AUDIT_AT(ix->lists, audit_vec, li);
    for (size_t i = 0; i < list->len; i++)
      if (tertial__audit_vec_add(out, &AUDIT_AT(*list, uint64_t, i), sizeof(uint64_t)) < 0)
        return TERTIAL_ERR_NOMEM;
  }
  if (out->len)
    qsort(out->data, out->len, sizeof(uint64_t), by_place);
  size_t w = 0;
  for (size_t i = 0; i < out->len; i++)
    if (!w || AUDIT_AT(*out, uint64_t, w - 1) != AUDIT_AT(*out, uint64_t, i))
      AUDIT_AT(*out, uint64_t, w++) = AUDIT_AT(*out, uint64_t, i);
  out->len = w;
  return 0;
}

static int check_same_items(tertial_audit *a)
{
  line_index index = {0};
  audit_vec found = {0};
  int rc = index_lines(&index, a);
  for (size_t xi = 0; rc == 0 && xi < a->tables.len; xi++) {
    audit_table *x = audit_table_at(a, xi);
    if (x->total < 0 || column_of(x, TERTIAL_AUDIT_REASON_AMOUNT) >= 0)
      continue;
    audit_line *tx = audit_line_at(x, (size_t)x->total);
    rc = naming_lines(&found, &index, x, tx);
    for (size_t f = 0; rc == 0 && f < found.len; f++) {
      uint64_t place_f = AUDIT_AT(found, uint64_t, f);
      size_t yi = (size_t)(place_f >> 32), k = (size_t)(uint32_t)place_f;
      audit_table *y = audit_table_at(a, yi);
      audit_line *ly = audit_line_at(y, k);
      /* tables of the same title are parallel (one per unit): their codes name other items */
      if (yi == xi || column_of(y, TERTIAL_AUDIT_REASON_AMOUNT) >= 0 || strcmp(x->name, y->name) == 0)
        continue;
      if ((long)k == y->total && yi < xi && same_code(tx, ly))
        continue; /* the pair of totals was compared from the other side */
      if ((long)k != y->total && y->total >= 0 && same_code(ly, audit_line_at(y, (size_t)y->total)))
        continue; /* a table whose total bears the code too: the total is the item, this line a part of it
                   * (a unit's own line, "Socialnämnden (egen)", above the unit's Summa) */
      for (size_t c = 0; rc == 0 && c < x->columns.len; c++) {
        long yc = matching_column(x, c, y);
        if (yc >= 0)
          rc = compare_item(a, yi, k, yc, xi, (size_t)x->total, (long)c, TERTIAL_AUDIT_SAME_ITEM);
      }
    }
  }
  tertial__audit_vec_free(&found, NULL);
  line_index_free(&index);
  return rc;
}

/* The other tables in the order a reasons table's unit is looked for in: those of its own source
 * from the nearest above it upwards, then those below it, then the other sources' (a report with
 * its child reports, or a workbook with a sheet per committee, repeats the units' names). */
static int nearest_first(audit_vec *order, const tertial_audit *a, size_t ri)
{
  const audit_table *r = audit_table_at(a, ri);
  int rc = 0;
  order->len = 0;
  for (size_t k = ri; rc == 0 && k-- > 0;)
    if (strcmp(audit_table_at(a, k)->source, r->source) == 0)
      rc = tertial__audit_vec_add(order, &k, sizeof k);
  for (size_t k = ri + 1; rc == 0 && k < a->tables.len; k++)
    if (strcmp(audit_table_at(a, k)->source, r->source) == 0)
      rc = tertial__audit_vec_add(order, &k, sizeof k);
  for (size_t k = 0; rc == 0 && k < a->tables.len; k++)
    if (strcmp(audit_table_at(a, k)->source, r->source) != 0)
      rc = tertial__audit_vec_add(order, &k, sizeof k);
  return rc;
}
/* A table (not a reasons table) that prints a forecast deviation; its column or -1. */
static long forecast_deviation_of(const audit_table *t)
{
  return column_of(t, TERTIAL_AUDIT_REASON_AMOUNT) >= 0 ? -1 : column_of(t, TERTIAL_AUDIT_FORECAST_DEVIATION);
}

/* The forecast deviation of the unit a reasons table's total explains: a table whose name the
 * reasons table's name contains, a line so named, or else the nearest table of the same source
 * with a total. */
static int reasons_unit(const tertial_audit *a, size_t ri, const audit_vec *order, size_t *ti, size_t *li)
{
  const audit_table *r = audit_table_at(a, ri);
  const char *rn = r->norm;
  int found = 0;
  for (size_t o = 0; o < order->len && !found; o++) {
    size_t k = AUDIT_AT(*order, size_t, o);
    const audit_table *t = audit_table_at(a, k);
    if (t->total >= 0 && forecast_deviation_of(t) >= 0 && strlen(t->norm) >= 3 && strstr(rn, t->norm))
      *ti = k, *li = (size_t)t->total, found = 1;
  }
  for (size_t o = 0; o < order->len && !found; o++) {
    size_t k = AUDIT_AT(*order, size_t, o);
    const audit_table *t = audit_table_at(a, k);
    if (forecast_deviation_of(t) < 0)
      continue;
    for (size_t i = 0; i < t->lines.len && !found; i++) {
      const char *n = audit_line_at(t, i)->norm;
      if (strlen(n) >= 3 && strstr(rn, n))
        *ti = k, *li = i, found = 1;
    }
  }
  for (size_t o = 0; o < order->len && !found; o++) {
    size_t k = AUDIT_AT(*order, size_t, o);
    const audit_table *t = audit_table_at(a, k);
    if (t->total >= 0 && forecast_deviation_of(t) >= 0 && strcmp(t->source, r->source) == 0)
      *ti = k, *li = (size_t)t->total, found = 1;
  }
  return found;
}

static int check_reasons(tertial_audit *a)
{
  audit_vec order = {0};
  int rc = 0;
  for (size_t ri = 0; rc == 0 && ri < a->tables.len; ri++) {
    audit_table *r = audit_table_at(a, ri);
    long rc_col = column_of(r, TERTIAL_AUDIT_REASON_AMOUNT);
    if (rc_col < 0)
      continue;
    if ((rc = nearest_first(&order, a, ri)) < 0)
      break;
    size_t ti = 0, li = 0;
    if (r->total >= 0 && reasons_unit(a, ri, &order, &ti, &li)) {
      audit_table *t = audit_table_at(a, ti);
      rc = tertial__audit_assume(a, "%s: the total explains the forecast deviation of \"%s\" in \"%s\"", r->name,
                                 audit_line_at(t, li)->label, t->name);
      if (rc == 0)
        rc = compare_item(a, ri, (size_t)r->total, rc_col, ti, li, forecast_deviation_of(t), TERTIAL_AUDIT_REASONS);
    }
    /* each unit's group of reasons, against the nearest line of that unit */
    for (size_t g = 0; rc == 0 && g < r->lines.len; g++) {
      audit_line *lg = audit_line_at(r, g);
      if (!lg->nchildren || (long)g == r->total)
        continue;
      const char *name = lg->norm;
      int done = 0;
      for (size_t o = 0; o < order.len && !done; o++) {
        size_t k = AUDIT_AT(order, size_t, o);
        audit_table *t = audit_table_at(a, k);
        long fc = forecast_deviation_of(t);
        for (size_t i = 0; fc >= 0 && i < t->lines.len && !done; i++) {
          audit_line *l = audit_line_at(t, i);
          if (same_code(lg, l) || label_is(l, name)) {
            rc = compare_item(a, ri, g, rc_col, k, i, fc, TERTIAL_AUDIT_REASONS);
            done = 1;
          }
        }
      }
    }
  }
  tertial__audit_vec_free(&order, NULL);
  return rc;
}

int tertial__audit_check(tertial_audit *a)
{
  int rc = 0;
  for (size_t ti = 0; rc == 0 && ti < a->tables.len; ti++) {
    audit_table *t = audit_table_at(a, ti);
    rc = check_sums(a, t, ti);
    if (rc == 0)
      rc = check_columns(a, t, ti);
  }
  if (rc == 0)
    rc = check_same_items(a);
  if (rc == 0)
    rc = check_reasons(a);
  return rc == TERTIAL_ERR_NOMEM ? tertial__nomem("tertial_audit_run: the checks") : rc;
}
