# ruff: noqa
"""Reference figures for blind set F (marketbot).

Definitions used:
- total = sh_yuan + sz_yuan (元). Rows of the snapshot are exactly the trading sessions.
- 破X / 超过X / 突破X / above X: total > X.  X以上 / at least X: total >= X.
  低于X / 跌破X / below X: total < X.  between A and B: A <= total <= B.
- 放量: total > previous session's total; 缩量: total < previous session's total
  (the previous session may lie before the period).
- Weeks run Monday..Sunday. 今年以来 = Jan 1 .. last closed session. 昨天 = the previous session
  before "today"; 前天 = the session before that. A session is closed at/after 15:00 on its day.
- Months/quarters/halves are calendar ones; "so far vs same part of previous period" compares
  day 1..D of this month with day 1..D of the previous month (calendar days).
- rank = 1 + count of sessions in the population strictly higher.
  percentile of v = 100 * count(<= v) / count in the population.
- Changes are signed: asked minus reference (for two periods, the later minus the earlier);
  change_pct = 100 * change / reference.
- Index change over a period = 100 * (last close in the period / close of the session before
  the period - 1). Index up day: pct > 0; down day: pct < 0.
- Medians: statistics.median. Means: arithmetic over sessions.
- Industry share of market = 100 * industry amount / 两市 total (sh+sz) of that day.
- A theme's turnover = plain sum of its industries (industry_themes.json, AI = 半导体, 元件, 其他电子,
  光学光电子, 消费电子, 计算机设备, 通信设备, 通信服务, 软件开发, IT服务).
- "History"/历史 = all sessions in the data up to the last session closed at the item's "now".
- N-day windows ("近N个交易日") = the last N closed sessions including the latest closed one.
"""

import csv, gzip, io, json, os, statistics, sys, datetime as dt

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
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(lines))


def _f(x):
    return float(x) if x not in (None, "") else None


class Data:
    def __init__(self, snap=None, ind=None):
        self.rows = []
        for r in _read(snap or SNAPSHOT):
            sh, sz = float(r["sh_yuan"]), float(r["sz_yuan"])
            self.rows.append(
                dict(
                    date=r["date"],
                    sh=sh,
                    sz=sz,
                    tot=sh + sz,
                    shc=_f(r["sh_close"]),
                    shp=_f(r["sh_pct"]),
                    szc=_f(r["sz_close"]),
                    szp=_f(r["sz_pct"]),
                )
            )
        self.rows.sort(key=lambda r: r["date"])
        self.idx = {r["date"]: i for i, r in enumerate(self.rows)}
        self.ind = {}
        self.ind_dates = set()
        try:
            for r in _read(ind or INDUSTRIES):
                self.ind[(r["date"], r["industry"])] = dict(
                    amt=float(r["amount_yuan"]),
                    up=int(r["up_count"]),
                    n=int(r["total_count"]),
                    pct=float(r["change_pct"]),
                )
                self.ind_dates.add(r["date"])
        except FileNotFoundError:
            pass

    def r(self, d):
        return self.rows[self.idx[d]]

    def T(self, d):
        return self.r(d)["tot"]

    def prev(self, d):
        return self.rows[self.idx[d] - 1]

    def rng(self, a, b):
        return [r for r in self.rows if a <= r["date"] <= b]

    def last_n(self, end, n):
        i = self.idx[end]
        return self.rows[i - n + 1 : i + 1]

    def inds(self, d):
        return {k[1]: v for k, v in self.ind.items() if k[0] == d}


# ---------- helpers ----------
def S(rows, k="tot"):
    return sum(r[k] for r in rows)


def M(rows, k="tot"):
    return sum(r[k] for r in rows) / len(rows)


def MED(rows, k="tot"):
    return statistics.median([r[k] for r in rows])


def MAX(rows, k="tot"):
    r = max(rows, key=lambda r: r[k])
    return r["date"], r[k]


def MIN(rows, k="tot"):
    r = min(rows, key=lambda r: r[k])
    return r["date"], r[k]


