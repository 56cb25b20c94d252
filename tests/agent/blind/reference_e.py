# ruff: noqa
"""Reference figures for blind set E (marketbot).

Definitions used throughout:
- total = sh_yuan + sz_yuan (元), per session; the snapshot rows are exactly the trading sessions.
- 破X / 超过X / 突破X / above X  means total > X;  X以上 / at least means total >= X;
  低于 / 跌破 means total < X;  between A and B means A <= total <= B.
- 放量 = total > previous session's total; 缩量 = total < previous session's total.
- weeks run Monday..Sunday; months/quarters/half-years are calendar ones.
- 今年以来 = Jan 1 of the year of "now" .. the last session closed at "now" (a session is closed at/after 15:00).
- 昨天 = the previous session (before the current/last closed one as read from "now").
- rank = 1 + number of sessions in the population with strictly higher total.
- percentile of v = 100 * count(total <= v) / count(population).
- changes are signed: asked minus reference (for two periods, later minus earlier); change_pct = 100*change/reference.
- index change over a period = 100*(last close in period / close of the session before the period - 1);
  a single day's index change is the file's sh_pct / sz_pct.
- share_pct = 100 * part / total (sh+sz) of the same session(s); for industries the denominator is the
  两市 total (sh+sz) of the same session(s).
- median of an even count = mean of the two middle values.
- streak = longest run of consecutive sessions meeting the condition (within the period).
- "same part of previous period" = the same calendar day range in the previous period
  (e.g. Jul 1..Jul 20 vs Jun 1..Jun 20).
- industry themes = plain sum of their THS industries (industry_themes.json).
"""

import csv, gzip, io, json, os, sys
from datetime import date as _date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
SNAPSHOT = os.environ.get("MARKETBOT_SNAPSHOT") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "turnover_snapshot.csv.gz"
)
INDUSTRIES = os.environ.get("MARKETBOT_INDUSTRIES") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "ths_industries.csv.gz"
)


def _open(path):
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return [l for l in raw.decode("utf-8").splitlines() if l.strip() and not l.startswith("#")]


def _f(x):
    return float(x) if x not in (None, "") else None


class Data:
    def __init__(self, snapshot=None, industries=None):
        self.rows = {}
        for r in csv.DictReader(_open(snapshot or SNAPSHOT)):
            self.rows[r["date"]] = dict(
                sh=_f(r["sh_yuan"]),
                sz=_f(r["sz_yuan"]),
                shc=_f(r.get("sh_close")),
                shp=_f(r.get("sh_pct")),
                szc=_f(r.get("sz_close")),
                szp=_f(r.get("sz_pct")),
            )
        self.dates = sorted(self.rows)
        self.idx = {d: i for i, d in enumerate(self.dates)}
        self._ipath = industries or INDUSTRIES
        self._ind = None

    # --- market
    def tot(self, d):
        r = self.rows[d]
        return r["sh"] + r["sz"]

    def sh(self, d):
        return self.rows[d]["sh"]

    def sz(self, d):
        return self.rows[d]["sz"]

    def shc(self, d):
        return self.rows[d]["shc"]

    def szc(self, d):
        return self.rows[d]["szc"]

    def shp(self, d):
        return self.rows[d]["shp"]

    def szp(self, d):
        return self.rows[d]["szp"]

    def prev(self, d):
        return self.dates[self.idx[d] - 1]

    def before(self, a):  # last session strictly before date a
        return [x for x in self.dates if x < a][-1]

    def rng(self, a, b):
        return [x for x in self.dates if a <= x <= b]

    def last_n(self, n, end):
        i = self.idx[end]
        return self.dates[i - n + 1 : i + 1]

    def vals(self, ds, f=None):
        f = f or self.tot
        return [f(x) for x in ds]

    def sum(self, ds, f=None):
        return sum(self.vals(ds, f))

    def mean(self, ds, f=None):
        v = self.vals(ds, f)
        return sum(v) / len(v)

    def median(self, ds, f=None):
        v = sorted(self.vals(ds, f))
        n = len(v)
        return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2

    def mx(self, ds, f=None):
        f = f or self.tot
        d = max(ds, key=lambda x: (f(x), x))
        return d, f(d)

    def mn(self, ds, f=None):
        f = f or self.tot
        d = min(ds, key=lambda x: (f(x), x))
        return d, f(d)

    def top(self, ds, n, f=None, rev=True):
        f = f or self.tot
        return sorted(ds, key=lambda x: f(x), reverse=rev)[:n]

    def count(self, ds, cond):
        return sum(1 for x in ds if cond(self.tot(x)))

    def rank(self, d, ds):
        v = self.tot(d)
        return 1 + sum(1 for x in ds if self.tot(x) > v)

    def pctile(self, d, ds):
        v = self.tot(d)
        return 100.0 * sum(1 for x in ds if self.tot(x) <= v) / len(ds)

    def streak(self, ds, cond):
        best = cur = 0
        bs = be = None
        start = None
        for x in ds:
            if cond(x):
                if cur == 0:
                    start = x
                cur += 1
                if cur > best:
                    best, bs, be = cur, start, x
            else:
                cur = 0
        return best, bs, be

    def fang(self, x):
        return self.tot(x) > self.tot(self.prev(x))

    def suo(self, x):
        return self.tot(x) < self.tot(self.prev(x))

    def idx_change(self, ds, which="sh"):
        f = self.shc if which == "sh" else self.szc
        return 100.0 * (f(ds[-1]) / f(self.prev(ds[0])) - 1)

    def month_groups(self, ds):
        g = {}
        for x in ds:
            g.setdefault(x[:7], []).append(x)
        return g

    def week_groups(self, ds):
        g = {}
        for x in ds:
            dt = _date.fromisoformat(x)
            ws = (dt - timedelta(days=dt.weekday())).isoformat()
            g.setdefault(ws, []).append(x)
        return g

    # --- industries
    def ind(self):
        if self._ind is None:
            self._ind = {}
            for r in csv.DictReader(_open(self._ipath)):
                self._ind.setdefault(r["date"], {})[r["industry"]] = dict(
                    amt=float(r["amount_yuan"]),
                    up=int(r["up_count"]),
                    n=int(r["total_count"]),
                    pct=float(r["change_pct"]),
                )
        return self._ind

    def iday(self, d):
        return self.ind()[d]

    def iamt(self, name, ds):
        return sum(self.ind()[x][name]["amt"] for x in ds)


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
}


