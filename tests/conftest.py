"""Shared fixtures: offscreen Qt, a temp CD-Collector home, an in-memory keyring, fixture paths."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
FIXTURES = SHARED / "fixtures"


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
    return home


@pytest.fixture(autouse=True)
def memory_keyring():
    """Secrets go to an in-memory keyring in tests, never a file."""
    import keyring
    from keyring.backend import KeyringBackend

    class InMemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

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
