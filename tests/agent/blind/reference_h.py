# ruff: noqa
"""Reference answers for held-out set H (marketbot, 沪深两市成交额).

Definitions:
- total = sh_yuan + sz_yuan (元). Sessions = rows of the snapshot.
- 破X / 超过X / 突破X / above X: total > X.  X以上 / at least X: >= X.  低于 / 跌破 / below: < X.
  between A and B: inclusive A <= v <= B.
- 放量: total > previous session's total; 缩量: total < previous session's total.
- weeks run Mon..Sun; months/quarters/half-years/years are calendar periods restricted to sessions.
- 今年以来 = Jan 1 .. last session closed at "now" (a session is closed at/after 15:00 Beijing).
- rank = 1 + count of sessions strictly higher; percentile = 100 * count(<= v) / population.
- changes are signed: asked minus reference (two periods: later minus earlier); change_pct = 100*change/reference.
- index change over a period = 100 * (last close in period / close of the session before the period - 1).
- 昨天 = previous session before the current day (or before the last closed session when asked before close).
- median: middle value, mean of the two middle values for even counts.
- streaks: consecutive sessions (in the session list) satisfying the condition.
- industry share = 100 * industry amount_yuan / 两市 total of that day (may exceed sums since THS includes BSE).
"""

import gzip, json, os, sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
SNAPSHOT = os.environ.get("MARKETBOT_SNAPSHOT") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "turnover_snapshot.csv.gz"
)
INDUSTRIES = os.environ.get("MARKETBOT_INDUSTRIES") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "ths_industries.csv.gz"
)

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


def _f(x):
    return float(x) if x not in ("", None) else None


