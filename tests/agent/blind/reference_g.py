# ruff: noqa
"""Reference answers for held-out set G (marketbot, 沪深两市成交额).

Definitions:
- total = sh_yuan + sz_yuan (元). A session is a row of the snapshot; a session is closed at/after 15:00 Beijing on its day.
- 破X / 超过X / 突破X / above = strictly > X; X以上 / at least = >= X; 低于 / 跌破 / below = strictly < X; between = inclusive.
- 放量 = total > previous session's total; 缩量 = total < previous session's total.
- Weeks run Monday..Sunday; 今年以来 = Jan 1 .. last session closed at "now"; 昨天 = previous session.
- rank = 1 + number of sessions in the population with a strictly higher value; percentile = 100*count(<= v)/population size.
- Changes are signed: asked minus reference (two periods: later minus earlier); change_pct = 100*change/reference.
- Index change over a period = 100*(last close in period / close of the session before the period - 1).
- Industry share = 100 * industry amount_yuan / 两市 total of that day.
- Median of an even count = mean of the two middle values.
"""

import csv, gzip, io, json, os, sys, statistics, datetime

HERE = os.path.dirname(os.path.abspath(__file__))
SNAPSHOT = os.environ.get("MARKETBOT_SNAPSHOT") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "turnover_snapshot.csv.gz"
)
INDUSTRIES = os.environ.get("MARKETBOT_INDUSTRIES") or os.path.join(
    HERE, "..", "..", "..", "tools", "data", "ths_industries.csv.gz"
)


def _lines(path):
    op = gzip.open if str(path).endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as f:
        return [l for l in f if l.strip() and not l.startswith("#")]


def _f(x):
    return float(x) if x not in ("", None) else None


def load(path=None):
    out = []
    for r in csv.DictReader(_lines(path or SNAPSHOT)):
        sh, sz = float(r["sh_yuan"]), float(r["sz_yuan"])
        out.append(
            {
                "date": r["date"],
                "sh": sh,
                "sz": sz,
                "tot": sh + sz,
                "shc": _f(r.get("sh_close")),
                "shp": _f(r.get("sh_pct")),
                "szc": _f(r.get("sz_close")),
                "szp": _f(r.get("sz_pct")),
            }
        )
    return out


_IND = None


def ind():
    global _IND
    if _IND is None:
        _IND = {}
        for r in csv.DictReader(_lines(INDUSTRIES)):
            _IND.setdefault(r["date"], []).append(
                {
                    "industry": r["industry"],
                    "amt": float(r["amount_yuan"]),
                    "up": int(r["up_count"]),
                    "n": int(r["total_count"]),
                    "chg": float(r["change_pct"]),
                }
            )
    return _IND


def row(d, date):
    for r in d:
        if r["date"] == date:
            return r
    raise KeyError(date)


def prev(d, date):
    for i, r in enumerate(d):
        if r["date"] == date:
            return d[i - 1]
    raise KeyError(date)


def rng(d, a, b):
    s = [r for r in d if a <= r["date"] <= b]
    assert s, (a, b)
    return s


def upto(d, b):
    return [r for r in d if r["date"] <= b]


def med(v):
    return statistics.median(v)


def stats(s, keys, field="tot"):
    v = [r[field] for r in s]
    mx = max(s, key=lambda r: r[field])
    mn = min(s, key=lambda r: r[field])
    allk = {
        "sum_yuan": sum(v),
        "mean_yuan": sum(v) / len(v),
        "median_yuan": med(v),
        "max_yuan": mx[field],
        "max_date": mx["date"],
        "min_yuan": mn[field],
        "min_date": mn["date"],
        "sessions": len(v),
    }
    return {k: allk[k] for k in keys}


def cnt(s, op, x, y=None):
    if op == ">":
        return sum(1 for r in s if r["tot"] > x)
    if op == ">=":
        return sum(1 for r in s if r["tot"] >= x)
    if op == "<":
        return sum(1 for r in s if r["tot"] < x)
    if op == "<=":
        return sum(1 for r in s if r["tot"] <= x)
    if op == "btw":
        return sum(1 for r in s if x <= r["tot"] <= y)


