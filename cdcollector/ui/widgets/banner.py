"""Dismissable, non-modal message bars above the panes: the shared bar and the error banner."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from cdcollector.ui import tokens

AUTO_HIDE_MS = 15_000


class DismissableBar(QFrame):
    """One line of text with an icon and a close button; hides itself `hide_ms` after it shows.

    Subclasses give the colours in `_stylesheet`, addressing the frame by its object name.
    """

    def __init__(self, name: str, icon: str, hide_ms: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.icon = QLabel()
        self.icon.setPixmap(tokens.icon(icon).pixmap(tokens.TOOLBAR_ICON))
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
        self._timer = QTimer(self, singleShot=True, interval=hide_ms)
        self._timer.timeout.connect(self.hide)
        self.apply_colours()
        self.hide()

    def apply_colours(self) -> None:
        self.setStyleSheet(self._stylesheet(tokens.colours()))

    def _stylesheet(self, c) -> str:
        raise NotImplementedError

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()
        self._timer.start()

    def text(self) -> str:
        return self.label.text()


class MessageBanner(DismissableBar):
    """Errors and warnings, on the error colours."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("messageBanner", "warning", AUTO_HIDE_MS, parent)

    def _stylesheet(self, c) -> str:
        return (f"#messageBanner {{ background: {c.error_background}; border-bottom: 1px solid "
                f"{c.border}; }} #messageBanner QLabel {{ color: {c.error_text}; }}")

    def show_message(self, text: str) -> None:
        self.show_text(text)
