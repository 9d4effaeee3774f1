"""Reading on the worker pool: same results as in-process, and no file lost when workers fail."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest

from cdcollector.domain.cancel import CancelToken
from cdcollector.library import parallel_read, tag_reader


@pytest.fixture
def sample_paths(tinytag_dir) -> list[str]:
    paths = [str(p) for p in sorted(tinytag_dir.iterdir())]
    assert len(paths) > parallel_read.INLINE_LIMIT  # enough to take the pool path
    return paths


def read_list(paths, workers: int, cancel=None) -> list:
    with parallel_read.TagReader(workers) as reader:
        return [r for group in reader.read_all(paths, cancel) for r in group]


def read(paths, workers: int) -> dict:
    return dict(read_list(paths, workers))


def test_chunks_are_bounded():
    assert parallel_read.chunk_size(2000, 2) == parallel_read.MAX_CHUNK
    assert parallel_read.chunk_size(50, 2) == parallel_read.MIN_CHUNK
    assert parallel_read.chunk_size(400, 2) == 25  # ~8 chunks per worker


def test_few_files_are_read_in_process(sample_paths, monkeypatch):
    monkeypatch.setattr(parallel_read, "_make_pool", lambda workers: pytest.fail("no pool"))
    assert len(read(sample_paths[: parallel_read.INLINE_LIMIT - 1], workers=2)) == (
        parallel_read.INLINE_LIMIT - 1)


def test_workers_that_cannot_start_leave_the_work_to_this_process(sample_paths, monkeypatch):
    def no_pool(workers):
        raise OSError("cannot start processes here")

    monkeypatch.setattr(parallel_read, "_make_pool", no_pool)
    assert read(sample_paths, workers=2) == read(sample_paths, workers=1)


class _DiesOnFirstChunk(ThreadPoolExecutor):
    """Starts fine, then behaves like a pool whose worker process was killed."""

    broke = 0

    def submit(self, fn, /, *args, **kwargs):
        if fn is tag_reader.read_many:
            _DiesOnFirstChunk.broke += 1
            future: Future = Future()
            future.set_exception(BrokenProcessPool("a worker died"))
            return future
        return super().submit(fn, *args, **kwargs)


def test_a_broken_pool_loses_no_file(sample_paths, monkeypatch):
    monkeypatch.setattr(parallel_read, "_make_pool", lambda workers: _DiesOnFirstChunk(1))
    paths = sample_paths * 3  # long enough for the pool to take part
    got = read_list(paths, workers=2)
    assert _DiesOnFirstChunk.broke >= 1
    assert sorted(p for p, _ in got) == sorted(paths)  # every file exactly once
    assert dict(got) == read(sample_paths, workers=1)


def test_cancel_on_the_pool_stops_reading(sample_paths):
    token = CancelToken()
    seen = 0
    with parallel_read.TagReader(2) as reader:
        for group in reader.read_all(sample_paths * 4, cancel=token):
            seen += len(group)
            token.cancel()
    assert 0 < seen < len(sample_paths) * 4


def test_fork_only_while_this_is_the_only_thread():
    release = threading.Event()
    helper = threading.Thread(target=release.wait)
    helper.start()
    try:
        assert not parallel_read._fork_is_safe()
    finally:
        release.set()
        helper.join()


def test_the_forkserver_path_reads_the_same(sample_paths, monkeypatch):
    """The app's path: its Qt threads rule out a fork."""
    monkeypatch.setattr(parallel_read, "_fork_is_safe", lambda: False)
    assert read(sample_paths, workers=2) == read(sample_paths, workers=1)


FORKED_READ = """
import json, sys
from cdcollector.library import parallel_read
paths = json.loads(sys.argv[1])
safe = parallel_read._fork_is_safe()
reader = parallel_read.TagReader(2)
results = [r for group in reader.read_all(paths) for r in group]
forked = reader._starter.pool._mp_context.get_start_method()
reader.close()
print(json.dumps({"safe": safe, "forked": forked, "read": len(results)}))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_a_single_threaded_process_forks_its_workers(sample_paths):
    """The CLI's path: no other thread, so the workers are forked copies, ready at once."""
    done = subprocess.run([sys.executable, "-c", FORKED_READ, json.dumps(sample_paths)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"safe": True, "forked": "fork",
                                       "read": len(sample_paths)}
