"""A start after an update runs the overlay's yt-dlp; a broken overlay falls back by itself."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cdcollector.downloads import ytdlp_overlay as overlay
from cdcollector.downloads.ytdlp_status import status
from cdcollector.downloads.ytdlp_update import PackageIndex, update
from tests.downloads_update.conftest import NEW, _installed, publish
from tests.fakes.package_index import FakeIndex


@pytest.fixture(scope="module")
def installed_home(tmp_path_factory) -> Path:
    """A home with NEW installed by a real update, copied by the tests that change it."""
    home = tmp_path_factory.mktemp("updated-home")
    fake = FakeIndex().start()
    try:
        publish(fake)
        update(home / "data", index=PackageIndex(fake.base))
    finally:
        fake.stop()
    return home


@pytest.fixture
def home(installed_home, tmp_path) -> Path:
    copy = tmp_path / "updated"
    shutil.copytree(installed_home, copy)
    return copy


def start(home: Path, *args: str) -> subprocess.CompletedProcess:
    """A new `cdcollector` process on `home`: what the next start of the app sees."""
    return subprocess.run([sys.executable, "-m", "cdcollector", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=120, check=False)


def status_json(home: Path) -> dict:
    done = start(home, "ytdlp", "status", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_next_start_runs_the_overlay(home):
    folder = (home / "data" / "yt-dlp" / NEW).resolve()
    report = status_json(home)
    assert report["version"] == NEW
    assert report["source"] == "overlay"
    assert Path(report["file"]).resolve().is_relative_to(folder)
    assert Path(report["ejs_file"]).resolve().is_relative_to(folder)
    assert report["next_start"] == NEW and report["pending"] is False


def test_this_process_says_the_update_waits_for_the_next_start(home):
    report = status(home / "data")  # this process imported the bundled yt-dlp
    assert report.source == "bundled" and report.pending
    assert f"yt-dlp {NEW} is installed, active from the next start." in report.lines()
    assert "Rollback goes to the bundled copy." in report.lines()


def test_overlay_wins_over_an_importer_that_precedes_pathfinder(home, tmp_path):
    """As in the frozen app, whose own importer sits before PathFinder in sys.meta_path."""
    script = tmp_path / "frozen_like.py"
    script.write_text(textwrap.dedent(f"""
        import json, os, sys
        from importlib.machinery import PathFinder

        SITE = {str(_installed("yt_dlp").parent)!r}

        class Bundle:
            def find_spec(self, name, path=None, target=None):
                parts = name.split(".")
                if parts[0] in ("yt_dlp", "yt_dlp_ejs"):
                    return PathFinder.find_spec(name, [os.path.join(SITE, *parts[:-1])])

        sys.meta_path.insert(0, Bundle())
        from cdcollector.downloads.ytdlp_overlay import activate
        activate({str(home / "data")!r})
        import yt_dlp, yt_dlp.extractor.youtube, yt_dlp_ejs.yt.solver
        from yt_dlp.version import __version__
        print(json.dumps([__version__, yt_dlp.__file__, yt_dlp.extractor.youtube.__file__,
                          yt_dlp_ejs.yt.solver.__file__, len(yt_dlp_ejs.yt.solver.lib())]))
    """), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    version, *files, lib_size = json.loads(done.stdout)
    assert version == NEW and lib_size > 0
    folder = (home / "data" / "yt-dlp" / NEW).resolve()
    assert all(Path(f).resolve().is_relative_to(folder) for f in files)


def test_missing_file_at_start_falls_back_and_says_why(home):
    (home / "data" / "yt-dlp" / NEW / "yt_dlp" / "version.py").unlink()
    report = status_json(home)
    assert report["source"] == "bundled" and report["version"] != NEW
    assert report["fallback"].startswith(f"yt-dlp {NEW} was not used: yt_dlp/version.py is "
                                         "missing")
    state = overlay.read_state(home / "data")
    assert state["active"] is None and state["fallback"]["version"] == NEW
    # The reason stays visible at later starts, which use the bundled copy without a fuss.
    assert status_json(home)["fallback"].startswith(f"yt-dlp {NEW} was not used")


def test_import_error_falls_back_to_the_bundled_copy(home):
    broken = home / "data" / "yt-dlp" / NEW / "yt_dlp" / "YoutubeDL.py"
    broken.write_text("def broken(:\n", encoding="utf-8")
    report = status_json(home)
    assert report["source"] == "bundled" and report["version"] != NEW
    assert not Path(report["file"]).resolve().is_relative_to(home.resolve())
    assert "importing it failed (SyntaxError" in report["fallback"]
    assert overlay.read_state(home / "data")["active"] is None


def test_rollback_from_the_cli_then_the_next_start_is_bundled(home):
    done = start(home, "ytdlp", "rollback")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "The bundled yt-dlp will be used from the next start."
    assert status_json(home)["source"] == "bundled"
    again = start(home, "ytdlp", "rollback")
    assert again.returncode == 1
    assert again.stderr.strip().startswith("cdcollector: Nothing to roll back")


def test_activation_never_mixes_two_copies(home, monkeypatch):
    import yt_dlp  # noqa: F401  (this process already runs the bundled copy)

    monkeypatch.setattr(overlay, "_activation", overlay.current_activation())
    activation = overlay.activate(home / "data")
    assert activation.source == "unchanged"
    assert not any(isinstance(f, overlay.OverlayFinder) for f in sys.meta_path)
    assert overlay.read_state(home / "data")["active"] == NEW  # kept for the next start
