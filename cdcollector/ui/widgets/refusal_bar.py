"""Why a burn cannot start, in one sentence, with buttons for the ways forward."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from cdcollector.ui import tokens


class RefusalBar(QFrame):
    """`show_refusal(message, [(button text, callback), …])`; `hide_refusal()` clears it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("refusalBar")
        self.icon = QLabel()
        self.icon.setPixmap(tokens.icon("warning").pixmap(tokens.TOOLBAR_ICON))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(tokens.MARGIN, tokens.SPACING, tokens.MARGIN,
                                        tokens.SPACING)
        self._layout.addWidget(self.icon)
        self._layout.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        self.kind = ""
        self.apply_colours()
        self.hide()

    def apply_colours(self) -> None:
        c = tokens.colours()
        self.setStyleSheet(
            f"#refusalBar {{ background: {c.error_background}; border: 1px solid {c.border}; "
            f"border-radius: 4px; }} #refusalBar QLabel {{ color: {c.error_text}; }}")

    def show_refusal(self, message: str, actions: list[tuple[str, Callable[[], None]]] = (),
                     kind: str = "") -> None:
        self.hide_refusal()
        self.kind = kind
        self.label.setText(message)
        for text, callback in actions:
            button = QPushButton(text)
            button.clicked.connect(callback)
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.show()

    def hide_refusal(self) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self.kind = ""
        self.label.clear()
        self.hide()

    def button(self, text: str) -> QPushButton | None:
        return next((b for b in self.buttons if b.text() == text), None)

    def text(self) -> str:
        return self.label.text()
