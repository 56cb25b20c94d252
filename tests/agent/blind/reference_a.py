"""Reference figures for blind set A (marketbot), written by a helper who never saw the reader.

Copied from the helper's script with only its data access changed: it computes each item's expected
figures (values: *_yuan unrounded 元, *_pct, *_pts, dates, counts) from the rows of a
``data_source.BlindData`` (the bundled CSV in tests) instead of fixed paths, and nothing is written to
disk: ``figures(items, source)`` returns them, and the test computes them on every run. Figures that need
index closes or industries raise ``MissingData`` while those are not bundled (see data_source.py) and
come back as None (skipped). Stdlib only.
"""
# ruff: noqa: E501, E701, E702, E731
# fmt: off
# (the helper's own layout is kept below the adapter, so it stays diffable with the original)

import statistics

from tests.agent.blind.data_source import BlindData, MissingData

IND_LAST = "2026-07-31"  # the bot ships industry rows only up to here


class D:
    def __init__(self, source: BlindData):
        self.dates, self.SH, self.SZ, self.T = [], {}, {}, {}
        for d, sh, sz in source.turnover:
            self.dates.append(d)
            self.SH[d] = sh
            self.SZ[d] = sz
            self.T[d] = sh + sz
        self.pos = {d: i for i, d in enumerate(self.dates)}
        self._ix = source.index
        self._ind = None
        if source.industries is not None:
            self._ind = {
                day: {k: {"turnover": v.turnover, "up": v.up, "n": v.n, "ret": v.ret} for k, v in rows.items()}
                for day, rows in source.industries.items()
                if day <= IND_LAST
            }

    @property
    def ix(self):
        if self._ix is None:
            raise MissingData("index closes are not in this data source")
        return self._ix

    @property
    def ind(self):
        if self._ind is None:
            raise MissingData("industry days are not in this data source")
        return self._ind

    # --- sessions
    def prev(self, d): return self.dates[self.pos[d] - 1]
    def chg(self, d): return self.T[d] - self.T[self.prev(d)]
    def span(self, a, b): return [x for x in self.dates if a <= x <= b]
    def upto(self, d): return [x for x in self.dates if x <= d][-1]
    def lastn(self, n, d):
        i = self.pos[self.upto(d)]
        return self.dates[i - n + 1:i + 1]
    def year(self, y): return self.span(f"{y}-01-01", f"{y}-12-31")
    def month(self, y, m): return self.span(f"{y}-{m:02d}-01", f"{y}-{m:02d}-31")
    # --- stats
    def sum(self, ds): return sum(self.T[x] for x in ds)
    def mean(self, ds): return self.sum(ds) / len(ds)
    def argmax(self, ds): return max(ds, key=lambda x: self.T[x])
    def argmin(self, ds): return min(ds, key=lambda x: self.T[x])
    def top(self, ds, n, rev=True): return sorted(ds, key=lambda x: self.T[x], reverse=rev)[:n]
    def count(self, ds, lo=None, hi=None):
        return sum(1 for x in ds if (lo is None or self.T[x] >= lo) and (hi is None or self.T[x] <= hi))
    def count_below(self, ds, v): return sum(1 for x in ds if self.T[x] < v)
    def pctile(self, v, ds): return 100.0 * sum(1 for x in ds if self.T[x] <= v) / len(ds)
    def rank(self, d, ds): return 1 + sum(1 for x in ds if self.T[x] > self.T[d])
    def first_at_least(self, v):
        return next(x for x in self.dates if self.T[x] >= v)
    def streaks(self, ds, v):
        """list of (start, end, length) of consecutive sessions in ds with total >= v"""
        out, cur = [], []
        for x in ds:
            if self.T[x] >= v: cur.append(x)
            else:
                if cur: out.append((cur[0], cur[-1], len(cur)))
                cur = []
        if cur: out.append((cur[0], cur[-1], len(cur)))
        return out
    def share_sh(self, d): return 100.0 * self.SH[d] / self.T[d]
    # --- index
    def close(self, k, d): return self.ix[k][d].close
    def pct(self, k, d): return self.ix[k][d].pct
    # --- industry
    def ichg(self, d):
        p = self.prev(d)
        return {k: v["turnover"] - self.ind[p][k]["turnover"] for k, v in self.ind[d].items()}


