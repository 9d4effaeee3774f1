"""The event bus: every view listens here, so a change made in one pane shows in all."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class EventBus(QObject):
    """Signals carry plain values or domain objects, never DB rows."""

    library_changed = Signal()  # tracks added/removed/updated in bulk (e.g. after an import)
    import_progress = Signal(int, int, str)  # done, total, current path
    import_finished = Signal(object)  # ImportSummary
    favourite_changed = Signal(str, int, bool)  # kind, item id, is favourite now
    playlists_changed = Signal()  # a playlist was created, renamed, deleted
    playlist_changed = Signal(int)  # entries of playlist id changed
    download_job_changed = Signal(int)  # job id (state or progress)
    downloads_changed = Signal()  # jobs added or removed
    burn_progress = Signal(str, float, str)  # phase, fraction 0–1, message
    sync_finished = Signal(int)  # sync source id
    open_playlist_for_burning = Signal(int)  # playlist id
    status_message = Signal(str)
    error = Signal(str)  # one-line user-facing message
    undo_changed = Signal()  # the playlist undo stack changed: re-read can_undo/undo_text
    open_file_requested = Signal(str)  # absolute path of a playlist file to open (double-click)
    burn_finished = Signal(int, str, str)  # burn_job id, result (ok|failed|cancelled), message
