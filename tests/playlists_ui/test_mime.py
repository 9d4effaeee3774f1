"""The shared drag payload: round trips, and foreign or damaged data is ignored, never raised."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData

from cdcollector.ui import mime


def test_round_trips():
    assert mime.track_ids_from(mime.track_ids_mime([3, 1, 2])) == [3, 1, 2]
    both = mime.entries_mime(7, [10, 11], [3, 3])
    assert mime.entries_from(both) == (7, [10, 11])
    assert mime.track_ids_from(both) == [3, 3]  # entries also carry their tracks


def test_damaged_or_foreign_payloads_are_ignored():
    assert mime.track_ids_from(None) == []
    assert mime.track_ids_from(QMimeData()) == []
    for raw in (b"\xff\xfe", b"{", b'{"a": 1}', b'[1, "2", true, 3.5, 4]', b"null"):
        data = QMimeData()
        data.setData(mime.TRACK_IDS, QByteArray(raw))
        data.setData(mime.PLAYLIST_ENTRIES, QByteArray(raw))
        ids = mime.track_ids_from(data)
        assert ids in ([], [1, 4])
        assert mime.entries_from(data) is None
    data = QMimeData()
    data.setData(mime.PLAYLIST_ENTRIES, QByteArray(b'{"playlist": 2, "entries": "x"}'))
    assert mime.entries_from(data) == (2, [])
