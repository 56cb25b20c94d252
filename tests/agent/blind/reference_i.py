# ruff: noqa
"""Reference answers for held-out set I (marketbot).

Definitions:
- total = sh_yuan + sz_yuan (元). Sessions = rows of the snapshot. A session is closed at/after 15:00 on its day.
- 破X/超过X/突破X/above = > X; X以上/at least = >= X; 低于/跌破/below = < X; between = inclusive.
- 放量 = total > previous session's total; 缩量 = total < previous session's.
- Weeks run Mon..Sun. 今年以来 = Jan 1 .. last closed session. 昨天 = previous session; 前天 = the one before.
- rank = 1 + count strictly higher; percentile = 100*count(<= v)/population.
- Changes are signed: asked minus reference; two periods: later minus earlier; change_pct = 100*change/reference.
- Index change over a period = 100*(last close in period / close of the session before the period - 1).
- Share = 100*part/whole (industry share of 两市 total; sh share over a period = sum sh / sum total).
- Last N sessions / 本周 / 上周 / 今年以来 are taken up to the last session closed at "now" (sessions close at 15:00).
- Streaks: 缩量 streak compares each session with the previous session (the first 2026 session with 2025-12-31).
- No ties occur in any asked max/min/top-N in this data.
- Industry data: THS industries, amount_yuan, up_count, total_count, change_pct. Theme = sum of its industries.
"""

import csv, gzip, io, json, os, sys, statistics

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


def _read(path):
    op = gzip.open if str(path).endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#") and l.strip()]
    return list(csv.DictReader(io.StringIO("".join(lines))))


def _fl(x):
    return float(x) if x not in (None, "") else None


class D:
    def __init__(self, snap=None, ind=None):
        rows = _read(snap or SNAPSHOT)
        self.dates = [r["date"] for r in rows]
        self.pos = {d: i for i, d in enumerate(self.dates)}
        self.r = {}
        for r in rows:
            self.r[r["date"]] = dict(
                sh=float(r["sh_yuan"]),
                sz=float(r["sz_yuan"]),
                shc=_fl(r.get("sh_close")),
                shp=_fl(r.get("sh_pct")),
                szc=_fl(r.get("sz_close")),
                szp=_fl(r.get("sz_pct")),
            )
        self.ind = {}
        try:
            for r in _read(ind or INDUSTRIES):
                self.ind.setdefault(r["date"], {})[r["industry"]] = dict(
                    amount=float(r["amount_yuan"]),
                    up=int(r["up_count"]),
                    n=int(r["total_count"]),
                    pct=float(r["change_pct"]),
                )
        except FileNotFoundError:
            pass

    def T(self, d):
        return self.r[d]["sh"] + self.r[d]["sz"]

    def SH(self, d):
        return self.r[d]["sh"]

    def SZ(self, d):
        return self.r[d]["sz"]

    def prev(self, d, k=1):
        return self.dates[self.pos[d] - k]

    def nxt(self, d):
        return self.dates[self.pos[d] + 1]

    def S(self, a, b):
        return [d for d in self.dates if a <= d <= b]

    def before(self, a):
        return [d for d in self.dates if d < a][-1]

    def last(self, now):
        day, hm = now.split()
        c = [d for d in self.dates if d < day or (d == day and hm >= "15:00")]
        return c[-1]

    def lastn(self, now, n):
        l = self.last(now)
        i = self.pos[l]
        return self.dates[i - n + 1 : i + 1]

    def avg(self, ds, f=None):
        f = f or self.T
        return sum(f(d) for d in ds) / len(ds)

    def sm(self, ds, f=None):
        f = f or self.T
        return sum(f(d) for d in ds)

    def mx(self, ds, f=None):
        f = f or self.T
        return max(ds, key=lambda d: (f(d), d))

    def mn(self, ds, f=None):
        f = f or self.T
        return min(ds, key=lambda d: (f(d), d))

    def chg(self, d):
        return self.T(d) - self.T(self.prev(d))

    def idx(self, a, b, k="shc"):
        ds = self.S(a, b)
        return 100 * (self.r[ds[-1]][k] / self.r[self.before(a)][k] - 1)


