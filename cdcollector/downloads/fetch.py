"""Downloads the best audio of a URL with yt-dlp into a job's temp folder (cancellable)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import CancelledError, DownloadError

log = logging.getLogger(__name__)
OFFLINE_ENV = "CDCOLLECTOR_OFFLINE_TESTS"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
PROGRESS_INTERVAL_S = 0.1  # at most 10 progress callbacks a second
RETRY_DELAYS_S = (0.5, 2.0)

# (downloaded bytes, total bytes or None, speed bytes/s or None, eta seconds or None)
ProgressCallback = Callable[[int, int | None, float | None, float | None], None]


@dataclass(frozen=True)
class SourceInfo:
    """What yt-dlp said about the downloaded recording."""

    id: str | None
    title: str | None
    ext: str | None
    acodec: str | None
    duration_s: float | None
    url: str
    filepath: str | None


@dataclass(frozen=True)
class FetchResult:
    path: Path
    info: SourceInfo


def parse_info(info: dict, url: str) -> SourceInfo:
    """The few fields of a yt-dlp info dict the engine uses (after a download)."""
    downloads = info.get("requested_downloads") or []
    filepath = downloads[0].get("filepath") if downloads else info.get("filepath")
    acodec = info.get("acodec")
    duration = info.get("duration")
    return SourceInfo(
        id=info.get("id"),
        title=info.get("title"),
        ext=info.get("ext"),
        acodec=None if acodec in (None, "none") else acodec,
        duration_s=float(duration) if isinstance(duration, int | float) else None,
        url=info.get("webpage_url") or url,
        filepath=filepath,
    )


_HTTP_REASONS = {
    401: "The source wants a login for this recording (HTTP 401)",
    403: "The source refused the download (HTTP 403)",
    404: "The source no longer has this recording (HTTP 404)",
    410: "The source no longer has this recording (HTTP 410)",
    429: "The source is limiting downloads; try again later (HTTP 429)",
}


def human_reason(message: str) -> tuple[str, bool]:
    """(a one-line reason for the user, whether trying again may help) from a yt-dlp error."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", message).replace("ERROR: ", "").strip()
    http = re.search(r"HTTP Error (\d{3})", text)
    if http:
        code = int(http.group(1))
        if code in _HTTP_REASONS:
            return _HTTP_REASONS[code], code == 429
        if code >= 500:
            return f"The source had a server error (HTTP {code})", True
        return f"The source answered with an error (HTTP {code})", False
    lowered = text.lower()
    if "timed out" in lowered:
        return "The connection to the source timed out", True
    if "connection refused" in lowered or "failed to establish" in lowered:
        return "Could not connect to the source", True
    if any(k in lowered for k in ("incomplete", "connection reset", "remote end closed",
                                  "connection broken", "did not get any data")):
        return "The connection dropped during the download", True
    if "unsupported url" in lowered:
        return "This link is not a downloadable recording", False
    if "requested format is not available" in lowered or "no video formats" in lowered:
        return "The source offers no audio for this recording", False
    if "sign in" in lowered or ("age" in lowered and "confirm" in lowered):
        return "The source wants a login for this recording", False
    first_line = text.splitlines()[0] if text else "unknown error"
    return f"Download failed: {first_line[:200]}", False


