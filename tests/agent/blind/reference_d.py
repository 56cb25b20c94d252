# ruff: noqa
"""Reference figures for blind set D (marketbot).

Definitions used throughout (stated once, used consistently):
- Data: turnover_snapshot.csv.gz (rows = trading sessions); ths_industries.csv.gz (2025-07-25..2026-07-31).
- total = sh_yuan + sz_yuan (元). "sh" = 沪市 (sh_yuan), "sz" = 深市 (sz_yuan).
- 破X / 超过X / 突破X / above X  => total >  X.
- X以上 / at least X             => total >= X.
- 低于X / 跌破X / 不到X / below X => total <  X.
- between A and B (A到B之间)     => A <= total <= B.
- 放量 = total > previous session's total; 缩量 = total < previous session's total
  (the previous session may lie before the asked period).
- Weeks run Monday..Sunday. 上周 = the calendar week before the week containing "now".
- 今年以来 / YTD = Jan 1 .. last closed session (at "now"). 本月至今 likewise.
- "so far vs the same part of the previous period" = same calendar-day span shifted back one period.
- 近一个月 = calendar month back from "now"; 近一年 = sessions in the 365 days ending at the last closed session
  (i.e. dates > same day one year earlier).
- 最近N个交易日 = the last N closed sessions.
- rank of v = 1 + count of values strictly higher; percentile of v = 100 * count(<= v) / population size.
- median = statistics.median of the daily totals.
- changes are signed: asked minus reference; change_pct = 100 * change / reference.
- index change over a period = 100 * (last close in period / close of the session before the period - 1);
  one-day index moves are the CSV's sh_pct / sz_pct.
- 昨天 = the previous session before "now"'s day; 前天 = the session before that.
- share_pct = 100 * part / total of the same day(s) (sum over sum for periods).
- shares of the market for industries use 两市 total (sh+sz) as the denominator.
- theme figures = plain sums over the theme's industries (industry_themes.json).
- streaks: consecutive sessions (in session order) satisfying the condition.
- 上证涨 / 下跌 days use sh_pct > 0 / < 0.
"""

import csv
import gzip
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SNAPSHOT = os.environ.get("MARKETBOT_SNAPSHOT") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "turnover_snapshot.csv.gz"
)
INDUSTRIES = os.environ.get("MARKETBOT_INDUSTRIES") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "ths_industries.csv.gz"
)

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
    "医药": ["化学制药", "中药", "生物制品", "医疗器械", "医疗服务", "医药商业"],
}


def _open(path):
    path = os.fspath(path)
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def _rows(path):
    with _open(path) as fh:
        lines = [ln for ln in fh if not ln.startswith("#") and ln.strip()]
    return list(csv.DictReader(lines))


def _f(x):
    return float(x) if x not in (None, "") else None


class Data:
    def __init__(self, snapshot=None, industries=None):
        self.dates = []
        self.sh, self.sz, self.tot = {}, {}, {}
        self.shc, self.shp, self.szc, self.szp = {}, {}, {}, {}
        for r in _rows(snapshot or SNAPSHOT):
            dt = r["date"]
            self.dates.append(dt)
            self.sh[dt] = float(r["sh_yuan"])
            self.sz[dt] = float(r["sz_yuan"])
            self.tot[dt] = self.sh[dt] + self.sz[dt]
            self.shc[dt] = _f(r.get("sh_close"))
            self.shp[dt] = _f(r.get("sh_pct"))
            self.szc[dt] = _f(r.get("sz_close"))
            self.szp[dt] = _f(r.get("sz_pct"))
        self.dates.sort()
        self.idx = {x: i for i, x in enumerate(self.dates)}
        self._ind_path = industries or INDUSTRIES
        self._ind = None

    @property
    def ind(self):
        if self._ind is None:
            self._ind = {}
            for r in _rows(self._ind_path):
                self._ind[(r["date"], r["industry"])] = (
                    float(r["amount_yuan"]),
                    int(r["up_count"]),
                    int(r["total_count"]),
                    float(r["change_pct"]),
                )
        return self._ind

    def inds_on(self, date):
        return {k[1]: v for k, v in self.ind.items() if k[0] == date}


