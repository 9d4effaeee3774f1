"""`cdcollector playlist …`: list, show, edit, export and import playlists from the command line."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from cdcollector.commands.common import format_duration, open_context, print_json, print_table
from cdcollector.domain.bounds import ascii_int, echo
from cdcollector.domain.errors import LibraryError, NotFoundError
from cdcollector.services.library import LibraryService
from cdcollector.services.playlist_types import DUPLICATE_CHOICES, CdFit, DuplicateQuestion
from cdcollector.services.playlists import PlaylistService


def register(sub) -> None:
    parser = sub.add_parser("playlist", help="list, edit, export and import playlists")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help_text: str, func) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help_text)
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                       help="print machine-readable JSON")
        p.set_defaults(func=lambda args: _run(func, args))
        return p

    action("list", "all playlists", _list)
    p = action("show", "the tracks of a playlist and whether it fits a CD", _show)
    p.add_argument("playlist", help="playlist id or name")
    p = action("create", "a new, empty playlist", _create)
    p.add_argument("name")
    p.add_argument("--description", default="")
    p = action("rename", "give a playlist another name", _rename)
    p.add_argument("playlist")
    p.add_argument("name")
    p = action("duplicate", "copy a playlist (also a mirror) as your own", _duplicate)
    p.add_argument("playlist")
    p.add_argument("--name")
    p = action("delete", "delete a playlist (its tracks stay in the library)", _delete)
    p.add_argument("playlist")
    p = action("add", "add tracks by library id or search text", _add)
    p.add_argument("playlist")
    p.add_argument("tracks", nargs="+", metavar="TRACK", help="track id, or words to search")
    p.add_argument("--position", type=int, help="insert before this position (1 = first)")
    p.add_argument("--duplicates", choices=DUPLICATE_CHOICES, default="ask",
                   help="what to do with tracks already in the playlist")
    p = action("remove", "remove entries by position", _remove)
    p.add_argument("playlist")
    p.add_argument("positions", nargs="+", type=int, metavar="POSITION")
    p = action("move", "move entries to another position", _move)
    p.add_argument("playlist")
    p.add_argument("positions", nargs="+", type=int, metavar="POSITION")
    p.add_argument("--to", type=int, required=True, help="new position of the first one")
    p = action("export", "write an .m3u, .m3u8 or .cdcplaylist file", _export)
    p.add_argument("playlist")
    p.add_argument("file")
    p.add_argument("--absolute", action="store_true", help="absolute paths in M3U files")
    p = action("import", "a new playlist from an .m3u, .m3u8 or .cdcplaylist file", _import)
    p.add_argument("file")
    p.add_argument("--name")


def _run(func, args) -> int:
    ctx = open_context(args)
    try:
        return func(PlaylistService(ctx), args) or 0
    finally:
        ctx.close()


def _info_json(info) -> dict:
    return {**asdict(info), "origin": info.origin.value}


def _list(service: PlaylistService, args) -> None:
    playlists = service.list()
    if args.json:
        print_json([_info_json(p) for p in playlists])
    elif not playlists:
        print("No playlists yet.")
    else:
        print_table(
            ("id", "name", "tracks", "time", "kind"),
            ((p.id, p.name, p.track_count, format_duration(p.duration_s),
              f"{p.origin.value}, read-only" if p.read_only else p.origin.value)
             for p in playlists),
        )


def fit_text(fit: CdFit) -> str:
    if fit.too_many_tracks:
        return "more than 99 tracks: does not fit an audio CD"
    disc = format_duration(fit.disc_seconds)
    if fit.fits_74:
        verdict = "fits a 74-minute CD"
    elif fit.fits_80:
        verdict = "fits an 80-minute CD (not a 74-minute one)"
    else:
        verdict = "too long for an 80-minute CD"
    unknown = f"; {fit.unknown_durations} of unknown length" if fit.unknown_durations else ""
    return f"{disc} on disc with 2-second gaps: {verdict}{unknown}"


def _show(service: PlaylistService, args) -> None:
    info = service.resolve(args.playlist)
    rows = service.entries(info.id)
    fit = service.fit(info.id)
    if args.json:
        print_json({"playlist": _info_json(info), "fit": asdict(fit),
                    "entries": [asdict(r) for r in rows]})
        return
    kind = f" ({info.origin.value}, read-only)" if info.read_only else ""
    print(f"{info.name}{kind}: {info.track_count} tracks, {format_duration(info.duration_s)}")
    print(fit_text(fit))
    print_table(
        ("#", "id", "title", "artist", "album", "time", "file"),
        ((r.position + 1, r.track.id, r.track.title, r.track.artist, r.track.album,
          format_duration(r.track.duration_s),
          "none" if not r.track.path else "missing" if r.track.file_missing else "ok")
         for r in rows),
    )


def _create(service: PlaylistService, args) -> None:
    _report(args, service.create(args.name, args.description), "Created")


def _rename(service: PlaylistService, args) -> None:
    _report(args, service.rename(service.resolve(args.playlist).id, args.name), "Renamed")


def _duplicate(service: PlaylistService, args) -> None:
    _report(args, service.duplicate(service.resolve(args.playlist).id, args.name), "Created")


def _delete(service: PlaylistService, args) -> None:
    info = service.resolve(args.playlist)
    service.delete(info.id)
    _report(args, info, "Deleted")


def _report(args, info, verb: str) -> None:
    if args.json:
        print_json(_info_json(info))
    else:
        print(f"{verb} playlist {info.id}: {info.name}")


def _track_ids(ctx, words: list[str]) -> list[int]:
    library = LibraryService(ctx)
    ids = []
    for word in words:
        number = ascii_int(word)
        if number is not None:
            ids.append(library.track(number).id)
            continue
        hits = library.search(word, limit=1)
        if not hits:
            raise NotFoundError(f"No track in the library matches “{echo(word)}”.")
        ids.append(hits[0].id)
    return ids


def _add(service: PlaylistService, args) -> None:
    info = service.resolve(args.playlist)
    ids = _track_ids(service.ctx, args.tracks)
    position = None if args.position is None else args.position - 1
    try:
        result = service.add_tracks(info.id, ids, position=position,
                                    on_duplicate=args.duplicates)
    except DuplicateQuestion as exc:
        count = len(exc.duplicates)
        what = "1 track is" if count == 1 else f"{count} tracks are"
        raise LibraryError(f"{what} already in “{info.name}”: "
                           "use --duplicates add or --duplicates skip.") from exc
    if args.json:
        print_json(asdict(result))
        return
    skipped = f" ({result.skipped} already there, skipped)" if result.skipped else ""
    print(f"Added {len(result.entry_ids)} to {info.name}{skipped}")


def _entry_ids(service: PlaylistService, playlist_id: int, positions: list[int]) -> list[int]:
    rows = service.entries(playlist_id)
    for position in positions:
        if not 1 <= position <= len(rows):
            raise LibraryError(f"There is no position {position} (the playlist has {len(rows)}).")
    return [rows[p - 1].entry_id for p in positions]


def _remove(service: PlaylistService, args) -> None:
    info = service.resolve(args.playlist)
    count = service.remove_entries(info.id, _entry_ids(service, info.id, args.positions))
    if args.json:
        print_json({"removed": count})
    else:
        print(f"Removed {count} from {info.name}")


def _move(service: PlaylistService, args) -> None:
    info = service.resolve(args.playlist)
    entry_ids = _entry_ids(service, info.id, args.positions)
    rows = service.entries(info.id)
    # --to is where the first moved entry ends up: convert it to a gap in the current order.
    rest = [r for r in rows if r.entry_id not in set(entry_ids)]
    at = max(0, min(args.to - 1, len(rest)))
    gap = rest[at].position if at < len(rest) else len(rows)
    positions = service.move_entries(info.id, entry_ids, gap)
    if args.json:
        print_json({"positions": [p + 1 for p in positions]})
    else:
        print(f"Moved to {', '.join(str(p + 1) for p in positions)} in {info.name}")


def _export(service: PlaylistService, args) -> None:
    info = service.resolve(args.playlist)
    result = service.export_file(info.id, args.file, relative=not args.absolute)
    if args.json:
        print_json(asdict(result))
        return
    print(f"Wrote {result.written} tracks to {result.path}")
    for title in result.skipped:
        print(f"  left out (no file): {title}")


def _import(service: PlaylistService, args) -> None:
    result = service.import_file(args.file, name=args.name)
    info = result.playlist
    if args.json:
        print_json({"playlist": _info_json(info), "missing": result.missing,
                    "unresolved": [asdict(r) for r in result.unresolved],
                    "notes": result.notes})
        return
    print(f"Imported playlist {info.id}: {info.name} ({info.track_count} tracks, "
          f"{result.missing} without a file)")
    for ref in result.unresolved:
        print(f"  not in this library: {ref.artist_display} - {ref.title}")
    for note in result.notes:
        print(f"  {note}")
