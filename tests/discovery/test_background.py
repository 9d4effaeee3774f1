"""BackgroundCalls: answers arrive on the UI thread; on one channel only the newest counts."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, QThreadPool

from cdcollector.domain.errors import CatalogError
from cdcollector.ui.background import MIN_THREADS, URGENT, BackgroundCalls


def test_answers_arrive_on_the_ui_thread(qtbot):
    calls = BackgroundCalls()
    seen = []
    worker_threads = []

    def work():
        worker_threads.append(threading.current_thread())
        return 42

    calls.run(work, lambda value: seen.append((value, QThread.currentThread())))
    qtbot.waitUntil(lambda: seen != [])
    assert seen == [(42, calls.thread())]
    assert worker_threads[0] is not threading.main_thread()


def test_errors_go_to_on_error_and_bugs_become_one_line_errors(qtbot):
    calls = BackgroundCalls()
    errors = []

    def fails():
        raise CatalogError("YouTube Music is having trouble.")

    def bug():
        raise ZeroDivisionError("oops")

    calls.run(fails, lambda _: None, errors.append)
    calls.run(bug, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 2)
    messages = sorted(str(e) for e in errors)
    assert messages == ["Something went wrong: oops", "YouTube Music is having trouble."]


def test_a_newer_call_on_a_channel_supersedes_older_ones(qtbot):
    calls = BackgroundCalls()
    gate = threading.Event()
    got = []
    calls.run(lambda: gate.wait(10) and "old", got.append, channel="q")
    calls.run(lambda: "new", got.append, channel="q")
    qtbot.waitUntil(lambda: got == ["new"])
    gate.set()
    qtbot.waitUntil(lambda: calls.dropped == 1)
    assert got == ["new"]
    calls.run(lambda: "other", got.append, channel="other")  # channels are independent
    qtbot.waitUntil(lambda: got == ["new", "other"])


def test_supersede_drops_what_is_in_flight(qtbot):
    calls = BackgroundCalls()
    gate = threading.Event()
    got = []
    calls.run(lambda: gate.wait(10), got.append, channel="q")
    assert calls.is_busy("q")
    calls.supersede("q")
    assert not calls.is_busy("q")
    gate.set()
    qtbot.waitUntil(lambda: calls.dropped == 1)
    assert got == []


def test_urgent_calls_start_before_queued_covers(qtbot):
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    calls = BackgroundCalls(pool=pool)
    gate = threading.Event()
    order = []
    calls.run(lambda: gate.wait(10), lambda _: None)  # occupies the only thread
    calls.run(lambda: order.append("cover"), lambda _: None)
    calls.run(lambda: order.append("search"), lambda _: None, priority=URGENT)
    gate.set()
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["search", "cover"]
    pool.waitForDone()


def test_the_shared_pool_gets_enough_threads_for_network_calls(qtbot):
    BackgroundCalls()
    assert QThreadPool.globalInstance().maxThreadCount() >= MIN_THREADS


def test_an_answer_for_a_deleted_owner_is_dropped_quietly(qtbot):
    import shiboken6
    from PySide6.QtCore import QObject

    parent = QObject()
    gone = BackgroundCalls(parent)
    alive = BackgroundCalls()
    gate = threading.Event()
    got = []
    gone.run(lambda: gate.wait(10) and "late", got.append)
    shiboken6.delete(parent)  # the pane closes while its call still runs
    gate.set()
    alive.run(lambda: "fresh", got.append)
    qtbot.waitUntil(lambda: got == ["fresh"])
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)  # let any queued answer arrive
    assert got == ["fresh"]