# ---------------------------------------------------------------- helpers
def S(d, a, b):
    return [x for x in d.dates if a <= x <= b]


def chk(d, x):
    assert x in d.idx, x
    return x


def prev(d, x):
    return d.dates[d.idx[chk(d, x)] - 1]


def nxt(d, x, n=1):
    return d.dates[d.idx[chk(d, x)] + n]


def last_n(d, end, n):
    i = d.idx[chk(d, end)]
    return d.dates[i - n + 1 : i + 1]


def col(d, m):
    return {"total": d.tot, "sh": d.sh, "sz": d.sz}[m]


def vals(d, dates, m="total"):
    c = col(d, m)
    return [c[x] for x in dates]


def ssum(d, a, b, m="total"):
    return sum(vals(d, S(d, a, b), m))


def smean(d, a, b, m="total"):
    v = vals(d, S(d, a, b), m)
    return sum(v) / len(v)


def smax(d, a, b, m="total"):
    c = col(d, m)
    x = max(S(d, a, b), key=lambda k: c[k])
    return x, c[x]


def smin(d, a, b, m="total"):
    c = col(d, m)
    x = min(S(d, a, b), key=lambda k: c[k])
    return x, c[x]


def count(d, a, b, pred):
    return sum(1 for x in S(d, a, b) if pred(d.tot[x]))


def fang(d, x):  # 放量
    return d.tot[x] > d.tot[prev(d, x)]


def suo(d, x):  # 缩量
    return d.tot[x] < d.tot[prev(d, x)]


def rank(pop, v):
    return 1 + sum(1 for p in pop if p > v)


def pctile(pop, v):
    return 100.0 * sum(1 for p in pop if p <= v) / len(pop)


def ichg(d, a, b, c="sh"):
    cl = d.shc if c == "sh" else d.szc
    ds = S(d, a, b)
    return 100.0 * (cl[ds[-1]] / cl[prev(d, ds[0])] - 1)


def cmp(a, b):
    return a - b, 100.0 * (a - b) / b


def topn(d, a, b, n, m="total", low=False):
    c = col(d, m)
    ds = sorted(S(d, a, b), key=lambda k: c[k] if low else -c[k])
    return ds[:n]


def longest(d, dates, pred):
    best = (0, None, None)
    cur, st = 0, None
    for x in dates:
        if pred(x):
            if cur == 0:
                st = x
            cur += 1
            if cur > best[0]:
                best = (cur, st, x)
        else:
            cur = 0
    return best


def streak_back(d, end, pred):
    i = d.idx[chk(d, end)]
    n = 0
    while i - n >= 0 and pred(d.dates[i - n]):
        n += 1
    return n, d.dates[i - n + 1]


def itop(d, date, n, key="amt", low=False):
    k = {"amt": 0, "up": 1, "pct": 3}[key]
    inds = d.inds_on(chk(d, date))
    names = sorted(inds, key=lambda nm: inds[nm][k] if low else -inds[nm][k])
    return [(nm, inds[nm]) for nm in names[:n]]


def flat(prefix, suffix, values):
    return {f"{prefix}{i}{suffix}": v for i, v in enumerate(values, 1)}


# ---------------------------------------------------------------- single day
def D001(d):
    return {"total_yuan": d.tot["2026-07-31"]}


def D002(d):
    return {"date": "2026-07-31", "total_yuan": d.tot["2026-07-31"]}


def D003(d):
    return {"total_yuan": d.tot[chk(d, "2024-10-08")]}


def D004(d):
    return {"sh_yuan": d.sh[chk(d, "2025-04-07")]}


def D005(d):
    return {"sz_yuan": d.sz[chk(d, "2026-03-05")]}


def D006(d):
    return {"date": "2026-07-24", "total_yuan": d.tot[chk(d, "2026-07-24")]}


def D007(d):
    x = chk(d, "2026-01-14")
    return {"total_yuan": d.tot[x], "sh_yuan": d.sh[x], "sz_yuan": d.sz[x]}


