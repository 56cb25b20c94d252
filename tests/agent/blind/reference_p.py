# ruff: noqa
"""Reference figures for held-out set P (marketbot), computed straight from the bundled CSVs.

stdlib only.  figures(items, source=None) -> {item_id: [figures_dict_per_turn, ...]}
({} for a declined turn).  `source` may be a path to the turnover snapshot csv.gz; anything
that is not a str/PathLike is ignored and the default is used.

Definitions used
----------------
* Amounts are 元 (yuan), unrounded floats.  total = sh_yuan + sz_yuan (两市成交额).
* Keys: *_yuan amounts; *_pct percentages; *_pts index points; keys containing "date" are
  YYYY-MM-DD; keys containing "month" are YYYY-MM; *_industry an industry name; any other key is
  an integer count.  A list under "top_yuan" is flattened to top1_yuan, top2_yuan, ...
* 破X / 超过X / above X: strictly greater (>).  X以上 / at least X: >=.  X以下 / below: < unless
  the reading says <=.  "between A and B": A <= v <= B.
* Weeks run Monday..Sunday.  本月/this month = calendar month.  今年以来 / YTD = Jan 1 .. the last
  closed session.
* A session is closed at `now` iff its date < now's date, or same date and now's time >= 15:00.
  昨天 = the session before now's date.  "today" before 15:00 has no closed data (decline: no
  intraday data).
* Signed change = asked minus reference (later minus earlier for two periods);
  change_pct = 100 * change / reference.
* rank = 1 + count of sessions strictly higher; percentile_pct = 100 * count(<= v) / n.
* Index change over a period = 100 * (last close in period / last close before the period - 1).
  A day's index change is the file's sh_pct / sz_pct.
* share_pct = 100 * part / whole, whole = two-market total sh+sz unless the question says
  otherwise.  Over a period: sum of part / sum of whole.
* 放量 = total > previous session's total; 缩量 = total < previous session's total.
* Industry / theme: ths_industries amount_yuan; a theme is the plain sum of its industries
  (industry_themes.json).  Theme share_pct uses the two-market total sh+sz as the whole.
* "same days of last month" = the same calendar day-of-month range in the previous month.
* Streaks count consecutive sessions (holidays/weekends do not break a streak).
"""

import csv
import gzip
import io
import json
import os
import statistics
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_CAND = os.path.join(_HERE, "..", "..", "..", "tools", "data")
DATA = _CAND if os.path.isdir(_CAND) else "/work/main/tools/data"


