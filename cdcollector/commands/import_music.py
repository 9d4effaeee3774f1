"""`cdcollector import PATH...`: add music files and folders to the library."""

from __future__ import annotations

import os
from dataclasses import asdict

from cdcollector.commands.common import ProgressBar, open_context, print_json
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.types import ImportSummary
from cdcollector.services.importer import ImportService


def register(sub) -> None:
    parser = sub.add_parser(
        "import", help="scan music files and folders into the library",
        description="Scan files and folders into the library. Unchanged files are skipped; "
                    "moved and deleted files are noticed; unreadable files are listed.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a music folder or file")
    parser.set_defaults(func=run)


def run(args) -> int:
    ctx = open_context(args)
    bar: ProgressBar | None = None

    def progress(done: int, total: int, path: str) -> None:
        nonlocal bar
        if bar is None:
            bar = ProgressBar("Importing", total)
        bar.update(done, os.path.basename(path))

    try:
        summary = ImportService(ctx).import_paths(args.paths, progress=progress,
                                                  cancel=CancelToken())
    finally:
        if bar is not None:
            bar.finish()
        ctx.close()
    if args.json:
        data = asdict(summary)
        data["skipped"] = [{"path": p, "reason": r} for p, r in summary.skipped]
        print_json(data)
    else:
        print_summary(summary)
    return 0


def print_summary(summary: ImportSummary) -> None:
    head = "Import cancelled" if summary.cancelled else "Import finished"
    print(f"{head}: {summary.scanned} files scanned.")
    print(f"  added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
          f"moved {summary.moved}, missing {summary.removed}, skipped {len(summary.skipped)}")
    if summary.skipped:
        print("Skipped:")
        for path, reason in summary.skipped:
            print(f"  {path}: {reason}")
