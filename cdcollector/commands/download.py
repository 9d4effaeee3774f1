"""`cdcollector download LINK|QUERY... [--from FILE]`: queue, download and report with a bar."""

from __future__ import annotations

import os
import sys
from dataclasses import asdict
from pathlib import Path

from cdcollector.commands.common import ProgressBar, open_context, print_json
from cdcollector.commands.explain import explain_lines
from cdcollector.domain.errors import ConfigError
from cdcollector.domain.types import DownloadState, PlaylistEntryRow
from cdcollector.downloads.naming import safe_component
from cdcollector.library import m3u
from cdcollector.library.filewrite import write_text_atomic
from cdcollector.library.tracks import find_track
from cdcollector.services.download_inputs import Batch, Item, read_list_file, resolve_all
from cdcollector.services.download_views import DownloadJobView
from cdcollector.services.downloads import DownloadService
from cdcollector.services.library import track_to_row

POLL_S = 0.2


def register(sub) -> None:
    parser = sub.add_parser("download", help="download songs, albums, artists or playlists")
    parser.add_argument("items", nargs="*", metavar="LINK|QUERY",
                        help="a YouTube (Music) link, or words to search for a song")
    parser.add_argument("--from", dest="from_file", metavar="FILE",
                        help="one link or search per line, or a TOML file with tracks, albums, "
                             "artists and playlists lists (m3u = true writes an M3U)")
    parser.add_argument("--parallel", type=int, help="downloads at the same time")
    parser.add_argument("--explain", action="store_true",
                        help="show why each recording was picked: the parts of its match score")
    parser.set_defaults(func=run)


def _items(args) -> list[Item]:
    items = [Item(" ".join(text.split())) for text in args.items if text.strip()]
    if args.from_file:
        items += read_list_file(args.from_file)
    if not items:
        raise ConfigError("Nothing to download: give links, search words or --from FILE.")
    return items


def run(args) -> int:
    ctx = open_context(args)
    service = None
    try:
        service = DownloadService(ctx, parallel=args.parallel)
        catalog = service.provider.catalog
        if catalog is None:
            raise ConfigError("No catalogue is available to look up links and searches.")
        batches, unresolved = resolve_all(_items(args), catalog)
        job_ids: list[int] = []
        for batch in batches:
            job_ids += [i for i in service.enqueue(batch.refs) if i not in job_ids]
        _wait_with_bar(service, job_ids)
        jobs = [service.job(i) for i in job_ids]
        written = [_write_m3u(ctx, b) for b in batches if b.item.m3u]
    finally:
        if service is not None:
            service.shutdown()  # after Ctrl-C: running jobs go back to the queue
        ctx.close()
    failed = [j for j in jobs if j.state != DownloadState.DONE]
    if getattr(args, "json", False):
        print_json({"jobs": [asdict(j) for j in jobs], "unresolved": unresolved,
                    "m3u": [str(p) for p in written if p]})
    else:
        _print_report(jobs, failed, unresolved, written)
        if args.explain:
            for job in jobs:
                print("\n".join(explain_lines(job)))
    return 1 if failed or unresolved else 0


def _wait_with_bar(service: DownloadService, job_ids: list[int]) -> None:
    bar = ProgressBar("Downloading", len(job_ids))
    wanted = set(job_ids)
    while not service.wait_settled(job_ids, POLL_S):  # another process may run some of them
        jobs = [j for j in service.list_jobs() if j.id in wanted]
        finished = sum(1 for j in jobs
                       if j.state.is_final or j.state == DownloadState.NEEDS_REVIEW)
        active = [j for j in jobs if j.state.is_active]
        partial = sum(j.progress for j in active)
        note = f"{len(active)} active" + (f", {active[0].title}" if active else "")
        bar.update(min(finished + int(partial), len(job_ids)), note)
    bar.update(len(job_ids))
    bar.finish()


def _reason(job: DownloadJobView) -> str:
    if job.state == DownloadState.NEEDS_REVIEW:
        return (f"needs review: the best match scored {job.score:.0f}/100; "
                "choose a recording in the Downloads pane")
    return job.error or job.state.value


def _print_report(jobs, failed, unresolved, written) -> None:
    done = len(jobs) - len(failed)
    print(f"Downloaded {done} of {len(jobs)} tracks.")
    for path in written:
        if path:
            print(f"Wrote {path}")
    if failed or unresolved:
        print("Failed:", file=sys.stderr)
        for text, reason in unresolved:
            print(f"  {text}: {reason}", file=sys.stderr)
        for job in failed:
            label = f"{job.artist} - {job.title}" if job.artist else job.title
            print(f"  {label}: {_reason(job)}", file=sys.stderr)


def _write_m3u(ctx, batch: Batch) -> Path | None:
    """An M3U8 beside the batch's files (their common folder), with relative paths."""
    with ctx.db.session() as session:
        tracks = [find_track(session, ref) for ref in batch.refs]
    rows = [track_to_row(t) for t in tracks if t is not None and t.path]
    if not rows:
        return None
    folder = os.path.commonpath([os.path.dirname(r.path) for r in rows])
    target = Path(folder) / (safe_component(batch.name, 240) + ".m3u8")
    entries = [PlaylistEntryRow(entry_id=i, position=i, track=row)
               for i, row in enumerate(rows)]
    text, _skipped = m3u.render(entries, target, True, batch.name)
    write_text_atomic(target, text)
    return target
