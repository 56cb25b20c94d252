# ruff: noqa
"""Reference figures for the blind marketbot evaluation set set_q.jsonl (stdlib only).

Every answer turn's expect.query carries "calcs": a list of small computations over the bundled CSVs.
figures(items) runs them and returns {item_id: [figures_dict_per_turn, ...]} ({} for a declined turn).

Definitions used
- total = sh_yuan + sz_yuan (沪深两市成交额), amounts in 元, never rounded.
- A session is closed at `now` iff its date < now's date, or it is now's date and now's time >= 15:00.
  今天 = now's date (only if closed); 昨天 = the session before now's date; 上周/本周 = Mon..Sun weeks;
  今年以来 = Jan 1 .. last closed session; 本月以来 likewise. All relative words are resolved to explicit
  start/end dates in the query (a period is the set of sessions with start <= date <= end).
- 破X / 超过X / 高于X: strictly greater than X.  X以上: >= X.  低于X / 不到X: strictly below X.
  between lo and hi: lo <= v <= hi.
- rank = 1 + number of sessions strictly higher; percentile_pct = 100 * count(<= v) / n.
- change_yuan = asked minus reference (later minus earlier for two periods); change_pct = 100*change/reference.
- share_pct = 100 * part / whole, where whole is the two-market total sh+sz unless the query says otherwise.
- 放量 day: total > previous session's total; 缩量 day: total < previous session's total.
- index change over a period = 100 * (last close in period / last close before the period - 1).
  index up_days = sessions in the period with the index's pct change > 0.
- industry / theme turnover = THS amount_yuan (a theme = plain sum of its industries, industry_themes.json);
  its share_pct is of the two-market total sh+sz of that day/period.
- longest streak = the longest run of consecutive sessions meeting the condition (within the period).
- Keys: *_yuan amounts in 元; *_pct percentages; *_pts index points; keys containing "date" are YYYY-MM-DD;
  keys containing "month" are YYYY-MM; *_industry an industry name; anything else an integer count.
  Lists under top_yuan / top_date / top_industry / top_pct flatten to top1_yuan, top2_yuan, ...
"""

import csv, gzip, io, json, os, statistics, sys
from datetime import date, timedelta

_HERE = os.path.dirname(os.path.abspath(__file__))
_CAND = os.path.join(_HERE, "..", "..", "..", "tools", "data")
DATA = _CAND if os.path.isdir(_CAND) else "/work/main/tools/data"


def _read_csv(path):
    op = gzip.open if str(path).endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines))))


def _f(x):
    return float(x) if x not in (None, "") else None


class Data:
    def __init__(self, snap, ind, themes):
        self.rows = []
        for r in _read_csv(snap):
            sh, sz = float(r["sh_yuan"]), float(r["sz_yuan"])
            self.rows.append(
                dict(
                    date=r["date"],
                    sh=sh,
                    sz=sz,
                    total=sh + sz,
                    sh_close=_f(r.get("sh_close")),
                    sh_pct=_f(r.get("sh_pct")),
                    sz_close=_f(r.get("sz_close")),
                    sz_pct=_f(r.get("sz_pct")),
                )
            )
        self.rows.sort(key=lambda r: r["date"])
        self.idx = {r["date"]: i for i, r in enumerate(self.rows)}
        self.ind = {}
        for r in _read_csv(ind):
            self.ind.setdefault(r["date"], {})[r["industry"]] = dict(
                amount=float(r["amount_yuan"]),
                up=int(r["up_count"]),
                total=int(r["total_count"]),
                chg=float(r["change_pct"]),
            )
        with open(themes, encoding="utf-8") as f:
            self.themes = {t["name"]: t["industries"] for t in json.load(f)["themes"]}

    def day(self, d):
        if d not in self.idx:
            raise KeyError("not a session: " + d)
        return self.rows[self.idx[d]]

    def prev(self, d):
        i = self.idx[d]
        return self.rows[i - 1]

    def period(self, s, e):
        out = [r for r in self.rows if s <= r["date"] <= e]
        if not out:
            raise KeyError("empty period %s..%s" % (s, e))
        return out

    def before(self, s):
        out = [r for r in self.rows if r["date"] < s]
        return out[-1]


def _cmp(v, op, x, hi=None):
    if op == "between":
        return x <= v <= hi
    return {">": v > x, ">=": v >= x, "<": v < x, "<=": v <= x}[op]


