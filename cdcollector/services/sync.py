"""Mirrors: keep local read-only copies of Spotify playlists, Liked Songs and YouTube playlists."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from cdcollector.catalog.links import parse_link
from cdcollector.domain.errors import (
    AccessRefusedError,
    AuthError,
    CollectorError,
    LinkError,
    NotFoundError,
    PlaylistNotReadableError,
    RateLimitedError,
)
from cdcollector.domain.types import TrackRef
from cdcollector.library.mirror import MirrorChange, apply_remote_order
from cdcollector.library.models import Playlist, SyncRun, SyncSource, Track, utcnow
from cdcollector.services.context import AppContext
from cdcollector.services.sync_views import MirrorKind, MirrorView, SyncRunView

log = logging.getLogger(__name__)
FAILURE_PAUSE = timedelta(minutes=15)
LIKED_SONGS_ID = "me/tracks"
PLACEHOLDER_NAMES = ("Spotify playlist", "YouTube playlist")


@dataclass(frozen=True)
class RemoteState:
    """Everything fetched before any local change: all pages, or nothing."""

    tracks: tuple[TrackRef, ...]
    notes: tuple[str, ...] = ()
    snapshot_id: str | None = None
    name: str | None = None


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


class SyncService:
    """Blocking: the UI calls it from a worker; the CLI and the timer call it directly."""

    def __init__(self, ctx: AppContext, spotify: Callable[[], object] | None = None,
                 youtube: Callable[[], object] | None = None,
                 downloads: Callable[[], object] | None = None):
        self.ctx = ctx
        self._spotify = spotify or self._default_spotify
        self._youtube = youtube or self._default_youtube
        self._downloads = downloads or self._default_downloads
        self._locks: dict[int, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def _default_spotify(self):
        from cdcollector.services.spotify_account import SpotifyAccountService

        return SpotifyAccountService(self.ctx).catalog()

    def _default_youtube(self):
        from cdcollector.catalog.ytmusic import YTMusicCatalog

        return YTMusicCatalog()

    def _default_downloads(self):
        from cdcollector.services.downloads import DownloadService

        return DownloadService(self.ctx)

    # --- mirrors --------------------------------------------------------------------------

    def mirrors(self) -> list[MirrorView]:
        with self.ctx.db.session() as session:
            rows = session.exec(select(SyncSource).order_by(SyncSource.name)).all()
            return [MirrorView.of(r) for r in rows]

    def mirror(self, source_id: int) -> MirrorView:
        with self.ctx.db.session() as session:
            return MirrorView.of(self._source(session, source_id))

    def add_spotify_playlist(self, playlist_id: str, name: str = "", **options) -> MirrorView:
        return self._add(MirrorKind.SPOTIFY_PLAYLIST, playlist_id, name or "Spotify playlist",
                         **options)

    def add_liked_songs(self, **options) -> MirrorView:
        return self._add(MirrorKind.SPOTIFY_LIKED, LIKED_SONGS_ID, "Liked Songs", **options)

    def add_youtube_playlist(self, link: str, name: str = "", **options) -> MirrorView:
        ref = parse_link(link)
        if ref.kind != "playlist" or ref.source not in ("youtube", "ytmusic"):
            raise LinkError("That is not a YouTube or YouTube Music playlist link.")
        return self._add(MirrorKind.YOUTUBE_PLAYLIST, ref.id, name or "YouTube playlist",
                         **options)

    def _add(self, kind: MirrorKind, remote_id: str, name: str, auto_download: bool = False,
             keep_removed: bool = False) -> MirrorView:
        with self.ctx.db.write_session() as session:
            existing = session.exec(select(SyncSource).where(
                SyncSource.kind == kind.value, SyncSource.remote_id == remote_id)).first()
            if existing is not None:
                return MirrorView.of(existing)
            source = SyncSource(kind=kind.value, remote_id=remote_id, name=name,
                                auto_download=auto_download, keep_removed=keep_removed)
            session.add(source)
            session.flush()
            view = MirrorView.of(source)
        self.ctx.emit("sync_finished", view.id)
        return view

    def set_options(self, source_id: int, **changes) -> MirrorView:
        allowed = {"auto_download", "keep_removed", "enabled", "name"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"unknown mirror options: {sorted(unknown)}")
        with self.ctx.db.write_session() as session:
            source = self._source(session, source_id)
            for key, value in changes.items():
                setattr(source, key, value)
            return MirrorView.of(source)

    def remove(self, source_id: int) -> None:
        """Stop mirroring; the local playlist stays and becomes the user's own."""
        with self.ctx.db.write_session() as session:
            source = self._source(session, source_id)
            if source.playlist_id is not None:
                playlist = session.get(Playlist, source.playlist_id)
                if playlist is not None:
                    playlist.read_only = False
                    playlist.origin = "local"
            session.delete(source)
        self.ctx.emit("playlists_changed")

    def history(self, source_id: int, limit: int = 50) -> list[SyncRunView]:
        with self.ctx.db.session() as session:
            rows = session.exec(select(SyncRun).where(SyncRun.source_id == source_id)
                                .order_by(SyncRun.id.desc()).limit(limit)).all()
            return [SyncRunView.of(r) for r in rows]

    # --- syncing --------------------------------------------------------------------------

    def due(self, now: datetime | None = None) -> list[MirrorView]:
        """Enabled mirrors that are neither paused nor refused (the timer syncs these)."""
        now = now or datetime.now(UTC)
        return [m for m in self.mirrors()
                if m.enabled and m.refused_reason is None
                and (m.paused_until is None or _aware(m.paused_until) <= now)]

    def sync_all(self, only_due: bool = True) -> list[SyncRunView]:
        targets = self.due() if only_due else self.mirrors()
        return [self.sync(m.id) for m in targets]

    def _mirror_lock(self, source_id: int) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(source_id, threading.Lock())

    def sync(self, source_id: int) -> SyncRunView:
        """One mirror: fetch everything remote, then apply it in one transaction (or nothing).

        A second request for the same mirror (the timer and a "Sync now") waits for the first,
        then finds the snapshot unchanged, so a mirror never gets two local playlists.
        """
        with self._mirror_lock(source_id):
            return self._sync(source_id)

    def _sync(self, source_id: int) -> SyncRunView:
        with self.ctx.db.write_session() as session:
            source = self._source(session, source_id)
            run = SyncRun(source_id=source_id)
            session.add(run)
            session.flush()
            run_id, mirror = run.id, MirrorView.of(source)
            stored_snapshot = source.snapshot_id
            has_playlist = source.playlist_id is not None and \
                session.get(Playlist, source.playlist_id) is not None
        try:
            remote = self._fetch(mirror, stored_snapshot if has_playlist else None)
            if remote is None:
                view = self._finish(run_id, "unchanged")
            else:
                view, change, playlist_id = self._apply(run_id, source_id, remote)
                self._auto_download(mirror, change, playlist_id)
        except RateLimitedError as exc:
            view = self._pause(run_id, source_id, str(exc), timedelta(seconds=exc.retry_after_s))
        except AccessRefusedError as exc:
            view = self._refuse(run_id, source_id, str(exc))
        except AuthError as exc:
            view = self._finish(run_id, "failed", error=str(exc))
        except CollectorError as exc:
            view = self._pause(run_id, source_id, str(exc), FAILURE_PAUSE)
        self.ctx.emit("sync_finished", source_id)
        return view

    def _fetch(self, mirror: MirrorView, known_snapshot: str | None) -> RemoteState | None:
        """None when Spotify's snapshot id says nothing changed (no item requests made)."""
        if mirror.kind is MirrorKind.YOUTUBE_PLAYLIST:
            title, tracks = self._youtube().playlist(mirror.remote_id)
            return RemoteState(tuple(tracks), name=title)
        catalog = self._spotify()
        if mirror.kind is MirrorKind.SPOTIFY_LIKED:
            items = catalog.liked_songs()
            return RemoteState(items.tracks, tuple(s.note for s in items.skipped))
        info = catalog.playlist_info(mirror.remote_id)
        if info.unreadable_reason:
            raise PlaylistNotReadableError(info.unreadable_reason)  # asking for items would 403
        if known_snapshot is not None and info.snapshot_id == known_snapshot:
            return None
        items = catalog.playlist_items(mirror.remote_id)
        return RemoteState(items.tracks, tuple(s.note for s in items.skipped), info.snapshot_id)

    def _apply(self, run_id: int, source_id: int, remote: RemoteState
               ) -> tuple[SyncRunView, MirrorChange, int]:
        with self.ctx.db.write_session() as session:
            source = self._source(session, source_id)
            kind = MirrorKind(source.kind)
            playlist = session.get(Playlist, source.playlist_id) if source.playlist_id else None
            if remote.name and source.name in PLACEHOLDER_NAMES:
                source.name = remote.name
                if playlist is not None and playlist.name in PLACEHOLDER_NAMES:
                    playlist.name = remote.name
            if playlist is None:
                playlist = Playlist(name=remote.name or source.name, origin=kind.origin,
                                    remote_id=source.remote_id, read_only=True)
                session.add(playlist)
                session.flush()
                source.playlist_id = playlist.id
            change = apply_remote_order(session, playlist.id, remote.tracks,
                                        keep_removed=source.keep_removed)
            source.snapshot_id = remote.snapshot_id
            source.last_synced_at = utcnow()
            source.paused_until = None
            source.pause_reason = None
            source.refused_reason = None
            run = session.get(SyncRun, run_id)
            run.status = "ok"
            run.added, run.removed, run.moved = change.added, change.removed, change.moved
            run.notes = "\n".join(remote.notes)
            run.finished_at = utcnow()
            view, playlist_id = SyncRunView.of(run), playlist.id
        self.ctx.emit("playlist_changed", playlist_id)
        self.ctx.emit("playlists_changed")
        return view, change, playlist_id

    def _auto_download(self, mirror: MirrorView, change: MirrorChange, playlist_id: int) -> None:
        if not mirror.auto_download or not change.new_track_ids:
            return
        with self.ctx.db.session() as session:
            missing = [t.id for t in session.exec(
                select(Track).where(Track.id.in_(change.new_track_ids))) if not t.path]
        if not missing:
            return
        refs = [row.to_ref() for row in self._library_rows(missing)]
        try:
            self._downloads().enqueue(refs, playlist_id=playlist_id)
        except CollectorError as exc:
            log.warning("Mirror %s: could not queue downloads: %s", mirror.name, exc)

    def _library_rows(self, track_ids: list[int]):
        from cdcollector.services.library import LibraryService

        return LibraryService(self.ctx).tracks(track_ids)

    def _pause(self, run_id: int, source_id: int, reason: str, wait: timedelta) -> SyncRunView:
        with self.ctx.db.write_session() as session:
            source = self._source(session, source_id)
            source.paused_until = datetime.now(UTC) + wait
            source.pause_reason = reason
        return self._finish(run_id, "paused", error=reason)

    def _refuse(self, run_id: int, source_id: int, reason: str) -> SyncRunView:
        """A refusal for good: no timer retries until a sync the user asks for succeeds."""
        with self.ctx.db.write_session() as session:
            source = self._source(session, source_id)
            source.refused_reason = reason
            source.paused_until = None
            source.pause_reason = None
        return self._finish(run_id, "refused", error=reason)

    def _finish(self, run_id: int, status: str, error: str | None = None) -> SyncRunView:
        with self.ctx.db.write_session() as session:
            run = session.get(SyncRun, run_id)
            run.status, run.error, run.finished_at = status, error, utcnow()
            if status == "unchanged":
                source = session.get(SyncSource, run.source_id)
                source.last_synced_at = run.finished_at
            return SyncRunView.of(run)

    @staticmethod
    def _source(session, source_id: int) -> SyncSource:
        source = session.get(SyncSource, source_id)
        if source is None:
            raise NotFoundError(f"Mirror {source_id} does not exist.")
        return source

