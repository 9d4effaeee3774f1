"""`cdcollector doctor`: list what CD-Collector found on this machine."""

from __future__ import annotations

from cdcollector.commands.common import open_context, print_json, print_table
from cdcollector.services.doctor import run_checks


def register(sub) -> None:
    parser = sub.add_parser("doctor", help="show ffmpeg, keyring, database and burner status")
    parser.set_defaults(func=run)


def run(args) -> int:
    ctx = open_context(args)
    try:
        checks = run_checks(ctx)
    finally:
        ctx.close()
    if args.json:
        print_json({c.name: {"ok": c.ok, "detail": c.detail} for c in checks})
    else:
        print_table(("check", "ok", "detail"), ((c.name, "yes" if c.ok else "no", c.detail)
                                                for c in checks))
    return 0
