"""What to download, from pasted links, search words or a list file (text or TOML)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cdcollector.catalog.base import Catalog
from cdcollector.catalog.links import parse_link
from cdcollector.domain.errors import CatalogError, CollectorError, ConfigError, LinkError
from cdcollector.domain.types import TrackRef
from cdcollector.downloads.plan import expand_album, expand_artist

LIST_KINDS = ("tracks", "albums", "artists", "playlists")
_LOOKS_LIKE_LINK = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|spotify:|www\.)", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    text: str
    kind: str = "tracks"  # which list it came from: a hint for plain search words
    m3u: bool = False


@dataclass
class Batch:
    """The tracks of one item (a song, an album, a playlist…) and whether it wants an M3U."""

    item: Item
    name: str
    refs: list[TrackRef] = field(default_factory=list)


def read_list_file(path: str | Path) -> list[Item]:
    """A TOML file with `tracks`/`albums`/`artists`/`playlists` lists (each a list, or a table
    with `items` and `m3u = true`), or plain text: one link or search per line, # comments."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    if path.suffix.lower() == ".toml":
        return _toml_items(path, text)
    return [Item(line.strip()) for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _toml_items(path: Path, text: str) -> list[Item]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path.name} is not valid TOML: {exc}") from exc
    unknown = set(data) - set(LIST_KINDS)
    if unknown:
        raise ConfigError(f"{path.name}: unknown list {sorted(unknown)[0]!r}; "
                          f"use {', '.join(LIST_KINDS)}.")
    items: list[Item] = []
    for kind in LIST_KINDS:
        value = data.get(kind, [])
        m3u = False
        if isinstance(value, dict):
            m3u = bool(value.get("m3u", False))
            value = value.get("items", [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path.name}: {kind!r} must be a list of links or names.")
        items += [Item(v.strip(), kind, m3u) for v in value if v.strip()]
    return items


def resolve_item(item: Item, catalog: Catalog) -> Batch:
    """Links go to the catalogue directly; other text is searched for (song, album, artist or
    playlist by the list it came from). Raises a CollectorError with a one-line reason."""
    if _LOOKS_LIKE_LINK.match(item.text):
        link = parse_link(item.text)
        if link.source == "spotify":
            raise LinkError("Spotify links cannot be downloaded from the command line yet; "
                            "paste the YouTube Music link instead.")
        return _resolve_link(item, link.kind, link.id, catalog)
    return _resolve_search(item, catalog)


def _resolve_link(item: Item, kind: str, ident: str, catalog: Catalog) -> Batch:
    if kind == "track":
        ref = catalog.track(ident)
        return Batch(item, f"{ref.artist_display} - {ref.title}", [ref])
    if kind == "album":
        page = catalog.album(ident)
        return Batch(item, page.album.title, expand_album(catalog, ident))
    if kind == "artist":
        return Batch(item, catalog.artist(ident).artist.name, expand_artist(catalog, ident))
    name, refs = catalog.playlist(ident)
    return Batch(item, name, list(refs))


def _resolve_search(item: Item, catalog: Catalog) -> Batch:
    if item.kind == "playlists":
        raise LinkError(f"Playlists must be given as links, not names: {item.text!r}.")
    results = catalog.search(item.text, limit=5)
    if item.kind == "albums" and results.albums and results.albums[0].id:
        return _resolve_link(item, "album", results.albums[0].id, catalog)
    if item.kind == "artists" and results.artists and results.artists[0].id:
        return _resolve_link(item, "artist", results.artists[0].id, catalog)
    if item.kind == "tracks" and results.songs:
        ref = results.songs[0]
        return Batch(item, f"{ref.artist_display} - {ref.title}", [ref])
    raise CatalogError(f"Nothing found for {item.text!r}.")


def resolve_all(items: Iterable[Item], catalog: Catalog
                ) -> tuple[list[Batch], list[tuple[str, str]]]:
    """Batches for the items that resolved, and (item, reason) for those that did not."""
    batches: list[Batch] = []
    failures: list[tuple[str, str]] = []
    for item in items:
        try:
            batches.append(resolve_item(item, catalog))
        except CollectorError as exc:
            failures.append((item.text, str(exc)))
    return batches, failures
