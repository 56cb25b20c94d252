# ruff: noqa
"""Reference figures for the blind set N (marketbot, 沪深两市成交额).

Every figure is computed straight from the bundled CSVs (stdlib only).

Definitions used consistently:
  * total = sh_yuan + sz_yuan (元, unrounded floats).
  * 破X / 超过X = strictly > X;  X以上 = >= X;  低于X = < X;  "between A and B" is inclusive.
  * 放量 = a session's total > the previous session's total; 缩量 = < (the previous session may lie
    before the period asked about).  A streak is a run of consecutive sessions that are all 放量 (or 缩量).
  * Weeks run Monday..Sunday.  今年以来 / 年初至今 = Jan 1 .. last closed session.
    本月至今 = 1st of the month .. last closed session.  昨天 = the session before now's date.
  * A session is closed at "now" iff its date < now's date, or same date and now's time >= 15:00.
  * rank = 1 + number of sessions in the population strictly higher.
  * percentile = 100 * count(<= v) / population size.
  * index change over a period = 100 * (last close in the period / last close before the period - 1).
  * share_pct = 100 * part / whole.   median = statistics.median of daily totals.
  * change / diff keys are signed: asked minus reference; for two periods (or two days) later minus earlier
    unless the reading says otherwise; change_pct = 100 * change / reference.
  * ties: earliest date wins (the set avoids questions whose answer depends on ties).
Key endings: _yuan amounts in 元, _pct percentages, _pts index points, keys containing "date" are
YYYY-MM-DD, "month" is YYYY-MM, _industry is an industry name, anything else is an integer count.
A list under key "top_yuan" flattens to top1_yuan, top2_yuan, ...
"""

import csv
import datetime as _dt
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


def _rows(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#") and l.strip()]
    return list(csv.DictReader(lines))


# Themes as in tools/data/industry_themes.json (copied so the script stays standalone).
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
}


class Data:
    def __init__(self, snapshot=None, industries=None):
        self.by = {}
        for r in _rows(snapshot or SNAPSHOT):
            self.by[r["date"]] = {
                "sh": float(r["sh_yuan"]),
                "sz": float(r["sz_yuan"]),
                "shc": float(r["sh_close"]) if r["sh_close"] else None,
                "shp": float(r["sh_pct"]) if r["sh_pct"] else None,
                "szc": float(r["sz_close"]) if r["sz_close"] else None,
                "szp": float(r["sz_pct"]) if r["sz_pct"] else None,
            }
        self.dates = sorted(self.by)
        self.ind = {}
        for r in _rows(industries or INDUSTRIES):
            self.ind.setdefault(r["date"], {})[r["industry"]] = {
                "amount": float(r["amount_yuan"]),
                "up": int(r["up_count"]),
                "n": int(r["total_count"]),
                "chg": float(r["change_pct"]),
            }
        self.themes = THEMES

    # --- sessions -------------------------------------------------------
    def T(self, d):
        r = self.by[d]
        return r["sh"] + r["sz"]

    def sh(self, d):
        return self.by[d]["sh"]

    def sz(self, d):
        return self.by[d]["sz"]

    def sess(self, a, b):
        return [d for d in self.dates if a <= d <= b]

    def prev(self, d):
        p = [x for x in self.dates if x < d]
        return p[-1]

    def last_closed(self, now):
        day, tm = now.split(" ")
        c = [d for d in self.dates if d < day or (d == day and tm >= "15:00")]
        return c[-1]

    def last_n(self, end, n):
        c = [d for d in self.dates if d <= end]
        return c[-n:]

    # --- statistics -----------------------------------------------------
    def total(self, ds):
        return sum(self.T(d) for d in ds)

    def avg(self, ds):
        return self.total(ds) / len(ds)

    def median(self, ds):
        return statistics.median([self.T(d) for d in ds])

    def argmax(self, ds, f=None):
        f = f or self.T
        best = ds[0]
        for d in ds:
            if f(d) > f(best):
                best = d
        return best

    def argmin(self, ds, f=None):
        f = f or self.T
        best = ds[0]
        for d in ds:
            if f(d) < f(best):
                best = d
        return best

    def topn(self, ds, n, f=None, reverse=True):
        f = f or self.T
        idx = {d: i for i, d in enumerate(ds)}
        if reverse:
            return sorted(ds, key=lambda d: (-f(d), idx[d]))[:n]
        return sorted(ds, key=lambda d: (f(d), idx[d]))[:n]

    def rank(self, v, ds):
        return 1 + sum(1 for d in ds if self.T(d) > v)

    def percentile(self, v, ds):
        return 100.0 * sum(1 for d in ds if self.T(d) <= v) / len(ds)

    def up(self, d):
        return self.T(d) > self.T(self.prev(d))

    def down(self, d):
        return self.T(d) < self.T(self.prev(d))

    def longest_streak(self, ds, pred):
        best, cur, bs, be, cs = 0, 0, None, None, None
        for d in ds:
            if pred(d):
                if cur == 0:
                    cs = d
                cur += 1
                if cur > best:
                    best, bs, be = cur, cs, d
            else:
                cur = 0
        return best, bs, be

    def idx_change(self, ds, col="shc"):
        before = self.prev(ds[0])
        return 100.0 * (self.by[ds[-1]][col] / self.by[before][col] - 1)

    def day(self, d):
        return {"total_yuan": self.T(d)}

    def share(self, part, whole):
        return 100.0 * part / whole

    def chg(self, new, ref, prefix=""):
        return {prefix + "change_yuan": new - ref, prefix + "change_pct": 100.0 * (new - ref) / ref}

    # --- industries -----------------------------------------------------
    def ia(self, d, name):
        return self.ind[d][name]["amount"]

    def theme_amount(self, d, theme):
        return sum(self.ind[d][i]["amount"] for i in self.themes[theme])


