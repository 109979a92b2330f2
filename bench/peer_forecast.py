#!/usr/bin/python3
"""The pandas peer of bench_forecast: the same forecasts and backtest, vectorised, timed.

    /usr/bin/python3 bench/peer_forecast.py DUMP [--verify CSV]

DUMP is written by `bench_forecast --dump` (layout in bench/README.md, "Forecast benchmark").
Reading it and building the ledger DataFrame is untimed (as loading Tertial's model is); then,
timed:

  apply     the ledger's (unit, account) lines grouped to (unit, line row) with pandas groupby;
            the (unit, row) pairs that get a forecast (amounts, or named by the plan); the method
            of each pair (nearest rule up the organisation, a rule for the row beating a rule for
            all rows at the same unit); every base method with its fallbacks; volume drivers,
            manual figures, adjustments.
  backtest  for every series and cut-off 1..12 the mean absolute error over the past years of
            remaining budget, linear, budget profile, last year's profile and run rate (n = 3),
            and the best of them (ties to the earlier).

All money is int64 and every division rounds half away from zero exactly (div_round below).
Where exactness forced a slower path: a profile method multiplies the outcome so far by an annual
total before dividing; where that product may not fit in int64 (|a|·|b| ≥ 2^62, judged on floats
with a wide margin) those elements are computed on Python integers (object arrays), the rest on
int64. The count of such elements is printed (slow_path=). Sums of months and of accounts are
checked once against a bound at load time (untimed) so int64 cannot overflow there.

Peak memory is getrusage(RUSAGE_SELF).ru_maxrss; it includes the loaded dump (rss_load_kb).
"""
import argparse
import resource
import sys
import time

import numpy as np
import pandas as pd

MONTHS = 12
U64 = np.uint64
M_REMAINING, M_LINEAR, M_BUDGET_PROFILE, M_LAST_YEAR, M_RUN_RATE, M_DRIVER, M_MANUAL = range(7)
FB_NONE, FB_LINEAR, FB_BUDGET_PROFILE = range(3)
ADJ_PLANNED = 2
LIMIT = 2.0 ** 62


def maxrss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# ---- exact integer helpers -------------------------------------------------------------------

def div_round(num, den):
    """num / den rounded half away from zero, elementwise, exact (int64 or object arrays)."""
    num = np.asarray(num)
    den = np.broadcast_to(np.asarray(den), num.shape)
    neg = (num < 0) != (den < 0)
    an, ad = np.abs(num), np.abs(den)
    if an.dtype == object:
        q, r = an // ad, an % ad
    else:
        q, r = np.divmod(an, ad)
    q = q + (2 * r >= ad)
    return np.where(neg, -q, q)


class Exact:
    """Counts the elements that needed Python integers."""

    slow = 0


def muldiv_round(a, b, d):
    """round(a × b / d) exactly; a, b, d int64 arrays, d != 0. int64 where a × b surely fits."""
    big = np.abs(a.astype(np.float64)) * np.abs(b.astype(np.float64)) >= LIMIT
    if not big.any():
        return div_round(a * b, d)
    out = np.empty(a.shape, np.int64)
    small = ~big
    out[small] = div_round(a[small] * b[small], d[small])
    num = a[big].astype(object) * b[big].astype(object)
    out[big] = div_round(num, d[big].astype(object)).astype(np.int64)  # raises if out of int64
    Exact.slow += int(big.sum())
    return out


def profile_ok(part, whole):
    """Tertial's condition for using a profile: part != 0, whole != 0, same sign."""
    return (part != 0) & (whole != 0) & ((part < 0) == (whole < 0))


# ---- the dump --------------------------------------------------------------------------------

class Dump:
    pass


