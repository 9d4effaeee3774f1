"""Jewel-case insert as PDF (QPdfWriter): a 12 × 12 cm front and a 15 × 11.8 cm back tray card."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageSize, QPainter, QPdfWriter, QPen

from cdcollector import APP_NAME
from cdcollector.burning import redbook
from cdcollector.domain.errors import CollectorError

FRONT_MM = (120.0, 120.0)
BACK_MM = (150.0, 118.0)
SPINE_MM = 6.5
MARGIN_MM = 8.0
RESOLUTION = 300
UNITS_PER_MM = 10  # the painter draws in tenths of a millimetre
LINE_SPACING = 1.35
TRACK_FONT_MM = (3.2, 1.8)  # largest and smallest tracklist text


class InsertError(CollectorError):
    """The insert PDF could not be written."""


@dataclass(frozen=True)
class InsertTrack:
    title: str
    performer: str = ""
    duration_s: float | None = None


@dataclass(frozen=True)
class InsertContent:
    title: str
    artist: str
    tracks: tuple[InsertTrack, ...]

    @property
    def total_s(self) -> float:
        return sum(t.duration_s or 0.0 for t in self.tracks)


def content_from_plan(plan, artist: str) -> InsertContent:
    """A BurnPlan's tracks with their exact disc lengths."""
    tracks = tuple(
        InsertTrack(e.track.title, e.track.performer,
                    e.audio_sectors / redbook.SECTORS_PER_SECOND)
        for e in plan.layout.entries)
    return InsertContent(plan.name, artist, tracks)


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = int(seconds)  # whole seconds, rounded down, as the Burner pane shows them
    return f"{total // 60}:{total % 60:02d}"


def _font(mm: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(mm * UNITS_PER_MM)))
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    return font


def _rect(x_mm: float, y_mm: float, w_mm: float, h_mm: float) -> QRectF:
    u = UNITS_PER_MM
    return QRectF(x_mm * u, y_mm * u, w_mm * u, h_mm * u)


class _InsertPainter:
    def __init__(self, writer: QPdfWriter, content: InsertContent):
        self.writer = writer
        self.content = content
        self.painter = QPainter()

    def begin(self) -> None:
        if not self.painter.begin(self.writer):
            raise InsertError("Could not write the PDF file.")
        self._scale()

    def _scale(self) -> None:
        self.painter.resetTransform()
        factor = self.writer.resolution() / 25.4 / UNITS_PER_MM
        self.painter.scale(factor, factor)

    def new_page(self, size_mm: tuple[float, float]) -> None:
        self.writer.setPageSize(_page_size(size_mm, "CD back tray card"))
        self.writer.newPage()
        self._scale()

    def cut_frame(self, size_mm: tuple[float, float]) -> None:
        self.painter.setPen(QPen(QColor("#b0b0b0"), 2))
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self.painter.drawRect(_rect(0.2, 0.2, size_mm[0] - 0.4, size_mm[1] - 0.4))

    def text(self, rect: QRectF, text: str, font: QFont, flags, colour: str = "#111111") -> None:
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        self.painter.drawText(rect, flags, text)

    def heading(self, x: float, y: float, width: float, centred: bool) -> float:
        """Title and artist from y (mm); returns the y below them."""
        align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        wrap = align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        title_font = _font(6.0 if centred else 4.5, bold=True)
        metrics = QFontMetricsF(title_font)
        area = _rect(x, y, width, 40)
        used = metrics.boundingRect(area, int(wrap), self.content.title).height()
        self.text(area, self.content.title, title_font, wrap)
        y += used / UNITS_PER_MM + 1.5
        self.text(_rect(x, y, width, 8), self.content.artist, _font(4.0 if centred else 3.4),
                  align | Qt.AlignmentFlag.AlignTop, "#444444")
        y += (4.0 if centred else 3.4) * LINE_SPACING + 2
        self.painter.setPen(QPen(QColor("#888888"), 2))
        self.painter.drawLine(QPointF(x * UNITS_PER_MM, y * UNITS_PER_MM),
                              QPointF((x + width) * UNITS_PER_MM, y * UNITS_PER_MM))
        return y + 3

    def tracklist(self, area_mm: QRectF) -> None:
        tracks = self.content.tracks
        size, columns = fit_tracklist(len(tracks), area_mm.height())
        line = size * LINE_SPACING
        rows = max(1, math.floor(area_mm.height() / line))
        gutter = 4.0
        column_width = (area_mm.width() - gutter * (columns - 1)) / columns
        font = _font(size)
        metrics = QFontMetricsF(font)
        number_width = metrics.horizontalAdvance("99.") / UNITS_PER_MM + 1
        time_width = metrics.horizontalAdvance("00:00") / UNITS_PER_MM + 1
        for index, track in enumerate(tracks[: rows * columns]):
            column, row = divmod(index, rows)
            x = area_mm.left() + column * (column_width + gutter)
            y = area_mm.top() + row * line
            label = track.title or "Untitled"
            if track.performer and track.performer != self.content.artist:
                label = f"{label} — {track.performer}"
            title_width = column_width - number_width - time_width
            label = metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                       title_width * UNITS_PER_MM)
            middle = Qt.AlignmentFlag.AlignVCenter
            self.text(_rect(x, y, number_width - 1, line), f"{index + 1}.", font,
                      Qt.AlignmentFlag.AlignRight | middle, "#666666")
            self.text(_rect(x + number_width, y, title_width, line), label, font,
                      Qt.AlignmentFlag.AlignLeft | middle)
            self.text(_rect(x + column_width - time_width, y, time_width, line),
                      duration_text(track.duration_s), font,
                      Qt.AlignmentFlag.AlignRight | middle, "#444444")

    def footer(self, x: float, y: float, width: float) -> None:
        count = len(self.content.tracks)
        text = (f"{count} track{'s' if count != 1 else ''} · "
                f"{duration_text(self.content.total_s)}")
        self.text(_rect(x, y, width, 4), text, _font(2.6),
                  Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "#666666")

    def spine(self, x: float, height: float, upwards: bool) -> None:
        """Spine text along a folded edge strip of SPINE_MM, read bottom-to-top or top-down."""
        painter = self.painter
        painter.save()
        u = UNITS_PER_MM
        if upwards:
            painter.translate(x * u, height * u)
            painter.rotate(-90)
        else:
            painter.translate((x + SPINE_MM) * u, 0)
            painter.rotate(90)
        label = f"{self.content.artist} — {self.content.title}"
        font = _font(3.0, bold=True)
        metrics = QFontMetricsF(font)
        label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, (height - 8) * u)
        self.text(_rect(4, 0, height - 8, SPINE_MM), label, font,
                  Qt.AlignmentFlag.AlignCenter)
        painter.restore()

    def fold_lines(self, height: float) -> None:
        self.painter.setPen(QPen(QColor("#b0b0b0"), 2, Qt.PenStyle.DashLine))
        for x in (SPINE_MM, BACK_MM[0] - SPINE_MM):
            self.painter.drawLine(QPointF(x * UNITS_PER_MM, 0),
                                  QPointF(x * UNITS_PER_MM, height * UNITS_PER_MM))

    def end(self) -> None:
        self.painter.end()