def CNT(rows, f):
    return sum(1 for r in rows if f(r["tot"]))


def rank(rows, v):
    return 1 + sum(1 for r in rows if r["tot"] > v)


def pctile(rows, v):
    return 100.0 * sum(1 for r in rows if r["tot"] <= v) / len(rows)


def streak(rows, f):
    best, cur, bs, be, cs = 0, 0, None, None, None
    for r in rows:
        if f(r):
            if cur == 0:
                cs = r["date"]
            cur += 1
            if cur > best:
                best, bs, be = cur, cs, r["date"]
        else:
            cur = 0
    return best, bs, be


def chg(a, ref):
    return a - ref, 100.0 * (a - ref) / ref


def idx_chg(d, a, b, k="shc"):
    rows = d.rng(a, b)
    base = d.prev(rows[0]["date"])[k]
    return 100.0 * (rows[-1][k] / base - 1)


def fang(d, rows):
    return sum(1 for r in rows if r["tot"] > d.prev(r["date"])["tot"])


def suo(d, rows):
    return sum(1 for r in rows if r["tot"] < d.prev(r["date"])["tot"])


def day(d, x):
    r = d.r(x)
    return {"date": x, "total_yuan": r["tot"]}


def cmp_prev(d, x):
    r, p = d.r(x), d.prev(x)
    c, cp = chg(r["tot"], p["tot"])
    return {"date": x, "total_yuan": r["tot"], "prev_total_yuan": p["tot"], "change_yuan": c, "change_pct": cp}


# ---------- single day ----------
def F001(d):
    r = d.r("2024-10-08")
    return {"date": "2024-10-08", "total_yuan": r["tot"], "sh_yuan": r["sh"], "sz_yuan": r["sz"]}


def F002(d):
    return {"date": "2024-10-08", "sh_yuan": d.r("2024-10-08")["sh"]}


def F003(d):
    return {"date": "2024-09-30", "sz_yuan": d.r("2024-09-30")["sz"]}


def F004(d):
    return day(d, "2022-04-27")


def F005(d):
    return day(d, "2026-07-30")


def F007(d):
    return day(d, "2025-04-07")


def F008(d):
    return day(d, "2026-07-24")


def F010(d):
    return day(d, "2023-08-28")


def F011(d):
    r = d.r("2026-02-13")
    return {"date": "2026-02-13", "sh_yuan": r["sh"], "sz_yuan": r["sz"]}


def F013(d):
    return cmp_prev(d, "2026-01-05")


def F014(d):
    x = cmp_prev(d, "2026-03-09")
    return {"date": x["date"], "total_yuan": x["total_yuan"], "change_yuan": x["change_yuan"]}


def F015(d):
    a, b = d.T("2024-09-24"), d.T("2024-09-23")
    c, cp = chg(a, b)
    return {"a_total_yuan": a, "b_total_yuan": b, "change_yuan": c, "change_pct": cp}


def F016(d):
    return day(d, "2025-12-31")


def F017(d):
    return day(d, "2022-01-04")


def F018(d):
    return day(d, "2025-11-11")


def F019(d):
    return day(d, "2026-06-18")


def F020(d):
    r = d.r("2026-07-24")
    return {"date": "2026-07-24", "sh_yuan": r["sh"], "share_pct": 100 * r["sh"] / r["tot"]}


def F021(d):
    return {"date": "2026-07-27", "sz_yuan": d.r("2026-07-27")["sz"]}


def F023(d):
    return day(d, "2026-04-30")


def F024(d):
    return day(d, "2025-09-01")


def F025(d):
    return day(d, "2024-02-05")


def F026(d):
    return {"date": "2023-12-29", "sh_yuan": d.r("2023-12-29")["sh"]}


def F027(d):
    return day(d, "2026-07-28")


def F028(d):
    return day(d, "2022-10-10")


def F029(d):
    r = d.r("2026-03-16")
    return {"sh_yuan": r["sh"], "sz_yuan": r["sz"], "diff_yuan": r["sz"] - r["sh"]}


