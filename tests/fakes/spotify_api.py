"""A loopback fake of the Spotify Web API and accounts service, with state, a log and faults.

Shapes come from the real responses in ../shared/fixtures/spotify/responses; limits and
errors follow the OpenAPI description there. Use the `fake_spotify` fixture or
`with FakeSpotify() as fake:`; point spotipy at `fake.api_base` and `fake.accounts_base`.
"""

from __future__ import annotations

import base64
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.fakes.spotify_data import FIXTURES, FakeCatalog, current_profile, load
from tests.fakes.spotify_routes import PREMIUM_REQUIRED, ROUTES, Answer

SCOPE = "playlist-read-private playlist-read-collaborative user-library-read"


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    query: dict[str, str]


@dataclass
class Fault:
    """A misbehaviour for requests whose path matches `path` (a regex searched in the path).

    The first `skip` matching requests pass untouched (e.g. fail only the 2nd page), then
    `times` requests misbehave (None: every one).
    """

    kind: str  # status | delay | malformed
    path: str = r"^/v1/"
    status: int = 500
    retry_after: str | None = None
    delay_s: float = 0.0
    skip: int = 0
    times: int | None = 1
    hits: int = 0


@dataclass
class FakePlaylist:
    id: str
    name: str
    owner: dict[str, Any]
    snapshot_id: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    description: str = ""
    collaborative: bool = False
    collaborators: set[str] = field(default_factory=set)  # user ids besides the owner


def _snapshot() -> str:
    return base64.b64encode(secrets.token_bytes(36)).decode("ascii")


