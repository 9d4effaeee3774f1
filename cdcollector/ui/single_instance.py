"""One window per data home: a local server receives the file lists of later launches.

The window that holds the data home's InstanceLock listens; a launch that finds the lock
taken hands its files over here and exits.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from cdcollector.domain.errors import InstanceBusyError
from cdcollector.ui.instance_lock import InstanceLock

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_MS = 500
REPLY_TIMEOUT_MS = 3000
POLL_MS = 20
ACK = b"ok\n"
MAX_MESSAGE = 1 << 20
HAND_OVER_WAIT_S = 10.0  # the running window may still be starting up
HAND_OVER_POLL_S = 0.1


def server_name(data_dir: Path) -> str:
    """A per-user, per-data-home name, so portable homes and tests never collide."""
    key = f"{os.path.realpath(data_dir)}|{_user()}"
    return "cdcollector-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _user() -> str:
    return os.environ.get("USER") or os.environ.get("USERNAME") or ""


def forward_to_running(name: str, files: list[str]) -> bool:
    """Send `files` (JSON list; empty = "raise the window") to a running instance.

    True once that instance has acknowledged; False when none is listening.
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(json.dumps(list(files)).encode("utf-8") + b"\n")
    socket.waitForBytesWritten(REPLY_TIMEOUT_MS)
    reply = b""
    deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
    # Short waits: a blocking Qt wait may hold the GIL, and the server could be in this process.
    while ACK not in reply and time.monotonic() < deadline:
        socket.waitForReadyRead(POLL_MS)
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    if ACK not in reply:
        log.warning("The running CD-Collector did not acknowledge %s", name)
        return False
    return True


def hand_over(lock: InstanceLock, data_dir: Path, files: list[str],
              wait_s: float = HAND_OVER_WAIT_S) -> bool:
    """Another launch holds `lock`: forward `files` to its window, retrying while it starts.

    True once forwarded; False when the lock became ours meanwhile (that launch has exited).
    """
    name = server_name(data_dir)
    deadline = time.monotonic() + wait_s
    while not forward_to_running(name, files):
        if lock.acquire():
            return False
        if time.monotonic() >= deadline:
            pid = lock.holder_pid()
            holder = f" (process {pid})" if pid else ""
            raise InstanceBusyError(
                f"CD-Collector is already open for this library{holder} but does not answer; "
                "close it and try again.")
        time.sleep(HAND_OVER_POLL_S)
    return True


class SingleInstanceServer(QObject):
    """Listens on `name`; emits `files_received(list[str])` for each later launch."""

    files_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a stale name left by a crashed instance is removed first."""
        if self._server.listen(self.name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            if self._server.listen(self.name):
                return True
        log.warning("Single-instance server %s not started: %s", self.name,
                    self._server.errorString())
        return False

    def close(self) -> None:
        """Stop listening and drop open connections (their signals must not outlive us)."""
        for socket in list(self._buffers):
            socket.disconnected.disconnect()
            socket.readyRead.disconnect()
            socket.abort()
            socket.deleteLater()
        self._buffers.clear()
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _on_ready(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            self._drop(socket)
            socket.abort()
            return
        if b"\n" not in data:
            self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[socket] = b""
        files = _parse(line)
        socket.write(ACK)
        socket.flush()
        if files is not None:
            self.files_received.emit(files)

    def _drop(self, socket: QLocalSocket) -> None:
        if self._buffers.pop(socket, None) is not None:
            socket.deleteLater()


def _parse(line: bytes) -> list[str] | None:
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        log.warning("Ignoring a malformed message from another CD-Collector launch")
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        log.warning("Ignoring a malformed message from another CD-Collector launch")
        return None
    return value