def F030(d):
    v = d.T("2025-08-25")
    return {"total_yuan": v, "rank": rank(d.rng("2025-01-01", "2025-12-31"), v)}


def F031(d):
    return day(d, "2023-06-21")


def F034(d):
    r = d.r("2026-07-31")
    return {"sh_yuan": r["sh"], "sz_yuan": r["sz"], "total_yuan": r["tot"]}


def F035(d):
    return cmp_prev(d, "2026-07-30")


# ---------- stats ----------
Y25 = ("2025-01-01", "2025-12-31")


def F036(d):
    rs = d.rng(*Y25)
    return {"sum_yuan": S(rs), "days": len(rs)}


def F037(d):
    return {"mean_yuan": M(d.rng("2024-01-01", "2024-12-31"))}


def F038(d):
    rs = d.rng("2026-01-01", "2026-07-31")
    return {"mean_yuan": M(rs), "days": len(rs)}


def F039(d):
    a, b = MAX(d.rng("2026-07-01", "2026-07-31"))
    return {"max_date": a, "max_yuan": b}


def F040(d):
    a, b = MIN(d.rng(*Y25))
    return {"min_date": a, "min_yuan": b}


def F041(d):
    return {"days": CNT(d.rng(*Y25), lambda v: v > 2e12)}


def F042(d):
    return {"days": CNT(d.rng("2026-01-01", "2026-06-30"), lambda v: 2e12 <= v <= 3e12)}


def F043(d):
    return {"days": CNT(d.rng("2024-01-01", "2024-12-31"), lambda v: v < 5e11)}


def F044(d):
    rs = sorted(d.rng("2026-01-01", "2026-07-31"), key=lambda r: -r["tot"])[:3]
    return {"top_date": [r["date"] for r in rs], "top_yuan": [r["tot"] for r in rs]}


def _months(d, a, b, agg):
    g = {}
    for r in d.rng(a, b):
        g.setdefault(r["date"][:7], []).append(r)
    return {m: agg(v) for m, v in g.items()}


def F045(d):
    g = _months(d, *Y25, S)
    m = max(g, key=g.get)
    return {"max_month": m, "max_sum_yuan": g[m]}


def F046(d):
    q4, q3 = M(d.rng("2025-10-01", "2025-12-31")), M(d.rng("2025-07-01", "2025-09-30"))
    c, cp = chg(q4, q3)
    return {"q4_mean_yuan": q4, "q3_mean_yuan": q3, "change_yuan": c, "change_pct": cp}


def F047(d):
    return {"median_yuan": MED(d.rng("2026-07-01", "2026-07-31"))}


def F048(d):
    n, a, b = streak(d.rng("2026-01-01", "2026-07-31"), lambda r: r["tot"] > 2e12)
    return {"streak": n, "start_date": a, "end_date": b}


def F049(d):
    v = d.T("2026-07-31")
    return {"total_yuan": v, "rank": rank(d.rng("2026-01-01", "2026-07-31"), v)}


def F050(d):
    v = d.T("2026-07-24")
    return {"total_yuan": v, "percentile_pct": pctile(d.last_n("2026-07-24", 250), v)}


def F051(d):
    rs = d.rng("2026-07-20", "2026-07-26")
    return {"mean_yuan": M(rs), "sum_yuan": S(rs)}


def F052(d):
    rs = d.rng("2026-07-27", "2026-08-02")
    return {"sum_yuan": S(rs), "days": len(rs)}


def F053(d):
    a, b = M(d.rng("2026-07-01", "2026-07-15")), M(d.rng("2026-06-01", "2026-06-15"))
    c, cp = chg(a, b)
    return {"this_mean_yuan": a, "prev_mean_yuan": b, "change_pct": cp}


def F054(d):
    return {"sum_yuan": S(d.rng("2024-07-01", "2024-12-31"))}


