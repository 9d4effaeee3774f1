"""Pure mapping of ytmusicapi answers (plain dicts) to CD-Collector's references and candidates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from cdcollector.catalog.base import AlbumPage, SearchResults
from cdcollector.domain.types import AlbumRef, ArtistRef, Candidate, Source, TrackRef

# Magnitude words YouTube Music prints after a count, in the locales it is used with.
_MAGNITUDES = {
    "k": 1e3, "tsd": 1e3, "tys": 1e3, "mil": 1e3, "тыс": 1e3, "万": 1e4, "만": 1e4,
    "m": 1e6, "mio": 1e6, "mln": 1e6, "mn": 1e6, "млн": 1e6, "億": 1e8, "억": 1e8,
    "b": 1e9, "bn": 1e9, "mrd": 1e9, "md": 1e9, "mld": 1e9, "млрд": 1e9,
}
_COUNT = re.compile(r"^\s*(\d[\d.,\s\u00a0\u202f']*)\s*([^\d\s.,]*)")
_CLOCK = re.compile(r"^\d+(?::\d{1,2}){1,2}$")


def parse_views(text: str | int | None) -> int | None:
    """"1.2M" / "1,2\xa0Mio." / "386M views" / "3406万" / "12,345" -> int; None if unreadable."""
    if isinstance(text, int):
        return text
    if not text:
        return None
    match = _COUNT.match(str(text))
    if not match:
        return None
    number, word = match.group(1).strip(), match.group(2).rstrip(".").casefold()
    factor = _MAGNITUDES.get(word)
    if factor is None and word and word[0] in "万億만억":  # glued to the views word: "3406万回視聴"
        factor = _MAGNITUDES[word[0]]
    if factor is None:  # no magnitude: separators group thousands
        digits = re.sub(r"\D", "", number)
        return int(digits) if digits else None
    number = re.sub(r"[\s\u00a0\u202f']", "", number).replace(",", ".")
    if number.count(".") > 1:
        number = number.replace(".", "", number.count(".") - 1)
    try:
        return int(float(number) * factor)
    except ValueError:
        return None


def parse_clock(text: str | None) -> float | None:
    """"4:19" / "1:02:03" -> seconds."""
    if not text or not _CLOCK.match(text.strip()):
        return None
    seconds = 0
    for part in text.strip().split(":"):
        seconds = seconds * 60 + int(part)
    return float(seconds)


def duration_of(item: dict) -> float | None:
    seconds = item.get("duration_seconds")
    if isinstance(seconds, int | float) and seconds > 0:
        return float(seconds)
    return parse_clock(item.get("duration") or item.get("length"))


def artist_names(item: dict) -> tuple[str, ...]:
    artists = item.get("artists") or []
    names = tuple(a.get("name", "").strip() for a in artists if isinstance(a, dict))
    names = tuple(n for n in names if n)
    if not names and isinstance(item.get("artist"), str):
        names = (item["artist"],)
    return names


def best_thumbnail(thumbnails: Iterable[dict] | None) -> str | None:
    """The largest thumbnail's URL (ytmusicapi lists them smallest first)."""
    best = max(thumbnails or [], key=lambda t: (t.get("width") or 0) * (t.get("height") or 0),
               default=None)
    return best.get("url") if best else None


def _year(value: object) -> int | None:
    text = str(value or "")
    return int(text) if re.fullmatch(r"\d{4}", text) else None


def _album_name(item: dict) -> str | None:
    album = item.get("album")
    if isinstance(album, dict):
        return album.get("name")
    return album if isinstance(album, str) else None


def track_from(item: dict, album: AlbumRef | None = None) -> TrackRef | None:
    """A song/video dict (search, album, playlist, watch list) -> TrackRef, None if unplayable."""
    video_id = item.get("videoId")
    if not video_id or item.get("isAvailable") is False:
        return None
    names = artist_names(item) or (album.artists if album else ())
    thumbnails = item.get("thumbnails") or item.get("thumbnail")
    return TrackRef(
        title=item.get("title") or "",
        artists=names,
        album=album.title if album else _album_name(item),
        duration_s=duration_of(item),
        source=Source.YTMUSIC,
        id=video_id,
        explicit=item.get("isExplicit"),
        track_number=item.get("trackNumber") or None,
        year=album.year if album else _year(item.get("year")),
        album_artist=album.artist_display if album and album.artists else None,
        cover_url=(album.cover_url if album else None) or best_thumbnail(thumbnails),
        youtube_id=video_id,
    )


