"""Shared by the download tests: read every tag back with mutagen, check a file decodes fully."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import mutagen
from mutagen.flac import Picture

from cdcollector.externals import require_ffmpeg

# A 1×1 PNG: enough for a real embedded picture.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAX+XDSwAAAABJRU5ErkJggg=="
)


def decodes_fully(path: Path) -> bool:
    result = subprocess.run([require_ffmpeg(), "-v", "error", "-i", str(path), "-f", "null", "-"],
                            capture_output=True, text=True)
    return result.returncode == 0 and not result.stderr.strip()


def _get(read):
    try:
        return read()
    except (KeyError, IndexError, TypeError):
        return None


def read_tags(path: Path) -> dict:
    """The tags as one flat dict, whatever the format (None for a missing tag)."""
    audio = mutagen.File(path)
    tags = audio.tags
    ext = path.suffix
    if ext == ".mp3":
        readers = {
            "title": lambda: str(tags["TIT2"]), "artists": lambda: list(tags["TPE1"].text),
            "album": lambda: str(tags["TALB"]), "album_artist": lambda: str(tags["TPE2"]),
            "track": lambda: str(tags["TRCK"]), "disc": lambda: str(tags["TPOS"]),
            "year": lambda: str(tags["TDRC"]), "isrc": lambda: str(tags["TSRC"]),
            "explicit": lambda: str(tags["TXXX:ITUNESADVISORY"]),
            "source": lambda: tags.getall("WOAS")[0].url,
            "cover": lambda: tags.getall("APIC")[0].data, "version": lambda: tags.version,
        }
    elif ext == ".m4a":
        readers = {
            "title": lambda: tags["\xa9nam"][0], "artists": lambda: list(tags["\xa9ART"]),
            "album": lambda: tags["\xa9alb"][0], "album_artist": lambda: tags["aART"][0],
            "track": lambda: str(tags["trkn"][0][0]), "disc": lambda: str(tags["disk"][0][0]),
            "year": lambda: tags["\xa9day"][0],
            "isrc": lambda: bytes(tags["----:com.apple.iTunes:ISRC"][0]).decode(),
            "explicit": lambda: str(tags["rtng"][0]),
            "source": lambda: bytes(tags["----:com.apple.iTunes:SOURCE_URL"][0]).decode(),
            "cover": lambda: bytes(tags["covr"][0]),
        }
    else:
        readers = {
            "title": lambda: tags["TITLE"][0], "artists": lambda: list(tags["ARTIST"]),
            "album": lambda: tags["ALBUM"][0], "album_artist": lambda: tags["ALBUMARTIST"][0],
            "track": lambda: tags["TRACKNUMBER"][0], "disc": lambda: tags["DISCNUMBER"][0],
            "year": lambda: tags["DATE"][0], "isrc": lambda: tags["ISRC"][0],
            "explicit": lambda: tags["ITUNESADVISORY"][0], "source": lambda: tags["SOURCE_URL"][0],
            "cover": (lambda: audio.pictures[0].data) if ext == ".flac" else (
                lambda: Picture(base64.b64decode(tags["METADATA_BLOCK_PICTURE"][0])).data),
        }
    return {key: _get(read) for key, read in readers.items()}