def _weekstart(d):
    dd = date.fromisoformat(d)
    return (dd - timedelta(days=dd.weekday())).isoformat()


def _bucket_key(d, by):
    if by == "month":
        return d[:7]
    if by == "week":
        return _weekstart(d)
    if by == "quarter":
        return "%s-%02d" % (d[:4], 3 * ((int(d[5:7]) - 1) // 3) + 1)
    if by == "year":
        return int(d[:4])
    raise ValueError(by)


def _ind_amount(D, d, name):
    day = D.ind[d]
    if isinstance(name, list):
        return sum(_ind_amount(D, d, n) for n in name)
    if name in D.themes:
        return sum(day[i]["amount"] for i in D.themes[name])
    return day[name]["amount"]


def _calc(D, c, problems):
    op = c["op"]
    m = c.get("market", "total")
    out = {}
    if op == "day":
        r = D.day(c["date"])
        for f in c["fields"]:
            if f in ("total", "sh", "sz"):
                out[f + "_yuan"] = r[f]
            elif f in ("sh_share", "sz_share"):
                out[f + "_pct"] = 100 * r[f[:2]] / r["total"]
            elif f in ("sh_close", "sz_close"):
                out[f + "_pts"] = r[f]
            elif f in ("sh_pct", "sz_pct"):
                out[f[:2] + "_index_pct"] = r[f]
            elif f == "prev":
                p = D.prev(c["date"])
                out["prev_date"] = p["date"]
                out["prev_yuan"] = p[m]
                out["change_yuan"] = r[m] - p[m]
                out["change_pct"] = 100 * (r[m] - p[m]) / p[m]
            elif f == "diff_sz_sh":
                out["sz_minus_sh_yuan"] = r["sz"] - r["sh"]
            else:
                raise ValueError(f)
    elif op == "stats":
        rs = D.period(c["start"], c["end"])
        vals = [r[m] for r in rs]
        for ms in c["ms"]:
            if isinstance(ms, dict):
                out[ms["key"]] = sum(1 for v in vals if _cmp(v, ms["cnt"], ms["x"], ms.get("hi")))
            elif ms == "sum":
                out["sum_yuan"] = sum(vals)
            elif ms == "avg":
                out["avg_yuan"] = sum(vals) / len(vals)
            elif ms == "median":
                out["median_yuan"] = statistics.median(vals)
            elif ms == "max":
                v = max(vals)
                if vals.count(v) > 1:
                    problems.append("tie max")
                out["max_yuan"] = v
                out["max_date"] = rs[vals.index(v)]["date"]
            elif ms == "min":
                v = min(vals)
                if vals.count(v) > 1:
                    problems.append("tie min")
                out["min_yuan"] = v
                out["min_date"] = rs[vals.index(v)]["date"]
            elif ms == "n":
                out["sessions"] = len(vals)
            else:
                raise ValueError(ms)
    elif op == "top":
        rs = D.period(c["start"], c["end"])
        desc = c.get("order", "desc") == "desc"
        srt = sorted(rs, key=lambda r: r[m], reverse=desc)
        n = c["n"]
        if len(srt) > n and srt[n - 1][m] == srt[n][m]:
            problems.append("tie in top")
        out["top_yuan"] = [r[m] for r in srt[:n]]
        out["top_date"] = [r["date"] for r in srt[:n]]
    elif op == "rank":
        rs = D.period(c["start"], c["end"])
        vals = [r[m] for r in rs]
        v = c["value"] if "value" in c else D.day(c["date"])[m]
        out["rank"] = 1 + sum(1 for x in vals if x > v)
        out["sessions"] = len(vals)
        out["percentile_pct"] = 100 * sum(1 for x in vals if x <= v) / len(vals)
    elif op == "cmp":

        def agg(p, mk):
            rs = D.period(p[0], p[1])
            vals = [r[mk] for r in rs]
            return sum(vals) if c.get("agg", "avg") == "sum" else sum(vals) / len(vals)

        a, b = agg(c["a"], c.get("ma", m)), agg(c["b"], c.get("mb", m))
        ka, kb = c.get("ka", "cur"), c.get("kb", "ref")
        out[ka + "_yuan"] = a
        out[kb + "_yuan"] = b
        out["change_yuan"] = a - b
        out["change_pct"] = 100 * (a - b) / b
    elif op == "bucket":
        rs = D.period(c["start"], c["end"])
        by = c["by"]
        g = {}
        for r in rs:
            g.setdefault(_bucket_key(r["date"], by), []).append(r[m])
        aggf = (lambda v: sum(v)) if c.get("agg", "avg") == "sum" else (lambda v: sum(v) / len(v))
        sc = {k: aggf(v) for k, v in g.items()}
        pick = max if c.get("pick", "max") == "max" else min
        best = pick(sc.values())
        ks = [k for k, v in sc.items() if v == best]
        if len(ks) > 1:
            problems.append("tie bucket")
        name = {"month": "month", "week": "week_start_date", "quarter": "quarter_start_month", "year": "year"}[by]
        out[c.get("key", "best") + "_" + name] = ks[0]
        out[c.get("key", "best") + "_" + c.get("agg", "avg") + "_yuan"] = best
    elif op == "streak":
        rs = D.period(c["start"], c["end"])
        best, cur, bs, be, cs = 0, 0, None, None, None
        runs = []
        for r in rs:
            if _cmp(r[m], c["cnt"], c["x"], c.get("hi")):
                if cur == 0:
                    cs = r["date"]
                cur += 1
                runs.append((cur, cs, r["date"]))
            else:
                cur = 0
        if not runs:
            out["longest_streak"] = 0
        else:
            best = max(x[0] for x in runs)
            ends = [x for x in runs if x[0] == best]
            if len(ends) > 1:
                problems.append("tie streak")
            out["longest_streak"] = best
            out["streak_start_date"] = ends[0][1]
            out["streak_end_date"] = ends[0][2]
    elif op == "volchg":
        rs = D.period(c["start"], c["end"])
        up = dn = 0
        for r in rs:
            p = D.prev(r["date"])
            if r[m] > p[m]:
                up += 1
            elif r[m] < p[m]:
                dn += 1
        out["fangliang_days"] = up
        out["suoliang_days"] = dn
    elif op == "index":
        w = c["which"]
        rs = D.period(c["start"], c["end"])
        base = D.before(c["start"])[w + "_close"]
        for f in c.get("fields", ["change"]):
            if f == "change":
                out[w + "_change_pct"] = 100 * (rs[-1][w + "_close"] / base - 1)
            elif f == "close":
                out[w + "_close_pts"] = rs[-1][w + "_close"]
            elif f == "up_days":
                out[w + "_up_days"] = sum(1 for r in rs if r[w + "_pct"] > 0)
            elif f == "down_days":
                out[w + "_down_days"] = sum(1 for r in rs if r[w + "_pct"] < 0)
            elif f == "high":
                v = max(r[w + "_close"] for r in rs)
                out[w + "_high_pts"] = v
                out[w + "_high_date"] = [r for r in rs if r[w + "_close"] == v][0]["date"]
            elif f == "low":
                v = min(r[w + "_close"] for r in rs)
                out[w + "_low_pts"] = v
                out[w + "_low_date"] = [r for r in rs if r[w + "_close"] == v][0]["date"]
            elif f == "best_day":
                v = max(r[w + "_pct"] for r in rs)
                out[w + "_best_pct"] = v
                out[w + "_best_date"] = [r for r in rs if r[w + "_pct"] == v][0]["date"]
            elif f == "worst_day":
                v = min(r[w + "_pct"] for r in rs)
                out[w + "_worst_pct"] = v
                out[w + "_worst_date"] = [r for r in rs if r[w + "_pct"] == v][0]["date"]
            else:
                raise ValueError(f)
    elif op == "ind_day":
        d, name = c["date"], c["name"]
        tot = D.day(d)["total"]
        for f in c["fields"]:
            if f == "amount":
                out["amount_yuan"] = _ind_amount(D, d, name)
            elif f == "share":
                out["share_pct"] = 100 * _ind_amount(D, d, name) / tot
            elif f == "up":
                out["up_count"] = D.ind[d][name]["up"]
            elif f == "count":
                out["total_count"] = D.ind[d][name]["total"]
            elif f == "chg":
                out["industry_pct"] = D.ind[d][name]["chg"]
            elif f == "prev":
                p = D.prev(d)["date"]
                a, b = _ind_amount(D, d, name), _ind_amount(D, p, name)
                out["prev_date"] = p
                out["prev_yuan"] = b
                out["change_yuan"] = a - b
                out["change_pct"] = 100 * (a - b) / b
            else:
                raise ValueError(f)
    elif op == "ind_period":
        rs = D.period(c["start"], c["end"])
        name = c["name"]
        vals = [_ind_amount(D, r["date"], name) for r in rs]
        for f in c["fields"]:
            if f == "sum":
                out["sum_yuan"] = sum(vals)
            elif f == "avg":
                out["avg_yuan"] = sum(vals) / len(vals)
            elif f == "share":
                out["share_pct"] = 100 * sum(vals) / sum(r["total"] for r in rs)
            elif f == "max":
                v = max(vals)
                out["max_yuan"] = v
                out["max_date"] = rs[vals.index(v)]["date"]
            elif f == "up_days":
                out["up_days"] = sum(1 for r in rs if D.ind[r["date"]][name]["chg"] > 0)
            else:
                raise ValueError(f)
    elif op == "ind_top":
        d = c["date"]
        by = c.get("by", "amount")
        day = D.ind[d]
        key = (lambda k: day[k]["amount"]) if by == "amount" else (lambda k: day[k]["chg"])
        srt = sorted(day, key=key, reverse=c.get("order", "desc") == "desc")
        n = c["n"]
        if key(srt[n - 1]) == key(srt[n]):
            problems.append("tie ind_top")
        out["top_industry"] = srt[:n]
        if by == "amount":
            out["top_yuan"] = [day[k]["amount"] for k in srt[:n]]
        else:
            out["top_pct"] = [day[k]["chg"] for k in srt[:n]]
    elif op == "ind_best_period":
        rs = D.period(c["start"], c["end"])
        names = c.get("names") or sorted(D.ind[rs[0]["date"]])
        sc = {k: sum(D.ind[r["date"]][k]["amount"] for r in rs) for k in names}
        srt = sorted(sc, key=lambda k: sc[k], reverse=True)
        n = c.get("n", 1)
        out["top_industry"] = srt[:n]
        out["top_yuan"] = [sc[k] for k in srt[:n]]
    else:
        raise ValueError(op)
    pre = c.get("prefix")
    flat = {}
    for k, v in out.items():
        if isinstance(v, list):
            base = k[4:]  # after "top_"
            for i, x in enumerate(v, 1):
                flat["top%d_%s" % (i, base)] = x
        else:
            flat[k] = v
    if pre:
        flat = {pre + "_" + k: v for k, v in flat.items()}
    return flat


_CACHE = {}


def _load(source=None):
    snap = source if isinstance(source, (str, os.PathLike)) else None
    snap = snap or os.environ.get("MARKETBOT_SNAPSHOT") or os.path.join(DATA, "turnover_snapshot.csv.gz")
    ind = os.environ.get("MARKETBOT_INDUSTRIES") or os.path.join(DATA, "ths_industries.csv.gz")
    themes = os.path.join(DATA, "industry_themes.json")
    if not os.path.exists(themes):
        themes = "/work/main/tools/data/industry_themes.json"
    key = (str(snap), str(ind))
    if key not in _CACHE:
        _CACHE[key] = Data(snap, ind, themes)
    return _CACHE[key]


def figures(items, source=None, problems=None):
    D = _load(source)
    if problems is None:
        problems = []
    res = {}
    for it in items:
        turns = []
        for ex in it["expect"]:
            if ex["kind"] != "answer":
                turns.append({})
                continue
            fig = {}
            for c in ex["query"]["calcs"]:
                p = []
                fig.update(_calc(D, c, p))
                problems.extend("%s: %s" % (it["id"], x) for x in p)
            turns.append(fig)
        res[it["id"]] = turns
    return res


def _main():
    path = os.path.join(_HERE, "set_q.jsonl")
    with open(path, encoding="utf-8") as f:
        items = [json.loads(l) for l in f if l.strip()]
    probs = []
    try:
        figs = figures(items, problems=probs)
    except Exception as e:  # report and stop
        print("error:", repr(e))
        raise
    for it in items:
        if len(it["turns"]) != len(it["expect"]):
            probs.append(it["id"] + ": turns/expect length")
        for i, (ex, fg) in enumerate(zip(it["expect"], figs[it["id"]])):
            if ex["kind"] == "answer":
                if not fg:
                    probs.append("%s t%d: empty figures" % (it["id"], i + 1))
                if sorted(fg) != ex["figures"]:
                    probs.append("%s t%d: keys %s != %s" % (it["id"], i + 1, sorted(fg), ex["figures"]))
            else:
                if fg or ex["figures"]:
                    probs.append("%s t%d: decline has figures" % (it["id"], i + 1))
    for p in probs:
        print(p)
    print("%d items, %d problems" % (len(items), len(probs)))


if __name__ == "__main__":
    _main()
