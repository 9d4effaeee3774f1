"""A real, tiny file system to fill up: a tmpfs mounted on a test folder where that is allowed."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

FILLER = ".filler"


@contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """Mount a `size` tmpfs on `folder` for the block. Skipped where mounting is not permitted,
    except under CI=true, where the check must run."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                               str(folder)], capture_output=True, text=True, timeout=30)
        problem = done.stderr.strip() if done.returncode else ""
    except OSError as exc:
        problem = str(exc)
    if problem:
        reason = f"cannot mount a tmpfs here ({problem})"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], capture_output=True, timeout=30)


def free_bytes(folder: Path) -> int:
    info = os.statvfs(folder)
    return info.f_bavail * info.f_frsize


def fill(folder: Path, leave_bytes: int = 0) -> Path:
    """Take all but `leave_bytes` of the disk holding `folder` with one filler file."""
    filler = folder / FILLER
    with open(filler, "ab") as handle:
        handle.write(bytes(max(0, free_bytes(folder) - leave_bytes)))
    return filler


def files_in(folder: Path) -> list[str]:
    """Every file under `folder` except the filler, as relative paths."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and p.name != FILLER)
