"""`cdcollector doctor`: list what CD-Collector found on this machine (and online, if asked)."""

from __future__ import annotations

from cdcollector.commands.common import open_context, print_json, print_table
from cdcollector.services.doctor import run_checks


def register(sub) -> None:
    parser = sub.add_parser("doctor", help="show ffmpeg, yt-dlp, keyring, database and burners")
    parser.add_argument("--online", action="store_true",
                        help="also make one real request to YouTube Music, YouTube (through "
                             "yt-dlp, nothing downloaded) and Spotify (when logged in)")
    parser.set_defaults(func=run)


def run(args) -> int:
    ctx = open_context(args)
    try:
        ctx.db.check_integrity()  # a damaged library is the one thing to fix first
        checks = run_checks(ctx)
        if args.online:
            from cdcollector.services.online_checks import run_online_checks

            checks += run_online_checks(ctx)
    finally:
        ctx.close()
    if args.json:
        print_json({c.name: {"ok": c.ok, "detail": c.detail} for c in checks})
    else:
        print_table(("check", "ok", "detail"), ((c.name, "yes" if c.ok else "no", c.detail)
                                                for c in checks))
    online_failed = args.online and not all(c.ok for c in checks if c.name.endswith("(online)"))
    return 1 if online_failed else 0