def _chg(a, ref):
    return dict(change_yuan=a - ref, change_pct=100.0 * (a - ref) / ref)


def _topk(prefix, items, suffix):
    return {f"{prefix}{i + 1}_{suffix}": v for i, v in enumerate(items)}


# ======================= single_day =======================
def E001(d):
    return {"total_yuan": d.tot("2026-07-31")}


def E002(d):
    return {"total_yuan": d.tot("2026-07-30")}


def E003(d):
    return {"total_yuan": d.tot("2024-10-08")}


def E004(d):
    return {"total_yuan": d.tot("2024-09-30")}


def E005(d):
    return {"sh_yuan": d.sh("2026-03-05")}


def E006(d):
    return {"sz_yuan": d.sz("2025-02-10")}


def E007(d):
    return {"total_yuan": d.tot("2026-07-31")}


def E008(d):
    return {"total_yuan": d.tot("2026-07-15")}


def E009(d):
    return {"total_yuan": d.tot("2026-07-29")}


def E010(d):
    return {"date": "2026-02-24", "total_yuan": d.tot("2026-02-24")}


def E011(d):
    return {"total_yuan": d.tot("2015-06-12")}


def E012(d):
    return {"date": "2023-12-29", "total_yuan": d.tot("2023-12-29")}


def E013(d):
    x = "2026-07-30"
    return {"sh_yuan": d.sh(x), "sz_yuan": d.sz(x), "total_yuan": d.tot(x)}


def E014(d):
    x = "2026-07-31"
    r = d.tot("2026-07-30")
    return {"total_yuan": d.tot(x), "diff_yuan": d.tot(x) - r, "change_pct": 100 * (d.tot(x) - r) / r}


def E015(d):
    return {"date": "2025-10-09", "total_yuan": d.tot("2025-10-09")}


def E016(d):
    return {"total_yuan": d.tot("2025-04-07")}


def E017(d):
    return {"total_yuan": d.tot("2026-06-18")}


def E018(d):
    return {"sh_yuan": d.sh("2026-01-05")}


def E019(d):
    x = "2024-02-05"
    return {"sz_yuan": d.sz(x), "share_pct": 100 * d.sz(x) / d.tot(x)}


