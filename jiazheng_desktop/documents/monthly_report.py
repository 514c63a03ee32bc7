"""The owner's monthly report (月度经营报告) as an A4 PDF: key figures, charts, tables, customers at risk.

Plain data in (``MonthlyFigures``), PDF out; no Qt, no database. Charts are ReportLab's own graphics,
labelled in the bundled Chinese font.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain import report_charts as charts
from ..domain.incidents import Severity
from ..domain.monthly_figures import (
    NO_DATA,
    Count,
    MonthlyFigures,
    Rate,
    hours_text,
    money_text,
    score_text,
    share_text,
)
from ..domain.report_charts import ChartData
from .styles import (
    ACCENT,
    CONTENT_WIDTH,
    INK,
    MUTED,
    Letterhead,
    Styles,
    chinese_day,
    document,
    grid_table,
    letterhead_block,
    p,
    page_numbers,
)

Progress = Callable[[int, str], None]

SLICE_COLORS = (
    colors.HexColor("#1f5fa8"),
    colors.HexColor("#e08a2c"),
    colors.HexColor("#c23b3b"),
    colors.HexColor("#4c9a5b"),
    colors.HexColor("#8a63b8"),
    colors.HexColor("#7a7a7a"),
)
SEVERITY_COLORS = {level.label: SLICE_COLORS[i] for i, level in enumerate(Severity)}
"""The same colour for a severity every month (slices in this order)."""
CHART_HEIGHT = 190


def render_monthly_report(
    figures: MonthlyFigures, letterhead: Letterhead, path: Path, progress: Progress | None = None
) -> Path:
    """Write the month's report to ``path`` and return it.

    ``progress(percent, step)`` is called along the way (10 … 100, "完成" last). A month without any
    business gives a one-page report that says so.
    """
    report = progress or (lambda _percent, _step: None)
    styles = Styles()
    report(10, "正在准备图表")
    story: list[Flowable] = [
        letterhead_block(letterhead, styles, CONTENT_WIDTH),
        Spacer(1, 6 * mm),
        p(figures.title, styles.title),
        p(_period(figures), styles.subtitle),
        Spacer(1, 4 * mm),
    ]
    if figures.is_empty:
        story.append(p(NO_DATA, styles.body))
    else:
        story += _key_figures(figures, styles)
        story.append(KeepTogether([Spacer(1, 3 * mm), _trend_and_compensation(figures, styles.font)]))
        story += _incidents(figures, styles)
        report(40, "正在排版表格")
        story += _renewals(figures, styles)
        story += _campaigns(figures, styles)
        story += _at_risk(figures, styles)
        story += _stages(figures, styles)
        story += _notes(styles)
    report(70, "正在生成 PDF")
    doc = document(path, figures.title, letterhead.name)
    footer = page_numbers(f"{letterhead.name} · {figures.title}", styles.font)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    report(100, "完成")
    return path


def _period(f: MonthlyFigures) -> str:
    first = f.made_at.replace(year=f.year, month=f.month, day=1).date()
    month_after = (first + timedelta(days=32)).replace(day=1)
    last = month_after - timedelta(days=1)
    return f"统计期间：{chinese_day(first)} 至 {chinese_day(last)}　　生成于 {f.made_at:%Y-%m-%d %H:%M}"


# -- key figures ---------------------------------------------------------------------------------


def _key_figures(f: MonthlyFigures, styles: Styles) -> list[Flowable]:
    renewals = (
        f"到期 {f.renewals_due} 份：续约 {f.renewals_won}，流失 {f.renewals_lost}，未定 {f.renewals_open}"
    )
    pairs = [
        ("新客户", f"{f.new_customers} 位", "服务客户", f"{f.active_customers} 位"),
        ("营业额", money_text(f.revenue_fen), "投诉", f"{f.incidents_total} 件"),
        (
            "首次响应及时率",
            _rate(f.first_response, "还没有到期限的投诉"),
            "解决时长中位数",
            f"{hours_text(f.median_resolve_hours)}（本月解决 {f.resolved_count} 件）"
            if f.resolved_count
            else f"{hours_text(None)}（本月没有解决的投诉）",
        ),
        (
            "回访及时率",
            _rate(f.callbacks, "本月没有应回访的投诉"),
            "平均满意度",
            f"{score_text(f.average_satisfaction)}（{f.scored_callbacks} 次评分）"
            if f.scored_callbacks
            else f"{score_text(None)}（没有评分）",
        ),
        (
            "满意度回访",
            f"{f.surveys_total} 次（{f.surveys_scored} 次评分）",
            "回访平均分",
            score_text(f.average_survey_score) if f.surveys_scored else f"{score_text(None)}（没有评分）",
        ),
        (
            "补偿发放",
            money_text(f.compensation_issued_fen),
            "补偿券使用",
            money_text(f.compensation_redeemed_fen),
        ),
        (
            "保住的营收",
            f"{money_text(f.revenue_kept_fen)}（获补偿 {f.compensated_customers} 位，仍消费 {f.kept_customers} 位）",
            "续约",
            renewals,
        ),
        (
            "推荐佣金（本月产生）",
            money_text(f.commission_earned_fen),
            "推荐佣金（本月结算）",
            money_text(f.commission_settled_fen),
        ),
    ]
    rows = [[_head("项目", styles), _head("数值", styles), _head("项目", styles), _head("数值", styles)]]
    rows += [
        [p(a, styles.cell), p(b, styles.cell), p(c, styles.cell), p(d, styles.cell)] for a, b, c, d in pairs
    ]
    label, value = 0.2 * CONTENT_WIDTH, 0.3 * CONTENT_WIDTH
    out: list[Flowable] = [p("一、关键数据", styles.heading), grid_table(rows, [label, value, label, value])]
    if f.first_response_pending:
        out.append(
            p(f"另有 {f.first_response_pending} 件投诉还没到首次响应期限，未计入及时率。", styles.small)
        )
    return out


# -- incidents -----------------------------------------------------------------------------------


def _incidents(f: MonthlyFigures, styles: Styles) -> list[Flowable]:
    heading = p("二、投诉", styles.heading)
    if f.incidents_total == 0:
        return [heading, p("本月没有投诉。", styles.body)]
    out: list[Flowable] = [KeepTogether([heading, _charts(f, styles.font), Spacer(1, 2 * mm)])]
    out += _breakdown("按类别", "类别", f.by_category, f.incidents_total, styles)
    out += _breakdown("按根本原因", "根本原因", f.by_root_cause, f.incidents_total, styles)
    out += _breakdown("按服务人员", "服务人员", f.by_worker, f.incidents_total, styles)
    return out


def _charts(f: MonthlyFigures, font: str) -> Drawing:
    drawing = Drawing(CONTENT_WIDTH, CHART_HEIGHT)
    drawing.initialFontName = font  # else the renderer starts in Helvetica, which is not embedded
    categories = charts.complaints_by_category(f)
    drawing.add(_title(categories.title, 10, CHART_HEIGHT - 14, font))
    drawing.add(_bar_chart(categories, font))
    drawing.add(_title("严重程度（件）", CONTENT_WIDTH * 0.64, CHART_HEIGHT - 14, font))
    for shape in _pie(f.by_severity, font):
        drawing.add(shape)
    return drawing


def _trend_and_compensation(f: MonthlyFigures, font: str) -> Drawing:
    """The same two charts as on the 报表 screen: the complaint trend and compensation against 挽回营收."""
    drawing = Drawing(CONTENT_WIDTH, CHART_HEIGHT)
    drawing.initialFontName = font
    half = CONTENT_WIDTH / 2
    trend, money = charts.complaint_trend(f), charts.compensation_and_revenue_kept(f)
    for x, chart, shape in ((0.0, trend, _trend_chart), (half, money, _money_chart)):
        drawing.add(_title(chart.title, x + 10, CHART_HEIGHT - 14, font))
        if chart.is_empty:
            middle = String(x + half / 2, CHART_HEIGHT / 2, chart.empty_text, fontName=font, fontSize=10)
            middle.fillColor, middle.textAnchor = MUTED, "middle"
            drawing.add(middle)
        else:
            drawing.add(shape(chart, x, half, font))
    return drawing


def _title(text: str, x: float, y: float, font: str) -> String:
    return String(x, y, text, fontName=font, fontSize=10, fillColor=ACCENT)


def _value_axis(chart: Any, data: ChartData, font: str) -> None:
    """The bars and axis of ``data`` (the screen's ticks and texts), labelled in the Chinese font."""
    axis = chart.valueAxis
    axis.valueMin = 0
    axis.valueMax = data.axis_max
    axis.valueStep = data.ticks[1].value
    axis.labels.fontName = font
    axis.labels.fontSize = 8
    texts = {tick.value: tick.text for tick in data.ticks}
    axis.labelTextFormat = lambda value: texts.get(round(value), "")
    chart.data = [[bar.value for bar in data.bars]]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[bar.value_text for bar in data.bars]]
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 8
    labels = chart.categoryAxis.labels
    labels.fontName, labels.fontSize, labels.fillColor = font, 8, INK
    chart.categoryAxis.categoryNames = [bar.label for bar in data.bars]