class FakeSpotify:
    """State tests may change between calls; every change to a playlist gives a new snapshot.

    Switches for the 2026 Development-mode rules: `owner_premium = False` makes every API call
    answer the Premium 403; `quota_exceeded = True` makes every API call answer a
    QUOTA_EXCEEDED 429 without Retry-After; `expire_access_tokens()` and
    `revoke_refresh_tokens()` end a login the two ways Spotify does.
    """

    def __init__(self, fixtures=FIXTURES):
        self.lock = threading.RLock()
        self.catalog = FakeCatalog(fixtures)
        self.me = current_profile(fixtures)
        self.playlists: dict[str, FakePlaylist] = {}
        self.liked: list[dict[str, Any]] = []  # {"id": track id, "added_at": str}, newest first
        self.log: list[LoggedRequest] = []
        self.faults: list[Fault] = []
        self.deny_authorize = False
        self.owner_premium = True
        self.quota_exceeded = False
        self.page_link_base: str | None = None  # set to make `next` links point elsewhere
        self.codes: dict[str, dict[str, Any]] = {}
        self.issued_codes: list[str] = []
        self.access_tokens: dict[str, dict[str, Any]] = {}
        self.refresh_tokens: dict[str, dict[str, Any]] = {}
        self.revoked_refresh_tokens: set[str] = set()
        self.stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._seed_user_state(fixtures)

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> FakeSpotify:
        self._server = _Server(self)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> FakeSpotify:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_base(self) -> str:
        return self.base_url + "/v1/"

    @property
    def accounts_base(self) -> str:
        return self.base_url

    # --- state helpers --------------------------------------------------------------------

    def _seed_user_state(self, fixtures) -> None:
        listed = load("GetListOfCurrentUsersPlaylistsRequest", fixtures)["items"]
        dinner = load("GetPlaylistRequest", fixtures)
        known = list(self.catalog.tracks)
        contents = {
            listed[0]["id"]: known[:3],
            listed[1]["id"]: known[3:8],
            dinner["id"]: [dinner["tracks"]["items"][0]["track"]["id"]],
        }
        for raw in [*listed, dinner]:
            self.playlists[raw["id"]] = FakePlaylist(
                id=raw["id"], name=raw["name"], owner=raw["owner"],
                snapshot_id=raw["snapshot_id"], description=raw.get("description") or "",
                entries=[self._entry("track", tid) for tid in contents[raw["id"]]],
            )
        saved = load("GetUsersSavedTracksRequest", fixtures)["items"]
        self.liked = [{"id": i["track"]["id"], "added_at": i["added_at"]} for i in saved]

    @staticmethod
    def _entry(kind: str, ref: Any) -> dict[str, Any]:
        return {"kind": kind, "ref": ref,
                "added_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}

    def make_tracks(self, n: int, title_prefix: str = "Synthetic Song", **kw: Any) -> list[str]:
        with self.lock:
            return self.catalog.make_tracks(n, title_prefix, **kw)

    def create_playlist(self, name: str, track_ids: list[str] = (), owner_id: str | None = None,
                        collaborative: bool = False, collaborators: tuple[str, ...] = ()) -> str:
        """`owner_id` other than the user's: someone else's playlist the user follows."""
        owner_id = owner_id or self.me["id"]
        owner = {"display_name": owner_id, "external_urls": {}, "href": "", "id": owner_id,
                 "type": "user", "uri": f"spotify:user:{owner_id}"}
        with self.lock:
            pid = self.catalog.new_id()
            self.playlists[pid] = FakePlaylist(
                id=pid, name=name, owner=owner, snapshot_id=_snapshot(),
                entries=[self._entry("track", t) for t in track_ids],
                collaborative=collaborative, collaborators=set(collaborators),
            )
        return pid

    def _change(self, pid: str, edit) -> str:
        with self.lock:
            playlist = self.playlists[pid]
            edit(playlist.entries)
            playlist.snapshot_id = _snapshot()
            return playlist.snapshot_id

    def playlist_add(self, pid: str, track_ids: list[str], position: int | None = None) -> str:
        new = [self._entry("track", t) for t in track_ids]

        def edit(entries):
            at = len(entries) if position is None else position
            entries[at:at] = new
        return self._change(pid, edit)

    def playlist_add_local(self, pid: str, title: str, artist: str) -> str:
        local = self.catalog.local_track(title, artist)
        return self._change(pid, lambda entries: entries.append(self._entry("local", local)))

    def playlist_add_episode(self, pid: str) -> str:
        episode_id = next(iter(self.catalog.episodes))
        return self._change(pid, lambda e: e.append(self._entry("episode", episode_id)))

    def playlist_remove(self, pid: str, track_ids: list[str]) -> str:
        def edit(entries):
            entries[:] = [e for e in entries
                          if not (e["kind"] == "track" and e["ref"] in track_ids)]
        return self._change(pid, edit)

    def playlist_move(self, pid: str, range_start: int, insert_before: int,
                      range_length: int = 1) -> str:
        """Spotify's reorder semantics (range_start, insert_before, range_length)."""
        def edit(entries):
            moved = entries[range_start:range_start + range_length]
            target = insert_before - (range_length if insert_before > range_start else 0)
            del entries[range_start:range_start + range_length]
            entries[target:target] = moved
        return self._change(pid, edit)

    def playlist_track_ids(self, pid: str) -> list[str | None]:
        with self.lock:
            return [e["ref"] if e["kind"] == "track" else None
                    for e in self.playlists[pid].entries]

    def like(self, track_ids: list[str]) -> None:
        with self.lock:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            self.liked[0:0] = [{"id": t, "added_at": stamp} for t in reversed(track_ids)]

    def unlike(self, track_ids: list[str]) -> None:
        with self.lock:
            self.liked = [e for e in self.liked if e["id"] not in track_ids]

    # --- faults and log -------------------------------------------------------------------

    def add_fault(self, fault: Fault) -> Fault:
        with self.lock:
            self.faults.append(fault)
        return fault

    def rate_limit(self, retry_after: int | str = 86400, **kw: Any) -> Fault:
        return self.add_fault(Fault("status", status=429, retry_after=str(retry_after), **kw))

    def server_error(self, status: int = 500, **kw: Any) -> Fault:
        return self.add_fault(Fault("status", status=status, **kw))

    def slow(self, delay_s: float, **kw: Any) -> Fault:
        return self.add_fault(Fault("delay", delay_s=delay_s, **kw))

    def malformed(self, **kw: Any) -> Fault:
        return self.add_fault(Fault("malformed", **kw))

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if not re.search(fault.path, path):
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                if fault.times is not None and fault.times <= 0:
                    continue
                if fault.times is not None:
                    fault.times -= 1
                fault.hits += 1
                return fault
        return None

    def requests_to(self, path_regex: str, method: str = "GET") -> list[LoggedRequest]:
        with self.lock:
            return [r for r in self.log if r.method == method and re.search(path_regex, r.path)]

    def clear_log(self) -> None:
        with self.lock:
            self.log.clear()

    # --- auth -----------------------------------------------------------------------------

    def issue_token(self, client_id: str = "test-client-id", scope: str = SCOPE,
                    expires_in: int = 3600) -> dict[str, Any]:
        """A token as the token endpoint would return it, plus spotipy's `expires_at`."""
        access = "BQ" + secrets.token_urlsafe(150)
        refresh = "AQ" + secrets.token_urlsafe(100)
        with self.lock:
            self.access_tokens[access] = {"client_id": client_id, "scope": scope,
                                          "expires_at": time.time() + expires_in}
            self.refresh_tokens[refresh] = {"client_id": client_id, "scope": scope}
        return {"access_token": access, "token_type": "Bearer", "expires_in": expires_in,
                "refresh_token": refresh, "scope": scope,
                "expires_at": int(time.time()) + expires_in}

    def expire_access_tokens(self) -> None:
        """Every access token issued so far has expired (the client's own clock does not know)."""
        with self.lock:
            for info in self.access_tokens.values():
                info["expires_at"] = 0

    def revoke_refresh_tokens(self) -> None:
        """The user removed the app's access (or the owner removed the user): refreshes fail."""
        with self.lock:
            self.revoked_refresh_tokens.update(self.refresh_tokens)
            self.refresh_tokens.clear()

    def all_secrets(self) -> list[str]:
        """Every token and code the fake ever issued (for "never leaked" assertions)."""
        with self.lock:
            return [*self.access_tokens, *self.refresh_tokens, *self.issued_codes]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeSpotify):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake

    def handle_error(self, request, client_address) -> None:
        """A client that gave up (timeout test) closes the socket: not worth a traceback."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._dispatch("GET", b"")

    def do_POST(self) -> None:
        self._dispatch("POST", self._body())

    def do_PUT(self) -> None:
        self._dispatch("PUT", self._body())

    def do_DELETE(self) -> None:
        self._dispatch("DELETE", self._body())

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _dispatch(self, method: str, body: bytes) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        with fake.lock:
            fake.log.append(LoggedRequest(method, url.path, query))
        fault = fake.take_fault(url.path)
        if fault is not None and fault.kind == "delay":
            fake.stopping.wait(fault.delay_s)
            fault = None
        if fault is not None and fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            message = "API rate limit exceeded" if fault.status == 429 else "Server error"
            self._send(Answer.error(fault.status, message, headers))
            return
        if fault is not None and fault.kind == "malformed":
            self._send(Answer(200, b'{"items": [{"name": "cut off', "application/json"))
            return
        if url.path.startswith("/v1/"):
            if fake.quota_exceeded:
                self._send(Answer.json({"error": {"status": 429, "message": "Quota exceeded",
                                                  "reason": "QUOTA_EXCEEDED"}}, status=429))
                return
            if not fake.owner_premium:
                self._send(Answer.error(403, PREMIUM_REQUIRED))
                return
        for route_method, pattern, handler in ROUTES:
            match = pattern.fullmatch(url.path.rstrip("/"))
            if match and route_method == method:
                form = dict(parse_qsl(body.decode("utf-8"))) if body else {}
                ctx = {"fake": fake, "query": query, "form": form, "headers": self.headers,
                       "path": url.path, "base": fake.page_link_base or fake.base_url}
                with fake.lock:
                    answer = handler(ctx, *match.groups())
                self._send(answer)
                return
        self._send(Answer.error(404, "Service not found"))

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: request lines would carry codes."""