def day(d, x, pre=""):
    return {pre + "total_yuan": d.T[x]}

def day_chg(d, x):
    p = d.prev(x)
    return {"total_yuan": d.T[x], "prev_date": p, "prev_total_yuan": d.T[p], "change_yuan": d.T[x] - d.T[p],
            "change_pct": 100.0 * (d.T[x] / d.T[p] - 1)}

def split(d, x):
    return {"total_yuan": d.T[x], "sh_yuan": d.SH[x], "sz_yuan": d.SZ[x]}

def topn(d, ds, n, rev=True, pre="top"):
    r = {}
    for i, x in enumerate(d.top(ds, n, rev), 1):
        r[f"{pre}{i}_date"] = x; r[f"{pre}{i}_total_yuan"] = d.T[x]
    return r

def vol_price(d, ds, up_price, up_vol):
    return sum(1 for x in ds if ((d.chg(x) > 0) == up_vol) and ((d.pct("sh", x) > 0) == up_price)
               and d.chg(x) != 0 and d.pct("sh", x) != 0)

# ---------------- single-day figures (A001-A035)
def A001(d): return [day(d, "2025-10-09")]
def A002(d): return [day(d, "2025-10-09")]
def A003(d): return [day_chg(d, "2024-10-08")]
def A004(d): return [day(d, "2025-10-09")]
def A005(d): return [day(d, "2024-10-08")]
def A006(d): return [day(d, "2024-03-05")]
def A007(d): return [day(d, "2026-07-27")]
def A008(d): return [day(d, "2026-07-24")]
def A009(d): return [{"latest_session_date": "2026-07-24", "latest_total_yuan": d.T["2026-07-24"]}]
def A011(d): return [day_chg(d, "2026-02-24")]
def A012(d): return [day(d, "2026-07-30")]
def A013(d): return [day(d, "2026-07-30")]
def A014(d): return [split(d, "2026-07-31")]
def A015(d): return [{"sh_yuan": d.SH["2026-07-31"], "total_yuan": d.T["2026-07-31"], "sh_share_pct": d.share_sh("2026-07-31")}]
def A016(d): return [day_chg(d, "2026-06-22")]
def A017(d): return [day(d, "2025-04-07")]
def A018(d): return [day(d, "2025-10-09")]
def A019(d): return [day(d, "2023-09-20")]
def A020(d): return [day(d, "2026-01-14")]
def A021(d): return [day_chg(d, "2024-09-30")]
def A022(d): return [{"sz_yuan": d.SZ["2026-07-24"]}]
def A023(d): return [day(d, "2026-01-14")]
def A024(d): return [day(d, "2019-02-25")]
def A025(d): return [split(d, "2026-07-28")]
def A026(d): return [day_chg(d, "2026-04-07")]
def A027(d): return [day(d, "2015-05-28")]
def A028(d): return [day_chg(d, "2025-05-06")]
def A030(d): return [day_chg(d, "2026-07-01")]
def A031(d): return [day(d, "2025-12-31")]
def A032(d): return [day_chg(d, "2024-02-19")]
def A034(d): return [{"sh_yuan": d.SH["2024-10-08"]}]
def A035(d):
    r = day_chg(d, "2026-07-31")
    r["sz_change_yuan"] = d.SZ["2026-07-31"] - d.SZ["2026-07-30"]
    return [r]

# ---------------- period statistics (A036-A080)
def A036(d):
    x = d.argmax(d.year(2024)); return [{"max_date": x, "max_total_yuan": d.T[x]}]
def A037(d):
    x = d.argmin(d.year(2025)); return [{"min_date": x, "min_total_yuan": d.T[x]}]
def A038(d):
    ds = d.span("2026-01-01", "2026-07-31"); return [{"mean_total_yuan": d.mean(ds), "n_sessions": len(ds)}]