def F055(d):
    return {"sh_sum_yuan": S(d.rng("2022-01-01", "2022-12-31"), "sh")}


def F056(d):
    return {"days": fang(d, d.rng("2023-01-01", "2023-12-31"))}


def F057(d):
    return {"days": suo(d, d.rng("2026-05-01", "2026-05-31"))}


def F058(d):
    return {
        "q_mean_yuan": [
            M(d.rng(a, b))
            for a, b in [
                ("2025-01-01", "2025-03-31"),
                ("2025-04-01", "2025-06-30"),
                ("2025-07-01", "2025-09-30"),
                ("2025-10-01", "2025-12-31"),
            ]
        ]
    }


def F059(d):
    r = next(r for r in d.rng("2024-01-01", "2024-12-31") if r["tot"] > 1e12)
    return {"first_date": r["date"], "total_yuan": r["tot"]}


def F060(d):
    rs = d.rng("2026-07-01", "2026-07-31")
    n, a, b = streak(rs, lambda r: r["tot"] < d.prev(r["date"])["tot"])
    return {"streak": n, "end_date": b}


def F061(d):
    a, b = S(d.rng(*Y25)), S(d.rng("2024-01-01", "2024-12-31"))
    c, cp = chg(a, b)
    return {"y2025_sum_yuan": a, "y2024_sum_yuan": b, "change_yuan": c, "change_pct": cp}


def F062(d):
    rs = d.rng("2026-02-01", "2026-02-28")
    return {"days": len(rs), "mean_yuan": M(rs)}


def F063(d):
    return {"mean_yuan": M(d.last_n("2026-07-31", 20))}


def F064(d):
    return {"sum_yuan": S(d.last_n("2026-07-29", 5))}


def F065(d):
    return {"days": CNT(d.rng("2026-06-01", "2026-06-30"), lambda v: v > 3e12)}


def F066(d):
    rs = d.rng("2023-01-01", "2023-12-31")
    return {"sh_mean_yuan": M(rs, "sh"), "sz_mean_yuan": M(rs, "sz")}


def F067(d):
    return {"days": CNT(d.rng(*Y25), lambda v: v >= 3e12)}


def F068(d):
    a, b = MIN(d.rng("2026-01-01", "2026-07-31"))
    return {"min_date": a, "min_yuan": b}


def F069(d):
    v = d.T("2024-10-08")
    return {"total_yuan": v, "rank": rank(d.rng("0000", "2025-04-30"), v)}  # history up to now (2025-05-01)


def F070(d):
    g = {}
    for r in d.rng("2026-01-01", "2026-07-31"):
        x = dt.date.fromisoformat(r["date"])
        w = (x - dt.timedelta(days=x.weekday())).isoformat()
        g[w] = g.get(w, 0) + r["tot"]
    w = max(g, key=g.get)
    return {"week_start_date": w, "sum_yuan": g[w]}


def F071(d):
    q2, q1 = S(d.rng("2026-04-01", "2026-06-30")), S(d.rng("2026-01-01", "2026-03-31"))
    c, cp = chg(q2, q1)
    return {"q2_sum_yuan": q2, "q1_sum_yuan": q1, "change_yuan": c, "change_pct": cp}


def F072(d):
    h2, h1 = M(d.rng("2025-07-01", "2025-12-31")), M(d.rng("2025-01-01", "2025-06-30"))
    c, cp = chg(h2, h1)
    return {"h1_mean_yuan": h1, "h2_mean_yuan": h2, "change_pct": cp}


def F073(d):
    a, b = MAX(d.rng("2022-01-01", "2022-12-31"))
    return {"max_date": a, "max_yuan": b}


def F074(d):
    g = _months(d, "2026-01-01", "2026-07-31", M)
    m = min(g, key=g.get)
    return {"min_month": m, "min_mean_yuan": g[m]}


def F075(d):
    rs = d.rng("2024-09-24", "2024-10-08")
    return {"sum_yuan": S(rs), "days": len(rs)}


