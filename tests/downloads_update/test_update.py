"""The updater against a loopback index: what is installed, and every reason to refuse."""

from __future__ import annotations

import re
import socket

import pytest

from cdcollector.domain.errors import UpdateError
from cdcollector.downloads import ytdlp_overlay as overlay
from cdcollector.downloads.ytdlp_update import PackageIndex, rollback, update
from tests.downloads_update.conftest import EJS, NEW, publish, wheel, wheel_name


def version_folders(data_dir) -> list[str]:
    root = overlay.overlay_root(data_dir)
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def assert_nothing_installed(data_dir) -> None:
    assert overlay.read_state(data_dir).get("active") is None
    assert [name for name in version_folders(data_dir) if name != overlay.STATE_FILE] == []


def test_good_update_is_recorded_for_the_next_start(index, data_dir):
    publish(index)
    progress = []
    result = update(data_dir, progress=lambda text, fraction: progress.append((text, fraction)))
    assert result.installed and result.version == NEW
    assert result.message == f"yt-dlp {NEW} is installed, active from the next start."
    state = overlay.read_state(data_dir)
    assert state["active"] == NEW and state["previous"] is None
    folder = overlay.version_folder(data_dir, NEW)
    assert overlay.quick_check(folder, NEW) is None
    assert overlay.source_version(folder / "yt_dlp" / "version.py") == NEW
    assert (folder / "yt_dlp_ejs" / "yt" / "solver" / "core.min.js").is_file()
    assert not any(p.name.startswith(".") for p in overlay.overlay_root(data_dir).iterdir())
    assert any(text.startswith("Downloading yt_dlp-") and fraction == 1.0
               for text, fraction in progress)
    # Asked again: nothing new to fetch.
    again = update(data_dir)
    assert not again.installed
    assert again.message == f"yt-dlp {NEW} is already installed, active from the next start."


def test_bad_hash_installs_nothing(index, data_dir):
    publish(index, sha256="0" * 64)
    with pytest.raises(UpdateError, match="does not match the checksum"):
        update(data_dir)
    assert_nothing_installed(data_dir)


def test_broken_wheel_installs_nothing(index, data_dir):
    publish(index, data=b"PK\x03\x04 this is not a wheel")
    with pytest.raises(UpdateError, match="is damaged"):
        update(data_dir)
    assert_nothing_installed(data_dir)


def test_wheel_without_the_package_installs_nothing(index, data_dir):
    publish(index, data=wheel("yt_dlp_ejs", EJS))
    with pytest.raises(UpdateError, match="does not contain yt_dlp"):
        update(data_dir)
    assert_nothing_installed(data_dir)


def test_ytdlp_without_an_ejs_pin_is_refused(index, data_dir):
    publish(index, requires=("yt-dlp-ejs>=0.8; extra == \"default\"",
                             f"yt-dlp-ejs=={EJS}; extra == \"pin\""))
    with pytest.raises(UpdateError, match=f"yt-dlp {NEW} names no matching yt-dlp-ejs"):
        update(data_dir)
    assert_nothing_installed(data_dir)
    assert not any(r.startswith("/files/") for r in index.requests)


def test_ytdlp_whose_ejs_is_not_on_the_index_is_refused(index, data_dir):
    publish(index, requires=('yt-dlp-ejs==0.9.1; extra == "default"',))
    with pytest.raises(UpdateError, match=re.escape("does not offer /pypi/yt-dlp-ejs/0.9.1/json")):
        update(data_dir)
    assert_nothing_installed(data_dir)


def test_offline_says_so_in_one_sentence(monkeypatch, data_dir):
    with socket.socket() as probe:  # a port nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(UpdateError) as caught:
        update(data_dir, index=PackageIndex(f"http://127.0.0.1:{port}"))
    assert str(caught.value) == ("Could not reach the package index at 127.0.0.1: check the "
                                 "internet connection and try again.")
    assert_nothing_installed(data_dir)


def test_not_newer_is_refused_without_downloading(index, data_dir):
    publish(index, version="2024.1.1")
    result = update(data_dir)
    assert not result.installed
    assert result.message.endswith("is the newest version; nothing to do.")
    assert not any(r.startswith("/files/") for r in index.requests)
    assert_nothing_installed(data_dir)


def test_deno_too_old_is_refused(index, data_dir):
    publish(index)
    with pytest.raises(UpdateError, match=r"needs deno 2\.3\.0 or newer, but CD-Collector "
                                          r"comes with deno 2\.2\.9"):
        update(data_dir, deno_version=lambda: "2.2.9")
    assert_nothing_installed(data_dir)


def test_deno_minimum_is_read_from_the_new_source(index, data_dir):
    raised = wheel("yt_dlp", "2099.1.2", ('yt-dlp-ejs==0.8.0; extra == "default"',),
                   (("utils/_jsruntime.py", r"(?s)(class DenoJsRuntime.*?MIN_SUPPORTED_VERSION = )"
                     r"\(2, 3, 0\)", r"\g<1>(9, 1, 0)"),))
    publish(index, version="2099.1.2", data=raised)
    with pytest.raises(UpdateError, match=r"needs deno 9\.1\.0 or newer"):
        update(data_dir)
    assert_nothing_installed(data_dir)


def test_file_on_a_foreign_host_is_refused(index, data_dir):
    publish(index, url=f"http://files.example.org/{wheel_name('yt_dlp', NEW)}")
    with pytest.raises(UpdateError, match=re.escape("from files.example.org, which is not "
                                                    "one of its own hosts")):
        update(data_dir)
    assert_nothing_installed(data_dir)


def test_redirect_to_a_foreign_host_is_refused(index, data_dir):
    assert PackageIndex("https://pypi.org").hosts == {"pypi.org", "files.pythonhosted.org"}
    PackageIndex("https://pypi.org").check_url("https://files.pythonhosted.org/packages/x.whl")
    with pytest.raises(UpdateError):
        PackageIndex("https://pypi.org").check_url("http://files.pythonhosted.org/x.whl")
    with pytest.raises(UpdateError):
        PackageIndex("https://pypi.org").check_url("https://evil.example/x.whl")


def test_self_check_failure_installs_nothing(index, data_dir):
    # The index says 2099.3.3, the wheel's yt_dlp says NEW: the fresh process notices.
    publish(index, version="2099.3.3")
    with pytest.raises(UpdateError, match=rf"failed its self-check \(it says it is version {NEW}"):
        update(data_dir)
    assert_nothing_installed(data_dir)


def test_rollback_goes_to_the_previous_update_then_to_the_bundled_copy(index, data_dir):
    publish(index)
    update(data_dir)
    newer = "2099.2.1"
    publish(index, version=newer, data=wheel("yt_dlp", newer, ('yt-dlp-ejs==0.8.0; '
                                                               'extra == "default"',)))
    assert update(data_dir).installed
    assert overlay.read_state(data_dir)["active"] == newer
    assert overlay.read_state(data_dir)["previous"] == NEW

    assert rollback(data_dir) == f"yt-dlp {NEW} will be used from the next start."
    assert overlay.read_state(data_dir)["active"] == NEW
    assert version_folders(data_dir) == [NEW, overlay.STATE_FILE]

    assert rollback(data_dir) == "The bundled yt-dlp will be used from the next start."
    assert overlay.read_state(data_dir)["active"] is None
    assert version_folders(data_dir) == [overlay.STATE_FILE]
    with pytest.raises(UpdateError, match="Nothing to roll back"):
        rollback(data_dir)
