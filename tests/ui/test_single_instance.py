"""Single instance: later launches forward their files to the running window."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from cdcollector.ui.single_instance import SingleInstanceServer, forward_to_running, server_name

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(qapp, tmp_path):
    instance = SingleInstanceServer(server_name(tmp_path / "data"))
    assert instance.listen()
    yield instance
    instance.close()


def forward_in_thread(name: str, files: list[str]) -> tuple[threading.Thread, list[bool]]:
    """The client blocks until acknowledged, so it runs beside the event loop, as in real use."""
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(forward_to_running(name, files)))
    thread.start()
    return thread, result


def test_names_differ_per_data_home(tmp_path):
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")


def test_nothing_running_means_no_forward(qapp, tmp_path):
    assert forward_to_running(server_name(tmp_path / "nobody"), ["/x.m3u"]) is False


def test_files_reach_the_running_instance(qtbot, server):
    files = ["/music/Road trip ♫.m3u8", "/music/Ünïcode.cdcplaylist"]
    with qtbot.waitSignal(server.files_received, timeout=5000) as blocker:
        thread, result = forward_in_thread(server.name, files)
    thread.join(5)
    assert blocker.args == [files]
    assert result == [True]


def test_an_empty_list_asks_only_to_raise(qtbot, server):
    with qtbot.waitSignal(server.files_received, timeout=5000) as blocker:
        thread, result = forward_in_thread(server.name, [])
    thread.join(5)
    assert blocker.args == [[]]
    assert result == [True]


def test_malformed_messages_are_ignored(qtbot, server):
    socket = QLocalSocket()
    socket.connectToServer(server.name)
    assert socket.waitForConnected(2000)
    with qtbot.assertNotEmitted(server.files_received, wait=200):
        socket.write(b'{"not": "a list"}\n')
        socket.flush()
    with qtbot.waitSignal(server.files_received, timeout=5000) as blocker:
        socket2 = QLocalSocket()
        socket2.connectToServer(server.name)
        socket2.write(b'["/ok.m3u"]\n')
        socket2.flush()
    assert blocker.args == [["/ok.m3u"]]


def test_a_second_server_on_a_stale_name_takes_over(qtbot, qapp, tmp_path):
    name = server_name(tmp_path / "stale")
    first = SingleInstanceServer(name)
    assert first.listen()
    second = SingleInstanceServer(name)
    assert second.listen()  # the first one is treated as a crashed leftover
    with qtbot.waitSignal(second.files_received, timeout=5000):
        thread, _ = forward_in_thread(name, ["/a.m3u"])
    thread.join(5)
    first.close()
    second.close()


def test_cli_open_forwards_to_the_running_window(qtbot, window, services, tmp_path):
    """`python -m cdcollector open FILE` as a real second process against this window."""
    server = SingleInstanceServer(server_name(services.ctx.paths.data_dir))
    assert server.listen()
    server.files_received.connect(window.receive_files)
    playlist = tmp_path / "party mix.m3u8"
    playlist.write_text("#EXTM3U\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    with qtbot.waitSignal(services.bus.open_file_requested, timeout=60_000) as blocker:
        process = subprocess.Popen(
            [sys.executable, "-m", "cdcollector", "open", str(playlist)],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        qtbot.wait(50)  # keep answering while the child finishes
    _out, err = process.communicate(timeout=5)
    server.close()
    assert process.returncode == 0, err.decode()
    assert blocker.args == [str(playlist)]
    assert window.current_pane() == "burner"