def E020(d):
    return {"total_yuan": d.tot("2026-07-20")}


def E021(d):
    return {"total_yuan": d.tot("2019-01-04")}


def E022(d):
    x = "2026-05-06"
    r = d.tot(d.prev(x))
    return {"total_yuan": d.tot(x), "diff_yuan": d.tot(x) - r, "change_pct": 100 * (d.tot(x) - r) / r}


def E023(d):
    return {"total_yuan": d.tot("2025-08-01")}


def E024(d):
    return {"total_yuan": d.tot("2026-07-31")}


def E025(d):
    return {"total_yuan": d.tot("2007-10-16")}


def E026(d):
    return {"total_yuan": d.tot("1999-05-19")}


def E027(d):
    x = "2026-07-31"
    return {"sh_yuan": d.sh(x), "share_pct": 100 * d.sh(x) / d.tot(x)}


def E028(d):
    return {"date": "2026-07-01", "total_yuan": d.tot("2026-07-01")}


def E029(d):
    return {"date": "2026-01-05", "total_yuan": d.tot("2026-01-05")}


def E030(d):
    return {"total_yuan": d.tot("2025-12-31")}


def E031(d):
    x = "2024-09-24"
    r = d.tot(d.prev(x))
    return {"total_yuan": d.tot(x), "change_pct": 100 * (d.tot(x) - r) / r}


def E032(d):
    x = "2026-07-28"
    return {"sz_yuan": d.sz(x), "sh_yuan": d.sh(x), "diff_yuan": d.sz(x) - d.sh(x)}


def E033(d):
    return {"total_yuan": d.tot("2020-07-06")}


# E034 declined
def E035(d):
    return {"date": "2026-03-31", "total_yuan": d.tot("2026-03-31")}


# ======================= stats =======================
Y26 = ("2026-01-01", "2026-07-31")


def E036(d):
    ds = d.rng(*Y26)
    return {"mean_yuan": d.mean(ds), "days": len(ds)}


def E037(d):
    ds = d.rng("2026-07-01", "2026-07-31")
    return {"sum_yuan": d.sum(ds), "days": len(ds)}


def E038(d):
    return {"days": d.count(d.rng(*Y26), lambda v: v > 3e12)}


def E039(d):
    x, v = d.mx(d.rng("2025-01-01", "2025-12-31"))
    return {"max_date": x, "max_yuan": v}


def E040(d):
    x, v = d.mn(d.rng("2025-01-01", "2025-12-31"))
    return {"min_date": x, "min_yuan": v}


def E041(d):
    t = d.top(d.rng(*Y26), 3)
    out = {}
    for i, x in enumerate(t):
        out[f"top{i + 1}_date"] = x
        out[f"top{i + 1}_yuan"] = d.tot(x)
    return out


def E042(d):
    n, a, b = d.streak(d.rng(*Y26), lambda x: d.tot(x) > 2e12)
    return {"streak": n, "start_date": a, "end_date": b}


def E043(d):
    ds = d.rng(*Y26)
    return {"rank": d.rank("2026-07-31", ds), "days": len(ds)}


def E044(d):
    ds = d.rng(*Y26)
    return {"total_yuan": d.tot("2026-07-30"), "percentile_pct": d.pctile("2026-07-30", ds)}


def E045(d):
    q = [("01-01", "03-31"), ("04-01", "06-30"), ("07-01", "09-30"), ("10-01", "12-31")]
    return {f"q{i + 1}_mean_yuan": d.mean(d.rng("2024-" + a, "2024-" + b)) for i, (a, b) in enumerate(q)}


def E046(d):
    g = d.month_groups(d.rng("2025-01-01", "2025-12-31"))
    m = max(g, key=lambda k: d.mean(g[k]))
    return {"month": m, "mean_yuan": d.mean(g[m])}


def E047(d):
    a = d.mean(d.rng("2025-01-01", "2025-06-30"))
    b = d.mean(d.rng("2025-07-01", "2025-12-31"))
    return {"h1_mean_yuan": a, "h2_mean_yuan": b, **_chg(b, a)}


def E048(d):
    a = d.mean(d.rng("2026-07-01", "2026-07-31"))
    b = d.mean(d.rng("2025-07-01", "2025-07-31"))
    return {"jul2026_mean_yuan": a, "jul2025_mean_yuan": b, "change_pct": 100 * (a - b) / b}


