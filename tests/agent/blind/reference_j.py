# ruff: noqa
"""Reference answers for held-out set J (marketbot).

Definitions:
- total = sh_yuan + sz_yuan (元). Sessions = rows of the snapshot. A session is closed at "now" only if
  its date < now's date, or its date == now's date and now's time >= 15:00.
- 破X / 超过X / above = strictly > X; X以上 / at least = >= X; 低于 / 跌破 = < X; "between" inclusive.
- 放量 = total > previous session's total; 缩量 = total < previous session's (previous session may lie before the period).
- Weeks run Monday..Sunday. 今年以来 = Jan 1 .. last closed session. 昨天 = previous session before today's date
  (the session before "now"'s date); 前天 = the session before that.
- rank = 1 + count of sessions strictly higher in the population; percentile = 100*count(<= v)/population size.
- Changes are signed: asked minus reference (two periods: later minus earlier); change_pct = 100*change/reference.
- Index change over a period = 100*(last close in period / last close before the period - 1).
- share_pct = 100 * part / whole (aggregate sums for periods).
- median: statistics.median of daily totals. avg = arithmetic mean of daily totals over sessions.
- Industry share of market = 100*industry amount / 两市 total of that day. Theme = plain sum of its industries.
- Ties: earliest date wins.
"""

import os, sys, gzip, json, statistics, datetime as _dt

