"""`cdcollector sync`: run the Spotify/YouTube mirrors, add or remove them, show their history."""

from __future__ import annotations

from dataclasses import asdict

from cdcollector.commands.common import open_context, print_json, print_table
from cdcollector.services.sync import SyncService


def register(sub) -> None:
    parser = sub.add_parser("sync", help="update mirrored Spotify/YouTube playlists")
    parser.add_argument("--all", action="store_true", help="also sync paused mirrors now")
    parser.add_argument("--mirror", type=int, metavar="ID", help="sync only this mirror")
    parser.add_argument("--list", action="store_true", help="list mirrors and exit")
    parser.add_argument("--history", type=int, metavar="ID", help="show a mirror's sync runs")
    parser.add_argument("--add-spotify", metavar="PLAYLIST", help="mirror a Spotify playlist")
    parser.add_argument("--add-liked", action="store_true", help="mirror Spotify Liked Songs")
    parser.add_argument("--add-youtube", metavar="LINK", help="mirror a YouTube playlist")
    parser.add_argument("--name", default="", help="name for a new mirror")
    parser.add_argument("--auto-download", action="store_true",
                        help="new mirror: download new tracks automatically")
    parser.add_argument("--keep-removed", action="store_true",
                        help="new mirror: keep tracks deleted remotely")
    parser.add_argument("--remove", type=int, metavar="ID",
                        help="stop mirroring (the playlist stays, as your own)")
    parser.set_defaults(func=run)


def run(args) -> int:
    ctx = open_context(args)
    try:
        return _run(args, SyncService(ctx))
    finally:
        ctx.close()


def _run(args, sync: SyncService) -> int:
    options = {"auto_download": args.auto_download, "keep_removed": args.keep_removed}
    if args.add_spotify or args.add_liked or args.add_youtube:
        if args.add_spotify:
            mirror = sync.add_spotify_playlist(args.add_spotify, args.name, **options)
        elif args.add_liked:
            mirror = sync.add_liked_songs(**options)
        else:
            mirror = sync.add_youtube_playlist(args.add_youtube, args.name, **options)
        print(f"Mirror {mirror.id} added: {mirror.name}. Run `cdcollector sync` to fetch it.")
        return 0
    if args.remove is not None:
        sync.remove(args.remove)
        print(f"Mirror {args.remove} removed; its playlist is now yours to edit.")
        return 0
    if args.list:
        mirrors = sync.mirrors()
        if args.json:
            print_json([asdict(m) for m in mirrors])
        else:
            print_table(("id", "kind", "name", "playlist", "last synced", "paused or refused"),
                        ((m.id, m.kind.value, m.name, m.playlist_id, m.last_synced_at or "never",
                          m.refused_reason or m.pause_reason or "") for m in mirrors))
        return 0
    if args.history is not None:
        runs = sync.history(args.history)
        if args.json:
            print_json([asdict(r) for r in runs])
        else:
            print_table(("run", "started", "status", "changes"),
                        ((r.id, r.started_at, r.status, r.summary) for r in runs))
        return 0
    runs = [sync.sync(args.mirror)] if args.mirror is not None else \
        sync.sync_all(only_due=not args.all)
    names = {m.id: m.name for m in sync.mirrors()}
    if args.json:
        print_json([asdict(r) for r in runs])
    elif not runs:
        print("No mirrors to sync. Add one with --add-spotify, --add-liked or --add-youtube.")
    for r in runs if not args.json else ():
        print(f"{names.get(r.source_id, r.source_id)}: {r.summary}")
        for note in filter(None, r.notes.splitlines()):
            print(f"  note: {note}")
    return 1 if any(r.status in ("failed", "paused", "refused") for r in runs) else 0
