"""A small bar chart painted with QPainter (QtCharts is not in PySide6-Essentials).

It paints a ``domain.report_charts.ChartData``: the same bars, axis and texts the PDF draws. Horizontal
bars suit long category names (水管爆裂等突发) at any width; vertical ones suit months in a row. Text is in
the widget's own font, so it follows the application's font and the screen's scale.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.report_charts import ChartData
from ..common import theme

BAR_COLOR = QColor(theme.ACCENT)  # the program's accent colour (the PDF has its own, for print)
TITLE_COLOR = QColor(theme.TEXT_HEADER)
GRID_COLOR = QColor(theme.GRID)
PADDING = 8
GAP = 6
"""Between an axis label and the bars, and between a bar and its value."""


class Orientation(Enum):
    HORIZONTAL = "horizontal"
    """One row per bar, its label on the left: for long names."""
    VERTICAL = "vertical"
    """One column per bar, its label underneath: for a few short ones (months)."""


class BarChartWidget(QWidget):
    def __init__(self, orientation: Orientation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.orientation = orientation
        self.chart: ChartData | None = None
        self.bar_rects: list[QRectF] = []
        """Where the last paint put each bar (for tests and for reading the chart's layout)."""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    def set_chart(self, chart: ChartData) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription(
            chart.empty_text
            if chart.is_empty
            else "，".join(f"{bar.label} {bar.value_text}" for bar in chart.bars)
        )
        self.setToolTip(self.accessibleDescription())
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(int(line * 22), int(line * 11))

    def minimumSizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(int(line * 14), int(line * 8))

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self.bar_rects = []
        if self.chart is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        metrics = QFontMetricsF(self.font())
        area = QRectF(self.rect()).adjusted(PADDING, PADDING, -PADDING, -PADDING)
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(TITLE_COLOR)
        title_height = QFontMetricsF(title_font).height()
        title_rect = QRectF(area.left(), area.top(), area.width(), title_height)
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.chart.title
        )
        painter.setFont(self.font())
        body = area.adjusted(0, title_height + GAP, 0, 0)
        if self.chart.is_empty:
            self._paint_empty(painter, body)
        elif self.orientation is Orientation.HORIZONTAL:
            self._paint_horizontal(painter, metrics, body)
        else:
            self._paint_vertical(painter, metrics, body)
        painter.end()

    def _text_pen(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def _paint_empty(self, painter: QPainter, body: QRectF) -> None:
        assert self.chart is not None
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(body, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.chart.empty_text)
        painter.setFont(self.font())

    def _paint_horizontal(self, painter: QPainter, metrics: QFontMetricsF, body: QRectF) -> None:
        chart = self.chart
        assert chart is not None
        line = metrics.height()
        label_width = min(max(metrics.horizontalAdvance(b.label) for b in chart.bars), body.width() * 0.4)
        value_width = max(metrics.horizontalAdvance(b.value_text) for b in chart.bars) + GAP
        last_tick = metrics.horizontalAdvance(chart.ticks[-1].text) / 2
        plot = QRectF(
            body.left() + label_width + GAP,
            body.top(),
            body.width() - label_width - GAP - max(value_width, last_tick),
            body.height() - line - GAP,
        )
        if plot.width() <= 0 or plot.height() <= 0:
            return
        top = chart.axis_max
        painter.setPen(QPen(GRID_COLOR, 1))
        for tick in chart.ticks:
            x = plot.left() + plot.width() * tick.value / top
            painter.drawLine(int(x), int(plot.top()), int(x), int(plot.bottom()))
        painter.setPen(self._text_pen())
        for tick in chart.ticks:
            x = plot.left() + plot.width() * tick.value / top
            width = metrics.horizontalAdvance(tick.text) + 2
            painter.drawText(
                QRectF(x - width / 2, plot.bottom() + GAP / 2, width, line),
                Qt.AlignmentFlag.AlignCenter,
                tick.text,
            )
        row = plot.height() / len(chart.bars)
        thickness = min(row * 0.6, line * 1.2)
        for index, bar in enumerate(chart.bars):
            middle = plot.top() + row * (index + 0.5)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width)
            painter.setPen(self._text_pen())
            painter.drawText(
                QRectF(body.left(), middle - line / 2, label_width, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            length = plot.width() * bar.value / top
            rect = QRectF(plot.left(), middle - thickness / 2, length, thickness)
            self.bar_rects.append(rect)
            painter.fillRect(rect, BAR_COLOR)
            painter.drawText(
                QRectF(rect.right() + GAP, middle - line / 2, value_width, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.value_text,
            )

    def _paint_vertical(self, painter: QPainter, metrics: QFontMetricsF, body: QRectF) -> None:
        chart = self.chart
        assert chart is not None
        line = metrics.height()
        tick_width = max(metrics.horizontalAdvance(t.text) for t in chart.ticks)
        plot = QRectF(
            body.left() + tick_width + GAP,
            body.top() + line,  # room for the tallest bar's value
            body.width() - tick_width - GAP,
            body.height() - 2 * line - GAP,
        )
        if plot.width() <= 0 or plot.height() <= 0:
            return
        top = chart.axis_max
        for tick in chart.ticks:
            y = plot.bottom() - plot.height() * tick.value / top
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(self._text_pen())
            painter.drawText(
                QRectF(body.left(), y - line / 2, tick_width, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                tick.text,
            )
        slot = plot.width() / len(chart.bars)
        thickness = min(slot * 0.6, line * 2.5)
        for index, bar in enumerate(chart.bars):
            centre = plot.left() + slot * (index + 0.5)
            height = plot.height() * bar.value / top
            rect = QRectF(centre - thickness / 2, plot.bottom() - height, thickness, height)
            self.bar_rects.append(rect)
            painter.fillRect(rect, BAR_COLOR)
            painter.setPen(self._text_pen())
            painter.drawText(
                QRectF(centre - slot / 2, rect.top() - line, slot, line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                bar.value_text,
            )
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, slot)
            painter.drawText(
                QRectF(centre - slot / 2, plot.bottom() + GAP / 2, slot, line),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
