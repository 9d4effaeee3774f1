"""`cdcollector search TEXT`: search the local library, and with --online a catalogue too."""

from __future__ import annotations

from dataclasses import asdict

from cdcollector.commands.common import format_duration, open_context, print_json, print_table
from cdcollector.services.container import Services


def register(sub) -> None:
    parser = sub.add_parser("search", help="search the local library (and --online)")
    parser.add_argument("text", nargs="+", help="words to find (prefixes, any accents)")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--online", action="store_true",
                        help="also search online (YouTube Music, or Spotify with --source)")
    parser.add_argument("--source", default="ytmusic", choices=("ytmusic", "spotify"))
    parser.set_defaults(func=run)


def run(args) -> int:
    services = Services(open_context(args))
    text = " ".join(args.text)
    try:
        rows = services.library.search(text, limit=args.limit)
        online = services.discovery.search_online(text, args.source) if args.online else None
    finally:
        services.close()
    if args.json:
        payload = {"library": [asdict(r) for r in rows]}
        if online is not None:
            payload["online"] = {"songs": [asdict(s) for s in online.songs],
                                 "albums": [asdict(a) for a in online.albums],
                                 "artists": [asdict(a) for a in online.artists]}
        print_json(payload if online is not None else payload["library"])
        return 0
    if not rows:
        print("No tracks found.")
    else:
        print_table(
            ("id", "title", "artist", "album", "time", "format"),
            ((r.id, r.title, r.artist, r.album, format_duration(r.duration_s), r.format or "")
             for r in rows),
        )
    if online is not None:
        print(f"\nOnline ({args.source}):")
        print_table(("title", "artist", "album", "time", "id"),
                    ((s.title, s.artist_display, s.album or "", format_duration(s.duration_s),
                      s.id) for s in online.songs))
    return 0