def month_range(y, m):
    a = _dt.date(y, m, 1)
    b = _dt.date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1)
    return a.isoformat(), b.isoformat()


# ===================================================================== items
# ---- single_day ----
def N001(d):
    return d.day("2025-08-25")


def N002(d):
    return d.day("2025-09-15")


def N003(d):
    return d.day("2025-10-13")


def N004(d):
    x = "2025-08-28"
    return {"total_yuan": d.T(x), "sh_yuan": d.sh(x), "sz_yuan": d.sz(x)}


def N005(d):
    x = "2025-09-18"
    return {"total_yuan": d.T(x), "sh_yuan": d.sh(x), "sz_yuan": d.sz(x)}


def N006(d):
    return d.day("2026-01-14")


def N007(d):
    return d.day("2026-01-06")


def N008(d):
    return d.day("2025-10-30")


def N009(d):
    return d.day("2025-12-02")


def N010(d):
    x, p = "2025-10-09", "2025-09-30"
    r = {"total_yuan": d.T(x), "prev_total_yuan": d.T(p)}
    r.update(d.chg(d.T(x), d.T(p)))
    return r


def N011(d):
    return d.day("2026-03-02")


def N012(d):
    x = "2026-05-11"
    return {"total_yuan": d.T(x), "sz_yuan": d.sz(x), "sz_share_pct": d.share(d.sz(x), d.T(x))}


def N013(d):
    return {"sh_yuan": d.sh("2025-12-08")}


def N014(d):
    return {"sz_yuan": d.sz("2026-06-18")}


def N015(d):
    x = "2026-03-23"
    return {"total_yuan": d.T(x), "sh_pct": d.by[x]["shp"]}


def N016(d):
    return d.day("2026-04-03")


def N017(d):
    x, p = "2025-11-21", "2025-11-20"
    r = {"total_yuan": d.T(x)}
    r.update(d.chg(d.T(x), d.T(p)))
    return r


def N018(d):
    return d.day("2026-07-01")


def N019(d):
    return d.day("2026-01-05")


def N020(d):
    x = "2026-04-30"
    return {"total_yuan": d.T(x), "sh_share_pct": d.share(d.sh(x), d.T(x))}


def N021(d):
    x = d.last_closed("2026-02-18 10:00")
    return {"date": x, "total_yuan": d.T(x)}


def N022(d):
    return d.day("2025-08-13")


