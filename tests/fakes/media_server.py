"""A loopback HTTP server for generated audio: ranges, per-connection rate limit, faults."""

from __future__ import annotations

import http.server
import re
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from cdcollector.externals import require_ffmpeg

CONTENT_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".opus": "audio/ogg",
                 ".ogg": "audio/ogg", ".flac": "audio/flac", ".wav": "audio/wav",
                 ".webm": "audio/webm"}
ENCODERS = {".mp3": ["-c:a", "libmp3lame"], ".m4a": ["-c:a", "aac"],
            ".opus": ["-c:a", "libopus"], ".ogg": ["-c:a", "libvorbis"],
            ".flac": ["-c:a", "flac"], ".wav": ["-c:a", "pcm_s16le"],
            ".webm": ["-c:a", "libopus"]}
CHUNK = 16 * 1024


def generate_audio(target: Path, seconds: float, kind: str = "tone", frequency: int = 440,
                   bitrate_kbps: int | None = None) -> Path:
    """A real audio file made by ffmpeg: a sine tone or white noise (noise does not compress)."""
    source = (f"sine=frequency={frequency}:duration={seconds}:sample_rate=44100" if kind == "tone"
              else f"anoisesrc=duration={seconds}:sample_rate=44100:amplitude=0.5")
    args = [require_ffmpeg(), "-hide_banner", "-v", "error", "-y", "-f", "lavfi", "-i", source,
            "-ac", "2", *ENCODERS[target.suffix]]
    if bitrate_kbps:
        args += ["-b:a", f"{bitrate_kbps}k"]
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*args, str(target)], check=True, capture_output=True)
    return target