def F076(d):
    rs = d.rng("2026-07-01", "2026-07-31")
    return {"sum_yuan": S(rs), "days": len(rs)}


def F077(d):
    return {"days": CNT(d.rng("2026-01-01", "2026-06-30"), lambda v: v > 3e12)}


def F078(d):
    return {"days": CNT(d.rng(*Y25), lambda v: v < 1.5e12)}


def F079(d):
    rs = d.rng("2023-01-01", "2023-12-31")
    return {"median_yuan": MED(rs), "mean_yuan": M(rs)}


def F080(d):
    a, b = M(d.rng("2026-04-01", "2026-06-30")), M(d.rng("2025-04-01", "2025-06-30"))
    c, cp = chg(a, b)
    return {"q2_2026_mean_yuan": a, "q2_2025_mean_yuan": b, "change_pct": cp}


# ---------- price + volume ----------
def F081(d):
    r = d.r("2024-09-30")
    return {"sh_pct": r["shp"], "total_yuan": r["tot"]}


def F082(d):
    r = d.r("2025-04-07")
    return {"sh_pct": r["shp"], "total_yuan": r["tot"]}


def F083(d):
    r = d.r("2026-07-31")
    return {"sz_close_pts": r["szc"], "sz_pct": r["szp"], "total_yuan": r["tot"]}


def F084(d):
    return {"sh_change_pct": idx_chg(d, "2026-07-01", "2026-07-31")}


def F085(d):
    return {"sh_change_pct": idx_chg(d, *Y25), "sum_yuan": S(d.rng(*Y25))}


def F086(d):
    return {"days": sum(1 for r in d.rng("2026-01-01", "2026-07-31") if r["shp"] < -2)}


def F087(d):
    rs = d.rng("2026-01-01", "2026-07-31")
    return {"up_mean_yuan": M([r for r in rs if r["shp"] > 0]), "down_mean_yuan": M([r for r in rs if r["shp"] < 0])}


def F088(d):
    return {
        "days": sum(
            1 for r in d.rng("2026-07-01", "2026-07-31") if r["shp"] < 0 and r["tot"] > d.prev(r["date"])["tot"]
        )
    }


def F089(d):
    r = d.r("2026-07-17")
    return {"sh_pct": r["shp"], "total_yuan": r["tot"], "change_yuan": r["tot"] - d.prev("2026-07-17")["tot"]}


def F090(d):
    a, b = MAX(d.rng("2026-01-01", "2026-07-31"), "shc")
    return {"max_date": a, "sh_close_pts": b, "total_yuan": d.T(a)}


def F091(d):
    r = d.r("2024-10-08")
    return {"sz_pct": r["szp"], "sz_close_pts": r["szc"]}


def F092(d):
    return {"sz_change_pct": idx_chg(d, "2026-01-01", "2026-06-30", "szc")}


def F093(d):
    a, b = MAX(d.rng(*Y25))
    return {"max_date": a, "max_yuan": b, "sh_pct": d.r(a)["shp"]}


def F094(d):
    r = d.r("2026-03-09")
    return {"sh_close_pts": r["shc"], "total_yuan": r["tot"]}


def F095(d):
    rs = d.rng("2026-07-01", "2026-07-31")
    return {"up_days": sum(1 for r in rs if r["shp"] > 0), "down_days": sum(1 for r in rs if r["shp"] < 0)}


# ---------- industry ----------
def F096(d):
    g = sorted(d.inds("2026-07-31").items(), key=lambda kv: -kv[1]["amt"])[:3]
    return {"top_industry": [k for k, v in g], "top_yuan": [v["amt"] for k, v in g]}


def F097(d):
    g = sorted(d.inds("2026-07-31").items(), key=lambda kv: -kv[1]["pct"])[:3]
    return {"top_industry": [k for k, v in g], "top_pct": [v["pct"] for k, v in g]}


def F098(d):
    return {"amount_yuan": d.ind[("2026-07-30", "半导体")]["amt"]}