def N023(d):
    x = "2026-05-21"
    return {"total_yuan": d.T(x), "sh_yuan": d.sh(x), "sz_yuan": d.sz(x)}


def N024(d):
    return d.day("2026-07-31")


def N025(d):
    return d.day("2026-01-16")


def N026(d):
    x, p = "2025-12-26", "2025-12-25"
    r = {"total_yuan": d.T(x)}
    r.update(d.chg(d.T(x), d.T(p)))
    return r


def N027(d):
    return d.day("2025-09-02")


def N028(d):
    x = "2026-06-12"
    return {"sz_yuan": d.sz(x), "sz_share_pct": d.share(d.sz(x), d.T(x))}


def N029(d):
    return d.day("2026-02-24")


def N030(d):
    return {"sz_yuan": d.sz("2025-10-10")}


# ---- period_stats ----
def N031(d):
    ds = d.sess(*month_range(2025, 8))
    return {"total_yuan": d.total(ds), "days": len(ds)}


def N032(d):
    ds = d.sess(*month_range(2025, 9))
    return {"avg_yuan": d.avg(ds), "days": len(ds)}


def N033(d):
    ds = d.sess("2026-01-01", d.last_closed("2026-03-15 10:00"))
    return {"median_yuan": d.median(ds)}


def N034(d):
    ds = d.sess(*month_range(2026, 5))
    m = d.argmax(ds)
    return {"max_date": m, "max_yuan": d.T(m)}


def N035(d):
    ds = d.sess(*month_range(2025, 11))
    m = d.argmin(ds)
    return {"min_date": m, "min_yuan": d.T(m)}


def N036(d):
    ds = d.sess("2026-01-01", "2026-03-31")
    return {"days": sum(1 for x in ds if d.T(x) > 3e12)}


def N037(d):
    ds = d.sess("2025-10-01", d.last_closed("2025-10-20 12:00"))
    return {"days": sum(1 for x in ds if d.T(x) >= 2e12), "sessions": len(ds)}


def N038(d):
    ds = d.sess(*month_range(2025, 12))
    t = d.topn(ds, 3)
    return {"top_date": t, "top_yuan": [d.T(x) for x in t]}


def N039(d):
    ds = d.sess("2026-01-01", "2026-06-30")
    return {"total_yuan": d.total(ds)}


def N040(d):
    ds = d.sess(*month_range(2026, 6))
    return {"up_days": sum(1 for x in ds if d.up(x)), "down_days": sum(1 for x in ds if d.down(x))}


def N041(d):
    end = d.last_closed("2026-07-25 10:00")
    n, x = 0, end
    while d.down(x):
        n += 1
        x = d.prev(x)
    ds = d.sess("2000-01-01", end)
    return {"streak_days": n, "start_date": ds[-n]}


def N042(d):
    weeks = [
        ("2025-09-29", "2025-10-05"),
        ("2025-10-06", "2025-10-12"),
        ("2025-10-13", "2025-10-19"),
        ("2025-10-20", "2025-10-26"),
        ("2025-10-27", "2025-11-02"),
    ]
    out = []
    for a, b in weeks:
        ds = d.sess(max(a, "2025-10-01"), min(b, "2025-10-31"))
        if ds:
            out.append(d.total(ds))
    return {"week_yuan": out}


def N043(d):
    end = d.last_closed("2026-07-10 09:30")
    best, bv = None, None
    for m in range(1, 8):
        a, b = month_range(2026, m)
        ds = d.sess(a, min(b, end))
        if ds:
            v = d.avg(ds)
            if bv is None or v > bv:
                best, bv = "2026-%02d" % m, v
    return {"month": best, "avg_yuan": bv}


def N044(d):
    ds = d.sess("2025-08-01", "2025-12-31")
    return {"days": sum(1 for x in ds if 1.6e12 <= d.T(x) <= 2e12)}


def N045(d):
    ds = d.sess("2026-01-01", d.last_closed("2026-05-01 10:00"))
    return {"days": sum(1 for x in ds if d.T(x) < 2e12)}


