"""CD-TEXT preview: exactly the disc and track text that will be written, and what changed."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from cdcollector.burning import cdtext
from cdcollector.burning.cdtext import CdTextPreview
from cdcollector.services.burner import disc_performer


def preview_for_plan(plan) -> CdTextPreview:
    """The same reduction the burn applies (disc title = plan name, one artist or Various)."""
    return cdtext.preview(plan.name, disc_performer(plan.tracks),
                          [(t.title, t.performer) for t in plan.tracks])


class CdTextPreviewBox(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlaceholderText("The disc and track titles appear here.")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.notes)
        self.preview: CdTextPreview | None = None

    def show_plan(self, plan, writes_cdtext: bool = True, backend_note: str = "") -> None:
        if plan is None or not plan.tracks:
            self.clear()
            return
        self.preview = preview_for_plan(plan)
        self.text.setPlainText("\n".join(self.preview.lines()))
        notes = list(self.preview.notes)
        if not writes_cdtext:
            notes.insert(0, backend_note or "This burner writes no CD-TEXT: players will not "
                                            "show these titles.")
        self.text.setEnabled(writes_cdtext)
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))

    def clear(self) -> None:
        self.preview = None
        self.text.clear()
        self.notes.clear()
        self.notes.hide()

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()
