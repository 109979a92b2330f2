#!/usr/bin/python3
"""Peer for bench_rollup: the same roll-up and follow-up tables with pandas or SQLite.

Run with Debian's /usr/bin/python3 (python3-pandas; sqlite3 is in the standard library):

    /usr/bin/python3 bench/peer.py --engine pandas DUMP [--verify CSV] [--method levels|ancestors]
    /usr/bin/python3 bench/peer.py --engine sqlite DUMP [--verify CSV] [--method levels|ancestors]

DUMP is written by `bench_rollup --dump DUMP`; reading it (and, for SQLite, inserting it into
an in-memory database) is not timed. Timed:

  rollup  the (unit, account, month, measure) amounts of the leaves summed to every ancestor,
          keeping every month and measure (what tertial_ledger_rollup() computes);
  tables  for every unit the eight columns at the cut-off for each child unit (the child's
          subtree on the result row NETTORESULTAT) plus the unit's total, and for each report
          row of the mapping; plus the checksum over all those lines.

The checksum and the optional verification against bench_rollup's `--verify` CSV prove that
both sides computed the same numbers. The formulas are those of include/tertial/followup.h.
"""

import argparse
import os
import resource
import sqlite3
import struct
import sys
import time

import numpy as np

KIND_UNIT, KIND_ROW, KIND_TOTAL = 0, 2, 3
ROW_LINE, ROW_SUM, ROW_INTERNAL = 0, 1, 2
NCOL = 8
COL_FORECAST, COL_FORECAST_DEV = 5, 6
MEASURES = ("o", "b", "p")  # outcome, budget, prior-year outcome


def maxrss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# ---- the dump ------------------------------------------------------------------------------


class Dataset:
    pass


def read_dump(path, amounts=True):
    d = Dataset()
    with open(path, "rb") as f:
        magic = f.read(8)
        if magic != b"TRTLBN01":
            sys.exit(f"peer.py: {path}: not a bench_rollup dump")
        (d.n_units, d.n_accounts, d.n_rows, d.n_leaves, d.n_forecasts, d.cutoff, d.months,
         d.n_measures) = struct.unpack("<8I", f.read(32))
        d.result_row, d.has_prior = struct.unpack("<2i", f.read(8))
        (d.seed,) = struct.unpack("<Q", f.read(8))

        def arr(dtype, n):
            a = np.fromfile(f, dtype=dtype, count=n)
            if a.size != n:
                sys.exit(f"peer.py: {path}: truncated")
            return a

        d.parent = arr("<i4", d.n_units)
        d.level = arr("<i4", d.n_units)
        d.acc_row = arr("<i4", d.n_accounts)
        d.acc_internal = arr("<i4", d.n_accounts)
        d.acc_number = arr("<i4", d.n_accounts)
        d.row_kind = arr("<i4", d.n_rows)
        d.row_parent = arr("<i4", d.n_rows)
        d.row_code = []
        for _ in range(d.n_rows):
            (n,) = struct.unpack("<I", f.read(4))
            d.row_code.append(f.read(n).decode("utf-8"))
        d.leaf_unit = arr("<u4", d.n_leaves).astype(np.int64)
        d.fc_unit = arr("<i4", d.n_forecasts).astype(np.int64)
        d.fc_row = arr("<i4", d.n_forecasts).astype(np.int64)
        d.fc_amount = arr("<i8", d.n_forecasts)
        pos = f.tell()
        if pos % 8:
            f.read(8 - pos % 8)
        width = d.n_measures * d.months
        if amounts:
            d.amounts = arr("<i8", d.n_leaves * d.n_accounts * width).reshape(d.n_leaves * d.n_accounts, width)
    d.width = d.n_measures * d.months
    d.data_unit = np.repeat(d.leaf_unit, d.n_accounts)
    d.data_account = np.tile(np.arange(d.n_accounts, dtype=np.int64), d.n_leaves)
    d.colnames = [f"{m}{k}" for m in MEASURES[: d.n_measures] for k in range(d.months)]
    return d


# ---- small metadata derived in the timed part (cheap either way) ---------------------------


