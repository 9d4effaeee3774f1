"""An icon engine that draws an SVG at the size asked for, when it is first asked for.

Monochrome icons are drawn in one colour per mode (normal, selected, disabled). Nothing is
rendered until a widget paints the icon: building the window's frame then costs no SVG
rendering, and only the sizes actually shown are ever drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QRect, QSize
from PySide6.QtGui import QIcon, QIconEngine, QImage, QImageReader, QPainter, QPixmap

# Sizes reported to callers that list them (a window icon on X11, say); any size renders.
LISTED_SIZES = (16, 20, 24, 32, 48, 64, 96)
DISABLED_OPACITY = 0.4  # for full-colour icons, which have no disabled tint

# Qt takes ownership of a clone's C++ object, but Python would still free it when the last
# reference goes: clones (made only when a shared icon is modified) are kept here for good.
_clones: list[TintedSvgIconEngine] = []


class TintedSvgIconEngine(QIconEngine):
    """`svg` with `currentColor` replaced by the tint of the mode drawn; an SVG without
    `currentColor` is drawn as it is, and faded when disabled."""

    def __init__(self, svg: str, normal: str, selected: str, disabled: str):
        super().__init__()
        self._svg = svg
        self._colours = (normal, selected, disabled)  # as given, for clone()
        self._tints = {QIcon.Mode.Normal: normal, QIcon.Mode.Active: normal,
                       QIcon.Mode.Selected: selected, QIcon.Mode.Disabled: disabled}
        self._tinted = "currentColor" in svg
        self._pixmaps: dict[tuple[int, str], QPixmap] = {}

    def clone(self) -> QIconEngine:
        engine = TintedSvgIconEngine(self._svg, *self._colours)
        _clones.append(engine)
        return engine

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal,
                       state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        return [QSize(side, side) for side in LISTED_SIZES]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._pixmap(min(size.width(), size.height()), mode)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        pixmap = self._pixmap(round(min(size.width(), size.height()) * scale), mode)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def _pixmap(self, side: int, mode: QIcon.Mode) -> QPixmap:
        if side <= 0:
            return QPixmap()
        variant = self._variant(mode)
        cached = self._pixmaps.get((side, variant))
        if cached is None:
            cached = self._pixmaps[(side, variant)] = QPixmap.fromImage(
                self._render(side, variant))
        return QPixmap(cached)  # a copy: callers may set its device pixel ratio

    def _variant(self, mode: QIcon.Mode) -> str:
        """The tint this mode is drawn in; for a full-colour icon, "plain" or "faded"."""
        if self._tinted:
            return self._tints[mode]
        return "faded" if mode == QIcon.Mode.Disabled else "plain"

    def _render(self, side: int, variant: str) -> QImage:
        svg = self._svg.replace("currentColor", variant) if self._tinted else self._svg
        data = QByteArray(svg.encode("utf-8"))
        buffer = QBuffer(data)  # points at `data`: both stay referenced until read() is done
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(side, side))
        image = reader.read()
        if variant != "faded":
            return image
        faded = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
        faded.fill(0)
        painter = QPainter(faded)
        painter.setOpacity(DISABLED_OPACITY)
        painter.drawImage(0, 0, image)
        painter.end()
        return faded
