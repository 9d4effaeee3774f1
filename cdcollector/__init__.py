"""CD-Collector: collect music, keep playlists, download what you lack and burn audio CDs."""

import sys
from pathlib import Path


def _read_version() -> str:
    # Frozen builds keep VERSION at the bundle's root; a checkout one level above the package;
    # an installed wheel has it only in its metadata.
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    if (base / "VERSION").is_file():
        return (base / "VERSION").read_text(encoding="utf-8").strip()
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cdcollector")
    except PackageNotFoundError:  # neither a checkout nor installed: say so plainly
        return "0.0.0"


__version__ = _read_version()
APP_NAME = "CD-Collector"
