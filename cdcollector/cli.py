"""Command line: `cdcollector` opens the window; subcommands work headless (see DESIGN.md)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from cdcollector import __version__
from cdcollector.commands import COMMAND_MODULES, load_command
from cdcollector.domain.errors import CollectorError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdcollector",
        description="Collect music, keep playlists, download what you lack, burn audio CDs.",
    )
    parser.add_argument("--version", action="version", version=f"CD-Collector {__version__}")
    parser.add_argument("--home", metavar="DIR", help="keep all data under DIR (portable mode)")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        load_command(name).register(sub)
    return parser


def _global_options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--home")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--self-test", action="store_true")
    return parser


def _wants_window(rest: list[str]) -> bool:
    """No subcommand (only Qt's own options, if any): open the window."""
    if any(token in ("-h", "--help", "--version") for token in rest):
        return False
    return not rest or rest[0].startswith("-")


def _activate_ytdlp(home: str | None) -> None:
    """Before anything imports yt_dlp: an updated copy in the data folder goes first."""
    from cdcollector.downloads.ytdlp_overlay import activate
    from cdcollector.paths import AppPaths

    activate(AppPaths.resolve(home).data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    options, rest = _global_options().parse_known_args(argv)
    _activate_ytdlp(options.home)
    if _wants_window(rest):
        # Straight to the window: the command modules (and what they import) are not loaded.
        from cdcollector.app import run_app

        return run_app(home=options.home, files=[], qt_args=rest, self_test=options.self_test)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.error("choose a command, or no arguments at all to open the window")
    try:
        return int(args.func(args) or 0)
    except CollectorError as exc:
        print(f"cdcollector: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cdcollector: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`cdcollector search x | head`): stop quietly, as `cat` does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
