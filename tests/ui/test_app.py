"""The composition root: self-test, a real start of the app, and `open` with a bad file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cdcollector.app import SHOWN_MARKER, run_self_test
from cdcollector.cli import main
from cdcollector.ui import tokens

REPO = Path(__file__).resolve().parents[2]


def test_self_test_builds_the_window_and_says_ok(qapp, capsys, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert run_self_test([]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("self-test ok")
    assert "self-test: YouTube solver ok (deno " in out


def test_self_test_fails_when_the_youtube_solver_cannot_run(qapp, capsys, monkeypatch,
                                                           tmp_path):
    from cdcollector.downloads import js_runtime

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv(js_runtime.DENO_ENV, str(tmp_path / "no-deno"))
    js_runtime.deno_path.cache_clear()
    try:
        assert run_self_test([]) != 0
    finally:
        js_runtime.deno_path.cache_clear()
    captured = capsys.readouterr()
    assert "the YouTube challenge solver does not work: deno was not found" in (
        captured.out + captured.err)


def test_the_app_starts_shows_its_window_and_quits_cleanly(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen",
           "CDCOLLECTOR_EXIT_AFTER_SHOW": "1"}
    home = tmp_path / "portable"
    done = subprocess.run(
        [sys.executable, "-m", "cdcollector", "--home", str(home)],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert SHOWN_MARKER in done.stdout
    assert (home / "data" / "library.sqlite3").is_file()
    assert (home / "config" / "window.ini").is_file()  # state saved on the way out
    assert "Traceback" not in done.stderr


def test_open_with_a_missing_file_is_a_one_line_error(capsys, tmp_path):
    assert main(["open", str(tmp_path / "nope.m3u")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("cdcollector: No such file:")
    assert "\n" not in err


def test_palettes_differ_for_light_and_dark(qapp):
    from PySide6.QtGui import QPalette

    light = tokens.palette(tokens.LIGHT).color(QPalette.ColorRole.Window)
    dark = tokens.palette(tokens.DARK).color(QPalette.ColorRole.Window)
    assert light.lightness() > 200
    assert dark.lightness() < 60


def test_every_icon_loads(qapp):
    for name in tokens.ICON_NAMES:
        assert not tokens.icon(name).isNull(), name
        assert not tokens.icon(name).pixmap(32, 32).isNull(), name


def test_a_scheme_change_repaints_with_the_matching_tokens(qtbot, qapp, services):
    """Wired as app.py does: the frame, then the scheme follower, then the panes."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette

    from cdcollector.app import follow_colour_scheme
    from cdcollector.ui.main_window import MainWindow

    window = MainWindow(paths=services.ctx.paths)
    qtbot.addWidget(window)
    follow = follow_colour_scheme(qapp, window)
    window.attach(services)
    changed = qapp.styleHints().colorSchemeChanged
    burn_button = window.panes["burner"].burn_button
    try:
        assert not tokens.is_dark()  # offscreen: the platform's palette is light
        changed.emit(Qt.ColorScheme.Dark)
        assert tokens.is_dark()
        assert qapp.palette().color(QPalette.ColorRole.Window).name() == tokens.DARK.window
        assert tokens.DARK.sidebar in window.sidebar.styleSheet()
        assert tokens.DARK.accent in burn_button.styleSheet()  # a pane that re-colours itself
        changed.emit(Qt.ColorScheme.Unknown)  # no opinion: the colours stay
        assert tokens.is_dark()
        changed.emit(Qt.ColorScheme.Light)
        assert qapp.palette().color(QPalette.ColorRole.Window).name() == tokens.LIGHT.window
        assert tokens.LIGHT.sidebar in window.sidebar.styleSheet()
        assert tokens.LIGHT.accent in burn_button.styleSheet()
    finally:
        changed.disconnect(follow)
        qapp.setPalette(tokens.palette(tokens.LIGHT))


def test_self_test_fails_clearly_when_a_backend_cannot_be_imported(qapp, capsys, monkeypatch):
    import cdcollector.app as app_module

    monkeypatch.setattr(app_module, "SELF_TEST_MODULES",
                        (*app_module.SELF_TEST_MODULES, "cdcollector.no_such_backend"))
    assert run_self_test([]) == 1
    assert "cannot import cdcollector.no_such_backend" in capsys.readouterr().err
