"""A dismissable, non-modal message banner shown above the panes (errors, warnings)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from cdcollector.ui import tokens

AUTO_HIDE_MS = 15_000


class MessageBanner(QFrame):
    """One line of text with an icon and a close button; hides itself after a while."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.icon = QLabel()
        self.icon.setPixmap(tokens.icon("warning").pixmap(tokens.TOOLBAR_ICON))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(tokens.MARGIN, tokens.SPACING // 2, tokens.SPACING,
                                  tokens.SPACING // 2)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self, singleShot=True, interval=AUTO_HIDE_MS)
        self._timer.timeout.connect(self.hide)
        self.apply_colours()
        self.hide()

    def apply_colours(self) -> None:
        c = tokens.colours()
        self.setStyleSheet(
            f"#messageBanner {{ background: {c.error_background}; border-bottom: 1px solid "
            f"{c.border}; }} #messageBanner QLabel {{ color: {c.error_text}; }}"
        )

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()
        self._timer.start()

    def text(self) -> str:
        return self.label.text()