def pc(a, ref):
    return {"change_yuan": a - ref, "change_pct": 100 * (a - ref) / ref}


# ---------------- single day ----------------
def I001(d):
    return {"total_yuan": d.T("2026-07-31")}


def I003(d):
    x = "2026-07-31"
    return {"total_yuan": d.T(x), "sh_yuan": d.SH(x), "sz_yuan": d.SZ(x)}


def I004(d):
    return {"total_yuan": d.T("2026-07-28")}


def I005(d):
    return {"total_yuan": d.T("2026-07-24")}


def I006(d):
    return {"sh_yuan": d.SH("2026-06-22")}


def I007(d):
    return {"sz_yuan": d.SZ("2026-07-28")}


def I008(d):
    return {"total_yuan": d.T("2026-05-06")}


def I010(d):
    return {"total_yuan": d.T("2025-10-09")}


def I011(d):
    return {"total_yuan": d.T("2015-06-12")}


def I012(d):
    return {"total_yuan": d.T("2024-09-30")}


def I013(d):
    return {"total_yuan": d.T("2024-10-08")}


def I014(d):
    x = "2026-07-31"
    return {"sh_yuan": d.SH(x), "sz_yuan": d.SZ(x), "total_yuan": d.T(x)}


def I016(d):
    return {"total_yuan": d.T("1991-04-03")}


def I017(d):
    x = "2026-07-30"
    return {"sh_share_pct": 100 * d.SH(x) / d.T(x)}


def I018(d):
    x = "2026-07-23"
    return {"diff_yuan": d.SZ(x) - d.SH(x)}


def I019(d):
    return {"total_yuan": d.T("2008-10-28")}


def I022(d):
    return {"total_yuan": d.T("2026-07-31")}


def I023(d):
    return {"total_yuan": d.T("2026-07-17")}


def I024(d):
    return {"total_yuan": d.T("2021-02-18")}


def I025(d):
    return {"total_yuan": d.T("2026-07-22")}


def I026(d):
    return {"total_yuan": d.T("2026-01-05")}


def I027(d):
    return {"total_yuan": d.T("2026-07-24")}


def I028(d):
    x = "2026-07-31"
    return {"total_yuan": d.T(x), "prev_total_yuan": d.T(d.prev(x)), "change_yuan": d.chg(x)}


def I029(d):
    return pc(d.T("2026-07-27"), d.T("2026-07-24"))


def I030(d):
    return pc(d.T("2026-07-28"), d.T("2026-07-27"))


def I031(d):
    return {"sh_yuan": d.SH("2025-12-31")}


def I033(d):
    return {"total_yuan": d.T("2026-07-23")}


def I034(d):
    return {"total_yuan": d.T("2026-03-09")}


def I035(d):
    return {"total_yuan": d.T("2019-02-25")}


def I036(d):
    return {"total_yuan": d.T("2000-01-04")}


# ---------------- stats ----------------
def I037(d):
    ds = d.S("2026-07-01", "2026-07-31")
    return {"avg_yuan": d.avg(ds), "sessions": len(ds)}


def I038(d):
    return {"avg_yuan": d.avg(d.S("2026-01-01", "2026-07-31"))}


def I039(d):
    ds = d.S("2026-01-01", "2026-06-30")
    m = d.mx(ds)
    return {"max_date": m, "max_yuan": d.T(m)}


def I040(d):
    ds = d.S("2026-07-01", "2026-07-31")
    m = d.mn(ds)
    return {"min_date": m, "min_yuan": d.T(m)}


def I041(d):
    return {"days": sum(d.T(x) > 3e12 for x in d.S("2026-01-01", "2026-07-31"))}


def I042(d):
    return {"sum_yuan": d.sm(d.S("2025-01-01", "2025-12-31"))}


def I043(d):
    return {"days": sum(d.T(x) >= 3e12 for x in d.S("2026-06-01", "2026-06-30"))}


