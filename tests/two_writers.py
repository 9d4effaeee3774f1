"""Runs one task in two real processes on one library, released together by a barrier."""

from __future__ import annotations

import multiprocessing
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

Interval = tuple[int, int]  # monotonic ns, comparable across processes on one host
BARRIER_TIMEOUT_S = 120


def _writer(home: str, task: Callable, items: Sequence, barrier, results) -> None:
    from cdcollector.services.context import AppContext

    try:
        ctx = AppContext.open(home=home)
        barrier.wait(BARRIER_TIMEOUT_S)
        calls: list[Interval] = []
        for item in items:
            start = time.monotonic_ns()
            task(ctx, item)
            calls.append((start, time.monotonic_ns()))
        ctx.close()
        results.put(("ok", calls))
    except BaseException:  # reported to the test, which fails with it
        results.put(("error", traceback.format_exc()))


def run_two_writers(home: Path, task: Callable, items_a: Sequence, items_b: Sequence
                    ) -> tuple[list[Interval], list[Interval]]:
    """`task(ctx, item)` for every item, one call at a time, A and B in parallel processes.

    `task` must be a module-level function (the processes are spawned, not forked).
    Returns each process's call intervals."""
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    writers = [spawn.Process(target=_writer, args=(str(home), task, items, barrier, results))
               for items in (items_a, items_b)]
    for writer in writers:
        writer.start()
    outcomes = [results.get(timeout=600) for _ in writers]
    for writer in writers:
        writer.join()
    errors = [value for kind, value in outcomes if kind == "error"]
    assert not errors, "\n".join(errors)
    return outcomes[0][1], outcomes[1][1]


def overlapping_calls(a: Sequence[Interval], b: Sequence[Interval]) -> int:
    """How many calls of A ran while some call of B was running."""
    return sum(any(sa < eb and sb < ea for sb, eb in b) for sa, ea in a)
