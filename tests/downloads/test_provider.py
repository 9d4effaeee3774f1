"""download_provider.py: the app's YouTube Music provider, and the test hook kept to tests."""

from __future__ import annotations

import pytest

from cdcollector.catalog.ytmusic import YTMusicCatalog
from cdcollector.domain.errors import ConfigError
from cdcollector.services import download_provider
from tests.fakes.media_provider import SPEC_ENV, FakeMedia


def test_the_app_uses_youtube_music_and_the_matcher(monkeypatch):
    monkeypatch.setenv(download_provider.PROVIDER_ENV, "tests.fakes.media_provider:make_provider")
    # Without offline-test mode (the root conftest sets it) the environment hook is ignored.
    monkeypatch.delenv("CDCOLLECTOR_OFFLINE_TESTS")
    provider = download_provider.make_provider()
    assert isinstance(provider.catalog, YTMusicCatalog)


def test_offline_tests_load_the_fake_from_the_environment(monkeypatch, tmp_path, offline):
    media = FakeMedia()
    media.add_recording("Song", "http://127.0.0.1:9/song.mp3", score=88)
    monkeypatch.setenv(SPEC_ENV, str(media.save(tmp_path / "spec.json")))
    monkeypatch.setenv(download_provider.PROVIDER_ENV, "tests.fakes.media_provider:make_provider")
    from cdcollector.domain.types import TrackRef

    [best] = download_provider.make_provider().resolve(TrackRef("Song", ("A",)))
    assert (best.score, best.candidate.video_id) == (88.0, "http://127.0.0.1:9/song.mp3")
    monkeypatch.setenv(download_provider.PROVIDER_ENV, "no.such.module:x")
    with pytest.raises(ConfigError, match="cannot be loaded"):
        download_provider.make_provider()