def ancestor_pairs(parent):
    """(unit, ancestor) for every unit and each of its ancestors, itself included."""
    units, ancs = [], []
    for u in range(len(parent)):
        a = u
        while a >= 0:
            units.append(u)
            ancs.append(a)
            a = int(parent[a])
    return np.array(units, dtype=np.int64), np.array(ancs, dtype=np.int64)


def row_targets(d):
    """(line row, internal flag, target row) triples: an amount on an account of `line row`
    adds to the line row and every sum row above it; an internal account also to the internal
    rows whose parent sum row is above it. The checksum leaves out forecasts of internal rows."""
    out = []
    for line in range(d.n_rows):
        if d.row_kind[line] != ROW_LINE:
            continue
        above = []
        p = int(d.row_parent[line])
        while p >= 0:
            above.append(p)
            p = int(d.row_parent[p])
        for internal in (0, 1):
            out.append((line, internal, line))
            for s in above:
                out.append((line, internal, s))
            if internal:
                for r in range(d.n_rows):
                    if d.row_kind[r] == ROW_INTERNAL and int(d.row_parent[r]) in above:
                        out.append((line, internal, r))
    return out


def share_used(oacc, byear):
    """100 × outcome / budget in hundredths of a percent, rounded half away from zero."""
    nz = byear != 0
    n = oacc * 10000
    den = np.where(nz, byear, 1)
    q = (2 * np.abs(n) + np.abs(den)) // (2 * np.abs(den))
    return np.where(nz, np.sign(n) * np.sign(den) * q, 0), nz


