"""`cdcollector favourite add|remove|list`: star tracks, albums and artists from a shell."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from cdcollector.commands.common import format_duration, open_context, print_json, print_table
from cdcollector.domain.bounds import ascii_int
from cdcollector.domain.errors import LibraryError, NotFoundError
from cdcollector.domain.types import AlbumRef, ArtistRef, FavouriteKind
from cdcollector.services.favourite_views import fold
from cdcollector.services.favourites import FavouriteService
from cdcollector.services.library import LibraryService

KINDS = [k.value for k in FavouriteKind]


def register(sub) -> None:
    parser = sub.add_parser("favourite", help="star tracks, albums and artists")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help_text, func in (
        ("add", "star items (library id, or words to search)", _add),
        ("remove", "unstar items (id, or words matching one favourite)", _remove),
        ("list", "list favourites", _list),
    ):
        p = actions.add_parser(name, help=help_text)
        p.add_argument("--kind", choices=KINDS, default="track")
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                       help="print machine-readable JSON")
        if name == "list":
            p.add_argument("--filter", default="", help="only favourites matching these words")
        else:
            p.add_argument("items", nargs="+", metavar="ITEM")
        p.set_defaults(func=lambda args, func=func: _run(func, args))


def _run(func, args) -> int:
    ctx = open_context(args)
    try:
        return func(FavouriteService(ctx), args) or 0
    finally:
        ctx.close()


def _label(service: FavouriteService, kind: str, item_id: int) -> str:
    if kind == "track":
        row = LibraryService(service.ctx).track(item_id)
        return f"{row.artist} - {row.title}" if row.artist else row.title
    items = service.albums() if kind == "album" else service.artists()
    for item in items:
        if item.id == item_id:
            return getattr(item, "title", None) or getattr(item, "name", "")
    return f"{kind} {item_id}"


def _find_in_library(service: FavouriteService, kind: str, words: str) -> int:
    """Track: the best search hit; album/artist: the one the best hit belongs to."""
    hits = LibraryService(service.ctx).search(words, limit=1)
    if not hits:
        raise NotFoundError(f"Nothing in the library matches “{words}”.")
    hit = hits[0]
    if kind == "track":
        return hit.id
    if kind == "album":
        if not hit.album:
            raise NotFoundError(f"“{hit.title}” (the best match) has no album.")
        return service.library_id(AlbumRef(title=hit.album, artists=(hit.artist,)))
    names = [a.strip() for a in hit.artist.split(",") if a.strip()] or [hit.artist]
    name = next((n for n in names if fold(words) in fold(n)), names[0])
    return service.library_id(ArtistRef(name=name))


def _add(service: FavouriteService, args) -> None:
    ids = [n if (n := ascii_int(w)) is not None else _find_in_library(service, args.kind, w)
           for w in args.items]
    changed = service.set_many(args.kind, ids, True)
    _print_changes(service, args, ids, changed, "Starred", "already a favourite")


def _remove(service: FavouriteService, args) -> None:
    ids = [n if (n := ascii_int(w)) is not None else _find_favourite(service, args.kind, w)
           for w in args.items]
    changed = service.set_many(args.kind, ids, False)
    _print_changes(service, args, ids, changed, "Unstarred", "not a favourite")


def _find_favourite(service: FavouriteService, kind: str, words: str) -> int:
    found = _items(service, kind, words)
    if len(found) != 1:
        if not found:
            raise NotFoundError(f"No favourite {kind} matches “{words}”.")
        raise LibraryError(f"{len(found)} favourite {kind}s match “{words}”; use an id "
                           "(see `favourite list`).")
    return found[0].id


def _items(service: FavouriteService, kind: str, filter_text: str) -> list:
    if kind == "track":
        return service.tracks(filter_text)
    return service.albums(filter_text) if kind == "album" else service.artists(filter_text)


def _print_changes(service, args, ids, changed, verb: str, unchanged: str) -> None:
    if args.json:
        print_json({"kind": args.kind, "changed": changed,
                    "unchanged": [i for i in ids if i not in changed]})
        return
    for item_id in dict.fromkeys(ids):
        label = _label(service, args.kind, item_id)
        state = verb if item_id in changed else f"Unchanged ({unchanged})"
        print(f"{state}: {args.kind} {item_id} {label}")


def _list(service: FavouriteService, args) -> None:
    items = _items(service, args.kind, args.filter)
    if args.json:
        print_json([asdict(i) for i in items])
        return
    if not items:
        print(f"No favourite {args.kind}s.")
    elif args.kind == "track":
        print_table(
            ("id", "title", "artist", "album", "time", "file"),
            ((t.id, t.title, t.artist, t.album, format_duration(t.duration_s),
              "none" if not t.path else "missing" if t.file_missing else "ok") for t in items),
        )
    elif args.kind == "album":
        print_table(("id", "album", "artist", "year", "tracks here"),
                    ((a.id, a.title, a.artist, a.year, a.track_count) for a in items))
    else:
        print_table(("id", "artist", "tracks here"),
                    ((a.id, a.name, a.track_count) for a in items))
