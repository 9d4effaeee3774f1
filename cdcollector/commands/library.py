"""`cdcollector library restore [BACKUP]`: list the library's backups, or restore one."""

from __future__ import annotations

import argparse

from cdcollector.commands.common import print_json, print_table
from cdcollector.domain.bounds import ascii_int, echo
from cdcollector.domain.errors import LibraryError
from cdcollector.paths import AppPaths
from cdcollector.services.backups import BackupService


def register(sub) -> None:
    parser = sub.add_parser("library", help="the library file itself: restore a backup")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    restore = actions.add_parser(
        "restore", help="list backups (newest first), or restore one by number or path; "
                        "the current library is kept beside it")
    restore.add_argument("backup", nargs="?", metavar="BACKUP")
    restore.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                         help="print machine-readable JSON")
    restore.set_defaults(func=run)


def run(args) -> int:
    # No AppContext: a library that cannot be opened is exactly what this is for.
    service = BackupService(AppPaths.resolve(getattr(args, "home", None)))
    backups = service.list()
    if args.backup is None:
        _print(backups, args.json)
        return 0
    number = ascii_int(args.backup)
    if number is not None and args.backup.strip() == str(number):
        if not 1 <= number <= len(backups):
            raise LibraryError(f"There is no backup number {number}; "
                               "`cdcollector library restore` lists them.")
        chosen = backups[number - 1].path
    else:
        chosen = args.backup
    aside = service.restore(chosen)
    kept = f"; the previous library is kept at {aside}" if aside else ""
    print(f"Restored {echo(chosen)}{kept}.")
    return 0


def _print(backups, as_json: bool) -> None:
    if as_json:
        print_json([{"number": n, "path": b.path, "made_at": b.made_at.isoformat(),
                     "schema": b.schema, "size": b.size} for n, b in enumerate(backups, 1)])
    elif not backups:
        print("No backups yet: one is made before each upgrade of the library.")
    else:
        print_table(("#", "made", "schema", "size", "file"), (
            (n, b.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), b.schema or "unreadable",
             f"{b.size / 1_000_000:.1f} MB", b.path) for n, b in enumerate(backups, 1)))
