"""The 报表 charts: painted bars where the data puts them, labels laid out, and a sentence for an empty month."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

from jiazheng_desktop.domain.report_charts import NO_COMPLAINTS, Bar, ChartData, axis_ticks
from jiazheng_desktop.gui.reports.bar_chart import BAR_COLOR, BarChartWidget, Orientation
from jiazheng_desktop.gui.reports.page import ReportsPage
from jiazheng_desktop.services.incidents import IncidentDraft
from tests.conftest import make_draft


def _chart(values: list[tuple[str, int]], title: str = "投诉类别（件）") -> ChartData:
    bars = tuple(Bar(label, value, str(value)) for label, value in values)
    return ChartData(title, bars, axis_ticks(max((v for _, v in values), default=0)), NO_COMPLAINTS)


def _painted(qtbot, orientation: Orientation, chart: ChartData) -> tuple[BarChartWidget, QImage]:
    widget = BarChartWidget(orientation)
    qtbot.addWidget(widget)
    widget.resize(420, 260)
    widget.set_chart(chart)
    widget.show()
    image = widget.grab().toImage()
    return widget, image


def _share_of(image: QImage, rect: QRect, color: QColor) -> float:
    """How much of ``rect`` (device pixels) has ``color``."""
    hits = total = 0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            total += 1
            hits += image.pixelColor(x, y).rgb() == color.rgb()
    return hits / max(total, 1)


def _non_background(image: QImage, rect: QRect, background: QColor) -> int:
    return sum(
        image.pixelColor(x, y).rgb() != background.rgb()
        for y in range(rect.top(), rect.bottom() + 1)
        for x in range(rect.left(), rect.right() + 1)
    )


def test_horizontal_bars_are_as_long_as_their_values(qtbot) -> None:
    chart = _chart([("水管爆裂等突发", 8), ("迟到", 4), ("其他", 0)])
    widget, image = _painted(qtbot, Orientation.HORIZONTAL, chart)
    long, short, zero = widget.bar_rects
    assert abs(short.width() * 2 - long.width()) < 1.5 and zero.width() == 0
    assert long.top() < short.top() < zero.top()  # the first (largest) on top, as in the table
    inside = long.toRect().adjusted(1, 1, -1, -1)
    assert _share_of(image, inside, BAR_COLOR) > 0.95
    # the labels sit left of the bars, inside the widget, and are drawn (not an empty column)
    assert long.left() > 40 and long.right() < widget.width()
    background = widget.palette().color(widget.backgroundRole())
    labels = QRect(0, int(long.top()), int(long.left()) - 4, int(zero.bottom() - long.top()))
    assert _non_background(image, labels, background) > 50


def test_vertical_bars_stand_on_one_axis(qtbot) -> None:
    chart = _chart([("6月", 0), ("7月", 3), ("8月", 6)], "近 6 个月投诉（件）")
    widget, image = _painted(qtbot, Orientation.VERTICAL, chart)
    zero, three, six = widget.bar_rects
    assert zero.height() == 0 and abs(three.height() * 2 - six.height()) < 1.5
    assert abs(three.bottom() - six.bottom()) < 0.5 and zero.left() < three.left() < six.left()
    assert _share_of(image, six.toRect().adjusted(1, 1, -1, -1), BAR_COLOR) > 0.95
    background = widget.palette().color(widget.backgroundRole())
    under = QRect(int(six.left()), int(six.bottom()) + 3, int(six.width()), 16)  # the month's label
    assert _non_background(image, under, background) > 10


def test_an_empty_chart_says_so_instead_of_drawing_an_axis(qtbot) -> None:
    chart = _chart([])
    widget, image = _painted(qtbot, Orientation.HORIZONTAL, chart)
    assert chart.is_empty and widget.bar_rects == []
    assert widget.accessibleDescription() == "本月没有投诉"
    background = widget.palette().color(widget.backgroundRole())
    middle = QRect(widget.width() // 4, widget.height() // 2 - 12, widget.width() // 2, 24)
    assert _non_background(image, middle, background) > 50  # the sentence, centred
    below_title = QRect(0, 40, widget.width(), widget.height() - 40)  # the title is in the bars' colour
    assert _share_of(image, below_title, BAR_COLOR) == 0


def test_the_page_charts_the_months_figures(qtbot, services, clock, no_message_boxes) -> None:
    customer = services.customers.create(make_draft())
    for category in ("late", "late", "damage"):
        services.incidents.open_incident(IncidentDraft(customer, category, 1, customer_said="客户来电投诉"))
    page = ReportsPage(services, None)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.month_combo.setCurrentIndex(0)  # this month so far
    page.show()
    qtbot.waitUntil(
        lambda: page.figures is not None and page.figures.month == clock.now().month, timeout=10_000
    )
    categories = page.category_chart.chart
    assert categories is not None
    assert [(b.label, b.value) for b in categories.bars] == [("迟到", 2), ("物品损坏", 1)]
    assert page.trend_chart.chart is not None and page.trend_chart.chart.bars[-1].value == 3
    assert len(page.trend_chart.chart.bars) == 6
    money = page.compensation_chart.chart
    assert money is not None and money.is_empty and money.empty_text == "本月没有补偿，也没有挽回的营收"
    page.category_chart.grab()  # paints, laying the bars out
    assert len(page.category_chart.bar_rects) == 2
    assert page.category_chart.height() >= page.category_chart.minimumSizeHint().height()


def test_an_empty_month_shows_the_sentence_on_the_page(qtbot, services, no_message_boxes) -> None:
    page = ReportsPage(services, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10_000)
    assert page.category_chart.accessibleDescription() == NO_COMPLAINTS
    assert page.trend_chart.accessibleDescription() == "近 6 个月没有投诉"
