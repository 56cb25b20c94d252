# ruff: noqa
"""Reference figures for blind set M (marketbot: 沪深两市成交额 = combined Shanghai + Shenzhen turnover).

Computed straight from the bundled CSVs (stdlib only).

Definitions used consistently:
- total = sh_yuan + sz_yuan, in 元, unrounded floats.
- 破X / 超过X / above X = strictly > X; X以上 = >= X; 低于 / below = < X; between = inclusive at both ends.
- 放量 = a session's total > the previous session's total; 缩量 = < (the previous session may lie before the period).
- weeks run Monday..Sunday; 今年以来 = Jan 1 .. the last closed session; 昨天 = the session before now's date.
- A session is closed at "now" only if its date < now's date, or the same date and now's time >= 15:00.
- rank = 1 + count strictly higher in the population; percentile = 100 * count(<= v) / population size.
- index change over a period = 100 * (last close in the period / last close before the period - 1).
- share_pct = 100 * part / whole; median = statistics.median of daily totals.
- change / diff = asked minus reference (two periods: later minus earlier); change_pct = 100 * change / reference.
- ties: the earliest date wins (the items avoid questions whose answers depend on ties).
Key endings: _yuan amounts, _pct percentages, _pts index points, *date* YYYY-MM-DD, month YYYY-MM,
year, _industry names, anything else an integer count.
"""

import bisect
import csv
import gzip
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_FALLBACK_DIR = "/work/main/tools/data"


def _data_path(env, name):
    p = os.environ.get(env)
    if p:
        return p
    p = os.path.join(HERE, "..", "..", "..", "tools", "data", name)
    if os.path.exists(p):
        return p
    return os.path.join(_FALLBACK_DIR, name)


SNAPSHOT = _data_path("MARKETBOT_SNAPSHOT", "turnover_snapshot.csv.gz")
INDUSTRIES = _data_path("MARKETBOT_INDUSTRIES", "ths_industries.csv.gz")
WARNINGS = []