def A039(d): return [{"count_days": d.count(d.span("2026-01-01", "2026-07-31"), lo=3e12)}]
def A040(d): return [{"count_days": d.count(d.year(2025), lo=2e12)}]
def A041(d): return [{"count_days": d.count(d.year(2024), lo=1e12, hi=1.5e12)}]
def A042(d): return [topn(d, d.year(2025), 5)]
def A043(d): return [topn(d, d.year(2024), 3, rev=False, pre="bottom")]
def A044(d):
    ds = d.span("1900-01-01", "2025-10-20")
    return [{"total_yuan": d.T["2025-10-09"], "rank": d.rank("2025-10-09", ds), "n_sessions": len(ds)}]
def A045(d): return [{"percentile_pct": d.pctile(3e12, d.span("1900-01-01", "2026-07-31"))}]
def A046(d):
    return [{"total_yuan": d.T["2026-07-31"], "percentile_pct": d.pctile(d.T["2026-07-31"], d.year(2026))}]
def A047(d): return [{"mean_total_yuan": d.mean(d.lastn(20, "2026-07-31"))}]
def A048(d):
    a, b = d.sum(d.span("2026-07-27", "2026-08-02")), d.sum(d.span("2026-07-20", "2026-07-26"))
    return [{"this_week_sum_yuan": a, "last_week_sum_yuan": b, "diff_yuan": a - b}]
def A049(d):
    a, b = d.mean(d.span("2026-07-01", "2026-07-15")), d.mean(d.month(2026, 6))
    return [{"this_month_mean_yuan": a, "last_month_mean_yuan": b, "diff_yuan": a - b}]
def _months(d, y, upto, f):
    res = {}
    for m in range(1, 13):
        ds = [x for x in d.month(y, m) if x <= upto]
        if ds: res[m] = f(ds)
    return res
def A050(d):
    res = _months(d, 2026, "2026-07-31", d.mean); m = max(res, key=res.get)
    return [{"month": f"2026-{m:02d}", "month_mean_yuan": res[m]}]
def A051(d):
    res = _months(d, 2025, "2025-12-31", d.sum); m = max(res, key=res.get)
    return [{"month": f"2025-{m:02d}", "month_sum_yuan": res[m]}]
def A052(d):
    res = {y: d.sum(d.year(y)) for y in range(1991, 2027)}; y = max(res, key=res.get)
    return [{"year": y, "year_sum_yuan": res[y]}]
def A053(d):
    s = d.streaks(d.span("1900-01-01", "2026-07-31"), 1e12)[-1]
    assert s[1] == "2026-07-31"
    return [{"streak_days": s[2], "streak_start_date": s[0]}]
def A054(d):
    s = max(d.streaks(d.year(2024), 1e12), key=lambda z: z[2])
    return [{"streak_days": s[2], "streak_start_date": s[0], "streak_end_date": s[1]}]
def A055(d):
    x = d.first_at_least(2e12); return [{"first_date": x, "total_yuan": d.T[x]}]
def A056(d):
    x = d.first_at_least(3e12); return [{"first_date": x, "total_yuan": d.T[x]}]
def A057(d):
    return [{"h1_mean_yuan": d.mean(d.span("2025-01-01", "2025-06-30")),
             "h2_mean_yuan": d.mean(d.span("2025-07-01", "2025-12-31"))}]
def A058(d): return [{"sum_yuan": d.sum(d.span("2025-07-01", "2025-09-30"))}]
def A059(d): return [{"sum_yuan": d.sum(d.year(2024))}]
def A060(d):
    ds = d.year(2025); c = d.count(ds, lo=1.5e12)
    return [{"count_days": c, "n_sessions": len(ds), "share_pct": 100.0 * c / len(ds)}]
def A061(d):
    x = d.argmin(d.span("2025-08-01", "2026-07-31")); return [{"min_date": x, "min_total_yuan": d.T[x]}]
