# ruff: noqa
#!/usr/bin/env python3
"""Reference figures for blind set B (stdlib only). Writes expected.json next to this file.
Definitions: total = sh_yuan + sz_yuan; change = minus previous row; weeks Mon-Sun;
'near N sessions' = last N rows up to the last session <= now; percentile of v = % of sessions with total <= v;
rank = 1 + number of sessions with a strictly higher total. 破X = total > X; X以上 = total >= X;
放量 = total > previous session's total; 上涨/下跌 = 上证指数 pctChg > 0 / < 0.
"""

import csv
import gzip
import json
import os
from collections import defaultdict

# Set B as its blind writer left it, paths made relative to the repo; figures() is the grader's entry.
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tools", "data")
SNAPSHOT = os.path.join(DATA_DIR, "turnover_snapshot.csv.gz")
SHARED = os.environ.get(
    "MARKETBOT_SHARED_DATA",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "data"),
)
SH_INDEX = os.path.join(SHARED, "index/sh000001_daily_baostock.csv")
SZ_INDEX = os.path.join(SHARED, "index/sz399001_daily_baostock.csv")
INDUSTRY = os.path.join(SHARED, "boards/ths_industry_daily_2025-07-25_2026-08-21.csv")
IND_LAST = "2026-07-31"  # the bot ships industry rows only up to here
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")
TRIL = 1e12