def checksum(tu, kind, key, values, mask):
    """Sum over lines and columns of value × weight(line) × (column + 1), modulo 2**64."""
    w = ((tu.astype(np.uint64) + np.uint64(1)) * np.uint64(1000003) + kind.astype(np.uint64) * np.uint64(7919)
         + key.astype(np.uint64) + np.uint64(1)) * np.uint64(2) + np.uint64(1)
    colw = np.arange(1, NCOL + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        terms = values.astype(np.int64).view(np.uint64) * w[:, None] * colw[None, :]
        terms = np.where(mask, terms, np.uint64(0))
        return int(terms.sum(dtype=np.uint64))


def assemble(d, rv_unit, rv_row, rv_vals, ch_unit, ch_vals):
    """Lines of all tables from per-(unit, row) values [oacc, bacc, byear, prior, forecast].

    rv_*: one entry per unit x report row (the rows view); ch_*: the result row of every unit.
    Returns tu, kind, key, values (n x 8), mask (n x 8)."""
    def columns(v):
        oacc, bacc, byear, prior, fc = (v[:, i] for i in range(5))
        share, share_ok = share_used(oacc, byear)
        vals = np.stack([oacc, bacc, bacc - oacc, byear, share, fc, byear - fc, prior], axis=1)
        mask = np.ones(vals.shape, dtype=bool)
        mask[:, 4] = share_ok
        return vals, mask

    # rows view
    r_vals, r_mask = columns(rv_vals)
    internal = d.row_kind[rv_row] == ROW_INTERNAL
    r_mask[internal, COL_FORECAST] = False
    r_mask[internal, COL_FORECAST_DEV] = False
    # children view: a line per child (its subtree) and the unit's total
    c_vals, c_mask = columns(ch_vals)  # indexed by unit id
    child = np.nonzero(d.parent >= 0)[0]
    units = np.arange(d.n_units)
    tu = np.concatenate([d.parent[child], units, rv_unit])
    kind = np.concatenate([np.full(child.size, KIND_UNIT), np.full(d.n_units, KIND_TOTAL),
                           np.full(rv_unit.size, KIND_ROW)])
    key = np.concatenate([child, units, rv_row])
    values = np.concatenate([c_vals[child], c_vals, r_vals])
    mask = np.concatenate([c_mask[child], c_mask, r_mask])
    return tu.astype(np.int64), kind.astype(np.int64), key.astype(np.int64), values, mask


# ---- pandas --------------------------------------------------------------------------------


def run_pandas(d, method):
    import pandas as pd

    # untimed: the leaves' data as a frame of the 36 value columns (o0..o11, b0..b11, p0..p11)
    # over the key arrays unit and account (no copy of the amounts)
    data = pd.DataFrame(d.amounts, columns=d.colnames, copy=False)
    data_unit, data_account = d.data_unit, d.data_account
    rss_load = maxrss_kb()
    vcols = d.colnames
    parent = d.parent.astype(np.int64)
    level = d.level

    t0 = time.perf_counter()
    # ---- roll-up: every (unit, account) with all months and measures, for every unit that has
    # amounts in its subtree. parts: (frame of values, unit keys, account keys), one per level.
    parts = []
    if method == "levels":
        data_level = level[data_unit]
        maxlev = int(level.max())

        def own_at(lev):
            sel = data_level == lev
            if sel.all():
                return data, data_unit, data_account
            return data[sel], data_unit[sel], data_account[sel]

        cur = own_at(maxlev)
        parts.append(cur)
        for lev in range(maxlev, 0, -1):
            frame, units, accounts = cur
            keys_u, keys_a = parent[units], accounts
            own_frame, own_u, own_a = own_at(lev - 1)
            if len(own_frame):
                frame = pd.concat([frame, own_frame], ignore_index=True)
                keys_u = np.concatenate([keys_u, own_u])
                keys_a = np.concatenate([keys_a, own_a])
            g = frame.groupby([keys_u, keys_a], sort=False)[vcols].sum()
            cur = (g, g.index.get_level_values(0).to_numpy(), g.index.get_level_values(1).to_numpy())
            parts.append(cur)
    else:
        au, aa = ancestor_pairs(parent)
        anc = pd.DataFrame({"unit": au, "anc": aa})
        keyed = data.assign(unit=data_unit, account=data_account)
        g = keyed.merge(anc, on="unit").groupby(["anc", "account"], sort=False)[vcols].sum()
        parts.append((g, g.index.get_level_values(0).to_numpy(), g.index.get_level_values(1).to_numpy()))
    t1 = time.perf_counter()

    # ---- tables
    c, nm = d.cutoff, d.months

    def measures_of(frame, units, accounts):
        """Per (unit, line row, internal): accumulated outcome and budget, annual budget, prior."""
        v = frame.to_numpy()
        line = d.acc_row[accounts]
        m = pd.DataFrame({
            "oacc": v[:, 0:c].sum(axis=1),
            "bacc": v[:, nm:nm + c].sum(axis=1),
            "byear": v[:, nm:2 * nm].sum(axis=1),
            "prior": v[:, 2 * nm:3 * nm].sum(axis=1),
        })
        keep = line >= 0
        return m[keep].groupby([units[keep], line[keep], d.acc_internal[accounts][keep]]).sum()

    sums = ["oacc", "bacc", "byear", "prior"]
    targets = pd.DataFrame(row_targets(d), columns=["line", "internal", "row"])
    # rolled amounts per unit and line row, then to every report row they add into
    per_line = pd.concat([measures_of(*part) for part in parts])
    per_line.index.names = ["unit", "line", "internal"]
    ur = per_line.reset_index().merge(targets, on=["line", "internal"]).groupby(["unit", "row"])[sums].sum()
    # forecasts: each unit's own (set, or the annual budget where it has amounts), rolled up
    own_lines = parts[0] if method == "levels" and parts[0][0] is data else (data, data_unit, data_account)
    own = measures_of(*own_lines)["byear"].groupby(level=[0, 1]).sum()
    own.index.names = ["unit", "line"]
    fc = pd.Series(d.fc_amount, index=pd.MultiIndex.from_arrays([d.fc_unit, d.fc_row], names=["unit", "line"]))
    fown = fc.combine_first(own).astype(np.int64).rename("f").reset_index()
    au, aa = ancestor_pairs(parent)
    anc = pd.DataFrame({"unit": au, "anc": aa})
    ftargets = targets[(targets["internal"] == 0)
                       & (d.row_kind[targets["row"].to_numpy()] != ROW_INTERNAL)][["line", "row"]]
    fr = fown.merge(anc, on="unit").merge(ftargets, on="line").groupby(["anc", "row"])["f"].sum()
    fr.index.names = ["unit", "row"]
    full = pd.MultiIndex.from_product([np.arange(d.n_units), np.arange(d.n_rows)], names=["unit", "row"])
    rv = ur.reindex(full, fill_value=0)
    rv["f"] = fr.reindex(full, fill_value=0)
    rv_vals = rv[sums + ["f"]].to_numpy(dtype=np.int64)
    rv_unit = full.get_level_values(0).to_numpy()
    rv_row = full.get_level_values(1).to_numpy()
    ch_vals = rv_vals.reshape(d.n_units, d.n_rows, 5)[:, d.result_row, :]
    lines = assemble(d, rv_unit, rv_row, rv_vals, None, ch_vals)
    h = checksum(*lines)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, h, lines, rss_load, sum(len(part[0]) for part in parts)


# ---- SQLite --------------------------------------------------------------------------------


def run_sqlite(d, method):
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA temp_store = MEMORY")
    vcols = d.colnames
    coldefs = ", ".join(f"{cn} INTEGER" for cn in vcols)
    db.execute(f"CREATE TABLE data (unit INTEGER, account INTEGER, {coldefs})")
    db.execute("CREATE TABLE units (id INTEGER PRIMARY KEY, parent INTEGER, level INTEGER)")
    db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, line INTEGER, internal INTEGER)")
    db.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, kind INTEGER, parent INTEGER)")
    db.execute("CREATE TABLE forecasts (unit INTEGER, line INTEGER, amount INTEGER, PRIMARY KEY (unit, line))")
    # untimed: loading
    db.executemany("INSERT INTO units VALUES (?, ?, ?)",
                   zip(range(d.n_units), d.parent.tolist(), d.level.tolist()))
    db.executemany("INSERT INTO accounts VALUES (?, ?, ?)",
                   zip(range(d.n_accounts), d.acc_row.tolist(), d.acc_internal.tolist()))
    db.executemany("INSERT INTO rows VALUES (?, ?, ?)",
                   zip(range(d.n_rows), d.row_kind.tolist(), d.row_parent.tolist()))
    db.executemany("INSERT INTO forecasts VALUES (?, ?, ?)",
                   zip(d.fc_unit.tolist(), d.fc_row.tolist(), d.fc_amount.tolist()))
    ph = ", ".join("?" * (2 + d.width))
    step = 50000
    for i in range(0, d.amounts.shape[0], step):
        block = np.concatenate([d.data_unit[i:i + step, None], d.data_account[i:i + step, None],
                                d.amounts[i:i + step]], axis=1)
        db.executemany(f"INSERT INTO data VALUES ({ph})", block.tolist())
    db.commit()
    del d.amounts
    rss_load = maxrss_kb()

    sumcols = ", ".join(f"SUM({cn}) AS {cn}" for cn in vcols)
    plain = ", ".join(vcols)
    t0 = time.perf_counter()
    # ---- roll-up
    db.execute("""CREATE TABLE anc AS
        WITH RECURSIVE a(unit, anc) AS (
          SELECT id, id FROM units
          UNION ALL SELECT a.unit, u.parent FROM a JOIN units u ON u.id = a.anc WHERE u.parent >= 0)
        SELECT unit, anc FROM a""")
    if method == "levels":
        # the deepest level's rolled amounts are its own; each level above groups its children's
        # rolled amounts (and its own) by parent and account; `cube` is the union of the levels
        maxlev = db.execute("SELECT MAX(level) FROM units").fetchone()[0]
        db.execute(f"CREATE TABLE upper (lev INTEGER, unit INTEGER, account INTEGER, {coldefs})")
        for lev in range(maxlev, 0, -1):
            below = ("SELECT d.unit, d.account, {p} FROM data d JOIN units u ON u.id = d.unit WHERE u.level = {lev}"
                     if lev == maxlev else "SELECT unit, account, {p} FROM upper WHERE lev = {lev}")
            db.execute(f"""INSERT INTO upper
                SELECT {lev - 1}, unit, account, {sumcols} FROM (
                  SELECT u.parent AS unit, c.account, {plain}
                    FROM ({below.format(p=plain, lev=lev)}) c JOIN units u ON u.id = c.unit
                  UNION ALL
                  SELECT d.unit, d.account, {plain} FROM data d JOIN units u ON u.id = d.unit
                   WHERE u.level = {lev - 1})
                GROUP BY unit, account""")
        db.execute(f"""CREATE VIEW cube AS
            SELECT d.unit, d.account, {plain} FROM data d JOIN units u ON u.id = d.unit WHERE u.level = {maxlev}
            UNION ALL SELECT unit, account, {plain} FROM upper""")
    else:
        db.execute(f"""CREATE TABLE cube AS SELECT a.anc AS unit, d.account, {sumcols}
                       FROM data d JOIN anc a ON a.unit = d.unit GROUP BY a.anc, d.account""")
    t1 = time.perf_counter()

    # ---- tables
    c = d.cutoff
    oacc = " + ".join(f"o{k}" for k in range(c))
    bacc = " + ".join(f"b{k}" for k in range(c))
    byear = " + ".join(f"b{k}" for k in range(d.months))
    prior = " + ".join(f"p{k}" for k in range(d.months)) if d.n_measures > 2 else "0"
    db.execute("CREATE TABLE targets (line INTEGER, internal INTEGER, row INTEGER)")
    db.executemany("INSERT INTO targets VALUES (?, ?, ?)", row_targets(d))
    db.execute(f"""CREATE TABLE per_line AS
        SELECT c.unit, a.line, a.internal, SUM({oacc}) AS oacc, SUM({bacc}) AS bacc,
               SUM({byear}) AS byear, SUM({prior}) AS prior
          FROM cube c JOIN accounts a ON a.id = c.account WHERE a.line >= 0
         GROUP BY c.unit, a.line, a.internal""")
    db.execute("""CREATE TABLE ur AS
        SELECT p.unit, t.row, SUM(p.oacc) AS oacc, SUM(p.bacc) AS bacc, SUM(p.byear) AS byear,
               SUM(p.prior) AS prior
          FROM per_line p JOIN targets t ON t.line = p.line AND t.internal = p.internal
         GROUP BY p.unit, t.row""")
    db.execute("CREATE UNIQUE INDEX ur_key ON ur (unit, row)")
    db.execute(f"""CREATE TABLE own AS
        SELECT d.unit, a.line, SUM({byear}) AS byear
          FROM data d JOIN accounts a ON a.id = d.account WHERE a.line >= 0
         GROUP BY d.unit, a.line""")
    db.execute("""CREATE TABLE fown AS
        SELECT unit, line, COALESCE(MAX(amount), SUM(byear)) AS f FROM (
          SELECT unit, line, byear, NULL AS amount FROM own
          UNION ALL SELECT unit, line, NULL, amount FROM forecasts)
         GROUP BY unit, line""")
    db.execute("""CREATE TABLE fr AS
        SELECT a.anc AS unit, t.row, SUM(f.f) AS f
          FROM fown f JOIN anc a ON a.unit = f.unit
          JOIN targets t ON t.line = f.line AND t.internal = 0
          JOIN rows r ON r.id = t.row AND r.kind <> 2
         GROUP BY a.anc, t.row""")
    db.execute("CREATE UNIQUE INDEX fr_key ON fr (unit, row)")
    share = """CASE WHEN byear <> 0 THEN
                 (CASE WHEN (oacc < 0) = (byear < 0) OR oacc = 0 THEN 1 ELSE -1 END)
                 * ((2 * ABS(oacc * 10000) + ABS(byear)) / (2 * ABS(byear))) END"""
    cols = f"""oacc, bacc, bacc - oacc, byear, {share},
               CASE WHEN kind <> 2 THEN f END, CASE WHEN kind <> 2 THEN byear - f END, prior"""
    base = """SELECT u.id AS unit, r.id AS row, r.kind AS kind,
                     COALESCE(ur.oacc, 0) AS oacc, COALESCE(ur.bacc, 0) AS bacc,
                     COALESCE(ur.byear, 0) AS byear, COALESCE(ur.prior, 0) AS prior,
                     COALESCE(fr.f, 0) AS f
                FROM units u JOIN rows r
                LEFT JOIN ur ON ur.unit = u.id AND ur.row = r.id
                LEFT JOIN fr ON fr.unit = u.id AND fr.row = r.id"""
    rows_view = db.execute(f"SELECT unit, {KIND_ROW}, row, {cols} FROM ({base})").fetchall()
    children = db.execute(f"""
        SELECT u.parent, {KIND_UNIT}, v.unit, {cols} FROM ({base}) v JOIN units u ON u.id = v.unit
         WHERE v.row = ? AND u.parent >= 0
        UNION ALL
        SELECT v.unit, {KIND_TOTAL}, v.unit, {cols} FROM ({base}) v WHERE v.row = ?""",
                          (d.result_row, d.result_row)).fetchall()
    allrows = rows_view + children
    n = len(allrows)
    tu = np.fromiter((r[0] for r in allrows), dtype=np.int64, count=n)
    kind = np.fromiter((r[1] for r in allrows), dtype=np.int64, count=n)
    key = np.fromiter((r[2] for r in allrows), dtype=np.int64, count=n)
    flat = [v for r in allrows for v in r[3:]]
    mask = np.fromiter((v is not None for v in flat), dtype=bool, count=n * NCOL).reshape(n, NCOL)
    values = np.fromiter((0 if v is None else v for v in flat), dtype=np.int64, count=n * NCOL).reshape(n, NCOL)
    lines = (tu, kind, key, values, mask)
    h = checksum(*lines)
    t2 = time.perf_counter()
    ncube = db.execute("SELECT COUNT(*) FROM cube").fetchone()[0]
    db.close()
    return t1 - t0, t2 - t1, h, lines, rss_load, ncube


