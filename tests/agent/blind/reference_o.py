# ruff: noqa
#!/usr/bin/env python3
"""Reference figures for marketbot held-out set O (stdlib only).

Every expected figure is computed straight from the bundled CSVs, driven by the
structured `query` of each expected turn in set_o.jsonl.

Definitions used
----------------
* total = sh_yuan + sz_yuan (沪深两市成交额, 元). Amounts are unrounded floats.
* 破X / 超过X / 高于X / above X: strictly greater than X.  X以上 / at least X: >= X.
  低于X / 不到X / below X: strictly less than X.  "between L and H" / L到H之间: L <= v <= H.
* Weeks run Monday..Sunday.  本周/上周/本月/上月 are calendar periods resolved at `now`.
* A session is closed at `now` iff its date < now's date, or it is now's date and now's
  time >= 15:00.  今年以来 / year to date = Jan 1 .. the last closed session.
  本周/本月 so far = the closed sessions of that week/month.
* 昨天 = the session before now's date (the last session with date < now's date).
* 上一个交易日 / previous session = the session immediately before the one asked about.
* rank = 1 + number of sessions in the population strictly higher.
  percentile_pct = 100 * count(sessions with value <= v) / n.
* Index change over a period = 100 * (last close in the period / last close before the
  period - 1).  An index on a day: close (_pts) and that day's % change (_pct, from the CSV).
* share_pct = 100 * part / whole.  sh_share_pct = 100*sh/total; an industry's or theme's
  share_pct = 100 * its amount / 两市 total (sh+sz) of the same day(s).
* 放量 = total > the previous session's total; 缩量 = total < previous session's total.
* Signed changes: change_yuan = asked - reference (for two periods: later - earlier),
  change_pct = 100 * change_yuan / reference.
* Period averages/medians are over sessions (median of an even count = mean of the two
  middle values).  Monthly ranking uses the average daily total of each calendar month
  (measure "avg") or the sum of the month (measure "sum").
* Industry figures from ths_industries: amount_yuan (成交额), up_count (上涨家数),
  total_count, change_pct (industry index 1-day %).  A theme = sum of its industries
  (industry_themes.json, copied below).

Figure keys: *_yuan amounts in 元; *_pct percentages; *_pts index points; keys containing
"date" are YYYY-MM-DD; keys containing "month" are YYYY-MM; *_industry an industry name;
any other key an integer count.  A list under "top_yuan" is flattened to top1_yuan, ...
Month ranking returns best_month/peak_yuan (highest) or worst_month/low_yuan (lowest).
Industry ranking returns top_industry (+ top_industry_yuan or top_industry_change_pct), or
bottom_industry for the lowest; topN_* when several are asked.  Several questions in one
message are one turn whose figures are the union of the parts' figures.
"""

import csv
import gzip
import io
import json
import os
import statistics
import sys
from datetime import date, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "tools", "data")  # the bundled CSVs of this checkout
THEMES = {
    "AI": [
        "半导体",
        "元件",
        "其他电子",
        "光学光电子",
        "消费电子",
        "计算机设备",
        "通信设备",
        "通信服务",
        "软件开发",
        "IT服务",
    ],
    "新能源": ["电池", "光伏设备", "风电设备", "电网设备", "其他电源设备", "电机", "能源金属"],
    "金融": ["证券", "银行", "保险", "多元金融"],
    "消费": [
        "白酒",
        "饮料制造",
        "食品加工制造",
        "白色家电",
        "黑色家电",
        "小家电",
        "厨卫电器",
        "零售",
        "旅游及酒店",
        "美容护理",
        "服装家纺",
    ],
    "医药": ["化学制药", "中药", "生物制品", "医疗器械", "医疗服务", "医药商业"],
    "资源": ["煤炭开采加工", "工业金属", "贵金属", "小金属", "钢铁", "油气开采及服务", "石油加工贸易", "化学原料"],
    "军工": ["军工电子", "军工装备"],
}