def N046(d):
    ds = d.sess("2026-01-01", d.last_closed("2026-04-01 20:00"))
    v = d.T("2026-03-03")
    return {"rank": d.rank(v, ds), "percentile_pct": d.percentile(v, ds), "sessions": len(ds)}


def N047(d):
    ds = d.last_n(d.last_closed("2026-07-01 10:00"), 100)
    return {"percentile_pct": d.percentile(3e12, ds), "days_above": sum(1 for x in ds if d.T(x) > 3e12)}


def N048(d):
    ds = d.sess("2025-10-01", "2025-12-31")
    return {"avg_yuan": d.avg(ds), "days": len(ds)}


def N049(d):
    ds = d.sess(*month_range(2026, 7))
    return {"up_days": sum(1 for x in ds if d.up(x)), "days": len(ds)}


def N050(d):
    ds = d.sess("2025-07-01", "2025-12-31")
    m = d.argmax(ds)
    return {"max_date": m, "max_yuan": d.T(m)}


def N051(d):
    ds = d.sess("2025-01-01", "2025-12-31")
    return {"total_yuan": d.total(ds), "days": len(ds)}


def N052(d):
    ds = d.sess("2026-05-11", d.last_closed("2026-05-14 20:00"))
    return {"total_yuan": d.total(ds), "days": len(ds)}


def N053(d):
    ds = d.sess("2026-03-02", "2026-03-08")
    return {"avg_yuan": d.avg(ds)}


def N054(d):
    ds = d.last_n(d.last_closed("2025-11-15 10:00"), 20)
    return {"avg_yuan": d.avg(ds), "start_date": ds[0], "end_date": ds[-1]}


def N055(d):
    return {
        "q1_total_yuan": d.total(d.sess("2026-01-01", "2026-03-31")),
        "q2_total_yuan": d.total(d.sess("2026-04-01", "2026-06-30")),
    }


def N056(d):
    ds = d.sess("2026-01-01", d.last_closed("2026-06-30 12:00"))
    return {"days": sum(1 for x in ds if d.T(x) > 3e12)}


def N057(d):
    ds = d.sess(*month_range(2025, 8))
    n, a, b = d.longest_streak(ds, d.up)
    return {"streak_days": n, "start_date": a, "end_date": b}


def N058(d):
    ds = d.sess(*month_range(2026, 4))
    return {"median_yuan": d.median(ds), "avg_yuan": d.avg(ds)}


def N059(d):
    ds = d.sess("2025-08-01", "2026-07-31")
    mx, mn = d.argmax(ds), d.argmin(ds)
    return {"max_date": mx, "max_yuan": d.T(mx), "min_date": mn, "min_yuan": d.T(mn)}


def N060(d):
    ds = [x for x in d.sess(*month_range(2025, 9)) if d.T(x) > 2.5e12]
    return {"hit_date": ds, "days": len(ds)}


def N061(d):
    ds = d.sess("2026-01-16", "2026-01-31")
    return {"total_yuan": d.total(ds), "days": len(ds)}


def N062(d):
    ds = d.sess(*month_range(2026, 2))
    return {"days": len(ds), "total_yuan": d.total(ds)}


def N063(d):
    ds = d.sess("2025-11-01", "2026-01-31")
    return {"median_yuan": d.median(ds)}


def N064(d):
    ds = d.last_n(d.last_closed("2026-07-20 09:00"), 5)
    return {"sh_yuan": sum(d.sh(x) for x in ds), "sz_yuan": sum(d.sz(x) for x in ds)}


def N065(d):
    ds = d.sess(*month_range(2026, 6))
    sz = sum(d.sz(x) for x in ds)
    return {"sz_yuan": sz, "total_yuan": d.total(ds), "sz_share_pct": d.share(sz, d.total(ds))}


# ---- compare ----
def _cmp_periods(d, a, b, fn):
    va, vb = fn(a), fn(b)
    r = d.chg(vb, va)
    return va, vb, r


def N066(d):
    x, p = "2026-07-21", "2026-07-20"
    r = {"total_yuan": d.T(x)}
    r.update(d.chg(d.T(x), d.T(p)))
    return r