def vsprev(d, date):
    r = row(d, date)
    p = prev(d, date)
    return {
        "total_yuan": r["tot"],
        "change_yuan": r["tot"] - p["tot"],
        "change_pct": 100 * (r["tot"] - p["tot"]) / p["tot"],
    }


def cmp2(a_val, ref_val):
    return {"change_yuan": a_val - ref_val, "change_pct": 100 * (a_val - ref_val) / ref_val}


def idxchg(d, a, b, c="shc"):
    s = rng(d, a, b)
    p = prev(d, s[0]["date"])
    return 100 * (s[-1][c] / p[c] - 1)


def rank(pop, v):
    return 1 + sum(1 for x in pop if x > v)


def pctile(pop, v):
    return 100 * sum(1 for x in pop if x <= v) / len(pop)


def topn(s, n, field="tot", rev=True):
    t = sorted(s, key=lambda r: r[field], reverse=rev)[:n]
    return [r["date"] for r in t], [r[field] for r in t]


def streak_max(s, pred):
    best = cur = 0
    for r in s:
        cur = cur + 1 if pred(r) else 0
        best = max(best, cur)
    return best


def trailing(s, pred):
    n = 0
    for r in reversed(s):
        if not pred(r):
            break
        n += 1
    return n


def fangliang(d, s):
    out = []
    for r in s:
        p = prev(d, r["date"])
        out.append(r["tot"] > p["tot"])
    return out


def indday(date, name):
    for x in ind()[date]:
        if x["industry"] == name:
            return x
    raise KeyError(name)


def indtop(date, n, field="amt", rev=True):
    t = sorted(ind()[date], key=lambda x: x[field], reverse=rev)[:n]
    return [x["industry"] for x in t], [x[field] for x in t]


def theme(name):
    with open(os.path.join(os.path.dirname(INDUSTRIES), "industry_themes.json"), encoding="utf-8") as f:
        for t in json.load(f)["themes"]:
            if t["name"] == name:
                return t["industries"]


def group(s, keyf, agg):
    g = {}
    for r in s:
        g.setdefault(keyf(r["date"]), []).append(r["tot"])
    return {k: agg(v) for k, v in g.items()}


def wk(date):
    dt = datetime.date.fromisoformat(date)
    return (dt - datetime.timedelta(days=dt.weekday())).isoformat()


YI = 1e8
WAN = 1e12


def G001(d):
    return {"total_yuan": row(d, "2026-07-31")["tot"]}


def G002(d):
    return {"total_yuan": row(d, "2026-07-30")["tot"]}


def G003(d):
    return {"total_yuan": row(d, "2026-07-24")["tot"]}


def G004(d):
    return {"total_yuan": row(d, "2026-07-28")["tot"]}


def G005(d):
    r = row(d, "2026-06-22")
    return {"sh_yuan": r["sh"], "sz_yuan": r["sz"]}


def G006(d):
    r = row(d, "2024-10-08")
    pop = [x["tot"] for x in upto(d, "2025-02-28")]
    return {"total_yuan": r["tot"], "rank": rank(pop, r["tot"])}


def G007(d):
    return {"total_yuan": row(d, "2026-07-24")["tot"]}


def G008(d):
    return {"total_yuan": row(d, "2026-07-29")["tot"]}


def G009(d):
    return vsprev(d, "2026-07-17")


def G010(d):
    return {"sz_yuan": row(d, "2026-07-01")["sz"]}


def G011(d):
    return {"total_yuan": row(d, "2026-06-15")["tot"]}


def G012(d):
    return {"total_yuan": row(d, "2015-06-09")["tot"]}


def G013(d):
    return {"total_yuan": row(d, "2026-03-16")["tot"]}


def G014(d):
    return vsprev(d, "2026-07-31")


def G015(d):
    s = rng(d, "2025-01-01", "2025-12-31")
    return {"date": s[-1]["date"], "total_yuan": s[-1]["tot"]}