def D008(d):
    return {"total_yuan": d.tot[chk(d, "2026-07-15")]}


def D009(d):
    return {"total_yuan": d.tot[chk(d, "2026-06-22")]}


def D015(d):
    return {"date": chk(d, "2025-12-31"), "total_yuan": d.tot["2025-12-31"]}


def D016(d):
    x = S(d, "2026-01-01", "2026-12-31")[0]
    return {"date": x, "total_yuan": d.tot[x]}


def D017(d):
    x = S(d, "2026-02-14", "2026-03-31")[0]
    return {"date": x, "total_yuan": d.tot[x]}


def D018(d):
    x = chk(d, "2026-07-28")
    return {"sh_yuan": d.sh[x], "share_pct": 100.0 * d.sh[x] / d.tot[x]}


def D019(d):
    c, p = cmp(d.tot[chk(d, "2026-07-30")], d.tot[chk(d, "2026-07-29")])
    return {
        "total_yuan": d.tot["2026-07-30"],
        "prev_total_yuan": d.tot["2026-07-29"],
        "change_yuan": c,
        "change_pct": p,
    }


def D020(d):
    c, p = cmp(d.tot["2026-07-31"], d.tot["2026-07-30"])
    return {"total_yuan": d.tot["2026-07-31"], "prev_total_yuan": d.tot["2026-07-30"], "change_yuan": c}


def D021(d):
    return {"total_yuan": d.tot[chk(d, "1991-04-03")]}


def D022(d):
    return {"total_yuan": d.tot[chk(d, "2007-05-30")]}


def D023(d):
    return {"sh_yuan": d.sh[chk(d, "2015-06-08")]}


def D024(d):
    x = chk(d, "2026-07-17")
    return {"sh_yuan": d.sh[x], "sz_yuan": d.sz[x], "total_yuan": d.tot[x]}


def D025(d):
    return {"date": "2026-07-15", "total_yuan": d.tot[chk(d, "2026-07-15")]}


def D026(d):
    return {"date": "2026-07-28", "total_yuan": d.tot[chk(d, "2026-07-28")]}


def D029(d):
    return {"total_yuan": d.tot[chk(d, "2024-09-30")]}


def D030(d):
    x = S(d, "2026-06-01", "2026-06-30")[-1]
    return {"date": x, "total_yuan": d.tot[x]}


def D032(d):
    return {"date": "2026-07-27", "total_yuan": d.tot[chk(d, "2026-07-27")]}


def D033(d):
    return {"sz_yuan": d.sz[chk(d, "2026-07-28")]}


def D034(d):
    return {"total_yuan": d.tot[chk(d, "2026-07-31")]}


def D035(d):
    return {"total_yuan": d.tot[chk(d, "2000-01-04")]}


def D036(d):
    return {"total_yuan": d.tot[chk(d, "2026-01-14")], "rank": rank(d.tot.values(), d.tot["2026-01-14"])}


def D037(d):
    x = chk(d, "2025-08-01")
    return {"total_yuan": d.tot[x], "sz_yuan": d.sz[x]}


# ---------------------------------------------------------------- stats
def D038(d):
    return {"mean_yuan": smean(d, "2026-01-01", "2026-07-31"), "days": len(S(d, "2026-01-01", "2026-07-31"))}


def D039(d):
    return {"sum_yuan": ssum(d, "2026-07-01", "2026-07-31"), "days": len(S(d, "2026-07-01", "2026-07-31"))}


def D040(d):
    x, v = smin(d, "2026-07-01", "2026-07-31")
    return {"min_date": x, "min_yuan": v}


def D041(d):
    return {"days": count(d, "2026-01-01", "2026-07-31", lambda v: v > 3e12)}


def D042(d):
    return {"days": count(d, "2025-01-01", "2025-12-31", lambda v: v > 2e12)}


def D043(d):
    t = topn(d, "2024-01-01", "2024-12-31", 3)
    r = flat("top", "_date", t)
    r.update(flat("top", "_yuan", [d.tot[x] for x in t]))
    return r