def check_url_allowed(url: str) -> None:
    """Tests set CDCOLLECTOR_OFFLINE_TESTS=1: then only loopback URLs may be fetched."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        raise DownloadError(f"Not a web link: {url[:100]}")
    if os.environ.get(OFFLINE_ENV) == "1" and parsed.hostname not in LOOPBACK_HOSTS:
        raise DownloadError(f"Offline test mode: refusing to fetch {parsed.hostname}")


class _Throttle:
    def __init__(self, callback: ProgressCallback | None, interval: float):
        self.callback = callback
        self.interval = interval
        self.last = 0.0

    def __call__(self, done: int, total: int | None, speed, eta, force: bool = False) -> None:
        now = time.monotonic()
        if self.callback is None or (not force and now - self.last < self.interval):
            return
        self.last = now
        self.callback(done, total, speed, eta)


class _Logger:
    """yt-dlp talks to our log file, never to the terminal."""

    def debug(self, msg: str) -> None:
        log.debug("yt-dlp: %s", msg)

    info = debug

    def warning(self, msg: str) -> None:
        log.warning("yt-dlp: %s", msg)

    def error(self, msg: str) -> None:
        log.info("yt-dlp error: %s", msg)


def ydl_options(job_dir: Path, hook: Callable, retries: int) -> dict:
    return {
        "format": "bestaudio/best",
        "outtmpl": str(job_dir / "source.%(ext)s"),
        "quiet": True,
        "noprogress": True,
        "no_warnings": True,
        "noplaylist": True,
        "retries": retries,
        "fragment_retries": retries,
        "socket_timeout": 20,
        "continuedl": True,
        "cachedir": False,
        "progress_hooks": [hook],
        "logger": _Logger(),
    }


def clean_partials(job_dir: Path) -> None:
    for pattern in ("*.part", "*.part-Frag*", "*.ytdl", "*.temp"):
        for leftover in job_dir.glob(pattern):
            leftover.unlink(missing_ok=True)


def _fetch_once(url: str, job_dir: Path, throttle: _Throttle, token: CancelToken | None,
                retries: int) -> FetchResult:
    import yt_dlp
    from yt_dlp.utils import DownloadCancelled
    from yt_dlp.utils import DownloadError as YtdlpError

    def hook(status: dict) -> None:
        if token is not None and token.cancelled:
            raise DownloadCancelled("cancelled by the user")
        if status.get("status") == "downloading":
            total = status.get("total_bytes") or status.get("total_bytes_estimate")
            throttle(int(status.get("downloaded_bytes") or 0), int(total) if total else None,
                     status.get("speed"), status.get("eta"))
        elif status.get("status") == "finished":
            done = int(status.get("downloaded_bytes") or status.get("total_bytes") or 0)
            throttle(done, done or None, None, 0, force=True)

    try:
        with yt_dlp.YoutubeDL(ydl_options(job_dir, hook, retries)) as ydl:
            info = ydl.extract_info(url, download=True)
    except DownloadCancelled:
        raise CancelledError() from None
    except YtdlpError as exc:
        if token is not None and token.cancelled:
            raise CancelledError() from None
        reason, retriable = human_reason(str(exc))
        error = DownloadError(reason)
        error.retriable = retriable
        raise error from exc
    source = parse_info(info or {}, url)
    path = Path(source.filepath) if source.filepath else None
    if path is None or not path.is_file():
        files = [p for p in job_dir.glob("source.*") if p.suffix not in (".part", ".ytdl")]
        if not files:
            raise DownloadError("The download finished but no file was written")
        path = files[0]
    return FetchResult(path, source)


def fetch_audio(url: str, job_dir: str | Path, progress: ProgressCallback | None = None,
                token: CancelToken | None = None, retries: int = 3) -> FetchResult:
    """Download `url`'s best audio into `job_dir`. Retries passing faults (5xx, drops, timeouts);
    on cancel or failure leaves no partial files behind."""
    check_url_allowed(url)
    job_dir = Path(job_dir)
    job_dir.mkdir(parents=True, exist_ok=True)
    throttle = _Throttle(progress, PROGRESS_INTERVAL_S)
    attempt = 0
    try:
        while True:
            try:
                return _fetch_once(url, job_dir, throttle, token, retries)
            except DownloadError as exc:
                if not getattr(exc, "retriable", False) or attempt >= len(RETRY_DELAYS_S):
                    raise
                log.info("Retrying %s after: %s", url, exc)
                if (token or CancelToken()).wait(RETRY_DELAYS_S[attempt]):
                    raise CancelledError() from None
                attempt += 1
    except BaseException:
        clean_partials(job_dir)
        raise


def remove_job_dir(job_dir: str | Path) -> None:
    shutil.rmtree(job_dir, ignore_errors=True)