def F099(d):
    x = d.ind[("2026-07-31", "证券")]
    return {"up_count": x["up"], "total_count": x["n"]}


def F100(d):
    x = d.ind[("2026-07-31", "银行")]
    return {"amount_yuan": x["amt"], "share_pct": 100 * x["amt"] / d.T("2026-07-31")}


def F101(d):
    g = {}
    for (dd, k), v in d.ind.items():
        if "2026-07-01" <= dd <= "2026-07-31":
            g[k] = g.get(k, 0) + v["amt"]
    k = max(g, key=g.get)
    return {"max_industry": k, "sum_yuan": g[k]}


def F102(d):
    return {"sum_yuan": sum(d.ind[("2026-07-31", k)]["amt"] for k in AI)}


def F103(d):
    v = [x["amt"] for (dd, k), x in d.ind.items() if k == "白酒" and "2026-07-01" <= dd <= "2026-07-31"]
    return {"mean_yuan": sum(v) / len(v)}


def F104(d):
    k, v = min(d.inds("2026-07-28").items(), key=lambda kv: kv[1]["pct"])
    return {"min_industry": k, "min_pct": v["pct"]}


def F105(d):
    return {"sum_yuan": sum(d.ind[(r["date"], "电池")]["amt"] for r in d.last_n("2026-07-31", 5))}


def F106(d):
    return {"up_industries": sum(1 for v in d.inds("2026-07-24").values() if v["pct"] > 0)}


def F107(d):
    rs = [(dd, x["amt"]) for (dd, k), x in d.ind.items() if k == "证券" and "2025-08-01" <= dd <= "2026-07-31"]
    a, b = max(rs, key=lambda t: t[1])
    return {"max_date": a, "max_yuan": b}


# ---------- follow-ups ----------
def F108(d):
    a, b = S(d.rng("2026-07-01", "2026-07-31")), S(d.rng("2026-06-01", "2026-06-30"))
    c, cp = chg(a, b)
    return [{"sum_yuan": a}, {"sum_yuan": b}, {"change_yuan": c, "change_pct": cp}]


def F109(d):
    r = d.r("2026-07-30")
    c, cp = chg(r["tot"], d.T("2026-07-29"))
    return [
        {"date": "2026-07-30", "total_yuan": r["tot"]},
        {"sh_yuan": r["sh"], "share_pct": 100 * r["sh"] / r["tot"]},
        {"prev_total_yuan": d.T("2026-07-29"), "change_yuan": c, "change_pct": cp},
    ]


def F110(d):
    h = d.rng("0000", "2025-05-30")
    v = d.T("2024-10-08")
    a, b = MAX(h)  # history up to now (2025-06-01)
    return [{"total_yuan": v}, {"sh_pct": d.r("2024-10-08")["shp"]}, {"rank": rank(h, v), "max_date": a, "max_yuan": b}]


def F111(d):
    rs = d.rng(*Y25)
    n, a, b = streak(rs, lambda r: r["tot"] > 2e12)
    return [
        {"days": CNT(rs, lambda v: v > 2e12)},
        {"days": CNT(rs, lambda v: v > 3e12)},
        {"streak": n, "start_date": a, "end_date": b},
    ]


def F112(d):
    r = d.r("2026-07-29")
    return [{"total_yuan": r["tot"]}, {"sh_yuan": r["sh"]}, {}]


def F113(d):
    a, b = M(d.rng("2026-01-01", "2026-07-31")), M(d.rng("2025-01-01", "2025-07-31"))
    c, cp = chg(a, b)
    return [{"mean_yuan": a}, {"mean_yuan": b, "change_pct": cp}]


def F114(d):
    k, v = max(d.inds("2026-07-31").items(), key=lambda kv: kv[1]["amt"])
    return [{"max_industry": k, "amount_yuan": v["amt"]}, {"change_pct": v["pct"]}, {"up_count": v["up"]}]


def F115(d):
    return [
        {"mean_yuan": M(d.rng("2026-02-01", "2026-02-28"))},
        {"date": "2026-02-13", "total_yuan": d.T("2026-02-13")},
    ]


