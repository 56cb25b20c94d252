# ruff: noqa
"""Reference figures for the blind held-out set R (set_r.jsonl).

Stdlib only. Every figure is computed from the bundled CSVs through the small
calc language stored in each turn's ``query.calcs``; nothing is hard-coded.

Calc language (all dates are explicit YYYY-MM-DD; ranges are inclusive and
select the sessions present in turnover_snapshot.csv.gz):

  fields of a session: total (= sh_yuan + sz_yuan), sh, sz, sh_close, sh_pct,
      sz_close, sz_pct, total_chg (total minus the previous session's total),
      total_chg_pct (100 * total_chg / previous total)
  conditions ("cond"): {"gt": x} {"ge": x} {"lt": x} {"le": x} {"between": [lo, hi]} (inclusive)

  ops
    value        expression -> key
    agg          start, end, field, fn (mean|median|sum|max|min) -> key [, date_key for max/min]
    sessions     start, end -> key (number of sessions)
    count_if     start, end, field, cond -> key
    streak       start, end, field, cond -> key (longest run of consecutive sessions)
                 [, start_key, end_key]
    rank         start, end, field, date | value, order (desc|asc) -> rank_key, pct_key
                 rank = 1 + sessions strictly higher (desc) / strictly lower (asc);
                 percentile = 100 * count(<= v) / n
    top          start, end, field, n, order -> value_key (list), date_key (list)
    diff         a (reference), b (asked) expressions -> change_key (b - a), pct_key (100*(b-a)/a)
    ratio        num, den expressions -> key (100 * num / den)
    share        part expression, whole expression (default: two-market total of the
                 same day/period) -> key
    index_change index (sh|sz), start, end -> pct_key, pts_key
                 base = close of the session before the first session of the range
    group        by (month|week|year), start, end, field, fn (sum|mean), pick (max|min)
                 -> group_key, value_key      (week key = its Monday, YYYY-MM-DD)
    ind_value    date, industry, field (amount|up_count|total_count|change_pct|share_pct|
                 not_up_count) -> key
    ind_agg      start, end, industry, fn (sum|mean) -> key [, share_key]
    ind_top      date | start+end, field (amount|change_pct|up_count|share_pct), n, order
                 -> name_key, value_key: lists when the key starts with "top", else the
                 single best (n = 1); over a period amount is summed
    ind_rank     date | start+end, industry, field (amount|change_pct), order -> key
    ind_count_if date, field, cond -> key (number of industries)
    ind_sum      date, field (up_count|total_count|amount) -> key (sum over the 90 industries)
    theme        theme, date | start+end -> key (sum of its industries' amount) [, share_key]

  expressions (for value/diff/ratio/share):
    {"date", "field"}                     one session's field
    {"start", "end", "field", "fn"}       an aggregate over a range
    {"ind", "date"[, "field"]}            an industry on a day (default amount)
    {"ind", "start", "end"[, "fn"]}       an industry's amount over a range (sum)
    {"theme", "date"} / {"theme", "start", "end"}
    {"index_change": "sh"|"sz", "start", "end"}
    {"ref": key}                          a figure computed earlier in the same turn
    {"sum": [expr, ...]}                  the sum of several expressions
"""

import csv
import datetime as _dt
import gzip
import json
import os
import statistics
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_CAND = os.path.join(_HERE, "..", "..", "..", "tools", "data")
DATA = _CAND if os.path.isdir(_CAND) else "/work/main/tools/data"

IND_FIRST = "2025-07-25"
IND_LAST = "2026-07-31"


class CalcError(Exception):
    pass