def D044(d):
    x, v = smin(d, "2026-01-01", "2026-07-31")
    return {"min_date": x, "min_yuan": v}


def D045(d):
    n, st = streak_back(d, "2026-07-31", lambda x: d.tot[x] >= 2e12)
    return {"streak": n, "start_date": st}


def D046(d):
    n, a, b = longest(d, S(d, "2026-01-01", "2026-07-31"), lambda x: d.tot[x] > 3e12)
    return {"streak": n, "start_date": a, "end_date": b}


def D047(d):
    pop = vals(d, S(d, "2026-01-01", "2026-07-31"))
    return {"total_yuan": d.tot["2026-07-31"], "rank": rank(pop, d.tot["2026-07-31"]), "days": len(pop)}


def D048(d):
    pop = vals(d, S(d, "2025-08-01", "2026-07-31"))
    return {"total_yuan": d.tot["2026-07-31"], "percentile_pct": pctile(pop, d.tot["2026-07-31"])}


def D049(d):
    a, b = ssum(d, "2025-01-01", "2025-06-30"), ssum(d, "2025-07-01", "2025-12-31")
    return {"h1_sum_yuan": a, "h2_sum_yuan": b, "change_pct": cmp(b, a)[1]}


def D050(d):
    qs = {q: ssum(d, f"2025-{3 * q - 2:02d}-01", f"2025-{3 * q:02d}-31") for q in range(1, 5)}
    q = max(qs, key=qs.get)
    return {"quarter": q, "sum_yuan": qs[q]}


def D051(d):
    ms = {m: smean(d, f"2026-{m:02d}-01", f"2026-{m:02d}-31") for m in range(1, 8)}
    m = max(ms, key=ms.get)
    return {"month": f"2026-{m:02d}", "mean_yuan": ms[m]}


def D052(d):
    a, b = ssum(d, "2026-01-01", "2026-07-31"), ssum(d, "2025-01-01", "2025-07-31")
    c, p = cmp(a, b)
    return {"sum_yuan": a, "prev_sum_yuan": b, "change_pct": p}


def D053(d):
    a, b = smean(d, "2026-07-01", "2026-07-15"), smean(d, "2026-06-01", "2026-06-15")
    return {"mean_yuan": a, "prev_mean_yuan": b, "change_pct": cmp(a, b)[1]}


def D054(d):
    return {"days": count(d, "2026-07-01", "2026-07-31", lambda v: v < 2e12)}


def D055(d):
    return {"days": count(d, "2026-06-01", "2026-06-30", lambda v: 3e12 <= v <= 3.5e12)}


def D056(d):
    return {"days": sum(1 for x in S(d, "2024-01-01", "2024-12-31") if fang(d, x))}


def D057(d):
    return {"days": sum(1 for x in S(d, "2026-07-01", "2026-07-31") if suo(d, x))}


def D058(d):
    n, st = streak_back(d, "2026-07-24", lambda x: suo(d, x))
    return {"streak": n, "start_date": st}


def D059(d):
    x = max(d.dates, key=lambda k: d.tot[k])
    return {"max_date": x, "max_yuan": d.tot[x]}


def D060(d):
    x, v = smax(d, "2015-01-01", "2015-12-31")
    return {"max_date": x, "max_yuan": v}


def D061(d):
    return {"sum_yuan": ssum(d, "2024-01-01", "2024-12-31")}


def D062(d):
    return {"mean_yuan": sum(vals(d, last_n(d, "2026-07-31", 5))) / 5}


def D063(d):
    ds = last_n(d, "2026-07-31", 20)
    x = max(ds, key=lambda k: d.tot[k])
    return {"max_date": x, "max_yuan": d.tot[x]}


def D064(d):
    a, b = ssum(d, "2026-07-27", "2026-08-02"), ssum(d, "2026-07-20", "2026-07-26")
    c, p = cmp(a, b)
    return {"sum_yuan": a, "prev_sum_yuan": b, "change_yuan": c, "change_pct": p}


