"""Read tags of many files on every core: chunks to a process pool, few in flight, cancellable."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from cdcollector.domain.cancel import CancelToken
from cdcollector.library import tag_reader
from cdcollector.library.tag_reader import TagRecord, Unreadable

log = logging.getLogger(__name__)

# Below this many files starting workers (~0.1 s of CPU) costs more than it saves.
INLINE_LIMIT = 200
# Files per IPC round-trip: large enough that pickling is noise, small enough that the
# workers finish together and a cancel is quick.
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


class TagReader:
    """Reads tags on every core. Its workers can be started before the files are known
    (`warm_up`), so they start while an import is still scanning; `close` stops them."""

    def __init__(self, workers: int | None = None):
        self.workers = default_workers() if workers is None else workers
        self._starter: _PoolStarter | None = None

    def __enter__(self) -> TagReader:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def warm_up(self) -> None:
        """Start the worker pool in the background now, unless started or single-core."""
        if self.workers > 1 and self._starter is None:
            self._starter = _PoolStarter(self.workers)

    def read_all(self, paths: list[str], cancel: CancelToken | None = None
                 ) -> Iterator[list[Result]]:
        """Yield (path, record) groups as they are read; stops early once `cancel` is set."""
        if self.workers <= 1 or len(paths) < INLINE_LIMIT:
            yield from _read_inline(paths, cancel)
            return
        self.warm_up()
        yield from _read_pooled(paths, cancel, self._starter)

    def close(self) -> None:
        if self._starter is not None:
            self._starter.abandon()
            self._starter = None


def _read_inline(paths: list[str], cancel: CancelToken | None) -> Iterator[list[Result]]:
    for path in paths:
        if cancel is not None and cancel.cancelled:
            return
        yield [(path, tag_reader.read_tags(path))]


def _init_worker() -> None:
    # Ctrl-C is the parent's to handle; workers just finish or get shut down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """Exit as soon as the parent is gone, so a killed import leaves no worker holding its
    library, log and pipes. On Linux the kernel sends SIGKILL when the parent dies; on every
    platform a thread waits on multiprocessing's parent sentinel (a pipe end or a process
    handle that becomes ready when the parent exits)."""
    if sys.platform == "linux":
        _kernel_kills_orphans()
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), name="parent-watch",
                         daemon=True).start()


def _kernel_kills_orphans() -> None:
    import ctypes  # here: only workers on Linux need it

    pr_set_pdeathsig = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the parent watch below still ends the worker


def _exit_after(parent) -> None:
    parent.join()  # returns once the parent has exited (or at once, if it already has)
    os._exit(1)


def _fork_is_safe() -> bool:
    """A fork copies only the calling thread, so it is safe while that is the only thread
    (the CLI; the app has Qt's threads). Linux only: macOS frameworks do not survive a fork."""
    return sys.platform == "linux" and threading.active_count() == 1


def _make_pool(workers: int) -> ProcessPoolExecutor:
    # fork where safe: workers are copies of this process, ready in milliseconds. Otherwise
    # forkserver: no fork of a threaded process, yet workers start from a warm template that
    # has already imported mutagen and the main module (so no worker imports them again);
    # starting it takes about 0.1 s.
    if _fork_is_safe():
        context = multiprocessing.get_context("fork")
    else:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods
                                              else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["__main__", tag_reader.__name__, __name__])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_init_worker)


def _probe() -> bool:
    return True


class _PoolStarter:
    """Starts the worker pool: at once where it can fork, else on a helper thread, so this
    process reads files meanwhile."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.ready = threading.Event()  # set when the pool works, or failed to start
        self._lock = threading.Lock()
        self._abandoned = False
        if _fork_is_safe():  # before any helper thread exists; takes milliseconds
            self._start(workers)
            return
        # Not a daemon: at exit the interpreter lets it finish starting and stopping workers.
        threading.Thread(target=self._start, args=(workers,), name="tag-pool-start").start()

    def _start(self, workers: int) -> None:
        pool = None
        try:
            pool = _make_pool(workers)
            pool.submit(_probe).result()  # the first submit starts a worker
        except Exception:
            if not self._abandoned:  # once abandoned (or at exit) a failure is no news
                log.warning("Could not start tag-reading workers; reading in-process",
                            exc_info=True)
            _stop(pool)
            pool = None
        with self._lock:
            keep = not self._abandoned
            if keep:
                self.pool = pool
        if not keep:
            _stop(pool)
        self.ready.set()

    def abandon(self) -> None:
        """Stop the pool now, or as soon as it has started if it is still starting."""
        with self._lock:
            self._abandoned = True
            pool, self.pool = self.pool, None
        _stop(pool)


def _stop(pool: ProcessPoolExecutor | None) -> None:
    if pool is not None:
        # Waiting matters: a worker still starting up must not find its queues gone.
        pool.shutdown(wait=True, cancel_futures=True)


def _read_pooled(paths: list[str], cancel: CancelToken | None, starter: _PoolStarter
                 ) -> Iterator[list[Result]]:
    size = chunk_size(len(paths), starter.workers)
    chunks = deque(paths[i:i + size] for i in range(0, len(paths), size))
    while chunks and not starter.ready.is_set():  # workers still starting: read here
        yield from _read_inline(chunks.popleft(), cancel)
        if cancel is not None and cancel.cancelled:
            return
    if chunks and starter.pool is not None:
        yield from _read_on_pool(starter.pool, chunks, cancel)
    for chunk in chunks:  # no pool, or it broke: finish in this process
        yield from _read_inline(chunk, cancel)


def _read_on_pool(pool: ProcessPoolExecutor, chunks: deque[list[str]],
                  cancel: CancelToken | None) -> Iterator[list[Result]]:
    """Queue every chunk at once, so workers never wait while this process writes to the DB.

    Queued chunks cost nothing to cancel (the pool hands workers only a few at a time). If the
    pool breaks, the chunks not yet read are put back into `chunks`.
    """
    queued = {pool.submit(tag_reader.read_many, chunk): chunk for chunk in chunks}
    chunks.clear()
    pending = set(queued)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        finished = list(done)
        for index, future in enumerate(finished):
            try:
                records = future.result()
            except BrokenProcessPool:
                log.warning("Tag-reading workers stopped; reading the rest in-process")
                unread = [*finished[index:], *pending]
                chunks.extend(sorted((queued[f] for f in unread), key=lambda c: c[0]))
                return
            yield list(zip(queued[future], records, strict=True))
        if cancel is not None and cancel.cancelled:
            return  # queued chunks are dropped with the pool; read on the next import
