"""Shared fixtures: offscreen Qt, a temp CD-Collector home, an in-memory keyring, fixture paths."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import ipaddress
import socket
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
# Resolved: the importer stores real paths, and CI may reach shared/ through a link.
SHARED = (REPO_ROOT.parent / "shared").resolve()
FIXTURES = SHARED / "fixtures"


@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt's `qapp` is the app's own QApplication subclass, as in a real start."""
    from cdcollector.ui.application import CollectorApplication

    return CollectorApplication


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own CDCOLLECTOR_HOME and music folder; nothing touches the user's."""
    home = tmp_path / "home"
    monkeypatch.setenv("CDCOLLECTOR_HOME", str(home))
    monkeypatch.setenv("CDCOLLECTOR_MUSIC_FOLDER", str(tmp_path / "music"))
    for name in list(os.environ):
        if name.startswith("CDCOLLECTOR_") and name not in (
            "CDCOLLECTOR_HOME", "CDCOLLECTOR_MUSIC_FOLDER"
        ):
            monkeypatch.delenv(name)
    # Subprocesses (CLI runs, crash tests) refuse non-loopback URLs themselves.
    monkeypatch.setenv("CDCOLLECTOR_OFFLINE_TESTS", "1")
    return home


def _is_loopback(host) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


class InternetBlocked(OSError):
    """Raised (an OSError, like a real network failure) when a test tries to leave this host."""


@pytest.fixture(autouse=True, scope="session")
def no_internet():
    """Tests never touch the internet: names resolve only to loopback, connects only there."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            raise InternetBlocked(f"test tried to resolve {host!r}: tests stay offline")
        return real_getaddrinfo(host, *args, **kwargs)

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise InternetBlocked(f"test tried to connect to {address!r}: tests stay offline")

    def connect(sock, address):
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock, address)
        return real_connect_ex(sock, address)

    socket.getaddrinfo, socket.socket.connect = getaddrinfo, connect
    socket.socket.connect_ex = connect_ex
    yield
    socket.getaddrinfo, socket.socket.connect = real_getaddrinfo, real_connect
    socket.socket.connect_ex = real_connect_ex


@pytest.fixture(autouse=True)
def memory_keyring():
    """Secrets go to an in-memory keyring in tests, never a file."""
    import keyring

    from tests.fakes.memory_keyring import InMemoryKeyring

    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def ctx(isolated_home):
    """An opened AppContext (real SQLite file, migrated) under the temp home."""
    from cdcollector.services.context import AppContext

    context = AppContext.open(home=str(isolated_home))
    yield context
    context.close()


@pytest.fixture
def fixtures_dir() -> Path:
    if not FIXTURES.is_dir():
        pytest.fail(f"shared fixtures not found at {FIXTURES}")
    return FIXTURES


@pytest.fixture
def bus_ctx(qapp, isolated_home):
    """An opened AppContext with a Qt event bus (for UI tests), under the temp home."""
    from cdcollector.services.context import AppContext

    context = AppContext.open(home=str(isolated_home), with_bus=True)
    yield context
    context.close()


@pytest.fixture
def services(bus_ctx):
    """The service container over `bus_ctx`; pool work is finished before the context closes."""
    from PySide6.QtCore import QThreadPool

    from cdcollector.services.container import Services

    yield Services(bus_ctx)
    QThreadPool.globalInstance().waitForDone()