def G016(d):
    s = rng(d, "2026-01-01", "2026-12-31")
    return {"date": s[0]["date"], "total_yuan": s[0]["tot"]}


def G017(d):
    s = rng(d, "2026-02-14", "2026-03-01")
    return {"date": s[0]["date"], "total_yuan": s[0]["tot"]}


def G018(d):
    r = row(d, "2026-07-23")
    return {"sh_share_pct": 100 * r["sh"] / r["tot"]}


def G019(d):
    r = row(d, "2026-07-31")
    return {"sz_minus_sh_yuan": r["sz"] - r["sh"]}


def G020(d):
    return {"total_yuan": row(d, "2024-09-30")["tot"]}


def G021(d):
    return {"total_yuan": row(d, "2022-04-27")["tot"]}


def G022(d):
    return {"total_yuan": row(d, "2023-08-28")["tot"]}


def G023(d):
    return {"total_yuan": row(d, "2019-02-25")["tot"]}


def G024(d):
    return {"total_yuan": row(d, "2007-05-30")["tot"]}


def G025(d):
    return {"total_yuan": row(d, "2026-05-06")["tot"]}


def G026(d):
    return {"total_yuan": row(d, "2026-07-31")["tot"]}


def G027(d):
    return {"total_yuan": row(d, "2026-07-31")["tot"]}


def G028(d):
    return vsprev(d, "2026-04-07")


def G029(d):
    return {"total_yuan": row(d, "2025-10-09")["tot"]}


def G030(d):
    return {"total_yuan": row(d, "2025-11-20")["tot"]}


def G031(d):
    return {"sh_yuan": row(d, "2026-06-30")["sh"]}


def G032(d):
    return {"total_yuan": row(d, "2026-07-27")["tot"]}


def G033(d):
    return {"total_yuan": row(d, "2025-08-25")["tot"]}


def G034(d):
    r = row(d, "2026-01-05")
    return {"sh_yuan": r["sh"], "sz_yuan": r["sz"], "total_yuan": r["tot"]}


def G035(d):
    return {"total_yuan": row(d, "2026-07-17")["tot"]}


def G036(d):
    return stats(rng(d, "2026-07-01", "2026-07-31"), ["mean_yuan"])


def G037(d):
    return stats(rng(d, "2026-07-01", "2026-07-31"), ["sum_yuan"])


def G038(d):
    return stats(rng(d, "2026-01-01", "2026-07-31"), ["mean_yuan"])


def G039(d):
    return stats(rng(d, "2026-01-01", "2026-06-29"), ["max_date", "max_yuan"])


def G040(d):
    return stats(rng(d, "2026-01-01", "2026-07-31"), ["min_date", "min_yuan"])


def G041(d):
    return stats(rng(d, "2025-01-01", "2025-12-31"), ["sum_yuan"])


def G042(d):
    return stats(rng(d, "2026-04-01", "2026-06-30"), ["median_yuan"])


def G043(d):
    return {"days_above": cnt(rng(d, "2026-07-01", "2026-07-31"), ">", 3e12)}


def G044(d):
    return {"days_below": cnt(rng(d, "2026-01-01", "2026-07-31"), "<", 2e12)}


def G045(d):
    return {"days_between": cnt(rng(d, "2026-06-01", "2026-06-30"), "btw", 2.5e12, 3e12)}


def G046(d):
    return stats(upto(d, "2026-07-31")[-10:], ["mean_yuan"])


def G047(d):
    return stats(upto(d, "2026-07-30")[-5:], ["sum_yuan"])


def G048(d):
    return {"fangliang_days": sum(fangliang(d, rng(d, "2026-07-01", "2026-07-31")))}


def G049(d):
    s = rng(d, "2026-07-01", "2026-07-31")
    f = fangliang(d, s)
    sl = [r["tot"] < prev(d, r["date"])["tot"] for r in s]
    best = cur = 0
    for x in sl:
        cur = cur + 1 if x else 0
        best = max(best, cur)
    return {"max_streak": best}


def G050(d):
    ds, vs = topn(rng(d, "2026-01-01", "2026-07-31"), 3)
    return {"top_date": ds, "top_yuan": vs}