def _read_csv(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#") and ln.strip()]
    return list(csv.DictReader(lines))


def _f(x):
    x = (x or "").strip()
    return float(x) if x else None


class Data:
    def __init__(self, snapshot=None, industries=None):
        self.r = {}
        for row in _read_csv(snapshot or SNAPSHOT):
            self.r[row["date"]] = {
                "sh": float(row["sh_yuan"]),
                "sz": float(row["sz_yuan"]),
                "shc": _f(row.get("sh_close")),
                "shp": _f(row.get("sh_pct")),
                "szc": _f(row.get("sz_close")),
                "szp": _f(row.get("sz_pct")),
            }
        self.dates = sorted(self.r)
        self.ind = {}
        for row in _read_csv(industries or INDUSTRIES):
            self.ind.setdefault(row["date"], {})[row["industry"]] = {
                "amt": float(row["amount_yuan"]),
                "up": int(row["up_count"]),
                "n": int(row["total_count"]),
                "chg": float(row["change_pct"]),
            }


# ---------------------------------------------------------------- helpers
def T(d, x):
    return d.r[x]["sh"] + d.r[x]["sz"]


def SH(d, x):
    return d.r[x]["sh"]


def SZ(d, x):
    return d.r[x]["sz"]


def S(d, a, b):
    """Sessions with a <= date <= b."""
    i = bisect.bisect_left(d.dates, a)
    j = bisect.bisect_right(d.dates, b)
    return d.dates[i:j]


def M(d, ym):
    return S(d, ym + "-01", ym + "-31")


def prev(d, x):
    """The session before date x (x need not be a session)."""
    i = bisect.bisect_left(d.dates, x)
    return d.dates[i - 1]


def last_n(d, end, n):
    j = bisect.bisect_right(d.dates, end)
    return d.dates[j - n : j]


def tot(d, ds, f=T):
    return sum(f(d, x) for x in ds)


def avg(d, ds, f=T):
    return sum(f(d, x) for x in ds) / len(ds)


def med(d, ds, f=T):
    return statistics.median([f(d, x) for x in ds])


def _check_unique(vals, what):
    if len(set(vals)) != len(vals):
        WARNINGS.append("tie in " + what)


def mx(d, ds, f=T):
    best = None
    for x in ds:
        v = f(d, x)
        if best is None or v > best[1]:
            best = (x, v)
    if sum(1 for x in ds if f(d, x) == best[1]) > 1:
        WARNINGS.append("tie at max")
    return best


def mn(d, ds, f=T):
    best = None
    for x in ds:
        v = f(d, x)
        if best is None or v < best[1]:
            best = (x, v)
    if sum(1 for x in ds if f(d, x) == best[1]) > 1:
        WARNINGS.append("tie at min")
    return best


def topn(pairs, n, high=True):
    """pairs: list of (label, value) in date order; the top n by value (earliest first on ties)."""
    s = sorted(pairs, key=lambda p: -p[1] if high else p[1])
    vals = [p[1] for p in s[: n + 1]]
    _check_unique(vals, "topn")
    return s[:n]


def cnt(d, ds, pred):
    return sum(1 for x in ds if pred(x))


def fang(d, x):
    return T(d, x) > T(d, prev(d, x))


def suo(d, x):
    return T(d, x) < T(d, prev(d, x))


def streak(d, ds, pred):
    """Longest run of consecutive sessions in ds satisfying pred: (length, start, end)."""
    best = (0, None, None)
    run = 0
    start = None
    lens = []
    for x in ds:
        if pred(x):
            if run == 0:
                start = x
            run += 1
            if run > best[0]:
                best = (run, start, x)
        else:
            if run:
                lens.append(run)
            run = 0
    if run:
        lens.append(run)
    if lens.count(best[0]) > 1:
        WARNINGS.append("tie in streak")
    return best


def rank(vals, v):
    return 1 + sum(1 for u in vals if u > v)


def pctile(vals, v):
    return 100.0 * sum(1 for u in vals if u <= v) / len(vals)


def share(part, whole):
    return 100.0 * part / whole


def change(new, old, prefix=""):
    return {prefix + "change_yuan": new - old, prefix + "change_pct": 100.0 * (new - old) / old}


def close(d, col, x):
    return d.r[x][col]


def idx_chg(d, col, a, b):
    ds = S(d, a, b)
    base = d.r[prev(d, a)][col]
    return 100.0 * (d.r[ds[-1]][col] / base - 1)


def IA(d, x, name):
    return d.ind[x][name]["amt"]


def theme(d, x, names):
    return sum(d.ind[x][n]["amt"] for n in names)


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
FIN = ["证券", "银行", "保险", "多元金融"]


# ---------------------------------------------------------------- items
def M001(d):
    """25年10月成交额最高的是哪天？多少"""
    x, v = mx(d, M(d, "2025-10"))
    return {"max_date": x, "max_yuan": v}


def M002(d):
    """上半年沪市日均成交多少，深市日均多少"""
    ds = S(d, "2026-01-01", "2026-06-30")
    return {"sh_avg_yuan": avg(d, ds, SH), "sz_avg_yuan": avg(d, ds, SZ)}


def M003(d):
    """去年924那一周和国庆节后那一周，两市成交总额对比一下"""
    a = tot(d, S(d, "2024-09-23", "2024-09-29"))
    b = tot(d, S(d, "2024-10-07", "2024-10-13"))
    r = {"week1_total_yuan": a, "week2_total_yuan": b}
    r.update(change(b, a))
    return r


def M004(d):
    """2025年8月沪市成交总额 / 深市呢 / 两个加起来"""
    ds = M(d, "2025-08")
    return [{"sh_yuan": tot(d, ds, SH)}, {"sz_yuan": tot(d, ds, SZ)}, {"total_yuan": tot(d, ds)}]


def M005(d):
    """4月份日均成交多少 / 中位数呢 / 最高的那天呢"""
    ds = M(d, "2026-04")
    x, v = mx(d, ds)
    return [{"avg_yuan": avg(d, ds)}, {"median_yuan": med(d, ds)}, {"max_date": x, "max_yuan": v}]


def M006(d):
    """上个月深证成指涨跌幅多少"""
    return {"change_pct": idx_chg(d, "szc", "2026-05-01", "2026-05-31")}


def M007(d):
    """昨天成交额多少 / 那去年同一天呢"""
    return [{"date": "2026-03-10", "total_yuan": T(d, "2026-03-10")}, {"total_yuan": T(d, "2025-03-10")}]


def M008(d):
    """两市今天成交了多少？有没有三万亿"""
    x = "2026-07-01"
    return {"date": x, "total_yuan": T(d, x)}


def M009(d):
    """今年2月份最长连续缩量了几天？从哪天到哪天"""
    n, a, b = streak(d, M(d, "2026-02"), lambda x: suo(d, x))
    return {"streak_days": n, "start_date": a, "end_date": b}


def M010(d):
    """Which industry had the lowest turnover on 2026-02-24?"""
    b = topn([(k, v["amt"]) for k, v in d.ind["2026-02-24"].items()], 1, high=False)
    return {"bottom_industry": b[0][0], "amount_yuan": b[0][1]}


def M011(d):
    """本月至今日均比上个月日均高多少"""
    a = avg(d, S(d, "2026-03-01", "2026-03-19"))
    b = avg(d, M(d, "2026-02"))
    r = {"this_avg_yuan": a, "last_avg_yuan": b}
    r.update(change(a, b))
    return r


def M012(d):
    """4月7号暴跌那天两市成交多少，上证跌了几个点（百分比）"""
    x = "2025-04-07"
    return {"total_yuan": T(d, x), "sh_pct": d.r[x]["shp"]}


def M013(d):
    """What was the combined Shanghai + Shenzhen turnover on 2025-11-21?"""
    return {"total_yuan": T(d, "2025-11-21")}


def M014(d):
    """上个交易日两市成交额？端午前那天"""
    x = "2026-06-18"
    return {"date": x, "total_yuan": T(d, x)}


def M015(d):
    """两市今天成交量多少股？"""
    return {}


def M016(d):
    """5月份按周看，每周两市成交合计各是多少"""
    ds = M(d, "2026-05")
    weeks = {}
    import datetime as _dt

    for x in ds:
        day = _dt.date.fromisoformat(x)
        w = (day - _dt.timedelta(days=day.weekday())).isoformat()
        weeks.setdefault(w, []).append(x)
    ks = sorted(weeks)
    return {"week_start_date": ks, "week_total_yuan": [tot(d, weeks[k]) for k in ks]}


def M017(d):
    """2万亿这个量，放在2025年下半年能排第几？分位数大概多少"""
    pop = [T(d, x) for x in S(d, "2025-07-01", "2025-12-31")]
    return {"rank": rank(pop, 2e12), "percentile_pct": pctile(pop, 2e12)}


def M018(d):
    """7月最后一个交易日两市成交额是多少，沪市深市分别多少"""
    x = "2026-07-31"
    return {"date": x, "total_yuan": T(d, x), "sh_yuan": SH(d, x), "sz_yuan": SZ(d, x)}


def M019(d):
    """北交所今天成交额多少"""
    return {}


def M020(d):
    """25年下半年上证最低收盘在哪天，多少点"""
    x, v = mn(d, S(d, "2025-07-01", "2025-12-31"), lambda d, x: d.r[x]["shc"])
    return {"min_date": x, "min_pts": v}


def M021(d):
    """昨天半导体成交多少，涨了多少，有几家上涨"""
    r = d.ind["2025-10-09"]["半导体"]
    return {"amount_yuan": r["amt"], "industry_pct": r["chg"], "up_count": r["up"], "total_count": r["n"]}


def M022(d):
    """半导体今天成交多少 / 计算机设备呢 / 两个加起来占两市多少"""
    x = "2026-02-05"
    a, b = IA(d, x, "半导体"), IA(d, x, "计算机设备")
    return [{"amount_yuan": a}, {"amount_yuan": b}, {"amount_yuan": a + b, "share_pct": share(a + b, T(d, x))}]


def M023(d):
    """创业板今天成交了多少"""
    return {}


def M024(d):
    """4月8号大涨那天，有多少个行业是涨的"""
    return {"industries_up": sum(1 for v in d.ind["2026-04-08"].values() if v["chg"] > 0)}


def M025(d):
    """下半年以来成交最低的是哪一天，多少？"""
    x, v = mn(d, S(d, "2025-07-01", "2025-10-15"))
    return {"min_date": x, "min_yuan": v}


def M026(d):
    """Compare turnover on Sep 30 2025 vs Oct 9 2025 - how much did it change after the holiday?"""
    return change(T(d, "2025-10-09"), T(d, "2025-09-30"))


def M027(d):
    """what was turnover last Saturday?"""
    return {}


def M028(d):
    """6月22日深市成交额多少"""
    return {"sz_yuan": SZ(d, "2026-06-22")}


def M029(d):
    """明天会继续放量吗 / 那今天成交多少总说一下吧"""
    return [{}, {"total_yuan": T(d, "2025-12-12")}]


def M030(d):
    """24年十月八号那天沪市、深市各成交多少？合计呢"""
    x = "2024-10-08"
    return {"sh_yuan": SH(d, x), "sz_yuan": SZ(d, x), "total_yuan": T(d, x)}


def M031(d):
    """今天两市成交额多少 / 那我是不是该减仓了"""
    return [{"total_yuan": T(d, "2026-07-28")}, {}]


def M032(d):
    """今年2月份两市总共成交了多少，几个交易日"""
    ds = M(d, "2026-02")
    return {"total_yuan": tot(d, ds), "days": len(ds)}


def M033(d):
    """今年以来日均成交比去年同期高多少？"""
    a = avg(d, S(d, "2026-01-01", "2026-07-31"))
    b = avg(d, S(d, "2025-01-01", "2025-07-31"))
    r = {"this_avg_yuan": a, "last_avg_yuan": b}
    r.update(change(a, b))
    return r


def M034(d):
    """2025年1月到6月，哪个月日均成交最低？"""
    ms = [f"2025-{m:02d}" for m in range(1, 7)]
    t = topn([(m, avg(d, M(d, m))) for m in ms], 1, high=False)
    return {"month": t[0][0], "avg_yuan": t[0][1]}


def M035(d):
    """大金融上周五成交多少"""
    return {"amount_yuan": theme(d, "2026-01-16", FIN)}


def M036(d):
    """9月和8月比，日均成交额变化了多少？百分之多少"""
    return change(avg(d, M(d, "2025-09")), avg(d, M(d, "2025-08")))


def M037(d):
    """Turnover on Jan 5 2026 - and how much of it was Shanghai? give me the share too"""
    x = "2026-01-05"
    return {"total_yuan": T(d, x), "sh_yuan": SH(d, x), "sh_share_pct": share(SH(d, x), T(d, x))}


def M038(d):
    """2026-01-14 成交额 top3 的行业是哪些"""
    t = topn([(k, v["amt"]) for k, v in d.ind["2026-01-14"].items()], 3)
    return {"top_industry": [k for k, _ in t], "top_yuan": [v for _, v in t]}


def M039(d):
    """自从去年924以来，成交额低于1万亿的交易日有多少天"""
    return {"days": cnt(d, S(d, "2024-09-24", "2025-08-14"), lambda x: T(d, x) < 1e12)}


def M040(d):
    """1月5号到9号那周和下一周，两市合计各多少，下一周多了多少"""
    a = tot(d, S(d, "2026-01-05", "2026-01-11"))
    b = tot(d, S(d, "2026-01-12", "2026-01-18"))
    r = {"week1_total_yuan": a, "week2_total_yuan": b}
    r.update(change(b, a))
    return r


def M041(d):
    """12月5号涨幅最大的行业和跌幅最大的行业分别是啥，各涨跌多少"""
    p = [(k, v["chg"]) for k, v in d.ind["2025-12-05"].items()]
    t = topn(p, 1)
    b = topn(p, 1, high=False)
    return {"top_industry": t[0][0], "top_pct": t[0][1], "bottom_industry": b[0][0], "bottom_pct": b[0][1]}


def M042(d):
    """25年12月 vs 24年12月 日均成交 growth 多少"""
    return change(avg(d, M(d, "2025-12")), avg(d, M(d, "2024-12")))


def M043(d):
    """节后第一天比节前最后一天放量多少？"""
    return change(T(d, "2026-02-24"), T(d, "2026-02-13"))


def M044(d):
    """前天两市成交鹅多少来着"""
    x = "2026-01-05"
    return {"date": x, "total_yuan": T(d, x)}


def M045(d):
    """What was total two-market turnover in Q3 2025? / and Q4? / percentage change?"""
    a = tot(d, S(d, "2025-07-01", "2025-09-30"))
    b = tot(d, S(d, "2025-10-01", "2025-12-31"))
    return [{"total_yuan": a}, {"total_yuan": b}, change(b, a)]


def M046(d):
    """宁德时代 vs 比亚迪 今天成交额谁大"""
    return {}


def M047(d):
    """2026年1月银行行业日均成交额 / 证券呢"""
    ds = M(d, "2026-01")
    return [
        {"avg_yuan": avg(d, ds, lambda d, x: IA(d, x, "银行"))},
        {"avg_yuan": avg(d, ds, lambda d, x: IA(d, x, "证券"))},
    ]


def M048(d):
    """Which industry had the highest turnover today? how much"""
    x = "2025-09-18"
    t = topn([(k, v["amt"]) for k, v in d.ind[x].items()], 1)
    return {"top_industry": t[0][0], "amount_yuan": t[0][1]}


def M049(d):
    """今年按月看，哪个月的成交总额最高？多少"""
    ms = [f"2026-{m:02d}" for m in range(1, 8)]
    t = topn([(m, tot(d, M(d, m))) for m in ms], 1)
    return {"month": t[0][0], "total_yuan": t[0][1]}


def M050(d):
    """今天上午半日成交多少"""
    return {}


def M051(d):
    """2026年8月3号两市成交额多少"""
    return {}


def M052(d):
    """今天为啥缩量这么厉害？成交多少，比昨天少了多少"""
    x, y = "2026-07-24", "2026-07-23"
    r = {"total_yuan": T(d, x)}
    r.update(change(T(d, x), T(d, y)))
    return r


def M053(d):
    """今天成交多少了 比昨天放量还是缩量，放了多少"""
    x, y = "2026-04-08", "2026-04-07"
    r = {"total_yuan": T(d, x)}
    r.update(change(T(d, x), T(d, y)))
    return r


def M054(d):
    """今年以来深成指跌超3%的交易日有几天"""
    return {"days": cnt(d, S(d, "2026-01-01", "2026-07-17"), lambda x: d.r[x]["szp"] < -3)}


def M055(d):
    """5月11号比1月14号少成交了多少"""
    return change(T(d, "2026-05-11"), T(d, "2026-01-14"))


def M056(d):
    """2025年上证指数全年涨了多少"""
    return {
        "close_pts": d.r[S(d, "2025-01-01", "2025-12-31")[-1]]["shc"],
        "change_pct": idx_chg(d, "shc", "2025-01-01", "2025-12-31"),
    }


def M057(d):
    """昨天两市成交多少 / 深市呢 / 那深市占比多少"""
    x = "2025-09-01"
    return [{"date": x, "total_yuan": T(d, x)}, {"sz_yuan": SZ(d, x)}, {"sz_share_pct": share(SZ(d, x), T(d, x))}]


def M058(d):
    """How much did the 证券 (brokers) industry trade on 2025-08-25, and what share of the two-market total was that?"""
    x = "2025-08-25"
    a = IA(d, x, "证券")
    return {"amount_yuan": a, "share_pct": share(a, T(d, x))}


def M059(d):
    """节后第一天为什么放量这么多？哪三个行业成交增加最多"""
    x, y = "2026-05-06", "2026-04-30"
    t = topn([(k, d.ind[x][k]["amt"] - d.ind[y][k]["amt"]) for k in d.ind[x]], 3)
    r = {"top_industry": [k for k, _ in t], "top_change_yuan": [v for _, v in t]}
    r.update(change(T(d, x), T(d, y), "total_"))
    return r


def M060(d):
    """6月 银行 sector 累计成交额多少"""
    return {"total_yuan": tot(d, M(d, "2026-06"), lambda d, x: IA(d, x, "银行"))}


def M061(d):
    """How did the Shanghai Composite do in October 2025?"""
    return {"close_pts": d.r[M(d, "2025-10")[-1]]["shc"], "change_pct": idx_chg(d, "shc", "2025-10-01", "2025-10-31")}


def M062(d):
    """7月31日的成交比7月24日多了多少？"""
    return change(T(d, "2026-07-31"), T(d, "2026-07-24"))


def M063(d):
    """median turnover over the past 60 trading sessions?"""
    return {"median_yuan": med(d, last_n(d, "2026-04-30", 60))}


def M064(d):
    """今年以来两市累计成交多少钱了，一共几个交易日"""
    ds = S(d, "2025-01-01", "2025-11-04")
    return {"total_yuan": tot(d, ds), "days": len(ds)}


def M065(d):
    """去年924那天两市才成交多少？"""
    return {"total_yuan": T(d, "2024-09-24")}


def M066(d):
    """上个月成交额 top3 是哪几天 / 第一名那天深市成交多少"""
    t = topn([(x, T(d, x)) for x in M(d, "2026-01")], 3)
    return [{"top_date": [x for x, _ in t], "top_yuan": [v for _, v in t]}, {"sz_yuan": SZ(d, t[0][0])}]


def M067(d):
    """今年上半年上证最高收盘是哪天，多少点"""
    x, v = mx(d, S(d, "2026-01-01", "2026-06-30"), lambda d, x: d.r[x]["shc"])
    return {"max_date": x, "max_pts": v}


def M068(d):
    """昨天沪深两市一共成交了多少钱啊"""
    x = "2025-09-02"
    return {"date": x, "total_yuan": T(d, x)}


def M069(d):
    """这周 daily avg 成交多少？"""
    return {"avg_yuan": avg(d, S(d, "2026-07-13", "2026-07-17"))}


def M070(d):
    """2025年每个季度的日均成交额分别是多少"""
    q = [("01-01", "03-31"), ("04-01", "06-30"), ("07-01", "09-30"), ("10-01", "12-31")]
    return {f"q{i}_avg_yuan": avg(d, S(d, "2025-" + a, "2025-" + b)) for i, (a, b) in enumerate(q, 1)}


def M071(d):
    """How much did Shenzhen trade yesterday?"""
    x = "2026-02-13"
    return {"date": x, "sz_yuan": SZ(d, x)}


def M072(d):
    """8月份 turnover 在2万亿到2.5万亿之间的 sessions 有几天"""
    return {"days": cnt(d, M(d, "2025-08"), lambda x: 2e12 <= T(d, x) <= 2.5e12)}


def M073(d):
    """去年全年两市日均成交额是多少"""
    return {"avg_yuan": avg(d, S(d, "2025-01-01", "2025-12-31"))}


def M074(d):
    """贵州茅台今天成交额多少"""
    return {}


def M075(d):
    """AI板块昨天成交合计多少？占两市多少"""
    x = "2026-05-11"
    a = theme(d, x, AI)
    return {"amount_yuan": a, "share_pct": share(a, T(d, x))}


def M076(d):
    """今年成交额最低的是哪天 / 那天上证涨跌多少"""
    x, v = mn(d, S(d, "2025-01-01", "2025-08-29"))
    return [{"min_date": x, "min_yuan": v}, {"change_pct": d.r[x]["shp"]}]


def M077(d):
    """今年以来最长连续放量几天？"""
    n, a, b = streak(d, S(d, "2026-01-01", "2026-03-09"), lambda x: fang(d, x))
    return {"streak_days": n, "start_date": a, "end_date": b}


def M078(d):
    """How many sessions in June 2026 had turnover above 3.5 trillion yuan?"""
    return {"days": cnt(d, M(d, "2026-06"), lambda x: T(d, x) > 3.5e12)}


def M079(d):
    """Will turnover break 4 trillion this week?"""
    return {}


def M080(d):
    """Average daily turnover in Q4 2025, and the median?"""
    ds = S(d, "2025-10-01", "2025-12-31")
    return {"avg_yuan": avg(d, ds), "median_yuan": med(d, ds)}


def M081(d):
    """国庆节后第一天两市成交多少"""
    x = "2025-10-09"
    return {"date": x, "total_yuan": T(d, x)}


def M082(d):
    """15年6月12号两市成交额有多少？"""
    return {"total_yuan": T(d, "2015-06-12")}


def M083(d):
    """3月3号沪市和深市成交额分别多少，深市比沪市多多少"""
    x = "2026-03-03"
    return {"sh_yuan": SH(d, x), "sz_yuan": SZ(d, x), "diff_yuan": SZ(d, x) - SH(d, x)}


def M084(d):
    """4月份上证涨超1%的 days 有几个"""
    return {"days": cnt(d, M(d, "2026-04"), lambda x: d.r[x]["shp"] > 1)}


def M085(d):
    """上周五两市量能多少，破两万亿没有"""
    x = "2025-10-17"
    return {"date": x, "total_yuan": T(d, x)}


def M086(d):
    """白酒今天涨跌多少？多少家上涨"""
    r = d.ind["2026-07-31"]["白酒"]
    return {"industry_pct": r["chg"], "up_count": r["up"], "total_count": r["n"]}


def M087(d):
    """国庆节后到现在两市日均成交多少"""
    return {"avg_yuan": avg(d, S(d, "2025-10-09", "2025-10-24"))}


def M088(d):
    """上个月日均成交多少 / 那再上个月呢 / 变化了多少"""
    a, b = avg(d, M(d, "2025-10")), avg(d, M(d, "2025-09"))
    return [{"avg_yuan": a}, {"avg_yuan": b}, change(a, b)]


def M089(d):
    """Where did the SSE Composite close today, and the % change?"""
    r = d.r["2025-08-18"]
    return {"close_pts": r["shc"], "change_pct": r["shp"]}


def M090(d):
    """25年9月放量的天数和缩量的天数各几天"""
    ds = M(d, "2025-09")
    return {"fangliang_days": cnt(d, ds, lambda x: fang(d, x)), "suoliang_days": cnt(d, ds, lambda x: suo(d, x))}


def M091(d):
    """这周一量能有多少？"""
    x = "2026-05-11"
    return {"date": x, "total_yuan": T(d, x)}


def M092(d):
    """十二月沪市日均跟十一月比，多了还是少了"""
    a = avg(d, M(d, "2025-12"), SH)
    b = avg(d, M(d, "2025-11"), SH)
    r = {"dec_avg_yuan": a, "nov_avg_yuan": b}
    r.update(change(a, b))
    return r


def M093(d):
    """1月14号两市成交了多少？是不是历史天量，历史上排第几"""
    x = "2026-01-14"
    pop = [T(d, y) for y in S(d, "1900-01-01", "2026-01-19")]
    return {"total_yuan": T(d, x), "rank": rank(pop, T(d, x))}


def M094(d):
    """十月份放量的有几天 / 缩量呢 / 缩量最厉害的是哪天，少了多少"""
    ds = M(d, "2025-10")
    t = topn([(x, T(d, x) - T(d, prev(d, x))) for x in ds], 1, high=False)
    return [
        {"days": cnt(d, ds, lambda x: fang(d, x))},
        {"days": cnt(d, ds, lambda x: suo(d, x))},
        {"date": t[0][0], "change_yuan": t[0][1]},
    ]


def M095(d):
    """How much did Hong Kong stocks trade today?"""
    return {}


def M096(d):
    """今天比昨天放量多少？"""
    return change(T(d, "2025-08-13"), T(d, "2025-08-12"))


def M097(d):
    """12月第一周 两市 total turnover 多少 / 那一周日均呢 / next week 的合计呢"""
    a = S(d, "2025-12-01", "2025-12-07")
    b = S(d, "2025-12-08", "2025-12-14")
    return [{"total_yuan": tot(d, a)}, {"avg_yuan": avg(d, a)}, {"total_yuan": tot(d, b)}]


def M098(d):
    """7月份按月累计，哪个行业成交额最大"""
    ds = M(d, "2026-07")
    t = topn([(k, sum(d.ind[x][k]["amt"] for x in ds)) for k in d.ind[ds[0]]], 1)
    return {"top_industry": t[0][0], "total_yuan": t[0][1]}


def M099(d):
    """今天两市成交额多少了"""
    return {}


def M100(d):
    """本月至今有几天成交破2万亿？"""
    ds = S(d, "2025-09-01", "2025-09-26")
    return {"days": cnt(d, ds, lambda x: T(d, x) > 2e12)}


def M101(d):
    """3月份半导体行业日均成交额多少"""
    return {"avg_yuan": avg(d, M(d, "2026-03"), lambda d, x: IA(d, x, "半导体"))}


def M102(d):
    """What was turnover on 2025-08-27? / And where did the Shanghai index close that day? / Which industry traded the most?"""
    x = "2025-08-27"
    t = topn([(k, v["amt"]) for k, v in d.ind[x].items()], 1)
    return [
        {"total_yuan": T(d, x)},
        {"close_pts": d.r[x]["shc"], "change_pct": d.r[x]["shp"]},
        {"top_industry": t[0][0], "amount_yuan": t[0][1]},
    ]


def M103(d):
    """二季度比一季度两市总成交额增加了多少？"""
    return change(tot(d, S(d, "2026-04-01", "2026-06-30")), tot(d, S(d, "2026-01-01", "2026-03-31")))


def M104(d):
    """2025年地量最低的三天是哪几天"""
    t = topn([(x, T(d, x)) for x in S(d, "2025-01-01", "2025-12-31")], 3, high=False)
    return {"bottom_date": [x for x, _ in t], "bottom_yuan": [v for _, v in t]}


def M105(d):
    """median daily turnover in Q1 2026?"""
    return {"median_yuan": med(d, S(d, "2026-01-01", "2026-03-31"))}


def M106(d):
    """2026年3月 daily avg vs 2025年3月，涨了多少%"""
    return change(avg(d, M(d, "2026-03")), avg(d, M(d, "2025-03")))


def M107(d):
    """1月12号的成交额在今年以来排第几？"""
    pop = [T(d, x) for x in S(d, "2026-01-01", "2026-03-31")]
    v = T(d, "2026-01-12")
    return {"total_yuan": v, "rank": rank(pop, v), "percentile_pct": pctile(pop, v)}


def M108(d):
    """科创50ETF 昨天 turnover 多少"""
    return {}


def M109(d):
    """前天和昨天比，量能变化多少"""
    return change(T(d, "2025-12-16"), T(d, "2025-12-15"))


def M110(d):
    """今天两市 total turnover 多少？"""
    x = "2025-08-12"
    return {"date": x, "total_yuan": T(d, x)}


def M111(d):
    """2025年两市成交破万亿的天数？total days 多少"""
    ds = S(d, "2025-01-01", "2025-12-31")
    return {"above_days": cnt(d, ds, lambda x: T(d, x) > 1e12), "days": len(ds)}


def M112(d):
    """最近20个交易日里有几天是缩量的？"""
    ds = last_n(d, "2025-12-19", 20)
    return {"days": cnt(d, ds, lambda x: suo(d, x))}


def M113(d):
    """was this week's total turnover higher than last week's? by how much"""
    a = tot(d, S(d, "2025-09-01", "2025-09-07"))
    b = tot(d, S(d, "2025-08-25", "2025-08-31"))
    r = {"this_total_yuan": a, "last_total_yuan": b}
    r.update(change(a, b))
    return r


def M114(d):
    """上周四的成交额是多少？"""
    x = "2026-03-12"
    return {"date": x, "total_yuan": T(d, x)}


def M115(d):
    """这周日均跟上周日均比怎么样，差多少"""
    a = avg(d, S(d, "2026-05-11", "2026-05-17"))
    b = avg(d, S(d, "2026-05-04", "2026-05-10"))
    r = {"this_avg_yuan": a, "last_avg_yuan": b}
    r.update(change(a, b))
    return r


def M116(d):
    """what was two-market turnover on the last trading day before the 2026 Chinese New Year break?"""
    x = "2026-02-13"
    return {"date": x, "total_yuan": T(d, x)}


def M117(d):
    """7月17号上证和深成指各跌了多少？收盘点位呢"""
    r = d.r["2026-07-17"]
    return {"sh_close_pts": r["shc"], "sh_pct": r["shp"], "sz_close_pts": r["szc"], "sz_pct": r["szp"]}


def M118(d):
    """今年上半年 vs 去年下半年，日均成交 change 多少 %"""
    return change(avg(d, S(d, "2026-01-01", "2026-06-30")), avg(d, S(d, "2025-07-01", "2025-12-31")))


def M119(d):
    """4月份成交2.5万亿以上的有几天？占4月交易日的比例"""
    ds = M(d, "2026-04")
    n = cnt(d, ds, lambda x: T(d, x) >= 2.5e12)
    return {"days": n, "share_pct": 100.0 * n / len(ds)}


def M120(d):
    """上周两市合计成交了多少"""
    return {"total_yuan": tot(d, S(d, "2025-11-17", "2025-11-23"))}


def M121(d):
    """最近5个交易日成交加起来多少？日均呢"""
    ds = last_n(d, "2025-12-26", 5)
    return {"total_yuan": tot(d, ds), "avg_yuan": avg(d, ds)}


def M122(d):
    """10月9号 半导体 turnover 在所有行业里 rank 第几"""
    x = "2025-10-09"
    pop = [v["amt"] for v in d.ind[x].values()]
    _ = topn([(k, v["amt"]) for k, v in d.ind[x].items()], 90)
    return {"amount_yuan": IA(d, x, "半导体"), "rank": rank(pop, IA(d, x, "半导体"))}


def M123(d):
    """今天下午两点那会儿两市成交额多少"""
    return {}


def M124(d):
    """6月份沪市和深市成交总额各多少？深市多出多少"""
    ds = M(d, "2026-06")
    a, b = tot(d, ds, SH), tot(d, ds, SZ)
    return {"sh_yuan": a, "sz_yuan": b, "diff_yuan": b - a}


def M125(d):
    """What was the average daily turnover last month?"""
    return {"avg_yuan": avg(d, M(d, "2025-08"))}


def M126(d):
    """2026年1月成交最高是哪天 / 最低的呢"""
    ds = M(d, "2026-01")
    a, b = mx(d, ds), mn(d, ds)
    return [{"max_date": a[0], "max_yuan": a[1]}, {"min_date": b[0], "min_yuan": b[1]}]


def M127(d):
    """2025年10月3日两市成交额"""
    return {}


def M128(d):
    """3/23 两市 turnover 多少？沪市占比多少"""
    x = "2026-03-23"
    return {"total_yuan": T(d, x), "sh_share_pct": share(SH(d, x), T(d, x))}


def M129(d):
    """2025年8月25日沪深两市和计成交多少亿"""
    return {"total_yuan": T(d, "2025-08-25")}


def M130(d):
    """沪市 yesterday 成交金额 how much?"""
    x = "2025-12-08"
    return {"date": x, "sh_yuan": SH(d, x)}


def M131(d):
    """二〇二四年九月三十日两市成交额是多少？那天是不是天量"""
    return {"total_yuan": T(d, "2024-09-30")}


def M132(d):
    """今年以来成交额超过3万亿的有多少天"""
    return {"days": cnt(d, S(d, "2026-01-01", "2026-06-12"), lambda x: T(d, x) > 3e12)}


def M133(d):
    """帮我推荐几个放量的股票呗"""
    return {}


def M134(d):
    """深成指昨天收在多少？跌了多少"""
    r = d.r["2026-03-23"]
    return {"date": "2026-03-23", "close_pts": r["szc"], "change_pct": r["szp"]}


def M135(d):
    """2025.12.31 两市成交额"""
    return {"total_yuan": T(d, "2025-12-31")}


def M136(d):
    """11.28 两市成交 多少 亿 thx"""
    return {"total_yuan": T(d, "2025-11-28")}


def M137(d):
    """2026年上半年成交额最大的前五个交易日是哪几天，各多少"""
    ds = S(d, "2026-01-01", "2026-06-30")
    t = topn([(x, T(d, x)) for x in ds], 5)
    return {"top_date": [x for x, _ in t], "top_yuan": [v for _, v in t]}


def M138(d):
    """今天深市占比是多少？昨天呢"""
    x, y = "2025-11-13", "2025-11-12"
    return {"today_sz_share_pct": share(SZ(d, x), T(d, x)), "yesterday_sz_share_pct": share(SZ(d, y), T(d, y))}


def M139(d):
    """3月23号成交多少 / 比前一天呢"""
    x, y = "2026-03-23", "2026-03-20"
    return [{"total_yuan": T(d, x)}, change(T(d, x), T(d, y))]


def M140(d):
    """9月18号那天深市成交多少，占两市比重多少"""
    x = "2025-09-18"
    return {"sz_yuan": SZ(d, x), "sz_share_pct": share(SZ(d, x), T(d, x))}


def M141(d):
    """本周一两市成交额多少"""
    return {}


def M142(d):
    """五一节前最后一个交易日量能多少 / 节后第一天呢 / 放量了多少"""
    a, b = T(d, "2026-04-30"), T(d, "2026-05-06")
    return [{"date": "2026-04-30", "total_yuan": a}, {"date": "2026-05-06", "total_yuan": b}, change(b, a)]


def M143(d):
    """现在这个量能，该加仓还是减仓啊"""
    return {}


def M144(d):
    """2026年成交额3万亿以上的交易日一共几天？第一次是哪天"""
    ds = [x for x in S(d, "2026-01-01", "2026-07-31") if T(d, x) >= 3e12]
    return {"days": len(ds), "first_date": ds[0]}


def M145(d):
    """How many sessions in Dec 2025 were below 1.7 trillion?"""
    return {"days": cnt(d, M(d, "2025-12"), lambda x: T(d, x) < 1.7e12)}


def M146(d):
    """明天两市会放量吗？"""
    return {}


def M147(d):
    """明年一季度日均成交能到多少？"""
    return {}


def M148(d):
    """上周五上证收盘多少 / 深成指呢"""
    r = d.r["2026-07-17"]
    return [
        {"date": "2026-07-17", "close_pts": r["shc"], "change_pct": r["shp"]},
        {"close_pts": r["szc"], "change_pct": r["szp"]},
    ]


def M149(d):
    """1990年两市成交额是多少"""
    return {}


def M150(d):
    """今年以来超过3万亿的有几天 / 今天的量在今年里排第几"""
    ds = S(d, "2026-01-01", "2026-06-29")
    pop = [T(d, x) for x in ds]
    v = T(d, "2026-06-29")
    return [{"days": cnt(d, ds, lambda x: T(d, x) > 3e12)}, {"total_yuan": v, "rank": rank(pop, v)}]


# ---------------------------------------------------------------- harness
def load_items(path=None):
    path = path or os.path.join(HERE, "set_m.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def _flatten(res):
    out = {}
    for k, v in res.items():
        if isinstance(v, (list, tuple)):
            for i, x in enumerate(v, 1):
                if "_" in k:
                    a, b = k.split("_", 1)
                    out[f"{a}{i}_{b}"] = x
                else:
                    out[f"{k}{i}"] = x
        else:
            out[k] = v
    return out


def _load_data(source=None):
    snap = ind = None
    if isinstance(source, (str, os.PathLike)):
        p = os.fspath(source)
        if os.path.isdir(p):
            snap = os.path.join(p, "turnover_snapshot.csv.gz")
            ind = os.path.join(p, "ths_industries.csv.gz")
            if not os.path.exists(ind):
                ind = None
        else:
            snap = p
    return Data(snap, ind)


def figures(items, source=None):
    d = _load_data(source)
    out = {}
    for it in items:
        fn = globals()[it["id"]]
        res = fn(d)
        if isinstance(res, dict):
            res = [res]
        turns = []
        for ex, r in zip(it["expect"], res):
            turns.append({} if ex.get("kind") == "decline" else _flatten(r or {}))
        out[it["id"]] = turns
    return out


def main():
    items = load_items()
    figs = figures(items)
    problems = []
    for it in items:
        iid = it["id"]
        if len(it["turns"]) != len(it["expect"]):
            problems.append(f"{iid}: turns/expect length differ")
        got = figs[iid]
        if len(got) != len(it["expect"]):
            problems.append(f"{iid}: reference gives {len(got)} turns, expect has {len(it['expect'])}")
        for t, (ex, g) in enumerate(zip(it["expect"], got), 1):
            if ex.get("kind") == "decline":
                if ex.get("figures") or g:
                    problems.append(f"{iid} turn {t}: decline with figures")
            elif ex.get("kind") == "answer":
                if ex.get("figures") != sorted(g):
                    problems.append(f"{iid} turn {t}: figures {ex.get('figures')} != {sorted(g)}")
                if not g:
                    problems.append(f"{iid} turn {t}: answer without figures")
                for k, v in g.items():
                    if k.endswith(("_yuan", "_pct", "_pts")):
                        ok = isinstance(v, (int, float)) and not isinstance(v, bool)
                    elif "date" in k:
                        ok = isinstance(v, str) and len(v) == 10 and v[4] == "-"
                    elif k == "month":
                        ok = isinstance(v, str) and len(v) == 7
                    elif k.endswith("_industry"):
                        ok = isinstance(v, str)
                    else:
                        ok = isinstance(v, int) and not isinstance(v, bool)
                    if not ok:
                        problems.append(f"{iid} turn {t}: bad value {k}={v!r}")
            else:
                problems.append(f"{iid} turn {t}: unknown kind")
    for p in problems:
        print(p)
    for w in WARNINGS:
        print("warning:", w)
    print(f"{len(items)} items, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
