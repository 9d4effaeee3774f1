"""`cdcollector ytdlp status|update|rollback`: keep yt-dlp current without a new app release."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cdcollector.commands.common import ProgressBar, print_json
from cdcollector.paths import AppPaths


def register(sub) -> None:
    parser = sub.add_parser("ytdlp", help="show, update or roll back the yt-dlp in use")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="which yt-dlp runs and which the next start loads")
    status.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print machine-readable JSON")
    status.set_defaults(func=_status)
    actions.add_parser("update", help="install the newest yt-dlp for the next start") \
        .set_defaults(func=_update)
    actions.add_parser("rollback", help="go back to the previous yt-dlp for the next start") \
        .set_defaults(func=_rollback)
    # Hidden: the updater starts this on a candidate folder in a fresh process.
    check = actions.add_parser("self-check")
    check.add_argument("--dir", required=True)
    check.add_argument("--version", required=True)
    check.add_argument("--ejs", required=True)
    check.add_argument("--report", required=True, help="write the JSON answer to this file")
    check.set_defaults(func=_self_check)


def _data_dir(args) -> Path:
    return AppPaths.resolve(getattr(args, "home", None)).data_dir


def _status(args) -> int:
    from cdcollector.downloads.ytdlp_status import status

    report = status(_data_dir(args))
    if args.json:
        print_json(report.as_json())
    else:
        print("\n".join(report.lines()))
    return 0


def _update(args) -> int:
    from cdcollector.downloads.ytdlp_update import update

    bar = ProgressBar("yt-dlp", 100)
    try:
        result = update(_data_dir(args),
                        progress=lambda text, fraction: bar.update(int(fraction * 100), text))
    finally:
        bar.finish()
    print(result.message)
    return 0


def _rollback(args) -> int:
    from cdcollector.downloads.ytdlp_update import rollback

    print(rollback(_data_dir(args)))
    return 0


def _self_check(args) -> int:
    from cdcollector.downloads.ytdlp_status import self_check

    problem = self_check(Path(args.dir), args.version, args.ejs)
    Path(args.report).write_text(json.dumps({"problem": problem}), encoding="utf-8")
    return 1 if problem else 0