def album_from(item: dict, artists: tuple[str, ...] = ()) -> AlbumRef | None:
    browse_id = item.get("browseId")
    if not browse_id:
        return None
    kind = str(item.get("type") or "album").casefold()
    return AlbumRef(
        title=item.get("title") or "",
        artists=artist_names(item) or artists,
        source=Source.YTMUSIC,
        id=browse_id,
        year=_year(item.get("year")),
        cover_url=best_thumbnail(item.get("thumbnails")),
        total_tracks=item.get("trackCount"),
        kind=kind if kind in ("album", "single", "ep", "compilation") else "album",
    )


def artist_from(item: dict) -> ArtistRef | None:
    browse_id = item.get("browseId") or item.get("channelId")
    name = item.get("artist") or item.get("name") or item.get("title")
    if not browse_id or not name:
        return None
    return ArtistRef(name=name, source=Source.YTMUSIC, id=browse_id,
                     image_url=best_thumbnail(item.get("thumbnails")))


def search_results(songs: list[dict], albums: list[dict], artists: list[dict]) -> SearchResults:
    return SearchResults(
        songs=tuple(t for t in map(track_from, songs) if t),
        albums=tuple(a for a in map(album_from, albums) if a),
        artists=tuple(a for a in map(artist_from, artists) if a),
    )


def album_page(data: dict, browse_id: str) -> AlbumPage:
    album = AlbumRef(
        title=data.get("title") or "",
        artists=artist_names(data),
        source=Source.YTMUSIC,
        id=browse_id,
        year=_year(data.get("year")),
        cover_url=best_thumbnail(data.get("thumbnails")),
        total_tracks=data.get("trackCount"),
        kind=str(data.get("type") or "album").casefold(),
    )
    tracks = []
    for number, item in enumerate(data.get("tracks") or [], start=1):
        track = track_from(item, album)
        if track:
            # ytmusicapi reports 0 or None for tracks it could not number: use the position.
            tracks.append(track if track.track_number else replace(track, track_number=number))
    return AlbumPage(album=album, tracks=tuple(tracks))


def discography(name: str, sections: Iterable[list[dict]]) -> tuple[AlbumRef, ...]:
    """Albums and singles of one artist, compilations left out, each release once."""
    seen: set[str] = set()
    releases = []
    for section in sections:
        for item in section:
            album = album_from(item, (name,))
            if album and album.id not in seen and album.kind != "compilation":
                seen.add(album.id)
                releases.append(album)
    return tuple(releases)


def candidate_from(item: dict, found_by: str) -> Candidate | None:
    """A song/video search result -> matcher Candidate (None for albums, artists, unplayable)."""
    result_type = item.get("resultType") or ("song" if item.get("album") else "video")
    video_id = item.get("videoId")
    if result_type not in ("song", "video") or not video_id or item.get("isAvailable") is False:
        return None
    names = list(artist_names(item))
    author = item.get("author")
    if isinstance(author, list):
        author = ", ".join(a.get("name", "") for a in author if isinstance(a, dict))
    channel = None if result_type == "song" else (author or (names[0] if names else None))
    return Candidate(
        video_id=video_id,
        title=item.get("title") or "",
        artists=names,
        album=_album_name(item),
        duration_s=duration_of(item),
        views=parse_views(item.get("views")),
        result_type=result_type,
        explicit=item.get("isExplicit"),
        channel=channel,
        found_by=found_by,
        artist_ids=tuple(a["id"] for a in item.get("artists") or ()
                         if isinstance(a, dict) and isinstance(a.get("id"), str) and a["id"]),
    )