def N067(d):
    a, b = d.avg(d.sess(*month_range(2025, 8))), d.avg(d.sess(*month_range(2025, 9)))
    r = {"aug_avg_yuan": a, "sep_avg_yuan": b}
    r.update(d.chg(b, a))
    return r


def N068(d):
    end = d.last_closed("2026-05-20 10:00")
    a = d.avg(d.sess(*month_range(2026, 4)))
    b = d.avg(d.sess("2026-05-01", end))
    r = {"mtd_avg_yuan": b, "prev_avg_yuan": a}
    r.update(d.chg(b, a))
    return r


def N069(d):
    a = d.avg(d.sess("2025-07-01", "2025-12-31"))
    b = d.avg(d.sess("2026-01-01", "2026-06-30"))
    r = {"h1_avg_yuan": b, "prev_h2_avg_yuan": a}
    r.update(d.chg(b, a))
    return r


def N070(d):
    a, b = d.T("2025-08-25"), d.T("2026-01-14")
    r = {"total_yuan": b, "ref_total_yuan": a}
    r.update(d.chg(b, a))
    return r


def N071(d):
    a, b = d.T("2025-07-28"), d.T("2026-07-28")
    r = {"total_yuan": b, "ref_total_yuan": a}
    r.update(d.chg(b, a))
    return r


def N072(d):
    x = "2026-07-28"
    return {"sz_yuan": d.sz(x), "sh_yuan": d.sh(x), "diff_yuan": d.sz(x) - d.sh(x)}


def N073(d):
    a = d.total(d.sess("2025-09-01", "2025-09-07"))
    b = d.total(d.sess("2025-09-08", "2025-09-14"))
    r = {"week_total_yuan": b, "prev_week_total_yuan": a}
    r.update(d.chg(b, a))
    return r


def N074(d):
    a = d.total(d.sess(*month_range(2025, 9)))
    b = d.total(d.sess(*month_range(2025, 10)))
    r = {"oct_total_yuan": b, "sep_total_yuan": a}
    r.update(d.chg(b, a))
    return r


def N075(d):
    a, b = d.T("2026-05-11"), d.T("2026-05-21")
    r = {"higher_date": "2026-05-11" if a > b else "2026-05-21"}
    r.update(d.chg(b, a))
    return r


def N076(d):
    a, b = d.T("2026-02-13"), d.T("2026-02-24")
    r = {"total_yuan": b, "prev_total_yuan": a}
    r.update(d.chg(b, a))
    return r


def N077(d):
    a = d.total(d.sess("2026-01-01", "2026-03-31"))
    b = d.total(d.sess("2026-04-01", "2026-06-30"))
    r = {"q1_total_yuan": a, "q2_total_yuan": b}
    r.update(d.chg(b, a))
    return r


def N078(d):
    a = d.avg(d.sess(*month_range(2026, 6)))
    b = d.avg(d.sess(*month_range(2026, 7)))
    r = {"jul_avg_yuan": b, "jun_avg_yuan": a}
    r.update(d.chg(b, a))
    return r


def N079(d):
    a, b = d.T("2025-12-08"), d.T("2025-12-09")
    r = {"total_yuan": b, "prev_total_yuan": a}
    r.update(d.chg(b, a))
    return r


def N080(d):
    end = d.last_closed("2026-04-15 12:00")
    a = d.avg(d.sess("2025-01-01", "2025-12-31"))
    b = d.avg(d.sess("2026-01-01", end))
    r = {"ytd_avg_yuan": b, "prev_year_avg_yuan": a}
    r.update(d.chg(b, a))
    return r


def N081(d):
    a, b = d.T("2026-03-06"), d.T("2026-03-13")
    r = {"total_yuan": b, "ref_total_yuan": a}
    r.update(d.chg(b, a))
    return r


def N082(d):
    a = d.total(d.sess("2025-08-11", "2025-08-17"))
    b = d.total(d.sess("2025-08-18", "2025-08-24"))
    r = {"week_total_yuan": b, "prev_week_total_yuan": a}
    r.update(d.chg(b, a))
    return r


