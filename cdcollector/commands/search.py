"""`cdcollector search TEXT`: search the local library."""

from __future__ import annotations

from dataclasses import asdict

from cdcollector.commands.common import format_duration, open_context, print_json, print_table
from cdcollector.services.library import LibraryService


def register(sub) -> None:
    parser = sub.add_parser("search", help="search the local library")
    parser.add_argument("text", nargs="+", help="words to find (prefixes, any accents)")
    parser.add_argument("--limit", type=int, default=50)
    parser.set_defaults(func=run)


def run(args) -> int:
    ctx = open_context(args)
    try:
        rows = LibraryService(ctx).search(" ".join(args.text), limit=args.limit)
    finally:
        ctx.close()
    if args.json:
        print_json([asdict(r) for r in rows])
        return 0
    if not rows:
        print("No tracks found.")
        return 0
    print_table(
        ("id", "title", "artist", "album", "time", "format"),
        ((r.id, r.title, r.artist, r.album, format_duration(r.duration_s), r.format or "")
         for r in rows),
    )
    return 0
