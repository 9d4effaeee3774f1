"""CD-Collector: collect music, keep playlists, download what you lack and burn audio CDs."""

import sys
from pathlib import Path


def _read_version() -> str:
    # Frozen builds keep VERSION beside the package data; source checkouts one level up.
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    for candidate in (base / "VERSION", Path(__file__).resolve().parent / "VERSION"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8").strip()
    try:
        from importlib.metadata import version

        return version("cdcollector")
    except Exception:
        return "0.0.0"


__version__ = _read_version()
APP_NAME = "CD-Collector"