def N083(d):
    a, b = "2026-07-29", "2026-07-30"
    sa, sb = d.share(d.sh(a), d.T(a)), d.share(d.sh(b), d.T(b))
    return {"sh_share_pct": sb, "prev_sh_share_pct": sa, "share_diff_pct": sb - sa}


def N084(d):
    a = d.median(d.sess(*month_range(2025, 11)))
    b = d.median(d.sess(*month_range(2025, 12)))
    r = {"dec_median_yuan": b, "nov_median_yuan": a}
    r.update(d.chg(b, a))
    return r


def N085(d):
    ds = d.last_n(d.last_closed("2026-06-13 10:00"), 10)
    a, b = d.avg(ds[:5]), d.avg(ds[5:])
    r = {"last5_avg_yuan": b, "prev5_avg_yuan": a}
    r.update(d.chg(b, a))
    return r


# ---- industries ----
def _ind_top(d, date, key, n=1, reverse=True):
    rows = d.ind[date]
    names = sorted(rows)
    return sorted(names, key=lambda k: -rows[k][key] if reverse else rows[k][key])[:n]


def N086(d):
    return {"amount_yuan": d.ia("2025-09-02", "半导体")}


def N087(d):
    x = "2026-07-31"
    t = _ind_top(d, x, "amount")[0]
    return {"top_industry": t, "amount_yuan": d.ia(x, t)}


def N088(d):
    x = "2026-03-23"
    b = _ind_top(d, x, "chg", 3, reverse=False)
    return {"bottom_industry": b, "bottom_change_pct": [d.ind[x][k]["chg"] for k in b]}


def N089(d):
    x = "2026-01-12"
    a = d.ia(x, "证券")
    return {"amount_yuan": a, "share_pct": d.share(a, d.T(x))}


def N090(d):
    r = d.ind["2025-10-09"]["半导体"]
    return {"up_count": r["up"], "total_count": r["n"]}


def N091(d):
    x = "2026-06-15"
    a = d.theme_amount(x, "AI")
    return {"theme_yuan": a, "share_pct": d.share(a, d.T(x))}


def N092(d):
    x = "2026-04-08"
    t = _ind_top(d, x, "chg")[0]
    return {"top_industry": t, "change_pct": d.ind[x][t]["chg"]}


def N093(d):
    r = d.ind["2026-01-09"]["白酒"]
    return {"change_pct": r["chg"], "amount_yuan": r["amount"]}


def N094(d):
    x = "2025-08-25"
    a, b = d.ia(x, "证券"), d.ia(x, "银行")
    return {"broker_yuan": a, "bank_yuan": b, "diff_yuan": a - b}


def N095(d):
    x = "2026-07-17"
    rows = d.ind[x].values()
    return {"up_count": sum(r["up"] for r in rows), "total_count": sum(r["n"] for r in rows)}


def N096(d):
    ds = d.sess("2026-05-01", d.last_closed("2026-05-15 12:00"))
    return {"amount_yuan": sum(d.ia(x, "小金属") for x in ds), "days": len(ds)}


def N097(d):
    x = "2026-06-25"
    rows = d.ind[x]
    v = rows["通信设备"]["amount"]
    return {"rank": 1 + sum(1 for r in rows.values() if r["amount"] > v), "amount_yuan": v}


def N098(d):
    x = "2025-12-17"
    a = d.theme_amount(x, "新能源")
    return {"theme_yuan": a, "share_pct": d.share(a, d.T(x))}


def N099(d):
    r = d.ind["2026-02-24"]["电力"]
    return {"change_pct": r["chg"], "up_count": r["up"], "total_count": r["n"]}


def N100(d):
    x = "2026-05-06"
    t = _ind_top(d, x, "amount", 5)
    return {"top_industry": t, "top_yuan": [d.ia(x, k) for k in t]}


# ---- index ----
def N101(d):
    r = d.by["2025-08-18"]
    return {"sh_close_pts": r["shc"], "sh_pct": r["shp"]}


def N102(d):
    return {"sz_close_pts": d.by["2026-01-14"]["szc"]}


