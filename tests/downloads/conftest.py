"""Fixtures for the download tests: generated audio, the loopback media server, offline mode."""

from tests.fakes.media_server import audio_cache, media_server, offline  # noqa: F401