def A062(d):
    x = d.argmax(d.month(2026, 6)); return [{"max_date": x, "max_total_yuan": d.T[x]}]
def A063(d): return [{"mean_total_yuan": d.mean(d.month(2026, 7))}]
def A064(d): return [{"sum_yuan": d.sum(d.month(2025, 10))}]
def A065(d):
    x = d.argmax(d.year(2015)); return [{"max_date": x, "max_total_yuan": d.T[x]}]
def A066(d): return [{"count_days": d.count_below(d.span("2026-01-01", "2026-07-31"), 2e12)}]
def A067(d):
    x = d.argmin(d.span("2025-01-01", "2025-10-20")); return [{"min_date": x, "min_total_yuan": d.T[x]}]
def A068(d):
    r = {}
    for i, x in enumerate(d.lastn(5, "2026-07-31"), 1):
        r[f"day{i}_date"] = x; r[f"day{i}_total_yuan"] = d.T[x]
    return [r]
def A069(d): return [{"mean_total_yuan": d.mean(d.lastn(10, "2025-10-20"))}]
def A070(d):
    return [{"apr_mean_yuan": d.mean(d.month(2026, 4)), "may_mean_yuan": d.mean(d.month(2026, 5))}]
def A071(d): return [{"mean_total_yuan": d.mean(d.year(2025))}]
def A072(d):
    ds = d.span("2024-09-24", "2024-09-30"); return [{"mean_total_yuan": d.mean(ds), "n_sessions": len(ds)}]
def A073(d): return [{"median_total_yuan": statistics.median(d.T[x] for x in d.year(2023))}]
def A074(d): return [{"mean_total_yuan": d.mean(d.span("2026-07-27", "2026-07-29"))}]
def A075(d): return [{"percentile_pct": d.pctile(2e12, d.year(2025))}]
def A076(d):
    ds = d.span("1900-01-01", "2026-07-31")
    return [{"total_yuan": d.T["2026-07-31"], "rank": d.rank("2026-07-31", ds), "n_sessions": len(ds)}]
def A077(d):
    x = d.top(d.year(2025), 10)[-1]; return [{"rank10_date": x, "rank10_total_yuan": d.T[x]}]
def A078(d):
    return [{"q1_mean_yuan": d.mean(d.span("2026-01-01", "2026-03-31")),
             "q2_mean_yuan": d.mean(d.span("2026-04-01", "2026-06-30"))}]
def A079(d): return [{"count_days": d.count_below(d.span("2025-08-01", "2026-07-31"), 1.5e12)}]
def A080(d):
    x = [y for y in d.span("1900-01-01", "2026-07-31") if d.T[y] < 1e12][-1]
    return [{"last_date": x, "total_yuan": d.T[x]}]

# ---------------- price/volume and breadth (A081-A095)
def A081(d): return [{"sh_close_pts": d.close("sh", "2026-07-31"), "sh_pct": d.pct("sh", "2026-07-31")}]
def A082(d): return [{"sh_close_pts": d.close("sh", "2026-07-31"), "sz_close_pts": d.close("sz", "2026-07-31")}]
def A083(d): return [{"count_days": vol_price(d, d.month(2026, 7), True, True)}]
def A084(d): return [{"count_days": vol_price(d, d.span("2026-01-01", "2026-07-31"), False, True)}]
def A085(d): return [{"sh_pct": d.pct("sh", "2025-10-09"), "total_yuan": d.T["2025-10-09"]}]
def A086(d): return [{"sh_pct": d.pct("sh", "2024-10-08"), "total_yuan": d.T["2024-10-08"]}]
def A087(d):
    last25 = d.year(2025)[-1]
    return [{"sh_close_pts": d.close("sh", "2026-07-31"), "base_close_pts": d.close("sh", last25),
             "sh_ytd_pct": 100.0 * (d.close("sh", "2026-07-31") / d.close("sh", last25) - 1)}]
