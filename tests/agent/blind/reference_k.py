# ruff: noqa
"""Reference figures for blind set K (marketbot, 沪深两市成交额).

Computes every expected figure straight from the bundled CSVs (stdlib only).

Definitions used throughout:
  * total (两市成交额) = sh_yuan + sz_yuan of a session, in 元, unrounded.
  * 破X / 超过X = strictly > X;  X以上 = >= X;  低于X = < X;  "between A and B" is inclusive.
  * 放量 = a session's total > the previous session's total; 缩量 = < (the previous
    session may lie before the period asked about).
  * weeks run Monday..Sunday; months/quarters/halves are calendar ones.
  * a session counts as closed at "now" only if its date < now's date, or it is now's date
    and now's time >= 15:00.  今天 = now's date (must be a closed session).
  * 昨天 = the session before now's date; 前天 = the session before 昨天.
  * 今年以来 / 本月至今 = from Jan 1 / the 1st up to the last closed session.
  * rank = 1 + count of sessions strictly higher in the population;
    percentile = 100 * count(<= v) / population size.
  * median = statistics.median of daily totals.
  * index change over a period = 100 * (last close in period / last close before the period - 1);
    a day's index % change is the snapshot's sh_pct / sz_pct column.
  * share_pct = 100 * part / whole.  An industry's share is of the two-market total (sh+sz).
  * changes / diffs are signed: asked minus reference (two periods: later minus earlier);
    change_pct = 100 * change / reference.
  * ties: the earliest date wins (industries: first in file order).
Key naming: *_yuan amounts, *_pct percentages, *_pts index points, keys containing "date"
hold YYYY-MM-DD, *_industry industry names, anything else is an integer count.
A list value under key "top_yuan" flattens to top1_yuan, top2_yuan, ...
"""

import bisect
import csv
import datetime as _dt
import gzip
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _bundled(name):
    p = os.path.join(HERE, "..", "..", "..", "tools", "data", name)
    if not os.path.exists(p):  # while the script still lives outside the repo tree
        alt = os.path.join("/work/main/tools/data", name)
        if os.path.exists(alt):
            return alt
    return p


SNAPSHOT = os.environ.get("MARKETBOT_SNAPSHOT") or _bundled("turnover_snapshot.csv.gz")
INDUSTRIES = os.environ.get("MARKETBOT_INDUSTRIES") or _bundled("ths_industries.csv.gz")