def E049(d):
    ds = d.rng("2026-07-27", "2026-08-02")
    return {"mean_yuan": d.mean(ds), "sum_yuan": d.sum(ds)}


def E050(d):
    a = d.sum(d.rng("2026-07-01", "2026-07-20"))
    b = d.sum(d.rng("2026-06-01", "2026-06-20"))
    return {"sum_yuan": a, "prev_sum_yuan": b, "change_pct": 100 * (a - b) / b}


def E051(d):
    return {"days": d.count(d.rng("2024-01-01", "2024-12-31"), lambda v: v < 5e11)}


def E052(d):
    return {"days": d.count(d.rng("2023-01-01", "2023-12-31"), lambda v: 8e11 <= v <= 1e12)}


def E053(d):
    ds = d.rng(*Y26)
    return {"days": sum(1 for x in ds if d.fang(x))}


def E054(d):
    ds = d.last_n(10, "2026-07-31")
    return {"mean_yuan": d.mean(ds)}


def E055(d):
    return {"sum_yuan": d.sum(d.rng("2025-01-01", "2025-12-31"))}


def E056(d):
    return {"median_yuan": d.median(d.rng("2026-06-01", "2026-06-30"))}


def E057(d):
    ds = d.rng("2025-10-01", "2025-12-31")
    a, av = d.mx(ds)
    b, bv = d.mn(ds)
    return {"max_date": a, "max_yuan": av, "min_date": b, "min_yuan": bv}


def E058(d):
    return {"days": d.count(d.rng("2024-01-01", "2024-12-31"), lambda v: v > 1e12)}


def E059(d):
    t = d.top(d.dates, 3)
    out = {}
    for i, x in enumerate(t):
        out[f"top{i + 1}_date"] = x
        out[f"top{i + 1}_yuan"] = d.tot(x)
    return out


def E060(d):
    n, a, b = d.streak(d.rng(*Y26), d.suo)
    return {"streak": n, "start_date": a, "end_date": b}


def E061(d):
    ds = d.rng("2026-02-01", "2026-02-28")
    return {"mean_yuan": d.mean(ds), "days": len(ds)}


def E062(d):
    a = d.mean(d.rng("2023-01-01", "2023-12-31"))
    b = d.mean(d.rng("2024-01-01", "2024-12-31"))
    return {"mean_2023_yuan": a, "mean_2024_yuan": b, "change_pct": 100 * (b - a) / a}


def E063(d):
    g = d.month_groups(d.rng("2025-01-01", "2025-12-31"))
    c = {k: d.count(v, lambda t: t > 2e12) for k, v in g.items()}
    m = max(sorted(c), key=lambda k: c[k])
    return {"month": m, "days": c[m]}


def E064(d):
    g = d.week_groups(d.rng(*Y26))
    w = max(g, key=lambda k: d.sum(g[k]))
    return {"week_start_date": w, "sum_yuan": d.sum(g[w])}


def E065(d):
    ds = d.rng("2026-07-01", "2026-07-31")
    return {"sh_mean_yuan": d.mean(ds, d.sh), "sz_mean_yuan": d.mean(ds, d.sz)}


def E066(d):
    return {"sh_sum_yuan": d.sum(d.rng(*Y26), d.sh)}


def E067(d):
    a = d.sum(d.rng(*Y26))
    b = d.sum(d.rng("2025-01-01", "2025-07-31"))
    return {"sum_2026_yuan": a, "sum_2025_yuan": b, "change_pct": 100 * (a - b) / b}


def E068(d):
    ds = d.rng("2024-09-24", "2024-12-31")
    return {"mean_yuan": d.mean(ds), "days": len(ds)}


def E069(d):
    return {"mean_yuan": d.mean(d.rng("2026-04-01", "2026-06-30"))}


def E070(d):
    return {"days": d.count(d.rng(*Y26), lambda v: v < 2e12)}


def E071(d):
    return {"days": d.count(d.rng("2025-01-01", "2025-12-31"), lambda v: v >= 3e12)}


def E072(d):
    a = d.mean(d.rng("2024-01-01", "2024-12-31"))
    b = d.mean(d.rng("2025-01-01", "2025-12-31"))
    return {"mean_2025_yuan": b, **_chg(b, a)}


