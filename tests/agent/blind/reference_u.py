# ruff: noqa
"""Reference figures for the held-out set U (set_u.jsonl).

Stdlib only.  Every figure is computed from the bundled CSVs through the small
calc specs stored in each answered turn's "query": {"calcs": [...]}.

Conventions: total = sh_yuan + sz_yuan (unrounded); ranges are inclusive
calendar dates [start, end] and select the sessions inside them; rank = 1 +
number strictly better; percentile_pct = 100*count(<=v)/n; change = a - b,
change_pct = 100*change/b; index change over a period = 100*(last close in the
period / last close before the period - 1); an industry's change over several
sessions is the compounded daily change_pct.

Calc ops (outputs named by the *_key / key params):
  value        date, market(total|sh|sz)                      -> key
  index_day    date, index(sh|sz): close_key, pct_key (column), pts_key (close - previous close)
  stat         start,end, series, stat(mean|median|max|min|sum|count) -> key [, date_key for max/min]
  count        start,end, series, cond                        -> key
  streak       start,end, series, cond: longest run           -> len_key, first_date_key, last_date_key
  run_to_end   end, series, cond: consecutive sessions ending at the last session <= end -> key
  first_date   start,end, series, cond, which(first|last)      -> key
  rank         start,end, series, date|value|value_key, order(desc|asc) -> key [, n_key]
  percentile   start,end, series, date|value|value_key         -> key
  top          start,end, series, n, order                    -> value_key (list), date_key (list)
  group        start,end, series, by(month|week|year|quarter), agg(sum|mean|median|max|min), pick(max|min)
               -> label_key (YYYY-MM / year int), value_key, first_date_key, last_date_key
  diff         a, b (figure keys)                             -> change_key (a-b), pct_key (100*(a-b)/b)
  ratio        part, whole (figure keys)                      -> key (100*part/whole)
  absdiff      a, b (figure keys)                             -> key (|a-b|, a gap whose sign the question leaves open)
  div          a, b (figure keys)                             -> key (a/b, e.g. a period sum per session)
  index_change start,end, index                               -> pct_key, pts_key, close_key (last close)
  ind_value    date, industry, field(amount|up_count|total_count|change_pct|up_ratio) -> key
  ind_sum      start,end, industry | industries | theme       -> key (sum of amount_yuan)
  ind_change   start,end, industry                            -> key (compounded change_pct)
  ind_top      start,end, by(amount|change_pct|up_count|up_ratio), n, order [, within theme / industries]
               -> name_key (list), value_key (list)
  ind_rank     start,end, industry, by, order                 -> key
  ind_count    date, field, cond                              -> key (industries meeting cond)
  ind_days     start,end, industry, field, cond               -> key (sessions meeting cond)
cond: {"cmp": gt|ge|lt|le|eq, "value": v} | {"cmp": "between", "lo": a, "hi": b}
      | {"cmp": "vs_prev_gt"} (放量: > previous session) | {"cmp": "vs_prev_lt"} (缩量)
      | {"cmp": "vs_prev_ge"} | {"cmp": "vs_prev_le"}
series: total | sh | sz (turnover, 元) | sh_close | sz_close | sh_pct | sz_pct
"""

import csv
import gzip
import io
import json
import os
import statistics
import sys
from datetime import date as _date

_HERE = os.path.dirname(os.path.abspath(__file__))
_CAND = os.path.join(_HERE, "..", "..", "..", "tools", "data")
DATA = _CAND if os.path.isdir(_CAND) else "/work/main/tools/data"


def _read_csv(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines))))


