"""Helpers shared by CLI subcommands: opening the library, printing tables, JSON, progress."""

from __future__ import annotations

import json
import math
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from typing import Any

from cdcollector.services.context import AppContext


def open_context(args) -> AppContext:
    return AppContext.open(home=getattr(args, "home", None))


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    rows = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=False)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False))
    print(line.rstrip())
    for row in rows:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=False)).rstrip())


def format_duration(seconds: float | None) -> str:
    """`m:ss` or `h:mm:ss`; "" when unknown (None, or a value that is no number of seconds)."""
    if seconds is None or not math.isfinite(seconds):
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class ProgressBar:
    """A one-line progress bar on stderr, redrawn at most 10 times a second; silent if not a tty."""

    def __init__(self, label: str, total: int, stream=None):
        self.label = label
        self.total = max(total, 0)
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0

    def update(self, done: int, note: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < self.total and now - self._last < 0.1:
            return
        self._last = now
        columns = shutil.get_terminal_size((80, 20)).columns
        fraction = done / self.total if self.total else 1.0
        bar_width = max(10, min(30, columns - 40))
        filled = int(bar_width * fraction)
        text = f"{self.label} [{'#' * filled}{'.' * (bar_width - filled)}] {done}/{self.total}"
        if note:
            text += " " + note
        self.stream.write("\r" + text[: columns - 1].ljust(columns - 1))
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
