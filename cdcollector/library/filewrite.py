"""Write a text file atomically (temp file + rename): a failed export never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cdcollector.domain.bounds import echo
from cdcollector.domain.errors import PlaylistFileError


def write_text_atomic(path: Path, text: str) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise PlaylistFileError(f"Cannot write {echo(path)}: {exc.strerror or exc}") from exc