class Data:
    def __init__(self, folder):
        self.folder = folder
        rows = _read_csv(os.path.join(folder, "turnover_snapshot.csv.gz"))
        rows.sort(key=lambda r: r["date"])
        self.dates = [r["date"] for r in rows]
        self.idx = {d: i for i, d in enumerate(self.dates)}
        self.s = {"sh": [], "sz": [], "total": [], "sh_close": [], "sz_close": [], "sh_pct": [], "sz_pct": []}
        for r in rows:
            sh = float(r["sh_yuan"])
            sz = float(r["sz_yuan"])
            self.s["sh"].append(sh)
            self.s["sz"].append(sz)
            self.s["total"].append(sh + sz)
            for k in ("sh_close", "sz_close", "sh_pct", "sz_pct"):
                v = r.get(k, "")
                self.s[k].append(float(v) if v not in ("", None) else None)
        ind = _read_csv(os.path.join(folder, "ths_industries.csv.gz"))
        self.ind = {}  # date -> industry -> row
        for r in ind:
            self.ind.setdefault(r["date"], {})[r["industry"]] = {
                "amount": float(r["amount_yuan"]),
                "up_count": int(r["up_count"]),
                "total_count": int(r["total_count"]),
                "change_pct": float(r["change_pct"]),
            }
        self.ind_dates = sorted(self.ind)
        with open(os.path.join(folder, "industry_themes.json"), encoding="utf-8") as fh:
            th = json.load(fh)
        self.themes = {}
        for t in th["themes"]:
            self.themes[t["name"]] = list(t["industries"])
            for a in t.get("aliases", []):
                self.themes.setdefault(a, list(t["industries"]))


class Problem(Exception):
    pass


def _cond_ok(D, series, i, cond):
    v = D.s[series][i]
    if v is None:
        raise Problem("no value for %s on %s" % (series, D.dates[i]))
    c = cond["cmp"]
    if c.startswith("vs_prev"):
        if i == 0:
            raise Problem("no previous session")
        p = D.s[series][i - 1]
        return {"vs_prev_gt": v > p, "vs_prev_lt": v < p, "vs_prev_ge": v >= p, "vs_prev_le": v <= p}[c]
    if c == "between":
        return cond["lo"] <= v <= cond["hi"]
    x = cond["value"]
    return {"gt": v > x, "ge": v >= x, "lt": v < x, "le": v <= x, "eq": v == x}[c]


def _val_ok(v, cond):
    c = cond["cmp"]
    if c == "between":
        return cond["lo"] <= v <= cond["hi"]
    x = cond["value"]
    return {"gt": v > x, "ge": v >= x, "lt": v < x, "le": v <= x, "eq": v == x}[c]


def _range(D, start, end, expect_n=None):
    ii = [i for i, d in enumerate(D.dates) if start <= d <= end]
    if not ii:
        raise Problem("no sessions in %s..%s" % (start, end))
    if expect_n is not None and len(ii) != expect_n:
        raise Problem("%s..%s has %d sessions, expected %d" % (start, end, len(ii), expect_n))
    return ii


def _at(D, d):
    if d not in D.idx:
        raise Problem("%s is not a session" % d)
    return D.idx[d]


def _ind_range(D, start, end, expect_n=None):
    dd = [d for d in D.ind_dates if start <= d <= end]
    if not dd:
        raise Problem("no industry sessions in %s..%s" % (start, end))
    if expect_n is not None and len(dd) != expect_n:
        raise Problem("industry %s..%s has %d sessions, expected %d" % (start, end, len(dd), expect_n))
    return dd


def _ind_field(row, field):
    if field == "up_ratio":
        return 100.0 * row["up_count"] / row["total_count"]
    return row[field]


def _ind_period_value(D, dd, name, by):
    for d in dd:
        if name not in D.ind[d]:
            raise Problem("industry %s missing on %s" % (name, d))
    if by == "amount":
        return sum(D.ind[d][name]["amount"] for d in dd)
    if by == "change_pct":
        f = 1.0
        for d in dd:
            f *= 1.0 + D.ind[d][name]["change_pct"] / 100.0
        return 100.0 * (f - 1.0)
    if len(dd) != 1:
        raise Problem("%s only defined for one session" % by)
    return _ind_field(D.ind[dd[0]][name], by)


def _members(D, c):
    if "industry" in c:
        return [c["industry"]]
    if "industries" in c:
        return list(c["industries"])
    if "theme" in c:
        if c["theme"] not in D.themes:
            raise Problem("unknown theme %s" % c["theme"])
        return D.themes[c["theme"]]
    if "within" in c:
        w = c["within"]
        return D.themes[w] if isinstance(w, str) else list(w)
    return None


def _week_key(d):
    y, m, dd = map(int, d.split("-"))
    iy, iw, _ = _date(y, m, dd).isocalendar()
    return (iy, iw)