HERE = os.path.dirname(os.path.abspath(__file__))
SNAPSHOT = os.environ.get("MARKETBOT_SNAPSHOT") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "turnover_snapshot.csv.gz"
)
INDUSTRIES = os.environ.get("MARKETBOT_INDUSTRIES") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "ths_industries.csv.gz"
)
THEMES_AI = [
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


def _open(p):
    p = os.fspath(p)
    return gzip.open(p, "rt", encoding="utf-8") if p.endswith(".gz") else open(p, encoding="utf-8")


def _f(x):
    return float(x) if x not in ("", None) else None


class Data:
    def __init__(self, snap=SNAPSHOT, ind=INDUSTRIES):
        self.rows = []
        with _open(snap) as fh:
            for line in fh:
                if line.startswith("#") or line.startswith("date") or not line.strip():
                    continue
                p = line.strip().split(",")
                sh, sz = float(p[1]), float(p[2])
                self.rows.append(
                    dict(date=p[0], sh=sh, sz=sz, tot=sh + sz, shc=_f(p[3]), shp=_f(p[4]), szc=_f(p[5]), szp=_f(p[6]))
                )
        self.idx = {r["date"]: i for i, r in enumerate(self.rows)}
        self.ind = {}
        try:
            with _open(ind) as fh:
                for line in fh:
                    if line.startswith("#") or line.startswith("date") or not line.strip():
                        continue
                    p = line.strip().split(",")
                    self.ind.setdefault(p[0], []).append(
                        dict(code=p[1], name=p[2], amt=float(p[3]), up=int(p[4]), n=int(p[5]), pct=float(p[6]))
                    )
        except FileNotFoundError:
            pass

    def r(self, d):
        return self.rows[self.idx[d]]

    def prev(self, d):
        return self.rows[self.idx[d] - 1]

    def span(self, a, b):
        return [r for r in self.rows if a <= r["date"] <= b]

    def closed(self, now):
        day, hm = now.split(" ")
        return [r for r in self.rows if r["date"] < day or (r["date"] == day and hm >= "15:00")]

    def last(self, now):
        return self.closed(now)[-1]

    def before_day(self, now, k=1):
        day = now.split(" ")[0]
        xs = [r for r in self.rows if r["date"] < day]
        return xs[-k]

    def close_before(self, a, key):
        xs = [r for r in self.rows if r["date"] < a]
        return xs[-1][key]


def _avg(rs, k="tot"):
    return sum(r[k] for r in rs) / len(rs)


def _sum(rs, k="tot"):
    return sum(r[k] for r in rs)


def _max(rs, k="tot"):
    m = rs[0]
    for r in rs:
        if r[k] > m[k]:
            m = r
    return m


def _min(rs, k="tot"):
    m = rs[0]
    for r in rs:
        if r[k] < m[k]:
            m = r
    return m


def _chg(d, rs, key):
    a = rs[0]["date"]
    return 100 * (rs[-1][key] / d.close_before(a, key) - 1)


def _fang(d, rs):
    return sum(1 for r in rs if r["tot"] > d.prev(r["date"])["tot"])


def _suo(d, rs):
    return sum(1 for r in rs if r["tot"] < d.prev(r["date"])["tot"])


def _T(d, x):
    return d.r(x)["tot"]


def _ind(d, day, name):
    return [x for x in d.ind[day] if x["name"] == name][0]


def _top(xs, k, n, rev=True):
    return sorted(xs, key=lambda x: -x[k] if rev else x[k])[:n]


# ---------------- single day ----------------
def J001(d):
    return {"total_yuan": _T(d, "2026-07-31")}


def J002(d):
    return {"total_yuan": _T(d, "2026-07-30")}


def J003(d):
    return {"sh_yuan": d.r("2026-07-15")["sh"]}


def J004(d):
    return {"sz_yuan": d.r("2026-06-03")["sz"]}


def J005(d):
    return {"total_yuan": _T(d, "2026-03-12")}


def J006(d):
    return {"total_yuan": _T(d, "2025-12-10")}


def J007(d):
    r = d.r("2026-07-01")
    return {"total_yuan": r["tot"], "sh_share_pct": 100 * r["sh"] / r["tot"]}


def J008(d):
    return {"total_yuan": _T(d, "2026-07-31")}


def J009(d):
    return {"total_yuan": _T(d, "2026-07-29")}


def J010(d):
    r = d.r("2024-09-30")
    return {"sh_yuan": r["sh"], "sz_yuan": r["sz"], "total_yuan": r["tot"]}


def J011(d):
    return {"total_yuan": _T(d, "2024-10-08")}


def J012(d):
    return {"total_yuan": _T(d, "2015-06-12")}


def J013(d):
    return {"total_yuan": _T(d, "2007-05-30")}


def J014(d):
    return {"date": "2026-01-05", "total_yuan": _T(d, "2026-01-05")}


def J015(d):
    return {"date": "2026-02-24", "total_yuan": _T(d, "2026-02-24")}


def J016(d):
    return {"sz_yuan": d.r("2026-04-07")["sz"]}


def J017(d):
    a, b = _T(d, "2026-05-06"), d.prev("2026-05-06")["tot"]
    return {"total_yuan": a, "prev_total_yuan": b, "change_yuan": a - b}


def J018(d):
    r = d.r("2026-07-30")
    return {"sh_yuan": r["sh"], "sz_yuan": r["sz"]}


def J019(d):
    t = _T(d, "2026-07-30")
    return {"total_yuan": t, "above_1t": int(t > 1e12)}


def J020(d):
    return {"total_yuan": _T(d, "2026-06-30")}


def J021(d):
    return {"total_yuan": _T(d, "2025-11-20")}


def J022(d):
    return {"total_yuan": _T(d, "2025-09-01")}


def J023(d):
    return {"total_yuan": _T(d, "2021-02-18")}


def J024(d):
    return {"total_yuan": _T(d, "2026-07-22")}


def J025(d):
    a, b = _T(d, "2026-07-31"), _T(d, "2026-07-30")
    return {"total_yuan": a, "prev_total_yuan": b, "change_yuan": a - b}


def J026(d):
    return {"total_yuan": _T(d, "2022-04-26")}


def J027(d):
    return {"total_yuan": _T(d, "2019-01-04")}


def J028(d):
    return {"total_yuan": _T(d, "2026-07-27")}


def J029(d):
    return {"total_yuan": _T(d, "2025-08-08")}


def J030(d):
    r = d.r("2026-03-31")
    return {"sh_share_pct": 100 * r["sh"] / r["tot"]}


def J031(d):
    return {"sz_yuan": d.r("2026-01-12")["sz"]}


def J032(d):
    return {"total_yuan": _T(d, "2026-01-15")}


def J033(d):
    return {"date": "2025-12-31", "total_yuan": _T(d, "2025-12-31")}


def J034(d):
    return {"date": "2026-06-30", "total_yuan": _T(d, "2026-06-30")}


def J035(d):
    return {"total_yuan": _T(d, "2025-10-09")}


# ---------------- stats ----------------
def J036(d):
    rs = d.span("2026-07-01", "2026-07-31")
    return {"avg_yuan": _avg(rs), "sessions": len(rs)}


def J037(d):
    return {"sum_yuan": _sum(d.span("2026-01-01", "2026-06-30"))}


def J038(d):
    rs = d.span("2026-01-01", "2026-07-31")
    return {"days": sum(r["tot"] > 2e12 for r in rs), "sessions": len(rs)}


def J039(d):
    m = _max(d.span("2026-06-01", "2026-06-30"))
    return {"max_date": m["date"], "max_yuan": m["tot"]}


def J040(d):
    m = _min(d.span("2025-01-01", "2025-12-31"))
    return {"min_date": m["date"], "min_yuan": m["tot"]}


def J041(d):
    return {"avg_yuan": _avg(d.span("2026-04-01", "2026-06-30"))}


def J042(d):
    return {"avg_yuan": _avg(d.span("2026-07-27", "2026-08-02"))}


def J043(d):
    return {"sum_yuan": _sum(d.span("2026-07-27", "2026-08-02"))}


def J044(d):
    return {"avg_yuan": _avg(d.closed("2026-07-31 16:00")[-5:])}


def J045(d):
    return {"days": _suo(d, d.closed("2026-07-31 16:00")[-20:])}


def J046(d):
    return {"median_yuan": statistics.median(r["tot"] for r in d.span("2026-05-01", "2026-05-31"))}


def J047(d):
    return {"sum_yuan": _sum(d.span("2024-01-01", "2024-12-31"))}


def J048(d):
    return {"days": sum(r["tot"] >= 1.5e12 for r in d.span("2025-01-01", "2025-12-31"))}


def J049(d):
    m = _max(d.closed("2026-08-05 10:00"))
    return {"max_date": m["date"], "max_yuan": m["tot"]}


def J050(d):
    return {"days": sum(r["tot"] < 1.8e12 for r in d.span("2026-01-01", "2026-07-31"))}


def J051(d):
    a, b = _avg(d.span("2026-07-01", "2026-07-31")), _avg(d.span("2026-06-01", "2026-06-30"))
    return {"jul_avg_yuan": a, "jun_avg_yuan": b, "change_yuan": a - b, "change_pct": 100 * (a - b) / b}


def J052(d):
    return {"sh_sum_yuan": _sum(d.span("2025-01-01", "2025-12-31"), "sh")}


def J053(d):
    return {"sz_avg_yuan": _avg(d.span("2026-03-01", "2026-03-31"), "sz")}


def J054(d):
    rs = d.span("2026-01-01", "2026-07-31")
    best = (0, None, None)
    cur = 0
    st = None
    for r in rs:
        if r["tot"] > 2e12:
            if cur == 0:
                st = r["date"]
            cur += 1
            if cur > best[0]:
                best = (cur, st, r["date"])
        else:
            cur = 0
    return {"streak": best[0], "start_date": best[1], "end_date": best[2]}


def J055(d):
    rs = d.span("2026-01-01", "2026-03-31")
    best = None
    for r in rs:
        c = r["tot"] - d.prev(r["date"])["tot"]
        if best is None or c > best[1]:
            best = (r["date"], c)
    return {"date": best[0], "change_yuan": best[1]}


def J056(d):
    rs = d.span("2026-07-01", "2026-07-31")
    return {"days": _fang(d, rs), "sessions": len(rs)}


def J057(d):
    return {"avg_yuan": _avg(d.span("2025-10-01", "2025-10-31"))}


def J058(d):
    return {"sum_yuan": _sum(d.span("2026-07-01", "2026-07-15"))}


def J059(d):
    wk = {}
    for r in d.span("2026-01-01", "2026-07-31"):
        dt = _dt.date.fromisoformat(r["date"])
        ws = (dt - _dt.timedelta(dt.weekday())).isoformat()
        wk[ws] = wk.get(ws, 0) + r["tot"]
    ws = max(sorted(wk), key=lambda k: wk[k])
    return {"week_start_date": ws, "sum_yuan": wk[ws]}


def J060(d):
    rs = d.span("2026-06-01", "2026-06-30")
    return {"sh_share_pct": 100 * _sum(rs, "sh") / _sum(rs)}


def J061(d):
    rs = d.span("2026-04-01", "2026-04-30")
    a, b = _max(rs)["tot"], _min(rs)["tot"]
    return {"max_yuan": a, "min_yuan": b, "range_yuan": a - b}


def J062(d):
    rs = [r for r in d.span("2026-01-01", "2026-07-31") if r["tot"] > 3e12]
    return {"days": len(rs), "first_date": rs[0]["date"], "last_date": rs[-1]["date"]}


def J063(d):
    return {"days": sum(r["tot"] > 2e12 for r in d.span("2025-07-01", "2025-12-31"))}


def J064(d):
    rs = d.span("2026-02-01", "2026-02-28")
    return {"sessions": len(rs), "sum_yuan": _sum(rs)}


def J065(d):
    return {"avg_yuan": _avg(d.span("2015-01-01", "2015-12-31"))}


def J066(d):
    m = _max(d.span("2020-01-01", "2020-12-31"))
    return {"max_date": m["date"], "max_yuan": m["tot"]}


def J067(d):
    rs = d.span("2025-01-01", "2025-12-31")
    return {"sessions": len(rs), "avg_yuan": _avg(rs)}


def J068(d):
    return {"median_yuan": statistics.median(r["tot"] for r in d.span("2026-01-01", "2026-07-31"))}


def J069(d):
    return {
        "may_sum_yuan": _sum(d.span("2026-05-01", "2026-05-31")),
        "jun_sum_yuan": _sum(d.span("2026-06-01", "2026-06-30")),
        "jul_sum_yuan": _sum(d.span("2026-07-01", "2026-07-31")),
    }


def J070(d):
    rs = d.span("2026-07-01", "2026-07-31")
    a, b = _sum(rs, "sz"), _sum(rs, "sh")
    return {"sz_sum_yuan": a, "sh_sum_yuan": b, "diff_yuan": a - b}


def J071(d):
    m = _max(d.span("2026-01-01", "2026-07-31"), "sh")
    return {"sh_max_date": m["date"], "sh_max_yuan": m["sh"]}


def J072(d):
    a, b = _sum(d.span("2025-01-01", "2025-12-31")), _sum(d.span("2024-01-01", "2024-12-31"))
    return {"sum_2025_yuan": a, "sum_2024_yuan": b, "change_yuan": a - b, "change_pct": 100 * (a - b) / b}


def J073(d):
    m = _min(d.span("2026-06-01", "2026-06-30"))
    return {"min_date": m["date"], "min_yuan": m["tot"]}


def J074(d):
    rs = d.span("2026-01-01", "2026-07-31")
    v = _T(d, "2026-07-31")
    return {"rank": 1 + sum(r["tot"] > v for r in rs), "sessions": len(rs)}


def J075(d):
    rs = d.closed("2026-08-02 10:00")
    v = _T(d, "2026-07-31")
    return {"percentile_pct": 100 * sum(r["tot"] <= v for r in rs) / len(rs)}


def J076(d):
    return {"sum_yuan": _sum(d.span("2026-06-01", "2026-06-12"))}


def J077(d):
    m = _max(d.closed("2026-07-31 10:00")[-10:])
    return {"max_date": m["date"], "max_yuan": m["tot"]}


def J078(d):
    return {"days": sum(r["tot"] > 1e12 for r in d.span("2023-01-01", "2023-12-31"))}


def J079(d):
    a, b = _avg(d.span("2026-01-01", "2026-03-31")), _avg(d.span("2026-04-01", "2026-06-30"))
    return {"q1_avg_yuan": a, "q2_avg_yuan": b, "change_yuan": b - a, "change_pct": 100 * (b - a) / a}


def J080(d):
    best = None
    for m in range(1, 7):
        rs = [r for r in d.rows if r["date"].startswith("2026-%02d" % m)]
        a = _avg(rs)
        if best is None or a > best[1]:
            best = ("2026-%02d" % m, a)
    return {"max_month": best[0], "avg_yuan": best[1]}


# ---------------- price + volume ----------------
def J081(d):
    r = d.r("2026-07-31")
    return {"sh_close_pts": r["shc"], "sh_pct": r["shp"], "total_yuan": r["tot"]}


def J082(d):
    r = d.r("2026-07-30")
    return {"sz_pct": r["szp"], "total_yuan": r["tot"]}


def J083(d):
    return {"sh_change_pct": _chg(d, d.span("2026-07-01", "2026-07-31"), "shc")}


def J084(d):
    rs = d.span("2026-06-01", "2026-06-30")
    return {"sh_change_pct": _chg(d, rs, "shc"), "avg_yuan": _avg(rs)}


def J085(d):
    return {"sz_change_pct": _chg(d, d.span("2026-01-01", "2026-07-31"), "szc")}


def J086(d):
    m = _max(d.span("2026-01-01", "2026-07-31"), "shc")
    return {"max_close_date": m["date"], "max_close_pts": m["shc"]}


def J087(d):
    rs = d.span("2026-07-01", "2026-07-31")
    dn = [r for r in rs if r["shp"] < 0]
    up = [r for r in rs if r["shp"] > 0]
    return {"down_avg_yuan": _avg(dn), "up_avg_yuan": _avg(up), "down_days": len(dn), "up_days": len(up)}


def J088(d):
    r = d.r("2024-09-30")
    return {"sh_pct": r["shp"], "total_yuan": r["tot"]}


def J089(d):
    return {"days": sum(r["shp"] > 2 for r in d.span("2026-01-01", "2026-07-31"))}


def J090(d):
    rs = d.span("2026-06-01", "2026-06-30")
    return {"days": sum(1 for r in rs if r["shp"] > 0 and r["tot"] > d.prev(r["date"])["tot"])}


def J091(d):
    return {"sz_close_pts": d.r("2026-07-29")["szc"]}


def J092(d):
    m = _min(d.span("2026-07-01", "2026-07-31"), "shp")
    return {"date": m["date"], "sh_pct": m["shp"], "total_yuan": m["tot"]}


def J093(d):
    r = d.r("2026-05-06")
    return {"sh_close_pts": r["shc"], "total_yuan": r["tot"]}


def J094(d):
    return {"sh_change_pct": _chg(d, d.span("2026-01-01", "2026-06-30"), "shc")}


def J095(d):
    m = _max(d.span("2026-01-01", "2026-07-31"))
    return {"date": m["date"], "total_yuan": m["tot"], "sz_pct": m["szp"]}


# ---------------- industry ----------------
def J096(d):
    t = _top(d.ind["2026-07-31"], "amt", 3)
    return {"top_industry": [x["name"] for x in t], "top_yuan": [x["amt"] for x in t]}


def J097(d):
    t = _top(d.ind["2026-07-30"], "pct", 1)[0]
    return {"top_industry": t["name"], "change_pct": t["pct"]}


def J098(d):
    return {"amount_yuan": _ind(d, "2026-07-31", "半导体")["amt"]}


def J099(d):
    x = _ind(d, "2026-07-30", "银行")
    return {"up_count": x["up"], "total_count": x["n"]}


def J100(d):
    return {"share_pct": 100 * _ind(d, "2026-07-31", "证券")["amt"] / _T(d, "2026-07-31")}


def J101(d):
    t = _top(d.ind["2026-07-30"], "pct", 1, rev=False)[0]
    return {"bottom_industry": t["name"], "change_pct": t["pct"]}


def J102(d):
    return {"sum_yuan": sum(_ind(d, r["date"], "白酒")["amt"] for r in d.span("2026-07-01", "2026-07-31"))}


def J103(d):
    return {"sum_yuan": sum(x["amt"] for x in d.ind["2026-07-31"] if x["name"] in THEMES_AI)}


def J104(d):
    t = _top(d.ind["2026-07-31"], "up", 1)[0]
    return {"top_industry": t["name"], "up_count": t["up"]}


def J105(d):
    t = _top(d.ind["2026-07-31"], "pct", 3)
    return {"top_industry": [x["name"] for x in t], "top_pct": [x["pct"] for x in t]}


def J106(d):
    rs = d.span("2026-07-01", "2026-07-31")
    return {"avg_yuan": sum(_ind(d, r["date"], "电池")["amt"] for r in rs) / len(rs)}


def J107(d):
    return {"up_industries": sum(1 for x in d.ind["2026-07-31"] if x["pct"] > 0)}


# ---------------- follow-ups ----------------
def J108(d):
    r = d.r("2026-07-31")
    return [{"total_yuan": r["tot"]}, {"sh_yuan": r["sh"]}, {"sz_share_pct": 100 * r["sz"] / r["tot"]}]


def J109(d):
    b, a = _avg(d.span("2026-06-01", "2026-06-30")), _avg(d.span("2026-07-01", "2026-07-31"))
    return [{"avg_yuan": b}, {"avg_yuan": a}, {"change_yuan": a - b, "change_pct": 100 * (a - b) / b}]


def J110(d):
    m = _max(d.span("2026-01-01", "2026-07-31"))
    return [{"max_date": m["date"], "max_yuan": m["tot"]}, {"sh_pct": m["shp"]}]


def J111(d):
    a, b = _T(d, "2026-07-15"), _T(d, "2026-07-14")
    return [{"total_yuan": a}, {"total_yuan": b}, {"change_yuan": a - b}]


def J112(d):
    x = _ind(d, "2026-07-30", "半导体")["amt"]
    return [{"amount_yuan": x}, {"share_pct": 100 * x / _T(d, "2026-07-30")}]


def J113(d):
    return [
        {"days": sum(r["tot"] > 2e12 for r in d.span("2025-01-01", "2025-12-31"))},
        {"days": sum(r["tot"] > 2e12 for r in d.span("2026-01-01", "2026-07-31"))},
    ]


def J114(d):
    return [{"total_yuan": _T(d, "2026-07-31")}, {}]


def J115(d):
    m = _min(d.span("2026-05-01", "2026-05-31"))
    return [{"min_date": m["date"], "min_yuan": m["tot"]}, {"sz_close_pts": m["szc"]}]


def J116(d):
    return [{}, {"total_yuan": _T(d, "2026-07-30")}]


def J117(d):
    rs = d.span("2026-04-01", "2026-06-30")
    return [{"sh_sum_yuan": _sum(rs, "sh")}, {"sz_sum_yuan": _sum(rs, "sz")}, {"sum_yuan": _sum(rs)}]


def J118(d):
    t = _top(d.ind["2026-07-31"], "amt", 1)[0]
    return [{"top_industry": t["name"], "amount_yuan": t["amt"]}, {"change_pct": t["pct"]}, {"up_count": t["up"]}]


def J119(d):
    v = _T(d, "2024-10-08")
    rs = d.closed("2026-08-01 10:00")
    return [{"total_yuan": v}, {"rank": 1 + sum(r["tot"] > v for r in rs)}]


def J120(d):
    rs = d.span("2026-07-01", "2026-07-31")
    return [{"days": _fang(d, rs)}, {"days": _suo(d, rs)}]


def J121(d):
    rs = d.span("2026-07-01", "2026-07-31")
    return [{"sh_close_pts": d.r("2026-07-31")["shc"]}, {"sh_change_pct": _chg(d, rs, "shc")}, {"sum_yuan": _sum(rs)}]


def J122(d):
    rs = d.span("2026-07-01", "2026-07-17")
    pm = d.span("2026-06-01", "2026-06-30")
    a, b = _avg(rs), _avg(pm)
    return [
        {"sum_yuan": _sum(rs)},
        {"avg_yuan": a},
        {"prev_avg_yuan": b, "change_yuan": a - b, "change_pct": 100 * (a - b) / b},
    ]


# ---------------- other (answerable) ----------------
def J145(d):
    return {"sessions": len(d.span("2026-01-01", "2026-07-31"))}


def J146(d):
    return {"sessions": len(d.span("2026-05-01", "2026-05-31"))}


def J147(d):
    r = [r for r in d.rows if r["tot"] > 1e12][0]
    return {"first_date": r["date"], "total_yuan": r["tot"]}


def J148(d):
    r = [r for r in d.closed("2026-08-01 10:00") if r["tot"] < 1e12][-1]
    return {"date": r["date"], "total_yuan": r["tot"]}


def J149(d):
    r = [r for r in d.closed("2026-08-01 10:00") if r["tot"] > 3e12][-1]
    return {"date": r["date"], "total_yuan": r["tot"]}


def J150(d):
    return {
        "jun_sessions": len(d.span("2026-06-01", "2026-06-30")),
        "jul_sessions": len(d.span("2026-07-01", "2026-07-31")),
    }


# ---------------- harness ----------------
def load_items(path=None):
    path = path or os.path.join(HERE, "set_j.jsonl")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(l) for l in fh if l.strip()]