class AudioCache:
    """Generated files, made once per test session and reused."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._lock = threading.Lock()

    def get(self, seconds: float, ext: str = ".mp3", kind: str = "tone", frequency: int = 440,
            bitrate_kbps: int | None = None) -> Path:
        name = f"{kind}-{frequency}-{seconds}s-{bitrate_kbps or 'default'}{ext}"
        path = self.folder / name
        with self._lock:
            if not path.is_file():
                generate_audio(path.with_name("tmp-" + name), seconds, kind, frequency,
                               bitrate_kbps).rename(path)
        return path

    def tracks(self, count: int, seconds: float = 2.0, ext: str = ".mp3", kind: str = "tone"
               ) -> list[Path]:
        """`count` different files (tones of different frequencies; noise differs anyway)."""
        return [self.get(seconds, ext, kind, frequency=330 + 55 * i) for i in range(count)]


@dataclass
class Fault:
    """What to do to a request. `times`: only for the next N matching requests (None = always).

    kind: "drop" (close after `after_bytes`), "403", "500", "slow_start" (`delay_s` of silence
    before the first byte). `skip`: let this many matching requests through first (yt-dlp's
    generic extractor makes one probing GET before the real download).
    """

    kind: str
    after_bytes: int = 0
    delay_s: float = 0.0
    times: int | None = None
    skip: int = 0


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """Clients hanging up (cancel, drop tests) are expected, not worth a traceback."""


@dataclass
class _Served:
    data: bytes
    content_type: str


class MediaServer:
    def __init__(self, rate_limit_bps: int | None = None):
        self.rate_limit_bps = rate_limit_bps
        self.files: dict[str, _Served] = {}
        self.faults: dict[str | None, Fault] = {}
        self.log: list[tuple[str, str, int]] = []  # (path, range header, status)
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def start(self) -> MediaServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add(self, name: str, path: Path) -> str:
        self.files["/" + name] = _Served(path.read_bytes(),
                                         CONTENT_TYPES.get(path.suffix, "audio/mpeg"))
        return self.url(name)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def set_fault(self, fault: Fault, name: str | None = None) -> None:
        """Fault for one file name, or for every request when `name` is None."""
        with self._lock:
            self.faults[None if name is None else "/" + name] = fault

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def take_fault(self, path: str, kinds: tuple[str, ...]) -> Fault | None:
        """The fault that applies to this request now (counting it down), if any."""
        with self._lock:
            for key in (path, None):
                fault = self.faults.get(key)
                if fault is None or fault.kind not in kinds:
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                if fault.times is not None:
                    if fault.times <= 0:
                        continue
                    fault.times -= 1
                return fault
        return None

    def requests_for(self, name: str) -> list[tuple[str, str, int]]:
        return [entry for entry in self.log if entry[0] == "/" + name]

    def __enter__(self) -> MediaServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


GET_FAULTS = ("slow_start", "403", "500", "drop")
HEAD_FAULTS = ("slow_start", "403", "500")  # a HEAD has no body to drop


def _parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", (header or "").strip())
    if not match or (not match.group(1) and not match.group(2)):
        return None
    if match.group(1):
        start = int(match.group(1))
        end = int(match.group(2)) if match.group(2) else size - 1
    else:
        start, end = max(0, size - int(match.group(2))), size - 1
    return start, min(end, size - 1)


def _make_handler(server: MediaServer):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def _reply_error(self, code: int) -> None:
            server.log.append((self.path, self.headers.get("Range", ""), code))
            body = f"error {code}".encode()
            self.send_response(code)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _serve(self, send_body: bool) -> None:
            path = self.path.split("?", 1)[0]
            served = server.files.get(path)
            if served is None:
                return self._reply_error(404)
            # Decided when the request arrives, so faults are counted in arrival order: a
            # client's next request can only arrive after this one's headers went out.
            fault = server.take_fault(path, GET_FAULTS if send_body else HEAD_FAULTS)
            if fault is not None and fault.kind == "slow_start":
                time.sleep(fault.delay_s)
            if fault is not None and fault.kind in ("403", "500"):
                return self._reply_error(int(fault.kind))
            size = len(served.data)
            byte_range = _parse_range(self.headers.get("Range"), size)
            if byte_range is not None and byte_range[0] >= size:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                server.log.append((path, self.headers.get("Range", ""), 416))
                return None
            start, end = byte_range or (0, size - 1)
            status = 206 if byte_range is not None else 200
            server.log.append((path, self.headers.get("Range", ""), status))
            self.send_response(status)
            self.send_header("Content-Type", served.content_type)
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Length", str(end - start + 1))
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
            self.end_headers()
            if send_body:
                drop = fault if fault is not None and fault.kind == "drop" else None
                self._send_body(served.data[start:end + 1], drop)
            return None

        def _send_body(self, body: bytes, drop: Fault | None) -> None:
            limit = len(body) if drop is None else min(len(body), drop.after_bytes)
            rate = server.rate_limit_bps
            began = time.monotonic()
            sent = 0
            try:
                while sent < limit:
                    chunk = body[sent:min(limit, sent + CHUNK)]
                    self.wfile.write(chunk)
                    sent += len(chunk)
                    if rate:
                        ahead = sent / rate - (time.monotonic() - began)
                        if ahead > 0:
                            time.sleep(ahead)
                if drop is not None:
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
            except (BrokenPipeError, ConnectionResetError, OSError):
                self.close_connection = True

    return Handler


@pytest.fixture(scope="session")
def audio_cache(tmp_path_factory) -> AudioCache:
    return AudioCache(tmp_path_factory.mktemp("generated-audio"))


@pytest.fixture
def media_server():
    with MediaServer() as server:
        yield server


@pytest.fixture
def offline(monkeypatch):
    """Only loopback URLs may be fetched (fetch.py's guard)."""
    monkeypatch.setenv("CDCOLLECTOR_OFFLINE_TESTS", "1")


def main(argv: list[str] | None = None) -> int:
    """Serve every file of a folder in a process of its own (benchmarks): prints the port,
    then runs until stdin closes."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rate", type=int, default=None, help="bytes/s per connection")
    args = parser.parse_args(argv)
    with MediaServer(rate_limit_bps=args.rate) as server:
        for path in sorted(args.folder.iterdir()):
            if path.is_file():
                server.add(path.name, path)
        print(server.port, flush=True)
        sys.stdin.read()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
