"""Burner service: drives and media, plans and refusals, burn jobs and their history."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import col, select

from cdcollector.burning import layout as disc_layout
from cdcollector.burning.backends.base import BurnerBackend, BurnOptions, Drive, MediaInfo
from cdcollector.burning.backends.registry import (
    NOT_AVAILABLE,
    create_backend,
    get_backend,
    platform_order,
)
from cdcollector.burning.job import BurnJob, BurnUpdate, JobOutcome
from cdcollector.burning.layout import DiscLayout, FitCheck, GapPolicy, LayoutTrack
from cdcollector.burning.planner import DiscPlan, plan_discs
from cdcollector.domain.bounds import finite_duration
from cdcollector.domain.errors import BurnError, MediaError, NoDriveError, NotFoundError
from cdcollector.domain.types import TrackRef
from cdcollector.library.models import BurnJob as BurnJobRow
from cdcollector.services.burn_records import BurnRecord, record_from_row, snapshot_tracks
from cdcollector.services.context import AppContext
from cdcollector.services.leftovers import burn_lock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BurnRequest:
    """What the user chose; None means "use the setting"."""

    backend: str = "auto"
    device: str | None = None
    speed: int | None = None
    simulate: bool | None = None
    eject: bool | None = None
    gap_s: float | None = None
    gapless_albums: bool | None = None
    normalize: str | None = None
    media_minutes: int | None = None
    out_dir: str | None = None
    name: str | None = None
    check_media: bool = True
    disc_number: int | None = None  # burn only this disc of the multi-disc plan


@dataclass(frozen=True)
class BackendInfo:
    name: str
    available: bool
    writes_cdtext: bool
    note: str = ""  # e.g. why it is missing, or that it writes no CD-TEXT


@dataclass(frozen=True)
class Refusal:
    kind: str  # missing_files | over_capacity | no_media | not_blank
    message: str
    action: str  # download | multi_disc | insert_disc
    detail: tuple[str, ...] = ()


@dataclass(frozen=True)
class BurnPlan:
    name: str
    playlist_id: int | None
    tracks: tuple[LayoutTrack, ...]
    snapshot: tuple[dict, ...]
    layout: DiscLayout
    fit: FitCheck
    policy: GapPolicy
    missing: tuple[str, ...] = ()  # titles of tracks without a file on disk
    discs: DiscPlan | None = None  # the multi-disc plan when it does not fit
    track_ids: tuple[int | None, ...] = field(default_factory=tuple)


class BurnerService:
    def __init__(self, ctx: AppContext,
                 backend_factory: Callable[[str, object], BurnerBackend] = get_backend):
        self.ctx = ctx
        self._backend_factory = backend_factory
        self.job: BurnJob | None = None
        self.job_id: int | None = None

    # --- drives and media ----------------------------------------------------------------------

    def backends(self) -> list[BackendInfo]:
        """Every backend of this platform, usable or not (and why not)."""
        found = []
        for name in platform_order():
            backend = create_backend(name)
            available = backend.available()
            note = (getattr(backend, "cdtext_note", "") if available
                    else NOT_AVAILABLE.get(name, ""))
            found.append(BackendInfo(name, available, backend.writes_cdtext, note))
        return found

    def backend(self, name: str | None = "auto") -> BurnerBackend:
        return self._backend_factory(name or "auto", self.ctx.settings)

    def drives(self, backend: str | None = "auto") -> list[Drive]:
        return self.backend(backend).list_drives()

    def probe_media(self, device: str, backend: str | None = "auto") -> MediaInfo:
        return self.backend(backend).probe_media(device)

    # --- planning ------------------------------------------------------------------------------

    def plan(self, playlist_id: int, request: BurnRequest = BurnRequest(),
             capacity_sectors: int | None = None) -> BurnPlan:
        from cdcollector.services.playlists import PlaylistService

        playlists = PlaylistService(self.ctx)
        info = playlists.get(playlist_id)
        snapshot = snapshot_tracks(playlists.entries(playlist_id))
        return self.plan_snapshot(info.name, playlist_id, snapshot, request, capacity_sectors)

    def missing_refs(self, playlist_id: int) -> list[TrackRef]:
        """The playlist's tracks that have no file on this computer, for the download queue."""
        from cdcollector.services.playlists import PlaylistService

        return [e.track.to_ref() for e in PlaylistService(self.ctx).entries(playlist_id)
                if not has_file(e.track.path)]

    def plan_snapshot(self, name: str, playlist_id: int | None, snapshot: list[dict],
                      request: BurnRequest, capacity_sectors: int | None = None) -> BurnPlan:
        settings = self.ctx.settings
        policy = GapPolicy(
            default_s=settings.burner_gap_s if request.gap_s is None else request.gap_s,
            gapless_albums=(settings.burner_gapless_albums if request.gapless_albums is None
                            else request.gapless_albums))
        tracks = tuple(
            LayoutTrack(title=s["title"], performer=s["artist"], album=s["album"],
                        duration_s=finite_duration(s["duration_s"]),
                        path=Path(s["path"]) if s["path"] else None,
                        gap_after_s=s["gap_after_s"], isrc=s["isrc"])
            for s in snapshot)
        missing = tuple(s["title"] for s in snapshot if not has_file(s["path"]))
        minutes = request.media_minutes or settings.burner_media_minutes
        capacity = disc_layout.capacity_sectors(minutes, capacity_sectors)
        if request.disc_number is not None:
            name, snapshot, tracks = pick_disc(name, snapshot, tracks, capacity, policy,
                                               request.disc_number)
            missing = tuple(s["title"] for s in snapshot if not has_file(s["path"]))
        layout = disc_layout.build_layout(tracks, policy)
        fit = layout.check(capacity)
        discs = None if fit.ok or not tracks else plan_discs(tracks, capacity, policy)
        return BurnPlan(name, playlist_id, tracks, tuple(snapshot), layout, fit, policy, missing,
                        discs, tuple(s["track_id"] for s in snapshot))

    def refusals(self, plan: BurnPlan, media: MediaInfo | None = None) -> list[Refusal]:
        """Why this burn cannot start, each with the way forward the UI should offer."""
        found = []
        if plan.missing:
            count = len(plan.missing)
            found.append(Refusal(
                "missing_files",
                f"{count} track{'s have' if count != 1 else ' has'} no audio file on this "
                f"computer (first: “{plan.missing[0]}”). Download them first.",
                "download", plan.missing))
        if not plan.fit.ok:
            detail = tuple(plan.discs.text().splitlines()) if plan.discs and plan.discs.ok else ()
            more = (f" It fits on {len(plan.discs.discs)} discs." if plan.discs and plan.discs.ok
                    else "")
            found.append(Refusal("over_capacity", " ".join(plan.fit.problems) + more,
                                 "multi_disc", detail))
        if media is not None and not media.present:
            found.append(Refusal("no_media", "There is no disc in the burner. Insert a blank "
                                             "CD-R.", "insert_disc"))
        elif media is not None and not media.blank:
            found.append(Refusal("not_blank", f"The disc in the burner is not blank "
                                              f"({media.detail}) Insert a blank CD-R.",
                                 "insert_disc"))
        return found

    # --- burning -------------------------------------------------------------------------------

    def options_for(self, backend: BurnerBackend, request: BurnRequest, name: str) -> BurnOptions:
        settings = self.ctx.settings
        if backend.name == "image" and not request.out_dir:
            raise BurnError("Choose a folder to write the disc image to.")
        device = request.device or settings.burner_device or None
        if backend.name != "image" and not device:
            drives = backend.list_drives()
            if not drives:
                raise NoDriveError("No CD burner was found. You can create a disc image "
                                   "instead (backend “image”).")
            device = drives[0].id
        return BurnOptions(
            device=device,
            speed=settings.burner_speed if request.speed is None else request.speed,
            simulate=settings.burner_simulate if request.simulate is None else request.simulate,
            eject=settings.burner_eject if request.eject is None else request.eject,
            out_dir=Path(request.out_dir) if request.out_dir else None,
            name=request.name or name,
        )

    def start(self, playlist_id: int, request: BurnRequest = BurnRequest(),
              on_update: Callable[[BurnUpdate], None] | None = None,
              on_finished: Callable[[JobOutcome], None] | None = None) -> BurnJob:
        """Check, record and start a burn of a library playlist on its own thread."""
        return self._start(lambda cap: self.plan(playlist_id, request, cap), request,
                           on_update, on_finished)

    def burn_again(self, burn_job_id: int, request: BurnRequest | None = None,
                   on_update: Callable[[BurnUpdate], None] | None = None,
                   on_finished: Callable[[JobOutcome], None] | None = None) -> BurnJob:
        """The same tracks as an earlier burn (from its snapshot, even if the playlist changed)."""
        with self.ctx.db.session() as session:
            row = session.get(BurnJobRow, burn_job_id)
            if row is None:
                raise NotFoundError(f"There is no burn {burn_job_id} in the history.")
            snapshot = json.loads(row.snapshot_json)
            earlier = json.loads(row.options_json)
            name, playlist_id = row.playlist_name, row.playlist_id
        if request is None:
            known = {f for f in BurnRequest.__dataclass_fields__}
            request = BurnRequest(**{k: v for k, v in earlier.items() if k in known})
        return self._start(lambda cap: self.plan_snapshot(name, playlist_id, snapshot, request,
                                                          cap),
                           request, on_update, on_finished)

    def _start(self, make_plan, request: BurnRequest, on_update, on_finished) -> BurnJob:
        if self.job is not None and self.job.running:
            raise BurnError("A burn is already running; wait for it or cancel it first.")
        backend = self.backend(request.backend)
        plan = make_plan(None)
        options = self.options_for(backend, request, plan.name)
        media = None
        if backend.name != "image" and request.check_media:
            media = backend.probe_media(options.device)
            if media.present and media.capacity_sectors:
                plan = make_plan(media.capacity_sectors)
        refusals = self.refusals(plan, media)
        if refusals:
            raise (MediaError if refusals[0].kind in ("no_media", "not_blank") else BurnError)(
                refusals[0].message)
        job_id = self._record_start(plan, backend, options, request)
        # Held while the burn runs: a start meanwhile leaves its row and temporary files alone.
        lock = burn_lock(self.ctx.paths, job_id)
        lock.acquire()
        holder: dict = {}

        def updated(update: BurnUpdate) -> None:
            self.ctx.emit("burn_progress", update.phase, update.fraction, update.message)
            if on_update is not None:
                on_update(update)

        def finished(outcome: JobOutcome) -> None:
            self._record_finish(job_id, outcome, holder.get("prepared"))
            lock.release()
            self.ctx.emit("burn_finished", job_id, outcome.result, outcome.message)
            if on_finished is not None:
                on_finished(outcome)

        prepare = self._prepare_fn(plan, backend, request, holder)
        self.job, self.job_id = BurnJob(backend, options, prepare, updated, finished), job_id
        self.job.start()
        return self.job

    def _prepare_fn(self, plan: BurnPlan, backend: BurnerBackend, request: BurnRequest,
                    holder: dict):
        from cdcollector.burning.loudness import LevelItem, plan_gains
        from cdcollector.burning.prepare import prepare_disc

        mode = request.normalize or self.ctx.settings.burner_normalize
        capacity = plan.fit.capacity_sectors
        title, performer = plan.name, disc_performer(plan.tracks)
        cache_dir = self.ctx.paths.burn_cache_dir

        def prepare(progress, cancel):
            # levelling first measures every track: the first half of the preparation
            start = 0.0 if mode == "off" else 0.5

            def measured(done: int, total: int, label: str) -> None:
                progress(start * done / total, f"Measuring loudness {done} of {total}: {label}")

            def decoded(done: int, total: int, label: str) -> None:
                progress(start + (1 - start) * done / total,
                         f"Preparing track {done} of {total}: {label}")

            items = [LevelItem(t.path, t.album, t.duration_s) for t in plan.tracks]
            gains = plan_gains(items, mode, cancel=cancel, progress=measured)
            prepared = prepare_disc(plan.tracks, cache_dir, title=title, performer=performer,
                                    policy=plan.policy, gains=gains,
                                    with_cdtext=backend.writes_cdtext,
                                    progress=decoded, cancel=cancel)
            holder["prepared"] = prepared
            prepared.layout.check(capacity).enforce()  # exact lengths may differ from tags
            return prepared.spec

        return prepare

    def cancel(self) -> str:
        if self.job is None or not self.job.running:
            return "No burn is running."
        return self.job.cancel()

    def shutdown(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.job.wait(10)

    # --- history -------------------------------------------------------------------------------

    def _record_start(self, plan: BurnPlan, backend: BurnerBackend, options: BurnOptions,
                      request: BurnRequest) -> int:
        layout = layout_dict(plan.layout, plan.fit.capacity_sectors)
        row = BurnJobRow(
            playlist_id=plan.playlist_id, playlist_name=plan.name,
            snapshot_json=json.dumps(list(plan.snapshot), ensure_ascii=False),
            layout_json=json.dumps(layout), options_json=json.dumps(asdict(request)),
            backend=backend.name, device=options.device,
            output_path=str(options.out_dir) if options.out_dir else None)
        with self.ctx.db.session() as session:
            session.add(row)
            session.flush()
            return int(row.id)

    def _record_finish(self, job_id: int, outcome: JobOutcome, prepared) -> None:
        try:
            with self.ctx.db.session() as session:
                row = session.get(BurnJobRow, job_id)
                row.result = outcome.result
                row.error = None if outcome.ok else outcome.message
                row.finished_at = datetime.now(UTC)
                if prepared is not None:
                    row.checksums_json = json.dumps(
                        [{"number": t.number, "sha1": a.sha1, "sectors": a.sectors}
                         for t, a in zip(prepared.spec.tracks, prepared.audio, strict=True)])
                    capacity = json.loads(row.layout_json)["capacity_sectors"]
                    row.layout_json = json.dumps(layout_dict(prepared.layout, capacity))
                if outcome.burn is not None and outcome.burn.output_files:
                    row.output_path = str(outcome.burn.output_files[0].parent)
        except Exception:  # the burn itself is over; a history write must not hide its result
            log.exception("could not record the end of burn %s", job_id)

    def history(self, limit: int = 50) -> list[BurnRecord]:
        with self.ctx.db.session() as session:
            rows = session.exec(select(BurnJobRow).order_by(col(BurnJobRow.id).desc())
                                .limit(limit)).all()
            return [record_from_row(r) for r in rows]


def has_file(path: str | Path | None) -> bool:
    """A track can be burned only when its file is on disk now (the library may be stale)."""
    return bool(path) and Path(path).is_file()


def layout_dict(layout: DiscLayout, capacity_sectors: int) -> dict:
    """Where each track sits on the disc, as stored in `burn_job.layout_json`."""
    return {"capacity_sectors": capacity_sectors, "used_sectors": layout.used_sectors,
            "tracks": [{"number": e.number, "start": e.start, "pregap": e.pregap,
                        "length": e.length} for e in layout.entries]}


def pick_disc(name: str, snapshot: list[dict], tracks: tuple[LayoutTrack, ...], capacity: int,
              policy: GapPolicy, number: int) -> tuple[str, list[dict], tuple[LayoutTrack, ...]]:
    """Disc `number` of the multi-disc plan: its name, snapshot slice and tracks."""
    plan = plan_discs(tracks, capacity, policy).enforce()
    if not 1 <= number <= len(plan.discs):
        raise BurnError(f"The plan has {len(plan.discs)} disc(s); there is no disc {number}.")
    disc = plan.discs[number - 1]
    stop = disc.first_index + len(disc.tracks)
    label = f"{name} (disc {number} of {len(plan.discs)})" if len(plan.discs) > 1 else name
    return label, snapshot[disc.first_index:stop], tracks[disc.first_index:stop]


def disc_performer(tracks) -> str:
    """The one artist of every track, or "Various Artists"."""
    names = {t.performer.strip() for t in tracks if t.performer.strip()}
    return names.pop() if len(names) == 1 else "Various Artists"
