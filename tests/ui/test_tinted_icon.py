"""Icons are drawn from their SVG when first painted, at the size asked for, tinted per mode."""

from __future__ import annotations

import gc

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap

from cdcollector.ui import tokens
from cdcollector.ui.tinted_icon import TintedSvgIconEngine

SQUARE = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
          '<rect width="10" height="10" fill="currentColor"/></svg>')
FULL_COLOUR = SQUARE.replace("currentColor", "#ff0000")


def engine_and_icon(svg: str = SQUARE) -> tuple[TintedSvgIconEngine, QIcon]:
    engine = TintedSvgIconEngine(svg, "#102030", "#ffffff", "#999999")
    return engine, QIcon(engine)


def centre(pixmap: QPixmap) -> QColor:
    image = pixmap.toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def test_nothing_is_drawn_until_a_size_is_asked_for(qapp):
    engine, icon = engine_and_icon()
    assert engine._pixmaps == {}
    assert icon.pixmap(QSize(20, 20)).size() == QSize(20, 20)
    assert list(engine._pixmaps) == [(20, "#102030")]


def test_each_mode_has_its_tint(qapp):
    _engine, icon = engine_and_icon()
    assert centre(icon.pixmap(QSize(16, 16))).name() == "#102030"
    assert centre(icon.pixmap(QSize(16, 16), QIcon.Mode.Selected)).name() == "#ffffff"
    assert centre(icon.pixmap(QSize(16, 16), QIcon.Mode.Disabled)).name() == "#999999"


def test_a_full_colour_icon_keeps_its_colours_and_fades_when_disabled(qapp):
    _engine, icon = engine_and_icon(FULL_COLOUR)
    normal = centre(icon.pixmap(QSize(16, 16)))
    disabled = centre(icon.pixmap(QSize(16, 16), QIcon.Mode.Disabled))
    assert normal.name() == "#ff0000" and normal.alpha() == 255
    assert disabled.alpha() < 128


def test_high_dpi_screens_get_device_pixels(qapp):
    _engine, icon = engine_and_icon()
    pixmap = icon.pixmap(QSize(20, 20), 2.0)
    assert pixmap.size() == QSize(40, 40)
    assert pixmap.devicePixelRatio() == 2.0


def test_icons_paint_into_a_widget_sized_rectangle(qapp):
    _engine, icon = engine_and_icon()
    image = QImage(30, 30, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    icon.paint(painter, 5, 5, 20, 20)
    painter.end()
    assert image.pixelColor(15, 15).name() == "#102030"
    assert image.pixelColor(1, 1).alpha() == 0


def test_a_changed_copy_leaves_the_original_alone(qapp):
    """Changing a shared icon makes Qt clone its engine; both must go on drawing."""
    _engine, icon = engine_and_icon()
    copy = QIcon(icon)
    copy.addPixmap(QPixmap(8, 8))
    gc.collect()
    assert centre(copy.pixmap(QSize(24, 24))).name() == "#102030"
    assert centre(icon.pixmap(QSize(24, 24))).name() == "#102030"


def test_app_icons_follow_the_token_colours(qapp):
    icon = tokens.icon("search")
    pixels = icon.pixmap(QSize(48, 48)).toImage()
    opaque = {pixels.pixelColor(x, y).name() for x in range(48) for y in range(48)
              if pixels.pixelColor(x, y).alpha() == 255}
    assert tokens.colours().icon in opaque
