"""Design tokens: the one place for colours (light and dark), spacing, fonts and icons."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette

from cdcollector.ui.tinted_icon import TintedSvgIconEngine

# --- colours --------------------------------------------------------------------------------


class Colours(NamedTuple):  # not a dataclass: that import would slow the start
    window: str
    base: str
    alternate_base: str
    text: str
    muted_text: str
    button: str
    accent: str
    accent_text: str
    sidebar: str
    border: str
    icon: str  # the colour monochrome icons are drawn in
    error_background: str
    error_text: str
    warning: str
    success: str
    header_background: str  # the playlist header band


LIGHT = Colours(
    window="#f4f5f8",
    base="#ffffff",
    alternate_base="#f0f2f6",
    text="#1d2130",
    muted_text="#667085",
    button="#eceef3",
    accent="#3b5bdb",
    accent_text="#ffffff",
    sidebar="#e9ecf3",
    border="#d0d5dd",
    icon="#3d4560",
    error_background="#fde8e8",
    error_text="#9b1c1c",
    warning="#f08c00",
    success="#2b8a3e",
    header_background="#e9ecf3",
)

DARK = Colours(
    window="#1e2029",
    base="#16171d",
    alternate_base="#1c1e26",
    text="#e6e8ef",
    muted_text="#9aa1b2",
    button="#2a2d38",
    accent="#748ffc",
    accent_text="#0d0f16",
    sidebar="#191b22",
    border="#383c4a",
    icon="#c7ccd9",
    error_background="#4a1d1f",
    error_text="#ffc9c9",
    warning="#ffa94d",
    success="#69db7c",
    header_background="#232631",
)


def is_dark() -> bool:
    """Whether the app's palette is dark: the platform's until the app sets its own, which
    then follows the system's colour scheme (app.py).

    Read from the palette, not from QStyleHints.colorScheme(): its Qt.ColorScheme result
    would build every enum of the Qt namespace before the window's first paint.
    """
    if QGuiApplication.instance() is None:
        return False
    palette = QGuiApplication.palette()
    return (palette.color(QPalette.ColorRole.Window).lightness()
            < palette.color(QPalette.ColorRole.WindowText).lightness())


def colours(dark: bool | None = None) -> Colours:
    """The colours for a dark or light scheme; by default, the one the app shows now."""
    return DARK if (is_dark() if dark is None else dark) else LIGHT


def palette(c: Colours) -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.base,
        QPalette.ColorRole.AlternateBase: c.alternate_base,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.button,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.Highlight: c.accent,
        QPalette.ColorRole.HighlightedText: c.accent_text,
        QPalette.ColorRole.ToolTipBase: c.base,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted_text,
        QPalette.ColorRole.Link: c.accent,
        QPalette.ColorRole.Mid: c.border,
    }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.muted_text))
    return pal


# --- spacing and sizes ----------------------------------------------------------------------

SPACING = 8
MARGIN = 12
SIDEBAR_WIDTH = 190
SIDEBAR_ICON = QSize(20, 20)
TOOLBAR_ICON = QSize(18, 18)
EMPTY_STATE_ICON = QSize(72, 72)
EMPTY_STATE_TEXT_WIDTH = 420
SEARCH_DEBOUNCE_MS = 150
PAGE_SIZE = 200
DEFAULT_WINDOW_SIZE = QSize(1100, 700)
ROW_ICON = QSize(16, 16)  # icons inside table cells (stars, missing file, read-only)
STAR_COLUMN_WIDTH = 30
NARROW_COLUMN_WIDTH = 40  # "#" and icon-only columns
PLAYLIST_LIST_WIDTH = 240


# --- fonts ----------------------------------------------------------------------------------


def headline_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.45)
    font.setWeight(QFont.Weight.DemiBold)
    return font


def small_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(font.pointSizeF() * 0.9)
    return font


# --- icons ----------------------------------------------------------------------------------

ICON_NAMES = (
    "app", "search", "playlist", "favourite-on", "favourite-off", "download", "burn",
    "folder", "missing-file", "read-only", "warning",
    # download states
    "downloading", "done", "failed", "needs-review",
    # editing actions
    "add", "remove", "delete", "duplicate", "undo", "redo", "import", "export",
    "move-up", "move-down", "find-duplicates",
)


def resources_dir() -> Path:
    """`resources/` beside the package in a checkout, or inside a frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent.parent / "resources"


def icon_path(name: str) -> Path:
    if name not in ICON_NAMES:
        raise KeyError(f"unknown icon {name!r}")
    return resources_dir() / "icons" / f"{name}.svg"


@cache
def _icon(name: str, tint: str, selected_tint: str, disabled_tint: str) -> QIcon:
    # Monochrome icons are drawn in `currentColor`, tinted here so they suit light and dark,
    # and in the highlighted-text colour for selected rows (the sidebar, say).
    source = icon_path(name).read_text(encoding="utf-8")
    return QIcon(TintedSvgIconEngine(source, tint, selected_tint, disabled_tint))


def icon(name: str) -> QIcon:
    c = colours()
    return _icon(name, c.icon, c.accent_text, c.muted_text)