def E073(d):
    x, v = d.mx(d.rng("2026-07-01", "2026-07-31"))
    return {"max_date": x, "max_yuan": v}


def E074(d):
    return {"mean_yuan": d.mean(d.rng("2015-01-01", "2015-06-30"))}


def E075(d):
    ds = d.last_n(20, "2026-07-31")
    return {"days": d.count(ds, lambda v: v > 2.5e12)}


def E076(d):
    a = d.median(d.rng(*Y26))
    b = d.median(d.rng("2025-01-01", "2025-12-31"))
    return {"median_2026_yuan": a, "median_2025_yuan": b}


def E077(d):
    g = d.month_groups(d.rng("2025-01-01", "2025-12-31"))
    ms = sorted(g, key=lambda k: d.mean(g[k]))[:3]
    out = {}
    for i, m in enumerate(ms):
        out[f"bottom{i + 1}_month"] = m
        out[f"bottom{i + 1}_mean_yuan"] = d.mean(g[m])
    return out


def E078(d):
    return {"days": d.count(d.rng("2025-08-01", "2025-08-31"), lambda v: v > 2e12)}


def E079(d):
    a = d.mean(d.rng("2026-06-01", "2026-06-30"))
    b = d.mean(d.rng("2026-07-01", "2026-07-31"))
    return {"jun_mean_yuan": a, "jul_mean_yuan": b, "change_pct": 100 * (b - a) / a}


def E080(d):
    x = [t for t in d.rng(*Y26) if d.tot(t) > 3e12][0]
    return {"date": x, "total_yuan": d.tot(x)}


# ======================= price_volume =======================
def E081(d):
    x = "2026-07-31"
    return {"sh_close_pts": d.shc(x), "sh_change_pct": d.shp(x), "total_yuan": d.tot(x)}


def E082(d):
    x = "2026-07-30"
    return {"sz_change_pct": d.szp(x), "total_yuan": d.tot(x)}


def E083(d):
    ds = d.rng(*Y26)
    return {"sh_close_pts": d.shc(ds[-1]), "sh_change_pct": d.idx_change(ds, "sh")}


def E084(d):
    ds = d.rng("2026-07-01", "2026-07-31")
    return {"sh_change_pct": d.idx_change(ds, "sh"), "mean_yuan": d.mean(ds)}


def E085(d):
    ds = [x for x in d.rng(*Y26) if d.shp(x) > 1.5]
    return {"days": len(ds), "mean_yuan": d.mean(ds)}


def E086(d):
    return {"days": sum(1 for x in d.rng(*Y26) if d.fang(x) and d.shp(x) < 0)}


def E087(d):
    x = "2024-10-08"
    return {"sh_change_pct": d.shp(x), "total_yuan": d.tot(x)}


def E088(d):
    x, v = d.mx(d.rng(*Y26), d.shc)
    return {"date": x, "sh_close_pts": v, "total_yuan": d.tot(x)}


def E089(d):
    x, v = d.mx(d.rng(*Y26))
    return {"date": x, "total_yuan": v, "sh_change_pct": d.shp(x)}


def E090(d):
    ds = d.rng("2025-01-01", "2025-12-31")
    return {"sh_change_pct": d.idx_change(ds, "sh"), "sz_change_pct": d.idx_change(ds, "sz")}


def E091(d):
    ds = [x for x in d.rng(*Y26) if d.shp(x) < -1]
    return {"days": len(ds), "mean_yuan": d.mean(ds)}


def E092(d):
    x, v = d.mn(d.rng(*Y26), d.szp)
    return {"date": x, "sz_change_pct": v, "total_yuan": d.tot(x)}


def E093(d):
    ds = d.rng("2026-07-01", "2026-07-31")
    return {"up_days": sum(1 for x in ds if d.shp(x) > 0), "down_days": sum(1 for x in ds if d.shp(x) < 0)}


def E094(d):
    return {"days": sum(1 for x in d.rng(*Y26) if d.shc(x) >= 4000)}


def E095(d):
    ds = d.rng("2026-06-01", "2026-06-30")
    return {"sh_change_pct": d.idx_change(ds, "sh"), "sum_yuan": d.sum(ds)}


# ======================= industry =======================
def _itop(d, x, key, n, rev=True):
    day = d.iday(x)
    return sorted(day, key=lambda k: day[k][key], reverse=rev)[:n]


