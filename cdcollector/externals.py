"""Finds the external programs CD-Collector drives: ffmpeg and the burner tools."""

from __future__ import annotations

import functools
import os
import shutil

from cdcollector.domain.errors import ConfigError

FFMPEG_ENV = "CDCOLLECTOR_FFMPEG"
BURNER_TOOLS = ("wodim", "cdrecord", "cdrskin", "cdrdao")


@functools.cache
def _bundled_ffmpeg() -> str | None:
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:
        return None


def find_ffmpeg() -> str | None:
    """CDCOLLECTOR_FFMPEG, then the ffmpeg bundled with imageio-ffmpeg, then the system's."""
    override = os.environ.get(FFMPEG_ENV)
    if override:
        return override if os.path.isfile(override) else None
    return _bundled_ffmpeg() or shutil.which("ffmpeg")


def require_ffmpeg() -> str:
    path = find_ffmpeg()
    if path is None:
        raise ConfigError(
            "ffmpeg was not found: reinstall CD-Collector or install ffmpeg on your system."
        )
    return path


def find_burner_tools() -> dict[str, str]:
    """Burner programs on PATH, by name (wodim, cdrecord, cdrskin, cdrdao)."""
    return {name: path for name in BURNER_TOOLS if (path := shutil.which(name))}

