"""An empty state: icon, headline, one sentence on what to do first, and a primary button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cdcollector.ui import tokens


class EmptyState(QWidget):
    """Shown instead of an empty list; `activated` fires when its button is pressed."""

    activated = Signal()

    def __init__(self, icon_name: str, headline: str, sentence: str, button_text: str | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.icon_label = QLabel()
        self.icon_label.setPixmap(tokens.icon(icon_name).pixmap(tokens.EMPTY_STATE_ICON))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel(headline)
        self.headline.setFont(tokens.headline_font())
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        self.sentence = QLabel(sentence)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence.setWordWrap(True)
        self.sentence.setMaximumWidth(tokens.EMPTY_STATE_TEXT_WIDTH)
        self.sentence.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted
        self.button = QPushButton(button_text or "")
        self.button.setDefault(True)
        self.button.setVisible(bool(button_text))
        self.button.clicked.connect(self.activated)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.icon_label)
        layout.addSpacing(tokens.SPACING)
        layout.addWidget(self.headline)
        # A centred row with stretches (not an alignment flag) keeps the word-wrapped height right.
        sentence_row = QHBoxLayout()
        sentence_row.addStretch(1)
        sentence_row.addWidget(self.sentence, 100)
        sentence_row.addStretch(1)
        layout.addLayout(sentence_row)
        layout.addSpacing(tokens.SPACING * 2)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def set_text(self, headline: str, sentence: str) -> None:
        self.headline.setText(headline)
        self.sentence.setText(sentence)
