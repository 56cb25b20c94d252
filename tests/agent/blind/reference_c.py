# ruff: noqa
"""Reference figures for blind set C (marketbot), computed straight from the CSVs. Stdlib only.

Definitions used throughout (the readings in set_c.jsonl follow them):
- 两市成交额 / total = sh_yuan + sz_yuan from tools/data/turnover_snapshot.csv.gz (元). 沪市 = sh_yuan, 深市 = sz_yuan.
- Index closes and % changes (上证指数 sh000001, 深证成指 sz399001) come from SHARED/index/*_daily_baostock.csv
  (close, pctChg); 上涨 = pctChg > 0, 下跌 = pctChg < 0.
- Industries: SHARED/boards/ths_industry_daily_2025-07-25_2026-08-21.csv, used only up to 2026-07-31 (what the bot ships).
- A session counts for "today"/"so far" only when it has closed (15:00 Beijing) before "now"; 昨天 = the previous
  session day (a calendar day named explicitly must itself be a session, otherwise the item expects a decline).
- 破X / 超过X / 突破X / above X = total > X;  X以上 / at least X = total >= X;  低于X / 跌破X = total < X;
  between X and Y = X <= total <= Y.
- 放量 = total > previous session's total; 缩量 = total < previous session's total.
- Weeks run Monday..Sunday; 上周 = the previous calendar week; a week/month/quarter/year group only holds the sessions
  inside the asked period. Groups are ranked by the stated measure (sum unless 日均/mean is asked).
- 今年以来 / year to date = Jan 1 .. the last closed session; 去年同期 = Jan 1 .. the same calendar day a year earlier.
  本月至今 vs 上月同期 = day 1..D of this month vs day 1..D of the previous month (D = today's day of month).
- rank of a day = 1 + number of sessions in the population with a strictly higher value.
- percentile of a value v = 100 * (sessions in the population with total <= v) / (sessions in the population).
  "历史上" population = all sessions 1991-04-03 .. the last closed session before "now".
- Changes (keys with "change"/"diff") are signed: the asked day/period minus the reference day/period;
  change_pct = 100 * change / reference.
- Shares (占比) are percents of the stated whole (沪市/深市 share of SH+SZ; an industry theme's share of SH+SZ total,
  plus, for reference, its share of the 90 industries' sum).
- Streak "连续N天" ending on a day = the number of consecutive sessions ending on that day that meet the condition.
- Index change over a period = 100 * (close on the period's last session / close on the session before the period - 1).
"""

