# ruff: noqa
"""Reference figures for the marketbot held-out set T (stdlib only).

Every answer turn of set_t.jsonl carries query.calcs, a list of small computation
specs.  Each spec names an op and the figure key(s) it fills.  All dates in the
specs are explicit (relative words were resolved by hand, see each "reading").

Series ("series" field): total (= sh_yuan + sz_yuan), sh, sz (turnover in yuan),
sh_close, sz_close (index points), sh_pct, sz_pct (daily % change, as in the CSV).

Ops (period = "start".."end" inclusive, sessions only):
  value        {date, series, key}
  stat         {stat: mean|median|max|min|sum|count, start, end, series, key, date_key?}
  count        {start, end, series, cmp: gt|ge|lt|le|between, x | lo,hi, key}
  updown       {start, end, series, dir: up|down, key}  sessions whose value is >(up)/<(down)
               the previous session's (the previous session may lie before start)
  streak       {start, end, series, cmp+x | dir, key, start_key?, end_key?}  longest run
  rank         {date, start, end, series, key?, pct_key?, order?: desc|asc}
               rank = 1 + #sessions strictly higher (asc: strictly lower); pct = 100*#(<=v)/n
  rank_amount  {x, start, end, series, key?, pct_key?}
  top          {n, start, end, series, order: desc|asc, value_key?, date_key?}
  change       {a: qspec, b: qspec, key?, pct_key?}   a - b, 100*(a-b)/b
  share        {part: qspec, whole: qspec, key}       100*part/whole
  ratio        {a: qspec, b: qspec, key}              a/b
  index_change {index: sh|sz, start, end, key?(pct), pts_key?, close_key?}
               100*(last close in period / last close before period - 1)
  group_pick   {group: month|week|year, stat: sum|mean, start, end, series, pick: max|min,
                period_key, value_key?}
  ind_value    {date, industry, field: amount_yuan|change_pct|up_count|total_count|down_count, key}
  ind_period   {industry | industries (list) | theme, start, end, measure: sum|mean|change, key}
               change = compounded daily change_pct: 100*(prod(1+p/100)-1)
  ind_top      {date | start,end, by: amount|change_pct|up_count|up_ratio, n, order: desc|asc,
                industry_key, value_key?}  (period: amount summed, change compounded)
  ind_rank     {industry, date | start,end, by, key, order?}
  ind_count    {date, field, cmp, x, key}   number of industries meeting the condition
  theme_value  {theme, date | start,end, key}   sum of the theme's industries' amount_yuan
  theme_top    {date | start,end, n, order, theme_key, value_key?}  themes by turnover
  nth          {n, start, end, series, order, value_key?, date_key?}  the n-th highest (lowest) session
  run_to       {date, series, cmp+x | dir, key, start_key?}  length of the run of sessions ending
               at date that meet the condition (counted backwards from date)
A qspec is any scalar op spec (value, stat, count, ind_value, ind_period, theme_value,
index_change, share, change) without keys.  For change/share qspecs the "result" field
(diff|pct) picks the figure.
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


class CalcProblem(Exception):
    pass


class Data:
    def __init__(self, folder):
        self.folder = folder
        self.days = []  # sorted session dates
        self.row = {}
        with gzip.open(os.path.join(folder, "turnover_snapshot.csv.gz"), "rt", encoding="utf-8") as f:
            lines = [ln for ln in f if not ln.startswith("#")]
        for r in csv.DictReader(lines):
            d = r["date"]
            sh = float(r["sh_yuan"])
            sz = float(r["sz_yuan"])
            rec = {"sh": sh, "sz": sz, "total": sh + sz}
            for c in ("sh_close", "sh_pct", "sz_close", "sz_pct"):
                rec[c] = float(r[c]) if r.get(c) not in (None, "") else None
            self.row[d] = rec
            self.days.append(d)
        self.days.sort()
        self.idx = {d: i for i, d in enumerate(self.days)}
        self.ind = {}  # date -> {industry: rec}
        with gzip.open(os.path.join(folder, "ths_industries.csv.gz"), "rt", encoding="utf-8") as f:
            lines = [ln for ln in f if not ln.startswith("#")]
        for r in csv.DictReader(lines):
            up = int(r["up_count"])
            tot = int(r["total_count"])
            rec = {
                "amount_yuan": float(r["amount_yuan"]),
                "up_count": up,
                "total_count": tot,
                "down_count": tot - up,
                "change_pct": float(r["change_pct"]),
                "up_ratio": up / tot if tot else 0.0,
            }
            self.ind.setdefault(r["date"], {})[r["industry"]] = rec
        self.ind_days = sorted(self.ind)
        with open(os.path.join(folder, "industry_themes.json"), encoding="utf-8") as f:
            self.themes = {t["name"]: t["industries"] for t in json.load(f)["themes"]}

    # --- helpers -------------------------------------------------------
    def sessions(self, start, end):
        out = [d for d in self.days if start <= d <= end]
        if not out:
            raise CalcProblem("no sessions in %s..%s" % (start, end))
        return out

    def val(self, d, series):
        if d not in self.row:
            raise CalcProblem("%s is not a session" % d)
        v = self.row[d].get(series)
        if v is None:
            raise CalcProblem("no %s on %s" % (series, d))
        return v

    def prev(self, d):
        i = self.idx[d]
        if i == 0:
            raise CalcProblem("no session before %s" % d)
        return self.days[i - 1]

    def ind_sessions(self, start, end):
        out = [d for d in self.ind_days if start <= d <= end]
        if not out:
            raise CalcProblem("no industry sessions in %s..%s" % (start, end))
        return out

    def ind_rec(self, d, name):
        if d not in self.ind:
            raise CalcProblem("no industry data on %s" % d)
        if name not in self.ind[d]:
            raise CalcProblem("no industry %s on %s" % (name, d))
        return self.ind[d][name]

    def theme(self, name):
        if name not in self.themes:
            raise CalcProblem("unknown theme %s" % name)
        return self.themes[name]


def _cmp(v, c):
    op = c["cmp"]
    if op == "gt":
        return v > c["x"]
    if op == "ge":
        return v >= c["x"]
    if op == "lt":
        return v < c["x"]
    if op == "le":
        return v <= c["x"]
    if op == "between":
        return c["lo"] <= v <= c["hi"]
    raise CalcProblem("bad cmp %r" % op)


def _period(c):
    if "date" in c and "start" not in c:
        return c["date"], c["date"]
    return c["start"], c["end"]


def _ind_measure(D, name_list, days, by):
    """value of a set of industries (one industry = list of one) over days."""
    if by in ("amount", "amount_yuan", "sum"):
        return sum(D.ind_rec(d, n)["amount_yuan"] for d in days for n in name_list)
    if by == "mean":
        return sum(D.ind_rec(d, n)["amount_yuan"] for d in days for n in name_list) / len(days)
    if len(name_list) != 1:
        raise CalcProblem("measure %s needs one industry" % by)
    n = name_list[0]
    if by in ("change_pct", "change"):
        if len(days) == 1:
            return D.ind_rec(days[0], n)["change_pct"]
        p = 1.0
        for d in days:
            p *= 1 + D.ind_rec(d, n)["change_pct"] / 100.0
        return 100.0 * (p - 1)
    if by in ("up_count", "down_count", "total_count"):
        if len(days) != 1:
            raise CalcProblem("%s only for one day" % by)
        return D.ind_rec(days[0], n)[by]
    if by == "up_ratio":
        if len(days) != 1:
            raise CalcProblem("up_ratio only for one day")
        return D.ind_rec(days[0], n)["up_ratio"]
    raise CalcProblem("bad industry measure %r" % by)


def scalar(D, c):
    """Evaluate a scalar spec; returns (value, extras dict)."""
    op = c["op"]
    if op == "value":
        return D.val(c["date"], c.get("series", "total")), {}
    if op == "stat":
        days = D.sessions(c["start"], c["end"])
        s = c.get("series", "total")
        vals = [D.val(d, s) for d in days]
        st = c["stat"]
        if st == "mean":
            return sum(vals) / len(vals), {}
        if st == "median":
            return statistics.median(vals), {}
        if st == "sum":
            return sum(vals), {}
        if st == "count":
            return len(vals), {}
        if st in ("max", "min"):
            best = max(vals) if st == "max" else min(vals)
            hits = [d for d, v in zip(days, vals) if v == best]
            return best, {"date": hits[0]}
        raise CalcProblem("bad stat %r" % st)
    if op == "count":
        days = D.sessions(c["start"], c["end"])
        s = c.get("series", "total")
        return sum(1 for d in days if _cmp(D.val(d, s), c)), {}
    if op == "updown":
        days = D.sessions(c["start"], c["end"])
        s = c.get("series", "total")
        n = 0
        for d in days:
            v, pv = D.val(d, s), D.val(D.prev(d), s)
            if (c["dir"] == "up" and v > pv) or (c["dir"] == "down" and v < pv):
                n += 1
        return n, {}
    if op == "ind_value":
        rec = D.ind_rec(c["date"], c["industry"])
        f = c.get("field", "amount_yuan")
        if f not in rec:
            raise CalcProblem("bad field %s" % f)
        return rec[f], {}
    if op == "ind_period":
        s, e = _period(c)
        days = D.ind_sessions(s, e)
        if "theme" in c:
            names = D.theme(c["theme"])
        elif "industries" in c:
            names = list(c["industries"])
        else:
            names = [c["industry"]]
        return _ind_measure(D, names, days, c.get("measure", "sum")), {}
    if op == "theme_value":
        s, e = _period(c)
        days = D.ind_sessions(s, e)
        return _ind_measure(D, D.theme(c["theme"]), days, c.get("measure", "sum")), {}
    if op == "index_change":
        days = D.sessions(c["start"], c["end"])
        col = c["index"] + "_close"
        last = D.val(days[-1], col)
        base = D.val(D.prev(days[0]), col)
        return 100.0 * (last / base - 1), {"pts": last - base, "close": last}
    if op == "share":
        p, _ = scalar(D, c["part"])
        w, _ = scalar(D, c["whole"])
        return 100.0 * p / w, {}
    if op == "ratio":
        a, _ = scalar(D, c["a"])
        b, _ = scalar(D, c["b"])
        return a / b, {}
    if op == "change":
        a, _ = scalar(D, c["a"])
        b, _ = scalar(D, c["b"])
        diff = a - b
        pct = 100.0 * diff / b
        if c.get("result") == "pct":
            return pct, {"diff": diff}
        return diff, {"pct": pct}
    raise CalcProblem("op %r is not scalar" % op)


def run_calc(D, c, out):
    op = c["op"]
    if op in ("value", "count", "updown", "ind_value", "ind_period", "theme_value", "share", "ratio"):
        v, _ = scalar(D, c)
        out[c["key"]] = v
        return
    if op == "stat":
        v, ex = scalar(D, c)
        if "key" in c:
            out[c["key"]] = v
        if "date_key" in c:
            out[c["date_key"]] = ex["date"]
        return
    if op == "change":
        a, _ = scalar(D, c["a"])
        b, _ = scalar(D, c["b"])
        if "key" in c:
            out[c["key"]] = a - b
        if "pct_key" in c:
            out[c["pct_key"]] = 100.0 * (a - b) / b
        if "a_key" in c:
            out[c["a_key"]] = a
        if "b_key" in c:
            out[c["b_key"]] = b
        return
    if op == "index_change":
        v, ex = scalar(D, c)
        if "key" in c:
            out[c["key"]] = v
        if "pts_key" in c:
            out[c["pts_key"]] = ex["pts"]
        if "close_key" in c:
            out[c["close_key"]] = ex["close"]
        return
    if op == "streak":
        days = D.sessions(c["start"], c["end"])
        s = c.get("series", "total")
        best, best_s, best_e, ties = 0, None, None, 0
        run, run_s = 0, None
        for d in days:
            v = D.val(d, s)
            if "dir" in c:
                pv = D.val(D.prev(d), s)
                ok = v > pv if c["dir"] == "up" else v < pv
            else:
                ok = _cmp(v, c)
            if ok:
                if run == 0:
                    run_s = d
                run += 1
                if run > best:
                    best, best_s, best_e, ties = run, run_s, d, 0
                elif run == best:
                    ties += 1
            else:
                run = 0
        if best == 0:
            raise CalcProblem("streak: no session meets the condition")
        if ties and ("start_key" in c or "end_key" in c):
            raise CalcProblem("streak: several longest runs, dates ambiguous")
        out[c["key"]] = best
        if "start_key" in c:
            out[c["start_key"]] = best_s
        if "end_key" in c:
            out[c["end_key"]] = best_e
        return
    if op in ("rank", "rank_amount"):
        days = D.sessions(c["start"], c["end"])
        s = c.get("series", "total")
        vals = [D.val(d, s) for d in days]
        if op == "rank":
            if not (c["start"] <= c["date"] <= c["end"]):
                raise CalcProblem("rank date outside scope")
            v = D.val(c["date"], s)
        else:
            v = c["x"]
        if c.get("order", "desc") == "asc":
            r = 1 + sum(1 for x in vals if x < v)
        else:
            r = 1 + sum(1 for x in vals if x > v)
        if "key" in c:
            out[c["key"]] = r
        if "pct_key" in c:
            out[c["pct_key"]] = 100.0 * sum(1 for x in vals if x <= v) / len(vals)
        if "n_key" in c:
            out[c["n_key"]] = len(vals)
        return
    if op == "top":
        days = D.sessions(c["start"], c["end"])
        s = c.get("series", "total")
        pairs = [(D.val(d, s), d) for d in days]
        rev = c.get("order", "desc") == "desc"
        pairs.sort(key=lambda p: (-p[0], p[1]) if rev else (p[0], p[1]))
        n = c["n"]
        if len(pairs) < n:
            raise CalcProblem("top: fewer than n sessions")
        if n < len(pairs) and pairs[n - 1][0] == pairs[n][0]:
            raise CalcProblem("top: tie at the cut")
        sel = pairs[:n]
        if "value_key" in c:
            out[c["value_key"]] = [p[0] for p in sel]
        if "date_key" in c:
            out[c["date_key"]] = [p[1] for p in sel]
        return
    if op == "nth":
        days = D.sessions(c["start"], c["end"])
        s = c.get("series", "total")
        pairs = [(D.val(d, s), d) for d in days]
        rev = c.get("order", "desc") == "desc"
        pairs.sort(key=lambda p: (-p[0], p[1]) if rev else (p[0], p[1]))
        n = c["n"]
        if len(pairs) < n:
            raise CalcProblem("nth: fewer than n sessions")
        if (n >= 2 and pairs[n - 2][0] == pairs[n - 1][0]) or (n < len(pairs) and pairs[n][0] == pairs[n - 1][0]):
            raise CalcProblem("nth: tie")
        if "value_key" in c:
            out[c["value_key"]] = pairs[n - 1][0]
        if "date_key" in c:
            out[c["date_key"]] = pairs[n - 1][1]
        return
    if op == "run_to":
        # consecutive sessions ending at `date` that meet the condition (0 if `date` fails it)
        s = c.get("series", "total")
        i = D.idx.get(c["date"])
        if i is None:
            raise CalcProblem("%s is not a session" % c["date"])
        n, first = 0, None
        while i >= 0:
            d = D.days[i]
            v = D.val(d, s)
            if "dir" in c:
                if i == 0:
                    break
                pv = D.val(D.days[i - 1], s)
                ok = v > pv if c["dir"] == "up" else v < pv
            else:
                ok = _cmp(v, c)
            if not ok:
                break
            n, first = n + 1, d
            i -= 1
        out[c["key"]] = n
        if "start_key" in c:
            if first is None:
                raise CalcProblem("run_to: no run")
            out[c["start_key"]] = first
        return
    if op == "group_pick":
        days = D.sessions(c["start"], c["end"])
        s = c.get("series", "total")
        groups = {}
        for d in days:
            if c["group"] == "month":
                g = d[:7]
            elif c["group"] == "year":
                g = int(d[:4])
            elif c["group"] == "week":
                y, m, dd = map(int, d.split("-"))
                dt = _date(y, m, dd)
                g = _date.fromordinal(dt.toordinal() - dt.weekday()).isoformat()
            else:
                raise CalcProblem("bad group")
            groups.setdefault(g, []).append(D.val(d, s))
        agg = {}
        for g, vs in groups.items():
            agg[g] = sum(vs) if c["stat"] == "sum" else sum(vs) / len(vs)
        items = sorted(agg.items(), key=lambda kv: kv[1], reverse=(c["pick"] == "max"))
        if len(items) > 1 and items[0][1] == items[1][1]:
            raise CalcProblem("group_pick tie")
        out[c["period_key"]] = items[0][0]
        if "value_key" in c:
            out[c["value_key"]] = items[0][1]
        return
    if op in ("ind_top", "ind_rank"):
        s, e = _period(c)
        days = D.ind_sessions(s, e)
        names = sorted(D.ind[days[0]])
        by = c.get("by", "amount")
        vals = [(_ind_measure(D, [n], days, by), n) for n in names]
        desc = c.get("order", "desc") == "desc"
        if op == "ind_rank":
            v = _ind_measure(D, [c["industry"]], days, by)
            r = 1 + sum(1 for x, _ in vals if (x > v if desc else x < v))
            out[c["key"]] = r
            return
        vals.sort(key=lambda p: (-p[0], p[1]) if desc else (p[0], p[1]))
        n = c["n"]
        if n < len(vals) and vals[n - 1][0] == vals[n][0]:
            raise CalcProblem("ind_top: tie at the cut")
        sel = vals[:n]
        out[c["industry_key"]] = [p[1] for p in sel] if c.get("as_list", True) else sel[0][1]
        if "value_key" in c:
            out[c["value_key"]] = [p[0] for p in sel] if c.get("as_list", True) else sel[0][0]
        return
    if op == "ind_count":
        recs = D.ind.get(c["date"])
        if not recs:
            raise CalcProblem("no industry data on %s" % c["date"])
        f = c.get("field", "change_pct")
        out[c["key"]] = sum(1 for r in recs.values() if _cmp(r[f], c))
        return
    if op == "theme_top":
        s, e = _period(c)
        days = D.ind_sessions(s, e)
        vals = [(_ind_measure(D, D.theme(t), days, "sum"), t) for t in sorted(D.themes)]
        vals.sort(key=lambda p: (-p[0], p[1]) if c.get("order", "desc") == "desc" else (p[0], p[1]))
        sel = vals[: c["n"]]
        if c.get("as_list", True):
            out[c["theme_key"]] = [p[1] for p in sel]
            if "value_key" in c:
                out[c["value_key"]] = [p[0] for p in sel]
        else:
            out[c["theme_key"]] = sel[0][1]
            if "value_key" in c:
                out[c["value_key"]] = sel[0][0]
        return
    raise CalcProblem("unknown op %r" % op)


_CACHE = {}


def _data(source):
    folder = source if isinstance(source, str) and os.path.isdir(source) else DATA
    if folder not in _CACHE:
        _CACHE[folder] = Data(folder)
    return _CACHE[folder]


def figures(items, source=None, problems=None):
    D = _data(source)
    res = {}
    for it in items:
        per_turn = []
        for ti, ex in enumerate(it["expect"]):
            out = {}
            if ex.get("kind") == "answer":
                for c in ex.get("query", {}).get("calcs", []):
                    try:
                        run_calc(D, c, out)
                    except (CalcProblem, KeyError, ZeroDivisionError, ValueError) as e:
                        if problems is not None:
                            problems.append("%s turn %d: %s: %s" % (it["id"], ti + 1, c.get("op"), e))
                missing = [k for k in ex.get("figures", []) if k not in out]
                if missing and problems is not None:
                    problems.append("%s turn %d: figures not computed: %s" % (it["id"], ti + 1, missing))
                if problems is not None and not ex.get("figures"):
                    problems.append("%s turn %d: answer turn lists no figures" % (it["id"], ti + 1))
                out = {k: out[k] for k in ex.get("figures", []) if k in out} if ex.get("figures") else out
            per_turn.append(out)
        res[it["id"]] = per_turn
    return res


def _load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def main():
    path = os.path.join(_HERE, "set_t.jsonl")
    items = _load(path)
    problems = []
    for it in items:
        if len(it["turns"]) != len(it["expect"]):
            problems.append("%s: %d turns but %d expects" % (it["id"], len(it["turns"]), len(it["expect"])))
    res = figures(items, problems=problems)
    nfig = sum(len(v) if isinstance(v, list) else 1 for t in res.values() for f in t for v in f.values())
    nkeys = sum(len(f) for t in res.values() for f in t)
    print(
        "items: %d  turns: %d  figure keys: %d  figure values (lists flattened): %d"
        % (len(items), sum(len(i["turns"]) for i in items), nkeys, nfig)
    )
    if "-v" in sys.argv:
        for it in items:
            print(it["id"], json.dumps(res[it["id"]], ensure_ascii=False))
    if problems:
        print("PROBLEMS (%d):" % len(problems))
        for p in problems:
            print("  " + p)
    else:
        print("no problems")


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