def N103(d):
    ds = d.sess("2026-01-01", d.last_closed("2026-06-30 16:00"))
    return {"sh_change_pct": d.idx_change(ds, "shc"), "sh_close_pts": d.by[ds[-1]]["shc"]}


def N104(d):
    ds = d.sess(*month_range(2025, 8))
    return {"sh_change_pct": d.idx_change(ds, "shc"), "sz_change_pct": d.idx_change(ds, "szc")}


def N105(d):
    ds = d.sess("2026-01-01", "2026-07-31")
    m = d.argmax(ds, lambda x: d.by[x]["shc"])
    return {"max_date": m, "max_pts": d.by[m]["shc"]}


def N106(d):
    ds = d.sess("2026-04-01", "2026-06-30")
    return {"sz_change_pct": d.idx_change(ds, "szc")}


def N107(d):
    ds = d.sess("2026-07-13", "2026-07-19")
    return {"sh_change_pct": d.idx_change(ds, "shc"), "sh_close_pts": d.by[ds[-1]]["shc"]}


def N108(d):
    ds = d.sess(*month_range(2026, 3))
    return {"days": sum(1 for x in ds if d.by[x]["shp"] < -1)}


def N109(d):
    ds = d.sess("2026-07-01", d.last_closed("2026-07-24 12:00"))
    m = d.argmin(ds, lambda x: d.by[x]["shc"])
    return {"min_date": m, "min_pts": d.by[m]["shc"]}


def N110(d):
    r = d.by["2026-07-17"]
    return {"sz_pct": r["szp"], "sz_close_pts": r["szc"]}


# ---- followup chats ----
def N111(d):
    x = "2025-09-08"
    return [d.day(x), {"sz_yuan": d.sz(x)}, {"sz_share_pct": d.share(d.sz(x), d.T(x))}]


def N112(d):
    a = d.avg(d.sess("2025-11-01", d.last_closed("2025-11-20 16:00")))
    b = d.avg(d.sess(*month_range(2025, 10)))
    return [{"avg_yuan": a}, {"avg_yuan": b}, d.chg(a, b)]


def N113(d):
    ds = d.sess(*month_range(2026, 5))
    mx, mn = d.argmax(ds), d.argmin(ds)
    return [{"max_date": mx, "max_yuan": d.T(mx)}, {"min_date": mn, "min_yuan": d.T(mn)}]


def N114(d):
    x = "2026-04-13"
    return [d.day(x), d.chg(d.T(x), d.T("2026-04-10")), {"total_yuan": d.total(d.sess("2026-04-13", "2026-04-19"))}]


def N115(d):
    a, b = "2026-06-25", "2026-06-24"
    return [d.day(a), d.day(b), {"total_yuan": d.T(a) + d.T(b)}]


def N116(d):
    x = "2026-05-11"
    ds = d.sess("2026-01-01", x)
    return [d.day(x), {"rank": d.rank(d.T(x), ds)}]


def N117(d):
    ds = d.sess(*month_range(2025, 12))
    n, a, b = d.longest_streak(ds, d.down)
    return [
        {"up_days": sum(1 for x in ds if d.up(x))},
        {"down_days": sum(1 for x in ds if d.down(x))},
        {"streak_days": n},
    ]


def N118(d):
    x, p = "2026-07-24", "2026-07-23"
    a = d.ia(x, "半导体")
    return [{"amount_yuan": a}, {"share_pct": d.share(a, d.T(x))}, d.chg(a, d.ia(p, "半导体"))]


def N119(d):
    r = d.by["2026-07-09"]
    return [{"sh_pct": r["shp"]}, {"sz_pct": r["szp"]}, d.day("2026-07-09")]


def N120(d):
    ds = d.sess("2026-01-01", d.last_closed("2026-02-05 11:00"))
    return [{}, {"days": sum(1 for x in ds if d.T(x) > 3e12)}]


def N121(d):
    ds = [x for x in d.sess(*month_range(2025, 9)) if d.T(x) > 3e12]
    assert len(ds) == 1
    return [{"date": ds[0], "total_yuan": d.T(ds[0])}, {"sh_yuan": d.sh(ds[0])}]


