"""Read one audio file's tags and stream info with mutagen into a plain, picklable record.

Runs inside worker processes, so it imports nothing but the standard library, mutagen and the
small domain.bounds checks.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

import mutagen
from mutagen.aiff import AIFF
from mutagen.apev2 import APEv2
from mutagen.asf import ASF, ASFTags
from mutagen.flac import FLAC
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, HeaderNotFoundError
from mutagen.mp4 import MP4, MP4Tags
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

from cdcollector.domain.bounds import MAX_TITLE, clean_text, finite_duration

# Field name → the keys each tag family stores it under (first match wins).
_VORBIS = {
    "title": ("title",),
    "artist": ("artist", "artists"),
    "album": ("album",),
    "album_artist": ("albumartist", "album artist", "album_artist"),
    "track": ("tracknumber", "track"),
    "disc": ("discnumber", "disc"),
    "date": ("date", "year", "originaldate"),
    "genre": ("genre",),
    "isrc": ("isrc",),
}
_APE = {
    "title": ("Title",),
    "artist": ("Artist",),
    "album": ("Album",),
    "album_artist": ("Album Artist", "AlbumArtist"),
    "track": ("Track",),
    "disc": ("Disc",),
    "date": ("Year", "Date"),
    "genre": ("Genre",),
    "isrc": ("ISRC",),
}
_ASF = {
    "title": ("Title",),
    "artist": ("Author", "WM/ARTISTS"),
    "album": ("WM/AlbumTitle",),
    "album_artist": ("WM/AlbumArtist",),
    "track": ("WM/TrackNumber", "WM/Track"),
    "disc": ("WM/PartOfSet",),
    "date": ("WM/Year", "WM/OriginalReleaseYear"),
    "genre": ("WM/Genre",),
    "isrc": ("WM/ISRC",),
}
_MP4 = {
    "title": ("©nam",),
    "artist": ("©ART",),
    "album": ("©alb",),
    "album_artist": ("aART",),
    "track": ("trkn",),
    "disc": ("disk",),
    "date": ("©day",),
    "genre": ("©gen",),
    "isrc": ("----:com.apple.iTunes:ISRC",),
}
_ID3 = {
    "title": ("TIT2",),
    "artist": ("TPE1",),
    "album": ("TALB",),
    "album_artist": ("TPE2",),
    "track": ("TRCK",),
    "disc": ("TPOS",),
    "date": ("TDRC", "TYER", "TDOR", "TORY"),
    "genre": ("TCON",),
    "isrc": ("TSRC",),
}

# mutagen class name → the format name the library shows.
_FORMATS = {
    "MP3": "mp3", "EasyMP3": "mp3", "MP4": "m4a", "EasyMP4": "m4a", "FLAC": "flac",
    "OggVorbis": "ogg", "OggOpus": "opus", "OggFLAC": "flac", "OggSpeex": "spx",
    "WAVE": "wav", "AIFF": "aiff", "ASF": "wma", "MonkeysAudio": "ape", "WavPack": "wv",
    "Musepack": "mpc", "TrueAudio": "tta", "OptimFROG": "ofr", "DSF": "dsf", "DSDIFF": "dff",
    "AAC": "aac", "AC3": "ac3", "SMF": "mid",
}
_VIDEO_ONLY = ("OggTheora",)
# File name endings of the formats above: what a playlist file may name as a library file.
AUDIO_SUFFIXES = frozenset({
    ".mp3", ".mp2", ".mp1", ".mpga", ".m4a", ".m4b", ".m4p", ".m4r", ".mp4", ".3gp", ".aac",
    ".alac", ".flac", ".ogg", ".oga", ".opus", ".spx", ".wav", ".wave", ".aif", ".aiff", ".aifc",
    ".wma", ".asf", ".ape", ".wv", ".mpc", ".mp+", ".tta", ".tak", ".ofr", ".ofs", ".dsf",
    ".dff", ".ac3", ".eac3", ".mid", ".midi",
})

_YEAR = re.compile(r"\b(\d{4})\b|^(\d{4})")
_ISRC = re.compile(r"^[A-Z]{2}[A-Z0-9]{3}\d{7}$")
# "01 - ", "01. ", "1-01 ", "07_" … but not "99 Luftballons" (no leading zero, no separator).
_NUMBER_PREFIX = re.compile(r"^(?:\d{1,2}[-.])?(?:\d{1,3}\s*[-._)]\s*|0\d{1,2}\s+)(?=\S)")


# NamedTuples, not dataclasses: they cross the process boundary by the thousand (a tuple
# pickles in half the time), and the worker template need not import dataclasses.
class TagRecord(NamedTuple):
    """What the library stores for one readable audio file."""

    title: str
    artists: tuple[str, ...]
    album: str
    album_artist: str
    duration_s: float | None  # None when the stream info is not believable (over 24 h)
    track_number: int | None
    disc_number: int | None
    year: int | None
    genre: str | None
    isrc: str | None
    format: str
    bitrate_kbps: int | None
    title_from_name: bool = False

    @property
    def artist_display(self) -> str:
        return ", ".join(self.artists)


class Unreadable(NamedTuple):
    """A file that cannot be imported, and the one-line reason a user is shown."""

    reason: str


def read_many(paths: list[str]) -> list[TagRecord | Unreadable]:
    """Read a chunk of files; what a worker process runs (one IPC round-trip per chunk)."""
    return [read_tags(p) for p in paths]


def read_tags(path: str) -> TagRecord | Unreadable:
    """Never raises for a bad file: every failure becomes an `Unreadable` with a reason."""
    try:
        audio = _load(path)
    except HeaderNotFoundError:
        return _empty_or(path, "no audio stream (no MPEG audio frames found)")
    except OSError as exc:
        return Unreadable(f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # mutagen raises many types for damaged data
        return _empty_or(path, f"corrupt: {_short(exc)}")
    if audio is None:
        return _empty_or(path, "not an audio file mutagen can read")
    kind = type(audio).__name__
    if kind in _VIDEO_ONLY:
        return Unreadable("video file without an audio stream mutagen can read")
    length = getattr(audio.info, "length", None)
    if not isinstance(length, int | float) or not length > 0:  # NaN fails `> 0` too
        return Unreadable("no audio stream")
    try:
        fields = _tag_fields(audio.tags)
    except Exception:  # a damaged tag must not hide a playable file: name it from its path
        fields = {}
    return _record(path, audio, kind, finite_duration(length), fields)


def _load(path: str):
    """mutagen.File, minus scoring two dozen formats when the magic bytes already say which."""
    with open(path, "rb") as fileobj:
        header = fileobj.read(128)
        kind = _sniff(header, path)
        if kind is not None:
            fileobj.seek(0)
            return kind(fileobj)
    return mutagen.File(path)


_OGG_CODECS = {b"\x01vorbis": OggVorbis, b"OpusHead": OggOpus, b"\x7fFLAC": OggFLAC,
               b"Speex   ": OggSpeex}
_ASF_GUID = b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"


def _sniff(header: bytes, path: str):
    """The mutagen class for an unambiguous header, else None (mutagen.File decides)."""
    if header.startswith(b"fLaC"):
        return FLAC
    if header.startswith(b"OggS") and len(header) > 27:
        start = 27 + header[26]  # codec packet follows the page's segment table
        for magic, kind in _OGG_CODECS.items():
            if header[start:start + len(magic)] == magic:
                return kind
        return None
    if header[4:8] == b"ftyp":
        return MP4
    if header.startswith(b"RIFF") and header[8:12] == b"WAVE":
        return WAVE
    if header.startswith(b"FORM") and header[8:12] in (b"AIFF", b"AIFC"):
        return AIFF
    if header.startswith(_ASF_GUID):
        return ASF
    if path.lower().endswith(".mp3") and (
        header.startswith(b"ID3") or (len(header) > 1 and header[0] == 0xFF
                                      and header[1] & 0xE0 == 0xE0)
    ):
        return MP3
    return None


def _empty_or(path: str, reason: str) -> Unreadable:
    try:
        return Unreadable("empty file" if os.path.getsize(path) == 0 else reason)
    except OSError as exc:
        return Unreadable(f"cannot read: {exc.strerror or exc}")


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc.__context__, OSError) and not text:
        text = "data ends too early"
    return (text or type(exc).__name__)[:120]


def _record(path: str, audio, kind: str, length: float | None, fields: dict[str, list[str]]
            ) -> TagRecord:
    artists = _dedupe(fields.get("artist", []))
    title = _first(fields.get("title"))
    from_name = not title
    if from_name:
        name_artist, title = title_from_filename(path)
        if not artists and name_artist:
            artists = (name_artist,)
    bitrate = getattr(audio.info, "bitrate", None)
    return TagRecord(
        title=title,
        artists=artists,
        album=_first(fields.get("album")),
        album_artist=", ".join(_dedupe(fields.get("album_artist", []))),
        duration_s=length,
        track_number=_number(_first(fields.get("track"))),
        disc_number=_number(_first(fields.get("disc"))),
        year=_year(_first(fields.get("date"))),
        genre=", ".join(_dedupe(fields.get("genre", []))) or None,
        isrc=_isrc(_first(fields.get("isrc"))),
        format=_format(audio, kind, path),
        bitrate_kbps=(round(bitrate / 1000) or None) if isinstance(bitrate, int | float)
        and bitrate > 0 else None,
        title_from_name=from_name,
    )


def _tag_fields(tags) -> dict[str, list[str]]:
    """Every wanted field as a list of clean strings, whatever the tag family."""
    if tags is None:
        return {}
    if isinstance(tags, ID3):
        return {name: _id3_values(tags, keys) for name, keys in _ID3.items()}
    if isinstance(tags, MP4Tags):
        return {name: _mp4_values(tags, keys) for name, keys in _MP4.items()}
    if isinstance(tags, ASFTags):
        mapping, lookup = _ASF, tags
    elif isinstance(tags, APEv2):
        mapping, lookup = _APE, tags
    else:
        # Vorbis comments (FLAC, Ogg Vorbis/Opus/Speex/FLAC) are a list of (key, value) pairs
        # whose lookups scan the list: group them once instead.
        mapping, lookup = _VORBIS, {}
        for key, value in tags:
            lookup.setdefault(key.lower(), []).append(value)
    found: dict[str, list[str]] = {}
    for name, keys in mapping.items():
        for key in keys:
            values = _clean(lookup[key]) if key in lookup else []
            if values:
                found[name] = values
                break
    return found


def _id3_values(tags: ID3, keys: tuple[str, ...]) -> list[str]:
    for key in keys:
        for frame in tags.getall(key):
            values = _clean(frame.genres if key == "TCON" else frame.text)
            if values:
                return values
    return []


def _mp4_values(tags: MP4Tags, keys: tuple[str, ...]) -> list[str]:
    for key in keys:
        raw = tags.get(key)
        if not raw:
            continue
        if key in ("trkn", "disk"):
            return [str(pair[0]) for pair in raw if pair and pair[0]]
        values = _clean(bytes(v).decode("utf-8", "replace") if isinstance(v, bytes) else v
                        for v in raw)
        if values:
            return values
    return []


def _clean(values) -> list[str]:
    if isinstance(values, str | bytes):
        values = [values]
    out = []
    for value in values:
        text = getattr(value, "value", value)
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        text = clean_text(str(text).replace("\x00", "").strip(), MAX_TITLE)
        if text:
            out.append(text)
    return out


def _first(values: list[str] | None) -> str:
    return values[0] if values else ""


def _dedupe(values: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return tuple(seen)


def _number(text: str) -> int | None:
    match = re.match(r"\s*(\d{1,4})", text)
    if not match:
        return None
    value = int(match.group(1))
    return value if value > 0 else None


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    if not match:
        return None
    year = int(match.group(1) or match.group(2))
    return year if 1000 <= year <= 2999 else None


def _isrc(text: str) -> str | None:
    code = re.sub(r"[\s-]", "", text).upper()
    return code if _ISRC.match(code) else None


def _format(audio, kind: str, path: str) -> str:
    if kind in ("MP3", "EasyMP3") and getattr(audio.info, "layer", 3) in (1, 2):
        return f"mp{audio.info.layer}"
    if kind in ("MP4", "EasyMP4"):
        codec = getattr(audio.info, "codec", "") or ""
        if codec.startswith("alac"):
            return "alac"
        if codec.startswith("mp4a.40.34") or codec.startswith("mp4a.6b"):
            return "mp3"
    if kind in _FORMATS:
        return _FORMATS[kind]
    return os.path.splitext(path)[1].lstrip(".").lower() or kind.lower()


def title_from_filename(path: str) -> tuple[str, str]:
    """(artist or "", title) from a file name: "01 - Artist - Title.mp3" → ("Artist", "Title")."""
    stem = os.path.splitext(os.path.basename(path))[0].strip()
    name = _NUMBER_PREFIX.sub("", stem, count=1).strip() or stem
    artist, sep, title = name.partition(" - ")
    if sep and artist.strip() and title.strip():
        return artist.strip(), title.strip()
    return "", name