def _read_csv(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _num(s):
    s = (s or "").strip()
    return float(s) if s else None


class Data:
    def __init__(self, folder):
        self.folder = folder
        snap = _read_csv(os.path.join(folder, "turnover_snapshot.csv.gz"))
        self.dates = []
        self.rows = {}
        prev = None
        for r in snap:
            d = r["date"].strip()
            sh = _num(r["sh_yuan"])
            sz = _num(r["sz_yuan"])
            row = {
                "sh": sh,
                "sz": sz,
                "total": sh + sz,
                "sh_close": _num(r.get("sh_close")),
                "sh_pct": _num(r.get("sh_pct")),
                "sz_close": _num(r.get("sz_close")),
                "sz_pct": _num(r.get("sz_pct")),
            }
            if prev is not None:
                row["total_chg"] = row["total"] - prev["total"]
                row["total_chg_pct"] = 100.0 * row["total_chg"] / prev["total"]
            else:
                row["total_chg"] = None
                row["total_chg_pct"] = None
            self.dates.append(d)
            self.rows[d] = row
            prev = row
        self.index = {d: i for i, d in enumerate(self.dates)}
        ind = _read_csv(os.path.join(folder, "ths_industries.csv.gz"))
        self.ind = {}
        for r in ind:
            d = r["date"].strip()
            self.ind.setdefault(d, {})[r["industry"].strip()] = {
                "amount": float(r["amount_yuan"]),
                "up_count": int(float(r["up_count"])),
                "total_count": int(float(r["total_count"])),
                "change_pct": float(r["change_pct"]),
            }
        with open(os.path.join(folder, "industry_themes.json"), encoding="utf-8") as f:
            th = json.load(f)
        self.themes = {}
        for t in th["themes"]:
            self.themes[t["name"]] = list(t["industries"])
            for a in t.get("aliases", []):
                self.themes.setdefault(a, list(t["industries"]))

    # ---- sessions -------------------------------------------------------
    def session(self, d):
        if d not in self.rows:
            raise CalcError("no session on %s" % d)
        return self.rows[d]

    def span(self, start, end):
        out = [d for d in self.dates if start <= d <= end]
        if not out:
            raise CalcError("no sessions in %s..%s" % (start, end))
        return out

    def field(self, d, f):
        v = self.session(d).get(f)
        if v is None:
            raise CalcError("no %s on %s" % (f, d))
        return v

    def prev_session(self, d):
        i = self.index[d]
        if i == 0:
            raise CalcError("no session before %s" % d)
        return self.dates[i - 1]

    # ---- industries -----------------------------------------------------
    def ind_day(self, d):
        if d not in self.ind:
            raise CalcError("no industry rows on %s" % d)
        return self.ind[d]

    def ind_span(self, start, end):
        out = [d for d in self.span(start, end) if d in self.ind]
        if not out:
            raise CalcError("no industry sessions in %s..%s" % (start, end))
        if start < IND_FIRST:
            raise CalcError("industry range starts before %s" % IND_FIRST)
        return out

    def ind_row(self, d, name):
        day = self.ind_day(d)
        if name not in day:
            raise CalcError("no industry %r on %s" % (name, d))
        return day[name]

    def ind_field(self, d, name, f):
        row = self.ind_row(d, name)
        if f == "share_pct":
            return 100.0 * row["amount"] / self.field(d, "total")
        if f == "not_up_count":
            return row["total_count"] - row["up_count"]
        return row[f]

    def theme_inds(self, t):
        if t not in self.themes:
            raise CalcError("unknown theme %r" % t)
        return self.themes[t]


def _agg(vals, fn):
    if not vals:
        raise CalcError("empty aggregate")
    if fn == "mean":
        return sum(vals) / len(vals)
    if fn == "median":
        return statistics.median(vals)
    if fn == "sum":
        return sum(vals)
    if fn == "max":
        return max(vals)
    if fn == "min":
        return min(vals)
    raise CalcError("unknown fn %r" % fn)


def _cond(c):
    if "gt" in c:
        x = c["gt"]
        return lambda v: v > x
    if "ge" in c:
        x = c["ge"]
        return lambda v: v >= x
    if "lt" in c:
        x = c["lt"]
        return lambda v: v < x
    if "le" in c:
        x = c["le"]
        return lambda v: v <= x
    if "between" in c:
        lo, hi = c["between"]
        return lambda v: lo <= v <= hi
    raise CalcError("bad cond %r" % (c,))


def _expr(D, e, out):
    if "ref" in e:
        if e["ref"] not in out:
            raise CalcError("ref %r not computed yet" % e["ref"])
        return out[e["ref"]]
    if "const" in e:
        return float(e["const"])
    if "sum" in e:
        return sum(_expr(D, x, out) for x in e["sum"])
    if "index_change" in e:
        return _index_change(D, e["index_change"], e["start"], e["end"])[0]
    if "theme" in e:
        inds = D.theme_inds(e["theme"])
        days = [e["date"]] if "date" in e else D.ind_span(e["start"], e["end"])
        return sum(D.ind_row(d, n)["amount"] for d in days for n in inds)
    if "ind" in e:
        f = e.get("field", "amount")
        if "date" in e:
            return D.ind_field(e["date"], e["ind"], f)
        days = D.ind_span(e["start"], e["end"])
        vals = [D.ind_field(d, e["ind"], f) for d in days]
        return _agg(vals, e.get("fn", "sum"))
    if "date" in e:
        return D.field(e["date"], e.get("field", "total"))
    if "start" in e:
        days = D.span(e["start"], e["end"])
        vals = [D.field(d, e.get("field", "total")) for d in days]
        return _agg(vals, e.get("fn", "sum"))
    raise CalcError("bad expression %r" % (e,))


def _whole_for(D, e):
    """The two-market total of the same day/period as an expression."""
    if "date" in e:
        return D.field(e["date"], "total")
    if "start" in e:
        days = D.ind_span(e["start"], e["end"]) if ("ind" in e or "theme" in e) else D.span(e["start"], e["end"])
        return sum(D.field(d, "total") for d in days)
    raise CalcError("share needs a whole")


def _index_change(D, idx, start, end):
    days = D.span(start, end)
    base_day = D.prev_session(days[0])
    f = idx + "_close"
    base = D.field(base_day, f)
    last = D.field(days[-1], f)
    return 100.0 * (last / base - 1.0), last - base


def _group_key(d, by):
    if by == "month":
        return d[:7]
    if by == "year":
        return int(d[:4])
    if by == "week":
        x = _dt.date.fromisoformat(d)
        return (x - _dt.timedelta(days=x.weekday())).isoformat()
    raise CalcError("bad group %r" % by)


def _run(D, c, out):
    op = c["op"]
    if op == "value":
        out[c["key"]] = _expr(D, c, out) if "expr" not in c else _expr(D, c["expr"], out)
    elif op == "agg":
        days = D.span(c["start"], c["end"])
        f = c.get("field", "total")
        vals = [D.field(d, f) for d in days]
        v = _agg(vals, c["fn"])
        out[c["key"]] = v
        if c.get("date_key"):
            hits = [d for d in days if D.field(d, f) == v]
            if len(hits) != 1:
                raise CalcError("tie for %s" % c["fn"])
            out[c["date_key"]] = hits[0]
    elif op == "sessions":
        out[c["key"]] = len(D.span(c["start"], c["end"]))
    elif op == "count_if":
        days = D.span(c["start"], c["end"])
        f = c.get("field", "total")
        ok = _cond(c["cond"])
        out[c["key"]] = sum(1 for d in days if ok(D.field(d, f)))
    elif op == "streak":
        days = D.span(c["start"], c["end"])
        f = c.get("field", "total")
        ok = _cond(c["cond"])
        best, best_s, best_e = 0, None, None
        cur, cur_s = 0, None
        runs = []
        for d in days:
            if ok(D.field(d, f)):
                if cur == 0:
                    cur_s = d
                cur += 1
                if cur > best:
                    best, best_s, best_e = cur, cur_s, d
            else:
                if cur:
                    runs.append(cur)
                cur = 0
        if cur:
            runs.append(cur)
        if best and runs.count(best) > 1 and (c.get("start_key") or c.get("end_key")):
            raise CalcError("tie for the longest streak")
        out[c["key"]] = best
        if c.get("start_key"):
            out[c["start_key"]] = best_s
        if c.get("end_key"):
            out[c["end_key"]] = best_e
    elif op == "rank":
        days = D.span(c["start"], c["end"])
        f = c.get("field", "total")
        vals = [D.field(d, f) for d in days]
        if "date" in c:
            if c["date"] not in days:
                raise CalcError("rank date outside its scope")
            v = D.field(c["date"], f)
        else:
            v = float(c["value"])
        if c.get("order", "desc") == "desc":
            rank = 1 + sum(1 for x in vals if x > v)
        else:
            rank = 1 + sum(1 for x in vals if x < v)
        if c.get("rank_key"):
            out[c["rank_key"]] = rank
        if c.get("pct_key"):
            out[c["pct_key"]] = 100.0 * sum(1 for x in vals if x <= v) / len(vals)
        if c.get("n_key"):
            out[c["n_key"]] = len(vals)
    elif op == "top":
        days = D.span(c["start"], c["end"])
        f = c.get("field", "total")
        rev = c.get("order", "desc") == "desc"
        ranked = sorted(days, key=lambda d: D.field(d, f), reverse=rev)[: int(c["n"])]
        if len(ranked) < int(c["n"]):
            raise CalcError("fewer than n sessions")
        if c.get("value_key"):
            out[c["value_key"]] = [D.field(d, f) for d in ranked]
        if c.get("date_key"):
            out[c["date_key"]] = ranked
    elif op == "diff":
        a = _expr(D, c["a"], out)
        b = _expr(D, c["b"], out)
        if c.get("change_key"):
            out[c["change_key"]] = b - a
        if c.get("pct_key"):
            out[c["pct_key"]] = 100.0 * (b - a) / a
    elif op == "ratio":
        out[c["key"]] = 100.0 * _expr(D, c["num"], out) / _expr(D, c["den"], out)
    elif op == "share":
        part = _expr(D, c["part"], out)
        whole = _expr(D, c["whole"], out) if "whole" in c else _whole_for(D, c["part"])
        out[c["key"]] = 100.0 * part / whole
    elif op == "index_change":
        pct, pts = _index_change(D, c["index"], c["start"], c["end"])
        if c.get("pct_key"):
            out[c["pct_key"]] = pct
        if c.get("pts_key"):
            out[c["pts_key"]] = pts
    elif op == "group":
        days = D.span(c["start"], c["end"])
        f = c.get("field", "total")
        groups = {}
        for d in days:
            groups.setdefault(_group_key(d, c["by"]), []).append(D.field(d, f))
        scored = {k: _agg(v, c.get("fn", "sum")) for k, v in groups.items()}
        pick = max if c.get("pick", "max") == "max" else min
        best = pick(scored.values())
        keys = [k for k, v in scored.items() if v == best]
        if len(keys) != 1:
            raise CalcError("tie in group")
        out[c["group_key"]] = keys[0]
        if c.get("value_key"):
            out[c["value_key"]] = best
    elif op == "ind_value":
        out[c["key"]] = D.ind_field(c["date"], c["industry"], c.get("field", "amount"))
    elif op == "ind_agg":
        days = D.ind_span(c["start"], c["end"])
        vals = [D.ind_field(d, c["industry"], "amount") for d in days]
        v = _agg(vals, c.get("fn", "sum"))
        out[c["key"]] = v
        if c.get("share_key"):
            out[c["share_key"]] = 100.0 * sum(vals) / sum(D.field(d, "total") for d in days)
    elif op in ("ind_top", "ind_rank"):
        f = c.get("field", "amount")
        if "date" in c:
            day = D.ind_day(c["date"])
            score = {n: D.ind_field(c["date"], n, f) for n in day}
        else:
            days = D.ind_span(c["start"], c["end"])
            if f not in ("amount", "share_pct"):
                raise CalcError("period ranking only by amount/share")
            names = D.ind_day(days[0]).keys()
            score = {n: sum(D.ind_row(d, n)["amount"] for d in days) for n in names}
            if f == "share_pct":
                tot = sum(D.field(d, "total") for d in days)
                score = {n: 100.0 * v / tot for n, v in score.items()}
        rev = c.get("order", "desc") == "desc"
        ranked = sorted(score, key=lambda n: score[n], reverse=rev)
        if op == "ind_top":
            n = int(c["n"])
            if len(ranked) > n and score[ranked[n - 1]] == score[ranked[n]]:
                raise CalcError("tie at the cut of ind_top")
            top = ranked[:n]
            # keys starting with "top" hold lists (top1_, top2_ ... after flattening);
            # any other key holds the single best item (n must be 1)
            for k, vals in ((c.get("name_key"), top), (c.get("value_key"), [score[x] for x in top])):
                if not k:
                    continue
                if k.startswith("top"):
                    out[k] = vals
                elif n == 1:
                    out[k] = vals[0]
                else:
                    raise CalcError("scalar key %r needs n = 1" % k)
        else:
            v = score[c["industry"]]
            if rev:
                out[c["key"]] = 1 + sum(1 for x in score.values() if x > v)
            else:
                out[c["key"]] = 1 + sum(1 for x in score.values() if x < v)
    elif op == "ind_count_if":
        day = D.ind_day(c["date"])
        ok = _cond(c["cond"])
        out[c["key"]] = sum(1 for n in day if ok(D.ind_field(c["date"], n, c.get("field", "change_pct"))))
    elif op == "ind_sum":
        day = D.ind_day(c["date"])
        out[c["key"]] = sum(day[n][c.get("field", "up_count")] for n in day)
    elif op == "theme":
        e = {k: c[k] for k in ("theme", "date", "start", "end") if k in c}
        v = _expr(D, e, out)
        out[c["key"]] = v
        if c.get("share_key"):
            out[c["share_key"]] = 100.0 * v / _whole_for(D, e)
    else:
        raise CalcError("unknown op %r" % op)


# ---- checks -----------------------------------------------------------------
def _last_closed(D, now):
    day, hm = now.split(" ")
    if day in D.rows and hm >= "15:00":
        return day
    prior = [d for d in D.dates if d < day]
    return prior[-1] if prior else None


def _dates_in(obj, acc):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("date", "start", "end") and isinstance(v, str):
                acc.append((k, v))
            else:
                _dates_in(v, acc)
    elif isinstance(obj, list):
        for v in obj:
            _dates_in(v, acc)


def _type_ok(key, v):
    def one(k, x):
        if k.endswith("_yuan") or k.endswith("_pct") or k.endswith("_pts"):
            return isinstance(x, (int, float)) and not isinstance(x, bool)
        if "date" in k:
            return isinstance(x, str) and len(x) == 10 and x[4] == "-" and x[7] == "-"
        if "month" in k:
            return isinstance(x, str) and len(x) == 7 and x[4] == "-"
        if k.endswith("_industry"):
            return isinstance(x, str) and bool(x)
        return isinstance(x, int) and not isinstance(x, bool)

    if isinstance(v, list):
        return bool(v) and all(one(key, x) for x in v)
    return one(key, v)


def figures(items, source=None, problems=None):
    folder = source if isinstance(source, str) and os.path.isdir(source) else DATA
    D = Data(folder)
    if problems is None:
        problems = []
    result = {}
    for it in items:
        iid = it["id"]
        per_turn = []
        if len(it.get("turns", [])) != len(it.get("expect", [])):
            problems.append("%s: turns/expect length mismatch" % iid)
        last = _last_closed(D, it["now"])
        for ti, ex in enumerate(it.get("expect", [])):
            tag = "%s turn %d" % (iid, ti + 1)
            if ex.get("kind") == "decline":
                if not ex.get("query", {}).get("reason"):
                    problems.append("%s: decline without reason" % tag)
                if ex.get("figures"):
                    problems.append("%s: decline with figures" % tag)
                per_turn.append({})
                continue
            out = {}
            try:
                for c in ex["query"]["calcs"]:
                    _run(D, c, out)
            except CalcError as e:
                problems.append("%s: %s" % (tag, e))
                per_turn.append({})
                continue
            except Exception as e:  # a malformed calc is a problem too
                problems.append("%s: %s: %s" % (tag, type(e).__name__, e))
                per_turn.append({})
                continue
            acc = []
            _dates_in(ex["query"]["calcs"], acc)
            for k, d in acc:
                if last is None or (k != "end" and d > last) or (k == "end" and any(last < x <= d for x in D.dates)):
                    problems.append("%s: %s %s is not closed at now=%s" % (tag, k, d, it["now"]))
            figs = {}
            for k in ex.get("figures", []):
                if k not in out:
                    problems.append("%s: figure %r not computed" % (tag, k))
                    continue
                if not _type_ok(k, out[k]):
                    problems.append("%s: figure %r has the wrong type (%r)" % (tag, k, out[k]))
                figs[k] = out[k]
            if not figs:
                problems.append("%s: answer with no figures" % tag)
            per_turn.append(figs)
        result[iid] = per_turn
    return result


def _main():
    path = os.path.join(_HERE, "set_r.jsonl")
    with open(path, encoding="utf-8") as f:
        items = [json.loads(ln) for ln in f if ln.strip()]
    problems = []
    res = figures(items, problems=problems)
    n_fig = sum(len(t) for turns in res.values() for t in turns)
    n_turns = sum(len(turns) for turns in res.values())
    print("items: %d  turns: %d  figures: %d" % (len(res), n_turns, n_fig))
    if "-v" in sys.argv:
        for iid, turns in res.items():
            print(iid, json.dumps(turns, ensure_ascii=False))
    if problems:
        print("problems: %d" % len(problems))
        for p in problems:
            print("  " + p)
    else:
        print("problems: none")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(_main())


# --- added by the team: the grader reads flat keys (tests/agent/blind/flat_keys.py says why and how) ------------
try:
    from tests.agent.blind.flat_keys import flat_figures
except ModuleNotFoundError:  # run as a script from its own folder
    sys.path.insert(0, os.path.abspath(os.path.join(_HERE, "..", "..", "..")))
    from tests.agent.blind.flat_keys import flat_figures

_figures_as_written = figures
figures = flat_figures(_figures_as_written)