def I044(d):
    m = d.mx(d.dates)
    return {"max_date": m, "max_yuan": d.T(m)}


def I045(d):
    v = d.T("2026-07-31")
    return {"rank": 1 + sum(d.T(x) > v for x in d.dates)}


def I046(d):
    return {"avg_yuan": d.avg(d.S("2026-07-27", "2026-08-02"))}


def I047(d):
    return {"sum_yuan": d.sm(d.S("2026-07-27", "2026-08-02"))}


def I048(d):
    return {"avg_yuan": d.avg(d.lastn("2026-08-04 10:00", 5))}


def I049(d):
    m = d.mn(d.lastn("2026-08-01 10:00", 20))
    return {"min_date": m, "min_yuan": d.T(m)}


def I050(d):
    return pc(d.avg(d.S("2026-07-01", "2026-07-31")), d.avg(d.S("2026-06-01", "2026-06-30")))


def I051(d):
    return {"sessions": len(d.S("2024-01-01", "2024-12-31"))}


def I052(d):
    return {"days": sum(d.T(x) > 2e12 for x in d.S("2025-01-01", "2025-12-31"))}


def I053(d):
    return {"avg_yuan": d.avg(d.S("2015-01-01", "2015-12-31"))}


def I054(d):
    return {"sh_sum_yuan": d.sm(d.S("2026-07-01", "2026-07-31"), d.SH)}


def I055(d):
    n = 0
    for x in reversed(d.S("1991-01-01", "2026-07-31")):
        if d.T(x) > 2e12:
            n += 1
        else:
            break
    return {"streak_days": n}


def I056(d):
    best, cur, end, bend = 0, 0, None, None
    for x in d.S("2026-01-01", "2026-07-31"):
        if d.T(x) < d.T(d.prev(x)):
            cur += 1
            if cur > best:
                best, bend = cur, x
        else:
            cur = 0
    return {"longest_streak": best, "streak_end_date": bend}


def I057(d):
    return {"median_yuan": statistics.median([d.T(x) for x in d.S("2026-04-01", "2026-06-30")])}


def I058(d):
    return {"days": sum(2e12 <= d.T(x) <= 3e12 for x in d.S("2026-07-01", "2026-07-31"))}


def I059(d):
    ds = d.S("2026-01-01", "2026-07-31")
    v = d.T("2026-07-31")
    return {"percentile_pct": 100 * sum(d.T(x) <= v for x in ds) / len(ds)}


def I060(d):
    ms = {}
    for x in d.S("2025-01-01", "2025-12-31"):
        ms.setdefault(x[:7], []).append(x)
    m = max(ms, key=lambda k: d.avg(ms[k]))
    return {"month": m, "avg_yuan": d.avg(ms[m])}


def I061(d):
    return {"days": sum(d.T(x) < 2e12 for x in d.S("2026-01-01", "2026-07-31"))}


def I062(d):
    m = d.mx(d.S("2021-01-01", "2021-12-31"))
    return {"max_date": m, "max_yuan": d.T(m)}


def I063(d):
    return {"days": sum(d.chg(x) > 0 for x in d.S("2026-07-01", "2026-07-31"))}


def I064(d):
    ds = d.S("2024-09-24", "2024-10-08")
    return {"sum_yuan": d.sm(ds), "sessions": len(ds)}


def I065(d):
    return {"sz_avg_yuan": d.avg(d.S("2026-01-01", "2026-07-15"), d.SZ)}


def I066(d):
    m = d.mn(d.S("2023-01-01", "2023-12-31"))
    return {"min_date": m, "min_yuan": d.T(m)}


def I067(d):
    return {"sum_yuan": d.sm(d.S("2026-01-01", "2026-01-31"))}


def I068(d):
    return pc(d.sm(d.S("2025-01-01", "2025-12-31")), d.sm(d.S("2024-01-01", "2024-12-31")))


def I069(d):
    f = next(x for x in d.dates if d.T(x) > 1e12)
    return {"first_date": f, "total_yuan": d.T(f)}


