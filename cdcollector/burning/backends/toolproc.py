"""Runs a burner program: streams its output line by line, cancels it with SIGINT."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError, NoDriveError

# cdrecord redraws progress with \r and erases with backspaces; cdrdao uses \r too.
_SPLIT = re.compile(r"[\r\n\b]+")
QUICK_TIMEOUT_S = 8.0
OUTPUT_KEPT = 400  # lines kept for error classification


@dataclass(frozen=True)
class ToolResult:
    returncode: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def split_output(chunk: str, pending: str = "") -> tuple[list[str], str]:
    """Split `pending + chunk` on CR, LF and backspaces: (whole lines, unfinished rest)."""
    data = pending + chunk
    parts = _SPLIT.split(data)
    rest = parts.pop()  # text after the last separator is not finished yet
    return [p for p in parts if p.strip()], rest


def run_quick(argv: Sequence[str], timeout: float = QUICK_TIMEOUT_S) -> ToolResult:
    """Run a short query (--devices, -atip, disk-info); a hung drive gives up after `timeout`."""
    try:
        done = subprocess.run(
            list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BurnError(
            f"{Path(argv[0]).name} did not answer within {timeout:.0f} s; the drive may be busy."
        ) from exc
    except OSError as exc:
        raise NoDriveError(f"Could not run {Path(argv[0]).name}: {exc.strerror or exc}.") from exc
    text = done.stdout.decode("utf-8", errors="replace")
    lines, rest = split_output(text)
    if rest.strip():
        lines.append(rest)
    return ToolResult(done.returncode, tuple(lines))


class ToolProcess:
    """One running burn: feeds every output line to `on_line`; `interrupt()` stops it.

    `cancel_signal` picks the signal when cancelling (SIGINT, like Ctrl+C, unless the tool
    needs another one at that moment).
    """

    def __init__(self, argv: Sequence[str], cwd: Path | None = None,
                 cancel_signal: Callable[[], int] | None = None):
        self.argv = list(argv)
        self.cwd = cwd
        self.cancel_signal = cancel_signal or (lambda: signal.SIGINT)
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self.interrupted = False

    def run(self, on_line: Callable[[str], None], cancel: CancelToken) -> ToolResult:
        try:
            self._proc = subprocess.Popen(
                self.argv, cwd=self.cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, bufsize=0,
            )
        except OSError as exc:
            raise NoDriveError(
                f"Could not run {Path(self.argv[0]).name}: {exc.strerror or exc}."
            ) from exc
        watcher = threading.Thread(target=self._watch_cancel, args=(cancel,), daemon=True)
        watcher.start()
        try:
            kept = self._read_all(on_line)
        except BaseException:
            # whoever listens failed: never leave a burner running unattended
            self.interrupt()
            self._proc.stdout.close()  # nobody reads any more: let its next write fail
            self._proc.wait()
            raise
        returncode = self._proc.wait()
        return ToolResult(returncode, tuple(kept[-OUTPUT_KEPT:]))

    def _read_all(self, on_line: Callable[[str], None]) -> list[str]:
        kept: list[str] = []
        pending = ""
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        while chunk := os.read(fd, 4096):
            lines, pending = split_output(chunk.decode("utf-8", errors="replace"), pending)
            for line in lines:
                kept.append(line)
                on_line(line)
        if pending.strip():
            kept.append(pending)
            on_line(pending)
        return kept

    def _watch_cancel(self, cancel: CancelToken) -> None:
        while self._proc is not None and self._proc.poll() is None:
            if cancel.wait(0.1):
                self.interrupt()
                return

    def interrupt(self) -> None:
        """Signal the tool to stop: cleanly while it is still before its point of no return."""
        with self._lock:
            if self._proc is not None and self._proc.poll() is None:
                self.interrupted = True
                if os.name == "nt":
                    self._proc.terminate()
                else:
                    self._proc.send_signal(self.cancel_signal())
