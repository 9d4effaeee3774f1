"""Playlists arrive by "Burn…", a double-clicked file or a macOS open event; the insert PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from cdcollector.burning.backends.imapi2 import NO_CDTEXT_NOTE
from cdcollector.services.burner import BackendInfo
from cdcollector.ui.print_insert import InsertContent, InsertTrack, write_insert_pdf
from tests.burner_ui.conftest import choose, make_audio, settle


@pytest.fixture
def window(qtbot, services):
    from cdcollector.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def m3u(tmp_path):
    folder = tmp_path / "files"
    make_audio(folder / "one.mp3", 4.2, 440, title="Song One", artist="Band")
    make_audio(folder / "two.flac", 4.4, 550, title="Song Two", artist="Band")
    path = folder / "Car Mix.m3u8"
    path.write_text("#EXTM3U\n#EXTINF:4,Band - Song One\none.mp3\n"
                    "#EXTINF:4,Band - Song Two\ntwo.flac\n", encoding="utf-8")
    return path


def burner_pane(window):
    return window.panes["burner"]


def test_a_double_clicked_m3u_opens_in_the_burner_pane(qtbot, window, m3u):
    window.show_pane("discovery")
    window.receive_files([str(m3u)])  # what a second `cdcollector open FILE` forwards
    pane = burner_pane(window)
    qtbot.waitUntil(lambda: pane.plan is not None and len(pane.plan.tracks) == 2)
    assert window.current_pane() == "burner"
    assert pane.chooser.currentText().startswith("Car Mix")
    assert [pane.tracks.data(pane.tracks.index(r, 1)) for r in range(2)] == ["Song One",
                                                                              "Song Two"]
    settle(qtbot, pane)
    assert pane.meter.used_sectors == pane.plan.fit.used_sectors > 0


def test_a_broken_playlist_file_gives_one_line_and_changes_nothing(qtbot, window, services,
                                                                   tmp_path):
    bad = tmp_path / "broken.cdcplaylist"
    bad.write_text("{not json", encoding="utf-8")
    with qtbot.waitSignal(services.bus.error, timeout=10_000) as error:
        services.bus.open_file_requested.emit(str(bad))
    assert "\n" not in error.args[0] and "Traceback" not in error.args[0]
    assert services.playlists.list() == []


def test_the_macos_open_event_takes_the_same_path(qtbot, qapp, window, m3u):
    received = []

    def receive(files: list[str]) -> None:  # as app.py wires it: window.receive_files
        received.extend(files)
        window.receive_files(files)

    qapp.files_opened.connect(receive)
    try:
        assert QApplication.sendEvent(qapp, QFileOpenEvent(str(m3u)))  # accepted: handled
    finally:
        qapp.files_opened.disconnect(receive)
    assert received == [str(m3u)]
    pane = burner_pane(window)
    qtbot.waitUntil(lambda: pane.plan is not None and len(pane.plan.tracks) == 2)
    assert window.current_pane() == "burner"


def test_burn_from_playlists_switches_to_the_burner(qtbot, window, services, playlist):
    window.show_pane("playlists")
    services.bus.open_playlist_for_burning.emit(playlist)
    pane = burner_pane(window)
    assert window.current_pane() == "burner"
    qtbot.waitUntil(lambda: pane.plan is not None and len(pane.plan.tracks) == 3)
    assert pane.plan.playlist_id == playlist


def test_deleting_the_shown_playlist_clears_the_pane(qtbot, services, pane, playlist):
    choose(qtbot, pane, playlist, "image")
    services.playlists.delete(playlist)
    qtbot.waitUntil(lambda: pane.plan is None)
    assert pane.tracks.rowCount() == 0 and pane.meter.used_sectors == 0
    assert pane.stack.currentWidget() is pane.empty


def test_options_default_from_settings(qtbot, services, make_pane, fake_burners, playlist):
    services.ctx.update_settings(burner_gap_s=0.5, burner_normalize="album",
                                 burner_media_minutes=74, burner_simulate=True,
                                 burner_eject=False, burner_speed=16)
    pane = make_pane()
    choose(qtbot, pane, playlist, "cdrecord")
    request = pane.options.request()
    assert (request.gap_s, request.normalize, request.media_minutes) == (0.5, "album", 74)
    assert (request.simulate, request.eject, request.speed) == (True, False, 16)
    assert pane.burn_button.text() == "Simulate burn"
    media = pane.drive_picker.media
    assert media.blank and pane.meter.capacity_sectors == media.capacity_sectors  # disc wins
    pane.options.choose_backend("image")
    settle(qtbot, pane)
    assert pane.meter.capacity_sectors == 74 * 60 * 75  # no disc: the chosen media size


def test_backends_show_why_they_are_missing_and_the_no_cdtext_note(qtbot, pane, playlist):
    choose(qtbot, pane, playlist, "image")
    pane.options.set_backends([
        BackendInfo("imapi2", True, False, NO_CDTEXT_NOTE),
        BackendInfo("cdrecord", False, True, "wodim is not installed."),
        BackendInfo("image", True, True)])
    combo = pane.options.backend
    assert not combo.model().item(combo.findData("cdrecord")).isEnabled()
    assert "not installed" in combo.itemText(combo.findData("cdrecord"))
    pane.options.choose_backend("imapi2")
    settle(qtbot, pane)
    assert "wodim is not installed." in pane.options.backend_note.text()
    assert NO_CDTEXT_NOTE in pane.options.backend_note.text()
    assert NO_CDTEXT_NOTE in pane.cdtext.notes.text()
    assert not pane.cdtext.text.isEnabled()


def test_cdtext_preview_is_what_will_be_written(qtbot, services, pane, playlist):
    with services.ctx.db.session() as session:
        from cdcollector.library.models import Track

        track = session.get(Track, 3)
        track.title = "東京 Night"
    choose(qtbot, pane, playlist, "image")
    lines = pane.cdtext.lines()
    assert lines[0] == "Disc: Sunday Drive — Various Artists"
    assert lines[1] == "01  Première — Björk" and lines[3] == "03  ?? Night — Other Artist"
    assert "“東京 Night” will read “?? Night”" in pane.cdtext.notes.text()


def _pdf_text(path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_print_insert_writes_a_jewel_case_pdf(qtbot, pane, playlist, tmp_path, monkeypatch):
    choose(qtbot, pane, playlist, "image")
    target = tmp_path / "insert"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF (*.pdf)")))
    pane.print_button.click()
    pdf = tmp_path / "insert.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    text = _pdf_text(pdf)
    if text is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: text not checked")
    for expected in ("Sunday Drive", "Première", "Human Behaviour", "Last One — Other Artist",
                     "0:04", "0:05", "3 tracks"):
        assert expected in text
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "2", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    sizes = " ".join(info.split())
    assert "Page 1 size: 340 x 340 pts" in sizes  # 12 × 12 cm
    assert "Page 2 size: 425 x 334 pts" in sizes  # 15 × 11.8 cm back tray card


def test_insert_with_many_tracks_fits_in_two_columns(tmp_path):
    tracks = tuple(InsertTrack(f"Track title {n}", "Band", 180 + n) for n in range(1, 41))
    pdf = write_insert_pdf(tmp_path / "many.pdf", InsertContent("Long Mix", "Band", tracks),
                           back_tray=False)
    text = _pdf_text(pdf)
    if text is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: text not checked")
    assert all(f"Track title {n}" in text for n in (1, 20, 40))
    assert "40 tracks" in text


def test_insert_into_a_missing_folder_is_a_clear_error(tmp_path):
    from cdcollector.ui.print_insert import InsertError

    with pytest.raises(InsertError, match="does not exist"):
        write_insert_pdf(tmp_path / "nope" / "x.pdf", InsertContent("A", "B", ()))