def _bar_chart(data: ChartData, font: str) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 52
    # Bars stay slim: the chart is only as wide as its categories need.
    chart.width, chart.height = min(CONTENT_WIDTH * 0.52, 40 + 36 * len(data.bars)), CHART_HEIGHT - 90
    _value_axis(chart, data, font)
    chart.barWidth = 10
    labels = chart.categoryAxis.labels
    labels.boxAnchor, labels.angle, labels.dy = "ne", 30, -2
    chart.barLabels.nudge = 6
    return chart


def _trend_chart(data: ChartData, x: float, width: float, font: str) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y = x + 30, 30
    chart.width, chart.height = width - 50, CHART_HEIGHT - 70
    _value_axis(chart, data, font)
    chart.barWidth = 10
    chart.barLabels.nudge = 6
    return chart


def _money_chart(data: ChartData, x: float, width: float, font: str) -> HorizontalBarChart:
    chart = HorizontalBarChart()
    # room on the left for the labels, on the right for the longest amount written after its bar
    chart.x, chart.y = x + 62, 30
    chart.width, chart.height = width - 140, CHART_HEIGHT - 70
    _value_axis(chart, data, font)
    chart.barWidth = 14
    chart.categoryAxis.reverseDirection = True  # the first bar on top, as on the screen
    chart.categoryAxis.labels.fontSize = 9
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    return chart