def _read_csv(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#") and ln.strip()]
    return list(csv.DictReader(io.StringIO("".join(lines))))


_CACHE = {}


def _load(source=None):
    if isinstance(source, (str, os.PathLike)):
        snap = os.fspath(source)
    else:
        snap = os.environ.get("MARKETBOT_SNAPSHOT") or os.path.join(DATA, "turnover_snapshot.csv.gz")
    ind = os.environ.get("MARKETBOT_INDUSTRIES") or os.path.join(DATA, "ths_industries.csv.gz")
    key = (snap, ind)
    if key in _CACHE:
        return _CACHE[key]
    rows = []
    for r in _read_csv(snap):

        def fl(x):
            x = (r.get(x) or "").strip()
            return float(x) if x else None

        sh, sz = float(r["sh_yuan"]), float(r["sz_yuan"])
        rows.append(
            {
                "date": r["date"],
                "sh": sh,
                "sz": sz,
                "total": sh + sz,
                "sh_close": fl("sh_close"),
                "sh_pct": fl("sh_pct"),
                "sz_close": fl("sz_close"),
                "sz_pct": fl("sz_pct"),
            }
        )
    rows.sort(key=lambda x: x["date"])
    inds = {}
    if os.path.exists(ind):
        for r in _read_csv(ind):
            inds.setdefault(r["date"], {})[r["industry"]] = {
                "amount": float(r["amount_yuan"]),
                "up": int(r["up_count"]),
                "n": int(r["total_count"]),
                "chg": float(r["change_pct"]),
            }
    themes_path = os.path.join(os.path.dirname(ind), "industry_themes.json")
    if not os.path.exists(themes_path):
        themes_path = os.path.join(DATA, "industry_themes.json")
    with open(themes_path, encoding="utf-8") as f:
        themes = {t["name"]: t["industries"] for t in json.load(f)["themes"]}
    db = {"rows": rows, "idx": {r["date"]: i for i, r in enumerate(rows)}, "inds": inds, "themes": themes}
    _CACHE[key] = db
    return db


def _span(db, start, end):
    return [r for r in db["rows"] if start <= r["date"] <= end]


def _row(db, d):
    i = db["idx"].get(d)
    if i is None:
        raise KeyError("no session " + d)
    return db["rows"][i]


def _prev(db, d):
    i = db["idx"][d]
    return db["rows"][i - 1]


def _last_before(db, d):
    prev = [r for r in db["rows"] if r["date"] < d]
    return prev[-1]


def _val(r, m):
    return r[m]


def _test(v, q):
    if "gt" in q and not v > q["gt"]:
        return False
    if "gte" in q and not v >= q["gte"]:
        return False
    if "lt" in q and not v < q["lt"]:
        return False
    if "lte" in q and not v <= q["lte"]:
        return False
    return True


def _theme_inds(db, q):
    if "theme" in q:
        return db["themes"][q["theme"]]
    if "industries" in q:
        return q["industries"]
    return [q["industry"]]


def _stat(vals, s):
    if s == "mean":
        return statistics.fmean(vals)
    if s == "median":
        return statistics.median(vals)
    if s == "sum":
        return sum(vals)
    if s == "max":
        return max(vals)
    if s == "min":
        return min(vals)
    raise ValueError(s)


def _one(db, q):
    op = q["op"]
    m = q.get("market", "total")
    out = {}
    if op == "day":
        r = _row(db, q["date"])
        for k in q["measures"]:
            if k in ("total", "sh", "sz"):
                out[k + "_yuan"] = r[k]
            elif k in ("sh_share", "sz_share"):
                out[k + "_pct"] = 100 * r[k[:2]] / r["total"]
            elif k in ("sh_close", "sz_close"):
                out[k + "_pts"] = r[k]
            elif k in ("sh_pct", "sz_pct"):
                out[k] = r[k]
            else:
                raise ValueError(k)
        return out
    if op == "day_change":
        r = _row(db, q["date"])
        p = _row(db, q["ref_date"]) if "ref_date" in q else _prev(db, q["date"])
        out = {
            m + "_yuan": r[m],
            "ref_" + m + "_yuan": p[m],
            "change_yuan": r[m] - p[m],
            "change_pct": 100 * (r[m] - p[m]) / p[m],
            "ref_date": p["date"],
        }
        return out
    if op == "stats":
        rs = _span(db, q["start"], q["end"])
        vals = [r[m] for r in rs]
        for s in q["stats"]:
            if s in ("mean", "median", "sum"):
                out[s + "_yuan"] = _stat(vals, s)
            elif s in ("max", "min"):
                r = (max if s == "max" else min)(rs, key=lambda x: x[m])
                out[s + "_yuan"] = r[m]
                out[s + "_date"] = r["date"]
            elif s == "sessions":
                out["sessions"] = len(rs)
            else:
                raise ValueError(s)
        return out
    if op == "compare":
        a = [r[m] for r in _span(db, *q["a"])]
        b = [r[m] for r in _span(db, *q["b"])]
        s = q.get("stat", "mean")
        va, vb = _stat(a, s), _stat(b, s)
        return {s + "_yuan": va, "ref_" + s + "_yuan": vb, "change_yuan": va - vb, "change_pct": 100 * (va - vb) / vb}
    if op == "count":
        rs = _span(db, q["start"], q["end"])
        out = {"days": sum(1 for r in rs if _test(r[m], q))}
        if q.get("with_sessions"):
            out["sessions"] = len(rs)
        return out
    if op == "count_up":
        rs = _span(db, q["start"], q["end"])
        n = 0
        for r in rs:
            p = _prev(db, r["date"])
            if (r[m] > p[m]) if q.get("dir", "up") == "up" else (r[m] < p[m]):
                n += 1
        return {"days": n}
    if op == "top":
        rs = sorted(_span(db, q["start"], q["end"]), key=lambda x: x[m], reverse=q.get("order", "desc") == "desc")
        rs = rs[: q["n"]]
        out = {"top_yuan": [r[m] for r in rs]}
        for i, r in enumerate(rs, 1):
            out["top%d_date" % i] = r["date"]
        return out
    if op == "rank":
        rs = _span(db, q["start"], q["end"])
        v = _row(db, q["date"])[m] if "date" in q else q["value"]
        vals = [r[m] for r in rs]
        return {
            "rank": 1 + sum(1 for x in vals if x > v),
            "sessions": len(vals),
            "percentile_pct": 100 * sum(1 for x in vals if x <= v) / len(vals),
        }
    if op in ("best_month", "best_week"):
        import datetime as dt

        groups = {}
        for r in _span(db, q["start"], q["end"]):
            if op == "best_month":
                g = r["date"][:7]
            else:
                d = dt.date.fromisoformat(r["date"])
                g = (d - dt.timedelta(days=d.weekday())).isoformat()
            groups.setdefault(g, []).append(r[m])
        s = q.get("stat", "mean")
        agg = {g: _stat(v, s) for g, v in groups.items()}
        pick = (max if q.get("order", "max") == "max" else min)(agg, key=agg.get)
        k = "month" if op == "best_month" else "week_start_date"
        return {k: pick, s + "_yuan": agg[pick]}
    if op == "streak":
        rs = _span(db, q["start"], q["end"])
        best, cur, bs, be, cs = 0, 0, None, None, None
        for r in rs:
            if _test(r[m], q):
                cur += 1
                if cur == 1:
                    cs = r["date"]
                if cur > best:
                    best, bs, be = cur, cs, r["date"]
            else:
                cur = 0
        return {"days": best, "start_date": bs, "end_date": be}
    if op == "current_streak":
        rs = _span(db, "0000-00-00", q["end"])
        n = 0
        for r in reversed(rs):
            if _test(r[m], q):
                n += 1
            else:
                break
        return {"days": n}
    if op == "share_period":
        rs = _span(db, q["start"], q["end"])
        sh = sum(r["sh"] for r in rs)
        sz = sum(r["sz"] for r in rs)
        out = {"sh_share_pct": 100 * sh / (sh + sz), "sz_share_pct": 100 * sz / (sh + sz)}
        if q.get("with_sums"):
            out.update({"sh_yuan": sh, "sz_yuan": sz})
        return out
    if op == "index_period":
        ix = q["index"]
        rs = _span(db, q["start"], q["end"])
        base = _last_before(db, q["start"])
        last = rs[-1]
        out = {
            ix + "_change_pct": 100 * (last[ix + "_close"] / base[ix + "_close"] - 1),
            ix + "_close_pts": last[ix + "_close"],
        }
        if q.get("with_extremes"):
            hi = max(rs, key=lambda x: x[ix + "_close"])
            lo = min(rs, key=lambda x: x[ix + "_close"])
            out.update(
                {
                    "high_close_pts": hi[ix + "_close"],
                    "high_date": hi["date"],
                    "low_close_pts": lo[ix + "_close"],
                    "low_date": lo["date"],
                }
            )
        return out
    if op == "index_extreme":
        ix = q["index"]
        rs = _span(db, q["start"], q["end"])
        r = (max if q.get("order", "max") == "max" else min)(rs, key=lambda x: x[ix + "_close"])
        return {ix + "_close_pts": r[ix + "_close"], "date": r["date"]}
    if op == "index_count":
        ix = q["index"]
        rs = _span(db, q["start"], q["end"])
        return {"days": sum(1 for r in rs if _test(r[ix + "_pct"], q))}
    if op == "index_top":
        ix = q["index"]
        rs = _span(db, q["start"], q["end"])
        r = (max if q.get("order", "max") == "max" else min)(rs, key=lambda x: x[ix + "_pct"])
        return {ix + "_pct": r[ix + "_pct"], "date": r["date"]}
    if op == "ind_day":
        d = db["inds"][q["date"]][q["industry"]]
        out = {"amount_yuan": d["amount"]}
        if q.get("with_up"):
            out.update({"up_count": d["up"], "stock_count": d["n"]})
        if q.get("with_chg"):
            out["change_pct"] = d["chg"]
        if q.get("with_share"):
            out["share_pct"] = 100 * d["amount"] / _row(db, q["date"])["total"]
        return out
    if op == "ind_top":
        day = db["inds"][q["date"]]
        key = {"amount": "amount", "change": "chg", "up": "up"}[q.get("by", "amount")]
        names = sorted(day, key=lambda n: day[n][key], reverse=q.get("order", "desc") == "desc")[: q["n"]]
        for i, n in enumerate(names, 1):
            out["top%d_industry" % i] = n
        if key == "amount":
            out["top_yuan"] = [day[n]["amount"] for n in names]
        elif key == "chg":
            for i, n in enumerate(names, 1):
                out["top%d_change_pct" % i] = day[n]["chg"]
        return out
    if op == "ind_top_period":
        acc = {}
        for r in _span(db, q["start"], q["end"]):
            for n, d in db["inds"][r["date"]].items():
                acc[n] = acc.get(n, 0.0) + d["amount"]
        names = sorted(acc, key=acc.get, reverse=True)[: q["n"]]
        for i, n in enumerate(names, 1):
            out["top%d_industry" % i] = n
        out["top_yuan"] = [acc[n] for n in names]
        return out
    if op == "theme":
        inds = _theme_inds(db, q)
        if "date" in q:
            dates = [q["date"]]
        else:
            dates = [r["date"] for r in _span(db, q["start"], q["end"])]
        amt = sum(db["inds"][d][n]["amount"] for d in dates for n in inds)
        tot = sum(_row(db, d)["total"] for d in dates)
        out = {"amount_yuan": amt}
        if q.get("with_share"):
            out["share_pct"] = 100 * amt / tot
        if q.get("with_up"):
            out["up_count"] = sum(db["inds"][d][n]["up"] for d in dates for n in inds)
            out["stock_count"] = sum(db["inds"][d][n]["n"] for d in dates for n in inds)
        if q.get("with_mean"):
            out["mean_yuan"] = amt / len(dates)
        return out
    if op == "theme_change":
        inds = _theme_inds(db, q)
        d = q["date"]
        p = _prev(db, d)["date"]
        a = sum(db["inds"][d][n]["amount"] for n in inds)
        b = sum(db["inds"][p][n]["amount"] for n in inds)
        return {
            "amount_yuan": a,
            "ref_amount_yuan": b,
            "change_yuan": a - b,
            "change_pct": 100 * (a - b) / b,
            "ref_date": p,
        }
    if op == "multi":
        for sub in q["parts"]:
            pre = sub.get("prefix", "")
            for k, v in _one(db, sub).items():
                out[pre + k] = v
        return out
    raise ValueError(op)


def _flatten(d):
    out = {}
    for k, v in d.items():
        if isinstance(v, list):
            base = k[:-5] if k.endswith("_yuan") else k
            pre = ""
            if base.endswith("top"):
                pre, base = base[:-3], "top"
            for i, x in enumerate(v, 1):
                out["%s%s%d_yuan" % (pre, base, i)] = x
        else:
            out[k] = v
    return out


def figures(items, source=None):
    db = _load(source)
    res = {}
    for it in items:
        turns = []
        for e in it["expect"]:
            if e["kind"] == "decline":
                turns.append({})
            else:
                turns.append(_flatten(_one(db, e["query"])))
        res[it["id"]] = turns
    return res


def _main():
    path = os.path.join(_HERE, "set_p.jsonl")
    with open(path, encoding="utf-8") as f:
        items = [json.loads(ln) for ln in f if ln.strip()]
    figs = figures(items)
    problems = 0
    for it in items:
        if len(it["turns"]) != len(it["expect"]):
            problems += 1
            print(it["id"], "turns/expect length mismatch")
        for i, (e, fg) in enumerate(zip(it["expect"], figs[it["id"]])):
            if e["kind"] == "decline":
                if fg or e["figures"]:
                    problems += 1
                    print(it["id"], i, "decline with figures")
            else:
                if not fg:
                    problems += 1
                    print(it["id"], i, "answer without figures")
                elif sorted(fg) != e["figures"]:
                    problems += 1
                    print(it["id"], i, "keys differ", sorted(fg), e["figures"])
                for k, v in fg.items():
                    if v is None:
                        problems += 1
                        print(it["id"], i, "None figure", k)
    print("%d items, %d problems" % (len(items), problems))
    return problems


if __name__ == "__main__":
    sys.exit(1 if _main() else 0)
