"""The capacity meter and the track table follow the playlist; every model passes qtmodeltester."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cdcollector.burning import redbook
from cdcollector.burning.layout import GapPolicy, LayoutTrack
from cdcollector.burning.planner import plan_discs
from cdcollector.ui.models.burn_tracks import BurnRow, BurnTrackModel
from cdcollector.ui.models.disc_plan import DiscPlanModel
from cdcollector.ui.widgets.capacity_meter import CapacityMeter
from tests.burner_ui.conftest import add_tracks, choose, settle


def test_meter_text_marks_and_overflow(qtbot):
    meter = CapacityMeter()
    qtbot.addWidget(meter)
    used = (71 * 60 + 23) * 75
    meter.set_values(used, redbook.media_sectors(80))
    assert meter.text() == "71:23 of 80:00"
    assert meter.detail_text() == "8:37 free" and meter.overflow_sectors == 0
    assert [label for _s, label in meter.marks()] == ["74 min", "80 min"]
    assert 0 < meter.position(redbook.media_sectors(74)) < meter.position(
        redbook.media_sectors(80)) < 1
    meter.set_values(redbook.media_sectors(80) + 150, redbook.media_sectors(80))
    assert meter.overflow_sectors == 150 and meter.detail_text() == "0:02 too long"
    assert meter.position(meter.capacity_sectors) < meter.position(meter.used_sectors) < 1
    meter.set_values(redbook.media_sectors(90), redbook.media_sectors(74))
    assert meter.position(meter.used_sectors) == 1.0  # the bar grows to hold the overflow
    assert meter.text() == "90:00 of 74:00" and meter.detail_text() == "16:00 too long"
    meter.show()
    assert not meter.grab().isNull()  # paints without error, overflow included


def test_meter_follows_tracks_added_and_removed(qtbot, services, pane, playlist, tmp_path):
    choose(qtbot, pane, playlist, "image")
    first = pane.meter.used_sectors
    assert pane.tracks.rowCount() == 3 and first > 0
    assert pane.meter.used_sectors == pane.plan.fit.used_sectors

    [long_id] = add_tracks(services.ctx, tmp_path / "more",
                           [("Long Song", "Band", "", 600.0, None)], with_files=False)
    added = services.playlists.add_tracks(playlist, [long_id], on_duplicate="add")
    qtbot.waitUntil(lambda: pane.tracks.rowCount() == 4)
    gap = redbook.DEFAULT_GAP_SECTORS  # "Last One" has no album: the default gap
    assert pane.meter.used_sectors == first + gap + 600 * 75
    assert pane.tracks.data(pane.tracks.index(3, 1)) == "Long Song"
    assert pane.tracks.data(pane.tracks.index(3, 3)) == "10:00"

    services.playlists.remove_entries(playlist, added.entry_ids)
    qtbot.waitUntil(lambda: pane.tracks.rowCount() == 3)
    assert pane.meter.used_sectors == first

    # a longer gap grows the disc by exactly the extra silence
    pane.options.gap.setValue(5.0)
    qtbot.waitUntil(lambda: pane.meter.used_sectors == first + 3 * 75)


def test_track_rows_show_gaps_missing_files_and_overflow(qtbot, services, pane, playlist,
                                                         tmp_path):
    [missing] = add_tracks(services.ctx, tmp_path, [("Ghost", "Nobody", "", 300.0, None)],
                           with_files=False)
    services.playlists.add_tracks(playlist, [missing], on_duplicate="add")
    choose(qtbot, pane, playlist, "image")
    model = pane.tracks
    gaps = [model.data(model.index(r, 4)) for r in range(model.rowCount())]
    assert gaps == ["2 s (lead-in)", "none", "2 s", "2 s"]  # Debut is gapless
    assert model.data(model.index(3, 1), Qt.ItemDataRole.DecorationRole) is not None
    assert "download" in model.data(model.index(3, 1), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DecorationRole) is None


def test_burn_track_model_passes_qtmodeltester(qtmodeltester):
    model = BurnTrackModel()
    rows = [BurnRow(1, "Première", "Björk", 340, 150, 340, False),
            BurnRow(2, "", "", 200, 0, 640, True),
            BurnRow(3, "Over", "X", 400_000, 150, 401_190, False)]
    model.set_rows(rows, redbook.media_sectors(80))
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(1, 1)) == "Untitled"
    assert model.data(model.index(2, 1), Qt.ItemDataRole.ForegroundRole) is not None
    model.clear()
    qtmodeltester.check(model, force_py=True)


def test_disc_plan_model_passes_qtmodeltester(qtmodeltester):
    tracks = [LayoutTrack(f"Song {n}", "Band", f"Album {n // 4}", 20 * 60) for n in range(9)]
    plan = plan_discs(tracks, redbook.media_sectors(80), GapPolicy())
    model = DiscPlanModel(plan.discs)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(plan.discs) == 3
    assert model.data(model.index(0, 0)) == "Disc 1"
    assert model.data(model.index(1, 3)) == "5–8"  # album 1 (songs 4–7) kept together
    assert model.data(model.index(1, 4)) == "Song 4 … Song 7"


def test_playlist_choice_model_passes_qtmodeltester(qtmodeltester, services, playlist):
    from cdcollector.ui.models.playlist_choices import ID_ROLE, PlaylistChoiceModel

    services.playlists.create("Empty one")
    model = PlaylistChoiceModel()
    model.set_playlists(services.playlists.list())
    qtmodeltester.check(model, force_py=True)
    texts = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "Sunday Drive — 3 tracks, 0:14" in texts and "Empty one — 0 tracks, 0:00" in texts
    assert model.data(model.index(model.row_of(playlist), 0), ID_ROLE) == playlist
    assert model.row_of(9999) == -1


def test_burn_button_says_what_it_will_do(qtbot, fake_burners, make_pane, playlist):
    pane = make_pane()
    choose(qtbot, pane, playlist, "cdrecord")
    assert pane.burn_button.text() == "Burn CD"
    pane.options.simulate.setChecked(True)
    assert pane.burn_button.text() == "Simulate burn"
    pane.options.choose_backend("image")
    settle(qtbot, pane)
    assert pane.burn_button.text() == "Create disc image…"
    assert not pane.options.simulate.isEnabled() and not pane.drive_picker.combo.isVisible()