def D065(d):
    return {"days": len(S(d, "2026-02-01", "2026-02-28"))}


def D066(d):
    return {
        "sh_sum_yuan": ssum(d, "2025-01-01", "2025-12-31", "sh"),
        "sz_sum_yuan": ssum(d, "2025-01-01", "2025-12-31", "sz"),
    }


def D067(d):
    return {"share_pct": 100.0 * ssum(d, "2026-01-01", "2026-07-31", "sz") / ssum(d, "2026-01-01", "2026-07-31")}


def D068(d):
    a, b = smean(d, "2026-01-01", "2026-01-31"), smean(d, "2025-01-01", "2025-01-31")
    return {"mean_yuan": a, "prev_mean_yuan": b, "change_pct": cmp(a, b)[1]}


def D069(d):
    x, v = smin(d, "2026-07-01", "2026-07-31")
    return {"min_date": x, "min_yuan": v}


def D070(d):
    return {"days": len(S(d, "2024-09-24", "2024-09-30")), "sum_yuan": ssum(d, "2024-09-24", "2024-09-30")}


def D071(d):
    return {"median_yuan": statistics.median(vals(d, S(d, "2026-01-01", "2026-07-31")))}


def D072(d):
    ms = {m: ssum(d, f"2025-{m:02d}-01", f"2025-{m:02d}-31") for m in range(1, 13)}
    hi, lo = max(ms, key=ms.get), min(ms, key=ms.get)
    return {
        "max_month": f"2025-{hi:02d}",
        "max_sum_yuan": ms[hi],
        "min_month": f"2025-{lo:02d}",
        "min_sum_yuan": ms[lo],
    }


def D073(d):
    return {"days": count(d, "2025-01-01", "2025-12-31", lambda v: v < 1e12)}


def D074(d):
    return {"mean_yuan": smean(d, "2023-01-01", "2023-12-31")}


def D075(d):
    return {"sum_yuan": ssum(d, "2026-04-01", "2026-06-30"), "days": len(S(d, "2026-04-01", "2026-06-30"))}


def D076(d):
    x, v = smax(d, "2025-07-01", "2025-12-31")
    return {"max_date": x, "max_yuan": v}


def D077(d):
    return {"days": sum(1 for v in d.tot.values() if v >= 3.5e12)}


def D078(d):
    ds = S(d, "2026-01-01", "2026-07-31")
    return {"days_above": count(d, "2026-01-01", "2026-07-31", lambda v: v > 1e12), "days": len(ds)}


def D079(d):
    return {"days": count(d, "2026-06-01", "2026-06-30", lambda v: v > 3e12)}


def D080(d):
    a, b = ssum(d, "2025-10-01", "2025-10-31"), ssum(d, "2024-10-01", "2024-10-31")
    return {"sum_yuan": a, "prev_sum_yuan": b, "change_pct": cmp(a, b)[1]}


def D081(d):
    x, v = smax(d, "2025-01-01", "2025-12-31")
    return {"prev_max_yuan": v, "days": count(d, "2026-01-01", "2026-07-31", lambda t: t > v)}


def D082(d):
    return {"days": sum(1 for x in last_n(d, "2026-07-31", 10) if fang(d, x))}


def D083(d):
    x, v = smax(d, "2025-01-01", "2025-12-31")
    return {"max_date": x, "max_yuan": v}


def D084(d):
    a, b = smean(d, "2026-01-01", "2026-07-31", "sz"), smean(d, "2026-01-01", "2026-07-31", "sh")
    return {"sz_mean_yuan": a, "sh_mean_yuan": b}


def D085(d):
    t = topn(d, "2026-07-01", "2026-07-31", 3, low=True)
    r = flat("bottom", "_date", t)
    r.update(flat("bottom", "_yuan", [d.tot[x] for x in t]))
    return r


def D086(d):
    ms = {m: count(d, f"2026-{m:02d}-01", f"2026-{m:02d}-31", lambda v: v > 3e12) for m in range(1, 8)}
    m = max(ms, key=lambda k: (ms[k], -k))
    return {"month": f"2026-{m:02d}", "days": ms[m]}