def I070(d):
    f = next(x for x in d.dates if d.T(x) > 3e12)
    return {"first_date": f}


def I071(d):
    ds = d.S("2026-03-01", "2026-03-31")
    a, b = d.T(d.mx(ds)), d.T(d.mn(ds))
    return {"max_yuan": a, "min_yuan": b, "range_yuan": a - b}


def I072(d):
    ds = d.lastn("2026-08-05 10:00", 10)
    return {"up_days": sum(d.chg(x) > 0 for x in ds), "down_days": sum(d.chg(x) < 0 for x in ds)}


def I073(d):
    return {"avg_yuan": d.avg(d.S("2026-01-01", "2026-03-31"))}


def I074(d):
    return {"days": sum(d.T(x) > 3e12 for x in d.S("2025-07-01", "2025-12-31"))}


def I075(d):
    ds = d.S("2026-01-01", "2026-07-31")
    return {"sh_share_pct": 100 * d.sm(ds, d.SH) / d.sm(ds)}


def I076(d):
    ds = sorted(d.S("2026-06-01", "2026-06-30"), key=lambda x: -d.T(x))[:3]
    return {"top_date": ds, "top_yuan": [d.T(x) for x in ds]}


def I077(d):
    return {"sum_yuan": d.sm(d.S("2020-01-01", "2020-12-31"))}


def I078(d):
    f = [x for x in d.dates if d.T(x) < 1e12][-1]
    return {"last_date": f, "total_yuan": d.T(f)}


def I079(d):
    ds = d.S("2026-05-01", "2026-05-31")
    return {"sessions": len(ds), "avg_yuan": d.avg(ds)}


def I080(d):
    m = d.mx(d.S("2026-01-01", "2026-07-31"))
    return {"max_date": m, "max_yuan": d.T(m)}


def I081(d):
    return {"days": sum(d.T(x) > 2.5e12 for x in d.S("2026-01-01", "2026-07-10"))}


# ---------------- price + volume ----------------
def I082(d):
    x = "2026-07-17"
    return {"sh_pct": d.r[x]["shp"], "total_yuan": d.T(x)}


def I083(d):
    x = "2026-07-31"
    return {"sh_close_pts": d.r[x]["shc"], "total_yuan": d.T(x)}


def I084(d):
    return {"sh_change_pct": d.idx("2026-07-01", "2026-07-31")}


def I085(d):
    return {"sz_change_pct": d.idx("2026-01-01", "2026-07-31", "szc")}


def I086(d):
    ds = [x for x in d.S("2026-07-01", "2026-07-31") if d.r[x]["shp"] < 0]
    return {"days": len(ds), "avg_yuan": d.avg(ds)}


def I087(d):
    return {"days": sum(d.r[x]["shp"] < -2 for x in d.S("2026-01-01", "2026-07-31"))}


def I088(d):
    x = "2026-06-26"
    return {"sh_pct": d.r[x]["shp"], "sz_pct": d.r[x]["szp"], "total_yuan": d.T(x)}


def I089(d):
    m = max(d.dates, key=lambda x: d.r[x]["shc"])
    return {"max_date": m, "sh_close_pts": d.r[m]["shc"], "total_yuan": d.T(m)}


def I090(d):
    m = max(d.S("2026-01-01", "2026-07-31"), key=lambda x: d.r[x]["shc"])
    return {"max_date": m, "sh_close_pts": d.r[m]["shc"]}


def I091(d):
    return {"days": sum(d.chg(x) > 0 and d.r[x]["shp"] < 0 for x in d.S("2026-07-01", "2026-07-31"))}


def I092(d):
    x = "2026-07-24"
    return {"total_yuan": d.T(x), "change_yuan": d.chg(x), "sh_pct": d.r[x]["shp"]}


def I093(d):
    x = "2015-06-12"
    return {"sh_close_pts": d.r[x]["shc"], "total_yuan": d.T(x)}


