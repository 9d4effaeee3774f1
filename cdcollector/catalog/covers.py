"""Cover art cache: images fetched over HTTP(S), kept on disk by URL hash, trimmed oldest-first."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from pathlib import Path

import requests

log = logging.getLogger(__name__)

TIMEOUT_S = 10.0
MAX_IMAGE_BYTES = 8 * 1024 * 1024
DEFAULT_CAP_BYTES = 200 * 1024 * 1024
SUFFIX = ".cover"
# Magic numbers of the formats catalogues serve; anything else is not cached.
_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")


def looks_like_image(head: bytes) -> bool:
    return head.startswith(_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


class CoverCache:
    """`fetch(url)` blocks (run it off the UI thread) and returns a file path, or None on failure.

    Files are named by the SHA-256 of the URL; a hit refreshes the file's mtime, and when the
    folder grows past `cap_bytes` the least recently used files are removed.
    """

    def __init__(self, folder: Path, *, cap_bytes: int = DEFAULT_CAP_BYTES,
                 timeout: float = TIMEOUT_S, session: requests.Session | None = None):
        self.folder = Path(folder)
        self.cap_bytes = cap_bytes
        self.timeout = timeout
        self._session = session or requests.Session()
        self._trim_lock = threading.Lock()

    def path_for(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest() + SUFFIX)

    def cached(self, url: str | None) -> Path | None:
        """The cached file for `url` without any network access (None when not cached)."""
        if not url:
            return None
        path = self.path_for(url)
        try:
            os.utime(path)  # mark as recently used
        except OSError:
            return None
        return path

    def fetch(self, url: str | None) -> Path | None:
        if not url or not url.lower().startswith(("http://", "https://")):
            return None
        hit = self.cached(url)
        if hit is not None:
            return hit
        data = self._download(url)
        if data is None:
            return None
        path = self._store(url, data)
        if path is None:
            return None
        self.trim()
        return path if path.exists() else None  # gone only when one image exceeds the cap

    def _download(self, url: str) -> bytes | None:
        try:
            with self._session.get(url, timeout=self.timeout, stream=True) as response:
                if response.status_code != 200:
                    log.info("cover %s: HTTP %s", url, response.status_code)
                    return None
                chunks, size = [], 0
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > MAX_IMAGE_BYTES:
                        log.info("cover %s: larger than %d bytes", url, MAX_IMAGE_BYTES)
                        return None
                    chunks.append(chunk)
        except (requests.RequestException, OSError) as exc:
            log.info("cover %s not fetched: %s", url, exc)
            return None
        data = b"".join(chunks)
        if not looks_like_image(data[:16]):
            log.info("cover %s: not an image", url)
            return None
        return data

    def _store(self, url: str, data: bytes) -> Path | None:
        """Write atomically: a reader never sees half a file, a crash leaves only a temp file."""
        target = self.path_for(url)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.warning("cover cache write failed: %s", exc)
            return None
        return target

    def trim(self) -> None:
        """Remove least recently used covers until the folder fits under the cap."""
        with self._trim_lock:
            entries = []
            for path in self.folder.glob("*" + SUFFIX):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                entries.append((stat.st_mtime_ns, stat.st_size, path))
            total = sum(size for _, size, _ in entries)
            for _, size, path in sorted(entries):
                if total <= self.cap_bytes:
                    break
                path.unlink(missing_ok=True)
                total -= size

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.folder.glob("*" + SUFFIX) if p.is_file())
