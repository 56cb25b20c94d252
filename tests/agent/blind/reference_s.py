# ruff: noqa
"""Reference figures for set S (stdlib only).

Every turn's expected figures are computed from the bundled CSVs through the small
calc language in the turn's "query" ("calcs": list of ops, run in order).  Each op
writes its results under the names it is given ("as", "date_as", ...).  Names that
start with "_" are intermediate values and are not returned as figures.

Ops (dates are explicit YYYY-MM-DD; periods are inclusive [start, end] and cover the
sessions in the snapshot that fall in them):
  value        {date, measure, as}                      measure: total|sh|sz|sh_close|sz_close|sh_pct|sz_pct|sz_minus_sh
  const        {value, as}
  find         {start, end, measure, cond, which: last|first, as (date), value_as?}
  stat         {fn: mean|median|sum|max|min|count, start, end, measure, as, date_as?}
  count        {start, end, measure, cond, as}          cond: see _cond (cmp/value, between lo..hi, vs_prev)
  streak       {start, end, measure, cond, as, start_date_as?, end_date_as?}   longest run (earliest on ties)
  rank         {start, end, measure, date|value|ref, order: desc|asc, as?, pct_as?, higher_as?, lower_as?, n_as?}
  top          {start, end, measure, n, order, as (list of values), date_as (list of dates)}
  diff         {a, b, as, pct_as?}                      a - b ; pct = 100*(a-b)/b
  share        {part, whole, as}                        100*part/whole
  ratio        {a, b, as}                               a / b
  sumk         {keys: [...], as}                        plain sum of earlier values
  index_change {index: sh|sz, start, end, as?, pts_as?, close_as?, base_as?}
  group        {by: month|year|week, start, end, measure, agg: sum|mean, pick: max|min, as, label_as}
  ind          {date, industry, field: amount_yuan|change_pct|up_count|total_count, as}
  ind_sum      {start, end, industry|industries|theme, as}           sum of amount_yuan
  ind_top      {start, end, field: amount_yuan|change_pct, n, order, as, name_as, among?: [industries]}
  ind_count    {date, field, cond, as}                 number of industries whose field meets cond
  ind_rank     {date|start+end, industry, field, order, as}          rank among the 90 (1 + strictly better)
  ind_fall     {date, industry, as}                    total_count - up_count (flat or falling)
"""

import csv
import gzip
import json
import os
import statistics
import sys
from datetime import date as _date

_HERE = os.path.dirname(os.path.abspath(__file__))
_CAND = os.path.join(_HERE, "..", "..", "..", "tools", "data")
DATA = _CAND if os.path.isdir(_CAND) else "/work/main/tools/data"


