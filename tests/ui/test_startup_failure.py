"""A start that cannot open the library shows a dialog (what, where the log is, ways out)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from cdcollector.app import EXIT_AFTER_SHOW_ENV, open_context_or_explain
from cdcollector.paths import AppPaths
from cdcollector.services.context import AppContext
from cdcollector.ui.main_window import MainWindow
from tests.fakes.broken_library import (
    stamp_newer_schema,
    write_garbage_pages,
    write_invalid_setting,
)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BREAKAGES = {
    "newer schema": (lambda paths: stamp_newer_schema(paths.db_path), "newer CD-Collector"),
    "damaged file": (lambda paths: write_garbage_pages(paths.db_path, ("alembic_version",)),
                     "damaged"),
    "invalid setting": (lambda paths: write_invalid_setting(paths.settings_path),
                        "Parallel downloads"),
}


@pytest.fixture
def paths(isolated_home) -> AppPaths:
    AppContext.open(str(isolated_home)).close()
    return AppPaths.resolve(str(isolated_home))


def the_dialog() -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_failed_start_shows_what_happened_the_log_and_three_ways_out(
        breakage, paths, qtbot, capsys):
    breaks, says = BREAKAGES[breakage]
    breaks(paths)
    window = MainWindow(paths=paths)
    qtbot.addWidget(window)
    window.show()
    quits = []

    assert open_context_or_explain(window, paths, None, on_quit=lambda: quits.append(1)) is None

    box = the_dialog()
    assert says in box.text() and "\n" not in box.text()
    assert str(paths.log_path) in box.informativeText()
    labels = [b.text() for b in box.buttons()]
    assert sorted(labels) == sorted(["Restore a backup…", "Open data folder", "Quit"])
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0]  # the terminal gets the same one line

    quit_button = next(b for b in box.buttons() if b.text() == "Quit")
    qtbot.mouseClick(quit_button, Qt.MouseButton.LeftButton)
    assert quits == [1]
    assert not box.isVisible()


def test_the_restore_button_opens_the_list_of_backups_and_keeps_the_dialog(paths, qtbot):
    stamp_newer_schema(paths.db_path)
    window = MainWindow(paths=paths)
    qtbot.addWidget(window)
    assert open_context_or_explain(window, paths, None, on_quit=lambda: None) is None
    box = the_dialog()
    restore = next(b for b in box.buttons() if b.text() == "Restore a backup…")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert box.isVisible()  # still there to quit or open the folder afterwards
    assert box.restore_dialog is not None and box.restore_dialog.isVisible()
    box.restore_dialog.close()


def test_the_app_with_a_newer_library_exits_1_with_one_line_and_no_traceback(tmp_path):
    home = tmp_path / "portable"
    AppContext.open(str(home)).close()
    stamp_newer_schema(AppPaths.resolve(str(home)).db_path)
    env = {**os.environ, "PYTHONPATH": REPO, "QT_QPA_PLATFORM": "offscreen",
           EXIT_AFTER_SHOW_ENV: "1"}
    done = subprocess.run([sys.executable, "-m", "cdcollector", "--home", str(home)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "RuntimeError" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("cdcollector:")]
    assert len(errors) == 1 and "newer CD-Collector" in errors[0]