def _flat(dct):
    out = {}
    for k, v in dct.items():
        if isinstance(v, list):
            base = k.split("_", 1)
            for i, x in enumerate(v, 1):
                out["%s%d_%s" % (base[0], i, base[1]) if len(base) == 2 else "%s%d" % (k, i)] = x
        else:
            out[k] = v
    return out


def figures(items, source=None):
    d = Data(source) if isinstance(source, (str, os.PathLike)) else Data()
    out = {}
    for it in items:
        n = len(it["turns"])
        fn = globals().get(it["id"])
        if fn is None:
            out[it["id"]] = [{} for _ in range(n)]
            continue
        res = fn(d)
        res = [res] if isinstance(res, dict) else res
        res = [_flat(x) for x in res]
        res = [({} if e.get("kind") == "decline" else x) for x, e in zip(res, it["expect"])]
        out[it["id"]] = res
    return out


if __name__ == "__main__":
    items = load_items(sys.argv[1] if len(sys.argv) > 1 else None)
    figs = figures(items)
    bad = 0
    for it in items:
        for i, (e, f) in enumerate(zip(it["expect"], figs[it["id"]])):
            if e["kind"] == "answer":
                if sorted(e["figures"]) != sorted(f):
                    bad += 1
                    print("MISMATCH", it["id"], i, e["figures"], sorted(f))
            elif f:
                bad += 1
                print("DECLINE WITH FIGURES", it["id"], i)
        if len(figs[it["id"]]) != len(it["turns"]):
            bad += 1
            print("TURN COUNT", it["id"])
    print(len(items), "items;", bad, "problems")
    sys.exit(1 if bad else 0)
