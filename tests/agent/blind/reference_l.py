# ruff: noqa
"""Reference figures for blind set L (marketbot, 沪深两市成交额).

Computed straight from the bundled CSVs (stdlib only).

Definitions used throughout:
- total (两市成交额) of a session = sh_yuan + sz_yuan, in 元, unrounded.
- 破X / 超过X = strictly > X; X以上 = >= X; 低于X = < X; 在A到B之间 = A <= v <= B (inclusive).
- 放量 = a session's total > the previous session's total; 缩量 = < (the previous session may lie
  before the period asked about).
- A session is closed at "now" if its date < now's date, or same date and now's time >= 15:00.
- 昨天 = the session before now's date; 今年以来 = Jan 1 .. last closed session;
  本月至今 / 本周 = from the period start to the last closed session.
- weeks run Monday..Sunday.
- rank = 1 + count strictly higher in the population; percentile = 100*count(<= v)/population size.
- index change over a period = 100*(last close in the period / last close before the period - 1).
- share_pct = 100*part/whole; median = statistics.median of daily totals; avg = mean of daily totals.
- changes/diffs are signed: asked minus reference (for two periods: later minus earlier);
  change_pct = 100*change/reference.
- ties: earliest date wins (the set avoids questions whose answer depends on ties).
- streak = longest run of consecutive sessions inside the period that are all 放量 (or all 缩量).
- industries: 同花顺 90 industries from ths_industries.csv.gz; an industry's share of the market =
  100*amount_yuan/两市 total of that session.
"""

import csv
import gzip
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_FALLBACK = "/work/main/tools/data"


def _path(env, name):
    p = os.environ.get(env)
    if p:
        return p
    p = os.path.join(HERE, "..", "..", "..", "tools", "data", name)
    if os.path.exists(p):
        return p
    return os.path.join(_FALLBACK, name)


SNAPSHOT = _path("MARKETBOT_SNAPSHOT", "turnover_snapshot.csv.gz")
INDUSTRIES = _path("MARKETBOT_INDUSTRIES", "ths_industries.csv.gz")

AI_THEME = [
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
]