def I094(d):
    return {"sh_change_pct": d.idx("2025-01-01", "2025-12-31")}


def I095(d):
    x = "2026-07-31"
    return {"sz_pct": d.r[x]["szp"], "sz_close_pts": d.r[x]["szc"], "total_yuan": d.T(x)}


def I096(d):
    return {"sh_change_pct": d.idx("2026-07-20", "2026-07-26"), "sum_yuan": d.sm(d.S("2026-07-20", "2026-07-26"))}


# ---------------- industry ----------------
def _top(d, x, key, n=1, rev=True):
    items = sorted(d.ind[x].items(), key=lambda kv: kv[1][key], reverse=rev)
    return items[:n]


def I097(d):
    t = _top(d, "2026-07-31", "amount", 3)
    return {"top_industry": [k for k, _ in t], "top_yuan": [v["amount"] for _, v in t]}


def I098(d):
    ((k, v),) = _top(d, "2026-07-31", "pct")
    return {"top_industry": k, "change_pct": v["pct"]}


def I099(d):
    return {"amount_yuan": d.ind["2026-07-31"]["半导体"]["amount"]}


def I100(d):
    v = d.ind["2026-07-30"]["银行"]
    return {"up_count": v["up"], "total_count": v["n"]}


def I101(d):
    return {"share_pct": 100 * d.ind["2026-07-31"]["半导体"]["amount"] / d.T("2026-07-31")}


def I102(d):
    ((k, v),) = _top(d, "2026-07-28", "pct", 1, False)
    return {"bottom_industry": k, "change_pct": v["pct"]}


def I103(d):
    ds = d.S("2026-07-01", "2026-07-31")
    return {"avg_yuan": sum(d.ind[x]["白酒"]["amount"] for x in ds) / len(ds)}


def I104(d):
    return {"sum_yuan": sum(d.ind["2026-07-31"][k]["amount"] for k in AI)}


def I105(d):
    t = _top(d, "2026-07-17", "pct", 3, False)
    return {"bottom_industry": [k for k, _ in t], "bottom_change_pct": [v["pct"] for _, v in t]}


def I106(d):
    ((k, v),) = _top(d, "2026-07-31", "up")
    return {"top_industry": k, "up_count": v["up"]}


def I107(d):
    a, b = d.ind["2026-07-31"]["证券"]["amount"], d.ind["2026-07-30"]["证券"]["amount"]
    return pc(a, b)


def I109(d):
    v = d.ind["2026-07-31"]["电力"]
    return {"change_pct": v["pct"], "amount_yuan": v["amount"]}


# ---------------- follow-ups ----------------
def I110(d):
    return [
        {"total_yuan": d.T("2026-07-31")},
        {"total_yuan": d.T("2026-07-30")},
        {"change_yuan": d.T("2026-07-31") - d.T("2026-07-30")},
    ]


def I111(d):
    a, b = d.avg(d.S("2026-06-01", "2026-06-30")), d.avg(d.S("2026-07-01", "2026-07-31"))
    return [{"avg_yuan": a}, {"avg_yuan": b}, pc(b, a)]


def I112(d):
    x = "2026-07-24"
    return [{"total_yuan": d.T(x)}, {"sh_yuan": d.SH(x)}, {"sh_close_pts": d.r[x]["shc"], "sh_pct": d.r[x]["shp"]}]


def I113(d):
    m = d.mx(d.S("2026-01-01", "2026-07-31"))
    return [{"max_date": m, "max_yuan": d.T(m)}, {"sh_pct": d.r[m]["shp"]}]


def I114(d):
    m = d.mn(d.S("2026-07-01", "2026-07-31"))
    n = d.nxt(m)
    return [{"min_date": m, "min_yuan": d.T(m)}, {"total_yuan": d.T(n)}, pc(d.T(n), d.T(m))]


def I115(d):
    return [
        {"days": sum(d.T(x) > 3e12 for x in d.S("2025-01-01", "2025-12-31"))},
        {"days": sum(d.T(x) > 3e12 for x in d.S("2026-01-01", "2026-07-31"))},
    ]


