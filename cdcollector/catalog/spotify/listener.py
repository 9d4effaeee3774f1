"""The loopback HTTP listener that receives Spotify's login redirect on a background thread."""

from __future__ import annotations

import errno
import html
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from cdcollector.domain.errors import AuthError

CALLBACK_PATH = "/callback"

_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>CD-Collector</title></head>
<body style="font-family:sans-serif;margin:3em"><h1>{title}</h1><p>{text}</p></body></html>"""


@dataclass(frozen=True)
class CallbackResult:
    code: str | None
    state: str | None
    error: str | None


class _Handler(BaseHTTPRequestHandler):
    server: _CallbackServer

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != CALLBACK_PATH:
            self._answer(404, "Not found", "CD-Collector is waiting for the Spotify login here.")
            return
        query = parse_qs(url.query)
        result = CallbackResult(
            code=(query.get("code") or [None])[0],
            state=(query.get("state") or [None])[0],
            error=(query.get("error") or [None])[0],
        )
        if result.state != self.server.expected_state:
            self._answer(400, "This login link is out of date",
                         "Start the Spotify login again from CD-Collector.")
        elif result.error or not result.code:
            self._answer(200, "Login cancelled",
                         "CD-Collector was not connected. You can close this window.")
        else:
            self._answer(200, "Connected to Spotify",
                         "You can close this window and return to CD-Collector.")
        self.server.deliver(result)

    def _answer(self, status: int, title: str, text: str) -> None:
        body = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """The request line carries the one-time code: never print it."""


class _CallbackServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, expected_state: str):
        super().__init__(("127.0.0.1", port), _Handler)
        self.expected_state = expected_state
        self.result: CallbackResult | None = None
        self.arrived = threading.Event()

    def deliver(self, result: CallbackResult) -> None:
        if not self.arrived.is_set():
            self.result = result
            self.arrived.set()


class CallbackListener:
    """Listens on http://127.0.0.1:PORT/callback until one login answer arrives or it is closed."""

    def __init__(self, port: int, expected_state: str):
        try:
            self._server = _CallbackServer(port, expected_state)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise AuthError(
                    f"Port {port} is already in use, so the Spotify login cannot be received. "
                    "Choose another redirect port in Settings → Accounts (and add it to your "
                    "Spotify app)."
                ) from exc
            raise AuthError(f"Cannot listen for the Spotify login on port {port}: "
                            f"{exc.strerror or exc}.") from exc
        self._closed = threading.Event()
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
            name="spotify-login-listener", daemon=True,
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{CALLBACK_PATH}"

    def wait(self, timeout: float) -> CallbackResult | None:
        """The login answer, or None on timeout or when closed meanwhile."""
        self._server.arrived.wait(timeout)
        return self._server.result

    def close(self) -> None:
        if self._closed.is_set():
            return
        self._closed.set()
        self._server.arrived.set()  # wakes a waiter: it sees `closed` and no result
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
