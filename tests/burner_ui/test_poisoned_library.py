"""Issue 13: one absurd duration, whatever door it came through, never bricks the window."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import text

from cdcollector.ui.models.burn_tracks import LENGTH, UNKNOWN_LENGTH
from tests.burner_ui.conftest import add_tracks

NAME = "Poisoned"


def huge_wav(path: Path) -> Path:
    """A real WAV whose header claims 4 GB of audio at 1 byte a second (136 years to mutagen)."""
    fmt = struct.pack("<HHIIHH", 1, 1, 1, 1, 1, 8)
    body = (b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
            + b"data" + struct.pack("<I", 0xFFFFFFF0) + b"\x80" * 1000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def through_m3u(services, folder: Path) -> None:
    listing = folder / f"{NAME}.m3u"
    listing.write_text(f"#EXTM3U\n#EXTINF:{'9' * 400},Band - Forever\n/nowhere/forever.mp3\n",
                       encoding="utf-8")
    services.playlists.import_file(listing)


def through_cdcplaylist(services, folder: Path) -> None:
    travel = folder / f"{NAME}.cdcplaylist"
    travel.write_text(json.dumps({"format": "cdcplaylist", "version": 1, "name": NAME,
                                  "tracks": [{"title": "Huge", "duration_s": 1e308}]}),
                      encoding="utf-8")
    services.playlists.import_file(travel)


def through_tags(services, folder: Path) -> None:
    wav = huge_wav(folder / "music" / "huge.wav")
    services.importer.import_paths([str(wav)])
    track = services.library.search("huge")[0]
    created = services.playlists.create(NAME)
    services.playlists.add_tracks(created.id, [track.id])


def through_sql(literal: str):
    """A library poisoned by today's version: the value is already in the file."""
    def poison(services, folder: Path) -> None:
        track_id = add_tracks(services.ctx, folder, [("Forever", "Band", "", 60.0, "")],
                              with_files=False)[0]
        with services.ctx.db.session() as session:
            session.execute(text(f"UPDATE track SET duration_s = {literal} WHERE id = :i"),
                            {"i": track_id})
        created = services.playlists.create(NAME)
        services.playlists.add_tracks(created.id, [track_id])
    return poison


DOORS = {
    "m3u-400-digits": through_m3u,
    "cdcplaylist-1e308": through_cdcplaylist,
    "tags-136-years": through_tags,
    "sql-infinity": through_sql("9e999"),
    "sql-1e308": through_sql("1e308"),
    "sql-negative": through_sql("-42"),
    "sql-negative-infinity": through_sql("-9e999"),
}


@pytest.mark.parametrize("door", DOORS)
def test_the_window_opens_and_the_chooser_loads(qtbot, services, tmp_path, door):
    from cdcollector.ui.main_window import MainWindow

    DOORS[door](services, tmp_path)
    playlist = next(p for p in services.playlists.list() if p.name == NAME)

    window = MainWindow(services)  # the start that used to end in exit 139
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    pane = window.panes["burner"]
    chooser = pane.chooser
    qtbot.waitUntil(lambda: chooser.count() > 0)
    assert chooser.itemText(chooser.choices.row_of(playlist.id)) == f"{NAME} — 1 track, 0:00"

    window.show_pane("burner")
    pane.open_playlist(playlist.id)
    qtbot.waitUntil(lambda: pane.plan is not None and len(pane.plan.tracks) == 1)
    assert pane.tracks.data(pane.tracks.index(0, LENGTH)) == UNKNOWN_LENGTH
    assert services.playlists.entries(playlist.id)[0].track.duration_s is None
    window.grab()  # painting the meter and the tables hands Qt only checked numbers
    QThreadPool.globalInstance().waitForDone()


def test_the_chooser_offers_only_ids_qt_can_carry(qtmodeltester):
    from cdcollector.domain.types import PlaylistInfo
    from cdcollector.ui.models.playlist_choices import ID_ROLE, PlaylistChoiceModel

    model = PlaylistChoiceModel()
    model.set_playlists([PlaylistInfo(id=2**40, name="Damaged"),
                         PlaylistInfo(id=7, name="Fine", duration_s=float("inf"))])
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.data(model.index(0), ID_ROLE) == 7
    assert model.data(model.index(0)) == "Fine — 0 tracks, "
