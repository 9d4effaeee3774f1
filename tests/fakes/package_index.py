"""A loopback package index in the shape of PyPI's JSON API, serving wheels made by the tests."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
from dataclasses import dataclass, field


@dataclass
class Release:
    name: str
    version: str
    requires_dist: list[str] = field(default_factory=list)
    requires_python: str | None = ">=3.10"
    files: list[dict] = field(default_factory=list)  # PyPI's `urls[]` entries


class FakeIndex:
    """GET /pypi/{name}/json (the newest release), /pypi/{name}/{version}/json, /files/{name}.

    `newest` decides which release the first answers; `requests` lists every path asked for.
    """

    def __init__(self):
        self.releases: dict[tuple[str, str], Release] = {}
        self.newest: dict[str, str] = {}
        self.blobs: dict[str, bytes] = {}
        self.requests: list[str] = []
        index = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                index.requests.append(self.path)
                status, body, kind = index.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> FakeIndex:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def file_entry(self, filename: str, data: bytes, sha256: str | None = None,
                   url: str | None = None) -> dict:
        """Serve `data` as `filename`; the entry may publish another digest or a foreign URL."""
        self.blobs[filename] = data
        return {"filename": filename, "packagetype": "bdist_wheel",
                "url": url or f"{self.base}/files/{filename}",
                "digests": {"sha256": sha256 or hashlib.sha256(data).hexdigest()}}

    def publish(self, release: Release, newest: bool = True) -> None:
        self.releases[(release.name, release.version)] = release
        if newest:
            self.newest[release.name] = release.version

    def answer(self, path: str) -> tuple[int, bytes, str]:
        parts = path.strip("/").split("/")
        if parts[0] == "files" and len(parts) == 2 and parts[1] in self.blobs:
            return 200, self.blobs[parts[1]], "application/octet-stream"
        if parts[0] == "pypi" and parts[-1] == "json" and len(parts) in (3, 4):
            name = parts[1]
            version = parts[2] if len(parts) == 4 else self.newest.get(name)
            release = self.releases.get((name, version))
            if release is not None:
                return 200, json.dumps(self._document(release)).encode(), "application/json"
        return 404, b'{"message": "Not Found"}', "application/json"

    @staticmethod
    def _document(release: Release) -> dict:
        return {"info": {"name": release.name, "version": release.version,
                         "requires_dist": release.requires_dist or None,
                         "requires_python": release.requires_python},
                "urls": release.files}