# ---- verification --------------------------------------------------------------------------


def verify(path, d, lines):
    tu, kind, key, values, mask = lines
    ours = {}
    for i in range(tu.size):
        ours[(int(tu[i]), int(kind[i]), int(key[i]))] = tuple(
            int(values[i, c]) if mask[i, c] else None for c in range(NCOL))
    theirs = {}
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split(",")
            k = (int(parts[0]), int(parts[1]), int(parts[2]))
            theirs[k] = tuple(int(v) if v != "" else None for v in parts[3:3 + NCOL])
    missing = [k for k in theirs if k not in ours]
    extra = [k for k in ours if k not in theirs]
    differ = [k for k in theirs if k in ours and theirs[k] != ours[k]]

    def name(k):
        what = {KIND_UNIT: "child", KIND_ROW: "row", KIND_TOTAL: "total"}.get(k[1], "?")
        key = d.row_code[k[2]] if k[1] == KIND_ROW else str(k[2])
        return f"unit {k[0]} {what} {key}"

    for k in differ[:5]:
        print(f"  differs: {name(k)}: tertial {theirs[k]} peer {ours[k]}")
    for k in missing[:3]:
        print(f"  only in tertial: {name(k)} {theirs[k]}")
    for k in extra[:3]:
        print(f"  only in peer: {name(k)} {ours[k]}")
    ok = not missing and not extra and not differ
    print(f"verify lines={len(theirs)} differ={len(differ)} only_tertial={len(missing)} only_peer={len(extra)} "
          f"result={'MATCH' if ok else 'MISMATCH'}")
    return ok