def load(path):
    d = Dump()
    with open(path, 'rb') as f:
        if f.read(8) != b'TRTLFC01':
            sys.exit('peer_forecast: %s is not a bench_forecast dump' % path)
        (d.n_units, d.n_accounts, d.n_rows, d.n_leaves, d.cutoff, d.n_rules, d.n_manuals, d.n_drivers,
         d.n_adjust, d.n_series, d.years, d.result_row) = (int(v) for v in np.fromfile(f, '<u4', 12))
        d.seed = int(np.fromfile(f, '<u8', 1)[0])

        def i32(n):
            return np.fromfile(f, '<i4', n).astype(np.int64)

        def i64(n):
            return np.fromfile(f, '<i8', n)

        d.parent = i32(d.n_units)
        d.acc_row = i32(d.n_accounts)
        d.row_kind = i32(d.n_rows)
        d.leaf_unit = np.fromfile(f, '<u4', d.n_leaves).astype(np.int64)
        d.rule_unit, d.rule_row, d.rule_method, d.rule_n = (i32(d.n_rules) for _ in range(4))
        d.man_unit, d.man_row = i32(d.n_manuals), i32(d.n_manuals)
        d.drv_unit, d.drv_row = i32(d.n_drivers), i32(d.n_drivers)
        d.adj_unit, d.adj_row, d.adj_kind = i32(d.n_adjust), i32(d.n_adjust), i32(d.n_adjust)
        d.ser_unit, d.ser_row = i32(d.n_series), i32(d.n_series)
        pos = f.tell()
        f.seek((pos + 7) // 8 * 8)
        d.man_amount = i64(d.n_manuals)
        d.drv_cost = i64(d.n_drivers)
        d.drv_volume = i64(d.n_drivers * MONTHS).reshape(d.n_drivers, MONTHS)
        d.adj_amount = i64(d.n_adjust)
        amounts = i64(d.n_leaves * d.n_accounts * 3 * MONTHS).reshape(d.n_leaves * d.n_accounts, 3 * MONTHS)
        d.past = i64(d.n_series * d.years * 3 * MONTHS).reshape(d.n_series, d.years, 3, MONTHS)
        if d.past.size != d.n_series * d.years * 3 * MONTHS:
            sys.exit('peer_forecast: %s is truncated' % path)
    # The ledger as pandas holds it: one row per (unit, account) line, the 36 month columns of
    # outcome, budget and prior year; the unit and account of each line alongside.
    cols = ['o%d' % m for m in range(1, 13)] + ['b%d' % m for m in range(1, 13)] + ['p%d' % m for m in range(1, 13)]
    d.ledger = pd.DataFrame(amounts, columns=cols, copy=False)
    d.line_unit = np.repeat(d.leaf_unit, d.n_accounts)
    d.line_account = np.tile(np.arange(d.n_accounts, dtype=np.int64), d.n_leaves)
    # Bounds that make every int64 sum below exact (checked here, untimed).
    big = max(int(np.abs(amounts).max(initial=0)), int(np.abs(d.past).max(initial=0)))
    if big * max(d.n_accounts, 1) * MONTHS * 2 >= 2 ** 62 or \
       int(np.abs(d.past.reshape(d.n_series, -1)).max(initial=0)) * MONTHS * 2 >= 2 ** 62:
        sys.exit('peer_forecast: amounts too large for the int64 sums of this peer')
    return d


# ---- (a) the forecasts -------------------------------------------------------------------------

def apply(d):
    p, n_rows = d.cutoff, d.n_rows
    # Own months per (unit, line row): the ledger's lines grouped by (unit, row of the account).
    rows = d.acc_row[d.line_account]
    key = d.line_unit * n_rows + rows
    ledger = d.ledger
    if (rows < 0).any():
        keep = rows >= 0
        ledger, key = ledger[keep], key[keep]
    g = ledger.groupby(key, sort=True).sum()
    blocks = g.to_numpy()
    act_keys = g.index.to_numpy()
    active = (blocks != 0).any(axis=1)
    act_keys, blocks = act_keys[active], blocks[active]

    # Pairs named by the plan: manual figures, drivers, adjustments, rules for one row.
    row_rules = d.rule_row >= 0
    mentioned = np.concatenate([d.man_unit * n_rows + d.man_row, d.drv_unit * n_rows + d.drv_row,
                                d.adj_unit * n_rows + d.adj_row,
                                d.rule_unit[row_rules] * n_rows + d.rule_row[row_rules]])
    keys = np.union1d(act_keys, mentioned)
    keys = keys[d.row_kind[keys % n_rows] == 0]
    B = np.zeros((len(keys), 3 * MONTHS), np.int64)
    B[np.searchsorted(keys, act_keys)] = blocks
    unit, row = keys // n_rows, keys % n_rows
    n = len(keys)

    # The method: walk up the organisation; at each unit a rule for the row beats one for all rows.
    rule_index = pd.Index(d.rule_unit * (n_rows + 1) + d.rule_row + 1)
    method = np.full(n, M_REMAINING, np.int64)
    rr_n = np.full(n, 3, np.int64)
    open_ = np.ones(n, bool)
    a = unit.copy()
    while True:
        look = open_ & (a >= 0)
        if not look.any():
            break
        base_key = np.where(look, a, 0) * (n_rows + 1)
        i_row = rule_index.get_indexer(base_key + row + 1)
        i_all = rule_index.get_indexer(base_key)
        hit = np.where(i_row >= 0, i_row, i_all)
        found = look & (hit >= 0)
        method[found] = d.rule_method[hit[found]]
        rr_n[found] = d.rule_n[hit[found]]
        open_ &= ~found
        a = np.where(a >= 0, d.parent[np.maximum(a, 0)], -1)
    rr_n[method != M_RUN_RATE] = 3

    O, Bu, Pr = B[:, :MONTHS], B[:, MONTHS:2 * MONTHS], B[:, 2 * MONTHS:]
    so_far = O[:, :p].sum(axis=1)
    base = np.zeros(n, np.int64)
    fallback = np.zeros(n, np.int64)

    def linear(idx):
        return div_round(so_far[idx] * MONTHS, p)

    def budget_profile(idx):
        """(values, fallback) of the budget profile on the pairs idx (indices)."""
        whole, part = Bu[idx].sum(axis=1), Bu[idx, :p].sum(axis=1)
        ok = profile_ok(part, whole)
        v = np.empty(len(idx), np.int64)
        v[ok] = muldiv_round(so_far[idx][ok], whole[ok], part[ok])
        v[~ok] = linear(idx[~ok])
        return v, np.where(ok, FB_NONE, FB_LINEAR)

    idx = np.flatnonzero(method == M_REMAINING)
    base[idx] = so_far[idx] + Bu[idx, p:].sum(axis=1)
    idx = np.flatnonzero(method == M_LINEAR)
    base[idx] = linear(idx)
    idx = np.flatnonzero(method == M_BUDGET_PROFILE)
    base[idx], fallback[idx] = budget_profile(idx)
    idx = np.flatnonzero(method == M_LAST_YEAR)
    whole, part = Pr[idx].sum(axis=1), Pr[idx, :p].sum(axis=1)
    ok = profile_ok(part, whole)
    base[idx[ok]] = muldiv_round(so_far[idx[ok]], whole[ok], part[ok])
    v, fb = budget_profile(idx[~ok])
    base[idx[~ok]] = v
    fallback[idx[~ok]] = np.where(fb == FB_NONE, FB_BUDGET_PROFILE, FB_LINEAR)
    idx = np.flatnonzero(method == M_RUN_RATE)
    nn = np.minimum(rr_n[idx], p)
    cO = np.cumsum(O[idx, :p], axis=1)
    first = p - 1 - nn
    last = cO[:, p - 1] - np.where(first >= 0, cO[np.arange(len(idx)), np.maximum(first, 0)], 0)
    base[idx] = so_far[idx] + div_round(last * (MONTHS - p), nn)
    idx = np.flatnonzero(method == M_DRIVER)
    if len(idx):
        vol, cost = d.drv_volume[:, p:], d.drv_cost[:, None]
        if (np.abs(vol.astype(np.float64)) * np.abs(cost.astype(np.float64)) * MONTHS >= LIMIT).any():
            rem = div_round((vol.astype(object) * cost.astype(object)).sum(axis=1), 1000).astype(np.int64)
            Exact.slow += vol.size
        else:
            rem = div_round((vol * cost).sum(axis=1), 1000)
        drv = pd.Index(d.drv_unit * n_rows + d.drv_row).get_indexer(keys[idx])
        base[idx] = so_far[idx] + np.where(drv >= 0, rem[np.maximum(drv, 0)], 0)
    idx = np.flatnonzero(method == M_MANUAL)
    if len(idx):
        man = pd.Index(d.man_unit * n_rows + d.man_row).get_indexer(keys[idx])
        base[idx] = np.where(man >= 0, d.man_amount[np.maximum(man, 0)], 0)

    # Adjustments: known factors and measures taken into the forecast, planned measures apart.
    adjustments = pd.DataFrame({'key': d.adj_unit * n_rows + d.adj_row, 'amount': d.adj_amount})
    planned_kind = d.adj_kind == ADJ_PLANNED
    taken = adjustments[~planned_kind].groupby('key')['amount'].sum().reindex(keys, fill_value=0).to_numpy()
    planned = adjustments[planned_kind].groupby('key')['amount'].sum().reindex(keys, fill_value=0).to_numpy()
    forecast = base + taken
    return pd.DataFrame({'unit': unit, 'row': row, 'method': method, 'fallback': fallback, 'base': base,
                         'forecast': forecast, 'planned': planned})


# ---- (b) the backtest --------------------------------------------------------------------------

def backtest(d):
    S, Y = d.n_series, d.years
    O, Bu, Pr = d.past[:, :, 0, :], d.past[:, :, 1, :], d.past[:, :, 2, :]
    cO = np.cumsum(O, axis=2).reshape(S * Y, MONTHS)
    cB = np.cumsum(Bu, axis=2).reshape(S * Y, MONTHS)
    cP = np.cumsum(Pr, axis=2).reshape(S * Y, MONTHS)
    actual, b_year, p_year = cO[:, -1], cB[:, -1], cP[:, -1]
    best = np.empty((S, MONTHS), np.int64)
    best_error = np.empty((S, MONTHS), np.int64)
    for p in range(1, MONTHS + 1):
        so_far = cO[:, p - 1]
        remaining = so_far + (b_year - cB[:, p - 1])
        lin = div_round(so_far * MONTHS, p)
        ok = profile_ok(cB[:, p - 1], b_year)
        bprof = lin.copy()
        bprof[ok] = muldiv_round(so_far[ok], b_year[ok], cB[ok, p - 1])
        ok = profile_ok(cP[:, p - 1], p_year)
        lyprof = bprof.copy()
        lyprof[ok] = muldiv_round(so_far[ok], p_year[ok], cP[ok, p - 1])
        n = min(3, p)
        last = so_far - (cO[:, p - 1 - n] if p - 1 - n >= 0 else 0)
        run = so_far + div_round(last * (MONTHS - p), n)
        err = np.abs(np.stack([remaining, lin, bprof, lyprof, run]) - actual)  # (5, S × Y)
        mean = div_round(err.reshape(5, S, Y).sum(axis=2), Y)
        m = np.argmin(mean, axis=0)  # the first minimum: ties go to the earlier method
        best[:, p - 1] = m
        best_error[:, p - 1] = mean[m, np.arange(S)]
    return best, best_error


# ---- checksums (the formulas of bench_forecast.c) ------------------------------------------------

def checksums(fc, best, best_error):
    u, r = fc['unit'].to_numpy().astype(U64), fc['row'].to_numpy().astype(U64)
    w = ((u + U64(1)) * U64(1000003) + r + U64(1)) * U64(2) + U64(1)
    f = fc['forecast'].to_numpy().view(U64)
    b = fc['base'].to_numpy().view(U64)
    code = (16 * fc['method'].to_numpy() + fc['fallback'].to_numpy() + 1).astype(U64)
    fhash = int((w * (f * U64(3) + b * U64(5) + U64(7) * code)).sum(dtype=U64))
    S = best.shape[0]
    s = np.repeat(np.arange(S, dtype=U64), MONTHS)
    c = np.tile(np.arange(1, MONTHS + 1, dtype=U64), S)
    w = ((s + U64(1)) * U64(1000003) + c) * U64(2) + U64(1)
    e = best_error.reshape(-1)
    bhash = int((w * (e.view(U64) * U64(8) + best.reshape(-1).astype(U64) + U64(1))).sum(dtype=U64))
    return {
        'forecasts': len(fc),
        'forecast_sum': int(fc['forecast'].sum()),
        'adjustment_sum': int((fc['forecast'] - fc['base']).sum()),
        'forecast_hash': '%016x' % fhash,
        'backtest_error_sum': int(e.sum()),
        'backtest_hash': '%016x' % bhash,
    }


def verify(path, fc, best, best_error):
    mine = ['F,%d,%d,%d,%d,%d,%d' % t for t in
            zip(fc['unit'], fc['row'], fc['method'], fc['fallback'], fc['base'], fc['forecast'])]
    S = best.shape[0]
    mine += ['B,%d,%d,%d,%d' % (s, c + 1, best[s, c], best_error[s, c]) for s in range(S) for c in range(MONTHS)]
    with open(path) as f:
        theirs = f.read().splitlines()
    a, b = set(mine), set(theirs)
    only_peer, only_tertial = sorted(a - b), sorted(b - a)
    for line in only_tertial[:5]:
        print('verify: tertial only: %s' % line)
    for line in only_peer[:5]:
        print('verify: peer only:    %s' % line)
    ok = not only_peer and not only_tertial and len(mine) == len(theirs)
    print('verify lines=%d tertial_only=%d peer_only=%d result=%s' %
          (len(theirs), len(only_tertial), len(only_peer), 'MATCH' if ok else 'MISMATCH'))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('dump')
    ap.add_argument('--verify', help="bench_forecast's --verify CSV: compare every line")
    args = ap.parse_args()

    d = load(args.dump)
    rss_load = maxrss_kb()
    t0 = time.perf_counter()
    fc = apply(d)
    t1 = time.perf_counter()
    slow_apply = Exact.slow
    best, best_error = backtest(d)
    t2 = time.perf_counter()
    rss = maxrss_kb()

    sums = checksums(fc, best, best_error)
    print('# forecasts by method:', ' '.join('%d=%d' % kv for kv in fc['method'].value_counts().sort_index().items()),
          '| fallbacks:', ' '.join('%d=%d' % kv for kv in fc['fallback'].value_counts().sort_index().items()))
    ok = True
    if args.verify:
        ok = verify(args.verify, fc, best, best_error)
    print('peer engine=pandas forecasts=%d series=%d apply_s=%.4f backtest_s=%.4f total_s=%.4f rss_load_kb=%d'
          ' maxrss_kb=%d slow_path_apply=%d slow_path_backtest=%d forecast_sum=%d adjustment_sum=%d'
          ' forecast_hash=%s backtest_error_sum=%d backtest_hash=%s' %
          (sums['forecasts'], d.n_series, t1 - t0, t2 - t1, t2 - t0, rss_load, rss, slow_apply,
           Exact.slow - slow_apply, sums['forecast_sum'], sums['adjustment_sum'], sums['forecast_hash'],
           sums['backtest_error_sum'], sums['backtest_hash']))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