def E096(d):
    x = "2026-07-31"
    t = _itop(d, x, "amt", 3)
    out = {}
    for i, k in enumerate(t):
        out[f"top{i + 1}_industry"] = k
        out[f"top{i + 1}_yuan"] = d.iday(x)[k]["amt"]
    return out


def E097(d):
    x = "2026-07-31"
    t = _itop(d, x, "pct", 3)
    out = {}
    for i, k in enumerate(t):
        out[f"top{i + 1}_industry"] = k
        out[f"top{i + 1}_pct"] = d.iday(x)[k]["pct"]
    return out


def E098(d):
    x = "2026-07-31"
    a = d.iday(x)["半导体"]["amt"]
    return {"industry_yuan": a, "share_pct": 100 * a / d.tot(x)}


def E099(d):
    r = d.iday("2026-07-30")["证券"]
    return {"up_count": r["up"], "total_count": r["n"]}


def E100(d):
    x = "2026-07-31"
    a = sum(d.iday(x)[k]["amt"] for k in THEMES["AI"])
    return {"theme_yuan": a, "share_pct": 100 * a / d.tot(x)}


def E101(d):
    ds = d.rng("2026-07-01", "2026-07-31")
    names = list(d.iday(ds[0]))
    k = max(names, key=lambda n: d.iamt(n, ds))
    return {"top1_industry": k, "top1_yuan": d.iamt(k, ds)}


def E102(d):
    x = "2026-07-31"
    k = _itop(d, x, "pct", 1, rev=False)[0]
    return {"bottom1_industry": k, "bottom1_pct": d.iday(x)[k]["pct"]}


def E103(d):
    return {"change_pct": d.iday("2026-07-31")["银行"]["pct"]}


def E104(d):
    ds = d.rng(*Y26)
    return {"mean_yuan": d.iamt("白酒", ds) / len(ds)}


def E105(d):
    x = "2026-07-15"
    t = _itop(d, x, "amt", 3)
    out = {}
    for i, k in enumerate(t):
        out[f"top{i + 1}_industry"] = k
        out[f"top{i + 1}_yuan"] = d.iday(x)[k]["amt"]
    return out


def E106(d):
    x = "2026-07-31"
    k = _itop(d, x, "up", 1)[0]
    r = d.iday(x)[k]
    return {"top1_industry": k, "up_count": r["up"], "total_count": r["n"]}


def E107(d):
    a = sum(d.iday("2026-07-31")[k]["amt"] for k in THEMES["新能源"])
    b = sum(d.iday("2026-07-30")[k]["amt"] for k in THEMES["新能源"])
    return {"today_yuan": a, "prev_yuan": b, "change_pct": 100 * (a - b) / b}


# ======================= followup =======================
def E108(d):
    return [{"total_yuan": d.tot("2026-07-31")}, {"sh_yuan": d.sh("2026-07-31")}, {"sh_yuan": d.sh("2026-07-30")}]


def E109(d):
    a = d.mean(d.rng("2026-06-01", "2026-06-30"))
    b = d.mean(d.rng("2026-07-01", "2026-07-31"))
    return [{"mean_yuan": a}, {"mean_yuan": b}, _chg(b, a)]


def E110(d):
    a = d.sum(d.rng("2026-07-27", "2026-08-02"))
    b = d.sum(d.rng("2026-07-20", "2026-07-26"))
    return [{"sum_yuan": a}, {"sum_yuan": b, **_chg(a, b)}]


def E111(d):
    y = d.rng("2025-01-01", "2025-12-31")
    return [
        {"days": d.count(y, lambda v: v > 2e12)},
        {"days": d.count(y, lambda v: v > 3e12)},
        {"days": d.count(d.rng(*Y26), lambda v: v > 3e12)},
    ]


def E112(d):
    x, v = d.mx(d.rng("2026-07-01", "2026-07-31"))
    return [{"max_date": x, "max_yuan": v}, {"sh_change_pct": d.shp(x)}]


def E113(d):
    ds = d.rng("2026-01-01", "2026-03-31")
    return [{"sum_yuan": d.sum(ds)}, {"mean_yuan": d.mean(ds)}]