def _rows(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _f(x):
    return float(x) if x not in (None, "") else None


class D:
    def __init__(self, snapshot=SNAPSHOT, industries=INDUSTRIES):
        self.dates = []
        self.sh, self.sz, self.shc, self.shp, self.szc, self.szp = {}, {}, {}, {}, {}, {}
        for r in _rows(snapshot):
            d = r["date"]
            self.dates.append(d)
            self.sh[d] = float(r["sh_yuan"])
            self.sz[d] = float(r["sz_yuan"])
            self.shc[d] = _f(r.get("sh_close"))
            self.shp[d] = _f(r.get("sh_pct"))
            self.szc[d] = _f(r.get("sz_close"))
            self.szp[d] = _f(r.get("sz_pct"))
        self.dates.sort()
        self.idx = {d: i for i, d in enumerate(self.dates)}
        self.ind = {}
        for r in _rows(industries):
            self.ind.setdefault(r["date"], {})[r["industry"]] = {
                "amount": float(r["amount_yuan"]),
                "up": int(r["up_count"]),
                "total": int(r["total_count"]),
                "chg": float(r["change_pct"]),
            }

    # --- sessions -----------------------------------------------------
    def T(self, d):
        return self.sh[d] + self.sz[d]

    def prev(self, d):
        """session strictly before date d (d need not be a session)"""
        best = None
        for x in self.dates:
            if x < d:
                best = x
            else:
                break
        return best

    def sess(self, a, b):
        return [d for d in self.dates if a <= d <= b]

    def last_n(self, end, n):
        i = self.idx[end]
        return self.dates[i - n + 1 : i + 1]

    # --- stats --------------------------------------------------------
    def total(self, ds, f=None):
        f = f or self.T
        return sum(f(d) for d in ds)

    def avg(self, ds, f=None):
        return self.total(ds, f) / len(ds)

    def median(self, ds):
        return statistics.median([self.T(d) for d in ds])

    def maxday(self, ds, f=None):
        f = f or self.T
        best = None
        for d in ds:
            if best is None or f(d) > f(best):
                best = d
        return best

    def minday(self, ds, f=None):
        f = f or self.T
        best = None
        for d in ds:
            if best is None or f(d) < f(best):
                best = d
        return best

    def top(self, ds, n, f=None, low=False):
        f = f or self.T
        key = (lambda d: (f(d), d)) if low else (lambda d: (-f(d), d))
        return sorted(ds, key=key)[:n]

    def rank(self, v, pop, f=None):
        f = f or self.T
        return 1 + sum(1 for d in pop if f(d) > v)

    def percentile(self, v, pop, f=None):
        f = f or self.T
        return 100.0 * sum(1 for d in pop if f(d) <= v) / len(pop)

    def fang(self, d):
        return self.T(d) > self.T(self.prev(d))

    def suo(self, d):
        return self.T(d) < self.T(self.prev(d))

    def streak(self, ds, pred):
        best_len, best_start, best_end = 0, None, None
        run, start = 0, None
        for d in ds:
            if pred(d):
                if run == 0:
                    start = d
                run += 1
                if run > best_len:
                    best_len, best_start, best_end = run, start, d
            else:
                run = 0
        return best_len, best_start, best_end

    def chg(self, new, ref):
        return {"change_yuan": new - ref, "change_pct": 100.0 * (new - ref) / ref}

    def idx_change(self, closes, a, b):
        ds = self.sess(a, b)
        last = ds[-1]
        before = self.prev(a)
        return 100.0 * (closes[last] / closes[before] - 1), last

    # --- industries ---------------------------------------------------
    def I(self, d, name):
        return self.ind[d][name]

    def ind_sorted(self, d, field, low=False):
        items = list(self.ind[d].items())
        if low:
            items.sort(key=lambda kv: (kv[1][field], kv[0]))
        else:
            items.sort(key=lambda kv: (-kv[1][field], kv[0]))
        return items


_D = None


def data():
    global _D
    if _D is None:
        _D = D()
    return _D


# =====================================================================
# single_day
# =====================================================================


def L001(d):
    x = "2025-08-14"
    return {"date": x, "total_yuan": d.T(x)}


def L002(d):
    x = "2025-09-02"
    return {"date": x, "total_yuan": d.T(x)}


def L003(d):
    x = "2025-09-30"
    return {"date": x, "total_yuan": d.T(x)}


def L004(d):
    x = "2025-11-07"
    return {"total_yuan": d.T(x)}


def L005(d):
    return {"sh_yuan": d.sh["2025-12-18"]}


def L006(d):
    return {"total_yuan": d.T("2026-01-14")}


def L007(d):
    return {"sz_yuan": d.sz["2026-02-10"]}


def L008(d):
    x = "2026-03-03"
    return {"date": x, "total_yuan": d.T(x)}


def L009(d):
    x = "2026-03-18"
    return {"date": x, "total_yuan": d.T(x)}


def L010(d):
    x, p = "2026-04-08", "2026-04-07"
    r = {"total_yuan": d.T(x)}
    r.update(d.chg(d.T(x), d.T(p)))
    return r


def L011(d):
    x = "2026-05-06"
    return {"date": x, "total_yuan": d.T(x), "sh_yuan": d.sh[x], "sz_yuan": d.sz[x]}


def L012(d):
    x = "2026-06-22"
    return {"date": x, "total_yuan": d.T(x)}


def L013(d):
    x = "2026-07-02"
    return {"total_yuan": d.T(x), "sh_share_pct": 100.0 * d.sh[x] / d.T(x)}


def L014(d):
    x = "2025-08-25"
    pop = [y for y in d.dates if y <= x]
    return {"date": x, "total_yuan": d.T(x), "rank": d.rank(d.T(x), pop)}


def L015(d):
    x, p = "2025-09-18", "2025-09-17"
    r = {"total_yuan": d.T(x)}
    r.update(d.chg(d.T(x), d.T(p)))
    return r


def L016(d):
    return {"sz_yuan": d.sz["2025-10-17"]}


def L017(d):
    x = "2025-11-24"
    return {"date": x, "sh_yuan": d.sh[x]}


def L018(d):
    return {"total_yuan": d.T("2025-12-01")}


def L019(d):
    x = "2025-12-31"
    return {"date": x, "total_yuan": d.T(x)}


def L020(d):
    x = "2026-01-05"
    return {"date": x, "total_yuan": d.T(x)}


def L021(d):
    x = "2026-02-24"
    return {"date": x, "total_yuan": d.T(x)}


def L022(d):
    x = "2026-03-23"
    return {"total_yuan": d.T(x), "sh_yuan": d.sh[x], "sz_yuan": d.sz[x]}


def L023(d):
    x = "2026-04-17"
    return {"date": x, "total_yuan": d.T(x)}


def L024(d):
    return {"total_yuan": d.T("2026-05-11")}


def L025(d):
    return {"total_yuan": d.T("2024-10-08")}


def L026(d):
    return {"sz_yuan": d.sz["2026-07-10"]}


def L027(d):
    return {"total_yuan": d.T("2026-07-21")}


def L028(d):
    x = "2026-07-27"
    return {"date": x, "total_yuan": d.T(x)}


def L029(d):
    x, p = "2025-08-18", "2025-08-15"
    r = {"total_yuan": d.T(x)}
    r.update(d.chg(d.T(x), d.T(p)))
    return r


def L030(d):
    x = "2026-01-12"
    return {"sh_yuan": d.sh[x], "sz_yuan": d.sz[x], "sz_share_pct": 100.0 * d.sz[x] / d.T(x)}


# =====================================================================
# period_stats
# =====================================================================


def L031(d):
    ds = d.sess("2025-08-01", "2025-08-31")
    return {"total_yuan": d.total(ds), "avg_yuan": d.avg(ds), "days": len(ds)}


def L032(d):
    ds = d.sess("2025-09-01", "2025-09-12")
    return {"avg_yuan": d.avg(ds), "days": len(ds)}


def L033(d):
    ds = d.sess("2025-10-01", "2025-10-31")
    return {"count": sum(1 for x in ds if d.T(x) > 2e12), "days": len(ds)}


def L034(d):
    ds = d.sess("2025-11-01", "2025-11-30")
    return {"median_yuan": d.median(ds)}


def L035(d):
    ds = d.sess("2025-11-01", "2025-11-30")
    m = d.maxday(ds)
    return {"max_date": m, "max_yuan": d.T(m)}


def L036(d):
    ds = d.sess("2026-01-01", "2026-01-30")
    m = d.minday(ds)
    return {"min_date": m, "min_yuan": d.T(m)}


def L037(d):
    ds = d.sess("2026-02-01", "2026-02-27")
    return {"fangliang_count": sum(1 for x in ds if d.fang(x)), "suoliang_count": sum(1 for x in ds if d.suo(x))}


def L038(d):
    ds = d.sess("2026-03-01", "2026-03-31")
    t = d.top(ds, 3)
    return {"top_date": t, "top_yuan": [d.T(x) for x in t]}


def L039(d):
    ds = d.sess("2026-01-01", "2026-04-30")
    return {"avg_yuan": d.avg(ds), "days": len(ds)}


def L040(d):
    ds = d.sess("2026-05-01", "2026-05-29")
    return {"count": sum(1 for x in ds if d.T(x) >= 3e12), "days": len(ds)}


def L041(d):
    ds = d.sess("2026-01-01", "2026-06-30")
    return {"total_yuan": d.total(ds), "days": len(ds)}


def L042(d):
    ds = d.sess("2026-01-01", "2026-07-14")
    t = d.top(ds, 5)
    return {"top_date": t, "top_yuan": [d.T(x) for x in t]}


def L043(d):
    ds = d.sess("2026-07-01", "2026-07-31")
    n, a, b = d.streak(ds, d.suo)
    return {"streak": n, "start_date": a, "end_date": b}


def L044(d):
    ds = d.sess("2025-07-01", "2025-09-30")
    return {"total_yuan": d.total(ds), "avg_yuan": d.avg(ds), "days": len(ds)}


def L045(d):
    ds = d.sess("2025-01-01", "2025-12-31")
    return {"total_yuan": d.total(ds), "avg_yuan": d.avg(ds), "days": len(ds)}


def L046(d):
    ds = d.sess("2025-11-17", "2025-11-20")
    return {"total_yuan": d.total(ds), "days": len(ds)}


def L047(d):
    weeks = [
        ("2025-12-01", "2025-12-05"),
        ("2025-12-08", "2025-12-12"),
        ("2025-12-15", "2025-12-19"),
        ("2025-12-22", "2025-12-26"),
    ]
    tots = [d.total(d.sess(a, b)) for a, b in weeks]
    i = max(range(len(tots)), key=lambda k: (tots[k], -k))
    return {"week_yuan": tots, "max_week_start_date": weeks[i][0]}


def L048(d):
    ds = d.sess("2026-01-01", "2026-03-09")
    return {"count": sum(1 for x in ds if d.T(x) < 2e12), "days": len(ds)}


def L049(d):
    ds = d.sess("2026-01-01", "2026-04-14")
    return {"count": sum(1 for x in ds if 2.5e12 <= d.T(x) <= 3e12), "days": len(ds)}


def L050(d):
    ds = d.sess("2026-01-01", "2026-05-20")
    x = "2026-05-20"
    return {"total_yuan": d.T(x), "rank": d.rank(d.T(x), ds), "days": len(ds)}


def L051(d):
    ds = d.sess("2026-01-01", "2026-06-05")
    return {"percentile_pct": d.percentile(3e12, ds), "days": len(ds)}


def L052(d):
    ds = d.sess("2025-08-01", "2025-08-29")
    n, a, b = d.streak(ds, d.fang)
    return {"streak": n, "start_date": a, "end_date": b}


def L053(d):
    ds = d.sess("2025-10-20", "2025-10-24")
    return {"avg_yuan": d.avg(ds)}


def L054(d):
    ds = d.sess("2026-01-01", "2026-01-23")
    return {"total_yuan": d.total(ds), "avg_yuan": d.avg(ds), "days": len(ds)}


def L055(d):
    ds = d.sess("2026-02-01", "2026-02-13")
    x = "2026-02-13"
    return {"total_yuan": d.T(x), "rank": d.rank(d.T(x), ds), "days": len(ds)}


def L056(d):
    ds = d.last_n("2026-03-19", 10)
    return {"avg_yuan": d.avg(ds), "start_date": ds[0], "end_date": ds[-1]}


def L057(d):
    weeks = [("2026-02-02", "2026-02-08"), ("2026-02-09", "2026-02-15"), ("2026-02-23", "2026-03-01")]
    return {"week_yuan": [d.total(d.sess(a, b)) for a, b in weeks]}


def L058(d):
    ds = d.sess("2025-09-08", "2025-09-12")
    m = d.minday(ds)
    return {"min_date": m, "min_yuan": d.T(m)}


def L059(d):
    ds = d.sess("2025-10-01", "2025-12-05")
    return {"avg_yuan": d.avg(ds), "days": len(ds)}


def L060(d):
    ds = d.sess("2026-01-01", "2026-07-17")
    return {"count": sum(1 for x in ds if d.T(x) > 3.5e12), "days": len(ds)}


def L061(d):
    m = {
        k: d.total(d.sess(a, b))
        for k, a, b in [
            ("jan", "2026-01-01", "2026-01-31"),
            ("feb", "2026-02-01", "2026-02-28"),
            ("mar", "2026-03-01", "2026-03-31"),
        ]
    }
    best = max(["jan", "feb", "mar"], key=lambda k: m[k])
    return {
        "jan_yuan": m["jan"],
        "feb_yuan": m["feb"],
        "mar_yuan": m["mar"],
        "month": {"jan": "2026-01", "feb": "2026-02", "mar": "2026-03"}[best],
    }


def L062(d):
    ds = d.sess("2025-10-01", "2025-10-31")
    return {"sz_avg_yuan": d.avg(ds, lambda x: d.sz[x])}


def L063(d):
    ds = d.sess("2026-06-01", "2026-06-15")
    return {"sh_share_pct": 100.0 * d.total(ds, lambda x: d.sh[x]) / d.total(ds)}


def L064(d):
    ds = d.sess("2026-05-01", "2026-05-29")
    return {"suoliang_count": sum(1 for x in ds if d.suo(x)), "days": len(ds)}


def L065(d):
    ds = d.sess("2025-07-01", "2025-07-31")
    return {"avg_yuan": d.avg(ds)}


# =====================================================================
# compare
# =====================================================================


def L066(d):
    x, p = "2025-08-22", "2025-08-21"
    r = {"total_yuan": d.T(x)}
    r.update(d.chg(d.T(x), d.T(p)))
    return r


def L067(d):
    a = d.avg(d.sess("2025-09-01", "2025-09-30"))
    b = d.avg(d.sess("2025-08-01", "2025-08-31"))
    r = {"sep_avg_yuan": a, "aug_avg_yuan": b}
    r.update(d.chg(a, b))
    return r


def L068(d):
    a, b = d.T("2025-10-09"), d.T("2025-09-30")
    r = {"after_yuan": a, "before_yuan": b}
    r.update(d.chg(a, b))
    return r


def L069(d):
    a = d.total(d.sess("2025-11-24", "2025-11-28"))
    b = d.total(d.sess("2025-11-17", "2025-11-21"))
    r = {"this_week_yuan": a, "last_week_yuan": b}
    r.update(d.chg(a, b))
    return r


def L070(d):
    a = d.total(d.sess("2025-12-01", "2025-12-31"))
    b = d.total(d.sess("2025-11-01", "2025-11-30"))
    r = {"dec_yuan": a, "nov_yuan": b}
    r.update(d.chg(a, b))
    return r


def L071(d):
    a, b = d.T("2026-01-14"), d.T("2025-01-14")
    r = {"today_yuan": a, "lastyear_yuan": b}
    r.update(d.chg(a, b))
    return r


def L072(d):
    a = d.avg(d.sess("2026-02-01", "2026-02-27"))
    b = d.avg(d.sess("2026-01-01", "2026-01-31"))
    r = {"feb_avg_yuan": a, "jan_avg_yuan": b}
    r.update(d.chg(a, b))
    return r


def L073(d):
    a = d.total(d.sess("2026-03-09", "2026-03-13"), lambda x: d.sh[x])
    b = d.total(d.sess("2026-03-02", "2026-03-06"), lambda x: d.sh[x])
    r = {"this_week_sh_yuan": a, "last_week_sh_yuan": b}
    r.update(d.chg(a, b))
    return r


def L074(d):
    x = "2026-04-24"
    return {"sz_yuan": d.sz[x], "sh_yuan": d.sh[x], "diff_yuan": d.sz[x] - d.sh[x]}


def L075(d):
    a = d.avg(d.sess("2026-05-06", "2026-05-08"))
    b = d.avg(["2026-04-24", "2026-04-27", "2026-04-28", "2026-04-29", "2026-04-30"])
    r = {"after_avg_yuan": a, "before_avg_yuan": b}
    r.update(d.chg(a, b))
    return r


def L076(d):
    a = d.avg(d.sess("2026-01-01", "2026-06-30"))
    b = d.avg(d.sess("2025-07-01", "2025-12-31"))
    r = {"h1_avg_yuan": a, "prev_h2_avg_yuan": b}
    r.update(d.chg(a, b))
    return r


def L077(d):
    a, b = d.T("2026-07-17"), d.T("2026-07-10")
    r = {"today_yuan": a, "ref_yuan": b}
    r.update(d.chg(a, b))
    return r


def L078(d):
    a = d.total(d.sess("2026-07-01", "2026-07-31"))
    b = d.total(d.sess("2026-06-01", "2026-06-30"))
    r = {"jul_yuan": a, "jun_yuan": b}
    r.update(d.chg(a, b))
    return r


def L079(d):
    a = d.total(d.sess("2025-08-01", "2025-08-31"))
    b = d.total(d.sess("2024-08-01", "2024-08-31"))
    r = {"aug2025_yuan": a, "aug2024_yuan": b}
    r.update(d.chg(a, b))
    return r


def L080(d):
    ds = d.sess("2025-10-01", "2025-10-31")
    hi, lo = d.maxday(ds), d.minday(ds)
    return {"max_date": hi, "max_yuan": d.T(hi), "min_date": lo, "min_yuan": d.T(lo), "diff_yuan": d.T(hi) - d.T(lo)}


def L081(d):
    a = d.T("2026-03-02")
    b = d.avg(d.sess("2026-02-01", "2026-02-28"))
    r = {"today_yuan": a, "feb_avg_yuan": b}
    r.update(d.chg(a, b))
    return r


def L082(d):
    a, b = d.T("2026-04-08"), d.T("2026-04-07")
    return d.chg(a, b)


def L083(d):
    a = d.avg(d.sess("2026-05-01", "2026-05-22"))
    b = d.avg(d.sess("2025-05-01", "2025-05-31"))
    r = {"may2026_avg_yuan": a, "may2025_avg_yuan": b}
    r.update(d.chg(a, b))
    return r


def L084(d):
    a, b = d.T("2026-06-12"), d.T("2026-06-08")
    r = {"today_yuan": a, "monday_yuan": b}
    r.update(d.chg(a, b))
    return r


def L085(d):
    ds = d.sess("2026-01-01", "2026-01-30")
    a = d.avg(ds, lambda x: d.sz[x])
    b = d.avg(ds, lambda x: d.sh[x])
    return {"sz_avg_yuan": a, "sh_avg_yuan": b, "diff_yuan": a - b}


# =====================================================================
# industries
# =====================================================================


def L086(d):
    n, r = d.ind_sorted("2025-08-20", "amount")[0]
    return {"top_industry": n, "amount_yuan": r["amount"]}


def L087(d):
    r = d.I("2025-09-05", "半导体")
    return {"amount_yuan": r["amount"], "up_count": r["up"], "total_count": r["total"], "change_pct": r["chg"]}


def L088(d):
    t = d.ind_sorted("2025-10-15", "amount")[:3]
    return {"top_industry": [n for n, _ in t], "top_yuan": [r["amount"] for _, r in t]}


def L089(d):
    n, r = d.ind_sorted("2025-11-21", "chg", low=True)[0]
    x = "2025-11-21"
    out = {"bottom_industry": n, "bottom_change_pct": r["chg"], "sh_pct": d.shp[x], "total_yuan": d.T(x)}
    out.update(d.chg(d.T(x), d.T("2025-11-20")))
    return out


def L090(d):
    t = d.ind_sorted("2025-12-17", "chg")[:5]
    return {"top_industry": [n for n, _ in t], "top_pct": [r["chg"] for _, r in t]}


def L091(d):
    x = "2026-01-14"
    r = d.I(x, "证券")
    return {"amount_yuan": r["amount"], "share_pct": 100.0 * r["amount"] / d.T(x)}


def L092(d):
    r = d.I("2026-02-09", "银行")
    return {"up_count": r["up"], "total_count": r["total"], "change_pct": r["chg"]}


def L093(d):
    x = "2026-03-23"
    ups = [(n, r) for n, r in d.ind_sorted(x, "chg") if r["chg"] > 0]
    return {"rise_count": len(ups), "up_industry": [n for n, _ in ups], "up_pct": [r["chg"] for _, r in ups]}


def L094(d):
    x = "2026-04-08"
    s = sum(d.I(x, n)["amount"] for n in AI_THEME)
    return {"ai_yuan": s, "share_pct": 100.0 * s / d.T(x)}


def L095(d):
    t = d.ind_sorted("2026-05-20", "amount", low=True)[:3]
    return {"bottom_industry": [n for n, _ in t], "bottom_yuan": [r["amount"] for _, r in t]}


def L096(d):
    r = d.I("2026-06-26", "贵金属")
    return {"change_pct": r["chg"], "amount_yuan": r["amount"]}


def L097(d):
    x = "2026-07-17"
    return {"count": sum(1 for r in d.ind[x].values() if r["up"] > r["total"] / 2)}


def L098(d):
    a, b = d.I("2026-07-31", "电池")["amount"], d.I("2026-07-30", "电池")["amount"]
    r = {"amount_yuan": a}
    r.update(d.chg(a, b))
    return r


def L099(d):
    n, r = d.ind_sorted("2025-07-25", "amount")[0]
    return {"top_industry": n, "amount_yuan": r["amount"]}


def L100(d):
    ds = d.sess("2026-03-02", "2026-03-06")
    return {"total_yuan": sum(d.I(x, "半导体")["amount"] for x in ds)}


# =====================================================================
# index
# =====================================================================


def L101(d):
    x = "2025-08-25"
    return {"sh_close_pts": d.shc[x], "sh_pct": d.shp[x]}


def L102(d):
    x = "2025-09-04"
    return {"sz_pct": d.szp[x], "sz_close_pts": d.szc[x]}


def L103(d):
    c, last = d.idx_change(d.shc, "2025-10-01", "2025-10-31")
    return {"sh_change_pct": c, "sh_close_pts": d.shc[last]}


def L104(d):
    c, last = d.idx_change(d.shc, "2025-01-01", "2025-12-31")
    return {"sh_change_pct": c, "sh_close_pts": d.shc[last]}


def L105(d):
    ds = d.sess("2026-03-01", "2026-03-31")
    return {"count": sum(1 for x in ds if d.shp[x] > 1)}


def L106(d):
    c, last = d.idx_change(d.szc, "2026-04-01", "2026-04-30")
    return {"sz_change_pct": c, "sz_close_pts": d.szc[last]}


def L107(d):
    ds = d.sess("2026-01-01", "2026-06-30")
    m = d.maxday(ds, lambda x: d.shc[x])
    return {"max_date": m, "max_close_pts": d.shc[m]}


def L108(d):
    ds = d.sess("2026-01-01", "2026-07-17")
    m = d.minday(ds, lambda x: d.szp[x])
    return {"today_pct": d.szp["2026-07-17"], "min_date": m, "min_pct": d.szp[m]}


def L109(d):
    c, last = d.idx_change(d.shc, "2026-07-20", "2026-07-24")
    return {"sh_change_pct": c, "sh_close_pts": d.shc[last]}


def L110(d):
    return {"sh_close_pts": d.shc["2026-01-09"]}


# =====================================================================
# follow-up chats
# =====================================================================


def L111(d):
    x, p = "2025-08-15", "2025-08-14"
    t3 = {"sz_yuan": d.sz[x]}
    t3.update(d.chg(d.sz[x], d.sz[p]))
    return [{"total_yuan": d.T(x)}, {"sz_yuan": d.sz[x]}, t3]


def L112(d):
    a = d.avg(d.sess("2025-09-01", "2025-09-30"))
    b = d.avg(d.sess("2025-08-01", "2025-08-31"))
    return [{"avg_yuan": a}, {"avg_yuan": b}, d.chg(a, b)]


def L113(d):
    ds = d.sess("2025-10-13", "2025-10-17")
    hi, lo = d.maxday(ds), d.minday(ds)
    return [{"max_date": hi, "max_yuan": d.T(hi)}, {"min_date": lo, "min_yuan": d.T(lo)}, {"total_yuan": d.total(ds)}]


def L114(d):
    x = "2025-11-14"
    return [{"total_yuan": d.T(x)}, {"sh_share_pct": 100.0 * d.sh[x] / d.T(x)}]


def L115(d):
    x = "2025-12-12"
    t1 = {"total_yuan": d.T(x)}
    t1.update(d.chg(d.T(x), d.T("2025-12-11")))
    ds = d.sess("2025-12-08", "2025-12-12")
    return [t1, {"fangliang_count": sum(1 for y in ds if d.fang(y))}]


def L116(d):
    x = "2026-01-14"
    pop = [y for y in d.dates if y <= "2026-01-16"]
    before = [y for y in d.dates if y < x]
    m = d.maxday(before)
    return [{"total_yuan": d.T(x)}, {"rank": d.rank(d.T(x), pop)}, {"max_date": m, "max_yuan": d.T(m)}]


def L117(d):
    return [
        {"date": "2026-02-13", "total_yuan": d.T("2026-02-13")},
        {"date": "2025-01-27", "total_yuan": d.T("2025-01-27")},
    ]


def L118(d):
    x = "2026-03-19"
    return [{"sh_pct": d.shp[x]}, {"sz_pct": d.szp[x]}, {"total_yuan": d.T(x)}]


def L119(d):
    a = d.avg(d.sess("2026-04-13", "2026-04-17"))
    b = d.avg(d.sess("2026-04-06", "2026-04-12"))
    return [{"avg_yuan": a}, {"avg_yuan": b}, d.chg(a, b)]


def L120(d):
    x = "2026-05-14"
    a = d.I(x, "半导体")["amount"]
    b = d.I(x, "通信设备")["amount"]
    return [{"amount_yuan": a}, {"share_pct": 100.0 * a / d.T(x)}, {"amount_yuan": b, "share_pct": 100.0 * b / d.T(x)}]


def L121(d):
    ds = d.sess("2026-06-01", "2026-06-18")
    hi, lo = d.maxday(ds), d.minday(ds)
    return [{"max_date": hi, "max_yuan": d.T(hi)}, {"min_date": lo, "min_yuan": d.T(lo)}]


def L122(d):
    a, b = d.T("2026-07-07"), d.T("2026-07-06")
    return [{"total_yuan": a}, {"total_yuan": b}, {"sum_yuan": a + b}]


def L123(d):
    x = "2025-08-28"
    ds = d.sess("2025-08-01", x)
    return [{"total_yuan": d.T(x)}, {"rank": d.rank(d.T(x), ds)}]


def L124(d):
    x = "2025-10-09"
    return [{"total_yuan": d.T(x)}, {"sz_yuan": d.sz[x]}]


def L125(d):
    ds = [x for x in d.sess("2026-01-01", "2026-01-30") if d.T(x) > 3e12]
    return [{"count": len(ds)}, {"day_date": ds}]


def L126(d):
    q1 = d.sess("2026-01-01", "2026-03-31")
    q0 = d.sess("2025-01-01", "2025-03-31")
    t1, t0 = d.total(q1), d.total(q0)
    return [
        {"total_yuan": t1},
        {"sh_share_pct": 100.0 * d.total(q1, lambda x: d.sh[x]) / t1},
        {"total_yuan": t0, "sh_share_pct": 100.0 * d.total(q0, lambda x: d.sh[x]) / t0},
    ]


def L127(d):
    ds = d.sess("2026-05-25", "2026-05-29")
    m = d.maxday(ds)
    return [{"day_yuan": [d.T(x) for x in ds]}, {"max_date": m, "max_yuan": d.T(m)}]


def L128(d):
    x, p = "2026-06-23", "2026-06-22"
    return [
        d.chg(d.T(x), d.T(p)),
        {"sz_change_yuan": d.sz[x] - d.sz[p], "sz_change_pct": 100.0 * (d.sz[x] - d.sz[p]) / d.sz[p]},
    ]


def L129(d):
    x = "2026-07-24"
    ds = d.sess("2026-07-01", x)
    m = d.minday(ds)
    return [{"total_yuan": d.T(x)}, {"min_date": m, "min_yuan": d.T(m)}]


def L130(d):
    return [{"total_yuan": d.T("2025-11-03")}, {}]


# =====================================================================
# declines
# =====================================================================


def L131(d):
    return {}


def L132(d):
    return {}


def L133(d):
    return {}


def L134(d):
    return {}


def L135(d):
    return {}


def L136(d):
    return {}


def L137(d):
    return {}


def L138(d):
    return {}


def L139(d):
    return {}


def L140(d):
    return {}


def L141(d):
    return {}


def L142(d):
    return {}


def L143(d):
    return {}


def L144(d):
    return {}


def L145(d):
    return {}


def L146(d):
    return {}


def L147(d):
    return {}


def L148(d):
    return {}


def L149(d):
    return {}


def L150(d):
    return {}


# =====================================================================
# harness
# =====================================================================


def load_items(path=None):
    path = path or os.path.join(HERE, "set_l.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def flatten(r):
    out = {}
    for k, v in r.items():
        if isinstance(v, list):
            for i, x in enumerate(v, 1):
                if "_" in k:
                    a, b = k.split("_", 1)
                    out["%s%d_%s" % (a, i, b)] = x
                else:
                    out["%s%d" % (k, i)] = x
        else:
            out[k] = v
    return out


def figures(items, source=None):
    if isinstance(source, (str, os.PathLike)):
        dd = D(snapshot=os.fspath(source))
    else:
        dd = data()
    res = {}
    for it in items:
        fn = globals()[it["id"]]
        r = fn(dd)
        if isinstance(r, dict):
            r = [r]
        if len(r) != len(it["turns"]):
            # declined single-turn functions return {}; pad to turns
            r = list(r) + [{}] * (len(it["turns"]) - len(r))
        out = []
        for t, e in zip(r, it["expect"]):
            out.append({} if e["kind"] == "decline" else flatten(t))
        res[it["id"]] = out
    return res


def main():
    items = load_items()
    probs = []
    figs = figures(items)
    cats = {}
    cp = os.path.join(HERE, "categories_l.json")
    if os.path.exists(cp):
        cats = json.load(open(cp, encoding="utf-8"))
    ids = [it["id"] for it in items]
    if len(set(ids)) != len(ids):
        probs.append("duplicate ids")
    for it in items:
        iid = it["id"]
        if iid not in cats:
            probs.append("%s: no category" % iid)
        if len(it["turns"]) != len(it["expect"]):
            probs.append("%s: turns/expect length mismatch" % iid)
        fn = globals()[iid]
        raw = fn(data())
        raw = [raw] if isinstance(raw, dict) else raw
        if len(raw) != len(it["turns"]):
            probs.append("%s: reference returns %d turns, item has %d" % (iid, len(raw), len(it["turns"])))
        for n, (e, f) in enumerate(zip(it["expect"], figs[iid]), 1):
            if e["kind"] == "decline":
                if e.get("figures"):
                    probs.append("%s turn %d: decline has figures" % (iid, n))
                if raw[n - 1]:
                    probs.append("%s turn %d: decline but reference gives figures" % (iid, n))
            elif e["kind"] == "answer":
                if sorted(e.get("figures", [])) != sorted(f.keys()):
                    probs.append(
                        "%s turn %d: figures %s != %s" % (iid, n, sorted(e.get("figures", [])), sorted(f.keys()))
                    )
                if not f:
                    probs.append("%s turn %d: answer with no figures" % (iid, n))
                for k, v in f.items():
                    if v is None:
                        probs.append("%s turn %d: %s is None" % (iid, n, k))
            else:
                probs.append("%s turn %d: bad kind" % (iid, n))
    for p in probs:
        print(p)
    print("%d items, %d problems" % (len(items), len(probs)))
    return 1 if probs else 0


if __name__ == "__main__":
    sys.exit(main())