def D087(d):
    a, b = ssum(d, "2026-07-01", "2026-07-31"), ssum(d, "2026-06-01", "2026-06-30")
    c, p = cmp(a, b)
    return {"sum_yuan": a, "prev_sum_yuan": b, "change_yuan": c, "change_pct": p}


def D088(d):
    return {"days": count(d, "2024-01-01", "2024-12-31", lambda v: v > 1e12)}


# ---------------------------------------------------------------- price + volume
def D089(d):
    x = "2026-07-31"
    return {"sh_close_pts": d.shc[x], "sh_change_pct": d.shp[x], "total_yuan": d.tot[x]}


def D090(d):
    x = chk(d, "2026-07-17")
    return {"sz_change_pct": d.szp[x], "total_yuan": d.tot[x]}


def D091(d):
    return {"change_pct": ichg(d, "2026-01-01", "2026-07-31"), "sh_close_pts": d.shc["2026-07-31"]}


def D092(d):
    return {"change_pct": ichg(d, "2026-07-01", "2026-07-31"), "sum_yuan": ssum(d, "2026-07-01", "2026-07-31")}


def D093(d):
    ds = [x for x in S(d, "2026-01-01", "2026-07-31") if d.shp[x] < -2]
    return {"days": len(ds), "mean_yuan": sum(d.tot[x] for x in ds) / len(ds)}


def D094(d):
    return {"days": sum(1 for x in S(d, "2026-07-01", "2026-07-31") if fang(d, x) and d.shp[x] > 0)}


def D095(d):
    ds = [x for x in S(d, "2026-01-01", "2026-07-31") if d.shp[x] > 1]
    x = max(ds, key=lambda k: d.tot[k])
    return {"date": x, "total_yuan": d.tot[x], "sh_change_pct": d.shp[x]}


def D096(d):
    x = chk(d, "2024-10-08")
    return {"sh_change_pct": d.shp[x], "sh_close_pts": d.shc[x], "total_yuan": d.tot[x]}


def D097(d):
    ds = S(d, "2026-01-01", "2026-07-31")
    x = min(ds, key=lambda k: d.szp[k])
    return {"date": x, "sz_change_pct": d.szp[x], "total_yuan": d.tot[x]}


def D098(d):
    x = max((k for k in d.dates if d.shc[k] is not None), key=lambda k: d.shc[k])
    return {"date": x, "sh_close_pts": d.shc[x]}


def D099(d):
    x = chk(d, "2026-06-22")
    return {"sh_close_pts": d.shc[x], "total_yuan": d.tot[x]}


def D100(d):
    return {"change_pct": ichg(d, "2026-07-27", "2026-08-02"), "sum_yuan": ssum(d, "2026-07-27", "2026-08-02")}


def D101(d):
    return {"change_pct": ichg(d, "2025-01-01", "2025-12-31"), "sum_yuan": ssum(d, "2025-01-01", "2025-12-31")}


def D102(d):
    return {"days": sum(1 for x in S(d, "2026-01-01", "2026-07-31") if suo(d, x) and d.shp[x] < 0)}


def D103(d):
    return {"sz_change_pct": ichg(d, "2026-06-01", "2026-06-30", "sz")}


# ---------------------------------------------------------------- industry
def D104(d):
    t = itop(d, "2026-07-31", 3)
    r = flat("top", "_industry", [n for n, _ in t])
    r.update(flat("top", "_yuan", [v[0] for _, v in t]))
    return r


def D105(d):
    ((n, v),) = itop(d, "2026-07-30", 1, "pct")
    return {"top_industry": n, "change_pct": v[3]}


def D106(d):
    v = d.ind[("2026-07-30", "半导体")]
    return {"industry_yuan": v[0], "up_count": v[1], "total_count": v[2]}


def D107(d):
    v = d.ind[("2026-07-31", "证券")]
    return {"industry_yuan": v[0], "share_pct": 100.0 * v[0] / d.tot["2026-07-31"]}


