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


def read_tags(path: Path) -> dict:
    """The tags as one flat dict, whatever the format."""
    audio = mutagen.File(path)
    tags = audio.tags
    ext = path.suffix
    if ext == ".mp3":
        return {
            "title": str(tags["TIT2"]), "artists": list(tags["TPE1"].text),
            "album": str(tags["TALB"]), "album_artist": str(tags["TPE2"]),
            "track": str(tags["TRCK"]), "disc": str(tags["TPOS"]), "year": str(tags["TDRC"]),
            "isrc": str(tags["TSRC"]), "explicit": str(tags["TXXX:ITUNESADVISORY"]),
            "source": tags.getall("WOAS")[0].url, "cover": tags.getall("APIC")[0].data,
            "version": tags.version,
        }
    if ext == ".m4a":
        return {
            "title": tags["\xa9nam"][0], "artists": list(tags["\xa9ART"]),
            "album": tags["\xa9alb"][0], "album_artist": tags["aART"][0],
            "track": str(tags["trkn"][0][0]), "disc": str(tags["disk"][0][0]),
            "year": tags["\xa9day"][0],
            "isrc": bytes(tags["----:com.apple.iTunes:ISRC"][0]).decode(),
            "explicit": str(tags["rtng"][0]),
            "source": bytes(tags["----:com.apple.iTunes:SOURCE_URL"][0]).decode(),
            "cover": bytes(tags["covr"][0]),
        }
    if ext == ".flac":
        cover = audio.pictures[0].data
    else:
        cover = Picture(base64.b64decode(tags["METADATA_BLOCK_PICTURE"][0])).data
    return {
        "title": tags["TITLE"][0], "artists": list(tags["ARTIST"]), "album": tags["ALBUM"][0],
        "album_artist": tags["ALBUMARTIST"][0], "track": tags["TRACKNUMBER"][0],
        "disc": tags["DISCNUMBER"][0], "year": tags["DATE"][0], "isrc": tags["ISRC"][0],
        "explicit": tags["ITUNESADVISORY"][0], "source": tags["SOURCE_URL"][0], "cover": cover,
    }
