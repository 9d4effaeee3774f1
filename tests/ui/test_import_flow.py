"""File → Add music folder…: a real import off the UI thread, progress, cancel, summary."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from cdcollector.domain.errors import LibraryError
from cdcollector.domain.types import ImportSummary
from cdcollector.ui.dialogs.import_summary import SkippedFilesModel
from tests.ui.conftest import make_audio

importer_module = pytest.importorskip(
    "cdcollector.services.importer", reason="ImportService has not landed yet"
)


@pytest.fixture
def music_folder(tmp_path):
    folder = tmp_path / "incoming"
    make_audio(folder, "01.mp3", "Northern Lights", "Aurora Band", "Skies")
    make_audio(folder / "sub", "02.mp3", "Southern Cross", "Aurora Band", "Skies")
    (folder / "broken.mp3").write_bytes(b"this is not audio at all" * 10)
    return folder


def test_add_music_folder_imports_for_real_and_shows_a_summary(
        qtbot, window, services, music_folder, monkeypatch):
    monkeypatch.setattr("cdcollector.ui.main_window.QFileDialog.getExistingDirectory",
                        lambda *a, **k: str(music_folder))
    with qtbot.waitSignal(window.import_progress.finished, timeout=60_000) as blocker:
        window.add_folder_action.trigger()
        assert window.import_progress.isVisible()
        assert window.import_progress.cancel_button.isEnabled()
    summary: ImportSummary = blocker.args[0]
    assert summary.added == 2
    assert [p for p, _ in summary.skipped] == [str(music_folder / "broken.mp3")]
    assert not window.import_progress.isVisible()

    dialog = window.import_progress.summary_dialog
    assert dialog.isVisible() and not dialog.isModal()
    assert "2 added" in dialog.counts_label.text()
    model = dialog.skipped_model
    assert model.data(model.index(0, 0)) == "broken.mp3"
    assert model.data(model.index(0, 1))  # a reason, in words
    assert str(music_folder) in services.ctx.settings.library_folders

    pane = window.panes["discovery"]
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    pane.search_box.setText("southern")
    pane.run_search()
    assert pane.model.data(pane.model.index(0, 0)) == "Southern Cross"
    assert pane.model.data(pane.model.index(0, 4)) == "MP3"


class BlockingImporter:
    """Waits until cancelled (or 10 s) so the Cancel button can be tested deterministically."""

    def __init__(self):
        self.started = threading.Event()

    def import_paths(self, paths, progress=None, cancel=None):
        progress(1, 10, paths[0])
        self.started.set()
        cancelled = cancel.wait(10)
        return ImportSummary(scanned=1, added=1, updated=0, unchanged=0, moved=0, removed=0,
                             skipped=(), cancelled=cancelled)


def test_cancel_stops_the_import_and_says_so(qtbot, window, services, tmp_path):
    fake = BlockingImporter()
    services.__dict__["importer"] = fake
    progress = window.import_progress
    assert window.import_folders([str(tmp_path)])
    assert fake.started.wait(5)
    qtbot.waitUntil(lambda: progress.bar.maximum() == 10)
    assert progress.label.text() == "Importing 1 of 10"
    assert not window.import_folders([str(tmp_path)])  # one import at a time
    with qtbot.waitSignal(progress.finished, timeout=10_000) as blocker:
        qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].cancelled
    assert progress.summary_dialog.windowTitle() == "Import cancelled"
    assert "cancelled" in window.statusBar().currentMessage().lower()


class FailingImporter:
    def import_paths(self, paths, progress=None, cancel=None):
        raise LibraryError("The library database is locked by another program.")


def test_a_failed_import_shows_a_one_line_error(qtbot, window, services, tmp_path):
    services.__dict__["importer"] = FailingImporter()
    with qtbot.waitSignal(window.import_progress.failed, timeout=10_000):
        window.import_folders([str(tmp_path)])
    assert window.banner.isVisible()
    assert window.banner.text() == "The library database is locked by another program."
    assert not window.import_progress.running


def test_skipped_files_model_passes_modeltester(qtmodeltester):
    model = SkippedFilesModel((("/a/b/c.mp3", "not an audio file"), ("/x.flac", "truncated")))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole) == "/x.flac"
    qtmodeltester.check(SkippedFilesModel(()), force_py=True)
