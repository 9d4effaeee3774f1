"""How a track's file is shown in any list: missing from disk, or not downloaded yet."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from cdcollector.domain.types import TrackRow
from cdcollector.ui import tokens


def file_icon(track: TrackRow) -> QIcon | None:
    if track.file_missing:
        return tokens.icon("missing-file")
    if track.path is None:
        return tokens.icon("download")
    return None


def file_tooltip(track: TrackRow) -> str:
    if track.file_missing:
        return f"File missing: {track.path}"
    return track.path or "Not on disk yet: download it before burning"
