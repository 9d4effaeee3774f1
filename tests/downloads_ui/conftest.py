"""Fixtures for the Downloads pane: a bus context, the real download service (paused, or live
against the loopback media server with the fake provider) and a pane over it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from cdcollector.domain.types import DownloadState, ScoredCandidate, Source, TrackRef
from cdcollector.downloads import job_store
from cdcollector.services import download_provider
from cdcollector.services.container import Services
from cdcollector.services.download_views import DownloadJobView
from tests.fakes.media_provider import FakeMedia
from tests.fakes.media_server import audio_cache, media_server, offline  # noqa: F401


def ref(title: str, artist: str = "The Band", **extra) -> TrackRef:
    values = {"artists": (artist,), "album": "Album", "duration_s": 2.0,
              "source": Source.SPOTIFY, "id": f"sp-{title}"}
    values.update(extra)
    return TrackRef(title=title, **values)


def set_state(ctx, job_id: int, state: DownloadState, **values) -> None:
    """What the engine would write for a job, then the bus signal it would send."""
    job_store.update(ctx.db, job_id, state=state, **values)
    ctx.emit("download_job_changed", job_id)


def put_in_review(ctx, job_id: int, candidates: list[ScoredCandidate]) -> None:
    set_state(ctx, job_id, DownloadState.NEEDS_REVIEW, match_score=candidates[0].score,
              candidates_json=job_store.candidates_to_json(candidates))


def view(job_id: int, state: DownloadState = DownloadState.QUEUED, **values) -> DownloadJobView:
    fields = {"title": f"Song {job_id}", "artist": "Band", "album": "Album", "progress": 0.0,
              "speed_bps": None, "eta_s": None, "score": None, "error": None,
              "expected_duration_s": 200.0}
    fields.update(values)
    return DownloadJobView(id=job_id, state=state, **fields)


class Spy:
    """Counts a model's structural signals and the rows dataChanged touched."""

    def __init__(self, model):
        self.resets = self.inserted = self.removed = 0
        self.changed_rows: list[int] = []
        model.modelReset.connect(lambda: self._add("resets"))
        model.rowsInserted.connect(lambda *_: self._add("inserted"))
        model.rowsRemoved.connect(lambda *_: self._add("removed"))
        model.dataChanged.connect(lambda first, last, *_: self.changed_rows.extend(
            range(first.row(), last.row() + 1)))

    def _add(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)


@pytest.fixture
def fake_media(monkeypatch, offline):  # noqa: F811
    media = FakeMedia()
    monkeypatch.setattr(download_provider, "PROVIDER_FACTORY", media.provider)
    return media


@pytest.fixture
def services(bus_ctx, fake_media):
    services = Services(bus_ctx)
    yield services
    QThreadPool.globalInstance().waitForDone()
    downloads = services.__dict__.get("downloads")
    if downloads is not None:
        downloads.shutdown()


@pytest.fixture
def paused(services):
    """The real DownloadService on the real DB, its engine paused so queued jobs stay put."""
    service = services.downloads
    service.pause_all()
    return service


@pytest.fixture
def make_pane(qtbot, services):
    from cdcollector.ui.panes.downloads import DownloadsPane

    def build(wait: bool = True) -> DownloadsPane:
        pane = DownloadsPane(services)
        qtbot.addWidget(pane)
        pane.resize(1000, 420)
        pane.show()
        if wait:
            qtbot.waitUntil(lambda: pane.loaded or pane.is_blocked)
            idle(qtbot, pane)
        return pane

    return build


def idle(qtbot, pane) -> None:
    """Wait until every bus signal so far has reached the table and no action call runs."""
    qtbot.waitUntil(lambda: not pane.busy)