def E114(d):
    x = "2026-07-31"
    k = _itop(d, x, "amt", 1)[0]
    r = d.iday(x)[k]
    return [{"top1_industry": k, "top1_yuan": r["amt"]}, {"change_pct": r["pct"]}, {"up_count": r["up"]}]


def E115(d):
    return [{"total_yuan": d.tot("2026-07-31")}, {"sz_yuan": d.sz("2026-07-31")}]


def E116(d):
    return [{"total_yuan": d.tot("2024-10-08")}, {"sum_yuan": d.sum(d.rng("2024-10-01", "2024-10-31"))}]


def E117(d):
    t = d.top(d.rng(*Y26), 2)
    return [{"date": t[0], "total_yuan": d.tot(t[0])}, {"date": t[1], "total_yuan": d.tot(t[1])}]


def E118(d):
    a = d.tot("2026-07-30")
    b = d.tot("2026-07-29")
    return [{"total_yuan": a, "prev_total_yuan": b}, {"diff_yuan": a - b, "change_pct": 100 * (a - b) / b}]


def E119(d):
    a = d.mean(d.rng("2026-03-01", "2026-03-31"))
    b = d.mean(d.rng("2025-03-01", "2025-03-31"))
    return [{"mean_yuan": a}, {"mean_yuan": b, "change_pct": 100 * (a - b) / b}]


def E120(d):
    return [{}, {"total_yuan": d.tot("2026-07-31")}]


def E121(d):
    return [{"mean_yuan": d.mean(d.rng(f"{y}-01-01", f"{y}-12-31"))} for y in (2023, 2024, 2025)]


def E122(d):
    ds = d.rng("2026-07-01", "2026-07-31")
    return [{"sz_sum_yuan": d.sum(ds, d.sz)}, {"sh_sum_yuan": d.sum(ds, d.sh)}]


# ======================= other (answerable ones) =======================
def E149(d):
    return {"total_yuan": d.tot("2026-07-31")}


def E150(d):
    return {"total_yuan": d.tot("2026-07-28")}


# ======================= harness =======================
def load_items(path=None):
    path = path or os.path.join(HERE, "set_e.jsonl")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(l) for l in fh if l.strip()]


def _flatten(fig):
    out = {}
    for k, v in fig.items():
        if isinstance(v, (list, tuple)):
            head, _, tail = k.partition("_")
            for i, x in enumerate(v):
                out[f"{head}{i + 1}_{tail}" if tail else f"{head}{i + 1}"] = x
        else:
            out[k] = v
    return out


def figures(items, source=None):
    snap = None
    if isinstance(source, (str, os.PathLike)):
        snap = os.fspath(source)
    d = Data(snapshot=snap)
    res = {}
    for it in items:
        iid = it["id"] if isinstance(it, dict) else str(it)
        n = len(it.get("turns", [])) if isinstance(it, dict) else 1
        fn = globals().get(iid)
        if fn is None:
            res[iid] = [{} for _ in range(max(n, 1))]
            continue
        r = fn(d)
        if isinstance(r, dict):
            r = [r]
        r = [_flatten(x) for x in r]
        exp = it.get("expect", []) if isinstance(it, dict) else []
        # declined turns get {}
        r = [({} if (i < len(exp) and exp[i].get("kind") == "decline") else x) for i, x in enumerate(r)]
        res[iid] = r
    return res


if __name__ == "__main__":
    items = load_items(sys.argv[1] if len(sys.argv) > 1 else None)
    figs = figures(items)
    bad = 0
    for it in items:
        got = figs[it["id"]]
        if len(got) != len(it["turns"]) and globals().get(it["id"]) is not None:
            print(f"{it['id']}: function returns {len(got)} turns, item has {len(it['turns'])}")
            bad += 1
            continue
        for i, e in enumerate(it["expect"]):
            g = got[i] if i < len(got) else {}
            if e["kind"] == "answer":
                if list(e["figures"]) != list(g.keys()) and sorted(e["figures"]) != sorted(g.keys()):
                    print(f"{it['id']} turn {i + 1}: figures {e['figures']} != keys {list(g.keys())}")
                    bad += 1
            elif g:
                print(f"{it['id']} turn {i + 1}: declined turn but function returned {g}")
                bad += 1
    if bad:
        print(f"{bad} mismatches")
        sys.exit(1)
    print(f"all keys match ({len(items)} items)")
    sys.exit(0)