# ---- the end-to-end job --------------------------------------------------------------------


def read_facts(d, path):
    """The long CSV of facts (bench_rollup --facts) into the leaves' amounts, as read_dump() lays
    them out: pandas' read_csv, the amounts (kronor with two decimals) to öre, and each fact put
    at its (leaf, account) row and (measure, month) column, facts of the same cell added up."""
    import pandas as pd

    df = pd.read_csv(path, dtype={"enhet": np.int64, "konto": np.int64, "månad": np.int64,
                                  "measure": np.int64, "belopp": np.float64})
    ore = np.rint(df["belopp"].to_numpy() * 100).astype(np.int64)
    # unit codes: the level and the unit's number within it ("500001"); the leaves are the last
    # level, in order, so a leaf's index is its number - 1
    leaf = df["enhet"].to_numpy() - (int(d.level.max()) * 100000 + 1)
    order = np.argsort(d.acc_number)
    pos = np.searchsorted(d.acc_number, df["konto"].to_numpy(), sorter=order)
    account = order[np.minimum(pos, order.size - 1)]
    if ((leaf < 0) | (leaf >= d.n_leaves)).any() or (d.acc_number[account] != df["konto"].to_numpy()).any():
        sys.exit(f"peer.py: {path}: a unit or account that the dump does not have")
    measure = df["measure"].to_numpy()  # 0 outcome, 1 prior-year outcome, any other the budget
    k = np.where(measure == 0, 0, np.where(measure == 1, 2, 1))  # the dump's order: o, b, p
    width = d.n_measures * d.months
    cell = (leaf * d.n_accounts + account) * width + k * d.months + (df["månad"].to_numpy() - 1)
    # exact: the float sums are of whole öre far below 2**53
    d.amounts = np.bincount(cell, weights=ore, minlength=d.n_leaves * d.n_accounts * width) \
        .astype(np.int64).reshape(d.n_leaves * d.n_accounts, width)
    return len(df)  # read_dump() gave the rows' unit and account keys


