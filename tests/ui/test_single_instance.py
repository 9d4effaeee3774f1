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

from cdcollector.domain.errors import InstanceBusyError
from cdcollector.ui.instance_lock import InstanceLock
from cdcollector.ui.single_instance import (
    SingleInstanceServer,
    forward_to_running,
    hand_over,
    server_name,
)

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
    lock = InstanceLock(services.ctx.paths.data_dir)  # held by the running window, as in app.py
    assert lock.acquire()
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
    lock.release()
    assert process.returncode == 0, err.decode()
    assert blocker.args == [str(playlist)]
    assert window.current_pane() == "burner"


HOLD_LOCK = """
import sys, time
from cdcollector.ui.instance_lock import InstanceLock
lock = InstanceLock(sys.argv[1])
print("held" if lock.acquire() else "busy", flush=True)
time.sleep(60)
"""


def hold_lock_in_child(data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(data_dir)], env=env,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_lock_left_by_a_killed_window_is_taken_over(tmp_path):
    child = hold_lock_in_child(tmp_path)
    lock = InstanceLock(tmp_path)
    try:
        assert not lock.acquire()
        assert lock.holder_pid() == child.pid
    finally:
        child.kill()
        child.wait()
    assert lock.acquire()  # its process is gone: the lock file is stale, whatever its age
    lock.release()


def test_a_holder_that_never_answers_is_a_one_line_error(qapp, tmp_path):
    child = hold_lock_in_child(tmp_path)
    try:
        with pytest.raises(InstanceBusyError) as caught:
            hand_over(InstanceLock(tmp_path), tmp_path, ["/a.m3u"], wait_s=0.3)
    finally:
        child.kill()
        child.wait()
    message = str(caught.value)
    assert f"process {child.pid}" in message and "\n" not in message


def test_files_wait_for_a_window_that_is_still_starting(qtbot, tmp_path):
    """The lock is taken before the first paint; the server listens only after it."""
    owner = InstanceLock(tmp_path)
    assert owner.acquire()
    server = SingleInstanceServer(server_name(tmp_path))
    result: list[bool] = []
    thread = threading.Thread(
        target=lambda: result.append(hand_over(InstanceLock(tmp_path), tmp_path, ["/b.m3u"])))
    with qtbot.waitSignal(server.files_received, timeout=10_000) as blocker:
        thread.start()
        qtbot.wait(300)  # the launch is already retrying when the server comes up
        assert server.listen()
    thread.join(5)
    server.close()
    owner.release()
    assert blocker.args == [["/b.m3u"]]
    assert result == [True]


def test_the_lock_becomes_ours_when_the_holder_exits_first(tmp_path):
    child = hold_lock_in_child(tmp_path)
    lock = InstanceLock(tmp_path)
    child.kill()  # exits without ever answering
    child.wait()
    assert hand_over(lock, tmp_path, ["/c.m3u"], wait_s=5) is False
    lock.release()
