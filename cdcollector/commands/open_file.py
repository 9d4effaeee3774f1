"""`cdcollector open FILE`: what a double-click runs — forward to the running window or open one."""

from __future__ import annotations

import os

from cdcollector.domain.errors import PlaylistFileError


def register(sub) -> None:
    parser = sub.add_parser("open", help="open a playlist file in the app (for file associations)")
    parser.add_argument("file", help="a .cdcplaylist, .m3u or .m3u8 file")
    parser.set_defaults(func=run)


def run(args) -> int:
    path = os.path.abspath(args.file)
    if not os.path.isfile(path):
        raise PlaylistFileError(f"No such file: {args.file}")
    from cdcollector.app import run_app

    return run_app(home=args.home, files=[path], qt_args=[], self_test=False)
