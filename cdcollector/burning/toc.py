"""Writes cdrdao TOC files (CD-DA with CD-TEXT) for any set of audio sources."""

from __future__ import annotations

from collections.abc import Sequence

from cdcollector.burning.backends.base import DiscSpec, DiscTrack
from cdcollector.burning.cdtext import reduce_text
from cdcollector.burning.redbook import normalize_isrc, to_msf


def toc_string(text: str) -> str:
    """A quoted TOC string: Latin-1, with quotes, backslashes and non-ASCII as octal escapes."""
    out = []
    for ch in reduce_text(text):
        code = ord(ch)
        if ch in '"\\' or code > 126:
            out.append(f"\\{code:03o}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def wav_source(file_name: str) -> str:
    """The FILE statement for a whole WAV: `FILE "01.wav" 0`."""
    return f'FILE {toc_string(file_name)} 0'


def _cdtext_block(title: str, performer: str, indent: str, with_map: bool) -> list[str]:
    lines = [f"{indent}CD_TEXT {{"]
    if with_map:
        lines += [f"{indent}  LANGUAGE_MAP {{", f"{indent}    0 : EN", f"{indent}  }}"]
    lines += [
        f"{indent}  LANGUAGE 0 {{",
        f"{indent}    TITLE {toc_string(title)}",
        f"{indent}    PERFORMER {toc_string(performer)}",
        f"{indent}  }}",
        f"{indent}}}",
    ]
    return lines


def _track_lines(track: DiscTrack, source: str, cdtext: bool) -> list[str]:
    lines = [f"// Track {track.number}", "TRACK AUDIO", "COPY", "NO PRE_EMPHASIS",
             "TWO_CHANNEL_AUDIO"]
    isrc = normalize_isrc(track.isrc)
    if isrc:
        lines.append(f'ISRC "{isrc}"')
    if cdtext:
        lines += _cdtext_block(track.title, track.performer, "", with_map=False)
    # cdrdao adds the fixed 2-second pregap of track 1 itself
    if track.number > 1 and track.pregap_sectors > 0:
        lines.append(f"PREGAP {to_msf(track.pregap_sectors)}")
    lines.append(source)
    return lines


def toc_text(disc: DiscSpec, sources: Sequence[str]) -> str:
    """The TOC for `disc`, one FILE statement per track (e.g. from `wav_source`).

    CD-TEXT is all or nothing: with it, the disc and every track carry TITLE and PERFORMER.
    """
    if len(sources) != len(disc.tracks):
        raise ValueError("one source per track is needed")
    lines = ["CD_DA", ""]
    if disc.cdtext:
        lines += _cdtext_block(disc.title, disc.performer, "", with_map=True)
        lines.append("")
    for track, source in zip(disc.tracks, sources, strict=True):
        lines += _track_lines(track, source, disc.cdtext)
        lines.append("")
    return "\n".join(lines)
