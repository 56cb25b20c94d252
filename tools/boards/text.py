"""Board turnover reports as text for the CLI (``marketbot sectors``, ``data update``)."""

from __future__ import annotations

from tools.boards.models import BoardDay, SectorDayReport, SectorPeriodReport
from tools.boards.sync import BoardUpdateResult
from tools.daily.analytics import format_yi

SHOWN = 5


def _change(b: BoardDay, lang: str) -> str:
    if b.change_yi is None:
        return "（上一交易日无数据）" if lang == "zh" else " (no row on the previous session)"
    pct = f"{b.change_pct:+.2f}%" if b.change_pct is not None else "-"
    if lang == "zh":
        return f"，较上一交易日 {format_yi(b.change_yi, signed=True)}（{pct}）"
    return f", {format_yi(b.change_yi, 'en', signed=True)} ({pct}) on the previous session"


def _share(b: BoardDay, lang: str) -> str:
    if b.share_of_market_pct is None:
        return ""
    return f"，占两市 {b.share_of_market_pct:.1f}%" if lang == "zh" else f", {b.share_of_market_pct:.1f}% of the market"


def board_line(b: BoardDay, lang: str) -> str:
    renamed = ""
    if b.renamed_from:
        renamed = f"（原名 {b.renamed_from}）" if lang == "zh" else f" (formerly {b.renamed_from})"
    if lang == "zh":
        return f"{b.name}{renamed} {format_yi(b.amount_yi)}{_change(b, lang)}{_share(b, lang)}"
    return f"{b.name}{renamed} {format_yi(b.amount_yi, 'en')}{_change(b, lang)}{_share(b, lang)}"


def describe_sectors(report: SectorDayReport, lang: str = "zh") -> str:
    zh = lang == "zh"
    out: list[str] = []
    if report.freshness_note:
        out.append(("注意：" if zh else "Note: ") + report.freshness_note)
    if report.date_note:
        out.append(("注意：" if zh else "Note: ") + report.date_note)
    what = f"「{report.theme}」主题" if zh and report.theme else (f"theme {report.theme}" if report.theme else "")
    if zh:
        head = f"{report.date} 板块成交额{what}（{report.boards_with_data} 个板块有数据"
        head += f"，两市成交额 {format_yi(report.market_total_yi)}）" if report.market_total_yi else "）"
    else:
        head = f"Board turnover on {report.date}{' for ' + what if what else ''} ({report.boards_with_data} boards"
        head += f"; market {format_yi(report.market_total_yi, 'en')})" if report.market_total_yi else ")"
    out.append(head)
    out.append("成交额居前：" if zh else "Largest turnover:")
    out += [f"  {i + 1}. {board_line(b, lang)}" for i, b in enumerate(report.top[:SHOWN])]
    if report.gainers:
        out.append("较上一交易日增加最多：" if zh else "Largest increase on the previous session:")
        out += [f"  {board_line(b, lang)}" for b in report.gainers[:3]]
    if report.losers:
        out.append("较上一交易日减少最多：" if zh else "Largest decrease:")
        out += [f"  {board_line(b, lang)}" for b in report.losers[:3]]
    if report.themes:
        out.append(
            "主题（取主题内成交额最大的板块，板块间重叠无法去重）：" if zh else "Themes (largest board of each):"
        )
        for t in report.themes[:8]:
            lack = ""
            if t.boards_missing:
                lack = f"；缺 {len(t.boards_missing)} 个板块" if zh else f"; {len(t.boards_missing)} boards missing"
            out.append(
                f"  {t.theme}：{format_yi(t.amount_yi)}（{t.board_name}{lack}）"
                if zh
                else f"  {t.theme}: {format_yi(t.amount_yi, 'en')} ({t.board_name}{lack})"
            )
    if report.industry_ranking:
        top = "、".join(f"{r.name} {format_yi(r.amount_yi)}" for r in report.industry_ranking[:3])
        out.append(f"同花顺行业成交额前三：{top}" if zh else f"THS industries by turnover: {top}")
    if report.missing:
        shown = ", ".join(report.missing[:6]) + (" …" if len(report.missing) > 6 else "")
        out.append(f"当日无数据的关注板块：{shown}" if zh else f"Watchlist boards without data that day: {shown}")
    out.append(
        "说明：板块成分股互相重叠，板块成交额不能相加；占比为占两市成交额的比例（与其他板块重叠）。"
        if zh
        else "Boards overlap: their amounts never add up; shares are of the market total and overlap."
    )
    out.append(("来源：" if zh else "Source: ") + ", ".join(report.sources))
    return "\n".join(out)


def describe_board_update(result: BoardUpdateResult, lang: str = "zh") -> str:
    zh = lang == "zh"
    if not (result.boards_fetched or result.boards_current or result.written or result.errors):
        return ""  # an empty watchlist: nothing to say
    line = (
        f"板块：写入 {result.written} 行（{result.boards_fetched} 个板块有新数据，{result.boards_current} 个已是最新"
        f"，行业排名 {result.ranking_written} 行），{result.requests} 次请求"
        if zh
        else f"Boards: wrote {result.written} rows ({result.boards_fetched} boards with new rows, "
        f"{result.boards_current} current, ranking {result.ranking_written}), {result.requests} requests"
    )
    if result.errors:
        more = len(result.errors) - 1
        line += f"；{len(result.errors)} 个失败：{result.errors[0]}" if zh else f"; {len(result.errors)} failed: "
        line += "" if zh else result.errors[0]
        if more:
            line += f"（另有 {more} 条）" if zh else f" (+{more} more)"
    return line


def describe_period(report: SectorPeriodReport, lang: str = "zh") -> str:
    zh = lang == "zh"
    out = [
        f"{report.start} 至 {report.end}（{report.sessions} 个有板块数据的交易日）板块成交额合计："
        if zh
        else f"Board turnover summed over {report.start} .. {report.end} ({report.sessions} board days):"
    ]
    for i, b in enumerate(report.boards[: SHOWN * 2]):
        change = ""
        if b.avg_change_pct is not None:
            change = (
                f"，日均较前期 {b.avg_change_pct:+.2f}%"
                if zh
                else f", daily mean {b.avg_change_pct:+.2f}% on the period before"
            )
        out.append(
            f"  {i + 1}. {b.name} {format_yi(b.total_yi)}（日均 {format_yi(b.avg_yi)}{change}）"
            if zh
            else f"  {i + 1}. {b.name} {format_yi(b.total_yi, 'en')} (daily mean {format_yi(b.avg_yi, 'en')}{change})"
        )
    out.append("说明：板块之间有重叠，合计不可相加。" if zh else "Boards overlap; totals do not add up across boards.")
    return "\n".join(out)
