"""Help → About CD-Collector: name, version and what the program is for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cdcollector import APP_NAME, __version__
from cdcollector.ui import tokens


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        icon = QLabel()
        icon.setPixmap(tokens.icon("app").pixmap(tokens.EMPTY_STATE_ICON))
        self.title = QLabel(APP_NAME)
        self.title.setFont(tokens.headline_font())
        self.version_label = QLabel(f"Version {__version__}")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        blurb = QLabel(
            "Collect music, keep playlists and favourites, download what you lack, "
            "and burn it all to audio CDs that play anywhere."
        )
        blurb.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.version_label)
        text.addSpacing(tokens.SPACING)
        text.addWidget(blurb)
        text.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(tokens.MARGIN)
        row.addLayout(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