def A088(d): return [{"change_yuan": d.chg("2026-07-30"), "sh_pct": d.pct("sh", "2026-07-30")}]
def A089(d):
    x = d.argmax(d.year(2025)); return [{"max_date": x, "max_total_yuan": d.T[x], "sh_pct": d.pct("sh", x)}]
def A090(d):
    return [{"sh_week_pct": 100.0 * (d.close("sh", "2026-07-31") / d.close("sh", "2026-07-24") - 1),
             "week_sum_yuan": d.sum(d.span("2026-07-27", "2026-07-31"))}]
def A091(d): return [{"sz_pct": d.pct("sz", "2026-07-30"), "total_yuan": d.T["2026-07-30"]}]
def A092(d): return [{"change_yuan": d.chg("2026-07-29"), "sh_pct": d.pct("sh", "2026-07-29")}]
def A093(d):
    ds = d.year(2025); x = max(ds, key=lambda z: d.close("sh", z))
    return [{"max_close_date": x, "sh_close_pts": d.close("sh", x), "total_yuan": d.T[x]}]
def A094(d): return [{"up_days": sum(1 for x in d.lastn(20, "2026-07-31") if d.pct("sh", x) > 0)}]
def A095(d):
    r = d.ind["2026-07-31"]
    return [{"up_count": sum(v["up"] for v in r.values()), "total_count": sum(v["n"] for v in r.values())}]

# ---------------- industries (A096-A107)
def A096(d):
    c = d.ichg("2026-07-31"); top = sorted(c, key=c.get, reverse=True)[:3]
    return [{f"top{i}_industry": k for i, k in enumerate(top, 1)} | {f"top{i}_change_yuan": c[k] for i, k in enumerate(top, 1)}]
def A097(d):
    v = d.ind["2026-07-31"]["半导体"]["turnover"]
    return [{"industry_turnover_yuan": v, "share_pct": 100.0 * v / d.T["2026-07-31"]}]
def A098(d):
    r = d.ind["2026-07-30"]; k = max(r, key=lambda z: r[z]["turnover"])
    return [{"top_industry": k, "industry_turnover_yuan": r[k]["turnover"]}]
def A099(d):
    r = d.ind["2025-10-09"]
    return [{"up_count": sum(v["up"] for v in r.values()), "total_count": sum(v["n"] for v in r.values())}]
def A100(d):
    ds = d.month(2026, 7); return [{"industry_mean_yuan": sum(d.ind[x]["白酒"]["turnover"] for x in ds) / len(ds)}]
def A101(d):
    r = d.ind["2026-07-31"]; k = max(r, key=lambda z: r[z]["ret"])
    return [{"top_industry": k, "return_pct": r[k]["ret"]}]
def A102(d):
    a = sum(d.ind[x]["半导体"]["turnover"] for x in d.span("2026-07-27", "2026-07-31"))
    b = sum(d.ind[x]["半导体"]["turnover"] for x in d.span("2026-07-20", "2026-07-24"))
    return [{"this_week_sum_yuan": a, "last_week_sum_yuan": b, "diff_yuan": a - b}]
def A103(d):
    r = d.ind["2025-08-27"]; top = sorted(r, key=lambda z: r[z]["turnover"], reverse=True)[:3]
    return [{f"top{i}_industry": k for i, k in enumerate(top, 1)} | {f"top{i}_turnover_yuan": r[k]["turnover"] for i, k in enumerate(top, 1)}]
def A104(d):
    a, b = d.ind["2026-07-31"]["软件开发"]["turnover"], d.ind["2026-07-30"]["软件开发"]["turnover"]
    return [{"industry_turnover_yuan": a, "change_yuan": a - b}]
def A105(d):
    c = d.ichg("2026-07-30"); k = min(c, key=c.get)
    return [{"bottom_industry": k, "change_yuan": c[k]}]
def A106(d): return [{"up_industries": sum(1 for v in d.ind["2026-07-31"].values() if v["ret"] > 0)}]
def A107(d):
    r = d.ind["2026-07-31"]; k = min(r, key=lambda z: r[z]["turnover"])
    return [{"bottom_industry": k, "industry_turnover_yuan": r[k]["turnover"]}]