@pytest.fixture
def fake_spotify():
    """A running fake; import it into a conftest to use it (`from tests.fakes.spotify_api
    import fake_spotify`)."""
    with FakeSpotify() as fake:
        yield fake


CLIENT_ID = "test-client-id"


def point_app_at(fake: FakeSpotify, ctx, monkeypatch, client_id: str = CLIENT_ID) -> None:
    """Make the app's Spotify service use this fake (env overrides, client id, free port)."""
    monkeypatch.setenv("CDCOLLECTOR_SPOTIFY_API_BASE", fake.api_base)
    monkeypatch.setenv("CDCOLLECTOR_SPOTIFY_ACCOUNTS_BASE", fake.accounts_base)
    ctx.update_settings(spotify_client_id=client_id, spotify_redirect_port=0)


@pytest.fixture
def spotify_account(ctx, fake_spotify, monkeypatch):
    """A SpotifyAccountService already logged in to the fake (token in the test keyring).

    For sync and UI tests that need a Spotify connection but not the login flow itself.
    """
    from cdcollector.catalog.spotify.token_cache import KeyringTokenCache
    from cdcollector.services.spotify_account import SpotifyAccountService

    point_app_at(fake_spotify, ctx, monkeypatch)
    KeyringTokenCache(CLIENT_ID).save_token_to_cache(fake_spotify.issue_token(CLIENT_ID))
    return SpotifyAccountService(ctx, timeout=3.0, retries=1, backoff_factor=0.01)
