"""Fixtures for the download tests: generated audio, the loopback media server, offline mode."""

import pytest

from cdcollector.services.downloads import DownloadService
from tests.fakes.media_provider import FakeMedia
from tests.fakes.media_server import audio_cache, media_server, offline  # noqa: F401


@pytest.fixture
def fake_media() -> FakeMedia:
    return FakeMedia()


@pytest.fixture
def make_service(ctx, fake_media, offline):  # noqa: F811
    """Build DownloadService(s) on the test's ctx with the fake provider; all shut down after."""
    services = []

    def build(**kwargs) -> DownloadService:
        kwargs.setdefault("parallel", 2)
        service = DownloadService(ctx, provider=fake_media.provider(), **kwargs)
        services.append(service)
        return service

    yield build
    for service in services:
        service.shutdown()