def _pie(counts: Sequence[Count], font: str) -> list[Any]:
    """The pie without labels (they collide at the rim) and a legend beside it: ``一般 3 件（50.0%）``."""
    total = sum(c.count for c in counts)
    order = list(SEVERITY_COLORS)
    counts = sorted(counts, key=lambda c: order.index(c.label) if c.label in order else len(order))
    palette = [
        SEVERITY_COLORS.get(c.label, SLICE_COLORS[i % len(SLICE_COLORS)]) for i, c in enumerate(counts)
    ]
    pie = Pie()
    size = 96
    pie.x, pie.y = CONTENT_WIDTH * 0.64, 40
    pie.width = pie.height = size
    pie.data = [c.count for c in counts]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.startAngle = 90
    pie.direction = "clockwise"
    for i, color in enumerate(palette):
        pie.slices[i].fillColor = color
    legend = Legend()
    legend.x, legend.y = pie.x + size + 14, pie.y + size / 2 + 8 * len(counts)
    legend.fontName, legend.fontSize, legend.fillColor = font, 9, INK
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.dx = legend.dy = 8
    legend.deltay = 16
    legend.columnMaximum = len(counts) or 1
    legend.strokeColor = None
    legend.colorNamePairs = [
        (color, f"{c.label} {c.count}（{share_text(c.count, total)}）")
        for color, c in zip(palette, counts, strict=True)
    ]
    return [pie, legend]


