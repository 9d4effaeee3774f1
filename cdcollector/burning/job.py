"""One burn on its own thread: prepare the tracks, write the disc, report phases and progress."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from cdcollector.burning.backends.base import BurnerBackend, BurnOptions, BurnResult, DiscSpec
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import CancelledError, CollectorError

log = logging.getLogger(__name__)

# share of the overall bar: decoding first, then writing, then fixating
PREPARE_SHARE, FIXATE_SHARE = 0.35, 0.03
MIN_INTERVAL_S = 0.1  # repeats of one message reach the UI at most ten times a second

# fraction of the preparation done (0–1), one-line message
PrepareProgress = Callable[[float, str], None]
PrepareFn = Callable[[PrepareProgress, CancelToken], DiscSpec]


@dataclass(frozen=True)
class BurnUpdate:
    phase: str  # preparing | writing | fixating | done
    fraction: float  # of the whole job, 0–1
    message: str
    past_point_of_no_return: bool = False


@dataclass(frozen=True)
class JobOutcome:
    result: str  # ok | failed | cancelled
    message: str
    burn: BurnResult | None = None
    disc: DiscSpec | None = None

    @property
    def ok(self) -> bool:
        return self.result == "ok"


def overall_fraction(phase: str, fraction: float) -> float:
    """A backend's (phase, fraction of that phase) on the job's single 0–1 bar."""
    fraction = min(max(fraction, 0.0), 1.0)
    write_share = 1.0 - PREPARE_SHARE - FIXATE_SHARE
    if phase == "preparing":
        return PREPARE_SHARE * fraction
    if phase == "writing":
        return PREPARE_SHARE + write_share * fraction
    if phase == "fixating":
        return PREPARE_SHARE + write_share + FIXATE_SHARE * (fraction if fraction < 1 else 0.0)
    return 1.0


class BurnJob:
    """Runs `prepare` then `backend.burn`; `run()` in the caller's thread or `start()` a thread."""

    def __init__(self, backend: BurnerBackend, options: BurnOptions, prepare: PrepareFn,
                 on_update: Callable[[BurnUpdate], None] | None = None,
                 on_finished: Callable[[JobOutcome], None] | None = None):
        self.backend = backend
        self.options = options
        self.prepare = prepare
        self.on_update = on_update
        self.on_finished = on_finished
        self.token = CancelToken()
        self.outcome: JobOutcome | None = None
        self._thread: threading.Thread | None = None
        self._last: tuple[str, str, float] = ("", "", 0.0)

    # --- control -----------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="burn-job", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> JobOutcome | None:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.outcome

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def past_point_of_no_return(self) -> bool:
        return self.backend.past_point_of_no_return()

    def cancel_warning(self) -> str:
        """What cancelling now means, for the confirmation the UI shows before it cancels."""
        if self.options.simulate:
            return "This is a simulation: cancelling is safe."
        if self.past_point_of_no_return():
            return ("Writing has started: cancelling now will most likely ruin the disc. "
                    "Cancel anyway?")
        return "Nothing has been written yet: cancelling now leaves the disc untouched."

    def cancel(self) -> str:
        message = self.cancel_warning()
        self.token.cancel()
        return message

    # --- the work ----------------------------------------------------------------------------

    def run(self) -> JobOutcome:
        disc = None
        try:
            self._emit("preparing", 0.0, "Preparing the tracks")
            disc = self.prepare(self._prepare_progress, self.token)
            self.token.raise_if_cancelled()
            result = self.backend.burn(disc, self.options, self._backend_progress, self.token)
            outcome = JobOutcome("ok", result.message, result, disc)
            self._emit("done", 1.0, result.message, force=True)
        except CancelledError as exc:
            outcome = JobOutcome("cancelled", exc.message, None, disc)
        except CollectorError as exc:
            outcome = JobOutcome("failed", exc.message, None, disc)
        except Exception as exc:  # a bug must still end the job with a message, not a hang
            log.exception("burn job crashed")
            outcome = JobOutcome("failed", f"The burn stopped because of an internal error: "
                                           f"{exc}", None, disc)
        self.outcome = outcome
        if self.on_finished is not None:
            self.on_finished(outcome)
        return outcome

    def _prepare_progress(self, fraction: float, message: str) -> None:
        self._emit("preparing", fraction, message)

    def _backend_progress(self, phase: str, fraction: float, message: str) -> None:
        if phase != "done":  # the job reports "done" itself, once, after burn() returned
            self._emit(phase, fraction, message)

    def _emit(self, phase: str, fraction: float, message: str, force: bool = False) -> None:
        if self.on_update is None:
            return
        now = time.monotonic()
        last_phase, last_message, last_time = self._last
        same = phase == last_phase and message == last_message
        if not force and same and now - last_time < MIN_INTERVAL_S:
            return
        self._last = (phase, message, now)
        self.on_update(BurnUpdate(phase, overall_fraction(phase, fraction), message,
                                  self.past_point_of_no_return()))