def D108(d):
    t = itop(d, "2026-07-17", 3, "pct", low=True)
    r = flat("bottom", "_industry", [n for n, _ in t])
    r.update(flat("bottom", "_pct", [v[3] for _, v in t]))
    return r


def D109(d):
    s = sum(d.ind[("2026-07-31", n)][0] for n in THEMES["AI"])
    return {"theme_yuan": s, "share_pct": 100.0 * s / d.tot["2026-07-31"]}


def D110(d):
    ((n, v),) = itop(d, "2026-07-31", 1, "up")
    return {"top_industry": n, "up_count": v[1]}


def D111(d):
    return {"industry_yuan": sum(d.ind[(x, "银行")][0] for x in S(d, "2026-07-01", "2026-07-31"))}


def D112(d):
    ds = S(d, "2026-01-01", "2026-07-31")
    x = max(ds, key=lambda k: d.ind[(k, "白酒")][0])
    return {"date": x, "industry_yuan": d.ind[(x, "白酒")][0]}


def D113(d):
    up = sum(d.ind[("2026-07-28", n)][1] for n in THEMES["新能源"])
    tc = sum(d.ind[("2026-07-28", n)][2] for n in THEMES["新能源"])
    return {"up_count": up, "total_count": tc}


def D115(d):
    t = itop(d, "2025-08-01", 5)
    return flat("top", "_industry", [n for n, _ in t])


# ---------------------------------------------------------------- follow-ups
def D116(d):
    return [{"total_yuan": d.tot["2026-07-31"]}, {"sh_yuan": d.sh["2026-07-31"]}, {"total_yuan": d.tot["2026-07-30"]}]


def D117(d):
    x = max(S(d, "2026-01-01", "2026-07-31"), key=lambda k: d.tot[k])
    return [
        {"max_date": x, "max_yuan": d.tot[x]},
        {"sh_change_pct": d.shp[x]},
        {"mean_yuan": smean(d, x[:7] + "-01", x[:7] + "-31")},
    ]


def D118(d):
    a, b = ssum(d, "2026-07-27", "2026-08-02"), ssum(d, "2026-07-20", "2026-07-26")
    c, p = cmp(a, b)
    return [{"sum_yuan": a}, {"prev_sum_yuan": b, "change_yuan": c, "change_pct": p}]


def D119(d):
    return [
        {"days": count(d, "2026-06-01", "2026-06-30", lambda v: v > 3e12)},
        {"days": count(d, "2026-07-01", "2026-07-31", lambda v: v > 3e12)},
    ]


def D120(d):
    v = d.ind[("2026-07-31", "半导体")]
    return [
        {"industry_yuan": v[0]},
        {"share_pct": 100.0 * v[0] / d.tot["2026-07-31"]},
        {"up_count": v[1], "total_count": v[2]},
    ]


def D121(d):
    a, b = ssum(d, "2025-01-01", "2025-12-31"), ssum(d, "2024-01-01", "2024-12-31")
    c, p = cmp(a, b)
    return [{"sum_yuan": a}, {"sum_yuan": b}, {"change_yuan": c, "change_pct": p}]


def D122(d):
    return [{"total_yuan": d.tot["2026-07-31"]}, {}]


def D123(d):
    x = "2026-07-17"
    return [{"total_yuan": d.tot[x]}, {"sh_change_pct": d.shp[x], "sz_change_pct": d.szp[x]}]


def D124(d):
    return [
        {"total_yuan": d.tot[chk(d, "2026-07-01")]},
        {"sz_yuan": d.sz["2026-07-01"]},
        {"date": nxt(d, "2026-07-01"), "total_yuan": d.tot[nxt(d, "2026-07-01")]},
    ]


def D125(d):
    a = smean(d, "2026-01-01", "2026-07-31", "sz")
    b = smean(d, "2026-01-01", "2026-07-31", "sh")
    return [
        {"sz_mean_yuan": a},
        {"sh_mean_yuan": b},
        {"share_pct": 100.0 * ssum(d, "2026-01-01", "2026-07-31", "sz") / ssum(d, "2026-01-01", "2026-07-31")},
    ]