class Data:
    def __init__(self, path, ipath):
        self.r = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or line.startswith("date") or not line.strip():
                    continue
                p = line.strip().split(",")
                self.r[p[0]] = tuple(_f(x) for x in p[1:7])
        self.dates = sorted(self.r)
        self.idx = {x: i for i, x in enumerate(self.dates)}
        self.ipath = ipath
        self._ind = None

    @property
    def ind(self):
        if self._ind is None:
            self._ind = {}
            with gzip.open(self.ipath, "rt", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("#") or line.startswith("date") or not line.strip():
                        continue
                    p = line.strip().split(",")
                    self._ind.setdefault(p[0], {})[p[2]] = (float(p[3]), int(p[4]), int(p[5]), float(p[6]))
        return self._ind


def T(d, x):
    r = d.r[x]
    return r[0] + r[1]


def SH(d, x):
    return d.r[x][0]


def SZ(d, x):
    return d.r[x][1]


def SHC(d, x):
    return d.r[x][2]


def SHP(d, x):
    return d.r[x][3]


def SZC(d, x):
    return d.r[x][4]


def SZP(d, x):
    return d.r[x][5]


def rng(d, a, b):
    return [x for x in d.dates if a <= x <= b]


def prev(d, x):
    return d.dates[d.idx[x] - 1]


def upto(d, b):
    return [x for x in d.dates if x <= b]


def mean(v):
    return sum(v) / len(v)


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def sm(d, ds, f=T):
    return sum(f(d, x) for x in ds)


def mn(d, ds, f=T):
    return mean([f(d, x) for x in ds])


def chg(a, b):
    return {"change_yuan": a - b, "change_pct": 100 * (a - b) / b}


def mon(x):
    return (date.fromisoformat(x) - timedelta(days=date.fromisoformat(x).weekday())).isoformat()


def idxchg(d, ds, f=SHC):
    return 100 * (f(d, ds[-1]) / f(d, prev(d, ds[0])) - 1)


def day(d, x):
    assert x in d.r, x
    return T(d, x)


def longest(d, ds, cond):
    best = (0, None, None)
    cur = 0
    st = None
    for x in ds:
        if cond(x):
            if cur == 0:
                st = x
            cur += 1
            if cur > best[0]:
                best = (cur, st, x)
        else:
            cur = 0
    return best


def fk(d, ds, up=True):
    return sum(1 for x in ds if (T(d, x) > T(d, prev(d, x)) if up else T(d, x) < T(d, prev(d, x))))


def IA(d, x, name):
    return d.ind[x][name][0]


# ---------------- single day ----------------
def H001(d):
    return {"total_yuan": day(d, "2026-07-31")}


def H002(d):
    return {"sh_yuan": SH(d, "2026-07-30")}


def H003(d):
    return {"total_yuan": day(d, "2026-07-30")}


def H004(d):
    return {"total_yuan": day(d, "2026-07-31")}


def H005(d):
    return {"total_yuan": day(d, "2024-10-08")}


def H006(d):
    return {"total_yuan": day(d, "2024-09-30")}


def H007(d):
    return {"sz_yuan": SZ(d, "2025-04-07")}


def H008(d):
    return {"total_yuan": day(d, "2025-12-31")}


def H009(d):
    a, b = day(d, "2026-07-15"), T(d, prev(d, "2026-07-15"))
    return {"total_yuan": a, "prev_total_yuan": b, "change_yuan": a - b}


def H011(d):
    return {"total_yuan": day(d, "2026-07-24")}


def H012(d):
    return {"sh_yuan": SH(d, "2015-06-12")}


def H013(d):
    return {"total_yuan": day(d, "2007-05-30")}


def H014(d):
    return {"total_yuan": day(d, "2026-01-05")}


def H015(d):
    return {"total_yuan": day(d, "2026-02-13")}


def H016(d):
    return {"sh_yuan": SH(d, "2025-09-01"), "sz_yuan": SZ(d, "2025-09-01"), "total_yuan": day(d, "2025-09-01")}


def H017(d):
    a, b = day(d, "2026-07-27"), day(d, "2026-07-24")
    return {"total_yuan": a, "prev_total_yuan": b, "change_yuan": a - b}


def H018(d):
    return {"total_yuan": day(d, "2026-03-02")}


def H019(d):
    return {"total_yuan": day(d, "2026-05-06")}


def H020(d):
    x = rng(d, "2023-01-01", "2023-12-31")[-1]
    return {"session_date": x, "total_yuan": T(d, x)}


def H021(d):
    x = rng(d, "2025-10-02", "2025-12-31")[0]
    return {"session_date": x, "total_yuan": T(d, x)}


def H022(d):
    return {"sz_yuan": SZ(d, "2026-06-18"), "sh_yuan": SH(d, "2026-06-18")}


def H023(d):
    x = "2026-04-10"
    return {"sh_yuan": SH(d, x), "total_yuan": day(d, x), "sh_share_pct": 100 * SH(d, x) / T(d, x)}


def H024(d):
    return {"total_yuan": day(d, "2026-07-31")}


def H026(d):
    a, b = day(d, "2026-07-30"), day(d, "2025-07-30")
    return dict({"total_yuan": a, "ref_total_yuan": b}, **chg(a, b))


def H027(d):
    return {"total_yuan": day(d, "2021-02-18")}


def H028(d):
    return {"total_yuan": day(d, "2019-02-25")}


def H029(d):
    return {"total_yuan": day(d, "2008-10-28")}


def H030(d):
    return {"sz_yuan": SZ(d, "2025-06-30")}


def H031(d):
    a = rng(d, "2025-01-01", "2025-12-31")[-1]
    b = rng(d, "2026-01-01", "2026-12-31")[0]
    return {"last_2025_total_yuan": T(d, a), "first_2026_total_yuan": T(d, b), "change_yuan": T(d, b) - T(d, a)}


def H032(d):
    return {"total_yuan": day(d, "2026-04-30")}


def H033(d):
    return {"sz_yuan": SZ(d, "2026-07-13")}


def H034(d):
    a, b = day(d, "2026-07-01"), day(d, "2026-06-30")
    return {"total_yuan": a, "prev_total_yuan": b, "change_yuan": a - b}


def H035(d):
    return {"total_yuan": day(d, "2024-09-24")}


# ---------------- stats ----------------
def H036(d):
    ds = rng(d, "2026-07-01", "2026-07-31")
    return {"sum_yuan": sm(d, ds), "mean_yuan": mn(d, ds), "sessions": len(ds)}


def H037(d):
    ds = rng(d, "2026-01-01", "2026-07-31")
    return {"mean_yuan": mn(d, ds), "sessions": len(ds)}


def H038(d):
    ds = rng(d, "2025-01-01", "2025-12-31")
    x = max(ds, key=lambda x: T(d, x))
    return {"max_date": x, "max_yuan": T(d, x)}


def H039(d):
    ds = rng(d, "2025-01-01", "2025-12-31")
    x = min(ds, key=lambda x: T(d, x))
    return {"min_date": x, "min_yuan": T(d, x)}


def H040(d):
    return {"days": sum(1 for x in rng(d, "2026-01-01", "2026-07-31") if T(d, x) > 2e12)}


def H041(d):
    a = mn(d, rng(d, "2026-01-01", "2026-06-30"))
    b = mn(d, rng(d, "2025-01-01", "2025-06-30"))
    return dict({"mean_yuan": a, "ref_mean_yuan": b}, **chg(a, b))


def H042(d):
    return {"median_yuan": median([T(d, x) for x in rng(d, "2026-04-01", "2026-06-30")])}


def H043(d):
    ds = sorted(rng(d, "2024-01-01", "2024-12-31"), key=lambda x: -T(d, x))[:5]
    return {"top_date": ds, "top_yuan": [T(d, x) for x in ds]}


def H044(d):
    x = max(upto(d, "2026-07-31"), key=lambda x: T(d, x))
    return {"max_date": x, "max_yuan": T(d, x)}


def H045(d):
    v = day(d, "2026-07-31")
    return {"rank": 1 + sum(1 for x in upto(d, "2026-07-31") if T(d, x) > v), "total_yuan": v}


def H046(d):
    v = day(d, "2026-07-30")
    ds = rng(d, "2026-01-01", "2026-07-30")
    return {"percentile_pct": 100 * sum(1 for x in ds if T(d, x) <= v) / len(ds), "total_yuan": v}


def H047(d):
    s = {}
    for x in rng(d, "2026-01-01", "2026-07-31"):
        s[x[:7]] = s.get(x[:7], 0) + T(d, x)
    m = max(s, key=s.get)
    return {"top_month": m, "top_month_sum_yuan": s[m]}


def H048(d):
    ds = upto(d, "2026-07-31")
    n = 0
    for x in reversed(ds):
        if T(d, x) > 1e12:
            n += 1
            st = x
        else:
            break
    return {"streak_days": n, "streak_start_date": st}


def H049(d):
    n, a, b = longest(d, rng(d, "2026-01-01", "2026-07-31"), lambda x: T(d, x) > 2e12)
    return {"streak_days": n, "start_date": a, "end_date": b}


def H050(d):
    return {"days": sum(1 for x in rng(d, "2025-01-01", "2025-12-31") if T(d, x) < 1e12)}


def H051(d):
    return {"days": sum(1 for x in rng(d, "2025-01-01", "2025-12-31") if 1.5e12 <= T(d, x) <= 2e12)}


def H052(d):
    ds = rng(d, "2026-07-27", "2026-08-02")
    return {"sum_yuan": sm(d, ds), "mean_yuan": mn(d, ds)}


def H053(d):
    ds = rng(d, "2026-07-20", "2026-07-26")
    return {"mean_yuan": mn(d, ds), "sum_yuan": sm(d, ds)}


def H054(d):
    return {"days": fk(d, rng(d, "2026-06-01", "2026-06-30"))}


def H055(d):
    return {
        "q%d_mean_yuan" % q: mn(d, rng(d, "2025-%02d-01" % (3 * q - 2), "2025-%02d-31" % (3 * q))) for q in (1, 2, 3, 4)
    }


def H056(d):
    a = sm(d, rng(d, "2026-07-01", "2026-07-15"))
    b = sm(d, rng(d, "2026-06-01", "2026-06-15"))
    return dict({"sum_yuan": a, "ref_sum_yuan": b}, **chg(a, b))


def H057(d):
    return {"sh_mean_yuan": mn(d, rng(d, "2023-01-01", "2023-12-31"), SH)}


def H058(d):
    ds = rng(d, "2022-01-01", "2022-12-31")
    return {"sum_yuan": sm(d, ds), "sessions": len(ds)}


def H059(d):
    return {"y%d_mean_yuan" % y: mn(d, rng(d, "%d-01-01" % y, "%d-12-31" % y)) for y in range(2021, 2026)}


def H060(d):
    ds = sorted(rng(d, "2026-01-01", "2026-07-31"), key=lambda x: T(d, x))[:5]
    return {"bottom_date": ds, "bottom_yuan": [T(d, x) for x in ds]}


def H061(d):
    return {"mean_yuan": mn(d, upto(d, "2026-07-31")[-20:])}


def H062(d):
    return {"days": fk(d, upto(d, "2026-07-31")[-10:], up=False)}


def H063(d):
    return {"sz_sum_yuan": sm(d, rng(d, "2025-07-01", "2025-12-31"), SZ)}


def H064(d):
    ds = rng(d, "2026-01-01", "2026-07-31")
    return {"sh_share_pct": 100 * sm(d, ds, SH) / sm(d, ds)}


def H065(d):
    ds = rng(d, "2024-09-24", "2024-10-08")
    return {"sum_yuan": sm(d, ds), "sessions": len(ds)}


def H066(d):
    return {"mean_yuan": mn(d, rng(d, "2026-06-01", "2026-06-30"))}


def H067(d):
    ds = rng(d, "2025-07-25", "2025-07-31")
    return {"mean_yuan": mn(d, ds), "sessions": len(ds)}


def H068(d):
    return {"days": sum(1 for x in rng(d, "2020-01-01", "2020-12-31") if T(d, x) > 1e12)}


def H069(d):
    x = next(x for x in d.dates if T(d, x) > 1e12)
    return {"first_date": x, "total_yuan": T(d, x)}


def H070(d):
    x = next(x for x in d.dates if T(d, x) > 2e12)
    return {"first_date": x, "total_yuan": T(d, x)}


def H071(d):
    ds = [x for x in upto(d, "2026-07-31") if T(d, x) >= 3e12]
    return {"days": len(ds), "first_date": ds[0] if ds else None}


def H072(d):
    a = mn(d, rng(d, "2026-01-01", "2026-03-31"))
    b = mn(d, rng(d, "2025-10-01", "2025-12-31"))
    return dict({"mean_yuan": a, "ref_mean_yuan": b}, **chg(a, b))


def H073(d):
    s = {}
    for x in rng(d, "2026-01-01", "2026-07-31"):
        s[mon(x)] = s.get(mon(x), 0) + T(d, x)
    w = max(s, key=s.get)
    return {"top_week_start_date": w, "top_week_sum_yuan": s[w]}


def H074(d):
    a = sm(d, rng(d, "2026-01-01", "2026-07-31"))
    b = sm(d, rng(d, "2025-01-01", "2025-07-31"))
    return dict({"sum_yuan": a, "ref_sum_yuan": b}, **chg(a, b))


def H075(d):
    return {"median_yuan": median([T(d, x) for x in rng(d, "2025-01-01", "2025-12-31")])}


def H076(d):
    x = max(rng(d, "2026-01-01", "2026-07-31"), key=lambda x: SZ(d, x))
    return {"max_date": x, "sz_max_yuan": SZ(d, x)}


def H077(d):
    ds = rng(d, "2026-01-01", "2026-07-31")
    n = sum(1 for x in ds if T(d, x) >= 1.8e12)
    return {"days": n, "sessions": len(ds), "share_pct": 100 * n / len(ds)}


def H078(d):
    ds = rng(d, "2026-05-01", "2026-05-31")
    a = max(ds, key=lambda x: T(d, x))
    b = min(ds, key=lambda x: T(d, x))
    return {"max_date": a, "max_yuan": T(d, a), "min_date": b, "min_yuan": T(d, b)}


def H079(d):
    s = {}
    for x in rng(d, "2025-01-01", "2025-12-31"):
        s.setdefault(x[:7], []).append(T(d, x))
    m = min(s, key=lambda k: mean(s[k]))
    return {"bottom_month": m, "mean_yuan": mean(s[m])}


def H080(d):
    a = mn(d, rng(d, "2026-07-01", "2026-07-17"))
    b = mn(d, rng(d, "2026-06-01", "2026-06-30"))
    return dict({"mean_yuan": a, "ref_mean_yuan": b}, **chg(a, b))


# ---------------- price + volume ----------------
def H081(d):
    x = "2026-07-31"
    return {"sh_close_pts": SHC(d, x), "sh_pct": SHP(d, x), "total_yuan": T(d, x)}


def H082(d):
    x = "2026-07-28"
    return {"sz_close_pts": SZC(d, x), "sz_pct": SZP(d, x), "total_yuan": T(d, x)}


def H083(d):
    ds = rng(d, "2026-07-01", "2026-07-31")
    return {"sh_change_pct": idxchg(d, ds), "sum_yuan": sm(d, ds)}


def H084(d):
    ds = rng(d, "2026-01-01", "2026-07-31")
    return {"sh_change_pct": idxchg(d, ds), "sh_close_pts": SHC(d, ds[-1])}


def H085(d):
    ds = rng(d, "2025-01-01", "2025-12-31")
    return {"sh_change_pct": idxchg(d, ds), "sum_yuan": sm(d, ds)}


def H086(d):
    x = min(rng(d, "2026-01-01", "2026-07-31"), key=lambda x: SHP(d, x))
    return {"min_date": x, "sh_pct": SHP(d, x), "total_yuan": T(d, x)}


def H087(d):
    x = "2024-10-08"
    return {"sh_pct": SHP(d, x), "sh_close_pts": SHC(d, x), "total_yuan": T(d, x)}


def H088(d):
    ds = [x for x in rng(d, "2026-01-01", "2026-07-31") if SHP(d, x) < -2]
    return {"days": len(ds), "mean_yuan": mn(d, ds) if ds else None}


def H089(d):
    x = max(rng(d, "2026-01-01", "2026-07-31"), key=lambda x: SHC(d, x))
    return {"max_date": x, "sh_close_pts": SHC(d, x), "total_yuan": T(d, x)}


def H090(d):
    return {"days": sum(1 for x in rng(d, "2026-07-01", "2026-07-31") if T(d, x) > T(d, prev(d, x)) and SHP(d, x) > 0)}


def H091(d):
    return {"sz_change_pct": idxchg(d, rng(d, "2026-01-01", "2026-07-31"), SZC)}


def H092(d):
    ds = rng(d, "2015-06-01", "2015-06-30")
    return {"sh_change_pct": idxchg(d, ds), "mean_yuan": mn(d, ds)}


def H093(d):
    ds = rng(d, "2026-07-20", "2026-07-26")
    return {"sh_change_pct": idxchg(d, ds), "sum_yuan": sm(d, ds)}


def H094(d):
    x = next(x for x in reversed(upto(d, "2026-07-31")) if T(d, x) < T(d, prev(d, x)) and SHP(d, x) < 0)
    return {"session_date": x, "total_yuan": T(d, x), "sh_pct": SHP(d, x)}


def H095(d):
    x = "2019-02-25"
    return {"sh_pct": SHP(d, x), "sz_pct": SZP(d, x), "total_yuan": T(d, x)}


# ---------------- industry ----------------
def H096(d):
    r = d.ind["2026-07-31"]
    k = max(r, key=lambda k: r[k][0])
    return {"top_industry": k, "top_yuan": r[k][0]}


def H097(d):
    r = d.ind["2026-07-31"]
    ks = sorted(r, key=lambda k: -r[k][3])[:3]
    return {"top_industry": ks, "top_pct": [r[k][3] for k in ks]}


def H098(d):
    return {"amount_yuan": IA(d, "2026-07-30", "半导体")}


def H099(d):
    r = d.ind["2026-07-28"]["证券"]
    return {"up_count": r[1], "total_count": r[2]}


def H100(d):
    a = IA(d, "2026-07-31", "半导体")
    t = T(d, "2026-07-31")
    return {"amount_yuan": a, "total_yuan": t, "share_pct": 100 * a / t}


def H101(d):
    a = sum(IA(d, "2026-07-31", k) for k in AI)
    t = T(d, "2026-07-31")
    return {"amount_yuan": a, "share_pct": 100 * a / t}


def H102(d):
    r = d.ind["2026-07-28"]
    k = min(r, key=lambda k: r[k][3])
    return {"bottom_industry": k, "bottom_pct": r[k][3]}


def H103(d):
    return {"mean_yuan": mean([IA(d, x, "银行") for x in rng(d, "2026-07-01", "2026-07-31")])}


def H104(d):
    r = d.ind["2026-07-30"]["白酒"]
    return {"change_pct": r[3], "amount_yuan": r[0]}


def H105(d):
    r = d.ind["2026-07-31"]
    k = min(r, key=lambda k: r[k][0])
    return {"bottom_industry": k, "bottom_yuan": r[k][0]}


def H106(d):
    s = {}
    for x in rng(d, "2025-08-01", "2025-08-31"):
        for k, v in d.ind[x].items():
            s[k] = s.get(k, 0) + v[0]
    k = max(s, key=s.get)
    return {"top_industry": k, "top_yuan": s[k]}


def H107(d):
    r = d.ind["2026-07-29"]
    k = max(r, key=lambda k: r[k][1])
    return {"top_industry": k, "up_count": r[k][1]}


# ---------------- follow-ups ----------------
def H109(d):
    a, b = T(d, "2026-07-31"), T(d, "2026-07-30")
    return [{"total_yuan": a}, {"sh_yuan": SH(d, "2026-07-31")}, dict({"prev_total_yuan": b}, **chg(a, b))]


def H110(d):
    x = H038(d)["max_date"]
    return [H038(d), {"sh_pct": SHP(d, x)}]


def H111(d):
    a = mn(d, rng(d, "2026-07-01", "2026-07-31"))
    b = mn(d, rng(d, "2026-06-01", "2026-06-30"))
    return [{"mean_yuan": a}, {"mean_yuan": b}, chg(a, b)]


def H112(d):
    return [{"total_yuan": day(d, "2026-07-15")}, {"sh_close_pts": SHC(d, "2026-07-15")}]


def H113(d):
    return [H040(d), {"days": sum(1 for x in rng(d, "2025-01-01", "2025-07-31") if T(d, x) > 2e12)}]


def H114(d):
    a = IA(d, "2026-07-31", "半导体")
    b = IA(d, "2026-07-31", "电池")
    return [
        {"amount_yuan": a},
        {"amount_yuan": b},
        {"sum_yuan": a + b, "share_pct": 100 * (a + b) / T(d, "2026-07-31")},
    ]


def H115(d):
    return [{"total_yuan": day(d, "2024-10-08")}, {}]


def H116(d):
    return [{"sum_yuan": H053(d)["sum_yuan"]}, {"sum_yuan": H052(d)["sum_yuan"]}]


def H117(d):
    a = mn(d, rng(d, "2026-01-01", "2026-03-31"))
    b = mn(d, rng(d, "2026-04-01", "2026-06-30"))
    return [{"mean_yuan": a}, {"mean_yuan": b}, chg(b, a)]


def H118(d):
    ds = rng(d, "2026-03-01", "2026-03-31")
    a = max(ds, key=lambda x: T(d, x))
    b = min(ds, key=lambda x: T(d, x))
    return [{"max_date": a, "max_yuan": T(d, a)}, {"min_date": b, "min_yuan": T(d, b)}]


def H119(d):
    return [{"total_yuan": day(d, "2026-05-06")}, {"total_yuan": day(d, "2026-05-08")}, {}]


def H120(d):
    ds = upto(d, "2026-07-31")[-5:]
    return [{"sum_yuan": sm(d, ds)}, {"mean_yuan": mn(d, ds)}]


def H121(d):
    ds = rng(d, "2015-01-01", "2015-12-31")
    x = max(ds, key=lambda x: T(d, x))
    return [{"max_date": x, "max_yuan": T(d, x)}, {"days": sum(1 for y in ds if T(d, y) > 2e12)}]


def H122(d):
    return [H037(d), {"mean_yuan": mn(d, rng(d, "2026-02-01", "2026-07-31"))}]


def H123(d):
    x = "2026-07-31"
    return [{"sz_yuan": SZ(d, x)}, {"sh_yuan": SH(d, x)}, {"sh_share_pct": 100 * SH(d, x) / T(d, x)}]


# ---------------- other ----------------
def H144(d):
    x = "2026-07-28"
    return {"sz_pct": SZP(d, x), "total_yuan": T(d, x)}


def H145(d):
    return {"first_date": d.dates[0]}


def H146(d):
    return {"sessions": len(rng(d, "2025-01-01", "2025-12-31"))}


def H147(d):
    x = rng(d, "2026-01-01", "2026-02-15")[-1]
    return {"session_date": x, "total_yuan": T(d, x)}


def H148(d):
    return {"sessions": len(rng(d, "2024-01-01", "2024-12-31"))}


def H149(d):
    a, b = T(d, "2026-07-31"), T(d, "2026-07-30")
    return {"total_yuan": a, "prev_total_yuan": b, "change_yuan": a - b}


def _flat(r):
    out = {}
    for k, v in r.items():
        if isinstance(v, list):
            head, _, tail = k.partition("_")
            for i, x in enumerate(v, 1):
                out["%s%d_%s" % (head, i, tail)] = x
        else:
            out[k] = v
    return out


def load_items(path=None):
    path = path or os.path.join(HERE, "set_h.jsonl")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(l) for l in fh if l.strip()]


def figures(items, source=None):
    snap = os.fspath(source) if isinstance(source, (str, os.PathLike)) else SNAPSHOT
    d = Data(snap, INDUSTRIES)
    out = {}
    for it in items:
        fn = globals().get(it["id"])
        n = len(it["turns"])
        if fn is None:
            out[it["id"]] = [{} for _ in range(n)]
            continue
        r = fn(d)
        r = [r] if isinstance(r, dict) else r
        out[it["id"]] = [_flat(x) for x in r]
    return out


if __name__ == "__main__":
    items = load_items(sys.argv[1] if len(sys.argv) > 1 else None)
    figs = figures(items)
    bad = 0
    for it in items:
        got = figs[it["id"]]
        if len(got) != len(it["expect"]):
            print(it["id"], "turn count mismatch")
            bad += 1
            continue
        for i, (e, g) in enumerate(zip(it["expect"], got)):
            want = sorted(e["figures"]) if e["kind"] == "answer" else []
            if want != sorted(g) or (e["kind"] == "answer" and any(v is None for v in g.values())):
                print(it["id"], i, "want", want, "got", sorted(g))
                bad += 1
    print(len(items), "items;", bad, "mismatches")
    sys.exit(1 if bad else 0)