class D:
    def __init__(self):
        with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as f:
            rows = list(csv.DictReader(l for l in f if not l.startswith("#")))
        self.sh_ = {r["date"]: float(r["sh_yuan"]) for r in rows}
        self.sz_ = {r["date"]: float(r["sz_yuan"]) for r in rows}
        self.dates = sorted(self.sh_)
        self.pos = {d: i for i, d in enumerate(self.dates)}
        self.tot = {d: self.sh_[d] + self.sz_[d] for d in self.dates}
        self.idx = {"sh": self._index(SH_INDEX), "sz": self._index(SZ_INDEX)}
        self.ind = defaultdict(dict)
        with open(INDUSTRY, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["date"] <= IND_LAST:
                    self.ind[r["date"]][r["industry"]] = {
                        "turnover": float(r["turnover_yuan"]),
                        "up": int(r["up_count"]),
                        "n": int(r["total_count"]),
                        "ret": float(r["return_1d_pct"]),
                    }

    @staticmethod
    def _index(p):
        with open(p, encoding="utf-8") as f:
            return {
                r["date"]: {"close": float(r["close"]), "pct": float(r["pctChg"])}
                for r in csv.DictReader(f)
                if r["close"]
            }

    # --- basic
    def total(self, d):
        assert d in self.tot, d
        return self.tot[d]

    def sh(self, d):
        assert d in self.sh_, d
        return self.sh_[d]

    def sz(self, d):
        assert d in self.sz_, d
        return self.sz_[d]

    def prev(self, d):
        return self.dates[self.pos[d] - 1]

    def last_le(self, d):
        return max(x for x in self.dates if x <= d)

    def rng(self, a="0000", b="9999"):
        return [x for x in self.dates if a <= x <= b]

    def lastn(self, n, upto):
        i = self.pos[self.last_le(upto)]
        return self.dates[i - n + 1 : i + 1]

    def vals(self, ds):
        return [self.tot[x] for x in ds]

    # --- figures
    def day(self, d):
        return {"total_yuan": self.total(d)}

    def chg(self, d):
        p = self.prev(d)
        t, pt = self.total(d), self.total(p)
        return {
            "total_yuan": t,
            "prev_date": p,
            "prev_total_yuan": pt,
            "change_yuan": t - pt,
            "change_pct": (t - pt) / pt * 100,
        }

    def mean(self, ds):
        v = self.vals(ds)
        assert v
        return sum(v) / len(v)

    def sum(self, ds):
        return sum(self.vals(ds))

    def argmax(self, ds):
        return max(ds, key=self.tot.get)

    def argmin(self, ds):
        return min(ds, key=self.tot.get)

    def top(self, ds, n, rev=True):
        s = sorted(ds, key=self.tot.get, reverse=rev)[:n]
        return s, [self.tot[x] for x in s]

    def count(self, ds, f):
        return sum(1 for x in ds if f(self.tot[x]))

    def pctile(self, v, ds):
        return sum(1 for x in ds if self.tot[x] <= v) / len(ds) * 100

    def rank(self, d, ds):
        return 1 + sum(1 for x in ds if self.tot[x] > self.tot[d])

    def streaks(self, ds, f):
        """list of (len, start, end) runs of consecutive sessions (consecutive rows in ds) with f(total)."""
        out, cur = [], []
        for x in ds:
            if f(self.tot[x]):
                cur.append(x)
            else:
                if cur:
                    out.append((len(cur), cur[0], cur[-1]))
                cur = []
        if cur:
            out.append((len(cur), cur[0], cur[-1]))
        return out

    def longest(self, ds, f):
        n, a, b = max(self.streaks(ds, f), key=lambda t: (t[0], t[1]))
        return {"streak_days": n, "streak_start": a, "streak_end": b}

    def first_above(self, x):
        d = next(d for d in self.dates if self.tot[d] > x)
        return {"first_date": d, "total_yuan": self.tot[d]}

    def ic(self, m, d):
        return self.idx[m][d]["close"]

    def ip(self, m, d):
        return self.idx[m][d]["pct"]

    def vol_up(self, d):
        return self.total(d) > self.total(self.prev(d))

    def it(self, d, name):
        return self.ind[d][name]


# ---------------- A. single day ----------------
def B001(d):
    return d.day("2025-10-09")


def B002(d):
    return d.day("2025-10-09")


def B003(d):
    return d.chg("2025-10-09")


def B004(d):
    return d.day("2024-10-08")


def B005(d):
    return d.day("2025-10-09")


def B006(d):
    return d.day("2025-10-09")


def B007(d):
    return d.day("2025-10-09")


def B008(d):
    return d.day("2024-03-05")


def B009(d):
    return d.day("2026-07-30")


def B010(d):
    return d.day("2026-07-29")


def B011(d):
    return d.day("2026-07-24")


def B012(d):
    return d.day("2026-07-24")


def B013(d):
    return d.day("2025-10-09")


def B014(d):
    assert "2026-07-25" not in d.tot
    return {}


def B015(d):
    assert "2025-10-01" not in d.tot
    return {}


def B016(d):
    x = "2026-07-31"
    return {"sh_yuan": d.sh(x), "sz_yuan": d.sz(x), "total_yuan": d.total(x)}


def B017(d):
    x = "2026-07-30"
    return {"sh_yuan": d.sh(x), "total_yuan": d.total(x), "sh_share_pct": d.sh(x) / d.total(x) * 100}


def B018(d):
    return d.chg("2024-09-30")


def B019(d):
    return d.day("2024-10-08")


def B020(d):
    return {"sz_yuan": d.sz("2026-07-27")}


def B021(d):
    ds = d.rng()
    return {
        "total_yuan": d.total("2026-01-14"),
        "rank_all_history": d.rank("2026-01-14", ds),
        "all_time_max_date": d.argmax(ds),
    }


def B022(d):
    return d.day("2026-03-02")


def B023(d):
    return d.chg("2026-07-31")


def B024(d):
    r = d.chg("2026-07-17")
    assert r["prev_date"] == "2026-07-16"
    return r


def B025(d):
    assert d.dates[0] == "1991-04-03"
    return d.day("1991-04-03")


def B026(d):
    return d.day("2015-05-28")


def B027(d):
    return {"sh_yuan": d.sh("2008-10-10")}


def B028(d):
    return d.day("2025-10-09")


def B029(d):
    r = d.chg("2026-07-01")
    assert r["prev_date"] == "2026-06-30"
    return r


def B030(d):
    assert d.rng("2026-01-01")[0] == "2026-01-05"
    return d.day("2026-01-05")


def B031(d):
    r = d.chg("2026-02-24")
    assert r["prev_date"] == "2026-02-13"
    return r


def B032(d):
    return d.day("2026-05-20")


def B033(d):
    x = "2026-06-30"
    return {"sz_yuan": d.sz(x), "total_yuan": d.total(x), "sz_share_pct": d.sz(x) / d.total(x) * 100}


def B034(d):
    return d.day("2026-07-24")


def B035(d):
    a, b = d.total("2025-09-30"), d.total("2025-10-09")
    return {"total_0930_yuan": a, "total_1009_yuan": b, "diff_yuan": b - a}


# ---------------- B. statistics ----------------
YTD = ("2026-01-01", "2026-07-31")


def _max(d, ds):
    m = d.argmax(ds)
    return {"max_total_yuan": d.tot[m], "max_date": m}


def _min(d, ds):
    m = d.argmin(ds)
    return {"min_total_yuan": d.tot[m], "min_date": m}


def B036(d):
    return _max(d, d.rng("2024-01-01", "2024-12-31"))


def B037(d):
    return _min(d, d.rng("2025-01-01", "2025-12-31"))


def B038(d):
    ds = d.rng(*YTD)
    return {"mean_total_yuan": d.mean(ds), "n_sessions": len(ds)}


def B039(d):
    ds = d.rng(*YTD)
    return {"count_days": d.count(ds, lambda v: v > 2 * TRIL), "n_sessions": len(ds)}


def B040(d):
    return {"count_days": d.count(d.rng("2025-01-01", "2025-12-31"), lambda v: TRIL <= v <= 1.5 * TRIL)}


def B041(d):
    a, b = d.top(d.rng("2024-01-01", "2024-12-31"), 5)
    return {"top_dates": a, "top_totals_yuan": b}


def B042(d):
    a, b = d.top(d.rng("2026-01-01", "2026-06-30"), 3, rev=False)
    return {"bottom_dates": a, "bottom_totals_yuan": b}


def B043(d):
    ds = d.rng("2026-07-01", "2026-07-31")
    return {"sum_total_yuan": d.sum(ds), "n_sessions": len(ds)}


def B044(d):
    return {"mean_total_yuan": d.mean(d.rng("2025-07-01", "2025-09-30"))}


def B045(d):
    return _max(d, d.rng("2025-07-01", "2025-12-31"))


def B046(d):
    ds = d.lastn(20, "2026-07-31")
    return {"mean_total_yuan": d.mean(ds), "first_date": ds[0]}


def B047(d):
    a, b = d.rng("2026-07-27", "2026-08-02"), d.rng("2026-07-20", "2026-07-26")
    return {
        "this_week_sum_yuan": d.sum(a),
        "last_week_sum_yuan": d.sum(b),
        "diff_yuan": d.sum(a) - d.sum(b),
        "this_week_mean_yuan": d.mean(a),
        "last_week_mean_yuan": d.mean(b),
    }


def B048(d):
    a, b = d.mean(d.rng("2026-07-01", "2026-07-15")), d.mean(d.rng("2026-06-01", "2026-06-30"))
    return {"mtd_mean_yuan": a, "last_month_mean_yuan": b, "diff_yuan": a - b}


def _by(d, ds, key):
    g = defaultdict(list)
    for x in ds:
        g[key(x)].append(d.tot[x])
    return g


def B049(d):
    g = _by(d, d.rng("2025-01-01", "2025-12-31"), lambda x: x[:7])
    m = max(g, key=lambda k: sum(g[k]) / len(g[k]))
    return {"month": m, "mean_total_yuan": sum(g[m]) / len(g[m])}


def B050(d):
    g = _by(d, d.rng(), lambda x: x[:4])
    y = max(g, key=lambda k: sum(g[k]))
    return {"year": y, "sum_total_yuan": sum(g[y])}


def B051(d):
    n, a, b = d.streaks(d.rng(), lambda v: v > TRIL)[-1]
    assert b == "2026-07-31"
    return {"streak_days": n, "streak_start": a}


def B052(d):
    return d.longest(d.rng(), lambda v: v > TRIL)


def B053(d):
    return d.first_above(TRIL)


def B054(d):
    return d.first_above(3 * TRIL)


def B055(d):
    ds = d.rng()
    return {"percentile_pct": d.pctile(3 * TRIL, ds), "count_above": d.count(ds, lambda v: v > 3 * TRIL)}


def B056(d):
    ds = d.rng()
    x = "2026-07-31"
    return {
        "total_yuan": d.total(x),
        "rank": d.rank(x, ds),
        "n_sessions": len(ds),
        "percentile_pct": d.pctile(d.total(x), ds),
    }


def B057(d):
    ds = d.rng(*YTD)
    return {
        "percentile_pct": d.pctile(2 * TRIL, ds),
        "count_below_or_equal": d.count(ds, lambda v: v <= 2 * TRIL),
        "n_sessions": len(ds),
    }


def B058(d):
    return {"count_days": d.count(d.rng("2025-01-01", "2025-12-31"), lambda v: v < TRIL)}


def B059(d):
    ds = d.rng("2024-01-01", "2024-12-31")
    return {"sum_total_yuan": d.sum(ds), "n_sessions": len(ds)}


def B060(d):
    ds = d.lastn(5, "2026-07-29")
    return {"sum_total_yuan": d.sum(ds), "first_date": ds[0]}


def B061(d):
    return {"mean_total_yuan": d.mean(d.rng("2026-07-01", "2026-07-31"))}


def B062(d):
    ds = [x for x in d.rng(*YTD) if d.tot[x] > 3 * TRIL]
    return {"count_days": len(ds), "last_date": ds[-1]}


def B063(d):
    a, b = d.mean(d.rng("2026-01-01", "2026-03-31")), d.mean(d.rng("2026-04-01", "2026-06-30"))
    return {"q1_mean_yuan": a, "q2_mean_yuan": b, "higher": "Q1" if a > b else "Q2"}


def B064(d):
    return {"mean_total_yuan": d.mean(d.rng("2025-01-01", "2025-12-31"))}


def B065(d):
    return _min(d, d.rng())


def B066(d):
    return _min(d, d.rng("2010-01-01"))


def B067(d):
    a, b = d.top(d.rng("2015-06-01", "2015-06-30"), 3)
    return {"top_dates": a, "top_totals_yuan": b}


def B068(d):
    a, b = d.top(d.rng(*YTD), 10)
    return {"top_dates": a, "top_totals_yuan": b}


def B069(d):
    o, s = d.mean(d.rng("2025-10-01", "2025-10-31")), d.mean(d.rng("2025-09-01", "2025-09-30"))
    return {"oct_mean_yuan": o, "sep_mean_yuan": s, "diff_yuan": o - s}


def B070(d):
    ds = d.lastn(60, "2026-07-31")
    return {"count_days": d.count(ds, lambda v: v < 2 * TRIL), "first_date": ds[0]}


def B071(d):
    ds = d.rng("2026-05-01", "2026-05-31")
    r = _max(d, ds)
    r.update(_min(d, ds))
    return r


def B072(d):
    ds = d.rng("2026-01-01", "2026-07-24")
    x = "2026-07-24"
    return {
        "total_yuan": d.total(x),
        "rank": d.rank(x, ds),
        "n_sessions": len(ds),
        "percentile_pct": d.pctile(d.total(x), ds),
    }


def B073(d):
    return {"count_days": d.count(d.rng("2026-01-01", "2026-06-30"), lambda v: v > 3 * TRIL)}


def B074(d):
    return {"sum_total_yuan": d.sum(d.rng(*YTD))}


def B075(d):
    ds = d.rng("2025-07-01", "2025-12-31")
    return {"count_days": d.count(ds, lambda v: v >= 2 * TRIL), "n_sessions": len(ds)}


def B076(d):
    return d.longest(d.rng(*YTD), lambda v: v >= 2 * TRIL)


def B077(d):
    return {"total_yuan": d.total("2024-10-08"), "rank": d.rank("2024-10-08", d.rng())}


def B078(d):
    return {"mean_total_yuan": d.mean(d.rng("2026-07-20", "2026-07-26"))}


def B079(d):
    ds = d.rng("2026-07-27", "2026-07-29")
    return {"sum_total_yuan": d.sum(ds), "n_sessions": len(ds)}


def B080(d):
    return {f"mean_{y}_yuan": d.mean(d.rng(f"{y}-01-01", f"{y}-12-31")) for y in range(2020, 2025)}


# ---------------- C. price / volume ----------------
def B081(d):
    return {"sh_close_pts": d.ic("sh", "2026-07-31"), "sh_pct": d.ip("sh", "2026-07-31")}


def B082(d):
    x = "2026-07-30"
    return {"sh_close_pts": d.ic("sh", x), "sh_pct": d.ip("sh", x), "sz_pct": d.ip("sz", x)}


def B083(d):
    return {"sh_pct": d.ip("sh", "2024-10-08"), "total_yuan": d.total("2024-10-08")}


def B084(d):
    ds = d.rng(*YTD)
    return {"count_days": sum(1 for x in ds if d.vol_up(x) and d.ip("sh", x) > 0), "n_sessions": len(ds)}


def B085(d):
    ds = [x for x in d.rng("2026-07-20", "2026-07-24") if d.vol_up(x) and d.ip("sh", x) < 0]
    return {"count_days": len(ds), "dates": ds}


def B086(d):
    return {"sz_close_pts": d.ic("sz", "2026-07-30"), "sz_pct": d.ip("sz", "2026-07-30")}


def _ret(d, a, b):
    s, e = d.ic("sh", a), d.ic("sh", b)
    return {"start_close_pts": s, "end_close_pts": e, "pct": (e / s - 1) * 100}


def B087(d):
    return _ret(d, "2026-06-30", "2026-07-31")


def B088(d):
    m = d.argmax(d.rng())
    return {"max_date": m, "total_yuan": d.tot[m], "sh_pct": d.ip("sh", m)}


def B089(d):
    ds = d.rng(*YTD)
    m = max(ds, key=lambda x: d.ic("sh", x))
    return {"date": m, "sh_close_pts": d.ic("sh", m), "total_yuan": d.tot[m]}


def B090(d):
    r = d.chg("2026-07-28")
    return {"total_yuan": r["total_yuan"], "change_yuan": r["change_yuan"], "sh_pct": d.ip("sh", "2026-07-28")}


def B091(d):
    ds = d.lastn(10, "2026-07-31")
    return {"count_up": sum(d.ip("sh", x) > 0 for x in ds), "count_down": sum(d.ip("sh", x) < 0 for x in ds)}


def B092(d):
    return {"sh_close_pts": d.ic("sh", "2025-10-09"), "sh_pct": d.ip("sh", "2025-10-09")}


def B093(d):
    ds = [x for x in d.rng() if d.tot[x] > 3 * TRIL]
    return {"mean_sh_pct": sum(d.ip("sh", x) for x in ds) / len(ds), "count_days": len(ds)}


def B094(d):
    assert d.last_le("2025-12-31") == "2025-12-31"
    return _ret(d, "2025-12-31", "2026-07-31")


def B095(d):
    return {"sh_pct": d.ip("sh", "2024-09-30"), "total_yuan": d.total("2024-09-30")}


# ---------------- D. industry ----------------
def _ichg(d, day):
    p = d.prev(day)
    a, b = d.ind[day], d.ind[p]
    assert len(a) == 90 and len(b) == 90
    return sorted(((k, a[k]["turnover"] - b[k]["turnover"]) for k in a), key=lambda t: -t[1])


def B096(d):
    s = _ichg(d, "2026-07-31")[:5]
    return {"top_industries": [k for k, _ in s], "top_changes_yuan": [v for _, v in s]}


def B097(d):
    return {"turnover_yuan": d.it("2026-07-31", "半导体")["turnover"]}


def B098(d):
    t = d.it("2026-07-31", "半导体")["turnover"]
    m = d.total("2026-07-31")
    return {"turnover_yuan": t, "total_yuan": m, "share_pct": t / m * 100}


def _breadth(d, x):
    r = d.ind[x].values()
    return sum(v["up"] for v in r), sum(v["n"] for v in r)


def B099(d):
    u, n = _breadth(d, "2026-07-30")
    return {"up_count": u, "total_count": n}


def B100(d):
    k = max(d.ind["2025-10-09"].items(), key=lambda t: t[1]["turnover"])
    return {"industry": k[0], "turnover_yuan": k[1]["turnover"]}


def B101(d):
    return {"sum_turnover_yuan": sum(d.it(x, "白酒")["turnover"] for x in d.rng("2026-07-01", "2026-07-31"))}


def B102(d):
    s = sorted(d.ind["2026-07-31"].items(), key=lambda t: t[1]["turnover"])[:3]
    return {"bottom_industries": [k for k, _ in s], "bottom_turnovers_yuan": [v["turnover"] for _, v in s]}


def B103(d):
    v = [d.it(x, "证券")["turnover"] for x in d.rng("2025-08-01", "2025-08-31")]
    return {"mean_turnover_yuan": sum(v) / len(v)}


def B104(d):
    r = d.it("2026-07-31", "软件开发")
    return {"return_pct": r["ret"], "turnover_yuan": r["turnover"]}


def B105(d):
    s = _ichg(d, "2026-07-30")[::-1][:5]
    return {"bottom_industries": [k for k, _ in s], "bottom_changes_yuan": [v for _, v in s]}


def B106(d):
    u, n = _breadth(d, "2025-10-09")
    return {"up_count": u, "total_count": n, "up_share_pct": u / n * 100}


def B107(d):
    ds = d.rng(*YTD)
    m = max(ds, key=lambda x: d.it(x, "半导体")["turnover"])
    return {"max_date": m, "max_turnover_yuan": d.it(m, "半导体")["turnover"]}


# ---------------- E. follow-ups (list of dicts, one per turn) ----------------
def B108(d):
    x = "2026-07-31"
    return [d.day(x), {"sz_yuan": d.sz(x)}, {"sh_share_pct": d.sh(x) / d.total(x) * 100}]


def B109(d):
    p = d.prev("2025-10-09")
    return [d.day("2025-10-09"), {"prev_date": p, "total_yuan": d.total(p)}]


def B110(d):
    r = d.chg("2026-01-14")
    r.pop("total_yuan")
    return [d.day("2026-01-14"), r]


def B111(d):
    ds = d.rng("2025-08-01", "2025-08-31")
    return [{"mean_total_yuan": d.mean(ds)}, {"sum_total_yuan": d.sum(ds)}, _max(d, ds)]


def B112(d):
    a, b = d.mean(d.rng("2024-01-01", "2024-12-31")), d.mean(d.rng("2025-01-01", "2025-12-31"))
    return [
        {"mean_total_yuan": a},
        {"mean_total_yuan": b},
        {"higher_year": "2025" if b > a else "2024", "diff_yuan": abs(b - a)},
    ]


def B113(d):
    r = d.chg("2026-07-29")
    r.pop("total_yuan")
    r.pop("prev_date")
    return [d.day("2026-07-29"), {"sh_yuan": d.sh("2026-07-29")}, r]


def B114(d):
    m = _max(d, d.rng(*YTD))
    return [m, {"sh_pct": d.ip("sh", m["max_date"])}]


def B115(d):
    return [d.day("2026-07-30"), {}]


def B116(d):
    out = []
    for a, b in (("2026-06-01", "2026-06-30"), ("2026-05-01", "2026-05-31")):
        ds = d.rng(a, b)
        out.append({"count_days": d.count(ds, lambda v: v > 3 * TRIL), "n_sessions": len(ds)})
    return out


def B117(d):
    a, b = d.it("2026-07-31", "半导体")["turnover"], d.it("2026-07-30", "半导体")["turnover"]
    return [{"turnover_yuan": a}, {"turnover_yuan": b}, {"change_yuan": a - b}]


def B118(d):
    return [d.day("2024-10-08"), d.day("2024-10-09"), {"sh_pct": d.ip("sh", "2024-10-09")}]


def B119(d):
    return [{}, d.day("2026-07-31")]


# ---------------- F. others ----------------
def B121(d):
    return {"sz_yuan": d.sz("2026-07-31")}


def B126(d):
    return d.day("2026-07-31")


def B130(d):
    return d.day("2026-07-31")


def B137(d):
    return {"last_date": d.dates[-1], "total_yuan": d.tot[d.dates[-1]]}


def B138(d):
    return d.chg("2026-07-31")


def B139(d):
    r = d.chg("2024-10-08")
    assert r["prev_date"] == "2024-09-30"
    return r


def B140(d):
    return d.day("2026-07-31")


def B141(d):
    return d.chg("2026-07-29")


def B142(d):
    return d.day("2026-07-31")


def B143(d):
    return d.day("2026-07-30")


def B144(d):
    return d.chg("2026-07-28")


def B145(d):
    return _min(d, d.rng(*YTD))


def B146(d):
    return _max(d, d.rng())


def B147(d):
    return d.day("2026-07-31")


def B148(d):
    t = d.total("2026-07-31")
    return {"total_yuan": t, "above": t > TRIL}


def B149(d):
    return d.chg("2026-07-24")


def main():
    d = D()
    qpath = os.path.join(os.path.dirname(OUT), "questions.jsonl")
    items = [json.loads(l) for l in open(qpath, encoding="utf-8")]
    out, nfig = {}, 0
    for it in items:
        f = globals().get(it["id"])
        r = f(d) if f else [{} for _ in it["turns"]]
        if isinstance(r, dict):
            r = [r]
        assert len(r) == len(it["turns"]), it["id"]
        for e, got in zip(it["expect"], r):
            assert set(e["figures"]) == set(got), (it["id"], e["figures"], list(got))
            nfig += len(got)
        out[it["id"]] = r
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)
    print(f"{len(out)} items, {nfig} figures -> {OUT}")
    y = lambda v: (
        f"{v / 1e8:.1f}亿" if isinstance(v, float) and abs(v) > 1e6 else (f"{v:.4g}" if isinstance(v, float) else v)
    )
    for k, v in out.items():
        print(
            k,
            "; ".join(
                ", ".join(f"{a}={y(b) if not isinstance(b, list) else [y(z) for z in b]}" for a, b in t.items()) or "-"
                for t in v
            ),
        )


def figures(items, source=None):
    """{item id: [expected figures per turn]}, for benchmarks/blind_eval.py (needs ../shared/data: index, industries)."""
    d = D()
    out = {}
    for it in items:
        f = globals().get(it["id"])
        got = f(d) if f else {}
        turns = got if isinstance(got, list) else [got]
        out[it["id"]] = [_flat(t) for t in turns]
    return out


def _flat(turn):
    """List values (top-N dates, amounts) as one figure each: 'top_dates' -> 'top1_dates', 'top2_dates', ..."""
    flat = {}
    for k, v in turn.items():
        if isinstance(v, (list, tuple)):
            head, _, tail = k.rpartition("_")
            for i, x in enumerate(v, 1):
                flat[f"{head}{i}_{tail}" if head else f"{k}{i}"] = x
        else:
            flat[k] = v
    return flat


if __name__ == "__main__":
    main()