def D126(d):
    x = S(d, "2026-05-02", "2026-05-31")[0]
    return [{}, {"date": x, "total_yuan": d.tot[x]}]


def D127(d):
    a, b = ssum(d, "2026-01-01", "2026-03-31"), ssum(d, "2025-01-01", "2025-03-31")
    return [
        {"sum_yuan": ssum(d, "2026-03-01", "2026-03-31")},
        {"sum_yuan": a},
        {"prev_sum_yuan": b, "change_pct": cmp(a, b)[1]},
    ]


def D128(d):
    ds = S(d, "2026-07-27", "2026-08-02")
    x, v = smin(d, "2026-07-27", "2026-08-02")
    return [{"days_above": sum(1 for k in ds if d.tot[k] > 2e12), "days": len(ds)}, {"min_date": x, "min_yuan": v}]


def D129(d):
    v, w = d.ind[("2026-07-31", "证券")], d.ind[("2026-07-30", "证券")]
    c, p = cmp(v[0], w[0])
    return [{"change_pct": v[3]}, {"industry_yuan": v[0]}, {"prev_industry_yuan": w[0], "change_yuan": c}]


def D130(d):
    x = chk(d, "2025-04-07")
    ds = [nxt(d, x, i) for i in range(1, 6)]
    return [{"total_yuan": d.tot[x]}, {"sh_change_pct": d.shp[x]}, {"mean_yuan": sum(d.tot[k] for k in ds) / 5}]


# ---------------------------------------------------------------- other (answerable English / misc)
def D131(d):
    x, v = smax(d, "2025-01-01", "2025-12-31")
    return {"max_date": x, "max_yuan": v}


def D132(d):
    return {"mean_yuan": smean(d, "2026-07-01", "2026-07-31"), "days": len(S(d, "2026-07-01", "2026-07-31"))}


# ---------------------------------------------------------------- plumbing
def load_items(path=None):
    path = path or os.path.join(HERE, "set_d.jsonl")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(ln) for ln in fh if ln.strip()]


def _data_for(source):
    if isinstance(source, (str, os.PathLike)):
        return Data(snapshot=source)
    return Data()


def figures(items, source=None):
    d = _data_for(source)
    out = {}
    for it in items:
        n = len(it["turns"])
        fn = globals().get(it["id"])
        if fn is None:
            out[it["id"]] = [{} for _ in range(n)]
            continue
        r = fn(d)
        if isinstance(r, dict):
            r = [r]
        r = list(r) + [{}] * (n - len(r))
        out[it["id"]] = [_flatten(dict(x)) if e.get("kind") == "answer" else {} for x, e in zip(r, it["expect"])]
    return out


def _flatten(r):
    o = {}
    for k, v in r.items():
        if isinstance(v, list):
            pre, _, suf = k.partition("_")
            for i, x in enumerate(v, 1):
                o[f"{pre}{i}_{suf}"] = x
        else:
            o[k] = v
    return o


if __name__ == "__main__":
    items = load_items(sys.argv[1] if len(sys.argv) > 1 else None)
    figs = figures(items)
    bad = 0
    for it in items:
        for t, (e, f) in enumerate(zip(it["expect"], figs[it["id"]])):
            if e["kind"] == "answer":
                want, got = list(e["figures"]), sorted(_flatten(f))
                if sorted(want) != got:
                    bad += 1
                    print(f"MISMATCH {it['id']} turn {t + 1}: expect {sorted(want)} got {got}")
            elif f:
                bad += 1
                print(f"MISMATCH {it['id']} turn {t + 1}: declined turn has figures {sorted(f)}")
        if any(e["kind"] == "answer" for e in it["expect"]) and globals().get(it["id"]) is None:
            bad += 1
            print(f"MISSING function for {it['id']}")
    if bad:
        print(f"{bad} mismatches")
        sys.exit(1)
    print(f"all keys match: {len(items)} items")
    sys.exit(0)
