"""Read tags of many files on every core: chunks to a process pool, few in flight, cancellable."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from cdcollector.domain.cancel import CancelToken
from cdcollector.library import tag_reader
from cdcollector.library.tag_reader import TagRecord, Unreadable

log = logging.getLogger(__name__)

# Below this many files a pool costs more to start than it saves.
INLINE_LIMIT = 40
# Files per IPC round-trip: large enough that pickling is noise, small enough to cancel fast
# and keep both workers busy until the end.
MAX_CHUNK = 48
MIN_CHUNK = 4

Result = tuple[str, TagRecord | Unreadable]


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


def chunk_size(count: int, workers: int) -> int:
    """About 8 chunks per worker, within bounds."""
    return max(MIN_CHUNK, min(MAX_CHUNK, count // (workers * 8) or MIN_CHUNK))


def read_all(paths: list[str], cancel: CancelToken | None = None, workers: int | None = None
             ) -> Iterator[list[Result]]:
    """Yield (path, record) groups as they are read; stops early once `cancel` is set."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(paths) < INLINE_LIMIT:
        yield from _read_inline(paths, cancel)
        return
    yield from _read_pooled(paths, cancel, workers)


def _read_inline(paths: list[str], cancel: CancelToken | None) -> Iterator[list[Result]]:
    for path in paths:
        if cancel is not None and cancel.cancelled:
            return
        yield [(path, tag_reader.read_tags(path))]


def _ignore_interrupts() -> None:
    # Ctrl-C is the parent's to handle; workers just finish or get shut down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _make_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: no fork of a threaded (Qt) process, yet workers start from a warm template.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload([tag_reader.__name__])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_ignore_interrupts)


def _read_pooled(paths: list[str], cancel: CancelToken | None, workers: int
                 ) -> Iterator[list[Result]]:
    size = chunk_size(len(paths), workers)
    chunks = iter([paths[i:i + size] for i in range(0, len(paths), size)])
    in_flight: dict[Future, list[str]] = {}
    pool = _make_pool(workers)
    workers_up = broken = False
    try:
        while True:
            while not broken and len(in_flight) < workers * 3:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                in_flight[pool.submit(tag_reader.read_many, chunk)] = chunk
            if not in_flight:
                if broken:
                    # The pool died (a worker was killed): finish in this process.
                    for chunk in chunks:
                        yield from _read_inline(chunk, cancel)
                return
            if not workers_up:
                # Starting workers takes a while: read here meanwhile instead of waiting.
                done, _ = wait(in_flight, timeout=0)
                chunk = None if done else next(chunks, None)
                if chunk is not None:
                    yield from _read_inline(chunk, cancel)
                    if cancel is not None and cancel.cancelled:
                        return
                    continue
                workers_up = True
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = in_flight.pop(future)
                try:
                    records = future.result()
                except BrokenProcessPool:
                    log.warning("Tag-reading workers stopped; reading the rest in-process")
                    broken = True
                    yield from _read_inline(chunk, cancel)
                    continue
                yield list(zip(chunk, records, strict=True))
            if cancel is not None and cancel.cancelled:
                return  # chunks still running are dropped; they are read on the next import
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
