"""The playlist header: name, tracks and length, whether it fits a CD, "Burn…", read-only notice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cdcollector.domain.types import PlaylistInfo
from cdcollector.services.playlist_types import CdFit
from cdcollector.ui import tokens
from cdcollector.ui.models.playlist_list import read_only_text


def _tracks(n: int) -> str:
    return "1 track" if n == 1 else f"{n} tracks"


def cd_time(seconds: float) -> str:
    """Minutes and seconds as on a CD ("76:40", never "1:16:40")."""
    total = round(seconds)
    return f"{total // 60}:{total % 60:02}"


def fit_text(fit: CdFit) -> str:
    """"12 tracks · 48:31 · Fits a 74-minute CD (50:05 with gaps)" and the other cases."""
    if fit.track_count == 0:
        return "No tracks yet: drag songs here from Discovery or Favourites."
    parts = [_tracks(fit.track_count), cd_time(fit.duration_s)]
    disc = cd_time(fit.disc_seconds)
    if fit.too_many_tracks:
        parts.append("Too many tracks for one CD (at most 99)")
    elif fit.fits_74:
        parts.append(f"Fits a 74-minute CD ({disc} with 2-second gaps)")
    elif fit.fits_80:
        parts.append(f"Needs an 80-minute CD ({disc} with 2-second gaps)")
    else:
        parts.append(f"Too long for an 80-minute CD ({disc} with 2-second gaps)")
    if fit.unknown_durations:
        parts.append(f"{_tracks(fit.unknown_durations)} of unknown length")
    return " · ".join(parts)


class PlaylistHeader(QFrame):
    """`burn_requested` and `duplicate_requested` carry nothing: the pane knows the playlist."""

    burn_requested = Signal()
    duplicate_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("playlistHeader")
        self.title = QLabel()
        self.title.setFont(tokens.headline_font())
        self.title.setWordWrap(True)
        self.fit_label = QLabel()
        self.fit_label.setWordWrap(True)
        self.read_only_icon = QLabel()
        self.read_only_label = QLabel()
        self.read_only_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.duplicate_button = QPushButton("Duplicate as my playlist")
        self.duplicate_button.clicked.connect(self.duplicate_requested)
        self.burn_button = QPushButton("Burn…")
        self.burn_button.setIconSize(tokens.TOOLBAR_ICON)
        self.burn_button.setDefault(True)
        self.burn_button.setToolTip("Open this playlist in the Burner")
        self.burn_button.clicked.connect(self.burn_requested)

        read_only_row = QHBoxLayout()
        read_only_row.setSpacing(tokens.SPACING // 2)
        read_only_row.addWidget(self.read_only_icon)
        read_only_row.addWidget(self.read_only_label)
        read_only_row.addSpacing(tokens.SPACING)
        read_only_row.addWidget(self.duplicate_button)
        read_only_row.addStretch(1)
        self.read_only_row = QWidget()
        self.read_only_row.setLayout(read_only_row)
        read_only_row.setContentsMargins(0, 0, 0, 0)

        text = QVBoxLayout()
        text.setSpacing(tokens.SPACING // 2)
        text.addWidget(self.title)
        text.addWidget(self.fit_label)
        text.addWidget(self.read_only_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(tokens.MARGIN, tokens.MARGIN, tokens.MARGIN, tokens.MARGIN)
        layout.addLayout(text, 1)
        layout.addWidget(self.burn_button, 0, Qt.AlignmentFlag.AlignTop)
        self.apply_colours()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply_colours)
        self.set_playlist(None, None)

    def apply_colours(self) -> None:
        """Colours and icons for the current light/dark scheme."""
        c = tokens.colours()
        self.setStyleSheet(f"#playlistHeader {{ background: {c.header_background}; "
                           f"border-bottom: 1px solid {c.border}; }}")
        self.read_only_icon.setPixmap(tokens.icon("read-only").pixmap(tokens.ROW_ICON))
        self.duplicate_button.setIcon(tokens.icon("duplicate"))
        self.burn_button.setIcon(tokens.icon("burn"))

    def set_playlist(self, info: PlaylistInfo | None, fit: CdFit | None) -> None:
        self.title.setText(info.name if info else "")
        self.fit_label.setText(fit_text(fit) if fit else "")
        read_only = bool(info and info.read_only)
        self.read_only_row.setVisible(read_only)
        self.read_only_label.setText(read_only_text(info) if read_only else "")
        self.burn_button.setEnabled(bool(fit and fit.track_count))