TRILLION = 1e12
AI = [
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
NEW_ENERGY = ["电池", "光伏设备", "风电设备", "电网设备", "其他电源设备", "电机", "能源金属"]


def _read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#") and l.strip()]
    return list(csv.DictReader(lines))


def _f(x):
    return float(x) if x not in (None, "") else None


class Data:
    def __init__(self, snapshot=None, industries=None):
        self.snapshot = snapshot or SNAPSHOT
        self.industries_path = industries or INDUSTRIES
        self.rows = {}
        for r in _read(self.snapshot):
            self.rows[r["date"]] = {
                "sh": float(r["sh_yuan"]),
                "sz": float(r["sz_yuan"]),
                "sh_close": _f(r.get("sh_close")),
                "sh_pct": _f(r.get("sh_pct")),
                "sz_close": _f(r.get("sz_close")),
                "sz_pct": _f(r.get("sz_pct")),
            }
        self.dates = sorted(self.rows)
        self._ind = None

    @property
    def ind(self):
        if self._ind is None:
            self._ind = {}
            for r in _read(self.industries_path):
                self._ind.setdefault(r["date"], []).append(
                    {
                        "industry": r["industry"],
                        "amount": float(r["amount_yuan"]),
                        "up": int(r["up_count"]),
                        "total": int(r["total_count"]),
                        "chg": float(r["change_pct"]),
                    }
                )
        return self._ind


# ---------------------------------------------------------------- helpers
def T(d, day):
    r = d.rows[day]
    return r["sh"] + r["sz"]


def SH(d, day):
    return d.rows[day]["sh"]


def SZ(d, day):
    return d.rows[day]["sz"]


def sess(d, a, b):
    i = bisect.bisect_left(d.dates, a)
    j = bisect.bisect_right(d.dates, b)
    return d.dates[i:j]


def prev(d, day):
    i = bisect.bisect_left(d.dates, day)
    if i == 0:
        raise ValueError("no session before " + day)
    return d.dates[i - 1]


def _now(now):
    date, time = now.split()
    return date, time


def last_closed(d, now):
    date, time = _now(now)
    i = bisect.bisect_right(d.dates, date)
    last = d.dates[i - 1]
    if last == date and time < "15:00":
        last = d.dates[i - 2]
    return last


def today(d, now):
    date, time = _now(now)
    assert date in d.rows and time >= "15:00", now
    return date


def yest(d, now):
    return prev(d, _now(now)[0])


def _iso(x):
    return _dt.date.fromisoformat(x)


def weekday_of(now, weeks_back, wd):
    """Date of weekday wd (0=Mon) in the week `weeks_back` weeks before now's week."""
    n = _iso(_now(now)[0])
    mon = n - _dt.timedelta(days=n.weekday()) - _dt.timedelta(weeks=weeks_back)
    x = (mon + _dt.timedelta(days=wd)).isoformat()
    return x


def week(d, day):
    n = _iso(day)
    mon = n - _dt.timedelta(days=n.weekday())
    return sess(d, mon.isoformat(), (mon + _dt.timedelta(days=6)).isoformat())


def upto(d, a, now):
    return sess(d, a, last_closed(d, now))


def month(d, ym, now=None):
    days = sess(d, ym + "-01", ym + "-31")
    if now:
        lc = last_closed(d, now)
        days = [x for x in days if x <= lc]
    return days


def last_n(d, end, n):
    i = bisect.bisect_right(d.dates, end)
    return d.dates[i - n : i]


def tot(d, days):
    return sum(T(d, x) for x in days)


def avg(d, days):
    return tot(d, days) / len(days)


def med(d, days):
    return statistics.median([T(d, x) for x in days])


def best(d, days, f=None, lowest=False):
    f = f or (lambda x: T(d, x))
    b = None
    for x in days:  # ascending dates, strict comparison -> earliest wins
        if b is None or (f(x) < f(b) if lowest else f(x) > f(b)):
            b = x
    return b


def top(d, days, n, lowest=False):
    s = -1 if not lowest else 1
    return sorted(days, key=lambda x: (s * T(d, x), x))[:n]


def fang(d, x):
    return T(d, x) > T(d, prev(d, x))


def suo(d, x):
    return T(d, x) < T(d, prev(d, x))


def streak(days, pred):
    bl, bs, be = 0, None, None
    cur, cs = 0, None
    for x in days:
        if pred(x):
            if cur == 0:
                cs = x
            cur += 1
            if cur > bl:
                bl, bs, be = cur, cs, x
        else:
            cur = 0
    return bl, bs, be


def rank(v, pop):
    return 1 + sum(1 for x in pop if x > v)


def pctile(v, pop):
    return 100.0 * sum(1 for x in pop if x <= v) / len(pop)


def chg(a, ref):
    return a - ref, 100.0 * (a - ref) / ref


def idx_change(d, days, col):
    last = d.rows[days[-1]][col + "_close"]
    ref = d.rows[prev(d, days[0])][col + "_close"]
    return 100.0 * (last / ref - 1)


def count(d, days, pred):
    return sum(1 for x in days if pred(T(d, x)))


def ind_rows(d, day):
    return d.ind[day]


def ind_get(d, day, name):
    for r in d.ind[day]:
        if r["industry"] == name:
            return r
    raise KeyError(name)


def ind_top(d, day, key, n, lowest=False):
    rows = list(d.ind[day])
    s = 1 if lowest else -1
    return sorted(rows, key=lambda r: s * r[key])[:n]  # stable: file order on ties


def day_change(d, day):
    c, p = chg(T(d, day), T(d, prev(d, day)))
    return {"change_yuan": c, "change_pct": p}


def _tp(d, day):
    return {"date": day, "total_yuan": T(d, day)}


# ---------------------------------------------------------------- single_day
def K001(d):
    return _tp(d, yest(d, "2025-08-19 10:30"))


def K002(d):
    x = today(d, "2025-09-05 16:10")
    return {"total_yuan": T(d, x), **day_change(d, x)}


def K003(d):
    return _tp(d, weekday_of("2025-10-20 09:00", 1, 4))


def K004(d):
    x = "2025-10-31"
    return {"total_yuan": T(d, x), "sh_yuan": SH(d, x), "sz_yuan": SZ(d, x)}


def K005(d):
    return {"total_yuan": T(d, "2026-01-14")}


def K006(d):
    return _tp(d, prev(d, yest(d, "2026-03-05 12:00")))


def K007(d):
    return {"sz_yuan": SZ(d, "2025-12-08")}


def K008(d):
    return {"sh_yuan": SH(d, "2026-03-23")}


def K009(d):
    x = today(d, "2026-04-09 15:30")
    return {"total_yuan": T(d, x), "diff_yuan": T(d, x) - 2 * TRILLION}


def K010(d):
    x = "2026-05-06"
    p = prev(d, x)
    return {"total_yuan": T(d, x), "prev_total_yuan": T(d, p), **day_change(d, x)}


def K011(d):
    return _tp(d, weekday_of("2026-06-23 08:00", 1, 3))


def K012(d):
    x = yest(d, "2026-07-01 20:00")
    return {"date": x, "sz_yuan": SZ(d, x)}


def K013(d):
    x = "2025-08-25"
    return {"total_yuan": T(d, x), "diff_yuan": T(d, x) - 3 * TRILLION}


def K014(d):
    x = today(d, "2025-09-19 15:05")
    return {"total_yuan": T(d, x), "sh_yuan": SH(d, x), "sz_yuan": SZ(d, x)}


def K015(d):
    return {"total_yuan": T(d, "2026-07-10")}


def K016(d):
    return _tp(d, yest(d, "2025-10-10 11:00"))


def K017(d):
    return _tp(d, sess(d, "2026-01-01", "2026-12-31")[0])


def K018(d):
    return _tp(d, last_closed(d, "2026-02-14 10:00"))


def K019(d):
    x = today(d, "2025-12-31 16:00")
    return {"total_yuan": T(d, x), "sh_share_pct": 100.0 * SH(d, x) / T(d, x)}


def K020(d):
    return {"total_yuan": T(d, "2026-03-09")}


def K021(d):
    x = weekday_of("2025-11-24 19:00", 1, 4)
    return {"total_yuan": T(d, x), **day_change(d, x)}


def K022(d):
    x = "2026-04-08"
    return {"total_yuan": T(d, x), **day_change(d, x)}


def K023(d):
    return _tp(d, month(d, "2026-05")[-1])


def K024(d):
    return {"total_yuan": T(d, today(d, "2025-09-30 15:30"))}


def K025(d):
    x = "2026-05-21"
    return {"total_yuan": T(d, x), "sz_share_pct": 100.0 * SZ(d, x) / T(d, x)}


def K026(d):
    return _tp(d, weekday_of("2025-08-08 20:00", 0, 2))


def K027(d):
    x = today(d, "2026-07-29 16:00")
    return {"total_yuan": T(d, x), "sh_yuan": SH(d, x), "sz_yuan": SZ(d, x)}


def K028(d):
    x = yest(d, "2026-01-15 10:00")
    pop = [T(d, y) for y in sess(d, "1900-01-01", x)]
    return {"date": x, "total_yuan": T(d, x), "rank": rank(T(d, x), pop)}


def K029(d):
    x = today(d, "2025-11-12 15:20")
    return {"total_yuan": T(d, x), **day_change(d, x)}


def K030(d):
    x = weekday_of("2026-06-29 09:00", 1, 0)
    return {"date": x, "sh_yuan": SH(d, x)}


# ---------------------------------------------------------------- period_stats
def K031(d):
    m = month(d, "2025-08")
    return {"total_yuan": tot(d, m), "avg_yuan": avg(d, m), "days": len(m)}


def K032(d):
    return {"avg_yuan": avg(d, month(d, "2025-09"))}


def _maxmin(d, days):
    hi, lo = best(d, days), best(d, days, lowest=True)
    return {"max_date": hi, "max_yuan": T(d, hi), "min_date": lo, "min_yuan": T(d, lo)}


def K033(d):
    return _maxmin(d, month(d, "2025-11"))


def K034(d):
    return {"days": count(d, month(d, "2026-01"), lambda v: v > 3 * TRILLION)}


def K035(d):
    m = upto(d, "2026-02-01", "2026-02-10 20:00")
    return {"avg_yuan": avg(d, m), "days": len(m)}


def K036(d):
    m = upto(d, "2026-01-01", "2026-03-31 16:00")
    return {"avg_yuan": avg(d, m), "days": len(m)}


def K037(d):
    return {"total_yuan": tot(d, sess(d, "2026-01-01", "2026-03-31"))}


def K038(d):
    return {"days": count(d, upto(d, "2025-08-01", "2025-08-30 11:00"), lambda v: v > 2 * TRILLION)}


def K039(d):
    m = upto(d, "2026-05-01", "2026-05-30 10:00")
    return {"fangliang_days": sum(fang(d, x) for x in m), "suoliang_days": sum(suo(d, x) for x in m)}


def K040(d):
    w = week(d, "2026-06-20")
    return {"total_yuan": tot(d, w), "days": len(w)}


def K041(d):
    return {"median_yuan": med(d, month(d, "2025-10"))}


def K042(d):
    t = top(d, month(d, "2026-07"), 3)
    return {"top_date": t, "top_yuan": [T(d, x) for x in t]}


def K043(d):
    m = sess(d, "2025-01-01", "2025-12-31")
    return {"total_yuan": tot(d, m), "avg_yuan": avg(d, m), "days": len(m)}


def K044(d):
    m = month(d, "2026-07")
    lo = best(d, m, lowest=True)
    return {"min_date": lo, "min_yuan": T(d, lo)}


def K045(d):
    return {"days": count(d, month(d, "2026-02"), lambda v: 2 * TRILLION <= v <= 2.5 * TRILLION)}


def K046(d):
    m = last_n(d, last_closed(d, "2026-06-05 19:00"), 20)
    return {"avg_yuan": avg(d, m), "start_date": m[0]}


def K047(d):
    m = sess(d, "2026-01-01", "2026-06-30")
    return {"avg_yuan": avg(d, m), "total_yuan": tot(d, m), "days": len(m)}


def K048(d):
    m = month(d, "2025-12")
    n, a, b = streak(m, lambda x: fang(d, x))
    return {"streak_days": n, "start_date": a, "end_date": b}


def K049(d):
    return {"days": count(d, upto(d, "2026-01-01", "2026-01-23 16:00"), lambda v: v > 3 * TRILLION)}


def K050(d):
    return {"median_yuan": med(d, month(d, "2026-04"))}


def K051(d):
    m = upto(d, "2025-09-01", "2025-09-26 20:00")
    hits = [x for x in m if T(d, x) > 2.5 * TRILLION]
    return {"days": len(hits), "date": hits}


def K052(d):
    return {"days": count(d, upto(d, "2026-05-01", "2026-05-15 17:00"), lambda v: v >= 3 * TRILLION)}


def K053(d):
    m = last_n(d, last_closed(d, "2026-07-10 22:00"), 10)
    return {"days": count(d, m, lambda v: v > 3 * TRILLION), "avg_yuan": avg(d, m)}


def K054(d):
    x = "2025-11-21"
    pop = [T(d, y) for y in month(d, "2025-11")]
    return {"total_yuan": T(d, x), "rank": rank(T(d, x), pop)}


def K055(d):
    m = last_n(d, last_closed(d, "2026-02-05 20:00"), 250)
    pop = [T(d, y) for y in m]
    return {"percentile_pct": pctile(3 * TRILLION, pop), "days_above": sum(1 for v in pop if v > 3 * TRILLION)}


def K056(d):
    return {"days": count(d, month(d, "2026-06"), lambda v: v < 2.6 * TRILLION)}


def K057(d):
    m = upto(d, "2025-11-01", "2025-11-28 16:00")
    return {"sh_avg_yuan": sum(SH(d, x) for x in m) / len(m), "sz_avg_yuan": sum(SZ(d, x) for x in m) / len(m)}


def K058(d):
    return {"days": count(d, upto(d, "2026-03-01", "2026-03-20 21:00"), lambda v: v < 2.1 * TRILLION)}


def K059(d):
    return {
        "apr_total_yuan": tot(d, month(d, "2026-04")),
        "may_total_yuan": tot(d, month(d, "2026-05")),
        "jun_total_yuan": tot(d, month(d, "2026-06")),
    }


def K060(d):
    x = today(d, "2026-05-20 20:00")
    pop = [T(d, y) for y in sess(d, "2026-01-01", x)]
    return {"total_yuan": T(d, x), "rank": rank(T(d, x), pop), "percentile_pct": pctile(T(d, x), pop)}


def K061(d):
    r = _maxmin(d, month(d, "2026-04"))
    return {
        "max_yuan": r["max_yuan"],
        "min_yuan": r["min_yuan"],
        "max_date": r["max_date"],
        "min_date": r["min_date"],
        "diff_yuan": r["max_yuan"] - r["min_yuan"],
    }


def K062(d):
    w1 = week(d, weekday_of("2026-06-15 22:00", 2, 0))
    w2 = week(d, weekday_of("2026-06-15 22:00", 1, 0))
    return {"week_total_yuan": [tot(d, w1), tot(d, w2)]}


def K063(d):
    m = upto(d, "2026-07-01", "2026-07-24 20:00")
    n, a, b = streak(m, lambda x: suo(d, x))
    return {"streak_days": n, "start_date": a, "end_date": b}


def K064(d):
    t = top(d, month(d, "2026-03"), 5)
    return {"top_date": t, "top_yuan": [T(d, x) for x in t]}


def K065(d):
    return {"days": count(d, month(d, "2026-07"), lambda v: v < 2.5 * TRILLION)}


# ---------------------------------------------------------------- compare
def K066(d):
    x = today(d, "2025-08-20 20:00")
    return {"total_yuan": T(d, x), **day_change(d, x)}


def _pcmp(later, earlier, a="later", b="earlier", what="avg"):
    c, p = chg(later, earlier)
    return {f"{a}_{what}_yuan": later, f"{b}_{what}_yuan": earlier, "change_yuan": c, "change_pct": p}


def K067(d):
    return _pcmp(avg(d, month(d, "2025-08")), avg(d, month(d, "2025-07")), "aug", "jul")


def K068(d):
    x = today(d, "2025-10-13 20:00")
    ref = month(d, "2025-09")[-1]
    c, p = chg(T(d, x), T(d, ref))
    return {"total_yuan": T(d, x), "ref_date": ref, "ref_total_yuan": T(d, ref), "change_yuan": c, "change_pct": p}


def K069(d):
    x = today(d, "2026-01-14 16:00")
    ref = "2025-01-14"
    c, p = chg(T(d, x), T(d, ref))
    return {"total_yuan": T(d, x), "ref_total_yuan": T(d, ref), "change_yuan": c, "change_pct": p}


def K070(d):
    now = "2026-03-13 20:00"
    return _pcmp(
        tot(d, week(d, weekday_of(now, 0, 0))),
        tot(d, week(d, weekday_of(now, 1, 0))),
        "this_week",
        "last_week",
        "total",
    )


def K071(d):
    return _pcmp(avg(d, month(d, "2026-03")), avg(d, month(d, "2026-02")), "mar", "feb")


def K072(d):
    return _pcmp(avg(d, sess(d, "2026-05-06", "2026-05-08")), avg(d, last_n(d, "2026-04-30", 3)), "after", "before")


def K073(d):
    x = today(d, "2025-11-07 20:00")
    return {"sh_yuan": SH(d, x), "sz_yuan": SZ(d, x), "diff_yuan": SZ(d, x) - SH(d, x)}


def K074(d):
    return _pcmp(
        avg(d, sess(d, "2026-01-01", "2026-06-30")), avg(d, sess(d, "2025-01-01", "2025-06-30")), "h1_2026", "h1_2025"
    )


def K075(d):
    now = "2025-12-16 20:00"
    x = today(d, now)
    ref = weekday_of(now, 1, 1)
    c, p = chg(T(d, x), T(d, ref))
    return {"total_yuan": T(d, x), "ref_total_yuan": T(d, ref), "change_yuan": c, "change_pct": p}


def K076(d):
    now = "2026-07-22 20:00"
    x = today(d, now)
    a = avg(d, upto(d, "2026-07-01", now))
    return {"total_yuan": T(d, x), "avg_yuan": a, "diff_yuan": T(d, x) - a}


def K077(d):
    x = today(d, "2026-03-04 20:00")
    return {"total_yuan": T(d, x), **day_change(d, x)}


def K078(d):
    x = today(d, "2025-09-18 20:00")
    c, p = chg(T(d, x), T(d, "2025-08-25"))
    return {"total_yuan": T(d, x), "ref_total_yuan": T(d, "2025-08-25"), "change_yuan": c, "change_pct": p}


def K079(d):
    return _pcmp(tot(d, month(d, "2026-01")), tot(d, month(d, "2025-12")), "jan", "dec", "total")


def K080(d):
    now = "2026-04-24 20:00"
    x = today(d, now)
    ref = weekday_of(now, 1, 4)
    c, p = chg(SZ(d, x), SZ(d, ref))
    return {"sz_yuan": SZ(d, x), "ref_sz_yuan": SZ(d, ref), "sz_change_yuan": c, "sz_change_pct": p}


def K081(d):
    a = sum(SH(d, x) for x in month(d, "2025-10"))
    b = sum(SH(d, x) for x in month(d, "2025-09"))
    c, p = chg(a, b)
    return {"oct_sh_yuan": a, "sep_sh_yuan": b, "change_yuan": c, "change_pct": p}


def K082(d):
    x = today(d, "2026-05-29 20:00")
    hi = best(d, month(d, "2026-05"))
    return {"total_yuan": T(d, x), "max_date": hi, "max_yuan": T(d, hi), "diff_yuan": T(d, x) - T(d, hi)}


def K083(d):
    return _pcmp(
        tot(d, sess(d, "2026-07-06", "2026-07-08")),
        tot(d, sess(d, "2026-06-29", "2026-07-01")),
        "this_week",
        "last_week",
        "total",
    )


def K084(d):
    now = "2025-08-22 20:00"
    return _pcmp(
        avg(d, week(d, weekday_of(now, 0, 0))), avg(d, week(d, weekday_of(now, 1, 0))), "this_week", "last_week"
    )


def K085(d):
    x = today(d, "2026-02-24 20:00")
    p = prev(d, x)
    c, q = chg(T(d, x), T(d, p))
    return {"total_yuan": T(d, x), "ref_date": p, "ref_total_yuan": T(d, p), "change_yuan": c, "change_pct": q}


# ---------------------------------------------------------------- industries
def K086(d):
    r = ind_top(d, today(d, "2025-08-12 20:00"), "amount", 1)[0]
    return {"top_industry": r["industry"], "top_amount_yuan": r["amount"]}


def _one(d, day, name):
    r = ind_get(d, day, name)
    return {"amount_yuan": r["amount"], "up_count": r["up"], "total_count": r["total"], "change_pct": r["chg"]}


def K087(d):
    return _one(d, today(d, "2025-09-10 20:00"), "半导体")


def K088(d):
    t = ind_top(d, today(d, "2025-10-16 20:00"), "chg", 3)
    return {"top_industry": [r["industry"] for r in t], "top_pct": [r["chg"] for r in t]}


def K089(d):
    r = ind_top(d, today(d, "2025-11-20 20:00"), "chg", 1, lowest=True)[0]
    return {"bottom_industry": r["industry"], "bottom_pct": r["chg"]}


def K090(d):
    x = today(d, "2025-12-24 20:00")
    r = ind_get(d, x, "证券")
    return {"amount_yuan": r["amount"], "share_pct": 100.0 * r["amount"] / T(d, x)}


def K091(d):
    t = ind_top(d, today(d, "2026-01-09 18:00"), "amount", 5)
    return {"top_industry": [r["industry"] for r in t], "top_yuan": [r["amount"] for r in t]}


def K092(d):
    r = _one(d, today(d, "2026-02-12 20:00"), "银行")
    return {"up_count": r["up_count"], "total_count": r["total_count"], "change_pct": r["change_pct"]}


def K093(d):
    rows = ind_rows(d, today(d, "2026-03-18 20:00"))
    return {
        "up_industries": sum(1 for r in rows if r["chg"] > 0),
        "down_industries": sum(1 for r in rows if r["chg"] < 0),
    }


def _theme(d, day, names):
    rows = [ind_get(d, day, n) for n in names]
    a = sum(r["amount"] for r in rows)
    return {
        "amount_yuan": a,
        "share_pct": 100.0 * a / T(d, day),
        "up_count": sum(r["up"] for r in rows),
        "total_count": sum(r["total"] for r in rows),
    }


def K094(d):
    r = _theme(d, today(d, "2026-04-22 20:00"), AI)
    return {"amount_yuan": r["amount_yuan"], "share_pct": r["share_pct"]}


def K095(d):
    x = today(d, "2026-05-21 20:00")
    p = prev(d, x)
    deltas = []
    for r in ind_rows(d, x):
        deltas.append((r["amount"] - ind_get(d, p, r["industry"])["amount"], r["industry"]))
    deltas.sort(key=lambda t: -t[0])
    t = deltas[:3]
    return {**day_change(d, x), "top_industry": [n for _, n in t], "top_change_yuan": [v for v, _ in t]}


def K096(d):
    r = _one(d, today(d, "2026-06-10 20:00"), "白酒")
    return {"amount_yuan": r["amount_yuan"], "change_pct": r["change_pct"]}


def K097(d):
    x = today(d, "2026-07-17 20:00")
    t = ind_top(d, x, "chg", 3, lowest=True)
    return {
        "total_yuan": T(d, x),
        "sh_pct": d.rows[x]["sh_pct"],
        "sz_pct": d.rows[x]["sz_pct"],
        "bottom_industry": [r["industry"] for r in t],
        "bottom_pct": [r["chg"] for r in t],
    }


def K098(d):
    r = ind_top(d, today(d, "2025-08-28 20:00"), "up", 1)[0]
    return {"top_industry": r["industry"], "up_count": r["up"], "total_count": r["total"]}


def K099(d):
    r = ind_top(d, today(d, "2026-07-31 20:00"), "amount", 1, lowest=True)[0]
    return {"bottom_industry": r["industry"], "bottom_yuan": r["amount"]}


def K100(d):
    return _theme(d, today(d, "2026-03-06 20:00"), NEW_ENERGY)


# ---------------------------------------------------------------- index
def _ix(d, x, col):
    return {f"{col}_close_pts": d.rows[x][col + "_close"], f"{col}_pct": d.rows[x][col + "_pct"]}


def K101(d):
    return _ix(d, today(d, "2025-08-18 20:00"), "sh")


def K102(d):
    return _ix(d, "2025-10-09", "sz")


def K103(d):
    return _ix(d, today(d, "2026-01-12 20:00"), "sh")


def K104(d):
    x = yest(d, "2026-03-24 09:00")
    return {
        "total_yuan": T(d, x),
        "sh_pct": d.rows[x]["sh_pct"],
        "sz_pct": d.rows[x]["sz_pct"],
        "sh_close_pts": d.rows[x]["sh_close"],
    }


def K105(d):
    m = upto(d, "2025-01-01", "2025-12-31 20:00")
    return {"sh_change_pct": idx_change(d, m, "sh"), "sh_close_pts": d.rows[m[-1]]["sh_close"]}


def K106(d):
    m = month(d, "2026-07")
    return {"sz_change_pct": idx_change(d, m, "sz"), "sz_close_pts": d.rows[m[-1]]["sz_close"]}


def K107(d):
    return {"sh_change_pct": idx_change(d, week(d, "2026-05-15"), "sh")}


def K108(d):
    w = week(d, "2026-02-06")
    return {"sh_change_pct": idx_change(d, w, "sh"), "sz_change_pct": idx_change(d, w, "sz")}


def K109(d):
    x = today(d, "2026-06-26 20:00")
    return {
        "sh_change_pts": d.rows[x]["sh_close"] - d.rows[prev(d, x)]["sh_close"],
        "sh_pct": d.rows[x]["sh_pct"],
        "sh_close_pts": d.rows[x]["sh_close"],
    }


def K110(d):
    return {"sz_change_pct": idx_change(d, month(d, "2025-09"), "sz")}


# ---------------------------------------------------------------- follow-up chats
def K111(d):
    x = today(d, "2025-08-14 20:00")
    return [{"total_yuan": T(d, x)}, {"sz_yuan": SZ(d, x)}]


def K112(d):
    a, b = avg(d, month(d, "2025-10")), avg(d, month(d, "2025-09"))
    c, p = chg(a, b)
    return [{"avg_yuan": a}, {"avg_yuan": b}, {"change_yuan": c, "change_pct": p}]


def K113(d):
    r = _maxmin(d, upto(d, "2026-01-01", "2026-01-16 20:00"))
    return [
        {"max_date": r["max_date"], "max_yuan": r["max_yuan"]},
        {"min_date": r["min_date"], "min_yuan": r["min_yuan"]},
    ]


def K114(d):
    x = today(d, "2026-03-12 20:00")
    return [{"total_yuan": T(d, x)}, {"prev_total_yuan": T(d, prev(d, x)), **day_change(d, x)}]


def K115(d):
    now = "2026-04-17 20:00"
    w = week(d, weekday_of(now, 0, 0))
    lw = week(d, weekday_of(now, 1, 0))
    return [{"avg_yuan": avg(d, w)}, {"total_yuan": tot(d, w)}, {"total_yuan": tot(d, lw), "days": len(lw)}]


def K116(d):
    x = "2025-09-03"
    return [{"total_yuan": T(d, x)}, _ix(d, x, "sh")]


def K117(d):
    return [
        {"days": count(d, month(d, "2026-05"), lambda v: v > 3 * TRILLION)},
        {"days": count(d, month(d, "2026-04"), lambda v: v > 3 * TRILLION)},
    ]


def K118(d):
    x = today(d, "2025-12-12 20:00")
    r = ind_top(d, x, "amount", 1)[0]
    return [
        {"total_yuan": T(d, x)},
        {"top_industry": r["industry"], "top_amount_yuan": r["amount"]},
        {"share_pct": 100.0 * r["amount"] / T(d, x)},
    ]


def K119(d):
    x = today(d, "2026-07-14 20:00")
    p = prev(d, x)
    c, q = chg(SH(d, x), SH(d, p))
    return [{"total_yuan": T(d, x), **day_change(d, x)}, {"sh_yuan": SH(d, x), "sh_change_yuan": c, "sh_change_pct": q}]


def K120(d):
    a = last_closed(d, "2026-02-13 20:00")
    b = "2025-01-27"  # last session before the 2025 Spring Festival closure
    assert sess(d, "2025-01-28", "2025-02-04") == []
    c, p = chg(T(d, a), T(d, b))
    return [_tp(d, a), _tp(d, b), {"change_yuan": c, "change_pct": p}]


def K121(d):
    m = upto(d, "2025-10-01", "2025-10-28 20:00")
    return [{"days": count(d, m, lambda v: v > 2.5 * TRILLION)}, {"days": count(d, m, lambda v: v < 2 * TRILLION)}]


def K122(d):
    x = today(d, "2026-05-27 20:00")
    return [
        {"sh_yuan": SH(d, x)},
        {"sz_yuan": SZ(d, x)},
        {"total_yuan": T(d, x), "sh_share_pct": 100.0 * SH(d, x) / T(d, x)},
    ]


def K123(d):
    m = month(d, "2026-06")
    return [{"total_yuan": tot(d, m)}, {"avg_yuan": avg(d, m)}, {"median_yuan": med(d, m)}]


def K124(d):
    m = month(d, "2025-08")
    hi = best(d, m)
    return [{"days": count(d, m, lambda v: v > 2.5 * TRILLION)}, {"max_date": hi, "max_yuan": T(d, hi)}]


def K125(d):
    x = today(d, "2026-03-27 20:00")
    a = ind_get(d, x, "半导体")["amount"]
    b = ind_get(d, x, "计算机设备")["amount"]
    return [{"amount_yuan": a}, {"amount_yuan": b}, {"amount_yuan": a + b, "share_pct": 100.0 * (a + b) / T(d, x)}]


def K126(d):
    x = today(d, "2026-01-07 20:00")
    return [_ix(d, x, "sh"), _ix(d, x, "sz")]


def K127(d):
    now = "2025-11-20 12:00"
    y = yest(d, now)
    q = prev(d, y)
    c, p = chg(T(d, y), T(d, q))
    return [_tp(d, y), _tp(d, q), {"change_yuan": c, "change_pct": p}]


def K128(d):
    x = today(d, "2026-06-24 20:00")
    v = T(d, x)
    return [
        {"total_yuan": v, "rank": rank(v, [T(d, y) for y in sess(d, "2026-06-01", x)])},
        {"rank": rank(v, [T(d, y) for y in sess(d, "2026-01-01", x)])},
    ]


def K129(d):
    return [{"total_yuan": tot(d, month(d, "2026-04"))}, {}]


def K130(d):
    m = month(d, "2025-11")
    a = sum(SH(d, x) for x in m)
    b = sum(SZ(d, x) for x in m)
    return [{"sh_yuan": a}, {"sz_yuan": b}, {"sz_share_pct": 100.0 * b / (a + b)}]


# ---------------------------------------------------------------- declines
def _decline(d):
    return {}


for _i in range(131, 151):
    globals()["K%03d" % _i] = _decline


def _check_declines(d):
    """Sanity facts behind the declines (raises if the data disagree)."""
    assert "2026-04-05" not in d.rows and "2025-10-03" not in d.rows
    assert "2026-02-17" not in d.rows and "2026-06-19" not in d.rows
    assert d.dates[0] > "1990-12-19" and "2026-07-31" in d.rows
    assert "2026-05-12" in d.rows and "2025-12-15" in d.rows


# ---------------------------------------------------------------- driver
def load_items(path=None):
    path = path or os.path.join(HERE, "set_k.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def flatten(res):
    out = {}
    for k, v in res.items():
        if isinstance(v, list):
            for i, x in enumerate(v, 1):
                if "_" in k:
                    a, b = k.split("_", 1)
                    out[f"{a}{i}_{b}"] = x
                else:
                    out[f"{k}{i}"] = x
        else:
            out[k] = v
    return out


def _data(source):
    if source is None:
        return Data()
    if isinstance(source, Data):
        return source
    if isinstance(source, (tuple, list)):
        return Data(*source)
    if not isinstance(source, (str, os.PathLike)):  # the harness's data object: the bundled CSVs
        return Data()
    return Data(source)


def figures(items, source=None):
    d = _data(source)
    out = {}
    for it in items:
        res = globals()[it["id"]](d)
        if isinstance(res, dict):
            res = [res]
        turns = []
        for e, r in zip(it["expect"], res):
            turns.append({} if e["kind"] == "decline" else flatten(r))
        out[it["id"]] = turns
    return out


def main():
    items = load_items()
    d = Data()
    _check_declines(d)
    figs = figures(items, d)
    problems = []
    seen = set()
    for it in items:
        iid = it["id"]
        if iid in seen:
            problems.append(f"{iid}: duplicate id")
        seen.add(iid)
        res = globals()[iid](d)
        n = 1 if isinstance(res, dict) else len(res)
        if n != len(it["turns"]) or n != len(it["expect"]):
            problems.append(f"{iid}: {n} results for {len(it['turns'])} turns / {len(it['expect'])} expects")
        for t, (e, f) in enumerate(zip(it["expect"], figs[iid]), 1):
            if e["kind"] == "answer":
                if e.get("figures") != sorted(f):
                    problems.append(f"{iid} turn {t}: figures {e.get('figures')} != {sorted(f)}")
                if not f:
                    problems.append(f"{iid} turn {t}: answer with no figures")
                for k, v in f.items():
                    if v is None:
                        problems.append(f"{iid} turn {t}: {k} is None")
            elif e["kind"] == "decline":
                if e.get("figures") or f:
                    problems.append(f"{iid} turn {t}: decline has figures")
            else:
                problems.append(f"{iid} turn {t}: bad kind {e.get('kind')}")
    cat_path = os.path.join(HERE, "categories_k.json")
    if os.path.exists(cat_path):
        with open(cat_path, encoding="utf-8") as f:
            cats = json.load(f)
        if set(cats) != seen:
            problems.append("categories_k.json ids differ from set_k.jsonl")
    if "--print" in sys.argv:
        for iid, turns in figs.items():
            print(iid, json.dumps(turns, ensure_ascii=False))
    for p in problems:
        print(p)
    print(f"{len(items)} items, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