# ---------------- follow-up chats (A108-A119)
def A108(d):
    x = "2026-07-31"
    return [day(d, x), {"sz_yuan": d.SZ[x]}, {"sz_change_yuan": d.SZ[x] - d.SZ["2026-07-30"]}]
def A109(d): return [day(d, "2025-10-09"), {"prev_date": "2025-09-30", "total_yuan": d.T["2025-09-30"]}]
def A110(d):
    x = d.argmax(d.year(2025))
    return [{"max_date": x, "max_total_yuan": d.T[x]}, {"month_sum_yuan": d.sum(d.month(int(x[:4]), int(x[5:7])))}]
def A111(d):
    a, b = d.mean(d.year(2024)), d.mean(d.year(2025))
    return [{"mean_total_yuan": a}, {"mean_total_yuan": b}, {"higher_year": 2025 if b > a else 2024}]
def A112(d):
    return [day(d, "2026-07-24"), {"date": "2026-07-23", "total_yuan": d.T["2026-07-23"]}, {"sh_yuan": d.SH["2026-07-24"]}]
def A113(d):
    return [{"sh_pct": d.pct("sh", "2026-07-30")}, day(d, "2026-07-30"), {"change_yuan": d.chg("2026-07-30")}]
def A114(d):
    a, b = d.ind["2026-07-31"]["半导体"], d.ind["2026-07-30"]["半导体"]
    return [{"industry_turnover_yuan": a["turnover"]}, {"industry_turnover_yuan": b["turnover"]}, {"return_pct": a["ret"]}]
def A115(d):
    ds = d.span("2026-01-01", "2026-07-31")
    return [{"count_days": d.count(ds, lo=3e12)}, {"count_days": d.count(ds, lo=2e12)}]
def A116(d):
    a, b = d.sum(d.month(2026, 7)), d.sum(d.month(2026, 6))
    return [{"month_sum_yuan": a}, {"last_month_sum_yuan": b, "diff_yuan": a - b}]
def A117(d): return [{}, day(d, "2026-07-31")]
def A118(d):
    x = d.argmax(d.year(2015))
    return [{"max_date": x, "max_total_yuan": d.T[x]},
            {"rank": d.rank(x, d.span("1900-01-01", "2026-07-31")), "n_sessions": len(d.span("1900-01-01", "2026-07-31"))}]
def A119(d):
    x = "2026-07-24"
    return [day(d, x), {"change_yuan": d.chg(x)}, {"sh_share_pct": d.share_sh(x)}]

# ---------------- others (A120-A150)
def A136(d):
    ds = d.span("2026-01-01", "2026-07-31"); return [{"mean_total_yuan": d.mean(ds), "last_data_date": ds[-1]}]
def A137(d): return [day_chg(d, "2026-07-31")]
def A138(d): return [day(d, "2026-07-30")]
def A139(d): return [day(d, "2026-07-28")]
def A140(d): return [day(d, "2026-07-29")]
def A141(d): return [day(d, "2026-07-28")]
def A142(d): return [day_chg(d, "2026-07-28")]
def A143(d):
    x = d.argmin(d.span("2026-01-01", "2026-07-31")); return [{"min_date": x, "min_total_yuan": d.T[x]}]
def A144(d):
    x = d.argmax(d.span("1900-01-01", "2026-07-31")); return [{"max_date": x, "max_total_yuan": d.T[x]}]
def A145(d): return [day(d, "2026-07-31")]
def A147(d): return [day_chg(d, "2026-07-31")]
def A150(d): return [day(d, "2026-07-31")]
def A132(d): return [day(d, "2026-07-29")]



def figures(items, source: BlindData):
    """{item id: [expected figures per turn] or None when the source lacks the rows they need}."""
    d = D(source)
    g = globals()
    out = {}
    for it in items:
        f = g.get(it["id"])
        try:
            out[it["id"]] = f(d) if f else [{} for _ in it["turns"]]
        except MissingData:
            out[it["id"]] = None
    return out