def _breakdown(
    title: str, column: str, counts: Sequence[Count], total: int, styles: Styles, unit: str = "件数"
) -> list[Flowable]:
    rows = [[_head(column, styles), _head(unit, styles), _head("占比", styles)]]
    rows += [[p(c.label, styles.cell), p(str(c.count), styles.cell), p(share_text(c.count, total), styles.cell)]
             for c in counts]  # fmt: skip
    widths = [0.5 * CONTENT_WIDTH, 0.25 * CONTENT_WIDTH, 0.25 * CONTENT_WIDTH]
    return [p(title, styles.body), grid_table(rows, widths), Spacer(1, 3 * mm)]


# -- renewals and customers at risk --------------------------------------------------------------


def _renewals(f: MonthlyFigures, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [p("三、续约", styles.heading)]
    if f.renewals_due == 0:
        out.append(p("本月没有到期的合同。", styles.body))
        return out
    out.append(
        p(
            f"本月到期合同 {f.renewals_due} 份：续约 {f.renewals_won} 份，流失 {f.renewals_lost} 份，"
            f"尚未确定 {f.renewals_open} 份；续约率 {f.renewal_rate.text}（续约 / 已有结果）。",
            styles.body,
        )
    )
    if f.lost_reasons:
        out += _breakdown("流失原因", "原因", f.lost_reasons, f.renewals_lost, styles)
    return out


def _campaigns(f: MonthlyFigures, styles: Styles) -> list[Flowable]:
    """The month's campaigns under the renewals (keeping the report's numbered sections as they are)."""
    if not f.campaigns:
        return []
    out: list[Flowable] = [p(f"营销活动：{f.campaigns_text}。", styles.body)]
    out += [p(c.text, styles.small) for c in f.campaigns]
    return out


def _at_risk(f: MonthlyFigures, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [p("四、需要关注的客户", styles.heading)]
    if not f.at_risk:
        out.append(p("本月没有需要特别关注的客户。", styles.body))
        return out
    more = f"，列出前 {len(f.at_risk)} 位" if f.at_risk_total > len(f.at_risk) else ""
    out.append(p(f"共 {f.at_risk_total} 位{more}。请尽快回访、致歉或安排续约。", styles.body))
    rows = [[_head("序号", styles), _head("客户", styles), _head("原因", styles)]]
    rows += [
        [p(str(n), styles.cell), p(c.label, styles.cell), p(c.reason_text, styles.cell)]
        for n, c in enumerate(f.at_risk, start=1)
    ]
    out.append(grid_table(rows, [0.1 * CONTENT_WIDTH, 0.3 * CONTENT_WIDTH, 0.6 * CONTENT_WIDTH]))
    return out


def _stages(f: MonthlyFigures, styles: Styles) -> list[Flowable]:
    """五、客户阶段: how many customers are at each stage at the month's end, and the moves of the month."""
    if not f.stages:
        return []
    total = sum(c.count for c in f.stages)
    out: list[Flowable] = [p("五、客户阶段", styles.heading)]
    out.append(
        p(
            f"月底共 {total} 位客户；本月有 {f.stage_moved} 位换了阶段"
            "（由服务记录、合同、投诉和回访自动算出，门槛见 设置 → 客户关怀）。",
            styles.body,
        )
    )
    out += _breakdown("各阶段的客户", "阶段", f.stages, total, styles, unit="人数")
    if f.stage_moves:
        out += _breakdown(
            "本月阶段变化（最多的前 8 种）", "变化", f.stage_moves[:8], f.stage_moved, styles, unit="人数"
        )
    return out


def _notes(styles: Styles) -> list[Flowable]:
    text = (
        "说明：首次响应及时率只算已到期限的投诉，解决也算作响应；回访及时指在应回访当天结束前回访；"
        "满意度只统计客户同意保存的回访；补偿发放含补偿券（不含已作废的）和退款、减免等金额；"
        "保住的营收是本月及前两个月获得补偿的客户在本月的消费。"
    )
    return [Spacer(1, 4 * mm), p(text, styles.small)]


def _rate(rate: Rate, none: str) -> str:
    return f"{rate.text}（{rate.part}/{rate.whole}）" if rate.whole else f"{rate.text}（{none}）"


def _head(text: str, styles: Styles) -> Any:
    return p(text, styles.cell_head)


__all__ = ["render_monthly_report"]