def F116(d):
    a, b = d.rng("2026-07-20", "2026-07-26"), d.rng("2026-07-27", "2026-07-30")
    c, cp = chg(M(b), M(a))
    return [
        {"sum_yuan": S(a)},
        {"sum_yuan": S(b)},
        {"last_week_mean_yuan": M(a), "this_week_mean_yuan": M(b), "change_pct": cp},
    ]


def F117(d):
    a, b = MIN(d.rng("2022-01-01", "2022-12-31"))
    return [{"min_date": a, "min_yuan": b}, {"sh_close_pts": d.r(a)["shc"]}]


def F119(d):
    a, b = MAX(d.rng("2026-03-01", "2026-03-31"))
    r = d.r(a)
    return [{"max_date": a, "max_yuan": b}, {"sh_yuan": r["sh"], "sz_yuan": r["sz"]}]


def F120(d):
    rs = d.last_n("2026-07-31", 10)
    a, b = MAX(rs)
    c, e = MIN(rs)
    return [{"max_date": a, "max_yuan": b, "min_date": c, "min_yuan": e}, {"mean_yuan": M(rs)}]


def F121(d):
    rs = d.rng("2026-06-01", "2026-06-30")
    return [{"days": fang(d, rs)}, {"days": suo(d, rs)}]


def F122(d):
    a, b = d.ind[("2026-07-31", "银行")]["amt"], d.ind[("2026-07-31", "保险")]["amt"]
    return [{"amount_yuan": a}, {"amount_yuan": b}, {"sum_yuan": a + b, "share_pct": 100 * (a + b) / d.T("2026-07-31")}]


# ---------- other ----------
def F136(d):
    x = cmp_prev(d, "2026-07-24")
    return {"total_yuan": x["total_yuan"], "change_yuan": x["change_yuan"]}


def F147(d):
    return day(d, "2021-02-18")


def F149(d):
    r = d.r("2007-10-16")
    return {"total_yuan": r["tot"], "sh_close_pts": r["shc"]}


def F150(d):
    return day(d, "1991-04-03")


# ---------- plumbing ----------
def _flatten(fig):
    out = {}
    for k, v in fig.items():
        if isinstance(v, (list, tuple)):
            pre, _, rest = k.partition("_")
            for i, x in enumerate(v, 1):
                out[f"{pre}{i}_{rest}" if rest else f"{pre}{i}"] = x
        else:
            out[k] = v
    return out


def load_items(path=None):
    path = path or os.path.join(HERE, "set_f.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def figures(items, source=None):
    snap = source if isinstance(source, (str, os.PathLike)) else None
    d = Data(snap)
    out = {}
    for it in items:
        n = len(it["turns"])
        fn = globals().get(it["id"])
        if fn is None:
            out[it["id"]] = [{} for _ in range(n)]
            continue
        res = fn(d)
        if isinstance(res, dict):
            res = [res]
        res = [_flatten(x) for x in res]
        for i, e in enumerate(it["expect"]):
            if e["kind"] != "answer":
                res[i] = {}
        out[it["id"]] = res
    return out


if __name__ == "__main__":
    items = load_items(sys.argv[1] if len(sys.argv) > 1 else None)
    figs = figures(items)
    bad = 0
    for it in items:
        got = figs[it["id"]]
        if len(got) != len(it["turns"]) or len(it["expect"]) != len(it["turns"]):
            print("turn count mismatch", it["id"])
            bad += 1
            continue
        for i, e in enumerate(it["expect"]):
            if e["kind"] == "answer":
                if sorted(e["figures"]) != sorted(got[i].keys()):
                    print("MISMATCH", it["id"], i, e["figures"], sorted(got[i].keys()))
                    bad += 1
            elif got[i]:
                print("declined turn has figures", it["id"], i)
                bad += 1
    if bad:
        print(bad, "mismatches")
        sys.exit(1)
    print("all keys match for", len(items), "items")