def write_lines(path, lines):
    """Every line in bench_rollup's --verify format: unit,kind,key and the eight columns (empty
    where the column is left out)."""
    import pandas as pd

    tu, kind, key, values, mask = lines
    frame = pd.DataFrame({"u": tu, "kind": kind, "key": key})
    for c in range(NCOL):
        frame[f"c{c}"] = pd.Series(values[:, c], dtype="Int64").mask(~mask[:, c])
    frame.to_csv(path, header=False, index=False)


def end_to_end(args):
    """The end-to-end job timed as a whole: read the facts, roll up, the tables, write them."""
    d = read_dump(args.dump, amounts=False)  # the organisation, chart and forecasts: untimed
    rss_setup = maxrss_kb()
    t0 = time.perf_counter()
    rows = read_facts(d, args.e2e)
    t1 = time.perf_counter()
    _, _, h, lines, _, _ = run_pandas(d, args.method)
    write_lines(args.out, lines)
    t2 = time.perf_counter()
    print(f"peer e2e engine=pandas units={d.n_units} fact_rows={rows} table_lines={lines[0].size}")
    print(f"peer e2e read_s={t1 - t0:.4f} compute_write_s={t2 - t1:.4f} total_s={t2 - t0:.4f} "
          f"rss_setup_kb={rss_setup} maxrss_kb={maxrss_kb()} checksum={h:016x}")
    if args.verify and not verify(args.verify, d, lines):
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dump")
    ap.add_argument("--engine", choices=("pandas", "sqlite"), default="pandas")
    ap.add_argument("--method", choices=("levels", "ancestors"), default="levels",
                    help="roll-up: level by level (group children into parents) or one ancestor join")
    ap.add_argument("--verify", metavar="CSV", help="compare every line with bench_rollup --verify output")
    ap.add_argument("--e2e", metavar="FACTS", help="the end-to-end job on bench_rollup --facts FACTS (pandas)")
    ap.add_argument("--out", metavar="CSV", help="with --e2e: where the table lines are written")
    args = ap.parse_args()
    if args.e2e or args.out:
        if not (args.e2e and args.out):
            ap.error("--e2e and --out go together")
        return end_to_end(args)

    d = read_dump(args.dump)
    run = run_pandas if args.engine == "pandas" else run_sqlite
    rollup_s, tables_s, h, lines, rss_load, ncube = run(d, args.method)
    rss = maxrss_kb()

    tu, kind, key, values, mask = lines
    print(f"# {args.engine} root children view, cut-off {d.cutoff} (öre): "
          "code ack_utfall ack_budget arets_budget prognos fg_bokslut")
    sel = np.nonzero((tu == 0) & ((kind == KIND_UNIT) | (kind == KIND_TOTAL)))[0]
    for i in sorted(sel, key=lambda i: (int(kind[i]), int(key[i]))):
        label = "TOTAL" if kind[i] == KIND_TOTAL else f"unit{key[i]}"
        v = values[i]
        print(f"# {label:<8} {v[0]:16d} {v[1]:16d} {v[3]:16d} {v[5]:16d} {v[7]:16d}")
    print(f"peer engine={args.engine} method={args.method} units={d.n_units} cube_rows={ncube} "
          f"table_lines={tu.size}")
    print(f"peer engine={args.engine} rollup_s={rollup_s:.4f} tables_s={tables_s:.4f} "
          f"total_s={rollup_s + tables_s:.4f} rss_load_kb={rss_load} maxrss_kb={rss} checksum={h:016x}")
    if args.verify:
        if not verify(args.verify, d, lines):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