def I116(d):
    a = d.ind["2026-07-31"]["半导体"]["amount"]
    return [{"amount_yuan": a}, {"share_pct": 100 * a / d.T("2026-07-31")}, {}]


def I117(d):
    a, b = d.S("2026-07-20", "2026-07-26"), d.S("2026-07-13", "2026-07-19")
    return [{"sum_yuan": d.sm(a)}, {"avg_yuan": d.avg(a)}, pc(d.sm(a), d.sm(b))]


def I118(d):
    m = d.mx(d.S("2015-01-01", "2015-12-31"))
    return [{"max_date": m, "max_yuan": d.T(m)}, {"avg_yuan": d.avg(d.S("2015-01-01", "2015-12-31"))}]


def I119(d):
    x = "2026-07-30"
    ((k, v),) = _top(d, x, "amount")
    return [
        {"total_yuan": d.T(x)},
        {"top_industry": k, "amount_yuan": v["amount"]},
        {"up_count": v["up"], "total_count": v["n"]},
    ]


def I120(d):
    return [{}, {"total_yuan": d.T("2026-07-30")}]


def I121(d):
    ds = d.S("2026-02-01", "2026-02-28")
    return [{"avg_yuan": d.avg(ds), "sessions": len(ds)}, {"sessions": len(ds)}]


def I122(d):
    ds = [x for x in d.S("2026-01-01", "2026-07-31")]
    m = d.mn(ds)
    return [{"days": sum(d.T(x) < 2e12 for x in ds)}, {"min_date": m, "min_yuan": d.T(m)}, {}]


def I123(d):
    ds = d.S("2026-07-01", "2026-07-31")
    a, b = d.sm(ds, d.SH), d.sm(ds, d.SZ)
    return [{"sh_sum_yuan": a}, {"sz_sum_yuan": b}, {"diff_yuan": b - a}]


def I124(d):
    return [
        {"sh_change_pct": d.idx("2026-07-01", "2026-07-31")},
        {"sz_change_pct": d.idx("2026-07-01", "2026-07-31", "szc")},
    ]


# ---------------- other ----------------
def I137(d):
    x = "2026-07-28"
    return {"total_yuan": d.T(x), "change_yuan": d.chg(x)}


def I138(d):
    return {"total_yuan": d.T("2024-10-08")}


def I140(d):
    return {"sessions": len(d.S("2026-01-01", "2026-06-29"))}


def I141(d):
    return {"sessions": len(d.S("2026-07-01", "2026-07-31"))}


def I146(d):
    return {"total_yuan": d.T("2026-07-27")}


def I147(d):
    return {"total_yuan": d.T("2026-07-30")}


def I148(d):
    return {"sessions": len(d.dates)}


def _flat(r):
    out = {}
    for k, v in r.items():
        if isinstance(v, (list, tuple)):
            a, _, b = k.partition("_")
            for i, x in enumerate(v, 1):
                out[f"{a}{i}_{b}" if b else f"{a}{i}"] = x
        else:
            out[k] = v
    return out


def load_items(path=None):
    path = path or os.path.join(HERE, "set_i.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def figures(items, source=None):
    snap = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
    d = D(snap)
    out = {}
    for it in items:
        fn = globals().get(it["id"])
        n = len(it["turns"])
        if fn is None:
            out[it["id"]] = [{} for _ in range(n)]
            continue
        r = fn(d)
        rs = r if isinstance(r, list) else [r]
        out[it["id"]] = [_flat(x) if x else {} for x in rs]
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
        for t, (e, g) in enumerate(zip(it["expect"], got)):
            if e["kind"] == "answer":
                if sorted(e["figures"]) != sorted(g):
                    print(it["id"], t, "figures", e["figures"], "got", sorted(g))
                    bad += 1
            elif g:
                print(it["id"], t, "decline turn has figures")
                bad += 1
    print("items", len(items), "mismatches", bad)
    sys.exit(1 if bad else 0)