import csv
import gzip
import os
import sys
import json
import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tools", "data")
SNAPSHOT = os.path.join(DATA_DIR, "turnover_snapshot.csv.gz")
SHARED = os.environ.get("MARKETBOT_SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))
DATA_END = "2026-07-31"
Y26 = ("2026-01-01", "2026-07-31")  # 2026 year to date (data end)
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


def _rows(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


class Data:
    def __init__(self, snapshot=SNAPSHOT, shared=SHARED):
        self.sh, self.sz, self.tot = {}, {}, {}
        for r in _rows(snapshot):
            if not r.get("sh_yuan") or not r.get("sz_yuan"):
                continue
            s, z = float(r["sh_yuan"]), float(r["sz_yuan"])
            self.sh[r["date"]], self.sz[r["date"]], self.tot[r["date"]] = s, z, s + z
        self.dates = sorted(self.tot)
        self.pos = {x: i for i, x in enumerate(self.dates)}
        self.close, self.pct = {"sh": {}, "sz": {}}, {"sh": {}, "sz": {}}
        for key, name in (("sh", "sh000001_daily_baostock.csv"), ("sz", "sz399001_daily_baostock.csv")):
            for r in _rows(os.path.join(shared, "index", name)):
                if r.get("close") and r.get("pctChg"):
                    self.close[key][r["date"]] = float(r["close"])
                    self.pct[key][r["date"]] = float(r["pctChg"])
        self.ind = {}
        for r in _rows(os.path.join(shared, "boards", "ths_industry_daily_2025-07-25_2026-08-21.csv")):
            if r["date"] > DATA_END:
                continue
            self.ind.setdefault(r["date"], {})[r["industry"]] = {
                "yuan": float(r["turnover_yuan"]),
                "up": int(r["up_count"]),
                "count": int(r["total_count"]),
                "ret": float(r["return_1d_pct"]),
            }


# ---------------------------------------------------------------- helpers
def val(d, x, m="total"):
    return {"total": d.tot, "sh": d.sh, "sz": d.sz}[m][x]


def tot(d, x):
    return d.tot[x]


def sess(d, a, b):
    """Sessions a..b inclusive (ISO dates)."""
    return [x for x in d.dates if a <= x <= b]


def prev(d, x, k=1):
    return d.dates[d.pos[x] - k]


def last_n(d, end, n):
    i = d.pos[end]
    return d.dates[i - n + 1 : i + 1]


def chg(d, x, ref=None, m="total"):
    return val(d, x, m) - val(d, ref or prev(d, x), m)


def ssum(d, a, b, m="total"):
    return sum(val(d, x, m) for x in sess(d, a, b))


def mean(d, a, b, m="total"):
    xs = sess(d, a, b)
    return sum(val(d, x, m) for x in xs) / len(xs)


def mean_of(d, xs, m="total"):
    return sum(val(d, x, m) for x in xs) / len(xs)


def top(d, a, b, n=1, m="total", low=False, xs=None):
    xs = sess(d, a, b) if xs is None else xs
    return sorted(xs, key=lambda x: (val(d, x, m) if low else -val(d, x, m), x))[:n]


def count(d, a, b, pred):
    return sum(1 for x in sess(d, a, b) if pred(x))


def rank(d, x, a, b, m="total"):
    v = val(d, x, m)
    return 1 + sum(1 for y in sess(d, a, b) if val(d, y, m) > v)


def pctile(d, v, a, b):
    xs = sess(d, a, b)
    return 100.0 * sum(1 for y in xs if d.tot[y] <= v) / len(xs)


def first(d, a, b, pred):
    return next(x for x in sess(d, a, b) if pred(x))


def last(d, a, b, pred):
    return [x for x in sess(d, a, b) if pred(x)][-1]


def streak_end(d, x, pred):
    n, i = 0, d.pos[x]
    while i >= 0 and pred(d.dates[i]):
        n, i = n + 1, i - 1
    return n, d.dates[i + 1]


def longest(d, a, b, pred):
    best, cur, start, res = 0, 0, None, (0, None, None)
    for x in sess(d, a, b):
        if pred(x):
            cur += 1
            start = x if cur == 1 else start
            if cur > best:
                best, res = cur, (cur, start, x)
        else:
            cur = 0
    return res


def up(d, x, idx="sh"):
    return d.pct[idx][x] > 0


def down(d, x, idx="sh"):
    return d.pct[idx][x] < 0


def fangliang(d, x):
    return d.tot[x] > d.tot[prev(d, x)]


def suoliang(d, x):
    return d.tot[x] < d.tot[prev(d, x)]


def group(d, a, b, keyf):
    g = {}
    for x in sess(d, a, b):
        g.setdefault(keyf(x), []).append(x)
    return g


def monday(x):
    t = datetime.date.fromisoformat(x)
    return (t - datetime.timedelta(days=t.weekday())).isoformat()


def quarter(x):
    return (int(x[5:7]) - 1) // 3 + 1


def idx_change(d, idx, a, b):
    xs = sess(d, a, b)
    ref = prev(d, xs[0])
    return 100.0 * (d.close[idx][xs[-1]] / d.close[idx][ref] - 1)


def ind(d, x, name):
    return d.ind[x][name]


def ind_top(d, x, field, n=1, low=False):
    rows = d.ind[x]
    return sorted(rows, key=lambda k: (rows[k][field] if low else -rows[k][field], k))[:n]


def ind_change(d, x, name):
    return d.ind[x][name]["yuan"] - d.ind[prev(d, x)][name]["yuan"]


# ---------------------------------------------------------------- items
def C001(d):
    return {"total_yuan": tot(d, "2026-07-30")}


def C002(d):
    return {"total_yuan": tot(d, "2026-07-31")}


def C003(d):
    m = top(d, "2026-01-01", "2026-07-27", low=True)[0]
    return {"total_yuan": tot(d, "2026-07-24"), "min_date": m, "min_yuan": tot(d, m)}


def C004(d):
    return {"total_yuan": tot(d, "2025-03-03")}


def C005(d):
    return {"total_yuan": tot(d, "2024-10-08")}


def C006(d):
    return {"sh_yuan": d.sh["2026-03-05"]}


def C007(d):
    return {"sz_yuan": d.sz["2026-07-24"]}


def C008(d):
    return {"total_yuan": tot(d, "2026-06-30")}


def C009(d):
    return {"total_yuan": tot(d, "2026-04-30")}


def C010(d):
    return {"total_yuan": tot(d, "2025-09-30")}


def C011(d):
    return {
        "total_yuan": tot(d, "2026-07-31"),
        "change_yuan": chg(d, "2026-07-31"),
        "change_pct": 100 * chg(d, "2026-07-31") / tot(d, "2026-07-30"),
    }


def C012(d):
    return {"total_yuan": tot(d, "2026-01-14"), "rank": rank(d, "2026-01-14", "1991-01-01", "2026-01-30")}


def C013(d):
    return {"total_yuan": tot(d, "2015-06-12")}


def C014(d):
    return {"total_yuan": tot(d, "2026-06-30")}


def C015(d):
    return {"total_yuan": tot(d, "2026-07-01")}


def C016(d):
    return {"sh_yuan": d.sh["2026-07-21"]}


def C017(d):
    return {"total_yuan": tot(d, "2026-07-27")}


def C018(d):
    return {"total_yuan": tot(d, "2026-07-28")}


def C019(d):
    return {"total_yuan": tot(d, "2026-06-18")}


def C020(d):
    x = "2026-07-13"
    return {"total_yuan": tot(d, x), "sh_yuan": d.sh[x], "sz_yuan": d.sz[x]}


def C021(d):
    return {"total_yuan": tot(d, "2026-03-23"), "change_yuan": chg(d, "2026-03-23")}


def C022(d):
    return {"total_yuan": tot(d, "2025-12-31")}


def C023(d):
    return {"total_yuan": tot(d, "2026-01-05")}


def C024(d):
    return {
        "total_yuan": tot(d, "2025-10-09"),
        "ref_total_yuan": tot(d, "2025-09-30"),
        "change_yuan": chg(d, "2025-10-09", "2025-09-30"),
    }


def C025(d):
    return {"total_yuan": tot(d, "2026-07-23")}


def C028(d):
    return {"total_yuan": tot(d, "2026-06-22")}


def C029(d):
    return {"total_yuan": tot(d, "2026-07-10")}


def C030(d):
    x = "2026-07-16"
    return {"sz_yuan": d.sz[x], "total_yuan": tot(d, x), "share_pct": 100 * d.sz[x] / tot(d, x)}


def C031(d):
    return {"total_yuan": tot(d, "2019-02-25")}


def C032(d):
    return {"total_yuan": tot(d, "2024-09-24")}


def C033(d):
    return {"total_yuan": tot(d, "2025-12-08")}


def C034(d):
    return {"total_yuan": tot(d, "2026-07-24"), "change_yuan": chg(d, "2026-07-24")}


def C036(d):
    return {"days": count(d, *Y26, lambda x: tot(d, x) > 3e12)}


def C037(d):
    return {"mean_yuan": mean(d, *Y26)}


def C038(d):
    return {
        "sum_yuan": ssum(d, "2026-07-01", "2026-07-31"),
        "mean_yuan": mean(d, "2026-07-01", "2026-07-31"),
        "days": len(sess(d, "2026-07-01", "2026-07-31")),
    }


def C039(d):
    x = top(d, "2026-06-01", "2026-06-30")[0]
    return {"max_date": x, "max_yuan": tot(d, x)}


def C040(d):
    xs = top(d, "2025-01-01", "2025-12-31", 5, low=True)
    return {"bottom_date": xs, "bottom_yuan": [tot(d, x) for x in xs]}


def C041(d):
    return {"days": count(d, "2025-01-01", "2025-12-31", lambda x: tot(d, x) > 2e12)}


def C042(d):
    return {"sum_yuan": ssum(d, "2024-01-01", "2024-12-31")}


def C043(d):
    return {"mean_yuan": mean(d, "2026-07-20", "2026-07-26")}


def C044(d):
    return {"sum_yuan": ssum(d, "2026-07-27", "2026-07-31")}


def C045(d):
    n, s = streak_end(d, "2026-07-31", lambda x: tot(d, x) >= 1e12)
    return {"days": n, "start_date": s}


def C046(d):
    x = first(d, *Y26, lambda x: tot(d, x) < 2e12)
    return {"first_date": x, "total_yuan": tot(d, x)}


def C047(d):
    x = first(d, "1990-01-01", "2026-04-30", lambda x: tot(d, x) > 1e12)
    return {"first_date": x, "total_yuan": tot(d, x)}


def C048(d):
    return {"days": count(d, *Y26, lambda x: 2e12 <= tot(d, x) <= 3e12)}


def C049(d):
    return {"total_yuan": tot(d, "2026-07-31"), "rank": rank(d, "2026-07-31", *Y26), "days": len(sess(d, *Y26))}


def C050(d):
    return {
        "total_yuan": tot(d, "2026-07-24"),
        "percentile_pct": pctile(d, tot(d, "2026-07-24"), "1990-01-01", "2026-07-24"),
    }


def C051(d):
    return {"percentile_pct": pctile(d, 2e12, *Y26)}


def C052(d):
    g = group(d, *Y26, lambda x: x[:7])
    ks = sorted(g, key=lambda k: -mean_of(d, g[k]))
    return {"top_month": ks, "top_yuan": [mean_of(d, g[k]) for k in ks]}


def C053(d):
    g = group(d, "2025-01-01", "2025-12-31", monday)
    k = max(g, key=lambda k: ssum(d, g[k][0], g[k][-1]))
    return {"week_start_date": k, "sum_yuan": ssum(d, g[k][0], g[k][-1])}


def C054(d):
    a, b = ssum(d, "2025-01-01", "2025-06-30"), ssum(d, "2025-07-01", "2025-12-31")
    return {
        "h1_sum_yuan": a,
        "h2_sum_yuan": b,
        "h1_mean_yuan": mean(d, "2025-01-01", "2025-06-30"),
        "h2_mean_yuan": mean(d, "2025-07-01", "2025-12-31"),
        "diff_yuan": b - a,
        "change_pct": 100 * (b - a) / a,
    }


def C055(d):
    a, b = ssum(d, *Y26), ssum(d, "2025-01-01", "2025-07-31")
    return {"ytd_yuan": a, "prev_ytd_yuan": b, "diff_yuan": a - b, "change_pct": 100 * (a - b) / b}


def C056(d):
    a, b = mean(d, "2026-07-01", "2026-07-15"), mean(d, "2026-06-01", "2026-06-15")
    return {"mean_yuan": a, "ref_mean_yuan": b, "diff_yuan": a - b, "change_pct": 100 * (a - b) / b}


def C057(d):
    return {"sum_yuan": ssum(d, "2026-04-01", "2026-06-30"), "mean_yuan": mean(d, "2026-04-01", "2026-06-30")}


def C058(d):
    q = {k: ssum(d, "2025-%02d-01" % (3 * k - 2), "2025-%02d-31" % (3 * k)) for k in (1, 2, 3, 4)}
    b = max(q, key=q.get)
    return {
        "best_quarter": b,
        "best_sum_yuan": q[b],
        "q1_sum_yuan": q[1],
        "q2_sum_yuan": q[2],
        "q3_sum_yuan": q[3],
        "q4_sum_yuan": q[4],
    }


def C059(d):
    g = group(d, "1990-01-01", "2026-07-31", lambda x: x[:4])
    ks = sorted(g, key=lambda k: -ssum(d, g[k][0], g[k][-1]))[:3]
    return {"top_year": ks, "top_yuan": [ssum(d, g[k][0], g[k][-1]) for k in ks]}


def C060(d):
    return {"mean_yuan": mean(d, "2015-01-01", "2015-12-31")}


def C061(d):
    x = max(sess(d, *Y26), key=lambda x: chg(d, x))
    return {"date": x, "change_yuan": chg(d, x), "total_yuan": tot(d, x)}


def C062(d):
    return {"mean_yuan": mean_of(d, last_n(d, "2026-07-31", 10))}


def C063(d):
    return {"days": sum(1 for x in last_n(d, "2026-07-31", 20) if tot(d, x) < 2e12)}


def C064(d):
    return {"days": count(d, "2026-07-01", "2026-07-31", lambda x: suoliang(d, x))}


def C065(d):
    runs, cur = [], []
    for x in sess(d, *Y26):
        cur = cur + [x] if fangliang(d, x) else []
        if cur:
            runs.append(list(cur))
    n = max(len(r) for r in runs)
    best = [r for r in runs if len(r) == n]
    return {"days": n, "start_date": [r[0] for r in best], "end_date": [r[-1] for r in best]}


def C066(d):
    return {"days": count(d, "2024-01-01", "2024-12-31", lambda x: tot(d, x) >= 1e12)}


def C067(d):
    x = first(d, "2024-01-01", "2024-12-31", lambda x: tot(d, x) > 2e12)
    return {"first_date": x, "total_yuan": tot(d, x)}


def C068(d):
    return {"days": count(d, *Y26, lambda x: d.sh[x] > 1.5e12)}


def C069(d):
    x = top(d, "1990-01-01", "2026-07-31", m="sz")[0]
    return {"max_date": x, "sz_yuan": d.sz[x]}


def C070(d):
    xs = top(d, *Y26, 3)
    return {"top_date": xs, "top_yuan": [tot(d, x) for x in xs]}


def C071(d):
    return {"mean_yuan": mean(d, "2026-02-01", "2026-02-28"), "days": len(sess(d, "2026-02-01", "2026-02-28"))}


def C072(d):
    a, b = mean(d, "2026-06-01", "2026-06-30"), mean(d, "2025-12-01", "2025-12-31")
    return {"mean_yuan": a, "ref_mean_yuan": b, "diff_yuan": a - b, "change_pct": 100 * (a - b) / b}


def C073(d):
    g = group(d, "2025-01-01", "2025-12-31", lambda x: x[:7])
    return {"months": sum(1 for k in g if mean_of(d, g[k]) > 2e12)}


def C074(d):
    x = last(d, "1990-01-01", "2026-07-31", lambda x: tot(d, x) < 1e12)
    return {"last_date": x, "total_yuan": tot(d, x)}


def C075(d):
    p = lambda x: tot(d, x) >= 3e12
    return {"days": count(d, *Y26, p), "last_date": last(d, *Y26, p)}


def C076(d):
    a, b = ssum(d, *Y26, m="sh"), ssum(d, *Y26)
    return {"sh_sum_yuan": a, "sum_yuan": b, "share_pct": 100 * a / b}


def C077(d):
    a, b = mean(d, "2026-01-01", "2026-03-31"), mean(d, "2025-01-01", "2025-03-31")
    return {"mean_yuan": a, "ref_mean_yuan": b, "diff_yuan": a - b, "change_pct": 100 * (a - b) / b}


def C078(d):
    a, b = ssum(d, "2026-07-20", "2026-07-26"), ssum(d, "2026-07-13", "2026-07-19")
    return {"sum_yuan": a, "ref_sum_yuan": b, "diff_yuan": a - b, "change_pct": 100 * (a - b) / b}


def C079(d):
    xs = top(d, "1990-01-01", "2026-07-31", 5)
    return {"top_date": xs, "top_yuan": [tot(d, x) for x in xs]}


def C080(d):
    x = top(d, "2010-01-01", "2026-07-31", low=True)[0]
    return {"min_date": x, "min_yuan": tot(d, x)}


def C081(d):
    x = "2026-07-31"
    return {"sh_change_pct": d.pct["sh"][x], "sh_close_pts": d.close["sh"][x], "total_yuan": tot(d, x)}


def C082(d):
    return {"sh_close_pts": d.close["sh"]["2026-07-28"]}


def C083(d):
    return {"sz_change_pct": d.pct["sz"]["2026-07-30"], "sz_close_pts": d.close["sz"]["2026-07-30"]}


def C084(d):
    u = [x for x in sess(d, *Y26) if up(d, x)]
    w = [x for x in sess(d, *Y26) if down(d, x)]
    return {"up_mean_yuan": mean_of(d, u), "down_mean_yuan": mean_of(d, w), "up_days": len(u), "down_days": len(w)}


def C085(d):
    return {"days": count(d, *Y26, lambda x: fangliang(d, x) and down(d, x))}


def C086(d):
    return {"days": count(d, "2026-07-01", "2026-07-31", lambda x: suoliang(d, x) and up(d, x))}


def C087(d):
    xs = [x for x in sess(d, *Y26) if d.pct["sh"][x] < -2]
    return {"days": len(xs), "mean_yuan": mean_of(d, xs)}


def C088(d):
    return {"sh_close_pts": d.close["sh"]["2025-12-31"], "total_yuan": tot(d, "2025-12-31")}


def C089(d):
    a, b = d.close["sh"]["2026-07-31"], d.close["sh"]["2025-12-31"]
    return {"change_pct": 100 * (a / b - 1), "change_pts": a - b, "close_pts": a, "ref_close_pts": b}


def C090(d):
    return {
        "change_pct": idx_change(d, "sh", "2026-07-01", "2026-07-31"),
        "sum_yuan": ssum(d, "2026-07-01", "2026-07-31"),
    }


def C091(d):
    x = top(d, *Y26)[0]
    return {"max_date": x, "total_yuan": tot(d, x), "sh_change_pct": d.pct["sh"][x]}


def C092(d):
    x = min(sess(d, *Y26), key=lambda x: d.pct["sz"][x])
    return {"date": x, "sz_change_pct": d.pct["sz"][x], "total_yuan": tot(d, x)}


def C093(d):
    n = len(sess(d, *Y26))
    u = count(d, *Y26, lambda x: up(d, x))
    return {"up_days": u, "days": n, "share_pct": 100 * u / n}


def C094(d):
    x = "2026-06-22"
    return {"total_yuan": tot(d, x), "sz_change_pct": d.pct["sz"][x], "sh_change_pct": d.pct["sh"][x]}


def C095(d):
    x = "2026-03-23"
    return {"total_yuan": tot(d, x), "sh_change_pct": d.pct["sh"][x]}


def C096(d):
    k = ind_top(d, "2026-07-31", "yuan")[0]
    return {"top_industry": k, "top_yuan": ind(d, "2026-07-31", k)["yuan"]}


def C097(d):
    return {"industry_yuan": ind(d, "2026-07-30", "半导体")["yuan"]}


def C098(d):
    x = "2026-07-31"
    ks = sorted(d.ind[x], key=lambda k: -ind_change(d, x, k))[:5]
    return {"top_industry": ks, "top_change_yuan": [ind_change(d, x, k) for k in ks], "total_change_yuan": chg(d, x)}


def C099(d):
    x = "2026-07-31"
    a = sum(d.ind[x][k]["yuan"] for k in AI)
    s = sum(v["yuan"] for v in d.ind[x].values())
    return {"ai_yuan": a, "share_pct": 100 * a / tot(d, x), "industry_share_pct": 100 * a / s}


def C100(d):
    r = ind(d, "2026-07-21", "证券")
    return {"up_count": r["up"], "total_count": r["count"]}


def C101(d):
    k = ind_top(d, "2026-07-21", "ret")[0]
    return {"top_industry": k, "top_pct": ind(d, "2026-07-21", k)["ret"]}


def C102(d):
    r = ind(d, "2026-07-31", "白酒")
    return {"change_pct": r["ret"], "industry_yuan": r["yuan"]}


def C103(d):
    xs = sess(d, "2025-08-01", "2025-08-31")
    s = {}
    for x in xs:
        for k, v in d.ind[x].items():
            s[k] = s.get(k, 0) + v["yuan"]
    k = max(s, key=s.get)
    return {"top_industry": k, "top_yuan": s[k]}


def C104(d):
    k = ind_top(d, "2026-07-31", "up")[0]
    return {"top_industry": k, "up_count": ind(d, "2026-07-31", k)["up"]}


def C105(d):
    x = "2026-07-24"
    ks = sorted(d.ind[x], key=lambda k: ind_change(d, x, k))[:3]
    return {"bottom_industry": ks, "bottom_change_yuan": [ind_change(d, x, k) for k in ks]}


def C106(d):
    return {
        "industry_yuan": ind(d, "2026-07-29", "通信设备")["yuan"],
        "change_yuan": ind_change(d, "2026-07-29", "通信设备"),
    }


def C107(d):
    x = "2026-07-31"
    return {
        "up_count": sum(v["up"] for v in d.ind[x].values()),
        "total_count": sum(v["count"] for v in d.ind[x].values()),
    }


def C108(d):
    x = "2026-07-22"
    return [{"total_yuan": tot(d, x)}, {"sh_yuan": d.sh[x]}, {"sz_yuan": d.sz[x]}]


def C109(d):
    return [{"mean_yuan": mean(d, *Y26)}, {"mean_yuan": mean(d, "2025-01-01", "2025-12-31")}]


def C110(d):
    a = top(d, "2026-07-01", "2026-07-31")[0]
    b = top(d, "2026-07-01", "2026-07-31", low=True)[0]
    return [
        {"max_date": a, "max_yuan": tot(d, a)},
        {"min_date": b, "min_yuan": tot(d, b)},
        {"sh_change_pct": d.pct["sh"][b]},
    ]


def C111(d):
    return [
        {"days": count(d, *Y26, lambda x: tot(d, x) > 3e12)},
        {"days": count(d, *Y26, lambda x: tot(d, x) >= 2.5e12)},
    ]


def C112(d):
    return [{"total_yuan": tot(d, "2026-07-10")}, {"total_yuan": tot(d, "2026-07-09")}]


def C113(d):
    a, b = mean(d, "2026-07-20", "2026-07-26"), mean(d, "2026-07-13", "2026-07-19")
    return [{"mean_yuan": a}, {"mean_yuan": b}, {"diff_yuan": a - b, "change_pct": 100 * (a - b) / b}]


def C114(d):
    a = top(d, "2025-01-01", "2025-12-31")[0]
    b = top(d, "2024-01-01", "2024-12-31")[0]
    return [{"max_date": a, "max_yuan": tot(d, a)}, {"max_date": b, "max_yuan": tot(d, b)}]


def C115(d):
    x = "2026-07-31"
    return [{"total_yuan": tot(d, x)}, {"rank": rank(d, x, *Y26)}, {"rank": rank(d, x, "1990-01-01", x)}]


def C116(d):
    x = "2026-07-31"
    a, b = ind(d, x, "半导体"), ind(d, x, "软件开发")
    return [
        {"industry_yuan": a["yuan"]},
        {"industry_yuan": b["yuan"]},
        {
            "semis_change_pct": a["ret"],
            "software_change_pct": b["ret"],
            "higher_industry": "半导体" if a["ret"] > b["ret"] else "软件开发",
        },
    ]


def C117(d):
    g = group(d, "2026-06-01", "2026-06-30", monday)
    k = max(g, key=lambda k: ssum(d, g[k][0], g[k][-1]))
    return [
        {"sum_yuan": ssum(d, "2026-06-01", "2026-06-30")},
        {"week_start_date": k, "sum_yuan": ssum(d, g[k][0], g[k][-1])},
    ]


def C118(d):
    return [
        {"total_yuan": tot(d, "2026-07-31")},
        {"ref_total_yuan": tot(d, "2026-07-24"), "change_yuan": chg(d, "2026-07-31", "2026-07-24")},
    ]


def C119(d):
    x = top(d, *Y26, low=True)[0]
    return [{"min_date": x, "min_yuan": tot(d, x)}, {"sh_close_pts": d.close["sh"][x]}]


def C120(d):
    a, b = mean(d, "2026-01-01", "2026-03-31"), mean(d, "2026-04-01", "2026-06-30")
    return [{"mean_yuan": a}, {"mean_yuan": b}, {"diff_yuan": b - a, "change_pct": 100 * (b - a) / a}]


def C121(d):
    return [{"total_yuan": tot(d, "2026-03-05")}, {"sum_yuan": ssum(d, "2026-03-02", "2026-03-08")}]


def C122(d):
    x = "2026-07-30"
    return [{"sh_change_pct": d.pct["sh"][x]}, {"sz_change_pct": d.pct["sz"][x]}, {"total_yuan": tot(d, x)}]


# ---------------------------------------------------------------- driver
def _flatten(fig):
    out = {}
    for k, v in fig.items():
        if isinstance(v, (list, tuple)):
            head, _, tail = k.partition("_")
            for i, x in enumerate(v, 1):
                out["%s%d_%s" % (head, i, tail) if tail else "%s%d" % (head, i)] = x
        else:
            out[k] = v
    return out


_CACHE = {}


def _data(source=None):
    if isinstance(source, Data):
        return source
    # The grader passes its own BlindData adapter; this reference reads its files itself (like set B's).
    if not isinstance(source, (str, os.PathLike)):
        source = None
    key = source or "default"
    if key not in _CACHE:
        if source and os.path.isdir(source):
            _CACHE[key] = Data(snapshot=os.path.join(source, "turnover_snapshot.csv.gz"))
        elif source and os.path.isfile(source):
            _CACHE[key] = Data(snapshot=source)
        else:
            _CACHE[key] = Data()
    return _CACHE[key]


def figures(items, source=None):
    """{item_id: [figure dict per turn]}; {} for declined turns and pure-decline items."""
    d = _data(source)
    res = {}
    for it in items:
        n = len(it.get("turns", [])) or 1
        fn = globals().get(it["id"])
        if fn is None:
            res[it["id"]] = [{} for _ in range(n)]
            continue
        out = fn(d)
        if isinstance(out, dict):
            out = [out] + [{} for _ in range(n - 1)]
        res[it["id"]] = [_flatten(x) for x in out]
    return res


def load_items(path=None):
    path = path or os.path.join(HERE, "set_c.jsonl")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(ln) for ln in fh if ln.strip()]


if __name__ == "__main__":
    items = load_items()
    figs = figures(items)
    n_fig = sum(len(t) for v in figs.values() for t in v)
    bad = []
    for it in items:
        for i, (e, f) in enumerate(zip(it["expect"], figs[it["id"]])):
            want = set(e.get("figures", [])) if e["kind"] == "answer" else set()
            if want != set(f):
                bad.append((it["id"], i, sorted(want ^ set(f))))
    kinds = {}
    for it in items:
        for e in it["expect"]:
            kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    print("items: %d, turns by kind: %s, figures: %d" % (len(items), kinds, n_fig))
    if "-v" in sys.argv:
        for k, v in figs.items():
            print(k, v)
    if bad:
        print("figure-key mismatches:", bad)
        sys.exit(1)
    print("all expected figure keys match the reference")