def _rows(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    rd = csv.DictReader(lines)
    return list(rd)


class Data:
    def __init__(self, folder):
        self.folder = folder
        self.days = {}  # date -> dict of floats
        for r in _rows(os.path.join(folder, "turnover_snapshot.csv.gz")):
            d = r["date"].strip()
            rec = {}
            sh = float(r["sh_yuan"])
            sz = float(r["sz_yuan"])
            rec["sh"] = sh
            rec["sz"] = sz
            rec["total"] = sh + sz
            for k in ("sh_close", "sh_pct", "sz_close", "sz_pct"):
                v = (r.get(k) or "").strip()
                rec[k] = float(v) if v else None
            self.days[d] = rec
        self.sessions = sorted(self.days)
        self.pos = {d: i for i, d in enumerate(self.sessions)}
        self.ind = {}  # (date, industry) -> row
        self.ind_dates = set()
        self.ind_names = set()
        for r in _rows(os.path.join(folder, "ths_industries.csv.gz")):
            d = r["date"].strip()
            name = r["industry"].strip()
            self.ind[(d, name)] = {
                "amount_yuan": float(r["amount_yuan"]),
                "up_count": int(float(r["up_count"])),
                "total_count": int(float(r["total_count"])),
                "change_pct": float(r["change_pct"]),
            }
            self.ind_dates.add(d)
            self.ind_names.add(name)
        with open(os.path.join(folder, "industry_themes.json"), encoding="utf-8") as fh:
            th = json.load(fh)
        self.themes = {t["name"]: list(t["industries"]) for t in th["themes"]}

    def span(self, start, end):
        return [d for d in self.sessions if start <= d <= end]


class Problem(Exception):
    pass


def _cond(cond, v, prev):
    """cond: {"cmp": ">"|">="|"<"|"<=", "value": x} | {"between": [lo, hi]} | {"vs_prev": ">"|"<"}."""
    if "between" in cond:
        lo, hi = cond["between"]
        return lo <= v <= hi
    if "vs_prev" in cond:
        if prev is None:
            raise Problem("vs_prev needs the previous session")
        return v > prev if cond["vs_prev"] == ">" else v < prev
    x = cond["value"]
    c = cond["cmp"]
    if c == ">":
        return v > x
    if c == ">=":
        return v >= x
    if c == "<":
        return v < x
    if c == "<=":
        return v <= x
    raise Problem("bad cmp %r" % c)


def _get(data, d, measure):
    if d not in data.days:
        raise Problem("%s is not a session" % d)
    rec = data.days[d]
    if measure == "sz_minus_sh":
        return rec["sz"] - rec["sh"]
    v = rec.get(measure)
    if v is None:
        raise Problem("no %s on %s" % (measure, d))
    return v


def _prev(data, d):
    i = data.pos[d]
    return data.sessions[i - 1] if i > 0 else None


def _series(data, start, end, measure):
    ds = data.span(start, end)
    if not ds:
        raise Problem("no sessions in %s..%s" % (start, end))
    return ds, [_get(data, d, measure) for d in ds]


def _inds(data, c):
    if "theme" in c:
        if c["theme"] not in data.themes:
            raise Problem("unknown theme %r" % c["theme"])
        return data.themes[c["theme"]]
    if "industries" in c:
        return list(c["industries"])
    return [c["industry"]]


def _ind_row(data, d, name):
    r = data.ind.get((d, name))
    if r is None:
        raise Problem("no industry row %s %s" % (d, name))
    return r


def run_calcs(data, calcs):
    env = {}

    def put(key, val):
        if key:
            env[key] = val

    for c in calcs:
        op = c["op"]
        if op == "value":
            put(c["as"], _get(data, c["date"], c.get("measure", "total")))
        elif op == "stat":
            ds, vs = _series(data, c["start"], c["end"], c.get("measure", "total"))
            fn = c["fn"]
            if fn == "mean":
                put(c["as"], sum(vs) / len(vs))
            elif fn == "median":
                put(c["as"], statistics.median(vs))
            elif fn == "sum":
                put(c["as"], sum(vs))
            elif fn == "count":
                put(c["as"], len(vs))
            elif fn in ("max", "min"):
                best = max(vs) if fn == "max" else min(vs)
                i = vs.index(best)
                put(c.get("as"), best)
                put(c.get("date_as"), ds[i])
            else:
                raise Problem("bad fn %r" % fn)
        elif op == "count":
            ds, vs = _series(data, c["start"], c["end"], c.get("measure", "total"))
            n = 0
            for d, v in zip(ds, vs):
                p = _prev(data, d)
                pv = _get(data, p, c.get("measure", "total")) if ("vs_prev" in c["cond"] and p) else None
                if _cond(c["cond"], v, pv):
                    n += 1
            put(c["as"], n)
        elif op == "streak":
            ds, vs = _series(data, c["start"], c["end"], c.get("measure", "total"))
            best = (0, None, None)
            run = 0
            run_start = None
            for d, v in zip(ds, vs):
                p = _prev(data, d)
                pv = _get(data, p, c.get("measure", "total")) if ("vs_prev" in c["cond"] and p) else None
                if _cond(c["cond"], v, pv):
                    if run == 0:
                        run_start = d
                    run += 1
                    if run > best[0]:
                        best = (run, run_start, d)
                else:
                    run = 0
            put(c["as"], best[0])
            put(c.get("start_date_as"), best[1])
            put(c.get("end_date_as"), best[2])
        elif op == "rank":
            measure = c.get("measure", "total")
            ds, vs = _series(data, c["start"], c["end"], measure)
            if "date" in c:
                v = _get(data, c["date"], measure)
            elif "ref" in c:
                v = env[c["ref"]]
            else:
                v = c["value"]
            order = c.get("order", "desc")
            higher = sum(1 for x in vs if x > v)
            lower = sum(1 for x in vs if x < v)
            rank = 1 + (higher if order == "desc" else lower)
            put(c.get("as"), rank)
            put(c.get("pct_as"), 100.0 * sum(1 for x in vs if x <= v) / len(vs))
            put(c.get("higher_as"), higher)
            put(c.get("lower_as"), lower)
            put(c.get("n_as"), len(vs))
        elif op == "top":
            ds, vs = _series(data, c["start"], c["end"], c.get("measure", "total"))
            pairs = list(zip(ds, vs))
            rev = c.get("order", "desc") == "desc"
            pairs.sort(key=lambda p: (-p[1] if rev else p[1], p[0]))
            pairs = pairs[: c["n"]]
            if len(pairs) < c["n"]:
                raise Problem("fewer than n sessions")
            put(c.get("as"), [p[1] for p in pairs])
            put(c.get("date_as"), [p[0] for p in pairs])
        elif op == "const":
            put(c["as"], c["value"])
        elif op == "find":
            ds, vs = _series(data, c["start"], c["end"], c.get("measure", "total"))
            hits = []
            for d, v in zip(ds, vs):
                p = _prev(data, d)
                pv = _get(data, p, c.get("measure", "total")) if ("vs_prev" in c["cond"] and p) else None
                if _cond(c["cond"], v, pv):
                    hits.append((d, v))
            if not hits:
                raise Problem("find: no session meets the condition")
            d, v = hits[-1] if c.get("which", "last") == "last" else hits[0]
            put(c.get("as"), d)
            put(c.get("value_as"), v)
        elif op == "diff":
            a, b = env[c["a"]], env[c["b"]]
            put(c.get("as"), a - b)
            put(c.get("pct_as"), 100.0 * (a - b) / b)
        elif op == "share":
            put(c["as"], 100.0 * env[c["part"]] / env[c["whole"]])
        elif op == "ratio":
            put(c["as"], env[c["a"]] / env[c["b"]])
        elif op == "sumk":
            put(c["as"], sum(env[k] for k in c["keys"]))
        elif op == "index_change":
            meas = c["index"] + "_close"
            ds = data.span(c["start"], c["end"])
            if not ds:
                raise Problem("no sessions in %s..%s" % (c["start"], c["end"]))
            last = _get(data, ds[-1], meas)
            p = _prev(data, ds[0])
            if p is None:
                raise Problem("no session before the period")
            base = _get(data, p, meas)
            put(c.get("as"), 100.0 * (last / base - 1.0))
            put(c.get("pts_as"), last - base)
            put(c.get("close_as"), last)
            put(c.get("base_as"), base)
        elif op == "group":
            ds, vs = _series(data, c["start"], c["end"], c.get("measure", "total"))
            groups = {}
            for d, v in zip(ds, vs):
                if c["by"] == "month":
                    g = d[:7]
                elif c["by"] == "year":
                    g = d[:4]
                elif c["by"] == "week":
                    y, w, _ = _date.fromisoformat(d).isocalendar()
                    g = "%04d-W%02d" % (y, w)
                else:
                    raise Problem("bad by")
                groups.setdefault(g, []).append((d, v))
            vals = {}
            for g, lst in groups.items():
                s = sum(v for _, v in lst)
                vals[g] = s if c.get("agg", "sum") == "sum" else s / len(lst)
            pick = max if c.get("pick", "max") == "max" else min
            g = pick(sorted(vals), key=lambda k: vals[k])
            put(c.get("as"), vals[g])
            if c["by"] == "week":
                put(c.get("label_as"), groups[g][0][0])  # first session of that week
                put(c.get("end_label_as"), groups[g][-1][0])
            elif c["by"] == "year":
                put(c.get("label_as"), int(g))
            else:
                put(c.get("label_as"), g)
        elif op == "ind":
            put(c["as"], _ind_row(data, c["date"], c["industry"])[c["field"]])
        elif op == "ind_fall":
            r = _ind_row(data, c["date"], c["industry"])
            put(c["as"], r["total_count"] - r["up_count"])
        elif op == "ind_sum":
            ds = [d for d in data.span(c["start"], c["end"])]
            if not ds:
                raise Problem("no sessions")
            tot = 0.0
            for d in ds:
                for name in _inds(data, c):
                    tot += _ind_row(data, d, name)["amount_yuan"]
            put(c["as"], tot)
        elif op == "ind_top":
            ds = data.span(c["start"], c["end"])
            if not ds:
                raise Problem("no sessions")
            field = c.get("field", "amount_yuan")
            if field != "amount_yuan" and len(ds) != 1:
                raise Problem("change_pct ranking is for one day only")
            names = c.get("among") or sorted(data.ind_names)
            vals = {}
            for name in names:
                vals[name] = sum(_ind_row(data, d, name)[field] for d in ds)
            rev = c.get("order", "desc") == "desc"
            order = sorted(vals, key=lambda k: (-vals[k] if rev else vals[k], k))[: c["n"]]
            put(c.get("as"), [vals[k] for k in order])
            put(c.get("name_as"), order)
        elif op == "ind_count":
            if c["date"] not in data.ind_dates:
                raise Problem("no industry data on %s" % c["date"])
            n = 0
            for name in data.ind_names:
                if _cond(c["cond"], _ind_row(data, c["date"], name)[c["field"]], None):
                    n += 1
            put(c["as"], n)
        elif op == "ind_rank":
            if "date" in c:
                ds = [c["date"]]
            else:
                ds = data.span(c["start"], c["end"])
            field = c.get("field", "amount_yuan")
            vals = {name: sum(_ind_row(data, d, name)[field] for d in ds) for name in data.ind_names}
            v = vals[c["industry"]]
            if c.get("order", "desc") == "desc":
                put(c["as"], 1 + sum(1 for x in vals.values() if x > v))
            else:
                put(c["as"], 1 + sum(1 for x in vals.values() if x < v))
        else:
            raise Problem("unknown op %r" % op)
    return env


def _public(env):
    return {k: v for k, v in env.items() if not k.startswith("_")}


def _closed_limit(data, now):
    """Last session closed at `now` ("YYYY-MM-DD HH:MM")."""
    d, t = now.split()
    last = None
    for s in data.sessions:
        if s < d or (s == d and t >= "15:00"):
            last = s
    return last


def _dates_used(data, calcs):
    """Session dates a turn's calcs rely on: single dates, and the last session of each period."""
    out = []
    for c in calcs:
        if "date" in c:
            out.append(c["date"])
        if "start" in c and "end" in c:
            ds = data.span(c["start"], c["end"])
            if ds:
                out.append(ds[-1])
    return out


def figures(items, source=None, problems=None):
    folder = source if isinstance(source, str) and os.path.isdir(source) else DATA
    data = Data(folder)
    out = {}
    for it in items:
        per = []
        limit = _closed_limit(data, it["now"])
        for ti, ex in enumerate(it["expect"]):
            if ex["kind"] != "answer":
                per.append({})
                continue
            try:
                env = run_calcs(data, ex["query"]["calcs"])
                for d in _dates_used(data, ex["query"]["calcs"]):
                    if limit is None or d > limit:
                        raise Problem("uses %s, not closed at now=%s" % (d, it["now"]))
                pub = _public(env)
                want = set(ex.get("figures", []))
                if want != set(pub):
                    raise Problem("figures %s != computed %s" % (sorted(want), sorted(pub)))
                per.append(pub)
            except (Problem, KeyError, ValueError, ZeroDivisionError) as e:
                if problems is not None:
                    problems.append("%s turn %d: %s: %s" % (it["id"], ti + 1, type(e).__name__, e))
                per.append({})
        out[it["id"]] = per
    return out


def _load(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(ln) for ln in fh if ln.strip()]


def main():
    items = _load(os.path.join(_HERE, "set_s.jsonl"))
    problems = []
    figs = figures(items, problems=problems)
    n_fig = sum(len(t) for v in figs.values() for t in v)
    n_flat = 0
    for v in figs.values():
        for t in v:
            for val in t.values():
                n_flat += len(val) if isinstance(val, list) else 1
    print(
        "items: %d, turns: %d, figure keys: %d (flattened %d)"
        % (len(items), sum(len(i["turns"]) for i in items), n_fig, n_flat)
    )
    if "-v" in sys.argv:
        for it in items:
            print(it["id"], json.dumps(figs[it["id"]], ensure_ascii=False))
    if problems:
        print("problems: %d" % len(problems))
        for p in problems:
            print("  " + p)
    else:
        print("problems: none")


if __name__ == "__main__":
    main()


# --- added by the team: the grader reads flat keys (tests/agent/blind/flat_keys.py says why and how) ------------
try:
    from tests.agent.blind.flat_keys import flat_figures
except ModuleNotFoundError:  # run as a script from its own folder
    sys.path.insert(0, os.path.abspath(os.path.join(_HERE, "..", "..", "..")))
    from tests.agent.blind.flat_keys import flat_figures

_figures_as_written = figures
figures = flat_figures(_figures_as_written)
