"""A capacity meter for one audio CD: used part, 74- and 80-minute marks, overflow in red."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cdcollector.burning import redbook
from cdcollector.ui import tokens

MARK_MINUTES = (74, 80)
# the bar reaches past 80 minutes, so the 80-minute mark never sits at its edge
MIN_SCALE_SECTORS = 84 * 60 * redbook.SECTORS_PER_SECOND
BAR_HEIGHT = 18
LABEL_GAP = 4


class CapacityMeter(QWidget):
    """Shows `used_sectors` against `capacity_sectors`; the values are what tests look at."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.used_sectors = 0
        self.capacity_sectors = redbook.media_sectors(80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(240)

    # --- values ---------------------------------------------------------------------------

    def set_values(self, used_sectors: int, capacity_sectors: int) -> None:
        self.used_sectors = max(0, int(used_sectors))
        self.capacity_sectors = max(1, int(capacity_sectors))
        self.setToolTip(self.detail_text())
        self.setAccessibleDescription(f"{self.text()}. {self.detail_text()}")
        self.update()

    @property
    def overflow_sectors(self) -> int:
        return max(0, self.used_sectors - self.capacity_sectors)

    @property
    def scale_sectors(self) -> int:
        return max(self.used_sectors, self.capacity_sectors, MIN_SCALE_SECTORS)

    def text(self) -> str:
        """'71:23 of 80:00'."""
        return (f"{redbook.format_duration(self.used_sectors)} of "
                f"{redbook.format_duration(self.capacity_sectors)}")

    def detail_text(self) -> str:
        if self.overflow_sectors:
            return f"{redbook.format_duration(self.overflow_sectors)} too long"
        return f"{redbook.format_duration(self.capacity_sectors - self.used_sectors)} free"

    def marks(self) -> tuple[tuple[int, str], ...]:
        return tuple((redbook.media_sectors(m), f"{m} min") for m in MARK_MINUTES)

    def position(self, sectors: int) -> float:
        """Where `sectors` sits along the bar, 0–1."""
        return min(1.0, sectors / self.scale_sectors)

    # --- painting -------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(480, line * 2 + BAR_HEIGHT + LABEL_GAP * 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        c = tokens.colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = self.fontMetrics().height()
        width = self.width() - 1
        top_text = QRectF(0, 0, width, line)
        bar = QRectF(0.5, line + LABEL_GAP, width - 1, BAR_HEIGHT)

        painter.setPen(QColor(c.text))
        painter.drawText(top_text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.text())
        painter.setPen(QColor(c.error_text if self.overflow_sectors else c.muted_text))
        painter.drawText(top_text, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         self.detail_text())

        painter.setPen(QPen(QColor(c.border), 1))
        painter.setBrush(QColor(c.alternate_base))
        painter.drawRoundedRect(bar, 4, 4)
        fitting = min(self.used_sectors, self.capacity_sectors)
        if fitting:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.accent))
            painter.drawRoundedRect(self._span(bar, 0, fitting), 4, 4)
        if self.overflow_sectors:
            painter.setBrush(QColor(c.error_text))
            painter.drawRect(self._span(bar, self.capacity_sectors, self.used_sectors))

        painter.setPen(QPen(QColor(c.text), 1, Qt.PenStyle.DashLine))
        small = tokens.small_font()
        painter.setFont(small)
        for sectors, label in self.marks():
            x = bar.left() + bar.width() * self.position(sectors)
            painter.drawLine(QLineF(x, bar.top() - 2, x, bar.bottom() + 2))
            label_rect = QRectF(x - 40, bar.bottom() + LABEL_GAP, 80, line)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter, label)
        painter.end()

    def _span(self, bar: QRectF, start: int, stop: int) -> QRectF:
        left = bar.left() + bar.width() * self.position(start)
        right = bar.left() + bar.width() * self.position(stop)
        return QRectF(left, bar.top(), max(1.0, right - left), bar.height())