def _group_key(d, by):
    if by == "month":
        return d[:7]
    if by == "year":
        return int(d[:4])
    if by == "quarter":
        return "%sQ%d" % (d[:4], (int(d[5:7]) - 1) // 3 + 1)
    if by == "week":
        return _week_key(d)
    raise Problem("bad group %s" % by)


def _agg(vals, agg):
    if agg == "sum":
        return sum(vals)
    if agg == "mean":
        return sum(vals) / len(vals)
    if agg == "median":
        return statistics.median(vals)
    if agg == "max":
        return max(vals)
    if agg == "min":
        return min(vals)
    if agg == "count":
        return len(vals)
    raise Problem("bad agg %s" % agg)


def run_calc(D, c, F):
    op = c["op"]
    series = c.get("series", c.get("market", "total"))
    if op == "value":
        F[c["key"]] = D.s[series][_at(D, c["date"])]
    elif op == "index_day":
        i = _at(D, c["date"])
        ix = c["index"]
        close = D.s[ix + "_close"][i]
        if close is None:
            raise Problem("no close")
        if "close_key" in c:
            F[c["close_key"]] = close
        if "pct_key" in c:
            F[c["pct_key"]] = D.s[ix + "_pct"][i]
        if "pts_key" in c:
            F[c["pts_key"]] = close - D.s[ix + "_close"][i - 1]
    elif op == "stat":
        ii = _range(D, c["start"], c["end"], c.get("expect_n"))
        vals = [D.s[series][i] for i in ii]
        st = c["stat"]
        if st in ("max", "min"):
            best = max(vals) if st == "max" else min(vals)
            hits = [i for i in ii if D.s[series][i] == best]
            if len(hits) > 1 and "date_key" in c:
                raise Problem("tie for %s" % st)
            F[c["key"]] = best
            if "date_key" in c:
                F[c["date_key"]] = D.dates[hits[0]]
        else:
            F[c["key"]] = _agg(vals, st)
    elif op == "count":
        ii = _range(D, c["start"], c["end"], c.get("expect_n"))
        F[c["key"]] = sum(1 for i in ii if _cond_ok(D, series, i, c["cond"]))
    elif op == "streak":
        ii = _range(D, c["start"], c["end"])
        best, cur, runs = 0, 0, []
        start_i = None
        for i in ii:
            if _cond_ok(D, series, i, c["cond"]):
                if cur == 0:
                    start_i = i
                cur += 1
                runs.append((cur, start_i, i))
            else:
                cur = 0
        if not runs:
            raise Problem("no session meets the streak condition")
        best = max(r[0] for r in runs)
        tops = [r for r in runs if r[0] == best]
        if len(tops) > 1 and ("first_date_key" in c or "last_date_key" in c):
            raise Problem("tie for longest streak")
        F[c["len_key"]] = best
        if "first_date_key" in c:
            F[c["first_date_key"]] = D.dates[tops[0][1]]
        if "last_date_key" in c:
            F[c["last_date_key"]] = D.dates[tops[0][2]]
    elif op == "run_to_end":
        ii = _range(D, c.get("start", "1991-01-01"), c["end"])
        n = 0
        for i in reversed(ii):
            if _cond_ok(D, series, i, c["cond"]):
                n += 1
            else:
                break
        F[c["key"]] = n
    elif op == "first_date":
        ii = _range(D, c["start"], c["end"])
        hits = [i for i in ii if _cond_ok(D, series, i, c["cond"])]
        if not hits:
            raise Problem("no session meets the condition")
        F[c["key"]] = D.dates[hits[0] if c.get("which", "first") == "first" else hits[-1]]
    elif op in ("rank", "percentile"):
        ii = _range(D, c["start"], c["end"], c.get("expect_n"))
        vals = [D.s[series][i] for i in ii]
        if "date" in c:
            j = _at(D, c["date"])
            if j not in ii:
                raise Problem("ranked date outside scope")
            v = D.s[series][j]
        elif "value_key" in c:
            v = F[c["value_key"]]
        else:
            v = c["value"]
        if op == "rank":
            if c.get("order", "desc") == "desc":
                F[c["key"]] = 1 + sum(1 for x in vals if x > v)
            else:
                F[c["key"]] = 1 + sum(1 for x in vals if x < v)
        else:
            F[c["key"]] = 100.0 * sum(1 for x in vals if x <= v) / len(vals)
        if "n_key" in c:
            F[c["n_key"]] = len(vals)
    elif op == "top":
        ii = _range(D, c["start"], c["end"], c.get("expect_n"))
        rev = c.get("order", "desc") == "desc"
        srt = sorted(ii, key=lambda i: D.s[series][i], reverse=rev)
        n = c["n"]
        if len(srt) > n and D.s[series][srt[n - 1]] == D.s[series][srt[n]]:
            raise Problem("tie at top-n boundary")
        sel = srt[:n]
        if "value_key" in c:
            F[c["value_key"]] = [D.s[series][i] for i in sel]
        if "date_key" in c:
            F[c["date_key"]] = [D.dates[i] for i in sel]
    elif op == "group":
        ii = _range(D, c["start"], c["end"])
        groups = {}
        for i in ii:
            groups.setdefault(_group_key(D.dates[i], c["by"]), []).append(i)
        vals = {g: _agg([D.s[series][i] for i in v], c["agg"]) for g, v in groups.items()}
        best = max(vals.values()) if c.get("pick", "max") == "max" else min(vals.values())
        hits = [g for g, v in vals.items() if v == best]
        if len(hits) > 1:
            raise Problem("tie between groups")
        g = hits[0]
        if "label_key" in c:
            F[c["label_key"]] = g
        if "value_key" in c:
            F[c["value_key"]] = best
        if "first_date_key" in c:
            F[c["first_date_key"]] = D.dates[groups[g][0]]
        if "last_date_key" in c:
            F[c["last_date_key"]] = D.dates[groups[g][-1]]
        if "n_key" in c:
            F[c["n_key"]] = len(groups[g])
    elif op == "diff":
        a, b = F[c["a"]], F[c["b"]]
        if "change_key" in c:
            F[c["change_key"]] = a - b
        if "pct_key" in c:
            F[c["pct_key"]] = 100.0 * (a - b) / b
    elif op == "ratio":
        F[c["key"]] = 100.0 * F[c["part"]] / F[c["whole"]]
    elif op == "absdiff":
        F[c["key"]] = abs(F[c["a"]] - F[c["b"]])
    elif op == "div":
        F[c["key"]] = F[c["a"]] / F[c["b"]]
    elif op == "index_change":
        ii = _range(D, c["start"], c["end"], c.get("expect_n"))
        ix = c["index"] + "_close"
        if ii[0] == 0:
            raise Problem("no close before the period")
        last = D.s[ix][ii[-1]]
        before = D.s[ix][ii[0] - 1]
        if last is None or before is None:
            raise Problem("missing close")
        if "pct_key" in c:
            F[c["pct_key"]] = 100.0 * (last / before - 1.0)
        if "pts_key" in c:
            F[c["pts_key"]] = last - before
        if "close_key" in c:
            F[c["close_key"]] = last
    elif op == "ind_value":
        d = c["date"]
        if d not in D.ind or c["industry"] not in D.ind[d]:
            raise Problem("no industry row %s %s" % (d, c["industry"]))
        F[c["key"]] = _ind_field(D.ind[d][c["industry"]], c["field"])
    elif op == "ind_sum":
        dd = _ind_range(D, c["start"], c["end"], c.get("expect_n"))
        names = _members(D, c)
        tot = 0.0
        for d in dd:
            for nm in names:
                if nm not in D.ind[d]:
                    raise Problem("industry %s missing on %s" % (nm, d))
                tot += D.ind[d][nm]["amount"]
        F[c["key"]] = tot
    elif op == "ind_change":
        dd = _ind_range(D, c["start"], c["end"], c.get("expect_n"))
        F[c["key"]] = _ind_period_value(D, dd, c["industry"], "change_pct")
    elif op in ("ind_top", "ind_rank"):
        dd = _ind_range(D, c["start"], c["end"], c.get("expect_n"))
        names = _members(D, c) if op == "ind_top" else None
        if not names:
            names = sorted(D.ind[dd[0]])
        vals = {nm: _ind_period_value(D, dd, nm, c["by"]) for nm in names}
        rev = c.get("order", "desc") == "desc"
        if op == "ind_rank":
            v = vals[c["industry"]]
            if rev:
                F[c["key"]] = 1 + sum(1 for x in vals.values() if x > v)
            else:
                F[c["key"]] = 1 + sum(1 for x in vals.values() if x < v)
        else:
            srt = sorted(names, key=lambda nm: vals[nm], reverse=rev)
            n = c["n"]
            if len(srt) > n and vals[srt[n - 1]] == vals[srt[n]]:
                raise Problem("industry tie at top-n boundary")
            sel = srt[:n]
            if "name_key" in c:
                F[c["name_key"]] = sel
            if "value_key" in c:
                F[c["value_key"]] = [vals[nm] for nm in sel]
    elif op == "ind_count":
        d = c["date"]
        if d not in D.ind:
            raise Problem("no industry data on %s" % d)
        F[c["key"]] = sum(1 for row in D.ind[d].values() if _val_ok(_ind_field(row, c["field"]), c["cond"]))
    elif op == "ind_days":
        dd = _ind_range(D, c["start"], c["end"], c.get("expect_n"))
        n = 0
        for d in dd:
            if c["industry"] not in D.ind[d]:
                raise Problem("industry missing on %s" % d)
            if _val_ok(_ind_field(D.ind[d][c["industry"]], c["field"]), c["cond"]):
                n += 1
        F[c["key"]] = n
    else:
        raise Problem("unknown op %s" % op)


def _last_closed(D, now):
    day, hm = now.split(" ")
    ok = [d for d in D.dates if d < day or (d == day and hm >= "15:00")]
    return ok[-1] if ok else None


def _check_dates(D, c, last_closed):
    for k in ("date", "end"):
        if k in c and last_closed is not None and c[k] > last_closed:
            later = [d for d in D.dates if last_closed < d <= c[k]]
            if later:
                raise Problem(
                    "%s %s reaches session %s, not closed at now (last closed %s)" % (k, c[k], later[0], last_closed)
                )
    for k in ("date", "start", "end"):
        if k in c and c[k] < "1991-04-03":
            raise Problem("%s before data start" % k)


def figures(items, source=None, problems=None):
    folder = source if isinstance(source, str) and os.path.isdir(source) else DATA
    D = Data(folder)
    if problems is None:
        problems = []
    out = {}
    for it in items:
        per = []
        last_closed = _last_closed(D, it["now"])
        for t, ex in enumerate(it["expect"]):
            if ex["kind"] != "answer":
                per.append({})
                continue
            F = {}
            try:
                for c in ex["query"]["calcs"]:
                    _check_dates(D, c, last_closed)
                    run_calc(D, c, F)
            except Problem as e:
                problems.append("%s turn %d: %s" % (it["id"], t + 1, e))
            except Exception as e:  # noqa
                problems.append("%s turn %d: error %r" % (it["id"], t + 1, e))
            res = {}
            for k in ex["figures"]:
                if k in F:
                    res[k] = F[k]
                else:
                    problems.append("%s turn %d: figure %s not computed" % (it["id"], t + 1, k))
            if not ex["figures"]:
                problems.append("%s turn %d: answer with no figures" % (it["id"], t + 1))
            per.append(res)
        out[it["id"]] = per
    return out


def main():
    path = os.path.join(_HERE, "set_u.jsonl")
    with open(path, encoding="utf-8") as fh:
        items = [json.loads(ln) for ln in fh if ln.strip()]
    problems = []
    figs = figures(items, problems=problems)
    nfig = sum(len(d) for v in figs.values() for d in v)
    nturn = sum(len(v) for v in figs.values())
    print("items: %d  turns: %d  figures: %d" % (len(items), nturn, nfig))
    if "-v" in sys.argv:
        for it in items:
            for t, d in enumerate(figs[it["id"]]):
                print(it["id"], t + 1, json.dumps(d, ensure_ascii=False))
    if problems:
        print("problems: %d" % len(problems))
        for p in problems:
            print("  " + p)
    else:
        print("problems: none")


if __name__ == "__main__":
    main()


# --- added by the team: the grader reads flat keys (tests/agent/blind/flat_keys.py says why and how) ------------
try:
    from tests.agent.blind.flat_keys import flat_figures
except ModuleNotFoundError:  # run as a script from its own folder
    sys.path.insert(0, os.path.abspath(os.path.join(_HERE, "..", "..", "..")))
    from tests.agent.blind.flat_keys import flat_figures

_figures_as_written = figures
figures = flat_figures(_figures_as_written)
