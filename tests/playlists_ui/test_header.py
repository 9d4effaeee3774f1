"""The playlist header's CD-fit line, from the service's fit summary."""

from __future__ import annotations

import pytest

from cdcollector.services.playlist_types import CdFit
from cdcollector.ui.panes.playlists import PlaylistsPane
from cdcollector.ui.widgets.playlist_header import fit_text
from tests.playlists.conftest import add_tracks


def fit(count=12, duration=2911.0, unknown=0, sectors=225_000, f74=True, f80=True,
        too_many=False) -> CdFit:
    return CdFit(count, duration, unknown, sectors, f74, f80, too_many)


@pytest.mark.parametrize("value, text", [
    (fit(), "12 tracks · 48:31 · Fits a 74-minute CD (50:00 with 2-second gaps)"),
    (fit(1, 200.0, sectors=15_150),
     "1 track · 3:20 · Fits a 74-minute CD (3:22 with 2-second gaps)"),
    (fit(f74=False, sectors=345_000), "12 tracks · 48:31 · Needs an 80-minute CD "
                                      "(76:40 with 2-second gaps)"),
    (fit(f74=False, f80=False, sectors=375_000), "12 tracks · 48:31 · Too long for an 80-minute "
                                                 "CD (83:20 with 2-second gaps)"),
    (fit(100, f74=False, f80=False, too_many=True), "100 tracks · 48:31 · Too many tracks for "
                                                    "one CD (at most 99)"),
    (fit(unknown=2), "12 tracks · 48:31 · Fits a 74-minute CD (50:00 with 2-second gaps) · "
                     "2 tracks of unknown length"),
    (fit(0, 0.0, sectors=0), "No tracks yet: drag songs here from Discovery or Favourites."),
])
def test_fit_text(value, text):
    assert fit_text(value) == text


def test_the_header_follows_the_playlist_as_it_grows(qtbot, services, bus_ctx):
    info = services.playlists.create("Long drive")
    pane = PlaylistsPane(services)
    qtbot.addWidget(pane)
    header = pane.editor.header
    assert not header.burn_button.isEnabled()  # nothing to burn yet
    # 19 tracks of 3:50 = 72:50; with 18 gaps of 2 s and the 2 s lead-in: 73:28 → a 74-min CD
    ids = add_tracks(bus_ctx, [{"title": f"T{i}", "duration_s": 230.0} for i in range(21)])
    services.playlists.add_tracks(info.id, ids[:19])
    assert header.fit_label.text() == ("19 tracks · 72:50 · Fits a 74-minute CD "
                                       "(73:28 with 2-second gaps)")
    assert header.burn_button.isEnabled()
    services.playlists.add_tracks(info.id, ids[19:])  # 21 × 3:50 = 80:30: past 80 minutes
    assert header.fit_label.text().startswith("21 tracks · 80:30 · Too long for an 80-minute")
    pane.undo()
    assert header.fit_label.text().startswith("19 tracks · 72:50 · Fits a 74-minute CD")
