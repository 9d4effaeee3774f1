"""Needs review: the user picks one of the offered recordings, or pastes a link to the right one."""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from cdcollector.commands.common import format_duration
from cdcollector.services.download_views import DownloadJobView
from cdcollector.ui import tokens
from cdcollector.ui.dialogs.table_dialog import row_table, stack
from cdcollector.ui.models.review_candidates import (
    TITLE,
    WHY,
    ReviewCandidateModel,
    explanation,
)

_LINK = re.compile(r"^https?://\S+$", re.IGNORECASE)
_VIDEO_ID = re.compile(r"^[\w-]{11}$")


def pasted_choice(text: str) -> str | None:
    """A pasted link (or bare YouTube video id) as the engine accepts it; None if it is neither."""
    text = text.strip()
    return text if _LINK.match(text) or _VIDEO_ID.match(text) else None


class ReviewDialog(QDialog):
    """`chosen(job_id, video id or URL)` fires when the user confirms a choice."""

    chosen = Signal(int, str)

    def __init__(self, job: DownloadJobView, parent: QWidget | None = None):
        super().__init__(parent)
        self.job = job
        self.choice: str | None = None
        self.setWindowTitle("Choose the recording")
        self.setMinimumWidth(720)

        headline = QLabel(f"Which recording is “{job.title}” by {job.artist}?")
        headline.setFont(tokens.headline_font())
        headline.setWordWrap(True)
        details = [job.album] if job.album else []
        if job.expected_duration_s is not None:
            details.append(f"expected length {format_duration(job.expected_duration_s)}")
        details.append("none of these was a sure match")
        text = ", ".join(details)
        sentence = QLabel(text[0].upper() + text[1:] + ".")
        sentence.setWordWrap(True)
        sentence.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.model = ReviewCandidateModel(job.candidates, job.expected_duration_s, self)
        self.table = row_table(self.model, stretch=TITLE)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(WHY, QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.table.setVisible(self.model.rowCount() > 0)
        self.table.setColumnHidden(WHY, not any(explanation(c) for c in job.candidates))
        # The selected recording's score, part by part: what made the matcher unsure.
        self.why_label = QLabel()
        self.why_label.setWordWrap(True)
        self.why_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("Or paste a link: https://music.youtube.com/watch?v=…")
        self.link_edit.setClearButtonEnabled(True)
        self.link_edit.textChanged.connect(self._update)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {tokens.colours().error_text};")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = self.buttons.addButton("Use this recording",
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button = QPushButton("Listen in browser")
        self.preview_button.setToolTip("Open the selected recording to hear it first")
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self.preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        none_offered = [] if job.candidates else [
            QLabel("No recording was offered; paste a link to the right one.")]
        stack(self, headline, sentence, *none_offered, self.table, self.why_label,
              self.link_edit, self.error_label, self.buttons, grow=self.table)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update()

    def selected_url(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.candidate_at(rows[0].row()).url if rows else None

    def current_choice(self) -> str | None:
        """The pasted link when there is text in the field, else the selected candidate."""
        text = self.link_edit.text().strip()
        if text:
            return pasted_choice(text)
        rows = self.table.selectionModel().selectedRows()
        return self.model.candidate_at(rows[0].row()).video_id if rows else None

    def _update(self) -> None:
        text = self.link_edit.text().strip()
        bad_link = bool(text) and pasted_choice(text) is None
        self.error_label.setText("Paste a web link (starting with https://) to the recording."
                                 if bad_link else "")
        self.error_label.setVisible(bad_link)
        self.use_button.setEnabled(self.current_choice() is not None)
        self.preview_button.setEnabled(self.selected_url() is not None and not text)
        rows = self.table.selectionModel().selectedRows()
        chosen = self.model.candidate_at(rows[0].row()) if rows else None
        why = explanation(chosen, ", ") if chosen else ""
        self.why_label.setText(f"Why it scored {chosen.score:.0f}: {why}." if why else "")
        self.why_label.setVisible(bool(why))

    def preview(self) -> None:
        url = self.selected_url()
        if url:
            QDesktopServices.openUrl(QUrl(url))

    def accept(self) -> None:
        choice = self.current_choice()
        if choice is None:
            self._update()
            return
        self.choice = choice
        self.chosen.emit(self.job.id, choice)
        super().accept()