def _rows(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#") and ln.strip()]
    return list(csv.DictReader(io.StringIO("".join(lines))))


def _f(x):
    return float(x) if x not in (None, "") else None


class Data:
    def __init__(self, source=None):
        if not isinstance(source, (str, os.PathLike)):
            source = os.environ.get("MARKETBOT_SNAPSHOT") or os.path.join(DATA, "turnover_snapshot.csv.gz")
        ind = os.environ.get("MARKETBOT_INDUSTRIES") or os.path.join(DATA, "ths_industries.csv.gz")
        self.days = []  # sorted list of dicts
        for r in _rows(source):
            sh, sz = float(r["sh_yuan"]), float(r["sz_yuan"])
            self.days.append(
                {
                    "date": r["date"],
                    "sh": sh,
                    "sz": sz,
                    "total": sh + sz,
                    "sh_close": _f(r.get("sh_close")),
                    "sh_pct": _f(r.get("sh_pct")),
                    "sz_close": _f(r.get("sz_close")),
                    "sz_pct": _f(r.get("sz_pct")),
                }
            )
        self.days.sort(key=lambda d: d["date"])
        self.idx = {d["date"]: i for i, d in enumerate(self.days)}
        self.ind = {}  # (date, industry) -> row
        for r in _rows(ind):
            self.ind[(r["date"], r["industry"])] = {
                "amount": float(r["amount_yuan"]),
                "up": int(r["up_count"]),
                "n": int(r["total_count"]),
                "chg": float(r["change_pct"]),
            }
        self.ind_dates = sorted({k[0] for k in self.ind})
        self.ind_names = sorted({k[1] for k in self.ind})

    def day(self, d):
        if d not in self.idx:
            raise KeyError("no session on %s" % d)
        return self.days[self.idx[d]]

    def prev(self, d):
        i = self.idx[d]
        return self.days[i - 1]

    def span(self, start, end):
        out = [x for x in self.days if start <= x["date"] <= end]
        if not out:
            raise KeyError("no sessions in %s..%s" % (start, end))
        return out


def _val(row, market):
    return row[market or "total"]


def _median(v):
    return statistics.median(v)


def _stats(D, q):
    m = q.get("market", "total")
    rows = D.span(q["start"], q["end"])
    vals = [_val(r, m) for r in rows]
    out = {}
    for s in q["stats"]:
        if s == "avg":
            out["avg_yuan"] = sum(vals) / len(vals)
        elif s == "median":
            out["median_yuan"] = _median(vals)
        elif s == "sum":
            out["sum_yuan"] = sum(vals)
        elif s == "days":
            out["days"] = len(vals)
        elif s == "max":
            r = max(rows, key=lambda r: _val(r, m))
            out["max_yuan"], out["max_date"] = _val(r, m), r["date"]
        elif s == "min":
            r = min(rows, key=lambda r: _val(r, m))
            out["min_yuan"], out["min_date"] = _val(r, m), r["date"]
        elif s == "gt":
            out["days_gt"] = sum(1 for v in vals if v > q["threshold"])
        elif s == "ge":
            out["days_ge"] = sum(1 for v in vals if v >= q["threshold"])
        elif s == "lt":
            out["days_lt"] = sum(1 for v in vals if v < q["threshold"])
        elif s == "between":
            out["days_between"] = sum(1 for v in vals if q["low"] <= v <= q["high"])
        elif s == "top":
            rs = sorted(rows, key=lambda r: -_val(r, m))[: q["n"]]
            out["top_yuan"] = [_val(r, m) for r in rs]
            for i, r in enumerate(rs, 1):
                out["top%d_date" % i] = r["date"]
        elif s == "bottom":
            rs = sorted(rows, key=lambda r: _val(r, m))[: q["n"]]
            for i, r in enumerate(rs, 1):
                out["bottom%d_yuan" % i] = _val(r, m)
                out["bottom%d_date" % i] = r["date"]
        elif s in ("up_days", "down_days"):
            c = 0
            for r in rows:
                p = D.prev(r["date"])
                if (s == "up_days" and _val(r, m) > _val(p, m)) or (s == "down_days" and _val(r, m) < _val(p, m)):
                    c += 1
            out["days_up" if s == "up_days" else "days_down"] = c
        elif s == "rank":
            v = q["value"] if "value" in q else _val(D.day(q["value_date"]), m)
            out["rank"] = 1 + sum(1 for x in vals if x > v)
            out["percentile_pct"] = 100.0 * sum(1 for x in vals if x <= v) / len(vals)
            out["days"] = len(vals)
        elif s == "first_gt":
            out["first_date"] = next(r["date"] for r in rows if _val(r, m) > q["threshold"])
        elif s == "last_gt":
            out["last_date"] = [r["date"] for r in rows if _val(r, m) > q["threshold"]][-1]
        elif s == "last_lt":
            out["last_date"] = [r["date"] for r in rows if _val(r, m) < q["threshold"]][-1]
        elif s == "streak_gt":
            c = 0
            for r in reversed(rows):
                if _val(r, m) > q["threshold"]:
                    c += 1
                else:
                    break
            out["streak"] = c
        elif s == "share":
            sh = sum(r["sh"] for r in rows)
            sz = sum(r["sz"] for r in rows)
            out["sh_share_pct"] = 100.0 * sh / (sh + sz)
            out["sz_share_pct"] = 100.0 * sz / (sh + sz)
        else:
            raise ValueError(s)
    return out


def _day(D, q):
    r = D.day(q["date"])
    p = D.prev(q["date"])
    m = q.get("market", "total")
    allf = {
        "total_yuan": r["total"],
        "sh_yuan": r["sh"],
        "sz_yuan": r["sz"],
        "sh_share_pct": 100.0 * r["sh"] / r["total"],
        "sz_share_pct": 100.0 * r["sz"] / r["total"],
        "prev_date": p["date"],
        "prev_yuan": _val(p, m),
        "change_yuan": _val(r, m) - _val(p, m),
        "change_pct": 100.0 * (_val(r, m) - _val(p, m)) / _val(p, m),
        "sh_close_pts": r["sh_close"],
        "sh_pct": r["sh_pct"],
        "sz_close_pts": r["sz_close"],
        "sz_pct": r["sz_pct"],
    }
    return {k: allf[k] for k in q["fields"]}


def _agg(D, spec, measure, market):
    if "date" in spec:
        return _val(D.day(spec["date"]), market)
    vals = [_val(r, market) for r in D.span(spec["start"], spec["end"])]
    if measure == "avg":
        return sum(vals) / len(vals)
    if measure == "sum":
        return sum(vals)
    if measure == "median":
        return _median(vals)
    if measure == "max":
        return max(vals)
    raise ValueError(measure)


def _compare(D, q):
    m = q.get("market", "total")
    a = _agg(D, q["a"], q.get("measure", "avg"), m)
    b = _agg(D, q["b"], q.get("measure", "avg"), m)
    return {"a_yuan": a, "b_yuan": b, "change_yuan": a - b, "change_pct": 100.0 * (a - b) / b}


def _month_rank(D, q):
    m = q.get("market", "total")
    by = {}
    for r in D.span(q["start"], q["end"]):
        by.setdefault(r["date"][:7], []).append(_val(r, m))
    meas = q.get("measure", "avg")
    score = {k: (sum(v) / len(v) if meas == "avg" else sum(v)) for k, v in by.items()}
    pick = max if q.get("which", "max") == "max" else min
    k = pick(score, key=lambda k: score[k])
    if q.get("which", "max") == "max":
        return {"best_month": k, "peak_yuan": score[k]}
    return {"worst_month": k, "low_yuan": score[k]}


def _index_period(D, q):
    ix = q.get("index", "sh")
    rows = D.span(q["start"], q["end"])
    before = D.prev(rows[0]["date"])
    last = rows[-1]
    out = {}
    for f in q["fields"]:
        if f == "change_pct":
            out[ix + "_change_pct"] = 100.0 * (last[ix + "_close"] / before[ix + "_close"] - 1)
        elif f == "close_pts":
            out[ix + "_close_pts"] = last[ix + "_close"]
        elif f == "high":
            r = max(rows, key=lambda r: r[ix + "_close"])
            out[ix + "_high_pts"], out[ix + "_high_date"] = r[ix + "_close"], r["date"]
        elif f == "low":
            r = min(rows, key=lambda r: r[ix + "_close"])
            out[ix + "_low_pts"], out[ix + "_low_date"] = r[ix + "_close"], r["date"]
        elif f == "up_days":
            out[ix + "_up_days"] = sum(1 for r in rows if r[ix + "_pct"] > 0)
        else:
            raise ValueError(f)
    return out


def _ind_amount(D, d, names):
    return sum(D.ind[(d, n)]["amount"] for n in names)


def _ind_day(D, q):
    d, n = q["date"], q["industry"]
    r = D.ind[(d, n)]
    out = {}
    for f in q["fields"]:
        if f == "amount_yuan":
            out[f] = r["amount"]
        elif f == "up_count":
            out[f] = r["up"]
        elif f == "total_count":
            out[f] = r["n"]
        elif f == "change_pct":
            out[f] = r["chg"]
        elif f == "share_pct":
            out[f] = 100.0 * r["amount"] / D.day(d)["total"]
        elif f == "rank":
            out[f] = 1 + sum(1 for x in D.ind_names if D.ind[(d, x)]["amount"] > r["amount"])
        elif f in ("prev_change_yuan", "prev_change_pct"):
            p = D.ind[(D.prev(d)["date"], n)]["amount"]
            out["change_yuan"] = r["amount"] - p
            out["change_pct"] = 100.0 * (r["amount"] - p) / p
        else:
            raise ValueError(f)
    return out


def _ind_top(D, q):
    d = q["date"]
    by = q.get("by", "amount")
    key = {
        "amount": lambda n: D.ind[(d, n)]["amount"],
        "change_pct": lambda n: D.ind[(d, n)]["chg"],
        "up_count": lambda n: D.ind[(d, n)]["up"],
    }[by]
    names = sorted(D.ind_names, key=key, reverse=q.get("order", "desc") == "desc")
    k = q.get("n", 1)
    out = {}
    suffix = {"amount": "_industry_yuan", "change_pct": "_industry_change_pct", "up_count": "_industry_up"}[by]
    for i, n in enumerate(names[:k], 1):
        base = "top" if q.get("order", "desc") == "desc" else "bottom"
        pre = base if k == 1 else "%s%d" % (base, i)
        out[pre + "_industry"] = n
        v = key(n)
        out[pre + suffix] = v
    return out


def _theme_day(D, q):
    d = q["date"]
    names = THEMES[q["theme"]] if "theme" in q else q["industries"]
    amt = _ind_amount(D, d, names)
    out = {}
    for f in q["fields"]:
        if f == "theme_yuan":
            out[f] = amt
        elif f == "share_pct":
            out[f] = 100.0 * amt / D.day(d)["total"]
        elif f == "up_count":
            out[f] = sum(D.ind[(d, n)]["up"] for n in names)
        elif f == "total_count":
            out[f] = sum(D.ind[(d, n)]["n"] for n in names)
        elif f in ("change_yuan", "change_pct"):
            p = _ind_amount(D, D.prev(d)["date"], names)
            out["change_yuan"] = amt - p
            out["change_pct"] = 100.0 * (amt - p) / p
        else:
            raise ValueError(f)
    return out


def _ind_period(D, q):
    names = THEMES[q["theme"]] if "theme" in q else [q["industry"]]
    ds = [x for x in D.ind_dates if q["start"] <= x <= q["end"]]
    vals = [_ind_amount(D, d, names) for d in ds]
    out = {}
    for f in q["fields"]:
        if f == "sum_yuan":
            out[f] = sum(vals)
        elif f == "avg_yuan":
            out[f] = sum(vals) / len(vals)
        elif f == "share_pct":
            out[f] = 100.0 * sum(vals) / sum(D.day(d)["total"] for d in ds)
        elif f == "max":
            i = max(range(len(ds)), key=lambda i: vals[i])
            out["max_yuan"], out["max_date"] = vals[i], ds[i]
        elif f == "days":
            out[f] = len(ds)
        else:
            raise ValueError(f)
    return out


OPS = {
    "day": _day,
    "stats": _stats,
    "compare": _compare,
    "month_rank": _month_rank,
    "index_period": _index_period,
    "ind_day": _ind_day,
    "ind_top": _ind_top,
    "theme_day": _theme_day,
    "ind_period": _ind_period,
}


def _flatten(d):
    out = {}
    for k, v in d.items():
        if k == "top_yuan" and isinstance(v, list):
            for i, x in enumerate(v, 1):
                out["top%d_yuan" % i] = x
        else:
            out[k] = v
    return out


def _one(D, exp):
    if exp.get("kind") == "decline":
        return {}
    q = exp["query"]
    if "parts" in q:  # several questions in one message
        out = {}
        for part in q["parts"]:
            res = _flatten(OPS[part["op"]](D, part))
            pre = part.get("prefix", "")
            for k, v in res.items():
                out[pre + k] = v
        return out
    return _flatten(OPS[q["op"]](D, q))


def figures(items, source=None):
    D = Data(source)
    out = {}
    for it in items:
        out[it["id"]] = [_one(D, e) for e in it["expect"]]
    return out


def _load(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(ln) for ln in fh if ln.strip()]


def _main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = _load(os.path.join(here, "set_o.jsonl"))
    probs = []
    try:
        figs = figures(items)
    except Exception as e:  # pragma: no cover
        print("error:", repr(e))
        figs = {}
        for it in items:
            try:
                figs.update(figures([it]))
            except Exception as e2:
                probs.append("%s: %r" % (it["id"], e2))
    for it in items:
        if it["id"] not in figs:
            continue
        if len(it["turns"]) != len(it["expect"]):
            probs.append("%s: turns/expect length mismatch" % it["id"])
        for i, (e, f) in enumerate(zip(it["expect"], figs[it["id"]])):
            if e["kind"] == "decline":
                if f or e["figures"]:
                    probs.append("%s turn %d: decline with figures" % (it["id"], i + 1))
            else:
                if not f:
                    probs.append("%s turn %d: answer without figures" % (it["id"], i + 1))
                elif sorted(f) != e["figures"]:
                    probs.append("%s turn %d: keys %s != %s" % (it["id"], i + 1, sorted(f), e["figures"]))
                for k, v in f.items():
                    if v is None:
                        probs.append("%s turn %d: %s is None" % (it["id"], i + 1, k))
    for p in probs:
        print(p)
    print("%d items, %d problems" % (len(items), len(probs)))
    return 1 if probs else 0


if __name__ == "__main__":
    sys.exit(_main())