def fit_tracklist(count: int, height_mm: float) -> tuple[float, int]:
    """The largest text size (mm) and the fewest columns (1–2) that hold `count` lines."""
    size = TRACK_FONT_MM[0]
    while size >= TRACK_FONT_MM[1]:
        rows = math.floor(height_mm / (size * LINE_SPACING))
        if rows >= count:
            return size, 1
        if rows * 2 >= count and size <= 2.6:
            return size, 2
        size = round(size - 0.1, 2)
    return TRACK_FONT_MM[1], 2


def _page_size(size_mm: tuple[float, float], name: str) -> QPageSize:
    return QPageSize(QSizeF(*size_mm), QPageSize.Unit.Millimeter, name,
                     QPageSize.SizeMatchPolicy.ExactMatch)


def write_insert_pdf(path: str | Path, content: InsertContent, back_tray: bool = True) -> Path:
    """Page 1: the 12 × 12 cm front/booklet; page 2 (optional): the back tray card."""
    target = Path(path)
    if not target.parent.is_dir():
        raise InsertError(f"The folder {target.parent} does not exist.")
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"{content.title} — CD insert")
    writer.setCreator(APP_NAME)
    writer.setPageSize(_page_size(FRONT_MM, "CD booklet"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    page = _InsertPainter(writer, content)
    page.begin()
    width = FRONT_MM[0] - 2 * MARGIN_MM
    page.cut_frame(FRONT_MM)
    top = page.heading(MARGIN_MM, MARGIN_MM, width, centred=True)
    bottom = FRONT_MM[1] - MARGIN_MM - 5
    page.tracklist(QRectF(MARGIN_MM, top, width, bottom - top))
    page.footer(MARGIN_MM, bottom + 1, width)
    if back_tray:
        page.new_page(BACK_MM)
        page.cut_frame(BACK_MM)
        page.fold_lines(BACK_MM[1])
        page.spine(0, BACK_MM[1], upwards=True)
        page.spine(BACK_MM[0] - SPINE_MM, BACK_MM[1], upwards=False)
        left = SPINE_MM + 6
        inner = BACK_MM[0] - 2 * left
        top = page.heading(left, 7, inner, centred=False)
        bottom = BACK_MM[1] - 7 - 5
        page.tracklist(QRectF(left, top, inner, bottom - top))
        page.footer(left, bottom + 1, inner)
    page.end()
    if not target.is_file() or target.stat().st_size == 0:
        raise InsertError(f"The PDF {target} could not be written.")
    return target
