"""Unhandled exceptions are logged with their traceback and reported in one plain line."""

import logging
import sys
import threading

from cdcollector.domain.errors import BurnError
from cdcollector.ui.crash_handler import CrashReporter, describe


def _raise(exc):
    try:
        raise exc
    except BaseException:
        return sys.exc_info()


def test_describe_keeps_our_messages_and_summarises_others():
    assert describe(BurnError("The disc is not blank.")) == "The disc is not blank."
    assert "ZeroDivisionError" in describe(ZeroDivisionError("division by zero"))


def test_exception_is_logged_and_reported(qtbot, tmp_path, caplog):
    reporter = CrashReporter(tmp_path / "cdcollector.log")
    with caplog.at_level(logging.ERROR, logger="cdcollector.crash"):
        reporter.handle(*_raise(ValueError("boom")))
        qtbot.waitUntil(lambda: bool(reporter.shown))
    assert "ValueError: boom" in reporter.shown[0]
    assert "Traceback" in caplog.text and "ValueError: boom" in caplog.text


def test_thread_exceptions_reach_the_gui_thread(qtbot, tmp_path):
    reporter = CrashReporter(tmp_path / "cdcollector.log")
    reporter.install()
    try:
        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(reporter.shown))
    finally:
        reporter.uninstall()
    assert "ZeroDivisionError" in reporter.shown[0]
    assert threading.excepthook is not reporter._thread_hook
