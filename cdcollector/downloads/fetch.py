"""Downloads the best audio of a URL with yt-dlp into a job's temp folder (cancellable)."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import CancelledError, DownloadError
from cdcollector.downloads.failure_reasons import human_reason
from cdcollector.downloads.ytdl_factory import youtube_dl

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


def ydl_options(job_dir: Path, hook: Callable, retries: int) -> dict:
    return {
        "format": "bestaudio/best",
        "outtmpl": str(job_dir / "source.%(ext)s"),
        "noplaylist": True,
        "retries": retries,
        "fragment_retries": retries,
        "socket_timeout": 20,
        "continuedl": True,
        "progress_hooks": [hook],
    }


def clean_partials(job_dir: Path) -> None:
    for pattern in ("*.part", "*.part-Frag*", "*.ytdl", "*.temp"):
        for leftover in job_dir.glob(pattern):
            leftover.unlink(missing_ok=True)


def _fetch_once(url: str, job_dir: Path, throttle: _Throttle, token: CancelToken | None,
                retries: int, cookies_browser: str | None) -> FetchResult:
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
        with youtube_dl(ydl_options(job_dir, hook, retries), cookies_browser) as ydl:
            info = ydl.extract_info(url, download=True)
    except DownloadCancelled:
        raise CancelledError() from None
    except YtdlpError as exc:
        if token is not None and token.cancelled:
            raise CancelledError() from None
        reason, retriable = human_reason(str(exc), url, cookies_in_use=bool(cookies_browser))
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
                token: CancelToken | None = None, retries: int = 3,
                cookies_browser: str | None = None) -> FetchResult:
    """Download `url`'s best audio into `job_dir`. Retries passing faults (5xx, drops, timeouts);
    on cancel or failure leaves no partial files behind. `cookies_browser` names the browser
    whose YouTube cookies yt-dlp reads (for YouTube's bot check), or None."""
    check_url_allowed(url)
    job_dir = Path(job_dir)
    job_dir.mkdir(parents=True, exist_ok=True)
    throttle = _Throttle(progress, PROGRESS_INTERVAL_S)
    attempt = 0
    try:
        while True:
            try:
                return _fetch_once(url, job_dir, throttle, token, retries, cookies_browser)
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