def G051(d):
    g = group(rng(d, "2026-01-01", "2026-07-31"), lambda x: x[:7], lambda v: sum(v) / len(v))
    t = max(g, key=g.get)
    l = min(g, key=g.get)
    return {"top_month": t, "top_mean_yuan": g[t], "low_month": l, "low_mean_yuan": g[l]}


def G052(d):
    g = group(rng(d, "2025-01-01", "2025-12-31"), lambda x: (int(x[5:7]) - 1) // 3 + 1, lambda v: sum(v) / len(v))
    t = max(g, key=g.get)
    return {"top_quarter": t, "top_mean_yuan": g[t]}


def G053(d):
    a = stats(rng(d, "2025-01-01", "2025-06-30"), ["mean_yuan"])["mean_yuan"]
    b = stats(rng(d, "2025-07-01", "2025-12-31"), ["mean_yuan"])["mean_yuan"]
    r = {"h1_mean_yuan": a, "h2_mean_yuan": b}
    r.update(cmp2(b, a))
    return r


def G054(d):
    a = stats(rng(d, "2026-01-01", "2026-07-31"), ["mean_yuan"])["mean_yuan"]
    b = stats(rng(d, "2025-01-01", "2025-07-31"), ["mean_yuan"])["mean_yuan"]
    return {"mean_yuan": a, "prev_mean_yuan": b, "change_pct": cmp2(a, b)["change_pct"]}


def G055(d):
    a = stats(rng(d, "2026-07-01", "2026-07-15"), ["mean_yuan"])["mean_yuan"]
    b = stats(rng(d, "2026-06-01", "2026-06-15"), ["mean_yuan"])["mean_yuan"]
    return {"mean_yuan": a, "prev_mean_yuan": b, "change_pct": cmp2(a, b)["change_pct"]}


def G056(d):
    return stats(rng(d, "2026-07-20", "2026-07-26"), ["mean_yuan"])


def G057(d):
    g = group(rng(d, "2026-07-01", "2026-07-31"), wk, sum)
    t = max(g, key=g.get)
    return {"top_week_date": t, "top_week_sum_yuan": g[t]}


def G058(d):
    return {"days_above": cnt(upto(d, "2026-07-31"), ">", 3e12)}


def G059(d):
    s = rng(d, "2026-01-01", "2026-07-31")
    v = row(d, "2026-07-31")["tot"]
    return {"total_yuan": v, "rank": rank([r["tot"] for r in s], v)}


def G060(d):
    s = upto(d, "2026-07-31")
    return {"percentile_pct": pctile([r["tot"] for r in s], row(d, "2026-07-31")["tot"])}


def G061(d):
    return {"streak": trailing(upto(d, "2026-07-31"), lambda r: r["tot"] >= 2e12)}


def G062(d):
    return stats(rng(d, "2024-01-01", "2024-12-31"), ["max_date", "max_yuan"])


def G063(d):
    return stats(rng(d, "2023-01-01", "2023-12-31"), ["mean_yuan"])


def G064(d):
    return stats(rng(d, "2022-01-01", "2022-12-31"), ["mean_yuan"])


def G065(d):
    return stats(rng(d, "2026-06-01", "2026-06-30"), ["max_date", "max_yuan", "min_date", "min_yuan"])


def G066(d):
    return stats(rng(d, "2026-05-01", "2026-05-31"), ["sessions", "sum_yuan"])


def G067(d):
    return stats(rng(d, "2026-01-01", "2026-03-31"), ["mean_yuan"])


def G068(d):
    return {"days_above": cnt(rng(d, "2025-01-01", "2025-12-31"), ">", 2e12)}


def G069(d):
    return stats(rng(d, "2025-07-01", "2025-12-31"), ["median_yuan"])


def G070(d):
    return stats(upto(d, "2026-07-31")[-20:], ["max_date", "max_yuan"])


def G071(d):
    s = rng(d, "2026-07-01", "2026-07-31")
    return {"sh_mean_yuan": sum(r["sh"] for r in s) / len(s)}


def G072(d):
    return {"sz_sum_yuan": sum(r["sz"] for r in rng(d, "2026-07-01", "2026-07-31"))}


def G073(d):
    a = stats(rng(d, "2026-07-01", "2026-07-31"), ["mean_yuan"])["mean_yuan"]
    b = stats(rng(d, "2026-06-01", "2026-06-30"), ["mean_yuan"])["mean_yuan"]
    r = {"jul_mean_yuan": a, "jun_mean_yuan": b}
    r.update(cmp2(a, b))
    return r


def G074(d):
    m = stats(rng(d, "2025-01-01", "2025-12-31"), ["mean_yuan"])["mean_yuan"]
    return {"ref_mean_yuan": m, "days_below": cnt(rng(d, "2026-01-01", "2026-07-31"), "<", m)}


def G075(d):
    return stats(rng(d, "2010-01-01", "2026-07-31"), ["min_date", "min_yuan"])


def G076(d):
    ds, vs = topn(upto(d, "2026-07-31"), 5)
    return {"top_date": ds}


def G077(d):
    return {"days_at_least": cnt(rng(d, "2026-06-01", "2026-06-30"), ">=", 3e12)}


def G078(d):
    g = group(rng(d, "2026-07-01", "2026-07-31"), wk, lambda v: sum(v) / len(v))
    t = min(g, key=g.get)
    return {"low_week_date": t, "low_week_mean_yuan": g[t]}


def G079(d):
    g = group(rng(d, "2025-01-01", "2025-12-31"), lambda x: x[:7], sum)
    t = max(g, key=g.get)
    return {"top_month": t, "top_sum_yuan": g[t]}


def G080(d):
    return stats(rng(d, "2026-05-01", "2026-07-31"), ["mean_yuan"])


def G081(d):
    r = row(d, "2026-07-31")
    return {"sh_close_pts": r["shc"], "sh_pct": r["shp"], "total_yuan": r["tot"]}


def G082(d):
    r = row(d, "2026-07-17")
    return {"sh_pct": r["shp"], "total_yuan": r["tot"]}


def G083(d):
    return {"sh_change_pct": idxchg(d, "2026-07-01", "2026-07-31")}


def G084(d):
    r = {"sh_change_pct": idxchg(d, "2026-01-01", "2026-07-31")}
    r.update(stats(rng(d, "2026-01-01", "2026-07-31"), ["mean_yuan"]))
    return r


def G085(d):
    s = rng(d, "2026-07-01", "2026-07-31")
    dn = [r["tot"] for r in s if r["shp"] < 0]
    up = [r["tot"] for r in s if r["shp"] > 0]
    return {"down_mean_yuan": sum(dn) / len(dn), "up_mean_yuan": sum(up) / len(up)}


def G086(d):
    r = row(d, "2026-06-26")
    return {"sz_pct": r["szp"], "sz_close_pts": r["szc"]}


def G087(d):
    r = min(rng(d, "2026-07-01", "2026-07-31"), key=lambda x: x["shp"])
    return {"drop_date": r["date"], "sh_pct": r["shp"], "total_yuan": r["tot"]}


def G088(d):
    s = rng(d, "2026-07-01", "2026-07-31")
    f = fangliang(d, s)
    return {"days": sum(1 for r, x in zip(s, f) if x and r["shp"] > 0)}


def G089(d):
    r = max(rng(d, "2026-06-01", "2026-06-30"), key=lambda x: x["shc"])
    return {"high_date": r["date"], "sh_close_pts": r["shc"], "total_yuan": r["tot"]}


def G090(d):
    return {"days": sum(1 for r in rng(d, "2026-01-01", "2026-07-31") if r["shc"] > 4000)}


def G091(d):
    v = vsprev(d, "2026-07-21")
    return {"sz_pct": row(d, "2026-07-21")["szp"], "total_yuan": v["total_yuan"], "change_yuan": v["change_yuan"]}


def G092(d):
    r = {"sh_change_pct": idxchg(d, "2026-07-20", "2026-07-26")}
    r.update(stats(rng(d, "2026-07-20", "2026-07-26"), ["sum_yuan"]))
    return r


def G093(d):
    return {"sz_change_pct": idxchg(d, "2026-06-01", "2026-06-30", "szc")}


def G094(d):
    r = row(d, "2024-09-30")
    return {"sh_pct": r["shp"], "total_yuan": r["tot"]}


def G095(d):
    r = {"sh_change_pct": idxchg(d, "2026-01-01", "2026-06-30")}
    r.update(stats(rng(d, "2026-01-01", "2026-06-30"), ["sum_yuan"]))
    return r


def G096(d):
    n, v = indtop("2026-07-31", 1)
    return {"top_industry": n[0], "amount_yuan": v[0]}


def G097(d):
    n, v = indtop("2026-07-31", 3, "chg")
    return {"top_industry": n, "top_pct": v}


def G098(d):
    return {"amount_yuan": indday("2026-07-30", "半导体")["amt"]}


def G099(d):
    x = indday("2026-07-31", "证券")
    return {"up_count": x["up"], "total_count": x["n"]}


def G100(d):
    n, v = indtop("2026-07-31", 1, "chg", False)
    return {"bottom_industry": n[0], "bottom_pct": v[0]}


def G101(d):
    x = indday("2026-07-31", "IT服务")["amt"]
    return {"amount_yuan": x, "share_pct": 100 * x / row(d, "2026-07-31")["tot"]}


def G102(d):
    t = theme("AI")
    s = sum(x["amt"] for x in ind()["2026-07-31"] if x["industry"] in t)
    return {"ai_yuan": s, "share_pct": 100 * s / row(d, "2026-07-31")["tot"]}


def G103(d):
    n, v = indtop("2026-07-24", 1)
    return {"top_industry": n[0], "amount_yuan": v[0]}


def G104(d):
    v = [indday(r["date"], "银行")["amt"] for r in rng(d, "2026-07-01", "2026-07-31")]
    return {"mean_yuan": sum(v) / len(v)}


def G105(d):
    return {"change_pct": indday("2026-07-31", "白酒")["chg"]}


def G106(d):
    return {"up_industries": sum(1 for x in ind()["2026-07-31"] if x["chg"] > 0)}


def G107(d):
    return {"sum_yuan": sum(indday(r["date"], "电力")["amt"] for r in rng(d, "2026-07-27", "2026-07-31"))}


def G108(d):
    v = vsprev(d, "2026-07-31")
    return [
        {"total_yuan": v["total_yuan"]},
        {"change_yuan": v["change_yuan"], "change_pct": v["change_pct"]},
        {"total_yuan": row(d, "2026-07-24")["tot"]},
    ]


def G109(d):
    a = stats(rng(d, "2026-07-01", "2026-07-31"), ["mean_yuan"])
    b = stats(rng(d, "2026-06-01", "2026-06-30"), ["mean_yuan"])
    return [a, b, cmp2(a["mean_yuan"], b["mean_yuan"])]


def G110(d):
    s = stats(rng(d, "2026-01-01", "2026-07-31"), ["max_date", "max_yuan"])
    return [s, {"sh_pct": row(d, s["max_date"])["shp"]}]


def G111(d):
    r = row(d, "2026-07-10")
    return [{"total_yuan": r["tot"]}, {"sh_close_pts": r["shc"]}]


def G112(d):
    x = indday("2026-07-31", "半导体")["amt"]
    return [{"amount_yuan": x}, {"share_pct": 100 * x / row(d, "2026-07-31")["tot"]}]


def G113(d):
    return [
        {"days_above": cnt(rng(d, a, b), ">", 3e12)}
        for a, b in (("2026-06-01", "2026-06-30"), ("2026-07-01", "2026-07-31"), ("2026-01-01", "2026-07-31"))
    ]


def G114(d):
    return [{}, {"total_yuan": row(d, "2026-07-31")["tot"]}]


def G115(d):
    a = stats(rng(d, "2025-01-01", "2025-12-31"), ["mean_yuan"])
    b = stats(rng(d, "2024-01-01", "2024-12-31"), ["mean_yuan"])
    return [a, b, {"change_pct": cmp2(a["mean_yuan"], b["mean_yuan"])["change_pct"]}]


def G116(d):
    s = rng(d, "2026-07-20", "2026-07-26")
    return [stats(s, ["sum_yuan"]), stats(s, ["mean_yuan"])]


def G117(d):
    return [{"total_yuan": row(d, "2026-07-31")["tot"]}, {}]


def G118(d):
    s = stats(rng(d, "2026-07-01", "2026-07-31"), ["min_date", "min_yuan"])
    r = row(d, s["min_date"])
    return [s, {"sh_yuan": r["sh"], "sz_yuan": r["sz"]}]


def G119(d):
    a = stats(rng(d, "2026-01-01", "2026-03-31"), ["mean_yuan"])
    b = stats(rng(d, "2026-04-01", "2026-06-30"), ["mean_yuan"])
    return [a, b, cmp2(b["mean_yuan"], a["mean_yuan"])]


def G120(d):
    a = indday("2026-07-31", "证券")["amt"]
    b = indday("2026-07-31", "银行")["amt"]
    return [
        {"amount_yuan": a},
        {"amount_yuan": b},
        {"sum_yuan": a + b, "share_pct": 100 * (a + b) / row(d, "2026-07-31")["tot"]},
    ]


def G121(d):
    v = vsprev(d, "2026-07-17")
    return [
        {"total_yuan": v["total_yuan"]},
        {"total_yuan": row(d, "2026-07-16")["tot"]},
        {"change_yuan": v["change_yuan"], "change_pct": v["change_pct"]},
    ]


def G122(d):
    s = [r for r in rng(d, "2026-01-01", "2026-07-31") if r["tot"] < 2e12]
    return [{"days_below": len(s)}, {"last_date": s[-1]["date"], "total_yuan": s[-1]["tot"]}]


def G145(d):
    return {"first_date": d[0]["date"]}


def G146(d):
    return stats(upto(d, "2026-07-31"), ["max_date", "max_yuan"])


def G147(d):
    return stats(rng(d, "2026-01-01", "2026-07-31"), ["sessions"])


def G148(d):
    return stats(rng(d, "2025-01-01", "2025-12-31"), ["sessions"])


def G149(d):
    s = [r for r in upto(d, "2026-07-31") if r["tot"] < 1e12]
    return {"last_date": s[-1]["date"], "total_yuan": s[-1]["tot"]}


def G150(d):
    s = [r for r in upto(d, "2026-07-31") if r["tot"] > 1e12]
    return {"first_date": s[0]["date"], "total_yuan": s[0]["tot"]}


def _flat(res):
    out = {}
    for k, v in res.items():
        if isinstance(v, list):
            pre, _, suf = k.partition("_")
            for i, x in enumerate(v, 1):
                out[f"{pre}{i}_{suf}"] = x
        else:
            out[k] = v
    return out


def load_items(path=None):
    path = path or os.path.join(HERE, "set_g.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def figures(items, source=None):
    d = load(source if isinstance(source, (str, os.PathLike)) else None)
    out = {}
    for it in items:
        fn = globals().get(it["id"])
        n = len(it["turns"])
        if fn is None:
            out[it["id"]] = [{} for _ in range(n)]
            continue
        res = fn(d)
        if isinstance(res, dict):
            res = [res]
        out[it["id"]] = [_flat(r) if r else {} for r in res]
    return out


if __name__ == "__main__":
    items = load_items()
    figs = figures(items)
    bad = 0
    for it in items:
        got = figs[it["id"]]
        if len(got) != len(it["expect"]):
            print(it["id"], "turn count mismatch")
            bad += 1
            continue
        for t, (e, g) in enumerate(zip(it["expect"], got)):
            want = set(e["figures"]) if e["kind"] == "answer" else set()
            if want != set(g):
                print(it["id"], t, "want", sorted(want), "got", sorted(g))
                bad += 1
    print("items", len(items), "mismatches", bad)
    sys.exit(1 if bad else 0)
