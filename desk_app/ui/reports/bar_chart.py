"""A plain bar chart drawn with QPainter: labelled bars with their values (no web engine)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[tuple[str, int, QColor]] = []
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, bars: Sequence[tuple[str, int, str]]) -> None:
        self.bars = [(label, value, QColor(colour)) for label, value, colour in bars]
        self.setAccessibleDescription(
            "; ".join(f"{label}: {value}" for label, value, _ in self.bars)
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(rect.adjusted(0, 0, 0, -rect.height() + line), self.title)
        if not self.bars:
            return
        top = rect.top() + line * 2.5
        bottom = rect.bottom() - line * 2.4
        peak = max(value for _, value, _ in self.bars) or 1
        slot = rect.width() / len(self.bars)
        for index, (label, value, colour) in enumerate(self.bars):
            height = (bottom - top) * value / peak
            x = rect.left() + slot * index + slot * 0.15
            bar = QRectF(x, bottom - height, slot * 0.7, height)
            painter.fillRect(bar, colour)
            painter.setPen(QColor("#333"))
            painter.drawRect(bar)
            painter.drawText(
                QRectF(x - slot * 0.1, bottom - height - line * 1.2, slot * 0.9, line),
                Qt.AlignmentFlag.AlignHCenter,
                f"{value:,}".replace(",", "."),
            )
            painter.drawText(
                QRectF(rect.left() + slot * index, bottom + 4, slot, line * 2.3),
                Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                label,
            )