def N122(d):
    a = d.total(d.sess(*month_range(2025, 10)))
    b = d.total(d.sess(*month_range(2025, 11)))
    return [{"total_yuan": a}, {"total_yuan": b}, {"total_yuan": a + b}]


def N123(d):
    return [{}, d.day("2026-03-09")]


def N124(d):
    a = d.total(d.sess("2026-01-01", "2026-03-31"))
    b = d.total(d.sess("2026-04-01", "2026-06-30"))
    return [{"total_yuan": a}, {"total_yuan": b}, {"change_pct": 100.0 * (b - a) / a}]


def N125(d):
    ds = d.sess("2026-01-05", "2026-01-11")
    m = d.argmax(ds)
    return [{"day_yuan": [d.T(x) for x in ds]}, {"max_date": m, "max_yuan": d.T(m)}]


def N126(d):
    x = "2026-06-30"
    t = _ind_top(d, x, "amount")[0]
    r = d.ind[x][t]
    return [
        {"top_industry": t, "amount_yuan": r["amount"]},
        {"change_pct": r["chg"]},
        {"up_count": r["up"], "total_count": r["n"]},
    ]


def N127(d):
    ds = d.sess("2026-01-01", "2026-07-31")
    m = d.argmin(ds)
    return [{"min_date": m, "min_yuan": d.T(m)}, {"sh_pct": d.by[m]["shp"]}]


def N128(d):
    ds = d.sess("2026-07-01", d.last_closed("2026-07-16 09:00"))
    m = d.argmax(ds)
    return [{"avg_yuan": d.avg(ds)}, {"median_yuan": d.median(ds)}, {"max_date": m, "max_yuan": d.T(m)}]


def N129(d):
    x = "2025-08-25"
    return [d.day(x), {"sh_yuan": d.sh(x)}, d.chg(d.T(x), d.T("2025-08-22"))]


def N130(d):
    ds = [x for x in d.sess("2026-06-22", "2026-06-26") if d.up(x)]
    return [{"up_days": len(ds)}, {"hit_date": ds}]


# ---- declines ----
def _none(d):
    return {}


N131 = N132 = N133 = N134 = N135 = N136 = N137 = N138 = N139 = N140 = _none
N141 = N142 = N143 = N144 = N145 = N146 = N147 = N148 = N149 = N150 = _none


# ===================================================================== harness
def flatten(out):
    flat = {}
    for k, v in out.items():
        if isinstance(v, (list, tuple)):
            if "_" in k:
                head, tail = k.split("_", 1)
                for i, x in enumerate(v, 1):
                    flat["%s%d_%s" % (head, i, tail)] = x
            else:
                for i, x in enumerate(v, 1):
                    flat["%s%d" % (k, i)] = x
        else:
            flat[k] = v
    return flat


def load_items(path=None):
    path = path or os.path.join(HERE, "set_n.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def figures(items, source=None):
    snap = source if isinstance(source, (str, os.PathLike)) else None
    data = Data(snap)
    res = {}
    for it in items:
        out = globals()[it["id"]](data)
        if isinstance(out, dict):
            out = [out]
        turns = []
        for e, o in zip(it["expect"], out):
            turns.append({} if e["kind"] == "decline" else flatten(o))
        res[it["id"]] = turns
    return res


def _main():
    items = load_items()
    figs = figures(items)
    problems = []
    for it in items:
        got = figs[it["id"]]
        if len(got) != len(it["turns"]) or len(it["expect"]) != len(it["turns"]):
            problems.append("%s: turn count mismatch" % it["id"])
            continue
        for i, (e, g) in enumerate(zip(it["expect"], got)):
            if e["kind"] == "answer":
                if e.get("figures") != sorted(g):
                    problems.append("%s turn %d: figures %s != %s" % (it["id"], i + 1, e.get("figures"), sorted(g)))
                if not g:
                    problems.append("%s turn %d: answer with no figures" % (it["id"], i + 1))
            else:
                if e.get("figures") or g:
                    problems.append("%s turn %d: decline has figures" % (it["id"], i + 1))
    for p in problems:
        print(p)
    print("%d items, %d problems" % (len(items), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(_main())
