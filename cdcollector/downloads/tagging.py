"""Writes a downloaded track's tags and cover into mp3, m4a, opus/ogg and flac files (mutagen)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mutagen import MutagenError
from mutagen.flac import FLAC, Picture
from mutagen.id3 import (
    APIC,
    ID3,
    TALB,
    TDRC,
    TIT2,
    TPE1,
    TPE2,
    TPOS,
    TRCK,
    TSRC,
    TXXX,
    WOAS,
    ID3NoHeaderError,
)
from mutagen.mp4 import MP4, MP4Cover, MP4FreeForm
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

from cdcollector.domain.errors import DownloadError

SOURCE_KEY = "SOURCE_URL"
ADVISORY_KEY = "ITUNESADVISORY"  # 1 = explicit, 0 = not (iTunes/Picard convention)


@dataclass(frozen=True)
class TrackTags:
    title: str
    artists: tuple[str, ...] = ()
    album: str | None = None
    album_artist: str | None = None
    track_number: int | None = None
    disc_number: int | None = None
    year: int | None = None
    isrc: str | None = None
    explicit: bool | None = None
    source_url: str | None = None
    cover: bytes | None = None  # JPEG or PNG

    @property
    def cover_mime(self) -> str:
        is_png = bool(self.cover) and self.cover[:8] == b"\x89PNG\r\n\x1a\n"
        return "image/png" if is_png else "image/jpeg"


def _text_fields(tags: TrackTags) -> dict[str, list[str]]:
    """Vorbis-comment style fields (also the source for the other formats)."""
    fields = {
        "TITLE": [tags.title],
        "ARTIST": list(tags.artists),
        "ALBUM": [tags.album] if tags.album else [],
        "ALBUMARTIST": [tags.album_artist] if tags.album_artist else [],
        "TRACKNUMBER": [str(tags.track_number)] if tags.track_number else [],
        "DISCNUMBER": [str(tags.disc_number)] if tags.disc_number else [],
        "DATE": [str(tags.year)] if tags.year else [],
        "ISRC": [tags.isrc.upper()] if tags.isrc else [],
        ADVISORY_KEY: [] if tags.explicit is None else ["1" if tags.explicit else "0"],
        SOURCE_KEY: [tags.source_url] if tags.source_url else [],
    }
    return {key: values for key, values in fields.items() if values}


def _flac_picture(tags: TrackTags) -> Picture:
    picture = Picture()
    picture.type = 3  # front cover
    picture.mime = tags.cover_mime
    picture.desc = "Cover"
    picture.data = tags.cover or b""
    return picture


def _write_mp3(path: Path, tags: TrackTags) -> None:
    try:
        id3 = ID3(path)
    except ID3NoHeaderError:
        id3 = ID3()
    fields = _text_fields(tags)
    frames = {"TITLE": TIT2, "ARTIST": TPE1, "ALBUM": TALB, "ALBUMARTIST": TPE2,
              "TRACKNUMBER": TRCK, "DISCNUMBER": TPOS, "DATE": TDRC, "ISRC": TSRC}
    for key, frame in frames.items():
        if key in fields:
            id3.setall(frame.__name__, [frame(encoding=3, text=fields[key])])
    if ADVISORY_KEY in fields:
        id3.setall(f"TXXX:{ADVISORY_KEY}",
                   [TXXX(encoding=3, desc=ADVISORY_KEY, text=fields[ADVISORY_KEY])])
    if tags.source_url:
        id3.setall("WOAS", [WOAS(url=tags.source_url)])
    if tags.cover:
        id3.setall("APIC", [APIC(encoding=3, mime=tags.cover_mime, type=3, desc="Cover",
                                 data=tags.cover)])
    id3.save(path, v2_version=4)


def _write_mp4(path: Path, tags: TrackTags) -> None:
    audio = MP4(path)
    if audio.tags is None:
        audio.add_tags()
    mp4 = audio.tags
    fields = _text_fields(tags)
    for key, atom in (("TITLE", "\xa9nam"), ("ARTIST", "\xa9ART"), ("ALBUM", "\xa9alb"),
                      ("ALBUMARTIST", "aART"), ("DATE", "\xa9day")):
        if key in fields:
            mp4[atom] = fields[key]
    if tags.track_number:
        mp4["trkn"] = [(tags.track_number, 0)]
    if tags.disc_number:
        mp4["disk"] = [(tags.disc_number, 0)]
    if tags.explicit is not None:
        mp4["rtng"] = [1 if tags.explicit else 0]
    for key in ("ISRC", SOURCE_KEY):
        if key in fields:
            mp4[f"----:com.apple.iTunes:{key}"] = [
                MP4FreeForm(v.encode("utf-8")) for v in fields[key]
            ]
    if tags.cover:
        kind = MP4Cover.FORMAT_PNG if tags.cover_mime == "image/png" else MP4Cover.FORMAT_JPEG
        mp4["covr"] = [MP4Cover(tags.cover, imageformat=kind)]
    audio.save()


def _write_ogg(path: Path, tags: TrackTags, opener: Callable) -> None:
    audio = opener(path)
    for key, values in _text_fields(tags).items():
        audio[key] = values
    if tags.cover:
        encoded = base64.b64encode(_flac_picture(tags).write()).decode("ascii")
        audio["METADATA_BLOCK_PICTURE"] = [encoded]
    audio.save()


def _write_flac(path: Path, tags: TrackTags) -> None:
    audio = FLAC(path)
    for key, values in _text_fields(tags).items():
        audio[key] = values
    if tags.cover:
        audio.clear_pictures()
        audio.add_picture(_flac_picture(tags))
    audio.save()


WRITERS: dict[str, Callable[[Path, TrackTags], None]] = {
    ".mp3": _write_mp3,
    ".m4a": _write_mp4,
    ".mp4": _write_mp4,
    ".opus": lambda p, t: _write_ogg(p, t, OggOpus),
    ".ogg": lambda p, t: _write_ogg(p, t, OggVorbis),
    ".flac": _write_flac,
}


def write_tags(path: str | Path, tags: TrackTags) -> None:
    """Write every known tag into `path`, chosen by its extension; DownloadError on failure."""
    path = Path(path)
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise DownloadError(f"Cannot tag {path.suffix or 'extension-less'} files.")
    try:
        writer(path, tags)
    except (MutagenError, OSError, ValueError) as exc:
        raise DownloadError(f"Could not write tags to {path.name}: {exc}") from exc
